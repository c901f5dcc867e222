/* names-scan.c: names_scan(), the scanner's entry, and the run of units
 * at a token that may start a name: gazetteer phrases (longest match)
 * and single capitalised tokens, joined by the few lower-case words that
 * stay inside names (collect_units()); and the tests of lines it asks
 * (headings, a wire dateline's town). names.c says what becomes of the
 * run.
 */
#include "config.h"

#include <string.h>

#include "names-private.h"

/* Whether a line ends between two of the tokens [@a, @b). */
gboolean
line_ends_within (const Doc *d, guint a, guint b)
{
  for (guint j = a + 1; j < b; j++)
    if (line_ends_before (d, j))
      return TRUE;
  return FALSE;
}

/* The first of the capitalised words before the word at @j on its line,
 * up to five back. */
guint
heading_start (const Doc *d, guint j)
{
  guint a = j;

  while (a > 0 && j - a < 5 && !line_ends_before (d, a) && tk (d, a - 1)->cap != CAP_NO
         && tk (d, a - 1)->kind == GALLEY_TOKEN_WORD)
    a--;
  return a;
}

/* Whether the word at @j is in a name that a line holds alone, up to a
 * comma: a heading, a caption or an affiliation ("Electrical
 * Engineering Department, Bataan ...", "South Court Auditorium",
 * "All-In African National Action Council" under a signature). Its
 * words are capitalised by their place, which alone makes no name; an
 * organisation or place word that ends the line's words makes them one
 * (issue 17, fifth round). Two to five words, no function word ("Stocks
 * Fall As Investors Flee Bank" is a headline, not a bank). A caption's
 * credits are separated by "/" as well, after a colon ("Credit: DoD
 * News / Flickr"; issue 17, eighth round); not up to a colon, which
 * ends a table's heading ("SAO PAULO STATE: ...", a GPE). */
static gboolean
heading_separator (const Doc *d, const Token *t)
{
  return tok_text_eq (d, t, ",") || tok_text_eq (d, t, "/");
}

gboolean
heading_name (const Doc *d, guint j)
{
  guint a = heading_start (d, j), b = j;

  if (!(a == 0 || line_ends_before (d, a) || heading_separator (d, tk (d, a - 1))
        || tok_text_eq (d, tk (d, a - 1), ":")))
    return FALSE;
  while (b < d->n && b - a < 6 && (b == a || !line_ends_before (d, b)) && tk (d, b)->cap != CAP_NO
         && tk (d, b)->kind == GALLEY_TOKEN_WORD)
    {
      if (tok_lex (d, tk (d, b)) & (LEX_FUNCTION | LEX_DETERMINER))
        return FALSE;
      b++;
    }
  return b - a >= 2 && b - a <= 5 && (b == d->n || line_ends_before (d, b) || heading_separator (d, tk (d, b)))
         && (tok_lex (d, tk (d, b - 1)) & (LEX_ORG_WORD | LEX_PLACE_SUFFIX));
}

/* What heading_name() needs of a word's neighbours: a capitalised word
 * after it or before it. Most words capitalised by their place open a
 * sentence, between a period and a lower-case word: this test leaves
 * them at once (heading_name() at every such word cost 5.5M
 * instructions of the stage on the real-news file, callgrind). */
static inline gboolean
heading_neighbours (const Doc *d, guint j)
{
  return (j + 1 < d->n && tk (d, j + 1)->cap != CAP_NO)
         || (j > 0 && tk (d, j - 1)->cap != CAP_NO && tk (d, j - 1)->kind == GALLEY_TOKEN_WORD);
}

/* "University of Portsmouth said", "Bank of Spain governor", an
 * affiliation line in title case: an organisation word capitalised by
 * its place before "of" and one capitalised word still opens a name
 * (issue 17, seventh round). Not a function word ("As of Octotber"),
 * and not before more capitalised words, where a headline's words may
 * run on into a role and a person ("University of Missouri
 * Agricultural Economist Glenn Grimes"). Inline: unit_at() asks it at
 * every word capitalised by its place, and the call cost the stage 0.9M
 * instructions (callgrind, 10,569 news articles: 725.2M -> 724.3M). */
static inline gboolean
org_word_of_name (const Doc *d, guint j)
{
  return (tok_lex (d, tk (d, j)) & (LEX_ORG_WORD | LEX_FUNCTION | LEX_CLOSED)) == LEX_ORG_WORD
         && j + 2 < d->n && tok_text_eq (d, tk (d, j + 1), "of") && tk (d, j + 2)->cap != CAP_NO
         && tk (d, j + 2)->kind == GALLEY_TOKEN_WORD
         && (j + 3 >= d->n || tk (d, j + 3)->cap == CAP_NO);
}

