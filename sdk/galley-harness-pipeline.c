/* galley-harness-pipeline.c: a harness built from installed stages named
 * in `galley run -e` syntax.
 *
 * Why libgalley-check links the core's loader (core/libgalley-load: the
 * registry, core/module.c and the inline parser) instead of loading
 * modules itself or asking the test for class pointers:
 *   - every libltdl call stays in core/module.c, as the design requires;
 *     a second, smaller loader here would be a second set of checks (ABI,
 *     names, unsafe permissions) to keep in step with the first;
 *   - a stage found by the harness is found by the same search path and
 *     refused for the same reasons as in `galley run`, and the text is
 *     parsed by the same parser (quoting, ${VAR}, a key set twice), so a
 *     chain that works in a test works in a run;
 *   - a public lookup API (the test looks classes up, then hands them
 *     over) would have to live in a library the test links anyway, and
 *     would make every test repeat the lookup and its error handling.
 * The cost is that libgalley-check depends on libltdl; only tests link
 * it. Its exports stay galley_harness_* (libgalley-check.symbols): the
 * core's functions inside it are not API.
 *
 * Stages from a plugin built for an older ABI minor are used as the
 * runner uses them: their classes hold zeroed padding where newer minors
 * added fields, which reads as "no such function". */
#include "config.h"

#include <galley/galley.h>

#include "galley-harness-private.h"
#include "pipeline.h"
#include "registry.h"

/* stage_params: the stage's key=value pairs as the strings
 * galley_harness_add() takes. */
static GStrv
stage_params (const GalleySpecStage *stage)
{
  GPtrArray *kv = g_ptr_array_new ();

  for (guint k = 0; k < stage->params->len; k++)
    {
      const GalleySpecParam *p = &g_array_index (stage->params, GalleySpecParam, k);
      g_ptr_array_add (kv, g_strdup_printf ("%s=%s", p->key, p->value));
    }
  g_ptr_array_add (kv, NULL);
  return (GStrv) g_ptr_array_free (kv, FALSE);
}

GalleyHarness *
galley_harness_new_from_pipeline (const char *inline_text, GError **error)
{
  g_autoptr (GalleyPipelineSpec) spec = NULL;
  g_autoptr (GalleyHarness) harness = NULL;
  GalleyRegistry *registry;

  g_return_val_if_fail (inline_text != NULL, NULL);
  spec = galley_pipeline_spec_parse_inline (inline_text, error);
  if (spec == NULL)
    return NULL;
  registry = galley_registry_new ();
  harness = _galley_harness_new_empty ();
  /* kept first, so that any stage created below is freed before the
   * modules holding its code close */
  _galley_harness_keep (harness, registry, (GDestroyNotify) galley_registry_free);
  galley_registry_add_default_dirs (registry, NULL);
  galley_registry_load (registry);

  for (guint i = 0; i < spec->stages->len; i++)
    {
      const GalleySpecStage *stage = g_ptr_array_index (spec->stages, i);
      g_autofree char *where = galley_pipeline_spec_where (spec, i);
      g_auto (GStrv) params = stage_params (stage);
      const GalleyStageClass *klass;

      klass = galley_registry_find (registry, stage->plugin, error);
      if (klass == NULL
          || !galley_harness_add (harness, klass, (const char *const *) params, error))
        {
          g_prefix_error (error, "%s: ", where);
          return NULL;
        }
    }
  return g_steal_pointer (&harness);
}
