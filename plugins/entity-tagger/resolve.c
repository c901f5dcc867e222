/* resolve.c: document-level resolution and the entity layer.
 *
 * Mentions found one at a time are made consistent across the document:
 *
 *   - a bare surname or given name joins the full name it belongs to
 *     ("Antony Blinken ... Blinken" -> one PERSON cluster, norm "Antony
 *     Blinken"), even where a gazetteer gave the word another type
 *     (Washington, Ford), unless it follows a locative preposition;
 *   - an acronym joins the name whose initials it spells ("International
 *     Monetary Fund ... IMF"), a short form the company name it starts
 *     ("Acme Holdings ... Acme", and a listed surname where the company
 *     is sure: "Phillips Petroleum Co ... Phillips") or a word inside it
 *     ("Eastman Kodak Co ... Kodak"), and the first words of a company
 *     with a legal form take its type where a guess made a person of
 *     them ("Outboard Marine Corp ... Outboard Marine said");
 *   - one word that a rule types ORG ("shares in Jarvis") is the
 *     organisation where a surname or a guess made it a person ("Jarvis
 *     said"), and so is a full name ("analysts at Harcourt Lynch" ...
 *     "Harcourt Lynch said"); a word after "in" is no place where a
 *     surer mention types it otherwise (one sense per discourse); a
 *     guessed full name
 *     does not take such a word, and an organisation's guess of one
 *     word outranks a person's ("said Apacs spokeswoman", "Apacs said");
 *   - a guess takes the type that a surer mention of the same words has
 *     elsewhere in the document ("Heaven Sent Gaming" seen as ORG stays
 *     ORG), and a candidate takes an organisation's guess too; a term the
 *     document defines ("sea surface salinity (SSS)") is no entity in
 *     it; candidates nothing types are dropped.
 *
 * Then clusters: mentions linked above, and mentions of one type with one
 * normalised form (gazetteer canonical form or text), share an id,
 * numbered in order of first appearance.
 *
 * The maps are open-addressing tables, kept at most half full. Each
 * starts at the size the mention count asks for, up to MAP_FIRST slots,
 * and doubles as its keys come (in a buffer the thread keeps for the
 * next document). They were all sized for the mention count once: a
 * document of 10 MB (1.9 million tokens, about 400,000 mentions) took
 * six maps of 2^20 slots, 100 MB, for keys that are distinct names, far
 * fewer than mentions; at 100 MB that was 800 MB of the run's peak.
 */
#include "config.h"

#include <string.h>

#include "tagger.h"

typedef struct {
  Slot *slots;
  guint mask;
  guint32 gen;
  guint n_keys;
  Scratch *sc;   /* whose map_slots[index] holds the slots */
  guint index;
} Map;

#define MAP_FIRST 4096

/* map_size: slots for a map of up to @n keys (half full at most). */
static guint
map_size (guint n)
{
  guint size = 16;

  while (size < n * 2 + 2)
    size <<= 1;
  return size;
}

/* maps_init: @count maps for up to @n keys each, on the thread's map
 * buffers. A map starts at the size @n asks for, or at MAP_FIRST (or
 * the buffer it already has, if larger) when that is more; map_added
 * grows it. */
static void
maps_init (Doc *d, Map *maps, guint count, guint n)
{
  Scratch *sc = d->sc;

  if (++sc->map_gen == 0)
    {
      for (guint i = 0; i < MAPS_MAX; i++)
        if (sc->map_slots[i])
          memset (sc->map_slots[i], 0, sc->map_sizes[i] * sizeof (Slot));
      sc->map_gen = 1;
    }
  for (guint i = 0; i < count; i++)
    {
      guint size = map_size (n);

      if (size > MAP_FIRST && size > sc->map_sizes[i])
        size = MAX (MAP_FIRST, sc->map_sizes[i]);
      if (sc->map_sizes[i] < size)
        {
          g_free (sc->map_slots[i]);
          sc->map_slots[i] = g_new0 (Slot, size);
          sc->map_sizes[i] = size;
        }
      maps[i].slots = sc->map_slots[i];
      maps[i].mask = MIN (size, sc->map_sizes[i]) - 1;
      maps[i].gen = sc->map_gen;
      maps[i].n_keys = 0;
      maps[i].sc = sc;
      maps[i].index = i;
    }
}

static inline guint
map_index (guint64 stored_key, guint mask)
{
  return (guint) (stored_key >> 17) & mask;
}

/* Inline, always: 700 000 calls on 10,569 real news articles,
 * each a probe or two, where the call cost as much as the probe. */
static inline G_ALWAYS_INLINE Slot *
map_slot (Map *m, guint64 key)
{
  guint i;

  key |= 1;
  i = map_index (key, m->mask);
  for (;;)
    {
      Slot *s = &m->slots[i];

      if (s->gen != m->gen)
        {
          /* left by an earlier table: empty now */
          s->gen = m->gen;
          s->key = 0;
          return s;
        }
      if (s->key == key || s->key == 0)
        return s;
      i = (i + 1) & m->mask;
    }
}

/* map_grow: twice the slots, in a new buffer (zeroed: generation 0 is
 * never current, so every slot reads as empty); this table's keys move
 * over, and the old buffer goes. */
