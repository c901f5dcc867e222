/* annotated.c: reads annotated documents (annotated.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_tree.h>
#include <galley/galley-input.h>

#include "annotated.h"

void
ann_doc_free (gpointer p)
{
  AnnDoc *d = p;

  g_free (d->id);
  g_free (d->text);
  g_array_unref (d->entities);
  g_free (d);
}

static AnnDoc *
ann_doc_new (const char *id, const char *text)
{
  AnnDoc *d = g_new0 (AnnDoc, 1);

  d->id = g_strdup (id);
  d->text = g_strdup (text);
  d->entities = g_array_new (FALSE, FALSE, sizeof (AnnEntity));
  return d;
}

/* member: the value of key @name in object @o (the last, if repeated),
 * or NULL. */
static yajl_val
member (yajl_val o, const char *name)
{
  yajl_val v = NULL;

  for (gsize k = 0; o != NULL && YAJL_IS_OBJECT (o) && k < o->u.object.len; k++)
    if (strcmp (o->u.object.keys[k], name) == 0)
      v = o->u.object.values[k];
  return v;
}

static const char *
string_member (yajl_val o, const char *name)
{
  yajl_val v = member (o, name);

  return v != NULL && YAJL_IS_STRING (v) ? YAJL_GET_STRING (v) : NULL;
}

static gboolean
int_member (yajl_val o, const char *name, gint64 *out)
{
  yajl_val v = member (o, name);

  if (v == NULL || !YAJL_IS_INTEGER (v))
    return FALSE;
  *out = YAJL_GET_INTEGER (v);
  return TRUE;
}

/* One entity of a JSON line: its byte span, checked against the text. */
static gboolean
json_entity (yajl_val o, const char *text, glong n_chars, AnnEntity *e, GError **error)
{
  const char *type = YAJL_IS_OBJECT (o) ? string_member (o, "type") : NULL;
  gsize len = strlen (text);
  gint64 s, e_;

  if (type == NULL || type[0] == '\0')
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           "not an object with a \"type\" string");
      return FALSE;
    }
  if (int_member (o, "bstart", &s) && int_member (o, "bend", &e_))
    {
      if (s < 0 || e_ <= s || (gsize) e_ > len || !g_utf8_validate (text + s, e_ - s, NULL)
          || ((gsize) e_ < len && (text[e_] & 0xc0) == 0x80))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "bstart/bend %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " is not a span of "
                       "whole characters inside the text (%" G_GSIZE_FORMAT " bytes)", s, e_,
                       len);
          return FALSE;
        }
    }
  else if (int_member (o, "start", &s) && int_member (o, "end", &e_))
    {
      if (s < 0 || e_ <= s || e_ > n_chars)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "start/end %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " is not a span "
                       "inside the text (%ld characters)", s, e_, n_chars);
          return FALSE;
        }
      s = g_utf8_offset_to_pointer (text, (glong) s) - text;
      e_ = g_utf8_offset_to_pointer (text, (glong) e_) - text;
    }
  else
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           "no integer \"start\" and \"end\" (or \"bstart\" and \"bend\")");
      return FALSE;
    }
  e->start = (guint32) s;
  e->end = (guint32) e_;
  e->type = g_quark_from_string (type);
  return TRUE;
}

/* The first line of yajl's message, without its "parse error: ". */
static void
set_json_error (GError **error, const char *yajl_message)
{
  const char *m = yajl_message;
  gsize n;

  if (g_str_has_prefix (m, "parse error: "))
    m += strlen ("parse error: ");
  if (g_str_has_prefix (m, "trailing garbage"))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           "text after the JSON object (one object a line)");
      return;
    }
  n = strcspn (m, "\n");
  while (n > 0 && m[n - 1] == ' ')
    n--;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "not valid JSON: %.*s", (int) n,
               m[0] != '\0' ? m : "(no message)");
}

