/* tool-train.c: galley train entity-tagger --data FILE [--dev FILE | --no-dev]
 * --out MODEL
 *
 * Reads the annotated documents, tokenizes them, runs the rules on each
 * (tagger_visit) and hands the result with the gold names to the
 * trainer (train.c); then writes the epoch with the best dev F1, or with
 * --no-dev the last of exactly --epochs passes over all of --data (a
 * small corpus's tenth is too few documents to choose the epoch: choose
 * it by cross-validation instead, as the built-in model's recipe does).
 *
 * With --clusters-from, it first learns classes of words from unlabeled
 * text (clusters.h), read through the same tokenizer and rules as the
 * annotated documents so that a word's key is the one its features use,
 * and the model file carries them: a model stays one file. Classes are
 * learned at training time, not by a command of their own, because they
 * are worth only what the model that reads them learned from them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "annotated.h"
#include "entity-tagger.h"
#include "plugins/tokenizer/tokenizer.h"
#include "tool.h"
#include "train.h"

typedef struct {
  EtTrainer *tr;
  const AnnDoc *ann;
  char **types;
  gboolean dev;
  const EtCopy *copy;   /* or NULL: the document itself */
} AddCtx;

static void
add_visited (Doc *d, gpointer data)
{
  AddCtx *c = data;
  g_autofree EtGold *gold = g_new (EtGold, MAX (c->ann->entities->len, 1));

  for (guint k = 0; k < c->ann->entities->len; k++)
    {
      const AnnEntity *e = &g_array_index (c->ann->entities, AnnEntity, k);

      gold[k].start = e->start;
      gold[k].end = e->end;
      gold[k].type = 0;
      for (guint t = 0; c->types[t] != NULL; t++)
        if (e->type == g_quark_from_string (c->types[t]))
          gold[k].type = t;
    }
  if (c->copy != NULL)
    et_trainer_add_copy (c->tr, d, gold, c->ann->entities->len, c->copy);
  else
    et_trainer_add (c->tr, d, gold, c->ann->entities->len, c->dev);
}

/* Tokenizes @ann and gives it to the trainer through the rules. */
static gboolean
add_document (GalleyHarness *tok, Tagger *tg, AddCtx *c, GError **error)
{
  g_autoptr (GalleyDocument) doc = galley_document_new (c->ann->id, c->ann->text, -1);

  if (doc == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "document %s: text is not UTF-8",
                   c->ann->id);
      return FALSE;
    }
  if (!galley_harness_run (tok, doc, error))
    return FALSE;
  return tagger_visit (tg, doc, add_visited, c, error);
}

/* The dev documents when there is no --dev: every tenth of a seeded
 * shuffle (at least one when there are two or more documents). */
static gboolean *
choose_dev (guint n, guint32 seed)
{
  gboolean *dev = g_new0 (gboolean, MAX (n, 1));
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed ^ 0x5eed);
  guint n_dev = n >= 2 ? MAX (1, n / 10) : 0;

  for (guint k = 0; k < n_dev;)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) n);

      if (!dev[j])
        {
          dev[j] = TRUE;
          k++;
        }
    }
  return dev;
}

/* --augment's shares of regions copied: with the names replaced, in
 * capitals, in title case (0: no such copy). */
typedef struct {
  double replace, upper, title;
} Augment;

static gboolean
parse_augment (const char *spec, Augment *a, GError **error)
{
  g_auto (GStrv) items = g_strsplit (spec, ",", -1);

  for (guint k = 0; items[k] != NULL; k++)
    {
      const char *eq = strchr (items[k], '=');
      char *end = NULL;
      double v = eq != NULL ? g_ascii_strtod (eq + 1, &end) : -1;
      double *at = NULL;

      if (eq != NULL && strncmp (items[k], "replace=", 8) == 0)
        at = &a->replace;
      else if (eq != NULL && strncmp (items[k], "upper=", 6) == 0)
        at = &a->upper;
      else if (eq != NULL && strncmp (items[k], "title=", 6) == 0)
        at = &a->title;
      if (at == NULL || end == eq + 1 || *end != '\0' || !(v >= 0 && v <= 1))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--augment: '%s': expected replace=, upper= or title= a share from 0 to 1",
                       items[k]);
          return FALSE;
        }
      *at = v;
    }
  return TRUE;
}

