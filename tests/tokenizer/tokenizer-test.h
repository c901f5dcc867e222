/* tokenizer-test.h: helpers shared by the tokenizer's Check suites. */
#pragma once

#include <check.h>
#include <string.h>

#include <galley/galley.h>

#include "plugins/tokenizer/tokenizer.h"

/* A document of @text run through a tokenizer built with @params. */
static inline GalleyDocument *
tt_run (const char *text, const char *const *params)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_tokenizer_stage, params, &error);
  GalleyDocument *doc;

  ck_assert_msg (h != NULL, "harness: %s", error ? error->message : "?");
  doc = galley_harness_run_text (h, text, &error);
  ck_assert_msg (doc != NULL, "run: %s", error ? error->message : "?");
  return doc;
}

/* The tokens of @text joined by '|'. */
static inline char *
tt_tokens (const char *text)
{
  g_autoptr (GalleyDocument) doc = tt_run (text, NULL);
  return galley_harness_dump_layer (doc, GALLEY_LAYER_TOKEN);
}

/* The tokens of @text as "kind:text" joined by '|'. */
static inline char *
tt_typed (const char *text)
{
  g_autoptr (GalleyDocument) doc = tt_run (text, NULL);
  return galley_harness_dump_typed (doc, GALLEY_LAYER_TOKEN);
}

/* The sentences of @text joined by '|', made with @params. */
static inline char *
tt_sentences_with (const char *text, const char *const *params)
{
  g_autoptr (GalleyDocument) doc = tt_run (text, params);
  return galley_harness_dump_layer (doc, GALLEY_LAYER_SENTENCE);
}

static inline char *
tt_sentences (const char *text)
{
  return tt_sentences_with (text, NULL);
}

/* The flags of the first token whose text is @tok in @text. */
static inline guint32
tt_flags (const char *text, const char *tok)
{
  g_autoptr (GalleyDocument) doc = tt_run (text, NULL);
  int i = galley_harness_find_span (doc, GALLEY_LAYER_TOKEN, tok, NULL);
  GalleyLayer *layer = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);

  ck_assert_msg (i >= 0, "no token '%s' in '%s'", tok, text);
  return galley_layer_get_span (layer, (guint) i)->flags;
}

#define TT_MAIN(suite_fn) \
  int main (void) \
  { \
    SRunner *sr = srunner_create (suite_fn ()); \
    int failed; \
    srunner_run_all (sr, CK_NORMAL); \
    failed = srunner_ntests_failed (sr); \
    srunner_free (sr); \
    return failed == 0 ? 0 : 1; \
  }
