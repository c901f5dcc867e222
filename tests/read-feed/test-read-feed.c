/* test-read-feed.c: the read-feed stage on RSS 2.0, RSS 1.0 and Atom. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "../../plugins/read-feed/feed-date.h"
#include "../../plugins/read-feed/read-feed.h"
#include "lib/readers-test.h"

static ReadResult
read_feed (const char *rel, const char *extra)
{
  g_autofree char *path = fixture (rel);
  g_autofree char *path_kv = g_strconcat ("path=", path, NULL);
  const char *params[] = { path_kv, extra, NULL };

  return read_source (&galley_read_feed_stage, params);
}

/* reject_is: the reject message, with the fixture directory left out. */
#define ck_assert_reject(r, i, expected) \
  do { \
    g_autofree char *want_ = g_strconcat (TEST_SRCDIR "/feeds/", expected, NULL); \
    ck_assert_str_eq (REJECT (r, i), want_); \
  } while (0)

START_TEST (test_rss2_cdata_content_encoded)
{
  ReadResult r = read_feed ("feeds/rss2-cdata.xml", NULL);
  GalleyDocument *d;
  g_autofree char *source = fixture ("feeds/rss2-cdata.xml");

  ck_assert_uint_eq (r.docs->len, 2);
  ck_assert_uint_eq (r.rejects->len, 0);
  d = DOC (&r, 0);
  ck_assert_str_eq (galley_document_get_id (d), "gazette-2024-0311-ferry");
  ck_assert_str_eq (doc_meta (d, "title"), "Ferry service to Gull Island resumes after storm");
  ck_assert_str_eq (doc_meta (d, "author"), "Marta Quill");
  ck_assert_str_eq (doc_meta (d, "published"), "2024-03-11T07:30:00Z");
  ck_assert_str_eq (doc_meta_json (d, "categories"), "[\"Transport\", \"Weather\"]");
  ck_assert_str_eq (doc_meta (d, "feed"), "Harbour Gazette: Local News");
  ck_assert_str_eq (doc_meta (d, "source"), source);
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "The Gull Island ferry sailed at 7 a.m. on Monday, the first "
                    "crossing since Friday's storm.\n\n"
                    "Harbour master Ines Okafor said the pier had been checked "
                    "overnight.\n\"We are back to the normal timetable,\" she said.\n\n"
                    "Crossings every hour\n\nLast boat at 9 p.m.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_rss2_metadata_order)
{
  ReadResult r = read_feed ("feeds/rss2-cdata.xml", NULL);
  GalleyDocument *d = DOC (&r, 0);
  const char *want[] = { "title", "url", "author", "published", "categories", "feed", "source" };

  ck_assert_uint_eq (galley_document_get_n_meta (d), G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    ck_assert_str_eq (galley_document_get_meta_nth (d, i, NULL), want[i]);
  ck_assert_str_eq (galley_document_get_origin (d),
                    TEST_SRCDIR "/feeds/rss2-cdata.xml item 1");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_rss2_relative_link_resolved_against_channel_link)
{
  ReadResult r = read_feed ("feeds/rss2-cdata.xml", NULL);

  ck_assert_str_eq (doc_meta (DOC (&r, 0), "url"),
                    "https://gazette.example.org/local/2024/03/ferry-resumes");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_rss2_missing_date_guid_and_author_are_absent)
{
  ReadResult r = read_feed ("feeds/rss2-cdata.xml", NULL);
  GalleyDocument *d = DOC (&r, 1);

  /* No guid: the link is the id. */
  ck_assert_str_eq (galley_document_get_id (d),
                    "https://gazette.example.org/local/2024/03/market-hall");
  ck_assert_ptr_null (galley_document_get_meta_value (d, "published"));
  ck_assert_ptr_null (galley_document_get_meta_value (d, "author"));
  ck_assert_ptr_null (galley_document_get_meta_value (d, "categories"));
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "The vote on the market hall renovation moves to April.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_rss2_html_entities_in_xml)
{
  ReadResult r = read_feed ("feeds/rss2-entities.xml", NULL);
  GalleyDocument *d;

  ck_assert_uint_eq (r.docs->len, 1);
  d = DOC (&r, 0);
  ck_assert_str_eq (galley_document_get_id (d), "https://wire.example.com/2024/cafe-chain");
  /* &nbsp; becomes a plain space: titles are one line of plain text. */
  ck_assert_str_eq (doc_meta (d, "title"), "Café chain opens in Port Alder — and hires 40");
  ck_assert_str_eq (doc_meta (d, "author"), "Tomas Berg");
  ck_assert_str_eq (doc_meta (d, "published"), "2024-03-12T14:05:00Z");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "The Blåbær café chain – owned by Smith & Daughters – opened "
                    "its first shop, says AT&T analyst Jo Reyes.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_rss1_rdf)
{
  ReadResult r = read_feed ("feeds/rss1.rdf", NULL);
  GalleyDocument *d;

  ck_assert_uint_eq (r.docs->len, 2);
  d = DOC (&r, 0);
  ck_assert_str_eq (galley_document_get_id (d), "https://science.example.net/2024/glacier");
  ck_assert_str_eq (doc_meta (d, "title"), "Glacier survey finds faster melt on the east face");
  ck_assert_str_eq (doc_meta (d, "url"), "https://science.example.net/2024/glacier");
  ck_assert_str_eq (doc_meta (d, "author"), "Priya Lund");
  ck_assert_str_eq (doc_meta (d, "published"), "2024-02-28T14:45:00Z");
  ck_assert_str_eq (doc_meta_json (d, "categories"), "[\"Climate\"]");
  ck_assert_str_eq (doc_meta (d, "feed"), "Northern Science Desk");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "Researchers from Kettle University measured the ice for six "
                    "weeks.\n\nThe east face lost 4 metres.");
  d = DOC (&r, 1);
  ck_assert_str_eq (galley_document_get_id (d), "https://science.example.net/2024/owls");
  /* A W3C-DTF date alone is midnight UTC. */
  ck_assert_str_eq (doc_meta (d, "published"), "2024-03-01T00:00:00Z");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "Birders counted twelve snowy owls near Reed Lake.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_atom_xhtml_content)
{
  ReadResult r = read_feed ("feeds/atom.atom", NULL);
  GalleyDocument *d;

  ck_assert_uint_eq (r.docs->len, 3);
  d = DOC (&r, 0);
  ck_assert_str_eq (galley_document_get_id (d), "tag:cityhall.example.org,2024:library");
  ck_assert_str_eq (doc_meta (d, "title"), "Mayor Diane Foss opens new library");
  ck_assert_str_eq (doc_meta (d, "url"), "https://cityhall.example.org/news/2024/library-opens");
  ck_assert_str_eq (doc_meta (d, "author"), "Leo Marsh, Ada Kim");
  ck_assert_str_eq (doc_meta (d, "published"), "2024-03-13T23:20:00Z");
  ck_assert_str_eq (doc_meta_json (d, "categories"), "[\"culture\", \"libraries\"]");
  ck_assert_str_eq (doc_meta (d, "feed"), "City Hall Bulletin");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "Mayor Diane Foss cut the ribbon on Wednesday.\n\n"
                    "The library holds 80,000 books—twice the old branch.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_atom_xml_base_summary_and_feed_author)
{
  ReadResult r = read_feed ("feeds/atom.atom", NULL);
  GalleyDocument *d = DOC (&r, 1);

  ck_assert_str_eq (doc_meta (d, "url"), "https://cityhall.example.org/archive/elm-street");
  /* No published: updated stands in. */
  ck_assert_str_eq (doc_meta (d, "published"), "2024-03-12T07:00:00Z");
  /* The entry has no author: the feed's. */
  ck_assert_str_eq (doc_meta (d, "author"), "Press Office");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "Elm Street closes for two weeks & buses divert.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_atom_text_content_keeps_paragraphs)
{
  ReadResult r = read_feed ("feeds/atom.atom", NULL);
  GalleyDocument *d = DOC (&r, 2);

  ck_assert_ptr_null (galley_document_get_meta_value (d, "url"));
  ck_assert_ptr_null (galley_document_get_meta_value (d, "published"));
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "The hearing is on Monday.\n\nResidents may speak for three minutes.");
  read_result_clear (&r);
}
END_TEST

/* read_inline_feed: @text saved as @name in a new directory, read. */
static ReadResult
read_inline_feed (const char *name, const char *text, char **dir)
{
  g_autofree char *path = NULL;
  g_autofree char *path_kv = NULL;
  const char *params[] = { NULL, NULL };

  *dir = g_dir_make_tmp ("galley-feed-XXXXXX", NULL);
  path = g_build_filename (*dir, name, NULL);
  path_kv = g_strconcat ("path=", path, NULL);
  params[0] = path_kv;
  ck_assert (g_file_set_contents (path, text, -1, NULL));
  return read_source (&galley_read_feed_stage, params);
}

static void
remove_inline_feed (char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_unlink (path);
  g_rmdir (dir);
  g_free (dir);
}

START_TEST (test_atom_link_is_the_alternate_one)
{
  /* The first link of an entry is often rel=self, edit or enclosure: the
   * url is the alternate one (rel absent means alternate), HTML first. */
  const char *feed =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://news.example.org/\">\n"
    " <title>Links</title>\n"
    " <entry><id>a</id><title>A</title>\n"
    "  <link rel=\"self\" href=\"self-a\"/>\n"
    "  <link rel=\"enclosure\" type=\"image/jpeg\" href=\"a.jpg\"/>\n"
    "  <link rel=\"alternate\" href=\"story-a\"/>\n"
    "  <summary>First entry.</summary></entry>\n"
    " <entry><id>b</id><title>B</title>\n"
    "  <link rel=\"edit\" href=\"edit-b\"/>\n"
    "  <link href=\"story-b\"/>\n"
    "  <summary>Second entry.</summary></entry>\n"
    " <entry><id>c</id><title>C</title>\n"
    "  <link rel=\"alternate\" type=\"application/pdf\" href=\"c.pdf\"/>\n"
    "  <link rel=\"alternate\" type=\"text/html\" href=\"story-c\"/>\n"
    "  <summary>Third entry.</summary></entry>\n"
    " <entry><id>d</id><title>D</title>\n"
    "  <link rel=\"self\" href=\"self-d\"/>\n"
    "  <summary>Fourth entry.</summary></entry>\n"
    "</feed>\n";
  char *dir;
  ReadResult r = read_inline_feed ("links.atom", feed, &dir);

  ck_assert_uint_eq (r.docs->len, 4);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "url"), "https://news.example.org/story-a");
  ck_assert_str_eq (doc_meta (DOC (&r, 1), "url"), "https://news.example.org/story-b");
  ck_assert_str_eq (doc_meta (DOC (&r, 2), "url"), "https://news.example.org/story-c");
  ck_assert_ptr_null (galley_document_get_meta_value (DOC (&r, 3), "url"));
  read_result_clear (&r);
  remove_inline_feed (dir, "links.atom");
}
END_TEST

START_TEST (test_rss2_links_and_authors_as_written)
{
  /* A channel link that is itself relative resolves nothing; an author
   * is cut to the name only in the "address (Name)" form of RSS 2.0 */
  const char *feed =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\"><channel><title>\n  Relative\n  news </title><link>/local/</link>\n"
    " <item><guid>a</guid><title>A</title><link>story-a</link>\n"
    "  <author>Jane Doe (jane@example.com)</author><description>A.</description></item>\n"
    " <item><guid>b</guid><title>B</title><link>story-b</link>\n"
    "  <author>jane@example.com ()</author><description>B.</description></item>\n"
    " <item><guid>c</guid><title>C</title><link>story-c</link>\n"
    "  <author>jane@example.com (Jane Doe)</author><description>C.</description></item>\n"
    "</channel></rss>\n";
  char *dir;
  ReadResult r = read_inline_feed ("rel.rss", feed, &dir);

  ck_assert_uint_eq (r.docs->len, 3);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "feed"), "Relative news");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "url"), "story-a");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "author"), "Jane Doe (jane@example.com)");
  ck_assert_str_eq (doc_meta (DOC (&r, 1), "author"), "jane@example.com ()");
  ck_assert_str_eq (doc_meta (DOC (&r, 2), "author"), "Jane Doe");
  read_result_clear (&r);
  remove_inline_feed (dir, "rel.rss");
}
END_TEST

