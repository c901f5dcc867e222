/* galley-harness.c: run stages on documents in a test, no runner needed. */
#include "config.h"

#include <string.h>

#include <galley/galley.h>

typedef struct {
  const GalleyStageClass *klass;
  gpointer instance;
} Link;

struct _GalleyHarness {
  GArray *chain;  /* Link */
  gboolean committed;
};

static gpointer
build (const GalleyStageClass *klass, const char *const *params, GError **error)
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
  return klass->create (p, error);
}

GalleyHarness *
galley_harness_new (const GalleyStageClass *klass, const char *const *params,
                    GError **error)
{
  GalleyHarness *h = g_new0 (GalleyHarness, 1);

  h->chain = g_array_new (FALSE, FALSE, sizeof (Link));
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
  Link link = { klass, NULL };

  link.instance = build (klass, params, error);
  if (link.instance == NULL)
    return FALSE;
  g_array_append_val (harness->chain, link);
  return TRUE;
}

/* A stage that fails must say why: the runner prints and logs its
 * message. The harness turns a missing one into an error naming the
 * stage, so the stage's test fails instead of crashing on a NULL error. */
static gboolean
contract_broken (const Link *l, const char *what, GError **error)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_FAILED,
               "stage '%s': %s", l->klass->name, what);
  return FALSE;
}

gboolean
galley_harness_run (GalleyHarness *harness, GalleyDocument *doc, GError **error)
{
  for (guint i = 0; i < harness->chain->len; i++)
    {
      Link *l = &g_array_index (harness->chain, Link, i);
      GError *local = NULL;
      gboolean ok;

      if (l->klass->kind == GALLEY_STAGE_FILTER)
        ok = l->klass->process (l->instance, doc, &local);
      else if (l->klass->kind == GALLEY_STAGE_SINK)
        ok = l->klass->write (l->instance, doc, &local);
      else
        continue;
      if (!ok)
        {
          if (local == NULL)
            return contract_broken (l, "failed without setting an error", error);
          g_propagate_error (error, local);
          return FALSE;
        }
      if (local != NULL)
        {
          g_error_free (local);
          return contract_broken (l, "set an error but returned TRUE", error);
        }
      if (galley_document_get_drop_reason (doc) != NULL)
        break;  /* dropped: as in a run, no later stage sees it */
    }
  return TRUE;
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
  Link *src = &g_array_index (harness->chain, Link, 0);
  GPtrArray *docs;

  g_return_val_if_fail (src->klass->kind == GALLEY_STAGE_SOURCE, NULL);
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_document_free);
  for (;;)
    {
      GalleyDocument *doc = NULL;
      g_autoptr (GError) local = NULL;
      GalleyReadStatus status = src->klass->read (src->instance, &doc, &local);

      switch (status)
        {
        case GALLEY_READ_END:
          return docs;
        case GALLEY_READ_ERROR:
          if (local == NULL)
            contract_broken (src, "read failed without setting an error", error);
          else
            g_propagate_error (error, g_steal_pointer (&local));
          galley_document_free (doc);
          g_ptr_array_unref (docs);
          return NULL;
        case GALLEY_READ_SKIP:
          if (rejects)
            g_ptr_array_add (rejects, g_strdup (local ? local->message : "rejected"));
          galley_document_free (doc);
          break;
        case GALLEY_READ_OK:
          if (doc == NULL)
            {
              contract_broken (src, "read returned GALLEY_READ_OK without a document", error);
              g_ptr_array_unref (docs);
              return NULL;
            }
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
      Link *l = &g_array_index (harness->chain, Link, i);
      if (l->klass->commit && !l->klass->commit (l->instance, error))
        return FALSE;
    }
  harness->committed = TRUE;
  return TRUE;
}

void
galley_harness_free (GalleyHarness *harness)
{
  if (harness == NULL)
    return;
  for (guint i = 0; i < harness->chain->len; i++)
    {
      Link *l = &g_array_index (harness->chain, Link, i);
      if (!harness->committed && l->klass->discard)
        l->klass->discard (l->instance);
      l->klass->free (l->instance);
    }
  g_array_unref (harness->chain);
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
