/* bench-readers.c: how fast read-feed and read-html read.
 *
 *   make -C tests/read-feed bench CORPUS=corpus.jsonl
 *
 * Turns the articles of CORPUS (JSON Lines from tests/bench/gen-corpus:
 * id, title, published, text) into RSS 2.0 feeds of 50 items (each item's
 * paragraphs as HTML in content:encoded) and into one saved page per
 * article (a news-site template: head with meta tags and JSON-LD, scripts,
 * navigation, a cookie banner, the article, a related-stories aside,
 * comments and a footer), in a temporary directory. Then it reads each
 * set RUNS times (default 3) with the stage and prints the best run: MB/s
 * of article text (the corpus's text bytes / wall seconds), MB/s of input
 * files, documents a second, and the peak RSS of the process. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "../../plugins/read-feed/read-feed.h"
#include "../../plugins/read-html/read-html.h"

#define ITEMS_PER_FEED 50

typedef struct {
  char *dir;
  guint n_files;
  guint64 file_bytes;
} Set;

static void
append_escaped (GString *out, const char *s)
{
  for (; *s; s++)
    switch (*s)
      {
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '&': g_string_append (out, "&amp;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      default: g_string_append_c (out, *s);
      }
}

/* append_paragraphs: @text's paragraphs (blank-line separated) as <p>. */
static void
append_paragraphs (GString *out, const char *text)
{
  g_auto (GStrv) paras = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; paras[i]; i++)
    {
      g_string_append (out, "<p>");
      append_escaped (out, paras[i]);
      g_string_append (out, "</p>\n");
    }
}

