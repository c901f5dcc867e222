/* names-single.c: a run of one unit (classify_single()): a capitalised
 * word alone or one listed phrase, typed by its lists, its shape
 * (acronyms, initials, mixed case) and the words around it.
 */
#include "config.h"

#include <string.h>

#include "names-private.h"

/* Whether units [0, k) in capitals are all single name-like words: no
 * common word, organisation, place or role word (JOHANN VALENTIN
 * ANDREAE, not NATIONAL GRID). */
gboolean
caps_name_words (const Doc *d, const Unit *u, guint k)
{
  for (guint x = 0; x < k; x++)
    {
      const Token *t = tk (d, u[x].a);

      if (u[x].b != u[x].a + 1 || u[x].kind != U_CAP)
        return FALSE;
      if ((tok_lex (d, t) & (LEX_COMMON | LEX_ORG_WORD | LEX_PLACE_BOTH | LEX_ROLE))
          && !(tok_lex (d, t) & (LEX_GIVEN | LEX_SURNAME)))
        return FALSE;
    }
  return TRUE;
}

/* Organisation words that a body's own papers use for it as a common
 * noun capitalised ("the Company shall", "the University's staff",
 * "the Government intends"): alone after "the" they point back to a
 * body, they do not name one. */
static gboolean
generic_org_word (const Doc *d, const Token *t)
{
  static const char *const words[] = {
    "Government", "Union", "University", "College", "School", "Group", "Company",
    "Society", "Team", "Club", "Project",
  };

  return tok_text_in (d, t, words);
}

/* The North, the Midwest: a compass point capitalised inside a sentence
 * after "the" names a region (issue 17; "the north" is a direction), but
 * not one that opens a name or a people ("the West German mark"). So
 * does "the Gulf", the Persian Gulf of the news ("tanker attacks in the
 * Gulf"; issue 17, thirty-eighth round: 152 times untyped on the
 * real-news file); "the Gulf of Oman" is a place's name, read as one
 * before this, and "Gulf" without "the" a company's (Gulf Oil). */
static gboolean
compass_region (const Doc *d, const Token *t, const Token *prev, const Token *next)
{
  static const char *const words[] = {
    "North", "South", "East", "West", "Midwest", "Northeast", "Northwest",
    "Southeast", "Southwest",
  };

  if (prev == NULL || !tok_text_eq (d, prev, "the") || t->cap != CAP_STRONG
      || t->tcase != GALLEY_CASE_TITLE || (next != NULL && next->cap != CAP_NO))
    return FALSE;
  return tok_text_eq (d, t, "Gulf") || tok_text_in (d, t, words);
}

static gboolean
closes_reference (const Doc *d, guint j)
{
  const Token *t;

  if (j >= d->n)
    return FALSE;
  t = tk (d, j);
  return tok_text_eq (d, t, ")") || tok_text_eq (d, t, "]") || tok_text_eq (d, t, ";");
}

/* Whether a page reference closes the citation at token @j, after its
 * year: ", p. 1225)", ", pp. 10-12;". A quotation's citation gives its
 * page (issue 17, thirteenth round: "(Jasny, Chin, Chong, & Vignieri,
 * 2011, p. 1225)" lost its three authors); reached only after a year
 * that nothing closes, so no cost elsewhere. */
static gboolean
page_closes_reference (const Doc *d, guint j)
{
  if (j + 2 >= d->n || !tok_text_eq (d, tk (d, j), ","))
    return FALSE;
  j++;
  if (tok_text_eq (d, tk (d, j), "p.") || tok_text_eq (d, tk (d, j), "pp."))
    j++;
  else if ((tok_text_eq (d, tk (d, j), "p") || tok_text_eq (d, tk (d, j), "pp"))
           && tok_text_eq (d, tk (d, j + 1), "."))
    j += 2;
  else
    return FALSE;
  /* the page, or a range of pages however the tokenizer splits it */
  for (guint k = 0; k < 3 && j < d->n; k++, j++)
    {
      const Token *t = tk (d, j);

      if (!(t->kind == GALLEY_TOKEN_NUMBER || tok_text_eq (d, t, "-") || tok_text_eq (d, t, "–")))
        break;
    }
  return j > 0 && tk (d, j - 1)->kind == GALLEY_TOKEN_NUMBER && closes_reference (d, j);
}

