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
      /* a person, a candidate, or one word a context made an ORG ("a
       * unit of Sears, Roebuck and Co Inc") */
      if (!(prev->type == ET_PERSON || prev->type == ET_NONE
            || (prev->type == ET_ORG && prev->b == prev->a + 1 && !prev->gazetteer))
          || prev->b - prev->a > 2)
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

/* The short forms of the document's firms, where they stand in pieces.
 *
 * A firm named for two partners, written out in full once, names the
 * firm wherever its two names stand alone: "Harper and Row Publishers
 * Inc ... Harper and Row's stock", "Hambrecht and Quist Inc ...
 * Hambrecht and Quist said" (issue 17, sixtieth round: the short forms
 * were two mentions, "Harper" and "Row", or two persons, "Pratt" and
 * "Whitney"). Not where a list named one of the words.
 *
 * And the first words of a company's name that ends with its legal form
 * name the company wherever they stand ("Security Pacific Corp ...
 * Security Pacific said", "American Barrick Ltd ... guaranteed by
 * American Barrick"): resolution's company_prefixes() gives such a
 * short form the company's type when it is one mention, but it was
 * most often pieces: a place and a word the scan dropped ("Pacific",
 * its "Security" capitalised by the sentence's start), a people and
 * nothing ("American"), a person ("General Binding" had "Binding")
 * (issue 17, sixty-third round). Here a list's word may be a piece, but
 * not the whole short form ("Hong Kong Telecom Ltd" leaves "Hong Kong"
 * a place), nor a sure person (a founder's full name). */
#define MAX_SHORT_FORMS 16
#define MAX_SHORT_FORM_WORDS 6

typedef struct {
  guint64 key;    /* span_key() of its words */
  guint64 first;  /* tok_hash() of its first word */
  guint8 len;     /* its words */
  guint8 pair;    /* two partners' names: no list's word in it */
} ShortForm;

typedef struct {
  ShortForm forms[MAX_SHORT_FORMS];
  guint n;
} ShortForms;

/* Whether tokens @j to @j + 2 read "Harper and Row": two words in title
 * case joined by "and" or "&". */
static gboolean
partner_pair_at (const Doc *d, guint j)
{
  return j + 2 < d->n && title_word (d, j) && title_word (d, j + 2)
         && (tok_text_eq (d, &d->toks[j + 1], "and") || tok_text_eq (d, &d->toks[j + 1], "&"));
}

/* Adds the short form of tokens [@a, @a + @len) whose span key is
 * @key, once. */
static void
short_form_add (const Doc *d, ShortForms *sf, guint a, guint len, gboolean pair, guint64 key)
{
  for (guint x = 0; x < sf->n; x++)
    if (sf->forms[x].key == key)
      return;
  if (sf->n == MAX_SHORT_FORMS)
    return;
  sf->forms[sf->n].key = key;
  sf->forms[sf->n].first = tok_hash (d, &d->toks[a]);
  sf->forms[sf->n].len = (guint8) len;
  sf->forms[sf->n].pair = (guint8) pair;
  sf->n++;
}

/* Whether @t ends a business's name as its legal form does: a bank's
 * or a holding's word ("First Interstate Bancorp ... First Interstate
 * said"). Not an organisation word at large: "Stan Lee Media", "Conrad
 * Hilton Foundation", "Los Alamos National Laboratory" and "Human
 * Rights Watch" do not name the company by their first words (issue
 * 17, sixty-ninth round: with every organisation word, a third of the
 * new short forms on news-dev were wrong). */
static gboolean
business_end (const Doc *d, const Token *t)
{
  static const char *const words[] = {
    "Bancorp", "Bancorporation", "Bancshares", "Bankshares", "Bank", "Savings", "Holdings",
    "Group", "Industries", "Enterprises", "Airlines", "Airways",
  };

  return tok_text_in (d, t, words);
}

/* Gathers the short forms of ORG mention @m: its partner pair, and the
 * first words of a name with a legal form that end with a capitalised
 * word ("Security Pacific" of "Security Pacific National Corp", not
 * "Bank of"). */
