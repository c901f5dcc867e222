/* entity-tagger.h: the "entity-tagger" stage class (entity layer).
 *
 * Tests link libentity-tagger-stage.la and refer to the class directly
 * through the harness (galley-harness.h), after the tokenizer stage.
 */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_entity_tagger_stage;

G_END_DECLS
