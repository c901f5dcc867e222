/* dup-store.c: see dup-store.h.
 *
 * Loading: the entries of the window are read once, in a read
 * transaction (so that the count made first holds), rowid and signature
 * only: each row's fingerprint kept and its bands put in the frozen
 * table (dup-index.h). The signatures, ids and times stay in the file:
 * 140 bytes a loaded entry in memory instead of about 240. A lookup reads a
 * row back (get) for the candidates whose fingerprint could reach the
 * threshold: a copy nearly always (docs/plugins/near-duplicates.md has
 * the measured cost and how often). The read runs on the connection
 * that commits, outside its transactions (dup_store_commit holds the
 * stage's lock), and is reset at once, so that it holds no lock of the
 * file between lookups. A row deleted since the load (by another run
 * with a later clock) is no candidate; one that cannot be used is
 * passed over with a warning that names the file.
 */
#include "config.h"

#include <sqlite3.h>
#include <errno.h>
#include <string.h>

#include <galley/galley.h>

#include "dup-frozen.h"
#include "dup-store.h"

struct _DupStore {
  sqlite3 *db;
  char *path;
  sqlite3_stmt *get;   /* one row by rowid, for read_row */
  GHashTable *warned;  /* rowids of damaged rows already warned about */
};

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS entries (id TEXT NOT NULL, t INTEGER NOT NULL, "
  "  sig BLOB NOT NULL);"
  "CREATE INDEX IF NOT EXISTS entries_t ON entries (t);";

/* what an operator can do with a damaged index: its copies of
 * documents are lost either way, the articles themselves are not */
#define DAMAGED_HINT "delete it, or save its rows with sqlite3's .recover"

static gboolean
fail (DupStore *store, const char *what, GError **error)
{
  int code = sqlite3_errcode (store->db);

  /* a damaged file fails every run alike: say what to do about it */
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO, "index '%s': %s: %s%s",
               store->path, what, sqlite3_errmsg (store->db),
               code == SQLITE_CORRUPT ? ": the file is damaged; " DAMAGED_HINT : "");
  return FALSE;
}

/* check_own_file: refuses a database that holds tables of another
 * program (an export-sqlite output, a state file given as index= by
 * mistake), before the schema's CREATE TABLE would add ours to it; and
 * says in a user's words that a file is no database at all. */
static gboolean
check_own_file (DupStore *store, GError **error)
{
  sqlite3_stmt *st = NULL;
  g_autoptr (GString) others = g_string_new (NULL);
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                          "AND name NOT IN ('settings', 'entries') ORDER BY name",
                          -1, &st, NULL) != SQLITE_OK)
    {
      if (sqlite3_errcode (store->db) != SQLITE_NOTADB)
        return fail (store, "cannot read", error);
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "index '%s' is not a near-duplicates index (%s)", store->path,
                   sqlite3_errmsg (store->db));
      return FALSE;
    }
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_string_append_printf (others, "%s%s", others->len ? ", " : "",
                            (const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return fail (store, "cannot read", error);
  if (others->len > 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "index '%s' is not a near-duplicates index: it holds another "
                   "program's tables (%s); give index= a file of its own",
                   store->path, others->str);
      return FALSE;
    }
  return TRUE;
}

/* The settings row: written by the first run, compared by later ones. */
static gboolean
check_settings (DupStore *store, const char *settings, GError **error)
{
  sqlite3_stmt *st = NULL;
  gboolean ok = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT value FROM settings WHERE key = 'signature'",
                          -1, &st, NULL) != SQLITE_OK)
    return fail (store, "cannot read", error);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      const char *have = (const char *) sqlite3_column_text (st, 0);
      if (g_strcmp0 (have, settings) != 0)
        {
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                       "index '%s' holds signatures made with '%s', and this stage "
                       "makes '%s': give another index= or delete the file",
                       store->path, have, settings);
          ok = FALSE;
        }
    }
  else if (rc != SQLITE_DONE)
    ok = fail (store, "cannot read", error);
  sqlite3_finalize (st);
  if (ok && rc == SQLITE_DONE)
    {
      char *sql = sqlite3_mprintf ("INSERT INTO settings VALUES ('signature', %Q)", settings);
      if (sqlite3_exec (store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        ok = fail (store, "cannot write", error);
      sqlite3_free (sql);
    }
  return ok;
}

DupStore *
dup_store_open (const char *path, const char *settings, GError **error)
{
  DupStore *store = g_new0 (DupStore, 1);

  store->path = g_strdup (path);
  {
    /* SQLite's own words for it are "unable to open database file" */
    g_autofree char *dir = g_path_get_dirname (path);

    if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
      {
        g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                     "index '%s': cannot create it: no directory %s", path, dir);
        dup_store_free (store);
        return NULL;
      }
    if (g_file_test (path, G_FILE_TEST_IS_DIR))
      {
        g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                     "index '%s': cannot open: %s", path, g_strerror (EISDIR));
        dup_store_free (store);
        return NULL;
      }
  }
  if (sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK
      || sqlite3_busy_timeout (store->db, 10000) != SQLITE_OK)
    {
      fail (store, "cannot open", error);
      dup_store_free (store);
      return NULL;
    }
  if (!check_own_file (store, error))
    {
      dup_store_free (store);
      return NULL;
    }
  if (sqlite3_exec (store->db, schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      fail (store, "cannot open", error);
      dup_store_free (store);
      return NULL;
    }
  if (!check_settings (store, settings, error))
    {
      dup_store_free (store);
      return NULL;
    }
  return store;
}

