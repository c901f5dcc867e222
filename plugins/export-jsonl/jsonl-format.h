/* jsonl-format.h: one document as one line of JSON, for export-jsonl. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

typedef struct {
  /* layers to write, in this order (an absent one is written as []);
   * NULL: every layer of the document but "token", in document order */
  const char *const *layers;
  gboolean all_layers;      /* every layer, "token" too; overrides @layers */
  gboolean text;            /* write the document's text */
  GalleyOffsetUnit unit;    /* unit of span offsets */
  /* the escaped feature keys and span type of the layer being written:
   * owned by the caller and reused for every layer, so that writing a
   * document allocates nothing once it has grown */
  GString *scratch;
} JsonlFormat;

/* jsonl_format_document: appends @doc to @out as one line of JSON ending in
 * a newline:
 *   {"id":..,["text":..,]"meta":{..},"features":{..},"layers":{NAME:[SPAN,..],..}}
 * where SPAN is {"start":S,"end":E} for "sentence", with "type":T for every
 * other layer, then "text" (the span's text) for every layer but "token"
 * and "sentence", then the span's features. */
void jsonl_format_document (GString *out, GalleyDocument *doc,
                            const JsonlFormat *format);

G_END_DECLS
