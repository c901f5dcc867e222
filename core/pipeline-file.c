/* pipeline-file.c: pipeline files (GKeyFile) into a GalleyPipelineSpec.
 *
 * GKeyFile does not keep line numbers, so the file is also scanned once
 * for "[group]" and "key=" lines; messages then say FILE:LINE. */
#include "config.h"

#include <string.h>

#include "pipeline-private.h"

static const char *const pipeline_keys[] = {
  "description", "stages", "on-error", "rejects", "lock", "state", NULL,
};

/* index_lines: "group" -> line and "group\nkey" -> line, 1-based. */
static GHashTable *
index_lines (const char *text)
{
  GHashTable *lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) all = g_strsplit (text, "\n", -1);
  g_autofree char *group = NULL;

  for (int i = 0; all[i]; i++)
    {
      char *l = g_strstrip (all[i]);
      char *eq;

      if (*l == '[')
        {
          char *end = strchr (l, ']');
          if (end)
            {
              g_free (group);
              group = g_strndup (l + 1, end - l - 1);
              g_hash_table_insert (lines, g_strdup (group), GINT_TO_POINTER (i + 1));
            }
        }
      else if (group && *l != '#' && (eq = strchr (l, '=')) != NULL)
        {
          g_autofree char *key = g_strndup (l, eq - l);
          g_strchomp (key);
          g_hash_table_insert (lines, g_strdup_printf ("%s\n%s", group, key),
                               GINT_TO_POINTER (i + 1));
        }
    }
  return lines;
}

static int
line_of (GHashTable *lines, const char *group, const char *key)
{
  g_autofree char *k = key ? g_strdup_printf ("%s\n%s", group, key) : g_strdup (group);

  return GPOINTER_TO_INT (g_hash_table_lookup (lines, k));
}

typedef struct {
  const char *path;
  GKeyFile *kf;
  GHashTable *lines;
  GHashTable *vars;  /* PIPELINE_DIR */
} Ctx;

static gboolean
fail_at (GError **error, Ctx *c, const char *group, const char *key,
         GalleyPipelineError code, const char *fmt, ...) G_GNUC_PRINTF (6, 7);

static gboolean
fail_at (GError **error, Ctx *c, const char *group, const char *key,
         GalleyPipelineError code, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;
  int line = group ? line_of (c->lines, group, key) : 0;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (line > 0)
    g_set_error (error, GALLEY_PIPELINE_ERROR, code, "%s:%d: %s", c->path, line, msg);
  else
    g_set_error (error, GALLEY_PIPELINE_ERROR, code, "%s: %s", c->path, msg);
  return FALSE;
}

/* get_value: the expanded string value of @key in @group. */
static char *
get_value (Ctx *c, const char *group, const char *key, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *raw = g_key_file_get_string (c->kf, group, key, &local);
  char *value;

  if (raw == NULL)
    {
      fail_at (error, c, group, key, GALLEY_PIPELINE_ERROR_SYNTAX,
               "[%s] %s: %s", group, key, local->message);
      return NULL;
    }
  value = galley_expand_vars (raw, c->vars, &local);
  if (value == NULL)
    fail_at (error, c, group, key, GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "[%s] %s: %s", group, key, local->message);
  return value;
}

static gboolean
read_pipeline_group (Ctx *c, GalleyPipelineSpec *spec, char ***stage_names,
                     GError **error)
{
  g_auto (GStrv) keys = NULL;
  g_autofree char *on_error = NULL;

  if (!g_key_file_has_group (c->kf, "pipeline"))
    return fail_at (error, c, NULL, NULL, GALLEY_PIPELINE_ERROR_MISSING,
                    "no [pipeline] group (it lists the stages: stages=read;tokenize;export)");
  keys = g_key_file_get_keys (c->kf, "pipeline", NULL, NULL);
  for (char **k = keys; k && *k; k++)
    if (!g_strv_contains (pipeline_keys, *k))
      {
        g_autofree char *valid = g_strjoinv (", ", (char **) pipeline_keys);
        return fail_at (error, c, "pipeline", *k, GALLEY_PIPELINE_ERROR_UNKNOWN_KEY,
                        "[pipeline] unknown key '%s'; valid keys: %s", *k, valid);
      }
  if (!g_key_file_has_key (c->kf, "pipeline", "stages", NULL))
    return fail_at (error, c, "pipeline", NULL, GALLEY_PIPELINE_ERROR_MISSING,
                    "[pipeline] has no stages= key");
  *stage_names = g_key_file_get_string_list (c->kf, "pipeline", "stages", NULL, NULL);
  if (*stage_names == NULL || (*stage_names)[0] == NULL)
    return fail_at (error, c, "pipeline", "stages", GALLEY_PIPELINE_ERROR_MISSING,
                    "[pipeline] stages= is empty");

#define OPTIONAL_STRING(key, field) \
  if (g_key_file_has_key (c->kf, "pipeline", key, NULL)) \
    { \
      spec->field = get_value (c, "pipeline", key, error); \
      if (spec->field == NULL) \
        return FALSE; \
    }
  OPTIONAL_STRING ("description", description);
  OPTIONAL_STRING ("rejects", rejects);
  OPTIONAL_STRING ("lock", lock);
  OPTIONAL_STRING ("state", state);
#undef OPTIONAL_STRING

  if (g_key_file_has_key (c->kf, "pipeline", "on-error", NULL))
    {
      on_error = get_value (c, "pipeline", "on-error", error);
      if (on_error == NULL)
        return FALSE;
      if (strcmp (on_error, "skip") == 0)
        spec->on_error = GALLEY_ON_ERROR_SKIP;
      else if (strcmp (on_error, "abort") == 0)
        spec->on_error = GALLEY_ON_ERROR_ABORT;
      else
        return fail_at (error, c, "pipeline", "on-error", GALLEY_PIPELINE_ERROR_BAD_VALUE,
                        "[pipeline] on-error: '%s' is not one of: skip, abort", on_error);
    }
  return TRUE;
}

