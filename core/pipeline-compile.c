/* pipeline-compile.c: a GalleyPipelineSpec checked against the registry.
 * Everything that can be known before a document is read is checked here,
 * and every message names the file, line, group and key at fault. */
#include "config.h"

#include <string.h>

#include "galley-chain-private.h"
#include "galley-input-private.h"
#include "pipeline.h"
#include "pipeline-private.h"

static void
pipeline_stage_free (gpointer data)
{
  GalleyPipelineStage *s = data;

  g_free (s->name);
  galley_params_free (s->params);
  g_free (s);
}

void
galley_pipeline_free (GalleyPipeline *pipeline)
{
  if (pipeline == NULL)
    return;
  g_ptr_array_unref (pipeline->stages);
  galley_pipeline_spec_free (pipeline->spec);
  g_free (pipeline);
}

/* where_param: "FILE:LINE: [group]" for a key, falling back to the group. */
static char *
where_param (const GalleyPipelineSpec *spec, guint index, const GalleySpecParam *p)
{
  const GalleySpecStage *s = g_ptr_array_index (spec->stages, index);

  if (p && p->line > 0)
    return g_strdup_printf ("%s:%d: [%s]", spec->origin, p->line, s->name);
  return galley_pipeline_spec_where (spec, index);
}

/* spec_param: where @key of stage @index was written; NULL when it was
 * not (a default). */
static const GalleySpecParam *
spec_param (const GalleyPipelineSpec *spec, guint index, const char *key)
{
  const GalleySpecStage *s = g_ptr_array_index (spec->stages, index);

  for (guint i = 0; i < s->params->len; i++)
    {
      const GalleySpecParam *p = &g_array_index (s->params, GalleySpecParam, i);
      if (strcmp (p->key, key) == 0)
        return p;
    }
  return NULL;
}

/* add_error: appends "WHERE MESSAGE" to @errors, in @local's domain and
 * code. */
static void
add_error (GPtrArray *errors, const char *where, const GError *local)
{
  g_ptr_array_add (errors, g_error_new (local->domain, local->code, "%s %s", where,
                                        local->message));
}

/* param_naming_stage: the parameter of @s, a group without plugin=,
 * whose value is a stage's name (stage=read-files, type=tokenizer):
 * what its author meant as plugin=; NULL for none. */
static const GalleySpecParam *
param_naming_stage (GalleyRegistry *registry, const GalleySpecStage *s)
{
  if (!s->named_by_group)
    return NULL;
  for (guint j = 0; j < s->params->len; j++)
    {
      const GalleySpecParam *p = &g_array_index (s->params, GalleySpecParam, j);

      if (galley_registry_find (registry, p->value, NULL))
        return p;
    }
  return NULL;
}

/* unknown_param: "unknown parameter 'KEY' of STAGE; did you mean 'K'?
 * valid parameters: ..." (the SDK's message, with the stage named and a
 * guess at the typo). */
static GError *
unknown_param (const GalleyStageClass *k, const char *key)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *valid = galley_param_spec_list_names (k->params);
  const char *best;

  for (const GalleyParamSpec *ps = k->params; ps && ps->name; ps++)
    g_ptr_array_add (names, (gpointer) ps->name);
  g_ptr_array_add (names, NULL);
  best = galley_suggest (key, (const char *const *) names->pdata);
  if (best)
    return g_error_new (GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_UNKNOWN_KEY,
                        "unknown parameter '%s' of %s; did you mean '%s'? valid "
                        "parameters: %s", key, k->name, best, valid);
  return g_error_new (GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_UNKNOWN_KEY,
                      "unknown parameter '%s' of %s; valid parameters: %s",
                      key, k->name, valid);
}

/* compile_params: the stage's parameters from the spec, each problem
 * appended to @errors; FALSE when there was one. */
