/* redirect-test.c: HTTP fetch (§4.3) and HTTP-redirect fetch (§4.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "libfetch-glib/fetch.h"
#include "fetch-headers-private.h"
#include "fetch-response-private.h"
#include "test-server.h"

static TestServer *server_a;
static TestServer *server_b;

/* A URL on server_a that redirects with status to target. */
static char *
redirect_url (TestServer *from,
              guint       status,
              const char *target)
{
  g_autofree char *escaped = g_uri_escape_string (target, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/redirect/%u?to=%s", status, escaped);

  return test_server_url (from, path);
}

static FetchRequestInit *
make_init (const char          *method,
           const char          *body,
           FetchRequestRedirect redirect)
{
  FetchRequestInit *init = fetch_request_init_new ();

  fetch_request_init_set_method (init, method);
  fetch_request_init_set_redirect (init, redirect);
  if (body != NULL)
    {
      g_autoptr(FetchBodyInit) body_init = fetch_body_init_new_string (body);
      fetch_request_init_set_body (init, body_init);
    }
  return init;
}

static void
test_status_by_mode (void)
{
  static const guint statuses[] = { 301, 302, 303, 307, 308 };
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *target = test_server_url (server_a, "/echo");

  g_test_summary ("Each redirect status with each redirect mode: follow gives the final "
                  "response (redirected), error a network error, manual an "
                  "opaque-redirect response");

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *url = redirect_url (server_a, statuses[i], target);

      /* follow */
      {
        g_autoptr(FetchRequestInit) init = make_init ("GET", NULL, FETCH_REQUEST_REDIRECT_FOLLOW);
        g_autoptr(GError) error = NULL;
        g_autoptr(FetchResponse) response = test_fetch (client, url, init, &error);
        g_autofree char *final_url = NULL;

        g_assert_no_error (error);
        g_assert_cmpuint (fetch_response_get_status (response), ==, 200);
        g_assert_true (fetch_response_get_redirected (response));
        final_url = fetch_response_get_url (response);
        g_assert_cmpstr (final_url, ==, target);
      }
      /* error */
      {
        g_autoptr(FetchRequestInit) init = make_init ("GET", NULL, FETCH_REQUEST_REDIRECT_ERROR);
        g_autoptr(GError) error = NULL;
        g_autoptr(FetchResponse) response = test_fetch (client, url, init, &error);

        g_assert_null (response);
        g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
      }
      /* manual */
      {
        g_autoptr(FetchRequestInit) init = make_init ("GET", NULL, FETCH_REQUEST_REDIRECT_MANUAL);
        g_autoptr(GError) error = NULL;
        g_autoptr(FetchResponse) response = test_fetch (client, url, init, &error);

        g_assert_no_error (error);
        g_assert_cmpint (fetch_response_get_response_type (response), ==, FETCH_RESPONSE_TYPE_OPAQUEREDIRECT);
        g_assert_cmpuint (fetch_response_get_status (response), ==, 0);
        g_assert_null (fetch_response_get_body (response));
        g_assert_false (fetch_response_get_redirected (response));
      }
    }
}

static void
test_method_rewriting (void)
{
  static const struct {
    guint       status;
    const char *method;
    const char *expected_method;
    gboolean    keeps_body;
  } cases[] = {
    { 301, "POST", "GET", FALSE },
    { 302, "POST", "GET", FALSE },
    { 303, "POST", "GET", FALSE },
    { 303, "PUT", "GET", FALSE },
    { 303, "DELETE", "GET", FALSE },
    { 307, "POST", "POST", TRUE },
    { 308, "POST", "POST", TRUE },
    { 301, "PUT", "PUT", TRUE },
    { 302, "PATCH", "PATCH", TRUE },
  };
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *target = test_server_url (server_a, "/echo");

  g_test_summary ("§4.4 step 12: 301/302 POST and 303 non-GET/HEAD become GET without "
                  "body and request-body headers; others keep method and body (step 14)");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = redirect_url (server_a, cases[i].status, target);
      g_autoptr(FetchRequestInit) init = make_init (cases[i].method, "payload", FETCH_REQUEST_REDIRECT_FOLLOW);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = test_fetch (client, url, init, &error);
      g_autofree char *text = NULL;
      g_autofree char *prefix = g_strdup_printf ("%s /echo\n", cases[i].expected_method);

      g_test_message ("%u %s", cases[i].status, cases[i].method);
      g_assert_no_error (error);
      text = test_response_text (response);
      g_assert_true (g_str_has_prefix (text, prefix));
      if (cases[i].keeps_body)
        {
          g_assert_true (g_str_has_suffix (text, "\n\npayload"));
          g_assert_nonnull (strstr (text, "Content-Type: text/plain"));
        }
      else
        {
          g_assert_true (g_str_has_suffix (text, "\n\n"));
          g_assert_null (strstr (text, "Content-Type"));
        }
    }
}

