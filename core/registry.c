/* registry.c: plugin discovery, checks and loading.
 *
 * Every directory of the search path is scanned for modules (*.la, *.so;
 * one level of subdirectories too, which is how the build tree lays them
 * out: plugins/NAME/NAME.la). A module name is its file name without the
 * extension; the first directory that holds a name wins, as in $PATH.
 *
 * Each module passes these checks, in order, or is refused with a message
 * naming the file and the reason:
 *   1. nobody but root and the user running galley can change the module
 *      file, the shared object a .la names, or a directory on the way to
 *      them (the rule is written above check_safe_location);
 *   2. libltdl opens it;
 *   3. it exports galley_plugin_NAME (NAME with '-' as '_');
 *   4. the descriptor's ABI major equals ours and its minor is not newer;
 *   5. the descriptor's name equals NAME;
 *   6. its stage table is well formed and no stage name is taken;
 *   7. its init function, if any, succeeds.
 * Descriptors are read through their pointer, never copied by size: a
 * plugin built against an older minor has a shorter struct.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "load-guard.h"
#include "module.h"
#include "registry.h"

struct _GalleyRegistry {
  GPtrArray *dirs;       /* char * */
  GPtrArray *plugins;    /* GalleyPluginInfo */
  GPtrArray *failures;   /* GalleyPluginFailure */
  GPtrArray *modules;    /* GalleyModule, closed at free */
  GHashTable *stages;    /* name -> const GalleyStageClass * */
  GHashTable *owner;     /* const GalleyStageClass * -> GalleyPluginInfo * */
  GHashTable *seen;      /* module names already taken */
  GPtrArray *files;      /* the module files of every directory, in search
                          * order (module_files), or NULL until asked */
  gboolean loaded;
  gboolean probe;        /* load each module in a child process first */
};

static void
plugin_info_free (gpointer data)
{
  GalleyPluginInfo *info = data;

  g_free (info->path);
  g_free (info);
}

static void
failure_free (gpointer data)
{
  GalleyPluginFailure *f = data;

  g_free (f->path);
  g_clear_error (&f->error);
  g_free (f);
}

GalleyRegistry *
galley_registry_new (void)
{
  GalleyRegistry *r = g_new0 (GalleyRegistry, 1);

  r->dirs = g_ptr_array_new_with_free_func (g_free);
  r->plugins = g_ptr_array_new_with_free_func (plugin_info_free);
  r->failures = g_ptr_array_new_with_free_func (failure_free);
  r->modules = g_ptr_array_new ();
  r->stages = g_hash_table_new (g_str_hash, g_str_equal);
  r->owner = g_hash_table_new (NULL, NULL);
  r->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return r;
}

void
galley_registry_free (GalleyRegistry *r)
{
  if (r == NULL)
    return;
  g_hash_table_unref (r->stages);
  g_hash_table_unref (r->owner);
  g_hash_table_unref (r->seen);
  g_clear_pointer (&r->files, g_ptr_array_unref);
  g_ptr_array_unref (r->plugins);
  g_ptr_array_unref (r->failures);
  /* Close last: the tables above point into the modules. */
  for (guint i = 0; i < r->modules->len; i++)
    galley_module_close (g_ptr_array_index (r->modules, i));
  g_ptr_array_unref (r->modules);
  g_ptr_array_unref (r->dirs);
  g_free (r);
}

void
galley_registry_add_dir (GalleyRegistry *r, const char *dir)
{
  for (guint i = 0; i < r->dirs->len; i++)
    if (strcmp (g_ptr_array_index (r->dirs, i), dir) == 0)
      return;
  g_ptr_array_add (r->dirs, g_strdup (dir));
  g_clear_pointer (&r->files, g_ptr_array_unref);  /* listed again when asked */
}

static void
add_path_list (GalleyRegistry *r, const char *list)
{
  g_auto (GStrv) parts = NULL;

  if (list == NULL || *list == '\0')
    return;
  parts = g_strsplit (list, G_SEARCHPATH_SEPARATOR_S, -1);
  for (char **p = parts; *p; p++)
    if (**p)
      galley_registry_add_dir (r, *p);
}

