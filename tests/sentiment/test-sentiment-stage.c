/* test-sentiment-stage.c: what the stage writes: the sentiment layer, the
 * document features, per-entity sentiment over a hand-built entity layer,
 * and its behaviour on empty, neutral and malformed documents. Valences
 * come from rules-lexicon.tsv (good 2, bad -2, war -2.5); compounds are
 * x / sqrt (x^2 + 15), tolerance 1e-3. */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

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

START_TEST (test_empty_document)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, "");
  GalleyLayer *layer = galley_document_get_layer (doc, GALLEY_LAYER_SENTIMENT);

  ck_assert_ptr_nonnull (layer);
  ck_assert_uint_eq (galley_layer_get_n_spans (layer), 0);
  ck_assert_near (doc_feature (doc, "sentiment.compound"), 0.0);
  ck_assert_near (doc_feature (doc, "sentiment.pos"), 0.0);
  ck_assert_near (doc_feature (doc, "sentiment.neg"), 0.0);
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 0.0);
}
END_TEST

START_TEST (test_whitespace_document)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, " \n\t \n");

  ck_assert_near (doc_feature (doc, "sentiment.compound"), 0.0);
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 0.0);
}
END_TEST

START_TEST (test_all_neutral_document)
{
  g_autoptr (GalleyDocument) doc =
    chain_run (h, "The committee meets on Tuesday. Its report is due in May.");

  ck_assert_near (doc_feature (doc, "sentiment.compound"), 0.0);
  ck_assert_near (doc_feature (doc, "sentiment.pos"), 0.0);
  ck_assert_near (doc_feature (doc, "sentiment.neg"), 0.0);
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 1.0);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 1, "neu"), 1.0);
}
END_TEST

START_TEST (test_one_span_per_sentence)
{
  g_autoptr (GalleyDocument) doc =
    chain_run (h, "The food is good. The war goes on. Nothing else.");
  g_autofree char *dump = galley_harness_dump_typed (doc, GALLEY_LAYER_SENTIMENT);

  ck_assert_str_eq (dump, "sentiment:The food is good.|sentiment:The war goes on.|"
                          "sentiment:Nothing else.");
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "compound"), 0.45883);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 1, "compound"), -0.54233);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 2, "compound"), 0.0);
}
END_TEST

START_TEST (test_sentence_proportions)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, "The war is bad.");

  /* neg_sum = (-2.5 - 1) + (-2 - 1), two neutral words: total 8.5 */
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "neg"), 6.5 / 8.5);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "neu"), 2 / 8.5);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "pos"), 0.0);
}
END_TEST

START_TEST (test_document_scaled_mode)
{
  /* sums 2 and 2 over two sentences: x = 4 / sqrt (2) */
  ck_assert_near (compound_of (h, "It is good. It is good."), 0.58977);
  /* 2 and -2 cancel */
  ck_assert_near (compound_of (h, "It is good. It is bad."), 0.0);
}
END_TEST

START_TEST (test_document_sum_mode)
{
  teardown ();
  setup_params ("document=sum");
  /* the whole text as one sum, as VADER does: x = 4 */
  ck_assert_near (compound_of (h, "It is good. It is good."), 0.71842);
}
END_TEST

START_TEST (test_document_proportions_pool_sentences)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, "It is good. It is bad.");

  /* pos 3, neg 3, four neutral words: total 10 */
  ck_assert_near (doc_feature (doc, "sentiment.pos"), 0.3);
  ck_assert_near (doc_feature (doc, "sentiment.neg"), 0.3);
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 0.4);
}
END_TEST

START_TEST (test_runs_twice_without_duplicating)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, "It is good. It is bad.");
  g_autoptr (GError) error = NULL;

  ck_assert (galley_harness_run (h, doc, &error));
  ck_assert_uint_eq (galley_layer_get_n_spans (
    galley_document_get_layer (doc, GALLEY_LAYER_SENTIMENT)), 2);
}
END_TEST

/* Runs the stage with the lexicon @lexicon (a VADER file, in place of
 * the built-in one) on @text with hand-built layers: the lower-case word
 * tokens @tokens and the sentences @sentences, each given as start, end
 * pairs ending with -1. */