/* Whether the tokens after the word @name open the rest of a citation of
 * a work after a name:
 * "(Porte, 2012)", "Brieber 2014;", "Klingberg et al.", "(Boot, Kramer,
 * Simons, Fabiani, & Gratton, 2008)": other authors' names and their
 * joins, then "et al" or a year that closes the reference (before ")",
 * "]" or ";"). Academic writing cites people by their surnames
 * alone, which no list has (issue 17). Not a year in parentheses: "Stoker
 * (2013)", "Watchmen (2009)" are films as often as "Santos (1989)" is an
 * author; and a hyphenated word only before "et al": before a year it is
 * a period on the news ("end-January 1987", "March-June, 1987"). */
static gboolean
cites_author (const Doc *d, guint name)
{
  /* a name and at most five more with their joins */
  guint j = name + 1, end = MIN (d->n, j + 16);

  while (j < end)
    {
      const Token *t = tk (d, j);

      if (tok_text_eq (d, t, "et"))
        return j + 1 < d->n && (tok_text_eq (d, tk (d, j + 1), "al") || tok_text_eq (d, tk (d, j + 1), "al."));
      /* the name's hyphen only now: looked for before the walk, it cost
       * a memchr() call at each of 39,349 words (1.2 M instructions on
       * the real-news file, callgrind); and the kind before the call
       * into numeric.c, which refuses all but a number */
      if (t->kind == GALLEY_TOKEN_NUMBER && numeric_is_year (d, j))
        return memchr (d->text + tk (d, name)->start, '-', tk (d, name)->end - tk (d, name)->start) == NULL
               && (closes_reference (d, j + 1) || page_closes_reference (d, j + 1));
      if (!(tok_text_eq (d, t, ",") || tok_text_eq (d, t, "&") || tok_text_eq (d, t, "and")
            || (t->cap == CAP_STRONG && t->kind == GALLEY_TOKEN_WORD)))
        return FALSE;
      j++;
    }
  return FALSE;
}

/* Whether token @j is a word that may be an author's surname: a name
 * capitalised inside a sentence that is no English word, month or day. */
static gboolean
author_word (const Doc *d, guint j)
{
  const Token *t = tk (d, j);

  return t->cap == CAP_STRONG && t->kind == GALLEY_TOKEN_WORD && t->tcase == GALLEY_CASE_TITLE
         && !(tok_lex (d, t) & (LEX_COMMON | LEX_MONTH | LEX_WEEKDAY)) && !english_word_shape (d, t);
}

/* Whether a year follows at token @j, bare or in parentheses. */
static gboolean
year_follows (const Doc *d, guint j)
{
  if (j < d->n && tok_text_eq (d, tk (d, j), "("))
    j++;
  return j < d->n && numeric_is_year (d, j);
}

/* "adapted from Palmeri and Gazio (1995)", "through Polio and Gass 1997":
 * two surnames joined by "and" or "&" before a year cite a work's two
 * authors, @a being either. One name before a year in parentheses is a
 * film's or a book's as often (cites_author()); two such names rarely
 * are (issue 17, sixth round). */
static gboolean
cites_pair (const Doc *d, guint a)
{
  if (a + 3 < d->n && (tok_text_eq (d, tk (d, a + 1), "and") || tok_text_eq (d, tk (d, a + 1), "&"))
      && author_word (d, a + 2) && year_follows (d, a + 3))
    return TRUE;
  return a >= 2 && (tok_text_eq (d, tk (d, a - 1), "and") || tok_text_eq (d, tk (d, a - 1), "&"))
         && author_word (d, a - 2) && year_follows (d, a + 1);
}

