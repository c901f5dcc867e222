/* model.c: the model file, Viterbi decoding, and applying a model to a
 * document (see model.h).
 *
 * The file, little-endian:
 *   "GALLEYET", u32 format version (ET_MODEL_VERSION), u32 flags
 *   (ET_MODEL_FLAG_*: what the model needs beside its file),
 *   u32 number of types, each as u8 length + name bytes,
 *   (1 + 4 * types)^2 f32 transition weights,
 *   u32 number of rows, each u64 feature hash, u8 number of weights,
 *   and that many (u8 label, f32 weight);
 *   with ET_MODEL_FLAG_CLUSTERS, then the word classes (clusters.h's
 *   et_clusters_write()).
 * Only non-zero weights are written: a perceptron touches few labels of
 * most features, so a model trained on GUM's 213 documents is about a
 * megabyte (a dense table would be ten times that).
 *
 * In memory the rows are dense (n_labels floats each) behind an open
 * addressing table of the hashes and their rows' numbers, so a feature
 * costs one probe and one row of adds; a token's slots are all
 * prefetched before the first is read, and its rows before they are
 * added. Speed (issue 17, fourteenth round), callgrind, one job, the
 * real-news file, tokenizer ! entity-tagger model=gum: the pipeline
 * 3,683 M -> 3,016 M instructions, the stage 3,387 M -> 2,720 M (the
 * decoder 670 M -> 306 M, the emissions 1,391 M -> 956 M, features
 * included); the run's CPU 0.638-0.694 s -> 0.548-0.580 s (8
 * alternated runs each, load 2.6-3.0).
 *
 * Fifteenth round, measured the same way: the pipeline 3,016 M ->
 * 2,602 M instructions, the stage 2,720 M -> 2,306 M (the rules alone:
 * 772 M), mispredicted branches 38.6 M -> 36.6 M, first-level data read
 * misses 22.9 M -> 21.0 M. A feature of a small value finds its row by
 * index in a table made at load time (direct_rows()), which features
 * need a hash is marked as they are added, and none is resolved behind
 * a branch of its own; the decoder handles one-token regions (65% of
 * them) and the I and L labels apart, and with AVX takes eight labels
 * and sums rows eight floats at a time (decoder 306 M -> 203 M,
 * emissions with their features 956 M -> 802 M); the mentions' rebuild
 * 117 M -> 51 M. The run's CPU 0.461-0.485 s -> 0.435-0.449 s (10
 * alternated runs each, load 2.5-2.6). Without AVX (have_wide() false)
 * the stage takes 2,464 M instructions; CPU 0.453-0.492 s against
 * 0.458-0.484 s with it (10 alternated runs, load 2.5-2.6): the wider
 * loops save instructions, not measurable time.
 *
 * Seventeenth round, measured the same way (the pipeline without the
 * stage 295.8 M): a word cache a thread (CacheEntry below) gives a
 * token its affixes' hashes, the word list's class and the rows of its
 * word, shape and affixes; 83% of the 353,656 decoded tokens hit it.
 * The pipeline 2,591.8 M -> 2,508.0 M instructions, the stage
 * 2,295.9 M -> 2,212.1 M (2.9 times the rules' 762.9 M), the emissions
 * with their features 801.7 M -> 715.4 M; the stage's mispredicted
 * branches 33.8 M -> 33.5 M, its first-level data read misses 20.5 M
 * -> 20.0 M (region_emissions() 11.7 M -> 11.2 M). The run's CPU
 * (perf stat task-clock, 12 alternated runs each, load 1.7-1.9):
 * 442-477 ms (median 455) -> 431-496 ms (median 449.5), within the
 * noise. The cache saves less than the 250 M estimated: the statics
 * cost 250 instructions a word (15.0 M for the 60,172 misses), and the
 * five probes it spares were prefetched already. Tried and
 * dropped: a cache of the rows the neighbours' words and shapes give
 * (keyed by the value, -7 M instructions in region_emissions(), +0.25 M
 * mispredicted branches); the features' first 30 places written
 * without add()'s test of the cap (-3.5 M).
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include <galley/galley-input.h>

#include "model.h"
#include "entity-tagger-resources.h"

/* A slot of the feature table: the hash and its row side by side, so a
 * probe reads one cache line, not one of the keys and one of the rows'
 * numbers (two arrays, 17.9% and 12.7% of the pipeline's D1 misses). */
typedef struct {
  guint64 key;
  guint32 row;
  guint32 pad;
} EtSlot;

/* The word cache (issue 17, seventeenth round): what of a token's
 * features depends on its bytes alone (the affixes' hashes, the word
 * list's class) and the rows of the five such features (the word, the
 * shape, the affixes), for the last word seen at each of CACHE_SIZE
 * places a thread (direct-mapped: a new word evicts the old one). A
 * word of more than CACHE_BYTES bytes is never cached. The entry is
 * keyed by the word's exact bytes, its kind and its hash (word_id()),
 * so a hit gives what the computation would give: the same values at
 * the same places, the 64-feature cap as before. 4,096 entries of 112
 * bytes, 448 KiB a thread: on the real-news file with model=gum
 * (callgrind, one job) 60,172 of the 353,656 decoded tokens miss and
 * the run takes 2,508.0 M instructions; with 1,024 entries 97,767 miss
 * and it takes 2,526.2 M. */
