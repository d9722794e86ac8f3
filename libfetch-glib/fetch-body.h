/* fetch-body.h: BodyInit (§5.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libfetch-glib/fetch-version.h>
#include <libfetch-glib/fetch-form-data.h>

G_BEGIN_DECLS

#define FETCH_TYPE_BODY_INIT (fetch_body_init_get_type ())

/**
 * FetchBodyInit:
 *
 * What a request or response body can be made from (the `BodyInit` union
 * of §5.2): bytes, a string, URL-encoded pairs, a [class@Fetch.FormData],
 * a blob (bytes with a MIME type) or a `GInputStream`. Reference counted.
 *
 * A body init is only a description: the body is extracted from it when a
 * [class@Fetch.Request] or [class@Fetch.Response] is constructed. A stream
 * body init can be used for one body only.
 *
 * Since: 0.1
 */
typedef struct _FetchBodyInit FetchBodyInit;

FETCH_AVAILABLE_IN_ALL
GType          fetch_body_init_get_type        (void) G_GNUC_CONST;
FETCH_AVAILABLE_IN_ALL
FetchBodyInit *fetch_body_init_new_bytes       (GBytes             *bytes);
FETCH_AVAILABLE_IN_ALL
FetchBodyInit *fetch_body_init_new_string      (const char         *text);
FETCH_AVAILABLE_IN_ALL
FetchBodyInit *fetch_body_init_new_blob        (GBytes             *bytes,
                                                const char         *content_type);
FETCH_AVAILABLE_IN_ALL
FetchBodyInit *fetch_body_init_new_urlencoded  (const char * const *pairs);
FETCH_AVAILABLE_IN_ALL
FetchBodyInit *fetch_body_init_new_form_data   (FetchFormData      *form_data);
FETCH_AVAILABLE_IN_ALL
FetchBodyInit *fetch_body_init_new_stream      (GInputStream       *stream,
                                                gint64              length);
FETCH_AVAILABLE_IN_ALL
FetchBodyInit *fetch_body_init_ref             (FetchBodyInit      *init);
FETCH_AVAILABLE_IN_ALL
void           fetch_body_init_unref           (FetchBodyInit      *init);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchBodyInit, fetch_body_init_unref)

G_END_DECLS
