/* read-files.h: the read-files stage class, for tests. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_read_files_stage;

/* read_files_pattern_base: the directory ids are relative to for
 * @pattern: the pattern itself when it names a directory, the directories
 * before the first wildcard for a glob ("" when the glob starts with one),
 * or the file's directory for a single file. Trailing slashes are dropped.
 * Returns: (transfer full). */
char *read_files_pattern_base (const char *pattern) G_GNUC_WARN_UNUSED_RESULT;

/* read_files_make_id: @path relative to @base when it lies under it, else
 * @path itself. Returns: (transfer full). */
char *read_files_make_id (const char *base, const char *path) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
