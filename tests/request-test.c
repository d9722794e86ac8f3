/* request-test.c: requests (§2.2.5) and the Request class (§5.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "libfetch-glib/fetch.h"
#include "fetch-body-private.h"
#include "fetch-headers-private.h"
#include "fetch-request-private.h"
#include "fetch-url-private.h"
#include "test-server.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* A client with the given base URL and origin (both may be NULL). */
static FetchClient *
make_client (const char *base_url,
             const char *origin_url)
{
  FetchClient *client = fetch_client_new ();
  g_autoptr(GError) error = NULL;

  if (base_url != NULL)
    {
      fetch_client_set_base_url (client, base_url, &error);
      g_assert_no_error (error);
    }
  if (origin_url != NULL)
    {
      g_autoptr(FetchOrigin) origin = fetch_origin_new_for_url (origin_url, &error);

      g_assert_no_error (error);
      fetch_client_set_origin (client, origin);
    }
  return client;
}

/* The usual environment: https://example.com/dir/page, same origin. */
static FetchClient *
make_example_client (void)
{
  return make_client ("https://example.com/dir/page", "https://example.com");
}

static FetchRequest *
new_request (FetchClient      *client,
             const char       *url,
             FetchRequestInit *init)
{
  g_autoptr(GError) error = NULL;
  FetchRequest *request = fetch_request_new_for_client (client, url, init, &error);

  g_assert_no_error (error);
  g_assert_true (FETCH_IS_REQUEST (request));
  return request;
}

static void
assert_type_error (FetchRequest *request,
                   GError       *error)
{
  g_assert_null (request);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

/* A POST init with a string body. */
static FetchRequestInit *
post_init (const char *body)
{
  FetchRequestInit *init = fetch_request_init_new ();
  g_autoptr(FetchBodyInit) body_init = fetch_body_init_new_string (body);

  fetch_request_init_set_method (init, "POST");
  fetch_request_init_set_body (init, body_init);
  return init;
}

static GBytes *
consume_bytes (FetchRequest  *request,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fetch_request_bytes_async (request, NULL, test_store_result, &result);
  return fetch_request_bytes_finish (request, test_wait_for_result (&result), error);
}

static char *
consume_text (FetchRequest  *request,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fetch_request_text_async (request, NULL, test_store_result, &result);
  return fetch_request_text_finish (request, test_wait_for_result (&result), error);
}

static void
assert_body_text (FetchRequest *request,
                  const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = consume_text (request, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (fetch_request_get_body_used (request));
}

static void
assert_header (FetchRequest *request,
               const char   *name,
               const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = fetch_headers_get (fetch_request_get_headers (request), name, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, expected);
}

/* ------------------------------------------------------------------ */
/* Defaults, URLs                                                      */
/* ------------------------------------------------------------------ */

static void
test_defaults (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) request = NULL;
  g_autofree char *url = NULL;
  g_autofree char *referrer = NULL;

  g_test_summary ("new Request(url) has the defaults of §2.2.5 and §5.4: "
                  "GET, cors, same-origin credentials, about:client referrer");

  request = new_request (client, "https://example.com/a", NULL);
  url = fetch_request_get_url (request);
  referrer = fetch_request_get_referrer (request);
  g_assert_cmpstr (url, ==, "https://example.com/a");
  g_assert_cmpstr (fetch_request_get_method (request), ==, "GET");
  g_assert_cmpint (fetch_request_get_mode (request), ==, FETCH_REQUEST_MODE_CORS);
  g_assert_cmpint (fetch_request_get_credentials (request), ==, FETCH_REQUEST_CREDENTIALS_SAME_ORIGIN);
  g_assert_cmpint (fetch_request_get_cache (request), ==, FETCH_REQUEST_CACHE_DEFAULT);
  g_assert_cmpint (fetch_request_get_redirect (request), ==, FETCH_REQUEST_REDIRECT_FOLLOW);
  g_assert_cmpint (fetch_request_get_destination (request), ==, FETCH_REQUEST_DESTINATION_NONE);
  g_assert_cmpint (fetch_request_get_referrer_policy (request), ==, FETCH_REFERRER_POLICY_NONE);
  g_assert_cmpint (fetch_request_get_priority (request), ==, FETCH_REQUEST_PRIORITY_AUTO);
  g_assert_cmpint (fetch_request_get_duplex (request), ==, FETCH_REQUEST_DUPLEX_HALF);
  g_assert_cmpstr (referrer, ==, "about:client");
  g_assert_cmpstr (fetch_request_get_integrity (request), ==, "");
  g_assert_false (fetch_request_get_keepalive (request));
  g_assert_false (fetch_request_get_is_reload_navigation (request));
  g_assert_false (fetch_request_get_is_history_navigation (request));
  g_assert_null (fetch_request_get_body (request));
  g_assert_false (fetch_request_get_body_used (request));
  g_assert_true (G_IS_CANCELLABLE (fetch_request_get_signal (request)));
  g_assert_false (g_cancellable_is_cancelled (fetch_request_get_signal (request)));
  g_assert_cmpint (fetch_headers_get_guard (fetch_request_get_headers (request)), ==,
                   FETCH_HEADERS_GUARD_REQUEST);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (fetch_request_get_headers (request))), ==, 0);
  /* The same Headers object every time ([SameObject]). */
  g_assert_true (fetch_request_get_headers (request) == fetch_request_get_headers (request));

  /* The request concept's fields set by the constructor (step 12). */
  g_assert_true (request->unsafe_request);
  g_assert_true (request->initiator_type_fetch);
  g_assert_true (request->client == client);
  g_assert_null (request->origin);
  g_assert_false (request->use_cors_preflight);
  g_assert_false (request->is_window_no_window);
  g_assert_cmpuint (request->url_list->len, ==, 1);
  g_assert_true (fetch_request_get_current_url (request) == request->url_list->pdata[0]);
}

static void
test_properties (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = post_init ("x");
  g_autoptr(FetchRequest) request = NULL;
  g_autofree char *method = NULL, *url = NULL, *referrer = NULL, *integrity = NULL;
  g_autoptr(FetchHeaders) headers = NULL;
  g_autoptr(GCancellable) signal = NULL;
  g_autoptr(GInputStream) body = NULL;
  FetchRequestMode mode;
  FetchRequestCache cache;
  FetchRequestPriority priority;
  gboolean keepalive, body_used;

  g_test_summary ("Every getter is also a read-only GObject property");

  fetch_request_init_set_cache (init, FETCH_REQUEST_CACHE_NO_STORE);
  fetch_request_init_set_priority (init, FETCH_REQUEST_PRIORITY_LOW);
  fetch_request_init_set_keepalive (init, TRUE);
  fetch_request_init_set_integrity (init, "sha256-abc");
  request = new_request (client, "https://example.com/p", init);

  g_object_get (request,
                "method", &method, "url", &url, "referrer", &referrer,
                "integrity", &integrity, "headers", &headers, "signal", &signal,
                "body", &body, "mode", &mode, "cache", &cache,
                "priority", &priority, "keepalive", &keepalive,
                "body-used", &body_used, NULL);
  g_assert_cmpstr (method, ==, "POST");
  g_assert_cmpstr (url, ==, "https://example.com/p");
  g_assert_cmpstr (referrer, ==, "about:client");
  g_assert_cmpstr (integrity, ==, "sha256-abc");
  g_assert_true (headers == fetch_request_get_headers (request));
  g_assert_true (signal == fetch_request_get_signal (request));
  g_assert_true (body == fetch_request_get_body (request));
  g_assert_cmpint (mode, ==, FETCH_REQUEST_MODE_CORS);
  g_assert_cmpint (cache, ==, FETCH_REQUEST_CACHE_NO_STORE);
  g_assert_cmpint (priority, ==, FETCH_REQUEST_PRIORITY_LOW);
  g_assert_true (keepalive);
  g_assert_false (body_used);

  for (const char * const *name = (const char * const[]) {
         "destination", "referrer-policy", "credentials", "redirect",
         "is-reload-navigation", "is-history-navigation", "duplex", NULL };
       *name != NULL; name++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (request), *name);

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_READABLE);
      g_assert_false (pspec->flags & G_PARAM_WRITABLE);
    }
}

