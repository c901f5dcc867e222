/* read-jsonl-plugin.c: the module's descriptor. */
#include "config.h"

#include "read-jsonl.h"

static const GalleyStageClass *const stages[] = { &galley_read_jsonl_stage, NULL };

GALLEY_PLUGIN_DEFINE (read_jsonl, "read-jsonl", VERSION, "LGPL-2.1-or-later",
                      "Read articles from JSON Lines files or standard input",
                      stages, NULL);
