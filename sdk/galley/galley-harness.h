/**
 * SECTION:galley-harness
 * @title: GalleyHarness
 * @short_description: test helpers for plugin authors (libgalley-check)
 *
 * Test helpers for plugin authors, in the spirit of GstHarness, in
 * libgalley-check (pkg-config galley-check-1). A harness holds a chain of
 * stage instances built from stage classes (linked into the test, no
 * module loading) and runs documents through them as the runner would, on
 * the calling thread.
 * |[<!-- language="C" -->
 *   g_autoptr (GalleyHarness) h = galley_harness_new (&my_stage, params, &err);
 *   g_autoptr (GalleyDocument) doc = galley_harness_run_text (h, "Hi.", &err);
 *   g_autofree char *s = galley_harness_dump_layer (doc, "token");
 * ]|
 *
 * Threads: a harness runs everything on the calling thread; use one
 * harness from one thread.
 */
#pragma once

#include <glib.h>
#include <galley/galley-plugin.h>

G_BEGIN_DECLS

/**
 * GalleyHarness:
 *
 * A chain of stage instances under test (opaque).
 */
typedef struct _GalleyHarness GalleyHarness;

/**
 * galley_harness_new:
 * @klass: the first stage's class
 * @params: (nullable) (array zero-terminated=1): "key=value" strings,
 *   NULL-terminated; may be NULL
 * @error: return location for a #GError, or NULL
 *
 * A harness whose first stage is @klass built with @params.
 *
 * Returns: (transfer full) (nullable): the harness; NULL with @error set
 *   for parameter and create errors, as the runner would report them.
 */
GalleyHarness *galley_harness_new (const GalleyStageClass *klass,
                                   const char *const *params,
                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_harness_new_from_pipeline:
 * @inline_text: stages in `galley run -e` syntax:
 *   "tokenizer ! entity-tagger languages=en"
 * @error: return location for a #GError, or NULL
 *
 * A harness whose chain is the stages @inline_text names, loaded by name
 * from installed plugins as `galley run` finds them: GALLEY_PLUGIN_PATH,
 * then GALLEY_PLUGIN_SYSTEM_PATH or the system plugin directory. A test
 * can then galley_harness_add() the stage it links, so that it runs after
 * (or before) the real stages it needs. The plugins stay loaded until the
 * harness is freed. Unlike a pipeline, the chain needs no source and no
 * sink.
 *
 * Returns: (transfer full) (nullable): the harness; NULL with @error set:
 *   %GALLEY_PIPELINE_ERROR_SYNTAX for text that is not a chain of stages,
 *   %GALLEY_PLUGIN_ERROR_NOT_FOUND for a stage no plugin provides (the
 *   message names the refused modules), or a stage's parameter or create
 *   error, each prefixed with the stage ("-e: stage 2 (entity-tagger): ").
 */
GalleyHarness *galley_harness_new_from_pipeline (const char *inline_text,
                                                 GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_harness_add:
 * @harness: a harness
 * @klass: the stage's class
 * @params: (nullable) (array zero-terminated=1): "key=value" strings,
 *   NULL-terminated; may be NULL
 * @error: return location for a #GError, or NULL
 *
 * Appends another stage to the chain; on error the chain is left as it
 * was.
 *
 * Returns: FALSE with @error set, as galley_harness_new().
 */
gboolean galley_harness_add (GalleyHarness *harness,
                             const GalleyStageClass *klass,
                             const char *const *params, GError **error);

/**
 * galley_harness_run:
 * @harness: a harness
 * @doc: (transfer none): a document
 * @error: return location for a #GError, or NULL
 *
 * Runs @doc through every filter and sink of the chain, in order. A
 * stage that drops it (galley_document_drop()) ends the chain there, as in
 * a run: TRUE, and galley_document_get_drop_reason() says so. A stage that
 * breaks its contract (FALSE without an error, an error with TRUE; in
 * galley_harness_read_all(), %GALLEY_READ_OK without a document or
 * %GALLEY_READ_ERROR without an error) fails with
 * %GALLEY_STAGE_ERROR_FAILED naming it, so its test fails instead of
 * crashing.
 *
 * Returns: FALSE with @error set when a stage rejects @doc.
 */
gboolean galley_harness_run (GalleyHarness *harness, GalleyDocument *doc,
                             GError **error);

/**
 * galley_harness_run_text:
 * @harness: a harness
 * @text: the text
 * @error: return location for a #GError, or NULL
 *
 * A document with id "doc-1" and @text, run through the chain.
 *
 * Returns: (transfer full) (nullable): the document, or NULL with @error
 *   set.
 */
GalleyDocument *galley_harness_run_text (GalleyHarness *harness,
                                         const char *text,
                                         GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_harness_read_all:
 * @harness: a harness whose first stage is a source
 * @rejects: (nullable) (element-type utf8): the messages of rejected
 *   items are appended here; may be NULL
 * @error: return location for a #GError, or NULL
 *
 * Reads until the end, running each document through the rest of the
 * chain. Rejected items are not returned.
 *
 * Returns: (transfer full) (nullable) (element-type GalleyDocument): the
 *   documents (the array frees them), or NULL on a fatal error.
 */
GPtrArray *galley_harness_read_all (GalleyHarness *harness,
                                    GPtrArray *rejects,
                                    GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_harness_commit:
 * @harness: a harness
 * @error: return location for a #GError, or NULL
 *
 * Commits every stage, in order, then calls the source's acknowledge (if
 * any), as a run does.
 *
 * Returns: FALSE with @error set when a stage fails to commit.
 */
gboolean galley_harness_commit (GalleyHarness *harness, GError **error);

/**
 * galley_harness_free:
 * @harness: (nullable): a harness
 *
 * Calls discard on every stage unless the harness was committed, then
 * frees them all. NULL is allowed.
 */
void galley_harness_free (GalleyHarness *harness);

/**
 * galley_harness_dump_layer:
 * @doc: a document
 * @layer: a layer name
 *
 * The spans of @layer as text, "|"-separated: the span's text for token
 * and sentence layers, "TYPE:text" for others.
 *
 * Returns: (transfer full) (nullable): the text, "" for an empty layer, NULL
 *   when there is no such layer.
 */
char *galley_harness_dump_layer (GalleyDocument *doc, const char *layer) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_harness_dump_typed:
 * @doc: a document
 * @layer: a layer name
 *
 * As galley_harness_dump_layer(), always "TYPE:text".
 *
 * Returns: (transfer full) (nullable): the text, or NULL when there is no
 *   such layer.
 */
char *galley_harness_dump_typed (GalleyDocument *doc, const char *layer) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_harness_find_span:
 * @doc: a document
 * @layer: a layer name
 * @text: the span's text
 * @type: (nullable): the span's type, or NULL for any
 *
 * Finds the first span of @layer whose text is @text (and whose type is
 * @type, unless NULL).
 *
 * Returns: its index, or -1.
 */
int galley_harness_find_span (GalleyDocument *doc, const char *layer,
                              const char *text, const char *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyHarness, galley_harness_free)

G_END_DECLS
