/* redis-connect.h: where a Redis server is (url=), and a connection to it
 * that comes back after the server restarts, for the stream stages. */
#pragma once

#include <galley/galley.h>
#include <hiredis/hiredis.h>

G_BEGIN_DECLS

typedef struct _RedisLink RedisLink;

/* redis_link_new: a link to the server of @url, "redis://HOST[:PORT][/DB]"
 * or "unix:///PATH[?db=DB]", logging in with the password held by the
 * environment variable @password_env (unset or empty: no AUTH; the
 * password never appears in a pipeline file). Nothing is connected yet.
 * Reconnecting gives up after @retry_for seconds. @stage names the stage
 * in messages. Errors: GALLEY_PIPELINE_ERROR_BAD_VALUE naming url=.
 * Returns: (transfer full) the link, or NULL. */
RedisLink *redis_link_new (const char *stage, const char *url,
                           const char *password_env, double retry_for,
                           GError **error) G_GNUC_WARN_UNUSED_RESULT;
void redis_link_free (RedisLink *link);

/* redis_link_get: the connection, made (or made again, after an I/O
 * error) when needed, retrying with a jittered exponential backoff for
 * up to retry_for seconds. Errors: GALLEY_STAGE_ERROR_IO naming the url.
 * Returns: (transfer none). */
redisContext *redis_link_get (RedisLink *link, GError **error);

/* redis_link_get_generation: how many connections have been made. When it
 * changes between two calls, whatever the server sent on the old
 * connection and the caller did not read is lost. */
guint redis_link_get_generation (const RedisLink *link);

/* redis_link_command: sends @argc arguments (@argv, @lens) and returns the
 * reply. A lost connection is made again and the command sent once more,
 * so use it for commands that may run twice (reads, XACK, XCLAIM). An
 * error reply is GALLEY_STAGE_ERROR_FAILED "STAGE: NAME: message" with
 * NAME the command (argv[0]). Returns: (transfer full) the reply, or NULL. */
redisReply *redis_link_command (RedisLink *link, int argc, const char **argv,
                                const size_t *lens, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* redis_link_io_error: sets @error from the connection's error, naming
 * the url and @what (the command or step), and marks the connection for
 * a reconnect. */
void redis_link_io_error (RedisLink *link, const char *what, GError **error);

/* redis_link_drop: closes the connection (the next use makes a new one):
 * for a caller that will not read a reply it asked for. */
void redis_link_drop (RedisLink *link);

/* redis_reply_error: whether @reply is an error reply; if so, sets @error
 * (GALLEY_STAGE_ERROR_FAILED) to "STAGE: WHAT: the server's message". */
gboolean redis_reply_error (RedisLink *link, const redisReply *reply,
                            const char *what, GError **error);

/* redis_link_describe: "redis://HOST:PORT/DB", for messages. */
const char *redis_link_describe (const RedisLink *link);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedisLink, redis_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (redisReply, freeReplyObject)

G_END_DECLS
