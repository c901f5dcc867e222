/* test-language-routing.c: languages= and on-other-language= of the
 * English stages (tokenizer, entity-tagger, sentiment) after the language
 * stage: a document in another language passes through unannotated or is
 * dropped, never scored as if it were English. */
#include "config.h"

#include <check.h>
#include <string.h>

#include <galley/galley.h>

#include "entity-tagger.h"
#include "language.h"
#include "sentiment.h"
#include "tokenizer.h"

#define GERMAN "Der Stadtrat hat am Dienstagabend nach einer langen Debatte den " \
  "neuen Haushalt beschlossen. Die Bürgermeisterin Anna Schmidt war sehr zufrieden."
#define ENGLISH "The city council approved the new budget on Tuesday evening " \
  "after a long debate. Mayor Anna Smith was very pleased."

/* language ! tokenizer ! entity-tagger ! sentiment, each English stage
 * with @params (may be NULL) */
static GalleyHarness *
chain_new (const char *const *params)
{
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = galley_harness_new (&galley_language_stage, NULL, &error);

  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  ck_assert_msg (galley_harness_add (h, &galley_tokenizer_stage, params, &error) &&
                 galley_harness_add (h, &galley_entity_tagger_stage, params, &error) &&
                 galley_harness_add (h, &galley_sentiment_stage, params, &error),
                 "%s", error ? error->message : "");
  return h;
}

static GalleyDocument *
chain_run (GalleyHarness *h, const char *text)
{
  g_autoptr (GError) error = NULL;
  GalleyDocument *doc = galley_harness_run_text (h, text, &error);

  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  return doc;
}

static gboolean
annotated (GalleyDocument *doc)
{
  gboolean tokens = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN) != NULL;
  gboolean entities = galley_document_get_layer (doc, GALLEY_LAYER_ENTITY) != NULL;
  gboolean scored = galley_document_get_feature (doc, GALLEY_FEATURE_SENTIMENT_COMPOUND) != NULL;

  ck_assert_msg (tokens == entities && entities == scored,
                 "tokens %d, entities %d, sentiment %d", tokens, entities, scored);
  return tokens;
}

/* stage_refuses: @klass created with @param fails with @message */
static void
stage_refuses (const GalleyStageClass *klass, const char *param, const char *message)
{
  const char *const params[] = { param, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (klass, params, &error);

  ck_assert_ptr_null (h);
  ck_assert_msg (error != NULL && strcmp (error->message, message) == 0,
                 "%s: got '%s', expected '%s'", klass->name,
                 error ? error->message : "(no error)", message);
}

START_TEST (test_language_name_for_a_code_is_refused)
{
  /* "english" matches no label of the language stage: every document
   * would pass unannotated, so each English stage refuses it, and names
   * the code when it knows the name */
  static const GalleyStageClass *const stages[] = {
    &galley_tokenizer_stage, &galley_entity_tagger_stage, &galley_sentiment_stage,
  };

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      stage_refuses (stages[i], "languages=en,english",
                     "parameter 'languages': 'english' is not an ISO 639 code; "
                     "did you mean 'en'?");
      stage_refuses (stages[i], "languages=Deutsch",
                     "parameter 'languages': 'Deutsch' is not an ISO 639 code; "
                     "did you mean 'de'?");
      stage_refuses (stages[i], "languages=en,x1",
                     "parameter 'languages': 'x1' is not an ISO 639 code "
                     "(such as en, de, fr, es)");
    }
}
END_TEST

START_TEST (test_codes_with_subtags_are_taken)
{
  static const char *const params[] = { "languages=en,pt-BR,zh_Hant,fil", NULL };
  GalleyHarness *h = chain_new (params);

  galley_harness_free (h);
}
END_TEST

static GString *warnings;

static void
catch_warning (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  g_string_append_printf (warnings, "%s\n", message);
}

START_TEST (test_unchecked_filter_warns_once)
{
  /* galley_language_filter_new(), for plugins built before ABI 1.5,
   * cannot fail: it says so, once a process for each entry */
  static const GalleyParamSpec specs[] = {
    GALLEY_LANGUAGE_PARAMS ("en"),
    { NULL, 0, NULL, 0, 0, NULL, NULL, 0 }
  };
  g_autoptr (GalleyParams) p = galley_params_new (specs);
  GalleyLanguageFilter *first, *second;

  ck_assert (galley_params_set (p, "languages", "english,en,pt-BR,x1", NULL));
  ck_assert (galley_params_finish (p, NULL));
  warnings = g_string_new (NULL);
  g_log_set_default_handler (catch_warning, NULL);
  first = galley_language_filter_new (p);
  second = galley_language_filter_new (p);
  g_log_set_default_handler (g_log_default_handler, NULL);
  ck_assert_str_eq (warnings->str,
    "languages=english matches no document that the language stage labels: "
    "'english' is not an ISO 639 code; did you mean 'en'?\n"
    "languages=x1 matches no document that the language stage labels: "
    "'x1' is not an ISO 639 code (such as en, de, fr, es)\n");
  galley_language_filter_free (first);
  galley_language_filter_free (second);
  g_string_free (warnings, TRUE);
}
END_TEST

