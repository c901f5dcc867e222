/* lexicon.c: the word table and the phrase trie.
 *
 * Word table: open addressing with linear probing over a power-of-two
 * array of slots {hash, word id}; the folded spellings live in one string
 * pool. Kept at most half full, so a miss (most tokens of a document are
 * not in the lexicon) costs one hash and usually one probe.
 *
 * Phrase trie: nodes are numbered, and an edge (node, word id) -> child is
 * one slot of a second open-addressing table keyed by the 64-bit pair. A
 * phrase of n words is n probes. Per node we keep the type and canonical
 * form of the phrase that ends there (ET_NONE for inner nodes).
 *
 * Measured on the built-in lists (about 12 000 words, 5 000 phrases with
 * iso-codes' subdivisions): building takes ~10 ms; the tables take ~1 MB.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <galley/galley.h>

#include "lexicon.h"

struct _Lexicon {
  LexiconWordTable wt;  /* first: lexicon_lookup() reads it through the header */
  GString *pool;
  GArray *words;    /* LexWordEntry, by word id */
  GArray *infos;    /* WordInfo, by word id */
  guint n_edges;
  GArray *nodes;    /* LexNode */
  guint n_phrases;
  /* lexicon_new_from_image(): the image's nodes, whose phrases
   * lexicon_add_phrase_under() leaves as they are */
  const LexNode *image_nodes;
  guint n_image_nodes;
};

static const char *const type_names[] = {
  "NONE", GALLEY_ENTITY_PERSON, GALLEY_ENTITY_NORP, GALLEY_ENTITY_FAC,
  GALLEY_ENTITY_ORG, GALLEY_ENTITY_GPE, GALLEY_ENTITY_LOC, GALLEY_ENTITY_PRODUCT,
  GALLEY_ENTITY_EVENT, GALLEY_ENTITY_DATE, GALLEY_ENTITY_TIME,
  GALLEY_ENTITY_PERCENT, GALLEY_ENTITY_MONEY, GALLEY_ENTITY_QUANTITY,
  GALLEY_ENTITY_ORDINAL, GALLEY_ENTITY_CARDINAL, "TITLE", "NONE",
};

const char *
et_type_name (EtType type)
{
  if ((guint) type < G_N_ELEMENTS (type_names))
    return type_names[type];
  return "NONE";
}

int
et_type_from_name (const char *name)
{
  for (guint t = ET_PERSON; t <= ET_TITLE; t++)
    if (strcmp (name, type_names[t]) == 0)
      return (int) t;
  if (strcmp (name, "NONE") == 0)
    return ET_BLOCK;
  return -1;
}

Lexicon *
lexicon_new (void)
{
  Lexicon *lex = g_new0 (Lexicon, 1);
  LexNode root = { 0, 0, ET_NONE, 0 };

  lex->pool = g_string_sized_new (1 << 16);
  g_string_append_c (lex->pool, '\0');  /* offset 0 is the empty string */
  lex->words = g_array_new (FALSE, FALSE, sizeof (LexWordEntry));
  lex->infos = g_array_new (FALSE, TRUE, sizeof (WordInfo));
  lex->wt.wmask = (1u << 12) - 1;
  lex->wt.wslots = g_new0 (WordSlot, lex->wt.wmask + 1);
  for (guint i = 0; i <= lex->wt.wmask; i++)
    lex->wt.wslots[i].wid = LEX_NO_WORD;
  lex->wt.emask = (1u << 12) - 1;
  lex->wt.eslots = g_new (EdgeSlot, lex->wt.emask + 1);
  for (guint i = 0; i <= lex->wt.emask; i++)
    lex->wt.eslots[i].key = G_MAXUINT64;
  lex->nodes = g_array_new (FALSE, FALSE, sizeof (LexNode));
  g_array_append_val (lex->nodes, root);
  return lex;
}

void
lexicon_free (Lexicon *lex)
{
  if (lex == NULL)
    return;
  g_string_free (lex->pool, TRUE);
  g_array_unref (lex->words);
  g_array_unref (lex->infos);
  g_free (lex->wt.wslots);
  g_free (lex->wt.eslots);
  g_free (lex->wt.by_id);
  g_free (lex->wt.probes);
  g_free (lex->wt.eprobes);
  g_free (lex->wt.tnodes);
  g_free (lex->wt.root_child);
  g_array_unref (lex->nodes);
  g_free (lex);
}

