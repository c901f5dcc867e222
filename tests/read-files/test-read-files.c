/* test-read-files.c: the read-files source. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>

#include "lib/io-test.h"
#include "../../plugins/read-files/read-files.h"

static char *tmp;

static void
setup (void)
{
  tmp = io_test_tmpdir ();
}

static void
teardown (void)
{
  io_test_rmtree (tmp);
  g_clear_pointer (&tmp, g_free);
}

/* read_files: reads @pattern, with @extra's space-separated parameters */
static IoRun *
read_files (const char *pattern, const char *extra)
{
  g_autofree char *param = g_strdup_printf ("path=%s", pattern);
  g_auto (GStrv) more = g_strsplit (extra ? extra : "", " ", 4);
  const char *params[6] = { param };

  for (guint i = 0; more[i] != NULL; i++)
    params[i + 1] = more[i];
  return io_test_read_all (&galley_read_files_stage, params);
}

static char *
path_in_tmp (const char *name)
{
  return g_build_filename (tmp, name, NULL);
}

/* news: a small tree of invented articles.
 *   world/geneva.txt  world/kyiv.txt  world/notes.md  world/.draft.txt
 *   world/europe/paris.txt */
static void
write_news (void)
{
  g_free (io_test_write (tmp, "world/geneva.txt",
                         "Talks resume in Geneva\n\nDelegates met on Tuesday.\n", -1));
  g_free (io_test_write (tmp, "world/kyiv.txt", "Kyiv braces for winter\nPower cuts loom.\n", -1));
  g_free (io_test_write (tmp, "world/notes.md", "# not an article\n", -1));
  g_free (io_test_write (tmp, "world/.draft.txt", "Unfinished\n", -1));
  g_free (io_test_write (tmp, "world/europe/paris.txt", "Paris votes\nTurnout was high.\n", -1));
}

static char *
ids_of (IoRun *run)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < run->docs->len; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "",
                            galley_document_get_id (io_run_doc (run, i)));
  return g_string_free (s, FALSE);
}

/* Parameters */

START_TEST (test_params_path_is_required)
{
  g_autofree char *msg = io_test_build_error (&galley_read_files_stage, NULL);

  ck_assert_str_eq (msg, "parameter 'path' is required "
                         "(a file, a directory (read recursively) or a glob pattern)");
}
END_TEST

START_TEST (test_params_defaults)
{
  g_autoptr (GalleyParams) p = galley_params_new (galley_read_files_stage.params);
  const char *const *suffixes;

  ck_assert (galley_params_set (p, "path", "x", NULL));
  ck_assert (galley_params_finish (p, NULL));
  suffixes = galley_params_get_string_list (p, "suffixes");
  ck_assert_str_eq (suffixes[0], ".txt");
  ck_assert_ptr_null (suffixes[1]);
  ck_assert_int_eq (galley_params_get_int (p, "max-bytes"), 16777216);
  ck_assert_str_eq (galley_params_get_choice (p, "utf8"), "replace");
  ck_assert_int_eq (galley_read_files_stage.kind, GALLEY_STAGE_SOURCE);
}
END_TEST

START_TEST (test_params_unknown_key_lists_valid_keys)
{
  const char *params[] = { "path=x", "recursive=no", NULL };
  g_autofree char *msg = io_test_build_error (&galley_read_files_stage, params);

  ck_assert_str_eq (msg, "unknown parameter 'recursive'; valid parameters: path, suffixes, max-bytes, encoding, utf8, follow, after, refused, shard");
}
END_TEST

/* Ids */

START_TEST (test_pattern_base)
{
  g_autofree char *dir = NULL, *dir_slash = NULL, *glob = NULL, *deep = NULL;
  g_autofree char *abs = NULL, *root = NULL, *rel = NULL, *file = NULL;

  write_news ();
  dir = read_files_pattern_base (tmp);
  ck_assert_str_eq (dir, tmp);
  {
    g_autofree char *p = g_strconcat (tmp, "/", NULL);
    dir_slash = read_files_pattern_base (p);
    ck_assert_str_eq (dir_slash, tmp);
  }
  glob = read_files_pattern_base ("news/world/*.txt");
  ck_assert_str_eq (glob, "news/world");
  deep = read_files_pattern_base ("news/2024-*/day?/a.txt");
  ck_assert_str_eq (deep, "news");
  abs = read_files_pattern_base ("/var/spool/news/*.txt");
  ck_assert_str_eq (abs, "/var/spool/news");
  root = read_files_pattern_base ("/*.txt");
  ck_assert_str_eq (root, "/");
  rel = read_files_pattern_base ("*.txt");
  ck_assert_str_eq (rel, "");
  {
    g_autofree char *p = path_in_tmp ("world/kyiv.txt");
    g_autofree char *want = path_in_tmp ("world");
    file = read_files_pattern_base (p);
    ck_assert_str_eq (file, want);
  }
}
END_TEST

