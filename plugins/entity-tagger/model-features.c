/* model-features.c: what the model sees of a token, and which tokens it
 * decodes at all (the regions; see model.h).
 *
 * Each feature is a 64-bit hash of a template number and a value, so the
 * model file stores no strings and a lookup is one probe of an open
 * addressing table. The templates are the rule tagger's own knowledge
 * first (its decision and its strength, the type it gives the same word
 * elsewhere in the document, gazetteer phrases, lexical classes, the
 * document's casing evidence), then the surface (word, shape, affixes,
 * neighbours, position in the sentence). Changing a template changes
 * what the weights mean: bump ET_MODEL_VERSION.
 */
#include "config.h"

#include <string.h>

#include "model.h"

enum {
  F_BIAS = 1, F_WORD, F_WORD_PREV, F_WORD_NEXT, F_WORD_PREV2, F_WORD_NEXT2,
  F_BIGRAM_PREV, F_BIGRAM_NEXT, F_SHAPE, F_SHAPE_PREV, F_SHAPE_NEXT,
  F_PREFIX3, F_SUFFIX3, F_SUFFIX4, F_CASE, F_KIND, F_CAP, F_SENT_INIT,
  F_HEADLINE, F_BYLINE, F_LINE_START, F_RULE, F_RULE_TYPE, F_RULE_PREV,
  F_RULE_NEXT, F_RULE_STRENGTH, F_DOC_TYPE, F_LEX, F_LEX_PREV, F_LEX_NEXT,
  F_DOC_WORD, F_GAZ, F_CLUSTER, F_RULE_SHAPE, F_SENT_POS, F_WN_SPAN, F_WN_WORD,
  F_DICT, F_WCLASS, F_WCLASS_PREV, F_WCLASS_NEXT,
};

G_STATIC_ASSERT (F_WCLASS_NEXT < ET_N_TEMPLATES);
/* the first features are added in the templates' order, at the places
 * model.h names for model.c's word cache */
G_STATIC_ASSERT (F_WORD - F_BIAS == ET_AT_WORD && F_SHAPE - F_BIAS == ET_AT_SHAPE);
G_STATIC_ASSERT (F_PREFIX3 - F_BIAS == ET_AT_PREFIX3 && F_SUFFIX3 - F_BIAS == ET_AT_SUFFIX3);
G_STATIC_ASSERT (F_SUFFIX4 - F_BIAS == ET_AT_SUFFIX4 && ET_AT_SUFFIX4 < ET_MAX_FEATURES);



/* The lexical classes that say something about names. */
#define NAME_CLASSES \
  (LEX_GIVEN | LEX_SURNAME | LEX_SURNAME_FIRST | LEX_PARTICLE | LEX_COMMON | LEX_ORG_WORD \
   | LEX_PLACE_SUFFIX | LEX_PLACE_PREFIX | LEX_ROLE | LEX_MONTH | LEX_WEEKDAY | LEX_LOC_PREP \
   | LEX_SPEECH | LEX_DIRECTION | LEX_CONNECT_OF | LEX_DETERMINER | LEX_FUNCTION \
   | LEX_ORG_CONTEXT | LEX_PLACE_CONTEXT | LEX_CLOSED)
/* Of the neighbours, the classes that trigger a name: titles, "in", "said". */
#define TRIGGER_CLASSES \
  (LEX_ROLE | LEX_LOC_PREP | LEX_SPEECH | LEX_DETERMINER | LEX_CONNECT_OF | LEX_ORG_CONTEXT \
   | LEX_PLACE_CONTEXT | LEX_GIVEN)

#define NAMED_TYPE(t) ((t) >= ET_PERSON && (t) <= ET_EVENT)

/* @tmpl's seed is a constant here, folded at compile time, and so is
 * whether a value of few bits (the case, a flag) is small: worked out
 * for every feature afterwards, the bits of EtFeatureValues.large cost
 * 98 M instructions on the real-news file with model=gum (callgrind,
 * one job), here 35 M. */
static inline void
add (EtFeatureValues *out, guint tmpl, guint64 value)
{
  if (out->n < ET_MAX_FEATURES)
    {
      out->seed[out->n] = et_feature_seed (tmpl);
      out->tmpl[out->n] = (guint8) tmpl;
      out->large |= (guint64) (value >= ET_SMALL_VALUES) << out->n;
      out->value[out->n++] = value;
    }
}

