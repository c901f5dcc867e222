/* test-count-writer.c: the stage's Check suite, through the SDK harness.
 * Each test writes into a temporary directory. */
#include <check.h>
#include <string.h>

#include <glib/gstdio.h>
#include <galley/galley.h>

#include "count-writer.h"

static char *tmp;
static char *out_path;
static char *path_param;

static void
setup (void)
{
  tmp = g_dir_make_tmp ("count-writer-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmp);
  out_path = g_build_filename (tmp, "counts.tsv", NULL);
  path_param = g_strdup_printf ("path=%s", out_path);
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
  g_clear_pointer (&out_path, g_free);
  g_clear_pointer (&path_param, g_free);
}

/* doc: a document @id with @n spans in its token layer */
static GalleyDocument *
doc (const char *id, guint n)
{
  GalleyDocument *d = galley_document_new (id, "a b c d e", -1);
  GalleyLayer *tokens = galley_document_ensure_layer (d, GALLEY_LAYER_TOKEN);

  for (guint i = 0; i < n; i++)
    galley_layer_append (tokens, 2 * i, 2 * i + 1, g_quark_from_static_string ("word"), 0);
  return d;
}

static void
write_docs (GalleyHarness *h)
{
  g_autoptr (GalleyDocument) a = doc ("a1", 3);
  g_autoptr (GalleyDocument) b = doc ("b\t2", 5);
  g_autoptr (GalleyDocument) c = galley_document_new ("c3", "no layers", -1);

  ck_assert (galley_harness_run (h, a, NULL));
  ck_assert (galley_harness_run (h, b, NULL));
  ck_assert (galley_harness_run (h, c, NULL));
}

static char *
contents (void)
{
  char *s = NULL;

  ck_assert (g_file_get_contents (out_path, &s, NULL, NULL));
  return s;
}

START_TEST (test_writes_counts_at_commit)
{
  const char *params[] = { path_param, NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_count_writer_stage, params, NULL);
  g_autofree char *got = NULL;

  write_docs (h);
  ck_assert (!g_file_test (out_path, G_FILE_TEST_EXISTS));  /* not before commit */
  ck_assert (galley_harness_commit (h, NULL));
  got = contents ();
  ck_assert_str_eq (got, "a1\t3\nb 2\t5\nc3\t0\n");
}
END_TEST

START_TEST (test_other_layer)
{
  const char *params[] = { path_param, "layer=sentence", NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_count_writer_stage, params, NULL);
  g_autofree char *got = NULL;

  write_docs (h);
  ck_assert (galley_harness_commit (h, NULL));
  got = contents ();
  ck_assert_str_eq (got, "a1\t0\nb 2\t0\nc3\t0\n");
}
END_TEST

START_TEST (test_aborted_run_keeps_previous_file)
{
  const char *params[] = { path_param, NULL };
  GalleyHarness *h;
  g_autofree char *got = NULL;

  ck_assert (g_file_set_contents (out_path, "old\t1\n", -1, NULL));
  h = galley_harness_new (&galley_count_writer_stage, params, NULL);
  write_docs (h);
  galley_harness_free (h);  /* no commit: discard */
  got = contents ();
  ck_assert_str_eq (got, "old\t1\n");
}
END_TEST

START_TEST (test_append)
{
  const char *params[] = { path_param, "append=true", NULL };
  g_autoptr (GalleyHarness) h = NULL;
  g_autofree char *got = NULL;

  ck_assert (g_file_set_contents (out_path, "old\t1\n", -1, NULL));
  h = galley_harness_new (&galley_count_writer_stage, params, NULL);
  write_docs (h);
  ck_assert (galley_harness_commit (h, NULL));
  got = contents ();
  ck_assert_str_eq (got, "old\t1\na1\t3\nb 2\t5\nc3\t0\n");
}
END_TEST

START_TEST (test_missing_directory_is_an_error)
{
  g_autofree char *param = g_strdup_printf ("path=%s/no/such/dir.tsv", tmp);
  g_autofree char *expected =
    g_strdup_printf ("%s/no/such/dir.tsv: cannot create output: No such file or directory", tmp);
  const char *params[] = { param, NULL };
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&galley_count_writer_stage, params, &error));
  ck_assert_str_eq (error->message, expected);
}
END_TEST

START_TEST (test_unknown_parameter)
{
  const char *params[] = { path_param, "layers=token", NULL };
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&galley_count_writer_stage, params, &error));
  ck_assert_str_eq (error->message,
                    "unknown parameter 'layers'; valid parameters: path, layer, append");
}
END_TEST

static Suite *
count_writer_suite (void)
{
  Suite *s = suite_create ("count-writer");
  TCase *tc = tcase_create ("count-writer");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_writes_counts_at_commit);
  tcase_add_test (tc, test_other_layer);
  tcase_add_test (tc, test_aborted_run_keeps_previous_file);
  tcase_add_test (tc, test_append);
  tcase_add_test (tc, test_missing_directory_is_an_error);
  tcase_add_test (tc, test_unknown_parameter);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (count_writer_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