/* "a Mori poll", "the latest Zogby poll": one capitalised word before
 * "poll" is the pollster that took it (issue 17, twelfth round). Not a
 * given name, a word capitalised by its place, nor the last word of a
 * longer name ("The Sunday Express poll"); not before "survey", which
 * names a report or a programme's question as often ("the annual
 * Directions survey", "the Countryfile survey"). */
static gboolean
pollster (const Doc *d, const Token *prev, const Token *t, const Token *next)
{
  return next != NULL && next->tcase == GALLEY_CASE_LOWER
         && (tok_text_eq (d, next, "poll") || tok_text_eq (d, next, "polls"))
         && t->cap == CAP_STRONG
         && (prev == NULL || prev->cap == CAP_NO || (tok_lex (d, prev) & LEX_DETERMINER))
         && !(tok_lex (d, t) & (LEX_GIVEN | LEX_COMMON | LEX_MONTH | LEX_WEEKDAY));
}

/* Whether @t is a word in title or mixed case that ends in "corp" or
 * "Corp" after at least two letters of its own ("Citicorp", "GenCorp";
 * not "Corp" itself, nor "Mcorp", too short to tell). */
static gboolean
corp_word (const Doc *d, const Token *t)
{
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;

  if (len < 6 || t->kind != GALLEY_TOKEN_WORD
      || !(t->tcase == GALLEY_CASE_TITLE || t->tcase == GALLEY_CASE_MIXED))
    return FALSE;
  s += len - 4;
  return (s[0] == 'c' || s[0] == 'C') && memcmp (s + 1, "orp", 3) == 0
         && g_ascii_isalpha (s[-1]);
}

/* "an Oscar", "Oscar nominee Clive Owen", "the Oscar voters", "the best
 * actress Oscar", "a Tony": an award named by a given name (Oscar, Tony,
 * Emmy's kin) is a thing, not a person. A given name alone before a
 * lower-case word of awards, or after "a"/"an" (which a person's first
 * name alone never follows), or after "best" and a role word (the
 * category). Only a word that is a given name and no surname: "Brown
 * winner" is no award. Issue 17: on the real-news file, "Oscar" was a
 * PERSON 31 times in film stories, never rightly. */
static gboolean
award_named_for_given_name (const Doc *d, const Token *prev, const Token *t,
                            const Token *next, guint a)
{
  static const char *const award_words[] = {
    "nominee", "nominees", "nomination", "nominations", "winner", "winners",
    "winning", "hopeful", "hopefuls", "contender", "contenders", "voters",
    "voting", "ceremony", "ceremonies", "category", "categories", "race",
    "rivals", "field", "glory", "statuette", "success", "nod", "nods",
  };

  if ((tok_lex (d, t) & (LEX_GIVEN | LEX_SURNAME)) != LEX_GIVEN
      || t->tcase != GALLEY_CASE_TITLE)
    return FALSE;
  if (next != NULL && next->tcase == GALLEY_CASE_LOWER && tok_text_in (d, next, award_words))
    return TRUE;
  if (prev != NULL && (tok_text_eq (d, prev, "an") || tok_text_eq (d, prev, "a")))
    return TRUE;
  return prev != NULL && (tok_lex (d, prev) & LEX_ROLE) && prev->tcase == GALLEY_CASE_LOWER
         && a >= 2 && tok_text_eq (d, tk (d, a - 2), "best");
}