static guint64
bytes_hash (const char *s, gsize len)
{
  guint64 h = G_GUINT64_CONSTANT (0x84222325cbf29ce4);

  for (gsize k = 0; k < len; k++)
    h = (h ^ (guchar) s[k]) * G_GUINT64_CONSTANT (0x100000001b3);
  return h;
}

/* A byte's class in a shape: SKIP for a multi-byte character's
 * continuation bytes, 0 for a byte that stands for itself. */
#define SKIP 1
static const guint8 shape_of[256] = {
  ['A' ... 'Z'] = 'X', ['a' ... 'z'] = 'x', ['0' ... '9'] = 'd',
  [0x80 ... 0xbf] = SKIP, [0xc0 ... 0xff] = 'u',
};

/* Xx, XX, X.X., dd-dd: classes of characters, repeats collapsed, at most
 * 8 of them; a multi-byte character is 'u'. By a table, and a repeat
 * kept or not without a branch: with g_ascii_isupper() and the like,
 * and a branch on each repeat, shapes took 70 M instructions and 2.0 M
 * mispredicted branches on the real-news file with model=gum
 * (callgrind, one job); this way as many instructions (69 M) but
 * 0.95 M mispredicted branches. */
static guint64
shape_hash (const Doc *d, const Token *t)
{
  guchar buf[8];
  guint n = 0;
  int last = -1;

  for (guint32 k = t->start; k < t->end && n < sizeof buf; k++)
    {
      guchar c = (guchar) d->text[k];
      guchar cls = shape_of[c], s;

      if (cls == SKIP)
        continue;
      s = cls != 0 ? cls : c;
      buf[n] = s;
      n += s != last;
      last = s;
    }
  return bytes_hash ((const char *) buf, n);
}

/* The first or last @len bytes, ASCII folded to lower case, hashed as
 * they are folded. */
static guint64
affix_hash (const Doc *d, const Token *t, gboolean suffix, guint len)
{
  guint64 h = G_GUINT64_CONSTANT (0x84222325cbf29ce4);
  guint32 tl = t->end - t->start;
  const guchar *s;

  if (tl < len + 1)
    return 0;
  s = (const guchar *) d->text + (suffix ? t->end - len : t->start);
  for (guint k = 0; k < len; k++)
    h = (h ^ (s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32u : s[k]))
        * G_GUINT64_CONSTANT (0x100000001b3);
  return h;
}

/* The hash of a token's word: the lexicon's folded hash, which words,
 * numbers and the punctuation the rules read have; other tokens (URLs,
 * emoji) have one by position, which means nothing. */
static inline guint64
word_id (const Doc *d, guint i)
{
  const Token *t;

  if ((gint) i < 0 || i >= d->n)
    return 1;
  t = &d->toks[i];
  if (t->kind == GALLEY_TOKEN_WORD || t->kind == GALLEY_TOKEN_ABBREV
      || t->kind == GALLEY_TOKEN_NUMBER || t->kind == GALLEY_TOKEN_PUNCT
      || t->kind == GALLEY_TOKEN_SYMBOL)
    return tok_hash (d, t);
  return 2;
}

guint64
et_word_id (const Doc *d, guint i)
{
  return word_id (d, i);
}

/* One feature per bit of @bits: its number, or'ed with @tag. */
static void
add_bits (EtFeatureValues *out, guint tmpl, guint64 bits, guint64 tag)
{
  while (bits != 0)
    {
      add (out, tmpl, (guint64) __builtin_ctzll (bits) | tag);
      bits &= bits - 1;
    }
}

static void
add_lex (EtFeatureValues *out, guint tmpl, guint64 lex, guint64 mask)
{
  add_bits (out, tmpl, lex & mask, 0);
}

void
et_word_statics (const Doc *d, const EtDocView *v, guint i, EtWordStatics *ws)
{
  const Token *t = &d->toks[i];

  ws->prefix3 = affix_hash (d, t, FALSE, 3);
  ws->suffix3 = affix_hash (d, t, TRUE, 3);
  ws->suffix4 = affix_hash (d, t, TRUE, 4);
  ws->dict = 0;
  if (v->dict != NULL)
    ws->dict = t->kind != GALLEY_TOKEN_WORD ? 32
               : et_dict_classes (v->dict, d->text + t->start, t->end - t->start);
}

