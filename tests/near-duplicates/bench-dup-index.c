/* bench-dup-index.c: lookups in a small and in a large index.
 *
 *   bench-dup-index [MAX_ENTRIES]
 *   bench-dup-index --fill PATH ENTRIES
 *   bench-dup-index --file PATH
 *   bench-dup-index --floor MB
 *
 * Fills the index with random signatures (unrelated documents: they share
 * a band only by chance) up to 1,000, 10,000, ... MAX_ENTRIES (default
 * 1,000,000), frozen as an index file's entries are when it is loaded
 * (dup_index_freeze), and at each size times 100,000 lookups of other random
 * signatures and of stored ones with a third of their bands changed (a
 * copy), then 10,000 new documents as the stage meets them (the
 * signature of a made-up 1 KB text, a lookup that finds nothing, the
 * document added: a lookup alone leaves out the insert, which touches
 * its slots of the table too, one a band; they stay, so that the step
 * of 10,000 looks up in 11,000 entries), printing microseconds a lookup and a
 * new document and the process's peak RSS. The signatures looked up and
 * the texts are made before the clock starts, so that only the index's
 * work is timed, and the clock is the thread's CPU time: on a
 * machine shared with other work, the wall clock also counted the time
 * the bench waited for a processor (twice the CPU time at a load of 6 on
 * two cores).
 *
 * --fill writes an index file (index=PATH of the stage, shingle=3) of
 * ENTRIES random signatures indexed now, to time the stage with a full
 * index: galley run -e '... ! near-duplicates index=PATH ! ...'.
 *
 * --file loads the index file PATH as the stage does (its entries kept
 * as rows, their signatures read back for the candidates that may be
 * copies: dup-store.c) and times the same lookups and new documents
 * there, printing also the CPU time of the load and how many rows a
 * lookup read back, and how many of those shared a band.
 *
 * --floor times what the memory alone costs a lookup in a table of MB
 * megabytes (filled first): 24 and 48 random 4-byte reads, each round's
 * reads prefetched together and then read; and 24 pairs of reads where
 * the second of a pair is known only once the first has come (the
 * packed table's start, then its slots), the firsts prefetched together,
 * then the seconds; in memory marked for huge pages (dup_big_alloc) and
 * in 4 KB pages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>

#include <glib.h>

#include "dup-index.h"
#include "dup-store.h"

#define LOOKUPS 100000
#define INSERTS 10000

static void
random_signature (GRand *rng, guint8 *sig)
{
  for (guint k = 0; k < MINHASH_K; k++)
    sig[k] = (guint8) g_rand_int (rng);
}

static void
fill (DupIndex *index, GRand *rng, guint n, gint64 t)
{
  guint8 sig[MINHASH_K];
  char id[32];

  while (dup_index_get_n (index) < n)
    {
      random_signature (rng, sig);
      g_snprintf (id, sizeof id, "doc-%u", dup_index_get_n (index));
      dup_index_append (index, id, t, sig);
    }
}

static int
fill_file (const char *path, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *settings = minhash_settings (3);
  GRand *rng = g_rand_new_with_seed (7);
  DupIndex *index = dup_index_new ();
  DupStore *store = dup_store_open (path, settings, &error);
  int status = 0;

  fill (index, rng, n, g_get_real_time () / G_USEC_PER_SEC);
  if (store == NULL || !dup_store_commit (store, index, 0, 0, &error))
    {
      fprintf (stderr, "bench-dup-index: %s\n", error->message);
      status = 1;
    }
  dup_store_free (store);
  dup_index_free (index);
  g_rand_free (rng);
  return status;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Microseconds of CPU a lookup of each of the LOOKUPS signatures in
 * @queries. */
static double
time_lookups (DupIndex *index, const guint8 *queries, guint *found)
{
  double t0 = cpu_seconds ();

  for (guint i = 0; i < LOOKUPS; i++)
    *found += dup_index_find (index, queries + (gsize) i * MINHASH_K, 0, 0.5, NULL) >= 0;
  return (cpu_seconds () - t0) * 1e6 / LOOKUPS;
}

/* Copies of LOOKUPS random entries of @index into @queries: a third of
 * their bands changed, similarity about 2/3. */
static void
make_copies (DupIndex *index, GRand *rng, guint8 *queries)
{
  guint n = dup_index_get_n (index);

  for (guint i = 0; i < LOOKUPS; i++)
    {
      guint8 *sig = queries + (gsize) i * MINHASH_K;

      memcpy (sig, dup_index_get_signature (index, g_rand_int_range (rng, 0, n)), MINHASH_K);
      for (guint k = 0; k < MINHASH_K; k++)
        if ((k / MINHASH_ROWS) % 3 == 0)
          sig[k] ^= 0x5a;
    }
}

