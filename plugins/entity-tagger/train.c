/* train.c: the averaged structured perceptron (see model.h for why).
 *
 * Each region of each training document is one example: decode it with
 * the current weights and, where the best labels differ from the gold,
 * add one to the gold labels' features and transitions and take one from
 * the predicted ones (and to the weights that labels share, see Learner).
 * The weights kept are the average over every
 * example of every epoch, computed without copying with the usual trick:
 * beside each weight w a sum u of (step * update), and average = w - u/step.
 * Averaging is the regularisation; early stopping on the dev set chooses
 * the epoch. Features are hashed and numbered once, when a document is
 * added, so an epoch is only array arithmetic (GUM's 150 training
 * documents: about a second per epoch). Copies of the documents with
 * other names or in capitals (EtCopy, `--augment`) are examples too; by
 * cross-validation on GUM every kind lost (PERSON, ORG and LOC F1 0.788,
 * 0.785, 0.784 for seeds 1-3 without; replace=0.25 0.786, 0.783, 0.783;
 * upper=0.05,title=0.05 0.780, 0.786, 0.779), so the built-in model has
 * none: they are for text that GUM lacks, headlines in capitals.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "train.h"

typedef struct {
  guint n;              /* tokens */
  guint32 *off;         /* n + 1 offsets into feats */
  gint32 *feats;        /* feature ids, -1: unknown (dev only) */
  guint8 *gold;         /* n labels */
  guint epoch;          /* a copy's (EtCopy), 0 for every epoch */
  double share;         /* a copy's of every epoch: the chance it is learned from */
} Seq;

struct _EtTrainer {
  guint n_types;
  char *types[ET_MODEL_MAX_TYPES];
  gboolean scored[ET_MODEL_MAX_TYPES];  /* the tagger has a name for it */
  guint n_labels;
  GHashTable *ids;      /* feature hash -> id + 1 */
  GArray *keys;         /* guint64 by id */
  GPtrArray *train, *dev;
  GPtrArray *copies;    /* Seq of the copies, by epoch */
  guint dev_gold;       /* scored gold names in the dev documents */
  const EtWordNet *wordnet;  /* or NULL: no WordNet features */
  const EtDict *dict;        /* or NULL: no dictionary features */
  const EtClusters *clusters;  /* or NULL: no word class features */
};

static void
seq_free (gpointer p)
{
  Seq *s = p;

  g_free (s->off);
  g_free (s->feats);
  g_free (s->gold);
  g_free (s);
}

EtTrainer *
et_trainer_new (const char *const *types, const EtWordNet *wordnet, const EtDict *dict,
                const EtClusters *clusters)
{
  EtTrainer *tr = g_new0 (EtTrainer, 1);

  tr->clusters = clusters;
  tr->wordnet = wordnet;
  tr->dict = dict;
  for (guint t = 0; types[t] != NULL && t < ET_MODEL_MAX_TYPES; t++)
    {
      int et = et_type_from_name (types[t]);

      tr->types[t] = g_strdup (types[t]);
      tr->scored[t] = et > ET_NONE && et < ET_N_TYPES;
      tr->n_types++;
    }
  tr->n_labels = 1 + 4 * tr->n_types;
  tr->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  tr->keys = g_array_new (FALSE, FALSE, sizeof (guint64));
  tr->train = g_ptr_array_new_with_free_func (seq_free);
  tr->dev = g_ptr_array_new_with_free_func (seq_free);
  tr->copies = g_ptr_array_new_with_free_func (seq_free);
  return tr;
}

void
et_trainer_free (EtTrainer *tr)
{
  if (tr == NULL)
    return;
  for (guint t = 0; t < tr->n_types; t++)
    g_free (tr->types[t]);
  g_hash_table_unref (tr->ids);
  g_array_unref (tr->keys);
  g_ptr_array_unref (tr->train);
  g_ptr_array_unref (tr->dev);
  g_ptr_array_unref (tr->copies);
  g_free (tr);
}

/* The id of feature @h; a new one for training documents, -1 for an
 * unseen one in a dev document. The hash table's keys are
 * their own allocation; ids are stored + 1, so that 0 is "absent". */
static gint32
feature_id (EtTrainer *tr, guint64 h, gboolean add)
{
  gpointer v = g_hash_table_lookup (tr->ids, &h);
  guint64 *key;

  if (v != NULL || !add)
    return GPOINTER_TO_INT (v) - 1;
  key = g_new (guint64, 1);
  *key = h;
  g_array_append_val (tr->keys, h);
  g_hash_table_insert (tr->ids, key, GINT_TO_POINTER (tr->keys->len));
  return (gint32) tr->keys->len - 1;
}

