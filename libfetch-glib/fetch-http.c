/* fetch-http.c: HTTP fetch (§4.3), HTTP-redirect fetch (§4.4) and
 * HTTP-network-or-cache fetch (§4.5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "fetch-main-private.h"
#include "fetch-cors-private.h"
#include "fetch-error-private.h"
#include "fetch-headers-private.h"
#include "fetch-network-private.h"
#include "fetch-origin-private.h"
#include "fetch-url-private.h"

/* Releases internal's body (a network body is drained for connection
 * reuse, fetch-network.c). */
static void
discard_body (FetchParams   *params,
              FetchResponse *internal)
{
  if (internal->body == NULL)
    return;
  if (internal->body == params->network_body)
    {
      fetch_network_stream_discard (params->network_stream);
      params->network_body = NULL;
      params->network_stream = NULL;
    }
  g_clear_pointer (&internal->body, fetch_body_free);
}

/* Returns a network error instead of response, whose body is released. */
static FetchResponse *
replace_with_network_error (FetchParams   *params,
                            FetchResponse *response,
                            FetchResponse *error)
{
  discard_body (params, fetch_response_get_internal (response));
  g_object_unref (response);
  return error;
}

static gboolean
urls_same_origin (GUri *a,
                  GUri *b)
{
  g_autoptr(FetchOrigin) oa = fetch_url_get_origin (a);
  g_autoptr(FetchOrigin) ob = fetch_url_get_origin (b);

  return fetch_origin_is_same_origin (oa, ob);
}

/* ---------------------------------------------------------------- */
/* §4.4 HTTP-redirect fetch                                           */
/* ---------------------------------------------------------------- */

