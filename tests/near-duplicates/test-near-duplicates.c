/* test-near-duplicates.c: what the near-duplicates stage marks, drops and
 * keeps: re-published copies of a story, unrelated stories on the same
 * topic, short, empty and odd texts, and an index kept across runs: its
 * window's edge (entries moved back in time in the file), a document
 * seen again, and a commit that fails and is made again. */
#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>
#include <string.h>

#include <galley/galley.h>

#include "minhash.h"
#include "near-duplicates.h"

/* a wire story, and what papers made of it */
#define STORY \
  "The city council approved the new budget on Tuesday evening after a long " \
  "debate about school funding. Several members said the plan still leaves too " \
  "little money for road repairs in the northern districts.\n\n" \
  "The mayor promised to return with a second proposal before the summer, and " \
  "said talks with the regional government about bus fares would resume next week.\n\n" \
  "Local businesses welcomed the decision, although some owners in the old town " \
  "asked for lower fees and better lighting in the market square."
/* dateline added, last paragraph cut, two words changed */
#define COPY \
  "SPRINGFIELD (Wire) - The city council approved the new budget on Tuesday night " \
  "after a long debate about school funding. Several members said the plan still " \
  "leaves too little money for road repairs in the northern districts.\n\n" \
  "The mayor promised to return with a second proposal before the summer, and " \
  "said talks with the regional government about bus fares would resume next month."
/* same topic, other story */
#define OTHER \
  "The city council rejected a proposal on Tuesday to close two libraries in " \
  "the northern districts. Members said the savings were too small to justify " \
  "the loss, and asked the mayor to look for money elsewhere in the budget. " \
  "A decision on the swimming pool was put off until the autumn."

static char *dir;

static void
setup (void)
{
  dir = g_dir_make_tmp ("galley-dup-XXXXXX", NULL);
  ck_assert_ptr_nonnull (dir);
}

static void
teardown (void)
{
  g_autofree char *path = g_build_filename (dir, "index.db", NULL);

  g_unlink (path);
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

static GalleyHarness *
stage_new (const char *const *params)
{
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = galley_harness_new (&galley_near_duplicates_stage, params, &error);

  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  return h;
}

static GalleyDocument *
run (GalleyHarness *h, const char *id, const char *text)
{
  g_autoptr (GError) error = NULL;
  GalleyDocument *doc = galley_document_new (id, text, -1);

  ck_assert_msg (galley_harness_run (h, doc, &error), "%s", error ? error->message : "");
  return doc;
}

static const char *
dup_of (GalleyDocument *doc)
{
  const GalleyValue *v = galley_document_get_feature (doc, GALLEY_FEATURE_DUP_OF);

  return v ? v->v.s : NULL;
}

/* runs @sql on the index file, as another program (or a hand) would */
static void
change_index (const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "index.db", NULL);
  sqlite3 *db = NULL;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg (db));
  sqlite3_close (db);
}

/* the number of the index file's entries whose id is @id */
static gint64
entries_of (const char *id)
{
  g_autofree char *path = g_build_filename (dir, "index.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  gint64 n;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT count(*) FROM entries WHERE id = ?",
                                        -1, &st, NULL), SQLITE_OK);
  sqlite3_bind_text (st, 1, id, -1, SQLITE_STATIC);
  ck_assert_int_eq (sqlite3_step (st), SQLITE_ROW);
  n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return n;
}

/* one run of the stage on the index file: @id with @text, committed */
static void
committed_run (const char *const *params, const char *id, const char *text)
{
  g_autoptr (GalleyHarness) h = stage_new (params);
  g_autoptr (GalleyDocument) doc = run (h, id, text);
  g_autoptr (GError) error = NULL;

  ck_assert_msg (galley_harness_commit (h, &error), "%s", error ? error->message : "");
}

START_TEST (test_copy_is_marked)
{
  g_autoptr (GalleyHarness) h = stage_new (NULL);
  g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
  g_autoptr (GalleyDocument) b = run (h, "paper-7", COPY);
  const GalleyValue *sim;

  ck_assert_ptr_null (dup_of (a));
  ck_assert_ptr_null (galley_document_get_feature (a, GALLEY_FEATURE_DUP_SIMILARITY));
  ck_assert_str_eq (dup_of (b), "wire-1");
  sim = galley_document_get_feature (b, GALLEY_FEATURE_DUP_SIMILARITY);
  ck_assert_int_eq (sim->type, GALLEY_VALUE_DOUBLE);
  ck_assert_msg (sim->v.d >= 0.5 && sim->v.d < 1.0, "similarity %.3f", sim->v.d);
}
END_TEST

