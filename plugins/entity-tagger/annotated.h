/* annotated.h: annotated documents for training and evaluation.
 *
 * Two formats:
 *   - JSON Lines (a name ending in .jsonl): {"id": ..., "text": ...,
 *     "entities": [{"start": 0, "end": 5, "type": "PERSON"}, ...]} with
 *     codepoint offsets, or byte offsets as "bstart"/"bend" (taken first
 *     when both are there);
 *   - annotated text (any other name): documents separated by lines of
 *     "===", '#' lines are comments, each name written inline as
 *     [text]{TYPE}.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint32 start, end;   /* bytes */
  GQuark type;
} AnnEntity;

typedef struct {
  char *id;
  char *text;
  GArray *entities;     /* AnnEntity, in file order */
} AnnDoc;

/* ann_load: the documents of @path (GPtrArray of AnnDoc, it frees them).
 * Errors name the file, the line and the entity at fault. */
GPtrArray *ann_load (const char *path, GError **error);

/* ann_each_text: calls @func with each document of the JSON Lines file
 * @path, one object a line with a "text" string (other members, and
 * "entities", are not read), read a line at a time (a newsroom's archive
 * need not fit in memory); stops at @func's FALSE. Errors name the file
 * and the line: not UTF-8 (binary data), not JSON, no "text"; and a file
 * without a document. */
typedef gboolean (*AnnTextFunc) (const AnnDoc *d, gpointer data, GError **error);
gboolean ann_each_text (const char *path, AnnTextFunc func, gpointer data, GError **error);

/* ann_types: the entity types used in @docs, in order of first use
 * (NULL-terminated; free with g_strfreev). */
char **ann_types (GPtrArray *docs);

void ann_doc_free (gpointer d);

/* The copies that `galley train entity-tagger --augment` learns from.
 * Only ASCII letters change case, so that the names keep their byte
 * offsets. */

/* AnnNames: the distinct gold names of some documents, by type. */
typedef struct _AnnNames AnnNames;
AnnNames *ann_names_new (void);
void ann_names_add (AnnNames *n, const AnnDoc *d);
void ann_names_free (AnnNames *n);

/* ann_doc_replace_names: a copy of @d where each gold name is another
 * of @names of the same type, drawn from @rand; the same spelling gets
 * the same replacement throughout the document. Free with ann_doc_free. */
AnnDoc *ann_doc_replace_names (const AnnDoc *d, const AnnNames *names, GRand *rand);

/* ann_doc_recase: a copy of @d in capitals (a headline's "NASA LAUNCHES
 * ..."), or with @title each word's first letter a capital ("NASA
 * Launches New ..."). */
AnnDoc *ann_doc_recase (const AnnDoc *d, gboolean title);

G_END_DECLS
