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
 * The word scanner (tokenize-word.c) is the hot loop: it runs over
 * letters and digits with a table load and a compare per byte, and only
 * looks closer at the few
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
 * Before that, fast paths in this file take the common shapes without
 * the word scanner's general machinery, each deciding exactly what it
 * would: plain words (a letter, lower-case letters, maybe hyphens
 * between lower-case letters, then white space or , ; ! ? " )), one
 * after another while a single space separates them (plain_words); a
 * plain word before a period, with the abbreviation rule
 * (plain_word_period); a plain word before 's or ’s (plain_word_s);
 * words of capitals (upper_word); numbers with thousands groups and
 * decimals (plain_number). On news-dev (10,569 news articles, 1.93
 * million tokens) they leave the word scanner 32,000 tokens (other
 * clitics, units, dotted words, URLs, non-ASCII letters).
 *
 * Measured with callgrind on news-dev through the default pipeline: the
 * stage (tokens and sentences) 349M instructions before these fast
 * paths, the SSE2 letter runs and the candidate buffer on the stack,
 * 281M after; 269M with the tokens appended in batches, and 219M (21 a
 * byte of text) once the plain-word run kept its write pointer in a
 * register, took ", " and a plain word's period itself, read a word's
 * flags from one table, the spans were stored without SLP vectorisation
 * (Makefile.am) and the abbreviation table had a filter. Of those 219M,
 * galley_layer_append_spans is 42M (its checks and the copy, ~21 a
 * span), reserving the token layer 12M (malloc), the sentence pass 41M.
 * bench-tokenizer on news-dev: 306-326 MB/s of one thread's CPU time,
 * 273-305 before (a 2-core machine with a load of 5 to 8).
 *
 * Past that point instructions were no longer what the time followed.
 * perf put most of the scanner's samples on the step from one plain word
 * to the next (each word's end gives the next word's start, through a
 * load, a compare and a bit scan), and callgrind's branch simulation on
 * the dispatch's switch, an indirect branch mispredicted at 86%. The
 * run of plain words now reads word ends from a 64-byte mask kept in a
 * register (lower_end()) and goes on across line feeds and the tokens of
 * plain_word_other(); the dispatch tests a letter and a space before its
 * switch. The stage went 220.9M -> 225.4M instructions (Bcm 2.41M ->
 * 2.94M, Bim 0.79M -> 0.36M: callgrind's simple predictor counts the
 * mask's tests against it) and 8% to 10% faster by the wall clock
 * (Sapphire Rapids; bench-tokenizer 382-420 MB/s of one thread's CPU
 * time against 337-384; figures in the commits).
 */
#include "config.h"

#include "scanner.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
        return tok_scan_word (cx, p, p + 1);
      while (e < cx->len && t[e] == c)
        e++;
      if (c == '.')
        mark (cx, tok_count (cx));
      break;
    case '!':
    case '?':
      while (e < cx->len && (t[e] == '!' || t[e] == '?'))
        e++;
      mark (cx, tok_count (cx));
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
    return tok_scan_word (cx, p, p + 1);
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
      if ((u == 0x2028 || u == 0x2029 || u == 0x85) && tok_count (cx) > 0)
        mark (cx, tok_count (cx) - 1);
      return e;
    case U_SKIP:
      return e;
    case U_LOWER:
    case U_UPPER:
    case U_LETTER:
    case U_MARK:
    case U_DIGIT:
      return tok_scan_word (cx, p, p);
    case U_PUNCT:
      if (u == 0x2019 || u == 0x2018)
        {
          gsize d = decade_after_apostrophe (cx, p, n);
          if (d)
            return tok_emit_plain (cx, p, d, GALLEY_TOKEN_NUMBER, 0);
        }
      if (tok_is_terminal_char (u))
        mark (cx, tok_count (cx));
      e = tok_absorb_marks (cx, e);
      return tok_emit_plain (cx, p, e, GALLEY_TOKEN_PUNCT, 0);
    case U_SYMBOL:
    default:
      if (u == 0x2212 && sign_may_start_number (cx, p, e))
        return tok_scan_word (cx, p, e);
      if (tok_is_emoji_base (u) || tok_is_regional_indicator (u)
          || (e + 2 < cx->len && t[e] == 0xEF && t[e + 1] == 0xB8 && t[e + 2] == 0x8F))
        return tok_scan_emoji (cx, p, u, n);
      e = tok_absorb_marks (cx, e);
      return tok_emit_plain (cx, p, e, GALLEY_TOKEN_SYMBOL, 0);
    }
}

