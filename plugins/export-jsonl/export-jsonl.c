/* export-jsonl.c: the export-jsonl sink: one line of JSON per document.
 *
 * Output goes through GalleyOutput: a temporary file beside the target,
 * renamed over it at commit, or in append mode added to its end under a
 * journal, so a run that fails or is killed leaves the previous output as
 * it was. The line format is in jsonl-format.c; append mode with one line
 * per document (unique=true) is in jsonl-merge.c, which has its own
 * output for each commit.
 *
 * At a checkpoint, append mode commits what it wrote (in place: the cost
 * is the lines written since the last one, not the file) and goes on. A
 * replace-mode file is the run's whole output and is published at the end
 * only; standard output and devices are flushed.
 */
#include "config.h"

#include <string.h>

#include "export-jsonl.h"
#include "jsonl-format.h"
#include "jsonl-merge.h"

typedef struct {
  GalleyOutput *out;     /* NULL after commit or discard, and with merge */
  JsonlFormat format;
  GString *line;         /* the lines not written yet; with merge, the line */
  char *path;
  JsonlMerge *merge;     /* mode=append unique=true on a regular file */
  gboolean append;       /* mode=append */
  gboolean in_place;     /* stdout, a device or a FIFO: written in place */
} ExportJsonl;

static const char *const mode_choices[] = { "replace", "append", NULL };

static const GalleyParamSpec export_jsonl_params[] = {
  { "path", GALLEY_PARAM_PATH, "-", 0, 0, NULL,
    "file to write (strftime patterns expand); - writes standard output",
    GALLEY_PARAM_OUTPUT },
  { "mode", GALLEY_PARAM_CHOICE, "replace", 0, 0, mode_choices,
    "replace the file, or append to what it holds", 0 },
  { "unique", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "in append mode, one line per document id: a document written again "
    "replaces its earlier line (a changed article, a re-run after a crash)", 0 },
  JSONL_FORMAT_PARAMS,
  { NULL }
};

static gpointer
export_jsonl_create (const GalleyParams *params, GError **error)
{
  const char *path = galley_params_get_path (params, "path");
  gboolean append = strcmp (galley_params_get_choice (params, "mode"), "append") == 0;
  /* Merging needs a file to read back: not stdout, a device or a FIFO. */
  gboolean merge = append && galley_params_get_boolean (params, "unique")
                   && strcmp (path, "-") != 0
                   && (!g_file_test (path, G_FILE_TEST_EXISTS)
                       || g_file_test (path, G_FILE_TEST_IS_REGULAR));
  GalleyOutputFlags flags = append && !merge ? GALLEY_OUTPUT_APPEND : GALLEY_OUTPUT_REPLACE;
  ExportJsonl *self;
  GalleyOutput *out;
  JsonlMerge *lines = NULL;

  /* Opened now, so that a path that cannot be written fails the pipeline
   * before any document is read (galley validate reports it too); the
   * merge opens its own output at each commit. */
  out = galley_output_open (path, flags, error);
  if (out == NULL)
    return NULL;
  if (merge)
    g_clear_pointer (&out, galley_output_free);
  if (merge && (lines = jsonl_merge_new (path, error)) == NULL)
    return NULL;
  self = g_new0 (ExportJsonl, 1);
  self->out = out;
  self->merge = lines;
  self->path = g_strdup (path);
  self->append = append;
  self->in_place = strcmp (path, "-") == 0
                   || (g_file_test (path, G_FILE_TEST_EXISTS)
                       && !g_file_test (path, G_FILE_TEST_IS_REGULAR));
  jsonl_format_init (&self->format, params);
  self->line = g_string_sized_new (4096);
  return self;
}

static gboolean
export_jsonl_write (gpointer data, GalleyDocument *doc, GError **error)
{
  ExportJsonl *self = data;

  if (self->merge)
    {
      /* the merge keeps each line whole, by id */
      g_string_truncate (self->line, 0);
      jsonl_format_document (self->line, doc, &self->format);
      return jsonl_merge_add (self->merge, galley_document_get_id (doc),
                              self->line->str, self->line->len, error);
    }
  if (self->out == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "export-jsonl: write after commit or discard");
      return FALSE;
    }
  return jsonl_format_document_to (self->out, self->line, doc, &self->format, error);
}

static gboolean
export_jsonl_commit (gpointer data, GError **error)
{
  ExportJsonl *self = data;

  if (self->merge)
    return jsonl_merge_commit (self->merge, error);
  if (self->out == NULL)
    return TRUE;
  if (!jsonl_format_flush (self->out, self->line, error))
    return FALSE;
  if (!galley_output_commit (self->out, error))
    return FALSE;
  g_clear_pointer (&self->out, galley_output_free);
  return TRUE;
}

static GalleyCheckpointStatus
export_jsonl_checkpoint (gpointer data, GError **error)
{
  ExportJsonl *self = data;

  if (!self->append && !self->in_place)
    return GALLEY_CHECKPOINT_AT_END;
  if (!export_jsonl_commit (self, error))
    return GALLEY_CHECKPOINT_FAILED;
  if (self->merge)
    return GALLEY_CHECKPOINT_DONE;
  self->out = galley_output_open (self->path, self->append ? GALLEY_OUTPUT_APPEND
                                                           : GALLEY_OUTPUT_REPLACE, error);
  return self->out ? GALLEY_CHECKPOINT_DONE : GALLEY_CHECKPOINT_FAILED;
}

static void
export_jsonl_discard (gpointer data)
{
  ExportJsonl *self = data;

  /* freeing an uncommitted output removes its temporary file */
  g_clear_pointer (&self->out, galley_output_free);
  g_string_truncate (self->line, 0);
  if (self->merge)
    jsonl_merge_reset (self->merge);
}

static void
export_jsonl_free (gpointer data)
{
  ExportJsonl *self = data;

  g_clear_pointer (&self->out, galley_output_free);
  jsonl_merge_free (self->merge);
  g_free (self->path);
  jsonl_format_clear (&self->format);
  g_string_free (self->line, TRUE);
  g_free (self);
}

const GalleyStageClass galley_export_jsonl_stage = {
  .name = "export-jsonl",
  .kind = GALLEY_STAGE_SINK,
  .description = "Write documents as JSON Lines: id, metadata, features and layers",
  .params = export_jsonl_params,
  .flags = 0,
  .create = export_jsonl_create,
  .write = export_jsonl_write,
  .commit = export_jsonl_commit,
  .discard = export_jsonl_discard,
  .free = export_jsonl_free,
  .checkpoint = export_jsonl_checkpoint,
};
