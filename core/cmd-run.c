/* cmd-run.c: `galley run` and `galley validate`. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "crash-message.h"
#include "galley-output-private.h"
#include "lock.h"
#include "log.h"
#include "metrics.h"
#include "output-temps.h"
#include "pipeline.h"
#include "run-monitor.h"
#include "runner.h"
#include "state.h"
#include "stop-signals.h"
#include "supervisor.h"

typedef struct {
  char *inline_text;
  int jobs;
  char *on_error;
  char *rejects;
  char *timeout;
  gboolean no_progress;
  char *lock;
  char *wait_lock;
  char *state;
  gboolean full;
  gboolean retry_rejected;
  gboolean supervise;
  gboolean no_supervise;
  char *document_timeout;
  char *checkpoint;
  char *forget;
  gboolean follow;
  char *metrics;
  char *summary;
  char *progress_interval;
  char *shard;
} RunOptions;

static void
run_options_clear (RunOptions *o)
{
  g_free (o->inline_text);
  g_free (o->on_error);
  g_free (o->rejects);
  g_free (o->timeout);
  g_free (o->lock);
  g_free (o->wait_lock);
  g_free (o->state);
  g_free (o->document_timeout);
  g_free (o->checkpoint);
  g_free (o->forget);
  g_free (o->metrics);
  g_free (o->summary);
  g_free (o->progress_interval);
  g_free (o->shard);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunOptions, run_options_clear)

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

/* writes_to_stdout: whether an output path of some stage is "-". A
 * progress line redrawn on the terminal where the documents themselves
 * scroll by would garble both. */
static gboolean
writes_to_stdout (GalleyPipeline *pipeline)
{
  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      GalleyPipelineStage *stage = g_ptr_array_index (pipeline->stages, i);

      for (const GalleyParamSpec *p = stage->klass->params; p && p->name; p++)
        {
          g_autofree char *value = NULL;

          if (!(p->flags & GALLEY_PARAM_OUTPUT))
            continue;
          value = galley_params_to_string (stage->params, p->name);
          if (value && strcmp (value, "-") == 0)
            return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  GalleyPipeline *pipeline;
  gint64 started;  /* seconds since the epoch */
} Abandon;

/* abandon_outputs: a second signal ends the run without a commit; its
 * temporary output files go with it. */
static void
abandon_outputs (gpointer data)
{
  Abandon *a = data;

  galley_output_temps_remove (a->pipeline, a->started);
}

static void
print_summary (const GalleyRunStats *s, int status, gboolean follow)
{
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%" G_GUINT64_FORMAT " read, %" G_GUINT64_FORMAT
                          " done, %" G_GUINT64_FORMAT " rejected",
                          s->read, s->done, s->rejected);
  if (s->dropped)
    g_string_append_printf (line, ", %" G_GUINT64_FORMAT " dropped", s->dropped);
  if (s->unchanged)
    g_string_append_printf (line, ", %" G_GUINT64_FORMAT " unchanged", s->unchanged);
  if (s->utf8_repaired)
    g_string_append_printf (line, ", %" G_GUINT64_FORMAT " with invalid UTF-8 repaired "
                            "(the first: %s)", s->utf8_repaired, s->first_repaired);
  g_string_append_printf (line, " in %.2f s (%.1f MB/s)", s->seconds,
                          s->seconds > 0 ? s->bytes / 1e6 / s->seconds : 0.0);
  if (s->aborted || s->failed)
    {
      g_string_append (line, s->aborted ? "; aborted (on-error=abort): " : "; failed: ");
      /* the count a reader would otherwise take for written */
      if (s->committed == 0)
        g_string_append (line, "nothing committed");
      else
        g_string_append_printf (line, "only the %" G_GUINT64_FORMAT " done by the last "
                                "checkpoint committed", s->committed);
    }
  if (s->interrupted)
    g_string_append (line, follow ? "; stopped (follow)" : "; interrupted");
  if (s->timed_out)
    g_string_append (line, "; stopped at the time limit");
  if (s->abandoned)
    g_string_append (line, ", documents in flight abandoned");
  /* The summary is a message, so it goes where messages go (the journal
   * when there is no terminal). --quiet hides it unless the run failed;
   * a failed run's summary also goes to stderr, so that cron mails it
   * with the warnings. */
  if (!galley_common.quiet)
    g_message ("%s", line->str);
  if (status != GALLEY_EXIT_OK
      && (galley_common.quiet || !galley_log_messages_on_stderr ()))
    fprintf (stderr, "galley: %s\n", line->str);
}

