/* test-layer.c: annotation layers: appending in and out of order, sorting
 * with features, range queries and feature columns. */
#include "config.h"

#include <string.h>

#include <galley/galley.h>

#include "sdk-test.h"

#define Q(s) g_quark_from_static_string (s)

/* spans_str: "start-end:type,..." for the whole layer, sorted. */
static char *
spans_str (GalleyLayer *layer)
{
  GString *s = g_string_new (NULL);
  guint n;
  const GalleySpan *spans = galley_layer_get_spans (layer, &n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%u-%u:%s", i ? "," : "", spans[i].start,
                            spans[i].end, spans[i].type ? g_quark_to_string (spans[i].type) : "");
  return g_string_free (s, FALSE);
}

/* indices_str: "0,2,3" */
static char *
indices_str (GArray *indices)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < indices->len; i++)
    g_string_append_printf (s, "%s%u", i ? "," : "", g_array_index (indices, guint, i));
  return g_string_free (s, FALSE);
}

static GalleyDocument *
doc_with_layer (const char *text, GalleyLayer **layer)
{
  GalleyDocument *doc = galley_document_new ("d", text, -1);

  *layer = galley_document_ensure_layer (doc, "test");
  return doc;
}

START_TEST (test_append_in_order_returns_indices)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Rain fell in Oslo.", &l);
  g_autofree char *s = NULL;

  ck_assert_uint_eq (galley_layer_append (l, 0, 4, Q ("word"), 1), 0);
  ck_assert_uint_eq (galley_layer_append (l, 5, 9, Q ("word"), 2), 1);
  ck_assert_uint_eq (galley_layer_append (l, 10, 12, Q ("word"), 3), 2);
  ck_assert_uint_eq (galley_layer_append (l, 13, 17, Q ("word"), 4), 3);
  ck_assert_uint_eq (galley_layer_append (l, 17, 18, Q ("punct"), 5), 4);
  ck_assert_uint_eq (galley_layer_get_n_spans (l), 5);
  s = spans_str (l);
  ck_assert_str_eq (s, "0-4:word,5-9:word,10-12:word,13-17:word,17-18:punct");
}
END_TEST

START_TEST (test_get_spans_contiguous_with_flags)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("ab cd", &l);
  const GalleySpan *spans;
  guint n = 0;

  galley_layer_append (l, 0, 2, Q ("word"), 0x2001);
  galley_layer_append (l, 3, 5, Q ("word"), 0x0001);
  spans = galley_layer_get_spans (l, &n);
  ck_assert_uint_eq (n, 2);
  ck_assert_uint_eq (sizeof (GalleySpan), 16);
  ck_assert_uint_eq (spans[0].flags, 0x2001);
  ck_assert_uint_eq (spans[1].start, 3);
  ck_assert_uint_eq (spans[1].end, 5);
  ck_assert_uint_eq (spans[1].flags, 0x0001);
  /* @n_spans may be NULL */
  ck_assert_ptr_eq (galley_layer_get_spans (l, NULL), spans);
}
END_TEST

START_TEST (test_empty_layer)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("text", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = 99;

  galley_layer_get_spans (l, &n);
  ck_assert_uint_eq (n, 0);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 0), 0);
  ck_assert_uint_eq (galley_layer_get_contained (l, 0, 4, idx), 0);
  ck_assert_uint_eq (galley_layer_get_covering (l, 0, 4, idx), 0);
  ck_assert_uint_eq (idx->len, 0);
  ck_assert_uint_eq (galley_layer_get_n_feature_keys (l), 0);
}
END_TEST

START_TEST (test_same_start_longer_first)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("New York City Council", &l);
  g_autofree char *s = NULL;

  galley_layer_append (l, 0, 8, Q ("GPE"), 0);
  galley_layer_append (l, 0, 21, Q ("ORG"), 0);  /* out of order: longer */
  galley_layer_append (l, 0, 13, Q ("GPE"), 0);
  s = spans_str (l);
  ck_assert_str_eq (s, "0-21:ORG,0-13:GPE,0-8:GPE");
}
END_TEST

START_TEST (test_out_of_order_sorted_at_next_read)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("The mayor of Lyon spoke on Monday.", &l);
  g_autofree char *s = NULL;

  galley_layer_append (l, 27, 33, Q ("DATE"), 0);
  galley_layer_append (l, 13, 17, Q ("GPE"), 0);
  galley_layer_append (l, 0, 3, Q ("X"), 0);
  ck_assert_uint_eq (galley_layer_get_n_spans (l), 3);
  s = spans_str (l);
  ck_assert_str_eq (s, "0-3:X,13-17:GPE,27-33:DATE");
}
END_TEST

START_TEST (test_sort_is_stable_for_equal_spans)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdefghij", &l);
  g_autofree char *s = NULL;

  galley_layer_append (l, 5, 6, Q ("late"), 0);
  galley_layer_append (l, 2, 4, Q ("first"), 0);
  galley_layer_append (l, 2, 4, Q ("second"), 0);
  galley_layer_append (l, 2, 4, Q ("third"), 0);
  s = spans_str (l);
  ck_assert_str_eq (s, "2-4:first,2-4:second,2-4:third,5-6:late");
}
END_TEST

START_TEST (test_features_move_with_spans_on_sort)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Angela Merkel met Emmanuel Macron in Paris.", &l);
  guint paris, merkel, macron;
  const GalleyValue *v;

  /* append out of order, setting features before the sort renumbers */
  paris = galley_layer_append (l, 37, 42, Q ("GPE"), 0);
  galley_layer_set_feature_string (l, paris, "norm", "paris");
  /* setting a feature reads the layer (sorted so far: one span) */
  merkel = galley_layer_append (l, 0, 13, Q ("PERSON"), 0);
  macron = galley_layer_append (l, 18, 33, Q ("PERSON"), 0);
  ck_assert_uint_eq (paris, 0);
  ck_assert_uint_eq (merkel, 1);
  ck_assert_uint_eq (macron, 2);

  /* the first read after out-of-order appends sorts spans and columns */
  ck_assert_int_eq (galley_harness_find_span (doc, "test", "Paris", NULL), 2);
  v = galley_layer_get_feature (l, 2, "norm");
  ck_assert_ptr_nonnull (v);
  ck_assert_str_eq (v->v.s, "paris");
  ck_assert_ptr_null (galley_layer_get_feature (l, 0, "norm"));
  ck_assert_ptr_null (galley_layer_get_feature (l, 1, "norm"));
}
END_TEST