/* Bytes that end a plain word (letters only) with nothing more to
 * decide: white space, , ; ! ? " ) -- as a table, PLAIN_END set, and
 * GALLEY_TOKEN_FLAG_SPACE_AFTER set for white space, so that one load
 * answers both questions. The only NUL is the one that ends the text
 * (a document holds no other), and the end of the text counts as white
 * space. Callgrind, default pipeline on news-dev: the plain-word loop
 * 15M instructions less than with a 64-bit mask of these bytes and a
 * test of tok_is_space() and of the text's end for every word. */
#define PLAIN_END 1u
#define PLAIN_SPACE (PLAIN_END | GALLEY_TOKEN_FLAG_SPACE_AFTER)
static const guint16 plain_end[256] = {
  [0] = PLAIN_SPACE, [' '] = PLAIN_SPACE, ['\t'] = PLAIN_SPACE, ['\n'] = PLAIN_SPACE,
  ['\r'] = PLAIN_SPACE, [','] = PLAIN_END, [';'] = PLAIN_END, ['!'] = PLAIN_END,
  ['?'] = PLAIN_END, ['"'] = PLAIN_END, [')'] = PLAIN_END,
};

/* The kind and case bits of a plain word, by its first letter (the rest
 * are lower case), 0 for a byte that is no ASCII letter: one load tells
 * whether a word follows and what its flags are, where a compare with
 * 'a', a select, and a test of the letter range took ten instructions
 * (callgrind, news-dev: the stage 232.8M -> 228.8M with the table for the
 * case, and see the commit for the test). */
#define LO (GALLEY_TOKEN_WORD | CASE_BITS (GALLEY_CASE_LOWER))
#define TI (GALLEY_TOKEN_WORD | CASE_BITS (GALLEY_CASE_TITLE))
static const guint16 plain_word_flags[256] = {
  ['A'] = TI, ['B'] = TI, ['C'] = TI, ['D'] = TI, ['E'] = TI, ['F'] = TI, ['G'] = TI,
  ['H'] = TI, ['I'] = TI, ['J'] = TI, ['K'] = TI, ['L'] = TI, ['M'] = TI, ['N'] = TI,
  ['O'] = TI, ['P'] = TI, ['Q'] = TI, ['R'] = TI, ['S'] = TI, ['T'] = TI, ['U'] = TI,
  ['V'] = TI, ['W'] = TI, ['X'] = TI, ['Y'] = TI, ['Z'] = TI,
  ['a'] = LO, ['b'] = LO, ['c'] = LO, ['d'] = LO, ['e'] = LO, ['f'] = LO, ['g'] = LO,
  ['h'] = LO, ['i'] = LO, ['j'] = LO, ['k'] = LO, ['l'] = LO, ['m'] = LO, ['n'] = LO,
  ['o'] = LO, ['p'] = LO, ['q'] = LO, ['r'] = LO, ['s'] = LO, ['t'] = LO, ['u'] = LO,
  ['v'] = LO, ['w'] = LO, ['x'] = LO, ['y'] = LO, ['z'] = LO,
};
#undef LO
#undef TI
#define TITLE_WORD (GALLEY_TOKEN_WORD | CASE_BITS (GALLEY_CASE_TITLE))