#define CACHE_BYTES 24
#define CACHE_SIZE 4096
#define CACHE_SHIFT (64 - 12)
G_STATIC_ASSERT (CACHE_SIZE == 1 << (64 - CACHE_SHIFT));
enum { N_CACHED = 5 };
static const guint8 cached_at[N_CACHED] = {
  ET_AT_WORD, ET_AT_SHAPE, ET_AT_PREFIX3, ET_AT_SUFFIX3, ET_AT_SUFFIX4,
};
#define CACHED_MASK \
  ((G_GUINT64_CONSTANT (1) << ET_AT_WORD) | (G_GUINT64_CONSTANT (1) << ET_AT_SHAPE) \
   | (G_GUINT64_CONSTANT (1) << ET_AT_PREFIX3) | (G_GUINT64_CONSTANT (1) << ET_AT_SUFFIX3) \
   | (G_GUINT64_CONSTANT (1) << ET_AT_SUFFIX4))

typedef struct {
  guint64 word;                 /* the token's word hash */
  EtWordStatics ws;
  const float *row[N_CACHED];   /* the rows of the features at cached_at[] */
  guint8 len;                   /* bytes, 0: empty */
  guint8 kind;
  char bytes[CACHE_BYTES];
} CacheEntry;

typedef struct {
  CacheEntry e[CACHE_SIZE];
} WordCache;

/* Values of a template below this are looked up by index, not hashed. */
#define DIRECT_VALUES ET_SMALL_VALUES

struct _EtModel {
  guint n_types;
  int et_types[ET_MODEL_MAX_TYPES];   /* EtType of each model type, or -1 (MISC) */
  guint n_labels;
  float trans[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS];
  EtDecoder decoder;  /* over trans, made once at load time */
  guint mask;
  EtSlot *slots;     /* mask + 1 of them, key 0 empty */
  guint stride;      /* floats a row takes: n_labels rounded up to a Vec4 */
  /* n_rows rows of stride floats, the padding zero, then a row of
   * zeros that features the model does not know read */
  float *rows;
  guint32 zero_row;
  /* the row of each template's values below DIRECT_VALUES (zero_row for
   * those the model does not know): made at load time from the same
   * hashes (see direct_rows()) */
  guint32 direct[ET_N_TEMPLATES][DIRECT_VALUES];
  guint32 flags;      /* ET_MODEL_FLAG_* */
  EtWordNet *wordnet; /* with ET_MODEL_FLAG_WORDNET, else NULL */
  EtDict *dict;       /* with ET_MODEL_FLAG_DICT, else NULL */
  EtClusters *clusters;  /* with ET_MODEL_FLAG_CLUSTERS, else NULL */
  /* the word caches not in use, one taken by each document being
   * tagged: per thread in effect, and freed with the model whose rows
   * they point at. A pthread mutex, as the tagger's pool has (tagger.h) */
  pthread_mutex_t cache_lock;
  GPtrArray *caches;
};

/* Four floats added at once (SSE on x86-64, NEON on arm64); each lane
 * adds the same numbers in the same order as a scalar loop would, so
 * the sums are the same to the bit. */
typedef float Vec4 __attribute__ ((vector_size (16)));
typedef gint32 Int4 __attribute__ ((vector_size (16)));

/* On x86-64 the two loops that take most of the vector work have a
 * second version in 32-byte vectors, compiled for AVX and called when
 * the processor has it (WIDE). Not one source in two clones: without
 * AVX the compiler lowers 32-byte vectors badly (the decoder's labels
 * took 520 M instructions instead of 173 M, the run 0.547-0.585 s of
 * CPU against 0.447-0.480 s, 10 alternated runs, load 3.3-3.5). */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define WIDE 1
#define WIDE_FN __attribute__ ((target ("avx")))
#define have_wide() __builtin_cpu_supports ("avx")
typedef float Vec8 __attribute__ ((vector_size (32)));
typedef gint32 Int8 __attribute__ ((vector_size (32)));
#else
#define WIDE 0
#define have_wide() 0
#endif

gboolean
et_label_allowed (guint prev, guint cur)
{
  gboolean prev_open = prev != 0 && (et_label_bilou (prev) == BILOU_B
                                     || et_label_bilou (prev) == BILOU_I);

  if (!prev_open)
    return cur == 0 || et_label_bilou (cur) == BILOU_B || et_label_bilou (cur) == BILOU_U;
  return cur != 0 && et_label_type (cur) == et_label_type (prev)
         && (et_label_bilou (cur) == BILOU_I || et_label_bilou (cur) == BILOU_L);
}

void
et_decoder_init (EtDecoder *dc, guint L,
                 const float trans[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS])
{
  dc->L = L;
  dc->trans = trans;
  dc->n_open = dc->n_closed = dc->n_single = 0;
  for (guint l = 0; l < L; l++)
    {
      if (et_label_allowed (0, l))
        dc->open[dc->n_open++] = (guint8) l;
      if (et_label_allowed (l, 0))
        dc->closed[dc->n_closed++] = (guint8) l;
      if (et_label_allowed (0, l) && et_label_allowed (l, 0))
        dc->single[dc->n_single++] = (guint8) l;
    }
  memset (dc->tt, 0, sizeof dc->tt);
  for (guint c = 0; c < dc->n_closed; c++)
    for (guint o = 0; o < dc->n_open; o++)
      dc->tt[c][o] = trans[dc->closed[c]][dc->open[o]];
  memset (dc->inner, 0, sizeof dc->inner);
  for (guint b = 1; b + 3 < L; b += 4)
    {
      float *in = dc->inner[(b - 1) / 4];

      in[0] = trans[b][b + 1];
      in[1] = trans[b + 1][b + 1];
      in[2] = trans[b][b + 2];
      in[3] = trans[b + 1][b + 2];
    }
}

/* A name's I or L label: the better of its B and I before, the first
 * (B) at a tie, and neither (0) when both are -inf, as the loop over
 * every allowed predecessor chose. */
