/* read-jsonl.c: the read-jsonl source: one article per line of JSON Lines.
 *
 * Each line is an object with string members "id" and "text"; every other
 * member is kept as metadata. A bad line (invalid JSON, not an object, no
 * id or text, binary data, longer than max-bytes) is rejected with
 * "PATH:LINE: reason" and reading goes on. The input is streamed: memory
 * holds one line (at most max-bytes) and one read-ahead block.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "export-shape.h"
#include "jsonl-parser.h"
#include "line-reader.h"
#include "read-jsonl.h"
#include "string-set.h"

typedef struct {
  char *path;         /* as given; "-" is stdin */
  char *name;         /* for messages: the path, or "<stdin>" */
  gsize max_bytes;
  GalleyUtf8Policy policy;
  LineReader *reader; /* opened at the first read */
  JsonlParser *parser;
  GString *where;     /* "PATH:LINE" of the current line; "PATH:" stays */
  gsize where_keep;   /* the length of "PATH:" */
  GalleyShard shard;
} ReadJsonl;

/* in GalleyUtf8Policy's order */
static const char *const utf8_choices[] = { "replace", "reject", "windows-1252", NULL };

static const GalleyParamSpec read_jsonl_params[] = {
  { "path", GALLEY_PARAM_PATH, "-", 0, 0, NULL,
    "JSON Lines file to read; - reads standard input", GALLEY_PARAM_INPUT },
  { "max-bytes", GALLEY_PARAM_INT, "16777216", 1, G_MAXINT32, NULL,
    "longest line accepted, in bytes; a longer line is rejected", 0 },
  { "utf8", GALLEY_PARAM_CHOICE, "windows-1252", 0, 0, utf8_choices,
    "invalid UTF-8: replace each bad byte with U+FFFD, reject the line, or read "
    "each bad byte as windows-1252 (Latin-1 text never converted)", 0 },
  GALLEY_SHARD_PARAM,
  { NULL }
};

static gpointer
read_jsonl_create (const GalleyParams *params, GError **error)
{
  ReadJsonl *self;
  const char *path = galley_params_get_path (params, "path");
  GalleyShard shard;

  if (!galley_shard_parse (galley_params_get_string (params, "shard"), &shard, error))
    return NULL;
  self = g_new0 (ReadJsonl, 1);
  self->shard = shard;

  self->path = g_strdup (path);
  self->name = g_strdup (strcmp (path, "-") == 0 ? "<stdin>" : path);
  self->max_bytes = (gsize) galley_params_get_int (params, "max-bytes");
  self->policy = (GalleyUtf8Policy) galley_params_get_choice_index (params, "utf8");
  self->parser = jsonl_parser_new (self->policy, self->max_bytes);
  self->where = g_string_new (self->name);
  g_string_append_c (self->where, ':');
  self->where_keep = self->where->len;
  return self;
}

/* set_where: "PATH:LINE" for line @lineno. Through g_string_printf it
 * was 1,400 instructions a line, a tenth of what read-jsonl spent on a
 * short document (callgrind, 100,000 lines of 36 bytes). */
static void
set_where (ReadJsonl *self, guint64 lineno)
{
  char digits[20];
  int i = sizeof digits;

  do
    digits[--i] = (char) ('0' + lineno % 10);
  while ((lineno /= 10) != 0);
  string_set_from (self->where, self->where_keep, digits + i, sizeof digits - i);
}

static gboolean
open_input (ReadJsonl *self, GError **error)
{
  int fd;

  if (strcmp (self->path, "-") == 0)
    {
      self->reader = line_reader_new (STDIN_FILENO, FALSE, self->name, self->max_bytes);
      return TRUE;
    }
  fd = open (self->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot open: %s", self->path, g_strerror (saved));
      return FALSE;
    }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  self->reader = line_reader_new (fd, TRUE, self->name, self->max_bytes);
  return TRUE;
}

static gboolean
is_blank (const char *line, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;
  return TRUE;
}

/* stub: the rejected line's document for the rejects file: its id when it
 * had one, its origin, and the line itself as text, so that the rejects
 * file keeps what was refused (repaired if it was not UTF-8; empty for
 * binary data and lines over the limit). A line that was read carries its
 * fingerprint, so that the cron state keeps the rejection while the line
 * does not change (under its id, or its FILE:LINE when it has none). */
