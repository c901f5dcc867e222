/* read-feed-plugin.c: the module descriptor of read-feed. */
#include "config.h"

#include "read-feed.h"

static const GalleyStageClass *const stages[] = { &galley_read_feed_stage, NULL };

GALLEY_PLUGIN_DEFINE (read_feed, "read-feed", VERSION, "LGPL-2.1-or-later",
                      "Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds, one document per item",
                      stages, NULL);