static void
test_default_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequest) relative = NULL;

  g_test_summary ("fetch_request_new() uses the default client, which has no base URL");

  request = fetch_request_new ("https://example.com/", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (request->client == fetch_client_get_default ());

  relative = fetch_request_new ("/relative", NULL, &error);
  assert_type_error (relative, error);
}

static void
test_url_relative (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  static const struct {
    const char *input;
    const char *expected;
  } cases[] = {
    { "../x", "https://example.com/x" },
    { "other", "https://example.com/dir/other" },
    { "?q=1", "https://example.com/dir/page?q=1" },
    { "//other.example/y", "https://other.example/y" },
    { "http://example.org/a/../b#f", "http://example.org/b#f" },
  };

  g_test_summary ("A relative URL is parsed against the client's API base URL (step 5.1)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchRequest) request = new_request (client, cases[i].input, NULL);
      g_autofree char *url = fetch_request_get_url (request);

      g_assert_cmpstr (url, ==, cases[i].expected);
    }
}

static void
test_url_errors (void)
{
  g_autoptr(FetchClient) no_base = make_client (NULL, NULL);
  g_autoptr(FetchClient) client = make_example_client ();
  static const struct {
    gboolean with_base;
    const char *input;
  } cases[] = {
    /* Step 5.2: failure, including relative URLs without a base URL */
    { FALSE, "/relative" },
    { FALSE, "relative" },
    { FALSE, "" },
    { TRUE, "http://[::1" },
    { TRUE, "https://exa mple.com/" },
    { TRUE, "http://example.com:99999/" },
    /* Step 5.3: credentials */
    { TRUE, "https://user:pass@example.com/" },
    { TRUE, "https://user@example.com/" },
    { TRUE, "https://:pass@example.com/" },
    { FALSE, "http://u:p@example.com/" },
  };

  g_test_summary ("An unparsable URL, or one with credentials, is a TypeError (steps 5.2-5.3)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request =
        fetch_request_new_for_client (cases[i].with_base ? client : no_base,
                                      cases[i].input, NULL, &error);

      g_test_message ("%s", cases[i].input);
      assert_type_error (request, error);
    }
}

/* ------------------------------------------------------------------ */
/* init members                                                        */
/* ------------------------------------------------------------------ */

