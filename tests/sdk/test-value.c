/* test-value.c: GalleyValue, the names of the SDK's enumerations, the
 * error domains, the ABI version and the plugin descriptor macro. */
#include "config.h"

#include <galley/galley.h>

#include "sdk-test.h"

START_TEST (test_value_init_is_none)
{
  GalleyValue v = GALLEY_VALUE_INIT;

  ck_assert_int_eq (v.type, GALLEY_VALUE_NONE);
  ck_assert_int_eq (v.v.i, 0);
}
END_TEST

START_TEST (test_value_clear_frees_string)
{
  GalleyValue v = { GALLEY_VALUE_STRING, { .s = g_strdup ("owned") } };
  GalleyValue j = { GALLEY_VALUE_JSON, { .s = g_strdup ("[1]") } };
  GalleyValue n = { GALLEY_VALUE_DOUBLE, { .d = 2.5 } };

  galley_value_clear (&v);
  galley_value_clear (&j);
  galley_value_clear (&n);
  ck_assert_int_eq (v.type, GALLEY_VALUE_NONE);
  ck_assert_int_eq (j.type, GALLEY_VALUE_NONE);
  ck_assert_int_eq (n.type, GALLEY_VALUE_NONE);
  ck_assert_ptr_null (v.v.s);
  galley_value_clear (&v);  /* twice is harmless */
}
END_TEST

START_TEST (test_value_copy_deep)
{
  GalleyValue src = { GALLEY_VALUE_STRING, { .s = g_strdup ("Reuters") } };
  GalleyValue dest = { GALLEY_VALUE_JSON, { .s = g_strdup ("{}") } };

  galley_value_copy (&src, &dest);  /* dest's old string is freed */
  ck_assert_int_eq (dest.type, GALLEY_VALUE_STRING);
  ck_assert_str_eq (dest.v.s, "Reuters");
  ck_assert_ptr_ne (dest.v.s, src.v.s);
  galley_value_clear (&src);
  ck_assert_str_eq (dest.v.s, "Reuters");
  galley_value_clear (&dest);
}
END_TEST

START_TEST (test_value_copy_scalars_and_self)
{
  GalleyValue src = { GALLEY_VALUE_INT, { .i = -7 } };
  GalleyValue dest = GALLEY_VALUE_INIT;
  GalleyValue s = { GALLEY_VALUE_STRING, { .s = g_strdup ("same") } };

  galley_value_copy (&src, &dest);
  ck_assert_int_eq (dest.type, GALLEY_VALUE_INT);
  ck_assert_int_eq (dest.v.i, -7);
  galley_value_copy (&s, &s);  /* copying onto itself keeps the value */
  ck_assert_str_eq (s.v.s, "same");
  galley_value_clear (&s);
}
END_TEST

static char *
to_string (GalleyValueType type, ...)
{
  GalleyValue v = { type, { 0 } };
  va_list ap;

  va_start (ap, type);
  switch (type)
    {
    case GALLEY_VALUE_INT: v.v.i = va_arg (ap, gint64); break;
    case GALLEY_VALUE_DOUBLE: v.v.d = va_arg (ap, double); break;
    case GALLEY_VALUE_BOOLEAN: v.v.b = va_arg (ap, gboolean); break;
    case GALLEY_VALUE_STRING:
    case GALLEY_VALUE_JSON: v.v.s = va_arg (ap, char *); break;
    default: break;
    }
  va_end (ap);
  return galley_value_to_string (&v);
}

