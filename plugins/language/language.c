/* language.c: the "language" stage class.
 *
 * Sets the document features "language" (ISO 639-1, else 639-3; "und"
 * when there is nothing to judge) and "language.confidence" (0 .. 1) from
 * the title (metadata "title", when present) and the start of the text.
 *
 * Two tiers: detect-fast.c names the language from its function words
 * when the evidence is overwhelming (most English news), and CLD2 judges
 * everything else; `fast=false` leaves every text to CLD2.
 *
 * Why only the start: CLD2 costs about 10 us per call whatever the length
 * (callgrind: 24,000 instructions for a 64-byte text, mostly setting up
 * its script scanner and score tables), then about 30 MB/s on the bytes
 * it reads. A news article's language is settled by its first paragraph,
 * so `sample=` bytes (default 512) bound the second part; on news of
 * about 1 KB per article that doubles the throughput, and judges every
 * text of tests/language/samples.tsv the same as the whole text does.
 *
 * The stage keeps nothing between documents, so one instance serves every
 * worker thread (CLD2 itself is thread-safe).
 */
#include "config.h"

#include <string.h>

#include <galley/galley.h>

#include "detect.h"
#include "detect-fast.h"
#include "language.h"

typedef struct {
  gsize sample;
  gboolean title;
  gboolean fast;
} Language;

static const GalleyParamSpec params[] = {
  { "sample", GALLEY_PARAM_INT, "512", 16, 1 << 20, NULL,
    "bytes from the start of the text that are judged (cut back to a "
    "character boundary); more is slower and rarely changes the answer", 0 },
  { "title", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "judge the metadata field 'title' with the text", 0 },
  { "fast", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "name the language from function words where they leave no doubt "
    "(most English news), and call CLD2 only for the rest; false calls "
    "CLD2 for every text", 0 },
  { NULL, 0, NULL, 0, 0, NULL, NULL, 0 }
};

static gpointer
language_create (const GalleyParams *p, GError **error)
{
  Language *self = g_new0 (Language, 1);

  self->sample = galley_params_get_int (p, "sample");
  self->title = galley_params_get_boolean (p, "title");
  self->fast = galley_params_get_boolean (p, "fast");
  if (self->fast)
    function_words_get ();  /* build the table now, not in a worker */
  return self;
}

static void
language_free (gpointer data)
{
  g_free (data);
}

gsize
language_sample_len (const char *text, gsize len, gsize max)
{
  if (len <= max)
    return len;
  while (max > 0 && ((guchar) text[max] & 0xc0) == 0x80)
    max--;
  return max;
}

/* CLD2 on the title (when @title_len > 0), a line break, then the
 * sample: one call, one judgement. */
static void
detect_with_cld2 (const char *title, gsize title_len, const char *text, gsize n,
                  LanguageGuess *guess)
{
  g_autofree char *buf = NULL;

  if (title_len == 0)
    {
      language_detect (text, n, guess);
      return;
    }
  buf = g_malloc (title_len + 1 + n);
  memcpy (buf, title, title_len);
  buf[title_len] = '\n';
  memcpy (buf + title_len + 1, text, n);
  language_detect (buf, title_len + 1 + n, guess);
}

static gboolean
language_process (gpointer data, GalleyDocument *doc, GError **error)
{
  const Language *self = data;
  const char *title = self->title ? galley_document_get_meta (doc, "title") : NULL;
  gsize len, n, title_len = 0;
  const char *text = galley_document_get_text (doc, &len);
  LanguageGuess guess;

  n = language_sample_len (text, len, self->sample);
  if (title != NULL)
    title_len = language_sample_len (title, strlen (title), self->sample);
  if (!self->fast || !language_detect_fast (title, title_len, text, n, &guess))
    detect_with_cld2 (title, title_len, text, n, &guess);

  galley_document_set_feature_string (doc, GALLEY_FEATURE_LANGUAGE, guess.code);
  galley_document_set_feature_double (doc, GALLEY_FEATURE_LANGUAGE_CONFIDENCE,
                                      guess.confidence);
  return TRUE;
}

const GalleyStageClass galley_language_stage = {
  .name = "language",
  .kind = GALLEY_STAGE_FILTER,
  .description = "Document language (ISO 639) and confidence, by function words "
                 "where they leave no doubt, else by CLD2",
  .params = params,
  .flags = GALLEY_STAGE_THREAD_SAFE,
  .create = language_create,
  .process = language_process,
  .free = language_free,
};