/* Whether a word is spelled like an English plural: Sports, Tours,
 * Colors; not Ross, Davis, Andrus ("ss", "is", "us"), nor a hyphenated
 * word (Wright-Phillips). */
gboolean
plural_shape (const Doc *d, const Token *t)
{
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;

  return len >= 4 && s[len - 1] == 's' && s[len - 2] != 's' && s[len - 2] != 'i'
         && s[len - 2] != 'u' && g_ascii_islower (s[len - 2]) && memchr (s, '-', len) == NULL;
}

/* "National Semiconductor Corp said", "Waste Management Inc", "Holiday
 * Corp": a common word capitalised by its place opens the name of a
 * company when the capitalised words after it, on its line, end with a
 * legal form (issue 17, twenty-eighth round: at a sentence's start such
 * names lost their first word, "Semiconductor Corp", and the bare
 * "National" of the next sentences was a PERSON). Not a word that opens
 * a sentence before a name: a function word, a determiner or a
 * quantifier ("But", "Both"), a role ("Analyst"), a word of time
 * ("Yesterday"), one of 77 adverbs and prepositions ("Meanwhile",
 * "Under"), a plural ("Analysts"), an adverb in -ly or a verb's form in
 * -ing ("Replacing"). Asked of a word capitalised by its place with a
 * capitalised word after it. */
static const char *const sentence_openers[] = {
  "Both", "Either", "Neither", "Each", "Every", "Meanwhile", "Earlier", "Later", "Also",
  "Now", "Then", "Still", "Yet", "Thus", "Hence", "However", "Moreover", "Furthermore",
  "Nevertheless", "Nonetheless", "Otherwise", "Overall", "Indeed", "Again", "Already", "Soon",
  "Once", "Elsewhere", "Instead", "Rather", "Together", "Afterwards", "Since", "Under",
  "Without", "Unlike", "Like", "Despite", "Against", "Among", "Amid", "Before", "After",
  "During", "Through", "Throughout", "Until", "Within", "Beyond", "Besides", "Behind", "Below",
  "Above", "Across", "Along", "Around", "Near", "Over", "Outside", "Inside", "Per", "Via",
  "Toward", "Towards", "Last", "Next", "Even", "Only", "Just", "Because", "While", "Although",
  "Though", "Unless", "Whether", "Called", "Named",
};

/* Whether @w, a word capitalised by its place before a company's name,
 * is the name's first word rather than a word that opens the sentence
 * (see company_ahead()). */
static gboolean
opens_company (const Doc *d, const Token *w)
{
  const char *end = d->text + w->end;

  if ((tok_lex (d, w) & (LEX_FUNCTION | LEX_CLOSED | LEX_ROLE | LEX_DETERMINER | LEX_DATE_REL
                         | LEX_DATE_WORD | LEX_TIME_WORD))
      || tok_text_in (d, w, sentence_openers) || plural_shape (d, w))
    return FALSE;
  /* "Separately", "Replacing" */
  return !(w->end - w->start >= 4
           && ((end[-2] == 'l' && end[-1] == 'y') || (end[-3] == 'i' && end[-2] == 'n' && end[-1] == 'g')));
}

gboolean
company_ahead (const Doc *d, guint j)
{
  for (guint x = j + 1; x < d->n && x <= j + 6 && !line_ends_before (d, x); x++)
    {
      const Token *t = tk (d, x);

      if (company_form (d, t))
        return opens_company (d, tk (d, j));
      if (t->kind == GALLEY_TOKEN_WORD && t->cap == CAP_STRONG)
        continue;
      /* "Brown and Sons Inc", "Procter & Gamble Co" */
      if (x > j + 1 && (tok_text_eq (d, t, "and") || tok_text_eq (d, t, "&")))
        continue;
      return FALSE;
    }
  return FALSE;
}

/* Whether the tokens from @b go on as a wire dateline does after its
 * town: a comma, at most four tokens of state or country and a comma
 * (unless the month is next), then a month, a day and a dash. */
gboolean
dateline_tail (const Doc *d, guint b)
{
  guint j;

  if (b + 3 >= d->n || !tok_text_eq (d, tk (d, b), ","))
    return FALSE;
  j = b + 1;
  if (!(tok_lex (d, tk (d, j)) & LEX_MONTH))
    {
      while (j < d->n && j < b + 6 && !tok_text_eq (d, tk (d, j), ",") && !line_ends_before (d, j))
        j++;
      if (j >= b + 6 || j + 1 >= d->n || !tok_text_eq (d, tk (d, j), ","))
        return FALSE;
      j++;
    }
  return j + 2 < d->n && (tok_lex (d, tk (d, j)) & LEX_MONTH)
         && tk (d, j + 1)->kind == GALLEY_TOKEN_NUMBER && tok_is_dash (d, tk (d, j + 2));
}