START_TEST (test_atom_scheme_and_email_author)
{
  /* a scheme with a digit, '+', '-' or '.' is a scheme: the link is
   * absolute; an author with no name is named by the address */
  const char *feed =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://news.example.org/\">\n"
    " <title>Schemes</title>\n"
    " <entry><id>a</id><title>A</title><link href=\"web+news2.x-y:item-a\"/>\n"
    "  <author><email>desk@example.org</email></author><summary>A.</summary></entry>\n"
    "</feed>\n";
  char *dir;
  ReadResult r = read_inline_feed ("s.atom", feed, &dir);

  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "url"), "web+news2.x-y:item-a");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "author"), "desk@example.org");
  read_result_clear (&r);
  remove_inline_feed (dir, "s.atom");
}
END_TEST

START_TEST (test_duplicate_guid_keeps_first)
{
  ReadResult r = read_feed ("feeds/duplicates.xml", NULL);

  ck_assert_uint_eq (r.docs->len, 2);
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "roundup-101");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "The North Bridge reopened to traffic.");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 1)), "roundup-102");
  /* An opaque guid is not a link. */
  ck_assert_ptr_null (galley_document_get_meta_value (DOC (&r, 0), "url"));
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_reject (&r, 0, "duplicates.xml item 2: duplicate id 'roundup-101' "
                    "(first seen at " TEST_SRCDIR "/feeds/duplicates.xml item 1), skipped");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_duplicate_guid_across_files)
{
  g_autofree char *dup = fixture ("feeds/duplicates.xml");
  g_autofree char *tmp = g_dir_make_tmp ("read-feed-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (tmp, "a.xml", NULL);
  g_autofree char *b = g_build_filename (tmp, "b.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *path_kv = g_strconcat ("path=", tmp, NULL);
  const char *params[] = { path_kv, NULL };
  ReadResult r;

  ck_assert (g_file_get_contents (dup, &contents, NULL, NULL));
  ck_assert (g_file_set_contents (a, contents, -1, NULL));
  ck_assert (g_file_set_contents (b, contents, -1, NULL));
  r = read_source (&galley_read_feed_stage, params);
  ck_assert_uint_eq (r.docs->len, 2);
  ck_assert_uint_eq (r.rejects->len, 4);
  read_result_clear (&r);
  g_unlink (a);
  g_unlink (b);
  g_rmdir (tmp);
}
END_TEST

START_TEST (test_item_with_a_title_but_no_text_is_its_title)
{
  ReadResult r = read_feed ("feeds/no-text.xml", NULL);

  ck_assert_uint_eq (r.rejects->len, 0);
  ck_assert_uint_eq (r.docs->len, 3);
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "headline-1");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "Title without a body");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Title without a body");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 1)), "headline-2");
  ck_assert_ptr_null (galley_document_get_meta_value (DOC (&r, 1), "title"));
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 1), NULL), "Only text here.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_item_with_neither_title_nor_text_is_passed_over_quietly)
{
  g_autofree char *got = read_outcome (&galley_read_feed_stage, "in.xml",
                                       "<rss version=\"2.0\"><channel>"
                                       "<item><guid>empty</guid><title> </title><description/></item>"
                                       "<item><guid>next</guid><description>Next.</description></item>"
                                       "</channel></rss>", -1, NULL);

  ck_assert_str_eq (got, "next: Next.");
}
END_TEST

