/* test-read-html.c: the read-html stage on saved article pages. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "../../plugins/read-html/html-charset.h"
#include "../../plugins/read-html/html-meta.h"
#include "../../plugins/read-html/read-html.h"
#include "lib/readers-test.h"

static ReadResult
read_page (const char *rel, const char *extra)
{
  g_autofree char *path = fixture (rel);
  g_autofree char *path_kv = g_strconcat ("path=", path, NULL);
  const char *params[] = { path_kv, extra, NULL };

  return read_source (&galley_read_html_stage, params);
}

/* read_one: the single document of a page that must give one. */
#define ck_assert_one_doc(r) \
  do { \
    ck_assert_uint_eq ((r)->rejects->len, 0); \
    ck_assert_uint_eq ((r)->docs->len, 1); \
  } while (0)

#define ck_assert_reject(r, i, expected) \
  do { \
    g_autofree char *want_ = g_strconcat (TEST_SRCDIR "/pages/", expected, NULL); \
    ck_assert_str_eq (REJECT (r, i), want_); \
  } while (0)

START_TEST (test_nav_cookie_banner_share_and_comments_dropped)
{
  ReadResult r = read_page ("pages/article-nav-cookie.html", NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "Port Alder city council approved the harbour tram line on "
                    "Friday, ending a debate that began in 2018.\n\n"
                    "The 4.2 km line will link the railway station with the ferry "
                    "terminal, with seven stops along Quay Street. Construction "
                    "starts in the spring of 2025, and the first trams should run "
                    "in 2027.\n\n"
                    "A tram of the type the city plans to buy.\n\n"
                    "Cost and funding\n\n"
                    "The line costs 148 million euros, of which the national "
                    "transport fund pays 60 per cent. Mayor Diane Foss called the "
                    "vote \"a turning point for the east side\".\n\n"
                    "Opponents, led by councillor Piet Jansen, said the money would "
                    "be better spent on buses.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_og_title_canonical_id_and_json_ld_metadata)
{
  ReadResult r = read_page ("pages/article-nav-cookie.html", NULL);
  GalleyDocument *d = DOC (&r, 0);
  g_autofree char *source = fixture ("pages/article-nav-cookie.html");
  const char *keys[] = { "title", "url", "author", "published", "description",
                         "site", "language", "source" };

  /* The canonical URL wins over og:url (which carries a tracking query). */
  ck_assert_str_eq (galley_document_get_id (d), "https://courier.example.org/news/2024/03/harbour-tram");
  /* og:title wins over the JSON-LD headline and <title>. */
  ck_assert_str_eq (doc_meta (d, "title"), "Tram line to the harbour approved after six-year debate");
  ck_assert_str_eq (doc_meta (d, "url"), "https://courier.example.org/news/2024/03/harbour-tram");
  ck_assert_str_eq (doc_meta (d, "author"), "Hana Lindqvist, Omar Reyes");
  ck_assert_str_eq (doc_meta (d, "published"), "2024-03-15T16:45:00Z");
  ck_assert_str_eq (doc_meta (d, "description"), "Councillors back the harbour tram by 31 votes to 9.");
  ck_assert_str_eq (doc_meta (d, "site"), "Port Alder Courier");
  ck_assert_str_eq (doc_meta (d, "language"), "en-GB");
  ck_assert_str_eq (doc_meta (d, "source"), source);
  ck_assert_uint_eq (galley_document_get_n_meta (d), G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    ck_assert_str_eq (galley_document_get_meta_nth (d, i, NULL), keys[i]);
  ck_assert_str_eq (galley_document_get_origin (d), source);
  read_result_clear (&r);
}
END_TEST

START_TEST (test_json_ld_graph_gives_title_id_author_and_utc_date)
{
  ReadResult r = read_page ("pages/jsonld.html", NULL);
  GalleyDocument *d;

  ck_assert_one_doc (&r);
  d = DOC (&r, 0);
  ck_assert_str_eq (galley_document_get_id (d), "https://daily.example.com/politics/kettle-county-result");
  ck_assert_str_eq (doc_meta (d, "title"), "Greens win three seats in Kettle county");
  ck_assert_str_eq (doc_meta (d, "author"), "Maya Okonkwo");
  ck_assert_str_eq (doc_meta (d, "published"), "2024-05-06T03:10:00Z");
  ck_assert_str_eq (doc_meta (d, "description"), "The Greens took three of eleven seats.");
  ck_assert_str_eq (doc_meta (d, "site"), "Northern Daily");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "The Greens won three of the eleven seats on Kettle county "
                    "council, their best result since 1998.\n\n"
                    "Turnout was 41 per cent, up from 36 per cent four years ago, "
                    "the county clerk said after midnight.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_nested_articles_comments_and_teasers_dropped)
{
  ReadResult r = read_page ("pages/nested-articles.html", NULL);
  GalleyDocument *d;

  ck_assert_one_doc (&r);
  d = DOC (&r, 0);
  ck_assert_str_eq (galley_document_get_id (d), "https://tidings.example.net/2024/quotas");
  ck_assert_str_eq (doc_meta (d, "title"), "Fishing quotas cut for the North Shoals");
  ck_assert_str_eq (doc_meta (d, "author"), "Ivo Marek");
  /* The <h1> repeats the title and is left out; the dateline stays. */
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "9 January 2024\n\n"
                    "The fisheries board cut cod quotas for the North Shoals by a "
                    "fifth on Monday, citing a fall in young fish.\n\n"
                    "Skippers in Gull Harbour said the cut would cost jobs, and "
                    "asked the board to phase it in over three years.\n\n"
                    "The board will review the quota in September, after the "
                    "autumn survey.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_no_article_element_picks_densest_block)
{
  ReadResult r = read_page ("pages/no-article.html", NULL);
  GalleyDocument *d;
  g_autofree char *path = fixture ("pages/no-article.html");

  ck_assert_one_doc (&r);
  d = DOC (&r, 0);
  /* No canonical URL or og:url: the path is the id. */
  ck_assert_str_eq (galley_document_get_id (d), path);
  /* "- Valley Weekly": three words after four, cut from <title>. */
  ck_assert_str_eq (doc_meta (d, "title"), "Library opening hours extended");
  ck_assert_str_eq (doc_meta (d, "author"), "Greta Holm");
  ck_assert_str_eq (doc_meta (d, "published"), "2024-02-20T00:00:00Z");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "Library opening hours extended\n\n"
                    "The central library in Marrow will open until 9 p.m. on "
                    "weekdays from March, the town council said on Tuesday.\n\n"
                    "Head librarian Sofia Brandt said that evening visits had "
                    "doubled since the reading room was renovated, and that "
                    "students, shift workers and parents had asked for longer "
                    "hours.\n\n"
                    "The extra hours cost about 85,000 euros a year, paid from the "
                    "culture budget. Two librarians will be hired.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_iso_8859_1_declared_read_as_windows_1252)
{
  ReadResult r = read_page ("pages/latin1.html", NULL);
  GalleyDocument *d;

  ck_assert_one_doc (&r);
  d = DOC (&r, 0);
  ck_assert_str_eq (doc_meta (d, "title"), "Zürich bakery wins “best café” prize");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "A small bakery in Zürich won the national “best café” prize on "
                    "Sunday, beating 240 entrants.\n\n"
                    "Owner René Müller, 58, said the crème brûlée recipe came from "
                    "his grandmother in Genève.\n\n"
                    "The jury, chaired by Françoise Straßer, praised the shop’s "
                    "bread as well.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_windows_1252_meta_charset)
{
  ReadResult r = read_page ("pages/cp1252.html", NULL);
  GalleyDocument *d;

  ck_assert_one_doc (&r);
  d = DOC (&r, 0);
  ck_assert_str_eq (doc_meta (d, "title"), "Fuel prices fall to €1.59 – lowest in two years");
  ck_assert_str_eq (galley_document_get_text (d, NULL),
                    "Petrol fell to €1.59 a litre this week – the lowest price since "
                    "March 2022, the motoring club said.\n\n"
                    "“Drivers will notice it at the pump,” said spokeswoman Anaïs "
                    "Berger. Diesel costs €1.52.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_utf8_bom_and_htm_suffix)
{
  ReadResult r = read_page ("pages/utf8-bom.htm", NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "Snow closes mountain pass");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "The Crow Pass closed on Friday after 60 cm of snow fell "
                    "overnight, the road authority said.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_truncated_html_keeps_what_is_there)
{
  ReadResult r = read_page ("pages/truncated.html", NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "Bridge inspection finds cracks");
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "Engineers found cracks in two supports of the Old Mill bridge "
                    "during a routine inspection on Thursday.\n\n"
                    "The bridge will close to lorries from Monday while the council "
                    "decides on rep");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_extract_page_keeps_all_visible_text)
{
  ReadResult r = read_page ("pages/no-article.html", "extract=page");
  const char *text;

  ck_assert_one_doc (&r);
  text = galley_document_get_text (DOC (&r, 0), NULL);
  ck_assert_ptr_nonnull (strstr (text, "Home | Local | Culture | Contact"));
  ck_assert_ptr_nonnull (strstr (text, "Advertisement: Buy a new sofa today"));
  ck_assert (g_str_has_suffix (text, "Copyright 2024, all rights reserved."));
  read_result_clear (&r);
}
END_TEST

/* aria-hidden hides only when "true" (in any case); a style hides with
 * display:none or visibility:hidden, spaces allowed. */
START_TEST (test_hidden_elements_dropped_and_aria_hidden_false_kept)
{
  ReadResult r = read_generated (&galley_read_html_stage, "hidden.html",
                                 "<html><body><article>"
                                 "<p>The council met on Friday and approved the budget.</p>"
                                 "<p aria-hidden=\"false\">Shown: the vote was 31 to 9.</p>"
                                 "<p aria-hidden=\"TRUE\">Hidden by aria-hidden.</p>"
                                 "<p style=\"color: red; Visibility : Hidden\">Hidden by style.</p>"
                                 "<p style=\"display:none\">Hidden by display.</p>"
                                 "</article></body></html>", -1, NULL, NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "The council met on Friday and approved the budget.\n\n"
                    "Shown: the vote was 31 to 9.");
  read_result_clear (&r);
}
END_TEST

/* A table of figures stays whole in the article, however short its cells */
START_TEST (test_short_data_table_kept_in_the_article)
{
  ReadResult r = read_generated (&galley_read_html_stage, "table.html",
                                 "<html><body><article>"
                                 "<p>The Greens won three of the eleven seats on the council.</p>"
                                 "<table><tr><th>Party</th><th>Seats</th></tr>"
                                 "<tr><td>Green</td><td>3</td></tr></table>"
                                 "</article></body></html>", -1, NULL, NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "The Greens won three of the eleven seats on the council.\n\n"
                    "Party Seats\n\nGreen 3");
  read_result_clear (&r);
}
END_TEST

/* Two <br> make a paragraph; a soft hyphen is invisible; in <pre> a
 * newline is a line, outside it a space. */
START_TEST (test_visible_text_breaks_and_invisible_characters)
{
  ReadResult r = read_generated (&galley_read_html_stage, "text.html",
                                 "<html><body><p>One<br>Two<br><br>Three "
                                 "news\xC2\xADpaper\nsellers</p><pre>a  b\nc</pre>"
                                 "</body></html>", -1, "extract=page", NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "One\nTwo\n\nThree newspaper sellers\n\na  b\nc");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_empty_file_is_rejected)
{
  ReadResult r = read_page ("pages/empty.html", NULL);

  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_reject (&r, 0, "empty.html: empty file");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_binary_file_is_rejected)
{
  ReadResult r = read_page ("pages/binary.html", NULL);

  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_reject (&r, 0, "binary.html: binary data, not an HTML page");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_page_without_text_is_rejected)
{
  g_autofree char *tmp = g_dir_make_tmp ("read-html-XXXXXX", NULL);
  g_autofree char *page = g_build_filename (tmp, "blank.html", NULL);
  g_autofree char *want = g_strconcat (page, ": no text found in the page", NULL);
  g_autofree char *path_kv = g_strconcat ("path=", page, NULL);
  const char *params[] = { path_kv, NULL };
  ReadResult r;

  ck_assert (g_file_set_contents (page, "<html><head><title>Nothing</title>"
                                  "<script>var x = 1;</script></head><body>"
                                  "<nav><a href=\"/\">Home</a></nav></body></html>", -1, NULL));
  r = read_source (&galley_read_html_stage, params);
  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_str_eq (REJECT (&r, 0), want);
  read_result_clear (&r);
  g_unlink (page);
  g_rmdir (tmp);
}
END_TEST

START_TEST (test_file_over_max_bytes_is_rejected)
{
  ReadResult r = read_page ("pages/article-nav-cookie.html", "max-bytes=2048");

  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_reject (&r, 0, "article-nav-cookie.html: larger than max-bytes=2048");
  read_result_clear (&r);
}
END_TEST

/* page_1252: a windows-1252 page whose article holds "caf\xE9 " @n times:
 * each é one byte in the file and two in the text. */
static char *
page_1252 (guint n)
{
  g_autofree char *words = repeated ("caf\xE9 ", n);

  return g_strconcat ("<html><head><meta charset=\"windows-1252\"></head><body>"
                      "<article><p>", words, "</p></article></body></html>", NULL);
}

START_TEST (test_text_past_max_bytes_once_decoded_is_rejected)
{
  g_autofree char *page = page_1252 (500);  /* 2,594 bytes, 2,999 of text */

  assert_generated_rejected (&galley_read_html_stage, "grows.html", page, "max-bytes=2998",
                             ": text larger than max-bytes=2998 once decoded to UTF-8");
}
END_TEST

START_TEST (test_text_of_max_bytes_once_decoded_is_read)
{
  g_autofree char *page = page_1252 (500);
  ReadResult r = read_generated (&galley_read_html_stage, "grows.html", page, -1,
                                 "max-bytes=2999", NULL);

  ck_assert_one_doc (&r);
  ck_assert_uint_eq (strlen (galley_document_get_text (DOC (&r, 0), NULL)), 2999);
  read_result_clear (&r);
}
END_TEST

/* The metadata counts too: a windows-1252 title grows like the text. */
static char *
page_1252_titled (guint n)
{
  g_autofree char *words = repeated ("caf\xE9 ", n);

  return g_strconcat ("<html><head><meta charset=\"windows-1252\"><title>caf\xE9</title>"
                      "</head><body><article><p>", words, "</p></article></body></html>",
                      NULL);
}

START_TEST (test_text_and_metadata_past_max_bytes_once_decoded_is_rejected)
{
  g_autofree char *page = page_1252_titled (500);  /* 2,999 bytes of text, 5 of title */

  assert_generated_rejected (&galley_read_html_stage, "grows.html", page, "max-bytes=3003",
                             ": text larger than max-bytes=3003 once decoded to UTF-8");
}
END_TEST

START_TEST (test_text_and_metadata_of_max_bytes_once_decoded_is_read)
{
  g_autofree char *page = page_1252_titled (500);
  ReadResult r = read_generated (&galley_read_html_stage, "grows.html", page, -1,
                                 "max-bytes=3004", NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "café");
  ck_assert_uint_eq (strlen (galley_document_get_text (DOC (&r, 0), NULL)), 2999);
  read_result_clear (&r);
}
END_TEST

/* read_one_status: reads the one page @data (@len bytes) with the stage
 * itself: its status, its document or stub to *@doc, its error. */
static GalleyReadStatus
read_one_status (const char *data, gssize len, char **path, GalleyDocument **doc,
                 GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("read-html-XXXXXX", NULL);
  g_autoptr (GalleyParams) p = galley_params_new (galley_read_html_stage.params);
  GalleyReadStatus status;
  gpointer self;

  *path = g_build_filename (dir, "page.html", NULL);
  ck_assert (g_file_set_contents (*path, data, len, NULL));
  ck_assert (galley_params_set (p, "path", *path, NULL));
  ck_assert (galley_params_finish (p, NULL));
  self = galley_read_html_stage.create (p, NULL);
  ck_assert_ptr_nonnull (self);
  status = galley_read_html_stage.read (self, doc, error);
  galley_read_html_stage.free (self);
  g_unlink (*path);
  g_rmdir (dir);
  return status;
}

/* A page with no text is rejected under its canonical URL, the id its
 * document would have had, so that the cron state keys it the same. */
START_TEST (test_page_without_text_keeps_its_canonical_id)
{
  g_autofree char *path = NULL;
  g_autofree char *want = NULL;
  g_autoptr (GalleyDocument) doc = NULL;
  g_autoptr (GError) error = NULL;
  GalleyReadStatus status;

  status = read_one_status ("<html><head><link rel=\"canonical\" "
                            "href=\"https://gazette.example.org/blank\"></head>"
                            "<body><nav>Home</nav></body></html>", -1, &path, &doc, &error);
  want = g_strconcat (path, ": no text found in the page", NULL);
  ck_assert_int_eq (status, GALLEY_READ_SKIP);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  ck_assert_str_eq (error->message, want);
  ck_assert_str_eq (galley_document_get_id (doc), "https://gazette.example.org/blank");
  ck_assert_str_eq (galley_document_get_origin (doc), path);
}
END_TEST

/* UTF-16's ASCII has NUL bytes: with its byte order mark it is a page,
 * not binary data. */
START_TEST (test_utf16_page_with_byte_order_mark_is_read)
{
  static const char *const boms[] = { "\xFF\xFE", "\xFE\xFF" };
  static const char *const codes[] = { "UTF-16LE", "UTF-16BE" };

  for (guint i = 0; i < G_N_ELEMENTS (boms); i++)
    {
      gsize n = 0;
      g_autofree char *utf16 = g_convert ("<html><body><p>Caf\xC3\xA9 cr\xC3\xA8me.</p></body></html>",
                                          -1, codes[i], "UTF-8", NULL, &n, NULL);
      g_autofree char *data = g_malloc (n + 2);
      ReadResult r;

      memcpy (data, boms[i], 2);
      memcpy (data + 2, utf16, n);
      r = read_generated (&galley_read_html_stage, "u.html", data, n + 2, "extract=page", NULL);
      ck_assert_one_doc (&r);
      ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL), "Café crème.");
      read_result_clear (&r);
    }
}
END_TEST

START_TEST (test_huge_file_over_default_limit_is_rejected)
{
  g_autofree char *tmp = g_dir_make_tmp ("read-html-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (tmp, "big.html", NULL);
  g_autofree char *want = g_strconcat (big, ": larger than max-bytes=33554432", NULL);
  g_autofree char *path_kv = g_strconcat ("path=", big, NULL);
  const char *params[] = { path_kv, NULL };
  ReadResult r;

  write_big_file (big, "<html><body>\n",
                  "<p>Filler paragraph of a very large saved page, repeated.</p>\n",
                  "</body></html>\n", 33554432);
  r = read_source (&galley_read_html_stage, params);
  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_str_eq (REJECT (&r, 0), want);
  read_result_clear (&r);
  g_unlink (big);
  g_rmdir (tmp);
}
END_TEST

START_TEST (test_directory_reads_html_and_htm_in_name_order)
{
  ReadResult r = read_page ("pages", NULL);

  /* article-nav-cookie, cp1252, jsonld, latin1, nested-articles,
   * no-article, truncated, utf8-bom.htm; binary and empty rejected. */
  ck_assert_uint_eq (r.docs->len, 8);
  ck_assert_uint_eq (r.rejects->len, 2);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"),
                    "Tram line to the harbour approved after six-year debate");
  ck_assert_str_eq (doc_meta (DOC (&r, 7), "title"), "Snow closes mountain pass");
  read_result_clear (&r);
}
END_TEST

/* Character sets, on pages written by the test. */

/* page: a page declaring @charset (none when NULL) around @body. */
static GString *
page (const char *charset, const char *body)
{
  GString *p = g_string_new ("<html><head>");

  if (charset)
    g_string_append_printf (p, "<meta charset=\"%s\">", charset);
  g_string_append_printf (p, "<title>T</title></head><body><p>%s</p></body></html>", body);
  return p;
}

/* page_text: the text of @p read with extract=page; @replaced gets its
 * repair count (-1 when there is none). */
static char *
page_text (GString *p, gint64 *replaced)
{
  ReadResult r = read_generated (&galley_read_html_stage, "p.html", p->str, p->len,
                                 "extract=page", NULL);
  char *text;

  ck_assert_one_doc (&r);
  text = g_strdup (galley_document_get_text (DOC (&r, 0), NULL));
  *replaced = galley_document_get_repaired (DOC (&r, 0))
              ? (gint64) galley_document_get_repaired (DOC (&r, 0)) : -1;
  read_result_clear (&r);
  g_string_free (p, TRUE);
  return text;
}

START_TEST (test_shift_jis_invalid_byte_replaced_and_counted)
{
  gint64 replaced;
  /* 日本 0xFF の: 0xFF is no Shift_JIS byte; the text goes on after it. */
  g_autofree char *text = page_text (page ("shift_jis", "\x93\xfa\x96\x7b\xff\x82\xcc news here."),
                                     &replaced);

  ck_assert_str_eq (text, "日本\xef\xbf\xbdの news here.");
  ck_assert_int_eq (replaced, 1);
}
END_TEST

START_TEST (test_valid_shift_jis_has_no_repair_count)
{
  gint64 replaced;
  g_autofree char *text = page_text (page ("Shift_JIS", "\x93\xfa\x96\x7b"), &replaced);

  ck_assert_str_eq (text, "日本");
  ck_assert_int_eq (replaced, -1);
}
END_TEST

START_TEST (test_declared_utf8_invalid_byte_counted)
{
  gint64 replaced;
  g_autofree char *text = page_text (page ("utf-8", "Z\xfcrich and Z\xc3\xbcrich"), &replaced);

  ck_assert_str_eq (text, "Z\xef\xbf\xbdrich and Zürich");
  ck_assert_int_eq (replaced, 1);
}
END_TEST

START_TEST (test_charset_label_trimmed_and_case_insensitive)
{
  gint64 replaced;
  g_autofree char *text = page_text (page (" LATIN1\t", "Caf\xe9 \x80"), &replaced);

  ck_assert_str_eq (text, "Café €");
  ck_assert_int_eq (replaced, -1);
}
END_TEST

START_TEST (test_utf7_label_is_unknown_and_ignored)
{
  gint64 replaced;
  g_autofree char *text = page_text (page ("utf-7", "Caf\xe9 au lait, cr\xe8me br\xfbl\xe9" "e."),
                                     &replaced);

  ck_assert_str_eq (text, "Café au lait, crème brûlée.");
  ck_assert_int_eq (replaced, -1);
}
END_TEST

START_TEST (test_ibm037_label_is_unknown_and_ignored)
{
  gint64 replaced;
  g_autofree char *text = page_text (page ("IBM037", "Caf\xe9 au lait, cr\xe8me br\xfbl\xe9" "e."),
                                     &replaced);

  ck_assert_str_eq (text, "Café au lait, crème brûlée.");
}
END_TEST

START_TEST (test_utf32_label_is_unknown_and_ignored)
{
  gint64 replaced;
  g_autofree char *text = page_text (page ("utf-32", "Z\xc3\xbcrich"), &replaced);

  ck_assert_str_eq (text, "Zürich");
  ck_assert_int_eq (replaced, -1);
}
END_TEST

START_TEST (test_unknown_label_skipped_for_the_next_meta)
{
  gint64 replaced;
  g_autofree char *text = page_text (page ("utf-7\"><meta charset=\"koi8-r", "\xf0\xd2\xc9\xd7\xc5\xd4"),
                                     &replaced);

  ck_assert_str_eq (text, "Привет");
}
END_TEST

START_TEST (test_iso_2022_jp_is_a_real_encoding)
{
  gint64 replaced;
  g_autofree char *jp = page_text (page ("iso-2022-jp", "\x1b$BF|K\\\x1b(B news"), &replaced);
  g_autofree char *latin = NULL;

  ck_assert_str_eq (jp, "日本 news");
  ck_assert_int_eq (replaced, -1);
  /* Latin-1 bytes are not ISO-2022-JP: each is one U+FFFD, the rest stays. */
  latin = page_text (page ("iso-2022-jp", "Caf\xe9 au lait."), &replaced);
  ck_assert_str_eq (latin, "Caf\xef\xbf\xbd au lait.");
  ck_assert_int_eq (replaced, 1);
}
END_TEST

START_TEST (test_replacement_labels_decode_to_one_replacement_character)
{
  static const char *const labels[] = {
    "iso-2022-kr", "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext",
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gint64 replaced;
      g_autofree char *text = page_text (page (labels[i], "Seoul news"), &replaced);

      ck_assert_msg (strcmp (text, "\xef\xbf\xbd") == 0, "%s: '%s'", labels[i], text);
      ck_assert_int_eq (replaced, 1);
    }
}
END_TEST

START_TEST (test_utf16_label_in_meta_means_utf8)
{
  gint64 replaced;
  g_autofree char *text = page_text (page ("utf-16", "Z\xc3\xbcrich"), &replaced);
  g_autofree char *be = page_text (page ("UTF-16BE", "caf\xc3\xa9"), &replaced);

  ck_assert_str_eq (text, "Zürich");
  ck_assert_str_eq (be, "café");
}
END_TEST

START_TEST (test_x_user_defined_in_meta_means_windows_1252)
{
  gint64 replaced;
  g_autofree char *text = page_text (page ("x-user-defined", "Caf\xe9 \x80"), &replaced);

  ck_assert_str_eq (text, "Café €");
}
END_TEST

START_TEST (test_undeclared_euc_kr_page_is_detected)
{
  gint64 replaced;
  g_autofree char *text = page_text (page (NULL, "\xbc\xad\xbf\xef\xbd\xc3\xb4\xc2 \xbf\xc0\xb4\xc3 "
                                           "\xbb\xf5\xb7\xce\xbf\xee \xb1\xb3\xc5\xeb "
                                           "\xc1\xa4\xc3\xa5\xc0\xbb \xb9\xdf\xc7\xa5\xc7\xdf\xb4\xd9."),
                                     &replaced);

  ck_assert_str_eq (text, "서울시는 오늘 새로운 교통 정책을 발표했다.");
  ck_assert_int_eq (replaced, -1);
}
END_TEST

START_TEST (test_undeclared_windows_1251_page_is_detected)
{
  gint64 replaced;
  g_autofree char *cp1251 = NULL;
  g_autofree char *text = NULL;
  const char *ru = "Президент России заявил во вторник, что правительство рассмотрит "
                   "новые меры поддержки экономики. Министр финансов сообщил о росте "
                   "доходов бюджета.";

  cp1251 = g_convert (ru, -1, "CP1251", "UTF-8", NULL, NULL, NULL);
  text = page_text (page (NULL, cp1251), &replaced);
  ck_assert_str_eq (text, ru);
}
END_TEST

/* Charsets and titles, unit by unit. */

START_TEST (test_charset_from_http_equiv)
{
  const char *page = "<html><head><meta http-equiv=\"content-type\" "
                     "content=\"text/html; charset=ISO-8859-1\"></head></html>";
  gsize bom = 99;
  GalleyCharsetSource source;

  ck_assert_str_eq (html_charset_detect (page, strlen (page), &bom, &source), "windows-1252");
  ck_assert_uint_eq (bom, 0);
  ck_assert_int_eq (source, GALLEY_CHARSET_DECLARED);
}
END_TEST

START_TEST (test_charset_declared_legacy_but_bytes_are_utf8)
{
  const char *page = "<meta charset=\"gb2312\"><p>Zürich</p>";
  gsize bom;
  GalleyCharsetSource source;

  ck_assert_str_eq (html_charset_detect (page, strlen (page), &bom, &source), "UTF-8");
  ck_assert_int_eq (source, GALLEY_CHARSET_OVERRIDDEN);
}
END_TEST

START_TEST (test_charset_undeclared_invalid_utf8_is_windows_1252)
{
  const char *page = "<p>caf\xe9</p>";
  gsize bom;
  GalleyCharsetSource source;

  ck_assert_str_eq (html_charset_detect (page, strlen (page), &bom, &source), "windows-1252");
  ck_assert_int_eq (source, GALLEY_CHARSET_FALLBACK);
}
END_TEST

START_TEST (test_charset_meta_inside_comment_ignored)
{
  const char *page = "<!-- <meta charset=\"koi8-r\"> --><meta charset='utf-8'>";
  g_autofree char *cs = html_charset_from_meta (page, strlen (page));

  ck_assert_str_eq (cs, "utf-8");
}
END_TEST

/* content="...charset=X" declares only with http-equiv="content-type" */
START_TEST (test_charset_in_content_without_http_equiv_ignored)
{
  const char *page = "<meta name=\"description\" content=\"text/html; charset=koi8-r\">"
                     "<meta http-equiv=\"refresh\" content=\"30; charset=koi8-r\">";

  ck_assert_ptr_null (html_charset_from_meta (page, strlen (page)));
}
END_TEST

START_TEST (test_charset_http_equiv_unknown_label_skipped_for_the_next_meta)
{
  const char *page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-7\">"
                     "<meta charset=\"koi8-r\">";
  g_autofree char *cs = html_charset_from_meta (page, strlen (page));

  ck_assert_str_eq (cs, "koi8-r");
}
END_TEST

/* <metadata>, <meta-x> are no <meta> */
START_TEST (test_charset_in_a_longer_tag_name_ignored)
{
  const char *page = "<metadata charset=\"koi8-r\"><meta-x charset=\"koi8-r\">"
                     "<meta charset=\"utf-8\">";
  g_autofree char *cs = html_charset_from_meta (page, strlen (page));

  ck_assert_str_eq (cs, "utf-8");
}
END_TEST

/* The prescan reads the first 16 KiB: a declaration past them is not
 * seen, one just inside them is. */
START_TEST (test_charset_declared_past_the_prescan_ignored)
{
  static const guint pads[] = { 16384 - 23, 16384 };
  static const GalleyCharsetSource want[] = { GALLEY_CHARSET_DECLARED, GALLEY_CHARSET_FALLBACK };

  for (guint i = 0; i < G_N_ELEMENTS (pads); i++)
    {
      g_autofree char *pad = g_strnfill (pads[i], ' ');
      /* the <meta> is 23 bytes: its last is byte 16,384, then its first
       * is byte 16,385 */
      g_autofree char *page = g_strconcat (pad, "<meta charset=\"koi8-r\">",
                                           "<p>\xf0\xd2\xc9\xd7\xc5\xd4</p>", NULL);
      gsize bom;
      GalleyCharsetSource source;
      const char *cs = html_charset_detect (page, strlen (page), &bom, &source);

      ck_assert_msg (source == want[i], "pad %u: source %d (%s)", pads[i], source, cs);
      if (i == 0)
        ck_assert_str_eq (cs, "KOI8-R");
    }
}
END_TEST

/* Of two charset attributes the first counts, as in the HTML tokenizer */
START_TEST (test_charset_first_of_two_attributes_counts)
{
  const char *page = "<meta charset=\"koi8-r\" charset=\"utf-8\">";
  g_autofree char *cs = html_charset_from_meta (page, strlen (page));

  ck_assert_str_eq (cs, "koi8-r");
}
END_TEST

START_TEST (test_charset_in_content_needs_an_equals_sign)
{
  const char *page = "<meta http-equiv=\"content-type\" content=\"text/html; charset:koi8-r\">";

  ck_assert_ptr_null (html_charset_from_meta (page, strlen (page)));
}
END_TEST

START_TEST (test_title_strip_declared_site_name)
{
  g_autofree char *t = html_title_strip_site ("Budget passes | Harbour Gazette",
                                              "Harbour Gazette", NULL, FALSE);

  ck_assert_str_eq (t, "Budget passes");
}
END_TEST

START_TEST (test_title_strip_site_from_host)
{
  g_autofree char *t = html_title_strip_site ("Tigers escape from zoo - Kettle Times",
                                              NULL, "https://www.ketteltimes.example.com/a",
                                              FALSE);
  g_autofree char *u = html_title_strip_site ("Kettle Times :: Tigers escape from zoo",
                                              NULL, "https://kettletimes.com/a", FALSE);

  ck_assert_ptr_null (t);  /* "ketteltimes" is not "kettletimes" */
  ck_assert_str_eq (u, "Tigers escape from zoo");
}
END_TEST

START_TEST (test_title_keeps_short_title_with_separator)
{
  /* Two words before the separator: the rest may be the title's own. */
  g_autofree char *t = html_title_strip_site ("Minecraft 1.8 - The Bountiful Update",
                                              NULL, NULL, TRUE);

  ck_assert_ptr_null (t);
}
END_TEST

#define PAGE(head, body) "<html><head>" head "</head><body>" body "</body></html>"
#define LD(json) "<script type=\"application/ld+json\">" json "</script>"

/* A title that starts with its separator has nothing to keep before it */
START_TEST (test_title_strip_keeps_a_title_that_is_only_the_site)
{
  ck_assert_ptr_null (html_title_strip_site (" | Harbour Gazette", "Harbour Gazette", NULL,
                                             FALSE));
}
END_TEST

/* The site's name: the declared name's first part, or the host's name
 * with its top-level domain, but not a host label under three letters;
 * of several separators the last one counts */
START_TEST (test_title_strip_site_name_forms)
{
  g_autofree char *a = html_title_strip_site ("Budget approved | Aktu\xC3\xA1ln\xC4\x9B.cz",
                                              "Aktu\xC3\xA1ln\xC4\x9B.cz - V\xC3\xADte, co se pr\xC3\xA1v\xC4\x9B d\xC4\x9Bje",
                                              NULL, FALSE);
  g_autofree char *b = html_title_strip_site ("Tigers escape from zoo - KettleTimes.com", NULL,
                                              "https://kettletimes.com/a", FALSE);
  g_autofree char *c = html_title_strip_site ("Election results - TV", NULL,
                                              "https://tv.example.com/a", FALSE);
  g_autofree char *d = html_title_strip_site ("Rates rise \xE2\x80\x93 live updates | Harbour Gazette",
                                              "Harbour Gazette", NULL, FALSE);

  ck_assert_str_eq (a, "Budget approved");
  ck_assert_str_eq (b, "Tigers escape from zoo");
  ck_assert_ptr_null (c);
  ck_assert_str_eq (d, "Rates rise \xE2\x80\x93 live updates");
}
END_TEST

/* Four words after the separator are not cut from <title> as a site name */
START_TEST (test_title_keeps_four_words_after_a_separator)
{
  ck_assert_ptr_null (html_title_strip_site ("Harbour tram line approved - Port Alder Daily Courier",
                                             NULL, NULL, TRUE));
}
END_TEST

/* Three words before the separator are not enough to cut the last part */
START_TEST (test_title_keeps_three_words_before_a_separator)
{
  g_autofree char *t = html_title_strip_site ("Tram line approved - Port Alder Courier",
                                              NULL, NULL, TRUE);
  g_autofree char *u = html_title_strip_site ("Harbour tram line approved - Port Alder Courier",
                                              NULL, NULL, TRUE);

  ck_assert_ptr_null (t);
  ck_assert_str_eq (u, "Harbour tram line approved");
}
END_TEST

/* Metadata, source by source ---------------------------------------------- */

/* page_meta: the document of a page with @head and a short article. */
static ReadResult
page_meta (const char *head, const char *body_head)
{
  g_autofree char *page = g_strconcat ("<html><head>", head, "</head><body>", body_head,
                                       "<article><p>The council met on Friday and approved "
                                       "the budget.</p></article></body></html>", NULL);
  ReadResult r = read_generated (&galley_read_html_stage, "m.html", page, -1, NULL, NULL);

  ck_assert_one_doc (&r);
  return r;
}

/* The first of two values counts: og:title, canonical link, JSON-LD
 * article. */
START_TEST (test_meta_first_of_two_counts)
{
  ReadResult r = page_meta ("<meta property=\"og:title\" content=\"First title\">"
                            "<meta property=\"og:title\" content=\"Second title\">"
                            "<link rel=\"canonical\" href=\"https://a.example/first\">"
                            "<link rel=\"canonical\" href=\"https://a.example/second\">"
                            "<meta name=\"date\" content=\"2020-01-01\">"
                            LD ("{\"@type\":\"NewsArticle\",\"author\":\"Ann First\","
                                "\"datePublished\":\"2024-05-06T05:10:00+02:00\"}")
                            LD ("{\"@type\":\"NewsArticle\",\"author\":\"Bo Second\"}"), "");

  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "First title");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "https://a.example/first");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "author"), "Ann First");
  /* the JSON-LD date comes before any <meta> date */
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "published"), "2024-05-06T03:10:00Z");
  read_result_clear (&r);
}
END_TEST

/* An author that is a profile URL is skipped; "By " is cut. */
START_TEST (test_meta_author_url_skipped_and_by_cut)
{
  ReadResult r = page_meta ("<meta name=\"author\" content=\"https://social.example.com/hana\">"
                            "<meta name=\"article:author\" content=\"By Hana Lindqvist\">", "");

  ck_assert_str_eq (doc_meta (DOC (&r, 0), "author"), "Hana Lindqvist");
  read_result_clear (&r);
}
END_TEST

/* An icon's <svg><title> is not the page's title */
START_TEST (test_meta_svg_title_is_not_the_title)
{
  ReadResult r = page_meta ("", "<svg><title>Share icon</title></svg><h1>Budget approved</h1>");

  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "Budget approved");
  read_result_clear (&r);
}
END_TEST

