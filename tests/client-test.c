/* client-test.c: FetchClient, the fetch method (§5.6) and the
 * concurrency, threading and memory behaviour of fetching
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <valgrind/valgrind.h>

#include "libfetch-glib/fetch.h"
#include "fetch-client-private.h"
#include "test-server.h"

static TestServer *server;

static void
test_properties (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchOrigin) origin = fetch_origin_new_tuple ("https", "example.com", 443);
  g_autofree char *ua = NULL;
  g_autofree char *al = NULL;
  int max_conns = 0, per_host = 0;

  g_test_summary ("Client properties: defaults, base URL parsing (TypeError, unchanged on "
                  "failure), origin, connection limits");

  g_assert_null (fetch_client_get_base_url (client));
  g_assert_null (fetch_client_get_origin (client));
  ua = fetch_client_dup_user_agent (client);
  g_assert_true (g_str_has_prefix (ua, "libfetch-glib/"));
  al = fetch_client_dup_accept_language (client);
  g_assert_cmpstr (al, ==, "*");
  g_assert_cmpint (fetch_client_get_referrer_policy (client), ==, FETCH_REFERRER_POLICY_NONE);
  g_object_get (client, "max-connections", &max_conns, "max-connections-per-host", &per_host, NULL);
  g_assert_cmpint (max_conns, ==, 256);
  g_assert_cmpint (per_host, ==, 64);

  g_assert_true (fetch_client_set_base_url (client, "https://example.com/a/b?c", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fetch_client_get_base_url (client), ==, "https://example.com/a/b?c");
  g_assert_false (fetch_client_set_base_url (client, "not a url", &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_cmpstr (fetch_client_get_base_url (client), ==, "https://example.com/a/b?c");

  fetch_client_set_origin (client, origin);
  g_assert_true (fetch_client_get_origin (client) == origin);
  fetch_client_set_origin (client, NULL);
  g_assert_null (fetch_client_get_origin (client));
}

static gpointer
get_default_thread (gpointer data)
{
  return fetch_client_get_default ();
}

static void
test_default_client (void)
{
  GThread *threads[8];
  FetchClient *client = fetch_client_get_default ();

  g_test_summary ("The default client is one object, whichever thread asks first");

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("default", get_default_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (g_thread_join (threads[i]) == client);
}

static void
test_relative_url (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *base = test_server_url (server, "/dir/page");
  g_autofree char *text = NULL;

  g_test_summary ("Relative request URLs resolve against the client's base URL");

  fetch_client_set_base_url (client, base, &error);
  response = test_fetch (client, "../echo?rel", NULL, &error);
  g_assert_no_error (error);
  text = test_response_text (response);
  g_assert_true (g_str_has_prefix (text, "GET /echo?rel\n"));
}

typedef struct {
  guint pending;
  guint ok;
} Many;

static void
on_many_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Many *many = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &error);

  g_assert_no_error (error);
  if (fetch_response_get_status (response) == 200)
    many->ok++;
  many->pending--;
}

static void
test_concurrent (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(TestServer) own = test_server_new ();
  Many many = { 0 };

  g_test_summary ("100 concurrent fetches on one context all complete, in parallel "
                  "connections (not queued two per host)");

  for (int i = 0; i < 100; i++)
    {
      g_autofree char *path = g_strdup_printf ("/bytes/%d", 1000 + i);
      g_autofree char *url = test_server_url (own, path);
      g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, url, NULL, NULL);

      many.pending++;
      fetch_client_fetch_async (client, request, NULL, on_many_done, &many);
    }
  while (many.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (many.ok, ==, 100);
  g_assert_cmpuint (test_server_get_connections (own), >, 2);
}

typedef struct {
  guint      pending;
  gboolean   done;
  GPtrArray *responses;
} Held;

static void
on_held_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Held *held = user_data;
  g_autoptr(GError) error = NULL;
  FetchResponse *response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &error);

  g_assert_no_error (error);
  g_ptr_array_add (held->responses, response);
  held->done = --held->pending == 0;
}

static void
test_concurrent_limits (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(TestServer) own = test_server_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = test_server_url (own, "/stall-body");
  Held held = { 0, FALSE, g_ptr_array_new_with_free_func (g_object_unref) };

  g_test_summary ("The default limits let 64 fetches to one host be in flight at once: 64 "
                  "responses whose bodies never end each hold their own connection");

  for (int i = 0; i < 64; i++)
    {
      g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, url, NULL, NULL);

      held.pending++;
      fetch_client_fetch_async (client, request, cancellable, on_held_done, &held);
    }
  /* (Queued behind a lower limit, the last ones would never come.) */
  test_wait_for (&held.done);
  g_assert_cmpuint (held.responses->len, ==, 64);
  g_assert_cmpuint (test_server_get_connections (own), ==, 64);

  g_cancellable_cancel (cancellable);
  g_ptr_array_unref (held.responses);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct {
  FetchClient *client;
  char        *url;
  char        *text;
  GError      *error;
  int          done;
} SyncJob;

