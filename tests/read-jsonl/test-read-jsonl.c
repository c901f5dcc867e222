/* test-read-jsonl.c: the read-jsonl source. */
#include "config.h"

#include <fcntl.h>

#include "galley-chain-private.h"
#include "lib/io-test.h"
#include "../../plugins/read-jsonl/jsonl-flat.h"
#include "../../plugins/read-jsonl/jsonl-parser.h"
#include "../../plugins/read-jsonl/read-jsonl.h"
#include "../../plugins/read-jsonl/utf8-check.h"

static char *tmp;

static void
setup (void)
{
  tmp = io_test_tmpdir ();
}

static void
teardown (void)
{
  io_test_rmtree (tmp);
  g_clear_pointer (&tmp, g_free);
}

/* read_jsonl: writes @data (@len bytes, -1: NUL-terminated) to in.jsonl,
 * reads it with @extra params (may be NULL); the path goes to @path. */
static IoRun *
read_jsonl (const char *data, gssize len, const char *extra, char **path)
{
  g_autofree char *file = io_test_write (tmp, "in.jsonl", data, len);
  g_autofree char *path_param = g_strdup_printf ("path=%s", file);
  /* @extra: none, or parameters separated by spaces */
  g_auto (GStrv) more = g_strsplit (extra ? extra : "", " ", 3);
  const char *params[] = { path_param, more[0], more[0] ? more[1] : NULL, NULL };

  if (path)
    *path = g_strdup (file);
  return io_test_read_all (&galley_read_jsonl_stage, params);
}

/* expect: the message "PATH:SUFFIX" */
#define ck_assert_reject(run, i, path, suffix) \
  do { \
    g_autofree char *want_ = g_strdup_printf ("%s:%s", (path), (suffix)); \
    ck_assert_str_eq (io_run_reject ((run), (i)), want_); \
  } while (0)

/* Parameters */

START_TEST (test_params_defaults)
{
  g_autoptr (GalleyParams) p = galley_params_new (galley_read_jsonl_stage.params);

  ck_assert (galley_params_finish (p, NULL));
  ck_assert_str_eq (galley_params_get_path (p, "path"), "-");
  ck_assert_int_eq (galley_params_get_int (p, "max-bytes"), 16777216);
  ck_assert_str_eq (galley_params_get_choice (p, "utf8"), "windows-1252");
  ck_assert_int_eq (galley_read_jsonl_stage.kind, GALLEY_STAGE_SOURCE);
  ck_assert_str_eq (galley_read_jsonl_stage.name, "read-jsonl");
}
END_TEST

START_TEST (test_params_unknown_key_lists_valid_keys)
{
  const char *params[] = { "colour=red", NULL };
  g_autofree char *msg = io_test_build_error (&galley_read_jsonl_stage, params);

  ck_assert_str_eq (msg, "unknown parameter 'colour'; valid parameters: path, max-bytes, utf8, shard");
}
END_TEST

START_TEST (test_params_bad_utf8_choice)
{
  const char *params[] = { "utf8=ignore", NULL };
  g_autofree char *msg = io_test_build_error (&galley_read_jsonl_stage, params);

  ck_assert_str_eq (msg, "parameter 'utf8': 'ignore' is not one of: replace, reject, windows-1252");
}
END_TEST

START_TEST (test_params_max_bytes_range)
{
  const char *params[] = { "max-bytes=0", NULL };
  g_autofree char *msg = io_test_build_error (&galley_read_jsonl_stage, params);

  ck_assert_str_eq (msg, "parameter 'max-bytes': 0 is out of range [1, 2147483647]");
}
END_TEST

/* Good input */

START_TEST (test_reads_id_text_and_string_metadata)
{
  g_autofree char *path = NULL;
  g_autoptr (IoRun) run = read_jsonl (
    "{\"id\":\"a1\",\"title\":\"Talks resume\",\"text\":\"Talks resumed in Geneva.\",\"source\":\"Wire\"}\n",
    -1, NULL, &path);
  GalleyDocument *doc;
  g_autofree char *origin = g_strdup_printf ("%s:1", path);

  ck_assert_ptr_null (run->error);
  ck_assert_uint_eq (run->docs->len, 1);
  ck_assert_uint_eq (run->rejects->len, 0);
  doc = io_run_doc (run, 0);
  ck_assert_str_eq (galley_document_get_id (doc), "a1");
  ck_assert_str_eq (galley_document_get_text (doc, NULL), "Talks resumed in Geneva.");
  ck_assert_uint_eq (galley_document_get_n_meta (doc), 2);
  ck_assert_str_eq (galley_document_get_meta_nth (doc, 0, NULL), "title");
  ck_assert_str_eq (galley_document_get_meta (doc, "title"), "Talks resume");
  ck_assert_str_eq (galley_document_get_meta_nth (doc, 1, NULL), "source");
  ck_assert_str_eq (galley_document_get_meta (doc, "source"), "Wire");
  ck_assert_str_eq (galley_document_get_origin (doc), origin);
}
END_TEST

START_TEST (test_keeps_other_values_as_verbatim_json)
{
  g_autoptr (IoRun) run = read_jsonl (
    "{\"id\":\"a1\",\"text\":\"x\",\"n\":1.50e3,\"ok\":true,\"no\":false,\"nil\":null,"
    "\"tags\":[ \"world\", {\"k\" : [1,2]} ],\"geo\":{\"lat\":46.2,\"lon\":6.1},\"empty\":[]}\n",
    -1, NULL, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);
  const char *keys[] = { "n", "ok", "no", "nil", "tags", "geo", "empty" };
  const char *json[] = { "1.50e3", "true", "false", "null",
                         "[ \"world\", {\"k\" : [1,2]} ]", "{\"lat\":46.2,\"lon\":6.1}", "[]" };

  ck_assert_uint_eq (galley_document_get_n_meta (doc), G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const GalleyValue *value = NULL;

      ck_assert_str_eq (galley_document_get_meta_nth (doc, i, &value), keys[i]);
      ck_assert_int_eq (value->type, GALLEY_VALUE_JSON);
      ck_assert_str_eq (value->v.s, json[i]);
    }
}
END_TEST

START_TEST (test_control_white_space_in_a_kept_value_becomes_a_space)
{
  /* yajl takes form feed and vertical tab between tokens; JSON does not,
   * and the value is kept for others to parse (found by fuzzing) */
  g_autoptr (IoRun) run = read_jsonl (
    "{\"id\":\"a1\",\"text\":\"x\",\"tags\":[\f\"world\",\v1]}\n", -1, NULL, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);
  const GalleyValue *value = NULL;

  ck_assert_str_eq (galley_document_get_meta_nth (doc, 0, &value), "tags");
  ck_assert_int_eq (value->type, GALLEY_VALUE_JSON);
  ck_assert_str_eq (value->v.s, "[ \"world\", 1]");
}
END_TEST

START_TEST (test_decodes_escapes)
{
  g_autoptr (IoRun) run = read_jsonl (
    "{\"id\":\"caf\\u00e9\",\"text\":\"Line one.\\nShe said \\\"no\\\" \\ud83d\\ude00 \\/ \\\\ \\t.\",\"k\\u00e9y\":\"v\"}\n",
    -1, NULL, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);

  ck_assert_str_eq (galley_document_get_id (doc), "caf\xC3\xA9");
  ck_assert_str_eq (galley_document_get_text (doc, NULL),
                    "Line one.\nShe said \"no\" \xF0\x9F\x98\x80 / \\ \t.");
  ck_assert_str_eq (galley_document_get_meta (doc, "k\xC3\xA9y"), "v");
  ck_assert_uint_eq (galley_document_get_repaired (doc), 0);
}
END_TEST

START_TEST (test_skips_blank_lines_and_counts_them)
{
  g_autofree char *path = NULL;
  g_autoptr (IoRun) run = read_jsonl (
    "\n{\"id\":\"a\",\"text\":\"A.\"}\n  \t\r\n\n{\"id\":\"b\",\"text\":\"B.\"}\r\n", -1, NULL, &path);
  g_autofree char *origin = g_strdup_printf ("%s:5", path);

  ck_assert_uint_eq (run->docs->len, 2);
  ck_assert_uint_eq (run->rejects->len, 0);
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 1)), "b");
  ck_assert_str_eq (galley_document_get_origin (io_run_doc (run, 1)), origin);
}
END_TEST