static void
test_stream_body (void)
{
  static const struct {
    guint    status;
    gboolean ok;
  } cases[] = { { 307, FALSE }, { 308, FALSE }, { 301, FALSE }, { 303, TRUE } };
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *target = test_server_url (server_a, "/echo");

  g_test_summary ("§4.4 step 11: a stream body cannot be re-sent: a network error, "
                  "except on 303 which drops it");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = redirect_url (server_a, cases[i].status, target);
      g_autoptr(FetchRequestInit) init = make_init ("POST", NULL, FETCH_REQUEST_REDIRECT_FOLLOW);
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("stream", 6, NULL);
      g_autoptr(FetchBodyInit) body = fetch_body_init_new_stream (stream, -1);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = NULL;

      fetch_request_init_set_body (init, body);
      fetch_request_init_set_duplex (init, FETCH_REQUEST_DUPLEX_HALF);
      response = test_fetch (client, url, init, &error);
      if (cases[i].ok)
        {
          g_autofree char *text = NULL;

          g_assert_no_error (error);
          text = test_response_text (response);
          g_assert_true (g_str_has_prefix (text, "GET /echo\n"));
        }
      else
        {
          g_assert_null (response);
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
        }
    }
}

static void
test_limit (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("§4.4 step 7: 20 redirects are followed, the 21st is a network error");

  {
    g_autofree char *url = test_server_url (server_a, "/chain/20");
    g_autoptr(GError) error = NULL;
    g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = test_response_text (response);
    g_assert_cmpstr (text, ==, "done");
    g_assert_true (fetch_response_get_redirected (response));
  }
  {
    g_autofree char *url = test_server_url (server_a, "/chain/21");
    g_autoptr(GError) error = NULL;
    g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);

    g_assert_null (response);
    g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
    g_assert_nonnull (strstr (error->message, "redirects"));
  }
}

static void
test_bad_location (void)
{
  static const char * const locations[] = {
    "data:,hello", "file:///etc/passwd", "ftp://example.com/", "about:blank", "http://[::1",
  };
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("§4.4 steps 5-6: a Location that fails to parse or is not HTTP(S) is a "
                  "network error");

  for (guint i = 0; i < G_N_ELEMENTS (locations); i++)
    {
      g_autofree char *url = redirect_url (server_a, 302, locations[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);

      g_test_message ("%s", locations[i]);
      g_assert_null (response);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
    }
}

static void
test_no_location (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *url = test_server_url (server_a, "/redirect/302");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);

  g_test_summary ("§4.4 step 4: a redirect status without Location is the response");

  g_assert_no_error (error);
  g_assert_cmpuint (fetch_response_get_status (response), ==, 302);
  g_assert_false (fetch_response_get_redirected (response));
}