/* A single capitalised token that no list types: context and spelling. */
void
classify_single (Doc *d, const Unit *u)
{
  const Token *t = tk (d, u->a);
  const Token *prev = u->a > 0 ? tk (d, u->a - 1) : NULL;
  const Token *next = u->b < d->n ? tk (d, u->b) : NULL;
  gsize len = t->end - t->start;

  /* "rival ISPs", "ISPs said", "LLMs": a plural acronym names things
   * or groups, never a person nor an organisation (a candidate, which
   * the document may still type) */
  if (plural_acronym (d, t))
    {
      add_name (d, u->a, u->b, ET_NONE, 0, NULL);
      return;
    }
  /* a sure candidate without a type, as a term the text defines is:
   * the document's other mentions of the word are no guessed person */
  if (award_named_for_given_name (d, prev, t, next, u->a))
    {
      add_name (d, u->a, u->b, ET_NONE, 2, NULL);
      return;
    }
  if (prev != NULL && (tok_lex (d, prev) & LEX_ROLE) && prev->tcase == GALLEY_CASE_LOWER)
    {
      add_name (d, u->a, u->b, ET_PERSON, 1, NULL);
      return;
    }
  /* a term the text defines: no entity anywhere in the document (a
   * candidate without a type that is sure, which resolve.c reads) */
  if (t->tcase == GALLEY_CASE_UPPER && t->kind == GALLEY_TOKEN_WORD 
      && (acronym_defines_term (d, u->a) || acronym_spelled_after (d, u->a)))
    {
      add_name (d, u->a, u->b, ET_NONE, 2, NULL);
      return;
    }
  /* before the acronyms' test, which reads "The MORI poll" as a
   * modifier; the stage costs the same here or after the tests that type
   * most single words (668.1M instructions in tag_document() on the
   * real-news file, callgrind, default pipeline, one job) */
  if (pollster (d, prev, t, next))
    {
      add_name (d, u->a, u->b, ET_ORG, 1, NULL);
      return;
    }
  {
    EtType ctx = context_type (d, u->a, u->b);

    if (ctx != ET_NONE)
      {
        add_name (d, u->a, u->b, ctx, 1, NULL);
        return;
      }
  }
  /* the Court, the Ministry: an organisation word standing for its name;
   * the House (of Representatives, of Commons); after "your", "our",
   * "their" too ("you and your Party": issue 17, fifth round); but not a
   * word that every body of its kind is called by its own people (the
   * Group, the University, the Government), which points back to one */
  if (compass_region (d, t, prev, next))
    {
      add_name (d, u->a, u->b, ET_LOC, 1, NULL);
      return;
    }
  if (((tok_lex (d, t) & LEX_ORG_WORD) || tok_text_eq (d, t, "House")) && t->cap == CAP_STRONG
      && t->tcase == GALLEY_CASE_TITLE && prev != NULL
      && (tok_text_eq (d, prev, "the") || tok_text_eq (d, prev, "The") || tok_text_eq (d, prev, "your")
          || tok_text_eq (d, prev, "our") || tok_text_eq (d, prev, "their")))
    {
      add_name (d, u->a, u->b, generic_org_word (d, t) ? ET_NONE : ET_ORG, 1, NULL);
      return;
    }
  if (t->tcase == GALLEY_CASE_UPPER && len >= 2 && len <= 6 && !t->headline
      && t->kind == GALLEY_TOKEN_WORD && letters_only (d, t))
    {
      /* an acronym no list has: an organisation where the text treats it
       * as one; otherwise a candidate that resolution types only when the
       * document spells it out ("Computing Research Association (CRA)")
       * or uses it as a name elsewhere, for acronyms name terms (GIS,
       * SSS, ICT) as often as organisations */
      if (acronym_is_org (d, u->a))
        add_name (d, u->a, u->b, ET_ORG, 1, NULL);
      else if (!(prev != NULL && prev->kind == GALLEY_TOKEN_NUMBER)
               && !(next != NULL && next->kind == GALLEY_TOKEN_NUMBER))
        add_name (d, u->a, u->b, ET_NONE, 0, NULL);  /* not DKK 25, 450 DKK */
      return;
    }
  if ((tok_lex (d, t) & (LEX_SURNAME | LEX_GIVEN)) && !(tok_lex (d, t) & LEX_COMMON))
    {
      /* a name the document writes in lower case too is a word there
       * ("How to Grow Basil ... the basil"): a candidate, which the
       * person's full name still types (issue 17, seventy-fourth round) */
      if (doc_word_flags (d, t) & DW_LOWER)
        add_name (d, u->a, u->b, ET_NONE, 0, NULL);
      else
        add_name (d, u->a, u->b, ET_PERSON, 1, NULL);
      return;
    }
  /* "Brentford forward Yoane Wissa": a team or company before a role
   * word and a name */
  if (next != NULL && (tok_lex (d, next) & LEX_ROLE) && next->tcase == GALLEY_CASE_LOWER
      && u->b + 1 < d->n && tk (d, u->b + 1)->cap == CAP_STRONG && !(tok_lex (d, t) & (LEX_GIVEN | LEX_SURNAME)))
    {
      add_name (d, u->a, u->b, ET_ORG, 0, NULL);
      return;
    }
  /* Citicorp, GenCorp, Southcorp, KeyCorp: a word that ends in "corp"
   * after letters of its own is a company's name (issue 17,
   * thirty-ninth round: 158 such words were untyped on the real-news
   * file, 9 PERSONs) */
  if (corp_word (d, t))
    {
      add_name (d, u->a, u->b, ET_ORG, 1, NULL);
      return;
    }
  /* LibriVox, YouTube: inner capitals name companies and products more
   * often than people (but McDonald, DiCaprio, O'Brien are people); not
   * a word whose only capital ends it (pH, swellS). A plural acronym
   * (CDs, LLMs) never comes here: see the top of this function. */
  if (t->tcase == GALLEY_CASE_MIXED && !person_mixed_case (d, t) && !capital_last_only (d, t))
    {
      add_name (d, u->a, u->b, ET_ORG, 0, NULL);
      return;
    }
  /* '"...," said Kipyegon.': a speech verb before a name. Not IE7,
   * XP2, A380: letters and digits name a model or a product more often
   * than anyone ("Mr Gates said IE7 would include"; issue 17,
   * eighty-sixth round): a candidate, which the document may still
   * type. Asked here and below only: every word it reaches cost 2.7 M
   * instructions on news-dev. */
  if (prev != NULL && (tok_lex (d, prev) & LEX_SPEECH) && prev->tcase == GALLEY_CASE_LOWER
      && (tok_text_eq (d, prev, "said") || tok_text_eq (d, prev, "says")
          || tok_text_eq (d, prev, "added") || tok_text_eq (d, prev, "wrote"))
      && !english_word_shape (d, t))
    {
      add_name (d, u->a, u->b, has_letters_and_digits (d, t) ? ET_NONE : ET_PERSON, 0, NULL);
      return;
    }
  /* "Kipchoge said"; but "Organisers said", "Analysts said": a plural at
   * the start of a sentence is a group of people, not a name */
  if (next != NULL && (tok_lex (d, next) & LEX_SPEECH) && next->tcase == GALLEY_CASE_LOWER
      && !(t->sent_init && d->text[t->end - 1] == 's' && !(tok_lex (d, t) & (LEX_SURNAME | LEX_GIVEN))))
    {
      add_name (d, u->a, u->b, has_letters_and_digits (d, t) ? ET_NONE : ET_PERSON, 0, NULL);
      return;
    }
  /* "in Coron"; not "in Linguistics", "in MPEG-4": a word spelled like
   * an English noun, or letters and digits, is a field or a thing */
  if (prev != NULL && (tok_lex (d, prev) & LEX_LOC_PREP) && prev->tcase == GALLEY_CASE_LOWER
      && !(tok_lex (d, t) & LEX_COMMON) && !english_word_shape (d, t)
      && !has_letters_and_digits (d, t))
    {
      /* "in Chapter 11", "in Section 3", "in Room 101": a numbered
       * part of something, no place (issue 17: "in Chapter 11" was a
       * GPE 7 times on the real-news file) */
      if (plural_before_plural (d, t, next)
          || (next != NULL && next->kind == GALLEY_TOKEN_NUMBER))
        {
          /* a candidate that no "in" makes a place in resolution */
          add_name (d, u->a, u->b, ET_NONE, 0, NULL);
          d->mentions[d->n_mentions - 1].loc_context = 0;
          return;
        }
      add_name (d, u->a, u->b, ET_GPE, 0, NULL);
      return;
    }
  /* "(Porte, 2012)", "Gibbons et al.", "Palmeri and Gazio (1995)": a
   * cited author */
  if (cites_author (d, u->a)
      || (t->cap == CAP_STRONG && t->tcase == GALLEY_CASE_TITLE && cites_pair (d, u->a)))
    {
      add_name (d, u->a, u->b, ET_PERSON, 0, NULL);
      return;
    }
  /* no evidence yet: a candidate the document may type (resolve.c) */
  add_name (d, u->a, u->b, ET_NONE, 0, NULL);
}

