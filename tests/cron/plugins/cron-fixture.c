/* cron-fixture.c: test stages for tests/cron.
 *
 * cron-crash is a filter that misbehaves on the documents whose text
 * contains marker=: it segfaults, aborts, calls exit(0) or _exit(3), or
 * hangs (sleeps forever, signals or not), after creating the file
 * touch= if given, so that a test knows the stage has the document in
 * hand. Every other document passes untouched.
 *
 * cron-pause is a sink that writes nothing; it stops the run at a chosen
 * point of the commit protocol, so that a test can SIGKILL it there
 * without guessing at timing: it creates the file marker= and then sleeps
 * (up to seconds=) at the nth write, in its commit, or in its nth
 * checkpoint (it can always checkpoint: it holds nothing). A signal (SIGTERM)
 * ends the pause, and the run goes on. Placed between two sinks, its
 * commit is the moment when the sinks before it have committed and those
 * after it and the state have not. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <galley/galley.h>

typedef struct {
  char *marker;
  char *until;
  int at;           /* index in at_choices */
  gint64 nth;
  gint64 seconds;
  gint64 written;
  gint64 checkpoints;
} Pause;

enum { AT_COMMIT, AT_WRITE, AT_CHECKPOINT };
static const char *const at_choices[] = { "commit", "write", "checkpoint", NULL };

static const GalleyParamSpec pause_params[] = {
  { "marker", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "file created when the pause point is reached", GALLEY_PARAM_REQUIRED },
  { "at", GALLEY_PARAM_CHOICE, "commit", 0, 0, at_choices,
    "where to pause: in commit, at the nth write, or in the nth checkpoint", 0 },
  { "nth", GALLEY_PARAM_INT, "1", 1, 1e9, NULL, "the write or checkpoint to pause at", 0 },
  { "seconds", GALLEY_PARAM_INT, "30", 0, 3600, NULL, "how long to pause", 0 },
  { "until", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "end the pause once this file exists (within seconds=)", 0 },
  { NULL }
};

static void
pause_here (Pause *p)
{
  g_autoptr (GError) error = NULL;

  struct timespec ts = { .tv_sec = p->seconds };

  if (!g_file_set_contents (p->marker, "", 0, &error))
    g_warning ("cron-pause: %s", error->message);
  if (p->until)
    {
      struct timespec tick = { .tv_nsec = 10 * 1000 * 1000 };

      for (gint64 i = 0; i < p->seconds * 100 && !g_file_test (p->until, G_FILE_TEST_EXISTS); i++)
        nanosleep (&tick, NULL);
      return;
    }
  /* not g_usleep: it sleeps on after a signal */
  nanosleep (&ts, NULL);
}

static gpointer
pause_create (const GalleyParams *params, GError **error)
{
  Pause *p = g_new0 (Pause, 1);

  p->marker = g_strdup (galley_params_get_path (params, "marker"));
  p->until = g_strdup (galley_params_get_path (params, "until"));
  p->at = galley_params_get_choice_index (params, "at");
  p->nth = galley_params_get_int (params, "nth");
  p->seconds = galley_params_get_int (params, "seconds");
  return p;
}

static gboolean
pause_write (gpointer self, GalleyDocument *doc, GError **error)
{
  Pause *p = self;

  if (p->at == AT_WRITE && ++p->written == p->nth)
    pause_here (p);
  return TRUE;
}

static gboolean
pause_commit (gpointer self, GError **error)
{
  Pause *p = self;

  if (p->at == AT_COMMIT)
    pause_here (p);
  return TRUE;
}

static GalleyCheckpointStatus
pause_checkpoint (gpointer self, GError **error)
{
  Pause *p = self;

  if (p->at == AT_CHECKPOINT && ++p->checkpoints == p->nth)
    pause_here (p);
  return GALLEY_CHECKPOINT_DONE;
}

static void
pause_free (gpointer self)
{
  Pause *p = self;

  g_free (p->marker);
  g_free (p->until);
  g_free (p);
}

static const GalleyStageClass cron_pause = {
  .name = "cron-pause", .kind = GALLEY_STAGE_SINK,
  .description = "Pauses the run at a write or in commit (tests)",
  .params = pause_params,
  .create = pause_create, .write = pause_write, .commit = pause_commit,
  .free = pause_free, .checkpoint = pause_checkpoint,
};

