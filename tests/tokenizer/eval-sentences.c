/* eval-sentences.c: sentence boundary precision, recall and F1 of the
 * tokenizer stage against gold sentences.
 *
 *   eval-sentences [-v] [-g] [-p key=value]... FILE.jsonl
 *
 * FILE has one JSON object a line with "text" and "sentences" ([start,
 * end] code point pairs, as in the shared ner-dev.jsonl). A boundary is a
 * sentence's end, with trailing white space ignored on both sides; the
 * scores compare the sets of boundaries of each document. -v lists every
 * missed (FN) and extra (FP) boundary with its context; -g adds a line of
 * scores for each value of the documents' "genre" field.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "plugins/tokenizer/tokenizer.h"

/* The end @end (code points) moved back over white space of @cps. */
static glong
trim_end (const gunichar *cps, glong start, glong end)
{
  while (end > start && g_unichar_isspace (cps[end - 1]))
    end--;
  return end;
}

static int
compare_glong (gconstpointer a, gconstpointer b)
{
  glong x = *(const glong *) a, y = *(const glong *) b;
  return x < y ? -1 : x > y;
}

static int
compare_str (gconstpointer a, gconstpointer b, gpointer data)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
show (const char *what, const char *id, const gunichar *cps, glong n, glong at)
{
  glong from = MAX (0, at - 60), to = MIN (n, at + 40);
  GString *s = g_string_new (NULL);

  for (glong i = from; i < to; i++)
    {
      if (i == at)
        g_string_append (s, " ‖ ");
      if (cps[i] == '\n')
        g_string_append (s, "⏎");
      else
        g_string_append_unichar (s, cps[i]);
    }
  printf ("%s %s: %s\n", what, id, s->str);
  g_string_free (s, TRUE);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GPtrArray) params = g_ptr_array_new ();
  g_autoptr (GIOChannel) in = NULL;
  gboolean verbose = FALSE, by_genre = FALSE;
  g_autoptr (GHashTable) genres = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *path = NULL;
  guint64 tp = 0, fp = 0, fn = 0, docs = 0;
  char *line = NULL;
  gsize line_len;
  double p, r, f;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-v") == 0)
        verbose = TRUE;
      else if (strcmp (argv[i], "-g") == 0)
        by_genre = TRUE;
      else if (strcmp (argv[i], "-p") == 0 && i + 1 < argc)
        g_ptr_array_add (params, argv[++i]);
      else
        path = argv[i];
    }
  g_ptr_array_add (params, NULL);
  if (path == NULL)
    {
      g_printerr ("usage: eval-sentences [-v] [-g] [-p key=value]... FILE.jsonl\n");
      return 2;
    }
  h = galley_harness_new (&galley_tokenizer_stage, (const char *const *) params->pdata, &error);
  if (h == NULL || (in = g_io_channel_new_file (path, "r", &error)) == NULL)
    {
      g_printerr ("eval-sentences: %s\n", error->message);
      return 2;
    }
  while (g_io_channel_read_line (in, &line, &line_len, NULL, &error) == G_IO_STATUS_NORMAL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GalleyDocument) doc = NULL;
      g_autoptr (GArray) gold = g_array_new (FALSE, FALSE, sizeof (glong));
      g_autoptr (GArray) pred = g_array_new (FALSE, FALSE, sizeof (glong));
      g_autofree gunichar *cps = NULL;
      JsonObject *obj;
      JsonArray *sents;
      const char *text, *id;
      const GalleySpan *spans;
      glong n_cps, cp = 0;
      gsize byte = 0;
      guint n, gi = 0, pi = 0;
      guint64 tp0 = tp, fp0 = fp, fn0 = fn;
      guint64 *counts;

      if (!json_parser_load_from_data (parser, line, -1, &error))
        {
          g_printerr ("eval-sentences: %s: %s\n", path, error->message);
          return 2;
        }
      g_clear_pointer (&line, g_free);
      obj = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member (obj, "text");
      id = json_object_has_member (obj, "id") ? json_object_get_string_member (obj, "id") : "?";
      sents = json_object_get_array_member (obj, "sentences");
      cps = g_utf8_to_ucs4_fast (text, -1, &n_cps);
      for (guint i = 0; i < json_array_get_length (sents); i++)
        {
          JsonArray *pair = json_array_get_array_element (sents, i);
          glong s = json_array_get_int_element (pair, 0);
          glong e = trim_end (cps, s, json_array_get_int_element (pair, 1));
          if (e > s)
            g_array_append_val (gold, e);
        }
      doc = galley_harness_run_text (h, text, &error);
      if (doc == NULL)
        {
          g_printerr ("eval-sentences: %s: %s\n", id, error->message);
          return 2;
        }
      spans = galley_layer_get_spans (galley_document_get_layer (doc, GALLEY_LAYER_SENTENCE), &n);
      for (guint i = 0; i < n; i++)
        {
          glong e;
          /* byte offset -> code point offset; spans come in order */
          for (; byte < spans[i].end; byte = g_utf8_next_char (text + byte) - text)
            cp++;
          e = trim_end (cps, 0, cp);
          g_array_append_val (pred, e);
        }
      g_array_sort (gold, compare_glong);
      g_array_sort (pred, compare_glong);
      while (gi < gold->len || pi < pred->len)
        {
          glong g = gi < gold->len ? g_array_index (gold, glong, gi) : G_MAXLONG;
          glong q = pi < pred->len ? g_array_index (pred, glong, pi) : G_MAXLONG;

          if (g == q)
            tp++, gi++, pi++;
          else if (g < q)
            {
              fn++, gi++;
              if (verbose)
                show ("FN", id, cps, n_cps, g);
            }
          else
            {
              fp++, pi++;
              if (verbose)
                show ("FP", id, cps, n_cps, q);
            }
        }
      docs++;
      if (by_genre)
        {
          const char *genre = json_object_has_member (obj, "genre")
                                ? json_object_get_string_member (obj, "genre") : "?";
          if ((counts = g_hash_table_lookup (genres, genre)) == NULL)
            g_hash_table_insert (genres, g_strdup (genre), counts = g_new0 (guint64, 3));
          counts[0] += tp - tp0, counts[1] += fp - fp0, counts[2] += fn - fn0;
        }
    }
  if (error != NULL)
    {
      g_printerr ("eval-sentences: %s: %s\n", path, error->message);
      return 2;
    }
  if (by_genre)
    {
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (genres, NULL);
      guint n_keys = g_hash_table_size (genres);

      g_qsort_with_data (keys, n_keys, sizeof (gpointer), (GCompareDataFunc) compare_str, NULL);
      for (guint i = 0; i < n_keys; i++)
        {
          guint64 *c = g_hash_table_lookup (genres, keys[i]);
          printf ("  %-14s tp %5" G_GUINT64_FORMAT "  fp %4" G_GUINT64_FORMAT "  fn %4"
                  G_GUINT64_FORMAT "  F1 %.4f\n", (const char *) keys[i], c[0], c[1], c[2],
                  2.0 * c[0] / (2.0 * c[0] + c[1] + c[2]));
        }
    }
  p = tp + fp ? (double) tp / (tp + fp) : 0;
  r = tp + fn ? (double) tp / (tp + fn) : 0;
  f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  printf ("documents %" G_GUINT64_FORMAT "  gold boundaries %" G_GUINT64_FORMAT
          "  predicted %" G_GUINT64_FORMAT "\n", docs, tp + fn, tp + fp);
  printf ("precision %.4f  recall %.4f  F1 %.4f  (tp %" G_GUINT64_FORMAT "  fp %"
          G_GUINT64_FORMAT "  fn %" G_GUINT64_FORMAT ")\n", p, r, f, tp, fp, fn);
  return 0;
}