static G_GNUC_NO_INLINE void
map_grow (Map *m)
{
  guint size = 2 * (m->mask + 1);
  guint mask = size - 1;
  Slot *slots = g_new0 (Slot, size);

  for (guint i = 0; i <= m->mask; i++)
    {
      const Slot *s = &m->slots[i];
      guint j;

      if (s->gen != m->gen || s->key == 0)
        continue;
      j = map_index (s->key, mask);
      while (slots[j].key != 0)
        j = (j + 1) & mask;
      slots[j] = *s;
    }
  g_free (m->sc->map_slots[m->index]);
  m->sc->map_slots[m->index] = slots;
  m->sc->map_sizes[m->index] = size;
  m->slots = slots;
  m->mask = mask;
}

/* map_added: a slot map_slot returned has just taken a new key. Slot
 * pointers are stale after this call. */
static inline void
map_added (Map *m)
{
  if (++m->n_keys * 2 > m->mask + 1)
    map_grow (m);
}

/* map_put_first: keeps the first value put under @key. Returns the slot
 * that already held @key, for a caller that may replace its value, or
 * NULL when @key was new (slot pointers are then stale: map_added()). */
static inline Slot *
map_put_first (Map *m, guint64 key, guint32 value)
{
  Slot *s = map_slot (m, key);

  if (s->key != 0)
    return s;
  s->key = key | 1;
  s->value = value;
  map_added (m);
  return NULL;
}

static inline Mention *mention (Doc *d, guint i);

/* map_put_org: keeps the first mention put under @key that a rule
 * typed (strength above 0), or else the first guess. */
static inline void
map_put_org (Doc *d, Map *m, guint64 key, guint32 value)
{
  Slot *s = map_put_first (m, key, value);

  if (s && mention (d, s->value)->strength == 0 && mention (d, value)->strength > 0)
    s->value = value;
}

/* map_put_best: keeps the first of the strongest mentions put under @key. */
static inline void
map_put_best (Doc *d, Map *m, guint64 key, guint32 value)
{
  Slot *s = map_put_first (m, key, value);

  if (s && mention (d, value)->strength > mention (d, s->value)->strength)
    s->value = value;
}

/* Inline, always, like map_slot(): 370 000 calls on
 * 10,569 real news articles (the stage: 822.2 M -> 819.1 M
 * instructions). A map that holds nothing is not probed: most
 * articles have no acronym of a name, no short form of a company, no
 * word after "in" to take as a place, and a probe of their empty maps
 * read a slot an earlier document left (callgrind --branch-sim, the
 * resolver: 44.0 M -> 42.8 M instructions, 1.24 M -> 1.20 M
 * mispredicted branches). */
static inline G_ALWAYS_INLINE gboolean
map_get (Map *m, guint64 key, guint32 *value)
{
  Slot *s;

  if (m->n_keys == 0)
    return FALSE;
  s = map_slot (m, key);
  if (s->key == 0)
    return FALSE;
  *value = s->value;
  return TRUE;
}

static inline Mention *
mention (Doc *d, guint i)
{
  return &d->mentions[i];
}

static gboolean
is_named (guint8 type)
{
  return type >= ET_PERSON && type <= ET_EVENT;
}

static gboolean
is_name_suffix (const Doc *d, const Token *t)
{
  return tok_text_eq (d, t, "Jr.") || tok_text_eq (d, t, "Jr") || tok_text_eq (d, t, "Sr.")
         || tok_text_eq (d, t, "II") || tok_text_eq (d, t, "III") || tok_text_eq (d, t, "IV");
}

/* The hash of the acronym of tokens [a, b): the first letters of their
 * capitalised words ("International Monetary Fund" -> "imf"). 0 when
 * fewer than two letters. */
static guint64
acronym_key (const Doc *d, guint a, guint b)
{
  char buf[16];
  guint n = 0;

  for (guint k = a; k < b && n < sizeof buf; k++)
    {
      const Token *t = &d->toks[k];
      guchar c = (guchar) d->text[t->start];

      if (!(t->tcase == GALLEY_CASE_TITLE || t->tcase == GALLEY_CASE_UPPER))
        continue;
      if (c < 'A' || c > 'Z')
        continue;
      buf[n++] = (char) (c + 32);
    }
  if (n < 2 || n >= sizeof buf)
    return 0;
  return lexicon_hash (buf, n);
}

static guint32
find_rep (const guint32 *reps, guint32 i)
{
  while (reps[i] != i)
    i = reps[i];
  return i;
}

/* A term the document defines ("sea surface salinity (SSS)", names.c):
 * a sure candidate without a type. */
static inline gboolean
is_term (const Mention *m)
{
  return m->type == ET_NONE && m->strength == 2;
}

/* What the resolution steps share: the maps of the document's mentions,
 * and each mention's link to the one it joins (a union-find forest). */
typedef struct {
  Doc *d;
  Map maps[7];
  Map *surnames;     /* a full name's last word -> the full name */
  Map *given;        /* a full name's first word -> the full name */
  Map *by_key;       /* words -> the surest typed mention of them (or term) */
  Map *acronyms;     /* initials of a multi-word name -> the name */
  Map *short_forms;  /* a company name's first word -> the company */
  Map *places;       /* words the document puts after "in", "near" */
  Map *org_words;    /* one word typed ORG -> a rule's mention, or a guess;
                      * a full name typed ORG by a rule -> that mention */
  guint32 *reps;
} Resolver;

/* A full name's surname and given name, for the bare mentions that
 * follow ("Antony Blinken ... Blinken"). */
static inline void
map_full_name (Resolver *r, guint32 i)
{
  Doc *d = r->d;
  const Mention *m = mention (d, i);
  guint last = m->b - 1;

  while (last > m->a && (is_name_suffix (d, &d->toks[last])
                         || d->toks[last].tcase == GALLEY_CASE_LOWER))
    last--;
  if (last > m->a)
    {
      map_put_best (d, r->surnames, tok_hash (d, &d->toks[last]), i);
      map_put_best (d, r->given, tok_hash (d, &d->toks[m->a]), i);
    }
}

