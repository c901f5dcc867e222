/* lexicon.c: the compiled, read-only sentiment lexicon and its lookups.
 *
 * Building happens once, in the stage's create(): lexicon-load.c reads
 * the built-in data and an optional user file into a Builder; this file
 * compiles it into the form the scorer uses:
 *
 *  - entries: one flat array of SentimentEntry, words and phrases alike;
 *  - a word index: open addressing over (hash, entry index) slots at most
 *    half full, behind a bloom filter, so a lookup is one word-at-a-time
 *    hash of the lowercased token, one bloom test and, for the words the
 *    lexicon holds, usually one probe. No allocation, no locking;
 *  - a phrase trie over word entries: edges (node, word entry) -> child
 *    in a second open-addressing table; a phrase's words are ordinary
 *    word entries (added with no valence when they are not words of their
 *    own), and the first word of every phrase carries LEX_PHRASE_START so
 *    the scorer walks the trie only from the few tokens that can start one.
 *
 * The lookup is the hot path of the stage (one per token). Measured with
 * callgrind on the benchmark corpus: about 100 instructions per lookup;
 * the whole stage runs at 66 instructions per input byte (>100 MB/s).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <galley/galley.h>

#include "lexicon-private.h"

/* 64 Kbit (8 KiB): with ~9,000 words, about 5% of absent words pass */
#define BLOOM_BITS 65536
#define BLOOM_A(h) (((h) >> 32) & (BLOOM_BITS - 1))
#define BLOOM_B(h) (((h) >> 48) & (BLOOM_BITS - 1))

typedef struct {
  guint32 hash;
  guint32 index;  /* entry index + 1; 0 marks an empty slot */
} Slot;

typedef struct {
  guint64 key;    /* (node << 32) | word entry; 0 marks an empty edge */
  guint32 child;
} Edge;

struct _SentimentLexicon {
  SentimentEntry *entries;
  guint n_entries;
  guint64 *pool;        /* the word keys, each zero-padded to 8-byte chunks */
  guint32 *key_offset;  /* per entry: index of its first chunk in @pool */
  guint16 *key_len;     /* per entry: key length; 0 for phrases */
  Slot *slots;
  guint32 slot_mask;
  guint64 *bloom;       /* BLOOM_BITS bits, two per word: most tokens are not
                         * in the lexicon and stop here, in L1 cache */
  Edge *edges;
  guint32 edge_mask;
  gint32 *node_entry;   /* per trie node: the phrase ending there, or -1 */
  guint32 n_nodes;
  guint n_words;
  guint n_phrases;
};

/* Hashing */

/* ASCII lowercase of 8 bytes at once: a byte in 'A'..'Z' gains 0x20;
 * bytes >= 0x80 (UTF-8 sequences) are left alone. */
static inline guint64
lower8 (guint64 x)
{
  guint64 heptets = x & G_GUINT64_CONSTANT (0x7f7f7f7f7f7f7f7f);
  guint64 ge_a = heptets + G_GUINT64_CONSTANT (0x3f3f3f3f3f3f3f3f);
  guint64 gt_z = heptets + G_GUINT64_CONSTANT (0x2525252525252525);
  guint64 upper = ge_a & ~gt_z & ~x & G_GUINT64_CONSTANT (0x8080808080808080);

  return x | (upper >> 2);
}

#define HASH_MUL G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

/* Lowercases @len (<= SENTIMENT_MAX_WORD) bytes of @s into @buf, 8 bytes
 * at a time, zero-padding the last chunk, and hashes the chunks on the
 * way. Word-at-a-time rather than FNV-1a's byte-at-a-time multiply chain.
 * The last partial chunk is read as the 8 bytes that end the word, shifted
 * (when @back_ok says those bytes are readable, or the word is longer than
 * 8), rather than copied into a zeroed word: that copy stalled store
 * forwarding and cost a quarter of the lookup's time. */
static inline guint64
fold_hash (const char *s, gsize len, gboolean back_ok, guint64 *buf)
{
  guint64 h = len * HASH_MUL;
  gsize i = 0, n = 0;

  for (; i + 8 <= len; i += 8, n++)
    {
      guint64 c;
      memcpy (&c, s + i, 8);
      buf[n] = c = lower8 (c);
      h = (h ^ c) * HASH_MUL;
      h ^= h >> 32;
    }
  if (i < len)
    {
      gsize rem = len - i;
      guint64 c = 0;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      if (len >= 8 || back_ok)
        {
          memcpy (&c, s + len - 8, 8);
          c >>= 8 * (8 - rem);
        }
      else
#endif
        for (gsize k = 0; k < rem; k++)
          c |= (guint64) (guchar) s[i + k] << (8 * k);
      buf[n] = c = lower8 (c);
      h = (h ^ c) * HASH_MUL;
      h ^= h >> 32;
    }
  return h;
}

