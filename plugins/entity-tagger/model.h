/* model.h: the entity tagger's trainable model (model= parameter).
 *
 * An averaged structured perceptron over BILOU tags (Begin, Inside, Last,
 * Unit, Outside) of the model's own entity types, decoded with Viterbi
 * under the BILOU constraints. Its features are the rule tagger's view of
 * each token (its decision, gazetteer phrases, lexical classes, casing
 * evidence, clusters of the document) plus the word, its shape, affixes
 * and neighbours (and, in a model trained with --clusters-from, the
 * classes of the word and its neighbours, clusters.h); so rules become
 * features and a small annotated set adapts the tagger instead of
 * replacing it.
 *
 * Why a perceptron and not a linear-chain CRF: both are linear models
 * over the same features with the same Viterbi decoder; the averaged
 * perceptron needs no forward-backward pass per sequence and no learning
 * rate, and averaging plus early stopping on the dev set is its
 * regularisation. Measured on GUM's named entities split by
 * document (171 for training, 42 held out): training takes 1.7 s (11
 * epochs, stopped by the dev set), and exact F1 on the held-out 42 goes
 * from 0.672 (rules) to 0.731. A CRF was not measured against it.
 *
 * Only candidate regions are decoded (runs of capitalised words, numbers,
 * tokens the rules tagged, and the short lower-case links between them:
 * "University of the West"): every other token is Outside. On GUM 1.6% of
 * the gold names are all lower case, and the regions hold about a fifth of
 * the tokens, so decoding costs a fifth of what tagging every token would.
 */
#pragma once

#include <glib.h>

#include "tagger.h"
#include "dict.h"
#include "wordnet.h"
#include "clusters.h"

G_BEGIN_DECLS

/* The model file format: bumped whenever the file layout or the feature
 * set changes, so that an older Galley refuses a newer model instead of
 * reading its weights against other features. */
#define ET_MODEL_VERSION 2
#define ET_MODEL_MAGIC "GALLEYET"
/* Flags of a model file (version 2 on): what the model needs at run time. */
#define ET_MODEL_FLAG_WORDNET (1u << 0)   /* trained with WordNet's names (wordnet.h) */
#define ET_MODEL_FLAG_DICT (1u << 1)      /* trained with a spelling dictionary (dict.h) */
/* carries word classes learned from unlabeled text (clusters.h) in a
 * section after the rows: a Galley that predates it refuses the model by
 * the flag ("unknown model flags"), not by the version, so the models
 * without it, the built-in one too, stay the same bytes */
#define ET_MODEL_FLAG_CLUSTERS (1u << 2)
#define ET_MODEL_MAX_TYPES 16
#define ET_MODEL_MAX_LABELS (1 + 4 * ET_MODEL_MAX_TYPES)

/* BILOU: label 0 is Outside; type k (0-based) has labels 1 + 4k + BILU. */
enum { BILOU_B = 0, BILOU_I = 1, BILOU_L = 2, BILOU_U = 3 };

static inline guint
et_label (guint type, guint bilou)
{
  return 1 + 4 * type + bilou;
}

static inline guint
et_label_type (guint label)
{
  return (label - 1) / 4;
}

static inline guint
et_label_bilou (guint label)
{
  return (label - 1) % 4;
}

/* et_label_allowed: whether @cur may follow @prev (0 at a region's start
 * and after its end). */
gboolean et_label_allowed (guint prev, guint cur);

/* A region of tokens [a, b) that the model decodes. */
typedef struct {
  guint32 a, b;
} EtRegion;

/* A token's features: 64-bit hashes, at most ET_MAX_FEATURES of them. */
#define ET_MAX_FEATURES 64

typedef struct {
  guint64 f[ET_MAX_FEATURES];
  guint n;
} EtFeatures;

/* The features before their hashes: each one's template (a number below
 * ET_N_TEMPLATES), the template's seed and the value, in the order
 * et_token_features() hashes them. The model resolves the values below
 * ET_SMALL_VALUES of every template by an array index (model.c); a bit
 * of @large says which are not. */