static inline void
inner_label (float sb, float si, guint b, float emit, float *score, guint8 *back)
{
  float bs = -INFINITY;
  guint bp = 0;

  if (sb > bs)
    {
      bs = sb;
      bp = b;
    }
  if (si > bs)
    {
      bs = si;
      bp = b + 1;
    }
  *score = bs + emit;
  *back = (guint8) bp;
}

/* The I and L labels of every type, from their own transitions side by
 * side (dc->inner): the loops over each label's two predecessors, with
 * their indices worked out each time, and the whole decoder for a
 * region of one token, took 133 M instructions of et_decode()'s own on
 * the real-news file with model=gum (callgrind, one job); this way and
 * with single_label() 86 M, the I and L labels 44 M of it. */
static inline void
inner_labels (const EtDecoder *dc, const float *prev, const float *emit, float *score,
              guint8 *back)
{
  for (guint b = 1; b + 3 < dc->L; b += 4)
    {
      const float *in = dc->inner[(b - 1) / 4];
      float pb = prev[b], pi = prev[b + 1];

      inner_label (pb + in[0], pi + in[1], b, emit[b + 1], &score[b + 1], &back[b + 1]);
      inner_label (pb + in[2], pi + in[3], b, emit[b + 2], &score[b + 2], &back[b + 2]);
    }
}

/* Labels that may open a name (O, each B and U) follow exactly the
 * labels that close one (O, each L and U): for those the best
 * predecessor is taken eight labels at once, each lane comparing the
 * same sums in the same increasing order as the scalar loop did (the
 * first of equal scores wins), so the path is the same to the bit. On
 * the real-news file with model=gum (5 types, 11 such labels of 21)
 * this took the decoder from 670 M instructions (et_viterbi over a
 * predecessor list it worked out each time, et_label_allowed called
 * out of line) to 306 M, 173 M of them here with four labels at once;
 * eight at once (with AVX, see WIDE) 116 M. */
#if WIDE
WIDE_FN static void
open_labels8 (const EtDecoder *dc, const float *prev, const float *emit, float *score,
             guint8 *back)
{
  guint nv = (dc->n_open + 7) / 8;
  Vec8 bs[ET_MODEL_MAX_LABELS / 8 + 1];
  Int8 bp[ET_MODEL_MAX_LABELS / 8 + 1];

  for (guint q = 0; q < nv; q++)
    {
      for (guint j = 0; j < 8; j++)
        bs[q][j] = -INFINITY;
      bp[q] = (Int8) { 0 };
    }
  for (guint c = 0; c < dc->n_closed; c++)
    {
      float pc = prev[dc->closed[c]];
      gint32 p = dc->closed[c];
      Vec8 pv = { pc, pc, pc, pc, pc, pc, pc, pc };
      Int8 pi = { p, p, p, p, p, p, p, p };

      for (guint q = 0; q < nv; q++)
        {
          Vec8 t, sum;
          Int8 m;

          memcpy (&t, &dc->tt[c][8 * q], sizeof t);
          sum = pv + t;
          m = sum > bs[q];
          bs[q] = (Vec8) (((Int8) bs[q] & ~m) | ((Int8) sum & m));
          bp[q] = (bp[q] & ~m) | (pi & m);
        }
    }
  for (guint o = 0; o < dc->n_open; o++)
    {
      guint l = dc->open[o];

      score[l] = bs[o / 8][o % 8] + emit[l];
      back[l] = (guint8) bp[o / 8][o % 8];
    }
}
#endif

/* open_labels8()'s work four labels at a time, without AVX. */
static void
open_labels4 (const EtDecoder *dc, const float *prev, const float *emit, float *score,
              guint8 *back)
{
  guint nv = (dc->n_open + 3) / 4;
  Vec4 bs[ET_MODEL_MAX_LABELS / 4 + 1];
  Int4 bp[ET_MODEL_MAX_LABELS / 4 + 1];

  for (guint q = 0; q < nv; q++)
    {
      bs[q] = (Vec4) { -INFINITY, -INFINITY, -INFINITY, -INFINITY };
      bp[q] = (Int4) { 0, 0, 0, 0 };
    }
  for (guint c = 0; c < dc->n_closed; c++)
    {
      float pc = prev[dc->closed[c]];
      Vec4 pv = { pc, pc, pc, pc };
      gint32 p = dc->closed[c];
      Int4 pi = { p, p, p, p };

      for (guint q = 0; q < nv; q++)
        {
          Vec4 t, sum;
          Int4 m;

          memcpy (&t, &dc->tt[c][4 * q], sizeof t);
          sum = pv + t;
          m = sum > bs[q];
          bs[q] = (Vec4) (((Int4) bs[q] & ~m) | ((Int4) sum & m));
          bp[q] = (bp[q] & ~m) | (pi & m);
        }
    }
  for (guint o = 0; o < dc->n_open; o++)
    {
      guint l = dc->open[o];

      score[l] = bs[o / 4][o % 4] + emit[l];
      back[l] = (guint8) bp[o / 4][o % 4];
    }
}

static inline void
open_labels (const EtDecoder *dc, const float *prev, const float *emit, float *score,
             guint8 *back)
{
#if WIDE
  if (have_wide ())
    {
      open_labels8 (dc, prev, emit, score, back);
      return;
    }
#endif
  open_labels4 (dc, prev, emit, score, back);
}

/* The label of a one-token region: the labels that may both open and
 * close a name, scored with the same sums in the same order as the
 * whole decoder does (the others' -inf never wins there). Most regions
 * are one token: 121,934 of the real-news file's 188,545. */
static guint8
single_label (const EtDecoder *dc, const float *emit)
{
  guint best = 0;
  float best_score = -INFINITY;

  for (guint k = 0; k < dc->n_single; k++)
    {
      guint l = dc->single[k];
      float s = emit[l] + dc->trans[0][l] + dc->trans[l][0];

      if (s > best_score)
        {
          best_score = s;
          best = l;
        }
    }
  return (guint8) best;
}

