/* galley-charset.c: encoding labels, the choice of an encoding, and the
 * decoding to UTF-8 with replacement characters.
 *
 * Why readers decode before their parser does: libxml2 converts through
 * iconv and stops at the first byte iconv rejects ("input conversion
 * failed"), so one bad byte in a Shift_JIS page silently cut the page,
 * and in a feed every later item. Decoding here, a bad sequence costs one
 * U+FFFD and is counted; the parser then only ever sees UTF-8.
 *
 * Labels are data: the Encoding Standard's table, sorted, searched with
 * bsearch(). Conversions go through GLib's iconv (glibc's converters,
 * named in the encoding table), except windows-1252, the fallback of
 * the web, and x-user-defined, which are small enough to write out. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <uchardet/uchardet.h>

#include "galley/galley-charset.h"
#include "galley/galley-error.h"
#include "galley/galley-input.h"

#include "galley-private.h"

/* The encodings of the standard, with the glibc converter for each where
 * the standard's decoder is a superset of the encoding its name suggests
 * (its Shift_JIS is windows-31j, its EUC-KR windows-949, its GBK the
 * gb18030 decoder, its Big5 Big5-HKSCS). */
typedef struct {
  const char *name;
  const char *iconv_name;
} Encoding;

enum {
  E_UTF_8, E_IBM866, E_ISO_8859_2, E_ISO_8859_3, E_ISO_8859_4, E_ISO_8859_5,
  E_ISO_8859_6, E_ISO_8859_7, E_ISO_8859_8, E_ISO_8859_8_I, E_ISO_8859_10,
  E_ISO_8859_13, E_ISO_8859_14, E_ISO_8859_15, E_ISO_8859_16, E_KOI8_R,
  E_KOI8_U, E_MACINTOSH, E_WINDOWS_874, E_WINDOWS_1250, E_WINDOWS_1251,
  E_WINDOWS_1252, E_WINDOWS_1253, E_WINDOWS_1254, E_WINDOWS_1255,
  E_WINDOWS_1256, E_WINDOWS_1257, E_WINDOWS_1258, E_X_MAC_CYRILLIC, E_GBK,
  E_GB18030, E_BIG5, E_EUC_JP, E_ISO_2022_JP, E_SHIFT_JIS, E_EUC_KR,
  E_REPLACEMENT, E_UTF_16BE, E_UTF_16LE, E_X_USER_DEFINED,
};