#define ET_N_TEMPLATES 42
#define ET_SMALL_VALUES 256

typedef struct {
  guint64 seed[ET_MAX_FEATURES];
  guint64 value[ET_MAX_FEATURES];
  guint8 tmpl[ET_MAX_FEATURES];
  guint n;
  guint64 large;  /* bit k: value[k] >= ET_SMALL_VALUES */
} EtFeatureValues;

/* EtFeatureValues.large has a bit a feature */
G_STATIC_ASSERT (ET_MAX_FEATURES <= 64);

static inline guint64
et_feature_mix (guint64 h, guint64 v)
{
  h ^= v + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  return h ^ (h >> 33);
}

/* et_feature_seed: the half of a feature's hash that its template
 * gives. */
static inline guint64
et_feature_seed (guint tmpl)
{
  return et_feature_mix (G_GUINT64_CONSTANT (0xcbf29ce484222325), tmpl);
}

/* et_feature_key: the hash of a feature, never 0: what the model file
 * stores. */
static inline guint64
et_feature_key (guint64 seed, guint64 value)
{
  return et_feature_mix (seed, value) | 1;
}

/* The per-document evidence the features read (model-features.c). */
typedef struct {
  guint8 *rule;          /* per token: the rules' BILOU label over OntoNotes types, 0 Outside */
  guint8 *rule_strength; /* per token: the strength of the rule mention, +1 when gazetteer */
  guint8 *doc_type;      /* per token of the regions (else 0): the type the rules give
                          * the same word elsewhere */
  /* per token, with WordNet only (else NULL): et_wordnet_names()'s */
  guint8 *wn_span, *wn_place, *wn_word;
  const EtDict *dict;    /* or NULL: no dictionary features */
  const EtClusters *clusters;  /* or NULL: no word class features */
  /* with clusters, per token k at [k + 1], for the tokens of the
   * regions and one either side (else 0; 0 too before the first and
   * past the last): the word's class + 1, 0 when it has none */
  guint16 *wclass;
  EtRegion *regions;
  guint n_regions;
  /* per token k at [k + 2], for the tokens of the regions and two
   * either side (else 0), 1 before the first and past the last: the
   * word's hash and the shape's, that five tokens' features read */
  guint64 *word, *shape;
} EtDocView;

/* et_doc_view_init: fills @v for @d (after resolve_mentions), with the
 * WordNet names of @wn and the words of @dict when they are not NULL
 * (@dict is kept, not copied), and the word classes of @clusters when
 * not NULL (kept too); free with et_doc_view_clear. */
void et_doc_view_init (EtDocView *v, const Doc *d, const EtWordNet *wn, const EtDict *dict,
                       const EtClusters *clusters);
void et_doc_view_clear (EtDocView *v);
/* et_token_features: the features of token @i of @d, which is in one
 * of @v's regions. */
void et_token_features (const Doc *d, const EtDocView *v, guint i, EtFeatures *out);
/* et_token_feature_values: the same features, not hashed. */
void et_token_feature_values (const Doc *d, const EtDocView *v, guint i,
                              EtFeatureValues *out);

/* What of a token's features depends on its bytes alone and costs a
 * walk over them: its affixes' hashes and how the word list writes it
 * (model.c caches them a word). */
typedef struct {
  guint64 prefix3, suffix3, suffix4;
  guint dict;
} EtWordStatics;

/* The places in EtFeatureValues of the features whose values depend on
 * the token's bytes (and kind) alone: always there, the first 14 never
 * reaching ET_MAX_FEATURES. */
enum {
  ET_AT_WORD = 1, ET_AT_SHAPE = 8, ET_AT_PREFIX3 = 11, ET_AT_SUFFIX3 = 12,
  ET_AT_SUFFIX4 = 13,
};

/* et_word_id: the word hash the features give token @i of @d (1 outside
 * the document): what clusters are keyed by. */
guint64 et_word_id (const Doc *d, guint i);

