/* http-server.h: a small HTTP/1.1 server on 127.0.0.1 for the fetch tests. */
#pragma once

#include <glib.h>

typedef struct _TestServer TestServer;

/* test_feed: the RSS feed most routes serve (two items, e1 and e2). */
extern const char test_feed[];

/* test_server_start: serves the routes of http-server.c on a free port of
 * 127.0.0.1, from a thread of its own. Returns: (transfer full). */
TestServer *test_server_start (void);

/* test_server_stop: stops serving and frees @server. */
void test_server_stop (TestServer *server);

/* test_server_url: "http://127.0.0.1:PORT@path". (transfer full) */
char *test_server_url (TestServer *server, const char *path);

/* test_server_hits: how many requests @path got so far. */
guint test_server_hits (TestServer *server, const char *path);

/* test_server_max_at_once: the most /hold/ requests served at the same
 * time so far (each is held 300 ms, so requests sent together overlap). */
guint test_server_max_at_once (TestServer *server);
