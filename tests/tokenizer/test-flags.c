/* test-flags.c: the kind, case and flag bits of single tokens, as a
 * table of (input, token, kind, case, flags), and the span types. */
#include "config.h"

#include "tokenizer-test.h"

#define F_CLITIC GALLEY_TOKEN_FLAG_CLITIC
#define F_SPACE GALLEY_TOKEN_FLAG_SPACE_AFTER
#define F_START GALLEY_TOKEN_FLAG_SENTENCE_START
#define F_NON_ASCII GALLEY_TOKEN_FLAG_NON_ASCII
#define F_ALL (F_CLITIC | F_SPACE | F_START | F_NON_ASCII)

typedef struct {
  const char *in;
  const char *token;
  GalleyTokenKind kind;
  GalleyTokenCase tcase;
  guint32 flags;
} Case;

static const Case cases[] = {
  { "news", "news", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_SPACE | F_START },
  { "News", "News", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "NEWS", "NEWS", GALLEY_TOKEN_WORD, GALLEY_CASE_UPPER, F_SPACE | F_START },
  { "iPhone", "iPhone", GALLEY_TOKEN_WORD, GALLEY_CASE_MIXED, F_SPACE | F_START },
  { "McDonald", "McDonald", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "I", "I", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "a", "a", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_SPACE | F_START },
  { "PhD", "PhD", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "MPs", "MPs", GALLEY_TOKEN_WORD, GALLEY_CASE_MIXED, F_SPACE | F_START },
  { "x", "x", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_SPACE | F_START },
  { "The U.S. army", "U.S.", GALLEY_TOKEN_ABBREV, GALLEY_CASE_UPPER, F_SPACE },
  { "Mr. Smith", "Mr.", GALLEY_TOKEN_ABBREV, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "e.g. this", "e.g.", GALLEY_TOKEN_ABBREV, GALLEY_CASE_LOWER, F_SPACE | F_START },
  { "J. Smith", "J.", GALLEY_TOKEN_ABBREV, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "8,000", "8,000", GALLEY_TOKEN_NUMBER, GALLEY_CASE_NONE, F_SPACE | F_START },
  { "1990s", "1990s", GALLEY_TOKEN_NUMBER, GALLEY_CASE_LOWER, F_SPACE | F_START },
  { "-2", "-2", GALLEY_TOKEN_NUMBER, GALLEY_CASE_NONE, F_SPACE | F_START },
  { "the '90s", "'90s", GALLEY_TOKEN_NUMBER, GALLEY_CASE_LOWER, F_SPACE },
  { "Hello, world", ",", GALLEY_TOKEN_PUNCT, GALLEY_CASE_NONE, F_SPACE },
  { "wait...", "...", GALLEY_TOKEN_PUNCT, GALLEY_CASE_NONE, F_SPACE },
  { "“Hi”", "“", GALLEY_TOKEN_PUNCT, GALLEY_CASE_NONE, F_START | F_NON_ASCII },
  { "a — b", "—", GALLEY_TOKEN_PUNCT, GALLEY_CASE_NONE, F_SPACE | F_NON_ASCII },
  { "$95", "$", GALLEY_TOKEN_SYMBOL, GALLEY_CASE_NONE, F_START },
  { "40%", "%", GALLEY_TOKEN_SYMBOL, GALLEY_CASE_NONE, F_SPACE },
  { "a & b", "&", GALLEY_TOKEN_SYMBOL, GALLEY_CASE_NONE, F_SPACE },
  { "€8", "€", GALLEY_TOKEN_SYMBOL, GALLEY_CASE_NONE, F_START | F_NON_ASCII },
  { "a + b", "+", GALLEY_TOKEN_SYMBOL, GALLEY_CASE_NONE, F_SPACE },
  { "see https://example.com/x", "https://example.com/x", GALLEY_TOKEN_URL, GALLEY_CASE_LOWER, F_SPACE },
  { "Amazon.com", "Amazon.com", GALLEY_TOKEN_URL, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "mail news@example.com", "news@example.com", GALLEY_TOKEN_EMAIL, GALLEY_CASE_LOWER, F_SPACE },
  { "hi @galley", "@galley", GALLEY_TOKEN_MENTION, GALLEY_CASE_LOWER, F_SPACE },
  { "#News", "#News", GALLEY_TOKEN_HASHTAG, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "ok 😀", "😀", GALLEY_TOKEN_EMOJI, GALLEY_CASE_NONE, F_SPACE | F_NON_ASCII },
  { "🇺🇸", "🇺🇸", GALLEY_TOKEN_EMOJI, GALLEY_CASE_NONE, F_SPACE | F_START | F_NON_ASCII },
  { "great :)", ":)", GALLEY_TOKEN_EMOJI, GALLEY_CASE_NONE, F_SPACE },
  { "It's late", "'s", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_CLITIC | F_SPACE },
  { "don't", "n't", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_CLITIC | F_SPACE },
  { "don't", "do", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_START },
  { "DON'T", "N'T", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_CLITIC | F_SPACE },
  { "the Smiths' house", "'", GALLEY_TOKEN_WORD, GALLEY_CASE_NONE, F_CLITIC | F_SPACE },
  { "China’s", "’s", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_CLITIC | F_SPACE | F_NON_ASCII },
  { "O'Brien", "O'Brien", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "'Hi'", "'", GALLEY_TOKEN_PUNCT, GALLEY_CASE_NONE, F_START },
  { "café", "café", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_SPACE | F_START | F_NON_ASCII },
  { "École", "École", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_SPACE | F_START | F_NON_ASCII },
  { "Москва", "Москва", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_SPACE | F_START | F_NON_ASCII },
  { "العربية", "العربية", GALLEY_TOKEN_WORD, GALLEY_CASE_NONE, F_SPACE | F_START | F_NON_ASCII },
  { "東京", "東", GALLEY_TOKEN_WORD, GALLEY_CASE_NONE, F_START | F_NON_ASCII },
  { "カタカナ", "カタカナ", GALLEY_TOKEN_WORD, GALLEY_CASE_NONE, F_SPACE | F_START | F_NON_ASCII },
  { "٣٤", "٣٤", GALLEY_TOKEN_NUMBER, GALLEY_CASE_NONE, F_SPACE | F_START | F_NON_ASCII },
  { "x²", "x²", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_SPACE | F_START | F_NON_ASCII },
  { "8bn", "8", GALLEY_TOKEN_NUMBER, GALLEY_CASE_NONE, F_START },
  { "8bn", "bn", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_SPACE },
  { "end.", "end", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_START },
  { "end.", ".", GALLEY_TOKEN_PUNCT, GALLEY_CASE_NONE, F_SPACE },
  { "two words", "two", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_SPACE | F_START },
  { "two words", "words", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_SPACE },
  { "A. Next", "A.", GALLEY_TOKEN_ABBREV, GALLEY_CASE_TITLE, F_SPACE | F_START },
  { "First. Second.", "Second", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_START },
  { "First. Second.", "First", GALLEY_TOKEN_WORD, GALLEY_CASE_TITLE, F_START },
  { "one,two", "one", GALLEY_TOKEN_WORD, GALLEY_CASE_LOWER, F_START },
};

