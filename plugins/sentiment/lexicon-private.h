/* lexicon-private.h: what the lexicon's source files share (not installed,
 * not for the scorer). lexicon-text.c normalises words and phrases,
 * lexicon-load.c reads the data files and user lexicons into a Builder,
 * lexicon.c compiles the Builder into the read-only SentimentLexicon. */
#pragma once

#include <glib.h>

#include "lexicon.h"

/* An entry while the lexicon is being built. */
typedef struct {
  float valence;
  float scalar;
  guint32 flags;
  gboolean generated;  /* an inflection made by the morphology rules */
} BuildEntry;

typedef struct {
  GHashTable *table;  /* char* normalised key -> BuildEntry* */
} Builder;

/* lexicon-text.c */

/* sentiment_fold_word: lowercases @len bytes of UTF-8 at @s into @buf
 * (@cap bytes), reading the typographic apostrophes as '. Returns the
 * length, or -1 when it does not fit or is not valid UTF-8. */
gssize sentiment_fold_word (const char *s, gsize len, char *buf, gsize cap);

/* sentiment_split_phrase: the words of a normalised key, split on spaces
 * and with a trailing n't split off as the tokenizer does ("don't" ->
 * "do" "n't"). Returns: (transfer full) a GPtrArray of strings. */
GPtrArray *sentiment_split_phrase (const char *key);

/* sentiment_normalize_key: a word or phrase in its stored form: words
 * folded, single spaces. NULL when a word is longer than
 * SENTIMENT_MAX_WORD. Returns: (transfer full). */
char *sentiment_normalize_key (const char *text, gsize len);

/* lexicon.c */

/* sentiment_lexicon_new_text: sentiment_lexicon_new() always from the
 * text of the data files (and @path): what lexicon-gen runs at build
 * time, and what every configuration but the default one runs at
 * create(). Returns: (transfer full). */
SentimentLexicon *sentiment_lexicon_new_text (const char *path,
                                              SentimentLexiconFormat format,
                                              SentimentLexiconMode mode,
                                              gboolean news_overrides,
                                              GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* sentiment_lexicon_index_short: builds @lexicon's table of one-chunk
 * words (short_slots) from its entries, as both ways of building it end. */
void sentiment_lexicon_index_short (SentimentLexicon *lexicon);

/* lexicon-load.c */

/* sentiment_builder_load: fills @b (its table created by the caller) from
 * the built-in data, @path and the news-neutral list, as
 * sentiment_lexicon_new() describes. */
gboolean sentiment_builder_load (Builder *b, const char *path,
                                 SentimentLexiconFormat format,
                                 SentimentLexiconMode mode,
                                 gboolean news_overrides, GError **error);
