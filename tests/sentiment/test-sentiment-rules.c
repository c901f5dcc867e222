/* test-sentiment-rules.c: one test per scoring rule, with the expected
 * score written out. The chain uses rules-lexicon.tsv in place of the
 * built-in valences (good 2, bad -2, great 3, war -2.5, inflation -1.5,
 * "downward spiral" -2, plunged -1), so the figures do not move when the built-in
 * lexicon is re-rated; the rule word lists (not, very, but, ...) are the
 * built-in ones. Every compound is x / sqrt (x^2 + 15) of the valence sum
 * x given in the comment; tolerance 1e-3 (TOLERANCE). */
#include "config.h"

#include "sentiment-test.h"

static GalleyHarness *h;

static void
setup_params (const char *extra)
{
  const char *params[] = {
    "lexicon=" TEST_SRCDIR "/rules-lexicon.tsv", "lexicon-mode=replace",
    "lexicon-format=vader", "news-overrides=false", "damping=0", "topic-weight=1", extra, NULL
  };
  h = chain_new (params);
}

static void setup (void) { setup_params (NULL); }
static void teardown (void) { g_clear_pointer (&h, galley_harness_free); }

START_TEST (test_plain_word)
{
  /* x = 2 */
  ck_assert_near (compound_of (h, "The food is good."), 0.45883);
}
END_TEST

START_TEST (test_plain_word_proportions)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, "The food is good.");

  /* pos_sum = 2 + 1, three neutral words: total 6 */
  ck_assert_near (doc_feature (doc, "sentiment.pos"), 0.5);
  ck_assert_near (doc_feature (doc, "sentiment.neg"), 0.0);
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 0.5);
}
END_TEST

START_TEST (test_booster)
{
  /* x = 2 + 0.293 */
  ck_assert_near (compound_of (h, "The food is very good."), 0.50946);
}
END_TEST

START_TEST (test_booster_decays_with_distance)
{
  /* x = 2 + 0.293 + 0.293 * 0.95 */
  ck_assert_near (compound_of (h, "The food is really very good."), 0.55311);
}
END_TEST

START_TEST (test_booster_three_words_back)
{
  /* very, then two plain words: the third word back counts 0.9 of the
   * scalar, x = 2 + 0.293 * 0.9; the second 0.95, x = 2 + 0.293 * 0.95 */
  ck_assert_near (compound_of (h, "It is very big and good."), norm15 (2 + 0.293 * 0.9));
  ck_assert_near (compound_of (h, "It is very big good."), norm15 (2 + 0.293 * 0.95));
}
END_TEST

START_TEST (test_booster_before_negative_word)
{
  /* a booster pushes away from zero whatever the sign: x = -2 - 0.293 */
  ck_assert_near (compound_of (h, "The food is very bad."), -0.50946);
}
END_TEST

START_TEST (test_dampener_before_negative_word)
{
  /* ... and a dampener toward zero: x = -2 + 0.293 */
  ck_assert_near (compound_of (h, "The food is slightly bad."), -0.40331);
}
END_TEST

START_TEST (test_dampener)
{
  /* x = 2 - 0.293 */
  ck_assert_near (compound_of (h, "The food is slightly good."), 0.40331);
}
END_TEST

START_TEST (test_kind_of_dampens)
{
  /* "kind of" is one dampener: x = 2 - 0.293 */
  ck_assert_near (compound_of (h, "The food is kind of good."), 0.40331);
}
END_TEST

START_TEST (test_not_negates)
{
  /* x = 2 * -0.74 */
  ck_assert_near (compound_of (h, "The food is not good."), -0.35696);
}
END_TEST

START_TEST (test_clitic_nt_negates)
{
  ck_assert_near (compound_of (h, "The food isn't good."), -0.35696);
  ck_assert_near (compound_of (h, "The food isn\xe2\x80\x99t good."), -0.35696);
}
END_TEST

/* "won't" is a phrase of the lexicon, "wo" then the clitic "n't": one
 * negator and one word. The, food, won't, be: four neutral words, and
 * good negated (2 * -0.74 = -1.48), neg_sum -2.48: neu 4 / 6.48. As two
 * words (wo, n't) neu would be 5 / 7.48 = 0.66845. */
