/* test-line-reader.c: the stage's Check suite, through the SDK harness.
 * Each test writes its input to a temporary directory. */
#include <check.h>
#include <string.h>

#include <glib/gstdio.h>
#include <galley/galley.h>

#include "line-reader.h"

static char *tmp;

static void
setup (void)
{
  tmp = g_dir_make_tmp ("line-reader-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmp);
}

static void
teardown (void)
{
  GDir *d = g_dir_open (tmp, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp, name, NULL);
      g_unlink (path);
    }
  g_dir_close (d);
  g_rmdir (tmp);
  g_clear_pointer (&tmp, g_free);
}

/* input: writes @len bytes of @contents to TMP/@name; returns "path=..." */
static char *
input (const char *name, const char *contents, gssize len)
{
  g_autofree char *path = g_build_filename (tmp, name, NULL);

  ck_assert (g_file_set_contents (path, contents, len, NULL));
  return g_strdup_printf ("path=%s", path);
}

/* read_all: every document of @param's file as "id=text|...", and the
 * rejects and fatal error, if any, after a '#'. */
static char *
read_all (const char *param)
{
  const char *params[] = { param, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_line_reader_stage, params, &error);
  g_autoptr (GPtrArray) rejects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) docs = NULL;
  GString *s = g_string_new (NULL);

  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  docs = galley_harness_read_all (h, rejects, &error);
  for (guint i = 0; docs && i < docs->len; i++)
    {
      GalleyDocument *doc = g_ptr_array_index (docs, i);
      g_string_append_printf (s, "%s%s=%s", i ? "|" : "", galley_document_get_id (doc),
                              galley_document_get_text (doc, NULL));
      ck_assert_str_eq (galley_document_get_origin (doc), galley_document_get_id (doc));
    }
  if (error)
    g_string_append_printf (s, "#%s", error->message);
  return g_string_free (s, FALSE);
}

START_TEST (test_one_document_per_line)
{
  g_autofree char *param = input ("news.txt", "Storm hits coast\nMarkets calm\n", -1);
  g_autofree char *got = read_all (param);

  ck_assert_str_eq (got, "news.txt:1=Storm hits coast|news.txt:2=Markets calm");
}
END_TEST

START_TEST (test_blank_lines_skipped_and_numbered)
{
  g_autofree char *param = input ("a.txt", "\n  \nFirst\r\n\nSecond", -1);
  g_autofree char *got = read_all (param);

  ck_assert_str_eq (got, "a.txt:3=First|a.txt:5=Second");
}
END_TEST

START_TEST (test_empty_file)
{
  g_autofree char *param = input ("empty.txt", "", 0);
  g_autofree char *got = read_all (param);

  ck_assert_str_eq (got, "");
}
END_TEST

START_TEST (test_invalid_utf8_repaired)
{
  g_autofree char *param = input ("latin1.txt", "caf\xe9 au lait\n", -1);
  g_autofree char *got = read_all (param);

  ck_assert_str_eq (got, "latin1.txt:1=caf\xef\xbf\xbd au lait");
}
END_TEST

START_TEST (test_binary_file_refused)
{
  g_autofree char *param = input ("image.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autofree char *got = read_all (param);
  g_autofree char *expected = g_strdup_printf ("#%s/image.png: looks like a binary file, not text", tmp);

  ck_assert_str_eq (got, expected);
}
END_TEST

START_TEST (test_missing_file_is_an_error)
{
  g_autofree char *param = g_strdup_printf ("path=%s/missing.txt", tmp);
  g_autofree char *got = read_all (param);
  g_autofree char *expected =
    g_strdup_printf ("#%s/missing.txt: cannot open: No such file or directory", tmp);

  ck_assert_str_eq (got, expected);
}
END_TEST

START_TEST (test_too_large_is_an_error)
{
  const char *params[] = { NULL, "max-bytes=4", NULL };
  g_autofree char *param = input ("big.txt", "Twelve bytes", -1);
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("%s/big.txt: larger than max-bytes=4", tmp);

  params[0] = param;
  h = galley_harness_new (&galley_line_reader_stage, params, NULL);
  ck_assert_ptr_null (galley_harness_read_all (h, NULL, &error));
  ck_assert_str_eq (error->message, expected);
}
END_TEST

START_TEST (test_path_required)
{
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&galley_line_reader_stage, NULL, &error));
  ck_assert_str_eq (error->message,
                    "parameter 'path' is required (file to read, - for standard input)");
}
END_TEST

static Suite *
line_reader_suite (void)
{
  Suite *s = suite_create ("line-reader");
  TCase *tc = tcase_create ("line-reader");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_one_document_per_line);
  tcase_add_test (tc, test_blank_lines_skipped_and_numbered);
  tcase_add_test (tc, test_empty_file);
  tcase_add_test (tc, test_invalid_utf8_repaired);
  tcase_add_test (tc, test_binary_file_refused);
  tcase_add_test (tc, test_missing_file_is_an_error);
  tcase_add_test (tc, test_too_large_is_an_error);
  tcase_add_test (tc, test_path_required);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (line_reader_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
