/* numeric.c: numbers, money, percentages, quantities, ordinals, dates and
 * times, from token kinds and a few patterns over word classes:
 *
 *   MONEY     $ 95 billion | 95 billion dollars | US$ 5 | € 20 m
 *   PERCENT   3.5 % | 12 percent | 12 per cent
 *   QUANTITY  40 km | five miles | 3 million barrels | 100 square miles
 *   TIME      5:30 p.m. | 10 am | noon | tonight | this morning | Friday night
 *   DATE      May 2024 | May 3, 2024 | 3 May | Friday | late Friday |
 *             last year | earlier this month | two years ago | 1990s | 2024 |
 *             2024-04-26 | today | the 21st century
 *   ORDINAL   first | 21st
 *   CARDINAL  8,000 | three | dozens | 1.2 million
 *
 * Each mention gets a normalised form in Doc.scratch: ISO-like dates
 * ("2024-05", "XXXX-05-03"), 24-hour times ("17:30"), "USD 95000000000",
 * "3.5%", "40 km", plain numbers.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

typedef enum {
  NS_NONE,
  NS_INT,      /* 8,000 42 */
  NS_DEC,      /* 3.5 */
  NS_TIME,     /* 5:30 */
  NS_DECADE,   /* 1990s */
  NS_ORD,      /* 21st */
  NS_DATE,     /* 2024-04-26 4/26/2024 */
  NS_RANGE,    /* 2020-2024 10-12 */
  NS_OTHER,
} NumShape;

typedef struct {
  NumShape shape;
  double value;
  guint n_digits;    /* integer digits, for years */
  gboolean comma;    /* written with thousands separators */
  int year, month, day;  /* NS_DATE */
  int hour, minute;      /* NS_TIME */
} NumToken;

static int
digits_value (const char *p, const char *end, const char **stop)
{
  int v = 0;

  /* A run of digits longer than any date or time saturates at G_MAXINT,
   * which every caller's range check refuses, instead of overflowing. */
  while (p < end && *p >= '0' && *p <= '9')
    {
      int d = *p++ - '0';

      v = v > (G_MAXINT - d) / 10 ? G_MAXINT : v * 10 + d;
    }
  *stop = p;
  return v;
}

/* Reads a NUMBER token's shape and value. */
static void
parse_number_token (const char *s, gsize len, NumToken *nt)
{
  const char *p = s, *end = s + len;
  double v = 0, scale = 0.1;
  gboolean neg = FALSE;

  memset (nt, 0, sizeof *nt);
  nt->shape = NS_OTHER;
  if (p < end && (*p == '-' || *p == '+'))
    neg = *p++ == '-';
  if (p >= end || *p < '0' || *p > '9')
    return;
  while (p < end && ((*p >= '0' && *p <= '9') || *p == ','))
    {
      if (*p == ',')
        nt->comma = TRUE;
      else
        {
          v = v * 10 + (*p - '0');
          nt->n_digits++;
        }
      p++;
    }
  if (p == end)
    {
      nt->shape = NS_INT;
      nt->value = neg ? -v : v;
      return;
    }
  if (*p == '.' && p + 1 < end && p[1] >= '0' && p[1] <= '9')
    {
      p++;
      while (p < end && *p >= '0' && *p <= '9')
        {
          v += (*p++ - '0') * scale;
          scale /= 10;
        }
      nt->value = neg ? -v : v;
      nt->shape = p == end ? NS_DEC : NS_OTHER;
      return;
    }
  nt->value = neg ? -v : v;
  if (end - p == 1 && (*p == 's' || *p == 'S') && nt->n_digits >= 2 && !nt->comma)
    {
      nt->shape = NS_DECADE;
      return;
    }
  if (end - p == 2 && !nt->comma
      && (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0
          || g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0))
    {
      nt->shape = NS_ORD;
      return;
    }
  if (*p == ':' && !nt->comma && nt->n_digits <= 2)
    {
      const char *q;
      int m = digits_value (p + 1, end, &q);

      if (q - (p + 1) == 2 && (q == end || *q == ':') && v <= 24 && m < 60)
        {
          nt->shape = NS_TIME;
          nt->hour = (int) v;
          nt->minute = m;
        }
      return;
    }
  if ((*p == '-' || *p == '/') && !nt->comma)
    {
      char sep = *p;
      const char *q, *r;
      int b = digits_value (p + 1, end, &q);
      guint nb = q - (p + 1);

      if (nb == 0)
        return;
      if (q == end)
        {
          /* 2020-2024, 10-12; 24/7 and 9/11 are not ranges */
          if (sep == '-')
            nt->shape = NS_RANGE;
          return;
        }
      if (*q == sep)
        {
          int c = digits_value (q + 1, end, &r);
          guint nc = r - (q + 1);

          if (r != end || nc == 0)
            return;
          if (nt->n_digits == 4 && nb <= 2 && nc <= 2 && b >= 1 && b <= 12 && c >= 1 && c <= 31)
            {
              nt->shape = NS_DATE;
              nt->year = (int) v;
              nt->month = b;
              nt->day = c;
            }
          else if (nc == 4 && nt->n_digits <= 2 && nb <= 2)
            {
              /* 4/26/2024 (US order unless the first cannot be a month) */
              int first = (int) v;

              nt->shape = NS_DATE;
              nt->year = c;
              if (first > 12 && b <= 12)
                {
                  nt->month = b;
                  nt->day = first;
                }
              else
                {
                  nt->month = first;
                  nt->day = b;
                }
              if (nt->month < 1 || nt->month > 12 || nt->day < 1 || nt->day > 31)
                nt->shape = NS_OTHER;
            }
        }
    }
}

static void
number_token (const Doc *d, guint i, NumToken *nt)
{
  const Token *t = &d->toks[i];

  parse_number_token (d->text + t->start, t->end - t->start, nt);
}

/* Spelling tests for the few words the rules name (flagged
 * LEX_NUMERIC_WORD or another class): the flag test comes first, so a
 * token that is none of them costs no string compare. */
static inline gboolean
is_text (const Doc *d, guint i, const char *s)
{
  const Token *t;
  gsize len = __builtin_strlen (s);

  if (i >= d->n)
    return FALSE;
  t = &d->toks[i];
  if (tok_lex (d, t) == 0 || t->end - t->start != len)
    return FALSE;
  return memcmp (d->text + t->start, s, len) == 0;
}

