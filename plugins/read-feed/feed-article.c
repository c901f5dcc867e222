/* feed-article.c: fetch-articles=true: an item's text from its page.
 *
 * The extraction is read-html's own (html-page.c, html-extract.c,
 * compiled into this plugin from plugins/read-html): a page fetched here
 * gives the text read-html would give for it. */
#include "config.h"

#include <galley/galley.h>

#include "feed-article.h"
#include "../read-html/html-extract.h"
#include "../read-html/html-page.h"

GHashTable *
feed_article_fetch_all (FetchSession *session, FeedFile *feed, GHashTable *listed_before)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) fetch_request_free);
  g_autoptr (GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) got = NULL;

  /* The items are extracted once more by item_document(): their HTML is
   * small next to the pages, and it keeps the default path unchanged. */
  for (guint i = 0; i < feed->items->len; i++)
    {
      g_autoptr (FeedItem) item = feed_item_extract (feed, i);
      if (item->link == NULL || !fetch_is_url (item->link)
          || (listed_before && item->id && g_hash_table_contains (listed_before, item->id))
          || g_hash_table_contains (wanted, item->link))
        continue;
      g_ptr_array_add (links, g_strdup (item->link));
      g_hash_table_add (wanted, g_ptr_array_index (links, links->len - 1));
    }
  g_ptr_array_add (links, NULL);
  got = fetch_get_many (session, (const char *const *) links->pdata);
  g_ptr_array_set_free_func (got, NULL);
  for (guint i = 0; i < got->len; i++)
    {
      FetchRequest *r = g_ptr_array_index (got, i);
      g_hash_table_insert (out, r->url, r);
    }
  return out;
}

char *
feed_article_text (FetchRequest *r, const char *title, GError **error)
{
  gsize len = 0;
  const char *data;
  xmlDoc *html;
  char *text;
  guint n_replaced = 0;

  if (r->error)
    {
      g_propagate_error (error, g_error_copy (r->error));
      return NULL;
    }
  data = g_bytes_get_data (r->body, &len);
  html = html_page_parse (r->url, data ? data : "", len, &n_replaced, error);
  if (html == NULL)
    return NULL;
  text = xmlDocGetRootElement (html) ? html_extract_article (html, title) : g_strdup ("");
  xmlFreeDoc (html);
  if (text[0] == '\0')
    {
      g_free (text);
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: no article text found in the page", r->url);
      return NULL;
    }
  return text;
}
