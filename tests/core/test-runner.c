/* test-runner.c: ordering with several jobs, the error policy, rejects,
 * exit statuses and commits, through the test stages. */
#include "config.h"

#include <check.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "core/output-roll.h"
#include "core/runner.h"
#include "core/supervisor.h"

#define GOOD TOP_BUILDDIR "/tests/fixtures/plugins/good"

static GalleyRegistry *registry;
static char *tmpdir;
static char *out_path;
static char *rejects_path;

static void
setup (void)
{
  registry = galley_registry_new ();
  galley_registry_add_dir (registry, GOOD);
  tmpdir = g_dir_make_tmp ("galley-run-XXXXXX", NULL);
  out_path = g_build_filename (tmpdir, "out.txt", NULL);
  rejects_path = g_build_filename (tmpdir, "rejects.jsonl", NULL);
  galley_runner_reset_stop ();
}

static void
teardown (void)
{
  g_unlink (out_path);
  g_unlink (rejects_path);
  g_rmdir (tmpdir);
  g_free (out_path);
  g_free (rejects_path);
  g_free (tmpdir);
  galley_registry_free (registry);
}

/* run_with: compiles @text (with OUT replaced by the output path) and
 * runs it with @o. */
static GalleyExitStatus
run_with (const char *text, const GalleyRunOptions *o, GalleyRunStats *stats,
          GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, "OUT", -1);
  g_autofree char *full = g_strjoinv (out_path, parts);
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (full, error);
  g_autoptr (GalleyPipeline) p = NULL;

  ck_assert_ptr_nonnull (spec);
  p = galley_pipeline_compile (spec, registry, error);
  ck_assert_ptr_nonnull (p);
  return galley_runner_run (p, o, stats, error);
}

/* run: run_with @jobs, @on_error and the rejects file. */
static GalleyExitStatus
run (const char *text, guint jobs, GalleyOnError on_error, GalleyRunStats *stats,
     GError **error)
{
  GalleyRunOptions o = { 0 };

  o.jobs = jobs;
  o.on_error = on_error;
  o.rejects = rejects_path;
  return run_with (text, &o, stats, error);
}

static char *
read_out (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

/* expected_ids: "doc-1 marked\n...doc-N marked\n" skipping @skip (NULL-terminated). */
static char *
expected_ids (int n, const char *suffix, const char *const *skip)
{
  GString *s = g_string_new (NULL);

  for (int i = 1; i <= n; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%d", i);
      if (skip && g_strv_contains (skip, id))
        continue;
      g_string_append_printf (s, "%s%s\n", id, suffix);
    }
  return g_string_free (s, FALSE);
}

/* check_order_of: @count documents through a filter that sleeps up to
 * @delay_us each come out once each, in input order. */
static void
check_order_of (guint jobs, int count, int delay_us)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *want = expected_ids (count, " marked", NULL);
  g_autofree char *text = g_strdup_printf ("test-source count=%d ! test-filter delay-us=%d "
                                           "! test-sink path=OUT", count, delay_us);
  GalleyExitStatus status = run (text, jobs, GALLEY_ON_ERROR_SKIP, &stats, &error);

  ck_assert_int_eq (status, GALLEY_EXIT_OK);
  ck_assert_ptr_null (error);
  out = read_out (out_path);
  ck_assert_str_eq (out, want);
  ck_assert_uint_eq (stats.read, count);
  ck_assert_uint_eq (stats.done, count);
  ck_assert_uint_eq (stats.rejected, 0);
}

START_TEST (test_order_kept_with_one_job) { check_order_of (1, 500, 300); }
END_TEST

START_TEST (test_order_kept_with_two_jobs) { check_order_of (2, 500, 300); }
END_TEST

START_TEST (test_order_kept_with_eight_jobs) { check_order_of (8, 500, 300); }
END_TEST

/* 6,000 documents are 188 batches of 32, many times the window of 8
 * batches per job, and the slow filter keeps the reader ahead: the window
 * fills again and again, the reader waits for half of it to come back,
 * and every document still comes out once, in order. */
