/* test-registry.c: plugin discovery, the checks on each module, and the
 * exact message for each way a plugin is refused. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "core/registry.h"

#define GOOD TOP_BUILDDIR "/tests/fixtures/plugins/good"
#define BROKEN TOP_BUILDDIR "/tests/fixtures/plugins/broken"

/* failure_for: the refusal message of the module named @file, or NULL. */
static const char *
failure_for (GalleyRegistry *r, const char *file)
{
  const GPtrArray *failures;

  galley_registry_load (r);
  failures = galley_registry_get_failures (r);

  for (guint i = 0; i < failures->len; i++)
    {
      const GalleyPluginFailure *f = g_ptr_array_index (failures, i);
      if (g_str_has_suffix (f->path, file))
        return f->error->message;
    }
  return NULL;
}

/* put_plugin: a copy of the good test plugin's shared object as
 * DIR/NAME, mode 0644. Returns: its path. */
static char *
put_plugin (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *so = NULL;
  gsize len;

  ck_assert (g_file_get_contents (GOOD "/.libs/test-stages.so", &so, &len, NULL));
  ck_assert (g_file_set_contents (path, so, len, NULL));
  ck_assert_int_eq (chmod (path, 0644), 0);
  return path;
}

/* good_copy_in_tmp: a new temporary directory holding a copy of the good
 * test plugin as test-stages.so; its path goes to @so_path. */
static char *
good_copy_in_tmp (char **so_path)
{
  char *dir = g_dir_make_tmp ("galley-reg-XXXXXX", NULL);

  *so_path = put_plugin (dir, "test-stages.so");
  return dir;
}

/* tmp_root: a new temporary directory (0700, ours), symlinks resolved so
 * that it reads as the registry's messages name it. */
static char *
tmp_root (void)
{
  g_autofree char *made = g_dir_make_tmp ("galley-reg-XXXXXX", NULL);
  char *real = realpath (made, NULL);
  char *root = g_strdup (real);

  free (real);
  return root;
}

/* make_dir: PARENT/NAME with exactly @mode (the umask aside). */
static char *
make_dir (const char *parent, const char *name, mode_t mode)
{
  char *dir = g_build_filename (parent, name, NULL);

  ck_assert_int_eq (g_mkdir (dir, 0700), 0);
  ck_assert_int_eq (chmod (dir, mode), 0);
  return dir;
}

static void
rmtree (const char *path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  const char *name;

  if (d != NULL)
    {
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR)
              && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            rmtree (child);
          else
            g_unlink (child);
        }
      g_dir_close (d);
    }
  g_rmdir (path);
}

/* refusal_in: the refusal of the one module in @dir, or NULL when it
 * loaded. (transfer full) */
static char *
refusal_in (const char *dir)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();
  const GPtrArray *failures;

  galley_registry_add_dir (r, dir);
  galley_registry_load (r);
  failures = galley_registry_get_failures (r);
  if (failures->len == 0)
    {
      ck_assert_uint_eq (galley_registry_get_plugins (r)->len, 1);
      return NULL;
    }
  ck_assert_uint_eq (failures->len, 1);
  return g_strdup (((GalleyPluginFailure *) g_ptr_array_index (failures, 0))->error->message);
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
                    "with this galley (ABI 1.8)");
}
END_TEST

/* A stage named after its plugin is found by opening that module alone:
 * the broken modules in the first directory are not opened (every run
 * loaded every plugin before, 20 ms of start-up); a miss loads them all
 * and reports them. */
START_TEST (test_stage_named_after_its_plugin_opens_that_module_alone)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();
  g_autoptr (GError) error = NULL;
  const GalleyStageClass *k;

  galley_registry_add_dir (r, BROKEN);
  galley_registry_add_dir (r, TOP_BUILDDIR "/plugins");
  k = galley_registry_find (r, "read-jsonl", &error);
  ck_assert_ptr_nonnull (k);
  ck_assert_str_eq (k->name, "read-jsonl");
  ck_assert (g_str_has_suffix (galley_registry_get_plugin_of (r, k)->path,
                               "/plugins/read-jsonl/read-jsonl.la"));
  ck_assert_uint_eq (galley_registry_get_failures (r)->len, 0);
  /* found again without a load */
  ck_assert_ptr_eq (galley_registry_find (r, "read-jsonl", NULL), k);
  ck_assert_uint_eq (galley_registry_get_failures (r)->len, 0);

  ck_assert_ptr_null (galley_registry_find (r, "no-such-stage", &error));
  ck_assert_uint_eq (galley_registry_get_failures (r)->len, 5);
  /* the module taken by name is not loaded twice by the full load */
  ck_assert_ptr_eq (galley_registry_find (r, "read-jsonl", NULL), k);
}
END_TEST

