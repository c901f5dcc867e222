/* numeric-norm.c: the normalised forms of the numeric mentions, written
 * at the end of Doc.scratch (integers, values, dates, folded words), and
 * the mentions they end: "2024-05", "17:30", "USD 95000000000", "3.5%",
 * "40 km". Written by hand for speed: each function's comment has the
 * figure that chose its shape.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "numeric-private.h"

/* append_int: @v in decimal, zero-padded to @width digits. Hand-written:
 * printf-style formatting cost ~1 500 instructions a number, half the
 * numeric rules' time on the bench corpus. */
void
append_int (GString *s, gint64 v, int width)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = v < 0 ? (guint64) -v : (guint64) v;

  /* from the last digit back, then one copy (a g_string_append_c() a
   * digit cost 158 instructions a number on
   * 10,569 real news articles, the stage 832.1 M -> 829.7 M); two
   * digits a division, from a table ("2024" is two steps, not four:
   * append_int 11.8 M -> 10.5 M instructions on those articles) */
  static const char pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

  while (u >= 10)
    {
      guint r = (guint) (u % 100);

      u /= 100;
      p -= 2;
      memcpy (p, pairs + 2 * r, 2);
    }
  if (u > 0 || p == buf + sizeof buf)
    *--p = (char) ('0' + u);
  while (buf + sizeof buf - p < width)
    *--p = '0';
  if (v < 0)
    *--p = '-';
  scratch_append (s, p, (gsize) (buf + sizeof buf - p));
}

void
append_value (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  double a = fabs (v);
  double whole;

  /* an integral value (most: 42, 2024, 95000000000) is told by one
   * conversion and compare, without the nearbyint() call into libm
   * below (64,916 calls on 10,569 real news articles; callgrind,
   * default pipeline: append_value() 13.8 M -> 13.2 M instructions) */
  if (a < 1e18 && v == (double) (gint64) v)
    {
      append_int (s, (gint64) v, 0);
      return;
    }
  whole = nearbyint (v);
  /* "$16.4 billion" is 16.4 * 1e9 = 16399999999.999998 in binary: a
   * value that far within rounding of a whole number is that number, not
   * "1.64e+10" (%.6g below) */
  if (a < 1e18 && fabs (v - whole) <= a * 1e-12)
    {
      append_int (s, (gint64) whole, 0);
      return;
    }
  /* 3.5, 12.75: %.6g by hand for 1 <= |v| < 1e5, where it is fixed-point
   * with 6 significant digits and trailing zeros dropped (printf's double
   * formatting is ~1 000 instructions) */
  if (a >= 1.0 && a < 1e5)
    {
      static const double scale[] = { 1e5, 1e4, 1e3, 1e2, 1e1 };
      int int_digits = a < 10 ? 1 : a < 100 ? 2 : a < 1000 ? 3 : a < 10000 ? 4 : 5;
      int frac_digits = 6 - int_digits;
      guint64 r = (guint64) llround (a * scale[int_digits - 1]);
      guint64 unit = (guint64) scale[int_digits - 1];
      guint64 ip = r / unit, fp = r % unit;
      char digits[8];
      int nd = frac_digits;

      if (v < 0)
        g_string_append_c (s, '-');
      append_int (s, (gint64) ip, 0);
      while (nd > 0 && fp % 10 == 0)
        {
          fp /= 10;
          nd--;
        }
      if (nd > 0)
        {
          for (int k = nd - 1; k >= 0; k--)
            {
              digits[k] = (char) ('0' + fp % 10);
              fp /= 10;
            }
          g_string_append_c (s, '.');
          g_string_append_len (s, digits, nd);
        }
      return;
    }
  /* 0.3, 0.0025: %.6g by hand for 1e-4 <= |v| < 1, where it is 6
   * significant digits after the point's leading zeros, trailing zeros
   * dropped: the cents of wire copy ("30 cts", USD 0.3) went through
   * g_ascii_formatd() at about 2,000 instructions a value (callgrind,
   * bench-entity-tagger on news-dev: 11.2 M for 5,694 values) */
  if (a >= 1e-4 && a < 1.0)
    {
      static const double scale[] = { 1e6, 1e7, 1e8, 1e9 };
      int zeros = a >= 0.1 ? 0 : a >= 0.01 ? 1 : a >= 0.001 ? 2 : 3;
      int nd = zeros + 6;
      guint64 r = (guint64) llround (a * scale[zeros]);
      char digits[10];

      if (v < 0)
        g_string_append_c (s, '-');
      if (r >= (guint64) scale[zeros])
        {
          g_string_append_c (s, '1');  /* 0.9999996 */
          return;
        }
      for (int k = nd - 1; k >= 0; k--)
        {
          digits[k] = (char) ('0' + r % 10);
          r /= 10;
        }
      while (nd > 0 && digits[nd - 1] == '0')
        nd--;
      g_string_append (s, "0.");
      g_string_append_len (s, digits, nd);
      return;
    }
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6g", v));
}

