/* test-fast-paths.c: the scanner's fast paths and the paths they fall
 * back to, token by token with every bit the scanner sets.
 *
 * Each row is a text and its tokens as "text/kind/case/flags" joined by
 * '|', the flags as letters: s SPACE_AFTER, c CLITIC, n NON_ASCII, b
 * SENTENCE_START, '-' for none. The rows reach the run of plain words
 * (a word, one space, a letter: no return to the dispatch), the sixteen-
 * byte letter blocks of lower_run() (words longer than a block, a stop at
 * each end of the letter range, a word ending where fewer than sixteen
 * bytes remain), and the word scanner each fast path hands over to. */
#include "config.h"

#include "tokenizer-test.h"

typedef struct {
  const char *in;
  const char *out;
} Case;

static const Case cases[] = {
  /* a run of plain words: case from the first letter, space after or not */
  { "one two Three four", "one/word/lower/sb|two/word/lower/s|Three/word/title/s|four/word/lower/s" },
  { "one two, three; four", "one/word/lower/sb|two/word/lower/-|,/punct/none/s|three/word/lower/-|;/punct/none/s|four/word/lower/s" },
  { "one  two\tthree\nfour", "one/word/lower/sb|two/word/lower/s|three/word/lower/s|four/word/lower/s" },
  { "one\r\ntwo\rthree four", "one/word/lower/sb|two/word/lower/s|three/word/lower/s|four/word/lower/s" },
  { "one\vtwo\ffour", "one/word/lower/sb|two/word/lower/s|four/word/lower/s" },
  { "said \"yes\" (twice)", "said/word/lower/sb|\"/punct/none/-|yes/word/lower/-|\"/punct/none/s|(/punct/none/-|twice/word/lower/-|)/punct/none/s" },
  /* a comma and one space between plain words stay in the run (the
   * comma emitted there); a comma before anything else is the dispatch's */
  { "one, two, Three, 4", "one/word/lower/b|,/punct/none/s|two/word/lower/-|,/punct/none/s|Three/word/title/-|,/punct/none/s|4/number/none/s" },
  { "one,two ,three", "one/word/lower/b|,/punct/none/-|two/word/lower/s|,/punct/none/-|three/word/lower/s" },
  { "one,\ttwo, \"three\", U.S.", "one/word/lower/b|,/punct/none/s|two/word/lower/-|,/punct/none/s|\"/punct/none/-|three/word/lower/-|\"/punct/none/-|,/punct/none/s|U.S./abbrev/upper/s" },
  { "one,  two,\ntwo, ", "one/word/lower/b|,/punct/none/s|two/word/lower/-|,/punct/none/s|two/word/lower/-|,/punct/none/s" },
  { "one,", "one/word/lower/b|,/punct/none/s" },
  /* white space after punctuation and symbols from the ASCII table (VT,
   * FF, CR, tab, the end of the text; not other control characters) or,
   * after a non-ASCII byte, from the Unicode class */
  { "(a)\vb;\fc!\rd\"\te:\x01" "f", "(/punct/none/b|a/word/lower/-|)/punct/none/s|b/word/lower/-|;/punct/none/s|c/word/lower/-|!/punct/none/s|d/word/lower/-|\"/punct/none/s|e/word/lower/-|:/punct/none/-|f/word/lower/s" },
  { "x-\u00a0y&\u2003z?", "x/word/lower/b|-/punct/none/s|y/word/lower/-|&/symbol/none/s|z/word/lower/-|?/punct/none/s" },
  { "x\"\u00e9", "x/word/lower/b|\"/punct/none/-|\u00e9/word/lower/sn" },
  /* a run that reaches a word the word scanner takes */
  { "one two don't", "one/word/lower/sb|two/word/lower/s|do/word/lower/-|n't/word/lower/sc" },
  { "one two U.S. three", "one/word/lower/sb|two/word/lower/s|U.S./abbrev/upper/s|three/word/lower/s" },
  { "one two iPhone three", "one/word/lower/sb|two/word/lower/s|iPhone/word/mixed/s|three/word/lower/s" },
  { "one two café three", "one/word/lower/sb|two/word/lower/s|café/word/lower/sn|three/word/lower/s" },
  { "one two 42 three", "one/word/lower/sb|two/word/lower/s|42/number/none/s|three/word/lower/s" },
  { "one two. Three", "one/word/lower/sb|two/word/lower/-|./punct/none/s|Three/word/title/sb" },
  /* a plain word before a period: an abbreviation takes it, else the
   * period is a token of its own; a letter or digit after the period
   * is the word scanner's (e.g., said.5, a domain-like word) */
  { "he said. Then", "he/word/lower/sb|said/word/lower/-|./punct/none/s|Then/word/title/sb" },
  { "he said.\nThen said.", "he/word/lower/sb|said/word/lower/-|./punct/none/s|Then/word/title/sb|said/word/lower/-|./punct/none/s" },
  /* the period before a non-ASCII character is the dispatch's: a mark
   * joins it, a closing quote follows it */
  { "he said.\u201d Then", "he/word/lower/sb|said/word/lower/-|./punct/none/-|\u201d/punct/none/sn|Then/word/title/sb" },
  { "he said.\u0301 x", "he/word/lower/sb|said/word/lower/-|.\u0301/punct/none/sn|x/word/lower/s" },
  { "the Inc. board", "the/word/lower/sb|Inc./abbrev/title/s|board/word/lower/s" },
  { "Acme Inc., a firm", "Acme/word/title/sb|Inc./abbrev/title/-|,/punct/none/s|a/word/lower/s|firm/word/lower/s" },
  { "Acme Inc.\u00a0Next", "Acme/word/title/sb|Inc./abbrev/title/s|Next/word/title/sb" },
  { "see p. 12", "see/word/lower/sb|p./abbrev/lower/s|12/number/none/s" },
  { "a p. b", "a/word/lower/sb|p/word/lower/-|./punct/none/s|b/word/lower/s" },
  { "ms. smith", "ms/word/lower/b|./punct/none/s|smith/word/lower/s" },
  { "J. Smith", "J./abbrev/title/sb|Smith/word/title/s" },
  { "J.. Smith", "J/word/title/b|../punct/none/s|Smith/word/title/sb" },
  { "wait... now", "wait/word/lower/b|.../punct/none/s|now/word/lower/s" },
  { "Inc...", "Inc/word/title/b|.../punct/none/s" },
  { "the end.", "the/word/lower/sb|end/word/lower/-|./punct/none/s" },
  { "e.g. this", "e.g./abbrev/lower/sb|this/word/lower/s" },
  { "said.5 and", "said.5/word/lower/sb|and/word/lower/s" },
  { "example.com now", "example.com/url/lower/sb|now/word/lower/s" },
  /* plain numbers; a comma, period, colon or letter after the digits is
   * the word scanner's */
  { "in 2019 and 42", "in/word/lower/sb|2019/number/none/s|and/word/lower/s|42/number/none/s" },
  { "42; 7! 8? (9) \"10\"", "42/number/none/b|;/punct/none/s|7/number/none/-|!/punct/none/s|8/number/none/b|?/punct/none/s|(/punct/none/-|9/number/none/-|)/punct/none/s|\"/punct/none/-|10/number/none/-|\"/punct/none/s" },
  { "2019, 8,000 and 3.5 1990s 5:30", "2019/number/none/b|,/punct/none/s|8,000/number/none/s|and/word/lower/s|3.5/number/none/s|1990s/number/lower/s|5:30/number/none/s" },
  { "42", "42/number/none/sb" },
  { "5\u00a0km", "5/number/none/sb|km/word/lower/s" },
  /* numbers with groups of three after commas and decimals after
   * periods; a comma or period that joins nothing ends them */
  { "2,000 and 10,847.66 or 3.817.69", "2,000/number/none/sb|and/word/lower/s|10,847.66/number/none/s|or/word/lower/s|3.817.69/number/none/s" },
  { "1,2 12,3456 1,0000 1,000,000", "1/number/none/b|,/punct/none/-|2/number/none/s|12/number/none/-|,/punct/none/-|3456/number/none/s|1/number/none/-|,/punct/none/-|0000/number/none/s|1,000,000/number/none/s" },
  { "up 5. Then 2,000, then 6.. and 7.x", "up/word/lower/sb|5/number/none/-|./punct/none/s|Then/word/title/sb|2,000/number/none/-|,/punct/none/s|then/word/lower/s|6/number/none/-|../punct/none/s|and/word/lower/s|7/number/none/-|./punct/none/-|x/word/lower/s" },
  { "40% 1.5bn 2006/07 737-800 5:30", "40/number/none/b|%/symbol/none/s|1.5/number/none/-|bn/word/lower/s|2006/07/number/none/s|737-800/number/none/s|5:30/number/none/s" },
  { "1,000th 2.5m", "1,000th/number/lower/sb|2.5/number/none/-|m/word/lower/s" },
  /* a hyphen between lower-case letters joins; anything else after it
   * is the word scanner's */
  { "long-term so-called well-known, self-made.", "long-term/word/lower/sb|so-called/word/lower/s|well-known/word/lower/-|,/punct/none/s|self-made/word/lower/-|./punct/none/s" },
  { "Self-made A-list ex-Finance x-ray's", "Self-made/word/title/sb|A-list/word/title/s|ex-Finance/word/mixed/s|x-ray/word/lower/-|'s/word/lower/sc" },
  { "pre- and post-war yes--no face-to-face", "pre/word/lower/b|-/punct/none/s|and/word/lower/s|post-war/word/lower/s|yes/word/lower/-|--/punct/none/-|no/word/lower/s|face-to-face/word/lower/s" },
  { "COVID-19 high-tech www-x", "COVID-19/word/upper/sb|high-tech/word/lower/s|www-x/word/lower/s" },
  /* a plain word before the clitic 's ('s or ’s); other clitics, an s
   * that a letter, digit or non-ASCII character follows, and words of
   * capitals are the word scanner's */
  { "China's army, it's. the firm's\n", "China/word/title/b|'s/word/lower/sc|army/word/lower/-|,/punct/none/s|it/word/lower/-|'s/word/lower/c|./punct/none/s|the/word/lower/s|firm/word/lower/-|'s/word/lower/sc" },
  { "China’s the long-term’s", "China/word/title/b|’s/word/lower/scn|the/word/lower/s|long-term/word/lower/-|’s/word/lower/scn" },
  { "it'sx it's9 it'sé it'll we're NASA's", "it'sx/word/lower/sb|it's9/word/lower/s|it'sé/word/lower/sn|it/word/lower/-|'ll/word/lower/sc|we/word/lower/-|'re/word/lower/sc|NASA/word/upper/-|'s/word/lower/sc" },
  { "James' house don't I's", "James/word/title/b|'/word/none/sc|house/word/lower/s|do/word/lower/-|n't/word/lower/sc|I/word/title/-|'s/word/lower/sc" },
  /* words of capitals; a clitic, a period or a lower-case letter after
   * them is the word scanner's */
  { "NASA and US, NFL", "NASA/word/upper/sb|and/word/lower/s|US/word/upper/-|,/punct/none/s|NFL/word/upper/s" },
  { "NFL's USA. MPs AT&T", "NFL/word/upper/b|'s/word/lower/sc|USA/word/upper/-|./punct/none/s|MPs/word/mixed/sb|AT&T/word/upper/s" },
  { "OK", "OK/word/upper/sb" },
  /* words longer than one block of sixteen bytes, with sixteen bytes or
   * more after them, so that lower_run() reads whole blocks */
  { "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz end and more words",
    "abcdefghijklmnopqrstuvwxyz/word/lower/sb|abcdefghijklmnopqrstuvwxyz/word/lower/s|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  { "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz, end and more words",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz/word/lower/b|,/punct/none/s|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  /* a capital, a non-ASCII letter, a digit inside the second block */
  { "abcdefghijklmnopqRstuvwxyz end and more words",
    "abcdefghijklmnopqRstuvwxyz/word/mixed/sb|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  { "abcdefghijklmnopqéstuvwxyz end and more words",
    "abcdefghijklmnopqéstuvwxyz/word/lower/sbn|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  { "abcdefghijklmnopq7stuvwxyz end and more words",
    "abcdefghijklmnopq7stuvwxyz/word/lower/sb|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  /* a capital as the last byte of the first block */
  { "abcdefghijklmnoPqrstuvwxyz end and more words",
    "abcdefghijklmnoPqrstuvwxyz/word/mixed/sb|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  /* the bytes right outside a..z, ` and {, stop the letters */
  { "aaaa`aa end and more words and more words",
    "aaaa/word/lower/b|`/symbol/none/-|aa/word/lower/s|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  { "aaaa{aa end and more words and more words",
    "aaaa/word/lower/b|{/punct/none/-|aa/word/lower/s|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  { "zzzz`zz end and more words and more words",
    "zzzz/word/lower/b|`/symbol/none/-|zz/word/lower/s|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  { "zzzz{zz end and more words and more words",
    "zzzz/word/lower/b|{/punct/none/-|zz/word/lower/s|end/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s|and/word/lower/s|more/word/lower/s|words/word/lower/s" },
  /* runs of letters longer than the 64-byte mask of lower_end(), one
   * running to the end of the text (the last 64 bytes' mask), one
   * before a hyphen and one before a capital */
  { "one abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr",
    "one/word/lower/sb|abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr/word/lower/s" },
  { "one abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr-xyz two",
    "one/word/lower/sb|abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr-xyz/word/lower/s|two/word/lower/s" },
  { "one abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrS two",
    "one/word/lower/sb|abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrS/word/mixed/s|two/word/lower/s" },
  /* a line feed (and white space after it) between plain words: the run
   * goes on, and the word before the break is the splitter's to look at
   * (a blank line ends a sentence) */
  { "one two\nthree\n  four\n\nFive\r\nsix", "one/word/lower/sb|two/word/lower/s|three/word/lower/s|four/word/lower/s|Five/word/title/sb|six/word/lower/s" },
  { "one two\n\n42 three\n\n\"four\"", "one/word/lower/sb|two/word/lower/s|42/number/none/sb|three/word/lower/s|\"/punct/none/b|four/word/lower/-|\"/punct/none/s" },
  /* after a period, 's or capitals, one space or a line feed and a
   * letter continue the run */
  { "he said. Then he's NASA now\nand U.S. this", "he/word/lower/sb|said/word/lower/-|./punct/none/s|Then/word/title/sb|he/word/lower/-|'s/word/lower/sc|NASA/word/upper/s|now/word/lower/s|and/word/lower/s|U.S./abbrev/upper/s|this/word/lower/s" },
  { "he said.\nThen NASA\n\nNow the Inc.\nco", "he/word/lower/sb|said/word/lower/-|./punct/none/s|Then/word/title/sb|NASA/word/upper/s|Now/word/title/sb|the/word/lower/s|Inc./abbrev/title/s|co/word/lower/s" },
  /* words ending where fewer than sixteen bytes remain, and at the end */
  { "end abcdefghijklmnopqrstu", "end/word/lower/sb|abcdefghijklmnopqrstu/word/lower/s" },
  { "abcdefghijklmnopqrstu", "abcdefghijklmnopqrstu/word/lower/sb" },
  { "abcdefghijklmno", "abcdefghijklmno/word/lower/sb" },
  { "Abcdefghijklmnop!", "Abcdefghijklmnop/word/title/b|!/punct/none/s" },
  { "a", "a/word/lower/sb" },
  { "x y", "x/word/lower/sb|y/word/lower/s" },
  { "", "" },
};

static void
append_flags (GString *s, guint32 f)
{
  gsize before = s->len;

  if (f & GALLEY_TOKEN_FLAG_SPACE_AFTER)
    g_string_append_c (s, 's');
  if (f & GALLEY_TOKEN_FLAG_CLITIC)
    g_string_append_c (s, 'c');
  if (f & GALLEY_TOKEN_FLAG_SENTENCE_START)
    g_string_append_c (s, 'b');
  if (f & GALLEY_TOKEN_FLAG_NON_ASCII)
    g_string_append_c (s, 'n');
  if (s->len == before)
    g_string_append_c (s, '-');
}

/* Every token of @text as "text/kind/case/flags", joined by '|'. */
static char *
dump_tokens (const char *text)
{
  g_autoptr (GalleyDocument) doc = tt_run (text, NULL);
  GalleyLayer *layer = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);
  GString *s = g_string_new (NULL);
  guint n;
  const GalleySpan *spans = galley_layer_get_spans (layer, &n);

  for (guint i = 0; i < n; i++)
    {
      guint32 f = spans[i].flags;

      if (i > 0)
        g_string_append_c (s, '|');
      g_string_append_len (s, text + spans[i].start, spans[i].end - spans[i].start);
      g_string_append_printf (s, "/%s/%s/", galley_token_kind_to_string (GALLEY_TOKEN_KIND (f)),
                              galley_token_case_to_string (GALLEY_TOKEN_CASE (f)));
      append_flags (s, f);
    }
  return g_string_free (s, FALSE);
}

START_TEST (test_fast_path_table)
{
  g_autofree char *got = dump_tokens (cases[_i].in);

  ck_assert_msg (g_strcmp0 (got, cases[_i].out) == 0,
                 "row %d, input '%s':\n  expected '%s'\n  got      '%s'", _i, cases[_i].in,
                 cases[_i].out, got);
}
END_TEST

static gsize
first_difference (const char *a, const char *b)
{
  gsize i = 0;

  while (a[i] != '\0' && a[i] == b[i])
    i++;
  return i;
}

/* Words and commas across the batches of pending tokens: the run keeps
 * room for a word and its comma, flushing before either would not fit. */
START_TEST (test_comma_run_across_batches)
{
  g_autoptr (GString) in = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);
  g_autofree char *got = NULL;

  for (guint i = 0; i < 300; i++)
    {
      const char *w = i % 3 == 0 ? "ab" : i % 3 == 1 ? "Cd" : "ef";

      g_string_append_printf (in, "%s%s", w, i % 2 ? ", " : " ");
      /* a word before a space has SPACE_AFTER (the first one also
       * SENTENCE_START); one before its comma has no flag at all */
      g_string_append_printf (want, "%s%s/word/%s/%s", i > 0 ? "|" : "", w,
                              i % 3 == 1 ? "title" : "lower",
                              i == 0 ? "sb" : i % 2 ? "-" : "s");
      if (i % 2)
        g_string_append (want, "|,/punct/none/s");
    }
  got = dump_tokens (in->str);
  /* (ck_assert_str_eq cannot print strings this long) */
  ck_assert_msg (strcmp (got, want->str) == 0, "first difference at byte %zu",
                 (size_t) first_difference (got, want->str));
}
END_TEST

/* A word of _i + 1 letters, then plain words of 1 to 12 letters and
 * some of 40 to 70, some capitalised or with a hyphen, between single spaces, commas and line
 * feeds. lower_end() makes its first 64-byte mask at the first word, so
 * over the loop the words after it fall on every offset of that mask
 * (one starting at its last byte, one ending there ...); some are longer
 * than a mask, and the text's last 64 bytes have a mask of their own. */
START_TEST (test_words_across_masks)
{
  g_autoptr (GString) in = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);
  g_autofree char *got = NULL;
  const char *sep = " ";

  for (guint i = 0; i < 60; i++)
    {
      guint n = i == 0 ? (guint) _i + 1 : i % 9 == 5 ? 40 + i % 31 : 1 + (i * 7) % 12;
      /* a capital only where a lower-case word does not have to follow
       * a line feed (a capitalised line after one may be a headline's
       * next sentence) */
      gboolean title = i % 4 == 1 && strcmp (sep, " ") == 0;
      gsize start = in->len;

      for (guint j = 0; j < n; j++)
        {
          char c = (char) ('a' + (i + j) % 26);

          if (j == 0 && title)
            c = g_ascii_toupper (c);
          else if (i % 5 == 2 && n >= 3 && j == n / 2)
            c = '-';
          g_string_append_c (in, c);
        }
      sep = i == 59 ? "" : i % 7 == 3 ? ", " : i % 11 == 6 ? "\n  " : " ";
      g_string_append (in, sep);
      /* a word before its comma has no flag at all ('-'), but the first
       * word SENTENCE_START */
      g_string_append_printf (want, "%s%.*s/word/%s/%s", i > 0 ? "|" : "", (int) n,
                              in->str + start, title ? "title" : "lower",
                              sep[0] != ',' ? (i == 0 ? "sb" : "s") : (i == 0 ? "b" : "-"));
      if (sep[0] == ',')
        g_string_append (want, "|,/punct/none/s");
    }
  got = dump_tokens (in->str);
  ck_assert_msg (strcmp (got, want->str) == 0, "first word of %d letters: first difference at byte %zu",
                 _i + 1, (size_t) first_difference (got, want->str));
}
END_TEST

static Suite *
fast_paths_suite (void)
{
  Suite *s = suite_create ("fast-paths");
  TCase *tc = tcase_create ("table");

  tcase_add_loop_test (tc, test_fast_path_table, 0, G_N_ELEMENTS (cases));
  tcase_add_test (tc, test_comma_run_across_batches);
  tcase_add_loop_test (tc, test_words_across_masks, 0, 64);
  suite_add_tcase (s, tc);
  return s;
}

TT_MAIN (fast_paths_suite)
