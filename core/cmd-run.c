/* cmd-run.c: `galley run` and `galley validate`. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "log.h"
#include "pipeline.h"
#include "runner.h"

typedef struct {
  char *inline_text;
  int jobs;
  char *on_error;
  char *rejects;
  double timeout;
  gboolean no_progress;
} RunOptions;

/* load_pipeline: the spec from FILE or -e TEXT, compiled; on failure
 * prints the error and sets *status. */
static GalleyPipeline *
load_pipeline (const char *command, int argc, char **argv, const char *inline_text,
               GalleyRegistry *registry, int *status)
{
  g_autoptr (GError) error = NULL;
  GalleyPipelineSpec *spec;
  GalleyPipeline *pipeline;

  if ((inline_text == NULL) == (argc != 2))
    {
      *status = galley_fail (GALLEY_EXIT_USAGE,
                             "galley %s takes one pipeline FILE, or -e 'PIPELINE' "
                             "(try 'galley %s --help')", command, command);
      return NULL;
    }
  spec = inline_text ? galley_pipeline_spec_parse_inline (inline_text, &error)
                     : galley_pipeline_spec_load_file (argv[1], &error);
  if (spec == NULL)
    {
      *status = galley_fail (galley_exit_status_for_error (error), "%s", error->message);
      return NULL;
    }
  pipeline = galley_pipeline_compile (spec, registry, &error);
  if (pipeline == NULL)
    {
      int code = galley_exit_status_for_error (error);
      /* An unknown stage is a typo (2) unless some plugin failed to load (3). */
      if (g_error_matches (error, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_NOT_FOUND)
          && galley_registry_get_failures (registry)->len == 0)
        code = GALLEY_EXIT_USAGE;
      *status = galley_fail (code, "%s", error->message);
      return NULL;
    }
  return pipeline;
}

static void
on_signal (int sig)
{
  galley_runner_request_stop ();
  /* A second signal of the same kind ends the process the usual way. */
  signal (sig, SIG_DFL);
}

static void
install_signal_handlers (void)
{
  struct sigaction sa;

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sa.sa_flags = 0;  /* no SA_RESTART: a blocking read returns and sees the stop */
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
}

static void
print_summary (const GalleyRunStats *s, int status)
{
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%" G_GUINT64_FORMAT " read, %" G_GUINT64_FORMAT
                          " done, %" G_GUINT64_FORMAT " rejected",
                          s->read, s->done, s->rejected);
  if (s->unchanged)
    g_string_append_printf (line, ", %" G_GUINT64_FORMAT " unchanged", s->unchanged);
  if (s->utf8_repaired)
    g_string_append_printf (line, ", %" G_GUINT64_FORMAT " with invalid UTF-8 repaired",
                            s->utf8_repaired);
  g_string_append_printf (line, " in %.2f s (%.1f MB/s)", s->seconds,
                          s->seconds > 0 ? s->bytes / 1e6 / s->seconds : 0.0);
  if (s->aborted)
    g_string_append (line, "; aborted (on-error=abort): nothing committed");
  if (s->interrupted)
    g_string_append (line, "; interrupted");
  if (s->timed_out)
    g_string_append (line, "; stopped at the time limit");
  /* The summary is a message: --quiet hides it unless the run failed. */
  if (status != GALLEY_EXIT_OK && galley_common.quiet)
    fprintf (stderr, "galley: %s\n", line->str);
  else
    g_message ("%s", line->str);
}

