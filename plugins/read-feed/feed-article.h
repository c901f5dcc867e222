/* feed-article.h: the pages a feed's items link to (fetch-articles=true). */
#pragma once

#include "feed-parse.h"
#include "../fetch/fetch-queue.h"

G_BEGIN_DECLS

/* feed_article_fetch_all: fetches at once the links of the items of
 * @feed whose key (guid, else link) is not in @listed_before (may be
 * NULL). Returns: (transfer full) link -> FetchRequest *. */
GHashTable *feed_article_fetch_all (FetchSession *session, FeedFile *feed,
                                    GHashTable *listed_before) G_GNUC_WARN_UNUSED_RESULT;

/* feed_article_text: the article text of the page @request fetched,
 * through read-html's extractor (a heading repeating @title left out).
 * Errors: the fetch's own ("URL: REASON"); GALLEY_STAGE_ERROR_INPUT "URL:
 * no article text found in the page". Returns: (transfer full) or NULL. */
char *feed_article_text (FetchRequest *request, const char *title,
                         GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