static gpointer sync_thread_run (SyncJob *job);

static gpointer
sync_thread (gpointer data)
{
  SyncJob *job = data;

  sync_thread_run (job);
  g_atomic_int_set (&job->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static gpointer
sync_thread_run (SyncJob *job)
{
  g_autoptr(FetchRequest) request = fetch_request_new_for_client (job->client, job->url, NULL, &job->error);
  g_autoptr(FetchResponse) response = NULL;
  g_autoptr(GByteArray) all = g_byte_array_new ();
  GInputStream *body;
  guint8 buffer[4096];
  gssize n;

  if (request == NULL)
    return NULL;
  response = fetch_client_fetch_sync (job->client, request, NULL, &job->error);
  if (response == NULL)
    return NULL;
  body = fetch_response_get_body (response);
  while ((n = g_input_stream_read (body, buffer, sizeof buffer, NULL, &job->error)) > 0)
    g_byte_array_append (all, buffer, n);
  if (n == 0)
    job->text = g_strndup ((const char *) all->data, all->len);
  return NULL;
}

static void
test_sync_worker_thread (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  SyncJob job = { client, NULL, NULL, NULL, 0 };
  GThread *thread;

  g_test_summary ("fetch_client_fetch_sync() from a worker thread, body read synchronously, "
                  "while the main context keeps running (the server lives there)");

  job.url = test_server_url (server, "/bytes/100000");
  thread = g_thread_new ("sync-fetch", sync_thread, &job);
  while (!g_atomic_int_get (&job.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_assert_no_error (job.error);
  g_assert_cmpuint (strlen (job.text), ==, 100000);
  g_assert_true (g_str_has_prefix (job.text, "0123456789"));
  g_free (job.text);
  g_free (job.url);
}

typedef struct {
  FetchClient *client;
  int          done;
  guint        ok;
} RaceJob;

static gpointer
settings_race_thread (gpointer data)
{
  RaceJob *job = data;

  for (int i = 0; i < 1000; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = fetch_request_new_for_client (job->client, "data:,x", NULL, &error);
      g_autoptr(FetchResponse) response = NULL;

      g_assert_no_error (error);
      response = fetch_client_fetch_sync (job->client, request, NULL, &error);
      g_assert_no_error (error);
      job->ok++;
    }
  g_atomic_int_set (&job->done, 1);
  return NULL;
}

static void
test_settings_race (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchOrigin) a = fetch_origin_new_tuple ("https", "a.example", 443);
  g_autoptr(FetchOrigin) b = fetch_origin_new_tuple ("https", "b.example", 443);
  RaceJob job = { client, 0, 0 };
  GThread *thread;

  g_test_summary ("Requests made and fetched in a worker thread read the client's origin "
                  "and base URL (Request constructor, referrer) while the owning thread "
                  "changes them: no use after free (run under AddressSanitizer)");

  fetch_client_set_origin (client, a);
  thread = g_thread_new ("settings-race", settings_race_thread, &job);
  while (!g_atomic_int_get (&job.done))
    {
      fetch_client_set_origin (client, b);
      g_assert_true (fetch_client_set_base_url (client, "https://b.example/page", NULL));
      fetch_client_set_origin (client, a);
      g_assert_true (fetch_client_set_base_url (client, "https://a.example/other/page", NULL));
    }
  g_thread_join (thread);
  g_assert_cmpuint (job.ok, ==, 1000);
}

static void
test_sync_errors (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, "http://127.0.0.1:25/", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = fetch_client_fetch_sync (client, request, NULL, &error);

  g_test_summary ("fetch_client_fetch_sync() reports errors");

  g_assert_null (response);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
}

typedef struct {
  const char *path;
  const char *method;
  gboolean    read_body;
} SyncReleaseCase;

typedef struct {
  char *base;
  guint alive;   /* sessions not finalized after their client was dropped */
  int   done;
} SyncReleaseJob;

static gpointer
sync_release_thread (gpointer data)
{
  static const SyncReleaseCase cases[] = {
    { "/bytes/100000", "GET", TRUE },   /* body read to its end */
    { "/bytes/100000", "GET", FALSE },  /* body dropped unread */
    { "/echo", "HEAD", FALSE },         /* no body */
    { "/chain/2", "GET", TRUE },        /* redirects */
  };
  SyncReleaseJob *job = data;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FetchClient *client = fetch_client_new ();
      SoupSession *session = fetch_client_get_session (client);
      g_autofree char *url = g_strconcat (job->base, cases[i].path, NULL);
      g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
      g_autoptr(FetchRequest) request = NULL;
      g_autoptr(FetchResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
      fetch_request_init_set_method (init, cases[i].method);
      request = fetch_request_new_for_client (client, url, init, &error);
      g_assert_no_error (error);
      response = fetch_client_fetch_sync (client, request, NULL, &error);
      g_assert_no_error (error);
      if (cases[i].read_body)
        {
          guint8 buffer[4096];

          while (g_input_stream_read (fetch_response_get_body (response), buffer,
                                      sizeof buffer, NULL, &error) > 0)
            ;
          g_assert_no_error (error);
        }
      g_clear_object (&response);
      g_clear_object (&request);
      g_object_unref (client);
      if (session != NULL)
        {
          job->alive++;
          g_object_remove_weak_pointer (G_OBJECT (session), (gpointer *) &session);
        }
    }
  g_atomic_int_set (&job->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static void
test_sync_releases_messages (void)
{
  SyncReleaseJob job = { server->origin, 0, 0 };
  GThread *thread;

  g_test_summary ("fetch_client_fetch_sync() leaves nothing pending on its private main "
                  "context once the response is dropped (body read, unread, absent, "
                  "redirected): libsoup's message, its session and the context are freed");

  thread = g_thread_new ("sync-release", sync_release_thread, &job);
  while (!g_atomic_int_get (&job.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_assert_cmpuint (job.alive, ==, 0);
}

typedef struct {
  gboolean       done;
  FetchResponse *response;
  GError        *error;
} Convenience;

static void
on_convenience (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Convenience *c = user_data;

  c->response = fetch_fetch_finish (result, &c->error);
  c->done = TRUE;
}

static void
test_convenience (void)
{
  g_autofree char *url = test_server_url (server, "/echo");
  Convenience c = { 0 };
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autofree char *text = NULL;

  g_test_summary ("fetch_fetch_async() on the default client; a bad URL is a TypeError");

  fetch_request_init_set_method (init, "DELETE");
  fetch_fetch_async (url, init, NULL, on_convenience, &c);
  test_wait_for (&c.done);
  g_assert_no_error (c.error);
  text = test_response_text (c.response);
  g_assert_true (g_str_has_prefix (text, "DELETE /echo\n"));
  g_clear_object (&c.response);

  c.done = FALSE;
  fetch_fetch_async ("http://exa mple.com:99999/", NULL, NULL, on_convenience, &c);
  test_wait_for (&c.done);
  g_assert_null (c.response);
  g_assert_error (c.error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&c.error);
}

static void
on_url_fetch_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Convenience *c = user_data;

  c->response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &c->error);
  c->done = TRUE;
}

static void
test_fetch_url (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *base = test_server_url (server, "/dir/page");
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequestInit) abortable = fetch_request_init_new ();
  g_autoptr(GCancellable) signal = g_cancellable_new ();
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_string ("hello");
  Convenience c = { 0 };
  g_autofree char *text = NULL;

  g_test_summary ("§5.6 fetch(url, init) on a client: the URL resolves against the client's "
                  "base URL, init's members apply, a bad URL or init is a TypeError "
                  "without a request, init's signal aborts");

  g_assert_true (fetch_client_set_base_url (client, base, NULL));
  fetch_request_init_set_method (init, "PUT");
  fetch_request_init_set_body (init, body);
  fetch_client_fetch_url_async (client, "../echo?url", init, NULL, on_url_fetch_done, &c);
  test_wait_for (&c.done);
  g_assert_no_error (c.error);
  text = test_response_text (c.response);
  g_assert_true (g_str_has_prefix (text, "PUT /echo?url\n"));
  g_assert_true (g_str_has_suffix (text, "\n\nhello"));
  g_clear_object (&c.response);

  /* A GET with a body: a TypeError. */
  c.done = FALSE;
  fetch_request_init_set_method (init, "GET");
  fetch_client_fetch_url_async (client, "../echo", init, NULL, on_url_fetch_done, &c);
  test_wait_for (&c.done);
  g_assert_null (c.response);
  g_assert_error (c.error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&c.error);

  c.done = FALSE;
  fetch_client_fetch_url_async (client, "http://exa mple.com/", NULL, NULL, on_url_fetch_done, &c);
  test_wait_for (&c.done);
  g_assert_null (c.response);
  g_assert_error (c.error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&c.error);

  c.done = FALSE;
  fetch_request_init_set_signal (abortable, signal);
  fetch_client_fetch_url_async (client, "/stall-headers", abortable, NULL, on_url_fetch_done, &c);
  g_cancellable_cancel (signal);
  test_wait_for (&c.done);
  g_assert_null (c.response);
  g_assert_error (c.error, FETCH_ERROR, FETCH_ERROR_ABORTED);
  g_clear_error (&c.error);
}

typedef struct {
  FetchClient *client;
  char        *url;    /* the response's URL */
  int          done;
} FetchUrlSyncJob;

static gpointer
fetch_url_sync_thread (gpointer data)
{
  FetchUrlSyncJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = fetch_client_fetch_url_sync (job->client, "/echo?sync", NULL, NULL, &error);
  g_autoptr(FetchResponse) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (fetch_response_get_status (response), ==, 200);
  job->url = fetch_response_get_url (response);
  bad = fetch_client_fetch_url_sync (job->client, "http://127.0.0.1:25/", NULL, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  g_atomic_int_set (&job->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static void
test_fetch_url_sync (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *base = test_server_url (server, "/");
  g_autofree char *expected = test_server_url (server, "/echo?sync");
  FetchUrlSyncJob job = { client, NULL, 0 };
  GThread *thread;

  g_test_summary ("fetch_client_fetch_url_sync() from a worker thread: a response, or the "
                  "network error");

  g_assert_true (fetch_client_set_base_url (client, base, NULL));
  thread = g_thread_new ("fetch-url-sync", fetch_url_sync_thread, &job);
  while (!g_atomic_int_get (&job.done))   /* (the test server runs here) */
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_assert_cmpstr (job.url, ==, expected);
  g_free (job.url);
}

typedef struct {
  guint64 sent;
  gint64  total;
} Upload;

static void
on_upload_progress (FetchController *controller,
                    guint64          sent,
                    gint64           total,
                    Upload          *upload)
{
  g_assert_cmpuint (sent, >=, upload->sent);
  upload->sent = sent;
  upload->total = total;
}

static void
test_upload_progress (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server, "/echo");
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autofree char *data = g_strnfill (300000, 'x');
  g_autoptr(GBytes) bytes = g_bytes_new (data, 300000);
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_bytes (bytes);
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchController) controller = fetch_controller_new ();
  g_autoptr(FetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  Upload upload = { 0 };

  g_test_summary ("upload-progress reports the request body as it is sent");

  fetch_request_init_set_method (init, "POST");
  fetch_request_init_set_body (init, body);
  request = fetch_request_new_for_client (client, url, init, &error);
  g_signal_connect (controller, "upload-progress", G_CALLBACK (on_upload_progress), &upload);
  response = test_fetch_request (client, request, controller, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upload.sent, ==, 300000);
  g_assert_cmpint (upload.total, ==, 300000);
}

typedef struct {
  guint   calls;
  guint64 received;
  gint64  total;
} Download;

static void
on_download_progress (FetchController *controller,
                      guint64          received,
                      gint64           total,
                      Download        *download)
{
  g_assert_cmpuint (received, >, download->received);
  download->calls++;
  download->received = received;
  download->total = total;
}

static void
test_download_progress_file (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("client-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "body", NULL);
  g_autofree char *data = g_strnfill (300000, 'y');
  g_autofree char *url = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchController) controller = fetch_controller_new ();
  g_autoptr(FetchResponse) response = NULL;
  g_autoptr(FetchTimingInfo) timing = NULL;
  g_autofree char *text = NULL;
  Download download = { 0 };

  g_test_summary ("download-progress reports a file: body as it is read, up to its "
                  "length; the fetch ends (timing info final) when the body does");

  g_assert_no_error (error);
  g_file_set_contents (path, data, 300000, &error);
  g_assert_no_error (error);
  url = g_filename_to_uri (path, NULL, NULL);
  request = fetch_request_new_for_client (client, url, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (controller, "download-progress", G_CALLBACK (on_download_progress), &download);
  response = test_fetch_request (client, request, controller, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (fetch_controller_get_timing_info (controller));
  text = test_response_text (response);
  g_assert_cmpuint (strlen (text), ==, 300000);
  g_assert_cmpuint (download.calls, >=, 1);
  g_assert_cmpuint (download.received, ==, 300000);
  g_assert_cmpint (download.total, ==, 300000);
  timing = fetch_controller_get_timing_info (controller);
  g_assert_nonnull (timing);
  g_assert_cmpuint (timing->decoded_body_size, ==, 300000);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_blob_url (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("blob body", 9);
  g_autofree char *url = fetch_client_create_object_url (client, bytes, "text/plain");
  g_autoptr(GError) error = NULL;

  g_test_summary ("Blob URLs made by the client fetch their bytes until revoked");

  g_assert_true (g_str_has_prefix (url, "blob:"));
  {
    g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);
    g_autofree char *text = NULL;
    g_autofree char *type = NULL;

    g_assert_no_error (error);
    text = test_response_text (response);
    g_assert_cmpstr (text, ==, "blob body");
    type = fetch_headers_get (fetch_response_get_headers (response), "Content-Type", NULL);
    g_assert_cmpstr (type, ==, "text/plain");
  }
  fetch_client_revoke_object_url (client, url);
  {
    g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);

    g_assert_null (response);
    g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  }
}

static void
test_data_url (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = test_fetch (client, "data:text/plain,hello%20data", NULL, &error);
  g_autofree char *text = NULL;

  g_test_summary ("Main fetch step 12: a data: URL goes to scheme fetch");

  g_assert_no_error (error);
  g_assert_cmpint (fetch_response_get_response_type (response), ==, FETCH_RESPONSE_TYPE_BASIC);
  text = test_response_text (response);
  g_assert_cmpstr (text, ==, "hello data");
}

typedef struct {
  gboolean      done;
  GError       *error;
  guint64       total;
  GInputStream *stream;
  guint8       *buffer;
  gsize         peak_rss;
} Large;

static void
on_large_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Large *large = user_data;
  gssize n = g_input_stream_read_finish (large->stream, result, &large->error);

  if (n <= 0)
    {
      large->done = TRUE;
      return;
    }
  large->total += n;
  if ((large->total & ((64 << 20) - 1)) < (guint64) n)
    large->peak_rss = MAX (large->peak_rss, test_get_rss ());
  g_input_stream_read_async (large->stream, large->buffer, 256 * 1024, G_PRIORITY_DEFAULT,
                             NULL, on_large_read, large);
}

static void
test_large_body (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *path = g_strdup_printf ("/stream/%" G_GUINT64_FORMAT, (guint64) 256 << 20);
  g_autofree char *url = test_server_url (server, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  Large large = { 0 };
  gsize rss_before;

  g_test_summary ("A 256 MiB body streams through with flat memory");

  if (RUNNING_ON_VALGRIND)
    {
      g_test_skip ("too slow under valgrind");
      return;
    }

  response = test_fetch (client, url, NULL, &error);
  g_assert_no_error (error);
  rss_before = test_get_rss ();
  large.stream = fetch_response_get_body (response);
  large.buffer = g_malloc (256 * 1024);
  g_input_stream_read_async (large.stream, large.buffer, 256 * 1024, G_PRIORITY_DEFAULT,
                             NULL, on_large_read, &large);
  while (!large.done)
    g_main_context_iteration (NULL, TRUE);
  g_free (large.buffer);
  g_assert_no_error (large.error);
  g_assert_cmpuint (large.total, ==, (guint64) 256 << 20);
  g_test_message ("rss before %zu, peak %zu", rss_before, large.peak_rss);
  g_assert_cmpuint (large.peak_rss, <, rss_before + 32 * 1024 * 1024);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = test_server_new ();

  g_test_add_func ("/fetch/client/properties", test_properties);
  g_test_add_func ("/fetch/client/default", test_default_client);
  g_test_add_func ("/fetch/client/relative-url", test_relative_url);
  g_test_add_func ("/fetch/client/concurrent", test_concurrent);
  g_test_add_func ("/fetch/client/concurrent-limits", test_concurrent_limits);
  g_test_add_func ("/fetch/client/sync-worker-thread", test_sync_worker_thread);
  g_test_add_func ("/fetch/client/sync-errors", test_sync_errors);
  g_test_add_func ("/fetch/client/settings-race", test_settings_race);
  g_test_add_func ("/fetch/client/sync-releases-messages", test_sync_releases_messages);
  g_test_add_func ("/fetch/client/convenience", test_convenience);
  g_test_add_func ("/fetch/client/fetch-url", test_fetch_url);
  g_test_add_func ("/fetch/client/fetch-url-sync", test_fetch_url_sync);
  g_test_add_func ("/fetch/client/upload-progress", test_upload_progress);
  g_test_add_func ("/fetch/client/download-progress-file", test_download_progress_file);
  g_test_add_func ("/fetch/client/blob-url", test_blob_url);
  g_test_add_func ("/fetch/client/data-url", test_data_url);
  g_test_add_func ("/fetch/client/large-body", test_large_body);

  ret = g_test_run ();
  test_server_free (server);
  return ret;
}
