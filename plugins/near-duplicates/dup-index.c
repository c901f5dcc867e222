/* dup-index.c: see dup-index.h.
 *
 * Entries: one array of (time, signature) records, 104 bytes each, and
 * the ids end to end in one string arena (an offset per entry), so that
 * an entry costs about 130 bytes with ids of 15 bytes instead of a heap
 * block per id.
 *
 * The LSH table is one open-addressing array of 4-byte slots with linear
 * probing, kept a quarter to a half full, each entry in 32 slots (one a
 * band): 256 to 512 bytes an entry (twice that with 8-byte slots). A
 * slot holds entry + 1 in its low entry_bits bits (0 marks an empty
 * slot) and, above them, a fingerprint of the band key (its highest
 * bits; the lowest chose the slot). As the table doubles, the entry
 * takes one bit more and the fingerprint one less: 12 bits with a
 * million entries, so that about one occupied slot in 4,000 that a
 * probe meets is a false match, which the band's three bytes in the
 * entry's signature then reject. A candidate therefore always shares a
 * whole band with the signature looked up.
 *
 * Why the two passes of a lookup (compute all 32 slots and prefetch
 * them, then walk them; gather the candidates and prefetch their
 * records, then compare): once the table outgrows the caches each probe
 * is a miss of memory, and 32 misses taken one after the other were the
 * whole cost of a lookup (2.9-3.4 us of CPU with a million entries
 * against 0.5 with 10,000, tests/near-duplicates/bench-dup-index).
 * Issued together the misses overlap: 1.6-1.9 us with a million.
 * Candidates are compared in the order the bands meet them, so ties go
 * to the entry met first, as before.
 *
 * Entries are only appended during a run; eviction happens when the
 * index is loaded (dup-store.c), which builds the table afresh.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "dup-index.h"

typedef guint32 Slot;

typedef struct {
  gint64 t;
  guint8 sig[MINHASH_K];
} Entry;

typedef struct {
  guint32 entry;
  guint32 band;
} Candidate;

struct _DupIndex {
  GArray *entries;     /* Entry */
  GString *ids;        /* every id, each followed by its NUL */
  GArray *id_starts;   /* gsize per entry: its id's offset in ids */
  Slot *slots;
  gsize n_slots;       /* a power of two */
  guint entry_bits;    /* low bits of a slot that hold entry + 1 */
  gsize n_used;
  /* dup_index_find's mark of the entries it tried: stamp[e] == lookups
   * when entry e was tried by the current lookup. An array index, not a
   * list search: on templated text (earnings notices, the bench corpus)
   * a lookup meets hundreds of candidates, and searching a list of them
   * took half the stage's time. */
  GArray *stamp;       /* guint32 per entry */
  guint32 lookups;
  /* dup_index_find's, kept to reuse: a plain array, written in place
   * (g_array_append_val's call per candidate was a sixth of a lookup's
   * instructions on templated text) */
  Candidate *candidates;
  guint n_candidates, candidates_room;
};

#define ENTRY(index, e) (&g_array_index ((index)->entries, Entry, (e)))

/* The table's size fixes the split of a slot: the table is grown before
 * it is more than half full, so entries + 1 <= n_slots / 64 always fits
 * in log2 (n_slots) - 5 bits. */
static void
set_size (DupIndex *index, gsize n_slots)
{
  guint bits = g_bit_storage (n_slots) - 1;

  index->n_slots = n_slots;
  index->entry_bits = MIN (bits - 5, 32);
}

/* The slot of band key @key for @entry: the key's highest bits above the
 * entry's, as many as the slot has left (none past 2^31 entries, where
 * only the signature tells a band's match from a fingerprint's). */
static inline Slot
make_slot (const DupIndex *index, guint64 key, guint32 entry)
{
  guint fp_bits = 32 - index->entry_bits;
  guint64 fp = fp_bits == 0 ? 0 : key >> (64 - fp_bits);

  return (Slot) ((fp << index->entry_bits) | ((guint64) entry + 1));
}

static inline guint32
slot_fingerprint (const DupIndex *index, Slot slot)
{
  return (guint32) ((guint64) slot >> index->entry_bits);
}

