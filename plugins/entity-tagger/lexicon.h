/* lexicon.h: the entity tagger's word table and phrase trie.
 *
 * Built once when a stage instance is created, then only read (by every
 * worker thread at once). Two structures:
 *
 *  - the word table maps a token's folded form (lower case, ’ as ') to a
 *    word id and that word's lexical classes (given name, month, unit...);
 *  - the phrase trie maps sequences of word ids to an entity type and an
 *    optional canonical form ("U.S." -> GPE "United States").
 *
 * Both are open-addressing hash tables over flat arrays: a lookup is one
 * hash of the token's bytes and a probe or two, with no allocation.
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <string.h>

G_BEGIN_DECLS

/* Entity types. The first 15 are the OntoNotes names the layer uses. */
typedef enum {
  ET_NONE = 0,
  ET_PERSON,
  ET_NORP,
  ET_FAC,
  ET_ORG,
  ET_GPE,
  ET_LOC,
  ET_PRODUCT,
  ET_EVENT,
  ET_DATE,
  ET_TIME,
  ET_PERCENT,
  ET_MONEY,
  ET_QUANTITY,
  ET_ORDINAL,
  ET_CARDINAL,
  ET_N_TYPES,
  /* internal phrase types, never output */
  ET_TITLE = ET_N_TYPES,  /* a title or role before a name */
  ET_BLOCK,               /* a phrase that is never an entity */
} EtType;

/* et_type_name: "PERSON", ...; "TITLE", "NONE" for the internal types. */
const char *et_type_name (EtType type);
/* et_type_from_name: the type named @name (as in gazetteer files: the
 * OntoNotes names, TITLE, NONE), or -1. */
int et_type_from_name (const char *name);

/* Lexical classes of a word (WordInfo.flags). */
#define LEX_GIVEN          (G_GUINT64_CONSTANT (1) << 0)
#define LEX_SURNAME        (G_GUINT64_CONSTANT (1) << 1)
#define LEX_SURNAME_FIRST  (G_GUINT64_CONSTANT (1) << 2)
#define LEX_PARTICLE       (G_GUINT64_CONSTANT (1) << 3)
#define LEX_COMMON         (G_GUINT64_CONSTANT (1) << 4)
#define LEX_ORG_WORD       (G_GUINT64_CONSTANT (1) << 5)
#define LEX_PLACE_SUFFIX   (G_GUINT64_CONSTANT (1) << 6)
#define LEX_PLACE_PREFIX   (G_GUINT64_CONSTANT (1) << 7)
#define LEX_ROLE           (G_GUINT64_CONSTANT (1) << 8)
#define LEX_MONTH          (G_GUINT64_CONSTANT (1) << 9)
#define LEX_WEEKDAY        (G_GUINT64_CONSTANT (1) << 10)
#define LEX_NUMBER         (G_GUINT64_CONSTANT (1) << 11)
#define LEX_ORDINAL        (G_GUINT64_CONSTANT (1) << 12)
#define LEX_MAGNITUDE      (G_GUINT64_CONSTANT (1) << 13)
#define LEX_CURRENCY       (G_GUINT64_CONSTANT (1) << 14)
#define LEX_CURRENCY_SYM   (G_GUINT64_CONSTANT (1) << 15)
#define LEX_UNIT           (G_GUINT64_CONSTANT (1) << 16)
#define LEX_PERCENT        (G_GUINT64_CONSTANT (1) << 17)
#define LEX_DATE_UNIT      (G_GUINT64_CONSTANT (1) << 18)
#define LEX_TIME_UNIT      (G_GUINT64_CONSTANT (1) << 19)
#define LEX_DATE_WORD      (G_GUINT64_CONSTANT (1) << 20)
#define LEX_TIME_WORD      (G_GUINT64_CONSTANT (1) << 21)
#define LEX_TIME_PART      (G_GUINT64_CONSTANT (1) << 22)
#define LEX_DATE_REL       (G_GUINT64_CONSTANT (1) << 23)
#define LEX_DATE_MOD       (G_GUINT64_CONSTANT (1) << 24)
#define LEX_DATE_AGO       (G_GUINT64_CONSTANT (1) << 25)
#define LEX_AMPM           (G_GUINT64_CONSTANT (1) << 26)
#define LEX_TIMEZONE       (G_GUINT64_CONSTANT (1) << 27)
#define LEX_FRACTION       (G_GUINT64_CONSTANT (1) << 28)
#define LEX_APPROX         (G_GUINT64_CONSTANT (1) << 29)
#define LEX_LOC_PREP       (G_GUINT64_CONSTANT (1) << 30)
#define LEX_SPEECH         (G_GUINT64_CONSTANT (1) << 31)
#define LEX_DIRECTION      (G_GUINT64_CONSTANT (1) << 32)
#define LEX_CONNECT_OF     (G_GUINT64_CONSTANT (1) << 33)
#define LEX_DETERMINER     (G_GUINT64_CONSTANT (1) << 34)
/* short function words a title-case headline leaves in lower case */
#define LEX_FUNCTION       (G_GUINT64_CONSTANT (1) << 35)
/* first words of multi-word approximators: more (than), at (least) */
#define LEX_APPROX_HEAD    (G_GUINT64_CONSTANT (1) << 36)
/* the first word of some phrase; of a phrase written in lower case */
#define LEX_PHRASE_START   (G_GUINT64_CONSTANT (1) << 37)
#define LEX_PHRASE_START_LOWER (G_GUINT64_CONSTANT (1) << 38)
/* words the numeric rules test by spelling: per, cent, aged, square,
 * cubic, percentage, points, century, night, half, than, earlier, later,
 * the, one, a, an, of, and, ",": the rules look at these only when the
 * word has this flag, so most tokens cost one flag test */
