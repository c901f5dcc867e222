/* galley-chain.c: the stage-chain steps shared by the runner and the test
 * harness; see galley-chain-private.h for why they live here. */
#include "config.h"

#include <string.h>

#include "galley-chain-private.h"
#include "galley-output-private.h"

/* expand_output_params: strftime patterns of output paths, for @now. */
static gboolean
expand_output_params (const GalleyStageClass *klass, GalleyParams *params,
                      gint64 now, GError **error)
{
  for (const GalleyParamSpec *p = klass->params; p && p->name; p++)
    {
      g_autofree char *value = NULL;
      g_autofree char *expanded = NULL;

      if (!(p->flags & GALLEY_PARAM_OUTPUT))
        continue;
      value = galley_params_to_string (params, p->name);
      if (value == NULL || strchr (value, '%') == NULL)
        continue;
      expanded = galley_output_expand_path (value, now);
      _galley_output_make_dated_directories (value, expanded);
      if (!galley_params_set (params, p->name, expanded, error))
        return FALSE;
    }
  return TRUE;
}

gpointer
_galley_chain_create (const GalleyStageClass *klass, GalleyParams *params,
                      gint64 now, GError **error)
{
  GError *local = NULL;
  gpointer instance;

  if (!expand_output_params (klass, params, now, error))
    return NULL;
  instance = klass->create (params, &local);
  if (instance == NULL && local == NULL)
    local = g_error_new_literal (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_FAILED,
                                 "the stage could not be created (no reason given)");
  if (local)
    g_propagate_error (error, local);
  return instance;
}

/* broken: the error of a stage that did not keep its contract. It names
 * the stage in the message, because the harness has no other place to
 * say which one it was, and the runner's log and rejects file then show
 * the same text. */
static void
broken (GError **error, const GalleyChainLink *link, const char *what,
        GError *dropped)
{
  if (dropped)
    g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_FAILED,
                 "stage '%s': %s: %s", link->name, what, dropped->message);
  else
    g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_FAILED,
                 "stage '%s': %s", link->name, what);
  g_clear_error (&dropped);
}

GalleyChainOutcome
_galley_chain_run (const GalleyChainLink *links, guint from, guint to,
                   GalleyDocument *doc, GalleyChainBegin begin, gpointer data,
                   guint *at, GError **error)
{
  for (guint i = from; i < to; i++)
    {
      const GalleyChainLink *l = &links[i];
      GError *local = NULL;
      gboolean ok;

      if (l->klass->kind == GALLEY_STAGE_SOURCE)
        continue;
      if (begin)
        begin (data, i, doc);
      ok = l->klass->kind == GALLEY_STAGE_SINK
           ? l->klass->write (l->instance, doc, &local)
           : l->klass->process (l->instance, doc, &local);
      *at = i;
      if (!ok && local == NULL)
        {
          broken (error, l, "failed without setting an error", NULL);
          return GALLEY_CHAIN_REJECTED;
        }
      if (!ok)
        {
          g_propagate_error (error, local);
          return GALLEY_CHAIN_REJECTED;
        }
      /* An error with success is a bug in the stage; taking either half
       * of the answer at its word could write out a document the stage
       * meant to refuse, or lose the reason it gave. Rejecting it keeps
       * the document and the message in the rejects file. */
      if (local != NULL)
        {
          broken (error, l, "set an error but returned TRUE", local);
          return GALLEY_CHAIN_REJECTED;
        }
      if (galley_document_get_drop_reason (doc) != NULL)
        return GALLEY_CHAIN_DROPPED;
    }
  return GALLEY_CHAIN_DONE;
}

GalleyReadStatus
_galley_chain_read (const GalleyChainLink *source, GalleyDocument **doc,
                    GError **error)
{
  GError *local = NULL;
  GalleyReadStatus status;

  *doc = NULL;
  status = source->klass->read (source->instance, doc, &local);
  switch (status)
    {
    case GALLEY_READ_OK:
      if (*doc == NULL)
        {
          broken (error, source, "read returned GALLEY_READ_OK without a document", local);
          return GALLEY_READ_ERROR;
        }
      if (local)
        {
          g_clear_pointer (doc, galley_document_free);
          broken (error, source, "read set an error but returned GALLEY_READ_OK", local);
          return GALLEY_READ_ERROR;
        }
      return GALLEY_READ_OK;
    case GALLEY_READ_SKIP:
      if (local == NULL)
        local = g_error_new (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                             "stage '%s': skipped an input item without setting an error",
                             source->name);
      g_propagate_error (error, local);
      return GALLEY_READ_SKIP;
    case GALLEY_READ_ERROR:
      g_clear_pointer (doc, galley_document_free);
      if (local == NULL)
        broken (error, source, "read failed without setting an error", NULL);
      else
        g_propagate_error (error, local);
      return GALLEY_READ_ERROR;
    case GALLEY_READ_IDLE:
      /* a following source waiting for input: nothing to hand on */
      g_clear_pointer (doc, galley_document_free);
      g_clear_error (&local);
      return GALLEY_READ_IDLE;
    case GALLEY_READ_END:
    default:
      g_clear_pointer (doc, galley_document_free);
      g_clear_error (&local);
      return GALLEY_READ_END;
    }
}

void
_galley_chain_check_layers (const char *where, const GalleyStageClass *klass,
                            GHashTable *produced, GPtrArray *errors)
{
  for (const char *const *r = klass->requires; r && *r; r++)
    if (!g_hash_table_contains (produced, *r))
      g_ptr_array_add (errors, g_error_new (
        GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_LAYER,
        "%s stage '%s' requires the '%s' layer, which no earlier stage "
        "produces%s", where, klass->name, *r,
        strcmp (*r, GALLEY_LAYER_TOKEN) == 0 || strcmp (*r, GALLEY_LAYER_SENTENCE) == 0
        ? " (put a tokenizer before it)" : ""));
  for (const char *const *p = klass->produces; p && *p; p++)
    g_hash_table_add (produced, (gpointer) *p);
}