/* Whether token @j is a word in capitals, or an abbreviation in
 * capitals, as a dateline's town writes "ST." and "FT." ("ST.
 * CATHARINES, Ontario, June 29 -": its town was a PERSON after the title
 * "St."; issue 17, eighty-fifth round). */
gboolean
upper_word (const Doc *d, guint j)
{
  return (tk (d, j)->kind == GALLEY_TOKEN_WORD || tk (d, j)->kind == GALLEY_TOKEN_ABBREV)
         && tk (d, j)->tcase == GALLEY_CASE_UPPER;
}

/* Whether word @j is in capitals in a wire dateline's town: capitals
 * from a line's start to a comma, and dateline_tail(). unit_at() asks
 * it of a common word in capitals, which it refuses elsewhere as a
 * heading's word: "VALLEY STREAM, N.Y., June 18 -", "READING, Pa.,
 * April 2 -", "GREAT NECK, N.Y., Oct 19 -" (108 such towns on
 * news-dev had no mention; issue 17, forty-sixth round). */
static gboolean
in_dateline_town (const Doc *d, guint j)
{
  guint a = j, b = j;

  if (!upper_word (d, j))
    return FALSE;
  while (a > 0 && !line_ends_before (d, a))
    {
      if (j - a >= 4 || !upper_word (d, a - 1))
        return FALSE;
      a--;
    }
  while (b < d->n && b < a + 5 && upper_word (d, b))
    b++;
  return dateline_tail (d, b);
}

/* Whether a unit may start at token @j, filling @u. Inline, always:
 * collect_units() asks it at every word of a name, and the call (saved
 * registers, a PhraseMatch on the stack) was a sixth of its cost (the
 * stage on 10,569 real news articles: 845.9 M -> 838.6 M
 * instructions inline). */
static inline G_ALWAYS_INLINE gboolean
unit_at (const Doc *d, guint j, gboolean first, Unit *u)
{
  const Token *t = tk (d, j);
  PhraseMatch pm;

  if (t->kind != GALLEY_TOKEN_WORD && t->kind != GALLEY_TOKEN_ABBREV
      && !(t->kind == GALLEY_TOKEN_NUMBER && first && tok_known (t)))
    return FALSE;
  if (t->tflags & GALLEY_TOKEN_FLAG_CLITIC)
    return FALSE;
  pm.n_tokens = 0;
  if (tok_lex (d, t) & (t->cap == CAP_NO ? LEX_PHRASE_START_LOWER : LEX_PHRASE_START))
    phrase_match (d, j, &pm);
  if (pm.n_tokens > 0)
    {
      gboolean ok;

      if (t->cap == CAP_STRONG || t->cap == CAP_NO)
        ok = TRUE;
      else if (pm.n_tokens >= 2)
        ok = TRUE;
      else if (!(tok_lex (d, t) & LEX_COMMON))
        ok = TRUE;
      else if (pm.first_req == CASE_REQ_UPPER && t->tcase == GALLEY_CASE_UPPER && !t->headline)
        ok = TRUE;
      else if (pm.type == ET_TITLE && j + 1 < d->n && tk (d, j + 1)->cap != CAP_NO)
        ok = TRUE;
      else
        ok = FALSE;
      /* a lower-case token only starts a phrase written in lower case */
      if (t->cap == CAP_NO && pm.first_req != CASE_REQ_ANY)
        ok = FALSE;
      /* "Ask New\nYork Times": no phrase across the end of a line */
      if (pm.n_tokens >= 2 && line_ends_within (d, j, j + pm.n_tokens))
        ok = FALSE;
      if (ok)
        {
          u->a = j;
          u->b = j + pm.n_tokens;
          u->kind = U_GAZ;
          u->type = (guint8) pm.type;
          u->canonical = pm.canonical;
          u->after_of = 0;
          return TRUE;
        }
    }
  if (t->cap == CAP_NO || t->kind == GALLEY_TOKEN_NUMBER)
    return FALSE;
  if (t->cap == CAP_WEAK)
    {
      const Token *next = j + 1 < d->n ? tk (d, j + 1) : NULL;

      /* "Will Smith", "Mark Carney" at the start of a sentence;
       * "University of Portsmouth said" */
      if (!((tok_lex (d, t) & LEX_GIVEN) && next != NULL && next->cap == CAP_STRONG
            && !(tok_lex (d, next) & (LEX_COMMON | LEX_MONTH | LEX_WEEKDAY)))
          && !(heading_neighbours (d, j) && heading_name (d, j))
          && !org_word_of_name (d, j)
          && !(next != NULL && next->cap == CAP_STRONG && company_ahead (d, j))
          && !(next != NULL && next->cap == CAP_STRONG && airline_first (d, t))
          && !in_dateline_town (d, j))
        return FALSE;
    }
  /* dates are numeric.c's; inside a name they may be surnames (May) */
  if (first && (tok_lex (d, t) & (LEX_MONTH | LEX_WEEKDAY)))
    return FALSE;
  u->a = j;
  u->b = j + 1;
  u->kind = U_CAP;
  u->type = ET_NONE;
  u->canonical = NULL;
  u->after_of = 0;
  return TRUE;
}

