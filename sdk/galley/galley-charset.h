/**
 * SECTION:galley-charset
 * @title: Character encodings
 * @short_description: legacy character encodings to UTF-8, for readers of
 *   HTML, XML and other formats that name (or fail to name) their encoding
 *
 * Encoding labels are resolved as the WHATWG Encoding Standard says
 * (https://encoding.spec.whatwg.org/#names-and-labels), the rules every
 * browser follows: "latin1", "iso-8859-1" and "ascii" all mean
 * windows-1252, the ISO-2022-KR family means the "replacement" encoding,
 * and a label the standard does not list (utf-7, utf-32, IBM037) is no
 * encoding at all. Encodings are named by the standard's names
 * ("windows-1252", "Shift_JIS", "EUC-KR", "UTF-8", ...).
 *
 * Threads: nothing here keeps state; call from any thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GalleyCharsetSource:
 * @GALLEY_CHARSET_FROM_BOM: a byte order mark.
 * @GALLEY_CHARSET_DECLARED: the label the document declares.
 * @GALLEY_CHARSET_OVERRIDDEN: the document declares a legacy encoding, but
 *   its bytes are valid UTF-8 with non-ASCII characters: read as UTF-8
 *   (pages re-encoded by the browser or crawler that saved them keep
 *   their old declaration; legacy text that happens to be valid UTF-8 is
 *   vanishingly rare).
 * @GALLEY_CHARSET_UTF8: nothing declared (or a label the standard does not
 *   know), and the bytes are valid UTF-8.
 * @GALLEY_CHARSET_DETECTED: nothing declared, not UTF-8: uchardet's guess.
 * @GALLEY_CHARSET_FALLBACK: nothing declared, not UTF-8, and uchardet was
 *   unsure: windows-1252.
 *
 * How galley_charset_choose() decided.
 */
typedef enum {
  GALLEY_CHARSET_FROM_BOM,
  GALLEY_CHARSET_DECLARED,
  GALLEY_CHARSET_OVERRIDDEN,
  GALLEY_CHARSET_UTF8,
  GALLEY_CHARSET_DETECTED,
  GALLEY_CHARSET_FALLBACK,
} GalleyCharsetSource;

/**
 * GalleyCharsetFlags:
 * @GALLEY_CHARSET_HTML_META: the label comes from an HTML <meta>: the
 *   HTML standard's prescan then reads x-user-defined as windows-1252.
 *
 * Where a declared label was found.
 */
typedef enum {
  GALLEY_CHARSET_HTML_META = 1 << 0,
} GalleyCharsetFlags;

/**
 * galley_charset_for_label:
 * @label: an encoding label as a document gives it ("ISO-8859-1 ", "sjis").
 *
 * Resolves @label as the Encoding Standard's "get an encoding" does:
 * leading and trailing ASCII white space removed, then matched without
 * regard to ASCII case against the standard's table of labels.
 *
 * Returns: (nullable): the encoding's name, a static string, or NULL when
 * the standard lists no such label.
 */
const char *galley_charset_for_label (const char *label);

/**
 * galley_charset_choose:
 * @data: the document's bytes.
 * @len: their length.
 * @label: (nullable): the encoding label the document declares (a <meta>
 *   charset, an XML declaration), or NULL.
 * @flags: where @label was found.
 * @bom_len: (out): the length of the byte order mark, 0 when there is none.
 * @source: (out) (optional): how the encoding was decided.
 *
 * Decides which encoding to read @data with: a byte order mark (UTF-8,
 * UTF-16LE, UTF-16BE); else @label resolved as by
 * galley_charset_for_label() (a UTF-16 label means UTF-8, since a
 * declaration readable as ASCII is not UTF-16; an unknown label counts as
 * none), read as UTF-8 instead when it names a legacy encoding and the
 * bytes are valid UTF-8 with non-ASCII characters; else UTF-8 when the
 * bytes are valid UTF-8; else the encoding uchardet detects, or
 * windows-1252 when it is unsure (no answer, an answer that cannot be
 * right, or a single-byte encoding on fewer than 32 non-ASCII bytes).
 *
 * Returns: the encoding's name, a static string.
 */
const char *galley_charset_choose (const char *data, gsize len, const char *label,
                                   GalleyCharsetFlags flags, gsize *bom_len,
                                   GalleyCharsetSource *source);

/**
 * galley_charset_decode:
 * @data: bytes in @encoding (without their byte order mark).
 * @len: their length.
 * @encoding: an encoding name as galley_charset_for_label() returns it.
 * @what: the file or document, for the error message.
 * @out_len: (out) (optional): the length of the result.
 * @n_replaced: (out) (optional): how many U+FFFD replacement characters
 *   the decoding put in.
 * @error: a #GError, or NULL.
 *
 * Converts @data to UTF-8. Each byte sequence that is not valid in
 * @encoding becomes U+FFFD and decoding goes on after it, so one bad byte
 * never costs the rest of the text. The "replacement" encoding decodes
 * any non-empty input to a single U+FFFD, as the standard says.
 *
 * Returns: (transfer full) (nullable): the text, NUL-terminated, or NULL
 * with GALLEY_STAGE_ERROR_INPUT ("WHAT: cannot decode ENCODING: ...")
 * when the system has no converter for @encoding.
 */
char *galley_charset_decode (const char *data, gsize len, const char *encoding,
                             const char *what, gsize *out_len, guint *n_replaced,
                             GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
