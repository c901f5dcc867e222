/* load-guard.h: one line on standard error naming the plugin when one
 * crashes while it is being loaded (its constructors, its init).
 *
 * A plugin is loaded into galley's own process, before any supervisor
 * exists, so a crash there kills the command: `galley plugins`, or a run
 * whose stage name needs every plugin of the path looked at (a typo).
 * Without this the shell said "Aborted" and nothing named the culprit;
 * now the process still dies of the signal, after saying which file to
 * move away. `galley plugins` goes further and loads each plugin in a
 * child process first (galley_registry_set_probe). */
#pragma once

#include <signal.h>

#include <glib.h>

G_BEGIN_DECLS

/* the signals a crash dies of: handled here, by the supervised child
 * (supervisor.c) and by an unsupervised run (crash-message.c) */
#define GALLEY_CRASH_SIGNALS { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL }

/* galley_load_guard_enter: until _leave, a crash signal prints a line
 * naming @path, then kills the process as it would have. The handlers
 * that were there before come back at _leave. Not reentrant. */
void galley_load_guard_enter (const char *path);
void galley_load_guard_leave (void);

G_END_DECLS
