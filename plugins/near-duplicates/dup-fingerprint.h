/* dup-fingerprint.h: what a loaded entry keeps of its signature in
 * memory, the low two bits of each of its 96 bytes (24 bytes), and the
 * bound it gives on a similarity.
 *
 * Why these bits: two bytes that are equal have equal low bits, so the
 * number of values on which two fingerprints agree is at least the
 * number of bytes on which the signatures agree, and the similarity of
 * that count (minhash_similarity_of_count, which grows with it) bounds
 * the signatures' similarity from above. A candidate whose bound is
 * under the threshold (or under the best similarity found so far) cannot
 * be the answer, so skipping it leaves the marks exactly as they were;
 * only the others have their signature read back from the index file
 * (dup-store.c). A sample of the signature (8 of its bytes) or a hash of
 * a part of it cannot do that: a copy at similarity 0.5 differs from its
 * first on half of any sample, so it would either pass nearly always
 * (a bound from 8 of 96 bytes rejects nothing) or be wrongly rejected.
 * How many bits: an unrelated document met by a shared band (3 equal
 * bytes) agrees on each other value by chance 1 time in 4 with two bits,
 * 1 in 2 with one; at threshold 0.5 it needs 49 agreements of 96: with
 * one bit (12 bytes) more than half of them would pass and be read
 * back, with two about one in a million (46 or more of 93 values, each
 * 1 in 4; measured: see docs/plugins/near-duplicates.md).
 */
#pragma once

#include <glib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "minhash.h"

G_BEGIN_DECLS

/* bit k of lo[k / 32] and hi[k / 32]: bits 0 and 1 of byte k */
typedef struct {
  guint32 lo[MINHASH_K / 32];
  guint32 hi[MINHASH_K / 32];
} DupFingerprint;

G_STATIC_ASSERT (MINHASH_K % 32 == 0);

/* Two movemasks a 16 bytes (each byte's bit 0, then bit 1, shifted to
 * its top) rather than 192 shifts and ors an entry: the fingerprints of
 * a load of 100,000 rows took 9 M instructions (callgrind), and each
 * lookup of a loaded index makes one. */
static inline void
dup_fingerprint_make (const guint8 *sig, DupFingerprint *fp)
{
  for (guint w = 0; w < MINHASH_K / 32; w++)
    {
#ifdef __SSE2__
      __m128i a = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (sig + w * 32));
      __m128i b = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (sig + w * 32 + 16));

      fp->lo[w] = (guint32) _mm_movemask_epi8 (_mm_slli_epi64 (a, 7))
                  | (guint32) _mm_movemask_epi8 (_mm_slli_epi64 (b, 7)) << 16;
      fp->hi[w] = (guint32) _mm_movemask_epi8 (_mm_slli_epi64 (a, 6))
                  | (guint32) _mm_movemask_epi8 (_mm_slli_epi64 (b, 6)) << 16;
#else
      guint32 lo = 0, hi = 0;

      for (guint k = 0; k < 32; k++)
        {
          lo |= (guint32) (sig[w * 32 + k] & 1) << k;
          hi |= (guint32) (sig[w * 32 + k] >> 1 & 1) << k;
        }
      fp->lo[w] = lo;
      fp->hi[w] = hi;
#endif
    }
}

/* The values on which @a and @b agree (both bits): at least the bytes on
 * which their signatures agree. */
static inline guint
dup_fingerprint_agreements (const DupFingerprint *a, const DupFingerprint *b)
{
  guint differ = 0;

  for (guint w = 0; w < MINHASH_K / 32; w++)
    differ += (guint) __builtin_popcount ((a->lo[w] ^ b->lo[w]) | (a->hi[w] ^ b->hi[w]));
  return MINHASH_K - differ;
}

static inline gboolean
dup_fingerprint_equal (const DupFingerprint *a, const DupFingerprint *b)
{
  return dup_fingerprint_agreements (a, b) == MINHASH_K;
}

G_END_DECLS
