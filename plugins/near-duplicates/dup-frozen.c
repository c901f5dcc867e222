/* dup-frozen.c: see dup-frozen.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dup-frozen.h"
#include "dup-index.h"

/* Entries a bucket holds on average, at most (dup-frozen.h): 32 bytes,
 * one line of memory a probe, two one probe in two. */
#define BUCKET_ENTRIES 8

/* Room after the last slot: a lookup reads 16 slots from a bucket's
 * first on (dup-index.c, bucket_matches). */
#define SLOTS_AFTER 16

void
dup_frozen_clear (DupFrozen *frozen)
{
  free (frozen->starts);
  free (frozen->slots);
  memset (frozen, 0, sizeof *frozen);
}

/* A counting sort of each band's entries by bucket, in the table's own
 * memory: dup_frozen_add() writes each band's value where the entry's
 * slot will be (slot e of the band) and counts its bucket, then
 * dup_frozen_finish(), band by band, turns the counts into starts and
 * puts the entries from the last to the first, each in its bucket's last
 * free slot of a buffer of one band (4 MB with a million entries), so
 * that a bucket holds them in entry order and its end has become its
 * start, and copies the buffer over the band. Why so: a load then
 * reads the index file once and keeps no signature (dup-store.c); with
 * a second pass over the file instead, the load of a million entries
 * took 1.7-1.75 s of CPU, and the counting sort straight from the
 * signatures (24 random writes an entry into the whole table) had cost
 * 1,029 M instructions of such a load. */
void
dup_frozen_begin (DupFrozen *frozen, guint n)
{
  gsize n_starts;

  g_return_if_fail (n <= DUP_FROZEN_MAX_ENTRIES);
  dup_frozen_clear (frozen);
  if (n == 0)
    return;
  frozen->n_entries = n;
  /* 24 bits of band value: the tag takes the last 7 */
  frozen->bucket_bits = MIN (g_bit_storage (n / BUCKET_ENTRIES), 24 - DUP_FROZEN_TAG_BITS);
  frozen->band_starts = ((gsize) 1 << frozen->bucket_bits) + 1;
  n_starts = frozen->band_starts * MINHASH_BANDS;
  frozen->starts = dup_big_alloc (n_starts * sizeof (guint32), TRUE);
  frozen->slots = dup_big_alloc (((gsize) n * MINHASH_BANDS + SLOTS_AFTER) * sizeof (guint32), FALSE);
  memset (&frozen->slots[(gsize) n * MINHASH_BANDS], 0, SLOTS_AFTER * sizeof (guint32));
}

/* A band's three bytes. */
static inline guint32
band_value (const guint8 *sig, guint band)
{
  const guint8 *v = sig + band * MINHASH_ROWS;

  return (guint32) v[0] << 16 | (guint32) v[1] << 8 | v[2];
}

void
dup_frozen_add (DupFrozen *frozen, guint e, const guint8 *sig)
{
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      frozen->starts[dup_frozen_bucket (frozen, sig, b)]++;
      frozen->slots[(gsize) b * frozen->n_entries + e] = band_value (sig, b);
    }
}

void
dup_frozen_finish (DupFrozen *frozen)
{
  guint n = frozen->n_entries;
  guint shift = 24 - frozen->bucket_bits;
  guint32 *sorted;

  if (n == 0)
    return;
  sorted = g_new (guint32, n);
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      guint32 *s = &frozen->starts[b * frozen->band_starts];
      guint32 *band = &frozen->slots[(gsize) b * n];

      for (gsize i = 1; i < frozen->band_starts; i++)
        s[i] += s[i - 1];
      /* the last start, past the last bucket, counted nothing: it is n */
      for (guint e = n; e-- > 0;)
        {
          guint32 at = --s[band[e] >> shift];

          sorted[at] = (band[e] & ((1u << DUP_FROZEN_TAG_BITS) - 1)) << DUP_FROZEN_TAG_SHIFT | e;
        }
      memcpy (band, sorted, n * sizeof (guint32));
    }
  g_free (sorted);
}

void
dup_frozen_build (DupFrozen *frozen, const guint8 *sigs, gsize stride, guint n)
{
  dup_frozen_begin (frozen, n);
  for (guint e = 0; e < n; e++)
    dup_frozen_add (frozen, e, sigs + e * stride);
  dup_frozen_finish (frozen);
}