START_TEST (test_order_kept_when_the_window_refills_two_jobs) { check_order_of (2, 6000, 60); }
END_TEST

START_TEST (test_order_kept_when_the_window_refills_three_jobs) { check_order_of (3, 6000, 60); }
END_TEST

static void
check_drop (guint jobs)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *rejects = NULL;
  const char *const dropped[] = { "doc-2", "doc-7", NULL };
  g_autofree char *want = expected_ids (9, " marked", dropped);
  GalleyExitStatus status = run ("test-source count=9 ! test-filter drop-ids=doc-2,doc-7 "
                                 "! test-sink path=OUT", jobs, GALLEY_ON_ERROR_ABORT,
                                 &stats, &error);

  /* a drop is not an error: exit 0 even under on-error=abort, nothing in
   * the rejects file, every other document written in order */
  ck_assert_int_eq (status, GALLEY_EXIT_OK);
  ck_assert_ptr_null (error);
  out = read_out (out_path);
  ck_assert_str_eq (out, want);
  ck_assert_uint_eq (stats.read, 9);
  ck_assert_uint_eq (stats.done, 7);
  ck_assert_uint_eq (stats.dropped, 2);
  ck_assert_uint_eq (stats.rejected, 0);
  rejects = read_out (rejects_path);
  ck_assert (rejects == NULL || *rejects == '\0');
}

START_TEST (test_drop_is_counted_not_rejected_one_job) { check_drop (1); }
END_TEST

START_TEST (test_drop_is_counted_not_rejected_two_jobs) { check_drop (2); }
END_TEST

/* check_acknowledge: runs @pipeline (ACK is the acknowledge file) and
 * checks what the source was told: @want, or nothing when NULL. */
static void
check_acknowledge (const char *pipeline, GalleyOnError on_error, const char *want)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  g_autofree char *ack = g_build_filename (tmpdir, "ack.txt", NULL);
  g_auto (GStrv) parts = g_strsplit (pipeline, "ACK", -1);
  g_autofree char *text = g_strjoinv (ack, parts);
  g_autofree char *got = NULL;

  run (text, 2, on_error, &stats, &error);
  got = read_out (ack);
  g_unlink (ack);
  if (want == NULL)
    ck_assert_ptr_null (got);
  else
    ck_assert_str_eq (got, want);
}

START_TEST (test_source_acknowledged_after_commit)
{
  check_acknowledge ("test-source count=7 ack-file=ACK ! test-filter ! test-sink path=OUT",
                     GALLEY_ON_ERROR_SKIP, "acknowledged 7\n");
}
END_TEST

START_TEST (test_source_not_acknowledged_after_read_error)
{
  check_acknowledge ("test-source count=7 fatal-at=4 ack-file=ACK ! test-sink path=OUT",
                     GALLEY_ON_ERROR_SKIP, NULL);
}
END_TEST

START_TEST (test_source_not_acknowledged_after_abort)
{
  check_acknowledge ("test-source count=7 ack-file=ACK ! test-filter fail-ids=doc-2 "
                     "! test-sink path=OUT", GALLEY_ON_ERROR_ABORT, NULL);
}
END_TEST

START_TEST (test_skip_policy_rejects_and_goes_on)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *rejects = NULL;
  const char *const skip[] = { "doc-3", "doc-5", "doc-10", NULL };
  g_autofree char *want = expected_ids (12, " marked", skip);
  GalleyExitStatus status = run ("test-source count=12 skip-every=5 ! test-filter fail-ids=doc-3 "
                                 "! test-sink path=OUT", 2, GALLEY_ON_ERROR_SKIP, &stats, &error);

  ck_assert_int_eq (status, GALLEY_EXIT_REJECTED);
  out = read_out (out_path);
  ck_assert_str_eq (out, want);
  ck_assert_uint_eq (stats.done, 9);
  ck_assert_uint_eq (stats.rejected, 3);
  rejects = read_out (rejects_path);
  ck_assert_str_eq (rejects,
    "{\"id\":\"doc-3\",\"text\":\"Text of doc-3.\",\"origin\":\"doc-3\",\"stage\":\"test-filter\","
    "\"error\":\"test-filter refuses doc-3\"}\n"
    "{\"stage\":\"test-source\",\"error\":\"test-source: item 5: bad input\"}\n"
    "{\"stage\":\"test-source\",\"error\":\"test-source: item 10: bad input\"}\n");
}
END_TEST

