/* eval-sentiment.c: agreement of the sentiment stage with human ratings.
 *
 *   eval-sentiment [-v] [-e] [-t T] [-p key=value]... FILE.tsv...
 *
 * Each line of FILE is id<TAB>rating<TAB>text, the rating a human mean in
 * -4..4. Each text is run through tokenizer ! sentiment as one document
 * and its document compound (sentiment.compound) is compared with the
 * rating: Pearson and Spearman correlation, and 3-class accuracy where the
 * human classes are rating < -0.5 negative, > 0.5 positive, else neutral,
 * and the predicted classes compound < -T negative, > T positive, else
 * neutral, T = 0.05 by default (VADER's customary threshold; -t T). -v prints every text's
 * compound; -e runs the entity tagger before the sentiment stage (whose
 * names then carry no valence); -p passes a parameter to the sentiment
 * stage.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>

#include "entity-tagger.h"
#include "sentiment.h"
#include "tokenizer.h"

typedef struct {
  double x, y;
  double rx, ry;
  guint i;
} Pair;

static double
pearson (const double *x, const double *y, guint n)
{
  double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;

  for (guint i = 0; i < n; i++)
    mx += x[i], my += y[i];
  mx /= n, my /= n;
  for (guint i = 0; i < n; i++)
    {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
  return sxx > 0 && syy > 0 ? sxy / sqrt (sxx * syy) : 0;
}

static const double *sort_key;

static int
by_key (const void *a, const void *b)
{
  double x = sort_key[*(const guint *) a], y = sort_key[*(const guint *) b];
  return x < y ? -1 : x > y;
}

/* average ranks, ties sharing the mean rank */
static void
ranks (const double *v, double *r, guint n)
{
  g_autofree guint *idx = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    idx[i] = i;
  sort_key = v;
  qsort (idx, n, sizeof *idx, by_key);
  for (guint i = 0; i < n;)
    {
      guint j = i;
      while (j + 1 < n && v[idx[j + 1]] == v[idx[i]])
        j++;
      for (guint k = i; k <= j; k++)
        r[idx[k]] = (i + j) / 2.0 + 1;
      i = j + 1;
    }
}

static int
class_of (double v, double lo, double hi)
{
  return v < lo ? -1 : v > hi ? 1 : 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) params = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GArray) human = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) pred = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean verbose = FALSE, entities = FALSE;
  double threshold = 0.05;
  int first = 1;
  guint n, correct = 0;
  g_autofree double *rh = NULL, *rp = NULL;

  for (; first < argc && argv[first][0] == '-'; first++)
    {
      if (strcmp (argv[first], "-v") == 0)
        verbose = TRUE;
      else if (strcmp (argv[first], "-e") == 0)
        entities = TRUE;
      else if (strcmp (argv[first], "-t") == 0 && first + 1 < argc)
        threshold = g_ascii_strtod (argv[++first], NULL);
      else if (strcmp (argv[first], "-p") == 0 && first + 1 < argc)
        g_ptr_array_add (params, argv[++first]);
      else
        break;
    }
  g_ptr_array_add (params, NULL);
  if (first >= argc)
    {
      fprintf (stderr, "usage: eval-sentiment [-v] [-e] [-t T] [-p key=value]... FILE.tsv...\n");
      return 2;
    }
  h = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  if (h == NULL ||
      (entities && !galley_harness_add (h, &galley_entity_tagger_stage, NULL, &error)) ||
      !galley_harness_add (h, &galley_sentiment_stage,
                           (const char *const *) params->pdata, &error))
    {
      fprintf (stderr, "eval-sentiment: %s\n", error->message);
      return 2;
    }

  for (int f = first; f < argc; f++)
    {
      g_autofree char *data = NULL;
      g_auto (GStrv) lines = NULL;

      if (!g_file_get_contents (argv[f], &data, NULL, &error))
        {
          fprintf (stderr, "eval-sentiment: %s\n", error->message);
          return 2;
        }
      lines = g_strsplit (data, "\n", -1);
      for (guint l = 0; lines[l]; l++)
        {
          g_auto (GStrv) fields = NULL;
          g_autoptr (GalleyDocument) doc = NULL;
          const GalleyValue *v;
          double rating, compound;
          char *end;

          g_strchomp (lines[l]);
          if (lines[l][0] == '\0' || lines[l][0] == '#')
            continue;
          fields = g_strsplit (lines[l], "\t", 3);
          if (g_strv_length (fields) < 3)
            {
              fprintf (stderr, "%s:%u: expected id<TAB>rating<TAB>text\n", argv[f], l + 1);
              return 2;
            }
          rating = g_ascii_strtod (fields[1], &end);
          if (*end != '\0')
            {
              fprintf (stderr, "%s:%u: bad rating '%s'\n", argv[f], l + 1, fields[1]);
              return 2;
            }
          if (!g_utf8_validate (fields[2], -1, NULL))
            continue;
          doc = galley_harness_run_text (h, fields[2], &error);
          if (doc == NULL)
            {
              fprintf (stderr, "%s:%u: %s\n", argv[f], l + 1, error->message);
              return 2;
            }
          v = galley_document_get_feature (doc, "sentiment.compound");
          compound = v ? v->v.d : 0;
          g_array_append_val (human, rating);
          g_array_append_val (pred, compound);
          if (verbose)
            printf ("%s\t%.3f\t%.4f\t%s\n", fields[0], rating, compound, fields[2]);
        }
    }

  n = human->len;
  if (n < 2)
    {
      fprintf (stderr, "eval-sentiment: fewer than two rated texts\n");
      return 2;
    }
  rh = g_new (double, n);
  rp = g_new (double, n);
  ranks ((double *) human->data, rh, n);
  ranks ((double *) pred->data, rp, n);
  for (guint i = 0; i < n; i++)
    if (class_of (g_array_index (human, double, i), -0.5, 0.5) ==
        class_of (g_array_index (pred, double, i), -threshold, threshold))
      correct++;
  printf ("texts %u  pearson %.4f  spearman %.4f  accuracy3 %.4f\n", n,
          pearson ((double *) human->data, (double *) pred->data, n),
          pearson (rh, rp, n), (double) correct / n);
  return 0;
}
