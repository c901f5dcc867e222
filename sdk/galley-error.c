/* galley-error.c: the error domains. */
#include "config.h"

#include <galley/galley-error.h>

G_DEFINE_QUARK (galley-plugin-error-quark, galley_plugin_error)
G_DEFINE_QUARK (galley-pipeline-error-quark, galley_pipeline_error)
G_DEFINE_QUARK (galley-stage-error-quark, galley_stage_error)