static const Encoding encodings[] = {
  [E_UTF_8] = { "UTF-8", "UTF-8" },
  [E_IBM866] = { "IBM866", "IBM866" },
  [E_ISO_8859_2] = { "ISO-8859-2", "ISO-8859-2" },
  [E_ISO_8859_3] = { "ISO-8859-3", "ISO-8859-3" },
  [E_ISO_8859_4] = { "ISO-8859-4", "ISO-8859-4" },
  [E_ISO_8859_5] = { "ISO-8859-5", "ISO-8859-5" },
  [E_ISO_8859_6] = { "ISO-8859-6", "ISO-8859-6" },
  [E_ISO_8859_7] = { "ISO-8859-7", "ISO-8859-7" },
  [E_ISO_8859_8] = { "ISO-8859-8", "ISO-8859-8" },
  [E_ISO_8859_8_I] = { "ISO-8859-8-I", "ISO-8859-8" },
  [E_ISO_8859_10] = { "ISO-8859-10", "ISO-8859-10" },
  [E_ISO_8859_13] = { "ISO-8859-13", "ISO-8859-13" },
  [E_ISO_8859_14] = { "ISO-8859-14", "ISO-8859-14" },
  [E_ISO_8859_15] = { "ISO-8859-15", "ISO-8859-15" },
  [E_ISO_8859_16] = { "ISO-8859-16", "ISO-8859-16" },
  [E_KOI8_R] = { "KOI8-R", "KOI8-R" },
  [E_KOI8_U] = { "KOI8-U", "KOI8-U" },
  [E_MACINTOSH] = { "macintosh", "MACINTOSH" },
  [E_WINDOWS_874] = { "windows-874", "CP874" },
  [E_WINDOWS_1250] = { "windows-1250", "CP1250" },
  [E_WINDOWS_1251] = { "windows-1251", "CP1251" },
  [E_WINDOWS_1252] = { "windows-1252", NULL },  /* decode_windows_1252 */
  [E_WINDOWS_1253] = { "windows-1253", "CP1253" },
  [E_WINDOWS_1254] = { "windows-1254", "CP1254" },
  [E_WINDOWS_1255] = { "windows-1255", "CP1255" },
  [E_WINDOWS_1256] = { "windows-1256", "CP1256" },
  [E_WINDOWS_1257] = { "windows-1257", "CP1257" },
  [E_WINDOWS_1258] = { "windows-1258", "CP1258" },
  [E_X_MAC_CYRILLIC] = { "x-mac-cyrillic", "MAC-CYRILLIC" },
  [E_GBK] = { "GBK", "GB18030" },
  [E_GB18030] = { "gb18030", "GB18030" },
  [E_BIG5] = { "Big5", "BIG5-HKSCS" },
  [E_EUC_JP] = { "EUC-JP", "EUC-JP" },
  [E_ISO_2022_JP] = { "ISO-2022-JP", "ISO-2022-JP" },
  [E_SHIFT_JIS] = { "Shift_JIS", "CP932" },
  [E_EUC_KR] = { "EUC-KR", "CP949" },
  [E_REPLACEMENT] = { "replacement", NULL },
  [E_UTF_16BE] = { "UTF-16BE", "UTF-16BE" },
  [E_UTF_16LE] = { "UTF-16LE", "UTF-16LE" },
  [E_X_USER_DEFINED] = { "x-user-defined", NULL },
};

typedef struct {
  const char *label;
  guint8 encoding;
} Label;

/* The Encoding Standard's labels, sorted by strcmp() for bsearch(). Every
 * label the standard lists, and only those (tests/sdk/test-charset.c
 * checks a sample of each encoding's, and that the table is sorted). */
