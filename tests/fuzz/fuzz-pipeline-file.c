/* fuzz-pipeline-file.c: a pipeline file, loaded and compiled as
 * `galley validate FILE` does (every problem collected, input paths
 * checked), against the plugins of the build tree. */
#include "config.h"

#include "fuzz-pipeline.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  fuzz_pipeline_registry ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_write_scratch (".pipeline", data, size);
  g_autoptr (GalleyProblems) problems = galley_problems_new ();
  GalleyPipelineSpec *spec = galley_pipeline_spec_load_file_all (path, problems->errors);
  GalleyPipeline *pipeline = NULL;

  if (spec)
    pipeline = galley_pipeline_compile_all (spec, fuzz_pipeline_registry (), GALLEY_COMPILE_CHECK_INPUTS,
                                            problems);
  fuzz_check_problems (problems, pipeline);
  g_clear_pointer (&pipeline, galley_pipeline_free);
  return 0;
}