/* duration_option: parses --NAME DURATION into *seconds (unset: 0). */
static gboolean
duration_option (const char *name, const char *text, double *seconds)
{
  *seconds = 0;
  if (text == NULL)
    return TRUE;
  if (galley_parse_duration (text, seconds))
    return TRUE;
  galley_fail (GALLEY_EXIT_USAGE, "--%s: '%s' is not a duration (examples: 90, "
               "90s, 5m, 1h30m)", name, text);
  return FALSE;
}

/* checkpoint_option: --checkpoint, else checkpoint= of the pipeline. */
static gboolean
checkpoint_option (const char *text, const GalleyPipelineSpec *spec,
                   GalleyRunOptions *run)
{
  if (text == NULL)
    text = spec->checkpoint;
  if (text == NULL
      || galley_parse_checkpoint (text, &run->checkpoint_documents,
                                  &run->checkpoint_seconds))
    return TRUE;
  galley_fail (GALLEY_EXIT_USAGE, "--checkpoint: '%s' is neither a number of "
               "documents nor a duration with its unit (examples: 1000, 30s, 5m; "
               "0: none)", text);
  return FALSE;
}

/* follow_option: --follow sets follow=true on the source, which must
 * have that parameter. */
static gboolean
follow_option (GalleyPipeline *pipeline)
{
  GalleyPipelineStage *source = g_ptr_array_index (pipeline->stages, 0);
  g_autoptr (GError) error = NULL;

  if (galley_params_set (source->params, "follow", "true", &error))
    return TRUE;
  galley_fail (GALLEY_EXIT_USAGE, "--follow: the source [%s] (%s) cannot "
               "follow its input: it has no follow parameter (the sources "
               "that have one: read-files, read-feed, read-redis-stream, "
               "read-kafka)", source->name, source->klass->name);
  return FALSE;
}

/* following_run: a source that follows (--follow, or follow=true in the
 * pipeline: the same run either way) makes a run that never ends on its
 * own, so it checkpoints every 30 s unless told otherwise, a stop signal
 * is its normal end, and it logs up to 100 rejections an hour rather
 * than a run (a sink that would publish only at the end is refused: see
 * check_replace_outputs). */
static void
following_run (GalleyRunOptions *run)
{
  run->follow = TRUE;
  run->rejects_log_window_us = (gint64) 3600 * G_USEC_PER_SEC;
  if (run->checkpoint_documents == 0 && run->checkpoint_seconds == 0)
    run->checkpoint_seconds = 30;
}

/* check_replace_outputs: galley_pipeline_check_replace_outputs(), each
 * problem said; FALSE when there is an error. Once a run, before a
 * supervised child is started (a restart must not say it again). */
static gboolean
check_replace_outputs (GalleyPipeline *pipeline, gboolean with_state, gboolean following)
{
  g_autoptr (GalleyProblems) problems = galley_problems_new ();

  galley_pipeline_check_replace_outputs (pipeline, with_state, following, problems);
  for (guint i = 0; i < problems->warnings->len; i++)
    g_warning ("%s", ((GError *) g_ptr_array_index (problems->warnings, i))->message);
  for (guint i = 0; i < problems->errors->len; i++)
    galley_fail (GALLEY_EXIT_USAGE, "%s", ((GError *) g_ptr_array_index (problems->errors, i))->message);
  return problems->errors->len == 0;
}

/* check_run_files: galley_pipeline_check_run_files(), each problem said;
 * FALSE when there is one. */