/* Folding: ASCII letters are lowered with a table-free compare; other
 * characters are lowered through GLib's tables one code point at a time
 * (into the caller's buffer: no allocation). ’ (U+2019) becomes ' so that
 * O’Brien and O'Brien are one word. */
int
lexicon_fold (const char *s, gsize len, char *out, gsize out_size)
{
  gsize o = 0;
  const char *p = s, *end = s + len;

  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c < 0x80)
        {
          if (o >= out_size)
            return -1;
          out[o++] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : (char) c;
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          if (u == 0x2019)
            {
              if (o >= out_size)
                return -1;
              out[o++] = '\'';
            }
          else
            {
              if (o + 6 > out_size)
                return -1;
              o += g_unichar_to_utf8 (g_unichar_tolower (u), out + o);
            }
          p = next;
        }
    }
  return (int) o;
}

guint64
lexicon_hash (const char *folded, gsize len)
{
  return lexicon_hash_in (folded, len, folded + len);
}

static void words_grow (Lexicon *lex);

/* Sealed, the word table is at most a third full (while words are
 * added, half). Every token of every document probes it, and a probe
 * walks on past each slot another word holds, a branch the predictor
 * cannot guess: with the built-in lists and iso-codes (16,366 words) the
 * table was 49.9% full in 32,768 slots, where an unknown word probes 2.3
 * slots on average (linear probing), at 25% in 65,536 (1.5 MB) 1.4.
 * Callgrind --branch-sim, default pipeline on 10,569 real news articles,
 * one job, the stage: 750.7 M -> 745.2 M instructions, 12.68 M -> 12.35 M
 * mispredicted; an eighth full (3 MB), 744.0 M and 12.20 M, no faster on
 * the bench than a quarter. See the commit for the times. The lookup now
 * probes a copy of 8 bytes a slot (WordProbe: 512 KB at a quarter full),
 * where the load factor was weighed again: see lexicon_lookup_in().
 *
 * A third, not a quarter, since the lists grew past 16,384 words (16,572
 * with iso-codes 4.15): at a quarter the seal doubled the table to
 * 131,072 slots, 12.6% full, a probe table of 1 MB where 512 KB had been
 * measured. At a third the table stays at 65,536 slots, 25.3% full; and a
 * lexicon made from the built-in image starts at that size (see
 * lexicon_new_from_image()), so that adding iso-codes' names grows
 * nothing. Starting the default pipeline on no input (perf stat -r 10,
 * three alternated sets): 2,373 -> 1,935 page faults, 46.5-49.5 ->
 * 42.4-43.0 ms (22.9 ms without the tagger). The longer walks cost the
 * token pass 0.7% more instructions (tag_document() 210.9 M -> 212.4 M
 * on 2,000 news articles, callgrind) and no speed that the bench
 * resolves (bench-entity-tagger on the news file, 8 alternated runs:
 * medians 62.4 and 62.4 MB/s). */
#define LEX_SEALED_LOAD 3

/* The trie as lexicon_step() probes it: EdgeProbes at the EdgeSlots'
 * indices, and each node's parent and incoming requirement beside its
 * type. */
static void
seal_trie (Lexicon *lex)
{
  const LexNode *nodes = (const LexNode *) (gconstpointer) lex->nodes->data;

  g_free (lex->wt.tnodes);
  lex->wt.tnodes = g_new0 (TrieNode, lex->nodes->len);
  for (guint n = 0; n < lex->nodes->len; n++)
    {
      lex->wt.tnodes[n].canonical_off = nodes[n].canonical_off;
      lex->wt.tnodes[n].reqs = nodes[n].reqs;
      lex->wt.tnodes[n].type = nodes[n].type;
      lex->wt.tnodes[n].variant = nodes[n].variant;
    }
  lex->wt.tnodes[LEXICON_ROOT].parent = LEXICON_NO_NODE;
  g_free (lex->wt.root_child);
  lex->wt.root_child = g_new (guint32, MAX (lex->words->len, 1));
  for (guint w = 0; w < lex->words->len; w++)
    lex->wt.root_child[w] = LEXICON_NO_NODE;
  g_free (lex->wt.eprobes);
  lex->wt.eprobes = g_new (EdgeProbe, lex->wt.emask + 1);
  for (guint i = 0; i <= lex->wt.emask; i++)
    {
      const EdgeSlot *s = &lex->wt.eslots[i];

      if (s->key == G_MAXUINT64)
        {
          lex->wt.eprobes[i].wid = LEX_NO_WORD;
          lex->wt.eprobes[i].child = LEXICON_ROOT;
          continue;
        }
      lex->wt.eprobes[i].wid = (guint32) s->key;
      lex->wt.eprobes[i].child = s->child;
      lex->wt.tnodes[s->child].parent = (guint32) (s->key >> 32);
      lex->wt.tnodes[s->child].req = (guint8) s->req;
      if ((s->key >> 32) == LEXICON_ROOT)
        lex->wt.root_child[(guint32) s->key] = s->child;
    }
}

