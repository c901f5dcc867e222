/* test-export-csv.c: the export-csv stage, through the harness. */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "csv-format.h"
#include "export-csv.h"
#include "lib/doc-fixtures.h"
#include "lib/io-test.h"
#include "lib/sink-harness.h"

static char *dir;

static void
setup (void)
{
  dir = io_test_tmpdir ();
}

static void
teardown (void)
{
  io_test_rmtree (dir);
  g_clear_pointer (&dir, g_free);
}

/* The stage in the harness (tests/lib/sink-harness.h). */
#define build(...) sink_build (&galley_export_csv_stage, __VA_ARGS__)
#define build_error(...) sink_build_error (&galley_export_csv_stage, __VA_ARGS__)
#define build_va(path, error, ap) sink_build_va (&galley_export_csv_stage, path, error, ap)
#define run(h, doc) sink_run (h, doc)
#define commit(h) sink_commit (h)

/* export_one: @doc through export-csv into a fresh file; its contents. */
static char *
export_one (GalleyDocument *doc, ...) G_GNUC_NULL_TERMINATED;

static char *
export_one (GalleyDocument *doc, ...)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GError) error = NULL;
  GalleyHarness *h;
  va_list ap;

  va_start (ap, doc);
  h = build_va (path, &error, ap);
  va_end (ap);
  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  run (h, doc);
  commit (h);
  galley_harness_free (h);
  return io_test_read (path);
}

#define ARTICLE_HEADER \
  "id,title,published,source,url,sentiment.compound,sentiment.pos," \
  "sentiment.neg,sentiment.neu,n_sentences,n_entities\r\n"
#define ARTICLE_ROW \
  "world/001,\"Leaders meet, talk \"\"trade\"\"\",2024-04-26T09:30:00Z," \
  "Daily Planet,https://example.com/world/001,0.0095,0.1250,0.2220,0.6530,2,3\r\n"

/* ---- document rows ---- */

START_TEST (test_document_rows_default_columns)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = export_one (doc, NULL);

  ck_assert_str_eq (csv, ARTICLE_HEADER ARTICLE_ROW);
}
END_TEST

START_TEST (test_document_rows_missing_values_are_empty)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("bare", "No layers here.", -1);
  g_autofree char *csv = export_one (doc, NULL);

  ck_assert_str_eq (csv, ARTICLE_HEADER "bare,,,,,,,,,,\r\n");
}
END_TEST

START_TEST (test_document_rows_empty_layers_count_zero)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", "Text.", -1);
  g_autofree char *csv = NULL;

  galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);
  csv = export_one (doc, "columns=id,n_sentences,n_entities", NULL);
  ck_assert_str_eq (csv, "id,n_sentences,n_entities\r\nd,0,0\r\n");
}
END_TEST

START_TEST (test_quoting_delimiter_quote_cr_lf)
{
  g_autoptr (GalleyDocument) doc =
      fixture_doc ("q", "x", "a,b", "say \"hi\"", "line1\nline2", "cr\rhere");
  g_autofree char *csv = export_one (doc, "columns=title,published,source,url", NULL);

  ck_assert_str_eq (csv, "title,published,source,url\r\n"
                    "\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"cr\rhere\"\r\n");
}
END_TEST

START_TEST (test_quoting_leaves_plain_fields_bare)
{
  g_autoptr (GalleyDocument) doc =
      fixture_doc ("p", "x", "it's fine; really", " spaces ", "tab\there", "");
  g_autofree char *csv = export_one (doc, "columns=title,published,source,url", NULL);

  ck_assert_str_eq (csv, "title,published,source,url\r\n"
                    "it's fine; really, spaces ,tab\there,\r\n");
}
END_TEST

START_TEST (test_line_end_lf)
{
  g_autoptr (GalleyDocument) doc = fixture_doc ("n", "x", "two\r\nlines", NULL, NULL, NULL);
  g_autofree char *csv = export_one (doc, "columns=id,title", "line-end=lf", NULL);

  /* the CRLF inside the field is data: quoted, kept as it is */
  ck_assert_str_eq (csv, "id,title\nn,\"two\r\nlines\"\n");
}
END_TEST

START_TEST (test_delimiter_semicolon)
{
  g_autoptr (GalleyDocument) doc = fixture_doc ("s", "x", "a;b", "a,b", NULL, NULL);
  g_autofree char *csv = export_one (doc, "columns=id,title,published",
                                     "delimiter=;", NULL);

  ck_assert_str_eq (csv, "id;title;published\r\ns;\"a;b\";a,b\r\n");
}
END_TEST

START_TEST (test_delimiter_tab_by_name)
{
  g_autoptr (GalleyDocument) doc = fixture_doc ("t", "x", "a\tb", "a b", NULL, NULL);
  g_autofree char *csv = export_one (doc, "columns=id,title,published",
                                     "delimiter=tab", NULL);

  ck_assert_str_eq (csv, "id\ttitle\tpublished\r\nt\t\"a\tb\"\ta b\r\n");
}
END_TEST

START_TEST (test_delimiter_backslash_t)
{
  g_autoptr (GalleyDocument) doc = fixture_doc ("t", "x", "T", NULL, NULL, NULL);
  g_autofree char *csv = export_one (doc, "columns=id,title", "delimiter=\\t", NULL);

  ck_assert_str_eq (csv, "id\ttitle\r\nt\tT\r\n");
}
END_TEST

START_TEST (test_delimiter_invalid_is_an_error)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  static const char *const bad[] = { "delimiter=ab", "delimiter=\"", "delimiter=\xc3\xa9",
                                     "delimiter=\r", "delimiter=\n" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *msg = build_error (path, bad[i], NULL);
      g_autofree char *expected = g_strdup_printf (
          "parameter 'delimiter': expected one ASCII character other than "
          "'\"', CR and LF, or one of comma, semicolon, tab, pipe, space; "
          "got '%s'", bad[i] + strlen ("delimiter="));
      ck_assert_str_eq (msg, expected);
    }
}
END_TEST

