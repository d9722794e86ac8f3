/* fetch-network.c: HTTP-network fetch (§4.6) over libsoup
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The only file that speaks SoupMessage. A request becomes a SoupMessage
 * (method, URL, headers in order, the body as bytes or a stream); the
 * SoupMessage's response becomes a response whose body stream is a
 * FetchNetworkStream over libsoup's own body stream: no copy, no buffer,
 * one GInputStream. It is a FetchBodyStream (the ReadableStream's
 * disturbed and locked states, fetch-body-stream.c) whose source is
 * libsoup's stream seen through what the standard's ReadableStream of
 * §4.6 steps 10-16 does: it fails with the abort reason when the fetch is
 * aborted, never ends cleanly on a broken body, reports download progress
 * and runs the fetch finale when the body ends. A consumer or a tee
 * holding the lock reads that same source.
 */
#include "config.h"

#include <string.h>

#include "fetch-main-private.h"
#include "fetch-body-stream-private.h"
#include "fetch-error-private.h"
#include "fetch-headers-private.h"
#include "fetch-network-private.h"
#include "fetch-url-private.h"

/* ---------------------------------------------------------------- */
/* FetchNetworkStream                                                 */
/* ---------------------------------------------------------------- */

/* Closes libsoup's body stream without blocking: at its end the message
 * completes and the connection is reused; before it, closing would read
 * the rest, so a cancelled cancellable makes it drop the connection. */
static void
close_soup_stream (GInputStream *base,
                   gboolean      at_end)
{
  g_autoptr(GCancellable) cancelled = NULL;

  if (g_input_stream_is_closed (base))
    return;
  if (!at_end)
    {
      cancelled = g_cancellable_new ();
      g_cancellable_cancel (cancelled);
    }
  g_input_stream_close (base, cancelled, NULL);
}

#define FETCH_TYPE_NETWORK_STREAM (fetch_network_stream_get_type ())
G_DECLARE_FINAL_TYPE (FetchNetworkStream, fetch_network_stream, FETCH, NETWORK_STREAM, FetchBodyStream)

struct _FetchNetworkStream {
  FetchBodyStream parent_instance;

  GInputStream *base;        /* libsoup's body stream */
  SoupMessage  *msg;
  GMainContext *context;     /* the one msg was sent on */
  FetchParams  *params;      /* once handed over (attached) */
  guint64       received;    /* decoded bytes read */
  gint64        total;       /* expected decoded length, or -1 */
  gboolean      done;        /* the body ended: EOF or error */
  gboolean      eof;         /* it ended at EOF */
  gboolean      discarded;   /* base belongs to a drain */
  gboolean      closed;      /* the source was closed (see the close) */
  gboolean      chunked;     /* chunked, no content coding (see below) */
  gint64        wire_total;  /* Content-Length of a content-coded body, or -1 */

  /* Once attached, the controller is watched (its cancel func) so that
   * an abort or termination releases the connection at once, even if
   * nobody reads the body again; end_error is what reads then fail
   * with (the body ended because the fetch was canceled). */
  FetchController *abort_watched;
  GError       *end_error;

  /* The read_async in flight (GInputStream allows one outstanding
   * operation per stream): its caller, and the caller's cancellable
   * while it is forwarded to the controller. */
  GAsyncReadyCallback read_callback;
  gpointer      read_user_data;
  GCancellable *read_watched;
  gulong        read_handler;
  /* The outcome of the last async read, which the caller finishes with
   * libsoup's GAsyncResult as a token (fetch_network_stream_read_async). */
  GAsyncResult *read_result;   /* not a reference: only compared */
  gssize        read_nread;
  GError       *read_error;
};

G_DEFINE_FINAL_TYPE (FetchNetworkStream, fetch_network_stream, FETCH_TYPE_BODY_STREAM)

static gboolean network_stream_enter_context (FetchNetworkStream *self);

static void
network_stream_unwatch_abort (FetchNetworkStream *self)
{
  /* (Waits for a call of the func in progress, as a "cancelled"
   * handler's disconnection would.) */
  if (self->abort_watched != NULL)
    fetch_controller_set_cancel_func (self->abort_watched, NULL, NULL);
  g_clear_object (&self->abort_watched);
}

/* A body that will not be read to its end gives its connection back now
 * (libsoup drops it), not when the response is finalized. Never while a
 * read of the base stream is in flight. */
static void
network_stream_release (FetchNetworkStream *self)
{
  gboolean pushed;

  if (self->discarded || g_input_stream_is_closed (self->base))
    return;
  pushed = network_stream_enter_context (self);
  close_soup_stream (self->base, FALSE);
  if (pushed)
    g_main_context_pop_thread_default (self->context);
}

