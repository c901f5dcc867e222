/* clusters.c: the exchange algorithm over word hashes (clusters.h).
 *
 * With V words, K classes, N(c, w) the count of word w after a word of
 * class c and N(c) the count of words of class c followed by another,
 * the one-sided class bigram model's log-likelihood is, up to terms that
 * do not depend on the classes,
 *   sum over c, w of f(N(c, w))  -  sum over c of f(N(c)),  f(x) = x ln x.
 * Moving word v out of its class and into class b changes only N(b, w)
 * for the words w that follow v, and N(b): the gain of each b is a sum
 * over v's successors, so a pass costs the number of distinct bigrams
 * times K. N(c, w) is a dense (V + 1) x (K + 1) table of counts: the
 * words below min_count are one word, "rare", in a class of its own
 * that never moves (they are still a context).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clusters.h"

struct _EtClusterText {
  GArray *seq;   /* guint64 word hashes, 0 between documents */
  guint64 n_words;
};

struct _EtClusters {
  guint n_classes, n_words;
  guint mask;
  guint64 *keys;     /* mask + 1 slots */
  guint16 *vals;     /* class + 1, 0: empty slot */
};

EtClusterText *
et_cluster_text_new (void)
{
  EtClusterText *t = g_new0 (EtClusterText, 1);

  t->seq = g_array_new (FALSE, FALSE, sizeof (guint64));
  return t;
}

void
et_cluster_text_free (EtClusterText *t)
{
  if (t == NULL)
    return;
  g_array_unref (t->seq);
  g_free (t);
}

void
et_cluster_text_add (EtClusterText *t, const guint64 *words, guint n)
{
  const guint64 zero = 0;

  for (guint k = 0; k < n; k++)
    {
      /* 0 separates documents: a word hashed to 0 (one in 2^64) is 1 */
      guint64 h = words[k] != 0 ? words[k] : 1;

      g_array_append_val (t->seq, h);
    }
  g_array_append_val (t->seq, zero);
  t->n_words += n;
}

guint64
et_cluster_text_tokens (const EtClusterText *t)
{
  return t->n_words;
}