/* unit_at(), out of line, for the other files of the scanner: an
 * inverted name's given name asks it (names-rules.c), rarely. */
gboolean
unit_starts_at (const Doc *d, guint j, gboolean first, Unit *u)
{
  return unit_at (d, j, first, u);
}

/* Whether the capitalised words from @j end with an organisation word:
 * "Competition and Markets Authority" keeps its "and". A bare "Co" ends
 * a company's name as "Co." does ("Merrill Lynch and Co", "American
 * Telephone and Telegraph Co"), though the lists leave it out of the
 * organisation words, for it opens an Irish county's name too ("Co
 * Antrim"); so does rule_last_org_word() (issue 17, ninth round: 47
 * news mentions of "Co" and 20 of "Pennzoil Co" were a PERSON). */
static gboolean
org_word_ahead (const Doc *d, guint j)
{
  guint last = G_MAXUINT, start = j;

  for (; j < d->n && j < start + 8; j++)
    {
      const Token *t = tk (d, j);

      if (t->cap == CAP_NO || (t->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START)
          || (j > start && line_ends_before (d, j)))
        break;
      last = j;
    }
  return last != G_MAXUINT && ((tok_lex (d, tk (d, last)) & LEX_ORG_WORD)
                               || tok_text_eq (d, tk (d, last), "Co"));
}

/* Whether "and" before @j ends a company's name: "Co" or "Company" and
 * nothing capitalised after it. It joins a name that ends with an
 * organisation word too, where "and" otherwise parts two names ("Acme
 * Holdings and Beta Corp"): "Merrill Lynch International and Co" is one
 * company, where "Co" alone was a PERSON. "Co." is one token, or "Co"
 * and a full stop that ends the sentence. */
static gboolean
and_co_ahead (const Doc *d, guint j)
{
  static const char *const forms[] = { "Co", "Co.", "Company" };
  const Token *next;

  if (j >= d->n || !tok_text_in (d, tk (d, j), forms))
    return FALSE;
  next = j + 1 < d->n ? tk (d, j + 1) : NULL;
  if (next != NULL && next->kind == GALLEY_TOKEN_PUNCT && tok_text_eq (d, next, "."))
    next = j + 2 < d->n ? tk (d, j + 2) : NULL;
  return next == NULL || next->cap == CAP_NO || (next->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START)
         || line_ends_before (d, j + 1);
}

/* Whether "and" before @j joins two trades in one company's name: after
 * an organisation word that is no legal form ("Power", "Trust", "Oil"),
 * one common word and a legal form ("Utah Power and Light Co", "Bankers
 * Trust and Banking Co", "Texas Oil and Gas Corp"). An organisation word
 * otherwise ends a name before "and" ("Acme Holdings and Beta Corp"), and
 * these were cut after it: "Light Co", "Gas Corp", 80 times on the
 * real-news file (issue 17, eighty-fourth round). */
static gboolean
trades_and_form_ahead (const Doc *d, const Unit *last, guint j)
{
  /* words that end a company's name whatever its trade: "Acme Group
   * and Standard Corp" is two */
  static const char *const corporate[] = {
    "Group", "Holdings", "Holding", "Industries", "International", "Enterprises",
    "Partners", "Associates", "Brothers", "Sons", "Company", "Companies",
  };
  const Token *before = tk (d, last->b - 1), *t;

  if (j + 1 >= d->n || last->kind != U_CAP || !(tok_lex (d, before) & LEX_ORG_WORD)
      || company_form (d, before) || tok_text_in (d, before, corporate))
    return FALSE;
  t = tk (d, j);
  return t->tcase == GALLEY_CASE_TITLE && t->kind == GALLEY_TOKEN_WORD && !company_form (d, t)
         && common_word (d, t) && !line_ends_before (d, j + 1) && company_form (d, tk (d, j + 1));
}

