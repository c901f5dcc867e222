/* crash-message.h: one line on standard error when a stage crashes a run
 * that no supervisor watches (galley run without a state, or with
 * --no-supervise).
 *
 * Without it such a run ended with the shell's "Segmentation fault" and
 * nothing else: no stage, no document, no hint. The supervisor
 * (supervisor.h) names both and goes on; this only names them, and the
 * process still dies of the signal (its exit status and core dump are
 * what they were). */
#pragma once

#include <signal.h>

#include "pipeline.h"
#include "runner.h"
#include "load-guard.h"  /* GALLEY_CRASH_SIGNALS */

G_BEGIN_DECLS


/* galley_crash_message_watch: installs the handlers of the crash signals
 * (GALLEY_CRASH_SIGNALS) and returns the watch to
 * give the runner, which tells them, per thread, the stage and document
 * in hand. @pipeline must outlive the run. */
const GalleyRunWatch *galley_crash_message_watch (GalleyPipeline *pipeline);

/* galley_crash_message_install: the same handlers for @command (a static
 * string: "galley validate"), which makes and frees the stages without
 * running them; a crash there is named as such. The plugin loader's own
 * guard (load-guard.h) takes the signals back while a plugin loads. */
void galley_crash_message_install (const char *command);

G_END_DECLS