START_TEST (test_clitic_ends_phrase)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, "The food won't be good.");

  ck_assert_near (doc_feature (doc, "sentiment.compound"), -0.35696);
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 0.61728);
  ck_assert_near (doc_feature (doc, "sentiment.neg"), 0.38272);
}
END_TEST

/* A clitic without an entry ('s) is no word: The, man, car, is, good
 * (2): pos_sum 3, neu 4 / 7; counted as a word, neu would be 5 / 8. At
 * the sentence's end too ("It is the man's."). */
START_TEST (test_clitic_without_entry_is_no_word)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, "The man's car is good.");
  g_autoptr (GalleyDocument) end = chain_run (h, "It is good, the man's.");

  ck_assert_near (doc_feature (doc, "sentiment.compound"), 0.45883);
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 4.0 / 7);
  ck_assert_near (doc_feature (doc, "sentiment.pos"), 3.0 / 7);
  ck_assert_near (doc_feature (end, "sentiment.neu"), 4.0 / 7);
}
END_TEST

START_TEST (test_negation_reaches_three_words)
{
  /* not at distance 3, very at 1: x = (2 + 0.293) * -0.74 */
  ck_assert_near (compound_of (h, "It is not that very good."), -0.40129);
}
END_TEST

START_TEST (test_negation_stops_after_three_words)
{
  /* not at distance 4 (for, day, a, not): x = 2 */
  ck_assert_near (compound_of (h, "It is not a day for good."), 0.45883);
}
END_TEST

START_TEST (test_negation_scope_parameter)
{
  teardown ();
  setup_params ("negation-scope=4");
  ck_assert_near (compound_of (h, "It is not a day for good."), -0.35696);
}
END_TEST

START_TEST (test_negation_stops_at_clause_break)
{
  /* "No, good." : the comma ends the negation's scope: x = 2 */
  ck_assert_near (compound_of (h, "No, it is good."), 0.45883);
}
END_TEST

START_TEST (test_negation_stops_at_dashes)
{
  /* a hyphen, an en dash and an em dash between words break the
   * clause as the comma does: x = 2 */
  ck_assert_near (compound_of (h, "No - it is good."), 0.45883);
  ck_assert_near (compound_of (h, "No \xe2\x80\x93 it is good."), 0.45883);
  ck_assert_near (compound_of (h, "No \xe2\x80\x94 it is good."), 0.45883);
  /* an ellipsis (U+2026, the same lead byte) does not: x = 2 * -0.74 */
  ck_assert_near (compound_of (h, "No \xe2\x80\xa6 it is good."), -0.35696);
}
END_TEST

START_TEST (test_negation_crosses_clause_break_when_asked)
{
  teardown ();
  setup_params ("clause-scope=false");
  ck_assert_near (compound_of (h, "No, it is good."), -0.35696);
}
END_TEST

START_TEST (test_double_negation)
{
  /* x = 2 * -0.74 * -0.74 */
  ck_assert_near (compound_of (h, "It is not never good."), 0.27211);
}
END_TEST

START_TEST (test_no_longer_negates)
{
  ck_assert_near (compound_of (h, "The food is no longer good."), -0.35696);
}
END_TEST

START_TEST (test_without_negates)
{
  ck_assert_near (compound_of (h, "They left without a good plan."), -0.35696);
}
END_TEST

START_TEST (test_least_negates)
{
  ck_assert_near (compound_of (h, "It was the least good option."), -0.35696);
}
END_TEST

START_TEST (test_at_least_does_not_negate)
{
  ck_assert_near (compound_of (h, "It was at least good."), 0.45883);
}
END_TEST

START_TEST (test_never_so_intensifies)
{
  /* so boosts (0.293) and never so multiplies by 1.25 */
  ck_assert_near (compound_of (h, "It was never so good."), 0.59488);
}
END_TEST

START_TEST (test_not_only_is_not_negation)
{
  ck_assert_near (compound_of (h, "It is not only good."), 0.45883);
}
END_TEST

START_TEST (test_but_shifts_weight)
{
  /* x = 2 * 0.5 + (-2) * 1.5 */
  ck_assert_near (compound_of (h, "The food is good but the service is bad."), -0.45883);
}
END_TEST

