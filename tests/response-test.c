/* response-test.c: responses (§2.2.6), statuses (§2.2.3), the Response
 * class (§5.5) and its Body mixin (§5.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "libfetch-glib/fetch.h"
#include "fetch-client-private.h"
#include "fetch-headers-private.h"
#include "fetch-response-private.h"
#include "fetch-url-private.h"
#include "test-server.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                            */
/* ---------------------------------------------------------------- */

static char *
read_text (FetchResponse  *response,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fetch_response_text_async (response, NULL, test_store_result, &result);
  return fetch_response_text_finish (response, test_wait_for_result (&result), error);
}

static GBytes *
read_bytes (FetchResponse  *response,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fetch_response_bytes_async (response, NULL, test_store_result, &result);
  return fetch_response_bytes_finish (response, test_wait_for_result (&result), error);
}

static JsonNode *
read_json (FetchResponse  *response,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fetch_response_json_async (response, NULL, test_store_result, &result);
  return fetch_response_json_finish (response, test_wait_for_result (&result), error);
}

static GBytes *
read_blob (FetchResponse  *response,
           char          **content_type,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fetch_response_blob_async (response, NULL, test_store_result, &result);
  return fetch_response_blob_finish (response, test_wait_for_result (&result),
                                     content_type, error);
}

static FetchFormData *
read_form_data (FetchResponse  *response,
                GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fetch_response_form_data_async (response, NULL, test_store_result, &result);
  return fetch_response_form_data_finish (response, test_wait_for_result (&result), error);
}

static char *
get_header (FetchResponse *response,
            const char    *name)
{
  g_autoptr(GError) error = NULL;
  char *value = fetch_headers_get (fetch_response_get_headers (response), name, &error);

  g_assert_no_error (error);
  return value;
}

static FetchResponseInit *
make_init (guint       status,
           const char *status_text)
{
  FetchResponseInit *init = fetch_response_init_new ();

  fetch_response_init_set_status (init, status);
  fetch_response_init_set_status_text (init, status_text);
  return init;
}

static FetchResponse *
text_response (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_string (text);
  FetchResponse *response = fetch_response_new (body, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static FetchResponse *
stream_response (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (g_strdup (text), strlen (text), g_free);
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_stream (stream, -1);
  FetchResponse *response = fetch_response_new (body, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static void
assert_text (FetchResponse *response,
             const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = read_text (response, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static GUri *
parse_url (const char *text)
{
  GUri *url = fetch_url_parse (text, NULL);

  g_assert_nonnull (url);
  return url;
}

/* An internal response as a network fetch makes it: URL list, headers,
 * body. */
static FetchResponse *
network_response (const char * const *url_list,
                  const char * const *headers,
                  const char         *body)
{
  FetchResponse *response = fetch_response_new_internal ();

  for (guint i = 0; url_list != NULL && url_list[i] != NULL; i++)
    g_ptr_array_add (response->url_list, parse_url (url_list[i]));
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    fetch_header_list_append (response->header_list, headers[i], headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      response->body = fetch_body_new_from_bytes (bytes);
    }
  return response;
}

/* ---------------------------------------------------------------- */
/* Statuses (§2.2.3)                                                  */
/* ---------------------------------------------------------------- */

static void
test_statuses (void)
{
  static const struct {
    guint status;
    gboolean null_body, ok, redirect;
  } cases[] = {
    { 0, FALSE, FALSE, FALSE },
    { 100, FALSE, FALSE, FALSE },
    { 101, TRUE, FALSE, FALSE },
    { 103, TRUE, FALSE, FALSE },
    { 199, FALSE, FALSE, FALSE },
    { 200, FALSE, TRUE, FALSE },
    { 204, TRUE, TRUE, FALSE },
    { 205, TRUE, TRUE, FALSE },
    { 206, FALSE, TRUE, FALSE },
    { 299, FALSE, TRUE, FALSE },
    { 300, FALSE, FALSE, FALSE },
    { 301, FALSE, FALSE, TRUE },
    { 302, FALSE, FALSE, TRUE },
    { 303, FALSE, FALSE, TRUE },
    { 304, TRUE, FALSE, FALSE },
    { 305, FALSE, FALSE, FALSE },
    { 306, FALSE, FALSE, FALSE },
    { 307, FALSE, FALSE, TRUE },
    { 308, FALSE, FALSE, TRUE },
    { 404, FALSE, FALSE, FALSE },
  };

  g_test_summary ("§2.2.3: null body, ok and redirect statuses");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("status %u", cases[i].status);
      g_assert_cmpint (fetch_status_is_null_body (cases[i].status), ==, cases[i].null_body);
      g_assert_cmpint (fetch_status_is_ok (cases[i].status), ==, cases[i].ok);
      g_assert_cmpint (fetch_status_is_redirect (cases[i].status), ==, cases[i].redirect);
    }
}

/* ---------------------------------------------------------------- */
/* The constructor (§5.5)                                             */
/* ---------------------------------------------------------------- */

static void
test_constructor_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = fetch_response_new (NULL, NULL, &error);
  g_autofree char *url = NULL;

  g_test_summary ("§5.5: new Response() is a default 200 response with no body");

  g_assert_no_error (error);
  g_assert_cmpint (fetch_response_get_response_type (response), ==, FETCH_RESPONSE_TYPE_DEFAULT);
  g_assert_cmpuint (fetch_response_get_status (response), ==, 200);
  g_assert_true (fetch_response_get_ok (response));
  g_assert_cmpstr (fetch_response_get_status_text (response), ==, "");
  url = fetch_response_get_url (response);
  g_assert_cmpstr (url, ==, "");
  g_assert_false (fetch_response_get_redirected (response));
  g_assert_null (fetch_response_get_body (response));
  g_assert_false (fetch_response_get_body_used (response));
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (fetch_response_get_headers (response))), ==, 0);
  /* [SameObject] headers */
  g_assert_true (fetch_response_get_headers (response) == fetch_response_get_headers (response));
  g_assert_cmpint (fetch_headers_get_guard (fetch_response_get_headers (response)), ==,
                   FETCH_HEADERS_GUARD_RESPONSE);
}

static void
test_constructor_status (void)
{
  static const struct {
    guint status;
    gboolean valid;
  } cases[] = {
    { 0, FALSE },
    { 100, FALSE },
    { 199, FALSE },
    { 200, TRUE },
    { 201, TRUE },
    { 404, TRUE },
    { 599, TRUE },
    { 600, FALSE },
    { 999, FALSE },
    { 65735, FALSE },
  };

  g_test_summary ("§5.5 initialize a response step 1: status must be 200 to 599 "
                  "(RangeError, FETCH_ERROR_TYPE here)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchResponseInit) init = make_init (cases[i].status, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = fetch_response_new (NULL, init, &error);

      g_test_message ("status %u", cases[i].status);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (fetch_response_get_status (response), ==, cases[i].status);
          g_assert_cmpint (fetch_response_get_ok (response), ==,
                           cases[i].status >= 200 && cases[i].status <= 299);
        }
      else
        {
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          g_assert_null (response);
        }
    }
}

static void
test_constructor_status_text (void)
{
  static const struct {
    const char *text;
    gboolean valid;
  } cases[] = {
    { "", TRUE },
    { "OK", TRUE },
    { "Not Found", TRUE },
    { "tab\there", TRUE },
    { "~!@#$%^&*()", TRUE },
    { "caf\xc3\xa9", TRUE },           /* U+00E9: obs-text */
    { "\xc2\x80\xc3\xbf", TRUE },      /* U+0080, U+00FF: obs-text bounds */
    { "line\nbreak", FALSE },
    { "carriage\rreturn", FALSE },
    { "bell\x07", FALSE },
    { "del\x7f", FALSE },
    { "euro \xe2\x82\xac", FALSE },    /* U+20AC: not a ByteString */
    { "bad \xff utf8", FALSE },
  };

  g_test_summary ("§5.5 initialize a response step 2: statusText must match the "
                  "reason-phrase production");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchResponseInit) init = make_init (200, cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response = fetch_response_new (NULL, init, &error);

      g_test_message ("status text %zu", i);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (fetch_response_get_status_text (response), ==, cases[i].text);
        }
      else
        {
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          g_assert_null (response);
        }
    }
}

