/* feed-parse.h: RSS 2.0, RSS 1.0 (RDF) and Atom files as lists of items. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef enum {
  FEED_FORMAT_RSS,   /* RSS 0.9x and 2.0 */
  FEED_FORMAT_RDF,   /* RSS 0.90 and 1.0: rdf:RDF */
  FEED_FORMAT_ATOM,  /* Atom 1.0 (and 0.3) */
} FeedFormat;

typedef struct {
  char *path;         /* as given, for messages */
  xmlDoc *doc;
  FeedFormat format;
  char *title;        /* the feed's title, or NULL */
  char *link;         /* the feed's absolute link (base of relative links) */
  char *author;       /* the feed's author (Atom), or NULL */
  GPtrArray *items;   /* xmlNode *: item or entry elements, in order */
  /* recovered: what went wrong when libxml2 recovered ("line 12: ..."), or
   * the encoding that was corrected; NULL when the file parsed cleanly */
  char *recovered;
  guint n_replaced;   /* bytes invalid in the file's encoding, now U+FFFD */
} FeedFile;

/* feed_file_parse: parses @data (@len bytes, the contents of @path) as a
 * feed. Invalid input libxml2 can recover from (unclosed tags, a truncated
 * file, HTML entities such as &nbsp; in XML, a wrong encoding declaration)
 * is recovered, and FeedFile.recovered says how. A file that cannot be
 * parsed at all, whose root is not a feed, or whose elements nest more
 * than 256 levels deep is GALLEY_STAGE_ERROR_INPUT naming @path (and
 * libxml2's message with its line). A feed whose text, entities expanded,
 * passes @max_bytes is GALLEY_STAGE_ERROR_TOO_LARGE: nothing taken from
 * the feed can then be larger than @max_bytes. HTML in the feed's title
 * nested deeper than 256 levels is GALLEY_STAGE_ERROR_INPUT too.
 * Returns: (transfer full) the feed, or NULL. */
FeedFile *feed_file_parse (const char *path, const char *data, gsize len,
                           gsize max_bytes, GError **error) G_GNUC_WARN_UNUSED_RESULT;

void feed_file_free (FeedFile *feed);

typedef struct {
  char *id;          /* guid / id / rdf:about, else the link, else NULL */
  char *title;
  char *link;        /* absolute when a base was known */
  char *author;
  char *published;   /* ISO 8601 UTC or NULL */
  GPtrArray *categories;  /* char *, in order, without repeats */
  char *text;        /* plain text, "" when the item has none */
  /* deep_line: > 0 when HTML in the item (escaped markup in its title,
   * description or content) nests deeper than XML_DEPTH_LIMIT: the line of
   * the feed's element that holds it. Its text is then incomplete. */
  long deep_line;
} FeedItem;

/* feed_item_extract: the fields of item @index of @feed.
 * Returns: (transfer full). */
FeedItem *feed_item_extract (FeedFile *feed, guint index) G_GNUC_WARN_UNUSED_RESULT;

void feed_item_free (FeedItem *item);

/* feed_item_fingerprint: galley_hash64() of item @index of @feed as XML
 * (the element and all it holds, as parsed), to tell the versions of a
 * rejected item apart: the cron state keeps the rejection while it holds. */
guint64 feed_item_fingerprint (FeedFile *feed, guint index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeedFile, feed_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeedItem, feed_item_free)

G_END_DECLS
