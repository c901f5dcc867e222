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

#include "minhash.h"

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

/* The byte as a word byte, ASCII folded to lower case; 0 for a byte
 * between words. Inline: g_ascii_tolower() through the PLT took a tenth
 * of the stage's time. */
static inline guchar
fold_byte (guchar c)
{
  if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
    return c;
  if (c >= 'A' && c <= 'Z')
    return c | 0x20;
  return 0;
}

gboolean
minhash_signature (const char *text, gsize len, guint shingle, guint8 sig[MINHASH_K])
{
  guint32 mins[MINHASH_K];
  guint64 ring[MINHASH_MAX_SHINGLE];
  const guchar *p = (const guchar *) text, *end = p + len;
  guint n_words = 0, pos = 0;  /* ring[pos] is the oldest word */

  g_return_val_if_fail (shingle >= 1 && shingle <= MINHASH_MAX_SHINGLE, FALSE);
  memset (mins, 0xff, sizeof mins);
  for (;;)
    {
      guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);  /* FNV-1a */
      guint64 s = 0;
      guchar c = 0;

      while (p < end && (c = fold_byte (*p)) == 0)
        p++;
      if (p == end)
        break;
      for (; p < end && (c = fold_byte (*p)) != 0; p++)
        h = (h ^ c) * G_GUINT64_CONSTANT (0x100000001b3);
      ring[pos] = h;
      if (++pos == shingle)
        pos = 0;
      if (++n_words < shingle)
        continue;
      /* the shingle's hash: its words, oldest first */
      for (guint k = 0, j = pos; k < shingle; k++, j = j + 1 == shingle ? 0 : j + 1)
        s = s * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + ring[j];
      s = mix64 (s);
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

double
minhash_similarity (const guint8 *a, const guint8 *b)
{
  guint same = 0;
  double p, j;

  for (guint k = 0; k < MINHASH_K; k++)
    same += a[k] == b[k];
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
