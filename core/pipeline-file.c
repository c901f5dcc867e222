/* pipeline-file.c: pipeline files (GKeyFile) into a GalleyPipelineSpec.
 *
 * GKeyFile does not keep line numbers, and it quietly merges a group
 * written twice and keeps the last of a key written twice. So the text is
 * also scanned line by line: syntax errors are found by loading growing
 * prefixes (see find_syntax_errors), then the lines GKeyFile accepted are
 * indexed ("[group]" and "key=" to their line), which finds duplicates and
 * lets every message say FILE:LINE.
 *
 * Every problem is collected rather than returned at the first, so that
 * `galley validate` can list them all in one pass. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pipeline-private.h"

static const char *const pipeline_keys[] = {
  "description", "stages", "on-error", "rejects", "lock", "state",
  "document-timeout", "checkpoint", "forget", NULL,
};

typedef struct {
  const char *path;
  GKeyFile *kf;
  GHashTable *lines;   /* "group" and "group\nkey" -> first line, 1-based */
  GHashTable *broken;  /* stand-in names of group lines that did not parse */
  GHashTable *vars;    /* PIPELINE_DIR */
  GPtrArray *errors;   /* GError */
} Ctx;

static void
report_line (Ctx *c, int line, GalleyPipelineError code, const char *fmt, ...)
  G_GNUC_PRINTF (4, 5);

/* report_line: appends "FILE:LINE: MESSAGE" ("FILE: MESSAGE" when @line
 * is 0) to the errors. */
static void
report_line (Ctx *c, int line, GalleyPipelineError code, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (line > 0)
    g_ptr_array_add (c->errors, g_error_new (GALLEY_PIPELINE_ERROR, code, "%s:%d: %s",
                                             c->path, line, msg));
  else
    g_ptr_array_add (c->errors, g_error_new (GALLEY_PIPELINE_ERROR, code, "%s: %s",
                                             c->path, msg));
}

/* index_lines: fills c->lines from @lines (which GKeyFile accepts), and
 * reports a group or a key written twice: GKeyFile would merge the groups
 * and keep the last value, so the first would be ignored without a word. */
static void
index_lines (Ctx *c, char **lines)
{
  g_autofree char *group = NULL;

  for (int i = 0; lines[i]; i++)
    {
      g_autofree char *l = g_strstrip (g_strdup (lines[i]));
      g_autofree char *id = NULL;
      char *eq;
      int first;

      if (*l == '[' && strchr (l, ']'))
        {
          g_free (group);
          group = g_strndup (l + 1, strchr (l, ']') - l - 1);
          id = g_strdup (group);
        }
      else if (group && *l != '#' && (eq = strchr (l, '=')) != NULL)
        {
          *eq = '\0';
          id = g_strdup_printf ("%s\n%s", group, g_strchomp (l));
        }
      else
        continue;
      first = GPOINTER_TO_INT (g_hash_table_lookup (c->lines, id));
      if (first == 0)
        g_hash_table_insert (c->lines, g_steal_pointer (&id), GINT_TO_POINTER (i + 1));
      else if (strchr (id, '\n') == NULL)
        {
          if (!g_hash_table_contains (c->broken, group))
            report_line (c, i + 1, GALLEY_PIPELINE_ERROR_SYNTAX,
                         "group [%s] appears twice (first on line %d); write each "
                         "group once", group, first);
        }
      else
        report_line (c, i + 1, GALLEY_PIPELINE_ERROR_SYNTAX,
                     "[%s] %s: set twice (first on line %d); keep one", group,
                     strchr (id, '\n') + 1, first);
    }
}

/* MAX_SYNTAX_ERRORS: beyond this many, the file is likely not a pipeline
 * file at all, and each further error costs a few loads of the text. */
#define MAX_SYNTAX_ERRORS 20

static gboolean
prefix_loads (char **lines, guint n, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  char *saved = lines[n];
  g_autofree char *text = NULL;

  lines[n] = NULL;
  text = g_strjoinv ("\n", lines);
  lines[n] = saved;
  return g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_NONE, error);
}

