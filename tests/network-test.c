/* network-test.c: HTTP-network fetch (§4.6) and main fetch (§4.1)
 * against a loopback server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <valgrind/valgrind.h>

#include "libfetch-glib/fetch.h"
#include "fetch-headers-private.h"
#include "fetch-request-private.h"
#include "test-server.h"

static TestServer *server;

static FetchRequestInit *
init_with_method (const char *method)
{
  FetchRequestInit *init = fetch_request_init_new ();

  fetch_request_init_set_method (init, method);
  return init;
}

static void
test_get_basic (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/echo?x=1#frag");
  g_autofree char *expected_url = test_server_url (server, "/echo?x=1");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *text = NULL;
  g_autofree char *response_url = NULL;

  g_test_summary ("A GET over the network: status, the URL without its fragment on the "
                  "wire and in response.url, default Accept, User-Agent and "
                  "Accept-Language, a basic response with immutable headers");

  response = test_fetch (client, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_response_get_status (response), ==, 200);
  g_assert_cmpstr (fetch_response_get_status_text (response), ==, "OK");
  g_assert_true (fetch_response_get_ok (response));
  g_assert_cmpint (fetch_response_get_response_type (response), ==, FETCH_RESPONSE_TYPE_BASIC);
  g_assert_false (fetch_response_get_redirected (response));
  g_assert_cmpint (fetch_headers_get_guard (fetch_response_get_headers (response)), ==,
                   FETCH_HEADERS_GUARD_IMMUTABLE);
  response_url = fetch_response_get_url (response);
  g_assert_cmpstr (response_url, ==, expected_url);
  text = test_response_text (response);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "GET /echo?x=1\n"));
  g_assert_nonnull (strstr (text, "Accept: */*\n"));
  g_assert_nonnull (strstr (text, "User-Agent: libfetch-glib/"));
  g_assert_nonnull (strstr (text, "Accept-Language: *\n"));
  g_assert_null (strstr (text, "Origin:"));
  g_assert_null (strstr (text, "Referer:"));
}

static void
test_client_headers (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/echo");
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("The client's user agent and accept-language; a request's own "
                  "User-Agent and Accept win; NULL sends no Accept-Language");

  fetch_client_set_user_agent (client, "test-agent/1");
  fetch_client_set_accept_language (client, NULL);
  fetch_headers_append (headers, "Accept", "text/plain", &error);
  fetch_headers_append (headers, "X-Custom", "a", &error);
  fetch_headers_append (headers, "X-Custom", "b", &error);
  g_assert_no_error (error);
  fetch_request_init_set_headers (init, headers);

  response = test_fetch (client, url, init, &error);
  g_assert_no_error (error);
  text = test_response_text (response);
  g_assert_nonnull (strstr (text, "User-Agent: test-agent/1\n"));
  g_assert_nonnull (strstr (text, "Accept: text/plain\n"));
  g_assert_null (strstr (text, "Accept: */*"));
  g_assert_null (strstr (text, "Accept-Language"));
  g_assert_nonnull (strstr (text, "X-Custom: a\nX-Custom: b\n"));
}

static void
test_post_bytes (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/echo");
  g_autoptr(FetchRequestInit) init = init_with_method ("POST");
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_string ("hello world");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("A POST with a string body: Content-Type and Content-Length on the wire");

  fetch_request_init_set_body (init, body);
  response = test_fetch (client, url, init, &error);
  g_assert_no_error (error);
  text = test_response_text (response);
  g_assert_true (g_str_has_prefix (text, "POST /echo\n"));
  g_assert_nonnull (strstr (text, "Content-Type: text/plain;charset=UTF-8\n"));
  g_assert_nonnull (strstr (text, "Content-Length: 11\n"));
  g_assert_true (g_str_has_suffix (text, "\n\nhello world"));
}

static void
test_post_null_body (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/echo");
  g_autoptr(FetchRequestInit) init = init_with_method ("PUT");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("§4.5 step 8.7: a PUT without body sends Content-Length: 0");

  response = test_fetch (client, url, init, &error);
  g_assert_no_error (error);
  text = test_response_text (response);
  g_assert_true (g_str_has_prefix (text, "PUT /echo\n"));
  g_assert_nonnull (strstr (text, "Content-Length: 0\n"));
}

