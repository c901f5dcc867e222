/* fetch.h: HTTP(S) GETs of many URLs at once, for the readers.
 *
 * A FetchSession runs a batch of FetchRequests concurrently and returns
 * when every one has a result: a body (200), "unchanged" (304), or a
 * GError naming the URL and the reason. Limits, timeouts, retries and
 * politeness are FetchOptions (see fetch-params.h for their parameters).
 * A static helper library of plugins/, not SDK API: see fetch.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *user_agent;
  glong connect_timeout_ms;   /* to open the connection (and TLS) */
  glong timeout_ms;           /* the whole transfer, redirects included */
  glong max_redirects;        /* 0: a redirect is an error */
  gsize max_bytes;            /* of the body, once decoded (gzip) */
  guint retries;              /* more attempts after a 5xx or network error */
  guint retry_delay_ms;       /* the first backoff; doubled each time, jittered */
  guint per_host;             /* transfers at once to one host */
  guint host_delay_ms;        /* between two transfers started to one host */
} FetchOptions;

typedef struct {
  char *url;                  /* as given */
  char *if_none_match;        /* sent as If-None-Match, or NULL */
  char *if_modified_since;    /* sent as If-Modified-Since, or NULL */

  /* results */
  long status;                /* 200..299, or 304; 0 with @error set */
  GBytes *body;               /* NULL for a 304 or an error */
  char *etag;                 /* the response's validators, or NULL */
  char *last_modified;
  guint attempts;
  GError *error;              /* "URL: REASON" (GALLEY_STAGE_ERROR) */

  /*< private >*/
  char *host;
  gint64 not_before;          /* monotonic time of the next attempt */
} FetchRequest;

typedef struct _FetchSession FetchSession;

/* fetch_request_new: a request for @url. Returns: (transfer full). */
FetchRequest *fetch_request_new (const char *url) G_GNUC_WARN_UNUSED_RESULT;
void fetch_request_free (FetchRequest *request);

/* fetch_session_new: a session with @options (copied). Returns: (transfer
 * full), or NULL with GALLEY_STAGE_ERROR_FAILED if libcurl cannot start. */
FetchSession *fetch_session_new (const FetchOptions *options,
                                 GError **error) G_GNUC_WARN_UNUSED_RESULT;
void fetch_session_free (FetchSession *session);

/* fetch_session_run: fetches the @n requests of @requests concurrently
 * and fills in their results. Each fails on its own (its @error); the
 * others go on. Blocks until all are done. */
void fetch_session_run (FetchSession *session, FetchRequest **requests, guint n);

/* fetch_is_url: whether @s starts with http:// or https://. */
gboolean fetch_is_url (const char *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchRequest, fetch_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchSession, fetch_session_free)

G_END_DECLS