static gboolean
check_run_files (GalleyPipeline *pipeline, const GalleyRunFile *files, guint n)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  galley_pipeline_check_run_files (pipeline, files, n, errors);
  for (guint i = 0; i < errors->len; i++)
    galley_fail (GALLEY_EXIT_USAGE, "%s", ((GError *) g_ptr_array_index (errors, i))->message);
  return errors->len == 0;
}

/* forget_option: --forget, else forget= of the pipeline, into *@age
 * (NULL for none); FALSE for an age that is none. */
static gboolean
forget_option (const char *text, const GalleyPipelineSpec *spec, const char **age)
{
  g_autofree char *before = NULL;

  *age = text ? text : spec->forget;
  if (*age == NULL || (before = galley_state_forget_before (*age)) != NULL)
    return TRUE;
  galley_fail (GALLEY_EXIT_USAGE, "--forget takes an age such as 90d or 12h, not '%s'", *age);
  return FALSE;
}

/* spec_stages: the plugins of @spec in order, "read-files ! export-jsonl":
 * what the state compares to tell runs of other pipelines. */
static char *
spec_stages (const GalleyPipelineSpec *spec)
{
  GString *stages = g_string_new (NULL);

  for (guint i = 0; i < spec->stages->len; i++)
    {
      const GalleySpecStage *stage = g_ptr_array_index (spec->stages, i);

      g_string_append_printf (stages, "%s%s", i ? " ! " : "", stage->plugin);
    }
  return g_string_free (stages, FALSE);
}

/* open_state: the state of this run, with its run begun (and the
 * documents older than @forget_age, if any, forgotten in its transaction);
 * NULL with *status set when it cannot be used. */
static GalleyState *
open_state (const char *path, const RunOptions *o, const GalleyPipelineSpec *spec,
            const char *forget_age, double wait, int *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyState) state = galley_state_open (path, TRUE, &error);
  g_autofree char *stages = spec_stages (spec);

  if (state == NULL
      || !galley_state_begin_run (state, o->inline_text ? o->inline_text : spec->origin, stages,
                                  (o->full ? GALLEY_STATE_RUN_FULL : 0)
                                  | (o->retry_rejected ? GALLEY_STATE_RUN_RETRY_REJECTED : 0),
                                  wait, &error)
      || (forget_age && !galley_state_forget_during_run (state, forget_age, &error)))
    {
      *status = g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_BUSY)
                ? GALLEY_EXIT_LOCKED
                : g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_FORMAT)
                ? GALLEY_EXIT_USAGE : GALLEY_EXIT_IO;
      galley_fail (*status, "%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&state);
}

/* What a run needs once the lock is held; in the supervised child, it is
 * the child's work. */
typedef struct {
  const RunOptions *o;
  GalleyPipeline *pipeline;
  GalleyRunOptions *run;
  const char *state_path;
  const char *forget_age;  /* NULL for none */
  double wait;
  GalleyRunReport *report;
} RunContext;

/* run_and_report: opens the state, runs, records the run in the state,
 * prints the summary; returns the exit status. */
static int
run_and_report (const GalleyRunWatch *watch, gpointer data)
{
  RunContext *ctx = data;
  g_autoptr (GalleyState) state = NULL;
  g_autoptr (GError) error = NULL;
  GalleyRunStats stats;
  int status = GALLEY_EXIT_OK;

  if (ctx->state_path)
    {
      state = open_state (ctx->state_path, ctx->o, ctx->pipeline->spec, ctx->forget_age,
                          ctx->wait, &status);
      if (state == NULL)
        return status;
      ctx->run->state = galley_state_get_hooks (state);
    }
  ctx->run->watch = watch;
  status = galley_runner_run (ctx->pipeline, ctx->run, &stats, &error);
  if (error)
    {
      /* a mistyped input path, as galley validate would have said */
      g_autofree char *hint = stats.read == 0
                              && g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO)
                              ? galley_pipeline_source_input_hint (ctx->pipeline) : NULL;

      galley_fail (status, "%s%s%s", error->message, hint ? "; " : "", hint ? hint : "");
    }
  galley_run_report_finish (ctx->report, &stats, status);
  if (state)
    {
      g_autoptr (GError) local = NULL;
      /* The documents are recorded (or not) by now; this only keeps the
       * run's figures for `galley state`. */
      if (!galley_state_end_run (state, &stats, status, &local))
        g_warning ("%s", local->message);
    }
  /* A run that failed before it read anything has nothing to sum up; the
   * error said it all. */
  if (!(error != NULL && stats.read == 0 && stats.rejected == 0))
    print_summary (&stats, status, ctx->run->follow);
  if (g_strcmp0 (ctx->o->summary, "json") == 0)
    {
      g_autofree char *json = galley_summary_json (&stats, status);
      dprintf (_galley_output_stdout_fd (), "%s\n", json);
    }
  if (stats.abandoned)
    {
      /* Worker threads are still inside a stage: unloading the plugins
       * (or running atexit handlers) under them would crash. */
      galley_supervised_exit (status);
    }
  return status;
}