void
dup_store_free (DupStore *store)
{
  if (store == NULL)
    return;
  sqlite3_finalize (store->get);
  g_clear_pointer (&store->warned, g_hash_table_unref);
  sqlite3_close (store->db);
  g_free (store->path);
  g_free (store);
}

/* The DupReadRow of a loaded index (dup-index.h). One statement for the
 * id, time and signature, not sqlite3_blob_reopen() on the signature: a
 * blob read alone took 2.1-2.2 us a random row of a file of a million
 * entries against 2.9-3.0 for the statement, but a candidate's time is
 * needed as soon as its signature (min_t) and a blob cannot read an
 * integer column, so the time and id took a statement more: 2.6-3.3 us
 * the two (20,000 random rows, two runs; 0.41 against 0.73 us with
 * 11,000 entries, the signature alone). */
/* A damaged row is met again by every lookup that shares a band with
 * it: one warning a row is enough for the operator, a log line a lookup
 * would bury the rest. */
static gboolean
first_warning (DupStore *store, gint64 rowid)
{
  gint64 *key;

  if (store->warned == NULL)
    store->warned = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (g_hash_table_contains (store->warned, &rowid))
    return FALSE;
  key = g_new (gint64, 1);
  *key = rowid;
  g_hash_table_add (store->warned, key);
  return TRUE;
}

static gboolean
read_row (gpointer data, gint64 rowid, GString *id, gint64 *t, guint8 sig[MINHASH_K])
{
  DupStore *store = data;
  sqlite3_stmt *st = store->get;
  gboolean ok = FALSE;
  int rc;

  sqlite3_bind_int64 (st, 1, rowid);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW
      && (sqlite3_column_type (st, 0) != SQLITE_TEXT || sqlite3_column_bytes (st, 2) != MINHASH_K))
    {
      if (first_warning (store, rowid))
        g_warning ("near-duplicates: index '%s': row %" G_GINT64_FORMAT " is damaged (an id "
                   "of type %d, a signature of %d bytes, not %d) and is passed over; delete the file",
                   store->path, rowid, sqlite3_column_type (st, 0), sqlite3_column_bytes (st, 2),
                   MINHASH_K);
    }
  else if (rc == SQLITE_ROW)
    {
      g_string_assign (id, (const char *) sqlite3_column_text (st, 0));
      *t = sqlite3_column_int64 (st, 1);
      memcpy (sig, sqlite3_column_blob (st, 2), MINHASH_K);
      ok = TRUE;
    }
  else if (rc != SQLITE_DONE && first_warning (store, rowid))  /* DONE: deleted since the load */
    g_warning ("near-duplicates: index '%s': row %" G_GINT64_FORMAT " cannot be read back "
               "(%s) and is passed over", store->path, rowid, sqlite3_errmsg (store->db));
  sqlite3_reset (st);
  return ok;
}

/* The error of a row whose signature has @bytes bytes, naming its id. */
static gboolean
damaged (DupStore *store, gint64 rowid, int bytes, GError **error)
{
  g_autoptr (GString) id = g_string_new ("?");

  sqlite3_bind_int64 (store->get, 1, rowid);
  if (sqlite3_step (store->get) == SQLITE_ROW && sqlite3_column_text (store->get, 0) != NULL)
    g_string_assign (id, (const char *) sqlite3_column_text (store->get, 0));
  sqlite3_reset (store->get);
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
               "index '%s': entry '%s' has a signature of %d bytes, not %d: "
               "the file is damaged; delete it", store->path, id->str, bytes, MINHASH_K);
  return FALSE;
}