static inline gboolean
is_text_ci (const Doc *d, guint i, const char *s)
{
  const Token *t;
  gsize len = __builtin_strlen (s);

  if (i >= d->n)
    return FALSE;
  t = &d->toks[i];
  if (tok_lex (d, t) == 0 || t->end - t->start != len)
    return FALSE;
  /* every literal here is in lower case: the token's bytes are lowered
   * inline rather than through a g_ascii_strncasecmp() call (60,000
   * calls on 10,569 real news articles, 35,000 of them from
   * approx_len(); callgrind, default pipeline: numeric_scan() 92.8 M ->
   * 87.9 M instructions) */
  for (gsize k = 0; k < len; k++)
    {
      guchar c = (guchar) d->text[t->start + k];

      if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != (guchar) s[k])
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_lex (const Doc *d, guint i, guint64 flags)
{
  return i < d->n && (tok_lex (d, &d->toks[i]) & flags) != 0;
}

static gint64
lex_value (const Doc *d, guint i)
{
  return lexicon_word_info (d->tg->lex, d->toks[i].wid)->value;
}

/* A run of number words: "twenty-five", "one hundred", "three". The
 * value goes to @value (0 for vague words: dozens, hundreds). */
static guint
number_words (const Doc *d, guint i, double *value, gboolean *vague)
{
  guint j = i;
  double cur = 0;

  *vague = FALSE;
  while (j < d->n)
    {
      const Token *t = &d->toks[j];

      if (t->kind != GALLEY_TOKEN_WORD)
        break;
      if (tok_lex (d, t) & LEX_NUMBER)
        {
          gint64 v = lex_value (d, j);

          if (v == 0 && !is_text_ci (d, j, "zero"))
            *vague = TRUE;
          if (v == 100 && cur > 0)
            cur *= 100;
          else
            cur += (double) v;
          j++;
          continue;
        }
      /* twenty-five: a hyphenated pair of number words */
      if (!tok_known (t) && memchr (d->text + t->start, '-', t->end - t->start) != NULL)
        {
          const char *s = d->text + t->start;
          const char *dash = memchr (s, '-', t->end - t->start);
          char a[32], b[32];
          gsize la = dash - s, lb = t->end - t->start - la - 1;
          guint32 wa, wb;

          if (la >= sizeof a || lb >= sizeof b || la == 0 || lb == 0)
            break;
          {
            int fa = lexicon_fold (s, la, a, sizeof a);
            int fb = lexicon_fold (dash + 1, lb, b, sizeof b);

            if (fa <= 0 || fb <= 0)
              break;
            wa = lexicon_word_id (d->tg->lex, a, fa, lexicon_hash (a, fa));
            wb = lexicon_word_id (d->tg->lex, b, fb, lexicon_hash (b, fb));
          }
          if (wa == LEX_NO_WORD || wb == LEX_NO_WORD
              || !(lexicon_word_info (d->tg->lex, wa)->flags & LEX_NUMBER)
              || !(lexicon_word_info (d->tg->lex, wb)->flags & LEX_NUMBER))
            break;
          cur += (double) (lexicon_word_info (d->tg->lex, wa)->value
                           + lexicon_word_info (d->tg->lex, wb)->value);
          j++;
          continue;
        }
      break;
    }
  *value = cur;
  return j - i;
}

typedef struct {
  guint end;          /* first token after the number */
  double value;
  gboolean vague;     /* dozens, hundreds */
  gboolean single;    /* one NUMBER token, no magnitude */
  NumToken nt;        /* that token's shape */
} Number;

/* A number at @i: a NUMBER token (plain or decimal) or number words,
 * then magnitude words (million, bn). */
static gboolean
number_at (const Doc *d, guint i, Number *num)
{
  guint j = i;

  memset (num, 0, sizeof *num);
  if (i >= d->n)
    return FALSE;
  if (d->toks[i].kind == GALLEY_TOKEN_NUMBER)
    {
      number_token (d, i, &num->nt);
      if (num->nt.shape != NS_INT && num->nt.shape != NS_DEC)
        {
          num->end = i + 1;
          num->single = TRUE;
          return num->nt.shape != NS_OTHER && num->nt.shape != NS_NONE;
        }
      num->value = num->nt.value;
      j = i + 1;
    }
  else
    {
      guint k = number_words (d, i, &num->value, &num->vague);

      if (k == 0)
        return FALSE;
      num->nt.shape = NS_INT;
      j = i + k;
    }
  num->single = j == i + 1 && d->toks[i].kind == GALLEY_TOKEN_NUMBER;
  while (j < d->n && (tok_lex (d, &d->toks[j]) & LEX_MAGNITUDE)
         && (d->toks[j].tcase == GALLEY_CASE_LOWER || d->toks[j].tcase == GALLEY_CASE_NONE
             || d->toks[j].end - d->toks[j].start <= 2))
    {
      /* "m" and "b" are magnitudes only glued to the number (8bn, 5m) */
      if (d->toks[j].end - d->toks[j].start <= 2
          && (d->toks[j - 1].tflags & GALLEY_TOKEN_FLAG_SPACE_AFTER)
          && !is_text_ci (d, j, "bn") && !is_text_ci (d, j, "tn") && !is_text_ci (d, j, "mn"))
        break;
      num->value *= (double) lex_value (d, j);
      num->single = FALSE;
      j++;
    }
  num->end = j;
  return TRUE;
}

/* append_int: @v in decimal, zero-padded to @width digits. Hand-written:
 * printf-style formatting cost ~1 500 instructions a number, half the
 * numeric rules' time on the bench corpus. */
static void
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

static void
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
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6g", v));
}

/* append_digits: the norm of an integer token [@p, @end) that
 * parse_number_token() read as NS_INT with at most 15 digits (a sign,
 * then digits and commas), as append_value() would write its value: the
 * digits without the commas and leading zeros, "0" for none, and a
 * minus sign before a value not 0. Below 10^15 the double holds the
 * value exactly, so this is the same text without formatting the value
 * back from it: callgrind, default pipeline on 10,569 real news
 * articles, 19,535 cardinals copied so, append_value() 13.2 M -> 10.5 M
 * instructions, numeric_scan() 84.6 M -> 83.5 M. */
