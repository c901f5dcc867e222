/* suggest.h: "did you mean ...?" for a mistyped name. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* galley_edit_distance: the number of single-byte insertions, deletions,
 * substitutions and swaps of two neighbours that turn @a into @b (the
 * optimal string alignment distance). */
guint galley_edit_distance (const char *a, const char *b);

/* galley_suggest: the name among @candidates (NULL-terminated) closest to
 * @word, when it is close enough to be what was meant (at most 2 edits,
 * and at most half the length of @word); NULL otherwise. The first of
 * equally close candidates wins. Returns: (transfer none) one of @candidates. */
const char *galley_suggest (const char *word, const char *const *candidates);

G_END_DECLS
