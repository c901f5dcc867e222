/* jsonl-write.h: the values export-jsonl writes most, written in place
 * with their common case inline: span offsets and small integers,
 * scores (doubles written with four decimals) and short strings (entity
 * texts and norms). Anything else goes to the SDK's writer of the same
 * value, and the common cases give the bytes it gives (the tests compare
 * them, tests/export-jsonl: test_values_written_as_the_sdk_writes_them).
 *
 * Why not just the SDK's calls: the default pipeline on 10,569 real news
 * articles (11.4 MB, callgrind) writes 804,848 offsets, 1,244,300 span
 * features (four scores a sentence; a norm, a cluster number and a score
 * an entity) and 311,074 entity texts. Through galley_json_write_uint,
 * galley_json_write_scalar and galley_json_write_string they cost 37, 38
 * and 127 instructions each, most of it the call, the type dispatch and,
 * for texts, the scan's set-up and its byte-by-byte tail (nearly every
 * text is shorter than 16 bytes). Inline, as below: see jsonl-format.c's
 * header comment for the figures.
 *
 * Each writer needs the room the SDK's writer of the same value needs
 * (GALLEY_JSON_UINT_MAX, GALLEY_JSON_SCALAR_MAX, GALLEY_JSON_STRING_MAX)
 * and may overwrite bytes of it past what it writes.
 */
#pragma once

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <galley/galley.h>

G_BEGIN_DECLS

/* "00" to "99", two characters each */
extern const char jsonl_digit_pairs[201];

/* 0 to 999 in four bytes each: the digits, NUL bytes to fill three,
 * then the count of digits (1 to 3) */
extern const char jsonl_digit_triples[4001];

/* jsonl_write_uint: @u in decimal at @d, as galley_json_write_uint()
 * writes it; up to four digits without the call (offsets into news
 * articles of about a thousand bytes, cluster numbers).
 *
 * Below 1000 the digits are one 4-byte copy from a table of the numbers
 * 0 to 999 (jsonl_digit_triples), whose fourth byte is the count of
 * digits (the byte after the digits takes that count, or a NUL, until
 * what follows overwrites it: the room allows). Callgrind, default
 * pipeline on 10,569 real news articles (804,848 offsets, 219,275
 * cluster numbers): export-jsonl 205.8M -> 200.3M instructions, the run
 * 1,604.7M -> 1,599.2M, against a branch each for one, two, three and
 * four digits and a division by 100 from three on. A table of padded
 * numbers, the count from two compares (1 + (u >= 10) + (u >= 100)),
 * took 208.3M: the compares cost more than the branches saved.
 *
 * Tried and dropped: the digit count without a branch (four digits from
 * two pairs, shifted so that the first significant one comes first, one
 * 4-byte store). Callgrind, default pipeline on 10,569 real news
 * articles: export-jsonl's Bcm 2.57M -> 2.18M but its instructions
 * 248M -> 272M (the count and the variable shift, some 40 a number), a
 * loss at any plausible cost of a mispredict; the wall clock could not
 * tell them apart. */
static inline char *
jsonl_write_uint (char *d, guint64 u)
{
  if (u < 1000)
    {
      const char *e = jsonl_digit_triples + 4 * u;

      memcpy (d, e, 4);
      return d + e[3];
    }
  if (u < 10000)
    {
      guint hi = (guint) u / 100, lo = (guint) u % 100;

      memcpy (d, jsonl_digit_pairs + 2 * hi, 2);
      memcpy (d + 2, jsonl_digit_pairs + 2 * lo, 2);
      return d + 4;
    }
  return galley_json_write_uint (d, u);
}

/* jsonl_write_score: @v as galley_json_write_scalar() writes a double of
 * magnitude below 10 (an integer part of one digit, four decimals: the
 * scores the sentiment and entity stages set), or NULL with nothing
 * written for any other double (NaN and the infinities too: every
 * comparison with them is false).
 *
 * The rounding is the SDK's, step for step: @v * 10000 rounded to the
 * nearest integer, halves away from zero, the sign written only when that
 * integer is negative (so -0 and -0.00004 are "0.0000"). Below 99,999.5
 * scaled, the integer is at most 99,999: one digit before the point. */
static inline char *
jsonl_write_score (char *d, double v)
{
  double scaled = v * 10000.0;
  gint64 n;
  guint64 t;

  if (!(scaled > -99999.5 && scaled < 99999.5))
    return NULL;
  n = (gint64) (scaled < 0 ? scaled - 0.5 : scaled + 0.5);
  /* The digits of u = |n| (at most 99,999) by multiplying, not dividing:
   * t = u * ceil (2^32 / 10^4) holds u / 10^4 in its high half and the
   * four decimals as a binary fraction in its low half, which times 100
   * gives the next two digits in the high half again. The multiplier's
   * excess adds at most 99,999 * 0.2704 / 2^32 to the fraction, 0.063 of
   * a unit in the fourth decimal, so no digit is ever one too many
   * (tests/export-jsonl: every one of the 199,999 values).
   * Callgrind, default pipeline on 10,569 real news articles (626,947
   * scores): export-jsonl 214.5M -> 211.2M instructions, 5 a score fewer
   * than with the two divisions by constants before). Tried and dropped:
   * the magnitude from fabs (scaled) + 0.5 and the sign from scaled < 0
   * with a non-zero magnitude, no branch on the sign: export-jsonl
   * 196.8M -> 198.6M. */
  t = (guint64) (n < 0 ? -n : n) * 429497;
  *d = '-';
  d += n < 0;
  d[0] = (char) ('0' + (t >> 32));
  d[1] = '.';
  t = (t & 0xffffffff) * 100;
  memcpy (d + 2, jsonl_digit_pairs + 2 * (t >> 32), 2);
  t = (t & 0xffffffff) * 100;
  memcpy (d + 4, jsonl_digit_pairs + 2 * (t >> 32), 2);
  return d + 6;
}

