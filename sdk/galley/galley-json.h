/* galley-json.h: writing JSON and converting offsets, for exporters.
 *
 * Threads: no shared state; a GalleyOffsetMap is used by one thread. */
#pragma once

#include <glib.h>
#include <galley/galley-value.h>

G_BEGIN_DECLS

/* galley_json_append_string: appends @s (@len bytes, -1: NUL-terminated,
 * valid UTF-8) to @out as a quoted JSON string, escaping as RFC 8259 says. */
void galley_json_append_string (GString *out, const char *s, gssize len);

/* galley_json_append_value: appends @value as JSON (NONE is null; JSON
 * values verbatim; non-finite doubles are null). */
void galley_json_append_value (GString *out, const GalleyValue *value);

typedef enum {
  GALLEY_OFFSETS_CODEPOINT,
  GALLEY_OFFSETS_BYTE,
  GALLEY_OFFSETS_UTF16,
} GalleyOffsetUnit;

/* GalleyOffsetMap: converts byte offsets of one text to another unit
 * (UTF-16 counts characters outside the BMP as 2). A conversion costs
 * the distance from the previous one, counted eight bytes at a time,
 * forward or back, so converting the starts and ends of sorted spans is
 * one pass over the text; any order works; offsets past
 * the end count as the end. A plain struct on the caller's stack: init
 * it, convert, nothing to free. The text must outlive the map. */
typedef struct {
  const char *text;  /* private, like every field; NULL: the text is ASCII */
  gsize len;
  GalleyOffsetUnit unit;
  gsize byte_pos;  /* last converted byte offset */
  gsize unit_pos;  /* the same position in @unit */
} GalleyOffsetMap;

void galley_offset_map_init (GalleyOffsetMap *map, const char *text, gsize len,
                             GalleyOffsetUnit unit);
gsize galley_offset_map_convert (GalleyOffsetMap *map, gsize byte_offset);

G_END_DECLS
