/* read-html-plugin.c: the module descriptor of read-html. */
#include "config.h"

#include "read-html.h"

static const GalleyStageClass *const stages[] = { &galley_read_html_stage, NULL };

GALLEY_PLUGIN_DEFINE (read_html, "read-html", VERSION, "LGPL-2.1-or-later",
                      "Reads saved web pages, one document per article",
                      stages, NULL);