/* The gold labels of the tokens; a name that a region does not hold
 * whole is left out (the model could never output it). */
static void
gold_labels (const Doc *d, const EtDocView *v, const EtGold *gold, guint n_gold,
             guint8 *labels, guint *n_dev_gold, const gboolean *scored)
{
  guint32 *rid = g_new0 (guint32, d->n + 1);

  for (guint r = 0; r < v->n_regions; r++)
    for (guint32 j = v->regions[r].a; j < v->regions[r].b; j++)
      rid[j] = r + 1;
  for (guint g = 0; g < n_gold; g++)
    {
      guint32 a = G_MAXUINT32, b = 0;

      if (scored[gold[g].type])
        (*n_dev_gold)++;
      for (guint32 j = 0; j < d->n; j++)
        if (d->toks[j].start < gold[g].end && d->toks[j].end > gold[g].start)
          {
            a = MIN (a, j);
            b = j + 1;
          }
      if (a == G_MAXUINT32 || rid[a] == 0)
        continue;
      for (guint32 j = a; j < b; j++)
        if (rid[j] != rid[a] || labels[j] != 0)
          goto next;
      for (guint32 j = a; j < b; j++)
        labels[j] = (guint8) et_label (gold[g].type, b - a == 1 ? BILOU_U : j == a ? BILOU_B
                                       : j + 1 == b ? BILOU_L : BILOU_I);
    next:
      ;
    }
  g_free (rid);
}

/* Whether a copy keeps region @r (labels: the document's gold). */
static gboolean
keep_region (const EtCopy *copy, const EtRegion *r, const guint8 *labels)
{
  gboolean named = !copy->named_only;

  for (guint32 j = r->a; j < r->b && !named; j++)
    named = labels[j] != 0;
  return named && (copy->epoch == 0 || g_rand_double (copy->rand) < copy->share);
}

/* The regions of @d, or of a copy (@copy not NULL), as examples. */
static void
add_regions (EtTrainer *tr, const Doc *d, const EtGold *gold, guint n_gold, gboolean dev,
             const EtCopy *copy)
{
  EtDocView v;
  g_autofree guint8 *labels = g_new0 (guint8, d->n + 1);
  guint ignored = 0;

  et_doc_view_init (&v, d, tr->wordnet, tr->dict, tr->clusters);
  gold_labels (d, &v, gold, n_gold, labels, dev ? &tr->dev_gold : &ignored, tr->scored);
  for (guint r = 0; r < v.n_regions; r++)
    {
      const EtRegion *rg = &v.regions[r];
      Seq *s;
      g_autoptr (GArray) feats = NULL;
      EtFeatures f;

      if (copy != NULL && !keep_region (copy, rg, labels))
        continue;
      s = g_new0 (Seq, 1);
      feats = g_array_new (FALSE, FALSE, sizeof (gint32));
      s->n = rg->b - rg->a;
      s->off = g_new (guint32, s->n + 1);
      s->gold = g_memdup2 (labels + rg->a, s->n);
      s->epoch = copy != NULL ? copy->epoch : 0;
      s->share = copy != NULL ? copy->share : 1;
      for (guint i = 0; i < s->n; i++)
        {
          s->off[i] = feats->len;
          et_token_features (d, &v, rg->a + i, &f);
          for (guint k = 0; k < f.n; k++)
            {
              gint32 id = feature_id (tr, f.f[k], !dev);

              if (id >= 0)
                g_array_append_val (feats, id);
            }
        }
      s->off[s->n] = feats->len;
      s->feats = (gint32 *) g_array_free (g_steal_pointer (&feats), FALSE);
      g_ptr_array_add (copy != NULL ? tr->copies : dev ? tr->dev : tr->train, s);
    }
  et_doc_view_clear (&v);
}

void
et_trainer_add (EtTrainer *tr, const Doc *d, const EtGold *gold, guint n_gold, gboolean dev)
{
  add_regions (tr, d, gold, n_gold, dev, NULL);
}

void
et_trainer_add_copy (EtTrainer *tr, const Doc *d, const EtGold *gold, guint n_gold,
                     const EtCopy *copy)
{
  add_regions (tr, d, gold, n_gold, FALSE, copy);
}