START_TEST (test_columns_choose_and_order)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = export_one (doc, "columns=n_entities,id,sentiment.compound", NULL);

  ck_assert_str_eq (csv, "n_entities,id,sentiment.compound\r\n3,world/001,0.0095\r\n");
}
END_TEST

START_TEST (test_columns_meta_and_feature_keys)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = NULL;
  GalleyValue cats = { GALLEY_VALUE_JSON, { .s = (char *) "[\"world\",\"europe\"]" } };

  galley_document_set_meta (doc, "author", "A. Writer");
  galley_document_set_meta_value (doc, "categories", &cats);
  galley_document_set_feature_int (doc, "words", 17);
  galley_document_set_feature_boolean (doc, "paywall", FALSE);
  csv = export_one (doc, "columns=id,author,meta.categories,feature.words,"
                    "feature.paywall,meta.missing", NULL);
  ck_assert_str_eq (csv, "id,author,meta.categories,feature.words,feature.paywall,meta.missing\r\n"
                    "world/001,A. Writer,\"[\"\"world\"\",\"\"europe\"\"]\",17,false,\r\n");
}
END_TEST

START_TEST (test_columns_unknown_is_an_error_listing_valid_ones)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *doc_msg = build_error (path, "columns=id,headline", NULL);
  g_autofree char *ent_msg = build_error (path, "rows=entity", "columns=doc_id,title", NULL);
  g_autofree char *sen_msg = build_error (path, "rows=sentence", "columns=norm", NULL);

  ck_assert_str_eq (doc_msg,
                    "parameter 'columns': unknown column 'headline' for rows=document; "
                    "valid columns: id, title, published, source, url, sentiment.compound, "
                    "sentiment.pos, sentiment.neg, sentiment.neu, n_sentences, n_entities, "
                    "author, language, n_tokens, text, meta.KEY, feature.KEY");
  ck_assert_str_eq (ent_msg,
                    "parameter 'columns': unknown column 'title' for rows=entity; "
                    "valid columns: doc_id, start, end, type, text, norm, cluster, "
                    "sentiment, mentions, index, meta.KEY, feature.KEY");
  ck_assert_str_eq (sen_msg,
                    "parameter 'columns': unknown column 'norm' for rows=sentence; "
                    "valid columns: doc_id, index, start, end, text, compound, pos, "
                    "neg, neu, meta.KEY, feature.KEY");
  /* a close name is suggested, before the list */
  {
    g_autofree char *msg = build_error (path, "columns=id,titel", NULL);
    g_autofree char *ent = build_error (path, "rows=entity", "columns=doc_id,Norm", NULL);

    ck_assert_str_eq (msg,
                      "parameter 'columns': unknown column 'titel' for rows=document; "
                      "did you mean 'title'? valid columns: id, title, published, source, url, "
                      "sentiment.compound, sentiment.pos, sentiment.neg, sentiment.neu, "
                      "n_sentences, n_entities, author, language, n_tokens, text, meta.KEY, "
                      "feature.KEY");
    ck_assert_str_eq (ent,
                      "parameter 'columns': unknown column 'Norm' for rows=entity; "
                      "did you mean 'norm'? valid columns: doc_id, start, end, type, text, "
                      "norm, cluster, sentiment, mentions, index, meta.KEY, feature.KEY");
  }
  /* a prefix without its KEY names no column */
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "meta." : "feature.";
      g_autofree char *param = g_strdup_printf ("columns=id,%s", name);
      g_autofree char *msg = build_error (path, param, NULL);

      g_autofree char *want = g_strdup_printf (
        "parameter 'columns': unknown column '%s' for rows=document; valid columns: id, "
        "title, published, source, url, sentiment.compound, sentiment.pos, sentiment.neg, "
        "sentiment.neu, n_sentences, n_entities, author, language, n_tokens, text, "
        "meta.KEY, feature.KEY", name);

      ck_assert_str_eq (msg, want);
    }
}
END_TEST

START_TEST (test_columns_named_twice_is_an_error)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *msg = build_error (path, "columns=id,title,id", NULL);

  ck_assert_str_eq (msg, "parameter 'columns': column 'id' is named twice");
}
END_TEST

START_TEST (test_header_false)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = export_one (doc, "header=false", NULL);

  ck_assert_str_eq (csv, ARTICLE_ROW);
}
END_TEST

START_TEST (test_document_text_column_keeps_newlines)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = export_one (doc, "columns=id,text", "line-end=lf", NULL);

  ck_assert_str_eq (csv, "id,text\nworld/001,\"\xc3\x89lodie Martin met Emmanuel "
                    "Macron in Z\xc3\xbcrich. Both praised the deal, calling it "
                    "\"\"historic\"\".\nCritics were unhappy.\"\n");
}
END_TEST

/* ---- entity rows ---- */

#define ENTITY_HEADER "doc_id,start,end,type,text,norm,cluster,sentiment,mentions\r\n"

START_TEST (test_entity_rows_codepoint_offsets)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = export_one (doc, "rows=entity", NULL);

  ck_assert_str_eq (csv, ENTITY_HEADER
                    "world/001,0,13,PERSON,\xc3\x89lodie Martin,\xc3\x89lodie Martin,1,0.4404,1\r\n"
                    "world/001,18,33,PERSON,Emmanuel Macron,Emmanuel Macron,2,0.4404,1\r\n"
                    "world/001,37,43,GPE,Z\xc3\xbcrich,Z\xc3\xbcrich,3,,\r\n");
}
END_TEST