START_TEST (test_features_of_every_span_move_on_sort)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("aa bb cc dd ee ff", &l);
  const GalleySpan *spans;
  guint n;

  /* three spans in order, each labelled with its own start offset */
  galley_layer_append (l, 3, 5, Q ("w"), 0);
  galley_layer_append (l, 9, 11, Q ("w"), 0);
  galley_layer_append (l, 15, 17, Q ("w"), 0);
  for (guint i = 0; i < 3; i++)
    galley_layer_set_feature_int (l, i, "start", galley_layer_get_span (l, i)->start);
  /* three more, out of order, interleaving with the first ones */
  galley_layer_append (l, 12, 14, Q ("w"), 0);
  galley_layer_append (l, 0, 2, Q ("w"), 0);
  galley_layer_append (l, 6, 8, Q ("w"), 0);
  spans = galley_layer_get_spans (l, &n);
  ck_assert_uint_eq (n, 6);
  for (guint i = 0; i < n; i++)
    {
      const GalleyValue *v = galley_layer_get_feature (l, i, "start");
      if (spans[i].start % 6 == 3)  /* 3, 9, 15: the labelled ones */
        {
          ck_assert_ptr_nonnull (v);
          ck_assert_int_eq (v->v.i, spans[i].start);
        }
      else
        ck_assert_ptr_null (v);
    }
}
END_TEST

START_TEST (test_feature_set_then_out_of_order_append)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("aa bb cc", &l);

  galley_layer_append (l, 6, 8, Q ("w"), 0);
  galley_layer_set_feature_string (l, 0, "label", "cc");
  galley_layer_append (l, 3, 5, Q ("w"), 0);
  galley_layer_set_feature_string (l, 0, "label", "bb");  /* sorted: bb is 0 */
  galley_layer_append (l, 0, 2, Q ("w"), 0);
  /* after the next read: aa, bb, cc */
  ck_assert_ptr_null (galley_layer_get_feature (l, 0, "label"));
  ck_assert_str_eq (galley_layer_get_feature (l, 1, "label")->v.s, "bb");
  ck_assert_str_eq (galley_layer_get_feature (l, 2, "label")->v.s, "cc");
}
END_TEST

START_TEST (test_get_span_allows_changing_type_and_flags)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Apple sued Apple.", &l);
  GalleySpan *span;
  g_autofree char *s = NULL;

  galley_layer_append (l, 0, 5, Q ("ORG"), 0);
  galley_layer_append (l, 11, 16, Q ("ORG"), 0);
  span = galley_layer_get_span (l, 1);
  span->type = Q ("PRODUCT");
  span->flags = 7;
  s = spans_str (l);
  ck_assert_str_eq (s, "0-5:ORG,11-16:PRODUCT");
  ck_assert_uint_eq (galley_layer_get_spans (l, NULL)[1].flags, 7);
}
END_TEST

START_TEST (test_get_span_out_of_range_is_null)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abc", &l);

  galley_layer_append (l, 0, 3, 0, 0);
  sdk_test_catch_criticals ();
  ck_assert_ptr_null (galley_layer_get_span (l, 1));
  ck_assert_uint_eq (sdk_test_n_criticals, 1);
  sdk_test_release_criticals ();
}
END_TEST

START_TEST (test_append_end_before_start_is_refused)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abc", &l);

  sdk_test_catch_criticals ();
  galley_layer_append (l, 3, 1, 0, 0);
  ck_assert_uint_eq (sdk_test_n_criticals, 1);
  sdk_test_release_criticals ();
  ck_assert_uint_eq (galley_layer_get_n_spans (l), 0);
}
END_TEST

START_TEST (test_reserve_keeps_spans)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abc def", &l);

  galley_layer_append (l, 0, 3, Q ("word"), 0);
  galley_layer_reserve (l, 10000);
  ck_assert_uint_eq (galley_layer_get_n_spans (l), 1);
  for (guint i = 0; i < 10000; i++)
    galley_layer_append (l, 4, 7, Q ("word"), i);
  ck_assert_uint_eq (galley_layer_get_n_spans (l), 10001);
  ck_assert_uint_eq (galley_layer_get_spans (l, NULL)[10000].flags, 9999);
}
END_TEST

/* "Oil prices rose in New York on Monday." as tokens */
static void
add_tokens (GalleyLayer *l)
{
  static const guint32 offs[][2] = {
    { 0, 3 }, { 4, 10 }, { 11, 15 }, { 16, 18 }, { 19, 22 }, { 23, 27 },
    { 28, 30 }, { 31, 37 }, { 37, 38 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (offs); i++)
    galley_layer_append (l, offs[i][0], offs[i][1], Q ("word"), 0);
}

START_TEST (test_lower_bound)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Oil prices rose in New York on Monday.", &l);

  add_tokens (l);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 0), 0);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 1), 1);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 4), 1);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 19), 4);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 20), 5);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 37), 8);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 38), 9);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 1000), 9);
}
END_TEST

START_TEST (test_lower_bound_sorts_first)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("aa bb cc", &l);

  galley_layer_append (l, 6, 8, 0, 0);
  galley_layer_append (l, 0, 2, 0, 0);
  galley_layer_append (l, 3, 5, 0, 0);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 3), 1);
  ck_assert_uint_eq (galley_layer_lower_bound (l, 4), 2);
}
END_TEST

START_TEST (test_get_contained_tokens_of_entity)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Oil prices rose in New York on Monday.", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;

  add_tokens (l);
  /* "New York" */
  ck_assert_uint_eq (galley_layer_get_contained (l, 19, 27, idx), 2);
  s = indices_str (idx);
  ck_assert_str_eq (s, "4,5");
}
END_TEST

START_TEST (test_get_contained_appends_to_array)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Oil prices rose in New York on Monday.", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;

  add_tokens (l);
  ck_assert_uint_eq (galley_layer_get_contained (l, 0, 3, idx), 1);
  ck_assert_uint_eq (galley_layer_get_contained (l, 31, 38, idx), 2);
  s = indices_str (idx);
  ck_assert_str_eq (s, "0,7,8");
}
END_TEST

START_TEST (test_get_contained_excludes_partial_overlap)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Oil prices rose in New York on Monday.", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;

  add_tokens (l);
  /* "ices rose in Ne": "prices" and "New" only overlap */
  ck_assert_uint_eq (galley_layer_get_contained (l, 6, 21, idx), 2);
  s = indices_str (idx);
  ck_assert_str_eq (s, "2,3");
  g_array_set_size (idx, 0);
  ck_assert_uint_eq (galley_layer_get_contained (l, 5, 9, idx), 0);
}
END_TEST

START_TEST (test_get_contained_excludes_an_empty_span_at_the_end)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Oil rose. Gas fell.", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;

  /* [start, end): an empty span (a break marker) at @end starts past the
   * range, like every span starting there; one at @start is inside */
  galley_layer_append (l, 0, 0, Q ("BREAK"), 0);  /* 0 */
  galley_layer_append (l, 0, 3, Q ("W"), 0);      /* 1 */
  galley_layer_append (l, 4, 8, Q ("W"), 0);      /* 2 */
  galley_layer_append (l, 9, 9, Q ("BREAK"), 0);  /* 3 */
  galley_layer_append (l, 10, 13, Q ("W"), 0);    /* 4 */
  ck_assert_uint_eq (galley_layer_get_contained (l, 0, 9, idx), 3);
  s = indices_str (idx);
  ck_assert_str_eq (s, "0,1,2");
}
END_TEST