void
lexicon_seal (Lexicon *lex)
{
  lex->wt.pool = lex->pool->str;
  seal_trie (lex);
  while (lex->words->len * LEX_SEALED_LOAD > lex->wt.wmask + 1)
    words_grow (lex);
  g_free (lex->wt.by_id);
  lex->wt.by_id = g_new0 (WordById, MAX (lex->words->len, 1));
  g_free (lex->wt.probes);
  lex->wt.probes = g_new (WordProbe, lex->wt.wmask + 1);
  for (guint i = 0; i <= lex->wt.wmask; i++)
    {
      const WordSlot *s = &lex->wt.wslots[i];

      lex->wt.probes[i].wid = s->wid;
      lex->wt.probes[i].check = (guint32) (s->hash >> 32);
      if (s->wid == LEX_NO_WORD)
        continue;
      lex->wt.by_id[s->wid].hash = s->hash;
      lex->wt.by_id[s->wid].flags = g_array_index (lex->infos, WordInfo, s->wid).flags;
    }
}

guint32
lexicon_word_id (const Lexicon *lex, const char *folded, gsize len, guint64 h)
{
  guint i = (guint) h & lex->wt.wmask;

  for (;;)
    {
      const WordSlot *s = &lex->wt.wslots[i];

      if (s->wid == LEX_NO_WORD)
        return LEX_NO_WORD;
      if (s->hash == h)
        {
          const LexWordEntry *w = &g_array_index (lex->words, LexWordEntry, s->wid);

          if (w->len == len && memcmp (lex->pool->str + w->str_off, folded, len) == 0)
            return s->wid;
        }
      i = (i + 1) & lex->wt.wmask;
    }
}

const WordInfo *
lexicon_word_info (const Lexicon *lex, guint32 wid)
{
  return &g_array_index (lex->infos, WordInfo, wid);
}

WordInfo *
lexicon_word_info_mut (Lexicon *lex, guint32 wid)
{
  return &g_array_index (lex->infos, WordInfo, wid);
}

static void
words_grow (Lexicon *lex)
{
  guint new_mask = lex->wt.wmask * 2 + 1;
  WordSlot *slots = g_new0 (WordSlot, new_mask + 1);

  for (guint i = 0; i <= new_mask; i++)
    slots[i].wid = LEX_NO_WORD;
  for (guint i = 0; i <= lex->wt.wmask; i++)
    {
      guint j;

      if (lex->wt.wslots[i].wid == LEX_NO_WORD)
        continue;
      j = (guint) lex->wt.wslots[i].hash & new_mask;
      while (slots[j].wid != LEX_NO_WORD)
        j = (j + 1) & new_mask;
      slots[j] = lex->wt.wslots[i];
    }
  g_free (lex->wt.wslots);
  lex->wt.wslots = slots;
  lex->wt.wmask = new_mask;
}

static guint32
add_folded (Lexicon *lex, const char *folded, gsize len)
{
  guint64 h = lexicon_hash (folded, len);
  guint32 wid = lexicon_word_id (lex, folded, len, h);
  LexWordEntry w;
  WordInfo info = { 0 };
  guint i;

  if (wid != LEX_NO_WORD)
    return wid;
  if ((lex->words->len + 1) * 2 > lex->wt.wmask + 1)
    words_grow (lex);
  w.str_off = lex->pool->len;
  w.len = len;
  g_string_append_len (lex->pool, folded, len);
  g_string_append_c (lex->pool, '\0');
  wid = lex->words->len;
  g_array_append_val (lex->words, w);
  g_array_append_val (lex->infos, info);
  i = (guint) h & lex->wt.wmask;
  while (lex->wt.wslots[i].wid != LEX_NO_WORD)
    i = (i + 1) & lex->wt.wmask;
  lex->wt.wslots[i].hash = h;
  lex->wt.wslots[i].wid = wid;
  return wid;
}

