/* fetch-handover-stream.c: the identity transform stream of fetch
 * response handover (§4.1) for bodies that are not the network's
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * §4.1 fetch response handover step 7 pipes a response body through a
 * TransformStream whose flush runs processResponseEndOfBody (the fetch
 * finale), and §5.6 "abort fetch" errors a body that is still readable.
 * A network body does both itself (FetchNetworkStream, fetch-network.c).
 * A body that streams from elsewhere -- a file: body from its
 * GFileInputStream -- is wrapped in a FetchHandoverStream, which
 *  - fails every read with the abort reason (or a network error when
 *    terminated) once the fetch's controller is canceled, even a read
 *    whose data arrived after the abort;
 *  - emits FetchController::download-progress;
 *  - runs the fetch finale when the body ends (EOF, error or close).
 * Reads pass the caller's buffer to the base stream: no copy.
 */
#include "config.h"

#include "fetch-main-private.h"
#include "fetch-body-stream-private.h"

#define FETCH_TYPE_HANDOVER_STREAM (fetch_handover_stream_get_type ())
G_DECLARE_FINAL_TYPE (FetchHandoverStream, fetch_handover_stream, FETCH, HANDOVER_STREAM, GInputStream)

struct _FetchHandoverStream {
  GInputStream  parent_instance;

  GInputStream *base;
  FetchParams  *params;      /* until the body ends */
  FetchController *controller;
  guint64       received;
  gint64        total;       /* the body's length, or -1 */
  gboolean      done;        /* the body ended (EOF, error, close) */
  GError       *end_error;   /* it ended because the fetch was canceled */
};

G_DEFINE_FINAL_TYPE (FetchHandoverStream, fetch_handover_stream, G_TYPE_INPUT_STREAM)

/* The body ended: processResponseEndOfBody (the fetch finale), once. */
static void
handover_stream_end (FetchHandoverStream *self)
{
  FetchParams *params;

  if (self->done)
    return;
  self->done = TRUE;
  params = g_steal_pointer (&self->params);
  params->timing_info->decoded_body_size = self->received;
  fetch_params_finale (params);
  fetch_params_unref (params);
}

/* §5.6 abort fetch: a canceled fetch's body that is still readable
 * errors with the deserialized abort reason (terminated: a network
 * error), for good. A body already at its end stays there. */
static gboolean
handover_stream_check_canceled (FetchHandoverStream  *self,
                                GError              **error)
{
  if (G_UNLIKELY (self->end_error != NULL))
    {
      g_propagate_error (error, g_error_copy (self->end_error));
      return TRUE;
    }
  if (self->done || !fetch_controller_is_canceled (self->controller))
    return FALSE;
  self->end_error = fetch_controller_dup_cancel_error (self->controller);
  g_propagate_error (error, g_error_copy (self->end_error));
  handover_stream_end (self);
  return TRUE;
}

/* The outcome of a read of the base stream (local_error owned). */
static gssize
handover_stream_got (FetchHandoverStream  *self,
                     gssize                nread,
                     GError               *local_error,
                     GError              **error)
{
  /* Whatever arrives after an abort (data, EOF, an error) is the abort. */
  if (handover_stream_check_canceled (self, error))
    {
      g_clear_error (&local_error);
      return -1;
    }
  if (nread < 0)
    {
      /* A read cancelled by its caller leaves the body as it was. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        handover_stream_end (self);
      g_propagate_error (error, local_error);
      return -1;
    }
  if (nread == 0)
    {
      handover_stream_end (self);
      return 0;
    }
  self->received += nread;
  if (fetch_controller_wants_download_progress (self->controller))
    fetch_controller_emit_download_progress (self->controller, self->received, self->total);
  return nread;
}

static gssize
fetch_handover_stream_read (GInputStream  *stream,
                            void          *buffer,
                            gsize          count,
                            GCancellable  *cancellable,
                            GError       **error)
{
  FetchHandoverStream *self = FETCH_HANDOVER_STREAM (stream);
  GError *local_error = NULL;
  gssize nread;

  if (handover_stream_check_canceled (self, error))
    return -1;
  nread = g_input_stream_read (self->base, buffer, count, cancellable, &local_error);
  return handover_stream_got (self, nread, local_error, error);
}

static void
on_base_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchHandoverStream *self = g_task_get_source_object (task);
  GError *local_error = NULL;
  GError *error = NULL;
  gssize nread;

  nread = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &local_error);
  nread = handover_stream_got (self, nread, local_error, &error);
  if (nread < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, nread);
}

static void
fetch_handover_stream_read_async (GInputStream        *stream,
                                  void                *buffer,
                                  gsize                count,
                                  int                  io_priority,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  FetchHandoverStream *self = FETCH_HANDOVER_STREAM (stream);
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, fetch_handover_stream_read_async);
  if (handover_stream_check_canceled (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_input_stream_read_async (self->base, buffer, count, io_priority, cancellable,
                             on_base_read, g_steal_pointer (&task));
}

static gssize
fetch_handover_stream_read_finish (GInputStream  *stream,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static gboolean
fetch_handover_stream_close (GInputStream  *stream,
                             GCancellable  *cancellable,
                             GError       **error)
{
  FetchHandoverStream *self = FETCH_HANDOVER_STREAM (stream);

  /* Closed (or dropped) before its end: the fetch is over all the same. */
  handover_stream_end (self);
  return g_input_stream_close (self->base, cancellable, error);
}

/* In place rather than in a thread (GInputStream's default): the finale
 * belongs to the thread that reads the body. */
static void
fetch_handover_stream_close_async (GInputStream        *stream,
                                   int                  io_priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, fetch_handover_stream_close_async);
  if (fetch_handover_stream_close (stream, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
fetch_handover_stream_close_finish (GInputStream  *stream,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fetch_handover_stream_finalize (GObject *object)
{
  FetchHandoverStream *self = FETCH_HANDOVER_STREAM (object);

  /* GInputStream's dispose closed the stream, which ended the fetch. */
  g_clear_pointer (&self->params, fetch_params_unref);
  g_clear_error (&self->end_error);
  g_clear_object (&self->controller);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (fetch_handover_stream_parent_class)->finalize (object);
}

static void
fetch_handover_stream_init (FetchHandoverStream *self)
{
}

static void
fetch_handover_stream_class_init (FetchHandoverStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = fetch_handover_stream_finalize;
  stream_class->read_fn = fetch_handover_stream_read;
  stream_class->read_async = fetch_handover_stream_read_async;
  stream_class->read_finish = fetch_handover_stream_read_finish;
  stream_class->close_fn = fetch_handover_stream_close;
  stream_class->close_async = fetch_handover_stream_close_async;
  stream_class->close_finish = fetch_handover_stream_close_finish;
}

void
fetch_handover_body_attach (FetchBody   *body,
                            FetchParams *params)
{
  FetchHandoverStream *self = g_object_new (FETCH_TYPE_HANDOVER_STREAM, NULL);

  /* Step 7.4: body's stream piped through the transform stream. Nobody
   * has read the body yet (it was just handed over): the old body stream
   * becomes the base (dropping it would close the real stream). */
  self->base = g_steal_pointer (&body->stream);
  self->params = fetch_params_ref (params);
  self->controller = g_object_ref (params->controller);
  self->total = body->length;
  body->stream = fetch_body_stream_new (G_INPUT_STREAM (self));
  g_object_unref (self);
}
