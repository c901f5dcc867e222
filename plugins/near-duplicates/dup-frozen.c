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

/* A counting sort of each band's entries by bucket: each bucket's end
 * counted first (one pass over the signatures for all bands), then the
 * entries put from the last to the first, each in its bucket's last free
 * slot, so that a bucket holds them in entry order and its end has
 * become its start. No copy of the starts: it had taken the peak of a
 * load of a million entries 6 MB higher. The steps are apart so that a
 * load can pass over the index file twice instead of keeping every
 * signature in memory (dup-store.c). */
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

void
dup_frozen_count (DupFrozen *frozen, const guint8 *sig)
{
  for (guint b = 0; b < MINHASH_BANDS; b++)
    frozen->starts[dup_frozen_bucket (frozen, sig, b)]++;
}

void
dup_frozen_sum (DupFrozen *frozen)
{
  for (guint b = 0; b < MINHASH_BANDS && frozen->n_entries > 0; b++)
    {
      guint32 *s = &frozen->starts[b * frozen->band_starts];

      for (gsize i = 1; i < frozen->band_starts; i++)
        s[i] += s[i - 1];
    }
}

/* the last start, past the last bucket, counted nothing: it is n */
void
dup_frozen_put (DupFrozen *frozen, guint e, const guint8 *sig)
{
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      guint32 at = --frozen->starts[dup_frozen_bucket (frozen, sig, b)];

      frozen->slots[(gsize) b * frozen->n_entries + at] = dup_frozen_tag (sig, b) << DUP_FROZEN_TAG_SHIFT | e;
    }
}

void
dup_frozen_build (DupFrozen *frozen, const guint8 *sigs, gsize stride, guint n)
{
  dup_frozen_begin (frozen, n);
  for (guint e = 0; e < n; e++)
    dup_frozen_count (frozen, sigs + e * stride);
  dup_frozen_sum (frozen);
  for (guint e = n; e-- > 0;)
    dup_frozen_put (frozen, e, sigs + e * stride);
}
