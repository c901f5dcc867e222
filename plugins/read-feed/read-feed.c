/* read-feed.c: the read-feed stage: one document per feed item.
 *
 * Files are read one at a time (at most max-bytes each) and parsed whole
 * into a libxml2 tree; read() then hands out one item per call, so memory
 * holds one file's tree and one document, whatever the number of files.
 *
 * What is skipped, and why (each is one GALLEY_READ_SKIP naming the file):
 *  - a file that cannot be read, is empty, looks binary, passes max-bytes,
 *    or cannot be parsed as a feed at all;
 *  - an item whose HTML nests elements deeper than libxml2 reads (it
 *    would be cut short);
 *  - (quietly: no rejection) an item with neither text nor a title;
 *  - an item whose id was already seen in this run (the first is kept).
 * Each stub but that of an unread file carries a fingerprint of what was
 * refused (the file's bytes, or the item's XML), so that the cron state
 * keeps the rejection, and later runs skip it quietly, while it holds.
 *
 * An item with a title but no text (content, summary or description,
 * after markup removal) is a document of its title: headline feeds are
 * common, and their items are news all the same.
 *
 * Feeds named by url=, or urls= (a file of URLs, or an OPML subscription
 * list), are fetched after the files (plugins/fetch: a batch at a time,
 * concurrently) and read the same way; a feed that cannot be fetched is
 * one rejection naming the URL and the reason, and the others go on.
 * With cache=, a feed unchanged since the last run costs a 304 and gives
 * nothing, and items whose key (guid, else link) the feed's last body
 * listed are passed over. What a feed gave is staged in the cache once
 * its last item is handed out, and written in acknowledge (see
 * fetch-cache.h for why a file of our own).
 *
 * fetch-articles=true: when a fetched feed is opened, the links of its
 * new items are fetched at once, and each item's text is its page's
 * article (read-html's extractor), the feed's title, date and guid kept.
 *
 * Ids: guid (RSS 2.0), rdf:about (RSS 1.0) or id (Atom); else the item's
 * link; else "sha256:" and the SHA-256 of the title, a newline and the
 * text, so the same item read twice gets the same id. */
#include "config.h"

#include <poll.h>
#include <string.h>

#include <libxml/parser.h>

#include "feed-charset.h"
#include "feed-article.h"
#include "../fetch/fetch-cache.h"
#include "../fetch/fetch-params.h"
#include "../fetch/fetch-queue.h"
#include "../fetch/fetch-urls.h"
#include "feed-parse.h"
#include "read-feed.h"
#include "../read-html/xml-limits.h"
#include "../read-html/reader-doc.h"
#include "../read-html/xml-log.h"

static const char *const suffixes[] = {
  ".xml", ".rss", ".atom", ".rdf", ".feed", NULL,
};

static const GalleyParamSpec params[] = {
  { "path", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "Feed file, directory (its *.xml *.rss *.atom *.rdf *.feed files) or glob; - for stdin",
    GALLEY_PARAM_INPUT },
  { "url", GALLEY_PARAM_STRING_LIST, NULL, 0, 0, NULL,
    "Feeds to fetch (http:// or https://), read after path=", 0 },
  { "urls", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "File of feed URLs, one a line (# comments), or an OPML subscription list", GALLEY_PARAM_INPUT },
  { "cache", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "SQLite file keeping validators (conditional GET) and the items seen, between runs", 0 },
  { "fetch-articles", GALLEY_PARAM_BOOLEAN, "false", 0, 0, NULL,
    "Fetch each new item's link and take the article's text from the page", 0 },
  { "max-bytes", GALLEY_PARAM_INT, "33554432", 1, (double) G_MAXINT, NULL,
    "Largest feed file or page read or fetched, in bytes; larger ones are skipped", 0 },
  FETCH_PARAM_SPECS,
  { "follow", GALLEY_PARAM_BOOLEAN, "false", 0, 0, NULL,
    "After the last feed, read them all again every interval= (galley run "
    "--follow sets it); the state skips the items already done", 0 },
  { "interval", GALLEY_PARAM_STRING, "10m", 0, 0, NULL,
    "With follow, how often the feeds are read: seconds, or with a unit (90s, 10m, 1h)", 0 },
  GALLEY_SHARD_PARAM,
  { NULL },
};

