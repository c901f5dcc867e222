/* export-kafka.h: the export-kafka stage class, for tests. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_export_kafka_stage;

G_END_DECLS