/* json_doc: the document of one JSON line. yajl's tree parser, not
 * json-glib's: json-glib 1.6 leaks memory on some errors (a second value
 * after the first, a bad escape), found by fuzzing this loader. */
static AnnDoc *
json_doc (const char *line, guint line_no, gboolean need_entities, GError **error)
{
  g_autofree char *fallback_id = g_strdup_printf ("line %u", line_no);
  char message[1024] = "";
  yajl_val root = yajl_tree_parse (line, message, sizeof message);
  yajl_val ents;
  const char *text, *id;
  AnnDoc *d = NULL;

  if (root == NULL)
    {
      set_json_error (error, message);
      return NULL;
    }
  if (!YAJL_IS_OBJECT (root))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "not a JSON object");
      goto out;
    }
  text = string_member (root, "text");
  if (text == NULL)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "no \"text\" string");
      goto out;
    }
  /* a decoder may turn an escaped lone surrogate ("\ud800") into bytes
   * that are not UTF-8 */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           "\"text\" is not valid UTF-8 (an escaped lone surrogate?)");
      goto out;
    }
  ents = member (root, "entities");
  if (!need_entities)
    ents = NULL;
  else if (ents == NULL || !YAJL_IS_ARRAY (ents))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "no \"entities\" array");
      goto out;
    }
  id = string_member (root, "id");
  if (id == NULL)
    id = fallback_id;
  if (!g_utf8_validate (id, -1, NULL))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           "\"id\" is not valid UTF-8 (an escaped lone surrogate?)");
      goto out;
    }
  d = ann_doc_new (id, text);
  {
    glong n_chars = g_utf8_strlen (text, -1);

    for (gsize k = 0; ents != NULL && k < ents->u.array.len; k++)
      {
        AnnEntity e;

        if (!json_entity (ents->u.array.values[k], text, n_chars, &e, error))
          {
            g_prefix_error (error, "entity %" G_GSIZE_FORMAT ": ", k + 1);
            g_clear_pointer (&d, ann_doc_free);
            goto out;
          }
        g_array_append_val (d->entities, e);
      }
  }
out:
  yajl_tree_free (root);
  return d;
}

static gboolean
load_jsonl (const char *path, char **lines, GPtrArray *docs, GError **error)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      AnnDoc *d;

      if (lines[i][strspn (lines[i], " \t\r")] == '\0')
        continue;
      d = json_doc (lines[i], i + 1, TRUE, error);
      if (d == NULL)
        {
          g_prefix_error (error, "%s:%u: ", path, i + 1);
          return FALSE;
        }
      g_ptr_array_add (docs, d);
    }
  return TRUE;
}

/* [text]{TYPE} marks: strips them from @src into @d's text. */
static gboolean
parse_marked (const char *src, AnnDoc *d, GString *text, GError **error)
{
  const char *p = src;

  while (*p)
    {
      const char *close, *brace;
      AnnEntity e;

      if (*p != '[')
        {
          g_string_append_c (text, *p++);
          continue;
        }
      close = strstr (p, "]{");
      brace = close ? strchr (close, '}') : NULL;
      if (close == NULL || brace == NULL || memchr (p + 1, '[', close - p - 1) != NULL
          || close == p + 1 || brace == close + 2)
        {
          /* at most 30 bytes of the line, as valid UTF-8 even where the
           * cut falls inside a character */
          gsize n = strcspn (p, "\n");
          g_autofree char *near = g_utf8_make_valid (p, MIN (n, 30));

          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "unbalanced or empty mark near \"%s\"", near);
          return FALSE;
        }
      e.start = text->len;
      g_string_append_len (text, p + 1, close - p - 1);
      e.end = text->len;
      {
        g_autofree char *type = g_strndup (close + 2, brace - close - 2);

        e.type = g_quark_from_string (type);
      }
      g_array_append_val (d->entities, e);
      p = brace + 1;
    }
  return TRUE;
}

