/* fuzz-read-feed.c: a feed file (RSS 0.9x/1.0/2.0, Atom, broken XML)
 * read by the read-feed stage. max-bytes is kept small so that the
 * fuzzer's -max_len (tests/fuzz/Makefile.am) crosses it. */
#include "config.h"

#include "fuzz-common.h"
#include "plugins/read-feed/read-feed.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const params[] = { "max-bytes=65536", NULL };

  fuzz_read_through (&galley_read_feed_stage, ".xml", params, data, size);
  return 0;
}
