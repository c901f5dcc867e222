/* test-language-stage.c: what the language stage writes, on the samples of
 * samples.tsv (27 languages, one sentence and one paragraph each) and on
 * texts with little or nothing to judge: empty, digits only, mixed
 * languages, text that looks like bytes decoded with the wrong charset. */
#include "config.h"

#include <check.h>
#include <string.h>

#include <galley/galley.h>

#include "language.h"

static GalleyHarness *h;

static void
setup_params (const char *const *params)
{
  g_autoptr (GError) error = NULL;

  h = galley_harness_new (&galley_language_stage, params, &error);
  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
}

static void setup (void) { setup_params (NULL); }
static void teardown (void) { g_clear_pointer (&h, galley_harness_free); }

static GalleyDocument *
run_doc (GalleyDocument *doc)
{
  g_autoptr (GError) error = NULL;

  ck_assert_msg (galley_harness_run (h, doc, &error), "%s", error ? error->message : "");
  return doc;
}

static GalleyDocument *
run_text (const char *text)
{
  return run_doc (galley_document_new ("doc-1", text, -1));
}

static const char *
language_of (GalleyDocument *doc)
{
  const GalleyValue *v = galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE);

  ck_assert_msg (v != NULL, "no language feature");
  ck_assert_int_eq (v->type, GALLEY_VALUE_STRING);
  return v->v.s;
}

static double
confidence_of (GalleyDocument *doc)
{
  const GalleyValue *v =
    galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE_CONFIDENCE);

  ck_assert_msg (v != NULL, "no language.confidence feature");
  ck_assert_int_eq (v->type, GALLEY_VALUE_DOUBLE);
  return v->v.d;
}

/* Every line of samples.tsv: its language, with a confidence above a
 * half for the paragraphs. */
static void
check_samples (const char *length)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  guint n = 0;

  ck_assert_msg (g_file_get_contents (TEST_SRCDIR "/samples.tsv", &contents, NULL, &error),
                 "%s", error ? error->message : "");
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) f = NULL;
      g_autoptr (GalleyDocument) doc = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 3);
      ck_assert_msg (g_strv_length (f) == 3, "samples.tsv:%u: three fields", i + 1);
      if (strcmp (f[1], length) != 0)
        continue;
      doc = run_text (f[2]);
      ck_assert_msg (strcmp (language_of (doc), f[0]) == 0,
                     "samples.tsv:%u: %s, expected %s", i + 1, language_of (doc), f[0]);
      if (strcmp (length, "long") == 0)
        ck_assert_msg (confidence_of (doc) > 0.5, "samples.tsv:%u: confidence %.2f",
                       i + 1, confidence_of (doc));
      n++;
    }
  ck_assert_uint_eq (n, 27);
}

START_TEST (test_long_samples)
{
  check_samples ("long");
}
END_TEST

START_TEST (test_short_samples)
{
  check_samples ("short");
}
END_TEST

START_TEST (test_empty_text_is_undetermined)
{
  g_autoptr (GalleyDocument) doc = run_text ("");

  ck_assert_str_eq (language_of (doc), "und");
  ck_assert_double_eq (confidence_of (doc), 0.0);
}
END_TEST

START_TEST (test_digits_and_punctuation_are_undetermined)
{
  g_autoptr (GalleyDocument) doc = run_text ("2024-04-26 12:30 — 3.5% (+0.2) 1,000,000 ???");

  ck_assert_str_eq (language_of (doc), "und");
  ck_assert_double_eq (confidence_of (doc), 0.0);
}
END_TEST

START_TEST (test_mixed_text_takes_the_larger_part)
{
  /* three German sentences and one English one */
  g_autoptr (GalleyDocument) doc = run_text (
    "Der Stadtrat hat am Dienstagabend den neuen Haushalt beschlossen. "
    "Mehrere Mitglieder sagten, der Plan lasse zu wenig Geld für die Straßen übrig. "
    "Die Bürgermeisterin versprach einen zweiten Vorschlag vor dem Sommer. "
    "The mayor said she was pleased.");

  ck_assert_str_eq (language_of (doc), "de");
  ck_assert_msg (confidence_of (doc) < 1.0, "confidence %.2f", confidence_of (doc));
}
END_TEST

