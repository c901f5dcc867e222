/* test-tokenizer-stage.c: the stage class, its parameters, its layers,
 * and inputs at the edges: empty, white space only, huge, no spaces,
 * very long tokens, control characters, shared use by threads. */
#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "tokenizer-test.h"

/* ---- the class --------------------------------------------------------- */

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

START_TEST (test_class_declares_parameters)
{
  const GalleyParamSpec *p = galley_tokenizer_stage.params;

  ck_assert_str_eq (p[0].name, "abbreviations");
  ck_assert_int_eq (p[0].type, GALLEY_PARAM_PATH);
  ck_assert_ptr_null (p[0].default_value);
  ck_assert_str_eq (p[1].name, "newline-ends-sentence");
  ck_assert_int_eq (p[1].type, GALLEY_PARAM_BOOLEAN);
  ck_assert_str_eq (p[1].default_value, "false");
  ck_assert_str_eq (p[2].name, "languages");
  ck_assert_str_eq (p[2].default_value, "en");
  ck_assert_str_eq (p[3].name, "on-other-language");
  ck_assert_str_eq (p[3].default_value, "pass");
  ck_assert_ptr_null (p[4].name);
}
END_TEST

START_TEST (test_unknown_parameter_is_rejected)
{
  const char *params[] = { "lowercase=true", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_tokenizer_stage, params, &error);

  ck_assert_ptr_null (h);
  ck_assert (g_error_matches (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_UNKNOWN_KEY));
}
END_TEST

START_TEST (test_newline_parameter_must_be_boolean)
{
  const char *params[] = { "newline-ends-sentence=maybe", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_tokenizer_stage, params, &error);

  ck_assert_ptr_null (h);
  ck_assert (g_error_matches (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE));
}
END_TEST

/* ---- newline-ends-sentence ---------------------------------------------- */

START_TEST (test_single_newline_continues_sentence_by_default)
{
  g_autofree char *got = tt_sentences ("the first line\nand the second line");

  ck_assert_str_eq (got, "the first line\nand the second line");
}
END_TEST

START_TEST (test_newline_ends_sentence_when_asked)
{
  const char *params[] = { "newline-ends-sentence=true", NULL };
  g_autofree char *got = tt_sentences_with ("the first line\nand the second line.\nThird", params);

  ck_assert_str_eq (got, "the first line|and the second line.|Third");
}
END_TEST

START_TEST (test_newline_ends_sentence_after_abbreviation)
{
  const char *params[] = { "newline-ends-sentence=true", NULL };
  g_autofree char *got = tt_sentences_with ("Talks with Mr.\nSmith", params);

  ck_assert_str_eq (got, "Talks with Mr.|Smith");
}
END_TEST

START_TEST (test_blank_line_ends_sentence_always)
{
  const char *params[] = { "newline-ends-sentence=false", NULL };
  g_autofree char *got = tt_sentences_with ("talks with Mr.\n\nSmith said", params);

  ck_assert_str_eq (got, "talks with Mr.|Smith said");
}
END_TEST

/* ---- abbreviations= ---------------------------------------------------- */

/* Writes @contents to a new temporary file; its path (free it and unlink
 * it) is returned. */
static char *
write_temp (const char *contents, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("tok-abbrev-XXXXXX.txt", &path, &error);

  ck_assert_msg (fd >= 0, "%s", error ? error->message : "?");
  close (fd);
  ck_assert (g_file_set_contents (path, contents, len, &error));
  return path;
}

static GalleyHarness *
harness_with_abbrevs (const char *path, GError **error)
{
  g_autofree char *param = g_strdup_printf ("abbreviations=%s", path);
  const char *params[] = { param, NULL };

  return galley_harness_new (&galley_tokenizer_stage, params, error);
}