static inline guint32
slot_entry (const DupIndex *index, Slot slot)
{
  return (guint32) ((slot & ((G_GUINT64_CONSTANT (1) << index->entry_bits) - 1)) - 1);
}

/* The 32 band keys of @sig, and their home slots fetched ahead. */
static void
band_keys (const DupIndex *index, const guint8 *sig, guint64 keys[MINHASH_BANDS])
{
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      keys[b] = minhash_band_key (sig, b);
      __builtin_prefetch (&index->slots[keys[b] & (index->n_slots - 1)], 1);
    }
}

static void
put_entry (DupIndex *index, guint32 entry)
{
  guint64 keys[MINHASH_BANDS];

  band_keys (index, ENTRY (index, entry)->sig, keys);
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      gsize i = keys[b] & (index->n_slots - 1);

      while (index->slots[i] != 0)
        i = (i + 1) & (index->n_slots - 1);
      index->slots[i] = make_slot (index, keys[b], entry);
    }
}

/* A zeroed table of @n slots. From 2 MB on, in memory aligned for huge
 * pages and marked for them: with 4 KB pages each of a lookup's 32
 * probes in a table of a million entries (256 MB) also misses the TLB.
 * Measured (bench-dup-index, CPU time): 1.55-1.71 -> 1.35-1.48 us a
 * lookup with a million entries, 0.62-0.65 -> 0.51-0.62 with 100,000.
 * free() releases it, and the small tables of g_new0() alike (GLib's
 * allocator is malloc's). */
#define HUGE_PAGE ((gsize) 2 << 20)

static Slot *
slots_new (gsize n)
{
  gsize size = n * sizeof (Slot);
  void *p = NULL;

  if (size < HUGE_PAGE || posix_memalign (&p, HUGE_PAGE, size) != 0)
    return g_new0 (Slot, n);
#ifdef MADV_HUGEPAGE
  madvise (p, size, MADV_HUGEPAGE);  /* a hint: without it, 4 KB pages */
#endif
  memset (p, 0, size);
  return p;
}

/* Doubles the table until @n_used slots leave it at most half full. A
 * slot keeps only a part of its key, so the keys are computed again from
 * the signatures. */
static void
grow (DupIndex *index, gsize n_used)
{
  gsize n_slots = index->n_slots;

  while (n_used * 2 > n_slots)
    n_slots *= 2;
  if (n_slots == index->n_slots)
    return;
  free (index->slots);
  set_size (index, n_slots);
  index->slots = slots_new (index->n_slots);
  for (guint e = 0; e < index->entries->len; e++)
    put_entry (index, e);
}

DupIndex *
dup_index_new (void)
{
  DupIndex *index = g_new0 (DupIndex, 1);

  index->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  index->ids = g_string_new (NULL);
  index->id_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  set_size (index, 1024);
  index->slots = slots_new (index->n_slots);
  index->stamp = g_array_new (FALSE, TRUE, sizeof (guint32));
  index->candidates_room = 64;
  index->candidates = g_new (Candidate, index->candidates_room);
  return index;
}

void
dup_index_free (DupIndex *index)
{
  if (index == NULL)
    return;
  g_array_unref (index->entries);
  g_string_free (index->ids, TRUE);
  g_array_unref (index->id_starts);
  g_array_unref (index->stamp);
  g_free (index->candidates);
  free (index->slots);
  g_free (index);
}

guint
dup_index_add (DupIndex *index, const char *id, gint64 t, const guint8 sig[MINHASH_K])
{
  guint entry = index->entries->len;
  Entry *rec;

  /* grow first: it re-inserts the entries already there */
  grow (index, index->n_used + MINHASH_BANDS);
  g_array_set_size (index->entries, entry + 1);
  rec = ENTRY (index, entry);
  rec->t = t;
  memcpy (rec->sig, sig, MINHASH_K);
  g_array_append_val (index->id_starts, index->ids->len);
  g_string_append_len (index->ids, id, (gssize) strlen (id) + 1);
  g_array_set_size (index->stamp, entry + 1);
  put_entry (index, entry);
  index->n_used += MINHASH_BANDS;
  return entry;
}