/* The end of the run of lower-case ASCII letters at @q.
 *
 * With SSE2 (every x86-64), sixteen bytes at a time where sixteen bytes
 * remain: a byte b is in a..z when b + (0x80 - 'a'), read as a signed
 * byte, is below -128 + 26; the movemask of that compare has a zero bit
 * at the first byte that is no lower-case letter. Elsewhere, eight bytes
 * at a time in a 64-bit word (b < 0x80, (b & 0x7f) + 0x1f sets bit 7 and
 * (b & 0x7f) + 0x05 does not; no carry crosses bytes). Then byte by byte
 * to the NUL that ends the text. Callgrind, default pipeline on 10,569
 * news articles (1.6 million calls): 31 instructions a call with the
 * 64-bit word, 14 with SSE2; the bound of the SSE2 loop taken from the
 * caller (q_last) rather than computed as q + 16 <= len in each call,
 * the stage 238.4M -> 232.9M. */
static inline gsize
lower_run (const guchar *t, gsize q, gsize len, gsize q_last)
{
  (void) len;     /* one of the two bounds is unused, as SSE2 is there */
  (void) q_last;
#if defined(__SSE2__)
  const __m128i shift = _mm_set1_epi8 ((char) (0x80 - 'a'));
  const __m128i limit = _mm_set1_epi8 ((char) (-128 + 26));

  /* q_last, the last offset with sixteen bytes from it, comes from the
   * caller, which computes it once for a run of words */
  while (q <= q_last)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (t + q));
      guint stop = (guint) _mm_movemask_epi8 (_mm_cmplt_epi8 (_mm_add_epi8 (x, shift), limit))
                   ^ 0xffffu;

      if (stop != 0)
        return q + (guint) __builtin_ctz (stop);  /* (no sign extension) */
      q += 16;
    }
#elif defined(__GNUC__)
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

/* The end of the run of lower-case ASCII letters at @q, as lower_run()
 * finds it, from the mask of the 64 bytes of text at lm->base, which
 * is made afresh (at @q) only when the run passes them.
 *
 * Why: in a run of plain words, each word's end gives the next word's
 * start, so lower_run() put a chain of dependent steps between two words
 * (a load of sixteen bytes at the word, the compare, the movemask, the
 * bit scan: about 15 cycles) that the processor could not overlap;
 * perf put most of the scanner's samples on it. With the mask in a
 * register the step from one word to the next is a shift and a bit
 * scan, and a new mask comes about once in ten words. (Without SSE2,
 * lower_run() as before.) See the commit for the figures. */
/* The index of the lowest set bit of @x (not 0), as a gsize: GCC's
 * __builtin_ctzll gives an int, which it sign-extends to add it to an
 * offset, one more cycle on the chain from one plain word to the next
 * (see lower_end()). "rep bsf" is tzcnt where the processor has it and
 * bsf, the same for a non-zero @x, where it has not. */
static inline gsize
ctz64 (guint64 x)
{
#if defined(__GNUC__) && defined(__x86_64__)
  guint64 r;

  __asm__ ("rep bsfq %1, %0" : "=r" (r) : "rm" (x) : "cc");
  return (gsize) r;
#else
  return (gsize) __builtin_ctzll (x);
#endif
}

#if defined(__SSE2__)
/* (Inline, though rare: out of line, the run kept its registers across
 * the call, about 2% of the stage's time by the harness of the commit.) */
static inline gsize
lower_end_reload (LowerMask *lm, const guchar *t, gsize q, gsize len, gsize q_last)
{
  const __m128i shift = _mm_set1_epi8 ((char) (0x80 - 'a'));
  const __m128i limit = _mm_set1_epi8 ((char) (-128 + 26));

  if (len < 64)
    return lower_run (t, q, len, q_last);
  if (q >= len)
    return q;  /* at the NUL that ends the text (and no shift by 64) */
  for (;;)
    {
      /* the 64 bytes at q, or the last 64 of the text */
      gsize base = MIN (q, len - 64);
      guint64 lower = 0, stop;

      for (guint k = 0; k < 4; k++)
        {
          __m128i x = _mm_loadu_si128 ((const __m128i *) (t + base + 16 * k));
          guint64 m = (guint) _mm_movemask_epi8 (_mm_cmplt_epi8 (_mm_add_epi8 (x, shift), limit));

          lower |= m << (16 * k);
        }
      lm->base = base;
      lm->stop = ~lower;
      stop = lm->stop >> (q - base);
      if (stop != 0)
        return q + ctz64 (stop);
      if (base == len - 64)
        return len;  /* letters up to the end of the text */
      q = base + 64;
    }
}
#endif

