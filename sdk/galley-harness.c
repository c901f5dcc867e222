/* galley-harness.c: run stages on documents in a test, no runner needed. */
#include "config.h"

#include <string.h>

#include <galley/galley.h>

#include "galley-chain-private.h"
#include "galley-harness-private.h"

/* The stage-chain steps (instance creation, the contract checks, drops,
 * reading from a source) are the runner's own, from galley-chain.c: a
 * stage that passes its harness tests behaves the same in a real run.
 * What the harness adds is only what a test needs: parameters as
 * "key=value" strings, documents handed in by the test, one thread (a
 * run with one job: one instance of each stage, even of a filter that
 * is not thread-safe). */
struct _GalleyHarness {
  GArray *chain;  /* GalleyChainLink */
  gboolean committed;
  gpointer kept;  /* freed after the stages: see _galley_harness_keep */
  GDestroyNotify kept_free;
};

static GalleyChainLink *
link_at (GalleyHarness *harness, guint i)
{
  return &g_array_index (harness->chain, GalleyChainLink, i);
}

static GalleyParams *
parse_params (const GalleyStageClass *klass, const char *const *params,
              GError **error)
{
  g_autoptr (GalleyParams) p = galley_params_new (klass->params);

  for (const char *const *kv = params; kv && *kv; kv++)
    {
      const char *eq = strchr (*kv, '=');
      g_autofree char *key = NULL;

      if (eq == NULL)
        {
          g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                       "stage '%s': expected key=value, got '%s'", klass->name, *kv);
          return NULL;
        }
      key = g_strndup (*kv, eq - *kv);
      if (!galley_params_set (p, key, eq + 1, error))
        return NULL;
    }
  if (!galley_params_finish (p, error))
    return NULL;
  return g_steal_pointer (&p);
}

/* check_layers: in a chain that starts with a source, as in a pipeline,
 * every layer the new stage requires must come from an earlier one (the
 * message `galley validate` gives). Without a source the test hands the
 * documents in, and they may carry the layers already. */
static gboolean
check_layers (GalleyHarness *harness, const GalleyStageClass *klass,
              GError **error)
{
  g_autoptr (GHashTable) produced = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autofree char *where = NULL;

  if (harness->chain->len == 0
      || link_at (harness, 0)->klass->kind != GALLEY_STAGE_SOURCE)
    return TRUE;
  for (guint i = 0; i < harness->chain->len; i++)
    _galley_chain_check_layers ("", link_at (harness, i)->klass, produced, errors);
  g_ptr_array_set_size (errors, 0);  /* the chain so far was checked before */
  where = g_strdup_printf ("harness: stage %u (%s):", harness->chain->len + 1, klass->name);
  _galley_chain_check_layers (where, klass, produced, errors);
  if (errors->len == 0)
    return TRUE;
  g_propagate_error (error, g_ptr_array_steal_index (errors, 0));
  return FALSE;
}

GalleyHarness *
_galley_harness_new_empty (void)
{
  GalleyHarness *h = g_new0 (GalleyHarness, 1);

  /* a test process: readers' promises of valid text are checked */
  _galley_document_check_valid_text ();
  h->chain = g_array_new (FALSE, FALSE, sizeof (GalleyChainLink));
  return h;
}

void
_galley_harness_keep (GalleyHarness *harness, gpointer data,
                      GDestroyNotify free_func)
{
  g_assert (harness->kept == NULL);
  harness->kept = data;
  harness->kept_free = free_func;
}

GalleyHarness *
galley_harness_new (const GalleyStageClass *klass, const char *const *params,
                    GError **error)
{
  GalleyHarness *h = _galley_harness_new_empty ();

  if (!galley_harness_add (h, klass, params, error))
    {
      galley_harness_free (h);
      return NULL;
    }
  return h;
}

gboolean
galley_harness_add (GalleyHarness *harness, const GalleyStageClass *klass,
                    const char *const *params, GError **error)
{
  g_autoptr (GalleyParams) p = NULL;
  GalleyChainLink link = { klass->name, klass, NULL };

  if (!check_layers (harness, klass, error))
    return FALSE;
  p = parse_params (klass, params, error);
  if (p == NULL)
    return FALSE;
  link.instance = _galley_chain_create (klass, p, g_get_real_time () / G_USEC_PER_SEC,
                                        error);
  if (link.instance == NULL)
    return FALSE;
  g_array_append_val (harness->chain, link);
  return TRUE;
}

gboolean
galley_harness_run (GalleyHarness *harness, GalleyDocument *doc, GError **error)
{
  guint at;

  /* dropped: as in a run, no later stage sees it, and it is no error */
  return _galley_chain_run ((GalleyChainLink *) harness->chain->data, 0,
                            harness->chain->len, doc, NULL, NULL, &at, error)
         != GALLEY_CHAIN_REJECTED;
}

