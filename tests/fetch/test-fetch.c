/* test-fetch.c: read-feed and read-html over HTTP, against a server of
 * the test's own on 127.0.0.1 (http-server.c). */
#include "config.h"

#include <string.h>

#include <check.h>
#include <gio/gio.h>
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

/* cache_query: @sql's output from the sqlite3 tool on the test's cache,
 * one row a line, NULL written as "-". (transfer full) */
static char *
cache_query (const char *sql)
{
  g_autofree char *db = g_build_filename (tmp, "cache.db", NULL);
  const char *argv[] = { "sqlite3", "-nullvalue", "-", db, sql, NULL };
  char *out = NULL;
  int status = -1;

  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                           &out, NULL, &status, NULL));
  ck_assert (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* read_error: the error that ends a read-feed read with @kv (or fails
 * to create it), its message. (transfer full) */
static char *
read_error (const char *const *params)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_read_feed_stage, params, &error);
  g_autoptr (GPtrArray) docs = NULL;

  if (h != NULL)
    docs = galley_harness_read_all (h, NULL, &error);
  ck_assert_ptr_null (docs);
  ck_assert_ptr_nonnull (error);
  return g_strdup (error->message);
}

/* write_urls: @text into the test's urls file; returns "urls=FILE". */
static char *
write_urls (const char *text)
{
  g_autofree char *list = g_build_filename (tmp, "urls.txt", NULL);

  ck_assert (g_file_set_contents (list, text, -1, NULL));
  return g_strconcat ("urls=", list, NULL);
}

/* urls_file_error: read_error() with @text as the urls file, the file's
 * name written FILE in the message. (transfer full) */
static char *
urls_file_error (const char *text)
{
  g_autofree char *kv = write_urls (text);
  g_autofree char *list = g_build_filename (tmp, "urls.txt", NULL);
  g_autofree char *got = read_error ((const char *const[]) { kv, NULL });
  g_auto (GStrv) parts = g_strsplit (got, list, -1);

  g_unlink (list);
  return g_strjoinv ("FILE", parts);
}

static gint64
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000;
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
  /* the second answer was the 304, not a 200 whose items were all seen */
  ck_assert_uint_eq (test_server_hits (server, "/etag.xml 304"), 1);
}
END_TEST

START_TEST (test_last_modified_unchanged_feed_is_a_304_and_gives_nothing)
{
  g_autofree char *first = FEED ("url=/lm.xml", "cache");
  g_autofree char *second = FEED ("url=/lm.xml", "cache");

  ck_assert_str_eq (first, two_items);
  ck_assert_str_eq (second, "");
  ck_assert_uint_eq (test_server_hits (server, "/lm.xml 304"), 1);
}
END_TEST

START_TEST (test_the_cache_keeps_the_validators_of_the_response)
{
  g_autofree char *got = FEED ("url=/etag.xml", "cache");
  g_autofree char *rows = cache_query ("SELECT etag, last_modified FROM validators");

  ck_assert_str_eq (got, two_items);
  ck_assert_str_eq (rows, "\"v1\"|-\n");
}
END_TEST

/* a redirect's own ETag is not the final response's: kept, it would be
 * sent back as If-None-Match for a page that never had it */
START_TEST (test_the_validators_are_those_of_the_response_after_a_redirect)
{
  g_autofree char *got = FEED ("url=/moved.xml", "cache");
  g_autofree char *rows = cache_query ("SELECT etag, last_modified FROM validators");

  ck_assert_str_eq (got, two_items);
  ck_assert_str_eq (rows, "-|Wed, 11 Mar 2026 07:30:00 GMT\n");
}
END_TEST

START_TEST (test_a_feed_whose_etag_changed_replaces_its_validators)
{
  g_autofree char *first = FEED ("url=/changing.xml", "cache");
  g_autofree char *second = FEED ("url=/changing.xml", "cache");
  g_autofree char *rows = cache_query ("SELECT etag FROM validators");

  ck_assert_str_eq (first, two_items);
  ck_assert_str_eq (second, "");   /* a 200, but every item seen */
  ck_assert_str_eq (rows, "\"v2\"\n");
}
END_TEST