static void
test_constructor_null_body_status (void)
{
  static const guint statuses[] = { 101, 103, 204, 205, 304 };

  g_test_summary ("§5.5 initialize a response step 6.1: a null body status with a "
                  "body is a TypeError; 204, 205 and 304 without a body are fine");

  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(FetchResponseInit) init = make_init (statuses[i], NULL);
      g_autoptr(FetchBodyInit) body = fetch_body_init_new_string ("x");
      g_autoptr(FetchBodyInit) empty = fetch_body_init_new_string ("");
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) with_body = NULL;
      g_autoptr(FetchResponse) with_empty_body = NULL;
      g_autoptr(FetchResponse) without_body = NULL;

      g_test_message ("status %u", statuses[i]);
      with_body = fetch_response_new (body, init, &error);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
      g_assert_null (with_body);
      g_clear_error (&error);

      /* An empty body is still a body. */
      with_empty_body = fetch_response_new (empty, init, &error);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
      g_assert_null (with_empty_body);
      g_clear_error (&error);

      without_body = fetch_response_new (NULL, init, &error);
      if (statuses[i] < 200)
        {
          /* 101 and 103 fail step 1 anyway. */
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          g_assert_null (without_body);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (fetch_response_get_status (without_body), ==, statuses[i]);
          g_assert_null (fetch_response_get_body (without_body));
        }
    }
}

static void
test_constructor_bad_init_keeps_stream (void)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("abc", 3, NULL);
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_stream (stream, 3);
  g_autoptr(FetchResponseInit) bad = make_init (204, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) failed = NULL;
  g_autoptr(FetchResponse) response = NULL;

  g_test_summary ("§5.5: a constructor that fails on its init does not use up a "
                  "one-shot stream body");

  failed = fetch_response_new (body, bad, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (failed);
  g_clear_error (&error);

  response = fetch_response_new (body, NULL, &error);
  g_assert_no_error (error);
  assert_text (response, "abc");
}

static void
test_constructor_headers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(FetchResponseInit) init = fetch_response_init_new ();
  g_autoptr(FetchResponse) response = NULL;
  FetchHeaders *response_headers;
  g_autofree char *value = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *later = NULL;

  g_test_summary ("§5.5: init headers fill a Headers object with guard \"response\", "
                  "which silently drops Set-Cookie");

  g_assert_true (fetch_headers_append (headers, "X-Test", "1", &error));
  g_assert_true (fetch_headers_append (headers, "Set-Cookie", "a=b", &error));
  g_assert_no_error (error);
  fetch_response_init_set_headers (init, headers);

  response = fetch_response_new (NULL, init, &error);
  g_assert_no_error (error);
  response_headers = fetch_response_get_headers (response);
  g_assert_false (response_headers == headers);
  value = get_header (response, "x-test");
  g_assert_cmpstr (value, ==, "1");
  cookie = get_header (response, "set-cookie");
  g_assert_null (cookie);

  /* Appending a forbidden response-header name is ignored, not an error. */
  g_assert_true (fetch_headers_append (response_headers, "Set-Cookie", "c=d", &error));
  g_assert_no_error (error);
  g_assert_false (fetch_header_list_contains (fetch_headers_get_list (response_headers), "set-cookie"));
  g_assert_true (fetch_headers_append (response_headers, "X-Other", "2", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_header_list_contains (fetch_headers_get_list (response_headers), "x-other"));

  /* The init's headers were copied. */
  g_assert_true (fetch_headers_set (headers, "X-Test", "changed", &error));
  g_assert_no_error (error);
  later = get_header (response, "x-test");
  g_assert_cmpstr (later, ==, "1");
}

