/* entity-tagger.c: the "entity-tagger" stage: its parameters, and the
 * instance, which holds the lexicon. The lexicon is built once in create
 * and only read by process, so one instance serves every worker thread
 * (GALLEY_STAGE_THREAD_SAFE); the only thing process changes is a
 * lock-protected pool of scratch buffers. The work is in tagger.c.
 */
#include "config.h"

#include <string.h>

#include "entity-tagger.h"
#include "lexicon-load.h"
#include "dict.h"
#include "model.h"
#include "tagger.h"
#include "dict.h"

#define DEFAULT_ISO_CODES_DIR "/usr/share/iso-codes/json"

static const GalleyParamSpec params[] = {
  { "gazetteer", GALLEY_PARAM_STRING_LIST, NULL, 0, 0, NULL,
    "TSV files of PHRASE<TAB>TYPE[<TAB>CANONICAL] lines that override the built-in lists", 0 },
  { "types", GALLEY_PARAM_STRING_LIST, NULL, 0, 0, NULL,
    "entity types to output (PERSON, ORG, GPE, ...); default: all", 0 },
  { "iso-codes", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "read country and subdivision names from iso-codes' JSON files", 0 },
  { "iso-codes-dir", GALLEY_PARAM_PATH, DEFAULT_ISO_CODES_DIR, 0, 0, NULL,
    "directory of iso-codes' iso_3166-1.json and iso_3166-2.json", 0 },
  { "model", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "'gum' (built in) or a model file made by 'galley train entity-tagger': it decides "
    "the names, the rules become its features; default: rules only", 0 },
  { "wordnet", GALLEY_PARAM_PATH, ET_WORDNET_DIR, 0, 0, NULL,
    "directory of WordNet 3.0's data.noun (Debian's wordnet-base), read only for a model "
    "trained with it (model=gum is)", 0 },
  { "dict", GALLEY_PARAM_PATH, ET_DICT_PATH, 0, 0, NULL,
    "a word list, one word a line (Debian's wamerican): the rules ask it whether a "
    "sentence's first word is a common one (without the file, they go on without it), and "
    "a model trained with it (model=gum is) reads it for every word", 0 },
  { "norp-adjectives", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "tag a nationality, religious or political group word as NORP also where it modifies "
    "a noun or names a language (Chinese officials, in English), as OntoNotes does; false: "
    "only where it is used as a noun (Americans, the French said), as GUM does. Rules "
    "only: a model follows its training data", 0 },
  GALLEY_LANGUAGE_PARAMS ("en"),
  { NULL }
};

/* Sentence starts come from the tokens' GALLEY_TOKEN_FLAG_SENTENCE_START,
 * not from the sentence layer. */
static const char *const requires[] = { GALLEY_LAYER_TOKEN, NULL };
static const char *const produces[] = { GALLEY_LAYER_ENTITY, NULL };

static void
entity_tagger_free (gpointer self)
{
  Tagger *tg = self;

  if (tg == NULL)
    return;
  lexicon_free (tg->lex);
  et_dict_free (tg->dict);
  et_model_free (tg->model);
  galley_language_filter_free (tg->languages);
  g_ptr_array_unref (tg->pool);
  pthread_mutex_destroy (&tg->pool_lock);
  g_free (tg);
}

/* type_hint: "; did you mean 'PERSON'?" for a mistyped or lower-case
 * type name, or "" */
static char *
type_hint (const char *name)
{
  const char *names[ET_N_TYPES + 1];
  g_autofree char *upper = g_ascii_strup (name, -1);
  const char *best;
  guint n = 0;

  for (guint t = ET_PERSON; t < ET_N_TYPES; t++)
    names[n++] = et_type_name (t);
  names[n] = NULL;
  best = galley_suggest (upper, names);
  if (best == NULL && et_type_from_name (upper) > ET_NONE
      && et_type_from_name (upper) < ET_N_TYPES)
    best = upper;
  return best ? g_strdup_printf ("; did you mean '%s'?", best) : g_strdup ("");
}

