/* test-keyword-tagger.c: the stage's Check suite.
 *
 * The tests run the stage through the SDK's harness (galley-harness.h):
 * no runner, one document at a time on this thread. The stage under test
 * is linked in; the tokenizer it needs is Galley's own, loaded from the
 * installed plugins (or GALLEY_PLUGIN_PATH) by
 * galley_harness_new_from_pipeline(), so the tokens are the ones a real
 * run gives.
 */
#include <check.h>
#include <string.h>

#include <galley/galley.h>

#include "keyword-tagger.h"

/* tokenizer_then_tagger: a harness running Galley's tokenizer, then
 * keyword-tagger with @params (transfer full). */
static GalleyHarness *
tokenizer_then_tagger (const char *const *params)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new_from_pipeline ("tokenizer", &error);

  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  ck_assert_msg (galley_harness_add (h, &galley_keyword_tagger_stage, params, &error),
                 "%s", error ? error->message : "");
  return g_steal_pointer (&h);
}

/* tag: runs the tokenizer and keyword-tagger with @params over @text and
 * returns the keyword layer as "TYPE:text|..." (transfer full). */
static char *
tag (const char *const *params, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = tokenizer_then_tagger (params);
  g_autoptr (GalleyDocument) doc = galley_harness_run_text (h, text, &error);

  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  return galley_harness_dump_layer (doc, "keyword");
}

/* create_error: the message building the stage with @params fails with. */
static char *
create_error (const char *const *params)
{
  GError *error = NULL;
  GalleyHarness *h = galley_harness_new (&galley_keyword_tagger_stage, params, &error);
  char *message;

  ck_assert_ptr_null (h);
  ck_assert_ptr_nonnull (error);
  message = g_strdup (error->message);
  g_error_free (error);
  return message;
}

START_TEST (test_tags_keyword_ignoring_case)
{
  static const char *const params[] = { "keywords=election", NULL };
  g_autofree char *got = tag (params, "The Election was called. ELECTION day is near; election!");

  ck_assert_str_eq (got, "KEYWORD:Election|KEYWORD:ELECTION|KEYWORD:election");
}
END_TEST

START_TEST (test_matches_whole_tokens_only)
{
  static const char *const params[] = { "keywords=vote", NULL };
  g_autofree char *got = tag (params, "Voters will vote; votes are counted.");

  ck_assert_str_eq (got, "KEYWORD:vote");
}
END_TEST

START_TEST (test_several_keywords)
{
  static const char *const params[] = { "keywords=budget;tax, Parliament", NULL };
  g_autofree char *got = tag (params, "Parliament passed the budget without a tax rise.");

  ck_assert_str_eq (got, "KEYWORD:Parliament|KEYWORD:budget|KEYWORD:tax");
}
END_TEST

START_TEST (test_type_parameter)
{
  static const char *const params[] = { "keywords=flood", "type=DISASTER", NULL };
  g_autofree char *got = tag (params, "Flood warnings in the valley.");

  ck_assert_str_eq (got, "DISASTER:Flood");
}
END_TEST

START_TEST (test_non_ascii_keywords)
{
  static const char *const params[] = { "keywords=zürich,ΑΘΗΝΑ", NULL };
  /* "Zürich" with a combining diaeresis, and Athens in lower case */
  g_autofree char *got = tag (params, "From Zu\xcc\x88rich to αθηνα by train.");

  ck_assert_str_eq (got, "KEYWORD:Zu\xcc\x88rich|KEYWORD:αθηνα");
}
END_TEST

START_TEST (test_no_match_gives_empty_layer)
{
  static const char *const params[] = { "keywords=earthquake", NULL };
  g_autofree char *got = tag (params, "A quiet day at the markets.");

  ck_assert_str_eq (got, "");
}
END_TEST

START_TEST (test_norm_feature_and_count)
{
  static const char *const params[] = { "keywords=Senate", NULL };
  g_autoptr (GalleyHarness) h = tokenizer_then_tagger (params);
  g_autoptr (GalleyDocument) doc = galley_harness_run_text (h, "The SENATE and the senate.", NULL);
  GalleyLayer *layer;
  const GalleyValue *v;

  ck_assert_ptr_nonnull (doc);
  layer = galley_document_get_layer (doc, "keyword");
  ck_assert_uint_eq (galley_layer_get_n_spans (layer), 2);
  ck_assert_str_eq (galley_layer_get_feature (layer, 0, "norm")->v.s, "senate");
  ck_assert_str_eq (galley_layer_get_feature (layer, 1, "norm")->v.s, "senate");
  v = galley_document_get_feature (doc, "keyword.count");
  ck_assert_int_eq (v->type, GALLEY_VALUE_INT);
  ck_assert_int_eq (v->v.i, 2);
}
END_TEST

