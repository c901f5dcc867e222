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
 *  - an item without text (after markup removal);
 *  - an item whose id was already seen in this run (the first is kept).
 * Each stub but that of an unread file carries a fingerprint of what was
 * refused (the file's bytes, or the item's XML), so that the cron state
 * keeps the rejection, and later runs skip it quietly, while it holds.
 *
 * Ids: guid (RSS 2.0), rdf:about (RSS 1.0) or id (Atom); else the item's
 * link; else "sha256:" and the SHA-256 of the title, a newline and the
 * text, so the same item read twice gets the same id. */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>

#include "feed-charset.h"
#include "feed-parse.h"
#include "read-feed.h"
#include "../read-html/xml-limits.h"
#include "../read-html/xml-log.h"

static const char *const suffixes[] = {
  ".xml", ".rss", ".atom", ".rdf", ".feed", NULL,
};

static const GalleyParamSpec params[] = {
  { "path", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "Feed file, directory (its *.xml *.rss *.atom *.rdf *.feed files) or glob; - for stdin",
    GALLEY_PARAM_REQUIRED | GALLEY_PARAM_INPUT },
  { "max-bytes", GALLEY_PARAM_INT, "33554432", 1, (double) G_MAXINT, NULL,
    "Largest feed file read, in bytes; larger files are skipped", 0 },
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
  GalleyShard shard;
} ReadFeed;

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
  g_free (self);
}

/* stub: a document for the rejects file: no text, just where it was, and
 * the @fingerprint (may be NULL: unread) of what was refused. */
static GalleyDocument *
stub (const char *id, const char *origin, const guint64 *fingerprint)
{
  GalleyDocument *doc = galley_document_new (id, "", 0);

  galley_document_set_origin (doc, origin);
  if (fingerprint)
    galley_document_set_input_hash (doc, *fingerprint);
  return doc;
}

/* valid: @s as valid UTF-8 (libxml2 output is; guard against surprises). */
static char *
valid (const char *s)
{
  char *fixed = NULL;
  gsize fixed_len;

  galley_utf8_make_valid (s, strlen (s), GALLEY_UTF8_REPLACE, "feed", &fixed,
                          &fixed_len, NULL, NULL);
  return fixed ? fixed : g_strdup (s);
}

static void
set_meta (GalleyDocument *doc, const char *key, const char *value)
{
  if (value)
    {
      g_autofree char *v = valid (value);
      galley_document_set_meta (doc, key, v);
    }
}

/* open_next: loads the next file into self->feed. OK when a feed is
 * ready, END when there are no more files, SKIP for a bad file. */
static GalleyReadStatus
open_next (ReadFeed *self, GalleyDocument **doc, GError **error)
{
  const char *path;
  g_autofree char *data = NULL;
  gsize len = 0;
  guint64 fingerprint;
  XmlLog log;

  g_clear_pointer (&self->feed, feed_file_free);
  self->next_item = 0;
  if (self->paths[self->next_path] == NULL)
    return GALLEY_READ_END;
  path = self->paths[self->next_path++];

  data = galley_input_read_file (path, self->max_bytes, &len, error);
  if (data == NULL)
    {
      *doc = stub (path, path, NULL);
      return GALLEY_READ_SKIP;
    }
  fingerprint = galley_hash64 (data, len, 0);
  if (len == 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: empty file", path);
      *doc = stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  /* UTF-16 (with its byte order mark) is legal XML; libxml2 decodes it. */
  if (!(len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
                     || ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
      && galley_input_looks_binary (data, len))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: binary data, not a feed", path);
      *doc = stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  xml_log_begin (&log, path);
  self->feed = feed_file_parse (path, data, len, self->max_bytes, error);
  xml_log_end (&log);
  if (self->feed == NULL)
    {
      *doc = stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  if (self->feed->recovered)
    g_message ("%s: %s", path, self->feed->recovered);
  return GALLEY_READ_OK;
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
      g_autofree char *c = valid (g_ptr_array_index (item->categories, i));
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

/* item_document: item @index of the current feed as a document. */
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
  id = valid (item->id ? item->id : "");
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
      *doc = stub (id, origin, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  if (item->text[0] == '\0')
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: item has no text (no content, summary or description)", origin);
      fingerprint = feed_item_fingerprint (feed, index);
      *doc = stub (id, origin, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  first = g_hash_table_lookup (self->seen, id);
  if (first)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: duplicate id '%s' (first seen at %s), skipped", origin, id, first);
      /* No id: the state names the stub by its origin. Under the id, the
       * rejection would take the place of the first item's record, and
       * each run would process the one and reject the other again. */
      fingerprint = feed_item_fingerprint (feed, index);
      *doc = stub ("", origin, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  g_hash_table_insert (self->seen, g_strdup (id), g_strdup (origin));

  text = valid (item->text);
  text_len = strlen (text);
  *doc = galley_document_new_take (id, g_steal_pointer (&text), text_len);
  galley_document_set_origin (*doc, origin);
  set_meta (*doc, "title", item->title);
  set_meta (*doc, "url", item->link);  /* "url", as read-html and the exporters name it */
  set_meta (*doc, "author", item->author);
  set_meta (*doc, "published", item->published);
  if (item->categories->len > 0)
    {
      cats.type = GALLEY_VALUE_JSON;
      cats.v.s = categories_json (item);
      galley_document_set_meta_value (*doc, "categories", &cats);
      galley_value_clear (&cats);
    }
  set_meta (*doc, "feed", feed->title);
  set_meta (*doc, "source", feed->path);
  if (feed->n_replaced > 0)
    set_replaced (*doc, item);
  return GALLEY_READ_OK;
}

static GalleyReadStatus
read_feed_read (gpointer data, GalleyDocument **doc, GError **error)
{
  ReadFeed *self = data;

  if (self->paths == NULL)
    {
      self->paths = galley_input_expand (self->pattern, suffixes, error);
      if (self->paths == NULL)
        return GALLEY_READ_ERROR;
    }
  for (;;)
    {
      GalleyReadStatus status;

      while (self->feed == NULL || self->next_item >= self->feed->items->len)
        if ((status = open_next (self, doc, error)) != GALLEY_READ_OK)
          return status;
      status = item_document (self, self->next_item++, doc, error);
      if (status != GALLEY_READ_OK || galley_shard_accepts (&self->shard, galley_document_get_id (*doc)))
        return status;
      g_clear_pointer (doc, galley_document_free);
    }
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
};
