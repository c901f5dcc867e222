/* bench-language.c: throughput of the language stage alone.
 *
 *   bench-language [-r REPEAT] [-p key=value] CORPUS.jsonl
 *
 * Loads every line of CORPUS (JSON Lines with "text" and an optional
 * "title"; news, or tests/bench/gen-corpus's output) as a document, then
 * times the stage's process() over all of them on one thread, REPEAT
 * times (default 5), and prints the best run: MB/s (text bytes, title
 * excluded, / wall seconds), docs/s, and how many documents got each of
 * the five most frequent languages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <galley/galley.h>

#include "language.h"

static GalleyDocument *
document_from_line (const char *line, gsize *text_bytes)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  const char *text, *title;
  GalleyDocument *doc;

  if (!json_parser_load_from_data (parser, line, -1, NULL))
    return NULL;
  obj = json_node_get_object (json_parser_get_root (parser));
  if (obj == NULL || !json_object_has_member (obj, "text"))
    return NULL;
  text = json_object_get_string_member (obj, "text");
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  doc = galley_document_new ("bench", text, -1);
  title = json_object_get_string_member_with_default (obj, "title", NULL);
  if (title != NULL && g_utf8_validate (title, -1, NULL))
    galley_document_set_meta (doc, "title", title);
  *text_bytes += strlen (text);
  return doc;
}

static int
count_compare (gconstpointer a, gconstpointer b, gpointer counts)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (counts, *(const char *const *) b)) -
         GPOINTER_TO_INT (g_hash_table_lookup (counts, *(const char *const *) a));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_document_free);
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) params = g_ptr_array_new ();
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree gpointer *codes = NULL;
  guint n_codes;
  gsize bytes = 0;
  double best = 1e30;
  int repeat = 5, arg = 1;

  for (; arg + 1 < argc && argv[arg][0] == '-'; arg += 2)
    if (strcmp (argv[arg], "-r") == 0)
      repeat = MAX (1, atoi (argv[arg + 1]));
    else if (strcmp (argv[arg], "-p") == 0)
      g_ptr_array_add (params, argv[arg + 1]);
    else
      break;
  g_ptr_array_add (params, NULL);
  if (arg >= argc)
    {
      fprintf (stderr, "usage: bench-language [-r REPEAT] [-p key=value] CORPUS.jsonl\n");
      return 2;
    }
  h = galley_harness_new (&galley_language_stage, (const char *const *) params->pdata, &error);
  if (h == NULL || !g_file_get_contents (argv[arg], &data, NULL, &error))
    {
      fprintf (stderr, "bench-language: %s\n", error->message);
      return 2;
    }
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      GalleyDocument *doc = lines[i][0] ? document_from_line (lines[i], &bytes) : NULL;
      if (doc != NULL)
        g_ptr_array_add (docs, doc);
    }

  for (int r = 0; r < repeat; r++)
    {
      gint64 t0 = g_get_monotonic_time ();

      for (guint i = 0; i < docs->len; i++)
        if (!galley_harness_run (h, g_ptr_array_index (docs, i), &error))
          {
            fprintf (stderr, "bench-language: %s\n", error->message);
            return 2;
          }
      best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
    }
  for (guint i = 0; i < docs->len; i++)
    {
      const GalleyValue *v = galley_document_get_feature (g_ptr_array_index (docs, i),
                                                          GALLEY_FEATURE_LANGUAGE);
      gpointer n = g_hash_table_lookup (counts, v->v.s);
      g_hash_table_replace (counts, g_strdup (v->v.s), GINT_TO_POINTER (GPOINTER_TO_INT (n) + 1));
    }
  printf ("language: %u docs, %.1f MB, best of %d: %.1f MB/s, %.0f docs/s;",
          docs->len, bytes / 1e6, repeat, bytes / 1e6 / best, docs->len / best);
  codes = g_hash_table_get_keys_as_array (counts, &n_codes);
  g_qsort_with_data (codes, n_codes, sizeof *codes, count_compare, counts);
  for (guint i = 0; i < MIN (n_codes, 5); i++)
    printf (" %s %d", (char *) codes[i], GPOINTER_TO_INT (g_hash_table_lookup (counts, codes[i])));
  printf ("\n");
  return 0;
}
