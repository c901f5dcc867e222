/* test-export-jsonl.c: the export-jsonl sink and its line format. */
#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "lib/io-test.h"
#include "../../plugins/export-jsonl/export-jsonl.h"
#include "../../plugins/export-jsonl/jsonl-format.h"
#include "../../plugins/read-jsonl/read-jsonl.h"

static char *tmp;
static char *out_path;

static void
setup (void)
{
  tmp = io_test_tmpdir ();
  out_path = g_build_filename (tmp, "out.jsonl", NULL);
}

static void
teardown (void)
{
  io_test_rmtree (tmp);
  g_clear_pointer (&tmp, g_free);
  g_clear_pointer (&out_path, g_free);
}

#define SAMPLE_TEXT "Antony Blinken visited Kyiv. Talks went well."

/* sample: a document as the tokenizer, entity tagger and sentiment stages
 * would leave it: metadata of three kinds, typed features, and token,
 * sentence and entity layers (entities with features). */
static GalleyDocument *
sample (void)
{
  GalleyDocument *doc = galley_document_new ("doc-1", SAMPLE_TEXT, -1);
  GalleyValue tags = { GALLEY_VALUE_JSON, { .s = (char *) "[\"world\",\"europe\"]" } };
  GalleyValue words = { GALLEY_VALUE_INT, { .i = 9 } };
  GalleyLayer *layer;
  guint i;

  galley_document_set_meta (doc, "title", "Blinken in Kyiv");
  galley_document_set_meta_value (doc, "tags", &tags);
  galley_document_set_meta_value (doc, "words", &words);
  galley_document_set_feature_double (doc, "sentiment.compound", 0.4404);
  galley_document_set_feature_string (doc, "lang", "en");
  galley_document_set_feature_boolean (doc, "flag", TRUE);

  layer = galley_document_ensure_layer (doc, GALLEY_LAYER_TOKEN);
  galley_layer_append (layer, 0, 6, g_quark_from_static_string ("word"), GALLEY_TOKEN_WORD);
  galley_layer_append (layer, 7, 14, g_quark_from_static_string ("word"), GALLEY_TOKEN_WORD);

  layer = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);
  galley_layer_append (layer, 0, 28, g_quark_from_static_string ("sentence"), 0);
  galley_layer_append (layer, 29, 45, g_quark_from_static_string ("sentence"), 0);

  layer = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  i = galley_layer_append (layer, 0, 14, g_quark_from_static_string ("PERSON"), 0);
  galley_layer_set_feature_string (layer, i, "norm", "Antony Blinken");
  galley_layer_set_feature_int (layer, i, "cluster", 1);
  i = galley_layer_append (layer, 23, 27, g_quark_from_static_string ("GPE"), 0);
  galley_layer_set_feature_int (layer, i, "cluster", 2);
  galley_layer_set_feature_double (layer, i, "sentiment", 0.25);
  return doc;
}

/* export_all: writes @docs (NULL-terminated) through one export-jsonl
 * with @extra params, commits, and returns the file's contents. */
static char *
export_all (GalleyDocument **docs, const char *const *extra)
{
  g_autofree char *path_param = g_strdup_printf ("path=%s", out_path);
  g_autoptr (GPtrArray) params = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;

  g_ptr_array_add (params, path_param);
  for (const char *const *e = extra; e && *e; e++)
    g_ptr_array_add (params, (gpointer) *e);
  g_ptr_array_add (params, NULL);
  h = galley_harness_new (&galley_export_jsonl_stage, (const char *const *) params->pdata, &error);
  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  for (GalleyDocument **doc = docs; *doc; doc++)
    ck_assert_msg (galley_harness_run (h, *doc, &error), "%s", error ? error->message : "");
  ck_assert_msg (galley_harness_commit (h, &error), "%s", error ? error->message : "");
  return io_test_read (out_path);
}

/* export_with: writes @doc alone, as export_all() does. */
static char *
export_with (GalleyDocument *doc, const char *const *extra)
{
  GalleyDocument *docs[] = { doc, NULL };

  return export_all (docs, extra);
}

static char *
export_sample (const char *param1, const char *param2)
{
  g_autoptr (GalleyDocument) doc = sample ();
  const char *extra[] = { param1, param2, NULL };

  return export_with (doc, extra);
}

/* Parameters */

START_TEST (test_params_defaults)
{
  g_autoptr (GalleyParams) p = galley_params_new (galley_export_jsonl_stage.params);
  const GalleyParamSpec *path = galley_param_spec_find (galley_export_jsonl_stage.params, "path");

  ck_assert (galley_params_finish (p, NULL));
  ck_assert_str_eq (galley_params_get_path (p, "path"), "-");
  ck_assert_str_eq (galley_params_get_choice (p, "mode"), "replace");
  ck_assert_ptr_null (galley_params_get_string_list (p, "layers"));
  ck_assert (!galley_params_get_boolean (p, "text"));
  ck_assert_str_eq (galley_params_get_choice (p, "offsets"), "codepoint");
  ck_assert (path->flags & GALLEY_PARAM_OUTPUT);
  ck_assert_int_eq (galley_export_jsonl_stage.kind, GALLEY_STAGE_SINK);
}
END_TEST

START_TEST (test_params_unknown_key_lists_valid_keys)
{
  const char *params[] = { "format=csv", NULL };
  g_autofree char *msg = io_test_build_error (&galley_export_jsonl_stage, params);

  ck_assert_str_eq (msg, "unknown parameter 'format'; valid parameters: path, mode, unique, layers, text, offsets");
}
END_TEST

START_TEST (test_params_bad_offsets)
{
  const char *params[] = { "offsets=chars", NULL };
  g_autofree char *msg = io_test_build_error (&galley_export_jsonl_stage, params);

  ck_assert_str_eq (msg, "parameter 'offsets': 'chars' is not one of: codepoint, byte, utf16");
}
END_TEST

START_TEST (test_params_bad_mode)
{
  const char *params[] = { "mode=overwrite", NULL };
  g_autofree char *msg = io_test_build_error (&galley_export_jsonl_stage, params);

  ck_assert_str_eq (msg, "parameter 'mode': 'overwrite' is not one of: replace, append");
}
END_TEST

START_TEST (test_unwritable_directory_fails_to_build)
{
  g_autofree char *bad = g_build_filename (tmp, "missing", "out.jsonl", NULL);
  g_autofree char *param = g_strdup_printf ("path=%s", bad);
  const char *params[] = { param, NULL };
  g_autofree char *msg = io_test_build_error (&galley_export_jsonl_stage, params);
  g_autofree char *want = g_strdup_printf ("%s: cannot create output: No such file or directory", bad);

  ck_assert_str_eq (msg, want);
}
END_TEST

/* big_doc: 30,000 entities with a feature each: a line of about 2 MB */
static GalleyDocument *
big_doc (void)
{
  GString *text = g_string_new (NULL);
  GalleyDocument *doc;
  GalleyLayer *layer;

  for (int i = 0; i < 30000; i++)
    g_string_append (text, "Kyiv \"x\" ");
  doc = galley_document_new ("big", text->str, text->len);
  layer = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  for (guint32 i = 0; i < 30000; i++)
    {
      guint k = galley_layer_append (layer, 9 * i, 9 * i + 4, g_quark_from_static_string ("GPE"), 0);
      galley_layer_set_feature_int (layer, k, "cluster", i);
    }
  g_string_free (text, TRUE);
  return doc;
}

/* ck_assert_written_in_pieces: @doc written through the output in
 * pieces (jsonl_format_document_to) is @whole, the line built at once,
 * and the work buffer never held all of it. Clears @format. */
