/* test-fetch.c: read-feed and read-html over HTTP, against a server of
 * the test's own on 127.0.0.1 (http-server.c). */
#include "config.h"

#include <string.h>

#include <check.h>
#include <glib/gstdio.h>
#include <galley/galley.h>

#include "../../plugins/read-feed/read-feed.h"
#include "../../plugins/read-html/read-html.h"
#include "http-server.h"

static TestServer *server;
static char *tmp;

static void
setup (void)
{
  server = test_server_start ();
  tmp = g_dir_make_tmp ("galley-http-XXXXXX", NULL);
}

static void
teardown (void)
{
  g_autofree char *cache = g_build_filename (tmp, "cache.db", NULL);

  g_unlink (cache);
  g_rmdir (tmp);
  g_clear_pointer (&tmp, g_free);
  test_server_stop (server);
}

/* outcome: reads @klass with the "k=v" of @params (NULL-terminated; "URL="
 * prefixes a server path: "url=/etag.xml"), commits (so acknowledge
 * runs), and sums it up: "ID: TEXT" per document, "! MESSAGE" per
 * reject, the server's address written SERVER. (transfer full) */
static char *
outcome (const GalleyStageClass *klass, const char *const *params)
{
  g_autoptr (GPtrArray) kv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GPtrArray) rejects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) docs = NULL;
  g_autofree char *base = test_server_url (server, "");
  GString *out = g_string_new (NULL);

  for (guint i = 0; params[i]; i++)
    {
      if (g_str_has_prefix (params[i], "url=/"))
        g_ptr_array_add (kv, g_strconcat ("url=", base, params[i] + 4, NULL));
      else if (strcmp (params[i], "cache") == 0)
        g_ptr_array_add (kv, g_strconcat ("cache=", tmp, "/cache.db", NULL));
      else
        g_ptr_array_add (kv, g_strdup (params[i]));
    }
  g_ptr_array_add (kv, NULL);
  h = galley_harness_new (klass, (const char *const *) kv->pdata, &error);
  ck_assert_msg (h != NULL, "create: %s", error ? error->message : "?");
  docs = galley_harness_read_all (h, rejects, &error);
  ck_assert_msg (docs != NULL, "read: %s", error ? error->message : "?");
  ck_assert_msg (galley_harness_commit (h, &error), "commit: %s", error ? error->message : "?");
  for (guint i = 0; i < docs->len; i++)
    g_string_append_printf (out, "%s%s: %s", out->len ? "\n" : "",
                            galley_document_get_id (g_ptr_array_index (docs, i)),
                            galley_document_get_text (g_ptr_array_index (docs, i), NULL));
  for (guint i = 0; i < rejects->len; i++)
    g_string_append_printf (out, "%s! %s", out->len ? "\n" : "",
                            (const char *) g_ptr_array_index (rejects, i));
  {
    g_auto (GStrv) parts = g_strsplit (out->str, base, -1);
    g_string_free (out, TRUE);
    return g_strjoinv ("SERVER", parts);
  }
}

#define FEED(...) outcome (&galley_read_feed_stage, (const char *const[]) { __VA_ARGS__, NULL })
#define PAGE(...) outcome (&galley_read_html_stage, (const char *const[]) { __VA_ARGS__, NULL })

static const char two_items[] = "e1: First.\ne2: Second.";

START_TEST (test_etag_unchanged_feed_is_a_304_and_gives_nothing)
{
  g_autofree char *first = FEED ("url=/etag.xml", "cache");
  g_autofree char *second = FEED ("url=/etag.xml", "cache");

  ck_assert_str_eq (first, two_items);
  ck_assert_str_eq (second, "");
  ck_assert_uint_eq (test_server_hits (server, "/etag.xml"), 2);
}
END_TEST

START_TEST (test_last_modified_unchanged_feed_is_a_304_and_gives_nothing)
{
  g_autofree char *first = FEED ("url=/lm.xml", "cache");
  g_autofree char *second = FEED ("url=/lm.xml", "cache");

  ck_assert_str_eq (first, two_items);
  ck_assert_str_eq (second, "");
}
END_TEST

START_TEST (test_without_cache_every_run_reads_the_feed)
{
  g_autofree char *first = FEED ("url=/etag.xml");
  g_autofree char *second = FEED ("url=/etag.xml");

  ck_assert_str_eq (second, two_items);
}
END_TEST

