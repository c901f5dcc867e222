/* export-kafka.c: the export-kafka sink: one message per document, its
 * value the JSON line export-jsonl writes (without the newline), its key
 * the document id (so that a document's versions go to one partition, in
 * order).
 *
 * The producer is idempotent (enable.idempotence): librdkafka's retries
 * never duplicate or reorder a message within a run. write() only queues
 * the message; commit() waits for every delivery report (rd_kafka_flush)
 * and fails with the first failed delivery, so what a run committed is
 * in Kafka. A worker killed before its commit may have sent some messages
 * whose source is not acknowledged: they are sent again by whoever
 * processes those documents (at least once; consumers key on the id).
 */
#include "config.h"

#include <string.h>

#include "export-kafka.h"
#include "jsonl-format.h"
#include "kafka-config.h"

#define FLUSH_SLICE_MS 1000

typedef struct {
  rd_kafka_conf_t *conf; /* until the first write makes rk from it */
  rd_kafka_t *rk;
  char *topic;
  gint64 timeout_ms;
  JsonlFormat format;
  GString *line;
  char *failed_id;  /* the first failed delivery since the last commit: */
  rd_kafka_resp_err_t failed_err;  /* its document and its reason */
  guint n_failed;
  guint n_unconfirmed;  /* queued, and no delivery report yet */
} ExportKafka;

static const GalleyParamSpec export_kafka_params[] = {
  KAFKA_CONFIG_PARAMS,
  { "topic", GALLEY_PARAM_STRING, NULL, 0, 0, NULL,
    "the topic to write to", GALLEY_PARAM_REQUIRED },
  { "delivery-timeout", GALLEY_PARAM_INT, "120000", 1, G_MAXINT32, NULL,
    "ms a commit waits for the brokers to confirm every message", 0 },
  JSONL_FORMAT_PARAMS,
  { NULL }
};

/* on_delivery: librdkafka's report of one message, on the thread that
 * polls (the sink's, in write and commit). */
static void
on_delivery (rd_kafka_t *rk, const rd_kafka_message_t *msg, void *opaque)
{
  ExportKafka *self = opaque;

  self->n_unconfirmed--;
  if (msg->err == RD_KAFKA_RESP_ERR_NO_ERROR)
    return;
  if (self->n_failed++ == 0)
    {
      self->failed_id = g_strndup (msg->key ? msg->key : "", msg->key ? msg->key_len : 0);
      self->failed_err = msg->err;
    }
}

static void export_kafka_free (gpointer data);

static gpointer
export_kafka_create (const GalleyParams *params, GError **error)
{
  ExportKafka *self = g_new0 (ExportKafka, 1);
  rd_kafka_conf_t *conf;

  self->topic = g_strdup (galley_params_get_string (params, "topic"));
  self->timeout_ms = galley_params_get_int (params, "delivery-timeout");
  self->line = g_string_sized_new (4096);
  jsonl_format_init (&self->format, params);
  conf = kafka_config_new ("export-kafka", params, error);
  if (conf == NULL
      || !kafka_config_set (conf, "export-kafka", "export-kafka", "enable.idempotence",
                            "true", error))
    {
      if (conf)
        rd_kafka_conf_destroy (conf);
      export_kafka_free (self);
      return NULL;
    }
  rd_kafka_conf_set_dr_msg_cb (conf, on_delivery);
  rd_kafka_conf_set_opaque (conf, self);
  self->conf = conf;
  return self;
}

/* start: the producer, made at the first write, so that `galley validate`
 * (which creates every stage) connects to nothing. */
static gboolean
start (ExportKafka *self, GError **error)
{
  char reason[512];

  /* rd_kafka_new takes the configuration only when it succeeds */
  self->rk = rd_kafka_new (RD_KAFKA_PRODUCER, self->conf, reason, sizeof reason);
  if (self->rk == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "export-kafka: %s", reason);
      return FALSE;
    }
  self->conf = NULL;
  return TRUE;
}

static gboolean
export_kafka_write (gpointer data, GalleyDocument *doc, GError **error)
{
  ExportKafka *self = data;
  const char *id = galley_document_get_id (doc);
  rd_kafka_resp_err_t err;

  if (self->rk == NULL && !start (self, error))
    return FALSE;
  g_string_truncate (self->line, 0);
  jsonl_format_document (self->line, doc, &self->format);
  if (self->line->len > 0 && self->line->str[self->line->len - 1] == '\n')
    g_string_truncate (self->line, self->line->len - 1);
  for (;;)
    {
      err = rd_kafka_producev (self->rk, RD_KAFKA_V_TOPIC (self->topic),
                               RD_KAFKA_V_KEY ((void *) id, strlen (id)),
                               RD_KAFKA_V_VALUE (self->line->str, self->line->len),
                               RD_KAFKA_V_MSGFLAGS (RD_KAFKA_MSG_F_COPY),
                               RD_KAFKA_V_END);
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
        break;
      /* the local queue is full: wait for deliveries to make room */
      rd_kafka_poll (self->rk, 100);
    }
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
    self->n_unconfirmed++;
  rd_kafka_poll (self->rk, 0);
  if (err)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "export-kafka: topic %s: cannot queue document '%s': %s",
                   self->topic, id, rd_kafka_err2str (err));
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_kafka_commit (gpointer data, GError **error)
{
  ExportKafka *self = data;
  rd_kafka_resp_err_t err;

  if (self->rk == NULL)
    return TRUE;  /* nothing written */
  err = rd_kafka_flush (self->rk, (int) self->timeout_ms);

  if (self->n_failed > 0)
    {
      if (self->n_failed == 1)
        g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                     "export-kafka: topic %s: message of document '%s' not delivered: %s",
                     self->topic, self->failed_id, rd_kafka_err2str (self->failed_err));
      else
        g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                     "export-kafka: topic %s: %u messages not delivered; the first, of "
                     "document '%s': %s", self->topic, self->n_failed, self->failed_id,
                     rd_kafka_err2str (self->failed_err));
      g_clear_pointer (&self->failed_id, g_free);
      self->n_failed = 0;
      return FALSE;
    }
  if (err)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "export-kafka: topic %s: %u messages still unconfirmed after "
                   "delivery-timeout=%" G_GINT64_FORMAT " ms", self->topic,
                   self->n_unconfirmed, self->timeout_ms);
      return FALSE;
    }
  return TRUE;
}

static void
export_kafka_free (gpointer data)
{
  ExportKafka *self = data;

  if (self->conf)
    rd_kafka_conf_destroy (self->conf);
  if (self->rk)
    rd_kafka_destroy (self->rk);
  g_free (self->failed_id);
  jsonl_format_clear (&self->format);
  g_string_free (self->line, TRUE);
  g_free (self->topic);
  g_free (self);
}

const GalleyStageClass galley_export_kafka_stage = {
  .name = "export-kafka",
  .kind = GALLEY_STAGE_SINK,
  .description = "Send each document to a Kafka topic (idempotent producer), as "
                 "export-jsonl's JSON line keyed by its id",
  .params = export_kafka_params,
  .create = export_kafka_create,
  .write = export_kafka_write,
  .commit = export_kafka_commit,
  .free = export_kafka_free,
};