/* A relative canonical URL resolves against <base href> when absolute,
 * else against og:url when that is; else it stays as it is. */
START_TEST (test_meta_relative_canonical_resolved_against_an_absolute_base)
{
  ReadResult r = page_meta ("<base href=\"/relative/\">"
                            "<meta property=\"og:url\" content=\"https://a.example/news/\">"
                            "<link rel=\"canonical\" href=\"story\">", "");
  ReadResult q = page_meta ("<base href=\"/relative/\">"
                            "<meta property=\"og:url\" content=\"/news/\">"
                            "<link rel=\"canonical\" href=\"story\">", "");

  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "https://a.example/news/story");
  ck_assert_str_eq (galley_document_get_id (DOC (&q, 0)), "story");
  read_result_clear (&r);
  read_result_clear (&q);
}
END_TEST

/* JSON-LD's fallbacks: "name" for a missing headline, "creator" for a
 * missing author, "dateCreated" for a missing datePublished, and
 * mainEntityOfPage (a string, or an object's "@id") for a missing url */
START_TEST (test_meta_json_ld_fallback_members)
{
  ReadResult r = page_meta (LD ("{\"@type\":\"NewsArticle\",\"name\":\"Budget approved\","
                                "\"creator\":\"Ann First\",\"dateCreated\":\"2024-05-06T05:10:00+02:00\","
                                "\"mainEntityOfPage\":\"https://a.example/budget\"}"), "");
  ReadResult q = page_meta (LD ("{\"@type\":\"NewsArticle\",\"headline\":\"Budget approved\","
                                "\"mainEntityOfPage\":{\"@type\":\"WebPage\","
                                "\"@id\":\"https://a.example/budget-2\"}}"), "");

  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "Budget approved");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "author"), "Ann First");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "published"), "2024-05-06T03:10:00Z");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "https://a.example/budget");
  ck_assert_str_eq (galley_document_get_id (DOC (&q, 0)), "https://a.example/budget-2");
  read_result_clear (&r);
  read_result_clear (&q);
}
END_TEST

