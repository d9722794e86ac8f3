/* fetch-main.c: fetch (§4), main fetch (§4.1), the fetch method (§5.6)
 * and determine request's referrer (Referrer Policy §8)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "fetch-main-private.h"
#include "fetch-cors-private.h"
#include "fetch-enum-types.h"
#include "fetch-error-private.h"
#include "fetch-headers-private.h"
#include "fetch-integrity-private.h"
#include "fetch-network-private.h"
#include "fetch-origin-private.h"
#include "fetch-policy-private.h"
#include "fetch-scheme-private.h"
#include "fetch-url-private.h"

/* ---------------------------------------------------------------- */
/* Fetch params                                                       */
/* ---------------------------------------------------------------- */

static void
on_abort_source_cancelled (GCancellable *cancellable,
                           gpointer      user_data)
{
  /* §5.6 step 11.3: abort controller (a GCancellable carries no reason:
   * the "AbortError" fallback). */
  fetch_controller_abort (FETCH_CONTROLLER (user_data), NULL);
}

static FetchParams *
fetch_params_new (FetchClient         *client,
                  FetchRequest        *request,
                  FetchController     *controller,
                  GAsyncReadyCallback  callback,
                  gpointer             callback_data,
                  gpointer             source_tag)
{
  FetchParams *params = g_new0 (FetchParams, 1);

  g_atomic_ref_count_init (&params->ref_count);
  params->client = client;
  params->request = request;
  params->controller = g_object_ref (controller);
  params->timing_info = fetch_controller_get_timing (controller);
  params->context = g_main_context_ref_thread_default ();

  /* The GTask is made now, not at handover: a GTask returned in the
   * main loop iteration that made it defers its callback to the next
   * iteration (an idle source per fetch, and a round of the loop in
   * the response's latency). While it waits it must not hold the client
   * (fetch-client.c): its reference is given back at once and taken
   * again at handover (fetch_params_take_task()). Meanwhile the client
   * stays alive for the fetch's sake: the caller holds it, and once
   * disposed the client holds itself for its fetch group. */
  params->task = g_task_new (client, NULL, callback, callback_data);
  /* (The function, not GLib's macro, which also names the task with a
   * copy of the tag's name: an allocation per fetch.) */
  (g_task_set_source_tag) (params->task, source_tag);
  g_object_unref (client);
  return params;
}

/* The task to return, with its reference on the client back. Before the
 * fetch leaves its group: leaving it may let the client go. */
static GTask *
fetch_params_take_task (FetchParams *params)
{
  g_assert (params->task != NULL);
  g_object_ref (params->client);
  return g_steal_pointer (&params->task);
}

FetchParams *
fetch_params_ref (FetchParams *params)
{
  g_atomic_ref_count_inc (&params->ref_count);
  return params;
}

void
fetch_params_unref (FetchParams *params)
{
  if (!g_atomic_ref_count_dec (&params->ref_count))
    return;

  /* A task never returned (not expected: every fetch is handed over)
   * gets its reference on the client back before it goes. */
  if (params->task != NULL)
    g_object_unref (fetch_params_take_task (params));

  /* Whatever ended the fetch, it leaves its fetch group, and its
   * request gives back the client it borrowed (fetch_fetch()). */
  fetch_params_finale (params);
  if (params->request != NULL)
    params->request->client = NULL;
  g_clear_object (&params->request);
  g_clear_object (&params->controller);
  params->client = NULL;
  fetch_params_clear_http_headers (params);
  g_clear_pointer (&params->context, g_main_context_unref);
  g_free (params);
}

void
fetch_params_push (FetchParams *params,
                   FetchStep    step)
{
  g_assert (params->stack_depth < G_N_ELEMENTS (params->stack));
  params->stack[params->stack_depth++] = step;
}

void
fetch_params_return (FetchParams   *params,
                     FetchResponse *response)
{
  FetchStep step;

  g_assert (params->stack_depth > 0);
  step = params->stack[--params->stack_depth];
  step (params, response);
}

FetchResponse *
fetch_network_error_new (const char *format,
                         ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (FETCH_ERROR, FETCH_ERROR_NETWORK, format, args);
  va_end (args);
  return fetch_response_new_network_error (error);
}

FetchResponse *
fetch_params_appropriate_network_error (FetchParams *params)
{
  /* §2 appropriate network error: step 1, assert canceled; step 2, an
   * aborted network error if aborted, else a network error. */
  if (fetch_controller_is_aborted (params->controller))
    return fetch_response_new_aborted_network_error (fetch_controller_dup_abort_error (params->controller));
  return fetch_response_new_network_error (fetch_controller_dup_cancel_error (params->controller));
}

GError *
fetch_response_dup_error (FetchParams   *params,
                          FetchResponse *response)
{
  /* §5.6 step 12.2: an aborted response rejects with the deserialized
   * abort reason. */
  if (response->aborted || fetch_controller_is_aborted (params->controller))
    return fetch_controller_dup_abort_error (params->controller);
  /* Step 12.3: any other network error is a TypeError in the standard;
   * we keep TypeErrors for bad input found before sending and say
   * "network error" for everything else, naming the cause. */
  if (response->error != NULL)
    {
      if (response->error->domain == FETCH_ERROR)
        return g_error_copy (response->error);
      return g_error_new (FETCH_ERROR, FETCH_ERROR_NETWORK, "%s", response->error->message);
    }
  return g_error_new_literal (FETCH_ERROR, FETCH_ERROR_NETWORK, _("Network error."));
}

