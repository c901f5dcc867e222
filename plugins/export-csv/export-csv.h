/* export-csv.h: the export-csv stage (RFC 4180 CSV files). */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_export_csv_stage;

G_END_DECLS
