/* names-context.c: what the words around a name say of its type: a
 * state or a country after a comma, a role, a holding or a place word
 * before or after it (context_type()).
 */
#include "config.h"

#include <string.h>

#include "names-private.h"

/* Whether token @j is a US ZIP code, as an address writes one after
 * its state: five digits, or five, a hyphen and four ("Andover,
 * Massachusetts 01810", "Boston, MA 02110-1301"). */
static gboolean
zip_code_at (const Doc *d, guint j)
{
  const Token *t = tk (d, j);
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;

  if (t->kind != GALLEY_TOKEN_NUMBER || (len != 5 && len != 10)
      || (len == 10 && s[5] != '-'))
    return FALSE;
  for (gsize k = 0; k < len; k++)
    if (k != 5 && !g_ascii_isdigit (s[k]))
      return FALSE;
  return TRUE;
}

/* Whether a state's name or abbreviation ends before token @j, as it
 * does after a town: the text or its line ends, a comma or a sentence's
 * full stop follows, or a ZIP code. */
static gboolean
state_ends_before (const Doc *d, guint j)
{
  return j >= d->n || line_ends_before (d, j) || tok_text_eq (d, tk (d, j), ",")
         || tok_text_eq (d, tk (d, j), ".") || zip_code_at (d, j);
}

/* The state a US postal code names ("Bartlesville, OK", "Andover, MA
 * 01810"), or NULL. The lists leave the codes out: most are words or
 * initials too (OK, IN, ME, OR, CO, PA), so only a comma after a town
 * before them and state_ends_before() after them make them a state
 * (issue 17, seventy-second round). */
static const char *
postal_state (const Doc *d, const Token *t)
{
  static const char codes[] = "ALAKAZARCACOCTDEFLGAHIIDILINIAKSKYLAMEMDMAMIMNMSMOMTNENVNHNJNMNYNC"
                              "NDOHOKORPARISCSDTNTXUTVTVAWAWVWIWYDC";
  static const char *const states[] = {
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
    "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
    "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
    "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota",
    "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
    "Wisconsin", "Wyoming", "District of Columbia",
  };
  const char *s = d->text + t->start;

  G_STATIC_ASSERT (sizeof codes - 1 == 2 * G_N_ELEMENTS (states));
  for (guint x = 0; x < G_N_ELEMENTS (states); x++)
    if (codes[2 * x] == s[0] && codes[2 * x + 1] == s[1])
      return states[x];
  return NULL;
}

/* Pa., Mass., Miss., Mo., Ind., La., Me.: the abbreviations of US
 * states that are words or titles too, which the lists leave out
 * (regions.tsv). After a town and a comma, and before a comma or the end
 * of a line, they name the state ("STATE COLLEGE, Pa., March 3",
 * "acquire Colonial Bancorp Inc of New Holland, Pa.", typed an ORG or a
 * PERSON before; issue 17, sixth round); "Smith, Miss. Jones" is not
 * one. So do the postal codes (postal_state()). Returns the state's
 * name, or NULL. */
const char *
word_state_at (const Doc *d, guint j)
{
  static const struct {
    TextLit abbr;
    const char *state;
  } states[] = {
    { TEXT_LIT ("Pa."), "Pennsylvania" },   { TEXT_LIT ("Mass."), "Massachusetts" },
    { TEXT_LIT ("Miss."), "Mississippi" },  { TEXT_LIT ("Mo."), "Missouri" },
    { TEXT_LIT ("Ind."), "Indiana" },       { TEXT_LIT ("La."), "Louisiana" },
    { TEXT_LIT ("Me."), "Maine" },
  };
  const Token *t;
  const char *state = NULL;
  gsize len;

  /* the token's own spelling first: most tokens asked are no
   * abbreviation of 3 to 5 bytes ending in a period, nor two capitals */
  if (j == 0 || j >= d->n)
    return NULL;
  t = tk (d, j);
  len = t->end - t->start;
  if (len == 2 && t->tcase == GALLEY_CASE_UPPER && t->kind == GALLEY_TOKEN_WORD)
    state = postal_state (d, t);
  else if (len < 3 || len > 5 || d->text[t->end - 1] != '.' || t->tcase != GALLEY_CASE_TITLE)
    return NULL;
  for (guint x = 0; x < G_N_ELEMENTS (states) && state == NULL; x++)
    if (len == states[x].abbr.len && memcmp (d->text + t->start, states[x].abbr.s, len) == 0)
      state = states[x].state;
  if (state == NULL || !tok_text_eq (d, tk (d, j - 1), ",") || !state_ends_before (d, j + 1))
    return NULL;
  return state;
}

