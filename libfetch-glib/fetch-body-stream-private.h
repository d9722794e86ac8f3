/* fetch-body-stream-private.h: the stream of a body (§2.2.4) and the
 * Streams standard's state that Fetch looks at (disturbed, locked, tee)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GInputStream over a base stream. Every read, skip and close passes
 * through to the base stream without copying. The first read, skip or
 * close marks it disturbed (ReadableStream [[disturbed]]). While a
 * consumer has locked it (fetch_body_consume_async, a tee), reads and
 * closes by anyone else fail with G_IO_ERROR_PENDING: the consumer reads
 * the base stream itself. Thread-safe flags. */
#define FETCH_TYPE_BODY_STREAM (fetch_body_stream_get_type ())
G_DECLARE_FINAL_TYPE (FetchBodyStream, fetch_body_stream, FETCH, BODY_STREAM, GInputStream)

/* Takes a reference on base. */
GInputStream *fetch_body_stream_new            (GInputStream    *base);
/* Borrowed. */
GInputStream *fetch_body_stream_get_base_stream (FetchBodyStream *stream);
/* Declares that the base stream is ours alone: only stream reads it,
 * or whoever holds stream's lock (a consumer, a tee), never at the same
 * time (a body read from is disturbed, and a disturbed body is never
 * locked). stream's reads then call the base stream's class directly,
 * skipping GInputStream's per-call bookkeeping on it (which cost as much
 * as the rest of a read's overhead). For network bodies. */
void          fetch_body_stream_set_base_private (FetchBodyStream *stream);
gboolean      fetch_body_stream_is_disturbed   (FetchBodyStream *stream);
void          fetch_body_stream_set_disturbed  (FetchBodyStream *stream);
gboolean      fetch_body_stream_is_locked      (FetchBodyStream *stream);
void          fetch_body_stream_set_locked     (FetchBodyStream *stream,
                                                gboolean         locked);

/* Streams "tee" (ReadableStreamDefaultTee): locks stream for good and
 * returns two branch streams that each read every byte of its base
 * stream, in order. A chunk read by one branch is queued for the other
 * (unbounded). An error of the base stream errors both branches; closing
 * one branch does not affect the other; closing both closes the base. */
void          fetch_body_stream_tee            (FetchBodyStream *stream,
                                                GInputStream   **branch1,
                                                GInputStream   **branch2);

G_END_DECLS
