/* test-entity-tagger.c: the entity-tagger stage, chained after the
 * tokenizer through the harness. One behaviour per test; expected layers
 * are written out in full as "TYPE:text|TYPE:text".
 *
 * Every test but the iso-codes ones runs with iso-codes=false, so the
 * results do not depend on what the machine has installed.
 */
#include "config.h"

#include <check.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include <galley/galley.h>

#include "plugins/entity-tagger/entity-tagger.h"
#include "plugins/entity-tagger/lexicon-load.h"
#include "plugins/entity-tagger/model.h"
#include "plugins/entity-tagger/tagger.h"
#include "plugins/tokenizer/tokenizer.h"

#define FIXTURE(name) TEST_SRCDIR "/" name

static GalleyHarness *
harness_with (const char *const *params, GError **error)
{
  GalleyHarness *h = galley_harness_new (&galley_tokenizer_stage, NULL, error);

  ck_assert_ptr_nonnull (h);
  if (!galley_harness_add (h, &galley_entity_tagger_stage, params, error))
    {
      galley_harness_free (h);
      return NULL;
    }
  return h;
}

static GalleyDocument *
run_with (const char *const *params, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with (params, &error);
  GalleyDocument *doc;

  ck_assert_msg (h != NULL, "%s", error ? error->message : "?");
  doc = galley_harness_run_text (h, text, &error);
  ck_assert_msg (doc != NULL, "%s", error ? error->message : "?");
  return doc;
}

/* The cases run without iso-codes and with a small word list of their
 * own (common-words.dict) in place of the system's, so that they give the
 * same result on every machine. */
static const char *const plain[] = {
  "iso-codes=false", "dict=" FIXTURE ("common-words.dict"), NULL
};

static GalleyDocument *
run (const char *text)
{
  return run_with (plain, text);
}

/* The entity layer of @text as "TYPE:text|...". */
static char *
tag_with (const char *const *params, const char *text)
{
  g_autoptr (GalleyDocument) doc = run_with (params, text);

  return galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
}

static char *
tag (const char *text)
{
  return tag_with (plain, text);
}

#define ck_assert_tags(text, expected) \
  do { \
    g_autofree char *got_ = tag (text); \
    ck_assert_str_eq (got_, expected); \
  } while (0)

/* The "norm" and "cluster" features of the @nth span whose text is @text. */
static void
features_of (GalleyDocument *doc, const char *text, guint nth, const char **norm,
             gint64 *cluster)
{
  GalleyLayer *layer = galley_document_get_layer (doc, GALLEY_LAYER_ENTITY);
  const char *t = galley_document_get_text (doc, NULL);
  const GalleySpan *spans;
  guint n, seen = 0;

  spans = galley_layer_get_spans (layer, &n);
  for (guint i = 0; i < n; i++)
    {
      if (spans[i].end - spans[i].start != strlen (text)
          || memcmp (t + spans[i].start, text, strlen (text)) != 0)
        continue;
      if (seen++ < nth)
        continue;
      *norm = galley_layer_get_feature (layer, i, GALLEY_ENTITY_FEATURE_NORM)->v.s;
      *cluster = galley_layer_get_feature (layer, i, GALLEY_ENTITY_FEATURE_CLUSTER)->v.i;
      return;
    }
  ck_abort_msg ("no entity '%s' (#%u)", text, nth);
}

/* Asserts the "norm" and "cluster" of the first span whose text is @text. */
static void
assert_norm_cluster (GalleyDocument *doc, const char *text, const char *want_norm,
                     gint64 want_cluster)
{
  const char *norm;
  gint64 cluster;

  features_of (doc, text, 0, &norm, &cluster);
  ck_assert_str_eq (norm, want_norm);
  ck_assert_int_eq (cluster, want_cluster);
}

/* Asserts the "norm" of the first span with each text: @want holds
 * @n (text, norm) pairs. */
static void
assert_norms (GalleyDocument *doc, const char *const want[][2], guint n)
{
  for (guint i = 0; i < n; i++)
    {
      const char *norm;
      gint64 cluster;

      features_of (doc, want[i][0], 0, &norm, &cluster);
      ck_assert_str_eq (norm, want[i][1]);
    }
}

/* Asserts the entities of @text (as galley_harness_dump_typed gives them)
 * and that the later mention @short joins the first mention @full: the
 * same cluster, and @full as both norms. */
static void
assert_joins (const char *text, const char *want, const char *full, const char *short_form)
{
  g_autoptr (GalleyDocument) doc = run (text);
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *norm;
  gint64 c1, c2;

  ck_assert_str_eq (got, want);
  features_of (doc, full, 0, &norm, &c1);
  features_of (doc, short_form, 0, &norm, &c2);
  ck_assert_int_eq (c1, c2);
  ck_assert_str_eq (norm, full);
}

/* ---- the stage class ---- */

START_TEST (test_stage_class_describes_filter)
{
  const GalleyStageClass *k = &galley_entity_tagger_stage;

  ck_assert_str_eq (k->name, "entity-tagger");
  ck_assert_int_eq (k->kind, GALLEY_STAGE_FILTER);
  ck_assert_int_eq (k->flags & GALLEY_STAGE_THREAD_SAFE, GALLEY_STAGE_THREAD_SAFE);
  ck_assert_str_eq (k->requires[0], "token");
  /* sentence starts come from a token flag, not the sentence layer */
  ck_assert_ptr_null (k->requires[1]);
  ck_assert_str_eq (k->produces[0], "entity");
  ck_assert_ptr_null (k->produces[1]);
}
END_TEST

/* The tagger builds a token's bit-fields in one word (token_bits): each
 * field must read back what the span's flags say. */
START_TEST (test_token_bits_read_back_as_fields)
{
  const guint32 flags = GALLEY_TOKEN_ABBREV | (GALLEY_CASE_MIXED << GALLEY_TOKEN_CASE_SHIFT)
                        | GALLEY_TOKEN_FLAG_CLITIC | GALLEY_TOKEN_FLAG_NON_ASCII;
  const guint32 all_flags = GALLEY_TOKEN_FLAG_CLITIC | GALLEY_TOKEN_FLAG_SPACE_AFTER
                            | GALLEY_TOKEN_FLAG_SENTENCE_START | GALLEY_TOKEN_FLAG_NON_ASCII;
  Token t = { 0 };

  t.bits = token_bits (flags);
  ck_assert_uint_eq (t.kind, GALLEY_TOKEN_ABBREV);
  ck_assert_uint_eq (t.tcase, GALLEY_CASE_MIXED);
  ck_assert_uint_eq (t.tflags & all_flags, GALLEY_TOKEN_FLAG_CLITIC | GALLEY_TOKEN_FLAG_NON_ASCII);
  ck_assert_uint_eq (t.cap, CAP_NO);
  ck_assert_uint_eq (t.sent_init | t.headline | t.used | t.byline | t.numeric, 0);
  t.used = 1;
  t.cap = CAP_STRONG;
  t.numeric = 1;
  ck_assert_uint_eq (t.kind, GALLEY_TOKEN_ABBREV);
  ck_assert_uint_eq (t.tcase, GALLEY_CASE_MIXED);
  ck_assert_uint_eq (t.tflags & all_flags, GALLEY_TOKEN_FLAG_CLITIC | GALLEY_TOKEN_FLAG_NON_ASCII);
  /* a kind no rule knows (another tokenizer's) reads as itself, never as
   * a word; span flags past the SDK's (bit 11, bits 16-31) are dropped,
   * so the marks start at 0 */
  t.bits = token_bits (200 | (GALLEY_CASE_UPPER << GALLEY_TOKEN_CASE_SHIFT) | (1u << 11)
                       | 0xffff0000u | GALLEY_TOKEN_FLAG_SPACE_AFTER);
  ck_assert_uint_eq (t.kind, 200);
  ck_assert_uint_eq (t.tcase, GALLEY_CASE_UPPER);
  ck_assert_uint_eq (t.tflags & all_flags, GALLEY_TOKEN_FLAG_SPACE_AFTER);
  ck_assert_uint_eq (t.cap, CAP_NO);
  ck_assert_uint_eq (t.sent_init | t.headline | t.used | t.byline | t.numeric, 0);
}
END_TEST

/* english_word_shape(): endings of any case, and only on words at least
 * two letters longer than the ending */
START_TEST (test_english_word_shape_by_ending)
{
  static const struct {
    const char *word;
    gboolean english;
  } cases[] = {
    { "Revolution", TRUE }, { "MANAGEMENT", TRUE }, { "Community", TRUE },
    { "Forwards", TRUE }, { "Steward", TRUE }, { "Narrative", TRUE },
    { "Fisher", FALSE }, { "Manning", FALSE }, { "Reward", FALSE },
    { "Rewards", FALSE }, { "Nation", FALSE }, { "Pity", FALSE },
    { "Zürich", FALSE }, { "Möbius", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Doc d = { 0 };
      Token t = { 0 };

      d.text = cases[i].word;
      t.end = (guint32) strlen (cases[i].word);
      ck_assert_msg (english_word_shape (&d, &t) == cases[i].english, "%s", cases[i].word);
    }
}
END_TEST

START_TEST (test_missing_token_layer_rejects_document)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_entity_tagger_stage, plain, &error);
  g_autoptr (GalleyDocument) doc = galley_document_new ("d1", "Antony Blinken", -1);

  ck_assert_ptr_nonnull (h);
  ck_assert (!galley_harness_run (h, doc, &error));
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  ck_assert_str_eq (error->message,
                    "document d1: no token layer (run the tokenizer before entity-tagger)");
}
END_TEST

START_TEST (test_empty_text_gives_empty_layer)
{
  ck_assert_tags ("", "");
}
END_TEST

START_TEST (test_spans_carry_norm_and_cluster)
{
  g_autoptr (GalleyDocument) doc = run ("Antony Blinken flew to Beijing.");

  assert_norm_cluster (doc, "Antony Blinken", "Antony Blinken", 0);
  assert_norm_cluster (doc, "Beijing", "Beijing", 1);
}
END_TEST

/* A name's norm is its text with each run of white space one space:
 * a run of spaces and a tab, a lone tab, and a word with none */
START_TEST (test_norm_folds_white_space_runs)
{
  g_autoptr (GalleyDocument) doc = run ("Antony  \t Blinken met staff of Acme\tHoldings in Beijing.");

  assert_norm_cluster (doc, "Antony  \t Blinken", "Antony Blinken", 0);
  assert_norm_cluster (doc, "Acme\tHoldings", "Acme Holdings", 1);
  assert_norm_cluster (doc, "Beijing", "Beijing", 2);
}
END_TEST

/* Two spaces alone are a run too, inside a name's first eight bytes or
 * across them ("Stephen" and a space are eight), and a name at the very
 * end of the text keeps its text */
START_TEST (test_norm_folds_double_spaces)
{
  g_autoptr (GalleyDocument) doc = run ("Stephen  Fry met staff of Acme  Holdings in Beijing");

  assert_norm_cluster (doc, "Stephen  Fry", "Stephen Fry", 0);
  assert_norm_cluster (doc, "Acme  Holdings", "Acme Holdings", 1);
  assert_norm_cluster (doc, "Beijing", "Beijing", 2);
}
END_TEST

/* Clusters are numbered afresh in each document: the tables the
 * resolver keeps for the next document hold the last one's names, which
 * must read as empty (Beijing was cluster 1 in the first) */
START_TEST (test_clusters_restart_in_next_document)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with (plain, &error);
  g_autoptr (GalleyDocument) first = NULL;
  g_autoptr (GalleyDocument) second = NULL;

  ck_assert_msg (h != NULL, "%s", error ? error->message : "?");
  first = galley_harness_run_text (h, "Antony Blinken flew to Beijing.", &error);
  ck_assert_msg (first != NULL, "%s", error ? error->message : "?");
  second = galley_harness_run_text (h, "Beijing welcomed Antony Blinken.", &error);
  ck_assert_msg (second != NULL, "%s", error ? error->message : "?");
  assert_norm_cluster (second, "Beijing", "Beijing", 0);
  assert_norm_cluster (second, "Antony Blinken", "Antony Blinken", 1);
}
END_TEST

/* ---- people ---- */

/* norp-adjectives=false (GUM's convention): a group's word is a NORP
 * only where it is used as a noun: a plural, or after an article with no
 * word after it or a verb; by default (OntoNotes') every use is. */
static const char norp_text[] =
  "Chinese officials met Americans and African Americans in Paris. The French "
  "were angry, and the French government said so in English. Swiss banks "
  "wrote to the Swiss.";

START_TEST (test_norp_adjectives_by_default)
{
  ck_assert_tags (norp_text, "NORP:Chinese|NORP:Americans|NORP:African Americans|GPE:Paris|"
                  "NORP:French|NORP:French|NORP:English|NORP:Swiss|NORP:Swiss");
}
END_TEST

START_TEST (test_norp_as_nouns_only)
{
  const char *const params[] = { "iso-codes=false", "norp-adjectives=false", NULL };
  g_autofree char *got = tag_with (params, norp_text);

  ck_assert_str_eq (got, "NORP:Americans|NORP:African Americans|GPE:Paris|NORP:French|"
                    "NORP:Swiss");
}
END_TEST

START_TEST (test_given_name_and_surname_is_person)
{
  ck_assert_tags ("Reporters waited for Antony Blinken outside.", "PERSON:Antony Blinken");
}
END_TEST

START_TEST (test_given_name_and_unknown_word_is_person)
{
  ck_assert_tags ("The report was written by Maria Okonkwo-Varga.",
                  "PERSON:Maria Okonkwo-Varga");
}
END_TEST

START_TEST (test_title_is_left_out_of_person)
{
  ck_assert_tags ("Foreign Minister Sergei Lavrov spoke.", "PERSON:Sergei Lavrov");
  /* the Treasurer of Australia's government (the list lacked it: issue
   * 17, thirty-fifth round) */
  ck_assert_tags ("Treasurer Paul Keating spoke.", "PERSON:Paul Keating");
}
END_TEST

START_TEST (test_abbreviated_title_before_surname)
{
  ck_assert_tags ("The letter reached Mr. Quimby at home.", "PERSON:Quimby");
}
END_TEST

START_TEST (test_multi_word_role_is_not_an_entity)
{
  ck_assert_tags ("U.S. Secretary of State Antony Blinken arrived.",
                  "GPE:U.S.|PERSON:Antony Blinken");
}
END_TEST

START_TEST (test_title_without_name_is_nothing)
{
  ck_assert_tags ("The President said the Prime Minister would resign.", "");
}
END_TEST

/* A greeting opens a letter or a line of speech with a name and is no
 * part of it (issue 17). */
START_TEST (test_greeting_is_left_out_of_person)
{
  ck_assert_tags ("Dear Tomasz: Thanks for the parcel. \"Hey Ottoline, come in,\" she said.",
                  "PERSON:Tomasz|PERSON:Ottoline");
}
END_TEST

/* "an analyst at X", "an economist with X": the employer is an
 * organisation, and its other mentions follow (issue 17). */
START_TEST (test_role_at_unknown_name_is_org)
{
  ck_assert_tags ("Ines Varga, an analyst at Kessling Maru, expects rates to rise. "
                  "Kessling Maru declined to comment.",
                  "PERSON:Ines Varga|ORG:Kessling Maru|ORG:Kessling Maru");
  ck_assert_tags ("Ines Varga, an economist with Kessling Maru, expects rates to rise.",
                  "PERSON:Ines Varga|ORG:Kessling Maru");
}
END_TEST

/* The roles before "at" may be plural, and capitalised as a sentence's
 * first word ("Analysts at X"); a person quoted as a source puts X in
 * an organisation too ("said Ines Varga at X"), but not a person "at" a
 * name with no speech verb beside them, which is a place as often
 * (issue 17). */
START_TEST (test_plural_role_and_quoted_source_at_name_are_org)
{
  ck_assert_tags ("Analysts at Kessling Maru said the deal was fair.", "ORG:Kessling Maru");
  ck_assert_tags ("\"It is fair,\" said Ines Varga at Kessling Maru.",
                  "PERSON:Ines Varga|ORG:Kessling Maru");
  ck_assert_tags ("Ines Varga at Kessling Maru said the deal was fair.",
                  "PERSON:Ines Varga|ORG:Kessling Maru");
  ck_assert_tags ("She met Tom Reed at Quarrington on Monday.", "PERSON:Tom Reed|DATE:Monday");
}
END_TEST

/* A full name that a rule types ORG ("analysts at Harcourt Lynch",
 * "shares of Harcourt Lynch") is the organisation in its other mentions,
 * where its words alone made a person of it: one sense per discourse,
 * as for one word (issue 17: Fannie Mae, Dayton Hudson, Wood Gundy). */
START_TEST (test_full_name_typed_org_by_a_rule_is_org_elsewhere)
{
  ck_assert_tags ("Harcourt Lynch said the deal was fair.", "PERSON:Harcourt Lynch");
  ck_assert_tags ("Analysts at Harcourt Lynch said the deal was fair. "
                  "Harcourt Lynch also said it would buy shares.",
                  "ORG:Harcourt Lynch|ORG:Harcourt Lynch");
  ck_assert_tags ("Shares of Harcourt Lynch fell 3 percent. Harcourt Lynch said demand was weak.",
                  "ORG:Harcourt Lynch|PERCENT:3 percent|ORG:Harcourt Lynch");
  /* a kind of share between the name and its shares (eighty-seventh
   * round); not a share's class */
  ck_assert_tags ("He bought Myers common shares and Youghal ordinary shares, "
                  "and Class B common shares.",
                  "ORG:Myers|ORG:Youghal");
}
END_TEST

/* A name of two words or more before a role in lower case and a
 * person's name is the body the person works for ("Deutsche Boerse chief
 * Werner Seifert"), and its other mentions follow; not before a role
 * that a portfolio or a programme takes as often (issue 17). */
START_TEST (test_name_before_role_and_person_is_org)
{
  ck_assert_tags ("On Monday, Kessling Maru chief executive Ines Varga said profits rose. "
                  "Kessling Maru shares fell.",
                  "DATE:Monday|ORG:Kessling Maru|PERSON:Ines Varga|ORG:Kessling Maru");
  ck_assert_tags ("The report named Harcourt Lynch analyst Tom Reed.",
                  "ORG:Harcourt Lynch|PERSON:Tom Reed");
  ck_assert_tags ("The show was hosted by Kessling Maru presenter Ines Varga.",
                  "PERSON:Kessling Maru|PERSON:Ines Varga");
}
END_TEST

/* Wire copy writes a listed company's ticker in angle brackets after
 * its name, and an unlisted company's name in them: either makes an ORG
 * of the name, whatever its words (a place, a given name, a first word
 * weak at a sentence's start); the ticker itself is no name (issue 17). */
START_TEST (test_wire_ticker_and_bracketed_company_are_org)
{
  ck_assert_tags ("Panhandle Eastern <PEL> said its customers agreed.", "ORG:Panhandle Eastern");
  ck_assert_tags ("Banks will follow Kestrel Bancorp <KBC> and Chase Manhattan <CMB> in "
                  "building up reserves.", "ORG:Kestrel Bancorp|ORG:Chase Manhattan");
  ck_assert_tags ("Texas Eastern <T> said sales rose.", "ORG:Texas Eastern");
  ck_assert_tags ("<Quarrington Industrie> said it would build a new plant.",
                  "ORG:Quarrington Industrie");
  ck_assert_tags ("If x < y then Tom Reed wins.", "PERSON:Tom Reed");
  /* a name that opens the text before an angle bracket that is no ticker */
  ck_assert_tags ("Tom Reed <tom@example.com> wrote.", "PERSON:Tom Reed");
}
END_TEST

/* A title that opens a company's name is no title: "Dean Witter
 * Reynolds Inc", "General Host Corp" (issue 17). */
START_TEST (test_title_that_opens_a_company_name)
{
  ck_assert_tags ("\"It is weak,\" said Bill Sullivan of Dean Witter Reynolds Inc. The economy slowed.",
                  "PERSON:Bill Sullivan|ORG:Dean Witter Reynolds Inc.");
  ck_assert_tags ("General Host Corp said profits rose. President Joe Biden spoke.",
                  "ORG:General Host Corp|PERSON:Joe Biden");
}
END_TEST

/* A company's name names it by an inner word too ("Eastman Kodak Co ...
 * Kodak said") where a guess typed that word; an untyped capitalised
 * word is not taken (issue 17). */
START_TEST (test_company_inner_word_is_its_short_form)
{
  ck_assert_tags ("Eastman Kodak Co reported higher sales. Analysts said Kodak made a good start.",
                  "ORG:Eastman Kodak Co|ORG:Kodak");
  ck_assert_tags ("Harlow Quimbey Co said prices rose. Quimbey said demand was strong.",
                  "ORG:Harlow Quimbey Co|ORG:Quimbey");
  ck_assert_tags ("Harlow Tabletop Co said prices rose. Tabletop prices fell in March.",
                  "ORG:Harlow Tabletop Co|DATE:March");
}
END_TEST

/* A listed surname that is a sure company's first word, the company
 * named with its legal form, is the company ("Phillips Petroleum Co ...
 * Phillips"); not where a person of that surname is named in full, and
 * not after a name without a legal form ("The Phillips Group") (issue
 * 17). */
START_TEST (test_surname_that_opens_a_company_is_the_company)
{
  ck_assert_tags ("Phillips Petroleum Co said profits rose. Analysts said Phillips would cut costs.",
                  "ORG:Phillips Petroleum Co|ORG:Phillips");
  ck_assert_tags ("Tom Phillips joined Phillips Petroleum Co in 1980. Phillips said he was pleased.",
                  "PERSON:Tom Phillips|ORG:Phillips Petroleum Co|DATE:1980|PERSON:Phillips");
  ck_assert_tags ("The Phillips Group said profits rose. Phillips said costs fell.",
                  "ORG:Phillips Group|PERSON:Phillips");
}
END_TEST

/* A hyphenated date in one token, mid-April or April-June, is a DATE,
 * also where a capitalised word after "in" would be a place (issue 17:
 * "in mid-April" was a GPE). */
START_TEST (test_hyphenated_month_is_a_date)
{
  ck_assert_tags ("The talks will resume in mid-April, officials said.", "DATE:mid-April");
  ck_assert_tags ("Sales fell in April-June and rose by mid-May.", "DATE:April-June|DATE:mid-May");
}
END_TEST

/* "in Chapter 11", "in Room 101": a numbered part of something after
 * "in" is no place (issue 17). */
START_TEST (test_numbered_part_after_in_is_no_place)
{
  ck_assert_tags ("The retailer has been in Chapter 11 since May. They met in Quarrington.",
                  "CARDINAL:11|DATE:May|GPE:Quarrington");
}
END_TEST

/* A US state's abbreviation after a town, as letters and datelines
 * write it, is the state, and makes the town a place (issue 17). */
START_TEST (test_state_abbreviation_after_town)
{
  ck_assert_tags ("QUILLBY, Tenn., March 4 - The mill reopened. She wrote from Ardwell, Fla., in 1951.",
                  "GPE:QUILLBY|GPE:Tenn.|DATE:March 4|GPE:Ardwell|GPE:Fla.|DATE:1951");
  /* West Virginia both ways, Wisconsin's longer form */
  ck_assert_tags ("She moved from Quillby, W.Va., to Ardwell, W. Va., and then to Racine, Wisc., in 1960.",
                  "GPE:Quillby|GPE:W.Va.|GPE:Ardwell|GPE:W. Va.|GPE:Racine|GPE:Wisc.|DATE:1960");
}
END_TEST

/* "the State of X" is the state X, a place and its government, not an
 * organisation called State (issue 17); "Ohio State" stays one. */
START_TEST (test_state_of_place_is_gpe)
{
  ck_assert_tags ("The State of Ohio and the Commonwealth of Virginia sued. Ohio State won.",
                  "GPE:State of Ohio|GPE:Commonwealth of Virginia|ORG:Ohio State");
}
END_TEST

/* "games for Portugal" in a sports story is the team (issue 17); the
 * player's home stays the country. */
START_TEST (test_games_for_place_is_team)
{
  ck_assert_tags ("The striker scored in the league match and the cup final. "
                  "He has 40 games for Portugal and a home in Portugal.",
                  "CARDINAL:40|ORG:Portugal|GPE:Portugal");
}
END_TEST

/* "the South" capitalised names a region; "the north" is a direction
 * (issue 17). */
START_TEST (test_compass_point_after_the_is_region)
{
  ck_assert_tags ("Sales grew in the South and fell in the north. Trade with the West slowed.",
                  "LOC:South|LOC:West");
  /* the Gulf of the news; a gulf's name and a company's word stay theirs
   * (issue 17, thirty-eighth round) */
  ck_assert_tags ("Tankers in the Gulf were hit. Ships waited in the Gulf of Oman. Gulf Oil said so.",
                  "LOC:Gulf|LOC:Gulf of Oman|ORG:Gulf Oil");
}
END_TEST

/* Other languages' place words open a name that English would end with
 * them: "Pointe", "Rue", "Wat" (issue 17, fourth round). */
START_TEST (test_other_languages_place_words)
{
  ck_assert_tags ("The ferry calls at Grande Terre and Terre de Bas. We walked down "
                  "Rue de Varenne to Lac Vernois and saw Wat Pho.",
                  "LOC:Grande Terre|LOC:Terre de Bas|FAC:Rue de Varenne|LOC:Lac Vernois|FAC:Wat Pho");
}
END_TEST

/* "for" joins a name after an organisation word, whose purpose it
 * names, not after a place word (issue 17, fourth round). */
START_TEST (test_for_joins_after_organisation_word_only)
{
  ck_assert_tags ("They play at Maplewood Stadium for the Riverton Otters Club. "
                  "The Centre for Coastal Studies agreed.",
                  "FAC:Maplewood Stadium|ORG:Riverton Otters Club|ORG:Centre for Coastal Studies");
}
END_TEST

/* Unknown names joined by "&" are a firm, not a person, and stay a
 * candidate; before a year they cite a work's authors, who are people
 * (issue 17, fourth round). */
START_TEST (test_ampersand_names_are_no_person_unless_cited)
{
  ck_assert_tags ("The firm hired Quillan & Brack last week. Games help (Dye & Bavelier, 2010).",
                  "DATE:last week|PERSON:Dye & Bavelier|DATE:2010");
  ck_assert_tags ("Tom Reed, an analyst at Quillan & Brack, said so.",
                  "PERSON:Tom Reed|ORG:Quillan & Brack");
}
END_TEST

/* In a sports story an unknown name after "the" that ends with a
 * plural is a team; elsewhere it stays a candidate (issue 17, fourth
 * round). */
START_TEST (test_plural_name_after_the_in_sports_story_is_team)
{
  ck_assert_tags ("The striker scored in the league match and the cup final. "
                  "He played for the Brackley Owls.",
                  "ORG:Brackley Owls");
  ck_assert_tags ("The parade passed the Brackley Owls.", "");
}
END_TEST

/* "Parties" ends an organisation's name as "Party" does (issue 17,
 * fourth round). */
START_TEST (test_parties_ends_organisation)
{
  ck_assert_tags ("Both the Progressive and the Liberal Parties endorsed the call.",
                  "ORG:Liberal Parties");
}
END_TEST

/* A surname that cites a work is a person: before other authors and a
 * year that closes the reference, or before "et al"; not before a year
 * that a comma follows (a date's) (issue 17, fifth round). Before a year
 * in parentheses only where the document cites so elsewhere (a film's
 * otherwise; seventy-third round). */
START_TEST (test_cited_author_is_person)
{
  ck_assert_tags ("Games help attention (Quellin, Dravik, & Marrow, 2010). Tarvensen et al. "
                  "found more (see Pellworth 2014; Harlund, 2001). Osterlin (2001) disagreed.",
                  "PERSON:Quellin|PERSON:Dravik|PERSON:Marrow|DATE:2010|PERSON:Tarvensen|"
                  "PERSON:Pellworth|DATE:2014|PERSON:Harlund|DATE:2001|PERSON:Osterlin|DATE:2001");
  ck_assert_tags ("Osterlin (2001) disagreed.", "DATE:2001");
  ck_assert_tags ("The cattle are for delivery during Quellmay, 1987, it said.", "DATE:1987");
}
END_TEST

/* A page after the year closes a citation too: its authors are people
 * (issue 17, thirteenth round); a page with no year before it cites no
 * one. */
