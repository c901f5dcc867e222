/* feed-charset.h: a feed file's bytes, whatever their encoding, as UTF-8. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* feed_charset_decode: @data (@len bytes, the contents of @path) decoded
 * to UTF-8 for libxml2, which is then told to ignore the XML declaration's
 * encoding. The encoding is, in order: a byte order mark; the XML
 * declaration's encoding="..." resolved as the WHATWG Encoding Standard
 * resolves labels (an unknown label counts as none; a UTF-16 label on
 * bytes that are not UTF-16 means UTF-8; a legacy label on bytes that are
 * valid multi-byte UTF-8 is overridden by UTF-8; UTF-8 declared on bytes
 * that are not is read as windows-1252); else UTF-8 when valid, else what
 * uchardet detects, else windows-1252. Each byte sequence invalid in the
 * encoding becomes U+FFFD, counted in @n_replaced. @note gets a sentence
 * saying what was corrected or replaced, or NULL (transfer full).
 * A file in the "replacement" encoding (ISO-2022-KR, HZ-GB-2312, ...)
 * holds no feed: GALLEY_STAGE_ERROR_INPUT naming @path and the label.
 * Returns: (transfer full) the text, its length in @out_len, or NULL. */
char *feed_charset_decode (const char *path, const char *data, gsize len,
                           gsize *out_len, guint *n_replaced, char **note,
                           GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* feed_charset_count_replacements: the number of U+FFFD in @s (NULL
 * counts none): how many of a file's repairs landed in one item. */
guint feed_charset_count_replacements (const char *s);

G_END_DECLS