static void
test_constructor_content_type (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchBodyInit) text = fetch_body_init_new_string ("hello");
  g_autoptr(GBytes) raw = g_bytes_new_static ("raw", 3);
  g_autoptr(FetchBodyInit) bytes = fetch_body_init_new_bytes (raw);
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(FetchResponseInit) init = fetch_response_init_new ();
  g_autoptr(FetchResponse) plain = NULL;
  g_autoptr(FetchResponse) untyped = NULL;
  g_autoptr(FetchResponse) typed = NULL;
  g_autofree char *plain_type = NULL;
  g_autofree char *untyped_type = NULL;
  g_autofree char *typed_type = NULL;

  g_test_summary ("§5.5 initialize a response step 6.3: the body's type becomes "
                  "Content-Type unless the headers have one");

  plain = fetch_response_new (text, NULL, &error);
  g_assert_no_error (error);
  plain_type = get_header (plain, "content-type");
  g_assert_cmpstr (plain_type, ==, "text/plain;charset=UTF-8");

  untyped = fetch_response_new (bytes, NULL, &error);
  g_assert_no_error (error);
  untyped_type = get_header (untyped, "content-type");
  g_assert_null (untyped_type);

  g_assert_true (fetch_headers_append (headers, "Content-Type", "text/html", &error));
  fetch_response_init_set_headers (init, headers);
  typed = fetch_response_new (text, init, &error);
  g_assert_no_error (error);
  typed_type = get_header (typed, "content-type");
  g_assert_cmpstr (typed_type, ==, "text/html");
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (fetch_response_get_headers (typed))), ==, 1);
}

static void
test_properties (void)
{
  g_autoptr(FetchResponseInit) init = make_init (404, "Not Found");
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_string ("gone");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = fetch_response_new (body, init, &error);
  g_autoptr(FetchHeaders) headers = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *url = NULL;
  g_autofree char *status_text = NULL;
  FetchResponseType type;
  guint status;
  gboolean ok, redirected, body_used;

  g_test_summary ("§5.5: every attribute is a read-only GObject property");

  g_assert_no_error (error);
  g_object_get (response,
                "response-type", &type,
                "url", &url,
                "redirected", &redirected,
                "status", &status,
                "ok", &ok,
                "status-text", &status_text,
                "headers", &headers,
                "body", &stream,
                "body-used", &body_used,
                NULL);
  g_assert_cmpint (type, ==, FETCH_RESPONSE_TYPE_DEFAULT);
  g_assert_cmpstr (url, ==, "");
  g_assert_false (redirected);
  g_assert_cmpuint (status, ==, 404);
  g_assert_false (ok);
  g_assert_cmpstr (status_text, ==, "Not Found");
  g_assert_true (headers == fetch_response_get_headers (response));
  g_assert_true (stream == fetch_response_get_body (response));
  g_assert_nonnull (stream);
  g_assert_false (body_used);
}

/* ---------------------------------------------------------------- */
/* error(), redirect(), json() (§5.5)                                 */
/* ---------------------------------------------------------------- */

static void
test_error (void)
{
  g_autoptr(FetchResponse) response = fetch_response_error ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  FetchHeaders *headers = fetch_response_get_headers (response);

  g_test_summary ("§5.5 error(): a network error with immutable headers");

  g_assert_cmpint (fetch_response_get_response_type (response), ==, FETCH_RESPONSE_TYPE_ERROR);
  g_assert_true (fetch_response_is_network_error (response));
  g_assert_cmpuint (fetch_response_get_status (response), ==, 0);
  g_assert_false (fetch_response_get_ok (response));
  g_assert_cmpstr (fetch_response_get_status_text (response), ==, "");
  url = fetch_response_get_url (response);
  g_assert_cmpstr (url, ==, "");
  g_assert_null (fetch_response_get_body (response));
  g_assert_cmpint (fetch_headers_get_guard (headers), ==, FETCH_HEADERS_GUARD_IMMUTABLE);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (headers)), ==, 0);

  g_assert_false (fetch_headers_append (headers, "X-Test", "1", &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (headers)), ==, 0);
}

static void
test_network_error (void)
{
  g_autoptr(FetchResponse) plain = NULL;
  g_autoptr(FetchResponse) aborted = NULL;

  g_test_summary ("§2.2.6: network errors keep their cause; an aborted network error "
                  "has its aborted flag set");

  plain = fetch_response_new_network_error (g_error_new_literal (FETCH_ERROR,
                                                                 FETCH_ERROR_NETWORK,
                                                                 "refused"));
  g_assert_true (fetch_response_is_network_error (plain));
  g_assert_false (plain->aborted);
  g_assert_error (plain->error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  g_assert_cmpuint (plain->status, ==, 0);
  g_assert_null (plain->body);

  aborted = fetch_response_new_aborted_network_error (NULL);
  g_assert_true (fetch_response_is_network_error (aborted));
  g_assert_true (aborted->aborted);
  g_assert_null (aborted->error);

  /* A default response and a filtered one are not network errors. */
  {
    g_autoptr(FetchResponse) ok = fetch_response_new_internal ();
    g_autoptr(FetchResponse) basic = fetch_response_new_basic_filtered (ok);

    g_assert_false (fetch_response_is_network_error (ok));
    g_assert_false (fetch_response_is_network_error (basic));
  }
}

static void
test_redirect_status (void)
{
  static const struct {
    guint status;
    gboolean valid;
  } cases[] = {
    { 301, TRUE }, { 302, TRUE }, { 303, TRUE }, { 307, TRUE }, { 308, TRUE },
    { 200, FALSE }, { 300, FALSE }, { 304, FALSE }, { 305, FALSE }, { 309, FALSE },
  };

  g_test_summary ("§5.5 redirect() steps 3-7: only redirect statuses; Location is "
                  "the serialized URL; headers are immutable");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchResponse) response =
        fetch_response_redirect ("https://example.com/a b?q#frag", cases[i].status, &error);

      g_test_message ("status %u", cases[i].status);
      if (cases[i].valid)
        {
          g_autofree char *location = NULL;
          FetchHeaders *headers;

          g_assert_no_error (error);
          g_assert_cmpuint (fetch_response_get_status (response), ==, cases[i].status);
          g_assert_cmpint (fetch_response_get_response_type (response), ==,
                           FETCH_RESPONSE_TYPE_DEFAULT);
          g_assert_null (fetch_response_get_body (response));
          location = get_header (response, "location");
          g_assert_cmpstr (location, ==, "https://example.com/a%20b?q#frag");

          headers = fetch_response_get_headers (response);
          g_assert_cmpint (fetch_headers_get_guard (headers), ==, FETCH_HEADERS_GUARD_IMMUTABLE);
          g_assert_false (fetch_headers_set (headers, "Location", "/elsewhere", &error));
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
        }
      else
        {
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          g_assert_null (response);
        }
    }
}