START_TEST (test_wrongly_decoded_text_is_still_judged)
{
  /* French read as Latin-1 twice over ("Ã©" for "é"), with U+FFFD where a
   * reader replaced bad bytes: the words around them still decide */
  g_autoptr (GalleyDocument) doc = run_text (
    "Le conseil municipal a adoptÃ© le nouveau budget mardi soir aprÃ¨s un "
    "long dÃ©bat sur le financement des \xef\xbf\xbd\xef\xbf\xbd"
    "coles. Plusieurs Ã©lus ont estimÃ© que le projet laisse encore trop peu "
    "d'argent pour la rÃ©paration des routes.");

  ck_assert_str_eq (language_of (doc), "fr");
}
END_TEST

START_TEST (test_title_is_judged_with_the_text)
{
  /* a text too short to judge alone: the title decides */
  g_autoptr (GalleyDocument) doc = galley_document_new ("doc-1", "Berlin, 12. März.", -1);

  galley_document_set_meta (doc, "title",
                            "Der Stadtrat hat am Dienstagabend den neuen Haushalt "
                            "nach einer langen Debatte beschlossen");
  run_doc (doc);
  ck_assert_str_eq (language_of (doc), "de");
}
END_TEST

START_TEST (test_title_false_ignores_the_title)
{
  const char *params[] = { "title=false", NULL };
  g_autoptr (GalleyDocument) doc =
    galley_document_new ("doc-1", "The city council approved the new budget on "
                         "Tuesday evening after a long debate.", -1);

  teardown ();
  setup_params (params);
  galley_document_set_meta (doc, "title",
                            "Der Stadtrat hat am Dienstagabend den neuen Haushalt "
                            "nach einer langen Debatte beschlossen, sagten die Mitglieder");
  run_doc (doc);
  ck_assert_str_eq (language_of (doc), "en");
}
END_TEST

START_TEST (test_sample_bounds_what_is_read)
{
  /* English first, German after byte 100: sample=64 sees only English */
  const char *params[] = { "sample=64", NULL };
  g_autoptr (GalleyDocument) doc = NULL;

  teardown ();
  setup_params (params);
  doc = run_text ("The city council approved the new budget on Tuesday evening. "
                  "Der Stadtrat hat am Dienstagabend nach einer langen Debatte "
                  "über die Schulfinanzierung den neuen Haushalt beschlossen. "
                  "Mehrere Mitglieder sagten, der Plan lasse noch immer zu wenig "
                  "Geld für die Reparatur der Straßen übrig.");
  ck_assert_str_eq (language_of (doc), "en");
}
END_TEST

START_TEST (test_sample_cut_inside_a_character)
{
  /* "ü" straddles byte 16: the cut moves back to a boundary */
  const char *params[] = { "sample=16", NULL };
  g_autoptr (GalleyDocument) doc = NULL;

  teardown ();
  setup_params (params);
  doc = run_text ("Stadtrat Haushaüüüüüüüü");
  ck_assert_ptr_nonnull (galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE));
}
END_TEST

START_TEST (test_sample_below_range_is_refused)
{
  const char *params[] = { "sample=8", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) bad = galley_harness_new (&galley_language_stage, params, &error);

  ck_assert_ptr_null (bad);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, "sample") != NULL, "%s", error->message);
}
END_TEST

static Suite *
language_suite (void)
{
  Suite *s = suite_create ("language-stage");
  TCase *tc = tcase_create ("stage");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_long_samples);
  tcase_add_test (tc, test_short_samples);
  tcase_add_test (tc, test_empty_text_is_undetermined);
  tcase_add_test (tc, test_digits_and_punctuation_are_undetermined);
  tcase_add_test (tc, test_mixed_text_takes_the_larger_part);
  tcase_add_test (tc, test_wrongly_decoded_text_is_still_judged);
  tcase_add_test (tc, test_title_is_judged_with_the_text);
  tcase_add_test (tc, test_title_false_ignores_the_title);
  tcase_add_test (tc, test_sample_bounds_what_is_read);
  tcase_add_test (tc, test_sample_cut_inside_a_character);
  tcase_add_test (tc, test_sample_below_range_is_refused);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (language_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
