/* test-equivalence.c: the test harness (libgalley-check) and the runner
 * run the same stage-chain code: the same chain and documents through
 * galley_harness_read_all and through galley_runner_run give the same
 * output, the same rejections with the same messages, and the same drops,
 * including for stages that break their contract. */
#include "config.h"

#include <check.h>
#include <string.h>

#include <glib/gstdio.h>
#include <galley/galley-harness.h>

#include "core/runner.h"

#define GOOD TOP_BUILDDIR "/tests/fixtures/plugins/good"

/* doc-2 rejected, doc-3 TRUE with an error set, doc-5 FALSE without an
 * error, doc-6 dropped, doc-7 refused by the sink; items 4 and 8 are bad
 * input */
#define SOURCE_PARAMS "count=9", "skip-every=4"
#define FILTER_PARAMS "fail-ids=doc-2", "lie-ids=doc-3", "mute-ids=doc-5", "drop-ids=doc-6"
#define SINK_FAIL "fail-ids=doc-7"

static const char *const want_messages[] = {
  "test-filter refuses doc-2",
  "stage 'test-filter': set an error but returned TRUE: test-filter half refuses doc-3",
  "test-source: item 4: bad input",
  "stage 'test-filter': failed without setting an error",
  "test-sink cannot write doc-7",
  "test-source: item 8: bad input",
  NULL
};
#define WANT_OUTPUT "doc-1 marked\ndoc-9 marked\n"

static GalleyRegistry *registry;
static char *tmpdir;

static void
setup (void)
{
  registry = galley_registry_new ();
  galley_registry_add_dir (registry, GOOD);
  tmpdir = g_dir_make_tmp ("galley-equiv-XXXXXX", NULL);
  galley_runner_reset_stop ();
}

static void
teardown (void)
{
  const char *names[] = { "run.txt", "harness.txt", "rejects.jsonl" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (tmpdir, names[i], NULL);
      g_unlink (p);
    }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  galley_registry_free (registry);
}