static int
cmp_u64 (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* The end of the run of values equal to @a[@k] in sorted @a. */
static gsize
run_end (const guint64 *a, gsize n, gsize k)
{
  gsize j = k;

  while (j < n && a[j] == a[k])
    j++;
  return j;
}

/* The vocabulary, by decreasing count (then increasing hash, so that the
 * classes do not depend on the order of equal counts). */
typedef struct {
  guint64 hash;
  guint64 count;
} Word;

static int
cmp_word (const void *a, const void *b)
{
  const Word *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* f(x) = x ln x, by table for the small counts that most are. */
typedef struct {
  double *tab;
  guint64 n;
} XLogX;

static inline double
xlogx (const XLogX *f, guint64 x)
{
  return x < f->n ? f->tab[x] : (double) x * log ((double) x);
}

static void
put_class (EtClusters *c, guint64 h, guint cls)
{
  guint s = (guint) (h >> 17) & c->mask;

  while (c->vals[s] != 0 && c->keys[s] != h)
    s = (s + 1) & c->mask;
  c->keys[s] = h;
  c->vals[s] = (guint16) (cls + 1);
}

static EtClusters *
clusters_new (guint n_classes, guint n_words)
{
  EtClusters *c = g_new0 (EtClusters, 1);
  guint size = 16;

  while (size < 2 * n_words)
    size <<= 1;
  c->n_classes = n_classes;
  c->n_words = n_words;
  c->mask = size - 1;
  c->keys = g_new0 (guint64, size);
  c->vals = g_new0 (guint16, size);
  return c;
}

/* The id of each word of the text, rare ones V; -1 between documents. */
static gint32 *
word_ids (const EtClusterText *t, const guint64 *uniq, const guint32 *id_of_uniq, gsize n_uniq)
{
  gint32 *ids = g_new (gint32, t->seq->len);

  for (guint k = 0; k < t->seq->len; k++)
    {
      guint64 h = g_array_index (t->seq, guint64, k);
      gsize lo = 0, hi = n_uniq;

      if (h == 0)
        {
          ids[k] = -1;
          continue;
        }
      while (lo < hi)
        {
          gsize mid = (lo + hi) / 2;

          if (uniq[mid] < h)
            lo = mid + 1;
          else
            hi = mid;
        }
      ids[k] = (gint32) id_of_uniq[lo];
    }
  return ids;
}

EtClusters *
et_clusters_learn (const EtClusterText *t, const EtClusterOptions *opts)
{
  guint K = CLAMP (opts->n_classes, 2, 65535);
  gsize n = t->seq->len, n_uniq = 0, n_words = 0, V, n_big = 0, n_pairs = 0;
  g_autofree guint64 *sorted = g_memdup2 (t->seq->data, n * sizeof (guint64));
  g_autofree guint64 *uniq = NULL;
  g_autofree guint32 *id_of_uniq = NULL;
  g_autofree Word *words = NULL;
  g_autofree gint32 *ids = NULL;
  g_autofree guint64 *pairs = NULL;
  g_autofree guint32 *succ_at = NULL, *succ = NULL, *succ_n = NULL, *cls = NULL;
  g_autofree guint64 *out = NULL, *nc = NULL;
  g_autofree guint32 *m = NULL;
  g_autofree double *gain = NULL;
  XLogX f;
  EtClusters *c;

  /* the words and their counts, by sorting (no table of a node a word) */
  qsort (sorted, n, sizeof (guint64), cmp_u64);
  uniq = g_new (guint64, n + 1);
  words = g_new (Word, n + 1);
  for (gsize k = 0; k < n;)
    {
      gsize j = run_end (sorted, n, k);

      if (sorted[k] != 0)
        {
          uniq[n_uniq] = sorted[k];
          if (j - k >= MAX (opts->min_count, 1))
            {
              words[n_words].hash = sorted[k];
              words[n_words++].count = j - k;
            }
          n_uniq++;
        }
      k = j;
    }
  g_clear_pointer (&sorted, g_free);
  if (n_words == 0)
    return NULL;
  qsort (words, n_words, sizeof (Word), cmp_word);
  /* the most frequent words only, so that the table of counts stays
   * bounded whatever the text's size; the others are rare */
  V = MIN (n_words, ET_CLUSTERS_TABLE_BYTES / sizeof (guint32) / (K + 1) - 1);
  if (opts->max_words > 0)
    V = MIN (V, opts->max_words);
  /* each distinct hash's id: its rank, or V when it is rare */
  id_of_uniq = g_new (guint32, n_uniq + 1);
  for (gsize k = 0; k < n_uniq; k++)
    id_of_uniq[k] = (guint32) V;
  for (gsize v = 0; v < V; v++)
    {
      guint64 *at = bsearch (&words[v].hash, uniq, n_uniq, sizeof (guint64), cmp_u64);

      id_of_uniq[at - uniq] = (guint32) v;
    }
  ids = word_ids (t, uniq, id_of_uniq, n_uniq);

  /* the distinct bigrams (v, w) and their counts, grouped by v */
  pairs = g_new (guint64, n);
  for (gsize k = 0; k + 1 < n; k++)
    if (ids[k] >= 0 && ids[k + 1] >= 0)
      pairs[n_big++] = (guint64) ids[k] << 32 | (guint32) ids[k + 1];
  qsort (pairs, n_big, sizeof (guint64), cmp_u64);
  succ_at = g_new0 (guint32, V + 2);
  succ = g_new (guint32, n_big + 1);
  succ_n = g_new (guint32, n_big + 1);
  for (gsize k = 0; k < n_big;)
    {
      gsize j = run_end (pairs, n_big, k);

      succ[n_pairs] = (guint32) pairs[k];
      succ_n[n_pairs++] = (guint32) (j - k);
      succ_at[(pairs[k] >> 32) + 1]++;
      k = j;
    }
  for (gsize v = 0; v <= V; v++)
    succ_at[v + 1] += succ_at[v];

  /* start: classes by frequency rank, round robin; rare words class K */
  cls = g_new (guint32, V + 1);
  for (gsize v = 0; v < V; v++)
    cls[v] = (guint32) (v % K);
  cls[V] = K;
  out = g_new0 (guint64, V + 1);
  nc = g_new0 (guint64, K + 1);
  m = g_new0 (guint32, (V + 1) * (gsize) (K + 1));
  for (gsize v = 0; v <= V; v++)
    for (guint32 p = succ_at[v]; p < succ_at[v + 1]; p++)
      {
        out[v] += succ_n[p];
        m[(gsize) succ[p] * (K + 1) + cls[v]] += succ_n[p];
      }
  for (gsize v = 0; v <= V; v++)
    nc[cls[v]] += out[v];
  f.n = MIN ((guint64) n_big + 1, (guint64) 1 << 22);
  f.tab = g_new (double, f.n);
  f.tab[0] = 0;
  for (guint64 x = 1; x < f.n; x++)
    f.tab[x] = (double) x * log ((double) x);

  gain = g_new (double, K);
  for (guint pass = 0; pass < opts->passes; pass++)
    {
      guint moved = 0;

      for (gsize v = 0; v < V; v++)
        {
          guint a = cls[v], best = a;

          if (out[v] == 0)
            continue;
          for (guint32 p = succ_at[v]; p < succ_at[v + 1]; p++)
            m[(gsize) succ[p] * (K + 1) + a] -= succ_n[p];
          nc[a] -= out[v];
          for (guint b = 0; b < K; b++)
            gain[b] = xlogx (&f, nc[b]) - xlogx (&f, nc[b] + out[v]);
          for (guint32 p = succ_at[v]; p < succ_at[v + 1]; p++)
            {
              const guint32 *row = &m[(gsize) succ[p] * (K + 1)];
              guint32 k = succ_n[p];

              for (guint b = 0; b < K; b++)
                gain[b] += xlogx (&f, (guint64) row[b] + k) - xlogx (&f, row[b]);
            }
          /* a move must gain more than rounding: no word swings back
           * and forth between equal classes */
          for (guint b = 0; b < K; b++)
            if (gain[b] > gain[best] + 1e-9)
              best = b;
          for (guint32 p = succ_at[v]; p < succ_at[v + 1]; p++)
            m[(gsize) succ[p] * (K + 1) + best] += succ_n[p];
          nc[best] += out[v];
          cls[v] = best;
          moved += best != a;
        }
      if (moved == 0)
        break;
    }
  g_free (f.tab);

  c = clusters_new (K, (guint) V);
  for (gsize v = 0; v < V; v++)
    put_class (c, words[v].hash, cls[v]);
  return c;
}

void
et_clusters_free (EtClusters *c)
{
  if (c == NULL)
    return;
  g_free (c->keys);
  g_free (c->vals);
  g_free (c);
}

guint
et_clusters_n_classes (const EtClusters *c)
{
  return c->n_classes;
}

guint
et_clusters_n_words (const EtClusters *c)
{
  return c->n_words;
}

guint
et_clusters_lookup (const EtClusters *c, guint64 word)
{
  guint s = (guint) (word >> 17) & c->mask;

  while (c->vals[s] != 0)
    {
      if (c->keys[s] == word)
        return c->vals[s];
      s = (s + 1) & c->mask;
    }
  return 0;
}

static void
put_le (GByteArray *b, guint64 v, guint n)
{
  guint8 bytes[8];

  for (guint k = 0; k < n; k++)
    bytes[k] = (guint8) (v >> (8 * k));
  g_byte_array_append (b, bytes, n);
}

static guint64
get_le (const guint8 *p, guint n)
{
  guint64 v = 0;

  for (guint k = 0; k < n; k++)
    v |= (guint64) p[k] << (8 * k);
  return v;
}

void
et_clusters_write (const EtClusters *c, GByteArray *out)
{
  g_autofree guint64 *pairs = g_new (guint64, c->n_words + 1);
  g_autofree guint64 *hashes = g_new (guint64, c->n_words + 1);
  guint n = 0;

  for (guint s = 0; s <= c->mask; s++)
    if (c->vals[s] != 0)
      hashes[n++] = c->keys[s];
  qsort (hashes, n, sizeof (guint64), cmp_u64);
  put_le (out, c->n_classes, 4);
  put_le (out, n, 4);
  for (guint k = 0; k < n; k++)
    {
      put_le (out, hashes[k], 8);
      put_le (out, et_clusters_lookup (c, hashes[k]) - 1, 2);
    }
}

EtClusters *
et_clusters_read (const guint8 *p, gsize len, gsize *used)
{
  guint32 n_classes, n_words;
  guint64 prev = 0;
  EtClusters *c;

  if (len < 8)
    return NULL;
  n_classes = (guint32) get_le (p, 4);
  n_words = (guint32) get_le (p + 4, 4);
  if (n_classes < 2 || n_classes > 65535 || n_words == 0
      || (len - 8) / 10 < n_words)
    return NULL;
  c = clusters_new (n_classes, n_words);
  for (guint32 k = 0; k < n_words; k++)
    {
      const guint8 *e = p + 8 + (gsize) k * 10;
      guint64 h = get_le (e, 8);
      guint cls = (guint) get_le (e + 8, 2);

      /* increasing hashes: no word twice */
      if (cls >= n_classes || (k > 0 && h <= prev))
        {
          et_clusters_free (c);
          return NULL;
        }
      put_class (c, h, cls);
      prev = h;
    }
  *used = 8 + (gsize) n_words * 10;
  return c;
}