int
galley_cmd_run (int argc, char **argv)
{
  RunOptions o = { 0 };
  const GOptionEntry entries[] = {
    { "pipeline", 'e', 0, G_OPTION_ARG_STRING, &o.inline_text,
      "Run this inline pipeline: 'read-jsonl path=- ! tokenizer ! export-jsonl path=-'", "TEXT" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &o.jobs,
      "Worker threads (default: the number of cores)", "N" },
    { "on-error", 0, 0, G_OPTION_ARG_STRING, &o.on_error,
      "skip (log, count, go on) or abort (stop, commit nothing)", "POLICY" },
    { "rejects", 0, 0, G_OPTION_ARG_FILENAME, &o.rejects,
      "Append rejected documents and their errors to this JSON Lines file", "FILE" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o.timeout,
      "Stop reading after this many seconds, finish and commit", "SECONDS" },
    { "no-progress", 0, 0, G_OPTION_ARG_NONE, &o.no_progress,
      "No progress line, even on a terminal", NULL },
    { NULL }
  };
  g_autoptr (GalleyRegistry) registry = NULL;
  g_autoptr (GalleyPipeline) pipeline = NULL;
  g_autoptr (GError) error = NULL;
  GalleyRunOptions run = { 0 };
  GalleyRunStats stats;
  int status = GALLEY_EXIT_OK;

  if (!galley_parse_options ("run", "[FILE]", "Runs a pipeline.", entries, &argc, &argv))
    return GALLEY_EXIT_USAGE;
  if (o.jobs < 0 || o.jobs > 1024)
    return galley_fail (GALLEY_EXIT_USAGE, "--jobs must be between 1 and 1024, got %d", o.jobs);
  if (o.timeout < 0)
    return galley_fail (GALLEY_EXIT_USAGE, "--timeout must not be negative");

  registry = galley_make_registry ();
  pipeline = load_pipeline ("run", argc, argv, o.inline_text, registry, &status);
  if (pipeline == NULL)
    return status;
  galley_log_set_pipeline (pipeline->spec->origin);

  run.jobs = o.jobs;
  run.on_error = pipeline->spec->on_error;
  if (o.on_error)
    {
      if (strcmp (o.on_error, "skip") == 0)
        run.on_error = GALLEY_ON_ERROR_SKIP;
      else if (strcmp (o.on_error, "abort") == 0)
        run.on_error = GALLEY_ON_ERROR_ABORT;
      else
        return galley_fail (GALLEY_EXIT_USAGE,
                            "--on-error: '%s' is not one of: skip, abort", o.on_error);
    }
  run.rejects = o.rejects ? o.rejects : pipeline->spec->rejects;
  run.timeout = o.timeout;
  run.progress = !o.no_progress && !galley_common.quiet && galley_log_to_terminal ();

  install_signal_handlers ();
  status = galley_runner_run (pipeline, &run, &stats, &error);
  if (error)
    g_printerr ("galley: error: %s\n", error->message);
  print_summary (&stats, status);
  g_free (o.inline_text);
  g_free (o.on_error);
  g_free (o.rejects);
  return status;
}

int
galley_cmd_validate (int argc, char **argv)
{
  char *inline_text = NULL;
  const GOptionEntry entries[] = {
    { "pipeline", 'e', 0, G_OPTION_ARG_STRING, &inline_text,
      "Validate this inline pipeline", "TEXT" },
    { NULL }
  };
  g_autoptr (GalleyRegistry) registry = NULL;
  g_autoptr (GalleyPipeline) pipeline = NULL;
  g_autoptr (GError) error = NULL;
  int status = GALLEY_EXIT_OK;

  if (!galley_parse_options ("validate", "[FILE]",
                             "Checks a pipeline and builds every stage without "
                             "processing a document.", entries, &argc, &argv))
    return GALLEY_EXIT_USAGE;
  registry = galley_make_registry ();
  pipeline = load_pipeline ("validate", argc, argv, inline_text, registry, &status);
  g_free (inline_text);
  if (pipeline == NULL)
    return status;
  if (!galley_runner_validate (pipeline, &error))
    return galley_fail (galley_exit_status_for_error (error), "%s", error->message);
  if (!galley_common.quiet)
    {
      g_autoptr (GString) chain = g_string_new (NULL);
      for (guint i = 0; i < pipeline->stages->len; i++)
        {
          GalleyPipelineStage *s = g_ptr_array_index (pipeline->stages, i);
          g_string_append_printf (chain, "%s%s", i ? " ! " : "", s->klass->name);
        }
      printf ("%s: valid: %s\n", pipeline->spec->origin, chain->str);
    }
  return GALLEY_EXIT_OK;
}