static gboolean
compile_params (GalleyPipelineSpec *spec, guint index, GalleyPipelineStage *stage,
                GPtrArray *errors)
{
  const GalleySpecStage *s = g_ptr_array_index (spec->stages, index);
  guint n_errors = errors->len;

  stage->params = galley_params_new (stage->klass->params);
  for (guint i = 0; i < s->params->len; i++)
    {
      const GalleySpecParam *p = &g_array_index (s->params, GalleySpecParam, i);
      g_autoptr (GError) local = NULL;
      g_autofree char *where = NULL;

      if (galley_param_spec_find (stage->klass->params, p->key) == NULL)
        local = unknown_param (stage->klass, p->key);
      else if (galley_params_set (stage->params, p->key, p->value, &local))
        continue;
      where = where_param (spec, index, p);
      add_error (errors, where, local);
    }
  /* A required key missed for a typo of it was said above already. */
  if (errors->len == n_errors)
    {
      g_autoptr (GError) local = NULL;
      if (!galley_params_finish (stage->params, &local))
        {
          g_autofree char *where = galley_pipeline_spec_where (spec, index);
          add_error (errors, where, local);
        }
    }
  return errors->len == n_errors;
}

/* check_structure: a source first and only first, each required layer
 * produced by an earlier stage, a sink somewhere; each problem appended
 * to @errors. */
static void
check_structure (GalleyPipeline *pipeline, GPtrArray *errors)
{
  GalleyPipelineSpec *spec = pipeline->spec;
  g_autoptr (GHashTable) produced = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean has_sink = FALSE;

  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      GalleyPipelineStage *stage = g_ptr_array_index (pipeline->stages, i);
      const GalleyStageClass *k = stage->klass;
      g_autofree char *where = galley_pipeline_spec_where (spec, i);

      if (i == 0 && k->kind != GALLEY_STAGE_SOURCE)
        g_ptr_array_add (errors, g_error_new (
          GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STRUCTURE,
          "%s the first stage must be a source (a reader such as read-files or "
          "read-jsonl); '%s' is a %s", where, k->name,
          galley_stage_kind_to_string (k->kind)));
      if (i > 0 && k->kind == GALLEY_STAGE_SOURCE)
        g_ptr_array_add (errors, g_error_new (
          GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STRUCTURE,
          "%s '%s' is a source; only the first stage may be one", where, k->name));
      _galley_chain_check_layers (where, k, produced, errors);
      if (k->kind == GALLEY_STAGE_SINK)
        has_sink = TRUE;
    }
  if (!has_sink)
    g_ptr_array_add (errors, g_error_new (
      GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STRUCTURE,
      "%s: the pipeline has no sink: add an exporter such as export-jsonl", spec->origin));
}

/* stage_label: how a message names stage @index beside another one:
 * "[group] (line N)" in a file, "stage N (name)" inline. */
static char *
stage_label (const GalleyPipelineSpec *spec, guint index, const GalleySpecParam *p)
{
  const GalleySpecStage *s = g_ptr_array_index (spec->stages, index);
  int line = p && p->line > 0 ? p->line : s->line;

  if (strcmp (spec->origin, "-e") == 0)
    return g_strdup_printf ("stage %u (%s)", index + 1, s->name);
  if (line > 0)
    return g_strdup_printf ("[%s] (line %d)", s->name, line);
  return g_strdup_printf ("[%s]", s->name);
}

/* later_producer: the first stage after @index that produces @layer, or
 * -1 when none does. */
static int
later_producer (GalleyPipeline *pipeline, guint index, const char *layer)
{
  for (guint j = index + 1; j < pipeline->stages->len; j++)
    {
      GalleyPipelineStage *later = g_ptr_array_index (pipeline->stages, j);
      if (later->klass->produces && g_strv_contains (later->klass->produces, layer))
        return j;
    }
  return -1;
}

/* order_error: "WHERE stage 'A' modifies the 'L' layer, which a later
 * stage, LABEL, produces: 'B' would replace what 'A' adds to it; put 'B'
 * before 'A'" (or "reads ...: 'A' would never see it"). */
