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
 * (4, 8 and 16 KiB) goes to the pool (galley-pool.c) when its document
 * is freed, and the next document's arena takes it from there instead
 * of from malloc. Nearly every document of the default pipeline
 * outgrows the 512 bytes inside its own block, and a 4 KiB request is
 * one of malloc's "large" ones (figures in galley-pool.c). */

/* pool_row: the pool's row for chunks of @size bytes, or -1. */
static inline int
pool_row (gsize size)
{
  switch (size)
    {
    case CHUNK_MIN:
      return GALLEY_POOL_CHUNK_4K;
    case CHUNK_MIN * 2:
      return GALLEY_POOL_CHUNK_8K;
    case CHUNK_MIN * 4:
      return GALLEY_POOL_CHUNK_16K;
    default:
      return -1;
    }
}

G_STATIC_ASSERT (CHUNK_MAX == CHUNK_MIN * 4);

/* chunk_new: a chunk for @size bytes, from the pool if it has one. */
static GalleyArenaChunk *
chunk_new (gsize size)
{
  int row = pool_row (size);
  GalleyArenaChunk *chunk;

  if (row >= 0 && (chunk = _galley_pool_take ((GalleyPoolRow) row)) != NULL)
    return chunk;
  chunk = g_malloc (CHUNK_HEADER + size);
  chunk->size = size;
  return chunk;
}

/* chunk_free: @chunk to the pool, or to malloc. */
static void
chunk_free (GalleyArenaChunk *chunk)
{
  int row = pool_row (chunk->size);

  if (row >= 0)
    _galley_pool_give ((GalleyPoolRow) row, chunk);
  else
    g_free (chunk);
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