START_TEST (test_make_id)
{
  g_autofree char *a = read_files_make_id ("news", "news/world/a.txt");
  g_autofree char *b = read_files_make_id ("", "world/a.txt");
  g_autofree char *c = read_files_make_id (".", "./a.txt");
  g_autofree char *d = read_files_make_id ("/", "/a.txt");
  g_autofree char *e = read_files_make_id ("news", "newsroom/a.txt");

  ck_assert_str_eq (a, "world/a.txt");
  ck_assert_str_eq (b, "world/a.txt");
  ck_assert_str_eq (c, "a.txt");
  ck_assert_str_eq (d, "a.txt");
  ck_assert_str_eq (e, "newsroom/a.txt");
}
END_TEST

/* after=move:DIR names a directory that is there when the stage is built */
START_TEST (test_params_after_move_needs_a_directory)
{
  const char *empty[] = { "path=x", "after=move:", NULL };
  const char *missing[] = { "path=x", "after=move:/nonexistent/done", NULL };
  const char *refused[] = { "path=x", "refused=move:/nonexistent/q", NULL };
  const char *refused_bad[] = { "path=x", "refused=archive", NULL };
  g_autofree char *a = io_test_build_error (&galley_read_files_stage, empty);
  g_autofree char *b = io_test_build_error (&galley_read_files_stage, missing);
  g_autofree char *c = io_test_build_error (&galley_read_files_stage, refused);
  g_autofree char *d = io_test_build_error (&galley_read_files_stage, refused_bad);

  ck_assert_str_eq (a, "parameter 'after': 'move:' is not one of: keep, move:DIR, delete");
  ck_assert_str_eq (b, "parameter 'after': /nonexistent/done is not a directory");
  ck_assert_str_eq (c, "parameter 'refused': /nonexistent/q is not a directory");
  ck_assert_str_eq (d, "parameter 'refused': 'archive' is not one of: keep, move:DIR, delete");
}
END_TEST

/* Reading */

START_TEST (test_single_file)
{
  g_autofree char *path = NULL;
  g_autoptr (IoRun) run = NULL;
  GalleyDocument *doc;

  write_news ();
  path = path_in_tmp ("world/geneva.txt");
  run = read_files (path, NULL);
  ck_assert_uint_eq (run->docs->len, 1);
  doc = io_run_doc (run, 0);
  ck_assert_str_eq (galley_document_get_id (doc), "geneva.txt");
  ck_assert_str_eq (galley_document_get_text (doc, NULL),
                    "Talks resume in Geneva\n\nDelegates met on Tuesday.\n");
  ck_assert_str_eq (galley_document_get_meta_nth (doc, 0, NULL), "title");
  ck_assert_str_eq (galley_document_get_meta (doc, "title"), "Talks resume in Geneva");
  ck_assert_str_eq (galley_document_get_meta_nth (doc, 1, NULL), "path");
  ck_assert_str_eq (galley_document_get_meta (doc, "path"), path);
  ck_assert_str_eq (galley_document_get_origin (doc), path);
  ck_assert_uint_eq (galley_document_get_n_meta (doc), 2);
}
END_TEST

START_TEST (test_explicit_file_ignores_suffixes)
{
  g_autofree char *path = NULL;
  g_autoptr (IoRun) run = NULL;

  write_news ();
  path = path_in_tmp ("world/notes.md");
  run = read_files (path, NULL);
  ck_assert_uint_eq (run->docs->len, 1);
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 0)), "notes.md");
}
END_TEST

START_TEST (test_directory_is_read_recursively_in_order)
{
  g_autofree char *dir = NULL, *ids = NULL;
  g_autoptr (IoRun) run = NULL;

  write_news ();
  dir = path_in_tmp ("world");
  run = read_files (dir, NULL);
  ids = ids_of (run);
  /* sorted by path; .draft.txt is hidden, notes.md has another suffix */
  ck_assert_str_eq (ids, "europe/paris.txt|geneva.txt|kyiv.txt");
  ck_assert_uint_eq (run->rejects->len, 0);
}
END_TEST

START_TEST (test_directory_links_are_not_followed)
{
  g_autofree char *dir = NULL, *ids = NULL, *up = NULL, *up2 = NULL;
  g_autoptr (IoRun) run = NULL;

  write_news ();
  /* two links back up the tree: followed, they would list every file
   * once per path through them (2^40 paths before ELOOP) */
  up = path_in_tmp ("world/europe/up");
  up2 = path_in_tmp ("world/europe/up2");
  ck_assert_int_eq (symlink ("..", up), 0);
  ck_assert_int_eq (symlink ("..", up2), 0);
  dir = path_in_tmp ("world");
  run = read_files (dir, NULL);
  ids = ids_of (run);
  ck_assert_str_eq (ids, "europe/paris.txt|geneva.txt|kyiv.txt");
}
END_TEST

