/* redis-stream-plugin.c: the module's descriptor: both stream stages,
 * which share the connection code. */
#include "config.h"

#include "export-redis-stream.h"
#include "read-redis-stream.h"

static const GalleyStageClass *const stages[] = {
  &galley_read_redis_stream_stage,
  &galley_export_redis_stream_stage,
  NULL
};

GALLEY_PLUGIN_DEFINE (redis_stream, "redis-stream", VERSION, "LGPL-2.1-or-later",
                      "Read from and write to Redis streams (consumer groups)",
                      stages, NULL);
