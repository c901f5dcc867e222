/* names.c: names from runs of capitalised tokens.
 *
 * At a token that may start a name, the scanner collects a run of
 * "units": gazetteer phrases (longest match, "Bank of England", "Prime
 * Minister") and single capitalised tokens, joined by the few lower-case
 * words that stay inside names ("of" after an organisation or place word,
 * "&", surname particles like "van" and "bin"). Then the run is
 * classified, in this order:
 *
 *   1. leading ordinary words that are capitalised only by position go
 *      ("The", "After"), and a leading "The" always goes;
 *   2. a title splits the run: what follows it is a PERSON, without the
 *      title ("Foreign Minister Sergei Lavrov" -> "Sergei Lavrov"); a
 *      title alone is nothing; but St., Saint, General and Major open a name
 *      that ends with an organisation or place word ("St. Andrews
 *      University");
 *   3. the last word decides: an organisation word makes an ORG ("Acme
 *      Holdings", "Ministry of Defence"; "National Democratic Party",
 *      words before a listed party), a place word a place ("Yangtze
 *      River" LOC, "Heathrow Airport" FAC); a place prefix too ("Mount
 *      Kenya");
 *   4. one gazetteer phrase: its type;
 *   5. a given name (or an East Asian surname) and more capitalised
 *      words: a PERSON;
 *   6. capitalised words the lists do not know: a PERSON when they look
 *      like names (known surname, or no ordinary words), else an ORG;
 *   7. mixed runs split at the gazetteer phrases ("Paris France"), but
 *      a direction word joins a place ("Southern California") and a
 *      place followed by unknown words names an organisation ("Boston
 *      Globe").
 *
 * Strength records how sure the rule is; resolve.c lets the document's
 * strong mentions overrule its guesses.
 *
 * The scanner's files: names-scan.c finds where a run starts and
 * collects it; this file splits it at its titles and leading ordinary
 * words (steps 1 and 2, classify_run()), reads a wire story's dateline
 * and tickers, and adds the mentions (add_name()); names-single.c
 * classifies a run of one unit, names-rules.c one of several (steps 3
 * to 7); names-words.c and names-context.c hold the tests of a word's
 * shape and of the words around a name that they ask. names-private.h
 * declares what they share.
 */
#include "config.h"

#include <string.h>

#include "names-private.h"

void
add_name (Doc *d, guint32 a, guint32 b, EtType type, guint strength, const char *canonical)
{
  Mention *m;
  const Token *before = a > 0 ? tk (d, a - 1) : NULL;
  const Token *after = b < d->n ? tk (d, b) : NULL;

  /* "his Cello Concerto", "Waugh's Brideshead Revisited": a guessed name
   * after a possessive is a work or a thing, and "the Bernoulli family"
   * is no entity of its own */
  if (strength == 0 && (type == ET_PERSON || type == ET_ORG)
      && ((before != NULL && (before->tflags & GALLEY_TOKEN_FLAG_CLITIC) && !place_possessor (d, a - 1))
          || (before != NULL && before->tcase == GALLEY_CASE_LOWER && possessive_word (d, before))))
    type = ET_NONE;
  if (after != NULL && after->tcase == GALLEY_CASE_LOWER
      && (tok_text_eq (d, after, "family") || tok_text_eq (d, after, "families")
          || tok_text_eq (d, after, "dynasty") || tok_text_eq (d, after, "clan")))
    return;
  /* the Policing Act: a law, which no type covers */
  if (type == ET_BLOCK)
    return;
  /* Daniel Bernoulli FRS, John Smith MP: post-nominal letters are not part
   * of the name (Roman numerals are: Johann II) */
  if (type == ET_PERSON)
    while (b > a + 1 && tk (d, b - 1)->tcase == GALLEY_CASE_UPPER
           && tk (d, b - 2)->tcase != GALLEY_CASE_UPPER
           && tk (d, b - 1)->kind == GALLEY_TOKEN_WORD && tk (d, b - 1)->end - tk (d, b - 1)->start >= 2
           && !roman_numeral (d, tk (d, b - 1)))
      b--;
  /* "the Eegimaa language", "the Creative Commons licence": a guessed
   * person is not one after an article, unless a leader's body or time
   * follows ("the Reagan administration", "the Blair government") */
  if (type == ET_PERSON && strength < 2 && a > 0 && (tok_lex (d, tk (d, a - 1)) & LEX_DETERMINER)
      && tk (d, a - 1)->tcase == GALLEY_CASE_LOWER && !leader_noun (d, after))
    {
      type = ET_ORG;
      strength = 0;
    }
  /* An unknown capitalised phrase that is not a name ("Public Domain",
   * "Chemical Wedding") is more often a title, a concept or a product
   * than an organisation: it stays a candidate, typed only if the
   * document types it elsewhere. Measured: +0.02 F1 on ner-dev, no
   * change on the news sets. */
  if (type == ET_ORG && strength == 0 && b > a + 1)
    type = ET_NONE;
  m = doc_mention_new (d, a, b, type, strength, span_key_inline (d, a, b));

  m->canonical = canonical;
}