START_TEST (test_glob)
{
  g_autofree char *pattern = NULL, *ids = NULL;
  g_autoptr (IoRun) run = NULL;

  write_news ();
  pattern = path_in_tmp ("world/*.txt");
  run = read_files (pattern, NULL);
  ids = ids_of (run);
  ck_assert_str_eq (ids, "geneva.txt|kyiv.txt");
}
END_TEST

START_TEST (test_glob_in_a_directory_component)
{
  g_autofree char *pattern = NULL, *ids = NULL;
  g_autoptr (IoRun) run = NULL;

  write_news ();
  pattern = path_in_tmp ("w*/e*/*.txt");
  run = read_files (pattern, NULL);
  ids = ids_of (run);
  ck_assert_str_eq (ids, "world/europe/paris.txt");
}
END_TEST

START_TEST (test_ids_are_stable_across_runs)
{
  g_autofree char *dir = NULL, *first = NULL, *second = NULL;
  IoRun *run;

  write_news ();
  dir = path_in_tmp ("world");
  run = read_files (dir, NULL);
  first = ids_of (run);
  io_run_free (run);
  g_free (io_test_write (tmp, "world/berlin.txt", "Berlin\n", -1));
  run = read_files (dir, NULL);
  second = ids_of (run);
  io_run_free (run);
  ck_assert_str_eq (first, "europe/paris.txt|geneva.txt|kyiv.txt");
  ck_assert_str_eq (second, "berlin.txt|europe/paris.txt|geneva.txt|kyiv.txt");
}
END_TEST

START_TEST (test_suffixes_param)
{
  g_autofree char *dir = NULL, *ids = NULL;
  g_autoptr (IoRun) run = NULL;

  write_news ();
  dir = path_in_tmp ("world");
  run = read_files (dir, "suffixes=.md,.markdown");
  ids = ids_of (run);
  ck_assert_str_eq (ids, "notes.md");
}
END_TEST

START_TEST (test_missing_path_is_fatal)
{
  g_autofree char *path = path_in_tmp ("nowhere/*.txt");
  g_autoptr (IoRun) run = read_files (path, NULL);
  g_autofree char *want = g_strdup_printf ("%s: no such file or no matching files", path);

  ck_assert_ptr_null (run->docs);
  ck_assert (g_error_matches (run->error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_str_eq (run->error->message, want);
}
END_TEST

/* Bad files are rejected, naming the file; the others still come. */

static void
assert_rejected_between (const char *name, const char *data, gssize len,
                         const char *extra, const char *reason)
{
  g_autofree char *bad = io_test_write (tmp, name, data, len);
  g_autofree char *want = g_strdup_printf ("%s: %s", bad, reason);
  g_autofree char *ids = NULL;
  g_autoptr (IoRun) run = NULL;

  g_free (io_test_write (tmp, "a.txt", "Before\nText.\n", -1));
  g_free (io_test_write (tmp, "z.txt", "After\nText.\n", -1));
  run = read_files (tmp, extra);
  ids = ids_of (run);
  ck_assert_str_eq (ids, "a.txt|z.txt");
  ck_assert_uint_eq (run->rejects->len, 1);
  ck_assert_str_eq (io_run_reject (run, 0), want);
}

START_TEST (test_binary_file_is_rejected)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";

  assert_rejected_between ("m.txt", png, sizeof png - 1, NULL, "binary file, not text");
}
END_TEST

START_TEST (test_oversized_file_is_rejected)
{
  assert_rejected_between ("m.txt", "This file is longer than twenty bytes.\n", -1,
                           "max-bytes=20", "larger than max-bytes=20");
}
END_TEST

/* 14 bytes, 4 of them invalid UTF-8: 22 once each is a 3-byte U+FFFD */
START_TEST (test_file_grown_past_max_bytes_by_replacement_is_rejected)
{
  assert_rejected_between ("m.txt", "\xFC\xFD\xFE\xFF twelve b\n", -1,
                           "max-bytes=20 encoding=utf-8",
                           "larger than max-bytes=20 once invalid UTF-8 is replaced");
}
END_TEST

START_TEST (test_file_at_max_bytes_after_replacement_is_read)
{
  g_autofree char *path = io_test_write (tmp, "c.txt", "\xFC\xFD\xFE\xFF seven\n", -1);
  g_autoptr (IoRun) run = read_files (path, "max-bytes=19 encoding=utf-8");

  ck_assert_uint_eq (run->rejects->len, 0);
  ck_assert_uint_eq (strlen (galley_document_get_text (io_run_doc (run, 0), NULL)), 19);
}
END_TEST

/* max-bytes= is the largest size read: a file of exactly that many bytes
 * is read whole */
START_TEST (test_file_of_max_bytes_is_read)
{
  g_autofree char *path = io_test_write (tmp, "c.txt", "Twenty bytes.\nBody.\n", -1);
  g_autoptr (IoRun) run = read_files (path, "max-bytes=20");

  ck_assert_uint_eq (run->rejects->len, 0);
  ck_assert_str_eq (galley_document_get_text (io_run_doc (run, 0), NULL), "Twenty bytes.\nBody.\n");
}
END_TEST

/* a byte order mark and nothing else: the mark is dropped, the file is
 * empty */
START_TEST (test_file_of_a_byte_order_mark_alone_is_rejected)
{
  assert_rejected_between ("m.txt", "\xEF\xBB\xBF", 3, NULL, "empty");
}
END_TEST

START_TEST (test_empty_file_is_rejected)
{
  assert_rejected_between ("m.txt", "", 0, NULL, "empty");
}
END_TEST

START_TEST (test_blank_file_is_rejected)
{
  assert_rejected_between ("m.txt", " \n\t\r\n\n", -1, NULL, "empty");
}
END_TEST

START_TEST (test_invalid_utf8_is_rejected_under_reject)
{
  assert_rejected_between ("m.txt", "Caf\xE9 open\n", -1, "encoding=utf-8 utf8=reject",
                           "invalid UTF-8 at byte 3");
}
END_TEST

START_TEST (test_rejected_file_stub_keeps_id_and_origin)
{
  g_autofree char *bad = io_test_write (tmp, "m.txt", "", 0);
  g_autoptr (GalleyParams) p = galley_params_new (galley_read_files_stage.params);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyDocument) doc = NULL;
  gpointer self;

  ck_assert (galley_params_set (p, "path", tmp, NULL));
  ck_assert (galley_params_finish (p, NULL));
  self = galley_read_files_stage.create (p, NULL);
  ck_assert_int_eq (galley_read_files_stage.read (self, &doc, &error), GALLEY_READ_SKIP);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  ck_assert_str_eq (galley_document_get_id (doc), "m.txt");
  ck_assert_str_eq (galley_document_get_origin (doc), bad);
  g_clear_pointer (&doc, galley_document_free);
  ck_assert_int_eq (galley_read_files_stage.read (self, &doc, NULL), GALLEY_READ_END);
  galley_read_files_stage.free (self);
}
END_TEST