/* An author named twice in a JSON-LD list is named once */
START_TEST (test_meta_json_ld_author_named_twice_once)
{
  ReadResult r = page_meta (LD ("{\"@type\":\"NewsArticle\",\"author\":[{\"name\":\"Ann First\"},"
                                "{\"name\":\"Bo Second\"},\"Ann First\"]}"), "");

  ck_assert_str_eq (doc_meta (DOC (&r, 0), "author"), "Ann First, Bo Second");
  read_result_clear (&r);
}
END_TEST

/* itemprop names a meta value too; rel="Canonical" and the script type
 * are read in any case and with spaces around */
START_TEST (test_meta_itemprop_and_attribute_case)
{
  ReadResult r = page_meta ("<meta itemprop=\"datePublished\" content=\"2024-02-20\">"
                            "<link rel=\" Canonical \" href=\"https://a.example/story\">"
                            "<script type=\" Application/LD+JSON \">{\"@type\":\"NewsArticle\","
                            "\"author\":\"Ann First\"}</script>", "");

  ck_assert_str_eq (doc_meta (DOC (&r, 0), "published"), "2024-02-20T00:00:00Z");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "https://a.example/story");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "author"), "Ann First");
  read_result_clear (&r);
}
END_TEST

/* Fallbacks among <meta> tags: twitter:title before <title>, the
 * application name as the site, "by " cut in lower case, white space
 * around a value trimmed, article:published_time before a plain date */
