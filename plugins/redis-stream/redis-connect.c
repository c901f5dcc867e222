/* redis-connect.c: url= parsing, login, and reconnection for the stream
 * stages.
 *
 * Reconnection: a worker must ride out a Redis restart or failover, and a
 * hundred workers must not hammer a server that is starting. Each attempt
 * waits twice as long as the one before (50 ms doubling up to 5 s), times
 * a random factor in [0.5, 1.5) so that workers cut off together do not
 * come back together; after retry_for seconds the stage gives up with the
 * last error. Nothing is lost meanwhile: entries not yet acknowledged stay
 * pending in the group, and the exporter sends its unconfirmed entries
 * again (see export-redis-stream.c).
 */
#define _GNU_SOURCE  /* ppoll */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "redis-connect.h"

#define BACKOFF_FIRST_US (50 * 1000)
#define BACKOFF_MAX_US (5 * G_USEC_PER_SEC)
/* a command that takes longer than this means the server is gone */
#define COMMAND_TIMEOUT_S 60

struct _RedisLink {
  char *stage;
  char *url;           /* as given */
  char *host;          /* NULL for a Unix socket */
  int port;
  char *socket_path;   /* NULL for TCP */
  int db;
  char *password_env;
  double retry_for;
  redisContext *ctx;   /* NULL until the first use and after an I/O error */
  guint generation;    /* connections made so far */
};

static gboolean
bad_url (const char *stage, const char *url, const char *why, GError **error)
{
  g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
               "%s: parameter 'url': '%s' %s (redis://HOST[:PORT][/DB] or "
               "unix:///PATH[?db=DB])", stage, url, why);
  return FALSE;
}

static gboolean
parse_number (const char *text, int max, int *out)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || value > max)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
parse_tcp (RedisLink *link, const char *rest, GError **error)
{
  g_autofree char *hostport = NULL;
  const char *slash = strchr (rest, '/');
  char *colon;

  hostport = slash ? g_strndup (rest, slash - rest) : g_strdup (rest);
  if (slash && slash[1] != '\0' && !parse_number (slash + 1, 65535, &link->db))
    return bad_url (link->stage, link->url, "has a bad database number", error);
  if (strchr (hostport, '@'))
    return bad_url (link->stage, link->url,
                    "holds a password: give it in the environment variable "
                    "that password-env names", error);
  colon = strrchr (hostport, ':');
  if (colon)
    {
      *colon = '\0';
      if (!parse_number (colon + 1, 65535, &link->port) || link->port == 0)
        return bad_url (link->stage, link->url, "has a bad port", error);
    }
  if (*hostport == '\0')
    return bad_url (link->stage, link->url, "names no host", error);
  link->host = g_steal_pointer (&hostport);
  return TRUE;
}

static gboolean
parse_unix (RedisLink *link, const char *rest, GError **error)
{
  const char *query = strchr (rest, '?');

  if (*rest != '/')
    return bad_url (link->stage, link->url, "names no absolute socket path", error);
  link->socket_path = query ? g_strndup (rest, query - rest) : g_strdup (rest);
  if (query && !(g_str_has_prefix (query, "?db=")
                 && parse_number (query + 4, 65535, &link->db)))
    return bad_url (link->stage, link->url, "has a bad query (only ?db=N)", error);
  return TRUE;
}

RedisLink *
redis_link_new (const char *stage, const char *url, const char *password_env,
                double retry_for, GError **error)
{
  g_autoptr (RedisLink) link = g_new0 (RedisLink, 1);

  link->stage = g_strdup (stage);
  link->url = g_strdup (url);
  link->port = 6379;
  link->password_env = g_strdup (password_env);
  link->retry_for = retry_for;
  if (g_str_has_prefix (url, "redis://"))
    {
      if (!parse_tcp (link, url + strlen ("redis://"), error))
        return NULL;
    }
  else if (g_str_has_prefix (url, "unix://"))
    {
      if (!parse_unix (link, url + strlen ("unix://"), error))
        return NULL;
    }
  else
    {
      bad_url (stage, url, "is not a Redis url", error);
      return NULL;
    }
  return g_steal_pointer (&link);
}

void
redis_link_free (RedisLink *link)
{
  if (link == NULL)
    return;
  if (link->ctx)
    redisFree (link->ctx);
  g_free (link->stage);
  g_free (link->url);
  g_free (link->host);
  g_free (link->socket_path);
  g_free (link->password_env);
  g_free (link);
}

const char *
redis_link_describe (const RedisLink *link)
{
  return link->url;
}

void
redis_link_io_error (RedisLink *link, const char *what, GError **error)
{
  const char *why = link->ctx && link->ctx->errstr[0] ? link->ctx->errstr
                                                      : "connection lost";

  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
               "%s: %s: %s: %s", link->stage, link->url, what, why);
  redis_link_drop (link);
}

void
redis_link_drop (RedisLink *link)
{
  g_clear_pointer (&link->ctx, redisFree);
}

gboolean
redis_reply_error (RedisLink *link, const redisReply *reply, const char *what,
                   GError **error)
{
  if (reply->type != REDIS_REPLY_ERROR)
    return FALSE;
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_FAILED,
               "%s: %s: %s", link->stage, what, reply->str);
  return TRUE;
}

/* login: AUTH with the password from the environment, then SELECT.
 * *@refused is set when the server said no (rather than going away):
 * asking again would not change its mind. */
