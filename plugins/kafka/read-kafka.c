/* read-kafka.c: the read-kafka source: documents from Kafka topics, read
 * as one member of a consumer group.
 *
 * Each message's value is one JSON Lines object, parsed by read-jsonl's
 * parser. Delivery is at least once:
 *
 *   - Automatic commits are off. Each message handed to the runner has
 *     its offset stored (rd_kafka_offset_store_message); acknowledge(),
 *     which the runner calls once every sink committed what this source
 *     produced, commits the stored offsets synchronously. A worker that
 *     dies leaves its partitions at the last commit: the members that
 *     take them over after the rebalance read the rest again.
 *   - A rebalance that takes partitions away drops their stored,
 *     uncommitted offsets with them (librdkafka commits only the current
 *     assignment's), so a commit never moves a partition that another
 *     member now owns: that member reads those messages again, nothing
 *     committed is read twice and nothing is lost.
 *
 * The end: the source ends when every partition assigned to it has
 * reported its end (enable.partition.eof) with nothing read since, or,
 * with no partition assigned (more members than partitions), after
 * idle= ms without any. With follow=true it waits for messages until
 * galley is told to stop, and returns GALLEY_READ_IDLE after each quiet
 * second: see wait_for_events().
 */
/* ppoll(), pipe2() */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "jsonl-parser.h"
#include "kafka-config.h"
#include "read-kafka.h"

#define POLL_MS 200
#define COMMIT_RETRY_S 60

typedef struct {
  rd_kafka_conf_t *conf; /* until the first read makes rk from it */
  rd_kafka_t *rk;
  char **topics;
  gint64 idle_us;
  gint64 last_activity;  /* monotonic: the last message or assignment change */
  GHashTable *at_end;    /* "topic/partition" -> TRUE once at its end, FALSE before */
  guint produced;        /* messages handed out since the last commit */
  gboolean follow;
  int wake[2];           /* follow=true: librdkafka writes to wake[1] when
                          * the consumer queue gets an event */
  JsonlParser *parser;
  GString *where;
  char *brokers;         /* as given, for the message of a group never joined */
} ReadKafka;

static const GalleyParamSpec read_kafka_params[] = {
  KAFKA_CONFIG_PARAMS,
  { "topic", GALLEY_PARAM_STRING_LIST, NULL, 0, 0, NULL,
    "topics to read", GALLEY_PARAM_REQUIRED },
  { "group", GALLEY_PARAM_STRING, "galley", 0, 0, NULL,
    "the consumer group (group.id)", 0 },
  { "start", GALLEY_PARAM_CHOICE, "earliest", 0, 0, (const char *const[]) { "earliest", "latest", NULL },
    "where a group with no committed offset starts (auto.offset.reset)", 0 },
  { "idle", GALLEY_PARAM_INT, "10000", 0, G_MAXINT32, NULL,
    "with no partition assigned, ms to wait for one before ending", 0 },
  { "follow", GALLEY_PARAM_BOOLEAN, "false", 0, 0, NULL,
    "wait for new messages until galley is told to stop, instead of ending "
    "at the end of the partitions", 0 },
  { NULL }
};

static char *
partition_key (const char *topic, int32_t partition)
{
  return g_strdup_printf ("%s/%d", topic, (int) partition);
}

/* rebalance: takes the new assignment (or gives it up), and keeps the
 * list of assigned partitions for the end test. Nothing is committed
 * here: see the top of the file. */
static void
rebalance (rd_kafka_t *rk, rd_kafka_resp_err_t err,
           rd_kafka_topic_partition_list_t *partitions, void *opaque)
{
  ReadKafka *self = opaque;
  gboolean cooperative = strcmp (rd_kafka_rebalance_protocol (rk), "COOPERATIVE") == 0;

  for (int i = 0; i < partitions->cnt; i++)
    {
      char *key = partition_key (partitions->elems[i].topic, partitions->elems[i].partition);

      if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS)
        g_hash_table_insert (self->at_end, key, GINT_TO_POINTER (FALSE));
      else
        {
          g_hash_table_remove (self->at_end, key);
          g_free (key);
        }
    }
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS)
    {
      if (cooperative)
        rd_kafka_error_destroy (rd_kafka_incremental_assign (rk, partitions));
      else
        rd_kafka_assign (rk, partitions);
    }
  else if (cooperative)
    rd_kafka_error_destroy (rd_kafka_incremental_unassign (rk, partitions));
  else
    {
      rd_kafka_assign (rk, NULL);
      g_hash_table_remove_all (self->at_end);
    }
  self->last_activity = g_get_monotonic_time ();
}

