/* scorer.c: the scoring rules.
 *
 * A sentence's tokens become units: a word, a multi-word expression found
 * in the lexicon's trie (longest match), or a punctuation mark that
 * matters (! ? and clause breaks). Each unit with a valence is then
 * adjusted by the rules of the VADER paper (Hutto and Gilbert, 2014), as
 * that paper describes them:
 *
 *  - ALL CAPS emphasis: a valenced word in capitals among lower-case text
 *    gains 0.733 in magnitude;
 *  - boosters and dampeners among the @scope words before it add their
 *    scalar (0.293 for "very") toward or away from zero, less with
 *    distance (x1, x0.95, x0.9);
 *  - each negator in that window multiplies it by -0.74 ("never so good"
 *    intensifies by 1.25 instead); "least" just before it negates too;
 *  - the first "but"-like word halves what comes before it and raises
 *    what follows by half again;
 *  - up to four '!' add 0.292 each, and two or three '?' 0.18 each (more
 *    add 0.96) to the magnitude of the sum.
 * The sum x becomes compound = x / sqrt (x^2 + alpha) (alpha 15), and the
 * proportions come from VADER's sifted sums.
 *
 * One departure in the arithmetic: the sum of a sentence with n polar
 * words is divided by n^damping (0.3). People rate how strongly a sentence
 * feels, not how many sentiment words it has; a plain sum saturates long
 * sentences. Measured on the development sets (Pearson, damping 0 -> 0.3):
 * tweets 0.828 -> 0.836, movie snippets 0.516 -> 0.523, product snippets
 * 0.632 -> 0.640; our own news sentences 0.853 -> 0.849.
 *
 * Beyond VADER, for news (each switchable through SentimentConfig):
 *  - clause scope: negation and boosters do not reach across , ; : ( or a
 *    dash ("not only the economy, but ..." vs "not good");
 *  - concessives (although, despite, even though) weigh their own clause
 *    down and the rest of the sentence up, which "but" cannot express
 *    when the concession comes first;
 *  - reducers (curb, ease, prevent, end, lack of) flip the polarity of the
 *    valenced words they govern (within three words not counting a/the/of,
 *    up to a word such as to, for, with, will that starts a new phrase, and
 *    while the polarity stays that of the first): "curb inflation" is good
 *    news, "ended years of bloody war" too, "lack of progress" bad; the
 *    reducer's own valence is dropped, and a negated reducer ("did not
 *    curb inflation") flips nothing and takes the negation with it;
 *  - harm verbs (erode, betray, kill, undermine) turn the good thing they
 *    govern bad ("eroded public trust") and keep their own valence, where
 *    a plain sum would let "betrayed" and "trust" cancel;
 *  - direction words after a valenced word flip it (decrease: "unemployment
 *    fell") or strengthen it (increase: "crime rose"); they keep their own
 *    valence only when they find no such word ("exports fell"). On our news
 *    sentences these two rules took Pearson from 0.79 to 0.84;
 *  - hedges (could, may, might) can soften what follows (SentimentConfig
 *    hedge; 0 by default: 0.2 changed no development set by 0.001);
 *  - inert phrases (not only, no doubt, all but) hide the words that the
 *    rules would otherwise misread;
 *  - subject words (war, abuse, poverty) weigh half in a sentence that
 *    also judges the other way: "an important film about war" and "the
 *    reform is a welcome answer to poverty" are not negative. Pearson,
 *    topic weight 1 -> 0.5: movie snippets 0.553 -> 0.562, our news
 *    sentences 0.871 -> 0.874, tweets and products unchanged.
 *
 * Cost: one lexicon lookup per token plus a constant amount of work per
 * unit (a word with a valence or a role, a clause break); nothing is
 * allocated once the scratch arrays have grown.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <galley/galley-layers.h>

#include "lexicon-lookup.h"
#include "scorer.h"

/* Unit flags, above the entry flags of lexicon.h */
#define U_WORD SENTIMENT_ENTRY_WORD /* a word: counts for scope and for neu */
#define U_CAPS (1u << 21)    /* written in capitals (two letters or more) */
#define U_CLAUSE SENTIMENT_ENTRY_CLAUSE /* , ; : ( ) or a dash */
#define U_USED (1u << 23)    /* a reducer or direction word that has fired */
#define U_DIRECTED (1u << 25) /* a word a direction word has changed */
#define U_NEGATED (1u << 24) /* a reducer with a negator before it ("did not
                              * curb inflation"): it reduces nothing */
#define U_RULED (1u << 28)   /* made the long way, which applied the rules
                              * that read the token (capitals, title case) */

/* How far reducers reach forward (words, not counting a/the/of) and
 * direction words (fell, rose) reach back. */
#define REDUCER_REACH 3
#define DIRECTION_REACH 5
/* A decrease applied to a bad thing makes good news, less good than the
 * thing is bad; applied to a good thing it reads as negation. */
#define FLIP_NEGATIVE -0.5
#define FLIP_POSITIVE NEGATION_SCALAR
#define INCREASE_SCALAR 1.2

#define CAPS_INCR 0.733
#define NEGATION_SCALAR -0.74
#define EXCL_INCR 0.292
#define QUEST_INCR 0.18
#define QUEST_MAX 0.96

typedef SentimentUnit Unit;

void
sentiment_config_set_damping (SentimentConfig *c, double damping)
{
  c->damping = damping;
  for (guint n = 0; n < SENTIMENT_DAMPING_TABLE; n++)
    c->damping_pow[n] = pow (n, damping);
}

void
sentiment_config_init (SentimentConfig *c)
{
  c->alpha = 15.0;
  c->scope = 3;
  c->clause_scope = TRUE;
  c->reducers = TRUE;
  c->contrast_before = 0.5;
  c->contrast_after = 1.5;
  c->hedge = 0.0;
  sentiment_config_set_damping (c, 0.3);
  c->topic_weight = 0.5;
}

void
sentiment_scratch_init (SentimentScratch *s)
{
  s->units = s->units_inline;
  s->values = s->values_inline;
  s->cap = SENTIMENT_SCRATCH_INLINE;
}

static void
scratch_free_arrays (SentimentScratch *s)
{
  if (s->units == s->units_inline)
    return;
  g_free (s->units);
  g_free (s->values);
}

void
sentiment_scratch_clear (SentimentScratch *s)
{
  scratch_free_arrays (s);
  sentiment_scratch_init (s);
}

/* scratch_reserve: room for @n tokens. The arrays hold nothing between
 * calls, so they are replaced, not copied. */
static void
scratch_reserve (SentimentScratch *s, guint n)
{
  if (n <= s->cap)
    return;
  scratch_free_arrays (s);
  s->cap = MAX (n, s->cap * 2);
  s->units = g_new (Unit, s->cap);
  s->values = g_new (double, s->cap);
}

static inline gboolean
is_caps_word (guint32 flags, guint32 len)
{
  GalleyTokenKind kind = GALLEY_TOKEN_KIND (flags);

  /* the case first: it rules out almost every token */
  return GALLEY_TOKEN_CASE (flags) == GALLEY_CASE_UPPER &&
         (kind == GALLEY_TOKEN_WORD || kind == GALLEY_TOKEN_HASHTAG) && len >= 2;
}

