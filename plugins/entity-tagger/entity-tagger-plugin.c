/* entity-tagger-plugin.c: the module descriptor of entity-tagger.la. */
#include "config.h"

#include "entity-tagger.h"

static const GalleyStageClass *const stages[] = { &galley_entity_tagger_stage, NULL };

GALLEY_PLUGIN_DEFINE (entity_tagger, "entity-tagger", VERSION, "LGPL-2.1-or-later",
                      "Named entities, dates and amounts in news text", stages, NULL);
