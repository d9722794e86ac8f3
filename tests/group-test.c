/* group-test.c: a client is a fetch group (§2.4): dropping the
 * application's last reference to it terminates its ongoing fetches
 * that are not keepalive
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "libfetch-glib/fetch.h"
#include "test-server.h"

static TestServer *server;

typedef struct {
  guint          calls;
  gboolean       done;
  gboolean       source_was_client;
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
  r->source_was_client = FETCH_IS_CLIENT (source);
  r->response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &r->error);
}

static void
result_clear (Result *r)
{
  g_clear_object (&r->response);
  g_clear_error (&r->error);
  *r = (Result) { 0 };
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

static void
wait_requests (guint n)
{
  while (server->requests < n)
    g_main_context_iteration (NULL, TRUE);
}

/* Fetches path with client; the request is dropped at once, so that
 * only the application's own reference keeps the client. */
static void
fetch_path (FetchClient *client,
            const char  *path,
            gboolean     keepalive,
            Result      *r)
{
  g_autofree char *url = test_server_url (server, path);
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  fetch_request_init_set_keepalive (init, keepalive);
  request = fetch_request_new_for_client (client, url, init, &error);
  g_assert_no_error (error);
  fetch_client_fetch_async (client, request, NULL, on_fetched, r);
}

/* Answers the stalled /stall-headers request number i. */
static void
answer_stalled (guint i)
{
  SoupServerMessage *msg = server->stalled->pdata[i];

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "late", 4);
  soup_server_message_unpause (msg);
  /* Answered: no longer the server's to unpause at the end. */
  g_ptr_array_remove_index (server->stalled, i);
}

static void
test_unref_terminates (void)
{
  FetchClient *client = fetch_client_new ();
  guint stalled = server->stalled->len;
  guint requests = server->requests;
  Result plain = { 0 }, keepalive = { 0 };
  g_autofree char *text = NULL;

  g_test_summary ("§2.4: dropping the last reference to a client with fetches waiting for "
                  "headers terminates those that are not keepalive: their callback runs once, "
                  "with the client, and a network error; a keepalive fetch goes on, and the "
                  "client is finalized when it ends");

  fetch_path (client, "/stall-headers", FALSE, &plain);
  wait_requests (requests + 1);
  fetch_path (client, "/stall-headers", TRUE, &keepalive);
  wait_requests (requests + 2);
  g_assert_cmpuint (server->stalled->len, ==, stalled + 2);

  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *) &client);
  g_object_unref (client);
  /* Disposed: the application's weak pointer is cleared at once. */
  g_assert_null (client);

  wait_result (&plain);
  g_assert_true (plain.source_was_client);
  g_assert_null (plain.response);
  g_assert_error (plain.error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  g_assert_false (keepalive.done);

  /* The keepalive fetch still completes, and its body can be read. */
  answer_stalled (stalled + 1);
  wait_result (&keepalive);
  g_assert_no_error (keepalive.error);
  g_assert_true (keepalive.source_was_client);
  g_assert_cmpint (fetch_response_get_status (keepalive.response), ==, 200);
  text = test_response_text (keepalive.response);
  g_assert_cmpstr (text, ==, "late");

  result_clear (&plain);
  result_clear (&keepalive);
}

static void
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Sets *finalized when object is finalized (weak references are
 * notified at dispose already; object data goes at finalize). */
static void
watch_finalize (gpointer  object,
                gboolean *finalized)
{
  g_object_set_data_full (object, "group-test-finalized", finalized, set_true);
}

static void
test_unref_terminates_body (void)
{
  FetchClient *client = fetch_client_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean finalized = FALSE;
  Result r = { 0 };

  g_test_summary ("§2.4: dropping the last reference to a client while a response body "
                  "streams makes the body stream fail; the client is finalized when the body "
                  "has ended");

  fetch_path (client, "/stall-body", FALSE, &r);
  wait_result (&r);
  g_assert_no_error (r.error);

  watch_finalize (client, &finalized);
  g_object_unref (client);
  /* The body is still the group's, until it fails. */
  g_assert_false (finalized);
  bytes = test_read_all (fetch_response_get_body (r.response), NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);

  /* The fetch ended with its body: the client went with it, and the
   * response can still be dropped safely. */
  g_assert_true (finalized);
  result_clear (&r);
}

static void
test_unref_after_fetches (void)
{
  FetchClient *client = fetch_client_new ();
  gboolean finalized = FALSE;
  g_autofree char *text = NULL;
  Result r = { 0 };

  g_test_summary ("Fetches that ended keep no reference on their client: the last unref "
                  "finalizes it at once");

  fetch_path (client, "/bytes/100", FALSE, &r);
  wait_result (&r);
  g_assert_no_error (r.error);
  text = test_response_text (r.response);
  g_assert_cmpuint (strlen (text), ==, 100);
  result_clear (&r);

  /* A fetch that failed before anything was sent (a bad port). */
  {
    g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, "http://127.0.0.1:25/",
                                                                    NULL, NULL);

    fetch_client_fetch_async (client, request, NULL, on_fetched, &r);
  }
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  result_clear (&r);

  watch_finalize (client, &finalized);
  g_object_unref (client);
  g_assert_true (finalized);
}

static void
test_terminate_keeps_client (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  guint requests = server->requests;
  Result r = { 0 };

  g_test_summary ("An explicit terminate ends the group's fetches and the client goes on: "
                  "a new fetch works");

  fetch_path (client, "/stall-headers", FALSE, &r);
  wait_requests (requests + 1);
  fetch_client_terminate (client);
  wait_result (&r);
  g_assert_error (r.error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  result_clear (&r);

  fetch_path (client, "/bytes/10", FALSE, &r);
  wait_result (&r);
  g_assert_no_error (r.error);
  g_assert_cmpint (fetch_response_get_status (r.response), ==, 200);
  result_clear (&r);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = test_server_new ();

  g_test_add_func ("/fetch/group/unref-terminates", test_unref_terminates);
  g_test_add_func ("/fetch/group/unref-terminates-body", test_unref_terminates_body);
  g_test_add_func ("/fetch/group/unref-after-fetches", test_unref_after_fetches);
  g_test_add_func ("/fetch/group/terminate-keeps-client", test_terminate_keeps_client);

  ret = g_test_run ();
  test_server_free (server);
  return ret;
}