static const Label labels[] = {
  { "866", E_IBM866 },
  { "ansi_x3.4-1968", E_WINDOWS_1252 },
  { "arabic", E_ISO_8859_6 },
  { "ascii", E_WINDOWS_1252 },
  { "asmo-708", E_ISO_8859_6 },
  { "big5", E_BIG5 },
  { "big5-hkscs", E_BIG5 },
  { "chinese", E_GBK },
  { "cn-big5", E_BIG5 },
  { "cp1250", E_WINDOWS_1250 },
  { "cp1251", E_WINDOWS_1251 },
  { "cp1252", E_WINDOWS_1252 },
  { "cp1253", E_WINDOWS_1253 },
  { "cp1254", E_WINDOWS_1254 },
  { "cp1255", E_WINDOWS_1255 },
  { "cp1256", E_WINDOWS_1256 },
  { "cp1257", E_WINDOWS_1257 },
  { "cp1258", E_WINDOWS_1258 },
  { "cp819", E_WINDOWS_1252 },
  { "cp866", E_IBM866 },
  { "csbig5", E_BIG5 },
  { "cseuckr", E_EUC_KR },
  { "cseucpkdfmtjapanese", E_EUC_JP },
  { "csgb2312", E_GBK },
  { "csibm866", E_IBM866 },
  { "csiso2022jp", E_ISO_2022_JP },
  { "csiso2022kr", E_REPLACEMENT },
  { "csiso58gb231280", E_GBK },
  { "csiso88596e", E_ISO_8859_6 },
  { "csiso88596i", E_ISO_8859_6 },
  { "csiso88598e", E_ISO_8859_8 },
  { "csiso88598i", E_ISO_8859_8_I },
  { "csisolatin1", E_WINDOWS_1252 },
  { "csisolatin2", E_ISO_8859_2 },
  { "csisolatin3", E_ISO_8859_3 },
  { "csisolatin4", E_ISO_8859_4 },
  { "csisolatin5", E_WINDOWS_1254 },
  { "csisolatin6", E_ISO_8859_10 },
  { "csisolatin9", E_ISO_8859_15 },
  { "csisolatinarabic", E_ISO_8859_6 },
  { "csisolatincyrillic", E_ISO_8859_5 },
  { "csisolatingreek", E_ISO_8859_7 },
  { "csisolatinhebrew", E_ISO_8859_8 },
  { "cskoi8r", E_KOI8_R },
  { "csksc56011987", E_EUC_KR },
  { "csmacintosh", E_MACINTOSH },
  { "csshiftjis", E_SHIFT_JIS },
  { "csunicode", E_UTF_16LE },
  { "cyrillic", E_ISO_8859_5 },
  { "dos-874", E_WINDOWS_874 },
  { "ecma-114", E_ISO_8859_6 },
  { "ecma-118", E_ISO_8859_7 },
  { "elot_928", E_ISO_8859_7 },
  { "euc-jp", E_EUC_JP },
  { "euc-kr", E_EUC_KR },
  { "gb18030", E_GB18030 },
  { "gb2312", E_GBK },
  { "gb_2312", E_GBK },
  { "gb_2312-80", E_GBK },
  { "gbk", E_GBK },
  { "greek", E_ISO_8859_7 },
  { "greek8", E_ISO_8859_7 },
  { "hebrew", E_ISO_8859_8 },
  { "hz-gb-2312", E_REPLACEMENT },
  { "ibm819", E_WINDOWS_1252 },
  { "ibm866", E_IBM866 },
  { "iso-10646-ucs-2", E_UTF_16LE },
  { "iso-2022-cn", E_REPLACEMENT },
  { "iso-2022-cn-ext", E_REPLACEMENT },
  { "iso-2022-jp", E_ISO_2022_JP },
  { "iso-2022-kr", E_REPLACEMENT },
  { "iso-8859-1", E_WINDOWS_1252 },
  { "iso-8859-10", E_ISO_8859_10 },
  { "iso-8859-11", E_WINDOWS_874 },
  { "iso-8859-13", E_ISO_8859_13 },
  { "iso-8859-14", E_ISO_8859_14 },
  { "iso-8859-15", E_ISO_8859_15 },
  { "iso-8859-16", E_ISO_8859_16 },
  { "iso-8859-2", E_ISO_8859_2 },
  { "iso-8859-3", E_ISO_8859_3 },
  { "iso-8859-4", E_ISO_8859_4 },
  { "iso-8859-5", E_ISO_8859_5 },
  { "iso-8859-6", E_ISO_8859_6 },
  { "iso-8859-6-e", E_ISO_8859_6 },
  { "iso-8859-6-i", E_ISO_8859_6 },
  { "iso-8859-7", E_ISO_8859_7 },
  { "iso-8859-8", E_ISO_8859_8 },
  { "iso-8859-8-e", E_ISO_8859_8 },
  { "iso-8859-8-i", E_ISO_8859_8_I },
  { "iso-8859-9", E_WINDOWS_1254 },
  { "iso-ir-100", E_WINDOWS_1252 },
  { "iso-ir-101", E_ISO_8859_2 },
  { "iso-ir-109", E_ISO_8859_3 },
  { "iso-ir-110", E_ISO_8859_4 },
  { "iso-ir-126", E_ISO_8859_7 },
  { "iso-ir-127", E_ISO_8859_6 },
  { "iso-ir-138", E_ISO_8859_8 },
  { "iso-ir-144", E_ISO_8859_5 },
  { "iso-ir-148", E_WINDOWS_1254 },
  { "iso-ir-149", E_EUC_KR },
  { "iso-ir-157", E_ISO_8859_10 },
  { "iso-ir-58", E_GBK },
  { "iso8859-1", E_WINDOWS_1252 },
  { "iso8859-10", E_ISO_8859_10 },
  { "iso8859-11", E_WINDOWS_874 },
  { "iso8859-13", E_ISO_8859_13 },
  { "iso8859-14", E_ISO_8859_14 },
  { "iso8859-15", E_ISO_8859_15 },
  { "iso8859-2", E_ISO_8859_2 },
  { "iso8859-3", E_ISO_8859_3 },
  { "iso8859-4", E_ISO_8859_4 },
  { "iso8859-5", E_ISO_8859_5 },
  { "iso8859-6", E_ISO_8859_6 },
  { "iso8859-7", E_ISO_8859_7 },
  { "iso8859-8", E_ISO_8859_8 },
  { "iso8859-9", E_WINDOWS_1254 },
  { "iso88591", E_WINDOWS_1252 },
  { "iso885910", E_ISO_8859_10 },
  { "iso885911", E_WINDOWS_874 },
  { "iso885913", E_ISO_8859_13 },
  { "iso885914", E_ISO_8859_14 },
  { "iso885915", E_ISO_8859_15 },
  { "iso88592", E_ISO_8859_2 },
  { "iso88593", E_ISO_8859_3 },
  { "iso88594", E_ISO_8859_4 },
  { "iso88595", E_ISO_8859_5 },
  { "iso88596", E_ISO_8859_6 },
  { "iso88597", E_ISO_8859_7 },
  { "iso88598", E_ISO_8859_8 },
  { "iso88599", E_WINDOWS_1254 },
  { "iso_8859-1", E_WINDOWS_1252 },
  { "iso_8859-15", E_ISO_8859_15 },
  { "iso_8859-1:1987", E_WINDOWS_1252 },
  { "iso_8859-2", E_ISO_8859_2 },
  { "iso_8859-2:1987", E_ISO_8859_2 },
  { "iso_8859-3", E_ISO_8859_3 },
  { "iso_8859-3:1988", E_ISO_8859_3 },
  { "iso_8859-4", E_ISO_8859_4 },
  { "iso_8859-4:1988", E_ISO_8859_4 },
  { "iso_8859-5", E_ISO_8859_5 },
  { "iso_8859-5:1988", E_ISO_8859_5 },
  { "iso_8859-6", E_ISO_8859_6 },
  { "iso_8859-6:1987", E_ISO_8859_6 },
  { "iso_8859-7", E_ISO_8859_7 },
  { "iso_8859-7:1987", E_ISO_8859_7 },
  { "iso_8859-8", E_ISO_8859_8 },
  { "iso_8859-8:1988", E_ISO_8859_8 },
  { "iso_8859-9", E_WINDOWS_1254 },
  { "iso_8859-9:1989", E_WINDOWS_1254 },
  { "koi", E_KOI8_R },
  { "koi8", E_KOI8_R },
  { "koi8-r", E_KOI8_R },
  { "koi8-ru", E_KOI8_U },
  { "koi8-u", E_KOI8_U },
  { "koi8_r", E_KOI8_R },
  { "korean", E_EUC_KR },
  { "ks_c_5601-1987", E_EUC_KR },
  { "ks_c_5601-1989", E_EUC_KR },
  { "ksc5601", E_EUC_KR },
  { "ksc_5601", E_EUC_KR },
  { "l1", E_WINDOWS_1252 },
  { "l2", E_ISO_8859_2 },
  { "l3", E_ISO_8859_3 },
  { "l4", E_ISO_8859_4 },
  { "l5", E_WINDOWS_1254 },
  { "l6", E_ISO_8859_10 },
  { "l9", E_ISO_8859_15 },
  { "latin1", E_WINDOWS_1252 },
  { "latin2", E_ISO_8859_2 },
  { "latin3", E_ISO_8859_3 },
  { "latin4", E_ISO_8859_4 },
  { "latin5", E_WINDOWS_1254 },
  { "latin6", E_ISO_8859_10 },
  { "logical", E_ISO_8859_8_I },
  { "mac", E_MACINTOSH },
  { "macintosh", E_MACINTOSH },
  { "ms932", E_SHIFT_JIS },
  { "ms_kanji", E_SHIFT_JIS },
  { "replacement", E_REPLACEMENT },
  { "shift-jis", E_SHIFT_JIS },
  { "shift_jis", E_SHIFT_JIS },
  { "sjis", E_SHIFT_JIS },
  { "sun_eu_greek", E_ISO_8859_7 },
  { "tis-620", E_WINDOWS_874 },
  { "ucs-2", E_UTF_16LE },
  { "unicode", E_UTF_16LE },
  { "unicode-1-1-utf-8", E_UTF_8 },
  { "unicode11utf8", E_UTF_8 },
  { "unicode20utf8", E_UTF_8 },
  { "unicodefeff", E_UTF_16LE },
  { "unicodefffe", E_UTF_16BE },
  { "us-ascii", E_WINDOWS_1252 },
  { "utf-16", E_UTF_16LE },
  { "utf-16be", E_UTF_16BE },
  { "utf-16le", E_UTF_16LE },
  { "utf-8", E_UTF_8 },
  { "utf8", E_UTF_8 },
  { "visual", E_ISO_8859_8 },
  { "windows-1250", E_WINDOWS_1250 },
  { "windows-1251", E_WINDOWS_1251 },
  { "windows-1252", E_WINDOWS_1252 },
  { "windows-1253", E_WINDOWS_1253 },
  { "windows-1254", E_WINDOWS_1254 },
  { "windows-1255", E_WINDOWS_1255 },
  { "windows-1256", E_WINDOWS_1256 },
  { "windows-1257", E_WINDOWS_1257 },
  { "windows-1258", E_WINDOWS_1258 },
  { "windows-31j", E_SHIFT_JIS },
  { "windows-874", E_WINDOWS_874 },
  { "windows-949", E_EUC_KR },
  { "x-cp1250", E_WINDOWS_1250 },
  { "x-cp1251", E_WINDOWS_1251 },
  { "x-cp1252", E_WINDOWS_1252 },
  { "x-cp1253", E_WINDOWS_1253 },
  { "x-cp1254", E_WINDOWS_1254 },
  { "x-cp1255", E_WINDOWS_1255 },
  { "x-cp1256", E_WINDOWS_1256 },
  { "x-cp1257", E_WINDOWS_1257 },
  { "x-cp1258", E_WINDOWS_1258 },
  { "x-euc-jp", E_EUC_JP },
  { "x-gbk", E_GBK },
  { "x-mac-cyrillic", E_X_MAC_CYRILLIC },
  { "x-mac-roman", E_MACINTOSH },
  { "x-mac-ukrainian", E_X_MAC_CYRILLIC },
  { "x-sjis", E_SHIFT_JIS },
  { "x-unicode20utf8", E_UTF_8 },
  { "x-user-defined", E_X_USER_DEFINED },
  { "x-x-big5", E_BIG5 },
};

