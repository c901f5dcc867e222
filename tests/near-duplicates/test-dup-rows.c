/* test-dup-rows.c: an index file's entries loaded as rows (dup-store.c,
 * dup_index_begin_rows): a copy's row is read back and found, with its
 * id, time and similarity; a candidate whose fingerprint cannot reach
 * the threshold is not read back; one that passes the fingerprint but
 * not the threshold is read back and refused; a row deleted since the
 * load, a rowid reused by another row, and a damaged row (signature of
 * the wrong length, NULL, of another type; no id) are no candidates, the
 * damaged ones with a warning that names the file; a damaged row at the
 * load is an error naming the entry; ties between rows go to the first
 * met by a shared band, and a row is passed over when older than the lookup's min_t.
 * A file that is no index (another program's database, no database, a
 * directory) is refused when the store opens, and left as it was.
 * At the window's edges: the load keeps the entry at min_t, a commit
 * deletes those older; a failed commit rolls back and can be made again;
 * a commit waits for another writer; rowids too far apart for a row's
 * 32 bits are loaded whole, where a row without id is an error. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include <galley/galley.h>

#include "dup-index.h"
#include "dup-store.h"

#define T0 1700000000

static char *dir, *path;
static GString *warnings;

static void
catch_warning (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  g_string_append_printf (warnings, "%s\n", message);
}

static void
setup (void)
{
  dir = g_dir_make_tmp ("galley-dup-rows-XXXXXX", NULL);
  ck_assert_ptr_nonnull (dir);
  path = g_build_filename (dir, "index.db", NULL);
  warnings = g_string_new (NULL);
  g_log_set_default_handler (catch_warning, NULL);
}

static void
teardown (void)
{
  g_log_set_default_handler (g_log_default_handler, NULL);
  g_unlink (path);
  g_rmdir (dir);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&dir, g_free);
  g_string_free (warnings, TRUE);
}

/* signature @n: bytes that differ from every other's */
static void
signature (guint n, guint8 *sig)
{
  GRand *rng = g_rand_new_with_seed (n + 1);

  for (guint k = 0; k < MINHASH_K; k++)
    sig[k] = (guint8) g_rand_int (rng);
  g_rand_free (rng);
}

static DupStore *
store_open (void)
{
  g_autoptr (GError) error = NULL;
  DupStore *store = dup_store_open (path, "oph96x8 shingle=3", &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  return store;
}

/* writes entries "doc-0" .. of signatures 0 .. @n - 1, times T0 + e */
static void
write_entries (guint n)
{
  DupStore *store = store_open ();
  DupIndex *index = dup_index_new ();
  g_autoptr (GError) error = NULL;
  guint8 sig[MINHASH_K];

  for (guint e = 0; e < n; e++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%u", e);

      signature (e, sig);
      dup_index_add (index, id, T0 + e, sig);
    }
  ck_assert_msg (dup_store_commit (store, index, 0, 0, &error), "%s", error ? error->message : "");
  dup_index_free (index);
  dup_store_free (store);
}

/* another connection to the file changes it, as another run would */
static void
change_file (const char *sql)
{
  sqlite3 *db = NULL;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg (db));
  sqlite3_close (db);
}

/* the number of the file's entries that match @where (SQL, or "") */
static gint64
count_entries (const char *where)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM entries %s", where);
  gint64 n;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (st), SQLITE_ROW);
  n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return n;
}

typedef struct {
  DupStore *store;
  DupIndex *index;
} Loaded;

static Loaded
load (void)
{
  Loaded l = { store_open (), dup_index_new () };
  g_autoptr (GError) error = NULL;

  ck_assert_msg (dup_store_load (l.store, l.index, 0, &error), "%s", error ? error->message : "");
  return l;
}

static void
unload (Loaded *l)
{
  dup_index_free (l->index);
  dup_store_free (l->store);
}

static DupIndexStats
stats (const Loaded *l)
{
  DupIndexStats s;

  dup_index_get_stats (l->index, &s);
  return s;
}

