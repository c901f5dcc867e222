/* keyword-tagger.h: the stage class this plugin provides.
 *
 * It is declared here, and not static, so that the tests link the stage
 * code directly and run it through the SDK harness without loading the
 * module. The module itself exports only its descriptor.
 */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_keyword_tagger_stage;

G_END_DECLS