/* The longest label ("cseucpkdfmtjapanese") is 19 bytes. */
#define MAX_LABEL 32

static int
compare_label (const void *key, const void *entry)
{
  return strcmp (key, ((const Label *) entry)->label);
}

static const Encoding *
encoding_for_label (const char *label)
{
  char key[MAX_LABEL];
  const char *s = label, *e;
  const Label *found;
  gsize n;

  /* ASCII white space as the standard counts it: TAB LF FF CR SPACE. */
  while (*s == '\t' || *s == '\n' || *s == '\f' || *s == '\r' || *s == ' ')
    s++;
  e = s + strlen (s);
  while (e > s && (e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\f'
                   || e[-1] == '\r' || e[-1] == ' '))
    e--;
  n = e - s;
  if (n == 0 || n >= MAX_LABEL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    key[i] = g_ascii_tolower (s[i]);
  key[n] = '\0';
  found = bsearch (key, labels, G_N_ELEMENTS (labels), sizeof labels[0], compare_label);
  return found ? &encodings[found->encoding] : NULL;
}

const char *
galley_charset_for_label (const char *label)
{
  const Encoding *e = label ? encoding_for_label (label) : NULL;

  return e ? e->name : NULL;
}

/* Choosing ------------------------------------------------------------- */

static gboolean
has_non_ascii (const char *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

static const char *
from_bom (const char *data, gsize len, gsize *bom_len)
{
  const guchar *u = (const guchar *) data;

  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      *bom_len = 3;
      return encodings[E_UTF_8].name;
    }
  if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    {
      *bom_len = 2;
      return encodings[E_UTF_16LE].name;
    }
  if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    {
      *bom_len = 2;
      return encodings[E_UTF_16BE].name;
    }
  return NULL;
}

/* uchardet's bytes: the first 64 KiB say as much as the whole file (its
 * verdict on a page is settled within a few KiB of text) at a bounded
 * cost. */
#define DETECT_BYTES 65536

/* detect: uchardet's guess for bytes that declare no encoding and are not
 * UTF-8, or NULL when it is unsure (it answers ""), or names a charset the
 * standard has no label for (EUC-TW), or one that cannot be right here:
 * UTF-8 and UTF-16 (the bytes are neither), the replacement encoding's
 * ISO-2022-KR and HZ (never decoded). uchardet's names are the IANA
 * ones, mostly labels of the standard too; "UHC", its name for Korean,
 * is the standard's EUC-KR (windows-949).
 *
 * uchardet 0.0.7 (Debian 12) gives no confidence, and on a few accented
 * letters its single-byte models guess among the Latin charsets ("<p>caf"
 * "\xe9</p>" comes out ISO-8859-2). A multi-byte answer is checked by the
 * byte structure itself and is taken as it is; a single-byte one only
 * when the text has at least MIN_SINGLE_BYTE_EVIDENCE non-ASCII bytes
 * (a paragraph of Cyrillic has hundreds; measured on short news text:
 * French with 28 is windows-1252, Russian with 125 windows-1251 or KOI8-R,
 * all right). Below that, windows-1252, the web's fallback. */
#define MIN_SINGLE_BYTE_EVIDENCE 32

static gsize
count_non_ascii (const char *data, gsize len)
{
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    n += (guchar) data[i] >= 0x80;
  return n;
}

static gboolean
is_multi_byte (const Encoding *e)
{
  return e == &encodings[E_GBK] || e == &encodings[E_GB18030] || e == &encodings[E_BIG5]
         || e == &encodings[E_EUC_JP] || e == &encodings[E_ISO_2022_JP]
         || e == &encodings[E_SHIFT_JIS] || e == &encodings[E_EUC_KR];
}

static const Encoding *
detect (const char *data, gsize len)
{
  uchardet_t ud = uchardet_new ();
  const Encoding *e = NULL;

  if (uchardet_handle_data (ud, data, MIN (len, DETECT_BYTES)) == 0)
    {
      const char *name;

      uchardet_data_end (ud);
      name = uchardet_get_charset (ud);
      e = g_ascii_strcasecmp (name, "UHC") == 0 ? &encodings[E_EUC_KR]
                                               : encoding_for_label (name);
    }
  uchardet_delete (ud);
  if (e == &encodings[E_UTF_8] || e == &encodings[E_UTF_16LE]
      || e == &encodings[E_UTF_16BE] || e == &encodings[E_REPLACEMENT]
      || e == &encodings[E_X_USER_DEFINED])
    return NULL;
  if (e && !is_multi_byte (e)
      && count_non_ascii (data, MIN (len, DETECT_BYTES)) < MIN_SINGLE_BYTE_EVIDENCE)
    return NULL;
  return e;
}

/* from_declaration: the encoding @label names, under the rules for a
 * declaration found inside the bytes; NULL for an unknown label. */
static const Encoding *
from_declaration (const char *label, GalleyCharsetFlags flags)
{
  const Encoding *e = label ? encoding_for_label (label) : NULL;

  if (e == &encodings[E_UTF_16LE] || e == &encodings[E_UTF_16BE])
    return &encodings[E_UTF_8];
  if (e == &encodings[E_X_USER_DEFINED] && (flags & GALLEY_CHARSET_HTML_META))
    return &encodings[E_WINDOWS_1252];
  return e;
}

const char *
galley_charset_choose (const char *data, gsize len, const char *label,
                       GalleyCharsetFlags flags, gsize *bom_len,
                       GalleyCharsetSource *source)
{
  GalleyCharsetSource dummy;
  const Encoding *e;
  const char *name;
  gboolean utf8;

  if (source == NULL)
    source = &dummy;
  *bom_len = 0;
  name = from_bom (data, len, bom_len);
  if (name)
    {
      *source = GALLEY_CHARSET_FROM_BOM;
      return name;
    }
  utf8 = g_utf8_validate_len (data, len, NULL);
  e = from_declaration (label, flags);
  if (e)
    {
      /* The replacement encoding is never overridden: it exists to stop
       * a page from being read as anything at all. */
      if (e != &encodings[E_UTF_8] && e != &encodings[E_REPLACEMENT]
          && utf8 && has_non_ascii (data, len))
        {
          *source = GALLEY_CHARSET_OVERRIDDEN;
          return encodings[E_UTF_8].name;
        }
      *source = GALLEY_CHARSET_DECLARED;
      return e->name;
    }
  if (utf8)
    {
      *source = GALLEY_CHARSET_UTF8;
      return encodings[E_UTF_8].name;
    }
  e = detect (data, len);
  if (e)
    {
      *source = GALLEY_CHARSET_DETECTED;
      return e->name;
    }
  *source = GALLEY_CHARSET_FALLBACK;
  return encodings[E_WINDOWS_1252].name;
}

/* Decoding ------------------------------------------------------------- */

/* windows-1252 as the standard defines it: Latin-1, but 0x80-0x9F are
 * the Windows punctuation (and the five bytes Windows leaves undefined
 * are the C1 controls, as in Latin-1). glibc's CP1252 rejects those five,
 * and this is the encoding most undeclared pages are read in. */
static const guint16 cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* _galley_windows_1252_char: the character of byte @b >= 0x80 in
 * windows-1252, or 0 for the five bytes the standard maps to C1 controls
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D: never letters, so a repair says U+FFFD)
 * and for bytes below 0x80, which are never invalid UTF-8 but NUL. */