static inline gsize
lower_end (LowerMask *lm, const guchar *t, gsize q, gsize len, gsize q_last)
{
#if defined(__SSE2__)
  /* (q below lm->base wraps to a large i) */
  gsize i = q - lm->base;

  if (G_LIKELY (i < 64))
    {
      guint64 stop = lm->stop >> i;

      if (G_LIKELY (stop != 0))
        return q + ctz64 (stop);
    }
  return lower_end_reload (lm, t, q, len, q_last);
#else
  (void) lm;
  return lower_run (t, q, len, q_last);
#endif
}

/* A plain word [s, e) before a period that no ASCII letter or digit
 * follows ("said." "Inc." "J."): decides what tok_scan_word() would,
 * without its general machinery: an ABBREV token that takes the period,
 * or a WORD before it (the period is then the dispatch's). Returns the
 * token's end. A quarter of the words the word scanner took were these
 * (55,000 of 223,000 on 10,569 news articles). */
static gsize
plain_word_period (Ctx *cx, gsize s, gsize e)
{
  const guchar *t = cx->t;
  gboolean upper = tok_bclass[t[s]] == B_UPPER;
  guint32 flags = CASE_BITS (upper ? GALLEY_CASE_TITLE : GALLEY_CASE_LOWER);

  /* "..." is never an abbreviation's period */
  if (!(t[e + 1] == '.' && t[e + 2] == '.')
      && tok_abbrev_before_period (cx, s, e, upper && e - s == 1))
    {
      flags |= GALLEY_TOKEN_ABBREV;
      e++;
    }
  else if (t[e + 1] != '.' && t[e + 1] < 0x80)
    {
      /* the word, then its period as scan_ascii_punct() makes it (no
       * digit follows, so no decimal: a PUNCT token the splitter looks
       * at), without the dispatch: 60,000 periods on news-dev */
      push_token (cx, s, e, cx->cfg->kind_quarks[GALLEY_TOKEN_WORD], flags | GALLEY_TOKEN_WORD);
      mark (cx, tok_count (cx));
      emit (cx, e, e + 1, GALLEY_TOKEN_PUNCT);
      return e + 1;
    }
  else
    flags |= GALLEY_TOKEN_WORD;
  /* (no weekday to mark: a period, not a comma, ends the token or
   * follows it) */
  emit (cx, s, e, flags);
  return e;
}

/* A plain word [s, q) before the clitic 's, its apostrophe ' or ’ of
 * @alen bytes, and no letter, digit or non-ASCII character after the s:
 * emits both tokens as tok_scan_word() would (the clitic a lower-case
 * WORD flagged CLITIC) and returns the clitic's end, or returns 0 for the
 * word scanner to take the word. The possessive was the largest group
 * the word scanner still took (16,000 of 95,000 tokens on news-dev). */
static gsize
plain_word_s (Ctx *cx, gsize s, gsize q, guint alen)
{
  const guchar *t = cx->t;
  gsize e = q + alen + 1;
  guint32 clitic = GALLEY_TOKEN_WORD | GALLEY_TOKEN_FLAG_CLITIC | CASE_BITS (GALLEY_CASE_LOWER);

  if (t[e - 1] != 's' || t[e] >= 0x80 || tok_is_alnum (t[e]))
    return 0;
  emit (cx, s, q, GALLEY_TOKEN_WORD
        | CASE_BITS (tok_bclass[t[s]] == B_UPPER ? GALLEY_CASE_TITLE : GALLEY_CASE_LOWER));
  emit (cx, q, e, alen > 1 ? clitic | GALLEY_TOKEN_FLAG_NON_ASCII : clitic);
  return e;
}

