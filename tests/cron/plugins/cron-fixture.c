/* cron-fixture.c: a test plugin for the kill tests of tests/cron.
 *
 * cron-pause is a sink that writes nothing; it stops the run at a chosen
 * point of the commit protocol, so that a test can SIGKILL it there
 * without guessing at timing: it creates the file marker= and then sleeps
 * (up to seconds=) at the nth write, or in its commit. A signal (SIGTERM)
 * ends the pause, and the run goes on. Placed between two sinks, its
 * commit is the moment when the sinks before it have committed and those
 * after it and the state have not. */
#include "config.h"

#include <string.h>
#include <time.h>

#include <galley/galley.h>

typedef struct {
  char *marker;
  gboolean at_commit;
  gint64 nth;
  gint64 seconds;
  gint64 written;
} Pause;

static const char *const at_choices[] = { "commit", "write", NULL };

static const GalleyParamSpec pause_params[] = {
  { "marker", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "file created when the pause point is reached", GALLEY_PARAM_REQUIRED },
  { "at", GALLEY_PARAM_CHOICE, "commit", 0, 0, at_choices,
    "where to pause: in commit, or at the nth write", 0 },
  { "nth", GALLEY_PARAM_INT, "1", 1, 1e9, NULL, "the write to pause at", 0 },
  { "seconds", GALLEY_PARAM_INT, "30", 0, 3600, NULL, "how long to pause", 0 },
  { NULL }
};

static void
pause_here (Pause *p)
{
  g_autoptr (GError) error = NULL;

  struct timespec ts = { .tv_sec = p->seconds };

  if (!g_file_set_contents (p->marker, "", 0, &error))
    g_warning ("cron-pause: %s", error->message);
  /* not g_usleep: it sleeps on after a signal */
  nanosleep (&ts, NULL);
}

static gpointer
pause_create (const GalleyParams *params, GError **error)
{
  Pause *p = g_new0 (Pause, 1);

  p->marker = g_strdup (galley_params_get_path (params, "marker"));
  p->at_commit = galley_params_get_choice_index (params, "at") == 0;
  p->nth = galley_params_get_int (params, "nth");
  p->seconds = galley_params_get_int (params, "seconds");
  return p;
}

static gboolean
pause_write (gpointer self, GalleyDocument *doc, GError **error)
{
  Pause *p = self;

  if (!p->at_commit && ++p->written == p->nth)
    pause_here (p);
  return TRUE;
}

static gboolean
pause_commit (gpointer self, GError **error)
{
  Pause *p = self;

  if (p->at_commit)
    pause_here (p);
  return TRUE;
}

static void
pause_free (gpointer self)
{
  Pause *p = self;

  g_free (p->marker);
  g_free (p);
}

static const GalleyStageClass cron_pause = {
  .name = "cron-pause", .kind = GALLEY_STAGE_SINK,
  .description = "Pauses the run at a write or in commit (tests)",
  .params = pause_params,
  .create = pause_create, .write = pause_write, .commit = pause_commit,
  .free = pause_free,
};

static const GalleyStageClass *const stages[] = { &cron_pause, NULL };

GALLEY_PLUGIN_DEFINE (cron_fixture, "cron-fixture", VERSION, "LGPL-2.1-or-later",
                      "Test stages for the cron tests", stages, NULL);