START_TEST (test_oversized_error_code)
{
  g_autofree char *bad = io_test_write (tmp, "m.txt", "0123456789", -1);
  g_autoptr (GalleyParams) p = galley_params_new (galley_read_files_stage.params);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyDocument) doc = NULL;
  gpointer self;

  ck_assert (galley_params_set (p, "path", bad, NULL));
  ck_assert (galley_params_set (p, "max-bytes", "9", NULL));
  ck_assert (galley_params_finish (p, NULL));
  self = galley_read_files_stage.create (p, NULL);
  ck_assert_int_eq (galley_read_files_stage.read (self, &doc, &error), GALLEY_READ_SKIP);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE));
  /* refused unread, it is known by its size and mtime: the cron state
   * keeps its rejection under that */
  {
    GStatBuf st;
    gint64 version[2];
    guint64 hash = 0;

    ck_assert_int_eq (g_stat (bad, &st), 0);
    version[0] = (gint64) st.st_size;
    version[1] = (gint64) st.st_mtime;
    ck_assert (galley_document_get_input_hash (doc, &hash));
    ck_assert_uint_eq (hash, galley_hash64 (version, sizeof version, 0));
  }
  galley_read_files_stage.free (self);
}
END_TEST

/* disposing_reader: a read-files instance over @tmp/in with @after and
 * @refused (NULL: the default). */
static gpointer
disposing_reader (const char *after, const char *refused)
{
  g_autofree char *in = path_in_tmp ("in");
  g_autoptr (GalleyParams) p = galley_params_new (galley_read_files_stage.params);
  gpointer self;

  ck_assert (galley_params_set (p, "path", in, NULL));
  ck_assert (galley_params_set (p, "after", after, NULL));
  if (refused)
    ck_assert (galley_params_set (p, "refused", refused, NULL));
  ck_assert (galley_params_finish (p, NULL));
  self = galley_read_files_stage.create (p, NULL);
  ck_assert_ptr_nonnull (self);
  return self;
}

/* read_then_acknowledge: reads the two files of @tmp/in with @after,
 * runs @before_ack (may be NULL) on @tmp, then acknowledges: its result,
 * with the error's message in *@message. */
static gboolean
read_then_acknowledge (const char *after, void (*before_ack) (void), char **message)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;
  gpointer self = disposing_reader (after, NULL);

  for (guint i = 0; i < 2; i++)
    {
      GalleyDocument *doc = NULL;
      ck_assert_int_eq (galley_read_files_stage.read (self, &doc, NULL), GALLEY_READ_OK);
      galley_document_free (doc);
    }
  if (before_ack)
    before_ack ();
  ok = galley_read_files_stage.acknowledge (self, &error);
  *message = error ? g_strdup (error->message) : NULL;
  galley_read_files_stage.free (self);
  return ok;
}