/* Whether the @k units before an "and" name a person, and the words
 * from @j after it, two or more, a body of its own: "Kate Bush and Joy
 * Division" is a singer and a band, where "Sales and Marketing Division"
 * is one name. A given name, then capitalised words or a listed
 * person's name, the last a surname, no "of" and no organisation word
 * ("Victor Savings and Loan Association" is one name); after "and", no
 * organisation word first and no legal form ("Alex Brown and Sons Inc",
 * "John Wiley and Sons" and "Frank B. Hall and Co Inc" are firms named
 * for their partners). */
static gboolean
person_before_and (const Doc *d, const Unit *units, guint k, guint j)
{
  guint n_after = 0;

  if (k < 2 || !unit_is_cap_with (d, &units[0], LEX_GIVEN)
      || unit_is_cap_with (d, &units[0], LEX_ORG_WORD | LEX_PLACE_SUFFIX | LEX_PLACE_PREFIX))
    return FALSE;
  for (guint u = 1; u < k; u++)
    if (!(units[u].kind == U_CAP || (units[u].kind == U_GAZ && units[u].type == ET_PERSON))
        || units[u].after_of || unit_is_cap_with (d, &units[u], LEX_ORG_WORD))
      return FALSE;
  /* ... ending in a surname ("Victor Savings and Loan Association") */
  if (units[k - 1].kind == U_CAP && !unit_is_cap_with (d, &units[k - 1], LEX_SURNAME))
    return FALSE;
  /* "and Sons Inc", "and Co Ltd": a firm named for its partners */
  if (j >= d->n || (tok_lex (d, tk (d, j)) & LEX_ORG_WORD))
    return FALSE;
  for (; j + n_after < d->n && n_after < 8 && tk (d, j + n_after)->cap != CAP_NO; n_after++)
    if (company_form (d, tk (d, j + n_after)))
      return FALSE;
  return n_after >= 2;
}

/* Whether the capitalised words from @j end in a possessive 's: after
 * "X of Y and" they name a possessor of their own ("the University of
 * Birmingham and London's Webber Douglas Academy"); before an
 * organisation word they do not ("the Foreign and Commonwealth
 * Office's"), which org_word_ahead decides first. */
static gboolean
possessor_ahead (const Doc *d, guint j)
{
  guint start = j;

  while (j < d->n && j < start + 8 && tk (d, j)->cap != CAP_NO
         && !(tk (d, j)->tflags & GALLEY_TOKEN_FLAG_CLITIC))
    j++;
  return j > start && j < d->n && (tk (d, j)->tflags & GALLEY_TOKEN_FLAG_CLITIC);
}

/* Whether the number at @j is a model's number after a listed product:
 * "PlayStation 3", "Xbox 360", "Windows 95" (issue 17, fifty-third
 * round: the number was a CARDINAL of its own). Digits only, at most
 * four, and no amount's word after them ("sold 3 million", "2 pct"). */
static gboolean
model_number_after_product (const Doc *d, guint j)
{
  const Token *t = tk (d, j);

  if (t->end - t->start > 4)
    return FALSE;
  for (guint32 p = t->start; p < t->end; p++)
    if (!g_ascii_isdigit (d->text[p]))
      return FALSE;
  return j + 1 >= d->n
         || !(tok_lex (d, tk (d, j + 1)) & (LEX_MAGNITUDE | LEX_UNIT | LEX_CURRENCY | LEX_PERCENT
                                           | LEX_DATE_UNIT | LEX_TIME_UNIT));
}

/* Highway 50, Route 66, Terminal 5: a facility word and a number; a
 * listed product and its model's number. */
static gboolean
number_unit_ok (const Doc *d, const Unit *last, guint j)
{
  const Token *t;

  if (j >= d->n)
    return FALSE;
  t = tk (d, j);
  if (t->kind != GALLEY_TOKEN_NUMBER || (t->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START))
    return FALSE;
  if (last->kind == U_GAZ)
    return last->type == ET_PRODUCT && model_number_after_product (d, j);
  if (last->kind != U_CAP || !(tok_lex (d, tk (d, last->a)) & (LEX_PLACE_PREFIX | LEX_PLACE_SUFFIX)))
    return FALSE;
  return lexicon_word_info (d->tg->lex, tk (d, last->a)->wid)->place_type == ET_FAC;
}

static inline gboolean
capital_letter (const Doc *d, guint j)
{
  const Token *t = tk (d, j);

  return t->end == t->start + 1 && g_ascii_isupper (d->text[t->start]);
}

/* Whether the word at @j names a kind of label that letters follow
 * ("class E and H", "Series B and C", "vitamins A and C") */