static GError *
order_error (GalleyPipeline *pipeline, guint index, guint producer,
             gboolean modifies, const char *layer)
{
  GalleyPipelineStage *stage = g_ptr_array_index (pipeline->stages, index);
  GalleyPipelineStage *later = g_ptr_array_index (pipeline->stages, producer);
  g_autofree char *where = galley_pipeline_spec_where (pipeline->spec, index);
  g_autofree char *label = stage_label (pipeline->spec, producer, NULL);
  g_autofree char *consequence = modifies
    ? g_strdup_printf ("'%s' would replace what '%s' adds to it", later->name, stage->name)
    : g_strdup_printf ("'%s' would never see it", stage->name);

  return g_error_new (GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_LAYER,
                      "%s stage '%s' %s the '%s' layer, which a later stage, %s, "
                      "produces: %s; put '%s' before '%s'", where, stage->klass->name,
                      modifies ? "modifies" : "reads", layer, label, consequence,
                      later->name, stage->name);
}

/* check_layer_order: no stage modifies or optionally reads a layer that a
 * later stage produces. Such an order runs without any error and loses
 * data quietly (the producer replaces the layer the earlier stage added
 * to: per-entity sentiment before entity-tagger) or never shows the
 * earlier stage the layer, so it is refused rather than warned about. */
static void
check_layer_order (GalleyPipeline *pipeline, GalleyRegistry *registry, GPtrArray *errors)
{
  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      GalleyPipelineStage *stage = g_ptr_array_index (pipeline->stages, i);
      const char *const *modifies = galley_registry_get_modifies (registry, stage->klass);
      const char *const *reads = galley_registry_get_reads_optional (registry, stage->klass);
      int j;

      for (const char *const *m = modifies; m && *m; m++)
        if ((j = later_producer (pipeline, i, *m)) >= 0)
          g_ptr_array_add (errors, order_error (pipeline, i, j, TRUE, *m));
      for (const char *const *r = reads; r && *r; r++)
        if ((j = later_producer (pipeline, i, *r)) >= 0)
          g_ptr_array_add (errors, order_error (pipeline, i, j, FALSE, *r));
    }
}

typedef struct {
  char *path;  /* resolved; "-" for standard input or output */
  guint stage;
  const char *key;
  gboolean output;
  gboolean kept;  /* a path parameter neither flagged input nor output (a
                   * cache, an index): the stage reads and writes it */
} PathParam;

static void
path_param_clear (gpointer data)
{
  g_free (((PathParam *) data)->path);
}

/* resolve_path: @value as the stages will open it: from the working
 * directory after ${VAR} expansion (done by the parser); strftime
 * patterns stay unexpanded, since one run expands them all with the same
 * time. */
static char *
resolve_path (const char *value)
{
  return strcmp (value, "-") == 0 ? g_strdup ("-") : g_canonicalize_filename (value, NULL);
}

/* path_params: the file paths the stages of @pipeline are set to read
 * (GALLEY_PARAM_INPUT) and write (GALLEY_PARAM_OUTPUT), in stage order;
 * with @kept, also their other path parameters (read-feed's cache=,
 * near-duplicates' index=: files a stage keeps). */
static GArray *
path_params (GalleyPipeline *pipeline, gboolean kept)
{
  GArray *paths = g_array_new (FALSE, TRUE, sizeof (PathParam));

  g_array_set_clear_func (paths, path_param_clear);
  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      GalleyPipelineStage *stage = g_ptr_array_index (pipeline->stages, i);

      for (const GalleyParamSpec *ps = stage->klass->params; ps && ps->name; ps++)
        {
          g_autofree char *value = NULL;
          gboolean flagged = (ps->flags & (GALLEY_PARAM_OUTPUT | GALLEY_PARAM_INPUT)) != 0;
          PathParam pp = { NULL, i, ps->name, (ps->flags & GALLEY_PARAM_OUTPUT) != 0, !flagged };

          if ((!flagged && !(kept && ps->type == GALLEY_PARAM_PATH))
              || (value = galley_params_to_string (stage->params, ps->name)) == NULL)
            continue;
          pp.path = resolve_path (value);
          g_array_append_val (paths, pp);
        }
    }
  return paths;
}

/* same_file: whether @a and @b name one file; standard input and output
 * ("-") are not one. */