gboolean
galley_running_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (exe == NULL)
    return FALSE;
  dir = g_path_get_dirname (exe);
  return strcmp (dir, GALLEY_BUILD_DIR "/core") == 0
         || strcmp (dir, GALLEY_BUILD_DIR "/core/.libs") == 0;
}

void
galley_registry_add_default_dirs (GalleyRegistry *r, const char *cli_path)
{
  const char *system = g_getenv ("GALLEY_PLUGIN_SYSTEM_PATH");

  add_path_list (r, cli_path);
  add_path_list (r, g_getenv ("GALLEY_PLUGIN_PATH"));
  if (system != NULL)
    add_path_list (r, system);
  else
    galley_registry_add_dir (r, GALLEY_PLUGIN_DIR);
  if (galley_running_uninstalled ())
    galley_registry_add_dir (r, GALLEY_BUILD_DIR "/plugins");
}

static gboolean
refuse (GError **error, GalleyPluginError code, const char *path,
        const char *fmt, ...) G_GNUC_PRINTF (4, 5);

static gboolean
refuse (GError **error, GalleyPluginError code, const char *path,
        const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, GALLEY_PLUGIN_ERROR, code, "%s: %s", path, msg);
  return FALSE;
}

/* module_name: "tokenizer" for ".../tokenizer.la"; NULL if not a module. */
static char *
module_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  size_t n = strlen (base);

  if (n > 3 && (g_str_has_suffix (base, ".la") || g_str_has_suffix (base, ".so")))
    return g_strndup (base, n - 3);
  return NULL;
}

/* Where a plugin may be loaded from.
 *
 * Loading a plugin runs its code as the user running galley, often root
 * under cron, so nobody else may be able to change what gets loaded: the
 * module file, the shared object a .la names, or a directory on the way
 * to them. The rule, as OpenSSH's safe_path and GLib's sticky-directory
 * reasoning have it, applies to the real file (symlinks resolved: a link
 * in a safe directory to a file in /tmp is a file in /tmp), and rules 2
 * and 3 also to where a symlinked module's link itself lies (whoever can
 * write there can point the link elsewhere):
 *   1. the file is owned by root or by the user running galley, and not
 *      writable by group or others;
 *   2. its directory is not writable by group or others, sticky or not:
 *      others could create files beside it (a NAME.la that hides our
 *      NAME.so, the .so a .la names before it exists), so a plugin right
 *      in /tmp is refused;
 *   3. every directory above, up to /, is not writable by group or
 *      others, or is sticky and owned by root or by the user running
 *      galley. In a sticky directory others can add entries but not
 *      rename or remove ours, so only the entry that leads down to the
 *      plugin matters: that directory must be owned by root or by us
 *      (/tmp/x, 0755 and ours, is fine; /tmp itself is not).
 * A directory not writable by others but owned by another user could
 * still have its entries swapped by that user; it can only swap in files
 * it owns, which rule 1 refuses, or links, which are resolved and
 * checked. That is why rule 1 checks the owner, and why directory owners
 * are not checked otherwise: build trees and CI checkouts often belong to
 * another user than the one running the tests. */

static gboolean
owned_by_us (uid_t uid)
{
  return uid == 0 || uid == geteuid ();
}

#define WRITABLE_BY_OTHERS (S_IWGRP | S_IWOTH)