void
fetch_params_finale (FetchParams *params)
{
  if (params->finale_done)
    return;
  params->finale_done = TRUE;

  /* §4.1 fetch response handover step 3 (processResponseEndOfBody):
   * the end time, and the timing info becomes the full timing info.
   * NOTE(spec): the standard exposes it only to Resource Timing (and
   * for documents); a FetchController gives it to its owner always. */
  if (params->timing_info->end_time == 0)
    params->timing_info->end_time = g_get_monotonic_time ();
  fetch_controller_finish_timing (params->controller);

  /* Step 3.4.1: set request's done flag. */
  if (params->request != NULL)
    params->request->done = TRUE;

  fetch_client_remove_fetch (params->client, params->controller);
  if (params->cancellable_id != 0)
    g_cancellable_disconnect (params->cancellable, params->cancellable_id);
  params->cancellable_id = 0;
  g_clear_object (&params->cancellable);
  fetch_request_unwatch_signal (&params->signal_watch);
}

/* ---------------------------------------------------------------- */
/* Referrer Policy                                                    */
/* ---------------------------------------------------------------- */

/* Secure Contexts §3.1 is origin potentially trustworthy? (for a URL's
 * origin: https/wss, loopback hosts, localhost, file) */
static gboolean
url_is_potentially_trustworthy (GUri *url)
{
  const char *scheme = g_uri_get_scheme (url);
  const char *host = g_uri_get_host (url);

  /* §3.2: about:blank, about:srcdoc and data: URLs are. */
  if (g_str_equal (scheme, "about"))
    {
      const char *path = g_uri_get_path (url);
      return g_str_equal (path, "blank") || g_str_equal (path, "srcdoc");
    }
  if (g_str_equal (scheme, "data") || g_str_equal (scheme, "file"))
    return TRUE;
  if (g_str_equal (scheme, "https") || g_str_equal (scheme, "wss"))
    return TRUE;
  if (host == NULL)
    return FALSE;
  if (g_str_has_prefix (host, "127.") || g_str_equal (host, "[::1]") || g_str_equal (host, "::1"))
    return TRUE;
  if (g_str_equal (host, "localhost") || g_str_has_suffix (host, ".localhost"))
    return TRUE;
  return FALSE;
}

/* Referrer Policy §8.4 strip url for use as a referrer */
static GUri *
strip_url_for_use_as_referrer (GUri     *url,
                               gboolean  origin_only)
{
  /* Step 1: null → no referrer. Step 2: a local scheme → no referrer. */
  if (url == NULL || fetch_url_is_local (url))
    return NULL;

  /* Steps 3-6: username and password empty, fragment null; with
   * origin-only, path and query null too (the path serializes as "/"). */
  return g_uri_build (g_uri_get_flags (url) & ~G_URI_FLAGS_HAS_PASSWORD,
                      g_uri_get_scheme (url), NULL,
                      g_uri_get_host (url), g_uri_get_port (url),
                      origin_only ? "/" : g_uri_get_path (url),
                      origin_only ? NULL : g_uri_get_query (url),
                      NULL);
}

static gboolean
urls_same_origin (GUri *a,
                  GUri *b)
{
  g_autoptr(FetchOrigin) oa = fetch_url_get_origin (a);
  g_autoptr(FetchOrigin) ob = fetch_url_get_origin (b);

  return fetch_origin_is_same_origin (oa, ob);
}