START_TEST (test_newer_abi_minor_is_refused)
{
  g_autoptr (GalleyRegistry) r = galley_registry_new ();

  galley_registry_add_dir (r, BROKEN);
  ck_assert_str_eq (failure_for (r, "newer-minor.la"),
                    BROKEN "/newer-minor.la: plugin ABI 1.9 is not compatible "
                    "with this galley (ABI 1.8)");
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
  galley_registry_load (r);
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
  ck_assert_uint_eq (galley_registry_get_plugins (r)->len, 0);
  ck_assert_uint_eq (galley_registry_get_failures (r)->len, 0);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* in_dir_refusal, under_dir_refusal: the refusals of the plugin @path
 * for its own directory @dir, and for @dir above it. */
static char *
in_dir_refusal (const char *path, const char *dir)
{
  return g_strdup_printf ("%s: refusing a plugin in %s, a directory group or "
                          "others can write to (chmod go-w it, or move the "
                          "plugin)", path, dir);
}

static char *
under_dir_refusal (const char *path, const char *dir)
{
  return g_strdup_printf ("%s: refusing a plugin under %s, a directory group or "
                          "others can write to that is not sticky and owned by "
                          "root or you (chmod go-w it, or move the plugin)",
                          path, dir);
}

START_TEST (test_directory_others_can_write_is_refused)
{
  /* sticky or not: in /tmp (01777) others can create files beside it */
  static const mode_t modes[] = { 0777, 0775, 0757, 01777 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *root = tmp_root ();
      g_autofree char *dir = make_dir (root, "plugins", modes[i]);
      g_autofree char *path = put_plugin (dir, "test-stages.so");
      g_autofree char *expected = in_dir_refusal (path, dir);
      g_autofree char *got = refusal_in (dir);

      ck_assert_msg (g_strcmp0 (got, expected) == 0, "mode %o: got %s",
                     (unsigned) modes[i], got);
      rmtree (root);
    }
}
END_TEST

START_TEST (test_file_others_can_write_is_refused)
{
  static const mode_t modes[] = { 0666, 0664, 0646 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *root = tmp_root ();
      g_autofree char *path = put_plugin (root, "test-stages.so");
      g_autofree char *expected =
        g_strdup_printf ("%s: refusing a plugin file group or others can write "
                         "to: %s (chmod go-w it)", path, path);
      g_autofree char *got = NULL;

      ck_assert_int_eq (chmod (path, modes[i]), 0);
      got = refusal_in (root);
      ck_assert_msg (g_strcmp0 (got, expected) == 0, "mode %o: got %s",
                     (unsigned) modes[i], got);
      rmtree (root);
    }
}
END_TEST

START_TEST (test_world_writable_ancestor_is_refused)
{
  g_autofree char *root = tmp_root ();
  g_autofree char *open = make_dir (root, "open", 0777);
  g_autofree char *dir = make_dir (open, "plugins", 0755);
  g_autofree char *path = put_plugin (dir, "test-stages.so");
  g_autofree char *expected = under_dir_refusal (path, open);
  g_autofree char *got = refusal_in (dir);

  /* anyone could rename plugins/ away and put their own in its place */
  ck_assert_str_eq (got, expected);
  rmtree (root);
}
END_TEST

START_TEST (test_own_directory_under_sticky_one_is_allowed)
{
  g_autofree char *root = tmp_root ();
  g_autofree char *shared = make_dir (root, "shared", 01777);
  g_autofree char *dir = make_dir (shared, "plugins", 0755);
  g_autofree char *path = put_plugin (dir, "test-stages.so");
  g_autofree char *got = refusal_in (dir);

  /* as /tmp/x: others cannot rename x, which is ours */
  ck_assert_ptr_null (got);
  rmtree (root);
}
END_TEST

START_TEST (test_symlink_into_sticky_directory_is_refused)
{
  g_autofree char *root = tmp_root ();
  g_autofree char *shared = make_dir (root, "shared", 01777);
  g_autofree char *safe = make_dir (root, "safe", 0755);
  g_autofree char *real = put_plugin (shared, "anything.so");
  g_autofree char *link = g_build_filename (safe, "test-stages.so", NULL);
  g_autofree char *expected = in_dir_refusal (link, shared);
  g_autofree char *got = NULL;

  /* the link is in a safe directory; what it names is not */
  ck_assert_int_eq (symlink (real, link), 0);
  got = refusal_in (safe);
  ck_assert_str_eq (got, expected);
  rmtree (root);
}
END_TEST

START_TEST (test_symlink_in_open_directory_is_refused)
{
  g_autofree char *root = tmp_root ();
  g_autofree char *safe = make_dir (root, "safe", 0755);
  g_autofree char *open = make_dir (root, "open", 0777);
  g_autofree char *real = put_plugin (safe, "anything.so");
  g_autofree char *link = g_build_filename (open, "test-stages.so", NULL);
  g_autofree char *expected = in_dir_refusal (link, open);
  g_autofree char *got = NULL;

  /* what it names is safe, but anyone may point the link elsewhere */
  ck_assert_int_eq (symlink (real, link), 0);
  got = refusal_in (open);
  ck_assert_str_eq (got, expected);
  rmtree (root);
}
END_TEST

START_TEST (test_libtool_archive_with_object_in_open_directory_is_refused)
{
  g_autofree char *root = tmp_root ();
  g_autofree char *dir = make_dir (root, "plugins", 0755);
  g_autofree char *objdir = make_dir (dir, ".libs", 0777);
  g_autofree char *la = g_build_filename (dir, "test-stages.la", NULL);
  g_autofree char *so = put_plugin (objdir, "test-stages.so");
  g_autofree char *text = NULL;
  g_autofree char *expected = in_dir_refusal (la, objdir);
  g_autofree char *got = NULL;

  /* the .la is safe, but lt_dlopen maps .libs/test-stages.so */
  ck_assert (g_file_get_contents (GOOD "/test-stages.la", &text, NULL, NULL));
  ck_assert (g_file_set_contents (la, text, -1, NULL));
  ck_assert_int_eq (chmod (la, 0644), 0);
  got = refusal_in (dir);
  ck_assert_str_eq (got, expected);
  /* and loads once .libs is closed */
  ck_assert_int_eq (chmod (objdir, 0755), 0);
  g_clear_pointer (&got, g_free);
  got = refusal_in (dir);
  ck_assert_ptr_null (got);
  rmtree (root);
}
END_TEST

/* as_root: TRUE when the test may give files away; otherwise says which
 * assertion it skips. */
static gboolean
as_root (const char *test)
{
  if (geteuid () == 0)
    return TRUE;
  fprintf (stderr, "%s: not root, cannot make a file another user's; "
           "not tested\n", test);
  return FALSE;
}

#define OTHER_UID 4321

START_TEST (test_file_of_another_user_is_refused)
{
  g_autofree char *root = tmp_root ();
  g_autofree char *path = put_plugin (root, "test-stages.so");
  g_autofree char *expected =
    g_strdup_printf ("%s: refusing a plugin file owned by uid %d, neither root "
                     "nor the user running galley: %s", path, OTHER_UID, path);
  g_autofree char *got = NULL;

  if (as_root ("test_file_of_another_user_is_refused"))
    {
      ck_assert_int_eq (chown (path, OTHER_UID, OTHER_UID), 0);
      got = refusal_in (root);
      ck_assert_str_eq (got, expected);
    }
  rmtree (root);
}
END_TEST

START_TEST (test_sticky_ancestor_of_another_user_is_refused)
{
  g_autofree char *root = tmp_root ();
  g_autofree char *shared = make_dir (root, "shared", 01777);
  g_autofree char *dir = make_dir (shared, "plugins", 0755);
  g_autofree char *path = put_plugin (dir, "test-stages.so");
  g_autofree char *expected = under_dir_refusal (path, shared);
  g_autofree char *got = NULL;

  if (as_root ("test_sticky_ancestor_of_another_user_is_refused"))
    {
      /* its owner may rename anything in it */
      ck_assert_int_eq (chown (shared, OTHER_UID, OTHER_UID), 0);
      got = refusal_in (dir);
      ck_assert_str_eq (got, expected);
    }
  rmtree (root);
}
END_TEST

START_TEST (test_directory_of_another_user_in_sticky_one_is_refused)
{
  g_autofree char *root = tmp_root ();
  g_autofree char *shared = make_dir (root, "shared", 01777);
  g_autofree char *dir = make_dir (shared, "plugins", 0755);
  g_autofree char *path = put_plugin (dir, "test-stages.so");
  g_autofree char *expected =
    g_strdup_printf ("%s: refusing a plugin under %s, owned by uid %d in the "
                     "shared directory %s (it must be root's or yours)",
                     path, dir, OTHER_UID, shared);
  g_autofree char *got = NULL;

  if (as_root ("test_directory_of_another_user_in_sticky_one_is_refused"))
    {
      /* as /tmp/x made by someone else: they may rename x */
      ck_assert_int_eq (chown (dir, OTHER_UID, OTHER_UID), 0);
      got = refusal_in (dir);
      ck_assert_str_eq (got, expected);
    }
  rmtree (root);
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

/* A module whose stage name an earlier module took is refused, and the
 * message names the module that has it. */
START_TEST (test_stage_name_taken_by_an_earlier_module_is_refused)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = good_copy_in_tmp (&path);
  g_autoptr (GalleyRegistry) r = galley_registry_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *want = NULL;

  ck_assert (galley_registry_load_file (r, GOOD "/test-stages.la", &error));
  ck_assert (!galley_registry_load_file (r, path, &error));
  ck_assert (g_error_matches (error, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_DUPLICATE));
  want = g_strdup_printf ("%s: stage 'test-source' is already provided by "
                          GOOD "/test-stages.la", path);
  ck_assert_str_eq (error->message, want);
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

START_TEST (test_unknown_stage_names_a_near_one)
{
  /* every command that looks a stage up (run, validate, inspect, the
   * harness) gets the guess from here */
  g_autoptr (GalleyRegistry) r = galley_registry_new ();
  g_autoptr (GError) error = NULL;

  galley_registry_add_dir (r, GOOD);
  ck_assert_ptr_null (galley_registry_find (r, "test-sorce", &error));
  ck_assert_str_eq (error->message,
                    "no stage named 'test-sorce'; did you mean 'test-source'? (see `galley plugins`)");
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
  tcase_add_test (tc, test_stage_named_after_its_plugin_opens_that_module_alone);
  tcase_add_test (tc, test_missing_symbol_is_refused_with_ltdl_text);
  tcase_add_test (tc, test_name_mismatch_is_refused);
  tcase_add_test (tc, test_failing_init_is_refused_with_its_reason);
  tcase_add_test (tc, test_broken_plugins_do_not_stop_good_ones);
  tcase_add_test (tc, test_not_a_shared_object_is_refused);
  tcase_add_test (tc, test_libtool_library_that_is_not_a_module_is_skipped);
  tcase_add_test (tc, test_directory_others_can_write_is_refused);
  tcase_add_test (tc, test_file_others_can_write_is_refused);
  tcase_add_test (tc, test_world_writable_ancestor_is_refused);
  tcase_add_test (tc, test_own_directory_under_sticky_one_is_allowed);
  tcase_add_test (tc, test_symlink_into_sticky_directory_is_refused);
  tcase_add_test (tc, test_symlink_in_open_directory_is_refused);
  tcase_add_test (tc, test_libtool_archive_with_object_in_open_directory_is_refused);
  tcase_add_test (tc, test_file_of_another_user_is_refused);
  tcase_add_test (tc, test_sticky_ancestor_of_another_user_is_refused);
  tcase_add_test (tc, test_directory_of_another_user_in_sticky_one_is_refused);
  tcase_add_test (tc, test_earlier_directory_shadows_a_later_one);
  tcase_add_test (tc, test_stage_name_taken_by_an_earlier_module_is_refused);
  tcase_add_test (tc, test_unknown_stage_lists_failures);
  tcase_add_test (tc, test_unknown_stage_names_a_near_one);
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