/* A word of ASCII capitals from @s (the second at @q) up to white space
 * or punctuation that cannot join it (NASA, US, NFL): emits it and
 * returns its end, or returns 0 for the word scanner to take it. */
static gsize
upper_word (Ctx *cx, gsize s, gsize q)
{
  const guchar *t = cx->t;
  guchar d;

  while (tok_bclass[t[q]] == B_UPPER)
    q++;
  d = t[q];
  if (!plain_end[d])
    return 0;
  emit (cx, s, q, GALLEY_TOKEN_WORD | CASE_BITS (GALLEY_CASE_UPPER));
  return q;
}

/* The word [p, q) is no plain word by plain_end[]: the shapes with fast
 * paths of their own (a period, the clitic 's, capitals) or, with
 * *@plain FALSE, the word scanner's. Returns where scanning goes on. */
static gsize
plain_word_other (Ctx *cx, gsize p, gsize q, gboolean *plain)
{
  const guchar *t = cx->t;
  guchar d = t[q];

  *plain = TRUE;
  if (d == '.' && !tok_is_alnum (t[q + 1]))
    return plain_word_period (cx, p, q);
  if (d == '\'' || (d == 0xE2 && t[q + 1] == 0x80 && t[q + 2] == 0x99))
    {
      gsize e = plain_word_s (cx, p, q, d == '\'' ? 1 : 3);
      if (e)
        return e;
    }
  if (tok_bclass[d] == B_UPPER && q == p + 1 && tok_bclass[t[p]] == B_UPPER)
    {
      gsize e = upper_word (cx, p, q);
      if (e)
        return e;
    }
  *plain = FALSE;
  return p;
}

/* White space a run of plain words skips after a line break: space,
 * tab, CR, VT, FF and line feeds, as one mask test of the byte's class.
 * (The NUL that ends the text is B_CTRL, so the skip stops there.) */
#define RUN_SPACE ((1u << B_SPACE) | (1u << B_NL))

/* Emits the plain words from @p, a letter, on: for each, a letter,
 * lower-case ASCII letters, then white space or punctuation that cannot
 * join the word (plain_end); its case is in the first byte. Returns
 * where scanning goes on; *@plain is FALSE when the word there is no
 * plain word and needs the word scanner.
 *
 * The run goes on without the dispatch of tok_scan_tokens() wherever a
 * letter starts the next word after what ends this one, in the order
 * of their frequency in news text:
 *   - one space;
 *   - a comma and one space (the comma is then emitted here, as
 *     scan_ascii_punct() would: a PUNCT token with white space after it);
 *   - a line feed and any white space after it: the word is marked for
 *     the splitter, as the dispatch marks the token before a line break;
 *   - the shapes plain_word_other() takes (a period, 's, capitals), then
 *     one space or a line feed as above.
 * (A URL's scheme stops at ':' or "www" at '.', neither of which ends a
 * plain word, so URLs take the other path.)
 *
 * Each of those went back to the dispatch, a switch on the class of the
 * next byte that the compiler makes a jump table: an indirect branch
 * whose target follows the text (space, letter, line feed, letter,
 * punctuation ...), which callgrind's branch simulation saw mispredicted
 * at 86% of its 598,000 runs on 10,569 news articles; see tokenize.c's
 * header comment for the figures with the run extended.
 *
 * The pending spans are written through a local pointer (@w), stored
 * back to the context before anything else reads it: through the
 * context, the pointer was loaded and stored for every word, since the
 * flush makes the context escape. Callgrind, default pipeline on 10,569
 * news articles: 84% of the tokens come here; the stage 251.3M -> 244.5M
 * instructions with the local pointer and the commas kept in the run. */