static void
remove_b (void)
{
  g_autofree char *b = path_in_tmp ("in/b.txt");

  ck_assert_int_eq (g_unlink (b), 0);
}

/* after=delete removes the files read once acknowledged; one already
 * gone is no error. */
START_TEST (test_after_delete_removes_the_files_read)
{
  g_autofree char *a = io_test_write (tmp, "in/a.txt", "A\n", -1);
  g_autofree char *b = io_test_write (tmp, "in/b.txt", "B\n", -1);
  g_autofree char *message = NULL;

  ck_assert (read_then_acknowledge ("delete", remove_b, &message));
  ck_assert_ptr_null (message);
  ck_assert (!g_file_test (a, G_FILE_TEST_EXISTS));
}
END_TEST

/* refused_run: in/a.txt (read) and in/empty.txt (refused) read with
 * after=delete and @refused (NULL: the default), then acknowledged. */
static void
refused_run (const char *refused)
{
  gpointer self = disposing_reader ("delete", refused);
  GalleyReadStatus status[2];

  for (guint i = 0; i < 2; i++)
    {
      GalleyDocument *doc = NULL;
      g_autoptr (GError) error = NULL;

      status[i] = galley_read_files_stage.read (self, &doc, &error);
      galley_document_free (doc);
    }
  ck_assert_int_eq (status[0], GALLEY_READ_OK);    /* a.txt */
  ck_assert_int_eq (status[1], GALLEY_READ_SKIP);  /* empty.txt */
  ck_assert (galley_read_files_stage.acknowledge (self, NULL));
  galley_read_files_stage.free (self);
}

/* A file the reader refuses is in no output and no rejects line: after=
 * does not dispose of it; refused= does, keep by default. */
START_TEST (test_refused_files_kept_unless_refused_says)
{
  g_autofree char *a = io_test_write (tmp, "in/a.txt", "A\n", -1);
  g_autofree char *empty = io_test_write (tmp, "in/empty.txt", "", 0);
  g_autofree char *quarantine = path_in_tmp ("quarantine");
  g_autofree char *moved = path_in_tmp ("quarantine/empty.txt");
  g_autofree char *move = g_strconcat ("move:", quarantine, NULL);

  refused_run (NULL);
  ck_assert (!g_file_test (a, G_FILE_TEST_EXISTS));
  ck_assert (g_file_test (empty, G_FILE_TEST_EXISTS));

  g_free (io_test_write (tmp, "in/a.txt", "A\n", -1));
  ck_assert_int_eq (g_mkdir (quarantine, 0755), 0);
  refused_run (move);
  ck_assert (!g_file_test (empty, G_FILE_TEST_EXISTS));
  ck_assert (g_file_test (moved, G_FILE_TEST_EXISTS));

  g_free (io_test_write (tmp, "in/a.txt", "A\n", -1));
  g_free (io_test_write (tmp, "in/empty.txt", "", 0));
  refused_run ("delete");
  ck_assert (!g_file_test (empty, G_FILE_TEST_EXISTS));
  ck_assert (!g_file_test (a, G_FILE_TEST_EXISTS));
}
END_TEST

/* expect_move_fails: in/a.txt and in/b.txt read with after=move:DONE,
 * @before_ack run before the acknowledge, which must fail naming a.txt
 * with @err and leave it in place (it would be read again at every run). */
static void
expect_move_fails (void (*before_ack) (void), int err)
{
  g_autofree char *a = io_test_write (tmp, "in/a.txt", "A\n", -1);
  g_autofree char *b = io_test_write (tmp, "in/b.txt", "B\n", -1);
  g_autofree char *done = path_in_tmp ("done");
  g_autofree char *after = g_strconcat ("move:", done, NULL);
  g_autofree char *want = g_strdup_printf ("%s: cannot move it once done (after=move:%s): %s",
                                           a, done, g_strerror (err));
  g_autofree char *message = NULL;

  ck_assert (!read_then_acknowledge (after, before_ack, &message));
  ck_assert_str_eq (message, want);
  ck_assert (g_file_test (a, G_FILE_TEST_EXISTS));
}

/* A file that cannot be moved fails the acknowledge, naming it. */
START_TEST (test_after_move_failure_names_the_file)
{
  /* a non-empty directory where a.txt would go */
  g_free (io_test_write (tmp, "done/a.txt/keep", "", 0));
  expect_move_fails (NULL, EISDIR);
}
END_TEST

static void
remove_done (void)
{
  g_autofree char *done = path_in_tmp ("done");

  ck_assert_int_eq (g_rmdir (done), 0);
}

/* rename() says ENOENT when DIR is gone too: the file is still there,
 * so that is a failure, not a file already gone. */