static void
test_redirect_url (void)
{
  FetchClient *client = fetch_client_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) bad = NULL;
  g_autoptr(FetchResponse) relative = NULL;
  g_autoptr(FetchResponse) resolved = NULL;
  g_autofree char *location = NULL;

  g_test_summary ("§5.5 redirect() steps 1-2: the URL is parsed against the API base "
                  "URL; failure is a TypeError");

  bad = fetch_response_redirect ("http://[::1", 302, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (bad);
  g_clear_error (&error);

  /* Without a base URL a relative URL does not parse. */
  if (fetch_client_get_base_url (client) == NULL)
    {
      relative = fetch_response_redirect ("/next", 302, &error);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
      g_assert_null (relative);
      g_clear_error (&error);
    }

  g_assert_true (fetch_client_set_base_url (client, "https://example.org/dir/page", &error));
  g_assert_no_error (error);
  resolved = fetch_response_redirect ("next?x=1", 307, &error);
  g_assert_no_error (error);
  location = get_header (resolved, "location");
  g_assert_cmpstr (location, ==, "https://example.org/dir/next?x=1");
}

static void
test_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = json_from_string ("{\"a\": 1, \"b\": [true, null, \"x\"]}", &error);
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *type = NULL;

  g_test_summary ("§5.5 json(): the body is the JSON text, Content-Type application/json");

  g_assert_no_error (error);
  response = fetch_response_new_json (data, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_response_get_status (response), ==, 200);
  type = get_header (response, "content-type");
  g_assert_cmpstr (type, ==, "application/json");
  assert_text (response, "{\"a\":1,\"b\":[true,null,\"x\"]}");
}

static void
test_json_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = json_from_string ("[1]", &error);
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(FetchResponseInit) init = make_init (201, "Created");
  g_autoptr(FetchResponseInit) no_body = make_init (204, NULL);
  g_autoptr(FetchResponseInit) out_of_range = make_init (600, NULL);
  g_autoptr(FetchResponse) response = NULL;
  g_autoptr(FetchResponse) bad = NULL;
  g_autofree char *type = NULL;

  g_test_summary ("§5.5 json(): init applies; its Content-Type wins; a bad init is a "
                  "TypeError");

  g_assert_true (fetch_headers_append (headers, "Content-Type", "application/vnd.api+json", &error));
  fetch_response_init_set_headers (init, headers);
  response = fetch_response_new_json (data, init, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_response_get_status (response), ==, 201);
  g_assert_cmpstr (fetch_response_get_status_text (response), ==, "Created");
  type = get_header (response, "content-type");
  g_assert_cmpstr (type, ==, "application/vnd.api+json");

  bad = fetch_response_new_json (data, no_body, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (bad);
  g_clear_error (&error);

  bad = fetch_response_new_json (data, out_of_range, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (bad);
}

static void
test_json_unserializable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) undefined = NULL;
  g_autoptr(FetchResponse) non_finite = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_test_summary ("§5.5 json(): NULL (undefined) is a TypeError; NaN and Infinity "
                  "serialize as null, as JSON.stringify does");

  undefined = fetch_response_new_json (NULL, NULL, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (undefined);
  g_clear_error (&error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "nan");
  json_builder_add_double_value (builder, NAN);
  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, INFINITY);
  json_builder_add_int_value (builder, 2);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  data = json_builder_get_root (builder);

  non_finite = fetch_response_new_json (data, NULL, &error);
  g_assert_no_error (error);
  assert_text (non_finite, "{\"nan\":null,\"list\":[null,2]}");
  /* The caller's value is untouched. */
  g_assert_true (isnan (json_object_get_double_member (json_node_get_object (data), "nan")));
}

/* ---------------------------------------------------------------- */
/* clone() (§5.5, §2.2.6)                                             */
/* ---------------------------------------------------------------- */

static void
test_clone_bytes_body (void)
{
  g_autoptr(FetchResponseInit) init = make_init (202, "Accepted");
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_string ("payload");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = fetch_response_new (body, init, &error);
  g_autoptr(FetchResponse) clone = NULL;
  g_autofree char *clone_type = NULL;
  g_autofree char *original_x = NULL;

  g_test_summary ("§5.5 clone(): a copy with its own headers; both read the whole body");

  g_assert_no_error (error);
  clone = fetch_response_clone (response, &error);
  g_assert_no_error (error);
  g_assert_true (clone != response);
  g_assert_cmpuint (fetch_response_get_status (clone), ==, 202);
  g_assert_cmpstr (fetch_response_get_status_text (clone), ==, "Accepted");
  clone_type = get_header (clone, "content-type");
  g_assert_cmpstr (clone_type, ==, "text/plain;charset=UTF-8");
  g_assert_cmpint (fetch_headers_get_guard (fetch_response_get_headers (clone)), ==,
                   FETCH_HEADERS_GUARD_RESPONSE);

  /* Separate header lists. */
  g_assert_true (fetch_headers_append (fetch_response_get_headers (clone), "X-Clone", "1", &error));
  original_x = get_header (response, "x-clone");
  g_assert_null (original_x);

  assert_text (clone, "payload");
  assert_text (response, "payload");
}

static void
test_clone_stream_body (void)
{
  g_autoptr(FetchResponse) response = stream_response ("streamed body");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) clone = fetch_response_clone (response, &error);

  g_test_summary ("§2.2.6 clone a response: a stream body is teed; both branches "
                  "read every byte");

  g_assert_no_error (error);
  assert_text (response, "streamed body");
  assert_text (clone, "streamed body");
}

