/* test-server.h: loopback SoupServers for the fetch tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * test_server_new() starts a SoupServer on 127.0.0.1 (a random port:
 * two servers are two origins) on the thread-default main context.
 * Paths it serves:
 *
 *   /echo                 200; the body is "METHOD /path?query\n", then
 *                         one "name: value\n" line per request header (in
 *                         libsoup's order), then "\n" and the request body
 *   /status/N             status N, body "status N" (SoupServer closes the
 *                         connection after a 204)
 *   /redirect/N?to=URL    status N with `Location: URL` (URL as given:
 *                         percent-decoded from the query), body "redirect"
 *   /chain/N              redirects (302) to /chain/N-1; /chain/0 is 200 "done"
 *   /bytes/N              N bytes ("0123456789" repeated), Content-Length
 *   /stream/N             N bytes made as they are written, never held in
 *                         memory: Content-Length, or chunked with ?chunked
 *   /stall-headers        never answers
 *   /stall-body           headers, Content-Length 1000000, 10 bytes, then
 *                         nothing
 *   /short                raw: Content-Length 100 and 50 bytes, then close
 *   /reset                raw: Content-Length 100000, 10 bytes, then close
 *   /truncated-chunked    raw: chunked, one chunk, then close mid-body
 *   /bad-chunk            raw: chunked with an invalid chunk size
 *   /gzip                 gzip-encoded body "hello gzip" (Content-Encoding)
 *   /header?name=value..  200 with the query's pairs as response headers
 */
#pragma once

#include <libsoup/soup.h>

#include "libfetch-glib/fetch.h"

G_BEGIN_DECLS

typedef struct {
  SoupServer *server;
  GUri       *base;          /* http://127.0.0.1:PORT/ */
  char       *origin;        /* "http://127.0.0.1:PORT" */
  GHashTable *sockets;       /* connections seen (GSocket*) */
  guint       requests;      /* requests handled */
  GPtrArray  *stalled;       /* paused messages */
  GString    *last_request;  /* the last request, as /echo shows it */
} TestServer;

TestServer *test_server_new            (void);
void        test_server_free           (TestServer *server);
/* A new absolute URL for path ("/echo"...) on the server. */
char       *test_server_url            (TestServer *server,
                                        const char *path);
/* Number of distinct connections the server accepted. */
guint       test_server_get_connections (TestServer *server);

/* Runs the thread-default main context until *flag is TRUE (or 20 s pass,
 * which fails the test). */
void        test_wait_for              (gboolean   *flag);
/* A GAsyncReadyCallback that stores a reference on its result in
 * user_data, a GAsyncResult ** that must still be NULL. */
void          test_store_result    (GObject       *source,
                                    GAsyncResult  *result,
                                    gpointer       user_data);
/* Runs the default main context until test_store_result() filled *slot;
 * returns it (borrowed). */
GAsyncResult *test_wait_for_result (GAsyncResult **slot);
/* Resident set size of this process, in bytes. */
gsize       test_get_rss               (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

/* Fetches url (init may be NULL) with client on the thread-default
 * context and waits: the response, or NULL with error set. */
FetchResponse *test_fetch         (FetchClient      *client,
                                   const char       *url,
                                   FetchRequestInit *init,
                                   GError          **error);
/* Same for a request, with an optional controller and cancellable. */
FetchResponse *test_fetch_request (FetchClient      *client,
                                   FetchRequest     *request,
                                   FetchController  *controller,
                                   GCancellable     *cancellable,
                                   GError          **error);
/* Reads a whole stream asynchronously on the thread-default context:
 * the bytes, or NULL with error set. */
GBytes        *test_read_all      (GInputStream     *stream,
                                   GCancellable     *cancellable,
                                   GError          **error);
/* The response body as text (reads it all; fails the test on error). */
char          *test_response_text (FetchResponse    *response);

G_END_DECLS
