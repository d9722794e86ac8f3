/* fetch-scheme-private.h: scheme fetch (§4.2) and the data: URL
 * processor (§4.2.1 / "data: URLs")
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fetch-request-private.h"
#include "fetch-response-private.h"
#include "fetch-mime.h"

G_BEGIN_DECLS

/* The blob URL store (File API §8.3) a FetchClient owns. */
typedef struct _FetchBlobStore FetchBlobStore;
FetchBlobStore *fetch_blob_store_new    (void);
void            fetch_blob_store_free   (FetchBlobStore *store);
/* Returns a new "blob:<origin>/<uuid>" URL for bytes + type. origin may
 * be NULL (serialized as "null"). */
char           *fetch_blob_store_add    (FetchBlobStore *store,
                                         FetchOrigin    *origin,
                                         GBytes         *bytes,
                                         const char     *content_type);
void            fetch_blob_store_revoke (FetchBlobStore *store,
                                         const char     *url);
/* File API "resolve a blob URL": the entry's bytes and type (borrowed),
 * or FALSE if url (fragment ignored) has no entry. store may be NULL. */
gboolean        fetch_blob_store_resolve (FetchBlobStore *store,
                                          GUri           *url,
                                          GBytes        **bytes,
                                          const char    **content_type);

/* §4.2 data: URL processor: FALSE for failure, else the MIME type and
 * the body. */
gboolean        fetch_data_url_process  (GUri           *url,
                                         FetchMimeType **mime_type,
                                         GBytes        **body);
/* Infra "forgiving-base64 decode": NULL for failure. */
GBytes         *fetch_forgiving_base64_decode (const char *data,
                                               gsize       length);

/* §4.2 scheme fetch for about:, blob:, data: and file: (other schemes are
 * a network error). Always completes with a response: failures are
 * network-error responses (fetch_response_is_network_error), never a
 * GError, except cancellation which completes with an aborted network
 * error. blobs is the client's blob URL store. */
void            fetch_scheme_fetch_async  (FetchRequest        *request,
                                           FetchBlobStore      *blobs,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
FetchResponse  *fetch_scheme_fetch_finish (GAsyncResult        *result);

G_END_DECLS
