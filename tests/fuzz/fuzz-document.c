/* fuzz-document.c: see fuzz-document.h. */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <yajl/yajl_tree.h>

#include "fuzz-document.h"

static char *
take_utf8 (const uint8_t **data, size_t *size)
{
  g_autofree char *raw = fuzz_take_string (data, size);

  return g_utf8_make_valid (raw, -1);
}

/* is_json: whether @s is one JSON value, for both yajl and json-glib.
 * Each alone is too lenient: json-glib took "0x" numbers, and yajl's tree
 * parser takes a string followed by a stray quote ("a"", b) as the string
 * "a"; a value either let through made export-jsonl write a line that is
 * not JSON. The SDK's promise is that a GALLEY_VALUE_JSON holds JSON, which
 * the producer checks, and here the fuzz target is the producer. */
static gboolean
is_json (const char *s)
{
  g_autoptr (JsonParser) parser = NULL;
  char err[64];
  yajl_val v;

  if (*s == '\0')
    return FALSE;
  v = yajl_tree_parse (s, err, sizeof err);
  if (v == NULL)
    return FALSE;
  yajl_tree_free (v);
  parser = json_parser_new ();
  return json_parser_load_from_data (parser, s, -1, NULL);
}

/* type_quark: the quark of @type, among the first 256 names this process
 * saw, else of "PERSON". GLib keeps every quark for the life of the
 * process and drops (never frees) its quark array each time it grows past
 * 2,048 more; types invented by the fuzzer over millions of inputs read
 * as a leak (8 MB after 930,000 inputs of export-csv), while Galley
 * interns only the types its stages declare. */
static GQuark
type_quark (const char *type)
{
  static GHashTable *seen;

  if (seen == NULL)
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains (seen, type))
    {
      if (g_hash_table_size (seen) >= 256)
        return g_quark_from_static_string ("PERSON");
      g_hash_table_add (seen, g_strdup (type));
    }
  return g_quark_from_string (type);
}

/* add_spans: cuts @text at character offsets given by @cuts and adds the
 * pieces, alternately, as entities (typed from @names) and sentences. */
static void
add_spans (GalleyDocument *doc, const char *cuts, GPtrArray *names)
{
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  GalleyLayer *entities = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  GalleyLayer *sentences = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);
  const char *p = text;

  for (guint i = 0; cuts[i] && cuts[i + 1]; i += 2)
    {
      const char *start = p, *end;

      for (int n = (guchar) cuts[i] % 8; n > 0 && *p; n--)
        p = g_utf8_next_char (p);
      start = p;
      for (int n = (guchar) cuts[i + 1] % 16; n > 0 && *p; n--)
        p = g_utf8_next_char (p);
      end = p;
      if (i % 4 == 0)
        {
          const char *type = names->len ? names->pdata[(i / 2) % names->len] : "PERSON";
          guint k = galley_layer_append (entities, start - text, end - text,
                                         type_quark (type), 0);

          galley_layer_set_feature_string (entities, k, GALLEY_ENTITY_FEATURE_NORM, type);
        }
      else
        galley_layer_append (sentences, start - text, end - text, 0, 0);
    }
}

FuzzDocument
fuzz_document_build (const uint8_t *data, size_t size)
{
  FuzzDocument r = { NULL, { 0, 0 } };
  g_autofree char *options = fuzz_take_string (&data, &size);
  g_autofree char *id = take_utf8 (&data, &size);
  g_autofree char *text = take_utf8 (&data, &size);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gsize n_options = strlen (options);

  r.choice[0] = n_options > 0 ? options[0] : 0;
  r.choice[1] = n_options > 1 ? options[1] : 0;
  r.doc = galley_document_new (id, text, -1);
  while (size > 0)
    {
      g_autofree char *key = take_utf8 (&data, &size);
      g_autofree char *value = take_utf8 (&data, &size);

      if (is_json (value))
        {
          GalleyValue v = { GALLEY_VALUE_JSON, { 0 } };

          v.v.s = value;
          galley_document_set_meta_value (r.doc, key, &v);
        }
      else
        galley_document_set_meta (r.doc, key, value);
      g_ptr_array_add (names, g_steal_pointer (&value));
    }
  if (n_options > 2)
    add_spans (r.doc, options + 2, names);
  return r;
}