static void
http_redirect_fetch (FetchParams   *params,
                     FetchResponse *response)
{
  FetchRequest *request = params->request;
  FetchResponse *internal = fetch_response_get_internal (response);
  GUri *current_url = fetch_request_get_current_url (request);
  g_autoptr(GUri) location_url = NULL;
  g_autofree char *location = NULL;
  FetchTimingInfo *timing = params->timing_info;
  gboolean failure = FALSE;

  /* Step 3: internalResponse's location URL given the current URL's
   * fragment. */
  location_url = fetch_response_get_location_url (internal, g_uri_get_fragment (current_url), &failure);

  /* Step 4: null: return response. */
  if (location_url == NULL && !failure)
    {
      fetch_params_return (params, response);
      return;
    }

  /* Step 5: failure: a network error. */
  if (location_url == NULL)
    {
      fetch_params_return (params, replace_with_network_error (params, response,
                           fetch_network_error_new (_("The redirect’s Location header is not a valid URL."))));
      return;
    }

  location = fetch_url_serialize (location_url, FALSE);

  /* Step 6: only HTTP(S) redirects. */
  if (!fetch_url_is_http_scheme (location_url))
    {
      fetch_params_return (params, replace_with_network_error (params, response,
                           fetch_network_error_new (_("Redirect to “%s” blocked: the scheme is not HTTP(S)."), location)));
      return;
    }

  /* Step 7: the redirect limit. */
  if (request->redirect_count == 20)
    {
      fetch_params_return (params, replace_with_network_error (params, response,
                           fetch_network_error_new (_("Too many redirects (more than 20)."))));
      return;
    }

  /* Step 8 */
  request->redirect_count++;

  /* Steps 9-10: credentials in a cross-origin URL under CORS. */
  if (fetch_url_includes_credentials (location_url) &&
      (request->response_tainting == FETCH_RESPONSE_TAINTING_CORS ||
       request->mode == FETCH_REQUEST_MODE_CORS))
    {
      g_autoptr(FetchOrigin) location_origin = fetch_url_get_origin (location_url);

      if (request->response_tainting == FETCH_RESPONSE_TAINTING_CORS ||
          !fetch_origin_equal_or_unset (request->origin, location_origin))
        {
          fetch_params_return (params, replace_with_network_error (params, response,
                               fetch_network_error_new (_("Redirect to “%s” blocked: it includes credentials."), location)));
          return;
        }
    }

  /* Step 11: a body that cannot be re-created cannot be re-sent. */
  if (internal->status != 303 && request->body != NULL && request->body->source == NULL)
    {
      fetch_params_return (params, replace_with_network_error (params, response,
                           fetch_network_error_new (_("Redirect to “%s” failed: the request body is a stream and cannot be sent again."), location)));
      return;
    }

  /* Step 12: 301/302 POST and 303 non-GET/HEAD become GET without body. */
  if (((internal->status == 301 || internal->status == 302) && g_str_equal (request->method, "POST")) ||
      (internal->status == 303 && !g_str_equal (request->method, "GET") && !g_str_equal (request->method, "HEAD")))
    {
      static const char * const request_body_header_names[] = {
        "Content-Encoding", "Content-Language", "Content-Location", "Content-Type",
      };

      g_free (request->method);
      request->method = g_strdup ("GET");
      g_clear_pointer (&request->body, fetch_body_free);
      for (guint i = 0; i < G_N_ELEMENTS (request_body_header_names); i++)
        fetch_header_list_delete (request->header_list, request_body_header_names[i]);
    }

  /* Step 13: another origin: delete the CORS non-wildcard request-header
   * names (`Authorization`).
   * NOTE(spec): also `Proxy-Authorization` and `Cookie`: forbidden
   * request-headers that scripts cannot set, but a GObject caller with a
   * guard-"none" header list can, and libsoup would forward them. */
  if (!urls_same_origin (current_url, location_url))
    {
      fetch_header_list_delete (request->header_list, "Authorization");
      fetch_header_list_delete (request->header_list, "Proxy-Authorization");
      fetch_header_list_delete (request->header_list, "Cookie");
    }

  /* Step 14: re-create the body from its source. */
  if (request->body != NULL)
    {
      FetchBody *body = fetch_body_new_from_source (request->body);

      fetch_body_free (request->body);
      request->body = body;
    }

  /* Steps 15-17: timing. */
  timing->redirect_end_time = timing->post_redirect_start_time = g_get_monotonic_time ();
  if (timing->redirect_start_time == 0)
    timing->redirect_start_time = timing->start_time;

  /* Step 18 */
  g_ptr_array_add (request->url_list, g_steal_pointer (&location_url));

  /* Step 19 */
  fetch_set_request_referrer_policy_on_redirect (request, internal);

  /* The redirect's body is not needed: drain it so that its connection
   * serves the next request. */
  discard_body (params, internal);
  g_object_unref (response);

  /* Steps 20-22: main fetch, recursive (manual redirects never get
   * here: "manual" gives an opaque-redirect response, see §4.3). */
  fetch_main_fetch (params, TRUE);
}

/* ---------------------------------------------------------------- */
/* §4.5 HTTP-network-or-cache fetch                                   */
/* ---------------------------------------------------------------- */

void
fetch_params_clear_http_headers (FetchParams *params)
{
  for (guint i = 0; i < params->n_http_headers; i++)
    g_free (params->http_headers[i].value);
  params->n_http_headers = 0;
}

/* Appends (name, value) to httpRequest's headers; name is a static
 * string, value is taken. */
static void
http_header_take (FetchParams *params,
                  const char  *name,
                  char        *value)
{
  g_assert (params->n_http_headers < G_N_ELEMENTS (params->http_headers));
  params->http_headers[params->n_http_headers].name = name;
  params->http_headers[params->n_http_headers].value = value;
  params->n_http_headers++;
}

static void
http_header_append (FetchParams *params,
                    const char  *name,
                    const char  *value)
{
  http_header_take (params, name, g_strdup (value));
}

static gboolean
http_header_contains (FetchParams *params,
                      const char  *name)
{
  if (fetch_header_list_contains (params->request->header_list, name))
    return TRUE;
  for (guint i = 0; i < params->n_http_headers; i++)
    if (g_ascii_strcasecmp (params->http_headers[i].name, name) == 0)
      return TRUE;
  return FALSE;
}