/* The body ended (eof or error): the fetch finale, once. */
static void
network_stream_end (FetchNetworkStream *self,
                    gboolean            eof)
{
  FetchParams *params = self->params;
  SoupMessageMetrics *metrics;

  if (self->done)
    return;
  self->done = TRUE;
  self->eof = eof;
  network_stream_unwatch_abort (self);
  if (!eof)
    {
      if (params != NULL && fetch_controller_is_canceled (params->controller))
        self->end_error = fetch_controller_dup_cancel_error (params->controller);
      network_stream_release (self);
    }
  if (params == NULL)
    return;

  /* §4.6 step 16.1.1: the body info sizes. */
  metrics = soup_message_get_metrics (self->msg);
  if (metrics != NULL)
    params->timing_info->encoded_body_size = soup_message_metrics_get_response_body_bytes_received (metrics);
  params->timing_info->decoded_body_size = self->received;

  /* §4.6 step 10.3.2: a stream that errored terminates the fetch. */
  if (!eof)
    fetch_controller_terminate (params->controller);

  self->params = NULL;
  fetch_params_finale (params);
  fetch_params_unref (params);
}

/* Turns a failed read of the base stream into the error the body
 * stream reports. */
static GError *
network_stream_map_error (FetchNetworkStream *self,
                          GError             *error)
{
  GError *mapped;

  /* §4.6 step 16.2: aborted: the deserialized abort reason; terminated:
   * a network error. */
  if (self->params != NULL && fetch_controller_is_canceled (self->params->controller))
    {
      g_error_free (error);
      return fetch_controller_dup_cancel_error (self->params->controller);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == FETCH_ERROR)
    return error;

  /* NOTE(spec): the standard errors the stream with a TypeError; we say
   * network error and name the cause (reset, truncated, bad chunks). */
  mapped = g_error_new (FETCH_ERROR, FETCH_ERROR_NETWORK,
                        _("The response body could not be read: %s"), error->message);
  g_error_free (error);
  return mapped;
}

/* Whether a body that libsoup ended cleanly was received in full, as
 * far as can be seen. libsoup does not always say:
 *  - A Content-Length body on a connection that is not kept alive ends
 *    where the connection does, short or not; the content decoder
 *    (gzip...) then ends a cut compressed stream cleanly too. Without a
 *    content coding, received < total catches it (network_stream_got());
 *    with one, the bytes libsoup received for the body
 *    (SoupMessageMetrics, counted as read from the connection) must
 *    reach the Content-Length.
 *  - libsoup 3.2 takes the connection closing where a chunk-size line,
 *    the CRLF after a chunk's data or the final CRLF should come for the
 *    end of a chunked body, and keeps the chunked framing to itself. A
 *    complete chunked body of D > 0 bytes in chunks s1..sk takes
 *    sum (hexlen (si) + 4) + 5 bytes beyond D (size line and CRLF around
 *    each chunk, then "0" CRLF CRLF), at least hexlen (D) + 9 since
 *    hexlen is subadditive; an empty one at least 5. Fewer bytes received
 *    than that is a body cut short. This catches a connection lost after
 *    the first chunk, or around the last chunk of a one-chunk body, and
 *    never flags a complete body; it cannot see a cut after several
 *    chunks (their framing already exceeds the bound, and nothing public
 *    tells how the data was chunked), nor one under a content coding
 *    (D is then not the chunked data's length). tests/network-test.c
 *    lists what else cannot be seen.
 * NOTE(spec): RFC 9112 requires CRLF in the chunked framing; a body
 * framed with bare LFs (which libsoup tolerates) may fail here, as in
 * Node's strict parser. */
static gboolean
network_stream_wire_complete (FetchNetworkStream *self)
{
  SoupMessageMetrics *metrics = soup_message_get_metrics (self->msg);
  guint64 wire, minimum = 5;

  if (metrics == NULL)
    return TRUE;
  wire = soup_message_metrics_get_response_body_bytes_received (metrics);
  if (self->wire_total >= 0)
    return wire >= (guint64) self->wire_total;
  if (!self->chunked)
    return TRUE;
  if (self->received > 0)
    {
      minimum = self->received + 9;
      for (guint64 d = self->received; d > 0; d >>= 4)
        minimum++;
    }
  return wire >= minimum;
}

/* Handles the result of a read of the base stream (local_error, owned,
 * is its error). */