/* A person after a title: the name-like units that follow it. Returns
 * the index of the first unit after the name. */
static guint
person_after_title (Doc *d, Unit *u, guint t, guint k)
{
  guint e = t + 1;

  while (e < k)
    {
      const Unit *x = &u[e];

      if (x->after_of)
        break;
      if (x->kind == U_CAP)
        {
          const guint64 lex = tok_lex (d, tk (d, x->a));

          if ((lex & (LEX_ORG_WORD | LEX_PLACE_SUFFIX)) && !(lex & (LEX_SURNAME | LEX_GIVEN))
              && e > t + 1)
            break;
          e++;
          continue;
        }
      if (x->type == ET_PERSON
          || (x->b == x->a + 1 && x->type != ET_TITLE && x->type != ET_NORP
              && (tok_lex (d, tk (d, x->a)) & (LEX_SURNAME | LEX_GIVEN))))
        {
          e++;
          continue;
        }
      break;
    }
  if (e > t + 1)
    add_name (d, u[t + 1].a, u[e - 1].b, ET_PERSON, 2, NULL);
  return e;
}

/* Whether the title unit @x opens a name instead of standing before a
 * person: a saint's, a general's or a major's title before words that
 * end with an organisation or place word ("St. Andrews University", "St
 * Thomas' Hospital", "General Hospital", "Major League", "St. Andrews
 * Square"). */