START_TEST (test_abbreviations_file_adds_words)
{
  g_autofree char *path = write_temp ("# house style\n\nUniv.\nDir\t title\nKorp end  \n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs (path, &error);
  g_autoptr (GalleyDocument) doc = NULL;
  g_autofree char *toks = NULL, *sents = NULL;

  ck_assert_msg (h != NULL, "%s", error ? error->message : "?");
  doc = galley_harness_run_text (h, "She left Harvard Univ. Dir. Smith said so. "
                                    "He joined Acme Korp. The firm grew.", &error);
  ck_assert_ptr_nonnull (doc);
  toks = galley_harness_dump_typed (doc, GALLEY_LAYER_TOKEN);
  sents = galley_harness_dump_layer (doc, GALLEY_LAYER_SENTENCE);
  ck_assert_str_eq (toks, "word:She|word:left|word:Harvard|abbrev:Univ.|abbrev:Dir.|"
                          "word:Smith|word:said|word:so|punct:.|word:He|word:joined|"
                          "word:Acme|abbrev:Korp.|word:The|word:firm|word:grew|punct:.");
  ck_assert_str_eq (sents, "She left Harvard Univ. Dir. Smith said so.|"
                           "He joined Acme Korp.|The firm grew.");
  g_unlink (path);
}
END_TEST

START_TEST (test_abbreviations_file_middle_class_ends_before_starter)
{
  g_autofree char *path = write_temp ("Xyz\n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs (path, &error);
  g_autoptr (GalleyDocument) doc = NULL;
  g_autofree char *sents = NULL;

  ck_assert_ptr_nonnull (h);
  doc = galley_harness_run_text (h, "It is in Xyz. The town is small. Xyz. Company rules.", &error);
  sents = galley_harness_dump_layer (doc, GALLEY_LAYER_SENTENCE);
  ck_assert_str_eq (sents, "It is in Xyz.|The town is small.|Xyz. Company rules.");
  g_unlink (path);
}
END_TEST

START_TEST (test_abbreviations_file_can_change_builtin_class)
{
  g_autofree char *path = write_temp ("etc title\n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs (path, &error);
  g_autoptr (GalleyDocument) doc = NULL;
  g_autofree char *sents = NULL;

  ck_assert_ptr_nonnull (h);
  doc = galley_harness_run_text (h, "Apples, pears etc. The end.", &error);
  sents = galley_harness_dump_layer (doc, GALLEY_LAYER_SENTENCE);
  ck_assert_str_eq (sents, "Apples, pears etc. The end.");
  g_unlink (path);
}
END_TEST

START_TEST (test_abbreviations_empty_file_is_fine)
{
  g_autofree char *path = write_temp ("", 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs (path, &error);

  ck_assert_msg (h != NULL, "%s", error ? error->message : "?");
  g_unlink (path);
}
END_TEST

START_TEST (test_abbreviations_crlf_lines)
{
  g_autofree char *path = write_temp ("Xyz.\r\nQrs end\r\n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs (path, &error);
  g_autoptr (GalleyDocument) doc = NULL;
  g_autofree char *toks = NULL;

  ck_assert_msg (h != NULL, "%s", error ? error->message : "?");
  doc = galley_harness_run_text (h, "Xyz. Qrs.", &error);
  toks = galley_harness_dump_typed (doc, GALLEY_LAYER_TOKEN);
  ck_assert_str_eq (toks, "abbrev:Xyz.|abbrev:Qrs.");
  g_unlink (path);
}
END_TEST

START_TEST (test_abbreviations_missing_file_names_it)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs ("/nonexistent/abbrevs.txt", &error);

  ck_assert_ptr_null (h);
  /* the system refused the file: an I/O error (galley exits 4) */
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_str_eq (error->message, "parameter 'abbreviations': cannot read "
                    "/nonexistent/abbrevs.txt: No such file or directory");
}
END_TEST

START_TEST (test_abbreviations_unknown_class_names_file_and_line)
{
  g_autofree char *path = write_temp ("Univ\n# note\nFoo bogus\n", -1);
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs (path, &error);

  ck_assert_ptr_null (h);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  want = g_strdup_printf ("parameter 'abbreviations': %s:3: unknown class 'bogus' "
                          "(expected title, middle, end or numeric)", path);
  ck_assert_str_eq (error->message, want);
  g_unlink (path);
}
END_TEST

START_TEST (test_abbreviations_too_long_names_file_and_line)
{
  g_autofree char *path = write_temp ("ok\nabcdefghijklmnopqrstuvwxyzabcdefgh\n", -1);
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs (path, &error);

  ck_assert_ptr_null (h);
  want = g_strdup_printf ("parameter 'abbreviations': %s:2: 'abcdefghijklmnopqrstuvwxyzabcdefgh' "
                          "is not an abbreviation (1 to 31 bytes, not starting with '.')", path);
  ck_assert_str_eq (error->message, want);
  g_unlink (path);
}
END_TEST

START_TEST (test_abbreviations_lone_period_is_refused)
{
  g_autofree char *path = write_temp (".\n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs (path, &error);

  ck_assert_ptr_null (h);
  ck_assert_msg (strstr (error->message, ":1: '.' is not an abbreviation") != NULL, "%s",
                 error->message);
  g_unlink (path);
}
END_TEST

START_TEST (test_abbreviations_binary_file_is_refused)
{
  static const char binary[] = { 'a', 'b', '\n', (char) 0xff, (char) 0xfe, 0, 1, '\n' };
  g_autofree char *path = write_temp (binary, sizeof binary);
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = harness_with_abbrevs (path, &error);

  ck_assert_ptr_null (h);
  want = g_strdup_printf ("parameter 'abbreviations': %s:2: invalid UTF-8", path);
  ck_assert_str_eq (error->message, want);
  g_unlink (path);
}
END_TEST

START_TEST (test_abbreviations_huge_file)
{
  GString *s = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GalleyDocument) doc = NULL;
  g_autofree char *toks = NULL;

  /* Abaaaa .. Abfryd: 100000 letter-only abbreviations */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (s, "Ab%c%c%c%c\n", 'a' + i / 17576, 'a' + i / 676 % 26,
                            'a' + i / 26 % 26, 'a' + i % 26);
  path = write_temp (s->str, (gssize) s->len);
  g_string_free (s, TRUE);
  h = harness_with_abbrevs (path, &error);
  ck_assert_msg (h != NULL, "%s", error ? error->message : "?");
  doc = galley_harness_run_text (h, "Abfryd. Abaaaa. Abfrye.", &error);
  toks = galley_harness_dump_typed (doc, GALLEY_LAYER_TOKEN);
  ck_assert_str_eq (toks, "abbrev:Abfryd.|abbrev:Abaaaa.|word:Abfrye|punct:.");
  g_unlink (path);
}
END_TEST

/* ---- layers ------------------------------------------------------------ */

START_TEST (test_empty_text_gives_empty_layers)
{
  g_autoptr (GalleyDocument) doc = tt_run ("", NULL);

  ck_assert_ptr_nonnull (galley_document_get_layer (doc, GALLEY_LAYER_TOKEN));
  ck_assert_ptr_nonnull (galley_document_get_layer (doc, GALLEY_LAYER_SENTENCE));
  ck_assert_uint_eq (galley_layer_get_n_spans (galley_document_get_layer (doc, GALLEY_LAYER_TOKEN)), 0);
  ck_assert_uint_eq (galley_layer_get_n_spans (galley_document_get_layer (doc, GALLEY_LAYER_SENTENCE)), 0);
}
END_TEST

START_TEST (test_white_space_only_gives_empty_layers)
{
  g_autoptr (GalleyDocument) doc = tt_run (" \t\r\n\n\u00a0\u3000\u2028 \u200b\ufeff ", NULL);

  ck_assert_uint_eq (galley_layer_get_n_spans (galley_document_get_layer (doc, GALLEY_LAYER_TOKEN)), 0);
  ck_assert_uint_eq (galley_layer_get_n_spans (galley_document_get_layer (doc, GALLEY_LAYER_SENTENCE)), 0);
}
END_TEST

START_TEST (test_running_twice_starts_afresh)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  g_autoptr (GalleyDocument) doc = galley_harness_run_text (h, "One two. Three.", &error);
  g_autofree char *first = galley_harness_dump_layer (doc, GALLEY_LAYER_TOKEN);
  g_autofree char *again = NULL, *sents = NULL;

  ck_assert (galley_harness_run (h, doc, &error));
  again = galley_harness_dump_layer (doc, GALLEY_LAYER_TOKEN);
  sents = galley_harness_dump_layer (doc, GALLEY_LAYER_SENTENCE);
  ck_assert_str_eq (first, "One|two|.|Three|.");
  ck_assert_str_eq (again, first);
  ck_assert_str_eq (sents, "One two.|Three.");
  ck_assert_uint_eq (galley_document_get_n_layers (doc), 2);
}
END_TEST

START_TEST (test_replaces_token_layer_of_another_stage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", "Hi there.", -1);
  GalleyLayer *old = galley_document_ensure_layer (doc, GALLEY_LAYER_TOKEN);
  g_autofree char *toks = NULL;

  galley_layer_append (old, 0, 9, g_quark_from_static_string ("junk"), 0);
  ck_assert (galley_harness_run (h, doc, &error));
  toks = galley_harness_dump_layer (doc, GALLEY_LAYER_TOKEN);
  ck_assert_str_eq (toks, "Hi|there|.");
}
END_TEST

/* Every token lies inside the text, in order, without overlap, and covers
 * no white space; every sentence starts and ends on token boundaries. */
static void
check_layers_well_formed (GalleyDocument *doc)
{
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  guint nt, ns;
  const GalleySpan *toks = galley_layer_get_spans (galley_document_get_layer (doc, "token"), &nt);
  const GalleySpan *sents = galley_layer_get_spans (galley_document_get_layer (doc, "sentence"), &ns);
  guint32 prev_end = 0;
  guint t = 0;

  for (guint i = 0; i < nt; i++)
    {
      ck_assert_uint_ge (toks[i].start, prev_end);
      ck_assert_uint_lt (toks[i].start, toks[i].end);
      ck_assert_uint_le (toks[i].end, len);
      ck_assert (g_utf8_validate_len (text + toks[i].start, toks[i].end - toks[i].start, NULL));
      ck_assert (!g_unichar_isspace (g_utf8_get_char (text + toks[i].start)));
      prev_end = toks[i].end;
    }
  for (guint i = 0; i < ns; i++)
    {
      while (t < nt && toks[t].start < sents[i].start)
        t++;
      ck_assert_uint_lt (t, nt);
      ck_assert_uint_eq (toks[t].start, sents[i].start);
      ck_assert (toks[t].flags & GALLEY_TOKEN_FLAG_SENTENCE_START);
      while (t < nt && toks[t].end < sents[i].end)
        t++;
      ck_assert_uint_lt (t, nt);
      ck_assert_uint_eq (toks[t].end, sents[i].end);
    }
  if (nt > 0)
    {
      ck_assert_uint_gt (ns, 0);
      ck_assert_uint_eq (sents[0].start, toks[0].start);
      ck_assert_uint_eq (sents[ns - 1].end, toks[nt - 1].end);
    }
}

static const char paragraph[] =
  "WASHINGTON (AP) \u2014 Gen. Mark Milley\u2019s visit to the U.S. Capitol came "
  "amid growing tension. Shares of Acme Inc. fell 4.5% to $95.20 on Jan. 12, "
  "the worst drop since the 1990s. \u201cThis is not a victory,\u201d said Sen. "
  "J. R. Smith. Didn't they know? See https://example.com/news or write to "
  "news@example.com #breaking @galley \U0001F600 \u6771\u4eac caf\u00e9!\n\n";

START_TEST (test_50mb_single_article)
{
  g_autoptr (GalleyDocument) one = tt_run (paragraph, NULL);
  guint one_tokens = galley_layer_get_n_spans (galley_document_get_layer (one, "token"));
  guint one_sents = galley_layer_get_n_spans (galley_document_get_layer (one, "sentence"));
  gsize plen = strlen (paragraph), reps = 50 * 1000 * 1000 / plen + 1;
  GString *big = g_string_sized_new (reps * plen + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  g_autoptr (GalleyDocument) doc = NULL;
  guint nt, ns;
  const GalleySpan *toks, *sents;

  ck_assert_uint_eq (one_tokens, 72);
  ck_assert_uint_eq (one_sents, 6);
  for (gsize i = 0; i < reps; i++)
    g_string_append_len (big, paragraph, (gssize) plen);
  ck_assert_uint_gt (big->len, 50 * 1000 * 1000);
  doc = galley_document_new_take ("big", big->str, big->len);
  g_string_free (big, FALSE);
  ck_assert (galley_harness_run (h, doc, &error));
  toks = galley_layer_get_spans (galley_document_get_layer (doc, "token"), &nt);
  sents = galley_layer_get_spans (galley_document_get_layer (doc, "sentence"), &ns);
  ck_assert_uint_eq (nt, one_tokens * reps);
  ck_assert_uint_eq (ns, one_sents * reps);
  /* the last paragraph is tokenized exactly like the first */
  ck_assert_uint_eq (toks[nt - 1].end, reps * plen - 2);
  ck_assert_uint_eq (sents[ns - 1].start, (reps - 1) * plen + 248);
}
END_TEST

START_TEST (test_text_without_spaces)
{
  g_autofree char *toks = tt_tokens ("Hello,world.This-is;a:test!Yes?No(really)\"quoted\"end.");
  g_autofree char *sents = tt_sentences ("Hello,world.This-is;a:test!Yes?No(really)\"quoted\"end.");

  ck_assert_str_eq (toks, "Hello|,|world|.|This-is|;|a|:|test|!|Yes|?|No|(|really|)|\"|quoted|\"|end|.");
  ck_assert_str_eq (sents, "Hello,world.|This-is;a:test!|Yes?|No(really)\"quoted\"end.");
}
END_TEST

START_TEST (test_cjk_text_without_spaces)
{
  g_autofree char *toks = tt_tokens ("\u4eca\u65e5\u306f\u6674\u308c\u3002\u660e\u65e5\u3082\u3002");
  g_autofree char *sents = tt_sentences ("\u4eca\u65e5\u306f\u6674\u308c\u3002\u660e\u65e5\u3082\u3002");

  ck_assert_str_eq (toks, "\u4eca|\u65e5|\u306f|\u6674|\u308c|\u3002|\u660e|\u65e5|\u3082|\u3002");
  ck_assert_str_eq (sents, "\u4eca\u65e5\u306f\u6674\u308c\u3002|\u660e\u65e5\u3082\u3002");
}
END_TEST

/* One token of @n copies of @unit then @suffix, kind @kind. */
static void
check_long_token_with (const char *unit, gsize n, const char *suffix, const char *kind)
{
  GString *s = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;
  GalleyLayer *layer;
  guint nt;
  const GalleySpan *spans;

  for (gsize i = 0; i < n; i++)
    g_string_append (s, unit);
  g_string_append (s, suffix);
  doc = tt_run (s->str, NULL);
  layer = galley_document_get_layer (doc, "token");
  spans = galley_layer_get_spans (layer, &nt);
  ck_assert_uint_eq (nt, 1);
  ck_assert_uint_eq (spans[0].start, 0);
  ck_assert_uint_eq (spans[0].end, s->len);
  ck_assert_str_eq (g_quark_to_string (spans[0].type), kind);
  ck_assert_uint_eq (galley_layer_get_n_spans (galley_document_get_layer (doc, "sentence")), 1);
  g_string_free (s, TRUE);
}

static void
check_long_token (const char *unit, gsize n, const char *kind)
{
  check_long_token_with (unit, n, "", kind);
}

START_TEST (test_very_long_word)
{
  check_long_token ("a", 1 << 20, "word");
}
END_TEST

START_TEST (test_very_long_accented_word)
{
  check_long_token ("\u00e9", 1 << 18, "word");
}
END_TEST

START_TEST (test_very_long_number)
{
  check_long_token ("123,456", 1, "number");
  check_long_token ("9", 1 << 20, "number");
}
END_TEST

START_TEST (test_very_long_hyphenated_compound)
{
  check_long_token_with ("ab-", 100000, "ab", "word");
}
END_TEST

START_TEST (test_very_long_url)
{
  GString *s = g_string_new ("https://example.com/");
  g_autofree char *toks = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "segment/");
  g_string_append (s, " next");
  toks = tt_typed (s->str);
  ck_assert_uint_eq (strlen (toks), strlen ("url:") + s->len - strlen (" next") + strlen ("|word:next"));
  ck_assert (g_str_has_suffix (toks, "segment/|word:next"));
  g_string_free (s, TRUE);
}
END_TEST

START_TEST (test_very_long_run_of_exclamation_marks)
{
  check_long_token ("!", 100000, "punct");
}
END_TEST

START_TEST (test_very_long_emoji_sequence)
{
  GString *s = g_string_new ("\U0001F468");
  g_autofree char *toks = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (s, "\u200d\U0001F469");
  toks = tt_typed (s->str);
  ck_assert_uint_eq (strlen (toks), strlen ("emoji:") + s->len);
  g_string_free (s, TRUE);
}
END_TEST

START_TEST (test_many_short_sentences)
{
  GString *s = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "Go! ");
  doc = tt_run (s->str, NULL);
  ck_assert_uint_eq (galley_layer_get_n_spans (galley_document_get_layer (doc, "token")), 200000);
  ck_assert_uint_eq (galley_layer_get_n_spans (galley_document_get_layer (doc, "sentence")), 100000);
  check_layers_well_formed (doc);
  g_string_free (s, TRUE);
}
END_TEST

/* The splitter's candidates live in a buffer of 256 on the stack and
 * move to the heap past it: 255, 256, 257 and 600 sentences all split
 * where they should. */
START_TEST (test_sentences_around_the_candidate_buffer)
{
  static const guint counts[] = { 255, 256, 257, 600 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      GString *text = g_string_new (NULL), *want = g_string_new (NULL);
      g_autofree char *got = NULL;

      for (guint i = 0; i < counts[c]; i++)
        {
          g_string_append_printf (text, "Go %u! ", i);
          g_string_append_printf (want, "%sGo %u!", i ? "|" : "", i);
        }
      got = tt_sentences (text->str);
      ck_assert_str_eq (got, want->str);
      g_string_free (text, TRUE);
      g_string_free (want, TRUE);
    }
}
END_TEST

START_TEST (test_control_characters_are_skipped)
{
  g_autofree char *toks = tt_tokens ("a\x01" "b\x1f" "c\x7f" "d \x02 e");

  ck_assert_str_eq (toks, "a|b|c|d|e");
}
END_TEST

/* Every ASCII byte and a sample of odd code points, in every order that
 * a sliding window gives: the layers stay well formed. */
START_TEST (test_odd_input_keeps_layers_well_formed)
{
  static const char *const odd[] = {
    "\u0301", "\u200d", "\u200c", "\ufe0f", "\u20e3", "\U0001F3FB", "\U000E0067", "\U0001F1FA",
    "\u2019", "\u2018", "\u00ad", "\u0378", "\ue000", "\U0010FFFD", "\u2028", "\u2029",
    "\u0663", "\u00bd", "\u05f4", "\u00b7", "\u30fc", "\u6771", "\u3042", "\uac00", "\u0e01",
    "\u0627", "\u05d0", "\u0915", "\u094d", "\u2026", "\u2014", "\u00a0", "\ufeff", "\u2212",
  };
  GString *s = g_string_new (NULL);

  for (int c = 1; c < 128; c++)
    g_string_append_c (s, (char) c);
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    g_string_append (s, odd[i]);
  for (guint rep = 0; rep < 3; rep++)
    for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
      {
        g_string_append (s, odd[(i * 7 + rep) % G_N_ELEMENTS (odd)]);
        g_string_append (s, rep == 1 ? "a" : rep == 2 ? "1." : "");
      }
  for (gsize from = 0; from < s->len; from += 7)
    {
      const char *start = s->str + from;
      g_autoptr (GalleyDocument) doc = NULL;

      if (!g_utf8_validate (start, -1, NULL))
        continue;
      doc = tt_run (start, NULL);
      check_layers_well_formed (doc);
    }
  g_string_free (s, TRUE);
}
END_TEST

START_TEST (test_news_text_layers_well_formed)
{
  g_autoptr (GalleyDocument) doc = tt_run (paragraph, NULL);

  check_layers_well_formed (doc);
}
END_TEST

/* ---- threads ----------------------------------------------------------- */

typedef struct {
  GalleyHarness *h;   /* unused: the instance is shared below */
  gpointer stage;
  char *result;
} Work;

static gpointer
tokenize_in_thread (gpointer data)
{
  Work *w = data;
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GalleyDocument) doc = galley_document_new ("t", paragraph, -1);
      g_autofree char *toks = NULL;

      if (!galley_tokenizer_stage.process (w->stage, doc, &error))
        break;
      toks = galley_harness_dump_layer (doc, "sentence");
      if (i == 0)
        g_string_append (all, toks);
      else if (strcmp (toks, all->str) != 0)
        g_string_append (all, "|MISMATCH");
    }
  w->result = g_string_free (all, FALSE);
  return NULL;
}