/* Referrer Policy §8.3 determine request's referrer */
GUri *
fetch_determine_request_referrer (FetchRequest *request)
{
  GUri *current = fetch_request_get_current_url (request);
  g_autoptr(GUri) referrer_url = NULL;
  g_autoptr(GUri) referrer_origin = NULL;
  g_autofree char *serialized = NULL;
  g_autoptr(GUri) client_source = NULL;
  GUri *source = NULL;
  FetchReferrerPolicy policy = request->referrer_policy;

  /* Step 3: the referrer source. */
  if (request->referrer_kind == FETCH_REFERRER_CLIENT)
    {
      /* NOTE(spec): a FetchClient is no document; its creation URL is its
       * API base URL, and only a client acting for a site (a tuple
       * origin) has one, so that server-side clients send no `Referer`
       * by default, as Node and Deno. (References, not the borrowing
       * getters: a fetch in another thread may race their setters.) */
      g_autoptr(FetchOrigin) origin = request->client ? fetch_client_dup_origin (request->client) : NULL;

      if (origin == NULL || fetch_origin_is_opaque (origin))
        return NULL;
      source = client_source = fetch_client_dup_base_uri (request->client);
    }
  else if (request->referrer_kind == FETCH_REFERRER_URL)
    source = request->referrer_url;
  if (source == NULL)
    return NULL;

  /* Steps 4-5: referrerURL and referrerOrigin. */
  referrer_url = strip_url_for_use_as_referrer (source, FALSE);
  referrer_origin = strip_url_for_use_as_referrer (source, TRUE);
  if (referrer_url == NULL)
    return NULL;

  /* Step 6: a referrerURL longer than 4096 bytes becomes referrerOrigin. */
  serialized = g_uri_to_string (referrer_url);
  if (strlen (serialized) > 4096)
    {
      g_uri_unref (referrer_url);
      referrer_url = g_uri_ref (referrer_origin);
    }

  /* Step 8: switch on the policy ("" means the default). */
  switch (policy)
    {
    case FETCH_REFERRER_POLICY_NO_REFERRER:
      return NULL;
    case FETCH_REFERRER_POLICY_ORIGIN:
      return g_steal_pointer (&referrer_origin);
    case FETCH_REFERRER_POLICY_UNSAFE_URL:
      return g_steal_pointer (&referrer_url);
    case FETCH_REFERRER_POLICY_STRICT_ORIGIN:
      if (url_is_potentially_trustworthy (referrer_url) && !url_is_potentially_trustworthy (current))
        return NULL;
      return g_steal_pointer (&referrer_origin);
    case FETCH_REFERRER_POLICY_SAME_ORIGIN:
      return urls_same_origin (referrer_url, current) ? g_steal_pointer (&referrer_url) : NULL;
    case FETCH_REFERRER_POLICY_ORIGIN_WHEN_CROSS_ORIGIN:
      if (urls_same_origin (referrer_url, current))
        return g_steal_pointer (&referrer_url);
      return g_steal_pointer (&referrer_origin);
    case FETCH_REFERRER_POLICY_NO_REFERRER_WHEN_DOWNGRADE:
      if (url_is_potentially_trustworthy (referrer_url) && !url_is_potentially_trustworthy (current))
        return NULL;
      return g_steal_pointer (&referrer_url);
    case FETCH_REFERRER_POLICY_NONE:
    case FETCH_REFERRER_POLICY_STRICT_ORIGIN_WHEN_CROSS_ORIGIN:
    default:
      if (urls_same_origin (referrer_url, current))
        return g_steal_pointer (&referrer_url);
      if (url_is_potentially_trustworthy (referrer_url) && !url_is_potentially_trustworthy (current))
        return NULL;
      return g_steal_pointer (&referrer_origin);
    }
}

/* Referrer Policy §8.1 set request's referrer policy on redirect, with
 * §4.1 parse a referrer policy from a Referrer-Policy header. */
void
fetch_set_request_referrer_policy_on_redirect (FetchRequest  *request,
                                               FetchResponse *response)
{
  g_auto(GStrv) tokens = NULL;
  FetchReferrerPolicy policy = FETCH_REFERRER_POLICY_NONE;
  GEnumClass *klass;

  /* §4.1 step 1: get, decode, and split `Referrer-Policy`. */
  tokens = fetch_header_list_get_decode_split (response->header_list, "Referrer-Policy");
  if (tokens == NULL)
    return;

  /* Steps 2-3: the last token that is a referrer policy wins. */
  klass = g_type_class_ref (FETCH_TYPE_REFERRER_POLICY);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      GEnumValue *value = g_enum_get_value_by_nick (klass, tokens[i]);

      if (value != NULL && value->value != FETCH_REFERRER_POLICY_NONE)
        policy = value->value;
    }
  g_type_class_unref (klass);

  /* §8.1 step 2: if policy is not the empty string, set it. */
  if (policy != FETCH_REFERRER_POLICY_NONE)
    request->referrer_policy = policy;
}

/* ---------------------------------------------------------------- */
/* Main fetch                                                         */
/* ---------------------------------------------------------------- */

static void
on_scheme_fetch_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  FetchParams *params = user_data;

  fetch_params_return (params, fetch_scheme_fetch_finish (result));
  fetch_params_unref (params);
}

/* §4.2 scheme fetch: about:, blob:, data: and file: are fetch-scheme.c's;
 * an HTTP(S) scheme is HTTP fetch. */
static void
scheme_fetch (FetchParams *params)
{
  FetchRequest *request = params->request;

  /* Step 1: if fetchParams is canceled, the appropriate network error. */
  if (fetch_controller_is_canceled (params->controller))
    {
      fetch_params_return (params, fetch_params_appropriate_network_error (params));
      return;
    }

  /* Step 3: switch on request's current URL's scheme. */
  if (fetch_url_is_http_scheme (fetch_request_get_current_url (request)))
    {
      fetch_http_fetch (params, FALSE);
      return;
    }

  fetch_scheme_fetch_async (request, fetch_client_get_blob_store (params->client),
                            fetch_controller_get_cancellable (params->controller),
                            on_scheme_fetch_done, fetch_params_ref (params));
}

