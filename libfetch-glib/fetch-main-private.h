/* fetch-main-private.h: fetch params and the fetch algorithms (§4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The standard's algorithms return a response after running "in
 * parallel"; here they are continuations on the main context the fetch
 * runs on. Each algorithm that may wait takes the params and returns its
 * response through fetch_params_return(), which hands it to whoever
 * called the algorithm (a small stack of FetchStep continuations in the
 * params), so that the code reads like the standard's "let response be
 * the result of running X".
 */
#pragma once

#include <libsoup/soup.h>

#include "fetch-client-private.h"
#include "fetch-controller-private.h"
#include "fetch-request-private.h"
#include "fetch-response-private.h"

G_BEGIN_DECLS

typedef struct _FetchParams FetchParams;

/* A continuation: receives the response (transfer full) of the
 * algorithm it was pushed for. */
typedef void (*FetchStep) (FetchParams   *params,
                           FetchResponse *response);

/* §2 fetch params, plus what the GObject API needs to deliver the
 * response. Reference counted: the task that delivers the response holds
 * one, and a network response body holds one until it ends (the fetch
 * finale needs the controller, the client and the cancellables). */
struct _FetchParams {
  gatomicrefcount   ref_count;

  FetchRequest     *request;
  FetchClient      *client;            /* borrowed: see fetch-client.c */
  FetchController  *controller;
  FetchTimingInfo  *timing_info;       /* the controller's (borrowed) */
  GMainContext     *context;           /* where the fetch runs (ref) */
  /* The GTask the caller's callback gets, made when the fetch starts
   * but holding no reference on the client until the response is handed
   * over: ongoing fetches must not keep their client alive
   * (fetch-client.c, fetch_params_new()). NULL once returned. */
  GTask            *task;

  /* Aborting: a caller's GCancellable and the request's signal abort the
   * controller while the fetch (and its response body) is ongoing. */
  GCancellable     *cancellable;
  gulong            cancellable_id;
  FetchSignalWatch  signal_watch;
  gboolean          finale_done;

  /* Continuations of the algorithms in progress (a stack). */
  FetchStep         stack[8];
  guint             stack_depth;

  /* §4.5 httpRequest: instead of cloning the request, HTTP-network-or-
   * cache fetch records the headers it appends for the network; they
   * are sent after the request's own. Step 8 appends at most seven
   * (names are static strings, values owned). */
  struct {
    const char     *name;
    char           *value;
  }                 http_headers[8];
  guint             n_http_headers;
  gboolean          include_credentials;
  gboolean          force_new_connection;
  gulong            wrote_body_data_id;

  /* The body of the latest network response and its stream (weak):
   * when it is the body handed over, the stream runs the fetch finale
   * at its end (fetch-network.c). */
  FetchBody        *network_body;
  GInputStream     *network_stream;

  /* §4.1 step 22: the response whose body is being checked. */
  FetchResponse    *pending_response;
};

FetchParams *fetch_params_ref    (FetchParams *params);
void         fetch_params_unref  (FetchParams *params);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchParams, fetch_params_unref)

/* Pushes the continuation that receives the response of the algorithm
 * about to run. */
void         fetch_params_push   (FetchParams   *params,
                                  FetchStep      step);
/* Returns response (transfer full) from the running algorithm to the
 * continuation pushed for it. */
void         fetch_params_return (FetchParams   *params,
                                  FetchResponse *response);

/* §2 "the appropriate network error" for canceled params: an aborted
 * network error carrying the abort reason, or a network error. */
FetchResponse *fetch_params_appropriate_network_error (FetchParams *params);
/* A network error response whose cause is a new FETCH_ERROR_NETWORK
 * error with the message. */
FetchResponse *fetch_network_error_new (const char *format,
                                        ...) G_GNUC_PRINTF (1, 2);

/* §4 fetch: starts fetching request (which it takes: the copy the
 * Request constructor made, §5.6 step 2) for client with controller.
 * callback gets a GTask whose source is client and whose source tag is
 * source_tag, with the response when its headers are in (§5.6), or an
 * error. cancellable (nullable) and the request's signal abort the
 * controller. */
void         fetch_fetch         (FetchClient         *client,
                                  FetchRequest        *request,
                                  FetchController     *controller,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             callback_data,
                                  gpointer             source_tag);

/* §4.1 main fetch; with recursive, its response goes to the continuation
 * pushed by the caller. */
void         fetch_main_fetch    (FetchParams   *params,
                                  gboolean       recursive);

/* §4.1 fetch finale for a response body that ended (eof: cleanly, else
 * with an error): the timing info becomes final, the fetch leaves its
 * fetch group, the abort sources are disconnected. Idempotent. */
void         fetch_params_finale (FetchParams   *params);
/* Frees the headers §4.5 appended for the network (fetch-http.c). */
void         fetch_params_clear_http_headers (FetchParams *params);

/* §4.1 fetch response handover step 7 for a body that streams but is
 * not the network's (a file: body): its stream is piped through one that
 * fails with the abort once the fetch is canceled, emits download
 * progress and runs the fetch finale at its end (fetch-handover-stream.c;
 * takes a reference on params). Nobody has read body yet. */
void         fetch_handover_body_attach (FetchBody   *body,
                                         FetchParams *params);

/* Referrer Policy §8.3 determine request's referrer: NULL for no
 * referrer. */
GUri        *fetch_determine_request_referrer (FetchRequest *request);
/* Referrer Policy §8.1 set request's referrer policy on redirect */
void         fetch_set_request_referrer_policy_on_redirect (FetchRequest  *request,
                                                            FetchResponse *response);

/* §4.3 HTTP fetch (fetch-http.c) */
void         fetch_http_fetch    (FetchParams   *params,
                                  gboolean       make_cors_preflight);

/* §4.6 HTTP-network fetch (fetch-network.c) */
void         fetch_http_network_fetch (FetchParams *params);

/* The cause of a network-error response as the GError a caller sees:
 * TypeErrors stay TypeErrors, aborted responses give the abort reason,
 * everything else is FETCH_ERROR_NETWORK. */
GError      *fetch_response_dup_error (FetchParams   *params,
                                       FetchResponse *response);

G_END_DECLS
