/* fetch-params.c: FetchOptions from a stage's parameters. */
#include "config.h"

#include <string.h>

#include "fetch-params.h"
#include "fetch-urls.h"

void
fetch_options_from_params (const GalleyParams *p, gsize max_bytes, FetchOptions *o)
{
  o->user_agent = galley_params_get_string (p, "user-agent");
  o->connect_timeout_ms = (glong) galley_params_get_int (p, "connect-timeout");
  o->timeout_ms = (glong) galley_params_get_int (p, "timeout");
  o->max_redirects = (glong) galley_params_get_int (p, "max-redirects");
  o->max_bytes = max_bytes;
  o->retries = (guint) galley_params_get_int (p, "retries");
  o->retry_delay_ms = (guint) galley_params_get_int (p, "retry-delay");
  o->per_host = (guint) galley_params_get_int (p, "per-host");
  o->host_delay_ms = (guint) galley_params_get_int (p, "host-delay");
}

gboolean
fetch_input_init (FetchInput *in, const GalleyParams *p, gsize max_bytes, GError **error)
{
  FetchOptions options;

  memset (in, 0, sizeof *in);
  if (!galley_params_is_set (p, "path") && !galley_params_is_set (p, "url")
      && !galley_params_is_set (p, "urls"))
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_MISSING,
                   "one of the parameters 'path', 'url' or 'urls' is required");
      return FALSE;
    }
  in->url_list = g_strdupv ((char **) galley_params_get_string_list (p, "url"));
  in->urls_file = g_strdup (galley_params_get_path (p, "urls"));
  in->cache_path = g_strdup (galley_params_get_path (p, "cache"));
  fetch_options_from_params (p, max_bytes, &options);
  in->session = fetch_session_new (&options, error);
  return in->session != NULL;
}

void
fetch_input_clear (FetchInput *in)
{
  g_clear_pointer (&in->url_list, g_strfreev);
  g_clear_pointer (&in->urls_file, g_free);
  g_clear_pointer (&in->cache_path, g_free);
  g_clear_pointer (&in->queue, fetch_queue_free);
  g_clear_pointer (&in->session, fetch_session_free);
  g_clear_pointer (&in->cache, fetch_cache_free);
}

gboolean
fetch_input_has_urls (const FetchInput *in)
{
  return in->url_list != NULL || in->urls_file != NULL;
}

FetchRequest *
fetch_input_next (FetchInput *in, gboolean opml, GError **error)
{
  FetchRequest *r;

  if (in->queue == NULL)
    {
      g_auto (GStrv) urls = fetch_urls_collect ((const char *const *) in->url_list,
                                                in->urls_file, opml, error);
      if (urls == NULL)
        return NULL;
      if (in->cache_path && in->cache == NULL)
        {
          in->cache = fetch_cache_open (in->cache_path, error);
          if (in->cache == NULL)
            return NULL;
        }
      in->queue = fetch_queue_new (in->session, (const char *const *) urls, in->cache);
    }
  while ((r = fetch_queue_next (in->queue)) && r->status == 304)
    ;
  return r;
}

void
fetch_input_rewind (FetchInput *in)
{
  g_clear_pointer (&in->queue, fetch_queue_free);
}

GalleyReadStatus
fetch_input_read (FetchInput *in, gboolean opml, FetchRequest **request, GError **error)
{
  GError *local = NULL;
  FetchRequest *r = fetch_input_next (in, opml, &local);

  *request = r;
  if (local)
    {
      g_propagate_error (error, local);
      return GALLEY_READ_ERROR;
    }
  if (r == NULL)
    return GALLEY_READ_END;
  if (r->error)
    {
      g_propagate_error (error, g_steal_pointer (&r->error));
      return GALLEY_READ_SKIP;
    }
  return GALLEY_READ_OK;
}

gboolean
fetch_input_acknowledge (FetchInput *in, GError **error)
{
  return in->cache == NULL || fetch_cache_commit (in->cache, error);
}
