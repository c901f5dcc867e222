/* read-redis-stream.h: the read-redis-stream stage class, for tests. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_read_redis_stream_stage;

G_END_DECLS
