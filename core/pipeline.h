/* pipeline.h: a pipeline as the runner sees it, whichever form (a file or
 * inline text) it was written in. Both forms are parsed into the same
 * GalleyPipelineSpec (plain text: names, plugins, key=value pairs, and
 * where each came from), then compiled against the registry into a
 * GalleyPipeline (stage classes and checked parameters). */
#pragma once

#include <galley/galley.h>

#include "registry.h"

G_BEGIN_DECLS

typedef enum {
  GALLEY_ON_ERROR_SKIP,
  GALLEY_ON_ERROR_ABORT,
} GalleyOnError;

/* One key=value of a stage, with where it was written. */
typedef struct {
  char *key;
  char *value;
  int line;  /* 0 when unknown */
} GalleySpecParam;

typedef struct {
  char *name;       /* the group name, or the plugin name for inline stages */
  char *plugin;     /* the stage class to use */
  GArray *params;   /* GalleySpecParam */
  int line;         /* line of the group header (0: unknown) */
  gboolean named_by_group;  /* a file's group without plugin=: its name is the stage's */
} GalleySpecStage;

typedef struct {
  char *origin;       /* the file path, or "-e" for inline text */
  char *description;
  GPtrArray *stages;  /* GalleySpecStage */
  GalleyOnError on_error;
  char *rejects;      /* NULL: none */
  char *lock;         /* NULL: none */
  char *state;        /* NULL: none */
  double document_timeout;  /* seconds (0: none); < 0: not given */
  char *checkpoint;   /* checkpoint=, as written; NULL: none */
  char *forget;       /* forget=, as written; NULL: none */
} GalleyPipelineSpec;

/* galley_parse_checkpoint: a checkpoint interval, "N" (documents: digits
 * only) or a duration with its unit ("30s", "5m", "1h30m"); "0": none.
 * Sets one of *@documents and *@seconds, the other to 0. */
gboolean galley_parse_checkpoint (const char *text, guint64 *documents,
                                  double *seconds);

typedef struct {
  char *name;
  const GalleyStageClass *klass;
  GalleyParams *params;
  guint abi_minor;  /* of the stage's plugin: what slots of klass to read */
} GalleyPipelineStage;

typedef struct {
  GalleyPipelineSpec *spec;
  GPtrArray *stages;  /* GalleyPipelineStage, in order */
} GalleyPipeline;

/* GalleyProblems: what one check of a pipeline found, in the order found.
 * An error makes the pipeline unusable; a warning does not. */
typedef struct {
  GPtrArray *errors;    /* GError */
  GPtrArray *warnings;  /* GError */
} GalleyProblems;

/* galley_problems_new: empty lists. Returns: (transfer full). */
GalleyProblems *galley_problems_new (void);
void galley_problems_free (GalleyProblems *problems);

/* galley_pipeline_follows: whether the source waits for new input
 * forever (follow=true, which --follow sets): the run is a following run
 * whichever of the two said so. */
gboolean galley_pipeline_follows (GalleyPipeline *pipeline);

/* galley_pipeline_check_replace_outputs: what @problems gets for each
 * sink that writes a file in mode=replace (not standard output, a device
 * or a FIFO):
 * - @following: an error. Such a file is published only at the end of
 *   the run, and the documents count as done (the state, a queue's
 *   acknowledgements, a spool's after=) only then, which a following run
 *   reaches only when it is stopped.
 * - else, @with_state and mode=replace only as the default: a warning.
 *   With a state a run processes only new and changed documents, so the
 *   file would lose the earlier runs' documents at every run (and hold
 *   none after a run that found nothing new). A mode= written in the
 *   pipeline says the user wants it. */
void galley_pipeline_check_replace_outputs (GalleyPipeline *pipeline, gboolean with_state,
                                            gboolean following, GalleyProblems *problems);

/* GalleyRunFile: a file of the run itself, not of a stage. */
typedef struct {
  const char *what;  /* "--rejects", "rejects=" */
  const char *path;  /* NULL, "" or "-": none */
} GalleyRunFile;

/* galley_pipeline_source_input_hint: for a run that failed before its
 * source read anything, "did you mean 'FILE'?" when an input path of
 * the source (not a glob) does not exist and a file beside it has a
 * name close to it; NULL otherwise. */
char *galley_pipeline_source_input_hint (GalleyPipeline *pipeline);

/* galley_pipeline_check_run_files: an error in @errors for each of the
 * run's own @n @files that a stage of @pipeline reads or writes (the
 * rejects appended to the input, the state in export-sqlite's database),
 * or that is another of them (the lock in the state). */
