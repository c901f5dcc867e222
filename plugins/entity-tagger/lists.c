/* lists.c: names in a list take the kind their list gives them.
 *
 * "Tulsa, Sand Springs, Sapulpa, Jenks, and Broken Arrow": a list names
 * things of one kind, and the rules know some of its members (two
 * places here) but not others (Sapulpa and Jenks were untyped, Broken
 * Arrow a person). A member that no rule typed, or only guessed, takes
 * the type its list's sure members share, before resolution spreads
 * types over the document (issue 17, seventy-sixth round).
 *
 * A list here is three names or more joined by commas, the last by
 * "and" or "or" (", and" too), with nothing else between them; its sure
 * members are those a list or a rule typed (strength 1 or more). It
 * gives a type only
 * where two sure members or more have it (places: GPE and LOC count as
 * one kind, and the list gives GPE unless its sure places are all LOC),
 * and no sure member has another named type.
 */
#include "config.h"

#include "tagger.h"

/* The list's kinds: a person, an organisation, a place. */
enum { KIND_NONE, KIND_PERSON, KIND_ORG, KIND_PLACE, N_KINDS };

static guint
kind_of (EtType type)
{
  switch (type)
    {
    case ET_PERSON:
      return KIND_PERSON;
    case ET_ORG:
      return KIND_ORG;
    case ET_GPE:
    case ET_LOC:
      return KIND_PLACE;
    default:
      return KIND_NONE;
    }
}

/* How the tokens between mentions @m and @next join two members of a
 * list: JOIN_COMMA (","), JOIN_LAST ("and", "or", ", and", ", or"),
 * else JOIN_NONE. */
enum { JOIN_NONE, JOIN_COMMA, JOIN_LAST };

static guint
join_between (const Doc *d, const Mention *m, const Mention *next)
{
  guint j = m->b, n = next->a - m->b;

  if (n == 0 || n > 2)
    return JOIN_NONE;
  if (n == 2 && !tok_text_eq (d, &d->toks[j++], ","))
    return JOIN_NONE;
  if (tok_text_eq (d, &d->toks[j], ","))
    return n == 1 ? JOIN_COMMA : JOIN_NONE;
  return tok_text_eq (d, &d->toks[j], "and") || tok_text_eq (d, &d->toks[j], "or") ? JOIN_LAST : JOIN_NONE;
}

/* Whether the list may retype its member @m: a candidate, or a guess
 * of another kind; not a legal form or a direction alone, nor a word
 * before a number or a capitalised word. */
static gboolean
retypable (const Doc *d, const Mention *m, guint kind)
{
  if (m->type != ET_NONE && (m->strength > 0 || kind_of ((EtType) m->type) == kind))
    return FALSE;
  /* "Bache Securities (Japan) Ltd": a legal form left alone; "Mexico,
   * Central and South America": a direction shares the next name */
  if (m->b == m->a + 1
      && (company_form (d, &d->toks[m->a]) || (tok_lex (d, &d->toks[m->a]) & LEX_DIRECTION)))
    return FALSE;
  /* "Mar 2"; "Francophone African countries", "Service General
   * Insurance Co": the name goes on after the candidate */
  return !(m->b < d->n && (d->toks[m->b].kind == GALLEY_TOKEN_NUMBER || d->toks[m->b].cap != CAP_NO));
}

/* Types the members of the list of mentions [@first, @end). */
static void
type_list (Doc *d, guint first, guint end)
{
  guint sure[N_KINDS] = { 0 }, n_loc = 0, kind = KIND_NONE;
  EtType type;

  for (guint x = first; x < end; x++)
    {
      const Mention *m = &d->mentions[x];
      guint k = kind_of ((EtType) m->type);

      if (m->strength == 0 || m->type == ET_NONE)
        continue;
      /* a sure member of another kind (a people, a date), or of two */
      if (k == KIND_NONE || (kind != KIND_NONE && k != kind))
        return;
      kind = k;
      sure[k]++;
      n_loc += m->type == ET_LOC;
    }
  if (kind == KIND_NONE || sure[kind] < 2)
    return;
  type = kind == KIND_PERSON ? ET_PERSON
         : kind == KIND_ORG  ? ET_ORG
         : n_loc == sure[kind] ? ET_LOC
                             : ET_GPE;
  /* "The Godfather, James Caan and Robert Duvall": an untyped first
   * name before two is as often the head of an apposition */
  if (end - first == 3 && d->mentions[first].type == ET_NONE)
    first++;
  for (guint x = first; x < end; x++)
    {
      Mention *m = &d->mentions[x];

      if (retypable (d, m, kind))
        {
          m->type = (guint8) type;
          m->strength = 0;
        }
    }
}

void
type_list_members (Doc *d)
{
  guint first = 0;

  for (guint x = 1; x <= d->n_mentions; x++)
    {
      guint join = x < d->n_mentions ? join_between (d, &d->mentions[x - 1], &d->mentions[x]) : JOIN_NONE;

      if (join == JOIN_COMMA)
        continue;
      /* the list ends with its "and" member ("Europe, Australia and Far
       * East, or EAFE": what follows names the list); names joined by
       * commas alone are an apposition or a dateline as often ("the
       * SEC, Boyd Jefferies, Jefferies Group", "OAK BROOK, ILL., Mar 2") */
      if (join == JOIN_LAST)
        {
          x++;
          if (x - first >= 3)
            type_list (d, first, x);
        }
      first = x;
    }
}
