/* tagger.c: one document through the entity tagger: token classes, the
 * document's casing evidence, the left-to-right scan, then resolution
 * and output (see tagger.h for the passes).
 */
#include "config.h"

#include <string.h>

#include "model.h"
#include "tagger.h"
#include "dict.h"

guint64
span_key (const Doc *d, guint32 a, guint32 b)
{
  return span_key_inline (d, a, b);
}

void
doc_mentions_grow (Doc *d)
{
  d->sc->mentions_size = MAX (64, 2 * d->sc->mentions_size);
  d->sc->mentions = g_renew (Mention, d->sc->mentions, d->sc->mentions_size);
  d->mentions = d->sc->mentions;
}

Mention *
doc_add_mention (Doc *d, guint32 a, guint32 b, EtType type, guint strength)
{
  return doc_mention_new (d, a, b, type, strength, span_key_inline (d, a, b));
}

guint64
text_key (const char *s)
{
  guint64 h = KEY_SEED;

  while (*s)
    {
      const char *e = strchr (s, ' ');
      gsize len = e ? (gsize) (e - s) : strlen (s);
      char buf[128];
      int n = lexicon_fold (s, len, buf, sizeof buf);

      if (n > 0)
        h = key_step (h, lexicon_hash (buf, n));
      s += len;
      while (*s == ' ')
        s++;
    }
  return h | 1;
}

guint64
word_key (guint64 token_hash)
{
  return key_step (KEY_SEED, token_hash) | 1;
}

/* phrase_case_ok: whether tokens @i to @j meet the case requirements
 * of the phrase they match (@reqs, LexNode.reqs). The walk checked each
 * against its edge, which holds the loosest requirement of the phrases
 * that share it; this is a phrase's own, checked once it ends. */
static gboolean
phrase_case_ok (const Doc *d, guint i, guint j, guint32 reqs)
{
  for (guint k = 0; k <= j - i && k < LEX_REQS_WORDS; k++)
    if (!case_meets (d->toks[i + k].tcase, LEX_REQ_AT (reqs, k)))
      return FALSE;
  return TRUE;
}

void
phrase_match (const Doc *d, guint i, PhraseMatch *m)
{
  const Lexicon *lex = d->tg->lex;
  guint32 node = LEXICON_ROOT;

  m->n_tokens = 0;
  m->type = ET_NONE;
  m->canonical = NULL;
  m->first_req = CASE_REQ_ANY;
  for (guint j = i; j < d->n; j++)
    {
      const Token *t = &d->toks[j];
      CaseReq req;
      guint32 child;
      EtType type;
      const char *canonical;

      if (!tok_known (t))
        break;
      if (j > i && (t->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START))
        break;
      child = lexicon_step (lex, node, t->wid, &req);
      if (child == LEXICON_NO_NODE || !case_meets (t->tcase, req))
        break;
      node = child;
      type = lexicon_node_type (lex, node, &canonical);
      /* a model never saw the phrases listed only as another's spelling
       * ("S and P" for "S&P"). The flag first, read beside the type, the
       * model's pointer only for a flagged node: callgrind, default
       * pipeline, 10,569 real news articles, the run 0.38 M instructions
       * more than without the test; the pointer tested first (once a
       * call), 0.43 M */
      if (type != ET_NONE && !(lexicon_node_is_variant (lex, node) && d->tg->for_model))
        {
          guint32 reqs = lexicon_node_reqs (lex, node);

          if (phrase_case_ok (d, i, j, reqs))
            {
              m->n_tokens = j - i + 1;
              m->type = type;
              m->canonical = canonical;
              m->first_req = LEX_REQ_AT (reqs, 0);
            }
        }
    }
}

/* See tagger.h. Not "Group", "Bank", "Administration": "Reagan and
 * Administration officials" once made an ORG of its words. */
gboolean
company_form (const Doc *d, const Token *t)
{
  /* with their lengths: strlen() of each, called in a loop over the
   * table, cost 6M instructions on the real-news file (callgrind,
   * default pipeline) */
  static const struct {
    const char *s;
    guint8 len;
  } forms[] = {
    { "Inc", 3 }, { "Inc.", 4 }, { "Corp", 4 }, { "Corp.", 5 }, { "Co", 2 }, { "Co.", 3 },
    { "Cos", 3 }, { "Cos.", 4 }, { "Ltd", 3 }, { "Ltd.", 4 }, { "PLC", 3 }, { "Plc", 3 },
    { "plc", 3 }, { "LLC", 3 }, { "AG", 2 }, { "SA", 2 }, { "S.A.", 4 }, { "NV", 2 },
    /* the tokenizer keeps a sentence's full stop with these, as with
     * "Inc.": "a stake in Barclays PLC." */
    { "PLC.", 4 }, { "Plc.", 4 }, { "plc.", 4 }, { "LLC.", 4 },
    { "N.V.", 4 }, { "SpA", 3 }, { "GmbH", 4 }, { "Corporation", 11 }, { "Incorporated", 12 },
  };
  gsize len = t->end - t->start;

  /* most names end with a word no form starts as (Bank, Ministry) */
  switch (d->text[t->start])
    {
    case 'I': case 'C': case 'L': case 'P': case 'p': case 'A': case 'S': case 'N': case 'G':
      break;
    default:
      return FALSE;
    }
  for (guint x = 0; x < G_N_ELEMENTS (forms); x++)
    if (len == forms[x].len && memcmp (d->text + t->start, forms[x].s, len) == 0)
      return TRUE;
  return FALSE;
}

/* the longest ending english_word_shape() tests ("ative", "wards") */
#define ENDING_MAX 5

/* Whether a capitalised word is spelled like an English noun or
 * adjective (Rebellion, Management, Community) rather than a name: its
 * ending. Names with these endings are rare; -ing and -er endings are
 * common in surnames (Manning, Fisher) and are not tested. */
