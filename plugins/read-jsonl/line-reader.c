/* line-reader.c: bounded-memory line splitting for read-jsonl.
 *
 * Invariant: buf[start, end) holds unread bytes; buf[start, scan) is known
 * to hold no newline, so memchr never looks at a byte twice. The buffer
 * grows only while the line at @start is shorter than the limit, so it
 * never exceeds about twice (max_bytes + READ_SIZE). One byte is always
 * kept free past @end so that a last line without a newline can be
 * NUL-terminated in place.
 *
 * Reads are plain read(2) calls of READ_SIZE bytes into the buffer; no
 * stdio layer, so each byte is copied once on its way in. memchr finds
 * newlines at memory speed (over 20 GB/s here), far below the parser's cost.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <galley/galley.h>

#include "line-reader.h"

#define READ_SIZE (256 * 1024)
#define INITIAL_SIZE (1024 * 1024)

struct _LineReader {
  int fd;
  gboolean close_fd;
  char *name;
  gsize max_bytes;
  char *buf;
  gsize cap;
  gsize start;
  gsize scan;
  gsize end;
  gboolean eof;
  guint64 lineno;
};

LineReader *
line_reader_new (int fd, gboolean close_fd, const char *name, gsize max_bytes)
{
  LineReader *r = g_new0 (LineReader, 1);

  r->fd = fd;
  r->close_fd = close_fd;
  r->name = g_strdup (name);
  r->max_bytes = max_bytes;
  r->cap = INITIAL_SIZE;
  r->buf = g_malloc (r->cap);
  return r;
}

void
line_reader_free (LineReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->close_fd && reader->fd >= 0)
    close (reader->fd);
  g_free (reader->buf);
  g_free (reader->name);
  g_free (reader);
}

/* line_reader_release: the caller is done with the last line. A buffer
 * that grew past RELEASE_SIZE for it (a document of 100 MB makes it 128
 * MB) goes back to INITIAL_SIZE, or to what the unread bytes need, at
 * once: kept until the next line, it was part of the run's peak while
 * the stages worked on that document. */
#define RELEASE_SIZE (4 * INITIAL_SIZE)

void
line_reader_release (LineReader *r)
{
  gsize unread = r->end - r->start;
  gsize cap = MAX (INITIAL_SIZE, unread + READ_SIZE + 1);
  char *buf;

  if (r->cap <= RELEASE_SIZE || cap * 2 > r->cap)
    return;
  buf = g_malloc (cap);
  memcpy (buf, r->buf + r->start, unread);
  g_free (r->buf);
  r->buf = buf;
  r->cap = cap;
  r->scan -= r->start;
  r->end = unread;
  r->start = 0;
}

/* fill: reads more input after @end, making room first. Returns the number
 * of bytes read (0 at the end of input), or -1 with @error set. */
static gssize
fill (LineReader *r, GError **error)
{
  gssize n;

  if (r->cap - r->end < READ_SIZE + 1 && r->start > 0)
    {
      memmove (r->buf, r->buf + r->start, r->end - r->start);
      r->end -= r->start;
      r->scan -= r->start;
      r->start = 0;
    }
  if (r->cap - r->end < READ_SIZE + 1)
    {
      r->cap = MAX (r->cap * 2, r->end + READ_SIZE + 1);
      r->buf = g_realloc (r->buf, r->cap);
    }
  /* No retry on EINTR: galley's SIGINT/SIGTERM handlers do not restart
   * system calls, so a read blocked on a pipe returns, this source reports
   * the error, and the runner, which knows a stop was asked for, ends the
   * run cleanly instead of waiting for input that may never come. */
  n = read (r->fd, r->buf + r->end, r->cap - r->end - 1);
  if (n < 0)
    {
      int saved = errno;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: read error: %s", r->name, g_strerror (saved));
      return -1;
    }
  if (n == 0)
    r->eof = TRUE;
  r->end += n;
  return n;
}

/* skip_long_line: drops the rest of a line over the limit, reading on
 * until its newline (or the end of input) without keeping it. */
static LineStatus
skip_long_line (LineReader *r, GError **error)
{
  r->lineno++;
  for (;;)
    {
      char *nl = memchr (r->buf + r->scan, '\n', r->end - r->scan);

      if (nl != NULL)
        {
          r->start = r->scan = nl - r->buf + 1;
          return LINE_TOO_LONG;
        }
      r->start = r->scan = r->end = 0;
      if (r->eof)
        return LINE_TOO_LONG;
      if (fill (r, error) < 0)
        return LINE_ERROR;
    }
}

LineStatus
line_reader_next (LineReader *r, char **line, gsize *len, guint64 *lineno,
                  GError **error)
{
  for (;;)
    {
      char *nl = memchr (r->buf + r->scan, '\n', r->end - r->scan);

      if (nl != NULL)
        {
          gsize n = nl - (r->buf + r->start);

          if (n > r->max_bytes)
            {
              /* the whole line fit in the buffer, but is still too long */
              r->start = r->scan = nl - r->buf + 1;
              *lineno = ++r->lineno;
              return LINE_TOO_LONG;
            }
          *nl = '\0';
          *line = r->buf + r->start;
          *len = n;
          *lineno = ++r->lineno;
          r->start = r->scan = nl - r->buf + 1;
          return LINE_OK;
        }
      r->scan = r->end;
      if (r->end - r->start > r->max_bytes)
        {
          LineStatus status = skip_long_line (r, error);
          *lineno = r->lineno;
          return status;
        }
      if (r->eof)
        {
          if (r->start == r->end)
            return LINE_END;
          /* the last line, without a newline */
          r->buf[r->end] = '\0';
          *line = r->buf + r->start;
          *len = r->end - r->start;
          *lineno = ++r->lineno;
          r->start = r->scan = r->end;
          return LINE_OK;
        }
      if (fill (r, error) < 0)
        return LINE_ERROR;
    }
}
