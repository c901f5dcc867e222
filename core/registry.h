/* registry.h: finds plugin modules, checks and loads them, and looks up
 * stage classes by name. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

typedef struct _GalleyRegistry GalleyRegistry;

/* A module that loaded. */
typedef struct {
  char *path;
  const GalleyPluginDescriptor *descriptor;
} GalleyPluginInfo;

/* A module that was refused, and why. */
typedef struct {
  char *path;
  GError *error;
} GalleyPluginFailure;

GalleyRegistry *galley_registry_new (void);
void galley_registry_free (GalleyRegistry *registry);

/* galley_running_uninstalled: TRUE when this binary lives in the build
 * tree (core/galley or libtool's core/.libs/lt-galley): plugins and
 * their helper programs are then taken from the build tree too. */
gboolean galley_running_uninstalled (void);

/* galley_registry_add_dir: appends @dir to the search path (earlier
 * directories win when two hold a module of the same name). */
void galley_registry_add_dir (GalleyRegistry *registry, const char *dir);

/* galley_registry_add_default_dirs: @cli_path (colon-separated, may be
 * NULL), then GALLEY_PLUGIN_PATH, then GALLEY_PLUGIN_SYSTEM_PATH or the
 * installed plugin directory, then the build tree when run uninstalled. */
void galley_registry_add_default_dirs (GalleyRegistry *registry,
                                       const char *cli_path);

/* galley_registry_load: opens every module in the search path, once.
 * Refused modules are recorded, not fatal. */
void galley_registry_load (GalleyRegistry *registry);

/* galley_registry_set_probe: with TRUE, each module is first loaded in a
 * child process, and one that crashes it (a constructor, its init) is
 * refused instead of loaded here (`galley plugins`: a fork a module). */
void galley_registry_set_probe (GalleyRegistry *registry, gboolean probe);

/* galley_registry_load_file: checks and loads one module file; a crash
 * while loading it names it on standard error (load-guard.h). */
gboolean galley_registry_load_file (GalleyRegistry *registry,
                                    const char *path, GError **error);

/* galley_registry_find: the stage class @name, or NULL with
 * GALLEY_PLUGIN_ERROR_NOT_FOUND (mentioning refused modules, if any).
 * A stage named after its plugin, or after it with a prefix and a '-'
 * (read-kafka in kafka), is found by opening that module alone; any
 * other name, or a miss, loads every module. */
const GalleyStageClass *galley_registry_find (GalleyRegistry *registry,
                                              const char *name,
                                              GError **error);

/* galley_registry_get_plugin_of: the module providing stage @klass. */
const GalleyPluginInfo *galley_registry_get_plugin_of (GalleyRegistry *registry,
                                                       const GalleyStageClass *klass);

/* galley_registry_get_modifies, galley_registry_get_reads_optional: the
 * layer lists of @klass that ABI 1.1 added (GalleyStageClass.modifies,
 * .reads_optional), or NULL when its plugin was built for an older minor,
 * whose class holds padding there. @klass must come from @registry. */
const char *const *galley_registry_get_modifies (GalleyRegistry *registry,
                                                 const GalleyStageClass *klass);
const char *const *galley_registry_get_reads_optional (GalleyRegistry *registry,
                                                       const GalleyStageClass *klass);

/* galley_registry_get_plugins: every module (a full load). */
const GPtrArray *galley_registry_get_plugins (GalleyRegistry *registry);  /* GalleyPluginInfo */
/* galley_registry_get_failures: the modules refused so far: all of them
 * after galley_registry_load(), get_plugins() or a find that missed. */
const GPtrArray *galley_registry_get_failures (GalleyRegistry *registry); /* GalleyPluginFailure */
const GPtrArray *galley_registry_get_dirs (GalleyRegistry *registry);     /* char * */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyRegistry, galley_registry_free)

G_END_DECLS