static GalleySpecStage *
read_stage_group (Ctx *c, const char *name, GError **error)
{
  g_auto (GStrv) keys = NULL;
  g_autofree char *plugin = NULL;
  GalleySpecStage *stage;

  if (!g_key_file_has_group (c->kf, name))
    {
      fail_at (error, c, "pipeline", "stages", GALLEY_PIPELINE_ERROR_MISSING,
               "[pipeline] stages= names '%s' but there is no [%s] group", name, name);
      return NULL;
    }
  if (g_key_file_has_key (c->kf, name, "plugin", NULL))
    {
      plugin = get_value (c, name, "plugin", error);
      if (plugin == NULL)
        return NULL;
    }
  else
    plugin = g_strdup (name);  /* [tokenizer] alone means plugin=tokenizer */

  stage = galley_spec_stage_new (name, plugin, line_of (c->lines, name, NULL));
  keys = g_key_file_get_keys (c->kf, name, NULL, NULL);
  for (char **k = keys; k && *k; k++)
    {
      GalleySpecParam p = { 0 };

      if (strcmp (*k, "plugin") == 0)
        continue;
      p.value = get_value (c, name, *k, error);
      if (p.value == NULL)
        {
          g_array_unref (stage->params);
          stage->params = NULL;
          g_free (stage->name);
          g_free (stage->plugin);
          g_free (stage);
          return NULL;
        }
      p.key = g_strdup (*k);
      p.line = line_of (c->lines, name, *k);
      g_array_append_val (stage->params, p);
    }
  return stage;
}

GalleyPipelineSpec *
galley_pipeline_spec_load_file (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GalleyPipelineSpec) spec = NULL;
  g_auto (GStrv) stage_names = NULL;
  g_auto (GStrv) groups = NULL;
  g_autofree char *dir = NULL;
  gsize len;
  Ctx c = { path, kf, NULL, NULL };

  if (!g_file_get_contents (path, &text, &len, &local))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot read the pipeline file: %s", path, local->message);
      return NULL;
    }
  if (!g_utf8_validate_len (text, len, NULL))
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                   "%s: not a pipeline file (invalid UTF-8 or binary)", path);
      return NULL;
    }
  if (!g_key_file_load_from_data (kf, text, len, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                   "%s: %s", path, local->message);
      return NULL;
    }

  c.lines = index_lines (text);
  c.vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  {
    g_autofree char *abs = g_canonicalize_filename (path, NULL);
    dir = g_path_get_dirname (abs);
    g_hash_table_insert (c.vars, "PIPELINE_DIR", g_strdup (dir));
  }

  spec = galley_pipeline_spec_new (path);
  if (!read_pipeline_group (&c, spec, &stage_names, error))
    goto fail;
  for (char **n = stage_names; *n; n++)
    {
      GalleySpecStage *stage;

      for (char **m = stage_names; m < n; m++)
        if (strcmp (*m, *n) == 0)
          {
            fail_at (error, &c, "pipeline", "stages", GALLEY_PIPELINE_ERROR_STRUCTURE,
                     "[pipeline] stages= lists '%s' twice (give each stage its own "
                     "group; groups may use the same plugin)", *n);
            goto fail;
          }
      if (strcmp (*n, "pipeline") == 0)
        {
          fail_at (error, &c, "pipeline", "stages", GALLEY_PIPELINE_ERROR_STRUCTURE,
                   "[pipeline] stages= may not name the [pipeline] group");
          goto fail;
        }
      stage = read_stage_group (&c, *n, error);
      if (stage == NULL)
        goto fail;
      g_ptr_array_add (spec->stages, stage);
    }
  groups = g_key_file_get_groups (kf, NULL);
  for (char **g = groups; *g; g++)
    if (strcmp (*g, "pipeline") != 0 && !g_strv_contains ((const char *const *) stage_names, *g))
      {
        fail_at (error, &c, *g, NULL, GALLEY_PIPELINE_ERROR_STRUCTURE,
                 "group [%s] is not listed in [pipeline] stages=", *g);
        goto fail;
      }

  g_hash_table_unref (c.lines);
  g_hash_table_unref (c.vars);
  return g_steal_pointer (&spec);

fail:
  g_hash_table_unref (c.lines);
  g_hash_table_unref (c.vars);
  return NULL;
}