START_TEST (test_item_without_id_or_link_gets_content_hash)
{
  ReadResult r = read_feed ("feeds/no-text.xml", NULL);
  g_autofree char *want = g_compute_checksum_for_string (
      G_CHECKSUM_SHA256, "No id and no link\nA short item about the harvest fair.", -1);
  g_autofree char *want_id = g_strconcat ("sha256:", want, NULL);

  ck_assert_str_eq (galley_document_get_id (DOC (&r, 2)), want_id);
  read_result_clear (&r);
}
END_TEST

START_TEST (test_wrong_encoding_declaration_utf8_for_cp1252)
{
  ReadResult r = read_feed ("feeds/wrong-encoding.xml", NULL);
  GalleyDocument *d;

  ck_assert_uint_eq (r.docs->len, 1);
  d = DOC (&r, 0);
  ck_assert_str_eq (galley_document_get_id (d), "cs-1");
  ck_assert_str_eq (doc_meta (d, "title"), "“Best café” award goes to Zürich bakery");
  ck_assert_str_eq (doc_meta (d, "feed"), "Café Society");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "The jury praised the crème brûlée – and the €3 coffee.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_wrong_encoding_declaration_latin1_for_utf8)
{
  ReadResult r = read_feed ("feeds/latin1-declared-utf8.xml", NULL);

  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "“Best café” award goes to Zürich bakery");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "The jury praised the crème brûlée – and the €3 coffee.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_truncated_feed_recovers_complete_items)
{
  ReadResult r = read_feed ("feeds/truncated.xml", NULL);

  /* libxml2 recovers both items; the second keeps what was there. */
  ck_assert_uint_eq (r.docs->len, 2);
  ck_assert_uint_eq (r.rejects->len, 0);
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "eve-1");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "Forecasters lifted the storm warning for the coast.");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 1)), "eve-2");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 1), NULL),
                    "Crews restored power to most homes by eve");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_empty_file_is_rejected)
{
  ReadResult r = read_feed ("feeds/empty.xml", NULL);

  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_reject (&r, 0, "empty.xml: empty file");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_binary_file_is_rejected)
{
  ReadResult r = read_feed ("feeds/binary.rss", NULL);

  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_reject (&r, 0, "binary.rss: binary data, not a feed");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_unparseable_file_names_libxml2_error_and_line)
{
  ReadResult r = read_feed ("feeds/plain-text.xml", NULL);

  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_reject (&r, 0, "plain-text.xml: cannot parse as XML: line 1: "
                    "Start tag expected, '<' not found");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_xml_that_is_not_a_feed_is_rejected)
{
  ReadResult r = read_feed ("feeds/not-a-feed.xml", NULL);

  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_reject (&r, 0, "not-a-feed.xml: not an RSS or Atom feed (root element <html>)");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_file_over_max_bytes_is_rejected)
{
  ReadResult r = read_feed ("feeds/rss2-cdata.xml", "max-bytes=1000");

  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_reject (&r, 0, "rss2-cdata.xml: larger than max-bytes=1000");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_huge_file_over_default_limit_is_rejected)
{
  g_autofree char *tmp = g_dir_make_tmp ("read-feed-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (tmp, "big.xml", NULL);
  g_autofree char *want = g_strconcat (big, ": larger than max-bytes=33554432", NULL);
  g_autofree char *path_kv = g_strconcat ("path=", big, NULL);
  const char *params[] = { path_kv, NULL };
  ReadResult r;

  write_big_file (big, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>\n",
                  "<item><title>Filler</title><description>Filler text for a "
                  "very large feed.</description></item>\n",
                  "</channel></rss>\n", 33554432);
  r = read_source (&galley_read_feed_stage, params);
  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_str_eq (REJECT (&r, 0), want);
  read_result_clear (&r);
  g_unlink (big);
  g_rmdir (tmp);
}
END_TEST

/* feed_nested: an RSS feed whose one item's description holds @levels
 * nested elements (rss, channel, item and description make four more). */
static char *
feed_nested (guint levels)
{
  g_autofree char *open = repeated ("<a>", levels);
  g_autofree char *close = repeated ("</a>", levels);

  return g_strconcat ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                      "<item><guid>deep-1</guid><description>", open, "Deep text.",
                      close, "</description></item></channel></rss>\n", NULL);
}

