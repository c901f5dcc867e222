/* keyword-tagger-plugin.c: the module's descriptor, and nothing else.
 *
 * galley opens keyword-tagger.so (or .la) and looks up the symbol
 * galley_plugin_keyword_tagger: "galley_plugin_" + the file name with
 * '-' written as '_'. The descriptor's name must equal the file name.
 * The macro stamps the SDK's ABI version into the descriptor.
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

/* The arguments: the symbol (the file name, '_' for '-'), the name (the
 * file name), the version, your plugin's licence (SPDX), a one-line
 * description, the stages, and an init function (none here). */
GALLEY_PLUGIN_DEFINE (keyword_tagger, "keyword-tagger", PACKAGE_VERSION,
                      "LGPL-2.1-or-later",
                      "A Galley plugin with one stage, keyword-tagger",
                      stages, NULL);
