/* names-rules.c: a run of several units without a title
 * (classify_plain()): the rules for steps 3 to 7 of names.c, tried in
 * order until one decides the run.
 */
#include "config.h"

#include <string.h>

#include "names-private.h"

/* Whether units [0, k) can open an organisation's name: single
 * capitalised words, none a given name, each right before the next unit
 * (no "of" between; "and" or "&" only between two common words, as in
 * "Industrial and Commercial Bank of China": "EADS and BAE Systems" is
 * two names). */
static gboolean
org_name_before (const Doc *d, const Unit *u, guint k)
{
  for (guint x = 0; x < k; x++)
    {
      if (u[x].kind != U_CAP || (tok_lex (d, tk (d, u[x].a)) & LEX_GIVEN))
        return FALSE;
      if (u[x + 1].a == u[x].b)
        continue;
      if (!(u[x + 1].a == u[x].b + 1 && u[x + 1].kind == U_CAP && !u[x + 1].after_of
            && (tok_text_eq (d, tk (d, u[x].b), "and") || tok_text_eq (d, tk (d, u[x].b), "&"))
            && common_word (d, tk (d, u[x].a)) && common_word (d, tk (d, u[x + 1].a))))
        return FALSE;
    }
  return TRUE;
}

/* A run of units [0, k) without titles, as classify_plain's rules see it. */
typedef struct {
  Unit *u;
  guint k;
  const Unit *first, *last;
  guint n_gaz;          /* gazetteer units among them */
} Run;

/* Organisation words that open a name in the Romance languages (and
 * some others), where English ends it ("Bank of Spain" aside). Museums
 * and theatres are left out: buildings as often as organisations. */
static const char *const org_words_first[] = {
  "Universidad", "Universidade", "Universit\xc3\xa0", "Universit\xc3\xa9", "Universiteit",
  "Universit\xc3\xa4t", "Universitat", "Instituto", "Institut", "Istituto", "Conservatoire",
  "Conservatorio", "Banco", "Banca", "Banque", "Compagnie", "Compa\xc3\xb1\xc3\xad" "a",
  "Companhia", "Soci\xc3\xa9t\xc3\xa9", "Sociedad", "Sociedade", "Societ\xc3\xa0", "Partido",
  "Parti", "Partito", "Ministerio", "Minist\xc3\xa8re", "Minist\xc3\xa9rio", "Ministero",
  "Laboratorio", "Laboratoire", "Escuela", "Escola", "\xc3\x89" "cole", "Scuola", "Academia",
  "Acad\xc3\xa9mie", "Accademia", "Fundaci\xc3\xb3n", "Funda\xc3\xa7\xc3\xa3o", "Fondation",
  "Fondazione", "Stiftung", "Biblioth\xc3\xa8que", "Biblioteca", "Hochschule", "Colegio",
};

/* Their folded words' hashes, an open-addressing set built once: every
 * run of two units or more is tested, and comparing its first word with
 * each of the 47 words cost 5% of the tagger's instructions (callgrind,
 * 10,569 real news articles: 781.2M -> 820.4M); a probe of this set,
 * with the hash the lexicon gave the word, 782.6M. */
#define ORG_FIRST_SLOTS 256
static guint64 org_first_set[ORG_FIRST_SLOTS];

static void
org_first_set_init (void)
{
  static gsize ready = 0;

  if (!g_once_init_enter (&ready))
    return;
  for (guint x = 0; x < G_N_ELEMENTS (org_words_first); x++)
    {
      char buf[64];
      int n = lexicon_fold (org_words_first[x], strlen (org_words_first[x]), buf, sizeof buf);
      guint64 h = lexicon_hash (buf, (gsize) n) | 1;
      guint slot = (guint) (h >> 17) & (ORG_FIRST_SLOTS - 1);

      while (org_first_set[slot] != 0)
        slot = (slot + 1) & (ORG_FIRST_SLOTS - 1);
      org_first_set[slot] = h;
    }
  g_once_init_leave (&ready, 1);
}

static gboolean
org_word_first (const Doc *d, const Token *t)
{
  guint64 h = tok_hash (d, t) | 1;
  guint slot = (guint) (h >> 17) & (ORG_FIRST_SLOTS - 1);

  org_first_set_init ();
  while (org_first_set[slot] != 0)
    {
      if (org_first_set[slot] == h)
        return TRUE;
      slot = (slot + 1) & (ORG_FIRST_SLOTS - 1);
    }
  return FALSE;
}

/* 0. Universidade da Coruña, Conservatoire de Paris, Banco Santander,
 * Partido Popular: a run of two units or more that starts with one of
 * those words is an organisation whatever follows it; the particles that
 * join its words (de, da, del) are part of it. */
static inline gboolean
rule_org_word_first (Doc *d, const Run *r)
{
  const Unit *first = r->first;

  if (!(r->k >= 2 && first->kind == U_CAP && tk (d, first->a)->tcase == GALLEY_CASE_TITLE
        && (org_word_first (d, tk (d, first->a)) || airline_first (d, tk (d, first->a)))))
    return FALSE;
  add_name (d, first->a, r->last->b, ET_ORG, 1, NULL);
  return TRUE;
}

/* The rules of classify_plain, in the order it tries them. Each returns
 * TRUE when it decided the run (added its mentions, or none on purpose),
 * FALSE to leave it to the next. They are inline and chained with ||
 * rather than called from a table: a table of pointers costs calls that
 * the scan pays for every name (resolve.c measured 2.5% for five). */

/* Daniel Bernoulli FRS, Jane Smith MP: post-nominal letters after a name
 * are not part of it. */
