/* export-redis-stream.h: the export-redis-stream stage class, for tests. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_export_redis_stream_stage;

G_END_DECLS
