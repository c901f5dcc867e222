/* language-plugin.c: the module descriptor of language.la. */
#include "config.h"

#include "language.h"

static const GalleyStageClass *const stages[] = { &galley_language_stage, NULL };

GALLEY_PLUGIN_DEFINE (language, "language", VERSION, "LGPL-2.1-or-later",
                      "Language identification of news text (function words, CLD2)",
                      stages, NULL);
