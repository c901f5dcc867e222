/* test-language-fast.c: the first tier of the language stage (function
 * words, detect-fast.c): the word table, the scanner, when it answers and
 * with what confidence, and that everything it declines gets CLD2's own
 * answer, as with fast=false. */
#include "config.h"

#include <check.h>
#include <string.h>

#include <galley/galley.h>

#include "detect-fast.h"
#include "function-words.h"
#include "language.h"

/* An English paragraph whose function words leave no doubt: 46 words of
 * it are in some list, 44 in the English one ("van" and "der" of the
 * name are Dutch and German). */
static const char english[] =
  "The mayor of Rotterdam said on Tuesday that the city would open a new bridge "
  "over the river in the spring, and that the work on the old one had been "
  "delayed by the storm. He told the council that the cost was higher than they "
  "had expected, but that the money was there. Jan van der Berg, who leads the "
  "opposition, said he would vote for it.";

static const char danish[] =
  "En kraftig storm lukkede havnen i Esbjerg natten til onsdag, og færgerne til "
  "Fanø blev aflyst. Politiet bad folk om at blive hjemme, hvis de ikke havde et "
  "vigtigt ærinde. Ifølge meteorologerne vil vinden først aftage torsdag "
  "eftermiddag, men der kan stadig komme høj vandstand langs kysten.";

/* two English sentences, then one Dutch: CLD2 says Dutch */
static const char english_then_dutch[] =
  "The storm closed the port on Tuesday night, and the ferries to the islands "
  "were cancelled. The police asked people to stay at home if they had no "
  "urgent reason to go out. De politie zei dat de wind pas donderdag gaat "
  "liggen, maar dat er nog hoogwater kan komen.";

static const char russian[] =
  "Шторм закрыл порт в ночь на среду, и паромы на острова были отменены. "
  "Полиция попросила жителей оставаться дома, если у них нет срочных дел.";

/* The language and confidence the stage (with @params) writes for @text. */
static void
run_stage (const char *const *params, const char *text, const char **code, double *confidence)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_language_stage, params, &error);
  g_autoptr (GalleyDocument) doc = galley_document_new ("doc-1", text, -1);
  const GalleyValue *v;

  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  ck_assert_msg (galley_harness_run (h, doc, &error), "%s", error ? error->message : "");
  v = galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE);
  ck_assert_ptr_nonnull (v);
  *code = g_intern_string (v->v.s);
  v = galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE_CONFIDENCE);
  ck_assert_ptr_nonnull (v);
  *confidence = v->v.d;
}

/* @score of @text alone */
static void
score_text (LanguageScore *score, const char *text)
{
  language_score_init (score);
  language_score_text (score, text, strlen (text));
}

static gboolean
first_tier_answers (const char *text, LanguageGuess *guess)
{
  return language_detect_fast (NULL, 0, text, strlen (text), guess);
}

/* @text is left to CLD2: the first tier declines, and the stage writes
 * @code and @confidence, the same as with fast=false. */
static void
assert_left_to_cld2 (const char *text, const char *code, double confidence)
{
  static const char *const cld2_only[] = { "fast=false", NULL };
  LanguageGuess guess = { NULL, -1.0 };
  const char *got, *got_cld2;
  double conf, conf_cld2;

  ck_assert_msg (!first_tier_answers (text, &guess), "first tier answered %s", guess.code);
  run_stage (NULL, text, &got, &conf);
  run_stage (cld2_only, text, &got_cld2, &conf_cld2);
  ck_assert_str_eq (got, code);
  ck_assert_double_eq_tol (conf, confidence, 1e-9);
  ck_assert_str_eq (got_cld2, code);
  ck_assert_double_eq_tol (conf_cld2, confidence, 1e-9);
}

