/* read-redis-stream.c: the read-redis-stream source: documents from a
 * Redis stream, read as one consumer of a consumer group.
 *
 * Each entry's field "json" holds one JSON Lines object, parsed by
 * read-jsonl's parser (so export-jsonl's and export-redis-stream's lines
 * come back whole). Delivery is at least once:
 *
 *   - An entry is acknowledged (XACK) only in acknowledge(), which the
 *     runner calls once every sink committed what this source produced
 *     and the state recorded it. A worker that dies before leaves its
 *     entries pending in the group.
 *   - Entries pending for min-idle ms with another consumer (one that
 *     died, or hangs) are claimed: XPENDING lists them with their delivery
 *     counts and XCLAIM takes them, only if still idle, so two workers
 *     never take the same entry. (XAUTOCLAIM does not return the delivery
 *     counts, which max-deliveries needs.)
 *   - An entry delivered max-deliveries times already (it kills whoever
 *     reads it) goes to the dead-letter stream with the reason, and is
 *     acknowledged there and then, in one MULTI: it never blocks the group.
 *
 * Order of reads: first the entries this consumer already holds (a worker
 * restarted under the same consumer= name), then claimable entries, then
 * new ones (">"). Without follow=true the source ends when none of the
 * three has anything; with it, it waits for new entries (XREADGROUP
 * BLOCK), checking for claimable ones and returning GALLEY_READ_IDLE
 * every block ms, until galley is told to stop.
 */
/* ppoll() */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "jsonl-parser.h"
#include "read-redis-stream.h"
#include "redis-connect.h"

#define ACK_CHUNK 512     /* ids per XACK command */
#define PENDING_PAGE 1000 /* pending entries listed per XPENDING */

typedef struct {
  RedisLink *link;
  char *stream;
  char *group;
  char *consumer;
  char *start;           /* where a new group starts: "0" or "$" */
  char *dead_letter;
  char count[24];        /* entries per read, as text for the commands */
  gint64 count_value;
  char block[24];        /* ms */
  char min_idle[24];     /* ms */
  gint64 max_deliveries;
  gboolean follow;

  guint generation;      /* of the connection the group was checked on */
  gboolean own_done;     /* entries this consumer held are read again */
  char *claim_cursor;    /* where the next look for claimable entries starts */
  char *own_cursor;      /* the last of them read */

  redisReply *reply;     /* the last read's reply, owning batch */
  redisReply *batch;     /* its entries: [id, [field, value, ...]] */
  gsize next;            /* next entry of batch to return */

  GPtrArray *produced;   /* entry ids returned since the last acknowledge */
  GHashTable *produced_set;
  JsonlParser *parser;
  GString *where;
} ReadRedisStream;

static const char *const start_choices[] = { "0", "$", NULL };

static const GalleyParamSpec read_redis_stream_params[] = {
  { "url", GALLEY_PARAM_STRING, "redis://127.0.0.1:6379", 0, 0, NULL,
    "the server: redis://HOST[:PORT][/DB] or unix:///PATH[?db=DB]", 0 },
  { "password-env", GALLEY_PARAM_STRING, "REDIS_PASSWORD", 0, 0, NULL,
    "environment variable holding the password (unset or empty: no AUTH)", 0 },
  { "stream", GALLEY_PARAM_STRING, NULL, 0, 0, NULL,
    "the stream to read", GALLEY_PARAM_REQUIRED },
  { "group", GALLEY_PARAM_STRING, "galley", 0, 0, NULL,
    "the consumer group (created if missing)", 0 },
  { "start", GALLEY_PARAM_CHOICE, "0", 0, 0, start_choices,
    "where a group created now starts: 0 (every entry) or $ (new entries only)", 0 },
  { "consumer", GALLEY_PARAM_STRING, NULL, 0, 0, NULL,
    "this worker's name in the group (default: HOST-PID)", 0 },
  { "count", GALLEY_PARAM_INT, "100", 1, 100000, NULL,
    "entries fetched per read", 0 },
  { "block", GALLEY_PARAM_INT, "2000", 1, 3600000, NULL,
    "with follow=true, ms to wait for new entries before looking for "
    "claimable ones again", 0 },
  { "min-idle", GALLEY_PARAM_INT, "60000", 0, G_MAXINT32, NULL,
    "ms an entry stays pending with another consumer before it is claimed", 0 },
  { "max-deliveries", GALLEY_PARAM_INT, "5", 1, G_MAXINT32, NULL,
    "an entry delivered this many times goes to the dead-letter stream "
    "instead of being claimed again", 0 },
  { "dead-letter", GALLEY_PARAM_STRING, NULL, 0, 0, NULL,
    "stream for entries past max-deliveries (default: STREAM:dead-letter)", 0 },
  { "follow", GALLEY_PARAM_BOOLEAN, "false", 0, 0, NULL,
    "wait for new entries until galley is told to stop, instead of ending "
    "when the group has nothing new or claimable", 0 },
  { "retry-for", GALLEY_PARAM_DOUBLE, "60", 0, 86400, NULL,
    "seconds to keep reconnecting to a server that went away", 0 },
  { NULL }
};