static gboolean
parse_types (Tagger *tg, const char *const *types, GError **error)
{
  if (types == NULL || types[0] == NULL)
    {
      tg->type_mask = 0;
      for (guint t = ET_PERSON; t < ET_N_TYPES; t++)
        tg->type_mask |= 1u << t;
      return TRUE;
    }
  tg->type_mask = 0;
  for (guint i = 0; types[i] != NULL; i++)
    {
      int t = et_type_from_name (types[i]);

      if (t <= ET_NONE || t >= ET_N_TYPES)
        {
          g_autofree char *hint = type_hint (types[i]);

          g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                       "parameter 'types': unknown entity type '%s'%s (expected PERSON, "
                       "NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, DATE, TIME, PERCENT, "
                       "MONEY, QUANTITY, ORDINAL or CARDINAL)", types[i], hint);
          return FALSE;
        }
      tg->type_mask |= 1u << t;
    }
  return TRUE;
}

/* iso-codes is optional: when the default directory is missing the tagger
 * warns once per process and goes on with its shipped lists; a directory
 * the user named must load. */
static gboolean
load_iso_codes (Lexicon *lex, const GalleyParams *p, GError **error)
{
  const char *dir = galley_params_get_path (p, "iso-codes-dir");
  g_autoptr (GError) local = NULL;
  static gsize warned = 0;

  if (!galley_params_get_boolean (p, "iso-codes") || dir == NULL)
    return TRUE;
  if (lexicon_load_iso_codes (lex, dir, &local))
    return TRUE;
  if (galley_params_is_set (p, "iso-codes-dir"))
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STAGE,
                   "parameter 'iso-codes-dir': %s", local->message);
      return FALSE;
    }
  if (g_once_init_enter (&warned))
    {
      g_warning ("entity-tagger: iso-codes not read (%s); using the built-in country "
                 "and region lists only", local->message);
      g_once_init_leave (&warned, 1);
    }
  return TRUE;
}

static gpointer
entity_tagger_create (const GalleyParams *p, GError **error)
{
  Tagger *tg = g_new0 (Tagger, 1);
  const char *const *files = galley_params_get_string_list (p, "gazetteer");

  pthread_mutex_init (&tg->pool_lock, NULL);
  tg->pool = g_ptr_array_new_with_free_func (tagger_scratch_free);
  tg->languages = galley_language_filter_new_checked (p, error);
  if (tg->languages == NULL)
    goto fail;
  if (!parse_types (tg, galley_params_get_string_list (p, "types"), error))
    goto fail;
  tg->lex = lexicon_new_builtin ();
  if (!load_iso_codes (tg->lex, p, error))
    goto fail;
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (!lexicon_load_gazetteer (tg->lex, files[i], error))
      {
        g_prefix_error (error, "parameter 'gazetteer': ");
        goto fail;
      }
  lexicon_seal (tg->lex);
  tg->norp_nouns_only = !galley_params_get_boolean (p, "norp-adjectives");
  if (galley_params_get_path (p, "model") != NULL)
    {
      tg->model = et_model_open (galley_params_get_path (p, "model"),
                                 galley_params_get_path (p, "wordnet"),
                                 galley_params_get_path (p, "dict"), error);
      if (tg->model == NULL)
        {
          g_prefix_error (error, "parameter 'model': ");
          goto fail;
        }
      tg->for_model = TRUE;
    }
  /* the default list may be missing (the package is not installed): the
   * rules then go without it; a list named by dict= must load (after
   * the model, whose message about its list names the model too) */
  tg->dict = et_dict_load (galley_params_get_path (p, "dict"),
                           galley_params_is_set (p, "dict") ? error : NULL);
  if (tg->dict == NULL && galley_params_is_set (p, "dict"))
    {
      g_prefix_error (error, "parameter 'dict': ");
      goto fail;
    }
  for (guint t = ET_PERSON; t < ET_N_TYPES; t++)
    tg->type_quarks[t] = g_quark_from_static_string (et_type_name (t));
  return tg;

fail:
  entity_tagger_free (tg);
  return NULL;
}

static gboolean
entity_tagger_process (gpointer self, GalleyDocument *doc, GError **error)
{
  const Tagger *tg = self;

  if (!galley_language_filter_accepts (tg->languages, doc))
    return TRUE;
  return tagger_process (self, doc, error);
}

const GalleyStageClass galley_entity_tagger_stage = {
  .name = "entity-tagger",
  .kind = GALLEY_STAGE_FILTER,
  .description = "People, organisations, places, groups, dates, times and amounts "
                 "(OntoNotes types) with normalised forms and clusters",
  .params = params,
  .requires = requires,
  .produces = produces,
  .flags = GALLEY_STAGE_THREAD_SAFE,
  .create = entity_tagger_create,
  .process = entity_tagger_process,
  .free = entity_tagger_free,
};