static void
append_digits (GString *s, const char *p, const char *end)
{
  char buf[32];
  gsize n = 0;
  gboolean neg = FALSE;

  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  while (p < end && (*p == '0' || *p == ','))
    p++;
  if (neg && p < end)
    buf[n++] = '-';
  for (; p < end; p++)
    if (*p != ',')
      buf[n++] = *p;
  if (n == 0)
    buf[n++] = '0';
  scratch_append (s, buf, n);
}

/* append_date: YYYY-MM[-DD], with XXXX for an unknown year and no day
 * when @day is 0. The dates the rules find (a year of four digits at
 * most, a month and a day of two) are written into a buffer and copied
 * once: three append_int() and two or three g_string_append_c() calls
 * cost 290 instructions a date (callgrind, 19,497 dates on 10,569 real
 * news articles: append_date 5.7 M -> 1.6 M); any other goes digit by
 * digit as before. */
static void
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
static void
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

/* Starts a norm in the scratch string; finish_norm ends it. */
static guint32
begin_norm (Doc *d)
{
  return d->scratch->len;
}

/* The mention of tokens [a, b) whose norm, begun at @norm_off, is now
 * written: the norm is ended, and its hash is the mention's key, which
 * emit_spans() reads as the cluster's (no rule reads a numeric mention's
 * words' key). Hashed here, where its length is known, rather than the
 * words' key here and the norm's in emit_spans(): callgrind, default
 * pipeline on 10,569 real news articles, one job, 108,932 numeric
 * mentions, the stage 731.1 M -> 725.8 M instructions. */
static Mention *
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

static guint
finish (Doc *d, guint a, guint b, EtType type, guint32 norm_off)
{
  add_normed (d, a, b, type, norm_off);
  return b - a;
}

static guint
finish_text (Doc *d, guint a, guint b, EtType type)
{
  guint32 off = begin_norm (d);

  append_folded (d, d->scratch, a, b);
  return finish (d, a, b, type, off);
}

/* Whether the last mention so far ends at token @end and has @type. */
static gboolean
last_mention_is (const Doc *d, guint end, EtType type)
{
  const Mention *m;

  if (d->n_mentions == 0)
    return FALSE;
  m = &d->mentions[d->n_mentions - 1];
  return m->b == end && m->type == type;
}

static gboolean
is_year (const NumToken *nt)
{
  return nt->shape == NS_INT && nt->n_digits == 4 && !nt->comma
         && nt->value >= 1000 && nt->value <= 2100;
}

static gboolean
is_day (const NumToken *nt)
{
  return nt->shape == NS_INT && nt->n_digits <= 2 && nt->value >= 1 && nt->value <= 31;
}

static gboolean
is_day_at (const Doc *d, guint i, NumToken *nt)
{
  if (i >= d->n || d->toks[i].kind != GALLEY_TOKEN_NUMBER)
    return FALSE;
  number_token (d, i, nt);
  if (nt->shape == NS_ORD && nt->value >= 1 && nt->value <= 31)
    return TRUE;
  return is_day (nt);
}

static gboolean
is_year_at (const Doc *d, guint i, NumToken *nt)
{
  if (i >= d->n || d->toks[i].kind != GALLEY_TOKEN_NUMBER)
    return FALSE;
  number_token (d, i, nt);
  return is_year (nt);
}

gboolean
numeric_is_year (const Doc *d, guint i)
{
  NumToken nt;

  return is_year_at (d, i, &nt);
}

static gboolean
capitalised (const Token *t)
{
  return t->tcase == GALLEY_CASE_TITLE || t->tcase == GALLEY_CASE_UPPER;
}

/* Month [day][,] [year] | month year | month. Returns tokens used and
 * writes the norm; 0 when the month word is not a date here. */
static guint
month_date (Doc *d, guint i, guint start, gboolean need_number)
{
  const Token *t = &d->toks[i];
  int month = (int) lex_value (d, i);
  NumToken nt;
  int day = 0, year = 0;
  guint j = i + 1;
  guint32 off;

  if (is_day_at (d, j, &nt))
    {
      day = (int) nt.value;
      j++;
      if (is_text (d, j, ",") && is_year_at (d, j + 1, &nt))
        {
          year = (int) nt.value;
          j += 2;
        }
      else if (is_year_at (d, j, &nt))
        {
          year = (int) nt.value;
          j++;
        }
    }
  else if (is_year_at (d, j, &nt))
    {
      year = (int) nt.value;
      j++;
    }
  else if (need_number)
    return 0;
  (void) t;
  off = begin_norm (d);
  append_date (d->scratch, year, month, day);
  return finish (d, start, j, ET_DATE, off);
}

/* Whether "May" (or another month that is also a name or a word) at @i
 * is used as a date: a number follows, or a date word comes before. */
static gboolean
month_context (const Doc *d, guint i)
{
  NumToken nt;
  const Token *prev = i > 0 ? &d->toks[i - 1] : NULL;

  if (is_day_at (d, i + 1, &nt) || is_year_at (d, i + 1, &nt))
    return TRUE;
  if (prev == NULL)
    return FALSE;
  if (tok_lex (d, prev) & (LEX_DATE_MOD | LEX_DATE_REL))
    return TRUE;
  if (prev->kind == GALLEY_TOKEN_NUMBER)
    return TRUE;
  return is_text_ci (d, i - 1, "in") || is_text_ci (d, i - 1, "since")
         || is_text_ci (d, i - 1, "until") || is_text_ci (d, i - 1, "by")
         || is_text_ci (d, i - 1, "from") || is_text_ci (d, i - 1, "through")
         || is_text_ci (d, i - 1, "of") || is_text_ci (d, i - 1, "on")
         || is_text_ci (d, i - 1, "before") || is_text_ci (d, i - 1, "after")
         || is_text_ci (d, i - 1, "during") || is_text_ci (d, i - 1, "mid")
         || is_text_ci (d, i - 1, "mid-");
}

