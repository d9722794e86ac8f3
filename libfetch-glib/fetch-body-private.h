/* fetch-body-private.h: bodies (§2.2.4), extraction (§5.2), the Body
 * mixin (§5.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "fetch-body.h"
#include "fetch-headers-private.h"
#include "fetch-mime.h"

G_BEGIN_DECLS

/* §2.2.4 body: a stream, a source and a length. Owned by exactly one
 * request or response; not reference counted.
 *
 * stream is always a FetchBodyStream (fetch-body-stream.c) wrapping the
 * real stream, so that a read by anyone marks the body disturbed and a
 * consumer can lock it. source is the bytes the stream was made from
 * (NULL for a stream or network body): a body with a source can be
 * re-created (for redirects, §4.4 step 14) and cloned without a tee.
 * length is -1 for null (unknown). */
typedef struct _FetchBody {
  GInputStream *stream;
  GBytes       *source;
  gint64        length;
} FetchBody;

/* A body whose source is bytes (a byte sequence as a body, §2.2.4). */
FetchBody    *fetch_body_new_from_bytes  (GBytes       *bytes);
/* A body over any stream (a caller's stream, a file). Takes a reference
 * on stream. length -1 for unknown. */
FetchBody    *fetch_body_new_from_stream (GInputStream *stream,
                                          gint64        length);
/* A body whose stream is body_stream itself (a FetchBodyStream that is
 * its own source: a network body, fetch-network.c). Takes body_stream. */
FetchBody    *fetch_body_new_for_body_stream (GInputStream *body_stream,
                                              gint64        length);
void          fetch_body_free            (FetchBody    *body);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchBody, fetch_body_free)

/* Streams (§5.3): disturbed = read from or consumed; locked = a consumer
 * is reading it. Unusable = disturbed or locked. */
gboolean      fetch_body_is_disturbed    (FetchBody *body);
gboolean      fetch_body_is_locked       (FetchBody *body);
gboolean      fetch_body_is_unusable     (FetchBody *body);

/* §2.2.4 clone a body: body keeps one branch of a tee (or, with a
 * source, a fresh stream over it) and the result gets the other. Both
 * read every byte. */
FetchBody    *fetch_body_clone           (FetchBody *body);

/* §2.2.4 "fully reading" support for redirects: a new body with a fresh
 * stream over body->source. body->source must be non-NULL. */
FetchBody    *fetch_body_new_from_source (FetchBody *body);

/* §5.2 extract a body with type: returns the body, and in *content_type
 * (may be NULL) the type or NULL. keepalive with a stream is a TypeError;
 * a stream init that was already used (or is disturbed) is a TypeError. */
FetchBody    *fetch_body_extract         (FetchBodyInit *init,
                                          gboolean       keepalive,
                                          char         **content_type,
                                          GError       **error);
/* TRUE when the init is a stream (for the Request constructor's duplex
 * and GET/HEAD checks). */
gboolean      fetch_body_init_is_stream  (FetchBodyInit *init);

/* §5.3 consume body: reads the whole body (NULL body = empty bytes) into
 * a GBytes. Fails with a TypeError if the body is unusable; marks it
 * disturbed and locks it while reading. source_object and source_tag go
 * to the GTask. */
void          fetch_body_consume_async   (FetchBody           *body,
                                          gpointer             source_object,
                                          gpointer             source_tag,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GBytes       *fetch_body_consume_finish  (GAsyncResult        *result,
                                          GError             **error);

/* §5.3 package data: the conversions of the consumers. */
char         *fetch_body_package_text      (GBytes        *bytes);
JsonNode     *fetch_body_package_json      (GBytes        *bytes,
                                            GError       **error);
FetchFormData *fetch_body_package_form_data (GBytes       *bytes,
                                             FetchHeaderList *headers,
                                             GError      **error);
/* Blob: the MIME type is the serialized Content-Type MIME type or "". */
char         *fetch_body_package_blob_type (FetchHeaderList *headers);

/* UTF-8 decode (Encoding §4.1): BOM stripped, invalid sequences replaced
 * with U+FFFD (one per maximal invalid subpart). A U+0000 in the input is
 * kept, so a C reader of the result stops there. */
char         *fetch_utf8_decode            (const guint8 *data,
                                            gsize         length);
/* UTF-8 decode without BOM: the same, but a leading BOM is kept (as
 * U+FEFF). Also how a char * becomes a USVString (Web IDL). */
char         *fetch_utf8_decode_without_bom (const guint8 *data,
                                             gsize         length);

G_END_DECLS