START_TEST (test_flag_table)
{
  guint32 f = tt_flags (cases[_i].in, cases[_i].token);

  ck_assert_msg (GALLEY_TOKEN_KIND (f) == cases[_i].kind, "'%s' in '%s': kind %s, expected %s",
                 cases[_i].token, cases[_i].in, galley_token_kind_to_string (GALLEY_TOKEN_KIND (f)),
                 galley_token_kind_to_string (cases[_i].kind));
  ck_assert_msg (GALLEY_TOKEN_CASE (f) == cases[_i].tcase, "'%s' in '%s': case %s, expected %s",
                 cases[_i].token, cases[_i].in, galley_token_case_to_string (GALLEY_TOKEN_CASE (f)),
                 galley_token_case_to_string (cases[_i].tcase));
  ck_assert_msg ((f & F_ALL) == cases[_i].flags, "'%s' in '%s': flags 0x%x, expected 0x%x",
                 cases[_i].token, cases[_i].in, f & F_ALL, cases[_i].flags);
  ck_assert_uint_eq (f & ~(F_ALL | GALLEY_TOKEN_KIND_MASK | GALLEY_TOKEN_CASE_MASK), 0);
}
END_TEST

/* The span type is the interned kind name, for every token. */
START_TEST (test_span_type_is_kind_name)
{
  g_autoptr (GalleyDocument) doc =
    tt_run ("Mr. Smith paid $95 at 5:30, see https://x.com or a@b.com @me #tag \U0001F600.", NULL);
  GalleyLayer *layer = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);
  guint n;
  const GalleySpan *spans = galley_layer_get_spans (layer, &n);

  ck_assert_uint_eq (n, 16);
  for (guint i = 0; i < n; i++)
    ck_assert_str_eq (g_quark_to_string (spans[i].type),
                      galley_token_kind_to_string (GALLEY_TOKEN_KIND (spans[i].flags)));
}
END_TEST

