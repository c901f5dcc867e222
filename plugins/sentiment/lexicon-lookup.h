/* lexicon-lookup.h: the lexicon's layout and its per-token lookups,
 * inline (not installed; for lexicon.c and the scorer).
 *
 * The scorer looks up every token of every sentence (1.76 million lookups
 * on the 10,569 articles of the news benchmark). As out-of-line calls the
 * lookups cost 96 instructions each, a quarter of them the call itself:
 * the prologue, the stack-protector check of the 64-byte fold buffer and
 * the epilogue, paid per token. Inlined into the scorer's token loop the
 * buffer lives in the loop's frame and the check is paid once a sentence.
 * The inlining is forced (G_ALWAYS_INLINE): GCC kept the lookup as a call
 * of its own otherwise, and forcing it took the stage from about 592 M
 * to 562 M instructions (callgrind, default pipeline, news benchmark).
 */
#pragma once

#include <string.h>

#include <glib.h>

#include "lexicon.h"

/* 64 Kbit (8 KiB): with ~9,000 words, about 5% of absent words pass */
#define SENTIMENT_BLOOM_BITS 65536
#define SENTIMENT_BLOOM_A(h) (((h) >> 32) & (SENTIMENT_BLOOM_BITS - 1))
#define SENTIMENT_BLOOM_B(h) (((h) >> 48) & (SENTIMENT_BLOOM_BITS - 1))
#define SENTIMENT_HASH_MUL G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

/* Room for the folded chunks of the longest word. */
#define SENTIMENT_FOLD_CHUNKS (SENTIMENT_MAX_WORD / 8 + 1)

typedef struct {
  guint32 hash;
  guint32 index;  /* entry index + 1; 0 marks an empty slot */
} SentimentSlot;

/* A slot of the short table: a word of one or two chunks (1 to 16
 * bytes); its second chunk is in an array of its own (short_key2). */
typedef struct {
  guint64 key;    /* the word's first 8 bytes, zero-padded, marked for a
                   * word of two chunks (sentiment_short_key()); 0 marks
                   * an empty slot */
  guint32 unit;   /* where the word's unit entry is in unit_entries, in
                   * bytes (SENTIMENT_UNIT_OFFSET); 0, the empty
                   * entry's, in an empty slot */
  guint32 len;
} SentimentShortSlot;

/* The key of the short table for a word whose first chunk is @c: the
 * chunk itself for a word of one chunk, with its top bit set for a word
 * of two. Neither lexicon words nor document text hold a NUL byte (the
 * loader refuses one, the SDK too), so that a zero-padded chunk says
 * the length of a word of up to 7 bytes; the mark tells a word of 8
 * bytes from a longer one that starts with them, which the lookups of
 * the scorer's ASCII paths never confuse: an ASCII chunk has no top
 * bit, and a word of two chunks is compared with its second chunk too. */
#define SENTIMENT_SHORT_TWO (G_GUINT64_CONSTANT (1) << 63)

static inline guint64
sentiment_short_key (guint64 c, gboolean two)
{
  return two ? c | SENTIMENT_SHORT_TWO : c;
}

typedef struct {
  guint64 key;    /* (node << 32) | word entry; 0 marks an empty edge */
  guint32 child;
} SentimentEdge;

/* What the scorer's token path reads for a token: the entry as a unit
 * takes it (the valence 0 without LEX_HAS_VALENCE), what the token adds
 * to the counts of the words before the next unit (scorer.c, Counts: a
 * word, a word of a reducer's reach, a stop), and the two masks that
 * say whether the token and the next may start a phrase (a pair the
 * rules take the long way): @pair_row & the next token's @pair_sig is
 * not 0. 64 bytes: the next one is a shift away. */
typedef struct {
  float valence;
  float scalar;
  guint32 flags;    /* SentimentEntryFlags and SENTIMENT_ENTRY_* */
  guint32 step;     /* bytes from the unit the token makes to the next:
                     * a unit's size when the rules read it
                     * (SENTIMENT_UNIT_READ), else 0 */
  guint32 counts[4];
  guint64 pair_row; /* the sig bits of the words that may follow it in
                     * a phrase (with SENTIMENT_SIG_SLOW), 0 for a word
                     * that starts none; all ones for a token that takes
                     * the long way (SENTIMENT_ENTRY_SLOW) */
  guint64 pair_sig; /* as a phrase's second word, its bit; else
                     * SENTIMENT_SIG_PLAIN, which no row but all ones
                     * holds */
  guint64 pad[2];
} SentimentUnitEntry;

