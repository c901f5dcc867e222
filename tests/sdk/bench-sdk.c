/* bench-sdk.c: throughput of the SDK's hot paths, the ones every document
 * of every run goes through: UTF-8 checking, span appends and queries,
 * JSON string escaping and offset conversion.
 *
 *   bench-sdk CORPUS.jsonl [REPEAT]
 *
 * CORPUS is read whole; each line's "text" is taken roughly (between the
 * "text": " and the next unescaped quote), which is what matters here: the
 * bytes of real news-like text. Each measure runs REPEAT times (default 5)
 * and the best is printed, as MB/s of text (and spans or queries a
 * second for layers), with the peak RSS at the end. `make bench` in
 * tests/sdk runs it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <galley/galley.h>

typedef struct {
  GPtrArray *texts;  /* char *, the articles' texts (JSON escapes kept) */
  gsize bytes;
} Corpus;

static void
load (Corpus *c, const char *path)
{
  g_autoptr (GError) error = NULL;
  gsize len;
  char *data = galley_input_read_file (path, 0, &len, &error);
  const char *p;

  if (data == NULL)
    {
      fprintf (stderr, "bench-sdk: %s\n", error->message);
      exit (2);
    }
  c->texts = g_ptr_array_new_with_free_func (g_free);
  for (p = data; (p = strstr (p, "\"text\"")) != NULL;)
    {
      const char *start = strchr (p + 6, '"'), *end;

      if (start == NULL)
        break;
      start++;
      for (end = start; *end && !(*end == '"' && end[-1] != '\\'); end++)
        ;
      if (g_utf8_validate_len (start, end - start, NULL))
        {
          g_ptr_array_add (c->texts, g_strndup (start, end - start));
          c->bytes += end - start;
        }
      p = end;
    }
  g_free (data);
  if (c->bytes == 0)
    {
      fprintf (stderr, "bench-sdk: no \"text\" fields in %s\n", path);
      exit (2);
    }
}

typedef guint64 (*Measure) (const Corpus *c);

/* utf8: galley_utf8_make_valid on valid text (the common case). */
static guint64
measure_utf8 (const Corpus *c)
{
  for (guint i = 0; i < c->texts->len; i++)
    {
      const char *t = g_ptr_array_index (c->texts, i);
      char *out = NULL;
      galley_utf8_make_valid (t, strlen (t), GALLEY_UTF8_REPLACE, "bench", &out,
                              NULL, NULL, NULL);
      g_free (out);
    }
  return 0;
}

/* tokens: a span per space-separated word of @t appended to @layer */
static guint
append_words (GalleyLayer *layer, const char *t, GQuark word)
{
  gsize len = strlen (t), k = 0;
  guint n = 0;

  while (k < len)
    {
      gsize start;
      while (k < len && t[k] == ' ')
        k++;
      start = k;
      while (k < len && t[k] != ' ')
        k++;
      if (k > start)
        {
          galley_layer_append (layer, start, k, word, 0);
          n++;
        }
    }
  return n;
}

/* append: a document per text and a span per word, as a tokenizer makes
 * them. Returns spans appended. */
static guint64
measure_append (const Corpus *c)
{
  GQuark word = g_quark_from_static_string ("word");
  guint64 spans = 0;

  for (guint i = 0; i < c->texts->len; i++)
    {
      const char *t = g_ptr_array_index (c->texts, i);
      g_autoptr (GalleyDocument) doc = galley_document_new ("b", t, -1);

      spans += append_words (galley_document_ensure_layer (doc, GALLEY_LAYER_TOKEN), t, word);
    }
  return spans;
}

static GPtrArray *query_docs;  /* documents with "token" and "window" layers */

/* query: on documents built beforehand, the words of every 20-word window
 * (get_contained) and the window around every word (get_covering), as an
 * entity tagger looks things up. Returns the queries made. */