static void
fetch_with_credentials (FetchClient *client,
                        const char  *url)
{
  g_autoptr(FetchRequest) request = fetch_request_new_for_client (client, url, NULL, NULL);
  FetchHeaders *headers = fetch_request_get_headers (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *text = NULL;

  fetch_header_list_append (fetch_headers_get_list (headers), "Authorization", "Bearer secret");
  fetch_header_list_append (fetch_headers_get_list (headers), "Proxy-Authorization", "Basic secret");
  fetch_header_list_append (fetch_headers_get_list (headers), "Cookie", "session=secret");
  response = test_fetch_request (client, request, NULL, NULL, &error);
  g_assert_no_error (error);
  text = test_response_text (response);
  g_assert_true (g_str_has_prefix (text, "GET /echo\n"));
}

static void
test_authorization_stripping (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *same = test_server_url (server_a, "/echo");
  g_autofree char *other = test_server_url (server_b, "/echo");
  g_autofree char *same_url = redirect_url (server_a, 302, same);
  g_autofree char *cross_url = redirect_url (server_a, 302, other);

  g_test_summary ("§4.4 step 13: Authorization (and Proxy-Authorization, Cookie) are "
                  "removed on a cross-origin redirect and kept on a same-origin one");

  fetch_with_credentials (client, same_url);
  g_assert_nonnull (strstr (server_a->last_request->str, "Authorization: Bearer secret\n"));
  g_assert_nonnull (strstr (server_a->last_request->str, "Cookie: session=secret\n"));

  fetch_with_credentials (client, cross_url);
  g_assert_true (g_str_has_prefix (server_b->last_request->str, "GET /echo\n"));
  g_assert_null (strstr (server_b->last_request->str, "Authorization"));
  g_assert_null (strstr (server_b->last_request->str, "Cookie"));
}

static void
test_fragment_inheritance (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *target = test_server_url (server_a, "/echo");
  g_autofree char *target2 = test_server_url (server_a, "/echo#own");
  g_autofree char *url = NULL;
  g_autofree char *url2 = NULL;

  g_test_summary ("§4.4 step 3: a Location without fragment inherits the request's");

  {
    g_autofree char *base = redirect_url (server_a, 302, target);
    g_autoptr(GError) error = NULL;
    g_autoptr(FetchResponse) response = NULL;
    GUri *final;

    url = g_strconcat (base, "#frag", NULL);
    response = test_fetch (client, url, NULL, &error);
    g_assert_no_error (error);
    final = fetch_response_get_url_internal (fetch_response_get_internal (response));
    g_assert_cmpstr (g_uri_get_fragment (final), ==, "frag");
  }
  {
    g_autofree char *base = redirect_url (server_a, 302, target2);
    g_autoptr(GError) error = NULL;
    g_autoptr(FetchResponse) response = NULL;
    GUri *final;

    url2 = g_strconcat (base, "#frag", NULL);
    response = test_fetch (client, url2, NULL, &error);
    g_assert_no_error (error);
    final = fetch_response_get_url_internal (fetch_response_get_internal (response));
    g_assert_cmpstr (g_uri_get_fragment (final), ==, "own");
  }
}

static void
test_referrer (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchOrigin) origin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = test_server_url (server_a, "/page.html?q=1");
  g_autofree char *same = test_server_url (server_a, "/echo");
  g_autofree char *other = test_server_url (server_b, "/echo");
  g_autofree char *cross_url = redirect_url (server_a, 302, other);
  g_autofree char *expected_full = g_strdup_printf ("Referer: %s\n", page);
  g_autofree char *expected_origin = g_strdup_printf ("Referer: %s/\n", server_a->origin);

  g_test_summary ("The referrer: none for a client without origin; the full URL "
                  "same-origin and the origin after a cross-origin redirect "
                  "(strict-origin-when-cross-origin, re-determined per redirect)");

  /* No origin: no Referer. */
  {
    g_autoptr(FetchResponse) response = test_fetch (client, same, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (strstr (server_a->last_request->str, "Referer"));
  }

  origin = fetch_origin_new_for_url (server_a->origin, &error);
  g_assert_no_error (error);
  fetch_client_set_origin (client, origin);
  fetch_client_set_base_url (client, page, &error);
  g_assert_no_error (error);

  {
    g_autoptr(FetchResponse) response = test_fetch (client, same, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (server_a->last_request->str, expected_full));
  }
  {
    g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
    g_autoptr(FetchResponse) response = NULL;

    fetch_request_init_set_mode (init, FETCH_REQUEST_MODE_NO_CORS);
    response = test_fetch (client, cross_url, init, &error);
    g_assert_no_error (error);
    g_assert_cmpint (fetch_response_get_response_type (response), ==, FETCH_RESPONSE_TYPE_OPAQUE);
    g_assert_nonnull (strstr (server_a->last_request->str, expected_full));
    g_assert_true (g_str_has_prefix (server_b->last_request->str, "GET /echo\n"));
    g_assert_nonnull (strstr (server_b->last_request->str, expected_origin));
  }
}

static void
test_cors_fails_closed (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchOrigin) origin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = test_server_url (server_b, "/echo");
  guint before;

  g_test_summary ("A client with a tuple origin: a cross-origin cors request is a "
                  "network error; one that needs a preflight is never sent");

  origin = fetch_origin_new_for_url (server_a->origin, &error);
  fetch_client_set_origin (client, origin);

  {
    g_autoptr(FetchResponse) response = test_fetch (client, other, NULL, &error);
    g_assert_null (response);
    g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
    g_clear_error (&error);
  }
  before = server_b->requests;
  {
    g_autoptr(FetchRequestInit) init = make_init ("PUT", "x", FETCH_REQUEST_REDIRECT_FOLLOW);
    g_autoptr(FetchResponse) response = test_fetch (client, other, init, &error);
    g_assert_null (response);
    g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  }
  g_assert_cmpuint (server_b->requests, ==, before);
}

