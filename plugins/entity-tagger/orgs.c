/* orgs.c: organisations' mentions that the scan cut or mistyped,
 * mended in one walk over the mentions before resolution.
 *
 * A partnership's name with a comma in it. Old firms named for their
 * partners write a comma between the first names and "and Co" before
 * the last: "Sears, Roebuck and Co", "Kidder, Peabody and Co", "Smith
 * Barney, Harris Upham and Co". The name rules stop at the comma, so the
 * part after it became the company ("Roebuck and Co") and the partner
 * before it a person of its own ("Kidder"), or a candidate that
 * resolution typed so. Here the two are joined:
 *
 *   - an ORG that opens with one or two capitalised words, then "and" or
 *     "&" and a bare "Co" or "Co." right after it: "and Co" names
 *     partners, where a company word after other words ("Ford Motor Co")
 *     may end one item of a list;
 *   - after a comma and a capitalised word in title case that is a
 *     person, a candidate, or no mention at all inside a sentence (at a
 *     sentence's start an adverb: "Meanwhile, ..."); a date, a place or
 *     a company before the comma is a list's item ("Yesterday, Eli Lilly
 *     and Co", "Salomon Brothers Inc, Goldman Sachs and Co"), and so is
 *     a partner after a name and "and" ("between Jefferies and Boesky,
 *     Jefferies and Co would").
 *
 * The partner's own mention (a person of one or two words) goes, the
 * company takes its start; a second comma before it repeats the step
 * ("Peat, Marwick, Mitchell and Co").
 *
 * An organisation word alone is no person's name. A rule reads a role
 * before it ("the EC's executive Commission") or a speech verb after it
 * ("Union said", the fragment "Ltd" of "Yamaichi International (Europe)
 * Ltd said") as a person's; such a mention, typed a person by a rule
 * rather than a list or a title, becomes a candidate again, which
 * resolution types from the document's other mentions or drops.
 *
 * A court and its circuit: the name rules end a name at "the", so "the
 * U.S. Court of Appeals for the Second Circuit" was a court cut short
 * and the circuit (an ORG of its own since names.c reads an ordinal and
 * "Circuit") beside it; an ORG followed by "for the" and an ORG that
 * ends in "Circuit" is one name.
 *
 * Measured (callgrind, default pipeline, one job, 10,569 real news
 * articles): 3.1M instructions here, 0.46% of the stage. On that
 * news the partnerships joined 142 names (one of them wrong: "Merrill
 * Lynch, Needham and Co" is two firms) and dropped 59 partners typed a
 * person; the organisation words took 79 persons ("Commission" 26,
 * "Ltd" 20; one wrong, "Steel told the tribunal") and gave 15 ORGs
 * ("executive Commission"). The courts' join added 0.4M (3.0M to 3.4M
 * here) and on that news made three courts whole ("the U.S. Court of
 * Appeals for the Seventh Circuit"), all right.
 */
#include "config.h"

#include <string.h>

#include "tagger.h"

#define MAX_PARTNERS 3

static gboolean
is_comma (const Doc *d, guint j)
{
  const Token *t = &d->toks[j];

  return t->end == t->start + 1 && d->text[t->start] == ',';
}

static gboolean
title_word (const Doc *d, guint j)
{
  const Token *t = &d->toks[j];

  return t->kind == GALLEY_TOKEN_WORD && t->tcase == GALLEY_CASE_TITLE && t->cap != CAP_NO;
}

/* Whether ORG mention @m reads "Roebuck and Co" or "Harris Upham & Co.". */
static gboolean
partners_and_co (const Doc *d, const Mention *m)
{
  for (guint j = m->a; j < m->b && j < m->a + 3; j++)
    {
      if (tok_text_eq (d, &d->toks[j], "and") || tok_text_eq (d, &d->toks[j], "&"))
        return j > m->a && j + 1 < m->b
               && (tok_text_eq (d, &d->toks[j + 1], "Co") || tok_text_eq (d, &d->toks[j + 1], "Co."));
      if (!title_word (d, j))
        return FALSE;
    }
  return FALSE;
}

/* The start of the partner before the comma at @comma, or G_MAXUINT;
 * @prev is the mention before the company's, or NULL. */