static void
ck_assert_written_in_pieces (GalleyDocument *doc, JsonlFormat *format, const GString *whole)
{
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GalleyOutput) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *written = NULL;

  out = galley_output_open (out_path, GALLEY_OUTPUT_REPLACE, &error);
  ck_assert_msg (out != NULL, "%s", error ? error->message : "");
  ck_assert (jsonl_format_document_to (out, line, doc, format, &error));
  ck_assert (jsonl_format_flush (out, line, &error));
  ck_assert (galley_output_commit (out, &error));
  jsonl_format_clear (format);

  /* the work buffer held a piece of the line, never all of it */
  ck_assert_uint_lt (line->allocated_len, 1024 * 1024);
  written = io_test_read (out_path);
  ck_assert_uint_eq (strlen (written), whole->len);
  /* memcmp: Check cannot carry a 2 MB string in a failure message */
  ck_assert (memcmp (written, whole->str, whole->len) == 0);
}

START_TEST (test_long_line_is_written_in_pieces_and_whole)
{
  g_autoptr (GalleyDocument) doc = big_doc ();
  g_autoptr (GString) whole = g_string_new (NULL);
  g_autoptr (GalleyParams) params = galley_params_new (galley_export_jsonl_stage.params);
  JsonlFormat format;

  ck_assert (galley_params_finish (params, NULL));
  jsonl_format_init (&format, params);
  jsonl_format_document (whole, doc, &format);
  ck_assert_uint_gt (whole->len, 1500000);
  ck_assert_written_in_pieces (doc, &format, whole);
}
END_TEST

/* The sentence layer (offsets only, written 64 spans to a reserve) of a
 * long line goes out in pieces too: 100,000 sentences of "Go. ". */
START_TEST (test_sentences_of_a_long_line_are_written_in_pieces_and_whole)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;
  g_autoptr (GString) whole = g_string_new (NULL);
  g_autoptr (GalleyParams) params = galley_params_new (galley_export_jsonl_stage.params);
  GalleyLayer *layer;
  JsonlFormat format;

  for (int i = 0; i < 100000; i++)
    g_string_append (text, "Go. ");
  doc = galley_document_new ("many", text->str, text->len);
  layer = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);
  for (guint32 i = 0; i < 100000; i++)
    galley_layer_append (layer, 4 * i, 4 * i + 3, g_quark_from_static_string ("sentence"), 0);
  ck_assert (galley_params_finish (params, NULL));
  jsonl_format_init (&format, params);
  jsonl_format_document (whole, doc, &format);
  ck_assert_uint_gt (whole->len, 2500000);
  ck_assert (g_str_has_prefix (whole->str, "{\"id\":\"many\",\"meta\":{},\"features\":{},"
                               "\"layers\":{\"sentence\":[{\"start\":0,\"end\":3},"
                               "{\"start\":4,\"end\":7},{\"start\":8,\"end\":11},"));
  ck_assert (g_str_has_suffix (whole->str, ",{\"start\":399992,\"end\":399995},"
                               "{\"start\":399996,\"end\":399999}]}}\n"));
  ck_assert_written_in_pieces (doc, &format, whole);
}
END_TEST

/* A sentence span with a feature is written with it, after its offsets
 * and without a type or text; its neighbours without the feature are
 * offsets alone. */
START_TEST (test_sentence_feature_is_written_after_offsets)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("s", "One. Two. Three.", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);
  GQuark sentence = g_quark_from_static_string ("sentence");
  const char *extra[] = { "layers=sentence", NULL };
  g_autofree char *out = NULL;

  galley_layer_append (layer, 0, 4, sentence, 0);
  galley_layer_append (layer, 5, 9, sentence, 0);
  galley_layer_append (layer, 10, 16, sentence, 0);
  galley_layer_set_feature_int (layer, 1, "n", 7);
  out = export_with (doc, extra);
  ck_assert_str_eq (out, "{\"id\":\"s\",\"meta\":{},\"features\":{},\"layers\":{\"sentence\":["
                         "{\"start\":0,\"end\":4},{\"start\":5,\"end\":9,\"n\":7},"
                         "{\"start\":10,\"end\":16}]}}\n");
}
END_TEST

/* Lines wait in the stage and go to the output some 256 KiB at a time
 * (GalleyOutput writes such a piece without copying it); the rest goes
 * at commit, through the output's buffer. 2,000 documents of 73 to 372
 * bytes a line: both kinds of write, and every line in its order. */
START_TEST (test_lines_of_many_documents_go_out_in_pieces_in_order)
{
  GalleyDocument *docs[2001];
  g_autoptr (GString) want = g_string_new (NULL);
  g_autofree char *written = NULL;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%04u", i);
      g_autofree char *title = g_strnfill (i % 300, (char) ('a' + i % 26));

      docs[i] = galley_document_new (id, "x", -1);
      galley_document_set_meta (docs[i], "title", title);
      g_string_append_printf (want, "{\"id\":\"%s\",\"meta\":{\"title\":\"%s\"},"
                              "\"features\":{},\"layers\":{}}\n", id, title);
    }
  docs[2000] = NULL;
  ck_assert_uint_gt (want->len, 256 * 1024);
  written = export_all (docs, NULL);
  for (guint i = 0; i < 2000; i++)
    galley_document_free (docs[i]);
  ck_assert_uint_eq (strlen (written), want->len);
  /* memcmp: Check cannot carry a 500 KB string in a failure message */
  ck_assert (memcmp (written, want->str, want->len) == 0);
}
END_TEST

/* An id is written in room made for it up to 1,024 bytes and appended
 * by the SDK past that: ids of each length around the limit, ending in a
 * quote. */
START_TEST (test_ids_around_the_in_place_limit)
{
  static const gsize lengths[] = { 1, 32, 33, 1024, 1025 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      gsize n = lengths[l];
      g_autofree char *id = g_strnfill (n, 'i');
      g_autoptr (GalleyDocument) doc = NULL;
      g_autofree char *out = NULL;
      g_autofree char *want = NULL;

      id[n - 1] = '"';
      doc = galley_document_new (id, "x", -1);
      out = export_with (doc, NULL);
      id[n - 1] = '\0';
      want = g_strdup_printf ("{\"id\":\"%s\\\"\",\"meta\":{},\"features\":{},\"layers\":{}}\n", id);
      ck_assert_msg (strcmp (out, want) == 0, "id of %" G_GSIZE_FORMAT " bytes", n);
    }
}
END_TEST

/* The line format */

START_TEST (test_line_format_default)
{
  g_autofree char *out = export_sample (NULL, NULL);

  ck_assert_str_eq (out,
    "{\"id\":\"doc-1\","
    "\"meta\":{\"title\":\"Blinken in Kyiv\",\"tags\":[\"world\",\"europe\"],\"words\":9},"
    "\"features\":{\"sentiment.compound\":0.4404,\"lang\":\"en\",\"flag\":true},"
    "\"layers\":{"
    "\"sentence\":[{\"start\":0,\"end\":28},{\"start\":29,\"end\":45}],"
    "\"entity\":[{\"start\":0,\"end\":14,\"type\":\"PERSON\",\"text\":\"Antony Blinken\","
    "\"norm\":\"Antony Blinken\",\"cluster\":1},"
    "{\"start\":23,\"end\":27,\"type\":\"GPE\",\"text\":\"Kyiv\",\"cluster\":2,\"sentiment\":0.2500}]"
    "}}\n");
}
END_TEST

START_TEST (test_text_true_writes_text_after_id)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("t1", "He said \"yes\".\nThen\tleft.", -1);
  const char *extra[] = { "text=true", NULL };
  g_autofree char *out = export_with (doc, extra);

  ck_assert_str_eq (out,
    "{\"id\":\"t1\",\"text\":\"He said \\\"yes\\\".\\nThen\\tleft.\","
    "\"meta\":{},\"features\":{},\"layers\":{}}\n");
}
END_TEST