START_TEST (test_after_move_to_a_directory_gone_fails)
{
  g_autofree char *done = path_in_tmp ("done");

  ck_assert_int_eq (g_mkdir (done, 0755), 0);
  expect_move_fails (remove_done, ENOENT);
}
END_TEST

/* path=- reads standard input as one document, id "stdin" */
START_TEST (test_stdin_is_one_document_with_id_stdin)
{
  g_autofree char *in = io_test_write (tmp, "in.txt", "Piped headline\nBody.\n", -1);
  int fd = g_open (in, O_RDONLY, 0);
  g_autoptr (IoRun) run = NULL;
  GalleyDocument *doc;

  /* Check runs each test in a child: its standard input is ours to set */
  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (dup2 (fd, STDIN_FILENO), STDIN_FILENO);
  close (fd);
  run = read_files ("-", NULL);
  ck_assert_uint_eq (run->docs->len, 1);
  doc = io_run_doc (run, 0);
  ck_assert_str_eq (galley_document_get_id (doc), "stdin");
  ck_assert_str_eq (galley_document_get_origin (doc), "<stdin>");
  ck_assert_str_eq (galley_document_get_meta (doc, "title"), "Piped headline");
}
END_TEST

/* Text */

START_TEST (test_invalid_utf8_is_replaced_and_counted)
{
  g_autofree char *path = io_test_write (tmp, "c.txt", "Caf\xE9 \xFF\xFE open\n", -1);
  g_autoptr (IoRun) run = read_files (path, "encoding=utf-8");
  GalleyDocument *doc = io_run_doc (run, 0);
  g_autofree char *count = io_test_repaired_text (doc);

  ck_assert_str_eq (galley_document_get_text (doc, NULL),
                    "Caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD open\n");
  ck_assert_str_eq (galley_document_get_meta (doc, "title"),
                    "Caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD open");
  ck_assert_str_eq (count, "3");
}
END_TEST

START_TEST (test_title_is_first_non_empty_line_trimmed)
{
  g_autofree char *path = io_test_write (tmp, "t.txt", "\n  \r\n   Z\xC3\xBCrich votes  \r\nBody.\n", -1);
  g_autoptr (IoRun) run = read_files (path, NULL);

  ck_assert_str_eq (galley_document_get_meta (io_run_doc (run, 0), "title"), "Z\xC3\xBCrich votes");
}
END_TEST

START_TEST (test_title_is_cut_at_a_character_boundary)
{
  /* 255 ASCII bytes then "é": 257 bytes; the cut at 256 would split é */
  g_autofree char *head = g_strnfill (255, 'a');
  g_autofree char *text = g_strdup_printf ("%s\xC3\xA9 tail\nBody.\n", head);
  g_autofree char *path = io_test_write (tmp, "t.txt", text, -1);
  g_autoptr (IoRun) run = read_files (path, NULL);

  ck_assert_str_eq (galley_document_get_meta (io_run_doc (run, 0), "title"), head);
}
END_TEST

START_TEST (test_byte_order_mark_is_dropped)
{
  g_autofree char *path = io_test_write (tmp, "b.txt", "\xEF\xBB\xBFHeadline\nBody.\n", -1);
  g_autoptr (IoRun) run = read_files (path, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);

  ck_assert_str_eq (galley_document_get_text (doc, NULL), "Headline\nBody.\n");
  ck_assert_str_eq (galley_document_get_meta (doc, "title"), "Headline");
}
END_TEST

/* Encodings */

/* A Latin-1 file (no valid multi-byte UTF-8 at all) is legacy text:
 * decoded, and marked with the encoding it was read in. */
START_TEST (test_legacy_text_is_decoded_under_auto)
{
  g_autofree char *path = io_test_write (tmp, "l.txt",
                                         "Caf\xE9 cr\xE8me \x96 \x93quoted\x94\nBody.\n", -1);
  g_autoptr (IoRun) run = read_files (path, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);

  ck_assert_str_eq (galley_document_get_text (doc, NULL),
                    "Caf\xC3\xA9 cr\xC3\xA8me \xE2\x80\x93 \xE2\x80\x9Cquoted\xE2\x80\x9D\nBody.\n");
  ck_assert_str_eq (galley_document_get_meta (doc, "title"),
                    "Caf\xC3\xA9 cr\xC3\xA8me \xE2\x80\x93 \xE2\x80\x9Cquoted\xE2\x80\x9D");
  ck_assert_str_eq (galley_document_get_meta (doc, "encoding"), "windows-1252");
  ck_assert_uint_eq (galley_document_get_repaired (doc), 0);
}
END_TEST

/* UTF-8 with a stray byte stays UTF-8: decoding it as windows-1252
 * would turn each of its accented letters into two characters. */
