/* fuzz-export-csv.c: the export-csv writer fed a document with odd ids,
 * text, metadata and spans (fuzz-document.h), one row per document,
 * entity or sentence, with several delimiters and line ends. The output
 * must be valid UTF-8 and parse back (RFC 4180 quoting) into records
 * of the header's width, the first field of each row the document's id. */
#include "config.h"

#include <string.h>

#include "fuzz-document.h"
#include "plugins/export-csv/export-csv.h"

FUZZ_PLAIN_INITIALIZE

/* next_field: parses the field at *@p into @field; returns the character
 * after it: the delimiter, '\n' (after an optional '\r') or '\0'. */
static char
next_field (const char **p, char delim, GString *field)
{
  const char *s = *p;

  g_string_truncate (field, 0);
  if (*s == '"')
    {
      for (s++;; s++)
        {
          FUZZ_CHECK (*s != '\0', "a quoted field is not closed");
          if (*s == '"' && s[1] == '"')
            g_string_append_c (field, *s++);
          else if (*s == '"')
            break;
          else
            g_string_append_c (field, *s);
        }
      s++;
      FUZZ_CHECK (*s == delim || *s == '\r' || *s == '\n' || *s == '\0',
                  "text after a closing quote: %.20s", s);
    }
  else
    for (; *s && *s != delim && *s != '\r' && *s != '\n'; s++)
      {
        FUZZ_CHECK (*s != '"', "a quote inside an unquoted field");
        g_string_append_c (field, *s);
      }
  if (*s == '\r')
    {
      FUZZ_CHECK (s[1] == '\n', "a bare CR outside quotes");
      s++;
    }
  *p = *s ? s + 1 : s;
  return *s;
}

static void
check_output (const char *out, gsize len, char delim, const char *id, guint want_rows)
{
  g_autoptr (GString) field = g_string_new (NULL);
  const char *p = out;
  guint width = 0, rows = 0;

  FUZZ_CHECK (g_utf8_validate_len (out, len, NULL), "output is not UTF-8");
  FUZZ_CHECK (strlen (out) == len, "a NUL byte in the output");
  while (*p)
    {
      guint n = 0;
      char end;

      do
        {
          end = next_field (&p, delim, field);
          if (n++ == 0 && width > 0)
            FUZZ_CHECK (strcmp (field->str, id) == 0,
                        "row %u: first field '%s', not the id '%s'", rows, field->str, id);
        }
      while (end == delim);
      FUZZ_CHECK (end == '\n', "the last record is not terminated");
      if (width == 0)
        width = n;
      else
        {
          FUZZ_CHECK (n == width, "row %u has %u fields, the header %u", rows, n, width);
          rows++;
        }
    }
  FUZZ_CHECK (rows == want_rows, "%u rows, expected %u", rows, want_rows);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const rows[] = { "document", "entity", "sentence" };
  static const char delims[] = { ',', ';', '\t', '|', ' ' };
  static const char *const delim_names[] = { "comma", "semicolon", "tab", "pipe", "space" };
  FuzzDocument in = fuzz_document_build (data, size);
  g_autoptr (GalleyDocument) doc = in.doc;
  guint kind = in.choice[0] % 3;
  guint d = in.choice[1] % G_N_ELEMENTS (delims);
  char delim = delims[d];
  g_autofree char *path = g_strconcat ("path=", fuzz_scratch_path (".csv"), NULL);
  g_autofree char *rows_param = g_strconcat ("rows=", rows[kind], NULL);
  g_autofree char *delim_param = g_strconcat ("delimiter=", delim_names[d], NULL);
  const char *params[] = { path, rows_param, delim_param,
                           in.choice[1] & 8 ? "line-end=lf" : "line-end=crlf",
                           in.choice[1] & 16 ? "formula-guard=true" : "formula-guard=false",
                           NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_export_csv_stage, params, &error);
  g_autofree char *out = NULL;
  g_autofree char *id = NULL;
  GalleyLayer *layer;
  guint want;
  gsize len;

  FUZZ_CHECK (h != NULL, "create: %s", error->message);
  FUZZ_CHECK (galley_harness_run (h, doc, &error), "write: %s", error->message);
  FUZZ_CHECK (galley_harness_commit (h, &error), "commit: %s", error->message);
  out = fuzz_read_scratch (".csv", &len);
  FUZZ_CHECK (out != NULL, "no output file");
  layer = galley_document_get_layer (doc, kind == 1 ? GALLEY_LAYER_ENTITY : GALLEY_LAYER_SENTENCE);
  want = kind == 0 ? 1 : layer ? galley_layer_get_n_spans (layer) : 0;
  /* the formula guard prefixes ' to an id that starts with = + - @ TAB CR */
  id = (in.choice[1] & 16) && strchr ("=+-@\t\r", galley_document_get_id (doc)[0])
       && galley_document_get_id (doc)[0]
       ? g_strconcat ("'", galley_document_get_id (doc), NULL)
       : g_strdup (galley_document_get_id (doc));
  check_output (out, len, delim, id, want);
  return 0;
}
