/* supervisor.h: runs the pipeline in a child process and watches it.
 *
 * `galley run` with a state (or --supervise) forks; the child runs the
 * pipeline, the parent waits. When a stage crashes (SIGSEGV, SIGABRT,
 * ...), calls exit() or _exit(), or holds one document longer than
 * --document-timeout, the child dies (or is killed) with nothing
 * committed. The parent then names the document and the stage in one
 * warning, removes the child's temporary output files, and starts a new
 * child that rejects that document at once (the state records it as
 * rejected with its content hash, like any filter rejection) and does
 * everything else. The run then exits 1 at least.
 *
 * How the parent knows the document in hand: a shared anonymous mapping,
 * made before the first fork, holds one slot per thread that runs stages
 * (GalleyRunWatch: the workers, and the thread of the sinks) with the
 * stage index, the document id and when the document started. A handler
 * of the crash signals and an atexit hook mark the slot of the thread
 * that died, with async-signal-safe stores only, before the process ends.
 * A stage that calls _exit() leaves no mark: the parent then takes the
 * slot that holds a document, the oldest if several do.
 *
 * The parent stays single-threaded (it forks again), so it takes SIGINT
 * and SIGTERM with sigtimedwait(): the first is passed on to the child
 * (which finishes and commits), a second kills the child and ends the run
 * at once, nothing committed, status 6. The lock stays with the parent;
 * the child opens the state, logs, and draws the progress line. */
#pragma once

#include <glib.h>

#include "pipeline.h"
#include "runner.h"

G_BEGIN_DECLS

/* How many times a run restarts after a crash before it gives up. */
#define GALLEY_SUPERVISOR_MAX_RESTARTS 10

typedef struct {
  guint jobs;               /* as the runner will use (resolved, not 0) */
  double document_timeout;  /* seconds; 0: none */
  gboolean progress;        /* the child draws a progress line on stderr */
} GalleySupervisorOptions;

/* The child's work: runs the pipeline with @watch in its options and
 * returns the exit status. */
typedef int (*GalleySupervisedFunc) (const GalleyRunWatch *watch, gpointer data);

/* galley_supervise: runs @func in a child process, again after each crash
 * (at most GALLEY_SUPERVISOR_MAX_RESTARTS times), and returns the exit
 * status of the run: the last child's, but never 0 after a crash. */
int galley_supervise (GalleyPipeline *pipeline, const GalleySupervisorOptions *options,
                      GalleySupervisedFunc func, gpointer data);

/* galley_supervised_exit: ends the process at once with @status, without
 * atexit handlers; in a supervised child, tells the parent that the run
 * ended as it should (a stage that calls exit() does not). */
G_GNUC_NORETURN void galley_supervised_exit (int status);

G_END_DECLS
