/* html-charset.h: the character encoding of a saved web page. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

/* html_charset_detect: the encoding to decode @data (@len bytes) with,
 * as galley_charset_choose() names it ("UTF-8", "windows-1252",
 * "Shift_JIS", ...): a byte order mark; else the first <meta charset=...>
 * or <meta http-equiv="Content-Type" content="...; charset=..."> in the
 * first 16 KiB whose label the WHATWG Encoding Standard knows, under the
 * HTML rules for <meta> (a UTF-16 label means UTF-8, x-user-defined
 * means windows-1252); else UTF-8 for valid UTF-8, else what uchardet
 * detects, else windows-1252. A declared legacy charset is overridden
 * by UTF-8 when the bytes are valid UTF-8 with non-ASCII sequences
 * (pages saved by a browser or a crawler are often re-encoded to UTF-8
 * with the original <meta> kept). @bom_len gets the length of the byte
 * order mark (0 when none); @source how the encoding was found (may be
 * NULL). Returns: a static string. */
const char *html_charset_detect (const char *data, gsize len, gsize *bom_len,
                                 GalleyCharsetSource *source);

/* html_charset_from_meta: the charset named by the first <meta> tag in
 * the first @len bytes of @data whose label the Encoding Standard knows,
 * lowercased, or NULL. (transfer full) */
char *html_charset_from_meta (const char *data, gsize len) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
