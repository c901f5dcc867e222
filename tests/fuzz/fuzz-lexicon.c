/* fuzz-lexicon.c: a sentiment lexicon (VADER or AFINN TSV, the format
 * guessed) loaded through the stage's create, then a sentence with its
 * first word scored with it. */
#include "config.h"

#include "fuzz-common.h"
#include "plugins/sentiment/sentiment.h"
#include "plugins/tokenizer/tokenizer.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GalleyHarness) h = fuzz_chain_with_file (&galley_tokenizer_stage,
                                                      &galley_sentiment_stage,
                                                      "lexicon", ".tsv",
                                                      NULL, data, size);

  if (h)
    fuzz_run_first_line (h, data, size);
  return 0;
}
