/* read-feed.h: the read-feed stage (RSS 2.0, RSS 1.0 and Atom files). */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_read_feed_stage;

G_END_DECLS