static GalleyDocument *
run_hand_built_with (const char *lexicon, const char *text, const gint *tokens,
                     const gint *sentences)
{
  g_autofree char *lexicon_param = g_strconcat ("lexicon=", lexicon, NULL);
  const char *params[] = {
    lexicon_param, "lexicon-mode=replace", "lexicon-format=vader", "news-overrides=false", NULL
  };
  const guint32 lower = GALLEY_TOKEN_WORD | (GALLEY_CASE_LOWER << GALLEY_TOKEN_CASE_SHIFT);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) stage = galley_harness_new (&galley_sentiment_stage, params, &error);
  g_autoptr (GalleyDocument) doc = galley_document_new ("doc-1", text, -1);
  GalleyLayer *token_layer = galley_document_ensure_layer (doc, GALLEY_LAYER_TOKEN);
  GalleyLayer *sentence_layer = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);

  ck_assert_msg (stage != NULL, "%s", error ? error->message : "");
  for (guint i = 0; tokens[i] >= 0; i += 2)
    galley_layer_append (token_layer, tokens[i], tokens[i + 1],
                         g_quark_from_static_string ("word"),
                         /* an empty token has no case */
                         tokens[i] < tokens[i + 1] ? lower : GALLEY_TOKEN_WORD);
  for (guint i = 0; sentences[i] >= 0; i += 2)
    galley_layer_append (sentence_layer, sentences[i], sentences[i + 1],
                         g_quark_from_static_string ("sentence"), 0);
  ck_assert_msg (galley_harness_run (stage, doc, &error), "%s", error ? error->message : "");
  return g_steal_pointer (&doc);
}

/* run_hand_built_with() and the rules' test lexicon. */
static GalleyDocument *
run_hand_built (const char *text, const gint *tokens, const gint *sentences)
{
  return run_hand_built_with (TEST_SRCDIR "/rules-lexicon.tsv", text, tokens, sentences);
}

/* A sentence holds the tokens that start at or after its start and end by
 * its end, except an empty token at its very end: with hand-built layers,
 * "good" [0, 4), an empty token [4, 4) and "bad" [5, 8) under the
 * sentences [0, 4) and [5, 8), the empty token is in neither, so the
 * first sentence has one word, not a neutral second one (pos 1, not
 * 0.75). */
START_TEST (test_empty_token_at_sentence_end_is_outside)
{
  const gint tokens[] = { 0, 4, 4, 4, 5, 8, -1 };
  const gint sentences[] = { 0, 4, 5, 8, -1 };
  g_autoptr (GalleyDocument) doc = run_hand_built ("good bad", tokens, sentences);

  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "pos"), 1.0);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "neu"), 0.0);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 1, "neg"), 1.0);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 1, "neu"), 0.0);
}
END_TEST

/* Once a token that ends at the sentence's end is in it, only tokens
 * that end there too follow: with hand-built layers, "bad goods" [0, 9)
 * and "good" [4, 8) nested in it under the sentence [0, 9), "good" is
 * not in the sentence, whose one word is neutral (neu 1, not pos). */
START_TEST (test_token_nested_before_sentence_end_is_outside)
{
  const gint tokens[] = { 0, 9, 4, 8, -1 };
  const gint sentences[] = { 0, 9, -1 };
  g_autoptr (GalleyDocument) doc = run_hand_built ("bad goods", tokens, sentences);

  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "compound"), 0.0);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "pos"), 0.0);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "neu"), 1.0);
}
END_TEST

/* Entities: a document with an entity layer built by hand */
static GalleyDocument *
doc_with_entities (const char *text, const char *const *names,
                   const gint64 *clusters)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("doc-1", text, -1);
  g_autoptr (GalleyHarness) tok = galley_harness_new (&galley_tokenizer_stage, NULL, NULL);
  GalleyLayer *entities = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  const char *from = text;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; names[i]; i++)
    {
      const char *at = strstr (from, names[i]);
      guint idx;

      ck_assert_ptr_nonnull (at);
      idx = galley_layer_append (entities, at - text, at - text + strlen (names[i]),
                                 g_quark_from_static_string ("ORG"), 0);
      if (clusters[i] >= 0)
        galley_layer_set_feature_int (entities, idx, GALLEY_ENTITY_FEATURE_CLUSTER,
                                      clusters[i]);
      from = at + strlen (names[i]);
    }
  ck_assert (galley_harness_run (h, doc, &error));
  return g_steal_pointer (&doc);
}

static gint64
entity_int (GalleyDocument *doc, guint index, const char *key)
{
  const GalleyValue *v = galley_layer_get_feature (
    galley_document_get_layer (doc, GALLEY_LAYER_ENTITY), index, key);

  ck_assert_ptr_nonnull (v);
  ck_assert_int_eq (v->type, GALLEY_VALUE_INT);
  return v->v.i;
}