START_TEST (test_meta_fallbacks_among_meta_tags)
{
  ReadResult r = page_meta ("<title>Page title</title>"
                            "<meta name=\"twitter:title\" content=\"  Budget   approved \">"
                            "<meta name=\"application-name\" content=\"Harbour Gazette\">"
                            "<meta name=\"author\" content=\"by Hana Lindqvist\">"
                            "<meta name=\"date\" content=\"2020-01-01\">"
                            "<meta property=\"article:published_time\" content=\"2024-03-15\">", "");

  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "Budget approved");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "site"), "Harbour Gazette");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "author"), "Hana Lindqvist");
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "published"), "2024-03-15T00:00:00Z");
  read_result_clear (&r);
}
END_TEST

/* The first <h1> is the title when nothing else is; the first <base> is
 * the base */
START_TEST (test_meta_first_h1_and_first_base)
{
  ReadResult r = page_meta ("<base href=\"https://a.example/news/\"><base href=\"https://b.example/\">"
                            "<link rel=\"canonical\" href=\"story\">",
                            "<h1>Budget approved</h1><h1>Comments</h1>");

  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "Budget approved");
  ck_assert_str_eq (galley_document_get_id (DOC (&r, 0)), "https://a.example/news/story");
  read_result_clear (&r);
}
END_TEST