/* check_directories: rules 2 and 3 for the real file @real. */
static gboolean
check_directories (const char *path, const char *real, GError **error)
{
  g_autofree char *child = g_strdup (real);
  g_autofree char *dir = g_path_get_dirname (real);
  gboolean parent = TRUE;

  for (;;)
    {
      struct stat st, cst;
      char *up;

      if (stat (dir, &st) != 0)
        return TRUE;  /* vanished: the loader will say why */
      if (st.st_mode & WRITABLE_BY_OTHERS)
        {
          if (parent)
            return refuse (error, GALLEY_PLUGIN_ERROR_UNSAFE, path,
                           "refusing a plugin in %s, a directory group or "
                           "others can write to (chmod go-w it, or move the "
                           "plugin)", dir);
          if (!(st.st_mode & S_ISVTX) || !owned_by_us (st.st_uid))
            return refuse (error, GALLEY_PLUGIN_ERROR_UNSAFE, path,
                           "refusing a plugin under %s, a directory group or "
                           "others can write to that is not sticky and "
                           "owned by root or you (chmod go-w it, or move the "
                           "plugin)", dir);
          if (stat (child, &cst) == 0 && !owned_by_us (cst.st_uid))
            return refuse (error, GALLEY_PLUGIN_ERROR_UNSAFE, path,
                           "refusing a plugin under %s, owned by uid %u in the "
                           "shared directory %s (it must be root's or yours)",
                           child, (unsigned) cst.st_uid, dir);
        }
      if (strcmp (dir, "/") == 0 || strcmp (dir, ".") == 0)
        return TRUE;
      up = g_path_get_dirname (dir);
      g_free (child);
      child = dir;
      dir = up;
      parent = FALSE;
    }
}

/* check_link_location: when @file is a symlink (to @real), rules 2 and 3
 * for the directory the link lies in. */
static gboolean
check_link_location (const char *path, const char *file, const char *real,
                     GError **error)
{
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *base = g_path_get_basename (file);
  g_autofree char *link = NULL;
  char *resolved;

  if (!g_file_test (file, G_FILE_TEST_IS_SYMLINK))
    return TRUE;
  resolved = realpath (dir, NULL);  /* malloc'd */
  if (resolved == NULL)
    return TRUE;
  link = g_build_filename (resolved, base, NULL);
  free (resolved);
  if (strcmp (link, real) == 0)
    return TRUE;
  return check_directories (path, link, error);
}

/* check_safe_location: the rules above for @file, which opening the
 * module @path maps. */
static gboolean
check_safe_location (const char *path, const char *file, GError **error)
{
  char *resolved = realpath (file, NULL);  /* malloc'd */
  g_autofree char *real = NULL;
  struct stat st;

  if (resolved == NULL)
    return TRUE;  /* dangling or unreadable: the loader will say why */
  real = g_strdup (resolved);
  free (resolved);
  if (stat (real, &st) != 0)
    return TRUE;
  if (!owned_by_us (st.st_uid))
    return refuse (error, GALLEY_PLUGIN_ERROR_UNSAFE, path,
                   "refusing a plugin file owned by uid %u, neither root nor "
                   "the user running galley: %s", (unsigned) st.st_uid, real);
  if (st.st_mode & WRITABLE_BY_OTHERS)
    return refuse (error, GALLEY_PLUGIN_ERROR_UNSAFE, path,
                   "refusing a plugin file group or others can write to: %s "
                   "(chmod go-w it)", real);
  if (!check_directories (path, real, error))
    return FALSE;
  return check_link_location (path, file, real, error);
}

/* check_files_safe: every file opening @path maps passes
 * check_safe_location. */
