/* fetch-controller-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fetch-controller.h"

G_BEGIN_DECLS

/* A controller of the library's own, for a fetch started without one:
 * no caller can reach it, so nobody connects to its progress signals
 * (fetch_controller_wants_*_progress() say FALSE without looking). */
FetchController *fetch_controller_new_private (void);

/* Cancelled when the controller is aborted or terminated: every
 * asynchronous step of a fetch runs with it (borrowed). */
GCancellable *fetch_controller_get_cancellable   (FetchController *controller);
/* Called once when the controller is aborted or terminated, after its
 * cancellable was cancelled, from the thread that did it, under the
 * controller's lock (keep it short: it must not call back into the
 * controller). At once if that already happened. NULL unsets it, and
 * then waits for a call in progress to end. One func at a time. For the
 * library's own watchers: unlike a "cancelled" handler, setting it costs
 * no signal connection (a closure and its bookkeeping) per fetch. */
typedef void (*FetchControllerCancelFunc) (FetchController *controller,
                                           gpointer         data);
void          fetch_controller_set_cancel_func   (FetchController           *controller,
                                                  FetchControllerCancelFunc  func,
                                                  gpointer                   data);

/* §2 "fetch params is aborted" / "is canceled" */
gboolean      fetch_controller_is_aborted        (FetchController *controller);
gboolean      fetch_controller_is_canceled       (FetchController *controller);
/* §2 deserialize a serialized abort reason: the abort reason, or an
 * "AbortError" (FETCH_ERROR_ABORTED). Returns a new error. */
GError       *fetch_controller_dup_abort_error   (FetchController *controller);
/* The error a fetch ends with when its controller was canceled: the
 * abort error when aborted, a network error when terminated. */
GError       *fetch_controller_dup_cancel_error  (FetchController *controller);
/* Starts a fetch with this controller: FALSE if it is already in use
 * by another fetch (a programmer error). */
gboolean      fetch_controller_start             (FetchController *controller,
                                                  gboolean         keepalive);
gboolean      fetch_controller_get_keepalive     (FetchController *controller);
/* The timing info being filled in while the fetch runs (borrowed, owned
 * by the controller); it becomes the full timing info at the end. */
FetchTimingInfo *fetch_controller_get_timing     (FetchController *controller);
/* §4.1 fetch finale / fetch response handover: the timing info is final. */
void          fetch_controller_finish_timing     (FetchController *controller);

void          fetch_controller_emit_upload_progress   (FetchController *controller,
                                                       guint64          sent,
                                                       gint64           total);
void          fetch_controller_emit_download_progress (FetchController *controller,
                                                       guint64          received,
                                                       gint64           total);
/* TRUE if someone listens to download-progress (skips the emission cost). */
gboolean      fetch_controller_wants_download_progress (FetchController *controller);
gboolean      fetch_controller_wants_upload_progress   (FetchController *controller);

G_END_DECLS
