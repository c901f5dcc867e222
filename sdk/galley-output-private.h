/* galley-output-private.h: the name of an output's temporary file, shared
 * by the SDK (which removes stale ones when an output opens) and the core
 * (which removes a failed run's own after it ends).
 *
 * PRIVATE, like galley-chain-private.h: not installed, not SDK API; the
 * leading underscore keeps it out of the public export list. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* _galley_output_is_temporary_name: whether the file name @name is
 * ".BASE." followed by the six letters or digits g_mkstemp puts in place
 * of XXXXXX, and nothing else, for the output file name @base. */
gboolean _galley_output_is_temporary_name (const char *name, const char *base);

/* _galley_output_lock_directory: the directory of the file @path, opened
 * and flock'ed as an append's commit does (galley-output.c), or -1 where
 * it cannot be; closing the descriptor unlocks. For GalleyMerge, whose
 * rewrite must not interleave with another run's append. */
int _galley_output_lock_directory (const char *path);

/* _galley_output_make_dated_directories: the directories of @path
 * (@pattern expanded) that its strftime patterns name, made where missing,
 * below the part before the first pattern (which must exist). For the
 * stages' output paths (galley-chain.c) and the runner's rejects file. */
void _galley_output_make_dated_directories (const char *pattern, const char *path);

G_END_DECLS
