/* fetch-cors-private.h: the CORS protocol as fetch uses it (§3.2, §4.7
 * CORS-preflight fetch, §4.9 CORS check, §4.10 TAO check)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fetch-main-private.h"

G_BEGIN_DECLS

/* §4.1 step 12: does the request take the preflighted CORS branch? (its
 * use-CORS-preflight flag, or an unsafe request with a non-safelisted
 * method or CORS-unsafe request-header names) */
gboolean fetch_cors_request_needs_preflight (FetchRequest *request);
/* §4.3 step 4.1: the conditions for a CORS-preflight fetch, given the
 * preflight cache. */
gboolean fetch_cors_preflight_needed        (FetchParams  *params);
/* §4.7 CORS-preflight fetch: returns (fetch_params_return) a network
 * error, or any other response for success. */
void     fetch_cors_preflight_fetch         (FetchParams  *params);
/* §4.9 CORS check: TRUE for success. */
gboolean fetch_cors_check                   (FetchRequest  *request,
                                             FetchResponse *response);
/* §4.10 TAO check: TRUE for success. */
gboolean fetch_tao_check                    (FetchRequest  *request,
                                             FetchResponse *response);
/* §4.1 step 14.1: response's CORS-exposed header-name list. */
void     fetch_cors_set_exposed_header_names (FetchRequest  *request,
                                              FetchResponse *response);

G_END_DECLS
