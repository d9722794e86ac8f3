/* fetch-mime.h: MIME types (MIME Sniffing §4, as used by Fetch §3.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <glib-object.h>
#include <libfetch-glib/fetch-version.h>

G_BEGIN_DECLS

#define FETCH_TYPE_MIME_TYPE (fetch_mime_type_get_type ())

/**
 * FetchMimeType:
 *
 * A parsed MIME type (MIME Sniffing §4): a type, a subtype and ordered
 * parameters, all names lowercase. Reference counted.
 *
 * Parse one with [func@Fetch.MimeType.parse] and turn it back into a
 * string with [method@Fetch.MimeType.serialize]:
 *
 * ```c
 * g_autoptr(FetchMimeType) type = fetch_mime_type_parse ("Text/HTML; Charset=\"utf-8\"");
 * g_autofree char *text = fetch_mime_type_serialize (type);
 * // text is "text/html;charset=utf-8"
 * ```
 *
 * Since: 0.1
 */
typedef struct _FetchMimeType FetchMimeType;

FETCH_AVAILABLE_IN_ALL
GType          fetch_mime_type_get_type      (void) G_GNUC_CONST;
FETCH_AVAILABLE_IN_ALL
FetchMimeType *fetch_mime_type_parse         (const char    *input);
FETCH_AVAILABLE_IN_ALL
FetchMimeType *fetch_mime_type_ref           (FetchMimeType *mime_type);
FETCH_AVAILABLE_IN_ALL
void           fetch_mime_type_unref         (FetchMimeType *mime_type);
FETCH_AVAILABLE_IN_ALL
char          *fetch_mime_type_serialize     (FetchMimeType *mime_type);
FETCH_AVAILABLE_IN_ALL
const char    *fetch_mime_type_get_media_type (FetchMimeType *mime_type);
FETCH_AVAILABLE_IN_ALL
const char    *fetch_mime_type_get_subtype   (FetchMimeType *mime_type);
FETCH_AVAILABLE_IN_ALL
char          *fetch_mime_type_get_essence   (FetchMimeType *mime_type);
FETCH_AVAILABLE_IN_ALL
const char    *fetch_mime_type_get_parameter (FetchMimeType *mime_type,
                                              const char    *name);
FETCH_AVAILABLE_IN_ALL
void           fetch_mime_type_set_parameter (FetchMimeType *mime_type,
                                              const char    *name,
                                              const char    *value);
FETCH_AVAILABLE_IN_ALL
char         **fetch_mime_type_get_parameter_names (FetchMimeType *mime_type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchMimeType, fetch_mime_type_unref)

G_END_DECLS