static void
test_method (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  static const struct {
    const char *method;
    const char *expected;   /* NULL: TypeError */
  } cases[] = {
    { "GET", "GET" },
    { "get", "GET" },
    { "post", "POST" },
    { "Put", "PUT" },
    { "delete", "DELETE" },
    { "options", "OPTIONS" },
    { "head", "HEAD" },
    /* Only the six are normalized. */
    { "patch", "patch" },
    { "PATCH", "PATCH" },
    { "Custom-Method", "Custom-Method" },
    { "M!#$%&'*+-.^_`|~", "M!#$%&'*+-.^_`|~" },
    /* Step 25.2: not a method (token) */
    { "", NULL },
    { "GET POST", NULL },
    { "GE(T", NULL },
    { "G\xc3\xa9T", NULL },
    { "a,b", NULL },
    /* Step 25.2: forbidden methods, byte-case-insensitively */
    { "CONNECT", NULL },
    { "connect", NULL },
    { "TRACE", NULL },
    { "trace", NULL },
    { "TRACK", NULL },
    { "Track", NULL },
  };

  g_test_summary ("init.method must be a token and not forbidden; it is normalized (step 25)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = NULL;

      g_test_message ("method %s", cases[i].method);
      fetch_request_init_set_method (init, cases[i].method);
      request = fetch_request_new_for_client (client, "https://example.com/", init, &error);
      if (cases[i].expected == NULL)
        {
          assert_type_error (request, error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (fetch_request_get_method (request), ==, cases[i].expected);
    }
}

static void
test_mode (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  static const struct {
    FetchRequestMode mode;
    gboolean ok;
  } cases[] = {
    { FETCH_REQUEST_MODE_SAME_ORIGIN, TRUE },
    { FETCH_REQUEST_MODE_CORS, TRUE },
    { FETCH_REQUEST_MODE_NO_CORS, TRUE },
    { FETCH_REQUEST_MODE_NAVIGATE, FALSE },     /* step 17 */
    { FETCH_REQUEST_MODE_WEBSOCKET, FALSE },    /* not a RequestMode */
  };

  g_test_summary ("init.mode sets the mode; navigate (and websocket) is a TypeError (steps 16-18)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = NULL;

      fetch_request_init_set_mode (init, cases[i].mode);
      request = fetch_request_new_for_client (client, "https://example.com/", init, &error);
      if (!cases[i].ok)
        {
          assert_type_error (request, error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpint (fetch_request_get_mode (request), ==, cases[i].mode);
    }
}

static void
test_members (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequest) request = NULL;

  g_test_summary ("init's credentials, cache, redirect, integrity, keepalive, referrerPolicy "
                  "and priority are copied (steps 15, 19-24, 27)");

  fetch_request_init_set_credentials (init, FETCH_REQUEST_CREDENTIALS_INCLUDE);
  fetch_request_init_set_cache (init, FETCH_REQUEST_CACHE_RELOAD);
  fetch_request_init_set_redirect (init, FETCH_REQUEST_REDIRECT_MANUAL);
  fetch_request_init_set_integrity (init, "sha384-xyz");
  fetch_request_init_set_keepalive (init, TRUE);
  fetch_request_init_set_referrer_policy (init, FETCH_REFERRER_POLICY_UNSAFE_URL);
  fetch_request_init_set_priority (init, FETCH_REQUEST_PRIORITY_HIGH);
  request = new_request (client, "https://example.com/", init);

  g_assert_cmpint (fetch_request_get_credentials (request), ==, FETCH_REQUEST_CREDENTIALS_INCLUDE);
  g_assert_cmpint (fetch_request_get_cache (request), ==, FETCH_REQUEST_CACHE_RELOAD);
  g_assert_cmpint (fetch_request_get_redirect (request), ==, FETCH_REQUEST_REDIRECT_MANUAL);
  g_assert_cmpstr (fetch_request_get_integrity (request), ==, "sha384-xyz");
  g_assert_true (fetch_request_get_keepalive (request));
  g_assert_cmpint (fetch_request_get_referrer_policy (request), ==, FETCH_REFERRER_POLICY_UNSAFE_URL);
  g_assert_cmpint (fetch_request_get_priority (request), ==, FETCH_REQUEST_PRIORITY_HIGH);
}

static void
test_init_is_refcounted (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  FetchRequestInit *init = fetch_request_init_new ();
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(GCancellable) signal = g_cancellable_new ();
  g_autoptr(FetchRequest) request = NULL;
  gpointer copy;

  g_test_summary ("RequestInit is a reference-counted boxed type whose setters take references");

  g_assert_true (G_TYPE_IS_BOXED (FETCH_TYPE_REQUEST_INIT));
  copy = g_boxed_copy (FETCH_TYPE_REQUEST_INIT, init);
  g_assert_true (copy == init);
  g_boxed_free (FETCH_TYPE_REQUEST_INIT, copy);

  fetch_headers_append (headers, "X-A", "1", NULL);
  fetch_request_init_set_headers (init, headers);
  fetch_request_init_set_signal (init, signal);
  fetch_request_init_set_method (init, "PUT");
  fetch_request_init_set_method (init, "PATCH");   /* replaces */
  g_clear_object (&headers);
  request = new_request (client, "https://example.com/", init);
  fetch_request_init_unref (init);

  assert_header (request, "x-a", "1");
  g_assert_cmpstr (fetch_request_get_method (request), ==, "PATCH");
}

/* ------------------------------------------------------------------ */
/* Referrer                                                            */
/* ------------------------------------------------------------------ */

static void
test_referrer (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchClient) no_origin = make_client ("https://example.com/dir/page", NULL);
  static const struct {
    gboolean unset_origin;
    const char *referrer;
    const char *expected;   /* NULL: TypeError */
  } cases[] = {
    /* Step 14.2 */
    { FALSE, "", "" },
    /* Step 14.3.3: about:client */
    { FALSE, "about:client", "about:client" },
    { FALSE, "ABOUT:client", "about:client" },
    /* Step 14.3.4: same origin */
    { FALSE, "https://example.com/ref?x#y", "https://example.com/ref?x#y" },
    { FALSE, "/from/here", "https://example.com/from/here" },
    { FALSE, "sibling", "https://example.com/dir/sibling" },
    /* Step 14.3.3: not same origin with the client */
    { FALSE, "https://other.example/", "about:client" },
    { FALSE, "http://example.com/", "about:client" },
    { FALSE, "https://example.com:444/", "about:client" },
    { FALSE, "about:blank", "about:client" },
    { FALSE, "data:text/plain,x", "about:client" },
    /* An unset client origin is same origin with every URL. */
    { TRUE, "https://other.example/r", "https://other.example/r" },
    { TRUE, "about:client", "about:client" },
    /* Step 14.3.2 */
    { FALSE, "http://[::1", NULL },
    { FALSE, "https://exa mple.com/", NULL },
  };

  g_test_summary ("init.referrer: empty is no-referrer, about:client and cross-origin URLs "
                  "are client, others are the parsed URL; failure is a TypeError (step 14)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = NULL;
      g_autofree char *referrer = NULL;
      FetchReferrerKind kind;

      g_test_message ("referrer %s", cases[i].referrer);
      fetch_request_init_set_referrer (init, cases[i].referrer);
      request = fetch_request_new_for_client (cases[i].unset_origin ? no_origin : client,
                                              "https://example.com/", init, &error);
      if (cases[i].expected == NULL)
        {
          assert_type_error (request, error);
          continue;
        }
      g_assert_no_error (error);
      referrer = fetch_request_get_referrer (request);
      g_assert_cmpstr (referrer, ==, cases[i].expected);
      if (cases[i].expected[0] == '\0')
        kind = FETCH_REFERRER_NO_REFERRER;
      else if (strcmp (cases[i].expected, "about:client") == 0)
        kind = FETCH_REFERRER_CLIENT;
      else
        kind = FETCH_REFERRER_URL;
      g_assert_cmpint (request->referrer_kind, ==, kind);
    }
}

/* ------------------------------------------------------------------ */
/* Cache mode                                                          */
/* ------------------------------------------------------------------ */

static void
test_only_if_cached (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  static const struct {
    gboolean set_mode;
    FetchRequestMode mode;
    gboolean ok;
  } cases[] = {
    { FALSE, 0, FALSE },    /* string input: fallback mode cors */
    { TRUE, FETCH_REQUEST_MODE_CORS, FALSE },
    { TRUE, FETCH_REQUEST_MODE_NO_CORS, FALSE },
    { TRUE, FETCH_REQUEST_MODE_SAME_ORIGIN, TRUE },
  };

  g_test_summary ("cache only-if-cached needs mode same-origin (step 21)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = NULL;

      fetch_request_init_set_cache (init, FETCH_REQUEST_CACHE_ONLY_IF_CACHED);
      if (cases[i].set_mode)
        fetch_request_init_set_mode (init, cases[i].mode);
      request = fetch_request_new_for_client (client, "https://example.com/", init, &error);
      if (!cases[i].ok)
        {
          assert_type_error (request, error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpint (fetch_request_get_cache (request), ==, FETCH_REQUEST_CACHE_ONLY_IF_CACHED);
    }
}

static void
test_only_if_cached_from_request (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequestInit) empty = fetch_request_init_new ();
  g_autoptr(FetchRequestInit) cors = fetch_request_init_new ();
  g_autoptr(FetchRequest) input = NULL;
  g_autoptr(FetchRequest) copy = NULL;
  g_autoptr(FetchRequest) bad = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A Request input has no fallback mode: its same-origin mode keeps "
                  "only-if-cached valid, an init mode cors does not");

  fetch_request_init_set_cache (init, FETCH_REQUEST_CACHE_ONLY_IF_CACHED);
  fetch_request_init_set_mode (init, FETCH_REQUEST_MODE_SAME_ORIGIN);
  input = new_request (client, "https://example.com/", init);

  copy = fetch_request_new_from_request (input, empty, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fetch_request_get_mode (copy), ==, FETCH_REQUEST_MODE_SAME_ORIGIN);
  g_assert_cmpint (fetch_request_get_cache (copy), ==, FETCH_REQUEST_CACHE_ONLY_IF_CACHED);

  fetch_request_init_set_mode (cors, FETCH_REQUEST_MODE_CORS);
  bad = fetch_request_new_from_request (input, cors, &error);
  assert_type_error (bad, error);
}

/* ------------------------------------------------------------------ */
/* Navigate-mode input and non-empty inits (step 13)                  */
/* ------------------------------------------------------------------ */

/* A request as HTML's navigate would hand it over (e.g. to a service
 * worker): mode navigate, flags set, referrer, origin, two URLs. */
static FetchRequest *
make_navigation_request (FetchClient *client)
{
  FetchRequest *request = new_request (client, "https://example.com/first", NULL);

  request->mode = FETCH_REQUEST_MODE_NAVIGATE;
  request->reload_navigation = TRUE;
  request->history_navigation = TRUE;
  request->referrer_policy = FETCH_REFERRER_POLICY_ORIGIN;
  request->referrer_kind = FETCH_REFERRER_URL;
  request->referrer_url = fetch_url_parse ("https://example.com/ref", NULL);
  request->origin = fetch_origin_new_tuple ("https", "example.com", 443);
  request->destination = FETCH_REQUEST_DESTINATION_DOCUMENT;
  g_ptr_array_add (request->url_list, fetch_url_parse ("https://example.com/second", NULL));
  return request;
}

static void
test_navigate_input_without_init (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) input = make_navigation_request (client);
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequestInit) empty = fetch_request_init_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *referrer = NULL;

  g_test_summary ("With an empty init, the request keeps input's mode, flags, referrer, "
                  "origin and URL list (step 12); the destination is not copied");

  request = fetch_request_new_from_request (input, empty, &error);
  g_assert_no_error (error);
  url = fetch_request_get_url (request);
  referrer = fetch_request_get_referrer (request);
  g_assert_cmpint (fetch_request_get_mode (request), ==, FETCH_REQUEST_MODE_NAVIGATE);
  g_assert_true (fetch_request_get_is_reload_navigation (request));
  g_assert_true (fetch_request_get_is_history_navigation (request));
  g_assert_cmpint (fetch_request_get_referrer_policy (request), ==, FETCH_REFERRER_POLICY_ORIGIN);
  g_assert_cmpstr (referrer, ==, "https://example.com/ref");
  g_assert_nonnull (request->origin);
  g_assert_cmpuint (request->url_list->len, ==, 2);
  /* url is the request's URL, the first of the list */
  g_assert_cmpstr (url, ==, "https://example.com/first");
  g_assert_cmpint (fetch_request_get_destination (request), ==, FETCH_REQUEST_DESTINATION_NONE);
}

