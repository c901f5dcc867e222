/* stop-signals.c: SIGINT, SIGTERM and SIGHUP on a thread of their own;
 * see stop-signals.h. */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "runner.h"
#include "stop-signals.h"

typedef struct {
  GalleyStopSignalsFlags flags;
  void (*abandon) (gpointer data);
  gpointer data;
} Waiter;

void
galley_stop_signals_add (sigset_t *set)
{
  /* Set once, before the signal is blocked: a blocked signal is no longer
   * "ignored" to the kernel, which would then queue it for sigwait(). */
  static gsize checked;
  static gboolean hup_ignored;

  if (g_once_init_enter (&checked))
    {
      struct sigaction sa;

      hup_ignored = sigaction (SIGHUP, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN;
      g_once_init_leave (&checked, 1);
    }
  sigaddset (set, SIGINT);
  sigaddset (set, SIGTERM);
  if (!hup_ignored)
    sigaddset (set, SIGHUP);
}

static gpointer
wait_for_signals (gpointer user_data)
{
  Waiter *w = user_data;
  sigset_t set;
  guint seen = 0;

  sigemptyset (&set);
  galley_stop_signals_add (&set);
  for (;;)
    {
      int sig;

      if (sigwait (&set, &sig) != 0)
        continue;
      /* A hangup comes from the terminal going away, often twice (the
       * kernel and the shell both send it): never an operator's second
       * request. */
      if (seen++ == 0 || sig == SIGHUP)
        {
          galley_runner_request_stop ();
          continue;
        }
      if (!(w->flags & GALLEY_STOP_SIGNALS_SECOND_EXITS))
        continue;
      if (w->abandon)
        w->abandon (w->data);
      fputs ("galley: error: stopped by a second signal: nothing committed\n", stderr);
      fflush (stderr);
      /* not exit(): atexit handlers and library destructors would run
       * while the workers still use the plugins' code and data */
      _exit (GALLEY_EXIT_INTERRUPTED);
    }
  return NULL;
}

void
galley_stop_signals_start (GalleyStopSignalsFlags flags,
                           void (*abandon) (gpointer data), gpointer data)
{
  static Waiter waiter;
  sigset_t set;

  waiter.flags = flags;
  waiter.abandon = abandon;
  waiter.data = data;
  sigemptyset (&set);
  galley_stop_signals_add (&set);
  pthread_sigmask (SIG_BLOCK, &set, NULL);
  galley_runner_install_wake ();
  g_thread_unref (g_thread_new ("galley-signals", wait_for_signals, &waiter));
}