START_TEST (test_layers_param_chooses_and_orders)
{
  g_autofree char *out = export_sample ("layers=entity,sentence", NULL);

  ck_assert_str_eq (out,
    "{\"id\":\"doc-1\","
    "\"meta\":{\"title\":\"Blinken in Kyiv\",\"tags\":[\"world\",\"europe\"],\"words\":9},"
    "\"features\":{\"sentiment.compound\":0.4404,\"lang\":\"en\",\"flag\":true},"
    "\"layers\":{"
    "\"entity\":[{\"start\":0,\"end\":14,\"type\":\"PERSON\",\"text\":\"Antony Blinken\","
    "\"norm\":\"Antony Blinken\",\"cluster\":1},"
    "{\"start\":23,\"end\":27,\"type\":\"GPE\",\"text\":\"Kyiv\",\"cluster\":2,\"sentiment\":0.2500}],"
    "\"sentence\":[{\"start\":0,\"end\":28},{\"start\":29,\"end\":45}]"
    "}}\n");
}
END_TEST

START_TEST (test_named_layer_absent_is_written_empty)
{
  g_autofree char *out = export_sample ("layers=sentiment;sentence", NULL);

  ck_assert (strstr (out, "\"layers\":{\"sentiment\":[],\"sentence\":[{\"start\":0,\"end\":28},"
                          "{\"start\":29,\"end\":45}]}}\n") != NULL);
}
END_TEST

START_TEST (test_layers_all_includes_tokens_with_type_only)
{
  g_autofree char *out = export_sample ("layers=all", NULL);

  ck_assert (strstr (out, "\"layers\":{\"token\":[{\"start\":0,\"end\":6,\"type\":\"word\"},"
                          "{\"start\":7,\"end\":14,\"type\":\"word\"}],\"sentence\":[") != NULL);
}
END_TEST

START_TEST (test_escapes_id_and_metadata)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("a\"b\\c\n", "x", -1);
  g_autofree char *out = NULL;

  galley_document_set_meta (doc, "by\tline", "Ctl\x01 and \xC3\xA9");
  out = export_with (doc, NULL);
  ck_assert_str_eq (out,
    "{\"id\":\"a\\\"b\\\\c\\n\",\"meta\":{\"by\\tline\":\"Ctl\\u0001 and \xC3\xA9\"},"
    "\"features\":{},\"layers\":{}}\n");
}
END_TEST

START_TEST (test_span_feature_named_like_a_member_is_left_out)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", "Kyiv", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, "entity");
  guint i = galley_layer_append (layer, 0, 4, g_quark_from_static_string ("GPE"), 0);
  g_autofree char *out = NULL;

  galley_layer_set_feature_string (layer, i, "text", "shadow");
  galley_layer_set_feature_string (layer, i, "norm", "Kyiv");
  out = export_with (doc, NULL);
  ck_assert_str_eq (out,
    "{\"id\":\"d\",\"meta\":{},\"features\":{},\"layers\":{\"entity\":["
    "{\"start\":0,\"end\":4,\"type\":\"GPE\",\"text\":\"Kyiv\",\"norm\":\"Kyiv\"}]}}\n");
}
END_TEST

/* A span's features are written through room made for the keys and the
 * scalar values; a key and a span type longer than the 32 bytes copied as a
 * block, and
 * string and JSON values (escaped by the SDK, after which room is made
 * again) between scalars, in one span and the next. */
START_TEST (test_span_features_of_every_kind_between_scalars)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("f", "Kyiv Lviv", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, "entity");
  GalleyValue json = { GALLEY_VALUE_JSON, { .s = (char *) "[1,\n2]" } };
  guint i = galley_layer_append (layer, 0, 4, g_quark_from_static_string ("GPE"), 0);
  g_autofree char *out = NULL;

  galley_layer_set_feature_int (layer, i, "a key longer than thirty-two bytes", -12);
  galley_layer_set_feature_string (layer, i, "norm", "Ky\"iv");
  galley_layer_set_feature_double (layer, i, "score", 1e20);
  galley_layer_set_feature (layer, i, "list", &json);
  galley_layer_set_feature_boolean (layer, i, "capital", TRUE);
  i = galley_layer_append (layer, 5, 9, g_quark_from_static_string ("a span type longer than the block"), 0);
  galley_layer_set_feature_boolean (layer, i, "capital", FALSE);
  galley_layer_set_feature_string (layer, i, "norm", "Lviv");
  out = export_with (doc, NULL);
  ck_assert_str_eq (out,
    "{\"id\":\"f\",\"meta\":{},\"features\":{},\"layers\":{\"entity\":["
    "{\"start\":0,\"end\":4,\"type\":\"GPE\",\"text\":\"Kyiv\","
    "\"a key longer than thirty-two bytes\":-12,\"norm\":\"Ky\\\"iv\",\"score\":1e+20,"
    "\"list\":[1, 2],\"capital\":true},"
    "{\"start\":5,\"end\":9,\"type\":\"a span type longer than the block\",\"text\":\"Lviv\","
    "\"norm\":\"Lviv\",\"capital\":false}"
    "]}}\n");
}
END_TEST

/* Span types are escaped once for the writer's life and found again by
 * their quark: types that come back in a layer, in another layer and in
 * the next document, and one that needs escaping. */
START_TEST (test_span_types_repeat_across_layers_and_documents)
{
  const char *extra[] = { "layers=all", NULL };
  g_autoptr (GalleyDocument) one = galley_document_new ("1", "ab cd", -1);
  g_autoptr (GalleyDocument) two = galley_document_new ("2", "ef", -1);
  GalleyDocument *docs[] = { one, two, NULL };
  GalleyLayer *layer;
  g_autofree char *out = NULL;

  layer = galley_document_ensure_layer (one, GALLEY_LAYER_TOKEN);
  galley_layer_append (layer, 0, 2, g_quark_from_static_string ("word"), 0);
  galley_layer_append (layer, 3, 5, g_quark_from_static_string ("say \"x\""), 0);
  layer = galley_document_ensure_layer (one, GALLEY_LAYER_ENTITY);
  galley_layer_append (layer, 0, 2, g_quark_from_static_string ("ORG"), 0);
  galley_layer_append (layer, 1, 4, g_quark_from_static_string ("word"), 0);
  galley_layer_append (layer, 3, 5, g_quark_from_static_string ("ORG"), 0);
  layer = galley_document_ensure_layer (two, GALLEY_LAYER_ENTITY);
  galley_layer_append (layer, 0, 2, g_quark_from_static_string ("say \"x\""), 0);
  out = export_all (docs, extra);
  ck_assert_str_eq (out,
    "{\"id\":\"1\",\"meta\":{},\"features\":{},\"layers\":{"
    "\"token\":[{\"start\":0,\"end\":2,\"type\":\"word\"},"
    "{\"start\":3,\"end\":5,\"type\":\"say \\\"x\\\"\"}],"
    "\"entity\":[{\"start\":0,\"end\":2,\"type\":\"ORG\",\"text\":\"ab\"},"
    "{\"start\":1,\"end\":4,\"type\":\"word\",\"text\":\"b c\"},"
    "{\"start\":3,\"end\":5,\"type\":\"ORG\",\"text\":\"cd\"}]}}\n"
    "{\"id\":\"2\",\"meta\":{},\"features\":{},\"layers\":{"
    "\"entity\":[{\"start\":0,\"end\":2,\"type\":\"say \\\"x\\\"\",\"text\":\"ef\"}]}}\n");
}
END_TEST

/* Keys are escaped once and kept by their place in the line (the i-th
 * metadata member, feature, layer, and feature of a layer): a key that
 * changes at its place from one document to the next is written as the
 * new one, a reserved span feature name coming where a written one was
 * is left out, and a first key longer than the 32 bytes copied as a
 * block loses only its comma. */
static void
add_ranked_entity (GalleyDocument *doc, guint start, guint end, gint64 norm, gint64 rank)
{
  GalleyLayer *layer = galley_document_ensure_layer (doc, "entity");
  guint i = galley_layer_append (layer, start, end, g_quark_from_static_string ("X"), 0);

  galley_layer_set_feature_int (layer, i, "norm", norm);
  galley_layer_set_feature_int (layer, i, "rank", rank);
}