/* Depth ---------------------------------------------------------------- */

/* page_with_ld: a small article page whose JSON-LD script is @json. */
static char *
page_with_ld (const char *json)
{
  return g_strconcat ("<html><head><script type=\"application/ld+json\">", json,
                      "</script></head><body><article><p>The council met on "
                      "Friday and approved the budget.</p></article></body></html>",
                      NULL);
}

/* ld_nested: @levels arrays around an empty one's place. */
static char *
ld_nested (guint levels)
{
  g_autofree char *open = repeated ("[", levels);
  g_autofree char *close = repeated ("]", levels);

  return g_strconcat (open, close, NULL);
}

START_TEST (test_json_ld_nested_80000_levels_is_rejected)
{
  g_autofree char *open = repeated ("[", 80000);
  g_autofree char *page = page_with_ld (open);
  assert_generated_rejected (&galley_read_html_stage, "deep.html", page, NULL,
                             ": line 1: JSON-LD script nested deeper than 256 levels");
}
END_TEST

START_TEST (test_json_ld_nested_257_levels_is_rejected)
{
  g_autofree char *json = ld_nested (257);
  g_autofree char *page = page_with_ld (json);

  assert_generated_rejected (&galley_read_html_stage, "deep.html", page, NULL,
                             ": line 1: JSON-LD script nested deeper than 256 levels");
}
END_TEST