static inline gboolean
rule_post_nominal (Doc *d, const Run *r)
{
  const Unit *last = r->last;

  if (!(r->k >= 3 && last->kind == U_CAP && tk (d, last->a)->tcase == GALLEY_CASE_UPPER
        && last->b - last->a == 1 && tk (d, last->a)->end - tk (d, last->a)->start <= 4
        && tk (d, r->u[r->k - 2].a)->tcase == GALLEY_CASE_TITLE
        && unit_single_with (d, r->first, LEX_GIVEN) && !roman_numeral (d, tk (d, last->a))))
    return FALSE;
  classify_plain (d, r->u, r->k - 1);
  return TRUE;
}

/* A byline names people, except the agency after them. */
static inline gboolean
rule_byline (Doc *d, const Run *r)
{
  const Unit *first = r->first;
  guint e = r->k;

  if (!tk (d, first->a)->byline || (r->k == 1 && first->kind == U_GAZ && first->type != ET_PERSON)
      || unit_is_cap_with (d, r->last, LEX_ORG_WORD))
    return FALSE;
  /* "JOHN SMITH Associated Press": the agency phrase at the end */
  while (e > 0 && r->u[e - 1].kind == U_GAZ && r->u[e - 1].type == ET_ORG)
    e--;
  if (e > 0)
    add_name (d, first->a, r->u[e - 1].b, ET_PERSON, 1, NULL);
  for (guint x = e; x < r->k; x++)
    classify_plain (d, &r->u[x], 1);
  return TRUE;
}

/* Galaxy S23, Airbus A350: a name and a model number. */
static inline gboolean
rule_model_number (Doc *d, const Run *r)
{
  if (!(r->k >= 2 && r->last->kind == U_CAP && has_letters_and_digits (d, tk (d, r->last->a))))
    return FALSE;
  add_name (d, r->first->a, r->last->b, ET_PRODUCT, 1, NULL);
  return TRUE;
}

/* USS Potomac, HMS Belfast, CSS Alabama: a navy's prefix and a name
 * are a ship, a vehicle (PRODUCT), not an organisation and a place
 * (issue 17, sixth round); not "the USS Division of USX Corp". */
static G_GNUC_NO_INLINE gboolean
ship (Doc *d, const Run *r)
{
  const Token *t = tk (d, r->first->a);

  if (!((tok_text_eq (d, t, "USS") || tok_text_eq (d, t, "HMS") || tok_text_eq (d, t, "CSS")
         || tok_text_eq (d, t, "RMS") || tok_text_eq (d, t, "HMAS"))
        && !unit_is_cap_with (d, r->last, LEX_ORG_WORD)))
    return FALSE;
  add_name (d, r->first->a, r->last->b, ET_PRODUCT, 1, NULL);
  return TRUE;
}

/* The cheap tests inline, the spelling out of line: classify_plain()
 * tries every run, and this round's rules whole inline in it made the
 * compiler take three other rules out of line (callgrind, default
 * pipeline on the real-news file: tag_document() 714.8 M -> 730.5 M
 * instructions; 721.1 M so, with rule_ampersand() kept inline). Every
 * prefix ends in S. */
static inline gboolean
rule_ship (Doc *d, const Run *r)
{
  const Token *t = tk (d, r->first->a);

  return r->k == 2 && r->first->kind == U_CAP && r->first->b == r->first->a + 1
         && t->tcase == GALLEY_CASE_UPPER && t->end - t->start >= 3 && t->end - t->start <= 4
         && d->text[t->end - 1] == 'S' && ship (d, r);
}

/* Highway 50, Terminal 5. */
static inline gboolean
rule_road_number (Doc *d, const Run *r)
{
  const Token *w;

  if (!(r->k >= 2 && tk (d, r->last->a)->kind == GALLEY_TOKEN_NUMBER))
    return FALSE;
  if (r->u[r->k - 2].kind == U_GAZ)
    {
      /* a product and its model's number (number_unit_ok()) */
      add_name (d, r->first->a, r->last->b, ET_PRODUCT, 2, NULL);
      return TRUE;
    }
  w = tk (d, r->u[r->k - 2].a);
  add_name (d, r->first->a, r->last->b, lexicon_word_info (d->tg->lex, w->wid)->place_type, 2, NULL);
  return TRUE;
}

/* Diane Lane, Jerry Hall: a given name and a surname-like word, which
 * the last-word rules leave alone. */
static inline gboolean
given_and_surname (const Doc *d, const Run *r)
{
  return r->k == 2 && unit_single_with (d, r->first, LEX_GIVEN)
         && unit_is_cap_with (d, r->last, LEX_SURNAME);
}

/* A town before its state: a GPE. */
static G_GNUC_NO_INLINE void
add_town (Doc *d, const Run *r)
{
  guint a = r->first->a;

  /* WEST CHESTER, Pa.; SOUTH BEND, Ind.: a dateline's first words in
   * capitals that no rule took, a compass point or a common word, are
   * the town's too (CHESTER alone was the GPE; issue 17, sixth round) */
  if (tk (d, a)->tcase == GALLEY_CASE_UPPER)
    {
      guint h = heading_start (d, a);

      if (h < a && (h == 0 || line_ends_before (d, h)))
        {
          guint x = h;

          while (x < a && tk (d, x)->tcase == GALLEY_CASE_UPPER && !tk (d, x)->used)
            x++;
          if (x == a)
            a = h;
        }
    }
  add_name (d, a, r->last->b, ET_GPE, 1, NULL);
}

/* WHITE PLAINS, N.Y.; CULVER CITY, Calif.: a town that heads a line
 * before its state, a dateline, is a GPE whatever its last word (a
 * heading's words are units only through heading_name(); issue 17,
 * fifth round). */
