/* keyword-tagger-plugin.c: the module's descriptor, and nothing else.
 *
 * galley opens keyword-tagger.so (or .la) and looks up the symbol
 * galley_plugin_keyword_tagger: "galley_plugin_" + the file name with
 * '-' written as '_'. The descriptor's name must equal the file name.
 * GALLEY_PLUGIN_DEFINE stamps the SDK's ABI version into it.
 */
#include <galley/galley.h>

#include "keyword-tagger.h"

/* configure passes PACKAGE_VERSION; a plain `cc` build gets this one. */
#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.1.0"
#endif

static const GalleyStageClass *const stages[] = {
  &galley_keyword_tagger_stage,
  NULL
};

GALLEY_PLUGIN_DEFINE (keyword_tagger,          /* symbol: file name, '_' for '-' */
                      "keyword-tagger",        /* the module's file name */
                      PACKAGE_VERSION,
                      "LGPL-2.1-or-later",     /* your plugin's licence (SPDX) */
                      "A Galley plugin with one stage, keyword-tagger",
                      stages,
                      NULL);                   /* no init function */