/* §3.1 append a request `Origin` header */
static void
append_request_origin_header (FetchParams *params)
{
  FetchRequest *request = params->request;
  GUri *current_url = fetch_request_get_current_url (request);
  g_autofree char *serialized = NULL;

  /* NOTE(spec): a client without origin (fetch-client.c) sends no
   * `Origin` header at all, as server-side runtimes do. */
  if (request->origin == NULL)
    return;

  /* Step 2: byte-serializing a request origin ("null" when redirect-
   * tainted; main fetch already flagged that on the response side, so
   * recompute it here from the URL list). */
  serialized = fetch_origin_serialize (request->origin);
  for (guint i = 1; i < request->url_list->len; i++)
    {
      g_autoptr(FetchOrigin) a = fetch_url_get_origin (request->url_list->pdata[i - 1]);
      g_autoptr(FetchOrigin) b = fetch_url_get_origin (request->url_list->pdata[i]);

      if (!fetch_origin_is_same_origin (a, b) && !fetch_origin_is_same_origin (request->origin, a))
        {
          g_free (serialized);
          serialized = g_strdup ("null");
          break;
        }
    }

  /* Step 3: cors tainting or websocket: always. */
  if (request->response_tainting == FETCH_RESPONSE_TAINTING_CORS ||
      request->mode == FETCH_REQUEST_MODE_WEBSOCKET)
    {
      http_header_append (params, "Origin", serialized);
      return;
    }

  /* Step 4: otherwise only for methods other than GET and HEAD. */
  if (g_str_equal (request->method, "GET") || g_str_equal (request->method, "HEAD"))
    return;

  if (request->mode != FETCH_REQUEST_MODE_CORS)
    {
      g_autoptr(FetchOrigin) url_origin = fetch_url_get_origin (current_url);

      switch (request->referrer_policy)
        {
        case FETCH_REFERRER_POLICY_NO_REFERRER:
          g_free (serialized);
          serialized = g_strdup ("null");
          break;
        case FETCH_REFERRER_POLICY_NO_REFERRER_WHEN_DOWNGRADE:
        case FETCH_REFERRER_POLICY_STRICT_ORIGIN:
        case FETCH_REFERRER_POLICY_STRICT_ORIGIN_WHEN_CROSS_ORIGIN:
          if (!fetch_origin_is_opaque (request->origin) &&
              g_strcmp0 (fetch_origin_get_scheme (request->origin), "https") == 0 &&
              !g_str_equal (g_uri_get_scheme (current_url), "https"))
            {
              g_free (serialized);
              serialized = g_strdup ("null");
            }
          break;
        case FETCH_REFERRER_POLICY_SAME_ORIGIN:
          if (!fetch_origin_is_same_origin (request->origin, url_origin))
            {
              g_free (serialized);
              serialized = g_strdup ("null");
            }
          break;
        default:
          break;
        }
    }
  http_header_append (params, "Origin", serialized);
}

static void http_network_or_cache_fetch_done (FetchParams   *params,
                                              FetchResponse *response);

