/* fetch-body-stream-private.h: the stream of a body (§2.2.4) and the
 * Streams standard's state that Fetch looks at (disturbed, locked, tee)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GInputStream with the ReadableStream's state over a source: the
 * bytes beneath that state. The first read, skip or close marks it
 * disturbed (ReadableStream [[disturbed]]). While a consumer has locked
 * it (fetch_body_consume_async, a tee), reads and closes by anyone else
 * fail with G_IO_ERROR_PENDING: the consumer reads the source itself
 * (fetch_body_stream_source_read_async() and co.). Thread-safe flags.
 *
 * The source is a base stream (fetch_body_stream_new()), which every
 * read, skip and close passes through to without copying; or, in a
 * subclass, the subclass's own (its source_* vfuncs): a network body is
 * one such GInputStream over libsoup's (fetch-network.c), with no other
 * stream between the application and libsoup. */
#define FETCH_TYPE_BODY_STREAM (fetch_body_stream_get_type ())
G_DECLARE_DERIVABLE_TYPE (FetchBodyStream, fetch_body_stream, FETCH, BODY_STREAM, GInputStream)

struct _FetchBodyStreamClass
{
  GInputStreamClass parent_class;

  /* The source's reads and close: what a read or close of the stream
   * does once the Streams checks passed, and what the holder of the
   * lock does. The defaults use the base stream. Async results have
   * the body stream as source object; read_async never calls back from
   * within (GIO's rule). A subclass needs no base stream; its skip is
   * GInputStream's, by reads. */
  gssize   (*source_read)         (FetchBodyStream      *stream,
                                   void                 *buffer,
                                   gsize                 count,
                                   GCancellable         *cancellable,
                                   GError              **error);
  void     (*source_read_async)   (FetchBodyStream      *stream,
                                   void                 *buffer,
                                   gsize                 count,
                                   int                   io_priority,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
  gssize   (*source_read_finish)  (FetchBodyStream      *stream,
                                   GAsyncResult         *result,
                                   GError              **error);
  /* Closing the source twice is harmless (the holder of the lock may
   * close it before the stream itself is closed). */
  gboolean (*source_close)        (FetchBodyStream      *stream,
                                   GCancellable         *cancellable,
                                   GError              **error);
  void     (*source_close_async)  (FetchBodyStream      *stream,
                                   int                   io_priority,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
  gboolean (*source_close_finish) (FetchBodyStream      *stream,
                                   GAsyncResult         *result,
                                   GError              **error);
};

/* Takes a reference on base. */
GInputStream *fetch_body_stream_new            (GInputStream    *base);
/* Borrowed. NULL for a stream that is its own source (a network body):
 * its source is read with fetch_body_stream_source_read_async() and
 * co., which keep the subclass's checks. */
GInputStream *fetch_body_stream_get_base_stream (FetchBodyStream *stream);
gboolean      fetch_body_stream_is_disturbed   (FetchBodyStream *stream);
void          fetch_body_stream_set_disturbed  (FetchBodyStream *stream);
gboolean      fetch_body_stream_is_locked      (FetchBodyStream *stream);
void          fetch_body_stream_set_locked     (FetchBodyStream *stream,
                                                gboolean         locked);

/* For the holder of stream's lock (a consumer, a tee): the source's
 * reads and close, without the Streams checks (see the class). The
 * source is ours alone while we hold the lock; one operation at a time. */
gssize        fetch_body_stream_source_read         (FetchBodyStream      *stream,
                                                     void                 *buffer,
                                                     gsize                 count,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void          fetch_body_stream_source_read_async   (FetchBodyStream      *stream,
                                                     void                 *buffer,
                                                     gsize                 count,
                                                     int                   io_priority,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gssize        fetch_body_stream_source_read_finish  (FetchBodyStream      *stream,
                                                     GAsyncResult         *result,
                                                     GError              **error);
gboolean      fetch_body_stream_source_close        (FetchBodyStream      *stream,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void          fetch_body_stream_source_close_async  (FetchBodyStream      *stream,
                                                     int                   io_priority,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean      fetch_body_stream_source_close_finish (FetchBodyStream      *stream,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* Streams "tee" (ReadableStreamDefaultTee): locks stream for good and
 * returns two branch streams that each read every byte of its source,
 * in order. A chunk read by one branch is queued for the other
 * (unbounded). An error of the source errors both branches; closing
 * one branch does not affect the other; closing both closes the source. */
void          fetch_body_stream_tee            (FetchBodyStream *stream,
                                                GInputStream   **branch1,
                                                GInputStream   **branch2);

G_END_DECLS