/* Compiling */

static guint32
next_pow2 (guint32 n)
{
  guint32 p = 16;

  while (p < n)
    p <<= 1;
  return p;
}

static inline guint64
edge_key (guint32 node, guint32 word)
{
  return ((guint64) node << 32) | ((guint64) word + 1);
}

static guint32
edge_hash (guint64 key)
{
  key ^= key >> 29;
  key *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  key ^= key >> 32;
  return (guint32) key;
}

static void
word_insert (SentimentLexicon *lex, guint32 index)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];
  guint64 h64 = fold_hash ((const char *) (lex->pool + lex->key_offset[index]),
                           lex->key_len[index], FALSE, buf);
  guint32 h = (guint32) h64;
  guint32 i = h & lex->slot_mask;

  lex->bloom[BLOOM_A (h64) / 64] |= G_GUINT64_CONSTANT (1) << (BLOOM_A (h64) % 64);
  lex->bloom[BLOOM_B (h64) / 64] |= G_GUINT64_CONSTANT (1) << (BLOOM_B (h64) % 64);

  while (lex->slots[i].index != 0)
    i = (i + 1) & lex->slot_mask;
  lex->slots[i].hash = h;
  lex->slots[i].index = index + 1;
}

static guint32
edge_get_or_add (SentimentLexicon *lex, guint32 node, guint32 word,
                 guint32 *n_nodes)
{
  guint64 key = edge_key (node, word);
  guint32 i = edge_hash (key) & lex->edge_mask;

  while (lex->edges[i].key != 0)
    {
      if (lex->edges[i].key == key)
        return lex->edges[i].child;
      i = (i + 1) & lex->edge_mask;
    }
  lex->edges[i].key = key;
  lex->edges[i].child = (*n_nodes)++;
  return lex->edges[i].child;
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static SentimentLexicon *
compile (Builder *b)
{
  SentimentLexicon *lex = g_new0 (SentimentLexicon, 1);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  g_autoptr (GPtrArray) phrases = g_ptr_array_new ();
  g_autoptr (GHashTable) word_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) split = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GHashTableIter it;
  gpointer key, value;
  GString *pool = g_string_new (NULL);
  guint n_edges = 0, n_nodes = 1;

  /* Words first (sorted, so the build is deterministic), then the words
   * phrases use that are not words of their own, then phrases. */
  g_hash_table_iter_init (&it, b->table);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      BuildEntry *e = value;
      if (e->flags == 0)
        continue;  /* valence dropped by lexicon-mode=replace */
      g_ptr_array_add (strchr (key, ' ') ? phrases : words, key);
    }
  g_ptr_array_sort (words, compare_keys);
  g_ptr_array_sort (phrases, compare_keys);
  for (guint i = 0; i < phrases->len; i++)
    {
      GPtrArray *w = sentiment_split_phrase (g_ptr_array_index (phrases, i));
      g_ptr_array_add (split, w);
      n_edges += w->len;
    }
  /* a single word may become a "phrase" of two tokens (don't -> do n't) */
  for (guint i = 0; i < words->len; i++)
    {
      GPtrArray *w = sentiment_split_phrase (g_ptr_array_index (words, i));
      if (w->len > 1)
        n_edges += w->len;
      g_ptr_array_unref (w);
    }

  lex->n_entries = 0;
  {
    /* every word may also become a phrase (don't), every edge a word */
    gsize cap = 2 * words->len + phrases->len + n_edges + 1;
    lex->entries = g_new0 (SentimentEntry, cap);
    lex->key_offset = g_new0 (guint32, cap);
    lex->key_len = g_new0 (guint16, cap);
  }