/* The title-case rule: a capitalised word inside a sentence is more
 * likely a name (Great Falls, Stop & Shop) than a direction or a
 * reducer. @flags: a unit's; @tf: its token's flags. */
static inline guint32
title_rule (guint32 flags, guint32 tf)
{
  if (GALLEY_TOKEN_CASE (tf) == GALLEY_CASE_TITLE &&
      !(tf & GALLEY_TOKEN_FLAG_SENTENCE_START))
    flags &= ~(LEX_DECREASE | LEX_INCREASE | LEX_REDUCER | LEX_HARM);
  return flags;
}

/* The flags of a unit of the word path (add_token_fast()) with the
 * rules that read its token @t applied: ALL CAPS and title case. */
static inline guint32
token_rules (guint32 flags, const GalleySpan *t)
{
  guint32 tf = t->flags;

  if (G_UNLIKELY (is_caps_word (tf, t->end - t->start)))
    flags |= U_CAPS;
  if (G_UNLIKELY (flags & (LEX_DECREASE | LEX_INCREASE | LEX_REDUCER | LEX_HARM)))
    flags = title_rule (flags, tf);
  return flags;
}

/* The token of a sentence that starts at @tokens whose address's low 32
 * bits are @token (Unit.token): the distance in bytes, taken modulo
 * 2^32, is the real one, as a sentence holds fewer than 2^28 tokens
 * (its scratch arrays would take more than 10 GiB). */
static inline const GalleySpan *
unit_token (const GalleySpan *tokens, guint32 token)
{
  return tokens + (guint32) (token - (guint32) (guintptr) tokens) / sizeof (GalleySpan);
}

gboolean
sentiment_caps_differ (SentimentCaps *state)
{
  const GalleySpan *tokens = state->tokens;
  guint caps = 0, cased = 0, n = state->n_tokens;

  if (state->state >= 0)
    return state->state;
  for (guint i = 0; i < n; i++)
    {
      GalleyTokenCase c = GALLEY_TOKEN_CASE (tokens[i].flags);
      /* a one-letter capital (I, A) is a capital in any text: it tells
       * neither way (is_caps_word() does not count it as caps, so it
       * made an all-caps sentence look mixed) */
      if (c == GALLEY_CASE_NONE || (tokens[i].flags & GALLEY_TOKEN_FLAG_CLITIC) ||
          (c == GALLEY_CASE_TITLE && tokens[i].end - tokens[i].start == 1))
        continue;
      cased++;
      if (is_caps_word (tokens[i].flags, tokens[i].end - tokens[i].start))
        caps++;
    }
  state->state = caps > 0 && caps < cased;
  return state->state;
}

/* The entry of a token, or -1. Always inline: as a call of its own
 * (GCC's choice) its prologue and epilogue cost 26 M instructions on the
 * news benchmark, 15 a token. */
G_ALWAYS_INLINE static inline int
token_entry (const SentimentLexicon *lex, const char *text, const GalleySpan *t)
{
  const char *s = text + t->start;
  gsize len = t->end - t->start;

  if (GALLEY_TOKEN_KIND (t->flags) == GALLEY_TOKEN_HASHTAG && len > 1)
    s++, len--;
  return sentiment_lexicon_lookup_token (lex, s, len,
                                         (t->flags & GALLEY_TOKEN_FLAG_NON_ASCII) != 0,
                                         GALLEY_TOKEN_CASE (t->flags) == GALLEY_CASE_LOWER,
                                         /* (s + len) - text, without the
                                          * hashtag's adjustment */
                                         t->end >= 8);
}

/* What scan_punct() makes of a byte (lexicon-lookup.h) */
enum {
  P_EXCL = SENTIMENT_PUNCT_EXCL,
  P_QUEST = SENTIMENT_PUNCT_QUEST,
  P_CLAUSE = SENTIMENT_PUNCT_CLAUSE,
  P_DASH_LEAD = SENTIMENT_PUNCT_DASH_LEAD,
};

/* Counts ! and ? in a punctuation token; TRUE when it breaks a clause.
 * A table and additions rather than a switch: the switch was a jump
 * table whose indirect jump the predictor missed on one punctuation
 * token in three (callgrind --branch-sim: 97 k of the run's 3.2 M
 * mispredicted indirect jumps on the news benchmark). */
static gboolean
scan_punct (const char *s, gsize len, guint *excl, guint *quest)
{
  guint clause = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint c = sentiment_punct_class[(guchar) s[i]];

      *excl += c & P_EXCL;
      *quest += (c & P_QUEST) >> 1;
      clause |= c & P_CLAUSE;
      /* en and em dashes: U+2013, U+2014 */
      if (G_UNLIKELY (c & P_DASH_LEAD) && i + 2 < len && s[i + 1] == '\x80' &&
          (s[i + 2] == '\x93' || s[i + 2] == '\x94'))
        clause = P_CLAUSE;
    }
  return clause != 0;
}

/* What make_units() finds out about a sentence besides its units. */
typedef struct {
  guint n_units;
  guint n_words;     /* words of the sentence, with or without a unit */
  guint excl, quest; /* ! and ? in punctuation tokens */
} UnitsInfo;

/* The roles the rules read (lexicon-lookup.h). */
#define UNIT_ROLES SENTIMENT_UNIT_ROLES

/* The counts of the words before the next unit or word, laid out as
 * Unit's last 16 bytes (word, reach, stops, listed), which make_units()
 * copies with one store. */
typedef struct {
  guint32 word, reach, stops, pad;
} Counts;

G_STATIC_ASSERT (G_STRUCT_OFFSET (Unit, word) == 16 && sizeof (Unit) == 32);
G_STATIC_ASSERT (G_STRUCT_OFFSET (Unit, reach) == 20 && G_STRUCT_OFFSET (Unit, stops) == 24);
G_STATIC_ASSERT (sizeof (Counts) == 16);
/* add_token_fast() copies a unit entry's first 16 bytes into a unit */
G_STATIC_ASSERT (G_STRUCT_OFFSET (Unit, valence) == G_STRUCT_OFFSET (SentimentUnitEntry, valence));
G_STATIC_ASSERT (G_STRUCT_OFFSET (Unit, scalar) == G_STRUCT_OFFSET (SentimentUnitEntry, scalar));
G_STATIC_ASSERT (G_STRUCT_OFFSET (Unit, flags) == G_STRUCT_OFFSET (SentimentUnitEntry, flags));
G_STATIC_ASSERT (G_STRUCT_OFFSET (Unit, token) == 12 && G_STRUCT_OFFSET (SentimentUnitEntry, step) == 12);
G_STATIC_ASSERT (SENTIMENT_UNIT_READ == (UNIT_ROLES | SENTIMENT_ENTRY_VALENCED | U_CLAUSE));

static inline void
count_word (Counts *k, guint32 flags)
{
  k->word++;
  k->reach += !(flags & LEX_SKIP);
  k->stops += (flags & LEX_STOP) != 0;
}

