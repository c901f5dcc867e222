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
  char *p = galley_json_reserve (out, n);

  memcpy (p, data, n);
  galley_json_set_end (out, p + n);
}

#define PUT_LITERAL(out, lit) put ((out), (lit), sizeof (lit) - 1)

/* WRITE_LITERAL: copies string literal @lit to @p and moves @p past it
 * (a constant-size copy: a few moves, no call). */
#define WRITE_LITERAL(p, lit) (memcpy ((p), (lit), sizeof (lit) - 1), (p) += sizeof (lit) - 1)

/* KEY_COPY: feature keys up to this long (with their quotes, comma and
 * colon: ,"sentiment": is 13) are copied as one constant-size block, the
 * room for it being made with them; a memcpy of a varying length is a
 * call into libc, 20M instructions for the 1,244,300 keys of the
 * default pipeline on 11.4 MB of news. */
#define KEY_COPY 16

static inline char *
write_key (char *p, const char *key, gsize len)
{
  if (G_LIKELY (len <= KEY_COPY))
    memcpy (p, key, KEY_COPY);
  else
    memcpy (p, key, len);
  return p + len;
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

/* type_json: the escaped ,"type":"T" of span type @type, built once per
 * type for the format's life (types are quarks: small integers, so the
 * cache is an array indexed by them). Built for each run of a type in
 * each layer, as before, it cost 46M instructions of the default
 * pipeline's export (callgrind, 10,569 real news articles, 11.4 MB;
 * 169,957 entity types built, a fresh one every other span). */
static const char *
type_json (const JsonlFormat *format, GQuark type, gsize *len)
{
  GArray *at = format->type_at;
  TypeJson *entry;

  if (type >= at->len)
    g_array_set_size (at, type + 1);  /* new entries are zeroed: not built */
  entry = &g_array_index (at, TypeJson, type);
  if (entry->len == 0)
    {
      entry->at = format->types->len;
      g_string_append (format->types, ",\"type\":");
      galley_json_append_string (format->types, g_quark_to_string (type), -1);
      entry->len = format->types->len - entry->at;
    }
  *len = entry->len;
  return format->types->str + entry->at;
}

/* SPAN_FIXED_MAX: the most a span takes but for its type, text and
 * features: ,{"start":S,"end":E,"text": and the closing } */
#define SPAN_FIXED_MAX (sizeof (",{\"start\":,\"end\":,\"text\":}") - 1 \
                        + 2 * GALLEY_JSON_UINT_MAX)

/* convert: @offset in the map's unit; in ASCII text or in bytes (@same)
 * without the call (the clamp to the text's end is the map's). */
static inline gsize
convert (GalleyOffsetMap *map, gboolean same, gsize len, gsize offset)
{
  if (same)
    return MIN (offset, len);
  return galley_offset_map_convert (map, offset);
}

/* append_layer: a layer's spans, as [SPAN,...].
 *
 * Each span is written through one galley_json_reserve() for the most it
 * can take but for its text and its string features (which the SDK
 * escapes): the offsets, the type (type_json()), and each key with its
 * value when the value is a scalar (galley_json_write_scalar()). Through
 * an append for each piece, export-jsonl took 642M instructions on 11.4
 * MB of news in the default pipeline (callgrind; 402,424 spans, 1,244,300
 * features); written so, 434M.
 *
 * @base is the offset map of the document's text, made once per document
 * (finding out whether the text is ASCII was a pass over it for every
 * layer: 17.7M instructions of those 642M); each layer converts from a
 * copy of it, so from the start.
 *
 * The escaped ,"KEY": of each feature column is built once per layer in
 * @scratch (the keys were a third of the strings this file wrote). */