static guint64
measure_query (const Corpus *c)
{
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  guint64 queries = 0;

  for (guint i = 0; i < query_docs->len; i++)
    {
      GalleyDocument *doc = g_ptr_array_index (query_docs, i);
      GalleyLayer *tok = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);
      GalleyLayer *win = galley_document_get_layer (doc, "window");
      guint n;
      const GalleySpan *s = galley_layer_get_spans (tok, &n);

      for (guint w = 0; w < n; w += 20, queries++)
        {
          g_array_set_size (idx, 0);
          galley_layer_get_contained (tok, s[w].start, s[MIN (w + 19, n - 1)].end, idx);
        }
      for (guint w = 0; w < n; w++, queries++)
        {
          g_array_set_size (idx, 0);
          galley_layer_get_covering (win, s[w].start, s[w].end, idx);
        }
    }
  return queries;
}

static void
build_query_docs (const Corpus *c)
{
  GQuark word = g_quark_from_static_string ("word");

  query_docs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_document_free);
  for (guint i = 0; i < c->texts->len; i++)
    {
      const char *t = g_ptr_array_index (c->texts, i);
      GalleyDocument *doc = galley_document_new ("b", t, -1);
      GalleyLayer *tok = galley_document_ensure_layer (doc, GALLEY_LAYER_TOKEN);
      GalleyLayer *win = galley_document_ensure_layer (doc, "window");
      guint n = append_words (tok, t, word);
      const GalleySpan *s = galley_layer_get_spans (tok, NULL);

      for (guint w = 0; w < n; w += 20)
        galley_layer_append (win, s[w].start, s[MIN (w + 19, n - 1)].end, word, 0);
      g_ptr_array_add (query_docs, doc);
    }
}

/* json: every text escaped into one reused buffer. */
static guint64
measure_json (const Corpus *c)
{
  GString *out = g_string_sized_new (65536);

  for (guint i = 0; i < c->texts->len; i++)
    {
      g_string_truncate (out, 0);
      galley_json_append_string (out, g_ptr_array_index (c->texts, i), -1);
    }
  g_string_free (out, TRUE);
  return 0;
}

/* offsets: every 6th byte offset to code points, in order, as an exporter
 * converts the starts and ends of tokens. */
static guint64
measure_offsets (const Corpus *c)
{
  volatile gsize sink = 0;

  for (guint i = 0; i < c->texts->len; i++)
    {
      const char *t = g_ptr_array_index (c->texts, i);
      gsize len = strlen (t);
      GalleyOffsetMap map;

      galley_offset_map_init (&map, t, len, GALLEY_OFFSETS_CODEPOINT);
      for (gsize b = 0; b < len; b += 6)
        sink += galley_offset_map_convert (&map, b);
    }
  return sink & 0;
}

static void
run (const char *name, Measure m, const Corpus *c, int repeat)
{
  double best = G_MAXDOUBLE;
  guint64 count = 0;

  for (int r = 0; r < repeat; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double secs;

      count = m (c);
      secs = (g_get_monotonic_time () - t0) / 1e6;
      best = MIN (best, secs);
    }
  if (best <= 0)
    best = 1e-9;
  printf ("%-8s %9.1f MB/s", name, c->bytes / best / 1e6);
  if (count)
    printf ("  %6.1f M %s/s", count / best / 1e6, m == measure_query ? "queries" : "spans");
  printf ("\n");
}

int
main (int argc, char **argv)
{
  Corpus c = { 0 };
  int repeat = argc > 2 ? atoi (argv[2]) : 5;
  struct rusage ru;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-sdk CORPUS.jsonl [REPEAT]\n");
      return 2;
    }
  load (&c, argv[1]);
  printf ("corpus: %u texts, %.1f MB; best of %d\n", c.texts->len, c.bytes / 1e6,
          MAX (repeat, 1));
  run ("utf8", measure_utf8, &c, MAX (repeat, 1));
  run ("append", measure_append, &c, MAX (repeat, 1));
  build_query_docs (&c);
  run ("query", measure_query, &c, MAX (repeat, 1));
  g_ptr_array_unref (query_docs);
  run ("json", measure_json, &c, MAX (repeat, 1));
  run ("offsets", measure_offsets, &c, MAX (repeat, 1));
  getrusage (RUSAGE_SELF, &ru);
  printf ("peak RSS %.1f MB\n", ru.ru_maxrss / 1024.0);
  g_ptr_array_unref (c.texts);
  return 0;
}