/* Time of day after a NUMBER: a.m./p.m. and a time zone. */
static guint
time_of_day (Doc *d, guint i, int hour, int minute)
{
  guint j = i + 1;
  guint32 off;

  if (j < d->n && (tok_lex (d, &d->toks[j]) & LEX_AMPM))
    {
      const char *s = d->text + d->toks[j].start;

      if ((s[0] == 'p' || s[0] == 'P') && hour < 12)
        hour += 12;
      else if ((s[0] == 'a' || s[0] == 'A') && hour == 12)
        hour = 0;
      j++;
    }
  if (j < d->n && (tok_lex (d, &d->toks[j]) & LEX_TIMEZONE) && d->toks[j].tcase == GALLEY_CASE_UPPER)
    j++;
  off = begin_norm (d);
  append_int (d->scratch, hour, 2);
  g_string_append_c (d->scratch, ':');
  append_int (d->scratch, minute, 2);
  return finish (d, i, j, ET_TIME, off);
}

/* A MONEY mention [a, b) of @value in @currency (an ISO code). */
static guint
finish_money (Doc *d, guint a, guint b, const char *currency, double value)
{
  guint32 off = begin_norm (d);

  g_string_append (d->scratch, currency);
  g_string_append_c (d->scratch, ' ');
  append_value (d->scratch, value);
  return finish (d, a, b, ET_MONEY, off);
}

/* A PERCENT mention [a, b) of @value. */
static guint
finish_percent (Doc *d, guint a, guint b, double value)
{
  guint32 off = begin_norm (d);

  append_value (d->scratch, value);
  g_string_append_c (d->scratch, '%');
  return finish (d, a, b, ET_PERCENT, off);
}

/* The patterns after a plain number @num at token @i (an integer or a
 * decimal, with its magnitude words). Each returns the tokens it took
 * from @i, 0 when it does not match; number_patterns tries them in
 * order. */

/* 2 million Ugandan shillings, 5 Hong Kong dollars: capitalised words
 * and a currency name. */
static guint
money_named_currency (Doc *d, guint i, const Number *num)
{
  guint j = num->end;

  for (guint c = j; c < j + 2 && c + 1 < d->n; c++)
    {
      const Token *ct = &d->toks[c];

      if (ct->tcase != GALLEY_CASE_TITLE && ct->tcase != GALLEY_CASE_UPPER)
        break;
      if ((tok_lex (d, &d->toks[c + 1]) & LEX_CURRENCY) && d->toks[c + 1].tcase == GALLEY_CASE_LOWER)
        return finish_money (d, i, c + 2,
                             lexicon_word_info (d->tg->lex, d->toks[c + 1].wid)->currency,
                             num->value);
    }
  return 0;
}

/* 95 billion dollars, 10 euros, 50 cents. */
static guint
money_currency_word (Doc *d, guint i, const Number *num)
{
  guint j = num->end;
  double v = num->value;

  if (!(j < d->n && (tok_lex (d, &d->toks[j]) & LEX_CURRENCY)
        && (d->toks[j].tcase != GALLEY_CASE_UPPER || d->toks[j].end - d->toks[j].start == 3)))
    return 0;
  if (is_text_ci (d, j, "cents") || is_text_ci (d, j, "cent") || is_text_ci (d, j, "pence"))
    v /= 100;
  return finish_money (d, i, j + 1, lexicon_word_info (d->tg->lex, d->toks[j].wid)->currency, v);
}

/* 3.5%, 12 percent, 12 per cent, 2 percentage points ("percentage"
 * alone is no percent). */
static guint
percent (Doc *d, guint i, const Number *num)
{
  guint j = num->end;

  if (j < d->n && (tok_lex (d, &d->toks[j]) & LEX_PERCENT))
    {
      if (!is_text_ci (d, j, "percentage"))
        return finish_percent (d, i, j + 1, num->value);
      if (is_text_ci (d, j + 1, "points"))
        return finish_percent (d, i, j + 2, num->value);
      return 0;
    }
  if (is_text_ci (d, j, "per") && is_text_ci (d, j + 1, "cent"))
    return finish_percent (d, i, j + 2, num->value);
  return 0;
}

/* 40 km, 100 square miles. */
static guint
quantity (Doc *d, guint i, const Number *num)
{
  guint j = num->end, u = j;
  guint32 off;

  if (is_text_ci (d, u, "square") || is_text_ci (d, u, "cubic"))
    u++;
  if (!(u < d->n && (tok_lex (d, &d->toks[u]) & LEX_UNIT) && !(tok_lex (d, &d->toks[u]) & LEX_DATE_UNIT)
        && d->toks[u].kind == GALLEY_TOKEN_WORD
        && (d->toks[u].tcase == GALLEY_CASE_LOWER || d->toks[u].end - d->toks[u].start <= 3)))
    return 0;
  off = begin_norm (d);
  append_value (d->scratch, num->value);
  g_string_append_c (d->scratch, ' ');
  append_folded (d, d->scratch, j, u + 1);
  return finish (d, i, u + 1, ET_QUANTITY, off);
}

/* An age: "Sarkozy, 68, said"; "aged 19". A name not typed yet before
 * ", 54," is a person's. */
static guint
age (Doc *d, guint i, const Number *num)
{
  guint j = num->end;
  Mention *prev;

  if (!(num->value >= 1 && num->value <= 120 && num->nt.n_digits <= 3 && i >= 2
        && ((is_text (d, i - 1, ",")
             && (last_mention_is (d, i - 1, ET_PERSON) || last_mention_is (d, i - 1, ET_NONE))
             && (is_text (d, j, ",") || is_text (d, j, ".") || j >= d->n))
            || is_text_ci (d, i - 1, "aged"))))
    return 0;
  /* "He was aged 19": there may be no mention before */
  prev = d->n_mentions > 0 ? &d->mentions[d->n_mentions - 1] : NULL;
  if (prev != NULL && prev->b == i - 1 && prev->type == ET_NONE)
    {
      prev->type = ET_PERSON;
      prev->strength = 1;
    }
  return finish_text (d, i, j, ET_DATE);
}

/* 3 May, 3 May 2024. */
static guint
day_month (Doc *d, guint i, const Number *num)
{
  guint j = num->end, e = j + 1;
  int year = 0;
  NumToken nt;
  guint32 off;

  if (!(is_day (&num->nt) && has_lex (d, j, LEX_MONTH) && capitalised (&d->toks[j])))
    return 0;
  if (is_year_at (d, e, &nt))
    {
      year = (int) nt.value;
      e++;
    }
  off = begin_norm (d);
  append_date (d->scratch, year, (int) lex_value (d, j), (int) num->value);
  return finish (d, i, e, ET_DATE, off);
}