START_TEST (test_elements_nested_256_levels_are_read)
{
  g_autofree char *feed = feed_nested (252);
  ReadResult r = read_generated (&galley_read_feed_stage, "deep.xml", feed, -1, NULL, NULL);

  ck_assert_uint_eq (r.rejects->len, 0);
  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Deep text.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_elements_nested_deeper_than_256_levels_are_rejected)
{
  static const guint levels[] = { 253, 100000 };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autofree char *feed = feed_nested (levels[i]);

      assert_generated_rejected (&galley_read_feed_stage, "deep.xml", feed, NULL,
                                 ": line 2: elements nested deeper than 256 levels");
    }
}
END_TEST

/* feed_escaped_nested: an RSS feed whose one item holds, in @element
 * ("description" or "title"), "Intro." and then @levels nested <div>
 * elements as escaped HTML (libxml2's HTML parser adds html and body). */
static char *
feed_escaped_nested (const char *element, guint levels)
{
  g_autofree char *open = repeated ("&lt;div&gt;", levels);
  g_autofree char *close = repeated ("&lt;/div&gt;", levels);

  return g_strdup_printf ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n"
                          "<item><guid>deep-1</guid>\n<%s>Intro.%sDeep text.%s</%s>%s</item>"
                          "</channel></rss>\n", element, open, close, element,
                          strcmp (element, "title") == 0
                          ? "<description>Body.</description>" : "");
}

START_TEST (test_item_html_nested_256_levels_is_read)
{
  g_autofree char *feed = feed_escaped_nested ("description", 254);
  ReadResult r = read_generated (&galley_read_feed_stage, "deep.xml", feed, -1, NULL, NULL);

  ck_assert_uint_eq (r.rejects->len, 0);
  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Intro.\n\nDeep text.");
  read_result_clear (&r);
}
END_TEST

/* libxml2 stops reading the fragment at its limit: the item would be
 * "Intro." alone, without a word; it is rejected as a deep feed is. */
START_TEST (test_item_html_nested_deeper_than_256_levels_is_rejected)
{
  static const guint levels[] = { 255, 100000 };
  static const char *const elements[] = { "description", "title" };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    for (guint e = 0; e < G_N_ELEMENTS (elements); e++)
      {
        g_autofree char *feed = feed_escaped_nested (elements[e], levels[i]);

        assert_generated_rejected (&galley_read_feed_stage, "deep.xml", feed, NULL,
                                   " item 1: line 4: HTML elements nested deeper than 256 levels");
      }
}
END_TEST

/* The feed's title is every item's "feed": the whole file is rejected. */
START_TEST (test_feed_title_html_nested_deeper_than_256_levels_rejects_the_file)
{
  g_autofree char *open = repeated ("&lt;b&gt;", 300);
  g_autofree char *feed = g_strconcat ("<rss version=\"2.0\"><channel>\n<title>", open,
                                       "T</title>\n<item><guid>a</guid><description>A."
                                       "</description></item></channel></rss>\n", NULL);

  assert_generated_rejected (&galley_read_feed_stage, "deep.xml", feed, NULL,
                             ": line 2: HTML elements nested deeper than 256 levels");
}
END_TEST

/* Entities ------------------------------------------------------------- */

/* PEAK_RSS_KIB: the resident set a reader may reach on a hostile feed of a
 * few hundred KB: generous (the galley process peaks near 10 MB on them), far below what
 * expanding the entities takes (3 GB for the first test below). */
#define PEAK_RSS_KIB (200 * 1024)

/* feed_with_entity: an RSS feed declaring entity "e" as @value and
 * referencing it @refs times in its one item's description. */
static char *
feed_with_entity (const char *value, guint refs)
{
  g_autofree char *uses = repeated ("&e;", refs);

  return g_strconcat ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY e \"", value,
                      "\">]>\n<rss version=\"2.0\"><channel><item><guid>e-1</guid>"
                      "<description>", uses, "</description></item></channel></rss>\n",
                      NULL);
}

START_TEST (test_entity_of_100kb_referenced_1000_times_is_rejected_in_bounded_memory)
{
  g_autofree char *value = g_strnfill (100 * 1000, 'A');
  g_autofree char *feed = feed_with_entity (value, 1000);
  glong peak = read_rejected_in_child (&galley_read_feed_stage, "big.xml", feed, NULL,
                                       ": text larger than max-bytes=33554432 "
                                       "once its entities are expanded");

  ck_assert_int_lt (peak, PEAK_RSS_KIB);
}
END_TEST

START_TEST (test_entity_referenced_50000_times_is_rejected_in_bounded_memory)
{
  g_autofree char *value = g_strnfill (5000, 'B');
  g_autofree char *feed = feed_with_entity (value, 50000);
  glong peak = read_rejected_in_child (&galley_read_feed_stage, "many.xml", feed, NULL,
                                       ": text larger than max-bytes=33554432 "
                                       "once its entities are expanded");

  ck_assert_int_lt (peak, PEAK_RSS_KIB);
}
END_TEST

START_TEST (test_billion_laughs_is_rejected_in_bounded_memory)
{
  GString *feed = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
                                "<!ENTITY l0 \"lol\">\n");
  glong peak;

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (feed, "<!ENTITY l%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (feed, "&l%u;", i - 1);
      g_string_append (feed, "\">\n");
    }
  g_string_append (feed, "]>\n<rss version=\"2.0\"><channel><item><guid>l-1</guid>"
                   "<description>&l9;</description></item></channel></rss>\n");
  peak = read_rejected_in_child (&galley_read_feed_stage, "laughs.xml", feed->str, NULL,
                                 ": entity expansion refused (a loop, or "
                                 "text out of proportion to the file)");
  ck_assert_int_lt (peak, PEAK_RSS_KIB);
  g_string_free (feed, TRUE);
}
END_TEST

START_TEST (test_entity_expansion_past_max_bytes_is_rejected)
{
  g_autofree char *value = g_strnfill (1000, 'C');
  g_autofree char *feed = feed_with_entity (value, 20);

  /* 1.3 KB of file, 20 KB of text */
  assert_generated_rejected (&galley_read_feed_stage, "small.xml", feed, "max-bytes=10000",
                             ": text larger than max-bytes=10000 once its entities are expanded");
}
END_TEST