static gpointer
read_redis_stream_create (const GalleyParams *params, GError **error)
{
  g_autoptr (RedisLink) link = NULL;
  ReadRedisStream *self;
  const char *stream = galley_params_get_string (params, "stream");
  const char *consumer = galley_params_get_string (params, "consumer");
  const char *dead_letter = galley_params_get_string (params, "dead-letter");

  link = redis_link_new ("read-redis-stream", galley_params_get_string (params, "url"),
                         galley_params_get_string (params, "password-env"),
                         galley_params_get_double (params, "retry-for"), error);
  if (link == NULL)
    return NULL;
  self = g_new0 (ReadRedisStream, 1);
  self->link = g_steal_pointer (&link);
  self->stream = g_strdup (stream);
  self->group = g_strdup (galley_params_get_string (params, "group"));
  self->start = g_strdup (galley_params_get_choice (params, "start"));
  self->consumer = consumer && *consumer
                   ? g_strdup (consumer)
                   : g_strdup_printf ("%s-%d", g_get_host_name (), (int) getpid ());
  self->dead_letter = dead_letter && *dead_letter
                      ? g_strdup (dead_letter)
                      : g_strconcat (stream, ":dead-letter", NULL);
  g_snprintf (self->count, sizeof self->count, "%" G_GINT64_FORMAT,
              galley_params_get_int (params, "count"));
  g_snprintf (self->block, sizeof self->block, "%" G_GINT64_FORMAT,
              galley_params_get_int (params, "block"));
  g_snprintf (self->min_idle, sizeof self->min_idle, "%" G_GINT64_FORMAT,
              galley_params_get_int (params, "min-idle"));
  self->max_deliveries = galley_params_get_int (params, "max-deliveries");
  self->follow = galley_params_get_boolean (params, "follow");
  self->count_value = galley_params_get_int (params, "count");
  self->own_cursor = g_strdup ("0");
  self->claim_cursor = g_strdup ("-");
  self->produced = g_ptr_array_new_with_free_func (g_free);
  self->produced_set = g_hash_table_new (g_str_hash, g_str_equal);
  self->parser = jsonl_parser_new (GALLEY_UTF8_WINDOWS_1252, 16 * 1024 * 1024);
  self->where = g_string_new (NULL);
  return self;
}

/* ensure_group: creates the group (and the stream) if missing. After a
 * reconnect the entries this consumer was sent but did not read are in
 * its pending list: read them again from the start. */