static inline gsize
plain_words (Ctx *cx, gsize p, gboolean *plain)
{
  const guchar *t = cx->t;
  const gsize len = cx->len;
  /* where sixteen bytes remain for lower_run() (none when q_last is 0:
   * a run starts at 1 or later) */
  const gsize q_last = len >= 16 ? len - 16 : 0;
  LowerMask lm = cx->lower;  /* in registers for the run */
  gsize r;                   /* the result */
  const GQuark word_quark = cx->cfg->kind_quarks[GALLEY_TOKEN_WORD];
  /* room for a word and its comma */
  GalleySpan *const w_last = cx->pending + PENDING_MAX - 1;
  GalleySpan *w = cx->w;

  *plain = TRUE;
  guint32 first = plain_word_flags[t[p]];  /* a letter: never 0 */

  for (;;)
    {
      gsize q = lower_end (&lm, t, p + 1, len, q_last);
      guchar d = t[q];
      guint16 end = plain_end[d];
      guint32 flags;

      while (G_UNLIKELY (!end))
        {
          /* long-term, so-called: a hyphen between lower-case letters
           * joins */
          if (d != '-' || tok_bclass[t[q + 1]] != B_LOWER)
            {
              cx->w = w;
              q = plain_word_other (cx, p, q, plain);
              if (!*plain)
                {
                  r = q;
                  goto out;
                }
              w = cx->w;
              d = t[q];
              if (d != ' ')
                goto other_end;
              p = q + 1;
              goto next_word;
            }
          q = lower_end (&lm, t, q + 2, len, q_last);
          d = t[q];
          end = plain_end[d];
        }
      flags = first | (end & GALLEY_TOKEN_FLAG_SPACE_AFTER);
      if (G_UNLIKELY (w >= w_last))
        {
          cx->w = w;
          flush_tokens (cx);
          w = cx->w;
        }
      if (G_LIKELY (d == ' '))
        {
          put_span (w++, p, q, word_quark, flags);
          p = q + 1;
        }
      else if (d == ',')
        {
          if (first == TITLE_WORD)
            {
              cx->w = w;
              mark_weekday (cx, p, q);
            }
          put_span (w++, p, q, word_quark, flags);
          if (t[q + 1] != ' ')
            {
              r = q;
              break;
            }
          put_span (w++, q, q + 1, cx->cfg->kind_quarks[GALLEY_TOKEN_PUNCT],
                    GALLEY_TOKEN_PUNCT | GALLEY_TOKEN_FLAG_SPACE_AFTER);
          p = q + 2;
        }
      else
        {
          put_span (w++, p, q, word_quark, flags);
        other_end:
          /* d = t[q], right after the last token made, is no space (the
           * tokens of plain_word_other() join here): a line feed goes
           * on, anything else goes back to the dispatch */
          if (d != '\n')
            {
              r = q;
              break;
            }
          cx->w = w;
          mark (cx, tok_count (cx) - 1);
          p = q + 1;
          while ((1u << tok_bclass[t[p]]) & RUN_SPACE)
            p++;
        }
    next_word:
      first = plain_word_flags[t[p]];
      if (!first)
        {
          r = p;
          break;
        }
    }
  cx->w = w;
out:
  cx->lower = lm;
  return r;
}

/* The word at @p, a letter, that plain_words() left (its *plain FALSE):
 * a URL, or the word scanner's. Returns its end. */
static gsize
other_word (Ctx *cx, gsize p)
{
  guchar c = cx->t[p];

  if (G_UNLIKELY ((c | 0x20) == 'h' || (c | 0x20) == 'w' || (c | 0x20) == 'f'))
    {
      gsize n = tok_url_prefix (cx, p);
      if (n)
        return tok_emit_plain (cx, p, tok_scan_url_body (cx, p, p + n), GALLEY_TOKEN_URL, 0);
    }
  return tok_scan_word (cx, p, p);
}

