/* export-redis-stream.c: the export-redis-stream sink: XADD of each
 * document, as the JSON line export-jsonl writes, in the field "json".
 *
 * Commands are pipelined: write() appends an XADD to the connection's
 * buffer and keeps the line; every BATCH documents, and at commit, the
 * buffer goes out and the replies are read. The lines of a batch are
 * kept until their replies came back, so that a connection lost on the
 * way is made again and the whole batch sent once more: an entry may then
 * be added twice (at least once, as a consumer group delivers), never
 * lost. What was sent before a run aborts stays in the stream: Redis has
 * no transaction that a consumer could not already see, so readers
 * downstream key on the document id (export-sqlite, unique=true of
 * export-jsonl) when exactly once matters.
 *
 * A batch of BATCH documents costs one round trip instead of BATCH: the
 * per-document cost is then the server's, not the network's.
 */
#include "config.h"

#include <string.h>

#include "export-redis-stream.h"
#include "jsonl-format.h"
#include "redis-connect.h"

#define BATCH 256

typedef struct {
  RedisLink *link;
  char *stream;
  char *what;           /* "XADD to stream NAME", for messages */
  char maxlen[24];      /* "" for none */
  JsonlFormat format;
  GString *line;        /* reused for every document */
  GPtrArray *in_flight; /* lines sent or buffered, whose replies are unread */
  guint generation;     /* of the connection they went to */
} ExportRedisStream;

static const GalleyParamSpec export_redis_stream_params[] = {
  { "url", GALLEY_PARAM_STRING, "redis://127.0.0.1:6379", 0, 0, NULL,
    "the server: redis://HOST[:PORT][/DB] or unix:///PATH[?db=DB]", 0 },
  { "password-env", GALLEY_PARAM_STRING, "REDIS_PASSWORD", 0, 0, NULL,
    "environment variable holding the password (unset or empty: no AUTH)", 0 },
  { "stream", GALLEY_PARAM_STRING, NULL, 0, 0, NULL,
    "the stream to add entries to", GALLEY_PARAM_REQUIRED },
  { "maxlen", GALLEY_PARAM_INT, "0", 0, (double) G_MAXINT64, NULL,
    "trim the stream to about this many entries (MAXLEN ~); 0: never trim", 0 },
  JSONL_FORMAT_PARAMS,
  { "retry-for", GALLEY_PARAM_DOUBLE, "60", 0, 86400, NULL,
    "seconds to keep reconnecting to a server that went away", 0 },
  { NULL }
};

static gpointer
export_redis_stream_create (const GalleyParams *params, GError **error)
{
  gint64 maxlen = galley_params_get_int (params, "maxlen");
  RedisLink *link;
  ExportRedisStream *self;

  link = redis_link_new ("export-redis-stream", galley_params_get_string (params, "url"),
                         galley_params_get_string (params, "password-env"),
                         galley_params_get_double (params, "retry-for"), error);
  if (link == NULL)
    return NULL;
  self = g_new0 (ExportRedisStream, 1);
  self->link = link;
  self->stream = g_strdup (galley_params_get_string (params, "stream"));
  self->what = g_strdup_printf ("XADD to stream %s", self->stream);
  if (maxlen > 0)
    g_snprintf (self->maxlen, sizeof self->maxlen, "%" G_GINT64_FORMAT, maxlen);
  jsonl_format_init (&self->format, params);
  self->line = g_string_sized_new (4096);
  self->in_flight = g_ptr_array_new_with_free_func (g_free);
  return self;
}

/* append_xadd: buffers the XADD of @line (NUL-terminated) on @ctx. */
static void
append_xadd (ExportRedisStream *self, redisContext *ctx, const char *line)
{
  const char *argv[8];
  int argc = 0;

  argv[argc++] = "XADD";
  argv[argc++] = self->stream;
  if (self->maxlen[0])
    {
      argv[argc++] = "MAXLEN";
      argv[argc++] = "~";
      argv[argc++] = self->maxlen;
    }
  argv[argc++] = "*";
  argv[argc++] = "json";
  argv[argc++] = line;
  redisAppendCommandArgv (ctx, argc, argv, NULL);
}