START_TEST (test_last_line_without_newline_is_read)
{
  g_autoptr (IoRun) run = read_jsonl ("{\"id\":\"a\",\"text\":\"A.\"}\n{\"id\":\"b\",\"text\":\"B.\"}",
                                      -1, NULL, NULL);

  ck_assert_uint_eq (run->docs->len, 2);
  ck_assert_str_eq (galley_document_get_text (io_run_doc (run, 1), NULL), "B.");
}
END_TEST

START_TEST (test_byte_order_mark_is_skipped)
{
  g_autoptr (IoRun) run = read_jsonl ("\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"A.\"}\n", -1, NULL, NULL);

  ck_assert_uint_eq (run->rejects->len, 0);
  ck_assert_uint_eq (run->docs->len, 1);
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 0)), "a");
}
END_TEST

START_TEST (test_empty_text_is_a_document)
{
  g_autoptr (IoRun) run = read_jsonl ("{\"id\":\"a\",\"text\":\"\"}\n", -1, NULL, NULL);

  ck_assert_uint_eq (run->docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (io_run_doc (run, 0), NULL), "");
}
END_TEST

START_TEST (test_empty_file_gives_nothing)
{
  g_autoptr (IoRun) run = read_jsonl ("", 0, NULL, NULL);

  ck_assert_ptr_null (run->error);
  ck_assert_uint_eq (run->docs->len, 0);
  ck_assert_uint_eq (run->rejects->len, 0);
}
END_TEST

START_TEST (test_reads_stdin)
{
  g_autofree char *file = io_test_write (tmp, "stdin.jsonl",
                                         "{\"id\":\"s1\",\"text\":\"From stdin.\"}\n", -1);
  int saved = dup (STDIN_FILENO);
  int fd = open (file, O_RDONLY);
  const char *params[] = { "path=-", NULL };
  IoRun *run;

  ck_assert_int_ge (fd, 0);
  dup2 (fd, STDIN_FILENO);
  close (fd);
  run = io_test_read_all (&galley_read_jsonl_stage, params);
  dup2 (saved, STDIN_FILENO);
  close (saved);
  ck_assert_uint_eq (run->docs->len, 1);
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 0)), "s1");
  ck_assert_str_eq (galley_document_get_origin (io_run_doc (run, 0)), "<stdin>:1");
  io_run_free (run);
}
END_TEST

START_TEST (test_missing_file_is_fatal)
{
  g_autofree char *path = g_build_filename (tmp, "nope.jsonl", NULL);
  g_autofree char *param = g_strdup_printf ("path=%s", path);
  const char *params[] = { param, NULL };
  g_autoptr (IoRun) run = io_test_read_all (&galley_read_jsonl_stage, params);
  g_autofree char *want = g_strdup_printf ("%s: cannot open: No such file or directory", path);

  ck_assert_ptr_null (run->docs);
  ck_assert_ptr_nonnull (run->error);
  ck_assert (g_error_matches (run->error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_str_eq (run->error->message, want);
}
END_TEST

/* Malformed lines: each is rejected with "PATH:LINE: reason"; the good
 * lines around it still come through. */

static const char good1[] = "{\"id\":\"g1\",\"text\":\"First.\"}\n";
static const char good2[] = "{\"id\":\"g2\",\"text\":\"Last.\"}\n";

/* between: good1, @bad (with its newline), good2; checks both good lines
 * came through and returns the one reject message. */
static char *
reject_between (const char *bad, gssize bad_len, const char *extra, char **path)
{
  GString *data = g_string_new (good1);
  IoRun *run;
  char *msg;

  g_string_append_len (data, bad, bad_len < 0 ? (gssize) strlen (bad) : bad_len);
  g_string_append (data, good2);
  run = read_jsonl (data->str, data->len, extra, path);
  g_string_free (data, TRUE);
  ck_assert_ptr_null (run->error);
  ck_assert_uint_eq (run->docs->len, 2);
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 0)), "g1");
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 1)), "g2");
  ck_assert_uint_eq (run->rejects->len, 1);
  msg = g_strdup (io_run_reject (run, 0));
  io_run_free (run);
  return msg;
}

#define ck_assert_line2(msg, path, reason) \
  do { \
    g_autofree char *want_ = g_strdup_printf ("%s:2: %s", (path), (reason)); \
    ck_assert_str_eq ((msg), want_); \
  } while (0)

START_TEST (test_origin_and_messages_name_the_line)
{
  g_autofree char *path = NULL;
  GString *data = g_string_new (NULL);
  g_autoptr (IoRun) run = NULL;
  g_autofree char *want = NULL;

  for (guint i = 1; i <= 120; i++)
    g_string_append_printf (data, "{\"id\":\"d%u\",\"text\":\"x\"}\n", i);
  g_string_append (data, "{\"id\":\"bad\"}\n");
  run = read_jsonl (data->str, data->len, NULL, &path);
  g_string_free (data, TRUE);
  want = g_strdup_printf ("%s:107", path);
  ck_assert_str_eq (galley_document_get_origin (io_run_doc (run, 106)), want);
  ck_assert_reject (run, 0, path, "121: missing \"text\"");
}
END_TEST

START_TEST (test_rejects_bad_json)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("{\"id\":\"b\",\"text\":\"x\",}\n", -1, NULL, &path);

  ck_assert_line2 (msg, path, "invalid JSON: invalid object key (must be a string)");
}
END_TEST

START_TEST (test_rejects_trailing_garbage)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("{\"id\":\"b\",\"text\":\"x\"} {}\n", -1, NULL, &path);

  ck_assert_line2 (msg, path, "invalid JSON: trailing garbage");
}
END_TEST

START_TEST (test_rejects_truncated_last_line)
{
  g_autofree char *path = NULL;
  g_autoptr (IoRun) run = read_jsonl ("{\"id\":\"g1\",\"text\":\"First.\"}\n{\"id\":\"g2\",\"te",
                                      -1, NULL, &path);
  g_autofree char *want = g_strdup_printf ("%s:2: invalid JSON: premature EOF", path);

  ck_assert_uint_eq (run->docs->len, 1);
  ck_assert_uint_eq (run->rejects->len, 1);
  ck_assert_str_eq (io_run_reject (run, 0), want);
}
END_TEST

START_TEST (test_rejects_non_object)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("[{\"id\":\"b\",\"text\":\"x\"}]\n", -1, NULL, &path);

  ck_assert_line2 (msg, path, "not a JSON object");
}
END_TEST

START_TEST (test_rejects_scalar_line)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("\"just a string\"\n", -1, NULL, &path);

  ck_assert_line2 (msg, path, "not a JSON object");
}
END_TEST

START_TEST (test_rejects_missing_id)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("{\"text\":\"No id.\"}\n", -1, NULL, &path);

  ck_assert_line2 (msg, path, "missing \"id\"");
}
END_TEST

START_TEST (test_rejects_missing_text)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("{\"id\":\"b\",\"title\":\"No text\"}\n", -1, NULL, &path);

  ck_assert_line2 (msg, path, "missing \"text\"");
}
END_TEST

START_TEST (test_rejects_id_neither_string_nor_integer)
{
  static const char *const ids[] = { "true", "null", "[1]", "{\"n\":1}", "4.2e1", "1.0", "-1E3" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *line = g_strdup_printf ("{\"id\":%s,\"text\":\"x\"}\n", ids[i]);
      g_autofree char *msg = reject_between (line, -1, NULL, &path);

      ck_assert_line2 (msg, path, "\"id\" is not a string or an integer");
    }
}
END_TEST