START_TEST (test_copy_of_copy_names_the_first)
{
  g_autoptr (GalleyHarness) h = stage_new (NULL);
  g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
  g_autoptr (GalleyDocument) b = run (h, "paper-7", COPY);
  g_autoptr (GalleyDocument) c = run (h, "paper-9", COPY);

  ck_assert_str_eq (dup_of (c), "wire-1");
}
END_TEST

START_TEST (test_same_topic_is_not_a_copy)
{
  g_autoptr (GalleyHarness) h = stage_new (NULL);
  g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
  g_autoptr (GalleyDocument) b = run (h, "wire-2", OTHER);

  ck_assert_ptr_null (dup_of (b));
}
END_TEST

START_TEST (test_exact_copy_has_similarity_one)
{
  g_autoptr (GalleyHarness) h = stage_new (NULL);
  g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
  g_autoptr (GalleyDocument) b = run (h, "wire-1-again", STORY);

  ck_assert_str_eq (dup_of (b), "wire-1");
  ck_assert_double_eq (galley_document_get_feature (b, GALLEY_FEATURE_DUP_SIMILARITY)->v.d, 1.0);
}
END_TEST

START_TEST (test_drop_action)
{
  const char *params[] = { "action=drop", NULL };
  g_autoptr (GalleyHarness) h = stage_new (params);
  g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
  g_autoptr (GalleyDocument) b = run (h, "wire-1-again", STORY);

  ck_assert_ptr_null (galley_document_get_drop_reason (a));
  ck_assert_str_eq (galley_document_get_drop_reason (b), "copy of 'wire-1' (similarity 1.00)");
  ck_assert_ptr_null (dup_of (b));
}
END_TEST

START_TEST (test_high_threshold_keeps_the_edited_copy)
{
  const char *params[] = { "threshold=0.95", NULL };
  g_autoptr (GalleyHarness) h = stage_new (params);
  g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
  g_autoptr (GalleyDocument) b = run (h, "paper-7", COPY);

  ck_assert_ptr_null (dup_of (b));
}
END_TEST

START_TEST (test_short_and_empty_texts_are_never_copies)
{
  g_autoptr (GalleyHarness) h = stage_new (NULL);
  const char *texts[] = { "", "", " \n\t", "Hi there", "Hi there", "—…!?", "—…!?" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);
      g_autoptr (GalleyDocument) doc = run (h, id, texts[i]);
      ck_assert_msg (dup_of (doc) == NULL, "text '%s' marked", texts[i]);
    }
}
END_TEST

START_TEST (test_non_ascii_and_odd_bytes)
{
  /* mojibake and U+FFFD are bytes like any other; case of ASCII ignored */
  g_autoptr (GalleyHarness) h = stage_new (NULL);
  const char *a_text = "Le conseil municipal a adoptÃ© le nouveau budget mardi soir \xef\xbf\xbd "
                       "aprÃ¨s un long dÃ©bat sur le financement des Ã©coles du quartier nord.";
  const char *b_text = "LE CONSEIL MUNICIPAL A ADOPTÃ© LE NOUVEAU BUDGET MARDI SOIR \xef\xbf\xbd "
                       "APRÃ¨S UN LONG DÃ©BAT SUR LE FINANCEMENT DES Ã©COLES DU QUARTIER NORD.";
  g_autoptr (GalleyDocument) a = run (h, "a", a_text);
  g_autoptr (GalleyDocument) b = run (h, "b", b_text);

  ck_assert_str_eq (dup_of (b), "a");
}
END_TEST

START_TEST (test_mixed_language_copy)
{
  g_autoptr (GalleyHarness) h = stage_new (NULL);
  g_autoptr (GalleyDocument) a = run (h, "a", STORY "\n\nDer Stadtrat hat den Haushalt beschlossen.");
  g_autoptr (GalleyDocument) b = run (h, "b", "市议会通过了预算。 " STORY);

  ck_assert_str_eq (dup_of (b), "a");
}
END_TEST

/* without index= there is no file: a commit (every checkpoint of a run
 * makes one) has nothing to write and succeeds */
START_TEST (test_a_commit_without_index_succeeds)
{
  g_autoptr (GalleyHarness) h = stage_new (NULL);
  g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
  g_autoptr (GError) error = NULL;

  ck_assert_msg (galley_harness_commit (h, &error), "%s", error ? error->message : "");
  ck_assert_ptr_null (error);
}
END_TEST