START_TEST (test_a_copy_s_row_is_read_back_and_found)
{
  Loaded l;
  guint8 sig[MINHASH_K];
  double sim = 0;

  write_entries (100);
  l = load ();
  ck_assert_uint_eq (dup_index_get_n (l.index), 100);
  signature (42, sig);
  /* the last 48 bytes changed: 48 of 96 agree */
  for (guint k = 48; k < MINHASH_K; k++)
    sig[k] ^= 0x55;
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.45, &sim), 42);
  ck_assert_double_eq (sim, (48.0 / 96 - 1.0 / 256) / (1.0 - 1.0 / 256));
  ck_assert_str_eq (dup_index_get_id (l.index, 42), "doc-42");
  ck_assert_int_eq (dup_index_get_time (l.index, 42), T0 + 42);
  ck_assert_uint_eq (stats (&l).rows_read, 1);
  ck_assert_uint_eq (stats (&l).rows_shared, 1);
  ck_assert_str_eq (warnings->str, "");
  unload (&l);
}
END_TEST

/* a row read back whose similarity is exactly the threshold is a copy,
 * as an entry in memory is */
START_TEST (test_a_row_at_the_threshold_is_a_copy)
{
  Loaded l;
  guint8 sig[MINHASH_K];
  double at = (48.0 / 96 - 1.0 / 256) / (1.0 - 1.0 / 256), sim = 0;

  write_entries (100);
  l = load ();
  signature (42, sig);
  for (guint k = 48; k < MINHASH_K; k++)
    sig[k] ^= 0x55;
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, at, &sim), 42);
  ck_assert_double_eq (sim, at);
  unload (&l);
}
END_TEST

/* a row not returned by a lookup is read back for its id, time and
 * signature */
START_TEST (test_a_row_s_id_time_and_signature_are_read_back)
{
  Loaded l;
  guint8 sig[MINHASH_K];

  write_entries (10);
  l = load ();
  signature (7, sig);
  ck_assert_str_eq (dup_index_get_id (l.index, 7), "doc-7");
  ck_assert_int_eq (dup_index_get_time (l.index, 3), T0 + 3);
  ck_assert_mem_eq (dup_index_get_signature (l.index, 7), sig, MINHASH_K);
  unload (&l);
}
END_TEST

/* doc-42's signature with every byte but the first three (band 0's)
 * XORed with @mask: not found, and read back @rows_read times */
static void
lookup_sharing_band_0 (guint8 mask, guint rows_read)
{
  Loaded l;
  guint8 sig[MINHASH_K];

  write_entries (100);
  l = load ();
  signature (42, sig);
  for (guint k = 3; k < MINHASH_K; k++)
    sig[k] ^= mask;
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), -1);
  ck_assert_uint_eq (stats (&l).rows_read, rows_read);
  ck_assert_uint_eq (stats (&l).rows_shared, rows_read);
  unload (&l);
}

/* low bits changed: its bound is 3 of 96, and the row is not read */
START_TEST (test_a_fingerprint_under_the_threshold_is_not_read_back)
{
  lookup_sharing_band_0 (1, 0);
}
END_TEST

/* the same low bits, other bytes: the fingerprint passes, the signature
 * read back does not */
START_TEST (test_a_fingerprint_s_match_is_read_back_and_refused)
{
  lookup_sharing_band_0 (4, 1);
}
END_TEST

START_TEST (test_a_row_deleted_since_the_load_is_no_candidate)
{
  Loaded l;
  guint8 sig[MINHASH_K];

  write_entries (100);
  l = load ();
  change_file ("DELETE FROM entries WHERE id = 'doc-42'");
  signature (42, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), -1);
  ck_assert_uint_eq (stats (&l).rows_read, 1);
  ck_assert_uint_eq (stats (&l).rows_shared, 0);
  ck_assert_str_eq (warnings->str, "");
  /* the others are still found */
  signature (41, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), 41);
  unload (&l);
}
END_TEST

/* the last row deleted, and its rowid given to a new row */
START_TEST (test_a_reused_rowid_is_no_candidate)
{
  Loaded l;
  guint8 sig[MINHASH_K];

  write_entries (100);
  l = load ();
  change_file ("DELETE FROM entries WHERE id = 'doc-99';"
               "INSERT INTO entries SELECT 'other', t, sig FROM entries WHERE id = 'doc-0'");
  signature (99, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), -1);
  ck_assert_uint_eq (stats (&l).rows_read, 1);
  ck_assert_uint_eq (stats (&l).rows_shared, 0);
  unload (&l);
}
END_TEST