START_TEST (test_typed_dump_shows_kinds)
{
  g_autofree char *got = tt_typed ("Mr. Smith paid $95 at 5:30, see https://x.com or a@b.com @me #tag \U0001F600.");

  ck_assert_str_eq (got, "abbrev:Mr.|word:Smith|word:paid|symbol:$|number:95|word:at|"
                         "number:5:30|punct:,|word:see|url:https://x.com|word:or|email:a@b.com|"
                         "mention:@me|hashtag:#tag|emoji:\U0001F600|punct:.");
}
END_TEST

/* Exactly one SENTENCE_START per sentence, on its first token. */
START_TEST (test_sentence_start_on_first_token_of_each_sentence)
{
  g_autoptr (GalleyDocument) doc = tt_run ("One two. Three four! \u201cFive?\u201d Six.", NULL);
  GalleyLayer *tl = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);
  GalleyLayer *sl = galley_document_get_layer (doc, GALLEY_LAYER_SENTENCE);
  guint nt, ns, starts = 0, s = 0;
  const GalleySpan *toks = galley_layer_get_spans (tl, &nt);
  const GalleySpan *sents = galley_layer_get_spans (sl, &ns);

  ck_assert_uint_eq (ns, 4);
  for (guint i = 0; i < nt; i++)
    if (toks[i].flags & F_START)
      {
        ck_assert_uint_lt (s, ns);
        ck_assert_uint_eq (toks[i].start, sents[s].start);
        s++, starts++;
      }
  ck_assert_uint_eq (starts, ns);
}
END_TEST

/* Sentences cover their tokens exactly: from the first token's start to
 * the last token's end, no white space at either side. */
START_TEST (test_sentences_cover_their_tokens)
{
  g_autoptr (GalleyDocument) doc = tt_run ("  One two.   Three four!\n\n  Five.  ", NULL);
  GalleyLayer *sl = galley_document_get_layer (doc, GALLEY_LAYER_SENTENCE);
  guint ns;
  const GalleySpan *sents = galley_layer_get_spans (sl, &ns);

  ck_assert_uint_eq (ns, 3);
  ck_assert_uint_eq (sents[0].start, 2);
  ck_assert_uint_eq (sents[0].end, 10);
  ck_assert_uint_eq (sents[1].start, 13);
  ck_assert_uint_eq (sents[1].end, 24);
  ck_assert_uint_eq (sents[2].start, 28);
  ck_assert_uint_eq (sents[2].end, 33);
  ck_assert_str_eq (g_quark_to_string (sents[0].type), "sentence");
  ck_assert_uint_eq (sents[0].flags, 0);
}
END_TEST

static Suite *
flags_suite (void)
{
  Suite *s = suite_create ("flags");
  TCase *tc = tcase_create ("table");
  TCase *layers = tcase_create ("layers");

  tcase_add_loop_test (tc, test_flag_table, 0, G_N_ELEMENTS (cases));
  suite_add_tcase (s, tc);
  tcase_add_test (layers, test_span_type_is_kind_name);
  tcase_add_test (layers, test_typed_dump_shows_kinds);
  tcase_add_test (layers, test_sentence_start_on_first_token_of_each_sentence);
  tcase_add_test (layers, test_sentences_cover_their_tokens);
  suite_add_tcase (s, layers);
  return s;
}

TT_MAIN (flags_suite)