START_TEST (test_however_shifts_weight)
{
  ck_assert_near (compound_of (h, "The food is good, however the service is bad."), -0.45883);
}
END_TEST

START_TEST (test_although_weighs_its_clause_down)
{
  /* the concessive clause 0.5, the main clause 1.5: x = 1 - 3 */
  ck_assert_near (compound_of (h, "Although the food is good, the service is bad."), -0.45883);
  /* and the other way round: x = -1 + 3 */
  ck_assert_near (compound_of (h, "The food is good, although the service is bad."), 0.45883);
}
END_TEST

START_TEST (test_caps_emphasis)
{
  /* x = 2 + 0.733 */
  ck_assert_near (compound_of (h, "The food is GOOD."), 0.57656);
}
END_TEST

START_TEST (test_caps_booster_emphasis)
{
  /* x = 2 + 0.293 + 0.733 */
  ck_assert_near (compound_of (h, "The food is VERY good."), 0.61567);
}
END_TEST

START_TEST (test_all_caps_text_is_not_emphasis)
{
  ck_assert_near (compound_of (h, "THE FOOD IS GOOD."), 0.45883);
}
END_TEST

START_TEST (test_exclamation)
{
  /* x = 2 + 0.292 */
  ck_assert_near (compound_of (h, "The food is good!"), 0.50929);
}
END_TEST

/* A ! inside the sentence counts as one at its end does: x = 2 + 0.292 */
START_TEST (test_exclamation_inside_sentence)
{
  ck_assert_near (compound_of (h, "The food is good!\" he said."), 0.50929);
}
END_TEST

START_TEST (test_exclamation_counts_at_most_four)
{
  /* x = 2 + 4 * 0.292 */
  ck_assert_near (compound_of (h, "The food is good!!!!!!"), 0.63314);
}
END_TEST

START_TEST (test_single_question_mark_adds_nothing)
{
  ck_assert_near (compound_of (h, "Is the food good?"), 0.45883);
}
END_TEST

START_TEST (test_question_marks)
{
  /* two: x = 2 + 2 * 0.18; four or more: x = 2 + 0.96 */
  ck_assert_near (compound_of (h, "Is the food good??"), 0.52035);
  ck_assert_near (compound_of (h, "Is the food good????"), 0.60723);
}
END_TEST

START_TEST (test_idiom)
{
  /* x = -2, the phrase's valence */
  ck_assert_near (compound_of (h, "The economy is in a downward spiral."), -0.45883);
}
END_TEST

/* A phrase that ends the sentence (no period) is one word with the
 * phrase's valence, its last word not scored again: It, was, a neutral,
 * x = -2 (as in test_idiom): neu 3 / 6, neg 3 / 6. */
START_TEST (test_idiom_ends_sentence)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, "It was a downward spiral");

  ck_assert_near (doc_feature (doc, "sentiment.compound"), norm15 (-2));
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 0.5);
  ck_assert_near (doc_feature (doc, "sentiment.neg"), 0.5);
}
END_TEST

START_TEST (test_reducer_flips_negative)
{
  /* x = -1.5 * -0.5 */
  ck_assert_near (compound_of (h, "The plan will curb inflation."), 0.19012);
}
END_TEST

START_TEST (test_reducers_off)
{
  teardown ();
  setup_params ("reducers=false");
  ck_assert_near (compound_of (h, "The plan will curb inflation."), -0.36116);
}
END_TEST

START_TEST (test_alpha)
{
  teardown ();
  setup_params ("alpha=4");
  /* x = 2: 2 / sqrt (4 + 4) */
  ck_assert_near (compound_of (h, "The food is good."), 0.70711);
}
END_TEST

START_TEST (test_damping)
{
  teardown ();
  setup_params ("damping=0.3");
  /* two polar words: x = (2 + 3) / 2^0.3 */
  ck_assert_near (compound_of (h, "The food is good and great."), 0.72368);
  /* one polar word: unchanged, x = 2 */
  ck_assert_near (compound_of (h, "The food is good."), 0.45883);
}
END_TEST