static void
damaged_row_is_passed_over (const char *sql)
{
  Loaded l;
  guint8 sig[MINHASH_K];
  g_autofree char *want = NULL;

  write_entries (100);
  l = load ();
  change_file (sql);
  signature (42, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), -1);
  ck_assert_uint_eq (stats (&l).rows_shared, 0);
  want = g_strdup_printf ("near-duplicates: index '%s': row 43 is damaged", path);
  ck_assert_msg (g_str_has_prefix (warnings->str, want), "%s", warnings->str);
  ck_assert_msg (strstr (warnings->str, "; delete the file\n") != NULL, "%s", warnings->str);
  /* met again, read again, and not warned about again */
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), -1);
  ck_assert_uint_eq (stats (&l).rows_read, 2);
  ck_assert_ptr_eq (strchr (warnings->str, '\n'), warnings->str + warnings->len - 1);
  signature (41, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), 41);
  unload (&l);
}

START_TEST (test_a_short_signature_read_back_is_passed_over)
{
  damaged_row_is_passed_over ("UPDATE entries SET sig = x'0102' WHERE id = 'doc-42'");
  ck_assert_str_eq (strstr (warnings->str, "(an"), "(an id of type 3, a signature of 2 bytes, "
                    "not 96) and is passed over; delete the file\n");
}
END_TEST

START_TEST (test_a_null_signature_read_back_is_passed_over)
{
  /* NOT NULL is in the schema: a file changed by hand or damaged */
  change_file ("CREATE TABLE entries (id TEXT, t INTEGER, sig BLOB)");
  damaged_row_is_passed_over ("UPDATE entries SET sig = NULL WHERE id = 'doc-42'");
}
END_TEST

START_TEST (test_a_signature_of_another_type_read_back_is_passed_over)
{
  damaged_row_is_passed_over ("UPDATE entries SET sig = 12345 WHERE id = 'doc-42'");
}
END_TEST

START_TEST (test_a_row_without_id_read_back_is_passed_over)
{
  change_file ("CREATE TABLE entries (id TEXT, t INTEGER, sig BLOB)");
  damaged_row_is_passed_over ("UPDATE entries SET id = NULL WHERE rowid = 43");
}
END_TEST

/* doc-4's signature changed by @sql to one of @bytes bytes: the load
 * fails with an error that names the file and the entry */
static void
damaged_row_at_the_load_is_an_error (const char *sql, int bytes)
{
  DupStore *store;
  DupIndex *index = dup_index_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *want = NULL;

  write_entries (10);
  change_file (sql);
  store = store_open ();
  ck_assert (!dup_store_load (store, index, 0, &error));
  want = g_strdup_printf ("index '%s': entry 'doc-4' has a signature of %d bytes, not 96: "
                          "the file is damaged; delete it", path, bytes);
  ck_assert_str_eq (error->message, want);
  ck_assert_uint_eq (dup_index_get_n (index), 0);
  dup_index_free (index);
  dup_store_free (store);
}

START_TEST (test_a_damaged_row_at_the_load_is_an_error)
{
  damaged_row_at_the_load_is_an_error ("UPDATE entries SET sig = x'0102' WHERE id = 'doc-4'", 2);
}
END_TEST

/* "a" is met first, in band 0, by the frozen table's tag only (its band
 * differs in bytes the tag does not hold), and shares band 5; "b" shares
 * band 1; both agree on 81 bytes. The tie goes to "b", met first by a
 * band it shares, as if the signatures were in memory. */
START_TEST (test_ties_between_rows_go_to_the_first_met_by_a_shared_band)
{
  DupStore *store = store_open ();
  DupIndex *index = dup_index_new ();
  g_autoptr (GError) error = NULL;
  guint8 sig[MINHASH_K], other[MINHASH_K];
  double sim = 0;
  Loaded l;

  signature (1, sig);
  memcpy (other, sig, MINHASH_K);
  for (guint k = 0; k < 15; k++)
    other[k] ^= k == 2 ? 0 : 0x10;
  other[95] ^= 0x10;
  dup_index_add (index, "a", T0, other);
  memcpy (other, sig, MINHASH_K);
  for (guint k = 0; k < 3; k++)
    other[k] ^= 0x10;
  for (guint k = 15; k < 27; k++)
    other[k] ^= 0x10;
  dup_index_add (index, "b", T0, other);
  /* in memory, the same answer */
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), 1);
  ck_assert (dup_store_commit (store, index, 0, 0, &error));
  dup_index_free (index);
  dup_store_free (store);
  l = load ();
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, &sim), 1);
  ck_assert_str_eq (dup_index_get_id (l.index, 1), "b");
  ck_assert_double_eq (sim, (81.0 / 96 - 1.0 / 256) / (1.0 - 1.0 / 256));
  ck_assert_uint_eq (stats (&l).rows_shared, 2);
  unload (&l);
}
END_TEST

