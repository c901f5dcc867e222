/* galley-utf8.c: UTF-8 validation on the path of every document.
 *
 * Every document's text is validated when it is made (the document model
 * promises valid UTF-8 to every stage). g_utf8_validate_len costs about
 * 9 instructions a byte, which made it the largest single cost of
 * read-jsonl -> export-jsonl (23% of instructions, callgrind, 2,000
 * articles). News text is mostly ASCII, so ASCII is checked 64 bytes, then
 * 16, at a time (SSE2; 8 without it) for a high bit or a NUL, and the characters
 * between are checked here one by one against the table of well-formed
 * sequences (Unicode 15, table 3-7), which is what GLib accepts: no
 * overlong forms, no surrogates, nothing past U+10FFFF. Handing each
 * stretch of non-ASCII bytes to g_utf8_validate_len instead cost a call
 * for every curly quote and dash of real news. Callgrind, default
 * pipeline, 10,569 news articles (11.4 MB): galley_document_new_take
 * 15.3 M -> 9.6 M instructions (8 bytes a step and GLib for non-ASCII
 * before); tests/sdk's bench-sdk on the same texts, best of 7, three
 * alternating runs: 9.3-9.7 -> 11.3-11.5 GB/s. The answer and
 * the offset of the first bad byte are GLib's (tests/sdk/test-input.c
 * compares them on every short sequence).
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "galley-private.h"

#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

/* ascii_run: the offset of the first byte at or after @i that is not
 * ASCII or is NUL, or @len. */
static inline gsize
ascii_run (const char *text, gsize i, gsize len)
{
#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128 ();

  /* 64 bytes a step first: no byte with the high bit (movemask of their
   * OR) and none zero (the unsigned minimum of each lane is not zero).
   * Callgrind, read-jsonl ! export-jsonl on 10,569 real news articles:
   * the check 13.4M -> 4.5M instructions with 8-byte steps before. */
  while (i + 64 <= len)
    {
      __m128i a = _mm_loadu_si128 ((const __m128i *) (text + i));
      __m128i b = _mm_loadu_si128 ((const __m128i *) (text + i + 16));
      __m128i c = _mm_loadu_si128 ((const __m128i *) (text + i + 32));
      __m128i d = _mm_loadu_si128 ((const __m128i *) (text + i + 48));
      __m128i any = _mm_or_si128 (_mm_or_si128 (a, b), _mm_or_si128 (c, d));
      __m128i least = _mm_min_epu8 (_mm_min_epu8 (a, b), _mm_min_epu8 (c, d));

      if ((_mm_movemask_epi8 (any) | _mm_movemask_epi8 (_mm_cmpeq_epi8 (least, zero))) != 0)
        break;
      i += 64;
    }
  /* then 16, to the first byte that stopped the step above */
  while (i + 16 <= len)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (text + i));
      /* a NUL compares equal to zero: 0xff, whose high bit the mask sees */
      int mask = _mm_movemask_epi8 (_mm_or_si128 (v, _mm_cmpeq_epi8 (v, zero)));

      if (mask != 0)
        return i + (gsize) __builtin_ctz ((unsigned) mask);
      i += 16;
    }
#else
  while (i + 8 <= len)
    {
      guint64 w;

      memcpy (&w, text + i, 8);
      /* a high bit, or a zero byte: (w - 0x01..) & ~w & 0x80.. is nonzero */
      if ((w & HIGH_BITS) || ((w - G_GUINT64_CONSTANT (0x0101010101010101)) & ~w & HIGH_BITS))
        break;
      i += 8;
    }
#endif
  while (i < len && (guchar) text[i] < 0x80 && text[i] != '\0')
    i++;
  return i;
}

static inline gboolean
is_continuation (guchar c)
{
  return (c & 0xC0) == 0x80;
}

/* sequence_length: the length (2 to 4) of the well-formed sequence that
 * starts @s, of which @n bytes are there, or 0 if there is none. */
static inline gsize
sequence_length (const guchar *s, gsize n)
{
  guchar c = s[0], lo = 0x80, hi = 0xBF;

  if (c < 0xC2)
    return 0;  /* a continuation byte, or an overlong lead (C0, C1) */
  if (c < 0xE0)
    return n >= 2 && is_continuation (s[1]) ? 2 : 0;
  if (c < 0xF0)
    {
      if (c == 0xE0)
        lo = 0xA0;  /* overlong below */
      else if (c == 0xED)
        hi = 0x9F;  /* surrogates above */
      return n >= 3 && s[1] >= lo && s[1] <= hi && is_continuation (s[2]) ? 3 : 0;
    }
  if (c < 0xF5)
    {
      if (c == 0xF0)
        lo = 0x90;  /* overlong below */
      else if (c == 0xF4)
        hi = 0x8F;  /* past U+10FFFF above */
      return n >= 4 && s[1] >= lo && s[1] <= hi && is_continuation (s[2])
             && is_continuation (s[3]) ? 4 : 0;
    }
  return 0;
}

gboolean
galley_utf8_validate (const char *text, gsize len, const char **end)
{
  gsize i = 0;

  for (;;)
    {
      i = ascii_run (text, i, len);
      if (i >= len)
        return TRUE;
      /* a NUL byte is invalid for us; otherwise the characters up to the
       * next ASCII byte */
      while (i < len && (guchar) text[i] >= 0x80)
        {
          gsize n = sequence_length ((const guchar *) text + i, len - i);

          if (n == 0)
            break;
          i += n;
        }
      if (i < len && ((guchar) text[i] >= 0x80 || text[i] == '\0'))
        {
          if (end)
            *end = text + i;
          return FALSE;
        }
    }
}
