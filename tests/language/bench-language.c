/* bench-language.c: throughput of the language stage alone.
 *
 *   bench-language [-r REPEAT] [-p key=value]... [-c] [-v] CORPUS.jsonl
 *
 * Loads every line of CORPUS (JSON Lines with "text" and an optional
 * "title"; news, or tests/bench/gen-corpus's output) as a document, then
 * times the stage's process() over all of them on one thread, REPEAT
 * times (default 5), and prints the best run: MB/s (text bytes, title
 * excluded, / wall seconds), docs/s, and how many documents got each of
 * the five most frequent languages.
 *
 * -c then checks the first tier against CLD2: it runs the stage again
 * with fast=false, prints how many documents the first tier answered and
 * each document (line number, both answers, title) whose language
 * differs. -v prints the first tier's score of every document instead
 * (line, CLD2's answer, words, words in a list, ASCII and other letters,
 * English words, the runner-up: the language with the most words that
 * are not English, its words shared with English and not, the tier's
 * answer), the figures its thresholds were set from.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <galley/galley.h>

#include "detect-fast.h"
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

/* The first tier's score of @doc, judged as the stage judges it. */
static void
score_document (GalleyDocument *doc, gsize sample, LanguageScore *score)
{
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  const char *title = galley_document_get_meta (doc, "title");

  language_score_init (score);
  if (title != NULL)
    language_score_text (score, title, language_sample_len (title, strlen (title), sample));
  language_score_text (score, text, language_sample_len (text, len, sample));
}

static const char *
language_of (GalleyDocument *doc)
{
  return galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE)->v.s;
}

/* -c and -v: the stage with fast=false against the answers in @docs. */
static int
compare_with_cld2 (GPtrArray *docs, GPtrArray *params, gsize sample, gboolean verbose)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) cld2 = NULL;
  guint answered = 0, differ = 0;

  g_ptr_array_insert (params, params->len - 1, (gpointer) "fast=false");
  cld2 = galley_harness_new (&galley_language_stage, (const char *const *) params->pdata, &error);
  if (cld2 == NULL)
    {
      fprintf (stderr, "bench-language: %s\n", error->message);
      return 2;
    }
  for (guint i = 0; i < docs->len; i++)
    {
      GalleyDocument *doc = g_ptr_array_index (docs, i);
      g_autofree char *both = g_strdup (language_of (doc));
      const char *title = galley_document_get_meta (doc, "title");
      LanguageScore score;
      LanguageGuess guess;
      gboolean fast;
      guint best = 0, second = 0;

      if (!galley_harness_run (cld2, doc, &error))
        {
          fprintf (stderr, "bench-language: %s\n", error->message);
          return 2;
        }
      score_document (doc, sample, &score);
      fast = language_score_decide (&score, &guess);
      answered += fast;
      if (strcmp (both, language_of (doc)) != 0)
        {
          differ++;
          if (!verbose)
            printf ("line %u: %s (first tier: %s), CLD2 alone %s: %s\n", i + 1, both,
                    fast ? "yes" : "no", language_of (doc), title ? title : "");
        }
      if (!verbose)
        continue;
      /* the runner-up: the most words of one language that English lacks */
      for (guint l = 0; l < FW_N_LANGUAGES; l++)
        if (score.own[l] > second)
          {
            best = l;
            second = score.own[l];
          }
      printf ("%u\t%s\t%u\t%u\t%u\t%u\t%u\t%s\t%u\t%u\t%s\n", i + 1, language_of (doc),
              score.words, score.matched, score.ascii_letters, score.other_letters,
              score.trusted, function_words_code (best),
              language_score_shared (&score, best), second, fast ? guess.code : "-");
    }
  printf ("first tier answered %u of %u documents; %u differ from CLD2 alone\n",
          answered, docs->len, differ);
  return 0;
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
  gboolean compare = FALSE, verbose = FALSE;
  gsize sample = 512;

  for (; arg + 1 < argc && argv[arg][0] == '-'; arg++)
    if (strcmp (argv[arg], "-c") == 0)
      compare = TRUE;
    else if (strcmp (argv[arg], "-v") == 0)
      verbose = compare = TRUE;
    else if (strcmp (argv[arg], "-r") == 0)
      repeat = atoi (argv[++arg]);  /* not in MAX (), which reads it twice */
    else if (strcmp (argv[arg], "-p") == 0)
      {
        g_ptr_array_add (params, argv[++arg]);
        if (g_str_has_prefix (argv[arg], "sample="))
          sample = atoi (argv[arg] + strlen ("sample="));
      }
    else
      break;
  g_ptr_array_add (params, NULL);
  repeat = MAX (1, repeat);
  if (arg >= argc)
    {
      fprintf (stderr, "usage: bench-language [-r REPEAT] [-p key=value]... [-c] [-v] CORPUS.jsonl\n");
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
  return compare ? compare_with_cld2 (docs, params, sample, verbose) : 0;
}
