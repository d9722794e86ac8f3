/* fetch-cors.c: the CORS protocol as fetch uses it (§3.2, §4.7-§4.10)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For now the CORS protocol fails closed: a cross-origin request in
 * "cors" mode from a client with a tuple origin is a network error (its
 * preflight, or its CORS check, fails). A client without origin never
 * gets here: every URL is same-origin with it (fetch-client.c).
 */
#include "config.h"

#include "fetch-cors-private.h"
#include "fetch-error-private.h"
#include "fetch-headers-private.h"
#include "fetch-origin-private.h"
#include "fetch-url-private.h"

gboolean
fetch_cors_request_needs_preflight (FetchRequest *request)
{
  g_auto(GStrv) unsafe_names = NULL;

  /* §4.1 step 12: use-CORS-preflight flag set, or unsafe-request flag set
   * and either a non-safelisted method or CORS-unsafe header names. */
  if (request->use_cors_preflight)
    return TRUE;
  if (!request->unsafe_request)
    return FALSE;
  if (!fetch_is_cors_safelisted_method (request->method))
    return TRUE;
  unsafe_names = fetch_get_cors_unsafe_request_header_names (request->header_list);
  return unsafe_names != NULL && unsafe_names[0] != NULL;
}

gboolean
fetch_cors_preflight_needed (FetchParams *params)
{
  /* §4.3 step 4.1: with no CORS-preflight cache, there is never a
   * matching cache entry, so the conditions are those of main fetch. */
  return fetch_cors_request_needs_preflight (params->request);
}

void
fetch_cors_preflight_fetch (FetchParams *params)
{
  g_autofree char *url = fetch_url_serialize (fetch_request_get_current_url (params->request), TRUE);

  /* Fails closed until the CORS protocol is implemented. */
  fetch_params_return (params,
                       fetch_network_error_new (_("Cross-origin request to “%s” blocked: its CORS preflight failed."), url));
}

gboolean
fetch_cors_check (FetchRequest  *request,
                  FetchResponse *response)
{
  /* Fails closed until the CORS protocol is implemented. */
  return FALSE;
}

gboolean
fetch_tao_check (FetchRequest  *request,
                 FetchResponse *response)
{
  g_auto(GStrv) values = NULL;
  g_autoptr(FetchOrigin) url_origin = NULL;

  /* §4.10 step 1: the timing allow failed flag. */
  if (request->timing_allow_failed)
    return FALSE;

  /* Steps 2-4: `Timing-Allow-Origin` with "*" or the request's origin. */
  values = fetch_header_list_get_decode_split (response->header_list, "Timing-Allow-Origin");
  if (values != NULL)
    {
      g_autofree char *origin = request->origin ? fetch_origin_serialize (request->origin) : g_strdup ("null");

      for (guint i = 0; values[i] != NULL; i++)
        if (g_str_equal (values[i], "*") || g_str_equal (values[i], origin))
          return TRUE;
    }

  /* Step 5: a navigation to another origin fails. (The URL's origin is
   * computed only for a navigation with an origin to compare: an unset
   * one matches anything; this check runs on every fetch.) */
  if (request->mode == FETCH_REQUEST_MODE_NAVIGATE && request->origin != NULL)
    {
      url_origin = fetch_url_get_origin (fetch_request_get_current_url (request));
      if (!fetch_origin_equal_or_unset (request->origin, url_origin))
        return FALSE;
    }

  /* Steps 6-7: basic tainting passes. */
  return request->response_tainting == FETCH_RESPONSE_TAINTING_BASIC;
}

void
fetch_cors_set_exposed_header_names (FetchRequest  *request,
                                     FetchResponse *response)
{
  g_auto(GStrv) names = NULL;

  /* §4.1 step 14.1.1: extract `Access-Control-Expose-Headers`. */
  names = fetch_header_list_get_decode_split (response->header_list, "Access-Control-Expose-Headers");
  if (names == NULL)
    return;

  /* Step 14.1.2: "*" without credentials exposes every name. */
  if (request->credentials != FETCH_REQUEST_CREDENTIALS_INCLUDE && g_strv_contains ((const char * const *) names, "*"))
    {
      guint n = fetch_header_list_get_length (response->header_list);

      for (guint i = 0; i < n; i++)
        {
          const char *name, *value;

          fetch_header_list_nth (response->header_list, i, &name, &value);
          g_ptr_array_add (response->cors_exposed_header_names, g_ascii_strdown (name, -1));
        }
      return;
    }

  /* Step 14.1.3 */
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (response->cors_exposed_header_names, g_ascii_strdown (names[i], -1));
}
