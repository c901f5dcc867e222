/* galley-layer.c: annotation layers.
 *
 * A layer is one array of 16-byte GalleySpan kept sorted by (start asc,
 * end desc), plus optional feature columns: one GArray of GalleyValue per
 * key, parallel to the spans and grown only when a feature is set. The
 * tokenizer appends in order, so the common path is an array append with
 * no comparison beyond the last span. Out-of-order appends mark the layer
 * unsorted; the next read sorts spans and columns together.
 */
#include "config.h"

#include <string.h>

#include "galley-private.h"

/* Allocation: a document gets a few layers and each layer a few feature
 * columns, so their bookkeeping is a per-document cost that short
 * documents feel most. A layer and its name are one block; a column, its
 * first values and its key are one block (the values move to a block of
 * their own only if the column outgrows them); the column list doubles
 * from four. Callgrind, 100,000 documents of 10 bytes of text through the
 * default pipeline (four sentiment features on one span each): setting
 * the features 3,169 -> 1,336 instructions a document, freeing the
 * document 3,413 -> 2,872, the run 3,014M -> 2,799M. Before that, a
 * column was two allocations and its list grew by one; before the round
 * before, a column was five and a layer three (GArray and GPtrArray each
 * add a header block). */
typedef struct {
  const char *key_seen;  /* the caller's pointer for @key last time: a hint */
  GalleyValue *values;   /* n_values used (may be fewer than the spans) */
  guint n_values;
  guint capacity;
  gboolean in_arena;     /* this block is the document's, not malloc's */
  const char *key;       /* in this block, after the first values */
  GalleyValue first[];   /* the first values: @values until they are outgrown */
} Column;

#define COLUMNS_MIN 4
struct _GalleyLayer {
  GalleySpan *spans;  /* n_spans used, capacity allocated */
  guint n_spans;
  guint capacity;
  Column **columns;   /* n_columns of them */
  guint n_columns;
  guint32 max_len;    /* longest span: bounds the backward covering scan */
  gboolean sorted;
  gboolean spans_in_arena;  /* @spans is a block of @arena, not malloc's */
  guint next_column;  /* the column after the last one found: tried first */
  guint64 key_bits;   /* key_bit() of every column's key: see column_search */
  GalleyArena *arena; /* the document's (this layer and its small blocks
                       * live there), or NULL */
  char name[];
};

/* String values (GALLEY_VALUE_STRING and _JSON) of a layer that has an
 * arena (every document's layer) are copied into that arena, not
 * g_strdup'd: they are freed with the document, never one by one. The
 * entity tagger sets a string a mention ("norm"), and each cost a malloc
 * and a free. galley-document.h lets a returned value live until its slot
 * is set again or the layer is freed; an arena string lives longer (until
 * the document goes), and a slot set again leaves its old string there
 * until then. Callgrind, default pipeline, news-dev: see the commit. */
static inline gboolean
owns_strings (const GalleyLayer *layer)
{
  return layer->arena == NULL;
}

static char *
layer_strdup (GalleyLayer *layer, const char *s)
{
  return layer->arena ? _galley_arena_strdup (layer->arena, s) : g_strdup (s);
}

/* value_forget: what galley_value_clear does for a value of @layer,
 * inline: only strings own memory, and only in a layer without an arena. */
static inline void
value_forget (GalleyLayer *layer, GalleyValue *v)
{
  if (owns_strings (layer) && (v->type == GALLEY_VALUE_STRING || v->type == GALLEY_VALUE_JSON))
    g_free (v->v.s);
}

/* column_free: only strings own memory, so the values are not cleared one
 * by one through galley_value_clear (callgrind, 2,000 real news articles,
 * 3.3 MB, default pipeline, 332,020 values: freeing the documents 28.4M
 * -> 25.3M instructions, the run 1,097M -> 1,094M); in a document's layer
 * they own none. */
static void
column_free (GalleyLayer *layer, Column *c)
{
  GalleyValue *v = c->values;

  if (owns_strings (layer))
    for (guint i = 0; i < c->n_values; i++)
      value_forget (layer, &v[i]);
  if (c->values != c->first)
    g_free (c->values);
  if (!c->in_arena)
    g_free (c);
}