START_TEST (test_entity_rows_byte_offsets)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = export_one (doc, "rows=entity", "offsets=byte",
                                     "columns=start,end,text", NULL);

  ck_assert_str_eq (csv, "start,end,text\r\n0,14,\xc3\x89lodie Martin\r\n"
                    "19,34,Emmanuel Macron\r\n38,45,Z\xc3\xbcrich\r\n");
}
END_TEST

START_TEST (test_entity_rows_utf16_offsets)
{
  /* U+1F600 is one code point, two UTF-16 units, four bytes */
  g_autoptr (GalleyDocument) doc = galley_document_new ("e", "\xf0\x9f\x98\x80 Oslo", -1);
  g_autofree char *cp = NULL;
  g_autofree char *u16 = NULL;

  fixture_add_entity (doc, 0, "Oslo", "GPE", "Oslo", 1, NAN, 1);
  cp = export_one (doc, "rows=entity", "columns=start,end", NULL);
  u16 = export_one (doc, "rows=entity", "columns=start,end", "offsets=utf16", NULL);
  ck_assert_str_eq (cp, "start,end\r\n2,6\r\n");
  ck_assert_str_eq (u16, "start,end\r\n3,7\r\n");
}
END_TEST

START_TEST (test_entity_rows_nested_spans)
{
  /* a longer span first, then one inside it: the end offsets go back */
  g_autoptr (GalleyDocument) doc =
      galley_document_new ("n", "the Bank of \xc3\x89ngland said", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  g_autofree char *csv = NULL;

  galley_layer_append (layer, 4, 20, g_quark_from_string ("ORG"), 0);
  galley_layer_append (layer, 12, 20, g_quark_from_string ("GPE"), 0);
  galley_layer_append (layer, 21, 25, g_quark_from_string ("X"), 0);
  csv = export_one (doc, "rows=entity", "columns=start,end,type,text", NULL);
  ck_assert_str_eq (csv, "start,end,type,text\r\n4,19,ORG,Bank of \xc3\x89ngland\r\n"
                    "12,19,GPE,\xc3\x89ngland\r\n20,24,X,said\r\n");
}
END_TEST

START_TEST (test_entity_rows_with_document_metadata)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = export_one (doc, "rows=entity",
                                     "columns=meta.published,norm,index", NULL);

  ck_assert_str_eq (csv, "meta.published,norm,index\r\n"
                    "2024-04-26T09:30:00Z,\xc3\x89lodie Martin,0\r\n"
                    "2024-04-26T09:30:00Z,Emmanuel Macron,1\r\n"
                    "2024-04-26T09:30:00Z,Z\xc3\xbcrich,2\r\n");
}
END_TEST

START_TEST (test_entity_rows_none_without_layer)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("x", "Nothing.", -1);
  g_autofree char *csv = export_one (doc, "rows=entity", NULL);

  ck_assert_str_eq (csv, ENTITY_HEADER);
}
END_TEST

/* ---- sentence rows ---- */

START_TEST (test_sentence_rows)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = export_one (doc, "rows=sentence", NULL);

  ck_assert_str_eq (csv, "doc_id,index,start,end,text,compound\r\n"
                    "world/001,0,0,90,\"\xc3\x89lodie Martin met Emmanuel Macron in "
                    "Z\xc3\xbcrich. Both praised the deal, calling it "
                    "\"\"historic\"\".\",0.4404\r\n"
                    "world/001,1,91,112,Critics were unhappy.,-0.4215\r\n");
}
END_TEST

START_TEST (test_sentence_rows_all_scores)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = export_one (doc, "rows=sentence",
                                     "columns=index,compound,pos,neg,neu", NULL);

  ck_assert_str_eq (csv, "index,compound,pos,neg,neu\r\n"
                    "0,0.4404,0.2500,0.0000,0.7500\r\n"
                    "1,-0.4215,0.0000,0.4440,0.5560\r\n");
}
END_TEST

START_TEST (test_sentence_rows_take_the_sentences_own_score)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("s", "Fine words. Bad.", -1);
  GalleyLayer *sentiment;
  guint i;
  g_autofree char *csv = NULL;
  g_autofree char *int_csv = NULL;

  /* a score of more than the sentence (the whole text) that starts where
   * the sentence does comes first in the layer (longer spans first), and
   * is not the sentence's */
  sentiment = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTIMENT);
  i = galley_layer_append (sentiment, 0, 16, g_quark_from_static_string ("sentiment"), 0);
  galley_layer_set_feature_double (sentiment, i, "compound", 0.75);
  fixture_add_sentence (doc, 0, "Fine words.", 0.25, 0, 0, 0);
  fixture_add_sentence (doc, 11, "Bad.", -0.5, 0, 0, 0);
  csv = export_one (doc, "rows=sentence", "columns=index,compound", NULL);
  ck_assert_str_eq (csv, "index,compound\r\n0,0.2500\r\n1,-0.5000\r\n");
  /* and a negative integer feature keeps its sign */
  galley_document_set_feature_int (doc, "delta", -42);
  int_csv = export_one (doc, "columns=id,feature.delta", NULL);
  ck_assert_str_eq (int_csv, "id,feature.delta\r\ns,-42\r\n");
}
END_TEST

START_TEST (test_sentence_rows_without_sentiment)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("s", "One. Two.", -1);
  g_autofree char *csv = NULL;

  fixture_add_sentence (doc, 0, "One.", NAN, 0, 0, 0);
  fixture_add_sentence (doc, 4, "Two.", NAN, 0, 0, 0);
  csv = export_one (doc, "rows=sentence", NULL);
  ck_assert_str_eq (csv, "doc_id,index,start,end,text,compound\r\n"
                    "s,0,0,4,One.,\r\ns,1,5,9,Two.,\r\n");
}
END_TEST

/* ---- formulas ---- */

static GalleyDocument *
formula_doc (void)
{
  return fixture_doc ("f", "x", "=SUM(A1:A9)", "+1 (555) 0100", "-2", "@cmd");
}

