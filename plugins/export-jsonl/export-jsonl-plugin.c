/* export-jsonl-plugin.c: the module's descriptor. */
#include "config.h"

#include "export-jsonl.h"

static const GalleyStageClass *const stages[] = { &galley_export_jsonl_stage, NULL };

GALLEY_PLUGIN_DEFINE (export_jsonl, "export-jsonl", VERSION, "LGPL-2.1-or-later",
                      "Write documents and their annotations as JSON Lines",
                      stages, NULL);
