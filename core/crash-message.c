/* crash-message.c: one line on standard error when a stage crashes an
 * unsupervised run; see crash-message.h. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "crash-message.h"

#define ID_MAX 256
#define LINE_MAX_BYTES 1024

static const GalleyPipeline *watched;
/* the command that makes and frees stages without running them (galley
 * validate), or NULL in a run */
static const char *crash_command;

/* Per thread: the stage in hand (-1: none) and its document's id, copied
 * when the document changes (the handler must not follow a pointer into
 * memory the crash may have broken). */
static _Thread_local gint current_stage = -1;
static _Thread_local const GalleyDocument *current_doc;
static _Thread_local char current_id[ID_MAX];

static const int crash_signals[] = GALLEY_CRASH_SIGNALS;
/* their names, looked up before any crash: g_strsignal() is not
 * async-signal-safe */
static const char *crash_names[G_N_ELEMENTS (crash_signals)];

static void
watch_begin (gpointer data, guint slot, guint stage, const GalleyDocument *doc)
{
  (void) data;
  (void) slot;
  if (doc != current_doc)
    {
      /* strnlen and memcpy, not g_strlcpy's byte loop: 143 -> 47
       * instructions a call (callgrind, 2,000 news articles) */
      const char *id = galley_document_get_id (doc);
      gsize n = strnlen (id, ID_MAX - 1);

      memcpy (current_id, id, n);
      current_id[n] = '\0';
      current_doc = doc;
    }
  current_stage = stage;
}

static void
watch_end (gpointer data, guint slot)
{
  (void) data;
  (void) slot;
  current_stage = -1;
  current_doc = NULL;
}

static const GalleyRunWatch watch = {
  .begin = watch_begin, .end = watch_end,
};

/* append: @s to @line (of LINE_MAX_BYTES) at *@len, cut if it is full;
 * async-signal-safe, as snprintf is not */
static void
append (char *line, gsize *len, const char *s)
{
  while (*s && *len < LINE_MAX_BYTES - 1)
    line[(*len)++] = *s++;
}

static void
on_crash (int sig)
{
  char line[LINE_MAX_BYTES];
  gsize len = 0;
  const char *name = "a signal";

  for (gsize i = 0; i < G_N_ELEMENTS (crash_signals); i++)
    if (crash_signals[i] == sig && crash_names[i] != NULL)
      name = crash_names[i];
  if (current_stage >= 0 && watched != NULL && (guint) current_stage < watched->stages->len)
    {
      const GalleyPipelineStage *stage = g_ptr_array_index (watched->stages, current_stage);

      append (line, &len, "galley: error: document '");
      append (line, &len, current_id);
      append (line, &len, "' crashed [");
      append (line, &len, stage->name);
      append (line, &len, "] (");
      append (line, &len, name);
      append (line, &len, "); the run stopped (galley run --supervise rejects "
                          "such a document and goes on)");
    }
  else if (crash_command != NULL)
    {
      append (line, &len, "galley: error: ");
      append (line, &len, crash_command);
      append (line, &len, " crashed (");
      append (line, &len, name);
      append (line, &len, ") while making or freeing the stages");
    }
  else
    {
      append (line, &len, "galley: error: the run crashed (");
      append (line, &len, name);
      append (line, &len, ") with no document in a stage");
    }
  line[len++] = '\n';
  if (write (STDERR_FILENO, line, len) < 0)
    {
      /* nothing more to do: the process dies below either way */
    }
  /* dies of the same signal: it is blocked while the handler runs, and
   * the default action is back when it returns */
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
install_handlers (void)
{
  struct sigaction sa;

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_crash;
  sigemptyset (&sa.sa_mask);
  for (gsize i = 0; i < G_N_ELEMENTS (crash_signals); i++)
    {
      crash_names[i] = g_strsignal (crash_signals[i]);
      sigaction (crash_signals[i], &sa, NULL);
    }
}

const GalleyRunWatch *
galley_crash_message_watch (GalleyPipeline *pipeline)
{
  watched = pipeline;
  install_handlers ();
  return &watch;
}

void
galley_crash_message_install (const char *command)
{
  crash_command = command;
  install_handlers ();
}