/* small_block: @size bytes from the layer's arena if it has one and the
 * block is small enough to leave there when outgrown; else NULL. */
static inline gpointer
small_block (GalleyLayer *layer, gsize size)
{
  if (layer->arena == NULL || size > GALLEY_ARENA_MAX_BLOCK)
    return NULL;
  return _galley_arena_alloc (layer->arena, size);
}

/* spans_row: the pool's row (galley-pool.c) for a span array of @cap
 * spans, or -1: arrays of 2 to 32 KiB, the token layer's of nearly every
 * news article, which the tokenizer sizes once a document
 * (galley_layer_reserve) and a document frees with its layers. */
static inline int
spans_row (guint cap)
{
  gsize size = (gsize) cap * sizeof (GalleySpan);

  if (size < 2048 || size > 32768 || (size & (size - 1)) != 0)
    return -1;
  return GALLEY_POOL_SPANS_2K + (g_bit_nth_lsf (size, -1) - 11);
}

G_STATIC_ASSERT (GALLEY_POOL_SPANS_32K - GALLEY_POOL_SPANS_2K == 15 - 11);

/* spans_free: a span array of @cap spans that malloc or the pool gave. */
static void
spans_free (GalleySpan *spans, guint cap)
{
  int row = spans_row (cap);

  if (row >= 0 && spans != NULL)
    _galley_pool_give ((GalleyPoolRow) row, spans);
  else
    g_free (spans);
}

GalleyLayer *
galley_layer_new (const char *name, GalleyArena *arena)
{
  gsize len = strlen (name);
  gsize size = sizeof (GalleyLayer) + len + 1;
  GalleyLayer *layer = arena ? _galley_arena_alloc (arena, size) : g_malloc (size);

  memset (layer, 0, sizeof (GalleyLayer));
  _galley_copy_small (layer->name, name, len + 1);
  layer->sorted = TRUE;
  layer->arena = arena;
  return layer;
}

/* galley_layer_free: what malloc gave; the arena's blocks go with the
 * document. */
void
galley_layer_free (GalleyLayer *layer)
{
  if (layer == NULL)
    return;
  if (!layer->spans_in_arena)
    spans_free (layer->spans, layer->capacity);
  for (guint c = 0; c < layer->n_columns; c++)
    column_free (layer, layer->columns[c]);
  if (layer->arena == NULL)
    {
      g_free (layer->columns);
      g_free (layer);
    }
}

const char *
galley_layer_get_name (const GalleyLayer *layer)
{
  return layer->name;
}

static int
span_compare (const GalleySpan *a, const GalleySpan *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end > b->end ? -1 : 1;
  return 0;
}

/* grow: room for at least @want spans, doubling (amortised O(1) appends).
 * Kept out of line so the append fast path saves no registers.
 *
 * The first array holds SPANS_MIN spans (128 bytes). It held 64 (1 KiB)
 * before, and with two jobs that size hurt short documents: documents
 * travel 32 to a batch, so a thread frees and allocates their arrays in
 * runs longer than malloc's per-thread cache holds (7 blocks a size), and
 * a 1 KiB request missing that cache is a "large" one, which first merges
 * every free small block of the arena (malloc_consolidate). Callgrind,
 * 100,000 documents of 10 bytes, default pipeline, -j 2: see the commit.
 *
 * An array of 2 to 32 KiB comes from the pool of spare blocks and goes
 * back there (spans_row()): the token layer's, which the tokenizer
 * reserves once a document, cost a malloc and a free of a "large"
 * block each (some 500 instructions). Callgrind, default pipeline, one
 * job, 10,569 real news articles: galley_layer_reserve 7.60 M -> 5.29 M
 * instructions, the run 1,438.4 M -> 1,436.1 M, mispredicted branches
 * 23.20 M -> 22.91 M conditional, 1.40 M -> 1.37 M indirect. */
#define SPANS_MIN 8