static void
test_clone_unusable (void)
{
  g_autoptr(FetchResponse) used = text_response ("x");
  g_autoptr(FetchResponse) locked = stream_response ("y");
  g_autoptr(FetchResponse) empty = fetch_response_new (NULL, NULL, NULL);
  g_autoptr(FetchResponse) clone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("§5.5 clone() step 1: a disturbed or locked body is a TypeError; a "
                  "null body never is");

  assert_text (used, "x");
  clone = fetch_response_clone (used, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (clone);
  g_clear_error (&error);

  /* While a consumer reads it, the body is locked. */
  fetch_response_text_async (locked, NULL, test_store_result, &result);
  clone = fetch_response_clone (locked, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (clone);
  g_clear_error (&error);
  text = fetch_response_text_finish (locked, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "y");

  /* A null body: clone any number of times. */
  assert_text (empty, "");
  clone = fetch_response_clone (empty, &error);
  g_assert_no_error (error);
  g_assert_nonnull (clone);
}

static void
test_clone_keeps_guard (void)
{
  g_autoptr(FetchResponse) error_response = fetch_response_error ();
  g_autoptr(FetchResponse) redirect = fetch_response_redirect ("https://a.example/", 301, NULL);
  g_autoptr(FetchResponse) error_clone = NULL;
  g_autoptr(FetchResponse) redirect_clone = NULL;
  g_autofree char *location = NULL;

  g_test_summary ("§5.5 clone() step 3: the clone's Headers have this's headers's guard");

  error_clone = fetch_response_clone (error_response, NULL);
  g_assert_cmpint (fetch_response_get_response_type (error_clone), ==, FETCH_RESPONSE_TYPE_ERROR);
  g_assert_cmpint (fetch_headers_get_guard (fetch_response_get_headers (error_clone)), ==,
                   FETCH_HEADERS_GUARD_IMMUTABLE);

  redirect_clone = fetch_response_clone (redirect, NULL);
  g_assert_cmpint (fetch_headers_get_guard (fetch_response_get_headers (redirect_clone)), ==,
                   FETCH_HEADERS_GUARD_IMMUTABLE);
  location = get_header (redirect_clone, "location");
  g_assert_cmpstr (location, ==, "https://a.example/");
}

/* ---------------------------------------------------------------- */
/* Filtered responses (§2.2.6)                                        */
/* ---------------------------------------------------------------- */

static const char * const filter_headers[] = {
  "Cache-Control", "no-cache",
  "Content-Language", "en",
  "Content-Length", "5",
  "Content-Type", "text/plain",
  "Expires", "0",
  "Last-Modified", "Tue, 15 Nov 1994 12:45:26 GMT",
  "Pragma", "no-cache",
  "Set-Cookie", "a=b",
  "Set-Cookie2", "c=d",
  "X-Exposed", "yes",
  "X-Hidden", "no",
  NULL
};

static const char * const filter_urls[] = {
  "https://a.example/start",
  "https://a.example/end#frag",
  NULL
};

static void
test_filtered_basic (void)
{
  g_autoptr(FetchResponse) internal = network_response (filter_urls, filter_headers, "hello");
  g_autoptr(FetchResponse) basic = fetch_response_new_basic_filtered (internal);
  FetchHeaders *headers = fetch_response_get_headers (basic);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_test_summary ("§2.2.6 basic filtered response: forbidden response-header names are "
                  "dropped; the rest refers to the internal response");

  g_assert_cmpint (fetch_response_get_response_type (basic), ==, FETCH_RESPONSE_TYPE_BASIC);
  g_assert_true (fetch_response_get_internal (basic) == internal);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (headers)), ==, 9);
  g_assert_false (fetch_header_list_contains (fetch_headers_get_list (headers), "set-cookie"));
  g_assert_false (fetch_header_list_contains (fetch_headers_get_list (headers), "set-cookie2"));
  g_assert_true (fetch_header_list_contains (fetch_headers_get_list (headers), "x-hidden"));
  g_assert_true (fetch_header_list_contains (fetch_headers_get_list (headers), "content-type"));
  /* The internal response's list is untouched. */
  g_assert_true (fetch_header_list_contains (internal->header_list, "set-cookie"));
  /* §5.6: a fetched response's Headers are immutable. */
  g_assert_cmpint (fetch_headers_get_guard (headers), ==, FETCH_HEADERS_GUARD_IMMUTABLE);
  g_assert_false (fetch_headers_append (headers, "X-New", "1", &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);

  g_assert_cmpuint (fetch_response_get_status (basic), ==, 200);
  url = fetch_response_get_url (basic);
  g_assert_cmpstr (url, ==, "https://a.example/end");
  g_assert_true (fetch_response_get_redirected (basic));
  g_assert_nonnull (fetch_response_get_body (basic));
  assert_text (basic, "hello");
  /* One body: reading the filtered response disturbed the internal one. */
  g_assert_true (fetch_body_is_disturbed (internal->body));
}

static void
test_filtered_cors (void)
{
  g_autoptr(FetchResponse) internal = network_response (filter_urls, filter_headers, "hi");
  g_autoptr(FetchResponse) cors = NULL;
  FetchHeaders *headers;
  static const char * const kept[] = {
    "cache-control", "content-language", "content-length", "content-type",
    "expires", "last-modified", "pragma", "x-exposed",
  };

  g_test_summary ("§2.2.6 CORS filtered response: only CORS-safelisted response-header "
                  "names, given the CORS-exposed header-name list");

  g_ptr_array_add (internal->cors_exposed_header_names, g_strdup ("x-exposed"));
  cors = fetch_response_new_cors_filtered (internal);
  headers = fetch_response_get_headers (cors);

  g_assert_cmpint (fetch_response_get_response_type (cors), ==, FETCH_RESPONSE_TYPE_CORS);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (headers)), ==, G_N_ELEMENTS (kept));
  for (gsize i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_true (fetch_header_list_contains (fetch_headers_get_list (headers), kept[i]));
  g_assert_false (fetch_header_list_contains (fetch_headers_get_list (headers), "x-hidden"));
  g_assert_false (fetch_header_list_contains (fetch_headers_get_list (headers), "set-cookie"));
  g_assert_cmpint (fetch_headers_get_guard (headers), ==, FETCH_HEADERS_GUARD_IMMUTABLE);
  assert_text (cors, "hi");
}

