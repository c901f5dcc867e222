/* test-pipeline.c: pipeline files and inline pipelines, and every
 * validation message, exactly. */
#include "config.h"

#include <check.h>
#include <string.h>

#include <glib/gstdio.h>

#include "core/pipeline.h"

#define GOOD TOP_BUILDDIR "/tests/fixtures/plugins/good"

static GalleyRegistry *registry;
static char *tmpdir;

static void
setup (void)
{
  registry = galley_registry_new ();
  galley_registry_add_dir (registry, GOOD);
  tmpdir = g_dir_make_tmp ("galley-pipe-XXXXXX", NULL);
}

static void
teardown (void)
{
  g_autoptr (GDir) d = g_dir_open (tmpdir, 0, NULL);
  const char *n;

  while (d && (n = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (tmpdir, n, NULL);
      g_unlink (p);
    }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  galley_registry_free (registry);
}

/* write_file: @text into tmpdir/test.pipeline; returns the path. */
static char *
write_file (const char *text)
{
  char *path = g_build_filename (tmpdir, "test.pipeline", NULL);

  ck_assert (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* compile_file_error: the error message compiling @text gives, with the
 * file's path replaced by "F". NULL when it compiles. */
static char *
compile_file_error (const char *text)
{
  g_autofree char *path = write_file (text);
  g_autoptr (GError) error = NULL;
  GalleyPipelineSpec *spec = galley_pipeline_spec_load_file (path, &error);
  GalleyPipeline *p;
  g_auto (GStrv) parts = NULL;

  if (spec == NULL)
    goto out;
  p = galley_pipeline_compile (spec, registry, &error);
  if (p)
    {
      galley_pipeline_free (p);
      return NULL;
    }
out:
  parts = g_strsplit (error->message, path, -1);
  return g_strjoinv ("F", parts);
}

static char *
compile_inline_error (const char *text)
{
  g_autoptr (GError) error = NULL;
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (text, &error);
  GalleyPipeline *p;

  if (spec == NULL)
    return g_strdup (error->message);
  p = galley_pipeline_compile (spec, registry, &error);
  if (p)
    {
      galley_pipeline_free (p);
      return NULL;
    }
  return g_strdup (error->message);
}

#define GOOD_FILE \
  "[pipeline]\n" \
  "description=Test\n" \
  "stages=read;mark;write\n" \
  "on-error=abort\n" \
  "rejects=/tmp/rejects.jsonl\n" \
  "\n" \
  "[read]\n" \
  "plugin=test-source\n" \
  "count=3\n" \
  "\n" \
  "[mark]\n" \
  "plugin=test-filter\n" \
  "\n" \
  "[write]\n" \
  "plugin=test-sink\n" \
  "path=/tmp/out.txt\n"

START_TEST (test_file_compiles_to_stages_and_options)
{
  g_autofree char *path = write_file (GOOD_FILE);
  g_autoptr (GError) error = NULL;
  GalleyPipelineSpec *spec = galley_pipeline_spec_load_file (path, &error);
  g_autoptr (GalleyPipeline) p = NULL;
  GalleyPipelineStage *read;

  ck_assert_ptr_nonnull (spec);
  p = galley_pipeline_compile (spec, registry, &error);
  ck_assert_ptr_nonnull (p);
  ck_assert_uint_eq (p->stages->len, 3);
  read = g_ptr_array_index (p->stages, 0);
  ck_assert_str_eq (read->name, "read");
  ck_assert_str_eq (read->klass->name, "test-source");
  ck_assert_int_eq (galley_params_get_int (read->params, "count"), 3);
  ck_assert_int_eq (p->spec->on_error, GALLEY_ON_ERROR_ABORT);
  ck_assert_str_eq (p->spec->rejects, "/tmp/rejects.jsonl");
  ck_assert_str_eq (p->spec->description, "Test");
}
END_TEST

START_TEST (test_inline_and_file_compile_to_the_same_pipeline)
{
  g_autoptr (GError) error = NULL;
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (
    "test-source count=3 ! test-filter ! test-sink path=/tmp/out.txt", &error);
  g_autoptr (GalleyPipeline) p = galley_pipeline_compile (spec, registry, &error);

  ck_assert_ptr_nonnull (p);
  ck_assert_uint_eq (p->stages->len, 3);
  ck_assert_str_eq (((GalleyPipelineStage *) g_ptr_array_index (p->stages, 2))->klass->name,
                    "test-sink");
  ck_assert_int_eq (galley_params_get_int (((GalleyPipelineStage *) g_ptr_array_index (p->stages, 0))->params, "count"), 3);
}
END_TEST

START_TEST (test_inline_quoted_values_and_repeated_plugins)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyPipelineSpec) spec = galley_pipeline_spec_parse_inline (
    "test-source ! test-filter fail-ids='a b' ! test-filter ! test-sink path=x", &error);
  GalleySpecStage *s1, *s2;

  ck_assert_ptr_nonnull (spec);
  s1 = g_ptr_array_index (spec->stages, 1);
  s2 = g_ptr_array_index (spec->stages, 2);
  ck_assert_str_eq (s1->name, "test-filter");
  ck_assert_str_eq (s2->name, "test-filter#2");
  ck_assert_str_eq (g_array_index (s1->params, GalleySpecParam, 0).value, "a b");
}
END_TEST

START_TEST (test_unknown_parameter_lists_valid_keys)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;write\n[read]\nplugin=test-source\ncuont=3\n"
    "[write]\nplugin=test-sink\npath=x\n");
  ck_assert_str_eq (msg, "F:5: [read] unknown parameter 'cuont' of test-source; did you "
                         "mean 'count'? valid parameters: count, skip-every, fatal-at, path, ack-file");
}
END_TEST

