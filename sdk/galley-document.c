/* galley-document.c: documents, their metadata and features.
 * Layers live in galley-layer.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "galley-chain-private.h"
#include "galley-private.h"

/* Entry: the key has a block of its own (in the document's arena),
 * because galley-document.h promises that a key returned by _nth stays
 * where it is while entries are added (the entry array itself moves when
 * it grows). Keeping short keys inside the entry saved 260 instructions a
 * new key (callgrind) but broke that promise. */
typedef struct {
  char *key;
  GalleyValue value;
  gboolean in_arena;  /* @value's string is a block of the arena, not malloc's */
} Entry;

/* Entries: insertion order, few keys, linear search. A plain array in
 * the document rather than a GArray each, and the layers likewise: a
 * GArray or GPtrArray is one more block to allocate and free per
 * document, and short documents feel that (see galley-layer.c). */
typedef struct {
  Entry *v;
  guint len;
  guint capacity;
  guint64 key_bits;  /* key_bit() of every key: see entries_set */
} Entries;

struct _GalleyDocument {
  char *id;
  char *text;
  gsize len;
  char *origin;
  guint64 input_hash;
  gboolean has_input_hash;  /* a rejected input's stub: see set_input_hash */
  char *drop_reason; /* set by galley_document_drop: out of the run, on purpose */
  guint n_repaired;  /* U+FFFD a source put in for invalid input */
  Entries meta;
  Entries features;
  GalleyLayer **layers;
  guint n_layers;
  /* The id, origin, keys, entry and layer arrays, layers and their small
   * blocks: see galley-arena.c. Its first chunk is the end of this block:
   * 512 bytes keep the block within malloc's per-thread cache (up to
   * 1,032 bytes); 1,024 or 2,048 cost more (callgrind, 100,000 documents
   * of 10 bytes: 2,812 M instructions with 512, 2,853 M with 1,024). */
  GalleyArena arena;
  char first_chunk[];
};

#define FIRST_CHUNK 512

/* entry_clear: @e's value unset (its string freed unless the arena
 * holds it). */
static inline void
entry_clear (Entry *e)
{
  if (e->in_arena)
    {
      e->value = (GalleyValue) GALLEY_VALUE_INIT;
      e->in_arena = FALSE;
    }
  else
    galley_value_clear (&e->value);
}

static void
entries_clear (Entries *entries)
{
  for (guint i = 0; i < entries->len; i++)
    entry_clear (&entries->v[i]);
}

/* arena_grow: @old (@n elements of @size bytes) copied to a block of
 * @capacity elements from @arena; the old block stays there. */
static gpointer
arena_grow (GalleyArena *arena, gconstpointer old, gsize n, gsize capacity, gsize size)
{
  gpointer block = _galley_arena_alloc (arena, capacity * size);

  if (n > 0)
    memcpy (block, old, n * size);
  return block;
}

/* document_new: a document owning @text, which is valid UTF-8. */
static GalleyDocument *
document_new (const char *id, char *text, gsize len)
{
  GalleyDocument *doc;

  doc = g_malloc (sizeof (GalleyDocument) + FIRST_CHUNK);
  memset (doc, 0, sizeof (GalleyDocument));
  _galley_arena_init (&doc->arena, doc->first_chunk, FIRST_CHUNK);
  doc->id = _galley_arena_strdup (&doc->arena, id ? id : "");
  doc->text = text;
  doc->len = len;
  return doc;
}

GalleyDocument *
galley_document_new_take (const char *id, char *text, gsize len)
{
  g_return_val_if_fail (text != NULL, NULL);
  if (!galley_utf8_validate (text, len, NULL))
    {
      g_critical ("galley_document_new: text of document '%s' is not valid UTF-8",
                  id ? id : "");
      g_free (text);
      return NULL;
    }
  return document_new (id, text, len);
}

/* check_valid: whether galley_document_new_take_valid() checks its
 * caller's promise anyway. Set once by the first harness (a test
 * process) and never cleared, so a relaxed load is enough. */