static gssize
network_stream_got (FetchNetworkStream  *self,
                    gssize               nread,
                    GError              *local_error,
                    GError             **error)
{
  if (nread < 0)
    {
      GError *mapped = network_stream_map_error (self, local_error);

      if (!g_error_matches (mapped, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        network_stream_end (self, FALSE);
      g_propagate_error (error, mapped);
      return -1;
    }

  if (nread > 0)
    {
      self->received += nread;
      if (self->params != NULL && fetch_controller_wants_download_progress (self->params->controller))
        fetch_controller_emit_download_progress (self->params->controller, self->received, self->total);
      return nread;
    }

  /* EOF: never a clean end short of Content-Length. */
  if (self->total >= 0 && self->received < (guint64) self->total)
    {
      g_set_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK,
                   _("The response body could not be read: it ended after %llu of %lld bytes."),
                   (unsigned long long) self->received, (long long) self->total);
      network_stream_end (self, FALSE);
      return -1;
    }
  /* Nor short of what its framing announced, where that can be seen. */
  if ((self->chunked || self->wire_total >= 0) && !self->done && !network_stream_wire_complete (self))
    {
      if (self->chunked)
        g_set_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK,
                     _("The response body could not be read: the connection closed before the end of its chunked encoding, after %llu bytes."),
                     (unsigned long long) self->received);
      else
        g_set_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK,
                     _("The response body could not be read: the connection closed before the %lld bytes of its Content-Length."),
                     (long long) self->wire_total);
      network_stream_end (self, FALSE);
      return -1;
    }
  network_stream_end (self, TRUE);
  return 0;
}

static gboolean
network_stream_check_canceled (FetchNetworkStream  *self,
                               GError             **error)
{
  /* Ended by an abort or termination already (its connection gone). */
  if (G_UNLIKELY (self->end_error != NULL))
    {
      g_propagate_error (error, g_error_copy (self->end_error));
      return TRUE;
    }
  if (self->params == NULL || !fetch_controller_is_canceled (self->params->controller))
    return FALSE;
  g_propagate_error (error, fetch_controller_dup_cancel_error (self->params->controller));
  network_stream_end (self, FALSE);
  return TRUE;
}

/* A body that ended in error (or short) released its connection:
 * libsoup's stream is closed, and a read fails as GInputStream fails a
 * read of a closed stream, an error of the body like any other. (For
 * reads that skip GInputStream, see fetch_network_stream_read_async().)
 * It is closed only once the body ended or went to a drain. */
static gboolean
network_stream_check_closed (FetchNetworkStream  *self,
                             GError             **error)
{
  if (G_LIKELY (!self->done && !self->discarded) || !g_input_stream_is_closed (self->base))
    return FALSE;
  network_stream_got (self, -1,
                      g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                           _("Stream is already closed")),
                      error);
  return TRUE;
}

/* libsoup completes a message on the main context it was sent on: a
 * synchronous read or close from elsewhere (the body of a
 * fetch_client_fetch_sync() response, read after it returned) runs with
 * that context as thread-default. Returns TRUE if it pushed it. */
static gboolean
network_stream_enter_context (FetchNetworkStream *self)
{
  GMainContext *current = g_main_context_get_thread_default ();

  if (current == NULL)
    current = g_main_context_default ();
  if (current == self->context)
    return FALSE;
  g_main_context_push_thread_default (self->context);
  return TRUE;
}

static void
on_read_cancelled (GCancellable *cancellable,
                   gpointer      controller)
{
  fetch_controller_abort (controller, NULL);
}

/* The cancellable for a read of the base stream: the controller's, to
 * which a caller's cancellable is forwarded for the read (cancelling a
 * read cancels the body, §4.6 step 11: it aborts the fetch). */
static GCancellable *
network_stream_read_cancellable (FetchNetworkStream *self,
                                 GCancellable       *cancellable,
                                 gulong             *handler)
{
  *handler = 0;
  if (self->params == NULL)
    return cancellable;
  if (cancellable != NULL)
    *handler = g_cancellable_connect (cancellable, G_CALLBACK (on_read_cancelled),
                                      self->params->controller, NULL);
  return fetch_controller_get_cancellable (self->params->controller);
}

/* The source's vfuncs (FetchBodyStreamClass): what a read or close of
 * the body stream does after its Streams checks, and what the holder of
 * its lock does. */

static gssize
fetch_network_stream_read (FetchBodyStream  *stream,
                           void             *buffer,
                           gsize             count,
                           GCancellable     *cancellable,
                           GError          **error)
{
  FetchNetworkStream *self = FETCH_NETWORK_STREAM (stream);
  g_autoptr(GCancellable) watched = cancellable ? g_object_ref (cancellable) : NULL;
  GCancellable *read_cancellable;
  gulong handler;
  gssize nread;

  GError *local_error = NULL;
  gboolean pushed;

  if (network_stream_check_canceled (self, error))
    return -1;

  read_cancellable = network_stream_read_cancellable (self, cancellable, &handler);
  pushed = network_stream_enter_context (self);
  nread = g_input_stream_read (self->base, buffer, count, read_cancellable, &local_error);
  if (pushed)
    g_main_context_pop_thread_default (self->context);
  if (handler != 0)
    g_cancellable_disconnect (watched, handler);
  return network_stream_got (self, nread, local_error, error);
}