static char *
slurp (const char *path)
{
  char *text = NULL;

  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* error_fields: the "error" of each line of the runner's rejects file. */
static GStrv
error_fields (const char *rejects)
{
  g_autoptr (GRegex) re = g_regex_new ("\"error\":\"([^\"]*)\"}$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  g_regex_match (re, rejects, 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *msg = g_match_info_fetch (m, 1);
      g_strv_builder_add (b, msg);
    }
  return g_strv_builder_end (b);
}

static const GalleyStageClass *
find (const char *name)
{
  const GalleyStageClass *k = galley_registry_find (registry, name, NULL);

  ck_assert_ptr_nonnull (k);
  return k;
}

/* through_harness: the chain in a harness; its rejections' messages in
 * @messages, the dropped documents counted in @dropped. */
static char *
through_harness (GPtrArray *messages, guint *dropped)
{
  g_autofree char *out = g_build_filename (tmpdir, "harness.txt", NULL);
  g_autofree char *path = g_strconcat ("path=", out, NULL);
  const char *source[] = { SOURCE_PARAMS, NULL };
  const char *filter[] = { FILTER_PARAMS, NULL };
  const char *sink[] = { path, SINK_FAIL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (find ("test-source"), source, &error);
  g_autoptr (GPtrArray) docs = NULL;

  ck_assert_ptr_nonnull (h);
  ck_assert (galley_harness_add (h, find ("test-filter"), filter, &error));
  ck_assert (galley_harness_add (h, find ("test-sink"), sink, &error));
  docs = galley_harness_read_all (h, messages, &error);
  ck_assert_ptr_nonnull (docs);
  *dropped = 0;
  for (guint i = 0; i < docs->len; i++)
    if (galley_document_get_drop_reason (g_ptr_array_index (docs, i)))
      (*dropped)++;
  ck_assert (galley_harness_commit (h, &error));
  return slurp (out);
}

/* through_runner: the same chain as a pipeline, run with @jobs. */
static char *
through_runner (guint jobs, GalleyRunStats *stats, GStrv *messages)
{
  g_autofree char *out = g_build_filename (tmpdir, "run.txt", NULL);
  g_autofree char *rejects = g_build_filename (tmpdir, "rejects.jsonl", NULL);
  g_autofree char *text = g_strdup_printf (
    "test-source count=9 skip-every=4 ! test-filter fail-ids=doc-2 lie-ids=doc-3 "
    "mute-ids=doc-5 drop-ids=doc-6 ! test-sink path=%s fail-ids=doc-7", out);
  g_autoptr (GError) error = NULL;
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (text, &error);
  g_autoptr (GalleyPipeline) p = NULL;
  g_autofree char *rejected = NULL;
  GalleyRunOptions o = { 0 };

  ck_assert_ptr_nonnull (spec);
  p = galley_pipeline_compile (spec, registry, &error);
  ck_assert_ptr_nonnull (p);
  o.jobs = jobs;
  o.rejects = rejects;
  ck_assert_int_eq (galley_runner_run (p, &o, stats, &error), GALLEY_EXIT_REJECTED);
  rejected = slurp (rejects);
  g_unlink (rejects);
  *messages = error_fields (rejected);
  return slurp (out);
}

static void
check_same (guint jobs)
{
  g_autoptr (GPtrArray) harness_messages = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) run_messages = NULL;
  GalleyRunStats stats;
  guint dropped;
  g_autofree char *harness_out = through_harness (harness_messages, &dropped);
  g_autofree char *run_out = through_runner (jobs, &stats, &run_messages);

  g_ptr_array_add (harness_messages, NULL);
  ck_assert_str_eq (harness_out, WANT_OUTPUT);
  ck_assert_str_eq (run_out, WANT_OUTPUT);
  ck_assert (g_strv_equal ((const char *const *) harness_messages->pdata, want_messages));
  ck_assert (g_strv_equal ((const char *const *) run_messages, want_messages));
  ck_assert_uint_eq (dropped, 1);
  ck_assert_uint_eq (stats.dropped, 1);
  ck_assert_uint_eq (stats.rejected, 6);
  ck_assert_uint_eq (stats.done, 2);
}

START_TEST (test_harness_and_runner_agree_one_job) { check_same (1); }
END_TEST

START_TEST (test_harness_and_runner_agree_two_jobs) { check_same (2); }
END_TEST

/* The harness refuses, as `galley validate` does, a chain from a source
 * in which a stage requires a layer that no earlier stage produces. */
START_TEST (test_harness_checks_required_layers_after_a_source)
{
  const char *source[] = { "count=1", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (find ("test-source"), source, &error);

  ck_assert_ptr_nonnull (h);
  ck_assert (!galley_harness_add (h, find ("test-needs-tokens"), NULL, &error));
  ck_assert (g_error_matches (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_LAYER));
  ck_assert_str_eq (error->message,
                    "harness: stage 2 (test-needs-tokens): stage 'test-needs-tokens' "
                    "requires the 'token' layer, which no earlier stage produces "
                    "(put a tokenizer before it)");
}
END_TEST

/* strftime patterns in output paths are expanded as in a run. */
START_TEST (test_harness_expands_output_patterns)
{
  g_autofree char *pattern = g_build_filename (tmpdir, "%Y.txt", NULL);
  g_autofree char *path = g_strconcat ("path=", pattern, NULL);
  g_autofree char *expanded = galley_output_expand_path (pattern, 0);
  const char *sink[] = { path, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (find ("test-sink"), sink, &error);
  g_autoptr (GalleyDocument) doc = NULL;

  ck_assert_ptr_nonnull (h);
  doc = galley_harness_run_text (h, "x", &error);
  ck_assert_ptr_nonnull (doc);
  ck_assert (galley_harness_commit (h, &error));
  ck_assert (g_file_test (expanded, G_FILE_TEST_EXISTS));
  ck_assert (!g_file_test (pattern, G_FILE_TEST_EXISTS));
  g_unlink (expanded);
}
END_TEST

static Suite *
equivalence_suite (void)
{
  Suite *s = suite_create ("equivalence");
  TCase *tc = tcase_create ("core");

  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_harness_and_runner_agree_one_job);
  tcase_add_test (tc, test_harness_and_runner_agree_two_jobs);
  tcase_add_test (tc, test_harness_checks_required_layers_after_a_source);
  tcase_add_test (tc, test_harness_expands_output_patterns);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (equivalence_suite ());
  int failed;

  g_log_set_writer_func (g_log_writer_default, NULL, NULL);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
