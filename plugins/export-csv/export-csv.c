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
 * set. Rows of the run are spilled to an unlinked temporary file beside
 * the target; commit writes a new file from the old one minus the rows
 * of the documents the run wrote, then the spill. That costs one read of the old file per
 * commit, the same as the copy a plain append makes, and a set of the
 * run's document ids in memory.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "csv-columns.h"
#include "csv-format.h"
#include "export-csv.h"

#define SPILL_BUFFER_SIZE (256 * 1024)

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
  gboolean header;
  gboolean merge;           /* append + unique: replace a document's rows */
  CsvFormat fmt;
  GalleyOffsetUnit offsets;
  CsvColumns *columns;

  GalleyOutput *out;        /* the open output; NULL after a commit */
  gboolean header_written;  /* once per run, even across checkpoints */
  GString *rows;            /* rows of the current document, reused */

  /* merge only */
  int spill_fd;             /* unlinked temporary file: the run's rows */
  GString *spill;           /* bytes not yet written to it */
  GHashTable *run_ids;      /* ids of the documents in the spill */
  guint64 spill_size;
} ExportCsv;

static void export_csv_free (gpointer data);

static gboolean
io_error (GError **error, const char *path, const char *what, int err)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
               "%s: %s: %s", path, what, g_strerror (err));
  return FALSE;
}

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

/* open_output: opens the target for this run's rows and writes the header
 * when the file starts empty. After a checkpoint commit the target holds
 * the run's earlier rows, so it is reopened in append mode. */
static gboolean
open_output (ExportCsv *self, GError **error)
{
  GalleyOutputFlags flags = self->append || self->header_written
                            ? GALLEY_OUTPUT_APPEND : GALLEY_OUTPUT_REPLACE;

  self->out = galley_output_open (self->path, flags, error);
  if (self->out == NULL)
    return FALSE;
  if (self->header && !self->header_written
      && galley_output_get_size (self->out) == 0)
    {
      g_string_truncate (self->rows, 0);
      csv_columns_append_header (self->columns, &self->fmt, self->rows);
      if (!galley_output_write (self->out, self->rows->str, self->rows->len, error))
        return FALSE;
    }
  self->header_written = TRUE;
  return TRUE;
}

static gboolean
spill_flush (ExportCsv *self, GError **error)
{
  const char *p = self->spill->str;
  gsize left = self->spill->len;

  while (left > 0)
    {
      ssize_t n = write (self->spill_fd, p, left);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return io_error (error, self->path, "cannot write the temporary rows", errno);
        }
      p += n;
      left -= n;
    }
  g_string_truncate (self->spill, 0);
  return TRUE;
}

static gpointer
export_csv_create (const GalleyParams *p, GError **error)
{
  ExportCsv *self = g_new0 (ExportCsv, 1);
  const char *delimiter = galley_params_get_string (p, "delimiter");
  int rows = galley_params_get_choice_index (p, "rows");

  self->spill_fd = -1;
  self->rows = g_string_sized_new (4096);
  /* the runner has expanded strftime patterns (GALLEY_PARAM_OUTPUT) */
  self->path = g_strdup (galley_params_get_path (p, "path"));
  self->append = galley_params_get_choice_index (p, "mode") == 1;
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
      /* beside the target, not in $TMPDIR: the file system that will
       * hold the rows has room for them, a small /tmp may not */
      g_autofree char *dir = g_path_get_dirname (self->path);
      g_autofree char *base = g_path_get_basename (self->path);
      g_autofree char *tmp = g_strdup_printf ("%s/.%s.rows.XXXXXX", dir, base);
      self->spill_fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
      if (self->spill_fd < 0)
        {
          int err = errno;
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "%s: cannot create output: %s", self->path, g_strerror (err));
          goto fail;
        }
      g_unlink (tmp);
      self->spill = g_string_sized_new (SPILL_BUFFER_SIZE);
      self->run_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
      const char *id = galley_document_get_id (doc);
      csv_columns_append_rows (self->columns, &self->fmt, self->offsets, doc,
                               self->spill);
      if (!g_hash_table_contains (self->run_ids, id))
        g_hash_table_add (self->run_ids, g_strdup (id));
      if (self->spill->len >= SPILL_BUFFER_SIZE)
        return spill_flush (self, error);
      return TRUE;
    }

  if (self->out == NULL && !open_output (self, error))
    return FALSE;
  g_string_truncate (self->rows, 0);
  csv_columns_append_rows (self->columns, &self->fmt, self->offsets, doc,
                           self->rows);
  return galley_output_write (self->out, self->rows->str, self->rows->len, error);
}

