/* http-server.c: the routes the fetch tests need, served by a
 * GThreadedSocketService (one thread per connection, blocking I/O):
 *   /etag.xml      a feed with ETag "v1" (304 when If-None-Match matches)
 *   /lm.xml        a feed with Last-Modified (304 when If-Modified-Since matches)
 *   /slow.xml      answers after 3 s
 *   /flaky.xml     500 to its first request, then a feed
 *   /busy.xml      429 to its first request, then a feed
 *   /down.xml      503 to every request
 *   /loop          302 to itself
 *   /moved.xml     302 with an ETag of its own, to /lm.xml
 *   /changing.xml  a feed whose ETag is "vN" at its Nth request (never 304)
 *   /twice.xml     a feed listing item e1 twice, no validators
 *   /big.xml       100,000 bytes
 *   /gzip.xml      a feed sent gzip-compressed
 *   /bomb.xml      100,000 bytes that gzip makes a few hundred
 *   /articles.xml  a feed whose items link to /page/1.html and /page/2.html
 *   /page/N.html   an article page
 *   /hold/N.html   an article page, after 300 ms (to count the requests
 *                  served at once: test_server_max_at_once)
 *   anything else  404
 * A 304 also counts as a hit of "PATH 304". */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "http-server.h"

struct _TestServer {
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GSocketService *service;
  guint16 port;
  GMutex lock;
  GHashTable *hits;   /* path -> count */
  guint at_once;      /* /hold/ requests being served, under lock */
  guint max_at_once;
  GMutex ready_lock;
  GCond ready;
  gboolean started;
};

#define LAST_MODIFIED "Wed, 11 Mar 2026 07:30:00 GMT"

const char test_feed[] =
  "<rss version=\"2.0\"><channel><title>Etag</title>"
  "<item><guid>e1</guid><title>One</title><description>First.</description></item>"
  "<item><guid>e2</guid><title>Two</title><description>Second.</description></item>"
  "</channel></rss>";

static const char twice_feed[] =
  "<rss version=\"2.0\"><channel><title>Twice</title>"
  "<item><guid>e1</guid><title>One</title><description>First.</description></item>"
  "<item><guid>e1</guid><title>One again</title><description>First again.</description></item>"
  "</channel></rss>";

static char *
articles_feed (guint16 port)
{
  return g_strdup_printf (
    "<rss version=\"2.0\"><channel><title>Wire</title>"
    "<item><guid>w1</guid><title>Harbour reopens</title>"
    "<link>http://127.0.0.1:%u/page/1.html</link>"
    "<pubDate>Wed, 11 Mar 2026 07:30:00 GMT</pubDate><description>Short one.</description></item>"
    "<item><guid>w2</guid><title>School year extended</title>"
    "<link>http://127.0.0.1:%u/page/2.html</link><description>Short two.</description></item>"
    "</channel></rss>", port, port);
}

static char *
article_page (const char *n)
{
  return g_strdup_printf (
    "<html><head><title>Page %s</title></head><body><nav><a href=\"/\">Home</a></nav>"
    "<article><h1>Story %s</h1><p>The full text of story %s, long enough to be the "
    "main text of the page, as the council said on Monday.</p>"
    "<p>A second paragraph of story %s.</p></article>"
    "<footer>Cookies and subscriptions</footer></body></html>", n, n, n, n);
}

