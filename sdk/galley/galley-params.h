/**
 * SECTION:galley-params
 * @title: Parameters
 * @short_description: typed stage parameters
 *
 * A stage declares its parameters in a table of GalleyParamSpec ending with
 * an entry whose name is NULL. The core fills a GalleyParams from the
 * pipeline file (or inline text), checks types, ranges and choices, applies
 * defaults, and hands the result to the stage's create function. Every
 * error message names the key.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GalleyParamType:
 * @GALLEY_PARAM_STRING: a string
 * @GALLEY_PARAM_INT: a 64-bit integer
 * @GALLEY_PARAM_DOUBLE: a double
 * @GALLEY_PARAM_BOOLEAN: a boolean
 * @GALLEY_PARAM_STRING_LIST: a list of strings, ';'-separated in files, ','
 *   or ';' inline
 * @GALLEY_PARAM_PATH: a file path; "-" means stdin/stdout
 * @GALLEY_PARAM_CHOICE: one of the spec's choices
 *
 * The type of a parameter.
 */
typedef enum {
  GALLEY_PARAM_STRING,
  GALLEY_PARAM_INT,
  GALLEY_PARAM_DOUBLE,
  GALLEY_PARAM_BOOLEAN,
  GALLEY_PARAM_STRING_LIST,
  GALLEY_PARAM_PATH,
  GALLEY_PARAM_CHOICE,
} GalleyParamType;

/**
 * GalleyParamFlags:
 * @GALLEY_PARAM_REQUIRED: the parameter must be given
 * @GALLEY_PARAM_OUTPUT: an output path: strftime patterns (`%Y-%m-%d`)
 *   expand at run start, and again at each checkpoint of a run that goes
 *   on past the change: a sink whose path changed is then made anew
 * @GALLEY_PARAM_INPUT: an input path: `galley validate` checks that it
 *   names something (a glob that matches nothing is only a warning: it may
 *   match later)
 *
 * Flags of a #GalleyParamSpec.
 */
typedef enum {
  GALLEY_PARAM_REQUIRED = 1 << 0,
  GALLEY_PARAM_OUTPUT = 1 << 1,
  GALLEY_PARAM_INPUT = 1 << 2,
} GalleyParamFlags;

/**
 * GalleyParamSpec:
 * @name: the key; NULL ends the table
 * @type: the value's type
 * @default_value: the default in text form; NULL: no default
 * @min: INT and DOUBLE: the lowest value, checked when @min < @max
 * @max: INT and DOUBLE: the highest value
 * @choices: CHOICE: the accepted values, NULL-terminated
 * @doc: one line, shown by `galley inspect`
 * @flags: #GalleyParamFlags
 *
 * One parameter of a stage. The private rest is room for fields that a
 * minor ABI version adds. A plugin's table is an array, so the core steps
 * through it by sizeof (GalleyParamSpec): the size must never change
 * within a major version, and a new field takes a slot from there (zero in
 * every older plugin, whose initialisers leave it unset).
 */
typedef struct {
  const char *name;
  GalleyParamType type;
  const char *default_value;
  double min;
  double max;
  const char *const *choices;
  const char *doc;
  guint flags;
  /*< private >*/
  /* tests/sdk/test-params.c checks the size. */
  gpointer reserved[4];
} GalleyParamSpec;

/**
 * GalleyParams:
 *
 * The checked values of a stage's parameters (opaque).
 *
 * Threads: the core fills a GalleyParams on the main thread; a stage's
 * create reads it there. Getters do not change it.
 */
typedef struct _GalleyParams GalleyParams;

/**
 * galley_params_new:
 * @specs: (nullable): the table (not copied: it must outlive the result,
 *   as a plugin's static table does; NULL: no parameters)
 *
 * Empty values for the table @specs.
 *
 * Returns: (transfer full): the values, free with galley_params_free().
 */
GalleyParams *galley_params_new (const GalleyParamSpec *specs) G_GNUC_WARN_UNUSED_RESULT;
/**
 * galley_params_free:
 * @params: (nullable): values
 *
 * Frees @params. NULL is allowed.
 */
void galley_params_free (GalleyParams *params);

/**
 * galley_params_get_specs:
 * @params: values
 *
 * The table of specs @params holds values for.
 *
 * Returns: (transfer none) (nullable): the table given to
 *   galley_params_new().
 */
const GalleyParamSpec *galley_params_get_specs (const GalleyParams *params);

/**
 * galley_param_spec_find:
 * @specs: (nullable): a table
 * @name: a key
 *
 * Looks a key up in a table.
 *
 * Returns: (transfer none) (nullable): the spec named @name in @specs, or
 *   NULL.
 */
const GalleyParamSpec *galley_param_spec_find (const GalleyParamSpec *specs,
                                               const char *name);

