/* read-html.c: the read-html stage: one document per saved article page.
 *
 * Each file is read whole (at most max-bytes), its encoding decided
 * (html-charset.c), parsed with libxml2's HTML parser, which converts it
 * to UTF-8, and turned into one document: metadata from html-meta.c, text
 * from html-extract.c. Memory holds one page at a time.
 *
 * Pages named by url= or urls= are fetched (plugins/fetch: a batch at a
 * time, concurrently), and read from memory the same way; a page that
 * cannot be fetched is a rejection naming the URL and the reason. With
 * cache=, a page not modified since the last run costs a 304 and gives
 * nothing; its validators are stored in acknowledge, once the page's
 * document is durable.
 *
 * Ids: the canonical URL (<link rel="canonical">), else og:url, else the
 * JSON-LD url, else the file's path or the URL as given. */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "../fetch/fetch-cache.h"
#include "../fetch/fetch-params.h"
#include "../fetch/fetch-queue.h"
#include "../fetch/fetch-urls.h"
#include "html-extract.h"
#include "html-meta.h"
#include "html-page.h"
#include "reader-doc.h"
#include "xml-limits.h"
#include "xml-log.h"
#include "read-html.h"

static const char *const suffixes[] = { ".html", ".htm", NULL };

static const char *const extract_choices[] = { "article", "page", NULL };

static const GalleyParamSpec params[] = {
  { "path", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "Page file, directory (its *.html and *.htm files) or glob; - for stdin",
    GALLEY_PARAM_INPUT },
  { "url", GALLEY_PARAM_STRING_LIST, NULL, 0, 0, NULL,
    "Pages to fetch (http:// or https://), read after path=", 0 },
  { "urls", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "File of page URLs, one a line (# comments), read after url=", GALLEY_PARAM_INPUT },
  { "cache", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "SQLite file keeping each URL's ETag and Last-Modified between runs (conditional GET)", 0 },
  { "max-bytes", GALLEY_PARAM_INT, "33554432", 1, (double) G_MAXINT, NULL,
    "Largest page read or fetched, in bytes; larger ones are skipped", 0 },
  { "extract", GALLEY_PARAM_CHOICE, "article", 0, 0, extract_choices,
    "article: the article's text only; page: all the visible text of the page", 0 },
  FETCH_PARAM_SPECS,
  GALLEY_SHARD_PARAM,
  { NULL },
};

typedef struct {
  char *pattern;
  char **paths;       /* NULL until the first read */
  guint next_path;
  gsize max_bytes;
  gboolean whole_page;
  FetchInput in;           /* url=, urls=, cache= */
  GalleyShard shard;
} ReadHtml;

static void read_html_free (gpointer data);

static gpointer
read_html_create (const GalleyParams *p, GError **error)
{
  ReadHtml *self;
  GalleyShard shard;

  if (!galley_shard_parse (galley_params_get_string (p, "shard"), &shard, error))
    return NULL;
  self = g_new0 (ReadHtml, 1);
  self->shard = shard;
  xmlInitParser ();
  /* The files are listed at the first read, so that `galley validate`
   * does not need them (a spool may be created by the first upload). */
  self->pattern = g_strdup (galley_params_get_path (p, "path"));
  self->max_bytes = (gsize) galley_params_get_int (p, "max-bytes");
  self->whole_page = strcmp (galley_params_get_choice (p, "extract"), "page") == 0;
  if (!fetch_input_init (&self->in, p, self->max_bytes, error))
    {
      read_html_free (self);
      return NULL;
    }
  if (!galley_params_is_set (p, "path"))
    g_clear_pointer (&self->pattern, g_free);
  return self;
}

static void
read_html_free (gpointer data)
{
  ReadHtml *self = data;

  g_free (self->pattern);
  g_strfreev (self->paths);
  fetch_input_clear (&self->in);
  g_free (self);
}

static gboolean
has_utf16_bom (const char *data, gsize len)
{
  return len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
                      || ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF));
}

/* read_page: the page @path (a file's path, or the URL it was fetched
 * from), @bytes of @len, as one document, or a rejection. */