#define LEX_NUMERIC_WORD   (G_GUINT64_CONSTANT (1) << 39)
/* a, an */
#define LEX_INDEFINITE     (G_GUINT64_CONSTANT (1) << 40)
/* company, broadcaster: a kind of organisation */
#define LEX_ORG_CONTEXT    (G_GUINT64_CONSTANT (1) << 41)
/* village, river: a kind of place (WordInfo.place_type says which) */
#define LEX_PLACE_CONTEXT  (G_GUINT64_CONSTANT (1) << 42)
/* pronouns, articles, prepositions, conjunctions: never a name of their
 * own when capitalised in title case (She, To, That) */
#define LEX_CLOSED         (G_GUINT64_CONSTANT (1) << 43)
/* teams.c: match, striker, league: words of a sports story */
#define LEX_SPORT          (G_GUINT64_CONSTANT (1) << 44)
/* teams.c: beat, defeated, versus: a team on either side */
#define LEX_TEAM_VERB      (G_GUINT64_CONSTANT (1) << 45)
/* teams.c: played, signed, goal: "played for Boston" is the team */
#define LEX_TEAM_FOR       (G_GUINT64_CONSTANT (1) << 46)
/* facilities.c: Center, Hospital: an organisation's name and its building */
#define LEX_BUILDING_ORG   (G_GUINT64_CONSTANT (1) << 47)
/* shares, stake, shareholders: what only an organisation has
 * ("shares of Zentrix", "Zentrix shareholders") */
#define LEX_ORG_HOLDING    (G_GUINT64_CONSTANT (1) << 48)
#define LEX_PLACE_BOTH     (LEX_PLACE_SUFFIX | LEX_PLACE_PREFIX)

typedef struct {
  guint64 flags;
  gint64 value;        /* NUMBER, ORDINAL, MAGNITUDE; MONTH 1-12; WEEKDAY 1-7 */
  guint8 place_type;   /* EtType of a place word */
  char currency[4];    /* ISO code of CURRENCY and CURRENCY_SYM words */
} WordInfo;

#define LEX_NO_WORD G_MAXUINT32