static gboolean
title_opens_name (const Doc *d, const Unit *u, guint x, guint k)
{
  static const char *const titles[] = { "St.", "St", "Saint", "Ste.", "Sainte", "General", "Major" };
  const Unit *last = &u[k - 1];
  gboolean named = FALSE;

  if (k < x + 2 || u[x].b != u[x].a + 1 || last->kind != U_CAP
      || !(tok_lex (d, tk (d, last->a)) & (LEX_ORG_WORD | LEX_PLACE_SUFFIX)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (tok_text_eq (d, tk (d, u[x].a), titles[i]))
      named = TRUE;
  for (guint y = x + 1; y < k && named; y++)
    if (u[y].kind == U_GAZ && u[y].type == ET_TITLE)
      named = FALSE;
  return named;
}

/* Whether a unit of [a, b) is joined by "of" or "for" to the one before. */
static gboolean
name_with_of (const Unit *u, guint a, guint b)
{
  for (guint x = a + 1; x < b; x++)
    if (u[x].after_of)
      return TRUE;
  return FALSE;
}

/* Whether the run of @k units ends with an agreement's word before "on"
 * or "of" and a capitalised word: "the General Agreement on Tariffs and
 * Trade", "the 1979 Agreement on Trade in Civil Aircraft" name a treaty,
 * no person (a title before it made "Agreement" one 64 times on the
 * news; issue 17, ninth round). A listed treaty ("Treaty of
 * Versailles") is a phrase and never reaches this; "the Warsaw Pact on
 * Monday" is no treaty's name. */
static gboolean
names_treaty (const Doc *d, const Unit *u, guint k)
{
  const Unit *last = &u[k - 1];
  guint j = last->b;

  /* "of" or "on" first: most runs are followed by neither, while a
   * run's last unit is a word or a phrase about as often (with the
   * unit's test first, the line mispredicted 72,900 times on the
   * real-news file, now 23,100; callgrind --branch-sim=yes) */
  if (j + 1 >= d->n || !(tok_text_eq (d, tk (d, j), "of") || tok_text_eq (d, tk (d, j), "on"))
      || last->kind != U_CAP || last->b != last->a + 1 || tk (d, j + 1)->cap == CAP_NO
      || (tok_lex (d, tk (d, j + 1)) & (LEX_MONTH | LEX_WEEKDAY)))
    return FALSE;
  return agreement_word (d, tk (d, last->a));
}

/* "the Louvre Accord", "the Plaza Accord", "the Anglo-Irish
 * Agreement": capitalised words, a place or a people among them, then
 * an agreement's word name a treaty, an EVENT as the listed ones are
 * ("Camp David Accords"); the place was a FAC or a GPE of its own, and
 * "North American" a NORP (issue 17, eighty-ninth round). A pact is no
 * name at all ("the Warsaw Pact" is an alliance, "the Nazi-Soviet Pact"
 * a treaty; the second was a person); a protocol is left to the other
 * rules ("Apple File Protocol"; the listed "Kyoto Protocol" is a
 * phrase); so is a run with a person's title or given name in it. */
static gboolean
names_agreement (Doc *d, const Unit *u, guint k)
{
  static const char *const words[] = { "Agreement", "Accord", "Accords", "Treaty" };
  const Unit *last = &u[k - 1];

  gboolean pact;

  if (k < 2 || last->kind != U_CAP || last->b != last->a + 1)
    return FALSE;
  pact = tok_text_eq (d, tk (d, last->a), "Pact");
  if (!pact && !tok_text_in (d, tk (d, last->a), words))
    return FALSE;
  for (guint x = 0; x + 1 < k; x++)
    if ((u[x].kind == U_GAZ && (u[x].type == ET_TITLE || u[x].type == ET_PERSON))
        || unit_is_cap_with (d, &u[x], LEX_GIVEN) || u[x].after_of)
      return FALSE;
  /* a pact is a treaty or an alliance: no name rather than a wrong type
   * ("the Nazi-Soviet Pact" was a person) */
  if (!pact)
    add_name (d, u[0].a, last->b, ET_EVENT, 1, NULL);
  return TRUE;
}

/* "the Second Circuit", "The Ninth Circuit ruled": an ordinal and
 * "Circuit" name an appeals court (issue 17, twelfth round), where two
 * unknown capitalised words made a person or nothing; a racing circuit
 * is named by its place ("the Monaco Circuit"), not by an ordinal. Only
 * determiners may come before them in the run. The last unit's text is
 * tested first, for nearly no run ends in "Circuit": 1.1M instructions
 * in names_scan() on the real-news file (callgrind, default pipeline,
 * one job), 0.16% of the stage. */
static gboolean
names_court (Doc *d, const Unit *u, guint k)
{
  const Unit *last = &u[k - 1], *ord;

  if (k < 2 || last->kind != U_CAP || !tok_text_eq (d, tk (d, last->a), "Circuit"))
    return FALSE;
  ord = &u[k - 2];
  if (ord->kind != U_CAP || !(tok_lex (d, tk (d, ord->a)) & LEX_ORDINAL))
    return FALSE;
  for (guint i = 0; i + 2 < k; i++)
    if (u[i].kind != U_CAP || !(tok_lex (d, tk (d, u[i].a)) & LEX_DETERMINER))
      return FALSE;
  add_name (d, ord->a, last->b, ET_ORG, 1, NULL);
  return TRUE;
}

/* "BEIJING (Galley Wire) —", "CUPERTINO, Calif. (Kestrel) -": the name
 * in parentheses between a dateline's town and a dash credits a wire
 * agency or a paper, an ORG whatever its words (an unknown pair was a
 * PERSON, an unknown word nothing; issue 17, fifteenth round). The
 * town opens its line in capitals; a comma and a state or a country
 * may follow it, up to six tokens before the parenthesis. Listed
 * agencies ("(Reuters)", "(AP)") were typed already. The parenthesis
 * is tested first, by its byte before its length: nearly no run
 * follows one, and classify_run() asks at every run (callgrind, default
 * pipeline on the real-news file: tag_document() 656.35M -> 657.34M
 * instructions, 657.65M with tok_text_eq() alone). */
static gboolean
dateline_credit (Doc *d, const Unit *u, guint k)
{
  guint a = u[0].a, b = u[k - 1].b, j;

  if (a < 2 || d->text[tk (d, a - 1)->start] != '(' || !tok_text_eq (d, tk (d, a - 1), "(")
      || b + 1 >= d->n || !tok_text_eq (d, tk (d, b), ")") || !tok_is_dash (d, tk (d, b + 1)))
    return FALSE;
  for (j = a - 1; j > 0 && !line_ends_before (d, j); j--)
    if (a - 1 - j >= 6)
      return FALSE;
  if (j == a - 1 || tk (d, j)->kind != GALLEY_TOKEN_WORD || tk (d, j)->tcase != GALLEY_CASE_UPPER)
    return FALSE;
  for (guint x = j + 1; x + 1 < a; x++)
    if (tk (d, x)->cap == CAP_NO && !tok_text_eq (d, tk (d, x), ",") && !tok_text_eq (d, tk (d, x), "."))
      return FALSE;
  add_name (d, a, b, ET_ORG, 2, NULL);
  return TRUE;
}

/* "SHERMAN OAKS, Calif., March 24 -", "HAMMOND, IND., March 26 -",
 * "BOCA RATON, March 16 -": a wire dateline, a town in capitals that
 * opens its line before a comma, then dateline_tail(). The town is a
 * GPE whatever its words say elsewhere: a given name (SHERMAN, GLEN,
 * MYRTLE were PERSONs), a feature (FOUNTAIN VALLEY, CRYSTAL LAKE were
 * LOCs), a university's town (PRINCETON was an ORG), common words
 * (VALLEY STREAM: in_dateline_town()). Not a name that ends with an
 * organisation's word, nor a listed organisation of two words or more
 * (UNITED NATIONS, its seat): one listed word that is a company or a
 * university too is the town (PRINCETON). The run's first byte is
 * tested first: a dateline's town opens the text or a line, in
 * capitals. */
static gboolean
wire_dateline (Doc *d, const Unit *u, guint k)
{
  guint a = u[0].a, b = u[k - 1].b;

  if ((a != 0 && !line_ends_before (d, a)) || b + 3 >= d->n || !tok_text_eq (d, tk (d, b), ","))
    return FALSE;
  for (guint x = a; x < b; x++)
    if (!upper_word (d, x))
      return FALSE;
  if ((tok_lex (d, tk (d, b - 1)) & LEX_ORG_WORD)
      || (k == 1 && u[0].kind == U_GAZ && u[0].type == ET_ORG && b - a >= 2)
      || !dateline_tail (d, b))
    return FALSE;
  add_name (d, a, b, ET_GPE, 2, NULL);
  return TRUE;
}

/* Whether the tokens from @i are a stock ticker in angle brackets, as
 * wire copy writes it after a listed company's name: "<", capitals
 * (digits and dots between them: "BNPP.PA", "CBT.N"; or one letter of
 * any case, "<F>"), ">", all touching. */
static gboolean
ticker_at (const Doc *d, guint i)
{
  guint j = i + 1;

  if (j >= d->n || tk (d, j)->start != tk (d, i)->end || tk (d, j)->kind != GALLEY_TOKEN_WORD
      || !(tk (d, j)->tcase == GALLEY_CASE_UPPER || tk (d, j)->end == tk (d, j)->start + 1))
    return FALSE;
  for (j++; j < d->n && j < i + 8; j++)
    {
      const Token *t = tk (d, j);

      if (t->start != tk (d, j - 1)->end)
        return FALSE;
      if (tok_text_eq (d, tk (d, j), ">"))
        return TRUE;
      if (!tok_text_eq (d, tk (d, j), ".") && t->kind != GALLEY_TOKEN_NUMBER
          && !(t->kind == GALLEY_TOKEN_WORD && t->tcase == GALLEY_CASE_UPPER))
        return FALSE;
    }
  return FALSE;
}

/* "Panhandle Eastern <PEL> said", "follow Citicorp <CCI> and Chase
 * Manhattan <CMB>", "<Airbus Industrie> said": wire copy (Reuters)
 * writes a listed company's ticker in angle brackets after its name,
 * and an unlisted company's name in them. Either makes the run an
 * ORG, whatever its words (a place, a given name, a first word weak at
 * a sentence's start); leading determiners are left out, and so is the
 * ticker itself (no name, as the lists never made one). Out of line,
 * behind the test of the bytes after and before the run (angle_touches):
 * nearly no run touches an angle bracket. Inlined into names_scan(),
 * the rule made tag_document() 4.5M instructions dearer on the
 * real-news file (callgrind, default pipeline, 657.5M -> 662.1M; the
 * rule's own work 0.4M of it, the rest the scan's code made worse);
 * out of line 2.7M (660.2M). */
static G_GNUC_NO_INLINE gboolean
wire_company (Doc *d, const Unit *u, guint k)
{
  guint s = 0, a = u[0].a, b = u[k - 1].b;
  gboolean ticker;

  if (b < d->n && d->text[tk (d, b)->start] == '<')
    ticker = tok_text_eq (d, tk (d, b), "<") && ticker_at (d, b);
  else if (a > 0 && d->text[tk (d, a - 1)->start] == '<')
    ticker = FALSE;
  else
    return FALSE;
  if (ticker)
    {
      while (s + 1 < k && u[s].kind == U_CAP && (tok_lex (d, tk (d, u[s].a)) & LEX_DETERMINER))
        s++;
      a = u[s].a;
    }
  else if (!(a > 0 && tok_text_eq (d, tk (d, a - 1), "<") && tk (d, a)->start == tk (d, a - 1)->end
             && !ticker_at (d, a - 1) && b < d->n
             && ((tok_text_eq (d, tk (d, b), ">") && tk (d, b)->start == tk (d, b - 1)->end)
                 || (tok_text_eq (d, tk (d, b), ".") && b + 1 < d->n && tok_text_eq (d, tk (d, b + 1), ">")))))
    return FALSE;
  /* a company's end whose name a parenthesis or a slash cut off
   * ("Cheung Kong (Holdings) Ltd <CKGH.HK>", "Norsk Hydro A/S <NHY.OL>"):
   * no name of its own */
  if (b == a + 1 && ((tok_lex (d, tk (d, a)) & LEX_ORG_WORD) || tk (d, a)->end == tk (d, a)->start + 1))
    return FALSE;
  /* "<ERIC ST>": a ticker with its exchange after a space */
  if (!ticker)
    {
      guint x = a;

      while (x < b && (tk (d, x)->tcase == GALLEY_CASE_UPPER || tk (d, x)->kind != GALLEY_TOKEN_WORD))
        x++;
      if (x == b)
        return FALSE;
    }
  add_name (d, a, b, ET_ORG, 2, NULL);
  return TRUE;
}

/* Whether the run [@a, @b) touches a "<": wire_company()'s first test. */
static inline gboolean
angle_touches (const Doc *d, guint a, guint b)
{
  return (b < d->n && d->text[tk (d, b)->start] == '<')
         || (a > 0 && d->text[tk (d, a - 1)->start] == '<');
}

void
classify_run (Doc *d, Unit *u, guint k)
{
  guint s = 0;

  if (names_treaty (d, u, k) || names_agreement (d, u, k) || names_court (d, u, k) || dateline_credit (d, u, k)
      || (angle_touches (d, u[0].a, u[k - 1].b) && wire_company (d, u, k))
      || (tk (d, u[0].a)->tcase == GALLEY_CASE_UPPER && wire_dateline (d, u, k)))
    return;

  /* 1. leading ordinary words capitalised by position; "The" always */
  while (s < k && u[s].kind == U_CAP)
    {
      const Token *t = tk (d, u[s].a);

      if ((tok_lex (d, t) & LEX_DETERMINER)
          || (t->cap == CAP_WEAK && (tok_lex (d, t) & LEX_COMMON) && !heading_name (d, u[s].a)
              && !(s + 1 < k && u[s + 1].after_of && (tok_lex (d, t) & LEX_ORG_WORD))
              && !(s == 0 && company_ahead (d, u[0].a))
              && !(s == 0 && k >= 2 && airline_first (d, t))))
        {
          s++;
          continue;
        }
      /* Mathematician Hermann Weyl, Actor Tom Hanks: a role before a name */
      if ((tok_lex (d, t) & LEX_ROLE) && !(tok_lex (d, t) & (LEX_GIVEN | LEX_SURNAME)) && s + 1 < k)
        {
          s++;
          continue;
        }
      break;
    }
  if (s < k)
    u[s].after_of = 0;

  /* John Major, Mervyn King, Tim Dean: a title's word alone after a
   * given name is a surname, not a title with no name after it (the
   * person was "John"; issue 17, ninety-first round). A given name
   * capitalised by its place is gone by now ("Will Governor act?":
   * step 1). Not for a model: with it the 5-fold F1 on GUM moved by
   * noise (0.797, 0.797, 0.798 -> 0.795, 0.797, 0.799) and ORG fell on
   * two seeds of three. */
  if (!d->tg->for_model && k == s + 2 && u[s].kind == U_CAP && unit_single_with (d, &u[s], LEX_GIVEN)
      && u[s + 1].kind == U_GAZ && u[s + 1].type == ET_TITLE
      && u[s + 1].b == u[s + 1].a + 1 && tk (d, u[s + 1].a)->tcase == GALLEY_CASE_TITLE)
    {
      add_name (d, u[s].a, u[s + 1].b, ET_PERSON, 1, NULL);
      return;
    }

  /* 2. titles split the run; not one that opens a company's name
   * ("Dean Witter Reynolds Inc", "General Host Corp": a title, then
   * names, then a company's word ending the run), nor a place named for
   * someone ("King Fahd Stadium", "Prince Albert Dock", "Imam Mosque":
   * a place word that is no name ends the run; issue 17, seventy-ninth
   * round: they were persons, "Fahd", "Albert Dock", "Mosque") */
  if (s + 1 < k && u[s].kind == U_GAZ && u[s].type == ET_TITLE && u[k - 1].kind == U_CAP
      && u[k - 1].b == u[k - 1].a + 1)
    {
      const guint64 lex = tok_lex (d, tk (d, u[k - 1].a));

      if ((s + 2 < k && (lex & LEX_ORG_WORD))
          || ((lex & LEX_PLACE_SUFFIX) && !(lex & (LEX_SURNAME | LEX_GIVEN))))
        {
          classify_plain (d, &u[s], k - s);
          return;
        }
    }
  /* nor a title inside a company's name, which a word of its own and a
   * company's word follow: "Overseas Private Investment Corporation" was
   * a person, "Investment" (issue 17, eighty-eighth round) */
  if (k >= s + 4 && u[s].kind == U_CAP && u[k - 1].kind == U_CAP && u[k - 1].b == u[k - 1].a + 1
      && (tok_lex (d, tk (d, u[k - 1].a)) & LEX_ORG_WORD))
    for (guint x = s + 1; x + 2 < k; x++)
      if (u[x].kind == U_GAZ && u[x].type == ET_TITLE && u[x + 1].kind == U_CAP
          && !unit_single_with (d, &u[x + 1], LEX_GIVEN))
        {
          classify_plain (d, &u[s], k - s);
          return;
        }
  {
    guint x = s;

    while (x < k)
      {
        if (u[x].kind == U_GAZ && u[x].type == ET_TITLE && title_opens_name (d, u, x, k))
          {
            classify_plain (d, &u[s], x - s);
            s = x;
            break;
          }
        if (u[x].kind == U_GAZ && u[x].type == ET_TITLE)
          {
            guint e, c = x;

            /* "the Office of Science and Technology Policy Acting
             * Director": a common word before the title is the title's
             * (issue 17, seventh round) */
            if (c > s + 1 && u[c - 1].kind == U_CAP && u[c - 1].b == u[c].a
                && !u[c - 1].after_of && name_with_of (u, s, c - 1)
                && (tok_lex (d, tk (d, u[c - 1].a)) & (LEX_COMMON | LEX_ORG_WORD | LEX_PLACE_BOTH)) == LEX_COMMON)
              c--;
            classify_plain (d, &u[s], c - s);
            e = person_after_title (d, u, x, k);
            if (e < k)
              u[e].after_of = 0;
            s = x = e;
            continue;
          }
        x++;
      }
  }
  if (s < k)
    classify_plain (d, &u[s], k - s);
}
