/* fetch-body-stream.c: the stream of a body (§2.2.4): a GInputStream
 * with the Streams standard's disturbed and locked states over its
 * source (a pass-through base stream, or a subclass's own), and the
 * Streams standard's tee (used by §2.2.4 "clone a body").
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "fetch-body-stream-private.h"
#include "fetch-error-private.h"

/* FetchBodyStream */

typedef struct {
  GInputStream *base;        /* NULL in a subclass that is its own source */
  int           disturbed;   /* atomic */
  int           locked;      /* atomic */

  /* The caller of the base stream's read_async in flight. GInputStream
   * lets a stream have one outstanding operation at a time (its pending
   * flag), and the holder of the lock reads one at a time, so one slot
   * is enough, and a read costs no allocation (see
   * fetch_body_stream_real_source_read_async()). */
  GAsyncReadyCallback read_callback;
  gpointer            read_user_data;
} FetchBodyStreamPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (FetchBodyStream, fetch_body_stream, G_TYPE_INPUT_STREAM)

#define BODY_STREAM_PRIVATE(self) \
  ((FetchBodyStreamPrivate *) fetch_body_stream_get_instance_private (self))

/* NOTE(spec): a ReadableStream that is locked refuses a second reader
 * (getReader() throws a TypeError). A GInputStream has no readers, only
 * reads: a read or close by anyone but the consumer holding the lock
 * fails with G_IO_ERROR_PENDING, GIO's error for "an operation is
 * outstanding on this stream", which is what a consumer's read is.
 * Anything else disturbs the stream. */