static gboolean
check_files_safe (const char *path, GError **error)
{
  g_auto (GStrv) files = galley_module_get_files (path);

  for (char **f = files; *f; f++)
    if (!check_safe_location (path, *f, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_stages (GalleyRegistry *r, const char *path,
              const GalleyPluginDescriptor *d, GError **error)
{
  if (d->stages == NULL || d->stages[0] == NULL)
    return refuse (error, GALLEY_PLUGIN_ERROR_INVALID, path,
                   "plugin '%s' provides no stages", d->name);
  for (guint i = 0; d->stages[i]; i++)
    {
      const GalleyStageClass *k = d->stages[i];
      gboolean fns_ok;

      if (k->name == NULL || *k->name == '\0')
        return refuse (error, GALLEY_PLUGIN_ERROR_INVALID, path,
                       "stage %u has no name", i);
      switch (k->kind)
        {
        case GALLEY_STAGE_SOURCE: fns_ok = k->read != NULL; break;
        case GALLEY_STAGE_FILTER: fns_ok = k->process != NULL; break;
        case GALLEY_STAGE_SINK: fns_ok = k->write != NULL; break;
        default:
          return refuse (error, GALLEY_PLUGIN_ERROR_INVALID, path,
                         "stage '%s' has an unknown kind %d", k->name, k->kind);
        }
      if (!fns_ok || k->create == NULL || k->free == NULL)
        return refuse (error, GALLEY_PLUGIN_ERROR_INVALID, path,
                       "stage '%s' lacks a create, free or %s function", k->name,
                       k->kind == GALLEY_STAGE_SOURCE ? "read"
                       : k->kind == GALLEY_STAGE_FILTER ? "process" : "write");
      if (g_hash_table_contains (r->stages, k->name))
        {
          const GalleyPluginInfo *other =
            g_hash_table_lookup (r->owner, g_hash_table_lookup (r->stages, k->name));
          return refuse (error, GALLEY_PLUGIN_ERROR_DUPLICATE, path,
                         "stage '%s' is already provided by %s", k->name,
                         other ? other->path : "another plugin");
        }
    }
  return TRUE;
}

static gboolean
load_file (GalleyRegistry *r, const char *path, GError **error)
{
  g_autofree char *name = module_name (path);
  g_autofree char *symbol = NULL;
  const GalleyPluginDescriptor *d;
  GalleyModule *module = NULL;
  GalleyPluginInfo *info;
  g_autoptr (GError) init_error = NULL;

  if (name == NULL)
    return refuse (error, GALLEY_PLUGIN_ERROR_OPEN, path,
                   "not a module file (expected NAME.la or NAME.so)");
  if (!check_files_safe (path, error))
    return FALSE;
  module = galley_module_open (path, error);
  if (module == NULL)
    return FALSE;

  symbol = g_strconcat (GALLEY_PLUGIN_SYMBOL_PREFIX, name, NULL);
  g_strdelimit (symbol, "-", '_');
  d = galley_module_symbol (module, symbol, error);
  if (d == NULL)
    goto fail;
  if (d->abi_major != GALLEY_ABI_MAJOR || d->abi_minor > GALLEY_ABI_MINOR)
    {
      refuse (error, GALLEY_PLUGIN_ERROR_ABI, path,
              "plugin ABI %u.%u is not compatible with this galley (ABI %u.%u)",
              d->abi_major, d->abi_minor, GALLEY_ABI_MAJOR, GALLEY_ABI_MINOR);
      goto fail;
    }
  if (d->name == NULL || strcmp (d->name, name) != 0)
    {
      refuse (error, GALLEY_PLUGIN_ERROR_NAME, path,
              "plugin name '%s' does not match the file name '%s'",
              d->name ? d->name : "(null)", name);
      goto fail;
    }
  if (!check_stages (r, path, d, error))
    goto fail;
  if (d->init != NULL && !d->init (&init_error))
    {
      refuse (error, GALLEY_PLUGIN_ERROR_INIT, path, "plugin init failed: %s",
              init_error ? init_error->message : "no reason given");
      goto fail;
    }

  info = g_new0 (GalleyPluginInfo, 1);
  info->path = g_strdup (path);
  info->descriptor = d;
  g_ptr_array_add (r->plugins, info);
  g_ptr_array_add (r->modules, module);
  for (guint i = 0; d->stages[i]; i++)
    {
      g_hash_table_insert (r->stages, (gpointer) d->stages[i]->name,
                           (gpointer) d->stages[i]);
      g_hash_table_insert (r->owner, (gpointer) d->stages[i], info);
    }
  return TRUE;

fail:
  galley_module_close (module);
  return FALSE;
}

gboolean
galley_registry_load_file (GalleyRegistry *r, const char *path, GError **error)
{
  gboolean ok;

  galley_load_guard_enter (path);
  ok = load_file (r, path, error);
  galley_load_guard_leave ();
  return ok;
}

void
galley_registry_set_probe (GalleyRegistry *r, gboolean probe)
{
  r->probe = probe;
}

/* probe: loads @path in a child process, which then exits; FALSE with
 * @error when the load killed it (a crash in a constructor or in init),
 * so that this process does not load it. Refusals are not looked at
 * here: the load in this process makes them again, with their reasons. */
static gboolean
probe (GalleyRegistry *r, const char *path, GError **error)
{
  int status = 0;
  pid_t pid;

  fflush (NULL);
  pid = fork ();
  if (pid < 0)
    return TRUE;  /* cannot tell: load it here, guarded */
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY | O_CLOEXEC);

      if (null >= 0)
        {
          dup2 (null, STDOUT_FILENO);
          dup2 (null, STDERR_FILENO);
        }
      load_file (r, path, NULL);
      _exit (0);
    }
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (WIFSIGNALED (status))
    return refuse (error, GALLEY_PLUGIN_ERROR_OPEN, path,
                   "the plugin crashed while loading (%s); move it out of the plugin path",
                   g_strsignal (WTERMSIG (status)));
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* is_libtool_module: libtool writes shouldnotlink=yes into the .la of a
 * module (-module); convenience and shared libraries beside plugins in the
 * build tree lack it and are not plugins. */
static gboolean
is_libtool_module (const char *la_path)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (la_path, &text, NULL, NULL))
    return TRUE;  /* let the loader report why it cannot be read */
  return strstr (text, "\nshouldnotlink=yes") != NULL;
}

