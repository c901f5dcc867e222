/* galley-output.h: the output file exporters share.
 *
 * Writes go to a temporary file beside the target; commit fsyncs it and
 * renames it over the target, so a run that is killed leaves the previous
 * output intact and never a half-written file. "-" writes to stdout
 * (buffered, flushed at commit), and a device or FIFO (/dev/null, a pipe)
 * is written in place. In append mode the temporary file starts as a copy
 * of the existing target, so a run adds to the previous output atomically.
 *
 * The temporary file is DIR/.NAME.XXXXXX, locked (flock) while its output
 * lives. Opening an output removes the ones of NAME that killed runs left:
 * unlocked and owned by the caller. Replacing a
 * file keeps its permission bits and, when running as root, its owner and
 * group; a new file is 0644 less the umask.
 *
 * Threads: one GalleyOutput is used by one thread at a time (a sink's
 * write runs on one thread; create, commit and free on the main thread).
 * Errors are GALLEY_STAGE_ERROR_IO with the file's name and the reason.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GalleyOutput GalleyOutput;

typedef enum {
  GALLEY_OUTPUT_REPLACE = 0,
  GALLEY_OUTPUT_APPEND = 1 << 0,
} GalleyOutputFlags;

/* galley_output_expand_path: @pattern with strftime patterns expanded for
 * the local time @when (seconds since the epoch; 0: now). "-" stays "-".
 * Returns: (transfer full). */
char *galley_output_expand_path (const char *pattern, gint64 when) G_GNUC_WARN_UNUSED_RESULT;

/* galley_output_open: opens the temporary file for @path (directories are
 * not created). Errors: GALLEY_STAGE_ERROR_IO, "PATH: cannot create
 * output: REASON". Returns: (transfer full), free with
 * galley_output_free(). */
GalleyOutput *galley_output_open (const char *path, GalleyOutputFlags flags,
                                  GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* galley_output_write: buffered write of @len bytes (copied). Fails after
 * commit ("PATH: write after commit"). */
gboolean galley_output_write (GalleyOutput *out, const char *data, gsize len,
                              GError **error);

/* galley_output_get_path: the target path. */
const char *galley_output_get_path (const GalleyOutput *out);

/* galley_output_get_size: bytes in the output so far (with what append
 * mode copied), for a header only at the start of a file. */
guint64 galley_output_get_size (const GalleyOutput *out);

/* galley_output_commit: flush, give the temporary file the mode (and, for
 * root, the owner) of the file it replaces, fsync, rename over the target
 * (and fsync the directory). Afterwards the output is closed; further writes fail, and
 * committing again returns TRUE. */
gboolean galley_output_commit (GalleyOutput *out, GError **error);

/* galley_output_free: closes @out; an uncommitted temporary file is
 * removed, leaving the target as it was. NULL is allowed. */
void galley_output_free (GalleyOutput *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyOutput, galley_output_free)

G_END_DECLS