static gboolean
fetch_body_stream_begin (FetchBodyStream  *self,
                         GError          **error)
{
  FetchBodyStreamPrivate *priv = BODY_STREAM_PRIVATE (self);

  if (G_UNLIKELY (g_atomic_int_get (&priv->locked)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The body stream is locked: a consumer is reading it"));
      return FALSE;
    }
  /* Streams: reading a stream, or cancelling it, marks it disturbed. */
  g_atomic_int_set (&priv->disturbed, TRUE);
  return TRUE;
}

/* A read, skip or close refused by fetch_body_stream_begin(), for an
 * async caller. check-cancellable is off: the result is the refusal. */
static void
fetch_body_stream_refuse (FetchBodyStream     *self,
                          gpointer             source_tag,
                          int                  io_priority,
                          GError              *error,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_priority (task, io_priority);
  g_task_set_check_cancellable (task, FALSE);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Whether result is a refusal by fetch_body_stream_refuse() (not a
 * result of the source's). */
static inline gboolean
fetch_body_stream_is_refusal (GAsyncResult *result,
                              gpointer      source_tag)
{
  return G_IS_TASK (result) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/* GInputStream's vfuncs: the Streams checks, then the source. */

static gssize
fetch_body_stream_read_fn (GInputStream  *stream,
                           void          *buffer,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  FetchBodyStream *self = FETCH_BODY_STREAM (stream);

  if (!fetch_body_stream_begin (self, error))
    return -1;
  return FETCH_BODY_STREAM_GET_CLASS (self)->source_read (self, buffer, count, cancellable, error);
}

/* A read without a GTask of our own: reading a body costs what reading
 * its source costs (one GTask per read was a third of the Fetch layer's
 * cost per request of a streamed response). The source's result goes to
 * the caller, with this stream as its source object. */
static void
fetch_body_stream_read_async (GInputStream        *stream,
                              void                *buffer,
                              gsize                count,
                              int                  io_priority,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  FetchBodyStream *self = (FetchBodyStream *) stream;  /* a vfunc: no cast check per read */
  GError *error = NULL;

  if (!fetch_body_stream_begin (self, &error))
    {
      fetch_body_stream_refuse (self, fetch_body_stream_read_async, io_priority, error,
                                callback, user_data);
      return;
    }
  FETCH_BODY_STREAM_GET_CLASS (self)->source_read_async (self, buffer, count, io_priority,
                                                         cancellable, callback, user_data);
}

static gssize
fetch_body_stream_read_finish (GInputStream  *stream,
                               GAsyncResult  *result,
                               GError       **error)
{
  FetchBodyStream *self = (FetchBodyStream *) stream;  /* a vfunc: no cast check per read */

  if (G_UNLIKELY (fetch_body_stream_is_refusal (result, fetch_body_stream_read_async)))
    return g_task_propagate_int (G_TASK (result), error);
  return FETCH_BODY_STREAM_GET_CLASS (self)->source_read_finish (self, result, error);
}

/* A subclass's source is skipped by reading it: GInputStream's skip does
 * that through read_fn and read_async (and so through the checks). */
static gssize
fetch_body_stream_skip (GInputStream  *stream,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  FetchBodyStream *self = FETCH_BODY_STREAM (stream);
  FetchBodyStreamPrivate *priv = BODY_STREAM_PRIVATE (self);

  if (!fetch_body_stream_begin (self, error))
    return -1;
  if (priv->base == NULL)
    return G_INPUT_STREAM_CLASS (fetch_body_stream_parent_class)->skip (stream, count,
                                                                         cancellable, error);
  return g_input_stream_skip (priv->base, count, cancellable, error);
}

static void
fetch_body_stream_skip_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gssize n;

  n = g_input_stream_skip_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
fetch_body_stream_skip_async (GInputStream        *stream,
                              gsize                count,
                              int                  io_priority,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  FetchBodyStream *self = FETCH_BODY_STREAM (stream);
  FetchBodyStreamPrivate *priv = BODY_STREAM_PRIVATE (self);
  GTask *task;
  GError *error = NULL;

  if (!fetch_body_stream_begin (self, &error))
    {
      fetch_body_stream_refuse (self, fetch_body_stream_skip_async, io_priority, error,
                                callback, user_data);
      return;
    }
  if (priv->base == NULL)
    {
      G_INPUT_STREAM_CLASS (fetch_body_stream_parent_class)->skip_async (stream, count, io_priority,
                                                                          cancellable, callback,
                                                                          user_data);
      return;
    }
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fetch_body_stream_skip_async);
  g_task_set_priority (task, io_priority);
  /* Bytes the base stream skipped are gone from it: the caller hears
   * of them even if it cancels meanwhile. */
  g_task_set_check_cancellable (task, FALSE);
  g_input_stream_skip_async (priv->base, count, io_priority, cancellable,
                             fetch_body_stream_skip_cb, task);
}

static gssize
fetch_body_stream_skip_finish (GInputStream  *stream,
                               GAsyncResult  *result,
                               GError       **error)
{
  /* Ours, or GInputStream's skip_async (a GTask of this stream too). */
  g_return_val_if_fail (g_task_is_valid (result, stream), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static gboolean
fetch_body_stream_close_fn (GInputStream  *stream,
                            GCancellable  *cancellable,
                            GError       **error)
{
  FetchBodyStream *self = FETCH_BODY_STREAM (stream);

  if (!fetch_body_stream_begin (self, error))
    return FALSE;
  return FETCH_BODY_STREAM_GET_CLASS (self)->source_close (self, cancellable, error);
}

static void
fetch_body_stream_close_async (GInputStream        *stream,
                               int                  io_priority,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  FetchBodyStream *self = FETCH_BODY_STREAM (stream);
  GError *error = NULL;

  if (!fetch_body_stream_begin (self, &error))
    {
      fetch_body_stream_refuse (self, fetch_body_stream_close_async, io_priority, error,
                                callback, user_data);
      return;
    }
  FETCH_BODY_STREAM_GET_CLASS (self)->source_close_async (self, io_priority, cancellable,
                                                          callback, user_data);
}

static gboolean
fetch_body_stream_close_finish (GInputStream  *stream,
                                GAsyncResult  *result,
                                GError       **error)
{
  FetchBodyStream *self = FETCH_BODY_STREAM (stream);

  if (fetch_body_stream_is_refusal (result, fetch_body_stream_close_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return FETCH_BODY_STREAM_GET_CLASS (self)->source_close_finish (self, result, error);
}

/* The default source: the base stream. Its async operations use the
 * base stream's own async methods (never GInputStream's thread-based
 * defaults) and hand back its result unchanged. */

static gssize
fetch_body_stream_real_source_read (FetchBodyStream  *self,
                                    void             *buffer,
                                    gsize             count,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  return g_input_stream_read (BODY_STREAM_PRIVATE (self)->base, buffer, count, cancellable, error);
}

/* The base stream's read ended: hand its result to our caller as ours.
 * fetch_body_stream_real_source_read_finish() finishes it on the base
 * stream. */
static void
fetch_body_stream_base_read_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  FetchBodyStream *self = user_data;
  FetchBodyStreamPrivate *priv = BODY_STREAM_PRIVATE (self);
  GAsyncReadyCallback callback = priv->read_callback;
  gpointer callback_data = priv->read_user_data;

  /* The callback may start the next read, which reuses the slot; our
   * caller (GInputStream, or the holder of the lock) holds a reference
   * on self until it returns. */
  priv->read_callback = NULL;
  priv->read_user_data = NULL;
  callback ((GObject *) self, result, callback_data);
}

/* Like the GTask it replaces (check-cancellable off), the caller gets
 * exactly the base stream's result: bytes it returned are never turned
 * into G_IO_ERROR_CANCELLED. The base stream, as any GIO stream, never
 * calls back from within read_async, so neither do we. */
static void
fetch_body_stream_real_source_read_async (FetchBodyStream     *self,
                                          void                *buffer,
                                          gsize                count,
                                          int                  io_priority,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  FetchBodyStreamPrivate *priv = BODY_STREAM_PRIVATE (self);

  priv->read_callback = callback;
  priv->read_user_data = user_data;
  g_input_stream_read_async (priv->base, buffer, count, io_priority, cancellable,
                             fetch_body_stream_base_read_cb, self);
}

static gssize
fetch_body_stream_real_source_read_finish (FetchBodyStream  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  return g_input_stream_read_finish (BODY_STREAM_PRIVATE (self)->base, result, error);
}

static gboolean
fetch_body_stream_real_source_close (FetchBodyStream  *self,
                                     GCancellable     *cancellable,
                                     GError          **error)
{
  return g_input_stream_close (BODY_STREAM_PRIVATE (self)->base, cancellable, error);
}

static void
fetch_body_stream_base_close_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_input_stream_close_finish (G_INPUT_STREAM (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
fetch_body_stream_real_source_close_async (FetchBodyStream     *self,
                                           int                  io_priority,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, fetch_body_stream_real_source_close_async);
  g_task_set_priority (task, io_priority);
  g_task_set_check_cancellable (task, FALSE);
  g_input_stream_close_async (BODY_STREAM_PRIVATE (self)->base, io_priority, cancellable,
                              fetch_body_stream_base_close_cb, task);
}

static gboolean
fetch_body_stream_real_source_close_finish (FetchBodyStream  *self,
                                            GAsyncResult     *result,
                                            GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fetch_body_stream_finalize (GObject *object)
{
  FetchBodyStreamPrivate *priv = BODY_STREAM_PRIVATE (FETCH_BODY_STREAM (object));

  g_clear_object (&priv->base);

  G_OBJECT_CLASS (fetch_body_stream_parent_class)->finalize (object);
}

static void
fetch_body_stream_class_init (FetchBodyStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = fetch_body_stream_finalize;

  stream_class->read_fn = fetch_body_stream_read_fn;
  stream_class->skip = fetch_body_stream_skip;
  stream_class->close_fn = fetch_body_stream_close_fn;
  stream_class->read_async = fetch_body_stream_read_async;
  stream_class->read_finish = fetch_body_stream_read_finish;
  stream_class->skip_async = fetch_body_stream_skip_async;
  stream_class->skip_finish = fetch_body_stream_skip_finish;
  stream_class->close_async = fetch_body_stream_close_async;
  stream_class->close_finish = fetch_body_stream_close_finish;

  klass->source_read = fetch_body_stream_real_source_read;
  klass->source_read_async = fetch_body_stream_real_source_read_async;
  klass->source_read_finish = fetch_body_stream_real_source_read_finish;
  klass->source_close = fetch_body_stream_real_source_close;
  klass->source_close_async = fetch_body_stream_real_source_close_async;
  klass->source_close_finish = fetch_body_stream_real_source_close_finish;
}

static void
fetch_body_stream_init (FetchBodyStream *self)
{
}

GInputStream *
fetch_body_stream_new (GInputStream *base)
{
  FetchBodyStream *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (base), NULL);

  self = g_object_new (FETCH_TYPE_BODY_STREAM, NULL);
  BODY_STREAM_PRIVATE (self)->base = g_object_ref (base);
  return G_INPUT_STREAM (self);
}

GInputStream *
fetch_body_stream_get_base_stream (FetchBodyStream *stream)
{
  g_return_val_if_fail (FETCH_IS_BODY_STREAM (stream), NULL);

  return BODY_STREAM_PRIVATE (stream)->base;
}

gboolean
fetch_body_stream_is_disturbed (FetchBodyStream *stream)
{
  g_return_val_if_fail (FETCH_IS_BODY_STREAM (stream), FALSE);

  return g_atomic_int_get (&BODY_STREAM_PRIVATE (stream)->disturbed);
}

void
fetch_body_stream_set_disturbed (FetchBodyStream *stream)
{
  g_return_if_fail (FETCH_IS_BODY_STREAM (stream));

  g_atomic_int_set (&BODY_STREAM_PRIVATE (stream)->disturbed, TRUE);
}

gboolean
fetch_body_stream_is_locked (FetchBodyStream *stream)
{
  g_return_val_if_fail (FETCH_IS_BODY_STREAM (stream), FALSE);

  return g_atomic_int_get (&BODY_STREAM_PRIVATE (stream)->locked);
}

void
fetch_body_stream_set_locked (FetchBodyStream *stream,
                              gboolean         locked)
{
  g_return_if_fail (FETCH_IS_BODY_STREAM (stream));

  g_atomic_int_set (&BODY_STREAM_PRIVATE (stream)->locked, locked != FALSE);
}

/* The source, for the holder of the lock. */

gssize
fetch_body_stream_source_read (FetchBodyStream  *stream,
                               void             *buffer,
                               gsize             count,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_return_val_if_fail (FETCH_IS_BODY_STREAM (stream), -1);

  return FETCH_BODY_STREAM_GET_CLASS (stream)->source_read (stream, buffer, count,
                                                            cancellable, error);
}

void
fetch_body_stream_source_read_async (FetchBodyStream     *stream,
                                     void                *buffer,
                                     gsize                count,
                                     int                  io_priority,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_BODY_STREAM (stream));

  FETCH_BODY_STREAM_GET_CLASS (stream)->source_read_async (stream, buffer, count, io_priority,
                                                           cancellable, callback, user_data);
}

gssize
fetch_body_stream_source_read_finish (FetchBodyStream  *stream,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (FETCH_IS_BODY_STREAM (stream), -1);

  return FETCH_BODY_STREAM_GET_CLASS (stream)->source_read_finish (stream, result, error);
}

gboolean
fetch_body_stream_source_close (FetchBodyStream  *stream,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_return_val_if_fail (FETCH_IS_BODY_STREAM (stream), FALSE);

  return FETCH_BODY_STREAM_GET_CLASS (stream)->source_close (stream, cancellable, error);
}

void
fetch_body_stream_source_close_async (FetchBodyStream     *stream,
                                      int                  io_priority,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_BODY_STREAM (stream));

  FETCH_BODY_STREAM_GET_CLASS (stream)->source_close_async (stream, io_priority, cancellable,
                                                            callback, user_data);
}

gboolean
fetch_body_stream_source_close_finish (FetchBodyStream  *stream,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (FETCH_IS_BODY_STREAM (stream), FALSE);

  return FETCH_BODY_STREAM_GET_CLASS (stream)->source_close_finish (stream, result, error);
}

/* Tee (Streams §4.9.1 ReadableStreamDefaultTee).
 *
 * Both branches share a FetchTee. At most one read of the source is in
 * flight at a time, made by whichever branch needs bytes that the other
 * has not already read: it reads straight into its caller's buffer, and
 * the bytes are copied once into the other branch's queue (the spec's
 * enqueue into branch2 of a clone of the chunk). A branch whose source
 * read would collide with the other's in-flight async read waits for it
 * (async) or fails with G_IO_ERROR_PENDING (sync: blocking there could
 * deadlock the main context that completes the async read). */

typedef struct {
  GMutex           mutex;
  GCond            cond;
  FetchBodyStream *origin;        /* the teed stream, locked for good:
                                   * the tee reads its source */
  GQueue           queue[2];      /* GBytes the other branch read */
  gsize            offset[2];     /* bytes of queue[i]'s head already read */
  gboolean         closed[2];     /* the branch was closed (cancelled) */
  gboolean         reading;       /* a read of source is in flight */
  gboolean         reading_async;
  gboolean         done;          /* source reached its end */
  GError          *error;         /* source failed */
  GTask           *waiter[2];     /* an async read waiting for `reading` */
} FetchTee;

/* What a read gets when the source must be read (never a read's result). */
#define FETCH_TEE_NEED_READ ((gssize) -2)

static void
fetch_tee_clear (gpointer data)
{
  FetchTee *tee = data;

  for (guint i = 0; i < 2; i++)
    {
      g_queue_clear_full (&tee->queue[i], (GDestroyNotify) g_bytes_unref);
      g_assert (tee->waiter[i] == NULL);
    }
  g_clear_error (&tee->error);
  /* Unlocked, the origin closes its source when it goes. */
  fetch_body_stream_set_locked (tee->origin, FALSE);
  g_clear_object (&tee->origin);
  g_mutex_clear (&tee->mutex);
  g_cond_clear (&tee->cond);
}

static FetchTee *
fetch_tee_new (FetchBodyStream *origin)
{
  FetchTee *tee = g_atomic_rc_box_new0 (FetchTee);

  g_mutex_init (&tee->mutex);
  g_cond_init (&tee->cond);
  tee->origin = g_object_ref (origin);
  g_queue_init (&tee->queue[0]);
  g_queue_init (&tee->queue[1]);
  return tee;
}

static void
fetch_tee_unref (FetchTee *tee)
{
  g_atomic_rc_box_release_full (tee, fetch_tee_clear);
}

static void
fetch_tee_drop_queue (FetchTee *tee,
                      guint     index)
{
  g_queue_clear_full (&tee->queue[index], (GDestroyNotify) g_bytes_unref);
  g_queue_init (&tee->queue[index]);
  tee->offset[index] = 0;
}

/* With the mutex held: what a read of branch `index` gets without
 * reading the source: an error, queued bytes, the end, or
 * FETCH_TEE_NEED_READ. */
static gssize
fetch_tee_poll (FetchTee  *tee,
                guint      index,
                guint8    *buffer,
                gsize      count,
                GError   **error)
{
  gsize n = 0;

  /* Streams: erroring a branch discards the chunks queued in it; the
   * error is what every later read of either branch gets. */
  if (tee->error != NULL)
    {
      g_propagate_error (error, g_error_copy (tee->error));
      return -1;
    }

  while (n < count && !g_queue_is_empty (&tee->queue[index]))
    {
      GBytes *head = g_queue_peek_head (&tee->queue[index]);
      gsize size;
      const guint8 *data = g_bytes_get_data (head, &size);
      gsize chunk = MIN (count - n, size - tee->offset[index]);

      memcpy (buffer + n, data + tee->offset[index], chunk);
      n += chunk;
      tee->offset[index] += chunk;
      if (tee->offset[index] == size)
        {
          g_bytes_unref (g_queue_pop_head (&tee->queue[index]));
          tee->offset[index] = 0;
        }
    }
  if (n > 0)
    return n;
  if (tee->done)
    return 0;
  return FETCH_TEE_NEED_READ;
}

/* With the mutex held: records the result of a source read made by
 * branch `index` and returns the other branch's waiting read, if any. */
static GTask *
fetch_tee_read_done (FetchTee     *tee,
                     guint         index,
                     const guint8 *buffer,
                     gssize        n,
                     const GError *error)
{
  guint other = 1 - index;

  tee->reading = tee->reading_async = FALSE;
  if (n > 0 && !tee->closed[other])
    g_queue_push_tail (&tee->queue[other], g_bytes_new (buffer, n));
  else if (n == 0)
    tee->done = TRUE;
  else if (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* A failure of the source errors both branches. Cancelling one
       * branch's read is not a failure of the source: the other branch
       * goes on reading. */
      tee->error = g_error_copy (error);
      fetch_tee_drop_queue (tee, 0);
      fetch_tee_drop_queue (tee, 1);
    }
  g_cond_broadcast (&tee->cond);
  return g_steal_pointer (&tee->waiter[other]);
}

/* FetchTeeBranch */

#define FETCH_TYPE_TEE_BRANCH (fetch_tee_branch_get_type ())
G_DECLARE_FINAL_TYPE (FetchTeeBranch, fetch_tee_branch, FETCH, TEE_BRANCH, GInputStream)

struct _FetchTeeBranch {
  GInputStream  parent_instance;

  FetchTee     *tee;
  guint         index;
};

G_DEFINE_FINAL_TYPE (FetchTeeBranch, fetch_tee_branch, G_TYPE_INPUT_STREAM)

typedef struct {
  guint8  *buffer;
  gsize    count;
  GSource *cancel_source;   /* while waiting */
} FetchTeeRead;

static void
fetch_tee_read_free (gpointer data)
{
  FetchTeeRead *read = data;

  if (read->cancel_source != NULL)
    {
      g_source_destroy (read->cancel_source);
      g_source_unref (read->cancel_source);
    }
  g_free (read);
}

static void fetch_tee_branch_read_step (GTask    *task,
                                        gboolean  may_read_source);

static void
fetch_tee_return (GTask  *task,
                  gssize  n,
                  GError *error)
{
  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
  g_object_unref (task);
}

static gboolean
fetch_tee_step_idle (gpointer user_data)
{
  fetch_tee_branch_read_step (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

/* Runs fn (task) from the task's own main context. */
static void
fetch_tee_schedule (GTask       *task,
                    GSource     *source,
                    GSourceFunc  fn)
{
  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_callback (source, fn, task, NULL);
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

/* The other branch's source read finished: a waiting read can now be
 * served from the queue, the end or the error. Only if the source read
 * was cancelled must it read the source itself, which it does from its
 * own main context (this may be another thread's sync read). */
static void
fetch_tee_resume (GTask *waiter)
{
  FetchTeeRead *read = g_task_get_task_data (waiter);

  if (read->cancel_source != NULL)
    g_source_destroy (read->cancel_source);
  fetch_tee_branch_read_step (waiter, FALSE);
}

static gboolean
fetch_tee_waiter_cancelled (GCancellable *cancellable,
                            gpointer      user_data)
{
  GTask *task = user_data;
  FetchTeeBranch *self = g_task_get_source_object (task);
  FetchTee *tee = self->tee;
  gboolean stolen;

  g_mutex_lock (&tee->mutex);
  stolen = tee->waiter[self->index] == task;
  if (stolen)
    tee->waiter[self->index] = NULL;
  g_mutex_unlock (&tee->mutex);

  if (stolen)
    {
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
  return G_SOURCE_REMOVE;
}

/* With the mutex held: park task until the in-flight source read ends. */
static void
fetch_tee_wait (FetchTee *tee,
                guint     index,
                GTask    *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  FetchTeeRead *read = g_task_get_task_data (task);

  tee->waiter[index] = task;
  if (cancellable == NULL)
    return;

  /* The source holds a reference on the task: a cancellation being
   * dispatched while another thread resumes the task stays safe. */
  read->cancel_source = g_cancellable_source_new (cancellable);
  g_source_set_priority (read->cancel_source, g_task_get_priority (task));
  g_source_set_callback (read->cancel_source, G_SOURCE_FUNC (fetch_tee_waiter_cancelled),
                         g_object_ref (task), g_object_unref);
  g_source_attach (read->cancel_source, g_task_get_context (task));
}

static void
fetch_tee_source_read_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  FetchTeeBranch *self = g_task_get_source_object (task);
  FetchTeeRead *read = g_task_get_task_data (task);
  FetchTee *tee = self->tee;
  GError *error = NULL;
  GTask *waiter;
  gssize n;

  n = fetch_body_stream_source_read_finish (tee->origin, result, &error);

  g_mutex_lock (&tee->mutex);
  waiter = fetch_tee_read_done (tee, self->index, read->buffer, n, error);
  g_mutex_unlock (&tee->mutex);

  if (waiter != NULL)
    fetch_tee_resume (waiter);
  fetch_tee_return (task, n, error);
}

/* One attempt to complete an async read of a branch; consumes the
 * operation's reference on task. */
static void
fetch_tee_branch_read_step (GTask    *task,
                            gboolean  may_read_source)
{
  FetchTeeBranch *self = g_task_get_source_object (task);
  FetchTeeRead *read = g_task_get_task_data (task);
  FetchTee *tee = self->tee;
  GError *error = NULL;
  gssize n;

  g_mutex_lock (&tee->mutex);
  n = fetch_tee_poll (tee, self->index, read->buffer, read->count, &error);
  if (n != FETCH_TEE_NEED_READ)
    {
      g_mutex_unlock (&tee->mutex);
      fetch_tee_return (task, n, error);
      return;
    }
  if (!may_read_source)
    {
      g_mutex_unlock (&tee->mutex);
      fetch_tee_schedule (task, g_idle_source_new (), fetch_tee_step_idle);
      return;
    }
  if (tee->reading)
    {
      fetch_tee_wait (tee, self->index, task);
      g_mutex_unlock (&tee->mutex);
      return;
    }
  tee->reading = tee->reading_async = TRUE;
  g_mutex_unlock (&tee->mutex);

  fetch_body_stream_source_read_async (tee->origin, read->buffer, read->count,
                                       g_task_get_priority (task),
                                       g_task_get_cancellable (task),
                                       fetch_tee_source_read_cb, task);
}

static void
fetch_tee_branch_read_async (GInputStream        *stream,
                             void                *buffer,
                             gsize                count,
                             int                  io_priority,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  FetchTeeRead *read = g_new0 (FetchTeeRead, 1);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, fetch_tee_branch_read_async);
  g_task_set_priority (task, io_priority);
  /* Bytes taken from the queue or the source are gone from there: they
   * must reach the caller even if it cancels meanwhile. */
  g_task_set_check_cancellable (task, FALSE);
  read->buffer = buffer;
  read->count = count;
  g_task_set_task_data (task, read, fetch_tee_read_free);

  fetch_tee_branch_read_step (task, TRUE);
}

static gssize
fetch_tee_branch_read_finish (GInputStream  *stream,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static gssize
fetch_tee_branch_read_fn (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  FetchTeeBranch *self = FETCH_TEE_BRANCH (stream);
  FetchTee *tee = self->tee;
  GError *local_error = NULL;
  GTask *waiter;
  gssize n;

  g_mutex_lock (&tee->mutex);
  for (;;)
    {
      n = fetch_tee_poll (tee, self->index, buffer, count, error);
      if (n != FETCH_TEE_NEED_READ)
        {
          g_mutex_unlock (&tee->mutex);
          return n;
        }
      if (!tee->reading)
        break;
      if (tee->reading_async)
        {
          g_mutex_unlock (&tee->mutex);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The other branch of the body is reading its source"));
          return -1;
        }
      /* Another thread's sync read of the other branch: it ends without
       * needing any main loop. */
      g_cond_wait (&tee->cond, &tee->mutex);
    }
  tee->reading = TRUE;
  g_mutex_unlock (&tee->mutex);

  n = fetch_body_stream_source_read (tee->origin, buffer, count, cancellable, &local_error);

  g_mutex_lock (&tee->mutex);
  waiter = fetch_tee_read_done (tee, self->index, buffer, n, local_error);
  g_mutex_unlock (&tee->mutex);

  if (waiter != NULL)
    fetch_tee_resume (waiter);
  if (n < 0)
    g_propagate_error (error, local_error);
  return n;
}

/* With the mutex held: marks the branch closed (cancelled); returns
 * TRUE if both are now closed, so the source should be closed too. */
static gboolean
fetch_tee_branch_mark_closed (FetchTeeBranch *self)
{
  FetchTee *tee = self->tee;

  tee->closed[self->index] = TRUE;
  fetch_tee_drop_queue (tee, self->index);
  return tee->closed[0] && tee->closed[1];
}

static gboolean
fetch_tee_branch_close_fn (GInputStream  *stream,
                           GCancellable  *cancellable,
                           GError       **error)
{
  FetchTeeBranch *self = FETCH_TEE_BRANCH (stream);
  FetchTee *tee = self->tee;
  gboolean both;

  g_mutex_lock (&tee->mutex);
  both = fetch_tee_branch_mark_closed (self);
  g_mutex_unlock (&tee->mutex);

  /* Streams: the source is cancelled once both branches are. */
  if (both)
    return fetch_body_stream_source_close (tee->origin, cancellable, error);
  return TRUE;
}

static void
fetch_tee_branch_close_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (fetch_body_stream_source_close_finish (FETCH_BODY_STREAM (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
fetch_tee_branch_close_async (GInputStream        *stream,
                              int                  io_priority,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  FetchTeeBranch *self = FETCH_TEE_BRANCH (stream);
  FetchTee *tee = self->tee;
  GTask *task = g_task_new (stream, cancellable, callback, user_data);
  gboolean both;

  g_task_set_source_tag (task, fetch_tee_branch_close_async);
  g_task_set_priority (task, io_priority);

  g_mutex_lock (&tee->mutex);
  both = fetch_tee_branch_mark_closed (self);
  g_mutex_unlock (&tee->mutex);

  if (!both)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  fetch_body_stream_source_close_async (tee->origin, io_priority, cancellable,
                                        fetch_tee_branch_close_cb, task);
}

static gboolean
fetch_tee_branch_close_finish (GInputStream  *stream,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fetch_tee_branch_finalize (GObject *object)
{
  FetchTeeBranch *self = FETCH_TEE_BRANCH (object);

  g_clear_pointer (&self->tee, fetch_tee_unref);

  G_OBJECT_CLASS (fetch_tee_branch_parent_class)->finalize (object);
}

static void
fetch_tee_branch_class_init (FetchTeeBranchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = fetch_tee_branch_finalize;

  /* skip and skip_async: GInputStream's defaults read through read_fn and
   * read_async, which is what a branch must do anyway. */
  stream_class->read_fn = fetch_tee_branch_read_fn;
  stream_class->close_fn = fetch_tee_branch_close_fn;
  stream_class->read_async = fetch_tee_branch_read_async;
  stream_class->read_finish = fetch_tee_branch_read_finish;
  stream_class->close_async = fetch_tee_branch_close_async;
  stream_class->close_finish = fetch_tee_branch_close_finish;
}

static void
fetch_tee_branch_init (FetchTeeBranch *self)
{
}

static GInputStream *
fetch_tee_branch_new (FetchTee *tee,
                      guint     index)
{
  FetchTeeBranch *self = g_object_new (FETCH_TYPE_TEE_BRANCH, NULL);

  self->tee = g_atomic_rc_box_acquire (tee);
  self->index = index;
  return G_INPUT_STREAM (self);
}

void
fetch_body_stream_tee (FetchBodyStream  *stream,
                       GInputStream    **branch1,
                       GInputStream    **branch2)
{
  FetchTee *tee;

  g_return_if_fail (FETCH_IS_BODY_STREAM (stream));
  g_return_if_fail (!fetch_body_stream_is_locked (stream));
  g_return_if_fail (branch1 != NULL && branch2 != NULL);

  /* Streams: the tee holds a reader of the stream: it is locked. */
  fetch_body_stream_set_locked (stream, TRUE);
  tee = fetch_tee_new (stream);
  *branch1 = fetch_tee_branch_new (tee, 0);
  *branch2 = fetch_tee_branch_new (tee, 1);
  fetch_tee_unref (tee);
}