START_TEST (test_integer_id_is_its_decimal_text)
{
  static const char *const ids[] = {
    "42", "0", "-7", "9007199254740993", "123456789012345678901234567890",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *line = g_strdup_printf ("{\"id\":%s,\"text\":\"x\"}\n", ids[i]);
      g_autoptr (IoRun) run = read_jsonl (line, -1, NULL, NULL);

      ck_assert_uint_eq (run->rejects->len, 0);
      ck_assert_uint_eq (run->docs->len, 1);
      ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 0)), ids[i]);
      ck_assert_uint_eq (galley_document_get_n_meta (io_run_doc (run, 0)), 0);
    }
}
END_TEST

START_TEST (test_rejects_non_string_text)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("{\"id\":\"b\",\"text\":[\"a\",\"b\"]}\n", -1, NULL, &path);

  ck_assert_line2 (msg, path, "\"text\" is not a string");
}
END_TEST

START_TEST (test_rejects_empty_id)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("{\"id\":\"\",\"text\":\"x\"}\n", -1, NULL, &path);

  ck_assert_line2 (msg, path, "\"id\" is empty");
}
END_TEST

START_TEST (test_rejects_binary_garbage)
{
  static const char bad[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0\n";
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between (bad, sizeof bad - 1, NULL, &path);

  ck_assert_line2 (msg, path, "binary data, not JSON");
}
END_TEST

START_TEST (test_rejects_control_character_in_string)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("{\"id\":\"b\",\"text\":\"bell\x07\"}\n", -1, NULL, &path);

  ck_assert_line2 (msg, path, "invalid JSON: invalid character inside string");
}
END_TEST

START_TEST (test_rejects_line_over_max_bytes)
{
  g_autofree char *path = NULL;
  g_autofree char *text = g_strnfill (200, 'x');
  g_autofree char *bad = g_strdup_printf ("{\"id\":\"big\",\"text\":\"%s\"}\n", text);
  g_autofree char *msg = reject_between (bad, -1, "max-bytes=64", &path);

  ck_assert_line2 (msg, path, "line longer than max-bytes=64");
}
END_TEST

START_TEST (test_line_of_exactly_max_bytes_is_read)
{
  /* {"id":"a","text":"xxxxxxxxxxxxx"} is 33 bytes */
  g_autoptr (IoRun) run = read_jsonl ("{\"id\":\"a\",\"text\":\"xxxxxxxxxxxxx\"}\n", -1,
                                      "max-bytes=33", NULL);

  ck_assert_uint_eq (run->docs->len, 1);
  ck_assert_uint_eq (run->rejects->len, 0);
}
END_TEST

/* The line's 32 bytes hold two \xE9; repaired, the line is 32 + 2 * (@grow
 * - 1) bytes, @repaired's length. max-bytes one short of it rejects the
 * line; max-bytes of it reads @repaired. */
static const struct {
  const char *policy;
  guint grow;
  const char *repaired;
} max_bytes_once_repaired[] = {
  { "utf8=replace", 3, "{\"id\":\"a\",\"text\":\"caf\xEF\xBF\xBD caf\xEF\xBF\xBD xx\"}" },
  { "utf8=windows-1252", 2, "{\"id\":\"a\",\"text\":\"café café xx\"}" },
};

START_TEST (test_max_bytes_counts_the_repaired_line)
{
  const char *line = "{\"id\":\"a\",\"text\":\"caf\xE9 caf\xE9 xx\"}\n";
  guint want = 32 + 2 * (max_bytes_once_repaired[_i].grow - 1);
  g_autofree char *path = NULL;
  g_autofree char *over = g_strdup_printf ("%s max-bytes=%u", max_bytes_once_repaired[_i].policy, want - 1);
  g_autofree char *fits = g_strdup_printf ("%s max-bytes=%u", max_bytes_once_repaired[_i].policy, want);
  g_autofree char *reason = g_strdup_printf ("1: longer than max-bytes=%u once invalid UTF-8 "
                                             "is replaced", want - 1);
  g_autoptr (IoRun) rejected = read_jsonl (line, -1, over, &path);
  g_autoptr (IoRun) read = read_jsonl (line, -1, fits, NULL);
  const char *text;

  ck_assert_uint_eq (strlen (max_bytes_once_repaired[_i].repaired), want);
  ck_assert_uint_eq (rejected->docs->len, 0);
  ck_assert_reject (rejected, 0, path, reason);
  ck_assert_uint_eq (read->rejects->len, 0);
  text = galley_document_get_text (io_run_doc (read, 0), NULL);
  ck_assert (strstr (max_bytes_once_repaired[_i].repaired, text) != NULL);
  ck_assert_uint_eq (strlen (text), want - 20);
}
END_TEST

START_TEST (test_rejects_huge_line_in_bounded_memory)
{
  /* 5 MiB on one line, far past the reader's 1 MiB buffer and the 2 MiB
   * limit: skipped without being held, and the line after it is read. */
  gsize huge = 5 * 1024 * 1024;
  GString *data = g_string_sized_new (huge + 200);
  g_autofree char *path = NULL;
  IoRun *run;
  g_autofree char *want = NULL;

  g_string_append (data, good1);
  g_string_append (data, "{\"id\":\"huge\",\"text\":\"");
  for (gsize i = 0; i < huge; i++)
    g_string_append_c (data, 'a' + i % 26);
  g_string_append (data, "\"}\n");
  g_string_append (data, good2);
  run = read_jsonl (data->str, data->len, "max-bytes=2097152", &path);
  g_string_free (data, TRUE);
  want = g_strdup_printf ("%s:2: line longer than max-bytes=2097152", path);
  ck_assert_uint_eq (run->docs->len, 2);
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 1)), "g2");
  ck_assert_uint_eq (run->rejects->len, 1);
  ck_assert_str_eq (io_run_reject (run, 0), want);
  io_run_free (run);
}
END_TEST

START_TEST (test_huge_last_line_without_newline)
{
  g_autofree char *path = NULL;
  g_autofree char *text = g_strnfill (3 * 1024 * 1024, 'z');
  g_autofree char *data = g_strdup_printf ("%s{\"id\":\"z\",\"text\":\"%s\"}", good1, text);
  g_autoptr (IoRun) run = read_jsonl (data, -1, "max-bytes=1000000", &path);
  g_autofree char *want = g_strdup_printf ("%s:2: line longer than max-bytes=1000000", path);

  ck_assert_uint_eq (run->docs->len, 1);
  ck_assert_uint_eq (run->rejects->len, 1);
  ck_assert_str_eq (io_run_reject (run, 0), want);
}
END_TEST

START_TEST (test_long_lines_under_the_limit_cross_buffer_refills)
{
  /* lines of 300 KiB: each spans reads of the 256 KiB block */
  GString *data = g_string_new (NULL);
  g_autofree char *text = g_strnfill (300 * 1024, 'q');
  IoRun *run;

  for (int i = 0; i < 12; i++)
    g_string_append_printf (data, "{\"id\":\"l%d\",\"text\":\"%s\"}\n", i, text);
  run = read_jsonl (data->str, data->len, NULL, NULL);
  g_string_free (data, TRUE);
  ck_assert_uint_eq (run->docs->len, 12);
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 11)), "l11");
  ck_assert_str_eq (galley_document_get_text (io_run_doc (run, 11), NULL), text);
  io_run_free (run);
}
END_TEST

/* nested_line: an object whose member "m" nests @arrays arrays; with the
 * line's own object that makes @arrays + 1 levels. (transfer full) */
static char *
nested_line (guint arrays)
{
  GString *line = g_string_new ("{\"id\":\"d\",\"text\":\"x\",\"m\":");

  for (guint i = 0; i < arrays; i++)
    g_string_append_c (line, '[');
  for (guint i = 0; i < arrays; i++)
    g_string_append_c (line, ']');
  g_string_append (line, "}\n");
  return g_string_free (line, FALSE);
}

START_TEST (test_nesting_of_256_levels_is_read)
{
  g_autofree char *line = nested_line (255);
  g_autoptr (IoRun) run = read_jsonl (line, -1, NULL, NULL);
  g_autofree char *open = g_strnfill (255, '[');
  g_autofree char *close = g_strnfill (255, ']');
  g_autofree char *want = g_strconcat (open, close, NULL);
  g_autofree char *m = NULL;

  ck_assert_uint_eq (run->rejects->len, 0);
  ck_assert_uint_eq (run->docs->len, 1);
  m = io_test_meta_text (io_run_doc (run, 0), "m");
  ck_assert_str_eq (m, want);
}
END_TEST

