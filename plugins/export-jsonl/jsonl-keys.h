/* jsonl-keys.h: the escaped keys export-jsonl writes (,"KEY":), kept
 * from one document to the next. */
#pragma once

#include <string.h>

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

/* The cache: one entry a position (NULL until a key comes there). Its
 * fields are here for jsonl_keys_get(), which is inline; only
 * jsonl-keys.c changes them. */
typedef struct {
  JsonlKey **at;
  guint n;  /* positions that have a slot in @at */
  gboolean (*skip) (const char *key);
} JsonlKeys;

/* jsonl_keys_new: an empty cache; @skip (nullable) says which keys are
 * left out (written as ""). */
JsonlKeys *jsonl_keys_new (gboolean (*skip) (const char *key)) G_GNUC_WARN_UNUSED_RESULT;
void jsonl_keys_free (JsonlKeys *keys);

const JsonlKey *jsonl_keys_get_slow (JsonlKeys *keys, guint i, const char *key);

/* jsonl_keys_get: the JSON of @key at position @i, built again only when
 * the key at @i changed. Returns: (transfer none) an entry that stays
 * valid, at the same address, until @i gets another key or @keys is
 * freed.
 *
 * The key found again is the common case (15 a document in the default
 * pipeline), so its test is inline and the rest in jsonl_keys_get_slow.
 * The key is still compared by name (its pointer is the document's, new
 * for every document), the first byte inline before strcmp, as the SDK
 * compares names. Callgrind: see the commit. */
static inline const JsonlKey *
jsonl_keys_get (JsonlKeys *keys, guint i, const char *key)
{
  const JsonlKey *k;

  if (G_LIKELY (i < keys->n && (k = keys->at[i]) != NULL
                && k->key[0] == key[0] && strcmp (k->key, key) == 0))
    return k;
  return jsonl_keys_get_slow (keys, i, key);
}

G_END_DECLS