/* How a phrase word's case constrains the token it matches. */
typedef enum {
  CASE_REQ_ANY = 0,    /* written in lower case: any token case */
  CASE_REQ_CAP = 1,    /* has a capital: the token must not be lower case */
  CASE_REQ_UPPER = 2,  /* all capitals (2+ letters): the token too */
} CaseReq;

/* The result of a phrase lookup. */
typedef struct {
  guint n_tokens;      /* 0: no phrase starts here */
  EtType type;
  CaseReq first_req;   /* the case requirement of the first word */
  const char *canonical;  /* NULL: the matched text is the canonical form */
} PhraseMatch;

typedef struct _Lexicon Lexicon;

Lexicon *lexicon_new (void);
void lexicon_free (Lexicon *lex);

/* lexicon_fold: writes the folded form of @s (@len bytes of UTF-8) to
 * @out (@out_size bytes) and returns its length, or -1 when it does not
 * fit (such long tokens are never in the lexicon). */
int lexicon_fold (const char *s, gsize len, char *out, gsize out_size);

/* lexicon_hash: the 64-bit hash of @len folded bytes. */
guint64 lexicon_hash (const char *folded, gsize len);

/* lexicon_word_id: the id of the folded word (@folded, @len, hash @h), or
 * LEX_NO_WORD. */
guint32 lexicon_word_id (const Lexicon *lex, const char *folded, gsize len,
                         guint64 h);

/* The word table: open addressing over the words' 64-bit hashes. It is
 * the lexicon's first member, so that lexicon_lookup() below can be
 * inlined into the per-token loop. */
typedef struct {
  guint64 hash;
  guint32 wid;      /* LEX_NO_WORD: empty slot */
} WordSlot;

/* The sealed word table that the lookup probes: each WordSlot's word id
 * and the high half of its hash, at the same index (8 bytes a slot where
 * a WordSlot with the classes took 24). See lexicon_lookup_in(). */
typedef struct {
  guint32 check;    /* the hash's high 32 bits */
  guint32 wid;      /* LEX_NO_WORD: empty slot */
} WordProbe;

typedef struct {
  guint64 key;      /* node << 32 | wid; G_MAXUINT64: empty */
  guint32 child;
  guint32 req;      /* CaseReq */
} EdgeSlot;

/* The case requirements of a phrase's words, two bits a word (its
 * first word in the lowest), for the first LEX_REQS_WORDS words; the
 * words past them ask nothing more than the edges do. */
#define LEX_REQS_WORDS 16
#define LEX_REQ_AT(reqs, k) ((CaseReq) (((reqs) >> (2 * (k))) & 3))

typedef struct {
  guint32 canonical_off;  /* 0: none (offset 0 of the pool is "") */
  /* the case requirements of the phrase ending here (LEX_REQ_AT()).
   * An edge keeps the loosest requirement of the phrases through it,
   * so that no phrase becomes unreachable; the phrase's own words are
   * checked against these once it matches, or "US Weekly" listed as
   * "Us Weekly" would let "us" end the phrase "US" */
  guint32 reqs;
  guint8 type;
  /* 1: the phrase was listed only as a variant of another's spelling
   * (lexicon_add_phrase_variant()); in the padding, no byte more */
  guint8 variant;
} LexNode;

/* The sealed trie that lexicon_step() walks: each EdgeSlot as 8 bytes,
 * its word id and child at the same index (an empty slot: LEX_NO_WORD
 * and child 0, the root, which no edge leads to), and the node it comes
 * from kept in the child, whose one incoming edge it is. See
 * lexicon_step(). */
typedef struct {
  guint32 wid;
  guint32 child;
} EdgeProbe;

typedef struct {
  guint32 parent;         /* LEXICON_NO_NODE for the root */
  guint32 canonical_off;  /* as in LexNode */
  guint32 reqs;           /* as in LexNode */
  guint8 type;            /* as in LexNode */
  guint8 req;             /* the CaseReq of the edge into this node */
  guint8 variant;         /* as in LexNode; in the padding (16 bytes) */
} TrieNode;

