/* stop-signals.h: SIGINT, SIGTERM and SIGHUP, handled on a thread of
 * their own.
 *
 * The signals are blocked in every thread (the mask is set before any
 * other thread exists, and threads inherit it) and one thread waits for
 * them with sigwait(), so that nothing runs in signal context and a busy
 * or stuck worker thread cannot keep a signal from being seen:
 *
 *   first signal:  galley_runner_request_stop() (stop reading, finish the
 *                  documents in flight, commit, exit 6);
 *   second signal: with GALLEY_STOP_SIGNALS_SECOND_EXITS, the abandon
 *                  callback (it removes the run's temporary files), then
 *                  _exit (6) at once: nothing is committed, every output
 *                  stays as it was. Without the flag (a supervised child,
 *                  whose parent forwards signals and decides), it is
 *                  ignored.
 *
 * SIGHUP (the terminal went away) is a first signal, however many come.
 * A SIGHUP ignored when galley starts (nohup) stays ignored. */
#pragma once

#include <signal.h>

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GALLEY_STOP_SIGNALS_SECOND_EXITS = 1 << 0,
} GalleyStopSignalsFlags;

/* galley_stop_signals_add: adds to @set the signals that stop a run:
 * SIGINT, SIGTERM, and SIGHUP unless it was ignored when first asked. */
void galley_stop_signals_add (sigset_t *set);

/* galley_stop_signals_start: blocks those signals in the calling
 * thread and starts the thread that waits for them. Call it before any
 * other thread is started. @abandon (nullable) runs on that thread before
 * the _exit of a second signal. */
void galley_stop_signals_start (GalleyStopSignalsFlags flags,
                                void (*abandon) (gpointer data), gpointer data);

G_END_DECLS
