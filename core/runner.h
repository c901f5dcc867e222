/* runner.h: runs a compiled pipeline.
 *
 *   source --(bounded window)--> workers run the filters before the first
 *   sink --> reorder by sequence number --> the stages from the first sink
 *   on, in input order, on the calling thread --> commit.
 *
 * Memory is bounded by the window: at most @window documents exist at any
 * time, read but not yet written, whatever the size of the input. */
#pragma once

#include <galley/galley.h>

#include "pipeline.h"

G_BEGIN_DECLS

/* Exit statuses of galley(1); DESIGN.md fixes 0-4. */
typedef enum {
  GALLEY_EXIT_OK = 0,          /* every document done */
  GALLEY_EXIT_REJECTED = 1,    /* some documents rejected (or the run aborted on one) */
  GALLEY_EXIT_USAGE = 2,       /* usage or pipeline error */
  GALLEY_EXIT_PLUGIN = 3,      /* a plugin failed to load */
  GALLEY_EXIT_IO = 4,          /* an input or output failed */
  GALLEY_EXIT_LOCKED = 5,      /* another run holds the lock */
} GalleyExitStatus;

/* Incremental state hooks (cron): may be NULL. */
typedef struct {
  gpointer data;
  /* unchanged: TRUE when @doc was processed before with the same content,
   * or, for a source's stub with an input hash, was rejected before with
   * the same input; the runner then skips it. Called on the reading
   * thread. */
  gboolean (*unchanged) (gpointer data, GalleyDocument *doc);
  /* done: @doc went through every sink. Called in input order. */
  void (*done) (gpointer data, GalleyDocument *doc);
  /* commit: after every sink committed. */
  gboolean (*commit) (gpointer data, GError **error);
  /* rejected: @stage rejected @doc, and no sink has it: a filter before
   * the first sink, or the source on a stub that carries an input hash
   * (galley_document_set_input_hash). May be NULL. Called in input
   * order, on done's thread. */
  void (*rejected) (gpointer data, GalleyDocument *doc, const char *stage,
                    const GError *error);
} GalleyRunState;

typedef struct {
  guint jobs;               /* worker threads; 0: the number of cores */
  GalleyOnError on_error;
  const char *rejects;      /* a JSON Lines file (strftime patterns allowed), or NULL */
  double timeout;           /* seconds; 0: none */
  gboolean progress;        /* a progress line on stderr */
  const GalleyRunState *state;
} GalleyRunOptions;

typedef struct {
  guint64 read;       /* documents the source produced */
  guint64 done;       /* documents that went through every stage */
  guint64 rejected;   /* documents or input items rejected */
  guint64 unchanged;  /* skipped: the state says they were done before */
  guint64 bytes;      /* text bytes read */
  guint64 utf8_repaired; /* documents whose text had invalid UTF-8 repaired */
  double seconds;
  gboolean interrupted; /* stopped by a signal */
  gboolean timed_out;
  gboolean aborted;     /* on-error=abort fired: nothing committed */
} GalleyRunStats;

/* galley_runner_run: runs @pipeline; fills @stats; returns the exit status.
 * Errors that end the run early (a stage that cannot be built, a fatal
 * read error, a failed commit) set @error. */
GalleyExitStatus galley_runner_run (GalleyPipeline *pipeline,
                                    const GalleyRunOptions *options,
                                    GalleyRunStats *stats, GError **error);

/* galley_runner_validate: builds one instance of every stage, as a run
 * would, and frees it without processing a document (sinks discard). */
gboolean galley_runner_validate (GalleyPipeline *pipeline, GError **error);

/* galley_runner_request_stop: ask a running pipeline to stop reading and
 * finish; async-signal-safe. */
void galley_runner_request_stop (void);

/* galley_runner_reset_stop: clear a previous stop request (tests). */
void galley_runner_reset_stop (void);

/* galley_exit_status_for_error: the exit status that @error calls for. */
GalleyExitStatus galley_exit_status_for_error (const GError *error);

G_END_DECLS