/* A word's hash and classes by word id (lexicon_seal() fills them): the
 * tagger keeps only a token's word id, and reads these through it. */
typedef struct {
  guint64 hash;
  guint64 flags;
} WordById;

typedef struct {
  WordSlot *wslots;
  guint wmask;
  WordById *by_id;  /* one per word id, set by lexicon_seal() */
  WordProbe *probes;  /* wmask + 1 of them, set by lexicon_seal() */
  /* the phrase trie's edges (open addressing by node and word id) and
   * nodes, and the string pool (nodes and pool set by lexicon_seal()) */
  EdgeSlot *eslots;
  guint emask;
  EdgeProbe *eprobes;  /* emask + 1 of them, set by lexicon_seal() */
  TrieNode *tnodes;    /* one per node, set by lexicon_seal() */
  guint32 *root_child; /* by word id: its child of the root, or
                        * LEXICON_NO_NODE (lexicon_seal()) */
  const char *pool;
} LexiconWordTable;

/* The hash works on 8-byte little-endian chunks (the last one padded with
 * zeros): a token of ~6 bytes is one multiply-and-mix, where a byte-wise
 * FNV took ~5 instructions a byte. */
#define LEX_HASH_SEED G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)
#define LEX_HASH_MUL G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9)

static inline guint64
lex_hash_chunk (guint64 h, guint64 chunk)
{
  h ^= chunk;
  h *= LEX_HASH_MUL;
  return h ^ (h >> 31);
}

static inline guint64
lex_hash_final (guint64 h, gsize len)
{
  h ^= len;
  h *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return h ^ (h >> 32);
}

static inline guint64
lex_load_tail (const char *p, gsize n)
{
  guint64 c = 0;

  for (gsize k = 0; k < n; k++)
    c |= (guint64) (guchar) p[k] << (8 * k);
  return c;
}

static inline guint64
lex_load8 (const char *p)
{
  guint64 c;

  memcpy (&c, p, 8);
  return GUINT64_FROM_LE (c);
}

/* ASCII capitals to lower case, eight bytes at once (bytes of 0x80 and
 * above are left alone; callers only pass ASCII). */
static inline guint64
lex_lower8 (guint64 x)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 heptets = x & ~high;
  guint64 ge_a = heptets + (0x80 - 'A') * ones;
  guint64 gt_z = heptets + (0x80 - 'Z' - 1) * ones;
  guint64 upper = ge_a & ~gt_z & ~x & high;

  return x | (upper >> 2);
}

/* lexicon_hash_in: lexicon_hash() of @len folded bytes at @s, inline,
 * reading the last 1 to 8 bytes with one masked load when 8 bytes are
 * readable before @readable_end (the 108,932 numeric norms of 10,569 real
 * news articles: 52 instructions each through lexicon_hash() and its
 * byte-wise tail, 35 inline with the load). */
static inline guint64
lexicon_hash_in (const char *s, gsize len, const char *readable_end)
{
  guint64 h = LEX_HASH_SEED;
  gsize k = 0;

  for (; k + 8 <= len; k += 8)
    h = lex_hash_chunk (h, lex_load8 (s + k));
  if (k < len)
    {
      gsize r = len - k;

      h = lex_hash_chunk (h, s + k + 8 <= readable_end
                               ? lex_load8 (s + k) & (G_MAXUINT64 >> (64 - 8 * r))
                               : lex_load_tail (s + k, r));
    }
  return lex_hash_final (h, len);
}

/* lexicon_hash_ascii: the hash of ASCII token text @s (@len bytes) folded
 * to lower case, as lexicon_lookup_in() probes with; @no_capitals when
 * it has no capital letters to fold. */
