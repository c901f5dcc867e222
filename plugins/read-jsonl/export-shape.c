/* export-shape.c: reading back what export-jsonl writes.
 *
 * export-jsonl nests a document's metadata under "meta" and its features
 * under "features" (and its layers under "layers"). The line parser keeps
 * every member but id and text as metadata, so such a line first becomes
 * a document with the metadata "meta", "features" and "layers" holding
 * JSON text; this file unpacks them. It runs only for documents that
 * carry one of those keys as a JSON object, and is asked only about a
 * line that had an object member at all (jsonl_parser_had_object_meta),
 * so plain {id,text,...} lines cost nothing here.
 *
 * The rule: "meta" members become metadata as top-level members do
 * (strings as strings, integers as integers, anything else as its JSON
 * text), at the place of "meta"; "features" members become document
 * features with their types (integer, double, string, boolean; null is
 * left out); "layers" is dropped, since spans are the work of stages
 * that a later pipeline runs again (restoring them would need every
 * exporter option, such as offsets=, undone). A "meta", "features" or
 * "layers" member that is not an object stays plain metadata.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "export-shape.h"

static const char *const nested[] = { "meta", "features", "layers", NULL };

/* json_of: @v as JSON text, appended to @out. */
static void
json_of (GString *out, yajl_val v)
{
  if (YAJL_IS_STRING (v))
    galley_json_append_string (out, YAJL_GET_STRING (v), -1);
  else if (YAJL_IS_NUMBER (v))
    g_string_append (out, YAJL_GET_NUMBER (v));
  else if (YAJL_IS_OBJECT (v))
    {
      g_string_append_c (out, '{');
      for (size_t i = 0; i < v->u.object.len; i++)
        {
          if (i)
            g_string_append_c (out, ',');
          galley_json_append_string (out, v->u.object.keys[i], -1);
          g_string_append_c (out, ':');
          json_of (out, v->u.object.values[i]);
        }
      g_string_append_c (out, '}');
    }
  else if (YAJL_IS_ARRAY (v))
    {
      g_string_append_c (out, '[');
      for (size_t i = 0; i < v->u.array.len; i++)
        {
          if (i)
            g_string_append_c (out, ',');
          json_of (out, v->u.array.values[i]);
        }
      g_string_append_c (out, ']');
    }
  else
    g_string_append (out, YAJL_IS_TRUE (v) ? "true" : YAJL_IS_FALSE (v) ? "false" : "null");
}

/* object_of: the member @key of @doc's metadata parsed, when it is a
 * JSON object; NULL otherwise. Free with yajl_tree_free. */
static yajl_val
object_of (const GalleyDocument *doc, const char *key)
{
  const GalleyValue *value = galley_document_get_meta_value (doc, key);
  yajl_val tree;

  if (value == NULL || value->type != GALLEY_VALUE_JSON || value->v.s[0] != '{')
    return NULL;
  tree = yajl_tree_parse (value->v.s, NULL, 0);
  if (tree != NULL && !YAJL_IS_OBJECT (tree))
    g_clear_pointer (&tree, yajl_tree_free);
  return tree;
}

gboolean
jsonl_export_shape_detect (const GalleyDocument *doc)
{
  for (const char *const *k = nested; *k; k++)
    {
      const GalleyValue *value = galley_document_get_meta_value (doc, *k);
      if (value && value->type == GALLEY_VALUE_JSON && value->v.s[0] == '{')
        return TRUE;
    }
  return FALSE;
}

static void
add_meta (GalleyDocument *doc, const char *key, yajl_val v)
{
  GalleyValue value = { GALLEY_VALUE_JSON, { 0 } };
  g_autoptr (GString) json = NULL;

  if (YAJL_IS_STRING (v))
    {
      galley_document_set_meta (doc, key, YAJL_GET_STRING (v));
      return;
    }
  if (YAJL_IS_INTEGER (v))
    {
      value.type = GALLEY_VALUE_INT;
      value.v.i = YAJL_GET_INTEGER (v);
      galley_document_set_meta_value (doc, key, &value);
      return;
    }
  json = g_string_new (NULL);
  json_of (json, v);
  value.v.s = json->str;
  galley_document_set_meta_value (doc, key, &value);
}

static void
add_feature (GalleyDocument *doc, const char *key, yajl_val v)
{
  if (YAJL_IS_STRING (v))
    galley_document_set_feature_string (doc, key, YAJL_GET_STRING (v));
  else if (YAJL_IS_INTEGER (v))
    galley_document_set_feature_int (doc, key, YAJL_GET_INTEGER (v));
  else if (YAJL_IS_NUMBER (v))
    galley_document_set_feature_double (doc, key, g_ascii_strtod (YAJL_GET_NUMBER (v), NULL));
  else if (YAJL_IS_TRUE (v) || YAJL_IS_FALSE (v))
    galley_document_set_feature_boolean (doc, key, YAJL_IS_TRUE (v));
}

GalleyDocument *
jsonl_export_shape_unpack (GalleyDocument *doc)
{
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  GalleyDocument *out = galley_document_new (galley_document_get_id (doc), text, len);
  yajl_val meta = object_of (doc, "meta");
  yajl_val features = object_of (doc, "features");
  yajl_val layers = object_of (doc, "layers");

  galley_document_set_origin (out, galley_document_get_origin (doc));
  galley_document_set_repaired (out, galley_document_get_repaired (doc));
  for (guint i = 0; i < galley_document_get_n_meta (doc); i++)
    {
      const GalleyValue *value = NULL;
      const char *key = galley_document_get_meta_nth (doc, i, &value);

      if (meta && strcmp (key, "meta") == 0)
        for (size_t m = 0; m < meta->u.object.len; m++)
          add_meta (out, meta->u.object.keys[m], meta->u.object.values[m]);
      else if (features && strcmp (key, "features") == 0)
        for (size_t f = 0; f < features->u.object.len; f++)
          add_feature (out, features->u.object.keys[f], features->u.object.values[f]);
      else if (!(layers && strcmp (key, "layers") == 0))
        galley_document_set_meta_value (out, key, value);
    }
  g_clear_pointer (&meta, yajl_tree_free);
  g_clear_pointer (&features, yajl_tree_free);
  g_clear_pointer (&layers, yajl_tree_free);
  galley_document_free (doc);
  return out;
}
