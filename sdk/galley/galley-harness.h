/* galley-harness.h: test helpers for plugin authors, in the spirit of
 * GstHarness. A harness holds a chain of stage instances built from stage
 * classes (linked into the test, no module loading) and runs documents
 * through them as the runner would, on the calling thread.
 *
 *   g_autoptr (GalleyHarness) h = galley_harness_new (&my_stage, params, &err);
 *   g_autoptr (GalleyDocument) doc = galley_harness_run_text (h, "Hi.", &err);
 *   g_autofree char *s = galley_harness_dump_layer (doc, "token");
 */
/* Threads: a harness runs everything on the calling thread; use one
 * harness from one thread. */
#pragma once

#include <glib.h>
#include <galley/galley-plugin.h>

G_BEGIN_DECLS

typedef struct _GalleyHarness GalleyHarness;

/* galley_harness_new: a harness whose first stage is @klass built with
 * @params ("key=value" strings, NULL-terminated; may be NULL). Parameter
 * and create errors are returned as the runner would report them. */
GalleyHarness *galley_harness_new (const GalleyStageClass *klass,
                                   const char *const *params,
                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* galley_harness_add: appends another stage to the chain; on error the
 * chain is left as it was. */
gboolean galley_harness_add (GalleyHarness *harness,
                             const GalleyStageClass *klass,
                             const char *const *params, GError **error);

/* galley_harness_run: runs @doc (borrowed) through every filter and sink
 * of the chain, in order. FALSE with @error set when a stage rejects it.
 * A stage that drops it (galley_document_drop) ends the chain there, as
 * in a run: TRUE, and galley_document_get_drop_reason() says so.
 * A stage that breaks its contract (FALSE without an error, an error with
 * TRUE; in read_all, GALLEY_READ_OK without a document or
 * GALLEY_READ_ERROR without an error) fails with GALLEY_STAGE_ERROR_FAILED
 * naming it, so its test fails instead of crashing. */
gboolean galley_harness_run (GalleyHarness *harness, GalleyDocument *doc,
                             GError **error);

/* galley_harness_run_text: a document with id "doc-1" and @text, run
 * through the chain. Returns: (transfer full) the document, or NULL. */
GalleyDocument *galley_harness_run_text (GalleyHarness *harness,
                                         const char *text,
                                         GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* galley_harness_read_all: for a chain whose first stage is a source:
 * reads until the end, running each document through the rest of the
 * chain. Rejected items are not returned; their messages are appended to
 * @rejects (a GPtrArray of strings; may be NULL). Returns: (transfer full)
 * a GPtrArray of documents (it frees them), or NULL on a fatal error. */
GPtrArray *galley_harness_read_all (GalleyHarness *harness,
                                    GPtrArray *rejects,
                                    GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* galley_harness_commit: commits every stage, in order, then calls the
 * source's acknowledge (if any), as a run does. */
gboolean galley_harness_commit (GalleyHarness *harness, GError **error);

/* galley_harness_free: calls discard on every stage unless the harness
 * was committed, then frees them all. NULL is allowed. */
void galley_harness_free (GalleyHarness *harness);

/* galley_harness_dump_layer: the spans of @layer as text, "|"-separated:
 * the span's text for token and sentence layers, "TYPE:text" for others.
 * "" for an empty layer, NULL when there is no such layer. */
char *galley_harness_dump_layer (GalleyDocument *doc, const char *layer) G_GNUC_WARN_UNUSED_RESULT;

/* galley_harness_dump_typed: as dump_layer, always "TYPE:text".
 * Returns: (transfer full), or NULL when there is no such layer. */
char *galley_harness_dump_typed (GalleyDocument *doc, const char *layer) G_GNUC_WARN_UNUSED_RESULT;

/* galley_harness_find_span: the index of the first span of @layer whose
 * text is @text (and whose type is @type, unless NULL), or -1. */
int galley_harness_find_span (GalleyDocument *doc, const char *layer,
                              const char *text, const char *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyHarness, galley_harness_free)

G_END_DECLS
