/* tokenizer.h: the "tokenizer" stage class (token and sentence layers).
 *
 * Tests and other plugins' tests link libtokenizer-stage.la and refer to
 * the class directly through the harness (galley-harness.h).
 */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_tokenizer_stage;

G_END_DECLS
