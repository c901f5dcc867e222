/* galley-input.h: helpers readers share: finding input files, reading
 * them with a size limit, refusing binary data, making text valid UTF-8.
 *
 * Threads: none of these keeps state; call them from any thread. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* galley_input_expand: the files named by @pattern, sorted by name: a file,
 * a directory (its regular files, recursively, skipping names starting with
 * '.' and links to directories), or a glob pattern in any component,
 * matched by fnmatch(3): * ? [abc] [a-c] [!x], a '[' without ']' taken
 * literally, '\\' quoting; no wildcard or class matches a leading '.'.
 * Only files whose name ends with one of @suffixes (NULL-terminated; NULL
 * for any) are taken from directories and globs. "-" gives {"-"}.
 * An existing directory with no matching files, or a glob whose directory
 * part exists and matches nothing, gives an empty array (an empty spool is
 * no input, not an error); a pattern that names nothing else is an error
 * (GALLEY_STAGE_ERROR_IO) naming it.
 * Returns: (transfer full) a NULL-terminated array, g_strfreev() it. */
char **galley_input_expand (const char *pattern, const char *const *suffixes,
                            GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* galley_input_read_file: the whole file @path ("-" for stdin), at most
 * @max_bytes (0: no limit; more is GALLEY_STAGE_ERROR_TOO_LARGE, "PATH:
 * larger than max-bytes=N"). A file that cannot be opened or read is
 * GALLEY_STAGE_ERROR_IO naming it. Returns: (transfer full) the data,
 * NUL-terminated (it may hold other NULs), its length to @len unless NULL. */
char *galley_input_read_file (const char *path, gsize max_bytes, gsize *len,
                              GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* galley_input_looks_binary: TRUE when @data has a NUL byte or mostly
 * control bytes in its first 4 KiB (UTF-16 text counts as binary here:
 * convert it first). */
gboolean galley_input_looks_binary (const char *data, gsize len);

typedef enum {
  GALLEY_UTF8_REPLACE,  /* invalid sequences become U+FFFD */
  GALLEY_UTF8_REJECT,   /* invalid text is an error */
} GalleyUtf8Policy;

/* galley_utf8_make_valid: checks @text (@len bytes). Valid text returns
 * TRUE and leaves *out NULL. Invalid text under REPLACE returns TRUE with
 * *out a repaired copy (caller frees; each invalid byte becomes U+FFFD),
 * its length to @out_len and the number of replacements to @n_replaced
 * (both may be NULL); under REJECT returns FALSE with
 * GALLEY_STAGE_ERROR_INPUT, "WHAT: invalid UTF-8 at byte N", naming @what
 * and the offset of the first bad sequence. NUL bytes count as invalid.
 * @out must not be NULL. */
gboolean galley_utf8_make_valid (const char *text, gsize len,
                                 GalleyUtf8Policy policy, const char *what,
                                 char **out, gsize *out_len,
                                 guint *n_replaced, GError **error);

G_END_DECLS
