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
 *
 * This file holds the scan (numeric_scan(): approximators, ages, money
 * after a currency, the dispatch on a token's kind and a word's class)
 * and the patterns after a number: money, percent, quantity, ages, 3 May,
 * a year, durations, cardinals and ordinals. The rest is in files of its
 * own, sharing numeric-private.h: numeric-parse.c reads number tokens and
 * number words, numeric-norm.c writes the norms and ends the mentions,
 * numeric-dates.c holds the patterns that start at a date word and the
 * time of day.
 */
#include "config.h"

#include <string.h>

#include "numeric-private.h"

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

/* The patterns after a plain number @num at token @i (an integer or a
 * decimal, with its magnitude words). Each returns the tokens it took
 * from @i, 0 when it does not match; number_patterns tries them in
 * order. */

/* The ISO code of a currency whose name a country's word qualifies,
 * that word at token @q: "Canadian dlrs" (CAD), "Hong Kong dollars"
 * (HKD), "French francs" (FRF); @code, the currency word's own (that of
 * the dollar, franc, pound, peso, rupee or krone), when the table has no
 * such pair (issue 17, fifty-fifth round: every dollar was USD). */
static const char *
qualified_currency (const Doc *d, guint q, const char *code)
{
  static const struct {
    const char *word, *base, *code;
  } pairs[] = {
    { "Canadian", "USD", "CAD" },   { "Canada", "USD", "CAD" },     { "Australian", "USD", "AUD" },
    { "Australia", "USD", "AUD" },  { "Zealand", "USD", "NZD" },    { "N.Z.", "USD", "NZD" },
    { "NZ", "USD", "NZD" },         { "Kong", "USD", "HKD" },       { "H.K.", "USD", "HKD" },
    { "HK", "USD", "HKD" },         { "Singapore", "USD", "SGD" },  { "Taiwan", "USD", "TWD" },
    { "Taiwanese", "USD", "TWD" },  { "Malaysian", "USD", "MYR" },  { "Jamaican", "USD", "JMD" },
    { "Zimbabwe", "USD", "ZWD" },   { "Zimbabwean", "USD", "ZWD" }, { "Namibian", "USD", "NAD" },
    { "French", "CHF", "FRF" },     { "Belgian", "CHF", "BEF" },    { "Luxembourg", "CHF", "LUF" },
    { "CFA", "CHF", "XOF" },        { "Malagasy", "CHF", "MGF" },   { "Irish", "GBP", "IEP" },
    { "Egyptian", "GBP", "EGP" },   { "Lebanese", "GBP", "LBP" },   { "Syrian", "GBP", "SYP" },
    { "Cyprus", "GBP", "CYP" },     { "Argentine", "MXN", "ARS" },  { "Philippine", "MXN", "PHP" },
    { "Chilean", "MXN", "CLP" },    { "Colombian", "MXN", "COP" },  { "Uruguayan", "MXN", "UYU" },
    { "Cuban", "MXN", "CUP" },      { "Pakistani", "INR", "PKR" },  { "Lankan", "INR", "LKR" },
    { "Nepalese", "INR", "NPR" },   { "Danish", "NOK", "DKK" },     { "Icelandic", "SEK", "ISK" },
    { "Ugandan", "KES", "UGX" },    { "Tanzanian", "KES", "TZS" },  { "Somali", "KES", "SOS" },
    { "Swedish", "CRN", "SEK" },    { "Danish", "CRN", "DKK" },     { "Norwegian", "CRN", "NOK" },
    { "Czech", "CRN", "CZK" },      { "Icelandic", "CRN", "ISK" },  { "Estonian", "CRN", "EEK" },
    { "Slovak", "CRN", "SKK" },
  };

  /* is_text() reads only the words the lists know; these need not be */
  for (guint x = 0; x < G_N_ELEMENTS (pairs); x++)
    if (strcmp (code, pairs[x].base) == 0 && tok_text_eq (d, &d->toks[q], pairs[x].word))
      return pairs[x].code;
  return code;
}

typedef struct {
  TextLit word;
  const char *code;
} CountryWord;

/* The code of the first of @words (a country's names, each with its
 * currency's code) that the story's text holds, at the earliest place;
 * NULL when it holds none. One pass over the text, however many words:
 * a search per word took 1.4% of the tagger's instructions on news-dev
 * for 76 amounts in crowns. */
static const char *
country_named_first (const Doc *d, const CountryWord *words, guint n)
{
  const char *end = d->text_end - 1;

  for (const char *p = d->text; p < end; p++)
    {
      if (!g_ascii_isupper (*p))
        continue;
      for (guint x = 0; x < n; x++)
        {
          const TextLit *w = &words[x].word;

          if (w->s[0] == *p && (gsize) (end - p) >= w->len && memcmp (p, w->s, w->len) == 0)
            return words[x].code;
        }
    }
  return NULL;
}