START_TEST (test_a_row_older_than_min_t_is_passed_over)
{
  Loaded l;
  guint8 sig[MINHASH_K];

  write_entries (100);
  l = load ();
  signature (42, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, T0 + 43, 0.5, NULL), -1);
  ck_assert_int_eq (dup_index_find (l.index, sig, T0 + 42, 0.5, NULL), 42);
  unload (&l);
}
END_TEST

/* the run's own documents after the rows: found, and written at commit */
START_TEST (test_entries_added_after_the_rows_are_committed)
{
  Loaded l;
  guint8 sig[MINHASH_K];
  g_autoptr (GError) error = NULL;

  write_entries (10);
  l = load ();
  signature (500, sig);
  ck_assert_uint_eq (dup_index_add (l.index, "new", T0 + 500, sig), 10);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), 10);
  ck_assert_str_eq (dup_index_get_id (l.index, 10), "new");
  ck_assert (dup_store_commit (l.store, l.index, 10, 0, &error));
  /* and the rows are read back after the commit, on its connection */
  signature (3, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), 3);
  unload (&l);
  l = load ();
  ck_assert_uint_eq (dup_index_get_n (l.index), 11);
  signature (500, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), 10);
  ck_assert_str_eq (dup_index_get_id (l.index, 10), "new");
  unload (&l);
}
END_TEST

/* store_refuses: dup_store_open (@at) fails with @code and @message,
 * and leaves a file at @at byte for byte as it was */
static void
store_refuses (const char *at, int code, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize n_before = 0, n_after = 0;
  gboolean is_file = g_file_test (at, G_FILE_TEST_IS_REGULAR);

  if (is_file)
    ck_assert (g_file_get_contents (at, &before, &n_before, NULL));
  ck_assert_ptr_null (dup_store_open (at, "oph96x8 shingle=3", &error));
  ck_assert_msg (g_error_matches (error, GALLEY_STAGE_ERROR, code), "%s", error->message);
  ck_assert_str_eq (error->message, message);
  if (is_file)
    {
      ck_assert (g_file_get_contents (at, &after, &n_after, NULL));
      ck_assert (n_after == n_before && memcmp (after, before, n_before) == 0);
    }
}

START_TEST (test_another_program_s_database_is_refused_untouched)
{
  sqlite3 *db;
  g_autofree char *want = g_strdup_printf (
    "index '%s' is not a near-duplicates index: it holds another program's tables "
    "(documents, runs); give index= a file of its own", path);

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "CREATE TABLE runs (id INTEGER);"
                                  "CREATE TABLE documents (id TEXT);"
                                  "CREATE TABLE entries (id TEXT);", NULL, NULL, NULL),
                    SQLITE_OK);
  sqlite3_close (db);
  store_refuses (path, GALLEY_STAGE_ERROR_INPUT, want);
}
END_TEST

START_TEST (test_a_file_that_is_no_database_is_refused_untouched)
{
  g_autofree char *want = g_strdup_printf (
    "index '%s' is not a near-duplicates index (file is not a database)", path);

  ck_assert (g_file_set_contents (path, "{\"id\":\"a\",\"text\":\"not an index\"}\n"
                                  "padding the file past SQLite's header of 100 bytes "
                                  "so that it reads a page, not an empty file\n", -1, NULL));
  store_refuses (path, GALLEY_STAGE_ERROR_INPUT, want);
}
END_TEST

START_TEST (test_a_directory_is_refused)
{
  g_autofree char *want = g_strdup_printf ("index '%s': cannot open: %s", dir,
                                           g_strerror (EISDIR));

  store_refuses (dir, GALLEY_STAGE_ERROR_IO, want);
}
END_TEST

START_TEST (test_an_empty_file_becomes_an_index)
{
  ck_assert (g_file_set_contents (path, "", 0, NULL));
  dup_store_free (store_open ());
}
END_TEST

/* one byte too many is as damaged as too few */
START_TEST (test_a_long_signature_read_back_is_passed_over)
{
  damaged_row_is_passed_over ("UPDATE entries SET sig = sig || x'00' WHERE id = 'doc-42'");
  ck_assert_str_eq (strstr (warnings->str, "(an"), "(an id of type 3, a signature of 97 bytes, "
                    "not 96) and is passed over; delete the file\n");
}
END_TEST