static void read_kafka_free (gpointer data);
static gboolean subscribe (ReadKafka *self, GError **error);

static gpointer
read_kafka_create (const GalleyParams *params, GError **error)
{
  ReadKafka *self = g_new0 (ReadKafka, 1);
  rd_kafka_conf_t *conf;

  self->wake[0] = self->wake[1] = -1;
  self->follow = galley_params_get_boolean (params, "follow");
  self->topics = g_strdupv ((char **) galley_params_get_string_list (params, "topic"));
  self->idle_us = galley_params_get_int (params, "idle") * 1000;
  self->brokers = g_strdup (galley_params_get_string (params, "brokers"));
  self->at_end = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parser = jsonl_parser_new (GALLEY_UTF8_WINDOWS_1252, 16 * 1024 * 1024);
  self->where = g_string_new (NULL);
  conf = kafka_config_new ("read-kafka", params, error);
  if (conf == NULL
      || !kafka_config_set (conf, "read-kafka", "parameter 'group'", "group.id",
                            galley_params_get_string (params, "group"), error)
      || !kafka_config_set (conf, "read-kafka", "parameter 'start'", "auto.offset.reset",
                            galley_params_get_choice (params, "start"), error)
      /* offsets go to the broker in acknowledge only */
      || !kafka_config_set (conf, "read-kafka", "read-kafka", "enable.auto.commit", "false", error)
      || !kafka_config_set (conf, "read-kafka", "read-kafka", "enable.auto.offset.store",
                            "false", error)
      || !kafka_config_set (conf, "read-kafka", "read-kafka", "enable.partition.eof", "true",
                            error))
    {
      if (conf)
        rd_kafka_conf_destroy (conf);
      read_kafka_free (self);
      return NULL;
    }
  rd_kafka_conf_set_rebalance_cb (conf, rebalance);
  rd_kafka_conf_set_opaque (conf, self);
  self->conf = conf;
  return self;
}

/* start: the consumer, made from the configuration at the first read, so
 * that `galley validate` (which creates every stage) connects to nothing. */
static gboolean
start (ReadKafka *self, GError **error)
{
  char reason[512];

  /* rd_kafka_new takes the configuration only when it succeeds */
  self->rk = rd_kafka_new (RD_KAFKA_CONSUMER, self->conf, reason, sizeof reason);
  if (self->rk == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "read-kafka: %s", reason);
      return FALSE;
    }
  self->conf = NULL;
  rd_kafka_poll_set_consumer (self->rk);
  if (self->follow)
    {
      rd_kafka_queue_t *queue;

      if (pipe2 (self->wake, O_CLOEXEC | O_NONBLOCK) != 0)
        {
          int saved = errno;

          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "read-kafka: cannot make a pipe: %s", g_strerror (saved));
          return FALSE;
        }
      queue = rd_kafka_queue_get_consumer (self->rk);
      rd_kafka_queue_io_event_enable (queue, self->wake[1], "!", 1);
      rd_kafka_queue_destroy (queue);
    }
  return subscribe (self, error);
}

/* What wait_for_events() saw. */
typedef enum {
  WAIT_EVENT,    /* something landed on the consumer queue */
  WAIT_QUIET,    /* a second passed with nothing */
  WAIT_SIGNAL,   /* a signal came: galley's stop request */
} WaitResult;

/* wait_for_events: with follow=true, waits until the consumer queue has
 * something (librdkafka writes to the wake pipe when an event lands on
 * it empty), or a second has passed, or a signal came: galley's stop
 * request interrupts the reading thread with one, which
 * rd_kafka_consumer_poll would not notice. Signals are held from before
 * the queue was last found empty and let in only inside ppoll(),
 * atomically, so that one arriving in between is not lost. */
static WaitResult
wait_for_events (ReadKafka *self, const sigset_t *wait_mask)
{
  struct pollfd pfd = { .fd = self->wake[0], .events = POLLIN };
  const struct timespec slice = { 1, 0 };
  char drain[64];
  int ready = ppoll (&pfd, 1, &slice, wait_mask);

  if (ready < 0 && errno == EINTR)
    return WAIT_SIGNAL;
  while (read (self->wake[0], drain, sizeof drain) > 0)
    ;
  return ready == 0 ? WAIT_QUIET : WAIT_EVENT;
}