GalleyDocument *
galley_harness_run_text (GalleyHarness *harness, const char *text, GError **error)
{
  GalleyDocument *doc = galley_document_new ("doc-1", text, -1);

  if (doc == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "harness: text is not valid UTF-8");
      return NULL;
    }
  if (!galley_harness_run (harness, doc, error))
    {
      galley_document_free (doc);
      return NULL;
    }
  return doc;
}

GPtrArray *
galley_harness_read_all (GalleyHarness *harness, GPtrArray *rejects,
                         GError **error)
{
  GalleyChainLink *src = link_at (harness, 0);
  GPtrArray *docs;

  g_return_val_if_fail (src->klass->kind == GALLEY_STAGE_SOURCE, NULL);
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_document_free);
  for (;;)
    {
      GalleyDocument *doc = NULL;
      g_autoptr (GError) local = NULL;

      switch (_galley_chain_read (src, &doc, &local))
        {
        case GALLEY_READ_END:
          return docs;
        case GALLEY_READ_ERROR:
          g_propagate_error (error, g_steal_pointer (&local));
          g_ptr_array_unref (docs);
          return NULL;
        case GALLEY_READ_IDLE:
          break;  /* a following source: ask again */
        case GALLEY_READ_SKIP:
          if (rejects)
            g_ptr_array_add (rejects, g_strdup (local->message));
          galley_document_free (doc);
          break;
        case GALLEY_READ_OK:
          if (galley_harness_run (harness, doc, &local))
            g_ptr_array_add (docs, doc);
          else
            {
              if (rejects)
                g_ptr_array_add (rejects, g_strdup (local->message));
              galley_document_free (doc);
            }
          break;
        }
    }
}

gboolean
galley_harness_commit (GalleyHarness *harness, GError **error)
{
  for (guint i = 0; i < harness->chain->len; i++)
    {
      GalleyChainLink *l = link_at (harness, i);
      if (l->klass->commit && !l->klass->commit (l->instance, error))
        return FALSE;
    }
  harness->committed = TRUE;
  /* then, as in a run, the source learns that what it read is durable */
  for (guint i = 0; i < harness->chain->len; i++)
    {
      GalleyChainLink *l = link_at (harness, i);
      if (l->klass->kind == GALLEY_STAGE_SOURCE && l->klass->acknowledge
          && !l->klass->acknowledge (l->instance, error))
        return FALSE;
    }
  return TRUE;
}

void
galley_harness_free (GalleyHarness *harness)
{
  if (harness == NULL)
    return;
  for (guint i = 0; i < harness->chain->len; i++)
    {
      GalleyChainLink *l = link_at (harness, i);
      if (!harness->committed && l->klass->discard)
        l->klass->discard (l->instance);
      l->klass->free (l->instance);
    }
  g_array_unref (harness->chain);
  if (harness->kept_free)
    harness->kept_free (harness->kept);
  g_free (harness);
}

static char *
dump (GalleyDocument *doc, const char *name, gboolean typed)
{
  GalleyLayer *layer = galley_document_get_layer (doc, name);
  const char *text = galley_document_get_text (doc, NULL);
  const GalleySpan *spans;
  GString *s;
  guint n;

  if (layer == NULL)
    return NULL;
  spans = galley_layer_get_spans (layer, &n);
  s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append_c (s, '|');
      if (typed)
        g_string_append_printf (s, "%s:", g_quark_to_string (spans[i].type));
      g_string_append_len (s, text + spans[i].start, spans[i].end - spans[i].start);
    }
  return g_string_free (s, FALSE);
}

char *
galley_harness_dump_layer (GalleyDocument *doc, const char *layer)
{
  gboolean plain = strcmp (layer, GALLEY_LAYER_TOKEN) == 0
                   || strcmp (layer, GALLEY_LAYER_SENTENCE) == 0;
  return dump (doc, layer, !plain);
}

char *
galley_harness_dump_typed (GalleyDocument *doc, const char *layer)
{
  return dump (doc, layer, TRUE);
}

int
galley_harness_find_span (GalleyDocument *doc, const char *name,
                          const char *text, const char *type)
{
  GalleyLayer *layer = galley_document_get_layer (doc, name);
  const char *doc_text = galley_document_get_text (doc, NULL);
  gsize want = strlen (text);
  const GalleySpan *spans;
  guint n;

  if (layer == NULL)
    return -1;
  spans = galley_layer_get_spans (layer, &n);
  for (guint i = 0; i < n; i++)
    if (spans[i].end - spans[i].start == want
        && memcmp (doc_text + spans[i].start, text, want) == 0
        && (type == NULL || g_strcmp0 (g_quark_to_string (spans[i].type), type) == 0))
      return (int) i;
  return -1;
}
