/* jsonl-format.c: the export-jsonl line format.
 *
 * Hot path: the sink runs on one thread for the whole pipeline, so this
 * file is written for speed. The lines are built in a GString the caller
 * reuses and handed to the output some 256 KiB at a time, so a document
 * costs no allocation here once the string has grown.
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
 *
 * Issue 16 (real news, where documents are short and spans few): the
 * default pipeline's export took 642M instructions on 11.4 MB of news
 * (callgrind) and 10,100 a ten-byte document. Now each span is written
 * through one galley_json_reserve() of the most it takes, values in
 * place (galley_json_write_scalar(), galley_json_write_string()), span
 * types escaped once per run (type_json()) and keys once per place in the
 * line (jsonl-keys.c): 332M and 4,600. Then offsets, scores, counts and
 * short strings written inline (jsonl-write.h) and each layer's columns
 * settled once (append_layer()'s plan): 272M. Then the lines handed to
 * the output 256 KiB at a time, which it writes without copying them
 * (jsonl_format_document_to()): 248M. What is left is mostly the
 * writing itself, the sentence texts of the sentiment layer (long, often
 * with quotes: the SDK's escaper, 19M) and the SDK's per-value lookups
 * (galley_layer_get_feature_nth, 26M). Now each column's values are
 * read as one array (galley_layer_get_feature_column(), ABI 1.3), got
 * once per layer in its plan: the stage 239.5M -> 217.5M, mispredicted
 * branches 2.61M -> 2.47M (callgrind --branch-sim, default pipeline, one
 * job, 10,569 news articles); perf (cpu-clock) puts append_layer and the
 * lookups at 5.97-6.20% of that run's samples before, 4.93-5.34% after
 * (three alternating runs each).
 */
#include "config.h"

#include <string.h>

#include "jsonl-format.h"
#include "jsonl-write.h"

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

/* write_piece: @len bytes of a key's or a span type's JSON, which has
 * JSONL_KEY_COPY bytes of room after it: up to that long, copied as one
 * block of that size (a memcpy of a varying length is a call into libc,
 * once for each of the 402,424 span types and 1,244,300 keys of the
 * default pipeline on 11.4 MB of news). */
static inline char *
write_piece (char *p, const char *json, gsize len)
{
  if (G_LIKELY (len <= JSONL_KEY_COPY))
    memcpy (p, json, JSONL_KEY_COPY);
  else
    memcpy (p, json, len);
  return p + len;
}

/* VALUE_HERE_MAX: the longest string value written in the room made
 * for its record; VALUE_MAX: the most a value written there takes (a
 * scalar, or such a string with every byte escaped) */
#define VALUE_HERE_MAX JSONL_SHORT_STRING
#define VALUE_MAX MAX (GALLEY_JSON_SCALAR_MAX, GALLEY_JSON_STRING_MAX (VALUE_HERE_MAX))

/* KEY_VALUE_MAX: the most a key of @len bytes and a value written in the
 * record's room take */
#define KEY_VALUE_MAX(len) (MAX ((len), JSONL_KEY_COPY) + VALUE_MAX)

/* TEXT_HERE_MAX: the longest span text written in the span's own room
 * (which is six times the text: every byte might become \u00XX) */
#define TEXT_HERE_MAX 1024

/* write_feature: @value (a span's feature, or a document's metadata or
 * feature) at @p, in the room made for its record (@room_after: what the
 * record's later values may still take). Scores, counts and short strings are written inline
 * (jsonl-write.h); other scalars by the SDK; a string too long for the
 * room, or a JSON value, is appended by the SDK, then room is made again.
 * Inlined into both callers: as a call, 59 instructions a span feature
 * (callgrind), where inlined the whole span takes fewer.
 * Returns: where the record goes on (in @out's room). */
