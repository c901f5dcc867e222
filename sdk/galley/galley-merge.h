/* galley-merge.h: append mode with one record per document id, for
 * sinks that write text files (export-jsonl, export-csv).
 *
 * A run that writes a document the file already holds (a changed article,
 * or a re-run after a crash between the sink's commit and the run's state
 * commit) replaces the document's old records instead of adding a second
 * set; a document the run writes twice before a commit (an id repeated
 * in its input) keeps its last records only. The run's records go to an
 * unlinked spill file beside the target
 * (its file system will hold them; a small /tmp may not). At commit,
 * galley_merge_commit() appends them in place when the target holds none
 * of the run's ids, the common case of new articles; otherwise it
 * rewrites the target without the old records of the run's ids, then the
 * run's. It knows the target's ids from one read of the target at the
 * first commit, kept as 8-byte hashes, and reads it again only when
 * something else has changed it since: a service that appends to one
 * file all day pays for its new records at each checkpoint, not for the
 * whole file. The format's part, how to find a record and its id in the
 * old file, stays with the sink. */
#pragma once

#include <glib.h>
#include <galley/galley-output.h>

G_BEGIN_DECLS

/**
 * SECTION:galley-merge
 * @title: GalleyMerge
 * @short_description: append with one record per document id
 *
 * The mechanism export-jsonl and export-csv share for mode=append
 * unique=true; see the comment at the top of this header.
 */

/**
 * GalleyMerge:
 *
 * An opaque merge: the spill file and the run's ids of one target.
 */
typedef struct _GalleyMerge GalleyMerge;

/**
 * GalleyMergeCopyFunc:
 * @merge: the merge
 * @contents: the old file's bytes
 * @len: their length
 * @out: where the kept records go
 * @user_data: the sink's data
 * @error: return location for a #GError
 *
 * Writes to @out every record of the old file whose id
 * galley_merge_has_id() does not know, byte for byte.
 *
 * Returns: FALSE with @error set on a malformed file or a write error.
 */
typedef gboolean (*GalleyMergeCopyFunc) (GalleyMerge *merge, const char *contents,
                                         gsize len, GalleyOutput *out,
                                         gpointer user_data, GError **error);

/**
 * galley_merge_new:
 * @path: the target file
 * @noun: what the records are called in messages and in the spill file's
 *   name ("lines", "rows")
 * @error: return location for a #GError
 *
 * Creates the spill file beside @path.
 *
 * Returns: (transfer full) (nullable): the merge, or NULL with
 *   GALLEY_STAGE_ERROR_IO ("PATH: cannot create output: REASON").
 */
GalleyMerge *galley_merge_new (const char *path, const char *noun,
                               GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_merge_free:
 * @merge: (nullable): a merge
 *
 * Closes the spill file (its data goes with it) and frees @merge.
 */
void galley_merge_free (GalleyMerge *merge);

/**
 * galley_merge_add:
 * @merge: a merge
 * @id: the document's key, in the form the copy function will find it in
 *   the old file (export-jsonl uses the id as a JSON string)
 * @data: the document's records, terminators included
 * @len: their length
 * @error: return location for a #GError
 *
 * Keeps the records of one document for the commit.
 *
 * Returns: FALSE with GALLEY_STAGE_ERROR_IO when the spill file cannot be
 *   written.
 */
gboolean galley_merge_add (GalleyMerge *merge, const char *id, const char *data,
                           gsize len, GError **error);

/**
 * galley_merge_has_id:
 * @merge: a merge
 * @id: a key, in galley_merge_add()'s form
 *
 * Asks whether the run replaces the old records of @id.
 *
 * Returns: whether the run wrote records of @id.
 */
gboolean galley_merge_has_id (GalleyMerge *merge, const char *id);

/**
 * galley_merge_write:
 * @merge: a merge
 * @out: the new file (the caller wrote any header and commits it)
 * @copy_old: writes the old file's kept records
 * @user_data: for @copy_old
 * @error: return location for a #GError
 *
 * Writes the target's records that the run did not replace (through
 * @copy_old; a target that does not exist yet has none), then the run's,
 * to @out; then forgets the run.
 *
 * Returns: FALSE with @error set (GALLEY_STAGE_ERROR_IO naming the file).
 */
gboolean galley_merge_write (GalleyMerge *merge, GalleyOutput *out,
                             GalleyMergeCopyFunc copy_old, gpointer user_data,
                             GError **error);

/**
 * galley_merge_commit:
 * @merge: a merge
 * @header: (nullable): the bytes a file starts with (a CSV header), or NULL
 * @header_len: their length
 * @copy_old: finds the old file's records and their ids
 * @user_data: for @copy_old
 * @error: return location for a #GError
 *
 * Commits the run's records to the target (the output is the merge's own:
 * the caller opens none) and forgets the run. When the target holds none
 * of the run's ids, the records are appended in place
 * (%GALLEY_OUTPUT_APPEND), after @header if the target is new or empty;
 * otherwise the target is rewritten: @header, the records @copy_old keeps,
 * then the run's. To learn the target's ids, @copy_old is called on it
 * with galley_merge_has_id() answering TRUE for every key (so that it
 * writes nothing) at the first commit and whenever the target's size,
 * inode or modification time are not those this merge's last commit
 * left. A run with no records commits nothing: no file is made or read.
 * Since ABI 1.7; galley_merge_write() rewrites at every commit.
 *
 * Returns: FALSE with @error set (GALLEY_STAGE_ERROR_IO naming the file,
 *   or @copy_old's error).
 */
gboolean galley_merge_commit (GalleyMerge *merge, const char *header, gsize header_len,
                              GalleyMergeCopyFunc copy_old, gpointer user_data,
                              GError **error);

/**
 * galley_merge_reset:
 * @merge: a merge
 *
 * Forgets the run's records (a discard).
 */
void galley_merge_reset (GalleyMerge *merge);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyMerge, galley_merge_free)

G_END_DECLS