START_TEST (test_formula_like_values_are_written_unchanged)
{
  g_autoptr (GalleyDocument) doc = formula_doc ();
  g_autofree char *csv = NULL;

  galley_document_set_feature_double (doc, "sentiment.compound", -0.5);
  csv = export_one (doc, "columns=title,published,source,url,sentiment.compound", NULL);
  ck_assert_str_eq (csv, "title,published,source,url,sentiment.compound\r\n"
                    "=SUM(A1:A9),+1 (555) 0100,-2,@cmd,-0.5000\r\n");
}
END_TEST

START_TEST (test_negative_zero_has_no_sign)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("z", "x", -1);
  g_autofree char *csv = NULL;

  fixture_set_sentiment (doc, -0.0, -0.00004, -0.00005, 1.0);
  csv = export_one (doc, "columns=sentiment.compound,sentiment.pos,sentiment.neg,"
                    "sentiment.neu", NULL);
  ck_assert_str_eq (csv, "sentiment.compound,sentiment.pos,sentiment.neg,sentiment.neu\r\n"
                    "0.0000,0.0000,-0.0001,1.0000\r\n");
}
END_TEST

START_TEST (test_non_finite_numbers_are_empty)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("n", "x", -1);
  g_autofree char *csv = NULL;

  fixture_set_sentiment (doc, NAN, INFINITY, -INFINITY, 0.5);
  csv = export_one (doc, "columns=sentiment.compound,sentiment.pos,sentiment.neg,"
                    "sentiment.neu", NULL);
  ck_assert_str_eq (csv, "sentiment.compound,sentiment.pos,sentiment.neg,sentiment.neu\r\n"
                    ",,,0.5000\r\n");
}
END_TEST

START_TEST (test_formula_guard_prefixes_text_not_numbers)
{
  g_autoptr (GalleyDocument) doc = formula_doc ();
  g_autofree char *csv = NULL;

  galley_document_set_meta (doc, "author", "=HYPERLINK(\"x\",\"y\")");
  galley_document_set_feature_double (doc, "sentiment.compound", -0.5);
  csv = export_one (doc, "columns=title,published,source,url,author,sentiment.compound",
                    "formula-guard=true", NULL);
  ck_assert_str_eq (csv, "title,published,source,url,author,sentiment.compound\r\n"
                    "'=SUM(A1:A9),'+1 (555) 0100,'-2,'@cmd,"
                    "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",-0.5000\r\n");
}
END_TEST

START_TEST (test_formula_guard_sees_past_a_leading_tab_or_cr)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("t", "x", -1);
  g_autofree char *csv = NULL;

  /* spreadsheets strip a leading tab or CR before they look for a formula */
  galley_document_set_meta (doc, "title", "\t=1+2");
  galley_document_set_meta (doc, "author", "\r@cmd");
  csv = export_one (doc, "columns=title,author", "formula-guard=true", NULL);
  ck_assert_str_eq (csv, "title,author\r\n'\t=1+2,\"'\r@cmd\"\r\n");
}
END_TEST

/* ---- files, commit, discard, append ---- */

START_TEST (test_nothing_written_before_commit)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) doc = fixture_article ();
  GalleyHarness *h = build (path, NULL);

  run (h, doc);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  commit (h);
  ck_assert (g_file_test (path, G_FILE_TEST_EXISTS));
  galley_harness_free (h);
}
END_TEST

START_TEST (test_discard_keeps_previous_file_and_leaves_no_temporary)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *after = NULL;
  GalleyHarness *h;
  GDir *d;

  g_file_set_contents (path, "previous,run\r\n", -1, NULL);
  h = build (path, NULL);
  run (h, doc);
  galley_harness_free (h);  /* no commit: the harness discards */
  after = io_test_read (path);
  ck_assert_str_eq (after, "previous,run\r\n");
  d = g_dir_open (dir, 0, NULL);
  ck_assert_str_eq (g_dir_read_name (d), "out.csv");
  ck_assert_ptr_null (g_dir_read_name (d));
  g_dir_close (d);
}
END_TEST

START_TEST (test_replace_overwrites)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = NULL;

  g_file_set_contents (path, "old\r\n", -1, NULL);
  csv = export_one (doc, NULL);
  ck_assert_str_eq (csv, ARTICLE_HEADER ARTICLE_ROW);
}
END_TEST

START_TEST (test_empty_run_writes_header_only)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *csv = NULL;
  GalleyHarness *h = build (path, "columns=id,title", NULL);

  commit (h);
  galley_harness_free (h);
  csv = io_test_read (path);
  ck_assert_str_eq (csv, "id,title\r\n");
}
END_TEST

START_TEST (test_checkpoint_commits_keep_every_row_once)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
  g_autoptr (GalleyDocument) b = fixture_doc ("b", "x", "B", NULL, NULL, NULL);
  g_autofree char *mid = NULL;
  g_autofree char *csv = NULL;
  GalleyHarness *h = build (path, "columns=id,title", NULL);

  run (h, a);
  commit (h);
  mid = io_test_read (path);
  run (h, b);
  commit (h);
  commit (h);
  galley_harness_free (h);
  csv = io_test_read (path);
  ck_assert_str_eq (mid, "id,title\r\na,A\r\n");
  ck_assert_str_eq (csv, "id,title\r\na,A\r\nb,B\r\n");
}
END_TEST

START_TEST (test_append_header_only_when_file_is_new)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
  g_autoptr (GalleyDocument) b = fixture_doc ("b", "x", "B", NULL, NULL, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GalleyHarness *h;

  h = build (path, "mode=append", "columns=id,title", NULL);
  run (h, a);
  commit (h);
  galley_harness_free (h);
  first = io_test_read (path);
  h = build (path, "mode=append", "columns=id,title", NULL);
  run (h, b);
  commit (h);
  galley_harness_free (h);
  second = io_test_read (path);
  ck_assert_str_eq (first, "id,title\r\na,A\r\n");
  ck_assert_str_eq (second, "id,title\r\na,A\r\nb,B\r\n");
}
END_TEST