/* A clause break (, ; : ( ) or a dash) as unit @u. */
static inline void
clause_unit (Unit *u, const Counts *k)
{
  u->valence = 0;
  u->scalar = 0;
  u->flags = U_CLAUSE | U_RULED;
  u->target_sign = 0;
  u->word = k->word;
  u->reach = k->reach;
  u->stops = k->stops;
}

/* A punctuation token: counts its ! and ?; makes @u a clause break and
 * returns 1 when it is one, else 0 (no unit). */
static inline guint
punct_unit (Unit *u, const char *text, const GalleySpan *t, const Counts *k,
            UnitsInfo *info)
{
  if (!scan_punct (text + t->start, t->end - t->start, &info->excl, &info->quest))
    return 0;
  clause_unit (u, k);
  return 1;
}

/* The entry of token @t (-1: none), whatever its kind; @named: @t is
 * inside a name (the entity layer), where a word has no entry. The
 * lookup of the tokens make_units() does not look up inline: words of
 * more than 16 bytes or with non-ASCII text, numbers, punctuation (one
 * token in six on news). Out of line, so that the general probe's
 * fold buffer and registers stay out of the token loop.
 *
 * Tried and dropped (when the lookup was a loop of its own): every kind
 * through the same path, what the kind and a name mask change applied
 * to the result by masks. It saved the branch on the kind (0.33 M
 * mispredicted on the news benchmark) but cost 8 M more instructions on
 * the first 3 MB of it, and the bench ran 3% slower on the news
 * benchmark, 3-13% on the generated corpus. */
G_NO_INLINE static int
token_id (const SentimentLexicon *lex, const char *text, const GalleySpan *t,
          gboolean named)
{
  switch (GALLEY_TOKEN_KIND (t->flags))
    {
    case GALLEY_TOKEN_NUMBER:
    case GALLEY_TOKEN_URL:
    case GALLEY_TOKEN_EMAIL:
    case GALLEY_TOKEN_MENTION:
      return -1;
    case GALLEY_TOKEN_PUNCT:
    case GALLEY_TOKEN_SYMBOL:
      return (t->flags & GALLEY_TOKEN_FLAG_NON_ASCII) ? -1 : token_entry (lex, text, t);
    default:
      return named ? -1 : token_entry (lex, text, t);
    }
}

/* The unit id of clitic @t ('s, n't: a word token) for the word path:
 * add_token_slow() makes one with a negator or a valence the word its
 * entry makes, which is its unit entry, and one without an entry no
 * word at all (SENTIMENT_UNIT_NONE); the others, and a clitic that may
 * start or continue a phrase, take the long way. Every clitic the long
 * way (16 k tokens on news, 's most), the stage took 263.0 M
 * instructions, now 262.0 M, and 49.9 k tokens took the long way, now
 * 34.3 k (callgrind, default pipeline on the news benchmark). */
static int
clitic_unit_id (const SentimentLexicon *lex, const char *text,
                const GalleySpan *t, gboolean named)
{
  int e = token_id (lex, text, t, named);
  guint32 flags;

  if (e < 0)
    return SENTIMENT_UNIT_NONE (lex);
  flags = lex->entries[e].flags;
  if ((flags & LEX_PHRASE_START) || lex->unit_entries[e + 1].pair_sig != SENTIMENT_SIG_PLAIN ||
      !(flags & (LEX_NEGATOR | LEX_HAS_VALENCE)))
    return SENTIMENT_UNIT_SLOW (lex);
  return e;
}

/* The unit id of token @t (lexicon-lookup.h, SENTIMENT_UNIT_BYTE): its
 * entry, or for punctuation of one ASCII byte the byte's unit, for a
 * clitic clitic_unit_id(), and for the tokens the rules take the long
 * way (other punctuation) SENTIMENT_UNIT_SLOW. Out of line: the tokens
 * token_unit() does not look up inline. */
G_NO_INLINE static int
token_unit_id_slow (const SentimentLexicon *lex, const char *text,
                    const GalleySpan *t, gboolean named)
{
  guint kind = GALLEY_TOKEN_KIND (t->flags);

  if (kind == GALLEY_TOKEN_PUNCT || kind == GALLEY_TOKEN_SYMBOL)
    return SENTIMENT_UNIT_SLOW (lex);
  if (t->flags & GALLEY_TOKEN_FLAG_CLITIC)
    return kind == GALLEY_TOKEN_WORD ? clitic_unit_id (lex, text, t, named)
                                     : SENTIMENT_UNIT_SLOW (lex);
  return token_id (lex, text, t, named);
}

/* The real entry of token @t (token_id()) from its unit id @id. */
static inline int
entry_of_unit_id (const SentimentLexicon *lex, const char *text,
                  const GalleySpan *t, gboolean named, int id)
{
  return id >= (int) lex->n_entries ? token_id (lex, text, t, named) : id;
}

/* The unit entry of token @t for the token loop, as its
 * SENTIMENT_UNIT_OFFSET: a word or an abbreviation (Mr., U.S.) of 1 to
 * 16 ASCII bytes (nine tokens in ten on news) looked up inline (the
 * abbreviations through two calls, the stage took 262.0 M instructions,
 * 260.5 M inline: callgrind, default pipeline on the news benchmark), the short paths of
 * sentiment_lexicon_lookup_token(), a name's word made the empty entry
 * by a mask rather than a branch (a word in twenty is in a name); a
 * punctuation mark of one ASCII byte (a token in nine) its byte's unit;
 * the others through token_unit_id_slow(). @keep: 0 when @t is inside
 * a name, else all ones (keep_of()). A machine word, not an int: the
 * loop adds it to an address, and an int was sign-extended first, an
 * instruction a token (the stage 326.6 M -> 324.7 M instructions,
 * callgrind, default pipeline on the news benchmark). */