static void fetch_network_stream_read_async (FetchBodyStream     *stream,
                                             void                *buffer,
                                             gsize                count,
                                             int                  io_priority,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

static void
network_stream_unwatch (FetchNetworkStream *self)
{
  if (self->read_handler != 0)
    g_cancellable_disconnect (self->read_watched, self->read_handler);
  self->read_handler = 0;
  g_clear_object (&self->read_watched);
}

static void
on_base_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  FetchNetworkStream *self = user_data;
  GAsyncReadyCallback callback = self->read_callback;
  gpointer callback_data = self->read_user_data;
  GError *local_error = NULL;
  GError *error = NULL;
  gssize nread;

  /* (Through the class, as the read was started: see
   * fetch_network_stream_read_async().) */
  nread = G_INPUT_STREAM_GET_CLASS (self->base)->read_finish (self->base, result, &local_error);
  network_stream_unwatch (self);
  nread = network_stream_got (self, nread, local_error, &error);

  self->read_callback = NULL;
  self->read_user_data = NULL;

  /* The caller finishes libsoup's result on this stream: read_finish
   * returns the outcome kept here (GInputStream, or the holder of the
   * lock, holds a reference on self until the callback returns). */
  g_clear_error (&self->read_error);
  self->read_result = result;
  self->read_nread = nread;
  self->read_error = error;
  callback ((GObject *) self, result, callback_data);
}

/* A read of libsoup's stream without a GTask of our own (one per read
 * was a large part of the Fetch layer's cost): the outcome, checked and
 * counted by network_stream_got() before the caller hears of it, waits
 * here, and the caller gets libsoup's GAsyncResult as the token to
 * finish. libsoup never calls back from within read_async (GIO's rule),
 * so neither do we.
 *
 * libsoup's stream is ours alone and is read through its class directly:
 * GInputStream's bookkeeping on it (pending flag, reference, the checks
 * of read_finish) would only repeat what was done on the stream our
 * caller reads (this one, or a tee branch) and cost as much as the rest
 * of a read's overhead. It never has another operation outstanding: one
 * read at a time reaches here (GInputStream's pending flag on this
 * stream, or the holder of the lock), a drain takes it only when no read
 * is in flight, and it is closed only then too. Counts of 0 or beyond
 * G_MAXSSIZE never reach here (refused by GInputStream on the stream our
 * caller reads, or never asked for by a consumer). What remains of
 * GInputStream's checks is network_stream_check_closed(). */
static void
fetch_network_stream_read_async (FetchBodyStream     *stream,
                                 void                *buffer,
                                 gsize                count,
                                 int                  io_priority,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  FetchNetworkStream *self = (FetchNetworkStream *) stream;  /* a vfunc: no cast check per read */
  GCancellable *read_cancellable;
  GError *error = NULL;
  gulong handler;

  if (network_stream_check_canceled (self, &error) || network_stream_check_closed (self, &error))
    {
      GTask *task = g_task_new (stream, NULL, callback, user_data);

      g_task_set_source_tag (task, fetch_network_stream_read_async);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  read_cancellable = network_stream_read_cancellable (self, cancellable, &handler);
  if (handler != 0)
    {
      self->read_watched = g_object_ref (cancellable);
      self->read_handler = handler;
    }
  self->read_callback = callback;
  self->read_user_data = user_data;
  G_INPUT_STREAM_GET_CLASS (self->base)->read_async (self->base, buffer, count, io_priority,
                                                     read_cancellable, on_base_read, self);
}

static gssize
fetch_network_stream_read_finish (FetchBodyStream  *stream,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  FetchNetworkStream *self = (FetchNetworkStream *) stream;  /* a vfunc: no cast check per read */

  if (g_task_is_valid (result, stream))
    return g_task_propagate_int (G_TASK (result), error);

  /* The token of the last read, finished once. */
  g_return_val_if_fail (result == self->read_result, -1);
  self->read_result = NULL;
  if (self->read_nread < 0)
    {
      g_propagate_error (error, g_steal_pointer (&self->read_error));
      return -1;
    }
  return self->read_nread;
}

static gboolean
fetch_network_stream_close (FetchBodyStream  *stream,
                            GCancellable     *cancellable,
                            GError          **error)
{
  FetchNetworkStream *self = FETCH_NETWORK_STREAM (stream);
  gboolean pushed;

  /* Once: a tee closes the source when both its branches are closed,
   * and the stream itself is closed when it goes. */
  if (self->closed)
    return TRUE;
  self->closed = TRUE;
  if (self->discarded)
    return TRUE;

  /* Closed before its end: the body is canceled, which ends the fetch.
   * NOTE(spec): the standard aborts on a cancel by the reader; a
   * response dropped unread is terminated (§5.7). */
  if (!self->done)
    {
      if (self->params != NULL)
        fetch_controller_terminate (self->params->controller);
      network_stream_end (self, FALSE);
    }
  pushed = network_stream_enter_context (self);
  close_soup_stream (self->base, self->eof);
  if (pushed)
    {
      /* libsoup finishes the message with a source on that context. The
       * body of a fetch_client_fetch_sync() response is read after its
       * private context was last run: run it now (pushing acquired it),
       * or the message, its queue item and the context keep each other
       * alive for ever. Never another thread's default context. */
      if (self->context != g_main_context_default ())
        while (g_main_context_iteration (self->context, FALSE))
          ;
      g_main_context_pop_thread_default (self->context);
    }
  return TRUE;
}

/* Closing never blocks (see above), so it runs in place rather than in
 * a thread as GInputStream's default would. */
static void
fetch_network_stream_close_async (FetchBodyStream     *stream,
                                  int                  io_priority,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, fetch_network_stream_close_async);
  fetch_network_stream_close (stream, cancellable, NULL);
  g_task_return_boolean (task, TRUE);
}