/* INSERTS texts of about 1 KB (170 words drawn from 5,000 made-up
 * words), each followed by a NUL, to hash as the stage does. */
static char *
make_texts (GRand *rng)
{
  GString *out = g_string_new (NULL);
  char words[5000][12];

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      guint len = (guint) g_rand_int_range (rng, 2, 11);

      for (guint i = 0; i < len; i++)
        words[w][i] = (char) g_rand_int_range (rng, 'a', 'z' + 1);
      words[w][len] = '\0';
    }
  for (guint d = 0; d < INSERTS; d++)
    {
      for (guint i = 0; i < 170; i++)
        g_string_append_printf (out, "%s ", words[g_rand_int_range (rng, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (out, '\0');
    }
  return g_string_free (out, FALSE);
}

/* Microseconds of CPU a new document costs as the stage sees it: its
 * signature, a lookup that finds nothing, the document added; for each
 * of the INSERTS texts in @texts (room made for them first, so that the
 * table does not grow on the way). */
static double
time_new_documents (DupIndex *index, const char *texts)
{
  double t0;
  guint8 sig[MINHASH_K];

  dup_index_reserve (index, INSERTS);
  t0 = cpu_seconds ();
  for (guint i = 0; i < INSERTS; i++)
    {
      gsize len = strlen (texts);

      if (minhash_signature (texts, len, 3, sig)
          && dup_index_find (index, sig, 0, 0.5, NULL) < 0)
        dup_index_add (index, "new", 0, sig);
      texts += len + 1;
    }
  return (cpu_seconds () - t0) * 1e6 / INSERTS;
}

static double
read_back (const DupIndex *index, DupIndexStats *before, guint n)
{
  DupIndexStats now;
  double per = 0;

  dup_index_get_stats (index, &now);
  per = (double) (now.rows_read - before->rows_read) / n;
  *before = now;
  return per;
}

static int
bench_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *settings = minhash_settings (3);
  /* not --fill's seed: its signatures are the file's */
  GRand *rng = g_rand_new_with_seed (8);
  DupIndex *index = dup_index_new ();
  DupStore *store = dup_store_open (path, settings, &error);
  guint8 *queries = g_malloc ((gsize) LOOKUPS * MINHASH_K);
  double t0, load, unrelated, copies, inserts, read_unrelated, read_copies, read_new;
  DupIndexStats stats = { 0, 0 };
  guint found = 0;
  char *texts;
  struct rusage ru;

  t0 = cpu_seconds ();
  if (store == NULL || !dup_store_load (store, index, 0, &error))
    {
      fprintf (stderr, "bench-dup-index: %s\n", error->message);
      return 1;
    }
  load = cpu_seconds () - t0;
  for (guint i = 0; i < LOOKUPS; i++)
    random_signature (rng, queries + (gsize) i * MINHASH_K);
  unrelated = time_lookups (index, queries, &found);
  read_unrelated = read_back (index, &stats, LOOKUPS);
  make_copies (index, rng, queries);
  read_back (index, &stats, 1);
  copies = time_lookups (index, queries, &found);
  read_copies = read_back (index, &stats, LOOKUPS);
  texts = make_texts (rng);
  inserts = time_new_documents (index, texts);
  read_new = read_back (index, &stats, INSERTS);
  g_free (texts);
  getrusage (RUSAGE_SELF, &ru);
  printf ("%8u entries: load %.2f s of CPU; %.2f us a lookup (unrelated, %.6f rows read "
          "back), %.2f us (copies, %u found, %.3f rows read back), %.2f us a new 1 KB "
          "document (%.6f rows read back), peak RSS %ld MB\n",
          dup_index_get_n (index) - INSERTS, load, unrelated, read_unrelated, copies, found,
          read_copies, inserts, read_new, ru.ru_maxrss / 1024);
  g_free (queries);
  dup_index_free (index);
  dup_store_free (store);
  g_rand_free (rng);
  return 0;
}

#define FLOOR_ROUNDS 200000

/* Nanoseconds of CPU a round of @reads random reads of the @n words at
 * @table: the round's places computed and prefetched, then read; with
 * @pairs, each read's value also chooses a second place, prefetched,
 * then read, as the packed table's starts choose its slots. */
static double
time_reads (const guint32 *table, gsize n, guint reads, gboolean pairs, GRand *rng)
{
  guint32 *places = g_new (guint32, (gsize) FLOOR_ROUNDS * reads);
  gsize at[64], second[64];
  guint64 sum = 0;
  double t0;

  for (gsize i = 0; i < (gsize) FLOOR_ROUNDS * reads; i++)
    places[i] = (guint32) g_rand_int_range (rng, 0, (gint32) MIN (n, G_MAXINT32));
  t0 = cpu_seconds ();
  for (guint r = 0; r < FLOOR_ROUNDS; r++)
    {
      const guint32 *p = &places[(gsize) r * reads];

      for (guint i = 0; i < reads; i++)
        {
          at[i] = p[i];
          __builtin_prefetch (&table[at[i]]);
        }
      if (pairs)
        {
          for (guint i = 0; i < reads; i++)
            {
              second[i] = (table[at[i]] * 2654435761u) % n;
              __builtin_prefetch (&table[second[i]]);
            }
          for (guint i = 0; i < reads; i++)
            sum += table[second[i]];
        }
      else
        for (guint i = 0; i < reads; i++)
          sum += table[at[i]];
    }
  t0 = cpu_seconds () - t0;
  g_free (places);
  if (sum == 42)
    printf (" ");  /* keeps the reads */
  return t0 * 1e9 / FLOOR_ROUNDS;
}

static int
bench_floor (gsize mb)
{
  gsize n = mb * 1024 * 1024 / sizeof (guint32);
  GRand *rng = g_rand_new_with_seed (9);

  for (guint huge = 2; huge-- > 0;)
    {
      guint32 *table;

      if (huge)
        table = dup_big_alloc (n * sizeof (guint32), FALSE);
      else
        {
          table = mmap (NULL, n * sizeof (guint32), PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
          g_assert (table != MAP_FAILED);
#ifdef MADV_NOHUGEPAGE
          madvise (table, n * sizeof (guint32), MADV_NOHUGEPAGE);
#endif
        }
      for (gsize i = 0; i < n; i++)
        table[i] = (guint32) i * 2246822519u;
      printf ("%" G_GSIZE_FORMAT " MB, %s: 24 reads %.0f ns, 48 reads %.0f ns, 24 pairs %.0f ns a round\n",
              mb, huge ? "huge pages asked for" : "4 KB pages",
              time_reads (table, n, 24, FALSE, rng), time_reads (table, n, 48, FALSE, rng),
              time_reads (table, n, 24, TRUE, rng));
      if (huge)
        free (table);
      else
        munmap (table, n * sizeof (guint32));
    }
  g_rand_free (rng);
  return 0;
}

int
main (int argc, char **argv)
{
  guint max;
  GRand *rng;
  DupIndex *index;
  guint8 *queries;
  struct rusage ru;

  if (argc == 4 && strcmp (argv[1], "--fill") == 0)
    return fill_file (argv[2], (guint) atoi (argv[3]));
  if (argc == 3 && strcmp (argv[1], "--file") == 0)
    return bench_file (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--floor") == 0)
    return bench_floor ((gsize) atoi (argv[2]));
  max = argc > 1 ? (guint) atoi (argv[1]) : 1000000;
  rng = g_rand_new_with_seed (7);
  index = dup_index_new ();
  queries = g_malloc ((gsize) LOOKUPS * MINHASH_K);
  for (guint size = 1000; size <= max; size *= 10)
    {
      double unrelated, copies, inserts;
      guint n;
      char *texts;
      guint found = 0;

      fill (index, rng, size, 0);
      dup_index_freeze (index);
      n = dup_index_get_n (index);
      for (guint i = 0; i < LOOKUPS; i++)
        random_signature (rng, queries + (gsize) i * MINHASH_K);
      unrelated = time_lookups (index, queries, &found);
      make_copies (index, rng, queries);
      copies = time_lookups (index, queries, &found);
      texts = make_texts (rng);
      inserts = time_new_documents (index, texts);
      g_free (texts);
      getrusage (RUSAGE_SELF, &ru);
      printf ("%8u entries: %.2f us of CPU a lookup (unrelated), %.2f us (copies, %u found), "
              "%.2f us a new 1 KB document (signature, lookup, add), peak RSS %ld MB\n",
              n, unrelated, copies, found, inserts, ru.ru_maxrss / 1024);
    }
  g_free (queries);
  dup_index_free (index);
  g_rand_free (rng);
  return 0;
}
