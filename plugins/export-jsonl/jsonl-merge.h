/* jsonl-merge.h: append mode with one line per document id.
 *
 * export-jsonl mode=append unique=true keeps one line per document: a run
 * that writes an article the file already holds replaces its old line
 * instead of adding a second one. The SDK's GalleyMerge
 * (<galley/galley-merge.h>) does the work; this adds how a line's id is
 * found. */
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

/* jsonl_merge_commit: the run's lines appended to the target, or, when
 * the target holds a line of an id the run wrote, the target rewritten
 * without it and with the run's lines at the end; then forgets the run. */
gboolean jsonl_merge_commit (JsonlMerge *merge, GError **error);

/* jsonl_merge_reset: forgets the run's lines (discard). */
void jsonl_merge_reset (JsonlMerge *merge);

G_END_DECLS