/* next_message: the next message or event, waiting POLL_MS for one; with
 * follow=true, up to a second. NULL when there is none yet; with
 * follow=true, *@wait then says whether the second passed quietly
 * (WAIT_QUIET: the source reports itself idle, so that the runner can
 * checkpoint, commit the offsets and ping the watchdog between messages)
 * or a signal interrupted the wait (WAIT_SIGNAL). */
static rd_kafka_message_t *
next_message (ReadKafka *self, WaitResult *wait)
{
  sigset_t all, before;
  rd_kafka_message_t *msg;

  *wait = WAIT_EVENT;
  if (!self->follow)
    return rd_kafka_consumer_poll (self->rk, POLL_MS);
  sigfillset (&all);
  pthread_sigmask (SIG_BLOCK, &all, &before);
  while ((msg = rd_kafka_consumer_poll (self->rk, 0)) == NULL
         && (*wait = wait_for_events (self, &before)) == WAIT_EVENT)
    ;
  pthread_sigmask (SIG_SETMASK, &before, NULL);
  return msg;
}

static gboolean
subscribe (ReadKafka *self, GError **error)
{
  rd_kafka_topic_partition_list_t *list;
  rd_kafka_resp_err_t err;

  list = rd_kafka_topic_partition_list_new ((int) g_strv_length (self->topics));
  for (guint i = 0; self->topics[i]; i++)
    rd_kafka_topic_partition_list_add (list, self->topics[i], RD_KAFKA_PARTITION_UA);
  err = rd_kafka_subscribe (self->rk, list);
  rd_kafka_topic_partition_list_destroy (list);
  if (err)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "read-kafka: cannot subscribe: %s", rd_kafka_err2str (err));
      return FALSE;
    }
  self->last_activity = g_get_monotonic_time ();
  return TRUE;
}

/* finished: every assigned partition is at its end, or none was assigned
 * for idle= ms. */
static gboolean
finished (ReadKafka *self)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->at_end) == 0)
    return g_get_monotonic_time () - self->last_activity >= self->idle_us;
  g_hash_table_iter_init (&iter, self->at_end);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!GPOINTER_TO_INT (value))
      return FALSE;
  return TRUE;
}

/* at_the_end: the end, or an error when this consumer never joined its
 * group: with no broker reachable no partition is ever assigned, which
 * looked like a member with nothing to read (more members than
 * partitions), and the run ended with success having read nothing. A
 * member of the group has the id its coordinator gave it. */
static GalleyReadStatus
at_the_end (ReadKafka *self, GError **error)
{
  char *member;
  gboolean joined;

  if (g_hash_table_size (self->at_end) > 0)
    return GALLEY_READ_END;
  member = rd_kafka_memberid (self->rk);
  joined = member != NULL && member[0] != '\0';
  if (member)
    rd_kafka_mem_free (self->rk, member);
  if (joined)
    return GALLEY_READ_END;
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
               "read-kafka: joined no consumer group within idle=%" G_GINT64_FORMAT
               " ms: no broker of brokers=%s answered", self->idle_us / 1000, self->brokers);
  return GALLEY_READ_ERROR;
}

static void
mark (ReadKafka *self, const rd_kafka_message_t *msg, gboolean at_end)
{
  char *key = partition_key (rd_kafka_topic_name (msg->rkt), msg->partition);

  if (g_hash_table_contains (self->at_end, key))
    g_hash_table_insert (self->at_end, key, GINT_TO_POINTER (at_end));
  else
    g_free (key);
}

/* store_offset: the committed offset of a partition is the next message
 * to read, so storing a message's means its offset + 1. */
static void
store_offset (ReadKafka *self, const rd_kafka_message_t *msg)
{
  rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new (1);

  rd_kafka_topic_partition_list_add (list, rd_kafka_topic_name (msg->rkt), msg->partition)
    ->offset = msg->offset + 1;
  /* fails only for a partition no longer assigned: its next owner reads
   * the message again */
  rd_kafka_offsets_store (self->rk, list);
  rd_kafka_topic_partition_list_destroy (list);
}

/* message_document: the document of one message; GALLEY_READ_SKIP with
 * @error naming the topic, partition and offset when it holds none. */
static GalleyReadStatus
message_document (ReadKafka *self, const rd_kafka_message_t *msg, GalleyDocument **doc,
                  GError **error)
{
  g_autofree char *value = g_strndup (msg->payload ? msg->payload : "", msg->len);

  g_string_printf (self->where, "topic %s partition %d offset %" G_GINT64_FORMAT,
                   rd_kafka_topic_name (msg->rkt), (int) msg->partition,
                   (gint64) msg->offset);
  return jsonl_parser_read_object (self->parser, value, msg->len, self->where->str, doc,
                                   error);
}

