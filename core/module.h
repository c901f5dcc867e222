/* module.h: the one place that calls libltdl. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GalleyModule GalleyModule;

/* galley_module_open: opens the module file @path (a .la or .so) with
 * lt_dlopenext. Errors: GALLEY_PLUGIN_ERROR_OPEN with lt_dlerror's text. */
GalleyModule *galley_module_open (const char *path, GError **error);

/* galley_module_get_files: the files that opening @path may map: @path
 * itself and, for a libtool archive (.la), each existing file among the
 * places lt_dlopen looks for the shared object it names. For the safety
 * checks run before the module is opened. Returns: (transfer full) a
 * NULL-terminated array; free with g_strfreev(). */
char **galley_module_get_files (const char *path) G_GNUC_WARN_UNUSED_RESULT;

/* galley_module_symbol: the address of @symbol, or NULL with
 * GALLEY_PLUGIN_ERROR_SYMBOL and lt_dlerror's text. */
gpointer galley_module_symbol (GalleyModule *module, const char *symbol,
                               GError **error);

/* galley_module_close: unloads @module. */
void galley_module_close (GalleyModule *module);

G_END_DECLS
