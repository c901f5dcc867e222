/* supervisor.c: the pipeline in a child process, restarted past the
 * documents that crash it; see supervisor.h for the design. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "crash-message.h"
#include "output-temps.h"
#include "stop-signals.h"
#include "supervisor.h"

#define ID_MAX 256
#define POLL_MS 100

/* One thread that runs stages, as the child's watch hooks fill it. */
typedef struct {
  volatile gint stage;          /* -1: no document in hand */
  volatile gint64 started_us;   /* monotonic: when the document started */
  const GalleyDocument *volatile doc;  /* the child's pointer, to see a new one */
  char id[ID_MAX];
} Slot;

/* The shared mapping: a header, then the slots. */
typedef struct {
  volatile sig_atomic_t died_slot;  /* set by the crash handler or atexit; -1 */
  volatile sig_atomic_t finished;   /* the child's work returned */
  guint n_slots;
  Slot slots[];
} Shared;

/* A document that crashed an attempt: the next child rejects it. */
typedef struct {
  char *id;
  char *stage;
  char *message;
} Condemned;

static Shared *shared;
static _Thread_local int my_slot = -1;  /* the child's thread's slot */

/* ---- In the child ---- */

void
galley_supervised_exit (int status)
{
  if (shared)
    shared->finished = 1;
  fflush (stdout);
  fflush (stderr);
  _exit (status);
}

static void
watch_begin (gpointer data, guint slot, guint stage, const GalleyDocument *doc)
{
  Slot *s = &shared->slots[slot];

  (void) data;
  my_slot = slot;
  if (s->doc != doc)
    {
      g_strlcpy (s->id, galley_document_get_id (doc), ID_MAX);
      s->started_us = g_get_monotonic_time ();
      s->doc = doc;
    }
  s->stage = stage;
}

static void
watch_end (gpointer data, guint slot)
{
  (void) data;
  shared->slots[slot].stage = -1;
  shared->slots[slot].doc = NULL;
}

static gboolean
watch_condemned (gpointer data, const GalleyDocument *doc, const char **stage,
                 const char **message)
{
  GHashTable *condemned = data;
  Condemned *c = g_hash_table_lookup (condemned, galley_document_get_id (doc));

  if (c == NULL)
    return FALSE;
  *stage = c->stage;
  *message = c->message;
  return TRUE;
}

/* on_crash: marks the slot of the thread that crashed, then dies of the
 * same signal (it is blocked while the handler runs, and the default
 * action is back when it returns). Async-signal-safe. */
static void
on_crash (int sig)
{
  if (my_slot >= 0 && shared->died_slot < 0)
    shared->died_slot = my_slot;
  signal (sig, SIG_DFL);
  raise (sig);
}

/* on_exit_hook: a stage that calls exit() runs this on its own thread. */
static void
on_exit_hook (void)
{
  if (!shared->finished && my_slot >= 0 && shared->died_slot < 0)
    shared->died_slot = my_slot;
}

static void
child_setup (pid_t parent)
{
  static const int crash_signals[] = GALLEY_CRASH_SIGNALS;
  struct sigaction sa;
  sigset_t set;

#ifdef __linux__
  /* a parent killed with SIGKILL takes its child along; a parent that
   * died between fork and prctl is caught by comparing the parent pid,
   * so an orphan never goes on to commit behind the operator's back */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != parent)
    _exit (GALLEY_EXIT_INTERRUPTED);
#endif
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_crash;
  sigemptyset (&sa.sa_mask);
  for (gsize i = 0; i < G_N_ELEMENTS (crash_signals); i++)
    sigaction (crash_signals[i], &sa, NULL);
  atexit (on_exit_hook);
  sigemptyset (&set);
  sigaddset (&set, SIGCHLD);
  pthread_sigmask (SIG_UNBLOCK, &set, NULL);
  /* Signals come from the parent, which decides about a second one. */
  galley_stop_signals_start (0, NULL, NULL);
}

static G_GNUC_NORETURN void
child_main (GalleySupervisedFunc func, gpointer data, GHashTable *condemned,
            pid_t parent)
{
  GalleyRunWatch watch = {
    .data = condemned, .begin = watch_begin, .end = watch_end,
    .condemned = watch_condemned,
  };

  child_setup (parent);
  /* not exit(): the parent's lock and state handles are not the child's
   * to release */
  galley_supervised_exit (func (&watch, data));
}

