/* lexicon.c: the compiled, read-only sentiment lexicon and its lookups.
 *
 * Building happens once, in the stage's create() (or, for the default
 * lexicon, at build time: lexicon-image.h): lexicon-load.c reads the
 * built-in data and an optional user file into a Builder; this file
 * compiles it into the form the scorer uses:
 *
 *  - entries: one flat array of SentimentEntry, words and phrases alike;
 *  - a word index: open addressing over (hash, entry index) slots at most
 *    half full, behind a bloom filter, so a lookup is one word-at-a-time
 *    hash of the lowercased token, one bloom test and, for the words the
 *    lexicon holds, usually one probe. No allocation, no locking;
 *  - the words of one or two chunks (up to 16 bytes) once more in a
 *    table whose slots hold the key itself, at most half full and
 *    without a bloom filter, a slot holding the first chunk, where the
 *    entry's unit entry is and the length (16 bytes, 512 KiB), the
 *    second chunks apart: one multiply and a branch-free compare of
 *    one slot, most of the time
 *    (sentiment_lexicon_index_short; built from the tables above at
 *    create(), about 0.4 M instructions);
 *  - for the scorer, the entries again as its token loop reads them
 *    (an empty one first, then one per byte of punctuation), with the
 *    masks of the pairs of words that may start a phrase (index_pairs);
 *  - a phrase trie over word entries: edges (node, word entry) -> child
 *    in a second open-addressing table; a phrase's words are ordinary
 *    word entries (added with no valence when they are not words of their
 *    own), and the first word of every phrase carries LEX_PHRASE_START so
 *    the scorer walks the trie only from the few tokens that can start one.
 *
 * The lookup is the hot path of the stage (one per token); it is inline,
 * in lexicon-lookup.h, with the layout it reads. Measured with
 * callgrind on the news benchmark (10,569 articles, 1.76 million
 * lookups): about 75 instructions per lookup, the hashing and the probe
 * about half each, before the table of one-chunk words; 60 after.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <galley/galley.h>

#include "lexicon-private.h"
#include "lexicon-lookup.h"
#include "scorer.h"

/* Compiling */

static guint32
next_pow2 (guint32 n)
{
  guint32 p = 16;

  while (p < n)
    p <<= 1;
  return p;
}

static void
word_insert (SentimentLexicon *lex, guint32 index)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];
  guint64 h64 = sentiment_fold_hash ((const char *) (lex->pool + lex->key_offset[index]),
                                     lex->key_len[index], FALSE, FALSE, buf);
  guint32 h = (guint32) h64;
  guint32 i = h & lex->slot_mask;

  lex->bloom[SENTIMENT_BLOOM_A (h64) / 64] |= G_GUINT64_CONSTANT (1) << (SENTIMENT_BLOOM_A (h64) % 64);
  lex->bloom[SENTIMENT_BLOOM_B (h64) / 64] |= G_GUINT64_CONSTANT (1) << (SENTIMENT_BLOOM_B (h64) % 64);

  while (lex->slots[i].index != 0)
    i = (i + 1) & lex->slot_mask;
  lex->slots[i].hash = h;
  lex->slots[i].index = index + 1;
}

/* A word entry as the scorer's token path takes it: the valence 0
 * without LEX_HAS_VALENCE, and what a word adds to the counts. */
static void
unit_entry_of_word (SentimentUnitEntry *u, const SentimentEntry *e)
{
  u->valence = (e->flags & LEX_HAS_VALENCE) ? e->valence : 0;
  u->scalar = e->scalar;
  u->flags = e->flags | SENTIMENT_ENTRY_WORD;
  if (u->valence != 0)
    u->flags |= SENTIMENT_ENTRY_VALENCED;
  u->counts[0] = 1;
  u->counts[1] = !(e->flags & LEX_SKIP);
  u->counts[2] = (e->flags & LEX_STOP) != 0;
}

/* The unit entry of a punctuation mark or symbol of one ASCII byte @b
 * (scorer.c, add_token_slow, does the same the long way): no word; a
 * clause break or nothing; the long way for ! and ? (counted there), for
 * a byte the lexicon gives a valence (an emoticon), and for a byte >= 0x80
 * (not a token of its own). */
