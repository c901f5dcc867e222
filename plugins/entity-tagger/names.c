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
 *      title alone is nothing;
 *   3. the last word decides: an organisation word makes an ORG ("Acme
 *      Holdings", "Ministry of Defence"), a place word a place ("Yangtze
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
 */
#include "config.h"

#include <string.h>

#include "tagger.h"

#define MAX_UNITS 12

typedef enum {
  U_CAP,   /* one capitalised token */
  U_GAZ,   /* a gazetteer phrase */
} UnitKind;

typedef struct {
  guint32 a, b;
  guint8 kind;
  guint8 type;           /* U_GAZ: the phrase type */
  guint8 after_of;       /* joined to the unit before by "of"/"for" */
  const char *canonical;
} Unit;

static inline const Token *
tk (const Doc *d, guint i)
{
  return &d->toks[i];
}

static gboolean
unit_is_cap_with (const Doc *d, const Unit *u, guint64 flags)
{
  return u->kind == U_CAP && (tk (d, u->a)->lex & flags) != 0;
}

/* A unit whose only token is a known word with @flags (gazetteer or not):
 * "Jordan" is a GPE and a given name. */
static gboolean
unit_single_with (const Doc *d, const Unit *u, guint64 flags)
{
  return u->b == u->a + 1 && (tk (d, u->a)->lex & flags) != 0;
}

static gboolean
is_name_type (guint8 type)
{
  return type != ET_NONE && type != ET_TITLE && type != ET_BLOCK;
}

/* Whether a unit may start at token @j, filling @u. */
static gboolean
unit_at (const Doc *d, guint j, gboolean first, Unit *u)
{
  const Token *t = tk (d, j);
  PhraseMatch pm;

  if (t->kind != GALLEY_TOKEN_WORD && t->kind != GALLEY_TOKEN_ABBREV)
    return FALSE;
  if (t->tflags & GALLEY_TOKEN_FLAG_CLITIC)
    return FALSE;
  phrase_match (d, j, &pm);
  if (pm.n_tokens > 0)
    {
      gboolean ok;

      if (t->cap == CAP_STRONG || t->cap == CAP_NO)
        ok = TRUE;
      else if (pm.n_tokens >= 2)
        ok = TRUE;
      else if (!(t->lex & LEX_COMMON))
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
  if (t->cap == CAP_NO)
    return FALSE;
  if (t->cap == CAP_WEAK)
    {
      const Token *next = j + 1 < d->n ? tk (d, j + 1) : NULL;

      /* "Will Smith", "Mark Carney" at the start of a sentence */
      if (!((t->lex & LEX_GIVEN) && next != NULL && next->cap == CAP_STRONG
            && !(next->lex & (LEX_COMMON | LEX_MONTH | LEX_WEEKDAY))))
        return FALSE;
    }
  /* dates are numeric.c's; inside a name they may be surnames (May) */
  if (first && (t->lex & (LEX_MONTH | LEX_WEEKDAY)))
    return FALSE;
  u->a = j;
  u->b = j + 1;
  u->kind = U_CAP;
  u->type = ET_NONE;
  u->canonical = NULL;
  u->after_of = 0;
  return TRUE;
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

          if (t->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START)
            break;
          if (t->cap == CAP_NO)
            {
              if ((t->lex & LEX_CONNECT_OF) && t->tcase == GALLEY_CASE_LOWER
                  && (unit_is_cap_with (d, last, LEX_ORG_WORD | LEX_PLACE_SUFFIX | LEX_PLACE_PREFIX)
                      || (last->kind == U_GAZ && last->type == ET_ORG && !used_of)))
                {
                  next = j + 1;
                  if (next < d->n && tok_text_eq (d, tk (d, next), "the"))
                    next++;
                  after_of = TRUE;
                }
              else if (tok_text_eq (d, t, "&"))
                next = j + 1;
              else if (tok_text_eq (d, t, "and") && used_of && !used_and)
                {
                  next = j + 1;
                  used_and = TRUE;
                }
              else if ((t->lex & LEX_PARTICLE) && t->tcase == GALLEY_CASE_LOWER
                       && last->kind == U_CAP && !(tk (d, last->a)->lex & LEX_ORG_WORD))
                {
                  /* van, de, von der, bin */
                  next = j + 1;
                  while (next < d->n && (tk (d, next)->lex & LEX_PARTICLE)
                         && tk (d, next)->tcase == GALLEY_CASE_LOWER && next < j + 3)
                    next++;
                }
              else
                break;
              if (next >= d->n || !unit_at (d, next, FALSE, &u) || !is_name_type (u.type == ET_NONE ? ET_PERSON : u.type)
                  || (tk (d, next)->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START))
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
        break;
      if (k > 0 && u.kind == U_CAP && (tk (d, j)->lex & (LEX_MONTH | LEX_WEEKDAY)))
        {
          /* Theresa May, Mrs May: a month after a given name or a title,
           * not before a number */
          if (!(tk (d, j)->lex & LEX_MONTH)
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

static void
add (Doc *d, guint32 a, guint32 b, EtType type, guint strength, const char *canonical)
{
  Mention *m = doc_add_mention (d, a, b, type, strength);

  m->canonical = canonical;
}

/* Whether all tokens of units [lo, hi) look like personal names: known
 * names, or capitalised words that are not ordinary words. */
static gboolean
name_like (const Doc *d, const Unit *u, guint lo, guint hi)
{
  for (guint k = lo; k < hi; k++)
    {
      const Token *t = tk (d, u[k].a);

      if (u[k].kind == U_GAZ)
        {
          if (u[k].b != u[k].a + 1 || u[k].type == ET_TITLE || u[k].type == ET_NORP
              || !(t->lex & (LEX_SURNAME | LEX_GIVEN)))
            if (u[k].type != ET_PERSON)
              return FALSE;
          continue;
        }
      if ((t->lex & (LEX_ORG_WORD | LEX_PLACE_SUFFIX)) && !(t->lex & (LEX_SURNAME | LEX_GIVEN)))
        return FALSE;
      if ((t->lex & LEX_COMMON) && !(t->lex & (LEX_SURNAME | LEX_GIVEN)))
        return FALSE;
    }
  return TRUE;
}

static void classify (Doc *d, Unit *u, guint k);

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
          const guint64 lex = tk (d, x->a)->lex;

          if ((lex & (LEX_ORG_WORD | LEX_PLACE_SUFFIX)) && !(lex & (LEX_SURNAME | LEX_GIVEN))
              && e > t + 1)
            break;
          e++;
          continue;
        }
      if (x->type == ET_PERSON
          || (x->b == x->a + 1 && x->type != ET_TITLE && x->type != ET_NORP
              && (tk (d, x->a)->lex & (LEX_SURNAME | LEX_GIVEN))))
        {
          e++;
          continue;
        }
      break;
    }
  if (e > t + 1)
    add (d, u[t + 1].a, u[e - 1].b, ET_PERSON, 2, NULL);
  return e;
}

/* A single capitalised token that no list types: context and spelling. */
static void
classify_single (Doc *d, const Unit *u)
{
  const Token *t = tk (d, u->a);
  const Token *prev = u->a > 0 ? tk (d, u->a - 1) : NULL;
  const Token *next = u->b < d->n ? tk (d, u->b) : NULL;
  gsize len = t->end - t->start;

  if (prev != NULL && (prev->lex & LEX_ROLE) && prev->tcase == GALLEY_CASE_LOWER)
    {
      add (d, u->a, u->b, ET_PERSON, 1, NULL);
      return;
    }
  if (t->tcase == GALLEY_CASE_UPPER && len >= 2 && len <= 6 && !t->headline
      && t->kind == GALLEY_TOKEN_WORD)
    {
      add (d, u->a, u->b, ET_ORG, 1, NULL);
      return;
    }
  if ((t->lex & (LEX_SURNAME | LEX_GIVEN)) && !(t->lex & LEX_COMMON))
    {
      add (d, u->a, u->b, ET_PERSON, 1, NULL);
      return;
    }
  if (next != NULL && (next->lex & LEX_SPEECH) && next->tcase == GALLEY_CASE_LOWER)
    {
      add (d, u->a, u->b, ET_PERSON, 0, NULL);
      return;
    }
  if (prev != NULL && (prev->lex & LEX_LOC_PREP) && prev->tcase == GALLEY_CASE_LOWER
      && !(t->lex & LEX_COMMON))
    {
      add (d, u->a, u->b, ET_GPE, 0, NULL);
      return;
    }
  /* no evidence yet: a candidate the document may type (resolve.c) */
  add (d, u->a, u->b, ET_NONE, 0, NULL);
}

/* Units [0, k) without titles. */
static void
classify_plain (Doc *d, Unit *u, guint k)
{
  const Unit *first = &u[0], *last = &u[k - 1];
  guint n_gaz = 0;

  if (k == 0)
    return;
  for (guint x = 0; x < k; x++)
    if (u[x].kind == U_GAZ)
      n_gaz++;

  /* 3. the last word decides: organisations, places */
  if (k >= 2 && unit_is_cap_with (d, last, LEX_ORG_WORD))
    {
      /* Diane Lane, Jerry Hall: a given name and a surname-like word */
      if (!(k == 2 && unit_single_with (d, first, LEX_GIVEN) && unit_is_cap_with (d, last, LEX_SURNAME)))
        {
          add (d, first->a, last->b, ET_ORG, 2, NULL);
          return;
        }
    }
  for (guint x = 1; x < k; x++)
    if (u[x].after_of && unit_is_cap_with (d, &u[x - 1], LEX_ORG_WORD))
      {
        add (d, first->a, last->b, ET_ORG, 2, NULL);
        return;
      }
  if (k >= 2 && unit_is_cap_with (d, last, LEX_PLACE_SUFFIX)
      && !(k == 2 && unit_single_with (d, first, LEX_GIVEN) && unit_is_cap_with (d, last, LEX_SURNAME)))
    {
      EtType type = lexicon_word_info (d->tg->lex, tk (d, last->a)->wid)->place_type;

      add (d, first->a, last->b, type, 2, NULL);
      return;
    }
  if (k >= 2 && unit_is_cap_with (d, first, LEX_PLACE_PREFIX))
    {
      EtType type = lexicon_word_info (d->tg->lex, tk (d, first->a)->wid)->place_type;

      add (d, first->a, last->b, type, 2, NULL);
      return;
    }
  for (guint x = 1; x < k; x++)
    if (u[x].after_of && unit_is_cap_with (d, &u[x - 1], LEX_PLACE_SUFFIX | LEX_PLACE_PREFIX))
      {
        EtType type = lexicon_word_info (d->tg->lex, tk (d, u[x - 1].a)->wid)->place_type;

        add (d, first->a, last->b, type, 2, NULL);
        return;
      }

  /* 4. one gazetteer phrase */
  if (k == 1 && first->kind == U_GAZ)
    {
      Mention *m;

      if (first->type == ET_BLOCK || first->type == ET_TITLE)
        return;
      m = doc_add_mention (d, first->a, first->b, first->type, 2);
      m->canonical = first->canonical;
      m->gazetteer = 1;
      return;
    }

  /* 5. a given name and more name words: a person */
  if (k >= 2 && unit_single_with (d, first, LEX_GIVEN)
      && (first->kind == U_CAP || first->type != ET_ORG || (tk (d, first->a)->lex & LEX_SURNAME))
      && name_like (d, u, 1, k))
    {
      add (d, first->a, last->b, ET_PERSON, 2, NULL);
      return;
    }
  /* Xi Jinping, Kim Soo-jin */
  if (k >= 2 && k <= 3 && unit_is_cap_with (d, first, LEX_SURNAME_FIRST) && n_gaz == 0
      && name_like (d, u, 1, k))
    {
      add (d, first->a, last->b, ET_PERSON, 2, NULL);
      return;
    }

  /* 6. capitalised words the lists do not know */
  if (n_gaz == 0)
    {
      guint n_upper = 0, n_known = 0;

      if (k == 1)
        {
          classify_single (d, first);
          return;
        }
      for (guint x = 0; x < k; x++)
        {
          const Token *t = tk (d, u[x].a);

          if (t->tcase == GALLEY_CASE_UPPER && t->kind == GALLEY_TOKEN_WORD)
            n_upper++;
          if (t->lex & (LEX_SURNAME | LEX_GIVEN))
            n_known++;
        }
      if (n_upper == k)
        add (d, first->a, last->b, ET_ORG, 1, NULL);
      else if (name_like (d, u, 0, k) && k <= 4)
        add (d, first->a, last->b, ET_PERSON, n_known > 0 ? 1 : 0, NULL);
      else
        add (d, first->a, last->b, ET_ORG, 0, NULL);
      return;
    }

  /* 7. mixed runs */
  /* Southern California, East Jerusalem, Greater London */
  if (k == 2 && unit_is_cap_with (d, first, LEX_DIRECTION) && last->kind == U_GAZ
      && (last->type == ET_GPE || last->type == ET_LOC))
    {
      add (d, first->a, last->b, last->type, 1, NULL);
      return;
    }
  /* Denzel Washington, Harrison Ford: a name and a gazetteer surname */
  if (last->kind == U_GAZ && last->b == last->a + 1 && (tk (d, last->a)->lex & LEX_SURNAME)
      && k >= 2 && n_gaz == 1 && name_like (d, u, 0, k - 1)
      && !unit_is_cap_with (d, &u[k - 2], LEX_DIRECTION))
    {
      add (d, first->a, last->b, ET_PERSON, 1, NULL);
      return;
    }
  /* Boston Globe, Texas Instruments: a place and unknown words */
  if (first->kind == U_GAZ && (first->type == ET_GPE || first->type == ET_ORG) && n_gaz == 1
      && name_like (d, u, 1, k) && !unit_single_with (d, &u[1], LEX_GIVEN))
    {
      add (d, first->a, last->b, ET_ORG, 0, NULL);
      return;
    }
  /* otherwise split: each gazetteer phrase alone, the rest as groups */
  {
    guint x = 0;

    while (x < k)
      {
        if (u[x].kind == U_GAZ)
          {
            classify_plain (d, &u[x], 1);
            x++;
            continue;
          }
        {
          guint y = x;

          while (y < k && u[y].kind == U_CAP)
            y++;
          /* "of" joins only inside a group */
          for (guint z = x; z < y; z++)
            if (z == x)
              u[z].after_of = 0;
          classify_plain (d, &u[x], y - x);
          x = y;
        }
      }
  }
}

static void
classify (Doc *d, Unit *u, guint k)
{
  guint s = 0;

  /* 1. leading ordinary words capitalised by position; "The" always */
  while (s < k && u[s].kind == U_CAP)
    {
      const Token *t = tk (d, u[s].a);

      if ((t->lex & LEX_DETERMINER) || (t->cap == CAP_WEAK && (t->lex & LEX_COMMON)))
        {
          s++;
          continue;
        }
      break;
    }
  if (s < k)
    u[s].after_of = 0;

  /* 2. titles split the run */
  {
    guint x = s;

    while (x < k)
      {
        if (u[x].kind == U_GAZ && u[x].type == ET_TITLE)
          {
            guint e;

            classify_plain (d, &u[s], x - s);
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

guint
names_scan (Doc *d, guint i)
{
  Unit units[MAX_UNITS];
  guint k;

  if (d->toks[i].used)
    return 1;
  k = collect_units (d, i, units);
  if (k == 0)
    return 0;
  classify (d, units, k);
  return units[k - 1].b - i;
}
