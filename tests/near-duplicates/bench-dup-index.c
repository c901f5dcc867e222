/* bench-dup-index.c: lookups in a small and in a large index.
 *
 *   bench-dup-index [MAX_ENTRIES]
 *
 * Fills the index with random signatures (unrelated documents: they share
 * a band only by chance) up to 1,000, 10,000, ... MAX_ENTRIES (default
 * 1,000,000), and at each size times 100,000 lookups of other random
 * signatures and of stored ones with a third of their bands changed (a
 * copy), printing microseconds a lookup and the process's peak RSS.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib.h>

#include "dup-index.h"

#define LOOKUPS 100000

static void
random_signature (GRand *rng, guint8 *sig)
{
  for (guint k = 0; k < MINHASH_K; k++)
    sig[k] = (guint8) g_rand_int (rng);
}

int
main (int argc, char **argv)
{
  guint max = argc > 1 ? (guint) atoi (argv[1]) : 1000000;
  GRand *rng = g_rand_new_with_seed (7);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K];
  char id[32];
  struct rusage ru;

  for (guint size = 1000; size <= max; size *= 10)
    {
      gint64 t0;
      double unrelated, copies;
      guint found = 0;

      while (dup_index_get_n (index) < size)
        {
          random_signature (rng, sig);
          g_snprintf (id, sizeof id, "doc-%u", dup_index_get_n (index));
          dup_index_add (index, id, 0, sig);
        }
      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < LOOKUPS; i++)
        {
          random_signature (rng, sig);
          found += dup_index_find (index, sig, 0, 0.5, NULL) >= 0;
        }
      unrelated = (double) (g_get_monotonic_time () - t0) / LOOKUPS;
      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < LOOKUPS; i++)
        {
          memcpy (sig, dup_index_get_signature (index, g_rand_int_range (rng, 0, size)), MINHASH_K);
          /* a third of the bands changed: similarity about 2/3 */
          for (guint k = 0; k < MINHASH_K; k++)
            if ((k / MINHASH_ROWS) % 3 == 0)
              sig[k] ^= 0x5a;
          found += dup_index_find (index, sig, 0, 0.5, NULL) >= 0;
        }
      copies = (double) (g_get_monotonic_time () - t0) / LOOKUPS;
      getrusage (RUSAGE_SELF, &ru);
      printf ("%8u entries: %.2f us a lookup (unrelated), %.2f us (copies, %u found), "
              "peak RSS %ld MB\n", size, unrelated, copies, found, ru.ru_maxrss / 1024);
    }
  dup_index_free (index);
  g_rand_free (rng);
  return 0;
}
