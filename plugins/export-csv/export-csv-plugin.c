/* export-csv-plugin.c: the module descriptor of export-csv. */
#include "config.h"

#include "export-csv.h"

static const GalleyStageClass *const stages[] = {
  &galley_export_csv_stage,
  NULL,
};

GALLEY_PLUGIN_DEFINE (export_csv, "export-csv", VERSION, "LGPL-2.1-or-later",
                      "Writes documents, entity mentions or sentences as CSV",
                      stages, NULL);
