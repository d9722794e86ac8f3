/* test-server.c: loopback SoupServers for the fetch tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "test-server.h"

#define STREAM_CHUNK (64 * 1024)

static GBytes *
pattern_chunk (void)
{
  static gsize once = 0;
  static GBytes *chunk;

  if (g_once_init_enter (&once))
    {
      char *data = g_malloc (STREAM_CHUNK);

      for (gsize i = 0; i < STREAM_CHUNK; i++)
        data[i] = '0' + i % 10;
      chunk = g_bytes_new_take (data, STREAM_CHUNK);
      g_once_init_leave (&once, 1);
    }
  return chunk;
}

/* Writes a raw HTTP response on the stolen connection, then closes it. */
static void
send_raw (SoupServerMessage *msg,
          const char        *raw)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  g_output_stream_write_all (out, raw, strlen (raw), NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static GString *
describe_request (SoupServerMessage *msg)
{
  GString *out = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  g_string_append_printf (out, "%s %s%s%s\n", soup_server_message_get_method (msg),
                          g_uri_get_path (uri), g_uri_get_query (uri) ? "?" : "",
                          g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (out, "%s: %s\n", name, value);
  g_string_append (out, "\n");
  g_string_append_len (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return out;
}

static void
handle_echo (SoupServerMessage *msg)
{
  g_autoptr(GString) out = describe_request (msg);

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, out->str, out->len);
}

typedef struct {
  guint64 remaining;
} StreamState;

static void
stream_next_chunk (SoupServerMessage *msg,
                   StreamState       *state)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  GBytes *chunk = pattern_chunk ();

  if (state->remaining == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  if (state->remaining < STREAM_CHUNK)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (chunk, 0, state->remaining);
      soup_message_body_append_bytes (body, part);
      state->remaining = 0;
    }
  else
    {
      soup_message_body_append_bytes (body, chunk);
      state->remaining -= STREAM_CHUNK;
    }
}

static void
on_stream_wrote_chunk (SoupServerMessage *msg,
                       gpointer           user_data)
{
  stream_next_chunk (msg, user_data);
  soup_server_message_unpause (msg);
}

static void
handle_stream (SoupServerMessage *msg,
               guint64            size,
               gboolean           chunked)
{
  StreamState *state = g_new0 (StreamState, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  state->remaining = size;
  soup_server_message_set_status (msg, 200, NULL);
  if (chunked)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  else
    soup_message_headers_set_content_length (headers, size);
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  g_signal_connect_data (msg, "wrote-chunk", G_CALLBACK (on_stream_wrote_chunk),
                         state, (GClosureNotify) g_free, 0);
  stream_next_chunk (msg, state);
}

static void
handle_redirect (SoupServerMessage *msg,
                 guint              status,
                 GHashTable        *query)
{
  const char *to = query ? g_hash_table_lookup (query, "to") : NULL;

  soup_server_message_set_status (msg, status, NULL);
  if (to != NULL)
    soup_message_headers_append (soup_server_message_get_response_headers (msg), "Location", to);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "redirect", 8);
}

static GBytes *
gzip_body (void)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  char out[256];
  gsize read, written;

  g_converter_convert (G_CONVERTER (compressor), "hello gzip", 10, out, sizeof out,
                       G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
  return g_bytes_new (out, written);
}

static void
server_callback (SoupServer        *soup_server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TestServer *server = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  guint64 n;

  server->requests++;
  g_string_free (server->last_request, TRUE);
  server->last_request = describe_request (msg);
  if (socket != NULL && !g_hash_table_contains (server->sockets, socket))
    g_hash_table_add (server->sockets, g_object_ref (socket));

  if (g_str_equal (path, "/echo"))
    handle_echo (msg);
  else if (g_str_has_prefix (path, "/status/"))
    {
      guint status = atoi (path + strlen ("/status/"));
      g_autofree char *text = g_strdup_printf ("status %u", status);

      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, text, strlen (text));
    }
  else if (g_str_has_prefix (path, "/redirect/"))
    handle_redirect (msg, atoi (path + strlen ("/redirect/")), query);
  else if (g_str_has_prefix (path, "/chain/"))
    {
      int hops = atoi (path + strlen ("/chain/"));

      if (hops <= 0)
        {
          soup_server_message_set_status (msg, 200, NULL);
          soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "done", 4);
        }
      else
        {
          g_autofree char *to = g_strdup_printf ("/chain/%d", hops - 1);

          soup_server_message_set_status (msg, 302, NULL);
          soup_message_headers_append (response_headers, "Location", to);
        }
    }
  else if (g_str_has_prefix (path, "/bytes/"))
    {
      n = g_ascii_strtoull (path + strlen ("/bytes/"), NULL, 10);
      handle_stream (msg, n, FALSE);
    }
  else if (g_str_has_prefix (path, "/stream/"))
    {
      n = g_ascii_strtoull (path + strlen ("/stream/"), NULL, 10);
      handle_stream (msg, n, query != NULL && g_hash_table_contains (query, "chunked"));
    }
  else if (g_str_equal (path, "/stall-headers"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (server->stalled, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/stall-body"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_length (response_headers, 1000000);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "0123456789", 10);
      g_ptr_array_add (server->stalled, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/short"))
    send_raw (msg, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n"
                   "01234567890123456789012345678901234567890123456789");
  else if (g_str_equal (path, "/reset"))
    send_raw (msg, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
                   "0123456789");
  else if (g_str_equal (path, "/truncated-chunked"))
    send_raw (msg, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "a\r\n0123456789\r\n");
  else if (g_str_equal (path, "/bad-chunk"))
    send_raw (msg, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "zz\r\n0123456789\r\n0\r\n\r\n");
  else if (g_str_equal (path, "/gzip"))
    {
      g_autoptr(GBytes) body = gzip_body ();

      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_append (response_headers, "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }
  else if (g_str_equal (path, "/header"))
    {
      GHashTableIter iter;
      gpointer key, value;

      if (query != NULL)
        {
          g_hash_table_iter_init (&iter, query);
          while (g_hash_table_iter_next (&iter, &key, &value))
            soup_message_headers_append (response_headers, key, value);
        }
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "headers", 7);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

TestServer *
test_server_new (void)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server->server = soup_server_new (NULL, NULL);
  server->sockets = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  server->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  server->last_request = g_string_new (NULL);
  soup_server_add_handler (server->server, NULL, server_callback, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server->server);
  server->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  server->origin = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (server->base));
  return server;
}

void
test_server_free (TestServer *server)
{
  for (guint i = 0; i < server->stalled->len; i++)
    soup_server_message_unpause (server->stalled->pdata[i]);
  soup_server_disconnect (server->server);
  g_object_unref (server->server);
  g_ptr_array_unref (server->stalled);
  g_hash_table_unref (server->sockets);
  g_uri_unref (server->base);
  g_free (server->origin);
  g_string_free (server->last_request, TRUE);
  g_free (server);
}

char *
test_server_url (TestServer *server,
                 const char *path)
{
  return g_strconcat (server->origin, path, NULL);
}

guint
test_server_get_connections (TestServer *server)
{
  return g_hash_table_size (server->sockets);
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
test_wait_for (gboolean *flag)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean timed_out = FALSE;
  GSource *timeout = g_timeout_source_new_seconds (20);

  g_source_set_callback (timeout, on_wait_timeout, &timed_out, NULL);
  g_source_attach (timeout, context);
  while (!*flag && !timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_assert_false (timed_out);
}

void
test_store_result (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

GAsyncResult *
test_wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

gsize
test_get_rss (void)
{
  unsigned long size = 0, resident = 0;
  FILE *f = fopen ("/proc/self/statm", "r");

  if (f == NULL)
    return 0;
  if (fscanf (f, "%lu %lu", &size, &resident) != 2)
    resident = 0;
  fclose (f);
  return resident * (gsize) sysconf (_SC_PAGESIZE);
}

typedef struct {
  gboolean       done;
  guint          calls;
  FetchResponse *response;
  GError        *error;
} FetchWait;

static void
on_test_fetch_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FetchWait *wait = user_data;

  wait->calls++;
  wait->response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &wait->error);
  wait->done = TRUE;
}

FetchResponse *
test_fetch_request (FetchClient      *client,
                    FetchRequest     *request,
                    FetchController  *controller,
                    GCancellable     *cancellable,
                    GError          **error)
{
  FetchWait wait = { 0 };

  fetch_client_fetch_with_controller_async (client, request, controller, cancellable,
                                            on_test_fetch_done, &wait);
  test_wait_for (&wait.done);
  g_assert_cmpuint (wait.calls, ==, 1);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.response;
}

FetchResponse *
test_fetch (FetchClient      *client,
            const char       *url,
            FetchRequestInit *init,
            GError          **error)
{
  g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, url, init, error);

  if (request == NULL)
    return NULL;
  return test_fetch_request (client, request, NULL, NULL, error);
}

typedef struct {
  gboolean      done;
  GByteArray   *data;
  GError       *error;
  GInputStream *stream;
  GCancellable *cancellable;
  guint8        buffer[65536];
} ReadAll;

static void
on_read_all_chunk (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ReadAll *state = user_data;
  gssize n = g_input_stream_read_finish (state->stream, result, &state->error);

  if (n <= 0)
    {
      state->done = TRUE;
      return;
    }
  g_byte_array_append (state->data, state->buffer, n);
  g_input_stream_read_async (state->stream, state->buffer, sizeof state->buffer, G_PRIORITY_DEFAULT,
                             state->cancellable, on_read_all_chunk, state);
}

GBytes *
test_read_all (GInputStream  *stream,
               GCancellable  *cancellable,
               GError       **error)
{
  ReadAll *state = g_new0 (ReadAll, 1);
  GBytes *bytes = NULL;

  state->data = g_byte_array_new ();
  state->stream = stream;
  state->cancellable = cancellable;
  g_input_stream_read_async (stream, state->buffer, sizeof state->buffer, G_PRIORITY_DEFAULT,
                             cancellable, on_read_all_chunk, state);
  test_wait_for (&state->done);
  if (state->error != NULL)
    {
      g_propagate_error (error, state->error);
      g_byte_array_unref (state->data);
    }
  else
    bytes = g_byte_array_free_to_bytes (state->data);
  g_free (state);
  return bytes;
}

char *
test_response_text (FetchResponse *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GInputStream *body = fetch_response_get_body (response);

  if (body == NULL)
    return g_strdup ("");
  bytes = test_read_all (body, NULL, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}