/* et_word_statics: @ws for token @i of @d. */
void et_word_statics (const Doc *d, const EtDocView *v, guint i, EtWordStatics *ws);
/* et_token_feature_values_with: et_token_feature_values() with the
 * token's statics given. */
void et_token_feature_values_with (const Doc *d, const EtDocView *v, guint i,
                                   const EtWordStatics *ws, EtFeatureValues *out);

typedef struct _EtModel EtModel;

/* et_model_load: reads a model file, and WordNet from @wordnet_dir and
 * the word list at @dict_path (NULL: the defaults) when the model was
 * trained with them. Errors name @path: not a model, a newer format
 * version or flags than this Galley reads, a truncated file, WordNet or
 * the word list missing (et_wordnet_load's, et_dict_load's error). */
EtModel *et_model_load (const char *path, const char *wordnet_dir, const char *dict_path,
                        GError **error);

/* et_model_parse: a model from the @len bytes at @data (a built-in one);
 * errors name @path as et_model_load's do. */
EtModel *et_model_parse (const char *data, gsize len, const char *path,
                         const char *wordnet_dir, const char *dict_path, GError **error);

/* et_model_open: the built-in model called @name ("gum", see
 * docs/plugins/entity-tagger.md) or else the model file at path @name;
 * @wordnet_dir and @dict_path as for et_model_load. */
EtModel *et_model_open (const char *name, const char *wordnet_dir, const char *dict_path,
                        GError **error);
void et_model_free (EtModel *model);

/* et_model_apply: replaces the named-entity mentions of @d by the
 * model's (the rules' numeric mentions stay). */
void et_model_apply (const EtModel *model, Doc *d);

/* Weights as the trainer holds them: a row of n_labels floats per
 * feature, and the transitions. Used to save a model. */
typedef struct {
  guint n_types;
  char *types[ET_MODEL_MAX_TYPES];
  guint n_labels;
  float trans[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS];
  guint n_feats;
  guint64 *keys;       /* n_feats */
  float *rows;         /* n_feats * n_labels */
  guint32 flags;       /* ET_MODEL_FLAG_* */
  const EtClusters *clusters;  /* with ET_MODEL_FLAG_CLUSTERS (not owned) */
} EtWeights;

/* et_model_save: writes @w to @path (atomically), rows that are all zero
 * left out. */
gboolean et_model_save (const EtWeights *w, const char *path, GError **error);

/* et_viterbi: the best labels of @n tokens given their emission scores
 * (@n * @n_labels) and the transitions; writes @n labels to @out.
 * @work: 2 * @n * @n_labels floats/ints of scratch. */
void et_viterbi (const float *emit, guint n, guint n_labels,
                 const float trans[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS],
                 guint8 *out, float *work_score, guint8 *work_back);

/* The label pairs BILOU allows, laid out for the decoder: the labels
 * that may open a name (O, each B and U, increasing) follow exactly
 * those that close one (O, each L and U), and tt holds those pairs'
 * transitions row by closing label, zero past n_open (read eight at a
 * time). */
typedef struct {
  guint L, n_open, n_closed;
  guint8 open[ET_MODEL_MAX_LABELS];
  guint8 closed[ET_MODEL_MAX_LABELS];
  float tt[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS + 3];
  /* the labels of a one-token region (O, each U), increasing */
  guint n_single;
  guint8 single[ET_MODEL_MAX_LABELS];
  /* per type: the transitions B->I, I->I, B->L, I->L */
  float inner[ET_MODEL_MAX_TYPES][4];
  const float (*trans)[ET_MODEL_MAX_LABELS];
} EtDecoder;

/* et_decoder_init: @dc for @L labels and the transitions @trans (kept,
 * not copied). */
void et_decoder_init (EtDecoder *dc, guint L,
                      const float trans[ET_MODEL_MAX_LABELS][ET_MODEL_MAX_LABELS]);
/* et_decode: et_viterbi's result with a decoder made once. */
void et_decode (const EtDecoder *dc, const float *emit, guint n, guint8 *out,
                float *score, guint8 *back);

G_END_DECLS