/* Whether "(YEAR)" follows token @j - 1, as a citation writes it after
 * its author, the year closed by ")" or a page ("Quilis (1964)",
 * "Spang (1983, p. 12)"). */
static gboolean
year_in_parentheses_at (const Doc *d, guint j)
{
  return j + 2 < d->n && tok_text_eq (d, tk (d, j), "(") && tk (d, j + 1)->kind == GALLEY_TOKEN_NUMBER
         && numeric_is_year (d, j + 1) && (closes_reference (d, j + 2) || page_closes_reference (d, j + 2));
}

/* Whether the candidate @m stands where an author's name does before
 * "(YEAR)": one to three words in title case that are no English word,
 * month or day, not after an article or a verb that names a work
 * ("the Gallows (1958)", "called Frame Semantics (1976)") nor inside a
 * longer title ("Development and Origin (1922)"). */
static gboolean
author_before_year (const Doc *d, const Mention *m)
{
  const Token *prev = m->a > 0 ? tk (d, m->a - 1) : NULL;
  static const char *const work_words[] = {
    "the", "a", "an", "called", "named", "titled", "entitled", "film", "book", "novel", "album",
  };

  if (m->b - m->a > 3 || !year_in_parentheses_at (d, m->b))
    return FALSE;
  for (guint k = m->a; k < m->b; k++)
    if (!author_word (d, k))
      return FALSE;
  if (prev == NULL || prev->cap != CAP_NO)
    return TRUE;
  if (tok_text_in (d, prev, work_words))
    return FALSE;
  /* "Development and Origin": a title's word before the joining word */
  return !((tok_text_eq (d, prev, "and") || tok_text_eq (d, prev, "of") || tok_text_eq (d, prev, "to"))
           && m->a >= 2 && tk (d, m->a - 2)->cap != CAP_NO);
}

