/* dup-index.c: see dup-index.h.
 *
 * The LSH table is one open-addressing array of (band key, entry) slots
 * with linear probing, kept a quarter to a half full: a lookup hashes the
 * 32 bands of a signature and walks a short run of slots for each, so it
 * costs the same for a thousand entries as for a million. A slot is 8
 * bytes: the entry, and the high half of the 64-bit band key (the low
 * bits chose the slot); a key that matches by chance only costs one
 * similarity estimate. So an entry takes 32 slots, 0.5 to 1 KB. Entries
 * are only appended during a run; eviction happens when the index is
 * loaded (dup-store.c), which builds the table afresh.
 */
#include "config.h"

#include <string.h>

#include "dup-index.h"

typedef struct {
  guint32 key;    /* the band key's high 32 bits */
  guint32 entry;  /* entry + 1; 0 marks an empty slot */
} Slot;

#define SLOT_KEY(key) ((guint32) ((key) >> 32))

struct _DupIndex {
  GPtrArray *ids;      /* char *, owned */
  GArray *times;       /* gint64 */
  GArray *sigs;        /* guint8 [MINHASH_K] each */
  Slot *slots;
  gsize n_slots;       /* a power of two */
  gsize n_used;
  /* dup_index_find's mark of the entries it tried: stamp[e] == lookups
   * when entry e was tried by the current lookup. An array index, not a
   * list search: on templated text (earnings notices, the bench corpus)
   * a lookup meets hundreds of candidates, and searching a list of them
   * took half the stage's time. */
  GArray *stamp;       /* guint32 per entry */
  guint32 lookups;
};

DupIndex *
dup_index_new (void)
{
  DupIndex *index = g_new0 (DupIndex, 1);

  index->ids = g_ptr_array_new_with_free_func (g_free);
  index->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  index->sigs = g_array_new (FALSE, FALSE, MINHASH_K);
  index->n_slots = 1024;
  index->slots = g_new0 (Slot, index->n_slots);
  index->stamp = g_array_new (FALSE, TRUE, sizeof (guint32));
  return index;
}

void
dup_index_free (DupIndex *index)
{
  if (index == NULL)
    return;
  g_ptr_array_unref (index->ids);
  g_array_unref (index->times);
  g_array_unref (index->sigs);
  g_array_unref (index->stamp);
  g_free (index->slots);
  g_free (index);
}

static void
slot_put (Slot *slots, gsize n_slots, guint64 key, guint32 entry)
{
  gsize i = key & (n_slots - 1);

  while (slots[i].entry != 0)
    i = (i + 1) & (n_slots - 1);
  slots[i].key = SLOT_KEY (key);
  slots[i].entry = entry + 1;
}

/* Doubles the table. A slot keeps only half of its key, so the keys are
 * computed again from the signatures. */
static void
grow (DupIndex *index)
{
  guint n_entries = index->ids->len;

  g_free (index->slots);
  index->n_slots *= 2;
  index->slots = g_new0 (Slot, index->n_slots);
  for (guint e = 0; e < n_entries; e++)
    for (guint b = 0; b < MINHASH_BANDS; b++)
      slot_put (index->slots, index->n_slots,
                minhash_band_key (dup_index_get_signature (index, e), b), e);
}

guint
dup_index_add (DupIndex *index, const char *id, gint64 t, const guint8 sig[MINHASH_K])
{
  guint entry = index->ids->len;

  /* grow first: it re-inserts the entries already there */
  while ((index->n_used + MINHASH_BANDS) * 2 > index->n_slots)
    grow (index);
  g_ptr_array_add (index->ids, g_strdup (id));
  g_array_append_val (index->times, t);
  g_array_append_vals (index->sigs, sig, 1);
  g_array_set_size (index->stamp, entry + 1);
  for (guint b = 0; b < MINHASH_BANDS; b++)
    slot_put (index->slots, index->n_slots, minhash_band_key (sig, b), entry);
  index->n_used += MINHASH_BANDS;
  return entry;
}

gint
dup_index_find (DupIndex *index, const guint8 sig[MINHASH_K], gint64 min_t,
                double threshold, double *similarity)
{
  gint best = -1;
  double best_sim = -1;

  guint32 *stamp = (guint32 *) (gpointer) index->stamp->data;

  if (++index->lookups == 0)
    {
      /* wrapped after 4 billion lookups: forget the old marks */
      memset (stamp, 0, index->stamp->len * sizeof *stamp);
      index->lookups = 1;
    }
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      guint64 key = minhash_band_key (sig, b);

      for (gsize i = key & (index->n_slots - 1); index->slots[i].entry != 0;
           i = (i + 1) & (index->n_slots - 1))
        {
          guint32 e = index->slots[i].entry - 1;
          double sim;

          if (index->slots[i].key != SLOT_KEY (key) || stamp[e] == index->lookups)
            continue;
          stamp[e] = index->lookups;
          if (g_array_index (index->times, gint64, e) < min_t)
            continue;
          sim = minhash_similarity (sig, dup_index_get_signature (index, e));
          /* ties go to the earlier entry: the first of the group */
          if (sim >= threshold && sim > best_sim)
            {
              best = (gint) e;
              best_sim = sim;
            }
        }
    }
  if (best >= 0 && similarity != NULL)
    *similarity = best_sim;
  return best;
}

guint
dup_index_get_n (const DupIndex *index)
{
  return index->ids->len;
}

const char *
dup_index_get_id (const DupIndex *index, guint entry)
{
  return g_ptr_array_index (index->ids, entry);
}

gint64
dup_index_get_time (const DupIndex *index, guint entry)
{
  return g_array_index (index->times, gint64, entry);
}

const guint8 *
dup_index_get_signature (const DupIndex *index, guint entry)
{
  return (const guint8 *) index->sigs->data + (gsize) entry * MINHASH_K;
}