START_TEST (test_lookup_gives_every_language_of_a_word)
{
  ck_assert_uint_eq (function_words_lookup ("the", 3), 1u << FW_EN);
  ck_assert_uint_eq (function_words_lookup ("und", 3), 1u << FW_DE);
  ck_assert_uint_eq (function_words_lookup ("för", strlen ("för")), 1u << FW_SV);
  ck_assert_uint_eq (function_words_lookup ("in", 2),
                     1u << FW_EN | 1u << FW_DE | 1u << FW_NL | 1u << FW_AF | 1u << FW_IT |
                     1u << FW_RO | 1u << FW_SL);
  ck_assert_uint_eq (function_words_lookup ("og", 2), 1u << FW_DA | 1u << FW_NO);
  /* the words of English wire copy are English; "mln" is Dutch and
   * Polish too, and in no list */
  ck_assert_uint_eq (function_words_lookup ("shr", 3), 1u << FW_EN);
  ck_assert_uint_eq (function_words_lookup ("Reuter", 6), 1u << FW_EN);
  ck_assert_uint_eq (function_words_lookup ("mln", 3), 0);
}
END_TEST

START_TEST (test_lookup_folds_case)
{
  ck_assert_uint_eq (function_words_lookup ("The", 3), 1u << FW_EN);
  ck_assert_uint_eq (function_words_lookup ("THE", 3), 1u << FW_EN);
  ck_assert_uint_eq (function_words_lookup ("FÖR", strlen ("FÖR")), 1u << FW_SV);
}
END_TEST

START_TEST (test_lookup_misses)
{
  ck_assert_uint_eq (function_words_lookup ("xyzzy", 5), 0);
  ck_assert_uint_eq (function_words_lookup ("th", 2), 0);     /* a prefix of "the" */
  ck_assert_uint_eq (function_words_lookup ("thee", 4), 0);   /* "the" is a prefix */
  ck_assert_uint_eq (function_words_lookup ("", 0), 0);
  /* longer than any listed word: never looked up */
  ck_assert_uint_eq (function_words_lookup ("throughout", 10), 0);
}
END_TEST

START_TEST (test_scanner_splits_at_punctuation_beyond_ascii)
{
  LanguageScore score;
  /* curly apostrophe, em dash, pound sign, guillemets, digits: separators;
   * "é" is a letter of "café" */
  const char *text = "Don’t stop—the £5 «plan» was 2nd at the café.";

  score_text (&score, text);
  /* don t stop the plan was nd at the café */
  ck_assert_uint_eq (score.words, 10);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN), 4);  /* the, was, at, the */
  ck_assert_uint_eq (score.matched, 4);
  ck_assert_uint_eq (score.ascii_letters, 28);
  ck_assert_uint_eq (score.other_letters, 1);
}
END_TEST

START_TEST (test_scanner_reads_title_and_text_as_separate_words)
{
  LanguageScore score;

  /* "the" ends the title and "of" starts the text: two words, not "theof" */
  language_score_init (&score);
  language_score_text (&score, "Over the", 8);
  language_score_text (&score, "of it", 5);
  ck_assert_uint_eq (score.words, 4);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN), 4);
}
END_TEST

/* What the reference counts: a word of several lists once in each. */
typedef struct {
  guint words, matched, ascii_letters, other_letters;
  guint hits[FW_N_LANGUAGES];    /* words in each language's list */
  guint shared[FW_N_LANGUAGES];  /* of those, words in English's too */
} ReferenceScore;

static gboolean
has_ascii_lower (const char *word, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (g_ascii_islower (word[i]))
      return TRUE;
  return FALSE;
}

/* The scanner's rules, one byte at a time, as the reference for the
 * eight-byte scanner: a word is a run of ASCII letters and bytes beyond
 * ASCII, split by every other ASCII byte, by U+0080..U+00BF (C2 xx) and
 * by U+2000..U+20BF (E2 80..82 xx). */
