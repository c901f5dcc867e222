/* galley-hash.c: XXH64, the SDK's one content hash (the cron state's
 * document hash, and the fingerprint of a rejected input item). */
#include "config.h"

#include <string.h>

#include <galley/galley-hash.h>

/* XXH64, after the reference description (github.com/Cyan4973/xxHash,
 * doc/xxhash_spec.md); checked against its published test values in
 * tests/cron/test-state.c. */
#define P1 G_GUINT64_CONSTANT (0x9E3779B185EBCA87)
#define P2 G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)
#define P3 G_GUINT64_CONSTANT (0x165667B19E3779F9)
#define P4 G_GUINT64_CONSTANT (0x85EBCA77C2B2AE63)
#define P5 G_GUINT64_CONSTANT (0x27D4EB2F165667C5)

static inline guint64
rotl64 (guint64 x, int r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
read64 (const guchar *p)
{
  guint64 v;
  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

static inline guint32
read32 (const guchar *p)
{
  guint32 v;
  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static inline guint64
xxh_round (guint64 acc, guint64 input)
{
  acc += input * P2;
  acc = rotl64 (acc, 31);
  return acc * P1;
}

static inline guint64
xxh_merge (guint64 acc, guint64 v)
{
  acc ^= xxh_round (0, v);
  return acc * P1 + P4;
}

guint64
galley_hash64 (const void *data, gsize len, guint64 seed)
{
  const guchar *p = data;
  const guchar *end = p + len;
  guint64 h;

  if (len >= 32)
    {
      const guchar *limit = end - 32;
      guint64 v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;

      do
        {
          v1 = xxh_round (v1, read64 (p));
          v2 = xxh_round (v2, read64 (p + 8));
          v3 = xxh_round (v3, read64 (p + 16));
          v4 = xxh_round (v4, read64 (p + 24));
          p += 32;
        }
      while (p <= limit);
      h = rotl64 (v1, 1) + rotl64 (v2, 7) + rotl64 (v3, 12) + rotl64 (v4, 18);
      h = xxh_merge (h, v1);
      h = xxh_merge (h, v2);
      h = xxh_merge (h, v3);
      h = xxh_merge (h, v4);
    }
  else
    h = seed + P5;
  h += len;
  for (; p + 8 <= end; p += 8)
    {
      h ^= xxh_round (0, read64 (p));
      h = rotl64 (h, 27) * P1 + P4;
    }
  if (p + 4 <= end)
    {
      h ^= (guint64) read32 (p) * P1;
      h = rotl64 (h, 23) * P2 + P3;
      p += 4;
    }
  for (; p < end; p++)
    {
      h ^= *p * P5;
      h = rotl64 (h, 11) * P1;
    }
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}