START_TEST (test_get_contained_nested_and_overlapping)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("University of New York City Press", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;

  galley_layer_append (l, 0, 33, Q ("ORG"), 0);   /* whole name      0 */
  galley_layer_append (l, 0, 26, Q ("ORG"), 0);   /* ... City        1 */
  galley_layer_append (l, 14, 22, Q ("GPE"), 0);  /* New York        2 */
  galley_layer_append (l, 14, 27, Q ("X"), 0);    /* New York City_  3 (overlaps 1) */
  galley_layer_append (l, 18, 33, Q ("Y"), 0);    /* York City Press 4 */
  s = spans_str (l);
  ck_assert_str_eq (s, "0-33:ORG,0-26:ORG,14-27:X,14-22:GPE,18-33:Y");
  ck_assert_uint_eq (galley_layer_get_contained (l, 0, 26, idx), 2);
  g_clear_pointer (&s, g_free);
  s = indices_str (idx);
  ck_assert_str_eq (s, "1,3");
  /* exactly equal bounds count as contained */
  g_array_set_size (idx, 0);
  ck_assert_uint_eq (galley_layer_get_contained (l, 14, 22, idx), 1);
  g_clear_pointer (&s, g_free);
  s = indices_str (idx);
  ck_assert_str_eq (s, "3");
}
END_TEST

START_TEST (test_get_covering_nested)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("University of New York City Press", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;

  galley_layer_append (l, 0, 33, Q ("ORG"), 0);
  galley_layer_append (l, 0, 26, Q ("ORG"), 0);
  galley_layer_append (l, 14, 22, Q ("GPE"), 0);
  galley_layer_append (l, 14, 27, Q ("X"), 0);
  galley_layer_append (l, 18, 33, Q ("Y"), 0);
  /* "York": every span covers it */
  ck_assert_uint_eq (galley_layer_get_covering (l, 18, 22, idx), 5);
  s = indices_str (idx);
  ck_assert_str_eq (s, "0,1,2,3,4");
  /* "Press": the whole name and "York City Press" */
  g_array_set_size (idx, 0);
  ck_assert_uint_eq (galley_layer_get_covering (l, 28, 33, idx), 2);
  g_clear_pointer (&s, g_free);
  s = indices_str (idx);
  ck_assert_str_eq (s, "0,4");
  /* "University": the two spans starting at 0 */
  g_array_set_size (idx, 0);
  ck_assert_uint_eq (galley_layer_get_covering (l, 0, 10, idx), 2);
}
END_TEST

START_TEST (test_get_covering_overlapping_not_covering)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("aaaa bbbb cccc dddd", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;

  galley_layer_append (l, 0, 9, Q ("A"), 0);    /* aaaa bbbb */
  galley_layer_append (l, 5, 14, Q ("B"), 0);   /* bbbb cccc */
  galley_layer_append (l, 10, 19, Q ("C"), 0);  /* cccc dddd */
  /* "bbbb": A and B cover it, C does not */
  ck_assert_uint_eq (galley_layer_get_covering (l, 5, 9, idx), 2);
  s = indices_str (idx);
  ck_assert_str_eq (s, "0,1");
  /* "bbbb cccc" is covered by B only */
  g_array_set_size (idx, 0);
  ck_assert_uint_eq (galley_layer_get_covering (l, 5, 14, idx), 1);
  g_clear_pointer (&s, g_free);
  s = indices_str (idx);
  ck_assert_str_eq (s, "1");
  /* nothing covers all of it */
  g_array_set_size (idx, 0);
  ck_assert_uint_eq (galley_layer_get_covering (l, 0, 19, idx), 0);
}
END_TEST

START_TEST (test_get_covering_long_span_far_back)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("x", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;

  /* a sentence span, then many short tokens: the covering scan must reach
   * back past them to the sentence */
  galley_layer_append (l, 0, 5000, Q ("sentence"), 0);
  for (guint32 i = 0; i < 1000; i++)
    galley_layer_append (l, i * 5, i * 5 + 4, Q ("word"), 0);
  ck_assert_uint_eq (galley_layer_get_covering (l, 4000, 4004, idx), 2);
  s = indices_str (idx);
  ck_assert_str_eq (s, "0,801");
}
END_TEST

START_TEST (test_feature_columns_in_first_set_order)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Acme Corp hired Jo Smith", &l);
  const GalleyValue *v;

  galley_layer_append (l, 0, 9, Q ("ORG"), 0);
  galley_layer_append (l, 16, 24, Q ("PERSON"), 0);
  galley_layer_set_feature_string (l, 1, "norm", "jo smith");
  galley_layer_set_feature_int (l, 0, "cluster", 3);
  galley_layer_set_feature_double (l, 1, "sentiment", 0.5);
  galley_layer_set_feature_boolean (l, 0, "guessed", TRUE);
  galley_layer_set_feature_string (l, 0, "norm", "acme corp");

  ck_assert_uint_eq (galley_layer_get_n_feature_keys (l), 4);
  ck_assert_str_eq (galley_layer_get_feature_key (l, 0), "norm");
  ck_assert_str_eq (galley_layer_get_feature_key (l, 1), "cluster");
  ck_assert_str_eq (galley_layer_get_feature_key (l, 2), "sentiment");
  ck_assert_str_eq (galley_layer_get_feature_key (l, 3), "guessed");

  v = galley_layer_get_feature_nth (l, 0, 0);
  ck_assert_str_eq (v->v.s, "acme corp");
  v = galley_layer_get_feature_nth (l, 1, 0);
  ck_assert_str_eq (v->v.s, "jo smith");
  v = galley_layer_get_feature_nth (l, 0, 1);
  ck_assert_int_eq (v->type, GALLEY_VALUE_INT);
  ck_assert_int_eq (v->v.i, 3);
  ck_assert_ptr_null (galley_layer_get_feature_nth (l, 1, 1));  /* short column */
  ck_assert_ptr_null (galley_layer_get_feature_nth (l, 0, 2));  /* unset slot */
  v = galley_layer_get_feature_nth (l, 1, 2);
  ck_assert_int_eq (v->type, GALLEY_VALUE_DOUBLE);
  ck_assert_double_eq (v->v.d, 0.5);
  v = galley_layer_get_feature (l, 0, "guessed");
  ck_assert_int_eq (v->type, GALLEY_VALUE_BOOLEAN);
  ck_assert_int_eq (v->v.b, 1);
  ck_assert_ptr_null (galley_layer_get_feature (l, 0, "missing"));
}
END_TEST

/* Columns are looked up by the caller's pointer first, trying the column
 * after the last one found: keys that are equal strings at different
 * addresses, and orders that break the rhythm, still find their column. */
/* galley_layer_get_feature_nth on a layer appended out of order sorts it
 * first (its spans and their values move together), and a key index past
 * the columns is refused with a critical warning. */