/* The weights being learned, and their running sums for the average.
 *
 * A feature's row holds a weight per label and, after them, weights that
 * labels share: one per BILOU place whatever the type (a word that
 * begins names), one per type whatever the place (a word of
 * organisations), and one per type for "a name of it starts here" (B, U)
 * and "ends here" (L, U). A label's score adds its own weight and those
 * of its shares (cols), and an update moves them all, so what is learned
 * of B-ORG also moves U-ORG and I-ORG, which saw fewer examples: GUM's 171
 * training documents leave most (feature, label) pairs with few. The
 * model keeps only the sums, one weight per label, so the file and the
 * tagger are as without sharing. Measured by 5-fold cross-validation
 * (7 epochs, seeds 1-3), PERSON, ORG and LOC 0.770, 0.770, 0.769 without
 * shares, 0.776 each with them (ORG 0.628, 0.639, 0.630 -> 0.654, 0.648,
 * 0.644); the place shares alone 0.765, 0.769, 0.770, the type ones
 * alone 0.774, 0.777, 0.770, adding an "any name" share 0.775, 0.774,
 * 0.775. */
#define MAX_SHARES 4   /* U: its place, its type, its type's start and end */
typedef struct {
  guint L;
  guint W;              /* a row's width: L, then the shared columns */
  guint n_cols[ET_MODEL_MAX_LABELS];
  guint cols[ET_MODEL_MAX_LABELS][1 + MAX_SHARES];  /* the columns a label's score adds */
  float *w, *u;
  float tw[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS];
  float tu[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS];
  float step;
} Learner;

/* The columns of each label (see Learner): its own, its place's, its
 * type's, and its type's start or end column. */
static void
share_columns (Learner *ln, guint n_types)
{
  const guint place = ln->L, type = place + 4, edge = type + n_types;

  ln->W = edge + 2 * n_types;
  ln->n_cols[0] = 1;
  ln->cols[0][0] = 0;   /* Outside shares nothing */
  for (guint l = 1; l < ln->L; l++)
    {
      guint t = et_label_type (l), b = et_label_bilou (l), n = 0;

      ln->cols[l][n++] = l;
      ln->cols[l][n++] = place + b;
      ln->cols[l][n++] = type + t;
      if (b == BILOU_B || b == BILOU_U)
        ln->cols[l][n++] = edge + 2 * t;
      if (b == BILOU_L || b == BILOU_U)
        ln->cols[l][n++] = edge + 2 * t + 1;
      ln->n_cols[l] = n;
    }
}

static void
emissions (const Learner *ln, const Seq *s, gboolean averaged, float *emit)
{
  const guint L = ln->L;

  memset (emit, 0, sizeof (float) * s->n * L);
  for (guint i = 0; i < s->n; i++)
    for (guint32 k = s->off[i]; k < s->off[i + 1]; k++)
      {
        const float *w = &ln->w[(gsize) s->feats[k] * ln->W];
        const float *u = &ln->u[(gsize) s->feats[k] * ln->W];

        for (guint l = 0; l < L; l++)
          for (guint c = 0; c < ln->n_cols[l]; c++)
            {
              guint col = ln->cols[l][c];

              emit[i * L + l] += averaged ? w[col] - u[col] / ln->step : w[col];
            }
      }
}

static void
averaged_trans (const Learner *ln, float out[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS])
{
  for (guint p = 0; p < ln->L; p++)
    for (guint l = 0; l < ln->L; l++)
      out[p][l] = ln->tw[p][l] - ln->tu[p][l] / ln->step;
}

static void
bump (Learner *ln, const Seq *s, guint i, guint label, float delta)
{
  for (guint32 k = s->off[i]; k < s->off[i + 1]; k++)
    for (guint c = 0; c < ln->n_cols[label]; c++)
      {
        gsize at = (gsize) s->feats[k] * ln->W + ln->cols[label][c];

        ln->w[at] += delta;
        ln->u[at] += delta * ln->step;
      }
}

static void
bump_trans (Learner *ln, guint p, guint l, float delta)
{
  ln->tw[p][l] += delta;
  ln->tu[p][l] += delta * ln->step;
}

/* One example: decode, and learn from the difference. Returns whether
 * the decoded labels differed from the gold. */