static inline G_ALWAYS_INLINE guint64
lexicon_hash_ascii (const char *s, gsize len, const char *text_end, gboolean no_capitals)
{
  guint64 h = LEX_HASH_SEED;
  gsize k = 0;

  if (G_UNLIKELY (len > 8))
    for (; k + 8 < len; k += 8)
      h = lex_hash_chunk (h, no_capitals ? lex_load8 (s + k) : lex_lower8 (lex_load8 (s + k)));
  /* the last 1 to 8 bytes (none for an empty text) */
  if (G_LIKELY (k < len))
    {
      gsize r = len - k;
      /* one unaligned load when 8 bytes are there to read */
      guint64 c = G_LIKELY (s + k + 8 <= text_end) ? lex_load8 (s + k) & (G_MAXUINT64 >> (64 - 8 * r))
                                                   : lex_load_tail (s + k, r);

      h = lex_hash_chunk (h, no_capitals ? c : lex_lower8 (c));
    }
  return lex_hash_final (h, len);
}

/* lexicon_probe_in: the word id of the token whose hash is @h (a
 * lexicon_hash_ascii(), or lexicon_hash() of its folded text), its
 * classes to @flags (0 when unknown). */
static inline G_ALWAYS_INLINE guint32
lexicon_probe_in (const WordProbe *probes, guint wmask, const WordById *by_id, guint64 h,
                  guint64 *flags)
{
  const guint32 check = (guint32) (h >> 32);
  guint i = (guint) h & wmask;

  for (;;)
    {
      const WordProbe p = probes[i];

      if (p.wid == LEX_NO_WORD)
        {
          *flags = 0;
          return LEX_NO_WORD;
        }
      /* the whole hash, and the classes, from the word's own entry */
      if (p.check == check && by_id[p.wid].hash == h)
        {
          *flags = by_id[p.wid].flags;
          return p.wid;
        }
      i = (i + 1) & wmask;
    }
}