/* "Acme is good. The war hurt Acme. Bolt is bad." with the entities
 * Acme, Acme and Bolt in @clusters, the two Acmes in one cluster and
 * Bolt in another or none. */
static void
assert_acme_twice_and_bolt (const gint64 *clusters)
{
  const char *names[] = { "Acme", "Acme", "Bolt", NULL };
  g_autoptr (GalleyDocument) doc = doc_with_entities (
    "Acme is good. The war hurt Acme. Bolt is bad.", names, clusters);

  /* Acme: mean of 0.45883 (x = 2) and -0.54233 (x = -2.5) */
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), -0.04175);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 1, "sentiment"), -0.04175);
  ck_assert_int_eq (entity_int (doc, 0, "mentions"), 2);
  ck_assert_int_eq (entity_int (doc, 1, "mentions"), 2);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 2, "sentiment"), -0.45883);
  ck_assert_int_eq (entity_int (doc, 2, "mentions"), 1);
}

START_TEST (test_entity_cluster_mean)
{
  const gint64 clusters[] = { 7, 7, 9 };

  assert_acme_twice_and_bolt (clusters);
}
END_TEST

/* Clusters numbered from 0 as the entity tagger numbers them, mentions of
 * two clusters interleaved with one that has none: each cluster's mean is
 * over its own sentences (the counting sort keeps them apart). */
START_TEST (test_entity_clusters_interleaved)
{
  const char *names[] = { "Acme", "Bolt", "Acme", "Cato", "Bolt", NULL };
  const gint64 clusters[] = { 0, 1, 0, -1, 1 };
  g_autoptr (GalleyDocument) doc = doc_with_entities (
    "Acme is good. Bolt is bad. The war hurt Acme. Cato is good. Bolt is good.",
    names, clusters);

  /* Acme: mean of 0.45883 and -0.54233; Bolt: of -0.45883 and 0.45883 */
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), -0.04175);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 2, "sentiment"), -0.04175);
  ck_assert_int_eq (entity_int (doc, 0, "mentions"), 2);
  ck_assert_int_eq (entity_int (doc, 2, "mentions"), 2);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 1, "sentiment"), 0.0);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 4, "sentiment"), 0.0);
  ck_assert_int_eq (entity_int (doc, 1, "mentions"), 2);
  ck_assert_int_eq (entity_int (doc, 4, "mentions"), 2);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 3, "sentiment"), 0.45883);
  ck_assert_int_eq (entity_int (doc, 3, "mentions"), 1);
}
END_TEST

START_TEST (test_entity_without_cluster_is_its_own)
{
  const char *names[] = { "Acme", "Acme", NULL };
  const gint64 clusters[] = { -1, -1 };
  g_autoptr (GalleyDocument) doc = doc_with_entities (
    "Acme is good. The war hurt Acme.", names, clusters);

  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), 0.45883);
  ck_assert_int_eq (entity_int (doc, 0, "mentions"), 1);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 1, "sentiment"), -0.54233);
  ck_assert_int_eq (entity_int (doc, 1, "mentions"), 1);
}
END_TEST

/* More entities than GROUPS_ON_STACK, of every kind of cluster: the
 * tagger's ids (0 and 1, 20 mentions each), other ids (1000 to 1019,
 * two mentions each) and none (one each); the groups outgrow their
 * first block. Entity i is in sentence i, good when i is even. */
START_TEST (test_entity_clusters_of_every_kind)
{
  const char *names[101];
  gint64 clusters[100];
  GString *s = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;

  for (guint i = 0; i < 100; i++)
    {
      names[i] = "Acme";
      clusters[i] = i < 40 ? (gint64) (i % 2) : i < 80 ? (gint64) (1000 + i % 20) : -1;
      g_string_append (s, i % 2 ? "The war hurt Acme. " : "Acme is good. ");
    }
  names[100] = NULL;
  doc = doc_with_entities (s->str, names, clusters);
  g_string_free (s, TRUE);
  for (guint i = 0; i < 100; i++)
    {
      ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, i, "sentiment"),
                      i % 2 ? -0.54233 : 0.45883);
      ck_assert_int_eq (entity_int (doc, i, "mentions"), i < 40 ? 20 : i < 80 ? 2 : 1);
    }
}
END_TEST

/* The groups of the tagger's clusters are zeroed for each document: two
 * documents in a row, each of 100 entities (more than the stack holds)
 * in clusters 0 to 99, one a sentence, count each cluster's mention and
 * sentence once (a block freed by the first document and taken again by
 * the second still holds its counts). */