/* The offset in bytes of the unit entry of unit id @id (an entry, -1
 * for none: see SENTIMENT_UNIT_BYTE) from the start of unit_entries,
 * and back: what the short table holds, so that the scorer's token loop
 * adds it to the table's address (the id's sign extension, shift and
 * add took 2 instructions a token more: the stage 283.3 M -> 280.7 M
 * instructions, callgrind, default pipeline on the news benchmark). */
#define SENTIMENT_UNIT_OFFSET(id) ((guint32) ((id) + 1) * (guint32) sizeof (SentimentUnitEntry))

static inline int
sentiment_unit_id (guint32 offset)
{
  return (int) (offset / sizeof (SentimentUnitEntry)) - 1;
}

/* The bits of SentimentUnitEntry.pair_sig that are no second word's:
 * the token that may be anything (SENTIMENT_UNIT_SLOW: a clitic, which
 * may continue a phrase: "wo" "n't"), in every first word's row, and
 * the words that continue no phrase. The second words share the others
 * (lexicon.c, index_pairs). */
#define SENTIMENT_SIG_SLOW (G_GUINT64_CONSTANT (1) << 62)
#define SENTIMENT_SIG_PLAIN (G_GUINT64_CONSTANT (1) << 63)
#define SENTIMENT_SIG_WORD_BITS 62

/* The roles the rules read. A word whose entry has none of them and no
 * valence (a, the, to, in; a phrase start that matched nothing) makes no
 * unit: a, the and of only count less in a reducer's reach, to, for and
 * with end it, and the counts of the scorer's units say that. */
#define SENTIMENT_UNIT_ROLES (LEX_NEGATOR | LEX_MODIFIER | LEX_CONTRAST | LEX_CONCESSIVE | \
                              LEX_REDUCER | LEX_LEAST | LEX_NEVER | LEX_SO_THIS | \
                              LEX_HEDGE | LEX_DECREASE | LEX_INCREASE | LEX_TOPIC | LEX_HARM)

/* Unit ids, what the scorer's token loop keeps of a token: an entry
 * (0 .. n_entries - 1), -1 for none, and past the entries: a
 * punctuation mark or symbol of one ASCII byte @b, whose unit the byte
 * says (SENTIMENT_UNIT_BYTE), a token that takes the long way whatever
 * it is (SENTIMENT_UNIT_SLOW), and a token that is no word and makes no
 * unit (SENTIMENT_UNIT_NONE: a clitic without an entry, 's).
 * unit_entries[id + 1] is the id's SentimentUnitEntry, for
 * SENTIMENT_UNIT_ENTRIES ids from -1. */
#define SENTIMENT_UNIT_BYTE(lex, b) ((int) (lex)->n_entries + (int) (b))
#define SENTIMENT_UNIT_SLOW(lex) ((int) (lex)->n_entries + 256)
#define SENTIMENT_UNIT_NONE(lex) ((int) (lex)->n_entries + 257)
#define SENTIMENT_UNIT_ENTRIES(lex) ((lex)->n_entries + 259)

/* What a punctuation byte is to the scorer: counted as !, as ?, a
 * clause break, or the lead byte of an en or em dash (to be read
 * further). */
enum {
  SENTIMENT_PUNCT_EXCL = 1,
  SENTIMENT_PUNCT_QUEST = 2,
  SENTIMENT_PUNCT_CLAUSE = 4,
  SENTIMENT_PUNCT_DASH_LEAD = 8,
};

static const guint8 sentiment_punct_class[256] = {
  ['!'] = SENTIMENT_PUNCT_EXCL, ['?'] = SENTIMENT_PUNCT_QUEST,
  [','] = SENTIMENT_PUNCT_CLAUSE, [';'] = SENTIMENT_PUNCT_CLAUSE,
  [':'] = SENTIMENT_PUNCT_CLAUSE, ['('] = SENTIMENT_PUNCT_CLAUSE,
  [')'] = SENTIMENT_PUNCT_CLAUSE, ['-'] = SENTIMENT_PUNCT_CLAUSE,
  [0xe2] = SENTIMENT_PUNCT_DASH_LEAD,
};