static gboolean
load_marked (const char *path, char **lines, GPtrArray *docs, GError **error)
{
  g_autoptr (GString) block = g_string_new (NULL);
  guint first_line = 1;

  for (guint i = 0;; i++)
    {
      gboolean end = lines[i] == NULL || strcmp (lines[i], "===") == 0;

      if (!end)
        {
          if (lines[i][0] != '#')
            {
              g_string_append (block, lines[i]);
              g_string_append_c (block, '\n');
            }
          continue;
        }
      if (block->str[strspn (block->str, " \n")] != '\0')
        {
          g_autofree char *id = g_strdup_printf ("%s#%u", path, docs->len + 1);
          g_autoptr (GString) text = g_string_new (NULL);
          AnnDoc *d = ann_doc_new (id, "");

          if (!parse_marked (block->str, d, text, error))
            {
              g_prefix_error (error, "%s: document starting at line %u: ", path, first_line);
              ann_doc_free (d);
              return FALSE;
            }
          g_free (d->text);
          d->text = g_string_free (g_steal_pointer (&text), FALSE);
          g_ptr_array_add (docs, d);
        }
      g_string_truncate (block, 0);
      first_line = i + 2;
      if (lines[i] == NULL)
        break;
    }
  return TRUE;
}

GPtrArray *
ann_load (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func (ann_doc_free);
  const char *bad;
  gsize len;
  gboolean ok;

  if ((contents = galley_input_read_file (path, 0, &len, error)) == NULL)
    return NULL;
  if (!g_utf8_validate (contents, len, &bad))
    {
      guint line_no = 1;

      for (const char *c = contents; c < bad; c++)
        line_no += *c == '\n';
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s:%u: not UTF-8 text (binary data?)", path, line_no);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  ok = g_str_has_suffix (path, ".jsonl") ? load_jsonl (path, lines, docs, error)
                                         : load_marked (path, lines, docs, error);
  if (!ok)
    return NULL;
  if (docs->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: no documents", path);
      return NULL;
    }
  return g_steal_pointer (&docs);
}

char **
ann_types (GPtrArray *docs)
{
  g_autoptr (GPtrArray) types = g_ptr_array_new ();

  for (guint k = 0; k < docs->len; k++)
    {
      const AnnDoc *d = g_ptr_array_index (docs, k);

      for (guint e = 0; e < d->entities->len; e++)
        {
          const char *t = g_quark_to_string (g_array_index (d->entities, AnnEntity, e).type);
          gboolean seen = FALSE;

          for (guint j = 0; j < types->len && !seen; j++)
            seen = strcmp (types->pdata[j], t) == 0;
          if (!seen)
            g_ptr_array_add (types, g_strdup (t));
        }
    }
  g_ptr_array_add (types, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&types), FALSE);
}

/* The copies the trainer learns from besides the documents
 * (`--augment`, tool-train.c). */

struct _AnnNames {
  GHashTable *by_type;  /* GQuark -> GPtrArray of distinct spellings */
  GHashTable *seen;     /* "TYPE\tspelling", to keep them distinct */
};

static void
names_unref (gpointer p)
{
  g_ptr_array_unref (p);
}

AnnNames *
ann_names_new (void)
{
  AnnNames *n = g_new0 (AnnNames, 1);

  n->by_type = g_hash_table_new_full (NULL, NULL, NULL, names_unref);
  n->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return n;
}

void
ann_names_free (AnnNames *n)
{
  if (n == NULL)
    return;
  g_hash_table_unref (n->by_type);
  g_hash_table_unref (n->seen);
  g_free (n);
}

