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
 * GALLEY_JSON_STRING_MAX:
 * @len: a string's length in bytes
 *
 * The room galley_json_write_string() needs for a string of @len bytes:
 * every byte escaped as \u00XX, the quotes, and 16 bytes it may use
 * past what it writes.
 *
 * Since: 1.2
 */
#define GALLEY_JSON_STRING_MAX(len) (6 * (gsize) (len) + 2 + 16)

/**
 * galley_json_write_string:
 * @dest: room for GALLEY_JSON_STRING_MAX(@len) bytes
 * @s: valid UTF-8
 * @len: its length in bytes
 *
 * Writes @s at @dest (no NUL) as galley_json_append_string() would, for
 * a writer that has made room for a whole record with
 * galley_json_reserve(). Meant for short strings: the room is six times
 * the string.
 *
 * Returns: (transfer none): the byte after the closing quote.
 *
 * Since: 1.2
 */
char *galley_json_write_string (char *dest, const char *s, gsize len);

/**
 * galley_json_count_plain:
 * @s: bytes
 * @len: how many
 *
 * Counts the bytes at the start of @s that a JSON string holds as they
 * are: up to the first control character (below 0x20), '"' or '\\'.
 * Sixteen bytes a step where the CPU allows, for readers that scan
 * strings as well as for writers.
 *
 * Returns: the count (@len when no byte needs escaping).
 *
 * Since: 1.2
 */
gsize galley_json_count_plain (const char *s, gsize len);

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
 * galley_json_reserve:
 * @out: the JSON being written
 * @n: the most bytes about to be written
 *
 * Makes room for @n more bytes after @out's content, growing it at most
 * once, for a writer that puts several pieces in place through a plain
 * pointer (galley_json_write_uint(), galley_json_write_scalar()) and then
 * sets the length once with galley_json_set_end(), rather than checking
 * and copying piece by piece. Nothing else may change @out in between.
 *
 * Returns: (transfer none): where the bytes go (out->str + out->len).
 *
 * Since: 1.2
 */
static inline char *
galley_json_reserve (GString *out, gsize n)
{
  if (G_UNLIKELY (out->allocated_len - out->len <= n))
    {
      gsize len = out->len;

      /* GLib 2.74 has no g_string_reserve: grow, then keep the content */
      g_string_set_size (out, len + n);
      g_string_truncate (out, len);
    }
  return out->str + out->len;
}

/**
 * galley_json_set_end:
 * @out: the JSON being written
 * @end: the byte after the last one written since galley_json_reserve(),
 *   within the room it made
 *
 * Ends @out's content at @end (its length and terminating NUL).
 *
 * Since: 1.2
 */
static inline void
galley_json_set_end (GString *out, char *end)
{
  out->len = (gsize) (end - out->str);
  *end = '\0';
}

/**
 * GALLEY_JSON_UINT_MAX:
 *
 * The most bytes galley_json_write_uint() writes.
 *
 * Since: 1.2
 */
#define GALLEY_JSON_UINT_MAX 20

/**
 * galley_json_write_uint:
 * @dest: room for #GALLEY_JSON_UINT_MAX bytes
 * @v: a number
 *
 * Writes @v in decimal at @dest (no NUL). The bytes of @dest's room past
 * the digits may be overwritten.
 *
 * Returns: (transfer none): the byte after the last digit.
 *
 * Since: 1.2
 */
char *galley_json_write_uint (char *dest, guint64 v);

/**
 * GALLEY_JSON_SCALAR_MAX:
 *
 * The most bytes galley_json_write_scalar() writes.
 *
 * Since: 1.2
 */
#define GALLEY_JSON_SCALAR_MAX 40

/**
 * galley_json_write_scalar:
 * @dest: room for #GALLEY_JSON_SCALAR_MAX bytes
 * @value: a value
 *
 * Writes @value at @dest (no NUL) as galley_json_append_value() would,
 * when it is a scalar: an integer, a double, a boolean or none. The bytes
 * of @dest's room past the value may be overwritten.
 *
 * Returns: (transfer none) (nullable): the byte after the value; NULL,
 *   with nothing written, for a string or JSON value (use
 *   galley_json_append_value()).
 *
 * Since: 1.2
 */
char *galley_json_write_scalar (char *dest, const GalleyValue *value);

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

/**
 * galley_offset_map_is_identity:
 * @map: a map
 *
 * Whether every conversion of @map gives the byte offset back (past the
 * end: the text's length): the unit is bytes, or the text is ASCII. A
 * writer converting millions of offsets can then skip the calls.
 *
 * Returns: TRUE when conversion is the identity.
 *
 * Since: 1.2
 */
gboolean galley_offset_map_is_identity (const GalleyOffsetMap *map);

G_END_DECLS