/* §4.1 step 12: the response, by the first matching statement. */
static void
main_fetch_step_12 (FetchParams *params)
{
  FetchRequest *request = params->request;
  GUri *current_url = fetch_request_get_current_url (request);
  const char *scheme = g_uri_get_scheme (current_url);
  g_autoptr(FetchOrigin) url_origin = NULL;
  g_autofree char *url = NULL;

  /* The URL's origin matters only against a request origin (an unset one
   * matches anything): not computed for nothing on every fetch. */
  if (request->origin != NULL)
    url_origin = fetch_url_get_origin (current_url);

  /* (No preloaded response candidates: nothing preloads.)
   * Same origin with request's origin and basic tainting, a data: URL,
   * or a navigation: scheme fetch with basic tainting.
   * NOTE(spec): request's origin is NULL when its client has no origin;
   * every URL is then same origin with it (fetch-client.c). */
  if ((fetch_origin_equal_or_unset (request->origin, url_origin) &&
       request->response_tainting == FETCH_RESPONSE_TAINTING_BASIC) ||
      g_str_equal (scheme, "data") ||
      request->mode == FETCH_REQUEST_MODE_NAVIGATE ||
      request->mode == FETCH_REQUEST_MODE_WEBSOCKET)
    {
      request->response_tainting = FETCH_RESPONSE_TAINTING_BASIC;
      scheme_fetch (params);
      return;
    }

  url = fetch_url_serialize (current_url, TRUE);

  /* mode "same-origin": a network error. */
  if (request->mode == FETCH_REQUEST_MODE_SAME_ORIGIN)
    {
      fetch_params_return (params, fetch_network_error_new (_("Request to “%s” blocked: the request’s mode is “same-origin” and the URL is cross-origin."), url));
      return;
    }

  /* mode "no-cors": follow redirects only; opaque tainting. */
  if (request->mode == FETCH_REQUEST_MODE_NO_CORS)
    {
      if (request->redirect != FETCH_REQUEST_REDIRECT_FOLLOW)
        {
          fetch_params_return (params, fetch_network_error_new (_("Request to “%s” blocked: a cross-origin “no-cors” request must follow redirects."), url));
          return;
        }
      request->response_tainting = FETCH_RESPONSE_TAINTING_OPAQUE;
      scheme_fetch (params);
      return;
    }

  /* Not an HTTP(S) scheme: a network error. */
  if (!fetch_url_is_http_scheme (current_url))
    {
      fetch_params_return (params, fetch_network_error_new (_("Cross-origin request to “%s” blocked: the scheme is not HTTP(S)."), url));
      return;
    }

  /* The CORS branches: with a CORS-preflight fetch when the request is
   * not simple, else a plain HTTP fetch with "cors" tainting.
   * NOTE(spec): "clear cache entries" after a failed preflighted fetch
   * is the preflight cache's (fetch-cors.c). */
  request->response_tainting = FETCH_RESPONSE_TAINTING_CORS;
  fetch_http_fetch (params, fetch_cors_request_needs_preflight (request));
}

static void main_fetch_finish (FetchParams   *params,
                               FetchResponse *response);

void
fetch_main_fetch (FetchParams *params,
                  gboolean     recursive)
{
  FetchRequest *request = params->request;
  GUri *current_url = fetch_request_get_current_url (request);
  FetchResponse *response = NULL;

  /* Step 3: the local-URLs-only flag is never set on our requests (HTML
   * sets it for some navigations), so there is nothing to check.
   * Steps 4-6: no CSP, no upgrades (mixed content needs a document).
   * Step 7: a bad port blocks the request. */
  if (fetch_request_should_block_bad_port (request))
    {
      g_autofree char *url = fetch_url_serialize (current_url, TRUE);
      response = fetch_network_error_new (_("Request to “%s” blocked: port %d is a bad port."),
                                          url, fetch_url_get_effective_port (current_url));
    }

  /* Step 8: the empty referrer policy takes the policy container's: the
   * client's referrer-policy, itself defaulting to the standard's
   * default, "strict-origin-when-cross-origin". */
  if (request->referrer_policy == FETCH_REFERRER_POLICY_NONE)
    {
      FetchReferrerPolicy policy = request->client ? fetch_client_get_referrer_policy (request->client)
                                                   : FETCH_REFERRER_POLICY_NONE;

      request->referrer_policy = policy != FETCH_REFERRER_POLICY_NONE ? policy : FETCH_REFERRER_POLICY_STRICT_ORIGIN_WHEN_CROSS_ORIGIN;
    }

  /* Step 9: unless "no-referrer", determine request's referrer. */
  if (request->referrer_kind != FETCH_REFERRER_NO_REFERRER)
    {
      GUri *referrer = fetch_determine_request_referrer (request);

      g_clear_pointer (&request->referrer_url, g_uri_unref);
      request->referrer_url = referrer;
      request->referrer_kind = referrer ? FETCH_REFERRER_URL : FETCH_REFERRER_NO_REFERRER;
    }

  /* Step 10: no HTTPS RR upgrades (DNS is libsoup's).
   * Step 11: "in parallel": the rest continues in main_fetch_finish,
   * unless recursive: step 13 then returns step 12's response to our
   * caller's continuation directly. */
  if (!recursive)
    fetch_params_push (params, main_fetch_finish);

  /* A canceled fetch goes no further. */
  if (response == NULL && fetch_controller_is_canceled (params->controller))
    response = fetch_params_appropriate_network_error (params);

  /* Step 12 */
  if (response != NULL)
    fetch_params_return (params, response);
  else
    main_fetch_step_12 (params);
}