static guint
partner_start (const Doc *d, guint comma, const Mention *prev)
{
  guint x = comma - 1, a;

  if (!title_word (d, x))
    return G_MAXUINT;
  if (prev != NULL && prev->b == comma)
    {
      if (!(prev->type == ET_PERSON || prev->type == ET_NONE) || prev->b - prev->a > 2)
        return G_MAXUINT;
      a = prev->a;
    }
  else if (d->toks[x].tflags & GALLEY_TOKEN_FLAG_SENTENCE_START)
    return G_MAXUINT;
  else
    a = x;
  /* "between Jefferies and Boesky, Jefferies and Co would": a list of
   * two names ends at the comma; not after a company's word ("Salomon
   * Brothers Inc and Goldman, Sachs and Co" is a list of two firms) */
  if (a > 1 && (tok_text_eq (d, &d->toks[a - 1], "and") || tok_text_eq (d, &d->toks[a - 1], "&"))
      && title_word (d, a - 2) && !(tok_lex (d, &d->toks[a - 2]) & LEX_ORG_WORD))
    return G_MAXUINT;
  return a;
}

/* Whether one-word PERSON @m is an organisation word ("Commission",
 * "Union", "Corp") that a rule typed so: strength 2 is a list's name or
 * a title's ("Mr. Steel"), which stays a person. */
static gboolean
person_body_word (const Doc *d, const Mention *m)
{
  const Token *t = &d->toks[m->a];

  return !m->gazetteer && m->strength < 2 && t->tcase == GALLEY_CASE_TITLE
         && (tok_lex (d, t) & LEX_ORG_WORD);
}

/* Joins the partners before ORG mention @i to it; returns the index
 * the company's mention has then (each partner's mention that goes moves
 * it down by one). */
static guint
join_partners (Doc *d, guint i)
{
  Mention *m = &d->mentions[i];
  guint32 a0 = m->a;

  for (guint k = 0; k < MAX_PARTNERS && m->a >= 2 && is_comma (d, m->a - 1); k++)
    {
      Mention *prev = i > 0 ? &d->mentions[i - 1] : NULL;
      guint a = partner_start (d, m->a - 1, prev);

      if (a == G_MAXUINT)
        break;
      if (prev != NULL && prev->b == m->a - 1)
        {
          memmove (prev, m, (d->n_mentions - i) * sizeof (Mention));
          d->n_mentions--;
          i--;
          m = prev;
        }
      m->a = a;
    }
  if (m->a != a0)
    {
      m->key = span_key (d, m->a, m->b);
      m->canonical = NULL;
      m->gazetteer = 0;
    }
  return i;
}

/* Whether ORG mention @m is a court followed by "for the" and the ORG
 * @n of its circuit: "the U.S. Court of Appeals for the Second Circuit"
 * is one name (issue 17, twelfth round), which the name rules cut at
 * "the". */
static gboolean
court_for_circuit (const Doc *d, const Mention *m, const Mention *n)
{
  return n->a == m->b + 2 && n->type == ET_ORG && tok_text_eq (d, &d->toks[n->b - 1], "Circuit")
         && tok_text_eq (d, &d->toks[m->b], "for") && tok_text_eq (d, &d->toks[m->b + 1], "the");
}

/* A firm named for two partners, written out in full once, names the
 * firm wherever its two names stand alone: "Harper and Row Publishers
 * Inc ... Harper and Row's stock", "Hambrecht and Quist Inc ...
 * Hambrecht and Quist said" (issue 17, sixtieth round: the short forms
 * were two mentions, "Harper" and "Row", or two persons, "Pratt" and
 * "Whitney"). */
#define MAX_PAIR_FIRMS 8

/* Whether tokens @j to @j + 2 read "Harper and Row": two words in title
 * case joined by "and" or "&". */
static gboolean
partner_pair_at (const Doc *d, guint j)
{
  return j + 2 < d->n && title_word (d, j) && title_word (d, j + 2)
         && (tok_text_eq (d, &d->toks[j + 1], "and") || tok_text_eq (d, &d->toks[j + 1], "&"));
}

/* Makes tokens [@j, @j + 3) one ORG in place of the mentions [@lo, @hi)
 * that lie in them (none, one or two). */