START_TEST (test_keys_that_change_place_between_documents)
{
  GalleyDocument *docs[4] = { NULL };
  GalleyLayer *layer;
  g_autofree char *out = NULL;
  guint i;

  docs[0] = galley_document_new ("1", "ab", -1);
  galley_document_set_meta (docs[0], "title", "T");
  galley_document_set_feature_int (docs[0], "a feature key longer than thirty-two", 1);
  add_ranked_entity (docs[0], 0, 2, 1, 2);

  docs[1] = galley_document_new ("2", "cd", -1);
  galley_document_set_meta (docs[1], "by\"line", "B");
  galley_document_set_meta (docs[1], "title", "U");
  layer = galley_document_ensure_layer (docs[1], "chunk");
  i = galley_layer_append (layer, 0, 2, g_quark_from_static_string ("Y"), 0);
  galley_layer_set_feature_int (layer, i, "text", 3);
  galley_layer_set_feature_int (layer, i, "norm", 4);
  layer = galley_document_ensure_layer (docs[1], "entity");
  i = galley_layer_append (layer, 0, 1, g_quark_from_static_string ("X"), 0);
  galley_layer_set_feature_int (layer, i, "rank", 5);

  docs[2] = galley_document_new ("3", "ef", -1);
  galley_document_set_meta (docs[2], "title", "V");
  galley_document_set_feature_int (docs[2], "a feature key longer than thirty-two", 6);
  add_ranked_entity (docs[2], 1, 2, 7, 8);

  out = export_all (docs, NULL);
  ck_assert_str_eq (out,
    "{\"id\":\"1\",\"meta\":{\"title\":\"T\"},\"features\":{\"a feature key longer than thirty-two\":1},"
    "\"layers\":{\"entity\":[{\"start\":0,\"end\":2,\"type\":\"X\",\"text\":\"ab\",\"norm\":1,\"rank\":2}]}}\n"
    "{\"id\":\"2\",\"meta\":{\"by\\\"line\":\"B\",\"title\":\"U\"},\"features\":{},"
    "\"layers\":{\"chunk\":[{\"start\":0,\"end\":2,\"type\":\"Y\",\"text\":\"cd\",\"norm\":4}],"
    "\"entity\":[{\"start\":0,\"end\":1,\"type\":\"X\",\"text\":\"c\",\"rank\":5}]}}\n"
    "{\"id\":\"3\",\"meta\":{\"title\":\"V\"},\"features\":{\"a feature key longer than thirty-two\":6},"
    "\"layers\":{\"entity\":[{\"start\":1,\"end\":2,\"type\":\"X\",\"text\":\"f\",\"norm\":7,\"rank\":8}]}}\n");
  for (i = 0; docs[i]; i++)
    galley_document_free (docs[i]);
}
END_TEST

/* A key at the same place as the previous document's is written from
 * the cache when it is the same key, and escaped again when it is another
 * that only begins with the same byte (jsonl_keys_get compares the first
 * byte inline, then the rest). */
START_TEST (test_keys_that_share_a_first_byte_at_one_place)
{
  GalleyDocument *docs[4] = { NULL };
  const char *meta[] = { "title", "tag", "tag" };
  const char *features[] = { "sentiment.pos", "sentiment.pos", "sentiment.neg" };
  const char *spans[] = { "norm", "note", "norm" };
  g_autofree char *out = NULL;

  for (guint d = 0; d < 3; d++)
    {
      g_autofree char *id = g_strdup_printf ("%u", d);
      GalleyLayer *layer;

      docs[d] = galley_document_new (id, "ab", -1);
      galley_document_set_meta (docs[d], meta[d], "M");
      galley_document_set_feature_int (docs[d], features[d], d);
      layer = galley_document_ensure_layer (docs[d], "entity");
      galley_layer_append (layer, 0, 1, g_quark_from_static_string ("X"), 0);
      galley_layer_set_feature_int (layer, 0, spans[d], d);
    }
  out = export_all (docs, NULL);
  ck_assert_str_eq (out,
    "{\"id\":\"0\",\"meta\":{\"title\":\"M\"},\"features\":{\"sentiment.pos\":0},"
    "\"layers\":{\"entity\":[{\"start\":0,\"end\":1,\"type\":\"X\",\"text\":\"a\",\"norm\":0}]}}\n"
    "{\"id\":\"1\",\"meta\":{\"tag\":\"M\"},\"features\":{\"sentiment.pos\":1},"
    "\"layers\":{\"entity\":[{\"start\":0,\"end\":1,\"type\":\"X\",\"text\":\"a\",\"note\":1}]}}\n"
    "{\"id\":\"2\",\"meta\":{\"tag\":\"M\"},\"features\":{\"sentiment.neg\":2},"
    "\"layers\":{\"entity\":[{\"start\":0,\"end\":1,\"type\":\"X\",\"text\":\"a\",\"norm\":2}]}}\n");
  for (guint d = 0; docs[d]; d++)
    galley_document_free (docs[d]);
}
END_TEST

/* A span's text, and a string feature, are written in the span's own
 * room up to 1,024 bytes and appended on their own past that (a string
 * feature of up to 32 bytes in the room made for the span's features,
 * longer ones after making room again): a quote at the end of a text
 * (and of the same norm) of each length, around the limits. */
START_TEST (test_span_texts_around_the_in_place_limit)
{
  static const gsize lengths[] = { 1, 31, 32, 33, 1024, 1025, 5000 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      gsize n = lengths[l];
      g_autofree char *text = g_malloc (n + 1);
      g_autoptr (GalleyDocument) doc = NULL;
      g_autofree char *out = NULL;
      g_autofree char *want = NULL;
      GalleyLayer *layer;
      guint i;

      memset (text, 'a', n);
      text[n - 1] = '"';
      text[n] = '\0';
      doc = galley_document_new ("s", text, n);
      layer = galley_document_ensure_layer (doc, "entity");
      i = galley_layer_append (layer, 0, n, g_quark_from_static_string ("X"), 0);
      galley_layer_set_feature_string (layer, i, "norm", text);
      galley_layer_set_feature_int (layer, i, "rank", 1);
      out = export_with (doc, NULL);
      text[n - 1] = '\0';
      want = g_strdup_printf ("{\"id\":\"s\",\"meta\":{},\"features\":{},\"layers\":{\"entity\":["
                              "{\"start\":0,\"end\":%" G_GSIZE_FORMAT ",\"type\":\"X\","
                              "\"text\":\"%s\\\"\",\"norm\":\"%s\\\"\",\"rank\":1}]}}\n",
                              n, text, text);
      ck_assert_msg (strcmp (out, want) == 0, "text of %" G_GSIZE_FORMAT " bytes", n);
    }
}
END_TEST

/* String features of 32 bytes, each byte written as \u00XX (six times
 * the string: the most the room made for a span's features takes), in
 * every column of a span and the next. */
START_TEST (test_string_features_escaped_whole_in_the_span_room)
{
  char norm[33];
  g_autoptr (GalleyDocument) doc = galley_document_new ("e", "ab", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, "entity");
  g_autoptr (GString) want = g_string_new ("{\"id\":\"e\",\"meta\":{},\"features\":{},\"layers\":{\"entity\":[");
  g_autofree char *out = NULL;
  static const char *const keys[] = { "k1", "k2", "k3", "k4" };

  memset (norm, 0x01, 32);
  norm[32] = '\0';
  for (guint s = 0; s < 2; s++)
    {
      guint i = galley_layer_append (layer, s, s + 1, g_quark_from_static_string ("X"), 0);

      g_string_append_printf (want, "%s{\"start\":%u,\"end\":%u,\"type\":\"X\",\"text\":\"%c\"",
                              s ? "," : "", s, s + 1, "ab"[s]);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          galley_layer_set_feature_string (layer, i, keys[k], norm);
          g_string_append_printf (want, ",\"%s\":\"", keys[k]);
          for (guint b = 0; b < 32; b++)
            g_string_append (want, "\\u0001");
          g_string_append_c (want, '"');
        }
      g_string_append_c (want, '}');
    }
  g_string_append (want, "]}}\n");
  out = export_with (doc, NULL);
  ck_assert_str_eq (out, want->str);
}
END_TEST

