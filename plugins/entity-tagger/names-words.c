/* names-words.c: what a word or a run of words looks like: possessives,
 * acronyms and their spelling out, plurals, Roman numerals, the words of
 * a personal name (name_like()). Tests only: nothing here adds a
 * mention.
 */
#include "config.h"

#include <string.h>

#include "dict.h"
#include "names-private.h"

/* Whether the possessor before the clitic at @clitic is a place, a people
 * or an organisation: "Kenya's Eliud Kipchoge" names a person. */
gboolean
place_possessor (const Doc *d, guint clitic)
{
  const Mention *m;

  if (d->n_mentions == 0)
    return FALSE;
  m = &d->mentions[d->n_mentions - 1];
  return m->b == clitic && (m->type == ET_GPE || m->type == ET_LOC || m->type == ET_ORG
                            || m->type == ET_NORP);
}

gboolean
possessive_word (const Doc *d, const Token *t)
{
  static const char *const words[] = { "his", "her", "their", "its", "our", "my", "your" };

  return tok_text_in (d, t, words);
}

gboolean
roman_numeral (const Doc *d, const Token *t)
{
  for (guint32 k = t->start; k < t->end; k++)
    if (!strchr ("IVXL", d->text[k]))
      return FALSE;
  return TRUE;
}

/* "with 11 RBI.", "two RBI against the Rays": an acronym counted by the
 * number before it and ending its phrase is a unit or a thing counted,
 * not an organisation, though a list knows it as one (the Reserve Bank
 * of India); "27 EU members" counts the members (issue 17, seventh
 * round). rule_one_phrase() asks it of every listed organisation alone
 * in its run: 0.45M instructions of the stage (callgrind, 10,569 news
 * articles: 724.3M -> 724.7M). */
gboolean
counted_acronym (const Doc *d, guint a, guint b)
{
  const Token *t = tk (d, a), *prev, *next;

  if (b != a + 1 || a == 0 || t->tcase != GALLEY_CASE_UPPER || t->kind != GALLEY_TOKEN_WORD)
    return FALSE;
  prev = tk (d, a - 1);
  if (prev->kind != GALLEY_TOKEN_NUMBER
      && !(prev->tcase == GALLEY_CASE_LOWER && (tok_lex (d, prev) & LEX_NUMBER)))
    return FALSE;
  next = b < d->n ? tk (d, b) : NULL;
  if (next == NULL)
    return TRUE;
  /* not "the 13 OPEC (Organization of ...)", a name spelt out, nor
   * "six OPEC and one non-OPEC crudes", a modifier shared with a noun
   * after the coordination */
  if (next->kind == GALLEY_TOKEN_PUNCT)
    return next->end == next->start + 1 && strchr (".,;:!?", d->text[next->start]) != NULL;
  return next->tcase == GALLEY_CASE_LOWER && (tok_lex (d, next) & LEX_FUNCTION)
         && !tok_text_eq (d, next, "and") && !tok_text_eq (d, next, "or");
}

/* Whether @t is a lower-case noun that a leader's name modifies: "the
 * Reagan administration" is Reagan's, a PERSON, where "the Eegimaa
 * language" names no person (issue 17: on the real-news file "Reagan"
 * was an ORG 39 times, all before "administration"). */
gboolean
leader_noun (const Doc *d, const Token *t)
{
  static const char *const nouns[] = {
    "administration", "administrations", "government", "presidency", "premiership",
    "cabinet", "regime", "era", "years", "campaign", "doctrine",
  };

  return t != NULL && t->tcase == GALLEY_CASE_LOWER && tok_text_in (d, t, nouns);
}

/* Whether an unknown first word may still be a given name before a
 * surname that ends like a plural: an initial (T. Boone Pickens, D
 * Humphreys), a hyphenated name (Karl-Heinz Narjes), or a word that
 * ends in s itself (Sotiris Kyrgiakos, Mavis Staples). */
static gboolean
first_name_shape (const Doc *d, const Token *t)
{
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;

  return len == 1 || (len == 2 && s[1] == '.') || s[len - 1] == 's'
         || memchr (s, '-', len) != NULL;
}

