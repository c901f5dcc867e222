/* galley-input-private.h: what the core's pipeline checks need of input
 * expansion.
 *
 * PRIVATE, like galley-chain-private.h: not installed, not SDK API; the
 * leading underscore keeps it out of the public export list. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* _galley_input_glob_matches: whether the glob @pattern matches at least
 * one file, as galley_input_expand() would expand it; stops at the first.
 * `galley validate` only asks that, and a pattern of six levels of
 * "/" and "*" made it list a whole file system first (over 30 s). */
gboolean _galley_input_glob_matches (const char *pattern);

G_END_DECLS