START_TEST (test_entity_groups_start_empty_in_each_document)
{
  const char *names[101];
  gint64 clusters[100];
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < 100; i++)
    {
      names[i] = "Acme";
      clusters[i] = i;
      g_string_append (s, "Acme is good. ");
    }
  names[100] = NULL;
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr (GalleyDocument) doc = doc_with_entities (s->str, names, clusters);

      for (guint i = 0; i < 100; i++)
        {
          ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, i, "sentiment"), 0.45883);
          ck_assert_int_eq (entity_int (doc, i, "mentions"), 1);
        }
    }
  g_string_free (s, TRUE);
}
END_TEST

START_TEST (test_entity_sentence_counts_once)
{
  const char *names[] = { "Acme", "Acme Corp", "Acme", NULL };
  const gint64 clusters[] = { 1, 1, 1 };
  g_autoptr (GalleyDocument) doc = doc_with_entities (
    "Acme and Acme Corp are good. The war hurt Acme.", names, clusters);

  /* two sentences, 0.45883 and -0.54233, three mentions */
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), -0.04175);
  ck_assert_int_eq (entity_int (doc, 2, "mentions"), 3);
}
END_TEST

START_TEST (test_entity_in_neutral_sentence)
{
  const char *names[] = { "Bolt", NULL };
  const gint64 clusters[] = { 3 };
  g_autoptr (GalleyDocument) doc = doc_with_entities (
    "Bolt met on Tuesday. It is good.", names, clusters);

  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), 0.0);
}
END_TEST

START_TEST (test_names_carry_no_valence)
{
  const char *names[] = { "Great Oak Bank", NULL };
  const gint64 clusters[] = { 1 };
  g_autoptr (GalleyDocument) doc = doc_with_entities (
    "Great Oak Bank is good.", names, clusters);

  /* "Great" is inside a name (ORG): only good counts, x = 2 */
  ck_assert_near (doc_feature (doc, "sentiment.compound"), 0.45883);
}
END_TEST

/* Each name of a document masks its own words and no others: "Great" at
 * the start of the second sentence, between the two names, keeps its
 * valence. */
START_TEST (test_names_masked_each_in_place)
{
  const char *names[] = { "Great Oak Bank", "Lake Trust Group", NULL };
  const gint64 clusters[] = { 1, 2 };
  g_autoptr (GalleyDocument) doc = doc_with_entities (
    "Great Oak Bank is good. Great, Lake Trust Group is good.", names, clusters);

  /* sentence 1: x = 2 (good); sentence 2: x = 3 + 2 (great, good) */
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), 0.45883);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 1, "sentiment"), norm15 (5));
}
END_TEST

/* A name's words are masked wherever the name starts (here past the
 * document's first 8 bytes, where words take the scorer's ASCII
 * path), and the capitalised word just before a name is not one of
 * them: "Great" keeps its valence before "Lake Trust Group", and
 * "Great" inside "Great Oak Bank" has none. */
START_TEST (test_names_masked_past_the_first_bytes)
{
  const char *names[] = { "Lake Trust Group", "Great Oak Bank", NULL };
  const gint64 clusters[] = { 1, 2 };
  g_autoptr (GalleyDocument) doc = doc_with_entities (
    "They say Great Lake Trust Group is good. They say Great Oak Bank is good.",
    names, clusters);

  /* sentence 1: x = 3 + 2 (great, good); sentence 2: x = 2 (good) */
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), norm15 (5));
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 1, "sentiment"), 0.45883);
}
END_TEST

/* A document of more than 1,024 tokens keeps its name mask on the heap,
 * not on the stack (NAMES_ON_STACK): the names still mask their words.
 * 300 sentences of four tokens come first, then the names. */
START_TEST (test_names_masked_in_a_long_document)
{
  const char *names[] = { "Great Oak Bank", "Lake Trust Group", NULL };
  const gint64 clusters[] = { 1, 2 };
  GString *s = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (s, "Nothing else here. ");
  g_string_append (s, "Great Oak Bank is good. Great, Lake Trust Group is good.");
  doc = doc_with_entities (s->str, names, clusters);
  g_string_free (s, TRUE);
  /* as in test_names_masked_each_in_place: x = 2, then x = 3 + 2 */
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), 0.45883);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 1, "sentiment"), norm15 (5));
}
END_TEST

/* The name mask looks for a name's first token among the 32 tokens
 * from the previous name's first (NAME_WINDOW), else among all the
 * tokens after it: the second name's first token here is token 17 to
 * 38 of the document (from 0), on both sides of the window's end (31),
 * and is masked wherever it falls. */