START_TEST (test_damping_many_polar_words)
{
  GString *text = g_string_new ("It was");

  const char *params[] = {
    "lexicon=" TEST_SRCDIR "/rules-lexicon.tsv", "lexicon-mode=replace",
    "lexicon-format=vader", "news-overrides=false", "topic-weight=1",
    "damping=0.3", "alpha=1000", NULL
  };

  /* n^damping comes from a table for n < 32 and from pow() past it:
   * 31 and 33 times good, alpha 1000 so that the figures differ */
  teardown ();
  h = chain_new (params);
  for (guint i = 0; i < 31; i++)
    g_string_append (text, " good");
  g_string_append_c (text, '.');
  /* x = 62 / 31^0.3; compound x / sqrt (x^2 + 1000) */
  ck_assert_near (compound_of (h, text->str), 0.57336);
  g_string_truncate (text, text->len - 1);
  g_string_append (text, " good good.");
  /* x = 66 / 33^0.3 */
  ck_assert_near (compound_of (h, text->str), 0.59020);
  g_string_free (text, TRUE);
}
END_TEST

START_TEST (test_negated_reducer_keeps_polarity)
{
  /* "did not curb": the negator governs curb, inflation stays -1.5 */
  ck_assert_near (compound_of (h, "The plan did not curb inflation."), -0.36116);
}
END_TEST

START_TEST (test_decrease_after_flips)
{
  /* inflation fell: x = -1.5 * -0.5; fell gives up its own valence */
  ck_assert_near (compound_of (h, "Inflation fell in May."), 0.19012);
}
END_TEST

START_TEST (test_increase_after_strengthens)
{
  /* the war escalated: x = -2.5 * 1.2 */
  ck_assert_near (compound_of (h, "The war escalated."), norm15 (-3.0));
}
END_TEST

START_TEST (test_reducer_stops_at_to)
{
  /* "cut X to support good": to ends the reducer's reach: x = 2 */
  ck_assert_near (compound_of (h, "They cut rates to be good."), 0.45883);
}
END_TEST

START_TEST (test_topic_weight)
{
  teardown ();
  setup_params ("topic-weight=0.5");
  /* war is a subject word; with good in the sentence: x = 2 + (-2.5 * 0.5) */
  ck_assert_near (compound_of (h, "A good film about war."), norm15 (0.75));
  /* alone it keeps its weight: x = -2.5 */
  ck_assert_near (compound_of (h, "A film about war."), norm15 (-2.5));
}
END_TEST

START_TEST (test_capitalised_direction_word_is_a_name)
{
  /* "Falls" inside a sentence is a name, not a decrease: x = 3 */
  ck_assert_near (compound_of (h, "They went to Great Falls."), norm15 (3.0));
  /* "falls" is a decrease: great flips, x = 3 * -0.74 */
  ck_assert_near (compound_of (h, "The great dam falls."), norm15 (-2.22));
}
END_TEST

START_TEST (test_capitalised_reducer_at_sentence_start)
{
  /* a capital that only starts the sentence makes no name: Curb keeps
   * its role and flips inflation, x = -1.5 * -0.5 */
  ck_assert_near (compound_of (h, "Curb inflation now."), norm15 (0.75));
  /* inside the sentence it is a name: x = -1.5 */
  ck_assert_near (compound_of (h, "They met Curb inflation now."), norm15 (-1.5));
}
END_TEST

START_TEST (test_harm_verb_turns_good_bad)
{
  /* "destroyed" governs good: x = 2 * -0.74 */
  ck_assert_near (compound_of (h, "They destroyed the good plan."), -0.35696);
  /* a bad thing destroyed is left as it is: x = -2.5 */
  ck_assert_near (compound_of (h, "They destroyed the war plan."), norm15 (-2.5));
  /* a negated harm verb takes the negation: good stays, x = 2 */
  ck_assert_near (compound_of (h, "They did not destroy the good plan."), 0.45883);
}
END_TEST

/* The windows of the rules are counted in words, whatever the words
 * between are: these put the word that decides at the window's edge. */

START_TEST (test_never_so_needs_so_next)
{
  /* a word between never and so: never negates the boosted good,
   * x = (2 + 0.293) * -0.74 */
  ck_assert_near (compound_of (h, "It has never been so good."), norm15 (2.293 * -0.74));
}
END_TEST

