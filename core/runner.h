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

/* Exit statuses of galley(1), documented in its EXIT STATUS section. */
typedef enum {
  GALLEY_EXIT_OK = 0,          /* every document done */
  GALLEY_EXIT_REJECTED = 1,    /* some documents rejected (or the run aborted on one) */
  GALLEY_EXIT_USAGE = 2,       /* usage or pipeline error */
  GALLEY_EXIT_PLUGIN = 3,      /* a plugin failed to load */
  GALLEY_EXIT_IO = 4,          /* an input or output failed */
  GALLEY_EXIT_LOCKED = 5,      /* another run holds the lock */
  GALLEY_EXIT_INTERRUPTED = 6, /* stopped by SIGINT or SIGTERM (what was done is
                                * committed; after a second signal, nothing) */
  GALLEY_EXIT_TIMED_OUT = 7,   /* --timeout passed and documents in flight did not
                                * finish within the grace period: abandoned */
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
  /* checkpoint: as commit, at a checkpoint (every sink committed what it
   * wrote so far), then go on recording the documents that follow. May
   * be NULL: the state then records documents at the end only. */
  gboolean (*checkpoint) (gpointer data, GError **error);
  /* rejected: @stage rejected @doc, and no sink has it: a filter before
   * the first sink, or the source on a stub that carries an input hash
   * (galley_document_set_input_hash). May be NULL. Called in input
   * order, on done's thread. */
  void (*rejected) (gpointer data, GalleyDocument *doc, const char *stage,
                    const GError *error);
} GalleyRunState;

/* Supervision hooks (supervisor.h): may be NULL. */
typedef struct {
  gpointer data;
  /* begin: thread @slot starts stage @stage on @doc. Slots 0 .. jobs-1 are
   * the workers (the filters before the first sink), slot jobs the thread
   * that runs the sinks. Called once per stage and document: keep it cheap. */
  void (*begin) (gpointer data, guint slot, guint stage, const GalleyDocument *doc);
  /* end: thread @slot is done with its document. */
  void (*end) (gpointer data, guint slot);
  /* condemned: whether @doc was in hand when an earlier attempt of this
   * run crashed; if so, the runner rejects it without processing it,
   * as if @stage had, with @message, and without logging again. */
  gboolean (*condemned) (gpointer data, const GalleyDocument *doc,
                         const char **stage, const char **message);
} GalleyRunWatch;

typedef struct _GalleyRunStats GalleyRunStats;

/* What a service manager or a metrics file wants to hear while a run goes
 * on (cmd-run.c): may be NULL, and so may each function. Called on the
 * calling thread. */
typedef struct {
  gpointer data;
  /* ready: the stages are built and reading starts. */
  void (*ready) (gpointer data);
  /* checkpoint: a checkpoint committed; @stats hold the run so far. */
  void (*checkpoint) (gpointer data, const GalleyRunStats *stats);
  /* tick: at least every second while the run goes on, also while a
   * following source waits for input (a watchdog, a periodic log line). */
  void (*tick) (gpointer data, const GalleyRunStats *stats);
} GalleyRunMonitor;

typedef struct {
  guint jobs;               /* worker threads; 0: the number of cores */
  GalleyOnError on_error;
  const char *rejects;      /* a JSON Lines file (strftime patterns allowed), or NULL */
  double timeout;           /* seconds; 0: none */
  gboolean progress;        /* a progress line on stderr */
  const GalleyRunState *state;
  const GalleyRunWatch *watch;
  const GalleyRunMonitor *monitor;
  /* checkpoints: every @checkpoint_documents documents read and/or every
   * @checkpoint_seconds, whichever comes first; 0: never (one commit at
   * the end). At a checkpoint the reader stops handing out documents,
   * the ones in flight are written, every sink checkpoints, the state
   * commits, the source is acknowledged, and reading resumes. */
  guint64 checkpoint_documents;
  double checkpoint_seconds;
  /* follow: a stop signal is the normal end of the run (the source never
   * ends on its own): the status is the one of a run whose input ended. */
  gboolean follow;
  /* rejects_log_window_us: the run logs REJECTS_LOGGED_MAX (100)
   * rejections one by one, and only counts the others; with this, as
   * many in each window of this length (a following run: an hour).
   * 0: in the whole run. */
  gint64 rejects_log_window_us;
  /* stage_seconds: when not NULL, an array of one double per stage that
   * the run adds the time spent in each stage to (the source's reads
   * included), up to date at each checkpoint and at the end. */
  double *stage_seconds;
  /* watch_steps: keep when each worker began its current document, for
   * GalleyRunStats.stalled_seconds at each tick. */
  gboolean watch_steps;
} GalleyRunOptions;