/* Mixed into a word's hash for a company name's inner word in the
 * short forms' map (map_other_name). */
#define INNER_WORD_KEY G_GUINT64_CONSTANT (0x5bd1e9955bd1e995)

/* A multi-word name that is not a person's: its initials, and for a
 * company its first word ("Acme Holdings" -> "Acme"; "Pennzoil Co" too,
 * whose bare "Co" names.c reads as a company's end but the lists leave
 * out: one sense per document, the bare "Pennzoil" of an article that
 * writes "Pennzoil Co" was a PERSON 73 times on the news; issue 17,
 * ninth round). */
static inline void
map_other_name (Resolver *r, guint32 i)
{
  Doc *d = r->d;
  const Mention *m = mention (d, i);
  guint64 ak = acronym_key (d, m->a, m->b);

  if (ak != 0)
    map_put_first (r->acronyms, ak, i);
  if (m->type != ET_ORG
      || !((tok_lex (d, &d->toks[m->b - 1]) & LEX_ORG_WORD) || tok_text_eq (d, &d->toks[m->b - 1], "Co")))
    return;
  if (!(tok_lex (d, &d->toks[m->a]) & LEX_COMMON) && d->toks[m->a].tcase != GALLEY_CASE_UPPER)
    map_put_first (r->short_forms, tok_hash (d, &d->toks[m->a]), i);
  /* a common word first in a company's name, as an inner word (below):
   * "Environmental Systems Co ... Environmental said", where the bare
   * word was guessed a PERSON; an untyped one it does not take, which
   * is often the first word of another name ("First Chicago's Johnson"
   * beside "First Boston Corp"; issue 17, twenty-eighth round) */
  else if (d->toks[m->a].tcase == GALLEY_CASE_TITLE && company_form (d, &d->toks[m->b - 1]))
    map_put_first (r->short_forms, tok_hash (d, &d->toks[m->a]) ^ INNER_WORD_KEY, i);
  /* "Eastman Kodak Co ... Kodak said", "E.F. Hutton and Co ...
   * Hutton": the name's other words before its company word too, those
   * no list knows as something else (a place, a common word, a company
   * word). Under a key of their own: such a word takes only a mention
   * that a guess typed (join_short_form), where a first word takes an
   * untyped one too; a capitalised common word the lists lack
   * ("Monetary", "Coffee", "Tire") is an untyped candidate there. Only
   * of a name with a legal form: "International Quidditch Association"
   * made two false ORGs of GUM's "Quidditch". */
  for (guint t = m->a + 1, form = 2; t + 1 < m->b; t++)
    if (d->toks[t].tcase == GALLEY_CASE_TITLE && d->toks[t].kind == GALLEY_TOKEN_WORD
        && !(tok_lex (d, &d->toks[t]) & (LEX_COMMON | LEX_ORG_WORD | LEX_PLACE_BOTH | LEX_GIVEN)))
      {
        /* the legal form asked once, at the first such word */
        if (form == 2)
          form = company_form (d, &d->toks[m->b - 1]);
        if (!form)
          return;
        map_put_first (r->short_forms, tok_hash (d, &d->toks[t]) ^ INNER_WORD_KEY, i);
      }
}

/* Mixed into a span's key for the first words of a company's name in
 * the short forms' map (company_prefixes). */
#define PREFIX_KEY G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f)

/* "Outboard Marine Corp ... Outboard Marine said", "Crazy Eddie Inc ...
 * Crazy Eddie stores": the first words of a company's name that ends
 * with its legal form name the company in the rest of the document,
 * where a guess made them a person's full name or a place (issue 17: on
 * the real-news file such names were PERSONs about 90 times, and their
 * first word joined the "person" too, "Outboard" 9 times; "Texas
 * Eastern" and "Norfolk Southern" were GPEs). A gazetteer's phrase
 * keeps its type. Run before the maps, so that such a name is no full
 * name that a bare word would join. */
static void
company_prefixes (Resolver *r)
{
  Doc *d = r->d;
  gboolean any = FALSE;

  for (guint32 i = 0; i < d->n_mentions; i++)
    {
      const Mention *m = mention (d, i);
      guint64 h;

      if (m->type != ET_ORG || m->b - m->a < 3 || !company_form (d, &d->toks[m->b - 1]))
        continue;
      /* span_key_inline() of each prefix, a word at a time */
      h = key_step (KEY_SEED, tok_hash (d, &d->toks[m->a]));
      for (guint k = m->a + 1; k + 1 < m->b; k++)
        {
          const Token *t = &d->toks[k];

          h = key_step (h, tok_hash (d, t));
          if (t->tcase == GALLEY_CASE_LOWER || t->kind == GALLEY_TOKEN_PUNCT)
            continue;
          map_put_first (r->short_forms, (h | 1) ^ PREFIX_KEY, i);
          any = TRUE;
        }
    }
  if (!any)
    return;
  for (guint32 i = 0; i < d->n_mentions; i++)
    {
      Mention *m = mention (d, i);
      guint32 j;

      if (m->b - m->a < 2
          || !(m->type == ET_NONE || m->strength == 0 || (m->strength == 1 && !m->gazetteer))
          || !map_get (r->short_forms, m->key ^ PREFIX_KEY, &j) || j == i)
        continue;
      m->type = ET_ORG;
      m->strength = 1;
      r->reps[i] = j;
    }
}

