/* pipeline-inline.c: "read-jsonl path=- ! tokenizer ! export-jsonl path=-"
 * into a GalleyPipelineSpec, with shell quoting for values with spaces. */
#include "config.h"

#include <string.h>

#include "pipeline-private.h"

GalleyPipelineSpec *
galley_pipeline_spec_parse_inline (const char *text, GError **error)
{
  g_autoptr (GalleyPipelineSpec) spec = galley_pipeline_spec_new ("-e");
  g_autoptr (GError) local = NULL;
  g_auto (GStrv) argv = NULL;
  GalleySpecStage *stage = NULL;
  const char *bad;
  int argc = 0;

  /* Names and values are quoted back in messages, which must be UTF-8. */
  if (!g_utf8_validate (text, -1, &bad))
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                   "-e: invalid UTF-8 at byte %td: a pipeline is text", bad - text);
      return NULL;
    }
  if (!g_shell_parse_argv (text, &argc, &argv, &local))
    {
      if (g_error_matches (local, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING))
        g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                     "-e: the pipeline is empty (for example: -e 'read-jsonl "
                     "path=- ! export-jsonl path=-')");
      else if (g_error_matches (local, G_SHELL_ERROR, G_SHELL_ERROR_BAD_QUOTING))
        g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                     "-e: a quote is not closed (quote a value that holds spaces "
                     "whole: key='two words')");
      else
        g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                     "-e: %s", local->message);
      return NULL;
    }
  for (int i = 0; i < argc; i++)
    {
      const char *word = argv[i];
      const char *eq = strchr (word, '=');

      if (strcmp (word, "!") == 0)
        {
          if (stage == NULL)
            {
              g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                           "-e: '!' with no stage before it (word %d)", i + 1);
              return NULL;
            }
          stage = NULL;
          continue;
        }
      if (stage == NULL)
        {
          guint same = 0;
          g_autofree char *name = NULL;

          if (eq != NULL)
            {
              g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                           "-e: expected a stage name before '%s'", word);
              return NULL;
            }
          for (guint s = 0; s < spec->stages->len; s++)
            if (strcmp (((GalleySpecStage *) g_ptr_array_index (spec->stages, s))->plugin, word) == 0)
              same++;
          name = same ? g_strdup_printf ("%s#%u", word, same + 1) : g_strdup (word);
          stage = galley_spec_stage_new (name, word, 0);
          g_ptr_array_add (spec->stages, stage);
          continue;
        }
      if (eq == NULL || eq == word)
        {
          g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                       "-e: stage %u (%s): expected key=value or '!', got '%s'",
                       spec->stages->len, stage->name, word);
          return NULL;
        }
      {
        GalleySpecParam p = { g_strndup (word, eq - word), NULL, 0 };

        for (guint k = 0; k < stage->params->len; k++)
          if (strcmp (g_array_index (stage->params, GalleySpecParam, k).key, p.key) == 0)
            {
              /* the last would silently win, as in a file */
              g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                           "-e: stage %u (%s) %s: set twice; keep one",
                           spec->stages->len, stage->name, p.key);
              g_free (p.key);
              return NULL;
            }
        p.value = galley_expand_vars (eq + 1, NULL, &local);
        if (p.value == NULL)
          {
            g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                         "-e: stage %u (%s): %s: %s", spec->stages->len, stage->name,
                         p.key, local->message);
            g_free (p.key);
            return NULL;
          }
        g_array_append_val (stage->params, p);
      }
    }
  if (spec->stages->len == 0 || stage == NULL)
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                   spec->stages->len == 0 ? "-e: the pipeline is empty"
                                          : "-e: the pipeline ends with '!'");
      return NULL;
    }
  return g_steal_pointer (&spec);
}