gunichar
_galley_windows_1252_char (guchar b)
{
  gunichar c;

  if (b < 0x80)
    return 0;
  c = b < 0xA0 ? cp1252_high[b - 0x80] : b;
  return c >= 0x80 && c < 0xA0 ? 0 : c;
}

static void
append_unichar (GString *out, gunichar c)
{
  char buf[6];

  g_string_append_len (out, buf, g_unichar_to_utf8 (c, buf));
}

/* decode_single_byte: windows-1252 or x-user-defined (whose high bytes are
 * U+F780..U+F7FF), neither of which has invalid bytes. */
static GString *
decode_single_byte (const guchar *data, gsize len, gboolean user_defined)
{
  GString *out = g_string_sized_new (len + len / 4 + 1);

  for (gsize i = 0; i < len; i++)
    {
      guchar b = data[i];
      if (b < 0x80)
        g_string_append_c (out, (char) b);
      else if (user_defined)
        append_unichar (out, 0xF780 + (b - 0x80));
      else if (b < 0xA0)
        append_unichar (out, cp1252_high[b - 0x80]);
      else
        append_unichar (out, b);
    }
  return out;
}

/* decode_iconv: @data through @cd, a bad sequence becoming U+FFFD; the
 * converter resumes @unit bytes later (one, or a code unit of UTF-16),
 * so the bytes after a bad lead byte are read again on their own, as the
 * standard's decoders do. */
