/* jsonl-format.c: the export-jsonl line format.
 *
 * Hot path: the sink runs on one thread for the whole pipeline, so this
 * file is written for speed. One line per document is built in a GString
 * the caller reuses, so a document costs no allocation here once the
 * string has grown to the longest line.
 *
 * Measured on a 1 MB document with 166,672 tokens, 20,833 sentences and
 * 20,833 entities (tests/read-jsonl/bench-io.c has the read side): the first
 * version, through g_string_append_len() for every piece and
 * GalleyOffsetMap for offsets, wrote the default layers at 101 MB/s and
 * every layer at 31 MB/s (190 ns a token). Two things cost most:
 *
 * - Offsets: GalleyOffsetMap then converted one byte at a time and went
 *   back to the start of the text whenever an offset was smaller than the
 *   last one, so each span end was counted again from its start. The
 *   cursor written here to fix it (moving forward or back, 8 bytes a step)
 *   is now GalleyOffsetMap itself, in the SDK, shared by every exporter.
 * - Appending: GLib 2.74's g_string_append_len() is an out-of-line call
 *   to g_string_insert_len(). put() below copies in place when there is
 *   room, which after the first few documents is always.
 *
 * With both changes the same document is written at 180 MB/s (default
 * layers) and 76 MB/s (every layer, 78 ns a token).
 */
#include "config.h"

#include <string.h>

#include "jsonl-format.h"

/* put: appends @n bytes of @data to @out. */
static inline void
put (GString *out, const char *data, gsize n)
{
  if (G_LIKELY (out->len + n < out->allocated_len))
    {
      memcpy (out->str + out->len, data, n);
      out->len += n;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, data, n);
}

#define PUT_LITERAL(out, lit) put ((out), (lit), sizeof (lit) - 1)

static inline void
append_uint (GString *out, guint64 v)
{
  char buf[20];
  int i = sizeof buf;

  do
    {
      buf[--i] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  put (out, buf + i, sizeof buf - i);
}

/* append_key: ,"KEY": (the comma unless @first) */
static inline void
append_key (GString *out, const char *key, gboolean first)
{
  if (!first)
    g_string_append_c (out, ',');
  galley_json_append_string (out, key, -1);
  g_string_append_c (out, ':');
}

/* Flush: where a line goes in pieces (jsonl_format_document_to). The
 * default pipeline writes four to five bytes of JSON per byte of text,
 * so a 100 MB article's line, built whole, took some 450 MB, and its
 * GString up to 512 MB while it doubled. Written out every FLUSH_AT
 * bytes, between spans, the line never takes much more than that. */
typedef struct {
  GalleyOutput *out;
  GError *error;  /* the first write that failed; later pieces are dropped */
} Flush;

#define FLUSH_AT (256 * 1024)

static inline void
maybe_flush (GString *line, Flush *flush)
{
  if (G_LIKELY (flush == NULL || line->len < FLUSH_AT))
    return;
  if (flush->error == NULL)
    galley_output_write (flush->out, line->str, line->len, &flush->error);
  g_string_truncate (line, 0);
}

typedef const char *(*NthFunc) (const GalleyDocument *doc, guint i,
                                const GalleyValue **value);

static void
append_entries (GString *out, const GalleyDocument *doc, guint n, NthFunc nth)
{
  g_string_append_c (out, '{');
  for (guint i = 0; i < n; i++)
    {
      const GalleyValue *value = NULL;
      const char *key = nth (doc, i, &value);

      append_key (out, key, i == 0);
      galley_json_append_value (out, value);
    }
  g_string_append_c (out, '}');
}

/* Span members written by the format itself; a span feature of the same
 * name is left out so the object keeps unique keys. */
static gboolean
is_reserved (const char *key)
{
  return strcmp (key, "start") == 0 || strcmp (key, "end") == 0
         || strcmp (key, "type") == 0 || strcmp (key, "text") == 0;
}

/* append_layer: the escaped ,"KEY": of each feature column and the
 * ,"type": of the last span type are built once per layer in @scratch
 * (the keys were a third of the strings this file wrote). They were a
 * GString each, made and freed for every layer of every document: 18M of
 * append_layer's 186M instructions (callgrind, 2,000 real news articles,
 * 3.3 MB, default pipeline; 20,000 GStrings); in one reused buffer
 * 186.4M -> 174.3M, the run 1,152M -> 1,139M. */
static void
append_layer (GString *out, GalleyLayer *layer, const char *text, gsize len,
              GalleyOffsetUnit unit, GString *scratch, Flush *flush)
{
  const char *name = galley_layer_get_name (layer);
  gboolean with_type = strcmp (name, GALLEY_LAYER_SENTENCE) != 0;
  gboolean with_text = with_type && strcmp (name, GALLEY_LAYER_TOKEN) != 0;
  guint n_keys = galley_layer_get_n_feature_keys (layer);
  /* where each key's JSON starts in @scratch (and, at [n_keys], where the
   * type's starts) and its length; 0 for the keys that are not written */
  gsize *key_at = g_newa (gsize, n_keys + 1);
  gsize *key_len = g_newa (gsize, n_keys + 1);
  GalleyOffsetMap offsets;
  GQuark last_type = 0;
  const GalleySpan *spans;
  guint n;

  galley_offset_map_init (&offsets, text, len, unit);
  g_string_truncate (scratch, 0);
  for (guint k = 0; k < n_keys; k++)
    {
      const char *key = galley_layer_get_feature_key (layer, k);

      key_at[k] = scratch->len;
      if (!is_reserved (key))
        append_key (scratch, key, FALSE);
      key_len[k] = scratch->len - key_at[k];
    }
  key_at[n_keys] = scratch->len;
  spans = galley_layer_get_spans (layer, &n);
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      const GalleySpan *span = &spans[i];

      if (i == 0)
        PUT_LITERAL (out, "{\"start\":");
      else
        PUT_LITERAL (out, ",{\"start\":");
      append_uint (out, galley_offset_map_convert (&offsets, span->start));
      PUT_LITERAL (out, ",\"end\":");
      append_uint (out, galley_offset_map_convert (&offsets, span->end));
      if (with_type)
        {
          /* types repeat: escape each run's once */
          if (span->type != last_type || scratch->len == key_at[n_keys])
            {
              g_string_truncate (scratch, key_at[n_keys]);
              g_string_append (scratch, ",\"type\":");
              galley_json_append_string (scratch, g_quark_to_string (span->type), -1);
              last_type = span->type;
            }
          put (out, scratch->str + key_at[n_keys], scratch->len - key_at[n_keys]);
        }
      if (with_text)
        {
          PUT_LITERAL (out, ",\"text\":");
          galley_json_append_string (out, text + span->start, span->end - span->start);
        }
      for (guint k = 0; k < n_keys; k++)
        {
          const GalleyValue *value;

          if (key_len[k] == 0
              || (value = galley_layer_get_feature_nth (layer, i, k)) == NULL)
            continue;
          put (out, scratch->str + key_at[k], key_len[k]);
          galley_json_append_value (out, value);
        }
      g_string_append_c (out, '}');
      maybe_flush (out, flush);
    }
  g_string_append_c (out, ']');
}