static void
unit_entry_of_byte (const SentimentLexicon *lex, SentimentUnitEntry *u, guint b)
{
  char s[1] = { (char) b };
  int e = b < 0x80 ? sentiment_lexicon_lookup (lex, s, 1) : -1;
  guint c = sentiment_punct_class[b];

  /* (a letter or digit as punctuation, which no tokenizer makes, the
   * long way too: its entry is that of its lower case) */
  if (b >= 0x80 || g_ascii_isalnum (b) ||
      (c & (SENTIMENT_PUNCT_EXCL | SENTIMENT_PUNCT_QUEST)) ||
      (e >= 0 && (lex->entries[e].flags & LEX_HAS_VALENCE)))
    u->flags = SENTIMENT_ENTRY_SLOW;
  else if (c & SENTIMENT_PUNCT_CLAUSE)
    u->flags = SENTIMENT_ENTRY_CLAUSE;
}

/* The unit id of word entry @w as a token of one byte of punctuation
 * (SENTIMENT_UNIT_BYTE), or @w when it is longer. */
static int
unit_id_alias (const SentimentLexicon *lex, int w)
{
  return lex->key_len[w] == 1 ? SENTIMENT_UNIT_BYTE (lex, lex->pool[lex->key_offset[w]] & 0xff)
                              : w;
}

/* The pairs of words that may start a phrase, as the unit entries'
 * masks (lexicon-lookup.h): each second word of a phrase gets a bit of
 * its own or shares one, and the first word's row holds the bits of the
 * words that follow it. A bit shared by two second words sends one of
 * them to the long way after a first word of the other's, where it
 * finds no phrase: the words that follow most first words (of, in, the,
 * n't, to, up) are likely the most frequent in text, and they take a
 * bit each, the rest the bit least followed so far. A word of one byte
 * is set under its unit id as punctuation too (the scorer's token loop
 * knows a one-byte punctuation token by that id alone). */
static void
index_pairs (SentimentLexicon *lex, const gint32 *first_word)
{
  SentimentUnitEntry *units = lex->unit_entries + 1;
  g_autofree guint32 *follows = g_new0 (guint32, lex->n_entries);
  g_autofree guint32 *order = NULL;
  guint32 n_second = 0, load[SENTIMENT_SIG_WORD_BITS] = { 0 };

  for (guint32 i = 0; i <= lex->edge_mask; i++)
    {
      guint64 key = lex->edges[i].key;
      guint32 node = key >> 32;

      if (key != 0 && node <= lex->n_nodes && first_word[node] >= 0 &&
          follows[(guint32) key - 1]++ == 0)
        n_second++;
    }
  order = g_new (guint32, n_second);
  for (guint32 w = 0, n = 0; w < lex->n_entries; w++)
    if (follows[w] > 0)
      order[n++] = w;
  /* the most followed first, insertion-sorted (a few hundred words,
   * stable: the same bits at every start) */
  for (guint32 x = 1; x < n_second; x++)
    {
      guint32 w = order[x], y = x;

      for (; y > 0 && follows[order[y - 1]] < follows[w]; y--)
        order[y] = order[y - 1];
      order[y] = w;
    }
  for (guint32 x = 0; x < n_second; x++)
    {
      guint32 w = order[x], bit = 0;
      int alias = unit_id_alias (lex, (int) w);

      for (guint32 b = 1; b < SENTIMENT_SIG_WORD_BITS; b++)
        if (load[b] < load[bit])
          bit = b;
      load[bit] += follows[w];
      units[w].pair_sig = G_GUINT64_CONSTANT (1) << bit;
      units[alias].pair_sig = units[w].pair_sig;
    }
  for (guint32 i = 0; i <= lex->edge_mask; i++)
    {
      guint64 key = lex->edges[i].key;
      guint32 node = key >> 32;
      int a;
      guint64 sig;

      if (key == 0 || node > lex->n_nodes || first_word[node] < 0)
        continue;
      a = first_word[node];
      /* the next token's unit id SENTIMENT_UNIT_SLOW whatever its
       * entry ("wo" then the clitic "n't") */
      sig = units[(guint32) key - 1].pair_sig | SENTIMENT_SIG_SLOW;
      units[a].pair_row |= sig;
      units[unit_id_alias (lex, a)].pair_row |= sig;
    }
}