G_ALWAYS_INLINE static inline char *
write_feature (GString *out, char *p, const GalleyValue *value, gsize room_after)
{
  char *end;
  gsize len;

  switch (value->type)
    {
    case GALLEY_VALUE_DOUBLE:
      if ((end = jsonl_write_score (p, value->v.d)) != NULL)
        return end;
      break;
    case GALLEY_VALUE_INT:
      if (value->v.i >= 0)
        return jsonl_write_uint (p, (guint64) value->v.i);
      break;
    case GALLEY_VALUE_STRING:
      len = strlen (value->v.s);
      /* a norm of up to 32 bytes (nearly all) in the room the record
       * has for it, with no second reserve: callgrind, default
       * pipeline, one job, 10,569 real news articles (222,136 norms),
       * see docs/plugins/export-jsonl.md */
      if (G_LIKELY (len <= VALUE_HERE_MAX))
        return jsonl_write_string (p, value->v.s, len);
      if (len > TEXT_HERE_MAX)
        break;
      /* a short string (an entity's norm), escaped in room made for it
       * and the rest of the span: through galley_json_append_value, 193
       * instructions a norm (callgrind, 219,726 of them in 11.4 MB of
       * news) */
      galley_json_set_end (out, p);
      p = galley_json_reserve (out, GALLEY_JSON_STRING_MAX (len) + room_after + 1);
      return jsonl_write_string (p, value->v.s, len);
    default:
      break;
    }
  if ((end = galley_json_write_scalar (p, value)) != NULL)
    return end;
  /* a long string or a JSON value: appended by the SDK */
  galley_json_set_end (out, p);
  galley_json_append_value (out, value);
  return galley_json_reserve (out, room_after + 1);
}

/* append_key_value: @k's JSON (without its comma when @first) and
 * @value (write_feature()). */