/* collect: module files in @dir and, when @depth allows, its subdirectories.
 * A NAME.la hides NAME.so beside it. */
static void
collect (const char *dir, int depth, GPtrArray *out)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  if (d == NULL)
    return;
  while ((entry = g_dir_read_name (d)) != NULL)
    if (entry[0] != '.')
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, n, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (depth > 0)
            collect (path, depth - 1, out);
          continue;
        }
      if (g_str_has_suffix (n, ".so"))
        {
          g_autofree char *stem = g_strndup (n, strlen (n) - 3);
          g_autofree char *la = g_strconcat (dir, G_DIR_SEPARATOR_S, stem, ".la", NULL);
          if (g_file_test (la, G_FILE_TEST_EXISTS))
            continue;
        }
      if (g_str_has_suffix (n, ".la") && !is_libtool_module (path))
        continue;  /* a library, not a plugin: the build tree has both */
      if (g_str_has_suffix (n, ".la") || g_str_has_suffix (n, ".so"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/* load_once: loads module file @path unless a module of its name was
 * taken already (from an earlier directory, or by name before a full
 * load); a refusal is recorded. Returns whether @path was tried. */
static gboolean
load_once (GalleyRegistry *r, const char *path)
{
  g_autofree char *name = module_name (path);
  GError *error = NULL;

  if (name == NULL || g_hash_table_contains (r->seen, name))
    return FALSE;  /* shadowed by an earlier directory, or taken */
  g_hash_table_add (r->seen, g_strdup (name));
  if ((r->probe && !probe (r, path, &error))
      || (error == NULL && !galley_registry_load_file (r, path, &error)))
    {
      GalleyPluginFailure *fail = g_new0 (GalleyPluginFailure, 1);
      fail->path = g_strdup (path);
      fail->error = error;
      g_ptr_array_add (r->failures, fail);
      g_debug ("%s", error->message);
    }
  return TRUE;
}

/* module_files: the module files of the search path, in the order a
 * load takes them; listed once (each find by name used to list every
 * directory and read every .la again). */
static const GPtrArray *
module_files (GalleyRegistry *r)
{
  if (r->files == NULL)
    {
      r->files = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < r->dirs->len; i++)
        collect (g_ptr_array_index (r->dirs, i), 1, r->files);
    }
  return r->files;
}

void
galley_registry_load (GalleyRegistry *r)
{
  const GPtrArray *files;

  if (r->loaded)
    return;
  r->loaded = TRUE;
  files = module_files (r);
  for (guint f = 0; f < files->len; f++)
    load_once (r, g_ptr_array_index (files, f));
}

/* load_module_named: opens only the module called @name, the one a full
 * load would take (the first in the directories' order), for a stage of
 * the same name. Loading every plugin (their libraries: curl, Kafka,
 * SQLite, CLD2...) was about 20 ms of every run, as long as the default
 * pipeline takes for 500 KB of news. A plugin's stages that read or
 * write something are named after it the other way (read-kafka and
 * export-kafka in the plugin kafka): the module named by what follows
 * the stage name's first '-' is tried next. A plugin may provide stages
 * of other names; those are found by the full load that follows a
 * miss, which opens every module of the path, those a run does not
 * need included. */
static gboolean
load_module_named (GalleyRegistry *r, const char *name)
{
  const GPtrArray *files = module_files (r);

  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autofree char *file_name = module_name (path);

      if (g_strcmp0 (file_name, name) == 0)
        {
          load_once (r, path);
          return TRUE;
        }
    }
  return FALSE;
}