typedef enum {
  CRASH_SEGV, CRASH_ABORT, CRASH_EXIT, CRASH__EXIT, CRASH_HANG, CRASH_ABORT_IN_FREE, CRASH_PRINT
} CrashHow;

typedef struct {
  char *marker;
  char *touch;
  CrashHow how;
} Crash;

static const char *const how_choices[] = {
  "segv", "abort", "exit", "_exit", "hang", "abort-in-free", "print", NULL
};

static const GalleyParamSpec crash_params[] = {
  { "marker", GALLEY_PARAM_STRING, NULL, 0, 0, NULL,
    "misbehave on the documents whose text contains this", GALLEY_PARAM_REQUIRED },
  { "how", GALLEY_PARAM_CHOICE, "segv", 0, 0, how_choices,
    "segfault, abort(), exit(0), _exit(3), or hang forever; abort-in-free: "
    "abort() when the stage is freed, with no document in hand; print: a "
    "line on standard output, through stdio and through descriptor 1", 0 },
  { "touch", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "file created just before misbehaving", 0 },
  { NULL }
};

static gpointer
crash_create (const GalleyParams *params, GError **error)
{
  Crash *c = g_new0 (Crash, 1);

  c->marker = g_strdup (galley_params_get_string (params, "marker"));
  c->touch = g_strdup (galley_params_get_path (params, "touch"));
  c->how = galley_params_get_choice_index (params, "how");
  return c;
}

static void
hang (void)
{
  for (;;)
    {
      struct timespec ts = { .tv_sec = 3600 };
      nanosleep (&ts, NULL);
    }
}

static gboolean
crash_process (gpointer self, GalleyDocument *doc, GError **error)
{
  Crash *c = self;
  const char *text = galley_document_get_text (doc, NULL);

  if (strstr (text, c->marker) == NULL || c->how == CRASH_ABORT_IN_FREE)
    return TRUE;
  if (c->touch && !g_file_set_contents (c->touch, "", 0, NULL))
    g_warning ("cron-crash: cannot create %s", c->touch);
  switch (c->how)
    {
    case CRASH_PRINT:
      /* a plugin's debugging output, as careless ones leave it */
      printf ("cron-crash: printf on standard output\n");
      fflush (stdout);
      if (write (STDOUT_FILENO, "cron-crash: write to descriptor 1\n", 34) != 34)
        g_warning ("cron-crash: cannot write to descriptor 1");
      return TRUE;
    case CRASH_SEGV:
      /* Die of SIGSEGV as a stray pointer would, but without the stray
       * pointer: under --enable-ubsan a store through NULL is reported
       * and the process exits with status 1, and ASan's own SIGSEGV
       * handler does the same, so the supervisor would see an exit
       * instead of the signal these tests are about. Restoring the
       * default action first makes the death the same in every build. */
      signal (SIGSEGV, SIG_DFL);
      raise (SIGSEGV);
      break;
    case CRASH_ABORT:
      abort ();
    case CRASH_EXIT:
      exit (0);
    case CRASH__EXIT:
      _exit (3);
    case CRASH_HANG:
    default:
      hang ();
    }
  return TRUE;
}

static void
crash_free (gpointer self)
{
  Crash *c = self;

  if (c->how == CRASH_ABORT_IN_FREE)
    abort ();
  g_free (c->marker);
  g_free (c->touch);
  g_free (c);
}

static const GalleyStageClass cron_crash = {
  .name = "cron-crash", .kind = GALLEY_STAGE_FILTER,
  .description = "Crashes, exits or hangs on the documents holding a marker (tests)",
  .flags = GALLEY_STAGE_THREAD_SAFE,
  .params = crash_params,
  .create = crash_create, .process = crash_process, .free = crash_free,
};

static const GalleyStageClass *const stages[] = { &cron_pause, &cron_crash, NULL };

GALLEY_PLUGIN_DEFINE (cron_fixture, "cron-fixture", VERSION, "LGPL-2.1-or-later",
                      "Test stages for the cron tests", stages, NULL);
