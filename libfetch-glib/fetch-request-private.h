/* fetch-request-private.h: the request concept (§2.2.5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * struct _FetchRequest is the spec's request and the Request object in
 * one: the fetch algorithms (fetch-main.c, fetch-http.c, ...) read and
 * write these fields directly, by their spec names.
 */
#pragma once

#include "fetch-request.h"
#include "fetch-body-private.h"
#include "fetch-origin.h"

G_BEGIN_DECLS

/* A request's referrer: "no-referrer", "client", or a URL. */
typedef enum {
  FETCH_REFERRER_NO_REFERRER,
  FETCH_REFERRER_CLIENT,
  FETCH_REFERRER_URL,
} FetchReferrerKind;

/* A request's response tainting */
typedef enum {
  FETCH_RESPONSE_TAINTING_BASIC,
  FETCH_RESPONSE_TAINTING_CORS,
  FETCH_RESPONSE_TAINTING_OPAQUE,
} FetchResponseTainting;

struct _FetchRequest {
  GObject parent_instance;

  char                   *method;            /* normalized */
  GPtrArray              *url_list;          /* of GUri*, never empty */
  FetchHeaders           *headers;           /* header list + Headers object */
  FetchBody              *body;              /* NULL: null body */
  FetchClient            *client;            /* the environment (strong ref) */
  FetchRequestDestination destination;
  FetchRequestPriority    priority;
  FetchOrigin            *origin;            /* NULL = "client" */
  gboolean                keepalive;
  FetchReferrerKind       referrer_kind;
  GUri                   *referrer_url;      /* with FETCH_REFERRER_URL */
  FetchReferrerPolicy     referrer_policy;
  FetchRequestMode        mode;
  gboolean                use_cors_preflight;
  FetchRequestCredentials credentials;
  gboolean                use_url_credentials;
  FetchRequestCache       cache;
  FetchRequestRedirect    redirect;
  char                   *integrity;         /* never NULL */
  gboolean                unsafe_request;
  gboolean                initiator_type_fetch;
  gboolean                reload_navigation;
  gboolean                history_navigation;
  gboolean                user_activation;
  gboolean                render_blocking;
  gboolean                is_window_no_window; /* window "no-window" */
  FetchRequestDuplex      duplex;
  gboolean                done;
  gboolean                timing_allow_failed;
  guint                   redirect_count;
  FetchResponseTainting   response_tainting;
  gboolean                prevent_no_cache_cache_control_header_modification;

  GCancellable           *signal;            /* the Request's signal */
};

/* A request's current URL: the last of its URL list (borrowed). */
GUri *fetch_request_get_current_url (FetchRequest *request);
/* §2.2.5 clone a request: a new request with a cloned body. */
FetchRequest *fetch_request_clone_internal (FetchRequest *request);

G_END_DECLS
