/* near-duplicates.h: the "near-duplicates" stage class.
 *
 * Tests link libnear-duplicates-stage.la and refer to the class directly
 * through the harness (galley-harness.h).
 */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_near_duplicates_stage;

G_END_DECLS