/* §2.2.5 request has a redirect-tainted origin */
static gboolean
request_has_redirect_tainted_origin (FetchRequest *request)
{
  g_autoptr(FetchOrigin) last_origin = NULL;

  /* A single URL was never redirected (and computing its origin for
   * nothing cost as much as the rest of this step). */
  if (request->url_list->len < 2)
    return FALSE;

  for (guint i = 0; i < request->url_list->len; i++)
    {
      g_autoptr(FetchOrigin) origin = fetch_url_get_origin (request->url_list->pdata[i]);

      if (last_origin != NULL &&
          !fetch_origin_is_same_origin (origin, last_origin) &&
          !fetch_origin_equal_or_unset (request->origin, last_origin))
        return TRUE;
      g_clear_pointer (&last_origin, fetch_origin_unref);
      last_origin = g_steal_pointer (&origin);
    }
  return FALSE;
}

/* §4.1 fetch response handover, up to handing the response to the
 * caller (§5.6 step 12's processResponse). */
static void
fetch_response_handover (FetchParams   *params,
                         FetchResponse *response)
{
  FetchResponse *internal = fetch_response_get_internal (response);
  /* The GTask first: it holds a reference on the client until the
   * callback has run, while the finale below may let the client go
   * (fetch-client.c). It was made on the fetch's context, which is the
   * one the callback runs on. */
  GTask *task = fetch_params_take_task (params);

  /* Steps 3 and 6: a response without body (or a network error) has
   * ended; a network body ends when its stream does (fetch-network.c);
   * step 7, another streaming body (file:) is piped through a stream
   * that does the same (fetch-handover-stream.c).
   * NOTE(spec): a body made of bytes already in memory (data:, blob:, a
   * body checked against its integrity metadata) has nothing left to
   * wait for: the fetch ends at handover, and aborting it afterwards
   * no longer errors the body. */
  if (internal->body != NULL && internal->body == params->network_body)
    fetch_network_stream_attach (params->network_stream, params);
  else if (internal->body != NULL && internal->body->source == NULL)
    fetch_handover_body_attach (internal->body, params);
  else
    fetch_params_finale (params);

  /* Step 4 with §5.6 step 12: network errors reject; anything else is
   * a Response object whose headers are "immutable". */
  if (fetch_response_is_network_error (response))
    {
      g_task_return_error (task, fetch_response_dup_error (params, response));
      g_object_unref (response);
    }
  else
    {
      fetch_header_list_set_guard (response->header_list, FETCH_HEADERS_GUARD_IMMUTABLE);
      g_task_return_pointer (task, response, g_object_unref);
    }
  g_object_unref (task);
}

static void
on_integrity_body_read (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FetchParams) params = user_data;
  FetchResponse *response = g_steal_pointer (&params->pending_response);
  FetchResponse *internal = fetch_response_get_internal (response);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = fetch_body_consume_finish (result, &error);
  params->network_body = NULL;

  /* Step 22.1 processBodyError: hand over a network error. */
  if (bytes == NULL)
    {
      g_object_unref (response);
      if (fetch_controller_is_canceled (params->controller))
        response = fetch_params_appropriate_network_error (params);
      else
        response = fetch_network_error_new (_("Reading the response body failed: %s"), error->message);
      fetch_response_handover (params, response);
      return;
    }

  /* Step 22.3.1: bytes must match the integrity metadata. */
  if (!fetch_integrity_bytes_match (bytes, params->request->integrity))
    {
      g_autofree char *url = fetch_url_serialize (fetch_request_get_current_url (params->request), TRUE);

      g_object_unref (response);
      fetch_response_handover (params, fetch_network_error_new (_("The response from “%s” does not match its integrity metadata."), url));
      return;
    }

  /* Steps 22.3.2-3: bytes as the body, and hand over. */
  g_clear_pointer (&internal->body, fetch_body_free);
  internal->body = fetch_body_new_from_bytes (bytes);
  fetch_response_handover (params, response);
}

/* Releases internal's body, which nobody will read: a network body is
 * drained so that its connection serves the next request (closing it
 * unread would drop the connection, fetch-network.c). */
static void
main_fetch_drop_body (FetchParams   *params,
                      FetchResponse *internal)
{
  if (internal->body != NULL && internal->body == params->network_body)
    {
      fetch_network_stream_discard (params->network_stream);
      params->network_body = NULL;
      params->network_stream = NULL;
    }
  g_clear_pointer (&internal->body, fetch_body_free);
}