const GalleyStageClass *
galley_registry_find (GalleyRegistry *r, const char *name, GError **error)
{
  const GalleyStageClass *k = g_hash_table_lookup (r->stages, name);

  if (k == NULL && !r->loaded)
    {
      const char *dash = strchr (name, '-');

      if (!load_module_named (r, name) && dash != NULL)
        load_module_named (r, dash + 1);
      k = g_hash_table_lookup (r->stages, name);
    }
  if (k != NULL)
    return k;
  galley_registry_load (r);
  k = g_hash_table_lookup (r->stages, name);
  if (k != NULL)
    return k;
  if (r->failures->len > 0)
    {
      g_autoptr (GString) why = g_string_new (NULL);
      for (guint i = 0; i < r->failures->len; i++)
        {
          GalleyPluginFailure *f = g_ptr_array_index (r->failures, i);
          g_string_append_printf (why, "\n  %s", f->error->message);
        }
      g_set_error (error, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_NOT_FOUND,
                   "no stage named '%s' (see `galley plugins`); these plugins "
                   "failed to load:%s", name, why->str);
    }
  else
    {
      /* every plugin loaded: a near name is likely the one meant */
      guint n = 0;
      g_autofree gpointer *names = g_hash_table_get_keys_as_array (r->stages, &n);
      const char *best;

      /* sorted: of two equally near names, the same one every time */
      qsort (names, n, sizeof *names, compare_strings);
      best = galley_suggest (name, (const char *const *) names);
      if (best != NULL)
        g_set_error (error, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_NOT_FOUND,
                     "no stage named '%s'; did you mean '%s'? (see `galley plugins`)",
                     name, best);
      else
        g_set_error (error, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_NOT_FOUND,
                     "no stage named '%s' (see `galley plugins`)", name);
    }
  return NULL;
}

const GalleyPluginInfo *
galley_registry_get_plugin_of (GalleyRegistry *r, const GalleyStageClass *klass)
{
  return g_hash_table_lookup (r->owner, klass);
}

/* The ABI minor that gave GalleyStageClass its modifies and
 * reads_optional slots. */
#define ABI_MINOR_LAYER_LISTS 1

/* has_layer_lists: whether @klass's plugin was built with the slots. */
static gboolean
has_layer_lists (GalleyRegistry *r, const GalleyStageClass *klass)
{
  const GalleyPluginInfo *info = galley_registry_get_plugin_of (r, klass);

  return info != NULL && info->descriptor->abi_minor >= ABI_MINOR_LAYER_LISTS;
}

const char *const *
galley_registry_get_modifies (GalleyRegistry *r, const GalleyStageClass *klass)
{
  return has_layer_lists (r, klass) ? klass->modifies : NULL;
}

const char *const *
galley_registry_get_reads_optional (GalleyRegistry *r, const GalleyStageClass *klass)
{
  return has_layer_lists (r, klass) ? klass->reads_optional : NULL;
}

const GPtrArray *
galley_registry_get_plugins (GalleyRegistry *r)
{
  galley_registry_load (r);
  return r->plugins;
}

const GPtrArray *
galley_registry_get_failures (GalleyRegistry *r)
{
  /* no load: a run whose stages were found by name opened no other
   * module, and has no failure to report */
  return r->failures;
}

const GPtrArray *
galley_registry_get_dirs (GalleyRegistry *r)
{
  return r->dirs;
}
