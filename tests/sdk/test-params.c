/* test-params.c: typed stage parameters: every type, defaults, ranges,
 * choices, required keys, key files, and the exact error messages. */
#include "config.h"

#include <galley/galley.h>

#include "sdk-test.h"

static const char *const offsets_choices[] = { "codepoint", "byte", "utf16", NULL };

static const GalleyParamSpec specs[] = {
  { .name = "path", .type = GALLEY_PARAM_PATH, .doc = "input file, - for stdin",
    .flags = GALLEY_PARAM_REQUIRED },
  { .name = "title", .type = GALLEY_PARAM_STRING, .default_value = "untitled",
    .doc = "title to use" },
  { .name = "max-bytes", .type = GALLEY_PARAM_INT, .default_value = "1024",
    .min = 0, .max = 1048576, .doc = "size limit" },
  { .name = "ratio", .type = GALLEY_PARAM_DOUBLE, .default_value = "0.5",
    .min = 0, .max = 1, .doc = "a ratio" },
  { .name = "lower", .type = GALLEY_PARAM_BOOLEAN, .default_value = "false",
    .doc = "lowercase" },
  { .name = "layers", .type = GALLEY_PARAM_STRING_LIST, .doc = "layers to keep" },
  { .name = "offsets", .type = GALLEY_PARAM_CHOICE, .default_value = "codepoint",
    .choices = offsets_choices, .doc = "offset unit" },
  { .name = "count", .type = GALLEY_PARAM_INT, .doc = "unbounded" },
  { .name = "scale", .type = GALLEY_PARAM_DOUBLE, .doc = "unbounded" },
  { NULL }
};

static GalleyParams *
params_new (void)
{
  return galley_params_new (specs);
}

/* set_fails: asserts that setting @key to @value fails with @code and
 * exactly @message. */
static void
set_fails (const char *key, const char *value, int code, const char *message)
{
  g_autoptr (GalleyParams) p = params_new ();
  g_autoptr (GError) error = NULL;

  ck_assert (!galley_params_set (p, key, value, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert (error->domain == GALLEY_PIPELINE_ERROR);
  ck_assert_int_eq (error->code, code);
  ck_assert_str_eq (error->message, message);
  ck_assert (!galley_params_is_set (p, key));
}

START_TEST (test_defaults_applied_by_finish)
{
  g_autoptr (GalleyParams) p = params_new ();
  g_autoptr (GError) error = NULL;

  ck_assert (galley_params_set (p, "path", "in.jsonl", &error));
  ck_assert (galley_params_finish (p, &error));
  ck_assert_str_eq (galley_params_get_path (p, "path"), "in.jsonl");
  ck_assert_str_eq (galley_params_get_string (p, "title"), "untitled");
  ck_assert_int_eq (galley_params_get_int (p, "max-bytes"), 1024);
  ck_assert_double_eq (galley_params_get_double (p, "ratio"), 0.5);
  ck_assert_int_eq (galley_params_get_boolean (p, "lower"), FALSE);
  ck_assert_str_eq (galley_params_get_choice (p, "offsets"), "codepoint");
  ck_assert_int_eq (galley_params_get_choice_index (p, "offsets"), 0);
  /* no default: zero values */
  ck_assert_ptr_null (galley_params_get_string_list (p, "layers"));
  ck_assert_int_eq (galley_params_get_int (p, "count"), 0);
  ck_assert_double_eq (galley_params_get_double (p, "scale"), 0.0);
}
END_TEST

START_TEST (test_is_set_only_for_explicit_keys)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert (galley_params_set (p, "path", "-", NULL));
  ck_assert (galley_params_finish (p, NULL));
  ck_assert (galley_params_is_set (p, "path"));
  ck_assert (!galley_params_is_set (p, "title"));    /* defaulted */
  ck_assert (!galley_params_is_set (p, "layers"));   /* absent */
  ck_assert (!galley_params_is_set (p, "no-such"));
}
END_TEST

START_TEST (test_string)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert (galley_params_set (p, "title", "Évènements: a;b,c", NULL));
  ck_assert_str_eq (galley_params_get_string (p, "title"), "Évènements: a;b,c");
  ck_assert (galley_params_set (p, "title", "", NULL));
  ck_assert_str_eq (galley_params_get_string (p, "title"), "");
}
END_TEST