/* An append of nothing makes no file, not even a header, with one row per
 * id (unique=true) or without: a run whose dated path moved on to a day
 * with no article leaves no file for it. The header comes with the first
 * row, also after a checkpoint with none. */
START_TEST (test_append_of_nothing_makes_no_file)
{
  const char *uniques[] = { "unique=true", "unique=false" };

  for (guint i = 0; i < G_N_ELEMENTS (uniques); i++)
    {
      g_autofree char *name = g_strdup_printf ("out%u.csv", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
      g_autofree char *csv = NULL;
      GalleyHarness *h;

      h = build (path, "mode=append", uniques[i], "columns=id,title", NULL);
      commit (h);
      galley_harness_free (h);
      ck_assert_msg (!g_file_test (path, G_FILE_TEST_EXISTS), "%s: a file was made", uniques[i]);
      h = build (path, "mode=append", uniques[i], "columns=id,title", NULL);
      run (h, a);
      commit (h);
      galley_harness_free (h);
      csv = io_test_read (path);
      ck_assert_str_eq (csv, "id,title\r\na,A\r\n");
    }
}
END_TEST

START_TEST (test_append_to_empty_file_writes_header)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
  g_autofree char *csv = NULL;

  g_file_set_contents (path, "", 0, NULL);
  csv = export_one (a, "mode=append", "columns=id,title", NULL);
  ck_assert_str_eq (csv, "id,title\r\na,A\r\n");
}
END_TEST

START_TEST (test_append_without_unique_keeps_duplicates)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
  g_autofree char *csv = NULL;

  g_file_set_contents (path, "id,title\r\na,old\r\n", -1, NULL);
  csv = export_one (a, "mode=append", "unique=false", "columns=id,title", NULL);
  ck_assert_str_eq (csv, "id,title\r\na,old\r\na,A\r\n");
}
END_TEST

START_TEST (test_append_unique_replaces_rows_of_a_reprocessed_document)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A v2", NULL, NULL, NULL);
  g_autoptr (GalleyDocument) c = fixture_doc ("c", "x", "C", NULL, NULL, NULL);
  g_autofree char *csv = NULL;
  GalleyHarness *h;

  g_file_set_contents (path, "doc_id,text\r\na,old 1\r\nb,\"keep,\r\nme\"\r\na,old 2\r\n", -1, NULL);
  fixture_add_entity (a, 0, "x", "X", NULL, -1, NAN, -1);
  fixture_add_entity (c, 0, "x", "X", NULL, -1, NAN, -1);
  h = build (path, "mode=append", "rows=entity", "columns=doc_id,text", NULL);
  run (h, a);
  run (h, c);
  commit (h);
  galley_harness_free (h);
  csv = io_test_read (path);
  ck_assert_str_eq (csv, "doc_id,text\r\nb,\"keep,\r\nme\"\r\na,x\r\nc,x\r\n");
}
END_TEST

/* A document the run writes twice before a commit keeps the rows of its
 * last writing only (all of them: rows=entity gives two), at the end */
START_TEST (test_append_unique_keeps_the_last_rows_of_a_document_written_twice)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a1 = fixture_doc ("a", "x y", "A", NULL, NULL, NULL);
  g_autoptr (GalleyDocument) b = fixture_doc ("b", "x", "B", NULL, NULL, NULL);
  g_autoptr (GalleyDocument) a2 = fixture_doc ("a", "x y", "A", NULL, NULL, NULL);
  g_autofree char *csv = NULL;
  GalleyHarness *h;

  g_file_set_contents (path, "doc_id,text\r\nz,z\r\n", -1, NULL);
  fixture_add_entity (a1, 0, "x", "X", NULL, -1, NAN, -1);
  fixture_add_entity (b, 0, "x", "X", NULL, -1, NAN, -1);
  fixture_add_entity (a2, 0, "x", "X", NULL, -1, NAN, -1);
  fixture_add_entity (a2, 2, "y", "X", NULL, -1, NAN, -1);
  h = build (path, "mode=append", "rows=entity", "columns=doc_id,text", NULL);
  run (h, a1);
  run (h, b);
  run (h, a2);
  commit (h);
  galley_harness_free (h);
  csv = io_test_read (path);
  ck_assert_str_eq (csv, "doc_id,text\r\nz,z\r\nb,x\r\na,x\r\na,y\r\n");
}
END_TEST

START_TEST (test_append_unique_rerun_does_not_duplicate)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *csv = NULL;

  for (int run_no = 0; run_no < 3; run_no++)
    {
      GalleyHarness *h = build (path, "mode=append", NULL);
      g_autoptr (GalleyDocument) doc = fixture_article ();
      run (h, doc);
      commit (h);
      galley_harness_free (h);
    }
  csv = io_test_read (path);
  ck_assert_str_eq (csv, ARTICLE_HEADER ARTICLE_ROW);
}
END_TEST

START_TEST (test_append_unique_checkpoints)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
  g_autoptr (GalleyDocument) b = fixture_doc ("b", "x", "B", NULL, NULL, NULL);
  g_autofree char *csv = NULL;
  GalleyHarness *h;

  g_file_set_contents (path, "id,title\r\nz,Z\r\n", -1, NULL);
  h = build (path, "mode=append", "columns=id,title", NULL);
  run (h, a);
  commit (h);
  run (h, b);
  commit (h);
  galley_harness_free (h);
  csv = io_test_read (path);
  ck_assert_str_eq (csv, "id,title\r\nz,Z\r\na,A\r\nb,B\r\n");
}
END_TEST

