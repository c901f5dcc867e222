/* sentiment-stage.c: the "sentiment" stage class.
 *
 * For every sentence of the "sentence" layer it scores the tokens inside
 * (scorer.c) and writes a "sentiment" span over the sentence with the
 * double features compound, pos, neg and neu; then the document features
 * sentiment.compound/pos/neg/neu; then, when the document has an "entity"
 * layer, the mean compound of the sentences that mention each entity
 * cluster ("sentiment") and the cluster's number of mentions ("mentions")
 * on every entity span.
 *
 * The lexicon is built once in create() and only read by process(), so one
 * instance serves every worker thread (GALLEY_STAGE_THREAD_SAFE); the
 * per-call scratch space lives on process()'s stack and heap (on the
 * stack alone for a document of a few short sentences).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <galley/galley.h>

#include "lexicon.h"
#include "scorer.h"
#include "sentiment.h"

typedef enum {
  DOC_SCALED, /* the sentence sums over sqrt (sentences), normalised */
  DOC_SUM,    /* VADER: the whole text as one sum */
} DocumentMode;

typedef struct {
  SentimentLexicon *lexicon;
  SentimentConfig config;
  DocumentMode document;
  GalleyLanguageFilter *languages;
  gboolean mask_names;
  GQuark sentiment_type;
  /* Entity types whose words carry no valence, as a map indexed by the
   * type's quark (quarks are small consecutive integers): one load per
   * entity instead of a walk down the list of ten (18.5 M instructions
   * on the news benchmark). */
  guint8 *is_name_type;
  GQuark n_name_types;    /* size of @is_name_type */
} Sentiment;

/* Names are not tone: "Hope Hicks", "Liberty University", "the Justice
 * Party". EVENT stays out (Hurricane Katrina, the Great Depression). */
static const char *const name_type_names[] = {
  GALLEY_ENTITY_PERSON, GALLEY_ENTITY_ORG, GALLEY_ENTITY_GPE, GALLEY_ENTITY_LOC,
  GALLEY_ENTITY_NORP, GALLEY_ENTITY_FAC, GALLEY_ENTITY_PRODUCT,
  GALLEY_ENTITY_WORK_OF_ART, GALLEY_ENTITY_LAW, GALLEY_ENTITY_LANGUAGE, NULL
};

static const char *const formats[] = { "auto", "vader", "afinn", NULL };
static const char *const modes[] = { "merge", "replace", NULL };
static const char *const documents[] = { "scaled", "sum", NULL };

static const GalleyParamSpec params[] = {
  { "lexicon", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "a lexicon file: word<TAB>mean[<TAB>...] (VADER, -4..4) or "
    "word<TAB>integer (AFINN, -5..5)", 0 },
  { "lexicon-format", GALLEY_PARAM_CHOICE, "auto", 0, 0, formats,
    "format of lexicon=: auto takes AFINN when every rating is an integer "
    "in -5..5", 0 },
  { "lexicon-mode", GALLEY_PARAM_CHOICE, "merge", 0, 0, modes,
    "merge: lexicon= overrides and extends the built-in valences; replace: "
    "only its valences are used (the rules' word lists stay)", 0 },
  { "news-overrides", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "neutralise words that are topics rather than tone in news "
    "(cancer, tax, police), after lexicon= is applied", 0 },
  { "negation-scope", GALLEY_PARAM_INT, "3", 1, 10, NULL,
    "how many words before a sentiment word negators and boosters reach", 0 },
  { "clause-scope", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "negators and boosters do not reach across , ; : ( or dashes", 0 },
  { "reducers", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "reducers (curb, prevent, lack of) flip the words they govern and "
    "direction words flip or strengthen the word before them "
    "(unemployment fell, crime rose)", 0 },
  { "damping", GALLEY_PARAM_DOUBLE, "0.3", 0, 1, NULL,
    "a sentence's valence sum is divided by (polar words)^damping; "
    "0 sums as VADER does", 0 },
  { "topic-weight", GALLEY_PARAM_DOUBLE, "0.5", 0, 1, NULL,
    "weight of subject words (war, disease, poverty) in a sentence that "
    "also judges the other way; 1 treats them as any word", 0 },
  { "mask-names", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "words inside the entity layer's names (PERSON, ORG, GPE, ...) carry "
    "no valence: Hope Hicks, Liberty University", 0 },
  { "alpha", GALLEY_PARAM_DOUBLE, "15", 0.1, 1000, NULL,
    "normalisation: compound = x / sqrt(x^2 + alpha)", 0 },
  { "document", GALLEY_PARAM_CHOICE, "scaled", 0, 0, documents,
    "document compound: scaled normalises the sum of the sentence sums "
    "divided by sqrt(sentences), stable for long articles; sum scores "
    "the whole text as one (VADER)", 0 },
  GALLEY_LANGUAGE_PARAMS ("en"),
  { NULL, 0, NULL, 0, 0, NULL, NULL, 0 }
};