#ifdef G_ENABLE_DEBUG
static gint check_valid = 1;
#else
static gint check_valid = 0;
#endif

void
_galley_document_check_valid_text (void)
{
  g_atomic_int_set (&check_valid, 1);
}

GalleyDocument *
galley_document_new_take_valid (const char *id, char *text, gsize len)
{
  const char *bad;

  g_return_val_if_fail (text != NULL, NULL);
  if (G_UNLIKELY (g_atomic_int_get (&check_valid))
      && !galley_utf8_validate (text, len, &bad))
    {
      /* abort(), not g_error(): GLib's fatal path may trap (SIGTRAP)
       * instead, and a harness test expects SIGABRT */
      g_critical ("galley_document_new_take_valid: the text of document '%s' is not "
                  "valid UTF-8 without NUL (byte %" G_GSIZE_FORMAT "), which its "
                  "caller promised: call galley_document_new_take(), which checks",
                  id ? id : "", (gsize) (bad - text));
      abort ();
    }
  return document_new (id, text, len);
}

GalleyDocument *
galley_document_new (const char *id, const char *text, gssize len)
{
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);
  n = len < 0 ? strlen (text) : (gsize) len;
  return galley_document_new_take (id, g_strndup (text, n), n);
}

void
galley_document_free (GalleyDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->text);
  entries_clear (&doc->meta);
  entries_clear (&doc->features);
  for (guint i = 0; i < doc->n_layers; i++)
    galley_layer_free (doc->layers[i]);
  _galley_arena_clear (&doc->arena);
  g_free (doc);
}

const char *
galley_document_get_id (const GalleyDocument *doc)
{
  return doc->id;
}

void
galley_document_set_id (GalleyDocument *doc, const char *id)
{
  doc->id = _galley_arena_strdup (&doc->arena, id ? id : "");
}

const char *
galley_document_get_text (const GalleyDocument *doc, gsize *len)
{
  if (len)
    *len = doc->len;
  return doc->text;
}

const char *
galley_document_get_origin (const GalleyDocument *doc)
{
  return doc->origin;
}

void
galley_document_set_origin (GalleyDocument *doc, const char *origin)
{
  doc->origin = origin ? _galley_arena_strdup (&doc->arena, origin) : NULL;
}

void
galley_document_set_input_hash (GalleyDocument *doc, guint64 hash)
{
  doc->input_hash = hash;
  doc->has_input_hash = TRUE;
}

gboolean
galley_document_get_input_hash (const GalleyDocument *doc, guint64 *hash)
{
  if (hash)
    *hash = doc->input_hash;
  return doc->has_input_hash;
}

/* Entries: shared by metadata and features. */

static Entry *
entries_find (const Entries *entries, const char *key)
{
  for (guint i = 0; i < entries->len; i++)
    if (_galley_same_name (entries->v[i].key, key))
      return &entries->v[i];
  return NULL;
}

/* key_bit: one of 64 bits for a key of @len bytes, from its length and
 * its last byte. Entries keep the bits of their keys, so that a key whose
 * bit is clear is known to be new without a search: a stage sets a
 * document's features once each, all of them new, and each set compared
 * the key with every key before it; the sentiment keys share their first
 * ten bytes ("sentiment."), so each compare was a call to strcmp, and
 * they differ in length or last byte. Callgrind, default pipeline,
 * 200,000 documents of 10 bytes (800,000 features set): see the commit. */
static inline guint64
key_bit (const char *key, gsize len)
{
  /* the empty key reads its NUL */
  return G_GUINT64_CONSTANT (1) << ((len * 7 + (guchar) key[len - (len != 0)]) & 63);
}

/* entry_set: the entry of @key, its value cleared, created at the end
 * if new. */
