/* jsonl-merge.h: append mode with one line per document id.
 *
 * export-jsonl mode=append unique=true keeps one line per document: a run
 * that writes an article the file already holds (a changed article, or a
 * re-run after a crash between this sink's commit and the run's state
 * commit) replaces its old line instead of adding a second one. The run's
 * lines go to an unlinked spill file beside the target; commit writes the
 * old file minus the lines of the run's ids, then the spill. Cost: one
 * read of the old file per commit (a plain append copies it too) and the
 * set of the run's ids in memory. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

typedef struct _JsonlMerge JsonlMerge;

/* jsonl_merge_new: a spill file beside @path. */
JsonlMerge *jsonl_merge_new (const char *path, GError **error);
void jsonl_merge_free (JsonlMerge *merge);

/* jsonl_merge_add: keeps @line (ending in '\n') of the document @id. */
gboolean jsonl_merge_add (JsonlMerge *merge, const char *id, const char *line,
                          gsize len, GError **error);

/* jsonl_merge_write: the lines of the file at @path whose id the run did
 * not write, then the run's lines, to @out; then forgets the run. */
gboolean jsonl_merge_write (JsonlMerge *merge, const char *path,
                            GalleyOutput *out, GError **error);

/* jsonl_merge_reset: forgets the run's lines (discard). */
void jsonl_merge_reset (JsonlMerge *merge);

G_END_DECLS
