/* galley-pool.c: spare blocks of a few fixed sizes, shared by every
 * thread.
 *
 * Why: a document's larger blocks (its arena's chunks of 4, 8 and 16
 * KiB, the token layer's span array of 2 to 32 KiB) are allocated and
 * freed once a document, and a request of that size is one of malloc's
 * "large" ones: past its per-thread cache (1,032 bytes at most), through
 * _int_malloc and, with fast bins in use, malloc_consolidate, then back
 * through _int_free. A block freed here waits in its row for the next
 * request of its size instead. Callgrind, default pipeline, 200,000
 * documents of 10 bytes (tests/bench/gen-huge.sh tiny), one job: malloc
 * and free of an arena chunk cost about 600 instructions and 10
 * mispredicted branches a document, the pool about 60 and 1; the token
 * layer's array, 10,569 real news articles: see galley-layer.c's grow().
 *
 * One pool for the process, not one per thread: with several jobs a
 * document is made by the reader, its blocks are taken by the workers'
 * stages and it is freed by the thread that runs the sinks, so a
 * per-thread pool would fill in one thread and stay empty in the others.
 * Each row has POOL_SLOTS slots, each holding one block or NULL, taken
 * and filled by atomic exchange: no lock, so no thread waits for one
 * that the scheduler put aside while it held it (on a busy two-core
 * machine a GMutex put the sink to sleep). A full row
 * hands the block back to malloc, so the pool keeps at most POOL_SLOTS
 * blocks a size (5.6 MiB in all), not the memory of an unbounded burst.
 */
#include "config.h"

#include "galley-private.h"

/* 64, not 16: with two jobs the thread that runs the sinks frees a
 * batch of 32 documents at once, and a row of 16 overflowed to malloc
 * for half of each burst, so the workers took the next blocks from
 * malloc and the sink freed them across threads, onto the workers' malloc
 * arenas (a counting shim, default pipeline, 10,569 news articles, -j 2,
 * quiet runs: 6,786-7,484 arena chunks and 1,851-2,355 span arrays went
 * that way, against 393-2,280 and none with 64 slots; with one job none.
 * 32 slots, with another process on the second core: 4,596-6,253 and
 * 1,153-2,202, against 3,393-3,746 and 657-663 with 64). */
#define POOL_SLOTS 64

static gpointer pool[GALLEY_POOL_ROWS][POOL_SLOTS];

/* A slot is read before it is exchanged, so that empty slots cost no
 * atomic write. */
gpointer
_galley_pool_take (GalleyPoolRow row)
{
  gpointer block;

  for (guint i = 0; i < POOL_SLOTS; i++)
    if (g_atomic_pointer_get (&pool[row][i]) != NULL
        && (block = g_atomic_pointer_exchange (&pool[row][i], NULL)) != NULL)
      return block;
  return NULL;
}

void
_galley_pool_give (GalleyPoolRow row, gpointer block)
{
  for (guint i = 0; i < POOL_SLOTS; i++)
    if (g_atomic_pointer_get (&pool[row][i]) == NULL
        && g_atomic_pointer_compare_and_exchange (&pool[row][i], NULL, block))
      return;
  g_free (block);
}

/* The pool's blocks are freed at exit, so that leak checkers (valgrind,
 * LeakSanitizer) find none left behind. */
static void __attribute__ ((destructor))
pool_release (void)
{
  for (int row = 0; row < GALLEY_POOL_ROWS; row++)
    for (guint i = 0; i < POOL_SLOTS; i++)
      g_free (g_atomic_pointer_exchange (&pool[row][i], NULL));
}
