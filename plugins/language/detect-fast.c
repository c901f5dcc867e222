/* detect-fast.c: the first tier of the language stage (detect-fast.h).
 *
 * CLD2 costs about 80,000-130,000 instructions for each news article
 * (callgrind over the stage; most of it setting up its scanner and score
 * tables, whatever the length), which held the stage to 25-70 MB/s on
 * 1 KB articles. An English news paragraph gives itself away by its
 * function words ("the", "of", "and" make a third of its words), so one
 * pass over the judged bytes, a table probe per word and thirty counters
 * settle most articles for a fraction of that. The rule below answers
 * only when the evidence is overwhelming, and CLD2 judges everything else
 * exactly as before.
 *
 * Measured on a set of 10,569 English news articles (wire copy and
 * broadcaster articles; docs/plugins/language.md has the commands): the
 * first tier answers 85% of them; 10 of its answers differ from CLD2
 * alone, all of them English wire stories with a capitalised headline
 * full of foreign names ("MALAYSIA CUTS FIVE YEAR PLAN BUDGET", "RIO DE
 * JANEIRO DOCKERS STRIKE OVER WAGES") that CLD2 calls Malay, Portuguese
 * or Norwegian. Each threshold below was set on that set and on the
 * paragraphs of tests/language/neighbours.tsv (the neighbours of
 * English, and English mixed with them): a step looser lets the first
 * tier answer a text that CLD2 gives to another language.
 */
#include "config.h"

#include <string.h>

#include "detect-fast.h"

/* The first tier answers LANGUAGE_FAST_TRUSTED (English) when its list
 * has at least MIN_HITS words of the text, ... */
#define MIN_HITS 6
/* ... when no other language has more than FOREIGN_MAX words of its
 * own (in its list and not in English's: "de", "la", "van" of the names
 * in an English article), and English has MARGIN times as many words
 * that the other lacks: CLD2 gives a text with one foreign sentence in
 * four to the foreign language as often as not, so a foreign sentence
 * must be enough to stop the first tier; a word in both lists ("in",
 * "a", "was") decides nothing ... */
#define FOREIGN_MAX 2
#define MARGIN 4
/* ... and when at least one word in COVERAGE of the text is English: a
 * language without a list (Latin, Frisian, Basque) borrows a few English
 * words, but not a fifth of its text; nor is a table of figures judged
 * by the few words around it. */
#define COVERAGE 5
/* More than one letter in OTHER_SHARE beyond ASCII (Cyrillic, Greek,
 * CJK, or accents denser than an English text's names) is CLD2's. */
#define OTHER_SHARE 16

void
language_score_init (LanguageScore *score)
{
  memset (score, 0, sizeof *score);
}

/* The length of the separator that starts at @p (a byte beyond ASCII),
 * 0 when @p starts a letter: U+0080..U+00BF (no-break space, pound sign, «») and
 * U+2000..U+20BF (dashes, curly quotes, bullets, currency signs). */
static inline gsize
high_separator_len (const guchar *p, const guchar *end)
{
  if (p[0] == 0xc2)
    return p + 1 < end ? 2 : 1;
  if (p[0] == 0xe2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x82)
    return 3;
  return 0;
}

static inline gboolean
is_ascii_letter (guchar c)
{
  return (guchar) ((c | 0x20) - 'a') < 26;
}

/* Counts the word at @word (@len bytes, @avail of them readable). */
static inline void
count_word (LanguageScore *score, const FunctionWords *fw, const guchar *word,
            gsize len, gsize avail)
{
  guint32 mask;

  score->words++;
  if (len > FUNCTION_WORD_MAX_LEN)
    return;
  mask = function_words_find (fw, function_word_key (word, len, avail));
  if (mask == 0)
    return;
  score->matched++;
  for (guint32 m = mask; m != 0; m &= m - 1)
    score->hits[__builtin_ctz (m)]++;
  if (mask & (1u << LANGUAGE_FAST_TRUSTED))
    for (guint32 m = mask; m != 0; m &= m - 1)
      score->shared[__builtin_ctz (m)]++;
}

/* One pass, no copy: a word is read as one key where it stands. The
 * loop over a word's ASCII letters is the hot path (three quarters of
 * the bytes); bytes beyond ASCII take the slow branch. */
void
language_score_text (LanguageScore *score, const char *text, gsize len)
{
  const FunctionWords *fw = function_words_get ();
  const guchar *p = (const guchar *) text, *end = p + len;
  guint letters = 0, other = 0;

  while (p < end)
    {
      const guchar *start = p;
      gsize skip = 1;

      if (!is_ascii_letter (*p) && (*p < 0x80 || (skip = high_separator_len (p, end)) != 0))
        {
          p += skip;
          continue;
        }
      for (;;)
        {
          if (*p >= 0x80)
            other += *p >= 0xc0;  /* a character's lead byte */
          else
            letters++;
          if (++p == end)
            break;
          if (is_ascii_letter (*p))
            continue;
          if (*p < 0x80 || high_separator_len (p, end) != 0)
            break;
        }
      count_word (score, fw, start, p - start, end - start);
    }
  score->ascii_letters += letters;
  score->other_letters += other;
}

gboolean
language_score_decide (const LanguageScore *score, LanguageGuess *guess)
{
  const guint t = LANGUAGE_FAST_TRUSTED;
  const guint hits = score->hits[t];

  if (score->other_letters * OTHER_SHARE > score->ascii_letters)
    return FALSE;
  if (hits < MIN_HITS || hits * COVERAGE < score->words)
    return FALSE;
  for (guint i = 0; i < FW_N_LANGUAGES; i++)
    {
      /* score->shared[t] == hits: English against itself passes */
      guint ours = hits - score->shared[i];
      guint theirs = score->hits[i] - score->shared[i];

      if (theirs > FOREIGN_MAX || ours < MARGIN * theirs)
        return FALSE;
    }

  guess->code = function_words_code (t);
  guess->confidence = MIN ((double) hits / score->matched, 0.99);
  return TRUE;
}

gboolean
language_detect_fast (const char *title, gsize title_len, const char *text, gsize len,
                      LanguageGuess *guess)
{
  LanguageScore score;

  language_score_init (&score);
  language_score_text (&score, title, title_len);
  language_score_text (&score, text, len);
  return language_score_decide (&score, guess);
}