/* mend_group_line: a group line that did not parse, as it was likely
 * meant ("[read" or "[read] x" as "[read]"), so that its keys are checked
 * as the group's; a stand-in group whose keys draw no message when no
 * name can be made out of it. */
static char *
mend_group_line (Ctx *c, const char *line, guint number)
{
  g_autofree char *name = g_strstrip (g_strndup (line + 1, strcspn (line + 1, "]")));
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  char *mended = g_strdup_printf ("[%s]", name);

  if (*name != '\0' && g_key_file_load_from_data (kf, mended, -1, G_KEY_FILE_NONE, NULL))
    return mended;
  g_free (mended);
  g_hash_table_add (c->broken, g_strdup_printf ("line %u", number));
  return g_strdup_printf ("[line %u]", number);
}

/* group_line_problem: what is wrong with @line, a group line that
 * GKeyFile refused, in a pipeline file's words ("Invalid group name: "
 * with nothing after it said little); NULL if it is none of these. */
static const char *
group_line_problem (const char *line)
{
  const char *close = strchr (line, ']');
  g_autofree char *name = NULL;

  if (close == NULL)
    return "no closing ']'";
  name = g_strstrip (g_strndup (line + 1, close - line - 1));
  if (*name == '\0')
    return "no name between [ and ]";
  if (strchr (name, '[') != NULL)
    return "a group name cannot hold '['";
  if (close[1 + strspn (close + 1, " \t")] != '\0')
    return "nothing may follow ']' on a group line (a comment takes a line of its own)";
  return NULL;
}

/* before_any_group: whether lines [0, @n) hold only blanks and comments. */
static gboolean
before_any_group (char **lines, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      const char *l = lines[i] + strspn (lines[i], " \t\r");

      if (*l != '\0' && *l != '#')
        return FALSE;
    }
  return TRUE;
}

/* find_syntax_errors: reports each line of @lines GKeyFile refuses, with
 * its number, and replaces it so that the rest can be checked: a bad
 * group line as mend_group_line() makes it, any other line by an empty
 * one.
 *
 * GKeyFile stops at the first bad line and does not say which it was.
 * Loading stops there whatever follows, so a prefix of the text loads if
 * and only if it ends before that line: a binary search over prefix
 * lengths finds it in log2(lines) loads. Pipeline files are tens of
 * lines; MAX_SYNTAX_ERRORS bounds the cost of a text that is not one. */
static void
find_syntax_errors (Ctx *c, char **lines)
{
  guint n = g_strv_length (lines), good = 0, found = 0;
  g_autoptr (GError) local = NULL;

  while (!prefix_loads (lines, n, NULL))
    {
      guint lo = good + 1, hi = n;
      g_autofree char *l = NULL;
      const char *group_problem;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (prefix_loads (lines, mid, NULL))
            lo = mid + 1;
          else
            hi = mid;
        }
      g_clear_error (&local);
      prefix_loads (lines, lo, &local);
      l = g_strstrip (g_strdup (lines[lo - 1]));
      group_problem = *l == '[' ? group_line_problem (l) : NULL;
      if (*l != '[' && before_any_group (lines, lo - 1))
        /* GKeyFile's "Key file does not start with a group" said nothing
         * of what a pipeline file looks like; an inline pipeline ("a !
         * b") saved in a file is the likely reason */
        report_line (c, lo, GALLEY_PIPELINE_ERROR_SYNTAX,
                     "a line before any [group]: a pipeline file starts with a "
                     "[pipeline] group, then a group a stage (galley.pipeline(5))%s",
                     strstr (l, " ! ") ? "; the 'stage ! stage' form is for galley run -e" : "");
      else if (group_problem != NULL)
        report_line (c, lo, GALLEY_PIPELINE_ERROR_SYNTAX, "group line '%s': %s", l,
                     group_problem);
      else
        report_line (c, lo, GALLEY_PIPELINE_ERROR_SYNTAX, "%s",
                     local ? local->message : "GKeyFile cannot parse this line");
      g_free (lines[lo - 1]);
      lines[lo - 1] = *l == '[' ? mend_group_line (c, l, lo) : g_strdup ("");
      good = lo;
      if (++found == MAX_SYNTAX_ERRORS)
        {
          report_line (c, 0, GALLEY_PIPELINE_ERROR_SYNTAX,
                       "more than %d lines that do not parse; is this a pipeline file?",
                       MAX_SYNTAX_ERRORS);
          return;
        }
    }
}