gboolean
english_word_shape (const Doc *d, const Token *t)
{
  /* lengths written down, the token's tail lowered once, and the endings
   * grouped by their last letter, which is compared once a group: a
   * strlen and a g_ascii_strncasecmp() call for each of 26 endings cost
   * 850 instructions a test (12.4 M on 10,569 real news articles), a
   * memcmp() call each 560, the last letter of each ending in turn 226
   * (3.54 M for 15,641 tests), of each group 131 (2.05 M) */
  static const struct {
    char last;
    TextLit endings[7];
  } groups[] = {
    { 'n', { TEXT_LIT ("tion"), TEXT_LIT ("sion") } },
    { 's', { TEXT_LIT ("ness"), TEXT_LIT ("ics"), TEXT_LIT ("ists"), TEXT_LIT ("less"),
             TEXT_LIT ("ious"), TEXT_LIT ("eous"), TEXT_LIT ("wards") } },
    { 'y', { TEXT_LIT ("ity"), TEXT_LIT ("ogy"), TEXT_LIT ("ency"), TEXT_LIT ("ancy") } },
    { 'e', { TEXT_LIT ("ance"), TEXT_LIT ("ence"), TEXT_LIT ("ture"), TEXT_LIT ("ative"),
             TEXT_LIT ("able"), TEXT_LIT ("ible") } },
    { 't', { TEXT_LIT ("ment") } },
    { 'l', { TEXT_LIT ("ical"), TEXT_LIT ("ful") } },
    { 'd', { TEXT_LIT ("hood"), TEXT_LIT ("ward") } },
    { 'm', { TEXT_LIT ("ism") } },
    { 'p', { TEXT_LIT ("ship") } },
  };
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;
  char tail[ENDING_MAX];

  if (len < 6)
    return FALSE;
  for (guint k = 0; k < ENDING_MAX; k++)
    {
      char c = s[len - ENDING_MAX + k];

      tail[k] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      if (groups[g].last != tail[ENDING_MAX - 1])
        continue;
      /* a group's unused entries have no text (len 0) */
      for (guint i = 0; i < G_N_ELEMENTS (groups[g].endings) && groups[g].endings[i].len > 0; i++)
        {
          gsize el = groups[g].endings[i].len;

          if (len > el + 2 && memcmp (tail + ENDING_MAX - el, groups[g].endings[i].s, el - 1) == 0)
            return TRUE;
        }
      return FALSE;
    }
  return FALSE;
}

/* The classes that may start a number, date or time pattern. */
#define NUMERIC_TRIGGERS \
  (LEX_NUMBER | LEX_ORDINAL | LEX_CURRENCY | LEX_CURRENCY_SYM | LEX_MONTH | LEX_WEEKDAY \
   | LEX_DATE_WORD | LEX_TIME_WORD | LEX_DATE_REL | LEX_DATE_MOD | LEX_APPROX \
   | LEX_APPROX_HEAD | LEX_INDEFINITE)

/* , . - & ': the punctuation the rules look up */
static inline gboolean
is_rule_punct (char c)
{
  return c == ',' || c == '.' || c == '-' || c == '&' || c == '\'';
}

/* The counts that decide whether a sentence is a headline. */
typedef struct {
  guint n_upper, n_title, n_lower, n_lower_content, n_cap_common;
} SentCounts;

static gboolean
is_opening_punct (guint kind, const char *text)
{
  if (kind != GALLEY_TOKEN_PUNCT)
    return FALSE;
  switch (*text)
    {
    case '"': case '\'': case '(': case '[': case '-':
      return TRUE;
    default:
      /* “ ‘ and dashes: multi-byte */
      return (guchar) *text >= 0x80;
    }
}

/* The document's word table: how each capitalised word is cased in
 * running text, which is all that the caps pass asks (measured: a table
 * of every word was 7% of the tagger's instructions). Open addressing
 * over hashes only (a 64-bit collision would merge two words' evidence,
 * which is harmless). */
#define DW_FIRST (1u << 16)

static void
doc_words_init (Doc *d)
{
  guint size = 64;

  /* Eight slots a capitalised token: every lower-case word probes the
   * table, and a probe mispredicts when its slot holds another word.
   * With two slots a token, a third of the 1.3 M probes on 10,569 real
   * news articles met another word; with eight, the stage's
   * mispredictions went 13.69 M -> 13.32 M and its instructions
   * 781.8 M -> 780.0 M (callgrind), bench-entity-tagger's thread CPU
   * 0.137-0.155 s -> 0.135-0.152 s. A news article's table stays a few
   * KB. */
  while (size < d->n_caps * 8)
    size <<= 1;
  /* sized for every capitalised token up to DW_FIRST slots; beyond, the
   * table grows with the distinct words (doc_words_grow) */
  if (size > DW_FIRST && size > d->sc->dwords_size)
    size = MAX (DW_FIRST, d->sc->dwords_size);
  d->dmask = size - 1;
  d->n_dwords = 0;
  if (d->sc->dwords_size < size)
    {
      g_free (d->sc->dwords);
      d->sc->dwords = g_new0 (DocWord, size);
      d->sc->dwords_size = size;
      d->sc->doc_gen = 0;
    }
  d->dwords = d->sc->dwords;
  if (++d->sc->doc_gen == 0)
    {
      memset (d->dwords, 0, d->sc->dwords_size * sizeof (DocWord));
      d->sc->doc_gen = 1;
    }
}

/* doc_words_grow: the table doubles, in a new zeroed buffer (generation
 * 0 is never current: every slot reads as empty), and this document's
 * words move over. Slots change: the caller sets the tokens' dslot again.
 * Sized for every capitalised token, a 10 MB document's table was 2^21
 * slots (33 MB) for far fewer distinct words. */
static G_GNUC_NO_INLINE void
doc_words_grow (Doc *d)
{
  const guint32 gen = d->sc->doc_gen;
  guint size = 2 * (d->dmask + 1);
  guint mask = size - 1;
  DocWord *words = g_new0 (DocWord, size);

  for (guint i = 0; i <= d->dmask; i++)
    {
      guint j;

      if (d->dwords[i].gen != gen)
        continue;
      j = (guint) (d->dwords[i].hash >> 7) & mask;
      while (words[j].gen == gen)
        j = (j + 1) & mask;
      words[j] = d->dwords[i];
    }
  g_free (d->sc->dwords);
  d->sc->dwords = d->dwords = words;
  d->sc->dwords_size = size;
  d->dmask = mask;
}

/* Whether sentence [s, e) ends with a parenthesis and a dash: a
 * dateline's credit, `CUPERTINO, Calif. (Kestrel Daily) —`, in title
 * case with no lower-case word like a headline, but with names in it
 * (as a headline, the credit's words were weak, and the dateline's
 * credit rule in names.c never saw them). */
static gboolean
credit_dash (const Doc *d, guint s, guint e)
{
  const Token *t = &d->toks[e - 1];

  return e - s >= 3 && tok_text_eq (d, t - 1, ")") && tok_is_dash (d, t);
}

/* A sentence [s, e) is complete: whether it is a headline (a sentence in
 * all capitals, or one in title case: every word but short function
 * words capitalised, with no final period; its capitals say nothing
 * about names, so its words count only with other evidence) or a byline,
 * then its words' casing in the document's word table, while its tokens
 * are still in the cache. Returns whether it is a headline. */