START_TEST (test_unchanged_feeds_one_after_another_give_nothing)
{
  g_autofree char *base = test_server_url (server, "");
  g_autofree char *urls = g_strdup_printf ("url=%s/etag.xml;%s/lm.xml", base, base);
  g_autofree char *first = FEED (urls, "cache");
  g_autofree char *second = FEED (urls, "cache");

  /* the two feeds list the same items */
  ck_assert_str_eq (first, "e1: First.\ne2: Second.\n"
                    "! SERVER/lm.xml item 1: duplicate id 'e1' (first seen at SERVER/etag.xml item 1), skipped\n"
                    "! SERVER/lm.xml item 2: duplicate id 'e2' (first seen at SERVER/etag.xml item 2), skipped");
  ck_assert_str_eq (second, "");
  ck_assert_uint_eq (test_server_hits (server, "/etag.xml 304"), 1);
  ck_assert_uint_eq (test_server_hits (server, "/lm.xml 304"), 1);
}
END_TEST

START_TEST (test_a_cache_that_cannot_be_opened_is_an_error_naming_it)
{
  g_autofree char *url = test_server_url (server, "/etag.xml");
  g_autofree char *kv = g_strconcat ("url=", url, NULL);
  g_autofree char *got = read_error ((const char *const[]) { kv, "cache=/nonexistent/dir/cache.db", NULL });

  ck_assert_str_eq (got, "cache /nonexistent/dir/cache.db: unable to open database file");
  ck_assert_uint_eq (test_server_hits (server, "/etag.xml"), 0);
}
END_TEST

/* cache_error: read_error() with the test's cache made first by @sql (the
 * sqlite3 tool), or holding @bytes when @sql is NULL; "CACHE" stands
 * for its path in the message. Nothing is fetched. (transfer full) */
static char *
cache_error (const char *sql, const char *bytes)
{
  g_autofree char *db = g_build_filename (tmp, "cache.db", NULL);
  g_autofree char *url = test_server_url (server, "/etag.xml");
  g_autofree char *kv = g_strconcat ("url=", url, NULL);
  g_autofree char *cache = g_strconcat ("cache=", db, NULL);
  g_autofree char *got = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (sql)
    {
      g_free (cache_query (sql));
      before = cache_query (".schema");
    }
  else
    ck_assert (g_file_set_contents (db, bytes, -1, NULL));
  got = read_error ((const char *const[]) { kv, cache, NULL });
  ck_assert_uint_eq (test_server_hits (server, "/etag.xml"), 0);
  if (sql)
    {
      after = cache_query (".schema");
      ck_assert_str_eq (after, before);  /* untouched: no table of the cache's added */
    }
  g_unlink (db);
  {
    g_auto (GStrv) parts = g_strsplit (got, db, -1);
    return g_strjoinv ("CACHE", parts);
  }
}

/* cache= naming another database (a typo for the export's or the
 * state's) is refused, untouched, instead of getting the cache's tables;
 * a damaged one says what to do. */
START_TEST (test_a_cache_that_is_another_database_is_refused_untouched)
{
  g_autofree char *mine = cache_error ("CREATE TABLE mine (x); CREATE TABLE seen (y)", NULL);
  g_autofree char *state = NULL;
  g_autofree char *export = NULL;
  g_autofree char *garbage = NULL;

  ck_assert_str_eq (mine, "cache CACHE: not a cache (a database with tables the cache did not "
                          "make: mine); give cache= a file of its own");
  state = cache_error ("PRAGMA application_id = 1195461715", NULL);
  ck_assert_str_eq (state, "cache CACHE: not a cache (it is a run's state file); give cache= a "
                           "file of its own");
  export = cache_error ("PRAGMA application_id = 1195461721", NULL);
  ck_assert_str_eq (export, "cache CACHE: not a cache (it is export-sqlite's database); give "
                            "cache= a file of its own");
  garbage = cache_error (NULL, "not a database at all, and long enough to be read as one......"
                               "................................................................");
  ck_assert_str_eq (garbage, "cache CACHE: file is not a database: the file is damaged, or not a "
                             "cache; delete it (the next run then fetches each feed or page whole "
                             "once)");
}
END_TEST