G_ALWAYS_INLINE static inline gsize
token_unit (const SentimentLexicon *lex, const char *text,
            const GalleySpan *t, guint32 keep)
{
  guint32 tf = t->flags;
  gsize len = t->end - t->start;
  gboolean lower = (tf & GALLEY_TOKEN_CASE_MASK) == (GALLEY_CASE_LOWER << GALLEY_TOKEN_CASE_SHIFT);
  guint32 kind = tf & (GALLEY_TOKEN_KIND_MASK | GALLEY_TOKEN_FLAG_NON_ASCII |
                       GALLEY_TOKEN_FLAG_CLITIC);
  guint64 c, c2;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (G_LIKELY (kind == GALLEY_TOKEN_WORD || kind == GALLEY_TOKEN_ABBREV))
    {
      if (G_LIKELY (len - 1 < 8 && t->end >= 8))
        {
          /* the one load of lookup_token()'s one-chunk path, shifted
           * by 64 - 8 len, which is -8 len modulo 64 (0 for 8 bytes):
           * the shift takes its count modulo 64, and the negation is
           * one instruction where the subtraction from 8 took two and
           * a copy (the stage 271.1 M -> 270.1 M instructions,
           * callgrind, default pipeline on the news benchmark) */
          memcpy (&c, text + t->end - 8, 8);
          c >>= (0 - 8 * len) & 63;
          return sentiment_lexicon_probe_short (lex, lower ? c : sentiment_lower8 (c),
                                                0, FALSE) & keep;
        }
      if (len - 9 < 8)
        {
          memcpy (&c, text + t->start, 8);
          memcpy (&c2, text + t->end - 8, 8);
          /* 8 (16 - len) is -8 len modulo 64 too, for 9 to 16 bytes,
           * and the negation one instruction, as above (the stage
           * 256.6 M -> 256.4 M instructions, callgrind, default
           * pipeline on the news benchmark) */
          c2 >>= (0 - 8 * len) & 63;
          if (!lower)
            c = sentiment_lower8 (c), c2 = sentiment_lower8 (c2);
          return sentiment_lexicon_probe_short (lex, c, c2, TRUE) & keep;
        }
    }
#endif
  if ((kind == GALLEY_TOKEN_PUNCT || kind == GALLEY_TOKEN_SYMBOL) && len == 1)
    return SENTIMENT_UNIT_OFFSET (SENTIMENT_UNIT_BYTE (lex, (guchar) text[t->start]));
  /* an ASCII number: a word without an entry (token_id()), here rather
   * than through two calls (the stage 266.7 M -> 263.0 M instructions,
   * callgrind, default pipeline on the news benchmark) */
  if (kind == GALLEY_TOKEN_NUMBER)
    return SENTIMENT_UNIT_OFFSET (-1);
  return SENTIMENT_UNIT_OFFSET (token_unit_id_slow (lex, text, t, keep == 0));
}

/* The name mask of token @i for token_unit(): 0 inside a name, else all
 * ones. The mask holds 0 for a name and 0xff for the other tokens
 * (name_mask() in sentiment-stage.c), so that this is one
 * sign-extending load: read as a truth value and negated, it was a
 * compare, a set, a zero-extension and a negation a token (the stage
 * 344.5 M -> 340.3 M instructions, callgrind, default pipeline on the
 * news benchmark). */
static inline guint32
keep_of (const guint8 *names, gsize i)
{
  return names != NULL ? (guint32) (gint8) names[i] : G_MAXUINT32;
}

/* keep_of() for the token whose byte of @names is at address @nm
 * (make_units_with()). */
static inline guint32
keep_at (const guint8 *names, guintptr nm)
{
  return names != NULL ? (guint32) (gint8) *(const guint8 *) nm : G_MAXUINT32;
}

/* Whether token @i is inside a name (@names may be NULL). */
static inline gboolean
in_name (const guint8 *names, gsize i)
{
  return names != NULL && names[i] == 0;
}

/* Whether token @t, which follows @prev, a token of the sentence that
 * ends at offset @end, is in the sentence too: tokens that end before
 * @end are, then those that end at @end and start before it (an empty
 * token at its very end is not), and after one of those only those. */
static inline gboolean
follows_in_sentence (const GalleySpan *t, const GalleySpan *prev, guint32 end)
{
  guint32 lim = prev->end == end ? 0 : end;

  return t->end < lim || (t->end == end && t->start < end);
}

/* The last token of the run from @t (which ends at @end) of those that
 * end at @end and start before it, up to @t_stop. */
static inline const GalleySpan *
run_at_end (const GalleySpan *t, const GalleySpan *t_stop, guint32 end)
{
  while (t < t_stop && t[1].end == end && t[1].start < end)
    t++;
  return t;
}

/* The entry of the longest multi-word expression that starts at token @i
 * (entry @e, which can start one; the next token's is @e_next), or -1;
 * *@last: its last token. The tokens past the next one are looked up
 * here, as the trie walk reaches them: few walks go that far. Tokens
 * before @n_known are in the sentence (which ends at offset @end); the
 * walk finds out about those up to @n_max as it reaches them. */
static int
longest_phrase (const SentimentLexicon *lex, const char *text,
                const GalleySpan *tokens, guint n_known, guint n_max,
                guint32 end, const guint8 *names, guint i, int e, int e_next,
                guint *last)
{
  guint32 node = sentiment_lexicon_phrase_first (lex, e);
  int best = -1, id = e_next;

  for (guint j = i + 1; node != 0 && id >= 0;)
    {
      node = sentiment_lexicon_phrase_step (lex, node, id);
      if (node != 0)
        {
          int pe = sentiment_lexicon_phrase_entry (lex, node);
          if (pe >= 0)
            best = pe, *last = j;
        }
      if (++j >= n_max ||
          (j >= n_known && !follows_in_sentence (&tokens[j], &tokens[j - 1], end)))
        break;
      id = token_id (lex, text, &tokens[j], in_name (names, j));
    }
  return best;
}

/* What make_units() builds, for its steps. */
typedef struct {
  Unit *units;
  guint n_units;
  Counts k;
  UnitsInfo *info;
  guint n_max;       /* tokens that may be read */
  guint32 end;       /* the sentence's end offset */
} Build;

/* Unit @b->n_units for @entry with @flags (U_WORD set) when the rules
 * read it, and the word counted. */
static inline void
add_word (Build *b, const SentimentEntry *entry, guint32 flags)
{
  Unit *u = &b->units[b->n_units];
  float valence = (entry->flags & LEX_HAS_VALENCE) ? entry->valence : 0;

  if (valence == 0 && !(flags & UNIT_ROLES))
    {
      count_word (&b->k, flags);
      return;
    }
  u->valence = valence;
  u->scalar = entry->scalar;
  u->flags = flags | U_RULED;
  u->target_sign = 0;
  u->word = b->k.word;
  u->reach = b->k.reach;
  u->stops = b->k.stops;
  count_word (&b->k, flags);
  b->n_units++;
}

/* Token @i the long way: punctuation, clitics, and the tokens that may
 * start a phrase. Returns the last token it took (a phrase takes
 * several). Tokens before @n are in the sentence: @i + 2 when the next
 * one is, @i + 1 for the last. Never inlined: inside make_units() it
 * took the registers of the word path, whose counts then went to the
 * stack and back at every token (the stage 501.4 M -> 491.5 M instructions as a call, callgrind,
 * default pipeline on the news benchmark). */
