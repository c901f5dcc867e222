/* numeric-private.h: what the files of the numeric patterns share
 * (numeric.c, the scan and the patterns after a number;
 * numeric-parse.c, reading number tokens and number words;
 * numeric-norm.c, writing the normalised forms and ending the mentions;
 * numeric-dates.c, the patterns of dates and times). Private to the
 * stage: tagger.h declares the entry points, numeric_scan() and
 * numeric_is_year().
 *
 * The small helpers the patterns call at every try are static inline
 * here, so each file inlines them as numeric.c did when it held them all
 * (is_text_ci() and has_lex() run for most tokens the scan tries).
 *
 * What the split into files cost: a call from one file into another is
 * not inlined, and its caller must keep what it needs across the call
 * as if the callee used every call-clobbered register. Callgrind, default
 * pipeline, one job, 10,569 real news articles: these files' functions
 * 76.57 M -> 78.12 M instructions, the stage 652.41 M -> 653.99 M
 * (+0.24%), the run 1,410.69 M -> 1,412.08 M; spread over the calls
 * between the files (number_at() 77,642 times from the number patterns,
 * add_normed() once a mention, 108,932; the date patterns 43,671; a few
 * instructions each). Two choices keep it there: append_digits() below
 * and date_word_patterns() staying in numeric.c (see there).
 */
#ifndef NUMERIC_PRIVATE_H
#define NUMERIC_PRIVATE_H

#include "tagger.h"

G_BEGIN_DECLS

typedef enum {
  NS_NONE,
  NS_INT,      /* 8,000 42 */
  NS_DEC,      /* 3.5 */
  NS_TIME,     /* 5:30 */
  NS_DECADE,   /* 1990s */
  NS_ORD,      /* 21st */
  NS_DATE,     /* 2024-04-26 4/26/2024 */
  NS_RANGE,    /* 2020-2024 10-12 */
  NS_PENCE,    /* 300p 270.25p */
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

typedef struct {
  guint end;          /* first token after the number */
  double value;
  gboolean vague;     /* dozens, hundreds */
  gboolean single;    /* one NUMBER token, no magnitude */
  NumToken nt;        /* that token's shape */
} Number;

/* numeric-parse.c */

/* Reads a NUMBER token's shape and value. */
void parse_number_token (const char *s, gsize len, NumToken *nt);
/* A number at @i: a NUMBER token (plain or decimal) or number words,
 * then magnitude words (million, bn). */
gboolean number_at (const Doc *d, guint i, Number *num);
/* A day (1 to 31, or 1st to 31st), a year (1000 to 2100) at token @i;
 * @nt gets its shape. */
gboolean is_day_at (const Doc *d, guint i, NumToken *nt);
gboolean is_year_at (const Doc *d, guint i, NumToken *nt);

static inline void
number_token (const Doc *d, guint i, NumToken *nt)
{
  const Token *t = &d->toks[i];

  parse_number_token (d->text + t->start, t->end - t->start, nt);
}

/* the token @i when it has a lexicon class and @len bytes, else NULL */
static inline const Token *
classed_token_of_len (const Doc *d, guint i, gsize len)
{
  const Token *t;

  if (i >= d->n)
    return NULL;
  t = &d->toks[i];
  if (tok_lex (d, t) == 0 || t->end - t->start != len)
    return NULL;
  return t;
}

/* Spelling tests for the few words the rules name (flagged
 * LEX_NUMERIC_WORD or another class): the flag test comes first, so a
 * token that is none of them costs no string compare. */
static inline gboolean
is_text (const Doc *d, guint i, const char *s)
{
  gsize len = __builtin_strlen (s);
  const Token *t = classed_token_of_len (d, i, len);

  return t && memcmp (d->text + t->start, s, len) == 0;
}

static inline gboolean
is_text_ci (const Doc *d, guint i, const char *s)
{
  gsize len = __builtin_strlen (s);
  const Token *t = classed_token_of_len (d, i, len);

  if (!t)
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

static inline gboolean
has_lex (const Doc *d, guint i, guint64 flags)
{
  return i < d->n && (tok_lex (d, &d->toks[i]) & flags) != 0;
}

static inline gint64
lex_value (const Doc *d, guint i)
{
  return lexicon_word_info (d->tg->lex, d->toks[i].wid)->value;
}

static inline gboolean
is_year (const NumToken *nt)
{
  return nt->shape == NS_INT && nt->n_digits == 4 && !nt->comma
         && nt->value >= 1000 && nt->value <= 2100;
}

static inline gboolean
is_day (const NumToken *nt)
{
  return nt->shape == NS_INT && nt->n_digits <= 2 && nt->value >= 1 && nt->value <= 31;
}

static inline gboolean
capitalised (const Token *t)
{
  return t->tcase == GALLEY_CASE_TITLE || t->tcase == GALLEY_CASE_UPPER;
}

/* numeric-norm.c: the norms, written at the end of Doc.scratch, and the
 * mentions they end. */

void append_int (GString *s, gint64 v, int width);
void append_value (GString *s, double v);
void append_date (GString *s, int year, int month, int day);
void append_folded (const Doc *d, GString *s, guint a, guint b);
Mention *add_normed (Doc *d, guint a, guint b, EtType type, guint32 norm_off);
gboolean timezone_at (const Doc *d, guint j, gboolean *dot);
guint finish_money (Doc *d, guint a, guint b, const char *currency, double value);
guint finish_percent (Doc *d, guint a, guint b, double value);

/* append_digits: the norm of an integer token [@p, @end) that
 * parse_number_token() read as NS_INT with at most 15 digits (a sign,
 * then digits and commas), as append_value() would write its value: the
 * digits without the commas and leading zeros, "0" for none, and a
 * minus sign before a value not 0. Below 10^15 the double holds the
 * value exactly, so this is the same text without formatting the value
 * back from it: callgrind, default pipeline on 10,569 real news
 * articles, 19,535 cardinals copied so, append_value() 13.2 M -> 10.5 M
 * instructions, numeric_scan() 84.6 M -> 83.5 M. Inline here, in its one
 * caller (cardinal()), rather than in numeric-norm.c: out of line its
 * 19,535 calls cost 0.21 M instructions more. */
static inline void
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

/* Starts a norm in the scratch string; finish() ends it. */
static inline guint32
begin_norm (Doc *d)
{
  return d->scratch->len;
}

static inline guint
finish (Doc *d, guint a, guint b, EtType type, guint32 norm_off)
{
  add_normed (d, a, b, type, norm_off);
  return b - a;
}

static inline guint
finish_text (Doc *d, guint a, guint b, EtType type)
{
  guint32 off = begin_norm (d);

  append_folded (d, d->scratch, a, b);
  return finish (d, a, b, type, off);
}

/* numeric-dates.c: the patterns of dates and times. Each returns the
 * tokens it took, 0 when it does not match. */

guint time_of_day (Doc *d, guint i, int hour, int minute);
guint relative_date (Doc *d, guint i);
guint indefinite_period (Doc *d, guint i);
guint date_word (Doc *d, guint i);
guint weekday (Doc *d, guint i);
guint month_word (Doc *d, guint i);
guint ordinal_word (Doc *d, guint i);

G_END_DECLS

#endif /* NUMERIC_PRIVATE_H */
