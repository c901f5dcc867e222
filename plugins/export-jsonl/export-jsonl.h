/* export-jsonl.h: the export-jsonl stage class, for tests. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_export_jsonl_stage;

G_END_DECLS
