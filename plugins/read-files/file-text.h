/* file-text.h: a text file's bytes as UTF-8, whatever they were written in */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

/* the encoding= value that decides from the bytes */
#define FILE_TEXT_AUTO "auto"

gboolean file_text_decode (char **text, gsize *len, const char *encoding,
                           GalleyUtf8Policy policy, gsize max_bytes, const char *name,
                           const char **decoded_from, guint *n_replaced, GError **error);

G_END_DECLS