static G_GNUC_NO_INLINE void
grow (GalleyLayer *layer, guint want)
{
  guint cap = MAX (layer->capacity, SPANS_MIN);
  GalleySpan *spans;
  int row;

  while (cap < want)
    cap *= 2;
  spans = small_block (layer, cap * sizeof (GalleySpan));
  if (spans == NULL && (row = spans_row (cap)) >= 0)
    {
      spans = _galley_pool_take ((GalleyPoolRow) row);
      if (spans == NULL)
        spans = g_new (GalleySpan, cap);
    }
  if (spans == NULL && layer->spans_in_arena)
    spans = g_new (GalleySpan, cap);
  if (spans == NULL)
    {
      layer->spans = g_renew (GalleySpan, layer->spans, cap);
    }
  else
    {
      if (layer->n_spans > 0)
        memcpy (spans, layer->spans, layer->n_spans * sizeof (GalleySpan));
      if (!layer->spans_in_arena)
        spans_free (layer->spans, layer->capacity);
      layer->spans = spans;
      layer->spans_in_arena = layer->arena != NULL
                              && cap * sizeof (GalleySpan) <= GALLEY_ARENA_MAX_BLOCK;
    }
  layer->capacity = cap;
}

/* The tokenizer appends one span per token, so this is the hottest SDK
 * call: a plain array with its own capacity, no GArray call, one compare
 * with the last span. Callgrind, 1,000 corpus articles through
 * read-jsonl ! tokenizer ! export-jsonl (417,020 appends): 108
 * instructions an append through GArray, 46 now; 194.8M -> 167.5M in all. */
static inline guint
append_in_place (GalleyLayer *layer, guint32 start, guint32 end, GQuark type, guint32 flags)
{
  GalleySpan *span;

  if (layer->sorted && layer->n_spans > 0)
    {
      const GalleySpan *last = &layer->spans[layer->n_spans - 1];
      if (last->start > start || (last->start == start && last->end < end))
        layer->sorted = FALSE;
    }
  if (end - start > layer->max_len)
    layer->max_len = end - start;
  span = &layer->spans[layer->n_spans];
  span->start = start;
  span->end = end;
  span->type = type;
  span->flags = flags;
  return layer->n_spans++;
}

/* The checks that call out (a bad span's warning, growth) in a function of
 * their own: with them inline the compiler saved and restored registers
 * on every append (callgrind, 10,569 real news articles through the
 * default pipeline, 2.3 million appends: 46 instructions an append, 33
 * now; the run 3,095M -> 3,065M). */
static G_GNUC_NO_INLINE guint
append_slow (GalleyLayer *layer, guint32 start, guint32 end, GQuark type, guint32 flags)
{
  g_return_val_if_fail (start <= end, 0);
  if (layer->n_spans == layer->capacity)
    grow (layer, layer->n_spans + 1);
  return append_in_place (layer, start, end, type, flags);
}

guint
galley_layer_append (GalleyLayer *layer, guint32 start, guint32 end,
                     GQuark type, guint32 flags)
{
  if (G_UNLIKELY (start > end || layer->n_spans == layer->capacity))
    return append_slow (layer, start, end, type, flags);
  return append_in_place (layer, start, end, type, flags);
}

/* follows: whether a span from @start to @end may come right after @prev
 * in a sorted layer (start asc, end desc: a span at the same start must
 * not be longer).
 * The first test settles it for every token, which starts after the one
 * before it. */
static inline gboolean
follows (const GalleySpan *prev, guint32 start, guint32 end)
{
  return G_LIKELY (start > prev->start) || (start == prev->start && end <= prev->end);
}

/* The checks of append_in_place, once for the batch: whether each span
 * follows the one before it, and the longest span. A bad span (start >
 * end) sends the rest of the batch through galley_layer_append, which
 * warns and skips it. Callgrind, the tokenizer on 10,569 news articles
 * (2.2 million tokens): 34 instructions a token through
 * galley_layer_append, 19 through a loop that kept the previous span in
 * a pointer it tested for NULL (a loop without branches, testing every
 * check on every span, took 24), 13 now: the first span is checked on
 * its own, against the layer's last, so that the loop compares each span
 * with the one before it in the batch, in memory (the function 37.97M ->
 * 27.99M instructions, the run 1,656M -> 1,646M).
 * Tried and dropped: the checks four spans at a time with SSE2 (starts
 * and ends gathered into two vectors, the spans before them the same
 * moved up a lane, compares with the top bit flipped): the function
 * 31.9M -> 32.5M instructions with its copy, the gathering and the
 * unsigned compares costing what the loop saved; two spans a step (their
 * lengths in 64 bits, one test of both for a bad span, the second
 * compared with the first in registers): 31.6M -> 34.1M, GCC's register
 * moves between the two costing more than the loop's control saved. */