/* lexicon_lookup: the word id of token text @s (@len bytes; @ascii when
 * it has no byte over 0x7f; @text_end: the end of the readable text, for
 * 8-byte loads), folding it on the way; its hash goes to
 * @hash and its classes to @flags (0 when unknown). Only after
 * lexicon_seal().
 *
 * The hot lookup, once per token. Folding and hashing are one loop for
 * ASCII tokens (most of them), and a slot's 64-bit hash stands for its
 * spelling: comparing the bytes too would cost another cache miss per
 * token, and two of the lexicon's ~15 000 words share a hash with odds
 * of about 1e-11 per token. Measured: 90 ns -> 35 ns per token (fold,
 * hash, probe) on the bench corpus, where the word table was 768 KB. Inline, always: the call
 * itself (seven arguments, saved registers) was a fifth of its cost, and
 * GCC stopped inlining it once it had a second caller.
 *
 * Shaped for the branch predictor, which a token's length defeats: the
 * last chunk (1 to 8 bytes) is one masked load whatever the length, so
 * only words of more than 8 bytes take a branch of their own (the loop
 * over whole chunks, then the remainder, were two tests that each
 * mispredicted as word lengths came). Callgrind --branch-sim, default
 * pipeline on 10,569 real news articles, the stage: 768.4 M -> 764.6 M
 * instructions, 15.42 M -> 14.80 M mispredicted branches. Lowering every
 * chunk, capitals or not, took 0.47 M more mispredictions off but added
 * 21 M instructions, and gained no time.
 *
 * The probe reads WordProbe slots of 8 bytes, and a word it finds is
 * checked against the whole hash and gives its classes through @by_id,
 * the table the rules read anyway. With slots of 24 bytes (hash, classes
 * and id) the word table was 1.5 MB, and the documents streaming through
 * the cache evicted it: sampled with perf on bench-entity-tagger, a
 * third of the per-token loop's time was the load of the probed slot.
 * At 512 KB, bench-entity-tagger on 10,569 real news articles: thread
 * CPU 0.179-0.181 s -> 0.171-0.175 s (four runs each, alternated), for
 * 12 M more instructions (callgrind: 726.4 M -> 738.8 M in the stage).
 * A table half full (256 KB) was no faster than a quarter: 0.165-0.174 s
 * against 0.167-0.177 s, and 5.6 M more instructions, 0.2 M more
 * mispredicted branches; an eighth full (1 MB), 0.170-0.179 s. A
 * cache of the 1,024 words a worker looked up last (24 KB, checked by
 * the whole hash before the table) was slower: 0.177-0.193 s against
 * 0.164-0.178 s, 8 alternated runs.
 *
 * The token pass (scan_tokens() in tagger.c) hashes each token 8 tokens
 * ahead of its lookup, keeps the hash in a ring, and asks for its probe
 * slot then (lexicon_prefetch()), so that the slot's line is on its way
 * while the tokens between are handled; the lookup itself is then
 * lexicon_probe_in(). Tried when the table was 512 KB, it gained ~1%
 * (medians 0.1595 -> 0.158 s) and was left out. Since the built-in
 * lists passed 16,384 words (16,432), the sealed table is 131,072 slots,
 * 1 MB, an eighth full, beyond the second-level cache with the other
 * stages' tables, and perf put 37% of tag_document()'s samples on the
 * probe's load (7% with the prefetch). bench-entity-tagger on
 * news-dev.jsonl, thread CPU, best of 10 passes, alternated runs:
 * 0.141-0.155 s without, 0.127-0.132 s with the ring (0.133-0.148 s
 * hashing each token twice, ahead and at its lookup: callgrind on 2,000
 * of the articles, the stage 226.1 M instructions against 207.7 M with
 * the ring). The default pipeline on the same file, one job, 25
 * alternated runs: medians 0.323 s without, 0.306 s hashing twice, 0.284
 * s with the ring (best 0.269, 0.258, 0.246). 4 and 16 tokens ahead were
 * no better than 8; prefetching the by_id entry too (read from the slot
 * once it is in) was slower, then (0.162 -> 0.167 s) and now (0.142-0.155
 * s); a table a quarter full (512 KB) again, with the prefetch: its
 * last-level misses (cachegrind, 1 MB last level, 3,000 articles)
 * 138,665 -> 125,261, no change in time.
 *
 * lexicon_lookup_in: the same on the probe table and its mask, for a
 * loop that keeps them in locals (a store to a guint32 elsewhere might
 * change the table's guint mask, so the compiler loads it again), and
 * @no_capitals for a token that has no capital letters, which skips the
 * case folding. */
static inline G_ALWAYS_INLINE guint32
lexicon_lookup_in (const WordProbe *probes, guint wmask, const WordById *by_id, const char *s,
                   gsize len, const char *text_end, gboolean ascii, gboolean no_capitals,
                   guint64 *hash, guint64 *flags)
{
  guint64 h;

  if (ascii)
    h = lexicon_hash_ascii (s, len, text_end, no_capitals);
  else
    {
      char buf[128];
      int n = lexicon_fold (s, len, buf, sizeof buf);

      if (n <= 0)
        {
          *hash = (guint64) len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + (guchar) s[0];
          *flags = 0;
          return LEX_NO_WORD;
        }
      h = lexicon_hash (buf, n);
    }
  *hash = h;
  return lexicon_probe_in (probes, wmask, by_id, h, flags);
}

/* lexicon_prefetch: starts loading the probe slot of hash @h into the
 * cache, for a loop over tokens that looks one up while the slots of the
 * next ones are on their way. */
static inline G_ALWAYS_INLINE void
lexicon_prefetch (const WordProbe *probes, guint wmask, guint64 h)
{
  __builtin_prefetch (&probes[(guint) h & wmask]);
}

static inline G_ALWAYS_INLINE guint32
lexicon_lookup (const Lexicon *lex, const char *s, gsize len, const char *text_end,
                gboolean ascii, guint64 *hash, guint64 *flags)
{
  const LexiconWordTable *wt = (const LexiconWordTable *) lex;

  return lexicon_lookup_in (wt->probes, wt->wmask, wt->by_id, s, len, text_end, ascii, FALSE, hash,
                            flags);
}