START_TEST (test_mistyped_parameter_names_line_group_and_key)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;write\n\n[read]\nplugin=test-source\ncount=many\n"
    "[write]\nplugin=test-sink\npath=x\n");
  ck_assert_str_eq (msg, "F:6: [read] parameter 'count': expected an integer, got 'many'");
}
END_TEST

START_TEST (test_out_of_range_parameter)
{
  g_autofree char *msg = compile_inline_error (
    "test-source ! test-filter ratio=1.5 ! test-sink path=x");
  ck_assert_str_eq (msg, "-e: stage 2 (test-filter) parameter 'ratio': 1.5 is out of range [0, 1]");
}
END_TEST

START_TEST (test_bad_choice_lists_choices)
{
  g_autofree char *msg = compile_inline_error (
    "test-source ! test-filter mode=medium ! test-sink path=x");
  ck_assert_str_eq (msg, "-e: stage 2 (test-filter) parameter 'mode': 'medium' is not one of: fast, slow");
}
END_TEST

START_TEST (test_bad_boolean)
{
  g_autofree char *msg = compile_inline_error (
    "test-source ! test-filter strict=maybe ! test-sink path=x");
  ck_assert_str_eq (msg, "-e: stage 2 (test-filter) parameter 'strict': expected true or false, got 'maybe'");
}
END_TEST

START_TEST (test_missing_required_parameter)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;write\n[read]\nplugin=test-source\n[write]\nplugin=test-sink\n");
  ck_assert_str_eq (msg, "F:5: [write] parameter 'path' is required (output file)");
}
END_TEST

START_TEST (test_unknown_plugin)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;write\n[read]\nplugin=read-nothing\n[write]\nplugin=test-sink\npath=x\n");
  ck_assert_str_eq (msg, "F:3: [read] no stage named 'read-nothing' (see `galley plugins`)");
}
END_TEST

START_TEST (test_required_layer_not_produced)
{
  g_autofree char *msg = compile_inline_error (
    "test-source ! test-needs-tokens ! test-sink path=x");
  ck_assert_str_eq (msg, "-e: stage 2 (test-needs-tokens) stage 'test-needs-tokens' requires "
                         "the 'token' layer, which no earlier stage produces (put a tokenizer before it)");
}
END_TEST

START_TEST (test_stage_modifying_a_layer_a_later_stage_produces)
{
  g_autofree char *msg = compile_inline_error (
    "test-source ! test-modifies-mark ! test-filter ! test-sink path=x");
  ck_assert_str_eq (msg, "-e: stage 2 (test-modifies-mark) stage 'test-modifies-mark' modifies "
                         "the 'mark' layer, which a later stage, stage 3 (test-filter), produces: "
                         "'test-filter' would replace what 'test-modifies-mark' adds to it; "
                         "put 'test-filter' before 'test-modifies-mark'");
}
END_TEST

START_TEST (test_stage_reading_a_layer_a_later_stage_produces)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;look;mark;write\n[read]\nplugin=test-source\n"
    "[look]\nplugin=test-reads-mark\n[mark]\nplugin=test-filter\n"
    "[write]\nplugin=test-sink\npath=x\n");
  ck_assert_str_eq (msg, "F:5: [look] stage 'test-reads-mark' reads the 'mark' layer, which a "
                         "later stage, [mark] (line 7), produces: 'look' would never see it; "
                         "put 'mark' before 'look'");
}
END_TEST

