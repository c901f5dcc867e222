/* galley-json.c: JSON writing and offset conversion for exporters.
 *
 * Hot path: the default pipeline writes 4.5 bytes of JSON for each byte
 * it reads, most of it short pieces (entity texts, numbers, doubles).
 * Each writer below makes room once (galley_json_reserve()) for the most
 * its piece can take, writes through a plain pointer and sets the length
 * once (galley_json_set_end()),
 * instead of checking and copying piece by piece. Callgrind, the default
 * pipeline on 10,569 real news articles (11.4 MB): galley_json_append_value
 * and galley_json_append_string were 124M and 157M instructions self
 * (1,244,300 values, 565,580 strings from export-jsonl); the values, now
 * written in place by galley_json_write_scalar(), take 52M.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <galley/galley-json.h>

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

/* escape_as: for each byte, 0 when it is written as it is, else the
 * letter of its escape ('u': \u00XX). */
static const char escape_as[256] = {
  /* 0x00-0x0f: \b \t \n and \f \r have letters of their own */
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
  ['"'] = '"', ['\\'] = '\\',
};

/* MAX_ESCAPED: the most one byte becomes (\u00XX). */
#define MAX_ESCAPED 6

static inline char *
escape_byte (char *d, guchar c)
{
  static const char hex[] = "0123456789abcdef";
  char e = escape_as[c];

  if (G_LIKELY (e == 0))
    {
      *d = (char) c;
      return d + 1;
    }
  d[0] = '\\';
  d[1] = e;
  if (e != 'u')
    return d + 2;
  d[2] = '0';
  d[3] = '0';
  d[4] = hex[c >> 4];
  d[5] = hex[c & 15];
  return d + 6;
}

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
/* escape_tail: the last @r (1 to 7) bytes before @end, of a string of at
 * least eight, as one word: the eight bytes before @end shifted down, the
 * bytes above @r filled with 'a' (clean). Returns FALSE, writing nothing,
 * when one of them needs escaping. Most strings written are short entity
 * texts and norms, whose tail was half their cost a byte at a time. */
static inline gboolean
escape_tail (char **d, const guchar *end, gsize r)
{
  guint64 w;

  memcpy (&w, end - 8, 8);
  w = (w >> (8 * (8 - r))) | (G_GUINT64_CONSTANT (0x6161616161616161) << (8 * r));
  if (may_need_escape (w))
    return FALSE;
  memcpy (*d, &w, 8);
  *d += r;
  return TRUE;
}
#endif

#ifdef __SSE2__
/* escape_mask16: bit i set when byte i of the sixteen at @s is to be
 * escaped (below 0x20, '"' or '\\'). */
static inline unsigned
escape_mask16 (const guchar *s)
{
  const __m128i quote = _mm_set1_epi8 ('"');
  const __m128i backslash = _mm_set1_epi8 ('\\');
  const __m128i last_control = _mm_set1_epi8 (0x1f);
  __m128i v = _mm_loadu_si128 ((const __m128i *) s);
  /* unsigned v <= 0x1f: min (v, 0x1f) == v */
  __m128i bad = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, quote),
                                            _mm_cmpeq_epi8 (v, backslash)),
                              _mm_cmpeq_epi8 (_mm_min_epu8 (v, last_control), v));

  return (unsigned) _mm_movemask_epi8 (bad);
}
#endif

#ifdef __SSE2__
/* after_block: moves *@d and *@s past a block of @width bytes stored as
 * they were, whose bytes to escape are the bits of @mask: past the
 * whole block when there is none, else past the first of them, escaped
 * (the bytes before it are in place already); *@clean is where the
 * output has been the input's bytes as they were since. */
G_ALWAYS_INLINE static inline void
after_block (char **d, const guchar **s, gsize width, unsigned mask, const char **clean)
{
  if (G_LIKELY (mask == 0))
    {
      *s += width;
      *d += width;
      return;
    }
  mask = (unsigned) __builtin_ctz (mask);
  *s += mask;
  *d = escape_byte (*d + mask, **s);
  *s += 1;
  *clean = *d;
}
#endif