static gboolean
ensure_group (ReadRedisStream *self, GError **error)
{
  const char *argv[] = { "XGROUP", "CREATE", self->stream, self->group, self->start,
                         "MKSTREAM" };
  g_autoptr (GError) local = NULL;
  redisReply *reply;

  if (redis_link_get (self->link, error) == NULL)
    return FALSE;
  if (self->generation == redis_link_get_generation (self->link))
    return TRUE;
  reply = redis_link_command (self->link, G_N_ELEMENTS (argv), argv, NULL, &local);
  if (reply)
    freeReplyObject (reply);
  else if (local->domain != GALLEY_STAGE_ERROR || local->code != GALLEY_STAGE_ERROR_FAILED
           || strstr (local->message, "BUSYGROUP") == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (self->generation != 0)
    {
      self->own_done = FALSE;
      g_free (self->own_cursor);
      self->own_cursor = g_strdup ("0");
      g_clear_pointer (&self->reply, freeReplyObject);
      self->batch = NULL;
    }
  self->generation = redis_link_get_generation (self->link);
  return TRUE;
}

/* take_batch: makes @entries (an array in @reply) the batch to return.
 * Returns: whether it holds any entry; takes @reply either way. */
static gboolean
take_batch (ReadRedisStream *self, redisReply *reply, redisReply *entries)
{
  g_clear_pointer (&self->reply, freeReplyObject);
  self->batch = NULL;
  if (entries == NULL || entries->type != REDIS_REPLY_ARRAY || entries->elements == 0)
    {
      freeReplyObject (reply);
      return FALSE;
    }
  self->reply = reply;
  self->batch = entries;
  self->next = 0;
  return TRUE;
}

/* xreadgroup_entries: the entries of an XREADGROUP reply
 * ([[stream, [entry, ...]]]), or NULL (a nil reply: nothing). */
static redisReply *
xreadgroup_entries (redisReply *reply)
{
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 1
      || reply->element[0]->type != REDIS_REPLY_ARRAY
      || reply->element[0]->elements < 2)
    return NULL;
  return reply->element[0]->element[1];
}

/* read_own: the entries this consumer was sent and has not acknowledged,
 * from own_cursor on; those it already returned in this run are skipped
 * when the batch is returned. */
static gboolean
read_own (ReadRedisStream *self, gboolean *got, GError **error)
{
  const char *argv[] = { "XREADGROUP", "GROUP", self->group, self->consumer,
                         "COUNT", self->count, "STREAMS", self->stream, self->own_cursor };
  redisReply *reply = redis_link_command (self->link, G_N_ELEMENTS (argv), argv, NULL, error);
  redisReply *entries;

  if (reply == NULL)
    return FALSE;
  entries = xreadgroup_entries (reply);
  *got = take_batch (self, reply, entries);
  if (!*got)
    self->own_done = TRUE;
  else
    {
      redisReply *last = self->batch->element[self->batch->elements - 1];

      g_free (self->own_cursor);
      self->own_cursor = g_strdup (last->element[0]->str);
    }
  return TRUE;
}

/* dead_letter: moves the entry @id (delivered @deliveries times, last to
 * @owner) to the dead-letter stream and acknowledges it, atomically. The
 * entry is claimed first, so that only one worker moves it. */
static gboolean
dead_letter (ReadRedisStream *self, const char *id, long long deliveries,
             const char *owner, GError **error)
{
  const char *claim[] = { "XCLAIM", self->stream, self->group, self->consumer,
                          self->min_idle, id };
  g_autoptr (redisReply) claimed = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *count = NULL;
  const char *json = "";
  redisContext *ctx;
  redisReply *entry;

  claimed = redis_link_command (self->link, G_N_ELEMENTS (claim), claim, NULL, error);
  if (claimed == NULL)
    return FALSE;
  if (claimed->type != REDIS_REPLY_ARRAY || claimed->elements == 0)
    return TRUE;  /* another worker took it first */
  entry = claimed->element[0];
  if (entry->type == REDIS_REPLY_ARRAY && entry->elements == 2
      && entry->element[1]->type == REDIS_REPLY_ARRAY)
    for (size_t i = 0; i + 1 < entry->element[1]->elements; i += 2)
      if (strcmp (entry->element[1]->element[i]->str, "json") == 0)
        json = entry->element[1]->element[i + 1]->str;
  reason = g_strdup_printf ("delivered %lld times (max-deliveries=%" G_GINT64_FORMAT
                            "), last to consumer %s, and never acknowledged",
                            deliveries, self->max_deliveries, owner);
  count = g_strdup_printf ("%lld", deliveries);
  g_warning ("read-redis-stream: stream %s entry %s: %s; moved to %s", self->stream, id, reason,
             self->dead_letter);
  ctx = redis_link_get (self->link, error);
  if (ctx == NULL)
    return FALSE;
  {
    const char *xadd[] = { "XADD", self->dead_letter, "*", "json", json, "error", reason,
                           "stream", self->stream, "id", id, "deliveries", count };
    const char *xack[] = { "XACK", self->stream, self->group, id };
    redisReply *r;

    redisAppendCommand (ctx, "MULTI");
    redisAppendCommandArgv (ctx, G_N_ELEMENTS (xadd), xadd, NULL);
    redisAppendCommandArgv (ctx, G_N_ELEMENTS (xack), xack, NULL);
    redisAppendCommand (ctx, "EXEC");
    for (int i = 0; i < 4; i++)
      {
        if (redisGetReply (ctx, (void **) &r) != REDIS_OK)
          {
            redis_link_io_error (self->link, "dead-letter", error);
            return FALSE;
          }
        if (redis_reply_error (self->link, r, "dead-letter", error))
          {
            freeReplyObject (r);
            return FALSE;
          }
        freeReplyObject (r);
      }
  }
  return TRUE;
}