static void
test_navigate_input_with_init (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) input = make_navigation_request (client);
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *referrer = NULL;

  g_test_summary ("A non-empty init (even only window: null) turns navigate into same-origin, "
                  "unsets the navigation flags, resets origin, referrer, referrer policy "
                  "and the URL list (step 13)");

  fetch_request_init_set_window_null (init);
  request = fetch_request_new_from_request (input, init, &error);
  g_assert_no_error (error);
  url = fetch_request_get_url (request);
  referrer = fetch_request_get_referrer (request);
  g_assert_cmpint (fetch_request_get_mode (request), ==, FETCH_REQUEST_MODE_SAME_ORIGIN);
  g_assert_false (fetch_request_get_is_reload_navigation (request));
  g_assert_false (fetch_request_get_is_history_navigation (request));
  g_assert_cmpint (fetch_request_get_referrer_policy (request), ==, FETCH_REFERRER_POLICY_NONE);
  g_assert_cmpstr (referrer, ==, "about:client");
  g_assert_null (request->origin);
  g_assert_cmpuint (request->url_list->len, ==, 1);
  g_assert_cmpstr (url, ==, "https://example.com/second");
  /* Steps 10-11: window null means "no-window". */
  g_assert_true (request->is_window_no_window);
  g_assert_false (input->is_window_no_window);
}

static void
test_navigate_input_init_mode (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) input = make_navigation_request (client);
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(GError) error = NULL;

  g_test_summary ("init.mode navigate is a TypeError even when input's mode is navigate");

  fetch_request_init_set_mode (init, FETCH_REQUEST_MODE_NAVIGATE);
  request = fetch_request_new_from_request (input, init, &error);
  assert_type_error (request, error);
}

/* ------------------------------------------------------------------ */
/* Headers                                                             */
/* ------------------------------------------------------------------ */

static void
test_headers_init (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchHeaders) headers = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  const char * const pairs[] = {
    "X-One", "1", "Accept", "text/html", "X-One", "2", "Host", "evil.example",
    "Cookie", "a=b", "Sec-Thing", "x", NULL
  };

  g_test_summary ("init.headers is copied into the request's headers through the "
                  "\"request\" guard, which drops forbidden request-headers (steps 31, 33)");

  headers = fetch_headers_new_from_pairs (pairs, &error);
  g_assert_no_error (error);
  fetch_request_init_set_headers (init, headers);
  request = new_request (client, "https://example.com/", init);

  g_assert_true (fetch_request_get_headers (request) != headers);
  g_assert_cmpint (fetch_headers_get_guard (fetch_request_get_headers (request)), ==,
                   FETCH_HEADERS_GUARD_REQUEST);
  assert_header (request, "x-one", "1, 2");
  assert_header (request, "accept", "text/html");
  assert_header (request, "host", NULL);
  assert_header (request, "cookie", NULL);
  assert_header (request, "sec-thing", NULL);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (fetch_request_get_headers (request))), ==, 3);

  /* A copy: later changes to the init's headers are not seen. */
  fetch_headers_set (headers, "X-One", "changed", NULL);
  assert_header (request, "x-one", "1, 2");

  /* The guard stays on the request's headers. */
  g_assert_true (fetch_headers_append (fetch_request_get_headers (request), "Host", "x", NULL));
  assert_header (request, "host", NULL);
}

static void
test_headers_no_cors (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchHeaders) headers = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  FetchHeaders *request_headers;
  const char * const pairs[] = {
    "Accept", "text/html", "X-Custom", "1", "Content-Type", "application/json",
    "Content-Language", "en", "Range", "bytes=0-1", NULL
  };

  g_test_summary ("mode no-cors: guard request-no-cors keeps only no-CORS-safelisted "
                  "request-headers (step 32.2)");

  headers = fetch_headers_new_from_pairs (pairs, &error);
  g_assert_no_error (error);
  fetch_request_init_set_mode (init, FETCH_REQUEST_MODE_NO_CORS);
  fetch_request_init_set_headers (init, headers);
  request = new_request (client, "https://example.com/", init);
  request_headers = fetch_request_get_headers (request);

  g_assert_cmpint (fetch_headers_get_guard (request_headers), ==, FETCH_HEADERS_GUARD_REQUEST_NO_CORS);
  assert_header (request, "accept", "text/html");
  assert_header (request, "content-language", "en");
  assert_header (request, "x-custom", NULL);
  assert_header (request, "content-type", NULL);
  assert_header (request, "range", NULL);

  /* Later appends go through the same guard. */
  g_assert_true (fetch_headers_append (request_headers, "X-Later", "1", NULL));
  assert_header (request, "x-later", NULL);
  g_assert_true (fetch_headers_append (request_headers, "Content-Type", "text/plain", NULL));
  assert_header (request, "content-type", "text/plain");
}

static void
test_headers_no_cors_method (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  static const struct {
    const char *method;
    gboolean ok;
  } cases[] = {
    { "GET", TRUE },
    { "HEAD", TRUE },
    { "POST", TRUE },
    { "post", TRUE },
    { "PUT", FALSE },
    { "DELETE", FALSE },
    { "PATCH", FALSE },
    { "OPTIONS", FALSE },
  };

  g_test_summary ("mode no-cors needs a CORS-safelisted method (step 32.1)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = NULL;

      fetch_request_init_set_mode (init, FETCH_REQUEST_MODE_NO_CORS);
      fetch_request_init_set_method (init, cases[i].method);
      request = fetch_request_new_for_client (client, "https://example.com/", init, &error);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        assert_type_error (request, error);
    }
}