START_TEST (test_layer_modified_or_read_after_its_producer_is_valid)
{
  ck_assert_ptr_null (compile_inline_error (
    "test-source ! test-filter ! test-modifies-mark ! test-reads-mark ! test-sink path=x"));
  /* with no producer at all, the layer is simply absent */
  ck_assert_ptr_null (compile_inline_error (
    "test-source ! test-modifies-mark ! test-reads-mark ! test-sink path=x"));
}
END_TEST

/* A plugin built for ABI 1.0 had padding where 1.1 put modifies: whatever
 * is there is not read. */
START_TEST (test_layer_lists_of_an_older_minor_are_not_read)
{
  galley_registry_add_dir (registry, TOP_BUILDDIR "/tests/fixtures/plugins/old-minor");
  ck_assert_ptr_null (compile_inline_error (
    "test-source ! test-old-minor ! test-filter ! test-sink path=x"));
}
END_TEST

START_TEST (test_first_stage_must_be_a_source)
{
  g_autofree char *msg = compile_inline_error ("test-filter ! test-sink path=x");
  ck_assert_str_eq (msg, "-e: stage 1 (test-filter) the first stage must be a source "
                         "(a reader such as read-files or read-jsonl); 'test-filter' is a filter");
}
END_TEST

START_TEST (test_second_source_is_refused)
{
  g_autofree char *msg = compile_inline_error ("test-source ! test-source ! test-sink path=x");
  ck_assert_str_eq (msg, "-e: stage 2 (test-source#2) 'test-source' is a source; only the first stage may be one");
}
END_TEST

START_TEST (test_pipeline_without_sink)
{
  g_autofree char *msg = compile_inline_error ("test-source ! test-filter");
  ck_assert_str_eq (msg, "-e: the pipeline has no sink: add an exporter such as export-jsonl");
}
END_TEST

START_TEST (test_stage_list_names_missing_group)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;tokenize;write\n[read]\nplugin=test-source\n"
    "[write]\nplugin=test-sink\npath=x\n");
  ck_assert_str_eq (msg, "F:2: [pipeline] stages= names 'tokenize' but there is no [tokenize] group");
}
END_TEST

START_TEST (test_group_not_in_stage_list)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;write\n[read]\nplugin=test-source\n"
    "[write]\nplugin=test-sink\npath=x\n[extra]\nplugin=test-filter\n");
  ck_assert_str_eq (msg, "F:8: group [extra] is not listed in [pipeline] stages=");
}
END_TEST

START_TEST (test_stage_listed_twice)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;write;write\n[read]\nplugin=test-source\n"
    "[write]\nplugin=test-sink\npath=x\n");
  ck_assert_str_eq (msg, "F:2: [pipeline] stages= lists 'write' twice (give each stage its own "
                         "group; groups may use the same plugin)");
}
END_TEST

START_TEST (test_no_pipeline_group)
{
  g_autofree char *msg = compile_file_error ("[read]\nplugin=test-source\n");
  ck_assert_str_eq (msg, "F: no [pipeline] group (it lists the stages: stages=read;tokenize;export)");
}
END_TEST

START_TEST (test_unknown_pipeline_key)
{
  g_autofree char *msg = compile_file_error ("[pipeline]\nstages=read\nonerror=skip\n[read]\n");
  ck_assert_str_eq (msg, "F:3: [pipeline] unknown key 'onerror'; did you mean 'on-error'? "
                         "valid keys: description, stages, on-error, rejects, lock, state, document-timeout, checkpoint, forget");
}
END_TEST

START_TEST (test_bad_on_error)
{
  g_autofree char *msg = compile_file_error ("[pipeline]\nstages=read\non-error=retry\n[read]\n");
  ck_assert_str_eq (msg, "F:3: [pipeline] on-error: 'retry' is not one of: skip, abort");
}
END_TEST

START_TEST (test_syntax_error_names_its_line)
{
  g_autofree char *msg = compile_file_error ("[pipeline]\nstages=x\n\n# c\n[x\n");
  ck_assert_str_eq (msg, "F:5: group line '[x': no closing ']'");
}
END_TEST

START_TEST (test_binary_file_is_refused)
{
  g_autofree char *msg = compile_file_error ("[pipeline]\n\x7f" "ELF\x02\x01\x01\x80garbage");
  g_autofree char *bad_utf8 = compile_file_error ("[pipeline]\nstages=x\ndescription=caf\xe9\n");

  ck_assert_str_eq (msg, "F:2: not a pipeline file (invalid UTF-8)");
  ck_assert_str_eq (bad_utf8, "F:3: not a pipeline file (invalid UTF-8)");
}
END_TEST

