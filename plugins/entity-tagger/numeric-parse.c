/* numeric-parse.c: reading numbers: a NUMBER token's shape and value
 * (8,000, 3.5, 5:30, 1990s, 21st, 2024-04-26, 2020-2024), a run of number
 * words (twenty-five, one hundred) and its magnitude words (million, bn),
 * and the days and years the date patterns ask for.
 */
#include "config.h"

#include <string.h>

#include "numeric-private.h"

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

/* "300p", "270.25p": British news writes pence so (issue 17,
 * fifty-sixth round). */
static gboolean
pence_suffix (const char *p, const char *end)
{
  return end - p == 1 && *p == 'p';
}

/* 720p, 1080p: a video's lines, not pence */
static gboolean
video_lines (double v)
{
  return v == 240 || v == 360 || v == 480 || v == 576 || v == 720 || v == 1080 || v == 1440
         || v == 2160 || v == 4320;
}

/* Whether @num/@den is a fraction as markets quote them: halves to
 * sixty-fourths, reduced, so the numerator odd and smaller ("9/11",
 * "24/7", "4/8" are not; a date such as "3/4" still reads as one) */
static gboolean
market_fraction (double num, int den)
{
  /* the range first: a numerator of any size reaches here, and only
   * one under 64 may become an int */
  return num >= 1 && num < den && ((int) num & 1)
         && (den == 2 || den == 4 || den == 8 || den == 16 || den == 32 || den == 64);
}

/* Whether @first/@second (@nb digits) names two years that follow each
 * other, a season or a fiscal year: 1986/87, 1999/2000 */
static gboolean
season_years (const NumToken *nt, double first, int second, guint nb)
{
  /* four digits first: below 10,000, the year is an int */
  return nt->n_digits == 4 && !nt->comma && first >= 1800
         && ((nb == 2 && second == ((int) first + 1) % 100) || (nb == 4 && second == (int) first + 1));
}

/* Reads a NUMBER token's shape and value. */
void
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
      nt->shape = p == end ? NS_DEC : pence_suffix (p, end) ? NS_PENCE : NS_OTHER;
      return;
    }
  nt->value = neg ? -v : v;
  if (pence_suffix (p, end) && !video_lines (v))
    {
      nt->shape = NS_PENCE;
      return;
    }
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
          /* 2020-2024, 10-12; 24/7 and 9/11 are not ranges; 3/8 is a
           * fraction; 1986/87 a season (issue 17, fifty-ninth round) */
          if (sep == '-' || season_years (nt, v, b, nb))
            nt->shape = NS_RANGE;
          else if (market_fraction (v, b) && !neg)
            {
              nt->shape = NS_DEC;
              nt->value = v / b;
            }
          return;
        }
      /* 1-1/2, 22-1/4: a whole number and a fraction, as the markets
       * quote prices and rates (issue 17, fifty-ninth round: 1,449 on
       * news-dev were no number at all) */
      if (sep == '-' && *q == '/')
        {
          int c = digits_value (q + 1, end, &r);

          if (r == end && market_fraction (b, c))
            {
              nt->shape = NS_DEC;
              nt->value = neg ? -(v + (double) b / c) : v + (double) b / c;
            }
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

/* A number at @i: a NUMBER token (plain or decimal) or number words,
 * then magnitude words (million, bn). */
gboolean
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

gboolean
is_day_at (const Doc *d, guint i, NumToken *nt)
{
  if (i >= d->n || d->toks[i].kind != GALLEY_TOKEN_NUMBER)
    return FALSE;
  number_token (d, i, nt);
  if (nt->shape == NS_ORD && nt->value >= 1 && nt->value <= 31)
    return TRUE;
  return is_day (nt);
}

gboolean
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