/* Gives the trainer @changed (freed here) as a copy. */
static gboolean
add_copy (GalleyHarness *tok, Tagger *tg, AddCtx *c, AnnDoc *changed, const EtCopy *copy,
          GError **error)
{
  gboolean ok;

  c->ann = changed;
  c->copy = copy;
  ok = add_document (tok, tg, c, error);
  c->copy = NULL;
  ann_doc_free (changed);
  return ok;
}

/* Adds the copies of the training documents (not the dev ones) that @a
 * asks for. The names put in come from the training documents only, so
 * that cross-validation never sees a test fold's, and change each epoch;
 * the case does not, so one copy in capitals serves every epoch (its
 * regions drawn anew in each: 7 epochs of upper=0.25,title=0.25 on GUM's
 * 213 documents held 266 MB with a copy per epoch, 215 MB with one;
 * replace=1,upper=1,title=1 774 MB and 288 MB). */
static gboolean
add_copies (GalleyHarness *tok, Tagger *tg, AddCtx *c, GPtrArray *docs,
            const gboolean *is_dev, const Augment *a, guint epochs, guint32 seed,
            GError **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed ^ 0xa097);
  AnnNames *names = ann_names_new ();
  const EtCopy upper = { 0, a->upper, FALSE, NULL }, title = { 0, a->title, FALSE, NULL };
  gboolean ok = TRUE;

  for (guint k = 0; k < docs->len; k++)
    if (!is_dev[k])
      ann_names_add (names, g_ptr_array_index (docs, k));
  for (guint k = 0; k < docs->len && ok; k++)
    {
      const AnnDoc *d = g_ptr_array_index (docs, k);

      if (is_dev[k])
        continue;
      if (a->upper > 0)
        ok = add_copy (tok, tg, c, ann_doc_recase (d, FALSE), &upper, error);
      if (ok && a->title > 0)
        ok = add_copy (tok, tg, c, ann_doc_recase (d, TRUE), &title, error);
    }
  for (guint e = 1; e <= epochs && a->replace > 0 && ok; e++)
    for (guint k = 0; k < docs->len && ok; k++)
      {
        EtCopy copy = { e, a->replace, TRUE, rand };

        if (!is_dev[k])
          ok = add_copy (tok, tg, c, ann_doc_replace_names (g_ptr_array_index (docs, k), names, rand),
                         &copy, error);
      }
  ann_names_free (names);
  return ok;
}

/* --clusters-from: each unlabeled document's word hashes. */
typedef struct {
  GalleyHarness *tok;
  Tagger *tg;
  EtClusterText *text;
} ClusterCtx;

static void
add_words (Doc *d, gpointer data)
{
  ClusterCtx *c = data;
  g_autofree guint64 *words = g_new (guint64, MAX (d->n, 1));

  for (guint k = 0; k < d->n; k++)
    words[k] = et_word_id (d, k);
  et_cluster_text_add (c->text, words, d->n);
}

static gboolean
add_unlabeled (const AnnDoc *ann, gpointer data, GError **error)
{
  ClusterCtx *c = data;
  g_autoptr (GalleyDocument) doc = galley_document_new (ann->id, ann->text, -1);

  if (doc == NULL)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "text is not UTF-8");
      return FALSE;
    }
  if (!galley_harness_run (c->tok, doc, error))
    return FALSE;
  return tagger_visit (c->tg, doc, add_words, c, error);
}

/* The classes of the words of @path's documents. */
static EtClusters *
learn_clusters (GalleyHarness *tok, Tagger *tg, const char *path, const EtClusterOptions *o,
                GError **error)
{
  ClusterCtx c = { tok, tg, et_cluster_text_new () };
  gint64 t0 = g_get_monotonic_time ();
  EtClusters *cl = NULL;

  if (ann_each_text (path, add_unlabeled, &c, error))
    {
      cl = et_clusters_learn (c.text, o);
      if (cl == NULL)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                     "%s: no word is seen %u times or more (--clusters-min)", path,
                     o->min_count);
      else
        fprintf (stderr, "word classes: %u distinct words of the %" G_GUINT64_FORMAT " of %s "
                 "in %u classes (%.1f s)\n", et_clusters_n_words (cl),
                 et_cluster_text_tokens (c.text), path, o->n_classes,
                 (double) (g_get_monotonic_time () - t0) / 1e6);
    }
  et_cluster_text_free (c.text);
  return cl;
}