START_TEST (test_rejects_nesting_deeper_than_256_levels)
{
  g_autofree char *path = NULL;
  g_autofree char *line = nested_line (256);
  g_autofree char *msg = reject_between (line, -1, NULL, &path);

  ck_assert_line2 (msg, path, "nested deeper than 256 levels");
}
END_TEST

START_TEST (test_rejects_80000_levels_without_crashing)
{
  g_autofree char *path = NULL;
  g_autofree char *line = nested_line (80000);
  g_autofree char *msg = reject_between (line, -1, NULL, &path);

  ck_assert_line2 (msg, path, "nested deeper than 256 levels");
}
END_TEST

/* Hostile and broken lines: each line alone in a file, and what comes out:
 * "ID: TEXT" and a "KEY=JSON" for each metadata member, or "! REASON" (the
 * reject's message without its "PATH:1: "). */
static const struct {
  const char *line;
  gssize len;
  const char *expected;
} hostile_lines[] = {
  { "{}", -1, "! missing \"id\"" },
  { "{\"id\":\"a\",\"text\":\"x\"", -1, "! invalid JSON: premature EOF" },
  { "{\"id\":\"a\",\"text\":\"x\"}}", -1, "! invalid JSON: trailing garbage" },
  { "{\"id\":\"a\" \"text\":\"x\"}", -1,
    "! invalid JSON: after key and value, inside map, I expect ',' or '}'" },
  { "{\"id\":\"a\",\"text\":\"x\",\"n\":-}", -1,
    "! invalid JSON: malformed number, a digit is required after the minus sign" },
  { "{\"id\":\"a\",\"text\":\"x\",\"id\":\"b\"}", -1, "b: x" },  /* the last one */
  { "{\"id\":\"a\",\"text\":\"x\",\"text\":\"y\"}", -1, "a: y" },
  { "{\"id\":\"a\",\"text\":\"\\u00e9\\u4e2d\\ud83d\\ude00\"}", -1,
    "a: \xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80" },
  { "{\"id\":\"a\",\"text\":\"x\",\"n\":1e99999,\"m\":-0.0}", -1, "a: x n=1e99999 m=-0.0" },  /* as written */
  { "{\"id\":\"\\ud800\",\"text\":\"x\"}", -1, "\xEF\xBF\xBD: x (repaired 1)" },
  { "{\"id\":\"a\",\"text\":\"x\",\"k\\u0000\":\"v\\udfff\"}", -1,
    "a: x k\xEF\xBF\xBD=v\xEF\xBF\xBD (repaired 2)" },
  { "{\"id\":\"a\",\"text\":\"x\\u0\"}", -1,
    "! invalid JSON: invalid (non-hex) character occurs after '\\u' inside string" },
  { "{\"id\":\"a\",\"text\":\"x\x00\"}", 20, "! binary data, not JSON" },
  { "\"just a string\"", -1, "! not a JSON object" },
  { "nul", -1, "! invalid JSON: invalid string in json text" },
  { "{\"id\":\"a\",\"text\":\"x\"}\r", -1, "a: x" },
};

START_TEST (test_hostile_line)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr (IoRun) run = NULL;
  GString *got = g_string_new (NULL);
  gsize len = hostile_lines[_i].len < 0 ? strlen (hostile_lines[_i].line)
                                        : (gsize) hostile_lines[_i].len;

  data = g_malloc (len + 1);
  memcpy (data, hostile_lines[_i].line, len);
  data[len] = '\n';
  run = read_jsonl (data, len + 1, NULL, &path);
  ck_assert_ptr_null (run->error);
  for (guint i = 0; i < run->docs->len; i++)
    {
      GalleyDocument *doc = io_run_doc (run, i);

      g_string_append_printf (got, "%s: %s", galley_document_get_id (doc),
                              galley_document_get_text (doc, NULL));
      for (guint m = 0; m < galley_document_get_n_meta (doc); m++)
        {
          const GalleyValue *value = NULL;
          const char *key = galley_document_get_meta_nth (doc, m, &value);
          g_autofree char *text = galley_value_to_string (value);

          g_string_append_printf (got, " %s=%s", key, text);
        }
      if (galley_document_get_repaired (doc) > 0)
        g_string_append_printf (got, " (repaired %u)", galley_document_get_repaired (doc));
    }
  for (guint i = 0; i < run->rejects->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s:1: ", path);

      ck_assert (g_str_has_prefix (io_run_reject (run, i), prefix));
      g_string_append_printf (got, "! %s", io_run_reject (run, i) + strlen (prefix));
    }
  ck_assert_msg (strcmp (got->str, hostile_lines[_i].expected) == 0, "line %d gave\n%s\nnot\n%s",
                 _i, got->str, hostile_lines[_i].expected);
  g_string_free (got, TRUE);
}
END_TEST

START_TEST (test_random_lines_never_crash)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240315);
  static const char alphabet[] = "{}[]\":,\\u0123456789abcdefinrtl \xC3\xA9\xFF";

  for (guint round = 0; round < 200; round++)
    {
      char line[64];
      g_autoptr (IoRun) run = NULL;

      for (guint i = 0; i + 1 < sizeof line; i++)
        line[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      line[sizeof line - 1] = '\n';
      run = read_jsonl (line, sizeof line, NULL, NULL);
      ck_assert_ptr_null (run->error);
      ck_assert_uint_eq (run->docs->len + run->rejects->len, 1);
    }
}
END_TEST

/* UTF-8 */

/* Invalid UTF-8 in the text and in metadata, under each repair: by
 * default Latin-1 text that was never converted keeps its letters (one
 * word stays one word for the tokenizer) and valid UTF-8 beside it (the
 * ï) is kept as it is; utf8=replace makes each bad byte U+FFFD. The
 * count of repaired bytes travels beside the document. */
static const struct {
  const char *params;
  const char *line;
  const char *text;
  const char *by;
  const char *count;
} invalid_utf8[] = {
  { NULL, "{\"id\":\"u\",\"text\":\"Z\xFCrich \x93na\xC3\xAFve\x94 \x81\",\"by\":\"J\xFCrg\"}\n",
    "Zürich \u201cnaïve\u201d \xEF\xBF\xBD", "Jürg", "5" },
  { "utf8=replace", "{\"id\":\"u\",\"text\":\"caf\xE9 \xFF ok\",\"by\":\"J\xFCrg\"}\n",
    "caf\xEF\xBF\xBD \xEF\xBF\xBD ok", "J\xEF\xBF\xBDrg", "3" },
};

START_TEST (test_invalid_utf8_is_repaired_and_counted)
{
  g_autoptr (IoRun) run = read_jsonl (invalid_utf8[_i].line, -1, invalid_utf8[_i].params, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);
  g_autofree char *count = io_test_repaired_text (doc);

  ck_assert_uint_eq (run->rejects->len, 0);
  ck_assert_str_eq (galley_document_get_text (doc, NULL), invalid_utf8[_i].text);
  ck_assert_str_eq (galley_document_get_meta (doc, "by"), invalid_utf8[_i].by);
  ck_assert_str_eq (count, invalid_utf8[_i].count);
  /* a count beside the document, never metadata that exporters write */
  ck_assert_ptr_null (galley_document_get_meta_value (doc, "utf8.replaced"));
}
END_TEST

START_TEST (test_invalid_utf8_is_rejected_under_reject)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("{\"id\":\"u\",\"text\":\"caf\xE9\"}\n", -1,
                                         "utf8=reject", &path);

  /* byte 21 of the line is the 0xE9 */
  ck_assert_line2 (msg, path, "invalid UTF-8 at byte 21");
}
END_TEST

