/* lexicon.h: the sentiment lexicon, built once and then only read.
 *
 * A SentimentLexicon maps lowercased words and multi-word expressions to an
 * entry: a valence (-4..+4) and the roles a word plays for the scoring
 * rules (negator, booster or dampener, contrast, reducer, ...). It is built
 * from the data compiled into the module (plugins/sentiment/data/) and,
 * optionally, a user file in VADER or AFINN format; afterwards it is
 * immutable, so one lexicon serves every worker thread without locks.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Roles of an entry (SentimentEntry.flags). */
typedef enum {
  LEX_HAS_VALENCE = 1 << 0,   /* valence is meaningful (may be 0: neutral) */
  LEX_NEGATOR = 1 << 1,       /* not, never, n't, without, no longer */
  LEX_MODIFIER = 1 << 2,      /* booster (scalar > 0) or dampener (< 0) */
  LEX_CONTRAST = 1 << 3,      /* but, however: the clause after weighs more */
  LEX_CONCESSIVE = 1 << 4,    /* although, despite: its own clause weighs less */
  LEX_REDUCER = 1 << 5,       /* curb, ease, prevent: flips what follows */
  LEX_LEAST = 1 << 6,         /* least: negates the next word */
  LEX_NEVER = 1 << 7,         /* never: with so/this/such intensifies */
  LEX_SO_THIS = 1 << 8,       /* so, this, such (after never) */
  LEX_PHRASE_START = 1 << 9,  /* first word of a multi-word expression */
  LEX_INERT = 1 << 10,        /* phrase that only hides its words (not only) */
  LEX_HEDGE = 1 << 11,        /* could, may, might: softens what follows */
  LEX_DECREASE = 1 << 12,     /* fell, eased, down: flips the valenced word
                               * before it (unemployment fell) */
  LEX_INCREASE = 1 << 13,     /* rose, grew, mounting: strengthens it */
  LEX_SKIP = 1 << 14,         /* a, the, of: not counted in a reducer's reach */
  LEX_STOP = 1 << 15,         /* to, for, with: ends a reducer's reach */
  LEX_TOPIC = 1 << 16,        /* war, disease, poverty: names a subject as
                               * much as it judges one */
  LEX_HARM = 1 << 17,         /* erode, betray, kill: keeps its own valence
                               * and turns the good thing it governs bad */
} SentimentEntryFlags;

typedef struct {
  float valence;   /* -4..+4 when LEX_HAS_VALENCE */
  float scalar;    /* LEX_MODIFIER: added to the magnitude of the next valence */
  guint32 flags;   /* SentimentEntryFlags */
} SentimentEntry;

typedef struct _SentimentLexicon SentimentLexicon;

typedef enum {
  SENTIMENT_FORMAT_AUTO,
  SENTIMENT_FORMAT_VADER,
  SENTIMENT_FORMAT_AFINN,
} SentimentLexiconFormat;

typedef enum {
  SENTIMENT_MODE_MERGE,
  SENTIMENT_MODE_REPLACE,
} SentimentLexiconMode;

/* The longest word (in bytes, lowercased) the lexicon holds; longer tokens
 * are never looked up. */
#define SENTIMENT_MAX_WORD 63

/* sentiment_lexicon_new: the built-in lexicon, with the valences of @path
 * (may be NULL) merged in or replacing the built-in ones, then the
 * news-neutral overrides when @news_overrides. Errors (GALLEY_STAGE_ERROR):
 * IO when @path cannot be read, INPUT for a malformed line; every message
 * names the file and line ("lex.tsv:12: ..."). Returns: (transfer full). */
SentimentLexicon *sentiment_lexicon_new (const char *path,
                                         SentimentLexiconFormat format,
                                         SentimentLexiconMode mode,
                                         gboolean news_overrides,
                                         GError **error) G_GNUC_WARN_UNUSED_RESULT;

void sentiment_lexicon_free (SentimentLexicon *lexicon);

/* sentiment_lexicon_lookup: the entry index of the word @word (@len bytes,
 * already lowercased), or -1. O(1), no allocation. */
int sentiment_lexicon_lookup (const SentimentLexicon *lexicon,
                              const char *word, gsize len);

/* sentiment_lexicon_get: entry @index (from a lookup or phrase match). */
const SentimentEntry *sentiment_lexicon_get (const SentimentLexicon *lexicon,
                                             int index);

/* sentiment_lexicon_get_n_words: how many single words carry a valence. */
guint sentiment_lexicon_get_n_words (const SentimentLexicon *lexicon);
/* sentiment_lexicon_get_n_phrases: how many multi-word expressions. */
guint sentiment_lexicon_get_n_phrases (const SentimentLexicon *lexicon);

/* sentiment_lexicon_valence: the valence of @key (a word or phrase, any
 * case), or NaN when it has none. For tests and tools. */
double sentiment_lexicon_valence (const SentimentLexicon *lexicon,
                                  const char *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SentimentLexicon, sentiment_lexicon_free)

G_END_DECLS
