/* galley-private.h: what the SDK's own files share and plugins do not see. */
#pragma once

#include <string.h>

#include <galley/galley.h>

G_BEGIN_DECLS

/* G_GNUC_INTERNAL: shared between the SDK's files, never exported (the
 * export list is checked by tests/sdk/exports.sh). */
/* GalleyArena: a document's small blocks, freed together
 * (galley-arena.c). */
typedef struct _GalleyArenaChunk GalleyArenaChunk;
typedef struct {
  char *next;                /* free space of the current chunk */
  char *end;
  GalleyArenaChunk *chunks;  /* allocated chunks, newest first */
  gsize next_size;
} GalleyArena;

/* the largest block a caller that may outgrow or drop it takes from the
 * arena (spans, column values) */
#define GALLEY_ARENA_MAX_BLOCK 1024

G_GNUC_INTERNAL void _galley_arena_init (GalleyArena *arena, gpointer first, gsize size);
G_GNUC_INTERNAL gpointer _galley_arena_alloc (GalleyArena *arena, gsize size);
G_GNUC_INTERNAL char *_galley_arena_strdup (GalleyArena *arena, const char *s);
G_GNUC_INTERNAL void _galley_arena_clear (GalleyArena *arena);

/* the character of a byte >= 0x80 in windows-1252, or 0 (galley-charset.c) */
G_GNUC_INTERNAL gunichar _galley_windows_1252_char (guchar b);

/* The pool of spare blocks (galley-pool.c): one row a block size; the
 * caller knows its row's size. A block given back was g_malloc'd with
 * that size, and one taken is g_free'd or given back to the same row. */
typedef enum {
  GALLEY_POOL_CHUNK_4K,   /* arena chunks, their header included */
  GALLEY_POOL_CHUNK_8K,
  GALLEY_POOL_CHUNK_16K,
  GALLEY_POOL_SPANS_2K,   /* span arrays of 2 KiB (128 spans) ... */
  GALLEY_POOL_SPANS_4K,
  GALLEY_POOL_SPANS_8K,
  GALLEY_POOL_SPANS_16K,
  GALLEY_POOL_SPANS_32K,  /* ... to 32 KiB (2,048 spans) */
  GALLEY_POOL_ROWS
} GalleyPoolRow;

/* _galley_pool_take: a spare block of @row, or NULL when it has none. */
G_GNUC_INTERNAL gpointer _galley_pool_take (GalleyPoolRow row);
/* _galley_pool_give: @block (transfer full) to @row, or to g_free when
 * the row is full. */
G_GNUC_INTERNAL void _galley_pool_give (GalleyPoolRow row, gpointer block);

/* A document's layers live in its arena (@arena may be NULL: malloc). */
G_GNUC_INTERNAL GalleyLayer *galley_layer_new (const char *name, GalleyArena *arena);
G_GNUC_INTERNAL void galley_layer_free (GalleyLayer *layer);

/* _galley_same_name: strcmp (a, b) == 0 for layer names and keys, which
 * mostly differ in their first byte (the default pipeline's column keys
 * all do: compound, pos, neg, neu; norm, cluster, sentiment, mentions),
 * so that byte is compared inline before strcmp is called. */
static inline gboolean
_galley_same_name (const char *a, const char *b)
{
  return a == b || (a[0] == b[0] && strcmp (a, b) == 0);
}

/* _galley_copy_small: @n bytes from @src to @dst; up to 32 as two copies of a
 * constant size that overlap (moves, no call into libc), longer through
 * memcpy. Keys, names and norms are short: a memcpy of a varying length
 * is a call into libc through the PLT (an indirect branch) for each. */
static inline void
_galley_copy_small (char *dst, const char *src, gsize n)
{
  if (n >= 16 && n <= 32)
    {
      memcpy (dst, src, 16);
      memcpy (dst + n - 16, src + n - 16, 16);
    }
  else if (n >= 8 && n < 16)
    {
      memcpy (dst, src, 8);
      memcpy (dst + n - 8, src + n - 8, 8);
    }
  else if (n >= 4 && n < 8)
    {
      memcpy (dst, src, 4);
      memcpy (dst + n - 4, src + n - 4, 4);
    }
  else if (n < 4)
    {
      /* the first, middle and last bytes: all of 1 to 3 */
      if (n > 0)
        {
          dst[0] = src[0];
          dst[n / 2] = src[n / 2];
          dst[n - 1] = src[n - 1];
        }
    }
  else
    memcpy (dst, src, n);
}

/* galley_utf8_validate: g_utf8_validate_len, faster on mostly-ASCII text;
 * NUL bytes are invalid. */
G_GNUC_INTERNAL gboolean galley_utf8_validate (const char *text, gsize len, const char **end);

G_END_DECLS