static void
replace_with_firm (Doc *d, guint lo, guint hi, guint j)
{
  Mention *m;

  if (lo == hi)
    {
      if (d->n_mentions == d->sc->mentions_size)
        doc_mentions_grow (d);
      memmove (&d->mentions[lo + 1], &d->mentions[lo], (d->n_mentions - lo) * sizeof (Mention));
      d->n_mentions++;
    }
  else if (hi > lo + 1)
    {
      memmove (&d->mentions[lo + 1], &d->mentions[hi], (d->n_mentions - hi) * sizeof (Mention));
      d->n_mentions -= hi - lo - 1;
    }
  m = &d->mentions[lo];
  memset (m, 0, sizeof *m);
  m->a = j;
  m->b = j + 3;
  m->type = ET_ORG;
  m->strength = 2;
  m->cluster = -1;
  m->norm_off = NO_NORM;
  m->key = span_key (d, j, j + 3);
  for (guint k = j; k < j + 3; k++)
    d->toks[k].used = 1;
}

/* Every short form of the partner firms whose pairs' keys are @keys
 * (the document's organisation names of four words or more that open
 * with a pair) becomes the firm where the two names stand with no
 * mention on them that a list named or that reaches beyond them (a
 * listed place: "Trinidad and Tobago Oil Co" leaves the country alone;
 * two listed bodies: "House and Senate negotiators" beside the "House
 * and Senate Budget Committee"). */
static void
join_partner_firms (Doc *d, const guint64 *keys, guint n_keys)
{
  guint lo = 0;

  for (guint j = 0; j + 2 < d->n; j++)
    {
      guint hi, x;
      guint64 key;
      gboolean fits = TRUE;

      if (!partner_pair_at (d, j))
        continue;
      key = span_key (d, j, j + 3);
      for (x = 0; x < n_keys && keys[x] != key; x++)
        ;
      if (x == n_keys)
        continue;
      while (lo < d->n_mentions && d->mentions[lo].b <= j)
        lo++;
      for (hi = lo; hi < d->n_mentions && d->mentions[hi].a < j + 3; hi++)
        {
          const Mention *m = &d->mentions[hi];

          fits = fits && m->a >= j && m->b <= j + 3 && !m->gazetteer;
        }
      if (!fits || (hi == lo + 1 && d->mentions[lo].a == j && d->mentions[lo].b == j + 3))
        continue;
      replace_with_firm (d, lo, hi, j);
    }
}

/* The walk steps a pointer over the mentions and tests the type once;
 * it reads the buffer and the count again only after a join. Indexing
 * the buffer through @d on every mention, as the first version did,
 * cost 4.1M instructions on the real news (0.62% of the stage); this
 * shape 3.1M (0.46%; callgrind, default pipeline, one job). */
void
mark_orgs (Doc *d)
{
  Mention *m = d->mentions, *end;
  guint64 firms[MAX_PAIR_FIRMS];
  guint n_firms = 0;

  if (d->n_mentions == 0)  /* no buffer yet: NULL + 0 is undefined */
    return;
  for (end = m + d->n_mentions; m < end; m++)
    {
      if (m->type == ET_ORG)
        {
          if (m->a >= 2 && is_comma (d, m->a - 1) && partners_and_co (d, m))
            {
              m = d->mentions + join_partners (d, m - d->mentions);
              end = d->mentions + d->n_mentions;
            }
          if (m + 1 < end && court_for_circuit (d, m, m + 1))
            {
              m->b = m[1].b;
              m->key = span_key (d, m->a, m->b);
              m->canonical = NULL;
              m->gazetteer = 0;
              memmove (m + 1, m + 2, (end - m - 2) * sizeof (Mention));
              d->n_mentions--;
              end--;
            }
          if (n_firms < MAX_PAIR_FIRMS && m->b - m->a >= 4 && partner_pair_at (d, m->a))
            firms[n_firms++] = span_key (d, m->a, m->a + 3);
        }
      else if (m->type == ET_PERSON && m->b == m->a + 1 && person_body_word (d, m))
        m->type = ET_NONE;
    }
  if (n_firms > 0)
    join_partner_firms (d, firms, n_firms);
}