START_TEST (test_names_masked_at_the_window_s_end)
{
  const char *names[] = { "Great Oak Bank", "Lake Trust Group", NULL };
  const gint64 clusters[] = { 1, 2 };

  for (guint j = 5; j <= 15; j++)
    for (guint comma = 0; comma <= 1; comma++)
      {
        GString *s = g_string_new ("Great Oak Bank is good. ");
        g_autoptr (GalleyDocument) doc = NULL;

        for (guint i = 0; i < j; i++)
          g_string_append (s, "Here. ");
        /* "Lake" is token 6 + 2 j + 1, or + 2 after the comma */
        g_string_append (s, comma ? "Great, Lake Trust Group is good." :
                                    "Great Lake Trust Group is good.");
        doc = doc_with_entities (s->str, names, clusters);
        g_string_free (s, TRUE);
        /* x = 2 (good), then x = 3 + 2 (great, good) */
        ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), 0.45883);
        ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 1, "sentiment"), norm15 (5));
      }
}
END_TEST

START_TEST (test_names_masked_only_when_asked)
{
  const char *names[] = { "Great Oak Bank", NULL };
  const gint64 clusters[] = { 1 };
  g_autoptr (GalleyDocument) doc = NULL;

  teardown ();
  setup_params ("mask-names=false");
  doc = doc_with_entities ("Great Oak Bank is good.", names, clusters);
  /* x = 3 + 2 */
  ck_assert_near (doc_feature (doc, "sentiment.compound"), norm15 (5));
}
END_TEST

START_TEST (test_one_word_names_keep_valence)
{
  const char *names[] = { "Great", NULL };
  const gint64 clusters[] = { 1 };
  g_autoptr (GalleyDocument) doc = doc_with_entities (
    "Great, the food is good.", names, clusters);

  /* a one-word "name" may be a tagger's mistake: x = 3 + 2 */
  ck_assert_near (doc_feature (doc, "sentiment.compound"), norm15 (5));
}
END_TEST

START_TEST (test_missing_token_layer_is_an_error)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("d7", "Good.", -1);
  g_autoptr (GalleyHarness) alone = galley_harness_new (&galley_sentiment_stage, NULL, NULL);
  g_autoptr (GError) error = NULL;

  ck_assert (!galley_harness_run (alone, doc, &error));
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  ck_assert_str_eq (error->message,
                    "document 'd7' has no 'token' layer: run the tokenizer first");
}
END_TEST

START_TEST (test_unknown_parameter_is_rejected)
{
  const char *params[] = { "lexcon=x", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) bad = galley_harness_new (&galley_sentiment_stage, params, &error);

  ck_assert_ptr_null (bad);
  ck_assert (g_error_matches (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_UNKNOWN_KEY));
}
END_TEST

START_TEST (test_stage_class)
{
  ck_assert_str_eq (galley_sentiment_stage.name, "sentiment");
  ck_assert_int_eq (galley_sentiment_stage.kind, GALLEY_STAGE_FILTER);
  ck_assert (galley_sentiment_stage.flags & GALLEY_STAGE_THREAD_SAFE);
  ck_assert_str_eq (galley_sentiment_stage.requires[0], "token");
  ck_assert_str_eq (galley_sentiment_stage.requires[1], "sentence");
  ck_assert_ptr_null (galley_sentiment_stage.requires[2]);
  ck_assert_str_eq (galley_sentiment_stage.produces[0], "sentiment");
  /* entity sentiment goes onto the entity layer */
  ck_assert_str_eq (galley_sentiment_stage.modifies[0], "entity");
  ck_assert_ptr_null (galley_sentiment_stage.modifies[1]);
}
END_TEST

START_TEST (test_builtin_lexicon_news)
{
  g_autoptr (GalleyHarness) news = chain_new (NULL);

  ck_assert (compound_of (news, "Rebels massacred dozens of villagers.") < -0.5);
  ck_assert (compound_of (news, "The ceasefire brought welcome relief to the city.") > 0.5);
  ck_assert (compound_of (news, "The economy is in a downward spiral.") < -0.3);
  ck_assert (compound_of (news, "The minister stood his ground.") > 0.2);
  ck_assert (compound_of (news, "The new law will curb corruption.") > 0.1);
  ck_assert_near (compound_of (news, "The report covers cancer screening in Ohio."),
                  norm15 (-0.4));
  /* emoticons, as one token or as a tokenizer splits them */
  ck_assert (compound_of (news, "Passed my exam :)") > 0.3);
  ck_assert (compound_of (news, "Passed my exam : )") > 0.3);
  ck_assert (compound_of (news, "Failed my exam :-(") < -0.3);
}
END_TEST