static inline gboolean
rule_heading_town (Doc *d, const Run *r)
{
  gboolean weak = FALSE;

  /* the cheap test first: followed_by_place() matches a phrase, and
   * most runs of two words or more hold no weak word */
  if (r->k < 2)
    return FALSE;
  for (guint x = 0; x < r->k; x++)
    weak |= tk (d, r->u[x].a)->cap == CAP_WEAK;
  if (!weak || !followed_by_place (d, r->last->b) || !heading_name (d, r->first->a))
    return FALSE;
  add_town (d, r);
  return TRUE;
}

/* 3. the last word decides: an organisation word ("Acme Holdings"; a
 * bare "Co", "Pennzoil Co", see org_word_ahead()). */
static inline gboolean
rule_last_org_word (Doc *d, const Run *r)
{
  const Token *t = tk (d, r->last->a);

  /* the length of "Co" first: GCC calls tok_text_eq() out of line here
   * (19,368 calls, 0.74 M instructions on the real-news file) */
  if (!(r->k >= 2 && (unit_is_cap_with (d, r->last, LEX_ORG_WORD)
                      || (r->last->kind == U_CAP && t->end - t->start == 2 && tok_text_eq (d, t, "Co"))))
      || given_and_surname (d, r))
    return FALSE;
  add_name (d, r->first->a, r->last->b, ET_ORG, 2, NULL);
  return TRUE;
}

/* Whether the listed organisation @u opens with an organisation word and
 * "of": "Bank of China", whose name a longer one ends ("Industrial Bank
 * of China"), as a name ending with an organisation word does below
 * (issue 17, eighty-second round). */
static inline gboolean
org_word_of (const Doc *d, const Unit *u)
{
  return u->b >= u->a + 3 && (tok_lex (d, tk (d, u->a)) & LEX_ORG_WORD)
         && tok_text_eq (d, tk (d, u->a + 1), "of");
}

/* National Democratic Party, Parliamentary Labour Party: capitalised
 * words right before a listed organisation of two words or more that
 * ends with an organisation word are its name too (not "Kim Democratic
 * Party", a given name; not "EADS and BAE Systems", two names). Before
 * a one-word organisation ("Congress", "Senate") only words that are
 * common words in lower case ("the National Congress", "the State
 * Senate", "Radio Times"): not "the Democratic Senate", a party's
 * Senate (issue 17, seventh round). Every run ending in a one-word
 * listed organisation now reaches the common-word test: with the title
 * rule in classify_run(), 721.1M -> 723.7M instructions in tag_document()
 * (+0.36%, callgrind, default pipeline, 10,569 news articles). */
static inline gboolean
rule_words_before_listed_org (Doc *d, const Run *r)
{
  const Unit *last = r->last;

  if (!(r->k >= 2 && last->kind == U_GAZ && last->type == ET_ORG
        && ((tok_lex (d, tk (d, last->b - 1)) & LEX_ORG_WORD) || org_word_of (d, last))
        && org_name_before (d, r->u, r->k - 1)))
    return FALSE;
  if (last->b == last->a + 1)
    for (guint x = 0; x + 1 < r->k; x++)
      if (!(tok_lex (d, tk (d, r->u[x].a)) & LEX_COMMON))
        return FALSE;
  add_name (d, r->first->a, last->b, ET_ORG, 2, NULL);
  return TRUE;
}

/* The State of Ohio, the Commonwealth of Virginia: a state named by its
 * polity and a listed place is that place, a GPE (as the Republic of
 * Kenya is), not an organisation of "State" (issue 17). */
static inline gboolean
rule_state_of (Doc *d, const Run *r)
{
  const Token *t = tk (d, r->first->a);

  if (!(r->k == 2 && r->first->b == r->first->a + 1 && r->last->after_of && r->last->kind == U_GAZ
        && r->last->type == ET_GPE
        && (tok_text_eq (d, t, "State") || tok_text_eq (d, t, "Commonwealth"))))
    return FALSE;
  add_name (d, r->first->a, r->last->b, ET_GPE, 2, NULL);
  return TRUE;
}

/* Bank of England: "of" after an organisation word or a listed
 * organisation. */
static inline gboolean
rule_org_of (Doc *d, const Run *r)
{
  for (guint x = 1; x < r->k; x++)
    if (r->u[x].after_of && (unit_is_cap_with (d, &r->u[x - 1], LEX_ORG_WORD)
                             || (r->u[x - 1].kind == U_GAZ && r->u[x - 1].type == ET_ORG)))
      {
        add_name (d, r->first->a, r->last->b, ET_ORG, 2, NULL);
        return TRUE;
      }
  return FALSE;
}

/* The place type of the place word of unit @u. */
static inline EtType
unit_place_type (const Doc *d, const Unit *u)
{
  return lexicon_word_info (d->tg->lex, tk (d, u->a)->wid)->place_type;
}

/* Whether "the", "in", "at" or "near" comes before token @a: "in
 * Stanley Park", "at the Victoria Park tennis court", a given name and
 * a place word that is a surname too (Park, Hall) name a place there,
 * where no person's name stands (issue 17, sixth round: PERSON before). */
static G_GNUC_NO_INLINE gboolean
place_article_before (const Doc *d, guint a)
{
  const Token *prev = a > 0 ? tk (d, a - 1) : NULL;

  return prev != NULL && prev->tcase == GALLEY_CASE_LOWER
         && (tok_text_eq (d, prev, "the") || tok_text_eq (d, prev, "in") || tok_text_eq (d, prev, "at")
             || tok_text_eq (d, prev, "near"));
}

/* 3. the last word decides: a place word (Yangtze River, Heathrow
 * Airport). */
/* Whether ", " and a state's abbreviation follow token @j: "Crystal
 * Lake, Ill.,", "Far Hills, N.J.,", "Lake Forest, IL". */
static gboolean
followed_by_state_abbreviation (const Doc *d, guint j)
{
  const Token *t;

  if (!followed_by_place (d, j))
    return FALSE;
  t = tk (d, j + 1);
  return d->text[t->end - 1] == '.' || (t->end - t->start == 2 && t->tcase == GALLEY_CASE_UPPER);
}