/* captured: while not NULL, the messages logged (see log_writer) */
static GPtrArray *captured;

static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  if (captured == NULL)
    return g_log_writer_default (level, fields, n_fields, data);
  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "MESSAGE") == 0)
      g_ptr_array_add (captured, g_strdup (fields[i].value));
  return G_LOG_WRITER_HANDLED;
}

/* rejections_logged: how many of 400 rejections, a millisecond apart on
 * average, a run logs one by one with @window_us (0: none). */
static guint
rejections_logged (gint64 window_us)
{
  GalleyRunOptions o = { 0 };
  GalleyRunStats stats;
  g_autoptr (GString) ids = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint logged = 0;

  for (int i = 1; i <= 400; i++)
    g_string_append_printf (ids, "%sdoc-%d", i > 1 ? "," : "", i);
  text = g_strdup_printf ("test-source count=400 ! test-filter delay-us=2000 "
                          "! test-filter fail-ids=%s ! test-sink path=OUT", ids->str);
  o.jobs = 1;
  o.rejects_log_window_us = window_us;
  captured = g_ptr_array_new_with_free_func (g_free);
  run_with (text, &o, &stats, NULL);
  for (guint i = 0; i < captured->len; i++)
    logged += g_str_has_prefix (g_ptr_array_index (captured, i), "document 'doc-");
  g_clear_pointer (&captured, g_ptr_array_unref);
  ck_assert_uint_eq (stats.rejected, 400);
  return logged;
}

/* A run logs 100 rejections, and counts the others; a following run,
 * which never ends, 100 in each window (an hour), so that what fails
 * in its third month is said too. The 400 take 400 ms or so here. */
START_TEST (test_rejections_logged_per_window)
{
  ck_assert_uint_eq (rejections_logged (0), 100);
  ck_assert_uint_gt (rejections_logged (100 * 1000), 100);
}
END_TEST

START_TEST (test_rejects_file_accumulates_across_runs)
{
  GalleyRunStats stats;
  g_autofree char *rejects = NULL;

  run ("test-source count=2 ! test-filter fail-ids=doc-1 ! test-sink path=OUT", 1,
       GALLEY_ON_ERROR_SKIP, &stats, NULL);
  run ("test-source count=2 ! test-filter fail-ids=doc-2 ! test-sink path=OUT", 1,
       GALLEY_ON_ERROR_SKIP, &stats, NULL);
  rejects = read_out (rejects_path);
  ck_assert_str_eq (rejects,
    "{\"id\":\"doc-1\",\"text\":\"Text of doc-1.\",\"origin\":\"doc-1\",\"stage\":\"test-filter\","
    "\"error\":\"test-filter refuses doc-1\"}\n"
    "{\"id\":\"doc-2\",\"text\":\"Text of doc-2.\",\"origin\":\"doc-2\",\"stage\":\"test-filter\","
    "\"error\":\"test-filter refuses doc-2\"}\n");
}
END_TEST

static void
check_abort (guint jobs)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  GalleyExitStatus status;

  ck_assert (g_file_set_contents (out_path, "previous output\n", -1, NULL));
  status = run ("test-source count=300 ! test-filter fail-ids=doc-150 ! test-sink path=OUT",
                jobs, GALLEY_ON_ERROR_ABORT, &stats, &error);
  ck_assert_int_eq (status, GALLEY_EXIT_REJECTED);
  ck_assert (stats.aborted);
  ck_assert_uint_eq (stats.rejected, 1);
  /* the 149 before it count as done; those after it, in flight in its
   * batch with two jobs, are neither written nor counted (nor recorded
   * as done in a state) */
  ck_assert_uint_eq (stats.done, 149);
  /* nothing partial committed: the previous output is intact */
  {
    g_autofree char *out = read_out (out_path);
    ck_assert_str_eq (out, "previous output\n");
  }
}