/* One integer token alone: 5 pm, an age, 3 May 2024, a year. */
static guint
single_integer (Doc *d, guint i, const Number *num)
{
  guint r;

  if (!(num->single && num->nt.shape == NS_INT))
    return 0;
  if (num->value >= 1 && num->value <= 12 && has_lex (d, num->end, LEX_AMPM))
    return time_of_day (d, i, (int) num->value, 0);
  if ((r = age (d, i, num)) > 0 || (r = day_month (d, i, num)) > 0)
    return r;
  if (is_year (&num->nt) && num->value >= 1800)
    {
      guint32 off = begin_norm (d);

      append_int (d->scratch, (gint64) num->value, 4);
      return finish (d, i, num->end, ET_DATE, off);
    }
  return 0;
}

/* two years ago, five days; three hours. */
static guint
duration (Doc *d, guint i, const Number *num)
{
  guint j = num->end, e = j + 1;

  if (!(j < d->n && (tok_lex (d, &d->toks[j]) & (LEX_DATE_UNIT | LEX_TIME_UNIT))
        && d->toks[j].tcase == GALLEY_CASE_LOWER))
    return 0;
  if (has_lex (d, e, LEX_DATE_AGO))
    e++;
  return finish_text (d, i, e, (tok_lex (d, &d->toks[j]) & LEX_TIME_UNIT) ? ET_TIME : ET_DATE);
}

/* A cardinal; "one" as a pronoun (no one, the one) is not. */
static guint
cardinal (Doc *d, guint i, const Number *num)
{
  guint32 off;

  if (!num->single && num->end == i + 1 && is_text_ci (d, i, "one") && i > 0
      && (tok_lex (d, &d->toks[i - 1]) & (LEX_DETERMINER | LEX_COMMON))
      && !(tok_lex (d, &d->toks[i - 1]) & (LEX_APPROX | LEX_LOC_PREP)))
    return 0;
  off = begin_norm (d);
  if (num->vague)
    append_folded (d, d->scratch, i, num->end);
  else if (num->single && num->nt.shape == NS_INT && num->nt.n_digits <= 15)
    append_digits (d->scratch, d->text + d->toks[i].start, d->text + d->toks[i].end);
  else
    append_value (d->scratch, num->value);
  return finish (d, i, num->end, ET_CARDINAL, off);
}

/* The 21st century, the 3rd of May, 21st. */
static guint
ordinal_number (Doc *d, guint i, const Number *num)
{
  guint32 off;

  if (is_text_ci (d, i + 1, "century"))
    return finish_text (d, i, i + 2, ET_DATE);
  if (is_text_ci (d, i + 1, "of") && has_lex (d, i + 2, LEX_MONTH)
      && capitalised (&d->toks[i + 2]))
    {
      off = begin_norm (d);
      append_date (d->scratch, 0, (int) lex_value (d, i + 2), (int) num->nt.value);
      return finish (d, i, i + 3, ET_DATE, off);
    }
  off = begin_norm (d);
  append_value (d->scratch, num->nt.value);
  return finish (d, i, i + 1, ET_ORDINAL, off);
}

/* A number token of another shape: a time, a decade, an ordinal, a date,
 * a range. */
static guint
shaped_number (Doc *d, guint i, const Number *num)
{
  const Token *t = &d->toks[i];
  const char *dash;
  guint32 off;

  switch (num->nt.shape)
    {
    case NS_TIME:
      return time_of_day (d, i, num->nt.hour, num->nt.minute);
    case NS_DECADE:
      return finish_text (d, i, i + 1, ET_DATE);
    case NS_ORD:
      return ordinal_number (d, i, num);
    case NS_DATE:
      off = begin_norm (d);
      append_date (d->scratch, num->nt.year, num->nt.month, num->nt.day);
      return finish (d, i, i + 1, ET_DATE, off);
    case NS_RANGE:
      /* 2020-2024 is a date range; 10-12 a cardinal range */
      dash = memchr (d->text + t->start, '-', t->end - t->start);
      if (num->nt.n_digits == 4 && dash != NULL && d->text + t->end - dash == 5)
        return finish_text (d, i, i + 1, ET_DATE);
      return finish_text (d, i, i + 1, ET_CARDINAL);
    default:
      return 0;
    }
}

/* The number at token @i and what follows it: money, percent, quantity,
 * dates and times, a cardinal. @start is where the mention starts (a
 * currency symbol before @i, whose code is @currency), else @i. */
static guint
number_patterns (Doc *d, guint i, guint start, const char *currency)
{
  Number num;
  guint r;

  if (!number_at (d, i, &num))
    return 0;
  if (currency != NULL)
    return finish_money (d, start, num.end, currency, num.value);
  if (num.nt.shape != NS_INT && num.nt.shape != NS_DEC)
    return shaped_number (d, i, &num);
  if ((r = money_named_currency (d, i, &num)) > 0
      || (r = money_currency_word (d, i, &num)) > 0
      || (r = percent (d, i, &num)) > 0
      || (r = quantity (d, i, &num)) > 0
      || (r = single_integer (d, i, &num)) > 0
      || (r = duration (d, i, &num)) > 0)
    return r;
  return cardinal (d, i, &num);
}

/* Relative and modified dates: late Friday, last year, earlier this
 * month, this morning, the past two years, next week. */