static int
line_of (GHashTable *lines, const char *group, const char *key)
{
  g_autofree char *k = key ? g_strdup_printf ("%s\n%s", group, key) : g_strdup (group);

  return GPOINTER_TO_INT (g_hash_table_lookup (lines, k));
}

/* report: as report_line, at the line of @key in @group (of @group alone
 * when @key is NULL; none when @group is NULL). Returns FALSE. */
static gboolean
report (Ctx *c, const char *group, const char *key, GalleyPipelineError code,
        const char *fmt, ...) G_GNUC_PRINTF (5, 6);

static gboolean
report (Ctx *c, const char *group, const char *key, GalleyPipelineError code,
        const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  report_line (c, group ? line_of (c->lines, group, key) : 0, code, "%s", msg);
  return FALSE;
}

/* get_value: the expanded string value of @key in @group; NULL, the
 * problem reported, when it has none. */
static char *
get_value (Ctx *c, const char *group, const char *key)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *raw = g_key_file_get_string (c->kf, group, key, &local);
  char *value;

  if (raw == NULL)
    {
      report (c, group, key, GALLEY_PIPELINE_ERROR_SYNTAX, "[%s] %s: %s", group, key,
              local->message);
      return NULL;
    }
  value = galley_expand_vars (raw, c->vars, &local);
  if (value == NULL)
    report (c, group, key, GALLEY_PIPELINE_ERROR_BAD_VALUE, "[%s] %s: %s", group, key,
            local->message);
  return value;
}

/* did_you_mean: "did you mean 'X'? " when @word is a likely typo of one
 * of @candidates (quoted between @open and @close), else "".
 * Returns: (transfer full). */
static char *
did_you_mean (const char *word, const char *const *candidates, const char *open,
              const char *close)
{
  const char *best = galley_suggest (word, candidates);

  return best ? g_strdup_printf ("did you mean %s%s%s? ", open, best, close) : g_strdup ("");
}

/* read_pipeline_group: the [pipeline] group into @spec; FALSE when it
 * gives no stage list (the rest cannot be checked then). */