/* append_date: YYYY-MM[-DD], with XXXX for an unknown year and no day
 * when @day is 0. The dates the rules find (a year of four digits at
 * most, a month and a day of two) are written into a buffer and copied
 * once: three append_int() and two or three g_string_append_c() calls
 * cost 290 instructions a date (callgrind, 19,497 dates on 10,569 real
 * news articles: append_date 5.7 M -> 1.6 M); any other goes digit by
 * digit as before. */
void
append_date (GString *s, int year, int month, int day)
{
  if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99)
    {
      char buf[10];
      gsize n = 7;

      if (year > 0)
        {
          buf[0] = (char) ('0' + year / 1000);
          buf[1] = (char) ('0' + year / 100 % 10);
          buf[2] = (char) ('0' + year / 10 % 10);
          buf[3] = (char) ('0' + year % 10);
        }
      else
        memcpy (buf, "XXXX", 4);
      buf[4] = '-';
      buf[5] = (char) ('0' + month / 10);
      buf[6] = (char) ('0' + month % 10);
      if (day > 0)
        {
          buf[7] = '-';
          buf[8] = (char) ('0' + day / 10);
          buf[9] = (char) ('0' + day % 10);
          n = 10;
        }
      scratch_append (s, buf, n);
      return;
    }
  if (year > 0)
    append_int (s, year, 4);
  else
    g_string_append (s, "XXXX");
  g_string_append_c (s, '-');
  append_int (s, month, 2);
  if (day > 0)
    {
      g_string_append_c (s, '-');
      append_int (s, day, 2);
    }
}

/* append_lower: @len bytes of ASCII @p to @s in lower case, as
 * lexicon_fold() folds them. */
static inline void
append_lower (GString *s, const char *p, gsize len)
{
  char *o;

  if (s->len + len + 1 > s->allocated_len)
    {
      gsize at = s->len;

      g_string_set_size (s, at + len);
      s->len = at;
    }
  o = s->str + s->len;
  /* not g_ascii_tolower(), a call a byte (165,568 bytes on 10,569 real
   * news articles) */
  for (gsize k = 0; k < len; k++)
    o[k] = p[k] >= 'A' && p[k] <= 'Z' ? (char) (p[k] + ('a' - 'A')) : p[k];
  s->len += len;
  s->str[s->len] = '\0';
}

/* The folded words of tokens [a, b), space-separated. An ASCII token
 * (most) is lowered straight into @s: lexicon_fold() into a buffer and a
 * copy cost 90 instructions a word (callgrind, 34,661 words on 10,569
 * real news articles: append_folded 5.6 M -> 4.6 M). A word longer than the
 * buffer stays out, as lexicon_fold() refuses it. */
void
append_folded (const Doc *d, GString *s, guint a, guint b)
{
  char buf[128];

  for (guint k = a; k < b; k++)
    {
      const Token *t = &d->toks[k];
      const char *p = d->text + t->start;
      gsize len = t->end - t->start;
      int n = 0;

      if (t->tflags & GALLEY_TOKEN_FLAG_NON_ASCII)
        n = lexicon_fold (p, len, buf, sizeof buf);
      else if (len <= sizeof buf)
        n = (int) len;
      if (n <= 0)
        continue;
      if (k > a && !(t->tflags & GALLEY_TOKEN_FLAG_CLITIC))
        scratch_append (s, " ", 1);
      if (t->tflags & GALLEY_TOKEN_FLAG_NON_ASCII)
        scratch_append (s, buf, (gsize) n);
      else
        append_lower (s, p, len);
    }
}

/* The mention of tokens [a, b) whose norm, begun at @norm_off, is now
 * written: the norm is ended, and its hash is the mention's key, which
 * emit_spans() reads as the cluster's (no rule reads a numeric mention's
 * words' key). Hashed here, where its length is known, rather than the
 * words' key here and the norm's in emit_spans(): callgrind, default
 * pipeline on 10,569 real news articles, one job, 108,932 numeric
 * mentions, the stage 731.1 M -> 725.8 M instructions. */
Mention *
add_normed (Doc *d, guint a, guint b, EtType type, guint32 norm_off)
{
  const GString *sc = d->scratch;
  guint64 key = lexicon_hash_in (sc->str + norm_off, sc->len - norm_off,
                                 sc->str + sc->allocated_len);
  Mention *m;

  g_string_append_c (d->scratch, '\0');
  m = doc_mention_new (d, a, b, type, 2, key);
  m->norm_off = norm_off;
  return m;
}

/* A MONEY mention [a, b) of @value in @currency (an ISO code). */
guint
finish_money (Doc *d, guint a, guint b, const char *currency, double value)
{
  guint32 off = begin_norm (d);

  g_string_append (d->scratch, currency);
  g_string_append_c (d->scratch, ' ');
  append_value (d->scratch, value);
  return finish (d, a, b, ET_MONEY, off);
}

/* A PERCENT mention [a, b) of @value. */
guint
finish_percent (Doc *d, guint a, guint b, double value)
{
  guint32 off = begin_norm (d);

  append_value (d->scratch, value);
  g_string_append_c (d->scratch, '%');
  return finish (d, a, b, ET_PERCENT, off);
}