/* What Windows editors save: a UTF-8 byte order mark is dropped (the
 * file compiles, its first group found); UTF-16 is refused with what to
 * do about it. */
START_TEST (test_byte_order_marks)
{
  g_autofree char *with_bom = write_file ("\xef\xbb\xbf" GOOD_FILE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyPipelineSpec) spec = galley_pipeline_spec_load_file (with_bom, &error);
  /* (written up to the first NUL: the marks are what counts) */
  g_autofree char *utf16le = compile_file_error ("\xff\xfe[\0p\0i\0");
  g_autofree char *utf16be = compile_file_error ("\xfe\xff\0[\0p\0i");

  ck_assert_ptr_nonnull (spec);
  ck_assert_uint_eq (spec->stages->len, 3);
  ck_assert_str_eq (((GalleySpecStage *) g_ptr_array_index (spec->stages, 0))->name, "read");
  ck_assert_str_eq (spec->description, "Test");
  ck_assert_str_eq (utf16le, "F:1: not a pipeline file (UTF-16 text: save it as UTF-8)");
  ck_assert_str_eq (utf16be, "F:1: not a pipeline file (UTF-16 text: save it as UTF-8)");
}
END_TEST

/* CRLF line ends (Windows again): no '\r' left in a value */
START_TEST (test_crlf_line_ends)
{
  g_auto (GStrv) lines = g_strsplit (GOOD_FILE, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autofree char *path = write_file (crlf);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyPipelineSpec) spec = galley_pipeline_spec_load_file (path, &error);
  g_autoptr (GalleyPipeline) p = NULL;
  GalleyPipelineStage *write;

  ck_assert_ptr_nonnull (spec);
  p = galley_pipeline_compile (g_steal_pointer (&spec), registry, &error);
  ck_assert_ptr_nonnull (p);
  write = g_ptr_array_index (p->stages, 2);
  ck_assert_str_eq (galley_params_get_string (write->params, "path"), "/tmp/out.txt");
  ck_assert_str_eq (p->spec->rejects, "/tmp/rejects.jsonl");
  ck_assert_str_eq (p->spec->description, "Test");
}
END_TEST

START_TEST (test_missing_file)
{
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (galley_pipeline_spec_load_file ("/nonexistent/x.pipeline", &error));
  ck_assert_str_eq (error->message, "/nonexistent/x.pipeline: cannot read the pipeline file: "
                                    "No such file or directory");
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
}
END_TEST

START_TEST (test_plugin_defaults_to_group_name)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=test-source;test-sink\n[test-source]\n[test-sink]\npath=x\n");
  ck_assert_ptr_null (msg);
}
END_TEST

START_TEST (test_environment_expansion)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyPipelineSpec) spec = NULL;
  GalleySpecStage *w;
  g_autofree char *expected = NULL;

  g_setenv ("GALLEY_TEST_OUT", "/var/out", TRUE);
  g_unsetenv ("GALLEY_TEST_UNSET");
  path = write_file ("[pipeline]\nstages=read;write\n[read]\nplugin=test-source\n"
                     "path=${PIPELINE_DIR}/in\n"
                     "[write]\nplugin=test-sink\npath=${GALLEY_TEST_OUT}/${GALLEY_TEST_UNSET:-x}.txt\n");
  spec = galley_pipeline_spec_load_file (path, &error);
  ck_assert_ptr_nonnull (spec);
  w = g_ptr_array_index (spec->stages, 1);
  ck_assert_str_eq (g_array_index (w->params, GalleySpecParam, 0).value, "/var/out/x.txt");
  expected = g_strdup_printf ("%s/in", tmpdir);
  ck_assert_str_eq (g_array_index (((GalleySpecStage *) g_ptr_array_index (spec->stages, 0))->params,
                                   GalleySpecParam, 0).value, expected);
}
END_TEST

START_TEST (test_nested_default_expands)
{
  g_autoptr (GHashTable) extra = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_hash_table_insert (extra, "PIPELINE_DIR", "/p");
  g_unsetenv ("GALLEY_TEST_UNSET");
  g_setenv ("GALLEY_TEST_SET", "/in", TRUE);
  a = galley_expand_vars ("${GALLEY_TEST_UNSET:-${PIPELINE_DIR}/samples}/x", extra, NULL);
  b = galley_expand_vars ("${GALLEY_TEST_SET:-${PIPELINE_DIR}/samples}/x", extra, NULL);
  ck_assert_str_eq (a, "/p/samples/x");
  ck_assert_str_eq (b, "/in/x");
}
END_TEST