static void
reference_score (ReferenceScore *score, const char *text, gsize len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize start = i;
      guint32 mask;

      while (i < len)
        {
          guchar c = text[i];

          if (g_ascii_isalpha (c))
            score->ascii_letters++;
          else if (c < 0x80 || c == 0xc2 ||
                   (c == 0xe2 && (guchar) text[i + 1] >= 0x80 && (guchar) text[i + 1] <= 0x82))
            break;
          else
            score->other_letters += c >= 0xc0;
          i++;
        }
      if (i > start)
        {
          score->words++;
          mask = function_words_lookup (text + start, i - start);
          /* a name's particle: a capitalised word of foreign lists only,
           * then a space and a capital */
          if (!(mask & (1u << FW_EN)) && g_ascii_isupper (text[start]) && i + 1 < len &&
              text[i] == ' ' && g_ascii_isupper (text[i + 1]))
            mask = 0;
          score->matched += mask != 0;
          /* found, but no evidence of a foreign language: an acronym or
           * initial (no lowercase letter), or a piece of a hyphenated
           * compound */
          if (!(mask & (1u << FW_EN)) &&
              ((g_ascii_isupper (text[start]) && !has_ascii_lower (text + start, i - start)) ||
               (start > 0 && text[start - 1] == '-') || (i < len && text[i] == '-')))
            mask = 0;
          for (guint l = 0; l < FW_N_LANGUAGES; l++)
            if (mask & (1u << l))
              {
                score->hits[l]++;
                score->shared[l] += (mask & (1u << FW_EN)) != 0;
              }
          continue;
        }
      /* a separator: one ASCII byte, or a whole character */
      i += (guchar) text[i] < 0x80 ? 1 : (guchar) text[i] == 0xc2 ? 2 : 3;
    }
}

/* The scanner's score of @text (@len bytes), cut into a title and a
 * text where a separator starts near @cut, is the reference's. */
static void
assert_scanner_agrees (const char *text, gsize len, gsize cut, const char *what)
{
  LanguageScore got;
  ReferenceScore want = { 0 };

  while (cut < len && (g_ascii_isalpha (text[cut]) || (guchar) text[cut] >= 0x80))
    cut++;
  language_score_init (&got);
  language_score_text (&got, text, cut);
  language_score_text (&got, text + cut, len - cut);
  /* the title and the text apart: a word of one does not see the next */
  reference_score (&want, text, cut);
  reference_score (&want, text + cut, len - cut);
  ck_assert_msg (got.words == want.words && got.matched == want.matched &&
                 got.ascii_letters == want.ascii_letters &&
                 got.other_letters == want.other_letters,
                 "%s: \"%s\" cut at %zu: %u words, %u matched, %u letters, %u other; "
                 "expected %u, %u, %u, %u", what, text, cut, got.words, got.matched,
                 got.ascii_letters, got.other_letters, want.words, want.matched,
                 want.ascii_letters, want.other_letters);
  for (guint l = 0; l < FW_N_LANGUAGES; l++)
    ck_assert_msg (language_score_hits (&got, l) == want.hits[l] &&
                   language_score_shared (&got, l) == want.shared[l] &&
                   ((got.foreign >> l) & 1) == (want.hits[l] > want.shared[l]),
                   "%s: \"%s\" cut at %zu: %s has %u words, %u shared with English; "
                   "expected %u, %u", what, text, cut, function_words_code (l),
                   language_score_hits (&got, l), language_score_shared (&got, l),
                   want.hits[l], want.shared[l]);
}

/* pieces that meet in every position of an eight-byte block and of a
 * 64-byte chunk: words of the lists in both cases, other words, accented
 * and Cyrillic letters, ASCII and non-ASCII separators; the first
 * N_ASCII_PIECES are ASCII */
static const char *const pieces[] = {
  "the", "The", "OF", "in", "und", "zaprla", "throughout", "x", "Zz", "AZ@[`{",
  "Los", "DE", "Angeles", " ", "  ", ", ", "-", "'", "9", "\n",
  "för", "FÖR", "że", "Ström", "já", "добрый", "naïve",
  "\xc2\xa0", "\xc2\xa3", "\xe2\x80\x94", "\xe2\x80\x99", "\xe2\x82\xac", "\xe2\x84\xa2",
  "\xef\xbf\xbd",
};
#define N_ASCII_PIECES 20

/* random texts of @min_pieces to @max_pieces pieces, of the first
 * @n_pieces of pieces[] */
static void
assert_scanner_agrees_on_random_texts (guint32 seed, guint min_pieces, guint max_pieces,
                                       guint n_pieces)
{
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, min_pieces, max_pieces);
      g_autofree char *what = g_strdup_printf ("seed %u round %u", seed, round);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, n_pieces)]);
      assert_scanner_agrees (text->str, text->len, g_rand_int_range (rand, 0, text->len + 1), what);
    }
  g_rand_free (rand);
}

START_TEST (test_scanner_agrees_with_a_byte_by_byte_reference)
{
  assert_scanner_agrees_on_random_texts (18, 0, 24, G_N_ELEMENTS (pieces));
}
END_TEST