static gboolean
same_file (const PathParam *a, const PathParam *b)
{
  return strcmp (a->path, b->path) == 0
         && (strcmp (a->path, "-") != 0 || (a->output && b->output));
}

/* check_paths: no two sinks write the same file (or both standard
 * output): whichever committed last would silently replace the other's
 * output; and no sink writes a file a stage reads (read-jsonl's input,
 * the tagger's model): the commit would replace it, the input's rejected
 * lines lost with it. */
static void
check_paths (GalleyPipeline *pipeline, GPtrArray *errors)
{
  GalleyPipelineSpec *spec = pipeline->spec;
  g_autoptr (GArray) paths = path_params (pipeline, FALSE);

  for (guint i = 0; i < paths->len; i++)
    {
      const PathParam *out = &g_array_index (paths, PathParam, i);

      if (!out->output)
        continue;
      for (guint j = 0; j < paths->len; j++)
        {
          const PathParam *o = &g_array_index (paths, PathParam, j);
          g_autofree char *where = NULL;
          g_autofree char *other = NULL;
          g_autofree char *what = NULL;

          /* two outputs: one message, at the second */
          if (j == i || (o->output && j > i) || !same_file (o, out))
            continue;
          where = where_param (spec, out->stage, spec_param (spec, out->stage, out->key));
          other = stage_label (spec, o->stage, spec_param (spec, o->stage, o->key));
          what = strcmp (out->path, "-") == 0 ? g_strdup ("standard output")
                                              : g_strdup_printf ("'%s'", out->path);
          if (o->output)
            g_ptr_array_add (errors, g_error_new (
              GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STRUCTURE,
              "%s %s: %s is also written by %s; give each sink an output of its own",
              where, out->key, what, other));
          else
            g_ptr_array_add (errors, g_error_new (
              GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STRUCTURE,
              "%s %s: %s is also the %s= of %s, which reads it: the output would replace "
              "it; write it elsewhere", where, out->key, what, o->key, other));
          break;
        }
    }
}

void
galley_pipeline_check_run_files (GalleyPipeline *pipeline, const GalleyRunFile *files,
                                 guint n, GPtrArray *errors)
{
  g_autoptr (GArray) paths = path_params (pipeline, TRUE);
  g_autoptr (GPtrArray) resolved = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      PathParam file = { NULL, 0, NULL, TRUE };

      g_ptr_array_add (resolved, NULL);
      if (files[i].path == NULL || *files[i].path == '\0' || strcmp (files[i].path, "-") == 0)
        continue;
      file.path = resolve_path (files[i].path);
      resolved->pdata[i] = file.path;
      for (guint j = 0; j < paths->len; j++)
        {
          const PathParam *o = &g_array_index (paths, PathParam, j);
          g_autofree char *other = NULL;

          if (!same_file (o, &file))
            continue;
          other = stage_label (pipeline->spec, o->stage,
                               spec_param (pipeline->spec, o->stage, o->key));
          g_ptr_array_add (errors, g_error_new (
            GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STRUCTURE,
            "%s: '%s' is also the %s= of %s, which %s it; give it a file of its own",
            files[i].what, file.path, o->key, other,
            o->output ? "writes" : o->kept ? "keeps" : "reads"));
          break;
        }
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (file.path, resolved->pdata[j]) == 0)
          g_ptr_array_add (errors, g_error_new (
            GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STRUCTURE,
            "%s: '%s' is also the %s file; give it a file of its own", files[i].what,
            file.path, files[j].what));
    }
}

static void check_stage_inputs (GalleyPipeline *pipeline, guint index,
                                GalleyProblems *problems);

