/* fuzz-pipeline.h: what the two pipeline targets share: the registry of
 * the build tree's plugins, and the checks on what validation reports. */
#pragma once

#include "fuzz-common.h"
#include "core/pipeline.h"

/* fuzz_pipeline_registry: the plugins under TOP_BUILDDIR/plugins, loaded
 * once; aborts when there are none (build the plugins first). */
GalleyRegistry *fuzz_pipeline_registry (void);

/* fuzz_check_problems: what validation found: every message valid UTF-8
 * and non-empty; an error exactly when there is no @pipeline. */
void fuzz_check_problems (GalleyProblems *problems, GalleyPipeline *pipeline);