/* Whether ", " and a state or country phrase follow token @j. */
gboolean
followed_by_place (const Doc *d, guint j)
{
  PhraseMatch pm;

  if (j + 1 >= d->n || !tok_text_eq (d, tk (d, j), ","))
    return FALSE;
  if (tk (d, j + 1)->cap == CAP_NO)
    return FALSE;
  if (word_state_at (d, j + 1) != NULL)
    return TRUE;
  phrase_match (d, j + 1, &pm);
  if (pm.n_tokens == 0 || pm.type != ET_GPE)
    return FALSE;
  /* Georgetown, Kentucky, ...: the phrase ends the clause, or a
   * preposition follows it ("Marion, Ohio in 1920"); not a name in a
   * list ("Jordan, Georgia Stanway and ...") */
  j = j + 1 + pm.n_tokens;
  return j >= d->n || tk (d, j)->kind == GALLEY_TOKEN_PUNCT || zip_code_at (d, j)
         || (tk (d, j)->tcase == GALLEY_CASE_LOWER && (tok_lex (d, tk (d, j)) & LEX_FUNCTION)
             && !tok_text_eq (d, tk (d, j), "and") && !tok_text_eq (d, tk (d, j), "or"));
}

static EtType
place_type_of (const Doc *d, const Token *t)
{
  return lexicon_word_info (d->tg->lex, t->wid)->place_type;
}

/* A holding word in lower case, or capitalised as a sentence's first
 * word ("Shares of Zentrix rose"). */
static gboolean
lower_holding (const Doc *d, guint i)
{
  return i < d->n && (tk (d, i)->tcase == GALLEY_CASE_LOWER || tk (d, i)->sent_init)
         && (tok_lex (d, tk (d, i)) & LEX_ORG_HOLDING);
}

/* Whether a holding word at @b follows a name: "Zentrix shares fell",
 * not "Anna shares a flat" or "shares her view". */
static inline gboolean
holding_after (const Doc *d, guint b)
{
  const Token *after;

  if (!lower_holding (d, b))
    return FALSE;
  after = b + 1 < d->n ? tk (d, b + 1) : NULL;
  return after == NULL || after->kind != GALLEY_TOKEN_WORD
         || (after->tcase == GALLEY_CASE_LOWER && !(tok_lex (d, after) & LEX_DETERMINER)
             && !possessive_word (d, after) && !tok_text_eq (d, after, "with"));
}

/* What only an organisation has, around [a, b): "shares of Zentrix", "a
 * stake in Zentrix", "Zentrix's shareholders", "Zentrix shares fell",
 * "Myers common shares" (a kind of share between: issue 17,
 * eighty-seventh round; Myers, a surname, was a person); not the verb
 * ("Anna shares a flat", "shares her view"). */
gboolean
org_holding_context (const Doc *d, guint a, guint b)
{
  static const char *const share_kinds[] = { "common", "preferred", "ordinary", "voting" };

  if (a >= 2 && (tok_text_eq (d, tk (d, a - 1), "of") || tok_text_eq (d, tk (d, a - 1), "in"))
      && lower_holding (d, a - 2))
    return TRUE;
  if (b + 1 < d->n && (tk (d, b)->tflags & GALLEY_TOKEN_FLAG_CLITIC) && lower_holding (d, b + 1))
    return TRUE;
  if (holding_after (d, b))
    return TRUE;
  /* not the class of a share itself: "Class B common shares" */
  return b + 1 < d->n && tk (d, b)->tcase == GALLEY_CASE_LOWER && tok_text_in (d, tk (d, b), share_kinds)
         && tk (d, b - 1)->end - tk (d, b - 1)->start > 1 && !tok_text_eq (d, tk (d, a), "Class")
         && holding_after (d, b + 1);
}

/* Whether token @t is a role word in lower case ("analyst"), or its
 * plural ("analysts"), or either capitalised only as the first word of a
 * sentence ("Analysts at ..."). A plural is looked up without its "s":
 * the role lists hold singulars. */