static Entry *
entry_set (GalleyDocument *doc, Entries *entries, const char *key)
{
  gsize len = strlen (key);
  guint64 bit = key_bit (key, len);
  Entry *e = entries->key_bits & bit ? entries_find (entries, key) : NULL;

  if (e == NULL)
    {
      if (entries->len == entries->capacity)
        {
          entries->capacity = MAX (4, 2 * entries->capacity);
          entries->v = arena_grow (&doc->arena, entries->v, entries->len,
                                   entries->capacity, sizeof (Entry));
        }
      e = &entries->v[entries->len++];
      e->key = _galley_arena_alloc (&doc->arena, len + 1);
      _galley_copy_small (e->key, key, len + 1);
      e->value = (GalleyValue) GALLEY_VALUE_INIT;
      e->in_arena = FALSE;
      entries->key_bits |= bit;
    }
  entry_clear (e);
  return e;
}

/* entries_set: the value slot for @key, cleared, created at the end if new. */
static inline GalleyValue *
entries_set (GalleyDocument *doc, Entries *entries, const char *key)
{
  return &entry_set (doc, entries, key)->value;
}

static const char *
entries_nth (const Entries *entries, guint i, const GalleyValue **value)
{
  Entry *e;

  g_return_val_if_fail (i < entries->len, NULL);
  e = &entries->v[i];
  if (value)
    *value = &e->value;
  return e->key;
}

/* A metadata string up to GALLEY_ARENA_MAX_BLOCK bytes (a title) is
 * copied into the document's arena rather than by g_strdup, which with
 * its free cost some 250 instructions a document. Callgrind, default
 * pipeline, one job, 10,569 real news articles (read-jsonl sets each
 * title here): galley_document_set_meta_value 3.09 M -> 2.47 M
 * instructions, the document's free 9.15 M -> 8.03 M, the run 1,436.1 M
 * -> 1,433.8 M. */
void
galley_document_set_meta_value (GalleyDocument *doc, const char *key,
                                const GalleyValue *value)
{
  Entry *e = entry_set (doc, &doc->meta, key);
  gsize len;

  if ((value->type != GALLEY_VALUE_STRING && value->type != GALLEY_VALUE_JSON)
      || value->v.s == NULL || (len = strlen (value->v.s)) >= GALLEY_ARENA_MAX_BLOCK)
    {
      galley_value_copy (value, &e->value);
      return;
    }
  e->value.type = value->type;
  e->value.v.s = _galley_arena_alloc (&doc->arena, len + 1);
  memcpy (e->value.v.s, value->v.s, len + 1);
  e->in_arena = TRUE;
}

void
galley_document_set_meta (GalleyDocument *doc, const char *key,
                          const char *value)
{
  GalleyValue *v = entries_set (doc, &doc->meta, key);

  if (value == NULL)
    return;
  v->type = GALLEY_VALUE_STRING;
  v->v.s = g_strdup (value);
}

const GalleyValue *
galley_document_get_meta_value (const GalleyDocument *doc, const char *key)
{
  Entry *e = entries_find (&doc->meta, key);

  return e ? &e->value : NULL;
}

const char *
galley_document_get_meta (const GalleyDocument *doc, const char *key)
{
  const GalleyValue *v = galley_document_get_meta_value (doc, key);

  return v && v->type == GALLEY_VALUE_STRING ? v->v.s : NULL;
}

guint
galley_document_get_n_meta (const GalleyDocument *doc)
{
  return doc->meta.len;
}

const char *
galley_document_get_meta_nth (const GalleyDocument *doc, guint i,
                              const GalleyValue **value)
{
  return entries_nth (&doc->meta, i, value);
}

void
galley_document_set_feature (GalleyDocument *doc, const char *key,
                             const GalleyValue *value)
{
  galley_value_copy (value, entries_set (doc, &doc->features, key));
}

void
galley_document_set_feature_double (GalleyDocument *doc, const char *key,
                                    double value)
{
  GalleyValue *v = entries_set (doc, &doc->features, key);

  v->type = GALLEY_VALUE_DOUBLE;
  v->v.d = value;
}

void
galley_document_set_feature_int (GalleyDocument *doc, const char *key,
                                 gint64 value)
{
  GalleyValue *v = entries_set (doc, &doc->features, key);

  v->type = GALLEY_VALUE_INT;
  v->v.i = value;
}