static GString *
decode_iconv (GIConv cd, const char *data, gsize len, gsize unit, guint *n_replaced)
{
  GString *out = g_string_sized_new (len + len / 2 + 16);
  char *in = (char *) data;
  gsize in_left = len;

  while (in_left > 0)
    {
      gsize old_len = out->len, room = in_left + in_left / 2 + 64;
      char *o;
      gsize o_left = room;
      gsize r;

      g_string_set_size (out, old_len + room);
      o = out->str + old_len;
      r = g_iconv (cd, &in, &in_left, &o, &o_left);
      g_string_set_size (out, old_len + (room - o_left));
      if (r != (gsize) -1)
        break;
      if (errno == E2BIG)
        continue;
      /* EILSEQ (an invalid sequence) or EINVAL (one cut short at the
       * end): replace it, reset the shift state, go on after it. */
      g_string_append (out, "\xEF\xBF\xBD");
      (*n_replaced)++;
      {
        gsize skip = MIN (unit, in_left);
        in += skip;
        in_left -= skip;
      }
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }
  /* Flush a stateful encoding's final shift sequence (ISO-2022-JP). */
  {
    char tail[16], *o = tail;
    gsize o_left = sizeof tail;
    g_iconv (cd, NULL, NULL, &o, &o_left);
    g_string_append_len (out, tail, sizeof tail - o_left);
  }
  return out;
}