START_TEST (test_small_internal_entity_is_expanded)
{
  g_autofree char *feed = feed_with_entity ("Port Alder", 2);
  ReadResult r = read_generated (&galley_read_feed_stage, "entity.xml", feed, -1,
                                 "max-bytes=10000", NULL);

  ck_assert_uint_eq (r.rejects->len, 0);
  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Port AlderPort Alder");
  read_result_clear (&r);
}
END_TEST

/* Hostile and broken input ---------------------------------------------- */

#define RSS_ITEM(guid, description) \
  "<rss version=\"2.0\"><channel><item><guid>" guid "</guid><description>" \
  description "</description></item></channel></rss>"

/* Each input, read as one file, and what comes out (see read_outcome()). */
static const struct {
  const char *data;
  gssize len;
  const char *expected;
} hostile_feeds[] = {
  { "", 0, "! FILE: empty file" },
  { " \n\t\n", -1, "! FILE: cannot parse as XML: line 3: Start tag expected, '<' not found" },
  { "\x00\x01\x02\x03 binary \x00", 14, "! FILE: binary data, not a feed" },
  { "<rss", -1, "" },  /* recovered: a feed of no items */
  { "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><guid>t-1</guid>"
    "<description>Cut sho", -1, "t-1: Cut sho" },
  { RSS_ITEM ("u", "caf\xE9 cr\xE8me"), -1, "u: caf\xC3\xA9 cr\xC3\xA8me" },  /* read as windows-1252 */
  { RSS_ITEM ("c", "a&#0;b&#xD800;c&#x110000;d"), -1, "c: abcd" },  /* no such characters */
  { RSS_ITEM ("h", "&lt;p&gt;&lt;b&gt;Bold&lt;/p&gt; &lt;script&gt;x()&lt;/script&gt;tail"), -1, "h: Bold\n\ntail" },
  { "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
    RSS_ITEM ("x", "before &x; after"), -1, "x: before after" },  /* never loaded */
  { "<!DOCTYPE rss SYSTEM \"http://example.invalid/rss.dtd\">"
    RSS_ITEM ("d", "DTD &nbsp;not loaded"), -1, "d: DTD not loaded" },
  { "<!DOCTYPE rss [<!ENTITY % p \"<!ENTITY q 'Q'>\"> %p;]>"
    RSS_ITEM ("p", "param &q; entity"), -1, "p: param Q entity" },
  { RSS_ITEM ("z", "<![CDATA[<div><div><div>unclosed markup"), -1, "" },  /* no text, no title */
  { "<rss version=\"2.0\"><channel><item><guid>n</guid><description>"
    "no close", -1, "n: no close" },
  { "<rss version=\"2.0\"><channel></channel></rss>", -1, "" },
  { "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>a</id>"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">X<script>y</script>"
    "</div></content></entry></feed>", -1, "a: X" },
};

START_TEST (test_hostile_feed)
{
  g_autofree char *got = read_outcome (&galley_read_feed_stage, "in.xml", hostile_feeds[_i].data,
                                       hostile_feeds[_i].len, NULL);

  ck_assert_msg (strcmp (got, hostile_feeds[_i].expected) == 0, "input %d gave\n%s\nnot\n%s",
                 _i, got, hostile_feeds[_i].expected);
}
END_TEST

START_TEST (test_random_bytes_are_rejected)
{
  /* binary data, or (no NUL by chance) not XML */
  assert_random_files_give_one_outcome (&galley_read_feed_stage, "random.xml",
                                        "! FILE: binary data, not a feed",
                                        "! FILE: cannot parse as XML: line ");
}
END_TEST

START_TEST (test_every_prefix_of_a_feed_reads_without_crashing)
{
  g_autofree char *path = fixture ("feeds/rss2-cdata.xml");

  read_every_prefix (&galley_read_feed_stage, path, 7);
}
END_TEST

START_TEST (test_directory_reads_feed_suffixes_in_name_order)
{
  ReadResult r = read_feed ("feeds", NULL);

  /* atom.atom 3, duplicates 2, latin1 1, no-text 3, rss1 2, rss2-cdata 2,
   * rss2-entities 1, truncated 2, wrong-encoding 1. */
  ck_assert_uint_eq (r.docs->len, 17);
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "tag:cityhall.example.org,2024:library");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 16)), "cs-1");
  /* binary, duplicate, empty, not a feed, plain text */
  ck_assert_uint_eq (r.rejects->len, 5);
  read_result_clear (&r);
}
END_TEST

/* The stage is built (galley validate only warns), the first read fails. */
START_TEST (test_missing_path_is_an_error_at_the_first_read)
{
  assert_missing_path_fails_at_first_read (&galley_read_feed_stage, "/nonexistent/feeds/*.xml");
}
END_TEST

/* Dates ------------------------------------------------------------------ */

static void
check_date (const char *in, const char *want)
{
  g_autofree char *got = feed_date_to_iso8601 (in);

  if (want == NULL)
    ck_assert_msg (got == NULL, "'%s' gave a date, expected none", in ? in : "(null)");
  else
    ck_assert_msg (got && strcmp (got, want) == 0, "'%s' gave '%s', expected '%s'",
                   in ? in : "(null)", got ? got : "(none)", want);
}

START_TEST (test_date_rfc822_variants)
{
  check_date ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z");
  check_date ("Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T02:00:00Z");
  check_date ("10 Jun 2003 04:00 -0530", "2003-06-10T09:30:00Z");
  check_date ("Tuesday, 10 June 2003 04:00:00 EDT", "2003-06-10T08:00:00Z");
  check_date ("Sat, 31 Dec 2022 23:30:00 PST", "2023-01-01T07:30:00Z");
  check_date ("Mon, 1 Jan 24 12:00:00 UT", "2024-01-01T12:00:00Z");
  check_date ("Mon, 1 Jan 99 12:00:00 Z", "1999-01-01T12:00:00Z");
  check_date ("Mon, 01 Jan 2024 12:00:00", "2024-01-01T12:00:00Z");
  check_date ("  Mon, 01 Jan 2024 12:00:00 +00:00  ", "2024-01-01T12:00:00Z");
}
END_TEST

START_TEST (test_date_rfc3339_variants)
{
  check_date ("2003-12-13T18:30:02Z", "2003-12-13T18:30:02Z");
  check_date ("2003-12-13T18:30:02.25+01:00", "2003-12-13T17:30:02Z");
  check_date ("2003-12-13 18:30:02-05:00", "2003-12-13T23:30:02Z");
  check_date ("2003-12-13T18:30", "2003-12-13T18:30:00Z");
  check_date ("2003-12-13", "2003-12-13T00:00:00Z");
  check_date ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z");
}
END_TEST

