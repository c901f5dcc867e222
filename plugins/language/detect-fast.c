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
 * first tier answers 98% of them; 201 of its answers differ from CLD2
 * alone, all English that CLD2 calls otherwise: 189 earnings tables
 * ("Shr 45 cts vs 58 cts / Net 1.1 mln vs 829,000") it calls
 * undetermined, and 12 stories with foreign names in a capitalised
 * headline ("MALAYSIA CUTS FIVE YEAR PLAN BUDGET", "RIO DE JANEIRO
 * DOCKERS STRIKE OVER WAGES") or a company's ("Koninklijke Nederlandse
 * Papierfabrieken") that it calls Malay, Norwegian, Portuguese, Dutch,
 * Finnish, German or Italian. The thresholds below were set
 * on that set and on the paragraphs of tests/language/neighbours.tsv
 * (the neighbours of English, and English mixed with them); what a step
 * looser does is written beside each.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "detect-fast.h"

/* function-words.c numbers the English words that other lists share */
G_STATIC_ASSERT (LANGUAGE_FAST_TRUSTED == FW_EN);

/* The first tier answers LANGUAGE_FAST_TRUSTED (English) when its list
 * has at least MIN_HITS words of the text (the tables of figures CLD2
 * calls undetermined have up to 4), ... */
#define MIN_HITS 6
/* ... when no other language has more than FOREIGN_MAX words of its
 * own (in its list and not in English's: "de", "la", "van" of the names
 * in an English article; 3 lets a half-Danish paragraph through), and
 * English has MARGIN times as many words that the other lacks (2 or 3
 * let short texts with two foreign words through): CLD2 gives a
 * paragraph of two English sentences and a Dutch one to Dutch, so one
 * foreign sentence must be enough to stop the first tier; a word in both
 * lists ("in", "a", "was") decides nothing ... */
#define FOREIGN_MAX 2
#define MARGIN 4
/* ... and when at least one word in COVERAGE of the text is English: a
 * language without a list (Latin, Frisian, Basque) borrows a few English
 * words, but not a fifth of its text; nor is a table of figures judged
 * by the few words around it (one in 6 lets through an English note
 * that CLD2 calls Dutch for a company's name). */
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

/* TRUE when the word at @word (@len bytes, @avail of them readable
 * from @word, preceded by @before bytes of its text), though in a
 * foreign list, tells nothing of the text's language: an acronym or an
 * initial, all capitals ("EU", "BA", "ATT", "SE", "Z" of "Jay-Z"), or a
 * piece of a hyphenated compound ("e-mail", "wi-fi", "al-Sabah",
 * "Spider-Man"). English news has them in every paragraph, and 70 of
 * 10,569 English articles went to CLD2 for such words alone (Welsh
 * "eu", Tagalog "ba", Swedish "att", Romanian "fi"), at 110,000
 * instructions an article. A foreign text writes its function words
 * lowercase and apart. */
static gboolean
no_evidence (const guchar *word, gsize len, gsize avail, gsize before)
{
  if ((before > 0 && word[-1] == '-') || (avail > len && word[len] == '-'))
    return TRUE;
  if ((guchar) (word[0] - 'A') >= 26)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if ((guchar) (word[i] - 'a') < 26)
      return FALSE;
  return TRUE;
}

/* Looks up the word at @word (@len bytes, @avail of them readable,
 * @before bytes of its text before it); the caller counts it in
 * score->words and score->ascii_letters. */
static G_ALWAYS_INLINE inline void
count_word (LanguageScore *score, const FunctionWords *fw, const guchar *word,
            gsize len, gsize avail, gsize before)
{
  guint slot;
  guint32 mask;

  if (len > FUNCTION_WORD_MAX_LEN)
    return;
  slot = function_words_find_slot (fw, function_word_key (word, len, avail));
  mask = fw->mask[slot];
  if (mask == 0)
    return;
  /* A capitalised word of foreign lists only, then a space and a
   * capital, is part of a name in English news ("Los Angeles", "De
   * Beers", "RIO DE JANEIRO") and counts for no language: such names
   * left 56 of 10,569 English articles to CLD2 (98.6 M instructions in
   * the stage against 105.3 M), and made CLD2 call one Portuguese. A
   * foreign text keeps its lowercase function words, and the first
   * word of a sentence ("En kraftig storm") still counts. */
  if (!(mask & (1u << LANGUAGE_FAST_TRUSTED)) && (guchar) (word[0] - 'A') < 26 &&
      avail >= len + 2 && word[len] == ' ' && (guchar) (word[len + 1] - 'A') < 26)
    return;
  score->matched++;
  if (mask & (1u << LANGUAGE_FAST_TRUSTED))
    {
      /* "the", "of", "that": most words found in English news. A word
       * of other lists too ("in", "a", "was": one in four, in five
       * lists on average) is one increment of its own count, where a
       * loop over its languages cost 6 M instructions of the first
       * tier's 67 M (callgrind over the stage on 10,569 news articles) */
      score->trusted++;
      if (mask != 1u << LANGUAGE_FAST_TRUSTED)
        score->shared_words[fw->shared_id[slot]]++;
      return;
    }
  /* counted as a word found (against English's share in the
   * confidence), but for no language */
  if (no_evidence (word, len, avail, before))
    return;
  score->foreign |= mask;
  for (guint32 m = mask; m != 0; m &= m - 1)
    score->own[__builtin_ctz (m)]++;
}

#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

/* Bit i set when byte i of @x (eight bytes, first byte lowest, none
 * beyond ASCII) is a letter. No carry crosses a byte: each byte is at
 * most 0x7f before the additions, which test >= 'a' and > 'z' in its
 * high bit; the multiplication gathers the eight high bits. */
static inline guint
ascii_letter_bits (guint64 x)
{
  guint64 l = (x | G_GUINT64_CONSTANT (0x2020202020202020)) & ~HIGH_BITS;
  guint64 ge_a = l + G_GUINT64_CONSTANT (0x1f1f1f1f1f1f1f1f);
  guint64 gt_z = l + G_GUINT64_CONSTANT (0x0505050505050505);

  return ((((ge_a & ~gt_z & HIGH_BITS) >> 7) * G_GUINT64_CONSTANT (0x0102040810204080)) >> 56);
}

/* The same, byte by byte, for @n bytes at @p that may go beyond ASCII:
 * a byte beyond ASCII is part of a word unless it is in a separator;
 * *@skip carries the rest of a separator into the next block. Counts
 * the word bytes beyond ASCII in *@high, and the characters they make
 * in @score. */
static guint
word_bits_slow (LanguageScore *score, const guchar *p, const guchar *end, guint n,
                guint *skip, guint *high)
{
  guint bits = 0;

  for (guint i = 0; i < n; i++)
    {
      gsize sep;

      if (*skip > 0)
        (*skip)--;
      else if (is_ascii_letter (p[i]))
        bits |= 1u << i;
      else if (p[i] < 0x80)
        continue;
      else if ((sep = high_separator_len (p + i, end)) != 0)
        *skip = sep - 1;
      else
        {
          bits |= 1u << i;
          (*high)++;
          score->other_letters += p[i] >= 0xc0;  /* a character's lead byte */
        }
    }
  return bits;
}

#define CHUNK 64

/* The word bytes of the @n bytes (1..CHUNK) at @p, bit i for byte i.
 * Where SSE2 is at hand (every x86-64), a chunk after no separator
 * is tested sixteen bytes a step, and kept when it is all ASCII (nine
 * chunks in ten of English news): callgrind over the stage on 10,569
 * news articles, 72.7 M instructions in the first tier against 64.4 M.
 * Otherwise eight bytes at a time: eight ASCII letter tests at once
 * where a block is ASCII, byte by byte where it is not. */
static inline guint64
chunk_word_bits (LanguageScore *score, const guchar *p, const guchar *end, guint n,
                 guint *skip, guint *high)
{
  guint64 x, bits = 0;

#ifdef __SSE2__
  if (*skip == 0)
    {
      /* a byte beyond ASCII is negative to the signed comparisons, so
       * no letter, and its high bit tells that one was met */
      const __m128i case_bit = _mm_set1_epi8 (0x20);
      const __m128i before_a = _mm_set1_epi8 ('a' - 1);
      const __m128i after_z = _mm_set1_epi8 ('z' + 1);
      guint high_bytes = 0;
      guchar padded[CHUNK];
      const guchar *q = p;

      /* A short chunk (a title, the end of a sample) is copied before
       * zeros, which are no letters nor beyond ASCII: the stage 65.4 M
       * instructions over 10,569 news articles against 66.7 M (the
       * titles 5.5 M against 6.6 M) when they went eight bytes at a
       * time. */
      if (n < CHUNK)
        {
          memset (padded, 0, CHUNK);
          memcpy (padded, p, n);
          q = padded;
        }
      for (guint i = 0; i < CHUNK / 16; i++)
        {
          __m128i v = _mm_loadu_si128 ((const __m128i *) (q + 16 * i));
          __m128i l = _mm_or_si128 (v, case_bit);
          __m128i letter = _mm_and_si128 (_mm_cmpgt_epi8 (l, before_a),
                                          _mm_cmplt_epi8 (l, after_z));

          high_bytes |= _mm_movemask_epi8 (v);
          bits |= (guint64) (guint) _mm_movemask_epi8 (letter) << (16 * i);
        }
      if (high_bytes == 0)
        return bits;
      bits = 0;
    }
#endif
  for (guint i = 0; i < n; i += 8)
    {
      guint m = MIN (n - i, 8);
      guint64 b;

      if (m == 8 && *skip == 0 && (memcpy (&x, p + i, 8), (x & HIGH_BITS) == 0))
        b = ascii_letter_bits (GUINT64_FROM_LE (x));
      else
        b = word_bits_slow (score, p + i, end, m, skip, high);
      bits |= b << i;
    }
  return bits;
}

/* The bytes a word of a list and the two after it take: what count_word()
 * may read from a word's start. */
#define WORD_SLACK (FUNCTION_WORD_MAX_LEN + 2)

/* Counts the words of the chunk at @p that start and end in it: the
 * starts and ends alternate, so no test of which comes next (callgrind
 * over the stage on 10,569 news articles: the first tier 51.8 M
 * instructions against 54.0 M with a loop that took the next start or
 * end by the word in hand). @safe (a constant) says that WORD_SLACK
 * bytes follow every start, so that count_word() tests no length for its
 * reads: two copies of the loop, one for all chunks but the last two,
 * 69.9 M instructions in the stage against 66.7 M. */
static G_ALWAYS_INLINE inline void
count_chunk_words (LanguageScore *score, const FunctionWords *fw, const guchar *p,
                   guint64 starts, guint64 ends, const guchar *start, const guchar *end,
                   gboolean safe, guint *words, guint *letters)
{
  for (; starts != 0; starts &= starts - 1, ends &= ends - 1)
    {
      const guchar *w = p + __builtin_ctzll (starts);
      const guchar *stop = p + __builtin_ctzll (ends);

      (*words)++;
      *letters += stop - w;
      count_word (score, fw, w, stop - w, safe ? WORD_SLACK : (gsize) (end - w), w - start);
    }
}

/* One pass, no copy, a chunk of 64 bytes at a time: each chunk becomes
 * a mask of its word bytes, in which a word starts where a one follows
 * a zero and ends where a zero follows a one; the words are taken in
 * order with a count of trailing zeros each, and each word is read as
 * one key where it stands. Callgrind, over the stage on 10,569 news
 * articles: the first tier costs 4,200 instructions an article (6,300
 * before the changes measured at count_word(), count_chunk_words(),
 * chunk_word_bits() and FUNCTION_WORD_SLOT_BITS), against 8,300 for
 * the first version with a mask of eight bytes and 12,700 for a loop
 * over bytes. */
void
language_score_text (LanguageScore *score, const char *text, gsize len)
{
  const FunctionWords *fw = function_words_get ();
  const guchar *start, *p, *end;
  const guchar *word = NULL;  /* the start of the word in hand */
  guint skip = 0, high = 0, words = 0, letters = 0;

  /* no title is (NULL, 0), and NULL + 0 is undefined in C */
  if (len == 0)
    return;
  p = start = (const guchar *) text;
  end = p + len;
  for (; p < end; p += CHUNK)
    {
      guint n = end - p >= CHUNK ? CHUNK : end - p;
      guint64 bits = chunk_word_bits (score, p, end, n, &skip, &high);
      const guchar *stop;
      /* bit i: byte i - 1 is a word byte (byte -1: the word in hand) */
      guint64 after = (bits << 1) | (word != NULL);
      guint64 starts = bits & ~after;
      /* bit i: the word in hand ends before byte i; bits beyond n are
       * 0, so a word that reaches the end of a short chunk ends at n,
       * and one that reaches the end of a full chunk goes on */
      guint64 ends = ~bits & after;

      if (word != NULL)
        {
          /* the word in hand ends at the first end, or covers the chunk */
          if (ends == 0)
            continue;
          stop = p + __builtin_ctzll (ends);
          ends &= ends - 1;
          words++;
          letters += stop - word;
          count_word (score, fw, word, stop - word, end - word, word - start);
          word = NULL;
        }
      /* a word that reaches the end of a full chunk goes on: the last
       * start, which has no end here */
      if (bits >> (CHUNK - 1))
        {
          guint last = CHUNK - 1 - __builtin_clzll (starts);

          word = p + last;
          starts &= ~(G_GUINT64_CONSTANT (1) << last);
        }
      if (end - p >= CHUNK + WORD_SLACK)
        count_chunk_words (score, fw, p, starts, ends, start, end, TRUE, &words, &letters);
      else
        count_chunk_words (score, fw, p, starts, ends, start, end, FALSE, &words, &letters);
    }
  if (word != NULL)
    {
      words++;
      letters += end - word;
      count_word (score, fw, word, end - word, end - word, word - start);
    }
  score->words += words;
  /* the word bytes, less those beyond ASCII */
  score->ascii_letters += letters - high;
}

guint
language_score_shared (const LanguageScore *score, FunctionWordLanguage lang)
{
  const FunctionWords *fw = function_words_get ();
  guint n = 0;

  if (lang == LANGUAGE_FAST_TRUSTED)
    return score->trusted;
  for (guint64 m = fw->shared_in[lang]; m != 0; m &= m - 1)
    n += score->shared_words[__builtin_ctzll (m)];
  return n;
}

guint
language_score_hits (const LanguageScore *score, FunctionWordLanguage lang)
{
  if (lang == LANGUAGE_FAST_TRUSTED)
    return score->trusted;
  return score->own[lang] + language_score_shared (score, lang);
}

gboolean
language_score_decide (const LanguageScore *score, LanguageGuess *guess)
{
  const guint hits = score->trusted;

  if (score->other_letters * OTHER_SHARE > score->ascii_letters)
    return FALSE;
  if (hits < MIN_HITS || hits * COVERAGE < score->words)
    return FALSE;
  /* Only the languages with words of their own can fail the margin
   * (theirs is 0 for the others): half the documents have none, and the
   * loop over all 30 cost 4.4 M instructions over the news set. */
  for (guint32 m = score->foreign; m != 0; m &= m - 1)
    {
      guint lang = __builtin_ctz (m);
      guint theirs = score->own[lang];

      if (theirs > FOREIGN_MAX)
        return FALSE;
      /* the English words that @lang lacks */
      if (hits - language_score_shared (score, lang) < MARGIN * theirs)
        return FALSE;
    }

  guess->code = function_words_code (LANGUAGE_FAST_TRUSTED);
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
