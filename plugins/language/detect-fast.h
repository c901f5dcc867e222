/* detect-fast.h: the language stage's first tier, which names the
 * language of a text from its function words when the evidence is
 * overwhelming, and otherwise leaves the text to CLD2 (detect.h).
 *
 * Use: language_score_init(), language_score_text() on each part of the
 * judged text (title, then the sample of the text), then
 * language_score_decide(). The score lives on the caller's stack; the
 * word table is shared and read-only, so any thread may score.
 */
#pragma once

#include <glib.h>

#include "detect.h"
#include "function-words.h"

G_BEGIN_DECLS

/* The one language the first tier may answer: the measurement behind it
 * (docs/plugins/language.md) was made on English news. Trusting another
 * language takes a corpus of its own and the same measurement. */
#define LANGUAGE_FAST_TRUSTED FW_EN

/* What the scanner counts. A word of several lists is counted once
 * where it lands (the trusted list's count, or the counts of the foreign
 * lists' own words, or the count of that shared word), not once per
 * language: what it means for each language is summed only for the
 * languages in question (language_score_shared()). */
typedef struct {
  guint words;          /* runs of letters */
  guint matched;        /* words found in some list */
  guint ascii_letters;  /* letters a-z, A-Z */
  guint other_letters;  /* characters beyond ASCII inside words */
  guint trusted;        /* words in the list of LANGUAGE_FAST_TRUSTED */
  guint32 foreign;      /* the languages with a word of their own (a bit
                         * each, as own[] > 0) */
  guint own[FW_N_LANGUAGES];  /* words in each language's list and not in
                               * the trusted one's */
  guint shared_words[FUNCTION_WORD_MAX_SHARED];  /* of the trusted words,
                                                  * each shared word's count
                                                  * (FunctionWords.shared_id) */
} LanguageScore;

/* language_score_init: an empty score. */
void language_score_init (LanguageScore *score);

/* language_score_text: adds the words of @text (@len bytes of valid
 * UTF-8) to @score. Words are runs of letters, split at ASCII
 * non-letters and at the Latin-1 and general punctuation blocks (curly
 * quotes, dashes, no-break spaces). */
void language_score_text (LanguageScore *score, const char *text, gsize len);

/* language_score_hits: the words of @score in @lang's list. */
guint language_score_hits (const LanguageScore *score, FunctionWordLanguage lang);

/* language_score_shared: the words of @score in both @lang's list and
 * the trusted one's (all the trusted words for @lang itself). */
guint language_score_shared (const LanguageScore *score, FunctionWordLanguage lang);

/* language_score_decide: TRUE and @guess filled when @score names a
 * language the first tier trusts beyond doubt; FALSE (and @guess left
 * alone) when CLD2 must judge. The confidence is the winner's share of
 * the words found in any list, at most 0.99. */
gboolean language_score_decide (const LanguageScore *score, LanguageGuess *guess);

/* language_detect_fast: the three steps on a title (@title_len bytes,
 * 0 for none) and a text sample (@len bytes): TRUE with @guess filled
 * when the first tier answers, FALSE when CLD2 must judge. */
gboolean language_detect_fast (const char *title, gsize title_len,
                               const char *text, gsize len, LanguageGuess *guess);

G_END_DECLS
