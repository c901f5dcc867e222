/* doc-fixtures.h: hand-built documents for the exporter tests, shaped like
 * what read-jsonl, the tokenizer, the entity tagger and the sentiment
 * scorer produce. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

/* fixture_doc: a document with @id, @text and, when not NULL, the title,
 * published, source and url metadata. */
GalleyDocument *fixture_doc (const char *id, const char *text,
                             const char *title, const char *published,
                             const char *source, const char *url);

/* fixture_add_entity: an entity span over the first occurrence of @mention
 * at or after byte @from of the text (spans must be added in order), with
 * the norm, cluster, sentiment and mentions features. Returns the end. */
guint fixture_add_entity (GalleyDocument *doc, guint from, const char *mention,
                          const char *type, const char *norm, gint64 cluster,
                          double sentiment, gint64 mentions);

/* fixture_add_sentence: a sentence span over @sentence (first occurrence
 * at or after @from) and, unless @compound is NaN, a sentiment span with
 * the same offsets and the compound, pos, neg and neu features. */
guint fixture_add_sentence (GalleyDocument *doc, guint from,
                            const char *sentence, double compound, double pos,
                            double neg, double neu);

/* fixture_set_sentiment: the four sentiment.* document features. */
void fixture_set_sentiment (GalleyDocument *doc, double compound, double pos,
                            double neg, double neu);

/* fixture_article: "world/001", an article with every layer and feature:
 *   Élodie Martin met Emmanuel Macron in Zürich. Both praised the deal,
 *   calling it "historic".\nCritics were unhappy.
 * title 'Leaders meet, talk "trade"', two sentences, three entities. */
GalleyDocument *fixture_article (void);

G_END_DECLS