/* The maps: full names, sure types by words, acronyms, short forms, and
 * the words the document puts after "in", "near" (places). */
/* "in L2 research", "in K7 cells": a word with a digit is a code, a
 * field or a thing, not a place, as names.c reads "in MPEG-4" (issue
 * 17, thirteenth round: `L2` was a GPE 11 times on the odd half of
 * GUM's ner-dev). Asked only of the mentions after "in" or "near":
 * with mixed_acronym(), resolve_mentions() 45.30M -> 45.35M
 * instructions (callgrind, default pipeline, one job, the real-news
 * file). */
static gboolean
has_digit (const Doc *d, const Token *t)
{
  for (guint32 k = t->start; k < t->end; k++)
    if (g_ascii_isdigit (d->text[k]))
      return TRUE;
  return FALSE;
}

/* "the CoM", "in CoM position", "FmHA": a mixed-case word that ends
 * in a capital is an acronym, a term's or a body's, not a place (issue
 * 17, thirteenth round). */
static gboolean
mixed_acronym (const Doc *d, const Token *t)
{
  gboolean lower = FALSE;

  if (!g_ascii_isupper (d->text[t->end - 1]))
    return FALSE;
  for (guint32 k = t->start; k < t->end && !lower; k++)
    lower = g_ascii_islower (d->text[k]);
  return lower;
}

/* Whether a lower-case article or determiner comes before token @a:
 * "the Reagan administration", "an Oscar nomination" guess an
 * organisation from a modifier, which is no evidence for the word's
 * other mentions (issue 17, fourteenth round: 16 persons and awards
 * made ORGs on the news without this test). */
static gboolean
after_determiner (const Doc *d, guint a)
{
  return a > 0 && (tok_lex (d, &d->toks[a - 1]) & LEX_DETERMINER)
         && d->toks[a - 1].tcase == GALLEY_CASE_LOWER;
}

static void
build_maps (Resolver *r)
{
  Doc *d = r->d;

  company_prefixes (r);
  for (guint32 i = 0; i < d->n_mentions; i++)
    {
      Mention *m = mention (d, i);

      if (is_term (m))
        map_put_best (d, r->by_key, m->key, i);
      if (m->type == ET_NONE || !is_named (m->type))
        continue;
      /* guesses too: the strongest mention of the words wins */
      map_put_best (d, r->by_key, m->key, i);
      if (m->type == ET_PERSON && m->b - m->a >= 2)
        map_full_name (r, i);
      if (m->type != ET_PERSON && m->b - m->a >= 2)
        map_other_name (r, i);
      if (m->type == ET_ORG && m->b == m->a + 1 && (m->strength > 0 || !after_determiner (d, m->a)))
        map_put_org (d, r->org_words, m->key, i);
      /* a full name a rule types ORG too (take_org_elsewhere) */
      else if (m->type == ET_ORG && m->b > m->a + 1 && m->strength > 0)
        map_put_org (d, r->org_words, m->key, i);
    }
  for (guint32 i = 0; i < d->n_mentions; i++)
    {
      Mention *m = mention (d, i);

      if (m->loc_context && m->b == m->a + 1 && (m->type == ET_NONE || m->strength == 0)
          && d->toks[m->a].tcase == GALLEY_CASE_TITLE && !(tok_lex (d, &d->toks[m->a]) & LEX_COMMON)
          && !english_word_shape (d, &d->toks[m->a]) && !has_digit (d, &d->toks[m->a])
          && !mixed_acronym (d, &d->toks[m->a]))
        map_put_first (r->places, m->key, i);
    }
}

/* Names of what no type covers, no entity anywhere in the document:
 *
 * - a name the document gives a language ("the Eegimaa language",
 *   "Eegimaa speakers"): GUM's article on Eegimaa typed the word a place
 *   22 times, from a guess that one sense per discourse spread (issue 17,
 *   sixty-sixth round). Only a word that no list knows as a name: "the
 *   English language" leaves the English people theirs;
 * - the title of a work right after its kind ("the movie Vera Drake",
 *   "the album Hopes and Fears"): Vera Drake was a person 32 times on
 *   news-dev (issue 17, seventy-first round). Not after a verb's
 *   spelling ("polls show Bush ahead", "they play Arsenal"), nor a
 *   list's name ("the film Frida" may be about her).
 *
 * Their mentions are marked never an entity, so that no step types them
 * or takes their type. */
#define MAX_UNTYPED_NAMES 8

static gboolean
language_word (const Doc *d, guint j)
{
  static const char *const words[] = {
    "language", "languages", "speakers", "dialect", "dialects",
  };

  return j < d->n && tok_text_in (d, &d->toks[j], words);
}

static gboolean
work_kind (const Doc *d, guint j)
{
  static const char *const words[] = {
    "film", "movie", "novel", "album", "musical", "opera", "documentary", "sitcom",
    "biopic", "series", "comedy", "thriller", "drama", "song",
  };

  return d->toks[j].tcase == GALLEY_CASE_LOWER && tok_text_in (d, &d->toks[j], words);
}

static void
drop_untyped_names (Doc *d)
{
  guint64 keys[MAX_UNTYPED_NAMES];
  guint n_keys = 0;

  for (guint32 i = 0; i < d->n_mentions && n_keys < MAX_UNTYPED_NAMES; i++)
    {
      const Mention *m = mention (d, i);

      if (m->gazetteer || d->toks[m->a].tcase != GALLEY_CASE_TITLE)
        continue;
      if ((m->b == m->a + 1 && !tok_known (&d->toks[m->a]) && language_word (d, m->b))
          || (m->a > 0 && work_kind (d, m->a - 1)))
        keys[n_keys++] = m->key;
    }
  if (n_keys == 0)
    return;
  for (guint32 i = 0; i < d->n_mentions; i++)
    {
      Mention *m = mention (d, i);

      for (guint k = 0; k < n_keys; k++)
        if (m->key == keys[k])
          {
            m->type = ET_BLOCK;
            m->strength = 2;
            break;
          }
    }
}