/**
 * galley_param_spec_list_names:
 * @specs: (nullable): a table
 *
 * The valid keys, for messages.
 *
 * Returns: (transfer full): "a, b, c"; "(none)" for an empty table.
 */
char *galley_param_spec_list_names (const GalleyParamSpec *specs) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_param_type_to_string:
 * @type: a parameter type
 *
 * The name of a parameter type, for messages and `galley inspect`.
 *
 * Returns: "string", "int", ...; a static string.
 */
const char *galley_param_type_to_string (GalleyParamType type);

/**
 * galley_params_set:
 * @params: values
 * @key: a key of the table
 * @value: the value in text form
 * @error: return location for a #GError, or NULL
 *
 * Parses @value as the type of @key and stores it. On error the previous
 * value is kept.
 *
 * Returns: FALSE with @error set (%GALLEY_PIPELINE_ERROR):
 *   %GALLEY_PIPELINE_ERROR_UNKNOWN_KEY, "unknown parameter 'KEY'; valid
 *   parameters: a, b"; %GALLEY_PIPELINE_ERROR_BAD_VALUE for a wrong type,
 *   range or choice, "parameter 'KEY': ...".
 */
gboolean galley_params_set (GalleyParams *params, const char *key,
                            const char *value, GError **error);

/**
 * galley_params_set_from_key_file:
 * @params: values
 * @key_file: a key file
 * @group: a group of @key_file
 * @skip_keys: (nullable) (array zero-terminated=1): keys to leave out
 *   (NULL-terminated, e.g. "plugin")
 * @error: return location for a #GError, or NULL
 *
 * Sets every key of @group but those in @skip_keys, through
 * galley_params_set().
 *
 * Returns: FALSE with @error set, as galley_params_set().
 */
gboolean galley_params_set_from_key_file (GalleyParams *params,
                                          GKeyFile *key_file,
                                          const char *group,
                                          const char *const *skip_keys,
                                          GError **error);

/**
 * galley_params_finish:
 * @params: values
 * @error: return location for a #GError, or NULL
 *
 * Applies defaults and checks required keys. Call once, after the last
 * set.
 *
 * Returns: FALSE with @error set: %GALLEY_PIPELINE_ERROR_MISSING,
 *   "parameter 'KEY' is required (DOC)"; %GALLEY_PIPELINE_ERROR_BAD_VALUE
 *   when the table's own default does not parse.
 */
gboolean galley_params_finish (GalleyParams *params, GError **error);

/**
 * galley_params_is_set:
 * @params: values
 * @key: a key of the table
 *
 * Tells a value given from a default.
 *
 * Returns: whether @key was given explicitly.
 */
gboolean galley_params_is_set (const GalleyParams *params, const char *key);

/**
 * galley_params_get_string:
 * @params: values
 * @key: a key of the table
 *
 * The value of a STRING parameter: the value given, the default, or NULL
 * when unset. Asking for a key the table lacks, or with the wrong type, is a
 * programming error (g_critical).
 *
 * Returns: (transfer none) (nullable): the string, owned by @params.
 */
const char *galley_params_get_string (const GalleyParams *params, const char *key);
/**
 * galley_params_get_path:
 * @params: values
 * @key: a key of the table
 *
 * The value of a PATH parameter: the value given, the default, or NULL
 * when unset. Asking for a key the table lacks, or with the wrong type, is a
 * programming error (g_critical).
 *
 * Returns: (transfer none) (nullable): the path, owned by @params.
 */
const char *galley_params_get_path (const GalleyParams *params, const char *key);
/**
 * galley_params_get_choice:
 * @params: values
 * @key: a key of the table
 *
 * The value of a CHOICE parameter: the value given, the default, or NULL
 * when unset. Asking for a key the table lacks, or with the wrong type, is a
 * programming error (g_critical).
 *
 * Returns: (transfer none) (nullable): the choice, owned by @params.
 */
const char *galley_params_get_choice (const GalleyParams *params, const char *key);
/**
 * galley_params_get_choice_index:
 * @params: values
 * @key: a key of the table
 *
 * The index of a CHOICE parameter's value in the spec's choices. Asking for a key the table lacks, or with the wrong type, is a
 * programming error (g_critical).
 *
 * Returns: the index.
 */
int galley_params_get_choice_index (const GalleyParams *params, const char *key);
/**
 * galley_params_get_int:
 * @params: values
 * @key: a key of the table
 *
 * The value of an INT parameter: the value given, the default, or 0
 * when unset. Asking for a key the table lacks, or with the wrong type, is a
 * programming error (g_critical).
 *
 * Returns: the value.
 */
