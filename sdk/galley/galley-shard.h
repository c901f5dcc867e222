/**
 * SECTION:galley-shard
 * @title: Shards
 * @short_description: one shard of N, for sources that split their input
 *   among N workers with no coordination (`galley run --shard K/N`)
 *
 * Threads: no state; call it from any thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GalleyShard:
 * @index: K, from 0 to @count - 1
 * @count: N; 0 or 1 means no sharding (every key is accepted)
 *
 * Shard K of N. A document belongs to the shard its key (the document
 * id, or the path it is read from) hashes to, so N workers given shards
 * 0/N to N-1/N of one input read every document exactly once between
 * them, and the same shard always gets the same documents.
 */
typedef struct {
  guint32 index;
  guint32 count;
} GalleyShard;

/**
 * GALLEY_SHARD_PARAM:
 *
 * The `shard` entry of a source's parameter table. `galley run --shard K/N`
 * sets it on the pipeline's source when its class has it; a source reads
 * it with galley_shard_parse() in create and skips every document
 * galley_shard_accepts() refuses.
 */
#define GALLEY_SHARD_PARAM \
  { "shard", GALLEY_PARAM_STRING, "", 0, 0, NULL, \
    "K/N: read only the documents whose id hashes to shard K of N " \
    "(0 <= K < N; galley run --shard sets it); empty: every document", 0 }

/**
 * galley_shard_parse:
 * @text: (nullable): "K/N" with 0 <= K < N, or "" or NULL for no sharding
 * @shard: (out): the shard
 * @error: return location for a #GError
 *
 * Parses the value of a source's shard= parameter. An error is
 * %GALLEY_PIPELINE_ERROR_BAD_VALUE with the message "parameter 'shard':
 * 'TEXT' is not K/N with 0 <= K < N"; the runner adds the stage.
 *
 * Returns: TRUE when @text is a shard.
 *
 * Since: 1.1
 */
gboolean galley_shard_parse (const char *text, GalleyShard *shard, GError **error);

/**
 * galley_shard_accepts:
 * @shard: a shard
 * @key: (nullable): the document's id or path; NULL counts as ""
 *
 * Whether the document keyed @key belongs to @shard: XXH64 of @key
 * (galley_hash64, seed 0), modulo N, equals K. The hash is stable across
 * runs, machines and versions, so a document stays in its shard.
 *
 * Returns: TRUE when @shard takes the document.
 *
 * Since: 1.1
 */
gboolean galley_shard_accepts (const GalleyShard *shard, const char *key);

G_END_DECLS