void
et_decode (const EtDecoder *dc, const float *emit, guint n, guint8 *out, float *score,
           guint8 *back)
{
  guint L = dc->L, best = 0;
  float best_score = -INFINITY;

  if (n == 1)
    {
      out[0] = single_label (dc, emit);
      return;
    }
  for (guint l = 0; l < L; l++)
    score[l] = -INFINITY;
  for (guint o = 0; o < dc->n_open; o++)
    score[dc->open[o]] = emit[dc->open[o]] + dc->trans[0][dc->open[o]];
  for (guint i = 1; i < n; i++)
    {
      const float *prev = &score[(i - 1) * L];

      open_labels (dc, prev, &emit[i * L], &score[i * L], &back[i * L]);
      /* a name's I or L follows its B or I */
      inner_labels (dc, prev, &emit[i * L], &score[i * L], &back[i * L]);
    }
  for (guint c = 0; c < dc->n_closed; c++)
    {
      guint l = dc->closed[c];
      float s = score[(n - 1) * L + l] + dc->trans[l][0];

      if (s > best_score)
        {
          best_score = s;
          best = l;
        }
    }
  for (guint i = n; i-- > 0;)
    {
      out[i] = (guint8) best;
      if (i > 0)
        best = back[i * L + best];
    }
}

void
et_viterbi (const float *emit, guint n, guint L,
            const float trans[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS],
            guint8 *out, float *score, guint8 *back)
{
  EtDecoder dc;

  et_decoder_init (&dc, L, trans);
  et_decode (&dc, emit, n, out, score, back);
}

/* Writing. */

static void
put_u32 (GByteArray *b, guint32 v)
{
  v = GUINT32_TO_LE (v);
  g_byte_array_append (b, (const guint8 *) &v, 4);
}

static void
put_f32 (GByteArray *b, float f)
{
  guint32 v;

  memcpy (&v, &f, 4);
  put_u32 (b, v);
}

gboolean
et_model_save (const EtWeights *w, const char *path, GError **error)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  guint n_rows = 0, rows_at;

  g_byte_array_append (b, (const guint8 *) ET_MODEL_MAGIC, 8);
  put_u32 (b, ET_MODEL_VERSION);
  put_u32 (b, w->flags);
  put_u32 (b, w->n_types);
  for (guint t = 0; t < w->n_types; t++)
    {
      guint8 len = (guint8) strlen (w->types[t]);

      g_byte_array_append (b, &len, 1);
      g_byte_array_append (b, (const guint8 *) w->types[t], len);
    }
  for (guint p = 0; p < w->n_labels; p++)
    for (guint l = 0; l < w->n_labels; l++)
      put_f32 (b, w->trans[p][l]);
  rows_at = b->len;
  put_u32 (b, 0);
  for (guint f = 0; f < w->n_feats; f++)
    {
      const float *row = &w->rows[(gsize) f * w->n_labels];
      guint8 count = 0;
      guint64 key = GUINT64_TO_LE (w->keys[f]);

      for (guint l = 0; l < w->n_labels; l++)
        count += row[l] != 0.0f;
      if (count == 0)
        continue;
      g_byte_array_append (b, (const guint8 *) &key, 8);
      g_byte_array_append (b, &count, 1);
      for (guint8 l = 0; l < w->n_labels; l++)
        if (row[l] != 0.0f)
          {
            g_byte_array_append (b, &l, 1);
            put_f32 (b, row[l]);
          }
      n_rows++;
    }
  n_rows = GUINT32_TO_LE (n_rows);
  memcpy (b->data + rows_at, &n_rows, 4);
  if (w->flags & ET_MODEL_FLAG_CLUSTERS)
    et_clusters_write (w->clusters, b);
  return g_file_set_contents (path, (const char *) b->data, b->len, error);
}

/* Reading: a cursor that fails once with the offset. */

typedef struct {
  const guint8 *p, *end, *start;
  gboolean bad;
} Reader;

static gboolean
take (Reader *r, void *dst, gsize n)
{
  if (r->bad || (gsize) (r->end - r->p) < n)
    {
      r->bad = TRUE;
      memset (dst, 0, n);
      return FALSE;
    }
  memcpy (dst, r->p, n);
  r->p += n;
  return TRUE;
}

static guint32
take_u32 (Reader *r)
{
  guint32 v;

  take (r, &v, 4);
  return GUINT32_FROM_LE (v);
}

static float
take_f32 (Reader *r)
{
  guint32 v = take_u32 (r);
  float f;

  memcpy (&f, &v, 4);
  return isfinite (f) ? f : 0.0f;
}

/* The row of @key, the row of zeros when the model does not know it. */
static const float *
model_row (const EtModel *m, guint64 key)
{
  guint s = (guint) (key >> 17) & m->mask;

  while (m->slots[s].key != 0)
    {
      if (m->slots[s].key == key)
        return &m->rows[(gsize) m->slots[s].row * m->stride];
      s = (s + 1) & m->mask;
    }
  return &m->rows[(gsize) m->zero_row * m->stride];
}