void galley_pipeline_check_run_files (GalleyPipeline *pipeline, const GalleyRunFile *files,
                                      guint n, GPtrArray *errors);

void galley_pipeline_spec_free (GalleyPipelineSpec *spec);

/* galley_pipeline_spec_load_file: parses the pipeline file @path,
 * expanding ${VAR} from the environment (and ${PIPELINE_DIR}, the file's
 * directory). Errors: GALLEY_PIPELINE_ERROR naming the file, line, group
 * and key; GALLEY_STAGE_ERROR_IO when the file cannot be read. */
GalleyPipelineSpec *galley_pipeline_spec_load_file (const char *path,
                                                    GError **error);

/* galley_pipeline_spec_load_file_all: as galley_pipeline_spec_load_file(),
 * but goes on after a problem and appends every one to @errors (GError,
 * in the order found): syntax errors (FILE:LINE), a group or key written
 * twice, unknown [pipeline] keys, missing groups, values that do not
 * expand. Returns: (transfer full) (nullable) the stages that could be
 * read, or NULL when the file gives no stage list at all; a spec returned
 * with new errors is incomplete, good only for checking its stages. */
GalleyPipelineSpec *galley_pipeline_spec_load_file_all (const char *path,
                                                        GPtrArray *errors);

/* galley_pipeline_spec_parse_inline: parses "a k=v ! b ! c k='x y'". */
GalleyPipelineSpec *galley_pipeline_spec_parse_inline (const char *text,
                                                       GError **error);

/* galley_expand_vars: @value with ${VAR} and ${VAR:-default} replaced
 * from the environment and @extra (may be NULL). An unset variable with
 * no default is an error (GALLEY_PIPELINE_ERROR_BAD_VALUE). */
char *galley_expand_vars (const char *value, GHashTable *extra, GError **error);

/* galley_pipeline_compile: resolves every stage against @registry, checks
 * and converts its parameters, and validates the structure: exactly one
 * source, first; at least one sink; each required layer produced by an
 * earlier stage. Does not create stage instances. */
GalleyPipeline *galley_pipeline_compile (GalleyPipelineSpec *spec,
                                         GalleyRegistry *registry,
                                         GError **error);

typedef enum {
  /* every input path (GALLEY_PARAM_INPUT), as given or defaulted and after
   * ${VAR} expansion, names something that exists now (relative paths from
   * the working directory; "-" is stdin and always fine). One that does
   * not is an error (BAD_VALUE, "FILE:LINE: [group] key: 'PATH' does not
   * exist"); a glob (* ? [) that matches nothing yet is a warning, as it
   * may match by the time of a run. */
  GALLEY_COMPILE_CHECK_INPUTS = 1 << 0,
} GalleyCompileFlags;

/* galley_pipeline_compile_all: as galley_pipeline_compile(), plus what
 * @flags asks, but goes on after a problem and appends every one to
 * @problems, in order. Each stage and parameter is checked; the structure
 * (order, layers, outputs) only when no error came before, from here or
 * from the parser (which may have left a stage out). An unknown stage or
 * parameter comes with a guess at what was meant ("did you mean 'path'?").
 * Takes @spec whatever the result. Returns: (transfer full) (nullable)
 * the pipeline, NULL when @problems holds an error. */
GalleyPipeline *galley_pipeline_compile_all (GalleyPipelineSpec *spec,
                                             GalleyRegistry *registry,
                                             GalleyCompileFlags flags,
                                             GalleyProblems *problems);

/* galley_pipeline_set_shard: sets `shard=@shard` ("K/N") on the source of
 * @pipeline (galley run --shard). Errors (GALLEY_PIPELINE_ERROR_BAD_VALUE,
 * "--shard: ..."): @shard is not K/N, or the source has no shard
 * parameter (naming it). */
gboolean galley_pipeline_set_shard (GalleyPipeline *pipeline, const char *shard,
                                    GError **error);

/* galley_pipeline_free: frees @pipeline and its spec. */
void galley_pipeline_free (GalleyPipeline *pipeline);

/* galley_pipeline_stage_where: "FILE:LINE: [group]" or "-e: stage N (name)"
 * for messages about stage @index. */
char *galley_pipeline_spec_where (const GalleyPipelineSpec *spec, guint index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyProblems, galley_problems_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyPipelineSpec, galley_pipeline_spec_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyPipeline, galley_pipeline_free)

G_END_DECLS
