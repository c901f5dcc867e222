/* galley-private.h: what the SDK's own files share and plugins do not see. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

GalleyLayer *galley_layer_new (const char *name);
void galley_layer_free (GalleyLayer *layer);

G_END_DECLS