void
galley_document_set_feature_string (GalleyDocument *doc, const char *key,
                                    const char *value)
{
  GalleyValue *v = entries_set (doc, &doc->features, key);

  v->type = GALLEY_VALUE_STRING;
  v->v.s = g_strdup (value ? value : "");
}

void
galley_document_set_feature_boolean (GalleyDocument *doc, const char *key,
                                     gboolean value)
{
  GalleyValue *v = entries_set (doc, &doc->features, key);

  v->type = GALLEY_VALUE_BOOLEAN;
  v->v.b = !!value;
}

const GalleyValue *
galley_document_get_feature (const GalleyDocument *doc, const char *key)
{
  Entry *e = entries_find (&doc->features, key);

  return e ? &e->value : NULL;
}

guint
galley_document_get_n_features (const GalleyDocument *doc)
{
  return doc->features.len;
}

const char *
galley_document_get_feature_nth (const GalleyDocument *doc, guint i,
                                 const GalleyValue **value)
{
  return entries_nth (&doc->features, i, value);
}

/* Layers */

GalleyLayer *
galley_document_get_layer (GalleyDocument *doc, const char *name)
{
  for (guint i = 0; i < doc->n_layers; i++)
    if (_galley_same_name (galley_layer_get_name (doc->layers[i]), name))
      return doc->layers[i];
  return NULL;
}

/* add_layer: a new empty layer @name at the end of the list, which the
 * caller has searched. */
static GalleyLayer *
add_layer (GalleyDocument *doc, const char *name)
{
  GalleyLayer *layer = galley_layer_new (name, &doc->arena);

  /* doubled from four: the default pipeline makes four layers, and
   * growing the list one at a time was three reallocs a document */
  if (doc->layers == NULL || (doc->n_layers >= 4 && (doc->n_layers & (doc->n_layers - 1)) == 0))
    doc->layers = arena_grow (&doc->arena, doc->layers, doc->n_layers,
                              MAX (4, 2 * doc->n_layers), sizeof (GalleyLayer *));
  doc->layers[doc->n_layers++] = layer;
  return layer;
}

GalleyLayer *
galley_document_ensure_layer (GalleyDocument *doc, const char *name)
{
  GalleyLayer *layer = galley_document_get_layer (doc, name);

  return layer ? layer : add_layer (doc, name);
}

GalleyLayer *
galley_document_replace_layer (GalleyDocument *doc, const char *name)
{
  for (guint i = 0; i < doc->n_layers; i++)
    if (_galley_same_name (galley_layer_get_name (doc->layers[i]), name))
      {
        GalleyLayer *layer = galley_layer_new (name, &doc->arena);
        galley_layer_free (doc->layers[i]);
        doc->layers[i] = layer;
        return layer;
      }
  /* absent: the search above is the one ensure_layer would make again
   * (each stage of the default pipeline replaces a layer that is not
   * there yet; callgrind: see the commit) */
  return add_layer (doc, name);
}

guint
galley_document_get_n_layers (const GalleyDocument *doc)
{
  return doc->n_layers;
}

GalleyLayer *
galley_document_get_layer_nth (GalleyDocument *doc, guint i)
{
  g_return_val_if_fail (i < doc->n_layers, NULL);
  return doc->layers[i];
}

void
galley_document_drop (GalleyDocument *doc, const char *reason)
{
  g_return_if_fail (doc != NULL);
  if (doc->drop_reason == NULL)
    doc->drop_reason = _galley_arena_strdup (&doc->arena,
                                             reason && *reason ? reason : "dropped");
}

const char *
galley_document_get_drop_reason (const GalleyDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc->drop_reason;
}

void
galley_document_set_repaired (GalleyDocument *doc, guint n_replaced)
{
  g_return_if_fail (doc != NULL);
  doc->n_repaired = n_replaced;
}

guint
galley_document_get_repaired (const GalleyDocument *doc)
{
  g_return_val_if_fail (doc != NULL, 0);
  return doc->n_repaired;
}
