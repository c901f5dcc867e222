/* galley-arena.c: a document's small blocks, freed together.
 *
 * A document's keys, its layer headers and the first blocks of its spans
 * and feature columns are many small blocks with one lifetime: the
 * document's. Taken from malloc one by one they cost a malloc and a free
 * each, and a document of the default pipeline freed about 75 of them in
 * a burst longer than malloc's per-thread cache holds (7 blocks a size),
 * so most of those frees took malloc's slow path. The arena hands them
 * out from a few chunks, the first inside the document's own block, and
 * frees the chunks with the document.
 *
 * A block is never freed alone: a replaced layer, or a column that
 * outgrows its first block, leaves its bytes in the arena until the
 * document goes. Blocks that can be outgrown or replaced (spans, column
 * values) come from here only up to GALLEY_ARENA_MAX_BLOCK bytes, which
 * bounds that waste; strings (keys, ids) of any length do, a long one in
 * a chunk of its own.
 */
#include "config.h"

#include <string.h>

#include "galley-private.h"

#define ALIGN 16          /* GalleySpan, GalleyValue and pointers */
#define ALIGN_UP(n) (((n) + (ALIGN - 1)) & ~(gsize) (ALIGN - 1))
/* Chunks after the first: 4 KiB, doubling to 16 KiB. Callgrind, default
 * pipeline, 100,000 documents of 10 bytes / 10,569 news articles:
 * 2 KiB first 2,812 M / 3,016 M instructions, 4 KiB 2,801 M / 3,012 M,
 * 8 KiB 2,829 M / 3,010 M. */
#define CHUNK_MIN 4096
#define CHUNK_MAX 16384

struct _GalleyArenaChunk {
  GalleyArenaChunk *next;
  gsize size;  /* of the bytes that follow, aligned */
};

#define CHUNK_HEADER ALIGN_UP (sizeof (GalleyArenaChunk))

/* Spare chunks: a chunk of one of the three sizes the arena grows by
 * (4, 8 and 16 KiB) goes to a pool when its document is freed, and the
 * next document's arena takes it from there instead of from malloc.
 * Nearly every document of the default pipeline outgrows the 512 bytes
 * inside its own block, and a 4 KiB request is one of malloc's "large"
 * ones: past its per-thread cache (1,032 bytes at most), through
 * _int_malloc and, with fast bins in use, malloc_consolidate, then back
 * through _int_free. Callgrind, default pipeline, 200,000 documents of
 * 10 bytes (tests/bench/gen-huge.sh tiny), one job: that malloc and free
 * cost about 600 instructions and 10 mispredicted branches a document,
 * the pool about 60 and 1 (figures in the commit).
 *
 * One pool for the process, not one per thread: with several jobs a
 * document is made by the reader, its chunks are taken by the workers'
 * stages and it is freed by the thread that runs the sinks, so a
 * per-thread pool would fill in one thread and stay empty in the others.
 * Each size has POOL_SLOTS slots, each holding one chunk or NULL, taken
 * and filled by atomic exchange: no lock, so no thread waits for one
 * that the scheduler put aside while it held it (seven engineers' jobs
 * share two cores here; a GMutex put the sink to sleep). A full pool
 * hands the chunk back to malloc, so it keeps at most 16 chunks a size
 * (448 KiB in all), not the memory of a burst. */
#define POOL_SIZES 3
#define POOL_SLOTS 16

static gpointer pool[POOL_SIZES][POOL_SLOTS];

/* pool_index: the pool's row for chunks of @size bytes, or -1. */
static inline int
pool_index (gsize size)
{
  switch (size)
    {
    case CHUNK_MIN:
      return 0;
    case CHUNK_MIN * 2:
      return 1;
    case CHUNK_MIN * 4:
      return 2;
    default:
      return -1;
    }
}

G_STATIC_ASSERT (CHUNK_MAX == CHUNK_MIN * 4);

/* chunk_new: a chunk for @size bytes, from the pool if it has one. A
 * slot is read before it is exchanged, so that empty slots cost no
 * atomic write. */
static GalleyArenaChunk *
chunk_new (gsize size)
{
  int row = pool_index (size);
  GalleyArenaChunk *chunk;

  if (row >= 0)
    for (guint i = 0; i < POOL_SLOTS; i++)
      if (g_atomic_pointer_get (&pool[row][i]) != NULL
          && (chunk = g_atomic_pointer_exchange (&pool[row][i], NULL)) != NULL)
        return chunk;
  chunk = g_malloc (CHUNK_HEADER + size);
  chunk->size = size;
  return chunk;
}

/* chunk_free: @chunk to a free slot of the pool, or to malloc. */
static void
chunk_free (GalleyArenaChunk *chunk)
{
  int row = pool_index (chunk->size);

  if (row >= 0)
    for (guint i = 0; i < POOL_SLOTS; i++)
      if (g_atomic_pointer_get (&pool[row][i]) == NULL
          && g_atomic_pointer_compare_and_exchange (&pool[row][i], NULL, chunk))
        return;
  g_free (chunk);
}

/* The pool's chunks are freed at exit, so that leak checkers (valgrind,
 * LeakSanitizer) find none left behind. */
static void __attribute__ ((destructor))
pool_release (void)
{
  for (int row = 0; row < POOL_SIZES; row++)
    for (guint i = 0; i < POOL_SLOTS; i++)
      g_free (g_atomic_pointer_exchange (&pool[row][i], NULL));
}

void
_galley_arena_init (GalleyArena *arena, gpointer first, gsize size)
{
  char *start = first ? (char *) ALIGN_UP ((guintptr) first) : NULL;

  arena->next = start;
  arena->end = first && (char *) first + size > start ? (char *) first + size : start;
  arena->chunks = NULL;
  arena->next_size = CHUNK_MIN;
}

/* alloc_in_new_chunk: a block that does not fit the current chunk. A
 * large one gets a chunk of its own, kept off the current one so that
 * the current chunk's free space is not given up for it. */
static G_GNUC_NO_INLINE gpointer
alloc_in_new_chunk (GalleyArena *arena, gsize size)
{
  gboolean own = size > GALLEY_ARENA_MAX_BLOCK || size > arena->next_size;
  gsize chunk_size = own ? size : arena->next_size;
  GalleyArenaChunk *chunk = chunk_new (chunk_size);
  char *block = (char *) chunk + CHUNK_HEADER;

  chunk->next = arena->chunks;
  arena->chunks = chunk;
  if (own)
    return block;
  if (arena->next_size < CHUNK_MAX)
    arena->next_size *= 2;
  arena->next = block + size;
  arena->end = block + chunk_size;
  return block;
}

gpointer
_galley_arena_alloc (GalleyArena *arena, gsize size)
{
  gpointer block;

  size = ALIGN_UP (MAX (size, 1));
  if ((gsize) (arena->end - arena->next) < size)
    return alloc_in_new_chunk (arena, size);
  block = arena->next;
  arena->next += size;
  return block;
}

char *
_galley_arena_strdup (GalleyArena *arena, const char *s)
{
  gsize len = strlen (s);
  char *copy = _galley_arena_alloc (arena, len + 1);

  memcpy (copy, s, len + 1);
  return copy;
}

void
_galley_arena_clear (GalleyArena *arena)
{
  GalleyArenaChunk *c = arena->chunks;

  while (c)
    {
      GalleyArenaChunk *next = c->next;
      chunk_free (c);
      c = next;
    }
  arena->chunks = NULL;
  arena->next = arena->end = NULL;
}
