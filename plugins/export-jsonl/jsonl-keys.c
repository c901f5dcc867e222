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

static void
key_free (JsonlKey *k)
{
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

  keys->skip = skip;
  return keys;
}

void
jsonl_keys_free (JsonlKeys *keys)
{
  if (keys == NULL)
    return;
  for (guint i = 0; i < keys->n; i++)
    key_free (keys->at[i]);
  g_free (keys->at);
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

/* jsonl_keys_get_slow: jsonl_keys_get() when position @i has no entry
 * yet or another key (jsonl_keys_get compared them). */
const JsonlKey *
jsonl_keys_get_slow (JsonlKeys *keys, guint i, const char *key)
{
  JsonlKey *k;

  if (i >= keys->n)
    {
      guint n = MAX (i + 1, 2 * keys->n);

      keys->at = g_renew (JsonlKey *, keys->at, n);
      memset (keys->at + keys->n, 0, (n - keys->n) * sizeof (JsonlKey *));
      keys->n = n;
    }
  k = keys->at[i];
  if (k == NULL)
    {
      k = g_new0 (JsonlKey, 1);
      keys->at[i] = k;
    }
  set_key (keys, k, key);
  return k;
}
