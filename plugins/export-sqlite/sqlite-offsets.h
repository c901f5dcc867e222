/* sqlite-offsets.h: byte offsets to code points or UTF-16 units, for spans.
 *
 * galley_offset_map_convert() walks the text a byte at a time and starts
 * again from the beginning when asked for an offset before the last one.
 * Exporters convert both ends of every span, sorted by start: with one
 * map per end that is two passes over the text per layer, and callgrind
 * put the conversion at 11% of `make bench` (1.19 G of 10.9 G
 * instructions). Here one map serves both ends: it moves forward only,
 * counting eight bytes at a time, and an offset behind it (a span that
 * starts inside the previous one) is counted back over the overlap.
 * Cost: one pass over the text per layer, plus the overlaps.
 * (The same file is in plugins/export-csv as csv-offsets.h.)
 */
#pragma once

#include <string.h>

#include <galley/galley-json.h>

/* units_in: the units of @n bytes of UTF-8 starting at a character. A
 * code point is a byte that is not a continuation byte (10xxxxxx); UTF-16
 * needs a second unit for a 4-byte sequence (lead byte 11110xxx). */
static inline gsize
units_in (const char *p, gsize n, GalleyOffsetUnit unit)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize cont = 0, wide = 0, i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;
      memcpy (&w, p + i, 8);
      if ((w & high) == 0)
        continue;  /* ASCII: eight units */
      /* bit 7 of each byte: set and bit 6 clear marks a continuation */
      cont += __builtin_popcountll (w & ~(w << 1) & high);
      if (unit == GALLEY_OFFSETS_UTF16)
        wide += __builtin_popcountll (w & (w << 1) & (w << 2) & (w << 3) & high);
    }
  for (; i < n; i++)
    {
      guchar c = (guchar) p[i];
      cont += (c & 0xC0) == 0x80;
      wide += unit == GALLEY_OFFSETS_UTF16 && c >= 0xF0;
    }
  return n - cont + wide;
}

/* offset_convert: @offset (a character boundary) in @map's unit. */
static inline gsize
offset_convert (GalleyOffsetMap *map, gsize offset)
{
  if (map->unit == GALLEY_OFFSETS_BYTE)
    return offset;
  if (offset > map->len)
    offset = map->len;
  if (offset >= map->byte_pos)
    {
      map->unit_pos += units_in (map->text + map->byte_pos, offset - map->byte_pos, map->unit);
      map->byte_pos = offset;
      return map->unit_pos;
    }
  return map->unit_pos - units_in (map->text + offset, map->byte_pos - offset, map->unit);
}