static void
write_file (Set *set, const char *name, GString *contents)
{
  g_autofree char *path = g_build_filename (set->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  if (!g_file_set_contents (path, contents->str, contents->len, &error))
    g_error ("%s", error->message);
  set->n_files++;
  set->file_bytes += contents->len;
}

static void
flush_feed (Set *feeds, GString *feed)
{
  char name[32];

  g_string_append (feed, "</channel></rss>\n");
  g_snprintf (name, sizeof name, "feed-%05u.xml", feeds->n_files);
  write_file (feeds, name, feed);
  g_string_assign (feed, "");
}

static void
add_page (Set *pages, const char *id, const char *title, const char *date,
          const char *text)
{
  GString *p = g_string_new ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
  char name[64];

  append_escaped (p, title);
  g_string_append (p, " | Bench Times</title><meta property=\"og:title\" content=\"");
  append_escaped (p, title);
  g_string_append_printf (p, "\"><link rel=\"canonical\" href=\"https://bench.example/%s\">", id);
  g_string_append_printf (p, "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                          "\"datePublished\":\"%s\",\"author\":{\"name\":\"Bench Writer\"}}</script>",
                          date);
  g_string_append (p, "<script>var analytics = {page: 'article', ids: [1,2,3]};</script>"
                   "<style>body{font-family:serif}.nav a{margin:1em}</style></head><body>"
                   "<div class=\"cookie-banner\"><p>We use cookies to improve your "
                   "experience on our site.</p><button>OK</button></div>"
                   "<header><nav class=\"nav\"><a href=\"/\">Home</a><a href=\"/world\">"
                   "World</a><a href=\"/business\">Business</a><a href=\"/sport\">Sport"
                   "</a></nav></header><main><article><h1>");
  append_escaped (p, title);
  g_string_append (p, "</h1><div class=\"share\"><a href=\"#\">Share</a></div>\n");
  append_paragraphs (p, text);
  g_string_append (p, "</article><aside class=\"related\"><h2>Related</h2><ul>"
                   "<li><a href=\"/1\">Markets close higher</a></li><li><a href=\"/2\">"
                   "Talks resume in Geneva</a></li></ul></aside><section class=\"comments\">"
                   "<p>A reader comment that should not be extracted at all.</p></section>"
                   "</main><footer><p>Copyright Bench Times</p></footer></body></html>\n");
  g_snprintf (name, sizeof name, "page-%06u.html", pages->n_files);
  write_file (pages, name, p);
  g_string_free (p, TRUE);
}

/* bench: reads every file of @set with @klass, @runs times. */
static void
bench (const GalleyStageClass *klass, Set *set, guint64 text_bytes, int runs)
{
  double best = G_MAXDOUBLE;
  guint n_docs = 0;
  struct rusage ru;

  for (int run = 0; run < runs; run++)
    {
      g_autoptr (GalleyParams) params = galley_params_new (klass->params);
      g_autoptr (GError) error = NULL;
      gpointer self;
      gint64 start;
      double seconds;
      GalleyReadStatus status;

      if (!galley_params_set (params, "path", set->dir, &error)
          || !galley_params_finish (params, &error)
          || (self = klass->create (params, &error)) == NULL)
        g_error ("%s: %s", klass->name, error->message);
      n_docs = 0;
      start = g_get_monotonic_time ();
      for (;;)
        {
          GalleyDocument *doc = NULL;
          g_clear_error (&error);
          status = klass->read (self, &doc, &error);
          if (doc)
            galley_document_free (doc);
          if (status == GALLEY_READ_END)
            break;
          if (status == GALLEY_READ_ERROR)
            g_error ("%s: %s", klass->name, error->message);
          n_docs += status == GALLEY_READ_OK;
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      klass->free (self);
      best = MIN (best, seconds);
    }
  getrusage (RUSAGE_SELF, &ru);
  printf ("%-9s %6u files, %7u docs, best of %d: %6.1f MB/s text, %6.1f MB/s input, "
          "%8.0f docs/s, peak RSS %.1f MiB\n", klass->name, set->n_files, n_docs, runs,
          text_bytes / 1e6 / best, set->file_bytes / 1e6 / best, n_docs / best,
          ru.ru_maxrss / 1024.0);
}

static void
remove_set (Set *set)
{
  g_autoptr (GDir) d = g_dir_open (set->dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (set->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (set->dir);
  g_free (set->dir);
}

int
main (int argc, char **argv)
{
  FILE *in;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) feed = g_string_new (NULL);
  Set feeds = { 0 }, pages = { 0 };
  guint64 text_bytes = 0;
  guint n_items = 0;
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  char *line = NULL;
  size_t cap = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-readers CORPUS.jsonl [RUNS]\n");
      return 2;
    }
  in = fopen (argv[1], "r");
  if (in == NULL)
    {
      fprintf (stderr, "bench-readers: %s: %s\n", argv[1], g_strerror (errno));
      return 2;
    }
  feeds.dir = g_dir_make_tmp ("bench-feeds-XXXXXX", NULL);
  pages.dir = g_dir_make_tmp ("bench-pages-XXXXXX", NULL);
  while (getline (&line, &cap, in) > 0)
    {
      JsonObject *o;
      const char *id, *title, *date, *text;

      if (!json_parser_load_from_data (parser, line, -1, NULL))
        {
          /* gen-corpus as of 8e192d9 leaves out the closing brace. */
          g_autofree char *closed = g_strconcat (g_strchomp (line), "}", NULL);
          if (!json_parser_load_from_data (parser, closed, -1, NULL))
            continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      o = json_node_get_object (json_parser_get_root (parser));
      id = json_object_get_string_member_with_default (o, "id", "x");
      title = json_object_get_string_member_with_default (o, "title", "");
      date = json_object_get_string_member_with_default (o, "published", "2024-01-01T00:00:00Z");
      text = json_object_get_string_member_with_default (o, "text", "");
      text_bytes += strlen (text);

      if (feed->len == 0)
        g_string_append (feed, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                         "<channel><title>Bench Wire</title><link>https://bench.example/</link>\n");
      g_string_append (feed, "<item><title>");
      append_escaped (feed, title);
      g_string_append_printf (feed, "</title><guid>%s</guid><pubDate>Mon, 03 Jun 2024 16:20:00 +0100"
                              "</pubDate><content:encoded><![CDATA[", id);
      append_paragraphs (feed, text);
      g_string_append (feed, "]]></content:encoded></item>\n");
      if (++n_items % ITEMS_PER_FEED == 0)
        flush_feed (&feeds, feed);
      add_page (&pages, id, title, date, text);
    }
  free (line);
  fclose (in);
  if (feed->len)
    flush_feed (&feeds, feed);

  printf ("corpus: %u articles, %.1f MB of text\n", n_items, text_bytes / 1e6);
  bench (&galley_read_feed_stage, &feeds, text_bytes, runs);
  bench (&galley_read_html_stage, &pages, text_bytes, runs);
  remove_set (&feeds);
  remove_set (&pages);
  return 0;
}
