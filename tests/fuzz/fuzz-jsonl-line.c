/* fuzz-jsonl-line.c: one JSON Lines line, given straight to the
 * read-jsonl parser under each UTF-8 policy (windows-1252, read-jsonl's
 * default; replace; reject). The
 * input is cut at its first newline, as the line reader would. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "plugins/read-jsonl/jsonl-parser.h"

#define MAX_BYTES 65536

static JsonlParser *latin, *replacing, *rejecting;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  latin = jsonl_parser_new (GALLEY_UTF8_WINDOWS_1252, MAX_BYTES);
  replacing = jsonl_parser_new (GALLEY_UTF8_REPLACE, MAX_BYTES);
  rejecting = jsonl_parser_new (GALLEY_UTF8_REJECT, MAX_BYTES);
  return 0;
}

static void
parse_with (JsonlParser *parser, const char *line, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyDocument) doc = jsonl_parser_parse (parser, line, len, "fuzz.jsonl:1", &error);

  if (doc == NULL)
    {
      FUZZ_CHECK (error != NULL, "NULL without an error");
      FUZZ_CHECK (g_str_has_prefix (error->message, "fuzz.jsonl:1"),
                  "message does not name the line: %s", error->message);
      return;
    }
  FUZZ_CHECK (error == NULL, "a document and an error");
  fuzz_check_document (doc);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const uint8_t *nl = memchr (data, '\n', size);
  gsize len = nl ? (gsize) (nl - data) : size;
  g_autofree char *line = g_strndup ((const char *) data, len);

  /* g_strndup stops at a NUL; the parser is given the real length */
  memcpy (line, data, len);
  parse_with (latin, line, len);
  parse_with (replacing, line, len);
  parse_with (rejecting, line, len);
  return 0;
}