/* The token lookup has a one-chunk fast path (1 to 8 bytes with bytes
 * before them, lowered only when the tokenizer saw a capital), one for
 * words of two chunks (9 to 16 bytes), a general path (longer words, the
 * first bytes of a document) and a path for
 * non-ASCII text; each row reaches one, and the same word scores the
 * same whichever it takes. Words go to the lookup straight, other kinds
 * (hashtags, punctuation) through a switch on the kind. */
START_TEST (test_lookup_paths_agree)
{
  static const struct {
    const char *text;
    double compound;
  } rows[] = {
    { "It was good.", 0.4404 },        /* one chunk, lower-case */
    { "It was Good.", 0.4404 },        /* one chunk, lowered */
    { "Good.", 0.4404 },               /* at offset 0: general path */
    { "It was terrific.", 0.6124 },    /* exactly 8 bytes */
    { "Terrific.", 0.6124 },           /* 8 bytes at offset 0 */
    { "It was wonderful.", 0.6249 },   /* two chunks */
    { "Wonderful.", 0.6249 },          /* two chunks, lowered */
    { "It was wonderFUL.", 0.6249 },   /* two chunks, the second lowered */
    { "It was counterproductive.", -0.4019 }, /* three chunks: general path */
    { "Counterproductive.", -0.4019 }, /* the same at offset 0 */
    { "It wasn't good.", -0.3412 },    /* n't: ASCII */
    { "It wasn\u2019t good.", -0.3412 }, /* n’t: non-ASCII, folded */
    { "It was #good.", 0.4404 },       /* a hashtag: not a word, '#' dropped */
    { "It was good :)", 0.6331 },      /* an emoticon: punctuation looked up */
  };
  g_autoptr (GalleyHarness) h = chain_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    ck_assert_msg (fabs (compound_of (h, rows[i].text) - rows[i].compound) < TOLERANCE,
                   "row %u (%s): compound %.4f, expected %.4f", i, rows[i].text,
                   compound_of (h, rows[i].text), rows[i].compound);
}
END_TEST

START_TEST (test_binary_and_huge_text)
{
  g_autoptr (GalleyHarness) news = chain_new (NULL);
  GString *s = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (s, i % 2 ? "The talks failed badly. " : "\x01\x02 Peace is welcome!!! ");
  doc = chain_run (news, s->str);
  g_string_free (s, TRUE);
  ck_assert_uint_eq (galley_layer_get_n_spans (
                       galley_document_get_layer (doc, GALLEY_LAYER_SENTIMENT)),
                     galley_layer_get_n_spans (
                       galley_document_get_layer (doc, GALLEY_LAYER_SENTENCE)));
  ck_assert (fabs (doc_feature (doc, "sentiment.compound")) <= 1.0);
}
END_TEST

/* Past sixteen sentences the scores leave the stack for the heap, and
 * past 128 tokens (SENTIMENT_SCRATCH_INLINE) a sentence outgrows the
 * first scratch arrays (this one has 165):
 * every sentence still scores as it does alone (0.45883 is good, 2, in a
 * sentence; -0.54233 is war, -2.5). */
START_TEST (test_scores_past_sixteen_sentences_and_a_long_one)
{
  GString *s = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;
  GalleyLayer *layer;

  for (guint i = 0; i < 15; i++)
    g_string_append (s, "Nothing else. ");
  g_string_append (s, "The food is good. The war goes on. The food is good");
  for (guint i = 0; i < 40; i++)
    g_string_append (s, " and the committee met");
  g_string_append (s, ". The war goes on.");
  doc = chain_run (h, s->str);
  g_string_free (s, TRUE);
  layer = galley_document_get_layer (doc, GALLEY_LAYER_SENTIMENT);
  ck_assert_uint_eq (galley_layer_get_n_spans (layer), 19);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 14, "compound"), 0.0);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 15, "compound"), 0.45883);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 16, "compound"), -0.54233);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 17, "compound"), 0.45883);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 18, "compound"), -0.54233);
}
END_TEST

/* Where a sentence's tokens end, with hand-built layers (the rules'
 * test lexicon): each case's text, tokens and sentences (start, end
 * pairs ending with -1), and the scores of one sentence that say which
 * tokens it holds. */