/* escape_into: @n bytes of @s, escaped, at @d, which has room for
 * MAX_ESCAPED * @n + 16 bytes. Clean text is stored a block at a time
 * before it is checked (the room is there): 32 bytes, then sixteen, with
 * SSE2, where the first byte to escape is found from the compare masks,
 * then eight (a word, checked with may_need_escape()), then the tail.
 *
 * With SSE2 the last 1 to 15 bytes of a string of sixteen or more are
 * its last sixteen, checked as one block and stored over the 16 - r
 * bytes written before them, which hold those same bytes when nothing
 * among them was escaped (@clean: where the output has been the input's
 * bytes as they were). Callgrind, default pipeline on 10,569 real news
 * articles (the sentiment layer's 79,320 sentence texts, most of the
 * strings this writes): galley_json_write_string 21.6M -> 18.8M
 * instructions (the run 1,598.5M -> 1,595.7M), from sixteen bytes a
 * step and the tail a word, then a byte, at a time. */
G_ALWAYS_INLINE static inline char *
escape_into (char *d, const guchar *s, gsize n)
{
  const guchar *end = s + n;

#ifdef __SSE2__
  const char *clean = d;

  while (end - s >= 32)
    {
      unsigned mask = escape_mask16 (s) | (escape_mask16 (s + 16) << 16);

      memcpy (d, s, 32);
      after_block (&d, &s, 32, mask, &clean);
    }
  while (end - s >= 16)
    {
      unsigned mask = escape_mask16 (s);

      memcpy (d, s, 16);
      after_block (&d, &s, 16, mask, &clean);
    }
  if (s < end && n >= 16)
    {
      gsize r = (gsize) (end - s);

      if (d - (16 - r) >= clean && (escape_mask16 (end - 16) >> (16 - r)) == 0)
        {
          memcpy (d - (16 - r), end - 16, 16);
          return d + r;
        }
    }
#endif
  while (end - s >= 8)
    {
      guint64 w;

      memcpy (&w, s, 8);
      if (G_LIKELY (!may_need_escape (w)))
        {
          memcpy (d, &w, 8);
          d += 8;
        }
      else
        for (int k = 0; k < 8; k++)
          d = escape_byte (d, s[k]);
      s += 8;
    }
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (s < end && n >= 8 && escape_tail (&d, end, end - s))
    return d;
#endif
  while (s < end)
    d = escape_byte (d, *s++);
  return d;
}

gsize
galley_json_count_plain (const char *s, gsize len)
{
  const guchar *p = (const guchar *) s, *end = p + len;

#ifdef __SSE2__
  for (; end - p >= 16; p += 16)
    {
      unsigned mask = escape_mask16 (p);

      if (mask != 0)
        return p - (const guchar *) s + __builtin_ctz (mask);
    }
#endif
  for (; end - p >= 8; p += 8)
    {
      guint64 w;

      memcpy (&w, p, 8);
      if (may_need_escape (w))
        break;
    }
  while (p < end && escape_as[*p] == 0)
    p++;
  return p - (const guchar *) s;
}

/* A string is escaped in pieces of at most this many bytes, so the room
 * made for it (six times the piece) stays small for a huge text. */
#define ESCAPE_PIECE (64 * 1024)

char *
galley_json_write_string (char *dest, const char *s, gsize len)
{
  *dest++ = '"';
  dest = escape_into (dest, (const guchar *) s, len);
  *dest++ = '"';
  return dest;
}

void
galley_json_append_string (GString *out, const char *s, gssize len)
{
  const guchar *p = (const guchar *) s;
  gsize n = len < 0 ? strlen (s) : (gsize) len;
  char *d;

  if (G_LIKELY (n <= ESCAPE_PIECE))
    {
      d = galley_json_reserve (out, GALLEY_JSON_STRING_MAX (n));
      galley_json_set_end (out, galley_json_write_string (d, s, n));
      return;
    }
  d = galley_json_reserve (out, GALLEY_JSON_STRING_MAX (ESCAPE_PIECE));
  *d++ = '"';
  while (n > ESCAPE_PIECE)
    {
      d = escape_into (d, p, ESCAPE_PIECE);
      p += ESCAPE_PIECE;
      n -= ESCAPE_PIECE;
      galley_json_set_end (out, d);
      d = galley_json_reserve (out, GALLEY_JSON_STRING_MAX (MIN (n, ESCAPE_PIECE)));
    }
  d = escape_into (d, p, n);
  *d++ = '"';
  galley_json_set_end (out, d);
}