/* texts of several 64-byte chunks: all ASCII (the sixteen-byte test of
 * a whole chunk) and with letters beyond ASCII in some chunks (the
 * eight-byte blocks), with words across the chunks' edges */
START_TEST (test_scanner_agrees_on_long_texts)
{
  assert_scanner_agrees_on_random_texts (19, 30, 120, N_ASCII_PIECES);
  assert_scanner_agrees_on_random_texts (20, 30, 120, G_N_ELEMENTS (pieces));
}
END_TEST

START_TEST (test_scanner_reads_every_ascii_letter_of_a_long_text)
{
  /* every ASCII byte, twice over: three full chunks and a short one */
  char text[256];

  for (guint i = 0; i < sizeof text; i++)
    text[i] = (char) (i % 128 == 0 ? ' ' : i % 128);
  assert_scanner_agrees (text, sizeof text, 0, "ASCII 1..127");
  assert_scanner_agrees (text + 1, sizeof text - 1, 70, "ASCII 1..127 from the second byte");
}
END_TEST

START_TEST (test_english_paragraph_answered_by_first_tier)
{
  LanguageGuess guess = { NULL, -1.0 };
  const char *code;
  double confidence;

  ck_assert (first_tier_answers (english, &guess));
  ck_assert_str_eq (guess.code, "en");
  /* the share of the listed words that are English: 44 of 46 */
  ck_assert_double_eq_tol (guess.confidence, 44.0 / 46.0, 1e-9);
  run_stage (NULL, english, &code, &confidence);
  ck_assert_str_eq (code, "en");
  ck_assert_double_eq_tol (confidence, 44.0 / 46.0, 1e-9);
}
END_TEST

START_TEST (test_first_tier_confidence_stays_below_one)
{
  LanguageGuess guess = { NULL, -1.0 };

  /* every listed word English: the share is 1, written as 0.99 */
  ck_assert (first_tier_answers ("The cost was higher than they had expected, and the "
                                 "council said that it would vote on it in the spring.",
                                 &guess));
  ck_assert_str_eq (guess.code, "en");
  ck_assert_double_eq (guess.confidence, 0.99);
}
END_TEST

START_TEST (test_fast_false_leaves_english_to_cld2)
{
  static const char *const params[] = { "fast=false", NULL };
  const char *code;
  double confidence;

  run_stage (params, english, &code, &confidence);
  ck_assert_str_eq (code, "en");
  ck_assert_double_eq_tol (confidence, 0.99, 1e-9);  /* CLD2: 99%, reliable */
}
END_TEST

START_TEST (test_short_text_goes_to_cld2)
{
  /* three English words, under the six the first tier needs */
  assert_left_to_cld2 ("The council met on Tuesday evening.", "en", 0.97);
}
END_TEST

START_TEST (test_danish_goes_to_cld2)
{
  assert_left_to_cld2 (danish, "da", 0.99);
}
END_TEST

START_TEST (test_mixed_text_goes_to_cld2)
{
  assert_left_to_cld2 (english_then_dutch, "nl", 0.59);
}
END_TEST

START_TEST (test_cyrillic_goes_to_cld2)
{
  assert_left_to_cld2 (russian, "ru", 0.99);
}
END_TEST

START_TEST (test_english_with_cyrillic_goes_to_cld2)
{
  /* English words enough, but a third of the letters Cyrillic: CLD2
   * weighs the two scripts, and here says Russian */
  g_autofree char *text = g_strconcat (
    "The mayor of Rotterdam said on Tuesday that the city would open a new bridge "
    "over the river in the spring, and that the work on the old one had been "
    "delayed by the storm. He told the council that the cost was higher than they "
    "had expected, but that the money was there. ", russian, NULL);

  assert_left_to_cld2 (text, "ru", 0.52);
}
END_TEST

START_TEST (test_binary_bytes_go_to_cld2)
{
  /* control characters, U+FFFD and private-use characters: valid UTF-8
   * with nothing to judge */
  assert_left_to_cld2 ("\x01\x02\x03\x7f\x1b[0m\xef\xbf\xbd\xef\xbf\xbd\xee\x80\x80\xee\x80\x81"
                       "\x10\x11\xc3\xbf\xc3\xbe", "und", 0.0);
}
END_TEST