static gboolean
fetch_network_stream_close_finish (FetchBodyStream  *stream,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The source goes with the stream. GInputStream's dispose closes the
 * stream, which closes the source, unless a holder of its lock never
 * gave it back (that close is refused); then this does. */
static void
fetch_network_stream_dispose (GObject *object)
{
  fetch_network_stream_close (FETCH_BODY_STREAM (object), NULL, NULL);

  G_OBJECT_CLASS (fetch_network_stream_parent_class)->dispose (object);
}

static void
fetch_network_stream_finalize (GObject *object)
{
  FetchNetworkStream *self = FETCH_NETWORK_STREAM (object);

  /* Disposing closed the source, which ended the fetch. */
  network_stream_unwatch_abort (self);
  g_clear_error (&self->end_error);
  g_clear_object (&self->base);
  g_clear_object (&self->msg);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->params, fetch_params_unref);
  g_clear_error (&self->read_error);

  G_OBJECT_CLASS (fetch_network_stream_parent_class)->finalize (object);
}

static void
fetch_network_stream_init (FetchNetworkStream *self)
{
  self->total = -1;
  self->wire_total = -1;
}

static void
fetch_network_stream_class_init (FetchNetworkStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FetchBodyStreamClass *body_stream_class = FETCH_BODY_STREAM_CLASS (klass);

  object_class->dispose = fetch_network_stream_dispose;
  object_class->finalize = fetch_network_stream_finalize;
  body_stream_class->source_read = fetch_network_stream_read;
  body_stream_class->source_read_async = fetch_network_stream_read_async;
  body_stream_class->source_read_finish = fetch_network_stream_read_finish;
  body_stream_class->source_close = fetch_network_stream_close;
  body_stream_class->source_close_async = fetch_network_stream_close_async;
  body_stream_class->source_close_finish = fetch_network_stream_close_finish;
}

static GInputStream *
fetch_network_stream_new (GInputStream *base,
                          SoupMessage  *msg)
{
  FetchNetworkStream *self = g_object_new (FETCH_TYPE_NETWORK_STREAM, NULL);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  self->base = g_object_ref (base);
  self->msg = g_object_ref (msg);
  self->context = g_main_context_ref_thread_default ();

  /* The decoded length is known when nothing decodes it; else what
   * tells a cut body from a complete one is on the wire
   * (network_stream_wire_complete()). */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    self->total = soup_message_headers_get_content_length (headers);
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    self->wire_total = soup_message_headers_get_content_length (headers);
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED &&
           soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
           soup_message_get_http_version (msg) != SOUP_HTTP_2_0)
    self->chunked = TRUE;
  return G_INPUT_STREAM (self);
}