int
galley_cmd_run (int argc, char **argv)
{
  g_auto (RunOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "pipeline", 'e', 0, G_OPTION_ARG_STRING, &o.inline_text,
      "Run this inline pipeline: 'read-jsonl path=- ! tokenizer ! export-jsonl path=-'", "TEXT" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &o.jobs,
      "Worker threads (default: the number of cores)", "N" },
    { "on-error", 0, 0, G_OPTION_ARG_STRING, &o.on_error,
      "skip (log, count, go on) or abort (stop, commit nothing)", "POLICY" },
    { "rejects", 0, 0, G_OPTION_ARG_FILENAME, &o.rejects,
      "Append rejected documents and their errors to this JSON Lines file", "FILE" },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &o.timeout,
      "Stop reading after this long (90, 90s, 5m, 1h), finish and commit", "DURATION" },
    { "no-progress", 0, 0, G_OPTION_ARG_NONE, &o.no_progress,
      "No progress line, even on a terminal", NULL },
    { "lock", 0, 0, G_OPTION_ARG_FILENAME, &o.lock,
      "Hold this lock file for the run; if another run holds it, exit with "
      "status 5 (overrides lock= of the pipeline)", "FILE" },
    { "wait-lock", 0, 0, G_OPTION_ARG_STRING, &o.wait_lock,
      "Wait up to this long for the lock (90, 5m) instead of exiting at once", "DURATION" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &o.state,
      "Keep the documents done in this SQLite file and skip them while they "
      "do not change (overrides state= of the pipeline)", "FILE" },
    { "full", 0, 0, G_OPTION_ARG_NONE, &o.full,
      "Process every document, unchanged or not, and record them in the state", NULL },
    { "retry-rejected", 0, 0, G_OPTION_ARG_NONE, &o.retry_rejected,
      "Process again the documents the state holds as rejected, changed or not", NULL },
    { "supervise", 0, 0, G_OPTION_ARG_NONE, &o.supervise,
      "Run the pipeline in a child process that is restarted past a document "
      "that crashes a stage (default with a state)", NULL },
    { "no-supervise", 0, 0, G_OPTION_ARG_NONE, &o.no_supervise,
      "Run the pipeline in this process, even with a state", NULL },
    { "document-timeout", 0, 0, G_OPTION_ARG_STRING, &o.document_timeout,
      "Supervised: reject a document that a stage holds longer than this "
      "(default 60s)", "DURATION" },
    { "checkpoint", 0, 0, G_OPTION_ARG_STRING, &o.checkpoint,
      "Commit every N documents (1000) or every DURATION (30s, 5m) within the "
      "run (overrides checkpoint= of the pipeline; 0: at the end only)", "N|DURATION" },
    { "forget", 0, 0, G_OPTION_ARG_STRING, &o.forget,
      "With a state: forget, as the run starts and at its checkpoints, the "
      "documents last processed more than AGE ago (90d), so that the state stops "
      "growing (overrides forget= of the pipeline)", "AGE" },
    { "metrics", 0, 0, G_OPTION_ARG_FILENAME, &o.metrics,
      "Write the run's figures to FILE as Prometheus text (node_exporter's "
      "textfile collector: NAME.prom), at each checkpoint, at least every 30s, and "
      "at the end", "FILE" },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &o.summary,
      "text (the default: a line in the log), or json: also the summary as "
      "one JSON object on standard output", "FORMAT" },
    { "progress-interval", 0, 0, G_OPTION_ARG_STRING, &o.progress_interval,
      "Without a terminal, log a progress line this often (default 1m; 0: never)",
      "DURATION" },
    { "follow", 0, 0, G_OPTION_ARG_NONE, &o.follow,
      "Do not stop at the end of the input: wait for new files (read-files) or "
      "poll the feeds (read-feed) until SIGTERM, checkpointing (default every 30s)", NULL },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &o.shard,
      "Read only shard K of N of the source's documents (0 <= K < N, by a "
      "hash of each id or path): N runs split one input", "K/N" },
    { NULL }
  };
  g_autoptr (GalleyRegistry) registry = NULL;
  g_autoptr (GalleyPipeline) pipeline = NULL;
  g_autoptr (GalleyLock) lock = NULL;
  g_autoptr (GError) error = NULL;
  GalleyRunOptions run = { 0 };
  GalleySupervisorOptions supervision = { 0 };
  g_autoptr (GalleyRunReport) report = NULL;
  double progress_interval = 60;
  RunContext ctx = { 0 };
  static Abandon abandon;
  const char *lock_path, *state_path;
  const char *forget_age = NULL;
  double timeout, wait, document_timeout;
  gboolean to_stdout;
  int status = GALLEY_EXIT_OK;

  if (!galley_parse_options ("run", "[FILE]", "Runs a pipeline.", entries, &argc, &argv))
    return GALLEY_EXIT_USAGE;
  /* A reader of the output that went away (`galley run ... | head`, a
   * consumer that died) is an output error, which the sink reports and
   * which stops the run with exit 4. SIGPIPE's default action killed the
   * process instead: under supervision, as a crash of whichever stage
   * ran, rejecting that document and restarting the run ten times over.
   * A Redis server that closed the connection mid-write did the same.
   * So did a file over the size limit (ulimit -f): SIGXFSZ, for what is
   * a full disk to the run, EFBIG. */
  signal (SIGPIPE, SIG_IGN);
  signal (SIGXFSZ, SIG_IGN);
  if (o.jobs < 0 || o.jobs > 1024)
    return galley_fail (GALLEY_EXIT_USAGE, "--jobs must be between 1 and 1024, got %d", o.jobs);
  if (!duration_option ("timeout", o.timeout, &timeout)
      || !duration_option ("wait-lock", o.wait_lock, &wait)
      || !duration_option ("document-timeout", o.document_timeout, &document_timeout))
    return GALLEY_EXIT_USAGE;
  if (o.progress_interval && !duration_option ("progress-interval", o.progress_interval,
                                               &progress_interval))
    return GALLEY_EXIT_USAGE;
  if (o.summary && strcmp (o.summary, "json") != 0 && strcmp (o.summary, "text") != 0)
    return galley_fail (GALLEY_EXIT_USAGE, "--summary: '%s' is not one of: text, json",
                        o.summary);
  if (o.supervise && o.no_supervise)
    return galley_fail (GALLEY_EXIT_USAGE, "--supervise and --no-supervise exclude each other");

  registry = galley_make_registry ();
  pipeline = load_pipeline ("run", argc, argv, o.inline_text, registry, &status);
  if (pipeline == NULL)
    return status;
  /* A sink writing path=- (the default pipeline's) makes standard output
   * the documents': what a stage or a library prints there goes to
   * standard error instead, where it is seen, not among the documents. */
  to_stdout = writes_to_stdout (pipeline);
  if (to_stdout)
    _galley_output_keep_stdout ();
  if (o.shard && !galley_pipeline_set_shard (pipeline, o.shard, &error))
    return galley_fail (GALLEY_EXIT_USAGE, "%s", error->message);
  /* the journal's GALLEY_PIPELINE: the file, or the inline text */
  galley_log_set_pipeline (o.inline_text ? o.inline_text : pipeline->spec->origin);

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
  if (!checkpoint_option (o.checkpoint, pipeline->spec, &run))
    return GALLEY_EXIT_USAGE;
  if (o.follow && !follow_option (pipeline))
    return GALLEY_EXIT_USAGE;
  if (galley_pipeline_follows (pipeline))
    following_run (&run);
  /* progress lines in the log only where no progress line is drawn */
  report = galley_run_report_new (pipeline, o.metrics,
                                  run.progress || galley_log_to_terminal ()
                                  ? 0 : progress_interval,
                                  run.checkpoint_seconds > 0
                                  ? MIN (run.checkpoint_seconds, METRICS_REFRESH)
                                  : METRICS_REFRESH);
  galley_run_report_attach (report, &run);
  run.timeout = timeout;
  run.progress = !o.no_progress && !galley_common.quiet && galley_log_to_terminal ()
                 && !(to_stdout && isatty (_galley_output_stdout_fd ()));

  state_path = o.state ? o.state : pipeline->spec->state;
  if (state_path && *state_path == '\0')
    state_path = NULL;
  if ((o.full || o.retry_rejected) && state_path == NULL)
    return galley_fail (GALLEY_EXIT_USAGE, "%s needs a state: --state FILE, "
                        "or state= in [pipeline]", o.full ? "--full" : "--retry-rejected");
  if (!forget_option (o.forget, pipeline->spec, &forget_age))
    return GALLEY_EXIT_USAGE;
  if (forget_age && state_path == NULL)
    return galley_fail (GALLEY_EXIT_USAGE, "%s needs a state: --state FILE, or state= in "
                        "[pipeline]", o.forget ? "--forget" : "forget=");
  if (!check_replace_outputs (pipeline, state_path != NULL, run.follow))
    return GALLEY_EXIT_USAGE;

  lock_path = o.lock ? o.lock : pipeline->spec->lock;
  {
    const GalleyRunFile files[] = {
      { o.rejects ? "--rejects" : "rejects=", run.rejects },
      { o.state ? "--state" : "state=", state_path },
      { o.lock ? "--lock" : "lock=", lock_path },
      { "--metrics", o.metrics },
    };
    if (!check_run_files (pipeline, files, G_N_ELEMENTS (files)))
      return GALLEY_EXIT_USAGE;
  }
  /* A metrics file that cannot be written is said before the run, not as
   * a warning after it (a missing directory, a typo): it is written at
   * each checkpoint and at the end, and nothing else would tell. */
  if (o.metrics && !galley_metrics_check_path (o.metrics, &error))
    return galley_fail (GALLEY_EXIT_IO, "--metrics: %s", error->message);

  /* The lock first: a run that finds it taken must not touch the state. */
  if (lock_path && *lock_path)
    {
      if (wait > 0)
        g_info ("waiting up to %g s for the lock %s", wait, lock_path);
      lock = galley_lock_acquire (lock_path, wait, &error);
      if (lock == NULL)
        return galley_fail (g_error_matches (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_BUSY)
                            ? GALLEY_EXIT_LOCKED : GALLEY_EXIT_IO, "%s", error->message);
    }
  ctx.o = &o;
  ctx.pipeline = pipeline;
  ctx.run = &run;
  ctx.state_path = state_path;
  ctx.forget_age = forget_age;
  ctx.wait = wait;
  ctx.report = report;
  abandon.pipeline = pipeline;
  /* A second early: the kernel stamps files with a coarse clock that may
   * lag g_get_real_time() by a tick, so a temporary file made just after a
   * second boundary could carry the second before, and stay behind
   * (seen once in signals.sh under load). */
  abandon.started = g_get_real_time () / G_USEC_PER_SEC - 1;
  if (o.no_supervise || (!o.supervise && state_path == NULL))
    {
      galley_stop_signals_start (GALLEY_STOP_SIGNALS_SECOND_EXITS, abandon_outputs, &abandon);
      return run_and_report (galley_crash_message_watch (pipeline), &ctx);
    }
  supervision.jobs = o.jobs ? (guint) o.jobs : g_get_num_processors ();
  /* the command line, else [pipeline] document-timeout=, else 60 s */
  if (o.document_timeout == NULL)
    document_timeout = pipeline->spec->document_timeout >= 0
                       ? pipeline->spec->document_timeout : 60;
  supervision.document_timeout = document_timeout;
  supervision.progress = run.progress;
  return galley_supervise (pipeline, &supervision, run_and_report, &ctx);
}

