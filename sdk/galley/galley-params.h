/* galley-params.h: typed stage parameters.
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

typedef enum {
  GALLEY_PARAM_STRING,
  GALLEY_PARAM_INT,
  GALLEY_PARAM_DOUBLE,
  GALLEY_PARAM_BOOLEAN,
  GALLEY_PARAM_STRING_LIST,  /* ';'-separated in files, ',' or ';' inline */
  GALLEY_PARAM_PATH,         /* a file path; "-" means stdin/stdout */
  GALLEY_PARAM_CHOICE,       /* one of @choices */
} GalleyParamType;

typedef enum {
  GALLEY_PARAM_REQUIRED = 1 << 0,
  /* an output path: strftime patterns (%Y-%m-%d) expand at run start */
  GALLEY_PARAM_OUTPUT = 1 << 1,
  /* an input path: `galley validate` checks that it names something
   * (a glob that matches nothing is only a warning: it may match later) */
  GALLEY_PARAM_INPUT = 1 << 2,
} GalleyParamFlags;

typedef struct {
  const char *name;
  GalleyParamType type;
  const char *default_value;   /* in text form; NULL: no default */
  double min;                  /* INT and DOUBLE: checked when min < max */
  double max;
  const char *const *choices;  /* CHOICE: NULL-terminated */
  const char *doc;             /* one line, shown by `galley inspect` */
  guint flags;                 /* GalleyParamFlags */
  /*< private >*/
  /* Room for fields that a minor ABI version adds. A plugin's table is an
   * array, so the core steps through it by sizeof (GalleyParamSpec): the
   * size must never change within a major version, and a new field takes
   * a slot from here (zero in every older plugin, whose initialisers
   * leave it unset). tests/sdk/test-params.c checks the size. */
  gpointer reserved[4];
} GalleyParamSpec;

/* Threads: the core fills a GalleyParams on the main thread; a stage's
 * create reads it there. Getters do not change it. */
typedef struct _GalleyParams GalleyParams;

/* galley_params_new: empty values for the table @specs (not copied: it
 * must outlive the result, as a plugin's static table does; NULL: no
 * parameters). Returns: (transfer full), free with galley_params_free(). */
GalleyParams *galley_params_new (const GalleyParamSpec *specs) G_GNUC_WARN_UNUSED_RESULT;
/* galley_params_free: NULL is allowed. */
void galley_params_free (GalleyParams *params);

const GalleyParamSpec *galley_params_get_specs (const GalleyParams *params);

/* galley_param_spec_find: the spec named @name in @specs, or NULL. */
const GalleyParamSpec *galley_param_spec_find (const GalleyParamSpec *specs,
                                               const char *name);

/* galley_param_spec_list_names: "a, b, c": the valid keys, for messages;
 * "(none)" for an empty table. Returns: (transfer full). */
char *galley_param_spec_list_names (const GalleyParamSpec *specs) G_GNUC_WARN_UNUSED_RESULT;

/* galley_param_type_to_string: "string", "int", ... */
const char *galley_param_type_to_string (GalleyParamType type);

/* galley_params_set: parses @value as the type of @key and stores it.
 * Errors (GALLEY_PIPELINE_ERROR): UNKNOWN_KEY, "unknown parameter 'KEY';
 * valid parameters: a, b"; BAD_VALUE for a wrong type, range or choice,
 * "parameter 'KEY': ...". On error the previous value is kept. */
gboolean galley_params_set (GalleyParams *params, const char *key,
                            const char *value, GError **error);

/* galley_params_set_from_key_file: every key of @group but those in
 * @skip_keys (NULL-terminated, e.g. "plugin"), through galley_params_set(). */
gboolean galley_params_set_from_key_file (GalleyParams *params,
                                          GKeyFile *key_file,
                                          const char *group,
                                          const char *const *skip_keys,
                                          GError **error);

/* galley_params_finish: applies defaults and checks required keys
 * (GALLEY_PIPELINE_ERROR_MISSING: "parameter 'KEY' is required (DOC)";
 * BAD_VALUE when the table's own default does not parse). Call once,
 * after the last set. */
gboolean galley_params_finish (GalleyParams *params, GError **error);

/* galley_params_is_set: whether @key was given explicitly. */
gboolean galley_params_is_set (const GalleyParams *params, const char *key);

/* Getters: the value, the default, or 0/NULL/FALSE when unset. Asking for
 * a key the table lacks, or with the wrong type, is a programming error
 * (g_critical). Strings are owned by @params. */
const char *galley_params_get_string (const GalleyParams *params, const char *key);
const char *galley_params_get_path (const GalleyParams *params, const char *key);
const char *galley_params_get_choice (const GalleyParams *params, const char *key);
/* galley_params_get_choice_index: index of the value in the spec's choices. */
int galley_params_get_choice_index (const GalleyParams *params, const char *key);
gint64 galley_params_get_int (const GalleyParams *params, const char *key);
double galley_params_get_double (const GalleyParams *params, const char *key);
gboolean galley_params_get_boolean (const GalleyParams *params, const char *key);
const char *const *galley_params_get_string_list (const GalleyParams *params,
                                                  const char *key);

/* galley_params_to_string: the value of @key in text form, as given or
 * defaulted (NULL if unset or unknown). Returns: (transfer full). */
char *galley_params_to_string (const GalleyParams *params, const char *key) G_GNUC_WARN_UNUSED_RESULT;

/* galley_read_param_file: reads the data file @path that a parameter
 * names (a lexicon, a gazetteer, a word list), for a stage's create.
 * @contents receives the whole file, NUL-terminated, valid UTF-8 with no
 * NUL byte inside; @length (may be NULL) its length.
 * Errors, so that every plugin reports the same failure the same way:
 *   GALLEY_STAGE_ERROR_IO "cannot read PATH: REASON" when the system
 *     refuses the file (missing, unreadable, a directory): galley exits 4;
 *   GALLEY_STAGE_ERROR_INPUT "PATH:LINE: invalid UTF-8" or "PATH:LINE:
 *     NUL byte: not a text file" (exit 2), as for any bad content the
 *     stage finds later ("PATH:LINE: ...").
 * The caller prefixes "parameter 'KEY': " (g_prefix_error).
 * Returns: TRUE on success; (transfer full) *@contents. */
gboolean galley_read_param_file (const char *path, char **contents,
                                 gsize *length, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyParams, galley_params_free)

G_END_DECLS