G_NO_INLINE static guint
add_token_slow (Build *b, const SentimentLexicon *lex, const char *text,
                const GalleySpan *tokens, guint n, const guint8 *names,
                guint i, int id, int id_next)
{
  const GalleySpan *t = &tokens[i];
  GalleyTokenKind kind = GALLEY_TOKEN_KIND (t->flags);
  int e = entry_of_unit_id (lex, text, t, in_name (names, i), id);
  const SentimentEntry *entry;
  gboolean punct = kind == GALLEY_TOKEN_PUNCT || kind == GALLEY_TOKEN_SYMBOL;
  guint32 flags;

  if (e < 0)
    {
      /* no entry: a plain word, a clause break or nothing */
      if (punct)
        b->n_units += punct_unit (&b->units[b->n_units], text, t, &b->k, b->info);
      else if (!(t->flags & GALLEY_TOKEN_FLAG_CLITIC) ||
               kind == GALLEY_TOKEN_NUMBER || kind == GALLEY_TOKEN_URL ||
               kind == GALLEY_TOKEN_EMAIL || kind == GALLEY_TOKEN_MENTION)
        b->k.word++, b->k.reach++;  /* 's 're 'll have no word of their own */
      return i;
    }
  entry = &lex->entries[e];
  if ((entry->flags & LEX_PHRASE_START) && i + 1 < n &&
      (id_next = entry_of_unit_id (lex, text, &tokens[i + 1],
                                   in_name (names, i + 1), id_next)) >= 0)
    {
      guint last = i;
      int best = longest_phrase (lex, text, tokens, n, b->n_max, b->end, names,
                                 i, e, id_next, &last);

      if (best >= 0)
        {
          add_word (b, &lex->entries[best], lex->entries[best].flags | U_WORD);
          return last;
        }
    }
  if (punct && !(entry->flags & LEX_HAS_VALENCE))
    {
      /* plain punctuation (or an emoticon phrase start that did not
       * match) */
      b->n_units += punct_unit (&b->units[b->n_units], text, t, &b->k, b->info);
      return i;
    }
  if ((t->flags & GALLEY_TOKEN_FLAG_CLITIC) &&
      !(entry->flags & (LEX_NEGATOR | LEX_HAS_VALENCE)))
    return i;  /* 's 're 'll: no word of their own */
  flags = entry->flags | U_WORD;
  if (is_caps_word (t->flags, t->end - t->start))
    flags |= U_CAPS;
  add_word (b, entry, title_rule (flags, t->flags));
  return i;
}

/* The unit entry at @offset (SENTIMENT_UNIT_OFFSET) of the lexicon's. */
static inline const SentimentUnitEntry *
unit_at (const SentimentLexicon *lex, gsize offset)
{
  return (const SentimentUnitEntry *) ((const char *) lex->unit_entries + offset);
}

/* The counts as make_units() keeps them: four lanes, Counts' fields,
 * in one vector register (GCC's and Clang's vector extension: SSE2 on
 * x86-64, plain arithmetic elsewhere). */
typedef guint32 CountsVec __attribute__ ((vector_size (16)));

/* Token @t, whose unit entry is @entry, the word path's way: the unit
 * written whatever the entry is and kept by advancing the returned
 * pointer when the rules read it, the counts added to @k (see
 * make_units_with()). @entry has no SENTIMENT_ENTRY_SLOW, and @t starts
 * no phrase. */
G_ALWAYS_INLINE static inline Unit *
add_token_fast (Unit *u, CountsVec *k, const SentimentUnitEntry *entry,
                const GalleySpan *t)
{
  CountsVec add;

  /* The rules that read the token, the title-case rule and ALL CAPS
   * (add_token_slow()), are left to the first pass over the units
   * (token_rules()), which sees a unit in six tokens: the unit keeps
   * its token's address, in the store that clears target_sign. A
   * title-case direction word or reducer without a valence ("Fell") is
   * then kept as a unit, which the rule makes a plain word: the rules
   * measure distances by the counts, so a plain unit changes none.
   * Masked here, branch-free, the title-case rule took 8 instructions a
   * token: the stage 307.9 M -> 298.3 M instructions, 2.93 M -> 2.97 M
   * mispredicted branches (callgrind --branch-sim, bench-sentiment on
   * the news benchmark). Tested here behind a branch, is_caps_word()
   * took 6 instructions a token (the token's flags loaded, their case
   * tested, the entry's flags loaded for it): moved to the first pass,
   * the stage 280.7 M -> 271.1 M instructions, 4.14 M -> 4.04 M
   * mispredicted branches (callgrind --branch-sim, default pipeline on
   * the news benchmark, one job).
   *
   * valence, scalar and flags copied as they lie in both (16 bytes, the
   * entry's step over token, set next): field by field, GCC joined
   * the flags and the token's flags through a vector register, 6
   * instructions where these take 3 (the stage 291.1 M -> 285.5 M
   * instructions, callgrind, bench-sentiment on the news benchmark) */
  memcpy (u, entry, 16);
  u->token = (guint32) (guintptr) t;
  memcpy (&u->word, k, sizeof *k);
  /* the counts read as a vector, aligned as the entries are (to cache
   * lines, lexicon.c), so that the add reads them from memory: copied
   * into a register first, they took a load more a token (the stage
   * 268.6 M -> 266.7 M instructions, callgrind, default pipeline on the
   * news benchmark). The vector type's own alignment says it, not
   * __builtin_assume_aligned(), whose UBSan check crashes clang 14
   * (Debian 12's; the fuzz build). */
  add = *(const CountsVec *) (gconstpointer) entry->counts;
  *k += add;
  /* the next unit: this one, kept, when the rules read it. The entry's
   * step, where a test of its flags was a test, a set, an extension and
   * a shift a token (the stage 332.2 M -> 326.6 M instructions, callgrind,
   * default pipeline on the news benchmark) */
  return (Unit *) ((char *) u + entry->step);
}

/* Looks up the tokens of a sentence and builds their units into @units,
 * and fills @info; @names as sentiment_score_sentence() has it.
 *
 * Only the words the rules read make a unit: those with a valence or a
 * role (UNIT_ROLES), and the clause breaks; one word in five in news.
 * The rules count words between two units (scope, a reducer's reach,
 * "least" just before a word), and a unit carries the counts of the
 * words before it, so that a distance is a subtraction (Unit.word,
 * .reach, .stops). Making a unit of every word and walking back over
 * them word by word, the stage took 481.5 M instructions on the news
 * benchmark, 457 M with these units (callgrind, default pipeline, one
 * job; 450 M with the scratch block on process()'s stack).
 *
 * A word (no punctuation, no clitic) whose pair with the next token
 * starts no phrase (the masks of their unit entries) takes one path whatever
 * its entry: a token without one reads the empty entry
 * (unit_entries[0]), every field of a unit is written, and the unit
 * kept by advancing the count, so that neither "has it an entry" nor
 * "does the rules read it" is a branch. Those two branches, and the
 * test for a phrase start on every entry, went the unforeseen way on
 * about one word in three (callgrind --branch-sim: 0.89 M, 0.09 M and
 * 0.62 M mispredicted for 2 M tokens of news). The other tokens (one in
 * six) take add_token_slow(), the rules as they read. Every token through
 * add_token_slow(), the bench on the news benchmark ran at 139-140 MB/s
 * against 158-162 with this path; on the generated corpus, whose
 * repeated sentences the predictor learns, at 298-314 against 264-271
 * (bench-sentiment, CPU time, alternated runs).
 *
 * One loop looks the tokens up and builds the units, a token ahead: the
 * pair test of token i reads the entry of token i + 1, so that entry
 * is looked up first and kept in a register for the next round, and no
 * array of entries is stored and read back; the phrase walk looks up
 * the tokens past the next one itself (longest_phrase()). What the loop
 * keeps of a token is its unit entry (token_unit()), which
 * (SentimentUnitEntry) holds the flags, the valence and what the token
 * adds to the counts: a punctuation mark of one byte (a token in nine
 * on news: , . " ( ) -) takes the word's path with its byte's entry (a
 * clause break or nothing, no word) instead of add_token_slow(), and
 * whether to take the long way is a flag of the entry
 * (SENTIMENT_ENTRY_SLOW: other punctuation, clitics, ! and ?). The
 * union of the units' flags and the first contrast are read from the
 * units afterwards (sentiment_score_sentence()), not kept at every token.
 *
 * Against the two loops before it (all the lookups into an array, then
 * the units), default pipeline on the news benchmark, one job
 * (callgrind --branch-sim=yes): the stage 461.0 M -> 405.7 M
 * instructions, 5.31 M -> 5.27 M mispredicted conditional branches;
 * bench-sentiment, CPU-time MB/s, five alternated runs: news 161-175 ->
 * 170-177, the generated corpus 270-309 -> 319-327. Fused alone, the
 * punctuation still through add_token_slow(), the loop kept its counts
 * on the stack and saved nothing (461 M -> 465 M); the counts in a
 * vector register and the flags' union out of the loop took it to
 * 436 M. */
