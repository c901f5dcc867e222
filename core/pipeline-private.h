/* pipeline-private.h: constructors the two pipeline parsers share. */
#pragma once

#include "pipeline.h"

G_BEGIN_DECLS

GalleyPipelineSpec *galley_pipeline_spec_new (const char *origin);
GalleySpecStage *galley_spec_stage_new (const char *name, const char *plugin,
                                        int line);
void galley_spec_stage_free (GalleySpecStage *stage);

G_END_DECLS
