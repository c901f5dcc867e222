/* tokenizer.c: the "tokenizer" stage: token and sentence layers.
 *
 * The work is in tokenize.c (tokens) and sentences.c (sentences); this
 * file holds the stage class, its parameters and the instance, which is
 * read-only after create and so shared by every worker thread.
 */
#include "config.h"

#include "tokenize.h"
#include "tokenizer.h"

typedef struct {
  TokConfig cfg;
  AbbrevTable *abbrevs;
  GalleyLanguageFilter *languages;
} Tokenizer;

static const GalleyParamSpec params[] = {
  { "abbreviations", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "extra abbreviations, one a line (with an optional class: title, middle, end, numeric)", 0 },
  { "newline-ends-sentence", GALLEY_PARAM_BOOLEAN, "false", 0, 0, NULL,
    "end a sentence at every line break (blank lines always end one)", 0 },
  GALLEY_LANGUAGE_PARAMS ("en"),
  { NULL }
};

static const char *const produces[] = { GALLEY_LAYER_TOKEN, GALLEY_LAYER_SENTENCE, NULL };

static void
tokenizer_free (gpointer self)
{
  Tokenizer *tk = self;

  if (tk == NULL)
    return;
  abbrev_table_free (tk->abbrevs);
  galley_language_filter_free (tk->languages);
  g_free (tk);
}

static gpointer
tokenizer_create (const GalleyParams *p, GError **error)
{
  Tokenizer *tk = g_new0 (Tokenizer, 1);
  const char *path = galley_params_get_path (p, "abbreviations");

  tk->abbrevs = abbrev_table_new (path, error);
  if (tk->abbrevs == NULL)
    {
      g_prefix_error (error, "parameter 'abbreviations': ");
      tokenizer_free (tk);
      return NULL;
    }
  tk->cfg.abbrevs = tk->abbrevs;
  tk->languages = galley_language_filter_new_checked (p, error);
  if (tk->languages == NULL)
    {
      tokenizer_free (tk);
      return NULL;
    }
  tk->cfg.newline_ends_sentence = galley_params_get_boolean (p, "newline-ends-sentence");
  /* interned once here, not per token */
  for (guint k = GALLEY_TOKEN_WORD; k <= GALLEY_TOKEN_ABBREV; k++)
    tk->cfg.kind_quarks[k] = g_quark_from_static_string (galley_token_kind_to_string (k));
  tk->cfg.sentence_quark = g_quark_from_static_string ("sentence");
  return tk;
}

static gboolean
tokenizer_process (gpointer self, GalleyDocument *doc, GError **error)
{
  const Tokenizer *tk = self;
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  GalleyLayer *tokens, *sentences;
  TokMarks marks;
  guint n;

  if (!galley_language_filter_accepts (tk->languages, doc))
    return TRUE;
  if (len > G_MAXUINT32)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                   "document %s: text of %" G_GSIZE_FORMAT " bytes is over the 4 GiB "
                   "limit of span offsets", galley_document_get_id (doc), len);
      return FALSE;
    }
  tokens = galley_document_replace_layer (doc, GALLEY_LAYER_TOKEN);
  sentences = galley_document_replace_layer (doc, GALLEY_LAYER_SENTENCE);
  tok_marks_init (&marks);
  tok_scan_tokens (&tk->cfg, text, len, tokens, &marks);
  n = galley_layer_get_n_spans (tokens);
  if (n > 0)
    tok_split_sentences (&tk->cfg, text, len, galley_layer_get_span (tokens, 0), n,
                         marks.v, marks.len, sentences);
  tok_marks_clear (&marks);
  return TRUE;
}

const GalleyStageClass galley_tokenizer_stage = {
  .name = "tokenizer",
  .kind = GALLEY_STAGE_FILTER,
  .description = "Split text into tokens (with kind and case) and sentences",
  .params = params,
  .requires = NULL,
  .produces = produces,
  .flags = GALLEY_STAGE_THREAD_SAFE,
  .create = tokenizer_create,
  .process = tokenizer_process,
  .free = tokenizer_free,
};