static GBytes *
gzip (const char *s)
{
  g_autoptr (GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (g_strdup (s), -1, g_free);
  g_autoptr (GInputStream) conv = g_converter_input_stream_new (in, G_CONVERTER (z));
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_output_stream_splice (out, conv, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
respond (GOutputStream *out, int status, const char *reason, const char *headers,
         const void *body, gsize len)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %d %s\r\nContent-Length: %" G_GSIZE_FORMAT
                                           "\r\nConnection: close\r\n%s\r\n",
                                           status, reason, len, headers ? headers : "");

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  if (len > 0)
    g_output_stream_write_all (out, body, len, NULL, NULL, NULL);
}

static char *
header (const char *request, const char *name)
{
  g_auto (GStrv) lines = g_strsplit (request, "\r\n", -1);
  gsize n = strlen (name);

  for (guint i = 1; lines[i]; i++)
    if (g_ascii_strncasecmp (lines[i], name, n) == 0 && lines[i][n] == ':')
      return g_strstrip (g_strdup (lines[i] + n + 1));
  return NULL;
}

static guint
hit (TestServer *s, const char *path)
{
  guint n;

  g_mutex_lock (&s->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (s->hits, path)) + 1;
  g_hash_table_insert (s->hits, g_strdup (path), GUINT_TO_POINTER (n));
  g_mutex_unlock (&s->lock);
  return n;
}

static void
route (TestServer *s, const char *request, const char *path, GOutputStream *out)
{
  guint n = hit (s, path);
  g_autofree char *inm = header (request, "If-None-Match");
  g_autofree char *ims = header (request, "If-Modified-Since");

  if (strcmp (path, "/etag.xml") == 0)
    {
      if (inm && strcmp (inm, "\"v1\"") == 0)
        {
          hit (s, "/etag.xml 304");
          respond (out, 304, "Not Modified", "ETag: \"v1\"\r\n", NULL, 0);
        }
      else
        respond (out, 200, "OK", "ETag: \"v1\"\r\n", test_feed, strlen (test_feed));
    }
  else if (strcmp (path, "/lm.xml") == 0)
    {
      if (ims && strcmp (ims, LAST_MODIFIED) == 0)
        {
          hit (s, "/lm.xml 304");
          respond (out, 304, "Not Modified", NULL, NULL, 0);
        }
      else
        respond (out, 200, "OK", "Last-Modified: " LAST_MODIFIED "\r\n", test_feed, strlen (test_feed));
    }
  else if (strcmp (path, "/slow.xml") == 0)
    {
      g_usleep (3 * G_USEC_PER_SEC);
      respond (out, 200, "OK", NULL, test_feed, strlen (test_feed));
    }
  else if (strcmp (path, "/flaky.xml") == 0)
    {
      if (n == 1)
        respond (out, 500, "Internal Server Error", NULL, "oops", 4);
      else
        respond (out, 200, "OK", NULL, test_feed, strlen (test_feed));
    }
  else if (strcmp (path, "/busy.xml") == 0)
    {
      if (n == 1)
        respond (out, 429, "Too Many Requests", NULL, "later", 5);
      else
        respond (out, 200, "OK", NULL, test_feed, strlen (test_feed));
    }
  else if (strcmp (path, "/down.xml") == 0)
    respond (out, 503, "Service Unavailable", NULL, "down", 4);
  else if (strcmp (path, "/loop") == 0)
    respond (out, 302, "Found", "Location: /loop\r\n", NULL, 0);
  else if (strcmp (path, "/moved.xml") == 0)
    respond (out, 302, "Found", "ETag: \"moved\"\r\nLocation: /lm.xml\r\n", NULL, 0);
  else if (strcmp (path, "/changing.xml") == 0)
    {
      g_autofree char *etag = g_strdup_printf ("ETag: \"v%u\"\r\n", n);
      respond (out, 200, "OK", etag, test_feed, strlen (test_feed));
    }
  else if (strcmp (path, "/twice.xml") == 0)
    respond (out, 200, "OK", NULL, twice_feed, strlen (twice_feed));
  else if (strcmp (path, "/big.xml") == 0)
    {
      g_autofree char *big = g_strnfill (100000, 'x');
      respond (out, 200, "OK", NULL, big, 100000);
    }
  else if (strcmp (path, "/gzip.xml") == 0)
    {
      g_autoptr (GBytes) z = gzip (test_feed);
      respond (out, 200, "OK", "Content-Encoding: gzip\r\n", g_bytes_get_data (z, NULL),
               g_bytes_get_size (z));
    }
  else if (strcmp (path, "/bomb.xml") == 0)
    {
      g_autofree char *big = g_strnfill (100000, 'x');
      g_autoptr (GBytes) z = gzip (big);
      respond (out, 200, "OK", "Content-Encoding: gzip\r\n", g_bytes_get_data (z, NULL),
               g_bytes_get_size (z));
    }
  else if (strcmp (path, "/articles.xml") == 0)
    {
      g_autofree char *feed = articles_feed (s->port);
      respond (out, 200, "OK", NULL, feed, strlen (feed));
    }
  else if ((g_str_has_prefix (path, "/page/") || g_str_has_prefix (path, "/hold/"))
           && g_str_has_suffix (path, ".html"))
    {
      g_autofree char *num = g_strndup (path + 6, strlen (path) - 11);
      g_autofree char *page = article_page (num);
      gboolean hold = g_str_has_prefix (path, "/hold/");

      if (hold)
        {
          g_mutex_lock (&s->lock);
          s->at_once++;
          s->max_at_once = MAX (s->max_at_once, s->at_once);
          g_mutex_unlock (&s->lock);
          g_usleep (300 * 1000);
        }
      respond (out, 200, "OK", "Content-Type: text/html; charset=utf-8\r\n", page, strlen (page));
      if (hold)
        {
          g_mutex_lock (&s->lock);
          s->at_once--;
          g_mutex_unlock (&s->lock);
        }
    }
  else
    respond (out, 404, "Not Found", NULL, "no", 2);
}

static gboolean
on_run (GThreadedSocketService *service, GSocketConnection *conn, GObject *source, gpointer data)
{
  TestServer *s = data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  GString *request = g_string_new (NULL);
  char buf[4096];
  gssize got;

  while (strstr (request->str, "\r\n\r\n") == NULL
         && (got = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (request, buf, got);
  {
    g_auto (GStrv) first = g_strsplit (request->str, " ", 3);
    if (first[0] && first[1])
      route (s, request->str, first[1], out);
  }
  g_string_free (request, TRUE);
  return TRUE;
}

/* Runs once the server's loop runs: a test_server_stop() that came
 * before g_main_loop_run() would be lost (the loop's quit is undone when
 * it starts), and the thread's join would wait forever; the quickest
 * tests met that now and then, their teardown timing out. */
static gboolean
announce_started (gpointer data)
{
  TestServer *s = data;

  g_mutex_lock (&s->ready_lock);
  s->started = TRUE;
  g_cond_signal (&s->ready);
  g_mutex_unlock (&s->ready_lock);
  return G_SOURCE_REMOVE;
}

static gpointer
serve (gpointer data)
{
  TestServer *s = data;
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  GSource *idle;

  g_main_context_push_thread_default (s->context);
  s->service = g_threaded_socket_service_new (16);
  g_socket_listener_add_address (G_SOCKET_LISTENER (s->service), addr, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, NULL);
  s->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (s->service, "run", G_CALLBACK (on_run), s);
  g_socket_service_start (s->service);
  idle = g_idle_source_new ();
  g_source_set_callback (idle, announce_started, s, NULL);
  g_source_attach (idle, s->context);
  g_source_unref (idle);
  g_main_loop_run (s->loop);
  g_socket_service_stop (s->service);
  g_socket_listener_close (G_SOCKET_LISTENER (s->service));
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

TestServer *
test_server_start (void)
{
  TestServer *s = g_new0 (TestServer, 1);

  g_mutex_init (&s->lock);
  g_mutex_init (&s->ready_lock);
  g_cond_init (&s->ready);
  s->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  s->thread = g_thread_new ("http-server", serve, s);
  g_mutex_lock (&s->ready_lock);
  while (!s->started)
    g_cond_wait (&s->ready, &s->ready_lock);
  g_mutex_unlock (&s->ready_lock);
  return s;
}

void
test_server_stop (TestServer *s)
{
  g_main_loop_quit (s->loop);
  g_thread_join (s->thread);
  g_object_unref (s->service);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_hash_table_unref (s->hits);
  g_free (s);
}

char *
test_server_url (TestServer *s, const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", s->port, path);
}

guint
test_server_hits (TestServer *s, const char *path)
{
  guint n;

  g_mutex_lock (&s->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (s->hits, path));
  g_mutex_unlock (&s->lock);
  return n;
}

guint
test_server_max_at_once (TestServer *s)
{
  guint n;

  g_mutex_lock (&s->lock);
  n = s->max_at_once;
  g_mutex_unlock (&s->lock);
  return n;
}
