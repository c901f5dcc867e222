/* fuzz-pipeline-inline.c: an inline pipeline ("a k=v ! b ! c k='x y'"),
 * parsed and compiled as `galley validate -e TEXT` does, against the
 * plugins of the build tree. */
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
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GalleyProblems) problems = galley_problems_new ();
  GError *error = NULL;
  GalleyPipelineSpec *spec = galley_pipeline_spec_parse_inline (text, &error);
  GalleyPipeline *pipeline = NULL;

  if (spec)
    pipeline = galley_pipeline_compile_all (spec, fuzz_pipeline_registry (), GALLEY_COMPILE_CHECK_INPUTS,
                                            problems);
  else
    g_ptr_array_add (problems->errors, error);
  fuzz_check_problems (problems, pipeline);
  g_clear_pointer (&pipeline, galley_pipeline_free);
  return 0;
}