/* Offsets: "Zoë 😀 東京 ok" has 2-, 4- and 3-byte characters. */

static GalleyDocument *
offsets_doc (void)
{
  GalleyDocument *doc = galley_document_new ("o", "Zo\xC3\xAB \xF0\x9F\x98\x80 \xE6\x9D\xB1\xE4\xBA\xAC ok", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, "entity");

  galley_layer_append (layer, 0, 4, g_quark_from_static_string ("PERSON"), 0);
  /* a span containing the next two: ends go backwards */
  galley_layer_append (layer, 5, 16, g_quark_from_static_string ("EVENT"), 0);
  galley_layer_append (layer, 5, 9, g_quark_from_static_string ("PRODUCT"), 0);
  galley_layer_append (layer, 10, 16, g_quark_from_static_string ("GPE"), 0);
  galley_layer_append (layer, 17, 19, g_quark_from_static_string ("ORG"), 0);
  return doc;
}

static char *
offsets_line (const char *s0, const char *e0, const char *s1, const char *e1,
              const char *s2, const char *e2, const char *s3, const char *e3,
              const char *s4, const char *e4)
{
  return g_strdup_printf (
    "{\"id\":\"o\",\"meta\":{},\"features\":{},\"layers\":{\"entity\":["
    "{\"start\":%s,\"end\":%s,\"type\":\"PERSON\",\"text\":\"Zo\xC3\xAB\"},"
    "{\"start\":%s,\"end\":%s,\"type\":\"EVENT\",\"text\":\"\xF0\x9F\x98\x80 \xE6\x9D\xB1\xE4\xBA\xAC\"},"
    "{\"start\":%s,\"end\":%s,\"type\":\"PRODUCT\",\"text\":\"\xF0\x9F\x98\x80\"},"
    "{\"start\":%s,\"end\":%s,\"type\":\"GPE\",\"text\":\"\xE6\x9D\xB1\xE4\xBA\xAC\"},"
    "{\"start\":%s,\"end\":%s,\"type\":\"ORG\",\"text\":\"ok\"}]}}\n",
    s0, e0, s1, e1, s2, e2, s3, e3, s4, e4);
}

START_TEST (test_offsets_codepoint_by_default)
{
  g_autoptr (GalleyDocument) doc = offsets_doc ();
  g_autofree char *out = export_with (doc, NULL);
  g_autofree char *want = offsets_line ("0", "3", "4", "8", "4", "5", "6", "8", "9", "11");

  ck_assert_str_eq (out, want);
}
END_TEST

START_TEST (test_offsets_byte)
{
  g_autoptr (GalleyDocument) doc = offsets_doc ();
  const char *extra[] = { "offsets=byte", NULL };
  g_autofree char *out = export_with (doc, extra);
  g_autofree char *want = offsets_line ("0", "4", "5", "16", "5", "9", "10", "16", "17", "19");

  ck_assert_str_eq (out, want);
}
END_TEST

START_TEST (test_offsets_utf16)
{
  g_autoptr (GalleyDocument) doc = offsets_doc ();
  const char *extra[] = { "offsets=utf16", NULL };
  g_autofree char *out = export_with (doc, extra);
  g_autofree char *want = offsets_line ("0", "3", "4", "9", "4", "6", "7", "9", "10", "12");

  ck_assert_str_eq (out, want);
}
END_TEST

/* The exporter's own offset counting agrees with GalleyOffsetMap on
 * mixed-script text and nested, overlapping spans, in every unit. */
static void
assert_offsets_agree_with_offset_map (const char *unit_name, GalleyOffsetUnit unit)
{
  static const char piece[] = "Zo\xC3\xAB \xF0\x9F\x98\x80 \xE6\x9D\xB1\xE4\xBA\xAC ok. "
                              "\xC3\x9Cn\xC3\xAF \xC2\xB1\xC3\x97 \xF0\x9D\x84\x9E music. "
                              "Plain ASCII words, long enough for whole words. ";
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GalleyDocument) doc = NULL;
  g_autoptr (GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GString) want = NULL;
  g_autofree char *param = g_strdup_printf ("offsets=%s", unit_name);
  const char *extra[] = { param, NULL };
  g_autofree char *out = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  GalleyLayer *layer;
  const GalleySpan *spans;
  guint n;

  for (int i = 0; i < 12; i++)
    g_string_append (text, piece);
  for (const char *p = text->str; *p; p = g_utf8_next_char (p))
    {
      guint32 b = p - text->str;
      g_array_append_val (bounds, b);
    }
  doc = galley_document_new ("m", text->str, text->len);
  layer = galley_document_ensure_layer (doc, "sentence");
  for (int i = 0; i < 400; i++)
    {
      guint a = g_rand_int_range (rand, 0, bounds->len);
      guint b = g_rand_int_range (rand, a, MIN (bounds->len, a + 60));
      guint32 end = b + 1 < bounds->len ? g_array_index (bounds, guint32, b + 1) : text->len;

      galley_layer_append (layer, g_array_index (bounds, guint32, a), end,
                           g_quark_from_static_string ("sentence"), 0);
    }
  g_rand_free (rand);

  want = g_string_new ("{\"id\":\"m\",\"meta\":{},\"features\":{},\"layers\":{\"sentence\":[");
  spans = galley_layer_get_spans (layer, &n);
  for (guint i = 0; i < n; i++)
    {
      GalleyOffsetMap map;
      gsize start, end;

      galley_offset_map_init (&map, text->str, text->len, unit);
      start = galley_offset_map_convert (&map, spans[i].start);
      galley_offset_map_init (&map, text->str, text->len, unit);
      end = galley_offset_map_convert (&map, spans[i].end);
      g_string_append_printf (want, "%s{\"start\":%" G_GSIZE_FORMAT ",\"end\":%" G_GSIZE_FORMAT "}",
                              i ? "," : "", start, end);
    }
  g_string_append (want, "]}}\n");
  out = export_with (doc, extra);
  /* the line is too long for Check's message: show where they differ */
  {
    gsize at = 0;
    while (out[at] && out[at] == want->str[at])
      at++;
    ck_assert_msg (out[at] == '\0' && want->str[at] == '\0',
                   "offsets=%s differ at byte %" G_GSIZE_FORMAT ": got ...%.40s, want ...%.40s",
                   unit_name, at, out + (at > 20 ? at - 20 : 0),
                   want->str + (at > 20 ? at - 20 : 0));
  }
}

START_TEST (test_offsets_agree_with_offset_map)
{
  assert_offsets_agree_with_offset_map ("codepoint", GALLEY_OFFSETS_CODEPOINT);
  assert_offsets_agree_with_offset_map ("utf16", GALLEY_OFFSETS_UTF16);
  assert_offsets_agree_with_offset_map ("byte", GALLEY_OFFSETS_BYTE);
}
END_TEST

/* Atomic output */

START_TEST (test_output_unchanged_until_commit)
{
  g_autofree char *param = g_strdup_printf ("path=%s", out_path);
  const char *params[] = { param, NULL };
  g_autoptr (GalleyDocument) doc = sample ();
  g_autoptr (GalleyHarness) h = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_free (io_test_write (tmp, "out.jsonl", "old\n", -1));
  h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);
  ck_assert (galley_harness_run (h, doc, NULL));
  before = io_test_read (out_path);
  ck_assert_str_eq (before, "old\n");
  ck_assert_uint_eq (io_test_count_entries (tmp), 2);  /* out.jsonl, its temporary */
  ck_assert (galley_harness_commit (h, NULL));
  after = io_test_read (out_path);
  ck_assert (g_str_has_prefix (after, "{\"id\":\"doc-1\","));
  ck_assert_uint_eq (io_test_count_entries (tmp), 1);
}
END_TEST

