/* test-tokenizer-stage.c: the stage class, its parameters and layers. */
#include "config.h"

#include "tokenizer-test.h"

START_TEST (test_class_declares_layers)
{
  ck_assert_str_eq (galley_tokenizer_stage.name, "tokenizer");
  ck_assert_int_eq (galley_tokenizer_stage.kind, GALLEY_STAGE_FILTER);
  ck_assert (galley_tokenizer_stage.flags & GALLEY_STAGE_THREAD_SAFE);
  ck_assert_ptr_null (galley_tokenizer_stage.requires);
  ck_assert_str_eq (galley_tokenizer_stage.produces[0], "token");
  ck_assert_str_eq (galley_tokenizer_stage.produces[1], "sentence");
  ck_assert_ptr_null (galley_tokenizer_stage.produces[2]);
}
END_TEST

static Suite *
stage_suite (void)
{
  Suite *s = suite_create ("tokenizer-stage");
  TCase *tc = tcase_create ("stage");

  tcase_add_test (tc, test_class_declares_layers);
  suite_add_tcase (s, tc);
  return s;
}

TT_MAIN (stage_suite)