static void
format_document (GString *out, GalleyDocument *doc, const JsonlFormat *format,
                 Flush *flush)
{
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  gboolean first = TRUE;

  g_string_append (out, "{\"id\":");
  galley_json_append_string (out, galley_document_get_id (doc), -1);
  if (format->text)
    {
      g_string_append (out, ",\"text\":");
      galley_json_append_string (out, text, len);
      maybe_flush (out, flush);
    }
  g_string_append (out, ",\"meta\":");
  append_entries (out, doc, galley_document_get_n_meta (doc),
                  galley_document_get_meta_nth);
  g_string_append (out, ",\"features\":");
  append_entries (out, doc, galley_document_get_n_features (doc),
                  galley_document_get_feature_nth);
  g_string_append (out, ",\"layers\":{");
  if (format->layers != NULL && !format->all_layers)
    {
      for (const char *const *name = format->layers; *name; name++)
        {
          GalleyLayer *layer = galley_document_get_layer (doc, *name);

          append_key (out, *name, first);
          first = FALSE;
          if (layer != NULL)
            append_layer (out, layer, text, len, format->unit, format->scratch, flush);
          else
            g_string_append (out, "[]");
        }
    }
  else
    {
      guint n = galley_document_get_n_layers (doc);

      for (guint i = 0; i < n; i++)
        {
          GalleyLayer *layer = galley_document_get_layer_nth (doc, i);
          const char *name = galley_layer_get_name (layer);

          if (!format->all_layers && strcmp (name, GALLEY_LAYER_TOKEN) == 0)
            continue;
          append_key (out, name, first);
          first = FALSE;
          append_layer (out, layer, text, len, format->unit, format->scratch, flush);
        }
    }
  g_string_append (out, "}}\n");
}

void
jsonl_format_document (GString *out, GalleyDocument *doc,
                       const JsonlFormat *format)
{
  format_document (out, doc, format, NULL);
}

gboolean
jsonl_format_document_to (GalleyOutput *out, GString *line, GalleyDocument *doc,
                          const JsonlFormat *format, GError **error)
{
  Flush flush = { out, NULL };

  g_string_truncate (line, 0);
  format_document (line, doc, format, &flush);
  if (flush.error == NULL)
    galley_output_write (out, line->str, line->len, &flush.error);
  g_string_truncate (line, 0);
  if (flush.error != NULL)
    {
      g_propagate_error (error, flush.error);
      return FALSE;
    }
  return TRUE;
}

const char *const jsonl_format_offset_choices[] = { "codepoint", "byte", "utf16", NULL };

void
jsonl_format_init (JsonlFormat *format, const GalleyParams *params)
{
  const char *const *layers = galley_params_get_string_list (params, "layers");

  memset (format, 0, sizeof *format);
  if (layers != NULL)
    {
      format->owned_layers = g_strdupv ((char **) layers);
      format->all_layers = g_strv_contains (layers, "all");
    }
  format->layers = (const char *const *) format->owned_layers;
  format->text = galley_params_get_boolean (params, "text");
  format->unit = (GalleyOffsetUnit) galley_params_get_choice_index (params, "offsets");
  format->scratch = g_string_sized_new (256);
}

void
jsonl_format_clear (JsonlFormat *format)
{
  g_strfreev (format->owned_layers);
  if (format->scratch)
    g_string_free (format->scratch, TRUE);
  memset (format, 0, sizeof *format);
}
