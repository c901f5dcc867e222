/* test-registry.c: plugin discovery, the checks on each module, and the
 * exact message for each way a plugin is refused. */
#include "config.h"

#include <check.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "core/registry.h"

#define GOOD TOP_BUILDDIR "/tests/fixtures/plugins/good"
#define BROKEN TOP_BUILDDIR "/tests/fixtures/plugins/broken"

/* failure_for: the refusal message of the module named @file, or NULL. */
static const char *
failure_for (GalleyRegistry *r, const char *file)
{
  const GPtrArray *failures = galley_registry_get_failures (r);

  for (guint i = 0; i < failures->len; i++)
    {
      const GalleyPluginFailure *f = g_ptr_array_index (failures, i);
      if (g_str_has_suffix (f->path, file))
        return f->error->message;
    }
  return NULL;
}

/* good_copy_in_tmp: a new temporary directory holding a copy of the good
 * test plugin as test-stages.so; its path goes to @so_path. */
static char *
good_copy_in_tmp (char **so_path)
{
  char *dir = g_dir_make_tmp ("galley-reg-XXXXXX", NULL);
  g_autofree char *so = NULL;
  gsize len;

  *so_path = g_build_filename (dir, "test-stages.so", NULL);
  ck_assert (g_file_get_contents (GOOD "/.libs/test-stages.so", &so, &len, NULL));
  ck_assert (g_file_set_contents (*so_path, so, len, NULL));
  chmod (*so_path, 0644);
  return dir;
}

START_TEST (test_good_plugin_loads_its_stages)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();
  g_autoptr (GError) error = NULL;
  const GalleyStageClass *k;

  galley_registry_add_dir (r, GOOD);
  k = galley_registry_find (r, "test-filter", &error);
  ck_assert_ptr_nonnull (k);
  ck_assert_str_eq (k->name, "test-filter");
  ck_assert_int_eq (k->kind, GALLEY_STAGE_FILTER);
  ck_assert_uint_eq (galley_registry_get_plugins (r)->len, 1);
  ck_assert_uint_eq (galley_registry_get_failures (r)->len, 0);
  ck_assert_str_eq (galley_registry_get_plugin_of (r, k)->descriptor->name, "test-stages");
}
END_TEST

START_TEST (test_wrong_abi_major_is_refused)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  galley_registry_add_dir (r, BROKEN);
  ck_assert_str_eq (failure_for (r, "wrong-abi.la"),
                    BROKEN "/wrong-abi.la: plugin ABI 99.0 is not compatible "
                    "with this galley (ABI 1.1)");
}
END_TEST

START_TEST (test_newer_abi_minor_is_refused)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  galley_registry_add_dir (r, BROKEN);
  ck_assert_str_eq (failure_for (r, "newer-minor.la"),
                    BROKEN "/newer-minor.la: plugin ABI 1.2 is not compatible "
                    "with this galley (ABI 1.1)");
}
END_TEST

START_TEST (test_missing_symbol_is_refused_with_ltdl_text)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();
  const char *msg;

  galley_registry_add_dir (r, BROKEN);
  msg = failure_for (r, "missing-symbol.la");
  ck_assert_ptr_nonnull (msg);
  ck_assert (g_str_has_prefix (msg, BROKEN "/missing-symbol.la: no symbol "
                               "'galley_plugin_missing_symbol' (is this a Galley "
                               "plugin built with GALLEY_PLUGIN_DEFINE?): "));
  ck_assert_ptr_nonnull (strstr (msg, "undefined symbol: galley_plugin_missing_symbol"));
}
END_TEST

START_TEST (test_name_mismatch_is_refused)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  galley_registry_add_dir (r, BROKEN);
  ck_assert_str_eq (failure_for (r, "name-mismatch.la"),
                    BROKEN "/name-mismatch.la: plugin name 'other-name' does not "
                    "match the file name 'name-mismatch'");
}
END_TEST

START_TEST (test_failing_init_is_refused_with_its_reason)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  galley_registry_add_dir (r, BROKEN);
  ck_assert_str_eq (failure_for (r, "init-fails.la"),
                    BROKEN "/init-fails.la: plugin init failed: data file "
                    "/nonexistent/words.txt is missing");
}
END_TEST

START_TEST (test_broken_plugins_do_not_stop_good_ones)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  galley_registry_add_dir (r, BROKEN);
  galley_registry_add_dir (r, GOOD);
  ck_assert_uint_eq (galley_registry_get_failures (r)->len, 5);
  ck_assert_uint_eq (galley_registry_get_plugins (r)->len, 1);
  ck_assert_ptr_nonnull (galley_registry_find (r, "test-sink", NULL));
}
END_TEST