/* "published in Frontiers journals": an unknown plural before a plural
 * in lower case names a maker or a kind of the things (issue 17, eighth
 * round), where a place is not plural ("in Coron offers") */
gboolean
plural_before_plural (const Doc *d, const Token *t, const Token *next)
{
  return next != NULL && next->tcase == GALLEY_CASE_LOWER && next->kind == GALLEY_TOKEN_WORD
         && plural_shape (d, t) && plural_shape (d, next);
}

/* Whether unit @k of units [lo, hi) is two initials in capitals before
 * a listed surname, as British papers write a name ("JK Rowling", "PJ
 * Harvey"): two letters the lists do not know (not "US", "EU", "MP"),
 * and the name's one other word a surname. With any capitalised word
 * after them, two capitals opened companies as often ("IG Metall", "EA
 * Mobile", "CD Universe" became PERSONs on the real-news file). */
static gboolean
caps_initials (const Doc *d, const Unit *u, guint k, guint lo, guint hi)
{
  const Token *t = tk (d, u[k].a);

  return k == lo && hi - lo == 2 && u[k].kind == U_CAP && t->end - t->start == 2
         && tok_lex (d, t) == 0 && u[k + 1].kind == U_CAP && u[k + 1].b == u[k + 1].a + 1
         && (tok_lex (d, tk (d, u[k + 1].a)) & LEX_SURNAME);
}

/* Whether the folded @stem, or it with an "e" after it or without its
 * last letter doubled, is a common word: "find", "plan" of "plann",
 * "live" of "liv". */
static gboolean
common_verb_stem (const Doc *d, char *stem, gsize n)
{
  guint32 wid;

  if ((wid = lexicon_word_id (d->tg->lex, stem, n, lexicon_hash (stem, n))) != LEX_NO_WORD
      && (lexicon_word_info (d->tg->lex, wid)->flags & LEX_COMMON))
    return TRUE;
  if (n >= 2 && stem[n - 1] == stem[n - 2]
      && (wid = lexicon_word_id (d->tg->lex, stem, n - 1, lexicon_hash (stem, n - 1))) != LEX_NO_WORD
      && (lexicon_word_info (d->tg->lex, wid)->flags & LEX_COMMON))
    return TRUE;
  stem[n] = 'e';
  return (wid = lexicon_word_id (d->tg->lex, stem, n + 1, lexicon_hash (stem, n + 1))) != LEX_NO_WORD
         && (lexicon_word_info (d->tg->lex, wid)->flags & LEX_COMMON);
}

/* Whether @t, the first word of a name of several, is the -ing form of a
 * common verb, in title case, and no list knows it as a name: a film's
 * or a book's title ("Finding Neverland", "Killing Fields"), a bill's
 * ("Banking Bill"), not a person's name (issue 17, forty-fifth round).
 * The verb must be a common word: surnames end in -ing too (Kessling,
 * Gehring). */
static gboolean
gerund_first (const Doc *d, const Token *t)
{
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;
  char stem[16];

  if (len < 6 || len >= sizeof stem || t->tcase != GALLEY_CASE_TITLE
      || memcmp (s + len - 3, "ing", 3) != 0
      || (tok_lex (d, t) & (LEX_SURNAME | LEX_GIVEN | LEX_SURNAME_FIRST)))
    return FALSE;
  for (gsize i = 0; i < len - 3; i++)
    {
      if (i > 0 && !g_ascii_islower (s[i]))
        return FALSE;
      stem[i] = g_ascii_tolower (s[i]);
    }
  return common_verb_stem (d, stem, len - 3);
}

/* Whether all tokens of units [lo, hi) look like personal names: known
 * names, or capitalised words that are not ordinary words. */