/* resend: after a reconnect, the batch whose replies were lost goes again. */
static redisContext *
resend (ExportRedisStream *self, GError **error)
{
  redisContext *ctx = redis_link_get (self->link, error);

  if (ctx == NULL)
    return NULL;
  if (self->generation != redis_link_get_generation (self->link))
    {
      for (guint i = 0; i < self->in_flight->len; i++)
        append_xadd (self, ctx, g_ptr_array_index (self->in_flight, i));
      self->generation = redis_link_get_generation (self->link);
    }
  return ctx;
}

/* flush: sends what is buffered and reads every reply. A lost connection
 * is made again and the batch sent again, until retry-for runs out. */
static gboolean
flush (ExportRedisStream *self, GError **error)
{
  for (;;)
    {
      redisContext *ctx = resend (self, error);
      g_autoptr (GError) io = NULL;
      guint read = 0;

      if (ctx == NULL)
        return FALSE;
      for (; read < self->in_flight->len; read++)
        {
          redisReply *reply = NULL;

          if (redisGetReply (ctx, (void **) &reply) != REDIS_OK)
            {
              redis_link_io_error (self->link, "XADD", &io);
              break;
            }
          if (redis_reply_error (self->link, reply, self->what, &io))
            {
              freeReplyObject (reply);
              /* The server refuses the stream itself (WRONGTYPE, OOM,
               * READONLY: XADD with an id of '*' has no error of its
               * entry's own), and the rest of the replies are unread.
               * The sink has failed: GALLEY_STAGE_ERROR_IO stops the run
               * (a rejection of this document let a later commit, with
               * nothing left to send, count the batch as written). */
              io->code = GALLEY_STAGE_ERROR_IO;
              redis_link_drop (self->link);
              g_ptr_array_set_size (self->in_flight, 0);
              g_propagate_error (error, g_steal_pointer (&io));
              return FALSE;
            }
          freeReplyObject (reply);
        }
      if (io == NULL)
        {
          g_ptr_array_set_size (self->in_flight, 0);
          return TRUE;
        }
      g_debug ("%s (sending %u entries again)", io->message, self->in_flight->len - read);
      /* the entries whose replies came are in the stream */
      g_ptr_array_remove_range (self->in_flight, 0, read);
    }
}

static gboolean
export_redis_stream_write (gpointer data, GalleyDocument *doc, GError **error)
{
  ExportRedisStream *self = data;
  redisContext *ctx = resend (self, error);

  if (ctx == NULL)
    return FALSE;
  g_string_truncate (self->line, 0);
  jsonl_format_document (self->line, doc, &self->format);
  /* the field holds the object, not the line's newline */
  if (self->line->len > 0 && self->line->str[self->line->len - 1] == '\n')
    g_string_truncate (self->line, self->line->len - 1);
  append_xadd (self, ctx, self->line->str);
  g_ptr_array_add (self->in_flight, g_strndup (self->line->str, self->line->len));
  if (self->in_flight->len >= BATCH)
    return flush (self, error);
  return TRUE;
}

static gboolean
export_redis_stream_commit (gpointer data, GError **error)
{
  ExportRedisStream *self = data;

  if (self->in_flight->len == 0)
    return TRUE;
  return flush (self, error);
}

static void
export_redis_stream_discard (gpointer data)
{
  ExportRedisStream *self = data;

  /* what is only buffered is not sent; what was sent stays (see above) */
  if (self->in_flight->len > 0)
    redis_link_drop (self->link);
  g_ptr_array_set_size (self->in_flight, 0);
}

static void
export_redis_stream_free (gpointer data)
{
  ExportRedisStream *self = data;

  redis_link_free (self->link);
  g_ptr_array_unref (self->in_flight);
  jsonl_format_clear (&self->format);
  g_string_free (self->line, TRUE);
  g_free (self->stream);
  g_free (self->what);
  g_free (self);
}

const GalleyStageClass galley_export_redis_stream_stage = {
  .name = "export-redis-stream",
  .kind = GALLEY_STAGE_SINK,
  .description = "Add each document to a Redis stream, as export-jsonl's JSON line "
                 "in the field json",
  .params = export_redis_stream_params,
  .create = export_redis_stream_create,
  .write = export_redis_stream_write,
  .commit = export_redis_stream_commit,
  .discard = export_redis_stream_discard,
  .free = export_redis_stream_free,
};