/* JSONL_SHORT_STRING: the longest string jsonl_write_string() checks and
 * copies without the SDK's call. */
#define JSONL_SHORT_STRING 32

#ifdef __SSE2__
/* escape_bits: bit i set when byte i of @v is one JSON escapes (below
 * 0x20, '"' or '\\') */
static inline unsigned
jsonl_escape_bits (__m128i v)
{
  __m128i bad = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"')),
                                            _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\\'))),
                              /* unsigned v <= 0x1f: min (v, 0x1f) == v */
                              _mm_cmpeq_epi8 (_mm_min_epu8 (v, _mm_set1_epi8 (0x1f)), v));

  return (unsigned) _mm_movemask_epi8 (bad);
}

/* load_ends: the first and the last @w bytes of @s (@w <= @len <= 2 * @w,
 * so together they cover it; @w is 4, 8 or 16) as the low lanes of @a
 * and @b, reading nothing outside @s. Returns the mask of the lanes
 * loaded. */
static inline unsigned
jsonl_load_ends (const char *s, gsize len, gsize w, __m128i *a, __m128i *b)
{
  if (w == 16)
    {
      *a = _mm_loadu_si128 ((const __m128i *) s);
      *b = _mm_loadu_si128 ((const __m128i *) (s + len - 16));
      return 0xffff;
    }
  if (w == 8)
    {
      *a = _mm_loadl_epi64 ((const __m128i *) s);
      *b = _mm_loadl_epi64 ((const __m128i *) (s + len - 8));
      return 0xff;
    }
  {
    gint32 x, y;

    memcpy (&x, s, 4);
    memcpy (&y, s + len - 4, 4);
    *a = _mm_cvtsi32_si128 (x);
    *b = _mm_cvtsi32_si128 (y);
    return 0xf;
  }
}

/* store_ends: the lanes load_ends() loaded, at @d (@len bytes) */
static inline void
jsonl_store_ends (char *d, gsize len, gsize w, __m128i a, __m128i b)
{
  if (w == 16)
    {
      _mm_storeu_si128 ((__m128i *) d, a);
      _mm_storeu_si128 ((__m128i *) (d + len - 16), b);
    }
  else if (w == 8)
    {
      _mm_storel_epi64 ((__m128i *) d, a);
      _mm_storel_epi64 ((__m128i *) (d + len - 8), b);
    }
  else
    {
      gint32 x = _mm_cvtsi128_si32 (a), y = _mm_cvtsi128_si32 (b);

      memcpy (d, &x, 4);
      memcpy (d + len - 4, &y, 4);
    }
}
#endif

/* jsonl_write_string: @s (@len bytes of valid UTF-8) as a quoted JSON
 * string at @d, which has room for GALLEY_JSON_STRING_MAX (@len), as
 * galley_json_write_string() writes it. A string of 4 to
 * JSONL_SHORT_STRING bytes is checked as its first and last 4, 8 or 16
 * bytes (two loads that overlap, never past its end) and, when no byte
 * needs escaping, stored as it was loaded; one of up to 3 bytes is
 * checked byte by byte. A string that needs escaping, or a longer one,
 * goes to the SDK. Always inlined: gcc made it a call, 4.3M instructions
 * more for the default pipeline's 530,800 texts and norms. */
G_ALWAYS_INLINE static inline char *
jsonl_write_string (char *d, const char *s, gsize len)
{
#ifdef __SSE2__
  if (len >= 4 && len <= JSONL_SHORT_STRING)
    {
      gsize w = len >= 16 ? 16 : len >= 8 ? 8 : 4;
      __m128i a, b;
      unsigned lanes = jsonl_load_ends (s, len, w, &a, &b);

      if (((jsonl_escape_bits (a) | jsonl_escape_bits (b)) & lanes) == 0)
        {
          d[0] = '"';
          jsonl_store_ends (d + 1, len, w, a, b);
          d[len + 1] = '"';
          return d + len + 2;
        }
    }
#endif
  if (len < 4)
    {
      gboolean plain = TRUE;

      for (gsize i = 0; i < len; i++)
        {
          guchar c = (guchar) s[i];

          plain &= c >= 0x20 && c != '"' && c != '\\';
        }
      if (plain)
        {
          /* the first, middle and last bytes: all of 1 to 3, no call */
          d[0] = '"';
          if (len > 0)
            {
              d[1] = s[0];
              d[1 + len / 2] = s[len / 2];
              d[len] = s[len - 1];
            }
          d[len + 1] = '"';
          return d + len + 2;
        }
    }
  return galley_json_write_string (d, s, len);
}

G_END_DECLS