START_TEST (test_json_ld_nested_256_levels_is_read)
{
  g_autofree char *json = ld_nested (256);
  g_autofree char *page = page_with_ld (json);
  ReadResult r = read_generated (&galley_read_html_stage, "deep.html", page, -1, NULL, NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "The council met on Friday and approved the budget.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_json_ld_brackets_in_strings_do_not_count)
{
  g_autofree char *brackets = repeated ("[{", 300);
  g_autofree char *json = g_strconcat ("{\"@type\":\"NewsArticle\",",
                                       "\"headline\":\"Budget ", brackets, "\"}", NULL);
  g_autofree char *page = page_with_ld (json);
  g_autofree char *want = g_strconcat ("Budget ", brackets, NULL);
  ReadResult r = read_generated (&galley_read_html_stage, "strings.html", page, -1, NULL, NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), want);
  read_result_clear (&r);
}
END_TEST

START_TEST (test_json_ld_escaped_quote_does_not_end_a_string)
{
  g_autofree char *brackets = repeated ("[", 300);
  g_autofree char *json = g_strconcat ("{\"@type\":\"NewsArticle\",",
                                       "\"headline\":\"Say \\\"", brackets, "\\\"\"}", NULL);
  g_autofree char *page = page_with_ld (json);
  g_autofree char *want = g_strconcat ("Say \"", brackets, "\"", NULL);
  ReadResult r = read_generated (&galley_read_html_stage, "escaped.html", page, -1, NULL, NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), want);
  read_result_clear (&r);
}
END_TEST