G_ALWAYS_INLINE static inline guint
make_units_with (const SentimentLexicon *lex, const char *text,
                 const GalleySpan *tokens, guint n_max, guint32 end,
                 const guint8 *names, Unit *units, UnitsInfo *info)
{
  const SentimentUnitEntry *unit_entries = lex->unit_entries + 1;
  Build b = { units, 0, { 0, 0, 0, 0 }, info, n_max, end };
  /* the build's state in locals (registers) on the fast path, written
   * back to @b around add_token_slow(): the next unit as a pointer, the
   * counts in a vector register, stored into the unit with one store
   * and counted with one add */
  Unit *u = units;
  CountsVec k = { 0, 0, 0, 0 };
  /* the loop steps a token pointer, and the index is worked out on the
   * long way only: counted by an index, the token's address was a shift
   * and an add a token and the bound a reload from the stack (the stage
   * 298.3 M -> 290.6 M instructions, callgrind, bench-sentiment on the
   * news benchmark) */
  const GalleySpan *t, *t_stop = tokens + n_max - 1;
  /* @nm: the address of @t's byte in @names, as an integer (the copy
   * without names drops it). Worked out from @t at every token, the
   * copy with names took 2.6 M instructions more (the stage 357.6 M ->
   * 355.0 M with an index, callgrind, default pipeline on the news
   * benchmark); with an index, the mask's address had no register left
   * and was loaded from the stack at every token (270.1 M -> 268.6 M with
   * the address). */
  guintptr nm = (guintptr) names;
  gsize i;
  /* the unit entries of @t and of the next token */
  const SentimentUnitEntry *entry, *next;

  /* The sentence ends where a token does not follow in it
   * (follows_in_sentence()). The loop tests the end offset that the
   * lookup of the next token reads anyway: one compare with @end a
   * token, and the rare test when it fails; a token that ends at @end
   * sets @t_stop to the last of those that follow it and end there too,
   * so that no token past them is let in. sentiment_process() walked
   * the tokens to count them before each call: that walk took 14.3 M
   * instructions on the news benchmark, the test here 9 M; the stage
   * 349.4 M -> 344.5 M instructions, 4.51 M -> 4.40 M mispredicted
   * branches (callgrind --branch-sim, default pipeline, one job). */
  if (tokens[0].end >= end)
    t_stop = run_at_end (tokens, t_stop, end);
  info->excl = info->quest = 0;
  entry = unit_at (lex, token_unit (lex, text, &tokens[0], keep_of (names, 0)));
  for (t = tokens; t < t_stop; t++, nm++)
    {
      if (G_UNLIKELY (t[1].end >= end))
        {
          if (t[1].end != end || t[1].start >= end)
            break;  /* @t is the sentence's last token */
          t_stop = run_at_end (t + 1, t_stop, end);
        }
      next = unit_at (lex, token_unit (lex, text, t + 1, keep_at (names, nm + 1)));
      /* @t takes the long way, or it and the next token may start a
       * phrase: one test of two masks of their unit entries
       * (lexicon-lookup.h). The filter of pairs before it, a bit of
       * 64 Kbit hashed from the two ids, took 14 instructions a token
       * and the test of SENTIMENT_ENTRY_SLOW 2 more, and let more pairs
       * through: the stage 314.5 M -> 294.0 M instructions, 4.25 M ->
       * 4.11 M mispredicted branches, 56.7 k -> 49.9 k tokens the long
       * way (callgrind --branch-sim, default pipeline on the news
       * benchmark, one job) */
      if (G_UNLIKELY (entry->pair_row & next->pair_sig))
        {
          gsize last;

          i = t - tokens;
          b.n_units = u - units;
          memcpy (&b.k, &k, sizeof k);
          last = add_token_slow (&b, lex, text, tokens, i + 2, names, i,
                                 entry - unit_entries, next - unit_entries);
          u = units + b.n_units;
          memcpy (&k, &b.k, sizeof k);
          if (G_UNLIKELY (last != i))
            {
              /* a phrase took tokens up to @last */
              t = tokens + last;
              nm = (guintptr) names + last;
              if (t->end == end)
                t_stop = run_at_end (t, t_stop, end);
              if (t >= t_stop || !follows_in_sentence (t + 1, t, end))
                {
                  /* no last token left for the tail */
                  info->n_units = u - units;
                  info->n_words = k[0];
                  return last + 1;
                }
              if (t[1].end == end)
                t_stop = run_at_end (t + 1, t_stop, end);
              next = unit_at (lex, token_unit (lex, text, t + 1, keep_at (names, nm + 1)));
            }
          entry = next;
          continue;
        }
      u = add_token_fast (u, &k, entry, t);
      entry = next;
    }

  /* The last token: no phrase starts there, so the word path takes
   * it unless its entry asks for the long way (! and ?, clitics).
   * Every last token through add_token_slow() (nine in ten are a
   * period), the stage took 12 M instructions more on the news
   * benchmark (callgrind, bench-sentiment). */
  i = t - tokens;
  if (G_LIKELY (!(entry->flags & SENTIMENT_ENTRY_SLOW)))
    u = add_token_fast (u, &k, entry, t);
  else
    {
      b.n_units = u - units;
      memcpy (&b.k, &k, sizeof k);
      add_token_slow (&b, lex, text, tokens, i + 1, names, i, entry - unit_entries, -1);
      u = units + b.n_units;
      memcpy (&k, &b.k, sizeof k);
    }
  info->n_units = u - units;
  info->n_words = k[0];
  return i + 1;
}

/* Two copies of the loop, so that a sentence without names does not
 * test for them at every token. Returns the number of tokens of the
 * sentence; tokens[0], of @n_max > 0, is in it. */
static guint
make_units (const SentimentLexicon *lex, const char *text,
            const GalleySpan *tokens, guint n_max, guint32 end,
            const guint8 *names, Unit *units, UnitsInfo *info)
{
  if (names != NULL)
    return make_units_with (lex, text, tokens, n_max, end, names, units, info);
  return make_units_with (lex, text, tokens, n_max, end, NULL, units, info);
}