#define ADD_WORD(k, e_) G_STMT_START { \
    guint32 idx_ = lex->n_entries++; \
    lex->entries[idx_].valence = (e_)->valence; \
    lex->entries[idx_].scalar = (e_)->scalar; \
    lex->entries[idx_].flags = (e_)->flags; \
    lex->key_offset[idx_] = pool->len / 8; \
    lex->key_len[idx_] = strlen (k); \
    g_string_append_len (pool, (k), strlen (k)); \
    while (pool->len % 8 != 0) \
      g_string_append_c (pool, '\0'); \
    g_hash_table_insert (word_index, (gpointer) (k), GUINT_TO_POINTER (idx_ + 1)); \
  } G_STMT_END

  for (guint i = 0; i < words->len; i++)
    {
      const char *k = g_ptr_array_index (words, i);
      BuildEntry *e = g_hash_table_lookup (b->table, k);
      /* a word the tokenizer may split (don't) is added both ways */
      ADD_WORD (k, e);
      if (e->flags & LEX_HAS_VALENCE)
        lex->n_words++;
    }
  /* words that only occur inside phrases (or split words) */
  {
    static const BuildEntry none = { 0, 0, 0, FALSE };
    GPtrArray *pending = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < words->len; i++)
      {
        const char *k = g_ptr_array_index (words, i);
        GPtrArray *w = sentiment_split_phrase (k);
        if (w->len > 1)
          {
            g_ptr_array_add (phrases, (gpointer) k);
            g_ptr_array_add (split, w);
          }
        else
          g_ptr_array_unref (w);
      }
    for (guint i = 0; i < split->len; i++)
      {
        GPtrArray *w = g_ptr_array_index (split, i);
        for (guint j = 0; j < w->len; j++)
          {
            const char *wk = g_ptr_array_index (w, j);
            if (!g_hash_table_contains (word_index, wk))
              {
                char *owned = g_strdup (wk);
                g_ptr_array_add (pending, owned);
                ADD_WORD (owned, &none);
              }
          }
      }
    /* the pool now owns copies of the keys; word_index's keys are only
     * needed until the trie is built */
    /* copied so that the chunks are 8-byte aligned */
    lex->pool = g_new0 (guint64, pool->len / 8 + 1);
    memcpy (lex->pool, pool->str, pool->len);
    lex->slot_mask = next_pow2 (lex->n_entries * 2 + 1) - 1;
    lex->slots = g_new0 (Slot, lex->slot_mask + 1);
    lex->bloom = g_new0 (guint64, BLOOM_BITS / 64);
    for (guint32 i = 0; i < lex->n_entries; i++)
      word_insert (lex, i);

    /* the trie */
    lex->edge_mask = next_pow2 (n_edges * 2 + 1) - 1;
    lex->edges = g_new0 (Edge, lex->edge_mask + 1);
    lex->node_entry = g_new (gint32, n_edges + 1);
    lex->node_entry[0] = -1;
    for (guint i = 0; i < phrases->len; i++)
      {
        const char *k = g_ptr_array_index (phrases, i);
        BuildEntry *e = g_hash_table_lookup (b->table, k);
        GPtrArray *w = g_ptr_array_index (split, i);
        guint32 node = 0, idx = lex->n_entries++;

        lex->entries[idx].valence = e->valence;
        lex->entries[idx].scalar = e->scalar;
        lex->entries[idx].flags = e->flags;
        if (e->flags & LEX_HAS_VALENCE)
          lex->n_phrases++;
        for (guint j = 0; j < w->len; j++)
          {
            guint32 word = GPOINTER_TO_UINT (
              g_hash_table_lookup (word_index, g_ptr_array_index (w, j))) - 1;
            guint32 before = n_nodes;

            if (j == 0)
              lex->entries[word].flags |= LEX_PHRASE_START;
            node = edge_get_or_add (lex, node, word, &n_nodes);
            if (n_nodes != before)
              lex->node_entry[node] = -1;
          }
        lex->node_entry[node] = idx;
      }
    lex->n_nodes = n_nodes;
    g_ptr_array_unref (pending);
  }
#undef ADD_WORD
  g_string_free (pool, TRUE);
  return lex;
}

/* Public API */

SentimentLexicon *
sentiment_lexicon_new (const char *path, SentimentLexiconFormat format,
                       SentimentLexiconMode mode, gboolean news_overrides,
                       GError **error)
{
  Builder b;
  SentimentLexicon *lex = NULL;

  b.table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (sentiment_builder_load (&b, path, format, mode, news_overrides, error))
    lex = compile (&b);
  g_hash_table_unref (b.table);
  return lex;
}

void
sentiment_lexicon_free (SentimentLexicon *lex)
{
  if (lex == NULL)
    return;
  g_free (lex->entries);
  g_free (lex->pool);
  g_free (lex->key_offset);
  g_free (lex->key_len);
  g_free (lex->slots);
  g_free (lex->bloom);
  g_free (lex->edges);
  g_free (lex->node_entry);
  g_free (lex);
}