guint32
lexicon_add_word (Lexicon *lex, const char *word, guint64 flags)
{
  char buf[256];
  int n = lexicon_fold (word, strlen (word), buf, sizeof buf);
  guint32 wid;

  if (n <= 0)
    return LEX_NO_WORD;
  wid = add_folded (lex, buf, n);
  g_array_index (lex->infos, WordInfo, wid).flags |= flags;
  return wid;
}

static void
edges_grow (Lexicon *lex)
{
  guint new_mask = lex->wt.emask * 2 + 1;
  EdgeSlot *slots = g_new (EdgeSlot, new_mask + 1);

  for (guint i = 0; i <= new_mask; i++)
    slots[i].key = G_MAXUINT64;
  for (guint i = 0; i <= lex->wt.emask; i++)
    {
      guint j;

      if (lex->wt.eslots[i].key == G_MAXUINT64)
        continue;
      j = lex_edge_index (lex->wt.eslots[i].key, new_mask);
      while (slots[j].key != G_MAXUINT64)
        j = (j + 1) & new_mask;
      slots[j] = lex->wt.eslots[i];
    }
  g_free (lex->wt.eslots);
  lex->wt.eslots = slots;
  lex->wt.emask = new_mask;
}

static guint32
add_edge (Lexicon *lex, guint32 node, guint32 wid, CaseReq req)
{
  guint64 key = lex_edge_key (node, wid);
  guint i;
  LexNode child = { 0, 0, ET_NONE, 0 };

  if ((lex->n_edges + 1) * 2 > lex->wt.emask + 1)
    edges_grow (lex);
  i = lex_edge_index (key, lex->wt.emask);
  for (;;)
    {
      EdgeSlot *s = &lex->wt.eslots[i];

      if (s->key == key)
        {
          /* shared prefix: the loosest requirement wins, so that no
           * phrase becomes unreachable */
          if (req < s->req)
            s->req = req;
          return s->child;
        }
      if (s->key == G_MAXUINT64)
        break;
      i = (i + 1) & lex->wt.emask;
    }
  lex->wt.eslots[i].key = key;
  lex->wt.eslots[i].req = req;
  lex->wt.eslots[i].child = lex->nodes->len;
  g_array_append_val (lex->nodes, child);
  lex->n_edges++;
  return lex->wt.eslots[i].child;
}

/* case_req_of: what a phrase word's capitals ask of a token. Called
 * twice per word of every lexicon phrase at startup; ASCII letters are
 * counted without the Unicode tables (callgrind: g_unichar_istitle alone
 * was 23M instructions of the tagger's 91M build). */
static CaseReq
case_req_of (const char *w, gsize len)
{
  guint n_upper = 0, n_lower = 0;

  for (const char *p = w; p < w + len;)
    {
      guchar c = (guchar) *p;
      gunichar u;

      if (c < 0x80)
        {
          n_upper += c >= 'A' && c <= 'Z';
          n_lower += c >= 'a' && c <= 'z';
          p++;
          continue;
        }
      u = g_utf8_get_char (p);
      if (g_unichar_isupper (u) || g_unichar_istitle (u))
        n_upper++;
      else if (g_unichar_islower (u))
        n_lower++;
      p = g_utf8_next_char (p);
    }
  if (n_upper == 0)
    return CASE_REQ_ANY;
  if (n_lower == 0 && n_upper >= 2)
    return CASE_REQ_UPPER;
  return CASE_REQ_CAP;
}

static gboolean
is_split_punct (gunichar u)
{
  return u == ',' || u == ';' || u == ':' || u == '(' || u == ')' || u == '['
         || u == ']' || u == '"' || u == '!' || u == '?' || u == 0x201C
         || u == 0x201D;
}

/* Splits @phrase into the words the tokenizer would make of it: at white
 * space, around the punctuation above, and before a clitic 's or a final
 * ' (McDonald's -> McDonald 's). Calls @fn for each word. */
typedef void (*WordFn) (const char *w, gsize len, gpointer data);