static void
test_headers_from_request (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) input = new_request (client, "https://example.com/", NULL);
  g_autoptr(FetchRequest) copy = NULL;
  g_autoptr(FetchRequest) no_cors = NULL;
  g_autoptr(FetchRequest) overridden = NULL;
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequestInit) init_headers = fetch_request_init_new ();
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(GError) error = NULL;

  g_test_summary ("From a Request, the header list is copied; a non-empty init re-appends "
                  "it through the new guard; init.headers replaces it (steps 12, 33)");

  g_assert_true (fetch_headers_append (fetch_request_get_headers (input), "X-Custom", "1", NULL));
  g_assert_true (fetch_headers_append (fetch_request_get_headers (input), "Accept", "a/b", NULL));

  /* No init: a copy, independent of input's. */
  copy = fetch_request_new_from_request (input, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fetch_request_get_headers (copy) != fetch_request_get_headers (input));
  assert_header (copy, "x-custom", "1");
  fetch_headers_set (fetch_request_get_headers (input), "X-Custom", "2", NULL);
  assert_header (copy, "x-custom", "1");

  /* init.mode no-cors: re-appended through request-no-cors. */
  fetch_request_init_set_mode (init, FETCH_REQUEST_MODE_NO_CORS);
  no_cors = fetch_request_new_from_request (input, init, &error);
  g_assert_no_error (error);
  assert_header (no_cors, "x-custom", NULL);
  assert_header (no_cors, "accept", "a/b");

  /* init.headers replaces input's headers. */
  fetch_headers_append (headers, "X-Other", "o", NULL);
  fetch_request_init_set_headers (init_headers, headers);
  overridden = fetch_request_new_from_request (input, init_headers, &error);
  g_assert_no_error (error);
  assert_header (overridden, "x-other", "o");
  assert_header (overridden, "x-custom", NULL);
  assert_header (overridden, "accept", NULL);
}

static void
test_headers_no_cors_input_without_init (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) input = new_request (client, "https://example.com/", NULL);
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("An input request in no-cors mode gives the request-no-cors guard, "
                  "and without an init its headers are kept as they are (steps 32-33)");

  /* Headers a privileged API set are not sanitized again without an
   * init (step 33 runs only for a non-empty init). */
  g_assert_true (fetch_headers_append (fetch_request_get_headers (input), "X-Custom", "1", NULL));
  input->mode = FETCH_REQUEST_MODE_NO_CORS;
  request = fetch_request_new_from_request (input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fetch_headers_get_guard (fetch_request_get_headers (request)), ==,
                   FETCH_HEADERS_GUARD_REQUEST_NO_CORS);
  assert_header (request, "x-custom", "1");

  /* And a no-cors input with a non-safelisted method is a TypeError. */
  g_clear_object (&request);
  g_free (input->method);
  input->method = g_strdup ("PUT");
  request = fetch_request_new_from_request (input, NULL, &error);
  assert_type_error (request, error);
}

/* ------------------------------------------------------------------ */
/* Body                                                                */
/* ------------------------------------------------------------------ */

static void
test_body_get_head (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  const char *methods[] = { NULL, "GET", "get", "HEAD", "head" };

  g_test_summary ("GET and HEAD requests cannot have a body; a null body is fine (step 35)");

  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
      g_autoptr(FetchRequestInit) null_body = fetch_request_init_new ();
      g_autoptr(FetchBodyInit) body = fetch_body_init_new_string ("x");
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = NULL;
      g_autoptr(FetchRequest) ok = NULL;

      if (methods[i] != NULL)
        {
          fetch_request_init_set_method (init, methods[i]);
          fetch_request_init_set_method (null_body, methods[i]);
        }
      fetch_request_init_set_body (init, body);
      request = fetch_request_new_for_client (client, "https://example.com/", init, &error);
      assert_type_error (request, error);
      g_clear_error (&error);

      fetch_request_init_set_body (null_body, NULL);
      ok = fetch_request_new_for_client (client, "https://example.com/", null_body, &error);
      g_assert_no_error (error);
      g_assert_null (fetch_request_get_body (ok));
    }
}

static void
test_body_get_from_input_with_body (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) post = post_init ("payload");
  g_autoptr(FetchRequestInit) get = fetch_request_init_new ();
  g_autoptr(FetchRequest) input = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A GET init on an input with a body is a TypeError, and input keeps "
                  "its body (step 35)");

  input = new_request (client, "https://example.com/", post);
  fetch_request_init_set_method (get, "GET");
  request = fetch_request_new_from_request (input, get, &error);
  assert_type_error (request, error);
  g_assert_false (fetch_request_get_body_used (input));
  assert_body_text (input, "payload");
}

static void
test_body_content_type (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{}", 2);
  const char * const pairs[] = { "a", "1", "b", "2", NULL };
  struct {
    FetchBodyInit *body;
    const char *expected;
  } cases[] = {
    { fetch_body_init_new_string ("text"), "text/plain;charset=UTF-8" },
    { fetch_body_init_new_blob (bytes, "application/json"), "application/json" },
    { fetch_body_init_new_blob (bytes, ""), NULL },
    { fetch_body_init_new_bytes (bytes), NULL },
    { fetch_body_init_new_urlencoded (pairs), "application/x-www-form-urlencoded;charset=UTF-8" },
  };

  g_test_summary ("The extracted body's type becomes Content-Type unless the headers "
                  "have one (step 37.4)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
      g_autoptr(FetchRequestInit) with_type = fetch_request_init_new ();
      g_autoptr(FetchHeaders) headers = fetch_headers_new ();
      g_autoptr(FetchRequest) request = NULL;
      g_autoptr(FetchRequest) kept = NULL;

      fetch_request_init_set_method (init, "POST");
      fetch_request_init_set_body (init, cases[i].body);
      request = new_request (client, "https://example.com/", init);
      assert_header (request, "content-type", cases[i].expected);

      fetch_headers_append (headers, "content-type", "text/x-mine", NULL);
      fetch_request_init_set_method (with_type, "POST");
      fetch_request_init_set_headers (with_type, headers);
      fetch_request_init_set_body (with_type, cases[i].body);
      kept = new_request (client, "https://example.com/", with_type);
      assert_header (kept, "content-type", "text/x-mine");

      fetch_body_init_unref (cases[i].body);
    }
}

static void
test_body_form_data (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchFormData) form = fetch_form_data_new ();
  g_autoptr(FetchBodyInit) body = NULL;
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchFormData) parsed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autoptr(FetchFormDataEntry) entry = NULL;

  g_test_summary ("A FormData body gets a multipart Content-Type, needs no duplex, and "
                  "reads back with formData()");

  fetch_form_data_append (form, "a", "1");
  body = fetch_body_init_new_form_data (form);
  fetch_request_init_set_method (init, "POST");
  fetch_request_init_set_body (init, body);
  request = new_request (client, "https://example.com/", init);
  g_assert_false (request->use_cors_preflight);
  type = fetch_headers_get (fetch_request_get_headers (request), "content-type", NULL);
  g_assert_true (g_str_has_prefix (type, "multipart/form-data; boundary="));

  fetch_request_form_data_async (request, NULL, test_store_result, &result);
  parsed = fetch_request_form_data_finish (request, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  entry = fetch_form_data_get (parsed, "a");
  g_assert_nonnull (entry);
  g_assert_cmpstr (fetch_form_data_entry_get_value (entry), ==, "1");
}

