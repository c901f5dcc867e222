/* stop-signals.h: SIGINT and SIGTERM, handled on a thread of their own.
 *
 * Both signals are blocked in every thread (the mask is set before any
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
 *                  ignored. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GALLEY_STOP_SIGNALS_SECOND_EXITS = 1 << 0,
} GalleyStopSignalsFlags;

/* galley_stop_signals_start: blocks SIGINT and SIGTERM in the calling
 * thread and starts the thread that waits for them. Call it before any
 * other thread is started. @abandon (nullable) runs on that thread before
 * the _exit of a second signal. */
void galley_stop_signals_start (GalleyStopSignalsFlags flags,
                                void (*abandon) (gpointer data), gpointer data);

G_END_DECLS