static inline double
sign_of (double v)
{
  return v > 0 ? 1.0 : -1.0;
}

/* The valence of unit @i after emphasis, boosters, negation, least,
 * reducers and hedges among the words before it.
 *
 * The walk back visits units only; d (words from @p to @u, @p included)
 * and reach come from the counts. The words between two units have no
 * role: they only raise d and reach, so the loop's test, which only
 * fails as those grow, fails at a plain word exactly when it fails at
 * the next unit back. */
static double
unit_valence (const SentimentConfig *c, Unit *units, guint i,
              SentimentCaps *caps)
{
  const Unit *u = &units[i];
  double v = u->valence;
  guint d, reach;
  gboolean neg_blocked = FALSE, reducible = c->reducers;

  if (v == 0 || (u->flags & (LEX_MODIFIER | LEX_NEGATOR)))
    return 0;
  if ((u->flags & U_CAPS) && sentiment_caps_differ (caps))
    v += sign_of (v) * CAPS_INCR;

  for (guint j = i; j-- > 0;)
    {
      Unit *p = &units[j];
      gboolean word = (p->flags & U_WORD) != 0;

      /* a to or for among the words between @p and @u ended the
       * reducer's reach */
      if (u->stops - p->stops - ((p->flags & LEX_STOP) != 0) > 0)
        reducible = FALSE;
      d = u->word - p->word - word;
      reach = u->reach - p->reach - (word && !(p->flags & LEX_SKIP));
      if (!(d < c->scope || (reducible && reach < REDUCER_REACH)))
        break;
      if (p->flags & U_CLAUSE)
        {
          if (c->clause_scope)
            break;
          continue;
        }
      if (p->flags & (LEX_CONTRAST | LEX_CONCESSIVE))
        break;
      d++;
      if (!(p->flags & LEX_SKIP))
        reach++;
      if (p->flags & LEX_STOP)
        reducible = FALSE;
      if ((p->flags & LEX_REDUCER) && reducible && reach <= REDUCER_REACH &&
          !(p->flags & U_NEGATED) &&
          (p->target_sign == 0 || p->target_sign == (v < 0 ? -1 : 1)))
        {
          /* flips the valenced words it governs, as long as they keep
           * the polarity of the first: "ended years of bloody war" */
          if (p->target_sign == 0)
            p->target_sign = v < 0 ? -1 : 1;
          v *= v < 0 ? FLIP_NEGATIVE : FLIP_POSITIVE;
          p->flags |= U_USED;
          reducible = FALSE;
        }
      if ((p->flags & LEX_HARM) && reducible && reach <= REDUCER_REACH &&
          !(p->flags & U_NEGATED) && v > 0 &&
          (p->target_sign == 0 || p->target_sign == 1))
        {
          /* "eroded public trust": the trust lost is bad news, and the
           * verb keeps its own (negative) valence */
          p->target_sign = 1;
          v *= FLIP_POSITIVE;
          reducible = FALSE;
        }
      else if ((p->flags & LEX_HARM) && v < 0)
        reducible = FALSE;  /* "destroy the weapons": left as it is */
      if ((p->flags & (LEX_REDUCER | LEX_HARM)) && (p->flags & U_NEGATED) &&
          reducible && reach <= REDUCER_REACH)
        {
          /* "did not curb inflation", "did not erode trust": the negator
           * applies to the verb, the inflation stays bad, the trust good */
          neg_blocked = TRUE;
          reducible = FALSE;
        }
      if (d > c->scope)
        continue;
      if (p->flags & LEX_MODIFIER)
        {
          double s = p->scalar;

          if (v < 0)
            s = -s;
          if ((p->flags & U_CAPS) && s != 0 && sentiment_caps_differ (caps))
            s += sign_of (v) * CAPS_INCR;
          if (d == 2)
            s *= 0.95;
          else if (d >= 3)
            s *= 0.9;
          v += s;
        }
      if ((p->flags & LEX_NEGATOR) && neg_blocked)
        continue;
      if (p->flags & LEX_NEGATOR)
        {
          /* "never so good": so must be the very next word */
          if ((p->flags & LEX_NEVER) && d >= 2 &&
              (units[j + 1].flags & LEX_SO_THIS) && units[j + 1].word == p->word + 1)
            v *= 1.25;
          else
            v *= NEGATION_SCALAR;
          /* a reducer beyond a negator governs the negated phrase as a
           * whole ("ended without an agreement"): it does not flip again */
          reducible = FALSE;
        }
      if ((p->flags & LEX_LEAST) && d == 1)
        v *= NEGATION_SCALAR;
      if ((p->flags & LEX_HEDGE) && c->hedge > 0)
        v *= 1.0 - c->hedge;
    }
  return v;
}

/* Marks unit @i, a reducer or a harm verb, when a negator among the
 * three words before it (same clause) cancels it. */
static void
mark_negated_reducer (Unit *units, guint i)
{
  for (guint j = i; j-- > 0;)
    {
      /* the words from units[j] to units[i], units[j] excluded */
      guint d = units[i].word - units[j].word - ((units[j].flags & U_WORD) != 0);

      if (d >= 3 || (units[j].flags & U_CLAUSE))
        break;
      if (units[j].flags & LEX_NEGATOR)
        {
          units[i].flags |= U_NEGATED;
          break;
        }
    }
}

/* Direction words after a valenced word: "unemployment fell" is good news,
 * "support grew" better news. The direction word gives up its own valence
 * (fell, rose) when it finds such a word within DIRECTION_REACH words of
 * the same clause; otherwise it keeps it ("exports fell"). */
static void
apply_directions (Unit *units, double *val, guint n)
{
  for (guint k = 1; k < n; k++)
    {
      if (!(units[k].flags & (LEX_DECREASE | LEX_INCREASE)) ||
          (units[k].flags & U_USED))
        continue;
      for (guint j = k; j-- > 0;)
        {
          Unit *p = &units[j];
          /* the words from @p to units[k], @p included */
          guint d = units[k].word - p->word;

          if (d - ((p->flags & U_WORD) != 0) >= DIRECTION_REACH)
            break;
          if (p->flags & (U_CLAUSE | LEX_CONTRAST | LEX_CONCESSIVE))
            break;
          if ((p->flags & LEX_NEGATOR) && d <= 2)
            break;  /* "did not fall": leave it to negation */
          if (val[j] == 0 || (p->flags & (LEX_DECREASE | LEX_INCREASE | U_DIRECTED)))
            continue;
          if (units[k].flags & LEX_DECREASE)
            val[j] *= val[j] < 0 ? FLIP_NEGATIVE : FLIP_POSITIVE;
          else
            val[j] *= INCREASE_SCALAR;
          val[k] = 0;
          units[k].flags |= U_USED;
          p->flags |= U_DIRECTED;  /* "fell to its lowest" flips it once */
          break;
        }
    }
}

