/* language.h: the "language" stage class (language identification).
 *
 * Tests link liblanguage-stage.la and refer to the class directly through
 * the harness (galley-harness.h).
 */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_language_stage;

G_END_DECLS
