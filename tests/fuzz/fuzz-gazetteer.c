/* fuzz-gazetteer.c: an entity-tagger gazetteer (PHRASE<TAB>TYPE[<TAB>
 * CANONICAL] lines) loaded through the stage's create, then a sentence
 * naming its first phrase tagged with it. */
#include "config.h"

#include "fuzz-common.h"
#include "plugins/entity-tagger/entity-tagger.h"
#include "plugins/tokenizer/tokenizer.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GalleyHarness) h = fuzz_chain_with_file (&galley_tokenizer_stage,
                                                      &galley_entity_tagger_stage,
                                                      "gazetteer", ".tsv",
                                                      "iso-codes=false", data, size);

  if (h)
    fuzz_run_first_line (h, data, size);
  return 0;
}