static void
test_post_stream (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/echo");
  g_autoptr(FetchRequestInit) init = init_with_method ("POST");
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("streamed body", 13, NULL);
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_stream (stream, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("A stream body is sent chunked (its length is unknown)");

  fetch_request_init_set_body (init, body);
  fetch_request_init_set_duplex (init, FETCH_REQUEST_DUPLEX_HALF);
  response = test_fetch (client, url, init, &error);
  g_assert_no_error (error);
  text = test_response_text (response);
  g_assert_nonnull (strstr (text, "Transfer-Encoding: chunked\n"));
  g_assert_true (g_str_has_suffix (text, "\n\nstreamed body"));
}

static void
test_response_headers (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/header?X-Test=one&Set-Cookie=a%3Db");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  FetchHeaders *headers;
  g_autofree char *value = NULL;

  g_test_summary ("Response headers come through; Set-Cookie is filtered from a basic response");

  response = test_fetch (client, url, NULL, &error);
  g_assert_no_error (error);
  headers = fetch_response_get_headers (response);
  value = fetch_headers_get (headers, "x-test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "one");
  g_assert_false (fetch_headers_has (headers, "Set-Cookie", &error));
}

static void
test_status_codes (void)
{
  static const struct {
    guint    status;
    gboolean ok;
    gboolean null_body;
  } cases[] = {
    { 200, TRUE, FALSE }, { 204, TRUE, TRUE }, { 299, TRUE, FALSE },
    { 304, FALSE, TRUE }, { 404, FALSE, FALSE }, { 500, FALSE, FALSE },
    { 205, TRUE, TRUE },
  };
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("Statuses: ok range, and §4.1 step 21: null body statuses have a null body");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/status/%u", cases[i].status);
      g_autofree char *url = test_server_url (server, path);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (fetch_response_get_status (response), ==, cases[i].status);
      g_assert_cmpint (fetch_response_get_ok (response), ==, cases[i].ok);
      if (cases[i].null_body)
        g_assert_null (fetch_response_get_body (response));
      else
        {
          g_autofree char *text = test_response_text (response);
          g_autofree char *expected = g_strdup_printf ("status %u", cases[i].status);
          g_assert_cmpstr (text, ==, expected);
        }
    }
}

static void
test_head_null_body (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/bytes/100");
  g_autoptr(FetchRequestInit) init = init_with_method ("HEAD");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;

  g_test_summary ("§4.1 step 21: a HEAD response has a null body");

  response = test_fetch (client, url, init, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_response_get_status (response), ==, 200);
  g_assert_null (fetch_response_get_body (response));
}

static void
test_gzip (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/gzip");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("Content codings are handled (§4.6 step 16.1.1.4)");

  response = test_fetch (client, url, NULL, &error);
  g_assert_no_error (error);
  text = test_response_text (response);
  g_assert_cmpstr (text, ==, "hello gzip");
}

static void
test_connection_refused (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  g_test_summary ("A refused connection is a network error naming the cause");

  /* A port that nobody listens on: bind one, then close it. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);

  response = test_fetch (client, url, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, url));
}

static void
test_bad_port (void)
{
  static const int ports[] = { 1, 25, 6000, 6665, 10080 };
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("§4.1 step 7: bad ports are a network error before any connection");

  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    {
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/", ports[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);

      g_assert_null (response);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
      g_assert_nonnull (strstr (error->message, "bad port"));
    }
}

static void
test_body_errors (void)
{
  static const char * const paths[] = { "/short", "/reset" };
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("A broken body (short Content-Length, closed mid-body, bad chunked "
                  "encoding) is an error from the body stream, never a clean end");

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = test_server_url (server, paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);
      g_autoptr(GBytes) bytes = NULL;

      g_test_message ("%s", paths[i]);
      if (response == NULL)
        {
          /* A body broken before its first byte may fail the fetch. */
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
          continue;
        }
      g_assert_no_error (error);
      bytes = test_read_all (fetch_response_get_body (response), NULL, &error);
      g_assert_null (bytes);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
    }
}