struct _SentimentLexicon {
  SentimentEntry *entries;
  guint n_entries;
  guint64 *pool;        /* the word keys, each zero-padded to 8-byte chunks */
  guint32 n_pool;       /* chunks in @pool */
  guint32 *key_offset;  /* per entry: index of its first chunk in @pool */
  guint16 *key_len;     /* per entry: key length; 0 for phrases */
  SentimentSlot *slots;
  guint32 slot_mask;
  guint64 *bloom;       /* SENTIMENT_BLOOM_BITS bits, two per word: most
                         * absent tokens stop here, in L1 cache */
  SentimentEdge *edges;
  guint32 edge_mask;
  gint32 *node_entry;   /* per trie node: the phrase ending there, or -1 */
  guint32 *root_child;  /* per word entry: its child of the trie's root,
                         * or 0 */
  guint32 n_root;       /* word entries (the phrases' come after them) */
  guint32 n_nodes;
  guint n_words;
  guint n_phrases;
  /* The words of one or two chunks again, in a table of their own at
   * most half full (sentiment_lexicon_index_short): see
   * sentiment_lexicon_lookup_token(). Derived from the tables above, not
   * part of the built-in image. */
  SentimentShortSlot *short_slots;
  guint64 *short_key2;  /* per slot: the word's second chunk,
                         * zero-padded; 0 for a word of one chunk */
  guint64 short_offsets; /* (home slots - 1) * sizeof (SentimentShortSlot):
                          * a home slot's offset in bytes, masked */
  gsize n_short_slots;   /* the home slots and those past them */
  /* For the scorer's branch-free token path (scorer.c, make_units),
   * derived like the short table: */
  SentimentUnitEntry *unit_entries;  /* SENTIMENT_UNIT_ENTRIES, indexed by a
                                      * unit id + 1 (SENTIMENT_UNIT_BYTE) */
};

/* In unit_entries only: the entry's valence is not 0 (a flag the
 * scorer's word path tests with the roles, in one mask; scorer.c uses
 * the bits above LEX_HARM up to 25 for its units). */
#define SENTIMENT_ENTRY_VALENCED (1u << 26)
/* In unit_entries only: the scorer's U_WORD (a word; every entry of a
 * word has it), U_CLAUSE (a clause break), and a token the rules take
 * the long way (scorer.c, add_token_slow). */
#define SENTIMENT_ENTRY_WORD (1u << 20)
#define SENTIMENT_ENTRY_CLAUSE (1u << 22)
#define SENTIMENT_ENTRY_SLOW (1u << 27)
/* The flags of a unit entry that make a unit the rules read. */
#define SENTIMENT_UNIT_READ (SENTIMENT_UNIT_ROLES | SENTIMENT_ENTRY_VALENCED | \
                             SENTIMENT_ENTRY_CLAUSE)

/* ASCII lowercase of 8 bytes at once: a byte in 'A'..'Z' gains 0x20;
 * bytes >= 0x80 (UTF-8 sequences) are left alone. */
static inline guint64
sentiment_lower8 (guint64 x)
{
  guint64 heptets = x & G_GUINT64_CONSTANT (0x7f7f7f7f7f7f7f7f);
  guint64 ge_a = heptets + G_GUINT64_CONSTANT (0x3f3f3f3f3f3f3f3f);
  guint64 gt_z = heptets + G_GUINT64_CONSTANT (0x2525252525252525);
  guint64 upper = ge_a & ~gt_z & ~x & G_GUINT64_CONSTANT (0x8080808080808080);

  return x | (upper >> 2);
}

/* Lowercases @len (<= SENTIMENT_MAX_WORD) bytes of @s into @buf, 8 bytes
 * at a time, zero-padding the last chunk, and hashes the chunks on the
 * way; with @fold FALSE (text known to have no capitals) the bytes are
 * taken as they are: three tokens in four of news text are lower-case,
 * and the lowering was a fifth of the lookup (callgrind). Word-at-a-time rather than FNV-1a's byte-at-a-time multiply chain.
 * The last partial chunk is read as the 8 bytes that end the word, shifted
 * (when @back_ok says those bytes are readable, or the word is longer than
 * 8), rather than copied into a zeroed word: that copy stalled store
 * forwarding and cost a quarter of the lookup's time. */