static GalleyReadStatus
read_page (ReadHtml *self, const char *path, const char *bytes, gsize len,
           GalleyDocument **doc, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *clean = NULL;
  g_autoptr (HtmlMeta) meta = NULL;
  xmlDoc *html;
  guint n_replaced = 0;
  guint64 fingerprint;
  long line = 0;

  fingerprint = galley_hash64 (bytes, len, 0);
  if (len == 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: empty file", path);
      *doc = reader_doc_stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  if (!has_utf16_bom (bytes, len) && galley_input_looks_binary (bytes, len))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: binary data, not an HTML page", path);
      *doc = reader_doc_stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  if (len > G_MAXINT)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                   "%s: too large for the HTML parser", path);
      *doc = reader_doc_stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }

  html = html_page_parse (path, bytes, len, &n_replaced, error);
  if (html == NULL || xmlDocGetRootElement (html) == NULL)
    {
      if (html)
        xmlFreeDoc (html);
      if (error == NULL || *error == NULL)
        g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                     "%s: cannot parse as HTML", path);
      *doc = reader_doc_stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  if (xml_depth_exceeds (xmlDocGetRootElement (html), XML_DEPTH_LIMIT, &line))
    {
      /* libxml2 stopped reading there: the rest of the page is lost */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: line %ld: elements nested deeper than %d levels",
                   path, line, XML_DEPTH_LIMIT);
      xmlFreeDoc (html);
      *doc = reader_doc_stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  meta = html_meta_extract (html, path, error);
  if (meta == NULL)
    {
      xmlFreeDoc (html);
      *doc = reader_doc_stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  text = self->whole_page ? html_extract_visible (html) : html_extract_article (html, meta->title);
  xmlFreeDoc (html);

  if (text[0] == '\0')
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: no text found in the page", path);
      *doc = reader_doc_stub (meta->url ? meta->url : path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  clean = reader_doc_valid (text, "page");
  if (strlen (clean) + html_meta_size (meta) > self->max_bytes)
    {
      /* a page in a legacy charset grows when decoded to UTF-8 (é is one
       * byte in windows-1252, two in UTF-8) */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                   "%s: text larger than max-bytes=%" G_GSIZE_FORMAT
                   " once decoded to UTF-8", path, self->max_bytes);
      *doc = reader_doc_stub (path, path, &fingerprint);
      return GALLEY_READ_SKIP;
    }
  {
    g_autofree char *id = reader_doc_valid (meta->url ? meta->url : path, "page");
    gsize clean_len = strlen (clean);
    *doc = galley_document_new_take (id, g_steal_pointer (&clean), clean_len);
  }
  galley_document_set_origin (*doc, path);
  reader_doc_set_meta (*doc, "title", meta->title, "page");
  reader_doc_set_meta (*doc, "url", meta->url, "page");
  reader_doc_set_meta (*doc, "author", meta->author, "page");
  reader_doc_set_meta (*doc, "published", meta->published, "page");
  reader_doc_set_meta (*doc, "description", meta->description, "page");
  reader_doc_set_meta (*doc, "site", meta->site_name, "page");
  reader_doc_set_meta (*doc, "language", meta->language, "page");
  reader_doc_set_meta (*doc, "source", path, "page");
  if (n_replaced > 0)
    {
      /* the runner counts documents with a repair count in its summary */
      GalleyValue count = { GALLEY_VALUE_INT, { .i = n_replaced } };
      galley_document_set_repaired (*doc, count.v.i);
    }
  return GALLEY_READ_OK;
}

/* read_file: the page in the file @path. */
static GalleyReadStatus
read_file (ReadHtml *self, const char *path, GalleyDocument **doc, GError **error)
{
  g_autofree char *bytes = NULL;
  gsize len = 0;
  GalleyReadStatus status;
  XmlLog log;

  bytes = galley_input_read_file (path, self->max_bytes, &len, error);
  if (bytes == NULL)
    {
      *doc = reader_doc_stub (path, path, NULL);
      return GALLEY_READ_SKIP;
    }
  xml_log_begin (&log, path);
  status = read_page (self, path, bytes, len, doc, error);
  xml_log_end (&log);
  return status;
}

/* read_url: the next fetched page: a document, a rejection naming the
 * URL, or (a 304) nothing, and the next one. END after the last URL. */
static GalleyReadStatus
read_url (ReadHtml *self, GalleyDocument **doc, GError **error)
{
  FetchRequest *r;
  GalleyReadStatus status = fetch_input_read (&self->in, FALSE, &r, error);

  if (status == GALLEY_READ_SKIP)
    *doc = reader_doc_stub (r->url, r->url, NULL);
  if (status != GALLEY_READ_OK)
    return status;
  if (self->in.cache && (r->etag || r->last_modified))
    fetch_cache_stage_validators (self->in.cache, r->url, r->etag, r->last_modified);
  {
    gsize len = 0;
    const char *bytes = g_bytes_get_data (r->body, &len);
    XmlLog log;

    xml_log_begin (&log, r->url);
    status = read_page (self, r->url, bytes ? bytes : "", len, doc, error);
    xml_log_end (&log);
    return status;
  }
}

static GalleyReadStatus
read_html_read (gpointer data, GalleyDocument **doc, GError **error)
{
  ReadHtml *self = data;

  if (self->pattern && self->paths == NULL)
    {
      self->paths = galley_input_expand (self->pattern, suffixes, error);
      if (self->paths == NULL)
        return GALLEY_READ_ERROR;
    }
  while (self->paths && self->paths[self->next_path])
    {
      const char *path = self->paths[self->next_path++];

      /* another shard's pages are not even opened */
      if (galley_shard_accepts (&self->shard, path))
        return read_file (self, path, doc, error);
    }
  if (!fetch_input_has_urls (&self->in))
    return GALLEY_READ_END;
  return read_url (self, doc, error);
}

/* read_html_acknowledge: the pages read so far are durable: their
 * validators may now be kept for the next run's conditional GET. */
static gboolean
read_html_acknowledge (gpointer data, GError **error)
{
  ReadHtml *self = data;

  return fetch_input_acknowledge (&self->in, error);
}

static const char *const produces[] = { NULL };

const GalleyStageClass galley_read_html_stage = {
  .name = "read-html",
  .kind = GALLEY_STAGE_SOURCE,
  .description = "Reads saved web pages, one document per article",
  .params = params,
  .requires = NULL,
  .produces = produces,
  .flags = 0,
  .create = read_html_create,
  .read = read_html_read,
  .free = read_html_free,
  .acknowledge = read_html_acknowledge,
};