/* The type of a name spelled like a place, of place word @u: a company
 * named after one where the text gives it shares ("870,000 Meston Lake
 * shares", "shares of Silver Lake": issue 17, forty-second round); a
 * town, not a lake or a forest, before a state's abbreviation ("Crystal
 * Lake, Ill.", "Far Hills, N.J.": issue 17, fifty-fourth round); else
 * the place word's type. */
static EtType
place_named_type (Doc *d, const Run *r, const Unit *u)
{
  EtType type = unit_place_type (d, u);

  if (org_holding_context (d, r->first->a, r->last->b))
    return ET_ORG;
  if (type == ET_LOC && followed_by_state_abbreviation (d, r->last->b))
    return ET_GPE;
  return type;
}

static inline gboolean
rule_place_suffix (Doc *d, const Run *r)
{
  if (!(r->k >= 2 && unit_is_cap_with (d, r->last, LEX_PLACE_SUFFIX))
      || (given_and_surname (d, r) && !place_article_before (d, r->first->a)))
    return FALSE;
  add_name (d, r->first->a, r->last->b, place_named_type (d, r, r->last), 2, NULL);
  return TRUE;
}

/* Mount Kenya: a place prefix. */
static inline gboolean
rule_place_prefix (Doc *d, const Run *r)
{
  if (!(r->k >= 2 && unit_is_cap_with (d, r->first, LEX_PLACE_PREFIX)))
    return FALSE;
  add_name (d, r->first->a, r->last->b, place_named_type (d, r, r->first), 2, NULL);
  return TRUE;
}

/* Gulf of Mexico: "of" after a place word. */
static inline gboolean
rule_place_of (Doc *d, const Run *r)
{
  for (guint x = 1; x < r->k; x++)
    if (r->u[x].after_of && unit_is_cap_with (d, &r->u[x - 1], LEX_PLACE_SUFFIX | LEX_PLACE_PREFIX))
      {
        add_name (d, r->first->a, r->last->b, unit_place_type (d, &r->u[x - 1]), 2, NULL);
        return TRUE;
      }
  return FALSE;
}

/* Georgetown, Kentucky: a place before a comma and a state or country;
 * Marion, Ohio and Eugene, Oregon too (a given name alone). */
static inline gboolean
rule_town_before_state (Doc *d, const Run *r)
{
  if (!(r->k <= 3 && r->n_gaz == 0 && (r->k == 1 || !unit_single_with (d, r->first, LEX_GIVEN))
        && followed_by_place (d, r->last->b)))
    return FALSE;
  add_town (d, r);
  return TRUE;
}

/* The Republican party, a Communist party official: a political
 * group's adjective and "party" in lower case name a party, as "Party"
 * capitalised does ("Republican Party" is listed). Only political
 * words: "a German party" is not a name. */
static inline gboolean
rule_party_in_lower_case (Doc *d, const Run *r)
{
  static const char *const political[] = {
    "Republican", "Democratic", "Democrat", "Conservative", "Labour", "Labor", "Liberal",
    "Communist", "Socialist", "Green", "Nationalist", "Progressive", "Libertarian",
    "Unionist", "Populist", "Federalist", "Whig", "Tory", "Fascist", "Nazi",
  };
  const Unit *first = r->first;
  const Token *next = first->b < d->n ? tk (d, first->b) : NULL;
  gboolean found = FALSE;

  if (!(r->k == 1 && first->b == first->a + 1 && (first->kind == U_CAP || first->type == ET_NORP)
        && next != NULL && next->tcase == GALLEY_CASE_LOWER && (tok_lex (d, next) & LEX_ORG_WORD)
        && tok_text_eq (d, next, "party")))
    return FALSE;
  for (guint x = 0; x < G_N_ELEMENTS (political) && !found; x++)
    found = tok_text_eq (d, tk (d, first->a), political[x]);
  if (!found)
    return FALSE;
  add_name (d, first->a, first->b + 1, ET_ORG, 1, NULL);
  return TRUE;
}

/* "Oh my God", "thank God", "for God's sake": an exclamation, which
 * names no one (typed PERSON before; issue 17, sixth round); "prayed to
 * God" still does. */
static G_GNUC_NO_INLINE gboolean
exclamation_around (const Doc *d, const Unit *u)
{
  const Token *prev = u->a > 0 ? tk (d, u->a - 1) : NULL;

  if (prev != NULL
      && (tok_text_eq (d, prev, "my") || tok_text_eq (d, prev, "My") || tok_text_eq (d, prev, "oh")
          || tok_text_eq (d, prev, "Oh") || tok_text_eq (d, prev, "thank") || tok_text_eq (d, prev, "Thank")))
    return TRUE;
  return u->b + 1 < d->n && (tk (d, u->b)->tflags & GALLEY_TOKEN_FLAG_CLITIC)
         && tok_text_eq (d, tk (d, u->b + 1), "sake");
}

/* The length first, inline: GCC calls tok_text_eq() out of line here, and
 * rule_one_phrase() asks at every listed phrase alone in its run (45,180
 * calls, 2.2 M instructions on the real-news file, callgrind). */
static inline gboolean
exclamation (const Doc *d, const Unit *u)
{
  const Token *t = tk (d, u->a);

  return u->b == u->a + 1 && t->end - t->start == 3 && tok_text_eq (d, t, "God")
         && exclamation_around (d, u);
}

