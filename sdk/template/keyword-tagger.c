/* keyword-tagger.c: a filter stage that tags keywords.
 *
 * keyword-tagger reads the "token" layer (so a tokenizer must run before
 * it) and writes a "keyword" layer: one span for every token that is one
 * of the words given in keywords=, whatever its case:
 *
 *   galley run -e 'read-jsonl path=- ! tokenizer
 *                  ! keyword-tagger keywords=election,ballot type=VOTE
 *                  ! export-jsonl path=-'
 *
 * Parameters:
 *   keywords  string list, required: the words to tag (',' or ';' between)
 *   type      string, default KEYWORD: the type of the spans written
 *
 * Each span has the string feature "norm" (the keyword it matched, case
 * folded), and the document gets the int feature "keyword.count".
 *
 * Matching is by whole token: "election" matches "Election" and
 * "ELECTION", not "elections". A keyword of several words could never
 * match one token, so it is refused when the stage is built.
 */
#include <string.h>

#include <galley/galley.h>

#include "keyword-tagger.h"

#define KEYWORD_LAYER "keyword"

/* An instance is built once from the parameters and only read after
 * that, so one instance serves every worker thread at the same time
 * (GALLEY_STAGE_THREAD_SAFE below): GHashTable lookups do not write. */
typedef struct {
  GHashTable *keywords;  /* case-folded keyword -> itself: a set */
  GQuark type;
} KeywordTagger;

static const GalleyParamSpec keyword_tagger_params[] = {
  { .name = "keywords", .type = GALLEY_PARAM_STRING_LIST,
    .flags = GALLEY_PARAM_REQUIRED,
    .doc = "words to tag, matched as whole tokens, ignoring case" },
  { .name = "type", .type = GALLEY_PARAM_STRING, .default_value = "KEYWORD",
    .doc = "type of the spans written to the keyword layer" },
  { NULL }
};

static const char *const keyword_tagger_requires[] = { GALLEY_LAYER_TOKEN, NULL };
static const char *const keyword_tagger_produces[] = { KEYWORD_LAYER, NULL };

/* fold: @s (@len bytes, valid UTF-8) case-folded and in NFC, so that
 * "Zürich" typed either way and "ZÜRICH" compare equal. (transfer full) */
static char *
fold (const char *s, gssize len)
{
  g_autofree char *folded = g_utf8_casefold (s, len);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

static void
keyword_tagger_free (gpointer data)
{
  KeywordTagger *self = data;

  g_clear_pointer (&self->keywords, g_hash_table_unref);
  g_free (self);
}

/* create: checks what the parameter table cannot (an empty list, a
 * phrase) with messages that name the parameter, as the runner prints
 * them as they are. */
static gpointer
keyword_tagger_create (const GalleyParams *params, GError **error)
{
  const char *const *words = galley_params_get_string_list (params, "keywords");
  const char *type = galley_params_get_string (params, "type");
  KeywordTagger *self;

  if (words == NULL || words[0] == NULL)
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "parameter 'keywords': no keyword given");
      return NULL;
    }
  if (type == NULL || type[0] == '\0')
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "parameter 'type': must not be empty");
      return NULL;
    }

  self = g_new0 (KeywordTagger, 1);
  self->keywords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->type = g_quark_from_string (type);
  for (const char *const *w = words; *w; w++)
    {
      if (!g_utf8_validate (*w, -1, NULL) || strpbrk (*w, " \t") != NULL)
        {
          g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                       "parameter 'keywords': '%s' is not a single word",
                       g_utf8_validate (*w, -1, NULL) ? *w : "(invalid UTF-8)");
          keyword_tagger_free (self);
          return NULL;
        }
      g_hash_table_add (self->keywords, fold (*w, -1));
    }
  return self;
}

/* lookup: the keyword the token @s (@len bytes) is, or NULL. The result
 * is the set's own copy, valid as long as the instance.
 *
 * Most tokens of news text are short ASCII words: those are lowered into
 * a buffer on the stack, so the common case allocates nothing. Anything
 * else goes through full case folding. */
static const char *
lookup (const KeywordTagger *self, const char *s, gsize len)
{
  char buf[64];
  gsize i;
  gpointer key = NULL;

  for (i = 0; i < len && i < sizeof buf - 1 && !(s[i] & 0x80); i++)
    buf[i] = g_ascii_tolower (s[i]);
  if (i == len)
    {
      buf[len] = '\0';
      g_hash_table_lookup_extended (self->keywords, buf, &key, NULL);
    }
  else
    {
      g_autofree char *folded = fold (s, len);
      g_hash_table_lookup_extended (self->keywords, folded, &key, NULL);
    }
  return key;
}

/* process: runs on worker threads, one document at a time per call. It
 * only reports problems (a GError and FALSE); the runner decides whether
 * the document is skipped or the run stops. */
static gboolean
keyword_tagger_process (gpointer data, GalleyDocument *doc, GError **error)
{
  const KeywordTagger *self = data;
  GalleyLayer *tokens = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);
  const char *text = galley_document_get_text (doc, NULL);
  const GalleySpan *spans;
  GalleyLayer *out;
  guint n, count = 0;

  if (tokens == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "document '%s' has no token layer: run a tokenizer before keyword-tagger",
                   galley_document_get_id (doc));
      return FALSE;
    }

  /* replace, not ensure: a pipeline that runs the stage twice gets one
   * set of spans, not two */
  out = galley_document_replace_layer (doc, KEYWORD_LAYER);
  spans = galley_layer_get_spans (tokens, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *keyword = lookup (self, text + spans[i].start,
                                    spans[i].end - spans[i].start);
      guint k;

      if (keyword == NULL)
        continue;
      /* tokens come in order, so these appends are in order too */
      k = galley_layer_append (out, spans[i].start, spans[i].end, self->type, 0);
      galley_layer_set_feature_string (out, k, "norm", keyword);
      count++;
    }
  galley_document_set_feature_int (doc, "keyword.count", count);
  return TRUE;
}

const GalleyStageClass galley_keyword_tagger_stage = {
  .name = "keyword-tagger",
  .kind = GALLEY_STAGE_FILTER,
  .description = "Tags the tokens that are one of the given keywords",
  .params = keyword_tagger_params,
  .requires = keyword_tagger_requires,
  .produces = keyword_tagger_produces,
  .flags = GALLEY_STAGE_THREAD_SAFE,
  .create = keyword_tagger_create,
  .process = keyword_tagger_process,
  .free = keyword_tagger_free,
};