START_TEST (test_index_persists_across_runs)
{
  g_autofree char *index = g_strdup_printf ("index=%s/index.db", dir);
  const char *params[] = { index, NULL };
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (GalleyHarness) h = stage_new (params);
    g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
    ck_assert_msg (galley_harness_commit (h, &error), "%s", error ? error->message : "");
  }
  {
    g_autoptr (GalleyHarness) h = stage_new (params);
    g_autoptr (GalleyDocument) b = run (h, "paper-7", COPY);
    /* the document itself, seen again (a re-run): not a copy of itself */
    g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
    ck_assert_str_eq (dup_of (b), "wire-1");
    ck_assert_ptr_null (dup_of (a));
  }
}
END_TEST

START_TEST (test_uncommitted_run_leaves_the_index)
{
  g_autofree char *index = g_strdup_printf ("index=%s/index.db", dir);
  const char *params[] = { index, NULL };

  {
    /* freed without commit: discarded */
    g_autoptr (GalleyHarness) h = stage_new (params);
    g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
  }
  {
    g_autoptr (GalleyHarness) h = stage_new (params);
    g_autoptr (GalleyDocument) b = run (h, "paper-7", COPY);
    ck_assert_ptr_null (dup_of (b));
  }
}
END_TEST

START_TEST (test_window_evicts_old_entries)
{
  g_autofree char *index = g_strdup_printf ("index=%s/index.db", dir);
  const char *params[] = { index, "window=1s", NULL };
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (GalleyHarness) h = stage_new (params);
    g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);
    ck_assert (galley_harness_commit (h, &error));
  }
  g_usleep (2100 * 1000);  /* the entry is now older than the window */
  {
    g_autoptr (GalleyHarness) h = stage_new (params);
    g_autoptr (GalleyDocument) b = run (h, "paper-7", COPY);
    ck_assert_ptr_null (dup_of (b));
  }
}
END_TEST

/* a text of exactly shingle= words has one shingle: it is compared */
START_TEST (test_a_text_of_exactly_shingle_words_is_compared)
{
  const char *four[] = { "shingle=4", NULL };
  g_autoptr (GalleyHarness) h = stage_new (NULL);
  g_autoptr (GalleyHarness) h4 = stage_new (four);
  g_autoptr (GalleyDocument) a = run (h, "a", "Council approves budget");
  g_autoptr (GalleyDocument) b = run (h, "b", "Council approves budget");
  g_autoptr (GalleyDocument) a4 = run (h4, "a", "Council approves budget");
  g_autoptr (GalleyDocument) b4 = run (h4, "b", "Council approves budget");

  ck_assert_str_eq (dup_of (b), "a");
  ck_assert_ptr_null (dup_of (b4));
}
END_TEST

/* The window's edge without waiting: the entry of an earlier run moved
 * back in time in the file. 3000 s back, inside window=1h by 600 s: it
 * is loaded, found, and kept by the next run's commit; 4000 s back,
 * outside by 400 s: not found, and deleted by the next run's commit. */
START_TEST (test_an_entry_inside_the_window_is_found_and_kept)
{
  g_autofree char *index = g_strdup_printf ("index=%s/index.db", dir);
  const char *params[] = { index, "window=1h", NULL };

  committed_run (params, "wire-1", STORY);
  change_index ("UPDATE entries SET t = t - 3000");
  committed_run (params, "wire-2", OTHER);
  ck_assert_int_eq (entries_of ("wire-1"), 1);
  {
    g_autoptr (GalleyHarness) h = stage_new (params);
    g_autoptr (GalleyDocument) b = run (h, "paper-7", COPY);
    ck_assert_str_eq (dup_of (b), "wire-1");
  }
}
END_TEST

START_TEST (test_an_entry_outside_the_window_is_evicted)
{
  g_autofree char *index = g_strdup_printf ("index=%s/index.db", dir);
  const char *params[] = { index, "window=1h", NULL };

  committed_run (params, "wire-1", STORY);
  change_index ("UPDATE entries SET t = t - 4000");
  {
    g_autoptr (GalleyHarness) h = stage_new (params);
    g_autoptr (GalleyDocument) b = run (h, "paper-7", COPY);
    g_autoptr (GError) error = NULL;
    ck_assert_ptr_null (dup_of (b));
    ck_assert_msg (galley_harness_commit (h, &error), "%s", error ? error->message : "");
  }
  ck_assert_int_eq (entries_of ("wire-1"), 0);
  ck_assert_int_eq (entries_of ("paper-7"), 1);
}
END_TEST

/* a document seen again by a later run (a re-run after a crash) is not
 * indexed a second time */
