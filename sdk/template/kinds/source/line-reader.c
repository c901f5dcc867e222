/* line-reader.c: a source stage that reads one document per line.
 *
 * line-reader reads a text file (or standard input) and makes one
 * document of every line that is not blank:
 *
 *   galley run -e 'line-reader path=headlines.txt ! tokenizer ! export-jsonl path=-'
 *
 * Parameters:
 *   path       path, required: the file to read, "-" for standard input
 *   max-bytes  int, default 67108864: refuse a larger file
 *
 * A document's id and origin are "NAME:LINE" (the file's base name and
 * the line number, from 1). Invalid UTF-8 is repaired (each bad byte
 * becomes U+FFFD) and a binary file is refused.
 */
#include <string.h>

#include <galley/galley.h>

#include "line-reader.h"

/* A source runs on one thread, so the instance may change as it reads. */
typedef struct {
  char *path;      /* as given: "-" or a file */
  char *name;      /* for ids and messages: the base name, or "stdin" */
  gsize max_bytes;
  char *data;      /* the whole input, read at the first read */
  gsize len;
  gsize pos;       /* where the next line starts */
  guint line;      /* number of the line before @pos */
} LineReader;

static const GalleyParamSpec line_reader_params[] = {
  { .name = "path", .type = GALLEY_PARAM_PATH, .flags = GALLEY_PARAM_REQUIRED,
    .doc = "file to read, - for standard input" },
  { .name = "max-bytes", .type = GALLEY_PARAM_INT, .default_value = "67108864",
    .min = 1, .max = G_MAXINT32, .doc = "refuse a larger input" },
  { NULL }
};

static void
line_reader_free (gpointer data)
{
  LineReader *self = data;

  g_free (self->path);
  g_free (self->name);
  g_free (self->data);
  g_free (self);
}

/* create: only remembers the parameters. The file is read at the first
 * read, so that `galley validate` builds the stage without touching it. */
static gpointer
line_reader_create (const GalleyParams *params, GError **error)
{
  LineReader *self = g_new0 (LineReader, 1);

  self->path = g_strdup (galley_params_get_path (params, "path"));
  self->name = strcmp (self->path, "-") == 0 ? g_strdup ("stdin")
                                              : g_path_get_basename (self->path);
  self->max_bytes = galley_params_get_int (params, "max-bytes");
  return self;
}

static gboolean
load (LineReader *self, GError **error)
{
  self->data = galley_input_read_file (self->path, self->max_bytes, &self->len, error);
  if (self->data == NULL)
    return FALSE;
  if (galley_input_looks_binary (self->data, self->len))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: looks like a binary file, not text", self->path);
      return FALSE;
    }
  return TRUE;
}

static GalleyReadStatus
line_reader_read (gpointer data, GalleyDocument **doc, GError **error)
{
  LineReader *self = data;
  g_autofree char *fixed = NULL;
  g_autofree char *id = NULL;
  const char *start, *end, *nl;
  gsize fixed_len = 0;

  if (self->data == NULL && !load (self, error))
    return GALLEY_READ_ERROR;  /* nothing can be read: the run stops */

  /* the next line that is not blank */
  for (;;)
    {
      if (self->pos >= self->len)
        return GALLEY_READ_END;
      start = self->data + self->pos;
      nl = memchr (start, '\n', self->len - self->pos);
      end = nl ? nl : self->data + self->len;
      self->pos = (end - self->data) + (nl ? 1 : 0);
      self->line++;
      if (end > start && end[-1] == '\r')
        end--;
      while (start < end && g_ascii_isspace (*start))
        start++;
      if (start < end)
        break;
    }

  id = g_strdup_printf ("%s:%u", self->name, self->line);
  /* repair, never pass invalid text on: documents hold valid UTF-8 */
  galley_utf8_make_valid (start, end - start, GALLEY_UTF8_REPLACE, id,
                          &fixed, &fixed_len, NULL, NULL);
  *doc = fixed ? galley_document_new (id, fixed, fixed_len)
               : galley_document_new (id, start, end - start);
  galley_document_set_origin (*doc, id);
  return GALLEY_READ_OK;
}

const GalleyStageClass galley_line_reader_stage = {
  .name = "line-reader",
  .kind = GALLEY_STAGE_SOURCE,
  .description = "Reads a text file, one document per line",
  .params = line_reader_params,
  .create = line_reader_create,
  .read = line_reader_read,
  .free = line_reader_free,
};
