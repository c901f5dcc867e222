/* export-sqlite-plugin.c: the module descriptor of export-sqlite. */
#include "config.h"

#include "export-sqlite.h"

static const GalleyStageClass *const stages[] = {
  &galley_export_sqlite_stage,
  NULL,
};

GALLEY_PLUGIN_DEFINE (export_sqlite, "export-sqlite", VERSION, "LGPL-2.1-or-later",
                      "Writes documents, entities, sentences and features to SQLite",
                      stages, NULL);
