/* abort-test.c: aborting and terminating fetches (§2 fetch controller,
 * §2.4 fetch groups, §5.6 abort steps)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "libfetch-glib/fetch.h"
#include "test-server.h"

static TestServer *server;

typedef struct {
  guint          calls;
  gboolean       done;
  FetchResponse *response;
  GError        *error;
} Result;

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  r->calls++;
  r->done = TRUE;
  r->response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &r->error);
}

static void
result_clear (Result *r)
{
  g_clear_object (&r->response);
  g_clear_error (&r->error);
}

/* Waits for the result, then runs the context a little more to see that
 * the callback is not called again. */
static void
wait_result (Result *r)
{
  test_wait_for (&r->done);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (r->calls, ==, 1);
}

/* Runs the context until the server has seen n requests. */
static void
wait_requests (guint n)
{
  while (server->requests < n)
    g_main_context_iteration (NULL, TRUE);
}

static FetchRequest *
request_for (FetchClient *client,
             const char  *path)
{
  g_autofree char *url = test_server_url (server, path);

  return fetch_request_new_for_client (client, url, NULL, NULL);
}

static void
test_already_cancelled (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/echo");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint before = server->requests;
  Result r = { 0 };

  g_test_summary ("§5.6 step 4: a cancellable already cancelled aborts before anything is sent");

  g_cancellable_cancel (cancellable);
  fetch_client_fetch_async (client, request, cancellable, on_fetched, &r);
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  g_assert_cmpuint (server->requests, ==, before);
  result_clear (&r);
}

static void
test_before_connect (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/echo");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  g_test_summary ("Cancelling right after starting (before a connection) aborts");

  fetch_client_fetch_async (client, request, cancellable, on_fetched, &r);
  g_cancellable_cancel (cancellable);
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  result_clear (&r);
}

static void
test_waiting_for_headers (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/stall-headers");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  g_test_summary ("Cancelling while waiting for the response headers aborts");

  fetch_client_fetch_async (client, request, cancellable, on_fetched, &r);
  wait_requests (server->requests + 1);
  g_assert_false (r.done);
  g_cancellable_cancel (cancellable);
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  result_clear (&r);
}

