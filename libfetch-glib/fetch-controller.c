/* fetch-controller.c: fetch controller (§2) and fetch timing info
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A FetchController is the standard's fetch controller: its state, its
 * serialized abort reason, its full timing info. It also carries a
 * GCancellable that is cancelled when the controller is aborted or
 * terminated: every asynchronous step of the fetch runs with it, so that
 * cancelling reaches whatever the fetch is waiting for (connecting,
 * headers, a redirect, a body read). Abort and terminate may be called
 * from any thread.
 */
#include "config.h"

#include "fetch-controller-private.h"
#include "fetch-enum-types.h"
#include "fetch-error-private.h"

/**
 * FetchController:
 *
 * A fetch controller (§2): abort or terminate one fetch, follow its
 * upload and download progress, and read its timing info when it is
 * done. Pass it to [method@Fetch.Client.fetch_with_controller_async].
 *
 * Since: 0.1
 */

struct _FetchController {
  GObject parent_instance;

  int              state;        /* FetchControllerState, atomic */
  int              started;      /* atomic */
  gboolean         keepalive;
  GCancellable    *cancellable;

  GMutex           lock;         /* guards abort_reason, full_timing_info,
                                    the cancel func */
  GError          *abort_reason; /* the serialized abort reason */
  FetchControllerCancelFunc cancel_func;
  gpointer         cancel_data;
  gboolean         cancel_notified;
  gboolean         timing_final;
  FetchTimingInfo  timing;
  gboolean         is_private;   /* fetch_controller_new_private() */
};

