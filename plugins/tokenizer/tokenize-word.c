/* tokenize-word.c: the word and number scanner of tokenize.c (see there
 * for what it decides), in named steps around its hot loop.
 */
#include "config.h"

#include "scanner.h"

static gboolean
is_clitic (const guchar *p, gsize n)
{
  char a = n > 0 ? tok_lower (p[0]) : 0;
  char b = n > 1 ? tok_lower (p[1]) : 0;

  if (n == 1)
    return a == 's' || a == 'd' || a == 'm';
  if (n == 2)
    return (a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l');
  return FALSE;
}

/* Units split from a number written against it (8bn -> 8 bn). */
/* Units of up to four bytes in fixed slots, tested by their first byte
 * before any compare: a strlen and a memcmp of each of the 51 cost 1,300
 * instructions a number written against letters (callgrind, "0001x"). */
static gboolean
is_unit (const guchar *p, gsize n)
{
  static const char units[][5] = {
    "bn", "m", "mn", "k", "tn", "b", "km", "kg", "mg", "g", "mm", "cm", "ml",
    "mph", "kph", "am", "pm", "gb", "GB", "mb", "MB", "tb", "TB", "kb", "KB",
    "GHz", "MHz", "kW", "MW", "GW", "kWh", "MWh", "lb", "lbs", "oz", "ft",
    "yd", "mi", "hr", "hrs", "h", "min", "mins", "sec", "secs", "ms", "bps",
    "Mbps", "Gbps", "sq", "x",
  };

  if (n == 0 || n > 4)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (units[i][0] == (char) p[0] && units[i][n] == '\0' && memcmp (units[i], p, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_decade_or_ordinal (const guchar *p, gsize n)
{
  char a = n > 0 ? tok_lower (p[0]) : 0;
  char b = n > 1 ? tok_lower (p[1]) : 0;

  if (n == 1)
    return a == 's';
  return n == 2 && ((a == 's' && b == 't') || (a == 'n' && b == 'd')
                    || (a == 'r' && b == 'd') || (a == 't' && b == 'h'));
}

/* Whether the next non-space character after @p is a digit. */
static gboolean
digit_follows (const Ctx *cx, gsize p)
{
  while (p < cx->len && (cx->t[p] == ' ' || cx->t[p] == '\t'))
    p++;
  return p < cx->len && tok_is_digit (cx->t[p]);
}

/* Whether the word [s, p), letters without digits and not dotted, is an
 * abbreviation that takes the period at @p: in the table (a NUMERIC one
 * only before a number), or, when @initial (a single capital), not
 * followed by a second period. Shared by word_final_period() and the
 * plain-word fast path of tokenize.c. */
gboolean
tok_abbrev_before_period (const Ctx *cx, gsize s, gsize p, gboolean initial)
{
  AbbrevClass k = abbrev_table_lookup (cx->cfg->abbrevs, (const char *) cx->t + s, p - s);
  gboolean abbrev = k == ABBREV_NUMERIC ? digit_follows (cx, p + 1) : k != ABBREV_NONE;

  return abbrev || (initial && cx->t[p + 1] != '.');
}

/* 0 for other scripts, 1 for kana, 2 for Han: ideographs are one token
 * each, runs of kana one token. Only called for U+2E80 and above. */
static int
cjk_kind (gunichar u)
{
  switch (g_unichar_get_script (u))
    {
    case G_UNICODE_SCRIPT_HAN:
      return 2;
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
      return 1;
    default:
      return u == 0x30FC ? 1 : 0;  /* the prolonged sound mark is Common */
    }
}

typedef enum { AP_STOP, AP_JOIN, AP_CLITIC, AP_NT } Apostrophe;

/* At an apostrophe of @alen bytes at @p ending the word [s, p): split a
 * clitic (its end to @clitic_end), join (O'Brien) or stop. */
static Apostrophe
apostrophe (const Ctx *cx, gsize s, gsize p, guint alen, guint last,
            gsize *clitic_end)
{
  const guchar *t = cx->t;
  gsize q = p + alen, r = q;

  while (r < cx->len && r - q < 3 && tok_is_alpha (t[r]))
    r++;
  if (r > q && !word_char_at (cx, r))
    {
      if (is_clitic (t + q, r - q))
        {
          *clitic_end = r;
          return AP_CLITIC;
        }
      if (r - q == 1 && tok_lower (t[q]) == 't' && last == 1 && p - s >= 2
          && tok_lower (t[p - 1]) == 'n')
        {
          *clitic_end = r;
          return AP_NT;
        }
    }
  if (last == 1 && letter_at (cx, q))
    return AP_JOIN;
  if (last == 1 && tok_lower (t[p - 1]) == 's' && !word_char_at (cx, q))
    {
      *clitic_end = q;
      return AP_CLITIC;
    }
  return AP_STOP;
}

/* What the character before @p was: 1 a letter (or a mark after one),
 * 2 a digit, 0 anything else; @last_high tells for a non-ASCII one. */
static inline guint
last_kind (const guchar *t, gsize p, guint last_high)
{
  switch (tok_bclass[t[p - 1]])
    {
    case B_LOWER:
    case B_UPPER:
      return 1;
    case B_DIGIT:
      return 2;
    case B_HIGH:
      return last_high;
    default:
      return 0;
    }
}

/* The word scanner's state: what tok_scan_word() has seen of the token so
 * far, shared by its steps below. The steps are inline and nothing takes
 * the address of a member, so that the compiler keeps most of it in
 * registers as it did when scan_word was one 316-line function.
 * Callgrind, read-jsonl ! tokenizer ! export-jsonl on 2,000 real news
 * articles (3.3 MB): scan_word took 13.30M instructions as one function;
 * split, 13.69M while the hot loop stepped w.p and the flags were
 * gboolean, 13.04M with a local p in the loop and byte-sized flags. */
typedef struct {
  gsize s;           /* the token's start (a sign may come before p0) */
  gsize p0;          /* its first letter or digit */
  gsize p;           /* the scan position */
  gsize seg;         /* where the last dot-separated segment starts */
  gsize end;         /* the token's end, once the scan stopped */
  gsize second_end;  /* the end of a clitic or unit token after it, or 0 */
  guint n_lower, n_upper, n_uncased;  /* letters */
  guint last_high;   /* what the last non-ASCII character was: 1 letter, 2 digit */
  int script;        /* cjk_kind of the token's letters, -1 before one */
  guint8 has_digit, non_ascii, dotted, domain, keycap, split_nt, abbrev, second_unit;
} Word;

/* What a step decided: go on scanning at w->p, stop the word before
 * w->p, or the step emitted a token itself, ending at w->end. */
typedef enum { STEP_JOIN, STEP_STOP, STEP_EMITTED } Step;

/* word_apostrophe: at an apostrophe of @alen bytes at w->p, after a
 * character of kind @last: join it (O'Brien), or stop, with a clitic to
 * split ('s, n't) in w->second_end. */
static inline Step
word_apostrophe (const Ctx *cx, Word *w, guint alen, guint last)
{
  gsize clitic_end = w->second_end;  /* a local: &w would keep w in memory */
  Apostrophe a = apostrophe (cx, w->s, w->p, alen, last, &clitic_end);

  if (a == AP_JOIN)
    {
      w->second_end = clitic_end;
      w->p += alen;
      return STEP_JOIN;
    }
  w->split_nt = a == AP_NT;
  w->second_end = a == AP_STOP ? 0 : clitic_end;
  return STEP_STOP;
}

/* word_high: the non-ASCII character at w->p (@u, @n bytes): letters,
 * marks and digits join; a Han ideograph that starts the token is a
 * token of its own; a right single quote is an apostrophe; hyphens and
 * word-inner joiners (U+00B7, U+05F3, U+05F4, ZWNJ, ZWJ, soft hyphen) join
 * between word characters. */
static inline Step
word_high (Ctx *cx, Word *w, gunichar u, guint n)
{
  const guchar *t = cx->t;
  UClass k = tok_uclass (u);
  guint last;

  if (k == U_LOWER || k == U_UPPER || k == U_LETTER)
    {
      int kk = u >= 0x2E80 ? cjk_kind (u) : 0;

      if (kk == 2)
        {
          if (w->p != w->s)
            return STEP_STOP;
          /* an ideograph: a token of its own, with its marks */
          w->end = tok_emit_plain (cx, w->s, tok_absorb_marks (cx, w->p + n),
                                   GALLEY_TOKEN_WORD, 0);
          return STEP_EMITTED;
        }
      if (w->script == -1)
        w->script = kk;
      else if (w->script != kk)
        return STEP_STOP;
      w->n_lower += k == U_LOWER;
      w->n_upper += k == U_UPPER;
      w->n_uncased += k == U_LETTER;
      w->last_high = 1;
    }
  else if (k == U_MARK)
    {
      /* a mark keeps what it follows: letter or digit */
      if (w->p > w->p0 && t[w->p - 1] < 0x80)
        w->last_high = tok_is_digit (t[w->p - 1]) ? 2 : 1;
      w->keycap = w->keycap || u == 0x20E3;
    }
  else if (k == U_DIGIT)
    {
      w->has_digit = TRUE;
      w->last_high = 2;
    }
  else
    {
      last = w->p == w->p0 ? 0 : last_kind (t, w->p, w->last_high);
      if (u == 0x2019 && last)
        {
          Step step = word_apostrophe (cx, w, n, last);
          if (step == STEP_JOIN)
            {
              w->non_ascii = TRUE;
              w->last_high = 1;
            }
          return step;
        }
      if (!(((u == 0x2010 || u == 0x2011) && last && word_char_at (cx, w->p + n))
            || ((u == 0xB7 || u == 0x5F3 || u == 0x5F4 || u == 0x200C || u == 0x200D
                 || u == 0xAD) && last == 1 && letter_at (cx, w->p + n))))
        return STEP_STOP;
      w->last_high = 1;
    }
  w->non_ascii = TRUE;
  w->p += n;
  return STEP_JOIN;
}

/* word_period: a '.' at w->p after a character of kind @last joins
 * inside 3.5, in dotted shapes of short letter segments (U.S, e.g, Ph.D)
 * and in domain names (a lower-case letter or digit after it). */
static inline Step
word_period (const Ctx *cx, Word *w, guint last)
{
  const guchar *t = cx->t;
  gsize p = w->p, len = cx->len;
  guchar d;

  if (p + 1 >= len || !last)
    return STEP_STOP;
  d = t[p + 1];
  if (last == 2 && tok_is_digit (d))
    {
      w->p++;
      return STEP_JOIN;
    }
  if (last == 1 && tok_is_alnum (d))
    {
      gsize r = p + 1, a = p - w->seg, bl;
      gboolean letters = TRUE;

      while (r < len && tok_is_alnum (t[r]))
        {
          letters = letters && tok_is_alpha (t[r]);
          r++;
        }
      bl = r - (p + 1);
      for (gsize i = w->seg; i < p && letters; i++)
        letters = tok_is_alpha (t[i]);
      if (letters && a <= 2 && bl <= 2 && !word_char_at (cx, r))
        {
          w->dotted = TRUE;
          w->seg = ++w->p;
          return STEP_JOIN;
        }
      if (tok_bclass[d] == B_LOWER || tok_bclass[d] == B_DIGIT)
        {
          w->domain = TRUE;
          w->seg = ++w->p;
          return STEP_JOIN;
        }
    }
  return STEP_STOP;
}

/* word_ascii: the ASCII punctuation or symbol at w->p: ',' inside 8,000;
 * ':' '/' between digits; '-' between word characters; '&' between
 * capitals (AT&T); '_' inside; apostrophes; an email address at '@', '+'
 * or '%' after a plain ASCII start. */
static inline Step
word_ascii (Ctx *cx, Word *w)
{
  const guchar *t = cx->t;
  gsize p = w->p;
  guint last = p == w->p0 ? 0 : last_kind (t, p, w->last_high);
  gsize e;

  switch (t[p])
    {
    case '.':
      return word_period (cx, w, last);
    case ',':
      if (last == 2 && p + 3 < cx->len && tok_is_digit (t[p + 1]) && tok_is_digit (t[p + 2])
          && tok_is_digit (t[p + 3]) && !tok_is_digit (t[p + 4]))
        {
          w->p += 4;
          return STEP_JOIN;
        }
      return STEP_STOP;
    case ':':
    case '/':
      if (last == 2 && tok_is_digit (t[p + 1]))
        break;
      return STEP_STOP;
    case '-':
      if (last && word_char_at (cx, p + 1))
        break;
      return STEP_STOP;
    case '&':
      if (last == 1 && tok_bclass[t[p - 1]] == B_UPPER && tok_bclass[t[p + 1]] == B_UPPER)
        break;
      return STEP_STOP;
    case '_':
      if (last && tok_is_alnum (t[p + 1]))
        break;
      return STEP_STOP;
    case '\'':
      return last ? word_apostrophe (cx, w, 1, last) : STEP_STOP;
    case '@':
    case '+':
    case '%':
      if (!w->non_ascii && w->s == w->p0 && (e = tok_scan_email (cx, w->s)) != 0)
        {
          w->end = tok_emit_plain (cx, w->s, e, GALLEY_TOKEN_EMAIL, 0);
          return STEP_EMITTED;
        }
      return STEP_STOP;
    default:
      return STEP_STOP;
    }
  w->p++;
  return STEP_JOIN;
}

/* word_final_period: a period right after the word joins it when the
 * word is an abbreviation: dotted (U.S.), in the table (Inc. Dr. No. 5),
 * or a single capital (an initial); of "Inc.." the first period is the
 * abbreviation's, and "..." is never one. */
static inline void
word_final_period (const Ctx *cx, Word *w)
{
  const guchar *t = cx->t;
  gsize p = w->p;

  if (!(t[p] == '.' && p < cx->len && (w->n_lower || w->n_upper || w->n_uncased)
        && !w->domain && !w->second_end && !(t[p + 1] == '.' && t[p + 2] == '.')))
    return;
  if (w->dotted)
    w->abbrev = TRUE;
  else if (!w->has_digit)
    w->abbrev = tok_abbrev_before_period (cx, w->s, p,
                                          w->n_upper == 1 && w->n_lower + w->n_uncased == 0);
  if (w->abbrev)
    w->end = ++w->p;
}

/* word_number_kind: a token that starts with a digit and has letters:
 * 1990s and 3rd stay one NUMBER; a unit (8bn 1.2m 10am) becomes a token
 * of its own after the NUMBER; anything else is a WORD (4x4, COVID-19
 * starts with a letter and does not come here). */
static inline GalleyTokenKind
word_number_kind (const Ctx *cx, Word *w)
{
  const guchar *t = cx->t;
  gsize ts = w->end;

  while (ts > w->p0 && tok_is_alpha (t[ts - 1]))
    ts--;
  if (!(ts > w->p0 && tok_is_digit (t[ts - 1])
        && w->n_lower + w->n_upper + w->n_uncased == w->end - ts && !w->second_end))
    return GALLEY_TOKEN_WORD;
  if (is_decade_or_ordinal (t + ts, w->end - ts))
    return GALLEY_TOKEN_NUMBER;
  if (!is_unit (t + ts, w->end - ts))
    return GALLEY_TOKEN_WORD;
  w->second_unit = TRUE;
  w->second_end = w->end;
  w->end = ts;
  w->n_lower = w->n_upper = 0;
  return GALLEY_TOKEN_NUMBER;
}

/* word_kind: ABBREV, NUMBER, WORD, a keycap EMOJI or a URL (a domain
 * name with a known top-level domain, its path scanned here). */
static inline GalleyTokenKind
word_kind (Ctx *cx, Word *w)
{
  if (w->abbrev)
    return GALLEY_TOKEN_ABBREV;
  if (w->n_lower + w->n_upper + w->n_uncased == 0)
    return w->keycap ? GALLEY_TOKEN_EMOJI : w->has_digit ? GALLEY_TOKEN_NUMBER : GALLEY_TOKEN_WORD;
  if (w->domain && tok_is_tld (cx, w->seg, w->end))
    {
      if (w->end < cx->len && cx->t[w->end] == '/')
        w->end = w->p = tok_scan_url_body (cx, w->s, w->end);
      return GALLEY_TOKEN_URL;
    }
  if (w->has_digit && tok_is_digit (cx->t[w->p0]))
    return word_number_kind (cx, w);
  return GALLEY_TOKEN_WORD;
}

/* word_case: from the counts; the first two cased letters decide between
 * Title (McDonald) and mixed (iPhone). */
static inline GalleyTokenCase
word_case (const Ctx *cx, const Word *w)
{
  const guchar *t = cx->t;

  if (w->split_nt)
    return tok_case_of (cx, w->s, w->end);
  if (w->n_lower + w->n_upper == 0)
    return GALLEY_CASE_NONE;
  if (w->n_upper == 0)
    return GALLEY_CASE_LOWER;
  if (w->n_lower == 0)
    return w->n_upper == 1 ? GALLEY_CASE_TITLE : GALLEY_CASE_UPPER;
  if (tok_bclass[t[w->s]] == B_UPPER && tok_bclass[t[w->s + 1]] == B_LOWER)
    return GALLEY_CASE_TITLE;  /* the common case, without a second look */
  return tok_case_of (cx, w->s, w->end);
}

/* Scans the word or number whose first letter or digit is at @p0; the
 * token starts at @s (before @p0 when a sign leads a number). Emits the
 * token (and a clitic or unit token after it) and returns the end.
 * The steps: the scan (letters and digits in the loop here, anything
 * else through word_high or word_ascii, which join it or stop the
 * word), a final period (word_final_period), the kind and the case. */
gsize
tok_scan_word (Ctx *cx, gsize s, gsize p0)
{
  const guchar *t = cx->t;
  Word w = { .s = s, .p0 = p0, .p = p0, .seg = p0, .last_high = 1, .script = -1 };
  GalleyTokenKind kind;
  GalleyTokenCase tcase;
  guint32 flags;
  Step step;

  for (;;)
    {
      gsize q = w.p, p = w.p;
      guint8 b;

      /* The hot loop: runs of lower-case ASCII letters. The text is
       * NUL-terminated and NUL is no letter, so no bound check. */
      while ((b = tok_bclass[t[p]]) == B_LOWER)
        p++;
      w.p = p;
      w.n_lower += p - q;
      if (b == B_UPPER)
        {
          w.n_upper++;
          w.p++;
          continue;
        }
      if (b == B_DIGIT)
        {
          w.has_digit = TRUE;
          w.p++;
          continue;
        }
      if (w.p >= cx->len)
        break;
      if (b == B_HIGH)
        {
          guint n;
          gunichar u = tok_utf8_decode (t + w.p, &n);

          step = word_high (cx, &w, u, n);
        }
      else
        step = word_ascii (cx, &w);
      if (step == STEP_EMITTED)
        return w.end;
      if (step == STEP_STOP)
        break;
    }

  w.end = w.split_nt ? w.p - 1 : w.p;
  word_final_period (cx, &w);
  kind = word_kind (cx, &w);
  tcase = word_case (cx, &w);

  flags = (guint32) kind | CASE_BITS (tcase);
  if (w.non_ascii)
    flags |= GALLEY_TOKEN_FLAG_NON_ASCII;
  if (tcase == GALLEY_CASE_TITLE && t[w.end] == ',')
    mark_weekday (cx, s, w.end);
  emit (cx, s, w.end, flags);

  if (w.second_unit)
    return tok_emit_plain (cx, w.end, w.second_end, GALLEY_TOKEN_WORD, 0);
  if (w.second_end)
    return tok_emit_plain (cx, w.end, w.second_end, GALLEY_TOKEN_WORD, GALLEY_TOKEN_FLAG_CLITIC);
  return w.end;
}