START_TEST (test_discard_removes_temporary_and_keeps_old_output)
{
  g_autofree char *param = g_strdup_printf ("path=%s", out_path);
  const char *params[] = { param, NULL };
  g_autoptr (GalleyDocument) doc = sample ();
  GalleyHarness *h;
  g_autofree char *after = NULL;

  g_free (io_test_write (tmp, "out.jsonl", "old\n", -1));
  h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);
  ck_assert (galley_harness_run (h, doc, NULL));
  galley_harness_free (h);  /* uncommitted: discards */
  after = io_test_read (out_path);
  ck_assert_str_eq (after, "old\n");
  ck_assert_uint_eq (io_test_count_entries (tmp), 1);
}
END_TEST

START_TEST (test_discard_leaves_no_file_when_there_was_none)
{
  g_autofree char *param = g_strdup_printf ("path=%s", out_path);
  const char *params[] = { param, NULL };
  g_autoptr (GalleyDocument) doc = sample ();
  GalleyHarness *h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);

  ck_assert (galley_harness_run (h, doc, NULL));
  galley_harness_free (h);
  ck_assert_uint_eq (io_test_count_entries (tmp), 0);
}
END_TEST

START_TEST (test_write_after_commit_fails)
{
  g_autofree char *param = g_strdup_printf ("path=%s", out_path);
  const char *params[] = { param, NULL };
  g_autoptr (GalleyDocument) doc = sample ();
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);
  g_autoptr (GError) error = NULL;

  ck_assert (galley_harness_commit (h, NULL));
  ck_assert (!galley_harness_run (h, doc, &error));
  ck_assert_str_eq (error->message, "export-jsonl: write after commit or discard");
}
END_TEST

START_TEST (test_empty_run_replaces_with_empty_file)
{
  g_autofree char *param = g_strdup_printf ("path=%s", out_path);
  const char *params[] = { param, NULL };
  g_autoptr (GalleyHarness) h = NULL;
  g_autofree char *after = NULL;

  g_free (io_test_write (tmp, "out.jsonl", "old\n", -1));
  h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);
  ck_assert (galley_harness_commit (h, NULL));
  after = io_test_read (out_path);
  ck_assert_str_eq (after, "");
}
END_TEST

START_TEST (test_append_keeps_earlier_lines)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("new", "x", -1);
  const char *extra[] = { "mode=append", NULL };
  g_autofree char *out = NULL;

  g_free (io_test_write (tmp, "out.jsonl", "{\"id\":\"old\"}\n", -1));
  out = export_with (doc, extra);
  ck_assert_str_eq (out, "{\"id\":\"old\"}\n"
                         "{\"id\":\"new\",\"meta\":{},\"features\":{},\"layers\":{}}\n");
}
END_TEST

START_TEST (test_append_replaces_the_line_of_a_document_written_again)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("a\"1", "new text", -1);
  const char *extra[] = { "mode=append", "text=true", NULL };
  g_autofree char *out = NULL;

  g_free (io_test_write (tmp, "out.jsonl",
                         "{\"id\":\"a\\\"1\",\"text\":\"old text\"}\n"
                         "{\"id\":\"b\"}\n"
                         "not json, kept as it is\n"
                         "{\"id\":\"a\\\"12\"}", -1));
  out = export_with (doc, extra);
  ck_assert_str_eq (out, "{\"id\":\"b\"}\n"
                         "not json, kept as it is\n"
                         "{\"id\":\"a\\\"12\"}\n"
                         "{\"id\":\"a\\\"1\",\"text\":\"new text\",\"meta\":{},\"features\":{},\"layers\":{}}\n");
}
END_TEST

START_TEST (test_append_not_unique_keeps_both_lines)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("old", "x", -1);
  const char *extra[] = { "mode=append", "unique=false", NULL };
  g_autofree char *out = NULL;

  g_free (io_test_write (tmp, "out.jsonl", "{\"id\":\"old\"}\n", -1));
  out = export_with (doc, extra);
  ck_assert_str_eq (out, "{\"id\":\"old\"}\n"
                         "{\"id\":\"old\",\"meta\":{},\"features\":{},\"layers\":{}}\n");
}
END_TEST

START_TEST (test_append_to_missing_file_creates_it)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("new", "x", -1);
  const char *extra[] = { "mode=append", NULL };
  g_autofree char *out = export_with (doc, extra);

  ck_assert_str_eq (out, "{\"id\":\"new\",\"meta\":{},\"features\":{},\"layers\":{}}\n");
}
END_TEST

START_TEST (test_append_is_atomic_until_commit)
{
  g_autofree char *param = g_strdup_printf ("path=%s", out_path);
  const char *params[] = { param, "mode=append", NULL };
  g_autoptr (GalleyDocument) doc = sample ();
  GalleyHarness *h;
  g_autofree char *after = NULL;

  g_free (io_test_write (tmp, "out.jsonl", "old\n", -1));
  h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);
  ck_assert (galley_harness_run (h, doc, NULL));
  galley_harness_free (h);
  after = io_test_read (out_path);
  ck_assert_str_eq (after, "old\n");
}
END_TEST

/* stdout_to: standard output sent to @file (made empty); returns the
 * descriptor stdout_back() restores it from. */
static int
stdout_to (const char *file)
{
  int saved = dup (STDOUT_FILENO);
  int fd = open (file, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  ck_assert_int_ge (fd, 0);
  fflush (stdout);
  dup2 (fd, STDOUT_FILENO);
  close (fd);
  return saved;
}

static void
stdout_back (int saved)
{
  dup2 (saved, STDOUT_FILENO);
  close (saved);
}

START_TEST (test_writes_to_stdout)
{
  g_autofree char *file = g_build_filename (tmp, "stdout.txt", NULL);
  int saved;
  const char *params[] = { "path=-", NULL };
  g_autoptr (GalleyDocument) doc = galley_document_new ("s", "x", -1);
  GalleyHarness *h;
  g_autofree char *out = NULL;

  saved = stdout_to (file);
  h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);
  ck_assert (galley_harness_run (h, doc, NULL));
  ck_assert (galley_harness_commit (h, NULL));
  galley_harness_free (h);
  stdout_back (saved);
  out = io_test_read (file);
  ck_assert_str_eq (out, "{\"id\":\"s\",\"meta\":{},\"features\":{},\"layers\":{}}\n");
}
END_TEST

START_TEST (test_writes_to_a_device_in_place)
{
  const char *params[] = { "path=/dev/null", NULL };
  g_autoptr (GalleyDocument) doc = sample ();
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);

  ck_assert (galley_harness_run (h, doc, NULL));
  ck_assert (galley_harness_commit (h, NULL));
  ck_assert (g_file_test ("/dev/null", G_FILE_TEST_EXISTS));
  ck_assert (!g_file_test ("/dev/null", G_FILE_TEST_IS_REGULAR));
}
END_TEST

/* Checkpoints and a second commit, through the stage itself (the
 * harness has no checkpoint). */

/* stage_new: export-jsonl on @path with @extra ("KEY=VALUE", NULL-terminated). */
static gpointer
stage_new (const char *path, const char *const *extra)
{
  GalleyParams *p = galley_params_new (galley_export_jsonl_stage.params);
  g_autoptr (GError) error = NULL;
  gpointer stage;

  ck_assert (galley_params_set (p, "path", path, &error));
  for (; extra && *extra; extra++)
    {
      g_auto (GStrv) kv = g_strsplit (*extra, "=", 2);
      ck_assert_msg (galley_params_set (p, kv[0], kv[1], &error), "%s", error->message);
    }
  ck_assert (galley_params_finish (p, &error));
  stage = galley_export_jsonl_stage.create (p, &error);
  ck_assert_msg (stage != NULL, "%s", error ? error->message : "");
  galley_params_free (p);
  return stage;
}