static gboolean
learn (Learner *ln, const Seq *s, float *emit, float *score, guint8 *back, guint8 *pred)
{
  gboolean wrong;

  emissions (ln, s, FALSE, emit);
  et_viterbi (emit, s->n, ln->L, (const float (*)[ET_MODEL_MAX_LABELS]) ln->tw, pred, score,
              back);
  wrong = memcmp (pred, s->gold, s->n) != 0;
  if (wrong)
    for (guint i = 0; i <= s->n; i++)
      {
        guint gp = i > 0 ? s->gold[i - 1] : 0, pp = i > 0 ? pred[i - 1] : 0;
        guint gc = i < s->n ? s->gold[i] : 0, pc = i < s->n ? pred[i] : 0;

        if (i < s->n && gc != pc)
          {
            bump (ln, s, i, gc, 1.0f);
            bump (ln, s, i, pc, -1.0f);
          }
        if (gp != pp || gc != pc)
          {
            bump_trans (ln, gp, gc, 1.0f);
            bump_trans (ln, pp, pc, -1.0f);
          }
      }
  ln->step += 1.0f;
  return wrong;
}

/* Counts the names of @labels (scored types only) and those that equal
 * the gold's. */
static void
count_spans (const EtTrainer *tr, const guint8 *labels, const guint8 *gold, guint n,
             guint *n_pred, guint *n_correct)
{
  for (guint i = 0; i < n; i++)
    {
      guint b;

      if (labels[i] == 0 || (et_label_bilou (labels[i]) != BILOU_B
                             && et_label_bilou (labels[i]) != BILOU_U)
          || !tr->scored[et_label_type (labels[i])])
        continue;
      for (b = i + 1; et_label_bilou (labels[b - 1]) == BILOU_B
                      || et_label_bilou (labels[b - 1]) == BILOU_I; b++)
        ;
      (*n_pred)++;
      if (memcmp (labels + i, gold + i, b - i) == 0 && (b == n || gold[b] == 0
                                                        || et_label_bilou (gold[b]) == BILOU_B
                                                        || et_label_bilou (gold[b]) == BILOU_U))
        (*n_correct)++;
    }
}

static double
dev_f1 (const EtTrainer *tr, const Learner *ln, float *emit, float *score, guint8 *back,
        guint8 *pred, double *p_out, double *r_out)
{
  float trans[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS];
  guint n_pred = 0, n_correct = 0;
  double p, r;

  averaged_trans (ln, trans);
  for (guint k = 0; k < tr->dev->len; k++)
    {
      const Seq *s = g_ptr_array_index (tr->dev, k);

      emissions (ln, s, TRUE, emit);
      et_viterbi (emit, s->n, ln->L, (const float (*)[ET_MODEL_MAX_LABELS]) trans, pred, score,
                  back);
      count_spans (tr, pred, s->gold, s->n, &n_pred, &n_correct);
    }
  p = n_pred ? (double) n_correct / n_pred : 0;
  r = tr->dev_gold ? (double) n_correct / tr->dev_gold : 0;
  *p_out = p;
  *r_out = r;
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void
keep_average (const EtTrainer *tr, const Learner *ln, EtWeights *w)
{
  for (gsize f = 0; f < tr->keys->len; f++)
    for (guint l = 0; l < ln->L; l++)
      {
        float sum = 0;

        for (guint c = 0; c < ln->n_cols[l]; c++)
          {
            gsize at = f * ln->W + ln->cols[l][c];

            sum += ln->w[at] - ln->u[at] / ln->step;
          }
        w->rows[f * ln->L + l] = sum;
      }
  averaged_trans (ln, w->trans);
}

static guint
max_seq_len (const EtTrainer *tr)
{
  guint m = 1;

  for (guint k = 0; k < tr->train->len; k++)
    m = MAX (m, ((const Seq *) g_ptr_array_index (tr->train, k))->n);
  for (guint k = 0; k < tr->dev->len; k++)
    m = MAX (m, ((const Seq *) g_ptr_array_index (tr->dev, k))->n);
  for (guint k = 0; k < tr->copies->len; k++)
    m = MAX (m, ((const Seq *) g_ptr_array_index (tr->copies, k))->n);
  return m;
}

static void
shuffle (guint *a, guint n, GRand *rand)
{
  for (guint k = n; k > 1; k--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) k);
      guint tmp = a[k - 1];

      a[k - 1] = a[j];
      a[j] = tmp;
    }
}

/* The examples of an epoch into @list, shuffled: the documents' (in
 * @order, shuffled again each epoch, as before there were copies) and the
 * epoch's copies (numbered after them) mixed in, so that a copy and its
 * document seldom follow each other. Returns how many. */