static gboolean
role_word (const Doc *d, const Token *t)
{
  guint64 hash, flags = 0;
  gsize len = t->end - t->start;

  if (t->kind != GALLEY_TOKEN_WORD
      || !(t->tcase == GALLEY_CASE_LOWER || (t->tcase == GALLEY_CASE_TITLE && t->sent_init)))
    return FALSE;
  if (tok_lex (d, t) & LEX_ROLE)
    return TRUE;
  if (len < 4 || d->text[t->end - 1] != 's' || d->text[t->end - 2] == 's')
    return FALSE;
  lexicon_lookup (d->tg->lex, d->text + t->start, len - 1, d->text_end,
                  !(t->tflags & GALLEY_TOKEN_FLAG_NON_ASCII), &hash, &flags);
  return (flags & LEX_ROLE) != 0;
}

/* "an editor at Global Voices", "an analyst with Quillmore", "analysts
 * at Merrill Lynch": a role, then "at" or "with", before name [a, b) put
 * a person in the organisation that employs them; so does a person's
 * name quoted as a source, "said David Anders at Merrill Lynch", "David
 * Anders at Merrill Lynch said" (issue 17). Left out: "a spokesman for
 * X" (X is a person as often as a body), and a person "at" a name with
 * no speech verb beside them ("met Tom Reed at Quarrington": a place as
 * often). */
static gboolean
role_at (const Doc *d, guint a, guint b)
{
  const Token *at;
  const Mention *m;

  if (a < 2)
    return FALSE;
  at = tk (d, a - 1);
  if (tok_text_eq (d, at, "with"))
    return role_word (d, tk (d, a - 2));
  if (!tok_text_eq (d, at, "at"))
    return FALSE;
  if (role_word (d, tk (d, a - 2)))
    return TRUE;
  m = d->n_mentions > 0 ? &d->mentions[d->n_mentions - 1] : NULL;
  if (m == NULL || m->b + 1 != a || m->type != ET_PERSON)
    return FALSE;
  return (m->a > 0 && (tok_lex (d, tk (d, m->a - 1)) & LEX_SPEECH)
          && tk (d, m->a - 1)->tcase == GALLEY_CASE_LOWER)
         || (b < d->n && (tok_lex (d, tk (d, b)) & LEX_SPEECH) && tk (d, b)->tcase == GALLEY_CASE_LOWER);
}

/* "Deutsche Boerse chief Werner Seifert", "Kessling Maru chief executive
 * Ines Varga": one or two roles in lower case from token @b, then a
 * capitalised name. Before such a role an unknown name of two words or
 * more is the body the person works for (a person's own name would take
 * a possessive, "Tony Blair's spokesman"; "Blair spokesman", one word, is
 * left out by the callers' two words). Not before a role that a
 * portfolio or a programme takes as often ("Social Affairs minister",
 * "House Majority leader", "X Factor judge", "Grange Hill actress"; on
 * the news they were 17 of the 21 changes after such roles). */
static gboolean
role_before_name (const Doc *d, guint b)
{
  static const char *const portfolio_roles[] = {
    "minister", "secretary", "leader", "aide", "spokesman", "spokeswoman", "spokesperson",
    "actor", "actress", "presenter", "host", "judge", "star",
  };
  guint k = b;

  while (k < d->n && k < b + 2 && tk (d, k)->tcase == GALLEY_CASE_LOWER
         && tk (d, k)->kind == GALLEY_TOKEN_WORD && (tok_lex (d, tk (d, k)) & LEX_ROLE))
    k++;
  if (k == b || k >= d->n || tk (d, k)->tcase != GALLEY_CASE_TITLE
      || tk (d, k)->kind != GALLEY_TOKEN_WORD)
    return FALSE;
  return !tok_text_in (d, tk (d, b), portfolio_roles);
}

/* What the words around an unknown name [a, b) say it is:
 *   "the state copper company Codelco"    ORG (a kind of organisation before)
 *   "the village of Pasir Panjang"        GPE (a kind of place, "of")
 *   "McAteer, 54, of Paisley"             GPE (", of" after a person)
 *   "the Ishim river", "Darnytskyi district"  LOC, GPE (a kind of place after)
 *   "Albemarle, the U.S. miner,"          ORG (in apposition with a kind)
 *   "Muhari, a spokesman for ..."         PERSON (in apposition with a role)
 * ET_NONE when they say nothing. */
