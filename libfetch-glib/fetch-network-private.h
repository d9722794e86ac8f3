/* fetch-network-private.h: HTTP-network fetch (§4.6) over libsoup
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fetch-main-private.h"

G_BEGIN_DECLS

/* A network response body stream was handed over with its response:
 * from now on it aborts with the controller, reports download progress
 * and runs the fetch finale at its end (takes a reference on params). */
void     fetch_network_stream_attach (GInputStream *stream,
                                      FetchParams  *params);
/* Releases a network response body stream that nobody will read (a
 * redirect's): the rest (up to 64 KiB) is drained asynchronously so that
 * the connection can be reused. The caller then frees the body. */
void     fetch_network_stream_discard (GInputStream *stream);

G_END_DECLS
