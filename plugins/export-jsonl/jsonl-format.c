/* jsonl-format.c: the export-jsonl line format.
 *
 * Hot path: one line per document is built in a GString the caller reuses,
 * so a document costs no allocation here once the string has grown to the
 * longest line. Numbers are written by hand (append_uint), not through
 * printf, and offsets are converted with GalleyOffsetMap in one forward
 * pass over the text per layer: starts are sorted, so the map only moves
 * forward; each end is counted from its own start, which costs the span's
 * length (ends are not sorted: nested spans would send the map back to
 * the start of the text).
 */
#include "config.h"

#include <string.h>

#include "jsonl-format.h"

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
  g_string_append_len (out, buf + i, sizeof buf - i);
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

static void
append_layer (GString *out, GalleyLayer *layer, const char *text, gsize len,
              GalleyOffsetUnit unit)
{
  const char *name = galley_layer_get_name (layer);
  gboolean with_type = strcmp (name, GALLEY_LAYER_SENTENCE) != 0;
  gboolean with_text = with_type && strcmp (name, GALLEY_LAYER_TOKEN) != 0;
  guint n_keys = galley_layer_get_n_feature_keys (layer);
  gboolean reserved[64] = { FALSE };
  GalleyOffsetMap starts;
  const GalleySpan *spans;
  guint n;

  for (guint k = 0; k < n_keys && k < G_N_ELEMENTS (reserved); k++)
    reserved[k] = is_reserved (galley_layer_get_feature_key (layer, k));
  galley_offset_map_init (&starts, text, len, unit);
  spans = galley_layer_get_spans (layer, &n);
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      const GalleySpan *span = &spans[i];
      gsize start = galley_offset_map_convert (&starts, span->start);
      gsize end = start + (span->end - span->start);

      if (unit != GALLEY_OFFSETS_BYTE)
        {
          GalleyOffsetMap inside;
          galley_offset_map_init (&inside, text + span->start,
                                  span->end - span->start, unit);
          end = start + galley_offset_map_convert (&inside, span->end - span->start);
        }
      g_string_append (out, i == 0 ? "{\"start\":" : ",{\"start\":");
      append_uint (out, start);
      g_string_append (out, ",\"end\":");
      append_uint (out, end);
      if (with_type)
        {
          g_string_append (out, ",\"type\":");
          galley_json_append_string (out, g_quark_to_string (span->type), -1);
        }
      if (with_text)
        {
          g_string_append (out, ",\"text\":");
          galley_json_append_string (out, text + span->start, span->end - span->start);
        }
      for (guint k = 0; k < n_keys; k++)
        {
          const GalleyValue *value = galley_layer_get_feature_nth (layer, i, k);

          if (value == NULL || (k < G_N_ELEMENTS (reserved) ? reserved[k]
                                : is_reserved (galley_layer_get_feature_key (layer, k))))
            continue;
          append_key (out, galley_layer_get_feature_key (layer, k), FALSE);
          galley_json_append_value (out, value);
        }
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

void
jsonl_format_document (GString *out, GalleyDocument *doc,
                       const JsonlFormat *format)
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
            append_layer (out, layer, text, len, format->unit);
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
          append_layer (out, layer, text, len, format->unit);
        }
    }
  g_string_append (out, "}}\n");
}