START_TEST (test_unset_variable_is_an_error)
{
  g_autofree char *msg = NULL;

  g_unsetenv ("GALLEY_TEST_UNSET");
  msg = compile_file_error ("[pipeline]\nstages=read\n[read]\nplugin=test-source\n"
                            "path=${GALLEY_TEST_UNSET}/in\n");
  ck_assert_str_eq (msg, "F:5: [read] path: environment variable 'GALLEY_TEST_UNSET' is not "
                         "set (write ${GALLEY_TEST_UNSET:-default} for a default)");
}
END_TEST

START_TEST (test_inline_syntax_errors)
{
  g_autofree char *m1 = compile_inline_error ("");
  g_autofree char *m2 = compile_inline_error ("test-source !");
  g_autofree char *m3 = compile_inline_error ("! test-source");
  g_autofree char *m4 = compile_inline_error ("test-source count");
  g_autofree char *m5 = compile_inline_error ("test-source 'unterminated");
  g_autofree char *m6 = compile_inline_error ("count=1 ! test-sink path=x");
  g_autofree char *m7 = compile_inline_error ("test-source =1 ! test-sink path=x");

  ck_assert_str_eq (m1, "-e: the pipeline is empty (for example: -e 'read-jsonl path=- ! "
                        "export-jsonl path=-')");
  ck_assert_str_eq (m2, "-e: the pipeline ends with '!'");
  ck_assert_str_eq (m3, "-e: '!' with no stage before it (word 1)");
  ck_assert_str_eq (m4, "-e: stage 1 (test-source): expected key=value or '!', got 'count'");
  ck_assert_str_eq (m5, "-e: a quote is not closed (quote a value that holds spaces whole: "
                        "key='two words')");
  ck_assert_str_eq (m6, "-e: expected a stage name before 'count=1'");
  ck_assert_str_eq (m7, "-e: stage 1 (test-source): expected key=value or '!', got '=1'");
}
END_TEST

/* found by tests/fuzz (crashes/pipeline-inline/invalid-utf8-stage-name):
 * the bytes were quoted back in an "unknown stage" message */
START_TEST (test_inline_invalid_utf8_is_refused)
{
  g_autofree char *msg = compile_inline_error ("test-source ! test-\321ink path=x");

  ck_assert_str_eq (msg, "-e: invalid UTF-8 at byte 19: a pipeline is text");
}
END_TEST

START_TEST (test_two_sinks_writing_one_file)
{
  g_autofree char *m1 = compile_inline_error (
    "test-source ! test-sink path=/tmp/o ! test-sink path=/tmp/x/../o");
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = compile_inline_error (
    "test-source ! test-sink path=/tmp/o ! test-sink path=/tmp/o2");
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *expected = NULL;

  ck_assert_str_eq (m1, "-e: stage 3 (test-sink#2) path: '/tmp/o' is also written by "
                        "stage 2 (test-sink); give each sink an output of its own");
  ck_assert_ptr_null (m3);

  /* after ${VAR} expansion, a relative path resolved from the working directory */
  g_setenv ("GALLEY_TEST_OUT", "out.txt", TRUE);
  m2 = compile_file_error ("[pipeline]\nstages=read;a;b\n[read]\nplugin=test-source\n"
                           "[a]\nplugin=test-sink\npath=./${GALLEY_TEST_OUT}\n"
                           "[b]\nplugin=test-sink\n\npath=out.txt\n");
  expected = g_strdup_printf ("F:11: [b] path: '%s/out.txt' is also written by [a] (line 7); "
                              "give each sink an output of its own", cwd);
  ck_assert_str_eq (m2, expected);
}
END_TEST

START_TEST (test_two_sinks_writing_standard_output)
{
  g_autofree char *msg = compile_inline_error (
    "test-source ! test-sink path=- ! test-filter ! test-sink path=-");
  ck_assert_str_eq (msg, "-e: stage 4 (test-sink#2) path: standard output is also written by "
                         "stage 2 (test-sink); give each sink an output of its own");
}
END_TEST

START_TEST (test_unknown_parameter_far_from_any_has_no_guess)
{
  g_autofree char *msg = compile_inline_error ("test-source colour=red ! test-sink path=x");
  ck_assert_str_eq (msg, "-e: stage 1 (test-source) unknown parameter 'colour' of test-source; "
                         "valid parameters: count, skip-every, fatal-at, path, ack-file");
}
END_TEST