START_TEST (test_value_to_string)
{
  g_autofree char *i = to_string (GALLEY_VALUE_INT, (gint64) -42);
  g_autofree char *d1 = to_string (GALLEY_VALUE_DOUBLE, 0.1);
  g_autofree char *d2 = to_string (GALLEY_VALUE_DOUBLE, 1e20);
  g_autofree char *d3 = to_string (GALLEY_VALUE_DOUBLE, 2.0 / 3.0);
  g_autofree char *t = to_string (GALLEY_VALUE_BOOLEAN, TRUE);
  g_autofree char *f = to_string (GALLEY_VALUE_BOOLEAN, FALSE);
  g_autofree char *s = to_string (GALLEY_VALUE_STRING, "Zürich");
  g_autofree char *j = to_string (GALLEY_VALUE_JSON, "[1,2]");
  g_autofree char *n = to_string (GALLEY_VALUE_NONE);

  ck_assert_str_eq (i, "-42");
  ck_assert_str_eq (d1, "0.1");
  ck_assert_str_eq (d2, "1e+20");
  ck_assert_str_eq (d3, "0.666667");
  ck_assert_str_eq (t, "true");
  ck_assert_str_eq (f, "false");
  ck_assert_str_eq (s, "Zürich");
  ck_assert_str_eq (j, "[1,2]");
  ck_assert_str_eq (n, "");
}
END_TEST

START_TEST (test_token_kind_names)
{
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_WORD), "word");
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_NUMBER), "number");
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_PUNCT), "punct");
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_SYMBOL), "symbol");
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_URL), "url");
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_EMAIL), "email");
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_HASHTAG), "hashtag");
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_MENTION), "mention");
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_EMOJI), "emoji");
  ck_assert_str_eq (galley_token_kind_to_string (GALLEY_TOKEN_ABBREV), "abbrev");
  ck_assert_str_eq (galley_token_kind_to_string ((GalleyTokenKind) 0), "unknown");
  ck_assert_str_eq (galley_token_kind_to_string ((GalleyTokenKind) 200), "unknown");
}
END_TEST

START_TEST (test_token_case_names)
{
  ck_assert_str_eq (galley_token_case_to_string (GALLEY_CASE_NONE), "none");
  ck_assert_str_eq (galley_token_case_to_string (GALLEY_CASE_LOWER), "lower");
  ck_assert_str_eq (galley_token_case_to_string (GALLEY_CASE_TITLE), "title");
  ck_assert_str_eq (galley_token_case_to_string (GALLEY_CASE_UPPER), "upper");
  ck_assert_str_eq (galley_token_case_to_string (GALLEY_CASE_MIXED), "mixed");
  ck_assert_str_eq (galley_token_case_to_string ((GalleyTokenCase) 7), "unknown");
}
END_TEST

START_TEST (test_token_flag_macros)
{
  guint32 flags = GALLEY_TOKEN_ABBREV
    | (GALLEY_CASE_UPPER << GALLEY_TOKEN_CASE_SHIFT)
    | GALLEY_TOKEN_FLAG_SPACE_AFTER | GALLEY_TOKEN_FLAG_SENTENCE_START;

  ck_assert_int_eq (GALLEY_TOKEN_KIND (flags), GALLEY_TOKEN_ABBREV);
  ck_assert_int_eq (GALLEY_TOKEN_CASE (flags), GALLEY_CASE_UPPER);
  ck_assert (flags & GALLEY_TOKEN_FLAG_SPACE_AFTER);
  ck_assert (!(flags & GALLEY_TOKEN_FLAG_CLITIC));
  ck_assert (!(flags & GALLEY_TOKEN_FLAG_NON_ASCII));
  /* the fields do not overlap */
  ck_assert_uint_eq (GALLEY_TOKEN_KIND_MASK & GALLEY_TOKEN_CASE_MASK, 0);
  ck_assert_uint_eq (GALLEY_TOKEN_CASE_MASK & (GALLEY_TOKEN_FLAG_CLITIC
                     | GALLEY_TOKEN_FLAG_SPACE_AFTER | GALLEY_TOKEN_FLAG_SENTENCE_START
                     | GALLEY_TOKEN_FLAG_NON_ASCII), 0);
}
END_TEST