static guint
relative_date (Doc *d, guint i)
{
  guint j = i;
  Number num;

  if (has_lex (d, j, LEX_DATE_MOD) && d->toks[j].tcase != GALLEY_CASE_UPPER)
    j++;
  if (has_lex (d, j, LEX_DATE_REL) && d->toks[j].tcase != GALLEY_CASE_UPPER)
    {
      guint k = j + 1;

      /* the past two years */
      if (number_at (d, k, &num) && num.nt.shape == NS_INT && has_lex (d, num.end, LEX_DATE_UNIT))
        return finish_text (d, i, num.end + 1, ET_DATE);
      if (has_lex (d, k, LEX_TIME_PART) || is_text_ci (d, k, "night"))
        return finish_text (d, i, k + 1, ET_TIME);
      if (has_lex (d, k, LEX_DATE_UNIT) && d->toks[k].tcase == GALLEY_CASE_LOWER)
        return finish_text (d, i, k + 1, ET_DATE);
      if (has_lex (d, k, LEX_WEEKDAY) && capitalised (&d->toks[k]))
        {
          if (has_lex (d, k + 1, LEX_TIME_PART))
            return finish_text (d, i, k + 2, ET_TIME);
          return finish_text (d, i, k + 1, ET_DATE);
        }
      if (has_lex (d, k, LEX_MONTH) && capitalised (&d->toks[k]))
        return finish_text (d, i, k + 1, ET_DATE);
      return 0;
    }
  if (j == i)
    return 0;
  /* early Friday, late 2023, mid-May, later today */
  if (has_lex (d, j, LEX_WEEKDAY) && capitalised (&d->toks[j]))
    {
      if (has_lex (d, j + 1, LEX_TIME_PART))
        return finish_text (d, i, j + 2, ET_TIME);
      return finish_text (d, i, j + 1, ET_DATE);
    }
  if (has_lex (d, j, LEX_MONTH) && capitalised (&d->toks[j]))
    return month_date (d, j, i, FALSE);
  if (has_lex (d, j, LEX_DATE_WORD))
    return finish_text (d, i, j + 1, ET_DATE);
  if (j < d->n && d->toks[j].kind == GALLEY_TOKEN_NUMBER)
    {
      NumToken nt;

      if (is_year_at (d, j, &nt))
        return finish_text (d, i, j + 1, ET_DATE);
      number_token (d, j, &nt);
      if (nt.shape == NS_DECADE)
        return finish_text (d, i, j + 1, ET_DATE);
    }
  return 0;
}

/* 24-year-old, 6-month-old: an age, which OntoNotes calls a DATE. */
static gboolean
is_age_token (const Doc *d, const Token *t)
{
  static const TextLit units[] = {
    TEXT_LIT ("-year-old"), TEXT_LIT ("-year-olds"), TEXT_LIT ("-years-old"),
    TEXT_LIT ("-month-old"), TEXT_LIT ("-week-old"), TEXT_LIT ("-day-old"),
  };
  const char *s = d->text + t->start;
  gsize len = t->end - t->start, n = 0;

  /* the shortest is "1-day-old": most numbers stop here, before their
   * digits are counted */
  if (len < 9)
    return FALSE;
  while (n < len && g_ascii_isdigit (s[n]))
    n++;
  /* every age has its hyphen right after the digits: the others stop
   * here, before the six spellings (a strlen each cost 6 M on
   * 10,569 real news articles) */
  if (n == 0 || n > 3 || n == len || s[n] != '-')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (len - n == units[i].len && g_ascii_strncasecmp (s + n, units[i].s, len - n) == 0)
      return TRUE;
  return FALSE;
}

/* April-June: a range of months in one token. */
static gboolean
is_month_range (const Doc *d, const Token *t)
{
  const char *s = d->text + t->start;
  const char *dash = memchr (s, '-', t->end - t->start);
  char a[16], b[16];
  int la, lb;
  guint32 wa, wb;

  if (dash == NULL)
    return FALSE;
  la = lexicon_fold (s, dash - s, a, sizeof a);
  lb = lexicon_fold (dash + 1, d->text + t->end - dash - 1, b, sizeof b);
  if (la <= 0 || lb <= 0)
    return FALSE;
  wa = lexicon_word_id (d->tg->lex, a, la, lexicon_hash (a, la));
  wb = lexicon_word_id (d->tg->lex, b, lb, lexicon_hash (b, lb));
  return wa != LEX_NO_WORD && wb != LEX_NO_WORD
         && (lexicon_word_info (d->tg->lex, wa)->flags & LEX_MONTH)
         && (lexicon_word_info (d->tg->lex, wb)->flags & LEX_MONTH);
}

static inline gboolean
numberish (const Doc *d, guint j)
{
  return j < d->n && (d->toks[j].kind == GALLEY_TOKEN_NUMBER
                      || (tok_lex (d, &d->toks[j]) & (LEX_NUMBER | LEX_CURRENCY_SYM | LEX_INDEFINITE)));
}

/* Words before a number that belong to its span: about, nearly, more
 * than, at least, up to, as many as. Returns how many tokens. */
static guint
approx_len (const Doc *d, guint i)
{
  const Token *t = &d->toks[i];

  if (t->kind != GALLEY_TOKEN_WORD || t->tcase == GALLEY_CASE_UPPER
      || !(tok_lex (d, t) & (LEX_APPROX | LEX_APPROX_HEAD)))
    return 0;
  /* approximators matter only before a number: most "at", "as", "over"
   * are not, and leave here */
  if (!numberish (d, i + 1) && !numberish (d, i + 2) && !numberish (d, i + 3))
    return 0;
  if ((is_text_ci (d, i, "more") || is_text_ci (d, i, "less") || is_text_ci (d, i, "fewer")
       || is_text_ci (d, i, "greater") || is_text_ci (d, i, "higher") || is_text_ci (d, i, "lower"))
      && is_text (d, i + 1, "than"))
    return 2;
  if (is_text_ci (d, i, "at") && (is_text (d, i + 1, "least") || is_text (d, i + 1, "most")))
    return 2;
  if ((is_text_ci (d, i, "up") || is_text_ci (d, i, "close")) && is_text (d, i + 1, "to"))
    return 2;
  if (is_text_ci (d, i, "as") && (is_text (d, i + 1, "many") || is_text (d, i + 1, "much")
                                  || is_text (d, i + 1, "few") || is_text (d, i + 1, "little"))
      && is_text (d, i + 2, "as"))
    return 3;
  if ((tok_lex (d, t) & LEX_APPROX) || is_text_ci (d, i, "only") || is_text_ci (d, i, "just")
      || is_text_ci (d, i, "nearly") || is_text_ci (d, i, "almost"))
    return 1;
  return 0;
}