gboolean
name_like (const Doc *d, const Unit *u, guint lo, guint hi, gboolean place_last)
{
  for (guint k = lo; k < hi; k++)
    {
      const Token *t = tk (d, u[k].a);

      if (u[k].kind == U_GAZ)
        {
          if (u[k].type == ET_PERSON)
            continue;
          if (u[k].b != u[k].a + 1 || u[k].type == ET_TITLE || u[k].type == ET_NORP
              || u[k].type == ET_BLOCK)
            return FALSE;
          /* Michael Ruse: a one-word place as the surname; Saul Israel
           * Holiff, Lucio Cesar Pires: as a middle name, before a
           * capitalised word (issue 17, fifty-second round) */
          if (place_last && (k == hi - 1 || u[k + 1].kind == U_CAP)
              && (u[k].type == ET_GPE || u[k].type == ET_LOC))
            continue;
          if (!(tok_lex (d, t) & (LEX_SURNAME | LEX_GIVEN)))
            return FALSE;
          continue;
        }
      /* Eric Temple Bell: an organisation or place word inside a name is
       * a name; at its end it names an organisation or place */
      if ((tok_lex (d, t) & (LEX_ORG_WORD | LEX_PLACE_SUFFIX)) && !(tok_lex (d, t) & (LEX_SURNAME | LEX_GIVEN))
          && (k == hi - 1 || k == lo))
        return FALSE;
      /* Best Actor: a role is not a name */
      if ((tok_lex (d, t) & LEX_ROLE) && !(tok_lex (d, t) & LEX_GIVEN))
        return FALSE;
      if ((tok_lex (d, t) & LEX_COMMON) && !(tok_lex (d, t) & (LEX_SURNAME | LEX_GIVEN)))
        return FALSE;
      if (!(tok_lex (d, t) & (LEX_SURNAME | LEX_GIVEN)) && english_word_shape (d, t))
        return FALSE;
      if (k == 0 && hi >= 2 && gerund_first (d, t))
        return FALSE;
      if (t->tcase == GALLEY_CASE_UPPER && t->kind == GALLEY_TOKEN_WORD && t->end - t->start >= 2
          && !caps_initials (d, u, k, lo, hi))
        return FALSE;
      /* Barstool Sports, Vagabond Tours: an unknown plural at the end of
       * a name of several words names a business or a thing (Salomon
       * Brothers, Scissor Sisters, Desperate Housewives), unless a given
       * name opens it (Bernard Williams) or a word that may be one */
      if (k == hi - 1 && k > lo && !(tok_lex (d, t) & (LEX_SURNAME | LEX_GIVEN))
          && plural_shape (d, t) && !unit_single_with (d, &u[lo], LEX_GIVEN)
          && !first_name_shape (d, tk (d, u[lo].a)))
        return FALSE;
    }
  return TRUE;
}

/* Whether a mixed-case word is spelled like a surname: Mc-, Mac-, O'-,
 * Di-, De-, La-, Le-, Van-, Fitz- before a capital, or a hyphenated name
 * (Bailey-Ross, al-Assad). */
gboolean
person_mixed_case (const Doc *d, const Token *t)
{
  static const char *const prefixes[] = {
    "Mc", "Mac", "O'", "O\xe2\x80\x99", "D'", "Di", "De", "Da", "La", "Le", "Van", "Von",
    "Fitz", "St",
  };
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;

  if (memchr (s, '-', len) != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize pl = strlen (prefixes[i]);

      if (len > pl + 1 && memcmp (s, prefixes[i], pl) == 0 && g_ascii_isupper (s[pl]))
        return TRUE;
    }
  return FALSE;
}

gboolean
letters_only (const Doc *d, const Token *t)
{
  for (guint32 k = t->start; k < t->end; k++)
    if (!g_ascii_isalpha (d->text[k]) && d->text[k] != '&')
      return FALSE;
  return TRUE;
}

/* Whether the acronym at token @a, in parentheses, spells the lower-case
 * words before them: "sea surface salinity (SSS)", "gross domestic
 * product (GDP)", "information and communication technology (ICT)" (a
 * function word that no letter stands for is skipped). Such an acronym
 * names a term, whatever the document does with it later ("the SSS
 * retrieval", "of the SSS"), while an organisation's name is written
 * with capitals. */