/* copy_old_rows: the existing file, minus the header and the rows of
 * documents this run wrote again. Records are copied byte for byte. */
static gboolean
copy_old_rows (ExportCsv *self, GalleyOutput *out, GError **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  int id_index = csv_columns_get_id_index (self->columns);
  gboolean first = TRUE;
  CsvReader reader;
  CsvReadStatus status;
  const char *start, *end;

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
  csv_reader_init (&reader, g_mapped_file_get_contents (mapped),
                   g_mapped_file_get_length (mapped), self->fmt.delimiter,
                   self->path);
  while ((status = csv_reader_next (&reader, fields, &start, &end, error))
         == CSV_READ_RECORD)
    {
      gboolean is_header = first && self->header;

      first = FALSE;
      if (is_header)
        continue;
      if ((guint) id_index < fields->len
          && g_hash_table_contains (self->run_ids,
                                    g_ptr_array_index (fields, id_index)))
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
copy_spill (ExportCsv *self, GalleyOutput *out, GError **error)
{
  char buf[65536];
  ssize_t n;

  if (lseek (self->spill_fd, 0, SEEK_SET) < 0)
    return io_error (error, self->path, "cannot read the temporary rows", errno);
  while ((n = read (self->spill_fd, buf, sizeof buf)) != 0)
    {
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return io_error (error, self->path, "cannot read the temporary rows", errno);
        }
      if (!galley_output_write (out, buf, n, error))
        return FALSE;
    }
  return TRUE;
}

static void
spill_reset (ExportCsv *self)
{
  g_string_truncate (self->spill, 0);
  g_hash_table_remove_all (self->run_ids);
  if (ftruncate (self->spill_fd, 0) != 0 || lseek (self->spill_fd, 0, SEEK_SET) < 0)
    g_warning ("export-csv: cannot reset the temporary rows: %s", g_strerror (errno));
}

static gboolean
merge_commit (ExportCsv *self, GError **error)
{
  g_autoptr (GalleyOutput) out = NULL;

  if (!spill_flush (self, error))
    return FALSE;
  out = galley_output_open (self->path, GALLEY_OUTPUT_REPLACE, error);
  if (out == NULL)
    return FALSE;
  if (self->header)
    {
      g_string_truncate (self->rows, 0);
      csv_columns_append_header (self->columns, &self->fmt, self->rows);
      if (!galley_output_write (out, self->rows->str, self->rows->len, error))
        return FALSE;
    }
  if (!copy_old_rows (self, out, error)
      || !copy_spill (self, out, error)
      || !galley_output_commit (out, error))
    return FALSE;
  spill_reset (self);
  return TRUE;
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

static void
export_csv_discard (gpointer data)
{
  ExportCsv *self = data;

  g_clear_pointer (&self->out, galley_output_free);
  if (self->merge)
    spill_reset (self);
}

static void
export_csv_free (gpointer data)
{
  ExportCsv *self = data;

  g_clear_pointer (&self->out, galley_output_free);
  g_clear_pointer (&self->columns, csv_columns_free);
  if (self->spill_fd >= 0)
    close (self->spill_fd);
  if (self->spill)
    g_string_free (self->spill, TRUE);
  g_clear_pointer (&self->run_ids, g_hash_table_unref);
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
  .discard = export_csv_discard,
  .free = export_csv_free,
};
