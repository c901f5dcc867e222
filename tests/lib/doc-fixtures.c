/* doc-fixtures.c: hand-built documents for the exporter tests. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "doc-fixtures.h"

GalleyDocument *
fixture_doc (const char *id, const char *text, const char *title,
             const char *published, const char *source, const char *url)
{
  GalleyDocument *doc = galley_document_new (id, text, -1);

  g_assert_nonnull (doc);
  if (title)
    galley_document_set_meta (doc, "title", title);
  if (published)
    galley_document_set_meta (doc, "published", published);
  if (source)
    galley_document_set_meta (doc, "source", source);
  if (url)
    galley_document_set_meta (doc, "url", url);
  return doc;
}

static guint
locate (GalleyDocument *doc, guint from, const char *what)
{
  const char *text = galley_document_get_text (doc, NULL);
  const char *at = strstr (text + from, what);

  g_assert_nonnull (at);
  return (guint) (at - text);
}

guint
fixture_add_entity (GalleyDocument *doc, guint from, const char *mention,
                    const char *type, const char *norm, gint64 cluster,
                    double sentiment, gint64 mentions)
{
  GalleyLayer *layer = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  guint start = locate (doc, from, mention);
  guint end = start + strlen (mention);
  guint i = galley_layer_append (layer, start, end, g_quark_from_string (type), 0);

  if (norm)
    galley_layer_set_feature_string (layer, i, GALLEY_ENTITY_FEATURE_NORM, norm);
  if (cluster >= 0)
    galley_layer_set_feature_int (layer, i, GALLEY_ENTITY_FEATURE_CLUSTER, cluster);
  if (!isnan (sentiment))
    galley_layer_set_feature_double (layer, i, GALLEY_ENTITY_FEATURE_SENTIMENT, sentiment);
  if (mentions >= 0)
    galley_layer_set_feature_int (layer, i, GALLEY_ENTITY_FEATURE_MENTIONS, mentions);
  return end;
}

guint
fixture_add_sentence (GalleyDocument *doc, guint from, const char *sentence,
                      double compound, double pos, double neg, double neu)
{
  GalleyLayer *layer = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);
  guint start = locate (doc, from, sentence);
  guint end = start + strlen (sentence);

  galley_layer_append (layer, start, end, g_quark_from_static_string ("sentence"), 0);
  if (!isnan (compound))
    {
      GalleyLayer *s = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTIMENT);
      guint i = galley_layer_append (s, start, end,
                                     g_quark_from_static_string ("sentiment"), 0);
      galley_layer_set_feature_double (s, i, "compound", compound);
      galley_layer_set_feature_double (s, i, "pos", pos);
      galley_layer_set_feature_double (s, i, "neg", neg);
      galley_layer_set_feature_double (s, i, "neu", neu);
    }
  return end;
}

void
fixture_set_sentiment (GalleyDocument *doc, double compound, double pos,
                       double neg, double neu)
{
  galley_document_set_feature_double (doc, "sentiment.compound", compound);
  galley_document_set_feature_double (doc, "sentiment.pos", pos);
  galley_document_set_feature_double (doc, "sentiment.neg", neg);
  galley_document_set_feature_double (doc, "sentiment.neu", neu);
}

GalleyDocument *
fixture_article (void)
{
  GalleyDocument *doc = fixture_doc (
      "world/001",
      "\xc3\x89lodie Martin met Emmanuel Macron in Z\xc3\xbcrich. Both praised "
      "the deal, calling it \"historic\".\nCritics were unhappy.",
      "Leaders meet, talk \"trade\"", "2024-04-26T09:30:00Z", "Daily Planet",
      "https://example.com/world/001");
  guint at;

  at = fixture_add_entity (doc, 0, "\xc3\x89lodie Martin", "PERSON",
                           "\xc3\x89lodie Martin", 1, 0.4404, 1);
  at = fixture_add_entity (doc, at, "Emmanuel Macron", "PERSON",
                           "Emmanuel Macron", 2, 0.4404, 1);
  fixture_add_entity (doc, at, "Z\xc3\xbcrich", "GPE", "Z\xc3\xbcrich", 3, NAN, -1);
  at = fixture_add_sentence (doc, 0, "\xc3\x89lodie Martin met Emmanuel Macron in "
                             "Z\xc3\xbcrich. Both praised the deal, calling it "
                             "\"historic\".", 0.4404, 0.25, 0.0, 0.75);
  fixture_add_sentence (doc, at, "Critics were unhappy.", -0.4215, 0.0, 0.444, 0.556);
  fixture_set_sentiment (doc, 0.0095, 0.125, 0.222, 0.653);
  return doc;
}