START_TEST (test_negated_reducer_three_words_back)
{
  /* not is the third word before curb: curb reduces nothing, x = -1.5 */
  ck_assert_near (compound_of (h, "They did not then quickly curb inflation."), -0.36116);
}
END_TEST

START_TEST (test_reducer_reach_skips_articles)
{
  /* of and the do not count: ended is three words back, x = -2.5 * -0.5 */
  ck_assert_near (compound_of (h, "They ended years of the costly war."), norm15 (1.25));
}
END_TEST

START_TEST (test_reducer_stops_at_to_in_between)
{
  /* to right after the reducer ends its reach: x = 2 */
  ck_assert_near (compound_of (h, "They cut to good effect."), 0.45883);
}
END_TEST

START_TEST (test_direction_reaches_five_words)
{
  /* inflation is the fifth word before fell: x = -1.5 * -0.5 */
  ck_assert_near (compound_of (h, "Inflation in the big cities fell."), 0.19012);
  /* the sixth is out of reach: x = -1.5 */
  ck_assert_near (compound_of (h, "Inflation in the very big cities fell."), -0.36116);
}
END_TEST

START_TEST (test_concessive_word_ends_the_walk_back)
{
  /* "not" is beyond "although": it does not reach good, which counts in
   * the concessive clause at 0.5: x = 2 * 0.5 */
  ck_assert_near (compound_of (h, "It is not although good."), norm15 (2 * 0.5));
  /* nor does "fell" reach inflation across it: x = -1.5 */
  ck_assert_near (compound_of (h, "Inflation although fell."), norm15 (-1.5));
}
END_TEST

START_TEST (test_reducer_keeps_to_the_first_words_polarity)
{
  /* ended flips bad; good, of the other polarity, is not its target:
   * x = -2 * -0.5 + 2 */
  ck_assert_near (compound_of (h, "It ended bad good things."), norm15 (3.0));
}
END_TEST

START_TEST (test_harm_verb_before_a_negative_word_ends_a_reducers_reach)
{
  /* "curbed destroying war": the harm verb governs war, which stays bad;
   * curbed beyond it does not flip it: x = -2.5 */
  ck_assert_near (compound_of (h, "They curbed destroying war."), norm15 (-2.5));
}
END_TEST

START_TEST (test_reducer_beyond_a_negator_does_not_flip_again)
{
  /* "ended without good results": without negates good, and ended
   * governs the negated phrase: x = 2 * -0.74 */
  ck_assert_near (compound_of (h, "It ended without good results."), norm15 (2 * -0.74));
}
END_TEST

START_TEST (test_least_two_words_back_does_not_negate)
{
  /* x = 2 */
  ck_assert_near (compound_of (h, "It was the least big good option."), norm15 (2.0));
}
END_TEST

START_TEST (test_negator_before_a_comma_or_three_words_back_leaves_a_reducer)
{
  /* "No, they curbed inflation": the comma ends the negator's reach, and
   * curbed flips inflation: x = -1.5 * -0.5 */
  ck_assert_near (compound_of (h, "No, they curbed inflation."), norm15 (0.75));
  /* three words between: the same, and really (three words before
   * inflation) boosts the flipped value: x = -1.5 * -0.5 + 0.293 * 0.9 */
  ck_assert_near (compound_of (h, "Nobody here really quickly curbed inflation."),
                  norm15 (0.75 + 0.293 * 0.9));
}
END_TEST

START_TEST (test_direction_word_after_a_negator_two_words_back)
{
  /* "had not really fallen": left to negation, and fallen has no
   * valence of its own here: x = -1.5 */
  ck_assert_near (compound_of (h, "Inflation had not really fallen."), norm15 (-1.5));
}
END_TEST

START_TEST (test_direction_flips_a_word_once)
{
  /* the first fell flips inflation; the second finds it flipped already:
   * x = -1.5 * -0.5 */
  ck_assert_near (compound_of (h, "Inflation fell and fell."), norm15 (0.75));
}
END_TEST

/* Tests added by the mutation sweep: each pins a rule that a flipped
 * sign or a dropped branch in scorer.c left green before. */