static const struct {
  const char *text;
  gint tokens[10], sentences[6];
  guint sentence;
  const char *feature[3];
  double value[3];
} sentence_ends[] = {
  /* A phrase moves the token loop past its words, and the end is found
   * from there: "downward spiral" [0, 15) (-2), then "bad goods" [16,
   * 25), which ends with the sentence [0, 25), and "good" [20, 24)
   * nested in it, outside (compound -0.45883, not 0) */
  { "downward spiral bad goods", { 0, 8, 9, 15, 16, 25, 20, 24, -1 }, { 0, 25, -1 },
    0, { "compound" }, { -0.45883 } },
  /* An empty token at the very end is outside also when the token
   * before it ends before the sentence does: "good" [0, 4), the empty
   * [5, 5), "bad" [6, 9) under [0, 5) and [6, 9): one word (pos 1, not
   * 0.75) */
  { "good  bad", { 0, 4, 5, 5, 6, 9, -1 }, { 0, 5, 6, 9, -1 },
    0, { "pos", "neu" }, { 1.0, 0.0 } },
  /* A sentence whose first token is an empty one at its very end has
   * none: "good" [0, 4) and the empty [6, 6) under [0, 4) and [5, 6):
   * the second scores as one without words (all zero), not as one
   * neutral word (neu 1) */
  { "good x", { 0, 4, 6, 6, -1 }, { 0, 4, 5, 6, -1 },
    1, { "compound", "neu" }, { 0.0, 0.0 } },
};

START_TEST (test_sentence_ends_with_hand_built_layers)
{
  g_autoptr (GalleyDocument) doc = run_hand_built (sentence_ends[_i].text, sentence_ends[_i].tokens,
                                                   sentence_ends[_i].sentences);

  for (guint k = 0; k < G_N_ELEMENTS (sentence_ends[_i].feature) && sentence_ends[_i].feature[k]; k++)
    {
      double got = span_feature (doc, GALLEY_LAYER_SENTIMENT, sentence_ends[_i].sentence,
                                 sentence_ends[_i].feature[k]);

      ck_assert_msg (fabs (got - sentence_ends[_i].value[k]) < 1e-3,
                     "\"%s\", sentence %u: %s %f, expected %f",
                     sentence_ends[_i].text, sentence_ends[_i].sentence,
                     sentence_ends[_i].feature[k], got, sentence_ends[_i].value[k]);
    }
}
END_TEST

/* The scorer reads a sentence into arrays of 128 tokens
 * (SENTIMENT_SCRATCH_INLINE) and reads it again, whole, when it has more:
 * a word past the 128th counts. "The food" and 40 times "and the
 * committee met" are 162 tokens before "is good." (compound 0.45883). */
START_TEST (test_valence_past_the_first_128_tokens)
{
  GString *s = g_string_new ("The food");
  g_autoptr (GalleyDocument) doc = NULL;

  for (guint i = 0; i < 40; i++)
    g_string_append (s, " and the committee met");
  g_string_append (s, " is good. The war goes on.");
  doc = chain_run (h, s->str);
  g_string_free (s, TRUE);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "compound"), 0.45883);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 1, "compound"), -0.54233);
}
END_TEST

/* A name's first token is looked for from the previous name's, among 32
 * tokens (five halving steps) or all of them: the second name here,
 * "Good Hope Group", starts at token 7 to 51, each distance, odd and
 * even, on both sides of the window's end, after "Great", a capitalised
 * word outside it. Only the name is masked: "Great Good Hope Group is
 * bad." is x = 3 - 2 (great, bad; not good) = 1, compound 0.25. */
START_TEST (test_names_masked_at_every_distance_from_the_last)
{
  const char *names[] = { "Great Oak Bank", "Good Hope Group", NULL };
  const gint64 clusters[] = { 1, 2 };

  for (guint k = 0; k <= 44; k++)
    {
      GString *s = g_string_new ("Great Oak Bank is good");
      g_autoptr (GalleyDocument) doc = NULL;

      for (guint i = 0; i < k; i++)
        g_string_append (s, " x");
      g_string_append (s, ". Great Good Hope Group is bad.");
      doc = doc_with_entities (s->str, names, clusters);
      g_string_free (s, TRUE);
      ck_assert_near (span_feature (doc, GALLEY_LAYER_ENTITY, 0, "sentiment"), 0.45883);
      if (fabs (span_feature (doc, GALLEY_LAYER_ENTITY, 1, "sentiment") - 0.25) > 1e-4)
        ck_abort_msg ("%u tokens between the names: %f, expected 0.25", k + 7,
                      span_feature (doc, GALLEY_LAYER_ENTITY, 1, "sentiment"));
    }
}
END_TEST

