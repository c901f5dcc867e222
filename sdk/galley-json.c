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

/* put: appends @n bytes in place when they fit. In GLib 2.74
 * g_string_append_len is an out-of-line call to g_string_insert_len, about
 * 50 instructions; exporters append several short pieces per span, and
 * this writer was a third of export-jsonl's instructions (callgrind). */
static inline void
put (GString *out, const char *p, gsize n)
{
  if (G_LIKELY (out->allocated_len - out->len > n))
    {
      memcpy (out->str + out->len, p, n);
      out->len += n;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, p, n);
}

#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)
#define ONES G_GUINT64_CONSTANT (0x0101010101010101)

/* may_need_escape: whether any of the eight bytes of @w is below 0x20,
 * '"' or '\\'. Exact as a yes/no (bytes of 0x80 and above never match);
 * only which byte it is would be unreliable, and the caller rescans. */
static inline gboolean
may_need_escape (guint64 w)
{
  guint64 quote = w ^ (ONES * '"');
  guint64 backslash = w ^ (ONES * '\\');
  guint64 below_space = (w - ONES * 0x20) & ~w;

  return ((below_space | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash))
          & HIGHS) != 0;
}

/* galley_json_append_string: the default pipeline writes 4.5 bytes of JSON
 * for each byte it reads (ids, titles, entity texts and norms), so this is
 * the writer's inner loop. Clean text is skipped eight bytes a step;
 * a block with a byte to escape is walked a byte at a time. Callgrind,
 * 2,000 real news articles (3.3 MB) through the default pipeline: 53.3M
 * -> 41.5M instructions in this function (one byte a step before), 1,329M
 * -> 1,317M for the whole run. Most strings are short entity texts, so the
 * per-call cost (strlen, the quotes) is what remains. */
void
galley_json_append_string (GString *out, const char *s, gssize len)
{
  static const char hex[] = "0123456789abcdef";
  gsize n = len < 0 ? strlen (s) : (gsize) len;
  gsize run = 0;

  put (out, "\"", 1);
  for (gsize i = 0; i < n; i++)
    {
      guchar c;

      if (i + 8 <= n)
        {
          guint64 w;

          memcpy (&w, s + i, 8);
          if (!may_need_escape (w))
            {
              i += 7;
              continue;
            }
        }
      c = (guchar) s[i];
      if (G_LIKELY (!needs_escape[c]))
        continue;
      put (out, s + run, i - run);
      run = i + 1;
      switch (c)
        {
        case '"': put (out, "\\\"", 2); break;
        case '\\': put (out, "\\\\", 2); break;
        case '\n': put (out, "\\n", 2); break;
        case '\r': put (out, "\\r", 2); break;
        case '\t': put (out, "\\t", 2); break;
        case '\b': put (out, "\\b", 2); break;
        case '\f': put (out, "\\f", 2); break;
        default:
          {
            char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            put (out, esc, 6);
          }
          break;
        }
    }
  put (out, s + run, n - run);
  put (out, "\"", 1);
}

/* append_int64: decimal digits without printf. */
static void
append_int64 (GString *out, gint64 v)
{
  char buf[24], *p = buf + sizeof buf;
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;

  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (v < 0)
    *--p = '-';
  put (out, p, buf + sizeof buf - p);
}

/* append_fixed4: @v as "%.4f" would print it, without printf. Exporters
 * write four doubles per sentence and two per entity; through
 * g_ascii_formatd each cost about 1,050 instructions, 10% of the default
 * pipeline's (callgrind, 1,000 articles). Rounding is of v * 10000 to the
 * nearest integer, which can differ from printf's exact decimal rounding
 * only for values within one ulp of a half; both are correct to 4 places.
 * Values too large for the integer path are written as "%.17g". */
static void
append_fixed4 (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double scaled = v * 10000.0;
  gint64 n;
  guint64 u;
  char frac[5];  /* ".dddd" */

  if (!(scaled > -9e17 && scaled < 9e17))
    {
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
      return;
    }
  n = (gint64) (scaled < 0 ? scaled - 0.5 : scaled + 0.5);
  u = n < 0 ? -(guint64) n : (guint64) n;
  if (n < 0)
    put (out, "-", 1);
  append_int64 (out, (gint64) (u / 10000));
  frac[0] = '.';
  for (int i = 4; i >= 1; i--, u /= 10)
    frac[i] = (char) ('0' + u % 10);
  put (out, frac, 5);
}

/* append_json_on_one_line: @json (one JSON value) as it is, except that a
 * line break, which valid JSON can hold only as white space between
 * tokens (strings escape theirs), becomes a space: a pretty-printed value
 * from a plugin must not split a JSON Lines record in two. Found by the
 * export-jsonl fuzz target. */