/* The code of "crowns" that no country's word qualifies: the crown of
 * the country the story names first (its dateline, most often:
 * "STOCKHOLM, March 3 - ... 330 mln crowns"), or NULL when it names none
 * of them ("three crowns" are no money then). Asked once a mention: the
 * word is rare (issue 17, fifty-ninth round: 58 on news-dev). */
static const char *
crown_code (const Doc *d)
{
  static const CountryWord crowns[] = {
    { TEXT_LIT ("Swed"), "SEK" }, { TEXT_LIT ("Stockholm"), "SEK" }, { TEXT_LIT ("STOCKHOLM"), "SEK" },
    { TEXT_LIT ("SWED"), "SEK" }, { TEXT_LIT ("Danish"), "DKK" }, { TEXT_LIT ("Denmark"), "DKK" },
    { TEXT_LIT ("Copenhagen"), "DKK" }, { TEXT_LIT ("COPENHAGEN"), "DKK" }, { TEXT_LIT ("Norw"), "NOK" },
    { TEXT_LIT ("Oslo"), "NOK" }, { TEXT_LIT ("OSLO"), "NOK" }, { TEXT_LIT ("NORW"), "NOK" },
    { TEXT_LIT ("Czech"), "CZK" }, { TEXT_LIT ("Prague"), "CZK" }, { TEXT_LIT ("PRAGUE"), "CZK" },
    { TEXT_LIT ("Iceland"), "ISK" }, { TEXT_LIT ("Reykjavik"), "ISK" }, { TEXT_LIT ("REYKJAVIK"), "ISK" },
  };

  return country_named_first (d, crowns, G_N_ELEMENTS (crowns));
}

/* Whether the story names Germany, the mark's country: exam marks are
 * counted in whole numbers too (issue 17, fifty-ninth round). */
static gboolean
names_germany (const Doc *d)
{
  static const CountryWord germany[] = {
    { TEXT_LIT ("German"), "DEM" }, { TEXT_LIT ("GERMAN"), "DEM" }, { TEXT_LIT ("Frankfurt"), "DEM" },
    { TEXT_LIT ("FRANKFURT"), "DEM" }, { TEXT_LIT ("Bonn"), "DEM" }, { TEXT_LIT ("BONN"), "DEM" },
    { TEXT_LIT ("Bundesbank"), "DEM" }, { TEXT_LIT ("Deutsche"), "DEM" },
  };

  return country_named_first (d, germany, G_N_ELEMENTS (germany)) != NULL;
}

/* Whether the currency word at @j names a hundredth of its unit. */
static gboolean
hundredth_currency (const Doc *d, guint j)
{
  return is_text_ci (d, j, "cents") || is_text_ci (d, j, "cent") || is_text_ci (d, j, "pence")
         || is_text_ci (d, j, "cts");
}

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
        {
          const char *code = qualified_currency (d, c, lexicon_word_info (d->tg->lex, d->toks[c + 1].wid)->currency);

          if (strcmp (code, "CRN") == 0 && (code = crown_code (d)) == NULL)
            return 0;
          return finish_money (d, i, c + 2, code,
                               hundredth_currency (d, c + 1) ? num->value / 100 : num->value);
        }
    }
  return 0;
}

/* 95 billion dollars, 10 euros, 50 cents; wire copy's 5.2 mln dlrs, 30
 * cts, 12 mln stg (issue 17, fifty-fifth round: on news-dev, 10,150
 * "dlrs" and 4,528 "cts" were no currency, their amounts CARDINALs).
 * In capitals only an ISO code's three letters, or the wire's DLRS. */
