/* fuzz-jsonl-stream.c: a whole JSON Lines file (many lines, blank lines,
 * a last line without a newline) read by the read-jsonl stage, invalid
 * UTF-8 replaced. max-bytes is kept small so that the
 * fuzzer's -max_len (tests/fuzz/Makefile.am) crosses it. */
#include "config.h"

#include "fuzz-common.h"
#include "plugins/read-jsonl/read-jsonl.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const params[] = { "max-bytes=65536", NULL };

  fuzz_read_through (&galley_read_jsonl_stage, ".jsonl", params, data, size);
  return 0;
}
