/* fetch-params.h: the HTTP parameters both readers take, in one place. */
#pragma once

#include <galley/galley.h>

#include "fetch.h"
#include "fetch-cache.h"
#include "fetch-queue.h"

G_BEGIN_DECLS

#define FETCH_DEFAULT_USER_AGENT "galley/" VERSION

/* FETCH_PARAM_SPECS: entries for a stage's parameter table (before its
 * NULL entry). The body limit is the stage's own max-bytes. */
#define FETCH_PARAM_SPECS \
  { "user-agent", GALLEY_PARAM_STRING, FETCH_DEFAULT_USER_AGENT, 0, 0, NULL, \
    "User-Agent header sent with every request", 0 }, \
  { "connect-timeout", GALLEY_PARAM_INT, "10000", 1, 600000, NULL, \
    "Milliseconds allowed to connect to a host (TLS included)", 0 }, \
  { "timeout", GALLEY_PARAM_INT, "30000", 1, 3600000, NULL, \
    "Milliseconds allowed for a whole transfer, redirects included", 0 }, \
  { "max-redirects", GALLEY_PARAM_INT, "5", 0, 50, NULL, \
    "Redirects followed before a URL is rejected; 0: none", 0 }, \
  { "retries", GALLEY_PARAM_INT, "2", 0, 10, NULL, \
    "More attempts after a 5xx, a 429 or a network error", 0 }, \
  { "retry-delay", GALLEY_PARAM_INT, "1000", 0, 600000, NULL, \
    "Milliseconds before the first retry; doubled each time, with random jitter", 0 }, \
  { "per-host", GALLEY_PARAM_INT, "2", 1, 64, NULL, \
    "Transfers at once to one host", 0 }, \
  { "host-delay", GALLEY_PARAM_INT, "0", 0, 600000, NULL, \
    "Milliseconds between two requests started to one host", 0 }

/* fetch_options_from_params: the options named by FETCH_PARAM_SPECS in
 * @params, with @max_bytes; strings are owned by @params. */
void fetch_options_from_params (const GalleyParams *params, gsize max_bytes,
                                FetchOptions *options);

G_END_DECLS

G_BEGIN_DECLS

/* FetchInput: the URL side of a reader: url=, urls=, cache= and the
 * session, queue and cache built from them. */
typedef struct {
  char **url_list;     /* url=, or NULL */
  char *urls_file;     /* urls=, or NULL */
  char *cache_path;    /* cache=, or NULL */
  FetchSession *session;
  FetchQueue *queue;   /* NULL until fetch_input_next() */
  FetchCache *cache;   /* opened with the queue */
} FetchInput;

/* fetch_input_init: from @params (a table with path, url, urls, cache
 * and FETCH_PARAM_SPECS). Errors: GALLEY_PIPELINE_ERROR_MISSING "one of
 * the parameters 'path', 'url' or 'urls' is required". */
gboolean fetch_input_init (FetchInput *in, const GalleyParams *params, gsize max_bytes,
                           GError **error);
void fetch_input_clear (FetchInput *in);

/* fetch_input_has_urls: whether url= or urls= was given. */
gboolean fetch_input_has_urls (const FetchInput *in);

/* fetch_input_next: the next URL's result that is not a 304, collecting
 * the URLs (@opml: urls= may be OPML) and opening the cache at the first
 * call. Returns: (transfer none) the request; NULL at the end, or on an
 * error (@error set: a bad urls= file or cache). */
FetchRequest *fetch_input_next (FetchInput *in, gboolean opml, GError **error);

/* fetch_input_read: fetch_input_next() as a reader's read sees it, in
 * *@request (transfer none): GALLEY_READ_OK, a body to read;
 * GALLEY_READ_END; GALLEY_READ_SKIP, this URL failed (@error set with the
 * URL and the reason: the reader rejects it with a stub of r->url and
 * goes on); GALLEY_READ_ERROR, a bad urls= file or cache (@error set). */
GalleyReadStatus fetch_input_read (FetchInput *in, gboolean opml, FetchRequest **request,
                                   GError **error);

/* fetch_input_acknowledge: commits the cache (if any). */
gboolean fetch_input_acknowledge (FetchInput *in, GError **error);

/* fetch_input_rewind: the next fetch_input_next() starts a new pass over
 * the URLs (urls= read again), fetched anew; the cache stays open, so
 * unchanged feeds cost a 304 (read-feed with follow=true). Call it only
 * when no request of the last pass is in use. */
void fetch_input_rewind (FetchInput *in);

G_END_DECLS