/* Brackets inside a JSON-LD comment do not count towards the depth limit */
START_TEST (test_json_ld_brackets_in_a_comment_do_not_count)
{
  g_autofree char *brackets = repeated ("[", 300);
  g_autofree char *json = g_strconcat ("/* ", brackets, " */ {\"@type\":\"NewsArticle\","
                                       "\"headline\":\"Budget approved\"}", NULL);
  g_autofree char *page = page_with_ld (json);
  ReadResult r = read_generated (&galley_read_html_stage, "comment.html", page, -1, NULL, NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (doc_meta (DOC (&r, 0), "title"), "Budget approved");
  read_result_clear (&r);
}
END_TEST

/* The line named is the script's */
START_TEST (test_json_ld_too_deep_names_the_script_line)
{
  g_autofree char *json = ld_nested (257);
  g_autofree char *page = g_strconcat ("<html>\n<head>\n<title>T</title>\n"
                                       "<script type=\"application/ld+json\">", json,
                                       "</script></head><body><p>Text.</p></body></html>", NULL);

  assert_generated_rejected (&galley_read_html_stage, "deep.html", page, NULL,
                             ": line 4: JSON-LD script nested deeper than 256 levels");
}
END_TEST

/* page_nested: a page whose paragraph sits in @divs nested <div>s (with
 * <html> and <body>, @divs + 3 levels of elements). */
static char *
page_nested (guint divs)
{
  g_autofree char *open = repeated ("<div>", divs);
  g_autofree char *close = repeated ("</div>", divs);

  return g_strconcat ("<html><body>", open, "<p>The council met on Friday and "
                      "approved the budget.</p>", close, "</body></html>", NULL);
}

START_TEST (test_elements_nested_256_levels_are_read)
{
  g_autofree char *page = page_nested (253);
  ReadResult r = read_generated (&galley_read_html_stage, "deep.html", page, -1,
                                 "extract=page", NULL);

  ck_assert_one_doc (&r);
  ck_assert_str_eq (galley_document_get_text (DOC (&r, 0), NULL),
                    "The council met on Friday and approved the budget.");
  read_result_clear (&r);
}
END_TEST

START_TEST (test_elements_nested_257_levels_are_rejected)
{
  g_autofree char *page = page_nested (254);
  assert_generated_rejected (&galley_read_html_stage, "deep.html", page, NULL,
                             ": line 1: elements nested deeper than 256 levels");
}
END_TEST

START_TEST (test_elements_nested_100000_levels_are_rejected)
{
  g_autofree char *page = page_nested (100000);

  /* libxml2 stops at its own limit; the page is rejected, not cut short */
  assert_generated_rejected (&galley_read_html_stage, "deep.html", page, NULL,
                             ": line 1: elements nested deeper than 256 levels");
}
END_TEST

/* Hostile and broken input ---------------------------------------------- */


/* Each page, read as one file, and what comes out (see read_outcome()). */
static const struct {
  const char *data;
  gssize len;
  const char *expected;
} hostile_pages[] = {
  { "", 0, "! FILE: empty file" },
  { " \n\t\n", -1, "! FILE: cannot parse as HTML" },
  { "\x00\x01\x02\x03 binary \x00", 14, "! FILE: binary data, not an HTML page" },
  { "<html", -1, "! FILE: no text found in the page" },
  { "Just a line of text, no markup at all.", -1, "FILE: Just a line of text, no markup at all." },
  { PAGE ("", "<script>alert(1)</script><style>p{}</style>"), -1, "! FILE: no text found in the page" },
  { PAGE ("", "<p>caf\xE9 cr\xE8me</p>"), -1, "FILE: caf\xC3\xA9 cr\xC3\xA8me" },  /* windows-1252 */
  { PAGE ("", "<p>a&#0;b&#xD800;c&#x110000;d &bogus; &amp;</p>"), -1, "FILE: abcd &bogus; &" },
  { PAGE (LD ("{broken"), "<p>Body.</p>"), -1, "FILE: Body." },  /* broken JSON-LD is ignored */
  { PAGE (LD ("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ cut"), "<p>Body.</p>"), -1, "FILE: Body." },
  { PAGE ("<title>T</title><meta property=\"og:title\" content=\"\">", "<p>Body.</p>"), -1, "FILE (T): Body." },
  { "<html><body><p>Cut in the mid", -1, "FILE: Cut in the mid" },
  { "<html><body><div><p>One<div><p>Two</span></b></i></table>Three", -1, "FILE: One\n\nTwoThree" },
  { "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><html><body><p>&e;&e;</p></body></html>", -1,
    "FILE: ]>\n\n&e;&e;" },  /* HTML declares no entities */
};

START_TEST (test_hostile_page)
{
  g_autofree char *got = read_outcome (&galley_read_html_stage, "in.html", hostile_pages[_i].data,
                                       hostile_pages[_i].len, "extract=page");

  ck_assert_msg (strcmp (got, hostile_pages[_i].expected) == 0, "input %d gave\n%s\nnot\n%s",
                 _i, got, hostile_pages[_i].expected);
}
END_TEST

START_TEST (test_random_bytes_give_one_reject_or_document)
{
  /* binary data, or (few control bytes by chance) a windows-1252 page
   * of odd letters: never more than one document */
  assert_random_files_give_one_outcome (&galley_read_html_stage, "random.html",
                                        "! FILE: binary data, not an HTML page",
                                        "FILE: ");
}
END_TEST

START_TEST (test_every_prefix_of_a_page_reads_without_crashing)
{
  g_autofree char *path = fixture ("pages/article-nav-cookie.html");

  read_every_prefix (&galley_read_html_stage, path, 13);
}
END_TEST

/* The stage is built (galley validate only warns), the first read fails. */
START_TEST (test_missing_path_is_an_error_at_the_first_read)
{
  assert_missing_path_fails_at_first_read (&galley_read_html_stage, "/nonexistent/pages/*.html");
}
END_TEST

static Suite *
read_html_suite (void)
{
  Suite *s = suite_create ("read-html");
  TCase *tc = tcase_create ("pages");

  tcase_add_test (tc, test_nav_cookie_banner_share_and_comments_dropped);
  tcase_add_test (tc, test_missing_path_is_an_error_at_the_first_read);
  tcase_add_test (tc, test_og_title_canonical_id_and_json_ld_metadata);
  tcase_add_test (tc, test_json_ld_graph_gives_title_id_author_and_utc_date);
  tcase_add_test (tc, test_nested_articles_comments_and_teasers_dropped);
  tcase_add_test (tc, test_no_article_element_picks_densest_block);
  tcase_add_test (tc, test_iso_8859_1_declared_read_as_windows_1252);
  tcase_add_test (tc, test_windows_1252_meta_charset);
  tcase_add_test (tc, test_utf8_bom_and_htm_suffix);
  tcase_add_test (tc, test_truncated_html_keeps_what_is_there);
  tcase_add_test (tc, test_extract_page_keeps_all_visible_text);
  tcase_add_test (tc, test_hidden_elements_dropped_and_aria_hidden_false_kept);
  tcase_add_test (tc, test_short_data_table_kept_in_the_article);
  tcase_add_test (tc, test_visible_text_breaks_and_invisible_characters);
  suite_add_tcase (s, tc);

  tc = tcase_create ("broken");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_empty_file_is_rejected);
  tcase_add_test (tc, test_binary_file_is_rejected);
  tcase_add_test (tc, test_page_without_text_is_rejected);
  tcase_add_test (tc, test_file_over_max_bytes_is_rejected);
  tcase_add_test (tc, test_huge_file_over_default_limit_is_rejected);
  tcase_add_test (tc, test_text_past_max_bytes_once_decoded_is_rejected);
  tcase_add_test (tc, test_text_of_max_bytes_once_decoded_is_read);
  tcase_add_test (tc, test_text_and_metadata_past_max_bytes_once_decoded_is_rejected);
  tcase_add_test (tc, test_text_and_metadata_of_max_bytes_once_decoded_is_read);
  tcase_add_test (tc, test_page_without_text_keeps_its_canonical_id);
  tcase_add_test (tc, test_utf16_page_with_byte_order_mark_is_read);
  tcase_add_test (tc, test_directory_reads_html_and_htm_in_name_order);
  suite_add_tcase (s, tc);

  tc = tcase_create ("depth");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_json_ld_nested_80000_levels_is_rejected);
  tcase_add_test (tc, test_json_ld_nested_257_levels_is_rejected);
  tcase_add_test (tc, test_json_ld_nested_256_levels_is_read);
  tcase_add_test (tc, test_json_ld_brackets_in_strings_do_not_count);
  tcase_add_test (tc, test_json_ld_escaped_quote_does_not_end_a_string);
  tcase_add_test (tc, test_json_ld_brackets_in_a_comment_do_not_count);
  tcase_add_test (tc, test_json_ld_too_deep_names_the_script_line);
  tcase_add_test (tc, test_elements_nested_256_levels_are_read);
  tcase_add_test (tc, test_elements_nested_257_levels_are_rejected);
  tcase_add_test (tc, test_elements_nested_100000_levels_are_rejected);
  tcase_add_loop_test (tc, test_hostile_page, 0, G_N_ELEMENTS (hostile_pages));
  tcase_add_test (tc, test_random_bytes_give_one_reject_or_document);
  tcase_add_test (tc, test_every_prefix_of_a_page_reads_without_crashing);
  suite_add_tcase (s, tc);

  tc = tcase_create ("units");
  tcase_add_test (tc, test_shift_jis_invalid_byte_replaced_and_counted);
  tcase_add_test (tc, test_valid_shift_jis_has_no_repair_count);
  tcase_add_test (tc, test_declared_utf8_invalid_byte_counted);
  tcase_add_test (tc, test_charset_label_trimmed_and_case_insensitive);
  tcase_add_test (tc, test_utf7_label_is_unknown_and_ignored);
  tcase_add_test (tc, test_ibm037_label_is_unknown_and_ignored);
  tcase_add_test (tc, test_utf32_label_is_unknown_and_ignored);
  tcase_add_test (tc, test_unknown_label_skipped_for_the_next_meta);
  tcase_add_test (tc, test_iso_2022_jp_is_a_real_encoding);
  tcase_add_test (tc, test_replacement_labels_decode_to_one_replacement_character);
  tcase_add_test (tc, test_utf16_label_in_meta_means_utf8);
  tcase_add_test (tc, test_x_user_defined_in_meta_means_windows_1252);
  tcase_add_test (tc, test_undeclared_euc_kr_page_is_detected);
  tcase_add_test (tc, test_undeclared_windows_1251_page_is_detected);
  tcase_add_test (tc, test_charset_from_http_equiv);
  tcase_add_test (tc, test_charset_declared_legacy_but_bytes_are_utf8);
  tcase_add_test (tc, test_charset_undeclared_invalid_utf8_is_windows_1252);
  tcase_add_test (tc, test_charset_meta_inside_comment_ignored);
  tcase_add_test (tc, test_charset_first_of_two_attributes_counts);
  tcase_add_test (tc, test_charset_in_content_needs_an_equals_sign);
  tcase_add_test (tc, test_charset_in_a_longer_tag_name_ignored);
  tcase_add_test (tc, test_charset_declared_past_the_prescan_ignored);
  tcase_add_test (tc, test_charset_in_content_without_http_equiv_ignored);
  tcase_add_test (tc, test_charset_http_equiv_unknown_label_skipped_for_the_next_meta);
  tcase_add_test (tc, test_title_strip_declared_site_name);
  tcase_add_test (tc, test_title_strip_site_from_host);
  tcase_add_test (tc, test_title_keeps_short_title_with_separator);
  tcase_add_test (tc, test_title_strip_keeps_a_title_that_is_only_the_site);
  tcase_add_test (tc, test_title_keeps_three_words_before_a_separator);
  tcase_add_test (tc, test_meta_first_of_two_counts);
  tcase_add_test (tc, test_meta_author_url_skipped_and_by_cut);
  tcase_add_test (tc, test_meta_svg_title_is_not_the_title);
  tcase_add_test (tc, test_meta_relative_canonical_resolved_against_an_absolute_base);
  tcase_add_test (tc, test_title_strip_site_name_forms);
  tcase_add_test (tc, test_title_keeps_four_words_after_a_separator);
  tcase_add_test (tc, test_meta_json_ld_fallback_members);
  tcase_add_test (tc, test_meta_json_ld_author_named_twice_once);
  tcase_add_test (tc, test_meta_itemprop_and_attribute_case);
  tcase_add_test (tc, test_meta_fallbacks_among_meta_tags);
  tcase_add_test (tc, test_meta_first_h1_and_first_base);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (read_html_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
