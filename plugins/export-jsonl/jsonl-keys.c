/* jsonl-keys.c: the escaped keys export-jsonl writes, by position.
 *
 * Why: documents from one pipeline carry the same keys in the same order
 * (a sentiment layer's compound, pos, neg, neu; an entity's norm, cluster,
 * sentiment, mentions), and escaping each key again for every layer of
 * every document cost more than writing the values. Callgrind,
 * read-jsonl ! tokenizer ! entity-tagger ! sentiment ! export-jsonl on
 * 100,000 ten-byte documents: 800,000 layer keys and 400,000 document
 * feature keys, each escaped through galley_json_append_string and (for
 * span features) compared with the four reserved names, took about 2,600
 * of export-jsonl's 7,700 instructions a document. A key found at its
 * position again costs one strcmp.
 */
#include "config.h"

#include <string.h>

#include <galley/galley.h>

#include "jsonl-keys.h"

struct _JsonlKeys {
  GPtrArray *entries;  /* JsonlKey, one per position (NULL: none yet) */
  gboolean (*skip) (const char *key);
};

static void
key_free (gpointer data)
{
  JsonlKey *k = data;

  if (k == NULL)
    return;
  g_free (k->key);
  g_free (k->json);
  g_free (k);
}

JsonlKeys *
jsonl_keys_new (gboolean (*skip) (const char *key))
{
  JsonlKeys *keys = g_new0 (JsonlKeys, 1);

  keys->entries = g_ptr_array_new_with_free_func (key_free);
  keys->skip = skip;
  return keys;
}

void
jsonl_keys_free (JsonlKeys *keys)
{
  if (keys == NULL)
    return;
  g_ptr_array_unref (keys->entries);
  g_free (keys);
}

/* set_key: @k made for @key: its copy and its JSON, with JSONL_KEY_COPY
 * bytes of room (zeroed) after it. */
static void
set_key (JsonlKeys *keys, JsonlKey *k, const char *key)
{
  g_autoptr (GString) json = g_string_new (NULL);

  if (keys->skip == NULL || !keys->skip (key))
    {
      g_string_append_c (json, ',');
      galley_json_append_string (json, key, -1);
      g_string_append_c (json, ':');
    }
  g_free (k->key);
  g_free (k->json);
  k->key = g_strdup (key);
  k->len = json->len;
  k->json = g_malloc0 (json->len + JSONL_KEY_COPY + 1);
  memcpy (k->json, json->str, json->len);
}

const JsonlKey *
jsonl_keys_get (JsonlKeys *keys, guint i, const char *key)
{
  JsonlKey *k;

  if (i >= keys->entries->len)
    g_ptr_array_set_size (keys->entries, i + 1);
  k = g_ptr_array_index (keys->entries, i);
  if (G_LIKELY (k != NULL && strcmp (k->key, key) == 0))
    return k;
  if (k == NULL)
    {
      k = g_new0 (JsonlKey, 1);
      g_ptr_array_index (keys->entries, i) = k;
    }
  set_key (keys, k, key);
  return k;
}