static inline int
probe (const SentimentLexicon *lex, guint64 h64, const guint64 *buf, gsize len)
{
  guint32 h = (guint32) h64;
  guint32 i = h & lex->slot_mask;

  if (!(lex->bloom[BLOOM_A (h64) / 64] & (G_GUINT64_CONSTANT (1) << (BLOOM_A (h64) % 64))) ||
      !(lex->bloom[BLOOM_B (h64) / 64] & (G_GUINT64_CONSTANT (1) << (BLOOM_B (h64) % 64))))
    return -1;
  for (;;)
    {
      const Slot *s = &lex->slots[i];
      if (s->index == 0)
        return -1;
      if (s->hash == h && lex->key_len[s->index - 1] == len)
        {
          const guint64 *key = lex->pool + lex->key_offset[s->index - 1];
          gsize n = (len + 7) / 8, k;

          for (k = 0; k < n && key[k] == buf[k]; k++)
            ;
          if (k == n)
            return s->index - 1;
        }
      i = (i + 1) & lex->slot_mask;
    }
}

int
sentiment_lexicon_lookup (const SentimentLexicon *lex, const char *word,
                          gsize len)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];

  if (len > SENTIMENT_MAX_WORD)
    return -1;
  return probe (lex, fold_hash (word, len, FALSE, buf), buf, len);
}

/* The rare path: a token with non-ASCII bytes is folded character by
 * character first. Kept out of line so that the ASCII path has a small
 * stack frame. */
G_GNUC_NO_INLINE static int
lookup_non_ascii (const SentimentLexicon *lex, const char *text, gsize len)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];
  char folded[SENTIMENT_MAX_WORD];
  gssize n = sentiment_fold_word (text, len, folded, sizeof folded);

  if (n < 0)
    return -1;
  return probe (lex, fold_hash (folded, n, FALSE, buf), buf, n);
}

int
sentiment_lexicon_lookup_token (const SentimentLexicon *lex, const char *text,
                                gsize len, gboolean non_ascii, gboolean back_ok)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];

  if (len > SENTIMENT_MAX_WORD)
    return -1;
  if (G_UNLIKELY (non_ascii))
    return lookup_non_ascii (lex, text, len);
  return probe (lex, fold_hash (text, len, back_ok, buf), buf, len);
}

const SentimentEntry *
sentiment_lexicon_get (const SentimentLexicon *lex, int index)
{
  return &lex->entries[index];
}

guint32
sentiment_lexicon_phrase_step (const SentimentLexicon *lex, guint32 node,
                               int word)
{
  guint64 key;
  guint32 i;

  if (word < 0)
    return 0;
  key = edge_key (node, word);
  i = edge_hash (key) & lex->edge_mask;
  while (lex->edges[i].key != 0)
    {
      if (lex->edges[i].key == key)
        return lex->edges[i].child;
      i = (i + 1) & lex->edge_mask;
    }
  return 0;
}

int
sentiment_lexicon_phrase_entry (const SentimentLexicon *lex, guint32 node)
{
  return node < lex->n_nodes ? lex->node_entry[node] : -1;
}

guint
sentiment_lexicon_get_n_words (const SentimentLexicon *lex)
{
  return lex->n_words;
}

guint
sentiment_lexicon_get_n_phrases (const SentimentLexicon *lex)
{
  return lex->n_phrases;
}

double
sentiment_lexicon_valence (const SentimentLexicon *lex, const char *text)
{
  g_autofree char *key = sentiment_normalize_key (text, strlen (text));
  g_autoptr (GPtrArray) words = NULL;
  const SentimentEntry *e = NULL;

  if (key == NULL || *key == '\0')
    return NAN;
  words = sentiment_split_phrase (key);
  if (words->len == 1)
    {
      int idx = sentiment_lexicon_lookup (lex, key, strlen (key));
      if (idx >= 0)
        e = &lex->entries[idx];
    }
  else
    {
      guint32 node = 0;
      int idx;

      for (guint i = 0; i < words->len && (i == 0 || node != 0); i++)
        {
          const char *w = g_ptr_array_index (words, i);
          node = sentiment_lexicon_phrase_step (
            lex, node, sentiment_lexicon_lookup (lex, w, strlen (w)));
        }
      idx = node != 0 ? sentiment_lexicon_phrase_entry (lex, node) : -1;
      if (idx >= 0)
        e = &lex->entries[idx];
    }
  return e && (e->flags & LEX_HAS_VALENCE) ? e->valence : NAN;
}
