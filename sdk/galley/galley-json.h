/**
 * SECTION:galley-json
 * @title: JSON and offsets
 * @short_description: writing JSON and converting offsets, for exporters
 *
 * Threads: no shared state; a #GalleyOffsetMap is used by one thread.
 */
#pragma once

#include <glib.h>
#include <galley/galley-value.h>

G_BEGIN_DECLS

/**
 * galley_json_append_string:
 * @out: the JSON being written
 * @s: valid UTF-8
 * @len: its length in bytes, -1: NUL-terminated
 *
 * Appends @s to @out as a quoted JSON string, escaping as RFC 8259 says.
 */
void galley_json_append_string (GString *out, const char *s, gssize len);

/**
 * galley_json_append_value:
 * @out: the JSON being written
 * @value: a value
 *
 * Appends @value as JSON (NONE is null; JSON values verbatim; non-finite
 * doubles are null).
 */
void galley_json_append_value (GString *out, const GalleyValue *value);

/**
 * GalleyOffsetUnit:
 * @GALLEY_OFFSETS_CODEPOINT: Unicode code points
 * @GALLEY_OFFSETS_BYTE: UTF-8 bytes
 * @GALLEY_OFFSETS_UTF16: UTF-16 code units
 *
 * The unit a #GalleyOffsetMap converts byte offsets to.
 */
typedef enum {
  GALLEY_OFFSETS_CODEPOINT,
  GALLEY_OFFSETS_BYTE,
  GALLEY_OFFSETS_UTF16,
} GalleyOffsetUnit;

/**
 * GalleyOffsetMap:
 *
 * Converts byte offsets of one text to another unit (UTF-16 counts
 * characters outside the BMP as 2). A conversion costs the distance from
 * the previous one, counted eight bytes at a time, forward or back, so
 * converting the starts and ends of sorted spans is one pass over the
 * text; any order works; offsets past the end count as the end. A plain
 * struct on the caller's stack: init it, convert, nothing to free. The
 * text must outlive the map. Every field is private.
 */
typedef struct {
  /*< private >*/
  const char *text;  /* NULL: the text is ASCII */
  gsize len;
  GalleyOffsetUnit unit;
  gsize byte_pos;  /* last converted byte offset */
  gsize unit_pos;  /* the same position in @unit */
} GalleyOffsetMap;

/**
 * galley_offset_map_init:
 * @map: (out caller-allocates): the map
 * @text: the text, which must outlive the map
 * @len: its length in bytes
 * @unit: the unit to convert to
 *
 * Readies @map for converting offsets of @text.
 */
void galley_offset_map_init (GalleyOffsetMap *map, const char *text, gsize len,
                             GalleyOffsetUnit unit);
/**
 * galley_offset_map_convert:
 * @map: a map
 * @byte_offset: a byte offset into the text
 *
 * Converts @byte_offset to the map's unit.
 *
 * Returns: the offset in the map's unit (the end for an offset past it).
 */
gsize galley_offset_map_convert (GalleyOffsetMap *map, gsize byte_offset);

G_END_DECLS
