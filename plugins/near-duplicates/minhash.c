/* minhash.c: see minhash.h.
 *
 * Cost: one pass over the bytes, one 64-bit hash per word and one mix per
 * shingle; the K buckets cost O(K) per document. Classic MinHash would
 * compute K = 96 hashes per shingle instead of one; one-permutation
 * hashing (Li, Owen and Zhang, 2012) with densification keeps the
 * signature's cost that of reading the text.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "minhash.h"

#define PRIME G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

static inline guint64
mix64 (guint64 x)
{
  /* splitmix64's finaliser: every input bit reaches every output bit */
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

/* Each byte as a word byte: ASCII letters folded to lower case, digits
 * and the bytes of multi-byte characters as they are; 0 for the others
 * (between words). A table: the comparisons it replaces were a fifth of
 * the stage's instructions. */
#define SAME16(b) (b), (b) + 1, (b) + 2, (b) + 3, (b) + 4, (b) + 5, (b) + 6, (b) + 7, \
  (b) + 8, (b) + 9, (b) + 10, (b) + 11, (b) + 12, (b) + 13, (b) + 14, (b) + 15
static const guchar fold_table[256] = {
  ['0'] = '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
  ['A'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
  'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
  ['a'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
  'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
  [0x80] = SAME16 (0x80), SAME16 (0x90), SAME16 (0xa0), SAME16 (0xb0),
  SAME16 (0xc0), SAME16 (0xd0), SAME16 (0xe0), SAME16 (0xf0),
};
#undef SAME16

static inline guchar
fold_byte (guchar c)
{
  return fold_table[c];
}

gboolean
minhash_signature (const char *text, gsize len, guint shingle, guint8 sig[MINHASH_K])
{
  guint32 mins[MINHASH_K];
  guint64 ring[MINHASH_MAX_SHINGLE];
  const guchar *p = (const guchar *) text, *end = p + len;
  guint n_words = 0, pos = 0;  /* ring[pos] is the oldest word */
  guint64 roll = 0, top = 1;    /* top: PRIME^(shingle - 1) */

  g_return_val_if_fail (shingle >= 1 && shingle <= MINHASH_MAX_SHINGLE, FALSE);
  for (guint k = 1; k < shingle; k++)
    top *= PRIME;
  memset (mins, 0xff, sizeof mins);
  for (;;)
    {
      guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);  /* FNV-1a */
      guint64 s;
      guchar c = 0;

      while (p < end && (c = fold_byte (*p)) == 0)
        p++;
      if (p == end)
        break;
      for (; p < end && (c = fold_byte (*p)) != 0; p++)
        h = (h ^ c) * G_GUINT64_CONSTANT (0x100000001b3);
      /* the shingle's hash, sum of its words' times powers of PRIME
       * (oldest word highest), rolled: the oldest word leaves, the
       * others move up a power, the new one comes in; modulo 2^64 the
       * same number as summing the window again */
      if (n_words >= shingle)
        roll -= ring[pos] * top;
      roll = roll * PRIME + h;
      ring[pos] = h;
      if (++pos == shingle)
        pos = 0;
      if (++n_words < shingle)
        continue;
      s = mix64 (roll);
      {
        guint b = (guint) (((s >> 32) * MINHASH_K) >> 32);
        guint32 v = (guint32) s;
        if (v < mins[b])
          mins[b] = v;
      }
    }
  if (n_words < shingle)
    return FALSE;
  /* densify: an empty bucket takes the next full one's minimum, mixed
   * with the distance so that two texts fill it alike only when they
   * agree on that bucket */
  for (guint b = 0; b < MINHASH_K; b++)
    {
      guint d = 0, j = b;
      while (mins[j] == G_MAXUINT32)
        {
          d++;
          j = j + 1 == MINHASH_K ? 0 : j + 1;
        }
      sig[b] = (guint8) mix64 ((guint64) mins[j] + d * G_GUINT64_CONSTANT (0x100000000));
    }
  return TRUE;
}

/* The number of bytes on which @a and @b agree. On templated text (the
 * bench corpus) a lookup meets a thousand candidates and this count was
 * a fifth of the stage's instructions, 144 a call byte by byte (GCC
 * does not vectorise the loop at -O2): with SSE2, which every x86-64
 * has, sixteen bytes a step, about 30 instructions. Counting eight
 * bytes a step by hand (zero bytes of a ^ b) had taken more. */
static inline guint
equal_bytes (const guint8 *a, const guint8 *b)
{
#ifdef __SSE2__
  __m128i counts = _mm_setzero_si128 ();

  G_STATIC_ASSERT (MINHASH_K % 16 == 0 && MINHASH_K / 16 < 256);
  for (guint k = 0; k < MINHASH_K; k += 16)
    {
      __m128i eq = _mm_cmpeq_epi8 (_mm_loadu_si128 ((const __m128i *) (gconstpointer) (a + k)),
                                   _mm_loadu_si128 ((const __m128i *) (gconstpointer) (b + k)));
      counts = _mm_sub_epi8 (counts, eq);  /* eq is -1 where equal */
    }
  counts = _mm_sad_epu8 (counts, _mm_setzero_si128 ());  /* two sums of 8 */
  return (guint) (_mm_cvtsi128_si32 (counts) + _mm_extract_epi16 (counts, 4));
#else
  guint same = 0;

  for (guint k = 0; k < MINHASH_K; k++)
    same += a[k] == b[k];
  return same;
#endif
}

double
minhash_similarity (const guint8 *a, const guint8 *b)
{
  return minhash_similarity_of_count (equal_bytes (a, b));
}

double
minhash_similarity_of_count (guint same)
{
  double p, j;

  p = (double) same / MINHASH_K;
  /* b-bit correction: unrelated bytes agree 1 time in 256 */
  j = (p - 1.0 / 256) / (1.0 - 1.0 / 256);
  return CLAMP (j, 0.0, 1.0);
}

guint64
minhash_band_key (const guint8 *sig, guint band)
{
  guint64 key = band;

  for (guint r = 0; r < MINHASH_ROWS; r++)
    key = (key << 8) | sig[band * MINHASH_ROWS + r];
  return mix64 (key);
}

char *
minhash_settings (guint shingle)
{
  return g_strdup_printf ("oph%dx8 shingle=%u", MINHASH_K, shingle);
}