START_TEST (test_items_seen_are_not_read_again_when_the_feed_is_fetched_again)
{
  /* /lm.xml without its validator: a 200 again, the same items */
  g_autofree char *first = FEED ("url=/lm.xml", "cache");
  g_autofree char *second = NULL;
  g_autofree char *db = g_build_filename (tmp, "cache.db", NULL);
  {
    g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' 'DELETE FROM validators'", db);
    ck_assert (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
  second = FEED ("url=/lm.xml", "cache");
  ck_assert_str_eq (first, two_items);
  ck_assert_str_eq (second, "");
  ck_assert_uint_eq (test_server_hits (server, "/lm.xml"), 2);
}
END_TEST

START_TEST (test_slow_response_past_the_timeout_is_rejected)
{
  g_autofree char *got = FEED ("url=/slow.xml", "timeout=300", "retries=0");

  ck_assert_str_eq (got, "! SERVER/slow.xml: no complete response within timeout=300 ms");
}
END_TEST

START_TEST (test_500_then_success_is_retried)
{
  g_autofree char *got = FEED ("url=/flaky.xml", "retry-delay=10");

  ck_assert_str_eq (got, two_items);
  ck_assert_uint_eq (test_server_hits (server, "/flaky.xml"), 2);
}
END_TEST

START_TEST (test_500_without_retries_is_rejected)
{
  g_autofree char *got = FEED ("url=/flaky.xml", "retries=0");

  ck_assert_str_eq (got, "! SERVER/flaky.xml: HTTP 500 Internal Server Error");
}
END_TEST

START_TEST (test_redirect_loop_is_rejected)
{
  g_autofree char *got = FEED ("url=/loop", "max-redirects=3");

  ck_assert_str_eq (got, "! SERVER/loop: more than max-redirects=3 redirects");
  ck_assert_uint_eq (test_server_hits (server, "/loop"), 4);
}
END_TEST

START_TEST (test_oversized_body_is_rejected)
{
  g_autofree char *got = FEED ("url=/big.xml", "max-bytes=1000");

  ck_assert_str_eq (got, "! SERVER/big.xml: larger than max-bytes=1000");
}
END_TEST

START_TEST (test_gzip_body_is_decoded)
{
  g_autofree char *got = FEED ("url=/gzip.xml");

  ck_assert_str_eq (got, two_items);
}
END_TEST

START_TEST (test_404_is_rejected_and_the_other_feeds_go_on)
{
  g_autofree char *base = test_server_url (server, "");
  g_autofree char *urls = g_strdup_printf ("url=%s/missing.xml;%s/gzip.xml", base, base);
  g_autofree char *got = FEED (urls);

  ck_assert_str_eq (got, "e1: First.\ne2: Second.\n! SERVER/missing.xml: HTTP 404 Not Found");
}
END_TEST

START_TEST (test_unresolvable_host_is_rejected)
{
  g_autofree char *got = FEED ("url=http://no-such-host.invalid/feed.xml");

  ck_assert_str_eq (got, "! http://no-such-host.invalid/feed.xml: cannot resolve host 'no-such-host.invalid'");
}
END_TEST

START_TEST (test_fetch_articles_takes_the_text_from_the_pages)
{
  g_autofree char *got = FEED ("url=/articles.xml", "fetch-articles=true");

  ck_assert_str_eq (got,
                    "w1: Story 1\n\nThe full text of story 1, long enough to be the main text of the page, "
                    "as the council said on Monday.\n\nA second paragraph of story 1.\n"
                    "w2: Story 2\n\nThe full text of story 2, long enough to be the main text of the page, "
                    "as the council said on Monday.\n\nA second paragraph of story 2.");
}
END_TEST

START_TEST (test_fetch_articles_keeps_the_feed_title_date_and_guid)
{
  g_autofree char *url = test_server_url (server, "/articles.xml");
  g_autofree char *kv = g_strconcat ("url=", url, NULL);
  const char *params[] = { kv, "fetch-articles=true", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_read_feed_stage, params, &error);
  g_autoptr (GPtrArray) docs = galley_harness_read_all (h, NULL, &error);
  GalleyDocument *d = g_ptr_array_index (docs, 0);
  g_autofree char *page = test_server_url (server, "/page/1.html");

  ck_assert_str_eq (galley_document_get_id (d), "w1");
  ck_assert_str_eq (galley_document_get_meta (d, "title"), "Harbour reopens");
  ck_assert_str_eq (galley_document_get_meta (d, "published"), "2026-03-11T07:30:00Z");
  ck_assert_str_eq (galley_document_get_meta (d, "url"), page);
  ck_assert_str_eq (galley_document_get_meta (d, "feed"), "Wire");
}
END_TEST

START_TEST (test_read_html_fetches_pages)
{
  g_autofree char *got = PAGE ("url=/page/7.html");

  ck_assert_str_eq (got, "SERVER/page/7.html: Story 7\n\nThe full text of story 7, long enough to be the "
                    "main text of the page, as the council said on Monday.\n\n"
                    "A second paragraph of story 7.");
}
END_TEST

START_TEST (test_urls_file_and_opml)
{
  g_autofree char *base = test_server_url (server, "");
  g_autofree char *list = g_build_filename (tmp, "feeds.opml", NULL);
  g_autofree char *opml = g_strdup_printf (
      "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"News\">"
      "<outline type=\"rss\" xmlUrl=\"%s/gzip.xml\"/></outline></body></opml>", base);
  g_autofree char *kv = g_strconcat ("urls=", list, NULL);
  g_autofree char *got = NULL;

  g_file_set_contents (list, opml, -1, NULL);
  got = FEED (kv);
  g_unlink (list);
  ck_assert_str_eq (got, two_items);
}
END_TEST

START_TEST (test_a_bad_line_in_the_urls_file_names_it)
{
  g_autofree char *list = g_build_filename (tmp, "feeds.txt", NULL);
  g_autofree char *kv = g_strconcat ("urls=", list, NULL);
  const char *params[] = { kv, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GPtrArray) docs = NULL;
  g_autofree char *want = g_strconcat (list, ":3: 'feeds.example.org/rss' is not an http:// or https:// URL", NULL);

  g_file_set_contents (list, "# feeds\n\nfeeds.example.org/rss\n", -1, NULL);
  h = galley_harness_new (&galley_read_feed_stage, params, &error);
  docs = galley_harness_read_all (h, NULL, &error);
  g_unlink (list);
  ck_assert_ptr_null (docs);
  ck_assert_str_eq (error->message, want);
}
END_TEST

START_TEST (test_no_path_url_or_urls_is_an_error)
{
  const char *params[] = { NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_read_feed_stage, params, &error);

  ck_assert_ptr_null (h);
  ck_assert_str_eq (error->message, "one of the parameters 'path', 'url' or 'urls' is required");
}
END_TEST

/* The ready pipeline, run by the galley command against this server:
 * feeds fetched, full articles, entities and sentiment into SQLite; the
 * second run finds the feed unchanged (a 304) and adds nothing. */
START_TEST (test_feeds_over_http_pipeline_runs_against_the_local_server)
{
  g_autofree char *list = g_build_filename (tmp, "feeds.txt", NULL);
  g_autofree char *db = g_build_filename (tmp, "news.db", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache.db", NULL);
  g_autofree char *feed = test_server_url (server, "/articles.xml");
  g_autofree char *line = g_strconcat (feed, "\n", NULL);
  g_autofree char *cmd = g_strdup_printf ("env GALLEY_PLUGIN_PATH= GALLEY_PLUGIN_SYSTEM_PATH=/nonexistent "
                                          "GALLEY_INPUT=%s GALLEY_OUTPUT=%s GALLEY_CACHE=%s "
                                          TOP_BUILDDIR "/core/galley run "
                                          TOP_SRCDIR "/pipelines/feeds-over-http.pipeline",
                                          list, db, cache);
  g_autofree char *count_cmd = g_strdup_printf ("sqlite3 %s 'SELECT count(*) FROM documents'", db);
  g_autofree char *err = NULL, *err2 = NULL, *count = NULL;
  int status = -1;

  g_file_set_contents (list, line, -1, NULL);
  ck_assert (g_spawn_command_line_sync (cmd, NULL, &err, &status, NULL));
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "%s", err);
  ck_assert_msg (strstr (err, "galley: 2 read, 2 done, 0 rejected in ") != NULL, "%s", err);
  ck_assert_uint_eq (test_server_hits (server, "/page/1.html"), 1);
  ck_assert (g_spawn_command_line_sync (cmd, NULL, &err2, &status, NULL));
  ck_assert_msg (strstr (err2, "galley: 0 read, 0 done, 0 rejected in ") != NULL, "%s", err2);
  ck_assert_uint_eq (test_server_hits (server, "/page/1.html"), 1);
  ck_assert (g_spawn_command_line_sync (count_cmd, &count, NULL, &status, NULL));
  ck_assert_str_eq (count, "2\n");
  g_unlink (list);
  g_unlink (db);
}
END_TEST

static Suite *
fetch_suite (void)
{
  Suite *s = suite_create ("fetch");
  TCase *tc = tcase_create ("http");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_etag_unchanged_feed_is_a_304_and_gives_nothing);
  tcase_add_test (tc, test_last_modified_unchanged_feed_is_a_304_and_gives_nothing);
  tcase_add_test (tc, test_without_cache_every_run_reads_the_feed);
  tcase_add_test (tc, test_items_seen_are_not_read_again_when_the_feed_is_fetched_again);
  tcase_add_test (tc, test_slow_response_past_the_timeout_is_rejected);
  tcase_add_test (tc, test_500_then_success_is_retried);
  tcase_add_test (tc, test_500_without_retries_is_rejected);
  tcase_add_test (tc, test_redirect_loop_is_rejected);
  tcase_add_test (tc, test_oversized_body_is_rejected);
  tcase_add_test (tc, test_gzip_body_is_decoded);
  tcase_add_test (tc, test_404_is_rejected_and_the_other_feeds_go_on);
  tcase_add_test (tc, test_unresolvable_host_is_rejected);
  tcase_add_test (tc, test_fetch_articles_takes_the_text_from_the_pages);
  tcase_add_test (tc, test_fetch_articles_keeps_the_feed_title_date_and_guid);
  tcase_add_test (tc, test_read_html_fetches_pages);
  tcase_add_test (tc, test_urls_file_and_opml);
  tcase_add_test (tc, test_a_bad_line_in_the_urls_file_names_it);
  tcase_add_test (tc, test_no_path_url_or_urls_is_an_error);
  tcase_add_test (tc, test_feeds_over_http_pipeline_runs_against_the_local_server);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (fetch_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