static void
test_body_stream_duplex (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("streamed", 8, NULL);
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_stream (stream, -1);
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A stream body needs duplex \"half\" (step 39.1); the failure leaves the "
                  "stream usable; success sets use-CORS-preflight (step 39.3)");

  fetch_request_init_set_method (init, "POST");
  fetch_request_init_set_body (init, body);
  request = fetch_request_new_for_client (client, "https://example.com/", init, &error);
  assert_type_error (request, error);
  g_clear_error (&error);

  fetch_request_init_set_duplex (init, FETCH_REQUEST_DUPLEX_HALF);
  request = new_request (client, "https://example.com/", init);
  g_assert_true (request->use_cors_preflight);
  g_assert_null (request->body->source);
  assert_header (request, "content-type", NULL);
  assert_body_text (request, "streamed");
}

static void
test_body_stream_mode (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  static const struct {
    FetchRequestMode mode;
    gboolean ok;
  } cases[] = {
    { FETCH_REQUEST_MODE_SAME_ORIGIN, TRUE },
    { FETCH_REQUEST_MODE_CORS, TRUE },
    { FETCH_REQUEST_MODE_NO_CORS, FALSE },
  };

  g_test_summary ("A stream body needs mode same-origin or cors (step 39.2)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("s", 1, NULL);
      g_autoptr(FetchBodyInit) body = fetch_body_init_new_stream (stream, 1);
      g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
      g_autoptr(FetchRequest) request = NULL;
      g_autoptr(GError) error = NULL;

      fetch_request_init_set_method (init, "POST");
      fetch_request_init_set_mode (init, cases[i].mode);
      fetch_request_init_set_duplex (init, FETCH_REQUEST_DUPLEX_HALF);
      fetch_request_init_set_body (init, body);
      request = fetch_request_new_for_client (client, "https://example.com/", init, &error);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        assert_type_error (request, error);
    }
}

static void
test_body_stream_keepalive (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("s", 1, NULL);
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_stream (stream, 1);
  g_autoptr(FetchBodyInit) text = fetch_body_init_new_string ("t");
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequest) ok = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("keepalive with a stream body is a TypeError (extraction, step 37.1)");

  fetch_request_init_set_method (init, "POST");
  fetch_request_init_set_keepalive (init, TRUE);
  fetch_request_init_set_duplex (init, FETCH_REQUEST_DUPLEX_HALF);
  fetch_request_init_set_body (init, body);
  request = fetch_request_new_for_client (client, "https://example.com/", init, &error);
  assert_type_error (request, error);

  fetch_request_init_set_body (init, text);
  ok = new_request (client, "https://example.com/", init);
  g_assert_true (fetch_request_get_keepalive (ok));
}

static void
test_body_from_request (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = post_init ("hello");
  g_autoptr(FetchRequest) input = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequest) again = NULL;
  g_autoptr(FetchRequest) clone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char buffer[1];

  g_test_summary ("Constructing from a Request takes its body over: input's body is "
                  "used afterwards and cannot be used again (steps 41-42)");

  input = new_request (client, "https://example.com/", init);
  g_assert_false (fetch_request_get_body_used (input));

  request = fetch_request_new_from_request (input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fetch_request_get_method (request), ==, "POST");
  assert_header (request, "content-type", "text/plain;charset=UTF-8");
  /* input is disturbed (and so unusable) right away, and locked: nobody
   * reads the new request's bytes through it. */
  g_assert_true (fetch_request_get_body_used (input));
  g_assert_nonnull (fetch_request_get_body (input));
  g_assert_cmpint (g_input_stream_read (fetch_request_get_body (input), buffer, 1, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  g_assert_false (fetch_request_get_body_used (request));
  /* the source and length went along */
  g_assert_nonnull (request->body->source);
  g_assert_cmpint (request->body->length, ==, 5);

  /* Step 41.1: input is unusable now. */
  again = fetch_request_new_from_request (input, NULL, &error);
  assert_type_error (again, error);
  g_clear_error (&error);
  clone = fetch_request_clone (input, &error);
  assert_type_error (clone, error);
  g_clear_error (&error);
  bytes = consume_bytes (input, &error);
  g_assert_null (bytes);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);

  assert_body_text (request, "hello");
}

static void
test_body_from_request_with_init_body (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = post_init ("input body");
  g_autoptr(FetchRequestInit) override = fetch_request_init_new ();
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_string ("init body");
  g_autoptr(FetchRequest) input = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("An init body replaces input's body, which stays untouched (steps 38, 41)");

  input = new_request (client, "https://example.com/", init);
  fetch_request_init_set_body (override, body);
  request = fetch_request_new_from_request (input, override, &error);
  g_assert_no_error (error);
  g_assert_false (fetch_request_get_body_used (input));
  assert_body_text (request, "init body");
  assert_body_text (input, "input body");
}

static void
test_body_from_request_null_init_body (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = post_init ("kept");
  g_autoptr(FetchRequestInit) null_body = fetch_request_init_new ();
  g_autoptr(FetchRequest) input = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("init.body null does not replace input's body: it is taken over (step 38)");

  input = new_request (client, "https://example.com/", init);
  fetch_request_init_set_body (null_body, NULL);
  request = fetch_request_new_from_request (input, null_body, &error);
  g_assert_no_error (error);
  g_assert_true (fetch_request_get_body_used (input));
  assert_body_text (request, "kept");
}

static void
test_body_from_request_stream (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("abc", 3, NULL);
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_stream (stream, 3);
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequestInit) no_cors = fetch_request_init_new ();
  g_autoptr(FetchRequest) input = NULL;
  g_autoptr(FetchRequest) bad = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A stream body taken from input needs no duplex but needs mode "
                  "same-origin or cors (step 39)");

  fetch_request_init_set_method (init, "POST");
  fetch_request_init_set_duplex (init, FETCH_REQUEST_DUPLEX_HALF);
  fetch_request_init_set_body (init, body);
  input = new_request (client, "https://example.com/", init);

  fetch_request_init_set_mode (no_cors, FETCH_REQUEST_MODE_NO_CORS);
  bad = fetch_request_new_from_request (input, no_cors, &error);
  assert_type_error (bad, error);
  g_clear_error (&error);
  g_assert_false (fetch_request_get_body_used (input));

  request = fetch_request_new_from_request (input, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (request->use_cors_preflight);
  g_assert_true (fetch_request_get_body_used (input));
  assert_body_text (request, "abc");
}

