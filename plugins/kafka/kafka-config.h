/* kafka-config.h: a librdkafka configuration from a stage's parameters,
 * for read-kafka and export-kafka. */
#pragma once

#include <galley/galley.h>
#include <librdkafka/rdkafka.h>

G_BEGIN_DECLS

/* KAFKA_CONFIG_PARAMS: brokers= and the pass-through kafka= list. */
#define KAFKA_CONFIG_PARAMS \
  { "brokers", GALLEY_PARAM_STRING, "localhost:9092", 0, 0, NULL, \
    "bootstrap brokers, HOST:PORT,HOST:PORT", 0 }, \
  { "kafka", GALLEY_PARAM_STRING_LIST, NULL, 0, 0, NULL, \
    "librdkafka properties, NAME=VALUE;... (security.protocol=SASL_SSL, " \
    "sasl.mechanism=PLAIN, ...): passed through as they are", 0 }, \
  { "kafka-file", GALLEY_PARAM_PATH, NULL, 0, 0, NULL, \
    "a file of librdkafka properties, NAME=VALUE a line (# comments): " \
    "where secrets such as sasl.password belong, not in the pipeline", \
    GALLEY_PARAM_INPUT }

/* kafka_config_new: a configuration with bootstrap.servers from brokers=,
 * then kafka-file=, then kafka= (later ones win), and librdkafka's log
 * routed to GLib's (debug, or warning from LOG_WARNING up). @stage names
 * the stage in messages. Errors: GALLEY_PIPELINE_ERROR_BAD_VALUE naming
 * the parameter (and the file's line) and librdkafka's reason.
 * Returns: (transfer full) the configuration, or NULL. */
rd_kafka_conf_t *kafka_config_new (const char *stage, const GalleyParams *params,
                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* kafka_config_set: sets @name to @value on @conf; librdkafka's refusal
 * becomes GALLEY_PIPELINE_ERROR_BAD_VALUE "STAGE: WHERE: NAME: reason". */
gboolean kafka_config_set (rd_kafka_conf_t *conf, const char *stage, const char *where,
                           const char *name, const char *value, GError **error);

G_END_DECLS
