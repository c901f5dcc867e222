/* jsonl-keys.h: the escaped keys export-jsonl writes (,"KEY":), kept
 * from one document to the next. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* JSONL_KEY_COPY: a key's JSON up to this long is copied as one block of
 * this size (a constant-size copy, no call into libc); every JsonlKey's
 * @json has this many bytes of room after it, so the copy never reads
 * past it. */
#define JSONL_KEY_COPY 32

/* The key last seen at one position (the i-th feature of a layer, the
 * i-th metadata member...), with its JSON: ,"KEY": escaped, or "" (@len
 * 0) for a key the caller leaves out. */
typedef struct {
  char *key;
  char *json;
  gsize len;
} JsonlKey;

typedef struct _JsonlKeys JsonlKeys;

/* jsonl_keys_new: an empty cache; @skip (nullable) says which keys are
 * left out (written as ""). */
JsonlKeys *jsonl_keys_new (gboolean (*skip) (const char *key)) G_GNUC_WARN_UNUSED_RESULT;
void jsonl_keys_free (JsonlKeys *keys);

/* jsonl_keys_get: the JSON of @key at position @i, built again only when
 * the key at @i changed. Returns: (transfer none) an entry that stays
 * valid, at the same address, until @i gets another key or @keys is
 * freed. */
const JsonlKey *jsonl_keys_get (JsonlKeys *keys, guint i, const char *key);

G_END_DECLS