static GalleyDocument *
stub (ReadJsonl *self, const char *id, const char *line, gsize len)
{
  g_autofree char *fixed = NULL;
  gsize fixed_len = 0;
  const char *text = line;
  gsize text_len = len;
  GalleyDocument *doc;

  if (line == NULL || len == 0 || galley_input_looks_binary (line, len))
    text_len = 0;
  else if (!g_utf8_validate_len (line, len, NULL))
    {
      galley_utf8_make_valid (line, len, self->policy == GALLEY_UTF8_REJECT
                              ? GALLEY_UTF8_REPLACE : self->policy, "", &fixed,
                              &fixed_len, NULL, NULL);
      text = fixed;
      text_len = fixed_len;
    }
  doc = galley_document_new (id ? id : "", text_len ? text : "", text_len);
  if (line)
    galley_document_set_input_hash (doc, galley_hash64 (line, len, 0));
  galley_document_set_origin (doc, self->where->str);
  return doc;
}

static GalleyReadStatus
read_jsonl_read (gpointer data, GalleyDocument **doc, GError **error)
{
  ReadJsonl *self = data;

  if (self->reader == NULL && !open_input (self, error))
    return GALLEY_READ_ERROR;
  for (;;)
    {
      char *line = NULL;
      gsize len = 0;
      guint64 lineno = 0;
      LineStatus status = line_reader_next (self->reader, &line, &len, &lineno, error);

      switch (status)
        {
        case LINE_END:
          return GALLEY_READ_END;
        case LINE_ERROR:
          return GALLEY_READ_ERROR;
        case LINE_TOO_LONG:
          set_where (self, lineno);
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                       "%s: line longer than max-bytes=%" G_GSIZE_FORMAT,
                       self->where->str, self->max_bytes);
          *doc = stub (self, NULL, NULL, 0);
          return GALLEY_READ_SKIP;
        case LINE_OK:
        default:
          break;
        }
      /* a UTF-8 byte order mark (Windows tools write one) is not JSON. It
       * is skipped at the start of any line, not only of the file: files
       * joined with cat carry one at each file's first line, and U+FEFF
       * can never begin a valid line, so nothing else is read as clean. */
      if (len >= 3 && memcmp (line, "\xEF\xBB\xBF", 3) == 0)
        {
          line += 3;
          len -= 3;
        }
      if (is_blank (line, len))
        continue;
      set_where (self, lineno);
      *doc = jsonl_parser_parse (self->parser, line, len, self->where->str, error);
      if (*doc == NULL)
        {
          /* a line too large once repaired is not kept, as one too long */
          if (error && g_error_matches (*error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE))
            len = 0;
          *doc = stub (self, jsonl_parser_get_last_id (self->parser), line, len);
          line_reader_release (self->reader);
          /* a bad line is one shard's to report: by its id, else its place */
          if (!galley_shard_accepts (&self->shard, *galley_document_get_id (*doc)
                                     ? galley_document_get_id (*doc) : self->where->str))
            {
              g_clear_pointer (doc, galley_document_free);
              g_clear_error (error);
              continue;
            }
          return GALLEY_READ_SKIP;
        }
      line_reader_release (self->reader);
      if (!galley_shard_accepts (&self->shard, galley_document_get_id (*doc)))
        {
          g_clear_pointer (doc, galley_document_free);
          continue;
        }
      /* export-jsonl's own lines: only a member that is an object can
       * make their shape */
      if (jsonl_parser_had_object_meta (self->parser) && jsonl_export_shape_detect (*doc))
        *doc = jsonl_export_shape_unpack (*doc);
      return GALLEY_READ_OK;
    }
}

static void
read_jsonl_free (gpointer data)
{
  ReadJsonl *self = data;

  line_reader_free (self->reader);
  jsonl_parser_free (self->parser);
  g_string_free (self->where, TRUE);
  g_free (self->path);
  g_free (self->name);
  g_free (self);
}

const GalleyStageClass galley_read_jsonl_stage = {
  .name = "read-jsonl",
  .kind = GALLEY_STAGE_SOURCE,
  .description = "Read articles from JSON Lines: one object a line with id, text and metadata",
  .params = read_jsonl_params,
  .flags = 0,
  .create = read_jsonl_create,
  .read = read_jsonl_read,
  .free = read_jsonl_free,
};
