/* export-csv.c: the export-csv stage.
 *
 * Output goes through GalleyOutput, so the target only changes when the
 * run commits (temporary file, fsync, rename) and a killed run leaves the
 * previous file whole.
 *
 * mode=append with unique=true (the default) keeps one copy of each
 * document: a run that processes an article the file already holds (a
 * changed article, or a re-run after a crash between this commit and the
 * run's state commit) replaces its old rows instead of adding a second
 * set. The SDK's GalleyMerge (<galley/galley-merge.h>, shared with
 * export-jsonl) keeps the run's rows and ids; copy_old_rows() is what is
 * CSV about it.
 */
#include "config.h"

#include <string.h>

#include "csv-columns.h"
#include "csv-format.h"
#include "export-csv.h"


static const char *const mode_choices[] = { "replace", "append", NULL };
static const char *const rows_choices[] = { "document", "entity", "sentence", NULL };
static const char *const line_end_choices[] = { "crlf", "lf", NULL };
static const char *const offsets_choices[] = { "codepoint", "byte", "utf16", NULL };

static const GalleyParamSpec params[] = {
  { "path", GALLEY_PARAM_PATH, "-", 0, 0, NULL,
    "output file ('-': stdout); strftime patterns expand at run start",
    GALLEY_PARAM_OUTPUT },
  { "mode", GALLEY_PARAM_CHOICE, "replace", 0, 0, mode_choices,
    "replace the file, or append to it", 0 },
  { "unique", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "in append mode, replace the rows of a document the file already holds", 0 },
  { "rows", GALLEY_PARAM_CHOICE, "document", 0, 0, rows_choices,
    "one row per document, per entity mention, or per sentence", 0 },
  { "columns", GALLEY_PARAM_STRING_LIST, NULL, 0, 0, NULL,
    "columns to write, in order (default: the row kind's standard set)", 0 },
  { "header", GALLEY_PARAM_BOOLEAN, "true", 0, 0, NULL,
    "write a header row (in append mode, only into a new or empty file)", 0 },
  { "delimiter", GALLEY_PARAM_STRING, ",", 0, 0, NULL,
    "field delimiter: one character, or comma, semicolon, tab, pipe, space", 0 },
  { "line-end", GALLEY_PARAM_CHOICE, "crlf", 0, 0, line_end_choices,
    "record terminator: CRLF as RFC 4180 says, or LF", 0 },
  { "offsets", GALLEY_PARAM_CHOICE, "codepoint", 0, 0, offsets_choices,
    "unit of start and end: Unicode code points, bytes, or UTF-16 units", 0 },
  { "formula-guard", GALLEY_PARAM_BOOLEAN, "false", 0, 0, NULL,
    "prefix text cells starting with = + - @ with ' so spreadsheets do not run them", 0 },
  { NULL }
};

typedef struct {
  char *path;               /* the target, or "-" */
  gboolean append;
  gboolean in_place;        /* stdout, a device or a FIFO */
  gboolean header;
  gboolean merge;           /* append + unique: replace a document's rows */
  CsvFormat fmt;
  GalleyOffsetUnit offsets;
  CsvColumns *columns;

  GalleyOutput *out;        /* the open output; NULL after a commit */
  gboolean header_written;  /* once per run, even across checkpoints */
  GString *rows;            /* rows of the current document, reused */

  /* merge only */
  GalleyMerge *spill;       /* the run's rows, when merge (<galley/galley-merge.h>) */
} ExportCsv;

static void export_csv_free (gpointer data);

static char *
join_fields (GPtrArray *fields)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < fields->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "",
                            (const char *) g_ptr_array_index (fields, i));
  return g_string_free (s, FALSE);
}

/* check_header: in append mode the existing file must have been written
 * with the same columns, or the new rows would land under wrong headings.
 * Reads only the first record. */
static gboolean
check_header (ExportCsv *self, GError **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) ours = g_string_new (NULL);
  g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  CsvReader reader;

  mapped = g_mapped_file_new (self->path, FALSE, &local);
  if (mapped == NULL)
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot read the existing file: %s", self->path,
                   local->message);
      return FALSE;
    }
  if (g_mapped_file_get_length (mapped) == 0)
    return TRUE;
  csv_reader_init (&reader, g_mapped_file_get_contents (mapped),
                   g_mapped_file_get_length (mapped), self->fmt.delimiter,
                   self->path);
  if (csv_reader_next (&reader, found, NULL, NULL, error) == CSV_READ_ERROR)
    return FALSE;

  csv_columns_append_header (self->columns, &self->fmt, ours);
  csv_reader_init (&reader, ours->str, ours->len, self->fmt.delimiter, "");
  (void) csv_reader_next (&reader, expected, NULL, NULL, NULL);

  if (found->len != expected->len)
    goto mismatch;
  for (guint i = 0; i < found->len; i++)
    if (strcmp (g_ptr_array_index (found, i), g_ptr_array_index (expected, i)) != 0)
      goto mismatch;
  return TRUE;