START_TEST (test_path_dash_and_empty)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert (galley_params_set (p, "path", "-", NULL));
  ck_assert_str_eq (galley_params_get_path (p, "path"), "-");
  /* a path reads as a string too */
  ck_assert_str_eq (galley_params_get_string (p, "path"), "-");
  set_fails ("path", "", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'path': expected a path, got an empty value");
}
END_TEST

START_TEST (test_int_values)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert (galley_params_set (p, "max-bytes", "0", NULL));
  ck_assert_int_eq (galley_params_get_int (p, "max-bytes"), 0);
  ck_assert (galley_params_set (p, "max-bytes", "1048576", NULL));
  ck_assert_int_eq (galley_params_get_int (p, "max-bytes"), 1048576);
  ck_assert (galley_params_set (p, "count", "-9223372036854775808", NULL));
  ck_assert_int_eq (galley_params_get_int (p, "count"), G_MININT64);
  /* an int reads as a double too */
  ck_assert (galley_params_set (p, "count", "-3", NULL));
  ck_assert_double_eq (galley_params_get_double (p, "count"), -3.0);
}
END_TEST

START_TEST (test_int_errors)
{
  set_fails ("max-bytes", "ten", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'max-bytes': expected an integer, got 'ten'");
  set_fails ("max-bytes", "", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'max-bytes': expected an integer, got ''");
  set_fails ("max-bytes", "12k", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'max-bytes': expected an integer, got '12k'");
  set_fails ("max-bytes", "1.5", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'max-bytes': expected an integer, got '1.5'");
  set_fails ("count", "99999999999999999999", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'count': expected an integer, got '99999999999999999999'");
}
END_TEST

START_TEST (test_int_range)
{
  set_fails ("max-bytes", "-1", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'max-bytes': -1 is out of range [0, 1048576]");
  set_fails ("max-bytes", "1048577", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'max-bytes': 1048577 is out of range [0, 1048576]");
}
END_TEST

START_TEST (test_double_values)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert (galley_params_set (p, "ratio", "0.25", NULL));
  ck_assert_double_eq (galley_params_get_double (p, "ratio"), 0.25);
  ck_assert (galley_params_set (p, "ratio", "1", NULL));
  ck_assert_double_eq (galley_params_get_double (p, "ratio"), 1.0);
  ck_assert (galley_params_set (p, "scale", "-1e3", NULL));
  ck_assert_double_eq (galley_params_get_double (p, "scale"), -1000.0);
}
END_TEST

START_TEST (test_double_errors)
{
  set_fails ("ratio", "half", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'ratio': expected a number, got 'half'");
  set_fails ("ratio", "0,5", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'ratio': expected a number, got '0,5'");
  set_fails ("scale", "nan", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'scale': expected a number, got 'nan'");
  set_fails ("scale", "inf", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'scale': expected a number, got 'inf'");
  set_fails ("scale", "1e999", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'scale': expected a number, got '1e999'");
  set_fails ("ratio", "1.5", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'ratio': 1.5 is out of range [0, 1]");
  set_fails ("ratio", "-0.1", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'ratio': -0.1 is out of range [0, 1]");
}
END_TEST

START_TEST (test_boolean_spellings)
{
  static const char *const yes[] = { "true", "TRUE", "True", "1", "yes", "YES" };
  static const char *const no[] = { "false", "FALSE", "0", "no", "No" };
  g_autoptr (GalleyParams) p = params_new ();

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      ck_assert (galley_params_set (p, "lower", yes[i], NULL));
      ck_assert_msg (galley_params_get_boolean (p, "lower"), "%s", yes[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      ck_assert (galley_params_set (p, "lower", no[i], NULL));
      ck_assert_msg (!galley_params_get_boolean (p, "lower"), "%s", no[i]);
    }
}
END_TEST

START_TEST (test_boolean_error)
{
  set_fails ("lower", "maybe", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'lower': expected true or false, got 'maybe'");
  set_fails ("lower", "", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'lower': expected true or false, got ''");
}
END_TEST

START_TEST (test_string_list_separators)
{
  g_autoptr (GalleyParams) p = params_new ();
  const char *const *list;

  ck_assert (galley_params_set (p, "layers", " sentence; entity ,sentiment,,", NULL));
  list = galley_params_get_string_list (p, "layers");
  ck_assert_ptr_nonnull (list);
  ck_assert_str_eq (list[0], "sentence");
  ck_assert_str_eq (list[1], "entity");
  ck_assert_str_eq (list[2], "sentiment");
  ck_assert_ptr_null (list[3]);
}
END_TEST

START_TEST (test_string_list_empty)
{
  g_autoptr (GalleyParams) p = params_new ();
  const char *const *list;

  ck_assert (galley_params_set (p, "layers", "", NULL));
  list = galley_params_get_string_list (p, "layers");
  ck_assert_ptr_nonnull (list);
  ck_assert_ptr_null (list[0]);
  ck_assert (galley_params_is_set (p, "layers"));
}
END_TEST

START_TEST (test_choice)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert (galley_params_set (p, "offsets", "utf16", NULL));
  ck_assert_str_eq (galley_params_get_choice (p, "offsets"), "utf16");
  ck_assert_int_eq (galley_params_get_choice_index (p, "offsets"), 2);
  set_fails ("offsets", "char", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'offsets': 'char' is not one of: codepoint, byte, utf16");
  set_fails ("offsets", "BYTE", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'offsets': 'BYTE' is not one of: codepoint, byte, utf16; "
             "did you mean 'byte'?");
  set_fails ("offsets", "utf-16", GALLEY_PIPELINE_ERROR_BAD_VALUE,
             "parameter 'offsets': 'utf-16' is not one of: codepoint, byte, utf16; "
             "did you mean 'utf16'?");
}
END_TEST

START_TEST (test_edit_distance)
{
  static const struct { const char *a, *b; guint d; } cases[] = {
    { "", "", 0 }, { "path", "path", 0 }, { "", "path", 4 }, { "path", "", 4 },
    { "pth", "path", 1 }, { "paht", "path", 1 }, { "cuont", "count", 1 },
    { "path", "bath", 1 }, { "onerror", "on-error", 1 }, { "kitten", "sitting", 3 },
    { "ca", "abc", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    ck_assert_msg (galley_edit_distance (cases[i].a, cases[i].b) == cases[i].d,
                   "distance ('%s', '%s') = %u, expected %u", cases[i].a, cases[i].b,
                   galley_edit_distance (cases[i].a, cases[i].b), cases[i].d);
}
END_TEST

START_TEST (test_suggest_only_close_names)
{
  static const char *const names[] = { "path", "max-bytes", "utf8", NULL };

  ck_assert_str_eq (galley_suggest ("pth", names), "path");
  ck_assert_str_eq (galley_suggest ("max-byte", names), "max-bytes");
  ck_assert_ptr_null (galley_suggest ("utf", (const char *const[]) { "x", NULL }));
  ck_assert_ptr_null (galley_suggest ("colour", names));
  ck_assert_ptr_null (galley_suggest ("p", names));   /* one letter: anything is close */
  ck_assert_ptr_null (galley_suggest ("path", names)); /* not a typo */
  ck_assert_ptr_null (galley_suggest ("pth", NULL));
  /* a case slip wins over a closer edit, and needs no length */
  ck_assert_str_eq (galley_suggest ("BYTE", (const char *const[]) { "bytes", "byte", NULL }), "byte");
  ck_assert_str_eq (galley_suggest ("A", (const char *const[]) { "b", "a", NULL }), "a");
}
END_TEST


START_TEST (test_unknown_key_lists_valid_keys)
{
  set_fails ("offset", "byte", GALLEY_PIPELINE_ERROR_UNKNOWN_KEY,
             "unknown parameter 'offset'; valid parameters: path, title, "
             "max-bytes, ratio, lower, layers, offsets, count, scale");
}
END_TEST

START_TEST (test_unknown_key_with_no_params)
{
  g_autoptr (GalleyParams) p = galley_params_new (NULL);
  g_autoptr (GError) error = NULL;

  ck_assert (!galley_params_set (p, "path", "x", &error));
  ck_assert_str_eq (error->message,
                    "unknown parameter 'path'; valid parameters: (none)");
  ck_assert (galley_params_finish (p, NULL));
  ck_assert_ptr_null (galley_params_get_specs (p));
}
END_TEST

START_TEST (test_required_missing)
{
  g_autoptr (GalleyParams) p = params_new ();
  g_autoptr (GError) error = NULL;

  ck_assert (!galley_params_finish (p, &error));
  ck_assert (error->domain == GALLEY_PIPELINE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_PIPELINE_ERROR_MISSING);
  ck_assert_str_eq (error->message,
                    "parameter 'path' is required (input file, - for stdin)");
}
END_TEST

START_TEST (test_required_without_doc_names_type)
{
  static const GalleyParamSpec s[] = {
    { .name = "n", .type = GALLEY_PARAM_INT, .flags = GALLEY_PARAM_REQUIRED },
    { NULL }
  };
  g_autoptr (GalleyParams) p = galley_params_new (s);
  g_autoptr (GError) error = NULL;

  ck_assert (!galley_params_finish (p, &error));
  ck_assert_str_eq (error->message, "parameter 'n' is required (int)");
}
END_TEST

START_TEST (test_invalid_default_reported)
{
  static const GalleyParamSpec s[] = {
    { .name = "n", .type = GALLEY_PARAM_INT, .default_value = "many" },
    { NULL }
  };
  g_autoptr (GalleyParams) p = galley_params_new (s);
  g_autoptr (GError) error = NULL;

  ck_assert (!galley_params_finish (p, &error));
  ck_assert_int_eq (error->code, GALLEY_PIPELINE_ERROR_BAD_VALUE);
  ck_assert_str_eq (error->message, "the plugin's default is invalid: "
                    "parameter 'n': expected an integer, got 'many'");
}
END_TEST

START_TEST (test_failed_set_keeps_previous_value)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert (galley_params_set (p, "max-bytes", "10", NULL));
  ck_assert (!galley_params_set (p, "max-bytes", "x", NULL));
  ck_assert_int_eq (galley_params_get_int (p, "max-bytes"), 10);
  ck_assert (galley_params_is_set (p, "max-bytes"));
}
END_TEST

START_TEST (test_set_twice_replaces)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert (galley_params_set (p, "layers", "a;b", NULL));
  ck_assert (galley_params_set (p, "layers", "c", NULL));
  ck_assert_str_eq (galley_params_get_string_list (p, "layers")[0], "c");
  ck_assert_ptr_null (galley_params_get_string_list (p, "layers")[1]);
}
END_TEST

START_TEST (test_to_string)
{
  g_autoptr (GalleyParams) p = params_new ();
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  ck_assert (galley_params_set (p, "path", "x.txt", NULL));
  ck_assert (galley_params_set (p, "layers", "a; b", NULL));
  ck_assert (galley_params_finish (p, NULL));
  a = galley_params_to_string (p, "path");
  b = galley_params_to_string (p, "ratio");
  c = galley_params_to_string (p, "layers");
  d = galley_params_to_string (p, "count");
  ck_assert_str_eq (a, "x.txt");
  ck_assert_str_eq (b, "0.5");
  ck_assert_str_eq (c, "a; b");   /* the text as given */
  ck_assert_ptr_null (d);
  ck_assert_ptr_null (galley_params_to_string (p, "no-such"));
}
END_TEST

START_TEST (test_key_file)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GalleyParams) p = params_new ();
  g_autoptr (GError) error = NULL;
  static const char *const skip[] = { "plugin", NULL };
  const char *data =
    "[export]\n"
    "plugin=export-jsonl\n"
    "path=/tmp/out.jsonl\n"
    "# a comment\n"
    "layers=sentence;entity\n"
    "max-bytes=2048\n";

  ck_assert (g_key_file_load_from_data (kf, data, -1, G_KEY_FILE_NONE, NULL));
  ck_assert (galley_params_set_from_key_file (p, kf, "export", skip, &error));
  ck_assert_ptr_null (error);
  ck_assert (galley_params_finish (p, &error));
  ck_assert_str_eq (galley_params_get_path (p, "path"), "/tmp/out.jsonl");
  ck_assert_str_eq (galley_params_get_string_list (p, "layers")[1], "entity");
  ck_assert_int_eq (galley_params_get_int (p, "max-bytes"), 2048);
}
END_TEST

START_TEST (test_key_file_unknown_key)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GalleyParams) p = params_new ();
  g_autoptr (GError) error = NULL;

  ck_assert (g_key_file_load_from_data (kf, "[s]\nplugin=x\npaht=a\n", -1, 0, NULL));
  /* without skip keys, "plugin" is a parameter like any other */
  ck_assert (!galley_params_set_from_key_file (p, kf, "s", NULL, &error));
  ck_assert_str_eq (error->message,
                    "unknown parameter 'plugin'; valid parameters: path, title, "
                    "max-bytes, ratio, lower, layers, offsets, count, scale");
}
END_TEST

START_TEST (test_key_file_missing_group)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GalleyParams) p = params_new ();
  g_autoptr (GError) error = NULL;

  ck_assert (g_key_file_load_from_data (kf, "[a]\nk=v\n", -1, 0, NULL));
  ck_assert (!galley_params_set_from_key_file (p, kf, "b", NULL, &error));
  ck_assert (error->domain == G_KEY_FILE_ERROR);
  ck_assert_int_eq (error->code, G_KEY_FILE_ERROR_GROUP_NOT_FOUND);
}
END_TEST

START_TEST (test_spec_find_and_list_names)
{
  g_autofree char *names = galley_param_spec_list_names (specs);
  g_autofree char *none = galley_param_spec_list_names (NULL);
  const GalleyParamSpec *s = galley_param_spec_find (specs, "ratio");

  ck_assert_ptr_eq (s, &specs[3]);
  ck_assert_ptr_null (galley_param_spec_find (specs, "Ratio"));
  ck_assert_ptr_null (galley_param_spec_find (NULL, "ratio"));
  ck_assert_str_eq (names, "path, title, max-bytes, ratio, lower, layers, offsets, count, scale");
  ck_assert_str_eq (none, "(none)");
}
END_TEST

START_TEST (test_get_specs)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert_ptr_eq (galley_params_get_specs (p), specs);
}
END_TEST

START_TEST (test_type_names)
{
  ck_assert_str_eq (galley_param_type_to_string (GALLEY_PARAM_STRING), "string");
  ck_assert_str_eq (galley_param_type_to_string (GALLEY_PARAM_INT), "int");
  ck_assert_str_eq (galley_param_type_to_string (GALLEY_PARAM_DOUBLE), "double");
  ck_assert_str_eq (galley_param_type_to_string (GALLEY_PARAM_BOOLEAN), "boolean");
  ck_assert_str_eq (galley_param_type_to_string (GALLEY_PARAM_STRING_LIST), "string-list");
  ck_assert_str_eq (galley_param_type_to_string (GALLEY_PARAM_PATH), "path");
  ck_assert_str_eq (galley_param_type_to_string (GALLEY_PARAM_CHOICE), "choice");
  ck_assert_str_eq (galley_param_type_to_string ((GalleyParamType) 99), "unknown");
}
END_TEST

START_TEST (test_getter_of_unknown_key_is_critical)
{
  g_autoptr (GalleyParams) p = params_new ();

  sdk_test_catch_criticals ();
  ck_assert_ptr_null (galley_params_get_string (p, "nope"));
  ck_assert_str_eq (sdk_test_last_critical,
                    "galley_params: no parameter 'nope' in the stage's table");
  sdk_test_release_criticals ();
}
END_TEST

START_TEST (test_getter_of_wrong_type_is_critical)
{
  g_autoptr (GalleyParams) p = params_new ();

  ck_assert (galley_params_set (p, "max-bytes", "5", NULL));
  sdk_test_catch_criticals ();
  ck_assert_ptr_null (galley_params_get_string (p, "max-bytes"));
  ck_assert_str_eq (sdk_test_last_critical, "galley_params: parameter 'max-bytes' is a int");
  ck_assert_int_eq (galley_params_get_boolean (p, "ratio"), FALSE);
  ck_assert_str_eq (sdk_test_last_critical, "galley_params: parameter 'ratio' is a double");
  ck_assert_int_eq (galley_params_get_choice_index (p, "title"), -1);
  ck_assert_uint_eq (sdk_test_n_criticals, 3);
  sdk_test_release_criticals ();
}
END_TEST

/* read_param_file_fails: asserts that reading @len bytes of @data as a
 * parameter's file fails with GALLEY_STAGE_ERROR_INPUT and "PATH" + @tail. */
static void
read_param_file_fails (const char *data, gssize len, const char *tail)
{
  g_autofree char *dir = sdk_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "lexicon.tsv", NULL);
  g_autofree char *expected = g_strconcat (path, tail, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  sdk_test_write (path, data, len);
  ck_assert (!galley_read_param_file (path, &contents, NULL, &error));
  ck_assert_ptr_null (contents);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  ck_assert_str_eq (error->message, expected);
  sdk_test_rmtree (dir);
}

START_TEST (test_param_file_bad_content_names_its_line)
{
  read_param_file_fails ("good\t1\n\377\376\n", -1, ":2: invalid UTF-8");
  read_param_file_fails ("a\r\nb\r\nc\0d\n", 10, ":3: NUL byte: not a text file");
  read_param_file_fails ("\0", 1, ":1: NUL byte: not a text file");
  read_param_file_fails ("one\ntwo\nthree \xc3", -1, ":3: invalid UTF-8");
  read_param_file_fails ("\xff\xfeg\0o\0o\0d\0", 10, ":1: UTF-16 text: save it as UTF-8");
  read_param_file_fails ("\xfe\xff\0g\0o", 6, ":1: UTF-16 text: save it as UTF-8");
  /* a mark later in the file is no mark */
  read_param_file_fails ("good\n\xff\xfe", -1, ":2: invalid UTF-8");
}
END_TEST

/* read_param_file_gives: asserts that reading a file of @data (a string)
 * gives @expected, of @len bytes. */
static void
read_param_file_gives (const char *data, const char *expected, gsize len)
{
  g_autofree char *dir = sdk_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "words.txt", NULL);
  g_autofree char *contents = NULL;
  gsize got = 0;

  sdk_test_write (path, data, -1);
  ck_assert (galley_read_param_file (path, &contents, &got, NULL));
  ck_assert_str_eq (contents, expected);
  ck_assert_uint_eq (got, len);
  sdk_test_rmtree (dir);
}

START_TEST (test_param_file_read_whole)
{
  read_param_file_gives ("caf\xc3\xa9\nna\xc3\xafve\n", "caf\xc3\xa9\nna\xc3\xafve\n", 13);
}
END_TEST

/* a UTF-8 byte order mark (Windows Notepad's) is dropped, and only at
 * the start */
START_TEST (test_param_file_utf8_bom_dropped)
{
  read_param_file_gives ("\xef\xbb\xbfgood\t1\n", "good\t1\n", 7);
  read_param_file_gives ("a\n\xef\xbb\xbf", "a\n\xef\xbb\xbf", 5);
}
END_TEST

START_TEST (test_free_null_is_noop)
{
  galley_params_free (NULL);
}
END_TEST

static Suite *
params_suite (void)
{
  Suite *s = suite_create ("params");
  TCase *tc = tcase_create ("params");

  tcase_add_test (tc, test_defaults_applied_by_finish);
  tcase_add_test (tc, test_is_set_only_for_explicit_keys);
  tcase_add_test (tc, test_string);
  tcase_add_test (tc, test_path_dash_and_empty);
  tcase_add_test (tc, test_int_values);
  tcase_add_test (tc, test_int_errors);
  tcase_add_test (tc, test_int_range);
  tcase_add_test (tc, test_double_values);
  tcase_add_test (tc, test_double_errors);
  tcase_add_test (tc, test_boolean_spellings);
  tcase_add_test (tc, test_boolean_error);
  tcase_add_test (tc, test_string_list_separators);
  tcase_add_test (tc, test_string_list_empty);
  tcase_add_test (tc, test_choice);
  tcase_add_test (tc, test_edit_distance);
  tcase_add_test (tc, test_suggest_only_close_names);
  tcase_add_test (tc, test_unknown_key_lists_valid_keys);
  tcase_add_test (tc, test_unknown_key_with_no_params);
  tcase_add_test (tc, test_required_missing);
  tcase_add_test (tc, test_required_without_doc_names_type);
  tcase_add_test (tc, test_invalid_default_reported);
  tcase_add_test (tc, test_failed_set_keeps_previous_value);
  tcase_add_test (tc, test_set_twice_replaces);
  tcase_add_test (tc, test_to_string);
  tcase_add_test (tc, test_key_file);
  tcase_add_test (tc, test_key_file_unknown_key);
  tcase_add_test (tc, test_key_file_missing_group);
  tcase_add_test (tc, test_spec_find_and_list_names);
  tcase_add_test (tc, test_get_specs);
  tcase_add_test (tc, test_type_names);
  tcase_add_test (tc, test_getter_of_unknown_key_is_critical);
  tcase_add_test (tc, test_getter_of_wrong_type_is_critical);
  tcase_add_test (tc, test_param_file_bad_content_names_its_line);
  tcase_add_test (tc, test_param_file_read_whole);
  tcase_add_test (tc, test_param_file_utf8_bom_dropped);
  tcase_add_test (tc, test_free_null_is_noop);
  suite_add_tcase (s, tc);
  return s;
}

SDK_TEST_MAIN (params_suite)
