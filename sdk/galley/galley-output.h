/**
 * SECTION:galley-output
 * @title: GalleyOutput
 * @short_description: the output file exporters share
 *
 * Writes go to a temporary file beside the target; commit fsyncs it and
 * renames it over the target, so a run that is killed leaves the previous
 * output intact and never a half-written file. "-" writes to stdout
 * (buffered, flushed at commit), and a device or FIFO (/dev/null, a pipe)
 * is written in place. In append mode the commit adds the run's bytes to
 * the end of the target as it is then, in place, under a journal beside
 * it (.NAME.append-journal) that the next output opened in its directory
 * uses to take back the bytes of a commit killed half-way: a run adds to
 * the previous output atomically, a commit costs the run's bytes and not
 * a copy of the file, and two runs appending to one file keep each
 * other's bytes (commits of appends in one directory take turns, under
 * an flock on it). Since ABI 1.7; before, the commit copied the target
 * and renamed the copy over it.
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

/**
 * GalleyOutput:
 *
 * An output file being written (opaque).
 */
typedef struct _GalleyOutput GalleyOutput;

/**
 * GalleyOutputFlags:
 * @GALLEY_OUTPUT_REPLACE: the output replaces the target
 * @GALLEY_OUTPUT_APPEND: the output goes after the target's bytes as
 *   they are when it commits (those of another output committed to the
 *   same file meanwhile included); the target must be writable
 *
 * How galley_output_open() treats an existing target.
 */
typedef enum {
  GALLEY_OUTPUT_REPLACE = 0,
  GALLEY_OUTPUT_APPEND = 1 << 0,
} GalleyOutputFlags;

/**
 * galley_output_expand_path:
 * @pattern: a path with strftime patterns
 * @when: seconds since the epoch; 0: now
 *
 * @pattern with strftime patterns expanded for the local time @when. "-"
 * stays "-".
 *
 * Returns: (transfer full): the path.
 */
char *galley_output_expand_path (const char *pattern, gint64 when) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_output_open:
 * @path: the target ("-": stdout)
 * @flags: replace or append
 * @error: return location for a #GError, or NULL
 *
 * Opens the temporary file for @path (directories are not created).
 *
 * Returns: (transfer full) (nullable): the output, free with
 *   galley_output_free(); NULL with %GALLEY_STAGE_ERROR_IO, "PATH: cannot
 *   create output: REASON".
 */
GalleyOutput *galley_output_open (const char *path, GalleyOutputFlags flags,
                                  GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_output_write:
 * @out: an output
 * @data: the bytes, copied
 * @len: their length
 * @error: return location for a #GError, or NULL
 *
 * A buffered write of @len bytes (@len of 256 KiB or more, with nothing
 * buffered before them, are written at once, without a copy).
 *
 * Returns: FALSE with @error set on a write error, or after commit ("PATH:
 *   write after commit").
 */
gboolean galley_output_write (GalleyOutput *out, const char *data, gsize len,
                              GError **error);

/**
 * galley_output_get_path:
 * @out: an output
 *
 * The target path.
 *
 * Returns: (transfer none): the path, owned by @out.
 */
const char *galley_output_get_path (const GalleyOutput *out);

/**
 * galley_output_get_size:
 * @out: an output
 *
 * The bytes in the output so far (in append mode, with the target's size
 * when it was opened), for a header only at the start of a file.
 *
 * Returns: the size.
 */
guint64 galley_output_get_size (const GalleyOutput *out);

/**
 * galley_output_commit:
 * @out: an output
 * @error: return location for a #GError, or NULL
 *
 * Flushes, gives the temporary file the mode (and, for root, the owner) of
 * the file it replaces, fsyncs, renames it over the target (and fsyncs the
 * directory). Afterwards the output is closed; further writes fail, and
 * committing again returns TRUE.
 *
 * Returns: FALSE with %GALLEY_STAGE_ERROR_IO naming the file.
 */
gboolean galley_output_commit (GalleyOutput *out, GError **error);

/**
 * galley_output_free:
 * @out: (nullable): an output
 *
 * Closes @out; an uncommitted temporary file is removed, leaving the
 * target as it was. NULL is allowed.
 */
void galley_output_free (GalleyOutput *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyOutput, galley_output_free)

G_END_DECLS
