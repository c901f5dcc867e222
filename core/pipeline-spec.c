/* pipeline-spec.c: the parsed, not yet compiled, pipeline and the
 * ${VAR} expansion that both of its forms use. */
#include "config.h"

#include <string.h>

#include "pipeline-private.h"

static void
spec_param_clear (gpointer data)
{
  GalleySpecParam *p = data;

  g_free (p->key);
  g_free (p->value);
}



GalleySpecStage *
galley_spec_stage_new (const char *name, const char *plugin, int line)
{
  GalleySpecStage *s = g_new0 (GalleySpecStage, 1);

  s->name = g_strdup (name);
  s->plugin = g_strdup (plugin);
  s->line = line;
  s->params = g_array_new (FALSE, TRUE, sizeof (GalleySpecParam));
  g_array_set_clear_func (s->params, spec_param_clear);
  return s;
}

void
galley_spec_stage_free (GalleySpecStage *s)
{
  g_free (s->name);
  g_free (s->plugin);
  g_array_unref (s->params);
  g_free (s);
}



GalleyProblems *
galley_problems_new (void)
{
  GalleyProblems *problems = g_new0 (GalleyProblems, 1);

  problems->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  problems->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  return problems;
}

void
galley_problems_free (GalleyProblems *problems)
{
  if (problems == NULL)
    return;
  g_ptr_array_unref (problems->errors);
  g_ptr_array_unref (problems->warnings);
  g_free (problems);
}



GalleyPipelineSpec *
galley_pipeline_spec_new (const char *origin)
{
  GalleyPipelineSpec *spec = g_new0 (GalleyPipelineSpec, 1);

  spec->origin = g_strdup (origin);
  spec->stages = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_spec_stage_free);
  spec->on_error = GALLEY_ON_ERROR_SKIP;
  spec->document_timeout = -1;
  return spec;
}

gboolean
galley_parse_checkpoint (const char *text, guint64 *documents, double *seconds)
{
  *documents = 0;
  *seconds = 0;
  if (*text == '\0')
    return FALSE;
  if (strspn (text, "0123456789") == strlen (text))
    return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, documents, NULL);
  /* a bare number is documents: a duration must say its unit */
  if (!g_ascii_isalpha (text[strlen (text) - 1]))
    return FALSE;
  return galley_parse_duration (text, seconds);
}

void
galley_pipeline_spec_free (GalleyPipelineSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->origin);
  g_free (spec->description);
  g_free (spec->rejects);
  g_free (spec->lock);
  g_free (spec->state);
  g_free (spec->checkpoint);
  g_free (spec->forget);
  g_ptr_array_unref (spec->stages);
  g_free (spec);
}

char *
galley_pipeline_spec_where (const GalleyPipelineSpec *spec, guint index)
{
  const GalleySpecStage *s = g_ptr_array_index (spec->stages, index);

  if (strcmp (spec->origin, "-e") == 0)
    return g_strdup_printf ("-e: stage %u (%s)", index + 1, s->name);
  if (s->line > 0)
    return g_strdup_printf ("%s:%d: [%s]", spec->origin, s->line, s->name);
  return g_strdup_printf ("%s: [%s]", spec->origin, s->name);
}

/* matching_brace: the '}' closing the "${" at @open, allowing nesting. */
static const char *
matching_brace (const char *open)
{
  int depth = 0;

  for (const char *p = open; *p; p++)
    {
      if (p[0] == '$' && p[1] == '{')
        {
          depth++;
          p++;
        }
      else if (*p == '}' && --depth == 0)
        return p;
    }
  return NULL;
}

char *
galley_expand_vars (const char *value, GHashTable *extra, GError **error)
{
  GString *out = g_string_new (NULL);
  const char *p = value;

  while (*p)
    {
      const char *close, *v;
      g_autofree char *inner = NULL;
      g_autofree char *def = NULL;
      char *sep;

      if (p[0] != '$' || p[1] != '{')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      close = matching_brace (p);
      if (close == NULL)
        {
          g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                       "unterminated ${ in '%s'", value);
          g_string_free (out, TRUE);
          return NULL;
        }
      inner = g_strndup (p + 2, close - p - 2);
      sep = strstr (inner, ":-");
      if (sep)
        {
          *sep = '\0';
          /* the default may itself hold ${...} */
          def = galley_expand_vars (sep + 2, extra, error);
          if (def == NULL)
            {
              g_string_free (out, TRUE);
              return NULL;
            }
        }
      v = extra ? g_hash_table_lookup (extra, inner) : NULL;
      if (v == NULL)
        v = g_getenv (inner);
      if (def && (v == NULL || *v == '\0'))
        v = def;
      if (v == NULL)
        {
          g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                       "environment variable '%s' is not set (write ${%s:-default} "
                       "for a default)", inner, inner);
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append (out, v);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}