static void
test_mid_redirect (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *target = test_server_url (server, "/stall-headers");
  g_autofree char *escaped = g_uri_escape_string (target, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/redirect/307?to=%s", escaped);
  g_autoptr(FetchRequest) request = request_for (client, path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint before = server->requests;
  Result r = { 0 };

  g_test_summary ("Cancelling during a redirect chain aborts");

  fetch_client_fetch_async (client, request, cancellable, on_fetched, &r);
  wait_requests (before + 2);
  g_cancellable_cancel (cancellable);
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  result_clear (&r);
}

static void
test_mid_body (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/stall-body");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GInputStream *body;
  Result r = { 0 };
  char buffer[10];
  gsize n = 0;

  g_test_summary ("Cancelling mid-body: the body stream fails with the abort error");

  fetch_client_fetch_async (client, request, cancellable, on_fetched, &r);
  wait_result (&r);
  g_assert_no_error (r.error);
  body = fetch_response_get_body (r.response);
  g_assert_true (g_input_stream_read_all (body, buffer, sizeof buffer, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 10);

  g_cancellable_cancel (cancellable);
  bytes = test_read_all (body, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  result_clear (&r);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_mid_body_pending_read (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/stall-body");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 };

  g_test_summary ("Cancelling while a body read is pending fails that read with the abort error");

  fetch_client_fetch_async (client, request, cancellable, on_fetched, &r);
  wait_result (&r);
  g_assert_no_error (r.error);
  g_timeout_add (50, cancel_later, cancellable);
  bytes = test_read_all (fetch_response_get_body (r.response), NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  result_clear (&r);
}

static void
test_mid_body_consumer_and_clone (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/stall-body");
  g_autoptr(FetchController) controller = fetch_controller_new ();
  g_autoptr(GError) reason = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "too slow");
  g_autoptr(FetchResponse) clone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) clone_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Result r = { 0 };

  g_test_summary ("Aborting while a consumer (text()) reads a cloned network body fails "
                  "the consumer and the clone with the abort reason");

  fetch_client_fetch_with_controller_async (client, request, controller, NULL, on_fetched, &r);
  wait_result (&r);
  g_assert_no_error (r.error);
  clone = fetch_response_clone (r.response, &error);
  g_assert_no_error (error);
  fetch_response_text_async (r.response, NULL, test_store_result, &result);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (result);

  fetch_controller_abort (controller, reason);
  test_wait_for_result (&result);
  text = fetch_response_text_finish (r.response, result, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);
  clone_bytes = test_read_all (fetch_response_get_body (clone), NULL, &error);
  g_assert_null (clone_bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  result_clear (&r);
}

static void
test_controller_reason (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/stall-headers");
  g_autoptr(FetchController) controller = fetch_controller_new ();
  g_autoptr(GError) reason = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "too slow");
  g_autoptr(GError) stored = NULL;
  g_autoptr(FetchTimingInfo) timing = NULL;
  Result r = { 0 };

  g_test_summary ("§2 abort with a reason: the fetch fails with that reason; the state "
                  "is aborted and the serialized reason kept");

  fetch_client_fetch_with_controller_async (client, request, controller, NULL, on_fetched, &r);
  wait_requests (server->requests + 1);
  fetch_controller_abort (controller, reason);
  wait_result (&r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (r.error->message, ==, "too slow");
  g_assert_cmpint (fetch_controller_get_state (controller), ==, FETCH_CONTROLLER_STATE_ABORTED);
  stored = fetch_controller_get_abort_reason (controller);
  g_assert_error (stored, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  timing = fetch_controller_get_timing_info (controller);
  g_assert_nonnull (timing);
  g_assert_cmpint (timing->end_time, >=, timing->start_time);

  /* A second abort changes nothing. */
  fetch_controller_abort (controller, NULL);
  g_clear_error (&stored);
  stored = fetch_controller_get_abort_reason (controller);
  g_assert_error (stored, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  result_clear (&r);
}

static void
test_controller_terminate (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/stall-headers");
  g_autoptr(FetchController) controller = fetch_controller_new ();
  Result r = { 0 };

  g_test_summary ("§2 terminate: the fetch ends with a network error");

  fetch_client_fetch_with_controller_async (client, request, controller, NULL, on_fetched, &r);
  wait_requests (server->requests + 1);
  fetch_controller_terminate (controller);
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  g_assert_cmpint (fetch_controller_get_state (controller), ==, FETCH_CONTROLLER_STATE_TERMINATED);
  result_clear (&r);
}

static void
test_controller_reuse (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/echo");
  g_autoptr(FetchController) controller = fetch_controller_new ();
  Result r = { 0 }, r2 = { 0 };

  g_test_summary ("A controller serves one fetch: reusing it is a TypeError");

  fetch_client_fetch_with_controller_async (client, request, controller, NULL, on_fetched, &r);
  fetch_client_fetch_with_controller_async (client, request, controller, NULL, on_fetched, &r2);
  wait_result (&r);
  wait_result (&r2);
  g_assert_no_error (r.error);
  g_assert_error (r2.error, FETCH_ERROR, FETCH_ERROR_TYPE);
  result_clear (&r);
  result_clear (&r2);
}

static void
test_request_signal (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/stall-headers");
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(GCancellable) signal = g_cancellable_new ();
  g_autoptr(FetchRequest) request = NULL;
  Result r = { 0 };

  g_test_summary ("§5.6 step 11: the request's signal aborts the fetch");

  fetch_request_init_set_signal (init, signal);
  request = fetch_request_new_for_client (client, url, init, NULL);
  fetch_client_fetch_async (client, request, NULL, on_fetched, &r);
  wait_requests (server->requests + 1);
  g_cancellable_cancel (signal);
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  result_clear (&r);
}

static void
test_request_signal_made_later (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/stall-headers");
  g_autoptr(FetchRequest) request = NULL;
  Result r = { 0 };

  g_test_summary ("§5.6 step 11: the request's signal aborts the fetch when it is "
                  "asked for only after the fetch started (it is made lazily)");

  request = fetch_request_new_for_client (client, url, NULL, NULL);
  fetch_client_fetch_async (client, request, NULL, on_fetched, &r);
  wait_requests (server->requests + 1);
  g_cancellable_cancel (fetch_request_get_signal (request));
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  result_clear (&r);
}

static void
test_request_signal_cancelled_before (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/stall-headers");
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequest) copy = NULL;
  Result r = { 0 }, r2 = { 0 };

  g_test_summary ("§5.6 step 4: a request whose signal was aborted before the fetch "
                  "fails at once, and so does a request made from it (its signal follows)");

  request = fetch_request_new_for_client (client, url, NULL, NULL);
  g_cancellable_cancel (fetch_request_get_signal (request));
  copy = fetch_request_new_from_request (request, NULL, NULL);
  g_assert_true (g_cancellable_is_cancelled (fetch_request_get_signal (copy)));
  fetch_client_fetch_async (client, request, NULL, on_fetched, &r);
  fetch_client_fetch_async (client, copy, NULL, on_fetched, &r2);
  wait_result (&r);
  wait_result (&r2);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  g_assert_error (r2.error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  result_clear (&r);
  result_clear (&r2);
}

static void
test_client_terminate (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/stall-headers");
  g_autoptr(FetchRequest) body_request = request_for (client, "/stall-body");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 }, r2 = { 0 };

  g_test_summary ("§2.4: terminating the client's fetch group ends its fetches, "
                  "including a response body being read");

  fetch_client_fetch_async (client, body_request, NULL, on_fetched, &r2);
  wait_result (&r2);
  g_assert_no_error (r2.error);

  fetch_client_fetch_async (client, request, NULL, on_fetched, &r);
  wait_requests (server->requests + 1);
  fetch_client_terminate (client);
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_NETWORK);

  bytes = test_read_all (fetch_response_get_body (r2.response), NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  result_clear (&r);
  result_clear (&r2);
}

static void
test_client_dispose (void)
{
  FetchClient *client = fetch_client_new ();
  g_autoptr(FetchRequest) request = request_for (client, "/stall-headers");
  Result r = { 0 };

  g_test_summary ("§2.4: disposing the client terminates its fetches");

  fetch_client_fetch_async (client, request, NULL, on_fetched, &r);
  wait_requests (server->requests + 1);
  g_object_run_dispose (G_OBJECT (client));
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  result_clear (&r);
  g_object_unref (client);
}

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_unread_responses_released (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  guint fds_before, fds_after;
  gsize rss_before, rss_after;

  g_test_summary ("Responses dropped unread release their connection: no fd leak, "
                  "flat memory");

  /* Warm up (one connection, the pools). */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(FetchRequest) request = request_for (client, "/stream/10000000");
      Result r = { 0 };

      fetch_client_fetch_async (client, request, NULL, on_fetched, &r);
      wait_result (&r);
      result_clear (&r);
    }
  fds_before = count_fds ();
  rss_before = test_get_rss ();
  for (int i = 0; i < 100; i++)
    {
      g_autoptr(FetchRequest) request = request_for (client, "/stream/10000000");
      Result r = { 0 };

      fetch_client_fetch_async (client, request, NULL, on_fetched, &r);
      wait_result (&r);
      g_assert_no_error (r.error);
      result_clear (&r);
    }
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  fds_after = count_fds ();
  rss_after = test_get_rss ();
  g_test_message ("fds %u -> %u, rss %zu -> %zu", fds_before, fds_after, rss_before, rss_after);
  g_assert_cmpuint (fds_after, <=, fds_before + 2);
#ifndef __SANITIZE_ADDRESS__
  /* (AddressSanitizer keeps freed memory in quarantine.) */
  g_assert_cmpuint (rss_after, <, rss_before + 16 * 1024 * 1024);
#endif
}

static gboolean
on_prompt_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the context until *flag, failing the test after seconds. */
static void
wait_promptly (gboolean *flag,
               guint     seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_prompt_timeout, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (*flag);
}

static void
test_held_response_releases_connection (void)
{
  g_autoptr(TestServer) own = test_server_new ();
  g_autoptr(FetchClient) client = g_object_new (FETCH_TYPE_CLIENT, "max-connections-per-host", 1, NULL);
  g_autofree char *stall = test_server_url (own, "/stall-body");
  g_autofree char *echo = test_server_url (own, "/echo");

  g_test_summary ("A response held unread releases its connection as soon as its fetch is "
                  "aborted or its fetch group terminated, not when it is finalized: with "
                  "one connection per host, the next fetch to the host completes");

  for (int terminate = 0; terminate < 2; terminate++)
    {
      g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, stall, NULL, NULL);
      g_autoptr(FetchRequest) next = fetch_request_new_for_client (client, echo, NULL, NULL);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      Result r = { 0 }, r2 = { 0 };

      g_test_message (terminate ? "terminate" : "abort");
      fetch_client_fetch_async (client, request, cancellable, on_fetched, &r);
      wait_result (&r);
      g_assert_no_error (r.error);

      if (terminate)
        fetch_client_terminate (client);
      else
        g_cancellable_cancel (cancellable);
      fetch_client_fetch_async (client, next, NULL, on_fetched, &r2);
      wait_promptly (&r2.done, 5);
      g_assert_no_error (r2.error);
      g_assert_cmpuint (fetch_response_get_status (r2.response), ==, 200);

      /* The held body fails with the abort (or termination) error. */
      bytes = test_read_all (fetch_response_get_body (r.response), NULL, &error);
      g_assert_null (bytes);
      if (terminate)
        g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
      else
        g_assert_error (error, FETCH_ERROR, FETCH_ERROR_ABORTED);
      result_clear (&r);
      result_clear (&r2);
    }
}

/* A file of size bytes in a temporary directory (removed by the caller
 * with the returned path). */
static char *
make_file (gsize size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("abort-test-XXXXXX", &error);
  char *path;
  char *data;

  g_assert_no_error (error);
  path = g_build_filename (dir, "big", NULL);
  data = g_malloc (size);
  for (gsize i = 0; i < size; i++)
    data[i] = 'a' + i % 26;
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  g_free (data);
  return path;
}

static void
remove_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_mid_body_file (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *path = make_file (4 * 1024 * 1024 + 17);
  g_autofree char *url = g_filename_to_uri (path, NULL, NULL);

  g_test_summary ("§5.6 abort fetch errors the response body for a file: body too: "
                  "cancelled mid-body (read synchronously or asynchronously), the next "
                  "read fails with the abort error; terminated, with a network error; "
                  "the fetch then ends (timing info final)");

  for (int mode = 0; mode < 3; mode++)
    {
      g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, url, NULL, NULL);
      g_autoptr(FetchController) controller = fetch_controller_new ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(FetchTimingInfo) timing = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      GInputStream *body;
      Result r = { 0 };
      char buffer[65536];
      gsize n = 0;

      fetch_client_fetch_with_controller_async (client, request, controller, cancellable,
                                                on_fetched, &r);
      wait_result (&r);
      g_assert_no_error (r.error);
      body = fetch_response_get_body (r.response);
      g_assert_true (g_input_stream_read_all (body, buffer, sizeof buffer, &n, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, sizeof buffer);
      g_assert_null (fetch_controller_get_timing_info (controller));

      if (mode == 2)
        fetch_controller_terminate (controller);
      else
        g_cancellable_cancel (cancellable);
      if (mode == 0)
        {
          g_assert_cmpint (g_input_stream_read (body, buffer, sizeof buffer, NULL, &error), ==, -1);
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_ABORTED);
          g_clear_error (&error);
        }
      bytes = test_read_all (body, NULL, &error);
      g_assert_null (bytes);
      if (mode == 2)
        g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
      else
        g_assert_error (error, FETCH_ERROR, FETCH_ERROR_ABORTED);
      timing = fetch_controller_get_timing_info (controller);
      g_assert_nonnull (timing);
      result_clear (&r);
    }

  /* Not canceled, the whole file reads; an abort after its end changes
   * nothing. */
  {
    g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, url, NULL, NULL);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    Result r = { 0 };
    char byte;

    fetch_client_fetch_async (client, request, cancellable, on_fetched, &r);
    wait_result (&r);
    g_assert_no_error (r.error);
    bytes = test_read_all (fetch_response_get_body (r.response), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (bytes), ==, 4 * 1024 * 1024 + 17);
    g_cancellable_cancel (cancellable);
    g_assert_cmpint (g_input_stream_read (fetch_response_get_body (r.response), &byte, 1, NULL, &error), ==, 0);
    g_assert_no_error (error);
    result_clear (&r);
  }
  remove_file (path);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = test_server_new ();

  g_test_add_func ("/fetch/abort/already-cancelled", test_already_cancelled);
  g_test_add_func ("/fetch/abort/before-connect", test_before_connect);
  g_test_add_func ("/fetch/abort/waiting-for-headers", test_waiting_for_headers);
  g_test_add_func ("/fetch/abort/mid-redirect", test_mid_redirect);
  g_test_add_func ("/fetch/abort/mid-body", test_mid_body);
  g_test_add_func ("/fetch/abort/mid-body-pending-read", test_mid_body_pending_read);
  g_test_add_func ("/fetch/abort/mid-body-consumer-and-clone", test_mid_body_consumer_and_clone);
  g_test_add_func ("/fetch/abort/controller-reason", test_controller_reason);
  g_test_add_func ("/fetch/abort/controller-terminate", test_controller_terminate);
  g_test_add_func ("/fetch/abort/controller-reuse", test_controller_reuse);
  g_test_add_func ("/fetch/abort/request-signal", test_request_signal);
  g_test_add_func ("/fetch/abort/request-signal-made-later", test_request_signal_made_later);
  g_test_add_func ("/fetch/abort/request-signal-cancelled-before", test_request_signal_cancelled_before);
  g_test_add_func ("/fetch/abort/client-terminate", test_client_terminate);
  g_test_add_func ("/fetch/abort/client-dispose", test_client_dispose);
  g_test_add_func ("/fetch/abort/unread-responses-released", test_unread_responses_released);
  g_test_add_func ("/fetch/abort/held-response-releases-connection", test_held_response_releases_connection);
  g_test_add_func ("/fetch/abort/mid-body-file", test_mid_body_file);

  ret = g_test_run ();
  test_server_free (server);
  return ret;
}