typedef struct {
  char *pattern;
  char **paths;        /* NULL until the first read */
  guint next_path;
  gsize max_bytes;
  FeedFile *feed;      /* the file being handed out, or NULL */
  guint next_item;
  GHashTable *seen;    /* id -> origin of its first item */

  gboolean fetch_articles;
  FetchInput in;           /* url=, urls=, cache= */
  /* the feed being handed out, when fetched: */
  FetchRequest *fetched;       /* (transfer none) owned by the queue */
  GHashTable *listed_before;   /* keys its last body listed (cache), or NULL */
  GPtrArray *keys;             /* keys of this body: done or passed over */
  GHashTable *articles;        /* link -> FetchRequest *, or NULL */
  gboolean follow;
  gint64 interval_us;
  gint64 next_poll_us; /* follow: monotonic time of the next pass */
  GalleyShard shard;
} ReadFeed;

/* parse_interval: a duration (the SDK's syntax: "600", "90s", "10m",
 * "1h30m") into microseconds; more than zero. */
static gboolean
parse_interval (const char *text, gint64 *us)
{
  double seconds;

  if (!galley_parse_duration (text, &seconds) || seconds <= 0)
    return FALSE;
  *us = (gint64) (seconds * G_USEC_PER_SEC);
  return TRUE;
}

static void read_feed_free (gpointer data);

static gpointer
read_feed_create (const GalleyParams *p, GError **error)
{
  ReadFeed *self;
  GalleyShard shard;

  if (!galley_shard_parse (galley_params_get_string (p, "shard"), &shard, error))
    return NULL;
  self = g_new0 (ReadFeed, 1);
  self->shard = shard;
  xmlInitParser ();
  /* The files are listed at the first read, so that `galley validate`
   * does not need them (a spool may be created by the first download). */
  self->pattern = g_strdup (galley_params_get_path (p, "path"));
  self->max_bytes = (gsize) galley_params_get_int (p, "max-bytes");
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->keys = g_ptr_array_new_with_free_func (g_free);
  if (!fetch_input_init (&self->in, p, self->max_bytes, error))
    {
      read_feed_free (self);
      return NULL;
    }
  if (!galley_params_is_set (p, "path"))
    g_clear_pointer (&self->pattern, g_free);
  self->fetch_articles = galley_params_get_boolean (p, "fetch-articles");
  self->follow = galley_params_get_boolean (p, "follow");
  if (!parse_interval (galley_params_get_string (p, "interval"), &self->interval_us))
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "parameter 'interval': '%s' is not a duration (examples: 90s, "
                   "10m, 1h)", galley_params_get_string (p, "interval"));
      read_feed_free (self);
      return NULL;
    }
  return self;
}

static void
read_feed_free (gpointer data)
{
  ReadFeed *self = data;

  g_free (self->pattern);
  g_strfreev (self->paths);
  feed_file_free (self->feed);
  g_hash_table_unref (self->seen);
  g_clear_pointer (&self->listed_before, g_hash_table_unref);
  g_clear_pointer (&self->articles, g_hash_table_unref);
  g_ptr_array_unref (self->keys);
  fetch_input_clear (&self->in);
  g_free (self);
}

/* parse_feed: @data (@len bytes of the feed @name, a path or a URL) into
 * self->feed: OK, or SKIP with a stub naming @name. */
