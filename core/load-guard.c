/* load-guard.c: see load-guard.h. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "load-guard.h"

static const int guarded_signals[] = GALLEY_CRASH_SIGNALS;

/* the line, in three parts around the signal's name, written before any
 * crash: nothing in the handler may allocate or format */
static char *line_head;
static const char *signal_names[G_N_ELEMENTS (guarded_signals)];
static const char line_tail[] = "); move it out of the plugin path\n";
static struct sigaction saved[G_N_ELEMENTS (guarded_signals)];

static void
say (const char *s)
{
  if (write (STDERR_FILENO, s, strlen (s)) < 0)
    {
      /* nothing more to do: the process dies below either way */
    }
}

static void
on_crash (int sig)
{
  const char *name = "a signal";

  for (gsize i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
    if (guarded_signals[i] == sig)
      name = signal_names[i];
  say (line_head);
  say (name);
  say (line_tail);
  /* dies of the same signal: it is blocked while the handler runs, and
   * the default action is back when it returns (as crash-message.c) */
  signal (sig, SIG_DFL);
  raise (sig);
}

void
galley_load_guard_enter (const char *path)
{
  struct sigaction sa;

  g_free (line_head);
  line_head = g_strdup_printf ("galley: error: %s: the plugin crashed while loading (", path);
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_crash;
  sigemptyset (&sa.sa_mask);
  for (gsize i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
    {
      signal_names[i] = g_strsignal (guarded_signals[i]);
      sigaction (guarded_signals[i], &sa, &saved[i]);
    }
}

void
galley_load_guard_leave (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
    sigaction (guarded_signals[i], &saved[i], NULL);
  g_clear_pointer (&line_head, g_free);
}