mismatch:
  {
    g_autofree char *a = join_fields (found);
    g_autofree char *b = join_fields (expected);
    g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                 "%s: cannot append: the file's header (%s) differs from the "
                 "columns this stage writes (%s); use mode=replace or another "
                 "file", self->path, a, b);
    return FALSE;
  }
}

/* write_header: the header, once per run, into a file that starts empty
 * (in append mode, an existing file has its own, checked at create). */
static gboolean
write_header (ExportCsv *self, GError **error)
{
  if (self->header && !self->header_written && galley_output_get_size (self->out) == 0)
    {
      g_string_truncate (self->rows, 0);
      csv_columns_append_header (self->columns, &self->fmt, self->rows);
      if (!galley_output_write (self->out, self->rows->str, self->rows->len, error))
        return FALSE;
    }
  self->header_written = TRUE;
  return TRUE;
}

/* open_output: opens the target for this run's rows. After a checkpoint
 * commit the target holds the run's earlier rows, so it is reopened in
 * append mode (a replace-mode file is not committed at checkpoints, but
 * standard output is flushed). The header comes at once in replace mode,
 * so that a run of no document still makes a file with its header, and
 * with the first row in append mode, where an append of nothing makes no
 * file (a run whose dated path moved on to a day with no article). */
static gboolean
open_output (ExportCsv *self, GError **error)
{
  GalleyOutputFlags flags = self->append || self->header_written
                            ? GALLEY_OUTPUT_APPEND : GALLEY_OUTPUT_REPLACE;

  self->out = galley_output_open (self->path, flags, error);
  if (self->out == NULL)
    return FALSE;
  return self->append || write_header (self, error);
}

static gpointer
export_csv_create (const GalleyParams *p, GError **error)
{
  ExportCsv *self = g_new0 (ExportCsv, 1);
  const char *delimiter = galley_params_get_string (p, "delimiter");
  int rows = galley_params_get_choice_index (p, "rows");

  self->rows = g_string_sized_new (4096);
  /* the runner has expanded strftime patterns (GALLEY_PARAM_OUTPUT) */
  self->path = g_strdup (galley_params_get_path (p, "path"));
  self->append = galley_params_get_choice_index (p, "mode") == 1;
  self->in_place = strcmp (self->path, "-") == 0
                   || (g_file_test (self->path, G_FILE_TEST_EXISTS)
                       && !g_file_test (self->path, G_FILE_TEST_IS_REGULAR));
  self->header = galley_params_get_boolean (p, "header");
  self->fmt.crlf = galley_params_get_choice_index (p, "line-end") == 0;
  self->fmt.formula_guard = galley_params_get_boolean (p, "formula-guard");
  self->offsets = (GalleyOffsetUnit[]) {
    GALLEY_OFFSETS_CODEPOINT, GALLEY_OFFSETS_BYTE, GALLEY_OFFSETS_UTF16
  }[galley_params_get_choice_index (p, "offsets")];

  if (!csv_delimiter_parse (delimiter, &self->fmt.delimiter))
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "parameter 'delimiter': expected one ASCII character other "
                   "than '\"', CR and LF, or one of comma, semicolon, tab, "
                   "pipe, space; got '%s'", delimiter);
      goto fail;
    }
  self->columns = csv_columns_new ((CsvRowKind) rows,
                                   galley_params_get_string_list (p, "columns"),
                                   error);
  if (self->columns == NULL)
    goto fail;

  /* Append to a regular file (or a new one); a device or FIFO
   * (/dev/stdout) is written in place, with nothing to read back. */
  if (self->append && strcmp (self->path, "-") != 0
      && (!g_file_test (self->path, G_FILE_TEST_EXISTS)
          || g_file_test (self->path, G_FILE_TEST_IS_REGULAR)))
    {
      if (self->header && !check_header (self, error))
        goto fail;
      /* Without an id column there is nothing to key the rows on. */
      self->merge = galley_params_get_boolean (p, "unique")
                    && csv_columns_get_id_index (self->columns) >= 0;
    }

  if (self->merge)
    {
      self->spill = galley_merge_new (self->path, "rows", error);
      if (self->spill == NULL)
        goto fail;
      /* The target is only opened at commit, but a directory that is not
       * there or not writable should fail now, not at the end of the run. */
      {
        g_autoptr (GalleyOutput) probe = galley_output_open (self->path, 0, error);
        if (probe == NULL)
          goto fail;
      }
    }
  else if (!open_output (self, error))
    goto fail;
  return self;