START_TEST (test_empty_text_goes_to_cld2)
{
  assert_left_to_cld2 ("", "und", 0.0);
}
END_TEST

START_TEST (test_margin_declines_a_close_second)
{
  const char *text = "Het plan van Berg: the mayor said that the new bridge will open in the spring.";
  LanguageScore score;
  LanguageGuess guess = { NULL, -1.0 };

  score_text (&score, text);
  /* enough English words (8 of 16) and only two Dutch ones ("het",
   * "van"), but against Dutch English has 7 words of its own ("in" is
   * both), under four times two */
  ck_assert_uint_eq (score.words, 16);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN), 8);
  ck_assert_uint_eq (language_score_hits (&score, FW_NL) - language_score_shared (&score, FW_NL), 2);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN) - language_score_shared (&score, FW_NL), 7);
  ck_assert (!language_score_decide (&score, &guess));
  assert_left_to_cld2 (text, "en", 0.98);
}
END_TEST

/* The first tier's bounds, each met exactly: six English words (the
 * fewest it answers with), and a foreign language's two words of its own
 * (the most it lets by) against eight English words that language lacks
 * (four times two: the margin) */
START_TEST (test_six_english_words_are_enough)
{
  const char *text = "Berg said that the bridge will open in the spring.";
  LanguageScore score;
  LanguageGuess guess = { NULL, -1.0 };

  score_text (&score, text);
  ck_assert_uint_eq (score.words, 10);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN), 6);
  ck_assert (language_score_decide (&score, &guess));
  ck_assert_str_eq (guess.code, "en");
}
END_TEST

START_TEST (test_two_foreign_words_at_the_margin_are_let_by)
{
  const char *text = "Het plan van Berg: the mayor said that the new bridge will open in "
    "the spring, they hope.";
  LanguageScore score;
  LanguageGuess guess = { NULL, -1.0 };

  score_text (&score, text);
  ck_assert_uint_eq (language_score_hits (&score, FW_NL) - language_score_shared (&score, FW_NL), 2);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN) - language_score_shared (&score, FW_NL), 8);
  ck_assert (language_score_decide (&score, &guess));
  ck_assert_str_eq (guess.code, "en");
}
END_TEST

START_TEST (test_few_words_in_a_list_go_to_cld2)
{
  /* football results: one English word ("at") in 10 */
  const char *text = "Liverpool 2 Everton 1, Arsenal 0 Chelsea 3, Leeds United 1 "
    "Tottenham 1; attendance 40,211 at Anfield.";
  LanguageScore score;

  score_text (&score, text);
  ck_assert_uint_eq (score.words, 10);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN), 1);
  assert_left_to_cld2 (text, "en", 0.98);
}
END_TEST

START_TEST (test_wire_earnings_table_answered_by_first_tier)
{
  /* a wire-service earnings table: few function words, but the words of
   * English wire copy ("shr", "cts", "revs", "avg", "shrs", "nine",
   * "mths", "dlrs") count as English too; "mln", "vs" and "net" are in
   * no list */
  const char *text = "Shr 38 cts vs 29 cts in the quarter, net 21.3 mln vs 15.8 mln, revs "
    "102.6 mln vs 66.8 mln, avg shrs 4.1 mln vs 3.6 mln, nine mths shr 1.12 dlrs vs "
    "87 cts, net 64.1 mln vs 47.7 mln, revs 301.4 mln vs 250.3 mln, the company said "
    "it was on track.";
  LanguageScore score;
  LanguageGuess guess = { NULL, -1.0 };

  score_text (&score, text);
  ck_assert_uint_eq (score.words, 41);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN), 21);
  ck_assert_uint_eq (score.matched, 21);
  ck_assert (language_score_decide (&score, &guess));
  ck_assert_str_eq (guess.code, "en");
  ck_assert_double_eq_tol (guess.confidence, 0.99, 1e-9);
}
END_TEST

