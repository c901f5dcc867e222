/* fetch-queue.h: a reader's URLs, fetched a batch at a time, handed out
 * one result at a time, in the order given. */
#pragma once

#include "fetch.h"
#include "fetch-cache.h"

G_BEGIN_DECLS

typedef struct _FetchQueue FetchQueue;

/* fetch_queue_new: a queue over @urls (NULL-terminated, copied). With
 * @cache (borrowed, may be NULL), each request carries the validators
 * stored for its URL (a conditional GET). */
FetchQueue *fetch_queue_new (FetchSession *session, const char *const *urls,
                             FetchCache *cache) G_GNUC_WARN_UNUSED_RESULT;
void fetch_queue_free (FetchQueue *queue);

/* fetch_queue_next: the next URL's result, fetching the next batch when
 * needed. Returns: (transfer none) valid until the next call, or NULL
 * when every URL has been handed out. */
FetchRequest *fetch_queue_next (FetchQueue *queue);

/* fetch_get_many: fetches @urls (NULL-terminated) at once, without
 * validators. Returns: (transfer full) a GPtrArray of FetchRequest * in
 * the same order. */
GPtrArray *fetch_get_many (FetchSession *session, const char *const *urls) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchQueue, fetch_queue_free)

G_END_DECLS
