/* test-null-error.c: every public SDK function that takes a GError **
 * accepts NULL there (as GLib's own functions do) and still reports the
 * failure through its return value. Each call below fails; none may
 * crash. */
#include "config.h"

#include <galley/galley.h>

#include "sdk-test.h"

static const GalleyParamSpec specs[] = {
  { "count", GALLEY_PARAM_INT, "1", 0, 10, NULL, "a bounded integer", 0 },
  { "path", GALLEY_PARAM_PATH, NULL, 0, 0, NULL, "a required path", GALLEY_PARAM_REQUIRED },
  { NULL }
};

START_TEST (test_params_fail_without_an_error)
{
  GalleyParams *params = galley_params_new (specs);
  g_autoptr (GKeyFile) kf = g_key_file_new ();

  ck_assert (!galley_params_set (params, "count", "many", NULL));
  ck_assert (!galley_params_set (params, "count", "11", NULL));
  ck_assert (!galley_params_set (params, "nothing", "1", NULL));
  ck_assert (!galley_params_finish (params, NULL));
  ck_assert (g_key_file_load_from_data (kf, "[s]\nnothing=1\n", -1, 0, NULL));
  ck_assert (!galley_params_set_from_key_file (params, kf, "s", NULL, NULL));
  galley_params_free (params);
}
END_TEST

START_TEST (test_files_fail_without_an_error)
{
  g_autofree char *dir = sdk_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing", "x.txt", NULL);
  g_autofree char *pattern = g_build_filename (dir, "missing", "*.txt", NULL);
  char *contents = NULL;
  gsize len;

  ck_assert (!galley_read_param_file (missing, &contents, &len, NULL));
  ck_assert_ptr_null (contents);
  ck_assert (!galley_read_param_file (dir, &contents, &len, NULL));
  ck_assert_ptr_null (galley_input_read_file (missing, 0, &len, NULL));
  ck_assert_ptr_null (galley_output_open (missing, 0, NULL));
  {
    g_auto (GStrv) files = galley_input_expand (pattern, NULL, NULL);
    ck_assert (files == NULL || files[0] == NULL);
  }
  sdk_test_rmtree (dir);
}
END_TEST

START_TEST (test_output_fails_without_an_error)
{
  g_autofree char *dir = sdk_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  GalleyOutput *out = galley_output_open (path, 0, NULL);

  ck_assert_ptr_nonnull (out);
  ck_assert (galley_output_commit (out, NULL));
  ck_assert (!galley_output_write (out, "x", 1, NULL));  /* after commit */
  galley_output_free (out);
  sdk_test_rmtree (dir);
}
END_TEST

START_TEST (test_text_fails_without_an_error)
{
  char *out = NULL;
  gsize out_len;
  guint n;

  ck_assert_ptr_null (galley_charset_decode ("abc", 3, "no-such-charset", "doc", NULL,
                                             NULL, NULL));
  ck_assert (!galley_utf8_make_valid ("a\xff", 2, GALLEY_UTF8_REJECT, "doc", &out, &out_len,
                                      &n, NULL));
  ck_assert_ptr_null (out);
}
END_TEST

static Suite *
null_error_suite (void)
{
  Suite *s = suite_create ("null-error");
  TCase *tc = tcase_create ("null-error");

  tcase_add_test (tc, test_params_fail_without_an_error);
  tcase_add_test (tc, test_files_fail_without_an_error);
  tcase_add_test (tc, test_output_fails_without_an_error);
  tcase_add_test (tc, test_text_fails_without_an_error);
  suite_add_tcase (s, tc);
  return s;
}

SDK_TEST_MAIN (null_error_suite)
