/* sentiment.h: the "sentiment" stage class (sentence, document and entity
 * sentiment).
 *
 * Tests link libsentiment-stage.la and refer to the class directly through
 * the harness (galley-harness.h).
 */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_sentiment_stage;

G_END_DECLS
