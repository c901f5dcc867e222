/* facilities.c: names that are an organisation and its building.
 *
 * "Mercy Hospital said" is the organisation, "taken to hospital at Mercy
 * Hospital" the building; "the Barbican Centre announced" and "a concert
 * at the Barbican Centre" the same. The name rules type a name by its
 * last word (an organisation word makes an ORG, a facility word a FAC);
 * here the context overrules them where it is plain:
 *
 *   - an ORG whose last word is an organisation's building (Center,
 *     Centre, Hospital, Clinic, Infirmary, Library: the BUILDING_ORG class
 *     of data/lexical.tsv) after "at" or a locative preposition ("in",
 *     "near", "outside"; an article may come between) is a FAC, but
 *     not after people who work there ("forecasters at the National
 *     Hurricane Center" is the organisation);
 *   - such an ORG named for what the public does there ("Science
 *     Center", "Community Center", "Shopping Centre") is a FAC wherever
 *     it stands, unless it speaks;
 *   - a FAC (Museum, Hall, Theatre, Stadium) before a speech verb ("said",
 *     "announced") speaks as an organisation: an ORG.
 *
 * One look at the tokens beside each name mention; nothing else.
 */
#include "config.h"

#include <string.h>

#include "tagger.h"

/* "forecasters at", "staff at": people who work at an organisation, a
 * plural of a person noun (-ers, -ists, -ians) or one of a few words. */
static gboolean
people_of (const Doc *d, const Token *t)
{
  static const char *const words[] = { "staff", "officials", "doctors", "experts", "colleagues" };
  static const char *const endings[] = { "ers", "ists", "ians" };
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;

  if (t->tcase != GALLEY_CASE_LOWER)
    return FALSE;
  if (tok_text_in (d, t, words))
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (endings); k++)
    if (len > 5 && memcmp (s + len - 3, endings[k], 3) == 0)
      return TRUE;
  return FALSE;
}

/* Whether "at", "in", "near" (and the like) come before token @a, with
 * at most an article between; not "forecasters at". */
static gboolean
at_a_place (const Doc *d, guint a)
{
  guint p;

  if (a == 0)
    return FALSE;
  p = a - 1;
  if (d->toks[p].tcase == GALLEY_CASE_LOWER && (tok_lex (d, &d->toks[p]) & LEX_DETERMINER) && p >= 1)
    p--;
  if (d->toks[p].tcase != GALLEY_CASE_LOWER
      || !((tok_lex (d, &d->toks[p]) & LEX_LOC_PREP) || tok_text_eq (d, &d->toks[p], "at")))
    return FALSE;
  return p == 0 || !people_of (d, &d->toks[p - 1]);
}

/* "the Great Lakes Science Center", "the Fort Lee Community Center", "a
 * Convention Center": a centre named for what the public comes to do in
 * it is a building wherever it stands (a "Research Center", a "Cancer
 * Center" are organisations). @w is the word before the last. */
static gboolean
public_centre (const Doc *d, const Token *w)
{
  static const char *const words[] = {
    "Community", "Science", "Visitor", "Visitors", "Information", "Convention", "Shopping",
    "Arts", "Civic", "Recreation", "Conference", "Exhibition", "Aquatic", "Aquatics",
    "Leisure", "Fitness", "Cultural", "Heritage", "Nature", "Garden", "Trade", "Sports",
    "Events", "Congress", "Performing",
  };

  if (w->tcase != GALLEY_CASE_TITLE)
    return FALSE;
  return tok_text_in (d, w, words);
}

static gboolean
speaks (const Doc *d, guint b)
{
  return b < d->n && d->toks[b].tcase == GALLEY_CASE_LOWER && (tok_lex (d, &d->toks[b]) & LEX_SPEECH);
}

void
mark_facilities (Doc *d)
{
  for (guint i = 0; i < d->n_mentions; i++)
    {
      Mention *m = &d->mentions[i];

      if (m->type == ET_ORG && m->b - m->a >= 2 && m->byte_end == 0
          && (tok_lex (d, &d->toks[m->b - 1]) & LEX_BUILDING_ORG)
          && (at_a_place (d, m->a) || (public_centre (d, &d->toks[m->b - 2]) && !speaks (d, m->b))))
        m->type = ET_FAC;
      else if (m->type == ET_FAC && speaks (d, m->b))
        m->type = ET_ORG;
    }
}
