/* output-temps.c: removes the temporary files of a run that ended without
 * committing; see output-temps.h. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "galley-output-private.h"
#include "output-temps.h"

static guint
remove_temps_of (const char *path, gint64 since)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint removed = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *full = NULL;
      GStatBuf st;

      if (!_galley_output_is_temporary_name (name, base))
        continue;
      full = g_build_filename (dir, name, NULL);
      /* a second's margin: the file system stamps files with a coarse
       * clock, which may still read the second before @since when the
       * child creates its file just after (a crashed child's file was
       * left so once in the sanitizers' run of supervise.sh) */
      if (g_lstat (full, &st) == 0 && S_ISREG (st.st_mode) && st.st_mtime >= since - 1
          && g_unlink (full) == 0)
        removed++;
    }
  return removed;
}

guint
galley_output_temps_remove (GalleyPipeline *pipeline, gint64 since)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint removed = 0;

  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      GalleyPipelineStage *stage = g_ptr_array_index (pipeline->stages, i);

      for (const GalleyParamSpec *p = stage->klass->params; p && p->name; p++)
        {
          g_autofree char *value = NULL;
          g_autofree char *path = NULL;

          if (!(p->flags & GALLEY_PARAM_OUTPUT))
            continue;
          value = galley_params_to_string (stage->params, p->name);
          if (value == NULL || *value == '\0' || strcmp (value, "-") == 0)
            continue;
          path = strchr (value, '%') ? galley_output_expand_path (value, now)
                                     : g_strdup (value);
          removed += remove_temps_of (path, since);
        }
    }
  return removed;
}
