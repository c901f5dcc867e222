/* read-files-plugin.c: the module's descriptor. */
#include "config.h"

#include "read-files.h"

static const GalleyStageClass *const stages[] = { &galley_read_files_stage, NULL };

GALLEY_PLUGIN_DEFINE (read_files, "read-files", VERSION, "LGPL-2.1-or-later",
                      "Read text files, directories and glob patterns",
                      stages, NULL);