EtType
context_type (const Doc *d, guint a, guint b)
{
  const Token *prev = a > 0 ? tk (d, a - 1) : NULL;
  const Token *next = b < d->n ? tk (d, b) : NULL;

  if (org_holding_context (d, a, b))
    return ET_ORG;
  if (role_at (d, a, b))
    return ET_ORG;
  if (prev != NULL && prev->tcase == GALLEY_CASE_LOWER && prev->kind == GALLEY_TOKEN_WORD)
    {
      if ((tok_lex (d, prev) & LEX_ORG_CONTEXT) && !(tok_lex (d, prev) & LEX_ROLE))
        return ET_ORG;
      /* "runner Faith Kipyegon" */
      if ((tok_lex (d, prev) & LEX_ROLE) && b > a + 1)
        return ET_PERSON;
      if (tok_text_eq (d, prev, "of") && a >= 2)
        {
          const Token *pp = tk (d, a - 2);
          static const char *const nobility[] = {
            "Earl", "Duke", "Duchess", "Count", "Countess", "Marquis", "Marquess",
            "Baron", "Baroness", "Prince", "Princess", "Viscount", "Bishop", "Archbishop",
          };

          static const char *const business_roles[] = {
            "chairman", "chairwoman", "founder", "co-founder", "executive", "boss", "owner",
            "owners", "shareholder", "shareholders", "investors", "spokesman", "spokeswoman",
            "spokesperson", "employee", "employees", "president",
            "subsidiary", "unit", "division",
          };

          /* the Earl of Clare, the Duke of Edinburgh: a place */
          for (guint x = 0; x < G_N_ELEMENTS (nobility); x++)
            if (tok_text_eq (d, pp, nobility[x]))
              return ET_GPE;
          /* the chairman of Quellmark, a unit of Quellmark: a company
           * (issue 17, sixty-eighth round: "The chairman of Quellmark
           * said" made a person of it); not "director", whose films and
           * shows are no companies ("the directors of Shameless") */
          if (pp->tcase == GALLEY_CASE_LOWER && tok_text_in (d, pp, business_roles))
            return ET_ORG;
          /* "the state of Parmalat's finances" is its condition (issue
           * 17, sixty-seventh round: the firm was a GPE, and one sense
           * per discourse made all its mentions so) */
          if (pp->tcase == GALLEY_CASE_LOWER && (tok_lex (d, pp) & LEX_PLACE_CONTEXT)
              && !(next != NULL && (next->tflags & GALLEY_TOKEN_FLAG_CLITIC) && tok_text_eq (d, pp, "state")))
            return place_type_of (d, pp);
          if (tok_text_eq (d, pp, ",") || pp->kind == GALLEY_TOKEN_NUMBER)
            return ET_GPE;
        }
    }
  if (next != NULL && next->tcase == GALLEY_CASE_LOWER && next->kind == GALLEY_TOKEN_WORD
      && (tok_lex (d, next) & LEX_PLACE_CONTEXT))
    return place_type_of (d, next);
  /* "the Georgian Dream party", "the Sunbelt company" */
  if (next != NULL && next->tcase == GALLEY_CASE_LOWER && next->kind == GALLEY_TOKEN_WORD
      && (tok_lex (d, next) & LEX_ORG_CONTEXT) && !(tok_lex (d, next) & LEX_ROLE) && b > a + 1)
    return ET_ORG;
  if (b > a + 1 && role_before_name (d, b))
    return ET_ORG;
  /* "his publisher, Simrock," */
  if (prev != NULL && a >= 2 && tok_text_eq (d, prev, ",") && (tok_lex (d, tk (d, a - 2)) & LEX_ROLE)
      && tk (d, a - 2)->tcase == GALLEY_CASE_LOWER)
    return ET_PERSON;
  if (next != NULL && tok_text_eq (d, next, ",") && b + 2 < d->n
      && (tok_lex (d, tk (d, b + 1)) & LEX_DETERMINER) && tk (d, b + 1)->tcase == GALLEY_CASE_LOWER)
    {
      for (guint k = b + 2; k < d->n && k < b + 8; k++)
        {
          const Token *t = tk (d, k);

          if (t->kind == GALLEY_TOKEN_PUNCT)
            break;
          if (t->tcase != GALLEY_CASE_LOWER || t->kind != GALLEY_TOKEN_WORD)
            continue;
          if (tok_lex (d, t) & LEX_ROLE)
            return ET_PERSON;
          if (tok_lex (d, t) & LEX_ORG_CONTEXT)
            return ET_ORG;
          if (tok_lex (d, t) & (LEX_FUNCTION | LEX_SPEECH))
            break;
        }
    }
  return ET_NONE;
}
