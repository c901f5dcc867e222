/* tokenize.c: the token scanner: the main loop, words and numbers,
 * punctuation and symbols. URLs, email addresses and emoji are scanned in
 * tokenize-web.c; the context and helpers all three share are in
 * scanner.h and scanner.c.
 *
 * One left-to-right pass over the bytes. At each token start the byte's
 * class (chars.h, one table load) picks a scanner: words and numbers,
 * ASCII punctuation and symbols, or the non-ASCII path, which decodes one
 * code point and asks GLib's Unicode tables. Spans go straight into the
 * layer's array (reserved up front), so a token costs no allocation.
 *
 * The word scanner is the hot loop: it runs over letters and digits with a
 * table load and a compare per byte, and only looks closer at the few
 * characters that may join a token (. , : / - ' ’ & _ @) and at non-ASCII
 * code points. What it decides there:
 *   - '.' inside 3.5, U.S, e.g, Ph.D and domain.names; a final period joins
 *     the word when the word is an abbreviation (dotted shape, the table,
 *     or a single capital: an initial), making an ABBREV token;
 *   - ',' inside 8,000 (exactly three digits follow); ':' '/' '-' between
 *     digits (5:30 24/7 2024-04-26); '-' between letters or digits
 *     (face-to-face, COVID-19); '&' between capitals (AT&T); '_' inside;
 *   - apostrophes: clitics 's 're 've 'll 'd 'm n't and a plural
 *     possessive ' become their own WORD token flagged CLITIC; inside a
 *     word (O'Brien) the apostrophe joins;
 *   - '@' or '+' after the local part of an email address: an EMAIL token;
 *   - digits followed by a unit (8bn 1.2m 10am) split into two tokens;
 *     decades and ordinals (1990s 3rd) stay one NUMBER.
 *
 * Before that, a fast path in tok_scan_tokens() takes the plain words
 * (a letter, lower-case letters, then white space or , ; ! ? " )) without
 * calling the word scanner: 69% of the tokens of news text.
 *
 * Measured with callgrind on 3,000 articles of tests/bench/gen-corpus
 * (6.2 MB): 53 instructions a byte for tokens and sentences; 22 of them
 * are galley_layer_append (a GArray append, ~110 instructions a span),
 * 8 the sentence pass, the rest this scanner. A first version that ran
 * the word scanner on every word and the splitter over every token took
 * 94 a byte. bench-tokenizer: 180-200 MB/s of one thread's CPU time.
 */
#include "config.h"

#include "scanner.h"

