/* chunked-test.c: response bodies that libsoup 3.2 ends cleanly when
 * they are cut short: chunked ones, and content-coded ones on a
 * connection that closes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A broken body is an error from the body stream, never a clean end
 * (§4.6). fetch-network.c catches what it can of these
 * (network_stream_wire_complete()), and these tests pin both sides: no
 * complete body is ever taken for a cut one, and which cut ones are
 * caught. tests/network-test.c says what cannot be caught, and why.
 */
#include "config.h"

#include <string.h>

#include "libfetch-glib/fetch.h"
#include "test-server.h"

#define HEAD "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"

static SoupServer *raw_server;
static char *raw_origin;
static GBytes *gzip_cut;   /* a gzip body cut short, Content-Length */

typedef struct {
  const char *path;
  const char *raw;       /* after HEAD: more headers, CRLF, the body */
  const char *body;      /* the body expected, or NULL for an error */
} Case;

static const Case complete_cases[] = {
  { "/one", "\r\na\r\n0123456789\r\n0\r\n\r\n", "0123456789" },
  { "/many", "\r\n1\r\na\r\n2\r\nbc\r\n3\r\ndef\r\n0\r\n\r\n", "abcdef" },
  { "/empty", "\r\n0\r\n\r\n", "" },
  { "/extensions", "\r\na;name=value\r\n0123456789\r\n0;last\r\n\r\n", "0123456789" },
  { "/trailers", "\r\na\r\n0123456789\r\n0\r\nX-Checksum: 1\r\n\r\n", "0123456789" },
  { "/zeros", "\r\n00A\r\n0123456789\r\n000\r\n\r\n", "0123456789" },
  { "/close", "Connection: close\r\n\r\n2\r\nok\r\n0\r\n\r\n", "ok" },
};

/* Cut where libsoup 3.2 would end the body cleanly, and caught. */
static const Case cut_cases[] = {
  { "/cut-after-chunk", "\r\na\r\n0123456789\r\n", NULL },
  { "/cut-before-crlf", "\r\na\r\n0123456789", NULL },
  { "/cut-after-last-chunk", "\r\na\r\n0123456789\r\n0\r\n", NULL },
  { "/cut-before-body", "\r\n", NULL },
  /* Cut inside a chunk's data or size line: libsoup's own error. */
  { "/cut-in-data", "\r\na\r\n01234", NULL },
  { "/cut-in-size", "\r\na\r\n0123456789\r\n1", NULL },
};

static void
send_raw (SoupServerMessage *msg,
          const void        *data,
          gsize              length)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  g_output_stream_write_all (out, data, length, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static const Case *
find_case (const Case *cases,
           gsize       n,
           const char *path)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (cases[i].path, path))
      return &cases[i];
  return NULL;
}

static void
raw_callback (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const Case *c = find_case (complete_cases, G_N_ELEMENTS (complete_cases), path);

  if (c == NULL)
    c = find_case (cut_cases, G_N_ELEMENTS (cut_cases), path);
  if (c != NULL)
    {
      g_autofree char *raw = g_strconcat (HEAD, c->raw, NULL);

      send_raw (msg, raw, strlen (raw));
    }
  else if (g_str_equal (path, "/gzip-cut"))
    send_raw (msg, g_bytes_get_data (gzip_cut, NULL), g_bytes_get_size (gzip_cut));
  else if (g_str_equal (path, "/server-chunked"))
    {
      /* libsoup's own chunked encoding, on a connection kept alive: many
       * chunks of every size from 1 to 300 bytes. */
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, 200, NULL);
      for (guint size = 1; size <= 300; size++)
        soup_message_body_append (body, SOUP_MEMORY_TAKE, g_malloc0 (size), size);
      soup_message_body_complete (body);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

/* A gzip-coded response whose Content-Length is that of its whole
 * compressed body, with only the first half of it, then the connection
 * closes (and says it will: libsoup then reads to the end of the
 * connection, short or not). */
static GBytes *
make_gzip_cut (void)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  char input[4096], compressed[8192];
  gsize read = 0, written = 0;
  g_autofree char *head = NULL;

  for (gsize i = 0; i < sizeof input; i++)
    input[i] = "gzip body "[i % 10] + (i / 1000);
  g_converter_convert (compressor, input, sizeof input, compressed, sizeof compressed,
                       G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
  g_assert_cmpuint (written, >, 20);
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %zu\r\n"
                          "Connection: close\r\n\r\n", written);
  g_byte_array_append (out, (guint8 *) head, strlen (head));
  g_byte_array_append (out, (guint8 *) compressed, written / 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
raw_server_start (void)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  gzip_cut = make_gzip_cut ();
  raw_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (raw_server, NULL, raw_callback, NULL, NULL);
  soup_server_listen_local (raw_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (raw_server);
  raw_origin = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

/* Fetches path and reads its body: the bytes, or NULL with error set. */
static GBytes *
fetch_body (FetchClient *client,
            const char  *path,
            GError     **error)
{
  g_autofree char *url = g_strconcat (raw_origin, path, NULL);
  g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, error);

  if (response == NULL)
    return NULL;
  return test_read_all (fetch_response_get_body (response), NULL, error);
}

static void
test_complete (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("Complete chunked bodies (one chunk, many, empty, chunk extensions, "
                  "trailers, leading zeros, connection closed after the end) read in full");

  for (guint i = 0; i < G_N_ELEMENTS (complete_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = fetch_body (client, complete_cases[i].path, &error);

      g_test_message ("%s", complete_cases[i].path);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       complete_cases[i].body, strlen (complete_cases[i].body));
    }
}

static void
test_server_chunked (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("libsoup's own chunked responses (300 chunks of 1 to 300 bytes, a kept-"
                  "alive connection) read in full, twice on one connection");

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = fetch_body (client, "/server-chunked", &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, 300 * 301 / 2);
    }
}

static void
test_cut (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("A chunked body whose connection closes before its last chunk, or "
                  "before the CRLF that ends it, is a network error from the body stream");

  for (guint i = 0; i < G_N_ELEMENTS (cut_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = fetch_body (client, cut_cases[i].path, &error);

      g_test_message ("%s", cut_cases[i].path);
      g_assert_null (bytes);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
    }
}

static void
test_gzip_cut (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch_body (client, "/gzip-cut", &error);

  g_test_summary ("A gzip-coded body cut short of its Content-Length on a connection that "
                  "closes is an error (libsoup and its gzip decoder end it cleanly)");

  g_assert_null (bytes);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  raw_server_start ();

  g_test_add_func ("/fetch/chunked/complete", test_complete);
  g_test_add_func ("/fetch/chunked/server-chunked", test_server_chunked);
  g_test_add_func ("/fetch/chunked/cut", test_cut);
  g_test_add_func ("/fetch/chunked/gzip-cut", test_gzip_cut);

  ret = g_test_run ();
  soup_server_disconnect (raw_server);
  g_clear_object (&raw_server);
  g_free (raw_origin);
  g_bytes_unref (gzip_cut);
  return ret;
}