START_TEST (test_date_not_a_date_is_absent)
{
  check_date ("", NULL);
  check_date ("yesterday", NULL);
  check_date ("Mon, 31 Feb 2024 12:00:00 GMT", NULL);
  check_date ("2024-02-30", NULL);
  check_date ("2024-13-01T00:00:00Z", NULL);
  check_date ("Mon, 01 Foo 2024 12:00:00 GMT", NULL);
  check_date ("Mon, 01 Jan 2024 12:00:00 XYZ", NULL);
  check_date ("2024-01-01T10:00:00Z trailing", NULL);
  check_date (NULL, NULL);
}
END_TEST

/* feed_bytes: an RSS feed declaring @encoding (no declaration when NULL)
 * whose items have the descriptions in @items (NULL-terminated), with
 * guids item-1, item-2, ... */
static GString *
feed_bytes (const char *encoding, const char *const *items)
{
  GString *f = g_string_new ("<?xml version=\"1.0\"");

  if (encoding)
    g_string_append_printf (f, " encoding=\"%s\"", encoding);
  g_string_append (f, "?>\n<rss version=\"2.0\"><channel><title>F</title>\n");
  for (guint i = 0; items[i]; i++)
    g_string_append_printf (f, "<item><guid>item-%u</guid><description>%s</description></item>\n",
                            i + 1, items[i]);
  g_string_append (f, "</channel></rss>\n");
  return f;
}

static ReadResult
read_feed_bytes (GString *f)
{
  ReadResult r = read_generated (&galley_read_feed_stage, "f.xml", f->str, f->len, NULL, NULL);

  g_string_free (f, TRUE);
  return r;
}

static gint64
replaced_of (GalleyDocument *doc)
{
  guint n = galley_document_get_repaired (doc);

  return n ? (gint64) n : -1;
}

START_TEST (test_shift_jis_invalid_byte_in_first_item_keeps_later_items)
{
  const char *items[] = {
    "\x93\xfa\x96\x7b\xff\x82\xcc one",  /* 日本 0xFF の: 0xFF is no Shift_JIS byte */
    "\x93\xfa\x96\x7b two",
    "three",
    NULL,
  };
  ReadResult r = read_feed_bytes (feed_bytes ("Shift_JIS", items));

  ck_assert_uint_eq (r.rejects->len, 0);
  ck_assert_uint_eq (r.docs->len, 3);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "日本\xef\xbf\xbdの one");
  ck_assert_int_eq (replaced_of (DOC (&r, 0)), 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 1), NULL), "日本 two");
  ck_assert_int_eq (replaced_of (DOC (&r, 1)), -1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 2), NULL), "three");
  ck_assert_int_eq (replaced_of (DOC (&r, 2)), -1);
  read_result_clear (&r);
}
END_TEST

START_TEST (test_encoding_label_trimmed_and_case_insensitive)
{
  const char *items[] = { "Caf\xe9 \x80", NULL };
  ReadResult r = read_feed_bytes (feed_bytes (" LATIN1 ", items));

  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Café €");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_utf7_encoding_is_unknown_and_ignored)
{
  const char *items[] = { "Caf\xe9 au lait, cr\xe8me br\xfbl\xe9" "e.", NULL };
  ReadResult r = read_feed_bytes (feed_bytes ("utf-7", items));

  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Café au lait, crème brûlée.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_utf16_declared_on_utf8_bytes_is_utf8)
{
  const char *items[] = { "Z\xc3\xbcrich", NULL };
  ReadResult r = read_feed_bytes (feed_bytes ("UTF-16", items));

  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Zürich");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_iso_2022_jp_feed)
{
  const char *items[] = { "\x1b$BF|K\\\x1b(B news", NULL };
  ReadResult r = read_feed_bytes (feed_bytes ("ISO-2022-JP", items));

  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "日本 news");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_replacement_encoding_feed_is_rejected)
{
  const char *items[] = { "Seoul", NULL };
  ReadResult r = read_feed_bytes (feed_bytes ("iso-2022-kr", items));

  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_msg (g_str_has_suffix (REJECT (&r, 0),
                                   "/f.xml: encoding iso-2022-kr is one the WHATWG Encoding "
                                   "Standard never decodes (it reads the whole file as one "
                                   "U+FFFD): not a feed"), "%s", REJECT (&r, 0));
  read_result_clear (&r);
}
END_TEST

START_TEST (test_x_user_defined_feed)
{
  const char *items[] = { "a\x80", NULL };
  ReadResult r = read_feed_bytes (feed_bytes ("x-user-defined", items));

  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "a\xef\x9e\x80");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_undeclared_euc_kr_feed_is_detected)
{
  /* 서울 시장 선거 / 서울시는 오늘 새로운 교통 정책을 발표했다. in EUC-KR, no
   * encoding declared: uchardet, not windows-1252 mojibake. */
  const char *items[] = {
    "\xbc\xad\xbf\xef\xbd\xc3\xb4\xc2 \xbf\xc0\xb4\xc3 \xbb\xf5\xb7\xce\xbf\xee "
    "\xb1\xb3\xc5\xeb \xc1\xa4\xc3\xa5\xc0\xbb \xb9\xdf\xc7\xa5\xc7\xdf\xb4\xd9.",
    "\xbc\xad\xbf\xef \xbd\xc3\xc0\xe5 \xbc\xb1\xb0\xc5",
    NULL,
  };
  ReadResult r = read_feed_bytes (feed_bytes (NULL, items));

  ck_assert_uint_eq (r.docs->len, 2);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "서울시는 오늘 새로운 교통 정책을 발표했다.");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 1), NULL), "서울 시장 선거");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_undeclared_short_latin1_feed_falls_back_to_windows_1252)
{
  /* one accented letter: too little for uchardet's single-byte guess */
  const char *items[] = { "caf\xe9", NULL };
  ReadResult r = read_feed_bytes (feed_bytes (NULL, items));

  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "café");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_utf16_feed_with_bom_is_not_binary)
{
  g_autofree char *tmp = g_dir_make_tmp ("read-feed-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "utf16.xml", NULL);
  g_autofree char *path_kv = g_strconcat ("path=", path, NULL);
  const char *params[] = { path_kv, NULL };
  const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\">"
                    "<channel><item><guid>u16</guid><description>Z\xc3\xbcrich "
                    "wins.</description></item></channel></rss>";
  g_autofree gunichar2 *utf16 = NULL;
  GString *bytes = g_string_new (NULL);
  glong n = 0;
  ReadResult r;

  utf16 = g_utf8_to_utf16 (xml, -1, NULL, &n, NULL);
  g_string_append_len (bytes, "\xff\xfe", 2);  /* little-endian BOM */
  for (glong i = 0; i < n; i++)
    {
      g_string_append_c (bytes, utf16[i] & 0xff);
      g_string_append_c (bytes, utf16[i] >> 8);
    }
  ck_assert (g_file_set_contents (path, bytes->str, bytes->len, NULL));
  g_string_free (bytes, TRUE);
  r = read_source (&galley_read_feed_stage, params);
  ck_assert_uint_eq (r.rejects->len, 0);
  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Zürich wins.");
  read_result_clear (&r);
  g_unlink (path);
  g_rmdir (tmp);
}
END_TEST

/* Tests added by the mutation sweep: each pins a choice of feed-parse.c
 * that a dropped branch or condition left green before. */

START_TEST (test_atom_content_types_dates_and_categories)
{
  const char *feed =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
    " <title>Types</title>\n"
    /* text/html is HTML as html is; two HTML alternates: the first;
     * an unreadable published: updated stands in; a category given
     * twice and again as dc:subject is one, dc:subject another */
    " <entry><id>a</id><title>A</title>\n"
    "  <link rel=\"alternate\" type=\"text/html\" href=\"https://x.example/a-en\"/>\n"
    "  <link rel=\"alternate\" type=\"text/html\" href=\"https://x.example/a-fr\"/>\n"
    "  <published>last Tuesday</published><updated>2024-05-01T10:00:00Z</updated>\n"
    "  <category term=\"Politics\"/><category term=\"Politics\"/>\n"
    "  <dc:subject>Politics</dc:subject><dc:subject>Elections</dc:subject>\n"
    "  <content type=\"text/html\">&lt;p&gt;Polls &lt;b&gt;open&lt;/b&gt; at eight.&lt;/p&gt;</content></entry>\n"
    /* content of another media type is data, not text: the summary */
    " <entry><id>b</id><title>B</title>\n"
    "  <content type=\"application/octet-stream\">UG9sbHMgY2xvc2Uu</content>\n"
    "  <summary>Polls close at ten.</summary></entry>\n"
    /* content elsewhere (src): the summary, not the stray text */
    " <entry><id>c</id><title>C</title>\n"
    "  <content type=\"text\" src=\"https://x.example/c.txt\">stray</content>\n"
    "  <summary>Counting starts.</summary></entry>\n"
    "</feed>\n";
  char *dir;
  ReadResult r = read_inline_feed ("types.atom", feed, &dir);

  ck_assert_uint_eq (r.docs->len, 3);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Polls open at eight.");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "url"), "https://x.example/a-en");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "published"), "2024-05-01T10:00:00Z");
  ck_assert_str_eq (doc_meta_json (DOC (&r, 0), "categories"), "[\"Politics\", \"Elections\"]");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 1), NULL), "Polls close at ten.");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 2), NULL), "Counting starts.");
  read_result_clear (&r);
  remove_inline_feed (dir, "types.atom");
}
END_TEST