static void
test_body_used_by_reading_stream (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = post_init ("abc");
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequest) copy = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[1];

  g_test_summary ("Reading the body stream directly marks the body used");

  request = new_request (client, "https://example.com/", init);
  g_assert_cmpint (g_input_stream_read (fetch_request_get_body (request), buffer, 1, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (fetch_request_get_body_used (request));

  copy = fetch_request_new_from_request (request, NULL, &error);
  assert_type_error (copy, error);
}

static void
test_consume (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) json_init = post_init ("{\"a\": [1, 2]}");
  g_autoptr(FetchRequest) json_request = NULL;
  g_autoptr(FetchRequest) empty = NULL;
  g_autoptr(FetchRequest) blob_request = NULL;
  g_autoptr(FetchRequestInit) blob_init = fetch_request_init_new ();
  g_autoptr(GBytes) blob_bytes = g_bytes_new_static ("\x00\x01", 2);
  g_autoptr(FetchBodyInit) blob = fetch_body_init_new_blob (blob_bytes, "image/png");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) blob_result = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) blob_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;

  g_test_summary ("The Body mixin consumers: json(), blob() with its type, and bytes() "
                  "of a null body (§5.3)");

  json_request = new_request (client, "https://example.com/", json_init);
  fetch_request_json_async (json_request, NULL, test_store_result, &result);
  node = fetch_request_json_finish (json_request, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "a")), ==, 2);

  fetch_request_init_set_method (blob_init, "POST");
  fetch_request_init_set_body (blob_init, blob);
  blob_request = new_request (client, "https://example.com/", blob_init);
  fetch_request_blob_async (blob_request, NULL, test_store_result, &blob_result);
  blob_out = fetch_request_blob_finish (blob_request, test_wait_for_result (&blob_result), &type, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (blob_out), ==, 2);
  g_assert_cmpstr (type, ==, "image/png");

  empty = new_request (client, "https://example.com/", NULL);
  bytes = consume_bytes (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  /* A null body is never "used". */
  g_assert_false (fetch_request_get_body_used (empty));
}

static void
test_consume_twice (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = post_init ("once");
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;

  g_test_summary ("Consuming a body twice is a TypeError (§5.3 consume body step 1)");

  request = new_request (client, "https://example.com/", init);
  assert_body_text (request, "once");
  second = consume_text (request, &error);
  g_assert_null (second);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
}

/* ------------------------------------------------------------------ */
/* clone()                                                             */
/* ------------------------------------------------------------------ */

static void
test_clone (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) init = post_init ("twice");
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequest) clone = NULL;
  g_autoptr(FetchRequest) late = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_test_summary ("clone() copies the request, headers with their guard, and both "
                  "read the whole body; a used body cannot be cloned");

  fetch_request_init_set_mode (init, FETCH_REQUEST_MODE_NO_CORS);
  fetch_request_init_set_credentials (init, FETCH_REQUEST_CREDENTIALS_OMIT);
  request = new_request (client, "https://example.com/c", init);
  clone = fetch_request_clone (request, &error);
  g_assert_no_error (error);

  url = fetch_request_get_url (clone);
  g_assert_cmpstr (url, ==, "https://example.com/c");
  g_assert_cmpstr (fetch_request_get_method (clone), ==, "POST");
  g_assert_cmpint (fetch_request_get_mode (clone), ==, FETCH_REQUEST_MODE_NO_CORS);
  g_assert_cmpint (fetch_request_get_credentials (clone), ==, FETCH_REQUEST_CREDENTIALS_OMIT);
  g_assert_true (fetch_request_get_headers (clone) != fetch_request_get_headers (request));
  g_assert_cmpint (fetch_headers_get_guard (fetch_request_get_headers (clone)), ==,
                   FETCH_HEADERS_GUARD_REQUEST_NO_CORS);
  assert_header (clone, "content-type", "text/plain;charset=UTF-8");
  g_assert_true (clone->client == client);
  g_assert_true (fetch_request_get_signal (clone) != fetch_request_get_signal (request));

  assert_body_text (request, "twice");
  assert_body_text (clone, "twice");

  late = fetch_request_clone (request, &error);
  assert_type_error (late, error);
}

static void
test_clone_null_body (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) request = new_request (client, "https://example.com/", NULL);
  g_autoptr(FetchRequest) clone = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("clone() of a request with a null body");

  clone = fetch_request_clone (request, &error);
  g_assert_no_error (error);
  g_assert_null (fetch_request_get_body (clone));
  g_assert_cmpint (fetch_headers_get_guard (fetch_request_get_headers (clone)), ==,
                   FETCH_HEADERS_GUARD_REQUEST);
}

static void
test_clone_internal (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) request = make_navigation_request (client);
  g_autoptr(FetchRequest) clone = NULL;

  g_test_summary ("§2.2.5 clone a request copies every field, the URL list included");

  request->redirect_count = 3;
  request->response_tainting = FETCH_RESPONSE_TAINTING_CORS;
  request->use_url_credentials = TRUE;
  clone = fetch_request_clone_internal (request);
  g_assert_cmpuint (clone->url_list->len, ==, 2);
  g_assert_cmpint (clone->mode, ==, FETCH_REQUEST_MODE_NAVIGATE);
  g_assert_cmpint (clone->destination, ==, FETCH_REQUEST_DESTINATION_DOCUMENT);
  g_assert_cmpuint (clone->redirect_count, ==, 3);
  g_assert_cmpint (clone->response_tainting, ==, FETCH_RESPONSE_TAINTING_CORS);
  g_assert_true (clone->use_url_credentials);
  g_assert_true (clone->reload_navigation);
  g_assert_nonnull (clone->origin);
  g_assert_cmpint (clone->referrer_kind, ==, FETCH_REFERRER_URL);
  g_assert_true (fetch_request_get_current_url (clone) == fetch_request_get_current_url (request));
}

/* ------------------------------------------------------------------ */
/* Signals                                                             */
/* ------------------------------------------------------------------ */

static void
test_signal_follows_input (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) input = new_request (client, "https://example.com/", NULL);
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequest) clone = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A request made from another follows its signal (steps 6.3, 30), "
                  "and so does a clone (clone() step 4)");

  request = fetch_request_new_from_request (input, NULL, &error);
  g_assert_no_error (error);
  clone = fetch_request_clone (request, &error);
  g_assert_no_error (error);
  g_assert_true (fetch_request_get_signal (request) != fetch_request_get_signal (input));
  g_assert_false (g_cancellable_is_cancelled (fetch_request_get_signal (request)));

  g_cancellable_cancel (fetch_request_get_signal (input));
  g_assert_true (g_cancellable_is_cancelled (fetch_request_get_signal (request)));
  g_assert_true (g_cancellable_is_cancelled (fetch_request_get_signal (clone)));
}

static void
test_signal_init (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequest) input = new_request (client, "https://example.com/", NULL);
  g_autoptr(GCancellable) signal = g_cancellable_new ();
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequestInit) null_signal = fetch_request_init_new ();
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchRequest) detached = NULL;
  g_autoptr(FetchRequest) own = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("init.signal replaces input's signal; a null init.signal follows "
                  "nothing (step 26)");

  fetch_request_init_set_signal (init, signal);
  request = fetch_request_new_from_request (input, init, &error);
  g_assert_no_error (error);
  fetch_request_init_set_signal (null_signal, NULL);
  detached = fetch_request_new_from_request (input, null_signal, &error);
  g_assert_no_error (error);
  own = new_request (client, "https://example.com/", init);
  g_assert_true (fetch_request_get_signal (own) != signal);

  g_cancellable_cancel (fetch_request_get_signal (input));
  g_assert_false (g_cancellable_is_cancelled (fetch_request_get_signal (request)));
  g_assert_false (g_cancellable_is_cancelled (fetch_request_get_signal (detached)));

  g_cancellable_cancel (signal);
  g_assert_true (g_cancellable_is_cancelled (fetch_request_get_signal (request)));
  g_assert_true (g_cancellable_is_cancelled (fetch_request_get_signal (own)));
  g_assert_false (g_cancellable_is_cancelled (fetch_request_get_signal (detached)));
}