enum {
  SIGNAL_UPLOAD_PROGRESS,
  SIGNAL_DOWNLOAD_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FetchController, fetch_controller, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (FetchTimingInfo, fetch_timing_info,
                     fetch_timing_info_copy, fetch_timing_info_free)

/**
 * fetch_timing_info_copy:
 * @info: a timing info
 *
 * Copies a timing info.
 *
 * Returns: (transfer full): a copy of @info
 *
 * Since: 0.1
 */
FetchTimingInfo *
fetch_timing_info_copy (const FetchTimingInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return g_memdup2 (info, sizeof *info);
}

/**
 * fetch_timing_info_free:
 * @info: a timing info
 *
 * Frees a timing info.
 *
 * Since: 0.1
 */
void
fetch_timing_info_free (FetchTimingInfo *info)
{
  g_free (info);
}

static void
fetch_controller_init (FetchController *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
}

/* After the cancellable: the cancel func, once (see
 * fetch_controller_set_cancel_func()). */
static void
controller_notify_cancel (FetchController *self)
{
  g_mutex_lock (&self->lock);
  self->cancel_notified = TRUE;
  if (self->cancel_func != NULL)
    self->cancel_func (self, self->cancel_data);
  g_mutex_unlock (&self->lock);
}

void
fetch_controller_set_cancel_func (FetchController           *controller,
                                  FetchControllerCancelFunc  func,
                                  gpointer                   data)
{
  g_return_if_fail (FETCH_IS_CONTROLLER (controller));

  g_mutex_lock (&controller->lock);
  controller->cancel_func = func;
  controller->cancel_data = data;
  /* Already canceled: now (else controller_notify_cancel() will). */
  if (func != NULL && controller->cancel_notified)
    func (controller, data);
  g_mutex_unlock (&controller->lock);
}

static void
fetch_controller_finalize (GObject *object)
{
  FetchController *self = FETCH_CONTROLLER (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->abort_reason);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (fetch_controller_parent_class)->finalize (object);
}

static void
fetch_controller_class_init (FetchControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fetch_controller_finalize;

  /**
   * FetchController::upload-progress:
   * @controller: the controller
   * @sent: bytes of the request body sent so far
   * @total: the request body's length, or -1 if unknown
   *
   * Emitted as the request body is sent (§4.6, process request body
   * chunk length), on the main context the fetch runs on.
   *
   * Since: 0.1
   */
  signals[SIGNAL_UPLOAD_PROGRESS] =
    g_signal_new ("upload-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_INT64);

  /**
   * FetchController::download-progress:
   * @controller: the controller
   * @received: bytes of the response body read so far (after content
   *   decoding)
   * @total: the response's `Content-Length` (a file's size for a
   *   `file:` URL), or -1 if unknown (or if the body is content-encoded)
   *
   * Emitted as the response body is read, on the main context that
   * reads it. Bodies that are already in memory when the response is
   * handed over (`data:` and `blob:` URLs, a body checked against its
   * integrity metadata) report no progress.
   *
   * Since: 0.1
   */
  signals[SIGNAL_DOWNLOAD_PROGRESS] =
    g_signal_new ("download-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_INT64);
}

/**
 * fetch_controller_new:
 *
 * Creates a controller, to pass to
 * [method@Fetch.Client.fetch_with_controller_async]. A controller serves
 * one fetch.
 *
 * Returns: (transfer full): a new controller in the "ongoing" state
 *
 * Since: 0.1
 */
FetchController *
fetch_controller_new (void)
{
  return g_object_new (FETCH_TYPE_CONTROLLER, NULL);
}

FetchController *
fetch_controller_new_private (void)
{
  FetchController *controller = fetch_controller_new ();

  controller->is_private = TRUE;
  return controller;
}

/**
 * fetch_controller_abort:
 * @controller: a controller
 * @reason: (nullable): why, or %NULL for an "AbortError"
 *   ([error@Fetch.Error.ABORTED])
 *
 * Aborts the fetch (§2, abort a fetch controller): it ends with @reason
 * (a copy), or its response body stream fails with it. Does nothing if
 * the controller was already aborted or terminated. May be called from
 * any thread.
 *
 * Since: 0.1
 */
void
fetch_controller_abort (FetchController *controller,
                        const GError    *reason)
{
  g_return_if_fail (FETCH_IS_CONTROLLER (controller));

  /* Step 1: set controller's state to "aborted". */
  if (!g_atomic_int_compare_and_exchange (&controller->state,
                                          FETCH_CONTROLLER_STATE_ONGOING,
                                          FETCH_CONTROLLER_STATE_ABORTED))
    return;

  /* Steps 2-5: the serialized abort reason; NULL stands for the
   * fallback "AbortError". */
  g_mutex_lock (&controller->lock);
  controller->abort_reason = reason ? g_error_copy (reason) : NULL;
  g_mutex_unlock (&controller->lock);

  g_cancellable_cancel (controller->cancellable);
  controller_notify_cancel (controller);
}

/**
 * fetch_controller_terminate:
 * @controller: a controller
 *
 * Terminates the fetch (§2, terminate a fetch controller): it ends with
 * a network error. Does nothing if the controller was already aborted or
 * terminated. May be called from any thread.
 *
 * Since: 0.1
 */
void
fetch_controller_terminate (FetchController *controller)
{
  g_return_if_fail (FETCH_IS_CONTROLLER (controller));

  if (!g_atomic_int_compare_and_exchange (&controller->state,
                                          FETCH_CONTROLLER_STATE_ONGOING,
                                          FETCH_CONTROLLER_STATE_TERMINATED))
    return;
  g_cancellable_cancel (controller->cancellable);
  controller_notify_cancel (controller);
}

/**
 * fetch_controller_get_state:
 * @controller: a controller
 *
 * Gets the controller's state.
 *
 * Returns: the state
 *
 * Since: 0.1
 */
FetchControllerState
fetch_controller_get_state (FetchController *controller)
{
  g_return_val_if_fail (FETCH_IS_CONTROLLER (controller), FETCH_CONTROLLER_STATE_ONGOING);
  return g_atomic_int_get (&controller->state);
}

/**
 * fetch_controller_get_abort_reason:
 * @controller: a controller
 *
 * Gets the serialized abort reason: the error given to
 * [method@Fetch.Controller.abort].
 *
 * Returns: (transfer full) (nullable): a copy of the abort reason, or
 *   %NULL if the controller was not aborted or was aborted without one
 *
 * Since: 0.1
 */
GError *
fetch_controller_get_abort_reason (FetchController *controller)
{
  GError *reason;

  g_return_val_if_fail (FETCH_IS_CONTROLLER (controller), NULL);

  g_mutex_lock (&controller->lock);
  reason = controller->abort_reason ? g_error_copy (controller->abort_reason) : NULL;
  g_mutex_unlock (&controller->lock);
  return reason;
}

/**
 * fetch_controller_get_timing_info:
 * @controller: a controller
 *
 * Gets the full timing info (§2, extract full timing info). It is
 * available once the fetch has ended: its response body fully read, or
 * the fetch failed.
 *
 * Returns: (transfer full) (nullable): a copy of the full timing info,
 *   or %NULL while the fetch is still running
 *
 * Since: 0.1
 */
FetchTimingInfo *
fetch_controller_get_timing_info (FetchController *controller)
{
  FetchTimingInfo *info = NULL;

  g_return_val_if_fail (FETCH_IS_CONTROLLER (controller), NULL);

  g_mutex_lock (&controller->lock);
  if (controller->timing_final)
    info = fetch_timing_info_copy (&controller->timing);
  g_mutex_unlock (&controller->lock);
  return info;
}

GCancellable *
fetch_controller_get_cancellable (FetchController *controller)
{
  return controller->cancellable;
}

gboolean
fetch_controller_is_aborted (FetchController *controller)
{
  return g_atomic_int_get (&controller->state) == FETCH_CONTROLLER_STATE_ABORTED;
}

gboolean
fetch_controller_is_canceled (FetchController *controller)
{
  return g_atomic_int_get (&controller->state) != FETCH_CONTROLLER_STATE_ONGOING;
}

GError *
fetch_controller_dup_abort_error (FetchController *controller)
{
  GError *error = fetch_controller_get_abort_reason (controller);

  if (error == NULL)
    error = g_error_new_literal (FETCH_ERROR, FETCH_ERROR_ABORTED, _("The fetch was aborted."));
  return error;
}

GError *
fetch_controller_dup_cancel_error (FetchController *controller)
{
  if (fetch_controller_is_aborted (controller))
    return fetch_controller_dup_abort_error (controller);
  return g_error_new_literal (FETCH_ERROR, FETCH_ERROR_NETWORK, _("The fetch was terminated."));
}

gboolean
fetch_controller_start (FetchController *controller,
                        gboolean         keepalive)
{
  if (!g_atomic_int_compare_and_exchange (&controller->started, 0, 1))
    return FALSE;
  controller->keepalive = keepalive;
  return TRUE;
}

gboolean
fetch_controller_get_keepalive (FetchController *controller)
{
  return controller->keepalive;
}

FetchTimingInfo *
fetch_controller_get_timing (FetchController *controller)
{
  return &controller->timing;
}

void
fetch_controller_finish_timing (FetchController *controller)
{
  g_mutex_lock (&controller->lock);
  controller->timing_final = TRUE;
  g_mutex_unlock (&controller->lock);
}

void
fetch_controller_emit_upload_progress (FetchController *controller,
                                       guint64          sent,
                                       gint64           total)
{
  g_signal_emit (controller, signals[SIGNAL_UPLOAD_PROGRESS], 0, sent, total);
}

void
fetch_controller_emit_download_progress (FetchController *controller,
                                         guint64          received,
                                         gint64           total)
{
  g_signal_emit (controller, signals[SIGNAL_DOWNLOAD_PROGRESS], 0, received, total);
}

gboolean
fetch_controller_wants_download_progress (FetchController *controller)
{
  /* (Asked per read of a body: a private controller answers without
   * the signal lookup.) */
  if (controller->is_private)
    return FALSE;
  return g_signal_has_handler_pending (controller, signals[SIGNAL_DOWNLOAD_PROGRESS], 0, FALSE);
}

gboolean
fetch_controller_wants_upload_progress (FetchController *controller)
{
  if (controller->is_private)
    return FALSE;
  return g_signal_has_handler_pending (controller, signals[SIGNAL_UPLOAD_PROGRESS], 0, FALSE);
}
