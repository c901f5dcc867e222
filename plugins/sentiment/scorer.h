/* scorer.h: the rules that turn a sentence's tokens into valences, and the
 * valences into a compound score and pos/neg/neu proportions. */
#pragma once

#include <math.h>

#include <glib.h>
#include <galley/galley-document.h>

#include "lexicon.h"

G_BEGIN_DECLS

/* How many powers n^damping SentimentConfig keeps (n < this). */
#define SENTIMENT_DAMPING_TABLE 32

typedef struct {
  double alpha;           /* compound = x / sqrt (x^2 + alpha) */
  guint scope;            /* how many words back negators and boosters reach */
  gboolean clause_scope;  /* negation and boosters stop at , ; : ( and dashes */
  gboolean reducers;      /* curb/ease/prevent flip the polarity they govern */
  double contrast_before; /* weight of the words before "but" */
  double contrast_after;  /* weight of the words after "but" */
  double hedge;           /* hedges (could, may) scale what follows by 1 - this */
  double damping;         /* a sentence's sum is divided by n_polar^damping:
                           * set it with sentiment_config_set_damping() */
  double damping_pow[SENTIMENT_DAMPING_TABLE]; /* pow (n, damping) */
  double topic_weight;    /* weight of subject words against judgements */
} SentimentConfig;

/* The defaults; the stage's parameters change some of them. */
void sentiment_config_init (SentimentConfig *config);

/* sentiment_config_set_damping: sets @config's damping and its table of
 * powers (one pow() call a sentence with two polar words or more was 1%
 * of the stage: 3.8 M instructions on the news benchmark). */
void sentiment_config_set_damping (SentimentConfig *config, double damping);

/* The figures of one sentence (or, summed, of a document). */
typedef struct {
  double sum;        /* valence sum, punctuation emphasis included */
  double pos_sum;    /* VADER's sifted sums: (v + 1) over positive words, */
  double neg_sum;    /* (v - 1) over negative words, */
  double neu_count;  /* and the count of neutral words */
  guint n_words;
} SentimentSums;

typedef struct {
  double compound, pos, neg, neu;
} SentimentScore;

/* A unit the rules read (scorer.c): a word or phrase that carries a
 * valence or a role (negator, booster, "but", reducer, ...), or a clause
 * break. Plain words make no unit: the rules see them only as distances,
 * which the counts give. */
typedef struct {
  float valence;
  float scalar;
  guint32 flags;
  union {
    guint32 token;       /* from the token loop to the first pass over the
                          * units, a unit of the word path (without
                          * U_RULED): the low 32 bits of its token's
                          * address, for the rules that read the token
                          * (capitals, title case) */
    gint32 target_sign;  /* then, a reducer: the polarity of what it
                          * flipped first */
  };
  guint32 word;        /* words of the sentence before this unit */
  guint32 reach;       /* of those, words that count in a reducer's reach
                        * (not a, the, of: LEX_SKIP) */
  guint32 stops;       /* of those, words that end a reducer's reach (to,
                        * for, with: LEX_STOP) */
  guint32 listed;      /* to 32 bytes (the scorer's word path steps to
                        * the next unit by a shift, not a multiply by
                        * 28); garbage from the token loop, then in the
                        * pass over the units the n-th unit's holds the
                        * index of the n-th unit with a valence */
} SentimentUnit;

/* Scratch space for the scorer, one per process() call: it lives on the
 * caller's stack, with room inside for a sentence of
 * SENTIMENT_SCRATCH_INLINE tokens, and grows on the heap past that (to
 * the longest sentence). Allocated per document (432e9ad), the block had
 * to stay under malloc's 1 KiB cache limit; on the stack it needs none.
 * 128 tokens (5 KiB): with 32, 7,627 of the 10,569 articles of the news
 * benchmark had a longer sentence and paid for two allocations and two
 * frees, 4.9 M instructions of the stage's 313 M (callgrind,
 * bench-sentiment); with 128, one article does. */
#define SENTIMENT_SCRATCH_INLINE 128

typedef struct {
  SentimentUnit *units;
  double *values;
  guint cap;
  SentimentUnit units_inline[SENTIMENT_SCRATCH_INLINE];
  double values_inline[SENTIMENT_SCRATCH_INLINE];
} SentimentScratch;

/* sentiment_scratch_init: @scratch empty, its inline arrays in use. */
void sentiment_scratch_init (SentimentScratch *scratch);
/* sentiment_scratch_clear: frees what @scratch allocated; it stays usable. */
void sentiment_scratch_clear (SentimentScratch *scratch);

/* Whether a document's tokens mix ALL CAPS words (of two letters or more)
 * with others, so that caps mark emphasis. Worked out on first use: most
 * documents have no capitalised sentiment word and never pay for it. */
typedef struct {
  const GalleySpan *tokens;  /* every token of the document */
  guint n_tokens;
  int state;                 /* -1: not known yet; else 0 or 1 */
} SentimentCaps;

static inline void
sentiment_caps_init (SentimentCaps *caps, const GalleySpan *tokens, guint n)
{
  caps->tokens = tokens;
  caps->n_tokens = n;
  caps->state = -1;
}

/* sentiment_caps_differ: computes (once) and returns @caps' answer. */
gboolean sentiment_caps_differ (SentimentCaps *caps);

/* sentiment_score_sentence: applies every rule to the sentence that
 * ends at offset @end and starts with @tokens (spans of the token layer
 * over @text, of which @n_max may be read), and fills @sums. The
 * sentence's tokens are those that end before @end, then those that end
 * at @end and start before it (an empty token at its very end is not
 * in it). @names (one byte per token, may be NULL) marks the tokens
 * inside names (from the entity layer) with 0, the others with 0xff:
 * the former carry no valence ("Hope Hicks", "Liberty University").
 *
 * Returns: the number of tokens of the sentence (0: @tokens[0] is not
 * in it, and @sums is all zero). */
guint sentiment_score_sentence (const SentimentLexicon *lexicon,
                                const SentimentConfig *config,
                                SentimentScratch *scratch, const char *text,
                                const GalleySpan *tokens, guint n_max,
                                guint32 end, const guint8 *names,
                                SentimentCaps *caps, SentimentSums *sums);

/* sentiment_normalize: x / sqrt (x^2 + alpha), clamped to [-1, 1].
 * Inline, as sentiment_sums_to_score(): the stage calls it for every
 * sentence, and as calls of scorer.c the two took 2 M instructions more
 * (the stage 261.0 M -> 259.0 M, the pipeline 1,506.8 M -> 1,504.7 M,
 * callgrind, default pipeline on the news benchmark). */
static inline double
sentiment_normalize (double x, double alpha)
{
  double c = x / sqrt (x * x + alpha);

  return CLAMP (c, -1.0, 1.0);
}

/* sentiment_sums_to_score: compound from @sums->sum, proportions from the
 * sifted sums (all zero, neu 0 too, when there are no words). */
static inline void
sentiment_sums_to_score (const SentimentSums *s, double alpha,
                         SentimentScore *score)
{
  double total = s->pos_sum - s->neg_sum + s->neu_count;

  score->compound = s->sum != 0 ? sentiment_normalize (s->sum, alpha) : 0;
  if (total > 0)
    {
      score->pos = s->pos_sum / total;
      score->neg = s->neg_sum != 0 ? -s->neg_sum / total : 0;
      score->neu = s->neu_count / total;
    }
  else
    score->pos = score->neg = score->neu = 0;
}

G_END_DECLS