START_TEST (test_append_unique_discard_keeps_file)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("z", "x", "new", NULL, NULL, NULL);
  g_autofree char *csv = NULL;
  GalleyHarness *h;

  g_file_set_contents (path, "id,title\r\nz,Z\r\n", -1, NULL);
  h = build (path, "mode=append", "columns=id,title", NULL);
  run (h, a);
  galley_harness_free (h);
  csv = io_test_read (path);
  ck_assert_str_eq (csv, "id,title\r\nz,Z\r\n");
}
END_TEST

START_TEST (test_append_adds_missing_final_line_end)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
  g_autofree char *csv = NULL;

  g_file_set_contents (path, "id,title\r\nz,Z", -1, NULL);
  csv = export_one (a, "mode=append", "columns=id,title", NULL);
  ck_assert_str_eq (csv, "id,title\r\nz,Z\r\na,A\r\n");
}
END_TEST

START_TEST (test_append_refuses_a_different_header)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *msg = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after = NULL;

  g_file_set_contents (path, "id,headline\r\na,A\r\n", -1, NULL);
  msg = build_error (path, "mode=append", "columns=id,title", NULL);
  expected = g_strdup_printf ("%s: cannot append: the file's header (id, headline) "
                              "differs from the columns this stage writes (id, title); "
                              "use mode=replace or another file", path);
  ck_assert_str_eq (msg, expected);
  after = io_test_read (path);
  ck_assert_str_eq (after, "id,headline\r\na,A\r\n");
}
END_TEST

START_TEST (test_append_malformed_existing_file_fails_commit)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after = NULL;
  GalleyHarness *h;

  g_file_set_contents (path, "id,title\r\nz,\"open\r\n", -1, NULL);
  h = build (path, "mode=append", "columns=id,title", NULL);
  run (h, a);
  ck_assert (!galley_harness_commit (h, &error));
  galley_harness_free (h);
  expected = g_strdup_printf ("%s:2: malformed CSV: a quoted field is not closed", path);
  ck_assert_str_eq (error->message, expected);
  after = io_test_read (path);
  ck_assert_str_eq (after, "id,title\r\nz,\"open\r\n");
}
END_TEST

START_TEST (test_missing_directory_fails_at_create)
{
  g_autofree char *path = g_build_filename (dir, "no", "such", "out.csv", NULL);
  g_autofree char *msg = build_error (path, NULL);
  g_autofree char *append_msg = build_error (path, "mode=append", NULL);
  g_autofree char *expected = g_strdup_printf (
      "%s: cannot create output: No such file or directory", path);

  ck_assert_str_eq (msg, expected);
  ck_assert_str_eq (append_msg, expected);
}
END_TEST

START_TEST (test_symlink_is_kept_and_its_target_written)
{
  g_autofree char *target = g_build_filename (dir, "2024-05-02.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "latest.csv", NULL);
  g_autoptr (GalleyDocument) doc = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
  g_autofree char *csv = NULL;
  g_autofree char *dest = NULL;
  GalleyHarness *h;

  g_file_set_contents (target, "old\r\n", -1, NULL);
  ck_assert_int_eq (symlink ("2024-05-02.csv", link), 0);
  h = build (link, "columns=id,title", NULL);
  run (h, doc);
  commit (h);
  galley_harness_free (h);
  dest = g_file_read_link (link, NULL);
  ck_assert_str_eq (dest, "2024-05-02.csv");
  csv = io_test_read (target);
  ck_assert_str_eq (csv, "id,title\r\na,A\r\n");
}
END_TEST

START_TEST (test_dangling_symlink_creates_its_target)
{
  g_autofree char *target = g_build_filename (dir, "new.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "latest.csv", NULL);
  g_autoptr (GalleyDocument) a = fixture_doc ("a", "x", "A", NULL, NULL, NULL);
  g_autofree char *csv = NULL;
  GalleyHarness *h;

  ck_assert_int_eq (symlink (target, link), 0);
  h = build (link, "columns=id", "mode=append", NULL);
  run (h, a);
  commit (h);
  galley_harness_free (h);
  ck_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  csv = io_test_read (target);
  ck_assert_str_eq (csv, "id\r\na\r\n");
}
END_TEST

START_TEST (test_stdout)
{
  g_autofree char *path = g_build_filename (dir, "stdout.txt", NULL);
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autofree char *csv = NULL;
  int saved = dup (STDOUT_FILENO);
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  GalleyHarness *h;

  fflush (stdout);
  dup2 (fd, STDOUT_FILENO);
  close (fd);
  h = build ("-", NULL);
  run (h, doc);
  commit (h);
  galley_harness_free (h);
  dup2 (saved, STDOUT_FILENO);
  close (saved);
  csv = io_test_read (path);
  ck_assert_str_eq (csv, ARTICLE_HEADER ARTICLE_ROW);
}
END_TEST

/* ---- round trip through a strict parser ---- */

/* parse: every record of @csv, strictly; fails the test on an error. */
static GPtrArray *
parse (const char *csv, char delimiter)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  CsvReader reader;
  CsvReadStatus status;

  csv_reader_init (&reader, csv, strlen (csv), delimiter, "out.csv");
  for (;;)
    {
      GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
      status = csv_reader_next (&reader, fields, NULL, NULL, &error);
      if (status != CSV_READ_RECORD)
        {
          g_ptr_array_unref (fields);
          break;
        }
      g_ptr_array_add (records, fields);
    }
  ck_assert_msg (status == CSV_READ_END, "%s", error ? error->message : "");
  return records;
}

/* nasty_text: random text over an alphabet of everything CSV has to
 * escape, non-ASCII letters and formula starters. */
static char *
nasty_text (GRand *rand, guint max_len)
{
  static const char *const atoms[] = {
    ",", "\"", "\r", "\n", "\r\n", ";", "\t", " ", "=", "+", "-", "@", "'",
    "a", "Z", "0", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\"\"", ",\"",
  };
  GString *s = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, max_len + 1);

  for (guint i = 0; i < n; i++)
    g_string_append (s, atoms[g_rand_int_range (rand, 0, G_N_ELEMENTS (atoms))]);
  return g_string_free (s, FALSE);
}