/* validate_load: the pipeline of FILE or -e TEXT, compiled, with its
 * input paths checked; every problem found appended to @problems. */
static GalleyPipeline *
validate_load (const char *path, const char *inline_text, GalleyRegistry *registry,
               GalleyProblems *problems)
{
  GalleyPipelineSpec *spec;
  GError *error = NULL;

  if (inline_text)
    {
      spec = galley_pipeline_spec_parse_inline (inline_text, &error);
      if (spec == NULL)
        g_ptr_array_add (problems->errors, error);
    }
  else
    spec = galley_pipeline_spec_load_file_all (path, problems->errors);
  if (spec == NULL)
    return NULL;
  return galley_pipeline_compile_all (spec, registry, GALLEY_COMPILE_CHECK_INPUTS, problems);
}

/* validate_status: the exit status of the worst of @errors. An unknown
 * stage is a typo (2) unless some plugin failed to load (3). */
static int
validate_status (const GPtrArray *errors, GalleyRegistry *registry)
{
  int status = GALLEY_EXIT_OK;

  for (guint i = 0; i < errors->len; i++)
    {
      const GError *e = g_ptr_array_index (errors, i);
      int code = galley_exit_status_for_error (e);

      if (g_error_matches (e, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_NOT_FOUND)
          && galley_registry_get_failures (registry)->len == 0)
        code = GALLEY_EXIT_USAGE;
      status = MAX (status, code);
    }
  return status;
}

