/* sentiment-plugin.c: the module descriptor of sentiment.la. */
#include "config.h"

#include "sentiment.h"

static const GalleyStageClass *const stages[] = { &galley_sentiment_stage, NULL };

GALLEY_PLUGIN_DEFINE (sentiment, "sentiment", VERSION, "LGPL-2.1-or-later",
                      "Sentence, document and entity sentiment of news text",
                      stages, NULL);