static gpointer
sentiment_create (const GalleyParams *p, GError **error)
{
  g_autofree Sentiment *self = g_new0 (Sentiment, 1);
  const char *path = galley_params_get_path (p, "lexicon");

  self->lexicon = sentiment_lexicon_new (
    path, galley_params_get_choice_index (p, "lexicon-format"),
    galley_params_get_choice_index (p, "lexicon-mode"),
    galley_params_get_boolean (p, "news-overrides"), error);
  if (self->lexicon == NULL)
    {
      g_prefix_error (error, "parameter 'lexicon': ");
      return NULL;
    }
  sentiment_config_init (&self->config);
  self->config.scope = galley_params_get_int (p, "negation-scope");
  self->config.clause_scope = galley_params_get_boolean (p, "clause-scope");
  self->config.reducers = galley_params_get_boolean (p, "reducers");
  self->config.alpha = galley_params_get_double (p, "alpha");
  sentiment_config_set_damping (&self->config, galley_params_get_double (p, "damping"));
  self->config.topic_weight = galley_params_get_double (p, "topic-weight");
  self->document = galley_params_get_choice_index (p, "document");
  self->mask_names = galley_params_get_boolean (p, "mask-names");
  self->languages = galley_language_filter_new_checked (p, error);
  if (self->languages == NULL)
    {
      sentiment_lexicon_free (self->lexicon);
      return NULL;
    }
  self->sentiment_type = g_quark_from_static_string ("sentiment");
  for (guint i = 0; name_type_names[i]; i++)
    self->n_name_types = MAX (self->n_name_types,
                              g_quark_from_static_string (name_type_names[i]) + 1);
  self->is_name_type = g_new0 (guint8, self->n_name_types);
  for (guint i = 0; name_type_names[i]; i++)
    self->is_name_type[g_quark_from_static_string (name_type_names[i])] = 1;
  return g_steal_pointer (&self);
}

static void
sentiment_free (gpointer data)
{
  Sentiment *self = data;

  if (self == NULL)
    return;
  sentiment_lexicon_free (self->lexicon);
  galley_language_filter_free (self->languages);
  g_free (self->is_name_type);
  g_free (self);
}

/* Entity targets
 *
 * An entity's score is the mean compound of the distinct sentences that
 * mention its cluster. Entities come sorted by start, so each cluster's
 * sentences come in order, and one walk sums them: a cluster counts a
 * sentence when it differs from the last one it counted, and the sums
 * add the same sentences in the same order as a sort by cluster, then
 * by sentence, did. The features are then set from the last entity back
 * (the first call sizes each column once).
 *
 * Memory, one 100 MB document (2.5 million entities): the sort kept
 * three arrays over the entities (a 16-byte record each, its sorted copy,
 * the counting sort's starts: 36 bytes an entity, 90 MB) and set the
 * features in cluster order, growing each column by doubling; the
 * process peaked here at 0.98 GB. Now a group index per entity (4 bytes)
 * and a 24-byte Group per entity (the tagger's cluster ids index them)
 * and per other cluster. */

typedef struct {
  double sum;         /* compounds of the distinct sentences counted */
  guint32 last;       /* the last sentence counted + 1, or 0: all zero
                       * bytes is a group with nothing counted */
  guint32 n_sent;     /* sentences counted */
  guint32 n_mentions; /* entities of the cluster */
} Group;

/* A document's first GROUPS_ON_STACK entities need no allocation (most
 * news articles have fewer: callgrind, 100,000 documents of one entity,
 * 950 instructions a document in malloc and free). */