static void
split_words (const char *phrase, WordFn fn, gpointer data)
{
  const char *p = phrase;

  while (*p)
    {
      const char *start, *end;

      while (*p == ' ' || *p == '\t')
        p++;
      if (!*p)
        break;
      start = p;
      while (*p && *p != ' ' && *p != '\t')
        p++;
      end = p;
      /* leading punctuation, one word each */
      while (start < end && is_split_punct (g_utf8_get_char (start)))
        {
          const char *n = g_utf8_next_char (start);

          fn (start, n - start, data);
          start = n;
        }
      /* trailing punctuation, kept to emit after the word */
      {
        const char *wend = end;
        const char *clitic = NULL;

        while (wend > start)
          {
            const char *prev = g_utf8_prev_char (wend);

            if (!is_split_punct (g_utf8_get_char (prev)))
              break;
            wend = prev;
          }
        if (wend - start > 2 && (wend[-1] == 's' || wend[-1] == 'S') && wend[-2] == '\'')
          clitic = wend - 2;
        else if (wend - start > 4 && (wend[-1] == 's' || wend[-1] == 'S')
                 && memcmp (wend - 4, "\xe2\x80\x99", 3) == 0)
          clitic = wend - 4;
        else if (wend - start > 2 && wend[-1] == '\'' && (wend[-2] == 's' || wend[-2] == 'S'))
          clitic = wend - 1;
        if (clitic != NULL)
          {
            fn (start, clitic - start, data);
            fn (clitic, wend - clitic, data);
          }
        else if (wend > start)
          fn (start, wend - start, data);
        for (const char *q = wend; q < end; q = g_utf8_next_char (q))
          fn (q, g_utf8_next_char (q) - q, data);
      }
    }
}

typedef struct {
  Lexicon *lex;
  guint32 node;
  guint n;
  guint32 reqs;  /* the words' CaseReqs, as LexNode.reqs */
} AddCtx;

static void
add_phrase_word (const char *w, gsize len, gpointer data)
{
  AddCtx *cx = data;
  char buf[256];
  int n = lexicon_fold (w, len, buf, sizeof buf);
  guint32 wid;
  CaseReq req;

  if (n <= 0)
    return;
  /* "the" is never part of a name's span: "the Hague" is "Hague" */
  if (cx->n == 0 && n == 3 && memcmp (w, "the", 3) == 0)
    return;
  wid = add_folded (cx->lex, buf, n);
  /* once a word: for the names in other scripts, case_req_of() asks
   * GLib about each character (170 instructions a word; twice for each
   * phrase's first word was 1.8 M of the 63 M of creating the stage) */
  req = case_req_of (w, len);
  if (cx->n == 0)
    g_array_index (cx->lex->infos, WordInfo, wid).flags
      |= req == CASE_REQ_ANY ? LEX_PHRASE_START | LEX_PHRASE_START_LOWER : LEX_PHRASE_START;
  cx->node = add_edge (cx->lex, cx->node, wid, req);
  if (cx->n < LEX_REQS_WORDS)
    cx->reqs |= (guint32) req << (2 * cx->n);
  cx->n++;
}

/* loosest_reqs: word by word, the looser of two spellings' case
 * requirements ("US" and "Us" listed both: a capital will do). */
static guint32
loosest_reqs (guint32 a, guint32 b)
{
  guint32 out = 0;

  for (guint k = 0; k < LEX_REQS_WORDS; k++)
    out |= (guint32) MIN (LEX_REQ_AT (a, k), LEX_REQ_AT (b, k)) << (2 * k);
  return out;
}

typedef enum {
  ADD_REPLACE,   /* a later line wins */
  ADD_UNDER,     /* the image's phrases win (lexicon_add_phrase_under()) */
  ADD_VARIANT,   /* flagged; a phrase listed as itself wins */
} AddMode;

