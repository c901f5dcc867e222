/* read-html.h: the read-html stage (saved article pages). */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_read_html_stage;

G_END_DECLS