static void
test_connection_reuse (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *url = test_server_url (server, "/chain/5");

  g_test_summary ("A redirect chain on one origin reuses one connection");

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = test_response_text (response);
      g_assert_cmpstr (text, ==, "done");
    }
  g_assert_cmpuint (server->requests, ==, 18);
  g_assert_cmpuint (test_server_get_connections (server), ==, 1);
}

static void
test_redirect_bad_port (void)
{
  static const int ports[] = { 25, 6000, 10080 };
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("§4.4 step 21 → §4.1 step 7: a redirect to a bad port is blocked (a "
                  "network error naming the port), however the first URL was allowed");

  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    {
      g_autofree char *target = g_strdup_printf ("http://127.0.0.1:%d/", ports[i]);
      g_autofree char *url = redirect_url (server_a, 302, target);
      g_autofree char *port = g_strdup_printf ("port %d", ports[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);

      g_assert_null (response);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
      g_assert_nonnull (strstr (error->message, "bad port"));
      g_assert_nonnull (strstr (error->message, port));
    }
}

static void
test_303_head (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autofree char *target = test_server_url (server_a, "/echo?after-303");
  g_autofree char *url = redirect_url (server_a, 303, target);
  g_autoptr(FetchRequestInit) init = make_init ("HEAD", NULL, FETCH_REQUEST_REDIRECT_FOLLOW);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;

  g_test_summary ("§4.4 step 12: a 303 to a HEAD request keeps HEAD (only non-GET/HEAD "
                  "methods become GET)");

  response = test_fetch (client, url, init, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_response_get_status (response), ==, 200);
  g_assert_true (fetch_response_get_redirected (response));
  g_assert_null (fetch_response_get_body (response));
  g_assert_true (g_str_has_prefix (server_a->last_request->str, "HEAD /echo?after-303\n"));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server_a = test_server_new ();
  server_b = test_server_new ();

  g_test_add_func ("/fetch/redirect/status-by-mode", test_status_by_mode);
  g_test_add_func ("/fetch/redirect/method-rewriting", test_method_rewriting);
  g_test_add_func ("/fetch/redirect/stream-body", test_stream_body);
  g_test_add_func ("/fetch/redirect/limit", test_limit);
  g_test_add_func ("/fetch/redirect/bad-location", test_bad_location);
  g_test_add_func ("/fetch/redirect/no-location", test_no_location);
  g_test_add_func ("/fetch/redirect/authorization-stripping", test_authorization_stripping);
  g_test_add_func ("/fetch/redirect/fragment", test_fragment_inheritance);
  g_test_add_func ("/fetch/redirect/referrer", test_referrer);
  g_test_add_func ("/fetch/redirect/cors-fails-closed", test_cors_fails_closed);
  g_test_add_func ("/fetch/redirect/connection-reuse", test_connection_reuse);
  g_test_add_func ("/fetch/redirect/bad-port", test_redirect_bad_port);
  g_test_add_func ("/fetch/redirect/303-head", test_303_head);

  ret = g_test_run ();
  test_server_free (server_a);
  test_server_free (server_b);
  return ret;
}