static gboolean
add_phrase (Lexicon *lex, const char *phrase, EtType type, const char *canonical,
            AddMode mode)
{
  AddCtx cx = { lex, LEXICON_ROOT, 0, 0 };
  LexNode *node;

  split_words (phrase, add_phrase_word, &cx);
  if (cx.n == 0)
    return FALSE;
  if (mode == ADD_UNDER && cx.node < lex->n_image_nodes
      && lex->image_nodes[cx.node].type != ET_NONE)
    return TRUE;
  node = &g_array_index (lex->nodes, LexNode, cx.node);
  /* a phrase listed as itself keeps its type and name; a variant that
   * spells the same words otherwise ("Nato" beside "NATO") still lets
   * its own case through */
  if (mode == ADD_VARIANT && node->type != ET_NONE && !node->variant)
    {
      node->reqs = loosest_reqs (node->reqs, cx.reqs);
      return TRUE;
    }
  if (node->type == ET_NONE)
    {
      lex->n_phrases++;
      node->reqs = cx.reqs;
    }
  else
    node->reqs = loosest_reqs (node->reqs, cx.reqs);
  node->type = (guint8) type;
  node->variant = mode == ADD_VARIANT;
  node->canonical_off = 0;
  if (canonical != NULL && *canonical && strcmp (canonical, phrase) != 0)
    {
      node->canonical_off = lex->pool->len;
      g_string_append (lex->pool, canonical);
      g_string_append_c (lex->pool, '\0');
    }
  return TRUE;
}

gboolean
lexicon_add_phrase (Lexicon *lex, const char *phrase, EtType type,
                    const char *canonical)
{
  return add_phrase (lex, phrase, type, canonical, ADD_REPLACE);
}

gboolean
lexicon_add_phrase_variant (Lexicon *lex, const char *phrase, EtType type,
                            const char *canonical)
{
  return add_phrase (lex, phrase, type, canonical, ADD_VARIANT);
}

gboolean
lexicon_add_phrase_under (Lexicon *lex, const char *phrase, EtType type,
                          const char *canonical)
{
  return add_phrase (lex, phrase, type, canonical, ADD_UNDER);
}

/* lexicon_new_from_image: the lexicon @img holds, in tables of its own
 * (later additions change them). The words and edges go into the hash
 * tables by the hashes and keys the image keeps, in their order there;
 * nothing is folded or hashed again. */
Lexicon *
lexicon_new_from_image (const LexiconImage *img)
{
  Lexicon *lex = g_new0 (Lexicon, 1);

  lex->pool = g_string_sized_new (MAX (img->pool_len + 1, 1 << 16));
  g_string_append_len (lex->pool, img->pool, img->pool_len);
  lex->words = g_array_sized_new (FALSE, FALSE, sizeof (LexWordEntry), img->n_words);
  g_array_append_vals (lex->words, img->words, img->n_words);
  lex->infos = g_array_sized_new (FALSE, TRUE, sizeof (WordInfo), img->n_words);
  g_array_append_vals (lex->infos, img->infos, img->n_words);
  lex->nodes = g_array_sized_new (FALSE, FALSE, sizeof (LexNode), img->n_nodes);
  g_array_append_vals (lex->nodes, img->nodes, img->n_nodes);
  lex->image_nodes = img->nodes;
  lex->n_image_nodes = img->n_nodes;
  lex->n_phrases = img->n_phrases;

  /* the size the seal would give these words: room for the names that
   * iso-codes adds (about 4,350) without a grow, and no larger table
   * at the seal (LEX_SEALED_LOAD) */
  lex->wt.wmask = img->wmask;
  while ((gsize) img->n_words * LEX_SEALED_LOAD > (gsize) lex->wt.wmask + 1)
    lex->wt.wmask = lex->wt.wmask * 2 + 1;
  lex->wt.wslots = g_new0 (WordSlot, lex->wt.wmask + 1);
  for (guint i = 0; i <= lex->wt.wmask; i++)
    lex->wt.wslots[i].wid = LEX_NO_WORD;
  for (guint32 wid = 0; wid < img->n_words; wid++)
    {
      guint i = (guint) img->hashes[wid] & lex->wt.wmask;

      while (lex->wt.wslots[i].wid != LEX_NO_WORD)
        i = (i + 1) & lex->wt.wmask;
      lex->wt.wslots[i].hash = img->hashes[wid];
      lex->wt.wslots[i].wid = wid;
    }

  lex->wt.emask = img->emask;
  lex->wt.eslots = g_new (EdgeSlot, lex->wt.emask + 1);
  for (guint i = 0; i <= lex->wt.emask; i++)
    lex->wt.eslots[i].key = G_MAXUINT64;
  for (guint e = 0; e < img->n_edges; e++)
    {
      guint i = lex_edge_index (img->edges[e].key, lex->wt.emask);

      while (lex->wt.eslots[i].key != G_MAXUINT64)
        i = (i + 1) & lex->wt.emask;
      lex->wt.eslots[i] = img->edges[e];
    }
  lex->n_edges = img->n_edges;
  return lex;
}