gboolean
acronym_defines_term (const Doc *d, guint a)
{
  const Token *t = tk (d, a);
  const char *s = d->text + t->start;
  guint j = a - 1;

  if (a < 3 || a + 1 >= d->n || !tok_text_eq (d, tk (d, a - 1), "(")
      || !tok_text_eq (d, tk (d, a + 1), ")"))
    return FALSE;
  for (guint i = t->end - t->start; i-- > 0;)
    {
      char letter = g_ascii_tolower (s[i]);
      const Token *w;

      do
        {
          if (j == 0)
            return FALSE;
          w = tk (d, --j);
          if (w->kind != GALLEY_TOKEN_WORD || w->tcase != GALLEY_CASE_LOWER)
            return FALSE;
        }
      while (d->text[w->start] != letter && (tok_lex (d, w) & LEX_FUNCTION));
      if (d->text[w->start] != letter)
        return FALSE;
    }
  return TRUE;
}

/* An agreement's word: "the General Agreement on Tariffs and Trade". */
gboolean
agreement_word (const Doc *d, const Token *t)
{
  static const char *const words[] = { "Agreement", "Treaty", "Accord", "Pact", "Protocol" };

  return tok_text_in (d, t, words);
}

/* Whether the acronym at token @a is followed by the words it spells, in
 * parentheses or brackets: "the VM (virtual microscope)", "ROS [Reactive
 * Oxygen Species, the group of chemicals ...]" (issue 17, twelfth round).
 * Spelled in lower case, or in capitals with no organisation word among
 * them, the words name a term, and so does the acronym; "NSC (National
 * Security Council)" keeps its organisation, "GATT (General Agreement on
 * Tariffs and Trade)" its body. A function word that no letter stands
 * for is skipped. */
gboolean
acronym_spelled_after (const Doc *d, guint a)
{
  const Token *t = tk (d, a);
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;
  const Token *w;
  guint j = a + 2;
  guint tcase;

  if (a + 2 + len >= d->n || !(tok_text_eq (d, tk (d, a + 1), "(") || tok_text_eq (d, tk (d, a + 1), "[")))
    return FALSE;
  tcase = tk (d, j)->tcase;
  if (tcase != GALLEY_CASE_LOWER && tcase != GALLEY_CASE_TITLE)
    return FALSE;
  for (gsize i = 0; i < len; i++, j++)
    {
      char letter = s[i];

      for (;; j++)
        {
          if (j >= d->n)
            return FALSE;
          w = tk (d, j);
          if (w->kind != GALLEY_TOKEN_WORD)
            return FALSE;
          if (g_ascii_toupper (d->text[w->start]) == letter && w->tcase == tcase)
            break;
          if (!(w->tcase == GALLEY_CASE_LOWER && (tok_lex (d, w) & LEX_FUNCTION)))
            return FALSE;
        }
      if ((tok_lex (d, w) & LEX_ORG_WORD) || agreement_word (d, w))
        return FALSE;
    }
  return j < d->n
         && (tok_text_eq (d, tk (d, j), ")") || tok_text_eq (d, tk (d, j), "]") || tok_text_eq (d, tk (d, j), ","));
}

/* Whether the acronym at token @a is used as an organisation's name:
 * "the WB" or "the IMF said" (but not "the GIS domain", a modifier),
 * "MTV's", "SQM said", "the ANC leader", "Stony Brook University
 * (SUNY)", "at UCSB", "from DSW", "shares of SQM", "head of OCHA". */
