/* sentences.c: the sentence splitter, a second pass over the tokens.
 *
 * A sentence ends:
 *   - at a blank line (two line breaks with only white space between), or
 *     at any line break with newline-ends-sentence=true;
 *   - after a terminal token (. ! ? … and runs of them, or an ABBREV token
 *     of the right class) and the closing quotes, brackets, emoji and
 *     bracketed citations ("[12]") right after it, when the next token can
 *     start a sentence: a capitalised or uncased word, a number, or an
 *     opening quote or bracket before one. A lower-case word, a comma or a
 *     dash after the period continues the sentence (Yahoo! said, approx.
 *     five);
 *   - after an abbreviation only as its class says (abbrev.h): titles
 *     (Mr. Gen. e.g.) never, U.S., initials, months and states only before
 *     a word that typically starts a sentence (The, He, But, In ...), and
 *     Inc. Corp. etc. before any capitalised word;
 *   - after a dateline at the start of a paragraph (WASHINGTON (AP) —);
 *   - after a headline: a short line at the start of a paragraph with no
 *     final punctuation, before a line that starts with a capital.
 * The pass looks at a token's bytes only at these candidate points; the
 * rest is read from the kind and case bits the scanner left in the flags.
 */
#include "config.h"

#include <string.h>

#include "chars.h"
#include "tokenize.h"

/* Sentences wait in a batch of SENTENCES_MAX before they go to the layer
 * in one galley_layer_append_spans() call, as tokens do (scanner.h): one
 * galley_layer_append() a sentence cost 34 instructions (callgrind,
 * news-dev: 91,000 sentences; see the commit for the figure). */
#define SENTENCES_MAX 64

typedef struct {
  const TokConfig *cfg;
  const guchar *t;
  gsize len;
  GalleySpan *tok;
  guint n;
  GalleyLayer *layer;   /* the sentence layer */
  guint n_pending;
  GalleySpan pending[SENTENCES_MAX];
} Splitter;

static void
flush_sentences (Splitter *sp)
{
  galley_layer_append_spans (sp->layer, sp->pending, sp->n_pending);
  sp->n_pending = 0;
}

#define KIND(sp, i) GALLEY_TOKEN_KIND ((sp)->tok[i].flags)
#define CASE(sp, i) GALLEY_TOKEN_CASE ((sp)->tok[i].flags)

static inline guint32
tok_len (const Splitter *sp, guint i)
{
  return sp->tok[i].end - sp->tok[i].start;
}

static inline gboolean
tok_is (const Splitter *sp, guint i, const char *s)
{
  gsize n = strlen (s);
  return tok_len (sp, i) == n && memcmp (sp->t + sp->tok[i].start, s, n) == 0;
}

/* The first code point of token @i. Inline: most tokens the splitter
 * looks at are ASCII, and the call cost more than the test. */
static inline gunichar
first_char (const Splitter *sp, guint i)
{
  const guchar *p = sp->t + sp->tok[i].start;
  guint n;

  return *p < 0x80 ? *p : tok_utf8_decode (p, &n);
}

/* Line breaks in the white space between tokens @i and @i + 1 (a blank
 * line counts 2; U+2029 PARAGRAPH SEPARATOR counts 2). */
static guint
breaks_after_slow (const Splitter *sp, gsize p, gsize e)
{
  const guchar *t = sp->t;
  guint nl = 0;

  for (; p < e; p++)
    {
      if (t[p] == '\n' || (t[p] == '\r' && (p + 1 >= e || t[p + 1] != '\n')))
        nl++;
      else if (t[p] == 0xE2 && p + 2 < e && t[p + 1] == 0x80)
        {
          if (t[p + 2] == 0xA9)
            nl += 2;
          else if (t[p + 2] == 0xA8)
            nl++;
        }
    }
  return nl;
}

static inline guint
breaks_after (const Splitter *sp, guint i)
{
  gsize p = sp->tok[i].end, e = i + 1 < sp->n ? sp->tok[i + 1].start : sp->len;

  /* most tokens are followed by one space or by nothing */
  if (e == p || (e - p == 1 && sp->t[p] == ' '))
    return 0;
  return breaks_after_slow (sp, p, e);
}

