/* fetch-controller.h: fetch controller (§2) and fetch timing info
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libfetch-glib/fetch-version.h>
#include <libfetch-glib/fetch-enums.h>

G_BEGIN_DECLS

#define FETCH_TYPE_TIMING_INFO (fetch_timing_info_get_type ())

/**
 * FetchTimingInfo:
 * @start_time: when the fetch started
 * @redirect_start_time: the start time of the first redirected fetch, or 0
 * @redirect_end_time: when the last redirect's response ended, or 0
 * @post_redirect_start_time: when the last (post-redirect) fetch started
 * @final_service_worker_start_time: always 0 (no service workers)
 * @final_network_request_start_time: when the final request was sent, or 0
 * @final_network_response_start_time: when the final response's first
 *   bytes arrived, or 0
 * @end_time: when the response body was fully read (or failed), or 0
 * @domain_lookup_start_time: when name resolution started, or 0 (a
 *   reused connection)
 * @domain_lookup_end_time: when name resolution ended, or 0
 * @connection_start_time: when connecting started, or 0
 * @connection_end_time: when the connection (with TLS) was established, or 0
 * @secure_connection_start_time: when the TLS handshake started, or 0
 * @encoded_body_size: the response body size as received (before content
 *   decoding)
 * @decoded_body_size: the response body size after content decoding
 * @request_header_size: bytes of request headers sent
 * @request_body_size: bytes of request body sent
 * @response_header_size: bytes of response headers received
 * @render_blocking: the request's render-blocking flag
 *
 * A fetch timing info (§2, Resource Timing): every time is in microseconds
 * on the monotonic clock of g_get_monotonic_time(), 0 when it did not
 * happen. Connection times are those of the final response's connection.
 *
 * Since: 0.1
 */
typedef struct {
  gint64   start_time;
  gint64   redirect_start_time;
  gint64   redirect_end_time;
  gint64   post_redirect_start_time;
  gint64   final_service_worker_start_time;
  gint64   final_network_request_start_time;
  gint64   final_network_response_start_time;
  gint64   end_time;
  gint64   domain_lookup_start_time;
  gint64   domain_lookup_end_time;
  gint64   connection_start_time;
  gint64   connection_end_time;
  gint64   secure_connection_start_time;
  guint64  encoded_body_size;
  guint64  decoded_body_size;
  guint64  request_header_size;
  guint64  request_body_size;
  guint64  response_header_size;
  gboolean render_blocking;
} FetchTimingInfo;

FETCH_AVAILABLE_IN_ALL
GType            fetch_timing_info_get_type (void) G_GNUC_CONST;
FETCH_AVAILABLE_IN_ALL
FetchTimingInfo *fetch_timing_info_copy     (const FetchTimingInfo *info);
FETCH_AVAILABLE_IN_ALL
void             fetch_timing_info_free     (FetchTimingInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchTimingInfo, fetch_timing_info_free)

#define FETCH_TYPE_CONTROLLER (fetch_controller_get_type ())
FETCH_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (FetchController, fetch_controller, FETCH, CONTROLLER, GObject)

FETCH_AVAILABLE_IN_ALL
FetchController     *fetch_controller_new             (void);
FETCH_AVAILABLE_IN_ALL
void                 fetch_controller_abort           (FetchController *controller,
                                                       const GError    *reason);
FETCH_AVAILABLE_IN_ALL
void                 fetch_controller_terminate       (FetchController *controller);
FETCH_AVAILABLE_IN_ALL
FetchControllerState fetch_controller_get_state       (FetchController *controller);
FETCH_AVAILABLE_IN_ALL
GError              *fetch_controller_get_abort_reason (FetchController *controller);
FETCH_AVAILABLE_IN_ALL
FetchTimingInfo     *fetch_controller_get_timing_info (FetchController *controller);

G_END_DECLS
