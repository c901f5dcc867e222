/* fetch-queue.c: URLs fetched in batches of BATCH.
 *
 * A batch bounds memory (at most BATCH bodies of max-bytes are held)
 * while keeping enough transfers in flight to hide network latency: with
 * per-host=2, 32 URLs spread over a few hosts keep every host busy. */
#include "config.h"

#include "fetch-queue.h"

#define BATCH 32

struct _FetchQueue {
  FetchSession *session;
  FetchCache *cache;
  char **urls;
  guint next_url;
  GPtrArray *batch;    /* FetchRequest * */
  guint next_result;
};

FetchQueue *
fetch_queue_new (FetchSession *session, const char *const *urls, FetchCache *cache)
{
  FetchQueue *queue = g_new0 (FetchQueue, 1);

  queue->session = session;
  queue->cache = cache;
  queue->urls = g_strdupv ((char **) urls);
  queue->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) fetch_request_free);
  return queue;
}

void
fetch_queue_free (FetchQueue *queue)
{
  if (queue == NULL)
    return;
  g_strfreev (queue->urls);
  g_ptr_array_unref (queue->batch);
  g_free (queue);
}

FetchRequest *
fetch_queue_next (FetchQueue *queue)
{
  if (queue->next_result >= queue->batch->len)
    {
      g_ptr_array_set_size (queue->batch, 0);
      queue->next_result = 0;
      while (queue->urls[queue->next_url] && queue->batch->len < BATCH)
        {
          FetchRequest *r = fetch_request_new (queue->urls[queue->next_url++]);
          if (queue->cache)
            fetch_cache_get_validators (queue->cache, r->url, &r->if_none_match,
                                        &r->if_modified_since);
          g_ptr_array_add (queue->batch, r);
        }
      if (queue->batch->len == 0)
        return NULL;
      fetch_session_run (queue->session, (FetchRequest **) queue->batch->pdata,
                         queue->batch->len);
    }
  return g_ptr_array_index (queue->batch, queue->next_result++);
}

GPtrArray *
fetch_get_many (FetchSession *session, const char *const *urls)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) fetch_request_free);

  for (guint i = 0; urls[i]; i++)
    g_ptr_array_add (out, fetch_request_new (urls[i]));
  fetch_session_run (session, (FetchRequest **) out->pdata, out->len);
  return out;
}