START_TEST (test_a_long_signature_at_the_load_is_an_error)
{
  damaged_row_at_the_load_is_an_error ("UPDATE entries SET sig = sig || x'00' WHERE id = 'doc-4'", 97);
}
END_TEST

/* an entry exactly at the window's edge (time min_t) is loaded, the one
 * a second older is not */
START_TEST (test_the_load_keeps_the_entry_at_min_t)
{
  DupStore *store;
  DupIndex *index = dup_index_new ();
  g_autoptr (GError) error = NULL;
  guint8 sig[MINHASH_K];

  write_entries (100);
  store = store_open ();
  ck_assert_msg (dup_store_load (store, index, T0 + 42, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (dup_index_get_n (index), 58);
  ck_assert_str_eq (dup_index_get_id (index, 0), "doc-42");
  signature (42, sig);
  ck_assert_int_eq (dup_index_find (index, sig, T0 + 42, 0.5, NULL), 0);
  signature (41, sig);
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), -1);
  dup_index_free (index);
  dup_store_free (store);
}
END_TEST

/* adds entry "far" of signature 500 at rowid 5000000000: more than 2^32
 * after the others, too far for a row's 32 bits */
static void
add_far_entry (void)
{
  GString *sql = g_string_new ("INSERT INTO entries (rowid, id, t, sig) VALUES (5000000000, 'far', 1, x'");
  guint8 sig[MINHASH_K];

  signature (500, sig);
  for (guint k = 0; k < MINHASH_K; k++)
    g_string_append_printf (sql, "%02x", sig[k]);
  g_string_append (sql, "')");
  change_file (sql->str);
  g_string_free (sql, TRUE);
}

/* such a window is loaded whole into memory instead, and every entry
 * is found */
START_TEST (test_rowids_more_than_32_bits_apart_are_loaded_whole)
{
  Loaded l;
  guint8 sig[MINHASH_K];

  write_entries (10);
  add_far_entry ();
  l = load ();
  ck_assert_uint_eq (dup_index_get_n (l.index), 11);
  signature (500, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), 10);
  ck_assert_str_eq (dup_index_get_id (l.index, 10), "far");
  signature (3, sig);
  ck_assert_int_eq (dup_index_find (l.index, sig, 0, 0.5, NULL), 3);
  ck_assert_uint_eq (stats (&l).rows_read, 0);
  unload (&l);
}
END_TEST

/* loaded whole, a row without id is an error that names the file and
 * the row (not its signature, which is whole) */
START_TEST (test_a_row_without_id_loaded_whole_is_an_error)
{
  DupStore *store;
  DupIndex *index = dup_index_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *want = NULL;

  change_file ("CREATE TABLE entries (id TEXT, t INTEGER, sig BLOB)");
  write_entries (10);
  add_far_entry ();
  change_file ("UPDATE entries SET id = NULL WHERE id = 'doc-4'");
  store = store_open ();
  ck_assert (!dup_store_load (store, index, 0, &error));
  want = g_strdup_printf ("index '%s': row 5 has no id: the file is damaged; delete it", path);
  ck_assert_str_eq (error->message, want);
  dup_index_free (index);
  dup_store_free (store);
}
END_TEST

/* a commit deletes the entries older than min_t, and keeps the one at
 * min_t */
START_TEST (test_a_commit_evicts_the_entries_older_than_min_t)
{
  Loaded l;
  g_autoptr (GError) error = NULL;

  write_entries (10);
  l = load ();
  ck_assert_msg (dup_store_commit (l.store, l.index, 10, T0 + 5, &error), "%s",
                 error ? error->message : "");
  unload (&l);
  ck_assert_int_eq (count_entries (""), 5);
  ck_assert_int_eq (count_entries ("WHERE t = " G_STRINGIFY (T0) " + 5"), 1);
}
END_TEST

/* a commit that fails (here an insert refused by a trigger) names the
 * file, rolls back its eviction, and can be made again once the cause is
 * gone, on the same connection */