START_TEST (test_unknown_plugin_guesses_the_close_one)
{
  g_autofree char *msg = compile_inline_error ("test-sorce ! test-sink path=x");
  ck_assert_str_eq (msg, "-e: stage 1 (test-sorce) no stage named 'test-sorce'; did you mean "
                         "'test-source'? (see `galley plugins`)");
}
END_TEST

START_TEST (test_missing_group_guesses_the_close_one)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;writer\n[read]\nplugin=test-source\n"
    "[write]\nplugin=test-sink\npath=x\n");
  ck_assert_str_eq (msg, "F:2: [pipeline] stages= names 'writer' but there is no [writer] "
                         "group; did you mean [write]?");
}
END_TEST

/* stages=read, write (commas, or the ! of -e): the list's separator is
 * ';', said with the list as it should be written */
START_TEST (test_stage_list_with_commas_names_the_separator)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read, write\n[read]\nplugin=test-source\n"
    "[write]\nplugin=test-sink\npath=x\n");
  ck_assert_str_eq (msg, "F:2: [pipeline] stages= names 'read, write' but there is no "
                         "[read, write] group; stage names are separated by ';': "
                         "stages=read;write");
}
END_TEST

START_TEST (test_group_written_twice)
{
  g_autofree char *msg = compile_file_error (
    "[pipeline]\nstages=read;write\n[read]\nplugin=test-source\n"
    "[write]\nplugin=test-sink\npath=x\n[read]\ncount=2\n");
  ck_assert_str_eq (msg, "F:8: group [read] appears twice (first on line 3); write each group once");
}
END_TEST

START_TEST (test_key_written_twice)
{
  g_autofree char *m2 = compile_inline_error ("test-source count=1 count=2 ! test-sink path=x");

  ck_assert_str_eq (m2, "-e: stage 1 (test-source) count: set twice; keep one");
}
END_TEST

static char *load_all_errors (const char *text);

START_TEST (test_key_written_twice_in_a_group_written_twice)
{
  g_autofree char *all = load_all_errors (
    "[pipeline]\nstages=read;write\n[read]\nplugin=test-source\ncount=1\n"
    "[write]\nplugin=test-sink\npath=x\n[read]\ncount = 2\n");

  /* GKeyFile would merge the groups and keep count=2 */
  ck_assert_str_eq (all, "F:9: group [read] appears twice (first on line 3); write each group once\n"
                         "F:10: [read] count: set twice (first on line 5); keep one\n");
}
END_TEST

/* load_all_errors: every message galley_pipeline_spec_load_file_all and
 * galley_pipeline_compile_all give for @text, one a line, "F" for the path. */
