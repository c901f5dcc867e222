/* fuzz-model.c: an entity-tagger model file (model=, the binary format
 * of plugins/entity-tagger/model.c) loaded through the stage's create,
 * then a sentence tagged with it: a model whose counts, labels or weights
 * lie must be refused or applied without reading out of bounds. */
#include "config.h"

#include "fuzz-common.h"
#include "plugins/entity-tagger/entity-tagger.h"
#include "plugins/tokenizer/tokenizer.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const uint8_t sentence[] =
    "Maria Okafor of Northwind met French officials in Lisbon on Monday.";
  g_autoptr (GalleyHarness) h = fuzz_chain_with_file (&galley_tokenizer_stage,
                                                      &galley_entity_tagger_stage,
                                                      "model", ".model",
                                                      "iso-codes=false", data, size);

  if (h)
    fuzz_run_first_line (h, sentence, sizeof sentence - 1);
  return 0;
}