static gboolean
finish_sentence (Doc *d, guint s, guint e, const SentCounts *c)
{
  gboolean headline;

  headline = (c->n_upper >= 3
              && c->n_upper * 10 >= (c->n_upper + c->n_title + c->n_lower) * 8);
  if (!headline && c->n_lower_content == 0 && c->n_title + c->n_upper >= 4 && c->n_cap_common >= 1
      && !(d->toks[e - 1].kind == GALLEY_TOKEN_PUNCT && d->text[d->toks[e - 1].start] == '.')
      && !credit_dash (d, s, e))
    headline = TRUE;
  /* a byline: "By JOHN LEICESTER and SAMYA KULLAB Associated Press" */
  if (e - s <= 16 && tok_is_word (&d->toks[s]) && d->toks[s].end - d->toks[s].start == 2
      && g_ascii_strncasecmp (d->text + d->toks[s].start, "by", 2) == 0
      && d->toks[s].tcase != GALLEY_CASE_LOWER && c->n_lower_content == 0)
    {
      for (guint k = s + 1; k < e; k++)
        d->toks[k].byline = 1;
      headline = FALSE;
    }
  if (headline)
    for (guint k = s; k < e; k++)
      d->toks[k].headline = 1;
  return headline;
}

/* The slot of hash @h in a word table: its own, or the empty one where
 * it would go. */
static inline guint
word_table_probe (const DocWord *dwords, guint dmask, guint32 gen, guint64 h)
{
  guint i = (guint) (h >> 7) & dmask;

  while (dwords[i].gen == gen && dwords[i].hash != h)
    i = (i + 1) & dmask;
  return i;
}

static inline guint
doc_word_slot (const Doc *d, guint64 h)
{
  return word_table_probe (d->dwords, d->dmask, d->sc->doc_gen, h);
}

/* Whether mark_doc_words() put token @t in the word table: a capitalised
 * word (not an abbreviation, not a clitic). */
static inline gboolean
in_doc_words (const Token *t)
{
  return t->kind == GALLEY_TOKEN_WORD && !(t->tflags & GALLEY_TOKEN_FLAG_CLITIC)
         && (t->tcase == GALLEY_CASE_UPPER || t->tcase == GALLEY_CASE_TITLE
             || t->tcase == GALLEY_CASE_MIXED);
}

/* The word table's flags of token @t (0 for a word not in it). Its slot
 * is probed again rather than kept in every token (4 bytes a token). */
guint32
doc_word_flags (const Doc *d, const Token *t)
{
  guint i;

  if (!in_doc_words (t))
    return 0;
  i = doc_word_slot (d, tok_hash (d, t) | 1);
  return d->dwords[i].gen == d->sc->doc_gen ? d->dwords[i].flags : 0;
}

/* The lower-case words mark the capitalised words they spell with
 * DW_LOWER. scan_tokens() listed their hashes, headlines' left out, so
 * that no token is read again. The table and its mask in locals:
 * through d, a store to a slot's flags (a guint32) might change d->dmask
 * (a guint), so each was loaded again per word (the stage on
 * 10,569 real news articles: 878.3 M -> 866.2 M instructions
 * with locals; 860.6 M -> 845.9 M with the hashes listed). */
static void
mark_lower_words (Doc *d)
{
  const guint32 gen = d->sc->doc_gen;
  DocWord *const dwords = d->dwords;
  const guint dmask = d->dmask;
  const guint64 *const lowers = d->lowers;
  const guint n_lowers = d->n_lowers;

  G_STATIC_ASSERT (DW_LOWER == 1);
  for (guint li = 0; li < n_lowers; li++)
    {
      const guint64 h = lowers[li];
      guint i = (guint) (h >> 7) & dmask;

      /* One branch a probe, taken only past a slot that holds another
       * word: whether the slot is empty, the word's own or another's is
       * data, and a probe that tested the first two in turn
       * mispredicted as often as a lower-case word met a slot in use.
       * An empty slot's flags get a harmless OR of 0 (a slot's flags
       * are set, not ORed, when a word takes it). The stage on 10,569
       * real news articles: 0.41 M fewer mispredicted branches for 10 M
       * more instructions; bench-entity-tagger's best thread CPU time
       * 0.144 -> 0.143 s, ranges 0.144-0.160 -> 0.143-0.154 s. */
      for (;;)
        {
          DocWord *w = &dwords[i];
          const guint used = w->gen == gen;
          const guint same = used & (w->hash == h);

          w->flags |= same;
          if (G_LIKELY (used == same))
            break;
          i = (i + 1) & dmask;
        }
    }
}

/* Pass 3: the capitalised words go into the document's word table, with
 * DW_CAP_MID where a sentence has one inside it; then the lower-case
 * words mark the ones they spell with DW_LOWER. Headlines say nothing. */
static void
mark_doc_words (Doc *d)
{
  /* the table, its mask, the count and the lists in locals, as in
   * mark_lower_words() (the stage: 829.7 M -> 826.1 M instructions) */
  const guint32 gen = d->sc->doc_gen;
  const Token *const toks = d->toks;
  const guint32 *const caps = d->caps;
  guint32 *const caps_slot = d->caps_slot;
  const guint n_caps = d->n_caps;
  DocWord *dwords = d->dwords;
  guint dmask = d->dmask;
  guint n_dwords = d->n_dwords;
  const guint16 *const wid_lower = d->sc->wid_lower;
  const guint16 lower_gen = d->sc->lower_gen;
  gboolean grown = FALSE;

  for (guint ci = 0; ci < n_caps; ci++)
    {
      const Token *t = &toks[caps[ci]];
      guint64 h;
      guint i;

      caps_slot[ci] = G_MAXUINT32;
      if (t->kind != GALLEY_TOKEN_WORD)
        continue;
      h = tok_hash (d, t) | 1;
      i = word_table_probe (dwords, dmask, gen, h);
      caps_slot[ci] = i;
      if (!t->headline && !t->sent_init
          && (t->tcase == GALLEY_CASE_TITLE || t->tcase == GALLEY_CASE_MIXED))
        {
          if (dwords[i].gen == gen)
            {
              dwords[i].flags |= DW_CAP_MID;
              continue;
            }
          dwords[i].flags = DW_CAP_MID;
        }
      else if (dwords[i].gen == gen)
        continue;
      else
        dwords[i].flags = 0;
      /* a word new to the table; a word the lexicon knows is DW_LOWER
       * when the running text has it in lower case (scan_tokens marked
       * its id), the others when mark_lower_words() finds them */
      if (tok_known (t) && wid_lower[t->wid] == lower_gen)
        dwords[i].flags |= DW_LOWER;
      dwords[i].gen = gen;
      dwords[i].hash = h;
      if (++n_dwords * 2 > dmask + 1)
        {
          d->n_dwords = n_dwords;
          doc_words_grow (d);
          dwords = d->dwords;
          dmask = d->dmask;
          grown = TRUE;
        }
    }
  d->n_dwords = n_dwords;
  /* slots move when the table grows */
  if (grown)
    for (guint ci = 0; ci < d->n_caps; ci++)
      if (d->caps_slot[ci] != G_MAXUINT32)
        d->caps_slot[ci] = doc_word_slot (d, tok_hash (d, &d->toks[d->caps[ci]]) | 1);
  mark_lower_words (d);
}