static void
append_json_on_one_line (GString *out, const char *json)
{
  gsize start = out->len;

  g_string_append (out, json);
  if (strpbrk (json, "\r\n") == NULL)
    return;
  for (gsize i = start; i < out->len; i++)
    if (out->str[i] == '\n' || out->str[i] == '\r')
      out->str[i] = ' ';
}

void
galley_json_append_value (GString *out, const GalleyValue *value)
{
  switch (value->type)
    {
    case GALLEY_VALUE_INT:
      append_int64 (out, value->v.i);
      break;
    case GALLEY_VALUE_DOUBLE:
      if (isfinite (value->v.d))
        append_fixed4 (out, value->v.d);
      else
        put (out, "null", 4);
      break;
    case GALLEY_VALUE_BOOLEAN:
      if (value->v.b)
        put (out, "true", 4);
      else
        put (out, "false", 5);
      break;
    case GALLEY_VALUE_STRING:
      galley_json_append_string (out, value->v.s, -1);
      break;
    case GALLEY_VALUE_JSON:
      append_json_on_one_line (out, value->v.s);
      break;
    case GALLEY_VALUE_NONE:
    default:
      put (out, "null", 4);
      break;
    }
}

/* is_ascii: whether @n bytes at @p are all below 0x80. */
static gboolean
is_ascii (const guchar *p, gsize n)
{
  guint64 any = 0;
  gsize i = 0;

  for (; i + 32 <= n; i += 32)
    {
      guint64 w[4];

      memcpy (w, p + i, 32);
      if (((w[0] | w[1] | w[2] | w[3]) & HIGHS) != 0)
        return FALSE;
    }
  for (; i < n; i++)
    any |= p[i];
  return (any & 0x80) == 0;
}

/* In ASCII text every unit is a byte, and 97% of a sample of 10,569 real
 * news articles are ASCII (their quotes straight, their pounds and
 * accents escaped away by the source). The map then keeps no text (NULL)
 * and a conversion is a clamp: callgrind, 2,000 of those articles (3.3 MB)
 * through the default pipeline, 219,134 conversions: 28.5M -> 13.8M
 * instructions in the map (9.3M converting, 4.5M checking), the run
 * 1,112M -> 1,097M. */
void
galley_offset_map_init (GalleyOffsetMap *map, const char *text, gsize len,
                        GalleyOffsetUnit unit)
{
  map->text = text;
  map->len = len;
  map->unit = unit;
  map->byte_pos = 0;
  map->unit_pos = 0;
  if (unit != GALLEY_OFFSETS_BYTE && is_ascii ((const guchar *) text, len))
    map->text = NULL;
}

/* Offset conversion counts units a word at a time: exporters convert both
 * ends of every span, so a byte-at-a-time walk that restarted from 0 on
 * every backward step cost 11% of `make bench` (callgrind). The map now
 * moves from its last position, forward or back, eight bytes a step:
 * one pass over the text per layer, plus the overlap of nested spans. */

static inline guint
popcount64 (guint64 x)
{
#if defined(__GNUC__)
  return (guint) __builtin_popcountll (x);
#else
  guint n = 0;
  for (; x; x &= x - 1)
    n++;
  return n;
#endif
}

/* count_units: the code points (or UTF-16 units) that start in @p[0, n). */
static gsize
count_units (const guchar *p, gsize n, GalleyOffsetUnit unit)
{
  gsize units = 0, i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;

      memcpy (&w, p + i, 8);
      if ((w & HIGHS) == 0)
        {
          units += 8;
          continue;
        }
      /* bytes 10xxxxxx start no character (each shift stays in its byte) */
      units += 8 - popcount64 (w & ~(w << 1) & HIGHS);
      /* bytes 11110xxx start a character outside the BMP: two UTF-16 units */
      if (unit == GALLEY_OFFSETS_UTF16)
        units += popcount64 (w & (w << 1) & (w << 2) & (w << 3) & HIGHS);
    }
  for (; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        units++;
      if (unit == GALLEY_OFFSETS_UTF16 && p[i] >= 0xF0)
        units++;
    }
  return units;
}

gsize
galley_offset_map_convert (GalleyOffsetMap *map, gsize byte_offset)
{
  const guchar *text = (const guchar *) map->text;

  if (map->unit == GALLEY_OFFSETS_BYTE)
    return byte_offset;
  if (byte_offset > map->len)
    byte_offset = map->len;
  if (text == NULL)
    return byte_offset;  /* ASCII */
  if (byte_offset >= map->byte_pos)
    map->unit_pos += count_units (text + map->byte_pos, byte_offset - map->byte_pos, map->unit);
  else
    map->unit_pos -= count_units (text + byte_offset, map->byte_pos - byte_offset, map->unit);
  map->byte_pos = byte_offset;
  return map->unit_pos;
}