static gboolean
label_word (const Doc *d, guint j)
{
  static const char *const labels[] = {
    "class", "classes", "series", "grade", "grades", "type", "types", "tranche", "tranches",
    "group", "groups", "vitamin", "vitamins", "section", "sections", "part", "parts",
    "phase", "phases", "plan", "plans", "category", "categories", "row", "rows",
    "column", "columns", "option", "options", "level", "levels", "stage", "stages",
    "zone", "zones", "schedule", "schedules", "appendix", "annex", "figure", "figures",
  };
  const Token *t = tk (d, j);
  gsize len = t->end - t->start;

  if (t->kind != GALLEY_TOKEN_WORD)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strlen (labels[i]) == len && g_ascii_strncasecmp (d->text + t->start, labels[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* Whether "and" at @j joins two capital letters: a company named by its
 * founders' initials, which wire copy writes with "and" for "&" ("C
 * and W" for Cable and Wireless, "P and O", "F and M Importing"). Each
 * letter was a name of its own, typed a PERSON, a place or an ORG (52
 * such mentions on news-dev; issue 17, forty-seventh round). Not the
 * initialisms written so ("C and F", cost and freight; "R and D", "S
 * and L", "O and O"), nor letters that label ("class E and H",
 * "Series A, B and C"). */
static G_GNUC_NO_INLINE gboolean
letters_and_pair (const Doc *d, guint j)
{
  static const char *const initialisms[] = { "CF", "RD", "SL", "MA", "PL", "QA", "OO", "BB", "RB" };
  char pair[3];

  if (!(j + 1 < d->n && capital_letter (d, j + 1) && tok_text_eq (d, tk (d, j), "and")
        && !(tk (d, j + 1)->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START)))
    return FALSE;
  if (j >= 2 && (label_word (d, j - 2)
                 || (j >= 3 && tok_text_eq (d, tk (d, j - 2), ",") && capital_letter (d, j - 3))))
    return FALSE;
  pair[0] = d->text[tk (d, j - 1)->start];
  pair[1] = d->text[tk (d, j + 1)->start];
  pair[2] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (initialisms); i++)
    if (strcmp (pair, initialisms[i]) == 0)
      return FALSE;
  return TRUE;
}

/* The letter before "and" first, inline: nearly no name ends in one
 * (the test out of line cost tag_document() 4.6 M instructions on
 * news-dev, callgrind, bench-entity-tagger) */
gboolean
letters_and (const Doc *d, guint j)
{
  return j > 0 && capital_letter (d, j - 1) && letters_and_pair (d, j);
}


/* A unit of the one capitalised token @j. */
static inline Unit
cap_unit (guint j)
{
  Unit u = { .a = j, .b = j + 1, .kind = U_CAP, .type = ET_NONE, .after_of = 0, .canonical = NULL };

  return u;
}

/* Collects the run of units at @i. Returns the count. */
static guint
collect_units (const Doc *d, guint i, Unit *units)
{
  guint k = 0, j = i;
  gboolean used_of = FALSE, used_and = FALSE;

  while (j < d->n && k < MAX_UNITS)
    {
      Unit u;
      guint next = j;
      gboolean after_of = FALSE;

      if (k > 0)
        {
          const Token *t = tk (d, j);
          const Unit *last = &units[k - 1];

          if ((t->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START) || line_ends_before (d, j))
            break;
          /* "a stake in Barclays PLC. Acme Holdings fell": the tokenizer
           * keeps a legal form's full stop, so no sentence starts after
           * it; a name ends there before a capitalised word that is no
           * form itself ("Mitsubishi Corp. Ltd." goes on), unless the
           * form opens it ("N.V. Philips") */
          if (t->cap != CAP_NO && j - 1 > i && d->text[tk (d, j - 1)->end - 1] == '.'
              && company_form (d, tk (d, j - 1)) && !company_form (d, t))
            break;
          if (number_unit_ok (d, last, j))
            {
              units[k++] = cap_unit (j);
              break;
            }
          if (t->cap == CAP_NO)
            {
              if ((tok_lex (d, t) & LEX_CONNECT_OF) && t->tcase == GALLEY_CASE_LOWER
                  && (unit_is_cap_with (d, last, LEX_ORG_WORD | LEX_PLACE_SUFFIX | LEX_PLACE_PREFIX)
                      || (last->kind == U_GAZ && last->type == ET_ORG && !used_of
                          && tok_text_eq (d, t, "of")))
                  /* "on" and "for" name what a body does ("Centre for
                   * Policy Studies"), not a place: "Browns Stadium for
                   * the NFL Browns" is two names */
                  && ((!tok_text_eq (d, t, "on") && !tok_text_eq (d, t, "for"))
                      || unit_is_cap_with (d, last, LEX_ORG_WORD)))
                {
                  next = j + 1;
                  if (next < d->n && tok_text_eq (d, tk (d, next), "the"))
                    next++;
                  after_of = TRUE;
                }
              else if (tok_text_eq (d, t, "&") || letters_and (d, j))
                next = j + 1;
              else if (tok_text_eq (d, t, "and") && !used_and && !t->byline
                       && ((!unit_is_cap_with (d, last, LEX_ORG_WORD) && !tok_text_eq (d, tk (d, last->a), "Co")
                            && ((used_of && !possessor_ahead (d, j + 1))
                                || (org_word_ahead (d, j + 1)
                                    && !person_before_and (d, units, k, j + 1))))
                           || and_co_ahead (d, j + 1) || trades_and_form_ahead (d, last, j + 1)))
                {
                  next = j + 1;
                  used_and = TRUE;
                }
              else if ((tok_lex (d, t) & LEX_PARTICLE) && t->tcase == GALLEY_CASE_LOWER
                       && last->kind == U_CAP && !(tok_lex (d, tk (d, last->a)) & LEX_ORG_WORD))
                {
                  /* van, de, von der, bin */
                  next = j + 1;
                  while (next < d->n && (tok_lex (d, tk (d, next)) & LEX_PARTICLE)
                         && tk (d, next)->tcase == GALLEY_CASE_LOWER && next < j + 3)
                    next++;
                }
              else
                break;
              if (next >= d->n || !unit_at (d, next, FALSE, &u) || !is_name_type (u.type == ET_NONE ? ET_PERSON : u.type)
                  || (tk (d, next)->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START)
                  || line_ends_within (d, j, u.b)
                  || (u.kind == U_CAP && (tok_lex (d, tk (d, next)) & (LEX_MONTH | LEX_WEEKDAY))))
                break;
              /* "Exxon Mobil and British Petroleum": a listed
               * organisation of two words or more is a whole name
               * before "and", where "Morgan Stanley and Co Inc" is one,
               * and so is "Federation of the Red Cross and Red Crescent
               * Societies" (issue 17, fiftieth round) */
              if (next == j + 1 && !used_of && last->kind == U_GAZ && last->type == ET_ORG
                  && last->b - last->a >= 2 && tok_text_eq (d, t, "and")
                  && !tok_text_eq (d, tk (d, next), "Co") && !tok_text_eq (d, tk (d, next), "Co.")
                  && !tok_text_eq (d, tk (d, next), "Company"))
                break;
              if (after_of)
                used_of = TRUE;
              u.after_of = after_of;
              units[k++] = u;
              j = u.b;
              continue;
            }
        }
      if (!unit_at (d, j, k == 0, &u))
        {
          const Token *t = tk (d, j);

          /* in a headline, a surname after a given name: "Claire
           * Bailey-Ross" in a title-case byline */
          if (k > 0 && t->cap == CAP_WEAK && t->headline && !(tok_lex (d, t) & LEX_COMMON)
              && t->kind == GALLEY_TOKEN_WORD && !(t->tflags & GALLEY_TOKEN_FLAG_CLITIC)
              && unit_is_cap_with (d, &units[k - 1], LEX_GIVEN)
              && units[k - 1].b == units[k - 1].a + 1)
            {
              units[k++] = cap_unit (j);
              j++;
              continue;
            }
          break;
        }
      if (k > 0 && u.kind == U_CAP && (tok_lex (d, tk (d, j)) & (LEX_MONTH | LEX_WEEKDAY)))
        {
          /* Theresa May, Mrs May: a month after a given name or a title,
           * not before a number */
          if (!(tok_lex (d, tk (d, j)) & LEX_MONTH)
              || !(unit_single_with (d, &units[k - 1], LEX_GIVEN)
                   || (units[k - 1].kind == U_GAZ && units[k - 1].type == ET_TITLE))
              || (j + 1 < d->n && tk (d, j + 1)->kind == GALLEY_TOKEN_NUMBER))
            break;
        }
      if (u.kind == U_GAZ && u.type == ET_BLOCK)
        {
          if (k == 0)
            units[k++] = u;
          break;
        }
      units[k++] = u;
      j = u.b;
    }
  return k;
}

/* prefix_case: the case of the @len bytes before a hyphen at @s, which
 * start with an ASCII capital: all capitals when no ASCII letter is in
 * lower case and there are two letters or more, else title case. */
static GalleyTokenCase
prefix_case (const char *s, gsize len)
{
  guint letters = 0;

  for (gsize k = 0; k < len; k++)
    {
      if (g_ascii_islower (s[k]))
        return GALLEY_CASE_TITLE;
      letters += g_ascii_isupper (s[k]) != 0;
    }
  return letters >= 2 ? GALLEY_CASE_UPPER : GALLEY_CASE_TITLE;
}

/* California-based, Russian-backed, Kyiv-born: a name before a hyphen
 * and a lower-case word is an entity of its own, a part of the token.
 * The name meets its phrase's case as a whole token does (US-led, but
 * not Us-born; ICE is listed in capitals, so Ice-covered is none). */
static guint
hyphen_prefix (Doc *d, guint i)
{
  const Token *t = tk (d, i);
  const char *s = d->text + t->start;
  const char *dash = memchr (s, '-', t->end - t->start);
  char buf[64];
  int n;
  guint32 wid, node;
  CaseReq req;
  const char *canonical;
  EtType type;
  Mention *m;

  if (dash == NULL || dash == s || !g_ascii_isupper (s[0]) || dash + 1 >= d->text + t->end
      || !g_ascii_islower (dash[1]))
    return 0;
  n = lexicon_fold (s, dash - s, buf, sizeof buf);
  if (n <= 0)
    return 0;
  wid = lexicon_word_id (d->tg->lex, buf, n, lexicon_hash (buf, n));
  if (wid == LEX_NO_WORD)
    return 0;
  node = lexicon_step (d->tg->lex, LEXICON_ROOT, wid, &req);
  if (node == LEXICON_NO_NODE
      || !case_meets (prefix_case (s, dash - s), LEX_REQ_AT (lexicon_node_reqs (d->tg->lex, node), 0)))
    return 0;
  if (lexicon_node_is_variant (d->tg->lex, node) && d->tg->for_model)
    return 0;  /* a model ignores them, as in phrase_match() */
  type = lexicon_node_type (d->tg->lex, node, &canonical);
  if (type != ET_GPE && type != ET_NORP && type != ET_ORG && type != ET_LOC && type != ET_PERSON)
    return 0;
  m = doc_add_mention (d, i, i + 1, type, 2);
  m->byte_end = (guint32) (dash - d->text);
  m->canonical = canonical;
  m->gazetteer = 1;
  m->key = word_key (lexicon_hash (buf, n));
  return 1;
}

/* Pa. or PA after "Ardwell," that the rules made a place, or left to
 * the document to type ("in Ardwell, Pa.": resolution makes it a place):
 * the state, which no list holds (word_state_at()). */
static G_GNUC_NO_INLINE gboolean
state_after_town (Doc *d, guint i)
{
  const Mention *m;
  const char *state;

  if (d->n_mentions == 0)
    return FALSE;
  m = &d->mentions[d->n_mentions - 1];
  if (m->b + 1 != i || (m->type != ET_GPE && m->type != ET_NONE))
    return FALSE;
  state = word_state_at (d, i);
  if (state == NULL)
    return FALSE;
  add_name (d, i, i + 1, ET_GPE, 2, state);
  return TRUE;
}

guint
names_scan (Doc *d, guint i)
{
  Unit units[MAX_UNITS];
  guint k;

  if (d->toks[i].used)
    return 1;
  /* a short word ending in a period: the cheap test, inline (the call
   * at every capitalised token cost the stage 3.6 M instructions,
   * callgrind on the real-news file) */
  if (((d->text[d->toks[i].end - 1] == '.' && d->toks[i].end - d->toks[i].start <= 5)
       || (d->toks[i].end - d->toks[i].start == 2 && d->toks[i].tcase == GALLEY_CASE_UPPER))
      && state_after_town (d, i))
    return 1;
  /* A known word capitalised by its place that no phrase, given name or
   * organisation word starts, with no capitalised word beside it, is no
   * unit (unit_at()'s tests for CAP_WEAK, in short; keep the two in
   * step): "The", "But", "Shares", 48,941 of the 227,393 tries on the
   * real-news file. Refused here, before collect_units(), they cost the
   * stage 1.0 M fewer instructions (callgrind, default pipeline). */
  if (d->toks[i].cap == CAP_WEAK && tok_known (&d->toks[i])
      && !(tok_lex (d, &d->toks[i]) & (LEX_PHRASE_START | LEX_GIVEN | LEX_ORG_WORD))
      && !heading_neighbours (d, i) && !in_dateline_town (d, i))
    return 0;
  if (!tok_known (&d->toks[i]) && d->toks[i].cap != CAP_NO
      && d->toks[i].kind == GALLEY_TOKEN_WORD)
    {
      guint r = hyphen_prefix (d, i);

      if (r > 0)
        return r;
    }
  k = collect_units (d, i, units);
  if (k == 0)
    return 0;
  classify_run (d, units, k);
  return units[k - 1].b - i;
}