/* §4.1 steps 14-23 (main fetch that is not recursive) */
static void
main_fetch_finish (FetchParams   *params,
                   FetchResponse *response)
{
  FetchRequest *request = params->request;
  FetchResponse *internal;

  /* Step 14: filter the response by request's response tainting. */
  if (!fetch_response_is_network_error (response) && response->internal_response == NULL)
    {
      FetchResponse *filtered = NULL;

      /* Step 14.1: the CORS-exposed header-name list (fetch-cors.c). */
      if (request->response_tainting == FETCH_RESPONSE_TAINTING_CORS)
        fetch_cors_set_exposed_header_names (request, response);

      switch (request->response_tainting)
        {
        case FETCH_RESPONSE_TAINTING_BASIC:
          filtered = fetch_response_new_basic_filtered_for_fetch (response);
          break;
        case FETCH_RESPONSE_TAINTING_CORS:
          filtered = fetch_response_new_cors_filtered (response);
          break;
        case FETCH_RESPONSE_TAINTING_OPAQUE:
        default:
          filtered = fetch_response_new_opaque_filtered (response);
          break;
        }
      g_object_unref (response);
      response = filtered;
    }

  /* Step 15 */
  internal = fetch_response_get_internal (response);

  /* Step 16: an empty URL list gets a clone of request's. */
  if (internal->url_list->len == 0)
    for (guint i = 0; i < request->url_list->len; i++)
      g_ptr_array_add (internal->url_list, g_uri_ref (request->url_list->pdata[i]));

  /* Step 17 */
  if (request_has_redirect_tainted_origin (request))
    internal->has_cross_origin_redirects = TRUE;

  /* Step 18 */
  if (!request->timing_allow_failed)
    internal->timing_allow_passed = TRUE;

  /* Step 19: no CSP, mixed content or MIME-type blocking applies to a
   * client that is no document. */

  /* Step 20: an unrequested 206 to an opaque response is an error. */
  if (response->type == FETCH_RESPONSE_TYPE_OPAQUE && internal->status == 206 &&
      internal->range_requested && !fetch_header_list_contains (request->header_list, "Range"))
    {
      main_fetch_drop_body (params, internal);
      g_object_unref (response);
      response = internal = fetch_network_error_new (_("The server sent an unrequested partial response."));
    }

  /* Step 21: HEAD and CONNECT responses, and null body statuses, have a
   * null body, whatever the server sent ("disregard any enqueuing": the
   * connection's rest is drained, not dropped). */
  if (!fetch_response_is_network_error (response) &&
      (g_str_equal (request->method, "HEAD") || g_str_equal (request->method, "CONNECT") ||
       fetch_status_is_null_body (internal->status)))
    main_fetch_drop_body (params, internal);

  /* Step 22: integrity metadata: read the body fully, then check it. */
  if (request->integrity[0] != '\0' && !fetch_response_is_network_error (response))
    {
      /* Step 22.2: response's body (not internalResponse's: an opaque
       * filtered response has none) is null: an error. */
      if (fetch_response_get_body_internal (response) == NULL)
        {
          main_fetch_drop_body (params, internal);
          g_object_unref (response);
          fetch_response_handover (params, fetch_network_error_new (_("The response has no body to check against its integrity metadata.")));
          return;
        }
      /* Step 22.4: fully read the body. */
      params->pending_response = response;
      fetch_body_consume_async (internal->body, NULL, NULL,
                                fetch_controller_get_cancellable (params->controller),
                                on_integrity_body_read, fetch_params_ref (params));
      return;
    }

  /* Step 23 */
  fetch_response_handover (params, response);
}

/* ---------------------------------------------------------------- */
/* Fetch (§4)                                                         */
/* ---------------------------------------------------------------- */

/* §4 step 13: the `Accept` value by destination. */
static const char *
default_accept_value (FetchRequestDestination destination)
{
  switch (destination)
    {
    case FETCH_REQUEST_DESTINATION_DOCUMENT:
    case FETCH_REQUEST_DESTINATION_FRAME:
    case FETCH_REQUEST_DESTINATION_IFRAME:
      /* NOTE(spec): the document `Accept` header value (HTML). */
      return "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    case FETCH_REQUEST_DESTINATION_IMAGE:
      return "image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5";
    case FETCH_REQUEST_DESTINATION_JSON:
      return "application/json,*/*;q=0.5";
    case FETCH_REQUEST_DESTINATION_STYLE:
      return "text/css,*/*;q=0.1";
    default:
      return "*/*";
    }
}

void
fetch_fetch (FetchClient         *client,
             FetchRequest        *request,
             FetchController     *controller,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             callback_data,
             gpointer             source_tag)
{
  FetchParams *params;

  /* Steps 2-7: fetch params; the timing info starts now. */
  params = fetch_params_new (client, request, controller, callback, callback_data, source_tag);
  params->timing_info->start_time = g_get_monotonic_time ();
  params->timing_info->post_redirect_start_time = params->timing_info->start_time;
  params->timing_info->render_blocking = request->render_blocking;

  /* Step 16 (done first, so that terminating the group reaches us from
   * the start): every fetch of a client is in its fetch group. */
  fetch_client_add_fetch (client, controller);

  /* The request belongs to the client that fetches it. This copy is
   * the fetch's own: like the params, it borrows its client while the
   * fetch is in the client's fetch group (fetch-client.c), and gives it
   * back in fetch_params_unref(). */
  g_clear_object (&request->client);
  request->client = client;

  /* §5.6 step 11: the request's signal and the caller's cancellable
   * abort the controller (at once if already cancelled, §5.6 step 4). */
  if (cancellable != NULL)
    {
      params->cancellable = g_object_ref (cancellable);
      params->cancellable_id = g_cancellable_connect (cancellable, G_CALLBACK (on_abort_source_cancelled),
                                                      controller, NULL);
    }
  /* (The signal is watched without being made: a request whose signal
   * nobody has asked for costs no connection, fetch-request.c.) */
  fetch_request_watch_signal (request, &params->signal_watch,
                              G_CALLBACK (on_abort_source_cancelled), controller);

  /* Step 10: request's origin "client" becomes its client's origin
   * (NULL when unset, see fetch-client.c). */
  if (request->origin == NULL && request->client != NULL)
    request->origin = fetch_client_dup_origin (request->client);

  /* Step 13: `Accept`. */
  if (!fetch_header_list_contains (request->header_list, "Accept"))
    fetch_header_list_append (request->header_list, "Accept", default_accept_value (request->destination));

  /* Step 14: `Accept-Language`, the client's (none if unset). */
  if (!fetch_header_list_contains (request->header_list, "Accept-Language"))
    {
      g_autofree char *value = fetch_client_dup_accept_language (client);

      if (value != NULL)
        fetch_header_list_append (request->header_list, "Accept-Language", value);
    }

  /* Step 15: the request's priority becomes the I/O priority of its
   * HTTP messages (fetch-network.c).
   * Step 17: main fetch. */
  fetch_main_fetch (params, FALSE);
  fetch_params_unref (params);
}