/* "Quilis (1964) performed poetry readings": a name before a year in
 * parentheses is an author where the document cites works elsewhere in
 * the ways cites_author() knows ("(Porte, 2012)", "Gibbons et al.").
 * Alone it is a film's or a book's as often ("Stoker (2013)"), so the
 * scan leaves it a candidate, and this step, after the scan, types it
 * where another mention is a citation's author, before or after it
 * (issue 17, seventy-third round: GUM's articles cite "Quilis (1964)",
 * "Spang (1983)" beside "(Moretti, 2013)"). */
void
type_year_cited_authors (Doc *d)
{
  gboolean cites = FALSE;
  guint first = G_MAXUINT;

  for (guint x = 0; x < d->n_mentions && first == G_MAXUINT; x++)
    if (d->mentions[x].type == ET_NONE && author_before_year (d, &d->mentions[x]))
      first = x;
  if (first == G_MAXUINT)
    return;
  for (guint x = 0; x < d->n_mentions && !cites; x++)
    {
      const Mention *m = &d->mentions[x];

      cites = (m->type == ET_PERSON || m->type == ET_NONE) && author_word (d, m->b - 1)
              && cites_author (d, m->b - 1);
    }
  if (!cites)
    return;
  for (guint x = first; x < d->n_mentions; x++)
    if (d->mentions[x].type == ET_NONE && author_before_year (d, &d->mentions[x]))
      d->mentions[x].type = ET_PERSON;
}