START_TEST (test_damaged_utf8_stays_utf8_under_auto)
{
  g_autofree char *path = io_test_write (tmp, "d.txt", "Z\xC3\xBCrich \xFF Gen\xC3\xA8ve\n", -1);
  g_autoptr (IoRun) run = read_files (path, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);

  ck_assert_str_eq (galley_document_get_text (doc, NULL),
                    "Z\xC3\xBCrich \xEF\xBF\xBD Gen\xC3\xA8ve\n");
  ck_assert_ptr_null (galley_document_get_meta (doc, "encoding"));
  ck_assert_uint_eq (galley_document_get_repaired (doc), 1);
}
END_TEST

/* one valid character, two bad bytes: more damage than UTF-8 */
/* As many valid multi-byte characters as invalid bytes: still UTF-8 */
START_TEST (test_utf8_with_as_many_bad_bytes_as_characters_stays_utf8)
{
  g_autofree char *path = io_test_write (tmp, "e.txt", "Z\xC3\xBCrich \xFF\n", -1);
  g_autoptr (IoRun) run = read_files (path, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);

  ck_assert_str_eq (galley_document_get_text (doc, NULL), "Z\xC3\xBCrich \xEF\xBF\xBD\n");
  ck_assert_ptr_null (galley_document_get_meta (doc, "encoding"));
  ck_assert_uint_eq (galley_document_get_repaired (doc), 1);
}
END_TEST

START_TEST (test_mostly_invalid_bytes_are_legacy_under_auto)
{
  g_autofree char *path = io_test_write (tmp, "m.txt", "\xC3\xBC \xE9\xE8 text\n", -1);
  g_autoptr (IoRun) run = read_files (path, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);

  ck_assert_str_eq (galley_document_get_text (doc, NULL),
                    "\xC3\x83\xC2\xBC \xC3\xA9\xC3\xA8 text\n");
  ck_assert_str_eq (galley_document_get_meta (doc, "encoding"), "windows-1252");
}
END_TEST

START_TEST (test_damaged_utf8_is_rejected_under_reject)
{
  assert_rejected_between ("m.txt", "Z\xC3\xBCrich \xFF Gen\xC3\xA8ve\n", -1, "utf8=reject",
                           "invalid UTF-8 at byte 8");
}
END_TEST

START_TEST (test_utf16_with_byte_order_mark_is_decoded)
{
  static const char le[] = "\xFF\xFEH\0i\0 \0\xE9\0\n\0";
  static const char be[] = "\xFE\xFF\0H\0i\0 \0\xE9\0\n";
  g_autofree char *a = io_test_write (tmp, "le.txt", le, sizeof le - 1);
  g_autofree char *b = io_test_write (tmp, "be.txt", be, sizeof be - 1);
  g_autoptr (IoRun) run = read_files (tmp, NULL);

  ck_assert_uint_eq (run->docs->len, 2);
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 0)), "be.txt");
  ck_assert_str_eq (galley_document_get_text (io_run_doc (run, 0), NULL), "Hi \xC3\xA9\n");
  ck_assert_str_eq (galley_document_get_meta (io_run_doc (run, 0), "encoding"), "UTF-16BE");
  ck_assert_str_eq (galley_document_get_text (io_run_doc (run, 1), NULL), "Hi \xC3\xA9\n");
  ck_assert_str_eq (galley_document_get_meta (io_run_doc (run, 1), "encoding"), "UTF-16LE");
}
END_TEST

/* UTF-16's NUL bytes make no binary file; its blank text is empty */
START_TEST (test_blank_utf16_is_rejected_as_empty)
{
  assert_rejected_between ("m.txt", "\xFF\xFE \0\n\0", 6, NULL, "empty");
}
END_TEST

START_TEST (test_named_encoding_is_used)
{
  /* "Мир" (peace) in KOI8-R */
  g_autofree char *path = io_test_write (tmp, "k.txt", "\xED\xC9\xD2\n", -1);
  g_autoptr (IoRun) run = read_files (path, "encoding=KOI8-R");
  GalleyDocument *doc = io_run_doc (run, 0);

  ck_assert_str_eq (galley_document_get_text (doc, NULL), "\xD0\x9C\xD0\xB8\xD1\x80\n");
  ck_assert_str_eq (galley_document_get_meta (doc, "encoding"), "KOI8-R");
}
END_TEST

/* é is one byte in windows-1252 and two in UTF-8: 11 bytes become 16 */
START_TEST (test_legacy_text_grown_past_max_bytes_is_rejected)
{
  assert_rejected_between ("m.txt", "\xE9\xE9\xE9\xE9\xE9 text\n", -1,
                           "max-bytes=15 encoding=windows-1252",
                           "larger than max-bytes=15 once decoded from windows-1252");
}
END_TEST

