/* near-duplicates-plugin.c: the module descriptor of near-duplicates.la. */
#include "config.h"

#include "near-duplicates.h"

static const GalleyStageClass *const stages[] = { &galley_near_duplicates_stage, NULL };

GALLEY_PLUGIN_DEFINE (near_duplicates, "near-duplicates", VERSION, "LGPL-2.1-or-later",
                      "Copies of earlier stories (MinHash with LSH, an index kept across runs)",
                      stages, NULL);