/* 4. one gazetteer phrase: its type. */
static inline gboolean
rule_one_phrase (Doc *d, const Run *r)
{
  const Unit *first = r->first;
  Mention *m;

  if (!(r->k == 1 && first->kind == U_GAZ))
    return FALSE;
  if (first->type == ET_BLOCK || first->type == ET_TITLE || exclamation (d, first)
      || (first->type == ET_ORG && counted_acronym (d, first->a, first->b)))
    return TRUE;
  m = doc_add_mention (d, first->a, first->b, first->type, 2);
  m->canonical = first->canonical;
  m->gazetteer = 1;
  return TRUE;
}

/* Skadden & Arps, Simon & Schuster: unknown names joined by "&" name a
 * firm or a band, not a person; as any unknown phrase, it stays a
 * candidate that the document may type elsewhere (add_name()). Before a year
 * or a reference they cite the authors of a work ("(Dye & Bavelier,
 * 2010)", "Carrano & Biewener [7]"), and the person rules keep them:
 * their surnames' later mentions ("Carrano and Biewener's subjects")
 * are people. */
static gboolean
cites_work (const Doc *d, guint j)
{
  if (j < d->n && tok_text_eq (d, tk (d, j), ","))
    j++;
  if (j < d->n && tok_text_eq (d, tk (d, j), "["))
    j++;
  return j < d->n && tk (d, j)->kind == GALLEY_TOKEN_NUMBER;
}

static inline G_ALWAYS_INLINE gboolean
rule_ampersand (Doc *d, const Run *r)
{
  gboolean amp = FALSE, letters = FALSE;
  EtType ctx;

  /* most runs are one word: leaving them at once took the rule from
   * 1.3M to 0.5M instructions (callgrind, default pipeline on the real
   * news file) */
  if (r->k < 2)
    return FALSE;
  for (guint x = 0; x < r->k; x++)
    {
      if (r->u[x].kind != U_CAP)
        return FALSE;
      if (x > 0 && r->u[x].a == r->u[x - 1].b + 1)
        {
          letters |= letters_and (d, r->u[x - 1].b);
          amp |= letters || tok_text_eq (d, tk (d, r->u[x - 1].b), "&");
        }
    }
  if (!amp)
    return FALSE;
  if (cites_work (d, r->last->b))
    return FALSE;
  /* "an analyst at Hambrecht & Quist", "Marsh & McLennan's
   * shareholders": what the context says, as for other unknown names */
  ctx = context_type (d, r->first->a, r->last->b);
  add_name (d, r->first->a, r->last->b, ctx != ET_NONE ? ctx : ET_ORG, ctx != ET_NONE || letters, NULL);
  return TRUE;
}

/* Whether token @j is a given name or an initial of an inverted name:
 * a given name the lists know (no place's phrase: "Springfield,
 * Virginia."), or one capital letter with or without its period. */
static gboolean
inverted_given (const Doc *d, guint j)
{
  const Token *t = tk (d, j);
  gsize len = t->end - t->start;
  Unit u;

  if (len <= 2 && g_ascii_isupper (d->text[t->start]) && (len == 1 || d->text[t->start + 1] == '.'))
    return TRUE;
  return (tok_lex (d, t) & LEX_GIVEN) && t->cap != CAP_NO && unit_starts_at (d, j, FALSE, &u)
         && (u.kind == U_CAP || u.type == ET_PERSON);
}

/* "Austen, Jane. Pride and Prejudice", "Duckworth, A. L.; Kelly, D.":
 * a line that opens with a name word, a comma, one to three given names
 * or initials and a period or a semicolon lists a work's author by the
 * surname first. Returns the end of the given names, or 0. The surname
 * is no common word ("Thanks, Jane.") and not in capitals, as a
 * dateline's town is ("LEXINGTON, Ken., April 17"). */
static guint
inverted_name_end (const Doc *d, guint s)
{
  guint j;

  if (s + 3 >= d->n || (s > 0 && !line_ends_before (d, s)) || !tok_text_eq (d, tk (d, s + 1), ",")
      || tk (d, s)->tcase != GALLEY_CASE_TITLE || tk (d, s)->kind != GALLEY_TOKEN_WORD
      || (tok_lex (d, tk (d, s)) & (LEX_COMMON | LEX_FUNCTION)))
    return 0;
  for (j = s + 2; j < d->n && j < s + 5 && inverted_given (d, j); j++)
    ;
  if (j == s + 2 || j >= d->n || line_ends_within (d, s, j)
      || !(tok_text_eq (d, tk (d, j), ".") || tok_text_eq (d, tk (d, j), ";")))
    return 0;
  return j;
}

/* An inverted name: the surname is the person, the given names after
 * the comma no entity of their own (GUM marks the surname; issue 17,
 * eighth round). First in the chain, so tested on every run: with the
 * round's other rules the stage went from 667.7 M to 672.3 M
 * instructions (callgrind, default pipeline, one job, 10,569 real news
 * articles); testing the line's start before the comma, with the rest
 * out of line, cost more (673.0 M). */
static inline gboolean
rule_inverted_name (Doc *d, const Run *r)
{
  guint a = r->first->a;

  if (r->k == 1 && r->last->b == a + 1 && a + 1 < d->n && tok_text_eq (d, tk (d, a + 1), ",")
      && inverted_name_end (d, a) != 0)
    {
      add_name (d, a, a + 1, ET_PERSON, 1, NULL);
      return TRUE;
    }
  return a >= 2 && tok_text_eq (d, tk (d, a - 1), ",") && inverted_name_end (d, a - 2) >= r->last->b;
}

/* "the House Banking subcommittee", "a Senate Agriculture committee":
 * a chamber's word and the committee's field, before a lower-case word
 * for the committee, name a body of that chamber (issue 17, thirty-
 * seventh round: "House Banking" was a PERSON, "Senate Agriculture"
 * nothing, 45 times on the real-news file). */
