/* sdk-test.h: what the SDK suites share: catching the criticals that
 * programming errors raise, temporary directories, and main(). */
#pragma once

#include <check.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

/* Criticals: a test that checks a programming-error path installs the
 * catcher, calls, and asserts on the last message. */
static char *sdk_test_last_critical;
static guint sdk_test_n_criticals;

static void
sdk_test_log_handler (const char *domain, GLogLevelFlags level,
                      const char *message, gpointer data)
{
  (void) domain;
  (void) data;
  if (level & G_LOG_LEVEL_CRITICAL)
    {
      g_free (sdk_test_last_critical);
      sdk_test_last_critical = g_strdup (message);
      sdk_test_n_criticals++;
    }
}

static inline void
sdk_test_catch_criticals (void)
{
  g_clear_pointer (&sdk_test_last_critical, g_free);
  sdk_test_n_criticals = 0;
  g_log_set_default_handler (sdk_test_log_handler, NULL);
}

static inline void
sdk_test_release_criticals (void)
{
  g_log_set_default_handler (g_log_default_handler, NULL);
  g_clear_pointer (&sdk_test_last_critical, g_free);
}

/* sdk_test_tmpdir: a fresh directory under $TMPDIR (never the source tree,
 * which is read-only under distcheck); remove it with sdk_test_rmtree. */
static inline char *
sdk_test_tmpdir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("galley-sdk-XXXXXX", &error);

  ck_assert_msg (dir != NULL, "g_dir_make_tmp: %s", error ? error->message : "");
  return dir;
}

static inline void
sdk_test_rmtree (const char *path)
{
  GDir *d;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      const char *name;

      d = g_dir_open (path, 0, NULL);
      while (d && (name = g_dir_read_name (d)) != NULL)
        {
          char *child = g_build_filename (path, name, NULL);
          sdk_test_rmtree (child);
          g_free (child);
        }
      if (d)
        g_dir_close (d);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline void
sdk_test_write (const char *path, const char *contents, gssize len)
{
  GError *error = NULL;

  ck_assert_msg (g_file_set_contents (path, contents, len, &error),
                 "%s", error ? error->message : "");
}

static inline char *
sdk_test_read (const char *path)
{
  char *contents = NULL;
  GError *error = NULL;

  ck_assert_msg (g_file_get_contents (path, &contents, NULL, &error),
                 "%s", error ? error->message : "");
  return contents;
}

/* SDK_TEST_MAIN: runs one suite and exits 0 when every test passed. */
#define SDK_TEST_MAIN(suite_fn) \
  int \
  main (void) \
  { \
    SRunner *sr = srunner_create (suite_fn ()); \
    int failed; \
    srunner_run_all (sr, CK_NORMAL); \
    failed = srunner_ntests_failed (sr); \
    srunner_free (sr); \
    return failed == 0 ? 0 : 1; \
  }
