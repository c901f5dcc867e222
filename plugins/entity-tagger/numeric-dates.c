/* numeric-dates.c: the patterns of dates and times that start at a word
 * (May 3, 2024 | May 2024 | late Friday | last year | earlier this month |
 * this morning | a week earlier | today | Friday night | the second
 * quarter | first), and the time of day after a number (5:30 p.m., 10 am).
 * numeric.c's scan calls the first from the class of the word at hand
 * (date_word_patterns()), the second from a number's shape.
 */
#include "config.h"

#include "numeric-private.h"

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

/* Whether token @j is a time zone in capitals: "GMT"; or "EST." with
 * the full stop that ends its sentence, which the tokenizer keeps on
 * a word it knows as an abbreviation (issue 17, fifty-seventh round).
 * *@dot is set for the latter. */
gboolean
timezone_at (const Doc *d, guint j, gboolean *dot)
{
  const Token *t;
  char buf[8];
  int n;
  guint32 wid;

  *dot = FALSE;
  if (j >= d->n)
    return FALSE;
  t = &d->toks[j];
  if (t->tcase != GALLEY_CASE_UPPER)
    return FALSE;
  if (tok_lex (d, t) & LEX_TIMEZONE)
    return TRUE;
  if (t->end - t->start < 3 || t->end - t->start > 5 || d->text[t->end - 1] != '.')
    return FALSE;
  n = lexicon_fold (d->text + t->start, t->end - t->start - 1, buf, sizeof buf);
  if (n <= 0)
    return FALSE;
  wid = lexicon_word_id (d->tg->lex, buf, n, lexicon_hash (buf, n));
  *dot = wid != LEX_NO_WORD && (lexicon_word_info (d->tg->lex, wid)->flags & LEX_TIMEZONE);
  return *dot;
}

/* Time of day after a NUMBER: a.m./p.m. and a time zone. */
guint
time_of_day (Doc *d, guint i, int hour, int minute)
{
  guint j = i + 1;
  guint32 off;
  gboolean dot = FALSE;
  Mention *m;

  if (j < d->n && (tok_lex (d, &d->toks[j]) & LEX_AMPM))
    {
      const char *s = d->text + d->toks[j].start;

      if ((s[0] == 'p' || s[0] == 'P') && hour < 12)
        hour += 12;
      else if ((s[0] == 'a' || s[0] == 'A') && hour == 12)
        hour = 0;
      j++;
    }
  if (timezone_at (d, j, &dot))
    j++;
  off = begin_norm (d);
  append_int (d->scratch, hour, 2);
  g_string_append_c (d->scratch, ':');
  append_int (d->scratch, minute, 2);
  m = add_normed (d, i, j, ET_TIME, off);
  if (dot)
    m->byte_end = d->toks[j - 1].end - 1;  /* the sentence's full stop stays out */
  return j - i;
}

/* Relative and modified dates: late Friday, last year, earlier this
 * month, this morning, the past two years, next week. */
guint
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

/* The patterns that start with a word of the lexicon's date classes.
 * Each returns the tokens it took, 0 when it does not match. */

/* a week, a year earlier, a second day */
guint
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
guint
date_word (Doc *d, guint i)
{
  if (has_lex (d, i + 1, LEX_TIME_PART) || is_text_ci (d, i + 1, "night"))
    return finish_text (d, i, i + 2, ET_TIME);
  return finish_text (d, i, i + 1, ET_DATE);
}

/* Friday; Friday night (a TIME); Friday, May 3, 2024 */
guint
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
guint
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
guint
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
