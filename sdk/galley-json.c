/* galley-json.c: JSON writing and offset conversion for exporters. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <galley/galley-json.h>

/* Bytes that need escaping: control characters, '"' and '\\'. A table
 * keeps the common case (plain text) to one load and compare per byte. */
static const guint8 needs_escape[256] = {
  [0 ... 31] = 1, ['"'] = 1, ['\\'] = 1,
};

void
galley_json_append_string (GString *out, const char *s, gssize len)
{
  static const char hex[] = "0123456789abcdef";
  gsize n = len < 0 ? strlen (s) : (gsize) len;
  gsize run = 0;

  g_string_append_c (out, '"');
  for (gsize i = 0; i < n; i++)
    {
      guchar c = (guchar) s[i];
      if (G_LIKELY (!needs_escape[c]))
        continue;
      g_string_append_len (out, s + run, i - run);
      run = i + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          {
            char esc[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
            g_string_append_len (out, esc, 6);
          }
        }
    }
  g_string_append_len (out, s + run, n - run);
  g_string_append_c (out, '"');
}

void
galley_json_append_value (GString *out, const GalleyValue *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (value->type)
    {
    case GALLEY_VALUE_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, value->v.i);
      break;
    case GALLEY_VALUE_DOUBLE:
      if (isfinite (value->v.d))
        g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4f", value->v.d));
      else
        g_string_append (out, "null");
      break;
    case GALLEY_VALUE_BOOLEAN:
      g_string_append (out, value->v.b ? "true" : "false");
      break;
    case GALLEY_VALUE_STRING:
      galley_json_append_string (out, value->v.s, -1);
      break;
    case GALLEY_VALUE_JSON:
      g_string_append (out, value->v.s);
      break;
    case GALLEY_VALUE_NONE:
    default:
      g_string_append (out, "null");
      break;
    }
}

void
galley_offset_map_init (GalleyOffsetMap *map, const char *text, gsize len,
                        GalleyOffsetUnit unit)
{
  map->text = text;
  map->len = len;
  map->unit = unit;
  map->byte_pos = 0;
  map->unit_pos = 0;
}

/* units_of: how many units the character starting with lead byte @c takes. */
static inline gsize
units_of (guchar c, GalleyOffsetUnit unit)
{
  if ((c & 0xC0) == 0x80)
    return 0;  /* continuation byte */
  if (unit == GALLEY_OFFSETS_UTF16 && c >= 0xF0)
    return 2;  /* outside the BMP: a surrogate pair */
  return 1;
}

gsize
galley_offset_map_convert (GalleyOffsetMap *map, gsize byte_offset)
{
  if (map->unit == GALLEY_OFFSETS_BYTE)
    return byte_offset;
  if (byte_offset > map->len)
    byte_offset = map->len;
  if (byte_offset < map->byte_pos)
    {
      map->byte_pos = 0;
      map->unit_pos = 0;
    }
  for (gsize i = map->byte_pos; i < byte_offset; i++)
    map->unit_pos += units_of ((guchar) map->text[i], map->unit);
  map->byte_pos = byte_offset;
  return map->unit_pos;
}