/* ---- In the parent ---- */

typedef struct {
  GalleyPipeline *pipeline;
  const GalleySupervisorOptions *opt;
  GHashTable *condemned;  /* id -> Condemned */
  pid_t child;
  gint64 child_started;   /* seconds since the epoch, for its temporary files */
  int timed_out_slot;     /* the slot the parent killed the child for; -1 */
  guint signals;
} Supervisor;

static void
condemned_free (gpointer p)
{
  Condemned *c = p;

  g_free (c->id);
  g_free (c->stage);
  g_free (c->message);
  g_free (c);
}

/* reads_stdin: whether the source reads standard input, which a new
 * child cannot read again. */
static gboolean
reads_stdin (GalleyPipeline *pipeline)
{
  GalleyPipelineStage *source = g_ptr_array_index (pipeline->stages, 0);
  g_autofree char *path = NULL;

  for (const GalleyParamSpec *p = source->klass->params; p && p->name; p++)
    if (strcmp (p->name, "path") == 0)
      path = galley_params_to_string (source->params, "path");
  return path != NULL && strcmp (path, "-") == 0;
}

/* slot_in_hand: the slot that holds a document, the oldest if several. */
static int
slot_in_hand (void)
{
  int best = -1;

  for (guint i = 0; i < shared->n_slots; i++)
    if (shared->slots[i].stage >= 0
        && (best < 0 || shared->slots[i].started_us < shared->slots[best].started_us))
      best = i;
  return best;
}

/* check_document_timeout: kills the child when a document has been in
 * hand longer than --document-timeout. */
static void
check_document_timeout (Supervisor *sv)
{
  gint64 limit = (gint64) (sv->opt->document_timeout * G_USEC_PER_SEC);
  gint64 now = g_get_monotonic_time ();

  if (limit <= 0 || sv->timed_out_slot >= 0)
    return;
  for (guint i = 0; i < shared->n_slots; i++)
    if (shared->slots[i].stage >= 0 && now - shared->slots[i].started_us > limit)
      {
        sv->timed_out_slot = i;
        kill (sv->child, SIGKILL);
        return;
      }
}

static pid_t
start_child (Supervisor *sv, GalleySupervisedFunc func, gpointer data)
{
  pid_t pid, parent;

  shared->died_slot = -1;
  shared->finished = 0;
  for (guint i = 0; i < shared->n_slots; i++)
    {
      shared->slots[i].stage = -1;
      shared->slots[i].doc = NULL;
    }
  sv->timed_out_slot = -1;
  sv->child_started = g_get_real_time () / G_USEC_PER_SEC;
  fflush (stdout);
  fflush (stderr);
  parent = getpid ();
  pid = fork ();
  if (pid == 0)
    child_main (func, data, sv->condemned, parent);
  return pid;
}

/* wait_child: until the child ends; its wait status. Passes a stop
 * signal on as SIGTERM; on a second (SIGHUP never is one: see
 * stop-signals.h), kills it and returns -1. */
static int
wait_child (Supervisor *sv)
{
  sigset_t set;

  sigemptyset (&set);
  galley_stop_signals_add (&set);
  sigaddset (&set, SIGCHLD);
  for (;;)
    {
      struct timespec poll = { 0, POLL_MS * 1000000L };
      int wstatus, sig;

      if (waitpid (sv->child, &wstatus, WNOHANG) == sv->child)
        return wstatus;
      sig = sigtimedwait (&set, NULL, &poll);
      if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
        {
          if (sv->signals++ == 0 || sig == SIGHUP)
            kill (sv->child, SIGTERM);
          else
            {
              kill (sv->child, SIGKILL);
              waitpid (sv->child, &wstatus, 0);
              return -1;
            }
        }
      check_document_timeout (sv);
    }
}

/* describe: what happened to the child, as "VERB" and "DETAIL". */
static void
describe (Supervisor *sv, int wstatus, const char **verb, char **detail)
{
  if (sv->timed_out_slot >= 0)
    {
      *verb = "timed out";
      *detail = g_strdup_printf ("still running after %g s", sv->opt->document_timeout);
    }
  else if (WIFSIGNALED (wstatus))
    {
      *verb = "crashed";
      *detail = g_strdup (strsignal (WTERMSIG (wstatus)));
    }
  else
    {
      *verb = "crashed";
      *detail = g_strdup_printf ("exited with status %d", WEXITSTATUS (wstatus));
    }
}