static gboolean
login (RedisLink *link, gboolean *refused, GError **error)
{
  const char *password = link->password_env && *link->password_env
                         ? g_getenv (link->password_env) : NULL;
  g_autoptr (redisReply) reply = NULL;

  if (password && *password)
    {
      reply = redisCommand (link->ctx, "AUTH %s", password);
      if (reply == NULL)
        {
          redis_link_io_error (link, "AUTH", error);
          return FALSE;
        }
      if (reply->type == REDIS_REPLY_ERROR)
        {
          *refused = TRUE;
          /* the server's message, never the password */
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "%s: %s: login with the password of $%s refused: %s",
                       link->stage, link->url, link->password_env, reply->str);
          return FALSE;
        }
      g_clear_pointer (&reply, freeReplyObject);
    }
  if (link->db != 0)
    {
      reply = redisCommand (link->ctx, "SELECT %d", link->db);
      if (reply == NULL)
        {
          redis_link_io_error (link, "SELECT", error);
          return FALSE;
        }
      if (reply->type == REDIS_REPLY_ERROR)
        {
          *refused = TRUE;
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "%s: %s: SELECT %d: %s", link->stage, link->url, link->db,
                       reply->str);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
connect_once (RedisLink *link, gboolean *refused, GError **error)
{
  struct timeval timeout = { 5, 0 };
  struct timeval command_timeout = { COMMAND_TIMEOUT_S, 0 };

  link->ctx = link->socket_path
              ? redisConnectUnixWithTimeout (link->socket_path, timeout)
              : redisConnectWithTimeout (link->host, link->port, timeout);
  if (link->ctx == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: %s: out of memory", link->stage, link->url);
      return FALSE;
    }
  if (link->ctx->err)
    {
      redis_link_io_error (link, "cannot connect", error);
      return FALSE;
    }
  redisSetTimeout (link->ctx, command_timeout);
  if (link->socket_path == NULL)
    redisEnableKeepAlive (link->ctx);
  if (!login (link, refused, error))
    {
      if (link->ctx)
        {
          redisFree (link->ctx);
          link->ctx = NULL;
        }
      return FALSE;
    }
  return TRUE;
}

guint
redis_link_get_generation (const RedisLink *link)
{
  return link->generation;
}

/* The longest slice of a backoff between two looks at
 * galley_run_is_stopping(). */
#define STOP_CHECK_US (100 * 1000)

/* backoff_sleep: sleeps @us microseconds, or less when a signal comes or
 * the run is asked to stop. Galley's stop request is a signal to the
 * reading thread, which g_usleep() would sleep through (it resumes after
 * EINTR), so that a stopped run waited out retry-for. The signals that
 * @held blocks are let in only inside ppoll(), atomically: one that came
 * while connecting is pending, and ends the sleep at once. A sink that
 * runs beside workers gets no signal: it looks at
 * galley_run_is_stopping() every STOP_CHECK_US. FALSE when a signal came
 * or the run is stopping. */
static gboolean
backoff_sleep (gint64 us, const sigset_t *held)
{
  while (us > 0 && !galley_run_is_stopping ())
    {
      gint64 slice = MIN (us, STOP_CHECK_US);
      struct timespec ts = { slice / G_USEC_PER_SEC, (slice % G_USEC_PER_SEC) * 1000 };

      if (ppoll (NULL, 0, &ts, held) != 0 && errno == EINTR)
        return FALSE;
      us -= slice;
    }
  return !galley_run_is_stopping ();
}

/* hold_signals: blocks the asynchronous signals (not those a fault
 * raises, which must reach galley's crash handler), keeping the mask
 * before in @before */
static void
hold_signals (sigset_t *before)
{
  static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS };
  sigset_t hold;

  sigfillset (&hold);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    sigdelset (&hold, faults[i]);
  pthread_sigmask (SIG_BLOCK, &hold, before);
}

redisContext *
redis_link_get (RedisLink *link, GError **error)
{
  gint64 give_up = g_get_monotonic_time () + (gint64) (link->retry_for * G_USEC_PER_SEC);
  gint64 wait = BACKOFF_FIRST_US;
  gboolean warned = FALSE;
  sigset_t before;

  if (link->ctx && link->ctx->err)
    g_clear_pointer (&link->ctx, redisFree);
  if (link->ctx != NULL)
    return link->ctx;
  hold_signals (&before);
  while (link->ctx == NULL)
    {
      g_autoptr (GError) local = NULL;
      gboolean refused = FALSE;
      gint64 now;

      if (connect_once (link, &refused, &local))
        {
          link->generation++;
          break;
        }
      now = g_get_monotonic_time ();
      if (now >= give_up || refused)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          break;
        }
      /* said once an outage: a run from cron is quiet unless something
       * fails, and a server that is down is something failing */
      if (!warned)
        g_warning ("%s (retrying for up to %g s)", local->message, link->retry_for);
      warned = TRUE;
      if (!backoff_sleep (MIN (wait * g_random_double_range (0.5, 1.5), give_up - now),
                          &before))
        {
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "%s: %s: interrupted while reconnecting", link->stage, link->url);
          break;
        }
      wait = MIN (wait * 2, BACKOFF_MAX_US);
    }
  pthread_sigmask (SIG_SETMASK, &before, NULL);
  return link->ctx;
}

redisReply *
redis_link_command (RedisLink *link, int argc, const char **argv,
                    const size_t *lens, GError **error)
{
  for (int attempt = 0;; attempt++)
    {
      redisContext *ctx = redis_link_get (link, error);
      redisReply *reply;

      if (ctx == NULL)
        return NULL;
      reply = redisCommandArgv (ctx, argc, argv, lens);
      if (reply == NULL)
        {
          g_autoptr (GError) local = NULL;

          redis_link_io_error (link, argv[0], &local);
          if (attempt == 0)
            continue;
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (redis_reply_error (link, reply, argv[0], error))
        {
          freeReplyObject (reply);
          return NULL;
        }
      return reply;
    }
}