char *
galley_charset_decode (const char *data, gsize len, const char *encoding,
                       const char *what, gsize *out_len, guint *n_replaced,
                       GError **error)
{
  const Encoding *e = encoding_for_label (encoding);
  GString *out = NULL;
  guint replaced = 0;

  if (e == NULL && strcmp (encoding, "replacement") == 0)
    e = &encodings[E_REPLACEMENT];  /* a name, not one of its labels */
  if (e == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: cannot decode %s: not an encoding of the WHATWG Encoding "
                   "Standard", what, encoding);
      return NULL;
    }
  if (e == &encodings[E_UTF_8])
    {
      char *fixed = NULL;
      gsize fixed_len = len;

      galley_utf8_make_valid (data, len, GALLEY_UTF8_REPLACE, what, &fixed,
                              &fixed_len, &replaced, NULL);
      if (fixed == NULL)
        {
          fixed = g_malloc (len + 1);
          memcpy (fixed, data, len);
          fixed[len] = '\0';
        }
      if (n_replaced)
        *n_replaced = replaced;
      if (out_len)
        *out_len = fixed_len;
      return fixed;
    }
  else if (e == &encodings[E_REPLACEMENT])
    {
      out = g_string_new (len > 0 ? "\xEF\xBF\xBD" : "");
      replaced = len > 0;
    }
  else if (e->iconv_name == NULL)
    out = decode_single_byte ((const guchar *) data, len, e == &encodings[E_X_USER_DEFINED]);
  else
    {
      GIConv cd = g_iconv_open ("UTF-8", e->iconv_name);

      if (cd == (GIConv) -1)
        {
          int saved = errno;
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                       "%s: cannot decode %s: this system's iconv has no %s "
                       "converter (%s)", what, e->name, e->iconv_name, g_strerror (saved));
          return NULL;
        }
      out = decode_iconv (cd, data, len,
                          e == &encodings[E_UTF_16LE] || e == &encodings[E_UTF_16BE] ? 2 : 1,
                          &replaced);
      g_iconv_close (cd);
    }
  if (n_replaced)
    *n_replaced = replaced;
  if (out_len)
    *out_len = out->len;
  return g_string_free (out, FALSE);
}