#define GROUPS_ON_STACK 64

/* The entity tagger numbers its clusters 0, 1, 2...: cluster c in
 * [0, n) is group c, zeroed beforehand by one memset; the others (other
 * ids, and the entities without a cluster) get groups n, n + 1...
 * Where cluster c went to a group through an array of n indices, made
 * on first sight, the stage took 317.6 M instructions on the news
 * benchmark, now 313.5 M (callgrind, default pipeline). */
typedef struct {
  Group *groups;         /* on_stack, or allocated once it is outgrown */
  guint n_groups, size;  /* n_groups >= n */
  guint n;
  GHashTable *others;    /* other cluster ids (not the tagger's) -> group + 1 */
  Group on_stack[GROUPS_ON_STACK];
} Groups;

static inline guint32
group_new (Groups *g)
{
  if (g->n_groups == g->size)
    {
      g->size *= 2;
      if (g->groups == g->on_stack)
        g->groups = g_memdup2 (g->on_stack, sizeof g->on_stack);
      g->groups = g_renew (Group, g->groups, g->size);
    }
  memset (&g->groups[g->n_groups], 0, sizeof (Group));
  return g->n_groups++;
}

/* The group of @cluster; ids out of [0, n) go through a hash table. */
static guint32
group_of_cluster (Groups *g, gint64 cluster)
{
  gpointer found;
  guint32 k;

  if (cluster >= 0 && (guint64) cluster < g->n)
    return (guint32) cluster;
  if (g->others == NULL)
    g->others = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (g->others, &cluster, NULL, &found))
    return GPOINTER_TO_UINT (found) - 1;
  k = group_new (g);
  g_hash_table_insert (g->others, g_memdup2 (&cluster, sizeof cluster),
                       GUINT_TO_POINTER (k + 1));
  return k;
}

/* The index of the sentence whose [start, end) holds @offset, or -1.
 * @cursor: how many sentences start at or before the previous offset
 * asked (0 at first). galley_layer_get_spans() returns the entities
 * sorted by start, so the offsets never go back and the cursor walks
 * once over a document's sentences, where a binary search per entity
 * cost 12 M instructions on the news benchmark. */
static gint
sentence_at (const GalleySpan *sentences, guint n, guint32 offset, guint *cursor)
{
  guint lo = *cursor;

  while (lo < n && sentences[lo].start <= offset)
    lo++;
  *cursor = lo;
  if (lo == 0)
    return -1;
  lo--;
  return offset < sentences[lo].end || sentences[lo].start == offset ? (gint) lo : -1;
}