guint
sentiment_score_sentence (const SentimentLexicon *lex, const SentimentConfig *c,
                          SentimentScratch *scratch, const char *text,
                          const GalleySpan *tokens, guint n_max, guint32 end,
                          const guint8 *names,
                          SentimentCaps *caps, SentimentSums *sums)
{
  guint n, n_tokens, n_bound, contrast, n_polar = 0;
  guint32 all_flags;
  UnitsInfo info;
  Unit *units;
  double *val, sum = 0, amp = 0, v;
  guint32 n_listed = 0;

  memset (sums, 0, sizeof *sums);
  if (n_max == 0 || !(tokens[0].end < end || (tokens[0].end == end && tokens[0].start < end)))
    return 0;
  /* The token loop finds the sentence's end as it goes, and makes at
   * most a unit a token: it reads no further than the scratch arrays
   * hold. A longer sentence (one article in the news benchmark has
   * one of more than 128 tokens) is counted, and built again. */
  n_bound = MIN (n_max, scratch->cap);
  for (;;)
    {
      n_tokens = make_units (lex, text, tokens, n_bound, end, names,
                             scratch->units, &info);
      if (G_LIKELY (n_tokens < n_bound || n_bound == n_max ||
                    !follows_in_sentence (&tokens[n_bound], &tokens[n_bound - 1], end)))
        break;
      for (n_tokens = n_bound + 1; n_tokens < n_max; n_tokens++)
        if (!follows_in_sentence (&tokens[n_tokens], &tokens[n_tokens - 1], end))
          break;
      scratch_reserve (scratch, n_tokens);
      n_bound = n_tokens;
    }
  units = scratch->units;
  val = scratch->values;
  n = info.n_units;

  /* One pass over the units: the union of their flags, the first
   * contrast, the reducers a negator cancels, and the valences (a
   * unit's valence reads only the units before it, marked by then).
   * Read in a loop of their own after the token loop, the union and the
   * contrast cost that loop's exit, missed once a sentence (0.1 M
   * mispredicted, callgrind --branch-sim, bench-sentiment on the news
   * benchmark). */
  all_flags = 0;
  contrast = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      guint32 f = units[i].flags;

      if (!(f & U_RULED))
        f = units[i].flags = token_rules (f, unit_token (tokens, units[i].token));
      /* from here on the field is the unit's target sign */
      units[i].target_sign = 0;
      all_flags |= f;
      if (G_UNLIKELY (f & (LEX_CONTRAST | LEX_CONCESSIVE)) && contrast == G_MAXUINT)
        contrast = i;
      if (G_UNLIKELY (f & (LEX_REDUCER | LEX_HARM)) && c->reducers)
        mark_negated_reducer (units, i);
      v = unit_valence (c, units, i, caps);
      val[i] = v;
      /* the unit written to the list of those with a valence whatever
       * it is, and kept by adding 0 or 1 (Unit.listed: the n-th unit's
       * field is free once the pass has read it, and n <= i) */
      units[n_listed].listed = i;
      n_listed += v != 0 && (f & U_WORD);
    }
  /* a reducer that fired gives up its own valence */
  if (all_flags & LEX_REDUCER)
    for (guint i = 0; i < n; i++)
      if (units[i].flags & U_USED)
        val[i] = 0;
  if (c->reducers && (all_flags & (LEX_DECREASE | LEX_INCREASE)))
    apply_directions (units, val, n);

  if (contrast != G_MAXUINT && (units[contrast].flags & LEX_CONTRAST))
    {
      for (guint i = 0; i < contrast; i++)
        val[i] *= c->contrast_before;
      for (guint i = contrast + 1; i < n; i++)
        val[i] *= c->contrast_after;
    }
  else if (contrast != G_MAXUINT)
    {
      /* the concessive clause runs to the next clause break */
      guint stop = contrast + 1;
      gboolean polar = FALSE;

      while (stop < n && !(units[stop].flags & U_CLAUSE))
        polar |= val[stop++] != 0;
      if (polar)
        for (guint i = 0; i < n; i++)
          val[i] *= (i >= contrast && i < stop) ? c->contrast_before
                                              : c->contrast_after;
    }

  if ((all_flags & LEX_TOPIC) && c->topic_weight != 1.0)
    {
      /* A subject word (war, abuse) next to a judgement of the other
       * polarity (an important film about war) says less about tone than
       * the judgement does. */
      gboolean judged_pos = FALSE, judged_neg = FALSE;

      for (guint i = 0; i < n; i++)
        if (!(units[i].flags & LEX_TOPIC))
          {
            judged_pos |= val[i] > 0;
            judged_neg |= val[i] < 0;
          }
      for (guint i = 0; i < n; i++)
        if ((units[i].flags & LEX_TOPIC) &&
            ((val[i] < 0 && judged_pos) || (val[i] > 0 && judged_neg)))
          val[i] *= c->topic_weight;
    }

  /* Summed in unit order, skipping the zeros: adding +0.0 to these sums
   * changes no bit of them, and a word that ends with no valence only
   * counts as neutral. Only the units listed in the pass above: no step
   * since makes a valence of 0 another, and the test of every unit
   * ("a word with a valence?") went the unforeseen way on about one
   * unit in two, 0.21 M mispredicted branches on news. With the list,
   * bench-sentiment went from 210.4 M to 211.4 M instructions and from
   * 2.76 M to 2.65 M mispredicted branches, the stage in the default
   * pipeline from 256.4 M to 257.4 M and 4.08 M to 3.89 M (callgrind
   * --branch-sim, the news benchmark, one job); the bench's CPU time
   * 164-184 MB/s before, 155-185 after, medians 175 and 179 (eight
   * alternated runs at load 4). The list in an array of its own took
   * 209.1 M on the bench but 258.8 M in the pipeline, whose copy of the
   * token loop then spilled a pointer. */
  for (guint l = 0; l < n_listed; l++)
    {
      v = val[units[l].listed];
      /* a reducer that fired, a direction word that found its word */
      if (G_UNLIKELY (v == 0))
        continue;
      sum += v;
      n_polar++;
      if (v > 0)
        sums->pos_sum += v + 1;
      else
        sums->neg_sum += v - 1;
    }
  sums->n_words = info.n_words;
  sums->neu_count = info.n_words - n_polar;

  /* intensity, not quantity: n polar words weigh n^(1 - damping) */
  if (n_polar > 1 && c->damping > 0)
    sum /= n_polar < SENTIMENT_DAMPING_TABLE ? c->damping_pow[n_polar]
                                             : pow (n_polar, c->damping);

  /* punctuation emphasis */
  amp = MIN (info.excl, 4) * EXCL_INCR;
  if (info.quest > 1)
    amp += info.quest <= 3 ? info.quest * QUEST_INCR : QUEST_MAX;
  if (sum > 0)
    sum += amp;
  else if (sum < 0)
    sum -= amp;
  if (sums->pos_sum > -sums->neg_sum)
    sums->pos_sum += amp;
  else if (sums->pos_sum < -sums->neg_sum)
    sums->neg_sum -= amp;
  sums->sum = sum;
  return n_tokens;
}
