/* fuzz-export-jsonl.c: the export-jsonl writer fed a document with odd
 * ids, text, metadata and spans (fuzz-document.h). Every line it writes
 * must parse as a JSON object whose "id" is the document's id. */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "fuzz-document.h"
#include "plugins/export-jsonl/export-jsonl.h"

FUZZ_PLAIN_INITIALIZE

static void
check_output (const char *out, gsize len, const char *id)
{
  g_auto (GStrv) lines = NULL;
  guint n = 0;

  FUZZ_CHECK (len > 0 && out[len - 1] == '\n', "output does not end with a newline");
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] && lines[i][0]; i++, n++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonNode *root;

      fuzz_check_json (lines[i], -1, "output line");
      FUZZ_CHECK (json_parser_load_from_data (parser, lines[i], -1, NULL), "reparse");
      root = json_parser_get_root (parser);
      FUZZ_CHECK (JSON_NODE_HOLDS_OBJECT (root), "line %u is not an object", i + 1);
      FUZZ_CHECK (g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "id", NULL), id) == 0,
                  "line %u: the id is not '%s'", i + 1, id);
    }
  FUZZ_CHECK (n == 1, "%u lines for one document", n);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const offsets[] = { "offsets=codepoint", "offsets=byte", "offsets=utf16" };
  FuzzDocument in = fuzz_document_build (data, size);
  g_autoptr (GalleyDocument) doc = in.doc;
  g_autofree char *path = g_strconcat ("path=", fuzz_scratch_path (".jsonl"), NULL);
  const char *params[] = { path, offsets[in.choice[0] % 3],
                           in.choice[1] & 1 ? "text=true" : "text=false", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_export_jsonl_stage, params, &error);
  g_autofree char *out = NULL;
  gsize len;

  FUZZ_CHECK (h != NULL, "create: %s", error->message);
  FUZZ_CHECK (galley_harness_run (h, doc, &error), "write: %s", error->message);
  FUZZ_CHECK (galley_harness_commit (h, &error), "commit: %s", error->message);
  out = fuzz_read_scratch (".jsonl", &len);
  FUZZ_CHECK (out != NULL, "no output file");
  check_output (out, len, galley_document_get_id (doc));
  return 0;
}