static void
test_signal_already_cancelled (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(GCancellable) signal = g_cancellable_new ();
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequest) request = NULL;

  g_test_summary ("Following an already-cancelled signal gives a cancelled signal");

  g_cancellable_cancel (signal);
  fetch_request_init_set_signal (init, signal);
  request = new_request (client, "https://example.com/", init);
  g_assert_true (g_cancellable_is_cancelled (fetch_request_get_signal (request)));
}

static void
test_signal_outlives_request (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(GCancellable) signal = g_cancellable_new ();
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  FetchRequest *request;
  GCancellable *own;

  g_test_summary ("A finalized request stops following its signal");

  fetch_request_init_set_signal (init, signal);
  request = new_request (client, "https://example.com/", init);
  own = g_object_ref (fetch_request_get_signal (request));
  g_object_unref (request);
  g_cancellable_cancel (signal);
  g_assert_false (g_cancellable_is_cancelled (own));
  g_object_unref (own);
}

static void
drop_request_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  FetchRequest **request = user_data;

  g_clear_object (request);
}

static void
test_signal_unref_in_handler (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(GCancellable) signal = g_cancellable_new ();
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  FetchRequest *request;

  g_test_summary ("Dropping the request from its own signal's handler does not deadlock");

  fetch_request_init_set_signal (init, signal);
  request = new_request (client, "https://example.com/", init);
  g_cancellable_connect (fetch_request_get_signal (request),
                         G_CALLBACK (drop_request_cb), &request, NULL);
  g_cancellable_cancel (signal);
  g_assert_null (request);
}

/* ------------------------------------------------------------------ */
/* Errors change nothing                                               */
/* ------------------------------------------------------------------ */

static void
test_errors_leave_input_untouched (void)
{
  g_autoptr(FetchClient) client = make_example_client ();
  g_autoptr(FetchRequestInit) post = post_init ("intact");
  g_autoptr(FetchRequest) input = NULL;
  FetchRequestInit *inits[6];

  g_test_summary ("Every TypeError from new Request(input, init) leaves input as it was");

  input = new_request (client, "https://example.com/", post);
  fetch_headers_append (fetch_request_get_headers (input), "X-Keep", "1", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (inits); i++)
    inits[i] = fetch_request_init_new ();
  fetch_request_init_set_mode (inits[0], FETCH_REQUEST_MODE_NAVIGATE);
  fetch_request_init_set_method (inits[1], "TRACE");
  fetch_request_init_set_referrer (inits[2], "http://[::1");
  fetch_request_init_set_cache (inits[3], FETCH_REQUEST_CACHE_ONLY_IF_CACHED);
  fetch_request_init_set_method (inits[4], "HEAD");
  fetch_request_init_set_mode (inits[5], FETCH_REQUEST_MODE_NO_CORS);
  fetch_request_init_set_method (inits[5], "PUT");

  for (gsize i = 0; i < G_N_ELEMENTS (inits); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = fetch_request_new_from_request (input, inits[i], &error);

      assert_type_error (request, error);
      fetch_request_init_unref (inits[i]);
    }

  g_assert_false (fetch_request_get_body_used (input));
  assert_header (input, "x-keep", "1");
  g_assert_cmpint (fetch_headers_get_guard (fetch_request_get_headers (input)), ==,
                   FETCH_HEADERS_GUARD_REQUEST);
  assert_body_text (input, "intact");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/request/defaults", test_defaults);
  g_test_add_func ("/fetch/request/properties", test_properties);
  g_test_add_func ("/fetch/request/default-client", test_default_client);
  g_test_add_func ("/fetch/request/url/relative", test_url_relative);
  g_test_add_func ("/fetch/request/url/errors", test_url_errors);
  g_test_add_func ("/fetch/request/init/method", test_method);
  g_test_add_func ("/fetch/request/init/mode", test_mode);
  g_test_add_func ("/fetch/request/init/members", test_members);
  g_test_add_func ("/fetch/request/init/refcounted", test_init_is_refcounted);
  g_test_add_func ("/fetch/request/init/referrer", test_referrer);
  g_test_add_func ("/fetch/request/cache/only-if-cached", test_only_if_cached);
  g_test_add_func ("/fetch/request/cache/only-if-cached-from-request", test_only_if_cached_from_request);
  g_test_add_func ("/fetch/request/navigate/without-init", test_navigate_input_without_init);
  g_test_add_func ("/fetch/request/navigate/with-init", test_navigate_input_with_init);
  g_test_add_func ("/fetch/request/navigate/init-mode", test_navigate_input_init_mode);
  g_test_add_func ("/fetch/request/headers/init", test_headers_init);
  g_test_add_func ("/fetch/request/headers/no-cors", test_headers_no_cors);
  g_test_add_func ("/fetch/request/headers/no-cors-method", test_headers_no_cors_method);
  g_test_add_func ("/fetch/request/headers/from-request", test_headers_from_request);
  g_test_add_func ("/fetch/request/headers/no-cors-input", test_headers_no_cors_input_without_init);
  g_test_add_func ("/fetch/request/body/get-head", test_body_get_head);
  g_test_add_func ("/fetch/request/body/get-from-input-with-body", test_body_get_from_input_with_body);
  g_test_add_func ("/fetch/request/body/content-type", test_body_content_type);
  g_test_add_func ("/fetch/request/body/form-data", test_body_form_data);
  g_test_add_func ("/fetch/request/body/stream-duplex", test_body_stream_duplex);
  g_test_add_func ("/fetch/request/body/stream-mode", test_body_stream_mode);
  g_test_add_func ("/fetch/request/body/stream-keepalive", test_body_stream_keepalive);
  g_test_add_func ("/fetch/request/body/from-request", test_body_from_request);
  g_test_add_func ("/fetch/request/body/from-request-init-body", test_body_from_request_with_init_body);
  g_test_add_func ("/fetch/request/body/from-request-null-init-body", test_body_from_request_null_init_body);
  g_test_add_func ("/fetch/request/body/from-request-stream", test_body_from_request_stream);
  g_test_add_func ("/fetch/request/body/used-by-reading", test_body_used_by_reading_stream);
  g_test_add_func ("/fetch/request/body/consume", test_consume);
  g_test_add_func ("/fetch/request/body/consume-twice", test_consume_twice);
  g_test_add_func ("/fetch/request/clone/body", test_clone);
  g_test_add_func ("/fetch/request/clone/null-body", test_clone_null_body);
  g_test_add_func ("/fetch/request/clone/internal", test_clone_internal);
  g_test_add_func ("/fetch/request/signal/follows-input", test_signal_follows_input);
  g_test_add_func ("/fetch/request/signal/init", test_signal_init);
  g_test_add_func ("/fetch/request/signal/already-cancelled", test_signal_already_cancelled);
  g_test_add_func ("/fetch/request/signal/outlives-request", test_signal_outlives_request);
  g_test_add_func ("/fetch/request/signal/unref-in-handler", test_signal_unref_in_handler);
  g_test_add_func ("/fetch/request/errors-leave-input-untouched", test_errors_leave_input_untouched);

  return g_test_run ();
}