static void
score_entities (GalleyLayer *entities, const GalleySpan *sentences,
                guint n_sentences, const double *compound)
{
  guint n = galley_layer_get_n_spans (entities);
  const GalleySpan *spans = galley_layer_get_spans (entities, NULL);
  guint32 group_on_stack[GROUPS_ON_STACK];
  g_autofree guint32 *group_big = NULL;
  guint32 *group = group_on_stack;
  int cluster_col = galley_layer_find_feature_key (entities, GALLEY_ENTITY_FEATURE_CLUSTER);
  /* the column as one array, read in place: a call a value
   * (galley_layer_get_feature_nth) cost 4.8 M instructions of the stage's
   * 370 M on the news benchmark (callgrind, default pipeline) */
  guint n_clusters = 0;
  const GalleyValue *clusters =
    cluster_col >= 0 ? galley_layer_get_feature_column (entities, cluster_col, &n_clusters) : NULL;
  guint cursor = 0;
  Groups g;

  g.groups = g.on_stack;
  g.n_groups = n;
  g.size = GROUPS_ON_STACK;
  g.n = n;
  g.others = NULL;
  if (n > GROUPS_ON_STACK)
    {
      group = group_big = g_new (guint32, n);
      g.size = n + n / 4 + 1;
      g.groups = g_new (Group, g.size);
    }
  memset (g.groups, 0, n * sizeof (Group));
  for (guint i = 0; i < n; i++)
    {
      /* the column found once, not by key per entity: 21.8 M -> 7 M
       * instructions (callgrind, default pipeline, news benchmark) */
      const GalleyValue *v = i < n_clusters ? &clusters[i] : NULL;
      gint sentence = sentence_at (sentences, n_sentences, spans[i].start, &cursor);
      Group *gr;

      /* an entity without a cluster is a cluster of its own */
      group[i] = v != NULL && v->type == GALLEY_VALUE_INT ? group_of_cluster (&g, v->v.i)
                                                          : group_new (&g);
      gr = &g.groups[group[i]];
      gr->n_mentions++;
      if (sentence >= 0 && (guint32) sentence + 1 != gr->last)
        {
          gr->last = (guint32) sentence + 1;
          gr->sum += compound[sentence];
          gr->n_sent++;
        }
    }
  g_clear_pointer (&g.others, g_hash_table_unref);

  /* each column set with one call (callgrind, default pipeline on news:
   * see the commit) */
  {
    double sentiment_on_stack[GROUPS_ON_STACK];
    gint64 mentions_on_stack[GROUPS_ON_STACK];
    g_autofree double *sentiment_big = NULL;
    g_autofree gint64 *mentions_big = NULL;
    double *sentiment = sentiment_on_stack;
    gint64 *mentions = mentions_on_stack;

    if (n > GROUPS_ON_STACK)
      {
        sentiment = sentiment_big = g_new (double, n);
        mentions = mentions_big = g_new (gint64, n);
      }
    for (guint i = 0; i < n; i++)
      {
        const Group *gr = &g.groups[group[i]];

        sentiment[i] = gr->n_sent ? gr->sum / gr->n_sent : 0.0;
        mentions[i] = gr->n_mentions;
      }
    galley_layer_set_feature_double_column (entities, GALLEY_ENTITY_FEATURE_SENTIMENT,
                                            sentiment, n);
    galley_layer_set_feature_int_column (entities, GALLEY_ENTITY_FEATURE_MENTIONS,
                                         mentions, n);
  }
  if (g.groups != g.on_stack)
    g_free (g.groups);
}

/* A document of up to NAMES_ON_STACK tokens keeps its name mask on the
 * stack: allocated and freed, the mask cost 2.3 M instructions on the
 * news benchmark, where 8,744 of the 10,569 articles have a name (with
 * group_new() inline, the stage 361.2 M -> 357.6 M instructions,
 * callgrind, default pipeline). */
#define NAMES_ON_STACK 1024

/* lo: the first of @tokens[0, @len) that does not start before @start,
 * or @len. A binary search whose step is a select, not a branch: the
 * compare went the unforeseen way half the time, 0.55 M mispredicted on
 * the news benchmark (callgrind --branch-sim); the loop runs log2 (@len)
 * times whatever the tokens. Invariant: the answer is in [base, base + len]. */
static inline guint
first_at_or_after (const GalleySpan *tokens, guint len, guint32 start)
{
  const GalleySpan *base = tokens;

  while (len > 1)
    {
      guint half = len / 2;

      base = base[half].start < start ? base + half : base;
      len -= half;
    }
  return (guint) (base - tokens) + (base->start < start);
}

/* first_at_or_after (@tokens, NAME_WINDOW, @start), its five steps
 * written out: as a loop of constant count GCC kept the loop (the
 * stage 321.1 M instructions, 317.6 M unrolled). Each step adds the
 * compare's 0 or 1 times the step: written as a select, unrolled, GCC
 * made four of the five steps branches, 0.18 M mispredicted on news
 * (callgrind --branch-sim). */
#define NAME_WINDOW 32

static inline guint
first_in_window (const GalleySpan *tokens, guint32 start)
{
  const GalleySpan *base = tokens;

  base += 16 * (base[16].start < start);
  base += 8 * (base[8].start < start);
  base += 4 * (base[4].start < start);
  base += 2 * (base[2].start < start);
  base += base[1].start < start;
  return (guint) (base - tokens) + (base->start < start);
}

/* One byte per token: 0 inside a name of the entity layer, 0xff elsewhere. NULL when the
 * document has no names; else @on_stack (NAMES_ON_STACK bytes) when the
 * document has no more tokens than that, or a block to free. */
