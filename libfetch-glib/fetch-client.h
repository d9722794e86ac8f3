/* fetch-client.h: the environment a fetch runs for
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libfetch-glib/fetch-version.h>
#include <libfetch-glib/fetch-origin.h>

G_BEGIN_DECLS

#define FETCH_TYPE_CLIENT (fetch_client_get_type ())
FETCH_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (FetchClient, fetch_client, FETCH, CLIENT, GObject)

FETCH_AVAILABLE_IN_ALL
FetchClient *fetch_client_new            (void);
FETCH_AVAILABLE_IN_ALL
FetchClient *fetch_client_get_default    (void);
FETCH_AVAILABLE_IN_ALL
const char  *fetch_client_get_base_url   (FetchClient *client);
FETCH_AVAILABLE_IN_ALL
gboolean     fetch_client_set_base_url   (FetchClient *client,
                                          const char  *base_url,
                                          GError     **error);
FETCH_AVAILABLE_IN_ALL
FetchOrigin *fetch_client_get_origin     (FetchClient *client);
FETCH_AVAILABLE_IN_ALL
void         fetch_client_set_origin     (FetchClient *client,
                                          FetchOrigin *origin);

G_END_DECLS
