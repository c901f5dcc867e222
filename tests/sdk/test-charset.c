/* test-charset.c: the SDK's encoding labels, choice and decoding, which
 * read-html and read-feed share (galley-charset.h). */
#include "config.h"

#include <string.h>

#include <check.h>
#include <galley/galley.h>

/* One row per case: a label as a document may write it, and the
 * encoding the WHATWG Encoding Standard gives it (NULL: no encoding). */
static const struct {
  const char *label;
  const char *encoding;
} label_cases[] = {
  /* every encoding of the standard, by one of its labels */
  { "utf8", "UTF-8" },
  { "866", "IBM866" },
  { "latin2", "ISO-8859-2" },
  { "iso_8859-3:1988", "ISO-8859-3" },
  { "l4", "ISO-8859-4" },
  { "cyrillic", "ISO-8859-5" },
  { "asmo-708", "ISO-8859-6" },
  { "sun_eu_greek", "ISO-8859-7" },
  { "visual", "ISO-8859-8" },
  { "logical", "ISO-8859-8-I" },
  { "latin6", "ISO-8859-10" },
  { "iso885913", "ISO-8859-13" },
  { "iso8859-14", "ISO-8859-14" },
  { "l9", "ISO-8859-15" },
  { "iso-8859-16", "ISO-8859-16" },
  { "koi", "KOI8-R" },
  { "koi8-ru", "KOI8-U" },
  { "x-mac-roman", "macintosh" },
  { "tis-620", "windows-874" },
  { "x-cp1250", "windows-1250" },
  { "cp1251", "windows-1251" },
  { "windows-1252", "windows-1252" },
  { "cp1253", "windows-1253" },
  { "iso-8859-9", "windows-1254" },
  { "cp1255", "windows-1255" },
  { "x-cp1256", "windows-1256" },
  { "windows-1257", "windows-1257" },
  { "cp1258", "windows-1258" },
  { "x-mac-ukrainian", "x-mac-cyrillic" },
  { "gb2312", "GBK" },
  { "gb18030", "gb18030" },
  { "big5-hkscs", "Big5" },
  { "cseucpkdfmtjapanese", "EUC-JP" },
  { "csiso2022jp", "ISO-2022-JP" },
  { "windows-31j", "Shift_JIS" },
  { "ks_c_5601-1987", "EUC-KR" },
  { "replacement", "replacement" },
  { "unicodefffe", "UTF-16BE" },
  { "ucs-2", "UTF-16LE" },
  { "x-user-defined", "x-user-defined" },
  /* Latin-1 and ASCII are windows-1252 */
  { "latin1", "windows-1252" },
  { "iso-8859-1", "windows-1252" },
  { "ascii", "windows-1252" },
  { "us-ascii", "windows-1252" },
  { "ansi_x3.4-1968", "windows-1252" },
  /* ASCII case ignored, ASCII white space (TAB LF FF CR SPACE) trimmed */
  { "LATIN1", "windows-1252" },
  { "Shift_JIS", "Shift_JIS" },
  { " \t\n\f\rutf-8\r\n", "UTF-8" },
  { "\x0butf-8", NULL },           /* VT is not ASCII white space */
  { "utf-8\xc2\xa0", NULL },       /* nor is a no-break space */
  { "utf -8", NULL },
  /* the replacement encoding's labels */
  { "iso-2022-kr", "replacement" },
  { "csiso2022kr", "replacement" },
  { "hz-gb-2312", "replacement" },
  { "iso-2022-cn", "replacement" },
  { "ISO-2022-CN-EXT", "replacement" },
  /* UTF-16 */
  { "utf-16", "UTF-16LE" },
  { "utf-16be", "UTF-16BE" },
  /* not in the standard */
  { "utf-7", NULL },
  { "utf-32", NULL },
  { "utf-32le", NULL },
  { "IBM037", NULL },
  { "ebcdic-cp-us", NULL },
  { "cp037", NULL },
  { "latin-1", NULL },
  { "", NULL },
  { "   ", NULL },
  { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL },
  /* the first and last of the sorted table */
  { "866", "IBM866" },
  { "x-x-big5", "Big5" },
};

START_TEST (test_label_table)
{
  const char *label = label_cases[_i].label;
  const char *want = label_cases[_i].encoding;
  const char *got = galley_charset_for_label (label);

  if (want == NULL)
    ck_assert_msg (got == NULL, "'%s' gives %s, expected no encoding", label, got);
  else
    ck_assert_msg (got && strcmp (got, want) == 0, "'%s' gives %s, expected %s",
                   label, got ? got : "(none)", want);
}
END_TEST