START_TEST (test_abort_commits_nothing_one_job) { check_abort (1); }
END_TEST

START_TEST (test_abort_commits_nothing_two_jobs) { check_abort (2); }
END_TEST

START_TEST (test_sink_failure_is_a_rejection)
{
  GalleyRunStats stats;
  g_autofree char *out = NULL;
  const char *const skip[] = { "doc-2", NULL };
  g_autofree char *want = expected_ids (3, "", skip);
  GalleyExitStatus status = run ("test-source count=3 ! test-sink path=OUT fail-ids=doc-2", 1,
                                 GALLEY_ON_ERROR_SKIP, &stats, NULL);

  ck_assert_int_eq (status, GALLEY_EXIT_REJECTED);
  out = read_out (out_path);
  ck_assert_str_eq (out, want);
}
END_TEST

/* A sink whose write fails with GALLEY_STAGE_ERROR_IO is itself broken
 * (a full disk), not the document: the run stops there, exit 4, with no
 * document counted as rejected and nothing committed. */
static void
check_broken_sink (guint jobs)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  GalleyExitStatus status;

  ck_assert (g_file_set_contents (out_path, "previous output\n", -1, NULL));
  status = run ("test-source count=300 ! test-filter ! test-sink path=OUT fail-from=doc-150",
                jobs, GALLEY_ON_ERROR_SKIP, &stats, &error);
  ck_assert_int_eq (status, GALLEY_EXIT_IO);
  ck_assert_str_eq (error->message,
                    "-e: stage 3 (test-sink) write failed: test-sink: disk full at doc-150 (test)");
  ck_assert_uint_eq (stats.rejected, 0);
  ck_assert_uint_eq (stats.done, 149);
  ck_assert (!stats.aborted);
  out = read_out (out_path);
  ck_assert_str_eq (out, "previous output\n");
}

START_TEST (test_broken_sink_stops_the_run_one_job) { check_broken_sink (1); }
END_TEST

START_TEST (test_broken_sink_stops_the_run_two_jobs) { check_broken_sink (2); }
END_TEST

START_TEST (test_fatal_read_error_commits_nothing_and_exits_4)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  GalleyExitStatus status;

  ck_assert (g_file_set_contents (out_path, "old\n", -1, NULL));
  status = run ("test-source count=20 fatal-at=7 ! test-filter ! test-sink path=OUT",
                2, GALLEY_ON_ERROR_SKIP, &stats, &error);

  ck_assert_int_eq (status, GALLEY_EXIT_IO);
  ck_assert_str_eq (error->message, "test-source: item 7: device on fire");
  out = read_out (out_path);
  ck_assert_str_eq (out, "old\n");
}
END_TEST

START_TEST (test_commit_failure_exits_4_and_keeps_old_output)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  GalleyExitStatus status;

  ck_assert (g_file_set_contents (out_path, "old\n", -1, NULL));
  status = run ("test-source count=3 ! test-sink path=OUT fail-commit=true", 1,
                GALLEY_ON_ERROR_SKIP, &stats, &error);
  ck_assert_int_eq (status, GALLEY_EXIT_IO);
  ck_assert_str_eq (error->message, "-e: stage 2 (test-sink) commit failed: disk full (test)");
  out = read_out (out_path);
  ck_assert_str_eq (out, "old\n");
}
END_TEST

START_TEST (test_unwritable_output_exits_4_before_reading)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (
    "test-source ! test-sink path=/nonexistent/dir/out.txt", &error);
  g_autoptr (GalleyPipeline) p = galley_pipeline_compile (spec, registry, &error);
  GalleyRunOptions o = { 0 };

  ck_assert_ptr_nonnull (p);
  o.jobs = 1;
  ck_assert_int_eq (galley_runner_run (p, &o, &stats, &error), GALLEY_EXIT_IO);
  ck_assert (g_str_has_prefix (error->message, "-e: stage 2 (test-sink) /nonexistent/dir/out.txt: cannot create output: "));
  ck_assert_uint_eq (stats.read, 0);
}
END_TEST