static gboolean
read_pipeline_group (Ctx *c, GalleyPipelineSpec *spec, char ***stage_names)
{
  g_auto (GStrv) keys = NULL;
  g_autofree char *on_error = NULL;
  g_autofree char *document_timeout = NULL;
  double forget_seconds = 0;

  if (!g_key_file_has_group (c->kf, "pipeline"))
    return report (c, NULL, NULL, GALLEY_PIPELINE_ERROR_MISSING,
                   "no [pipeline] group (it lists the stages: stages=read;tokenize;export)");
  keys = g_key_file_get_keys (c->kf, "pipeline", NULL, NULL);
  for (char **k = keys; k && *k; k++)
    if (!g_strv_contains (pipeline_keys, *k))
      {
        g_autofree char *valid = g_strjoinv (", ", (char **) pipeline_keys);
        g_autofree char *hint = did_you_mean (*k, pipeline_keys, "'", "'");
        report (c, "pipeline", *k, GALLEY_PIPELINE_ERROR_UNKNOWN_KEY,
                "[pipeline] unknown key '%s'; %svalid keys: %s", *k, hint, valid);
      }

#define OPTIONAL_STRING(key, field) \
  if (g_key_file_has_key (c->kf, "pipeline", key, NULL)) \
    spec->field = get_value (c, "pipeline", key);
  OPTIONAL_STRING ("description", description);
  OPTIONAL_STRING ("rejects", rejects);
  OPTIONAL_STRING ("lock", lock);
  OPTIONAL_STRING ("state", state);
  OPTIONAL_STRING ("checkpoint", checkpoint);
  OPTIONAL_STRING ("forget", forget);
#undef OPTIONAL_STRING

  if (spec->forget
      && (!galley_parse_duration (spec->forget, &forget_seconds) || forget_seconds <= 0))
    report (c, "pipeline", "forget", GALLEY_PIPELINE_ERROR_BAD_VALUE,
            "[pipeline] forget: '%s' is not an age such as 90d or 12h", spec->forget);

  if (spec->checkpoint
      && !galley_parse_checkpoint (spec->checkpoint, &(guint64) { 0 }, &(double) { 0 }))
    report (c, "pipeline", "checkpoint", GALLEY_PIPELINE_ERROR_BAD_VALUE,
            "[pipeline] checkpoint: '%s' is neither a number of documents nor "
            "a duration with its unit (examples: 1000, 30s, 5m; 0: none)",
            spec->checkpoint);

  if (g_key_file_has_key (c->kf, "pipeline", "on-error", NULL)
      && (on_error = get_value (c, "pipeline", "on-error")) != NULL)
    {
      if (strcmp (on_error, "skip") == 0)
        spec->on_error = GALLEY_ON_ERROR_SKIP;
      else if (strcmp (on_error, "abort") == 0)
        spec->on_error = GALLEY_ON_ERROR_ABORT;
      else
        report (c, "pipeline", "on-error", GALLEY_PIPELINE_ERROR_BAD_VALUE,
                "[pipeline] on-error: '%s' is not one of: skip, abort", on_error);
    }

  if (g_key_file_has_key (c->kf, "pipeline", "document-timeout", NULL)
      && (document_timeout = get_value (c, "pipeline", "document-timeout")) != NULL
      && !galley_parse_duration (document_timeout, &spec->document_timeout))
    {
      spec->document_timeout = -1;
      report (c, "pipeline", "document-timeout", GALLEY_PIPELINE_ERROR_BAD_VALUE,
              "[pipeline] document-timeout: '%s' is not a duration (examples: "
              "60, 90s, 5m, 1h30m; 0: none)", document_timeout);
    }

  if (!g_key_file_has_key (c->kf, "pipeline", "stages", NULL))
    return report (c, "pipeline", NULL, GALLEY_PIPELINE_ERROR_MISSING,
                   "[pipeline] has no stages= key");
  *stage_names = g_key_file_get_string_list (c->kf, "pipeline", "stages", NULL, NULL);
  if (*stage_names == NULL || (*stage_names)[0] == NULL)
    return report (c, "pipeline", "stages", GALLEY_PIPELINE_ERROR_MISSING,
                   "[pipeline] stages= is empty");
  return TRUE;
}

/* read_stage_group: the stage of group @name; NULL, the problems
 * reported, when the group is missing or a value cannot be read. */