/* lexicon_seal: makes the lexicon ready for lexicon_lookup(); call after
 * the last addition. */
void lexicon_seal (Lexicon *lex);

/* lexicon_words_by_id: each word's hash and classes, by word id (only
 * after lexicon_seal(), which may move them). The tagger reads them where
 * it once kept a copy of both in every token. */
static inline const WordById *
lexicon_words_by_id (const Lexicon *lex)
{
  return ((const LexiconWordTable *) lex)->by_id;
}

/* lexicon_word_info: the classes of word @wid (valid id). */
const WordInfo *lexicon_word_info (const Lexicon *lex, guint32 wid);

/* lexicon_add_word: the id of @word (added when new), and ORs @flags into
 * its classes. @word is folded first. */
guint32 lexicon_add_word (Lexicon *lex, const char *word, guint64 flags);
WordInfo *lexicon_word_info_mut (Lexicon *lex, guint32 wid);

/* lexicon_add_phrase: adds @phrase (words split as the tokenizer splits
 * them) with @type and @canonical (NULL: none). A later addition of the
 * same phrase replaces the earlier one: user gazetteers are loaded last.
 * FALSE when the phrase has no words. */
gboolean lexicon_add_phrase (Lexicon *lex, const char *phrase, EtType type,
                             const char *canonical);

/* lexicon_add_phrase_variant: lexicon_add_phrase() for a phrase nobody
 * listed as such, only another spelling of a listed one ("S and P" for
 * "S&P"): its node is flagged (lexicon_node_is_variant()), and it does not
 * replace a phrase listed as itself. A later lexicon_add_phrase() of the
 * same phrase clears the flag. */
gboolean lexicon_add_phrase_variant (Lexicon *lex, const char *phrase, EtType type,
                                     const char *canonical);

/* lexicon_add_phrase_under: lexicon_add_phrase(), except that a phrase
 * the lexicon's image already holds (lexicon_new_from_image()) stays as
 * it is there: what iso-codes adds ranks below the built-in lists, which
 * were loaded after it when they were read at start-up. */
gboolean lexicon_add_phrase_under (Lexicon *lex, const char *phrase, EtType type,
                                   const char *canonical);

/* A lexicon's tables as C data: lexicon-gen writes the built-in lists'
 * lexicon with lexicon_write_image() when the module is built
 * (entity-tagger-lexicon-data.c), and creating the stage copies it with
 * lexicon_new_from_image() instead of reading the lists again. */
typedef struct {
  guint32 str_off;  /* folded spelling in the pool */
  guint32 len;
} LexWordEntry;

typedef struct {
  const guint64 *hashes;      /* by word id */
  const LexWordEntry *words;  /* by word id */
  const WordInfo *infos;      /* by word id */
  guint n_words;
  const EdgeSlot *edges;      /* the trie's edges, in no order */
  guint n_edges;
  const LexNode *nodes;
  guint n_nodes;
  const char *pool;           /* spellings and canonical forms, NUL-separated */
  gsize pool_len;
  guint n_phrases;
  guint wmask, emask;         /* the tables' sizes, less one */
} LexiconImage;

/* The built-in lists' image (entity-tagger-lexicon-data.c). */
extern const LexiconImage entity_tagger_lexicon_image;

Lexicon *lexicon_new_from_image (const LexiconImage *img);
/* lexicon_write_image: @lex (before lexicon_seal()) as the C source of a
 * LexiconImage named entity_tagger_lexicon_image; FALSE on a write error. */
gboolean lexicon_write_image (const Lexicon *lex, FILE *out);

/* Phrase trie walking, for the matcher. Node 0 is the root. */
#define LEXICON_ROOT 0u
#define LEXICON_NO_NODE G_MAXUINT32
static inline guint64
lex_edge_key (guint32 node, guint32 wid)
{
  return ((guint64) node << 32) | wid;
}