gboolean
acronym_is_org (const Doc *d, guint a)
{
  const Token *prev = a > 0 ? tk (d, a - 1) : NULL;
  const Token *next = a + 1 < d->n ? tk (d, a + 1) : NULL;
  /* "the GIS domain": a lower-case noun after it; "the QRTF followed":
   * a verb in the past */
  gboolean modifier = next != NULL && next->kind == GALLEY_TOKEN_WORD
                      && next->tcase == GALLEY_CASE_LOWER
                      && !(tok_lex (d, next) & (LEX_FUNCTION | LEX_SPEECH | LEX_DETERMINER))
                      && !(next->tflags & GALLEY_TOKEN_FLAG_CLITIC)
                      && !(next->end - next->start > 3 && d->text[next->end - 2] == 'e'
                           && d->text[next->end - 1] == 'd');
  /* "the GNP of Israel", "from the POV of the rocket": a measure or a
   * term of something (issue 17, twelfth round) */
  if (next != NULL && tok_text_eq (d, next, "of"))
    modifier = TRUE;

  if (next != NULL && (next->tflags & GALLEY_TOKEN_FLAG_CLITIC)
      && (tok_text_eq (d, next, "'s") || tok_text_eq (d, next, "\u2019s")))
    return TRUE;
  /* "SQM said", "the ANC leader", "the SNP government" */
  if (next != NULL && next->tcase == GALLEY_CASE_LOWER && next->kind == GALLEY_TOKEN_WORD
      && (tok_lex (d, next) & (LEX_SPEECH | LEX_ROLE | LEX_ORG_CONTEXT)))
    return TRUE;
  if (prev == NULL)
    return FALSE;
  /* "Stony Brook University (SUNY)": after an organisation's name */
  if (tok_text_eq (d, prev, "(") && d->n_mentions > 0
      && d->mentions[d->n_mentions - 1].b + 1 == a
      && d->mentions[d->n_mentions - 1].type == ET_ORG)
    return TRUE;
  if (tok_text_eq (d, prev, "of") && a >= 2)
    {
      const Token *pp = tk (d, a - 2);

      if (pp->tcase == GALLEY_CASE_LOWER
          && ((tok_lex (d, pp) & (LEX_ROLE | LEX_ORG_CONTEXT)) || tok_text_eq (d, pp, "shares")
              || tok_text_eq (d, pp, "stake") || tok_text_eq (d, pp, "member")
              || tok_text_eq (d, pp, "members") || tok_text_eq (d, pp, "head")))
        return TRUE;
    }
  return !modifier
         && (tok_text_eq (d, prev, "the") || tok_text_eq (d, prev, "The")
             || tok_text_eq (d, prev, "at") || tok_text_eq (d, prev, "from"));
}

/* Whether mixed-case token @t has one capital, its last letter: "pH",
 * "kW", a slip of the shift key ("swellS", "futurE"). Inner capitals
 * open a name's second part ("eBay", "iTunes", "YouTube"); a name does
 * not end with its only capital (issue 17, twelfth round). */
gboolean
capital_last_only (const Doc *d, const Token *t)
{
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;

  if (!g_ascii_isupper (s[len - 1]))
    return FALSE;
  for (gsize k = 0; k + 1 < len; k++)
    if (g_ascii_isupper (s[k]))
      return FALSE;
  return TRUE;
}

gboolean
plural_acronym (const Doc *d, const Token *t)
{
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;

  if (len < 3 || s[len - 1] != 's')
    return FALSE;
  for (gsize k = 0; k + 1 < len; k++)
    if (!g_ascii_isupper (s[k]) && !g_ascii_isdigit (s[k]))
      return FALSE;
  return TRUE;
}

gboolean
has_letters_and_digits (const Doc *d, const Token *t)
{
  gboolean letter = FALSE, digit = FALSE;

  for (guint32 k = t->start; k < t->end; k++)
    {
      if (g_ascii_isdigit (d->text[k]))
        digit = TRUE;
      else if (g_ascii_isalpha (d->text[k]))
        letter = TRUE;
    }
  return letter && digit;
}

/* Whether @t is a common word by the lists or, when there is one, by the
 * spelling dictionary (written in lower case there: "Industrial",
 * "Savings", "Light"). */
gboolean
common_word (const Doc *d, const Token *t)
{
  return (tok_lex (d, t) & LEX_COMMON)
         || (et_dict_classes (d->tg->dict, d->text + t->start, t->end - t->start) & ET_DICT_LOWER);
}