START_TEST (test_name_particles_count_for_no_language)
{
  /* "Los" (Spanish), "De" and "DE" (Dutch, French...), "El" (Spanish,
   * Catalan) before a capitalised word are parts of names; "de" before a
   * lowercase word, and "Los" at the end, still count */
  const char *text = "The mayor of Los Angeles met De Beers and El Paso officials in RIO DE "
    "JANEIRO, said de facto aides of Los";
  LanguageScore score;

  score_text (&score, text);
  ck_assert_uint_eq (score.words, 22);
  /* The, of, met, and, in, said, of; de, Los */
  ck_assert_uint_eq (score.matched, 9);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN), 7);
  ck_assert_uint_eq (language_score_hits (&score, FW_ES), 2);  /* de, Los */
  ck_assert_uint_eq (language_score_hits (&score, FW_FR), 1);  /* de */
}
END_TEST

START_TEST (test_acronyms_and_compounds_are_no_evidence)
{
  /* "EU" (Welsh "eu"), "BA" (Tagalog "ba"), "e" of "e-mail" (Italian,
   * Portuguese, Galician) and "fi" of "wi-fi" (Romanian): found, and
   * counted against English's share, but for no language; five Welsh
   * words would have left the text to CLD2 */
  const char *text = "The EU and BA said on Tuesday that EU rules on e-mail and wi-fi "
    "would change, and EU officials said BA had agreed to the plan.";
  LanguageScore score;
  LanguageGuess guess = { NULL, -1.0 };
  const char *code;
  double confidence;

  score_text (&score, text);
  ck_assert_uint_eq (score.words, 28);
  /* The, and, said, on, that, on, and, would, and, said, had, to, the;
   * EU, BA, EU, e, fi, EU, BA */
  ck_assert_uint_eq (score.matched, 20);
  ck_assert_uint_eq (language_score_hits (&score, FW_EN), 13);
  ck_assert_uint_eq (language_score_hits (&score, FW_CY), 0);
  ck_assert_uint_eq (language_score_hits (&score, FW_TL), 0);
  ck_assert_uint_eq (score.foreign, 0);
  ck_assert (language_score_decide (&score, &guess));
  ck_assert_str_eq (guess.code, "en");
  ck_assert_double_eq_tol (guess.confidence, 13.0 / 20.0, 1e-9);
  run_stage (NULL, text, &code, &confidence);
  ck_assert_str_eq (code, "en");
  ck_assert_double_eq_tol (confidence, 13.0 / 20.0, 1e-9);
}
END_TEST

START_TEST (test_lowercase_foreign_words_apart_still_count)
{
  /* the same words lowercase and standing alone are Welsh and Tagalog
   * words: four Welsh ones leave the text to CLD2 */
  const char *text = "The eu and ba said on Tuesday that eu rules on e mail and fi "
    "would change, and eu officials said ba had agreed to the plan, eu said.";
  LanguageScore score;
  LanguageGuess guess = { NULL, -1.0 };

  score_text (&score, text);
  ck_assert_uint_eq (language_score_hits (&score, FW_CY), 4);
  ck_assert_uint_eq (language_score_hits (&score, FW_TL), 2);
  ck_assert_uint_eq (score.foreign, 1u << FW_CY | 1u << FW_TL | 1u << FW_IT | 1u << FW_PT |
                     1u << FW_GL | 1u << FW_RO);
  ck_assert (!language_score_decide (&score, &guess));
}
END_TEST

START_TEST (test_wire_words_leave_a_foreign_text_to_cld2)
{
  /* a Dutch earnings note with the wire's "shr", "cts" and "Reuter":
   * its own function words still stop the first tier */
  const char *text = "De nettowinst van het concern steeg in het vierde kwartaal tot 132,6 "
    "mln gulden, tegen 117,3 mln een jaar eerder, maakte het bedrijf bekend. De winst per "
    "aandeel (shr) was 45 cts. Reuter";

  assert_left_to_cld2 (text, "nl", 0.99);
}
END_TEST

/* Each line of @file (TAB-separated, '#' comments): its first field and
 * the text in the last. */
static GPtrArray *
read_tsv (const char *file, guint fields)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  ck_assert_msg (g_file_get_contents (file, &contents, NULL, &error), "%s", error ? error->message : "");
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char **f;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", fields);
      ck_assert_msg (g_strv_length (f) == fields, "%s:%u: %u fields", file, i + 1, fields);
      g_ptr_array_add (rows, f);
    }
  return rows;
}

