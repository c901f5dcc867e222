/* jsonl-merge.c: append mode with one line per document id. The mechanism
 * (spill file, the run's ids, the order of the commit) is the SDK's
 * GalleyMerge; what is JSON Lines about it is here: the key of a line is
 * its id as the JSON string export-jsonl writes first on every line, so
 * that an old line is matched without parsing or unescaping it. */
#include "config.h"

#include <string.h>

#include "jsonl-merge.h"

struct _JsonlMerge {
  GalleyMerge *merge;
  GString *key;      /* scratch */
};

JsonlMerge *
jsonl_merge_new (const char *path, GError **error)
{
  GalleyMerge *merge = galley_merge_new (path, "lines", error);
  JsonlMerge *jm;

  if (merge == NULL)
    return NULL;
  jm = g_new0 (JsonlMerge, 1);
  jm->merge = merge;
  jm->key = g_string_new (NULL);
  return jm;
}

void
jsonl_merge_free (JsonlMerge *merge)
{
  if (merge == NULL)
    return;
  galley_merge_free (merge->merge);
  g_string_free (merge->key, TRUE);
  g_free (merge);
}

gboolean
jsonl_merge_add (JsonlMerge *merge, const char *id, const char *line, gsize len,
                 GError **error)
{
  g_string_truncate (merge->key, 0);
  galley_json_append_string (merge->key, id, -1);
  return galley_merge_add (merge->merge, merge->key->str, line, len, error);
}

/* line_id: the JSON string after a leading {"id": (as export-jsonl writes
 * lines), quotes included, or FALSE. */
static gboolean
line_id (const char *line, const char *end, const char **id, gsize *id_len)
{
  static const char prefix[] = "{\"id\":\"";
  const char *p = line + sizeof prefix - 1;

  if ((gsize) (end - line) < sizeof prefix - 1 || memcmp (line, prefix, sizeof prefix - 1) != 0)
    return FALSE;
  for (; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        {
          *id = line + sizeof prefix - 2;
          *id_len = p + 1 - *id;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
copy_old_lines (GalleyMerge *merge, const char *p, gsize len, GalleyOutput *out,
                gpointer user_data, GError **error)
{
  JsonlMerge *jm = user_data;
  const char *end = p + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl ? nl + 1 : end;
      const char *id;
      gsize id_len;
      gboolean replaced = FALSE;

      if (line_id (p, stop, &id, &id_len))
        {
          g_string_truncate (jm->key, 0);
          g_string_append_len (jm->key, id, id_len);
          replaced = galley_merge_has_id (merge, jm->key->str);
        }
      if (!replaced)
        {
          if (!galley_output_write (out, p, stop - p, error))
            return FALSE;
          if (nl == NULL && !galley_output_write (out, "\n", 1, error))
            return FALSE;  /* a last line without its newline gets one */
        }
      p = stop;
    }
  return TRUE;
}

void
jsonl_merge_reset (JsonlMerge *merge)
{
  galley_merge_reset (merge->merge);
}

gboolean
jsonl_merge_commit (JsonlMerge *merge, GError **error)
{
  return galley_merge_commit (merge->merge, NULL, 0, copy_old_lines, merge, error);
}