void
et_token_feature_values (const Doc *d, const EtDocView *v, guint i, EtFeatureValues *out)
{
  EtWordStatics ws;

  et_word_statics (d, v, i, &ws);
  et_token_feature_values_with (d, v, i, &ws, out);
}

void
et_token_feature_values_with (const Doc *d, const EtDocView *v, guint i,
                              const EtWordStatics *ws, EtFeatureValues *out)
{
  const Token *t = &d->toks[i];
  const Token *prev = i > 0 ? &d->toks[i - 1] : NULL;
  const Token *next = i + 1 < d->n ? &d->toks[i + 1] : NULL;
  /* the neighbours' words and shapes were hashed once for the five
   * tokens that read each (shape_hash took 122 M instructions, a third
   * of the features' own cost, when each token hashed three shapes) */
  const guint64 *word = v->word + i + 2;
  guint64 w = word[0], shape = v->shape[i + 2];
  PhraseMatch pm;

  out->n = 0;
  out->large = 0;
  add (out, F_BIAS, 0);
  add (out, F_WORD, w);
  add (out, F_WORD_PREV, word[-1]);
  add (out, F_WORD_NEXT, word[1]);
  add (out, F_WORD_PREV2, word[-2]);
  add (out, F_WORD_NEXT2, word[2]);
  add (out, F_BIGRAM_PREV, et_feature_mix (word[-1], w));
  add (out, F_BIGRAM_NEXT, et_feature_mix (w, word[1]));
  add (out, F_SHAPE, shape);
  add (out, F_SHAPE_PREV, v->shape[i + 1]);
  add (out, F_SHAPE_NEXT, v->shape[i + 3]);
  add (out, F_PREFIX3, ws->prefix3);
  add (out, F_SUFFIX3, ws->suffix3);
  add (out, F_SUFFIX4, ws->suffix4);
  add (out, F_CASE, t->tcase);
  /* kinds past 15 were one value when the models were trained */
  add (out, F_KIND, MIN (t->kind, 15u));
  add (out, F_CAP, t->cap);
  add (out, F_SENT_INIT, t->sent_init);
  add (out, F_SENT_POS, (t->tflags & GALLEY_TOKEN_FLAG_SENTENCE_START) ? 1 : 0);
  add (out, F_HEADLINE, t->headline);
  add (out, F_BYLINE, t->byline);
  add (out, F_LINE_START, t->start == 0 || d->text[t->start - 1] == '\n');
  /* the rules' decision, here and around */
  add (out, F_RULE, v->rule[i]);
  add (out, F_RULE_TYPE, v->rule[i] ? et_label_type (v->rule[i]) + 1 : 0);
  add (out, F_RULE_PREV, i > 0 ? v->rule[i - 1] : 255);
  add (out, F_RULE_NEXT, i + 1 < d->n ? v->rule[i + 1] : 255);
  add (out, F_RULE_STRENGTH, (guint64) v->rule[i] << 8 | v->rule_strength[i]);
  add (out, F_RULE_SHAPE, et_feature_mix (v->rule[i], shape));
  add (out, F_DOC_TYPE, v->doc_type[i]);
  add (out, F_CLUSTER, (guint64) v->doc_type[i] << 8 | v->rule[i]);
  add_lex (out, F_LEX, tok_lex (d, t), NAME_CLASSES);
  if (prev)
    add_lex (out, F_LEX_PREV, tok_lex (d, prev), TRIGGER_CLASSES);
  if (next)
    add_lex (out, F_LEX_NEXT, tok_lex (d, next), TRIGGER_CLASSES);
  add (out, F_DOC_WORD, doc_word_flags (d, t));
  /* how a spelling dictionary writes the word: only in lower case, only
   * capitalised, in capitals, or not at all (32: not a word) */
  if (v->dict != NULL)
    add (out, F_DICT, ws->dict);
  /* the classes of the word and its neighbours, learned from unlabeled
   * text (clusters.h); 0: no class */
  if (v->wclass != NULL)
    {
      add (out, F_WCLASS, v->wclass[i + 1]);
      add (out, F_WCLASS_PREV, v->wclass[i]);
      add (out, F_WCLASS_NEXT, v->wclass[i + 2]);
    }
  /* WordNet's names: the classes of the one covering this token, with
   * the token's place in it, and of the word alone */
  if (v->wn_span != NULL)
    {
      add_bits (out, F_WN_SPAN, v->wn_span[i], (guint64) v->wn_place[i] << 8);
      add_bits (out, F_WN_WORD, v->wn_word[i], 0);
    }
  /* a gazetteer or iso-codes phrase that starts here */
  if (tok_known (t) && t->cap != CAP_NO)
    {
      phrase_match (d, i, &pm);
      if (pm.n_tokens > 0)
        add (out, F_GAZ, (guint64) pm.type << 8 | MIN (pm.n_tokens, 4));
    }
}