fail:
  export_csv_free (self);
  return NULL;
}

static gboolean
export_csv_write (gpointer data, GalleyDocument *doc, GError **error)
{
  ExportCsv *self = data;

  if (self->merge)
    {
      g_string_truncate (self->rows, 0);
      csv_columns_append_rows (self->columns, &self->fmt, self->offsets, doc,
                               self->rows);
      return galley_merge_add (self->spill, galley_document_get_id (doc),
                               self->rows->str, self->rows->len, error);
    }

  if (self->out == NULL && !open_output (self, error))
    return FALSE;
  if (!self->header_written && !write_header (self, error))
    return FALSE;
  g_string_truncate (self->rows, 0);
  csv_columns_append_rows (self->columns, &self->fmt, self->offsets, doc,
                           self->rows);
  return galley_output_write (self->out, self->rows->str, self->rows->len, error);
}

/* copy_old_rows: the existing file, minus the header and the rows of
 * documents this run wrote again. Records are copied byte for byte. */
static gboolean
copy_old_rows (GalleyMerge *merge, const char *contents, gsize len,
               GalleyOutput *out, gpointer user_data, GError **error)
{
  ExportCsv *self = user_data;
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  int id_index = csv_columns_get_id_index (self->columns);
  gboolean first = TRUE;
  CsvReader reader;
  CsvReadStatus status;
  const char *start, *end;

  csv_reader_init (&reader, contents, len, self->fmt.delimiter, self->path);
  while ((status = csv_reader_next (&reader, fields, &start, &end, error))
         == CSV_READ_RECORD)
    {
      gboolean is_header = first && self->header;

      first = FALSE;
      if (is_header)
        continue;
      if ((guint) id_index < fields->len
          && galley_merge_has_id (merge, g_ptr_array_index (fields, id_index)))
        continue;
      if (!galley_output_write (out, start, end - start, error))
        return FALSE;
      /* a last record without its terminator gets one */
      if (end == reader.end && end[-1] != '\n')
        {
          const char *eol = self->fmt.crlf ? "\r\n" : "\n";
          if (!galley_output_write (out, eol, strlen (eol), error))
            return FALSE;
        }
    }
  return status == CSV_READ_END;
}

static gboolean
merge_commit (ExportCsv *self, GError **error)
{
  g_string_truncate (self->rows, 0);
  if (self->header)
    csv_columns_append_header (self->columns, &self->fmt, self->rows);
  return galley_merge_commit (self->spill, self->header ? self->rows->str : NULL,
                              self->rows->len, copy_old_rows, self, error);
}

static gboolean
export_csv_commit (gpointer data, GError **error)
{
  ExportCsv *self = data;

  if (self->merge)
    return merge_commit (self, error);
  /* A checkpoint with nothing written since the last one: nothing to do. */
  if (self->out == NULL)
    return TRUE;
  if (!galley_output_commit (self->out, error))
    return FALSE;
  g_clear_pointer (&self->out, galley_output_free);
  return TRUE;
}

/* export_csv_checkpoint: append mode commits (with unique=true, merges
 * the run's rows so far into the file; the next commit merges the rest),
 * and the next write opens the file again; a replace-mode file waits for
 * the end of the run. */
static GalleyCheckpointStatus
export_csv_checkpoint (gpointer data, GError **error)
{
  ExportCsv *self = data;

  if (!self->append && !self->in_place)
    return GALLEY_CHECKPOINT_AT_END;
  return export_csv_commit (self, error) ? GALLEY_CHECKPOINT_DONE
                                         : GALLEY_CHECKPOINT_FAILED;
}

static void
export_csv_discard (gpointer data)
{
  ExportCsv *self = data;

  g_clear_pointer (&self->out, galley_output_free);
  if (self->merge)
    galley_merge_reset (self->spill);
}

static void
export_csv_free (gpointer data)
{
  ExportCsv *self = data;

  g_clear_pointer (&self->out, galley_output_free);
  g_clear_pointer (&self->columns, csv_columns_free);
  galley_merge_free (self->spill);
  g_string_free (self->rows, TRUE);
  g_free (self->path);
  g_free (self);
}

const GalleyStageClass galley_export_csv_stage = {
  .name = "export-csv",
  .kind = GALLEY_STAGE_SINK,
  .description = "Writes documents, entity mentions or sentences as RFC 4180 CSV",
  .params = params,
  .create = export_csv_create,
  .write = export_csv_write,
  .commit = export_csv_commit,
  .checkpoint = export_csv_checkpoint,
  .discard = export_csv_discard,
  .free = export_csv_free,
};
