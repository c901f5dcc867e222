/**
 * SECTION:galley-input
 * @title: Input
 * @short_description: helpers readers share: finding input files, reading
 *   them with a size limit, refusing binary data, making text valid UTF-8
 *
 * Threads: none of these keeps state; call them from any thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * galley_input_expand:
 * @pattern: a file, a directory or a glob pattern
 * @suffixes: (nullable) (array zero-terminated=1): the name endings taken
 *   from directories and globs (NULL-terminated; NULL for any)
 * @error: return location for a #GError, or NULL
 *
 * The files named by @pattern, sorted by name: a file, a directory (its
 * regular files, recursively, skipping names starting with '.' and links
 * to directories), or a glob pattern in any component, matched by
 * fnmatch(3): `* ? [abc] [a-c] [!x]`, a '[' without ']' taken literally,
 * '\\' quoting; no wildcard or class matches a leading '.'. Only files
 * whose name ends with one of @suffixes are taken from directories and
 * globs. "-" gives {"-"}. An existing directory with no matching files, or
 * a glob whose directory part exists and matches nothing, gives an empty
 * array (an empty spool is no input, not an error).
 *
 * Returns: (transfer full) (nullable) (array zero-terminated=1): a
 *   NULL-terminated array, g_strfreev() it; NULL with
 *   %GALLEY_STAGE_ERROR_IO naming @pattern when it names nothing else.
 */
char **galley_input_expand (const char *pattern, const char *const *suffixes,
                            GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_input_read_file:
 * @path: the file ("-" for stdin)
 * @max_bytes: the most to read (0: no limit)
 * @len: (out) (optional): the data's length
 * @error: return location for a #GError, or NULL
 *
 * Reads the whole file @path.
 *
 * Returns: (transfer full) (nullable): the data, NUL-terminated (it may
 *   hold other NULs); NULL with %GALLEY_STAGE_ERROR_TOO_LARGE ("PATH:
 *   larger than max-bytes=N") for a larger file, %GALLEY_STAGE_ERROR_IO
 *   naming it for a file that cannot be opened or read.
 */
char *galley_input_read_file (const char *path, gsize max_bytes, gsize *len,
                              GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_input_looks_binary:
 * @data: the bytes
 * @len: their length
 *
 * Asks whether @data is binary (UTF-16 text counts as binary here:
 * convert it first).
 *
 * Returns: TRUE when @data has a NUL byte or mostly control bytes in its
 *   first 4 KiB.
 */
gboolean galley_input_looks_binary (const char *data, gsize len);

/**
 * GalleyUtf8Policy:
 * @GALLEY_UTF8_REPLACE: invalid sequences become U+FFFD
 * @GALLEY_UTF8_REJECT: invalid text is an error
 * @GALLEY_UTF8_WINDOWS_1252: each byte that is not part of a valid UTF-8
 *   sequence is read as windows-1252 (so Latin-1 text that was never
 *   converted keeps its letters: "Z\xFCrich" is "Zürich"); the five bytes
 *   windows-1252 leaves undefined, and NUL, become U+FFFD. Since ABI 1.8.
 *
 * What galley_utf8_make_valid() does with invalid text.
 */
typedef enum {
  GALLEY_UTF8_REPLACE,
  GALLEY_UTF8_REJECT,
  GALLEY_UTF8_WINDOWS_1252,
} GalleyUtf8Policy;

/**
 * galley_utf8_make_valid:
 * @text: the text
 * @len: its length in bytes
 * @policy: what to do with invalid text
 * @what: the file or document, for the error message
 * @out: (out) (transfer full) (nullable): the repaired copy, or NULL;
 *   must not be NULL itself
 * @out_len: (out) (optional): the copy's length
 * @n_replaced: (out) (optional): the number of replacements
 * @error: return location for a #GError, or NULL
 *
 * Checks @text. Valid text returns TRUE and leaves *@out NULL. Invalid
 * text under REPLACE returns TRUE with *@out a repaired copy (caller
 * frees; each invalid byte becomes U+FFFD); under WINDOWS_1252 the same,
 * but each invalid byte becomes its windows-1252 character where it has
 * one. NUL bytes count as invalid. *@n_replaced counts the invalid bytes,
 * whatever they became.
 *
 * Returns: TRUE, or under REJECT FALSE with %GALLEY_STAGE_ERROR_INPUT,
 *   "WHAT: invalid UTF-8 at byte N", naming @what and the offset of the
 *   first bad sequence.
 */
gboolean galley_utf8_make_valid (const char *text, gsize len,
                                 GalleyUtf8Policy policy, const char *what,
                                 char **out, gsize *out_len,
                                 guint *n_replaced, GError **error);

G_END_DECLS