static void
test_filtered_opaque (void)
{
  g_autoptr(FetchResponse) internal = network_response (filter_urls, filter_headers, "secret");
  g_autoptr(FetchResponse) opaque = NULL;
  g_autofree char *url = NULL;

  g_test_summary ("§2.2.6 opaque filtered response: no URL, status 0, no status "
                  "message, no headers, no body");

  internal->status = 203;
  g_free (internal->status_message);
  internal->status_message = g_strdup ("Non-Authoritative");
  opaque = fetch_response_new_opaque_filtered (internal);

  g_assert_cmpint (fetch_response_get_response_type (opaque), ==, FETCH_RESPONSE_TYPE_OPAQUE);
  g_assert_cmpuint (fetch_response_get_status (opaque), ==, 0);
  g_assert_false (fetch_response_get_ok (opaque));
  g_assert_cmpstr (fetch_response_get_status_text (opaque), ==, "");
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (fetch_response_get_headers (opaque))), ==, 0);
  g_assert_cmpint (fetch_headers_get_guard (fetch_response_get_headers (opaque)), ==,
                   FETCH_HEADERS_GUARD_IMMUTABLE);
  url = fetch_response_get_url (opaque);
  g_assert_cmpstr (url, ==, "");
  g_assert_false (fetch_response_get_redirected (opaque));
  g_assert_null (fetch_response_get_url_internal (opaque));
  g_assert_null (fetch_response_get_body (opaque));
  assert_text (opaque, "");
  g_assert_false (fetch_body_is_disturbed (internal->body));
}

static void
test_filtered_opaque_redirect (void)
{
  static const char * const location[] = { "Location", "/elsewhere", NULL };
  g_autoptr(FetchResponse) internal = network_response (filter_urls, location, NULL);
  g_autoptr(FetchResponse) opaque = NULL;
  g_autofree char *url = NULL;

  g_test_summary ("§2.2.6 opaque-redirect filtered response: status 0, no headers, no "
                  "body, but the URL list is kept");

  internal->status = 302;
  opaque = fetch_response_new_opaque_redirect_filtered (internal);
  g_assert_cmpint (fetch_response_get_response_type (opaque), ==,
                   FETCH_RESPONSE_TYPE_OPAQUEREDIRECT);
  g_assert_cmpuint (fetch_response_get_status (opaque), ==, 0);
  g_assert_cmpstr (fetch_response_get_status_text (opaque), ==, "");
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (fetch_response_get_headers (opaque))), ==, 0);
  g_assert_null (fetch_response_get_body (opaque));
  url = fetch_response_get_url (opaque);
  g_assert_cmpstr (url, ==, "https://a.example/end");
  g_assert_true (fetch_response_get_redirected (opaque));
}

static void
test_filtered_refers_to_internal (void)
{
  g_autoptr(FetchResponse) internal = network_response (NULL, NULL, "body");
  g_autoptr(FetchResponse) basic = fetch_response_new_basic_filtered (internal);
  g_autoptr(FetchResponse) opaque_redirect =
    fetch_response_new_opaque_redirect_filtered (internal);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *redirect_url = NULL;

  g_test_summary ("§2.2.6: a filtered response's URL list and body are its internal "
                  "response's, which main fetch changes after filtering (§4.1 steps 16, 21)");

  before = fetch_response_get_url (basic);
  g_assert_cmpstr (before, ==, "");

  /* §4.1 step 16: internalResponse's URL list set after filtering. */
  g_ptr_array_add (internal->url_list, parse_url ("https://b.example/x"));
  after = fetch_response_get_url (basic);
  g_assert_cmpstr (after, ==, "https://b.example/x");
  redirect_url = fetch_response_get_url (opaque_redirect);
  g_assert_cmpstr (redirect_url, ==, "https://b.example/x");

  /* §4.1 step 21: internalResponse's body set to null after filtering. */
  g_assert_nonnull (fetch_response_get_body (basic));
  g_clear_pointer (&internal->body, fetch_body_free);
  g_assert_null (fetch_response_get_body (basic));
  g_assert_null (fetch_response_get_body_internal (basic));
  assert_text (basic, "");
}

static void
test_filtered_clone (void)
{
  g_autoptr(FetchResponse) internal = network_response (filter_urls, filter_headers, "twice");
  g_autoptr(FetchResponse) basic = fetch_response_new_basic_filtered (internal);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) clone = fetch_response_clone (basic, &error);
  FetchHeaders *headers;
  g_autofree char *url = NULL;

  g_test_summary ("§2.2.6 clone a response step 1: an identical filtered response over "
                  "a clone of the internal response");

  g_assert_no_error (error);
  g_assert_cmpint (fetch_response_get_response_type (clone), ==, FETCH_RESPONSE_TYPE_BASIC);
  g_assert_true (fetch_response_get_internal (clone) != internal);
  g_assert_true (fetch_response_get_internal (clone) != clone);
  headers = fetch_response_get_headers (clone);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (headers)), ==, 9);
  g_assert_false (fetch_header_list_contains (fetch_headers_get_list (headers), "set-cookie"));
  g_assert_cmpint (fetch_headers_get_guard (headers), ==, FETCH_HEADERS_GUARD_IMMUTABLE);
  url = fetch_response_get_url (clone);
  g_assert_cmpstr (url, ==, "https://a.example/end");
  assert_text (clone, "twice");
  assert_text (basic, "twice");
}

/* ---------------------------------------------------------------- */
/* Location URL (§2.2.6)                                              */
/* ---------------------------------------------------------------- */