START_TEST (test_nul_escape_is_replaced)
{
  g_autoptr (IoRun) run = read_jsonl ("{\"id\":\"n\",\"text\":\"a\\u0000b\"}\n", -1, NULL, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);
  g_autofree char *count = io_test_repaired_text (doc);

  ck_assert_str_eq (galley_document_get_text (doc, NULL), "a\xEF\xBF\xBD" "b");
  ck_assert_str_eq (count, "1");
}
END_TEST

START_TEST (test_nul_escape_is_rejected_under_reject)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = reject_between ("{\"id\":\"n\",\"text\":\"a\\u0000b\"}\n", -1,
                                         "utf8=reject", &path);

  ck_assert_line2 (msg, path, "a \\u0000 escape makes a NUL character");
}
END_TEST

/* Surrogate escapes: the text after "{\"id\":\"s\",\"text\":\"" (byte 19
 * of the line onwards), the document's text under utf8=replace and how
 * many escapes were replaced, and the reason under utf8=reject. */
static const struct {
  const char *escaped;
  const char *replaced;
  guint n_replaced;
  const char *rejected;
} surrogates[] = {
  { "\\ud83d\\ude00 ok", "\xF0\x9F\x98\x80 ok", 0, NULL },
  { "\\uD83D\\uDE00", "\xF0\x9F\x98\x80", 0, NULL },
  { "\\ud800", "\xEF\xBF\xBD", 1, "unpaired surrogate escape \\ud800 at byte 19" },
  { "\\ud800\\u0041", "\xEF\xBF\xBD" "A", 1, "unpaired surrogate escape \\ud800 at byte 19" },
  { "x\\ud800y", "x\xEF\xBF\xBDy", 1, "unpaired surrogate escape \\ud800 at byte 20" },
  { "\\ud800\\ud800\\udc00", "\xEF\xBF\xBD\xF0\x90\x80\x80", 1,
    "unpaired surrogate escape \\ud800 at byte 19" },
  { "\\udc00", "\xEF\xBF\xBD", 1, "unpaired surrogate escape \\udc00 at byte 19" },
  { "a\\udc00\\ud800b", "a\xEF\xBF\xBD\xEF\xBF\xBD" "b", 2,
    "unpaired surrogate escape \\udc00 at byte 20" },
  { "\\ud800\\n", "\xEF\xBF\xBD\n", 1, "unpaired surrogate escape \\ud800 at byte 19" },
  { "\\\\ud800", "\\ud800", 0, NULL },  /* a backslash, then text */
};

START_TEST (test_surrogate_escapes_under_replace)
{
  g_autofree char *line = g_strdup_printf ("{\"id\":\"s\",\"text\":\"%s\"}\n",
                                           surrogates[_i].escaped);
  g_autoptr (IoRun) run = read_jsonl (line, -1, NULL, NULL);
  GalleyDocument *doc = io_run_doc (run, 0);
  g_autofree char *count = io_test_repaired_text (doc);

  ck_assert_uint_eq (run->rejects->len, 0);
  ck_assert_str_eq (galley_document_get_text (doc, NULL), surrogates[_i].replaced);
  if (surrogates[_i].n_replaced == 0)
    ck_assert_ptr_null (count);
  else
    {
      g_autofree char *want = g_strdup_printf ("%u", surrogates[_i].n_replaced);
      ck_assert_str_eq (count, want);
    }
}
END_TEST

START_TEST (test_surrogate_escapes_under_reject)
{
  g_autofree char *line = g_strdup_printf ("{\"id\":\"s\",\"text\":\"%s\"}\n",
                                           surrogates[_i].escaped);
  g_autofree char *path = NULL;

  if (surrogates[_i].rejected == NULL)
    {
      g_autoptr (IoRun) run = read_jsonl (line, -1, "utf8=reject", NULL);
      ck_assert_uint_eq (run->rejects->len, 0);
      ck_assert_str_eq (galley_document_get_text (io_run_doc (run, 0), NULL),
                        surrogates[_i].replaced);
    }
  else
    {
      g_autofree char *msg = reject_between (line, -1, "utf8=reject", &path);
      ck_assert_line2 (msg, path, surrogates[_i].rejected);
    }
}
END_TEST