static guint
money_currency_word (Doc *d, guint i, const Number *num)
{
  guint j = num->end;
  double v = num->value;
  const char *code;

  if (!(j < d->n && (tok_lex (d, &d->toks[j]) & LEX_CURRENCY)
        && (d->toks[j].tcase != GALLEY_CASE_UPPER || d->toks[j].end - d->toks[j].start == 3
            || is_text_ci (d, j, "dlrs"))))
    return 0;
  /* a currency that is a name or a word too only in lower case: "the
   * 1999 Marks and Spencer results", "the 1987 Rand study" */
  if ((tok_lex (d, &d->toks[j]) & (LEX_GIVEN | LEX_SURNAME | LEX_COMMON))
      && d->toks[j].tcase != GALLEY_CASE_LOWER)
    return 0;
  if (hundredth_currency (d, j))
    v /= 100;
  code = lexicon_word_info (d->tg->lex, d->toks[j].wid)->currency;
  if (strcmp (code, "CRN") == 0 && (code = crown_code (d)) == NULL)
    return 0;
  /* "scored 95 marks": a whole number of marks, without a magnitude, is
   * money only in a story that names Germany ("AEG fell 10 marks") */
  if (strcmp (code, "DEM") == 0 && num->nt.shape == NS_INT && num->end == i + 1
      && !names_germany (d))
    return 0;
  return finish_money (d, i, j + 1, code, v);
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
  /* 2 mln metric tons, 5 mln short tons (issue 17, fifty-eighth round;
   * "metric" need not be a word of the lists, so its bytes are read) */
  else if ((is_text_ci (d, u + 1, "tons") || is_text_ci (d, u + 1, "ton")
            || is_text_ci (d, u + 1, "tonnes"))
           && (tok_text_eq (d, &d->toks[u], "metric") || tok_text_eq (d, &d->toks[u], "short")
               || tok_text_eq (d, &d->toks[u], "long")))
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
  gboolean dot;

  if (!(num->single && num->nt.shape == NS_INT))
    return 0;
  if (num->value >= 1 && num->value <= 12 && has_lex (d, num->end, LEX_AMPM))
    return time_of_day (d, i, (int) num->value, 0);
  /* "at 1500 GMT": wire copy's hours and minutes in four digits before
   * a time zone (issue 17, fifty-seventh round; a CARDINAL before) */
  if (num->nt.n_digits == 4 && !num->nt.comma && timezone_at (d, num->end, &dot))
    {
      int hhmm = (int) num->value;

      if (hhmm / 100 <= 23 && hhmm % 100 <= 59)
        return time_of_day (d, i, hhmm / 100, hhmm % 100);
    }
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
      /* 2020-2024 is a date range, and so are the seasons 1986-87 and
       * 1986/87; 10-12 a cardinal range */
      dash = d->text + t->start + 4;
      if (num->nt.n_digits == 4 && t->end - t->start > 4 && (*dash == '-' || *dash == '/')
          && (d->text + t->end - dash == 5
              || (d->text + t->end - dash == 3
                  && (dash[1] - '0') * 10 + (dash[2] - '0') == ((gint64) num->nt.value + 1) % 100)))
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

/* Whether bytes [@s, @end) spell a month's name. */
static gboolean
is_month_text (const Doc *d, const char *s, const char *end)
{
  char buf[16];
  int n = lexicon_fold (s, end - s, buf, sizeof buf);
  guint32 wid;

  if (n <= 0)
    return FALSE;
  wid = lexicon_word_id (d->tg->lex, buf, n, lexicon_hash (buf, n));
  return wid != LEX_NO_WORD && (lexicon_word_info (d->tg->lex, wid)->flags & LEX_MONTH);
}

/* April-June: a range of months in one token; mid-April, a part of one. */
static gboolean
is_month_range (const Doc *d, const Token *t)
{
  const char *s = d->text + t->start, *end = d->text + t->end;
  const char *dash = memchr (s, '-', t->end - t->start);

  if (dash == NULL)
    return FALSE;
  if (dash - s == 3 && g_ascii_strncasecmp (s, "mid", 3) == 0)
    return is_month_text (d, dash + 1, end);
  return is_month_text (d, s, dash) && is_month_text (d, dash + 1, end);
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

/* 20-year, 24-hour, 12-day: digits, a hyphen and a unit of time are a
 * DATE or a TIME as OntoNotes marks them ("a 20-year bond", "his 24-hour
 * visit"; issue 17, fifty-ninth round: 315 on news-dev were no mention). */
static guint
hyphen_duration (Doc *d, guint i)
{
  const Token *t = &d->toks[i];
  const char *s = d->text + t->start, *end = d->text + t->end;
  const char *p = s;
  char buf[16];
  int n;
  guint32 wid;
  guint64 flags;

  while (p < end && (g_ascii_isdigit (*p) || *p == ','))
    p++;
  if (p == s || p + 2 > end || *p != '-')
    return 0;
  for (const char *q = p + 1; q < end; q++)
    if (!g_ascii_islower (*q))
      return 0;
  n = lexicon_fold (p + 1, end - p - 1, buf, sizeof buf);
  if (n <= 0)
    return 0;
  wid = lexicon_word_id (d->tg->lex, buf, n, lexicon_hash (buf, n));
  if (wid == LEX_NO_WORD)
    return 0;
  flags = lexicon_word_info (d->tg->lex, wid)->flags;
  if (flags & LEX_DATE_UNIT)
    return finish_text (d, i, i + 1, ET_DATE);
  if (flags & LEX_TIME_UNIT)
    return finish_text (d, i, i + 1, ET_TIME);
  return 0;
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

/* A known word at @i: the pattern its class starts. The patterns are
 * numeric-dates.c's; this dispatch stays here, inline in numeric_core(),
 * because in numeric-dates.c, with the patterns inline in it, it cost
 * 0.23 M instructions more (43,671 calls, each saving and restoring its
 * own registers; callgrind, default pipeline on 10,569 real news
 * articles), and 0.76 M with the patterns called from it. */
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
      if (g_ascii_isdigit (d->text[t->start]))
        {
          /* "300p": the tokenizer keeps the pence's "p" in the word */
          NumToken nt;

          parse_number_token (d->text + t->start, t->end - t->start, &nt);
          if (nt.shape == NS_PENCE)
            return finish_money (d, i, i + 1, "GBP", nt.value / 100);
          return hyphen_duration (d, i);
        }
      return hyphen_ordinal (d, i);
    }
  if (tok_lex (d, t) == 0)
    return 0;
  return date_word_patterns (d, i);
}