START_TEST (test_atom03_feed)
{
  /* Atom 0.3's namespace is Atom too */
  const char *feed =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">\n"
    " <title>Old Atom</title>\n"
    " <entry><id>old-1</id><title>Old</title><summary>An old entry.</summary></entry>\n"
    "</feed>\n";
  char *dir;
  ReadResult r = read_inline_feed ("old.atom", feed, &dir);

  ck_assert_uint_eq (r.rejects->len, 0);
  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "old-1");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "feed"), "Old Atom");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "An old entry.");
  read_result_clear (&r);
  remove_inline_feed (dir, "old.atom");
}
END_TEST

START_TEST (test_rss2_guid_links_and_other_namespaces)
{
  const char *feed =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\" xmlns:dcterms=\"http://purl.org/dc/terms/\"\n"
    "     xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>G</title>\n"
    /* a web-address guid marked isPermaLink=false is no link */
    " <item><guid isPermaLink=\"false\">http://g.example/1</guid><description>One.</description></item>\n"
    /* an https guid is the link */
    " <item><guid>https://g.example/2</guid><description>Two.</description></item>\n"
    /* a link element wins over a guid; a date in Dublin Core terms */
    " <item><guid>https://g.example/3-guid</guid><link>https://g.example/3</link>\n"
    "  <dcterms:created>2024-04-02T08:00:00Z</dcterms:created><description>Three.</description></item>\n"
    /* an atom:summary when there is no description */
    " <item><guid>g-4</guid><atom:summary>Four.</atom:summary></item>\n"
    "</channel>\n"
    /* an item outside the channel is still an item */
    "<item><guid>g-5</guid><description>Five.</description></item>\n"
    "</rss>\n";
  char *dir;
  ReadResult r = read_inline_feed ("g.rss", feed, &dir);

  ck_assert_uint_eq (r.docs->len, 5);
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "http://g.example/1");
  ck_assert_ptr_null (galley_document_get_meta_value (DOC (&r, 0), "url"));
  ck_assert_str_eq (doc_meta (DOC (&r, 1), "url"), "https://g.example/2");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 2)), "https://g.example/3-guid");
  ck_assert_str_eq (doc_meta (DOC (&r, 2), "url"), "https://g.example/3");
  ck_assert_str_eq (doc_meta (DOC (&r, 2), "published"), "2024-04-02T08:00:00Z");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 3), NULL), "Four.");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 4)), "g-5");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 4), NULL), "Five.");
  read_result_clear (&r);
  remove_inline_feed (dir, "g.rss");
}
END_TEST

START_TEST (test_rss1_item_id_is_rdf_about)
{
  /* an RSS 1.0 item without a guid is identified by rdf:about, not by
   * its link */
  const char *feed =
    "<?xml version=\"1.0\"?>\n"
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
    "         xmlns=\"http://purl.org/rss/1.0/\">\n"
    " <channel rdf:about=\"https://r.example/\"><title>R</title><link>https://r.example/</link></channel>\n"
    " <item rdf:about=\"urn:r:item-1\"><title>R1</title><link>https://r.example/1</link>\n"
    "  <description>First.</description></item>\n"
    "</rdf:RDF>\n";
  char *dir;
  ReadResult r = read_inline_feed ("r.rdf", feed, &dir);

  ck_assert_uint_eq (r.docs->len, 1);
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "urn:r:item-1");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "url"), "https://r.example/1");
  read_result_clear (&r);
  remove_inline_feed (dir, "r.rdf");
}
END_TEST