guint
galley_layer_append_spans (GalleyLayer *layer, const GalleySpan *spans, guint n_spans)
{
  guint first = layer->n_spans;
  guint32 max_len = layer->max_len;
  gboolean sorted = layer->sorted;
  const GalleySpan *s, *stop;
  guint i;

  /* An empty batch may come as NULL (a document with no entities): NULL
   * + 0 is undefined behaviour in C, which UBSan reports. */
  if (n_spans == 0)
    return first;
  s = spans;
  stop = spans + n_spans;
  galley_layer_reserve (layer, n_spans);  /* before the last span is read: it may move it */
  if (s < stop && s->start <= s->end)
    {
      if (first > 0 && !follows (&layer->spans[first - 1], s->start, s->end))
        sorted = FALSE;
      max_len = MAX (max_len, s->end - s->start);
      for (s++; s < stop; s++)
        {
          guint32 start = s->start, end = s->end;

          if (G_UNLIKELY (start > end))
            break;
          if (!follows (s - 1, start, end))
            sorted = FALSE;
          if (end - start > max_len)
            max_len = end - start;
        }
    }
  i = (guint) (s - spans);
  if (i > 0)
    memcpy (layer->spans + first, spans, i * sizeof (GalleySpan));
  layer->n_spans += i;
  layer->max_len = max_len;
  layer->sorted = sorted;
  for (; i < n_spans; i++)
    galley_layer_append (layer, spans[i].start, spans[i].end, spans[i].type, spans[i].flags);
  return first;
}

void
galley_layer_reserve (GalleyLayer *layer, guint n)
{
  if (layer->n_spans + n > layer->capacity)
    grow (layer, layer->n_spans + n);
}

typedef struct {
  GalleySpan span;
  guint old_index;
} Ranked;

static int
ranked_compare (gconstpointer a, gconstpointer b)
{
  const Ranked *ra = a, *rb = b;
  int c = span_compare (&ra->span, &rb->span);

  if (c != 0)
    return c;
  return ra->old_index < rb->old_index ? -1 : ra->old_index > rb->old_index;
}