static guint
epoch_examples (const EtTrainer *tr, guint epoch, guint *order, guint *list, GRand *rand)
{
  guint n = tr->train->len, m = n;

  shuffle (order, n, rand);
  memcpy (list, order, sizeof (guint) * n);
  if (tr->copies->len == 0)
    return n;
  for (guint k = 0; k < tr->copies->len; k++)
    {
      const Seq *s = g_ptr_array_index (tr->copies, k);

      if (s->epoch == epoch || (s->epoch == 0 && g_rand_double (rand) < s->share))
        list[m++] = n + k;
    }
  shuffle (list, m, rand);
  return m;
}

EtWeights *
et_trainer_run (EtTrainer *tr, const EtTrainOptions *opts)
{
  EtWeights *w = g_new0 (EtWeights, 1);
  Learner ln = { 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (opts->seed);
  guint max_len = max_seq_len (tr), since_best = 0, n = tr->train->len;
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree guint *list = g_new (guint, MAX (n + tr->copies->len, 1));
  g_autofree float *emit = g_new (float, (gsize) max_len * tr->n_labels);
  g_autofree float *score = g_new (float, (gsize) max_len * tr->n_labels);
  g_autofree guint8 *back = g_new (guint8, (gsize) max_len * tr->n_labels);
  g_autofree guint8 *pred = g_new (guint8, max_len);
  double best = -1;

  w->flags = (tr->wordnet != NULL ? ET_MODEL_FLAG_WORDNET : 0)
             | (tr->dict != NULL ? ET_MODEL_FLAG_DICT : 0)
             | (tr->clusters != NULL ? ET_MODEL_FLAG_CLUSTERS : 0);
  w->clusters = tr->clusters;
  w->n_types = tr->n_types;
  for (guint t = 0; t < tr->n_types; t++)
    w->types[t] = g_strdup (tr->types[t]);
  w->n_labels = ln.L = tr->n_labels;
  w->n_feats = tr->keys->len;
  w->keys = g_memdup2 (tr->keys->data, sizeof (guint64) * MAX (w->n_feats, 1));
  w->rows = g_new0 (float, (gsize) MAX (w->n_feats, 1) * ln.L);
  share_columns (&ln, tr->n_types);
  ln.w = g_new0 (float, (gsize) MAX (w->n_feats, 1) * ln.W);
  ln.u = g_new0 (float, (gsize) MAX (w->n_feats, 1) * ln.W);
  ln.step = 1.0f;
  for (guint k = 0; k < n; k++)
    order[k] = k;
  for (guint epoch = 1; epoch <= opts->max_epochs; epoch++)
    {
      double f1, p = 0, r = 0;
      guint n_wrong = 0, m = epoch_examples (tr, epoch, order, list, rand);

      for (guint k = 0; k < m; k++)
        n_wrong += learn (&ln, list[k] < n ? g_ptr_array_index (tr->train, list[k])
                                           : g_ptr_array_index (tr->copies, list[k] - n),
                          emit, score, back, pred);
      if (tr->dev->len == 0)
        {
          /* no dev set: every epoch runs, the last one is kept */
          if (epoch == opts->max_epochs)
            keep_average (tr, &ln, w);
          if (opts->progress)
            fprintf (opts->progress, "epoch %u: %u of %u regions mislabelled while learning\n",
                     epoch, n_wrong, m);
          continue;
        }
      f1 = dev_f1 (tr, &ln, emit, score, back, pred, &p, &r);
      if (opts->progress)
        fprintf (opts->progress, "epoch %u: dev P %.3f R %.3f F1 %.3f%s\n", epoch, p, r, f1,
                 f1 > best ? " (best)" : "");
      if (f1 > best)
        {
          best = f1;
          since_best = 0;
          keep_average (tr, &ln, w);
        }
      else if (++since_best >= opts->patience)
        {
          if (opts->progress)
            fprintf (opts->progress, "stopping: no better dev F1 in %u epochs\n", since_best);
          break;
        }
    }
  g_free (ln.w);
  g_free (ln.u);
  return w;
}

void
et_weights_free (EtWeights *w)
{
  if (w == NULL)
    return;
  for (guint t = 0; t < w->n_types; t++)
    g_free (w->types[t]);
  g_free (w->keys);
  g_free (w->rows);
  g_free (w);
}