static inline void
append_key_value (GString *out, const JsonlKey *k, gboolean first,
                  const GalleyValue *value)
{
  gsize len = k->len - (first ? 1 : 0);
  char *p = galley_json_reserve (out, KEY_VALUE_MAX (len));

  p = write_piece (p, k->json + (first ? 1 : 0), len);
  galley_json_set_end (out, write_feature (out, p, value, 0));
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
append_entries (GString *out, const GalleyDocument *doc, guint n, NthFunc nth,
                JsonlKeys *keys)
{
  PUT_LITERAL (out, "{");
  for (guint i = 0; i < n; i++)
    {
      const GalleyValue *value = NULL;
      const char *key = nth (doc, i, &value);

      append_key_value (out, jsonl_keys_get (keys, i, key), i == 0, value);
    }
  PUT_LITERAL (out, "}");
}

/* Span members written by the format itself; a span feature of the same
 * name is left out so the object keeps unique keys. */
static gboolean
is_reserved (const char *key)
{
  return strcmp (key, "start") == 0 || strcmp (key, "end") == 0
         || strcmp (key, "type") == 0 || strcmp (key, "text") == 0;
}

/* is_layer: whether layer name @name is @layer; the first bytes
 * compared inline (entity, sentiment and sentence are never "token"
 * without a call). Callgrind, the default pipeline on 100,000 documents
 * of 10 bytes: the run 1,652M -> 1,637M, 148 instructions a document
 * (three strcmp calls a document instead of nine). */
static inline gboolean
is_layer (const char *name, const char *layer)
{
  return name[0] == layer[0] && strcmp (name, layer) == 0;
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
      /* write_piece() reads JSONL_KEY_COPY bytes from the last one too */
      galley_json_reserve (format->types, JSONL_KEY_COPY);
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

/* DocText: the document's text and, once a layer needs it, its offset
 * map. */
typedef struct {
  const char *text;
  gsize len;
  GalleyOffsetUnit unit;
  gboolean ready;
  GalleyOffsetMap offsets;
} DocText;

static const GalleyOffsetMap *
doc_offsets (DocText *doc_text)
{
  if (!doc_text->ready)
    {
      galley_offset_map_init (&doc_text->offsets, doc_text->text, doc_text->len,
                              doc_text->unit);
      doc_text->ready = TRUE;
    }
  return &doc_text->offsets;
}

/* layer_keys: the key cache of the @i-th layer written in a line. */
static JsonlKeys *
layer_keys (const JsonlFormat *format, guint i)
{
  GPtrArray *all = format->layer_keys;

  if (i >= all->len)
    g_ptr_array_set_size (all, i + 1);
  if (g_ptr_array_index (all, i) == NULL)
    g_ptr_array_index (all, i) = jsonl_keys_new (is_reserved);
  return g_ptr_array_index (all, i);
}

/* append_layer_name: the @i-th layer's "NAME": (with its comma after the
 * first) */
static void
append_layer_name (GString *out, const JsonlFormat *format, guint i, const char *name)
{
  const JsonlKey *k = jsonl_keys_get (format->layer_names, i, name);

  put (out, k->json + (i == 0 ? 1 : 0), k->len - (i == 0 ? 1 : 0));
}

/* Column: one feature column of a layer that is written (a key named
 * like a span member is not): its values, one a span for the first
 * @n_values spans (galley_layer_get_feature_column()), and its escaped
 * ,"KEY": (copied from its JsonlKey: one load fewer a feature; with the
 * walk by pointer, export-jsonl 200.3M -> 199.6M instructions, default
 * pipeline on 10,569 real news articles, callgrind). Tried and dropped:
 * the spans before the shortest column's end written by a second column
 * loop without the test of the column's length (append_layer() then
 * held two inlined copies of write_feature()): 196.8M -> 200.2M. */
typedef struct {
  const GalleyValue *values;
  guint n_values;
  const char *key_json;
  gsize key_len;
} Column;

/* BARE_RUN: how many bare spans (append_bare_spans()) get one reserve */
#define BARE_RUN 64

/* append_bare_spans: the spans of a layer written with their offsets
 * and no type, text or feature (the sentence layer, the one most
 * pipelines write), as ,{"start":S,"end":E}. Room is made once for
 * BARE_RUN spans and the line's length set once for them, where
 * append_layer()'s loop makes room, tests the type, the text and the
 * columns, and may flush for every span. Callgrind, one job, 10,569
 * real news articles (91,349 sentences): the sentence layer's
 * append_layer() 16.27M -> 11.80M instructions (3.23M of them the
 * offset map's ASCII check), read-jsonl ! tokenizer ! export-jsonl
 * 306.6M -> 302.1M, the default pipeline 1,506.7M -> 1,502.4M. A huge
 * document's line still goes out every FLUSH_AT bytes, give or take one
 * run's few kilobytes. */
static void
append_bare_spans (GString *out, const GalleySpan *spans, guint n,
                   GalleyOffsetMap *offsets, gboolean same, gsize len, Flush *flush)
{
  for (guint i = 0; i < n;)
    {
      guint stop = MIN (n, i + BARE_RUN);
      char *p = galley_json_reserve (out, (stop - i) * SPAN_FIXED_MAX);

      for (; i < stop; i++)
        {
          *p = ',';
          p += i != 0;
          WRITE_LITERAL (p, "{\"start\":");
          p = jsonl_write_uint (p, convert (offsets, same, len, spans[i].start));
          WRITE_LITERAL (p, ",\"end\":");
          p = jsonl_write_uint (p, convert (offsets, same, len, spans[i].end));
          *p++ = '}';
        }
      galley_json_set_end (out, p);
      maybe_flush (out, flush);
    }
}

/* append_layer: a layer's spans, as [SPAN,...].
 *
 * Each span is written through one galley_json_reserve() for the most it
 * can take but for its long texts and string features: the offsets, the
 * type (type_json()), and each key with its value (write_feature()).
 * Through an append for each piece, export-jsonl took 642M instructions
 * on 11.4 MB of news in the default pipeline (callgrind; 402,424 spans,
 * 1,244,300 features); written so, 434M.
 *
 * What can be settled once per layer is (the layer's plan): which feature
 * columns are written and their escaped ,"KEY": (@keys, the cache of the
 * layer's position in the line, jsonl-keys.c), the most they take, and
 * whether offsets need converting. The type's JSON is looked up again
 * only when it differs from the previous span's.
 *
 * The offset map of the document's text is made once per document, at
 * its first layer (doc_offsets(); finding out whether the text is ASCII
 * was a pass over it for every layer: 17.7M instructions of those 642M,
 * and 5.9M of read-jsonl ! export-jsonl's, which writes no layer); each
 * layer converts from a copy of it, so from the start.
 *
 * Tried and dropped: the line's length set once a layer rather than once
 * a span (a pointer to the end of the room kept in the loop, refreshed
 * after every span because a long text or feature may move the string):
 * export-jsonl 194.3M -> 193.1M in the default pipeline (callgrind, news
 * file), not worth a pointer that a slow path can leave stale. */
static void
append_layer (GString *out, GalleyLayer *layer, DocText *doc_text,
              const JsonlFormat *format, JsonlKeys *keys, Flush *flush)
{
  const char *text = doc_text->text;
  gsize len = doc_text->len;
  const char *name = galley_layer_get_name (layer);
  gboolean with_type = !is_layer (name, GALLEY_LAYER_SENTENCE);
  gboolean with_text = with_type && !is_layer (name, GALLEY_LAYER_TOKEN);
  guint n_keys = galley_layer_get_n_feature_keys (layer);
  Column *column = g_newa (Column, n_keys + 1);
  guint n_columns = 0;
  GalleyOffsetMap offsets = *doc_offsets (doc_text);
  gboolean same = galley_offset_map_is_identity (&offsets);
  gsize features_max = 0;  /* the most the keys and scalar values take */
  GQuark last_type = 0;
  const char *type = "";
  gsize type_len = 0;
  const GalleySpan *spans;
  guint n;

  for (guint k = 0; k < n_keys; k++)
    {
      const JsonlKey *key = jsonl_keys_get (keys, k, galley_layer_get_feature_key (layer, k));

      if (key->len == 0)
        continue;
      column[n_columns].values = galley_layer_get_feature_column (layer, k, &column[n_columns].n_values);
      column[n_columns].key_json = key->json;
      column[n_columns++].key_len = key->len;
      features_max += KEY_VALUE_MAX (key->len);
    }
  spans = galley_layer_get_spans (layer, &n);
  PUT_LITERAL (out, "[");
  if (!with_type && n_columns == 0)
    {
      append_bare_spans (out, spans, n, &offsets, same, len, flush);
      PUT_LITERAL (out, "]");
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const GalleySpan *span = &spans[i];
      char *p;

      gsize text_len = span->end - span->start;
      /* a span's text is written in the span's room when short (nearly
       * all are: entity mentions), else appended on its own */
      gboolean text_here = with_text && text_len <= TEXT_HERE_MAX;

      if (with_type && (span->type != last_type || type_len == 0))
        {
          type = type_json (format, span->type, &type_len);
          last_type = span->type;
        }
      p = galley_json_reserve (out, SPAN_FIXED_MAX + MAX (type_len, JSONL_KEY_COPY) + features_max
                                    + (text_here ? GALLEY_JSON_STRING_MAX (text_len) : 0));
      *p = ',';
      p += i != 0;
      WRITE_LITERAL (p, "{\"start\":");
      p = jsonl_write_uint (p, convert (&offsets, same, len, span->start));
      WRITE_LITERAL (p, ",\"end\":");
      p = jsonl_write_uint (p, convert (&offsets, same, len, span->end));
      if (with_type)
        p = write_piece (p, type, type_len);
      if (text_here)
        {
          WRITE_LITERAL (p, ",\"text\":");
          p = jsonl_write_string (p, text + span->start, text_len);
        }
      else if (with_text)
        {
          WRITE_LITERAL (p, ",\"text\":");
          galley_json_set_end (out, p);
          galley_json_append_string (out, text + span->start, text_len);
          p = galley_json_reserve (out, features_max + 1);
        }
      for (const Column *c = column; c < column + n_columns; c++)
        {
          const GalleyValue *value;

          /* spans past the column's end have no value, as NONE has none */
          if (i >= c->n_values || c->values[i].type == GALLEY_VALUE_NONE)
            continue;
          value = &c->values[i];
          p = write_piece (p, c->key_json, c->key_len);
          p = write_feature (out, p, value, features_max);
        }
      *p++ = '}';
      galley_json_set_end (out, p);
      maybe_flush (out, flush);
    }
  PUT_LITERAL (out, "]");
}

/* append_id: {"id":ID, the id written in room made for it when it is
 * no longer than a span's text written so (TEXT_HERE_MAX), rather than
 * appended by the SDK: callgrind, default pipeline, one job, 10,569
 * real news articles, the stage 192.5 M -> 191.4 M instructions (100 a
 * document). */
static inline void
append_id (GString *out, const char *id)
{
  gsize len = strlen (id);
  char *p;

  if (len > TEXT_HERE_MAX)
    {
      PUT_LITERAL (out, "{\"id\":");
      galley_json_append_string (out, id, len);
      return;
    }
  p = galley_json_reserve (out, sizeof "{\"id\":" - 1 + GALLEY_JSON_STRING_MAX (len));
  WRITE_LITERAL (p, "{\"id\":");
  galley_json_set_end (out, jsonl_write_string (p, id, len));
}

static void
format_document (GString *out, GalleyDocument *doc, const JsonlFormat *format,
                 Flush *flush)
{
  DocText doc_text = { NULL, 0, format->unit, FALSE, { 0 } };
  guint written = 0;  /* layers */

  doc_text.text = galley_document_get_text (doc, &doc_text.len);
  append_id (out, galley_document_get_id (doc));
  if (format->text)
    {
      PUT_LITERAL (out, ",\"text\":");
      galley_json_append_string (out, doc_text.text, doc_text.len);
      maybe_flush (out, flush);
    }
  PUT_LITERAL (out, ",\"meta\":");
  append_entries (out, doc, galley_document_get_n_meta (doc),
                  galley_document_get_meta_nth, format->meta_keys);
  PUT_LITERAL (out, ",\"features\":");
  append_entries (out, doc, galley_document_get_n_features (doc),
                  galley_document_get_feature_nth, format->feature_keys);
  PUT_LITERAL (out, ",\"layers\":{");
  if (format->layers != NULL && !format->all_layers)
    {
      for (const char *const *name = format->layers; *name; name++, written++)
        {
          GalleyLayer *layer = galley_document_get_layer (doc, *name);

          append_layer_name (out, format, written, *name);
          if (layer != NULL)
            append_layer (out, layer, &doc_text, format, layer_keys (format, written), flush);
          else
            PUT_LITERAL (out, "[]");
        }
    }
  else
    {
      guint n = galley_document_get_n_layers (doc);

      for (guint i = 0; i < n; i++)
        {
          GalleyLayer *layer = galley_document_get_layer_nth (doc, i);
          const char *name = galley_layer_get_name (layer);

          if (!format->all_layers && is_layer (name, GALLEY_LAYER_TOKEN))
            continue;
          append_layer_name (out, format, written, name);
          append_layer (out, layer, &doc_text, format, layer_keys (format, written), flush);
          written++;
        }
    }
  PUT_LITERAL (out, "}}\n");
}

void
jsonl_format_document (GString *out, GalleyDocument *doc,
                       const JsonlFormat *format)
{
  format_document (out, doc, format, NULL);
}

/* Lines are handed to the output 256 KiB at a time, not one by one:
 * GalleyOutput writes a piece that large without copying it into its
 * own buffer, where a line a document was copied there first (23M
 * instructions of the default pipeline on 11.4 MB of news, callgrind).
 * The lines wait here instead of there, so what a failed or killed run
 * leaves is as before. */
gboolean
jsonl_format_document_to (GalleyOutput *out, GString *pending, GalleyDocument *doc,
                          const JsonlFormat *format, GError **error)
{
  Flush flush = { out, NULL };

  format_document (pending, doc, format, &flush);
  maybe_flush (pending, &flush);
  if (flush.error != NULL)
    {
      g_propagate_error (error, flush.error);
      return FALSE;
    }
  return TRUE;
}

gboolean
jsonl_format_flush (GalleyOutput *out, GString *pending, GError **error)
{
  gboolean ok = galley_output_write (out, pending->str, pending->len, error);

  g_string_truncate (pending, 0);
  return ok;
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
  format->meta_keys = jsonl_keys_new (NULL);
  format->feature_keys = jsonl_keys_new (NULL);
  format->layer_names = jsonl_keys_new (NULL);
  format->layer_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) jsonl_keys_free);
  format->types = g_string_sized_new (256);
  format->type_at = g_array_new (FALSE, TRUE, sizeof (TypeJson));
}

void
jsonl_format_clear (JsonlFormat *format)
{
  g_strfreev (format->owned_layers);
  jsonl_keys_free (format->meta_keys);
  jsonl_keys_free (format->feature_keys);
  jsonl_keys_free (format->layer_names);
  if (format->layer_keys)
    g_ptr_array_unref (format->layer_keys);
  if (format->types)
    g_string_free (format->types, TRUE);
  if (format->type_at)
    g_array_unref (format->type_at);
  memset (format, 0, sizeof *format);
}