static void
test_body_errors_chunked (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/truncated-chunked");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);
  g_autoptr(GBytes) bytes = NULL;

  g_test_summary ("A chunked body whose connection closes before its last chunk is an "
                  "error (libsoup 3.2 ends it cleanly; fetch-network.c sees it from the "
                  "bytes received; more cases in chunked-test.c)");

  g_assert_no_error (error);
  bytes = test_read_all (fetch_response_get_body (response), NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
}

/* What cannot be detected through libsoup 3.2's public API, and why.
 *
 * libsoup's chunked decoder (SoupBodyInputStream) parses a chunk size
 * with strtoul() and no check, so "zz" is size 0: the last chunk. It
 * then reads the following lines ("0123456789", "0") as trailers, up to
 * the empty line, and returns a clean, empty end of body. The decoder,
 * its state and the bytes it parsed are private; the body stream we get
 * yields the decoded data only; SoupMessage emits "got-body" and
 * "finished" as for any complete body; SoupLogger sees the decoded data
 * (it wraps the stream after the chunked decoding); SoupMessageMetrics
 * gives only the number of bytes received for the body (21 here),
 * framing included, which is as consistent with "zz" and junk as with a
 * valid last chunk and trailers of the same length ("0;x=yy" and
 * "X-Trailer: 12" lines). Nothing public exposes the chunk sizes.
 *
 * Tried, and why it is not enough (fetch-network.c uses what works):
 *  - "got-body" / "finished" / "restarted" ordering: identical for
 *    complete, cut and invalid chunked bodies.
 *  - soup_message_metrics_get_response_body_bytes_received(): counted as
 *    bytes are read from the connection (in blocks, ahead of the
 *    decoder), so its value between two reads does not say what a read
 *    consumed. At the end it bounds the framing from below, which
 *    catches a cut after the first chunk (the test above) but not one
 *    after several chunks, nor an invalid size.
 *  - The connection (SoupMessage::network-event's GIOStream): a peer
 *    that closes after a complete body looks the same as one that
 *    closes in its middle; the framing is in libsoup's buffer.
 *  - Under a content coding, the decoder (GConverterInputStream) also
 *    ends a cut compressed stream cleanly, and the chunked data's length
 *    is unknown: a cut there is not detected either (a Content-Length
 *    one is, from the bytes received).
 * Fixing it needs libsoup: a strict chunk-size parser and an error for
 * EOF in the chunk-size, chunk-end and trailer states (later libsoup
 * versions error on EOF in those states, but still accept "zz"). */
static void
test_body_errors_chunked_bad_size (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/bad-chunk");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);
  g_autoptr(GBytes) bytes = NULL;

  g_test_summary ("A chunked body with an invalid chunk size should be an error: "
                  "undetectable with libsoup 3.2 (see the comment above)");

  g_assert_no_error (error);
  bytes = test_read_all (fetch_response_get_body (response), NULL, &error);
  if (bytes != NULL)
    {
      g_test_incomplete ("libsoup 3.2 parses an invalid chunk size as the last chunk");
      return;
    }
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
}

static void
test_crlf_injection (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/echo");
  guint before = server->requests;
  struct {
    const char *name;
    const char *value;
  } cases[] = {
    { "X-Evil", "a\r\nInjected: yes" },
    { "X-Evil", "a\nb" },
    { "Bad Name", "x" },
    { "Bad:Name", "x" },
  };

  g_test_summary ("CR/LF in a header name or value, set through the header-list API that "
                  "does not validate, is a TypeError and nothing is sent");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, url, NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = NULL;

      fetch_header_list_append (fetch_request_get_headers (request), cases[i].name, cases[i].value);
      response = test_fetch_request (client, request, NULL, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
    }

  /* The client's user agent too. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FetchResponse) response = NULL;

    fetch_client_set_user_agent (client, "agent\r\nInjected: yes");
    response = test_fetch (client, url, NULL, &error);
    g_assert_null (response);
    g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  }

  g_assert_cmpuint (server->requests, ==, before);
}

static void
test_integrity (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/bytes/10");
  g_autofree char *digest = NULL;
  g_autofree char *good = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 raw[32];
  gsize len = sizeof raw;

  g_test_summary ("§4.1 step 22: a body matching its integrity metadata is handed over; "
                  "a mismatch is a network error");

  g_checksum_update (checksum, (const guchar *) "0123456789", 10);
  g_checksum_get_digest (checksum, raw, &len);
  digest = g_base64_encode (raw, len);
  good = g_strdup_printf ("sha256-%s", digest);

  {
    g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(FetchResponse) response = NULL;
    g_autofree char *text = NULL;

    fetch_request_init_set_integrity (init, good);
    response = test_fetch (client, url, init, &error);
    g_assert_no_error (error);
    text = test_response_text (response);
    g_assert_cmpstr (text, ==, "0123456789");
  }
  {
    g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(FetchResponse) response = NULL;

    fetch_request_init_set_integrity (init, "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    response = test_fetch (client, url, init, &error);
    g_assert_null (response);
    g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
    g_assert_nonnull (strstr (error->message, "integrity"));
  }
}

typedef struct {
  guint   calls;
  guint64 received;
  gint64  total;
} Progress;

static void
on_download_progress (FetchController *controller,
                      guint64          received,
                      gint64           total,
                      Progress        *progress)
{
  g_assert_cmpuint (received, >, progress->received);
  progress->calls++;
  progress->received = received;
  progress->total = total;
}

static void
test_timing_and_progress (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/bytes/200000");
  g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, url, NULL, NULL);
  g_autoptr(FetchController) controller = fetch_controller_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autoptr(FetchTimingInfo) timing = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Progress progress = { 0 };

  g_test_summary ("Download progress signals and the full timing info after the body ends");

  g_signal_connect (controller, "download-progress", G_CALLBACK (on_download_progress), &progress);
  response = test_fetch_request (client, request, controller, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (fetch_controller_get_timing_info (controller));
  bytes = test_read_all (fetch_response_get_body (response), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 200000);

  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_cmpuint (progress.received, ==, 200000);
  g_assert_cmpint (progress.total, ==, 200000);

  timing = fetch_controller_get_timing_info (controller);
  g_assert_nonnull (timing);
  g_assert_cmpint (timing->start_time, >, 0);
  g_assert_cmpint (timing->final_network_request_start_time, >=, timing->start_time);
  g_assert_cmpint (timing->final_network_response_start_time, >=, timing->final_network_request_start_time);
  g_assert_cmpint (timing->end_time, >=, timing->final_network_response_start_time);
  g_assert_cmpuint (timing->decoded_body_size, ==, 200000);
  g_assert_cmpuint (timing->encoded_body_size, ==, 200000);
  g_assert_cmpint (fetch_controller_get_state (controller), ==, FETCH_CONTROLLER_STATE_ONGOING);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = test_server_new ();

  g_test_add_func ("/fetch/network/get", test_get_basic);
  g_test_add_func ("/fetch/network/client-headers", test_client_headers);
  g_test_add_func ("/fetch/network/post-bytes", test_post_bytes);
  g_test_add_func ("/fetch/network/put-null-body", test_post_null_body);
  g_test_add_func ("/fetch/network/post-stream", test_post_stream);
  g_test_add_func ("/fetch/network/response-headers", test_response_headers);
  g_test_add_func ("/fetch/network/status-codes", test_status_codes);
  g_test_add_func ("/fetch/network/head-null-body", test_head_null_body);
  g_test_add_func ("/fetch/network/gzip", test_gzip);
  g_test_add_func ("/fetch/network/connection-refused", test_connection_refused);
  g_test_add_func ("/fetch/network/bad-port", test_bad_port);
  g_test_add_func ("/fetch/network/body-errors", test_body_errors);
  g_test_add_func ("/fetch/network/body-errors-chunked", test_body_errors_chunked);
  g_test_add_func ("/fetch/network/body-errors-chunked-bad-size", test_body_errors_chunked_bad_size);
  g_test_add_func ("/fetch/network/crlf-injection", test_crlf_injection);
  g_test_add_func ("/fetch/network/integrity", test_integrity);
  g_test_add_func ("/fetch/network/timing-and-progress", test_timing_and_progress);

  ret = g_test_run ();
  test_server_free (server);
  return ret;
}