static void
round_trip (const char *delimiter_param, char delimiter, const char *line_end)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (4180);
  g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *csv = NULL;
  GalleyHarness *h = build (path, "columns=id,title,source,text", delimiter_param,
                            line_end, NULL);

  for (int i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%d", i);
      g_autofree char *title = nasty_text (rand, 12);
      g_autofree char *source = nasty_text (rand, 3);
      g_autofree char *text = nasty_text (rand, 40);
      g_autoptr (GalleyDocument) doc = fixture_doc (id, text, title, NULL, source, NULL);
      char *row[] = { id, title, source, text, NULL };

      run (h, doc);
      g_ptr_array_add (expected, g_strdupv (row));
    }
  commit (h);
  galley_harness_free (h);

  csv = io_test_read (path);
  records = parse (csv, delimiter);
  ck_assert_uint_eq (records->len, expected->len + 1);
  for (guint r = 0; r < expected->len; r++)
    {
      GPtrArray *got = g_ptr_array_index (records, r + 1);
      char **want = g_ptr_array_index (expected, r);
      ck_assert_uint_eq (got->len, 4);
      for (guint f = 0; f < 4; f++)
        ck_assert_str_eq (g_ptr_array_index (got, f), want[f]);
    }
}

START_TEST (test_round_trip_comma_crlf)
{
  round_trip ("delimiter=,", ',', "line-end=crlf");
}
END_TEST

START_TEST (test_round_trip_semicolon_lf)
{
  round_trip ("delimiter=semicolon", ';', "line-end=lf");
}
END_TEST

START_TEST (test_round_trip_tab)
{
  round_trip ("delimiter=tab", '\t', "line-end=crlf");
}
END_TEST

START_TEST (test_round_trip_huge_field)
{
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  GString *text = g_string_new (NULL);
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *csv = NULL;
  GalleyHarness *h = build (path, "columns=id,text", NULL);
  GalleyDocument *doc;

  /* 4 MiB of text with quotes and line ends: bigger than the buffers */
  while (text->len < 4 * 1024 * 1024)
    g_string_append (text, "He said \"no\",\r\nthen left. ");
  doc = galley_document_new ("big", text->str, text->len);
  run (h, doc);
  commit (h);
  galley_harness_free (h);
  csv = io_test_read (path);
  records = parse (csv, ',');
  ck_assert_uint_eq (records->len, 2);
  ck_assert_str_eq (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (records, 1), 1),
                    text->str);
  galley_document_free (doc);
  g_string_free (text, TRUE);
}
END_TEST

/* ---- offset conversion ---- */

/* units_before: the units before byte @b, counted plainly, as an oracle. */
static gsize
units_before (const char *text, gsize b, GalleyOffsetUnit unit)
{
  gsize n = 0;

  if (unit == GALLEY_OFFSETS_BYTE)
    return b;
  for (const char *p = text; p < text + b; p = g_utf8_next_char (p))
    n += unit == GALLEY_OFFSETS_UTF16 && g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
  return n;
}

START_TEST (test_offset_map_reused_in_any_order_agrees_with_counting)
{
  static const char *const chars[] = {
    "a", " ", "Z", "\xc3\xa9", "\xd0\x96", "\xe2\x82\xac", "\xe4\xb8\xad",
    "\xf0\x9f\x98\x80", "\xf0\x9d\x90\x80",
  };
  static const GalleyOffsetUnit units[] = {
    GALLEY_OFFSETS_CODEPOINT, GALLEY_OFFSETS_UTF16, GALLEY_OFFSETS_BYTE,
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (16);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) bounds = g_array_new (FALSE, FALSE, sizeof (gsize));

  /* runs of ASCII longer than a word, and mixed runs */
  for (int i = 0; i < 2000; i++)
    {
      gsize at = text->len;
      g_array_append_val (bounds, at);
      g_string_append (text, chars[g_rand_int_range (rand, 0, i % 50 < 25 ? 3 : G_N_ELEMENTS (chars))]);
    }
  g_array_append_val (bounds, text->len);

  for (gsize u = 0; u < G_N_ELEMENTS (units); u++)
    {
      GalleyOffsetMap ours;
      galley_offset_map_init (&ours, text->str, text->len, units[u]);
      for (int k = 0; k < 3000; k++)
        {
          /* mostly forward, sometimes back a little, sometimes anywhere */
          gsize b = g_array_index (bounds, gsize, g_rand_int_range (rand, 0, bounds->len));
          ck_assert_uint_eq (galley_offset_map_convert (&ours, b),
                             units_before (text->str, b, units[u]));
        }
    }
}
END_TEST

/* ---- the strict reader itself ---- */

static char *
reader_error (const char *csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  CsvReader reader;
  CsvReadStatus status;

  csv_reader_init (&reader, csv, strlen (csv), ',', "in.csv");
  while ((status = csv_reader_next (&reader, fields, NULL, NULL, &error)) == CSV_READ_RECORD)
    ;
  ck_assert_int_eq (status, CSV_READ_ERROR);
  return g_strdup (error->message);
}

START_TEST (test_reader_rejects_malformed)
{
  g_autofree char *a = reader_error ("a,b\r\nc,\"d");
  g_autofree char *b = reader_error ("a,b\nc,d\"e\n");
  g_autofree char *c = reader_error ("a,\"b\"c\n");
  g_autofree char *d = reader_error ("a,b\rc\n");
  g_autofree char *e = reader_error ("\"x\ny\nz\"\n\"\"\"\n");

  ck_assert_str_eq (a, "in.csv:2: malformed CSV: a quoted field is not closed");
  ck_assert_str_eq (b, "in.csv:2: malformed CSV: a quote inside an unquoted field");
  ck_assert_str_eq (c, "in.csv:1: malformed CSV: text after the closing quote of a field");
  ck_assert_str_eq (d, "in.csv:1: malformed CSV: a CR not followed by LF");
  ck_assert_str_eq (e, "in.csv:4: malformed CSV: a quoted field is not closed");
}
END_TEST

