/* dup-index.h: the in-memory index of earlier documents: their ids, times
 * and signatures, and one LSH table over their bands.
 *
 * Only the first document of each group is indexed (a copy points at it),
 * so dup.of always names the first one and copies do not grow the index.
 * Not thread-safe: the stage locks around it.
 */
#pragma once

#include <glib.h>

#include "minhash.h"

G_BEGIN_DECLS

typedef struct _DupIndex DupIndex;

DupIndex *dup_index_new (void);
void dup_index_free (DupIndex *index);

/* dup_index_add: indexes document @id (copied) of time @t (seconds since
 * the epoch) with signature @sig; returns its entry number. */
guint dup_index_add (DupIndex *index, const char *id, gint64 t,
                     const guint8 sig[MINHASH_K]);

/* dup_index_append: appends document @id (copied) of time @t with
 * signature @sig as dup_index_add() does, but in no table: lookups find
 * it once dup_index_freeze() has been called. For loading an index file,
 * whose entries do not change during a run; returns its entry number. */
guint dup_index_append (DupIndex *index, const char *id, gint64 t,
                        const guint8 sig[MINHASH_K]);

/* dup_index_freeze: puts every entry in the read-only packed table
 * (dup-frozen.h), where lookups find them; entries added later go to the
 * hash table. Beyond DUP_FROZEN_MAX_ENTRIES (33 million) entries, puts
 * them all in the hash table instead. */
void dup_index_freeze (DupIndex *index);

/* DupReadRow: reads row @rowid of the index file back: its id into @id
 * (replaced), its time into @t and its signature into @sig. FALSE when
 * the row is gone (deleted since the load) or cannot be used (damaged:
 * the reader says so, naming the file). */
typedef gboolean (*DupReadRow) (gpointer data, gint64 rowid, GString *id, gint64 *t,
                                guint8 sig[MINHASH_K]);

/* Loading an index file's entries by row: each row keeps in memory only
 * its place in the frozen table and a fingerprint of its signature
 * (dup-fingerprint.h), and a lookup reads back through @read the
 * signature, id and time of the few candidates whose fingerprint could
 * reach the threshold. On an empty index: dup_index_begin_rows() for @n
 * rows of rowids @row_base .. @row_base + 2^32 - 1, dup_index_add_row()
 * for each (FALSE past @n rows or that range), then dup_index_end_rows()
 * (FALSE, and the index left empty, unless all @n came). The rows are
 * entries 0 .. @n - 1; entries added later keep everything in memory.
 * dup_index_get_id(), _get_time() and _get_signature() of a row read it
 * back, but the last row that dup_index_find() returned is kept (until
 * the next lookup): "" and zeros when it cannot be read. */
void dup_index_begin_rows (DupIndex *index, guint n, gint64 row_base,
                           DupReadRow read, gpointer data);
gboolean dup_index_add_row (DupIndex *index, gint64 rowid, const guint8 sig[MINHASH_K]);
gboolean dup_index_end_rows (DupIndex *index);

/* What lookups did with rows: candidates read back (their fingerprint
 * could reach the threshold), and of those the ones that shared a whole
 * band and were compared. */
typedef struct {
  guint64 rows_read;
  guint64 rows_shared;
} DupIndexStats;

void dup_index_get_stats (const DupIndex *index, DupIndexStats *stats);

/* dup_index_reserve: makes room for @n_more entries, so that adding them
 * does not grow the table (and insert every entry again) on the way. */
void dup_index_reserve (DupIndex *index, guint n_more);

/* dup_index_reserve_entries: makes room for @n_more entries' records and
 * ids only, for dup_index_append(). */
void dup_index_reserve_entries (DupIndex *index, guint n_more);

/* dup_big_alloc: @size bytes aligned on a cache line (and for huge pages
 * from 2 MB on), zeroed if @zeroed; free() releases them. */
gpointer dup_big_alloc (gsize size, gboolean zeroed);

/* dup_index_find: the entry most similar to @sig among those that share a
 * band with it, are of time @min_t or later and are at least @threshold
 * similar; -1 when there is none. Its similarity goes to @similarity. */
gint dup_index_find (DupIndex *index, const guint8 sig[MINHASH_K],
                     gint64 min_t, double threshold, double *similarity);

guint dup_index_get_n (const DupIndex *index);
const char *dup_index_get_id (const DupIndex *index, guint entry);
gint64 dup_index_get_time (const DupIndex *index, guint entry);
const guint8 *dup_index_get_signature (const DupIndex *index, guint entry);

G_END_DECLS
