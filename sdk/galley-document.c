/* galley-document.c: documents, their metadata and features.
 * Layers live in galley-layer.c. */
#include "config.h"

#include <string.h>

#include "galley-private.h"

typedef struct {
  char *key;
  GalleyValue value;
} Entry;

struct _GalleyDocument {
  char *id;
  char *text;
  gsize len;
  char *origin;
  guint64 input_hash;
  gboolean has_input_hash;  /* a rejected input's stub: see set_input_hash */
  char *drop_reason; /* set by galley_document_drop: out of the run, on purpose */
  guint n_repaired;  /* U+FFFD a source put in for invalid input */
  GArray *meta;      /* Entry, insertion order: few keys, linear search */
  GArray *features;  /* Entry */
  GPtrArray *layers; /* GalleyLayer */
};

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->key);
  galley_value_clear (&e->value);
}

static GArray *
entries_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (Entry));

  g_array_set_clear_func (a, entry_clear);
  return a;
}

GalleyDocument *
galley_document_new_take (const char *id, char *text, gsize len)
{
  GalleyDocument *doc;

  g_return_val_if_fail (text != NULL, NULL);
  if (!galley_utf8_validate (text, len, NULL))
    {
      g_critical ("galley_document_new: text of document '%s' is not valid UTF-8",
                  id ? id : "");
      g_free (text);
      return NULL;
    }

  doc = g_new0 (GalleyDocument, 1);
  doc->id = g_strdup (id ? id : "");
  doc->text = text;
  doc->len = len;
  doc->meta = entries_new ();
  doc->features = entries_new ();
  doc->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_layer_free);
  return doc;
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
  g_free (doc->id);
  g_free (doc->text);
  g_free (doc->origin);
  g_free (doc->drop_reason);
  g_array_unref (doc->meta);
  g_array_unref (doc->features);
  g_ptr_array_unref (doc->layers);
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
  g_free (doc->id);
  doc->id = g_strdup (id ? id : "");
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
  g_free (doc->origin);
  doc->origin = g_strdup (origin);
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
entries_find (GArray *entries, const char *key)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      if (strcmp (e->key, key) == 0)
        return e;
    }
  return NULL;
}

/* entries_set: the value slot for @key, cleared, created at the end if new. */
static GalleyValue *
entries_set (GArray *entries, const char *key)
{
  Entry *e = entries_find (entries, key);

  if (e == NULL)
    {
      Entry fresh = { g_strdup (key), GALLEY_VALUE_INIT };
      g_array_append_val (entries, fresh);
      e = &g_array_index (entries, Entry, entries->len - 1);
    }
  galley_value_clear (&e->value);
  return &e->value;
}

static const char *
entries_nth (GArray *entries, guint i, const GalleyValue **value)
{
  Entry *e;

  g_return_val_if_fail (i < entries->len, NULL);
  e = &g_array_index (entries, Entry, i);
  if (value)
    *value = &e->value;
  return e->key;
}

void
galley_document_set_meta_value (GalleyDocument *doc, const char *key,
                                const GalleyValue *value)
{
  galley_value_copy (value, entries_set (doc->meta, key));
}

void
galley_document_set_meta (GalleyDocument *doc, const char *key,
                          const char *value)
{
  GalleyValue *v = entries_set (doc->meta, key);

  if (value == NULL)
    return;
  v->type = GALLEY_VALUE_STRING;
  v->v.s = g_strdup (value);
}

const GalleyValue *
galley_document_get_meta_value (const GalleyDocument *doc, const char *key)
{
  Entry *e = entries_find (doc->meta, key);

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
  return doc->meta->len;
}

const char *
galley_document_get_meta_nth (const GalleyDocument *doc, guint i,
                              const GalleyValue **value)
{
  return entries_nth (doc->meta, i, value);
}

void
galley_document_set_feature (GalleyDocument *doc, const char *key,
                             const GalleyValue *value)
{
  galley_value_copy (value, entries_set (doc->features, key));
}

void
galley_document_set_feature_double (GalleyDocument *doc, const char *key,
                                    double value)
{
  GalleyValue *v = entries_set (doc->features, key);

  v->type = GALLEY_VALUE_DOUBLE;
  v->v.d = value;
}

void
galley_document_set_feature_int (GalleyDocument *doc, const char *key,
                                 gint64 value)
{
  GalleyValue *v = entries_set (doc->features, key);

  v->type = GALLEY_VALUE_INT;
  v->v.i = value;
}

void
galley_document_set_feature_string (GalleyDocument *doc, const char *key,
                                    const char *value)
{
  GalleyValue *v = entries_set (doc->features, key);

  v->type = GALLEY_VALUE_STRING;
  v->v.s = g_strdup (value ? value : "");
}

void
galley_document_set_feature_boolean (GalleyDocument *doc, const char *key,
                                     gboolean value)
{
  GalleyValue *v = entries_set (doc->features, key);

  v->type = GALLEY_VALUE_BOOLEAN;
  v->v.b = !!value;
}

const GalleyValue *
galley_document_get_feature (const GalleyDocument *doc, const char *key)
{
  Entry *e = entries_find (doc->features, key);

  return e ? &e->value : NULL;
}

guint
galley_document_get_n_features (const GalleyDocument *doc)
{
  return doc->features->len;
}

const char *
galley_document_get_feature_nth (const GalleyDocument *doc, guint i,
                                 const GalleyValue **value)
{
  return entries_nth (doc->features, i, value);
}

/* Layers */

GalleyLayer *
galley_document_get_layer (GalleyDocument *doc, const char *name)
{
  for (guint i = 0; i < doc->layers->len; i++)
    {
      GalleyLayer *layer = g_ptr_array_index (doc->layers, i);
      if (strcmp (galley_layer_get_name (layer), name) == 0)
        return layer;
    }
  return NULL;
}

GalleyLayer *
galley_document_ensure_layer (GalleyDocument *doc, const char *name)
{
  GalleyLayer *layer = galley_document_get_layer (doc, name);

  if (layer == NULL)
    {
      layer = galley_layer_new (name);
      g_ptr_array_add (doc->layers, layer);
    }
  return layer;
}

GalleyLayer *
galley_document_replace_layer (GalleyDocument *doc, const char *name)
{
  for (guint i = 0; i < doc->layers->len; i++)
    {
      GalleyLayer *old = g_ptr_array_index (doc->layers, i);
      if (strcmp (galley_layer_get_name (old), name) == 0)
        {
          GalleyLayer *layer = galley_layer_new (name);
          galley_layer_free (old);
          doc->layers->pdata[i] = layer;
          return layer;
        }
    }
  return galley_document_ensure_layer (doc, name);
}

guint
galley_document_get_n_layers (const GalleyDocument *doc)
{
  return doc->layers->len;
}

GalleyLayer *
galley_document_get_layer_nth (GalleyDocument *doc, guint i)
{
  g_return_val_if_fail (i < doc->layers->len, NULL);
  return g_ptr_array_index (doc->layers, i);
}

void
galley_document_drop (GalleyDocument *doc, const char *reason)
{
  g_return_if_fail (doc != NULL);
  if (doc->drop_reason == NULL)
    doc->drop_reason = g_strdup (reason && *reason ? reason : "dropped");
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
