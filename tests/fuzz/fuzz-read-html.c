/* fuzz-read-html.c: a web page (JSON-LD, <meta charset>, broken markup)
 * read by the read-html stage. max-bytes is kept small so that the
 * fuzzer's -max_len (tests/fuzz/Makefile.am) crosses it. */
#include "config.h"

#include "fuzz-common.h"
#include "plugins/read-html/read-html.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const params[] = { "max-bytes=65536", NULL };

  fuzz_read_through (&galley_read_html_stage, ".html", params, data, size);
  return 0;
}
