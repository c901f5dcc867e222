/* sqlite-load.c: libsqlite3 opened when the first state file is (see
 * sqlite-load.h for why it is not linked).
 *
 * dlopen, not libltdl: this is a system library found by its soname, not
 * a plugin; module.c's search path, checks and descriptors do not apply.
 * RTLD_LOCAL keeps its symbols out of the plugins' way (export-sqlite
 * links the same library itself). The handle is never closed: the
 * state may be used until the process exits. */
#include "config.h"

#include <dlfcn.h>

#define GALLEY_SQLITE_LOAD_IMPLEMENTATION
#include "sqlite-load.h"
#include "state.h"

/* the soname Debian's libsqlite3-0 installs; SQLite 3 has kept it since 2004 */
#define SQLITE_SONAME "libsqlite3.so.0"

GalleySqliteApi galley_sqlite_api;

/* what the first load found: NULL when it succeeded */
static char *load_failure;

static void
load_once (void)
{
  void *lib = dlopen (SQLITE_SONAME, RTLD_NOW | RTLD_LOCAL);
  const char *missing = NULL;

  if (lib == NULL)
    {
      load_failure = g_strdup_printf ("cannot load %s: %s", SQLITE_SONAME, dlerror ());
      return;
    }
#define GALLEY_SQLITE_FIND(name) \
  if (missing == NULL \
      && (galley_sqlite_api.name = (__typeof__ (sqlite3_##name) *) dlsym (lib, "sqlite3_" #name)) == NULL) \
    missing = "sqlite3_" #name;
  GALLEY_SQLITE_FUNCTIONS (GALLEY_SQLITE_FIND)
#undef GALLEY_SQLITE_FIND
  if (missing != NULL)
    load_failure = g_strdup_printf ("%s has no %s (an SQLite older than %s?)",
                                    SQLITE_SONAME, missing, SQLITE_VERSION);
}

gboolean
galley_sqlite_load (const char *path, GError **error)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      load_once ();
      g_once_init_leave (&loaded, 1);
    }
  if (load_failure != NULL)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "cannot open the state file %s: %s", path, load_failure);
      return FALSE;
    }
  return TRUE;
}