START_TEST (test_feature_nth_sorts_first_and_refuses_bad_key_index)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdef", &l);
  const GalleyValue *v;

  galley_layer_append (l, 4, 5, 0, 0);
  galley_layer_set_feature_int (l, 0, "n", 45);
  galley_layer_append (l, 0, 1, 0, 0);  /* out of order: becomes span 0 */
  galley_layer_set_feature_int (l, 0, "n", 1);  /* sorts: span 0 is [0, 1) */
  galley_layer_append (l, 2, 3, 0, 0);  /* out of order again */

  v = galley_layer_get_feature_nth (l, 2, 0);
  ck_assert_ptr_nonnull (v);
  ck_assert_int_eq (v->v.i, 45);
  ck_assert_int_eq (galley_layer_get_feature_nth (l, 0, 0)->v.i, 1);
  ck_assert_ptr_null (galley_layer_get_feature_nth (l, 1, 0));

  sdk_test_catch_criticals ();
  ck_assert_ptr_null (galley_layer_get_feature_nth (l, 0, 1));
  ck_assert_uint_eq (sdk_test_n_criticals, 1);
  sdk_test_release_criticals ();
}
END_TEST

/* The column getter: one array parallel to the spans, unset spans as
 * GALLEY_VALUE_NONE inside it and past its end, an unsorted layer sorted
 * first, a bad key index refused. */
START_TEST (test_feature_column_is_the_values_by_span)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdefgh", &l);
  const GalleyValue *col;
  guint n = 99;

  for (guint i = 0; i < 4; i++)
    galley_layer_append (l, 2 * i, 2 * i + 1, 0, 0);
  galley_layer_set_feature_string (l, 0, "norm", "a");
  galley_layer_set_feature_double (l, 1, "score", 0.5);
  galley_layer_set_feature_string (l, 2, "norm", "e");

  col = galley_layer_get_feature_column (l, 0, &n);
  ck_assert_uint_eq (n, 3);  /* span 3 has no value: past the end */
  ck_assert_int_eq (col[0].type, GALLEY_VALUE_STRING);
  ck_assert_str_eq (col[0].v.s, "a");
  ck_assert_int_eq (col[1].type, GALLEY_VALUE_NONE);
  ck_assert_int_eq (col[2].type, GALLEY_VALUE_STRING);
  ck_assert_str_eq (col[2].v.s, "e");

  col = galley_layer_get_feature_column (l, 1, &n);
  ck_assert_uint_eq (n, 2);
  ck_assert_int_eq (col[0].type, GALLEY_VALUE_NONE);
  ck_assert_int_eq (col[1].type, GALLEY_VALUE_DOUBLE);
  ck_assert (col[1].v.d == 0.5);
}
END_TEST

START_TEST (test_feature_column_sorts_first_and_refuses_bad_key_index)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdef", &l);
  const GalleyValue *col;
  guint n = 99;

  galley_layer_append (l, 4, 5, 0, 0);
  galley_layer_set_feature_int (l, 0, "n", 45);
  galley_layer_append (l, 0, 1, 0, 0);  /* out of order: becomes span 0 */

  col = galley_layer_get_feature_column (l, 0, &n);
  ck_assert_uint_eq (n, 2);
  ck_assert_int_eq (col[0].type, GALLEY_VALUE_NONE);
  ck_assert_int_eq (col[1].type, GALLEY_VALUE_INT);
  ck_assert_int_eq (col[1].v.i, 45);

  sdk_test_catch_criticals ();
  n = 99;
  ck_assert_ptr_null (galley_layer_get_feature_column (l, 1, &n));
  ck_assert_uint_eq (n, 0);
  ck_assert_uint_eq (sdk_test_n_criticals, 1);
  sdk_test_release_criticals ();
}
END_TEST

START_TEST (test_feature_keys_by_content_in_any_order)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Acme Corp hired Jo Smith", &l);
  char pos[] = "pos", neg[] = "neg", pos2[] = "pos", neg2[] = "neg";

  galley_layer_append (l, 0, 9, Q ("ORG"), 0);
  galley_layer_append (l, 16, 24, Q ("PERSON"), 0);
  galley_layer_set_feature_int (l, 0, pos, 1);
  galley_layer_set_feature_int (l, 0, neg, 2);
  galley_layer_set_feature_int (l, 1, neg2, 4);
  galley_layer_set_feature_int (l, 1, pos2, 3);
  galley_layer_set_feature_int (l, 1, pos, 5);
  galley_layer_set_feature_int (l, 0, neg, 6);

  ck_assert_uint_eq (galley_layer_get_n_feature_keys (l), 2);
  ck_assert_int_eq (galley_layer_get_feature (l, 0, "pos")->v.i, 1);
  ck_assert_int_eq (galley_layer_get_feature (l, 0, neg2)->v.i, 6);
  ck_assert_int_eq (galley_layer_get_feature (l, 1, pos2)->v.i, 5);
  ck_assert_int_eq (galley_layer_get_feature (l, 1, "neg")->v.i, 4);
}
END_TEST

START_TEST (test_feature_replaced_and_typed_value_copied)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abc", &l);
  char *s = g_strdup ("first");
  GalleyValue in = { GALLEY_VALUE_STRING, { .s = s } };

  galley_layer_append (l, 0, 3, 0, 0);
  galley_layer_set_feature (l, 0, "k", &in);
  g_free (s);
  ck_assert_str_eq (galley_layer_get_feature (l, 0, "k")->v.s, "first");
  galley_layer_set_feature_int (l, 0, "k", 9);
  ck_assert_int_eq (galley_layer_get_feature (l, 0, "k")->type, GALLEY_VALUE_INT);
  ck_assert_uint_eq (galley_layer_get_n_feature_keys (l), 1);
  galley_layer_set_feature_string (l, 0, "k", NULL);
  ck_assert_str_eq (galley_layer_get_feature (l, 0, "k")->v.s, "");
}
END_TEST

/* A document's string features are copied into its arena: strings of
 * every length (past the arena's 1 KiB blocks and 4 KiB chunks), JSON
 * values, and strings set again over strings, keep their exact text. */
START_TEST (test_string_features_of_every_length_keep_their_text)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abc", &l);
  const guint lengths[] = { 0, 1, 15, 16, 1023, 1024, 4095, 4096, 20000 };
  GalleyValue json = { GALLEY_VALUE_JSON, { .s = (char *) "{\"a\": [1, 2]}" } };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    galley_layer_append (l, i, i + 1, 0, 0);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
      {
        g_autofree char *text = g_strnfill (lengths[i], (char) ('a' + round));

        galley_layer_set_feature_string (l, i, "text", text);
      }
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *want = g_strnfill (lengths[i], 'b');
      const GalleyValue *v = galley_layer_get_feature (l, i, "text");

      ck_assert_int_eq (v->type, GALLEY_VALUE_STRING);
      ck_assert_str_eq (v->v.s, want);
    }
  galley_layer_set_feature (l, 2, "text", &json);
  ck_assert_int_eq (galley_layer_get_feature (l, 2, "text")->type, GALLEY_VALUE_JSON);
  ck_assert_str_eq (galley_layer_get_feature (l, 2, "text")->v.s, "{\"a\": [1, 2]}");
  ck_assert_ptr_ne (galley_layer_get_feature (l, 2, "text")->v.s, json.v.s);
}
END_TEST