static gboolean
read_rows (EtModel *m, Reader *r, const char *path, GError **error)
{
  guint32 n_rows = take_u32 (r);
  guint size = 16;

  /* each row takes at least 9 bytes: a count beyond the file is a lie */
  if (r->bad || n_rows > (gsize) (r->end - r->p) / 9)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: truncated model file (row count)", path);
      return FALSE;
    }
  while (size < 2 * n_rows)
    size <<= 1;
  m->mask = size - 1;
  m->slots = g_new0 (EtSlot, size);
  m->stride = (m->n_labels + 3) & ~3u;
  m->rows = g_new0 (float, ((gsize) n_rows + 1) * m->stride);
  m->zero_row = n_rows;
  for (guint32 k = 0; k < n_rows; k++)
    {
      guint64 key;
      guint8 count;
      guint s;

      take (r, &key, 8);
      key = GUINT64_FROM_LE (key) | 1;
      take (r, &count, 1);
      s = (guint) (key >> 17) & m->mask;
      while (m->slots[s].key != 0 && m->slots[s].key != key)
        s = (s + 1) & m->mask;
      m->slots[s].key = key;
      m->slots[s].row = k;
      for (guint8 c = 0; c < count; c++)
        {
          guint8 l;
          float v;

          take (r, &l, 1);
          v = take_f32 (r);
          if (l < m->n_labels)
            m->rows[(gsize) k * m->stride + l] = v;
        }
      if (r->bad)
        break;
    }
  if (r->bad)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: truncated model file (at byte %" G_GSIZE_FORMAT ")", path,
                   (gsize) (r->end - r->start));
      return FALSE;
    }
  return TRUE;
}

/* The word classes after the rows, when the flags say there are. */
static gboolean
read_clusters (EtModel *m, Reader *r, const char *path, GError **error)
{
  gsize used = 0;

  if (!(m->flags & ET_MODEL_FLAG_CLUSTERS))
    return TRUE;
  m->clusters = et_clusters_read (r->p, (gsize) (r->end - r->p), &used);
  if (m->clusters == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: bad or truncated word classes (at byte %" G_GSIZE_FORMAT ")", path,
                   (gsize) (r->p - r->start));
      return FALSE;
    }
  r->p += used;
  return TRUE;
}

/* Most templates have few values (the case, the kind, the rules' label,
 * a flag): each of those values' rows is found once here, so a token's
 * feature of a small value costs one index instead of a hash and a probe
 * of the 2 MB table. The rows are the same, added in the same order. */
static void
direct_rows (EtModel *m)
{
  for (guint t = 0; t < ET_N_TEMPLATES; t++)
    {
      guint64 seed = et_feature_seed (t);

      for (guint v = 0; v < DIRECT_VALUES; v++)
        {
          guint64 key = et_feature_key (seed, v);
          guint s = (guint) (key >> 17) & m->mask;

          m->direct[t][v] = m->zero_row;
          while (m->slots[s].key != 0 && m->slots[s].key != key)
            s = (s + 1) & m->mask;
          if (m->slots[s].key == key)
            m->direct[t][v] = m->slots[s].row;
        }
    }
}

/* What the flags ask for beside the file: WordNet's names, read from
 * @wordnet_dir, and a word list, from @dict_path. */
static gboolean
load_needs (EtModel *m, guint32 flags, const char *path, const char *wordnet_dir,
            const char *dict_path, GError **error)
{
  if (flags & ET_MODEL_FLAG_WORDNET)
    {
      m->wordnet = et_wordnet_load (wordnet_dir ? wordnet_dir : ET_WORDNET_DIR, error);
      if (m->wordnet == NULL)
        {
          g_prefix_error (error, "%s was trained with WordNet's names: ", path);
          return FALSE;
        }
    }
  if (flags & ET_MODEL_FLAG_DICT)
    {
      m->dict = et_dict_load (dict_path ? dict_path : ET_DICT_PATH, error);
      if (m->dict == NULL)
        {
          g_prefix_error (error, "%s was trained with a word list: ", path);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_header (EtModel *m, Reader *r, const char *path, GError **error)
{
  char magic[8];
  guint32 version, n_types;

  if (!take (r, magic, 8) || memcmp (magic, ET_MODEL_MAGIC, 8) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: not an entity-tagger model (made by 'galley train entity-tagger')",
                   path);
      return FALSE;
    }
  version = take_u32 (r);
  if (version != ET_MODEL_VERSION)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: model format version %u, but this Galley reads version %d only: "
                   "%s", path, version, ET_MODEL_VERSION,
                   version > ET_MODEL_VERSION ? "upgrade Galley, or train the model again "
                   "with this one" : "train the model again with this Galley");
      return FALSE;
    }
  m->flags = take_u32 (r);
  /* before any section: a flag of a newer Galley may mean one this
   * Galley cannot read */
  if (!r->bad && (m->flags & ~(ET_MODEL_FLAG_WORDNET | ET_MODEL_FLAG_DICT | ET_MODEL_FLAG_CLUSTERS)))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: unknown model flags 0x%x: upgrade Galley, or train the model "
                   "again with this one", path, m->flags);
      return FALSE;
    }
  n_types = take_u32 (r);
  if (r->bad || n_types == 0 || n_types > ET_MODEL_MAX_TYPES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: bad number of entity types (%u; 1 to %d)", path, n_types,
                   ET_MODEL_MAX_TYPES);
      return FALSE;
    }
  m->n_types = n_types;
  m->n_labels = 1 + 4 * n_types;
  for (guint t = 0; t < n_types; t++)
    {
      guint8 len = 0;
      char name[256];
      int et;

      take (r, &len, 1);
      take (r, name, len);
      name[len] = '\0';
      et = et_type_from_name (name);
      /* types of the training data that the tagger has no name for (MISC)
       * are learned as a contrast and never written */
      m->et_types[t] = et > ET_NONE && et < ET_N_TYPES ? et : -1;
    }
  for (guint p = 0; p < m->n_labels; p++)
    for (guint l = 0; l < m->n_labels; l++)
      m->trans[p][l] = take_f32 (r);
  if (r->bad)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: truncated model file (header)", path);
      return FALSE;
    }
  return TRUE;
}