void
dup_index_reserve (DupIndex *index, guint n_more)
{
  guint n = index->entries->len;

  grow (index, index->n_used + (gsize) n_more * MINHASH_BANDS);
  /* a GArray keeps its room when it shrinks */
  g_array_set_size (index->entries, n + n_more);
  g_array_set_size (index->entries, n);
  g_array_set_size (index->id_starts, n + n_more);
  g_array_set_size (index->id_starts, n);
}

#define PREFETCHED_CANDIDATES 16

/* The first pass of a lookup: every entry whose slot's fingerprint
 * matches one of @keys, band by band in probe order, into
 * index->candidates; their records and marks fetched ahead. */
static void
gather_candidates (DupIndex *index, const guint64 keys[MINHASH_BANDS])
{
  index->n_candidates = 0;
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      guint32 fp = slot_fingerprint (index, make_slot (index, keys[b], 0));

      for (gsize i = keys[b] & (index->n_slots - 1); index->slots[i] != 0;
           i = (i + 1) & (index->n_slots - 1))
        {
          Candidate c = { slot_entry (index, index->slots[i]), b };
          const char *rec = (const char *) ENTRY (index, c.entry);

          if (slot_fingerprint (index, index->slots[i]) != fp)
            continue;
          /* the first few only: the processor keeps no more misses in
           * flight, and templated text brings a thousand candidates a
           * lookup, most of them met again in other bands */
          if (index->n_candidates < PREFETCHED_CANDIDATES)
            {
              __builtin_prefetch (rec);
              __builtin_prefetch (rec + 64);
              __builtin_prefetch (rec + sizeof (Entry) - 1);
              __builtin_prefetch (&g_array_index (index->stamp, guint32, c.entry), 1);
            }
          if (index->n_candidates == index->candidates_room)
            {
              index->candidates_room *= 2;
              index->candidates = g_renew (Candidate, index->candidates,
                                           index->candidates_room);
            }
          index->candidates[index->n_candidates++] = c;
        }
    }
}

gint
dup_index_find (DupIndex *index, const guint8 sig[MINHASH_K], gint64 min_t,
                double threshold, double *similarity)
{
  guint64 keys[MINHASH_BANDS];
  gint best = -1;
  double best_sim = -1;
  guint32 *stamp = (guint32 *) (gpointer) index->stamp->data;

  if (++index->lookups == 0)
    {
      /* wrapped after 4 billion lookups: forget the old marks */
      memset (stamp, 0, index->stamp->len * sizeof *stamp);
      index->lookups = 1;
    }
  band_keys (index, sig, keys);
  gather_candidates (index, keys);
  for (guint c = 0; c < index->n_candidates; c++)
    {
      const Candidate *cand = &index->candidates[c];
      const Entry *rec = ENTRY (index, cand->entry);
      guint row = cand->band * MINHASH_ROWS;
      double sim;

      if (stamp[cand->entry] == index->lookups
          || memcmp (rec->sig + row, sig + row, MINHASH_ROWS) != 0)
        continue;  /* tried already, or a fingerprint's match only */
      stamp[cand->entry] = index->lookups;
      if (rec->t < min_t)
        continue;
      sim = minhash_similarity (sig, rec->sig);
      /* ties go to the entry met first */
      if (sim >= threshold && sim > best_sim)
        {
          best = (gint) cand->entry;
          best_sim = sim;
        }
    }
  if (best >= 0 && similarity != NULL)
    *similarity = best_sim;
  return best;
}

guint
dup_index_get_n (const DupIndex *index)
{
  return index->entries->len;
}

const char *
dup_index_get_id (const DupIndex *index, guint entry)
{
  return index->ids->str + g_array_index (index->id_starts, gsize, entry);
}

gint64
dup_index_get_time (const DupIndex *index, guint entry)
{
  return ENTRY (index, entry)->t;
}

const guint8 *
dup_index_get_signature (const DupIndex *index, guint entry)
{
  return ENTRY (index, entry)->sig;
}