/* read_claimable: entries pending with other consumers for min-idle ms:
 * those delivered max-deliveries times go to the dead-letter stream, the
 * rest are claimed for this consumer.
 *
 * XPENDING lists the oldest entries first, and this consumer's own
 * unacknowledged ones are among them once they are older than min-idle
 * (a long run between acknowledgements), so the list is read in pages of
 * PENDING_PAGE from claim_cursor on, skipping our own, until a page gives
 * something or the list ends (then the cursor goes back to the start).
 * Finding nothing costs one round trip per PENDING_PAGE idle entries. */
static gboolean
read_claimable (ReadRedisStream *self, gboolean *got, GError **error)
{
  *got = FALSE;
  for (;;)
    {
      const char *pending[] = { "XPENDING", self->stream, self->group, "IDLE",
                                self->min_idle, self->claim_cursor, "+",
                                G_STRINGIFY (PENDING_PAGE) };
      g_autoptr (redisReply) list = NULL;
      g_autoptr (GPtrArray) claim = g_ptr_array_new ();
      const guint head = 5;  /* XCLAIM stream group consumer min-idle */
      gboolean last_page;
      size_t seen;

      list = redis_link_command (self->link, G_N_ELEMENTS (pending), pending, NULL, error);
      if (list == NULL)
        return FALSE;
      if (list->type != REDIS_REPLY_ARRAY)
        return TRUE;
      g_ptr_array_add (claim, (gpointer) "XCLAIM");
      g_ptr_array_add (claim, self->stream);
      g_ptr_array_add (claim, self->group);
      g_ptr_array_add (claim, self->consumer);
      g_ptr_array_add (claim, self->min_idle);
      for (seen = 0; seen < list->elements && claim->len - head < (guint) self->count_value;
           seen++)
        {
          redisReply *p = list->element[seen];  /* [id, consumer, idle ms, deliveries] */

          if (p->type != REDIS_REPLY_ARRAY || p->elements < 4
              || strcmp (p->element[1]->str, self->consumer) == 0)
            continue;
          if (p->element[3]->integer >= self->max_deliveries)
            {
              if (!dead_letter (self, p->element[0]->str, p->element[3]->integer,
                                p->element[1]->str, error))
                return FALSE;
            }
          else
            g_ptr_array_add (claim, p->element[0]->str);
        }
      /* the next look starts after the last entry looked at */
      last_page = seen == list->elements && list->elements < PENDING_PAGE;
      g_free (self->claim_cursor);
      self->claim_cursor = last_page || seen == 0
        ? g_strdup ("-")
        : g_strconcat ("(", list->element[seen - 1]->element[0]->str, NULL);
      if (claim->len > head)
        {
          redisReply *reply = redis_link_command (self->link, (int) claim->len,
                                                  (const char **) claim->pdata, NULL, error);
          if (reply == NULL)
            return FALSE;
          /* entries another worker took first are not in the reply */
          if ((*got = take_batch (self, reply, reply)))
            return TRUE;
        }
      if (last_page)
        return TRUE;
    }
}

/* wait_readable: with follow=true, waits for the reply of a blocking read
 * ourselves: hiredis retries a read that a signal interrupts, so galley's
 * stop request (a signal that interrupts the reading thread) would wait
 * for the server, and the next blocking read after it, for ever. Signals
 * are held from before the command is sent and let in only inside
 * ppoll(), atomically, so that one arriving in between is not lost.
 * FALSE when a signal came first: the caller drops the connection (the
 * reply would be taken for the next command's), and whatever the server
 * sends on it stays pending for this consumer, claimed after min-idle. */