G_ALWAYS_INLINE static inline guint64
sentiment_fold_hash (const char *s, gsize len, gboolean back_ok, gboolean fold,
                     guint64 *buf)
{
  guint64 h = len * SENTIMENT_HASH_MUL;
  gsize i = 0, n = 0;

  for (; i + 8 <= len; i += 8, n++)
    {
      guint64 c;
      memcpy (&c, s + i, 8);
      buf[n] = c = fold ? sentiment_lower8 (c) : c;
      h = (h ^ c) * SENTIMENT_HASH_MUL;
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
      buf[n] = c = fold ? sentiment_lower8 (c) : c;
      h = (h ^ c) * SENTIMENT_HASH_MUL;
      h ^= h >> 32;
    }
  return h;
}

/* How far sentiment_short_home() rotates the hash: 60 - 15, which
 * brings the top 15 bits to bits 4 to 18, a slot's offset in a table of
 * 2^15 slots. */
#define SENTIMENT_SHORT_ROTATE 45

/* The offset in bytes of the slot where the search for the word of
 * chunks @c and @c2 (0 for a word of one chunk) starts, in a table
 * whose offset mask is @mask (SentimentLexicon.short_offsets): Fibonacci
 * hashing, the top bits of a multiply (one for a word of one chunk: c2
 * * anything is 0), rotated by a constant and masked, so that they are
 * the offset at once. In a table of 2^15 slots or fewer (the built-in
 * lexicon's) these are the top bits of the product, as the shift by a
 * count read from the lexicon took them (a table of 2^16 or more also
 * takes the product's low bits, which the key's first bytes make).
 * That shift and the shift of the index into an offset took 5
 * instructions a lookup, three of them copies, and a shift by a count
 * in %cl is 2 or 3 micro-ops on x86-64 where a rotation by a constant
 * is one. With the search past the home slot no longer wrapping (so
 * that the mask needs no register in its loop), bench-sentiment on the
 * news benchmark went from 215.5 M to 210.6 M instructions (2.81 M to
 * 2.76 M mispredicted branches), the stage in the default pipeline from
 * 259.2 M to 256.6 M (callgrind --branch-sim, one job). With the
 * wrapping search, the mask held in a register through it, the copy
 * of the token loop with names spilled a pointer: 212.2 M on the
 * bench, but 261.6 M in the pipeline. */
static inline guint64
sentiment_short_home (guint64 c, guint64 c2, guint64 mask)
{
  guint64 h = (c ^ (c2 * G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f))) * SENTIMENT_HASH_MUL;

  return ((h >> SENTIMENT_SHORT_ROTATE) | (h << (64 - SENTIMENT_SHORT_ROTATE))) & mask;
}

/* The slot of the short table at offset @at (sentiment_short_home()),
 * and its second chunk (short_key2, 8 bytes a slot where a slot is
 * 16). */
G_STATIC_ASSERT (sizeof (SentimentShortSlot) == 16);

static inline const SentimentShortSlot *
sentiment_short_slot (const SentimentLexicon *lex, guint64 at)
{
  return (const SentimentShortSlot *) (gconstpointer) ((const char *) lex->short_slots + at);
}

static inline guint64
sentiment_short_second (const SentimentLexicon *lex, guint64 at)
{
  return *(const guint64 *) (gconstpointer) ((const char *) lex->short_key2 + at / 2);
}

/* SENTIMENT_OPAQUE: makes GCC forget how @x was computed, so that it
 * tests the value as it is instead of turning the & and | of compares
 * that computed it into branches (an empty asm that may change @x). */
#if defined(__GNUC__)
#define SENTIMENT_OPAQUE(x) __asm__ ("" : "+r" (x))
#else
#define SENTIMENT_OPAQUE(x) ((void) 0)
#endif