static GalleyReadStatus
parse_feed (ReadFeed *self, const char *name, const char *data, gsize len,
            GalleyDocument **doc, GError **error)
{
  guint64 fingerprint = galley_hash64 (data, len, 0);
  XmlLog log;

  if (len == 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: empty file", name);
      *doc = reader_doc_stub (name, name, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  /* UTF-16 (with its byte order mark) is legal XML; libxml2 decodes it. */
  if (!(len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
                     || ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
      && galley_input_looks_binary (data, len))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: binary data, not a feed", name);
      *doc = reader_doc_stub (name, name, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  xml_log_begin (&log, name);
  self->feed = feed_file_parse (name, data, len, self->max_bytes, error);
  xml_log_end (&log);
  if (self->feed == NULL)
    {
      *doc = reader_doc_stub (name, name, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  if (self->feed->recovered)
    g_message ("%s: %s", name, self->feed->recovered);
  return GALLEY_READ_OK;
}

/* feed_done: the fetched feed handed out is finished: with a cache, its
 * validators and the keys of its body are staged (written at the next
 * acknowledge, once its documents are durable). The set replaces the
 * feed's old one: a key the feed no longer lists is forgotten, so the
 * cache stays the size of the feeds. */
static void
feed_done (ReadFeed *self)
{
  FetchRequest *r = self->fetched;

  if (r && self->in.cache)
    {
      fetch_cache_stage_forget (self->in.cache, r->url);
      for (guint i = 0; i < self->keys->len; i++)
        fetch_cache_stage_seen (self->in.cache, r->url, g_ptr_array_index (self->keys, i));
      if (r->etag || r->last_modified)
        fetch_cache_stage_validators (self->in.cache, r->url, r->etag, r->last_modified);
    }
  self->fetched = NULL;
  g_ptr_array_set_size (self->keys, 0);
  g_clear_pointer (&self->listed_before, g_hash_table_unref);
  g_clear_pointer (&self->articles, g_hash_table_unref);
}

/* open_url: the next fetched feed into self->feed (a 304 gives nothing:
 * the next one is taken). */
static GalleyReadStatus
open_url (ReadFeed *self, GalleyDocument **doc, GError **error)
{
  FetchRequest *r;
  GalleyReadStatus status;
  gsize len = 0;
  const char *data;

  status = fetch_input_read (&self->in, TRUE, &r, error);
  if (status == GALLEY_READ_SKIP)
    *doc = reader_doc_stub (r->url, r->url, NULL);
  if (status != GALLEY_READ_OK)
    return status;
  data = g_bytes_get_data (r->body, &len);
  status = parse_feed (self, r->url, data ? data : "", len, doc, error);
  if (status != GALLEY_READ_OK)
    return status;
  self->fetched = r;
  if (self->in.cache)
    self->listed_before = fetch_cache_get_seen (self->in.cache, r->url);
  if (self->fetch_articles)
    self->articles = feed_article_fetch_all (self->in.session, self->feed, self->listed_before);
  return GALLEY_READ_OK;
}

/* open_next: loads the next file, or else the next fetched feed, into
 * self->feed. OK when a feed is ready, END when there are no more, SKIP
 * for a bad one. */
static GalleyReadStatus
open_next (ReadFeed *self, GalleyDocument **doc, GError **error)
{
  const char *path;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_clear_pointer (&self->feed, feed_file_free);
  feed_done (self);
  self->next_item = 0;
  if (self->paths == NULL || self->paths[self->next_path] == NULL)
    {
      if (!fetch_input_has_urls (&self->in))
        return GALLEY_READ_END;
      return open_url (self, doc, error);
    }
  path = self->paths[self->next_path++];

  data = galley_input_read_file (path, self->max_bytes, &len, error);
  if (data == NULL)
    {
      *doc = reader_doc_stub (path, path, NULL);
      return GALLEY_READ_SKIP;
    }
  return parse_feed (self, path, data, len, doc, error);
}

static char *
content_hash (const FeedItem *item)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  if (item->title)
    g_checksum_update (sum, (const guchar *) item->title, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) item->text, -1);
  return g_strconcat ("sha256:", g_checksum_get_string (sum), NULL);
}

static char *
categories_json (const FeedItem *item)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < item->categories->len; i++)
    {
      g_autofree char *c = reader_doc_valid (g_ptr_array_index (item->categories, i), "feed");
      if (i > 0)
        g_string_append (out, ", ");
      galley_json_append_string (out, c, -1);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* set_replaced: the repair count, the U+FFFD the file's decoding put in
 * this item's text and title (the runner counts documents with one).
 * Only called when the decoding replaced bytes, so a U+FFFD the feed
 * itself holds counts only in a file that also had bad bytes. */
static void
set_replaced (GalleyDocument *doc, const FeedItem *item)
{
  GalleyValue count = { GALLEY_VALUE_INT, { .i = 0 } };

  count.v.i = feed_charset_count_replacements (item->text)
              + feed_charset_count_replacements (item->title);
  if (count.v.i > 0)
    galley_document_set_repaired (doc, count.v.i);
}

/* item_document: item @index of the current feed as a document (OK), a
 * rejection (SKIP), or END for an item with neither text nor title, which
 * is passed over without a word. */
static GalleyReadStatus
item_document (ReadFeed *self, guint index, GalleyDocument **doc, GError **error)
{
  FeedFile *feed = self->feed;
  g_autofree char *origin = g_strdup_printf ("%s item %u", feed->path, index + 1);
  g_autoptr (FeedItem) item = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  const char *first;
  gsize text_len;
  GalleyValue cats = GALLEY_VALUE_INIT;
  guint64 fingerprint;
  XmlLog log;

  /* the item's HTML is parsed here (feed-text.c), and its entities expanded */
  xml_log_begin (&log, origin);
  item = feed_item_extract (feed, index);
  xml_log_end (&log);
  id = reader_doc_valid (item->id ? item->id : "", "feed");
  if (item->id == NULL)
    {
      g_free (id);
      id = content_hash (item);
    }
  if (item->deep_line > 0)
    {
      /* libxml2 cut the HTML there: the text would be incomplete */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: line %ld: HTML elements nested deeper than %d levels",
                   origin, item->deep_line, XML_DEPTH_LIMIT);
      fingerprint = feed_item_fingerprint (feed, index);
      *doc = reader_doc_stub (id, origin, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  if (self->listed_before && item->id && g_hash_table_contains (self->listed_before, item->id))
    {
      /* produced by an earlier run: kept in the feed's set, not read */
      g_ptr_array_add (self->keys, g_strdup (item->id));
      return GALLEY_READ_END;
    }
  if (item->text[0] == '\0' && (item->title == NULL || item->title[0] == '\0'))
    return GALLEY_READ_END;  /* nothing to read: the caller reads on */
  first = g_hash_table_lookup (self->seen, id);
  if (first)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: duplicate id '%s' (first seen at %s), skipped", origin, id, first);
      /* No id: the state names the stub by its origin. Under the id, the
       * rejection would take the place of the first item's record, and
       * each run would process the one and reject the other again. */
      fingerprint = feed_item_fingerprint (feed, index);
      *doc = reader_doc_stub ("", origin, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  g_hash_table_insert (self->seen, g_strdup (id), g_strdup (origin));

  if (self->articles && item->link && g_hash_table_contains (self->articles, item->link))
    {
      g_autoptr (GError) why = NULL;
      g_autofree char *article = feed_article_text (g_hash_table_lookup (self->articles, item->link),
                                                    item->title, &why);
      if (article == NULL)
        {
          g_set_error (error, why->domain, why->code, "%s: article %s", origin, why->message);
          *doc = reader_doc_stub (id, origin, NULL);
          return GALLEY_READ_SKIP;
        }
      text = reader_doc_valid (article, "feed");
    }
  else
    text = reader_doc_valid (item->text[0] ? item->text : item->title, "feed");
  if (self->fetched && item->id)
    g_ptr_array_add (self->keys, g_strdup (item->id));
  text_len = strlen (text);
  *doc = galley_document_new_take (id, g_steal_pointer (&text), text_len);
  galley_document_set_origin (*doc, origin);
  reader_doc_set_meta (*doc, "title", item->title, "feed");
  reader_doc_set_meta (*doc, "url", item->link, "feed");  /* "url", as read-html and the exporters name it */
  reader_doc_set_meta (*doc, "author", item->author, "feed");
  reader_doc_set_meta (*doc, "published", item->published, "feed");
  if (item->categories->len > 0)
    {
      cats.type = GALLEY_VALUE_JSON;
      cats.v.s = categories_json (item);
      galley_document_set_meta_value (*doc, "categories", &cats);
      galley_value_clear (&cats);
    }
  reader_doc_set_meta (*doc, "feed", feed->title, "feed");
  reader_doc_set_meta (*doc, "source", feed->path, "feed");
  if (feed->n_replaced > 0)
    set_replaced (*doc, item);
  return GALLEY_READ_OK;
}

/* wait_next_pass: following, after the last feed: idle (a second at a
 * time, woken early by a signal) until the interval since the pass began
 * has passed, then list the files again for the next pass. An id seen in
 * the last pass is no duplicate in the next. */
static GalleyReadStatus
wait_next_pass (ReadFeed *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->next_poll_us == 0)
    self->next_poll_us = now + self->interval_us;
  if (now < self->next_poll_us)
    {
      poll (NULL, 0, (int) MIN ((self->next_poll_us - now) / 1000 + 1, 1000));
      return GALLEY_READ_IDLE;
    }
  self->next_poll_us = 0;
  g_clear_pointer (&self->paths, g_strfreev);
  self->next_path = 0;
  fetch_input_rewind (&self->in);  /* feeds fetched anew: 304 when unchanged */
  g_hash_table_remove_all (self->seen);
  return GALLEY_READ_IDLE;
}

static GalleyReadStatus
read_feed_read (gpointer data, GalleyDocument **doc, GError **error)
{
  ReadFeed *self = data;

  if (self->pattern && self->paths == NULL)
    {
      self->paths = galley_input_expand (self->pattern, suffixes, error);
      if (self->paths == NULL)
        return GALLEY_READ_ERROR;
    }
  for (;;)
    {
      GalleyReadStatus status;

      while (self->feed == NULL || self->next_item >= self->feed->items->len)
        {
          status = open_next (self, doc, error);
          if (status == GALLEY_READ_END && self->follow)
            return wait_next_pass (self);
          if (status != GALLEY_READ_OK)
            return status;
        }
      status = item_document (self, self->next_item++, doc, error);
      /* another shard's items are passed over */
      if (status == GALLEY_READ_OK
          && !galley_shard_accepts (&self->shard, galley_document_get_id (*doc)))
        {
          g_clear_pointer (doc, galley_document_free);
          continue;
        }
      if (status != GALLEY_READ_END)
        return status;
    }
}

/* read_feed_acknowledge: what was read so far is durable: the feeds
 * finished since the last call may now be remembered (fetch-cache.h). */
static gboolean
read_feed_acknowledge (gpointer data, GError **error)
{
  ReadFeed *self = data;

  return fetch_input_acknowledge (&self->in, error);
}

static const char *const produces[] = { NULL };

const GalleyStageClass galley_read_feed_stage = {
  .name = "read-feed",
  .kind = GALLEY_STAGE_SOURCE,
  .description = "Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds, one document per item",
  .params = params,
  .requires = NULL,
  .produces = produces,
  .flags = 0,
  .create = read_feed_create,
  .read = read_feed_read,
  .free = read_feed_free,
  .acknowledge = read_feed_acknowledge,
};