static gboolean
wait_readable (redisContext *ctx, const sigset_t *wait_mask)
{
  struct pollfd pfd = { .fd = ctx->fd, .events = POLLIN };
  int done = 0;

  while (!done)
    if (redisBufferWrite (ctx, &done) != REDIS_OK)
      return TRUE;  /* redisGetReply reports it */
  return ppoll (&pfd, 1, NULL, wait_mask) >= 0 || errno != EINTR;
}

/* read_new: entries never delivered to the group (">"); with follow=true,
 * waits up to block ms for them. *stopped is set when a stop request
 * interrupted the wait. */
static gboolean
read_new (ReadRedisStream *self, gboolean *got, gboolean *stopped, GError **error)
{
  const char *argv[] = { "XREADGROUP", "GROUP", self->group, self->consumer,
                         "COUNT", self->count, "BLOCK", self->block,
                         "STREAMS", self->stream, ">" };
  redisContext *ctx;
  redisReply *reply = NULL;
  sigset_t all, before;
  gboolean readable;

  *got = *stopped = FALSE;
  if (!self->follow)
    {
      /* no BLOCK: the answer is now */
      const char *now[] = { argv[0], argv[1], argv[2], argv[3], argv[4], argv[5],
                            argv[8], argv[9], argv[10] };
      reply = redis_link_command (self->link, G_N_ELEMENTS (now), now, NULL, error);
      if (reply == NULL)
        return FALSE;
      *got = take_batch (self, reply, xreadgroup_entries (reply));
      return TRUE;
    }
  ctx = redis_link_get (self->link, error);
  if (ctx == NULL)
    return FALSE;
  sigfillset (&all);
  pthread_sigmask (SIG_BLOCK, &all, &before);
  redisAppendCommandArgv (ctx, G_N_ELEMENTS (argv), argv, NULL);
  readable = wait_readable (ctx, &before);
  pthread_sigmask (SIG_SETMASK, &before, NULL);
  if (!readable)
    {
      redis_link_drop (self->link);
      *stopped = TRUE;
      return TRUE;
    }
  if (redisGetReply (ctx, (void **) &reply) != REDIS_OK)
    {
      g_autoptr (GError) lost = NULL;

      /* a server that restarted: the caller's next command reconnects
       * (or gives up after retry-for) and reads our own entries again */
      redis_link_io_error (self->link, "XREADGROUP", &lost);
      g_warning ("%s (reconnecting)", lost->message);
      return TRUE;
    }
  if (redis_reply_error (self->link, reply, "XREADGROUP", error))
    {
      freeReplyObject (reply);
      return FALSE;
    }
  *got = take_batch (self, reply, xreadgroup_entries (reply));
  return TRUE;
}

/* fill_batch: the next entries to return, from the three places in order.
 * *end is set when there are none (without follow=true). With it, *idle
 * is set when block ms passed with none (the source then reports itself
 * idle, so that the runner can checkpoint, acknowledge and ping the
 * watchdog between entries), and a signal that interrupts the wait
 * (galley's stop request) is an error saying so, which the runner takes
 * as the end of reading. */
static gboolean
fill_batch (ReadRedisStream *self, gboolean *end, gboolean *idle, GError **error)
{
  *end = *idle = FALSE;
  for (;;)
    {
      gboolean got = FALSE, stopped = FALSE;
      guint generation;

      if (!ensure_group (self, error))
        return FALSE;
      generation = redis_link_get_generation (self->link);
      if (!self->own_done && !read_own (self, &got, error))
        return FALSE;
      if (!got && self->own_done && !read_claimable (self, &got, error))
        return FALSE;
      if (!got && self->own_done && !read_new (self, &got, &stopped, error))
        return FALSE;
      /* a reconnect on the way lost replies: start again from our own */
      if (generation != redis_link_get_generation (self->link))
        continue;
      if (got)
        return TRUE;
      if (stopped)
        {
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "read-redis-stream: stream %s: interrupted while waiting "
                       "for entries", self->stream);
          return FALSE;
        }
      if (self->own_done)
        {
          *(self->follow ? idle : end) = TRUE;
          return TRUE;
        }
    }
}

/* field_value: the value of @name in an entry's [field, value, ...]. */
static const redisReply *
field_value (const redisReply *fields, const char *name)
{
  for (size_t i = 0; i + 1 < fields->elements; i += 2)
    if (fields->element[i]->type == REDIS_REPLY_STRING
        && strcmp (fields->element[i]->str, name) == 0)
      return fields->element[i + 1];
  return NULL;
}