/* ---- words and numbers ----------------------------------------------- */

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
static gboolean
is_unit (const guchar *p, gsize n)
{
  static const char *const units[] = {
    "bn", "m", "mn", "k", "tn", "b", "km", "kg", "mg", "g", "mm", "cm", "ml",
    "mph", "kph", "am", "pm", "gb", "GB", "mb", "MB", "tb", "TB", "kb", "KB",
    "GHz", "MHz", "kW", "MW", "GW", "kWh", "MWh", "lb", "lbs", "oz", "ft",
    "yd", "mi", "hr", "hrs", "h", "min", "mins", "sec", "secs", "ms", "bps",
    "Mbps", "Gbps", "sq", "x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strlen (units[i]) == n && memcmp (units[i], p, n) == 0)
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

/* Scans the word or number whose first letter or digit is at @p0; the
 * token starts at @s (before @p0 when a sign leads a number). Emits the
 * token (and a clitic or unit token after it) and returns the end. */
static gsize
scan_word (Ctx *cx, gsize s, gsize p0)
{
  const guchar *t = cx->t;
  const gsize len = cx->len;
  gsize p = p0, seg = p0, end, second_end = 0;
  guint n_lower = 0, n_upper = 0, n_uncased = 0;  /* letters */
  guint last_high = 1;  /* what the last non-ASCII character was: 1 letter, 2 digit */
  gboolean has_digit = FALSE, non_ascii = FALSE, dotted = FALSE, domain = FALSE;
  gboolean keycap = FALSE, split_nt = FALSE, abbrev = FALSE, second_unit = FALSE;
  int script = -1;  /* cjk_kind of the token's letters */
  guint32 flags;
  GalleyTokenKind kind;
  GalleyTokenCase tcase;

  for (;;)
    {
      gsize q = p;
      guint8 b;
      guint last;
      guchar c;

      /* The hot loop: runs of lower-case ASCII letters. The text is
       * NUL-terminated and NUL is no letter, so no bound check. */
      while ((b = tok_bclass[t[p]]) == B_LOWER)
        p++;
      n_lower += p - q;
      if (b == B_UPPER)
        {
          n_upper++;
          p++;
          continue;
        }
      if (b == B_DIGIT)
        {
          has_digit = TRUE;
          p++;
          continue;
        }
      if (p >= len)
        break;
      if (b == B_HIGH)
        {
          guint n;
          gunichar u = tok_utf8_decode (t + p, &n);
          UClass k = tok_uclass (u);

          if (k == U_LOWER || k == U_UPPER || k == U_LETTER)
            {
              int kk = u >= 0x2E80 ? cjk_kind (u) : 0;

              if (kk == 2)
                {
                  if (p == s)
                    {
                      /* an ideograph: a token of its own, with its marks */
                      end = tok_absorb_marks (cx, p + n);
                      return tok_emit_plain (cx, s, end, GALLEY_TOKEN_WORD, 0);
                    }
                  break;
                }
              if (script == -1)
                script = kk;
              else if (script != kk)
                break;
              non_ascii = TRUE;
              n_lower += k == U_LOWER;
              n_upper += k == U_UPPER;
              n_uncased += k == U_LETTER;
              last_high = 1;
              p += n;
              continue;
            }
          if (k == U_MARK)
            {
              /* a mark keeps what it follows: letter or digit */
              if (p > p0 && t[p - 1] < 0x80)
                last_high = tok_is_digit (t[p - 1]) ? 2 : 1;
              keycap = keycap || u == 0x20E3;
              non_ascii = TRUE;
              p += n;
              continue;
            }
          if (k == U_DIGIT)
            {
              non_ascii = TRUE;
              has_digit = TRUE;
              last_high = 2;
              p += n;
              continue;
            }
          last = p == p0 ? 0 : last_kind (t, p, last_high);
          if (u == 0x2019 && last)
            {
              Apostrophe a = apostrophe (cx, s, p, n, last, &second_end);
              if (a == AP_JOIN)
                {
                  non_ascii = TRUE;
                  last_high = 1;
                  p += n;
                  continue;
                }
              split_nt = a == AP_NT;
              if (a == AP_STOP)
                second_end = 0;
              break;
            }
          if (((u == 0x2010 || u == 0x2011) && last && word_char_at (cx, p + n))
              || ((u == 0xB7 || u == 0x5F3 || u == 0x5F4 || u == 0x200C || u == 0x200D
                   || u == 0xAD) && last == 1 && letter_at (cx, p + n)))
            {
              non_ascii = TRUE;
              last_high = 1;
              p += n;
              continue;
            }
          break;
        }

      /* ASCII punctuation or symbol: join or stop */
      c = t[p];
      last = p == p0 ? 0 : last_kind (t, p, last_high);
      switch (c)
        {
        case '.':
          if (p + 1 < len && last)
            {
              guchar d = t[p + 1];

              if (last == 2 && tok_is_digit (d))
                {
                  p++;
                  continue;
                }
              if (last == 1 && tok_is_alnum (d))
                {
                  gsize r = p + 1, a = p - seg, bl;
                  gboolean letters = TRUE;

                  while (r < len && tok_is_alnum (t[r]))
                    {
                      letters = letters && tok_is_alpha (t[r]);
                      r++;
                    }
                  bl = r - (p + 1);
                  for (gsize i = seg; i < p && letters; i++)
                    letters = tok_is_alpha (t[i]);
                  if (letters && a <= 2 && bl <= 2 && !word_char_at (cx, r))
                    {
                      dotted = TRUE;
                      seg = ++p;
                      continue;
                    }
                  if (tok_bclass[d] == B_LOWER || tok_bclass[d] == B_DIGIT)
                    {
                      domain = TRUE;
                      seg = ++p;
                      continue;
                    }
                }
            }
          break;
        case ',':
          if (last == 2 && p + 3 < len && tok_is_digit (t[p + 1]) && tok_is_digit (t[p + 2])
              && tok_is_digit (t[p + 3]) && !tok_is_digit (t[p + 4]))
            {
              p += 4;
              continue;
            }
          break;
        case ':':
        case '/':
          if (last == 2 && tok_is_digit (t[p + 1]))
            {
              p++;
              continue;
            }
          break;
        case '-':
          if (last && word_char_at (cx, p + 1))
            {
              p++;
              continue;
            }
          break;
        case '&':
          if (last == 1 && tok_bclass[t[p - 1]] == B_UPPER && tok_bclass[t[p + 1]] == B_UPPER)
            {
              p++;
              continue;
            }
          break;
        case '_':
          if (last && tok_is_alnum (t[p + 1]))
            {
              p++;
              continue;
            }
          break;
        case '\'':
          if (last)
            {
              Apostrophe a = apostrophe (cx, s, p, 1, last, &second_end);
              if (a == AP_JOIN)
                {
                  p++;
                  continue;
                }
              split_nt = a == AP_NT;
              if (a == AP_STOP)
                second_end = 0;
            }
          break;
        case '@':
        case '+':
        case '%':
          if (!non_ascii && s == p0)
            {
              gsize e = tok_scan_email (cx, s);
              if (e)
                return tok_emit_plain (cx, s, e, GALLEY_TOKEN_EMAIL, 0);
            }
          break;
        default:
          break;
        }
      break;
    }

  end = split_nt ? p - 1 : p;

  /* a final period: part of an abbreviation, or a token of its own; of
   * "Inc.." the first period is the abbreviation's */
  if (t[p] == '.' && p < len && (n_lower || n_upper || n_uncased) && !domain && !second_end
      && !(t[p + 1] == '.' && t[p + 2] == '.'))
    {
      if (dotted)
        abbrev = TRUE;
      else if (!has_digit)
        {
          AbbrevClass k = abbrev_table_lookup (cx->cfg->abbrevs, (const char *) t + s, p - s);

          if (k == ABBREV_NUMERIC)
            abbrev = digit_follows (cx, p + 1);
          else
            abbrev = k != ABBREV_NONE;
          if (!abbrev && t[p + 1] != '.')
            abbrev = n_upper == 1 && n_lower + n_uncased == 0;  /* an initial */
        }
      if (abbrev)
        end = ++p;
    }

  /* the kind */
  if (abbrev)
    kind = GALLEY_TOKEN_ABBREV;
  else if (n_lower + n_upper + n_uncased == 0)
    kind = keycap ? GALLEY_TOKEN_EMOJI : has_digit ? GALLEY_TOKEN_NUMBER : GALLEY_TOKEN_WORD;
  else if (domain && tok_is_tld (cx, seg, end))
    {
      kind = GALLEY_TOKEN_URL;
      if (end < len && t[end] == '/')
        end = p = tok_scan_url_body (cx, s, end);
    }
  else if (has_digit && tok_is_digit (t[p0]))
    {
      /* letters after digits: 1990s 3rd stay numbers, 8bn splits */
      gsize ts = end;

      kind = GALLEY_TOKEN_WORD;
      while (ts > p0 && tok_is_alpha (t[ts - 1]))
        ts--;
      if (ts > p0 && tok_is_digit (t[ts - 1]) && n_lower + n_upper + n_uncased == end - ts
          && !second_end)
        {
          if (is_decade_or_ordinal (t + ts, end - ts))
            kind = GALLEY_TOKEN_NUMBER;
          else if (is_unit (t + ts, end - ts))
            {
              kind = GALLEY_TOKEN_NUMBER;
              second_unit = TRUE;
              second_end = end;
              end = ts;
              n_lower = n_upper = 0;
            }
        }
    }
  else
    kind = GALLEY_TOKEN_WORD;

  /* the case, from the counts; the first two cased letters decide
   * between Title (McDonald) and mixed (iPhone) */
  if (split_nt)
    tcase = tok_case_of (cx, s, end);
  else if (n_lower + n_upper == 0)
    tcase = GALLEY_CASE_NONE;
  else if (n_upper == 0)
    tcase = GALLEY_CASE_LOWER;
  else if (n_lower == 0)
    tcase = n_upper == 1 ? GALLEY_CASE_TITLE : GALLEY_CASE_UPPER;
  else if (tok_bclass[t[s]] == B_UPPER && tok_bclass[t[s + 1]] == B_LOWER)
    tcase = GALLEY_CASE_TITLE;  /* the common case, without a second look */
  else
    tcase = tok_case_of (cx, s, end);

  flags = (guint32) kind | CASE_BITS (tcase);
  if (non_ascii)
    flags |= GALLEY_TOKEN_FLAG_NON_ASCII;
  if (tcase == GALLEY_CASE_TITLE && t[end] == ',')
    mark_weekday (cx, s, end);
  emit (cx, s, end, flags);

  if (second_unit)
    return tok_emit_plain (cx, end, second_end, GALLEY_TOKEN_WORD, 0);
  if (second_end)
    return tok_emit_plain (cx, end, second_end, GALLEY_TOKEN_WORD, GALLEY_TOKEN_FLAG_CLITIC);
  return end;
}

/* ---- punctuation, symbols, emoji ------------------------------------- */

/* Whether a sign at @p may start a number: no word right before it. */
static gboolean
sign_may_start_number (const Ctx *cx, gsize p, gsize after)
{
  if (after >= cx->len || !tok_is_digit (cx->t[after]))
    return FALSE;
  if (p == 0)
    return TRUE;
  return !tok_is_alnum (cx->t[p - 1]) && cx->t[p - 1] != ')' && cx->t[p - 1] != '.'
         && cx->t[p - 1] < 0x80;
}

/* "'90s": an apostrophe for the century, of @alen bytes at @p. */
static gsize
decade_after_apostrophe (const Ctx *cx, gsize p, guint alen)
{
  const guchar *t = cx->t;
  gsize q = p + alen;

  if (q + 2 < cx->len && tok_is_digit (t[q]) && tok_is_digit (t[q + 1]) && t[q + 2] == 's'
      && !word_char_at (cx, q + 3))
    return q + 3;
  return 0;
}

static gsize
scan_ascii_punct (Ctx *cx, gsize p)
{
  const guchar *t = cx->t;
  guchar c = t[p];
  gsize e = p + 1;

  switch (c)
    {
    case '.':
    case '-':
      /* -2 and .265: a sign or a decimal point before digits */
      if (sign_may_start_number (cx, p, p + 1))
        return scan_word (cx, p, p + 1);
      while (e < cx->len && t[e] == c)
        e++;
      if (c == '.')
        mark (cx, cx->n_tokens);
      break;
    case '!':
    case '?':
      while (e < cx->len && (t[e] == '!' || t[e] == '?'))
        e++;
      mark (cx, cx->n_tokens);
      break;
    case '\'':
      {
        gsize d = decade_after_apostrophe (cx, p, 1);
        if (d)
          return tok_emit_plain (cx, p, d, GALLEY_TOKEN_NUMBER, 0);
      }
      break;
    case ':':
    case ';':
      {
        gsize d = tok_emoticon_end (cx, p);
        if (d)
          return tok_emit_plain (cx, p, d, GALLEY_TOKEN_EMOJI, 0);
      }
      break;
    default:
      break;
    }
  if (G_LIKELY (t[e] < 0xCC))
    {
      /* plain ASCII punctuation: no case, no marks to absorb */
      emit (cx, p, e, GALLEY_TOKEN_PUNCT);
      return e;
    }
  e = tok_absorb_marks (cx, e);
  return tok_emit_plain (cx, p, e, GALLEY_TOKEN_PUNCT, 0);
}

/* After a mention or hashtag ending at @e: its clitic 's or ’s, if any,
 * as a token of its own. Returns where scanning goes on. */
static gsize
possessive_after (Ctx *cx, gsize e)
{
  const guchar *t = cx->t;
  guint alen = t[e] == '\'' ? 1 : (t[e] == 0xE2 && t[e + 1] == 0x80 && t[e + 2] == 0x99) ? 3 : 0;

  if (alen && (t[e + alen] == 's' || t[e + alen] == 'S') && !word_char_at (cx, e + alen + 1))
    return tok_emit_plain (cx, e, e + alen + 1, GALLEY_TOKEN_WORD, GALLEY_TOKEN_FLAG_CLITIC);
  return e;
}

static gsize
scan_ascii_symbol (Ctx *cx, gsize p)
{
  const guchar *t = cx->t;
  guchar c = t[p];
  gsize e = p + 1;

  if (c == '#' && e < cx->len && (letter_at (cx, e) || t[e] == '_' || tok_is_digit (t[e])))
    {
      gboolean letters = FALSE;

      while (e < cx->len)
        {
          UClass k = class_at (cx, e);
          guint n = 1;

          if (t[e] >= 0x80)
            tok_utf8_decode (t + e, &n);
          if (uclass_is_letter (k))
            letters = TRUE;
          else if (!(k == U_DIGIT || k == U_MARK || t[e] == '_'))
            break;
          e += n;
        }
      if (letters)
        {
          tok_emit_plain (cx, p, e, GALLEY_TOKEN_HASHTAG, 0);
          return possessive_after (cx, e);
        }
      e = p + 1;
    }
  else if (c == '@' && e < cx->len && (tok_is_alnum (t[e]) || t[e] == '_')
           && (p == 0 || !tok_is_alnum (t[p - 1])))
    {
      while (e < cx->len && (tok_is_alnum (t[e]) || t[e] == '_'))
        e++;
      tok_emit_plain (cx, p, e, GALLEY_TOKEN_MENTION, 0);
      return possessive_after (cx, e);
    }
  else if (c == '+' && sign_may_start_number (cx, p, p + 1))
    return scan_word (cx, p, p + 1);
  if (G_LIKELY (t[e] < 0xCC))
    {
      emit (cx, p, e, GALLEY_TOKEN_SYMBOL);
      return e;
    }
  e = tok_absorb_marks (cx, e);
  return tok_emit_plain (cx, p, e, GALLEY_TOKEN_SYMBOL, 0);
}

/* A token starting with a non-ASCII character, or white space to skip. */
static gsize
scan_high (Ctx *cx, gsize p)
{
  const guchar *t = cx->t;
  guint n;
  gunichar u = tok_utf8_decode (t + p, &n);
  UClass k = tok_uclass (u);
  gsize e = p + n;

  switch (k)
    {
    case U_SPACE:
      if ((u == 0x2028 || u == 0x2029 || u == 0x85) && cx->n_tokens > 0)
        mark (cx, cx->n_tokens - 1);
      return e;
    case U_SKIP:
      return e;
    case U_LOWER:
    case U_UPPER:
    case U_LETTER:
    case U_MARK:
    case U_DIGIT:
      return scan_word (cx, p, p);
    case U_PUNCT:
      if (u == 0x2019 || u == 0x2018)
        {
          gsize d = decade_after_apostrophe (cx, p, n);
          if (d)
            return tok_emit_plain (cx, p, d, GALLEY_TOKEN_NUMBER, 0);
        }
      if (tok_is_terminal_char (u))
        mark (cx, cx->n_tokens);
      e = tok_absorb_marks (cx, e);
      return tok_emit_plain (cx, p, e, GALLEY_TOKEN_PUNCT, 0);
    case U_SYMBOL:
    default:
      if (u == 0x2212 && sign_may_start_number (cx, p, e))
        return scan_word (cx, p, e);
      if (tok_is_emoji_base (u) || tok_is_regional_indicator (u)
          || (e + 2 < cx->len && t[e] == 0xEF && t[e + 1] == 0xB8 && t[e + 2] == 0x8F))
        return tok_scan_emoji (cx, p, u, n);
      e = tok_absorb_marks (cx, e);
      return tok_emit_plain (cx, p, e, GALLEY_TOKEN_SYMBOL, 0);
    }
}

/* Bytes that end a plain word (letters only) with nothing more to
 * decide: white space, NUL, , ; : ! ? " ) -- all below 64. */
#define PLAIN_WORD_END ((1ull << ' ') | (1ull << '\t') | (1ull << '\n') | (1ull << '\r') \
                        | (1ull << 0) | (1ull << ',') | (1ull << ';') \
                        | (1ull << '!') | (1ull << '?') | (1ull << '"') | (1ull << ')'))

/* The end of the run of lower-case ASCII letters at @q: eight bytes at a
 * time where eight bytes remain (a byte b is in a..z when b < 0x80,
 * (b & 0x7f) + 0x1f sets bit 7, and (b & 0x7f) + 0x05 does not; no carry
 * crosses bytes), then byte by byte to the NUL that ends the text. Words
 * average five letters, so this saves one table load and branch a letter
 * on most of them. */
static inline gsize
lower_run (const guchar *t, gsize q, gsize len)
{
#if defined(__GNUC__)
  const guint64 ones = 0x0101010101010101ull, high = 0x8080808080808080ull;

  while (q + 8 <= len)
    {
      guint64 x, y, lower;

      memcpy (&x, t + q, 8);
      y = x & ~high;
      lower = (y + 0x1f * ones) & ~(y + 0x05 * ones) & ~x & high;
      if (lower != high)
        {
          guint64 stop = ~lower & high;
          /* the first byte that is no lower-case letter, in text order */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
          return q + (gsize) (__builtin_ctzll (stop) >> 3);
#else
          return q + (gsize) (__builtin_clzll (stop) >> 3);
#endif
        }
      q += 8;
    }
#endif
  while (tok_bclass[t[q]] == B_LOWER)
    q++;
  return q;
}

void
tok_scan_tokens (const TokConfig *cfg, const char *text, gsize len,
                 GalleyLayer *layer, GArray *marks)
{
  Ctx cx = { cfg, (const guchar *) text, len, layer, 0, marks };
  const guchar *t = cx.t;
  const GQuark word_quark = cfg->kind_quarks[GALLEY_TOKEN_WORD];
  gsize p = 0;

  /* news text runs at 5.5 to 6.5 bytes a token; past 4M tokens (64 MB
   * of spans) the layer grows by doubling rather than reserving room for
   * a huge text all at once */
  galley_layer_reserve (layer, (guint) MIN (len / 5 + 16, 4u << 20));
  while (p < len)
    {
      guchar c = t[p];

      switch (tok_bclass[c])
        {
        case B_NL:
          if (cx.n_tokens > 0)
            mark (&cx, cx.n_tokens - 1);
          p++;
          break;
        case B_SPACE:
          if (c == '\r' && cx.n_tokens > 0)
            mark (&cx, cx.n_tokens - 1);
          p++;
          break;
        case B_CTRL:
          p++;
          break;
        case B_LOWER:
        case B_UPPER:
          {
            gsize q = p + 1;
            guchar d;

            /* The fast path, for most words: lower-case ASCII letters
             * after the first letter, then white space or punctuation
             * that cannot join the word. Its case is in the first byte.
             * (A URL's scheme stops at ':' or "www" at '.', neither of
             * which ends a plain word, so URLs take the other path.) */
            q = lower_run (t, q, len);
            d = t[q];
            if (G_LIKELY (d < 64 && ((PLAIN_WORD_END >> d) & 1)))
              {
                guint32 flags = GALLEY_TOKEN_WORD;

                if (tok_bclass[c] == B_UPPER)
                  {
                    flags |= CASE_BITS (GALLEY_CASE_TITLE);
                    if (d == ',')
                      mark_weekday (&cx, p, q);
                  }
                else
                  flags |= CASE_BITS (GALLEY_CASE_LOWER);
                if (tok_is_space (d) || q >= len)
                  flags |= GALLEY_TOKEN_FLAG_SPACE_AFTER;
                galley_layer_append (layer, (guint32) p, (guint32) q, word_quark, flags);
                cx.n_tokens++;
                p = d == ' ' ? q + 1 : q;  /* the usual single space, without a dispatch */
                break;
              }
            if (G_UNLIKELY ((c | 0x20) == 'h' || (c | 0x20) == 'w' || (c | 0x20) == 'f'))
              {
                gsize n = tok_url_prefix (&cx, p);
                if (n)
                  {
                    p = tok_emit_plain (&cx, p, tok_scan_url_body (&cx, p, p + n), GALLEY_TOKEN_URL, 0);
                    break;
                  }
              }
            p = scan_word (&cx, p, p);
          }
          break;
        case B_DIGIT:
          p = scan_word (&cx, p, p);
          break;
        case B_PUNCT:
          p = scan_ascii_punct (&cx, p);
          break;
        case B_SYM:
          p = scan_ascii_symbol (&cx, p);
          break;
        case B_HIGH:
        default:
          p = scan_high (&cx, p);
          break;
        }
    }
}