struct _GalleyRunStats {
  guint64 read;       /* documents the source produced */
  guint64 done;       /* documents that went through every stage */
  guint64 rejected;   /* documents or input items rejected */
  guint64 dropped;    /* documents a filter dropped on purpose (galley_document_drop) */
  guint64 unchanged;  /* skipped: the state says they were done before */
  guint64 bytes;      /* text bytes read */
  guint64 utf8_repaired; /* documents whose text had invalid UTF-8 repaired */
  char first_repaired[256]; /* the first of them, for the summary: its
                             * origin, else its id (cut at 255 bytes) */
  double seconds;
  gboolean interrupted; /* stopped by a signal */
  gboolean timed_out;
  gboolean abandoned;   /* documents in flight were given up at the time
                         * limit: worker threads may still run, so the
                         * caller must _exit() without unloading plugins */
  gboolean aborted;     /* on-error=abort fired: nothing committed after
                         * the last checkpoint */
  guint64 checkpoints;  /* checkpoints committed */
  guint64 committed;    /* of @done, those committed: by the last
                         * checkpoint, or all of them at the end */
  gboolean failed;      /* the end committed nothing: a read, write or
                         * commit failed (@aborted says the rest) */
  guint64 position;     /* bytes of input the source went through, and */
  guint64 total;        /* the bytes it has in all; 0: unknown
                         * (GalleyStageClass.position) */
  /* with GalleyRunOptions.watch_steps, at a tick: how long the oldest
   * document in a worker's hands has been there (0: none), and the
   * index of the stage it is in. The thread that ticks runs the sinks:
   * a sink that hangs stops the ticks. */
  double stalled_seconds;
  guint stalled_stage;
};

/* galley_runner_run: runs @pipeline; fills @stats; returns the exit status.
 * Errors that end the run early (a stage that cannot be built, a fatal
 * read error, a failed commit) set @error. */
GalleyExitStatus galley_runner_run (GalleyPipeline *pipeline,
                                    const GalleyRunOptions *options,
                                    GalleyRunStats *stats, GError **error);

/* galley_runner_grace_us: how long, after --timeout @timeout (seconds),
 * the documents in flight have to finish before they are abandoned: a
 * tenth of the limit, at least 1 s and at most 60 s. */
gint64 galley_runner_grace_us (double timeout);

/* galley_runner_validate: builds one instance of every stage, as a run
 * would, and frees it without processing a document (sinks discard). */
gboolean galley_runner_validate (GalleyPipeline *pipeline, GError **error);

/* galley_runner_request_stop: ask a running pipeline to stop reading and
 * finish; async-signal-safe. A source blocked in a read (a pipe, a FIFO)
 * is woken by the signal galley_runner_install_wake() set up. */
void galley_runner_request_stop (void);

/* galley_runner_install_wake: installs the handler of the signal (SIGUSR1)
 * that the runner sends its reading thread to interrupt a blocking read
 * when it must stop. */
void galley_runner_install_wake (void);

/* galley_runner_reset_stop: clear a previous stop request (tests). */
void galley_runner_reset_stop (void);

/* galley_exit_status_for_error: the exit status that @error calls for. */
GalleyExitStatus galley_exit_status_for_error (const GError *error);

G_END_DECLS