static inline gboolean
rule_chamber_committee (Doc *d, const Run *r)
{
  static const char *const bodies[] = {
    "committee", "subcommittee", "committees", "subcommittees", "panel", "panels",
  };
  const Token *first = tk (d, r->first->a);
  guint b = r->last->b;

  /* the chamber first, by literals whose lengths the compiler knows:
   * nearly no run starts with one */
  if (r->k < 2 || !(tok_text_eq (d, first, "House") || tok_text_eq (d, first, "Senate"))
      || b >= d->n || tk (d, b)->tcase != GALLEY_CASE_LOWER || !tok_text_in (d, tk (d, b), bodies))
    return FALSE;
  /* not two bodies joined: "the House and Senate committees" */
  for (guint x = r->first->a; x < b; x++)
    if (tk (d, x)->tcase == GALLEY_CASE_LOWER)
      return FALSE;
  add_name (d, r->first->a, b, ET_ORG, 1, NULL);
  return TRUE;
}

/* "Joseph Kroger, Unisys vice chairman": a given name and a one-word
 * company the lists know, which a founder's surname named (Kroger,
 * Boeing, Heinz), is a person, as a given name and a one-word place is
 * (Michael Ruse). Not a company's acronym (a word in capitals) nor its
 * organisation word ("Grant Bank"). Issue 17, forty-first round: "Joseph" and "Kroger" were a
 * PERSON and an ORG. A guess, which the company's word elsewhere in the
 * document does not follow. */
static inline gboolean
rule_given_name_and_founder (Doc *d, const Run *r)
{
  const Unit *second = &r->u[1];
  const Token *t;

  if (r->k != 2 || r->first->kind != U_CAP || second->kind != U_GAZ || second->type != ET_ORG
      || second->b != second->a + 1 || !unit_single_with (d, r->first, LEX_GIVEN))
    return FALSE;
  t = tk (d, second->a);
  if (t->tcase != GALLEY_CASE_TITLE || (tok_lex (d, t) & LEX_ORG_WORD))
    return FALSE;
  /* not sure: the company's own mentions in the document stay its
   * ("Roy Disney ... Disney failed to tell investors") */
  add_name (d, r->first->a, second->b, ET_PERSON, 1, NULL);
  return TRUE;
}

/* "S. Kent Rockwell", "F. Texas Smith": an initial, then name words, the
 * last a capitalised word of its own, name a person whatever the lists
 * say of the words between (issue 17, ninetieth round: "Kent" was a GPE
 * and the rest cut off). Not before an organisation's, a place's or a
 * common word ("J. Walter Thompson Co" is the rules' above). */
static inline gboolean
rule_initial_first (Doc *d, const Run *r)
{
  const Token *t = tk (d, r->first->a), *last;
  EtType ctx;

  if (!(r->k >= 3 && r->first->b == r->first->a + 1 && t->end == t->start + 2
        && g_ascii_isupper (d->text[t->start]) && d->text[t->start + 1] == '.'
        && r->last->kind == U_CAP && r->last->b == r->last->a + 1))
    return FALSE;
  last = tk (d, r->last->a);
  if (last->tcase != GALLEY_CASE_TITLE
      || (tok_lex (d, last) & (LEX_ORG_WORD | LEX_PLACE_SUFFIX | LEX_COMMON)))
    return FALSE;
  for (guint x = 1; x + 1 < r->k; x++)
    if (r->u[x].b != r->u[x].a + 1 || r->u[x].after_of
        || (r->u[x].kind == U_GAZ && r->u[x].type != ET_GPE && r->u[x].type != ET_PERSON))
      return FALSE;
  /* a firm named for its founders: "an analyst at F. Eberstadt Fleming" */
  ctx = context_type (d, r->first->a, r->last->b);
  if (ctx != ET_NONE && ctx != ET_PERSON)
    return FALSE;
  add_name (d, r->first->a, r->last->b, ET_PERSON, 1, NULL);
  return TRUE;
}

/* 5. a given name and more name words: a person; and Xi Jinping, Kim
 * Soo-jin (an East Asian surname first). */
static inline gboolean
rule_person (Doc *d, const Run *r)
{
  const Unit *first = r->first;

  if (r->k >= 2 && unit_single_with (d, first, LEX_GIVEN)
      && (first->kind == U_CAP || first->type != ET_ORG || (tok_lex (d, tk (d, first->a)) & LEX_SURNAME))
      && name_like (d, r->u, 1, r->k, TRUE))
    {
      add_name (d, first->a, r->last->b, ET_PERSON, 2, NULL);
      return TRUE;
    }
  /* An East Asian surname before an unknown word is a rule's guess, not
   * a sure name: a company's name in the same story (Du Pont Co) or its
   * other mentions overrule it (Du Pont, Dai Nippon: issue 17, sixty-first
   * round). */
  if (r->k >= 2 && r->k <= 3 && unit_is_cap_with (d, first, LEX_SURNAME_FIRST) && r->n_gaz == 0
      && name_like (d, r->u, 1, r->k, FALSE))
    {
      add_name (d, first->a, r->last->b, ET_PERSON, 1, NULL);
      return TRUE;
    }
  return FALSE;
}

/* La Désirade, Le Mans, El Watan, Il Giornale, Las Tunas: a name that
 * another language's article opens, capitalised, is a place, a paper or
 * a firm, not a person (typed PERSON before; issue 17, sixth round).
 * Not "Les" (Les Aspin), "Al" (Al Gore), "Lo", "Di", "De" (surnames'
 * particles: Lo Cicero, Di Giorgio). */
static G_GNUC_NO_INLINE gboolean
article_first (const Doc *d, const Token *t)
{
  return tok_text_eq (d, t, "La") || tok_text_eq (d, t, "Le") || tok_text_eq (d, t, "El")
         || tok_text_eq (d, t, "Il") || tok_text_eq (d, t, "Los") || tok_text_eq (d, t, "Las");
}