/* Whether the rules look token @t up in the lexicon: words, numbers and
 * symbols, and of punctuation only , . - & ' (quotes, brackets and dashes
 * skip the lookup). Kinds without letters that the rules never look up,
 * like URLs and emoji, keep LEX_NO_WORD. */
static inline gboolean
is_looked_up (guint kind, const char *text)
{
  switch (kind)
    {
    case GALLEY_TOKEN_PUNCT:
      return is_rule_punct (*text);
    case GALLEY_TOKEN_WORD:
    case GALLEY_TOKEN_ABBREV:
    case GALLEY_TOKEN_SYMBOL:
    case GALLEY_TOKEN_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The hash of a token that is not looked up: its first byte for
 * punctuation, its offset for the others (a URL equals no other token). */
guint64
tok_unknown_hash (const Doc *d, const Token *t)
{
  guint64 hash, flags;

  if (t->kind == GALLEY_TOKEN_PUNCT && !is_rule_punct (d->text[t->start]))
    return (guint64) (guchar) d->text[t->start] * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  if (!is_looked_up (t->kind, d->text + t->start))
    return (guint64) t->start * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  /* a word whose hash found no room in Doc.uhash (scan_tokens) */
  lexicon_lookup (d->tg->lex, d->text + t->start, t->end - t->start, d->text_end,
                  !(t->tflags & GALLEY_TOKEN_FLAG_NON_ASCII), &hash, &flags);
  return hash;
}

/* An unknown word's hash goes to Doc.uhash, its index to the token's
 * wid. Out of line: the buffer grows (doubling) a few times a document. */
static G_GNUC_NO_INLINE void
uhash_grow (Doc *d)
{
  Scratch *sc = d->sc;

  sc->uhash_size = MAX (256, 2 * sc->uhash_size);
  sc->uhash = g_renew (guint64, sc->uhash, sc->uhash_size);
  d->uhash = sc->uhash;
}

/* An unknown word's hash goes to Doc.uhash (*@uhash, *@n_uhash in the
 * caller's locals), and its index, marked, is the token's wid. */
static inline G_ALWAYS_INLINE guint32
keep_unknown_hash (Doc *d, guint64 **uhash, guint *n_uhash, guint64 thash)
{
  if (G_UNLIKELY (*n_uhash == d->sc->uhash_size))
    {
      uhash_grow (d);
      *uhash = d->uhash;
    }
  (*uhash)[*n_uhash] = thash;
  return TOK_UNKNOWN | (*n_uhash)++;
}

/* Whether word @t starts with a digit or holds a hyphen: an unknown
 * word the scan tries (4th-quarter, mid-1990s). */
static inline gboolean
digit_or_hyphen (const char *text, const Token *t)
{
  return g_ascii_isdigit (text[t->start])
         || memchr (text + t->start, '-', t->end - t->start) != NULL;
}

/* The known lower-case words of a sentence that is no headline, listed
 * by scan_tokens() in [@from, @to), mark their ids in the running
 * text. */
static void
mark_known_lowers (Scratch *sc, const guint64 *from, const guint64 *to)
{
  guint16 *const wid_lower = sc->wid_lower;
  const guint16 gen = sc->lower_gen;

  for (const guint64 *p = from; p < to; p++)
    wid_lower[*p] = gen;
}

/* The span flags of a lower-case ASCII word that is no clitic and starts
 * no sentence (scan_tokens' own path for them). */
#define PLAIN_LOWER_MASK \
  (GALLEY_TOKEN_KIND_MASK | GALLEY_TOKEN_CASE_MASK | GALLEY_TOKEN_FLAG_CLITIC \
   | GALLEY_TOKEN_FLAG_SENTENCE_START | GALLEY_TOKEN_FLAG_NON_ASCII)
#define PLAIN_LOWER (GALLEY_TOKEN_WORD | (GALLEY_CASE_LOWER << GALLEY_TOKEN_CASE_SHIFT))
#define WANT_FIRST (1u << 31)
G_STATIC_ASSERT ((PLAIN_LOWER_MASK & WANT_FIRST) == 0);

/* How many tokens ahead of its lookup a token is hashed and its probe
 * slot loaded (see lexicon_lookup()). */
#define PREFETCH_AHEAD 8

/* The hash of ASCII token @sp, its probe slot asked for (0 for the
 * others, which are rare and fold first: whatever slot 0 holds is loaded
 * for nothing). */
static inline G_ALWAYS_INLINE guint64
hash_ahead (const WordProbe *probes, guint wmask, const char *text, const char *text_end,
            const GalleySpan *sp)
{
  guint64 h;

  if (sp->flags & GALLEY_TOKEN_FLAG_NON_ASCII)
    return 0;
  h = lexicon_hash_ascii (text + sp->start, sp->end - sp->start, text_end, FALSE);
  lexicon_prefetch (probes, wmask, h);
  return h;
}

/* Passes 1 and 2 in one walk over the tokens (measured: four walks were
 * a quarter of the tagger's instructions): word ids, classes and hashes
 * (kinds without letters that the rules never look up, like numbers,
 * URLs and emoji, keep LEX_NO_WORD); sentence starts and the counts of
 * each sentence's casing, finished at its end; and the lists that the
 * later passes walk instead of every token: capitalised words,
 * lower-case words, and the tokens the scan tries. */
static void
scan_tokens (Doc *d, const GalleySpan *spans)
{
  /* The lists, their counts and the text in locals: through d, every
   * store to a list (a guint32) might change a count (a guint), so the
   * compiler loaded and stored each count again at every token (the
   * stage on 10,569 real news articles: 886.7 M -> 878.3 M
   * instructions); the same for the word table's slots and mask, which a
   * store to a token might change as far as the compiler knows (816.9 M
   * -> 812.6 M). */
  const LexiconWordTable *wt = (const LexiconWordTable *) d->tg->lex;
  const WordProbe *const probes = wt->probes;
  const WordById *const by_id = wt->by_id;
  const guint wmask = wt->wmask;
  const char *const text = d->text, *const text_end = d->text_end;
  Token *const toks = d->toks;
  guint32 *const caps = d->caps, *const scan = d->scan;
  guint64 *const lowers = d->lowers;
  guint64 *uhash = d->sc->uhash;
  const guint n = d->n;
  guint n_caps = 0, n_lowers = 0, n_scan = 0, n_uhash = 0;
  /* the sentence's counts, a SentCounts at its end: in locals, since
   * the struct, whose address finish_sentence() takes, lived in memory
   * and each count was loaded and stored again at every token */
  guint n_upper = 0, n_title = 0, n_lower = 0, n_lower_content = 0, n_cap_common = 0;
  guint s = 0, n_sport = 0, s_lowers = 0;
  /* WANT_FIRST until the sentence's first word is seen: a bit outside
   * PLAIN_LOWER_MASK, so that one compare tests it with the flags */
  guint32 want_first = WANT_FIRST;
  /* the ids of the known lower-case words of the sentence, listed down
   * from the end of the lowers buffer (the unknown words' hashes fill it
   * from the start, and the two hold at most one entry a token between
   * them); they mark Scratch.wid_lower when the sentence is no headline,
   * while the list is in the cache, and mark_doc_words() reads the mark
   * of a known capitalised word when it enters the table. Only the
   * unknown lower-case words probe the document's word table in
   * mark_lower_words() (of the 1.31 M words that take the lower-case
   * path on 10,569 real news articles, 0.27 M). Callgrind, default
   * pipeline, one job: tag_document() 662.3 M -> 648.8 M instructions,
   * 12.25 M -> 12.18 M mispredicted branches, 3.57 M -> 3.44 M
   * first-level data misses (mark_lower_words() 26.2 M -> 5.5 M, the
   * marks' loop 5.9 M, mark_doc_words() 8.4 M -> 9.4 M); thread CPU of
   * bench-entity-tagger did not move beyond the noise (medians 0.142 and
   * 0.1435 s, 10 alternated runs at load 3-4). The tenth round listed the
   * ids beside the hashes for mark_lower_words() to mark, with a branch
   * on known or unknown that the token pass did not have then: no gain. */
  guint64 *const known_end = lowers + n;
  guint64 *known = known_end;

  /* the hashes of tokens i to i + PREFETCH_AHEAD - 1, at their index
   * modulo PREFETCH_AHEAD */
  guint64 ahead[PREFETCH_AHEAD];

  for (guint i = 0; i < MIN (n, PREFETCH_AHEAD); i++)
    ahead[i] = hash_ahead (probes, wmask, text, text_end, &spans[i]);
  d->uhash = uhash;
  for (guint i = 0; i < n; i++)
    {
      Token *t = &toks[i];
      const GalleySpan *sp = &spans[i];
      guint64 thash = 0, tlex;
      guint in_scan = 0;

      const guint64 ahash = ahead[i % PREFETCH_AHEAD];

      if (G_LIKELY (i + PREFETCH_AHEAD < n))
        ahead[i % PREFETCH_AHEAD] =
          hash_ahead (probes, wmask, text, text_end, &spans[i + PREFETCH_AHEAD]);

      /* A lower-case ASCII word inside a sentence, not a clitic, after
       * its first word: two in three tokens (1.31 M of 1.94 M on 10,569
       * real news articles). Its own path knows what the general one
       * tests at every token (whether it is looked up, its case, whether
       * it is a word, ASCII, the sentence's first word), and one compare
       * of its flags tells it. Callgrind, default pipeline, one job: the
       * stage 714.8 M -> 657.8 M instructions (the token pass's own
       * lines 144.6 M -> 106 M; 659.1 M with want_first a test of its
       * own), mispredicted branches 11.79 M -> 12.09 M (this test
       * mispredicts 0.55 M times; the tests it spares the other tokens
       * 0.25 M). bench-entity-tagger news-dev.jsonl 20, thread CPU, 10
       * alternated runs at load 1.3-1.7: 0.160-0.166 s (median 0.1625)
       * before, 0.157-0.161 s (median 0.159) after. */
      if (((sp->flags & PLAIN_LOWER_MASK) | want_first) == PLAIN_LOWER)
        {
          t->start = sp->start;
          t->end = sp->end;
          t->bits = token_bits (sp->flags);
          thash = ahash;
          t->wid = lexicon_probe_in (probes, wmask, by_id, thash, &tlex);
          if (t->wid == LEX_NO_WORD)
            {
              if (G_LIKELY (n_uhash < TOK_UNKNOWN - 1))
                t->wid = keep_unknown_hash (d, &uhash, &n_uhash, thash);
              lowers[n_lowers++] = thash | 1;
              /* an unknown word with a digit or a hyphen: the scan
               * tries it */
              if (digit_or_hyphen (text, t))
                {
                  t->numeric = 1;
                  scan[n_scan++] = i;
                }
            }
          else
            {
              *--known = t->wid;
              if (tlex & (NUMERIC_TRIGGERS | LEX_PHRASE_START_LOWER))
                {
                  t->numeric = (tlex & NUMERIC_TRIGGERS) || !(tlex & LEX_PHRASE_START_LOWER);
                  scan[n_scan++] = i;
                }
            }
          n_lower++;
          n_lower_content += (tlex & LEX_FUNCTION) == 0;
          n_sport += (tlex & LEX_SPORT) != 0;
          continue;
        }
      if (i > s && (sp->flags & GALLEY_TOKEN_FLAG_SENTENCE_START))
        {
          const SentCounts c = { n_upper, n_title, n_lower, n_lower_content, n_cap_common };

          /* a headline's lower-case words say nothing */
          if (finish_sentence (d, s, i, &c))
            n_lowers = s_lowers;
          else
            mark_known_lowers (d->sc, known, known_end);
          known = known_end;
          s_lowers = n_lowers;
          n_upper = n_title = n_lower = n_lower_content = n_cap_common = 0;
          s = i;
          want_first = WANT_FIRST;
        }
      t->start = sp->start;
      t->end = sp->end;
      t->bits = token_bits (sp->flags);
      tlex = 0;
      if (!is_looked_up (t->kind, text + t->start))
        t->wid = LEX_NO_WORD;
      else
        {
          if (!(sp->flags & GALLEY_TOKEN_FLAG_NON_ASCII))
            {
              thash = ahash;
              t->wid = lexicon_probe_in (probes, wmask, by_id, thash, &tlex);
            }
          else
            t->wid = lexicon_lookup_in (probes, wmask, by_id, text + t->start,
                                        t->end - t->start, text_end, FALSE, FALSE, &thash,
                                        &tlex);
          /* an unknown word keeps its hash aside; past 2^31 of them
           * (never: lines are shorter), tok_hash() computes it again */
          if (t->wid == LEX_NO_WORD && n_uhash < TOK_UNKNOWN - 1)
            t->wid = keep_unknown_hash (d, &uhash, &n_uhash, thash);
        }
      /* the first word, after opening quotes and brackets */
      if (want_first)
        {
          if (tok_is_word (t))
            {
              t->sent_init = 1;
              want_first = 0;
            }
          else if (!is_opening_punct (t->kind, text + t->start))
            want_first = 0;
        }
      /* the tokens the scan has to look at: numbers, words of the
       * classes that start a pattern or a phrase, unknown words with a
       * digit or a hyphen, and (below) capitalised words */
      if (t->kind == GALLEY_TOKEN_NUMBER
          || (tlex & (NUMERIC_TRIGGERS | LEX_PHRASE_START_LOWER))
          || (t->kind == GALLEY_TOKEN_WORD && !tok_known (t) && digit_or_hyphen (text, t)))
        {
          /* a known word of a phrase class alone (no number, no
           * trigger; an unknown word never has a class) is the one kind
           * here that starts no numeric pattern */
          t->numeric = t->kind == GALLEY_TOKEN_NUMBER || (tlex & NUMERIC_TRIGGERS)
                       || !(tlex & LEX_PHRASE_START_LOWER);
          scan[n_scan++] = i;
          if (t->kind == GALLEY_TOKEN_NUMBER)
            continue;
          in_scan = 1;
        }
      if (!tok_is_word (t) || (t->tflags & GALLEY_TOKEN_FLAG_CLITIC))
        continue;
      /* Inside each case, arithmetic rather than branches on what the
       * predictor cannot guess (a word's classes, whether it is a
       * clitic): the next entry of a list is written whatever the word,
       * and the count advances by the condition (an entry past the count
       * is never read; a count is at most i before this token). Each
       * branch so replaced mispredicted 0.1-0.4 M times on 10,569 real
       * news articles; making the case and the kind arithmetic too
       * removed 1.4 M more but cost 150 M instructions, and no time. */
      switch (t->tcase)
        {
        case GALLEY_CASE_UPPER:
          n_upper += t->end - t->start > 1;
          caps[n_caps++] = i;
          scan[n_scan] = i;
          n_scan += !in_scan;
          break;
        case GALLEY_CASE_TITLE:
        case GALLEY_CASE_MIXED:
          n_title++;
          n_cap_common += !t->sent_init & ((tlex & LEX_COMMON) != 0);
          caps[n_caps++] = i;
          scan[n_scan] = i;
          n_scan += !in_scan;
          break;
        case GALLEY_CASE_LOWER:
          {
            const guint is_word = t->kind == GALLEY_TOKEN_WORD;

            n_lower++;
            n_lower_content += (tlex & LEX_FUNCTION) == 0;
            /* the word was looked up: thash is its tok_hash() */
            if (is_word)
              {
                if (tok_known (t))
                  *--known = t->wid;
                else
                  lowers[n_lowers++] = thash | 1;
              }
            n_sport += is_word & ((tlex & LEX_SPORT) != 0);
          }
          break;
        default:
          break;
        }
    }
  if (n > 0)
    {
      const SentCounts c = { n_upper, n_title, n_lower, n_lower_content, n_cap_common };

      if (finish_sentence (d, s, n, &c))
        n_lowers = s_lowers;
      else
        mark_known_lowers (d->sc, known, known_end);
    }
  d->n_caps = n_caps;
  d->n_lowers = n_lowers;
  d->n_scan = n_scan;
  d->n_uhash = n_uhash;
  d->n_sport = n_sport;
}

/* Considering, Asked, Finally: a sentence's first word spelled like a
 * verb form or an adverb is an ordinary word unless the document
 * capitalises it elsewhere (known names are never tested: Manning). */
static gboolean
verb_or_adverb_shape (const Doc *d, const Token *t)
{
  const char *s = d->text + t->start;
  gsize len = t->end - t->start;

  if (tok_lex (d, t) & (LEX_GIVEN | LEX_SURNAME) || t->tcase != GALLEY_CASE_TITLE || len < 5)
    return FALSE;
  return (s[len - 3] == 'i' && s[len - 2] == 'n' && s[len - 1] == 'g')
         || (s[len - 2] == 'l' && s[len - 1] == 'y')
         || (s[len - 2] == 'e' && s[len - 1] == 'd');
}

/* Whether the token after @t, in the same sentence, is capitalised. */
static gboolean
next_is_capitalised (const Doc *d, const Token *t)
{
  const Token *n = t + 1;

  return n < d->toks + d->n && !(n->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START)
         && (n->tcase == GALLEY_CASE_TITLE || n->tcase == GALLEY_CASE_UPPER);
}

/* Whether @t, capitalised as a sentence's first word, is a common word
 * by the spelling dictionary (dict=: it writes the word in lower case
 * only) that opens no name: before a lower-case word ("Fourteen people",
 * "Overnight, ...", "Avg price"), or a role before a person's given name
 * ("Keeper Petr Cech", "Bookmaker William Hill"). Before another
 * capitalised word, or "of" or "and" and one, it may open one ("Bankers
 * Trust Co", "Salvation Army", "Cat Deeley", "Ministry of Primary
 * Industries"), and stays as it was; so does a word that opens or ends a
 * place's or a storm's name in the lists ("Hurricane Otis").
 *
 * Not for a model: it reads the list for every word itself, and its
 * 5-fold F1 on GUM fell with the rule on every seed (0.797, 0.797, 0.798
 * -> 0.795, 0.795, 0.797; issue 17, eighty-first round). */
static gboolean
dict_common_first (const Doc *d, const Token *t)
{
  if (d->tg->for_model || t->tcase != GALLEY_CASE_TITLE
      || (tok_lex (d, t) & (LEX_GIVEN | LEX_SURNAME | LEX_PLACE_BOTH))
      || et_dict_classes (d->tg->dict, d->text + t->start, t->end - t->start) != ET_DICT_LOWER)
    return FALSE;
  if (t + 2 < d->toks + d->n
      && (tok_text_eq (d, t + 1, "of") || tok_text_eq (d, t + 1, "and") || tok_text_eq (d, t + 1, "&"))
      && next_is_capitalised (d, t + 1))
    return FALSE;  /* "Industrial and Commercial Bank", "Ministry of ..." */
  return !next_is_capitalised (d, t) || (tok_lex (d, t + 1) & LEX_GIVEN);
}

/* Pass 4: how much each capitalised word (scan_tokens listed them)
 * looks like part of a name. */
static void
mark_caps (Doc *d)
{
  for (guint ci = 0; ci < d->n_caps; ci++)
    {
      Token *t = &d->toks[d->caps[ci]];
      guint32 dw;
      guchar c0;

      c0 = (guchar) d->text[t->start];
      if (c0 >= '0' && c0 <= '9')
        continue;
      if (t->end - t->start == 1 && c0 == 'I')
        continue;  /* the pronoun */
      /* the slot mark_doc_words() found: no second probe */
      dw = d->caps_slot[ci] != G_MAXUINT32 ? d->dwords[d->caps_slot[ci]].flags : 0;
      if (t->tcase == GALLEY_CASE_TITLE && (tok_lex (d, t) & LEX_CLOSED)
          && (!(tok_lex (d, t) & (LEX_GIVEN | LEX_SURNAME)) || !next_is_capitalised (d, t)))
        t->cap = CAP_WEAK;  /* She, To, That: wherever they are capitalised;
                             * He too, a surname only before a given name
                             * (He Lifeng): a quotation opening with "He"
                             * capitalised it mid-sentence, and the pronoun
                             * became a PERSON through the article (45 on
                             * the real-news file, all wrong; tag_document()
                             * 656.4M -> 655.0M instructions, the default pipeline
                             * on that file, callgrind) */
      else if (t->headline)
        {
          if (((dw & DW_CAP_MID) && !(dw & DW_LOWER))
              || ((tok_lex (d, t) & (LEX_GIVEN | LEX_SURNAME)) && !(tok_lex (d, t) & LEX_COMMON)))
            t->cap = CAP_STRONG;
          else
            t->cap = CAP_WEAK;
        }
      else if (t->sent_init)
        {
          if (((tok_lex (d, t) & LEX_COMMON) || (dw & DW_LOWER) || verb_or_adverb_shape (d, t)
               || dict_common_first (d, t))
              && !(dw & DW_CAP_MID))
            t->cap = CAP_WEAK;
          else
            t->cap = CAP_STRONG;
        }
      else if (t->tcase == GALLEY_CASE_UPPER && (tok_lex (d, t) & LEX_COMMON))
        t->cap = CAP_WEAK;  /* OK, US: acronyms that spell words */
      else
        t->cap = CAP_STRONG;
    }
}

void
tagger_scratch_free (gpointer data)
{
  Scratch *sc = data;

  g_free (sc->toks);
  g_free (sc->caps);
  g_free (sc->caps_slot);
  g_free (sc->scan);
  g_free (sc->lowers);
  g_free (sc->uhash);
  g_free (sc->dwords);
  g_free (sc->wid_lower);
  for (guint i = 0; i < MAPS_MAX; i++)
    g_free (sc->map_slots[i]);
  g_free (sc->reps);
  g_free (sc->spans);
  g_free (sc->mentions);
  g_string_free (sc->scratch, TRUE);
  g_free (sc);
}

/* One byte a thread: its address names the thread to scratch_take(). */
static _Thread_local char this_thread;

/* scratch_take: the buffers this thread used last, if they are in the
 * pool, else any. With several jobs, the last buffers given back went
 * to whichever worker asked next, so each worker's document ran on
 * buffers (tokens, word marks, maps: tens of KB) that sat in the other
 * core's cache. The default pipeline on 10,569 real news articles, two
 * jobs: the tagger took 44% more samples than with one job (perf), and
 * two separate processes of bench-entity-tagger ran at the speed of
 * one. The pool holds one Scratch a concurrent call, so the walk is
 * short. */
static Scratch *
scratch_take (Tagger *tg)
{
  Scratch *sc = NULL;

  pthread_mutex_lock (&tg->pool_lock);
  if (tg->pool->len > 0)
    {
      guint pick = tg->pool->len - 1;

      for (guint i = 0; i < tg->pool->len; i++)
        if (((Scratch *) g_ptr_array_index (tg->pool, i))->owner == &this_thread)
          {
            pick = i;
            break;
          }
      sc = g_ptr_array_steal_index_fast (tg->pool, pick);
    }
  pthread_mutex_unlock (&tg->pool_lock);
  if (sc == NULL)
    {
      sc = g_new0 (Scratch, 1);
      sc->scratch = g_string_sized_new (1024);
    }
  sc->owner = &this_thread;
  return sc;
}

/* A huge document's buffers (past BIG_TOKENS tokens) go as soon as the
 * passes are done with each, and none is kept for the next, small,
 * documents. Massif and VmRSS, one 100 MB document (19.6 million
 * tokens, 2.8 million mentions) through the default pipeline: the
 * tagger held its tokens (314 MB), its lists of tokens (87 MB) and its
 * mentions (113 MB) while it built the entity layer (233 MB); the
 * process peaked at 1.24 GB, and at 0.93 GB once they go. */
#define BIG_TOKENS (1u << 18)

static inline gboolean
scratch_is_big (const Scratch *sc)
{
  return sc->toks_size > BIG_TOKENS;
}

/* scratch_drop_tokens: after emit_bytes(), what only the passes read. */
static void
scratch_drop_tokens (Scratch *sc)
{
  g_clear_pointer (&sc->toks, g_free);
  g_clear_pointer (&sc->uhash, g_free);
  sc->uhash_size = 0;
  g_clear_pointer (&sc->dwords, g_free);
  sc->dwords_size = 0;
  g_clear_pointer (&sc->spans, g_free);
  sc->spans_size = 0;
  for (guint i = 0; i < MAPS_MAX; i++)
    {
      g_clear_pointer (&sc->map_slots[i], g_free);
      sc->map_sizes[i] = 0;
    }
}

static void
scratch_give (Tagger *tg, Scratch *sc)
{
  if (scratch_is_big (sc))
    {
      g_clear_pointer (&sc->toks, g_free);
      g_clear_pointer (&sc->caps, g_free);
      g_clear_pointer (&sc->caps_slot, g_free);
      g_clear_pointer (&sc->scan, g_free);
      g_clear_pointer (&sc->lowers, g_free);
      g_clear_pointer (&sc->dwords, g_free);
      sc->toks_size = sc->dwords_size = 0;
    }
  if (sc->uhash_size > (1u << 16))
    {
      g_clear_pointer (&sc->uhash, g_free);
      sc->uhash_size = 0;
    }
  for (guint i = 0; i < MAPS_MAX; i++)
    if (sc->map_sizes[i] > (1u << 16))
      {
        g_clear_pointer (&sc->map_slots[i], g_free);
        sc->map_sizes[i] = 0;
      }
  if (sc->mentions_size > (1u << 16))
    {
      g_clear_pointer (&sc->mentions, g_free);
      sc->mentions_size = 0;
    }
  pthread_mutex_lock (&tg->pool_lock);
  g_ptr_array_add (tg->pool, sc);
  pthread_mutex_unlock (&tg->pool_lock);
}

/* A new document for Scratch.wid_lower: its generation moves on (a
 * 16-bit generation: 2 bytes a word, 32 KB with iso-codes' words;
 * cleared once every 65,535 documents). 8 bits (16 KB, cleared every
 * 255): 0.5 M more instructions, 0.04 M fewer data misses (callgrind,
 * 10,569 real news articles). */
static void
lower_marks_next (Scratch *sc, const Lexicon *lex)
{
  if (sc->wid_lower == NULL)
    {
      sc->wid_lower = g_new0 (guint16, MAX (lexicon_n_words (lex), 1));
      sc->lower_gen = 0;
    }
  if (++sc->lower_gen == 0)
    {
      memset (sc->wid_lower, 0, MAX (lexicon_n_words (lex), 1) * sizeof (guint16));
      sc->lower_gen = 1;
    }
}

/* The numeric patterns at unknown capitalised word @i, when it starts
 * as a month or "mid" (either case) does; else 0. */
static G_GNUC_NO_INLINE guint
hyphen_date (Doc *d, guint i)
{
  char c = d->text[d->toks[i].start];

  if (c == '\0' || strchr ("JFMASONDjfmasond", c) == NULL)
    return 0;
  return numeric_scan (d, i);
}

/* cap_may_start_numeric: whether numeric_scan() can match at the
 * capitalised word @i. Token.numeric (scan_tokens) says so for the words
 * of a numeric class (months, weekdays, currencies, number words...) and
 * the unknown words with a digit or a hyphen; numeric_core() also tries
 * an unknown abbreviation's hyphen (is_month_range, hyphen_ordinal), an
 * age's leading digit (is_age_token) and the letters of US$5
 * (money_after_currency), and nothing else. Most capitalised words are
 * none of these: numeric_scan() on each cost 25.5 M instructions on
 * 10,569 real news articles (73,617 calls), matching at few. */
static inline gboolean
cap_may_start_numeric (const Doc *d, guint i)
{
  const Token *t = &d->toks[i];
  const char *s = d->text + t->start;

  if (t->numeric || g_ascii_isdigit (*s))
    return TRUE;
  if (t->kind == GALLEY_TOKEN_ABBREV)
    return !tok_known (t) && memchr (s, '-', t->end - t->start) != NULL;
  return is_dollar_prefix (d, i);
}

/* The passes; then either @visit looks at the rules' result (training),
 * or the model (when there is one) and the output. */
static gboolean
tag_document (Tagger *tg, GalleyDocument *doc, TaggerVisitFunc visit, gpointer user_data,
              GError **error)
{
  GalleyLayer *tokens = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);
  GalleyLayer *out;
  const GalleySpan *spans;
  Doc d = { 0 };
  gboolean big;
  gsize len;
  guint n;

  if (tokens == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "document %s: no token layer (run the tokenizer before entity-tagger)",
                   galley_document_get_id (doc));
      return FALSE;
    }
  spans = galley_layer_get_spans (tokens, &n);
  out = galley_document_replace_layer (doc, GALLEY_LAYER_ENTITY);
  if (n == 0)
    return TRUE;

  d.tg = tg;
  d.words = lexicon_words_by_id (tg->lex);
  d.sc = scratch_take (tg);
  d.text = galley_document_get_text (doc, &len);
  d.text_end = d.text + len + 1;
  d.n = n;
  if (d.sc->toks_size < n)
    {
      g_free (d.sc->toks);
      d.sc->toks_size = MAX (n, 2 * d.sc->toks_size);
      d.sc->toks = g_new (Token, d.sc->toks_size);
      g_free (d.sc->caps);
      d.sc->caps = g_new (guint32, d.sc->toks_size);
      g_free (d.sc->caps_slot);
      d.sc->caps_slot = g_new (guint32, d.sc->toks_size);
      g_free (d.sc->scan);
      /* one slot more than tokens: the token pass writes the next entry
       * of the scan list at every capitalised word, advancing only when
       * the word is not in it yet, so the last token, already listed,
       * writes one past n (an input of a tab and "A", found by the
       * text-chain fuzz target under clang's ASan) */
      d.sc->scan = g_new (guint32, d.sc->toks_size + 1);
      g_free (d.sc->lowers);
      d.sc->lowers = g_new (guint64, d.sc->toks_size);
    }
  d.toks = d.sc->toks;
  d.caps = d.sc->caps;
  d.caps_slot = d.sc->caps_slot;
  d.scan = d.sc->scan;
  d.lowers = d.sc->lowers;
  d.mentions = d.sc->mentions;
  d.n_mentions = 0;
  d.scratch = d.sc->scratch;
  g_string_truncate (d.scratch, 0);

  big = scratch_is_big (d.sc);
  lower_marks_next (d.sc, tg->lex);
  scan_tokens (&d, spans);
  doc_words_init (&d);
  mark_doc_words (&d);
  if (big)
    g_clear_pointer (&d.sc->lowers, g_free);
  mark_caps (&d);
  if (big)
    {
      g_clear_pointer (&d.sc->caps, g_free);
      g_clear_pointer (&d.sc->caps_slot, g_free);
    }
  lines_measure (&d);

  /* The scan. Most tokens are lower-case words of no class the rules
   * test: scan_tokens listed the others, and only they are tried. */
  for (guint si = 0, next = 0; si < d.n_scan; si++)
    {
      guint i = d.scan[si];
      const Token *t = &d.toks[i];
      guint used = 0;

      if (i < next)
        continue;  /* inside what a pattern at an earlier token took */

      if (t->cap != CAP_NO)
        {
          /* a name phrase first: "First Minister", "Second World War";
           * but US$5 is money, not the United States */
          if (is_dollar_prefix (&d, i))
            used = numeric_scan (&d, i);
          /* an unknown word with a hyphen that spells a date, mid-April,
           * April-June: before the name it would otherwise start (a GPE
           * after "in" 10 times on the real-news file). Only a word that
           * starts as a month or "mid" does: tried at every unknown
           * capitalised word with a hyphen or a digit, the patterns made
           * tag_document() 3.8M instructions dearer (the default
           * pipeline on that file, callgrind), 2.8M this way (their own
           * work 0.7M; the token pass, which this does not touch, 2.0M:
           * the compiler's layout of tag_document(), the same with the
           * test inline) */
          if (used == 0 && t->numeric && !tok_known (t))
            used = hyphen_date (&d, i);
          if (used == 0)
            used = names_scan (&d, i);
          if (used == 0 && cap_may_start_numeric (&d, i))
            used = numeric_scan (&d, i);
        }
      else
        {
          /* 737 MAX, 9/11: a phrase that starts with a number */
          if (t->kind == GALLEY_TOKEN_NUMBER && (tok_lex (&d, t) & LEX_PHRASE_START))
            used = names_scan (&d, i);
          if (used == 0 && t->numeric)
            used = numeric_scan (&d, i);
          if (used == 0 && (tok_lex (&d, t) & LEX_PHRASE_START_LOWER))
            used = names_scan (&d, i);
        }
      next = i + (used > 0 ? used : 1);
    }
  if (big)
    g_clear_pointer (&d.sc->scan, g_free);

  type_year_cited_authors (&d);
  type_list_members (&d);
  mark_teams (&d);
  mark_facilities (&d);
  mark_orgs (&d);
  resolve_mentions (&d);
  if (visit != NULL)
    visit (&d, user_data);
  else
    {
      guint n_out;

      if (tg->model != NULL)
        et_model_apply (tg->model, &d);
      else if (tg->norp_nouns_only)
        drop_norp_adjectives (&d);
      emit_bytes (&d);
      if (big)
        scratch_drop_tokens (d.sc);
      n_out = emit_spans (&d, out);
      if (big)
        {
          g_clear_pointer (&d.sc->mentions, g_free);
          d.sc->mentions_size = 0;
        }
      emit_features (&d, out, n_out);
    }
  scratch_give (tg, d.sc);

  return TRUE;
}

gboolean
tagger_process (Tagger *tg, GalleyDocument *doc, GError **error)
{
  return tag_document (tg, doc, NULL, NULL, error);
}

gboolean
tagger_visit (Tagger *tg, GalleyDocument *doc, TaggerVisitFunc visit, gpointer user_data,
              GError **error)
{
  return tag_document (tg, doc, visit, user_data, error);
}