/* The tagger's cluster ids are 0 to n - 1 for n entities; an id of n is
 * someone else's and gets a group of its own, apart from the entities
 * without a cluster, whose groups come after the first n. */
START_TEST (test_cluster_id_of_the_entity_count_is_another_s)
{
  const gint64 clusters[] = { 3, 3, -1 };

  assert_acme_twice_and_bolt (clusters);
}
END_TEST

/* A phrase's walk past the next token reads the tokens after it only
 * while they are in the sentence: with a lexicon of the one phrase
 * "real goodness good" (3.0) and hand-built layers, "real" [0, 4), then
 * "goodness" [5, 13), which ends with the sentence [0, 13), and "good"
 * [5, 9) nested in it: "good" is not in the sentence, so the phrase does
 * not match, and the sentence has no valence (compound 0, not 0.61237). */
START_TEST (test_phrase_walk_stops_at_sentence_end)
{
  const gint tokens[] = { 0, 4, 5, 13, 5, 9, -1 };
  const gint sentences[] = { 0, 13, -1 };
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyDocument) doc = NULL;
  int fd = g_file_open_tmp ("sentiment-phrase-XXXXXX.tsv", &path, &error);

  ck_assert_msg (fd >= 0, "%s", error ? error->message : "");
  close (fd);
  ck_assert (g_file_set_contents (path, "real goodness good\t3.0\n", -1, &error));
  doc = run_hand_built_with (path, "real goodness", tokens, sentences);
  g_unlink (path);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "compound"), 0.0);
  ck_assert_near (span_feature (doc, GALLEY_LAYER_SENTIMENT, 0, "neu"), 1.0);
}
END_TEST

static Suite *
stage_suite (void)
{
  Suite *s = suite_create ("sentiment-stage");
  TCase *tc = tcase_create ("stage");

  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_empty_document);
  tcase_add_test (tc, test_whitespace_document);
  tcase_add_test (tc, test_all_neutral_document);
  tcase_add_test (tc, test_one_span_per_sentence);
  tcase_add_test (tc, test_sentence_proportions);
  tcase_add_test (tc, test_document_scaled_mode);
  tcase_add_test (tc, test_document_sum_mode);
  tcase_add_test (tc, test_document_proportions_pool_sentences);
  tcase_add_test (tc, test_runs_twice_without_duplicating);
  tcase_add_test (tc, test_entity_cluster_mean);
  tcase_add_test (tc, test_entity_clusters_interleaved);
  tcase_add_test (tc, test_entity_without_cluster_is_its_own);
  tcase_add_test (tc, test_entity_sentence_counts_once);
  tcase_add_test (tc, test_entity_in_neutral_sentence);
  tcase_add_test (tc, test_entity_clusters_of_every_kind);
  tcase_add_test (tc, test_entity_groups_start_empty_in_each_document);
  tcase_add_test (tc, test_empty_token_at_sentence_end_is_outside);
  tcase_add_test (tc, test_token_nested_before_sentence_end_is_outside);
  tcase_add_test (tc, test_names_carry_no_valence);
  tcase_add_test (tc, test_names_masked_only_when_asked);
  tcase_add_test (tc, test_names_masked_each_in_place);
  tcase_add_test (tc, test_names_masked_past_the_first_bytes);
  tcase_add_test (tc, test_names_masked_in_a_long_document);
  tcase_add_test (tc, test_names_masked_at_the_window_s_end);
  tcase_add_test (tc, test_one_word_names_keep_valence);
  tcase_add_test (tc, test_missing_token_layer_is_an_error);
  tcase_add_test (tc, test_unknown_parameter_is_rejected);
  tcase_add_test (tc, test_stage_class);
  tcase_add_test (tc, test_builtin_lexicon_news);
  tcase_add_test (tc, test_lookup_paths_agree);
  tcase_add_test (tc, test_binary_and_huge_text);
  tcase_add_test (tc, test_scores_past_sixteen_sentences_and_a_long_one);
  tcase_add_loop_test (tc, test_sentence_ends_with_hand_built_layers, 0, G_N_ELEMENTS (sentence_ends));
  tcase_add_test (tc, test_phrase_walk_stops_at_sentence_end);
  tcase_add_test (tc, test_valence_past_the_first_128_tokens);
  tcase_add_test (tc, test_names_masked_at_every_distance_from_the_last);
  tcase_add_test (tc, test_cluster_id_of_the_entity_count_is_another_s);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return run_suite (stage_suite ());
}
