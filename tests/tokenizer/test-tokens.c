/* test-tokens.c: the token layer, as tables of input -> tokens ('|'). */
#include "config.h"

#include "tokenizer-test.h"

typedef struct {
  const char *in;
  const char *out;
} Case;

static const Case cases[] = {
  /* basics */
  { "", "" },
  { "   \n\t  ", "" },
  { "Hello, world.", "Hello|,|world|." },
  /* abbreviations and initials keep their period */
  { "Mr. Smith met Dr. Jones.", "Mr.|Smith|met|Dr.|Jones|." },
  { "the U.S. and the U.K. agreed", "the|U.S.|and|the|U.K.|agreed" },
  { "J. R. R. Tolkien wrote", "J.|R.|R.|Tolkien|wrote" },
  /* numbers */
  { "8,000 people", "8,000|people" },
  { "$95 billion", "$|95|billion" },
  { "at 5:30 p.m. on 2024-04-26", "at|5:30|p.m.|on|2024-04-26" },
  /* contractions and possessives */
  { "don't", "do|n't" },
  { "China’s economy", "China|’s|economy" },
  { "the Smiths' house", "the|Smiths|'|house" },
};

START_TEST (test_token_table)
{
  g_autofree char *got = tt_tokens (cases[_i].in);

  ck_assert_msg (g_strcmp0 (got, cases[_i].out) == 0,
                 "input '%s':\n  expected '%s'\n  got      '%s'", cases[_i].in,
                 cases[_i].out, got);
}
END_TEST

static Suite *
tokens_suite (void)
{
  Suite *s = suite_create ("tokens");
  TCase *tc = tcase_create ("table");

  tcase_add_loop_test (tc, test_token_table, 0, G_N_ELEMENTS (cases));
  suite_add_tcase (s, tc);
  return s;
}

TT_MAIN (tokens_suite)