void
ann_names_add (AnnNames *n, const AnnDoc *d)
{
  for (guint k = 0; k < d->entities->len; k++)
    {
      const AnnEntity *e = &g_array_index (d->entities, AnnEntity, k);
      g_autofree char *name = g_strndup (d->text + e->start, e->end - e->start);
      char *key = g_strdup_printf ("%s\t%s", g_quark_to_string (e->type), name);
      GPtrArray *list;

      if (g_hash_table_contains (n->seen, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (n->seen, key);
      list = g_hash_table_lookup (n->by_type, GUINT_TO_POINTER (e->type));
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (n->by_type, GUINT_TO_POINTER (e->type), list);
        }
      g_ptr_array_add (list, g_steal_pointer (&name));
    }
}

static gint
by_start (gconstpointer a, gconstpointer b)
{
  const AnnEntity *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

AnnDoc *
ann_doc_replace_names (const AnnDoc *d, const AnnNames *names, GRand *rand)
{
  g_autoptr (GArray) sorted = g_array_copy (d->entities);
  g_autoptr (GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  AnnDoc *out = ann_doc_new (d->id, "");
  guint32 from = 0;

  g_array_sort (sorted, by_start);
  for (guint k = 0; k < sorted->len; k++)
    {
      AnnEntity e = g_array_index (sorted, AnnEntity, k);
      g_autofree char *key = NULL;
      const char *with;

      if (e.start < from)
        continue;       /* inside the name before: dropped with it */
      /* one spelling, one replacement: a name said twice in the
       * document stays one name */
      key = g_strdup_printf ("%s\t%.*s", g_quark_to_string (e.type), (int) (e.end - e.start),
                             d->text + e.start);
      with = g_hash_table_lookup (chosen, key);
      if (with == NULL)
        {
          GPtrArray *list = g_hash_table_lookup (names->by_type, GUINT_TO_POINTER (e.type));

          with = list != NULL && list->len > 0
                   ? list->pdata[g_rand_int_range (rand, 0, (gint32) list->len)]
                   : key + strlen (g_quark_to_string (e.type)) + 1;
          g_hash_table_insert (chosen, g_steal_pointer (&key), (gpointer) with);
        }
      g_string_append_len (text, d->text + from, e.start - from);
      e.start = (guint32) text->len;
      g_string_append (text, with);
      e.end = (guint32) text->len;
      g_array_append_val (out->entities, e);
      from = g_array_index (sorted, AnnEntity, k).end;
    }
  g_string_append (text, d->text + from);
  g_free (out->text);
  out->text = g_string_free (g_steal_pointer (&text), FALSE);
  return out;
}

AnnDoc *
ann_doc_recase (const AnnDoc *d, gboolean title)
{
  AnnDoc *out = ann_doc_new (d->id, d->text);

  g_array_append_vals (out->entities, d->entities->data, d->entities->len);
  for (char *c = out->text; *c != '\0'; c++)
    if (!title || c == out->text || g_ascii_isspace (c[-1]) || strchr ("\"(-/", c[-1]) != NULL)
      *c = g_ascii_toupper (*c);
  return out;
}

gboolean
ann_each_text (const char *path, AnnTextFunc func, gpointer data, GError **error)
{
  FILE *f = fopen (path, "rb");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  guint line_no = 0, n_docs = 0;
  gboolean ok = TRUE;

  if (f == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  while (ok && (len = getline (&line, &cap, f)) >= 0)
    {
      AnnDoc *d;

      line_no++;
      /* a NUL byte fails the check too: binary data, not text */
      if (!g_utf8_validate (line, len, NULL))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%u: not UTF-8 text (binary data?)", path, line_no);
          ok = FALSE;
          break;
        }
      if (line[strspn (line, " \t\r\n")] == '\0')
        continue;
      d = json_doc (line, line_no, FALSE, error);
      if (d == NULL)
        {
          g_prefix_error (error, "%s:%u: ", path, line_no);
          ok = FALSE;
          break;
        }
      n_docs++;
      ok = func (d, data, error);
      ann_doc_free (d);
      if (!ok)
        g_prefix_error (error, "%s:%u: ", path, line_no);
    }
  if (ok && ferror (f))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: read error", path);
      ok = FALSE;
    }
  if (ok && n_docs == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: no documents", path);
      ok = FALSE;
    }
  free (line);
  fclose (f);
  return ok;
}