START_TEST (test_feature_columns_grow_past_gaps_and_keep_their_keys)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdefghij", &l);
  char key[] = "score";

  /* a column made when the layer had one span, set again far after it */
  galley_layer_append (l, 0, 1, 0, 0);
  galley_layer_set_feature_int (l, 0, key, 1);
  key[0] = 'X';  /* the layer keeps its own copy of the key */
  for (guint32 i = 1; i < 10; i++)
    galley_layer_append (l, i, i + 1, 0, 0);
  ck_assert_ptr_null (galley_layer_get_feature (l, 5, "score"));
  galley_layer_set_feature_int (l, 8, "score", 8);
  ck_assert_ptr_null (galley_layer_get_feature (l, 9, "score"));
  ck_assert_ptr_null (galley_layer_get_feature (l, 7, "score"));
  ck_assert_int_eq (galley_layer_get_feature (l, 0, "score")->v.i, 1);
  ck_assert_int_eq (galley_layer_get_feature (l, 8, "score")->v.i, 8);
  ck_assert_str_eq (galley_layer_get_feature_key (l, 0), "score");
  ck_assert_ptr_null (galley_layer_get_feature (l, 0, "Xcore"));
  /* a span sorted in front moves the short column's values with it */
  galley_layer_append (l, 0, 5, 0, 0);
  ck_assert_ptr_null (galley_layer_get_feature (l, 0, "score"));
  ck_assert_int_eq (galley_layer_get_feature (l, 1, "score")->v.i, 1);
  ck_assert_int_eq (galley_layer_get_feature (l, 9, "score")->v.i, 8);
  ck_assert_ptr_null (galley_layer_get_feature (l, 10, "score"));
}
END_TEST

START_TEST (test_nine_feature_columns_keep_their_keys_and_values)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdefghij", &l);
  static const char *const keys[] = { "k0", "k1", "k2", "k3", "k4", "k5",
                                      "k6", "k7", "k8" };

  /* past the column list's first four and eight places, strings among
   * the values (freed with the layer) */
  galley_layer_append (l, 0, 1, 0, 0);
  galley_layer_append (l, 1, 2, 0, 0);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    galley_layer_set_feature_int (l, 1, keys[k], 10 + k);
  galley_layer_set_feature_string (l, 0, "k8", "first");
  ck_assert_uint_eq (galley_layer_get_n_feature_keys (l), 9);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      ck_assert_str_eq (galley_layer_get_feature_key (l, k), keys[k]);
      ck_assert_int_eq (galley_layer_get_feature (l, 1, keys[k])->v.i, 10 + k);
    }
  ck_assert_str_eq (galley_layer_get_feature (l, 0, "k8")->v.s, "first");
  ck_assert_ptr_null (galley_layer_get_feature (l, 0, "k7"));
}
END_TEST

START_TEST (test_feature_on_missing_span_is_refused)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abc", &l);

  galley_layer_append (l, 0, 3, 0, 0);
  sdk_test_catch_criticals ();
  galley_layer_set_feature_int (l, 5, "k", 1);
  ck_assert_uint_eq (sdk_test_n_criticals, 1);
  sdk_test_release_criticals ();
  ck_assert_uint_eq (galley_layer_get_n_feature_keys (l), 0);
}
END_TEST

/* A key is looked up by the bit of its first byte before any column is
 * compared (galley-layer.c, key_bit): a new key whose bit no column has
 * is added without a search; keys that share a bit (neg and neu share
 * the byte; 'a' and '!' are 64 apart) and the empty key are told apart by
 * their names, each set through a copy so that no pointer matches. */
START_TEST (test_feature_keys_sharing_a_first_byte_bit)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abc", &l);
  const char *keys[] = { "neg", "neu", "a", "!", "", "n", "neg2" };
  char *copies[3][G_N_ELEMENTS (keys)];  /* all alive: no address comes back */
  GString *all = g_string_new (NULL);

  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      copies[round][i] = g_strdup (keys[i]);
  galley_layer_append (l, 0, 3, 0, 0);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      galley_layer_set_feature_int (l, 0, copies[round][i], round * 10 + i);
  ck_assert_uint_eq (galley_layer_get_n_feature_keys (l), 7);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      ck_assert_int_eq (galley_layer_find_feature_key (l, copies[2][i]), (int) i);
      g_string_append_printf (all, "%s=%" G_GINT64_FORMAT " ", galley_layer_get_feature_key (l, i),
                              galley_layer_get_feature (l, 0, copies[2][i])->v.i);
    }
  ck_assert_str_eq (all->str, "neg=10 neu=11 a=12 !=13 =14 n=15 neg2=16 ");
  ck_assert_int_eq (galley_layer_find_feature_key (l, "ne"), -1);
  ck_assert_int_eq (galley_layer_find_feature_key (l, "b"), -1);
  ck_assert_int_eq (galley_layer_find_feature_key (l, "\xe1"), -1);
  g_string_free (all, TRUE);
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_free (copies[round][i]);
}
END_TEST

/* A key is found by its name, not by the caller's pointer: a caller that
 * fills one buffer with key after key gets a column for each, and a
 * lookup through that buffer finds the key it holds now. */
START_TEST (test_feature_keys_in_a_reused_buffer)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abc", &l);
  char key[8];

  galley_layer_append (l, 0, 3, 0, 0);
  for (int i = 0; i < 3; i++)
    {
      g_snprintf (key, sizeof key, "f%d", i);
      galley_layer_set_feature_int (l, 0, key, 10 + i);
      galley_layer_set_feature_int (l, 0, key, 20 + i);  /* the same column again */
    }
  ck_assert_uint_eq (galley_layer_get_n_feature_keys (l), 3);
  for (int i = 0; i < 3; i++)
    {
      g_snprintf (key, sizeof key, "f%d", i);
      ck_assert_int_eq (galley_layer_find_feature_key (l, key), i);
      ck_assert_str_eq (galley_layer_get_feature_key (l, i), key);
      ck_assert_int_eq (galley_layer_get_feature (l, 0, key)->v.i, 20 + i);
    }
  g_snprintf (key, sizeof key, "f9");
  ck_assert_int_eq (galley_layer_find_feature_key (l, key), -1);
  ck_assert_ptr_null (galley_layer_get_feature (l, 0, key));
}
END_TEST

START_TEST (test_find_feature_key)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", "a b", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, "entity");

  galley_layer_append (layer, 0, 1, 0, 0);
  galley_layer_set_feature_string (layer, 0, "norm", "A");
  galley_layer_set_feature_double (layer, 0, "score", 0.5);
  ck_assert_int_eq (galley_layer_find_feature_key (layer, "norm"), 0);
  ck_assert_int_eq (galley_layer_find_feature_key (layer, "score"), 1);
  ck_assert_int_eq (galley_layer_find_feature_key (layer, "cluster"), -1);
  ck_assert_int_eq (galley_layer_find_feature_key (NULL, "norm"), -1);
}
END_TEST