void
et_token_features (const Doc *d, const EtDocView *v, guint i, EtFeatures *out)
{
  EtFeatureValues fv;

  et_token_feature_values (d, v, i, &fv);
  for (guint k = 0; k < fv.n; k++)
    out->f[k] = et_feature_key (fv.seed[k], fv.value[k]);
  out->n = fv.n;
}

/* A token that may start or continue a region on its own. */
static inline gboolean
is_core (const Doc *d, const EtDocView *v, guint i)
{
  const Token *t = &d->toks[i];

  return (t->cap != CAP_NO && tok_is_word (t))
         || (v->rule[i] != 0 && NAMED_TYPE (et_label_type (v->rule[i]) + 1));
}

/* A token that may join two core tokens: of, the, de, &, -, 's, 11. */
static inline gboolean
is_link (const Doc *d, guint i)
{
  const Token *t = &d->toks[i];

  if (t->kind == GALLEY_TOKEN_NUMBER)
    return TRUE;
  if (t->kind == GALLEY_TOKEN_PUNCT)
    {
      char c = d->text[t->start];

      return c == '&' || c == '-' || c == '.' || c == '\'';
    }
  return tok_is_word (t)
         && (tok_lex (d, t) & (LEX_FUNCTION | LEX_CONNECT_OF | LEX_PARTICLE | LEX_DETERMINER | LEX_CLOSED));
}

static void
find_regions (EtDocView *v, const Doc *d)
{
  guint i = 0;

  v->n_regions = 0;
  while (i < d->n)
    {
      guint a, b;

      if (!is_core (d, v, i))
        {
          i++;
          continue;
        }
      a = i;
      b = i + 1;
      for (;;)
        {
          if (b < d->n && is_core (d, v, b))
            b++;
          else if (b + 1 < d->n && is_link (d, b) && is_core (d, v, b + 1))
            b += 2;
          else if (b + 2 < d->n && is_link (d, b) && is_link (d, b + 1) && is_core (d, v, b + 2))
            b += 3;
          else
            break;
        }
      v->regions[v->n_regions].a = a;
      v->regions[v->n_regions].b = b;
      v->n_regions++;
      i = b;
    }
}

/* The type the rules give a word where they tag it (its first tagged
 * mention), for every token of the regions spelled the same: one sense
 * per discourse, offered to the model as evidence. Open addressing over
 * word hashes, sized by the mentions' tokens, not the document's: the
 * table sized 2 * d->n and zeroed for each document, and every token
 * looked up, took 47 M instructions of calloc() and 30 M of probes on
 * the real-news file with model=gum (callgrind, one job); only the
 * regions' tokens are read (v->doc_type stays 0 elsewhere). */
static void
fill_doc_types (EtDocView *v, const Doc *d)
{
  guint size = 16, mask, n_keys = 0;
  guint64 *keys;
  guint8 *types;

  for (guint k = 0; k < d->n_mentions; k++)
    if (NAMED_TYPE (d->mentions[k].type))
      n_keys += d->mentions[k].b - d->mentions[k].a;
  if (n_keys == 0)
    return;
  while (size < 2 * n_keys)
    size <<= 1;
  mask = size - 1;
  keys = g_new0 (guint64, size);
  types = g_new0 (guint8, size);
  for (guint k = 0; k < d->n_mentions; k++)
    {
      const Mention *m = &d->mentions[k];

      if (!NAMED_TYPE (m->type))
        continue;
      for (guint32 j = m->a; j < m->b; j++)
        {
          guint64 h = tok_hash (d, &d->toks[j]) | 1;
          guint s = (guint) (h >> 11) & mask;

          if (d->toks[j].cap == CAP_NO)
            continue;
          while (keys[s] != 0 && keys[s] != h)
            s = (s + 1) & mask;
          if (keys[s] == 0)
            {
              keys[s] = h;
              types[s] = m->type;
            }
        }
    }
  for (guint r = 0; r < v->n_regions; r++)
    for (guint i = v->regions[r].a; i < v->regions[r].b; i++)
      {
        guint64 h;
        guint s;

        if (d->toks[i].cap == CAP_NO)
          continue;
        h = tok_hash (d, &d->toks[i]) | 1;
        s = (guint) (h >> 11) & mask;
        while (keys[s] != 0 && keys[s] != h)
          s = (s + 1) & mask;
        if (keys[s] == h)
          v->doc_type[i] = types[s];
      }
  g_free (keys);
  g_free (types);
}

