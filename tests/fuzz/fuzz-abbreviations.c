/* fuzz-abbreviations.c: a tokenizer abbreviation list loaded through the
 * stage's create, then a sentence with its first entry tokenized. */
#include "config.h"

#include "fuzz-common.h"
#include "plugins/tokenizer/tokenizer.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GalleyHarness) h = fuzz_chain_with_file (NULL, &galley_tokenizer_stage,
                                                      "abbreviations", ".txt", NULL,
                                                      data, size);

  if (h)
    fuzz_run_first_line (h, data, size);
  return 0;
}