/* The steps: each looks at mention @i and returns TRUE when it decided
 * it; resolve_mentions tries them in order. Inline, called one by one
 * rather than from a table of pointers: the table cost 2.5% of the
 * tagger's instructions (callgrind, 2 000 news articles). */

/* Whether a preposition that moves or places (to, from, at, via) comes
 * before token @a: "flew to Jordan" is the country even in an article
 * about Jordan Henderson. "in", "near" mark loc_context already. */
static gboolean
after_motion_preposition (const Doc *d, guint a)
{
  static const char *const words[] = { "to", "from", "at", "via" };

  if (a == 0)
    return FALSE;
  return tok_text_in (d, &d->toks[a - 1], words);
}

/* The words of a term the document defines are no entity in it, even
 * where a context made them one ("of the SSS"): one sense per
 * discourse. The term wins the words' entry of by_key by its strength
 * (a gazetteer's phrase found first keeps it). */
static inline gboolean
drop_term (Resolver *r, guint32 i)
{
  Mention *m = mention (r->d, i);
  guint32 j;

  if (m->b != m->a + 1 || r->d->toks[m->a].tcase != GALLEY_CASE_UPPER
      || !map_get (r->by_key, m->key, &j) || !is_term (mention (r->d, j)))
    return FALSE;
  m->type = ET_NONE;
  return TRUE;
}

/* Whether a rule types the words of one-word mention @m ORG in the
 * document. Asked only where a guessed full name would take @m: asked
 * of every one-word mention, it cost 2.2M instructions more, 0.33%
 * of the stage (callgrind, default pipeline, one job, the real-news
 * file: tag_document() 658.4M; 656.4M this way, 656.2M before). */
static inline gboolean
org_ruled (Resolver *r, const Mention *m)
{
  guint32 j;

  return map_get (r->org_words, m->key, &j) && mention (r->d, j)->strength > 0;
}

/* A surname or a given name of a full name in the document. A
 * gazetteer's word (Washington, Ford; Jordan, Georgia as given names)
 * yields only to a sure full name, and not after an article or a
 * locative preposition: one sense per discourse, since an article that
 * names Jordan Henderson means him by a later "Jordan" unless it says
 * "in Jordan". */
static inline gboolean
join_full_name (Resolver *r, guint32 i)
{
  Doc *d = r->d;
  Mention *m = mention (d, i);
  guint64 h;
  gboolean after_article;
  guint32 j, j2;

  if (m->b != m->a + 1 || (m->gazetteer && m->loc_context)
      || !(m->type == ET_NONE || m->type == ET_PERSON || m->strength < 2 || m->gazetteer))
    return FALSE;
  h = tok_hash (d, &d->toks[m->a]);
  after_article = m->a > 0 && (tok_lex (d, &d->toks[m->a - 1]) & LEX_DETERMINER)
                  && d->toks[m->a - 1].tcase == GALLEY_CASE_LOWER;
  /* "Pernod shares" beside a guessed "Pernod Ricard": a guessed full
   * name does not take a word that a rule types ORG in the document,
   * as it does not take one the document uses as a place; the word is
   * the company then (take_org_elsewhere; issue 17, fourteenth round) */
  if ((map_get (r->surnames, h, &j) && j != i
       && ((!m->gazetteer && !after_article) || mention (d, j)->strength == 2)
       && (mention (d, j)->strength > 0
           || (!map_get (r->places, m->key, &j2) && !org_ruled (r, m))))
      || (map_get (r->given, h, &j) && j != i && (mention (d, j)->strength > 0 || !org_ruled (r, m))
          && (m->type == ET_NONE || (m->type == ET_PERSON && !m->gazetteer) || m->strength == 0
              || (m->gazetteer && !after_article && mention (d, j)->strength == 2
                  && !after_motion_preposition (d, m->a)))))
    {
      m->type = ET_PERSON;
      m->strength = 2;
      m->canonical = NULL;
      r->reps[i] = find_rep (r->reps, j);
      return TRUE;
    }
  return FALSE;
}

/* An acronym of a name in the document. */
static inline gboolean
join_acronym (Resolver *r, guint32 i)
{
  Doc *d = r->d;
  Mention *m = mention (d, i);
  const Token *t = &d->toks[m->a];
  char buf[16];
  int len;
  guint32 j;

  if (m->b != m->a + 1 || t->tcase != GALLEY_CASE_UPPER
      || !(m->type == ET_NONE || m->type == ET_ORG))
    return FALSE;
  len = lexicon_fold (d->text + t->start, t->end - t->start, buf, sizeof buf);
  if (len < 2 || !map_get (r->acronyms, lexicon_hash (buf, len), &j) || j == i)
    return FALSE;
  m->type = mention (d, j)->type;
  m->strength = 2;
  if (m->canonical == NULL)
    r->reps[i] = find_rep (r->reps, j);
  return TRUE;
}

/* A short form of a company name: an untyped mention or a guess; and a
 * surname of the lists (not a gazetteer's word) where a rule made the
 * company sure and its name ends with its legal form ("<Dixons Group
 * PLC> ... Dixons will not", "Phillips Petroleum Co ... Phillips
 * said"): a full name's surname has joined its person already
 * (join_full_name runs first). */