/* The scorer's tables (lexicon-lookup.h): the unit entries (the empty
 * one first, the entries, the bytes of punctuation, the long way), and
 * their masks of the pairs of words that may start a phrase, from the
 * trie's edges out of the nodes that the root's children are. */
static void
index_units (SentimentLexicon *lex)
{
  g_autofree gint32 *first_word = g_new (gint32, lex->n_nodes + 1);
  SentimentUnitEntry *units;

  /* aligned to cache lines, so that no entry straddles two (malloc puts
   * a block this size 16 bytes past a page, and one 32-byte entry in two
   * straddled): 2.41 M -> 2.26 M L1 data misses in the stage (callgrind
   * --cache-sim, bench-sentiment on the news benchmark) */
  units = lex->unit_entries = g_aligned_alloc0 (SENTIMENT_UNIT_ENTRIES (lex),
                                                sizeof (SentimentUnitEntry), 64);
  units[0].flags = SENTIMENT_ENTRY_WORD;
  units[0].counts[0] = units[0].counts[1] = 1;
  for (guint i = 0; i < lex->n_entries; i++)
    unit_entry_of_word (&units[i + 1], &lex->entries[i]);
  for (guint b = 0; b < 256; b++)
    unit_entry_of_byte (lex, &units[SENTIMENT_UNIT_BYTE (lex, b) + 1], b);
  units[SENTIMENT_UNIT_SLOW (lex) + 1].flags = SENTIMENT_ENTRY_SLOW;
  for (guint i = 0; i < SENTIMENT_UNIT_ENTRIES (lex); i++)
    {
      units[i].step = (units[i].flags & SENTIMENT_UNIT_READ) ? sizeof (SentimentUnit) : 0;
      units[i].pair_sig = SENTIMENT_SIG_PLAIN;
    }
  units[SENTIMENT_UNIT_SLOW (lex) + 1].pair_sig = SENTIMENT_SIG_SLOW;

  for (guint32 i = 0; i <= lex->n_nodes; i++)
    first_word[i] = -1;
  for (guint32 w = 0; w < lex->n_root; w++)
    if (lex->root_child[w] != 0 && lex->root_child[w] <= lex->n_nodes)
      first_word[lex->root_child[w]] = (gint32) w;
  index_pairs (lex, first_word);
  /* a token the rules take the long way whatever follows it */
  for (guint i = 0; i < SENTIMENT_UNIT_ENTRIES (lex); i++)
    if (units[i].flags & SENTIMENT_ENTRY_SLOW)
      units[i].pair_row = ~G_GUINT64_CONSTANT (0);
}

void
sentiment_lexicon_index_short (SentimentLexicon *lex)
{
  guint32 n_short = 0, bits = 4, by_len[17] = { 0 };
  g_autofree guint32 *order = NULL;

  for (guint32 i = 0; i < lex->n_root; i++)
    if (lex->key_len[i] >= 1 && lex->key_len[i] <= 16)
      by_len[lex->key_len[i]]++;
  for (guint32 len = 1; len <= 16; len++)
    n_short += by_len[len];
  /* at most half full: a word the table does not hold (half the tokens
   * of news) ends at an empty slot after 2.5 probes on average, most in
   * the same cache line */
  while ((G_GUINT64_CONSTANT (1) << bits) < 2 * (guint64) n_short)
    bits++;
  /* past the 2^bits home slots, room for a search that passes the last
   * of them and finds every slot taken (n_short words at most), so that
   * the search never wraps; these pages stay untouched but for a few
   * slots */
  lex->n_short_slots = ((gsize) 1 << bits) + n_short + 1;
  lex->short_slots = g_new0 (SentimentShortSlot, lex->n_short_slots);
  lex->short_key2 = g_new0 (guint64, lex->n_short_slots);
  lex->short_offsets = (((guint64) 1 << bits) - 1) * sizeof (SentimentShortSlot);
  /* an empty slot's unit is 0, the empty entry's, the answer of a probe
   * that ends there (sentiment_lexicon_probe_short()) */
  /* The shorter words first, so that they take their home slots: the
   * most frequent words of text are short (the, a, of, to, said), and a
   * word at its home slot is found without the probe loop (in the order
   * of the entries, callgrind --branch-sim put 0.15 M more mispredicted
   * branches on the stage, default pipeline on the news benchmark). A
   * counting sort of the words by length into @order. */
  for (guint32 len = 1, at = 0; len <= 16; len++)
    {
      guint32 count = by_len[len];

      by_len[len] = at;
      at += count;
    }
  order = g_new (guint32, n_short);
  for (guint32 i = 0; i < lex->n_root; i++)
    if (lex->key_len[i] >= 1 && lex->key_len[i] <= 16)
      order[by_len[lex->key_len[i]]++] = i;
  for (guint32 o = 0; o < n_short; o++)
    {
      guint32 i = order[o];
      guint64 key, key2, at;
      gsize k;

      key = sentiment_short_key (lex->pool[lex->key_offset[i]], lex->key_len[i] > 8);
      key2 = lex->key_len[i] > 8 ? lex->pool[lex->key_offset[i] + 1] : 0;
      for (at = sentiment_short_home (key, key2, lex->short_offsets);
           sentiment_short_slot (lex, at)->key != 0;
           at += sizeof (SentimentShortSlot))
        ;
      k = at / sizeof (SentimentShortSlot);
      lex->short_slots[k].key = key;
      lex->short_key2[k] = key2;
      lex->short_slots[k].unit = SENTIMENT_UNIT_OFFSET (i);
      lex->short_slots[k].len = lex->key_len[i];
    }
  index_units (lex);
}