/* galley_layer_append_spans is n galley_layer_append calls: in order, out
 * of order (sorted at the next read), a bad span skipped with a critical,
 * and the longest span remembered for the covering scan. */
START_TEST (test_append_spans_as_single_appends)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("Rain fell in Oslo.", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *s3 = NULL;
  const GalleySpan words[] = {
    { 5, 9, Q ("word"), 2 }, { 10, 12, Q ("word"), 3 }, { 13, 17, Q ("word"), 4 },
  };
  const GalleySpan late[] = { { 17, 18, Q ("punct"), 5 }, { 0, 18, Q ("sentence"), 0 } };
  const GalleySpan bad[] = { { 1, 2, Q ("a"), 0 }, { 9, 3, Q ("bad"), 0 }, { 2, 3, Q ("b"), 0 } };

  ck_assert_uint_eq (galley_layer_append (l, 0, 4, Q ("word"), 1), 0);
  ck_assert_uint_eq (galley_layer_append_spans (l, words, 3), 1);
  ck_assert_uint_eq (galley_layer_append_spans (l, words, 0), 4);
  /* an empty batch may be NULL (UBSan reported NULL + 0 on the tagger's
   * documents with no entity) */
  ck_assert_uint_eq (galley_layer_append_spans (l, NULL, 0), 4);
  s = spans_str (l);
  ck_assert_str_eq (s, "0-4:word,5-9:word,10-12:word,13-17:word");
  ck_assert_uint_eq (galley_layer_get_span (l, 3)->flags, 4);

  ck_assert_uint_eq (galley_layer_append_spans (l, late, 2), 4);
  s2 = spans_str (l);
  ck_assert_str_eq (s2, "0-18:sentence,0-4:word,5-9:word,10-12:word,13-17:word,17-18:punct");
  /* the sentence covers the last word: the scan reaches back to it */
  ck_assert_uint_eq (galley_layer_get_covering (l, 13, 17, idx), 2);

  sdk_test_catch_criticals ();
  ck_assert_uint_eq (galley_layer_append_spans (l, bad, 3), 6);
  ck_assert_uint_eq (sdk_test_n_criticals, 1);
  sdk_test_release_criticals ();
  ck_assert_uint_eq (galley_layer_get_n_spans (l), 8);
  s3 = spans_str (l);
  ck_assert_str_eq (s3, "0-18:sentence,0-4:word,1-2:a,2-3:b,5-9:word,10-12:word,13-17:word,17-18:punct");
}
END_TEST

/* galley_layer_append_spans checks a batch in one loop, each span against
 * the one before it: 300 batches of 1 to 20 spans, mostly in order, with
 * spans at the same start, spans that go back and bad spans (start >
 * end) anywhere, leave the same layer as appending them one by one:
 * the same spans in the same order, and the same spans covering each
 * byte (the longest span bounds the covering scan). */
START_TEST (test_append_spans_in_blocks_as_single_appends)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (16);
  g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (guint));
  char text[121];

  memset (text, 'x', 120);
  text[120] = '\0';
  sdk_test_catch_criticals ();
  for (guint trial = 0; trial < 300; trial++)
    {
      GalleyLayer *batched, *single;
      g_autoptr (GalleyDocument) doc_b = doc_with_layer (text, &batched);
      g_autoptr (GalleyDocument) doc_s = doc_with_layer (text, &single);
      g_autofree char *spans_b = NULL;
      g_autofree char *spans_s = NULL;
      GalleySpan batch[20];
      guint n = (guint) g_rand_int_range (rand, 1, 21);
      guint32 start = (guint32) g_rand_int_range (rand, 0, 10);

      for (guint32 i = 0; i < (guint32) g_rand_int_range (rand, 0, 3); i++)
        {
          galley_layer_append (batched, i, i + 2, Q ("before"), 0);
          galley_layer_append (single, i, i + 2, Q ("before"), 0);
        }
      for (guint i = 0; i < n; i++)
        {
          gint32 pick = g_rand_int_range (rand, 0, 100);

          if (pick < 10 && start >= 3)
            start -= 3;                                     /* goes back */
          else if (pick >= 30)
            start += (guint32) g_rand_int_range (rand, 1, 4);
          batch[i].start = start;                           /* else the same start */
          batch[i].end = start + (guint32) g_rand_int_range (rand, 0, pick < 5 ? 40 : 8);
          if (pick >= 95 && start > 0)
            batch[i].end = start - 1;                       /* bad */
          batch[i].type = Q ("t");
          batch[i].flags = i;
        }
      galley_layer_append_spans (batched, batch, n);
      for (guint i = 0; i < n; i++)
        galley_layer_append (single, batch[i].start, batch[i].end, batch[i].type, batch[i].flags);
      spans_b = spans_str (batched);
      spans_s = spans_str (single);
      if (strcmp (spans_b, spans_s) != 0)
        ck_abort_msg ("trial %u: %s, expected %s", trial, spans_b, spans_s);
      for (guint32 q = 0; q < 110; q++)
        {
          g_autofree char *idx_b = NULL;
          g_autofree char *idx_s = NULL;

          g_array_set_size (got, 0);  /* the indices are appended */
          g_array_set_size (want, 0);
          galley_layer_get_covering (batched, q, q + 1, got);
          galley_layer_get_covering (single, q, q + 1, want);
          idx_b = indices_str (got);
          idx_s = indices_str (want);
          /* ck_assert_msg would format its message every time */
          if (strcmp (idx_b, idx_s) != 0)
            ck_abort_msg ("trial %u, byte %u: %s, expected %s", trial, q, idx_b, idx_s);
        }
    }
  sdk_test_release_criticals ();
}
END_TEST

/* The column setters are n single sets with one column lookup: they
 * replace a string value (freed), leave spans past @n unset, follow the
 * sorted order, and refuse more values than spans. */
START_TEST (test_feature_columns_set_at_once)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdef", &l);
  const double scores[] = { 0.5, -1.25 };
  const gint64 counts[] = { 7, 8, 9 };
  const GalleyValue *v;

  galley_layer_append (l, 4, 5, 0, 0);
  galley_layer_append (l, 0, 1, 0, 0);  /* out of order: now span 0 */
  galley_layer_append (l, 2, 3, 0, 0);
  galley_layer_set_feature_string (l, 1, "score", "replaced");
  galley_layer_set_feature_double_column (l, "score", scores, 2);
  galley_layer_set_feature_int_column (l, "count", counts, 3);

  v = galley_layer_get_feature (l, 0, "score");
  ck_assert_int_eq (v->type, GALLEY_VALUE_DOUBLE);
  ck_assert_double_eq (v->v.d, 0.5);
  v = galley_layer_get_feature (l, 1, "score");
  ck_assert_int_eq (v->type, GALLEY_VALUE_DOUBLE);
  ck_assert_double_eq (v->v.d, -1.25);
  ck_assert_ptr_null (galley_layer_get_feature (l, 2, "score"));
  ck_assert_uint_eq (galley_layer_get_span (l, 2)->start, 4);
  ck_assert_int_eq (galley_layer_get_feature (l, 2, "count")->v.i, 9);
  ck_assert_int_eq (galley_layer_get_feature (l, 0, "count")->v.i, 7);

  sdk_test_catch_criticals ();
  galley_layer_set_feature_int_column (l, "count", counts, 4);
  ck_assert_uint_eq (sdk_test_n_criticals, 1);
  sdk_test_release_criticals ();
  ck_assert_int_eq (galley_layer_get_feature (l, 0, "count")->v.i, 7);
  galley_layer_set_feature_double_column (l, "none", scores, 0);
  ck_assert_int_eq (galley_layer_find_feature_key (l, "none"), -1);
}
END_TEST

