/* dup-store.h: the index file (index=PATH), an SQLite database.
 *
 * Why SQLite: a transaction per commit makes the file crash-safe for free
 * (a run killed before commit leaves the previous index as it was), and
 * a row is an id, a time and the 96-byte signature: about 150 bytes a
 * document in the file with ids of 30 bytes.
 */
#pragma once

#include <glib.h>

#include "dup-index.h"

G_BEGIN_DECLS

typedef struct _DupStore DupStore;

/* dup_store_open: opens (creates) the index at @path, refusing a file
 * made with other signature settings (@settings, e.g. "oph96x8 shingle=3").
 * Errors name the file. */
DupStore *dup_store_open (const char *path, const char *settings, GError **error);
void dup_store_free (DupStore *store);

/* dup_store_load: loads into the empty @index every stored entry of time
 * @min_t or later, oldest first, as rows (dup-index.h) that the lookups
 * read back from the file through @store, which must outlive @index's
 * lookups. */
gboolean dup_store_load (DupStore *store, DupIndex *index, gint64 min_t,
                         GError **error);

/* dup_store_commit: in one transaction, deletes entries older than
 * @min_t and inserts the entries of @index from @first on. */
gboolean dup_store_commit (DupStore *store, DupIndex *index, guint first,
                           gint64 min_t, GError **error);

G_END_DECLS
