/* html-charset.h: the character encoding of a saved web page. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  HTML_CHARSET_FROM_BOM,
  HTML_CHARSET_FROM_META,      /* <meta charset> or http-equiv content-type */
  HTML_CHARSET_FROM_CONTENT,   /* no usable declaration: guessed from the bytes */
  HTML_CHARSET_OVERRIDDEN,     /* declared one thing, the bytes are UTF-8 */
} HtmlCharsetSource;

/* html_charset_detect: the encoding to decode @data (@len bytes) with, as
 * a name libxml2 knows ("UTF-8", "windows-1252", "Shift_JIS", ...), in this
 * order: a byte order mark; a <meta charset=...> or <meta
 * http-equiv="Content-Type" content="...; charset=..."> in the first
 * 16 KiB (labels mapped as the WHATWG Encoding standard maps them, so
 * "iso-8859-1" and "us-ascii" are windows-1252); else UTF-8 when the bytes
 * are valid UTF-8, windows-1252 when not. A declared single- or multi-byte
 * legacy charset is overridden by UTF-8 when the bytes are valid UTF-8
 * with non-ASCII sequences: pages saved by a browser or a crawler are
 * often re-encoded to UTF-8 with the original <meta> kept, and legacy
 * text that happens to be valid UTF-8 is vanishingly rare. @bom_len gets
 * the length of the byte order mark (0 when none); @source how the
 * encoding was found (may be NULL). Returns: a static string. */
const char *html_charset_detect (const char *data, gsize len, gsize *bom_len,
                                 HtmlCharsetSource *source);

/* html_charset_from_meta: the charset named by the <meta> tags in the
 * first @len bytes of @data, lowercased, or NULL. (transfer full) */
char *html_charset_from_meta (const char *data, gsize len) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