START_TEST (test_running_twice_does_not_duplicate)
{
  static const char *const params[] = { "keywords=strike", NULL };
  g_autoptr (GalleyHarness) h = tokenizer_then_tagger (params);
  g_autoptr (GalleyDocument) doc = galley_harness_run_text (h, "Rail strike called off.", NULL);
  g_autofree char *got = NULL;

  ck_assert_ptr_nonnull (doc);
  ck_assert (galley_harness_run (h, doc, NULL));
  got = galley_harness_dump_layer (doc, "keyword");
  ck_assert_str_eq (got, "KEYWORD:strike");
}
END_TEST

START_TEST (test_document_without_tokens_is_rejected)
{
  static const char *const params[] = { "keywords=strike", NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_keyword_tagger_stage, params, NULL);
  g_autoptr (GError) error = NULL;

  /* run_text makes a document with no layers at all */
  ck_assert_ptr_null (galley_harness_run_text (h, "Rail strike called off.", &error));
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_INPUT);
  ck_assert_str_eq (error->message, "document 'doc-1' has no token layer: "
                    "run a tokenizer before keyword-tagger");
}
END_TEST

START_TEST (test_keywords_required)
{
  g_autofree char *msg = create_error (NULL);

  ck_assert_str_eq (msg, "parameter 'keywords' is required "
                    "(words to tag, matched as whole tokens, ignoring case)");
}
END_TEST

START_TEST (test_empty_keyword_list_refused)
{
  static const char *const params[] = { "keywords=;,", NULL };
  g_autofree char *msg = create_error (params);

  ck_assert_str_eq (msg, "parameter 'keywords': no keyword given");
}
END_TEST

START_TEST (test_phrase_refused)
{
  static const char *const params[] = { "keywords=vote,general election", NULL };
  g_autofree char *msg = create_error (params);

  ck_assert_str_eq (msg, "parameter 'keywords': 'general election' is not a single word");
}
END_TEST

START_TEST (test_empty_type_refused)
{
  static const char *const params[] = { "keywords=vote", "type=", NULL };
  g_autofree char *msg = create_error (params);

  ck_assert_str_eq (msg, "parameter 'type': must not be empty");
}
END_TEST

START_TEST (test_unknown_parameter_lists_valid_ones)
{
  static const char *const params[] = { "keyword=vote", NULL };
  g_autofree char *msg = create_error (params);

  ck_assert_str_eq (msg, "unknown parameter 'keyword'; valid parameters: keywords, type");
}
END_TEST

START_TEST (test_class_declares_layers)
{
  const GalleyStageClass *k = &galley_keyword_tagger_stage;

  ck_assert_str_eq (k->name, "keyword-tagger");
  ck_assert_int_eq (k->kind, GALLEY_STAGE_FILTER);
  ck_assert_str_eq (k->requires[0], "token");
  ck_assert_ptr_null (k->requires[1]);
  ck_assert_str_eq (k->produces[0], "keyword");
  ck_assert (k->flags & GALLEY_STAGE_THREAD_SAFE);
}
END_TEST

static Suite *
keyword_tagger_suite (void)
{
  Suite *s = suite_create ("keyword-tagger");
  TCase *tc = tcase_create ("keyword-tagger");

  tcase_add_test (tc, test_tags_keyword_ignoring_case);
  tcase_add_test (tc, test_matches_whole_tokens_only);
  tcase_add_test (tc, test_several_keywords);
  tcase_add_test (tc, test_type_parameter);
  tcase_add_test (tc, test_non_ascii_keywords);
  tcase_add_test (tc, test_no_match_gives_empty_layer);
  tcase_add_test (tc, test_norm_feature_and_count);
  tcase_add_test (tc, test_running_twice_does_not_duplicate);
  tcase_add_test (tc, test_document_without_tokens_is_rejected);
  tcase_add_test (tc, test_keywords_required);
  tcase_add_test (tc, test_empty_keyword_list_refused);
  tcase_add_test (tc, test_phrase_refused);
  tcase_add_test (tc, test_empty_type_refused);
  tcase_add_test (tc, test_unknown_parameter_lists_valid_ones);
  tcase_add_test (tc, test_class_declares_layers);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (keyword_tagger_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