/* The string column setter is n galley_layer_set_feature_string calls:
 * each value is copied (the caller's buffer may change after), NULL is
 * stored as "", an old value of the column is replaced, spans past @n
 * stay unset, and more values than spans are refused. */
START_TEST (test_string_feature_column_copies_each_value)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdef", &l);
  char buf[] = "USD 1000000\0Shell\0";
  const char *norms[] = { buf, NULL, buf + 12, "" };
  const GalleyValue *v;

  galley_layer_append (l, 0, 1, 0, 0);
  galley_layer_append (l, 1, 2, 0, 0);
  galley_layer_append (l, 2, 3, 0, 0);
  galley_layer_append (l, 3, 4, 0, 0);
  galley_layer_append (l, 4, 5, 0, 0);
  galley_layer_set_feature_string (l, 2, "norm", "old");
  galley_layer_set_feature_string_column (l, "norm", norms, 4);
  memset (buf, 'x', sizeof buf - 1);

  v = galley_layer_get_feature (l, 0, "norm");
  ck_assert_int_eq (v->type, GALLEY_VALUE_STRING);
  ck_assert_str_eq (v->v.s, "USD 1000000");
  ck_assert_str_eq (galley_layer_get_feature (l, 1, "norm")->v.s, "");
  ck_assert_str_eq (galley_layer_get_feature (l, 2, "norm")->v.s, "Shell");
  v = galley_layer_get_feature (l, 3, "norm");
  ck_assert_int_eq (v->type, GALLEY_VALUE_STRING);
  ck_assert_str_eq (v->v.s, "");
  ck_assert_ptr_null (galley_layer_get_feature (l, 4, "norm"));
  ck_assert_int_eq (galley_layer_get_n_feature_keys (l), 1);

  sdk_test_catch_criticals ();
  galley_layer_set_feature_string_column (l, "norm", norms, 6);
  ck_assert_uint_eq (sdk_test_n_criticals, 1);
  sdk_test_release_criticals ();
  ck_assert_str_eq (galley_layer_get_feature (l, 0, "norm")->v.s, "USD 1000000");
  galley_layer_set_feature_string_column (l, "none", norms, 0);
  ck_assert_int_eq (galley_layer_find_feature_key (l, "none"), -1);
}
END_TEST

/* doc_with_neg_column: a document whose layer has three spans and a
 * "neg" column of @n values. */
static GalleyDocument *
doc_with_neg_column (guint n, GalleyLayer **layer)
{
  static const double neg[] = { -0.5, -0.25, -0.125 };
  GalleyDocument *doc = doc_with_layer ("abcdef", layer);

  galley_layer_append (*layer, 0, 1, 0, 0);
  galley_layer_append (*layer, 2, 3, 0, 0);
  galley_layer_append (*layer, 4, 5, 0, 0);
  galley_layer_set_feature_double_column (*layer, "neg", neg, n);
  return doc;
}

START_TEST (test_slot_past_a_columns_values_is_unset_whatever_it_holds)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = NULL;

  /* The slots past the values set are room, not values: they hold what
   * the block held before. A document freed first leaves its bytes in
   * the block malloc gives the next one of that size (glibc), and the
   * same calls put the column at the same place in it: a getter that
   * read one slot too far would find the first document's -0.125. */
  galley_document_free (doc_with_neg_column (3, &l));
  doc = doc_with_neg_column (2, &l);
  ck_assert_double_eq (galley_layer_get_feature (l, 1, "neg")->v.d, -0.25);
  ck_assert_ptr_null (galley_layer_get_feature (l, 2, "neg"));
  ck_assert_ptr_null (galley_layer_get_feature_nth (l, 2, 0));
}
END_TEST

/* A column set at once on a layer that has no such column yet takes the
 * new column's path (nothing to clear): the spans past @n stay unset, and
 * setting one of them later grows the column without touching the first
 * @n. Keys and layer names that share their first byte are told apart. */
START_TEST (test_new_feature_column_leaves_spans_past_n_unset)
{
  GalleyLayer *l, *sentence, *sentiment;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdef", &l);
  const double neg[] = { -0.5, -0.25 };
  const double neu[] = { 0.75, 1.5 };
  const GalleyValue *v;

  galley_layer_append (l, 0, 1, 0, 0);
  galley_layer_append (l, 2, 3, 0, 0);
  galley_layer_append (l, 4, 5, 0, 0);
  galley_layer_set_feature_double_column (l, "neg", neg, 2);
  galley_layer_set_feature_double_column (l, "neu", neu, 2);

  ck_assert_int_eq (galley_layer_get_n_feature_keys (l), 2);
  ck_assert_double_eq (galley_layer_get_feature (l, 0, "neg")->v.d, -0.5);
  ck_assert_double_eq (galley_layer_get_feature (l, 1, "neg")->v.d, -0.25);
  ck_assert_double_eq (galley_layer_get_feature (l, 0, "neu")->v.d, 0.75);
  ck_assert_double_eq (galley_layer_get_feature (l, 1, "neu")->v.d, 1.5);
  ck_assert_ptr_null (galley_layer_get_feature (l, 2, "neg"));
  ck_assert_ptr_null (galley_layer_get_feature (l, 2, "neu"));

  galley_layer_set_feature_string (l, 2, "neg", "late");
  v = galley_layer_get_feature (l, 2, "neg");
  ck_assert_int_eq (v->type, GALLEY_VALUE_STRING);
  ck_assert_str_eq (v->v.s, "late");
  ck_assert_double_eq (galley_layer_get_feature (l, 1, "neg")->v.d, -0.25);
  ck_assert_ptr_null (galley_layer_get_feature (l, 2, "neu"));

  sentence = galley_document_ensure_layer (doc, "sentence");
  sentiment = galley_document_ensure_layer (doc, "sentiment");
  ck_assert_ptr_nonnull (sentiment);
  ck_assert_ptr_ne (sentiment, sentence);
  ck_assert_uint_eq (galley_document_get_n_layers (doc), 3);
  ck_assert_ptr_eq (galley_document_get_layer (doc, "sentence"), sentence);
  ck_assert_ptr_eq (galley_document_get_layer (doc, "sentiment"), sentiment);
  ck_assert_ptr_null (galley_document_get_layer (doc, "sentimen"));
  ck_assert_ptr_null (galley_document_get_layer (doc, "s"));
}
END_TEST