static void
remember (ReadRedisStream *self, const char *id)
{
  char *copy = g_strdup (id);

  g_ptr_array_add (self->produced, copy);
  g_hash_table_add (self->produced_set, copy);
}

/* entry_document: the document of one entry, GALLEY_READ_SKIP with
 * @error naming the stream and entry when it holds none. */
static GalleyReadStatus
entry_document (ReadRedisStream *self, const redisReply *entry, GalleyDocument **doc,
                GError **error)
{
  const redisReply *fields = entry->element[1];
  const redisReply *json;

  g_string_printf (self->where, "stream %s entry %s", self->stream, entry->element[0]->str);
  json = field_value (fields, "json");
  if (json == NULL || json->type != REDIS_REPLY_STRING)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: the entry has no field 'json'", self->where->str);
      *doc = galley_document_new ("", "", 0);
      galley_document_set_origin (*doc, self->where->str);
      return GALLEY_READ_SKIP;
    }
  return jsonl_parser_read_object (self->parser, json->str, json->len, self->where->str,
                                   doc, error);
}

static GalleyReadStatus
read_redis_stream_read (gpointer data, GalleyDocument **doc, GError **error)
{
  ReadRedisStream *self = data;

  for (;;)
    {
      const redisReply *entry;

      if (self->batch == NULL || self->next >= self->batch->elements)
        {
          gboolean end, idle;

          if (!fill_batch (self, &end, &idle, error))
            return GALLEY_READ_ERROR;
          if (end)
            return GALLEY_READ_END;
          if (idle)
            return GALLEY_READ_IDLE;
        }
      entry = self->batch->element[self->next++];
      if (entry->type != REDIS_REPLY_ARRAY || entry->elements != 2
          || entry->element[0]->type != REDIS_REPLY_STRING)
        continue;
      /* returned already in this run, read again after a reconnect */
      if (g_hash_table_contains (self->produced_set, entry->element[0]->str))
        continue;
      remember (self, entry->element[0]->str);
      /* a deleted entry (XDEL, MAXLEN) still pending: only acknowledge it */
      if (entry->element[1]->type != REDIS_REPLY_ARRAY)
        continue;
      return entry_document (self, entry, doc, error);
    }
}

/* read_redis_stream_acknowledge: XACK every entry returned so far. */
static gboolean
read_redis_stream_acknowledge (gpointer data, GError **error)
{
  ReadRedisStream *self = data;
  guint done = 0;

  while (done < self->produced->len)
    {
      guint n = MIN (ACK_CHUNK, self->produced->len - done);
      g_autofree const char **argv = g_new (const char *, n + 3);
      redisReply *reply;

      argv[0] = "XACK";
      argv[1] = self->stream;
      argv[2] = self->group;
      for (guint i = 0; i < n; i++)
        argv[3 + i] = g_ptr_array_index (self->produced, done + i);
      reply = redis_link_command (self->link, (int) n + 3, argv, NULL, error);
      if (reply == NULL)
        return FALSE;
      freeReplyObject (reply);
      done += n;
    }
  g_hash_table_remove_all (self->produced_set);
  g_ptr_array_set_size (self->produced, 0);
  return TRUE;
}

static void
read_redis_stream_free (gpointer data)
{
  ReadRedisStream *self = data;

  g_clear_pointer (&self->reply, freeReplyObject);
  redis_link_free (self->link);
  g_hash_table_unref (self->produced_set);
  g_ptr_array_unref (self->produced);
  jsonl_parser_free (self->parser);
  g_string_free (self->where, TRUE);
  g_free (self->stream);
  g_free (self->group);
  g_free (self->consumer);
  g_free (self->start);
  g_free (self->dead_letter);
  g_free (self->own_cursor);
  g_free (self->claim_cursor);
  g_free (self);
}

const GalleyStageClass galley_read_redis_stream_stage = {
  .name = "read-redis-stream",
  .kind = GALLEY_STAGE_SOURCE,
  .description = "Read articles from a Redis stream as one consumer of a group; "
                 "entries are acknowledged once the sinks committed them",
  .params = read_redis_stream_params,
  .create = read_redis_stream_create,
  .read = read_redis_stream_read,
  .acknowledge = read_redis_stream_acknowledge,
  .free = read_redis_stream_free,
};
