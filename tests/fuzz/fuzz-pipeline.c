/* fuzz-pipeline.c: see fuzz-pipeline.h. */
#include "config.h"

#include "fuzz-pipeline.h"

GalleyRegistry *
fuzz_pipeline_registry (void)
{
  static GalleyRegistry *registry;

  if (registry == NULL)
    {
      registry = galley_registry_new ();
      galley_registry_add_dir (registry, TOP_BUILDDIR "/plugins");
      galley_registry_load (registry);
      FUZZ_CHECK (galley_registry_get_plugins (registry)->len > 0,
                  "no plugin found under %s/plugins", TOP_BUILDDIR);
    }
  return registry;
}

static void
check_messages (GPtrArray *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      const GError *e = list->pdata[i];

      FUZZ_CHECK (e->message[0] != '\0', "an empty message");
      FUZZ_CHECK (g_utf8_validate (e->message, -1, NULL), "message not UTF-8: %s", e->message);
    }
}

void
fuzz_check_problems (GalleyProblems *problems, GalleyPipeline *pipeline)
{
  check_messages (problems->errors);
  check_messages (problems->warnings);
  FUZZ_CHECK ((pipeline == NULL) == (problems->errors->len > 0),
              "pipeline %s with %u errors", pipeline ? "compiled" : "refused",
              problems->errors->len);
}