static inline guint
lex_edge_index (guint64 key, guint mask)
{
  guint64 h = key * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  return (guint) (h >> 40) & mask;
}

/* lexicon_step: the child of @node by word @wid, or LEXICON_NO_NODE; its
 * case requirement goes to @req. Inline, like lexicon_node_type(): the
 * phrase matcher walks them at every capitalised word.
 *
 * It probes EdgeProbe slots of 8 bytes, not the EdgeSlots of 16 (key,
 * child, requirement) that the trie is built in: a slot whose word id
 * matches is the edge when its child's parent is @node (in a trie each
 * node but the root has one incoming edge), and the child's TrieNode,
 * read for that test, holds the requirement and the type that
 * lexicon_node_type() then reads. A step from the root, the first of
 * every match and most often the only one, reads the word's child from
 * an array by word id instead (64 KB), with no hash and no probe loop.
 * Sampled with perf on bench-entity-tagger (10,569 real news articles),
 * the load of the probed EdgeSlot was three fifths of phrase_match()'s
 * time: phrase_match() went from 5.6% of the samples to 5.1% with the
 * 8-byte slots (512 KB -> 256 KB for 12,112 edges), to 4.4% with the
 * root's array. Callgrind, default pipeline, the stage: 734.9 M ->
 * 734.8 M instructions, 12.01 M -> 11.78 M mispredicted branches (the
 * 8-byte slots alone: 736.6 M and 11.92 M). */
static inline guint32
lexicon_step (const Lexicon *lex, guint32 node, guint32 wid, CaseReq *req)
{
  const LexiconWordTable *wt = (const LexiconWordTable *) lex;
  const EdgeProbe *eprobes = wt->eprobes;
  const guint emask = wt->emask;
  guint i;

  if (node == LEXICON_ROOT)
    {
      const guint32 child = wt->root_child[wid];

      if (child != LEXICON_NO_NODE)
        *req = (CaseReq) wt->tnodes[child].req;
      return child;
    }
  i = lex_edge_index (lex_edge_key (node, wid), emask);
  for (;;)
    {
      const EdgeProbe p = eprobes[i];

      /* an empty slot's child, the root, has no parent: never @node */
      if (p.wid == wid && wt->tnodes[p.child].parent == node)
        {
          *req = (CaseReq) wt->tnodes[p.child].req;
          return p.child;
        }
      if (p.wid == LEX_NO_WORD)
        return LEXICON_NO_NODE;
      i = (i + 1) & emask;
    }
}

/* lexicon_node_type: the type of the phrase ending at @node (ET_NONE when
 * no phrase ends there); the canonical form to @canonical. Only after
 * lexicon_seal(). */
static inline EtType
lexicon_node_type (const Lexicon *lex, guint32 node, const char **canonical)
{
  const LexiconWordTable *wt = (const LexiconWordTable *) lex;
  const TrieNode *n = &wt->tnodes[node];

  if (canonical != NULL)
    *canonical = n->canonical_off ? wt->pool + n->canonical_off : NULL;
  return (EtType) n->type;
}

/* lexicon_node_reqs: the case requirements of the words of the phrase
 * ending at @node (LEX_REQ_AT()). Only after lexicon_seal(). */
static inline guint32
lexicon_node_reqs (const Lexicon *lex, guint32 node)
{
  return ((const LexiconWordTable *) lex)->tnodes[node].reqs;
}

/* lexicon_node_is_variant: whether the phrase ending at @node was added
 * by lexicon_add_phrase_variant() only. A model's matcher ignores such
 * phrases: it was trained on the listed spellings, never on these. */
static inline gboolean
lexicon_node_is_variant (const Lexicon *lex, guint32 node)
{
  return ((const LexiconWordTable *) lex)->tnodes[node].variant != 0;
}

guint lexicon_n_words (const Lexicon *lex);
guint lexicon_n_phrases (const Lexicon *lex);

G_END_DECLS