/* a cache made before caches were marked is used, and marked */
START_TEST (test_an_unmarked_cache_is_used_and_marked)
{
  g_autofree char *made = cache_query ("CREATE TABLE validators (url TEXT PRIMARY KEY, etag TEXT, "
                                       "last_modified TEXT)");
  g_autofree char *first = FEED ("url=/etag.xml", "cache");
  g_autofree char *mark = cache_query ("PRAGMA application_id");

  ck_assert_str_eq (mark, "1195787080\n");
  ck_assert_str_ne (first, "");
}
END_TEST

START_TEST (test_a_feed_listing_an_item_twice_is_cached_again)
{
  /* the second run keeps both listings of e1 in the feed's set */
  g_autofree char *first = FEED ("url=/twice.xml", "cache");
  g_autofree char *second = FEED ("url=/twice.xml", "cache");
  g_autofree char *rows = cache_query ("SELECT item FROM seen");

  ck_assert_str_eq (first, "e1: First.\n! SERVER/twice.xml item 2: duplicate id 'e1' "
                    "(first seen at SERVER/twice.xml item 1), skipped");
  ck_assert_str_eq (second, "");
  ck_assert_str_eq (rows, "e1\n");
}
END_TEST

/* read_etag_feed: a read-feed harness on /etag.xml with the test's
 * cache, read to the end (transfer full) */
static GalleyHarness *
read_etag_feed (void)
{
  g_autofree char *url = test_server_url (server, "/etag.xml");
  g_autofree char *kv = g_strconcat ("url=", url, NULL);
  g_autofree char *cache = g_strconcat ("cache=", tmp, "/cache.db", NULL);
  const char *params[] = { kv, cache, NULL };
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = galley_harness_new (&galley_read_feed_stage, params, &error);
  g_autoptr (GPtrArray) docs = NULL;

  ck_assert_msg (h != NULL, "create: %s", error ? error->message : "?");
  docs = galley_harness_read_all (h, NULL, &error);
  ck_assert_uint_eq (docs->len, 2);
  return h;
}

START_TEST (test_a_commit_writes_only_what_came_since_the_last_one)
{
  g_autoptr (GalleyHarness) h = read_etag_feed ();
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = NULL;

  ck_assert (galley_harness_commit (h, &error));
  g_free (cache_query ("DELETE FROM validators"));
  ck_assert (galley_harness_commit (h, &error));
  rows = cache_query ("SELECT count(*) FROM validators");
  ck_assert_str_eq (rows, "0\n");
}
END_TEST

/* a trigger refuses the validators: the commit fails naming the cache,
 * and the one after it fails the same way (the transaction was rolled
 * back, not left open) */
START_TEST (test_a_failed_commit_names_the_cache_and_rolls_back)
{
  g_autofree char *db = g_build_filename (tmp, "cache.db", NULL);
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GError) first = NULL;
  g_autoptr (GError) second = NULL;
  g_autofree char *want = g_strconcat ("cache ", db, ": refused by the test", NULL);
  g_autofree char *rows = NULL;

  g_free (cache_query ("CREATE TABLE validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);"
                       "CREATE TRIGGER refuse BEFORE INSERT ON validators"
                       " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END;"));
  h = read_etag_feed ();
  ck_assert (!galley_harness_commit (h, &first));
  ck_assert_str_eq (first->message, want);
  ck_assert (!galley_harness_commit (h, &second));
  ck_assert_str_eq (second->message, want);
  rows = cache_query ("SELECT count(*) FROM seen");
  ck_assert_str_eq (rows, "0\n");
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