static gboolean
on_abort_release (gpointer user_data)
{
  g_autoptr(FetchNetworkStream) self = g_weak_ref_get (user_data);

  /* A read in flight fails with the abort (its cancellable is the
   * controller's) and ends the body itself. */
  if (self == NULL || self->done || self->read_callback != NULL ||
      g_input_stream_has_pending (G_INPUT_STREAM (self)))
    return G_SOURCE_REMOVE;
  network_stream_end (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* The controller was aborted or terminated, maybe from another thread:
 * the body (if nobody is reading it) ends on the context its message
 * belongs to, which releases the connection (§2.2.6 "a response whose
 * body is never read is released with its connection when the fetch is
 * aborted"). The stream may be gone by then. */
static void
on_controller_cancelled (FetchController *controller,
                         gpointer         user_data)
{
  FetchNetworkStream *self = user_data;
  GSource *source = g_idle_source_new ();
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  g_source_set_callback (source, on_abort_release, ref, weak_ref_free);
  g_source_set_static_name (source, "[fetch] abort releases the connection");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

void
fetch_network_stream_attach (GInputStream *stream,
                             FetchParams  *params)
{
  FetchNetworkStream *self = FETCH_NETWORK_STREAM (stream);

  g_return_if_fail (self->params == NULL);

  self->params = fetch_params_ref (params);
  /* Already ended (HEAD-like empty bodies read by nobody yet cannot
   * have; a body read for integrity is no longer this one). */
  if (self->done)
    {
      self->done = FALSE;
      network_stream_end (self, self->eof);
      return;
    }
  /* (Unset when the body ends, before the stream can go. The
   * controller's cancel func rather than a "cancelled" handler on its
   * cancellable: no signal connection per fetch.) */
  self->abort_watched = g_object_ref (params->controller);
  fetch_controller_set_cancel_func (self->abort_watched, on_controller_cancelled, self);
}

/* Draining a discarded body: up to 64 KiB, then the connection goes. */
#define DRAIN_LIMIT (64 * 1024)
#define DRAIN_CHUNK 8192

typedef struct {
  GInputStream *base;
  SoupMessage  *msg;
  gsize         drained;
  char          buffer[DRAIN_CHUNK];
} Drain;

static void
drain_finish (Drain    *drain,
              gboolean  eof)
{
  close_soup_stream (drain->base, eof);
  g_object_unref (drain->base);
  g_object_unref (drain->msg);
  g_free (drain);
}

static void
on_drain_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Drain *drain = user_data;
  gssize nread;

  nread = g_input_stream_read_finish (drain->base, result, NULL);
  if (nread <= 0 || drain->drained + nread > DRAIN_LIMIT)
    {
      drain_finish (drain, nread == 0);
      return;
    }
  drain->drained += nread;
  g_input_stream_read_async (drain->base, drain->buffer, DRAIN_CHUNK, G_PRIORITY_DEFAULT,
                             NULL, on_drain_read, drain);
}

void
fetch_network_stream_discard (GInputStream *stream)
{
  FetchNetworkStream *self = FETCH_NETWORK_STREAM (stream);
  Drain *drain;

  /* (A read in flight from the body stream, which bypasses our pending
   * flag, has a read_callback.) */
  if (self->discarded || self->done || g_input_stream_has_pending (stream) ||
      self->read_callback != NULL)
    return;

  self->discarded = TRUE;
  drain = g_new (Drain, 1);
  drain->base = g_object_ref (self->base);
  drain->msg = g_object_ref (self->msg);
  drain->drained = 0;

  /* What has arrived is read at once: a redirect's body usually has,
   * and its connection is then free for the next request. */
  if (G_IS_POLLABLE_INPUT_STREAM (drain->base) &&
      g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (drain->base)))
    {
      gssize nread;

      do
        nread = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (drain->base),
                                                          drain->buffer, DRAIN_CHUNK, NULL, NULL);
      while (nread > 0 && (drain->drained += nread) <= DRAIN_LIMIT);
      if (nread == 0 || drain->drained > DRAIN_LIMIT)
        {
          drain_finish (drain, nread == 0);
          return;
        }
    }

  g_input_stream_read_async (drain->base, drain->buffer, DRAIN_CHUNK, G_PRIORITY_DEFAULT,
                             NULL, on_drain_read, drain);
}

/* ---------------------------------------------------------------- */
/* §4.6 HTTP-network fetch                                            */
/* ---------------------------------------------------------------- */

/* CR, LF or NUL never reach the wire (libsoup would drop the header with
 * a critical): they are a TypeError before anything is sent. */
static gboolean
check_header (const char  *name,
              const char  *value,
              GError     **error)
{
  if (!fetch_is_header_name (name))
    return fetch_throw_type_error (error, _("“%s” is not a valid header name."), name);
  if (strpbrk (value, "\r\n") != NULL)
    return fetch_throw_type_error (error, _("The value of header “%s” contains a newline."), name);
  return TRUE;
}

/* Builds the SoupMessage for request, or fails with a TypeError. */
static SoupMessage *
build_message (FetchParams  *params,
               GError      **error)
{
  FetchRequest *request = params->request;
  GUri *url = fetch_request_get_current_url (request);
  const char *host = g_uri_get_host (url);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GUri) wire_url = NULL;
  SoupMessageHeaders *headers;
  SoupMessageFlags flags;
  guint n;

  if (!fetch_is_method (request->method))
    {
      fetch_throw_type_error (error, _("“%s” is not a valid HTTP method."), request->method);
      return NULL;
    }
  if (host == NULL || *host == '\0' || strpbrk (host, "\r\n \t") != NULL)
    {
      fetch_throw_type_error (error, _("The URL’s host is not valid."));
      return NULL;
    }

  /* The URL on the wire has no fragment and no credentials. */
  if (g_uri_get_fragment (url) != NULL || g_uri_get_userinfo (url) != NULL)
    url = wire_url = g_uri_build (g_uri_get_flags (url) & ~G_URI_FLAGS_HAS_PASSWORD,
                                  g_uri_get_scheme (url), NULL, host, g_uri_get_port (url),
                                  g_uri_get_path (url), g_uri_get_query (url), NULL);

  msg = soup_message_new_from_uri (request->method, url);
  if (msg == NULL)
    {
      fetch_throw_type_error (error, _("The URL cannot be fetched over HTTP."));
      return NULL;
    }

  /* Redirects are §4.4's; metrics feed the timing info. */
  flags = SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS;
  if (params->force_new_connection)
    flags |= SOUP_MESSAGE_NEW_CONNECTION;
  soup_message_set_flags (msg, flags);
  if (request->priority == FETCH_REQUEST_PRIORITY_HIGH)
    soup_message_set_priority (msg, SOUP_MESSAGE_PRIORITY_HIGH);
  else if (request->priority == FETCH_REQUEST_PRIORITY_LOW)
    soup_message_set_priority (msg, SOUP_MESSAGE_PRIORITY_LOW);

  /* Headers in list order, then httpRequest's own (§4.5). */
  headers = soup_message_get_request_headers (msg);
  n = fetch_header_list_get_length (request->header_list);
  for (guint i = 0; i < n; i++)
    {
      const char *name, *value;

      fetch_header_list_nth (request->header_list, i, &name, &value);
      if (!check_header (name, value, error))
        return NULL;
      soup_message_headers_append (headers, name, value);
    }
  for (guint i = 0; i < params->n_http_headers; i++)
    {
      const char *name = params->http_headers[i].name;
      const char *value = params->http_headers[i].value;

      if (!check_header (name, value, error))
        return NULL;
      soup_message_headers_append (headers, name, value);
    }

  /* The body: bytes as they are, a stream with its length or chunked. */
  if (request->body != NULL)
    {
      if (request->body->source != NULL)
        soup_message_set_request_body_from_bytes (msg, NULL, request->body->source);
      else
        soup_message_set_request_body (msg, NULL, request->body->stream, request->body->length);
    }

  return g_steal_pointer (&msg);
}

