/* test-sentences.c: the sentence layer, as tables of input -> sentences. */
#include "config.h"

#include "tokenizer-test.h"

typedef struct {
  const char *in;
  const char *out;
} Case;

static const Case cases[] = {
  { "", "" },
  { "He left. She stayed.", "He left.|She stayed." },
  { "Mr. Smith went to Washington. He spoke.", "Mr. Smith went to Washington.|He spoke." },
  { "\"I am done.\" He left.", "\"I am done.\"|He left." },
  { "Storm hits coast\n\nThe storm came ashore.", "Storm hits coast|The storm came ashore." },
};

START_TEST (test_sentence_table)
{
  g_autofree char *got = tt_sentences (cases[_i].in);

  ck_assert_msg (g_strcmp0 (got, cases[_i].out) == 0,
                 "input '%s':\n  expected '%s'\n  got      '%s'", cases[_i].in,
                 cases[_i].out, got);
}
END_TEST

static Suite *
sentences_suite (void)
{
  Suite *s = suite_create ("sentences");
  TCase *tc = tcase_create ("table");

  tcase_add_loop_test (tc, test_sentence_table, 0, G_N_ELEMENTS (cases));
  suite_add_tcase (s, tc);
  return s;
}

TT_MAIN (sentences_suite)