START_TEST (test_a_document_seen_again_is_not_indexed_again)
{
  g_autofree char *index = g_strdup_printf ("index=%s/index.db", dir);
  const char *params[] = { index, NULL };

  committed_run (params, "wire-1", STORY);
  committed_run (params, "wire-1", STORY);
  ck_assert_int_eq (entries_of ("wire-1"), 1);
}
END_TEST

/* a commit that fails names the file; the next commit of the run writes
 * the entries the failed one did not */
START_TEST (test_entries_of_a_failed_commit_are_written_by_the_next)
{
  g_autofree char *index = g_strdup_printf ("index=%s/index.db", dir);
  const char *params[] = { index, NULL };
  g_autofree char *want = g_strdup_printf ("index '%s/index.db': cannot write: refused", dir);
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (GalleyHarness) h = stage_new (params);
    g_autoptr (GalleyDocument) a = run (h, "wire-1", STORY);

    change_index ("CREATE TRIGGER refuse BEFORE INSERT ON entries "
                  "BEGIN SELECT RAISE (ABORT, 'refused'); END");
    ck_assert (!galley_harness_commit (h, &error));
    ck_assert_str_eq (error->message, want);
    g_clear_error (&error);
    change_index ("DROP TRIGGER refuse");
    ck_assert_msg (galley_harness_commit (h, &error), "%s", error ? error->message : "");
  }
  ck_assert_int_eq (entries_of ("wire-1"), 1);
}
END_TEST

START_TEST (test_index_of_other_settings_is_refused)
{
  g_autofree char *index = g_strdup_printf ("index=%s/index.db", dir);
  const char *params[] = { index, NULL };
  const char *params4[] = { index, "shingle=4", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *want = g_strdup_printf (
    "index '%s/index.db' holds signatures made with 'oph96x8 shingle=3', and this "
    "stage makes 'oph96x8 shingle=4': give another index= or delete the file", dir);

  galley_harness_free (stage_new (params));
  ck_assert_ptr_null (galley_harness_new (&galley_near_duplicates_stage, params4, &error));
  ck_assert_str_eq (error->message, want);
}
END_TEST

START_TEST (test_bad_window_is_refused)
{
  const char *params[] = { "window=7w", NULL };
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&galley_near_duplicates_stage, params, &error));
  ck_assert_str_eq (error->message, "parameter 'window': '7w' is not a duration "
                    "(a positive number followed by s, m, h or d: 7d, 12h)");
}
END_TEST

/* a window must be a second or more: 0s and half a second are refused */
START_TEST (test_window_under_a_second_is_refused)
{
  const char *zero[] = { "window=0s", NULL };
  const char *half[] = { "window=0.5s", NULL };
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&galley_near_duplicates_stage, zero, &error));
  ck_assert_str_eq (error->message, "parameter 'window': '0s' is not a duration "
                    "(a positive number followed by s, m, h or d: 7d, 12h)");
  g_clear_error (&error);
  ck_assert_ptr_null (galley_harness_new (&galley_near_duplicates_stage, half, &error));
  ck_assert_str_eq (error->message, "parameter 'window': '0.5s' is not a duration "
                    "(a positive number followed by s, m, h or d: 7d, 12h)");
}
END_TEST

START_TEST (test_unreadable_index_is_refused)
{
  const char *params[] = { "index=/nonexistent/dir/index.db", NULL };
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&galley_near_duplicates_stage, params, &error));
  ck_assert_str_eq (error->message, "index '/nonexistent/dir/index.db': cannot create it: "
                                    "no directory /nonexistent/dir");
}
END_TEST

/* an index file cut short (a full disk, a copy stopped half-way) stops
 * the stage with the file's name and what to do, and no crash */