static void
http_network_or_cache_fetch (FetchParams *params)
{
  FetchRequest *request = params->request;
  gint64 content_length = -1;
  char *user_agent;

  /* Steps 8.1-8.2: httpRequest is request plus the headers appended
   * below (params->http_headers), sent after request's own.
   * NOTE(spec): equivalent to the standard's clone, whose only other
   * difference from request (the URL list) is never changed here, and
   * it saves a copy per fetch. */
  fetch_params_clear_http_headers (params);

  /* Step 8.3: includeCredentials. */
  params->include_credentials =
    request->credentials == FETCH_REQUEST_CREDENTIALS_INCLUDE ||
    (request->credentials == FETCH_REQUEST_CREDENTIALS_SAME_ORIGIN &&
     request->response_tainting == FETCH_RESPONSE_TAINTING_BASIC);

  /* Steps 8.5-8.9: `Content-Length` (libsoup writes it from the body
   * length it is given; a null body of POST or PUT sends 0). */
  if (request->body != NULL)
    content_length = request->body->length;
  else if (g_str_equal (request->method, "POST") || g_str_equal (request->method, "PUT"))
    http_header_append (params, "Content-Length", "0");

  /* Step 8.10: keepalive bodies are limited to 64 KiB.
   * NOTE(spec): counted per request, not summed over the client's
   * in-flight keepalive requests. */
  if (content_length > 0 && request->keepalive && content_length > 64 * 1024)
    {
      fetch_params_return (params, fetch_network_error_new (_("A keepalive request body cannot exceed 64 KiB.")));
      return;
    }

  /* Step 8.11: `Referer`. */
  if (request->referrer_kind == FETCH_REFERRER_URL && request->referrer_url != NULL)
    {
      g_autofree char *referrer = fetch_url_serialize (request->referrer_url, FALSE);

      http_header_append (params, "Referer", referrer);
    }

  /* Step 8.12: `Origin`. */
  append_request_origin_header (params);

  /* Step 8.13: Fetch metadata headers are sent only to potentially
   * trustworthy URLs; NOTE(spec): not yet (fetch-policy.c).
   * Step 8.15: `User-Agent`. */
  if (!http_header_contains (params, "User-Agent") &&
      (user_agent = fetch_client_dup_user_agent (params->client)) != NULL)
    http_header_take (params, "User-Agent", user_agent);

  /* Steps 8.17-8.18: cache directives by cache mode (no HTTP cache is
   * consulted: httpCache is null, step 8.24). */
  if (request->cache == FETCH_REQUEST_CACHE_NO_CACHE &&
      !request->prevent_no_cache_cache_control_header_modification &&
      !http_header_contains (params, "Cache-Control"))
    http_header_append (params, "Cache-Control", "max-age=0");
  if (request->cache == FETCH_REQUEST_CACHE_NO_STORE || request->cache == FETCH_REQUEST_CACHE_RELOAD)
    {
      if (!http_header_contains (params, "Pragma"))
        http_header_append (params, "Pragma", "no-cache");
      if (!http_header_contains (params, "Cache-Control"))
        http_header_append (params, "Cache-Control", "no-cache");
    }

  /* Step 8.19: a `Range` request asks for no content coding. */
  if (fetch_header_list_contains (request->header_list, "Range") &&
      !http_header_contains (params, "Accept-Encoding"))
    http_header_append (params, "Accept-Encoding", "identity");

  /* Step 8.20: libsoup adds `Host`, `Connection` and `Accept-Encoding`
   * (unless present). Step 8.21: no cookie store and no authentication
   * entries (a client has no prompts).
   * Step 9: canceled: the appropriate network error. */
  if (fetch_controller_is_canceled (params->controller))
    {
      fetch_params_return (params, fetch_params_appropriate_network_error (params));
      return;
    }

  /* Step 10.1: nothing is cached. */
  if (request->cache == FETCH_REQUEST_CACHE_ONLY_IF_CACHED)
    {
      fetch_params_return (params, fetch_network_error_new (_("The request’s cache mode is “only-if-cached” and nothing is cached.")));
      return;
    }

  /* Step 10.2: HTTP-network fetch. */
  fetch_params_push (params, http_network_or_cache_fetch_done);
  fetch_http_network_fetch (params);
}

static void
http_network_or_cache_fetch_done (FetchParams   *params,
                                  FetchResponse *response)
{
  FetchRequest *request = params->request;

  if (fetch_response_is_network_error (response))
    {
      fetch_params_return (params, response);
      return;
    }

  /* Step 11: response's URL list is a clone of httpRequest's. */
  g_ptr_array_set_size (response->url_list, 0);
  for (guint i = 0; i < request->url_list->len; i++)
    g_ptr_array_add (response->url_list, g_uri_ref (request->url_list->pdata[i]));

  /* Steps 12-13 */
  if (fetch_header_list_contains (request->header_list, "Range"))
    response->range_requested = TRUE;
  response->request_includes_credentials = params->include_credentials;

  /* Step 14: 401 needs a window to prompt in; a client has none, so the
   * response is returned as is. */

  /* Step 15: 407 with window "no-window" is a network error. */
  if (response->status == 407)
    {
      fetch_params_return (params, replace_with_network_error (params, response,
                           fetch_network_error_new (_("The proxy requires authentication."))));
      return;
    }

  /* Step 16: 421 Misdirected Request: once more on a new connection. */
  if (response->status == 421 && !params->force_new_connection &&
      (request->body == NULL || request->body->source != NULL))
    {
      discard_body (params, response);
      g_object_unref (response);
      if (fetch_controller_is_canceled (params->controller))
        {
          fetch_params_return (params, fetch_params_appropriate_network_error (params));
          return;
        }
      if (request->body != NULL)
        {
          FetchBody *body = fetch_body_new_from_source (request->body);

          fetch_body_free (request->body);
          request->body = body;
        }
      params->force_new_connection = TRUE;
      http_network_or_cache_fetch (params);
      return;
    }

  /* Step 18 */
  fetch_params_return (params, response);
}