/* "Prev Wk", "Ind Ttl-F", "H.K. Dlr": a word of two letters or more in
 * title case with no vowel (a, e, i, o, u, y) before its end or a
 * hyphen, that no list knows, is an abbreviation, which no name is
 * spelled like (issue 17, twenty-ninth round: the heads of the wire's
 * tables were PERSONs 90 times on the real-news file); not "Jr" and the
 * titles ("Ng" is a listed surname). */
static gboolean
abbreviation_shape (const Doc *d, const Token *t)
{
  static const char *const titles[] = { "Jr", "Sr", "Mr", "Mrs", "Ms", "Dr", "St" };
  const char *s = d->text + t->start;
  guint32 n = 1;

  /* the wire's currencies are listed ("Dlr", "Stg": issue 17,
   * fifty-fifth round) and spelled so too */
  if ((tok_known (t) && !(tok_lex (d, t) & LEX_CURRENCY)) || t->tcase != GALLEY_CASE_TITLE
      || strchr ("AEIOUY", s[0]) != NULL)
    return FALSE;
  for (; t->start + n < t->end && g_ascii_islower (s[n]); n++)
    if (strchr ("aeiouy", s[n]) != NULL)
      return FALSE;
  return n >= 2 && (t->start + n == t->end || s[n] == '-') && !tok_text_in (d, t, titles);
}

/* 6. capitalised words the lists do not know: one alone goes to
 * classify_single; context, capitals and name shapes decide the others. */
static inline gboolean
rule_unknown_words (Doc *d, const Run *r)
{
  const Unit *first = r->first, *last = r->last;
  guint n_upper = 0, n_known = 0;
  EtType ctx;

  if (r->n_gaz != 0)
    return FALSE;
  if (r->k == 1)
    {
      classify_single (d, first);
      return TRUE;
    }
  ctx = context_type (d, first->a, last->b);
  if (ctx != ET_NONE && !(ctx == ET_ORG && unit_single_with (d, first, LEX_GIVEN)))
    {
      add_name (d, first->a, last->b, ctx, 1, NULL);
      return TRUE;
    }
  for (guint x = 0; x < r->k; x++)
    {
      const Token *t = tk (d, r->u[x].a);

      if (t->tcase == GALLEY_CASE_UPPER && t->kind == GALLEY_TOKEN_WORD)
        n_upper++;
      if (tok_lex (d, t) & (LEX_SURNAME | LEX_GIVEN))
        n_known++;
      if (abbreviation_shape (d, t) || plural_acronym (d, t))
        {
          /* a candidate, which the document may still type */
          add_name (d, first->a, last->b, ET_NONE, 0, NULL);
          return TRUE;
        }
    }
  /* RAFAEL WARNOCK, THEO FADEL: capitals that start with a given name and
   * hold no organisation word are a person */
  if (n_upper == r->k && r->k >= 2 && r->k <= 4 && unit_single_with (d, first, LEX_GIVEN)
      && !(tok_lex (d, tk (d, first->a)) & LEX_COMMON) && caps_name_words (d, r->u, r->k))
    add_name (d, first->a, last->b, ET_PERSON, 1, NULL);
  else if (n_upper == r->k)
    add_name (d, first->a, last->b, ET_ORG, 1, NULL);
  else if (name_like (d, r->u, 0, r->k, FALSE) && r->k <= 4 && !article_first (d, tk (d, first->a)))
    add_name (d, first->a, last->b, ET_PERSON, n_known > 0 ? 1 : 0, NULL);
  else
    add_name (d, first->a, last->b, ET_ORG, 0, NULL);
  return TRUE;
}

/* 7. mixed runs of gazetteer phrases and other words. */

/* Southern California, East Jerusalem, Greater London; Hackney North,
 * Sydney West: a place and a direction. */
static inline gboolean
rule_direction_place (Doc *d, const Run *r)
{
  const Unit *first = r->first, *last = r->last;

  if (r->k != 2)
    return FALSE;
  if (unit_is_cap_with (d, first, LEX_DIRECTION) && last->kind == U_GAZ
      && (last->type == ET_GPE || last->type == ET_LOC))
    {
      add_name (d, first->a, last->b, last->type, 1, NULL);
      return TRUE;
    }
  if (first->kind == U_GAZ && first->type == ET_GPE && unit_is_cap_with (d, last, LEX_DIRECTION))
    {
      add_name (d, first->a, last->b, ET_GPE, 1, NULL);
      return TRUE;
    }
  return FALSE;
}

/* U.S. National Hurricane Center, California Department of
 * Transportation: a place or people and an organisation. A region's
 * name too (issue 17, forty-fourth round): "Pacific Southwest Airlines",
 * "the Kurdistan Democratic Party" were a LOC and a listed company. */
static inline gboolean
rule_place_and_org (Doc *d, const Run *r)
{
  const Unit *first = r->first, *last = r->last;

  if (!(r->k == 2 && first->kind == U_GAZ
        && (first->type == ET_GPE || first->type == ET_NORP || first->type == ET_LOC)
        && last->kind == U_GAZ && last->type == ET_ORG))
    return FALSE;
  add_name (d, first->a, last->b, ET_ORG, 2, NULL);
  return TRUE;
}

/* Denzel Washington, Harrison Ford: a name and a gazetteer surname. */
static inline gboolean
rule_name_and_listed_surname (Doc *d, const Run *r)
{
  const Unit *first = r->first, *last = r->last;

  if (!(last->kind == U_GAZ && last->b == last->a + 1 && (tok_lex (d, tk (d, last->a)) & LEX_SURNAME)
        && r->k >= 2 && r->n_gaz == 1 && unit_is_cap_with (d, first, LEX_GIVEN)
        && name_like (d, r->u, 0, r->k - 1, FALSE)
        && !unit_is_cap_with (d, &r->u[r->k - 2], LEX_DIRECTION)))
    return FALSE;
  add_name (d, first->a, last->b, ET_PERSON, 1, NULL);
  return TRUE;
}