START_TEST (test_unknown_encoding_label_is_refused)
{
  g_autoptr (GalleyParams) p = galley_params_new (galley_read_files_stage.params);
  g_autoptr (GError) error = NULL;

  ck_assert (galley_params_set (p, "path", tmp, NULL));
  ck_assert (galley_params_set (p, "encoding", "utf7", NULL));
  ck_assert (galley_params_finish (p, NULL));
  ck_assert_ptr_null (galley_read_files_stage.create (p, &error));
  ck_assert_str_eq (error->message,
                    "parameter 'encoding': 'utf7' is not an encoding label of the Encoding "
                    "Standard (auto, utf-8, windows-1252, iso-8859-15, ...)");
}
END_TEST

START_TEST (test_file_without_newline)
{
  g_autofree char *path = io_test_write (tmp, "n.txt", "Only a headline", -1);
  g_autoptr (IoRun) run = read_files (path, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);

  ck_assert_str_eq (galley_document_get_text (doc, NULL), "Only a headline");
  ck_assert_str_eq (galley_document_get_meta (doc, "title"), "Only a headline");
}
END_TEST

static Suite *
read_files_suite (void)
{
  Suite *s = suite_create ("read-files");
  TCase *tc;

  tc = tcase_create ("params");
  tcase_add_test (tc, test_params_path_is_required);
  tcase_add_test (tc, test_params_defaults);
  tcase_add_test (tc, test_params_unknown_key_lists_valid_keys);
  suite_add_tcase (s, tc);

  tc = tcase_create ("ids");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_pattern_base);
  tcase_add_test (tc, test_make_id);
  tcase_add_test (tc, test_params_after_move_needs_a_directory);
  suite_add_tcase (s, tc);

  tc = tcase_create ("reading");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_single_file);
  tcase_add_test (tc, test_explicit_file_ignores_suffixes);
  tcase_add_test (tc, test_directory_is_read_recursively_in_order);
  tcase_add_test (tc, test_directory_links_are_not_followed);
  tcase_add_test (tc, test_glob);
  tcase_add_test (tc, test_glob_in_a_directory_component);
  tcase_add_test (tc, test_ids_are_stable_across_runs);
  tcase_add_test (tc, test_suffixes_param);
  tcase_add_test (tc, test_missing_path_is_fatal);
  suite_add_tcase (s, tc);

  tc = tcase_create ("rejects");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_binary_file_is_rejected);
  tcase_add_test (tc, test_oversized_file_is_rejected);
  tcase_add_test (tc, test_file_grown_past_max_bytes_by_replacement_is_rejected);
  tcase_add_test (tc, test_file_at_max_bytes_after_replacement_is_read);
  tcase_add_test (tc, test_file_of_max_bytes_is_read);
  tcase_add_test (tc, test_file_of_a_byte_order_mark_alone_is_rejected);
  tcase_add_test (tc, test_empty_file_is_rejected);
  tcase_add_test (tc, test_blank_file_is_rejected);
  tcase_add_test (tc, test_invalid_utf8_is_rejected_under_reject);
  tcase_add_test (tc, test_rejected_file_stub_keeps_id_and_origin);
  tcase_add_test (tc, test_oversized_error_code);
  tcase_add_test (tc, test_after_delete_removes_the_files_read);
  tcase_add_test (tc, test_refused_files_kept_unless_refused_says);
  tcase_add_test (tc, test_after_move_failure_names_the_file);
  tcase_add_test (tc, test_after_move_to_a_directory_gone_fails);
  tcase_add_test (tc, test_stdin_is_one_document_with_id_stdin);
  suite_add_tcase (s, tc);

  tc = tcase_create ("text");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_invalid_utf8_is_replaced_and_counted);
  tcase_add_test (tc, test_title_is_first_non_empty_line_trimmed);
  tcase_add_test (tc, test_title_is_cut_at_a_character_boundary);
  tcase_add_test (tc, test_byte_order_mark_is_dropped);
  tcase_add_test (tc, test_legacy_text_is_decoded_under_auto);
  tcase_add_test (tc, test_damaged_utf8_stays_utf8_under_auto);
  tcase_add_test (tc, test_utf8_with_as_many_bad_bytes_as_characters_stays_utf8);
  tcase_add_test (tc, test_mostly_invalid_bytes_are_legacy_under_auto);
  tcase_add_test (tc, test_damaged_utf8_is_rejected_under_reject);
  tcase_add_test (tc, test_utf16_with_byte_order_mark_is_decoded);
  tcase_add_test (tc, test_blank_utf16_is_rejected_as_empty);
  tcase_add_test (tc, test_named_encoding_is_used);
  tcase_add_test (tc, test_legacy_text_grown_past_max_bytes_is_rejected);
  tcase_add_test (tc, test_unknown_encoding_label_is_refused);
  tcase_add_test (tc, test_file_without_newline);
  suite_add_tcase (s, tc);
  return s;
}

IO_TEST_MAIN (read_files_suite)