static void
stage_write (gpointer stage, const char *id, const char *text)
{
  g_autoptr (GalleyDocument) doc = galley_document_new (id, text, -1);
  g_autoptr (GError) error = NULL;

  ck_assert_msg (galley_export_jsonl_stage.write (stage, doc, &error), "%s",
                 error ? error->message : "");
}

static void
stage_commit (gpointer stage)
{
  g_autoptr (GError) error = NULL;

  ck_assert_msg (galley_export_jsonl_stage.commit (stage, &error), "%s",
                 error ? error->message : "");
}

#define LINE(id, text) \
  "{\"id\":\"" id "\",\"text\":\"" text "\",\"meta\":{},\"features\":{},\"layers\":{}}\n"

/* checkpoint_then_commit: in append mode (@unique: "unique=true" or
 * "unique=false"), over a file holding @old: a, checkpoint (the file is
 * then @mid), a again and b, commit (the file is then @out). */
static void
checkpoint_then_commit (const char *unique, const char *old, const char *mid,
                        const char *out)
{
  const char *extra[] = { "mode=append", unique, "text=true", NULL };
  gpointer stage;
  g_autofree char *got_mid = NULL, *got_out = NULL;

  g_free (io_test_write (tmp, "out.jsonl", old, -1));
  stage = stage_new (out_path, extra);
  stage_write (stage, "a", "one");
  ck_assert_int_eq (galley_export_jsonl_stage.checkpoint (stage, NULL), GALLEY_CHECKPOINT_DONE);
  got_mid = io_test_read (out_path);
  ck_assert_str_eq (got_mid, mid);
  stage_write (stage, "a", "two");
  stage_write (stage, "b", "three");
  stage_commit (stage);
  galley_export_jsonl_stage.free (stage);
  got_out = io_test_read (out_path);
  ck_assert_str_eq (got_out, out);
}

/* after the checkpoint, the file is merged into again: one line an id */
START_TEST (test_checkpoint_in_append_mode_publishes_and_merges_on)
{
  checkpoint_then_commit ("unique=true", "{\"id\":\"old\"}\n{\"id\":\"a\"}\n",
                          "{\"id\":\"old\"}\n" LINE ("a", "one"),
                          "{\"id\":\"old\"}\n" LINE ("a", "two") LINE ("b", "three"));
}
END_TEST

/* A document the run writes twice before a commit (an id repeated in
 * the input, an article a feed delivers again) keeps its last line only,
 * at the end, whether the commit appends in place (the file holds none
 * of the run's ids) or rewrites the file (it holds one); the lines
 * between are kept whole. */
static void
write_twice_then_commit (const char *old, const char *out)
{
  const char *extra[] = { "mode=append", "text=true", NULL };
  gpointer stage;
  g_autofree char *got = NULL;

  g_free (io_test_write (tmp, "out.jsonl", old, -1));
  stage = stage_new (out_path, extra);
  stage_write (stage, "a", "one");
  stage_write (stage, "b", "two");
  stage_write (stage, "c", "three");
  stage_write (stage, "a", "four");
  stage_write (stage, "d", "five");
  stage_write (stage, "c", "six");
  stage_commit (stage);
  galley_export_jsonl_stage.free (stage);
  got = io_test_read (out_path);
  ck_assert_str_eq (got, out);
}

START_TEST (test_append_keeps_the_last_line_of_an_id_the_run_writes_twice)
{
  write_twice_then_commit ("{\"id\":\"old\"}\n",
                           "{\"id\":\"old\"}\n" LINE ("b", "two") LINE ("a", "four")
                           LINE ("d", "five") LINE ("c", "six"));
  write_twice_then_commit ("{\"id\":\"c\"}\n{\"id\":\"old\"}\n",
                           "{\"id\":\"old\"}\n" LINE ("b", "two") LINE ("a", "four")
                           LINE ("d", "five") LINE ("c", "six"));
}
END_TEST

START_TEST (test_checkpoint_in_plain_append_mode_adds_to_the_file)
{
  checkpoint_then_commit ("unique=false", "{\"id\":\"a\"}\n",
                          "{\"id\":\"a\"}\n" LINE ("a", "one"),
                          "{\"id\":\"a\"}\n" LINE ("a", "one") LINE ("a", "two")
                          LINE ("b", "three"));
}
END_TEST

/* A file in replace mode is the run's whole output: a checkpoint leaves
 * it as it was, and only the commit publishes it. */
START_TEST (test_checkpoint_in_replace_mode_waits_for_the_end)
{
  const char *extra[] = { "text=true", NULL };
  gpointer stage;
  g_autofree char *mid = NULL, *out = NULL;

  g_free (io_test_write (tmp, "out.jsonl", "old\n", -1));
  stage = stage_new (out_path, extra);
  stage_write (stage, "a", "one");
  ck_assert_int_eq (galley_export_jsonl_stage.checkpoint (stage, NULL), GALLEY_CHECKPOINT_AT_END);
  mid = io_test_read (out_path);
  ck_assert_str_eq (mid, "old\n");
  stage_write (stage, "b", "two");
  stage_commit (stage);
  /* a second commit has nothing left to do, and says so by succeeding */
  stage_commit (stage);
  galley_export_jsonl_stage.free (stage);
  out = io_test_read (out_path);
  ck_assert_str_eq (out, LINE ("a", "one") LINE ("b", "two"));
}
END_TEST

/* Standard output is written in place, in either mode: a checkpoint
 * flushes what is pending, and append mode does not merge there (it
 * has no file to read back; a file named "-" in the working directory
 * is not it). */
START_TEST (test_stdout_checkpoints_in_place_and_appends_every_line)
{
  g_autofree char *file = g_build_filename (tmp, "stdout.txt", NULL);
  g_autofree char *dash = g_build_filename (tmp, "-", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  const char *extra[] = { "mode=append", "text=true", NULL };
  int saved;
  gpointer stage;
  g_autofree char *mid = NULL, *out = NULL, *dash_after = NULL;

  g_free (io_test_write (tmp, "-", "{\"id\":\"z\"}\n", -1));
  ck_assert_int_eq (chdir (tmp), 0);
  saved = stdout_to (file);
  stage = stage_new ("-", extra);
  stage_write (stage, "s", "one");
  ck_assert_int_eq (galley_export_jsonl_stage.checkpoint (stage, NULL), GALLEY_CHECKPOINT_DONE);
  mid = io_test_read (file);
  stage_write (stage, "s", "two");
  stage_commit (stage);
  galley_export_jsonl_stage.free (stage);
  stdout_back (saved);
  ck_assert_int_eq (chdir (cwd), 0);
  out = io_test_read (file);
  ck_assert_str_eq (mid, LINE ("s", "one"));
  ck_assert_str_eq (out, LINE ("s", "one") LINE ("s", "two"));
  dash_after = io_test_read (dash);
  ck_assert_str_eq (dash_after, "{\"id\":\"z\"}\n");
  ck_assert_uint_eq (io_test_count_entries (tmp), 2);
}
END_TEST

/* In replace mode too, standard output is written in place: a
 * checkpoint flushes what the run wrote so far. */
START_TEST (test_stdout_in_replace_mode_is_flushed_at_a_checkpoint)
{
  g_autofree char *file = g_build_filename (tmp, "stdout.txt", NULL);
  const char *extra[] = { "text=true", NULL };
  int saved;
  gpointer stage;
  g_autofree char *mid = NULL;
  GalleyCheckpointStatus status;

  saved = stdout_to (file);
  stage = stage_new ("-", extra);
  stage_write (stage, "s", "one");
  status = galley_export_jsonl_stage.checkpoint (stage, NULL);
  mid = io_test_read (file);
  galley_export_jsonl_stage.free (stage);
  stdout_back (saved);
  ck_assert_int_eq (status, GALLEY_CHECKPOINT_DONE);
  ck_assert_str_eq (mid, LINE ("s", "one"));
}
END_TEST

/* A line written to a device that fails (/dev/full) fails the document
 * that could not be written, once (the later pieces of the same line
 * are dropped, not written over the first error). */
START_TEST (test_write_error_on_a_device_fails_the_document)
{
  const char *params[] = { "path=/dev/full", NULL };
  g_autoptr (GalleyDocument) doc = big_doc ();
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);
  g_autoptr (GError) error = NULL;

  /* a second error set over the first would only warn */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
  ck_assert (h != NULL);
  ck_assert (!galley_harness_run (h, doc, &error));
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_msg (strcmp (error->message, "/dev/full: write failed: No space left on device") == 0,
                 "%s", error->message);
}
END_TEST