/* Sorts spans and their feature columns with one permutation (stable). */
static G_GNUC_NO_INLINE void
layer_sort_now (GalleyLayer *layer)
{
  guint n = layer->n_spans;
  Ranked *ranked;

  if (layer->sorted)
    return;
  ranked = g_new (Ranked, n);
  for (guint i = 0; i < n; i++)
    {
      ranked[i].span = layer->spans[i];
      ranked[i].old_index = i;
    }
  qsort (ranked, n, sizeof (Ranked), ranked_compare);
  for (guint i = 0; i < n; i++)
    layer->spans[i] = ranked[i].span;

  for (guint c = 0; c < layer->n_columns; c++)
    {
      Column *col = layer->columns[c];
      GalleyValue *values = g_new0 (GalleyValue, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        if (ranked[i].old_index < col->n_values)
          values[i] = col->values[ranked[i].old_index];
      if (col->values != col->first)
        g_free (col->values);  /* values moved, not copied */
      col->values = values;
      col->n_values = n;
      col->capacity = MAX (n, 1);
    }
  g_free (ranked);
  layer->sorted = TRUE;
}

/* layer_sort: whether the spans need sorting is asked before every read
 * and every feature set, so the test is inline and the sort out of line
 * (a call per feature set before: callgrind, 10,569 real news articles,
 * 1.2 million feature reads and sets). */
static inline void
layer_sort (GalleyLayer *layer)
{
  if (G_UNLIKELY (!layer->sorted))
    layer_sort_now (layer);
}

guint
galley_layer_get_n_spans (GalleyLayer *layer)
{
  return layer->n_spans;
}

const GalleySpan *
galley_layer_get_spans (GalleyLayer *layer, guint *n_spans)
{
  layer_sort (layer);
  if (n_spans)
    *n_spans = layer->n_spans;
  return layer->spans;
}

GalleySpan *
galley_layer_get_span (GalleyLayer *layer, guint index)
{
  layer_sort (layer);
  g_return_val_if_fail (index < layer->n_spans, NULL);
  return &layer->spans[index];
}

guint
galley_layer_lower_bound (GalleyLayer *layer, guint32 offset)
{
  const GalleySpan *spans;
  guint lo = 0, hi;

  spans = galley_layer_get_spans (layer, &hi);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (spans[mid].start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
galley_layer_get_contained (GalleyLayer *layer, guint32 start, guint32 end,
                            GArray *indices)
{
  guint n, count = 0;
  const GalleySpan *spans = galley_layer_get_spans (layer, &n);

  for (guint i = galley_layer_lower_bound (layer, start);
       i < n && spans[i].start < end; i++)
    if (spans[i].end <= end)
      {
        g_array_append_val (indices, i);
        count++;
      }
  /* The range is [start, end): a zero-length span at @end starts outside
   * it, and a range with start == end holds nothing. */
  return count;
}

guint
galley_layer_get_covering (GalleyLayer *layer, guint32 start, guint32 end,
                           GArray *indices)
{
  guint n, first, count = 0, i;
  const GalleySpan *spans = galley_layer_get_spans (layer, &n);

  /* Candidates start at or before @start; a span starting more than
   * max_len bytes before @end cannot reach it, which bounds the scan. */
  i = galley_layer_lower_bound (layer, start + 1);
  first = i;
  while (i > 0)
    {
      const GalleySpan *s = &spans[i - 1];
      if ((guint64) s->start + layer->max_len < end)
        break;
      i--;
    }
  for (; i < first; i++)
    if (spans[i].start <= start && spans[i].end >= end)
      {
        g_array_append_val (indices, i);
        count++;
      }
  return count;
}

/* Feature columns */

/* key_bit: one of 64 bits for @key, from its first byte. A layer keeps
 * the bits of its columns' keys, so that a key whose bit is clear is
 * known to be new without a look at any column: stages make their
 * columns on a fresh layer, one key after another, and each of those
 * searches looped over the columns made before it (twice then: by
 * pointer, then by name), with loop exits the predictor missed. The default pipeline's
 * keys have distinct first bytes except neg and neu. Callgrind, default
 * pipeline, 200,000 documents of 10 bytes (1.4 million columns made):
 * see the commit. */
static inline guint64
key_bit (const char *key)
{
  return G_GUINT64_CONSTANT (1) << ((guchar) key[0] & 63);
}

static G_GNUC_NO_INLINE guint
column_search (GalleyLayer *layer, const char *key)
{
  guint n = layer->n_columns;
  Column **columns = layer->columns;

  for (guint c = 0; c < n; c++)
    if (_galley_same_name (columns[c]->key, key))
      return c;
  return n;
}

/* column_find: stages set a span's features in the same order span after
 * span (compound, pos, neg, neu), so the column after the last one found
 * is tried first, and they pass the same literal ("norm", "cluster") for
 * every span, so the caller's pointer picks that column. Callgrind, 2,000
 * real news articles (3.3 MB) through the default pipeline, 332,020
 * calls: 31.1M -> 21.1M instructions in column_find and feature_slot (a
 * scan of every column's pointer before), the run 1,317M -> 1,305M.
 *
 * The pointer only picks: the names are compared too. A caller may pass
 * a buffer it fills again with another key (a stack array, a freed and
 * reallocated string), and a match by pointer alone put that key's
 * values in the first key's column.
 *
 * The fast path inline, the search out of line: the search's saved
 * registers were a third of the fast path's cost. */
static inline Column *
column_find (GalleyLayer *layer, const char *key, guint *key_index)
{
  guint n = layer->n_columns;
  Column **columns = layer->columns;
  guint c = layer->next_column;

  if (G_UNLIKELY (c >= n || columns[c]->key_seen != key
                  || !_galley_same_name (columns[c]->key, key)))
    {
      if (!(layer->key_bits & key_bit (key)))
        return NULL;  /* a new key, without the call */
      c = column_search (layer, key);
      if (c == n)
        return NULL;
      columns[c]->key_seen = key;
    }
  layer->next_column = c + 1 < n ? c + 1 : 0;
  if (key_index)
    *key_index = c;
  return columns[c];
}

/* column_add: a new column with room for @capacity values in its own
 * block (the layer's span count: a stage that sets a feature on one span
 * sets it on most). */
static G_GNUC_NO_INLINE Column *
column_add (GalleyLayer *layer, const char *key, guint capacity)
{
  gsize len = strlen (key);
  gsize size = sizeof (Column) + capacity * sizeof (GalleyValue) + len + 1;
  Column *col = small_block (layer, size);
  gboolean in_arena = col != NULL;
  char *key_copy;

  if (col == NULL)
    col = g_malloc (size);
  col->in_arena = in_arena;
  key_copy = (char *) (col->first + capacity);

  _galley_copy_small (key_copy, key, len + 1);
  col->key_seen = key;
  col->key = key_copy;
  col->values = col->first;
  col->n_values = 0;
  col->capacity = capacity;
  /* the list doubles: most layers stop at one to four columns */
  if (layer->columns == NULL || (layer->n_columns >= COLUMNS_MIN
                                 && (layer->n_columns & (layer->n_columns - 1)) == 0))
    {
      guint cap = MAX (COLUMNS_MIN, 2 * layer->n_columns);

      if (layer->arena)
        {
          Column **columns = _galley_arena_alloc (layer->arena, cap * sizeof (Column *));

          if (layer->n_columns > 0)
            memcpy (columns, layer->columns, layer->n_columns * sizeof (Column *));
          layer->columns = columns;
        }
      else
        layer->columns = g_renew (Column *, layer->columns, cap);
    }
  layer->columns[layer->n_columns++] = col;
  layer->key_bits |= key_bit (key);
  return col;
}

/* column_grow: values up to @want, the new ones GALLEY_VALUE_NONE. The
 * capacity doubles, and starts at the layer's span count: stages append
 * a span, then set its features, or set them once all spans are in. */
static G_GNUC_NO_INLINE void
column_grow (Column *col, guint want, guint n_spans)
{
  if (want > col->capacity)
    {
      guint cap = MAX (want, MAX (n_spans, col->capacity * 2));

      if (col->values == col->first)
        {
          col->values = g_new (GalleyValue, cap);
          memcpy (col->values, col->first, col->n_values * sizeof (GalleyValue));
        }
      else
        col->values = g_renew (GalleyValue, col->values, cap);
      col->capacity = cap;
    }
  memset (col->values + col->n_values, 0, (want - col->n_values) * sizeof (GalleyValue));
  col->n_values = want;
}

static GalleyValue *
feature_slot (GalleyLayer *layer, guint index, const char *key)
{
  Column *col;
  GalleyValue *slot;

  layer_sort (layer);
  g_return_val_if_fail (index < layer->n_spans, NULL);
  col = column_find (layer, key, NULL);
  if (col == NULL)
    col = column_add (layer, key, MAX (layer->n_spans, 1));
  if (col->n_values <= index)
    column_grow (col, index + 1, layer->n_spans);
  slot = &col->values[index];
  value_forget (layer, slot);
  slot->type = GALLEY_VALUE_NONE;
  slot->v.i = 0;
  return slot;
}

void
galley_layer_set_feature (GalleyLayer *layer, guint index, const char *key,
                          const GalleyValue *value)
{
  GalleyValue *slot = feature_slot (layer, index, key);

  if (slot == NULL)
    return;
  *slot = *value;
  /* galley_value_copy, with the string in the arena (a NULL string stays
   * NULL, as galley_value_copy leaves it) */
  if ((value->type == GALLEY_VALUE_STRING || value->type == GALLEY_VALUE_JSON) && value->v.s)
    slot->v.s = layer_strdup (layer, value->v.s);
}

void
galley_layer_set_feature_string (GalleyLayer *layer, guint index,
                                 const char *key, const char *value)
{
  GalleyValue *slot = feature_slot (layer, index, key);

  if (slot == NULL)
    return;
  slot->type = GALLEY_VALUE_STRING;
  slot->v.s = layer_strdup (layer, value ? value : "");
}

void
galley_layer_set_feature_double (GalleyLayer *layer, guint index,
                                 const char *key, double value)
{
  GalleyValue *slot = feature_slot (layer, index, key);

  if (slot == NULL)
    return;
  slot->type = GALLEY_VALUE_DOUBLE;
  slot->v.d = value;
}

void
galley_layer_set_feature_int (GalleyLayer *layer, guint index,
                              const char *key, gint64 value)
{
  GalleyValue *slot = feature_slot (layer, index, key);

  if (slot == NULL)
    return;
  slot->type = GALLEY_VALUE_INT;
  slot->v.i = value;
}

/* column_for_all: the column of @key with a value slot for each of the
 * first @n spans, the old values cleared; NULL (with a critical) if
 * there are not @n spans. */
static Column *
column_for_all (GalleyLayer *layer, const char *key, guint n)
{
  Column *col;

  layer_sort (layer);
  g_return_val_if_fail (n <= layer->n_spans, NULL);
  if (n == 0)
    return NULL;
  col = column_find (layer, key, NULL);
  if (col == NULL)
    {
      /* A new column has room for every span and no old value to clear
       * or zero: the caller writes the first @n. This is the common case
       * (a stage sets a column once on a layer it made): see
       * galley_layer_set_feature_double_column. */
      col = column_add (layer, key, layer->n_spans);
      col->n_values = n;
      return col;
    }
  if (col->n_values < n)
    column_grow (col, n, layer->n_spans);
  if (owns_strings (layer))
    for (guint i = 0; i < n; i++)
      value_forget (layer, &col->values[i]);
  return col;
}

void
galley_layer_set_feature_double_column (GalleyLayer *layer, const char *key,
                                        const double *values, guint n)
{
  Column *col = column_for_all (layer, key, n);

  if (col == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      col->values[i].type = GALLEY_VALUE_DOUBLE;
      col->values[i].v.d = values[i];
    }
}

void
galley_layer_set_feature_int_column (GalleyLayer *layer, const char *key,
                                     const gint64 *values, guint n)
{
  Column *col = column_for_all (layer, key, n);

  if (col == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      col->values[i].type = GALLEY_VALUE_INT;
      col->values[i].v.i = values[i];
    }
}

/* The strings of a document's layer go into one block of its arena: a
 * first pass finds their lengths (kept in the slots meanwhile), the
 * second copies them. The entity tagger's norms, set one call a span
 * through galley_layer_set_feature_string, cost 167 instructions each
 * (the column's lookup, strlen, an arena block, memcpy; callgrind,
 * default pipeline on 10,569 real news articles, 219,275 norms); so, 78
 * with stpcpy for the copy, 62 with _galley_copy_small() (13.6M in all, the
 * column's lookup included; the run 1,679M -> 1,656M). */
void
galley_layer_set_feature_string_column (GalleyLayer *layer, const char *key,
                                        const char *const *values, guint n)
{
  Column *col = column_for_all (layer, key, n);
  GalleyValue *v;
  gsize size = 0;
  char *p;

  if (col == NULL)
    return;
  v = col->values;
  if (owns_strings (layer))
    {
      for (guint i = 0; i < n; i++)
        {
          v[i].type = GALLEY_VALUE_STRING;
          v[i].v.s = g_strdup (values[i] ? values[i] : "");
        }
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      v[i].type = GALLEY_VALUE_STRING;
      v[i].v.i = (gint64) (values[i] ? strlen (values[i]) : 0) + 1;
      size += (gsize) v[i].v.i;
    }
  p = _galley_arena_alloc (layer->arena, size);
  for (guint i = 0; i < n; i++)
    {
      gsize len = (gsize) v[i].v.i;

      _galley_copy_small (p, values[i] ? values[i] : "", len);
      v[i].v.s = p;
      p += len;
    }
}

void
galley_layer_set_feature_boolean (GalleyLayer *layer, guint index,
                                  const char *key, gboolean value)
{
  GalleyValue *slot = feature_slot (layer, index, key);

  if (slot == NULL)
    return;
  slot->type = GALLEY_VALUE_BOOLEAN;
  slot->v.b = !!value;
}

/* column_value: the value of span @index in @col, NULL if unset. */
static inline const GalleyValue *
column_value (const Column *col, guint index)
{
  const GalleyValue *v;

  if (index >= col->n_values)
    return NULL;
  v = &col->values[index];
  return v->type == GALLEY_VALUE_NONE ? NULL : v;
}

/* get_feature_nth_slow: galley_layer_get_feature_nth on an unsorted layer
 * or with a bad key index. */
static G_GNUC_NO_INLINE const GalleyValue *
get_feature_nth_slow (GalleyLayer *layer, guint index, guint key_index)
{
  layer_sort (layer);
  g_return_val_if_fail (key_index < layer->n_columns, NULL);
  return column_value (layer->columns[key_index], index);
}

/* Exporters call this once a value (1.46 million times on news-dev), so
 * the sort and the key check, which call out, are one test on the way
 * to a function of their own: with them inline every call saved and
 * restored registers (25 instructions a call, 17 now; callgrind, default
 * pipeline, news-dev: 36.5 M -> 26.3 M). */
const GalleyValue *
galley_layer_get_feature_nth (GalleyLayer *layer, guint index, guint key_index)
{
  if (G_UNLIKELY (!layer->sorted || key_index >= layer->n_columns))
    return get_feature_nth_slow (layer, index, key_index);
  return column_value (layer->columns[key_index], index);
}

const GalleyValue *
galley_layer_get_feature (GalleyLayer *layer, guint index, const char *key)
{
  guint key_index;

  if (column_find (layer, key, &key_index) == NULL)
    return NULL;
  return galley_layer_get_feature_nth (layer, index, key_index);
}

guint
galley_layer_get_n_feature_keys (const GalleyLayer *layer)
{
  return layer->n_columns;
}

int
galley_layer_find_feature_key (const GalleyLayer *layer, const char *key)
{
  guint key_index;

  /* column_find moves the layer's lookup hint (next_column) and the
   * columns' remembered key pointers: a cache, not the layer's content,
   * and a layer is only ever used by one thread at a time */
  if (layer == NULL || column_find ((GalleyLayer *) layer, key, &key_index) == NULL)
    return -1;
  return (int) key_index;
}

const char *
galley_layer_get_feature_key (const GalleyLayer *layer, guint key_index)
{
  g_return_val_if_fail (key_index < layer->n_columns, NULL);
  return layer->columns[key_index]->key;
}

/* get_feature_column_slow: galley_layer_get_feature_column on an unsorted
 * layer or with a bad key index, out of line as for the _nth getter. */
static G_GNUC_NO_INLINE const GalleyValue *
get_feature_column_slow (GalleyLayer *layer, guint key_index, guint *n_values)
{
  *n_values = 0;
  layer_sort (layer);
  g_return_val_if_fail (key_index < layer->n_columns, NULL);
  return galley_layer_get_feature_column (layer, key_index, n_values);
}

/* galley_layer_get_feature_column: a column's values are already one
 * array parallel to the spans (Column.values), so an exporter can walk it
 * instead of one call a value. The column holds values up to the last
 * span that had one set (n_values, never more than the spans), not a
 * slot for every span: the getter says how many rather than padding the
 * column, which a getter must not grow. The sort and the key check are
 * one test on the way to a function of their own, as for the _nth getter:
 * with them inline a call cost 24 instructions, 12 now (callgrind,
 * default pipeline on 100,000 documents of 10 bytes, 800,000 calls). */
const GalleyValue *
galley_layer_get_feature_column (GalleyLayer *layer, guint key_index,
                                 guint *n_values)
{
  const Column *col;

  if (G_UNLIKELY (!layer->sorted || key_index >= layer->n_columns))
    return get_feature_column_slow (layer, key_index, n_values);
  col = layer->columns[key_index];
  *n_values = col->n_values;
  return col->values;
}