/* A batch that makes the span array grow is checked against the span
 * before it where that span now is: the order check once read it from
 * the old array, freed by the growth (a crash on a 50 MB article; under
 * valgrind or AddressSanitizer, a read after free here). */
START_TEST (test_append_spans_growing_the_array_checks_order)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("x", &l);
  GalleySpan batch[200];

  for (guint32 i = 0; i < 100; i++)
    galley_layer_append (l, i * 10, i * 10 + 5, 0, i);
  /* the first of the batch starts where the last span does and is
   * longer: it sorts before it */
  batch[0] = (GalleySpan) { 990, 999, 0, 1000 };
  for (guint32 i = 1; i < 200; i++)
    batch[i] = (GalleySpan) { 1000 + i, 1001 + i, 0, 1000 + i };
  ck_assert_uint_eq (galley_layer_append_spans (l, batch, 200), 100);
  ck_assert_uint_eq (galley_layer_get_n_spans (l), 300);
  ck_assert_uint_eq (galley_layer_get_span (l, 99)->flags, 1000);
  ck_assert_uint_eq (galley_layer_get_span (l, 100)->flags, 99);
  ck_assert_uint_eq (galley_layer_get_span (l, 299)->start, 1199);
}
END_TEST

/* The batch's first span is checked against the layer's last and counts
 * for the longest span like the others; spans at the same start are in
 * order when the later one is not longer; a bad first span is skipped
 * with a critical and the rest still appended. */
START_TEST (test_append_spans_checks_each_span_against_the_one_before)
{
  GalleyLayer *l;
  g_autoptr (GalleyDocument) doc = doc_with_layer ("abcdefghijklmnopqrstuvwxyz", &l);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *s = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *s3 = NULL;
  const GalleySpan nested[] = {
    { 0, 10, Q ("a"), 0 }, { 0, 4, Q ("b"), 0 }, { 5, 9, Q ("c"), 0 },
  };
  const GalleySpan longer[] = { { 5, 12, Q ("d"), 0 } };
  const GalleySpan bad_first[] = { { 9, 3, Q ("bad"), 0 }, { 20, 21, Q ("e"), 0 } };

  ck_assert_uint_eq (galley_layer_append_spans (l, nested, 3), 0);
  s = spans_str (l);
  ck_assert_str_eq (s, "0-10:a,0-4:b,5-9:c");
  /* the first span, the longest, reaches 6-7 */
  ck_assert_uint_eq (galley_layer_get_covering (l, 6, 7, idx), 2);
  ck_assert_uint_eq (g_array_index (idx, guint, 0), 0);
  ck_assert_uint_eq (g_array_index (idx, guint, 1), 2);

  /* same start as the layer's last span and longer: sorted before it */
  ck_assert_uint_eq (galley_layer_append_spans (l, longer, 1), 3);
  s2 = spans_str (l);
  ck_assert_str_eq (s2, "0-10:a,0-4:b,5-12:d,5-9:c");

  sdk_test_catch_criticals ();
  ck_assert_uint_eq (galley_layer_append_spans (l, bad_first, 2), 4);
  ck_assert_uint_eq (sdk_test_n_criticals, 1);
  sdk_test_release_criticals ();
  s3 = spans_str (l);
  ck_assert_str_eq (s3, "0-10:a,0-4:b,5-12:d,5-9:c,20-21:e");
}
END_TEST

static Suite *
layer_suite (void)
{
  Suite *s = suite_create ("layer");
  TCase *tc = tcase_create ("layer");

  tcase_add_test (tc, test_append_in_order_returns_indices);
  tcase_add_test (tc, test_get_spans_contiguous_with_flags);
  tcase_add_test (tc, test_empty_layer);
  tcase_add_test (tc, test_same_start_longer_first);
  tcase_add_test (tc, test_out_of_order_sorted_at_next_read);
  tcase_add_test (tc, test_sort_is_stable_for_equal_spans);
  tcase_add_test (tc, test_features_move_with_spans_on_sort);
  tcase_add_test (tc, test_features_of_every_span_move_on_sort);
  tcase_add_test (tc, test_feature_set_then_out_of_order_append);
  tcase_add_test (tc, test_get_span_allows_changing_type_and_flags);
  tcase_add_test (tc, test_get_span_out_of_range_is_null);
  tcase_add_test (tc, test_append_end_before_start_is_refused);
  tcase_add_test (tc, test_reserve_keeps_spans);
  tcase_add_test (tc, test_lower_bound);
  tcase_add_test (tc, test_lower_bound_sorts_first);
  tcase_add_test (tc, test_get_contained_tokens_of_entity);
  tcase_add_test (tc, test_get_contained_appends_to_array);
  tcase_add_test (tc, test_get_contained_excludes_partial_overlap);
  tcase_add_test (tc, test_get_contained_excludes_an_empty_span_at_the_end);
  tcase_add_test (tc, test_get_contained_nested_and_overlapping);
  tcase_add_test (tc, test_get_covering_nested);
  tcase_add_test (tc, test_get_covering_overlapping_not_covering);
  tcase_add_test (tc, test_get_covering_long_span_far_back);
  tcase_add_test (tc, test_feature_columns_in_first_set_order);
  tcase_add_test (tc, test_feature_keys_by_content_in_any_order);
  tcase_add_test (tc, test_feature_nth_sorts_first_and_refuses_bad_key_index);
  tcase_add_test (tc, test_feature_column_is_the_values_by_span);
  tcase_add_test (tc, test_feature_column_sorts_first_and_refuses_bad_key_index);
  tcase_add_test (tc, test_feature_replaced_and_typed_value_copied);
  tcase_add_test (tc, test_feature_on_missing_span_is_refused);
  tcase_add_test (tc, test_feature_keys_sharing_a_first_byte_bit);
  tcase_add_test (tc, test_feature_keys_in_a_reused_buffer);
  tcase_add_test (tc, test_find_feature_key);
  tcase_add_test (tc, test_append_spans_as_single_appends);
  tcase_add_test (tc, test_append_spans_growing_the_array_checks_order);
  tcase_add_test (tc, test_append_spans_checks_each_span_against_the_one_before);
  tcase_add_test (tc, test_append_spans_in_blocks_as_single_appends);
  tcase_add_test (tc, test_feature_columns_set_at_once);
  tcase_add_test (tc, test_string_feature_column_copies_each_value);
  tcase_add_test (tc, test_new_feature_column_leaves_spans_past_n_unset);
  tcase_add_test (tc, test_slot_past_a_columns_values_is_unset_whatever_it_holds);
  tcase_add_test (tc, test_feature_columns_grow_past_gaps_and_keep_their_keys);
  tcase_add_test (tc, test_string_features_of_every_length_keep_their_text);
  tcase_add_test (tc, test_nine_feature_columns_keep_their_keys_and_values);
  suite_add_tcase (s, tc);
  return s;
}

SDK_TEST_MAIN (layer_suite)