/* after_crash: reports the child that died; TRUE when a new child may go
 * past the document it had in hand. */
static gboolean
after_crash (Supervisor *sv, int wstatus, guint restarts)
{
  int slot = sv->timed_out_slot >= 0 ? sv->timed_out_slot
             : shared->died_slot >= 0 ? shared->died_slot : slot_in_hand ();
  g_autofree char *detail = NULL;
  const char *verb;
  GalleyPipelineStage *stage;
  Condemned *c;
  const char *then;
  gboolean again = TRUE;

  describe (sv, wstatus, &verb, &detail);
  galley_output_temps_remove (sv->pipeline, sv->child_started);
  if (sv->opt->progress)
    fputs ("\r\033[K", stderr);  /* the child's progress line */
  if (slot < 0 || shared->slots[slot].stage < 0)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL,
                        "MESSAGE", "the run %s (%s) with no document in a stage; "
                        "not restarted", verb, detail);
      return FALSE;
    }
  stage = g_ptr_array_index (sv->pipeline->stages, shared->slots[slot].stage);
  if (reads_stdin (sv->pipeline))
    {
      then = "not restarted: standard input cannot be read again";
      again = FALSE;
    }
  else if (restarts >= GALLEY_SUPERVISOR_MAX_RESTARTS)
    {
      then = "not restarted: too many restarts";
      again = FALSE;
    }
  else
    then = "run restarted after it";
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                    "GALLEY_STAGE", stage->name, "GALLEY_DOCUMENT", shared->slots[slot].id,
                    "MESSAGE", "document '%s' %s [%s] (%s); rejected, %s",
                    shared->slots[slot].id, verb, stage->name, detail, then);
  c = g_new0 (Condemned, 1);
  c->id = g_strdup (shared->slots[slot].id);
  c->stage = g_strdup (stage->name);
  c->message = g_strdup_printf ("%s (%s)", verb, detail);
  g_hash_table_replace (sv->condemned, c->id, c);
  return again;
}

int
galley_supervise (GalleyPipeline *pipeline, const GalleySupervisorOptions *options,
                  GalleySupervisedFunc func, gpointer data)
{
  Supervisor sv = { .pipeline = pipeline, .opt = options };
  gsize size = sizeof (Shared) + (options->jobs + 1) * sizeof (Slot);
  sigset_t set, old;
  guint restarts = 0;
  int status;

  shared = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED)
    {
      g_critical ("cannot map memory for the supervisor: %s; running unsupervised",
                  g_strerror (errno));
      shared = NULL;
      galley_stop_signals_start (GALLEY_STOP_SIGNALS_SECOND_EXITS, NULL, NULL);
      return func (NULL, data);
    }
  shared->n_slots = options->jobs + 1;
  sv.condemned = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, condemned_free);

  sigemptyset (&set);
  galley_stop_signals_add (&set);
  sigaddset (&set, SIGCHLD);
  pthread_sigmask (SIG_BLOCK, &set, &old);
  for (;;)
    {
      int wstatus;

      sv.child = start_child (&sv, func, data);
      if (sv.child < 0)
        {
          g_critical ("cannot start the run's process: %s", g_strerror (errno));
          status = GALLEY_EXIT_IO;
          break;
        }
      wstatus = wait_child (&sv);
      if (wstatus == -1)
        {
          galley_output_temps_remove (pipeline, sv.child_started);
          fputs ("galley: error: stopped by a second signal: nothing committed\n", stderr);
          status = GALLEY_EXIT_INTERRUPTED;
          break;
        }
      if (sv.timed_out_slot < 0 && shared->finished && WIFEXITED (wstatus))
        {
          status = WEXITSTATUS (wstatus);
          break;
        }
      if (!after_crash (&sv, wstatus, restarts))
        {
          status = GALLEY_EXIT_REJECTED;
          break;
        }
      restarts++;
    }
  if (status == GALLEY_EXIT_OK && g_hash_table_size (sv.condemned) > 0)
    status = GALLEY_EXIT_REJECTED;
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  g_hash_table_unref (sv.condemned);
  munmap (shared, size);
  shared = NULL;
  return status;
}