static void
on_wrote_body_data (SoupMessage *msg,
                    guint        chunk_size,
                    gpointer     user_data)
{
  FetchParams *params = user_data;
  FetchRequest *request = params->request;
  guint64 sent = params->timing_info->request_body_size + chunk_size;

  /* §4.6 processBodyChunk step 3: process request body chunk length.
   * The running total lives in the timing info until the final one. */
  params->timing_info->request_body_size = sent;
  if (!fetch_controller_is_canceled (params->controller))
    fetch_controller_emit_upload_progress (params->controller, sent,
                                           request->body ? request->body->length : -1);
}

static void
record_connection_timing (FetchParams *params,
                          SoupMessage *msg)
{
  SoupMessageMetrics *metrics = soup_message_get_metrics (msg);
  FetchTimingInfo *timing = params->timing_info;

  if (metrics == NULL)
    return;

  /* §4.6 steps 7.2 and 7.4: the final connection timing info and the
   * final network-request start time, then the response start. */
  timing->domain_lookup_start_time = soup_message_metrics_get_dns_start (metrics);
  timing->domain_lookup_end_time = soup_message_metrics_get_dns_end (metrics);
  timing->connection_start_time = soup_message_metrics_get_connect_start (metrics);
  timing->connection_end_time = soup_message_metrics_get_connect_end (metrics);
  timing->secure_connection_start_time = soup_message_metrics_get_tls_start (metrics);
  timing->final_network_request_start_time = soup_message_metrics_get_request_start (metrics);
  timing->final_network_response_start_time = soup_message_metrics_get_response_start (metrics);
  timing->request_header_size = soup_message_metrics_get_request_header_bytes_sent (metrics);
  timing->request_body_size = soup_message_metrics_get_request_body_bytes_sent (metrics);
  timing->response_header_size = soup_message_metrics_get_response_header_bytes_received (metrics);
}

/* What is wrong with a peer certificate, in words: libsoup's own error
 * only says "Unacceptable TLS certificate". NULL if flags say nothing. */
