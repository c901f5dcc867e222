/* tokenizer-plugin.c: the module descriptor of tokenizer.la. */
#include "config.h"

#include "tokenizer.h"

static const GalleyStageClass *const stages[] = { &galley_tokenizer_stage, NULL };

GALLEY_PLUGIN_DEFINE (tokenizer, "tokenizer", VERSION, "LGPL-2.1-or-later",
                      "Tokens and sentences of news text", stages, NULL);
