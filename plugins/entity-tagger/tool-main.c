/* tool-main.c: galley-entity-tagger train|eval ARGS (tool.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "entity-tagger.h"
#include "plugins/tokenizer/tokenizer.h"
#include "sdk/galley-locale-private.h"
#include "tool.h"

GalleyParams *
tool_parse_params (const char *const *params, const char *model, GError **error)
{
  GalleyParams *p = galley_params_new (galley_entity_tagger_stage.params);

  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    {
      const char *eq = strchr (params[i], '=');
      g_autofree char *key = NULL;

      if (eq == NULL)
        {
          g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                       "--param '%s': expected KEY=VALUE", params[i]);
          galley_params_free (p);
          return NULL;
        }
      key = g_strndup (params[i], eq - params[i]);
      if (!galley_params_set (p, key, eq + 1, error))
        {
          galley_params_free (p);
          return NULL;
        }
    }
  if ((model != NULL && !galley_params_set (p, "model", model, error))
      || !galley_params_finish (p, error))
    {
      galley_params_free (p);
      return NULL;
    }
  return p;
}

int
tool_exit_status (const GError *error)
{
  return (error->domain == G_FILE_ERROR && error->code != G_FILE_ERROR_INVAL)
         || g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO) ? 4 : 2;
}

GalleyHarness *
tool_harness (const char *const *params, GError **error)
{
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_tokenizer_stage, NULL, error);

  if (h == NULL || !galley_harness_add (h, &galley_entity_tagger_stage, params, error))
    return NULL;
  return g_steal_pointer (&h);
}

int
main (int argc, char **argv)
{
  _galley_setlocale ();  /* as the galley command does */
  if (argc >= 2 && strcmp (argv[1], "train") == 0)
    return tool_train (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "eval") == 0)
    return tool_eval (argc - 1, argv + 1);
  fprintf (stderr, "usage: galley train entity-tagger --data FILE --out MODEL [OPTION...]\n"
                   "       galley eval entity-tagger --data FILE [--model MODEL]\n");
  return 2;
}