static void
test_location_url (void)
{
  static const struct {
    guint status;
    const char *location1, *location2;  /* NULL: header absent */
    const char *response_url;            /* NULL: URL list empty */
    const char *fragment;
    const char *expected;                /* NULL: null; "failure" */
  } cases[] = {
    /* Step 1: only redirect statuses. */
    { 200, "https://b.example/", NULL, NULL, NULL, NULL },
    { 300, "https://b.example/", NULL, NULL, NULL, NULL },
    /* Step 2: no Location: null; two: failure. */
    { 302, NULL, NULL, "https://a.example/", NULL, NULL },
    { 302, "/one", "/two", "https://a.example/", NULL, "failure" },
    { 302, "/same", "/same", "https://a.example/", NULL, "failure" },
    /* Step 3: parsed with the response's URL. */
    { 301, "https://b.example/x", NULL, NULL, NULL, "https://b.example/x" },
    { 302, "/x", NULL, NULL, NULL, "failure" },
    { 303, "/x", NULL, "https://a.example/dir/page", NULL, "https://a.example/x" },
    { 307, "y?q=1", NULL, "https://a.example/dir/page", NULL, "https://a.example/dir/y?q=1" },
    { 308, "//c.example/z", NULL, "https://a.example/", NULL, "https://c.example/z" },
    { 302, "/a,b", NULL, "https://a.example/", NULL, "https://a.example/a,b" },
    { 302, "http://[::1", NULL, "https://a.example/", NULL, "failure" },
    { 302, "", NULL, "https://a.example/p?q", NULL, "https://a.example/p?q" },
    /* Step 4: the request's fragment unless the location has one. */
    { 302, "/x", NULL, "https://a.example/", "frag", "https://a.example/x#frag" },
    { 302, "/x#own", NULL, "https://a.example/", "frag", "https://a.example/x#own" },
    { 302, "/x#", NULL, "https://a.example/", "frag", "https://a.example/x#" },
    { 302, "/x", NULL, "https://a.example/", NULL, "https://a.example/x" },
    { 302, "/x", NULL, "https://a.example/#base", NULL, "https://a.example/x" },
  };

  g_test_summary ("§2.2.6 location URL: redirect statuses only, exactly one Location "
                  "header, parsed with the response URL, request fragment inherited");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchResponse) response = fetch_response_new_internal ();
      g_autoptr(GUri) location = NULL;
      gboolean failure = TRUE;

      g_test_message ("case %zu", i);
      response->status = cases[i].status;
      if (cases[i].response_url != NULL)
        g_ptr_array_add (response->url_list, parse_url (cases[i].response_url));
      if (cases[i].location1 != NULL)
        fetch_header_list_append (response->header_list, "Location", cases[i].location1);
      if (cases[i].location2 != NULL)
        fetch_header_list_append (response->header_list, "location", cases[i].location2);

      location = fetch_response_get_location_url (response, cases[i].fragment, &failure);
      if (cases[i].expected == NULL)
        {
          g_assert_null (location);
          g_assert_false (failure);
        }
      else if (g_str_equal (cases[i].expected, "failure"))
        {
          g_assert_null (location);
          g_assert_true (failure);
        }
      else
        {
          g_autofree char *serialized = NULL;

          g_assert_nonnull (location);
          g_assert_false (failure);
          serialized = fetch_url_serialize (location, FALSE);
          g_assert_cmpstr (serialized, ==, cases[i].expected);
        }
    }
}

/* ---------------------------------------------------------------- */
/* Body mixin (§5.3)                                                  */
/* ---------------------------------------------------------------- */