static char *
describe_certificate_errors (GTlsCertificateFlags flags)
{
  static const struct {
    GTlsCertificateFlags flag;
    const char *text;
  } causes[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("the server’s certificate is not signed by a known certificate authority") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("the server’s certificate does not match its host name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("the server’s certificate is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("the server’s certificate has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("the server’s certificate has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("the server’s certificate uses an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("the server’s certificate could not be verified") },
  };
  GString *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (causes); i++)
    {
      if ((flags & causes[i].flag) == 0)
        continue;
      if (text == NULL)
        text = g_string_new (_(causes[i].text));
      else
        g_string_append_printf (text, "; %s", _(causes[i].text));
    }
  return text ? g_string_free (text, FALSE) : NULL;
}

/* The network error for a failed send, naming the cause. */
static FetchResponse *
network_error_for_send (FetchParams *params,
                        SoupMessage *msg,
                        GError      *error)
{
  g_autofree char *url = fetch_url_serialize (fetch_request_get_current_url (params->request), TRUE);
  g_autofree char *cause = NULL;

  /* TLS goes through glib-networking: a certificate that fails
   * verification ends the handshake, and the message keeps the reasons. */
  cause = describe_certificate_errors (soup_message_get_tls_peer_certificate_errors (msg));
  if (cause != NULL)
    return fetch_network_error_new (_("TLS certificate error fetching “%s”: %s."), url, cause);
  if (error->domain == G_TLS_ERROR)
    return fetch_network_error_new (_("TLS error fetching “%s”: %s"), url, error->message);
  return fetch_network_error_new (_("Network error fetching “%s”: %s"), url, error->message);
}

static void
on_message_sent (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FetchParams) params = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeadersIter iter;
  FetchResponse *response;
  const char *name, *value;

  if (params->wrote_body_data_id != 0)
    {
      g_signal_handler_disconnect (msg, params->wrote_body_data_id);
      params->wrote_body_data_id = 0;
    }

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  record_connection_timing (params, msg);

  /* Step 8: aborted: the appropriate network error. */
  if (fetch_controller_is_canceled (params->controller))
    {
      if (stream != NULL)
        close_soup_stream (stream, FALSE);
      fetch_params_return (params, fetch_params_appropriate_network_error (params));
      return;
    }
  /* Step 7.1: no connection, or the exchange failed. */
  if (stream == NULL)
    {
      fetch_params_return (params, network_error_for_send (params, msg, error));
      return;
    }

  /* Step 7.5: the response: status, status message, headers.
   * NOTE(spec): libsoup keeps the headers it knows apart from the
   * others, so the list holds the known ones first; each group keeps
   * the order and duplicates of the wire. */
  response = fetch_response_new_internal ();
  response->status = soup_message_get_status (msg);
  g_free (response->status_message);
  response->status_message = g_strdup (soup_message_get_reason_phrase (msg) ? soup_message_get_reason_phrase (msg) : "");
  fetch_header_list_reserve (response->header_list, 16);
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    fetch_header_list_append_received (response->header_list, name, value);

  /* Steps 9-14: the body streams from libsoup's stream; the network
   * stream is the body's stream itself (not a base under another). */
  params->network_stream = fetch_network_stream_new (stream, msg);
  response->body = fetch_body_new_for_body_stream (params->network_stream, -1);  /* the body holds it */
  params->network_body = response->body;

  /* Step 17 */
  fetch_params_return (params, response);
}

void
fetch_http_network_fetch (FetchParams *params)
{
  g_autoptr(SoupMessage) msg = NULL;
  GError *error = NULL;
  int io_priority = G_PRIORITY_DEFAULT;

  /* Step 7.1 for requests that cannot be sent: a TypeError. */
  msg = build_message (params, &error);
  if (msg == NULL)
    {
      fetch_params_return (params, fetch_response_new_network_error (error));
      return;
    }

  /* §4.6 "transmit request's body": progress per chunk written. */
  if (params->request->body != NULL && fetch_controller_wants_upload_progress (params->controller))
    {
      params->timing_info->request_body_size = 0;
      params->wrote_body_data_id = g_signal_connect (msg, "wrote-body-data",
                                                     G_CALLBACK (on_wrote_body_data), params);
    }

  if (params->request->priority == FETCH_REQUEST_PRIORITY_HIGH)
    io_priority = G_PRIORITY_HIGH;
  else if (params->request->priority == FETCH_REQUEST_PRIORITY_LOW)
    io_priority = G_PRIORITY_LOW;

  /* Steps 6-7: obtain a connection and make the request (libsoup). */
  soup_session_send_async (fetch_client_get_session (params->client), msg, io_priority,
                           fetch_controller_get_cancellable (params->controller),
                           on_message_sent, fetch_params_ref (params));
}