/* The unit entry of the word of ASCII chunks @c and @c2 (folded; @c2
 * is 0 for a word of one chunk), as its SENTIMENT_UNIT_OFFSET (0: none);
 * @two (a constant where it is
 * inlined) says whether it has two, and short_key2 is to be compared.
 *
 * The home slot is compared branch-free: its key (and, with @two, its
 * second chunk) read and compared whatever they hold, and the loop
 * entered only when another word took the slot (about one lookup in
 * five). "Is this word in the table" was the most mispredicted branch
 * of the stage: on the news benchmark (callgrind --branch-sim) 0.72 M
 * of 1.8 M lookups at the empty-slot test, 0.36 M at the key compare.
 * The key says the length (sentiment_short_key()): compared too, the
 * slot's length took 4 instructions a lookup; and "the slot holds the
 * word, or none" is one test, that the smaller of the slot's key and
 * what differs from it is 0 (the key of a word is never 0), where the
 * two compares and their or took 2 instructions more (the stage
 * 294.0 M -> 283.3 M instructions, callgrind, default pipeline on the
 * news benchmark).
 *
 * The slot holds the first chunk, the entry and the length (16 bytes,
 * 512 KiB at most half full): the compare reads one cache line. With
 * the first chunks in an array of their own (8 bytes a slot) and the
 * rest read on a match only, as the branching probe did, the
 * branch-free compare read two lines, and perf put a fifth of the
 * scorer's samples on those two loads. */
G_ALWAYS_INLINE static inline guint32
sentiment_lexicon_probe_short (const SentimentLexicon *lex, guint64 c,
                               guint64 c2, gboolean two)
{
  guint64 key = sentiment_short_key (c, two);
  guint64 at = sentiment_short_home (key, c2, lex->short_offsets);
  const SentimentShortSlot *s = sentiment_short_slot (lex, at);
  guint64 k = s->key, miss = k ^ key;

  if (two)
    miss |= sentiment_short_second (lex, at) ^ c2;
  miss = MIN (k, miss);
  /* GCC splits the test back into branches, the first of them "is this
   * word in the table" (1.25 M mispredicted); the empty asm hides how
   * @miss was computed */
  SENTIMENT_OPAQUE (miss);
  /* The slot's unit is the answer either way: an empty slot's is the
   * empty entry (sentiment_lexicon_index_short()). Chosen by masks from
   * a hit, the entry or -1 took five instructions more a lookup (the
   * stage 340.3 M -> 332.2 M instructions, callgrind, default pipeline
   * on the news benchmark; 4.25 M -> 4.35 M mispredicted branches in
   * its simulated predictor, none of them on this code). */
  if (G_LIKELY (miss == 0))
    return s->unit;
  /* no wrapping: the slots past the last home slot take the words whose
   * search passes it (sentiment_lexicon_index_short()), so that the
   * mask is read once a lookup and needs no register in the loop */
  for (at += sizeof *s;; at += sizeof *s)
    {
      s = sentiment_short_slot (lex, at);
      if (s->key == 0)
        return 0;
      if (s->key == key && (!two || sentiment_short_second (lex, at) == c2))
        return s->unit;
    }
}

/* The entry whose key is the folded chunks @buf (@len bytes, hash @h64),
 * or -1. */
G_ALWAYS_INLINE static inline int
sentiment_lexicon_probe (const SentimentLexicon *lex, guint64 h64,
                         const guint64 *buf, gsize len)
{
  guint32 h = (guint32) h64;
  guint32 i = h & lex->slot_mask;
  guint64 a = SENTIMENT_BLOOM_A (h64), b = SENTIMENT_BLOOM_B (h64);

  if (!(lex->bloom[a / 64] & (G_GUINT64_CONSTANT (1) << (a % 64))) ||
      !(lex->bloom[b / 64] & (G_GUINT64_CONSTANT (1) << (b % 64))))
    return -1;
  for (;;)
    {
      const SentimentSlot *s = &lex->slots[i];
      if (s->index == 0)
        return -1;
      if (s->hash == h && lex->key_len[s->index - 1] == len)
        {
          const guint64 *key = lex->pool + lex->key_offset[s->index - 1];
          gsize n = (len + 7) / 8, k;

          /* the first chunk apart: most words have only that one */
          if (key[0] == buf[0])
            {
              for (k = 1; k < n && key[k] == buf[k]; k++)
                ;
              if (k == n)
                return s->index - 1;
            }
        }
      i = (i + 1) & lex->slot_mask;
    }
}

/* sentiment_lexicon_lookup_non_ascii: the rare path of
 * sentiment_lexicon_lookup_token(), out of line (lexicon.c): the token is
 * folded character by character first. */
int sentiment_lexicon_lookup_non_ascii (const SentimentLexicon *lexicon,
                                        const char *text, gsize len);