START_TEST (test_neighbours_never_taken_for_english)
{
  g_autoptr (GPtrArray) rows = read_tsv (TEST_SRCDIR "/neighbours.tsv", 2);
  guint answered = 0;

  ck_assert_uint_eq (rows->len, 45);
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      LanguageGuess guess = { NULL, -1.0 };

      if (!first_tier_answers (f[1], &guess))
        continue;
      answered++;
      ck_assert_msg (strcmp (guess.code, f[0]) == 0, "neighbours.tsv row %u: %s, expected %s",
                     i + 1, guess.code, f[0]);
    }
  ck_assert_uint_eq (answered, 1);  /* the Scots paragraph */
}
END_TEST

START_TEST (test_samples_agree_with_cld2_alone)
{
  static const char *const cld2_only[] = { "fast=false", NULL };
  g_autoptr (GPtrArray) rows = read_tsv (TEST_SRCDIR "/samples.tsv", 3);

  ck_assert_uint_eq (rows->len, 54);
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      const char *both, *cld2;
      double conf;

      run_stage (NULL, f[2], &both, &conf);
      run_stage (cld2_only, f[2], &cld2, &conf);
      ck_assert_msg (both == cld2, "samples.tsv %s %s: %s, CLD2 alone %s", f[0], f[1], both, cld2);
      ck_assert_str_eq (both, f[0]);
    }
}
END_TEST

START_TEST (test_fast_parameter_is_a_boolean)
{
  const char *params[] = { "fast=sometimes", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) bad = galley_harness_new (&galley_language_stage, params, &error);

  ck_assert_ptr_null (bad);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, "fast") != NULL, "%s", error->message);
}
END_TEST

static Suite *
fast_suite (void)
{
  Suite *s = suite_create ("language-fast");
  TCase *words = tcase_create ("function-words");
  TCase *tier = tcase_create ("first-tier");

  tcase_add_test (words, test_lookup_gives_every_language_of_a_word);
  tcase_add_test (words, test_lookup_folds_case);
  tcase_add_test (words, test_lookup_misses);
  tcase_add_test (words, test_scanner_splits_at_punctuation_beyond_ascii);
  tcase_add_test (words, test_scanner_reads_title_and_text_as_separate_words);
  tcase_add_test (words, test_scanner_agrees_with_a_byte_by_byte_reference);
  tcase_add_test (words, test_scanner_agrees_on_long_texts);
  tcase_add_test (words, test_scanner_reads_every_ascii_letter_of_a_long_text);
  suite_add_tcase (s, words);

  tcase_add_test (tier, test_english_paragraph_answered_by_first_tier);
  tcase_add_test (tier, test_first_tier_confidence_stays_below_one);
  tcase_add_test (tier, test_fast_false_leaves_english_to_cld2);
  tcase_add_test (tier, test_short_text_goes_to_cld2);
  tcase_add_test (tier, test_danish_goes_to_cld2);
  tcase_add_test (tier, test_mixed_text_goes_to_cld2);
  tcase_add_test (tier, test_cyrillic_goes_to_cld2);
  tcase_add_test (tier, test_english_with_cyrillic_goes_to_cld2);
  tcase_add_test (tier, test_binary_bytes_go_to_cld2);
  tcase_add_test (tier, test_empty_text_goes_to_cld2);
  tcase_add_test (tier, test_margin_declines_a_close_second);
  tcase_add_test (tier, test_six_english_words_are_enough);
  tcase_add_test (tier, test_two_foreign_words_at_the_margin_are_let_by);
  tcase_add_test (tier, test_few_words_in_a_list_go_to_cld2);
  tcase_add_test (tier, test_wire_earnings_table_answered_by_first_tier);
  tcase_add_test (tier, test_wire_words_leave_a_foreign_text_to_cld2);
  tcase_add_test (tier, test_name_particles_count_for_no_language);
  tcase_add_test (tier, test_acronyms_and_compounds_are_no_evidence);
  tcase_add_test (tier, test_lowercase_foreign_words_apart_still_count);
  tcase_add_test (tier, test_neighbours_never_taken_for_english);
  tcase_add_test (tier, test_samples_agree_with_cld2_alone);
  tcase_add_test (tier, test_fast_parameter_is_a_boolean);
  suite_add_tcase (s, tier);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (fast_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