START_TEST (test_failing_create_of_first_stage_frees_cleanly)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (
    "test-source ! test-filter ! test-sink path=/nonexistent/dir/out.txt ! test-sink path=/nonexistent/x", &error);
  g_autoptr (GalleyPipeline) p = galley_pipeline_compile (spec, registry, &error);
  GalleyRunOptions o = { 0 };

  o.jobs = 2;
  ck_assert_int_eq (galley_runner_run (p, &o, &stats, &error), GALLEY_EXIT_IO);
  ck_assert (g_str_has_prefix (error->message, "-e: stage 3 (test-sink) "));
}
END_TEST

START_TEST (test_stop_request_finishes_commits_and_exits_6)
{
  GalleyRunStats stats;
  g_autofree char *out = NULL;
  GalleyExitStatus status;

  galley_runner_request_stop ();
  status = run ("test-source count=100 ! test-sink path=OUT", 2, GALLEY_ON_ERROR_SKIP, &stats, NULL);
  ck_assert_int_eq (status, GALLEY_EXIT_INTERRUPTED);
  ck_assert (stats.interrupted);
  ck_assert_uint_eq (stats.read, 0);
  out = read_out (out_path);
  ck_assert_str_eq (out, "");  /* committed, empty: the stop came first */
  galley_runner_reset_stop ();
}
END_TEST

/* 40 documents fit in the window of batches in flight, so the reader
 * reads them all and ends before the time limit; the limit still leaves
 * the documents no worker had started, and the run says it stopped at
 * the time limit (it said nothing, as if 40 read and 6 done were all). */
START_TEST (test_time_limit_reported_when_the_input_fits_in_the_window)
{
  GalleyRunStats stats;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *want = NULL;
  GalleyRunOptions o = { 0 };
  GalleyExitStatus status;

  o.jobs = 1;
  o.timeout = 0.3;
  status = run_with ("test-source count=40 ! test-filter delay-us=100000 ! test-sink path=OUT",
                     &o, &stats, &error);
  ck_assert_int_eq (status, GALLEY_EXIT_OK);
  ck_assert_ptr_null (error);
  ck_assert (stats.timed_out);
  ck_assert (!stats.abandoned);
  ck_assert_uint_eq (stats.read, 40);
  ck_assert_uint_gt (stats.done, 0);
  ck_assert_uint_lt (stats.done, 40);
  want = expected_ids ((int) stats.done, " marked", NULL);
  out = read_out (out_path);
  ck_assert_str_eq (out, want);
}
END_TEST

START_TEST (test_strftime_in_output_path)
{
  GalleyRunStats stats;
  g_autofree char *pattern = g_build_filename (tmpdir, "out-%Y.txt", NULL);
  g_autofree char *expanded = galley_output_expand_path (pattern, 0);
  g_autofree char *text = g_strdup_printf ("test-source count=1 ! test-sink path=%s", pattern);
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (text, NULL);
  g_autoptr (GalleyPipeline) p = galley_pipeline_compile (spec, registry, NULL);
  GalleyRunOptions o = { 0 };
  g_autofree char *out = NULL;

  o.jobs = 1;
  ck_assert_int_eq (galley_runner_run (p, &o, &stats, NULL), GALLEY_EXIT_OK);
  ck_assert_ptr_null (strchr (expanded, '%'));
  out = read_out (expanded);
  ck_assert_str_eq (out, "doc-1\n");
  g_unlink (expanded);
}
END_TEST

/* A sink with two dated output parameters, as a plugin may have: a file
 * per day and an index per year, and a third with a default. */
static const GalleyParamSpec two_dated_outputs[] = {
  { "path", GALLEY_PARAM_PATH, NULL, 0, 0, NULL, "the day's file", GALLEY_PARAM_REQUIRED | GALLEY_PARAM_OUTPUT, { NULL } },
  { "index", GALLEY_PARAM_PATH, NULL, 0, 0, NULL, "the year's index", GALLEY_PARAM_OUTPUT, { NULL } },
  { "level", GALLEY_PARAM_INT, "3", 0, 0, NULL, "left to its default", 0, { NULL } },
  { NULL, 0, NULL, 0, 0, NULL, NULL, 0, { NULL } }
};