START_TEST (test_caps_emphasis_on_negative_word)
{
  /* capitals push away from zero whatever the sign: x = -2 - 0.733 */
  ck_assert_near (compound_of (h, "The food is BAD."), norm15 (-2.733));
}
END_TEST

START_TEST (test_caps_booster_before_negative_word)
{
  /* a booster in capitals adds its emphasis away from zero too:
   * x = -2 - 0.293 - 0.733 */
  ck_assert_near (compound_of (h, "The food is VERY bad."), norm15 (-3.026));
}
END_TEST

START_TEST (test_one_letter_word_does_not_make_caps_emphasis)
{
  /* "I" and "A" are capitals in any text: an all-caps sentence with one
   * of them is still all caps, no emphasis: x = 2 */
  ck_assert_near (compound_of (h, "THE FOOD IS GOOD, I SAY."), norm15 (2.0));
  ck_assert_near (compound_of (h, "A GOOD DAY."), norm15 (2.0));
  /* and in lower-case text the capitals still stand out: x = 2 + 0.733 */
  ck_assert_near (compound_of (h, "I think the food is GOOD."), norm15 (2.733));
}
END_TEST

START_TEST (test_negation_stops_at_but)
{
  /* not is three words before good, but "but" ends its reach: good
   * counts after but, x = 2 * 1.5 */
  ck_assert_near (compound_of (h, "They were not rich but good."), norm15 (3.0));
}
END_TEST

START_TEST (test_first_but_shifts_weight)
{
  /* only the first but weighs: good before it 0.5, bad and great after
   * it 1.5: x = 1 - 3 + 4.5 */
  ck_assert_near (compound_of (h, "The food is good but the service is bad, but the price is great."),
                  norm15 (2.5));
}
END_TEST

START_TEST (test_three_question_marks)
{
  /* two or three count 0.18 each: x = 2 + 3 * 0.18 */
  ck_assert_near (compound_of (h, "Is the food good???"), norm15 (2.54));
}
END_TEST

START_TEST (test_exclamation_on_negative_sentence)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, "The food is bad!");

  /* the ! adds to the magnitude of a negative sum: x = -2 - 0.292 */
  ck_assert_near (doc_feature (doc, "sentiment.compound"), norm15 (-2.292));
  /* and to the negative sum of the proportions: neg_sum 3 + 0.292,
   * three neutral words */
  ck_assert_near (doc_feature (doc, "sentiment.neg"), 3.292 / 6.292);
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 3 / 6.292);
}
END_TEST

START_TEST (test_direction_word_gives_up_its_own_valence)
{
  /* plunged (-1) flips inflation and drops its own valence:
   * x = -1.5 * -0.5 */
  ck_assert_near (compound_of (h, "Inflation plunged."), norm15 (0.75));
  /* with nothing to flip it keeps it: x = -1 */
  ck_assert_near (compound_of (h, "Exports plunged."), norm15 (-1.0));
}
END_TEST

START_TEST (test_topic_weight_on_negated_subject_word)
{
  teardown ();
  setup_params ("topic-weight=0.5");
  /* "no war" is positive (-2.5 * -0.74 = 1.85) in a sentence that judges
   * the other way (bad): it weighs half, x = -2 + 1.85 * 0.5 */
  ck_assert_near (compound_of (h, "The bad deal meant no war."), norm15 (-1.075));
}
END_TEST