static inline gboolean
join_short_form (Resolver *r, guint32 i)
{
  Mention *m = mention (r->d, i);
  gboolean surname;
  guint64 h;
  guint32 j;

  surname = m->type == ET_PERSON && m->strength == 1 && !m->gazetteer;
  if (m->b != m->a + 1 || !(m->type == ET_NONE || m->strength == 0 || surname))
    return FALSE;
  h = tok_hash (r->d, &r->d->toks[m->a]);
  if (!(map_get (r->short_forms, h, &j)
        || (m->type != ET_NONE && map_get (r->short_forms, h ^ INNER_WORD_KEY, &j)))
      || j == i
      || (surname && (mention (r->d, j)->strength < 2
                      || !company_form (r->d, &r->d->toks[mention (r->d, j)->b - 1]))))
    return FALSE;
  m->type = ET_ORG;
  m->strength = 1;
  r->reps[i] = find_rep (r->reps, j);
  return TRUE;
}

/* Whether the document types the words of mention @i surely (a rule or
 * a list, not a guess) as something other than a place: "a stake in
 * Sina", "Sina's shares" (ORG). */
static inline gboolean
surely_not_place (Resolver *r, guint32 i)
{
  guint32 j;
  const Mention *o;

  if (!map_get (r->by_key, mention (r->d, i)->key, &j))
    return FALSE;
  o = mention (r->d, j);
  return o->strength > 0 && is_named (o->type) && o->type != ET_GPE && o->type != ET_LOC
         && o->type != ET_FAC;
}

/* One word that a rule types ORG (by what only an organisation has:
 * "shares in Jarvis", "a vice president at Outboard", "Lex shares") is
 * the organisation in its other mentions too, where a list's surname
 * or a guess made it a person ("Jarvis said", "Harper said") or nothing
 * typed it: one sense per discourse, for a news story names a company
 * by one word many times and gives the evidence once or twice. A full
 * name's surname has joined its person already (join_full_name). A name
 * of several words takes only a rule's type, not a guess ("analysts at
 * Merrill Lynch" ... "Merrill Lynch said"; issue 17). */
static inline gboolean
take_org_elsewhere (Resolver *r, guint32 i)
{
  Mention *m = mention (r->d, i);
  guint32 j;

  if (m->gazetteer || m->strength > 1
      || !(m->type == ET_NONE || m->type == ET_PERSON)
      || !map_get (r->org_words, m->key, &j) || j == i)
    return FALSE;
  if (m->b != m->a + 1 && mention (r->d, j)->strength == 0)
    return FALSE;
  /* only an organisation's guess ("said Apacs spokeswoman"): it takes
   * the other guesses and the untyped mentions ("Apacs said", a
   * person's guess; issue 17, fourteenth round), and stays a guess */
  if (mention (r->d, j)->strength == 0 && m->strength > 0)
    return FALSE;
  m->type = ET_ORG;
  m->strength = mention (r->d, j)->strength == 0 ? 0 : 1;
  m->canonical = mention (r->d, j)->canonical;
  return TRUE;
}

/* Coron ... in Coron: a word the document uses as a place; not one it
 * types surely as something else (one sense per discourse: "an interest
 * in Sina" beside "a stake in Sina", "Sina's shares" made every other
 * "Sina" of the article a GPE, as "merged it into Southcorp", "in
 * Metlife stock" did theirs). */
static inline gboolean
take_place (Resolver *r, guint32 i)
{
  Mention *m = mention (r->d, i);
  guint32 j;

  if (!(m->type == ET_NONE || m->strength == 0) || m->b != m->a + 1
      || !map_get (r->places, m->key, &j) || surely_not_place (r, i))
    return FALSE;
  m->type = ET_GPE;
  m->strength = 1;
  return TRUE;
}

/* A guess: the type the same words have elsewhere. A mention without a
 * type takes even a guess, if the guess is an organisation: "Brindleton
 * forward Jake Morrow" makes "fans of Brindleton" an ORG, where the
 * candidate was dropped (the unknown single-word organisations of a
 * news story, found in one mention and missed in the others). A
 * person's guess does not spread: on 10,569 real news articles it made
 * PERSON of hundreds of companies' mentions (Opec, Kodak, Citicorp),
 * one guessed from "Kodak said" and spread to all. */
static inline gboolean
take_type_elsewhere (Resolver *r, guint32 i)
{
  Mention *m = mention (r->d, i);
  guint32 j;

  if (!(m->type == ET_NONE || m->strength == 0) || !map_get (r->by_key, m->key, &j) || j == i)
    return FALSE;
  if (mention (r->d, j)->strength == 0 && (m->type != ET_NONE || mention (r->d, j)->type != ET_ORG))
    return FALSE;
  m->type = mention (r->d, j)->type;
  m->canonical = mention (r->d, j)->canonical;
  m->strength = mention (r->d, j)->strength == 0 ? 0 : 1;
  return TRUE;
}

/* "Sterling remained firm": a guessed person of one word that the
 * lists know as a currency is the currency, where no step above joined
 * it to a full name or typed it otherwise (issue 17: "Sterling", a given
 * name too, was a PERSON 11 times in the real-news file's market
 * reports). The last step: it drops a type, and decides nothing else. */