/* An output path moves on when one of its patterns expands to another
 * path (the day's, while the year's index stays); the instance's
 * parameters come back with the patterns as given and the defaults left
 * as defaults; once moved, the same time is no move. Mid-June at noon
 * UTC: a day on is the same year in every time zone. */
START_TEST (test_output_roll_moves_on_when_one_of_two_paths_does)
{
  GalleyStageClass klass = { .name = "two-outputs", .params = two_dated_outputs };
  g_autoptr (GalleyParams) params = galley_params_new (two_dated_outputs);
  g_autoptr (GalleyOutputRoll) roll = NULL;
  g_autoptr (GalleyParams) next = NULL;
  g_autoptr (GError) error = NULL;
  const gint64 t0 = 1781524800, t1 = t0 + 24 * 3600;  /* 2026-06-15 12:00 UTC */
  g_autofree char *day0 = galley_output_expand_path ("/news/%Y-%m-%d.jsonl", t0);
  g_autofree char *day1 = galley_output_expand_path ("/news/%Y-%m-%d.jsonl", t1);
  g_autofree char *year = galley_output_expand_path ("/news/%Y.idx", t0);
  g_autofree char *want0 = g_strdup_printf ("path=%s index=%s", day0, year);
  g_autofree char *want1 = g_strdup_printf ("path=%s index=%s", day1, year);
  g_autofree char *desc = NULL, *value = NULL;

  ck_assert (galley_params_set (params, "path", "/news/%Y-%m-%d.jsonl", NULL));
  ck_assert (galley_params_set (params, "index", "/news/%Y.idx", NULL));
  ck_assert (galley_params_finish (params, NULL));
  roll = galley_output_roll_new (&klass, params, t0);
  ck_assert_ptr_nonnull (roll);
  desc = galley_output_roll_describe (roll);
  ck_assert_str_eq (desc, want0);

  /* the same time: the same paths, no new instance */
  ck_assert_ptr_null (galley_output_roll_params (roll, params, t0, &error));
  ck_assert_ptr_null (error);

  /* a day on: the day's path moved, the year's did not */
  next = galley_output_roll_params (roll, params, t1, &error);
  ck_assert_ptr_null (error);
  ck_assert_ptr_nonnull (next);
  value = galley_params_to_string (next, "path");
  ck_assert_str_eq (value, "/news/%Y-%m-%d.jsonl");
  g_free (value);
  value = galley_params_to_string (next, "index");
  ck_assert_str_eq (value, "/news/%Y.idx");
  ck_assert (!galley_params_is_set (next, "level"));
  g_free (value);
  value = galley_params_to_string (next, "level");
  ck_assert_str_eq (value, "3");
  g_free (desc);
  desc = galley_output_roll_describe (roll);
  ck_assert_str_eq (desc, want1);

  /* the next checkpoint of that day: no move */
  ck_assert_ptr_null (galley_output_roll_params (roll, params, t1, &error));
  ck_assert_ptr_null (error);
}
END_TEST

START_TEST (test_validate_builds_stages_without_output)
{
  g_autoptr (GError) error = NULL;
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (
    "test-source ! test-filter ! test-sink path=/nonexistent/dir/x", &error);
  g_autoptr (GalleyPipeline) p = galley_pipeline_compile (spec, registry, &error);

  ck_assert (!galley_runner_validate (p, &error));
  ck_assert (g_str_has_prefix (error->message, "-e: stage 3 (test-sink) /nonexistent/dir/x: cannot create output: "));
}
END_TEST

/* A caller that does not want the error passes NULL, as to any GLib
 * function: each way a run or a validation fails still gives its exit
 * status (a stage that cannot be built used to dereference it). */