static const char digit_pairs[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

/* write_uint: @u in decimal at @d (room for 20 bytes, which it may use
 * past the digits); returns the end. Digits are made two at a time, back
 * to front, in a buffer, and copied as one 16-byte block (and four more
 * bytes past 16 digits): a division by 100 a pair, where dividing by 10
 * to count the digits first cost more than the digits (callgrind, default
 * pipeline on 11.4 MB of news: 39.3M -> 30.1M for 804,848 offsets). */
static inline char *
write_uint (char *d, guint64 u)
{
  char buf[40];
  char *p = buf + 20;  /* the digits end here */
  gsize n;

  /* most integers written are small counts and cluster numbers */
  if (u < 100)
    {
      if (u < 10)
        {
          *d = (char) ('0' + u);
          return d + 1;
        }
      memcpy (d, digit_pairs + 2 * u, 2);
      return d + 2;
    }

  while (u >= 100)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * (u % 100), 2);
      u /= 100;
    }
  if (u >= 10)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * u, 2);
    }
  else
    *--p = (char) ('0' + u);
  n = buf + 20 - p;
  memcpy (d, p, 16);  /* p + 16 <= buf + 36: within buf */
  if (G_UNLIKELY (n > 16))
    memcpy (d + 16, p + 16, 4);
  return d + n;
}

/* write_int64: @v in decimal at @d (room for 20 bytes). */
static inline char *
write_int64 (char *d, gint64 v)
{
  if (v < 0)
    {
      *d++ = '-';
      return write_uint (d, -(guint64) v);
    }
  return write_uint (d, (guint64) v);
}

/* FIXED4_LIMIT: |v| * 10000 below this is written by write_fixed4. */
#define FIXED4_LIMIT 9e17

/* write_fixed4: @v as "%.4f" would print it, without printf, at @d (room
 * for 20 bytes; |@v| * 10000 below FIXED4_LIMIT). Exporters write four
 * doubles per sentence and two per entity; through g_ascii_formatd each
 * cost about 1,050 instructions, 10% of the default pipeline's (callgrind,
 * 1,000 articles). Rounding is of v * 10000 to the nearest integer, which
 * can differ from printf's exact decimal rounding only for values within
 * one ulp of a half; both are correct to 4 places. */
static inline char *
write_fixed4 (char *d, double v)
{
  double scaled = v * 10000.0;
  gint64 n = (gint64) (scaled < 0 ? scaled - 0.5 : scaled + 0.5);
  guint64 u = n < 0 ? -(guint64) n : (guint64) n;
  guint frac = (guint) (u % 10000);

  if (n < 0)
    *d++ = '-';
  /* most doubles written are scores below 10 (sentiment: four a
   * sentence, one an entity): one digit without write_uint() */
  if (u < 100000)
    *d++ = (char) ('0' + u / 10000);
  else
    d = write_uint (d, u / 10000);
  *d++ = '.';
  memcpy (d, digit_pairs + 2 * (frac / 100), 2);
  memcpy (d + 2, digit_pairs + 2 * (frac % 100), 2);
  return d + 4;
}

char *
galley_json_write_uint (char *dest, guint64 v)
{
  return write_uint (dest, v);
}

/* write_wide_double: a double write_fixed4() does not take: "%.17g", or
 * null when it is not finite. Out of line, so that the common case
 * (galley_json_write_scalar) saves no registers for the call. */