START_TEST (test_one_instance_shared_by_threads)
{
  g_autoptr (GalleyParams) params = galley_params_new (galley_tokenizer_stage.params);
  g_autoptr (GError) error = NULL;
  gpointer stage;
  Work w[4] = { { 0 } };
  GThread *threads[4];
  g_autofree char *expected = NULL;

  ck_assert (galley_params_finish (params, &error));
  stage = galley_tokenizer_stage.create (params, &error);
  ck_assert_ptr_nonnull (stage);
  expected = tt_sentences (paragraph);
  for (guint i = 0; i < 4; i++)
    {
      w[i].stage = stage;
      threads[i] = g_thread_new ("tok", tokenize_in_thread, &w[i]);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_thread_join (threads[i]);
      ck_assert_str_eq (w[i].result, expected);
      g_free (w[i].result);
    }
  galley_tokenizer_stage.free (stage);
}
END_TEST

static Suite *
stage_suite (void)
{
  Suite *s = suite_create ("tokenizer-stage");
  TCase *tc = tcase_create ("class");
  TCase *nl = tcase_create ("newline-ends-sentence");
  TCase *ab = tcase_create ("abbreviations");
  TCase *ly = tcase_create ("layers");
  TCase *edge = tcase_create ("edges");

  tcase_add_test (tc, test_class_declares_layers);
  tcase_add_test (tc, test_class_declares_parameters);
  tcase_add_test (tc, test_unknown_parameter_is_rejected);
  tcase_add_test (tc, test_newline_parameter_must_be_boolean);
  tcase_add_test (tc, test_one_instance_shared_by_threads);
  suite_add_tcase (s, tc);

  tcase_add_test (nl, test_single_newline_continues_sentence_by_default);
  tcase_add_test (nl, test_newline_ends_sentence_when_asked);
  tcase_add_test (nl, test_newline_ends_sentence_after_abbreviation);
  tcase_add_test (nl, test_blank_line_ends_sentence_always);
  suite_add_tcase (s, nl);

  tcase_add_test (ab, test_abbreviations_file_adds_words);
  tcase_add_test (ab, test_abbreviations_file_middle_class_ends_before_starter);
  tcase_add_test (ab, test_abbreviations_file_can_change_builtin_class);
  tcase_add_test (ab, test_abbreviations_empty_file_is_fine);
  tcase_add_test (ab, test_abbreviations_crlf_lines);
  tcase_add_test (ab, test_abbreviations_missing_file_names_it);
  tcase_add_test (ab, test_abbreviations_unknown_class_names_file_and_line);
  tcase_add_test (ab, test_abbreviations_too_long_names_file_and_line);
  tcase_add_test (ab, test_abbreviations_lone_period_is_refused);
  tcase_add_test (ab, test_abbreviations_binary_file_is_refused);
  tcase_add_test (ab, test_abbreviations_huge_file);
  tcase_set_timeout (ab, 120);
  suite_add_tcase (s, ab);

  tcase_add_test (ly, test_empty_text_gives_empty_layers);
  tcase_add_test (ly, test_white_space_only_gives_empty_layers);
  tcase_add_test (ly, test_running_twice_starts_afresh);
  tcase_add_test (ly, test_replaces_token_layer_of_another_stage);
  tcase_add_test (ly, test_news_text_layers_well_formed);
  suite_add_tcase (s, ly);

  /* big inputs: generous timeouts for valgrind */
  tcase_add_test (edge, test_50mb_single_article);
  tcase_add_test (edge, test_text_without_spaces);
  tcase_add_test (edge, test_cjk_text_without_spaces);
  tcase_add_test (edge, test_very_long_word);
  tcase_add_test (edge, test_very_long_accented_word);
  tcase_add_test (edge, test_very_long_number);
  tcase_add_test (edge, test_very_long_hyphenated_compound);
  tcase_add_test (edge, test_very_long_url);
  tcase_add_test (edge, test_very_long_run_of_exclamation_marks);
  tcase_add_test (edge, test_sentences_around_the_candidate_buffer);
  tcase_add_test (edge, test_very_long_emoji_sequence);
  tcase_add_test (edge, test_many_short_sentences);
  tcase_add_test (edge, test_control_characters_are_skipped);
  tcase_add_test (edge, test_odd_input_keeps_layers_well_formed);
  tcase_set_timeout (edge, 900);
  suite_add_tcase (s, edge);
  return s;
}

TT_MAIN (stage_suite)
