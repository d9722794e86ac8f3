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
#include "fetch-headers-private.h"

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
  FetchHeaderList        *header_list;
  FetchHeaders           *headers;           /* its Headers object, made when first asked for */
  FetchBody              *body;              /* NULL: null body */
  FetchClient            *client;            /* the environment (strong ref; borrowed by the copy a fetch runs on, fetch-main.c) */
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

  /* The Request's signal, made when first needed: read it with
   * fetch_request_get_signal(), watch it with fetch_request_watch_signal()
   * (which does not make it). A request made by
   * fetch_request_new_for_fetch() shares its input's (fetch-request.c). */
  struct _FetchSignalCell *signal_cell;
  /* The signal ours follows ("dependent abort signal", §5.4 step 30):
   * its "cancelled" handler cancels ours; disconnected on finalize. */
  GCancellable           *followed_signal;
  gulong                  followed_handler;
};

/* §5.4 RequestInit (fetch-request-init.c): the members, and one bit per
 * member, set when the member "exists". */
typedef enum {
  FETCH_REQUEST_INIT_METHOD          = 1 << 0,
  FETCH_REQUEST_INIT_HEADERS         = 1 << 1,
  FETCH_REQUEST_INIT_BODY            = 1 << 2,
  FETCH_REQUEST_INIT_REFERRER        = 1 << 3,
  FETCH_REQUEST_INIT_REFERRER_POLICY = 1 << 4,
  FETCH_REQUEST_INIT_MODE            = 1 << 5,
  FETCH_REQUEST_INIT_CREDENTIALS     = 1 << 6,
  FETCH_REQUEST_INIT_CACHE           = 1 << 7,
  FETCH_REQUEST_INIT_REDIRECT        = 1 << 8,
  FETCH_REQUEST_INIT_INTEGRITY       = 1 << 9,
  FETCH_REQUEST_INIT_KEEPALIVE       = 1 << 10,
  FETCH_REQUEST_INIT_SIGNAL          = 1 << 11,
  FETCH_REQUEST_INIT_DUPLEX          = 1 << 12,
  FETCH_REQUEST_INIT_PRIORITY        = 1 << 13,
  FETCH_REQUEST_INIT_WINDOW          = 1 << 14,
} FetchRequestInitMember;

struct _FetchRequestInit {
  gatomicrefcount          ref_count;
  guint                    present;       /* FetchRequestInitMember bits */
  char                    *method;
  FetchHeaders            *headers;
  FetchBodyInit           *body;          /* NULL: body is null */
  char                    *referrer;
  FetchReferrerPolicy      referrer_policy;
  FetchRequestMode         mode;
  FetchRequestCredentials  credentials;
  FetchRequestCache        cache;
  FetchRequestRedirect     redirect;
  char                    *integrity;
  gboolean                 keepalive;
  GCancellable            *signal;        /* NULL: signal is null */
  FetchRequestDuplex       duplex;
  FetchRequestPriority     priority;
};

/* "init[member] exists" for an optional init (NULL = the empty dictionary). */
#define FETCH_REQUEST_INIT_HAS(init, member) ((init) != NULL && ((init)->present & (member)) != 0)

/* A request's current URL: the last of its URL list (borrowed). */
GUri *fetch_request_get_current_url (FetchRequest *request);
/* §2.2.5 clone a request: a new request with a cloned body. */
FetchRequest *fetch_request_clone_internal (FetchRequest *request);
/* §5.6 step 2: new Request(input) for the fetch method; the new request's
 * signal is input's own signal (it is the fetch's alone). */
FetchRequest *fetch_request_new_for_fetch  (FetchRequest  *input,
                                            GError       **error);

/* §5.6 step 11 "add abort steps to requestObject's signal", without making
 * the signal: a request's signal is made only when someone asks for it
 * (or follows it), and a signal nobody has can never be aborted. Until
 * then the watch waits in the request; once the signal exists, callback
 * (a GCancellable "cancelled" handler: at once if it is already
 * cancelled) is connected to it. Costs no signal and no connection for
 * the usual fetch of a request whose signal nobody asked for. The watch
 * is the caller's (embedded, not allocated); unwatch before it goes. */
typedef struct _FetchSignalWatch FetchSignalWatch;
struct _FetchSignalWatch {
  struct _FetchSignalCell *cell; /* where the signal is (a reference), or NULL */
  GCallback         callback;
  gpointer          data;
  GCancellable     *signal;      /* once connected (a reference) */
  gulong            handler;
  FetchSignalWatch *prev;        /* waiting in the request until then */
  FetchSignalWatch *next;
};
void          fetch_request_watch_signal   (FetchRequest     *request,
                                            FetchSignalWatch *watch,
                                            GCallback         callback,
                                            gpointer          data);
void          fetch_request_unwatch_signal (FetchSignalWatch *watch);

G_END_DECLS
