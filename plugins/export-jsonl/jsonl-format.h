/* jsonl-format.h: one document as one line of JSON, for export-jsonl. */
#pragma once

#include <galley/galley.h>

#include "jsonl-keys.h"

G_BEGIN_DECLS

/* where the escaped ,"type": member of one span type is in
 * JsonlFormat's @types (@len 0: not built yet) */
typedef struct {
  guint32 at;
  guint32 len;
} TypeJson;

typedef struct {
  /* layers to write, in this order (an absent one is written as []);
   * NULL: every layer of the document but "token", in document order */
  const char *const *layers;
  gboolean all_layers;      /* every layer, "token" too; overrides @layers */
  gboolean text;            /* write the document's text */
  GalleyOffsetUnit unit;    /* unit of span offsets */
  /* the escaped keys of metadata, features, layer names and each layer's
   * features (JsonlKeys, by the layer's place in the line): kept from
   * one document to the next (jsonl-keys.c) */
  JsonlKeys *meta_keys;
  JsonlKeys *feature_keys;
  JsonlKeys *layer_names;
  GPtrArray *layer_keys;
  /* the escaped ,"type": member of every span type met so far, and where
   * each is (TypeJson, indexed by the type's quark) */
  GString *types;
  GArray *type_at;
  /*< private >*/
  char **owned_layers;      /* what @layers points to, after jsonl_format_init */
} JsonlFormat;

/* in GalleyOffsetUnit's order */
extern const char *const jsonl_format_offset_choices[];

/* JSONL_FORMAT_PARAMS: the entries of a parameter table that choose what
 * a line holds (layers=, text=, offsets=), for every stage that writes
 * export-jsonl's lines (export-jsonl, export-redis-stream). */
#define JSONL_FORMAT_PARAMS \
  { "layers", GALLEY_PARAM_STRING_LIST, NULL, 0, 0, NULL, \
    "layers to write, in this order; all: every layer (default: every layer but token)", 0 }, \
  { "text", GALLEY_PARAM_BOOLEAN, "false", 0, 0, NULL, \
    "write each document's text", 0 }, \
  { "offsets", GALLEY_PARAM_CHOICE, "codepoint", 0, 0, jsonl_format_offset_choices, \
    "unit of span offsets: codepoint, byte or utf16 (JavaScript strings)", 0 }

/* jsonl_format_init: @format as the JSONL_FORMAT_PARAMS of @params say,
 * with its caches; free with jsonl_format_clear(). */
void jsonl_format_init (JsonlFormat *format, const GalleyParams *params);
void jsonl_format_clear (JsonlFormat *format);

/* jsonl_format_document: appends @doc to @out as one line of JSON ending in
 * a newline:
 *   {"id":..,["text":..,]"meta":{..},"features":{..},"layers":{NAME:[SPAN,..],..}}
 * where SPAN is {"start":S,"end":E} for "sentence", with "type":T for every
 * other layer, then "text" (the span's text) for every layer but "token"
 * and "sentence", then the span's features. */
void jsonl_format_document (GString *out, GalleyDocument *doc,
                            const JsonlFormat *format);

/* jsonl_format_document_to: @doc's line, as jsonl_format_document()
 * makes it, added to @pending (the caller's, kept from one document to
 * the next: the lines not written yet), which goes to @out whenever it
 * passes about 256 KiB, between documents or between the spans of one,
 * so that a huge document's line is never held whole. Call
 * jsonl_format_flush() before committing @out. Returns: FALSE with
 * @error set when a write failed (the lines may then be partly
 * written). */
gboolean jsonl_format_document_to (GalleyOutput *out, GString *pending,
                                   GalleyDocument *doc, const JsonlFormat *format,
                                   GError **error);

/* jsonl_format_flush: writes what @pending holds to @out and empties it.
 * Returns: FALSE with @error set when the write failed. */
gboolean jsonl_format_flush (GalleyOutput *out, GString *pending, GError **error);

G_END_DECLS