/* Ronald McDonald's, Harold Lloyd's: a given name before a listed
 * company named with a possessive ("McDonald's", "Lloyd's") is a
 * person's name, and the 's the person's (issue 17, fifty-first
 * round); the company alone keeps its name, and so does one after a
 * given name capitalised by its place ("Will McDonald's sales rise?"). */
static inline gboolean
rule_given_name_and_possessive_company (Doc *d, const Run *r)
{
  const Unit *first = r->first, *last = r->last;

  if (!(r->k == 2 && last->kind == U_GAZ && last->type == ET_ORG && last->b == last->a + 2
        && (tk (d, last->a + 1)->tflags & GALLEY_TOKEN_FLAG_CLITIC)
        && first->kind == U_CAP && unit_single_with (d, first, LEX_GIVEN)
        && tk (d, first->a)->cap != CAP_WEAK))
    return FALSE;
  add_name (d, first->a, last->a + 1, ET_PERSON, 1, NULL);
  return TRUE;
}

/* The Georgian Dream party: context decides a people word and unknown
 * words. */
static inline gboolean
rule_people_word_party (Doc *d, const Run *r)
{
  const Unit *first = r->first;

  if (!(r->n_gaz == 1 && first->kind == U_GAZ && first->type == ET_NORP && r->k >= 2)
      || context_type (d, first->a, r->last->b) != ET_ORG)
    return FALSE;
  add_name (d, first->a, r->last->b, ET_ORG, 1, NULL);
  return TRUE;
}

/* Boston Globe, Texas Instruments: a place and unknown words. */
static inline gboolean
rule_place_and_unknown (Doc *d, const Run *r)
{
  const Unit *first = r->first;

  if (!(first->kind == U_GAZ && (first->type == ET_GPE || first->type == ET_ORG) && r->n_gaz == 1
        && name_like (d, r->u, 1, r->k, FALSE) && !unit_single_with (d, &r->u[1], LEX_GIVEN)))
    return FALSE;
  add_name (d, first->a, r->last->b, ET_ORG, 0, NULL);
  return TRUE;
}

/* Otherwise split: each gazetteer phrase alone, the rest as groups. */
static void
split_mixed (Doc *d, const Run *r)
{
  Unit *u = r->u;
  guint x = 0;

  while (x < r->k)
    {
      guint y = x;

      if (u[x].kind == U_GAZ)
        {
          classify_plain (d, &u[x], 1);
          x++;
          continue;
        }
      while (y < r->k && u[y].kind == U_CAP)
        y++;
      /* "of" joins only inside a group */
      u[x].after_of = 0;
      classify_plain (d, &u[x], y - x);
      x = y;
    }
}

/* One unit alone, the commonest run (119,541 of classify_plain()'s
 * 160,767 calls on the real-news file): the rules above that can decide
 * a run of one unit, in the same order. The others all ask for two
 * units or more first (rule_org_of() and rule_place_of() look at the
 * unit before one joined by "of"); with k known to be 1 the compiler
 * drops those tests, and the rules after rule_unknown_words(), which no
 * run of one unit reaches (a phrase is rule_one_phrase()'s, a
 * capitalised word classify_single()'s). tag_document() 666.3 M ->
 * 664.8 M instructions (callgrind, default pipeline, one job). */
static void
classify_one (Doc *d, Unit *u)
{
  Run r;

  r.u = u;
  r.k = 1;
  r.first = u;
  r.last = u;
  r.n_gaz = u->kind == U_GAZ;
  if (rule_inverted_name (d, &r)
      || rule_byline (d, &r)
      || rule_town_before_state (d, &r)
      || rule_party_in_lower_case (d, &r))
    return;
  if (u->kind == U_GAZ)
    rule_one_phrase (d, &r);
  else
    classify_single (d, u);
}

/* Units [0, k) without titles: the rules above, in order. */
void
classify_plain (Doc *d, Unit *u, guint k)
{
  Run r;

  if (k == 0)
    return;
  if (k == 1)
    {
      classify_one (d, u);
      return;
    }
  r.u = u;
  r.k = k;
  r.first = &u[0];
  r.last = &u[k - 1];
  r.n_gaz = 0;
  for (guint x = 0; x < k; x++)
    if (u[x].kind == U_GAZ)
      r.n_gaz++;

  if (rule_inverted_name (d, &r)
      || rule_org_word_first (d, &r)
      || rule_post_nominal (d, &r)
      || rule_byline (d, &r)
      || rule_model_number (d, &r)
      || rule_ship (d, &r)
      || rule_road_number (d, &r)
      || rule_heading_town (d, &r)
      || rule_last_org_word (d, &r)
      || rule_words_before_listed_org (d, &r)
      || rule_state_of (d, &r)
      || rule_org_of (d, &r)
      || rule_place_suffix (d, &r)
      || rule_place_prefix (d, &r)
      || rule_place_of (d, &r)
      || rule_town_before_state (d, &r)
      || rule_party_in_lower_case (d, &r)
      || rule_chamber_committee (d, &r)
      || rule_one_phrase (d, &r)
      || rule_ampersand (d, &r)
      || rule_initial_first (d, &r)
      || rule_person (d, &r)
      || rule_given_name_and_founder (d, &r)
      || rule_unknown_words (d, &r)
      || rule_direction_place (d, &r)
      || rule_place_and_org (d, &r)
      || rule_name_and_listed_surname (d, &r)
      || rule_given_name_and_possessive_company (d, &r)
      || rule_people_word_party (d, &r)
      || rule_place_and_unknown (d, &r))
    return;
  split_mixed (d, &r);
}
