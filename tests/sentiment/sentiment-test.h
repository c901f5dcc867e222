/* sentiment-test.h: what the sentiment suites share: a tokenizer !
 * sentiment chain in the harness and readers for the figures it writes. */
#pragma once

#include <check.h>
#include <math.h>
#include <string.h>

#include <galley/galley.h>

#include "sentiment.h"
#include "tokenizer.h"

/* Scores are compared to this tolerance. */
#define TOLERANCE 1e-3

#define ck_assert_near(got, want) \
  ck_assert_msg (fabs ((got) - (want)) < TOLERANCE, \
                 "%s = %.5f, expected %.5f", #got, (double) (got), (double) (want))

/* A harness running tokenizer ! sentiment with @params (NULL-terminated
 * key=value strings, may be NULL); fails the test on error. */
static inline GalleyHarness *
chain_new (const char *const *params)
{
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = galley_harness_new (&galley_tokenizer_stage, NULL, &error);

  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  ck_assert_msg (galley_harness_add (h, &galley_sentiment_stage, params, &error),
                 "%s", error ? error->message : "");
  return h;
}

static inline GalleyDocument *
chain_run (GalleyHarness *h, const char *text)
{
  g_autoptr (GError) error = NULL;
  GalleyDocument *doc = galley_harness_run_text (h, text, &error);

  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  return doc;
}

static inline double
doc_feature (GalleyDocument *doc, const char *key)
{
  const GalleyValue *v = galley_document_get_feature (doc, key);

  ck_assert_msg (v != NULL, "feature %s missing", key);
  ck_assert_int_eq (v->type, GALLEY_VALUE_DOUBLE);
  return v->v.d;
}

static inline double
span_feature (GalleyDocument *doc, const char *layer, guint index,
              const char *key)
{
  GalleyLayer *l = galley_document_get_layer (doc, layer);
  const GalleyValue *v;

  ck_assert_ptr_nonnull (l);
  v = galley_layer_get_feature (l, index, key);
  ck_assert_msg (v != NULL, "%s[%u].%s missing", layer, index, key);
  ck_assert_int_eq (v->type, GALLEY_VALUE_DOUBLE);
  return v->v.d;
}

/* The document compound of @text through @h. */
static inline double
compound_of (GalleyHarness *h, const char *text)
{
  g_autoptr (GalleyDocument) doc = chain_run (h, text);

  return doc_feature (doc, "sentiment.compound");
}

/* x / sqrt (x^2 + 15): the expected compound of a valence sum. */
static inline double
norm15 (double x)
{
  return x / sqrt (x * x + 15);
}

static inline int
run_suite (Suite *s)
{
  SRunner *sr = srunner_create (s);
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
