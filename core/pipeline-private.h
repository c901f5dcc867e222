/* pipeline-private.h: what the pipeline parsers and the compiler share. */
#pragma once

#include "pipeline.h"

G_BEGIN_DECLS

GalleyPipelineSpec *galley_pipeline_spec_new (const char *origin);
GalleySpecStage *galley_spec_stage_new (const char *name, const char *plugin,
                                        int line);
void galley_spec_stage_free (GalleySpecStage *stage);

/* galley_similar_file: a file beside @path, which does not exist, whose
 * name @path's is a likely typo of ("nws.pipeline" for "news.pipeline"),
 * as a path written the way @path is; NULL for none. */
char *galley_similar_file (const char *path);

G_END_DECLS