/* The word and shape hashes of the tokens the regions' features read;
 * the shapes follow the words in one block. */
static void
fill_words (EtDocView *v, const Doc *d)
{
  /* not zeroed: only the tokens filled here are read */
  guint64 *word = g_new (guint64, 2 * ((gsize) d->n + 4));
  guint64 *shape = word + d->n + 4;

  word[0] = word[1] = word[d->n + 2] = word[d->n + 3] = 1;
  shape[0] = shape[1] = shape[d->n + 2] = shape[d->n + 3] = 1;
  for (guint r = 0; r < v->n_regions; r++)
    {
      guint a = v->regions[r].a >= 2 ? v->regions[r].a - 2 : 0;
      guint b = MIN (v->regions[r].b + 2, d->n);

      /* words two tokens either side, shapes one */
      for (guint k = a; k < b; k++)
        {
          word[k + 2] = word_id (d, k);
          if (k + 2 > v->regions[r].a && k < v->regions[r].b + 1)
            shape[k + 2] = shape_hash (d, &d->toks[k]);
        }
    }
  v->word = word;
  v->shape = shape;
}

/* The word classes of the regions' tokens and one either side. */
static void
fill_classes (EtDocView *v, const Doc *d)
{
  v->wclass = g_new0 (guint16, (gsize) d->n + 2);
  for (guint r = 0; r < v->n_regions; r++)
    {
      guint a = v->regions[r].a >= 1 ? v->regions[r].a - 1 : 0;
      guint b = MIN (v->regions[r].b + 1, d->n);

      for (guint k = a; k < b; k++)
        v->wclass[k + 1] = (guint16) et_clusters_lookup (v->clusters, v->word[k + 2]);
    }
}

void
et_doc_view_init (EtDocView *v, const Doc *d, const EtWordNet *wn, const EtDict *dict,
                  const EtClusters *clusters)
{
  v->rule = g_new0 (guint8, d->n + 1);
  v->rule_strength = g_new0 (guint8, d->n + 1);
  v->doc_type = g_new0 (guint8, d->n + 1);
  v->regions = g_new (EtRegion, d->n + 1);
  for (guint k = 0; k < d->n_mentions; k++)
    {
      const Mention *m = &d->mentions[k];
      guint type = m->type;

      if (type == ET_NONE || type >= ET_N_TYPES)
        continue;
      for (guint32 j = m->a; j < m->b; j++)
        {
          guint bilou = m->b - m->a == 1 ? BILOU_U : j == m->a ? BILOU_B
                        : j + 1 == m->b ? BILOU_L : BILOU_I;

          v->rule[j] = (guint8) et_label (type - 1, bilou);
          v->rule_strength[j] = (guint8) (m->strength + (m->gazetteer ? 4 : 0));
        }
    }
  find_regions (v, d);
  fill_doc_types (v, d);
  fill_words (v, d);
  v->dict = dict;
  v->clusters = clusters;
  v->wclass = NULL;
  if (clusters != NULL)
    fill_classes (v, d);
  v->wn_span = v->wn_place = v->wn_word = NULL;
  if (wn != NULL)
    {
      /* only the regions are decoded, and a name is inside one */
      v->wn_span = g_new0 (guint8, 3 * (d->n + 1));
      v->wn_place = v->wn_span + d->n + 1;
      v->wn_word = v->wn_place + d->n + 1;
      for (guint r = 0; r < v->n_regions; r++)
        et_wordnet_names (wn, d, v->regions[r].a, v->regions[r].b, v->wn_span, v->wn_place,
                          v->wn_word);
    }
}

void
et_doc_view_clear (EtDocView *v)
{
  g_free (v->rule);
  g_free (v->rule_strength);
  g_free (v->doc_type);
  g_free (v->regions);
  g_free (v->word);
  g_free (v->wn_span);
  g_free (v->wclass);
  memset (v, 0, sizeof *v);
}
