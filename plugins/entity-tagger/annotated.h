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

/* ann_types: the entity types used in @docs, in order of first use
 * (NULL-terminated; free with g_strfreev). */
char **ann_types (GPtrArray *docs);

G_END_DECLS