START_TEST (test_cited_authors_before_a_page)
{
  ck_assert_tags ("Replication is a standard (Quellin, Dravik, & Marrow, 2012, p. 77) of science, "
                  "as others say (Tarvensen, 2009, pp. 10-12).",
                  "PERSON:Quellin|PERSON:Dravik|PERSON:Marrow|DATE:2012|CARDINAL:77|PERSON:Tarvensen|"
                  "DATE:2009|CARDINAL:10-12");
  ck_assert_tags ("See the table (Quellmark, p. 77).", "CARDINAL:77");
}
END_TEST

/* A word with a digit after "in" is a code or a measure, no place, in
 * any of its mentions; a word without one stays a place (issue 17,
 * thirteenth round). */
START_TEST (test_word_with_digit_after_in_is_no_place)
{
  ck_assert_tags ("Output rose in Quellmark. The rise in M4 was slow, and M4 grew again in Quellmark.",
                  "GPE:Quellmark|GPE:Quellmark");
  ck_assert_tags ("Calls for work in K7 research were made.", "");
}
END_TEST

/* A mixed-case word that ends in a capital is an acronym: "in" does
 * not make its other mentions places (issue 17, thirteenth round); the
 * mention after "in" stays the names rules' guess, as before. */
START_TEST (test_mixed_acronym_spreads_no_place)
{
  ck_assert_tags ("The model moved the CoM forward, and the height of the CoM fell in CoM tests.",
                  "GPE:CoM");
}
END_TEST

/* A line that holds a name alone, up to a comma, is a name when an
 * organisation or place word ends it, though its words are capitalised
 * by their place: an affiliation, a signature's body; a dateline's town
 * is a GPE; a headline with a function word is none (issue 17, fifth
 * round). */
START_TEST (test_name_alone_on_a_line)
{
  ck_assert_tags ("Ines Varga and Tom Reed\n\nMarine Biology Department, Quellmark Coastal University, "
                  "Quellmark\n\nThe study is here.",
                  "PERSON:Ines Varga|PERSON:Tom Reed|ORG:Marine Biology Department|"
                  "ORG:Quellmark Coastal University");
  ck_assert_tags ("Yours faithfully\n\nTom Reed\n\nAll-In Quellmark Action Council",
                  "PERSON:Tom Reed|ORG:All-In Quellmark Action Council");
  ck_assert_tags ("QUELLBROOK PARK, N.J., March 3 - Profits rose.",
                  "GPE:QUELLBROOK PARK|GPE:N.J.|DATE:March 3");
  ck_assert_tags ("Stocks Fall As Investors Flee Bank\n\nShares fell.", "");
}
END_TEST

/* An abbreviation of a US state that is a word or a title too (Pa.,
 * Mass., Miss., Mo., Ind., La., Me.) is the state after a town and a
 * comma and before a comma or a line's end, and makes the town a
 * place (issue 17, sixth round). */
START_TEST (test_word_state_abbreviation_after_town)
{
  ck_assert_tags ("QUELLBROOK COLLEGE, Pa., March 3 - Profits rose.",
                  "GPE:QUELLBROOK COLLEGE|GPE:Pa.|DATE:March 3");
  ck_assert_tags ("It bought a mill in Ardwell, Mass., last year and one in Quillby, Mo.",
                  "GPE:Ardwell|GPE:Mass.|DATE:last year|GPE:Quillby|GPE:Mo.");
}
END_TEST

/* The words of a dateline in capitals before its town, a compass point
 * or a common word that opens no name of its own, are the town's
 * (issue 17, sixth round). */
START_TEST (test_dateline_town_takes_its_first_words)
{
  ck_assert_tags ("WEST QUELLBROOK, Tenn., March 3 - Profits rose.",
                  "GPE:WEST QUELLBROOK|GPE:Tenn.|DATE:March 3");
  ck_assert_tags ("LITTLE ARDWELL, Ind., March 3 - Profits rose.",
                  "GPE:LITTLE ARDWELL|GPE:Ind.|DATE:March 3");
}
END_TEST

/* A name that another language's article opens (La, El, Il, Los, Las)
 * is no person: a place, a paper or a firm, left to the document to
 * type; "Les" is a given name too (issue 17, sixth round). */
START_TEST (test_article_opens_no_person)
{
  ck_assert_tags ("The islands La Quellmira and Los Dravoix lie to the east. Il Quellario and El "
                  "Dravik reported it; Les Dravik agreed.",
                  "PERSON:Les Dravik");
}
END_TEST

/* A navy's prefix and a name are a ship, a PRODUCT, not an
 * organisation and a place; an organisation's name that opens with the
 * letters is not one (issue 17, sixth round). */
START_TEST (test_ship_prefix_names_a_ship)
{
  ck_assert_tags ("The Union chased the CSS Quellmark and the USS Dravoix.",
                  "PRODUCT:CSS Quellmark|PRODUCT:USS Dravoix");
  ck_assert_tags ("The band played on HMS Belfast.", "PRODUCT:HMS Belfast");
  ck_assert_tags ("Inland Steel and the USS Division of USX Corp talked.",
                  "ORG:Inland Steel|ORG:USS Division of USX Corp");
}
END_TEST

/* Two surnames joined by "and" before a year, bare or in parentheses,
 * cite a work's authors; not before "in" and a year (issue 17, sixth
 * round). */
START_TEST (test_cited_pair_of_authors)
{
  ck_assert_tags ("The map, adapted from Quellin and Dravik (1995), shows it; so did Tarven and "
                  "Osterby 2011.",
                  "PERSON:Quellin|PERSON:Dravik|DATE:1995|PERSON:Tarven|PERSON:Osterby|DATE:2011");
  ck_assert_tags ("It sold Quellin and Dravik in 1995.", "DATE:1995");
}
END_TEST

/* "Oh my God", "thank God", "for God's sake" are exclamations that
 * name no one; "prayed to God" does (issue 17, sixth round). */
START_TEST (test_exclamation_names_no_one)
{
  ck_assert_tags ("Oh my God, did you see that? Thank God it stopped. For God's sake, sit down.", "");
  ck_assert_tags ("She prayed to God every night.", "PERSON:God");
}
END_TEST

/* A given name and a place word that is a surname too (Park, Hall) name
 * a place after "the", "in", "at" or "near"; a person elsewhere (issue
 * 17, sixth round). */
START_TEST (test_given_name_and_place_word_after_the)
{
  ck_assert_tags ("They played at the Victoria Park court and walked in Stanley Park.",
                  "FAC:Victoria Park|FAC:Stanley Park");
  ck_assert_tags ("Stanley Park said prices rose.", "PERSON:Stanley Park");
}
END_TEST

/* Common words capitalised before a one-word listed organisation name
 * it with it ("the National Congress"); a party's word does not ("the
 * Democratic Senate" is the Senate; issue 17, seventh round). */
START_TEST (test_common_words_before_one_word_organisation)
{
  ck_assert_tags ("Men calling themselves the National Congress met. The Democratic Senate voted.",
                  "ORG:National Congress|ORG:Senate");
}
END_TEST

/* A common word between an organisation's name with "of" and a title
 * is the title's ("Acting Director"), not the name's (issue 17, seventh
 * round). */
START_TEST (test_common_word_before_title_after_name_with_of)
{
  ck_assert_tags ("It thanked the Office of Harbour Policy Acting Director, Dr. Ines Varga.",
                  "ORG:Office of Harbour Policy|PERSON:Ines Varga");
}
END_TEST

/* An organisation word capitalised by its place (a sentence's start, a
 * line in title case) before "of" and one capitalised word opens a
 * name; "As of" does not (issue 17, seventh round). */
START_TEST (test_organisation_word_of_name_at_sentence_start)
{
  ck_assert_tags ("It rose. University of Quellmark said it would close. As of Octember 16, it fell.",
                  "ORG:University of Quellmark|CARDINAL:16");
  ck_assert_tags ("Ines Varga i.varga@quell.ac.uk University of Leeds, United Kingdom",
                  "PERSON:Ines Varga|ORG:University of Leeds|GPE:United Kingdom");
}
END_TEST

/* A listed acronym that a number counts and that ends its phrase is a
 * thing counted ("3 RBI", runs batted in), not the organisation; one
 * spelt out after it or coordinated stays one (issue 17, seventh
 * round). */
START_TEST (test_counted_acronym_is_no_organisation)
{
  ck_assert_tags ("Holt batted .292 with 3 RBI. He had 11 RBI in the game against the Rays.",
                  "PERSON:Holt|CARDINAL:3|CARDINAL:11|ORG:Rays");
  ck_assert_tags ("The fund was set up by the 13 OPEC (Organization of the Petroleum Exporting Countries) "
                  "members.",
                  "CARDINAL:13|ORG:OPEC|ORG:Organization of the Petroleum Exporting Countries");
}
END_TEST

/* An unknown plural after "in" before a plural in lower case names a
 * maker or a kind of the things, not a place: no entity, and no place
 * for its other mentions either; a single word after "in" stays one
 * (issue 17, eighth round). */
START_TEST (test_plural_after_in_before_plural_is_no_place)
{
  ck_assert_tags ("She has published in Quellmarks journals twice. The Quellmarks editors agreed.", "");
  ck_assert_tags ("Tourists who stay in Quellmark visit the reef.", "GPE:Quellmark");
}
END_TEST

/* A line that opens with a surname, a comma, given names or initials
 * and a period lists an author by the surname first: the surname is the
 * person, the given names no entity of their own; not after a common
 * word, nor a dateline's town in capitals (issue 17, eighth round). */
START_TEST (test_inverted_name_is_its_surname)
{
  ck_assert_tags ("Books we like:\nQuellwick, Ines. A wait in the rain\nVarga, A. L.; and others (2007).",
                  "PERSON:Quellwick|PERSON:Varga|DATE:2007");
  ck_assert_tags ("Thanks, Jane.", "PERSON:Jane");
  ck_assert_tags ("LEXINGTON, Ken., April 17 - Sales rose.", "GPE:LEXINGTON|PERSON:Ken|DATE:April 17");
}
END_TEST

/* Newspapers' words end an organisation's name as "Times" does: "the
 * Quellmark Bulletin", "the Varga Examiner" (issue 17, eighth round). */
START_TEST (test_newspaper_words_end_an_organisation)
{
  ck_assert_tags ("It was reprinted by the editor of the Quellmark Bulletin and the Varga Examiner.",
                  "ORG:Quellmark Bulletin|ORG:Varga Examiner");
}
END_TEST

/* A caption's credit line in title case: a name between a colon or a
 * "/" and a "/" is a name when an organisation word ends it, as one up
 * to a comma is; a table's heading up to a colon stays a place (issue
 * 17, eighth round). */
START_TEST (test_credit_line_names)
{
  ck_assert_tags ("The team ran.\nCredit: Quellmark News / Flickr / Attribution Generic\nThey won.",
                  "ORG:Quellmark News");
  ck_assert_tags ("Rain fell.\nSAO PAULO STATE: VOTUPORANGA NIL", "GPE:SAO PAULO");
}
END_TEST

/* "and Co" or "& Co" ends a partnership's name, a company: the bare
 * "Co" is no person, nor the partners before it (issue 17, ninth
 * round); "Co" alone stays out of the names (an Irish county's). */
START_TEST (test_and_co_ends_a_company)
{
  ck_assert_tags ("The shares were placed by Quellwick Varga and Co on Monday.",
                  "ORG:Quellwick Varga and Co|DATE:Monday");
  ck_assert_tags ("Analysts at Brindle & Co disagreed.", "ORG:Brindle & Co");
  /* after a name that ends with an organisation word, where "and"
   * otherwise parts two names */
  ck_assert_tags ("The bonds went to Quellwick International and Co on Monday.",
                  "ORG:Quellwick International and Co|DATE:Monday");
  ck_assert_tags ("Quellwick International and Co. said so.",
                  "ORG:Quellwick International and Co.");
  ck_assert_tags ("Quellwick Holdings and Varga Corp merged.",
                  "ORG:Quellwick Holdings|ORG:Varga Corp");
}
END_TEST

/* A guessed name after an article is no person ("the Kowalczyk
 * language", a surname, is taken for an organisation's name), but a
 * leader's body or time after it makes one: "the Reagan administration"
 * gave an ORG 39 times on the real-news file. */
START_TEST (test_leader_before_administration_is_a_person)
{
  ck_assert_tags ("Sources said the Kowalczyk administration will offer wheat.",
                  "PERSON:Kowalczyk");
  ck_assert_tags ("Critics said the Kowalczyk government fell.", "PERSON:Kowalczyk");
  ck_assert_tags ("Few speak the Kowalczyk language today.", "ORG:Kowalczyk|DATE:today");
}
END_TEST

/* A guessed person of one word that the lists know as a currency is
 * the currency ("Sterling remained firm"), unless it joins a full name
 * of the document ("Sterling Hayden ... Sterling said"). */
START_TEST (test_currency_word_alone_is_no_person)
{
  ck_assert_tags ("Sterling remained firm on Monday.", "DATE:Monday");
  ck_assert_tags ("Sterling remained firm on Monday. Sterling Hayden acted, and Sterling said so.",
                  "PERSON:Sterling|DATE:Monday|PERSON:Sterling Hayden|PERSON:Sterling");
}
END_TEST

/* A broadcaster's channels and stations are listed whole: "BBC Radio
 * 4" gave the ORG "BBC Radio" and a CARDINAL "4", "BBC One" the ORG
 * "BBC" alone. */
START_TEST (test_broadcaster_channels)
{
  ck_assert_tags ("He told BBC Radio 4 and BBC One viewers, and Radio 1 played it.",
                  "ORG:BBC Radio 4|ORG:BBC One|ORG:Radio 1");
}
END_TEST

/* Two initials in capitals before a listed surname open a name, as
 * British papers write it; before another word they may open a company's
 * name, and stay out ("XQ Quellmark" is nothing). */
START_TEST (test_caps_initials_before_a_surname)
{
  ck_assert_tags ("Author JK Rowling spoke to PJ Harvey.", "PERSON:JK Rowling|PERSON:PJ Harvey");
  ck_assert_tags ("Workers at XQ Quellmark struck.", "");
}
END_TEST

/* "Federal funds" is the market's term, no person after "said" (8
 * times on the real-news file); a national news agency is an
 * organisation where a speech verb made it a person ("Tanjug said"). */
START_TEST (test_news_agency_and_fed_funds)
{
  ck_assert_tags ("Dealers said Federal funds were trading at 6 pct, Tanjug said.",
                  "PERCENT:6 pct|ORG:Tanjug");
}
END_TEST

/* "Royal Dutch/Shell Group" gave the PERSON "Royal" and the NORP
 * "Dutch" (59 times on the real-news file); "Brent crude" is a grade
 * of oil, no person named Brent, and "West Texas Intermediate" and "Arab
 * Light" are grades too, no place or people of the story (45 on
 * news-dev; issue 17, forty-ninth round). */
START_TEST (test_royal_dutch_and_brent_crude)
{
  ck_assert_tags ("Royal Dutch/Shell Group earnings rose. Brent crude fell.",
                  "ORG:Royal Dutch|ORG:Shell Group");
  ck_assert_tags ("West Texas Intermediate rose and Arab Light fell in West Texas.",
                  "GPE:West Texas");
}
END_TEST

/* Names that open with a people's word or a listed one-word body, now
 * listed (issue 17, forty-ninth round): they were a NORP and a
 * fragment, or two ORGs. */
/* A given name before a listed company named with a possessive is a
 * person's name (issue 17, fifty-first round); the company alone and a
 * listed rating agency keep their names. */
START_TEST (test_given_name_before_possessive_company_is_person)
{
  ck_assert_tags ("Ronald McDonald's smile sold burgers at McDonald's.",
                  "PERSON:Ronald McDonald|ORG:McDonald's");
  ck_assert_tags ("Duff and Phelps said Lloyd's of London agreed.",
                  "ORG:Duff and Phelps|ORG:Lloyd's of London");
}
END_TEST

/* A one-word place between a given name and a capitalised word is a
 * middle name (issue 17, fifty-second round). */
START_TEST (test_place_as_middle_name)
{
  ck_assert_tags ("The former manager, Saul Israel Holiff, has died in Israel.",
                  "PERSON:Saul Israel Holiff|GPE:Israel");
}
END_TEST

START_TEST (test_listed_names_with_peoples_words)
{
  ck_assert_tags ("The Trades Union Congress and the British Phonographic Industry said "
                  "British American Tobacco and Allied Irish Banks fell.",
                  "ORG:Trades Union Congress|ORG:British Phonographic Industry"
                  "|ORG:British American Tobacco|ORG:Allied Irish Banks");
  /* the trade bodies of the 1980s wire (issue 17, sixty-fifth round) */
  ck_assert_tags ("Talks under the General Agreement on Tariffs and Trade resumed; GATT, "
                  "Comecon and the Group of Five met.",
                  "ORG:General Agreement on Tariffs and Trade|ORG:GATT|ORG:Comecon"
                  "|ORG:Group of Five");
}
END_TEST

/* An island that is a country, a state or a region is a GPE; the list
 * of islands, read after the countries and regions, made Cyprus, Malta,
 * Iceland, Hawaii and Alaska places (LOC). An island that is only an
 * island stays one. */
START_TEST (test_island_state_is_a_gpe)
{
  ck_assert_tags ("Cyprus, Malta and Iceland joined; Hawaii and Sicily voted; Borneo flooded.",
                  "GPE:Cyprus|GPE:Malta|GPE:Iceland|GPE:Hawaii|GPE:Sicily|LOC:Borneo");
}
END_TEST

/* Investment banks, brokers and companies named after their founders
 * are listed: "Merrill Lynch" was a PERSON (41 times on the real-news
 * file), as were "Smith Barney" and "Philip Morris"; "International"
 * ends a company's name ("Morgan Stanley International" gave the ORG
 * and a PERSON "International" before a speech verb). */
START_TEST (test_firm_named_after_people)
{
  ck_assert_tags ("Merrill Lynch are sole bookrunners, Smith Barney said.",
                  "ORG:Merrill Lynch|ORG:Smith Barney");
  ck_assert_tags ("Morgan Stanley International said it would sell.",
                  "ORG:Morgan Stanley International");
  ck_assert_tags ("Smith Barney, Harris Upham and Co Inc led the issue.",
                  "ORG:Smith Barney, Harris Upham and Co Inc");
}
END_TEST

/* A partnership's name writes a comma before its last partner and "and
 * Co": the partners before the comma are the company's, no person; a
 * date, a company or a list's "X and Y" before the comma stays apart
 * (issue 17, tenth round). */
START_TEST (test_comma_inside_a_partnership)
{
  ck_assert_tags ("The bonds were sold through Quellwick, Varga and Co on Monday.",
                  "ORG:Quellwick, Varga and Co|DATE:Monday");
  ck_assert_tags ("The adviser was Brindle Haskett, Ortolan Pym and Co in London.",
                  "ORG:Brindle Haskett, Ortolan Pym and Co|GPE:London");
  ck_assert_tags ("They hired Pellam, Ruskoe, Varga and Co last week.",
                  "ORG:Pellam, Ruskoe, Varga and Co|DATE:last week");
  ck_assert_tags ("The managers are Quellmark Oil Inc, Varga Pell and Co and others.",
                  "ORG:Quellmark Oil Inc|ORG:Varga Pell and Co");
  ck_assert_tags ("On Monday, Varga Pell and Co sold the bonds.",
                  "DATE:Monday|ORG:Varga Pell and Co");
  ck_assert_tags ("The deal between Quellwick and Ruskoe, Varga and Co ended.",
                  "ORG:Varga and Co");
}
END_TEST

/* An organisation word alone that a rule typed a person (after a role,
 * before a speech verb) is no person: the document's other mentions
 * type it, or nothing does; a title's name stays a person (issue 17,
 * tenth round). */
START_TEST (test_organisation_word_alone_is_no_person)
{
  ck_assert_tags ("The executive Commission will meet on Monday.", "DATE:Monday");
  ck_assert_tags ("The plan was drafted by the executive Commission in Brussels. "
                  "The Commission said it would act.",
                  "ORG:Commission|GPE:Brussels|ORG:Commission");
  ck_assert_tags ("The notes were priced at par, lead manager Quellmark Securities (Europe) Ltd said.",
                  "ORG:Quellmark Securities|LOC:Europe");
  ck_assert_tags ("Profits fell, said Mr. Steel, the chairman.", "PERSON:Steel");
}
END_TEST

/* An agreement's word before "on" or "of" and a capitalised word names
 * a treaty, no person, though a title opens it; a title and a name
 * before "on" stay a person (issue 17, ninth round). */
START_TEST (test_agreement_on_names_a_treaty)
{
  ck_assert_tags ("Ines Varga signed the General Agreement on Quarry Rights last year.",
                  "PERSON:Ines Varga|DATE:last year");
  ck_assert_tags ("Ines Varga met General Quellwick on Monday.",
                  "PERSON:Ines Varga|PERSON:Quellwick|DATE:Monday");
}
END_TEST

/* A bare "Co" that ends a name of two words or more ends a company's,
 * as "Co." does, and "and" before such a name joins it; after one it
 * does not (issue 17, ninth round). */
START_TEST (test_bare_co_ends_a_company)
{
  ck_assert_tags ("A lawyer for Quellmark Oil Co spoke.", "ORG:Quellmark Oil Co");
  ck_assert_tags ("A lawyer for Quellmark Tire and Rubber Co spoke.", "ORG:Quellmark Tire and Rubber Co");
  ck_assert_tags ("Lawyers for Quellmark Oil Co and Varga Rubber Co spoke.",
                  "ORG:Quellmark Oil Co|ORG:Varga Rubber Co");
}
END_TEST

/* One sense per document: a single word that the document also writes
 * with a company's bare "Co" is the company, not a person (issue 17,
 * ninth round). */
START_TEST (test_short_form_of_a_co_company)
{
  ck_assert_tags ("Quellmark Co will build a plant in Ohio. Quellmark said sales grew.",
                  "ORG:Quellmark Co|GPE:Ohio|ORG:Quellmark");
}
END_TEST

/* The first words of a company's name with its legal form name the
 * company in the rest of the document, where they look like a person's
 * full name ("Outboard Marine Corp ... Outboard Marine said" was a
 * PERSON) or a place's ("Texas Eastern", a GPE); and the first word
 * alone then joins the company, not that "person". Not a name without a legal form ("Stan Lee Media" does not
 * make a company of Stan Lee). */
START_TEST (test_company_first_words_name_it)
{
  assert_joins ("Quellmark Varga Corp rose. Quellmark Varga said sales grew. Quellmark fell.",
                "ORG:Quellmark Varga Corp|ORG:Quellmark Varga|ORG:Quellmark",
                "Quellmark Varga Corp", "Quellmark Varga");
  ck_assert_tags ("Stan Lee Media rose. Stan Lee said sales grew.",
                  "ORG:Stan Lee Media|PERSON:Stan Lee");
  /* a place guessed from its words too */
  ck_assert_tags ("Texas Eastern Corp rose. Texas Eastern said sales grew.",
                  "ORG:Texas Eastern Corp|ORG:Texas Eastern");
}
END_TEST

/* A common word capitalised by its place opens a company's name that
 * ends with its legal form, and names the company alone where a guess
 * made it a person; an adverb, a preposition or a verb's form opening
 * the sentence does not; "Gross" before a noun is no surname (issue 17,
 * twenty-eighth round). */
START_TEST (test_common_word_opens_company_at_sentence_start)
{
  ck_assert_tags ("Prices fell. Environmental Quellmark Co reported a loss. Sales were flat, "
                  "Environmental said.",
                  "ORG:Environmental Quellmark Co|ORG:Environmental");
  ck_assert_tags ("Prices fell. First Quellmark Corp said no.", "ORG:First Quellmark Corp");
  ck_assert_tags ("Prices fell. Meanwhile Quellmark Corp said no.", "ORG:Quellmark Corp");
  ck_assert_tags ("Prices fell. Replacing Quellmark Corp was hard.", "ORG:Quellmark Corp");
  ck_assert_tags ("Prices fell. Analysts Quellmark Corp hired said no.", "ORG:Quellmark Corp");
  ck_assert_tags ("Prices fell. Gross profit rose.", "");
}
END_TEST

/* A word in title case with no vowel is an abbreviation (a table's
 * head), no part of a guessed name; not "Jr", nor a word whose vowel is
 * its capital (issue 17, twenty-ninth round). */
START_TEST (test_abbreviation_makes_no_person)
{
  ck_assert_tags ("He met Prev Wk in Paris. Wilmot Wheeler Jr said so.",
                  "GPE:Paris|PERSON:Wilmot Wheeler Jr");
  ck_assert_tags ("Ind Ttl-F rose to 24,355.5.", "CARDINAL:24,355.5");
  ck_assert_tags ("Doc Ock returns.", "PERSON:Doc Ock");
}
END_TEST

/* A plural acronym (DVDs, ISPs, PCs) names things or groups, never a
 * person: not after a role word ("rival"), not in a run of capitalised
 * words at a sentence's start ("Fake DVDs"), whose PERSON the document
 * then gave every later "DVDs" (issue 17, thirty-first round). A name
 * after "rival" is still a person. */
START_TEST (test_plural_acronym_is_no_person)
{
  ck_assert_tags ("Many rival ISPs have begun to offer faster lines.", "");
  ck_assert_tags ("Fake DVDs were sold in the market. Officers seized the DVDs.", "");
  ck_assert_tags ("His rival Kessling won.", "PERSON:Kessling");
}
END_TEST

/* An award named by a given name is no person: after "a"/"an", before
 * a word of awards, or as a category's prize (issue 17, thirty-third
 * round: "Oscar" was a PERSON 31 times on the real-news file). The
 * same given name still names a person before a verb, and a word that
 * is a surname too (Allen) is untouched. */
START_TEST (test_award_named_by_given_name_is_no_person)
{
  ck_assert_tags ("She is up for an Oscar this year.", "DATE:this year");
  ck_assert_tags ("The Oscar nominees were named.", "");
  ck_assert_tags ("Imelda Staunton may win the best actress Oscar.", "PERSON:Imelda Staunton");
  ck_assert_tags ("The output of the Brent field fell.", "");
  ck_assert_tags ("Oscar said he was tired.", "PERSON:Oscar");
  ck_assert_tags ("Allen winning the final was a surprise.", "PERSON:Allen");
}
END_TEST

/* Acronyms of technologies and genres are listed as non-entities: an
 * unknown acronym is otherwise an organisation (issue 17, thirty-second
 * round: DVD, R&B, IPTV, UWB were ORGs on the real-news file). An
 * unlisted one still is. */
START_TEST (test_technology_acronyms_are_no_organisations)
{
  ck_assert_tags ("The DVD outsold the CD. R&B and VoIP grew, and IPTV came.", "");
  ck_assert_tags ("The ZQXV said so.", "ORG:ZQXV");
}
END_TEST

/* An organisation word capitalised after "your", "our" or "their"
 * names the body, as after "the"; not one that every body of its kind
 * uses, nor in lower case (issue 17, fifth round). */
START_TEST (test_organisation_word_after_possessive)
{
  ck_assert_tags ("We have approached you and your Party before. Their Government fell.", "ORG:Party");
  ck_assert_tags ("We have approached you and your party before.", "");
}
END_TEST

/* The role's rule reads the two tokens before the name: a name that is
 * the text's third token has them (a headline's lower-case start). */
START_TEST (test_role_at_name_of_the_third_token)
{
  ck_assert_tags ("analyst at Kessling Maru, Ines Varga expects rates to rise.",
                  "ORG:Kessling Maru|PERSON:Ines Varga");
}
END_TEST

/* A compass point before another capitalised word opens a name or a
 * people, not a region of its own: "the West German mark", "the South
 * Quellmark Hills". */
START_TEST (test_compass_point_before_a_name_is_no_region)
{
  ck_assert_tags ("Trade in the West German mark slowed. She moved to the South Quellmark Hills.",
                  "NORP:West German|LOC:South Quellmark Hills");
}
END_TEST

/* "the State of X" takes "State" and the listed place alone: "the State
 * Bank of Ohio" is a bank. */
START_TEST (test_state_bank_of_place_is_not_gpe)
{
  ck_assert_tags ("The State Bank of Ohio lent money.", "ORG:State Bank of Ohio");
}
END_TEST

START_TEST (test_lower_case_role_marks_person)
{
  ck_assert_tags ("The goal was scored by striker Zoltek.", "PERSON:Zoltek");
}
END_TEST

START_TEST (test_surname_particles_stay_in_name)
{
  ck_assert_tags ("The plan came from Ursula von der Leyen.", "PERSON:Ursula von der Leyen");
}
END_TEST

START_TEST (test_surname_first_name_is_person)
{
  ck_assert_tags ("Doctors remembered Li Wenliang.", "PERSON:Li Wenliang");
}
END_TEST