static GalleyReadStatus
read_kafka_read (gpointer data, GalleyDocument **doc, GError **error)
{
  ReadKafka *self = data;

  if (self->rk == NULL && !start (self, error))
    return GALLEY_READ_ERROR;
  for (;;)
    {
      WaitResult wait;
      rd_kafka_message_t *msg = next_message (self, &wait);
      GalleyReadStatus status;

      if (msg == NULL)
        {
          if (wait == WAIT_QUIET)
            return GALLEY_READ_IDLE;
          if (wait == WAIT_SIGNAL)
            {
              g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                           "read-kafka: interrupted while waiting for messages");
              return GALLEY_READ_ERROR;
            }
          if (finished (self))
            return at_the_end (self, error);
          continue;
        }
      if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
        {
          mark (self, msg, TRUE);
          rd_kafka_message_destroy (msg);
          if (!self->follow && finished (self))
            return GALLEY_READ_END;
          continue;
        }
      if (msg->err)
        {
          g_autofree char *what = g_strdup (rd_kafka_message_errstr (msg));
          gboolean fatal = msg->err == RD_KAFKA_RESP_ERR__FATAL
                           || msg->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED
                           || msg->err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED;

          rd_kafka_message_destroy (msg);
          if (!fatal)
            {
              /* brokers down, a topic not there yet: librdkafka retries */
              g_debug ("read-kafka: %s (retrying)", what);
              continue;
            }
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "read-kafka: %s", what);
          return GALLEY_READ_ERROR;
        }
      mark (self, msg, FALSE);
      self->last_activity = g_get_monotonic_time ();
      store_offset (self, msg);
      self->produced++;
      status = message_document (self, msg, doc, error);
      rd_kafka_message_destroy (msg);
      return status;
    }
}

/* read_kafka_acknowledge: commits the offsets stored for every message
 * handed out so far, synchronously. A commit refused because the group
 * is rebalancing (a member joined, or one died) is tried again once the
 * rebalance is served, for up to COMMIT_RETRY_S: partitions it took away
 * took their stored offsets with them (their new owner reads those
 * messages again), the rest are committed. Messages polled meanwhile are
 * dropped unstored: whoever reads the partition next gets them. */
static gboolean
read_kafka_acknowledge (gpointer data, GError **error)
{
  ReadKafka *self = data;
  gint64 give_up = g_get_monotonic_time () + COMMIT_RETRY_S * G_USEC_PER_SEC;
  rd_kafka_resp_err_t err;

  if (self->rk == NULL || self->produced == 0)
    return TRUE;
  while ((err = rd_kafka_commit (self->rk, NULL, 0)) == RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS
         || err == RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION)
    {
      rd_kafka_message_t *msg;

      if (g_get_monotonic_time () >= give_up)
        break;
      if ((msg = rd_kafka_consumer_poll (self->rk, POLL_MS)) != NULL)
        rd_kafka_message_destroy (msg);
    }
  /* nothing stored for the partitions still assigned: nothing to do */
  if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "read-kafka: cannot commit offsets: %s", rd_kafka_err2str (err));
      return FALSE;
    }
  self->produced = 0;
  return TRUE;
}

static void
read_kafka_free (gpointer data)
{
  ReadKafka *self = data;

  if (self->rk)
    {
      /* leaves the group now, so that the others need not wait for the
       * session to time out */
      rd_kafka_consumer_close (self->rk);
      rd_kafka_destroy (self->rk);
    }
  if (self->conf)
    rd_kafka_conf_destroy (self->conf);
  if (self->wake[0] >= 0)
    {
      close (self->wake[0]);
      close (self->wake[1]);
    }
  g_strfreev (self->topics);
  g_free (self->brokers);
  g_hash_table_unref (self->at_end);
  jsonl_parser_free (self->parser);
  g_string_free (self->where, TRUE);
  g_free (self);
}

const GalleyStageClass galley_read_kafka_stage = {
  .name = "read-kafka",
  .kind = GALLEY_STAGE_SOURCE,
  .description = "Read articles from Kafka topics as a member of a consumer group; "
                 "offsets are committed once the sinks committed them",
  .params = read_kafka_params,
  .create = read_kafka_create,
  .read = read_kafka_read,
  .acknowledge = read_kafka_acknowledge,
  .free = read_kafka_free,
};
