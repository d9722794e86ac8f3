/* fetch-response-private.h: the response concept (§2.2.6)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * struct _FetchResponse is the spec's response and the Response object in
 * one. A filtered response (basic, cors, opaque, opaqueredirect) has its
 * own type, status, headers and body as the filter defines them, and an
 * internal_response that the public API never returns.
 *
 * "Unless stated otherwise a filtered response's associated concepts
 * refer to [those] of its internal response", and main fetch changes the
 * internal response's URL list and body after filtering (§4.1 steps 16,
 * 21). So the body of a basic or CORS filtered response is NOT in its
 * ->body (which stays NULL) but in internal_response->body: read a body
 * with fetch_response_get_body_internal() and a URL with
 * fetch_response_get_url_internal(), which look in the right place.
 * Status, status message and the flags are copied when filtering.
 */
#pragma once

#include "fetch-response.h"
#include "fetch-body-private.h"
#include "fetch-headers-private.h"

G_BEGIN_DECLS

typedef enum {
  FETCH_CACHE_STATE_NONE,
  FETCH_CACHE_STATE_LOCAL,
  FETCH_CACHE_STATE_VALIDATED,
} FetchCacheState;

struct _FetchResponse {
  GObject parent_instance;

  FetchResponseType  type;
  gboolean           aborted;
  GPtrArray         *url_list;         /* of GUri*; may be empty */
  guint              status;
  char              *status_message;   /* never NULL; UTF-8 (the isomorphic
                                          decoding of the bytes) */
  FetchHeaderList   *header_list;
  FetchHeaders      *headers;          /* its Headers object, made when first asked for */
  FetchBody         *body;             /* NULL: null body */
  FetchCacheState    cache_state;
  GPtrArray         *cors_exposed_header_names; /* of char*, lowercase */
  gboolean           range_requested;
  gboolean           request_includes_credentials;
  gboolean           timing_allow_passed;
  gboolean           has_cross_origin_redirects;
  GError            *error;            /* network errors: why (may be NULL) */
  FetchResponse     *internal_response; /* filtered responses only */
};

/* §2.2.6 a new response: status 200, empty header list (guard
 * "response"), null body, type default. */
FetchResponse *fetch_response_new_internal (void);
/* §2.2.6 network error (type error, status 0, guard immutable); takes
 * error (may be NULL) as the cause. */
FetchResponse *fetch_response_new_network_error (GError *error);
/* §2.2.6 aborted network error */
FetchResponse *fetch_response_new_aborted_network_error (GError *error);
gboolean       fetch_response_is_network_error (FetchResponse *response);
/* §2.2.6 filtered responses over internal (which they reference). */
FetchResponse *fetch_response_new_basic_filtered  (FetchResponse *internal);
/* The same for main fetch, which never exposes internal: internal itself,
 * typed basic, when the filter would keep all its headers. */
FetchResponse *fetch_response_new_basic_filtered_for_fetch (FetchResponse *internal);
FetchResponse *fetch_response_new_cors_filtered   (FetchResponse *internal);
FetchResponse *fetch_response_new_opaque_filtered (FetchResponse *internal);
FetchResponse *fetch_response_new_opaque_redirect_filtered (FetchResponse *internal);
/* The internal response of a filtered response, else response itself
 * (borrowed). */
FetchResponse *fetch_response_get_internal (FetchResponse *response);
/* §2.2.6 a response's URL: last of url_list or NULL (borrowed). */
GUri          *fetch_response_get_url_internal (FetchResponse *response);
/* §2.2.6 a response's body (borrowed, NULL: null body): for basic and
 * CORS filtered responses the internal response's. */
FetchBody     *fetch_response_get_body_internal (FetchResponse *response);
/* §2.2.6 location URL: NULL with *failure FALSE for null, NULL with
 * *failure TRUE for failure. */
GUri          *fetch_response_get_location_url (FetchResponse *response,
                                                const char    *request_fragment,
                                                gboolean      *failure);
/* §2.2.3 statuses */
gboolean       fetch_status_is_null_body (guint status);
gboolean       fetch_status_is_ok        (guint status);
gboolean       fetch_status_is_redirect  (guint status);

G_END_DECLS