/* One read of one URL, its outcome written out, and how many requests
 * the server got for it: status codes, retries, limits, URLs. */
static const struct {
  const char *what;
  const char *params[4];
  const char *want;
  const char *path;            /* counted on the server, or NULL */
  guint hits;
} one_url[] = {
  { "a 5xx on every attempt is rejected, naming the attempts",
    { "url=/down.xml", "retries=2", "retry-delay=10" },
    "! SERVER/down.xml: HTTP 503 Service Unavailable (3 attempts)", "/down.xml", 3 },
  { "a 429 is retried", { "url=/busy.xml", "retry-delay=10" }, "e1: First.\ne2: Second.", "/busy.xml", 2 },
  { "a 404 is not retried", { "url=/missing.xml", "retries=2", "retry-delay=10" },
    "! SERVER/missing.xml: HTTP 404 Not Found", "/missing.xml", 1 },
  { "a redirect with max-redirects=0 is rejected, not followed", { "url=/loop", "max-redirects=0" },
    "! SERVER/loop: HTTP 302 redirect, and max-redirects=0", "/loop", 1 },
  /* Content-Length is the compressed size: the limit holds as it inflates */
  { "a gzip body inflating past max-bytes is rejected", { "url=/bomb.xml", "max-bytes=1000" },
    "! SERVER/bomb.xml: larger than max-bytes=1000", "/bomb.xml", 1 },
  { "an https:// URL is fetched", { "url=https://no-such-host.invalid/feed.xml" },
    "! https://no-such-host.invalid/feed.xml: cannot resolve host 'no-such-host.invalid'", NULL, 0 },
  { "a URL without a host is rejected", { "url=http://" }, "! http://: not a valid URL", NULL, 0 },
};

START_TEST (test_one_url)
{
  g_autofree char *got = outcome (&galley_read_feed_stage, one_url[_i].params);

  ck_assert_msg (strcmp (got, one_url[_i].want) == 0, "%s: got \"%s\"", one_url[_i].what, got);
  if (one_url[_i].path)
    ck_assert_msg (test_server_hits (server, one_url[_i].path) == one_url[_i].hits,
                   "%s: %u requests, not %u", one_url[_i].what,
                   test_server_hits (server, one_url[_i].path), one_url[_i].hits);
}
END_TEST

/* the lower bound only (half of retry-delay: the jitter's least), which
 * a busy machine cannot break */
START_TEST (test_a_retry_waits_at_least_half_the_retry_delay)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *got = FEED ("url=/flaky.xml", "retry-delay=1200");

  ck_assert_str_eq (got, two_items);
  ck_assert_int_ge (ms_since (start), 600);
}
END_TEST

/* loopback_socket: a TCP socket bound to a free port of 127.0.0.1;
 * @url set to "http://127.0.0.1:PORT/feed.xml". (transfer full) */