START_TEST (test_a_failed_commit_leaves_the_file_and_can_be_made_again)
{
  Loaded l;
  guint8 sig[MINHASH_K];
  g_autoptr (GError) error = NULL;
  g_autofree char *want = g_strdup_printf ("index '%s': cannot write: refused", path);

  write_entries (10);
  l = load ();
  signature (500, sig);
  dup_index_add (l.index, "new", T0 + 500, sig);
  change_file ("CREATE TRIGGER refuse BEFORE INSERT ON entries "
               "BEGIN SELECT RAISE (ABORT, 'refused'); END");
  ck_assert (!dup_store_commit (l.store, l.index, 10, T0 + 5, &error));
  ck_assert_str_eq (error->message, want);
  g_clear_error (&error);
  ck_assert_int_eq (count_entries (""), 10);
  change_file ("DROP TRIGGER refuse");
  ck_assert_msg (dup_store_commit (l.store, l.index, 10, T0 + 5, &error), "%s",
                 error ? error->message : "");
  unload (&l);
  ck_assert_int_eq (count_entries (""), 6);
  ck_assert_int_eq (count_entries ("WHERE id = 'new'"), 1);
}
END_TEST

/* another writer holds the file for 300 ms */
static gpointer
release_later (gpointer db)
{
  g_usleep (300 * 1000);
  ck_assert_int_eq (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  return NULL;
}

/* a commit waits for another run's transaction to end (up to 10 s)
 * instead of failing with "database is locked" */
START_TEST (test_a_commit_waits_for_another_writer)
{
  Loaded l;
  guint8 sig[MINHASH_K];
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  GThread *thread;

  write_entries (10);
  l = load ();
  signature (500, sig);
  dup_index_add (l.index, "new", T0 + 500, sig);
  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  thread = g_thread_new ("writer", release_later, db);
  ck_assert_msg (dup_store_commit (l.store, l.index, 10, 0, &error), "%s",
                 error ? error->message : "");
  g_thread_join (thread);
  sqlite3_close (db);
  unload (&l);
  ck_assert_int_eq (count_entries (""), 11);
}
END_TEST

static Suite *
rows_suite (void)
{
  Suite *s = suite_create ("dup-rows");
  TCase *tc = tcase_create ("rows");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_a_copy_s_row_is_read_back_and_found);
  tcase_add_test (tc, test_a_row_s_id_time_and_signature_are_read_back);
  tcase_add_test (tc, test_a_row_at_the_threshold_is_a_copy);
  tcase_add_test (tc, test_a_fingerprint_under_the_threshold_is_not_read_back);
  tcase_add_test (tc, test_a_fingerprint_s_match_is_read_back_and_refused);
  tcase_add_test (tc, test_a_row_deleted_since_the_load_is_no_candidate);
  tcase_add_test (tc, test_a_reused_rowid_is_no_candidate);
  tcase_add_test (tc, test_a_short_signature_read_back_is_passed_over);
  tcase_add_test (tc, test_a_null_signature_read_back_is_passed_over);
  tcase_add_test (tc, test_a_signature_of_another_type_read_back_is_passed_over);
  tcase_add_test (tc, test_a_row_without_id_read_back_is_passed_over);
  tcase_add_test (tc, test_a_damaged_row_at_the_load_is_an_error);
  tcase_add_test (tc, test_ties_between_rows_go_to_the_first_met_by_a_shared_band);
  tcase_add_test (tc, test_a_row_older_than_min_t_is_passed_over);
  tcase_add_test (tc, test_entries_added_after_the_rows_are_committed);
  tcase_add_test (tc, test_another_program_s_database_is_refused_untouched);
  tcase_add_test (tc, test_a_file_that_is_no_database_is_refused_untouched);
  tcase_add_test (tc, test_a_directory_is_refused);
  tcase_add_test (tc, test_an_empty_file_becomes_an_index);
  tcase_add_test (tc, test_a_long_signature_read_back_is_passed_over);
  tcase_add_test (tc, test_a_long_signature_at_the_load_is_an_error);
  tcase_add_test (tc, test_the_load_keeps_the_entry_at_min_t);
  tcase_add_test (tc, test_rowids_more_than_32_bits_apart_are_loaded_whole);
  tcase_add_test (tc, test_a_row_without_id_loaded_whole_is_an_error);
  tcase_add_test (tc, test_a_commit_evicts_the_entries_older_than_min_t);
  tcase_add_test (tc, test_a_failed_commit_leaves_the_file_and_can_be_made_again);
  tcase_add_test (tc, test_a_commit_waits_for_another_writer);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (rows_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
