/* pipeline-shard.c: `galley run --shard K/N`, which hands the shard to
 * the pipeline's source through its `shard` parameter
 * (GALLEY_SHARD_PARAM). The option is the command line's, the sharding
 * the source's: only it knows each document's id or path before reading
 * it whole. */
#include "config.h"

#include "pipeline.h"

gboolean
galley_pipeline_set_shard (GalleyPipeline *pipeline, const char *shard, GError **error)
{
  GalleyPipelineStage *source = g_ptr_array_index (pipeline->stages, 0);
  g_autofree char *where = galley_pipeline_spec_where (pipeline->spec, 0);
  GalleyShard parsed;

  if (!galley_shard_parse (shard, &parsed, error))
    {
      g_prefix_error (error, "--shard: ");
      return FALSE;
    }
  if (galley_param_spec_find (source->klass->params, "shard") == NULL)
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "--shard: %s: %s has no shard parameter (the file and JSON "
                   "Lines sources have it: read-files, read-jsonl, read-html, "
                   "read-feed; a stream source shares its entries through its "
                   "consumer group)",
                   where, source->klass->name);
      return FALSE;
    }
  /* the command line's shard wins over shard= in the file, as its other
   * options do over [pipeline] keys */
  return galley_params_set (source->params, "shard", shard, error);
}
