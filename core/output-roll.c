/* output-roll.c: output paths that move on with the date; see
 * output-roll.h. */
#include "config.h"

#include <string.h>

#include "output-roll.h"

typedef struct {
  const char *name;   /* the parameter's key (the plugin's static table) */
  char *pattern;      /* its value, with strftime patterns */
  char *in_use;       /* its expansion the current instance was made with */
} RolledParam;

struct _GalleyOutputRoll {
  GArray *params;     /* RolledParam */
};

static void
rolled_param_clear (gpointer data)
{
  RolledParam *p = data;

  g_free (p->pattern);
  g_free (p->in_use);
}

GalleyOutputRoll *
galley_output_roll_new (const GalleyStageClass *klass, const GalleyParams *params,
                        gint64 now)
{
  GalleyOutputRoll *roll = NULL;

  for (const GalleyParamSpec *spec = klass->params; spec && spec->name; spec++)
    {
      g_autofree char *value = NULL;
      RolledParam p;

      if (!(spec->flags & GALLEY_PARAM_OUTPUT))
        continue;
      value = galley_params_to_string (params, spec->name);
      if (value == NULL || strchr (value, '%') == NULL)
        continue;
      if (roll == NULL)
        {
          roll = g_new0 (GalleyOutputRoll, 1);
          roll->params = g_array_new (FALSE, FALSE, sizeof (RolledParam));
          g_array_set_clear_func (roll->params, rolled_param_clear);
        }
      p.name = spec->name;
      p.in_use = galley_output_expand_path (value, now);
      p.pattern = g_steal_pointer (&value);
      g_array_append_val (roll->params, p);
    }
  return roll;
}

void
galley_output_roll_free (GalleyOutputRoll *roll)
{
  if (roll == NULL)
    return;
  g_array_unref (roll->params);
  g_free (roll);
}

/* copy_params: @params as given (defaults left to finish), with the
 * rolled parameters set back to their patterns: _galley_chain_create()
 * expands them, for the same time, and makes their dated directories, as
 * it did for the run's first instance */
static GalleyParams *
copy_params (const GalleyOutputRoll *roll, const GalleyParams *params, GError **error)
{
  const GalleyParamSpec *specs = galley_params_get_specs (params);
  g_autoptr (GalleyParams) copy = galley_params_new (specs);

  for (const GalleyParamSpec *spec = specs; spec && spec->name; spec++)
    {
      g_autofree char *value = NULL;

      if (!galley_params_is_set (params, spec->name))
        continue;
      value = galley_params_to_string (params, spec->name);
      for (guint k = 0; k < roll->params->len; k++)
        if (strcmp (g_array_index (roll->params, RolledParam, k).name, spec->name) == 0)
          {
            g_free (value);
            value = g_strdup (g_array_index (roll->params, RolledParam, k).pattern);
          }
      if (value != NULL && !galley_params_set (copy, spec->name, value, error))
        return NULL;
    }
  if (!galley_params_finish (copy, error))
    return NULL;
  return g_steal_pointer (&copy);
}

GalleyParams *
galley_output_roll_params (GalleyOutputRoll *roll, const GalleyParams *params, gint64 now,
                           GError **error)
{
  g_auto (GStrv) paths = g_new0 (char *, roll->params->len + 1);
  gboolean moved = FALSE;
  GalleyParams *next;

  for (guint k = 0; k < roll->params->len; k++)
    {
      RolledParam *p = &g_array_index (roll->params, RolledParam, k);

      paths[k] = galley_output_expand_path (p->pattern, now);
      moved = moved || strcmp (paths[k], p->in_use) != 0;
    }
  if (!moved)
    return NULL;
  next = copy_params (roll, params, error);
  if (next == NULL)
    return NULL;
  for (guint k = 0; k < roll->params->len; k++)
    {
      RolledParam *p = &g_array_index (roll->params, RolledParam, k);

      g_free (p->in_use);
      p->in_use = g_strdup (paths[k]);
    }
  return next;
}

char *
galley_output_roll_describe (const GalleyOutputRoll *roll)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < roll->params->len; k++)
    {
      const RolledParam *p = &g_array_index (roll->params, RolledParam, k);

      g_string_append_printf (s, "%s%s=%s", k ? " " : "", p->name, p->in_use);
    }
  return g_string_free (s, FALSE);
}