/* decode: @len bytes of @data in @encoding; @replaced gets the count. */
static char *
decode (const char *data, gsize len, const char *encoding, guint *replaced)
{
  g_autoptr (GError) error = NULL;
  gsize out_len = 0;
  char *out = galley_charset_decode (data, len, encoding, "test", &out_len, replaced,
                                     &error);

  ck_assert_msg (out != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (strlen (out), out_len);
  return out;
}

/* One row per case: bytes in an encoding, their UTF-8, the U+FFFD count. */
static const struct {
  const char *encoding;
  const char *bytes;
  gsize len;
  const char *utf8;
  guint replaced;
} decode_cases[] = {
  { "windows-1252", "Caf\xe9 \x80\x81\x9f", 8, "Café €\xc2\x81Ÿ", 0 },
  { "x-user-defined", "a\x80\xff", 3, "a\xef\x9e\x80\xef\x9f\xbf", 0 },
  { "Shift_JIS", "\x93\xfa\x96\x7b\xff\x82\xcc", 7, "日本\xef\xbf\xbdの", 1 },
  { "Shift_JIS", "\x93\xfa\x96", 3, "日\xef\xbf\xbd", 1 },  /* cut short */
  { "EUC-KR", "\xbc\xad\xbf\xef", 4, "서울", 0 },
  { "EUC-KR", "\xbc\xad\xff\xbf\xef", 5, "서\xef\xbf\xbd울", 1 },
  { "ISO-2022-JP", "\x1b$BF|K\\\x1b(B!", 11, "日本!", 0 },
  { "GBK", "\xd6\xd0\xce\xc4", 4, "中文", 0 },
  { "UTF-16LE", "h\0i\0\xe9", 5, "hi\xef\xbf\xbd", 1 },
  { "UTF-16BE", "\0h\0i", 4, "hi", 0 },
  { "UTF-8", "a\xffz", 3, "a\xef\xbf\xbdz", 1 },
  { "replacement", "anything at all", 15, "\xef\xbf\xbd", 1 },
  { "replacement", "", 0, "", 0 },
  { "KOI8-R", "\xf0\xd2\xc9\xd7\xc5\xd4", 6, "Привет", 0 },
};

START_TEST (test_decode)
{
  guint replaced = 99;
  g_autofree char *out = decode (decode_cases[_i].bytes, decode_cases[_i].len,
                                 decode_cases[_i].encoding, &replaced);

  ck_assert_msg (strcmp (out, decode_cases[_i].utf8) == 0, "%s: '%s'",
                 decode_cases[_i].encoding, out);
  ck_assert_uint_eq (replaced, decode_cases[_i].replaced);
}
END_TEST

START_TEST (test_decode_unknown_encoding_is_an_error)
{
  g_autoptr (GError) error = NULL;
  char *out = galley_charset_decode ("x", 1, "utf-7", "page.html", NULL, NULL, &error);

  ck_assert_ptr_null (out);
  ck_assert_str_eq (error->message,
                    "page.html: cannot decode utf-7: not an encoding of the WHATWG "
                    "Encoding Standard");
}
END_TEST

START_TEST (test_choose_rules)
{
  gsize bom = 99;
  GalleyCharsetSource source;

  ck_assert_str_eq (galley_charset_choose ("\xef\xbb\xbfx", 4, "koi8-r", 0, &bom, &source),
                    "UTF-8");
  ck_assert_uint_eq (bom, 3);
  ck_assert_int_eq (source, GALLEY_CHARSET_FROM_BOM);
  ck_assert_str_eq (galley_charset_choose ("abc", 3, "utf-16", 0, &bom, &source), "UTF-8");
  ck_assert_uint_eq (bom, 0);
  ck_assert_int_eq (source, GALLEY_CHARSET_DECLARED);
  ck_assert_str_eq (galley_charset_choose ("abc", 3, "x-user-defined", 0, &bom, &source),
                    "x-user-defined");
  ck_assert_str_eq (galley_charset_choose ("abc", 3, "x-user-defined",
                                           GALLEY_CHARSET_HTML_META, &bom, &source),
                    "windows-1252");
  ck_assert_str_eq (galley_charset_choose ("Z\xc3\xbcrich", 7, "koi8-r", 0, &bom, &source),
                    "UTF-8");
  ck_assert_int_eq (source, GALLEY_CHARSET_OVERRIDDEN);
  /* the replacement encoding is never overridden */
  ck_assert_str_eq (galley_charset_choose ("Z\xc3\xbcrich", 7, "iso-2022-kr", 0, &bom,
                                           &source), "replacement");
  ck_assert_str_eq (galley_charset_choose ("Z\xc3\xbcrich", 7, "utf-7", 0, &bom, &source),
                    "UTF-8");
  ck_assert_int_eq (source, GALLEY_CHARSET_UTF8);
}
END_TEST

static Suite *
charset_suite (void)
{
  Suite *s = suite_create ("charset");
  TCase *tc = tcase_create ("charset");

  tcase_add_loop_test (tc, test_label_table, 0, G_N_ELEMENTS (label_cases));
  tcase_add_loop_test (tc, test_decode, 0, G_N_ELEMENTS (decode_cases));
  tcase_add_test (tc, test_decode_unknown_encoding_is_an_error);
  tcase_add_test (tc, test_choose_rules);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (charset_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
