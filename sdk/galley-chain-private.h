/* galley-chain-private.h: the stage-chain steps that the core's runner and
 * the test harness (libgalley-check) both run, so that a plugin that
 * passes its harness tests behaves the same in a real run.
 *
 * PRIVATE. This header is not installed and these functions are not SDK
 * API: they may change in any release. They live in libgalley-sdk because
 * both the core (which links libgalley-sdk, never libgalley-check: a
 * program must not depend on a test library) and libgalley-check need
 * them; the SDK is the one library below both. Their names start with an
 * underscore, which the library exports (for those two users only) and
 * tests/sdk/exports.sh leaves out of the public export list. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

/* One stage of a chain: its class, one instance, and the name that
 * messages give it (the pipeline's stage name, or the class name in the
 * harness). */
typedef struct {
  const char *name;
  const GalleyStageClass *klass;
  gpointer instance;
} GalleyChainLink;

typedef enum {
  GALLEY_CHAIN_DONE,      /* every stage took it */
  GALLEY_CHAIN_REJECTED,  /* a stage failed on it; error set */
  GALLEY_CHAIN_DROPPED,   /* a filter dropped it (galley_document_drop) */
} GalleyChainOutcome;

/* Called before each stage runs on a document (the supervisor's watch). */
typedef void (*GalleyChainBegin) (gpointer data, guint index,
                                  const GalleyDocument *doc);

/* _galley_chain_create: one instance of @klass from @params (finished):
 * strftime patterns in output parameters (GALLEY_PARAM_OUTPUT) are
 * expanded for @now (seconds since the epoch) first, in @params, so that
 * every file of one run carries the same date. A create that fails
 * without a reason gets one. Returns: (transfer full) the instance. */
gpointer _galley_chain_create (const GalleyStageClass *klass,
                               GalleyParams *params, gint64 now,
                               GError **error);

/* _galley_chain_run: runs @doc through @links[@from .. @to) in order
 * (filters process, sinks write; a source is passed over). Stops at the
 * first stage that rejects or drops it and stores that stage's index in
 * @at. The contract is checked here, once for both callers: a stage that
 * returns FALSE without an error, or TRUE with an error set, rejects the
 * document with GALLEY_STAGE_ERROR_FAILED naming the stage. @begin may be
 * NULL. */
GalleyChainOutcome _galley_chain_run (const GalleyChainLink *links,
                                      guint from, guint to,
                                      GalleyDocument *doc,
                                      GalleyChainBegin begin, gpointer data,
                                      guint *at, GError **error);

/* _galley_chain_read: @source's next item, with the contract checked:
 * GALLEY_READ_OK always with a document (otherwise GALLEY_READ_ERROR),
 * GALLEY_READ_SKIP and GALLEY_READ_ERROR always with @error set, and
 * GALLEY_READ_END with neither. *@doc may be set with SKIP (a stub that
 * carries an input hash) and must then be freed by the caller. */
GalleyReadStatus _galley_chain_read (const GalleyChainLink *source,
                                     GalleyDocument **doc, GError **error);

/* _galley_chain_check_layers: for the stage @klass at @where ("FILE:LINE:
 * [group]" or the like), one error appended to @errors for each layer it
 * requires that no earlier stage produces (the names in @produced); then
 * adds the layers it produces to @produced. */
void _galley_chain_check_layers (const char *where,
                                 const GalleyStageClass *klass,
                                 GHashTable *produced, GPtrArray *errors);

/* _galley_document_check_valid_text: from now on, for the whole process,
 * galley_document_new_take_valid() checks the text it was promised is
 * valid, and aborts naming the document when it is not. The harness calls
 * it: a plugin's tests catch a reader that breaks the promise. */
void _galley_document_check_valid_text (void);

/* _galley_run_set_stopping: what galley_run_is_stopping() answers; the
 * runner sets it with a stop request, and clears it for the next run. */
void _galley_run_set_stopping (gboolean stop);

G_END_DECLS