static int
fail (GError *error)
{
  fprintf (stderr, "galley train entity-tagger: error: %s\n", error->message);
  return tool_exit_status (error);
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

int
tool_train (int argc, char **argv)
{
  g_autofree char *data = NULL, *dev_path = NULL, *out = NULL, *wordnet_dir = NULL;
  g_autofree char *dict_path = NULL, *augment_spec = NULL, *clusters_from = NULL;
  gint clusters_k = 256, clusters_min = 3, clusters_passes = 10;
  EtClusters *clusters = NULL;
  Augment augment = { 0 };
  gboolean no_wordnet = FALSE, no_dict = FALSE, no_dev = FALSE;
  EtWordNet *wordnet = NULL;
  EtDict *dict = NULL;
  g_auto (GStrv) params = NULL, types = NULL;
  gint epochs = 30, patience = 4, seed = 1;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- train an entity-tagger model");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) docs = NULL, dev_docs = NULL;
  g_autoptr (GalleyHarness) tok = NULL;
  g_autofree gboolean *is_dev = NULL;
  GalleyParams *p;
  Tagger *tg;
  EtTrainer *tr;
  EtWeights *w;
  EtTrainOptions opts = { 0 };
  guint n_dev = 0;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, "Annotated documents (JSONL or [text]{TYPE})", "FILE" },
    { "dev", 0, 0, G_OPTION_ARG_FILENAME, &dev_path, "Documents that choose the epoch (default: a tenth of --data)", "FILE" },
    { "no-dev", 0, 0, G_OPTION_ARG_NONE, &no_dev, "No dev set: learn from all of --data for exactly --epochs passes", NULL },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "The model file to write", "MODEL" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs, "At most this many passes (default 30)", "N" },
    { "patience", 0, 0, G_OPTION_ARG_INT, &patience, "Stop after N epochs without a better dev F1 (default 4)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the document order and the dev split (default 1)", "N" },
    { "wordnet", 0, 0, G_OPTION_ARG_FILENAME, &wordnet_dir, "WordNet 3.0's directory, whose proper names become features (default " ET_WORDNET_DIR ")", "DIR" },
    { "no-wordnet", 0, 0, G_OPTION_ARG_NONE, &no_wordnet, "Train without WordNet's names (the model then runs without it)", NULL },
    { "dict", 0, 0, G_OPTION_ARG_FILENAME, &dict_path, "A word list (one word a line) whose words' spellings become features (default " ET_DICT_PATH ")", "FILE" },
    { "no-dict", 0, 0, G_OPTION_ARG_NONE, &no_dict, "Train without a word list (the model then runs without it)", NULL },
    { "augment", 0, 0, G_OPTION_ARG_STRING, &augment_spec, "Also learn from copies of the training documents: replace=SHARE (each name another of its type), upper=SHARE (in capitals), title=SHARE (title case), comma-separated; SHARE of the regions, a new copy each epoch (default: none)", "SPEC" },
    { "clusters-from", 0, 0, G_OPTION_ARG_FILENAME, &clusters_from, "Unlabeled documents (JSON Lines with a \"text\") to learn classes of words from, as features; the model carries them (default: none)", "FILE" },
    { "clusters", 0, 0, G_OPTION_ARG_INT, &clusters_k, "How many word classes (default 256)", "K" },
    { "clusters-min", 0, 0, G_OPTION_ARG_INT, &clusters_min, "Words seen fewer times in --clusters-from get no class (default 3)", "N" },
    { "clusters-passes", 0, 0, G_OPTION_ARG_INT, &clusters_passes, "Passes of the exchange algorithm over the words (default 10)", "N" },
    { "param", 0, 0, G_OPTION_ARG_STRING_ARRAY, &params, "A parameter of the tagger (gazetteer=, iso-codes-dir=, ...)", "KEY=VALUE" },
    { NULL }
  };

  g_set_prgname ("galley train entity-tagger");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return fail (error);
  if (data == NULL || out == NULL || argc > 1 || epochs < 1 || patience < 1
      || (no_dev && dev_path != NULL) || clusters_k < 2 || clusters_k > 65535
      || clusters_min < 1 || clusters_passes < 0)
    {
      fprintf (stderr, "galley train entity-tagger: error: %s\n",
               argc > 1 ? "unexpected argument" : data == NULL ? "--data FILE is required"
               : out == NULL ? "--out MODEL is required"
               : no_dev && dev_path != NULL ? "--dev and --no-dev exclude each other"
               : clusters_k < 2 || clusters_k > 65535 ? "--clusters must be 2 to 65535"
               : clusters_min < 1 || clusters_passes < 0
               ? "--clusters-min must be 1 or more, --clusters-passes 0 or more"
               : "--epochs and --patience must be 1 or more");
      return 2;
    }
  if (augment_spec != NULL && !parse_augment (augment_spec, &augment, &error))
    {
      fprintf (stderr, "galley train entity-tagger: error: %s\n", error->message);
      return 2;
    }
  docs = ann_load (data, &error);
  if (docs == NULL)
    return fail (error);
  if (dev_path != NULL && (dev_docs = ann_load (dev_path, &error)) == NULL)
    return fail (error);
  types = ann_types (docs);
  qsort (types, g_strv_length (types), sizeof (char *), compare_strings);
  if (types[0] == NULL || g_strv_length (types) > ET_MODEL_MAX_TYPES)
    {
      fprintf (stderr, "galley train entity-tagger: error: %s: %s\n", data,
               types[0] == NULL ? "no entities to learn from"
                                : "more than 16 entity types");
      return 2;
    }
  /* the model will need WordNet wherever it runs: say so now if it is
   * missing here (first: the returns below free what they made) */
  if (!no_wordnet
      && (wordnet = et_wordnet_load (wordnet_dir ? wordnet_dir : ET_WORDNET_DIR, &error)) == NULL)
    {
      g_prefix_error (&error, "--wordnet: ");
      return fail (error);
    }
  if (!no_dict && (dict = et_dict_load (dict_path ? dict_path : ET_DICT_PATH, &error)) == NULL)
    {
      et_wordnet_free (wordnet);
      g_prefix_error (&error, "--dict: ");
      return fail (error);
    }
  tok = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  p = tok ? tool_parse_params ((const char *const *) params, NULL, &error) : NULL;
  tg = p ? galley_entity_tagger_stage.create (p, &error) : NULL;
  if (p)
    galley_params_free (p);
  if (tg == NULL)
    {
      et_wordnet_free (wordnet);
      et_dict_free (dict);
      return fail (error);
    }
  tg->for_model = TRUE;  /* the rules as the model will see them */
  if (clusters_from != NULL)
    {
      EtClusterOptions co = { (guint) clusters_k, (guint) clusters_min, (guint) clusters_passes };

      clusters = learn_clusters (tok, tg, clusters_from, &co, &error);
      if (clusters == NULL)
        {
          galley_entity_tagger_stage.free (tg);
          et_wordnet_free (wordnet);
          et_dict_free (dict);
          g_prefix_error (&error, "--clusters-from: ");
          return fail (error);
        }
    }
  is_dev = dev_docs == NULL && !no_dev ? choose_dev (docs->len, (guint32) seed)
                                       : g_new0 (gboolean, MAX (docs->len, 1));
  tr = et_trainer_new ((const char *const *) types, wordnet, dict, clusters);
  for (guint pass = 0; pass < 2 && error == NULL; pass++)
    {
      GPtrArray *set = pass == 0 ? docs : dev_docs;

      for (guint k = 0; set != NULL && k < set->len && error == NULL; k++)
        {
          AddCtx c = { tr, g_ptr_array_index (set, k), types, pass == 1 || is_dev[k], NULL };

          n_dev += c.dev;
          add_document (tok, tg, &c, &error);
        }
    }
  if (error == NULL)
    {
      AddCtx c = { tr, NULL, types, FALSE, NULL };

      add_copies (tok, tg, &c, docs, is_dev, &augment, (guint) epochs, (guint32) seed, &error);
    }
  galley_entity_tagger_stage.free (tg);
  if (error != NULL)
    {
      et_trainer_free (tr);
      et_wordnet_free (wordnet);
      et_dict_free (dict);
      et_clusters_free (clusters);
      return fail (error);
    }
  fprintf (stderr, "%u training documents, %u dev documents%s; types:", docs->len - (dev_docs ? 0 : n_dev),
           n_dev, dev_docs ? "" : no_dev ? " (--no-dev)" : " (held out from --data)");
  for (guint t = 0; types[t] != NULL; t++)
    fprintf (stderr, " %s", types[t]);
  fprintf (stderr, "\n");
  opts.max_epochs = (guint) epochs;
  opts.patience = (guint) patience;
  opts.seed = (guint32) seed;
  opts.progress = stderr;
  w = et_trainer_run (tr, &opts);
  et_trainer_free (tr);
  et_wordnet_free (wordnet);
  et_dict_free (dict);
  if (!et_model_save (w, out, &error))
    {
      et_weights_free (w);
      et_clusters_free (clusters);
      return fail (error);
    }
  et_weights_free (w);
  et_clusters_free (clusters);
  fprintf (stderr, "wrote %s\n", out);
  return 0;
}