/* The number whose first digit is at @p: digits, with groups of three
 * after commas (8,000 but not 1,2 or 12,3456) and decimals after a
 * period (3.5 2.5.1), as the word scanner joins them, up to a period or
 * what ends a plain word: a NUMBER token here. Anything else (1990s 5:30
 * 24/7 40% 8bn) goes to the word scanner. Returns where scanning goes on.
 * Numbers were 75,000 of the 223,000 tokens the word scanner took on
 * news-dev, 43,000 of them with a comma or period. */
static gsize
plain_number (Ctx *cx, gsize p)
{
  const guchar *t = cx->t;
  gsize q = p + 1;
  guchar d;

  for (;;)
    {
      while (tok_is_digit (t[q]))
        q++;
      d = t[q];
      if (d == ',' && tok_is_digit (t[q + 1]) && tok_is_digit (t[q + 2])
          && tok_is_digit (t[q + 3]) && !tok_is_digit (t[q + 4]))
        q += 4;
      else if (d == '.' && tok_is_digit (t[q + 1]))
        q += 2;
      else
        break;
    }
  if (!plain_end[d] && d != '.')
    return tok_scan_word (cx, p, p);
  emit (cx, p, q, GALLEY_TOKEN_NUMBER | CASE_BITS (GALLEY_CASE_NONE));
  return q;
}

void
tok_marks_init (TokMarks *m)
{
  m->v = m->stack;
  m->len = 0;
  m->cap = TOK_MARKS_STACK;
}

void
tok_marks_clear (TokMarks *m)
{
  if (m->v != m->stack)
    g_free (m->v);
  tok_marks_init (m);
}

void
tok_marks_grow (TokMarks *m)
{
  guint cap = m->cap * 2;
  guint *v = g_new (guint, cap);

  memcpy (v, m->v, m->len * sizeof *v);
  if (m->v != m->stack)
    g_free (m->v);
  m->v = v;
  m->cap = cap;
}

void
tok_scan_tokens (const TokConfig *cfg, const char *text, gsize len,
                 GalleyLayer *layer, TokMarks *marks)
{
  Ctx cx;  /* set field by field: an initialiser zeroed the 2 KiB of
             * pending spans, 275 instructions a document */
  const guchar *t = (const guchar *) text;
  gsize p = 0;

  cx.cfg = cfg;
  cx.t = t;
  cx.len = len;
  cx.layer = layer;
  cx.n_flushed = 0;
  cx.marks = marks;
  cx.w = cx.pending;
  cx.lower.base = 0;  /* no letters known: the first lookup makes the mask */
  cx.lower.stop = 0;

  /* news text runs at 5.5 to 6.5 bytes a token; past 4M tokens (64 MB
   * of spans) the layer grows by doubling rather than reserving room for
   * a huge text all at once */
  galley_layer_reserve (layer, (guint) MIN (len / 5 + 16, 4u << 20));
  while (p < len)
    {
      guchar c = t[p];

      /* the common path first, as conditional branches: a letter (the
       * run of plain words), then one space; the rest by the byte's
       * class */
      if (G_LIKELY (plain_word_flags[c]))
        {
          gboolean plain;

          p = plain_words (&cx, p, &plain);
          if (!plain)
            p = other_word (&cx, p);
          continue;
        }
      if (c == ' ')
        {
          p++;
          continue;
        }
      switch (tok_bclass[c])
        {
        case B_NL:
          if (tok_count (&cx) > 0)
            mark (&cx, tok_count (&cx) - 1);
          p++;
          break;
        case B_SPACE:
          if (c == '\r' && tok_count (&cx) > 0)
            mark (&cx, tok_count (&cx) - 1);
          p++;
          break;
        case B_CTRL:
          p++;
          break;
        case B_DIGIT:
          p = plain_number (&cx, p);
          /* one space after the token is skipped here, as its round of
           * the dispatch would do nothing else */
          p += t[p] == ' ';
          break;
        case B_PUNCT:
          p = scan_ascii_punct (&cx, p);
          p += t[p] == ' ';
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
  flush_tokens (&cx);
}