GalleyPipeline *
galley_pipeline_compile_all (GalleyPipelineSpec *spec, GalleyRegistry *registry,
                             GalleyCompileFlags flags, GalleyProblems *problems)
{
  g_autoptr (GalleyPipeline) pipeline = g_new0 (GalleyPipeline, 1);
  GPtrArray *errors = problems->errors;

  pipeline->spec = spec;
  pipeline->stages = g_ptr_array_new_with_free_func (pipeline_stage_free);
  for (guint i = 0; i < spec->stages->len; i++)
    {
      const GalleySpecStage *s = g_ptr_array_index (spec->stages, i);
      GalleyPipelineStage *stage = g_new0 (GalleyPipelineStage, 1);
      g_autoptr (GError) local = NULL;

      stage->name = g_strdup (s->name);
      g_ptr_array_add (pipeline->stages, stage);
      stage->klass = galley_registry_find (registry, s->plugin, &local);
      if (stage->klass == NULL)
        {
          g_autofree char *where = galley_pipeline_spec_where (spec, i);
          const GalleySpecParam *meant = param_naming_stage (registry, s);

          /* [read] with stage=read-files: "no stage named 'read'" alone
           * sends its author looking for a stage called read */
          if (meant)
            {
              g_clear_error (&local);
              g_set_error (&local, GALLEY_PLUGIN_ERROR, GALLEY_PLUGIN_ERROR_NOT_FOUND,
                           "no stage named '%s': a group without plugin= is the stage "
                           "of its own name; write plugin=%s, not %s=%s", s->plugin,
                           meant->value, meant->key, meant->value);
            }
          add_error (errors, where, local);
          continue;
        }
      {
        const GalleyPluginInfo *info = galley_registry_get_plugin_of (registry, stage->klass);
        stage->abi_minor = info ? info->descriptor->abi_minor : 0;
      }
      if (compile_params (spec, i, stage, errors) && (flags & GALLEY_COMPILE_CHECK_INPUTS))
        check_stage_inputs (pipeline, i, problems);
    }
  /* The order of stages and their outputs mean something only when every
   * stage is known, and each of the file's is there (an error of the
   * parser may have left a stage out). */
  if (errors->len > 0)
    return NULL;
  check_structure (pipeline, errors);
  check_layer_order (pipeline, registry, errors);
  check_paths (pipeline, errors);
  if (errors->len > 0)
    return NULL;
  return g_steal_pointer (&pipeline);
}

GalleyPipeline *
galley_pipeline_compile (GalleyPipelineSpec *spec, GalleyRegistry *registry,
                         GError **error)
{
  g_autoptr (GalleyProblems) problems = galley_problems_new ();
  GalleyPipeline *pipeline = galley_pipeline_compile_all (spec, registry, 0, problems);

  if (pipeline == NULL)
    g_propagate_error (error, g_ptr_array_steal_index (problems->errors, 0));
  return pipeline;
}

/* plain_path_missing: whether @value is a file path (not standard
 * input, not a glob) that does not exist. */
static gboolean
plain_path_missing (const char *value)
{
  return value != NULL && strcmp (value, "-") != 0 && strpbrk (value, "*?[") == NULL
         && !g_file_test (value, G_FILE_TEST_EXISTS);
}

/* check_input: one input path of stage @index; see
 * GALLEY_COMPILE_CHECK_INPUTS. */
static void
check_input (GalleyPipeline *pipeline, guint index, const char *key,
             GalleyProblems *problems)
{
  GalleyPipelineStage *stage = g_ptr_array_index (pipeline->stages, index);
  g_autofree char *value = galley_params_to_string (stage->params, key);
  g_autofree char *where = NULL;

  if (value == NULL || strcmp (value, "-") == 0)
    return;
  where = where_param (pipeline->spec, index, spec_param (pipeline->spec, index, key));
  /* A glob names files that may not exist yet (a spool filled before the
   * run); the readers take the same pattern syntax as the SDK expands. */
  if (strpbrk (value, "*?[") != NULL)
    {
      if (!_galley_input_glob_matches (value))
        g_ptr_array_add (problems->warnings,
                         g_error_new (GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                                      "%s %s: no file matches '%s' yet", where, key, value));
    }
  else if (plain_path_missing (value))
    {
      g_autofree char *meant = galley_similar_file (value);

      g_ptr_array_add (problems->errors,
                       g_error_new (GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                                    "%s %s: '%s' does not exist%s%s%s", where, key, value,
                                    meant ? "; did you mean '" : "", meant ? meant : "",
                                    meant ? "'?" : ""));
    }
}