/* "He" is a Chinese surname and the pronoun: a quotation that opens with
 * "He" capitalises it mid-sentence, which once made the pronoun a name
 * through the whole article ("He says" a PERSON) */
START_TEST (test_pronoun_he_is_no_name_but_he_lifeng_is)
{
  ck_assert_tags ("It rained. He says so. Mr Milburn said: \"He is not some unknown hopeful.\"",
                  "PERSON:Milburn");
  ck_assert_tags ("Vice Premier He Lifeng met Wang Yi. He said talks went well.",
                  "PERSON:He Lifeng|PERSON:Wang Yi");
}
END_TEST

START_TEST (test_hyphenated_surname_is_one_name)
{
  ck_assert_tags ("Claire Bailey-Ross wrote the paper.", "PERSON:Claire Bailey-Ross");
}
END_TEST

START_TEST (test_possessive_is_left_out)
{
  ck_assert_tags ("China's economy grew while Blinken's visit ended.", "GPE:China|PERSON:Blinken");
}
END_TEST

START_TEST (test_gazetteer_person_alone)
{
  ck_assert_tags ("Critics say Zelensky needs more support.", "PERSON:Zelensky");
}
END_TEST

/* ---- organisations ---- */

START_TEST (test_organisation_word_ends_org)
{
  ck_assert_tags ("Shares of Quorvex Holdings fell.", "ORG:Quorvex Holdings");
}
END_TEST

START_TEST (test_x_of_y_organisation)
{
  ck_assert_tags ("He joined the Ministry of Fisheries and left the University of Vardo.",
                  "ORG:Ministry of Fisheries|ORG:University of Vardo");
}
END_TEST

START_TEST (test_bank_of_england_is_org_not_place)
{
  ck_assert_tags ("The Bank of England raised rates.", "ORG:Bank of England");
}
END_TEST

START_TEST (test_org_and_org_word)
{
  ck_assert_tags ("The Competition and Markets Authority approved it.",
                  "ORG:Competition and Markets Authority");
}
END_TEST

START_TEST (test_gazetteer_acronym_is_org)
{
  ck_assert_tags ("NATO allies met in Brussels.", "ORG:NATO|GPE:Brussels");
}
END_TEST

START_TEST (test_unknown_acronym_is_org)
{
  ck_assert_tags ("A statement from the QRTF followed.", "ORG:QRTF");
}
END_TEST

START_TEST (test_unknown_acronym_without_evidence_is_not_an_entity)
{
  ck_assert_tags ("Remote sensing of SSS improved after the GIS upgrade.", "");
}
END_TEST

START_TEST (test_unknown_acronym_after_its_organisation_is_org)
{
  ck_assert_tags ("She studied at Stony Brook University (SBUX) for a year.",
                  "ORG:Stony Brook University|ORG:SBUX|DATE:a year");
}
END_TEST

START_TEST (test_unknown_acronym_spelled_out_takes_its_type)
{
  ck_assert_tags ("The Quarry Road Task Force (QRTF) met. QRTF members agreed.",
                  "ORG:Quarry Road Task Force|ORG:QRTF|ORG:QRTF");
}
END_TEST

START_TEST (test_unknown_acronym_with_possessive_or_speech_is_org)
{
  ck_assert_tags ("QRTF said on Monday that ZBXK's plan failed.",
                  "ORG:QRTF|DATE:Monday|ORG:ZBXK");
}
END_TEST

/* Defined by lower-case words, an acronym names a term in the whole
 * document, even where its context would make it a name ("from the
 * QBT", "QBT said"). */
START_TEST (test_acronym_defined_by_lower_case_words_is_a_term)
{
  ck_assert_tags ("Engineers measured the quarterly basin temperature (QBT) twice. "
                  "Readings from the QBT rose. QBT said little. "
                  "Staff in quality control and testing (QCT) left the QCT.",
                  "");
  ck_assert_tags ("The Quarry Basin Trust (QBT) met. Readings from the QBT rose.",
                  "ORG:Quarry Basin Trust|ORG:QBT|ORG:QBT");
}
END_TEST

/* One capitalised word before "poll" is the pollster; not the last word
 * of a longer name, nor before "survey" (issue 17, twelfth round). */
START_TEST (test_word_before_poll_is_a_pollster)
{
  ck_assert_tags ("The latest Quibly poll put her ahead.", "ORG:Quibly");
  ck_assert_tags ("A Quibly poll put her ahead.", "ORG:Quibly");
  ck_assert_tags ("Voters told the Morning Quibly poll little.", "");
  ck_assert_tags ("Voters told the annual Quibly survey little.", "");
}
END_TEST

/* The name in parentheses between a dateline's town and a dash credits
 * an agency or a paper, an ORG whatever its words; not without the
 * dash, nor after a town that does not open its line in capitals
 * (issue 17, fifteenth round). */
START_TEST (test_dateline_credit_is_an_organisation)
{
  ck_assert_tags ("BEIJING (Galley Wire) \u2014 Officials met on trade.", "GPE:BEIJING|ORG:Galley Wire");
  ck_assert_tags ("SEOUL (Kestrelpost) - Officials met on trade.", "GPE:SEOUL|ORG:Kestrelpost");
  ck_assert_tags ("CUPERTINO, Calif. (Kestrelpost) \u2013 Officials met on trade.",
                  "GPE:CUPERTINO|GPE:Calif.|ORG:Kestrelpost");
  ck_assert_tags ("Officials met on trade.\nLAGOS (Marbury Ketch) -- Officials met.",
                  "GPE:LAGOS|ORG:Marbury Ketch");
  ck_assert_tags ("BEIJING (Galley Wire) said little on trade.", "GPE:BEIJING|PERSON:Galley Wire");
  ck_assert_tags ("Seoul (Kestrelpost) \u2014 Officials met on trade.", "GPE:Seoul");
  ck_assert_tags ("Officials in SEOUL (Kestrelpost) \u2014 met on trade.", "GPE:SEOUL");
}
END_TEST

/* A dateline with a state and a credit of two words is in title case
 * with no lower-case word and a common word (Daily), and ends with no
 * period: it was taken for a headline, whose words are weak, and the
 * credit was lost, while `SEOUL (Kestrel Daily) —` (one capital fewer)
 * kept it. A parenthesis and a dash close a dateline, not a headline;
 * a title-case line ending in a dash alone is still a headline (the
 * near miss). */
START_TEST (test_dateline_credit_after_a_state_is_no_headline)
{
  ck_assert_tags ("CUPERTINO, Calif. (Kestrel Daily) \u2014 Officials met on trade.",
                  "GPE:CUPERTINO|GPE:Calif.|ORG:Kestrel Daily");
  ck_assert_tags ("AUSTIN, Texas (Kestrel Daily) -- Officials met on trade.",
                  "GPE:AUSTIN|GPE:Texas|ORG:Kestrel Daily");
  ck_assert_tags ("Storm Hits Daily Markets Again \u2014\nOfficials met on trade.", "");
}
END_TEST

/* A word whose only capital is its last letter (a unit, a slip of the
 * shift key) is no organisation; inner capitals that open a part still
 * make one (issue 17, twelfth round). */
START_TEST (test_word_ending_in_its_only_capital_is_no_organisation)
{
  ck_assert_tags ("Growers check the soil pH before planting.", "");
  ck_assert_tags ("Cold ocean swellS reached the harbour.", "");
  ck_assert_tags ("Buyers found the lamp on eBay.", "ORG:eBay");
}
END_TEST

/* An ordinal and "Circuit" name an appeals court, and a court's name
 * goes on through "for the" to its circuit (issue 17, twelfth round). */
START_TEST (test_ordinal_circuit_is_a_court)
{
  ck_assert_tags ("The Tenth Circuit said no.", "ORG:Tenth Circuit");
  ck_assert_tags ("Both sides wait for the Third Circuit.", "ORG:Third Circuit");
  ck_assert_tags ("Lawyers for the firm appealed to the Court of Appeals for the Eighth Circuit, "
                  "and the Eighth Circuit agreed.",
                  "ORG:Court of Appeals for the Eighth Circuit|ORG:Eighth Circuit");
}
END_TEST

/* "the X of" something: an unknown acronym there is a measure or a
 * term, not an organisation (issue 17, twelfth round). */
START_TEST (test_unknown_acronym_before_of_is_no_organisation)
{
  ck_assert_tags ("Analysts watched the QPI of Brazil fall.", "GPE:Brazil");
  ck_assert_tags ("Seen from the FPV of the drone, the field looked small.", "");
  ck_assert_tags ("A statement from the QRTF followed.", "ORG:QRTF");
}
END_TEST

/* Followed by the words it spells, in parentheses or brackets, an
 * acronym names a term in the whole document when they are lower case,
 * or capitalised with no organisation's or agreement's word among them
 * (issue 17, twelfth round). */
START_TEST (test_acronym_spelled_after_it_is_a_term)
{
  ck_assert_tags ("Pilots trust the DLS (dual landing system) now. Data from the DLS looked odd.", "");
  ck_assert_tags ("Growers added KRT [Kelp Root Tonic, a liquid feed] to the beds. "
                  "Then the KRT, sadly, ran out.",
                  "");
  ck_assert_tags ("The QRB (Quarry Road Board) met. Readings from the QRB rose.",
                  "ORG:QRB|ORG:Quarry Road Board|ORG:QRB");
  /* a treaty's acronym is the treaty (eighty-ninth round) */
  ck_assert_tags ("Both signed the VRT (Valley River Treaty) first. The VRT said little.",
                  "EVENT:VRT|EVENT:Valley River Treaty|ORDINAL:first|EVENT:VRT");
}
END_TEST

/* An unknown plural ends a business's or a thing's name, not a person's;
 * unless the first word may be a given name: an initial, a hyphenated
 * name, a word ending in s itself. */
START_TEST (test_unknown_name_ending_in_a_plural_is_no_person)
{
  ck_assert_tags ("She wrote for Quillmore Sports until 2011, then met Vasilis Kotronakis, "
                  "T. Brenner Dawkes and Karl-Heinz Mosters.",
                  "DATE:2011|PERSON:Vasilis Kotronakis|PERSON:T. Brenner Dawkes"
                  "|PERSON:Karl-Heinz Mosters");
}
END_TEST

/* A political adjective and "party" in lower case name the party; a
 * nationality before "party" stays a nationality. */
START_TEST (test_political_adjective_and_lower_case_party_is_org)
{
  ck_assert_tags ("She joined the Republican party in 1979. The Conservative party won, "
                  "and a German party leader came.",
                  "ORG:Republican party|DATE:1979|ORG:Conservative party|NORP:German");
}
END_TEST

/* "the Senate" names a body; "the Government", "the Group" point back
 * to one. */
START_TEST (test_generic_organisation_word_after_the_is_no_name)
{
  ck_assert_tags ("The bill went to the Senate. The Government said the Group and the "
                  "University would pay.",
                  "ORG:Senate");
}
END_TEST

/* In the Romance languages the organisation word opens the name. */
START_TEST (test_organisation_word_that_opens_a_name_is_org)
{
  ck_assert_tags ("She studied at the Conservatoire de Nantua and the Universidade da Ribeira, "
                  "then joined Banco Pindar.",
                  "ORG:Conservatoire de Nantua|ORG:Universidade da Ribeira|ORG:Banco Pindar");
}
END_TEST

/* A named mosque or synagogue is a building, as a temple is; a church
 * stays an organisation. */
START_TEST (test_mosque_and_synagogue_are_buildings)
{
  ck_assert_tags ("Crowds prayed at the Qadir Mosque and the Beth Tova Synagogue, "
                  "while the Catholic Church said nothing.",
                  "FAC:Qadir Mosque|FAC:Beth Tova Synagogue|ORG:Catholic Church");
}
END_TEST

/* A centre named for what the public does there is a building, even
 * where no "at" comes before it; a research centre is an organisation. */
START_TEST (test_public_centre_is_a_building)
{
  ck_assert_tags ("Visit the Marrow Lakes Science Center and the Brisk Community Center. "
                  "The Brisk Research Center said so.",
                  "FAC:Marrow Lakes Science Center|FAC:Brisk Community Center"
                  "|ORG:Brisk Research Center");
}
END_TEST

START_TEST (test_currency_code_is_not_an_organisation)
{
  ck_assert_tags ("A kayak costs 450 DKK per day and the tax is CUC 25.",
                  "CARDINAL:450|CARDINAL:25");
}
END_TEST

START_TEST (test_capitalised_pronoun_is_not_a_name)
{
  ck_assert_tags ("Well \u2013 She said thanks, and That said it all.", "");
}
END_TEST

START_TEST (test_given_name_before_state_is_a_town)
{
  ck_assert_tags ("We stayed a night in Eugene, Oregon.", "GPE:Eugene|GPE:Oregon");
}
END_TEST

START_TEST (test_place_words_springs_alley_cemetery)
{
  ck_assert_tags ("From Sand Springs we walked to Diagon Alley and Vvedenskoye Cemetery.",
                  "GPE:Sand Springs|FAC:Diagon Alley|FAC:Vvedenskoye Cemetery");
}
END_TEST

START_TEST (test_name_in_capitals_is_a_person)
{
  ck_assert_tags ("The motion was seconded by ALEX PADILLA of California.",
                  "PERSON:ALEX PADILLA|GPE:California");
}
END_TEST

START_TEST (test_common_acronym_is_not_an_entity)
{
  ck_assert_tags ("Investment in AI and GDP growth slowed.", "");
}
END_TEST

START_TEST (test_place_and_organisation_phrase_is_one_org)
{
  ck_assert_tags ("The U.S. National Hurricane Center warned.", "ORG:U.S. National Hurricane Center");
  /* a region's name before a listed organisation's (issue 17, round 44) */
  ck_assert_tags ("Shares of Pacific Southwest Airlines rose.", "ORG:Pacific Southwest Airlines");
  ck_assert_tags ("He flew over the Pacific on Southwest Airlines.",
                  "LOC:Pacific|ORG:Southwest Airlines");
}
END_TEST

/* ---- places ---- */

START_TEST (test_country_and_city_are_gpe)
{
  ck_assert_tags ("Talks moved from Nairobi to Kenya and Chile.",
                  "GPE:Nairobi|GPE:Kenya|GPE:Chile");
}
END_TEST

START_TEST (test_sea_and_region_are_loc)
{
  ck_assert_tags ("Ships crossed the South China Sea toward the Middle East.",
                  "LOC:South China Sea|LOC:Middle East");
}
END_TEST

START_TEST (test_place_suffix_makes_place)
{
  ck_assert_tags ("Floods followed the Quarro River and reached Dunmore Airport.",
                  "LOC:Quarro River|FAC:Dunmore Airport");
}
END_TEST

START_TEST (test_place_prefix_makes_place)
{
  ck_assert_tags ("Climbers left for Mount Orvel.", "LOC:Mount Orvel");
}
END_TEST

START_TEST (test_road_number_is_facility)
{
  ck_assert_tags ("Snow closed Highway 50 again.", "FAC:Highway 50");
}
END_TEST

START_TEST (test_direction_and_place_is_one_place)
{
  ck_assert_tags ("Fires spread across Southern California.", "GPE:Southern California");
}
END_TEST

START_TEST (test_town_before_comma_and_state_is_gpe)
{
  ck_assert_tags ("The plant in Brelford, Kentucky, will close.",
                  "GPE:Brelford|GPE:Kentucky");
}
END_TEST

START_TEST (test_place_before_hyphenated_word)
{
  ck_assert_tags ("The Kyiv-based group and a Russian-backed force.",
                  "GPE:Kyiv|NORP:Russian");
}
END_TEST

/* The name before a hyphen meets its listed phrase's case as a whole
 * token does: US and ICE are listed in capitals, and "us" and "ice"
 * are common words. */
START_TEST (test_name_before_hyphen_keeps_its_listed_case)
{
  ck_assert_tags ("US-led forces crossed Ice-covered roads, and Us-born players left.",
                  "GPE:US");
}
END_TEST

START_TEST (test_leading_the_is_left_out)
{
  ck_assert_tags ("He lives in the Netherlands.", "GPE:Netherlands");
}
END_TEST

/* ---- groups, events, products ---- */

START_TEST (test_nationality_is_norp)
{
  ck_assert_tags ("Ukrainian officials met Muslims and Republicans.",
                  "NORP:Ukrainian|NORP:Muslims|NORP:Republicans");
  /* the adjectives of the 1980s wire's countries (issue 17, sixty-fourth
   * round): "West German" was a NORP "German" */
  ck_assert_tags ("West German officials met Yugoslav, Ecuadorean and Philippine envoys.",
                  "NORP:West German|NORP:Yugoslav|NORP:Ecuadorean|NORP:Philippine");
}
END_TEST

START_TEST (test_storm_name_is_event)
{
  ck_assert_tags ("Hurricane Otis struck the coast.", "EVENT:Hurricane Otis");
}
END_TEST

/* Capitalised words and an agreement's word name a treaty, an EVENT as
 * the listed ones are (issue 17, eighty-ninth round); not a pact, a
 * protocol, nor a run with a title. */
START_TEST (test_agreement_name_is_event)
{
  ck_assert_tags ("They backed the Louvre Accord and the North American Free Trade Agreement.",
                  "EVENT:Louvre Accord|EVENT:North American Free Trade Agreement");
  ck_assert_tags ("The Warsaw Pact and the Zorland File Protocol held.", "");
  ck_assert_tags ("The Nazi-Soviet Pact was signed.", "");
  ck_assert_tags ("They met at the Louvre.", "FAC:Louvre");
}
END_TEST

/* A sentence's first word that the word list writes in lower case only
 * (common-words.dict) opens no name before a lower-case word or a given
 * name (issue 17, eighty-first round); before another capitalised word,
 * or "of" and one, it may, and a storm's or a place's word always does
 * ("Hurricane", listed, in the case above). */
START_TEST (test_common_first_word_opens_no_name)
{
  ck_assert_tags ("Fourteen people died in the fire.", "CARDINAL:Fourteen");
  ck_assert_tags ("Keeper Petr Cech saved twice.", "PERSON:Petr Cech");
  ck_assert_tags ("Opposition leader Rahul Gandhi spoke.", "PERSON:Rahul Gandhi");
  ck_assert_tags ("Bankers Trust Co said it would sell.", "ORG:Bankers Trust Co");
  ck_assert_tags ("Ministry of Primary Industries officials said so.",
                  "ORG:Ministry of Primary Industries");
  /* mid-sentence the list is not asked: a capital there is the writer's */
  ck_assert_tags ("They said Keeper Petr Cech saved twice.", "PERSON:Keeper Petr Cech");
}
END_TEST

START_TEST (test_model_number_is_product)
{
  ck_assert_tags ("Demand for the Galaxy S23 was strong.", "PRODUCT:Galaxy S23");
  /* a listed product's model number (issue 17, fifty-third round), not
   * an amount after it */
  ck_assert_tags ("The PlayStation 3 and Xbox 360 sold; Sony sold PlayStation 2 million times.",
                  "PRODUCT:PlayStation 3|PRODUCT:Xbox 360|ORG:Sony|PRODUCT:PlayStation"
                  "|CARDINAL:2 million");
}
END_TEST

/* ---- ambiguous words ---- */

START_TEST (test_washington_the_city)
{
  ck_assert_tags ("The envoy returned to Washington on Monday.",
                  "GPE:Washington|DATE:Monday");
}
END_TEST

START_TEST (test_washington_the_person)
{
  assert_joins ("George Washington crossed the river. Later, Washington became president.",
                "PERSON:George Washington|PERSON:Washington", "George Washington", "Washington");
}
END_TEST

START_TEST (test_washington_the_state)
{
  ck_assert_tags ("Voters in Washington state approved it.", "GPE:Washington");
}
END_TEST

START_TEST (test_may_the_month)
{
  ck_assert_tags ("The vote is due in May 2024.", "DATE:May 2024");
}
END_TEST

START_TEST (test_may_the_name)
{
  ck_assert_tags ("Theresa May resigned.", "PERSON:Theresa May");
}
END_TEST

START_TEST (test_may_the_verb)
{
  ck_assert_tags ("May I ask you something? Prices may rise.", "");
}
END_TEST

START_TEST (test_apple_the_company)
{
  ck_assert_tags ("Apple said iPhone sales fell.", "ORG:Apple|PRODUCT:iPhone");
}
END_TEST

START_TEST (test_apple_the_fruit)
{
  ck_assert_tags ("She ate an apple.", "");
}
END_TEST

/* ---- sentence starts and headlines ---- */

START_TEST (test_sentence_initial_common_word_is_not_entity)
{
  ck_assert_tags ("However, prices rose. Officials disagreed. Considering everything, "
                  "nothing changed.", "");
}
END_TEST

/* A lower-case word is looked up and tried by the scan alike wherever it
 * stands: first in its sentence, after an opening quote, or inside it
 * (the token pass takes the last through a path of its own). */
START_TEST (test_lower_case_words_start_patterns_anywhere_in_sentence)
{
  ck_assert_tags ("two hundred people came in the third quarter.",
                  "CARDINAL:two hundred|DATE:third quarter");
  ck_assert_tags ("They said two hundred people came in the third quarter.",
                  "CARDINAL:two hundred|DATE:third quarter");
  ck_assert_tags ("\"two hundred people came,\" they said.", "CARDINAL:two hundred");
}
END_TEST

/* the document's own evidence: the same word in lower case elsewhere */
START_TEST (test_sentence_initial_word_in_lower_case_elsewhere_is_not_a_name)
{
  ck_assert_tags ("Blorft said the plan would work.", "PERSON:Blorft");
  ck_assert_tags ("Blorft said the plan would work. Nobody trusted the blorft after that.", "");
}
END_TEST

/* a headline's lower-case words are no evidence, first sentence or last */
START_TEST (test_lower_case_word_in_headline_is_no_evidence)
{
  ck_assert_tags ("STORM HITS COAST TOWNS AGAIN blorft\n\nBlorft said the plan would work.",
                  "PERSON:Blorft");
  ck_assert_tags ("Blorft said the plan would work.\n\nSTORM HITS COAST TOWNS AGAIN IN blorft",
                  "PERSON:Blorft");
}
END_TEST

/* The same for a word the lexicon knows (a surname): the token pass
 * marks such a word by its id, not in the list of unknown words' hashes,
 * and a headline's marks are dropped with the headline, first sentence,
 * last, or twice in one headline. */
START_TEST (test_known_word_in_lower_case_elsewhere_or_in_headline)
{
  ck_assert_tags ("Garcia said the plan would work.", "PERSON:Garcia");
  ck_assert_tags ("Garcia said the plan would work. Nobody trusted the garcia after that.", "");
  ck_assert_tags ("Nobody trusted the garcia after that. Garcia said the plan would work.", "");
  ck_assert_tags ("STORM HITS COAST TOWNS AGAIN garcia\n\nGarcia said the plan would work.",
                  "PERSON:Garcia");
  ck_assert_tags ("Garcia said the plan would work.\n\nSTORM HITS COAST TOWNS AGAIN IN garcia",
                  "PERSON:Garcia");
  ck_assert_tags ("STORM HITS garcia COAST TOWNS AGAIN garcia\n\nGarcia said the plan would "
                  "work. Nobody trusted the garcia after that.", "");
}
END_TEST

/* ... unless the document capitalises it inside a sentence too, before
 * or after the sentence start */
START_TEST (test_word_capitalised_inside_a_sentence_outweighs_lower_case)
{
  ck_assert_tags ("Blorft said the plan would work. Nobody trusted the blorft, but Blorft stayed.",
                  "PERSON:Blorft");
  ck_assert_tags ("Nobody trusted the blorft, but Blorft stayed. Blorft said the plan would work.",
                  "PERSON:Blorft");
}
END_TEST

START_TEST (test_sentence_initial_name_is_entity)
{
  ck_assert_tags ("Kharkiv was shelled again.", "GPE:Kharkiv");
}
END_TEST

START_TEST (test_all_caps_headline)
{
  ck_assert_tags ("FLOODS HIT BANGLADESH AS INDIA OPENS DAMS\n\nHeavy rain fell.",
                  "GPE:BANGLADESH|GPE:INDIA");
}
END_TEST

START_TEST (test_title_case_headline_common_words)
{
  ck_assert_tags ("Storm Damage Forces Schools To Close In Kenya\n\nRain fell.",
                  "GPE:Kenya");
}
END_TEST

/* a title-case line is a headline only when a common word is
 * capitalised after its first word: a first word is capitalised
 * anyway, so "Storm" before three names makes no headline, and they
 * stay a name; "Storm Damage" does, and they are no evidence */
START_TEST (test_title_case_line_first_common_word_is_no_headline)
{
  ck_assert_tags ("Storm Blorft Glemm Kravitz\n\nRain fell.", "PERSON:Blorft Glemm Kravitz");
  ck_assert_tags ("Storm Damage Blorft Glemm Kravitz\n\nRain fell.", "");
}
END_TEST

START_TEST (test_byline_names_people)
{
  ck_assert_tags ("By JOHN LEICESTER and SAMYA KULLAB Associated Press\n\nThe talks ended.",
                  "PERSON:JOHN LEICESTER|PERSON:SAMYA KULLAB|ORG:Associated Press");
}
END_TEST

START_TEST (test_dateline_city_in_capitals)
{
  ck_assert_tags ("KYIV, Ukraine (AP) — Russian forces attacked.",
                  "GPE:KYIV|GPE:Ukraine|ORG:AP|NORP:Russian");
}
END_TEST

START_TEST (test_post_nominal_letters_left_out)
{
  ck_assert_tags ("Daniel Bernoulli FRS was born in Groningen.",
                  "PERSON:Daniel Bernoulli|GPE:Groningen");
}
END_TEST

START_TEST (test_party_and_state_after_name_is_nothing)
{
  ck_assert_tags ("Sen. Mitch McConnell, R-Ky., spoke.", "PERSON:Mitch McConnell");
}
END_TEST

START_TEST (test_work_after_possessive_is_not_a_person)
{
  ck_assert_tags ("Critics praised his Cello Concerto and Waugh's Brideshead Revisited.", "");
}
END_TEST

START_TEST (test_person_after_country_possessive)
{
  ck_assert_tags ("Kenya's Eliud Kipchoge won.", "GPE:Kenya|PERSON:Eliud Kipchoge");
}
END_TEST

START_TEST (test_family_name_is_not_an_entity)
{
  ck_assert_tags ("The Bernoulli family came from Antwerp.", "GPE:Antwerp");
}
END_TEST

START_TEST (test_place_after_nobility_title)
{
  ck_assert_tags ("He met the Earl of Clare.", "GPE:Clare");
}
END_TEST

/* ---- numbers, dates, times ---- */