/* ---------------------------------------------------------------- */
/* §4.3 HTTP fetch                                                    */
/* ---------------------------------------------------------------- */

static void
http_fetch_done (FetchParams   *params,
                 FetchResponse *response)
{
  FetchRequest *request = params->request;
  FetchResponse *internal;

  if (fetch_response_is_network_error (response))
    {
      fetch_params_return (params, response);
      return;
    }

  /* Step 4.4: the CORS check for "cors" tainting. */
  if (request->response_tainting == FETCH_RESPONSE_TAINTING_CORS &&
      !fetch_cors_check (request, response))
    {
      g_autofree char *url = fetch_url_serialize (fetch_request_get_current_url (request), TRUE);

      fetch_params_return (params, replace_with_network_error (params, response,
                           fetch_network_error_new (_("Cross-origin response from “%s” blocked by the CORS check."), url)));
      return;
    }

  /* Step 4.5: the TAO check. */
  if (!fetch_tao_check (request, response))
    request->timing_allow_failed = TRUE;

  /* Step 5: the cross-origin resource policy check: NOTE(spec): not yet
   * (fetch-policy.c). */
  internal = response;

  /* Step 6: redirects, by redirect mode. */
  if (fetch_status_is_redirect (internal->status))
    {
      switch (request->redirect)
        {
        case FETCH_REQUEST_REDIRECT_ERROR:
          {
            g_autofree char *url = fetch_url_serialize (fetch_request_get_current_url (request), TRUE);

            fetch_params_return (params, replace_with_network_error (params, response,
                                 fetch_network_error_new (_("The response from “%s” is a redirect and the request’s redirect mode is “error”."), url)));
            return;
          }
        case FETCH_REQUEST_REDIRECT_MANUAL:
          {
            FetchResponse *filtered;

            /* NOTE(spec): navigations get no "next manual redirect
             * steps" (nothing navigates): an opaque-redirect response,
             * whose body nobody can read, so drain it now. */
            discard_body (params, internal);
            filtered = fetch_response_new_opaque_redirect_filtered (internal);
            g_object_unref (internal);
            fetch_params_return (params, filtered);
            return;
          }
        case FETCH_REQUEST_REDIRECT_FOLLOW:
        default:
          http_redirect_fetch (params, response);
          return;
        }
    }

  /* Step 7 */
  fetch_params_return (params, response);
}

static void
http_fetch_after_preflight (FetchParams   *params,
                            FetchResponse *response)
{
  /* Step 4.1.2: a failed preflight is the response. */
  if (fetch_response_is_network_error (response))
    {
      fetch_params_return (params, response);
      return;
    }
  g_object_unref (response);

  /* Steps 4.2-4.3 (service workers: none). */
  params->force_new_connection = FALSE;
  fetch_params_push (params, http_fetch_done);
  http_network_or_cache_fetch (params);
}

void
fetch_http_fetch (FetchParams *params,
                  gboolean     make_cors_preflight)
{
  /* Step 3: no service workers.
   * Step 4.1: a CORS-preflight fetch first, when needed. */
  if (make_cors_preflight && fetch_cors_preflight_needed (params))
    {
      fetch_params_push (params, http_fetch_after_preflight);
      fetch_cors_preflight_fetch (params);
      return;
    }

  /* Step 4.3 */
  params->force_new_connection = FALSE;
  fetch_params_push (params, http_fetch_done);
  http_network_or_cache_fetch (params);
}