START_TEST (test_not_a_shared_object_is_refused)
{
  g_autofree char *dir = g_dir_make_tmp ("galley-reg-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "garbage.so", NULL);
  g_autoptr (GalleyRegistry) r = galley_registry_new ();
  g_autofree char *prefix = g_strdup_printf ("%s: not a loadable module: ", path);
  const char *msg;

  ck_assert (g_file_set_contents (path, "this is not ELF\n", -1, NULL));
  galley_registry_add_dir (r, dir);
  msg = failure_for (r, "garbage.so");
  ck_assert_ptr_nonnull (msg);
  ck_assert_msg (g_str_has_prefix (msg, prefix), "got: %s", msg);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_libtool_library_that_is_not_a_module_is_skipped)
{
  g_autofree char *dir = g_dir_make_tmp ("galley-reg-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "libhelper.la", NULL);
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  ck_assert (g_file_set_contents (path, "# libhelper.la - a libtool library file\n"
                                  "dlname=''\nshouldnotlink=no\n", -1, NULL));
  galley_registry_add_dir (r, dir);
  ck_assert_uint_eq (galley_registry_get_failures (r)->len, 0);
  ck_assert_uint_eq (galley_registry_get_plugins (r)->len, 0);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_world_writable_directory_is_refused)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = good_copy_in_tmp (&path);
  g_autofree char *expected = NULL;
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  chmod (dir, 0777);
  galley_registry_add_dir (r, dir);
  expected = g_strdup_printf ("%s: refusing a plugin in a world-writable directory %s",
                              path, dir);
  ck_assert_str_eq (failure_for (r, "test-stages.so"), expected);
  chmod (dir, 0755);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_world_writable_file_is_refused)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = good_copy_in_tmp (&path);
  g_autofree char *expected = NULL;
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  chmod (path, 0666);
  galley_registry_add_dir (r, dir);
  expected = g_strdup_printf ("%s: refusing a world-writable plugin file (chmod o-w it)", path);
  ck_assert_str_eq (failure_for (r, "test-stages.so"), expected);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_earlier_directory_shadows_a_later_one)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = good_copy_in_tmp (&path);
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  galley_registry_add_dir (r, dir);
  galley_registry_add_dir (r, GOOD);
  ck_assert_uint_eq (galley_registry_get_plugins (r)->len, 1);
  ck_assert_uint_eq (galley_registry_get_failures (r)->len, 0);
  ck_assert_str_eq (((GalleyPluginInfo *) g_ptr_array_index (galley_registry_get_plugins (r), 0))->path,
                    path);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_unknown_stage_lists_failures)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();
  g_autoptr (GError) error = NULL;

  galley_registry_add_dir (r, GOOD);
  ck_assert_ptr_null (galley_registry_find (r, "tokenise", &error));
  ck_assert_str_eq (error->message, "no stage named 'tokenise' (see `galley plugins`)");
  ck_assert (g_error_matches (error, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_NOT_FOUND));
}
END_TEST

START_TEST (test_search_path_order)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();
  const GPtrArray *dirs;

  g_setenv ("GALLEY_PLUGIN_PATH", "/env/a:/env/b", TRUE);
  g_setenv ("GALLEY_PLUGIN_SYSTEM_PATH", "/system", TRUE);
  galley_registry_add_default_dirs (r, "/cli/a:/cli/b");
  dirs = galley_registry_get_dirs (r);
  ck_assert_uint_ge (dirs->len, 5);
  ck_assert_str_eq (g_ptr_array_index (dirs, 0), "/cli/a");
  ck_assert_str_eq (g_ptr_array_index (dirs, 1), "/cli/b");
  ck_assert_str_eq (g_ptr_array_index (dirs, 2), "/env/a");
  ck_assert_str_eq (g_ptr_array_index (dirs, 3), "/env/b");
  ck_assert_str_eq (g_ptr_array_index (dirs, 4), "/system");
  g_unsetenv ("GALLEY_PLUGIN_PATH");
  g_unsetenv ("GALLEY_PLUGIN_SYSTEM_PATH");
}
END_TEST

static Suite *
registry_suite (void)
{
  Suite *s = suite_create ("registry");
  TCase *tc = tcase_create ("core");

  tcase_add_test (tc, test_good_plugin_loads_its_stages);
  tcase_add_test (tc, test_wrong_abi_major_is_refused);
  tcase_add_test (tc, test_newer_abi_minor_is_refused);
  tcase_add_test (tc, test_missing_symbol_is_refused_with_ltdl_text);
  tcase_add_test (tc, test_name_mismatch_is_refused);
  tcase_add_test (tc, test_failing_init_is_refused_with_its_reason);
  tcase_add_test (tc, test_broken_plugins_do_not_stop_good_ones);
  tcase_add_test (tc, test_not_a_shared_object_is_refused);
  tcase_add_test (tc, test_libtool_library_that_is_not_a_module_is_skipped);
  tcase_add_test (tc, test_world_writable_directory_is_refused);
  tcase_add_test (tc, test_world_writable_file_is_refused);
  tcase_add_test (tc, test_earlier_directory_shadows_a_later_one);
  tcase_add_test (tc, test_unknown_stage_lists_failures);
  tcase_add_test (tc, test_search_path_order);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (registry_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