G_NO_INLINE static char *
write_wide_double (char *dest, double v)
{
  if (!isfinite (v))
    {
      memcpy (dest, "null", 4);
      return dest + 4;
    }
  G_STATIC_ASSERT (G_ASCII_DTOSTR_BUF_SIZE <= GALLEY_JSON_SCALAR_MAX);
  g_ascii_formatd (dest, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", v);
  return dest + strlen (dest);
}

/* Doubles and integers first, without a jump table: they are nearly all
 * the scalars written (four doubles a sentence, two doubles and two
 * integers an entity). */
char *
galley_json_write_scalar (char *dest, const GalleyValue *value)
{
  if (G_LIKELY (value->type == GALLEY_VALUE_DOUBLE))
    {
      /* the range test is false for NaN and the infinities too */
      double scaled = value->v.d * 10000.0;

      if (G_LIKELY (scaled > -FIXED4_LIMIT && scaled < FIXED4_LIMIT))
        return write_fixed4 (dest, value->v.d);
      return write_wide_double (dest, value->v.d);
    }
  if (value->type == GALLEY_VALUE_INT)
    return write_int64 (dest, value->v.i);
  if (value->type == GALLEY_VALUE_BOOLEAN)
    {
      if (value->v.b)
        {
          memcpy (dest, "true", 4);
          return dest + 4;
        }
      memcpy (dest, "false", 5);
      return dest + 5;
    }
  if (value->type == GALLEY_VALUE_STRING || value->type == GALLEY_VALUE_JSON)
    return NULL;
  memcpy (dest, "null", 4);  /* GALLEY_VALUE_NONE */
  return dest + 4;
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
  char *end = galley_json_write_scalar (galley_json_reserve (out, GALLEY_JSON_SCALAR_MAX), value);

  if (end != NULL)
    galley_json_set_end (out, end);
  else if (value->type == GALLEY_VALUE_STRING)
    galley_json_append_string (out, value->v.s, -1);
  else
    append_json_on_one_line (out, value->v.s);
}

/* is_ascii: whether @n bytes at @p are all below 0x80. With SSE2, 64
 * bytes a step (four loads, one movemask): callgrind, the default
 * pipeline on 10,569 real news articles, every one checked once by
 * export-jsonl: galley_offset_map_init 5.90M -> 3.23M instructions (32
 * bytes a step, in words, before). */
static gboolean
is_ascii (const guchar *p, gsize n)
{
  guint64 any = 0;
  gsize i = 0;

#ifdef __SSE2__
  for (; i + 64 <= n; i += 64)
    {
      __m128i v = _mm_or_si128 (_mm_or_si128 (_mm_loadu_si128 ((const __m128i *) (p + i)),
                                              _mm_loadu_si128 ((const __m128i *) (p + i + 16))),
                                _mm_or_si128 (_mm_loadu_si128 ((const __m128i *) (p + i + 32)),
                                              _mm_loadu_si128 ((const __m128i *) (p + i + 48))));

      if (_mm_movemask_epi8 (v) != 0)
        return FALSE;
    }
#endif
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

/* count_highs: the set bits of @x, which has none but the high bit of
 * each byte: each moved to its byte's low bit and the bytes summed into
 * the top one by a multiply (at most 8: no carry between bytes). The
 * baseline x86-64 has no popcount instruction, and __builtin_popcountll
 * was a call into libgcc (__popcountdi2) for each word with a non-ASCII
 * byte: callgrind, the default pipeline on 10,569 real news articles
 * (44,264 conversions in the 3% of them that are not ASCII), the
 * conversions 6.05M -> 5.48M. Tried and dropped: counting sixteen bytes
 * a step with SSE2 (the compares' -1s summed in byte lanes, then by
 * _mm_sad_epu8): 6.32M, the steps between a layer's offsets are short. */
static inline guint
count_highs (guint64 x)
{
  return (guint) (((x >> 7) * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
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
      units += 8 - count_highs (w & ~(w << 1) & HIGHS);
      /* bytes 11110xxx start a character outside the BMP: two UTF-16 units */
      if (unit == GALLEY_OFFSETS_UTF16)
        units += count_highs (w & (w << 1) & (w << 2) & (w << 3) & HIGHS);
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

gboolean
galley_offset_map_is_identity (const GalleyOffsetMap *map)
{
  return map->unit == GALLEY_OFFSETS_BYTE || map->text == NULL;
}

gsize
galley_offset_map_convert (GalleyOffsetMap *map, gsize byte_offset)
{
  const guchar *text = (const guchar *) map->text;

  /* past the end counts as the end, in bytes too (as documented; bytes
   * once came back unclamped) */
  if (byte_offset > map->len)
    byte_offset = map->len;
  if (map->unit == GALLEY_OFFSETS_BYTE || text == NULL)
    return byte_offset;  /* bytes, or ASCII */
  if (byte_offset >= map->byte_pos)
    map->unit_pos += count_units (text + map->byte_pos, byte_offset - map->byte_pos, map->unit);
  else
    map->unit_pos -= count_units (text + byte_offset, map->byte_pos - byte_offset, map->unit);
  map->byte_pos = byte_offset;
  return map->unit_pos;
}