START_TEST (test_english_is_annotated)
{
  g_autoptr (GalleyHarness) h = chain_new (NULL);
  g_autoptr (GalleyDocument) doc = chain_run (h, ENGLISH);

  ck_assert_str_eq (galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE)->v.s, "en");
  ck_assert (annotated (doc));
  ck_assert_ptr_null (galley_document_get_drop_reason (doc));
}
END_TEST

START_TEST (test_other_language_passes_unannotated)
{
  g_autoptr (GalleyHarness) h = chain_new (NULL);
  g_autoptr (GalleyDocument) doc = chain_run (h, GERMAN);

  ck_assert_str_eq (galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE)->v.s, "de");
  ck_assert (!annotated (doc));
  ck_assert_uint_eq (galley_document_get_n_layers (doc), 0);
  ck_assert_ptr_null (galley_document_get_drop_reason (doc));
}
END_TEST

START_TEST (test_listed_language_is_annotated)
{
  const char *params[] = { "languages=en;de", NULL };
  g_autoptr (GalleyHarness) h = chain_new (params);
  g_autoptr (GalleyDocument) doc = chain_run (h, GERMAN);

  ck_assert (annotated (doc));
}
END_TEST

START_TEST (test_other_language_dropped)
{
  const char *params[] = { "on-other-language=drop", NULL };
  g_autoptr (GalleyHarness) h = chain_new (params);
  g_autoptr (GalleyDocument) doc = chain_run (h, GERMAN);

  ck_assert_str_eq (galley_document_get_drop_reason (doc),
                    "language 'de' is not in languages=en");
  ck_assert (!annotated (doc));
}
END_TEST

START_TEST (test_undetermined_is_another_language)
{
  /* nothing to judge: "und", which languages=en does not hold */
  g_autoptr (GalleyHarness) h = chain_new (NULL);
  g_autoptr (GalleyDocument) doc = chain_run (h, "Shr 45 cts vs 58 cts; net 1.1 mln vs 829,000");

  ck_assert_str_eq (galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE)->v.s, "und");
  ck_assert (!annotated (doc));
}
END_TEST

START_TEST (test_no_language_feature_is_annotated)
{
  /* without the language stage the English stages work as before */
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  g_autoptr (GalleyDocument) doc = NULL;

  ck_assert (galley_harness_add (h, &galley_entity_tagger_stage, NULL, &error));
  ck_assert (galley_harness_add (h, &galley_sentiment_stage, NULL, &error));
  doc = chain_run (h, GERMAN);
  ck_assert (annotated (doc));
}
END_TEST

START_TEST (test_matches_primary_subtag_and_ignores_case)
{
  const char *const pt[] = { "PT", NULL };
  const char *const eng[] = { "eng", NULL };
  const char *const none[] = { NULL };
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", "", -1);

  ck_assert (galley_document_language_matches (doc, none));
  galley_document_set_feature_string (doc, GALLEY_FEATURE_LANGUAGE, "pt-BR");
  ck_assert (galley_document_language_matches (doc, pt));
  ck_assert (!galley_document_language_matches (doc, none));
  galley_document_set_feature_string (doc, GALLEY_FEATURE_LANGUAGE, "ptx");
  ck_assert (!galley_document_language_matches (doc, pt));
  /* nor a listed code that only starts with the document's: "eng" is not
   * "en" (ISO 639-3 where 639-1 has a code is no alias here) */
  galley_document_set_feature_string (doc, GALLEY_FEATURE_LANGUAGE, "en");
  ck_assert (!galley_document_language_matches (doc, eng));
}
END_TEST

START_TEST (test_bad_choice_is_refused)
{
  const char *params[] = { "on-other-language=skip", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_sentiment_stage, params, &error);

  ck_assert_ptr_null (h);
  ck_assert_msg (strstr (error->message, "on-other-language") != NULL, "%s", error->message);
}
END_TEST

static Suite *
routing_suite (void)
{
  Suite *s = suite_create ("language-routing");
  TCase *tc = tcase_create ("routing");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_english_is_annotated);
  tcase_add_test (tc, test_language_name_for_a_code_is_refused);
  tcase_add_test (tc, test_codes_with_subtags_are_taken);
  tcase_add_test (tc, test_unchecked_filter_warns_once);
  tcase_add_test (tc, test_other_language_passes_unannotated);
  tcase_add_test (tc, test_listed_language_is_annotated);
  tcase_add_test (tc, test_other_language_dropped);
  tcase_add_test (tc, test_undetermined_is_another_language);
  tcase_add_test (tc, test_no_language_feature_is_annotated);
  tcase_add_test (tc, test_matches_primary_subtag_and_ignores_case);
  tcase_add_test (tc, test_bad_choice_is_refused);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (routing_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
