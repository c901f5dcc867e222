/* test-jsonl-values.c: the values export-jsonl writes inline
 * (plugins/export-jsonl/jsonl-write.h) come out as the SDK's writers
 * write them: scores, integers, offsets and short strings, each on both
 * sides of the inline path's limits. */
#include "config.h"

#include <math.h>

#include "lib/io-test.h"
#include "../../plugins/export-jsonl/export-jsonl.h"
#include "../../plugins/export-jsonl/jsonl-format.h"
#include "../../plugins/export-jsonl/jsonl-write.h"

/* line_of: @doc's line with export-jsonl's default parameters */
static char *
line_of (GalleyDocument *doc)
{
  g_autoptr (GalleyParams) params = galley_params_new (galley_export_jsonl_stage.params);
  GString *line = g_string_new (NULL);
  JsonlFormat format;

  ck_assert (galley_params_finish (params, NULL));
  jsonl_format_init (&format, params);
  jsonl_format_document (line, doc, &format);
  jsonl_format_clear (&format);
  return g_string_free (line, FALSE);
}

/* feature_line: the line of a document "ab" with one entity "ab" whose
 * feature "v" is @value */
static char *
feature_line (const GalleyValue *value)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", "ab", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  guint i = galley_layer_append (layer, 0, 2, g_quark_from_static_string ("X"), 0);

  galley_layer_set_feature (layer, i, "v", value);
  return line_of (doc);
}

/* sdk_json: @value as the SDK writes it */
static char *
sdk_json (const GalleyValue *value)
{
  GString *s = g_string_new (NULL);

  galley_json_append_value (s, value);
  return g_string_free (s, FALSE);
}

static void
assert_feature_written_as (const GalleyValue *value, const char *want)
{
  g_autofree char *line = feature_line (value);
  g_autofree char *sdk = sdk_json (value);
  g_autofree char *want_line = g_strdup_printf (
    "{\"id\":\"d\",\"meta\":{},\"features\":{},\"layers\":{\"entity\":["
    "{\"start\":0,\"end\":2,\"type\":\"X\",\"text\":\"ab\",\"v\":%s}]}}\n", want);

  ck_assert_str_eq (sdk, want);
  ck_assert_str_eq (line, want_line);
}

/* Scores: four decimals, v * 10000 rounded half away from zero; the
 * inline path takes magnitudes that round below 10, the SDK the rest
 * (10 and over, 1e20, non-finite values as null). */
static const struct {
  double v;
  const char *json;
} scores[] = {
  { 0.0, "0.0000" },
  { -0.0, "0.0000" },            /* no sign: the rounded integer is 0 */
  { -0.00004, "0.0000" },
  { 0.00004999, "0.0000" },
  { 0.00005, "0.0001" },         /* halves round away from zero */
  { -0.00005, "-0.0001" },
  { 0.00015, "0.0001" },         /* 1.4999999999999999e-04 in binary */
  { 0.00025, "0.0003" },
  { 0.12345, "0.1235" },
  { -0.12345, "-0.1235" },
  { 0.5, "0.5000" },
  { -0.4867, "-0.4867" },
  { 0.99995, "1.0000" },
  { 1.00005, "1.0001" },
  { 2.5, "2.5000" },
  { -2.50005, "-2.5001" },
  { 9.9999, "9.9999" },
  { 9.99994, "9.9999" },
  { 9.99995, "10.0000" },        /* the first that rounds to two digits */
  { -9.99995, "-10.0000" },
  { 9.99996, "10.0000" },
  { -9.99996, "-10.0000" },
  { 10.0, "10.0000" },
  { 12345.6789, "12345.6789" },
  { 1e-300, "0.0000" },
  { 5e-324, "0.0000" },
  { 9e13, "90000000000000" },     /* past the SDK's four-decimal range */
  { -9e13, "-90000000000000" },
  { 1e20, "1e+20" },
};

START_TEST (test_scores_written_as_the_sdk_writes_them)
{
  GalleyValue value = { GALLEY_VALUE_DOUBLE, { .d = scores[_i].v } };

  assert_feature_written_as (&value, scores[_i].json);
}
END_TEST

/* Every score of four decimals the inline path takes, -9.9999 to 9.9999,
 * is written as the SDK writes it: the digits come from multiplications
 * that must never be off by one in any of the 199,999 values. */
START_TEST (test_every_four_decimal_score_written_as_the_sdk_writes_it)
{
  for (gint32 n = -99999; n <= 99999; n++)
    {
      GalleyValue value = { GALLEY_VALUE_DOUBLE, { .d = n / 10000.0 } };
      char inline_buf[GALLEY_JSON_SCALAR_MAX + 1], sdk_buf[GALLEY_JSON_SCALAR_MAX + 1];
      char *end = jsonl_write_score (inline_buf, value.v.d);
      char *sdk_end = galley_json_write_scalar (sdk_buf, &value);

      ck_assert_ptr_nonnull (end);
      *end = '\0';
      *sdk_end = '\0';
      ck_assert_str_eq (inline_buf, sdk_buf);
    }
}
END_TEST