START_TEST (test_layer_names)
{
  ck_assert_str_eq (GALLEY_LAYER_TOKEN, "token");
  ck_assert_str_eq (GALLEY_LAYER_SENTENCE, "sentence");
  ck_assert_str_eq (GALLEY_LAYER_ENTITY, "entity");
  ck_assert_str_eq (GALLEY_LAYER_SENTIMENT, "sentiment");
}
END_TEST

START_TEST (test_stage_kind_names)
{
  ck_assert_str_eq (galley_stage_kind_to_string (GALLEY_STAGE_SOURCE), "source");
  ck_assert_str_eq (galley_stage_kind_to_string (GALLEY_STAGE_FILTER), "filter");
  ck_assert_str_eq (galley_stage_kind_to_string (GALLEY_STAGE_SINK), "sink");
  ck_assert_str_eq (galley_stage_kind_to_string ((GalleyStageKind) 0), "unknown");
}
END_TEST

START_TEST (test_error_domains)
{
  ck_assert_str_eq (g_quark_to_string (GALLEY_PLUGIN_ERROR), "galley-plugin-error-quark");
  ck_assert_str_eq (g_quark_to_string (GALLEY_PIPELINE_ERROR), "galley-pipeline-error-quark");
  ck_assert_str_eq (g_quark_to_string (GALLEY_STAGE_ERROR), "galley-stage-error-quark");
  ck_assert (GALLEY_PLUGIN_ERROR != GALLEY_STAGE_ERROR);
}
END_TEST

START_TEST (test_abi_version)
{
  ck_assert_int_eq (GALLEY_ABI_MAJOR, 1);
  ck_assert_int_eq (GALLEY_ABI_MINOR, 8);
}
END_TEST

static const GalleyStageClass dummy_stage = {
  .name = "dummy", .kind = GALLEY_STAGE_FILTER,
};
static const GalleyStageClass *const dummy_stages[] = { &dummy_stage, NULL };

static gboolean
dummy_init (GError **error)
{
  return TRUE;
}

GALLEY_PLUGIN_DEFINE (my_dummy, "my-dummy", "1.2.3", "MIT", "A dummy plugin",
                      dummy_stages, dummy_init);

START_TEST (test_plugin_define)
{
  const GalleyPluginDescriptor *d = &galley_plugin_my_dummy;

  ck_assert_uint_eq (d->abi_major, GALLEY_ABI_MAJOR);
  ck_assert_uint_eq (d->abi_minor, GALLEY_ABI_MINOR);
  ck_assert_str_eq (d->name, "my-dummy");
  ck_assert_str_eq (d->version, "1.2.3");
  ck_assert_str_eq (d->license, "MIT");
  ck_assert_str_eq (d->description, "A dummy plugin");
  ck_assert_ptr_eq (d->stages[0], &dummy_stage);
  ck_assert_ptr_null (d->stages[1]);
  ck_assert (d->init == dummy_init);
  ck_assert_str_eq (GALLEY_PLUGIN_SYMBOL_PREFIX, "galley_plugin_");
}
END_TEST

static Suite *
value_suite (void)
{
  Suite *s = suite_create ("value");
  TCase *tc = tcase_create ("value");

  tcase_add_test (tc, test_value_init_is_none);
  tcase_add_test (tc, test_value_clear_frees_string);
  tcase_add_test (tc, test_value_copy_deep);
  tcase_add_test (tc, test_value_copy_scalars_and_self);
  tcase_add_test (tc, test_value_to_string);
  suite_add_tcase (s, tc);

  tc = tcase_create ("names");
  tcase_add_test (tc, test_token_kind_names);
  tcase_add_test (tc, test_token_case_names);
  tcase_add_test (tc, test_token_flag_macros);
  tcase_add_test (tc, test_layer_names);
  tcase_add_test (tc, test_stage_kind_names);
  tcase_add_test (tc, test_error_domains);
  tcase_add_test (tc, test_abi_version);
  tcase_add_test (tc, test_plugin_define);
  suite_add_tcase (s, tc);
  return s;
}

SDK_TEST_MAIN (value_suite)