EtModel *
et_model_load (const char *path, const char *wordnet_dir, const char *dict_path,
               GError **error)
{
  g_autofree char *data = NULL;
  gsize len;

  /* "PATH: cannot open: REASON", as every reader says it */
  if ((data = galley_input_read_file (path, 0, &len, error)) == NULL)
    return NULL;
  return et_model_parse (data, len, path, wordnet_dir, dict_path, error);
}

/* The models compiled into the plugin (data/NAME.model), by name. */
static const char *const builtin_models[] = { "gum", NULL };

EtModel *
et_model_open (const char *name, const char *wordnet_dir, const char *dict_path,
               GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  const char *data;
  gsize len;
  EtModel *m;

  if (!g_strv_contains (builtin_models, name))
    {
      m = et_model_load (name, wordnet_dir, dict_path, &local);
      /* a bare word that is no file was most likely meant as a built-in
       * model's name: say which there are */
      if (m == NULL && strchr (name, '/') == NULL
          && !g_file_test (name, G_FILE_TEST_EXISTS))
        {
          g_autofree char *names = g_strjoinv (", ", (char **) builtin_models);

          g_prefix_error (&local, "neither a built-in model (%s) nor a file: ", names);
        }
      if (m == NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return m;
    }
  path = g_strdup_printf ("/org/galley/entity-tagger/%s.model", name);
  bytes = g_resource_lookup_data (entity_tagger_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  /* compiled in: a missing entry is a build bug */
  g_assert (bytes != NULL);
  data = g_bytes_get_data (bytes, &len);
  label = g_strdup_printf ("built-in model '%s'", name);
  return et_model_parse (data, len, label, wordnet_dir, dict_path, error);
}

EtModel *
et_model_parse (const char *data, gsize len, const char *path, const char *wordnet_dir,
                const char *dict_path, GError **error)
{
  EtModel *m;
  Reader r;

  r.p = r.start = (const guint8 *) data;
  r.end = r.p + len;
  r.bad = FALSE;
  m = g_new0 (EtModel, 1);
  pthread_mutex_init (&m->cache_lock, NULL);
  m->caches = g_ptr_array_new_with_free_func (g_free);
  /* the file first: a damaged model is reported as such, not as a
   * missing WordNet or word list */
  if (!read_header (m, &r, path, error) || !read_rows (m, &r, path, error)
      || !read_clusters (m, &r, path, error)
      || !load_needs (m, m->flags, path, wordnet_dir, dict_path, error))
    {
      et_model_free (m);
      return NULL;
    }
  et_decoder_init (&m->decoder, m->n_labels, m->trans);
  direct_rows (m);
  return m;
}

void
et_model_free (EtModel *m)
{
  if (m == NULL)
    return;
  g_free (m->slots);
  g_free (m->rows);
  g_ptr_array_unref (m->caches);
  pthread_mutex_destroy (&m->cache_lock);
  et_wordnet_free (m->wordnet);
  et_clusters_free (m->clusters);
  et_dict_free (m->dict);
  g_free (m);
}

/* Applying. */

static inline Vec4
load4 (const float *p)
{
  Vec4 x;

  memcpy (&x, p, sizeof x);
  return x;
}

/* The sums of @n rows of @nq Vec4s, into @acc: 24 labels at a time over
 * all the rows, the sums kept in registers, then four; each lane adds
 * the rows in the features' order (the same bits as a scalar loop).
 * Rows outer and labels inner took 491 M instructions (acc[] through
 * memory each time), four labels at a time 392 M, 24 at a time 175 M,
 * and in 32-byte vectors with AVX (sum_rows8()) 112 M. */
static void
sum_rows4 (const float *const *rows, guint n, guint nq, Vec4 *acc)
{
  guint q = 0;

  for (; q + 6 <= nq; q += 6)
    {
      Vec4 s0 = { 0 }, s1 = { 0 }, s2 = { 0 }, s3 = { 0 }, s4 = { 0 }, s5 = { 0 };

      for (guint k = 0; k < n; k++)
        {
          const float *r = rows[k] + 4 * q;

          s0 += load4 (r);
          s1 += load4 (r + 4);
          s2 += load4 (r + 8);
          s3 += load4 (r + 12);
          s4 += load4 (r + 16);
          s5 += load4 (r + 20);
        }
      acc[q] = s0;
      acc[q + 1] = s1;
      acc[q + 2] = s2;
      acc[q + 3] = s3;
      acc[q + 4] = s4;
      acc[q + 5] = s5;
    }
  for (; q < nq; q++)
    {
      Vec4 sum = { 0, 0, 0, 0 };

      for (guint k = 0; k < n; k++)
        sum += load4 (rows[k] + 4 * q);
      acc[q] = sum;
    }
}

#if WIDE
/* *@s += the eight floats at @p */
WIDE_FN static inline void
add8 (Vec8 *s, const float *p)
{
  Vec8 x;

  memcpy (&x, p, sizeof x);
  *s += x;
}

/* sum_rows4()'s sums in 32-byte vectors, the same in every lane. */
WIDE_FN static void
sum_rows8 (const float *const *rows, guint n, guint nq, Vec4 *acc)
{
  guint q = 0;

  for (; q + 6 <= nq; q += 6)
    {
      Vec8 s0 = { 0 }, s1 = { 0 }, s2 = { 0 };

      for (guint k = 0; k < n; k++)
        {
          const float *r = rows[k] + 4 * q;

          add8 (&s0, r);
          add8 (&s1, r + 8);
          add8 (&s2, r + 16);
        }
      memcpy (&acc[q], &s0, sizeof s0);
      memcpy (&acc[q + 2], &s1, sizeof s1);
      memcpy (&acc[q + 4], &s2, sizeof s2);
    }
  for (; q < nq; q++)
    {
      Vec4 sum = { 0, 0, 0, 0 };

      for (guint k = 0; k < n; k++)
        sum += load4 (rows[k] + 4 * q);
      acc[q] = sum;
    }
}
#endif

static inline void
sum_rows (const float *const *rows, guint n, guint nq, Vec4 *acc)
{
#if WIDE
  if (have_wide ())
    {
      sum_rows8 (rows, n, nq, acc);
      return;
    }
#endif
  sum_rows4 (rows, n, nq, acc);
}

static WordCache *
take_cache (const EtModel *m)
{
  EtModel *mm = (EtModel *) m;
  WordCache *c = NULL;

  pthread_mutex_lock (&mm->cache_lock);
  if (mm->caches->len > 0)
    c = g_ptr_array_steal_index_fast (mm->caches, mm->caches->len - 1);
  pthread_mutex_unlock (&mm->cache_lock);
  return c != NULL ? c : g_new0 (WordCache, 1);
}

static void
give_cache (const EtModel *m, WordCache *c)
{
  EtModel *mm = (EtModel *) m;

  pthread_mutex_lock (&mm->cache_lock);
  g_ptr_array_add (mm->caches, c);
  pthread_mutex_unlock (&mm->cache_lock);
}

/* Token @i's entry in @c: its own word's when @hit, else the one it may
 * take (NULL when too long to be cached). */
static inline CacheEntry *
cache_entry (WordCache *c, const Doc *d, const EtDocView *v, guint i, gboolean *hit)
{
  const Token *t = &d->toks[i];
  guint len = t->end - t->start;
  guint64 word = v->word[i + 2];
  CacheEntry *e;

  *hit = FALSE;
  if (len - 1 >= CACHE_BYTES)
    return NULL;
  e = &c->e[(word ^ v->shape[i + 2] * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> CACHE_SHIFT];
  *hit = e->len == len && e->word == word && e->kind == t->kind
         && memcmp (e->bytes, d->text + t->start, len) == 0;
  return e;
}

static void
region_emissions (const EtModel *m, WordCache *cache, const Doc *d, const EtDocView *v,
                  guint a, guint b, float *emit)
{
  EtFeatureValues f;
  guint nq = m->stride / 4;

  for (guint i = a; i < b; i++)
    {
      Vec4 acc[ET_MODEL_MAX_LABELS / 4 + 1];
      const float *rows[ET_MAX_FEATURES];
      guint64 keys[ET_MAX_FEATURES];
      guint64 hashed, all, cached = 0;
      EtWordStatics ws;
      gboolean hit;
      CacheEntry *e = cache_entry (cache, d, v, i, &hit);

      if (hit)
        {
          et_token_feature_values_with (d, v, i, &e->ws, &f);
          cached = CACHED_MASK;
          for (guint j = 0; j < N_CACHED; j++)
            rows[cached_at[j]] = e->row[j];
        }
      else
        {
          et_word_statics (d, v, i, &ws);
          et_token_feature_values_with (d, v, i, &ws, &f);
        }
      all = f.n < 64 ? (G_GUINT64_CONSTANT (1) << f.n) - 1 : ~G_GUINT64_CONSTANT (0);
      all &= ~cached;
      /* the features of small values by index, the others by their
       * hash, without a branch on which is which: every slot asked for
       * before the first is read (the table, 2 MB with gum, is far from
       * the cache, and the misses then overlap), and a feature the
       * model does not know adds the row of zeros (which changes no
       * sum: one that starts at +0 is never -0). The prefetches cost
       * 118 M instructions on the real-news file but the run's CPU was
       * 0.547-0.599 s with them, 0.555-0.615 s without (two sets of 8
       * alternated runs, load 2.5-3.0). A branch on each feature's
       * value and one on whether its row exists cost 18 M instructions
       * and 3.5 M mispredicted branches more. */
      hashed = f.large & all;
      for (guint64 h = hashed; h != 0; h &= h - 1)
        {
          guint k = (guint) __builtin_ctzll (h);

          keys[k] = et_feature_key (f.seed[k], f.value[k]);
          __builtin_prefetch (&m->slots[(guint) (keys[k] >> 17) & m->mask]);
        }
      for (guint64 h = ~hashed & all; h != 0; h &= h - 1)
        {
          guint k = (guint) __builtin_ctzll (h);

          rows[k] = &m->rows[(gsize) m->direct[f.tmpl[k]][f.value[k]] * m->stride];
          __builtin_prefetch (rows[k]);
          __builtin_prefetch (rows[k] + m->stride - 1);
        }
      for (guint64 h = hashed; h != 0; h &= h - 1)
        {
          guint k = (guint) __builtin_ctzll (h);

          rows[k] = model_row (m, keys[k]);
          __builtin_prefetch (rows[k]);
          __builtin_prefetch (rows[k] + m->stride - 1);
        }
      if (e != NULL && !hit)
        {
          const Token *t = &d->toks[i];

          e->len = (guint8) (t->end - t->start);
          e->kind = (guint8) t->kind;
          e->word = v->word[i + 2];
          memcpy (e->bytes, d->text + t->start, e->len);
          e->ws = ws;
          for (guint j = 0; j < N_CACHED; j++)
            e->row[j] = rows[cached_at[j]];
        }
      sum_rows (rows, f.n, nq, acc);
      memcpy (&emit[(i - a) * m->n_labels], acc, sizeof (float) * m->n_labels);
    }
}

/* The rules' numeric mentions (DATE to CARDINAL) that no model name
 * overlaps stay; named mentions are the model's. A label of a type the
 * tagger does not output (GUM's MISC, which covers weekdays and months
 * too) is no name: it must not take a date away. */
static gboolean
keep_rule_mention (const EtModel *model, const Mention *m, const guint8 *labels)
{
  if (m->type < ET_DATE || m->type >= ET_N_TYPES)
    return FALSE;
  for (guint32 j = m->a; j < m->b; j++)
    if (labels[j] != 0 && model->et_types[et_label_type (labels[j])] >= 0)
      return FALSE;
  return TRUE;
}

/* Adds the model's name [a, b) of model type @type; the rules' mention
 * of the same span, if any, gives its canonical form. Returns the index
 * of that rule mention, or -1. */
static gint
add_model_mention (const EtModel *model, Doc *d, const Mention *old, guint n_old,
                   guint *cursor, guint32 a, guint32 b, guint type)
{
  Mention *m;

  if (model->et_types[type] < 0)
    return -2;
  m = doc_add_mention (d, a, b, model->et_types[type], 2);
  /* the old mentions are in token order and the model's come in token
   * order too: a cursor, not a search from the start for each (which
   * made a document of 100,000 names quadratic) */
  while (*cursor < n_old && old[*cursor].a < a)
    (*cursor)++;
  for (guint k = *cursor; k < n_old && old[k].a == a; k++)
    if (old[k].b == b)
      {
        m->canonical = old[k].canonical;
        return (gint) k;
      }
  return -1;
}

/* Clusters are indices of a representative mention: the new mentions
 * point at the new index of their old representative when it is still
 * there, else at themselves. */
static void
renumber_clusters (Doc *d, const Mention *old, const gint *src, const gint *new_of_old)
{
  for (guint i = 0; i < d->n_mentions; i++)
    {
      gint k = src[i];
      gint32 c = k >= 0 ? old[k].cluster : -1;

      d->mentions[i].cluster = c >= 0 && new_of_old[c] >= 0 ? new_of_old[c] : (gint32) i;
    }
}

void
et_model_apply (const EtModel *model, Doc *d)
{
  EtDocView v;
  guint max_len = 0, n_old = d->n_mentions, cursor = 0;
  g_autofree float *emit = NULL, *score = NULL;
  g_autofree guint8 *back = NULL, *labels = NULL;
  g_autofree Mention *old = g_memdup2 (d->mentions, sizeof (Mention) * MAX (n_old, 1));
  g_autofree gint *new_of_old = g_new (gint, MAX (n_old, 1));
  g_autofree gint *src = g_new (gint, d->n + n_old + 1);
  g_autofree guint8 *keep = g_new (guint8, MAX (n_old, 1));
  guint next_region = 0;
  WordCache *cache = take_cache (model);

  et_doc_view_init (&v, d, model->wordnet, model->dict, model->clusters);
  for (guint r = 0; r < v.n_regions; r++)
    max_len = MAX (max_len, v.regions[r].b - v.regions[r].a);
  emit = g_new (float, (gsize) MAX (max_len, 1) * model->n_labels);
  score = g_new (float, (gsize) MAX (max_len, 1) * model->n_labels);
  back = g_new (guint8, (gsize) MAX (max_len, 1) * model->n_labels);
  labels = g_new0 (guint8, d->n + 1);
  for (guint r = 0; r < v.n_regions; r++)
    {
      const EtRegion *rg = &v.regions[r];

      region_emissions (model, cache, d, &v, rg->a, rg->b, emit);
      et_decode (&model->decoder, emit, rg->b - rg->a, labels + rg->a, score, back);
    }
  give_cache (model, cache);
  /* rebuild the mentions in token order: the model's names and the
   * rules' numbers (neither list overlaps the other) */
  d->n_mentions = 0;
  for (guint i = 0; i < d->n; i++)
    d->toks[i].used = 0;
  /* each rule mention's fate once (asked again for every token before
   * it, as this loop did, it cost 49 M instructions on the real-news
   * file with model=gum, callgrind, one job), and no walk over the
   * tokens between the regions: the merge took 88 M of et_model_apply()'s
   * own 117 M, now 15 M of 51 M */
  for (guint k = 0; k < n_old; k++)
    {
      new_of_old[k] = -1;
      keep[k] = (guint8) keep_rule_mention (model, &old[k], labels);
    }
  for (guint i = 0, oi = 0; i < d->n || oi < n_old;)
    {
      guint32 b;
      gint k;

      if (oi < n_old && !keep[oi])
        {
          oi++;
          continue;
        }
      if (oi < n_old && old[oi].a <= i)
        {
          Mention *m = doc_add_mention (d, old[oi].a, old[oi].b, old[oi].type, 0);

          *m = old[oi];
          src[d->n_mentions - 1] = (gint) oi;
          new_of_old[oi++] = (gint) d->n_mentions - 1;
          continue;
        }
      if (i >= d->n)
        break;
      if (labels[i] == 0 || (et_label_bilou (labels[i]) != BILOU_B
                             && et_label_bilou (labels[i]) != BILOU_U))
        {
          /* past the regions every label is 0: on to the next region
           * (the rule mentions before it come first all the same) */
          i++;
          while (next_region < v.n_regions && v.regions[next_region].b <= i)
            next_region++;
          i = next_region < v.n_regions ? MAX (i, v.regions[next_region].a) : d->n;
          continue;
        }
      for (b = i + 1; et_label_bilou (labels[b - 1]) == BILOU_B
                      || et_label_bilou (labels[b - 1]) == BILOU_I; b++)
        ;
      k = add_model_mention (model, d, old, n_old, &cursor, i, b, et_label_type (labels[i]));
      if (k != -2)
        {
          src[d->n_mentions - 1] = k;
          if (k >= 0)
            new_of_old[k] = (gint) d->n_mentions - 1;
        }
      i = b;
    }
  renumber_clusters (d, old, src, new_of_old);
  et_doc_view_clear (&v);
}