static inline gboolean
is_terminal_punct (const Splitter *sp, guint i)
{
  gunichar c;

  if (KIND (sp, i) != GALLEY_TOKEN_PUNCT)
    return FALSE;
  c = first_char (sp, i);
  return tok_is_terminal_char (c);
}

/* Closing quotes and brackets after a terminal belong to its sentence. */
static gboolean
is_closer (const Splitter *sp, guint i)
{
  if (KIND (sp, i) == GALLEY_TOKEN_EMOJI)
    return TRUE;
  if (KIND (sp, i) != GALLEY_TOKEN_PUNCT)
    return FALSE;
  switch (first_char (sp, i))
    {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
      /* attached to the token before (the first token of the text is
       * attached to nothing) */
      return i > 0 && sp->tok[i].start == sp->tok[i - 1].end;
    case 0x201D:  /* ” */
    case 0x2019:  /* ’ */
    case 0x00BB:  /* » */
    case 0x203A:  /* › */
    case 0x300D:  /* 」 */
    case 0x300F:  /* 』 */
    case 0xFF09:  /* ） */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_opener (const Splitter *sp, guint i)
{
  if (KIND (sp, i) != GALLEY_TOKEN_PUNCT)
    return FALSE;
  switch (first_char (sp, i))
    {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{':
    case 0x201C:  /* “ */
    case 0x2018:  /* ‘ */
    case 0x201E:  /* „ */
    case 0x00AB:  /* « */
    case 0x2039:
    case 0x00BF:  /* ¿ */
    case 0x00A1:  /* ¡ */
    case 0x300C:
    case 0x300E:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A bracketed citation "[12]" or "[3, 4]" or "[1 - 3]" starting at @i:
 * the index of its ']' or 0. */
static guint
citation_end (const Splitter *sp, guint i)
{
  if (!tok_is (sp, i, "["))
    return 0;
  for (guint k = i + 1; k < sp->n && k < i + 12; k++)
    {
      GalleyTokenKind kind = KIND (sp, k);

      if (tok_is (sp, k, "]"))
        return k > i + 1 ? k : 0;
      if (kind == GALLEY_TOKEN_NUMBER)
        continue;
      if (kind == GALLEY_TOKEN_PUNCT && !tok_is (sp, k, "[") && !is_terminal_punct (sp, k))
        continue;
      /* Wikipedia's "[citation needed]" */
      if (kind == GALLEY_TOKEN_WORD && CASE (sp, k) == GALLEY_CASE_LOWER)
        continue;
      return 0;
    }
  return 0;
}

/* Words that typically open a sentence: after U.S. or an initial, a
 * capitalised word from this list ends the sentence, any other does not
 * (U.S. Army, J. R. R. Tolkien). Function words, and the plural nouns
 * news sentences open with, which after U.S. would be lower case if
 * they were part of the phrase (U.S. officials). Sorted, lower case. */
static const char *const starters[] = {
  "a", "about", "according", "after", "again", "all", "also", "although",
  "among", "an", "analysts", "and", "another", "any", "are", "as", "asked",
  "at", "authorities", "because", "before", "both", "but", "by", "can",
  "could", "critics", "despite", "did", "do", "does", "during", "each",
  "even", "every", "experts", "few", "finally", "firefighters", "first",
  "for", "from", "he", "her", "here", "his", "how", "however", "i", "if",
  "in", "instead", "investors", "is", "it", "its", "just", "last", "later",
  "lawmakers", "many", "meanwhile", "more", "most", "much", "my", "neither",
  "never", "nevertheless", "next", "no", "nor", "not", "now", "of",
  "officials", "on", "once", "one", "only", "or", "other", "our", "over",
  "police", "prices", "prosecutors", "protesters", "rescuers", "researchers",
  "residents", "sales", "scientists", "shares", "she", "since", "so", "some",
  "still", "stocks", "such", "talks", "that", "the", "their", "then",
  "there", "these", "they", "this", "those", "though", "thus", "to", "today",
  "under", "unlike", "until", "voters", "was", "we", "were", "what", "when",
  "where", "whether", "which", "while", "who", "why", "will", "with",
  "within", "without", "witnesses", "would", "yesterday", "yet", "you",
  "your",
};

static gboolean is_in (const Splitter *sp, guint i, const char *const *list,
                       gsize n_list);

static gboolean
is_starter (const Splitter *sp, guint i)
{
  return KIND (sp, i) == GALLEY_TOKEN_WORD
         && is_in (sp, i, starters, G_N_ELEMENTS (starters));
}

typedef enum {
  START_NO,       /* continues the sentence */
  START_YES,      /* may start a sentence */
} Start;

/* Whether token @j can be the first of a sentence. */
static Start
can_start (const Splitter *sp, guint j)
{
  if (j >= sp->n)
    return START_YES;
  switch (KIND (sp, j))
    {
    case GALLEY_TOKEN_NUMBER:
    case GALLEY_TOKEN_URL:
    case GALLEY_TOKEN_EMAIL:
    case GALLEY_TOKEN_HASHTAG:
    case GALLEY_TOKEN_MENTION:
      return START_YES;
    case GALLEY_TOKEN_WORD:
    case GALLEY_TOKEN_ABBREV:
      switch (CASE (sp, j))
        {
        case GALLEY_CASE_LOWER:
          return START_NO;
        case GALLEY_CASE_MIXED:
          /* iPhone, eBay, wikiHow: names, which may start a sentence */
          return START_YES;
        case GALLEY_CASE_NONE:
          /* a clitic or a bare mark is no start; uncased scripts are */
          if (sp->tok[j].flags & GALLEY_TOKEN_FLAG_CLITIC)
            return START_NO;
          return START_YES;
        default:
          break;
        }
      return START_YES;
    case GALLEY_TOKEN_PUNCT:
      if (is_opener (sp, j) && j + 1 < sp->n && !is_opener (sp, j + 1))
        {
          /* "(1965)" after a title is no sentence; "(See below.)" is */
          if (KIND (sp, j + 1) == GALLEY_TOKEN_NUMBER
              && (first_char (sp, j) == '(' || first_char (sp, j) == '['))
            return START_NO;
          return can_start (sp, j + 1);
        }
      return START_NO;
    case GALLEY_TOKEN_SYMBOL:
      return g_unichar_type (first_char (sp, j)) == G_UNICODE_CURRENCY_SYMBOL
               ? START_YES : START_NO;
    default:
      return START_NO;
    }
}

/* Verbs of saying: "Is it over?" Smith asked. is one sentence. Sorted. */
static const char *const speech_verbs[] = {
  "added", "adds", "admitted", "agreed", "announced", "answered", "argued",
  "ask", "asked", "asks", "began", "called", "continued", "cried",
  "declared", "exclaimed", "explained", "howled", "insisted", "laughed",
  "muttered", "noted", "recalled", "replied", "replies", "reported", "said",
  "say", "says", "screamed", "shouted", "sighed", "snapped", "started",
  "tells", "told", "warned", "whispered", "wrote", "yelled",
};

static gboolean
is_in (const Splitter *sp, guint i, const char *const *list, gsize n_list)
{
  char buf[16];
  guint32 n = tok_len (sp, i);
  gsize lo = 0, hi = n_list;

  if (n >= sizeof buf)
    return FALSE;
  for (guint32 k = 0; k < n; k++)
    buf[k] = tok_lower (sp->t[sp->tok[i].start + k]);
  buf[n] = '\0';
  /* binary search; the first byte settles most steps without a call */
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int c = (guchar) buf[0] - (guchar) list[mid][0];

      if (c == 0)
        c = strcmp (buf, list[mid]);
      if (c == 0)
        return TRUE;
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return FALSE;
}

static gboolean
is_quote (const Splitter *sp, guint i)
{
  gunichar c = first_char (sp, i);
  return KIND (sp, i) == GALLEY_TOKEN_PUNCT
         && (c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0x00BB);
}

/* Whether the sentence ends after terminal token @term and the closers
 * up to @k, the next token being @j = @k + 1. */
static gboolean
ends_before (const Splitter *sp, guint term, guint k, guint j)
{
  AbbrevClass ac = ABBREV_NONE;
  Start st;

  /* "Where is he?" Mom asked. */
  if (k > term && is_quote (sp, k) && j + 1 < sp->n
      && (CASE (sp, j) == GALLEY_CASE_TITLE || CASE (sp, j) == GALLEY_CASE_UPPER)
      && KIND (sp, j + 1) == GALLEY_TOKEN_WORD && CASE (sp, j + 1) == GALLEY_CASE_LOWER
      && is_in (sp, j + 1, speech_verbs, G_N_ELEMENTS (speech_verbs))
      && (j + 2 >= sp->n || is_terminal_punct (sp, j + 2) || tok_is (sp, j + 2, ",")))
    return FALSE;

  if (KIND (sp, term) == GALLEY_TOKEN_ABBREV)
    {
      ac = tok_abbrev_class (sp->cfg, (const char *) sp->t, sp->tok[term].start,
                             sp->tok[term].end);
      if (ac == ABBREV_TITLE || ac == ABBREV_NUMERIC)
        return FALSE;
    }
  st = can_start (sp, j);
  if (st == START_NO)
    return FALSE;
  if (ac == ABBREV_MIDDLE)
    {
      /* looked up only here: the word after the quotes or brackets */
      guint w = j;

      while (w + 1 < sp->n && is_opener (sp, w))
        w++;
      return is_starter (sp, w);
    }
  return TRUE;
}

/* A dateline opening the paragraph at @i: place words in capitals or
 * title case, maybe commas and a region, maybe "(AP)", then a dash
 * (WASHINGTON (AP) — ...), or, after at least one comma, a capitalised
 * word that opens sentences (Preston, Victoria, Australia On Saturday
 * ...). The index of the dateline's last token, or 0. */
static guint
dateline_end (const Splitter *sp, guint i)
{
  gboolean in_paren = FALSE;
  guint commas = 0;

  if (KIND (sp, i) != GALLEY_TOKEN_WORD
      || (CASE (sp, i) != GALLEY_CASE_UPPER && CASE (sp, i) != GALLEY_CASE_TITLE))
    return 0;
  for (guint k = i + 1; k < sp->n && k < i + 12; k++)
    {
      GalleyTokenKind kind = KIND (sp, k);
      gunichar c = first_char (sp, k);

      if (breaks_after (sp, k - 1) > 0)
        return 0;
      if (kind == GALLEY_TOKEN_PUNCT)
        {
          if (in_paren && c == ')')
            in_paren = FALSE;
          else if (!in_paren && c == '(')
            in_paren = TRUE;
          else if (!in_paren && (c == 0x2014 || c == 0x2013 || c == '-')
                   && k + 1 < sp->n && sp->tok[k].start > sp->tok[k - 1].end
                   && (CASE (sp, i) == GALLEY_CASE_UPPER || commas > 0 || KIND (sp, k - 1) == GALLEY_TOKEN_PUNCT))
            return k;
          else if (c == ',' && !in_paren)
            commas++;
          else
            return 0;
          continue;
        }
      if (kind == GALLEY_TOKEN_ABBREV)
        continue;
      if (kind != GALLEY_TOKEN_WORD)
        return 0;
      if (in_paren)
        continue;
      if (CASE (sp, k) != GALLEY_CASE_UPPER && CASE (sp, k) != GALLEY_CASE_TITLE)
        return 0;
      if (commas > 0 && KIND (sp, k - 1) == GALLEY_TOKEN_WORD && is_starter (sp, k)
          && CASE (sp, k) == GALLEY_CASE_TITLE)
        return k - 1;
    }
  return 0;
}

static const char *const weekdays[] = {
  "friday", "monday", "saturday", "sunday", "thursday", "tuesday", "wednesday",
};

static const char *const months[] = {
  "april", "august", "december", "february", "january", "july", "june",
  "march", "may", "november", "october", "september",
};

static gboolean
is_number_of (const Splitter *sp, guint i, guint min_digits, guint max_digits)
{
  guint32 n = tok_len (sp, i);

  if (KIND (sp, i) != GALLEY_TOKEN_NUMBER || n < min_digits || n > max_digits)
    return FALSE;
  for (guint32 k = 0; k < n; k++)
    if (!tok_is_digit (sp->t[sp->tok[i].start + k]))
      return FALSE;
  return TRUE;
}

/* A date line "Sunday, April 5, 2009" starting at @i: the index of the
 * year, or 0. News sites print it under the headline, and text extracted
 * from their pages often runs the two together on one line. */
static guint
date_line_end_at (const Splitter *sp, guint i)
{
  if (i + 5 >= sp->n || CASE (sp, i) != GALLEY_CASE_TITLE || !tok_is (sp, i + 1, ",")
      || !tok_is (sp, i + 4, ",") || !is_number_of (sp, i + 5, 4, 4)
      || !is_number_of (sp, i + 3, 1, 2))
    return 0;
  if (is_in (sp, i, weekdays, G_N_ELEMENTS (weekdays))
      && is_in (sp, i + 2, months, G_N_ELEMENTS (months)))
    return i + 5;
  return 0;
}

/* date_line_end_at(), after the test that rules out most tokens inline
 * (a capitalised word and a comma after it): this runs at every sentence
 * start, and the call cost more than the test (callgrind, news-dev:
 * 91,000 calls, 30 instructions each). */
static inline guint
date_line_end (const Splitter *sp, guint i)
{
  if (i + 5 >= sp->n || CASE (sp, i) != GALLEY_CASE_TITLE || sp->t[sp->tok[i + 1].start] != ',')
    return 0;
  return date_line_end_at (sp, i);
}

/* Words after which a date is part of the sentence ("on Sunday, ..."). */
static const char *const date_leads[] = {
  "after", "and", "before", "between", "by", "dated", "from", "last", "next",
  "of", "on", "or", "since", "than", "that", "this", "through", "till",
  "to", "until",
};

/* Whether token @i leads into a date that follows it. */
static gboolean
continues_into_date (const Splitter *sp, guint i)
{
  if (KIND (sp, i) == GALLEY_TOKEN_PUNCT)
    return !is_quote (sp, i) && !tok_is (sp, i, ")") && !tok_is (sp, i, "]");
  return is_in (sp, i, date_leads, G_N_ELEMENTS (date_leads));
}

/* Words that label a caption ("Figure 1.3 The map ..."). */
static const char *const labels[] = {
  "chart", "exhibit", "figure", "graph", "illustration", "image", "map",
  "photo", "picture", "plate", "table",
};

/* A numbered heading or list item at a paragraph start: "2.1." "4."
 * before its text. */
static gboolean
is_numbering (const Splitter *sp, guint start, guint term)
{
  return term == start + 1 && tok_is (sp, term, ".") && KIND (sp, start) == GALLEY_TOKEN_NUMBER;
}

/* A caption label opening the paragraph at @i, "Figure 1.3" or "Table 2",
 * followed on the same line by its capitalised text without a period
 * between: the index of the number, or 0. */
static guint
caption_label_end (const Splitter *sp, guint i)
{
  if (i + 2 >= sp->n || KIND (sp, i + 1) != GALLEY_TOKEN_NUMBER
      || CASE (sp, i) != GALLEY_CASE_TITLE || breaks_after (sp, i) > 0
      || breaks_after (sp, i + 1) > 0 || is_terminal_punct (sp, i + 2)
      || can_start (sp, i + 2) == START_NO)
    return 0;
  if (KIND (sp, i) == GALLEY_TOKEN_ABBREV)
    return tok_is (sp, i, "Fig.") ? i + 1 : 0;
  return KIND (sp, i) == GALLEY_TOKEN_WORD && is_in (sp, i, labels, G_N_ELEMENTS (labels))
           ? i + 1 : 0;
}

/* A footnote number after a sentence: "... a fee. 8 Yet some ..." */
static gboolean
is_footnote (const Splitter *sp, guint i)
{
  return is_number_of (sp, i, 1, 2) && i + 1 < sp->n && breaks_after (sp, i) == 0
         && CASE (sp, i + 1) == GALLEY_CASE_TITLE && is_starter (sp, i + 1);
}

/* Whether the line that holds tokens @start .. @i (a sentence start at a
 * paragraph start, up to a single line break) reads as a headline before
 * the line starting at @i + 1. */
static gboolean
is_headline (const Splitter *sp, guint start, guint i)
{
  guint words = 0, capitalised = 0;
  GalleyTokenKind last = KIND (sp, i);
  gsize line_len, next_len;
  guint k;

  if (i - start > 16 || last == GALLEY_TOKEN_PUNCT || last == GALLEY_TOKEN_SYMBOL)
    {
      if (last != GALLEY_TOKEN_PUNCT || !is_closer (sp, i))
        return FALSE;
    }
  if (can_start (sp, i + 1) == START_NO)
    return FALSE;
  for (k = start; k <= i; k++)
    if (KIND (sp, k) == GALLEY_TOKEN_WORD && tok_len (sp, k) > 3)
      {
        words++;
        capitalised += CASE (sp, k) == GALLEY_CASE_TITLE || CASE (sp, k) == GALLEY_CASE_UPPER;
      }
  if (words > 0 && capitalised * 10 >= words * 7)
    return TRUE;
  /* a short line before a longer one: not a wrapped paragraph */
  line_len = sp->tok[i].end - sp->tok[start].start;
  for (k = i + 1; k + 1 < sp->n && breaks_after (sp, k) == 0; k++)
    ;
  next_len = sp->tok[k].end - sp->tok[i + 1].start;
  return line_len * 2 < next_len;
}

static void
emit_sentence (Splitter *sp, guint first, guint last)
{
  GalleySpan *span;

  sp->tok[first].flags |= GALLEY_TOKEN_FLAG_SENTENCE_START;
  if (G_UNLIKELY (sp->n_pending == SENTENCES_MAX))
    flush_sentences (sp);
  span = &sp->pending[sp->n_pending++];
  span->start = sp->tok[first].start;
  span->end = sp->tok[last].end;
  span->type = sp->cfg->sentence_quark;
  span->flags = 0;
}

/* The splitter's state between candidates. */
typedef struct {
  guint start;        /* first token of the current sentence */
  gboolean para;      /* the current sentence opens a line */
  guint date_end;     /* the year of a date line opening it, or G_MAXUINT */
} State;

static void opening (Splitter *sp, State *st);

static void
end_sentence (Splitter *sp, State *st, guint last)
{

  emit_sentence (sp, st->start, last);
  st->para = last + 1 < sp->n && breaks_after (sp, last) > 0;
  st->start = last + 1;
  st->date_end = G_MAXUINT;
  if (st->start >= sp->n)
    return;
  opening (sp, st);
}

/* What opens the sentence starting at st->start: a date line, or at a
 * paragraph start a dateline or a caption label, each a sentence of its
 * own. */
static void
opening (Splitter *sp, State *st)
{
  guint d;

  if ((d = date_line_end (sp, st->start)) != 0)
    st->date_end = d;
  else if (st->para && ((d = dateline_end (sp, st->start)) != 0
                        || (d = caption_label_end (sp, st->start)) != 0))
    end_sentence (sp, st, d);
}

static gboolean
is_bullet (const Splitter *sp, guint i)
{
  if (KIND (sp, i) != GALLEY_TOKEN_PUNCT && KIND (sp, i) != GALLEY_TOKEN_SYMBOL)
    return FALSE;
  switch (first_char (sp, i))
    {
    case '*':
    case 0x2022:  /* • */
    case 0x2023:  /* ‣ */
    case 0x25AA:  /* ▪ */
    case 0x25CF:  /* ● */
    case 0x25E6:  /* ◦ */
    case 0x25A0:  /* ■ */
    case 0x2043:  /* ⁃ */
      return tok_len (sp, i) <= 3;
    default:
      return FALSE;
    }
}

/* Whether a sentence ends after token @i (and the closers after it, the
 * last of which goes to @last). */
static gboolean
ends_after (Splitter *sp, const State *st, guint i, guint *last)
{
  guint nl = breaks_after (sp, i), d;

  *last = i;
  if (i + 1 == sp->n)
    return TRUE;
  if (nl >= 2 || (nl == 1 && sp->cfg->newline_ends_sentence))
    return TRUE;
  if (i == st->date_end)
    return can_start (sp, i + 1) != START_NO;
  if (KIND (sp, i) == GALLEY_TOKEN_ABBREV || is_terminal_punct (sp, i))
    {
      guint k = i, nk = nl, c;  /* nk: breaks_after (sp, k), counted once */

      /* closing quotes, brackets, citations and footnote numbers stay
       * with the sentence */
      while (k + 1 < sp->n && nk < 2)
        {
          if (is_closer (sp, k + 1) || is_terminal_punct (sp, k + 1))
            k++;
          else if ((c = citation_end (sp, k + 1)) != 0)
            k = c;
          else if (is_footnote (sp, k + 1))
            k++;
          else
            break;
          nk = breaks_after (sp, k);
        }
      *last = k;
      if (k + 1 == sp->n || nk >= 2 || (nk == 1 && sp->cfg->newline_ends_sentence))
        return TRUE;
      if (st->para && is_numbering (sp, st->start, i))
        return FALSE;
      return ends_before (sp, i, k, k + 1);
    }
  /* a headline run together with its date line, which ends the
   * paragraph or runs into the text */
  if (nl == 0 && (d = date_line_end (sp, i + 1)) != 0 && !continues_into_date (sp, i)
      && (d + 1 == sp->n || breaks_after (sp, d) > 0 || can_start (sp, d + 1) != START_NO))
    return TRUE;
  if (nl == 1 && st->para && is_headline (sp, st->start, i))
    return TRUE;
  /* a bulleted line starts a sentence */
  if (nl == 1 && is_bullet (sp, i + 1))
    return TRUE;
  return FALSE;
}

void
tok_split_sentences (const TokConfig *cfg, const char *text, gsize len,
                     GalleySpan *tokens, guint n_tokens,
                     const guint *marks, guint n_marks, GalleyLayer *sentences)
{
  Splitter sp;  /* set field by field: the pending batch needs no zeroing */
  State st = { 0, TRUE, G_MAXUINT };
  guint last;

  if (n_tokens == 0)
    return;
  sp.cfg = cfg;
  sp.t = (const guchar *) text;
  sp.len = len;
  sp.tok = tokens;
  sp.n = n_tokens;
  sp.layer = sentences;
  sp.n_pending = 0;
  galley_layer_reserve (sentences, MIN (n_tokens / 16 + 4, 1u << 20));
  opening (&sp, &st);

  /* Only the candidates the scanner marked can end a sentence, besides
   * the end of a date line, which the splitter found itself. */
  for (guint m = 0; m <= n_marks && st.start < n_tokens; m++)
    {
      guint i = m < n_marks ? marks[m] : n_tokens - 1;

      while (st.date_end < i && st.date_end >= st.start)
        {
          if (ends_after (&sp, &st, st.date_end, &last))
            end_sentence (&sp, &st, last);
          else
            st.date_end = G_MAXUINT;
        }
      if (i < st.start || i >= n_tokens)
        continue;
      if (ends_after (&sp, &st, i, &last))
        end_sentence (&sp, &st, last);
    }
  flush_sentences (&sp);
}

AbbrevClass
tok_abbrev_class (const TokConfig *cfg, const char *text, guint32 start,
                  guint32 end)
{
  AbbrevClass k;

  if (end - start < 2)
    return ABBREV_NONE;
  k = abbrev_table_lookup (cfg->abbrevs, text + start, end - start - 1);
  /* dotted shapes and initials not in the table */
  return k == ABBREV_NONE ? ABBREV_MIDDLE : k;
}