START_TEST (test_non_finite_scores_written_as_null)
{
  const double values[] = { NAN, -NAN, INFINITY, -INFINITY };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      GalleyValue value = { GALLEY_VALUE_DOUBLE, { .d = values[i] } };

      assert_feature_written_as (&value, "null");
    }
}
END_TEST

/* Integers: up to four digits inline, the rest and negatives by the SDK */
static const struct {
  gint64 v;
  const char *json;
} integers[] = {
  { 0, "0" },
  { 7, "7" },
  { 10, "10" },
  { 99, "99" },
  { 100, "100" },
  { 909, "909" },
  { 999, "999" },
  { 1000, "1000" },
  { 9999, "9999" },
  { 10000, "10000" },
  { 65535, "65535" },
  { G_GINT64_CONSTANT (4294967296), "4294967296" },
  { G_MAXINT64, "9223372036854775807" },
  { -1, "-1" },
  { -10000, "-10000" },
  { G_MININT64, "-9223372036854775808" },
};

START_TEST (test_integers_written_as_the_sdk_writes_them)
{
  GalleyValue value = { GALLEY_VALUE_INT, { .i = integers[_i].v } };

  assert_feature_written_as (&value, integers[_i].json);
}
END_TEST

/* Every integer the inline path takes, 0 to 9999, is written as the SDK
 * writes it, and nothing past its digits is taken as written: the table
 * of 0 to 999 gives each number's digits and their count. */
START_TEST (test_every_inline_integer_written_as_the_sdk_writes_it)
{
  for (guint64 u = 0; u < 10000; u++)
    {
      char inline_buf[GALLEY_JSON_UINT_MAX + 1], sdk_buf[GALLEY_JSON_UINT_MAX + 1];
      char *end = jsonl_write_uint (inline_buf, u);
      char *sdk_end = galley_json_write_uint (sdk_buf, u);

      *end = '\0';
      *sdk_end = '\0';
      ck_assert_str_eq (inline_buf, sdk_buf);
    }
}
END_TEST

/* Offsets: a span at each digit count's edges, in a text of 12,000
 * bytes (ASCII: the offsets are the byte offsets) */
START_TEST (test_offsets_of_every_digit_count)
{
  static const guint32 starts[] = { 0, 9, 10, 99, 100, 999, 1000, 9998, 9999, 10000 };
  g_autofree char *text = g_malloc (12001);
  g_autoptr (GalleyDocument) doc = NULL;
  g_autoptr (GString) want = g_string_new ("{\"id\":\"o\",\"meta\":{},\"features\":{},\"layers\":{\"sentence\":[");
  g_autofree char *line = NULL;
  GalleyLayer *layer;

  memset (text, 'a', 12000);
  text[12000] = '\0';
  doc = galley_document_new ("o", text, 12000);
  layer = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      galley_layer_append (layer, starts[i], starts[i] + 1, g_quark_from_static_string ("sentence"), 0);
      g_string_append_printf (want, "%s{\"start\":%u,\"end\":%u}", i ? "," : "",
                              starts[i], starts[i] + 1);
    }
  g_string_append (want, "]}}\n");
  line = line_of (doc);
  ck_assert_str_eq (line, want->str);
}
END_TEST

/* Strings: every length from 0 to 40 bytes (the inline path takes 0 to
 * 32), plain, then with a byte to escape first, in the middle and last,
 * as an entity's text and as its norm. The expected JSON is made here a
 * byte at a time. */

static void
append_escaped (GString *out, const char *s, gsize len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
assert_string_written (const char *s, gsize len)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("s", s, len);
  GalleyLayer *layer = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  guint i = galley_layer_append (layer, 0, len, g_quark_from_static_string ("X"), 0);
  g_autoptr (GString) want = g_string_new (NULL);
  g_autofree char *line = NULL;

  galley_layer_set_feature_string (layer, i, "norm", s);
  g_string_printf (want, "{\"id\":\"s\",\"meta\":{},\"features\":{},\"layers\":{\"entity\":["
                         "{\"start\":0,\"end\":%ld,\"type\":\"X\",\"text\":",
                  /* offsets count code points by default */
                  g_utf8_strlen (s, len));
  append_escaped (want, s, len);
  g_string_append (want, ",\"norm\":");
  append_escaped (want, s, len);
  g_string_append (want, "}]}}\n");
  line = line_of (doc);
  ck_assert_msg (strcmp (line, want->str) == 0, "%" G_GSIZE_FORMAT " bytes: %s\nwant %s",
                 len, line, want->str);
}