/* A FIFO is written in place too, not merged (merging reads the file
 * back): in append mode, each document's line goes through. */
START_TEST (test_fifo_in_append_mode_gets_every_line)
{
  g_autofree char *fifo = g_build_filename (tmp, "fifo", NULL);
  g_autofree char *param = g_strdup_printf ("path=%s", fifo);
  const char *params[] = { param, "mode=append", "text=true", NULL };
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GalleyDocument) a = galley_document_new ("f", "one", -1);
  g_autoptr (GalleyDocument) b = galley_document_new ("f", "two", -1);
  char buf[512];
  ssize_t n;
  int fd;

  ck_assert_int_eq (mkfifo (fifo, 0600), 0);
  /* a reader that never blocks, so that the writer's open does not */
  fd = open (fifo, O_RDONLY | O_NONBLOCK);
  ck_assert_int_ge (fd, 0);
  h = galley_harness_new (&galley_export_jsonl_stage, params, NULL);
  ck_assert (h != NULL);
  ck_assert (galley_harness_run (h, a, NULL));
  ck_assert (galley_harness_run (h, b, NULL));
  ck_assert (galley_harness_commit (h, NULL));
  n = read (fd, buf, sizeof buf - 1);
  close (fd);
  ck_assert_int_gt (n, 0);
  buf[n] = '\0';
  ck_assert_str_eq (buf, LINE ("f", "one") LINE ("f", "two"));
}
END_TEST

/* read-jsonl -> export-jsonl keeps what it read. */

START_TEST (test_round_trip_from_read_jsonl)
{
  g_autofree char *in = io_test_write (tmp, "in.jsonl",
    "{\"id\":\"r1\",\"text\":\"Caf\\u00e9 \\\"ok\\\"\",\"tags\":[1, 2],\"n\":3.0,\"by\":\"AP\"}\n"
    "not json\n"
    "{\"id\":\"r2\",\"geo\":{\"lat\":1},\"text\":\"Two.\"}\n", -1);
  g_autofree char *in_param = g_strdup_printf ("path=%s", in);
  g_autofree char *out_param = g_strdup_printf ("path=%s", out_path);
  const char *read_params[] = { in_param, NULL };
  const char *write_params[] = { out_param, "text=true", NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_read_jsonl_stage, read_params, NULL);
  g_autoptr (GPtrArray) rejects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) docs = NULL;
  g_autofree char *out = NULL;

  ck_assert (galley_harness_add (h, &galley_export_jsonl_stage, write_params, NULL));
  docs = galley_harness_read_all (h, rejects, NULL);
  ck_assert_uint_eq (docs->len, 2);
  ck_assert_uint_eq (rejects->len, 1);
  ck_assert (galley_harness_commit (h, NULL));
  out = io_test_read (out_path);
  ck_assert_str_eq (out,
    "{\"id\":\"r1\",\"text\":\"Caf\xC3\xA9 \\\"ok\\\"\",\"meta\":{\"tags\":[1, 2],\"n\":3.0,\"by\":\"AP\"},"
    "\"features\":{},\"layers\":{}}\n"
    "{\"id\":\"r2\",\"text\":\"Two.\",\"meta\":{\"geo\":{\"lat\":1}},\"features\":{},\"layers\":{}}\n");
}
END_TEST

static Suite *
export_jsonl_suite (void)
{
  Suite *s = suite_create ("export-jsonl");
  TCase *tc;

  tc = tcase_create ("params");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_params_defaults);
  tcase_add_test (tc, test_params_unknown_key_lists_valid_keys);
  tcase_add_test (tc, test_params_bad_offsets);
  tcase_add_test (tc, test_params_bad_mode);
  tcase_add_test (tc, test_unwritable_directory_fails_to_build);
  suite_add_tcase (s, tc);

  tc = tcase_create ("format");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_line_format_default);
  tcase_add_test (tc, test_long_line_is_written_in_pieces_and_whole);
  tcase_add_test (tc, test_lines_of_many_documents_go_out_in_pieces_in_order);
  tcase_add_test (tc, test_sentences_of_a_long_line_are_written_in_pieces_and_whole);
  tcase_add_test (tc, test_sentence_feature_is_written_after_offsets);
  tcase_add_test (tc, test_text_true_writes_text_after_id);
  tcase_add_test (tc, test_layers_param_chooses_and_orders);
  tcase_add_test (tc, test_named_layer_absent_is_written_empty);
  tcase_add_test (tc, test_layers_all_includes_tokens_with_type_only);
  tcase_add_test (tc, test_escapes_id_and_metadata);
  tcase_add_test (tc, test_ids_around_the_in_place_limit);
  tcase_add_test (tc, test_span_feature_named_like_a_member_is_left_out);
  tcase_add_test (tc, test_span_features_of_every_kind_between_scalars);
  tcase_add_test (tc, test_span_types_repeat_across_layers_and_documents);
  tcase_add_test (tc, test_keys_that_change_place_between_documents);
  tcase_add_test (tc, test_keys_that_share_a_first_byte_at_one_place);
  tcase_add_test (tc, test_span_texts_around_the_in_place_limit);
  tcase_add_test (tc, test_string_features_escaped_whole_in_the_span_room);
  tcase_add_test (tc, test_round_trip_from_read_jsonl);
  suite_add_tcase (s, tc);

  tc = tcase_create ("offsets");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_offsets_codepoint_by_default);
  tcase_add_test (tc, test_offsets_byte);
  tcase_add_test (tc, test_offsets_utf16);
  tcase_add_test (tc, test_offsets_agree_with_offset_map);
  suite_add_tcase (s, tc);

  tc = tcase_create ("output");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_output_unchanged_until_commit);
  tcase_add_test (tc, test_discard_removes_temporary_and_keeps_old_output);
  tcase_add_test (tc, test_discard_leaves_no_file_when_there_was_none);
  tcase_add_test (tc, test_write_after_commit_fails);
  tcase_add_test (tc, test_empty_run_replaces_with_empty_file);
  tcase_add_test (tc, test_append_keeps_earlier_lines);
  tcase_add_test (tc, test_append_replaces_the_line_of_a_document_written_again);
  tcase_add_test (tc, test_append_not_unique_keeps_both_lines);
  tcase_add_test (tc, test_append_keeps_the_last_line_of_an_id_the_run_writes_twice);
  tcase_add_test (tc, test_append_to_missing_file_creates_it);
  tcase_add_test (tc, test_append_is_atomic_until_commit);
  tcase_add_test (tc, test_writes_to_stdout);
  tcase_add_test (tc, test_writes_to_a_device_in_place);
  tcase_add_test (tc, test_checkpoint_in_append_mode_publishes_and_merges_on);
  tcase_add_test (tc, test_checkpoint_in_plain_append_mode_adds_to_the_file);
  tcase_add_test (tc, test_checkpoint_in_replace_mode_waits_for_the_end);
  tcase_add_test (tc, test_stdout_checkpoints_in_place_and_appends_every_line);
  tcase_add_test (tc, test_fifo_in_append_mode_gets_every_line);
  tcase_add_test (tc, test_stdout_in_replace_mode_is_flushed_at_a_checkpoint);
  tcase_add_test (tc, test_write_error_on_a_device_fails_the_document);
  suite_add_tcase (s, tc);
  return s;
}

IO_TEST_MAIN (export_jsonl_suite)