START_TEST (test_damaged_index_is_refused_with_advice)
{
  g_autofree char *path = g_build_filename (dir, "index.db", NULL);
  g_autofree char *index = g_strdup_printf ("index=%s", path);
  const char *params[] = { index, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *want = g_strdup_printf (
    "index '%s': cannot read: database disk image is malformed: the file is damaged; "
    "delete it, or save its rows with sqlite3's .recover", path);

  committed_run (params, "wire-1", "The central bank raised its main interest rate "
                 "by half a point on Thursday, its third rise this year.");
  ck_assert_int_eq (truncate (path, 4096), 0);
  ck_assert_ptr_null (galley_harness_new (&galley_near_duplicates_stage, params, &error));
  ck_assert_str_eq (error->message, want);
}
END_TEST

START_TEST (test_signature_similarity_estimates)
{
  guint8 a[MINHASH_K], b[MINHASH_K];

  ck_assert (minhash_signature (STORY, strlen (STORY), 3, a));
  ck_assert (minhash_signature (STORY, strlen (STORY), 3, b));
  ck_assert_double_eq (minhash_similarity (a, b), 1.0);
  ck_assert (!minhash_signature ("two words", 9, 3, a));
  ck_assert (minhash_signature ("two words", 9, 2, a));
}
END_TEST

/* The estimate counts the bytes two signatures agree on, wherever they
 * are: k bytes changed, from 0 to all 96, spread over the signature. */
START_TEST (test_similarity_counts_equal_bytes)
{
  guint8 a[MINHASH_K], b[MINHASH_K];

  for (guint k = 0; k < MINHASH_K; k++)
    a[k] = (guint8) (k * 37 + 11);
  for (guint changed = 0; changed <= MINHASH_K; changed++)
    {
      double p = (double) (MINHASH_K - changed) / MINHASH_K;
      double expected = CLAMP ((p - 1.0 / 256) / (1.0 - 1.0 / 256), 0.0, 1.0);

      memcpy (b, a, MINHASH_K);
      /* 29 is prime to 96: the first `changed` of the positions 0, 29,
       * 58, 87, 20, ... are all different */
      for (guint i = 0; i < changed; i++)
        b[(i * 29) % MINHASH_K] ^= (guint8) (1 << (i % 8));
      ck_assert_double_eq (minhash_similarity (a, b), expected);
      ck_assert_double_eq (minhash_similarity (b, a), expected);
    }
}
END_TEST

/* The signature is part of the index file's format: yesterday's index
 * must find today's copy, so a change to how signatures are computed has
 * to come with a new index format. These are the bytes for STORY, and
 * for mixed case, digits, punctuation and non-ASCII words. */
START_TEST (test_signature_bytes_are_stable)
{
  guint8 sig[MINHASH_K];
  g_autofree char *hex = NULL;

  ck_assert (minhash_signature (STORY, strlen (STORY), 3, sig));
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA1, sig, MINHASH_K);
  ck_assert_str_eq (hex, "1729e1a60e351fc78aa08aba14e1db16d666ca2c");
  g_clear_pointer (&hex, g_free);
  ck_assert (minhash_signature ("Zürich's 2024 BUDGET: café, Ω-rate & tax; zürich 2024 budget",
                                strlen ("Zürich's 2024 BUDGET: café, Ω-rate & tax; zürich 2024 budget"),
                                1, sig));
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA1, sig, MINHASH_K);
  ck_assert_str_eq (hex, "c791ed45fc770e827144b053c73a8de80bda82cc");
}
END_TEST

static Suite *
dup_suite (void)
{
  Suite *s = suite_create ("near-duplicates");
  TCase *tc = tcase_create ("stage");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_copy_is_marked);
  tcase_add_test (tc, test_copy_of_copy_names_the_first);
  tcase_add_test (tc, test_same_topic_is_not_a_copy);
  tcase_add_test (tc, test_exact_copy_has_similarity_one);
  tcase_add_test (tc, test_drop_action);
  tcase_add_test (tc, test_high_threshold_keeps_the_edited_copy);
  tcase_add_test (tc, test_short_and_empty_texts_are_never_copies);
  tcase_add_test (tc, test_a_text_of_exactly_shingle_words_is_compared);
  tcase_add_test (tc, test_non_ascii_and_odd_bytes);
  tcase_add_test (tc, test_mixed_language_copy);
  tcase_add_test (tc, test_a_commit_without_index_succeeds);
  tcase_add_test (tc, test_index_persists_across_runs);
  tcase_add_test (tc, test_uncommitted_run_leaves_the_index);
  tcase_add_test (tc, test_window_evicts_old_entries);
  tcase_add_test (tc, test_an_entry_inside_the_window_is_found_and_kept);
  tcase_add_test (tc, test_an_entry_outside_the_window_is_evicted);
  tcase_add_test (tc, test_a_document_seen_again_is_not_indexed_again);
  tcase_add_test (tc, test_entries_of_a_failed_commit_are_written_by_the_next);
  tcase_add_test (tc, test_index_of_other_settings_is_refused);
  tcase_add_test (tc, test_bad_window_is_refused);
  tcase_add_test (tc, test_window_under_a_second_is_refused);
  tcase_add_test (tc, test_unreadable_index_is_refused);
  tcase_add_test (tc, test_damaged_index_is_refused_with_advice);
  tcase_add_test (tc, test_signature_similarity_estimates);
  tcase_add_test (tc, test_signature_bytes_are_stable);
  tcase_add_test (tc, test_similarity_counts_equal_bytes);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (dup_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