static void
test_consume_text (void)
{
  g_autoptr(FetchResponse) response = text_response ("h\xc3\xa9llo");
  g_autoptr(FetchResponse) null_body = fetch_response_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;

  g_test_summary ("§5.3 text(): UTF-8 decode; bodyUsed afterwards; a second read is a "
                  "TypeError; a null body is \"\"");

  g_assert_false (fetch_response_get_body_used (response));
  assert_text (response, "h\xc3\xa9llo");
  g_assert_true (fetch_response_get_body_used (response));

  again = read_text (response, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (again);

  assert_text (null_body, "");
  g_assert_false (fetch_response_get_body_used (null_body));
  assert_text (null_body, "");
}

static void
notify_count (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_consume_body_used_notify (void)
{
  g_autoptr(FetchResponse) response = text_response ("x");
  guint notified = 0;

  g_test_summary ("§5.3: body-used is notified when a consumer starts reading");

  g_signal_connect (response, "notify::body-used", G_CALLBACK (notify_count), &notified);
  assert_text (response, "x");
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_consume_json (void)
{
  g_autoptr(FetchResponse) response = text_response ("{\"k\": [1, 2]}");
  g_autoptr(FetchResponse) invalid = text_response ("{nope");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = read_json (response, &error);
  g_autoptr(JsonNode) bad = NULL;
  JsonArray *array;

  g_test_summary ("§5.3 json(): parse JSON from bytes; invalid JSON is an error");

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  array = json_object_get_array_member (json_node_get_object (node), "k");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpint (json_array_get_int_element (array, 1), ==, 2);

  bad = read_json (invalid, &error);
  g_assert_nonnull (error);
  g_assert_null (bad);
}

static void
test_consume_bytes (void)
{
  static const guint8 data[] = { 0x00, 0xff, 0x10, 0x80 };
  g_autoptr(GBytes) input = g_bytes_new_static (data, sizeof data);
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_bytes (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = fetch_response_new (body, NULL, &error);
  g_autoptr(FetchResponse) null_body = fetch_response_new (NULL, NULL, NULL);
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GBytes) empty = NULL;

  g_test_summary ("§5.3 bytes(): the body's bytes as they are; a null body is empty");

  g_assert_no_error (error);
  output = read_bytes (response, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (input, output));

  empty = read_bytes (null_body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
}

static void
test_consume_blob (void)
{
  g_autoptr(GBytes) input = g_bytes_new_static ("<p>", 3);
  g_autoptr(FetchBodyInit) body = fetch_body_init_new_blob (input, "text/html");
  g_autoptr(GBytes) raw = g_bytes_new_static ("raw", 3);
  g_autoptr(FetchBodyInit) untyped_body = fetch_body_init_new_bytes (raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = fetch_response_new (body, NULL, &error);
  g_autoptr(FetchResponse) untyped = fetch_response_new (untyped_body, NULL, &error);
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GBytes) untyped_output = NULL;
  g_autofree char *type = NULL;
  g_autofree char *untyped_type = NULL;

  g_test_summary ("§5.3 blob(): the bytes and the MIME type of Content-Type, or \"\"");

  g_assert_no_error (error);
  output = read_blob (response, &type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (input, output));
  g_assert_cmpstr (type, ==, "text/html");

  untyped_output = read_blob (untyped, &untyped_type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (untyped_type, ==, "");
}

static gboolean
collect_entry (FetchFormDataEntry *entry,
               gpointer            user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "%s=%s;", fetch_form_data_entry_get_name (entry),
                          fetch_form_data_entry_is_file (entry)
                            ? fetch_form_data_entry_get_filename (entry)
                            : fetch_form_data_entry_get_value (entry));
  return TRUE;
}

static void
test_consume_form_data (void)
{
  static const char * const pairs[] = { "a", "1", "b", "two words", NULL };
  g_autoptr(FetchBodyInit) urlencoded = fetch_body_init_new_urlencoded (pairs);
  g_autoptr(FetchFormData) form = fetch_form_data_new ();
  g_autoptr(GBytes) file = g_bytes_new_static ("file contents", 13);
  g_autoptr(FetchBodyInit) multipart = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) urlencoded_response = NULL;
  g_autoptr(FetchResponse) multipart_response = NULL;
  g_autoptr(FetchResponse) plain = text_response ("a=1");
  g_autoptr(FetchFormData) parsed = NULL;
  g_autoptr(FetchFormData) parsed_multipart = NULL;
  g_autoptr(FetchFormData) not_form = NULL;
  g_autoptr(GString) entries = g_string_new (NULL);
  g_autoptr(GString) multipart_entries = g_string_new (NULL);

  g_test_summary ("§5.3 formData(): URL-encoded and multipart bodies by Content-Type; "
                  "any other type is a TypeError");

  urlencoded_response = fetch_response_new (urlencoded, NULL, &error);
  g_assert_no_error (error);
  parsed = read_form_data (urlencoded_response, &error);
  g_assert_no_error (error);
  fetch_form_data_foreach (parsed, collect_entry, entries);
  g_assert_cmpstr (entries->str, ==, "a=1;b=two words;");

  fetch_form_data_append (form, "field", "value");
  fetch_form_data_append_file (form, "upload", file, "f.txt", "text/plain");
  multipart = fetch_body_init_new_form_data (form);
  multipart_response = fetch_response_new (multipart, NULL, &error);
  g_assert_no_error (error);
  parsed_multipart = read_form_data (multipart_response, &error);
  g_assert_no_error (error);
  fetch_form_data_foreach (parsed_multipart, collect_entry, multipart_entries);
  g_assert_cmpstr (multipart_entries->str, ==, "field=value;upload=f.txt;");

  not_form = read_form_data (plain, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (not_form);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/response/statuses", test_statuses);
  g_test_add_func ("/fetch/response/constructor/defaults", test_constructor_defaults);
  g_test_add_func ("/fetch/response/constructor/status", test_constructor_status);
  g_test_add_func ("/fetch/response/constructor/status-text", test_constructor_status_text);
  g_test_add_func ("/fetch/response/constructor/null-body-status", test_constructor_null_body_status);
  g_test_add_func ("/fetch/response/constructor/bad-init-keeps-stream", test_constructor_bad_init_keeps_stream);
  g_test_add_func ("/fetch/response/constructor/headers", test_constructor_headers);
  g_test_add_func ("/fetch/response/constructor/content-type", test_constructor_content_type);
  g_test_add_func ("/fetch/response/properties", test_properties);
  g_test_add_func ("/fetch/response/error", test_error);
  g_test_add_func ("/fetch/response/network-error", test_network_error);
  g_test_add_func ("/fetch/response/redirect/status", test_redirect_status);
  g_test_add_func ("/fetch/response/redirect/url", test_redirect_url);
  g_test_add_func ("/fetch/response/json/body", test_json);
  g_test_add_func ("/fetch/response/json/init", test_json_init);
  g_test_add_func ("/fetch/response/json/unserializable", test_json_unserializable);
  g_test_add_func ("/fetch/response/clone/bytes-body", test_clone_bytes_body);
  g_test_add_func ("/fetch/response/clone/stream-body", test_clone_stream_body);
  g_test_add_func ("/fetch/response/clone/unusable", test_clone_unusable);
  g_test_add_func ("/fetch/response/clone/keeps-guard", test_clone_keeps_guard);
  g_test_add_func ("/fetch/response/filtered/basic", test_filtered_basic);
  g_test_add_func ("/fetch/response/filtered/cors", test_filtered_cors);
  g_test_add_func ("/fetch/response/filtered/opaque", test_filtered_opaque);
  g_test_add_func ("/fetch/response/filtered/opaque-redirect", test_filtered_opaque_redirect);
  g_test_add_func ("/fetch/response/filtered/refers-to-internal", test_filtered_refers_to_internal);
  g_test_add_func ("/fetch/response/filtered/clone", test_filtered_clone);
  g_test_add_func ("/fetch/response/location-url", test_location_url);
  g_test_add_func ("/fetch/response/consume/text", test_consume_text);
  g_test_add_func ("/fetch/response/consume/body-used-notify", test_consume_body_used_notify);
  g_test_add_func ("/fetch/response/consume/json", test_consume_json);
  g_test_add_func ("/fetch/response/consume/bytes", test_consume_bytes);
  g_test_add_func ("/fetch/response/consume/blob", test_consume_blob);
  g_test_add_func ("/fetch/response/consume/form-data", test_consume_form_data);

  return g_test_run ();
}
