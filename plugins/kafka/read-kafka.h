/* read-kafka.h: the read-kafka stage class, for tests. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_read_kafka_stage;

G_END_DECLS