static void
append_layer (GString *out, GalleyLayer *layer, const char *text, gsize len,
              const GalleyOffsetMap *base, const JsonlFormat *format, Flush *flush)
{
  const char *name = galley_layer_get_name (layer);
  gboolean with_type = strcmp (name, GALLEY_LAYER_SENTENCE) != 0;
  gboolean with_text = with_type && strcmp (name, GALLEY_LAYER_TOKEN) != 0;
  guint n_keys = galley_layer_get_n_feature_keys (layer);
  GString *scratch = format->scratch;
  /* where each key's JSON starts in @scratch and its length; 0 for the
   * keys that are not written */
  gsize *key_at = g_newa (gsize, n_keys + 1);
  gsize *key_len = g_newa (gsize, n_keys + 1);
  GalleyOffsetMap offsets = *base;
  gboolean same = galley_offset_map_is_identity (base);
  gsize features_max = 0;  /* the most the keys and scalar values take */
  const GalleySpan *spans;
  guint n;

  g_string_truncate (scratch, 0);
  for (guint k = 0; k < n_keys; k++)
    {
      const char *key = galley_layer_get_feature_key (layer, k);

      key_at[k] = scratch->len;
      if (!is_reserved (key))
        append_key (scratch, key, FALSE);
      key_len[k] = scratch->len - key_at[k];
      if (key_len[k] != 0)
        features_max += MAX (key_len[k], KEY_COPY) + GALLEY_JSON_SCALAR_MAX;
    }
  /* write_key() reads KEY_COPY bytes from the last key too */
  galley_json_reserve (scratch, KEY_COPY);
  spans = galley_layer_get_spans (layer, &n);
  PUT_LITERAL (out, "[");
  for (guint i = 0; i < n; i++)
    {
      const GalleySpan *span = &spans[i];
      const char *type = "";
      gsize type_len = 0;
      char *p;

      if (with_type)
        type = type_json (format, span->type, &type_len);
      p = galley_json_reserve (out, SPAN_FIXED_MAX + type_len + features_max);
      *p = ',';
      p += i != 0;
      WRITE_LITERAL (p, "{\"start\":");
      p = galley_json_write_uint (p, convert (&offsets, same, len, span->start));
      WRITE_LITERAL (p, ",\"end\":");
      p = galley_json_write_uint (p, convert (&offsets, same, len, span->end));
      memcpy (p, type, type_len);
      p += type_len;
      if (with_text)
        {
          WRITE_LITERAL (p, ",\"text\":");
          galley_json_set_end (out, p);
          galley_json_append_string (out, text + span->start, span->end - span->start);
          p = galley_json_reserve (out, features_max + 1);
        }
      for (guint k = 0; k < n_keys; k++)
        {
          const GalleyValue *value;
          char *end;

          if (key_len[k] == 0
              || (value = galley_layer_get_feature_nth (layer, i, k)) == NULL)
            continue;
          p = write_key (p, scratch->str + key_at[k], key_len[k]);
          end = galley_json_write_scalar (p, value);
          if (end != NULL)
            p = end;
          else
            {
              /* a string or JSON value: escaped by the SDK */
              galley_json_set_end (out, p);
              galley_json_append_value (out, value);
              p = galley_json_reserve (out, features_max + 1);
            }
        }
      *p++ = '}';
      galley_json_set_end (out, p);
      maybe_flush (out, flush);
    }
  PUT_LITERAL (out, "]");
}

static void
format_document (GString *out, GalleyDocument *doc, const JsonlFormat *format,
                 Flush *flush)
{
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  gboolean first = TRUE;
  GalleyOffsetMap offsets;

  galley_offset_map_init (&offsets, text, len, format->unit);

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
            append_layer (out, layer, text, len, &offsets, format, flush);
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
          append_layer (out, layer, text, len, &offsets, format, flush);
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
  format->types = g_string_sized_new (256);
  format->type_at = g_array_new (FALSE, TRUE, sizeof (TypeJson));
}

void
jsonl_format_clear (JsonlFormat *format)
{
  g_strfreev (format->owned_layers);
  if (format->scratch)
    g_string_free (format->scratch, TRUE);
  if (format->types)
    g_string_free (format->types, TRUE);
  if (format->type_at)
    g_array_unref (format->type_at);
  memset (format, 0, sizeof *format);
}
