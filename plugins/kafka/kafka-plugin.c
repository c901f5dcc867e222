/* kafka-plugin.c: the module's descriptor: both Kafka stages, which share
 * the configuration code. */
#include "config.h"

#include "export-kafka.h"
#include "read-kafka.h"

static const GalleyStageClass *const stages[] = {
  &galley_read_kafka_stage,
  &galley_export_kafka_stage,
  NULL
};

GALLEY_PLUGIN_DEFINE (kafka, "kafka", VERSION, "LGPL-2.1-or-later",
                      "Read from and write to Kafka topics (consumer groups, idempotent producer)",
                      stages, NULL);