START_TEST (test_failing_runs_accept_a_null_error)
{
  GalleyRunStats stats;
  g_autoptr (GalleyPipeline) p = NULL;
  GalleyRunOptions o = { 0 };

  p = galley_pipeline_compile (galley_pipeline_spec_parse_inline (
    "test-source ! test-sink path=/nonexistent/dir/out.txt", NULL), registry, NULL);
  ck_assert_ptr_nonnull (p);
  o.jobs = 2;
  ck_assert_int_eq (galley_runner_run (p, &o, &stats, NULL), GALLEY_EXIT_IO);
  ck_assert (!galley_runner_validate (p, NULL));
  g_clear_pointer (&p, galley_pipeline_free);

  ck_assert_int_eq (run ("test-source count=5 fatal-at=2 ! test-sink path=OUT", 1,
                         GALLEY_ON_ERROR_SKIP, &stats, NULL), GALLEY_EXIT_IO);
  ck_assert_int_eq (run ("test-source count=3 ! test-sink path=OUT fail-commit=true", 1,
                         GALLEY_ON_ERROR_SKIP, &stats, NULL), GALLEY_EXIT_IO);
  ck_assert_int_eq (run ("test-source count=3 ! test-filter fail-ids=doc-2 ! test-sink path=OUT",
                         2, GALLEY_ON_ERROR_ABORT, &stats, NULL), GALLEY_EXIT_REJECTED);
  ck_assert_ptr_null (galley_pipeline_compile (galley_pipeline_spec_parse_inline (
    "test-source ! test-filter ! test-sink", NULL), registry, NULL));
}
END_TEST

START_TEST (test_exit_status_for_errors)
{
  GError *e;

  e = g_error_new (GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_ABI, "x");
  ck_assert_int_eq (galley_exit_status_for_error (e), GALLEY_EXIT_PLUGIN);
  g_error_free (e);
  e = g_error_new (GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX, "x");
  ck_assert_int_eq (galley_exit_status_for_error (e), GALLEY_EXIT_USAGE);
  g_error_free (e);
  e = g_error_new (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO, "x");
  ck_assert_int_eq (galley_exit_status_for_error (e), GALLEY_EXIT_IO);
  g_error_free (e);
  /* an input over a configured limit (a data file past its max-bytes)
   * fails as an I/O error does (4), not as a mistake in the pipeline (2) */
  e = g_error_new (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE, "x");
  ck_assert_int_eq (galley_exit_status_for_error (e), GALLEY_EXIT_IO);
  g_error_free (e);
  e = g_error_new (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT, "x");
  ck_assert_int_eq (galley_exit_status_for_error (e), GALLEY_EXIT_USAGE);
  g_error_free (e);
  ck_assert_int_eq (galley_exit_status_for_error (NULL), GALLEY_EXIT_OK);
}
END_TEST

/* Supervision (core/supervisor.c), with a child of our own in place of
 * the run's: the first attempt has two documents in hand, "older" in the
 * sinks' thread (slot 1 with one job) and then "newer" in the worker's
 * (slot 0), and calls _exit(3), which leaves no mark: the parent takes
 * the oldest document in hand, as the one most likely stuck. The second
 * attempt checks what was condemned, and returns 0 when it is right (4
 * otherwise): the run's status is 1 all the same, never 0 after a crash
 * (the last child's own status is that of its run, which need not have
 * met the document again). */
static int
crash_then_check (const GalleyRunWatch *watch, gpointer data)
{
  const char *marker = data;
  g_autoptr (GalleyDocument) older = galley_document_new ("older", "Old.", -1);
  g_autoptr (GalleyDocument) newer = galley_document_new ("newer", "New.", -1);
  const char *stage = NULL, *message = NULL;

  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      gint64 t;

      if (!g_file_set_contents (marker, "", 0, NULL))
        _exit (5);
      watch->begin (watch->data, 1, 2, older);
      t = g_get_monotonic_time ();  /* older's start, or later */
      while (g_get_monotonic_time () <= t)
        g_usleep (100);  /* newer starts strictly later, however coarse the clock */
      watch->begin (watch->data, 0, 1, newer);
      _exit (3);
    }
  if (watch->condemned (watch->data, older, &stage, &message)
      && g_strcmp0 (stage, "test-sink") == 0
      && g_strcmp0 (message, "crashed (exited with status 3)") == 0
      && !watch->condemned (watch->data, newer, &stage, &message))
    return GALLEY_EXIT_OK;
  return GALLEY_EXIT_IO;
}