static guint8 *
name_mask (const Sentiment *self, GalleyLayer *entities,
           const GalleySpan *tokens, guint n_tokens, guint8 *on_stack)
{
  const GalleySpan *spans;
  guint n, lo = 0;
  guint8 *mask = NULL;

  if (entities == NULL || n_tokens == 0)
    return NULL;
  spans = galley_layer_get_spans (entities, &n);
  for (guint e = 0; e < n; e++)
    {
      guint32 start = spans[e].start, end = spans[e].end;

      if (spans[e].type >= self->n_name_types || !self->is_name_type[spans[e].type])
        continue;
      /* The entities come sorted by start, so a name's first token is
       * at or after the previous name's (@lo): searched in the
       * NAME_WINDOW tokens from there (five unrolled steps) when the
       * window holds it, else in all the tokens from there. On the news
       * benchmark the window holds 70,299 of the 90,609 names; a
       * search over the whole document took 10.7 M instructions there,
       * these two 3.3 M (the stage 325.3 M -> 317.6 M with the break
       * below, callgrind, default pipeline; a window of 16 tokens
       * 318.7 M, of 64 317.9 M). */
      if (lo + NAME_WINDOW <= n_tokens && tokens[lo + NAME_WINDOW - 1].start >= start)
        lo += first_in_window (tokens + lo, start);
      else if (lo < n_tokens)
        lo += first_at_or_after (tokens + lo, n_tokens - lo, start);
      /* Only names of two words or more, and only their capitalised
       * words: a tagger also marks acronyms and sentence-initial words
       * (LOL, WTF, Yay) as names, and those are tone. */
      for (guint t = lo, words = 0; t < n_tokens && tokens[t].start < end; t++)
        if (tokens[t].end <= end &&
            GALLEY_TOKEN_KIND (tokens[t].flags) == GALLEY_TOKEN_WORD &&
            ++words == 2)
          {
            for (guint u = lo; u < n_tokens && tokens[u].start < end; u++)
              if (tokens[u].end <= end &&
                  GALLEY_TOKEN_CASE (tokens[u].flags) == GALLEY_CASE_TITLE)
                {
                  if (mask == NULL)
                    mask = memset (n_tokens <= NAMES_ON_STACK ? on_stack : g_malloc (n_tokens),
                                   0xff, n_tokens);
                  mask[u] = 0;  /* 0xff elsewhere, -1 as a gint8: see
                                 * scorer.c, keep_of() */
                }
            break;  /* the name is marked: its other words change nothing */
          }
    }
  return mask;
}

#define SENTENCES_ON_STACK 16