static void
short_forms_of (const Doc *d, const Mention *m, ShortForms *sf)
{
  guint n = m->b - m->a;
  guint64 h;

  if (n >= 4 && partner_pair_at (d, m->a))
    short_form_add (d, sf, m->a, 3, TRUE, span_key (d, m->a, m->a + 3));
  if (n < 3 || !(company_form (d, &d->toks[m->b - 1]) || business_end (d, &d->toks[m->b - 1])))
    return;
  /* the span key of each prefix, one word more each step */
  h = key_step (KEY_SEED, tok_hash (d, &d->toks[m->a]));
  for (guint len = 2; len < n && len <= MAX_SHORT_FORM_WORDS; len++)
    {
      const Token *t = &d->toks[m->a + len - 1];

      h = key_step (h, tok_hash (d, t));
      if (t->kind == GALLEY_TOKEN_WORD && t->tcase != GALLEY_CASE_LOWER)
        short_form_add (d, sf, m->a, len, FALSE, h | 1);
    }
}

/* Makes tokens [@j, @j + @len) one ORG in place of the mentions
 * [@lo, @hi) that lie in them. */
static void
replace_with_firm (Doc *d, guint lo, guint hi, guint j, guint len)
{
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
  /* strength 1, a rule's, so that resolution's company_prefixes() joins
   * it to the full name (one cluster, the full name's norm) */
  mention_init (d, &d->mentions[lo], j, j + len, ET_ORG, 1, span_key (d, j, j + len));
}

/* Whether short form @f may replace the mentions [@lo, @hi) on tokens
 * [@j, @j + f->len): they lie in it, and none is what the lists or a
 * sure rule made of the whole words (see above). */
static gboolean
short_form_fits (const Doc *d, const ShortForm *f, guint lo, guint hi, guint j)
{
  /* the span key folds case: "ABM gold" is no "ABM Gold" */
  if (d->toks[j + f->len - 1].tcase == GALLEY_CASE_LOWER)
    return FALSE;
  for (guint x = lo; x < hi; x++)
    {
      const Mention *m = &d->mentions[x];
      gboolean whole = m->a == j && m->b == j + f->len;

      if (m->a < j || m->b > j + f->len || (f->pair && m->gazetteer))
        return FALSE;
      /* a whole of the lists' ("Hong Kong" of "Hong Kong Telecom Ltd"),
       * a sure person's ("Harold Geneen" of a "Harold Geneen Inc",
       * its founder), a wire dateline's town in capitals ("HONG KONG,
       * March 17 -") */
      if (whole && (m->gazetteer || (m->type == ET_PERSON && m->strength >= 2)
                    || d->toks[j].tcase == GALLEY_CASE_UPPER))
        return FALSE;
    }
  return TRUE;
}

/* The short form of @sf that starts at token @j, or NULL. */
static const ShortForm *
short_form_at (const Doc *d, const ShortForms *sf, guint j)
{
  guint64 first = tok_hash (d, &d->toks[j]);

  for (guint x = 0; x < sf->n; x++)
    {
      const ShortForm *f = &sf->forms[x];

      if (f->first == first && j + f->len <= d->n && span_key (d, j, j + f->len) == f->key
          && (!f->pair || partner_pair_at (d, j)))
        return f;
    }
  return NULL;
}

/* Makes every short form of @sf, where it stands in pieces, one ORG.
 * Only the capitalised words can open one: walking the document's list
 * of them rather than every token took mark_orgs() from 22.6 M to 15.1 M
 * instructions on news-dev (callgrind). */
static void
join_short_forms (Doc *d, const ShortForms *sf)
{
  guint lo = 0;

  for (guint ci = 0; ci < d->n_caps; ci++)
    {
      const guint j = d->caps[ci];
      const ShortForm *f;
      guint hi;

      if (d->toks[j].kind != GALLEY_TOKEN_WORD || (f = short_form_at (d, sf, j)) == NULL)
        continue;
      while (lo < d->n_mentions && d->mentions[lo].b <= j)
        lo++;
      for (hi = lo; hi < d->n_mentions && d->mentions[hi].a < j + f->len; hi++)
        ;
      if (short_form_fits (d, f, lo, hi, j))
        replace_with_firm (d, lo, hi, j, f->len);
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
  ShortForms sf;

  if (d->n_mentions == 0)  /* no buffer yet: NULL + 0 is undefined */
    return;
  sf.n = 0;
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
          if (m->b - m->a >= 3)
            short_forms_of (d, m, &sf);
        }
      else if (m->type == ET_PERSON && m->b == m->a + 1 && person_body_word (d, m))
        m->type = ET_NONE;
    }
  if (sf.n > 0)
    join_short_forms (d, &sf);
}