static GalleySpecStage *
read_stage_group (Ctx *c, const char *name, const char *const *groups)
{
  g_auto (GStrv) keys = NULL;
  g_autofree char *plugin = NULL;
  GalleySpecStage *stage;
  gboolean ok = TRUE;

  if (!g_key_file_has_group (c->kf, name))
    {
      g_autofree char *hint = did_you_mean (name, groups, "[", "]");
      g_strchomp (hint);
      if (*hint == '\0' && strpbrk (name, ", \t!|") != NULL)
        {
          /* stages=read, out (or read ! out): the list's separator is ';' */
          g_auto (GStrv) parts = g_regex_split_simple ("[, \t!|]+", name, 0, 0);
          g_autofree char *joined = g_strjoinv (";", parts);

          g_free (hint);
          hint = g_strdup_printf ("stage names are separated by ';': stages=%s", joined);
        }
      report (c, "pipeline", "stages", GALLEY_PIPELINE_ERROR_MISSING,
              "[pipeline] stages= names '%s' but there is no [%s] group%s%s", name, name,
              *hint ? "; " : "", hint);
      return NULL;
    }
  if (g_key_file_has_key (c->kf, name, "plugin", NULL))
    {
      plugin = get_value (c, name, "plugin");
      if (plugin == NULL)
        return NULL;
    }
  else
    plugin = g_strdup (name);  /* [tokenizer] alone means plugin=tokenizer */

  stage = galley_spec_stage_new (name, plugin, line_of (c->lines, name, NULL));
  stage->named_by_group = !g_key_file_has_key (c->kf, name, "plugin", NULL);
  keys = g_key_file_get_keys (c->kf, name, NULL, NULL);
  for (char **k = keys; k && *k; k++)
    {
      GalleySpecParam p = { 0 };

      if (strcmp (*k, "plugin") == 0)
        continue;
      p.value = get_value (c, name, *k);
      if (p.value == NULL)
        {
          ok = FALSE;  /* go on: the other keys may have problems too */
          continue;
        }
      p.key = g_strdup (*k);
      p.line = line_of (c->lines, name, *k);
      g_array_append_val (stage->params, p);
    }
  if (!ok)
    g_clear_pointer (&stage, galley_spec_stage_free);
  return stage;
}

/* read_stages: every stage that stages= lists into @spec; then every
 * group must have been listed. */
static void
read_stages (Ctx *c, GalleyPipelineSpec *spec, char **stage_names)
{
  g_auto (GStrv) groups = g_key_file_get_groups (c->kf, NULL);

  for (char **n = stage_names; *n; n++)
    {
      GalleySpecStage *stage;
      gboolean twice = FALSE;

      for (char **m = stage_names; m < n; m++)
        twice = twice || strcmp (*m, *n) == 0;
      if (twice)
        report (c, "pipeline", "stages", GALLEY_PIPELINE_ERROR_STRUCTURE,
                "[pipeline] stages= lists '%s' twice (give each stage its own "
                "group; groups may use the same plugin)", *n);
      else if (strcmp (*n, "pipeline") == 0)
        report (c, "pipeline", "stages", GALLEY_PIPELINE_ERROR_STRUCTURE,
                "[pipeline] stages= may not name the [pipeline] group");
      else if ((stage = read_stage_group (c, *n, (const char *const *) groups)) != NULL)
        g_ptr_array_add (spec->stages, stage);
    }
  for (char **g = groups; *g; g++)
    if (strcmp (*g, "pipeline") != 0 && !g_hash_table_contains (c->broken, *g)
        && !g_strv_contains ((const char *const *) stage_names, *g))
      report (c, *g, NULL, GALLEY_PIPELINE_ERROR_STRUCTURE,
              "group [%s] is not listed in [pipeline] stages=", *g);
}

/* error_line: the LINE of "PATH:LINE: ..." (G_MAXINT for none: last). */
static int
error_line (const GError *e, gsize path_len)
{
  const char *p = e->message + path_len;

  return *p == ':' && g_ascii_isdigit (p[1]) ? atoi (p + 1) : G_MAXINT;
}

/* sort_by_line: the errors from @first on in the order of their lines,
 * as a reader goes through the file (the scans above find them by kind).
 * GLib's sort is stable: errors of one line keep their order. */
static void
sort_by_line (GPtrArray *errors, guint first, const char *path)
{
  gsize path_len = strlen (path);
  g_autoptr (GPtrArray) tail = g_ptr_array_new ();

  while (errors->len > first)
    g_ptr_array_add (tail, g_ptr_array_steal_index (errors, first));
  for (guint i = 1; i < tail->len; i++)
    {
      GError *e = g_ptr_array_index (tail, i);
      guint j = i;

      /* insertion sort: a handful of errors, and stable */
      for (; j > 0 && error_line (g_ptr_array_index (tail, j - 1), path_len)
                      > error_line (e, path_len); j--)
        tail->pdata[j] = tail->pdata[j - 1];
      tail->pdata[j] = e;
    }
  for (guint i = 0; i < tail->len; i++)
    g_ptr_array_add (errors, g_ptr_array_index (tail, i));
}