static guint32
edge_get_or_add (SentimentLexicon *lex, guint32 node, guint32 word,
                 guint32 *n_nodes)
{
  guint64 key = sentiment_edge_key (node, word);
  guint32 i = sentiment_edge_hash (key) & lex->edge_mask;

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
    lex->n_pool = pool->len / 8;
    lex->pool = g_new0 (guint64, lex->n_pool + 1);
    memcpy (lex->pool, pool->str, pool->len);
    lex->slot_mask = next_pow2 (lex->n_entries * 2 + 1) - 1;
    lex->slots = g_new0 (SentimentSlot, lex->slot_mask + 1);
    lex->bloom = g_new0 (guint64, SENTIMENT_BLOOM_BITS / 64);
    for (guint32 i = 0; i < lex->n_entries; i++)
      word_insert (lex, i);

    /* the trie */
    lex->edge_mask = next_pow2 (n_edges * 2 + 1) - 1;
    lex->edges = g_new0 (SentimentEdge, lex->edge_mask + 1);
    lex->node_entry = g_new (gint32, n_edges + 1);
    lex->node_entry[0] = -1;
    lex->n_root = lex->n_entries;
    lex->root_child = g_new0 (guint32, lex->n_root);
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
            if (j == 0)
              lex->root_child[word] = node;
          }
        lex->node_entry[node] = idx;
      }
    lex->n_nodes = n_nodes;
    g_ptr_array_unref (pending);
  }
#undef ADD_WORD
  g_string_free (pool, TRUE);
  sentiment_lexicon_index_short (lex);
  return lex;
}

/* Public API */

SentimentLexicon *
sentiment_lexicon_new_text (const char *path, SentimentLexiconFormat format,
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
  g_free (lex->root_child);
  g_free (lex->short_slots);
  g_free (lex->short_key2);
  g_aligned_free (lex->unit_entries);
  g_free (lex);
}

int
sentiment_lexicon_lookup (const SentimentLexicon *lex, const char *word,
                          gsize len)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];

  if (len > SENTIMENT_MAX_WORD)
    return -1;
  return sentiment_lexicon_probe (lex, sentiment_fold_hash (word, len, FALSE, TRUE, buf),
                                  buf, len);
}

/* The rare path: a token with non-ASCII bytes is folded character by
 * character first. Out of line so that the ASCII path, inlined into the
 * scorer's token loop, keeps a small frame. */
int
sentiment_lexicon_lookup_non_ascii (const SentimentLexicon *lex, const char *text,
                                    gsize len)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];
  char folded[SENTIMENT_MAX_WORD];
  gssize n = sentiment_fold_word (text, len, folded, sizeof folded);

  if (n < 0)
    return -1;
  return sentiment_lexicon_probe (lex, sentiment_fold_hash (folded, n, FALSE, TRUE, buf),
                                  buf, n);
}

const SentimentEntry *
sentiment_lexicon_get (const SentimentLexicon *lex, int index)
{
  return &lex->entries[index];
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
