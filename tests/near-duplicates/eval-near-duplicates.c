/* eval-near-duplicates.c: precision and recall of the near-duplicates
 * stage on a set from gen-copies, its speed, and the size of its index.
 *
 *   eval-near-duplicates [-p key=value]... SET.jsonl
 *
 * Runs the stage over SET in order (one thread, as with --jobs 1) and
 * counts pairs (copy, dup.of):
 *   right: a copy marked with its original, or with the document its
 *          original was itself marked a copy of (the news holds stories
 *          told twice: the group's first is then earlier still);
 *   wrong: any other mark, a copy's or an article's;
 *   missed: a copy left unmarked.
 * Articles of the news marked as copies of other news articles are also
 * counted apart: they are pairs the set does not know about, some of
 * them real duplicates in the news itself. Of the copies missed, those
 * that share no LSH band with the document that should have found them
 * (the original, or the first of its group) are counted too: no
 * threshold can find them (shingle= must be given here if not 3).
 * With -p index=FILE it commits and prints the file's bytes per indexed
 * document.
 *
 * Speed is the stage's alone (the JSON is parsed outside the clocks), by
 * the wall clock and by the thread's CPU time; on a machine shared with
 * other work the second varies less. Reading the CPU clock is a system
 * call (about 0.2 us, twice a document) that the CPU figure includes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <glib/gstdio.h>

#include <json-glib/json-glib.h>
#include <galley/galley.h>

#include "minhash.h"
#include "near-duplicates.h"

typedef struct {
  guint8 v[MINHASH_K];
} Signature;

static gboolean
share_a_band (const Signature *a, const Signature *b)
{
  for (guint band = 0; band < MINHASH_BANDS; band++)
    if (memcmp (a->v + band * MINHASH_ROWS, b->v + band * MINHASH_ROWS, MINHASH_ROWS) == 0)
      return TRUE;
  return FALSE;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) params = g_ptr_array_new ();
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GHashTable) marked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;
  const char *index = NULL;
  g_autoptr (GHashTable) signatures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint right = 0, wrong = 0, missed = 0, copies = 0, news_pairs = 0, docs = 0;
  guint never_candidates = 0, shingle = 3;
  gsize bytes = 0;
  gint64 busy = 0;
  double busy_cpu = 0;
  int arg = 1;

  for (; arg + 1 < argc && strcmp (argv[arg], "-p") == 0; arg += 2)
    {
      g_ptr_array_add (params, argv[arg + 1]);
      if (g_str_has_prefix (argv[arg + 1], "index="))
        index = argv[arg + 1] + 6;
      if (g_str_has_prefix (argv[arg + 1], "shingle="))
        shingle = (guint) g_ascii_strtoull (argv[arg + 1] + 8, NULL, 10);
    }
  g_ptr_array_add (params, NULL);
  if (arg >= argc)
    {
      fprintf (stderr, "usage: eval-near-duplicates [-p key=value]... SET.jsonl\n");
      return 2;
    }
  h = galley_harness_new (&galley_near_duplicates_stage, (const char *const *) params->pdata, &error);
  if (h == NULL || !g_file_get_contents (argv[arg], &data, NULL, &error))
    {
      fprintf (stderr, "eval-near-duplicates: %s\n", error->message);
      return 2;
    }
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GalleyDocument) doc = NULL;
      JsonObject *o;
      const char *id, *text, *copy_of, *of;
      const GalleyValue *v;
      Signature *sig;
      gint64 t0;
      double c0;

      if (lines[i][0] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      o = json_node_get_object (json_parser_get_root (parser));
      id = json_object_get_string_member (o, "id");
      text = json_object_get_string_member (o, "text");
      copy_of = json_object_get_string_member_with_default (o, "copy_of", NULL);
      doc = galley_document_new (id, text, -1);
      if (doc == NULL)
        continue;
      c0 = cpu_seconds ();
      t0 = g_get_monotonic_time ();
      if (!galley_harness_run (h, doc, &error))
        {
          fprintf (stderr, "eval-near-duplicates: %s: %s\n", id, error->message);
          return 2;
        }
      busy += g_get_monotonic_time () - t0;
      busy_cpu += cpu_seconds () - c0;
      bytes += strlen (text);
      docs++;
      v = galley_document_get_feature (doc, GALLEY_FEATURE_DUP_OF);
      of = v ? v->v.s : NULL;
      if (of != NULL)
        g_hash_table_replace (marked, g_strdup (id), g_strdup (of));
      /* outside the clocks: to tell why a copy was missed */
      sig = g_new (Signature, 1);
      if (minhash_signature (text, strlen (text), shingle, sig->v))
        g_hash_table_replace (signatures, g_strdup (id), sig);
      else
        g_clear_pointer (&sig, g_free);
      if (copy_of != NULL)
        {
          copies++;
          if (of == NULL)
            {
              const char *first = g_hash_table_lookup (marked, copy_of);
              const Signature *want = g_hash_table_lookup (signatures, first ? first : copy_of);

              missed++;
              if (sig == NULL || want == NULL || !share_a_band (sig, want))
                never_candidates++;
            }
          else if (strcmp (of, copy_of) == 0 ||
                   g_strcmp0 (of, g_hash_table_lookup (marked, copy_of)) == 0)
            right++;
          else
            wrong++;
        }
      else if (of != NULL)
        {
          news_pairs++;
          wrong++;
        }
    }
  printf ("%u documents, %u copies: %u pairs right, %u wrong (%u of them between "
          "news articles), %u missed (%u of them sharing no band with their original)\n",
          docs, copies, right, wrong, news_pairs, missed, never_candidates);
  printf ("precision %.3f (%.3f on copies only), recall %.3f\n",
          right + wrong ? (double) right / (right + wrong) : 1.0,
          right + wrong - news_pairs ? (double) right / (right + wrong - news_pairs) : 1.0,
          copies ? (double) right / copies : 1.0);
  printf ("speed: %.1f MB/s (%.0f documents/s); in CPU time %.1f MB/s (%.0f documents/s)\n",
          bytes / (busy / 1e6) / 1e6, docs / (busy / 1e6), bytes / busy_cpu / 1e6, docs / busy_cpu);
  if (index != NULL)
    {
      GStatBuf st;
      guint indexed = docs - g_hash_table_size (marked);

      if (!galley_harness_commit (h, &error))
        {
          fprintf (stderr, "eval-near-duplicates: %s\n", error->message);
          return 2;
        }
      if (g_stat (index, &st) == 0 && indexed > 0)
        printf ("index: %lld bytes for about %u documents, %.0f bytes a document\n",
                (long long) st.st_size, indexed, (double) st.st_size / indexed);
    }
  return 0;
}
