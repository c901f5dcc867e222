/* log.c: the GLib structured-log writer of the galley command. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static GalleyLogLevel log_level;
static gboolean stderr_is_tty;
static gboolean use_journal;
static gboolean stderr_is_journal;
static char *pipeline_name;

gboolean
galley_log_to_terminal (void)
{
  return stderr_is_tty;
}

gboolean
galley_log_messages_on_stderr (void)
{
  return !use_journal || stderr_is_journal;
}

void
galley_log_set_pipeline (const char *name)
{
  g_free (pipeline_name);
  pipeline_name = g_strdup (name);
}

static const char *
field (const GLogField *fields, gsize n, const char *key)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (fields[i].key, key) == 0 && fields[i].length < 0)
      return fields[i].value;
  return NULL;
}

static gboolean
wanted (GLogLevelFlags level)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return TRUE;
  if (level & (G_LOG_LEVEL_MESSAGE))
    return log_level >= GALLEY_LOG_NORMAL;
  return log_level >= GALLEY_LOG_VERBOSE;  /* info and debug */
}

static void
to_stderr (GLogLevelFlags level, const char *message)
{
  const char *kind = "";

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    kind = "error: ";
  else if (level & G_LOG_LEVEL_WARNING)
    kind = "warning: ";
  fprintf (stderr, "galley: %s%s\n", kind, message);
  fflush (stderr);
}

static GLogWriterOutput
writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
        gpointer user_data)
{
  const char *message = field (fields, n_fields, "MESSAGE");

  if (!wanted (level) || message == NULL)
    return G_LOG_WRITER_HANDLED;
  if (use_journal)
    {
      GLogField *all = g_newa (GLogField, n_fields + 2);
      gsize n = n_fields;

      memcpy (all, fields, n_fields * sizeof (GLogField));
      if (pipeline_name)
        all[n++] = (GLogField) { "GALLEY_PIPELINE", pipeline_name, -1 };
      /* GLib adds none: without it `journalctl -t galley` finds nothing */
      if (field (fields, n_fields, "SYSLOG_IDENTIFIER") == NULL)
        all[n++] = (GLogField) { "SYSLOG_IDENTIFIER", "galley", -1 };
      g_log_writer_journald (level, all, n, NULL);
      if (!stderr_is_journal
          && (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
        to_stderr (level, message);
    }
  else
    to_stderr (level, message);
  if (level & G_LOG_LEVEL_ERROR)
    abort ();
  return G_LOG_WRITER_HANDLED;
}

void
galley_log_init (GalleyLogLevel level)
{
  log_level = level;
  stderr_is_tty = isatty (STDERR_FILENO);
  /* The journal only when nobody watches a terminal and it is there; a
   * service whose stderr already is the journal logs there directly. */
  stderr_is_journal = g_log_writer_is_journald (STDERR_FILENO);
  use_journal = !stderr_is_tty
                && g_getenv ("GALLEY_NO_JOURNAL") == NULL
                && (stderr_is_journal
                    || g_file_test ("/run/systemd/journal/socket", G_FILE_TEST_EXISTS));
  g_log_set_writer_func (writer, NULL, NULL);
}