/* sentiment_lexicon_lookup_token: as sentiment_lexicon_lookup(), for a
 * token's raw text: it is lowercased on the way (ASCII fast path; other
 * text through g_unichar_tolower, with ’ read as '). @non_ascii: the
 * token has a byte >= 0x80. @lower: it has no capital letter (the
 * tokenizer's GALLEY_CASE_LOWER), so the ASCII path need not lower it. @back_ok: the 8 bytes that end at text + len
 * are readable (the token does not start the buffer), which lets the fast
 * path read its last partial chunk in one load. */
G_ALWAYS_INLINE static inline int
sentiment_lexicon_lookup_token (const SentimentLexicon *lex, const char *text,
                                gsize len, gboolean non_ascii, gboolean lower,
                                gboolean back_ok)
{
  guint64 buf[SENTIMENT_FOLD_CHUNKS];

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (G_LIKELY (len - 1 < 8 && back_ok && !non_ascii))
    {
      /* Four tokens in five are words of one chunk (1 to 8 bytes) with
       * readable bytes before them: the chunk is read in one load and
       * looked up in the table of one-chunk words, whose slots hold the
       * key itself: one multiply, and a compare of the slot's key where
       * the general probe (bloom bits, slot, length, offset, pool) read
       * five places. The stage went from 449.7 M to 418.3 M
       * instructions (callgrind, default pipeline, news benchmark). */
      guint64 c;

      memcpy (&c, text + len - 8, 8);
      c >>= 8 * (8 - len);
      return sentiment_unit_id (sentiment_lexicon_probe_short (lex, lower ? c : sentiment_lower8 (c), 0, FALSE));
    }
  if (len - 9 < 8 && !non_ascii)
    {
      /* 9 to 16 bytes (a token in ten): the first chunk, and the second
       * read as the 8 bytes that end the word, both inside the token.
       * They went through the general probe: the stage 396.3 M ->
       * 391.9 M instructions (callgrind, default pipeline, news
       * benchmark). */
      guint64 c, c2;

      memcpy (&c, text, 8);
      memcpy (&c2, text + len - 8, 8);
      c2 >>= 8 * (16 - len);
      if (!lower)
        c = sentiment_lower8 (c), c2 = sentiment_lower8 (c2);
      return sentiment_unit_id (sentiment_lexicon_probe_short (lex, c, c2, TRUE));
    }
#endif
  if (len > SENTIMENT_MAX_WORD)
    return -1;
  if (G_UNLIKELY (non_ascii))
    return sentiment_lexicon_lookup_non_ascii (lex, text, len);
  return sentiment_lexicon_probe (lex, sentiment_fold_hash (text, len, back_ok, !lower, buf),
                                  buf, len);
}

static inline guint64
sentiment_edge_key (guint32 node, guint32 word)
{
  return ((guint64) node << 32) | ((guint64) word + 1);
}

static inline guint32
sentiment_edge_hash (guint64 key)
{
  key ^= key >> 29;
  key *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  key ^= key >> 32;
  return (guint32) key;
}

/* sentiment_lexicon_phrase_first: the trie node reached from the root by
 * the word entry @word (>= 0), or 0: an array index, not a probe (a
 * tenth of news tokens start a phrase, and few go further). */
static inline guint32
sentiment_lexicon_phrase_first (const SentimentLexicon *lex, int word)
{
  return lex->root_child[word];
}

/* sentiment_lexicon_phrase_step: the trie node reached from @node (0 is the
 * root) by the word entry @word, or 0 when there is none. */
static inline guint32
sentiment_lexicon_phrase_step (const SentimentLexicon *lex, guint32 node,
                               int word)
{
  guint64 key;
  guint32 i;

  if (word < 0)
    return 0;
  key = sentiment_edge_key (node, word);
  i = sentiment_edge_hash (key) & lex->edge_mask;
  while (lex->edges[i].key != 0)
    {
      if (lex->edges[i].key == key)
        return lex->edges[i].child;
      i = (i + 1) & lex->edge_mask;
    }
  return 0;
}

/* sentiment_lexicon_phrase_entry: the entry of the phrase ending at trie
 * @node, or -1 when no phrase ends there. */
static inline int
sentiment_lexicon_phrase_entry (const SentimentLexicon *lex, guint32 node)
{
  return node < lex->n_nodes ? lex->node_entry[node] : -1;
}
