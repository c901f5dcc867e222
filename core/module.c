/* module.c: every libltdl call of Galley lives here, so the rest of the
 * core neither knows nor cares how shared objects are opened.
 *
 * lt_dlinit is reference counted; we call it once per module opened and
 * never undo it (see galley_module_close). Modules are opened on the main thread only
 * (DESIGN.md: everything is loaded before workers start), because
 * lt_dlerror's state is global. */
#include "config.h"

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
