/* io-test.h: what the read-files, read-jsonl, export-jsonl, export-csv
 * and export-sqlite suites share: temporary directories and files,
 * running a source to the end, and main(). */
#pragma once

#include <check.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <galley/galley.h>

/* io_test_tmpdir: a fresh directory under $TMPDIR (never the source tree,
 * which is read-only under distcheck); remove it with io_test_rmtree. */
static inline char *
io_test_tmpdir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("galley-io-XXXXXX", &error);

  ck_assert_msg (dir != NULL, "g_dir_make_tmp: %s", error ? error->message : "");
  return dir;
}

static inline void
io_test_rmtree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d && (name = g_dir_read_name (d)) != NULL)
        {
          char *child = g_build_filename (path, name, NULL);
          io_test_rmtree (child);
          g_free (child);
        }
      if (d)
        g_dir_close (d);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* io_test_write: writes @len bytes (-1: NUL-terminated) to @dir/@name,
 * creating parent directories. Returns: (transfer full) the path. */
static inline char *
io_test_write (const char *dir, const char *name, const char *data, gssize len)
{
  char *path = g_build_filename (dir, name, NULL);
  char *parent = g_path_get_dirname (path);
  GError *error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_free (parent);
  ck_assert_msg (g_file_set_contents (path, data, len, &error),
                 "writing %s: %s", path, error ? error->message : "");
  return path;
}

/* io_test_read: the contents of @path, or NULL when it does not exist. */
static inline char *
io_test_read (const char *path)
{
  char *data = NULL;

  if (!g_file_get_contents (path, &data, NULL, NULL))
    return NULL;
  return data;
}

/* io_test_count_entries: how many names @dir holds (hidden ones too). */
static inline guint
io_test_count_entries (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d) != NULL)
    n++;
  if (d)
    g_dir_close (d);
  return n;
}

/* IoRun: what a source produced when read to the end. */
typedef struct {
  GPtrArray *docs;     /* GalleyDocument */
  GPtrArray *rejects;  /* char*: the messages, in order */
  GError *error;       /* the fatal error, if reading stopped */
} IoRun;

static inline void
io_run_free (IoRun *run)
{
  if (run->docs)
    g_ptr_array_unref (run->docs);
  g_ptr_array_unref (run->rejects);
  g_clear_error (&run->error);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IoRun, io_run_free)

/* io_test_read_all: builds @klass with @params (NULL-terminated
 * "key=value" strings) and reads to the end through the harness. The
 * stage must build. */
static inline IoRun *
io_test_read_all (const GalleyStageClass *klass, const char *const *params)
{
  IoRun *run = g_new0 (IoRun, 1);
  GError *error = NULL;
  GalleyHarness *h = galley_harness_new (klass, params, &error);

  ck_assert_msg (h != NULL, "building %s: %s", klass->name, error ? error->message : "");
  run->rejects = g_ptr_array_new_with_free_func (g_free);
  run->docs = galley_harness_read_all (h, run->rejects, &run->error);
  galley_harness_free (h);
  return run;
}

/* io_test_build_error: the message of the error building @klass with
 * @params gives (the stage must fail to build). Returns: (transfer full). */
static inline char *
io_test_build_error (const GalleyStageClass *klass, const char *const *params)
{
  GError *error = NULL;
  GalleyHarness *h = galley_harness_new (klass, params, &error);
  char *msg;

  ck_assert_msg (h == NULL, "%s built with bad parameters", klass->name);
  ck_assert (error != NULL);
  msg = g_strdup (error->message);
  g_error_free (error);
  return msg;
}

static inline GalleyDocument *
io_run_doc (IoRun *run, guint i)
{
  ck_assert_uint_lt (i, run->docs->len);
  return g_ptr_array_index (run->docs, i);
}

static inline const char *
io_run_reject (IoRun *run, guint i)
{
  ck_assert_uint_lt (i, run->rejects->len);
  return g_ptr_array_index (run->rejects, i);
}

/* io_test_meta_text: the metadata @key of @doc as text (JSON values as
 * their JSON text, ints in decimal); NULL when absent. */
static inline char *
io_test_meta_text (GalleyDocument *doc, const char *key)
{
  const GalleyValue *value = galley_document_get_meta_value (doc, key);

  return value ? galley_value_to_string (value) : NULL;
}

/* io_test_repaired_text: the repair count of @doc in decimal (the
 * U+FFFD a reader put in); NULL when there is none. */
static inline char *
io_test_repaired_text (GalleyDocument *doc)
{
  guint n = galley_document_get_repaired (doc);

  return n ? g_strdup_printf ("%u", n) : NULL;
}

#define IO_TEST_MAIN(suite_fn) \
  int \
  main (void) \
  { \
    SRunner *runner = srunner_create (suite_fn ()); \
    int failed; \
    srunner_run_all (runner, CK_NORMAL); \
    failed = srunner_ntests_failed (runner); \
    srunner_free (runner); \
    return failed == 0 ? 0 : 1; \
  }
