/* export-sqlite.h: the export-sqlite stage (an SQLite 3 database). */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_export_sqlite_stage;

G_END_DECLS
