/* line-reader.h: reading a file line by line in bounded memory.
 *
 * The reader keeps one buffer that holds at most one line (up to the
 * limit) plus one read ahead. A line longer than the limit is never held
 * whole: the reader reports it and skips to the next newline.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LineReader LineReader;

/**
 * LineStatus:
 * @LINE_OK: *line holds the next line (without its newline)
 * @LINE_END: the input is exhausted
 * @LINE_TOO_LONG: the next line was longer than the limit; it was skipped
 * @LINE_ERROR: reading failed (error set)
 */
typedef enum {
  LINE_OK,
  LINE_END,
  LINE_TOO_LONG,
  LINE_ERROR,
} LineStatus;

/* line_reader_new: reads @fd (closed by line_reader_free when @close_fd),
 * named @name in messages, refusing lines longer than @max_bytes. */
LineReader *line_reader_new (int fd, gboolean close_fd, const char *name,
                             gsize max_bytes) G_GNUC_WARN_UNUSED_RESULT;

/* line_reader_next: the next line. On LINE_OK, *line points at @len bytes
 * inside the reader's buffer, NUL-terminated in place of the newline, and
 * valid until the next call. *lineno is its 1-based line number (for
 * LINE_TOO_LONG too). A last line without a newline is returned as is.
 * LINE_ERROR's message names the input: "NAME: read error: ...". */
LineStatus line_reader_next (LineReader *reader, char **line, gsize *len,
                             guint64 *lineno, GError **error);

/* line_reader_release: the line line_reader_next returned is no longer
 * used; a buffer it made large is given back (the unread input stays). */
void line_reader_release (LineReader *reader);

void line_reader_free (LineReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineReader, line_reader_free)

G_END_DECLS