/* stage_has_param: whether @klass takes parameter @key. */
static gboolean
stage_has_param (const GalleyStageClass *klass, const char *key)
{
  for (const GalleyParamSpec *p = klass->params; p && p->name; p++)
    if (strcmp (p->name, key) == 0)
      return TRUE;
  return FALSE;
}

/* replace_file_path: the path of the file that sink @stage replaces at
 * the end of the run (mode=replace, written in the pipeline or its
 * default; *@mode_written says which), or NULL when it writes none:
 * another mode, or standard output, a device or a FIFO, which the sinks
 * write in place, as a stream and not a file kept. */
static char *
replace_file_path (GalleyPipelineStage *stage, gboolean *mode_written)
{
  g_autofree char *mode = NULL;
  g_autofree char *path = NULL;

  if (stage->klass->kind != GALLEY_STAGE_SINK || !stage_has_param (stage->klass, "mode")
      || !stage_has_param (stage->klass, "path"))
    return NULL;
  mode = galley_params_to_string (stage->params, "mode");
  path = galley_params_to_string (stage->params, "path");
  if (g_strcmp0 (mode, "replace") != 0 || path == NULL || strcmp (path, "-") == 0
      || g_str_has_prefix (path, "/dev/")
      || (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_REGULAR)))
    return NULL;
  *mode_written = galley_params_is_set (stage->params, "mode");
  return g_steal_pointer (&path);
}

gboolean
galley_pipeline_follows (GalleyPipeline *pipeline)
{
  GalleyPipelineStage *source = g_ptr_array_index (pipeline->stages, 0);

  return stage_has_param (source->klass, "follow")
         && galley_params_get_boolean (source->params, "follow");
}

void
galley_pipeline_check_replace_outputs (GalleyPipeline *pipeline, gboolean with_state,
                                       gboolean following, GalleyProblems *problems)
{
  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      gboolean mode_written = FALSE;
      g_autofree char *path = replace_file_path (g_ptr_array_index (pipeline->stages, i),
                                                 &mode_written);
      g_autofree char *where = NULL;

      if (path == NULL)
        continue;
      if (following)
        {
          where = where_param (pipeline->spec, i, spec_param (pipeline->spec, i, "mode"));
          g_ptr_array_add (problems->errors,
                           g_error_new (GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                                        "%s path=%s: a following run ends only when it is "
                                        "stopped, and mode=replace%s publishes the file only "
                                        "at the end: until then nothing would be written, and "
                                        "no document would count as done or leave its queue "
                                        "or spool; set mode=append, or write to standard "
                                        "output (path=-)", where, path,
                                        mode_written ? "" : " (the default)"));
        }
      else if (with_state && !mode_written)
        {
          where = where_param (pipeline->spec, i, NULL);
          g_ptr_array_add (problems->warnings,
                           g_error_new (GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                                        "%s path=%s: with a state, a run writes only its new "
                                        "and changed documents, and mode=replace (the default) "
                                        "replaces the file with them: set mode=append to keep "
                                        "the documents of earlier runs, or mode=replace if "
                                        "that is what you want", where, path));
        }
    }
}

char *
galley_pipeline_source_input_hint (GalleyPipeline *pipeline)
{
  GalleyPipelineStage *source = g_ptr_array_index (pipeline->stages, 0);

  for (const GalleyParamSpec *p = source->klass->params; p && p->name; p++)
    {
      g_autofree char *value = NULL;

      if (!(p->flags & GALLEY_PARAM_INPUT))
        continue;
      value = galley_params_to_string (source->params, p->name);
      if (plain_path_missing (value))
        {
          g_autofree char *meant = galley_similar_file (value);

          if (meant)
            return g_strdup_printf ("did you mean '%s'?", meant);
        }
    }
  return NULL;
}

static void
check_stage_inputs (GalleyPipeline *pipeline, guint index, GalleyProblems *problems)
{
  GalleyPipelineStage *stage = g_ptr_array_index (pipeline->stages, index);

  for (const GalleyParamSpec *p = stage->klass->params; p && p->name; p++)
    if (p->flags & GALLEY_PARAM_INPUT)
      check_input (pipeline, index, p->name, problems);
}
