/* galley-private.h: what the SDK's own files share and plugins do not see. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

/* G_GNUC_INTERNAL: shared between the SDK's files, never exported (the
 * export list is checked by tests/sdk/exports.sh). */
G_GNUC_INTERNAL GalleyLayer *galley_layer_new (const char *name);
G_GNUC_INTERNAL void galley_layer_free (GalleyLayer *layer);

/* galley_utf8_validate: g_utf8_validate_len, faster on mostly-ASCII text;
 * NUL bytes are invalid. */
G_GNUC_INTERNAL gboolean galley_utf8_validate (const char *text, gsize len, const char **end);

G_END_DECLS