START_TEST (test_reader_empty_input_has_no_records)
{
  g_autoptr (GPtrArray) records = parse ("", ',');

  ck_assert_uint_eq (records->len, 0);
}
END_TEST

START_TEST (test_reader_binary_input)
{
  static const char binary[] = "\x01\x02,\"\xff\xfe\"\x00zz";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  CsvReader reader;

  /* bytes are bytes: the reader splits them, it does not judge them */
  csv_reader_init (&reader, binary, sizeof binary - 1, ',', "bin");
  ck_assert_int_eq (csv_reader_next (&reader, fields, NULL, NULL, &error), CSV_READ_ERROR);
  ck_assert_str_eq (error->message,
                    "bin:1: malformed CSV: text after the closing quote of a field");
}
END_TEST

static Suite *
export_csv_suite (void)
{
  Suite *s = suite_create ("export-csv");
  TCase *tc = tcase_create ("core");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_document_rows_default_columns);
  tcase_add_test (tc, test_document_rows_missing_values_are_empty);
  tcase_add_test (tc, test_document_rows_empty_layers_count_zero);
  tcase_add_test (tc, test_quoting_delimiter_quote_cr_lf);
  tcase_add_test (tc, test_quoting_leaves_plain_fields_bare);
  tcase_add_test (tc, test_line_end_lf);
  tcase_add_test (tc, test_delimiter_semicolon);
  tcase_add_test (tc, test_delimiter_tab_by_name);
  tcase_add_test (tc, test_delimiter_backslash_t);
  tcase_add_test (tc, test_delimiter_invalid_is_an_error);
  tcase_add_test (tc, test_columns_choose_and_order);
  tcase_add_test (tc, test_columns_meta_and_feature_keys);
  tcase_add_test (tc, test_columns_unknown_is_an_error_listing_valid_ones);
  tcase_add_test (tc, test_columns_named_twice_is_an_error);
  tcase_add_test (tc, test_header_false);
  tcase_add_test (tc, test_document_text_column_keeps_newlines);
  tcase_add_test (tc, test_entity_rows_codepoint_offsets);
  tcase_add_test (tc, test_entity_rows_byte_offsets);
  tcase_add_test (tc, test_entity_rows_utf16_offsets);
  tcase_add_test (tc, test_entity_rows_nested_spans);
  tcase_add_test (tc, test_entity_rows_with_document_metadata);
  tcase_add_test (tc, test_entity_rows_none_without_layer);
  tcase_add_test (tc, test_sentence_rows);
  tcase_add_test (tc, test_sentence_rows_all_scores);
  tcase_add_test (tc, test_sentence_rows_without_sentiment);
  tcase_add_test (tc, test_sentence_rows_take_the_sentences_own_score);
  tcase_add_test (tc, test_formula_like_values_are_written_unchanged);
  tcase_add_test (tc, test_formula_guard_prefixes_text_not_numbers);
  tcase_add_test (tc, test_formula_guard_sees_past_a_leading_tab_or_cr);
  tcase_add_test (tc, test_negative_zero_has_no_sign);
  tcase_add_test (tc, test_non_finite_numbers_are_empty);
  tcase_add_test (tc, test_nothing_written_before_commit);
  tcase_add_test (tc, test_discard_keeps_previous_file_and_leaves_no_temporary);
  tcase_add_test (tc, test_replace_overwrites);
  tcase_add_test (tc, test_empty_run_writes_header_only);
  tcase_add_test (tc, test_checkpoint_commits_keep_every_row_once);
  tcase_add_test (tc, test_append_header_only_when_file_is_new);
  tcase_add_test (tc, test_append_to_empty_file_writes_header);
  tcase_add_test (tc, test_append_of_nothing_makes_no_file);
  tcase_add_test (tc, test_append_without_unique_keeps_duplicates);
  tcase_add_test (tc, test_append_unique_replaces_rows_of_a_reprocessed_document);
  tcase_add_test (tc, test_append_unique_keeps_the_last_rows_of_a_document_written_twice);
  tcase_add_test (tc, test_append_unique_rerun_does_not_duplicate);
  tcase_add_test (tc, test_append_unique_checkpoints);
  tcase_add_test (tc, test_append_unique_discard_keeps_file);
  tcase_add_test (tc, test_append_adds_missing_final_line_end);
  tcase_add_test (tc, test_append_refuses_a_different_header);
  tcase_add_test (tc, test_append_malformed_existing_file_fails_commit);
  tcase_add_test (tc, test_missing_directory_fails_at_create);
  tcase_add_test (tc, test_symlink_is_kept_and_its_target_written);
  tcase_add_test (tc, test_dangling_symlink_creates_its_target);
  tcase_add_test (tc, test_stdout);
  tcase_add_test (tc, test_round_trip_comma_crlf);
  tcase_add_test (tc, test_round_trip_semicolon_lf);
  tcase_add_test (tc, test_round_trip_tab);
  tcase_add_test (tc, test_round_trip_huge_field);
  tcase_add_test (tc, test_offset_map_reused_in_any_order_agrees_with_counting);
  tcase_add_test (tc, test_reader_rejects_malformed);
  tcase_add_test (tc, test_reader_empty_input_has_no_records);
  tcase_add_test (tc, test_reader_binary_input);
  suite_add_tcase (s, tc);
  return s;
}

IO_TEST_MAIN (export_csv_suite)