static GSocket *
loopback_socket (char **url)
{
  GSocket *sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  ck_assert (g_socket_bind (sock, any, FALSE, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  *url = g_strdup_printf ("http://127.0.0.1:%u/feed.xml",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return sock;
}

/* a port bound and not listening: the connection is refused at once */
START_TEST (test_a_refused_connection_is_retried_and_names_the_attempts)
{
  g_autofree char *url = NULL;
  g_autoptr (GSocket) sock = loopback_socket (&url);
  g_autofree char *kv = g_strconcat ("url=", url, NULL);
  g_autofree char *got = FEED (kv, "retries=1", "retry-delay=10");
  g_autofree char *want = g_strconcat ("! ", url, ": connection refused or unreachable (2 attempts)", NULL);

  ck_assert_str_eq (got, want);
}
END_TEST

/* a listener whose backlog (0) is full of connections it never accepts:
 * Linux drops the next SYN, so the connection neither opens nor fails */
START_TEST (test_no_connection_within_the_connect_timeout_is_rejected)
{
  g_autofree char *url = NULL;
  g_autoptr (GSocket) sock = loopback_socket (&url);
  g_autoptr (GSocketAddress) addr = g_socket_get_local_address (sock, NULL);
  g_autoptr (GPtrArray) fill = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *kv = g_strconcat ("url=", url, NULL);
  g_autofree char *got = NULL;
  g_autofree char *want = g_strconcat ("! ", url, ": no connection within connect-timeout=300 ms", NULL);

  g_socket_set_listen_backlog (sock, 0);
  ck_assert (g_socket_listen (sock, NULL));
  for (guint i = 0; i < 3; i++)
    {
      GSocket *c = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
      g_socket_set_blocking (c, FALSE);
      g_socket_connect (c, addr, NULL, NULL);   /* pending, or queued */
      g_ptr_array_add (fill, c);
    }
  got = FEED (kv, "connect-timeout=300", "retries=0");
  ck_assert_str_eq (got, want);
}
END_TEST

START_TEST (test_a_body_of_exactly_max_bytes_is_read)
{
  g_autofree char *max = g_strdup_printf ("max-bytes=%zu", strlen (test_feed));
  g_autofree char *got = FEED ("url=/etag.xml", max);

  ck_assert_str_eq (got, two_items);
}
END_TEST

START_TEST (test_a_body_one_byte_past_max_bytes_is_rejected)
{
  g_autofree char *max = g_strdup_printf ("max-bytes=%zu", strlen (test_feed) - 1);
  g_autofree char *got = FEED ("url=/etag.xml", max);
  g_autofree char *want = g_strdup_printf ("! SERVER/etag.xml: larger than %s", max);

  ck_assert_str_eq (got, want);
}
END_TEST

START_TEST (test_per_host_bounds_the_requests_to_a_host_at_once)
{
  g_autofree char *base = test_server_url (server, "");
  g_autofree char *urls = g_strdup_printf ("url=%s/hold/1.html;%s/hold/2.html;%s/hold/3.html",
                                           base, base, base);
  g_autofree char *got = PAGE (urls, "per-host=2");
  g_auto (GStrv) lines = g_strsplit (got, "\n", -1);

  ck_assert_uint_eq (g_strv_length (lines), 3 * 5);
  ck_assert_uint_eq (test_server_max_at_once (server), 2);
}
END_TEST

/* a lower bound again: the third start waits two host-delays */
START_TEST (test_host_delay_spaces_the_requests_to_a_host)
{
  g_autofree char *base = test_server_url (server, "");
  g_autofree char *urls = g_strdup_printf ("url=%s/page/1.html;%s/page/2.html;%s/page/3.html",
                                           base, base, base);
  gint64 start = g_get_monotonic_time ();
  g_autofree char *got = PAGE (urls, "host-delay=400");

  ck_assert_int_ge (ms_since (start), 800);
  ck_assert_uint_eq (test_server_hits (server, "/page/3.html"), 1);
}
END_TEST

/* past the first batch of 32: every URL once, in order */
START_TEST (test_more_urls_than_a_batch_are_all_read_in_order)
{
  g_autofree char *base = test_server_url (server, "");
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *kv = NULL;
  g_autofree char *got = NULL;
  g_auto (GStrv) lines = NULL;
  guint docs = 0;

  for (guint i = 1; i <= 33; i++)
    g_string_append_printf (text, "%s/page/%u.html\n", base, i);
  kv = write_urls (text->str);
  got = PAGE (kv);
  lines = g_strsplit (got, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "SERVER/page/"))
      {
        g_autofree char *want = g_strdup_printf ("SERVER/page/%u.html: Story %u", docs + 1, docs + 1);
        ck_assert_str_eq (lines[i], want);
        docs++;
      }
  ck_assert_uint_eq (docs, 33);
  ck_assert_uint_eq (test_server_hits (server, "/page/33.html"), 1);
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

START_TEST (test_a_bad_url_parameter_names_it)
{
  g_autofree char *got = read_error ((const char *const[]) { "url=feeds.example.org/rss", NULL });

  ck_assert_str_eq (got, "parameter 'url': 'feeds.example.org/rss' is not an http:// or https:// URL");
}
END_TEST

START_TEST (test_an_xml_urls_file_that_is_not_opml_is_an_error)
{
  g_autofree char *got = urls_file_error ("<html><body><outline xmlUrl=\"http://a.example/\"/></body></html>");

  ck_assert_str_eq (got, "FILE: not an OPML file (no <opml> root element)");
}
END_TEST

START_TEST (test_a_bad_xml_url_in_the_opml_file_names_it)
{
  g_autofree char *got = urls_file_error ("<opml><body><outline xmlUrl=\"feeds.example.org/rss\"/></body></opml>");

  ck_assert_str_eq (got, "FILE: 'feeds.example.org/rss' is not an http:// or https:// URL");
}
END_TEST

/* an outline with an empty xmlUrl (a folder, for some exporters) and
 * blank lines before <opml>: the feed is read */
START_TEST (test_opml_empty_xml_urls_and_leading_blanks_are_passed_over)
{
  g_autofree char *base = test_server_url (server, "");
  g_autofree char *opml = g_strdup_printf (
      "\n  \n<opml version=\"2.0\"><body><outline text=\"News\" xmlUrl=\"\">"
      "<outline type=\"rss\" xmlUrl=\"%s/gzip.xml\"/></outline></body></opml>", base);
  g_autofree char *kv = write_urls (opml);
  g_autofree char *got = FEED (kv);

  ck_assert_str_eq (got, two_items);
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
  tcase_add_test (tc, test_the_cache_keeps_the_validators_of_the_response);
  tcase_add_test (tc, test_the_validators_are_those_of_the_response_after_a_redirect);
  tcase_add_test (tc, test_a_feed_whose_etag_changed_replaces_its_validators);
  tcase_add_test (tc, test_unchanged_feeds_one_after_another_give_nothing);
  tcase_add_test (tc, test_a_cache_that_cannot_be_opened_is_an_error_naming_it);
  tcase_add_test (tc, test_a_cache_that_is_another_database_is_refused_untouched);
  tcase_add_test (tc, test_an_unmarked_cache_is_used_and_marked);
  tcase_add_test (tc, test_a_feed_listing_an_item_twice_is_cached_again);
  tcase_add_test (tc, test_a_commit_writes_only_what_came_since_the_last_one);
  tcase_add_test (tc, test_a_failed_commit_names_the_cache_and_rolls_back);
  tcase_add_loop_test (tc, test_one_url, 0, G_N_ELEMENTS (one_url));
  tcase_add_test (tc, test_a_retry_waits_at_least_half_the_retry_delay);
  tcase_add_test (tc, test_a_refused_connection_is_retried_and_names_the_attempts);
  tcase_add_test (tc, test_no_connection_within_the_connect_timeout_is_rejected);
  tcase_add_test (tc, test_a_body_of_exactly_max_bytes_is_read);
  tcase_add_test (tc, test_a_body_one_byte_past_max_bytes_is_rejected);
  tcase_add_test (tc, test_per_host_bounds_the_requests_to_a_host_at_once);
  tcase_add_test (tc, test_host_delay_spaces_the_requests_to_a_host);
  tcase_add_test (tc, test_more_urls_than_a_batch_are_all_read_in_order);
  tcase_add_test (tc, test_a_bad_url_parameter_names_it);
  tcase_add_test (tc, test_an_xml_urls_file_that_is_not_opml_is_an_error);
  tcase_add_test (tc, test_a_bad_xml_url_in_the_opml_file_names_it);
  tcase_add_test (tc, test_opml_empty_xml_urls_and_leading_blanks_are_passed_over);
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