START_TEST (test_short_strings_plain_and_escaped)
{
  /* what is escaped: a quote, a backslash, a line feed, \u0001 and \u001f
   * (the last control character) */
  static const char bad[] = { '"', '\\', '\n', '\x01', '\x1f' };
  static const char letters[] = "Jeroen van der Veer, Walter van der Vijver";

  for (gsize len = 0; len <= 40; len++)
    {
      char s[41];

      memcpy (s, letters, len);
      s[len] = '\0';
      assert_string_written (s, len);
      for (gsize b = 0; len > 0 && b < G_N_ELEMENTS (bad); b++)
        {
          const gsize at[] = { 0, len / 2, len - 1 };

          for (guint k = 0; k < G_N_ELEMENTS (at); k++)
            {
              memcpy (s, letters, len);
              s[at[k]] = bad[b];
              assert_string_written (s, len);
            }
        }
    }
}
END_TEST

/* Multi-byte characters are plain: written as they are */
START_TEST (test_short_strings_of_utf8_written_as_they_are)
{
  static const char *const strings[] = {
    "\xC3\xA9",                                  /* é: 2 bytes */
    "Caf\xC3\xA9",                               /* 5 */
    "\xE6\x9D\xB1\xE4\xBA\xAC \xC3\xA9t\xC3\xA9",  /* 12 */
    "Fran\xC3\xA7ois Hollande \xC3\xA0 Paris",   /* 26 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    assert_string_written (strings[i], strlen (strings[i]));
}
END_TEST

/* A span type is looked up again when it differs from the previous
 * span's: runs of one type, then another, then the first again. */
START_TEST (test_span_types_change_from_span_to_span)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("t", "abcd", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  static const char *const types[] = { "ORG", "ORG", "PERSON", "ORG" };
  g_autofree char *line = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    galley_layer_append (layer, i, i + 1, g_quark_from_static_string (types[i]), 0);
  line = line_of (doc);
  ck_assert_str_eq (line,
    "{\"id\":\"t\",\"meta\":{},\"features\":{},\"layers\":{\"entity\":["
    "{\"start\":0,\"end\":1,\"type\":\"ORG\",\"text\":\"a\"},"
    "{\"start\":1,\"end\":2,\"type\":\"ORG\",\"text\":\"b\"},"
    "{\"start\":2,\"end\":3,\"type\":\"PERSON\",\"text\":\"c\"},"
    "{\"start\":3,\"end\":4,\"type\":\"ORG\",\"text\":\"d\"}]}}\n");
}
END_TEST

/* Document features and metadata go through the same writers: a value
 * of each kind on each side of the inline path. */
START_TEST (test_document_values_of_every_kind)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("m", "", 0);
  GalleyValue json = { GALLEY_VALUE_JSON, { .s = (char *) "{\"a\":[1,2]}" } };
  GalleyValue big = { GALLEY_VALUE_INT, { .i = 12345 } };
  GalleyValue negative = { GALLEY_VALUE_INT, { .i = -3 } };
  g_autofree char *long_title = g_strnfill (1500, 'T');
  g_autofree char *line = NULL;
  g_autofree char *want = NULL;

  galley_document_set_meta (doc, "title", long_title);
  galley_document_set_meta (doc, "by", "A \"B\"");
  galley_document_set_meta_value (doc, "geo", &json);
  galley_document_set_meta_value (doc, "words", &big);
  galley_document_set_meta_value (doc, "delta", &negative);
  galley_document_set_feature_double (doc, "sentiment.compound", -0.5);
  galley_document_set_feature_double (doc, "score", 12.5);
  galley_document_set_feature_boolean (doc, "flag", FALSE);
  line = line_of (doc);
  want = g_strdup_printf ("{\"id\":\"m\",\"meta\":{\"title\":\"%s\",\"by\":\"A \\\"B\\\"\","
                          "\"geo\":{\"a\":[1,2]},\"words\":12345,\"delta\":-3},"
                          "\"features\":{\"sentiment.compound\":-0.5000,\"score\":12.5000,"
                          "\"flag\":false},\"layers\":{}}\n", long_title);
  ck_assert_str_eq (line, want);
}
END_TEST

static Suite *
jsonl_values_suite (void)
{
  Suite *s = suite_create ("export-jsonl values");
  TCase *tc = tcase_create ("values");

  tcase_add_loop_test (tc, test_scores_written_as_the_sdk_writes_them, 0, G_N_ELEMENTS (scores));
  tcase_add_test (tc, test_every_four_decimal_score_written_as_the_sdk_writes_it);
  tcase_add_test (tc, test_non_finite_scores_written_as_null);
  tcase_add_loop_test (tc, test_integers_written_as_the_sdk_writes_them, 0, G_N_ELEMENTS (integers));
  tcase_add_test (tc, test_every_inline_integer_written_as_the_sdk_writes_it);
  tcase_add_test (tc, test_offsets_of_every_digit_count);
  tcase_add_test (tc, test_short_strings_plain_and_escaped);
  tcase_add_test (tc, test_short_strings_of_utf8_written_as_they_are);
  tcase_add_test (tc, test_span_types_change_from_span_to_span);
  tcase_add_test (tc, test_document_values_of_every_kind);
  suite_add_tcase (s, tc);
  return s;
}

IO_TEST_MAIN (jsonl_values_suite)
