/* test-flags.c: kind, case and flag bits of single tokens. */
#include "config.h"

#include "tokenizer-test.h"

START_TEST (test_word_kind_and_title_case)
{
  guint32 f = tt_flags ("News from Paris", "Paris");

  ck_assert_int_eq (GALLEY_TOKEN_KIND (f), GALLEY_TOKEN_WORD);
  ck_assert_int_eq (GALLEY_TOKEN_CASE (f), GALLEY_CASE_TITLE);
}
END_TEST

START_TEST (test_clitic_flag)
{
  guint32 f = tt_flags ("It's late", "'s");

  ck_assert_int_eq (GALLEY_TOKEN_KIND (f), GALLEY_TOKEN_WORD);
  ck_assert (f & GALLEY_TOKEN_FLAG_CLITIC);
}
END_TEST

START_TEST (test_abbrev_upper)
{
  guint32 f = tt_flags ("the U.S. army", "U.S.");

  ck_assert_int_eq (GALLEY_TOKEN_KIND (f), GALLEY_TOKEN_ABBREV);
  ck_assert_int_eq (GALLEY_TOKEN_CASE (f), GALLEY_CASE_UPPER);
}
END_TEST

static Suite *
flags_suite (void)
{
  Suite *s = suite_create ("flags");
  TCase *tc = tcase_create ("flags");

  tcase_add_test (tc, test_word_kind_and_title_case);
  tcase_add_test (tc, test_clitic_flag);
  tcase_add_test (tc, test_abbrev_upper);
  suite_add_tcase (s, tc);
  return s;
}

TT_MAIN (flags_suite)