START_TEST (test_supervisor_condemns_the_oldest_document_in_hand)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("test-source count=1 ! test-filter "
                                           "! test-sink path=%s", out_path);
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (text, &error);
  g_autoptr (GalleyPipeline) p = NULL;
  g_autofree char *marker = g_build_filename (tmpdir, "first-attempt", NULL);
  GalleySupervisorOptions o = { .jobs = 1 };
  int status;

  ck_assert_ptr_nonnull (spec);
  p = galley_pipeline_compile (spec, registry, &error);
  ck_assert_ptr_nonnull (p);
  captured = g_ptr_array_new_with_free_func (g_free);
  status = galley_supervise (p, &o, crash_then_check, marker);
  ck_assert_int_eq (captured->len, 1);
  ck_assert_str_eq (g_ptr_array_index (captured, 0),
                    "document 'older' crashed [test-sink] (exited with status 3); "
                    "rejected, run restarted after it");
  g_clear_pointer (&captured, g_ptr_array_unref);
  ck_assert_int_eq (status, GALLEY_EXIT_REJECTED);
  g_unlink (marker);
}
END_TEST

static Suite *
runner_suite (void)
{
  Suite *s = suite_create ("runner");
  TCase *tc = tcase_create ("core");

  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_order_kept_with_one_job);
  tcase_add_test (tc, test_failing_runs_accept_a_null_error);
  tcase_add_test (tc, test_order_kept_with_two_jobs);
  tcase_add_test (tc, test_order_kept_with_eight_jobs);
  tcase_add_test (tc, test_order_kept_when_the_window_refills_two_jobs);
  tcase_add_test (tc, test_order_kept_when_the_window_refills_three_jobs);
  tcase_add_test (tc, test_skip_policy_rejects_and_goes_on);
  tcase_add_test (tc, test_source_acknowledged_after_commit);
  tcase_add_test (tc, test_source_not_acknowledged_after_read_error);
  tcase_add_test (tc, test_source_not_acknowledged_after_abort);
  tcase_add_test (tc, test_drop_is_counted_not_rejected_one_job);
  tcase_add_test (tc, test_drop_is_counted_not_rejected_two_jobs);
  tcase_add_test (tc, test_rejects_file_accumulates_across_runs);
  tcase_add_test (tc, test_rejections_logged_per_window);
  tcase_add_test (tc, test_abort_commits_nothing_one_job);
  tcase_add_test (tc, test_abort_commits_nothing_two_jobs);
  tcase_add_test (tc, test_sink_failure_is_a_rejection);
  tcase_add_test (tc, test_broken_sink_stops_the_run_one_job);
  tcase_add_test (tc, test_broken_sink_stops_the_run_two_jobs);
  tcase_add_test (tc, test_fatal_read_error_commits_nothing_and_exits_4);
  tcase_add_test (tc, test_commit_failure_exits_4_and_keeps_old_output);
  tcase_add_test (tc, test_unwritable_output_exits_4_before_reading);
  tcase_add_test (tc, test_failing_create_of_first_stage_frees_cleanly);
  tcase_add_test (tc, test_stop_request_finishes_commits_and_exits_6);
  tcase_add_test (tc, test_time_limit_reported_when_the_input_fits_in_the_window);
  tcase_add_test (tc, test_strftime_in_output_path);
  tcase_add_test (tc, test_output_roll_moves_on_when_one_of_two_paths_does);
  tcase_add_test (tc, test_validate_builds_stages_without_output);
  tcase_add_test (tc, test_exit_status_for_errors);
  tcase_add_test (tc, test_supervisor_condemns_the_oldest_document_in_hand);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (runner_suite ());
  int failed;

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