static inline gboolean
drop_currency_guess (Resolver *r, guint32 i)
{
  Doc *d = r->d;
  Mention *m = mention (d, i);

  if (m->type != ET_PERSON || m->b != m->a + 1 || m->strength >= 2 || m->gazetteer
      || r->reps[i] != i || !(tok_lex (d, &d->toks[m->a]) & LEX_CURRENCY))
    return FALSE;
  /* a surname too, inside a sentence: "(Hein, Reich, Marks, Thuma,
   * 2016)"; the currencies a report capitalises open its sentences or
   * follow an amount ("at 27.50 Marks per 100 kilos") (issue 17,
   * fifty-fifth round, when "marks" became a currency) */
  if ((tok_lex (d, &d->toks[m->a]) & LEX_SURNAME)
      && !(d->toks[m->a].tflags & GALLEY_TOKEN_FLAG_SENTENCE_START)
      && !(m->a > 0 && d->toks[m->a - 1].kind == GALLEY_TOKEN_NUMBER))
    return FALSE;
  m->type = ET_NONE;
  return TRUE;
}

void
resolve_mentions (Doc *d)
{
  guint n = d->n_mentions;
  Resolver r = { .d = d };

  if (n == 0)
    return;
  maps_init (d, r.maps, G_N_ELEMENTS (r.maps), n);
  r.surnames = &r.maps[0];
  r.given = &r.maps[1];
  r.by_key = &r.maps[2];
  r.acronyms = &r.maps[3];
  r.short_forms = &r.maps[4];
  r.places = &r.maps[5];
  r.org_words = &r.maps[6];
  if (d->sc->reps_size < n)
    {
      g_free (d->sc->reps);
      d->sc->reps_size = MAX (n, 2 * d->sc->reps_size);
      d->sc->reps = g_new (guint32, d->sc->reps_size);
    }
  r.reps = d->sc->reps;
  for (guint32 i = 0; i < n; i++)
    r.reps[i] = i;

  drop_untyped_names (d);
  build_maps (&r);
  for (guint32 i = 0; i < n; i++)
    {
      const Mention *m = mention (d, i);

      if (m->type != ET_NONE && !is_named (m->type))
        continue;
      (void) (drop_term (&r, i)
              || join_full_name (&r, i)
              || join_acronym (&r, i)
              || join_short_form (&r, i)
              || take_org_elsewhere (&r, i)
              || take_place (&r, i)
              || take_type_elsewhere (&r, i)
              || drop_currency_guess (&r, i));
    }

  /* representatives' norms are computed first: store the rep in cluster */
  for (guint32 i = 0; i < n; i++)
    mention (d, i)->cluster = (gint32) find_rep (r.reps, i);
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Whether [@p, @end) holds no white space but single spaces, so that
 * it is its own norm: eight bytes a test, where append_text()'s loop
 * takes a few instructions a byte. No byte below ' ' (\n, \t, \r; other
 * control bytes too, which then take the loop, as does anything this
 * cannot read in whole chunks before @text_end) and no two spaces in a
 * row. The test for spaces may also mark a '!' right after one: that
 * too only sends the text to the loop. A mention starts and ends with a
 * token, never with white space. */
static inline gboolean
single_spaced (const char *p, const char *end, const char *text_end)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 prev = 0;

  for (; p < end; p += 8)
    {
      guint64 x, sp;

      if (p + 8 > text_end)
        return FALSE;
      x = lex_load8 (p);
      if (end - p < 8)
        {
          /* the bytes past the end read as letters */
          const guint64 keep = G_MAXUINT64 >> (64 - 8 * (end - p));

          x = (x & keep) | ('a' * ones & ~keep);
        }
      if (((x - ' ' * ones) & ~x & high) != 0)
        return FALSE;
      x ^= ' ' * ones;
      sp = (x - ones) & ~x & high;
      if ((sp & ((sp << 8) | prev)) != 0)
        return FALSE;
      prev = sp >> 56;
    }
  return TRUE;
}

/* The text of a mention (emit_bytes() has made its bounds bytes) with
 * white space runs as single spaces. */
static void
append_text (const Doc *d, GString *s, const Mention *m)
{
  const char *p = d->text + m->a;
  const char *end = d->text + m->byte_end;

  /* most mentions: one copy. Callgrind, default pipeline on 10,569
   * real news articles, the stage: 734.8 M -> 728.8 M instructions,
   * 11.78 M -> 11.52 M mispredicted branches (the loop's test of each
   * byte for white space went as the bytes came) */
  if (single_spaced (p, end, d->text_end))
    {
      scratch_append (s, p, (gsize) (end - p));
      return;
    }
  while (p < end)
    {
      const char *q = p;

      while (q < end && !is_space (*q))
        q++;
      scratch_append (s, p, (gsize) (q - p));
      while (q < end && is_space (*q))
        q++;
      if (q < end && q > p && is_space (q[-1]))
        scratch_append (s, " ", 1);
      p = q;
    }
}

/* The norm of mention @i: a canonical form, the representative's norm
 * for linked mentions, the numeric norm, or the text. @s is Doc.scratch,
 * where the numeric norms are: one is copied from inside it (GLib's
 * append takes a source within the string). */
static void
append_norm (Doc *d, guint32 i, GString *s)
{
  const Mention *m = mention (d, i);

  if (m->canonical != NULL)
    scratch_append (s, m->canonical, strlen (m->canonical));
  else if ((guint32) m->cluster != i)
    append_norm (d, (guint32) m->cluster, s);
  else if (m->norm_off != NO_NORM)
    g_string_append (s, s->str + m->norm_off);
  else
    append_text (d, s, m);
}

/* The text_key of a canonical form: canonical forms are the lexicon's
 * strings, so a small cache by address saves folding them again. */