START_TEST (test_money_with_magnitude)
{
  g_autoptr (GalleyDocument) doc = run ("The deal was worth $95 billion.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *norm;
  gint64 cluster;

  ck_assert_str_eq (got, "MONEY:$95 billion");
  features_of (doc, "$95 billion", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "USD 95000000000");
}
END_TEST

/* 16.4 * 1e9 and 4.1 * 1e6 are a hair below whole numbers in binary:
 * the norm is still the whole number, not "USD 1.64e+10" */
START_TEST (test_money_magnitude_norm_is_whole)
{
  g_autoptr (GalleyDocument) doc = run ("Sales fell to $16.4 billion, or $4.1 million a day, for $2.5 each.");
  const char *norm;
  gint64 cluster;

  features_of (doc, "$16.4 billion", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "USD 16400000000");
  features_of (doc, "$4.1 million", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "USD 4100000");
  features_of (doc, "$2.5", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "USD 2.5");
}
END_TEST

START_TEST (test_money_with_currency_word)
{
  ck_assert_tags ("It cost 60 billion euros and £5m.", "MONEY:60 billion euros|MONEY:£5m");
}
END_TEST

/* Wire copy's abbreviations, the euro's forerunners, and the currency a
 * country's word names (issue 17, fifty-fifth round): "dlrs" were no
 * currency, and every dollar was USD. */
START_TEST (test_money_in_wire_style)
{
  g_autoptr (GalleyDocument) doc = run ("Net was 5.2 mln dlrs, or 30 cts a share, against 12 mln stg, "
                                        "500 mln Canadian dlrs, 50 Canadian cts, 10 mln French francs, "
                                        "83 mln guilders, 255 mln marks and 330 Ecus. SHR 30 CTS VS 34 DLRS.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *norm;
  gint64 cluster;
  const char *const want[][2] = {
    { "5.2 mln dlrs", "USD 5200000" },      { "30 cts", "USD 0.3" },
    { "12 mln stg", "GBP 12000000" },       { "500 mln Canadian dlrs", "CAD 500000000" },
    { "50 Canadian cts", "CAD 0.5" },       { "10 mln French francs", "FRF 10000000" },
    { "83 mln guilders", "NLG 83000000" },  { "255 mln marks", "DEM 255000000" },
    { "34 DLRS", "USD 34" },               { "330 Ecus", "XEU 330" },
  };

  ck_assert_str_eq (got, "MONEY:5.2 mln dlrs|MONEY:30 cts|MONEY:12 mln stg|MONEY:500 mln Canadian dlrs|"
                         "MONEY:50 Canadian cts|MONEY:10 mln French francs|MONEY:83 mln guilders|"
                         "MONEY:255 mln marks|MONEY:330 Ecus|MONEY:30 CTS|MONEY:34 DLRS");
  assert_norms (doc, want, G_N_ELEMENTS (want));
  /* crowns: a country's word, else the country the story names first,
   * else no money (issue 17, fifty-ninth round) */
  {
    g_autoptr (GalleyDocument) crowns =
      run ("COPENHAGEN, March 3 - It paid 5 mln crowns and 2 mln Swedish crowns.");
    const char *const crown_norms[][2] = {
      { "5 mln crowns", "DKK 5000000" }, { "2 mln Swedish crowns", "SEK 2000000" },
    };

    assert_norms (crowns, crown_norms, G_N_ELEMENTS (crown_norms));
    ck_assert_tags ("The king wore three crowns.", "CARDINAL:three");
    /* whole marks are money only where the story names Germany */
    ck_assert_tags ("She scored 95 marks out of 100.", "CARDINAL:95|CARDINAL:100");
    ck_assert_tags ("In Frankfurt, shares fell 10 marks.", "GPE:Frankfurt|MONEY:10 marks");
  }
  /* pence as British news writes them (issue 17, fifty-sixth round);
   * not a video's lines */
  g_clear_pointer (&doc, galley_document_free);
  g_clear_pointer (&got, g_free);
  doc = run ("It offered 300p a share; Prudential fell 9p to 270.25p. It streams 1080p video.");
  got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  ck_assert_str_eq (got, "MONEY:300p|MONEY:9p|MONEY:270.25p");
  features_of (doc, "270.25p", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "GBP 2.7025");
  /* not the index's mark, nor a name that is a currency too */
  ck_assert_tags ("The Dow crossed the 2,000 mark, and the 1999 Marks Prize went to Ann Reich, "
                  "(Hein, Reich, Marks, 2016).",
                  "CARDINAL:2,000|DATE:1999|PERSON:Ann Reich|PERSON:Hein|PERSON:Reich|PERSON:Marks"
                  "|DATE:2016");
}
END_TEST

/* NZ$40: the letters before "$" give the currency. A capitalised word
 * is tried for a number only when it may start one: in a title-case
 * headline "NZ" is no name, and only the letters-and-"$" test lets the
 * scan try it; "Monday" is tried for its class. */
START_TEST (test_money_after_letters_and_dollar_sign)
{
  g_autoptr (GalleyDocument) doc = run ("Firm Pays NZ$40 Million To Former Boss\n\n"
                                        "The firm paid it on Monday.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *const want[][2] = { { "NZ$40", "NZD 40" }, { "Monday", "monday" } };

  ck_assert_str_eq (got, "MONEY:NZ$40|DATE:Monday");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

/* A$, C$, S$: one capital letter before "$" is a currency too (a single
 * capital is title case, not upper case); and US$, HK$ are money before
 * they are the name of a place. */
START_TEST (test_money_after_one_letter_or_a_place_code_and_dollar_sign)
{
  g_autoptr (GalleyDocument) doc = run ("The brewer paid A$3.1bn, C$3 billion and S$2 million; "
                                        "Lenovo made HK$327m (US$42m). A $5 bill.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *const want[][2] = {
    { "A$3.1bn", "AUD 3100000000" }, { "C$3 billion", "CAD 3000000000" },
    { "S$2 million", "SGD 2000000" }, { "HK$327m", "HKD 327000000" },
    { "US$42m", "USD 42000000" }, { "$5", "USD 5" },
  };

  ck_assert_str_eq (got, "MONEY:A$3.1bn|MONEY:C$3 billion|MONEY:S$2 million|"
                         "ORG:Lenovo|MONEY:HK$327m|MONEY:US$42m|MONEY:$5");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

START_TEST (test_percent)
{
  ck_assert_tags ("Inflation rose 3.5% after a 12 percent jump.",
                  "PERCENT:3.5%|PERCENT:12 percent");
}
END_TEST

START_TEST (test_quantity)
{
  ck_assert_tags ("The quake hit 40 kilometres away.", "QUANTITY:40 kilometres");
  /* the commodity desks' units and months (issue 17, fifty-eighth
   * round); "long" and "short" only before tons */
  ck_assert_tags ("It sold 2 mln metric tons, 47 mln bushels, 400,000 bales and 2 bcf "
                  "in the nine mths; 2 long hauls.",
                  "QUANTITY:2 mln metric tons|QUANTITY:47 mln bushels|QUANTITY:400,000 bales"
                  "|QUANTITY:2 bcf|DATE:nine mths|CARDINAL:2");
}
END_TEST

START_TEST (test_ordinal)
{
  ck_assert_tags ("It was the first visit and the 21st attempt.", "ORDINAL:first|ORDINAL:21st");
}
END_TEST

START_TEST (test_cardinal_with_approximator)
{
  ck_assert_tags ("More than 8,000 people and about three dogs fled.",
                  "CARDINAL:More than 8,000|CARDINAL:about three");
}
END_TEST

/* a, an and the approximators' words (at, as, more) start a number only
 * before one, a period only before a unit of time, money only glued to
 * "$" (AN$3: letters before "$"); anywhere else they start nothing */
START_TEST (test_approximator_and_article_words_start_little)
{
  g_autoptr (GalleyDocument) doc =
    run ("He paid AN$3, a week earlier, at least 30 people said, as a second day began; "
         "he paid a fee at the gate as usual, more or less.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  static const char *const want[][2] = {
    { "AN$3", "USD 3" }, { "a week earlier", "a week earlier" }, { "at least 30", "30" },
    { "a second day", "a second day" },
  };

  ck_assert_str_eq (got, "MONEY:AN$3|DATE:a week earlier|CARDINAL:at least 30|"
                         "DATE:a second day");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

START_TEST (test_weekday_and_modified_weekday)
{
  ck_assert_tags ("They met on Friday and again late Sunday.", "DATE:Friday|DATE:late Sunday");
}
END_TEST

START_TEST (test_relative_dates)
{
  ck_assert_tags ("Sales fell last year and earlier this month.",
                  "DATE:last year|DATE:earlier this month");
}
END_TEST

START_TEST (test_full_date_norm)
{
  g_autoptr (GalleyDocument) doc = run ("It opened on May 3, 2024, in the rain.");
  const char *norm;
  gint64 cluster;

  features_of (doc, "May 3, 2024", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "2024-05-03");
}
END_TEST

START_TEST (test_time_norm)
{
  g_autoptr (GalleyDocument) doc = run ("They met at 5:30 p.m. local time.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *norm;
  gint64 cluster;

  ck_assert_str_eq (got, "TIME:5:30 p.m.");
  features_of (doc, "5:30 p.m.", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "17:30");
  /* four digits before a time zone (issue 17, fifty-seventh round); not
   * a year, nor hours past 23 */
  g_clear_pointer (&doc, galley_document_free);
  g_clear_pointer (&got, g_free);
  doc = run ("Trading starts at 0830 GMT, as in 1987 GMT rules, with 2500 GMT staff.");
  got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  ck_assert_str_eq (got, "TIME:0830 GMT|DATE:1987|CARDINAL:2500");
  features_of (doc, "0830 GMT", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "08:30");
  /* the zone with its sentence's full stop, which stays out of the span */
  ck_assert_tags ("It closed at 1600 EST. It rose at 4 p.m. EDT.", "TIME:1600 EST|TIME:4 p.m. EDT");
}
END_TEST

/* numeric norms: a sign, zero, many digits, a fraction */
START_TEST (test_numeric_norms_of_signed_and_long_numbers)
{
  g_autoptr (GalleyDocument) doc =
    run ("The loss was -12 percent and 0 people came. It cost $1,234,567 in 1999. "
         "Shares fell -3.5% to 7 million.");
  static const char *const want[][2] = {
    { "-12 percent", "-12%" }, { "0", "0" }, { "$1,234,567", "USD 1234567" },
    { "1999", "1999" }, { "-3.5%", "-3.5%" }, { "7 million", "7000000" },
  };

  ck_assert_tags ("The loss was -12 percent and 0 people came. It cost $1,234,567 in 1999. "
                  "Shares fell -3.5% to 7 million.",
                  "PERCENT:-12 percent|CARDINAL:0|MONEY:$1,234,567|DATE:1999|PERCENT:-3.5%"
                  "|CARDINAL:7 million");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

/* The markets' fractions, alone or after a whole number (issue 17,
 * fifty-ninth round); not 9/11, 24/7 or 4/8. */
START_TEST (test_market_fractions)
{
  g_autoptr (GalleyDocument) doc =
    run ("It fell 1-1/2 pct to 22-1/4 dlrs and rose 3/8 pct; open 24/7 since 9/11, and 4/8 too.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  static const char *const want[][2] = {
    { "1-1/2 pct", "1.5%" }, { "22-1/4 dlrs", "USD 22.25" }, { "3/8 pct", "0.375%" },
  };

  ck_assert_str_eq (got, "PERCENT:1-1/2 pct|MONEY:22-1/4 dlrs|PERCENT:3/8 pct|EVENT:9/11");
  assert_norms (doc, want, G_N_ELEMENTS (want));
  /* a numerator no int holds (once cast before its range was tested:
   * UBSan, fuzz-text-chain) */
  ck_assert_tags ("It was 99999999999/2 and 99999999999999999999/4.", "");
}
END_TEST

/* Seasons and fiscal years, and a unit of time after a hyphen (issue 17,
 * fifty-ninth round); not years that do not follow each other, nor a
 * unit that is not one of time. */
START_TEST (test_seasons_and_hyphenated_durations)
{
  ck_assert_tags ("In the 1986/87 season, 1986-87 and 1999/2000, ratios of 1000/500 and "
                  "1986/88, a range of 10-95, a 20-year bond, a 24-hour visit and an 11-member team.",
                  "DATE:1986/87|DATE:1986-87|DATE:1999/2000|CARDINAL:10-95|DATE:20-year"
                  "|TIME:24-hour");
  ck_assert_tags ("Sales in 1986-95 rose.", "CARDINAL:1986-95");
}
END_TEST

/* norms under one, written by hand as %.6g writes them: leading zeros,
 * six significant digits, trailing zeros dropped, a sign */
START_TEST (test_numeric_norms_under_one)
{
  g_autoptr (GalleyDocument) doc =
    run ("It paid 0.25 cts, 30 cts, 12.5 cts, 0.123456789 percent, -0.5 percent and 0.0012345678 percent.");
  static const char *const want[][2] = {
    { "0.25 cts", "USD 0.0025" }, { "30 cts", "USD 0.3" }, { "12.5 cts", "USD 0.125" },
    { "0.123456789 percent", "0.123457%" }, { "-0.5 percent", "-0.5%" },
    { "0.0012345678 percent", "0.00123457%" },
  };

  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

/* numeric norms written two digits at a time: round numbers, an odd
 * count of digits, zeros inside, a single digit, padded months, days
 * and hours */
START_TEST (test_numeric_norms_of_round_and_padded_numbers)
{
  static const char text[] =
    "Of 10 boats, 100 sank on 5 May 2008 at 9:05 a.m., and 1,000 more on 2024-01-05; "
    "90 percent were 10.5 metres long, and 3 cost $1,010,000.";
  g_autoptr (GalleyDocument) doc = run (text);
  static const char *const want[][2] = {
    { "10", "10" }, { "100", "100" }, { "5 May 2008", "2008-05-05" }, { "9:05 a.m.", "09:05" },
    { "1,000", "1000" }, { "2024-01-05", "2024-01-05" }, { "90 percent", "90%" },
    { "10.5 metres", "10.5 metres" }, { "3", "3" }, { "$1,010,000", "USD 1010000" },
  };

  ck_assert_tags (text, "CARDINAL:10|CARDINAL:100|DATE:5 May 2008|TIME:9:05 a.m.|CARDINAL:1,000|"
                        "DATE:2024-01-05|PERCENT:90 percent|QUANTITY:10.5 metres|CARDINAL:3|"
                        "MONEY:$1,010,000");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

/* a lone integer's norm is its digits as its value reads: no leading
 * zeros nor commas, "0" for zeros, a sign only before a value not 0;
 * the same at 15 digits, copied from the text, as at 16, formatted from
 * the value */
START_TEST (test_numeric_norms_of_padded_and_signed_integers)
{
  static const char text[] =
    "They found 007 boxes, 0,000 nails, -0 errors and -007 cats. We saw +5 dogs, "
    "000 birds, 1,234,567,890,123,456 stars and 123456789012345 grains and "
    "1234567890123456 more.";
  g_autoptr (GalleyDocument) doc = run (text);
  static const char *const want[][2] = {
    { "007", "7" }, { "0,000", "0" }, { "-0", "0" }, { "-007", "-7" }, { "+5", "5" },
    { "000", "0" }, { "1,234,567,890,123,456", "1234567890123456" },
    { "123456789012345", "123456789012345" }, { "1234567890123456", "1234567890123456" },
  };

  ck_assert_tags (text, "CARDINAL:007|CARDINAL:0,000|CARDINAL:-0|CARDINAL:-007|CARDINAL:+5|"
                        "CARDINAL:000|CARDINAL:1,234,567,890,123,456|CARDINAL:123456789012345|"
                        "CARDINAL:1234567890123456");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

/* a number followed by no unit, currency or capital word (the most
 * common) is still a year, a time before am/pm, an age, a day before its
 * month, or a cardinal; before a unit, a duration */
START_TEST (test_number_without_unit_after_it)
{
  static const char text[] =
    "Built 1987 for 40 people, it shut at 5 pm; 12 of them left. Smith, 54, said 3 May was "
    "3 days late.";
  g_autoptr (GalleyDocument) doc = run (text);
  static const char *const want[][2] = {
    { "1987", "1987" }, { "40", "40" }, { "5 pm", "17:00" }, { "12", "12" }, { "54", "54" },
    { "3 May", "XXXX-05-03" }, { "3 days", "3 days" },
  };

  ck_assert_tags (text, "DATE:1987|CARDINAL:40|TIME:5 pm|CARDINAL:12|PERSON:Smith|DATE:54|"
                        "DATE:3 May|DATE:3 days");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

/* an ordinal day of a month: its norm pads the day to two digits, and
 * writes a longer one (a typo, 1000th) whole */
START_TEST (test_ordinal_day_of_month_norm)
{
  static const char text[] = "It fell on the 1st of May, not the 1000th of May, nor the 100th of June.";
  g_autoptr (GalleyDocument) doc = run (text);
  static const char *const want[][2] = {
    { "1st of May", "XXXX-05-01" }, { "1000th of May", "XXXX-05-1000" },
    { "100th of June", "XXXX-06-100" },
  };

  ck_assert_tags (text, "DATE:1st of May|DATE:1000th of May|DATE:100th of June");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

/* a word of a date in words longer than 128 bytes is left out of its
 * norm (the space before the next word stays); one of 128 is kept */
START_TEST (test_date_in_words_norm_leaves_out_long_words)
{
  g_autofree char *ones = g_strnfill (129, '1');
  g_autofree char *twos = g_strnfill (128, '2');
  g_autofree char *text = g_strdup_printf ("It lasted %s years ago, and %s years later.", ones, twos);
  g_autofree char *first = g_strdup_printf ("%s years ago", ones);
  g_autofree char *second = g_strdup_printf ("%s years", twos);
  g_autoptr (GalleyDocument) doc = run (text);
  const char *const want[][2] = { { first, " years ago" }, { second, second } };

  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

/* a date in words: its norm is its folded words, one space apart */
START_TEST (test_date_in_words_norm_is_folded_words)
{
  g_autoptr (GalleyDocument) doc = run ("It grew in the past two years, this year and on Friday.");
  static const char *const want[][2] = {
    { "past two years", "past two years" }, { "this year", "this year" },
    { "Friday", "friday" },
  };

  ck_assert_tags ("It grew in the past two years, this year and on Friday.",
                  "DATE:past two years|DATE:this year|DATE:Friday");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

START_TEST (test_year_and_decade)
{
  ck_assert_tags ("Prices doubled between 1990 and the 1990s.", "DATE:1990|DATE:1990s");
}
END_TEST

START_TEST (test_age_after_name)
{
  ck_assert_tags ("Nicolas Sarkozy, 68, appealed.", "PERSON:Nicolas Sarkozy|DATE:68");
}
END_TEST

START_TEST (test_age_in_one_token_is_date)
{
  ck_assert_tags ("A 24-year-old man and 6-month-old twins came.",
                  "DATE:24-year-old|DATE:6-month-old");
  ck_assert_tags ("The 24-YEAR-OLD and the 30-years-old met.",
                  "DATE:24-YEAR-OLD|DATE:30-years-old");
  /* the shortest spelling */
  ck_assert_tags ("A 1-day-old foal.", "DATE:1-day-old");
}
END_TEST

START_TEST (test_number_and_word_that_is_no_age)
{
  /* a 24-hour day is a length of time, no age (a TIME since the
   * fifty-ninth round of issue 17) */
  ck_assert_tags ("A 1234-year-old tree and a 24-hour day.", "TIME:24-hour");
}
END_TEST

/* ---- document-level resolution ---- */

START_TEST (test_bare_surname_joins_full_name)
{
  g_autoptr (GalleyDocument) doc = run ("Keir Varnholt spoke first. Later Varnholt left.");
  const char *norm;
  gint64 c1, c2;

  features_of (doc, "Keir Varnholt", 0, &norm, &c1);
  features_of (doc, "Varnholt", 0, &norm, &c2);
  ck_assert_str_eq (norm, "Keir Varnholt");
  ck_assert_int_eq (c1, c2);
}
END_TEST

START_TEST (test_acronym_joins_full_name)
{
  assert_joins ("The Northern Shipping Council warned on Monday. NSC officials declined to comment.",
                "ORG:Northern Shipping Council|DATE:Monday|ORG:NSC", "Northern Shipping Council", "NSC");
}
END_TEST

/* two letters are enough for an acronym: KC is the Kessel Council */
START_TEST (test_two_letter_acronym_joins_full_name)
{
  assert_joins ("The Kessel Council warned on Monday. KC officials declined to comment.",
                "ORG:Kessel Council|DATE:Monday|ORG:KC", "Kessel Council", "KC");
}
END_TEST

START_TEST (test_canonical_forms_share_cluster)
{
  g_autoptr (GalleyDocument) doc = run ("The U.S. and America and the United States agree.");
  const char *norm;
  gint64 c1, c2, c3;

  features_of (doc, "U.S.", 0, &norm, &c1);
  ck_assert_str_eq (norm, "United States");
  features_of (doc, "America", 0, &norm, &c2);
  features_of (doc, "United States", 0, &norm, &c3);
  ck_assert_int_eq (c1, c2);
  ck_assert_int_eq (c2, c3);
}
END_TEST

START_TEST (test_different_entities_get_different_clusters)
{
  g_autoptr (GalleyDocument) doc = run ("Maria Lopez met John Smith in Paris.");
  const char *norm;
  gint64 c1, c2, c3;

  features_of (doc, "Maria Lopez", 0, &norm, &c1);
  features_of (doc, "John Smith", 0, &norm, &c2);
  features_of (doc, "Paris", 0, &norm, &c3);
  ck_assert_int_ne (c1, c2);
  ck_assert_int_ne (c2, c3);
}
END_TEST

START_TEST (test_capitals_do_not_split_a_cluster)
{
  g_autoptr (GalleyDocument) doc = run ("JOHN BRISTOL wrote this. John Bristol is our reporter.");
  const char *norm;
  gint64 c1, c2;

  features_of (doc, "JOHN BRISTOL", 0, &norm, &c1);
  features_of (doc, "John Bristol", 0, &norm, &c2);
  ck_assert_int_eq (c1, c2);
}
END_TEST

START_TEST (test_company_short_form_joins)
{
  g_autoptr (GalleyDocument) doc = run ("Shares of Vexlor Industries fell. Vexlor said it would cut jobs.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *norm;
  gint64 c1, c2;

  ck_assert_str_eq (got, "ORG:Vexlor Industries|ORG:Vexlor");
  features_of (doc, "Vexlor Industries", 0, &norm, &c1);
  features_of (doc, "Vexlor", 0, &norm, &c2);
  ck_assert_int_eq (c1, c2);
}
END_TEST

/* One guess that an unknown word is an organisation types its mentions
 * that nothing typed: one sense per discourse. */
/* After "in", an unknown word is a place unless it is spelled like an
 * English noun. */
START_TEST (test_field_after_in_is_no_place)
{
  ck_assert_tags ("She took a degree in Phonetics and lived in Coronvale.",
                  "GPE:Coronvale");
}
END_TEST

START_TEST (test_organisation_guess_types_the_other_mentions)
{
  ck_assert_tags ("Brindleton forward Jake Morrow scored twice. Fans of Brindleton sang "
                  "until midnight, and the manager praised Brindleton again.",
                  "ORG:Brindleton|PERSON:Jake Morrow|ORG:Brindleton|TIME:midnight|ORG:Brindleton");
}
END_TEST

START_TEST (test_word_used_after_in_is_place)
{
  ck_assert_tags ("Fighting raged in Pokrovka. Pokrovka was shelled.",
                  "GPE:Pokrovka|GPE:Pokrovka");
}
END_TEST

/* A word after "in" is no place where the document types it surely as
 * something else: one sense per discourse (issue 17, eleventh round). */
/* One word that a rule types ORG ("shares in Caldwell") is the
 * organisation where a list's surname made it a person: one sense per
 * discourse (issue 17, eleventh round). */
START_TEST (test_surname_typed_org_elsewhere_is_the_org)
{
  ck_assert_tags ("Shares in Caldwell fell 5% on Tuesday. Caldwell said demand had weakened, "
                  "and analysts expect Caldwell to cut jobs.",
                  "ORG:Caldwell|PERCENT:5%|DATE:Tuesday|ORG:Caldwell|ORG:Caldwell");
}
END_TEST

/* Where the document names a person with the word, the surname joins
 * the full name first, in every mention: no ORG's word spreads there. */
START_TEST (test_surname_of_full_name_stays_person)
{
  ck_assert_tags ("Anna Caldwell runs the bakery. Shares in Caldwell rose. Caldwell said sales grew.",
                  "PERSON:Anna Caldwell|PERSON:Caldwell|PERSON:Caldwell");
}
END_TEST

/* A guessed full name ("Vastel Morrigan rose") does not take a word
 * that a rule types ORG ("Shares in Vastel"): the bare word is the
 * company in its other mentions (issue 17, fourteenth round). */
START_TEST (test_guessed_full_name_yields_org_word)
{
  ck_assert_tags ("Vastel Morrigan rose 4% on Friday. Shares in Vastel climbed again, "
                  "and Vastel said it would open two plants.",
                  "PERSON:Vastel Morrigan|PERCENT:4%|DATE:Friday|ORG:Vastel|ORG:Vastel|CARDINAL:two");
}
END_TEST

/* An organisation's guess ("said Corvane spokeswoman") outranks a
 * person's ("Corvane said") of the same word, which is the
 * organisation then (issue 17, fourteenth round). */
START_TEST (test_organisation_guess_outranks_person_guess)
{
  ck_assert_tags ("Corvane said on Monday that sales rose. Prices will fall, said Corvane "
                  "spokeswoman Ann Hale.",
                  "ORG:Corvane|DATE:Monday|ORG:Corvane|PERSON:Ann Hale");
}
END_TEST

START_TEST (test_word_after_in_typed_elsewhere_is_no_place)
{
  ck_assert_tags ("Dravik Holdings bought a stake in Tellamix on Monday. Tellamix said its "
                  "board backed the deal, and analysts saw a rising interest in Tellamix.",
                  "ORG:Dravik Holdings|ORG:Tellamix|DATE:Monday|ORG:Tellamix|ORG:Tellamix");
}
END_TEST

/* ---- line breaks ---- */

START_TEST (test_name_stops_at_line_end)
{
  /* a short line, then a name: the break ends the line, the name does
   * not run across it */
  ck_assert_tags ("Our thanks go to Anna\nKate Moss opened it.",
                  "PERSON:Anna|PERSON:Kate Moss");
  ck_assert_tags ("We spoke to Tom Hale\nAcme Holdings was sold.",
                  "PERSON:Tom Hale|ORG:Acme Holdings");
  ck_assert_tags ("Tickets are sold at the Museum\nKate Moss opened it.",
                  "PERSON:Kate Moss");
}
END_TEST

START_TEST (test_name_runs_across_a_wrapped_line)
{
  /* hard-wrapped at 64 columns: "Federal" and "Jerome" end full lines */
  ck_assert_tags ("The committee said on Monday that it had written to the Federal\n"
                  "Reserve Board to review the rules on lending by banks in the\n"
                  "region, and that it expected an answer from the chairman, Jerome\n"
                  "Powell, before the end of the month, when the Bank of England\n"
                  "meets.",
                  "DATE:Monday|ORG:Federal\nReserve Board|PERSON:Jerome\nPowell|ORG:Bank of England");
}
END_TEST

START_TEST (test_given_name_that_is_a_place_keeps_its_person)
{
  /* one sense per discourse: a later bare "Jordan" is the person, but
   * not where a preposition makes it the country */
  ck_assert_tags ("Jordan Henderson scored twice. Afterwards Jordan thanked the fans. "
                  "He flew to Jordan.",
                  "PERSON:Jordan Henderson|PERSON:Jordan|GPE:Jordan");
  ck_assert_tags ("Lincoln Chafee spoke. The crowd cheered for Lincoln, who lives in Lincoln.",
                  "PERSON:Lincoln Chafee|PERSON:Lincoln|GPE:Lincoln");
}
END_TEST

START_TEST (test_place_that_plays_is_a_team)
{
  ck_assert_tags ("Brazil beat Germany 2-1 in Berlin on Saturday. The striker scored twice, "
                  "and England play France in the league match next week. England's captain "
                  "said the squad was ready.",
                  "ORG:Brazil|ORG:Germany|CARDINAL:2-1|GPE:Berlin|DATE:Saturday|ORG:England|"
                  "ORG:France|DATE:next week|ORG:England");
}
END_TEST

/* A given name and a one-word listed company named after its founder
 * is a person; the company's word alone elsewhere stays the company
 * (issue 17, forty-first round). Not before a company's acronym. */
START_TEST (test_given_name_and_founder_is_person)
{
  ck_assert_tags ("Roy Disney resigned. Disney failed to tell investors.",
                  "PERSON:Roy Disney|ORG:Disney");
  ck_assert_tags ("The deal between Grace IBM and the bank fell through.", "PERSON:Grace|ORG:IBM");
}
END_TEST

/* A name spelled like a place that the text gives shares is a company
 * (issue 17, forty-second round); the same name elsewhere stays a
 * place. */
START_TEST (test_place_named_company_with_shares)
{
  ck_assert_tags ("It bought another 870,000 Meston Lake shares. Shares of Silver Lake fell.",
                  "CARDINAL:870,000|ORG:Meston Lake|ORG:Silver Lake");
  ck_assert_tags ("Ships sailed on Meston Lake.", "LOC:Meston Lake");
}
END_TEST

/* ... and a town before a state's abbreviation (issue 17, fifty-fourth
 * round); not before a country's name. */
START_TEST (test_place_named_town_before_state)
{
  ck_assert_tags ("He moved from Meston Lake, Ill., to Far Hills, N.J., and to the Black Forest, Germany.",
                  "GPE:Meston Lake|GPE:Ill.|GPE:Far Hills|GPE:N.J.|LOC:Black Forest|GPE:Germany");
}
END_TEST

/* A US state's postal code after a town and a comma is the state, and
 * a ZIP code after a state ends it as a comma does (issue 17,
 * seventy-second round); a code with no town before it is none. */
START_TEST (test_postal_code_of_state)
{
  g_autoptr (GalleyDocument) doc =
    run ("Take US-75 from Bartlesville, OK, or write to Abbot Academy\n\nAndover, MA 01810.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *const want[][2] = { { "OK", "Oklahoma" }, { "MA", "Massachusetts" } };

  ck_assert_str_eq (got, "GPE:Bartlesville|GPE:OK|ORG:Abbot Academy|GPE:Andover|GPE:MA|CARDINAL:01810");
  assert_norms (doc, want, G_N_ELEMENTS (want));
  ck_assert_tags ("Abbot Academy\nAndover, Massachusetts 01810\nMarch 3",
                  "ORG:Abbot Academy|GPE:Andover|GPE:Massachusetts|CARDINAL:01810|DATE:March 3");
  ck_assert_tags ("He moved to Springfield, IL. It is OK, he said.", "GPE:Springfield|GPE:IL");
  ck_assert_tags ("Is it OK? The vote, IN the end, was close.", "");
}
END_TEST

/* A name before a year in parentheses is a cited author where the
 * document cites an author elsewhere ("(Moretti, 2013)"), and no more
 * than a candidate where it does not, or where an article or a work's
 * word stands before it (issue 17, seventy-third round). */
START_TEST (test_author_before_year_where_document_cites)
{
  ck_assert_tags ("Among others Quilis (1964) and Spang (1983, p. 12) wrote on it (Moretti, 2013).",
                  "PERSON:Quilis|DATE:1964|PERSON:Spang|DATE:1983|CARDINAL:12|PERSON:Moretti|DATE:2013");
  ck_assert_tags ("Quilis (1964) performed readings.", "DATE:1964");
  ck_assert_tags ("His theory was called Frame Semantics (1976) by others (Moretti, 2013). "
                  "She starred in the Gallows (1958) and the film Shots (1988).",
                  "DATE:1976|PERSON:Moretti|DATE:2013|DATE:1958|DATE:1988");
  ck_assert_tags ("The figures of Table (2003) differ (Moretti, 2013).",
                  "DATE:2003|PERSON:Moretti|DATE:2013");
  ck_assert_tags ("The Rise of Quellmar (1922) sold well (Moretti, 2013).",
                  "DATE:1922|PERSON:Moretti|DATE:2013");
}
END_TEST

/* A given name or surname alone that the document also writes in lower
 * case is a word, not a person ("How to Grow Basil"), unless the
 * document names the person in full (issue 17, seventy-fourth round). */
START_TEST (test_name_written_as_word_is_no_person)
{
  ck_assert_tags ("We grow Basil here. Water the basil daily.", "");
  ck_assert_tags ("Basil Fawlty arrived. Later Basil said the basil was fresh.",
                  "PERSON:Basil Fawlty|PERSON:Basil");
  ck_assert_tags ("We grow Basil here. Water it daily.", "PERSON:Basil");
}
END_TEST

/* Names in a list take the type its sure members share (issue 17,
 * seventy-sixth round): the untyped and the guessed; not where the
 * members' kinds differ, the names are joined by commas alone, an
 * untyped first name may head an apposition, or a direction shares the
 * next name; and the list ends with its "and" member. */
START_TEST (test_list_members_share_a_type)
{
  ck_assert_tags ("Cities served are Tulsa, Sand Springs, Sapulpa, Jenks, and Broken Arrow.",
                  "GPE:Tulsa|GPE:Sand Springs|GPE:Sapulpa|GPE:Jenks|GPE:Broken Arrow");
  ck_assert_tags ("The firms were Nokia, Sony, Quellmark and Philips.",
                  "ORG:Nokia|ORG:Sony|ORG:Quellmark|ORG:Philips");
  ck_assert_tags ("She met Smith, Jones and Quellton.", "PERSON:Smith|PERSON:Jones|PERSON:Quellton");
  ck_assert_tags ("We visited Boston, Quellton and Apple.", "GPE:Boston|ORG:Apple");
  ck_assert_tags ("The firms were Nokia, Quellmark, Sony.", "ORG:Nokia|ORG:Sony");
  ck_assert_tags ("Brando's co-stars from The Godfather, James Caan and Robert Duvall, return.",
                  "PERSON:James Caan|PERSON:Robert Duvall");
  ck_assert_tags ("They sell in Mexico, Central and South America.", "GPE:Mexico|LOC:South America");
  ck_assert_tags ("It tracks Europe, Australia and Far East, or EAFE, shares.",
                  "LOC:Europe|GPE:Australia|LOC:Far East");
  ck_assert_tags ("It sells to Colombia, Mexico and Francophone African countries.",
                  "GPE:Colombia|GPE:Mexico|NORP:African");
  ck_assert_tags ("The winners were Nokia, Sony and Quellmark 3 times.", "ORG:Nokia|ORG:Sony|CARDINAL:3");
  ck_assert_tags ("We visited Apple, Boston, Quellton and Chicago.", "ORG:Apple|GPE:Boston|GPE:Chicago");
  ck_assert_tags ("She met Smith, Quellton and Quellmar.", "PERSON:Smith");
  ck_assert_tags ("The firms were Nokia, Sony, Boyd Quellson and Philips.",
                  "ORG:Nokia|ORG:Sony|PERSON:Boyd Quellson|ORG:Philips");
  {
    g_autoptr (GalleyDocument) doc =
      run ("They hired Jardine Fleming (Securities) Ltd, First Boston Corp, Merrill Lynch Co and Nomura Co.");
    g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);

    /* a legal form alone takes no type from its list */
    ck_assert_ptr_null (strstr (got, ":Ltd|"));
    ck_assert_ptr_nonnull (strstr (got, "ORG:First Boston Corp|"));
  }
}
END_TEST

/* "Doctor" and "Mister" written out are titles, "friend" a relation's
 * word, before a name as "Dr" and "cousin" are (issue 17, seventy-eighth
 * round). */
START_TEST (test_doctor_mister_and_friend_before_a_name)
{
  ck_assert_tags ("Doctor Spock. It's Mister Quellan, and his friend Bonosus of Sardica came.",
                  "PERSON:Spock|PERSON:Quellan|PERSON:Bonosus");
}
END_TEST

/* A title before a name that a place word ends names a place: the
 * place is named for someone (issue 17, seventy-ninth round); a title
 * before a surname spelled like a place word still opens a person's
 * name. */
START_TEST (test_place_named_for_a_titled_person)
{
  ck_assert_tags ("They played at King Fahd Stadium, prayed at Imam Mosque and drove to Queen Creek.",
                  "FAC:King Fahd Stadium|FAC:Imam Mosque|LOC:Queen Creek");
  ck_assert_tags ("Senator Quellan Hall spoke.", "PERSON:Quellan Hall");
}
END_TEST

/* Organisations of the open web are listed (issue 17, eightieth round). */
START_TEST (test_open_web_organisations)
{
  ck_assert_tags ("It is licensed by Creative Commons, kept by the Internet Archive and Project Gutenberg.",
                  "ORG:Creative Commons|ORG:Internet Archive|ORG:Project Gutenberg");
  /* a country's name inside a body's: no place (eighty-eighth round) */
  ck_assert_tags ("Statistics Canada and Credit Suisse First Boston agreed, and New Labour said so.",
                  "ORG:Statistics Canada|ORG:Credit Suisse First Boston|ORG:New Labour");
  ck_assert_tags ("Swiss Re and Munich Re lost value, the Scottish Executive said.",
                  "ORG:Swiss Re|ORG:Munich Re|ORG:Scottish Executive");
}
END_TEST

/* The lists' sports: the Premiership is a league (an ORG), a Grand Slam
 * an EVENT (issue 17, fortieth round). */
START_TEST (test_premiership_and_grand_slam)
{
  ck_assert_tags ("The club was relegated from the Premiership. Wales chase a Grand Slam.",
                  "ORG:Premiership|GPE:Wales|EVENT:Grand Slam");
}
END_TEST

/* A word that ends in "corp" after letters of its own is a company
 * (issue 17, thirty-ninth round); not one too short to tell. */
START_TEST (test_corp_word_is_organisation)
{
  ck_assert_tags ("The loan was managed by Citicorp, and GenCorp and KeyCorp said so.",
                  "ORG:Citicorp|ORG:GenCorp|ORG:KeyCorp");
  ck_assert_tags ("The loan was managed by Mcorp.", "");
}
END_TEST

/* A listed organisation of two words or more before "and" is a whole
 * name (issue 17, fiftieth round); "and Co" and an "of" name's "and"
 * still join. */
START_TEST (test_listed_organisation_before_and_is_whole)
{
  ck_assert_tags ("Exxon Mobil and British Petroleum would be happy, "
                  "Morgan Stanley and Co Inc said.",
                  "ORG:Exxon Mobil|ORG:British Petroleum|ORG:Morgan Stanley and Co Inc");
  ck_assert_tags ("The International Federation of the Red Cross and Red Crescent Societies said.",
                  "ORG:International Federation of the Red Cross and Red Crescent Societies");
}
END_TEST

/* "and" joins two trades in one company's name: an organisation word
 * that is no legal form, "and", one common word (by the lists, or by
 * the word list: "Banking" in common-words.dict) and a legal form (issue
 * 17, eighty-fourth round); two companies' names stay two. */
START_TEST (test_trades_joined_by_and_in_one_company)
{
  ck_assert_tags ("Utah Power and Light Co and Texas Oil and Gas Corp said so, and "
                  "Texaco Inc and Pennzoil Co settled. Bankers Trust and Banking Co rose.",
                  "ORG:Utah Power and Light Co|ORG:Texas Oil and Gas Corp|ORG:Texaco Inc|"
                  "ORG:Pennzoil Co|ORG:Bankers Trust and Banking Co");
  ck_assert_tags ("Manufacturers Hanover Trust and Chemical Bank lent.",
                  "ORG:Manufacturers Hanover Trust|ORG:Chemical Bank");
  ck_assert_tags ("Acme Holdings and Zorland Corp agreed, as Dart Corporation and Standard "
                  "Corp and Acme Group and Standard Corp did.",
                  "ORG:Acme Holdings|ORG:Zorland Corp|ORG:Dart Corporation|ORG:Standard Corp|"
                  "ORG:Acme Group|ORG:Standard Corp");
}
END_TEST

/* Two capital letters joined by "and" name a company, as wire copy
 * writes "&" (issue 17, forty-seventh round); not the initialisms
 * written so, nor letters that label. */
START_TEST (test_letters_and_letter_are_a_company)
{
  ck_assert_tags ("Talks between C and W ended, D and P said.", "ORG:C and W|ORG:D and P");
  ck_assert_tags ("It bought F and M Importing.", "ORG:F and M Importing");
  ck_assert_tags ("Its Series A, B and C notes, class E and H stock and wheat at "
                  "400 dlrs C and F were quoted.",
                  "MONEY:400 dlrs");
}
END_TEST

/* A firm named for two partners and written out once names the firm
 * where the two names stand alone, before or after the full name (issue
 * 17, sixtieth round); not a place's name, nor two listed bodies. */
START_TEST (test_partner_firm_short_form)
{
  ck_assert_tags ("Harper and Row gets bid. Harper and Row Publishers Inc said it had an "
                  "offer. Harper and Row's stock rose.",
                  "ORG:Harper and Row|ORG:Harper and Row Publishers Inc|ORG:Harper and Row");
  ck_assert_tags ("Pratt and Whitney said on Monday that Pratt and Whitney Aircraft Corp would hire.",
                  "ORG:Pratt and Whitney|DATE:Monday|ORG:Pratt and Whitney Aircraft Corp");
  ck_assert_tags ("Trinidad and Tobago Oil Co said output rose in Trinidad and Tobago.",
                  "ORG:Trinidad and Tobago Oil Co|GPE:Trinidad and Tobago");
  ck_assert_tags ("The House and Senate Conference Committee met. House and Senate "
                  "negotiators stalled.",
                  "ORG:House and Senate Conference Committee|ORG:Senate");
}
END_TEST

/* Firms named for partners that the lists know, as wire copy writes
 * them ("and" for "&"); a company's legal form that keeps the
 * sentence's full stop, which ends the name (issue 17, sixty-second
 * round). */
START_TEST (test_listed_partner_firms_and_forms_with_stop)
{
  ck_assert_tags ("Marks and Spencer said profits rose; Pratt & Whitney hired.",
                  "ORG:Marks and Spencer|ORG:Pratt & Whitney");
  ck_assert_tags ("It took a stake in Barclays PLC. Acme Holdings Plc. and Acme LLC. fell.",
                  "ORG:Barclays PLC.|ORG:Acme Holdings Plc.|ORG:Acme LLC.");
  ck_assert_tags ("It bid for Harper and Row Publishers today.",
                  "ORG:Harper and Row Publishers|DATE:today");
  /* a name ends at a form's full stop, unless a form follows or the
   * form opens the name */
  ck_assert_tags ("It took a stake in Barclays Inc. Acme Holdings fell.",
                  "ORG:Barclays Inc.|ORG:Acme Holdings");
  ck_assert_tags ("Mitsubishi Heavy Industries Co. Ltd. said.",
                  "ORG:Mitsubishi Heavy Industries Co. Ltd.");
  ck_assert_tags ("Dutch electronics group N.V. Philips Gloeilampenfabrieken <PGLO.AS> said.",
                  "NORP:Dutch|ORG:N.V. Philips Gloeilampenfabrieken");
}
END_TEST

/* The first words of a company's name with its legal form name the
 * company where they stand in pieces (issue 17, sixty-third round); not
 * a dateline's town, a sure person, or the same words in lower case. */
START_TEST (test_company_short_form_in_pieces)
{
  ck_assert_tags ("Security Pacific Corp said profits rose. Security Pacific said it would hire.",
                  "ORG:Security Pacific Corp|ORG:Security Pacific");
  ck_assert_tags ("General Binding Corp said. Under the deal, General Binding will sell.",
                  "ORG:General Binding Corp|ORG:General Binding");
  ck_assert_tags ("American Barrick Resources Ltd said. The notes are guaranteed by "
                  "American Barrick.",
                  "ORG:American Barrick Resources Ltd|ORG:American Barrick");
  ck_assert_tags ("HONG KONG, March 17 - Buoyed by low prices, Hong Kong Telecom Ltd said "
                  "profits rose.",
                  "GPE:HONG KONG|DATE:March 17|ORG:Hong Kong Telecom Ltd");
  ck_assert_tags ("ABM Gold Corp said. ABM gold output rose.", "ORG:ABM Gold Corp");
  ck_assert_tags ("Hong Kong Telecom Ltd said. Prices in Hong Kong rose.",
                  "ORG:Hong Kong Telecom Ltd|GPE:Hong Kong");
  ck_assert_tags ("Harold Quellmark Inc said. Harold Quellmark founded it.",
                  "ORG:Harold Quellmark Inc|PERSON:Harold Quellmark");
  ck_assert_tags ("Pacific Telesis Group Inc said. Pacific Telesis rose. Costs rose in the Pacific.",
                  "ORG:Pacific Telesis Group Inc|ORG:Pacific Telesis|LOC:Pacific");
  /* a bank's or a holding's word ends a name as a legal form does
   * (sixty-ninth round); an organisation word at large does not */
  ck_assert_tags ("First Interstate Bancorp said. Analysts said First Interstate would grow.",
                  "ORG:First Interstate Bancorp|ORG:First Interstate");
  ck_assert_tags ("The Conrad Quellmark Foundation gave. Conrad Quellmark said so.",
                  "ORG:Conrad Quellmark Foundation|PERSON:Conrad Quellmark");
  ck_assert_tags ("The Quellmark Valley Laboratory said. Tests in Quellmark Valley resumed.",
                  "ORG:Quellmark Valley Laboratory|LOC:Quellmark Valley");
}
END_TEST

/* A name the document gives a language is no entity anywhere in it;
 * a listed people's word keeps its type (issue 17, sixty-sixth round). */
START_TEST (test_language_name_is_no_place)
{
  ck_assert_tags ("We discuss the Quellmaa language. Quellmaa is spoken in Senegal. Names in "
                  "Quellmaa differ.",
                  "GPE:Senegal");
  ck_assert_tags ("Quellmaa speakers live in Quellmaa and Dakar.", "GPE:Dakar");
  ck_assert_tags ("The English language spread; English fans sang.",
                  "NORP:English|NORP:English");
  /* a work's title after its kind (seventy-first round); not after a
   * verb's spelling */
  ck_assert_tags ("Critics loved the movie Vera Quellmark. Vera Quellmark took three awards.",
                  "CARDINAL:three");
  ck_assert_tags ("Analysts said Dan Kessling leads. Polls show Kessling ahead.",
                  "PERSON:Dan Kessling|PERSON:Kessling");
}
END_TEST

/* "Air" opens an airline's name (issue 17, seventieth round). */
START_TEST (test_air_opens_an_airline)
{
  ck_assert_tags ("Shares of Air Quellmark fell, and Air Lanka said it would buy jets.",
                  "ORG:Air Quellmark|ORG:Air Lanka");
  /* at a sentence's start too, before a capitalised word (seventy-fifth
   * round); not before a lower-case one */
  ck_assert_tags ("Air Lanka said it would buy jets. Air quality fell.", "ORG:Air Lanka");
}
END_TEST

/* A business role before "of" names a company after it, not a person;
 * a film's director does not; and such a company joins the partners'
 * name it opens (issue 17, sixty-eighth round). */
START_TEST (test_business_role_of_names_company)
{
  ck_assert_tags ("The chairman of Quellmark said. The founder of Varga quit.",
                  "ORG:Quellmark|ORG:Varga");
  ck_assert_tags ("The directors of Quellmark are nominated.", "");
  ck_assert_tags ("It is a unit of Sears, Roebuck and Co Inc, the retailer.",
                  "ORG:Sears, Roebuck and Co Inc");
}
END_TEST

/* "the state of X" names a place, but "the state of X's finances" the
 * condition of X's (issue 17, sixty-seventh round). */
START_TEST (test_state_of_possessive_is_no_place)
{
  ck_assert_tags ("Quellmark collapsed. The true state of Quellmark's finances was hidden.", "");
  ck_assert_tags ("The state of Quellmark voted.", "GPE:Quellmark");
}
END_TEST

/* An East Asian surname before an unknown word makes a person, but a
 * guessed one: a company named so in the story overrules it (issue 17,
 * sixty-first round). */
START_TEST (test_surname_first_person_yields_to_company)
{
  ck_assert_tags ("Du Pont Co said on Monday that Du Pont would cut jobs.",
                  "ORG:Du Pont Co|DATE:Monday|ORG:Du Pont");
  ck_assert_tags ("Xi Jinping met Kim Soo-jin.", "PERSON:Xi Jinping|PERSON:Kim Soo-jin");
}
END_TEST

/* A title that opens with a common verb's -ing form is no person's
 * name (issue 17, forty-fifth round); a listed given name that ends so
 * is, and so is a surname whose stem is no verb. */
START_TEST (test_title_opening_with_ing_form_is_no_person)
{
  ck_assert_tags ("She starred in Finding Neverland and saw The Killing Fields.", "");
  ck_assert_tags ("Irving Berlin and Sterling Hayden met Xing Wangli and Anton Kessling.",
                  "PERSON:Irving Berlin|PERSON:Sterling Hayden|PERSON:Xing Wangli"
                  "|PERSON:Anton Kessling");
}
END_TEST

/* A person's name before "and" is no part of the body named after it
 * (issue 17, forty-third round); a firm named for its partners, and a
 * name with an organisation word before "and", keep their "and". */
START_TEST (test_person_and_body_are_two_names)
{
  ck_assert_tags ("Kate Smith and Joy Division played.", "PERSON:Kate Smith|ORG:Joy Division");
  ck_assert_tags ("Alex Brown and Sons Inc and Frank Hall and Co Inc rose.",
                  "ORG:Alex Brown and Sons Inc|ORG:Frank Hall and Co Inc");
  ck_assert_tags ("Victor Savings and Loan Association fell.",
                  "ORG:Victor Savings and Loan Association");
}
END_TEST

/* A chamber's word and a committee's field before a lower-case word
 * for the committee name the committee (issue 17, thirty-seventh
 * round); not two chambers joined by "and". */
START_TEST (test_chamber_committee_is_organisation)
{
  ck_assert_tags ("The House Banking subcommittee and a Senate Finance committee met.",
                  "ORG:House Banking|ORG:Senate Finance");
  ck_assert_tags ("The House and Senate committees met.", "ORG:House|ORG:Senate");
}
END_TEST

/* A wire dateline's town in capitals is a GPE whatever its words:
 * a given name first, a feature's word last, a state in capitals or
 * none (issue 17, thirty-sixth round); not a listed organisation of
 * two words or more. */
START_TEST (test_wire_dateline_town_is_gpe)
{
  ck_assert_tags ("SHERMAN OAKS, Calif., March 24 - Profits rose.",
                  "GPE:SHERMAN OAKS|GPE:Calif.|DATE:March 24");
  ck_assert_tags ("CRYSTAL LAKE, ILL., March 6 - Profits rose.",
                  "GPE:CRYSTAL LAKE|GPE:ILL.|DATE:March 6");
  ck_assert_tags ("BOCA RATON, March 16 - Profits rose.", "GPE:BOCA RATON|DATE:March 16");
  ck_assert_tags ("UNITED NATIONS, March 5 - Angola spoke.",
                  "ORG:UNITED NATIONS|DATE:March 5|GPE:Angola");
  /* one listed word that names a university too is the town */
  ck_assert_tags ("PRINCETON, N.J., March 4 - Profits rose.",
                  "GPE:PRINCETON|GPE:N.J.|DATE:March 4");
  /* no month and day after it: a heading, not a dateline */
  ck_assert_tags ("GLEN COVE, the singer, spoke.", "PERSON:GLEN COVE");
  /* common words in capitals, refused elsewhere as a heading's */
  ck_assert_tags ("Results\nVALLEY STREAM, N.Y., June 18 - Profits rose.",
                  "GPE:VALLEY STREAM|GPE:N.Y.|DATE:June 18");
  ck_assert_tags ("WEST PALM BEACH, Fla., Oct 19 - Profits rose.",
                  "GPE:WEST PALM BEACH|GPE:Fla.|DATE:Oct 19");
  ck_assert_tags ("READING, Pa., April 2 - Profits rose.",
                  "GPE:READING|GPE:Pa.|DATE:April 2");
  ck_assert_tags ("VALLEY STREAM REPORT, Profits rose.", "");
  /* an abbreviation in capitals opens the town (eighty-fifth round):
   * not the title "St." before a person */
  ck_assert_tags ("ST. CATHARINES, Ontario, June 29 - Profits rose.",
                  "GPE:ST. CATHARINES|GPE:Ontario|DATE:June 29");
  ck_assert_tags ("NORTH ST. PAUL, Minn., June 29 - Profits rose.",
                  "GPE:NORTH ST. PAUL|GPE:Minn.|DATE:June 29");
}
END_TEST

/* A place before a word for a team's people (manager, striker, fans) in
 * a sports story is the team, without "'s"; not before a word of a
 * venue's events (issue 17, thirty-fourth round: "Liverpool manager
 * Rafael Benitez" was a GPE, and with it the story's other mentions). */
START_TEST (test_place_before_team_people_is_the_team)
{
  ck_assert_tags ("The striker scored in the league match. Liverpool manager Rafael Benitez "
                  "praised the squad, and Liverpool fans sang. The Melbourne tournament "
                  "starts soon.",
                  "ORG:Liverpool|PERSON:Rafael Benitez|ORG:Liverpool|GPE:Melbourne");
  /* no sports story: the city */
  ck_assert_tags ("Liverpool manager Ann Hall opened the new bank branch.",
                  "GPE:Liverpool|PERSON:Ann Hall");
}
END_TEST

/* A sports story's other team places (issue 17, thirty-fifth round): a
 * side played against, a win over a side, the side or team of a
 * place, and a player's club in parentheses in a team list; not a
 * place in parentheses after a word that is no person. */
START_TEST (test_team_list_and_sides_are_teams)
{
  ck_assert_tags ("The squad for the league match: J Noon (Newcastle), O Barkley (Bath). "
                  "The striker scored in the triumph against Australia and the win over "
                  "Scotland, and England team doctors flew home to Bath.",
                  "PERSON:J Noon|ORG:Newcastle|PERSON:O Barkley|ORG:Bath|ORG:Australia|"
                  "ORG:Scotland|ORG:England|GPE:Bath");
  ck_assert_tags ("The striker scored in the league match, played on Saturday (Leeds).",
                  "DATE:Saturday|GPE:Leeds");
}
END_TEST

/* A place that plays in a sports story is its team in its other
 * mentions too, but not after "from", "in", "to" (issue 17, eleventh
 * round). */
START_TEST (test_team_place_is_the_team_in_other_mentions)
{
  ck_assert_tags ("Norway beat Portugal 2-1 in the league match on Sunday. Norway led at "
                  "half-time, and the Portugal coach praised his striker. The players flew "
                  "home from Portugal on Monday.",
                  "ORG:Norway|ORG:Portugal|CARDINAL:2-1|DATE:Sunday|ORG:Norway|ORG:Portugal|"
                  "GPE:Portugal|DATE:Monday");
}
END_TEST

START_TEST (test_place_outside_sports_stays_a_place)
{
  /* no sports story: the same words are places */
  ck_assert_tags ("Brazil beat Germany to the contract, officials said in Berlin.",
                  "GPE:Brazil|GPE:Germany|GPE:Berlin");
  /* a sports story, but a player's country */
  ck_assert_tags ("The match was close. The striker scored and the keeper saved, but the "
                  "Russian beat Germany's Rainer Schuettler, who flew to France.",
                  "NORP:Russian|GPE:Germany|PERSON:Rainer Schuettler|GPE:France");
}
END_TEST

START_TEST (test_organisation_building_after_at_is_facility)
{
  ck_assert_tags ("She is recovering at Mercy Hospital. Mercy Hospital said she was stable, "
                  "and forecasters at the Acme Weather Center agreed.",
                  "FAC:Mercy Hospital|ORG:Mercy Hospital|ORG:Acme Weather Center");
}
END_TEST

START_TEST (test_facility_that_speaks_is_organisation)
{
  ck_assert_tags ("The Royal Albert Hall said it would close.", "ORG:Royal Albert Hall");
}
END_TEST

START_TEST (test_unknown_company_with_shares_is_org_throughout)
{
  /* shares, a stake, shareholders name an organisation; the article's
   * other mentions of the word follow */
  ck_assert_tags ("Shares of Zentrix rose on Monday. Analysts said Zentrix would grow. "
                  "Vortel bought a stake in Kestrel, and Kestrel shareholders cheered.",
                  "ORG:Zentrix|DATE:Monday|ORG:Zentrix|ORG:Kestrel|ORG:Kestrel");
}
END_TEST

/* A word of letters and digits names a model or a product: no person
 * after a speech verb nor before one (issue 17, eighty-sixth round); a
 * listed one keeps its type. */
/* An initial, name words and a capitalised word of its own name a
 * person whatever the lists say of the words between (issue 17,
 * ninetieth round); not where the context names a firm. */
/* A title's word alone after a given name is a surname (issue 17,
 * ninety-first round); not after one capitalised by its place, and a
 * title before a name stays a title. */
START_TEST (test_title_word_after_given_name_is_surname)
{
  ck_assert_tags ("He met John Major and Prime Minister Tony Blair, and Tim Dean spoke.",
                  "PERSON:John Major|PERSON:Tony Blair|PERSON:Tim Dean");
  ck_assert_tags ("Will Governor act?", "");
}
END_TEST

START_TEST (test_initial_opens_a_person)
{
  ck_assert_tags ("Its director S. Kent Rockwell said so, and F. Texas Smith agreed.",
                  "PERSON:S. Kent Rockwell|PERSON:F. Texas Smith");
  ck_assert_tags ("Robert Uhl, an analyst at F. Eberstadt Fleming, said so.",
                  "PERSON:Robert Uhl|ORG:F. Eberstadt Fleming");
}
END_TEST

START_TEST (test_letters_and_digits_are_no_person)
{
  ck_assert_tags ("Mr Gates said IE7 would ship. XP2 said nothing. Ballmer said Zune2 failed.",
                  "PERSON:Gates|PERSON:Ballmer");
  ck_assert_tags ("Kipchoge said Kipyegon won.", "PERSON:Kipchoge|PERSON:Kipyegon");
}
END_TEST

START_TEST (test_shares_the_verb_is_no_organisation)
{
  ck_assert_tags ("Anna Berg shares a flat with Tom Hale. Berg shares her view.",
                  "PERSON:Anna Berg|PERSON:Tom Hale|PERSON:Berg");
}
END_TEST

START_TEST (test_words_before_a_listed_party_are_its_name)
{
  ck_assert_tags ("He co-founded the National Democratic Party. Mr Blair told the "
                  "Parliamentary Labour Party, and EADS and BAE Systems agreed. The "
                  "Democratic Senate voted.",
                  "ORG:National Democratic Party|PERSON:Blair|ORG:Parliamentary Labour Party|"
                  "ORG:BAE Systems|ORG:Senate");
  /* before a listed "Bank of China" too (issue 17, eighty-second round),
   * and "and" between two common words (common-words.dict) */
  ck_assert_tags ("Profits at the Industrial Bank of Japan and the Industrial and "
                  "Commercial Bank of China rose; Merrill Lynch and Bank of America fell.",
                  "ORG:Industrial Bank of Japan|ORG:Industrial and Commercial Bank of China|"
                  "ORG:Merrill Lynch|ORG:Bank of America");
}
END_TEST

START_TEST (test_age_without_a_mention_before)
{
  /* no name before "aged": it crashed reading the mention before the
   * first */
  ck_assert_tags ("He was aged 19 when he left.", "DATE:19");
}
END_TEST

START_TEST (test_saint_or_general_opening_an_organisation)
{
  /* a title inside a company's name (eighty-eighth round), not before a
   * given name */
  ck_assert_tags ("He raised money from the Overseas Private Investment Corporation and "
                  "the Doris Duke Charitable Foundation.",
                  "ORG:Overseas Private Investment Corporation|ORG:Doris Duke Charitable Foundation");
  ck_assert_tags ("Acme Corp President John Smith Foundation gave.",
                  "ORG:Acme Corp|PERSON:John Smith");
  /* a title before words that end with an organisation or place word
   * opens the name; before a person it stays a title */
  ck_assert_tags ("He taught at St. Andrews University and the General Accounting Office. "
                  "St. Peter preached.",
                  "ORG:St. Andrews University|ORG:General Accounting Office|PERSON:Peter");
  ck_assert_tags ("He made his Major League debut. Major Tom Hill spoke.",
                  "ORG:Major League|PERSON:Tom Hill");
}
END_TEST

START_TEST (test_for_after_a_listed_organisation_ends_it)
{
  /* "of" continues a listed organisation's name; "for" does not */
  ck_assert_tags ("He played in MLB for the Pittsburgh Pirates.",
                  "ORG:MLB|ORG:Pittsburgh Pirates");
}
END_TEST

START_TEST (test_and_before_a_possessor_ends_an_organisation)
{
  ck_assert_tags ("He trained at the University of Birmingham and London's Webber Douglas "
                  "Academy, and worked for the Foreign and Commonwealth Office's press team.",
                  "ORG:University of Birmingham|GPE:London|ORG:Webber Douglas Academy|"
                  "ORG:Foreign and Commonwealth Office");
}
END_TEST

START_TEST (test_town_before_state_and_preposition_is_gpe)
{
  /* a given name as a town before ", State" and a preposition */
  ck_assert_tags ("He moved to Marion, Ohio in 1920.", "GPE:Marion|GPE:Ohio|DATE:1920");
}
END_TEST

START_TEST (test_hotels_and_zoos_are_facilities)
{
  ck_assert_tags ("We met at the Roosevelt Hotel, then walked to the Bronx Zoo and the "
                  "Kelp Bay Aquarium.",
                  "FAC:Roosevelt Hotel|FAC:Bronx Zoo|FAC:Kelp Bay Aquarium");
}
END_TEST

/* ---- parameters ---- */

START_TEST (test_types_restricts_output)
{
  static const char *const params[] = { "iso-codes=false", "types=PERSON,DATE", NULL };
  g_autofree char *got = tag_with (params, "Antony Blinken visited Paris on Friday.");

  ck_assert_str_eq (got, "PERSON:Antony Blinken|DATE:Friday");
}
END_TEST

START_TEST (test_types_rejects_unknown_type)
{
  static const char *const params[] = { "types=PERSON,COMPANY", NULL };
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = harness_with (params, &error);

  ck_assert_ptr_null (h);
  ck_assert (g_error_matches (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE));
  ck_assert_str_eq (error->message,
                    "parameter 'types': unknown entity type 'COMPANY' (expected PERSON, NORP, "
                    "FAC, ORG, GPE, LOC, PRODUCT, EVENT, DATE, TIME, PERCENT, MONEY, QUANTITY, "
                    "ORDINAL or CARDINAL)");
}
END_TEST

START_TEST (test_types_suggests_a_close_type)
{
  static const char *const typos[][2] = {
    { "PERSN", "PERSON" }, { "person", "PERSON" }, { "Org", "ORG" }, { "gpee", "GPE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (typos); i++)
    {
      g_autofree char *param = g_strdup_printf ("types=ORG,%s", typos[i][0]);
      const char *const params[] = { param, NULL };
      g_autoptr (GError) error = NULL;
      GalleyHarness *h = harness_with (params, &error);
      g_autofree char *want = g_strdup_printf (
        "parameter 'types': unknown entity type '%s'; did you mean '%s'? (expected PERSON, "
        "NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, DATE, TIME, PERCENT, MONEY, QUANTITY, "
        "ORDINAL or CARDINAL)", typos[i][0], typos[i][1]);

      ck_assert_ptr_null (h);
      ck_assert_str_eq (error->message, want);
    }
}
END_TEST

START_TEST (test_gazetteer_overrides_builtin)
{
  static const char *const quimby[][2] = { { "Quimby and Vole", "Quimby & Vole" } };
  static const char *const params[] = {
    "iso-codes=false", "gazetteer=" FIXTURE ("gazetteer-override.tsv"), NULL
  };
  g_autoptr (GalleyDocument) doc =
    run_with (params, "Paris met Acme about the Globex Widget and Brexit near the Zorblatt.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *norm;
  gint64 cluster;

  ck_assert_str_eq (got, "PERSON:Paris|ORG:Acme|PRODUCT:Globex Widget|EVENT:Brexit|LOC:Zorblatt");
  features_of (doc, "Acme", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "Acme Corporation");
  /* "Quimby & Vole" is listed with "and" too, under its own name */
  g_clear_pointer (&doc, galley_document_free);
  doc = run_with (params, "Quimby and Vole agreed.");
  assert_norms (doc, quimby, 1);
}
END_TEST

/* A listed phrase with "&" is listed with "and" too, under the listed
 * form's canonical name: news agencies write "Standard and Poor's", "S
 * and P" (issue 17, fifteenth round); a user gazetteer's phrase too
 * (test_gazetteer_overrides_builtin). Not two people who share a
 * surname. */
START_TEST (test_ampersand_phrase_matches_and)
{
  static const char *const norms[][2] = { { "S and P", "S&P" } };
  g_autoptr (GalleyDocument) doc = run_with (plain, "S and P cut the rating, Standard and Poor's Corp said.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);

  ck_assert_str_eq (got, "ORG:S and P|ORG:Standard and Poor's Corp");
  assert_norms (doc, norms, G_N_ELEMENTS (norms));
  ck_assert_tags ("Shares of Johnson and Johnson rose.", "ORG:Johnson and Johnson");
  ck_assert_tags ("Ken Johnson and Tom Johnson spoke.", "PERSON:Ken Johnson|PERSON:Tom Johnson");
}
END_TEST

/* A listed phrase with a hyphen before a capital is listed with a
 * space too, under the listed form's canonical name (issue 17,
 * forty-eighth round); not a facility's, nor one whose words have a
 * class of their own. */
START_TEST (test_hyphen_phrase_matches_space)
{
  static const char *const norms[][2] = { { "Agence France Presse", "AFP" } };
  g_autoptr (GalleyDocument) doc = run_with (plain, "Agence France Presse said Rolls Royce won.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);

  ck_assert_str_eq (got, "ORG:Agence France Presse|ORG:Rolls Royce");
  assert_norms (doc, norms, G_N_ELEMENTS (norms));
  ck_assert_tags ("Take Two Steps Forward", "CARDINAL:Two");
}
END_TEST

/* A listed phrase opening with "St.", "St" or "Saint" is listed with the
 * other two too, under the listed form's name (issue 17, eighty-third
 * round): British style writes no full stop. */
START_TEST (test_saint_phrase_matches_each_spelling)
{
  static const char *const norms[][2] = {
    { "St Petersburg", "St. Petersburg" }, { "Saint Louis", "St. Louis" },
    { "St Kitts and Nevis", "Saint Kitts and Nevis" },
  };
  g_autoptr (GalleyDocument) doc = run_with (plain, "He moved from St Petersburg to Saint Louis, "
                                             "then to St Kitts and Nevis.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);

  ck_assert_str_eq (got, "GPE:St Petersburg|GPE:Saint Louis|GPE:St Kitts and Nevis");
  assert_norms (doc, norms, G_N_ELEMENTS (norms));
}
END_TEST

/* ... a user gazetteer's too, but for a facility's */
START_TEST (test_hyphen_variant_of_user_phrase)
{
  static const char *const params[] = {
    "iso-codes=false", "gazetteer=" FIXTURE ("gazetteer-override.tsv"), NULL
  };
  g_autoptr (GalleyDocument) doc = run_with (params, "We met Quell Marr near Zorb Quix.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);

  ck_assert_str_eq (got, "ORG:Quell Marr|PERSON:Zorb Quix");
}
END_TEST

static gpointer make_stage (const GalleyStageClass *klass, const char *const *params);

/* Tokenizes @text and asserts what @visit records of it after the rules
 * alone and after the rules for a model (Tagger.for_model). */
static void
assert_visits_both_ways (Tagger *tg, gpointer tokenizer, const char *text,
                         void (*visit) (Doc *, gpointer), const char *want_rules,
                         const char *want_model)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", text, -1);
  g_autoptr (GString) rules = g_string_new (NULL);
  g_autoptr (GString) model = g_string_new (NULL);

  ck_assert (galley_tokenizer_stage.process (tokenizer, doc, NULL));
  ck_assert (tagger_visit (tg, doc, visit, rules, NULL));
  tg->for_model = TRUE;
  ck_assert (tagger_visit (tg, doc, visit, model, NULL));
  tg->for_model = FALSE;
  ck_assert_str_eq (rules->str, want_rules);
  ck_assert_str_eq (model->str, want_model);
}

/* phrase_match() at each word of a document as "word:n_tokens:TYPE|". */
static void
record_phrase_matches (Doc *d, gpointer user_data)
{
  GString *out = user_data;

  for (guint i = 0; i < d->n; i++)
    {
      PhraseMatch pm;

      phrase_match (d, i, &pm);
      if (pm.n_tokens > 0)
        g_string_append_printf (out, "%.*s:%u:%s|", (int) (d->toks[i].end - d->toks[i].start),
                                d->text + d->toks[i].start, pm.n_tokens, et_type_name (pm.type));
    }
}

/* A phrase listed only as the "and" spelling of a listed "&" is no
 * phrase to a model, which was trained on the listed spellings (with
 * model=gum such phrases came out as fragments: "Poor", "Standard"); the
 * rules alone still match it. A user's own line with "and", before or
 * after the "&" line, is a phrase in both modes. The rules run for a
 * model (Tagger.for_model) with model= and in `galley train`. */
START_TEST (test_ampersand_variant_is_no_phrase_for_model)
{
  static const char *const params[] = {
    "iso-codes=false", "gazetteer=" FIXTURE ("gazetteer-override.tsv"), NULL
  };
  static const char text[] =
    "S and P cut it. Quimby and Vole rose. Hobbs and Crane fell. Pell and Drury won.";
  gpointer tokenizer = make_stage (&galley_tokenizer_stage, NULL);
  Tagger *tg = make_stage (&galley_entity_tagger_stage, params);

  assert_visits_both_ways (tg, tokenizer, text, record_phrase_matches,
                           "S:3:ORG|Quimby:3:ORG|Hobbs:3:ORG|Pell:3:ORG|", "Hobbs:3:ORG|Pell:3:ORG|");
  galley_entity_tagger_stage.free (tg);
  galley_tokenizer_stage.free (tokenizer);
}
END_TEST

START_TEST (test_gazetteer_is_case_aware)
{
  static const char *const params[] = {
    "iso-codes=false", "gazetteer=" FIXTURE ("gazetteer-override.tsv"), NULL
  };
  g_autofree char *got = tag_with (params, "The acme of his career.");

  ck_assert_str_eq (got, "");
}
END_TEST

START_TEST (test_gazetteer_wrong_field_count_names_line)
{
  static const char *const params[] = { "gazetteer=" FIXTURE ("gazetteer-bad-fields.tsv"), NULL };
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = harness_with (params, &error);

  ck_assert_ptr_null (h);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  ck_assert_str_eq (error->message, "parameter 'gazetteer': "
                    FIXTURE ("gazetteer-bad-fields.tsv") ":2: expected "
                    "PHRASE<TAB>TYPE[<TAB>CANONICAL], found 1 field");
}
END_TEST

START_TEST (test_gazetteer_unknown_type_names_line)
{
  static const char *const params[] = { "gazetteer=" FIXTURE ("gazetteer-bad-type.tsv"), NULL };
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = harness_with (params, &error);

  ck_assert_ptr_null (h);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  ck_assert_str_eq (error->message, "parameter 'gazetteer': "
                    FIXTURE ("gazetteer-bad-type.tsv") ":2: unknown type 'COMPANY' "
                    "(expected PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, DATE, TIME, "
                    "PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL, TITLE or NONE)");
}
END_TEST

START_TEST (test_gazetteer_missing_file)
{
  static const char *const params[] = { "gazetteer=/nonexistent/places.tsv", NULL };
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = harness_with (params, &error);

  ck_assert_ptr_null (h);
  /* the system refused the file: an I/O error (galley exits 4) */
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_str_eq (error->message, "parameter 'gazetteer': cannot read "
                    "/nonexistent/places.tsv: No such file or directory");
}
END_TEST

static char *
write_temp (const char *contents, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("gazetteer-XXXXXX.tsv", &path, &error);

  ck_assert_int_ge (fd, 0);
  close (fd);
  ck_assert (g_file_set_contents (path, contents, len, &error));
  return path;
}

/* expect_gazetteer_error: building the stage with a gazetteer file of
 * @len bytes of @contents (-1: a string) fails with "parameter
 * 'gazetteer': FILE:" followed by @message. */
static void
expect_gazetteer_error (const char *contents, gssize len, const char *message)
{
  g_autofree char *path = write_temp (contents, len);
  g_autofree char *param = g_strconcat ("gazetteer=", path, NULL);
  const char *params[] = { param, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("parameter 'gazetteer': %s:%s", path, message);
  GalleyHarness *h = harness_with (params, &error);

  g_unlink (path);
  ck_assert_ptr_null (h);
  ck_assert_str_eq (error->message, expected);
}

START_TEST (test_gazetteer_binary_file_is_rejected)
{
  expect_gazetteer_error ("Acme\tORG\n\0\xff\xfe\tLOC\n", 16, "2: NUL byte: not a text file");
}
END_TEST

START_TEST (test_gazetteer_empty_file_is_accepted)
{
  g_autofree char *path = write_temp ("", 0);
  g_autofree char *param = g_strconcat ("gazetteer=", path, NULL);
  const char *params[] = { "iso-codes=false", param, NULL };
  g_autofree char *got = tag_with (params, "Antony Blinken left.");

  g_unlink (path);
  ck_assert_str_eq (got, "PERSON:Antony Blinken");
}
END_TEST

START_TEST (test_gazetteer_truncated_line_is_rejected)
{
  expect_gazetteer_error ("# comment\n\nAcme\tORG\nHalf\t", -1,
                          "4: unknown type '' (expected PERSON, NORP, FAC, ORG, GPE, LOC, "
                          "PRODUCT, EVENT, DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, "
                          "CARDINAL, TITLE or NONE)");
}
END_TEST

/* Fields are cut at every tab: a fourth field is an error that counts
 * them all. */
START_TEST (test_gazetteer_four_fields_is_rejected)
{
  expect_gazetteer_error ("Acme\tORG\nAcme Widgets\tORG\tAcme\tWidgets\t\n", -1,
                          "2: expected PHRASE<TAB>TYPE[<TAB>CANONICAL], found 5 fields");
}
END_TEST

/* Spaces around each field are not part of it. */
/* @text run with a gazetteer file holding @lines (and no iso-codes);
 * the file is gone when it returns. */
static GalleyDocument *
run_with_gazetteer (const char *lines, const char *text)
{
  g_autofree char *path = write_temp (lines, -1);
  g_autofree char *param = g_strconcat ("gazetteer=", path, NULL);
  const char *params[] = { "iso-codes=false", param, NULL };
  GalleyDocument *doc = run_with (params, text);

  g_unlink (path);
  return doc;
}

START_TEST (test_gazetteer_fields_are_stripped)
{
  g_autoptr (GalleyDocument) doc
    = run_with_gazetteer ("  Zorblatt Works \t ORG \t Zorblatt Industries  \r\n",
                          "Workers left Zorblatt Works on Monday.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);

  ck_assert_str_eq (got, "ORG:Zorblatt Works|DATE:Monday");
  assert_norm_cluster (doc, "Zorblatt Works", "Zorblatt Industries", 0);
}
END_TEST

/* Phrases that start with the same word in different cases share an
 * edge of the trie, whose requirement is the loosest of theirs; each
 * phrase keeps its own. "Us Zorblatt Club" (a capital) listed made
 * "US" (all capitals, and a common word) match as "Us" would, and the
 * common word was then no name: "the US" lost its GPE. "Zorb Hall"
 * listed beside "ZORB" made "Zorb" an ORG. */
START_TEST (test_gazetteer_phrase_keeps_the_case_of_a_word_it_shares)
{
  g_autofree char *path = write_temp ("Us Zorblatt Club\tORG\nZRB\tORG\nZrb Hall\tFAC\n", -1);
  g_autofree char *param = g_strconcat ("gazetteer=", path, NULL);
  const char *params[] = { param, NULL };
  g_autofree char *us = tag_with (params, "The US said Us Zorblatt Club would close.");
  g_autofree char *zrb = tag_with (params, "Zrb Hall is open. The show at Zrb was long.");

  g_unlink (path);
  ck_assert_str_eq (us, "GPE:US|ORG:Us Zorblatt Club");
  ck_assert_str_eq (zrb, "FAC:Zrb Hall");
}
END_TEST

/* An acronym of four capitals or more is said as a word, and British
 * style writes it so: "Nato", "Opec". A listed one matches in title
 * case too, not in lower case, and not when its word has a class of its
 * own ("June" stays a month where "JUNE" is listed). Three capitals
 * are read letter by letter: "Zrb" is not "ZRB". */
START_TEST (test_gazetteer_acronym_matches_in_title_case)
{
  g_autoptr (GalleyDocument) doc
    = run_with_gazetteer ("QUORX\tORG\tQuorx Group\nJUNE\tORG\nZRB\tORG\n",
                          "Quorx cut output, QUORX said, and quorx rose. JUNE met in June. The Zrb club.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  g_autofree char *builtin = tag ("Opec and Uefa met Nato and Unicef.");
  /* without a name of its own, each spelling is its norm, in one
   * cluster (the words' key ignores case) */
  g_autoptr (GalleyDocument) plain_doc
    = run_with_gazetteer ("ZORBEX\tORG\n", "Zorbex rose. ZORBEX fell.");
  g_autofree char *plain_got = galley_harness_dump_typed (plain_doc, GALLEY_LAYER_ENTITY);

  ck_assert_str_eq (got, "ORG:Quorx|ORG:QUORX|ORG:JUNE|DATE:June");
  assert_norm_cluster (doc, "Quorx", "Quorx Group", 0);
  ck_assert_str_eq (builtin, "ORG:Opec|ORG:Uefa|ORG:Nato|ORG:Unicef");
  ck_assert_str_eq (plain_got, "ORG:Zorbex|ORG:ZORBEX");
  assert_norm_cluster (plain_doc, "Zorbex", "Zorbex", 0);
  assert_norm_cluster (plain_doc, "ZORBEX", "ZORBEX", 0);
}
END_TEST

/* Wire services write names without their accents: a listed phrase of
 * several words with accented Latin letters matches without them too,
 * under the listed form's name; a one-word phrase does not ("Hermès" the
 * company is not "Hermes" the god). */
START_TEST (test_gazetteer_phrase_matches_without_accents)
{
  g_autoptr (GalleyDocument) doc
    = run_with_gazetteer ("Banque Zélandaise Étoile\tORG\nQuorbé\tORG\n",
                          "The lenders are Banque Zelandaise Etoile and the Quorbe fund.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  g_autofree char *builtin = tag ("Credit Lyonnais and Societe Generale will lead.");

  ck_assert_str_eq (got, "ORG:Banque Zelandaise Etoile");
  assert_norm_cluster (doc, "Banque Zelandaise Etoile", "Banque Zélandaise Étoile", 0);
  ck_assert_str_eq (builtin, "ORG:Credit Lyonnais|ORG:Societe Generale");
}
END_TEST

START_TEST (test_gazetteer_none_blocks_a_name)
{
  g_autofree char *path = write_temp ("Beijing\tNONE\n", -1);
  g_autofree char *param = g_strconcat ("gazetteer=", path, NULL);
  const char *params[] = { "iso-codes=false", param, NULL };
  g_autofree char *got = tag_with (params, "Talks in Beijing and Tokyo.");

  g_unlink (path);
  ck_assert_str_eq (got, "GPE:Tokyo");
}
END_TEST

START_TEST (test_iso_codes_names_are_places)
{
  static const char *const params[] = { "iso-codes-dir=" FIXTURE ("iso-codes"), NULL };
  g_autoptr (GalleyDocument) doc =
    run_with (params, "Rain fell on Upper Quellmark in Zedonia and in Korvania.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *norm;
  gint64 cluster;

  ck_assert_str_eq (got, "GPE:Upper Quellmark|GPE:Zedonia|GPE:Korvania");
  features_of (doc, "Korvania", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "Korvania");
}
END_TEST

START_TEST (test_iso_codes_skip_common_words_and_names)
{
  static const char *const params[] = { "iso-codes-dir=" FIXTURE ("iso-codes"), NULL };
  g_autofree char *got = tag_with (params, "The Central office thanked Isabel Quint.");

  ck_assert_str_eq (got, "PERSON:Isabel Quint");
}
END_TEST

/* iso_dir: a new directory holding @countries as iso_3166-1.json and
 * @subdivisions as iso_3166-2.json; the caller removes it with
 * remove_iso_dir(). */
static char *
iso_dir (const char *countries, const char *subdivisions)
{
  char *dir = g_dir_make_tmp ("galley-iso-XXXXXX", NULL);
  g_autofree char *c = g_build_filename (dir, "iso_3166-1.json", NULL);
  g_autofree char *r = g_build_filename (dir, "iso_3166-2.json", NULL);

  ck_assert_ptr_nonnull (dir);
  ck_assert (g_file_set_contents (c, countries, -1, NULL));
  ck_assert (g_file_set_contents (r, subdivisions, -1, NULL));
  return dir;
}

static void
remove_iso_dir (const char *dir)
{
  g_autofree char *c = g_build_filename (dir, "iso_3166-1.json", NULL);
  g_autofree char *r = g_build_filename (dir, "iso_3166-2.json", NULL);

  g_unlink (c);
  g_unlink (r);
  g_rmdir (dir);
}

/* run_with_iso: @text through the tagger with iso-codes files holding
 * @countries and @subdivisions (removed before it returns). */
static GalleyDocument *
run_with_iso (const char *countries, const char *subdivisions, const char *text)
{
  g_autofree char *dir = iso_dir (countries, subdivisions);
  g_autofree char *param = g_strconcat ("iso-codes-dir=", dir, NULL);
  const char *params[] = { param, NULL };
  GalleyDocument *doc = run_with (params, text);

  remove_iso_dir (dir);
  return doc;
}

/* tag_with_iso: the entity layer of run_with_iso() as "TYPE:text|...". */
static char *
tag_with_iso (const char *countries, const char *subdivisions, const char *text)
{
  g_autoptr (GalleyDocument) doc = run_with_iso (countries, subdivisions, text);

  return galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
}

/* The files are read as a stream of events: only the entries of the root
 * member's array count; a name elsewhere (another root member, an object
 * nested in an entry) is no place; a member that is not a string counts as
 * absent, and a repeated member as its last value. */
START_TEST (test_iso_codes_only_entries_of_the_member_array)
{
  g_autofree char *got = tag_with_iso (
    "{\"comment\": {\"name\": \"Ostmark\"}, \"3166-1\": ["
    " 7, [{\"name\": \"Norland\"}],"
    " {\"name\": \"Zedonia\", \"extra\": {\"name\": \"Westmark\"}},"
    " {\"name\": 12, \"official_name\": \"Republic of Suland\"},"
    " {\"name\": \"Olden\", \"name\": \"Quorvia\"}],"
    " \"other\": [{\"name\": \"Easterly\"}]}",
    "{\"3166-2\": [{\"name\": \"Upper Quellmark\"}, {\"name\": null}]}",
    "Ostmark, Norland, Westmark, Easterly and Olden met Zedonia, Quorvia, "
    "the Republic of Suland. Rain fell on Upper Quellmark.");

  ck_assert_str_eq (got, "GPE:Zedonia|GPE:Quorvia|GPE:Republic of Suland|GPE:Upper Quellmark");
}
END_TEST

/* One-word subdivisions on the skip list (Nord, Plateaux, the longest)
 * are no places; a name that only starts like one (Nordavia) is. */
START_TEST (test_iso_codes_skip_list_is_exact)
{
  g_autofree char *got = tag_with_iso (
    "{\"3166-1\": [{\"name\": \"Zedonia\"}]}",
    "{\"3166-2\": [{\"name\": \"Nord\"}, {\"name\": \"Nordavia\"},"
    " {\"name\": \"Plateaux\"}]}",
    "Rain fell in Zedonia on Nord, on Nordavia and on Plateaux.");

  ck_assert_str_eq (got, "GPE:Zedonia|GPE:Nordavia");
}
END_TEST

/* The plain files iso-codes ships are read by the fast reader
 * (iso-codes-scan.c): root members other than the entries' array, nested
 * as they may be, are skipped; white space of every kind, and names in
 * UTF-8, are read as they are. */
START_TEST (test_iso_codes_plain_file_fast_reader)
{
  g_autoptr (GalleyDocument) doc = run_with_iso (
    "{\"comment\": {\"name\": \"Ostmark\", \"list\": [\"Westmark\", {\"name\": []}, []]},\r\n"
    "\t\"3166-1\": [ {\"name\": \"Zedonia\", \"official_name\": \"Republic of Suland\"},\n"
    "  {}, {\"name\": \"Olden\", \"name\": \"Quorvia\"} ], \"other\": {}}\n",
    "{\"3166-2\": [{\"name\": \"Upper Qu\u00e9llmark\"}, {\"name\": \"\u00c5lborg Fjeld\"}]}",
    "Ostmark, Westmark and Olden met Zedonia, Quorvia, the Republic of Suland. "
    "Rain fell on Upper Qu\u00e9llmark and \u00c5lborg Fjeld.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  const char *norm;
  gint64 cluster;

  ck_assert_str_eq (got, "GPE:Zedonia|GPE:Quorvia|GPE:Republic of Suland|"
                         "GPE:Upper Qu\u00e9llmark|GPE:\u00c5lborg Fjeld");
  /* the official name's canonical form is the entry's name */
  features_of (doc, "Republic of Suland", 0, &norm, &cluster);
  ck_assert_str_eq (norm, "Zedonia");
}
END_TEST

/* A JSON escape is beyond the fast reader: yajl reads the file instead,
 * and the escaped name is a place as it would be written out. */
START_TEST (test_iso_codes_escaped_name_read_by_yajl)
{
  g_autofree char *got = tag_with_iso (
    "{\"3166-1\": [{\"name\": \"Zedonia\"}]}",
    "{\"3166-2\": [{\"name\": \"Upper Qu\\u00e9llmark\"}, {\"name\": \"\\u0041shvale Downs\"}]}",
    "Rain fell in Zedonia, on Upper Qu\u00e9llmark and on Ashvale Downs.");

  ck_assert_str_eq (got, "GPE:Zedonia|GPE:Upper Qu\u00e9llmark|GPE:Ashvale Downs");
}
END_TEST

/* iso-codes' names rank below the built-in lists: a name both hold keeps
 * the lists' type and canonical form (Goldman Sachs an ORG, Burma's norm
 * Myanmar), though the lists' tables are made before iso-codes is read
 * (lexicon_add_phrase_under()); a name of iso-codes' own is a place. */
START_TEST (test_iso_codes_rank_below_builtin_lists)
{
  g_autoptr (GalleyDocument) doc = run_with_iso (
    "{\"3166-1\": [{\"name\": \"Burma\", \"official_name\": \"Union of Burma\"}]}",
    "{\"3166-2\": [{\"name\": \"Goldman Sachs\"}, {\"name\": \"Upper Quellmark\"},"
    " {\"name\": \"Upper Quellmark\"}]}",
    "Goldman Sachs left Burma, the Union of Burma, for Upper Quellmark.");
  g_autofree char *got = galley_harness_dump_typed (doc, GALLEY_LAYER_ENTITY);
  static const char *const want[][2] = {
    { "Burma", "Myanmar" }, { "Union of Burma", "Burma" }, { "Upper Quellmark", "Upper Quellmark" },
  };

  ck_assert_str_eq (got, "ORG:Goldman Sachs|GPE:Burma|GPE:Union of Burma|GPE:Upper Quellmark");
  assert_norms (doc, want, G_N_ELEMENTS (want));
}
END_TEST

/* The built-in lists' lexicon that make wrote as tables is the one the
 * lists give when read: the same words with the same ids and classes,
 * the same phrases. */
START_TEST (test_builtin_lexicon_tables_match_lists)
{
  Lexicon *read = lexicon_new ();
  Lexicon *built = lexicon_new_builtin ();
  static const char *const phrases[][3] = {
    { "U.S.", "GPE", "United States" }, { "Goldman Sachs", "ORG", NULL },
    { "Burma", "GPE", "Myanmar" },
  };

  lexicon_load_builtin_words (read);
  lexicon_load_builtin_phrases (read);
  lexicon_seal (read);
  lexicon_seal (built);
  ck_assert_uint_eq (lexicon_n_words (built), lexicon_n_words (read));
  ck_assert_uint_eq (lexicon_n_phrases (built), lexicon_n_phrases (read));
  for (guint32 wid = 0; wid < lexicon_n_words (read); wid++)
    {
      const WordInfo *a = lexicon_word_info (read, wid), *b = lexicon_word_info (built, wid);

      ck_assert_uint_eq (lexicon_words_by_id (built)[wid].hash,
                         lexicon_words_by_id (read)[wid].hash);
      ck_assert_uint_eq (b->flags, a->flags);
      ck_assert_int_eq (b->value, a->value);
      ck_assert_uint_eq (b->place_type, a->place_type);
      ck_assert_str_eq (b->currency, a->currency);
    }
  for (guint k = 0; k < G_N_ELEMENTS (phrases); k++)
    {
      g_auto (GStrv) words = g_strsplit (phrases[k][0], " ", 0);
      guint32 node = LEXICON_ROOT;
      const char *canonical;
      CaseReq req;

      for (guint w = 0; words[w] != NULL; w++)
        {
          char buf[64];
          int n = lexicon_fold (words[w], strlen (words[w]), buf, sizeof buf);
          guint32 wid = lexicon_word_id (built, buf, n, lexicon_hash (buf, n));

          ck_assert_uint_ne (wid, LEX_NO_WORD);
          node = lexicon_step (built, node, wid, &req);
          ck_assert_uint_ne (node, LEXICON_NO_NODE);
        }
      ck_assert_str_eq (et_type_name (lexicon_node_type (built, node, &canonical)),
                        phrases[k][1]);
      if (phrases[k][2] == NULL)
        ck_assert_ptr_null (canonical);
      else
        ck_assert_str_eq (canonical, phrases[k][2]);
    }
  lexicon_free (read);
  lexicon_free (built);
}
END_TEST

/* word_id_of: the id of @word (folded) in @lex, or LEX_NO_WORD. */
static guint32
word_id_of (const Lexicon *lex, const char *word)
{
  char buf[64];
  int n = lexicon_fold (word, strlen (word), buf, sizeof buf);

  return lexicon_word_id (lex, buf, n, lexicon_hash (buf, n));
}

/* The sealed trie is probed by word id, and a slot that holds the word
 * is the edge only when it leaves the node stepped from (a node's one
 * parent): 300 first words, each followed by every other one of 8
 * second words (1,200 phrases and 1,500 edges, 37% of the 4,096 slots),
 * put each second word on 150 edges from 150 nodes, often in the slots
 * probed for another node's step by it. Every step is checked against
 * the phrases added (a slow reference): from the root by every word
 * (only the first words lead on), from each first word's node by every
 * second word (an edge, with its phrase's type and the case requirement
 * of its spelling: "Vqa" CAP, "vqa" ANY, "VQA" UPPER; or none), and
 * from each phrase's last node (none). */
START_TEST (test_trie_steps_follow_the_node_s_own_edges)
{
  enum { N_FIRST = 300, N_SECOND = 8 };
  static const CaseReq req_of[3] = { CASE_REQ_CAP, CASE_REQ_ANY, CASE_REQ_UPPER };
  Lexicon *lex = lexicon_new ();
  char first[N_FIRST][8], second[N_SECOND][8];
  guint32 first_id[N_FIRST], second_id[N_SECOND], node[N_FIRST];

  for (guint i = 0; i < N_FIRST; i++)
    g_snprintf (first[i], sizeof first[i], "Kx%c%c", 'a' + i / 26, 'a' + i % 26);
  for (guint j = 0; j < N_SECOND; j++)
    g_snprintf (second[j], sizeof second[j], j % 3 == 0 ? "Vq%c" : j % 3 == 1 ? "vq%c" : "VQ%c",
                (j % 3 == 2 ? 'A' : 'a') + j);
  for (guint i = 0; i < N_FIRST; i++)
    for (guint j = i % 2; j < N_SECOND; j += 2)
      {
        g_autofree char *phrase = g_strdup_printf ("%s %s", first[i], second[j]);

        ck_assert (lexicon_add_phrase (lex, phrase, (i + j) % 4 == 0 ? ET_ORG : ET_GPE, NULL));
      }
  lexicon_seal (lex);
  for (guint i = 0; i < N_FIRST; i++)
    {
      CaseReq req = CASE_REQ_ANY;

      first_id[i] = word_id_of (lex, first[i]);
      ck_assert_uint_ne (first_id[i], LEX_NO_WORD);
      node[i] = lexicon_step (lex, LEXICON_ROOT, first_id[i], &req);
      ck_assert_uint_ne (node[i], LEXICON_NO_NODE);
      ck_assert_int_eq (req, CASE_REQ_CAP);
      ck_assert_int_eq (lexicon_node_type (lex, node[i], NULL), ET_NONE);
    }
  for (guint j = 0; j < N_SECOND; j++)
    {
      CaseReq req;

      second_id[j] = word_id_of (lex, second[j]);
      ck_assert_uint_ne (second_id[j], LEX_NO_WORD);
      ck_assert_uint_eq (lexicon_step (lex, LEXICON_ROOT, second_id[j], &req), LEXICON_NO_NODE);
    }
  for (guint i = 0; i < N_FIRST; i++)
    for (guint j = 0; j < N_SECOND; j++)
      {
        CaseReq req = 99;
        guint32 child = lexicon_step (lex, node[i], second_id[j], &req);
        const char *canonical = "unset";

        if ((i + j) % 2 != 0)
          {
            if (child != LEXICON_NO_NODE)
              ck_abort_msg ("%s %s: a step where no phrase goes", first[i], second[j]);
            continue;
          }
        if (child == LEXICON_NO_NODE)
          ck_abort_msg ("%s %s: no step", first[i], second[j]);
        ck_assert_int_eq (req, req_of[j % 3]);
        ck_assert_int_eq (lexicon_node_type (lex, child, &canonical),
                          (i + j) % 4 == 0 ? ET_ORG : ET_GPE);
        ck_assert_ptr_null (canonical);
        ck_assert_uint_eq (lexicon_step (lex, child, second_id[j], &req), LEXICON_NO_NODE);
        ck_assert_uint_eq (lexicon_step (lex, child, first_id[i], &req), LEXICON_NO_NODE);
      }
  lexicon_free (lex);
}
END_TEST

/* Sealed, the word table is at most a third full whatever was added
 * (lexicon_seal() grows it: a fuller table made every token's probe
 * longer), and no larger than that takes (a table twice the size was a
 * megabyte more to fault in at every start, for no speed), and the hot
 * lookup still finds every word under its id and hash, and no word that
 * was never added. 5,000 words on top of the built-in 12,220 fill the
 * table past a third as it grows while words are added (at half full). */
START_TEST (test_sealed_word_table_is_a_third_full_and_finds_every_word)
{
  Lexicon *lex = lexicon_new_builtin ();
  const LexiconWordTable *wt = (const LexiconWordTable *) lex;
  guint32 wids[5000];
  /* 8 readable bytes after any word, as in a document's text */
  char text[32] = { 0 };
  guint64 hash, flags;

  for (guint k = 0; k < G_N_ELEMENTS (wids); k++)
    {
      g_snprintf (text, sizeof text, "zqw%u", k);
      wids[k] = lexicon_add_word (lex, text, LEX_SURNAME);
      ck_assert_uint_ne (wids[k], LEX_NO_WORD);
    }
  lexicon_seal (lex);
  ck_assert_uint_ge (wt->wmask + 1, 3 * lexicon_n_words (lex));
  ck_assert_uint_lt ((wt->wmask + 1) / 2, 3 * lexicon_n_words (lex));
  for (guint k = 0; k < G_N_ELEMENTS (wids); k++)
    {
      int len = g_snprintf (text, sizeof text, "Zqw%u", k);

      ck_assert_uint_eq (lexicon_lookup (lex, text, len, text + sizeof text, TRUE, &hash, &flags),
                         wids[k]);
      ck_assert_uint_eq (hash, lexicon_words_by_id (lex)[wids[k]].hash);
      ck_assert_uint_eq (flags, LEX_SURNAME);
    }
  memset (text, 0, sizeof text);
  memcpy (text, "zqwx", 4);
  ck_assert_uint_eq (lexicon_lookup (lex, text, 4, text + sizeof text, TRUE, &hash, &flags),
                     LEX_NO_WORD);
  ck_assert_uint_eq (flags, 0);
  lexicon_free (lex);
}
END_TEST

/* A lexicon made from the built-in image starts at the size the seal
 * gives its words, so that iso-codes' names (about 4,350 words) are
 * added with no grow, and the seal keeps it: 16,572 words in 65,536
 * slots. At a quarter full the table doubled twice on the way, to
 * 131,072 slots. */
START_TEST (test_builtin_lexicon_starts_at_its_sealed_size)
{
  Lexicon *lex = lexicon_new_builtin ();
  const LexiconWordTable *wt = (const LexiconWordTable *) lex;
  guint start = wt->wmask + 1, n = lexicon_n_words (lex);
  char text[32] = { 0 };

  ck_assert_uint_ge (start, 3 * n);
  ck_assert_uint_lt (start / 2, 3 * n);
  for (guint k = 0; k < 4350; k++)
    {
      g_snprintf (text, sizeof text, "zqv%u", k);
      ck_assert_uint_ne (lexicon_add_word (lex, text, LEX_SURNAME), LEX_NO_WORD);
    }
  lexicon_seal (lex);
  ck_assert_uint_eq (wt->wmask + 1, start);
  lexicon_free (lex);
}
END_TEST

/* lexicon_lookup_in() hashes an ASCII word a chunk of 8 bytes at a
 * time with one masked load for the last 1 to 8, or byte by byte where
 * fewer than 8 bytes are left to read before the text's end; words of
 * every length up to three chunks, in both places, any case, hash as
 * their folded spelling does, and known words find their id and
 * classes. */
START_TEST (test_word_lookup_hash_of_every_length)
{
  static const char *const words[] = {
    "a", "Of", "the", "York", "Paris", "Monday", "January", "Thursday",
    "Wednesday", "Washington", "government", "September", "Afghanistan",
    "WASHINGTON", "international", "administration", "Northamptonshire",
    "representatives", "telecommunications", "xqzzyxqzzyxqzzyxqzzyxq",
  };
  Lexicon *lex = lexicon_new_builtin ();
  const LexiconWordTable *wt = (const LexiconWordTable *) lex;

  lexicon_seal (lex);
  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    {
      gsize len = strlen (words[k]);
      g_autofree char *padded = g_strconcat (words[k], " and more text", NULL);
      g_autofree char *alone = g_strdup (words[k]);
      g_autofree char *lower = g_ascii_strdown (words[k], -1);
      char buf[64];
      int n = lexicon_fold (words[k], len, buf, sizeof buf);
      guint64 want = lexicon_hash (buf, n);
      guint32 want_wid = lexicon_word_id (lex, buf, n, want);
      /* 8 bytes readable past the word, then none past its NUL (the
       * text's end is one past its NUL, as Doc.text_end) */
      const char *texts[] = { padded, alone, lower };
      const char *ends[] = { padded + strlen (padded) + 1, alone + len + 1, lower + len + 1 };

      ck_assert_int_eq (n, (int) len);
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          guint64 hash = 0, flags = 0;
          guint32 wid = lexicon_lookup_in (wt->probes, wt->wmask, wt->by_id, texts[t], len,
                                           ends[t], TRUE, texts[t] == lower, &hash, &flags);

          ck_assert_msg (hash == want, "%s (text %u): hash %" G_GINT64_MODIFIER "x, want %"
                         G_GINT64_MODIFIER "x", words[k], t, hash, want);
          ck_assert_uint_eq (wid, want_wid);
          /* the classes come from the word's own entry */
          ck_assert (flags == (want_wid != LEX_NO_WORD ? lexicon_word_info (lex, want_wid)->flags : 0));
        }
      /* the last word is no word of the lexicon; the others are */
      ck_assert_msg (k + 1 == G_N_ELEMENTS (words) ? want_wid == LEX_NO_WORD : want_wid != LEX_NO_WORD,
                     "%s: word id %u", words[k], want_wid);
    }
  lexicon_free (lex);
}
END_TEST

/* expect_iso_error: building the stage on iso-codes files holding
 * @countries and @subdivisions fails with "parameter 'iso-codes-dir': DIR/"
 * followed by @message. */
static void
expect_iso_error (const char *countries, const char *subdivisions, const char *message)
{
  g_autofree char *dir = iso_dir (countries, subdivisions);
  g_autofree char *param = g_strconcat ("iso-codes-dir=", dir, NULL);
  g_autofree char *want = g_strdup_printf ("parameter 'iso-codes-dir': %s/%s", dir, message);
  const char *params[] = { param, NULL };
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = harness_with (params, &error);

  remove_iso_dir (dir);
  ck_assert_ptr_null (h);
  ck_assert_str_eq (error->message, want);
}

START_TEST (test_iso_codes_invalid_json_names_the_file)
{
  expect_iso_error ("{\"3166-1\": [{\"name\": \"Zedonia\"", "{\"3166-2\": []}",
                    "iso_3166-1.json: not valid JSON: premature EOF");
}
END_TEST

/* Bytes that are not UTF-8 in a string, and text after the root object:
 * the fast reader gives up, and yajl's message names the fault. */
START_TEST (test_iso_codes_bad_utf8_is_error)
{
  expect_iso_error ("{\"3166-1\": [{\"name\": \"Zed\xffonia\"}]}", "{\"3166-2\": []}",
                    "iso_3166-1.json: not valid JSON: lexical error: invalid bytes in UTF8 string.");
}
END_TEST

START_TEST (test_iso_codes_text_after_root_is_error)
{
  expect_iso_error ("{\"3166-1\": []}", "{\"3166-2\": []} {}",
                    "iso_3166-2.json: not valid JSON: trailing garbage");
}
END_TEST

START_TEST (test_iso_codes_member_not_an_array_is_error)
{
  expect_iso_error ("{\"3166-1\": [], \"3166-1\": {}}", "{\"3166-2\": []}",
                    "iso_3166-1.json: no \"3166-1\" array: not an iso-codes file");
}
END_TEST

START_TEST (test_iso_codes_dir_named_but_missing_is_error)
{
  static const char *const params[] = { "iso-codes-dir=/nonexistent/iso", NULL };
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = harness_with (params, &error);

  ck_assert_ptr_null (h);
  ck_assert (g_error_matches (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STAGE));
  ck_assert (g_str_has_prefix (error->message, "parameter 'iso-codes-dir': "));
}
END_TEST

START_TEST (test_iso_codes_file_not_iso_is_error)
{
  static const char *const params[] = { "iso-codes-dir=" TEST_SRCDIR, NULL };
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = harness_with (params, &error);

  ck_assert_ptr_null (h);
  ck_assert (g_str_has_prefix (error->message, "parameter 'iso-codes-dir': "));
}
END_TEST

/* ---- robustness ---- */

START_TEST (test_huge_document)
{
  GString *text = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;
  guint n;

  while (text->len < 2 * 1024 * 1024)
    g_string_append (text, "Antony Blinken met officials in Beijing on Friday. ");
  doc = run (text->str);
  n = galley_layer_get_n_spans (galley_document_get_layer (doc, GALLEY_LAYER_ENTITY));
  ck_assert_uint_eq (n, 3 * (text->len / strlen ("Antony Blinken met officials in Beijing on Friday. ")));
  g_string_free (text, TRUE);
}
END_TEST

typedef struct {
  const GalleyStageClass *klass;
  gpointer stage;
  GalleyDocument **docs;
  guint n_docs;
} Shared;

static gpointer
process_all (gpointer data)
{
  Shared *s = data;

  for (guint round = 0; round < 20; round++)
    for (guint i = 0; i < s->n_docs; i++)
      if (!s->klass->process (s->stage, s->docs[i], NULL))
        return GINT_TO_POINTER (1);
  return NULL;
}

static gpointer
make_stage (const GalleyStageClass *klass, const char *const *params)
{
  g_autoptr (GalleyParams) p = galley_params_new (klass->params);
  g_autoptr (GError) error = NULL;
  gpointer stage;

  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    {
      g_auto (GStrv) kv = g_strsplit (params[i], "=", 2);

      ck_assert (galley_params_set (p, kv[0], kv[1], &error));
    }
  ck_assert (galley_params_finish (p, &error));
  stage = klass->create (p, &error);
  ck_assert_msg (stage != NULL, "%s", error ? error->message : "?");
  return stage;
}

/* One instance shared by four threads (GALLEY_STAGE_THREAD_SAFE): each
 * thread's documents come out as they do on one thread. */
START_TEST (test_shared_instance_across_threads)
{
  static const char *const texts[] = {
    "Antony Blinken met Wang Yi in Beijing on Friday. Blinken said talks were useful.",
    "Shares of Quorvex Holdings fell 3.5% to $12.40 after the Bank of England acted.",
    "George Washington crossed the river. Later, Washington became president.",
    "FLOODS HIT BANGLADESH AS INDIA OPENS DAMS\n\nMore than 2 million people were stranded.",
  };
  gpointer tokenizer = make_stage (&galley_tokenizer_stage, NULL);
  gpointer tagger = make_stage (&galley_entity_tagger_stage, plain);
  GalleyDocument *docs[4][G_N_ELEMENTS (texts)];
  char *expected[G_N_ELEMENTS (texts)] = { NULL };
  Shared shared[4];
  GThread *threads[4];

  for (guint t = 0; t < 4; t++)
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        docs[t][i] = galley_document_new ("d", texts[i], -1);
        ck_assert (galley_tokenizer_stage.process (tokenizer, docs[t][i], NULL));
      }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      ck_assert (galley_entity_tagger_stage.process (tagger, docs[0][i], NULL));
      expected[i] = galley_harness_dump_typed (docs[0][i], GALLEY_LAYER_ENTITY);
    }
  for (guint t = 0; t < 4; t++)
    {
      shared[t] = (Shared) { &galley_entity_tagger_stage, tagger, docs[t], G_N_ELEMENTS (texts) };
      threads[t] = g_thread_new ("tagger", process_all, &shared[t]);
    }
  for (guint t = 0; t < 4; t++)
    ck_assert_ptr_null (g_thread_join (threads[t]));
  for (guint t = 0; t < 4; t++)
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autofree char *got = galley_harness_dump_typed (docs[t][i], GALLEY_LAYER_ENTITY);

        ck_assert_str_eq (got, expected[i]);
        galley_document_free (docs[t][i]);
      }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (expected[i]);
  galley_entity_tagger_stage.free (tagger);
  galley_tokenizer_stage.free (tokenizer);
}
END_TEST

START_TEST (test_odd_text_does_not_crash)
{
  ck_assert_tags ("\x01\x02 ''' \"\" ... $ % 12: -- 😀 NATO's ## @x #y $$ 5:99 2024-13-40 Ü.",
                  "CARDINAL:12|ORG:NATO");
}
END_TEST

/* Thousands of distinct names in one document: the resolver's maps grow
 * past their first 4,096 slots (half full at 2,048 keys), and a bare
 * surname at the end still joins its full name, first and last. */
START_TEST (test_thousands_of_names_in_one_document_still_cluster)
{
  static const char consonants[] = "bcdfghjklmnprstvz";
  static const char vowels[] = "aeiou";
  GString *text = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;
  g_autofree char *first = NULL, *last = NULL;
  guint i = 0;

  for (guint a = 0; a < 17 && i < 3000; a++)
    for (guint v = 0; v < 5 && i < 3000; v++)
      for (guint b = 0; b < 17 && i < 3000; b++)
        for (guint w = 0; w < 5 && i < 3000; w++, i++)
          {
            char name[9] = { g_ascii_toupper (consonants[a]), vowels[v],
                             consonants[b], vowels[w], 's', 't', 'e', 'r', 0 };

            g_string_append_printf (text, "John %s met %u people on Monday. ",
                                    name, 1000 + i);
            if (i == 0)
              first = g_strdup (name);
            last = (g_free (last), g_strdup (name));
          }
  ck_assert_str_eq (first, "Babaster");
  ck_assert_str_eq (last, "Kaguster");
  g_string_append (text, "Babaster said Kaguster was right.");
  doc = run (text->str);
  g_string_free (text, TRUE);
  ck_assert_uint_eq (galley_layer_get_n_spans (
                       galley_document_get_layer (doc, GALLEY_LAYER_ENTITY)), 9002);
  assert_norm_cluster (doc, "Babaster", "John Babaster", 0);
  assert_norm_cluster (doc, "Kaguster", "John Kaguster", 5999);
}
END_TEST

/* The document's table of capitalised words grows past its first 65,536
 * slots (half full at 32,768 distinct words): the words put in before it
 * grew keep their casing evidence ("Mark" seen lower-case elsewhere
 * stays out of "Ruffalo"), so the text tags as it does alone. */
START_TEST (test_forty_thousand_capitalised_words_keep_casing_evidence)
{
  static const char head[] =
    "Antony Blinken met Wang Yi in Beijing on Friday. The talks went well. "
    "Reform came slowly to the region. The reform of the Senate took years. "
    "Critics said Apple was wrong. Floods killed 45 people in Kenya. "
    "Hope Hicks spoke. Many said they had hope. Mark Ruffalo said Ford "
    "would build cars in Mexico. Will Smith arrived. Rain fell. Smith said "
    "he will stay.";
  static const char want[] =
    "PERSON:Antony Blinken|PERSON:Wang Yi|GPE:Beijing|DATE:Friday|ORG:Senate|"
    "ORG:Apple|CARDINAL:45|GPE:Kenya|PERSON:Hicks|PERSON:Ruffalo|ORG:Ford|"
    "GPE:Mexico|PERSON:Smith|PERSON:Smith";
  static const char consonants[] = "bcdfghjklmnprstvz";
  static const char vowels[] = "aeiou";
  static const char ends[] = "klmnrst";
  GString *text = g_string_new (head);
  g_autofree char *alone = tag (head);
  g_autofree char *with_words = NULL;
  guint n = 0;

  g_string_append (text, "\n\n");
  for (guint a = 0; a < 17 && n < 40000; a++)
    for (guint v = 0; v < 5 && n < 40000; v++)
      for (guint b = 0; b < 17 && n < 40000; b++)
        for (guint w = 0; w < 5 && n < 40000; w++)
          for (guint c = 0; c < 7 && n < 40000; c++, n++)
            g_string_append_printf (text, "They saw %c%c%c%c%c today. ",
                                    g_ascii_toupper (consonants[a]), vowels[v],
                                    consonants[b], vowels[w], ends[c]);
  with_words = tag (text->str);
  g_string_free (text, TRUE);
  ck_assert_str_eq (alone, want);
  ck_assert_msg (g_str_has_prefix (with_words, want)
                 && with_words[strlen (want)] == '|',
                 "with the words after it: %.300s", with_words);
}
END_TEST

START_TEST (test_long_capitalised_run)
{
  g_autofree char *got = tag ("Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda "
                              "Mu Nu Xi Omicron Pi Rho Sigma Tau");

  ck_assert_ptr_nonnull (got);
}
END_TEST

/* The model's decoder against Viterbi as defined: every predecessor
 * et_label_allowed() permits, in increasing order, the first of equal
 * scores winning. Small integer scores make ties frequent, so the
 * decoder's vector lanes must break them as the definition does. */
static void
reference_viterbi (const float *emit, guint n, guint L,
                   const float trans[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS], guint8 *out)
{
  float score[8][ET_MODEL_MAX_LABELS];
  guint8 back[8][ET_MODEL_MAX_LABELS];
  float best_score = -INFINITY;
  guint best = 0;

  for (guint l = 0; l < L; l++)
    score[0][l] = et_label_allowed (0, l) ? emit[l] + trans[0][l] : -INFINITY;
  for (guint i = 1; i < n; i++)
    for (guint l = 0; l < L; l++)
      {
        float bs = -INFINITY;
        guint bp = 0;

        for (guint p = 0; p < L; p++)
          if (et_label_allowed (p, l) && score[i - 1][p] + trans[p][l] > bs)
            {
              bs = score[i - 1][p] + trans[p][l];
              bp = p;
            }
        score[i][l] = bs + emit[i * L + l];
        back[i][l] = (guint8) bp;
      }
  for (guint l = 0; l < L; l++)
    if (score[n - 1][l] + trans[l][0] > best_score && et_label_allowed (l, 0))
      {
        best_score = score[n - 1][l] + trans[l][0];
        best = l;
      }
  for (guint i = n; i-- > 0;)
    {
      out[i] = (guint8) best;
      if (i > 0)
        best = back[i][best];
    }
}

/* Word classes (clusters.c): words followed by the same words share a
 * class; rare words have none. Four kinds of word, in sentences that
 * mix them: determiners (the, a) before nouns (cat, dog) before verbs
 * (sat, ran) before a full stop, which comes before a determiner. */
enum { W_THE = 11, W_A, W_CAT, W_DOG, W_SAT, W_RAN, W_STOP, W_RARE };

static EtClusters *
learn_toy_clusters (guint k)
{
  static const guint64 sent[8][4] = {
    { W_THE, W_CAT, W_SAT, W_STOP }, { W_A, W_DOG, W_RAN, W_STOP },
    { W_THE, W_DOG, W_SAT, W_STOP }, { W_A, W_CAT, W_RAN, W_STOP },
    { W_A, W_CAT, W_SAT, W_STOP }, { W_THE, W_DOG, W_RAN, W_STOP },
    { W_THE, W_CAT, W_RAN, W_STOP }, { W_A, W_DOG, W_SAT, W_STOP },
  };
  EtClusterText *t = et_cluster_text_new ();
  EtClusterOptions o = { k, 3, 10 };
  guint64 doc[8 * 4 + 2];
  EtClusters *c;

  for (guint rep = 0; rep < 5; rep++)
    {
      guint n = 0;

      for (guint s = 0; s < 8; s++)
        for (guint w = 0; w < 4; w++)
          doc[n++] = sent[(s + rep) % 8][w];
      /* seen twice only: below min_count */
      if (rep < 2)
        doc[n++] = W_RARE;
      et_cluster_text_add (t, doc, n);
    }
  ck_assert_uint_eq (et_cluster_text_tokens (t), 5 * 32 + 2);
  c = et_clusters_learn (t, &o);
  et_cluster_text_free (t);
  return c;
}

START_TEST (test_clusters_group_words_of_shared_contexts)
{
  EtClusters *c = learn_toy_clusters (4);
  guint the, cat, sat, stop;

  ck_assert_ptr_nonnull (c);
  ck_assert_uint_eq (et_clusters_n_classes (c), 4);
  ck_assert_uint_eq (et_clusters_n_words (c), 7);
  the = et_clusters_lookup (c, W_THE);
  cat = et_clusters_lookup (c, W_CAT);
  sat = et_clusters_lookup (c, W_SAT);
  stop = et_clusters_lookup (c, W_STOP);
  ck_assert_uint_eq (et_clusters_lookup (c, W_A), the);
  ck_assert_uint_eq (et_clusters_lookup (c, W_DOG), cat);
  ck_assert_uint_eq (et_clusters_lookup (c, W_RAN), sat);
  /* four classes, all different, each 1 to 4 (class + 1) */
  ck_assert (the >= 1 && the <= 4 && cat >= 1 && cat <= 4);
  ck_assert (sat >= 1 && sat <= 4 && stop >= 1 && stop <= 4);
  ck_assert (the != cat && the != sat && the != stop && cat != sat && cat != stop
             && sat != stop);
  ck_assert_uint_eq (et_clusters_lookup (c, W_RARE), 0);
  ck_assert_uint_eq (et_clusters_lookup (c, 999), 0);
  et_clusters_free (c);
}
END_TEST

/* max_words keeps the most frequent words, equal counts in the order of
 * their hashes; the others get no class */
START_TEST (test_clusters_keep_the_most_frequent_words)
{
  EtClusterText *t = et_cluster_text_new ();
  EtClusterOptions o = { 2, 1, 5, 2 };
  const guint64 doc[] = { 7, 9, 8, 9, 7, 9, 8, 9, 6, 9 };
  EtClusters *c;

  et_cluster_text_add (t, doc, G_N_ELEMENTS (doc));
  c = et_clusters_learn (t, &o);
  et_cluster_text_free (t);
  ck_assert_ptr_nonnull (c);
  ck_assert_uint_eq (et_clusters_n_words (c), 2);
  ck_assert_uint_ne (et_clusters_lookup (c, 9), 0);  /* 5 times */
  ck_assert_uint_ne (et_clusters_lookup (c, 7), 0);  /* 2 times, before 8 by hash */
  ck_assert_uint_eq (et_clusters_lookup (c, 8), 0);
  ck_assert_uint_eq (et_clusters_lookup (c, 6), 0);
  et_clusters_free (c);
}
END_TEST

START_TEST (test_clusters_none_when_every_word_is_rare)
{
  EtClusterText *t = et_cluster_text_new ();
  EtClusterOptions o = { 8, 3, 10 };
  const guint64 doc[] = { 1, 2, 3, 1, 2, 3 };

  et_cluster_text_add (t, doc, G_N_ELEMENTS (doc));
  ck_assert_ptr_null (et_clusters_learn (t, &o));
  et_cluster_text_free (t);
}
END_TEST

START_TEST (test_clusters_section_round_trips_and_bad_ones_are_refused)
{
  EtClusters *c = learn_toy_clusters (4), *back;
  g_autoptr (GByteArray) b = g_byte_array_new ();
  gsize used = 0;
  guint8 saved;
  const guint64 words[] = { W_THE, W_A, W_CAT, W_DOG, W_SAT, W_RAN, W_STOP, W_RARE };

  et_clusters_write (c, b);
  /* u32 classes, u32 words, ten bytes a word */
  ck_assert_uint_eq (b->len, 8 + 7 * 10);
  back = et_clusters_read (b->data, b->len, &used);
  ck_assert_ptr_nonnull (back);
  ck_assert_uint_eq (used, b->len);
  ck_assert_uint_eq (et_clusters_n_classes (back), 4);
  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    ck_assert_uint_eq (et_clusters_lookup (back, words[k]), et_clusters_lookup (c, words[k]));
  et_clusters_free (back);
  /* truncated */
  ck_assert_ptr_null (et_clusters_read (b->data, b->len - 1, &used));
  ck_assert_ptr_null (et_clusters_read (b->data, 4, &used));
  /* a class past the count (the first word's, bytes 16-17) */
  saved = b->data[16];
  b->data[16] = 9;
  ck_assert_ptr_null (et_clusters_read (b->data, b->len, &used));
  b->data[16] = saved;
  /* the second word's hash equal to the first's: not increasing */
  memcpy (b->data + 18, b->data + 8, 8);
  ck_assert_ptr_null (et_clusters_read (b->data, b->len, &used));
  /* one class only */
  b->data[0] = 1;
  ck_assert_ptr_null (et_clusters_read (b->data, b->len, &used));
  et_clusters_free (c);
}
END_TEST

START_TEST (test_model_decoder_is_viterbi_with_its_ties)
{
  static float trans[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS];
  float emit[8 * ET_MODEL_MAX_LABELS], score[8 * ET_MODEL_MAX_LABELS];
  guint8 back[8 * ET_MODEL_MAX_LABELS], got[8], want[8];
  GRand *rand = g_rand_new_with_seed (17);

  for (guint trial = 0; trial < 3000; trial++)
    {
      guint L = et_label (g_rand_int_range (rand, 1, ET_MODEL_MAX_TYPES + 1), 0);
      guint n = g_rand_int_range (rand, 1, 9);
      /* half the trials with ties, half with scores that rarely tie */
      gboolean ties = trial % 2 == 0;

      for (guint p = 0; p < L; p++)
        for (guint l = 0; l < L; l++)
          trans[p][l] = ties ? g_rand_int_range (rand, -1, 2)
                        : (float) g_rand_double_range (rand, -2, 2);
      for (guint k = 0; k < n * L; k++)
        emit[k] = ties ? g_rand_int_range (rand, -1, 3) : (float) g_rand_double_range (rand, -2, 2);
      reference_viterbi (emit, n, L, (const float (*)[ET_MODEL_MAX_LABELS]) trans, want);
      et_viterbi (emit, n, L, (const float (*)[ET_MODEL_MAX_LABELS]) trans, got, score, back);
      ck_assert_msg (memcmp (got, want, n) == 0, "trial %u: %u labels, %u tokens", trial, L, n);
    }
  g_rand_free (rand);
}
END_TEST

static Suite *
entity_tagger_suite (void)
{
  Suite *s = suite_create ("entity-tagger");
  TCase *tc;

  tc = tcase_create ("stage");
  tcase_add_test (tc, test_stage_class_describes_filter);
  tcase_add_test (tc, test_token_bits_read_back_as_fields);
  tcase_add_test (tc, test_english_word_shape_by_ending);
  tcase_add_test (tc, test_missing_token_layer_rejects_document);
  tcase_add_test (tc, test_empty_text_gives_empty_layer);
  tcase_add_test (tc, test_spans_carry_norm_and_cluster);
  tcase_add_test (tc, test_norm_folds_white_space_runs);
  tcase_add_test (tc, test_norm_folds_double_spaces);
  tcase_add_test (tc, test_clusters_restart_in_next_document);
  suite_add_tcase (s, tc);

  tc = tcase_create ("people");
  tcase_add_test (tc, test_author_before_year_where_document_cites);
  tcase_add_test (tc, test_name_written_as_word_is_no_person);
  tcase_add_test (tc, test_list_members_share_a_type);
  tcase_add_test (tc, test_doctor_mister_and_friend_before_a_name);
  tcase_add_test (tc, test_place_named_for_a_titled_person);
  tcase_add_test (tc, test_open_web_organisations);
  tcase_add_test (tc, test_norp_adjectives_by_default);
  tcase_add_test (tc, test_norp_as_nouns_only);
  tcase_add_test (tc, test_given_name_and_surname_is_person);
  tcase_add_test (tc, test_given_name_and_unknown_word_is_person);
  tcase_add_test (tc, test_title_is_left_out_of_person);
  tcase_add_test (tc, test_abbreviated_title_before_surname);
  tcase_add_test (tc, test_multi_word_role_is_not_an_entity);
  tcase_add_test (tc, test_title_without_name_is_nothing);
  tcase_add_test (tc, test_greeting_is_left_out_of_person);
  tcase_add_test (tc, test_role_at_unknown_name_is_org);
  tcase_add_test (tc, test_plural_role_and_quoted_source_at_name_are_org);
  tcase_add_test (tc, test_full_name_typed_org_by_a_rule_is_org_elsewhere);
  tcase_add_test (tc, test_name_before_role_and_person_is_org);
  tcase_add_test (tc, test_wire_ticker_and_bracketed_company_are_org);
  tcase_add_test (tc, test_title_that_opens_a_company_name);
  tcase_add_test (tc, test_company_inner_word_is_its_short_form);
  tcase_add_test (tc, test_surname_that_opens_a_company_is_the_company);
  tcase_add_test (tc, test_hyphenated_month_is_a_date);
  tcase_add_test (tc, test_numbered_part_after_in_is_no_place);
  tcase_add_test (tc, test_state_abbreviation_after_town);
  tcase_add_test (tc, test_word_state_abbreviation_after_town);
  tcase_add_test (tc, test_dateline_town_takes_its_first_words);
  tcase_add_test (tc, test_article_opens_no_person);
  tcase_add_test (tc, test_ship_prefix_names_a_ship);
  tcase_add_test (tc, test_cited_pair_of_authors);
  tcase_add_test (tc, test_exclamation_names_no_one);
  tcase_add_test (tc, test_given_name_and_place_word_after_the);
  tcase_add_test (tc, test_common_words_before_one_word_organisation);
  tcase_add_test (tc, test_common_word_before_title_after_name_with_of);
  tcase_add_test (tc, test_organisation_word_of_name_at_sentence_start);
  tcase_add_test (tc, test_counted_acronym_is_no_organisation);
  tcase_add_test (tc, test_plural_after_in_before_plural_is_no_place);
  tcase_add_test (tc, test_inverted_name_is_its_surname);
  tcase_add_test (tc, test_newspaper_words_end_an_organisation);
  tcase_add_test (tc, test_credit_line_names);
  tcase_add_test (tc, test_and_co_ends_a_company);
  tcase_add_test (tc, test_firm_named_after_people);
  tcase_add_test (tc, test_island_state_is_a_gpe);
  tcase_add_test (tc, test_news_agency_and_fed_funds);
  tcase_add_test (tc, test_royal_dutch_and_brent_crude);
  tcase_add_test (tc, test_listed_names_with_peoples_words);
  tcase_add_test (tc, test_place_as_middle_name);
  tcase_add_test (tc, test_given_name_before_possessive_company_is_person);
  tcase_add_test (tc, test_broadcaster_channels);
  tcase_add_test (tc, test_currency_word_alone_is_no_person);
  tcase_add_test (tc, test_caps_initials_before_a_surname);
  tcase_add_test (tc, test_leader_before_administration_is_a_person);
  tcase_add_test (tc, test_comma_inside_a_partnership);
  tcase_add_test (tc, test_organisation_word_alone_is_no_person);
  tcase_add_test (tc, test_agreement_on_names_a_treaty);
  tcase_add_test (tc, test_bare_co_ends_a_company);
  tcase_add_test (tc, test_short_form_of_a_co_company);
  tcase_add_test (tc, test_company_first_words_name_it);
  tcase_add_test (tc, test_common_word_opens_company_at_sentence_start);
  tcase_add_test (tc, test_abbreviation_makes_no_person);
  tcase_add_test (tc, test_plural_acronym_is_no_person);
  tcase_add_test (tc, test_technology_acronyms_are_no_organisations);
  tcase_add_test (tc, test_award_named_by_given_name_is_no_person);
  tcase_add_test (tc, test_state_of_place_is_gpe);
  tcase_add_test (tc, test_games_for_place_is_team);
  tcase_add_test (tc, test_compass_point_after_the_is_region);
  tcase_add_test (tc, test_other_languages_place_words);
  tcase_add_test (tc, test_for_joins_after_organisation_word_only);
  tcase_add_test (tc, test_ampersand_names_are_no_person_unless_cited);
  tcase_add_test (tc, test_plural_name_after_the_in_sports_story_is_team);
  tcase_add_test (tc, test_parties_ends_organisation);
  tcase_add_test (tc, test_cited_author_is_person);
  tcase_add_test (tc, test_cited_authors_before_a_page);
  tcase_add_test (tc, test_word_with_digit_after_in_is_no_place);
  tcase_add_test (tc, test_mixed_acronym_spreads_no_place);
  tcase_add_test (tc, test_name_alone_on_a_line);
  tcase_add_test (tc, test_organisation_word_after_possessive);
  tcase_add_test (tc, test_role_at_name_of_the_third_token);
  tcase_add_test (tc, test_compass_point_before_a_name_is_no_region);
  tcase_add_test (tc, test_state_bank_of_place_is_not_gpe);
  tcase_add_test (tc, test_lower_case_role_marks_person);
  tcase_add_test (tc, test_surname_particles_stay_in_name);
  tcase_add_test (tc, test_surname_first_name_is_person);
  tcase_add_test (tc, test_pronoun_he_is_no_name_but_he_lifeng_is);
  tcase_add_test (tc, test_hyphenated_surname_is_one_name);
  tcase_add_test (tc, test_possessive_is_left_out);
  tcase_add_test (tc, test_gazetteer_person_alone);
  suite_add_tcase (s, tc);

  tc = tcase_create ("organisations");
  tcase_add_test (tc, test_organisation_word_ends_org);
  tcase_add_test (tc, test_x_of_y_organisation);
  tcase_add_test (tc, test_bank_of_england_is_org_not_place);
  tcase_add_test (tc, test_org_and_org_word);
  tcase_add_test (tc, test_gazetteer_acronym_is_org);
  tcase_add_test (tc, test_unknown_acronym_is_org);
  tcase_add_test (tc, test_common_acronym_is_not_an_entity);
  tcase_add_test (tc, test_unknown_acronym_without_evidence_is_not_an_entity);
  tcase_add_test (tc, test_unknown_acronym_after_its_organisation_is_org);
  tcase_add_test (tc, test_unknown_acronym_spelled_out_takes_its_type);
  tcase_add_test (tc, test_unknown_acronym_with_possessive_or_speech_is_org);
  tcase_add_test (tc, test_acronym_defined_by_lower_case_words_is_a_term);
  tcase_add_test (tc, test_acronym_spelled_after_it_is_a_term);
  tcase_add_test (tc, test_unknown_acronym_before_of_is_no_organisation);
  tcase_add_test (tc, test_ordinal_circuit_is_a_court);
  tcase_add_test (tc, test_word_ending_in_its_only_capital_is_no_organisation);
  tcase_add_test (tc, test_word_before_poll_is_a_pollster);
  tcase_add_test (tc, test_dateline_credit_is_an_organisation);
  tcase_add_test (tc, test_dateline_credit_after_a_state_is_no_headline);
  tcase_add_test (tc, test_unknown_name_ending_in_a_plural_is_no_person);
  tcase_add_test (tc, test_political_adjective_and_lower_case_party_is_org);
  tcase_add_test (tc, test_generic_organisation_word_after_the_is_no_name);
  tcase_add_test (tc, test_organisation_word_that_opens_a_name_is_org);
  tcase_add_test (tc, test_mosque_and_synagogue_are_buildings);
  tcase_add_test (tc, test_public_centre_is_a_building);
  tcase_add_test (tc, test_currency_code_is_not_an_organisation);
  tcase_add_test (tc, test_capitalised_pronoun_is_not_a_name);
  tcase_add_test (tc, test_given_name_before_state_is_a_town);
  tcase_add_test (tc, test_place_words_springs_alley_cemetery);
  tcase_add_test (tc, test_name_in_capitals_is_a_person);
  tcase_add_test (tc, test_place_and_organisation_phrase_is_one_org);
  tcase_add_test (tc, test_unknown_company_with_shares_is_org_throughout);
  tcase_add_test (tc, test_shares_the_verb_is_no_organisation);
  tcase_add_test (tc, test_letters_and_digits_are_no_person);
  tcase_add_test (tc, test_initial_opens_a_person);
  tcase_add_test (tc, test_title_word_after_given_name_is_surname);
  tcase_add_test (tc, test_words_before_a_listed_party_are_its_name);
  tcase_add_test (tc, test_saint_or_general_opening_an_organisation);
  tcase_add_test (tc, test_for_after_a_listed_organisation_ends_it);
  tcase_add_test (tc, test_and_before_a_possessor_ends_an_organisation);
  suite_add_tcase (s, tc);

  tc = tcase_create ("places");
  tcase_add_test (tc, test_country_and_city_are_gpe);
  tcase_add_test (tc, test_sea_and_region_are_loc);
  tcase_add_test (tc, test_place_suffix_makes_place);
  tcase_add_test (tc, test_place_prefix_makes_place);
  tcase_add_test (tc, test_road_number_is_facility);
  tcase_add_test (tc, test_direction_and_place_is_one_place);
  tcase_add_test (tc, test_town_before_comma_and_state_is_gpe);
  tcase_add_test (tc, test_town_before_state_and_preposition_is_gpe);
  tcase_add_test (tc, test_place_before_hyphenated_word);
  tcase_add_test (tc, test_name_before_hyphen_keeps_its_listed_case);
  tcase_add_test (tc, test_leading_the_is_left_out);
  tcase_add_test (tc, test_place_that_plays_is_a_team);
  tcase_add_test (tc, test_place_before_team_people_is_the_team);
  tcase_add_test (tc, test_wire_dateline_town_is_gpe);
  tcase_add_test (tc, test_chamber_committee_is_organisation);
  tcase_add_test (tc, test_corp_word_is_organisation);
  tcase_add_test (tc, test_person_and_body_are_two_names);
  tcase_add_test (tc, test_title_opening_with_ing_form_is_no_person);
  tcase_add_test (tc, test_letters_and_letter_are_a_company);
  tcase_add_test (tc, test_partner_firm_short_form);
  tcase_add_test (tc, test_company_short_form_in_pieces);
  tcase_add_test (tc, test_language_name_is_no_place);
  tcase_add_test (tc, test_state_of_possessive_is_no_place);
  tcase_add_test (tc, test_business_role_of_names_company);
  tcase_add_test (tc, test_air_opens_an_airline);
  tcase_add_test (tc, test_surname_first_person_yields_to_company);
  tcase_add_test (tc, test_listed_partner_firms_and_forms_with_stop);
  tcase_add_test (tc, test_listed_organisation_before_and_is_whole);
  tcase_add_test (tc, test_trades_joined_by_and_in_one_company);
  tcase_add_test (tc, test_premiership_and_grand_slam);
  tcase_add_test (tc, test_given_name_and_founder_is_person);
  tcase_add_test (tc, test_place_named_company_with_shares);
  tcase_add_test (tc, test_place_named_town_before_state);
  tcase_add_test (tc, test_postal_code_of_state);
  tcase_add_test (tc, test_team_list_and_sides_are_teams);
  tcase_add_test (tc, test_team_place_is_the_team_in_other_mentions);
  tcase_add_test (tc, test_place_outside_sports_stays_a_place);
  tcase_add_test (tc, test_hotels_and_zoos_are_facilities);
  tcase_add_test (tc, test_organisation_building_after_at_is_facility);
  tcase_add_test (tc, test_facility_that_speaks_is_organisation);
  suite_add_tcase (s, tc);

  tc = tcase_create ("groups-events-products");
  tcase_add_test (tc, test_nationality_is_norp);
  tcase_add_test (tc, test_storm_name_is_event);
  tcase_add_test (tc, test_agreement_name_is_event);
  tcase_add_test (tc, test_common_first_word_opens_no_name);
  tcase_add_test (tc, test_model_number_is_product);
  suite_add_tcase (s, tc);

  tc = tcase_create ("ambiguity");
  tcase_add_test (tc, test_washington_the_city);
  tcase_add_test (tc, test_washington_the_person);
  tcase_add_test (tc, test_washington_the_state);
  tcase_add_test (tc, test_may_the_month);
  tcase_add_test (tc, test_may_the_name);
  tcase_add_test (tc, test_may_the_verb);
  tcase_add_test (tc, test_apple_the_company);
  tcase_add_test (tc, test_apple_the_fruit);
  suite_add_tcase (s, tc);

  tc = tcase_create ("capitals");
  tcase_add_test (tc, test_sentence_initial_common_word_is_not_entity);
  tcase_add_test (tc, test_sentence_initial_name_is_entity);
  tcase_add_test (tc, test_lower_case_words_start_patterns_anywhere_in_sentence);
  tcase_add_test (tc, test_sentence_initial_word_in_lower_case_elsewhere_is_not_a_name);
  tcase_add_test (tc, test_lower_case_word_in_headline_is_no_evidence);
  tcase_add_test (tc, test_known_word_in_lower_case_elsewhere_or_in_headline);
  tcase_add_test (tc, test_word_capitalised_inside_a_sentence_outweighs_lower_case);
  tcase_add_test (tc, test_all_caps_headline);
  tcase_add_test (tc, test_title_case_headline_common_words);
  tcase_add_test (tc, test_title_case_line_first_common_word_is_no_headline);
  tcase_add_test (tc, test_byline_names_people);
  tcase_add_test (tc, test_dateline_city_in_capitals);
  tcase_add_test (tc, test_post_nominal_letters_left_out);
  tcase_add_test (tc, test_party_and_state_after_name_is_nothing);
  tcase_add_test (tc, test_work_after_possessive_is_not_a_person);
  tcase_add_test (tc, test_person_after_country_possessive);
  tcase_add_test (tc, test_family_name_is_not_an_entity);
  tcase_add_test (tc, test_place_after_nobility_title);
  suite_add_tcase (s, tc);

  tc = tcase_create ("line-breaks");
  tcase_add_test (tc, test_name_stops_at_line_end);
  tcase_add_test (tc, test_name_runs_across_a_wrapped_line);
  suite_add_tcase (s, tc);

  tc = tcase_create ("numbers");
  tcase_add_test (tc, test_money_with_magnitude);
  tcase_add_test (tc, test_money_magnitude_norm_is_whole);
  tcase_add_test (tc, test_money_with_currency_word);
  tcase_add_test (tc, test_money_in_wire_style);
  tcase_add_test (tc, test_money_after_letters_and_dollar_sign);
  tcase_add_test (tc, test_money_after_one_letter_or_a_place_code_and_dollar_sign);
  tcase_add_test (tc, test_percent);
  tcase_add_test (tc, test_quantity);
  tcase_add_test (tc, test_ordinal);
  tcase_add_test (tc, test_cardinal_with_approximator);
  tcase_add_test (tc, test_approximator_and_article_words_start_little);
  tcase_add_test (tc, test_weekday_and_modified_weekday);
  tcase_add_test (tc, test_relative_dates);
  tcase_add_test (tc, test_full_date_norm);
  tcase_add_test (tc, test_time_norm);
  tcase_add_test (tc, test_year_and_decade);
  tcase_add_test (tc, test_age_after_name);
  tcase_add_test (tc, test_numeric_norms_of_signed_and_long_numbers);
  tcase_add_test (tc, test_numeric_norms_under_one);
  tcase_add_test (tc, test_market_fractions);
  tcase_add_test (tc, test_seasons_and_hyphenated_durations);
  tcase_add_test (tc, test_numeric_norms_of_round_and_padded_numbers);
  tcase_add_test (tc, test_numeric_norms_of_padded_and_signed_integers);
  tcase_add_test (tc, test_number_without_unit_after_it);
  tcase_add_test (tc, test_ordinal_day_of_month_norm);
  tcase_add_test (tc, test_date_in_words_norm_leaves_out_long_words);
  tcase_add_test (tc, test_date_in_words_norm_is_folded_words);
  tcase_add_test (tc, test_age_in_one_token_is_date);
  tcase_add_test (tc, test_number_and_word_that_is_no_age);
  tcase_add_test (tc, test_age_without_a_mention_before);
  suite_add_tcase (s, tc);

  tc = tcase_create ("resolution");
  tcase_add_test (tc, test_bare_surname_joins_full_name);
  tcase_add_test (tc, test_acronym_joins_full_name);
  tcase_add_test (tc, test_two_letter_acronym_joins_full_name);
  tcase_add_test (tc, test_canonical_forms_share_cluster);
  tcase_add_test (tc, test_different_entities_get_different_clusters);
  tcase_add_test (tc, test_company_short_form_joins);
  tcase_add_test (tc, test_capitals_do_not_split_a_cluster);
  tcase_add_test (tc, test_word_used_after_in_is_place);
  tcase_add_test (tc, test_word_after_in_typed_elsewhere_is_no_place);
  tcase_add_test (tc, test_surname_typed_org_elsewhere_is_the_org);
  tcase_add_test (tc, test_surname_of_full_name_stays_person);
  tcase_add_test (tc, test_guessed_full_name_yields_org_word);
  tcase_add_test (tc, test_organisation_guess_outranks_person_guess);
  tcase_add_test (tc, test_organisation_guess_types_the_other_mentions);
  tcase_add_test (tc, test_field_after_in_is_no_place);
  tcase_add_test (tc, test_given_name_that_is_a_place_keeps_its_person);
  suite_add_tcase (s, tc);

  tc = tcase_create ("parameters");
  tcase_add_test (tc, test_types_restricts_output);
  tcase_add_test (tc, test_types_rejects_unknown_type);
  tcase_add_test (tc, test_types_suggests_a_close_type);
  tcase_add_test (tc, test_gazetteer_overrides_builtin);
  tcase_add_test (tc, test_ampersand_phrase_matches_and);
  tcase_add_test (tc, test_saint_phrase_matches_each_spelling);
  tcase_add_test (tc, test_ampersand_variant_is_no_phrase_for_model);
  tcase_add_test (tc, test_hyphen_phrase_matches_space);
  tcase_add_test (tc, test_hyphen_variant_of_user_phrase);
  tcase_add_test (tc, test_gazetteer_is_case_aware);
  tcase_add_test (tc, test_gazetteer_wrong_field_count_names_line);
  tcase_add_test (tc, test_gazetteer_unknown_type_names_line);
  tcase_add_test (tc, test_gazetteer_missing_file);
  tcase_add_test (tc, test_gazetteer_binary_file_is_rejected);
  tcase_add_test (tc, test_gazetteer_empty_file_is_accepted);
  tcase_add_test (tc, test_gazetteer_truncated_line_is_rejected);
  tcase_add_test (tc, test_gazetteer_none_blocks_a_name);
  tcase_add_test (tc, test_gazetteer_four_fields_is_rejected);
  tcase_add_test (tc, test_gazetteer_fields_are_stripped);
  tcase_add_test (tc, test_gazetteer_phrase_keeps_the_case_of_a_word_it_shares);
  tcase_add_test (tc, test_gazetteer_acronym_matches_in_title_case);
  tcase_add_test (tc, test_gazetteer_phrase_matches_without_accents);
  tcase_add_test (tc, test_iso_codes_names_are_places);
  tcase_add_test (tc, test_iso_codes_skip_common_words_and_names);
  tcase_add_test (tc, test_iso_codes_only_entries_of_the_member_array);
  tcase_add_test (tc, test_iso_codes_skip_list_is_exact);
  tcase_add_test (tc, test_iso_codes_plain_file_fast_reader);
  tcase_add_test (tc, test_iso_codes_rank_below_builtin_lists);
  tcase_add_test (tc, test_builtin_lexicon_tables_match_lists);
  tcase_add_test (tc, test_trie_steps_follow_the_node_s_own_edges);
  tcase_add_test (tc, test_sealed_word_table_is_a_third_full_and_finds_every_word);
  tcase_add_test (tc, test_builtin_lexicon_starts_at_its_sealed_size);
  tcase_add_test (tc, test_word_lookup_hash_of_every_length);
  tcase_add_test (tc, test_iso_codes_escaped_name_read_by_yajl);
  tcase_add_test (tc, test_iso_codes_invalid_json_names_the_file);
  tcase_add_test (tc, test_iso_codes_bad_utf8_is_error);
  tcase_add_test (tc, test_iso_codes_text_after_root_is_error);
  tcase_add_test (tc, test_iso_codes_member_not_an_array_is_error);
  tcase_add_test (tc, test_iso_codes_dir_named_but_missing_is_error);
  tcase_add_test (tc, test_iso_codes_file_not_iso_is_error);
  suite_add_tcase (s, tc);

  tc = tcase_create ("model");
  tcase_add_test (tc, test_model_decoder_is_viterbi_with_its_ties);
  tcase_add_test (tc, test_clusters_group_words_of_shared_contexts);
  tcase_add_test (tc, test_clusters_keep_the_most_frequent_words);
  tcase_add_test (tc, test_clusters_none_when_every_word_is_rare);
  tcase_add_test (tc, test_clusters_section_round_trips_and_bad_ones_are_refused);
  suite_add_tcase (s, tc);

  tc = tcase_create ("robustness");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_huge_document);
  tcase_add_test (tc, test_shared_instance_across_threads);
  tcase_add_test (tc, test_odd_text_does_not_crash);
  tcase_add_test (tc, test_long_capitalised_run);
  tcase_add_test (tc, test_thousands_of_names_in_one_document_still_cluster);
  tcase_add_test (tc, test_forty_thousand_capitalised_words_keep_casing_evidence);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (entity_tagger_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