START_TEST (test_utf8_check_agrees_with_glib)
{
  static const char *const cases[] = {
    "", "plain ascii text, longer than one word", "caf\xC3\xA9", "\xE2\x80\x94 dash",
    "\xF0\x9F\x98\x80", "\xE6\x9D\xB1\xE4\xBA\xAC", "\xC3", "\xC3\x28", "\xC0\xAF",
    "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF",
    "\xED\xA0\x80", "\xED\xBF\xBF", "\xEE\x80\x80", "\xF0\x8F\xBF\xBF", "\xF0\x90\x80\x80",
    "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\x80",
    "abcdefg\xFF", "abcdefgh\xC3\xA9ijklmnop", "12345678\xE2\x82", "\xEF\xBF\xBD",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    ck_assert_msg (utf8_check (cases[i], strlen (cases[i]))
                   == g_utf8_validate_len (cases[i], strlen (cases[i]), NULL),
                   "case %u", i);
  /* NUL bytes, inside and outside a word-sized run */
  ck_assert (!utf8_check ("ab\0cd", 5));
  ck_assert (!utf8_check ("abcdefgh\0", 9));
  ck_assert (!utf8_check ("abcdefghijklmno\0p", 17));
}
END_TEST

/* utf8_check skips 64 ASCII bytes a step (SSE2), then 16, then a word,
 * then a byte: a NUL, a stray continuation byte, a byte never in UTF-8, a
 * truncated sequence and a valid two-byte character at every position of
 * strings of 7, 20, 40, 70 and 150 bytes, against GLib. */
START_TEST (test_utf8_check_at_every_position)
{
  static const struct { const char *bytes; gsize len; } inserts[] = {
    { "\0", 1 }, { "\x80", 1 }, { "\xFF", 1 }, { "\xE2\x82", 2 }, { "\xC3\xA9", 2 },
  };
  static const gsize lengths[] = { 7, 20, 40, 70, 150 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (guint k = 0; k < G_N_ELEMENTS (inserts); k++)
      for (gsize pos = 0; pos + inserts[k].len <= lengths[l]; pos++)
        {
          char s[150];
          gsize n = lengths[l];

          memset (s, 'a', n);
          memcpy (s + pos, inserts[k].bytes, inserts[k].len);
          ck_assert_msg (utf8_check (s, n) == g_utf8_validate_len (s, n, NULL),
                         "insert %u at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, k, pos, n);
        }
}
END_TEST

/* export-jsonl's lines are unpacked ("meta" to metadata, "features" to
 * features, "layers" dropped) when such a member is an object, and only
 * then: a plain "meta" string, and an array member, stay metadata. */
START_TEST (test_export_shape_unpacked_only_from_an_object_member)
{
  g_autoptr (IoRun) run = read_jsonl (
    "{\"id\":\"e\",\"text\":\"T\",\"meta\":{\"title\":\"X\"},\"features\":{\"s\":0.5},"
    "\"layers\":{\"entity\":[]}}\n"
    "{\"id\":\"p\",\"text\":\"T\",\"meta\":\"plain\"}\n"
    "{\"id\":\"q\",\"text\":\"T\",\"layers\":[1,2]}\n",
    -1, NULL, NULL);
  GalleyDocument *doc;
  const GalleyValue *value;

  ck_assert_ptr_null (run->error);
  ck_assert_uint_eq (run->docs->len, 3);
  doc = io_run_doc (run, 0);
  ck_assert_uint_eq (galley_document_get_n_meta (doc), 1);
  ck_assert_str_eq (galley_document_get_meta (doc, "title"), "X");
  value = galley_document_get_feature (doc, "s");
  ck_assert_ptr_nonnull (value);
  ck_assert_int_eq (value->type, GALLEY_VALUE_DOUBLE);
  ck_assert (value->v.d == 0.5);
  doc = io_run_doc (run, 1);
  ck_assert_uint_eq (galley_document_get_n_meta (doc), 1);
  ck_assert_str_eq (galley_document_get_meta (doc, "meta"), "plain");
  doc = io_run_doc (run, 2);
  ck_assert_uint_eq (galley_document_get_n_meta (doc), 1);
  value = galley_document_get_meta_value (doc, "layers");
  ck_assert_int_eq (value->type, GALLEY_VALUE_JSON);
  ck_assert_str_eq (value->v.s, "[1,2]");
}
END_TEST

/* The stub a rejected line leaves for the rejects file. */

START_TEST (test_rejects_line_of_one_byte_past_max_bytes)
{
  /* 34 bytes: with its newline, found in the buffer; then as the last
   * line, without one, found at the end of the input */
  static const char line[] = "{\"id\":\"a\",\"text\":\"xxxxxxxxxxxxxx\"}";
  g_autofree char *path = NULL;
  g_autofree char *with_newline = g_strdup_printf ("%s\n", line);
  g_autofree char *msg = reject_between (with_newline, -1, "max-bytes=33", &path);
  g_autofree char *last = g_strdup_printf ("%s%s", good1, line);
  g_autoptr (IoRun) run = read_jsonl (last, -1, "max-bytes=33", NULL);

  ck_assert_line2 (msg, path, "line longer than max-bytes=33");
  ck_assert_uint_eq (run->docs->len, 1);
  ck_assert_uint_eq (run->rejects->len, 1);
  ck_assert_reject (run, 0, path, "2: line longer than max-bytes=33");
}
END_TEST

START_TEST (test_byte_order_mark_of_a_joined_file_is_skipped)
{
  /* `cat a.jsonl b.jsonl` keeps b's mark at the start of its first line;
   * a mark anywhere else in a line is still refused */
  g_autofree char *path = NULL;
  g_autoptr (IoRun) run = read_jsonl ("\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"A.\"}\n"
                                      "\xEF\xBB\xBF{\"id\":\"b\",\"text\":\"B.\"}\n"
                                      "\xEF\xBB\xBF\n"
                                      "{\"id\":\"c\",\"text\":\"C.\"}\xEF\xBB\xBF\n", -1, NULL, &path);

  ck_assert_uint_eq (run->docs->len, 2);
  ck_assert_str_eq (galley_document_get_id (io_run_doc (run, 1)), "b");
  ck_assert_str_eq (galley_document_get_text (io_run_doc (run, 1), NULL), "B.");
  ck_assert_uint_eq (run->rejects->len, 1);
  ck_assert_reject (run, 0, path, "4: invalid JSON: trailing garbage");
}
END_TEST

/* read_refused: writes @data to in.jsonl and reads it with the stage
 * itself (with max-bytes=@max_bytes unless NULL), whose first read must
 * refuse a line: its stub document (the rejects file's), the reason in
 * @error, the stage (still open) in @stage. */
static GalleyDocument *
read_refused (const char *data, const char *max_bytes, GError **error, gpointer *stage)
{
  g_autofree char *file = io_test_write (tmp, "in.jsonl", data, -1);
  g_autoptr (GalleyParams) p = galley_params_new (galley_read_jsonl_stage.params);
  GalleyDocument *doc = NULL;

  ck_assert (galley_params_set (p, "path", file, NULL));
  if (max_bytes)
    ck_assert (galley_params_set (p, "max-bytes", max_bytes, NULL));
  ck_assert (galley_params_finish (p, NULL));
  *stage = galley_read_jsonl_stage.create (p, NULL);
  ck_assert_int_eq (galley_read_jsonl_stage.read (*stage, &doc, error), GALLEY_READ_SKIP);
  return doc;
}

START_TEST (test_rejected_binary_line_keeps_no_text)
{
  /* valid UTF-8, but control bytes: the rejects file gets no text for it */
  g_autoptr (GError) error = NULL;
  gpointer self;
  g_autoptr (GalleyDocument) doc = read_refused ("\x01\x02\x03\x04 binary\n", NULL, &error, &self);

  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  ck_assert_str_eq (galley_document_get_text (doc, NULL), "");
  galley_read_jsonl_stage.free (self);
}
END_TEST

START_TEST (test_rejected_line_stub_keeps_id_origin_and_line)
{
  g_autoptr (GError) error = NULL;
  gpointer self;
  g_autoptr (GalleyDocument) doc = read_refused ("{\"id\":\"b7\",\"text\":5}\n", NULL, &error,
                                                 &self);
  g_autofree char *origin = g_strdup_printf ("%s/in.jsonl:1", tmp);

  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  ck_assert_str_eq (galley_document_get_id (doc), "b7");
  ck_assert_str_eq (galley_document_get_origin (doc), origin);
  ck_assert_str_eq (galley_document_get_text (doc, NULL), "{\"id\":\"b7\",\"text\":5}");
  g_clear_pointer (&doc, galley_document_free);
  ck_assert_int_eq (galley_read_jsonl_stage.read (self, &doc, NULL), GALLEY_READ_END);
  galley_read_jsonl_stage.free (self);
}
END_TEST

START_TEST (test_too_long_error_code)
{
  g_autofree char *text = g_strnfill (100, 'x');
  g_autofree char *line = g_strdup_printf ("{\"id\":\"a\",\"text\":\"%s\"}\n", text);
  g_autoptr (GError) error = NULL;
  gpointer self;
  g_autoptr (GalleyDocument) doc = read_refused (line, "10", &error, &self);

  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE));
  ck_assert_str_eq (galley_document_get_text (doc, NULL), "");
  galley_read_jsonl_stage.free (self);
}
END_TEST

/* The fast path (jsonl-flat.c) against yajl: each line is parsed both
 * ways, under both UTF-8 policies, and must give the same document or the
 * same message. `flat` says whether the scanner takes the line as it is
 * (the others go to yajl whole). */
static const struct {
  const char *line;
  gboolean flat;
} flat_lines[] = {
  { "{\"id\":\"a\",\"title\":\"T\",\"text\":\"x\"}", TRUE },
  { " {\"id\" : \"a\" ,\t\"text\":\"x\\n\\\"q\\\" \\\\ \\/ \\b\\f\\r\\t\"}\r\n ", TRUE },
  { "{\"id\":\"caf\\u00e9\",\"text\":\"\\u00a3 \\u20AC \\u0041 \\ud83d\\ude00\",\"k\\u00e9y\":\"v\"}", TRUE },
  { "{\"id\":\"n\",\"text\":\"a\\u0000b\"}", TRUE },
  { "{\"id\":\"d\",\"text\":\"one\",\"text\":\"two\",\"m\":\"1\",\"m\":\"2\"}", TRUE },
  { "{\"id\":\"\\u00e9\",\"t\\u00e9xt\":\"x\",\"text\":\"caf\xC3\xA9 \\\"long enough to take words\\\"\"}", TRUE },
  { "{}", TRUE },
  { "{\"id\":\"\",\"text\":\"x\"}", TRUE },
  { "{\"id\":\"a\"}", TRUE },
  { "{\"id\":7,\"text\":\"x\"}", FALSE },
  { "{\"id\":\"a\",\"text\":\"x\",\"tags\":[\"a\",1],\"n\":null,\"b\":true}", FALSE },
  { "{\"id\":\"a\",\"text\":\"x\",}", FALSE },
  { "{\"id\":\"a\",\"text\":\"x\"} x", FALSE },
  { "{\"id\":\"a\",\"text\":\"x\\u12\"}", FALSE },
  { "{\"id\":\"a\",\"text\":\"x\\q\"}", FALSE },
  { "{\"id\":\"a\",\"text\":\"raw\ttab\"}", FALSE },
  { "{\"id\":\"a\",\f\"text\":\"x\"}", FALSE },
  { "{\"id\":\"a\",\"text\":\"x\"", FALSE },
  { "{\"id\":\"a\",\"text\":\"x", FALSE },
  { "{\"id\":\"a\" \"text\":\"x\"}", FALSE },
  { "[\"id\",\"a\"]", FALSE },
  { "{\"id\":\"a\",\"text\":\"\\ud800 lone\"}", FALSE },
  { "{\"id\":\"a\",\"text\":\"\\ud800\\u0041\"}", FALSE },
  { "{\"id\":\"a\",\"text\":\"\\udc00\"}", FALSE },
};

/* describe: the document or error of one parse, as text to compare. */
static char *
describe (GalleyDocument *doc, const GError *error)
{
  GString *out = g_string_new (NULL);
  gsize len;
  const char *text;

  if (doc == NULL)
    {
      g_string_append_printf (out, "error %d: %s", error->code, error->message);
      return g_string_free (out, FALSE);
    }
  text = galley_document_get_text (doc, &len);
  g_string_append_printf (out, "id '%s' repaired %u text %" G_GSIZE_FORMAT " '%s'",
                          galley_document_get_id (doc),
                          galley_document_get_repaired (doc), len, text);
  for (guint i = 0; i < galley_document_get_n_meta (doc); i++)
    {
      const GalleyValue *value = NULL;
      const char *key = galley_document_get_meta_nth (doc, i, &value);

      g_string_append_printf (out, " meta '%s' %d '%s'", key, value->type, value->v.s);
    }
  return g_string_free (out, FALSE);
}

START_TEST (test_fast_path_agrees_with_yajl)
{
  const char *line = flat_lines[_i].line;
  gsize len = strlen (line);
  g_autoptr (JsonlFlat) flat = jsonl_flat_new ();

  ck_assert_int_eq (jsonl_flat_scan (flat, line, len), flat_lines[_i].flat);
  for (GalleyUtf8Policy policy = GALLEY_UTF8_REPLACE; ; policy = GALLEY_UTF8_REJECT)
    {
      g_autoptr (JsonlParser) fast = jsonl_parser_new (policy, 1 << 20);
      g_autoptr (JsonlParser) slow = jsonl_parser_new (policy, 1 << 20);
      g_autoptr (GError) fast_error = NULL;
      g_autoptr (GError) slow_error = NULL;
      g_autoptr (GalleyDocument) fast_doc = NULL;
      g_autoptr (GalleyDocument) slow_doc = NULL;
      g_autofree char *fast_text = NULL;
      g_autofree char *slow_text = NULL;

      jsonl_parser_set_fast_path (slow, FALSE);
      fast_doc = jsonl_parser_parse (fast, line, len, "in.jsonl:1", &fast_error);
      slow_doc = jsonl_parser_parse (slow, line, len, "in.jsonl:1", &slow_error);
      fast_text = describe (fast_doc, fast_error);
      slow_text = describe (slow_doc, slow_error);
      ck_assert_str_eq (fast_text, slow_text);
      if (policy == GALLEY_UTF8_REJECT)
        break;
    }
}
END_TEST

/* assert_stops_at_every_position: for each position of a 40-byte text
 * after @lead (JSON; @lead_decoded as decoded), the scanner decodes an
 * @escape there (@escape_decoded, one byte), ends at a closing quote
 * there, and declines the line with the control byte @raw there. */
static void
assert_stops_at_every_position (const char *lead, const char *lead_decoded,
                                const char *escape, char escape_decoded, char raw)
{
  static const char xs[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  static const char ys[] = "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy";
  gsize lead_len = strlen (lead_decoded);

  for (int pos = 0; pos < 40; pos++)
    {
      g_autoptr (JsonlFlat) flat = jsonl_flat_new ();
      g_autofree char *escaped = g_strdup_printf ("{\"id\":\"a\",\"text\":\"%s%.*s%s%.*s\"}",
                                                  lead, pos, xs, escape, 39 - pos, ys);
      g_autofree char *ended = g_strdup_printf ("{\"id\":\"a\",\"text\":\"%s%.*s\"}", lead, pos, xs);
      g_autofree char *raw_line = g_strdup_printf ("{\"id\":\"a\",\"text\":\"%s%.*s%c%.*s\"}",
                                                   lead, pos, xs, raw, 39 - pos, ys);
      g_autofree char *want = g_strdup_printf ("%s%.*s%c%.*s", lead_decoded, pos, xs,
                                               escape_decoded, 39 - pos, ys);
      const JsonlFlatMember *m;
      guint n = 0;

      ck_assert (jsonl_flat_scan (flat, escaped, strlen (escaped)));
      m = jsonl_flat_get_members (flat, &n);
      ck_assert_uint_eq (n, 2);
      ck_assert_uint_eq (m[1].value_len, lead_len + 40);
      ck_assert_msg (memcmp (m[1].value, want, lead_len + 40) == 0, "escape at %d", pos);
      ck_assert (jsonl_flat_scan (flat, ended, strlen (ended)));
      m = jsonl_flat_get_members (flat, &n);
      ck_assert_uint_eq (m[1].value_len, lead_len + pos);
      ck_assert_msg (memcmp (m[1].value, want, lead_len + pos) == 0, "end at %d", pos);
      ck_assert (!jsonl_flat_scan (flat, raw_line, strlen (raw_line)));
    }
}

/* The scanner finds the end of a plain run sixteen bytes a step (SSE2),
 * then eight, then a byte at a time: an escape, a quote (the end) and a
 * raw control byte (declined) at every position of a 40-byte text. */
START_TEST (test_fast_path_stops_at_every_position)
{
  assert_stops_at_every_position ("", "", "\\n", '\n', '\x01');
}
END_TEST

/* After a string's first escape its runs are decoded sixteen bytes a
 * step (SSE2), then a byte at a time near the line's end: the same after
 * a "\n", with \x1f (the last control byte) as the raw one. */
START_TEST (test_fast_path_decodes_runs_after_an_escape)
{
  assert_stops_at_every_position ("\\n", "\n", "\\t", '\t', '\x1f');
}
END_TEST

START_TEST (test_fast_path_members_point_into_the_line_or_decode)
{
  const char *line = "{\"id\":\"a1\",\"text\":\"x\\ny\",\"k\":\"\\u00e9\\ud83d\\ude00\"}";
  g_autoptr (JsonlFlat) flat = jsonl_flat_new ();
  const JsonlFlatMember *m;
  guint n = 0;

  ck_assert (jsonl_flat_scan (flat, line, strlen (line)));
  m = jsonl_flat_get_members (flat, &n);
  ck_assert_uint_eq (n, 3);
  ck_assert_ptr_eq (m[0].key, line + 2);
  ck_assert_uint_eq (m[0].key_len, 2);
  ck_assert_ptr_eq (m[0].value, line + 7);
  ck_assert_uint_eq (m[0].value_len, 2);
  ck_assert_uint_eq (m[1].value_len, 3);
  ck_assert (memcmp (m[1].value, "x\ny", 3) == 0);
  ck_assert_uint_eq (m[2].value_len, 6);
  ck_assert (memcmp (m[2].value, "\xC3\xA9\xF0\x9F\x98\x80", 6) == 0);
}
END_TEST

START_TEST (test_fast_path_after_a_long_line)
{
  g_autoptr (JsonlFlat) flat = jsonl_flat_new ();
  GString *line = g_string_new ("{\"id\":\"big\",\"text\":\"");
  const char *shorter = "{\"id\":\"s\",\"text\":\"a\\nb\"}";
  const JsonlFlatMember *m;
  guint n = 0;

  /* two MiB of escapes: the decoding buffer grows past what is kept */
  for (int i = 0; i < 1 << 20; i++)
    g_string_append (line, "\\n");
  g_string_append (line, "\"}");
  ck_assert (jsonl_flat_scan (flat, line->str, line->len));
  m = jsonl_flat_get_members (flat, &n);
  ck_assert_uint_eq (n, 2);
  ck_assert_uint_eq (m[1].value_len, 1 << 20);
  jsonl_flat_release (flat);
  jsonl_flat_get_members (flat, &n);
  ck_assert_uint_eq (n, 0);
  g_string_free (line, TRUE);

  ck_assert (jsonl_flat_scan (flat, shorter, strlen (shorter)));
  m = jsonl_flat_get_members (flat, &n);
  ck_assert_uint_eq (n, 2);
  ck_assert_uint_eq (m[1].value_len, 3);
  ck_assert (memcmp (m[1].value, "a\nb", 3) == 0);
}
END_TEST

/* The parser reuses its member list, id, keys and values from line to
 * line, in place while they have the room: a line of fourteen members
 * (the scanner's list starts with eight), then values that outgrow what
 * the first line left, then shorter ones that must not keep a tail of
 * the longer. Both paths: the fast one and yajl (a number in the line). */
START_TEST (test_members_and_values_reuse_their_room_line_after_line)
{
  g_autofree char *path = NULL;
  g_autofree char *long_value = g_strnfill (300, 'v');
  g_autofree char *data = g_strdup_printf (
    "{\"id\":\"first-long-id\",\"m1\":\"a\",\"m2\":\"b\",\"m3\":\"c\",\"m4\":\"d\","
    "\"m5\":\"e\",\"m6\":\"f\",\"m7\":\"g\",\"m8\":\"h\",\"m9\":\"i\",\"m10\":\"j\","
    "\"m11\":\"k\",\"m12\":\"l\",\"text\":\"x\"}\n"
    "{\"id\":\"s\",\"a-key-longer-than-the-room-it-had\":\"%s\",\"text\":\"y\"}\n"
    "{\"id\":\"t\",\"m1\":\"b\",\"n\":12,\"text\":\"z\"}\n"
    "{\"id\":\"u\",\"m1\":\"c\",\"text\":\"w\"}\n", long_value);
  g_autoptr (IoRun) run = read_jsonl (data, -1, NULL, &path);
  g_autofree char *want_long = g_strdup_printf (
    "id 's' repaired 0 text 1 'y' meta 'a-key-longer-than-the-room-it-had' 4 '%s'", long_value);
  g_autofree char *origin = g_strdup_printf ("%s:4", path);
  const char *want[] = {
    "id 'first-long-id' repaired 0 text 1 'x' meta 'm1' 4 'a' meta 'm2' 4 'b' meta 'm3' 4 'c'"
    " meta 'm4' 4 'd' meta 'm5' 4 'e' meta 'm6' 4 'f' meta 'm7' 4 'g' meta 'm8' 4 'h'"
    " meta 'm9' 4 'i' meta 'm10' 4 'j' meta 'm11' 4 'k' meta 'm12' 4 'l'",
    want_long,
    "id 't' repaired 0 text 1 'z' meta 'm1' 4 'b' meta 'n' 5 '12'",
    "id 'u' repaired 0 text 1 'w' meta 'm1' 4 'c'",
  };

  ck_assert_ptr_null (run->error);
  ck_assert_uint_eq (run->docs->len, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *got = describe (io_run_doc (run, i), NULL);
      ck_assert_str_eq (got, want[i]);
    }
  ck_assert_str_eq (galley_document_get_origin (io_run_doc (run, 3)), origin);
}
END_TEST

static Suite *
read_jsonl_suite (void)
{
  Suite *s = suite_create ("read-jsonl");
  TCase *tc;

  /* read-jsonl promises the SDK its texts are valid
   * (galley_document_new_take_valid()): here, as under a harness, the
   * SDK checks the promise and aborts the test that breaks it */
  _galley_document_check_valid_text ();

  tc = tcase_create ("params");
  tcase_add_test (tc, test_params_defaults);
  tcase_add_test (tc, test_params_unknown_key_lists_valid_keys);
  tcase_add_test (tc, test_params_bad_utf8_choice);
  tcase_add_test (tc, test_params_max_bytes_range);
  suite_add_tcase (s, tc);

  tc = tcase_create ("good");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_export_shape_unpacked_only_from_an_object_member);
  tcase_add_test (tc, test_reads_id_text_and_string_metadata);
  tcase_add_test (tc, test_members_and_values_reuse_their_room_line_after_line);
  tcase_add_test (tc, test_keeps_other_values_as_verbatim_json);
  tcase_add_test (tc, test_control_white_space_in_a_kept_value_becomes_a_space);
  tcase_add_test (tc, test_decodes_escapes);
  tcase_add_test (tc, test_skips_blank_lines_and_counts_them);
  tcase_add_test (tc, test_last_line_without_newline_is_read);
  tcase_add_test (tc, test_byte_order_mark_is_skipped);
  tcase_add_test (tc, test_empty_text_is_a_document);
  tcase_add_test (tc, test_empty_file_gives_nothing);
  tcase_add_test (tc, test_reads_stdin);
  tcase_add_test (tc, test_missing_file_is_fatal);
  suite_add_tcase (s, tc);

  tc = tcase_create ("malformed");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_rejects_bad_json);
  tcase_add_test (tc, test_origin_and_messages_name_the_line);
  tcase_add_test (tc, test_rejects_trailing_garbage);
  tcase_add_test (tc, test_rejects_truncated_last_line);
  tcase_add_test (tc, test_rejects_non_object);
  tcase_add_test (tc, test_rejects_scalar_line);
  tcase_add_test (tc, test_rejects_missing_id);
  tcase_add_test (tc, test_rejects_missing_text);
  tcase_add_test (tc, test_rejects_id_neither_string_nor_integer);
  tcase_add_test (tc, test_integer_id_is_its_decimal_text);
  tcase_add_test (tc, test_rejects_non_string_text);
  tcase_add_test (tc, test_rejects_empty_id);
  tcase_add_test (tc, test_rejects_binary_garbage);
  tcase_add_test (tc, test_rejects_control_character_in_string);
  tcase_add_test (tc, test_rejects_line_over_max_bytes);
  tcase_add_test (tc, test_line_of_exactly_max_bytes_is_read);
  tcase_add_loop_test (tc, test_max_bytes_counts_the_repaired_line, 0,
                       G_N_ELEMENTS (max_bytes_once_repaired));
  tcase_add_test (tc, test_rejects_huge_line_in_bounded_memory);
  tcase_add_test (tc, test_huge_last_line_without_newline);
  tcase_add_test (tc, test_long_lines_under_the_limit_cross_buffer_refills);
  tcase_add_test (tc, test_rejected_line_stub_keeps_id_origin_and_line);
  tcase_add_test (tc, test_rejects_line_of_one_byte_past_max_bytes);
  tcase_add_test (tc, test_byte_order_mark_of_a_joined_file_is_skipped);
  tcase_add_test (tc, test_rejected_binary_line_keeps_no_text);
  tcase_add_test (tc, test_too_long_error_code);
  tcase_add_loop_test (tc, test_hostile_line, 0, G_N_ELEMENTS (hostile_lines));
  tcase_add_test (tc, test_random_lines_never_crash);
  tcase_add_test (tc, test_nesting_of_256_levels_is_read);
  tcase_add_test (tc, test_rejects_nesting_deeper_than_256_levels);
  tcase_add_test (tc, test_rejects_80000_levels_without_crashing);
  suite_add_tcase (s, tc);

  tc = tcase_create ("utf8");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_invalid_utf8_is_repaired_and_counted, 0,
                       G_N_ELEMENTS (invalid_utf8));
  tcase_add_test (tc, test_invalid_utf8_is_rejected_under_reject);
  tcase_add_test (tc, test_nul_escape_is_replaced);
  tcase_add_test (tc, test_nul_escape_is_rejected_under_reject);
  tcase_add_loop_test (tc, test_surrogate_escapes_under_replace, 0, G_N_ELEMENTS (surrogates));
  tcase_add_loop_test (tc, test_surrogate_escapes_under_reject, 0, G_N_ELEMENTS (surrogates));
  tcase_add_test (tc, test_utf8_check_agrees_with_glib);
  tcase_add_test (tc, test_utf8_check_at_every_position);
  suite_add_tcase (s, tc);

  tc = tcase_create ("fast-path");
  tcase_add_loop_test (tc, test_fast_path_agrees_with_yajl, 0, G_N_ELEMENTS (flat_lines));
  tcase_add_test (tc, test_fast_path_members_point_into_the_line_or_decode);
  tcase_add_test (tc, test_fast_path_stops_at_every_position);
  tcase_add_test (tc, test_fast_path_decodes_runs_after_an_escape);
  tcase_add_test (tc, test_fast_path_after_a_long_line);
  suite_add_tcase (s, tc);
  return s;
}

IO_TEST_MAIN (read_jsonl_suite)