/* third-largest, second-biggest: the ordinal part of the token. */
static guint
hyphen_ordinal (Doc *d, guint i)
{
  const Token *t = &d->toks[i];
  const char *s = d->text + t->start;
  const char *dash = memchr (s, '-', t->end - t->start);
  char buf[16];
  int n;
  guint32 wid;
  guint32 off;
  Mention *m;

  if (dash == NULL || dash == s)
    return 0;
  n = lexicon_fold (s, dash - s, buf, sizeof buf);
  if (n <= 0)
    return 0;
  wid = lexicon_word_id (d->tg->lex, buf, n, lexicon_hash (buf, n));
  if (wid == LEX_NO_WORD || !(lexicon_word_info (d->tg->lex, wid)->flags & LEX_ORDINAL))
    return 0;
  off = begin_norm (d);
  append_value (d->scratch, (double) lexicon_word_info (d->tg->lex, wid)->value);
  m = add_normed (d, i, i + 1, ET_ORDINAL, off);
  m->byte_end = (guint32) (dash - d->text);
  return 1;
}

static guint numeric_core (Doc *d, guint i);

/* The classes whose words start a pattern of numeric_core()'s own. */
#define CORE_STARTS \
  (LEX_NUMBER | LEX_ORDINAL | LEX_CURRENCY | LEX_CURRENCY_SYM | LEX_MONTH | LEX_WEEKDAY \
   | LEX_DATE_WORD | LEX_TIME_WORD | LEX_DATE_REL | LEX_DATE_MOD)

/* starts_nothing: whether numeric_core() surely matches nothing at word
 * @i, a known word of none of CORE_STARTS: the approximators' words and
 * a, an (about, at, as, more), which the scan tries for the
 * approximators. numeric_core() can only take such a word as letters
 * before "$" (AN$3: money_after_currency) or as a period's a, an (a week
 * earlier: indefinite_period); this tests what both need first. On
 * 10,569 real news articles 70,415 of the 77,149 tries of such words
 * matched nothing, each through all of numeric_core()'s tests. */
static inline gboolean
starts_nothing (const Doc *d, guint i)
{
  const Token *t = &d->toks[i];
  guint64 lex = tok_lex (d, t);

  if (t->kind != GALLEY_TOKEN_WORD || !tok_known (t) || (lex & CORE_STARTS)
      || g_ascii_isdigit (d->text[t->start]) || i + 1 >= d->n)
    return FALSE;
  if (!(t->tflags & GALLEY_TOKEN_FLAG_SPACE_AFTER))
    return FALSE;
  return !((lex & LEX_INDEFINITE) && t->tcase == GALLEY_CASE_LOWER
           && (tok_lex (d, &d->toks[i + 1]) & (LEX_ORDINAL | LEX_DATE_UNIT)));
}

/* numeric_scan() at a word of LEX_APPROX or LEX_APPROX_HEAD (about, at,
 * as, more): an approximator and the number after it, else the word
 * alone. */
static G_GNUC_NO_INLINE guint
scan_approx (Doc *d, guint i)
{
  guint k = approx_len (d, i);

  if (k > 0 && i + k < d->n)
    {
      guint before = d->n_mentions;
      guint r = numeric_core (d, i + k);

      if (r == 0)
        return 0;
      if (d->n_mentions > before)
        {
          Mention *m = &d->mentions[d->n_mentions - 1];

          if (m->a == i + k
              && (m->type == ET_CARDINAL || m->type == ET_MONEY || m->type == ET_PERCENT
                  || m->type == ET_QUANTITY
                  || ((m->type == ET_DATE || m->type == ET_TIME)
                      && (d->toks[m->a].kind == GALLEY_TOKEN_NUMBER
                          || (tok_lex (d, &d->toks[m->a]) & LEX_NUMBER)))))
            {
              m->a = i;  /* its key, its norm's hash, stays */
              for (guint j = i; j < i + k; j++)
                d->toks[j].used = 1;
            }
        }
      return k + r;
    }
  if (starts_nothing (d, i))
    return 0;
  return numeric_core (d, i);
}

/* The approximators' words go to a function of their own, so that this
 * one, which refuses most other words at once, saves no registers and
 * ends in a tail call: approx_len() inline here made every try pay its
 * saved registers (17 instructions a try, 3.6 M for 204,973 tries on
 * 10,569 real news articles; callgrind, default pipeline:
 * numeric_scan() 87.4 M -> 84.6 M instructions). Out of line as well,
 * date_word_patterns() and money_after_currency() cost more than they
 * saved numeric_core() (4.8 M more instructions; the first alone 1.1 M). */
guint
numeric_scan (Doc *d, guint i)
{
  const Token *t = &d->toks[i];

  if (t->kind == GALLEY_TOKEN_WORD && t->tcase != GALLEY_CASE_UPPER
      && (tok_lex (d, t) & (LEX_APPROX | LEX_APPROX_HEAD)))
    return scan_approx (d, i);
  if (starts_nothing (d, i))
    return 0;
  return numeric_core (d, i);
}

/* US$, HK$, A$: the currency a letters prefix gives the dollar sign. */
static const struct {
  const char *prefix;
  const char *code;
} dollar_prefixes[] = {
  { "US", "USD" }, { "HK", "HKD" }, { "A", "AUD" }, { "AU", "AUD" }, { "C", "CAD" },
  { "CA", "CAD" }, { "NZ", "NZD" }, { "S", "SGD" },
};

static const char *
dollar_prefix_code (const Doc *d, const Token *t)
{
  for (guint k = 0; k < G_N_ELEMENTS (dollar_prefixes); k++)
    if (tok_text_eq (d, t, dollar_prefixes[k].prefix))
      return dollar_prefixes[k].code;
  return "USD";   /* any other capitals before "$" */
}

/* Money after a currency at token @i: $95 billion, US$5, USD 5 million.
 * 0 when none. */
static guint
money_after_currency (Doc *d, guint i)
{
  const Token *t = &d->toks[i];
  guint r;

  /* $95 billion */
  if ((tok_lex (d, t) & LEX_CURRENCY_SYM)
      && (t->kind == GALLEY_TOKEN_SYMBOL || t->kind == GALLEY_TOKEN_ABBREV
          || t->tcase != GALLEY_CASE_LOWER)
      && (r = number_patterns (d, i + 1, i, lexicon_word_info (d->tg->lex, t->wid)->currency)) > 0)
    return r;
  /* US$5, HK$10 */
  if (is_dollar_prefix (d, i)
      && (r = number_patterns (d, i + 2, i, dollar_prefix_code (d, t))) > 0)
    return r;
  /* USD 5 million */
  if ((tok_lex (d, t) & LEX_CURRENCY) && t->tcase == GALLEY_CASE_UPPER && t->end - t->start == 3
      && i + 1 < d->n && d->toks[i + 1].kind == GALLEY_TOKEN_NUMBER
      && (r = number_patterns (d, i + 1, i, lexicon_word_info (d->tg->lex, t->wid)->currency)) > 0)
    return r;
  return 0;
}