/* ---------------------------------------------------------------- */
/* The fetch method (§5.6)                                            */
/* ---------------------------------------------------------------- */

/* Fails a fetch before it started: callback gets error (taken), later,
 * never from within the call. */
static void
fetch_return_error (FetchClient         *client,
                    GError              *error,
                    GAsyncReadyCallback  callback,
                    gpointer             callback_data,
                    gpointer             source_tag)
{
  GTask *task = g_task_new (client, NULL, callback, callback_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* §5.6 steps 4-13 for request (the Request constructor's copy, taken).
 * The GTask the callback gets holds no reference on the client until the
 * response is handed over (fetch_params_new(); fetch-client.c says why). */
static void
fetch_start (FetchClient         *client,
             FetchRequest        *request,
             FetchController     *controller,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             callback_data,
             gpointer             source_tag)
{
  g_autoptr(FetchController) own_controller = NULL;

  if (controller == NULL)
    controller = own_controller = fetch_controller_new_private ();

  if (!fetch_controller_start (controller, request->keepalive))
    {
      g_object_unref (request);
      fetch_return_error (client, g_error_new_literal (FETCH_ERROR, FETCH_ERROR_TYPE,
                                                       _("The fetch controller is already used by another fetch.")),
                          callback, callback_data, source_tag);
      return;
    }

  fetch_fetch (client, request, controller, cancellable, callback, callback_data, source_tag);
}

/**
 * fetch_client_fetch_with_controller_async:
 * @client: a client
 * @request: the request
 * @controller: (nullable): a new controller for this fetch, or %NULL
 * @cancellable: (nullable): a cancellable that aborts the fetch
 * @callback: (scope async): called when the response's headers are in
 * @user_data: data for @callback
 *
 * Like [method@Fetch.Client.fetch_async], with a controller: connect to
 * its [signal@Fetch.Controller::upload-progress] and
 * [signal@Fetch.Controller::download-progress] signals before calling
 * this, abort or terminate it at any time, and read its timing info once
 * the response body has been read. A controller serves one fetch:
 * reusing one is a [error@Fetch.Error.TYPE] error.
 *
 * Finish with [method@Fetch.Client.fetch_finish].
 *
 * Since: 0.1
 */
void
fetch_client_fetch_with_controller_async (FetchClient         *client,
                                          FetchRequest        *request,
                                          FetchController     *controller,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  FetchRequest *copy;
  GError *error = NULL;

  g_return_if_fail (FETCH_IS_CLIENT (client));
  g_return_if_fail (FETCH_IS_REQUEST (request));
  g_return_if_fail (controller == NULL || FETCH_IS_CONTROLLER (controller));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* (The GTask gets no cancellable: cancellation aborts the fetch, which
   * then fails with the abort error or the controller's reason.)
   * §5.6 step 2: the Request constructor's copy (taking the body). */
  copy = fetch_request_new_for_fetch (request, &error);
  if (copy == NULL)
    {
      fetch_return_error (client, error, callback, user_data, fetch_client_fetch_async);
      return;
    }
  fetch_start (client, copy, controller, cancellable, callback, user_data, fetch_client_fetch_async);
}

/**
 * fetch_client_fetch_async:
 * @client: a client
 * @request: the request
 * @cancellable: (nullable): a cancellable that aborts the fetch
 * @callback: (scope async): called when the response's headers are in
 * @user_data: data for @callback
 *
 * Fetches @request (`fetch(request)`, §5.6) in @client's environment.
 * As with `fetch()`, @request itself is not changed, but its body is
 * taken: it can be fetched once.
 *
 * The callback runs, on the thread-default main context of the caller,
 * when the response's status and headers have arrived; the response body
 * then streams from [method@Fetch.Response.get_body]. Cancelling
 * @cancellable (or @request's signal) aborts the fetch at any point,
 * including while the body is being read: the body stream then fails
 * with the abort error, and an unread network body gives its connection
 * back at once. (A body that was all in memory when the response was
 * handed over, from a `data:` or `blob:` URL, stays readable.)
 *
 * The fetch does not keep @client alive: dropping the last reference to
 * @client terminates the fetch (§2.4, see [method@Fetch.Client.terminate])
 * unless @request is keepalive; the callback still runs, once, with
 * @client as its source object.
 *
 * Since: 0.1
 */
void
fetch_client_fetch_async (FetchClient         *client,
                          FetchRequest        *request,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  fetch_client_fetch_with_controller_async (client, request, NULL, cancellable, callback, user_data);
}

/**
 * fetch_client_fetch_url_async:
 * @client: a client
 * @url: the URL, absolute or relative to @client's base URL
 * @init: (nullable): the `RequestInit` members
 * @cancellable: (nullable): a cancellable that aborts the fetch
 * @callback: (scope async): called when the response's headers are in
 * @user_data: data for @callback
 *
 * `fetch(url, init)` in @client's environment (§5.6 with a URL string):
 * the Request constructor's request from @url and @init is the one that
 * is fetched. The same as making a request with
 * [ctor@Fetch.Request.new_for_client] and passing it to
 * [method@Fetch.Client.fetch_async], without a request object of the
 * caller's to copy. @init's signal aborts the fetch, as does
 * @cancellable. An invalid @url or @init is a [error@Fetch.Error.TYPE]
 * error from the finish function.
 *
 * Finish with [method@Fetch.Client.fetch_finish].
 *
 * Since: 0.1
 */
void
fetch_client_fetch_url_async (FetchClient         *client,
                              const char          *url,
                              FetchRequestInit    *init,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  FetchRequest *request;
  GError *error = NULL;

  g_return_if_fail (FETCH_IS_CLIENT (client));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* §5.6 step 2: the Request constructor. */
  request = fetch_request_new_for_client (client, url, init, &error);
  if (request == NULL)
    {
      fetch_return_error (client, error, callback, user_data, fetch_client_fetch_url_async);
      return;
    }
  fetch_start (client, request, NULL, cancellable, callback, user_data, fetch_client_fetch_url_async);
}

/**
 * fetch_client_fetch_finish:
 * @client: a client
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Finishes a fetch. A network error is [error@Fetch.Error.NETWORK], its
 * message naming the cause (connection refused, a TLS certificate
 * error, too many redirects, ...); invalid input found before anything
 * was sent is [error@Fetch.Error.TYPE]; an abort is
 * [error@Fetch.Error.ABORTED], or the reason given to
 * [method@Fetch.Controller.abort].
 *
 * Returns: (transfer full): the response, whose headers are immutable
 *
 * Since: 0.1
 */
FetchResponse *
fetch_client_fetch_finish (FetchClient   *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_sync_fetch_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The _sync variants: the fetch of request (or of url and init) on a
 * private main context, iterated until the response is handed over. */
static FetchResponse *
fetch_sync (FetchClient       *client,
            FetchRequest      *request,
            const char        *url,
            FetchRequestInit  *init,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  if (request != NULL)
    fetch_client_fetch_async (client, request, cancellable, on_sync_fetch_done, &result);
  else
    fetch_client_fetch_url_async (client, url, init, cancellable, on_sync_fetch_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  /* What libsoup left pending (the completion of a message that ended:
   * no body, redirects, errors) runs now: nothing runs this context
   * again, and its sources would keep their messages alive. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  return fetch_client_fetch_finish (client, result, error);
}

/**
 * fetch_client_fetch_sync:
 * @client: a client
 * @request: the request
 * @cancellable: (nullable): a cancellable that aborts the fetch
 * @error: return location for an error
 *
 * Fetches @request and waits for the response's headers, like
 * [method@Fetch.Client.fetch_async]. It may be called from any thread:
 * the fetch runs on a private main context. Read the response body from
 * the same thread, synchronously (for example with
 * g_input_stream_read()).
 *
 * Returns: (transfer full): the response
 *
 * Since: 0.1
 */
FetchResponse *
fetch_client_fetch_sync (FetchClient   *client,
                         FetchRequest  *request,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  return fetch_sync (client, request, NULL, NULL, cancellable, error);
}

/**
 * fetch_client_fetch_url_sync:
 * @client: a client
 * @url: the URL, absolute or relative to @client's base URL
 * @init: (nullable): the `RequestInit` members
 * @cancellable: (nullable): a cancellable that aborts the fetch
 * @error: return location for an error
 *
 * `fetch(url, init)` ([method@Fetch.Client.fetch_url_async]), waiting
 * for the response's headers on a private main context, as
 * [method@Fetch.Client.fetch_sync] does.
 *
 * Returns: (transfer full): the response
 *
 * Since: 0.1
 */
FetchResponse *
fetch_client_fetch_url_sync (FetchClient       *client,
                             const char        *url,
                             FetchRequestInit  *init,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return fetch_sync (client, NULL, url, init, cancellable, error);
}

/**
 * fetch_fetch_async:
 * @url: the URL, absolute or relative to the default client's base URL
 * @init: (nullable): the `RequestInit` members
 * @cancellable: (nullable): a cancellable that aborts the fetch
 * @callback: (scope async): called when the response's headers are in
 * @user_data: data for @callback
 *
 * `fetch(url, init)` on the default client
 * ([func@Fetch.Client.get_default]). Finish with [func@Fetch.fetch_finish].
 *
 * Since: 0.1
 */
void
fetch_fetch_async (const char          *url,
                   FetchRequestInit    *init,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_return_if_fail (url != NULL);

  fetch_client_fetch_url_async (fetch_client_get_default (), url, init, cancellable,
                                callback, user_data);
}

/**
 * fetch_fetch_finish:
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Finishes [func@Fetch.fetch_async]; errors are those of
 * [method@Fetch.Client.fetch_finish].
 *
 * Returns: (transfer full): the response
 *
 * Since: 0.1
 */
FetchResponse *
fetch_fetch_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, fetch_client_get_default ()), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
