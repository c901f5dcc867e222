/* count-writer.c: a sink stage that writes how many spans each document has.
 *
 * count-writer writes one line per document: its id, a tab, and the
 * number of spans in one layer:
 *
 *   galley run -e 'read-jsonl path=- ! tokenizer ! count-writer path=counts.tsv'
 *
 * Parameters:
 *   path    path, required: the file to write, "-" for standard output;
 *           strftime patterns expand (counts-%Y-%m-%d.tsv)
 *   layer   string, default token: the layer whose spans are counted
 *   append  boolean, default false: add to the file instead of replacing it
 *
 * The file is written atomically: nothing replaces it before the run
 * commits, and an aborted run leaves the previous file as it was.
 */
#include <string.h>

#include <galley/galley.h>

#include "count-writer.h"

/* A sink's write runs on one thread, in input order: the instance may
 * keep state (here the open output) without locking. */
typedef struct {
  GalleyOutput *out;
  char *layer;
  GString *line;  /* reused for every document */
} CountWriter;

static const GalleyParamSpec count_writer_params[] = {
  { .name = "path", .type = GALLEY_PARAM_PATH,
    .flags = GALLEY_PARAM_REQUIRED | GALLEY_PARAM_OUTPUT,
    .doc = "file to write, - for standard output" },
  { .name = "layer", .type = GALLEY_PARAM_STRING, .default_value = "token",
    .doc = "layer whose spans are counted" },
  { .name = "append", .type = GALLEY_PARAM_BOOLEAN, .default_value = "false",
    .doc = "add to the file instead of replacing it" },
  { NULL }
};

static void
count_writer_free (gpointer data)
{
  CountWriter *self = data;

  /* an uncommitted temporary file is removed here */
  g_clear_pointer (&self->out, galley_output_free);
  g_free (self->layer);
  g_string_free (self->line, TRUE);
  g_free (self);
}

static gpointer
count_writer_create (const GalleyParams *params, GError **error)
{
  g_autofree char *path = galley_output_expand_path (galley_params_get_path (params, "path"), 0);
  CountWriter *self = g_new0 (CountWriter, 1);

  self->layer = g_strdup (galley_params_get_string (params, "layer"));
  self->line = g_string_new (NULL);
  self->out = galley_output_open (path, galley_params_get_boolean (params, "append")
                                        ? GALLEY_OUTPUT_APPEND : GALLEY_OUTPUT_REPLACE,
                                  error);
  if (self->out == NULL)
    {
      count_writer_free (self);
      return NULL;
    }
  return self;
}

static gboolean
count_writer_write (gpointer data, GalleyDocument *doc, GError **error)
{
  CountWriter *self = data;
  GalleyLayer *layer = galley_document_get_layer (doc, self->layer);
  guint n = layer ? galley_layer_get_n_spans (layer) : 0;

  g_string_assign (self->line, galley_document_get_id (doc));
  g_strdelimit (self->line->str, "\t\r\n", ' ');  /* one field, one line */
  g_string_append_printf (self->line, "\t%u\n", n);
  return galley_output_write (self->out, self->line->str, self->line->len, error);
}

static gboolean
count_writer_commit (gpointer data, GError **error)
{
  CountWriter *self = data;

  return galley_output_commit (self->out, error);
}

static void
count_writer_discard (gpointer data)
{
  CountWriter *self = data;

  g_clear_pointer (&self->out, galley_output_free);
}

const GalleyStageClass galley_count_writer_stage = {
  .name = "count-writer",
  .kind = GALLEY_STAGE_SINK,
  .description = "Writes each document's id and its number of spans in a layer",
  .params = count_writer_params,
  .create = count_writer_create,
  .write = count_writer_write,
  .commit = count_writer_commit,
  .discard = count_writer_discard,
  .free = count_writer_free,
};