/* The patterns that start with a word of the lexicon's date classes.
 * Each returns the tokens it took, 0 when it does not match. */

/* a week, a year earlier, a second day */
static guint
indefinite_period (Doc *d, guint i)
{
  guint j = i + 1, e;

  if (has_lex (d, j, LEX_ORDINAL))
    j++;
  if (!(has_lex (d, j, LEX_DATE_UNIT) && d->toks[j].tcase == GALLEY_CASE_LOWER
        && !is_text (d, j, "fall") && !is_text (d, j, "term") && !is_text (d, j, "season")))
    return 0;
  e = j + 1;
  if (has_lex (d, e, LEX_DATE_AGO) || is_text (d, e, "earlier") || is_text (d, e, "later"))
    e++;
  return finish_text (d, i, e, ET_DATE);
}

/* today, tonight; yesterday morning, tomorrow night (a TIME) */
static guint
date_word (Doc *d, guint i)
{
  if (has_lex (d, i + 1, LEX_TIME_PART) || is_text_ci (d, i + 1, "night"))
    return finish_text (d, i, i + 2, ET_TIME);
  return finish_text (d, i, i + 1, ET_DATE);
}

/* Friday; Friday night (a TIME); Friday, May 3, 2024 */
static guint
weekday (Doc *d, guint i)
{
  guint j = i + 1;
  NumToken nt;

  if (has_lex (d, j, LEX_TIME_PART))
    return finish_text (d, i, j + 1, ET_TIME);
  if (is_text (d, j, ",") && has_lex (d, j + 1, LEX_MONTH) && capitalised (&d->toks[j + 1])
      && is_day_at (d, j + 2, &nt))
    return month_date (d, j + 1, i, TRUE);
  return finish_text (d, i, i + 1, ET_DATE);
}

/* May 2024, May 3; not April Ryan, June Carter (a name), nor May the
 * modal verb outside a date context. */
static guint
month_word (Doc *d, guint i)
{
  const Token *t = &d->toks[i];
  const Token *prev = i > 0 ? &d->toks[i - 1] : NULL;

  /* a given name before: April Ryan's surname, June Carter Cash */
  if (prev != NULL && prev->cap != CAP_NO && (tok_lex (d, prev) & LEX_GIVEN))
    return 0;
  /* May: the modal verb and the name; a date only in a date context */
  if ((tok_lex (d, t) & LEX_COMMON) && !month_context (d, i))
    return 0;
  /* April, June, August before a capitalised word: a name */
  if ((tok_lex (d, t) & LEX_GIVEN) && i + 1 < d->n && d->toks[i + 1].cap == CAP_STRONG
      && !month_context (d, i))
    return 0;
  if (t->kind == GALLEY_TOKEN_ABBREV || t->end - t->start <= 3)
    return month_date (d, i, i, !month_context (d, i));
  return month_date (d, i, i, FALSE);
}

/* the second quarter, the first half (DATE); first, third (ORDINAL) */
static guint
ordinal_word (Doc *d, guint i)
{
  guint32 off;

  if (((has_lex (d, i + 1, LEX_DATE_UNIT) && !is_text (d, i + 1, "term")
        && !is_text (d, i + 1, "season"))
       || is_text (d, i + 1, "half"))
      && d->toks[i + 1].tcase == GALLEY_CASE_LOWER)
    return finish_text (d, i, i + 2, ET_DATE);
  /* second as a unit of time: "a second", "seconds" are not ordinals */
  if (is_text_ci (d, i, "second") && i > 0 && is_text_ci (d, i - 1, "a"))
    return 0;
  off = begin_norm (d);
  append_value (d->scratch, (double) lex_value (d, i));
  return finish (d, i, i + 1, ET_ORDINAL, off);
}

/* A known word at @i: the pattern its class starts. */
static guint
date_word_patterns (Doc *d, guint i)
{
  const Token *t = &d->toks[i];
  guint r;

  if ((tok_lex (d, t) & LEX_INDEFINITE) && t->tcase == GALLEY_CASE_LOWER)
    return indefinite_period (d, i);
  if ((tok_lex (d, t) & (LEX_DATE_MOD | LEX_DATE_REL)) && (r = relative_date (d, i)) > 0)
    return r;
  if ((tok_lex (d, t) & LEX_DATE_WORD) && t->tcase != GALLEY_CASE_UPPER)
    return date_word (d, i);
  if ((tok_lex (d, t) & LEX_TIME_WORD) && t->tcase != GALLEY_CASE_UPPER)
    return finish_text (d, i, i + 1, ET_TIME);
  if ((tok_lex (d, t) & LEX_WEEKDAY) && capitalised (t) && t->end - t->start > 4)
    return weekday (d, i);
  if ((tok_lex (d, t) & LEX_MONTH) && capitalised (t))
    return month_word (d, i);
  if ((tok_lex (d, t) & LEX_ORDINAL) && !(tok_lex (d, t) & LEX_MONTH))
    return ordinal_word (d, i);
  return 0;
}

/* The patterns at token @i, without approximators: ages, money after a
 * currency, numbers, and the date words. */
static guint
numeric_core (Doc *d, guint i)
{
  const Token *t = &d->toks[i];
  guint r;

  if (is_age_token (d, t))
    return finish_text (d, i, i + 1, ET_DATE);
  if ((r = money_after_currency (d, i)) > 0)
    return r;
  if (t->kind == GALLEY_TOKEN_NUMBER || (tok_lex (d, t) & LEX_NUMBER))
    return number_patterns (d, i, i, NULL);
  if (t->kind != GALLEY_TOKEN_WORD && t->kind != GALLEY_TOKEN_ABBREV)
    return 0;
  if (!tok_known (t))
    {
      if (t->tcase != GALLEY_CASE_LOWER && is_month_range (d, t))
        return finish_text (d, i, i + 1, ET_DATE);
      return hyphen_ordinal (d, i);
    }
  if (tok_lex (d, t) == 0)
    return 0;
  return date_word_patterns (d, i);
}