gint64 galley_params_get_int (const GalleyParams *params, const char *key);
/**
 * galley_params_get_double:
 * @params: values
 * @key: a key of the table
 *
 * The value of a DOUBLE parameter: the value given, the default, or 0
 * when unset. Asking for a key the table lacks, or with the wrong type, is a
 * programming error (g_critical).
 *
 * Returns: the value.
 */
double galley_params_get_double (const GalleyParams *params, const char *key);
/**
 * galley_params_get_boolean:
 * @params: values
 * @key: a key of the table
 *
 * The value of a BOOLEAN parameter: the value given, the default, or
 * FALSE when unset. Asking for a key the table lacks, or with the wrong type, is a
 * programming error (g_critical).
 *
 * Returns: the value.
 */
gboolean galley_params_get_boolean (const GalleyParams *params, const char *key);
/**
 * galley_params_get_string_list:
 * @params: values
 * @key: a key of the table
 *
 * The value of a STRING_LIST parameter: the value given, the default, or
 * NULL when unset. Asking for a key the table lacks, or with the wrong type, is a
 * programming error (g_critical).
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the strings,
 *   owned by @params.
 */
const char *const *galley_params_get_string_list (const GalleyParams *params,
                                                  const char *key);

/**
 * galley_params_to_string:
 * @params: values
 * @key: a key
 *
 * The value of @key in text form, as given or defaulted.
 *
 * Returns: (transfer full) (nullable): the text, or NULL if @key is unset
 *   or unknown.
 */
char *galley_params_to_string (const GalleyParams *params, const char *key) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_read_param_file:
 * @path: the file
 * @contents: (out) (transfer full): the whole file, NUL-terminated, valid
 *   UTF-8 with no NUL byte inside
 * @length: (out) (optional): its length
 * @error: return location for a #GError, or NULL
 *
 * Reads the data file @path that a parameter names (a lexicon, a
 * gazetteer, a word list), for a stage's create. The caller prefixes
 * "parameter 'KEY': " (g_prefix_error()). A UTF-8 byte order mark at
 * the start of the file is dropped (since ABI 1.6; before, it was the
 * first bytes of @contents).
 *
 * Returns: TRUE on success. Errors, so that every plugin reports the same
 *   failure the same way: %GALLEY_STAGE_ERROR_IO "cannot read PATH: REASON"
 *   when the system refuses the file (missing, unreadable, a directory):
 *   galley exits 4; %GALLEY_STAGE_ERROR_INPUT "PATH:LINE: invalid UTF-8"
 *   or "PATH:LINE: NUL byte: not a text file" (exit 2), as for any bad
 *   content the stage finds later ("PATH:LINE: ..."); a file that starts
 *   with UTF-16's byte order mark is "PATH:1: UTF-16 text: save it as
 *   UTF-8" (since ABI 1.6).
 */
gboolean galley_read_param_file (const char *path, char **contents,
                                 gsize *length, GError **error);

/**
 * galley_parse_duration:
 * @text: a duration: "90", "90s", "1.5m", "2h", "1h30m", "1d", "250ms"
 * @seconds: (out): the duration in seconds
 *
 * Parses a duration as every Galley option and parameter takes one: a
 * bare number is seconds; units are ms, s, m, h and d, and may follow one
 * another ("1h30m"). Stages with a duration parameter use it, so that
 * users write durations one way everywhere.
 *
 * Returns: TRUE and *@seconds set; FALSE for anything else (negative,
 *   empty, "inf", over 10^9 seconds).
 *
 * Since: 1.1
 */
gboolean galley_parse_duration (const char *text, double *seconds);

/**
 * galley_edit_distance:
 * @a: a string
 * @b: a string
 *
 * The number of single-byte insertions, deletions, substitutions and
 * swaps of two neighbours that turn @a into @b (the optimal string
 * alignment distance). Meant for short names: it takes O(|@a| |@b|) time.
 *
 * Returns: the distance; 0 when @a and @b are equal.
 *
 * Since: 1.5
 */
guint galley_edit_distance (const char *a, const char *b);

/**
 * galley_suggest:
 * @word: a name that matched none of @candidates
 * @candidates: (nullable) (array zero-terminated=1): the valid names
 *
 * The "did you mean" of Galley's messages, for a stage's own checks of a
 * value (a column, a type, a list entry), so that its message reads like
 * the core's: "unknown column 'titel'; did you mean 'title'?". A name
 * is close enough when it differs from @word in ASCII case only, or when
 * at most 2 edits (galley_edit_distance()), and at most half the length
 * of @word, turn it into @word.
 *
 * Returns: (transfer none) (nullable): the closest of @candidates (the
 *   first of equally close ones), or NULL when none is close enough or
 *   @word is itself a candidate.
 *
 * Since: 1.5
 */
const char *galley_suggest (const char *word, const char *const *candidates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyParams, galley_params_free)

G_END_DECLS