static gboolean
sentiment_process (gpointer data, GalleyDocument *doc, GError **error)
{
  const Sentiment *self = data;
  GalleyLayer *token_layer, *sentence_layer, *out, *entities;
  const GalleySpan *tokens, *sentences;
  guint n_tokens, n_sentences, t = 0;
  const char *text;
  SentimentCaps caps;
  SentimentSums total = { 0 };
  SentimentScore score;
  SentimentScratch scratch;
  /* a document of up to SENTENCES_ON_STACK sentences keeps its scores on
   * the stack: two allocations fewer a document (see scorer.c) */
  /* four columns of scores, one a feature: compound, pos, neg, neu */
  double columns_small[4 * SENTENCES_ON_STACK];
  g_autofree double *columns_big = NULL;
  double *columns = columns_small;
  guint stride = SENTENCES_ON_STACK;
  double *compound, *pos, *neg, *neu;
  guint8 names_small[NAMES_ON_STACK];
  guint8 *names = NULL;
  double mean_sum = 0;
  guint n_scored = 0;

  if (!galley_language_filter_accepts (self->languages, doc))
    return TRUE;
  token_layer = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);
  sentence_layer = galley_document_get_layer (doc, GALLEY_LAYER_SENTENCE);
  if (token_layer == NULL || sentence_layer == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "document '%s' has no '%s' layer: run the tokenizer first",
                   galley_document_get_id (doc),
                   token_layer == NULL ? GALLEY_LAYER_TOKEN : GALLEY_LAYER_SENTENCE);
      return FALSE;
    }
  text = galley_document_get_text (doc, NULL);
  tokens = galley_layer_get_spans (token_layer, &n_tokens);
  sentences = galley_layer_get_spans (sentence_layer, &n_sentences);
  sentiment_caps_init (&caps, tokens, n_tokens);
  entities = galley_document_get_layer (doc, GALLEY_LAYER_ENTITY);
  if (self->mask_names)
    names = name_mask (self, entities, tokens, n_tokens, names_small);

  out = galley_document_replace_layer (doc, GALLEY_LAYER_SENTIMENT);
  galley_layer_reserve (out, n_sentences);
  if (n_sentences + 1 > SENTENCES_ON_STACK)
    {
      stride = n_sentences + 1;
      columns = columns_big = g_new (double, 4 * stride);
    }
  compound = columns;
  pos = columns + stride;
  neg = columns + 2 * stride;
  neu = columns + 3 * stride;
  sentiment_scratch_init (&scratch);

  for (guint s = 0; s < n_sentences; s++)
    {
      guint first;
      SentimentSums sums;

      /* tokens are sorted by start: walk them alongside the sentences */
      while (t < n_tokens && tokens[t].start < sentences[s].start)
        t++;
      first = t;
      /* the scorer finds where the sentence's tokens end */
      t += sentiment_score_sentence (self->lexicon, &self->config, &scratch, text,
                                     tokens + first, n_tokens - first,
                                     sentences[s].end,
                                     names ? names + first : NULL, &caps, &sums);
      sentiment_sums_to_score (&sums, self->config.alpha, &score);
      compound[s] = score.compound;
      pos[s] = score.pos;
      neg[s] = score.neg;
      neu[s] = score.neu;
      galley_layer_append (out, sentences[s].start, sentences[s].end,
                           self->sentiment_type, 0);

      total.sum += sums.sum;
      total.pos_sum += sums.pos_sum;
      total.neg_sum += sums.neg_sum;
      total.neu_count += sums.neu_count;
      total.n_words += sums.n_words;
      if (sums.n_words > 0)
        {
          mean_sum += sums.sum;
          n_scored++;
        }
    }
  sentiment_scratch_clear (&scratch);
  if (names != names_small)
    g_free (names);
  /* a column a call: four calls a document, not four a sentence */
  galley_layer_set_feature_double_column (out, GALLEY_SENTIMENT_FEATURE_COMPOUND, compound, n_sentences);
  galley_layer_set_feature_double_column (out, GALLEY_SENTIMENT_FEATURE_POS, pos, n_sentences);
  galley_layer_set_feature_double_column (out, GALLEY_SENTIMENT_FEATURE_NEG, neg, n_sentences);
  galley_layer_set_feature_double_column (out, GALLEY_SENTIMENT_FEATURE_NEU, neu, n_sentences);

  sentiment_sums_to_score (&total, self->config.alpha, &score);
  if (self->document == DOC_SCALED && n_scored > 0)
    score.compound = sentiment_normalize (mean_sum / sqrt (n_scored),
                                          self->config.alpha);
  galley_document_set_feature_double (doc, GALLEY_FEATURE_SENTIMENT_COMPOUND, score.compound);
  galley_document_set_feature_double (doc, GALLEY_FEATURE_SENTIMENT_POS, score.pos);
  galley_document_set_feature_double (doc, GALLEY_FEATURE_SENTIMENT_NEG, score.neg);
  galley_document_set_feature_double (doc, GALLEY_FEATURE_SENTIMENT_NEU, score.neu);

  if (entities != NULL && galley_layer_get_n_spans (entities) > 0)
    score_entities (entities, sentences, n_sentences, compound);
  return TRUE;
}

static const char *const requires[] = { GALLEY_LAYER_TOKEN, GALLEY_LAYER_SENTENCE, NULL };
static const char *const produces[] = { GALLEY_LAYER_SENTIMENT, NULL };
/* The entity layer, when there is one, masks names (mask-names=) and gets
 * each entity's sentiment as span features: entity-tagger must come first. */
static const char *const modifies[] = { GALLEY_LAYER_ENTITY, NULL };

const GalleyStageClass galley_sentiment_stage = {
  .name = "sentiment",
  .kind = GALLEY_STAGE_FILTER,
  .description = "Sentence, document and entity sentiment (lexicon and rules, news-calibrated)",
  .params = params,
  .requires = requires,
  .produces = produces,
  .modifies = modifies,
  .flags = GALLEY_STAGE_THREAD_SAFE,
  .create = sentiment_create,
  .process = sentiment_process,
  .free = sentiment_free,
};