static Suite *
rules_suite (void)
{
  Suite *s = suite_create ("sentiment-rules");
  TCase *tc = tcase_create ("rules");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_plain_word);
  tcase_add_test (tc, test_plain_word_proportions);
  tcase_add_test (tc, test_booster);
  tcase_add_test (tc, test_booster_decays_with_distance);
  tcase_add_test (tc, test_booster_three_words_back);
  tcase_add_test (tc, test_booster_before_negative_word);
  tcase_add_test (tc, test_dampener_before_negative_word);
  tcase_add_test (tc, test_dampener);
  tcase_add_test (tc, test_kind_of_dampens);
  tcase_add_test (tc, test_not_negates);
  tcase_add_test (tc, test_clitic_nt_negates);
  tcase_add_test (tc, test_clitic_ends_phrase);
  tcase_add_test (tc, test_clitic_without_entry_is_no_word);
  tcase_add_test (tc, test_negation_reaches_three_words);
  tcase_add_test (tc, test_negation_stops_after_three_words);
  tcase_add_test (tc, test_negation_scope_parameter);
  tcase_add_test (tc, test_negation_stops_at_clause_break);
  tcase_add_test (tc, test_negation_stops_at_dashes);
  tcase_add_test (tc, test_negation_crosses_clause_break_when_asked);
  tcase_add_test (tc, test_double_negation);
  tcase_add_test (tc, test_no_longer_negates);
  tcase_add_test (tc, test_without_negates);
  tcase_add_test (tc, test_least_negates);
  tcase_add_test (tc, test_at_least_does_not_negate);
  tcase_add_test (tc, test_never_so_intensifies);
  tcase_add_test (tc, test_not_only_is_not_negation);
  tcase_add_test (tc, test_but_shifts_weight);
  tcase_add_test (tc, test_however_shifts_weight);
  tcase_add_test (tc, test_although_weighs_its_clause_down);
  tcase_add_test (tc, test_caps_emphasis);
  tcase_add_test (tc, test_caps_booster_emphasis);
  tcase_add_test (tc, test_all_caps_text_is_not_emphasis);
  tcase_add_test (tc, test_exclamation);
  tcase_add_test (tc, test_exclamation_inside_sentence);
  tcase_add_test (tc, test_exclamation_counts_at_most_four);
  tcase_add_test (tc, test_single_question_mark_adds_nothing);
  tcase_add_test (tc, test_question_marks);
  tcase_add_test (tc, test_idiom);
  tcase_add_test (tc, test_idiom_ends_sentence);
  tcase_add_test (tc, test_reducer_flips_negative);
  tcase_add_test (tc, test_reducers_off);
  tcase_add_test (tc, test_alpha);
  tcase_add_test (tc, test_damping);
  tcase_add_test (tc, test_damping_many_polar_words);
  tcase_add_test (tc, test_negated_reducer_keeps_polarity);
  tcase_add_test (tc, test_decrease_after_flips);
  tcase_add_test (tc, test_increase_after_strengthens);
  tcase_add_test (tc, test_reducer_stops_at_to);
  tcase_add_test (tc, test_topic_weight);
  tcase_add_test (tc, test_capitalised_direction_word_is_a_name);
  tcase_add_test (tc, test_capitalised_reducer_at_sentence_start);
  tcase_add_test (tc, test_harm_verb_turns_good_bad);
  tcase_add_test (tc, test_never_so_needs_so_next);
  tcase_add_test (tc, test_negated_reducer_three_words_back);
  tcase_add_test (tc, test_reducer_reach_skips_articles);
  tcase_add_test (tc, test_reducer_stops_at_to_in_between);
  tcase_add_test (tc, test_direction_reaches_five_words);
  tcase_add_test (tc, test_concessive_word_ends_the_walk_back);
  tcase_add_test (tc, test_reducer_keeps_to_the_first_words_polarity);
  tcase_add_test (tc, test_harm_verb_before_a_negative_word_ends_a_reducers_reach);
  tcase_add_test (tc, test_reducer_beyond_a_negator_does_not_flip_again);
  tcase_add_test (tc, test_least_two_words_back_does_not_negate);
  tcase_add_test (tc, test_negator_before_a_comma_or_three_words_back_leaves_a_reducer);
  tcase_add_test (tc, test_direction_word_after_a_negator_two_words_back);
  tcase_add_test (tc, test_direction_flips_a_word_once);
  tcase_add_test (tc, test_caps_emphasis_on_negative_word);
  tcase_add_test (tc, test_caps_booster_before_negative_word);
  tcase_add_test (tc, test_one_letter_word_does_not_make_caps_emphasis);
  tcase_add_test (tc, test_negation_stops_at_but);
  tcase_add_test (tc, test_first_but_shifts_weight);
  tcase_add_test (tc, test_three_question_marks);
  tcase_add_test (tc, test_exclamation_on_negative_sentence);
  tcase_add_test (tc, test_direction_word_gives_up_its_own_valence);
  tcase_add_test (tc, test_topic_weight_on_negated_subject_word);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return run_suite (rules_suite ());
}