static char *
load_all_errors (const char *text)
{
  g_autofree char *path = write_file (text);
  g_autoptr (GalleyProblems) problems = galley_problems_new ();
  GalleyPipelineSpec *spec = galley_pipeline_spec_load_file_all (path, problems->errors);
  g_autoptr (GString) all = g_string_new (NULL);

  if (spec)
    galley_pipeline_free (galley_pipeline_compile_all (spec, registry, 0, problems));
  for (guint i = 0; i < problems->errors->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (((GError *) problems->errors->pdata[i])->message, path, -1);
      g_autofree char *m = g_strjoinv ("F", parts);
      g_string_append_printf (all, "%s\n", m);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

START_TEST (test_every_error_of_a_file_in_line_order)
{
  g_autofree char *all = load_all_errors (
    "[pipeline\n"               /* 1 */
    "stages=read;mark;write\n"  /* 2 */
    "onerror=skip\n"            /* 3 */
    "[read]\n"                  /* 4 */
    "plugin=test-source\n"      /* 5 */
    "count=1\n"                 /* 6 */
    "count=2\n"                 /* 7 */
    "not a key\n"               /* 8 */
    "[mark]\n"                  /* 9 */
    "plugin=test-filtre\n"      /* 10 */
    "[write]\n"                 /* 11 */
    "plugin=test-sink\n"        /* 12 */
    "pth=x\n");                 /* 13 */

  ck_assert_str_eq (all,
    "F:1: group line '[pipeline': no closing ']'\n"
    "F:3: [pipeline] unknown key 'onerror'; did you mean 'on-error'? valid keys: description, "
    "stages, on-error, rejects, lock, state, document-timeout, checkpoint, forget\n"
    "F:7: [read] count: set twice (first on line 6); keep one\n"
    "F:8: Key file contains line \u201cnot a key\u201d which is not a key-value pair, group, or comment\n"
    "F:9: [mark] no stage named 'test-filtre'; did you mean 'test-filter'? (see `galley plugins`)\n"
    "F:13: [write] unknown parameter 'pth' of test-sink; did you mean 'path'? valid parameters: "
    "path, fail-ids, fail-from, fail-commit\n");
}
END_TEST

START_TEST (test_structure_is_checked_when_the_stages_are_sound)
{
  /* two problems of order at once; no structure message after a stage error */
  g_autofree char *a = load_all_errors ("[pipeline]\nstages=m;r\n[m]\nplugin=test-filter\n"
                                        "[r]\nplugin=test-source\n");
  g_autofree char *b = load_all_errors ("[pipeline]\nstages=m\n[m]\nplugin=test-filter\n"
                                        "mode=medium\n");

  ck_assert_str_eq (a, "F:3: [m] the first stage must be a source (a reader such as read-files "
                       "or read-jsonl); 'test-filter' is a filter\n"
                       "F:5: [r] 'test-source' is a source; only the first stage may be one\n"
                       "F: the pipeline has no sink: add an exporter such as export-jsonl\n");
  ck_assert_str_eq (b, "F:5: [m] parameter 'mode': 'medium' is not one of: fast, slow\n");
}
END_TEST

START_TEST (test_syntax_errors_stop_at_twenty)
{
  g_autoptr (GString) text = g_string_new ("[pipeline]\nstages=r\n");
  g_autoptr (GString) want = g_string_new (NULL);
  g_autofree char *all = NULL;

  /* a text that is not a pipeline file: twenty lines named, then one
   * message for the rest, and no GKeyFile message on top */
  for (int i = 0; i < 25; i++)
    g_string_append (text, "not a key\n");
  for (int line = 3; line < 3 + 20; line++)
    g_string_append_printf (want, "F:%d: Key file contains line \u201cnot a key\u201d which is "
                            "not a key-value pair, group, or comment\n", line);
  g_string_append (want, "F: more than 20 lines that do not parse; is this a pipeline file?\n");
  all = load_all_errors (text->str);
  ck_assert_str_eq (all, want->str);
}
END_TEST

START_TEST (test_empty_stage_list)
{
  g_autofree char *all = load_all_errors ("[pipeline]\nstages=\n");

  ck_assert_str_eq (all, "F:2: [pipeline] stages= is empty\n");
}
END_TEST

START_TEST (test_group_line_without_a_name_draws_one_message)
{
  /* "[" and "[]" name no group: their keys are not checked, and the
   * stand-ins are not reported as groups missing from stages= */
  g_autofree char *all = load_all_errors ("[pipeline]\nstages=r;w\n[r]\nplugin=test-source\n"
                                          "[w]\nplugin=test-sink\npath=x\n[\nfoo=1\n[]\nbar=2\n");

  ck_assert_str_eq (all,
    "F:8: group line '[': no closing ']'\n"
    "F:10: group line '[]': no name between [ and ]\n");
}
END_TEST

START_TEST (test_group_line_errors_say_what_is_wrong)
{
  /* GKeyFile's own words ("Invalid group name: a[b", "Key file contains
   * line ... which is not a key-value pair") named no fault; each of
   * these lines draws one message that does, and its keys are still
   * checked as the group's where a name can be made out */
  g_autofree char *all = load_all_errors ("[pipeline]\nstages=r;w\n[r]\nplugin=test-source\n"
                                          "[w] x\nplugin=test-sink\npath=x\n[a[b]\nfoo=1\n"
                                          "[r]]\n[ ]\n");

  ck_assert_str_eq (all,
    "F:5: group line '[w] x': nothing may follow ']' on a group line (a comment takes a line of its own)\n"
    "F:8: group line '[a[b]': a group name cannot hold '['\n"
    "F:10: group line '[r]]': nothing may follow ']' on a group line (a comment takes a line of its own)\n"
    "F:10: group [r] appears twice (first on line 3); write each group once\n"
    "F:11: group [ ] is not listed in [pipeline] stages=\n");
}
END_TEST

START_TEST (test_errors_of_one_line_keep_their_order)
{
  g_autofree char *all = load_all_errors ("[pipeline]\nstages=r;r;w\n[r]\nplugin=test-source\n");

  /* found in this order on one line, and kept in it by the sort */
  ck_assert_str_eq (all, "F:2: [pipeline] stages= lists 'r' twice (give each stage its own "
                         "group; groups may use the same plugin)\n"
                         "F:2: [pipeline] stages= names 'w' but there is no [w] group\n");
}
END_TEST

START_TEST (test_three_sinks_writing_one_file)
{
  g_autofree char *all = load_all_errors (
    "[pipeline]\nstages=r;a;b;c\n[r]\nplugin=test-source\n[a]\nplugin=test-sink\n"
    "path=/tmp/o\n[b]\nplugin=test-sink\npath=/tmp/o\n[c]\nplugin=test-sink\npath=/tmp/o\n");

  /* one message a later writer, naming the first */
  ck_assert_str_eq (all, "F:10: [b] path: '/tmp/o' is also written by [a] (line 7); give each "
                         "sink an output of its own\n"
                         "F:13: [c] path: '/tmp/o' is also written by [a] (line 7); give each "
                         "sink an output of its own\n");
}
END_TEST

static Suite *
pipeline_suite (void)
{
  Suite *s = suite_create ("pipeline");
  TCase *tc = tcase_create ("core");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_file_compiles_to_stages_and_options);
  tcase_add_test (tc, test_inline_and_file_compile_to_the_same_pipeline);
  tcase_add_test (tc, test_inline_quoted_values_and_repeated_plugins);
  tcase_add_test (tc, test_unknown_parameter_lists_valid_keys);
  tcase_add_test (tc, test_mistyped_parameter_names_line_group_and_key);
  tcase_add_test (tc, test_out_of_range_parameter);
  tcase_add_test (tc, test_bad_choice_lists_choices);
  tcase_add_test (tc, test_bad_boolean);
  tcase_add_test (tc, test_missing_required_parameter);
  tcase_add_test (tc, test_unknown_plugin);
  tcase_add_test (tc, test_required_layer_not_produced);
  tcase_add_test (tc, test_stage_modifying_a_layer_a_later_stage_produces);
  tcase_add_test (tc, test_stage_reading_a_layer_a_later_stage_produces);
  tcase_add_test (tc, test_layer_modified_or_read_after_its_producer_is_valid);
  tcase_add_test (tc, test_layer_lists_of_an_older_minor_are_not_read);
  tcase_add_test (tc, test_first_stage_must_be_a_source);
  tcase_add_test (tc, test_second_source_is_refused);
  tcase_add_test (tc, test_pipeline_without_sink);
  tcase_add_test (tc, test_stage_list_names_missing_group);
  tcase_add_test (tc, test_group_not_in_stage_list);
  tcase_add_test (tc, test_stage_listed_twice);
  tcase_add_test (tc, test_no_pipeline_group);
  tcase_add_test (tc, test_unknown_pipeline_key);
  tcase_add_test (tc, test_bad_on_error);
  tcase_add_test (tc, test_syntax_error_names_its_line);
  tcase_add_test (tc, test_binary_file_is_refused);
  tcase_add_test (tc, test_byte_order_marks);
  tcase_add_test (tc, test_crlf_line_ends);
  tcase_add_test (tc, test_missing_file);
  tcase_add_test (tc, test_plugin_defaults_to_group_name);
  tcase_add_test (tc, test_environment_expansion);
  tcase_add_test (tc, test_nested_default_expands);
  tcase_add_test (tc, test_unset_variable_is_an_error);
  tcase_add_test (tc, test_inline_syntax_errors);
  tcase_add_test (tc, test_inline_invalid_utf8_is_refused);
  tcase_add_test (tc, test_two_sinks_writing_one_file);
  tcase_add_test (tc, test_two_sinks_writing_standard_output);
  tcase_add_test (tc, test_unknown_parameter_far_from_any_has_no_guess);
  tcase_add_test (tc, test_unknown_plugin_guesses_the_close_one);
  tcase_add_test (tc, test_missing_group_guesses_the_close_one);
  tcase_add_test (tc, test_stage_list_with_commas_names_the_separator);
  tcase_add_test (tc, test_group_written_twice);
  tcase_add_test (tc, test_key_written_twice);
  tcase_add_test (tc, test_key_written_twice_in_a_group_written_twice);
  tcase_add_test (tc, test_every_error_of_a_file_in_line_order);
  tcase_add_test (tc, test_structure_is_checked_when_the_stages_are_sound);
  tcase_add_test (tc, test_syntax_errors_stop_at_twenty);
  tcase_add_test (tc, test_empty_stage_list);
  tcase_add_test (tc, test_group_line_without_a_name_draws_one_message);
  tcase_add_test (tc, test_group_line_errors_say_what_is_wrong);
  tcase_add_test (tc, test_errors_of_one_line_keep_their_order);
  tcase_add_test (tc, test_three_sinks_writing_one_file);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (pipeline_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