char *
galley_similar_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name, *best;
  char *found = NULL;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (d);
  g_ptr_array_add (names, NULL);
  best = galley_suggest (base, (const char *const *) names->pdata);
  if (best)
    found = strchr (path, G_DIR_SEPARATOR) ? g_build_filename (dir, best, NULL) : g_strdup (best);
  return found;
}

GalleyPipelineSpec *
galley_pipeline_spec_load_file_all (const char *path, GPtrArray *errors)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GalleyPipelineSpec) spec = NULL;
  g_auto (GStrv) stage_names = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *abs = NULL;
  gsize len;
  Ctx c = { path, kf, NULL, NULL, NULL, errors };
  guint n_errors = errors->len;

  if (!galley_read_param_file (path, &text, &len, &local))
    {
      /* the system's reason alone ("No such file or directory"): the
       * message of the SDK's reader already starts with the path, and
       * GLib's repeats it in locale-dependent quotes */
      g_autofree char *prefix = g_strdup_printf ("cannot read %s: ", path);
      const char *reason = g_str_has_prefix (local->message, prefix)
                           ? local->message + strlen (prefix) : local->message;

      g_autofree char *meant = g_file_test (path, G_FILE_TEST_EXISTS)
                               ? NULL : galley_similar_file (path);

      if (g_error_matches (local, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO))
        g_ptr_array_add (errors, g_error_new (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                                              "%s: cannot read the pipeline file: %s%s%s%s",
                                              path, reason, meant ? "; did you mean '" : "",
                                              meant ? meant : "", meant ? "'?" : ""));
      else
        {
          /* "PATH:LINE: REASON" from the SDK, as "PATH:LINE: not a
           * pipeline file (REASON)" */
          const char *where = g_str_has_prefix (local->message, path)
                              ? local->message + strlen (path) : "";
          const char *why = strstr (where, ": ");
          g_autofree char *line = g_strndup (where, why ? (gsize) (why - where) : 0);

          g_ptr_array_add (errors, g_error_new (GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_SYNTAX,
                                                "%s%s: not a pipeline file (%s)", path, line,
                                                why ? why + 2 : local->message));
        }
      return NULL;
    }

  c.lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.broken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  abs = g_canonicalize_filename (path, NULL);
  g_hash_table_insert (c.vars, "PIPELINE_DIR", g_path_get_dirname (abs));

  lines = g_strsplit (text, "\n", -1);
  find_syntax_errors (&c, lines);
  clean = g_strjoinv ("\n", lines);
  if (g_key_file_load_from_data (kf, clean, -1, G_KEY_FILE_NONE, &local))
    {
      index_lines (&c, lines);
      spec = galley_pipeline_spec_new (path);
      if (read_pipeline_group (&c, spec, &stage_names))
        read_stages (&c, spec, stage_names);
    }
  else if (errors->len == n_errors)
    report_line (&c, 0, GALLEY_PIPELINE_ERROR_SYNTAX, "%s", local->message);

  sort_by_line (errors, n_errors, path);
  g_hash_table_unref (c.lines);
  g_hash_table_unref (c.broken);
  g_hash_table_unref (c.vars);
  return g_steal_pointer (&spec);
}

GalleyPipelineSpec *
galley_pipeline_spec_load_file (const char *path, GError **error)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr (GalleyPipelineSpec) spec = galley_pipeline_spec_load_file_all (path, errors);

  if (errors->len > 0)
    {
      g_propagate_error (error, g_ptr_array_steal_index (errors, 0));
      return NULL;
    }
  return g_steal_pointer (&spec);
}
