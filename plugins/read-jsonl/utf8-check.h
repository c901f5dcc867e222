/* utf8-check.h: a fast UTF-8 check for read-jsonl's hot path. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* utf8_check: whether @s (@len bytes) is valid UTF-8 without NUL bytes:
 * the same answer as g_utf8_validate_len (@s, @len, NULL). */
gboolean utf8_check (const char *s, gsize len);

G_END_DECLS