int
galley_cmd_validate (int argc, char **argv)
{
  g_autofree char *inline_text = NULL;
  const GOptionEntry entries[] = {
    { "pipeline", 'e', 0, G_OPTION_ARG_STRING, &inline_text,
      "Validate this inline pipeline", "TEXT" },
    { NULL }
  };
  g_autoptr (GalleyRegistry) registry = NULL;
  g_autoptr (GalleyPipeline) pipeline = NULL;
  g_autoptr (GalleyProblems) problems = galley_problems_new ();
  g_autoptr (GError) error = NULL;

  if (!galley_parse_options ("validate", "[FILE]",
                             "Checks a pipeline and builds every stage without "
                             "processing a document.", entries, &argc, &argv))
    return GALLEY_EXIT_USAGE;
  if ((inline_text == NULL) == (argc != 2))
    return galley_fail (GALLEY_EXIT_USAGE,
                        "galley validate takes one pipeline FILE, or -e 'PIPELINE' "
                        "(try 'galley validate --help')");
  registry = galley_make_registry ();
  /* a stage that crashes while it is made or freed: one line that says
   * so, and the process still dies of the signal */
  galley_crash_message_install ("galley validate");
  /* Every problem, not only the first: one pass of validate should be
   * enough to fix a file. */
  pipeline = validate_load (argv[1], inline_text, registry, problems);
  if (pipeline)
    galley_pipeline_check_replace_outputs (pipeline,
                                           pipeline->spec->state && *pipeline->spec->state,
                                           galley_pipeline_follows (pipeline), problems);
  if (pipeline)
    {
      const GalleyPipelineSpec *spec = pipeline->spec;
      const GalleyRunFile files[] = {
        { "rejects=", spec->rejects }, { "state=", spec->state }, { "lock=", spec->lock },
      };
      galley_pipeline_check_run_files (pipeline, files, G_N_ELEMENTS (files),
                                       problems->errors);
    }
  for (guint i = 0; i < problems->warnings->len; i++)
    g_warning ("%s", ((GError *) g_ptr_array_index (problems->warnings, i))->message);
  for (guint i = 0; i < problems->errors->len; i++)
    galley_fail (GALLEY_EXIT_USAGE, "%s",
                 ((GError *) g_ptr_array_index (problems->errors, i))->message);
  if (pipeline == NULL)
    return validate_status (problems->errors, registry);
  if (problems->errors->len > 0)
    return GALLEY_EXIT_USAGE;
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