/* The window's rows to dup_index_add_row(), in rowid order. */
static gboolean
add_rows (DupStore *store, DupIndex *index, gint64 min_t, GError **error)
{
  sqlite3_stmt *st = NULL;
  gboolean ok = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT rowid, sig FROM entries WHERE t >= ? ORDER BY rowid",
                          -1, &st, NULL) != SQLITE_OK)
    return fail (store, "cannot read", error);
  sqlite3_bind_int64 (st, 1, min_t);
  while (ok && (rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (st, 0);

      if (sqlite3_column_bytes (st, 1) != MINHASH_K)
        ok = damaged (store, rowid, sqlite3_column_bytes (st, 1), error);
      else if (!dup_index_add_row (index, rowid, sqlite3_column_blob (st, 1)))
        {
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "index '%s': its entries do not add up (the file is damaged): "
                       DAMAGED_HINT, store->path);
          ok = FALSE;
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = fail (store, "cannot read", error);
  sqlite3_finalize (st);
  return ok;
}

/* The whole entries in memory, as before rows: for a window whose rowids
 * span more than 2^32 (a row keeps 32 bits of its rowid) or that holds
 * more entries than the frozen table takes. */
static gboolean
load_entries (DupStore *store, DupIndex *index, gint64 min_t, guint n, GError **error)
{
  sqlite3_stmt *st = NULL;
  int rc;

  dup_index_reserve_entries (index, n);
  if (sqlite3_prepare_v2 (store->db, "SELECT id, t, sig, rowid FROM entries WHERE t >= ? ORDER BY rowid",
                          -1, &st, NULL) != SQLITE_OK)
    return fail (store, "cannot read", error);
  sqlite3_bind_int64 (st, 1, min_t);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (sqlite3_column_bytes (st, 2) != MINHASH_K)
        {
          gint64 rowid = sqlite3_column_int64 (st, 3);
          int bytes = sqlite3_column_bytes (st, 2);

          sqlite3_finalize (st);
          return damaged (store, rowid, bytes, error);
        }
      if (sqlite3_column_text (st, 0) == NULL)
        {
          /* not damaged (): its signature may be whole */
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                       "index '%s': row %" G_GINT64_FORMAT " has no id: the file is "
                       "damaged; delete it", store->path, (gint64) sqlite3_column_int64 (st, 3));
          sqlite3_finalize (st);
          return FALSE;
        }
      dup_index_append (index, (const char *) sqlite3_column_text (st, 0),
                        sqlite3_column_int64 (st, 1), sqlite3_column_blob (st, 2));
    }
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return fail (store, "cannot read", error);
  dup_index_freeze (index);
  return TRUE;
}

static gboolean
load (DupStore *store, DupIndex *index, gint64 min_t, GError **error)
{
  sqlite3_stmt *st = NULL;
  guint n = 0;
  gint64 first = 0, last = 0;

  /* counted first, so that the memory is made once instead of doubling
   * (and copied) twenty times on the way to a million */
  if (sqlite3_prepare_v2 (store->db, "SELECT count(*), min(rowid), max(rowid) FROM entries "
                          "WHERE t >= ?", -1, &st, NULL) != SQLITE_OK)
    return fail (store, "cannot read", error);
  sqlite3_bind_int64 (st, 1, min_t);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      n = (guint) CLAMP (sqlite3_column_int64 (st, 0), 0, G_MAXINT32);
      first = sqlite3_column_int64 (st, 1);
      last = sqlite3_column_int64 (st, 2);
    }
  sqlite3_finalize (st);
  if (n > DUP_FROZEN_MAX_ENTRIES || (guint64) (last - first) > G_MAXUINT32)
    return load_entries (store, index, min_t, n, error);
  dup_index_begin_rows (index, n, first, read_row, store);
  if (!add_rows (store, index, min_t, error))
    {
      dup_index_end_rows (index);
      return FALSE;
    }
  if (!dup_index_end_rows (index))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "index '%s': its entries do not add up (the file is damaged): "
                       DAMAGED_HINT, store->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
dup_store_load (DupStore *store, DupIndex *index, gint64 min_t, GError **error)
{
  gboolean ok;

  if (store->get == NULL
      && sqlite3_prepare_v3 (store->db, "SELECT id, t, sig FROM entries WHERE rowid = ?",
                             -1, SQLITE_PREPARE_PERSISTENT, &store->get, NULL) != SQLITE_OK)
    return fail (store, "cannot read", error);
  /* one read transaction: the rows are those counted */
  if (sqlite3_exec (store->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return fail (store, "cannot begin a transaction", error);
  ok = load (store, index, min_t, error);
  sqlite3_exec (store->db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

gboolean
dup_store_commit (DupStore *store, DupIndex *index, guint first, gint64 min_t,
                  GError **error)
{
  sqlite3_stmt *del = NULL, *ins = NULL;
  gboolean ok = FALSE;

  if (sqlite3_exec (store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return fail (store, "cannot begin a transaction", error);
  if (sqlite3_prepare_v2 (store->db, "DELETE FROM entries WHERE t < ?", -1, &del, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (store->db, "INSERT INTO entries VALUES (?, ?, ?)", -1, &ins, NULL) != SQLITE_OK)
    goto out;
  sqlite3_bind_int64 (del, 1, min_t);
  if (sqlite3_step (del) != SQLITE_DONE)
    goto out;
  for (guint e = first; e < dup_index_get_n (index); e++)
    {
      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, dup_index_get_id (index, e), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 2, dup_index_get_time (index, e));
      sqlite3_bind_blob (ins, 3, dup_index_get_signature (index, e), MINHASH_K, SQLITE_STATIC);
      if (sqlite3_step (ins) != SQLITE_DONE)
        goto out;
    }
  ok = sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;

out:
  if (!ok)
    {
      fail (store, "cannot write", error);
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_finalize (del);
  sqlite3_finalize (ins);
  return ok;
}