static guint64
canonical_key (Doc *d, const char *canonical)
{
  CanonKey *ck = &d->sc->ckeys[((guintptr) canonical >> 3) % G_N_ELEMENTS (d->sc->ckeys)];

  if (ck->canonical != canonical)
    {
      ck->canonical = canonical;
      ck->key = text_key (canonical);
    }
  return ck->key;
}

/* A key equal for mentions with equal norms, computed without folding
 * the norm: the canonical form's key, the representative's key, or the
 * mention's own (its words' key; a numeric mention's is its norm's hash,
 * numeric.c). */
static guint64
norm_key (Doc *d, guint32 i)
{
  const Mention *m = mention (d, i);

  if (m->canonical != NULL)
    return canonical_key (d, m->canonical);
  if ((guint32) m->cluster != i)
    return norm_key (d, (guint32) m->cluster);
  return m->key;
}

/* The entity layer. Spans are appended in order first, then their
 * features are set a column at a time, each column sized once (setting
 * them span by span in order grew it by doubling: a reallocation and a
 * copy each time). The norms wait in the scratch buffer, NUL-separated;
 * reps holds each output span's norm offset and cluster id. */
void
emit_bytes (Doc *d)
{
  for (guint32 i = 0; i < d->n_mentions; i++)
    {
      Mention *m = mention (d, i);

      if (m->byte_end == 0)
        m->byte_end = d->toks[m->b - 1].end;
      m->a = d->toks[m->a].start;
      m->b = m->a;  /* no longer a token index: nothing may read it */
    }
}

guint
emit_spans (Doc *d, GalleyLayer *layer)
{
  guint n = d->n_mentions;
  GString *norm = d->scratch;
  Map clusters;
  gint32 next_cluster = 0;
  guint n_out = 0;
  guint32 *out;
  GalleySpan *spans;

  maps_init (d, &clusters, 1, n);
  if (d->sc->reps_size < 2 * n)
    {
      g_free (d->sc->reps);
      d->sc->reps_size = MAX (2 * n, 2 * d->sc->reps_size);
      d->sc->reps = g_new (guint32, d->sc->reps_size);
    }
  out = d->sc->reps;
  if (d->sc->spans_size < n)
    {
      g_free (d->sc->spans);
      d->sc->spans_size = MAX (n, 2 * d->sc->spans_size);
      d->sc->spans = g_new (GalleySpan, d->sc->spans_size);
    }
  spans = d->sc->spans;
  for (guint32 i = 0; i < n; i++)
    {
      const Mention *m = mention (d, i);
      guint64 ck;
      Slot *slot;

      if (m->type == ET_NONE || !(d->tg->type_mask & (1u << m->type)))
        continue;
      /* a numeric norm is where numeric.c wrote it, ended: copied into
       * a buffer of their own, each after a strlen(), the norms cost the
       * stage 8.2 M more instructions (callgrind, default pipeline on
       * 10,569 real news articles, 108,932 numeric norms: 723.0 M ->
       * 714.8 M) */
      if (m->norm_off != NO_NORM && m->canonical == NULL && (guint32) m->cluster == i)
        out[2 * n_out] = m->norm_off;
      else
        {
          out[2 * n_out] = (guint32) norm->len;
          append_norm (d, i, norm);
          scratch_append (norm, "", 1);
        }
      /* the cluster: one per type and normalised form, the form's words
       * compared in any case (JOHN BRISTOL, John Bristol) */
      ck = norm_key (d, i) ^ ((guint64) m->type << 56);
      slot = map_slot (&clusters, ck);
      if (slot->key == 0)
        {
          slot->key = ck | 1;
          slot->value = (guint32) next_cluster++;
          out[2 * n_out + 1] = slot->value;
          map_added (&clusters);
        }
      else
        out[2 * n_out + 1] = slot->value;
      spans[n_out].start = m->a;
      spans[n_out].end = m->byte_end;
      spans[n_out].type = d->tg->type_quarks[m->type];
      spans[n_out].flags = 0;
      n_out++;
    }
  /* one call for the layer, not one a span: callgrind, default
   * pipeline on 10,569 real news articles, 219,275 spans, the stage
   * 728.8 M -> 726.2 M instructions */
  galley_layer_append_spans (layer, spans, n_out);
  return n_out;
}

void
emit_features (Doc *d, GalleyLayer *layer, guint n_out)
{
  const GString *norm = d->scratch;
  const guint32 *out = d->sc->reps;
  gint64 cluster_on_stack[64];
  const char *norm_on_stack[64];
  g_autofree gint64 *cluster_big = NULL;
  g_autofree const char **norm_big = NULL;
  gint64 *cluster = cluster_on_stack;
  const char **norms = norm_on_stack;

  if (n_out > G_N_ELEMENTS (cluster_on_stack))
    {
      cluster = cluster_big = g_new (gint64, n_out);
      norms = norm_big = g_new (const char *, n_out);
    }
  for (guint k = 0; k < n_out; k++)
    {
      norms[k] = norm->str + out[2 * k];
      cluster[k] = out[2 * k + 1];
    }
  /* one call a column, not one a span (callgrind, default pipeline on
   * 10,569 real news articles: the norms through one
   * galley_layer_set_feature_string a span cost 36.7M instructions, as a
   * column 13.6M) */
  galley_layer_set_feature_string_column (layer, GALLEY_ENTITY_FEATURE_NORM, norms, n_out);
  galley_layer_set_feature_int_column (layer, GALLEY_ENTITY_FEATURE_CLUSTER, cluster, n_out);
}
