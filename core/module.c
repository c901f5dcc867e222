/* module.c: every libltdl call of Galley lives here, so the rest of the
 * core neither knows nor cares how shared objects are opened.
 *
 * lt_dlinit is reference counted; we call it once per module opened and
 * never undo it (see galley_module_close). Modules are opened on the main thread only
 * (DESIGN.md: everything is loaded before workers start), because
 * lt_dlerror's state is global. */
#include "config.h"

#include <string.h>

#include <ltdl.h>

#include <galley/galley-error.h>

#include "module.h"

struct _GalleyModule {
  lt_dlhandle handle;
  char *path;
};

static const char *
dl_error (void)
{
  const char *e = lt_dlerror ();

  return e ? e : "unknown error";
}

GalleyModule *
galley_module_open (const char *path, GError **error)
{
  GalleyModule *module;
  lt_dladvise advise;
  lt_dlhandle handle;

  if (lt_dlinit () != 0)
    {
      g_set_error (error, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_OPEN,
                   "%s: cannot initialise libltdl: %s", path, dl_error ());
      return NULL;
    }
  /* Local symbols: plugins must not see each other's globals. */
  lt_dladvise_init (&advise);
  lt_dladvise_local (&advise);
  handle = lt_dlopenadvise (path, advise);
  lt_dladvise_destroy (&advise);
  if (handle == NULL)
    {
      g_set_error (error, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_OPEN,
                   "%s: not a loadable module: %s", path, dl_error ());
      lt_dlexit ();
      return NULL;
    }
  module = g_new0 (GalleyModule, 1);
  module->handle = handle;
  module->path = g_strdup (path);
  return module;
}

/* la_value: the value of `key='value'` among the @lines of a libtool
 * archive, or NULL. Libtool writes one key a line, the value in single
 * quotes (bare for yes/no and numbers). */
static char *
la_value (char **lines, const char *key)
{
  gsize n = strlen (key);

  for (char **l = lines; *l; l++)
    if (strncmp (*l, key, n) == 0 && (*l)[n] == '=')
      {
        const char *v = *l + n + 1;
        gsize len = strlen (v);

        if (len >= 2 && v[0] == '\'' && v[len - 1] == '\'')
          return g_strndup (v + 1, len - 2);
        return g_strdup (v);
      }
  return NULL;
}

char **
galley_module_get_files (const char *path)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL, *dlname = NULL, *libdir = NULL, *installed = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  char *candidates[3] = { NULL, NULL, NULL };

  g_ptr_array_add (files, g_strdup (path));
  if (g_str_has_suffix (path, ".la")
      && g_file_get_contents (path, &text, NULL, NULL)
      && (lines = g_strsplit (text, "\n", -1)) != NULL
      && (dlname = la_value (lines, "dlname")) != NULL && *dlname != '\0')
    {
      libdir = la_value (lines, "libdir");
      installed = la_value (lines, "installed");
      /* The places lt_dlopen tries, in its order (find_module in ltdl.c):
       * libdir when installed, the objdir (.libs) when not, then the
       * directory of the .la itself. */
      if (g_strcmp0 (installed, "yes") == 0 && libdir != NULL && *libdir != '\0')
        candidates[0] = g_build_filename (libdir, dlname, NULL);
      if (g_strcmp0 (installed, "yes") != 0)
        candidates[1] = g_build_filename (dir, LT_OBJDIR, dlname, NULL);
      candidates[2] = g_build_filename (dir, dlname, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_EXISTS))
            g_ptr_array_add (files, candidates[i]);
          else
            g_free (candidates[i]);
        }
    }
  g_ptr_array_add (files, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&files), FALSE);
}

gpointer
galley_module_symbol (GalleyModule *module, const char *symbol, GError **error)
{
  gpointer p = lt_dlsym (module->handle, symbol);

  if (p == NULL)
    g_set_error (error, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_SYMBOL,
                 "%s: no symbol '%s' (is this a Galley plugin built with "
                 "GALLEY_PLUGIN_DEFINE?): %s", module->path, symbol, dl_error ());
  return p;
}

void
galley_module_close (GalleyModule *module)
{
  if (module == NULL)
    return;
  /* A module, once loaded, stays mapped for the life of the process, as
   * GStreamer's plugins do. Plugins keep process-wide state (registered
   * GResources, interned quarks, lookup tables built once); unloading
   * them at exit turned that state into "definitely lost" reports under
   * valgrind and LeakSanitizer, with the plugin's frames unnamed. The
   * handle is dropped, not closed; libltdl still holds it, so a second
   * open of the same file returns the same module. */
  g_free (module->path);
  g_free (module);
}
