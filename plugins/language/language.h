/* language.h: the "language" stage class (language identification).
 *
 * Tests link liblanguage-stage.la and refer to the class directly through
 * the harness (galley-harness.h).
 */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_language_stage;

/* language_sample_len: the length of the longest prefix of @text (@len
 * bytes, valid UTF-8) that is at most @max bytes and ends on a character
 * boundary: how much of a text or title the stage judges. */
gsize language_sample_len (const char *text, gsize len, gsize max);

G_END_DECLS