static void
write_c_string (FILE *out, const char *s, gsize len)
{
  fputc ('"', out);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];

      /* octal escapes for all but plain ASCII: a NUL, a quote, UTF-8 */
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '?')
        fprintf (out, "\\%03o", c);
      else
        fputc (c, out);
      if (i % 64 == 63)
        fputs ("\"\n\"", out);
    }
  fputc ('"', out);
}

gboolean
lexicon_write_image (const Lexicon *lex, FILE *out)
{
  guint n_words = lex->words->len, n_nodes = lex->nodes->len;
  guint64 *hashes = g_new0 (guint64, MAX (n_words, 1));
  guint n = 0;

  fputs ("/* Generated by lexicon-gen from plugins/entity-tagger/data: do not edit.\n"
         " * The lexicon of the built-in lists (lexicon.h, LexiconImage). */\n"
         "#include \"config.h\"\n\n#include \"lexicon.h\"\n\n", out);
  for (guint i = 0; i <= lex->wt.wmask; i++)
    if (lex->wt.wslots[i].wid != LEX_NO_WORD)
      hashes[lex->wt.wslots[i].wid] = lex->wt.wslots[i].hash;
  fputs ("static const guint64 hashes[] = {\n", out);
  for (guint w = 0; w < n_words; w++)
    fprintf (out, "0x%" G_GINT64_MODIFIER "x,%s", hashes[w], w % 6 == 5 ? "\n" : " ");
  fputs ("};\n\nstatic const LexWordEntry words[] = {\n", out);
  for (guint w = 0; w < n_words; w++)
    {
      const LexWordEntry *e = &g_array_index (lex->words, LexWordEntry, w);

      fprintf (out, "{ %u, %u },%s", e->str_off, e->len, w % 8 == 7 ? "\n" : " ");
    }
  fputs ("};\n\nstatic const WordInfo infos[] = {\n", out);
  for (guint w = 0; w < n_words; w++)
    {
      const WordInfo *info = &g_array_index (lex->infos, WordInfo, w);

      fprintf (out, "{ 0x%" G_GINT64_MODIFIER "x, %" G_GINT64_FORMAT ", %u, ", info->flags,
               info->value, info->place_type);
      write_c_string (out, info->currency, strnlen (info->currency, sizeof info->currency));
      fputs (" },\n", out);
    }
  fputs ("};\n\nstatic const EdgeSlot edges[] = {\n", out);
  for (guint i = 0; i <= lex->wt.emask; i++)
    {
      const EdgeSlot *e = &lex->wt.eslots[i];

      if (e->key == G_MAXUINT64)
        continue;
      fprintf (out, "{ 0x%" G_GINT64_MODIFIER "x, %u, %u },%s", e->key, e->child, e->req,
               n % 4 == 3 ? "\n" : " ");
      n++;
    }
  fputs ("};\n\nstatic const LexNode nodes[] = {\n", out);
  for (guint i = 0; i < n_nodes; i++)
    {
      const LexNode *node = &g_array_index (lex->nodes, LexNode, i);

      fprintf (out, "{ %u, 0x%x, %u, %u },%s", node->canonical_off, node->reqs, node->type,
               node->variant, i % 8 == 7 ? "\n" : " ");
    }
  fputs ("};\n\nstatic const char pool[] =\n", out);
  write_c_string (out, lex->pool->str, lex->pool->len);
  fprintf (out, ";\n\nconst LexiconImage entity_tagger_lexicon_image = {\n"
           "  .hashes = hashes, .words = words, .infos = infos, .n_words = %u,\n"
           "  .edges = edges, .n_edges = %u, .nodes = nodes, .n_nodes = %u,\n"
           "  .pool = pool, .pool_len = %" G_GSIZE_FORMAT ", .n_phrases = %u,\n"
           "  .wmask = 0x%x, .emask = 0x%x,\n};\n",
           n_words, n, n_nodes, lex->pool->len, lex->n_phrases, lex->wt.wmask, lex->wt.emask);
  g_free (hashes);
  return !ferror (out);
}

guint
lexicon_n_words (const Lexicon *lex)
{
  return lex->words->len;
}

guint
lexicon_n_phrases (const Lexicon *lex)
{
  return lex->n_phrases;
}