START_TEST (test_date_edges)
{
  /* the other named US zones */
  check_date ("Mon, 01 Jan 2024 12:00:00 CST", "2024-01-01T18:00:00Z");
  check_date ("Mon, 01 Jul 2024 12:00:00 MDT", "2024-07-01T18:00:00Z");
  /* two-digit years: 49 is 2049, 50 is 1950 (RFC 2822 4.3) */
  check_date ("1 Jan 49 12:00:00 GMT", "2049-01-01T12:00:00Z");
  check_date ("1 Jan 50 12:00:00 GMT", "1950-01-01T12:00:00Z");
  /* the dashed form of old feeds */
  check_date ("10-Jun-2003 04:00:00 GMT", "2003-06-10T04:00:00Z");
  /* a date followed by a space alone, in RFC 3339's shape */
  check_date ("2003-12-13 ", "2003-12-13T00:00:00Z");
  check_date ("2003-12-13t18:30:02z", "2003-12-13T18:30:02Z");
}
END_TEST

START_TEST (test_date_malformed_parts_are_absent)
{
  /* zones out of range or cut short */
  check_date ("Mon, 01 Jan 2024 12:00:00 +2400", NULL);
  check_date ("Mon, 01 Jan 2024 12:00:00 +0060", NULL);
  check_date ("2024-01-01T12:00:00+01:3", NULL);
  /* trailing text after an RFC 822 date */
  check_date ("Mon, 01 Jan 2024 12:00:00 GMT and later", NULL);
  /* a three-digit year, one-digit seconds, an empty fraction */
  check_date ("Mon, 01 Jan 202 12:00:00 GMT", NULL);
  check_date ("2024-01-01T12:00:5Z", NULL);
  check_date ("2024-01-01T12:00:05.Z", NULL);
}
END_TEST

static Suite *
read_feed_suite (void)
{
  Suite *s = suite_create ("read-feed");
  TCase *tc = tcase_create ("formats");

  tcase_add_test (tc, test_rss2_cdata_content_encoded);
  tcase_add_test (tc, test_rss2_metadata_order);
  tcase_add_test (tc, test_rss2_relative_link_resolved_against_channel_link);
  tcase_add_test (tc, test_rss2_missing_date_guid_and_author_are_absent);
  tcase_add_test (tc, test_rss2_html_entities_in_xml);
  tcase_add_test (tc, test_rss1_rdf);
  tcase_add_test (tc, test_atom_xhtml_content);
  tcase_add_test (tc, test_atom_xml_base_summary_and_feed_author);
  tcase_add_test (tc, test_atom_text_content_keeps_paragraphs);
  tcase_add_test (tc, test_atom_link_is_the_alternate_one);
  tcase_add_test (tc, test_rss2_links_and_authors_as_written);
  tcase_add_test (tc, test_atom_scheme_and_email_author);
  tcase_add_test (tc, test_atom_content_types_dates_and_categories);
  tcase_add_test (tc, test_atom03_feed);
  tcase_add_test (tc, test_rss2_guid_links_and_other_namespaces);
  tcase_add_test (tc, test_rss1_item_id_is_rdf_about);
  suite_add_tcase (s, tc);

  tc = tcase_create ("items");
  tcase_add_test (tc, test_duplicate_guid_keeps_first);
  tcase_add_test (tc, test_duplicate_guid_across_files);
  tcase_add_test (tc, test_item_with_a_title_but_no_text_is_its_title);
  tcase_add_test (tc, test_item_with_neither_title_nor_text_is_passed_over_quietly);
  tcase_add_test (tc, test_item_without_id_or_link_gets_content_hash);
  suite_add_tcase (s, tc);

  tc = tcase_create ("broken");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_shift_jis_invalid_byte_in_first_item_keeps_later_items);
  tcase_add_test (tc, test_encoding_label_trimmed_and_case_insensitive);
  tcase_add_test (tc, test_utf7_encoding_is_unknown_and_ignored);
  tcase_add_test (tc, test_utf16_declared_on_utf8_bytes_is_utf8);
  tcase_add_test (tc, test_iso_2022_jp_feed);
  tcase_add_test (tc, test_replacement_encoding_feed_is_rejected);
  tcase_add_test (tc, test_x_user_defined_feed);
  tcase_add_test (tc, test_undeclared_euc_kr_feed_is_detected);
  tcase_add_test (tc, test_undeclared_short_latin1_feed_falls_back_to_windows_1252);
  tcase_add_test (tc, test_wrong_encoding_declaration_utf8_for_cp1252);
  tcase_add_test (tc, test_wrong_encoding_declaration_latin1_for_utf8);
  tcase_add_test (tc, test_truncated_feed_recovers_complete_items);
  tcase_add_test (tc, test_empty_file_is_rejected);
  tcase_add_test (tc, test_binary_file_is_rejected);
  tcase_add_test (tc, test_unparseable_file_names_libxml2_error_and_line);
  tcase_add_test (tc, test_xml_that_is_not_a_feed_is_rejected);
  tcase_add_test (tc, test_file_over_max_bytes_is_rejected);
  tcase_add_test (tc, test_huge_file_over_default_limit_is_rejected);
  tcase_add_test (tc, test_directory_reads_feed_suffixes_in_name_order);
  tcase_add_test (tc, test_missing_path_is_an_error_at_the_first_read);
  tcase_add_test (tc, test_utf16_feed_with_bom_is_not_binary);
  tcase_add_test (tc, test_elements_nested_256_levels_are_read);
  tcase_add_test (tc, test_entity_of_100kb_referenced_1000_times_is_rejected_in_bounded_memory);
  tcase_add_test (tc, test_entity_referenced_50000_times_is_rejected_in_bounded_memory);
  tcase_add_test (tc, test_billion_laughs_is_rejected_in_bounded_memory);
  tcase_add_test (tc, test_entity_expansion_past_max_bytes_is_rejected);
  tcase_add_test (tc, test_small_internal_entity_is_expanded);
  tcase_add_loop_test (tc, test_hostile_feed, 0, G_N_ELEMENTS (hostile_feeds));
  tcase_add_test (tc, test_random_bytes_are_rejected);
  tcase_add_test (tc, test_every_prefix_of_a_feed_reads_without_crashing);
  tcase_add_test (tc, test_elements_nested_deeper_than_256_levels_are_rejected);
  tcase_add_test (tc, test_item_html_nested_256_levels_is_read);
  tcase_add_test (tc, test_item_html_nested_deeper_than_256_levels_is_rejected);
  tcase_add_test (tc, test_feed_title_html_nested_deeper_than_256_levels_rejects_the_file);
  suite_add_tcase (s, tc);

  tc = tcase_create ("dates");
  tcase_add_test (tc, test_date_rfc822_variants);
  tcase_add_test (tc, test_date_rfc3339_variants);
  tcase_add_test (tc, test_date_not_a_date_is_absent);
  tcase_add_test (tc, test_date_edges);
  tcase_add_test (tc, test_date_malformed_parts_are_absent);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (read_feed_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
