/* fuzz-text-chain.c: arbitrary text through the default annotation chain
 * (tokenizer ! entity-tagger ! sentiment) in the SDK harness. Invalid
 * UTF-8 is repaired first, as every reader does before a filter sees
 * the text. Checks the layers' invariants (fuzz_check_annotations). */
#include "config.h"

#include "fuzz-common.h"
#include "plugins/tokenizer/tokenizer.h"
#include "plugins/entity-tagger/entity-tagger.h"
#include "plugins/sentiment/sentiment.h"

static GalleyHarness *chain;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  fuzz_init ();
  chain = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  FUZZ_CHECK (chain != NULL, "tokenizer: %s", error->message);
  FUZZ_CHECK (galley_harness_add (chain, &galley_entity_tagger_stage, NULL, &error),
              "entity-tagger: %s", error->message);
  FUZZ_CHECK (galley_harness_add (chain, &galley_sentiment_stage, NULL, &error),
              "sentiment: %s", error->message);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_utf8_make_valid ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyDocument) doc = galley_harness_run_text (chain, text, &error);

  /* no stage of the chain rejects text: every one must annotate it */
  FUZZ_CHECK (doc != NULL, "rejected: %s", error->message);
  fuzz_check_document (doc);
  fuzz_check_annotations (doc);
  return 0;
}
