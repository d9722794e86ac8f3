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
#include <libfetch-glib/fetch-enums.h>
#include <libfetch-glib/fetch-origin.h>
#include <libfetch-glib/fetch-controller.h>

G_BEGIN_DECLS

/* Declared in fetch-request.h and fetch-response.h, which include this
 * header. */
typedef struct _FetchRequest FetchRequest;
typedef struct _FetchRequestInit FetchRequestInit;
typedef struct _FetchResponse FetchResponse;

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
FETCH_AVAILABLE_IN_ALL
char        *fetch_client_dup_user_agent (FetchClient *client);
FETCH_AVAILABLE_IN_ALL
void         fetch_client_set_user_agent (FetchClient *client,
                                          const char  *user_agent);
FETCH_AVAILABLE_IN_ALL
char        *fetch_client_dup_accept_language (FetchClient *client);
FETCH_AVAILABLE_IN_ALL
void         fetch_client_set_accept_language (FetchClient *client,
                                               const char  *accept_language);
FETCH_AVAILABLE_IN_ALL
FetchReferrerPolicy fetch_client_get_referrer_policy (FetchClient        *client);
FETCH_AVAILABLE_IN_ALL
void         fetch_client_set_referrer_policy (FetchClient         *client,
                                               FetchReferrerPolicy  policy);
FETCH_AVAILABLE_IN_ALL
GTlsDatabase *fetch_client_dup_tls_database (FetchClient  *client);
FETCH_AVAILABLE_IN_ALL
void         fetch_client_set_tls_database (FetchClient  *client,
                                            GTlsDatabase *database);

FETCH_AVAILABLE_IN_ALL
void         fetch_client_terminate      (FetchClient *client);

FETCH_AVAILABLE_IN_ALL
char        *fetch_client_create_object_url (FetchClient *client,
                                             GBytes      *bytes,
                                             const char  *content_type);
FETCH_AVAILABLE_IN_ALL
void         fetch_client_revoke_object_url (FetchClient *client,
                                             const char  *url);

FETCH_AVAILABLE_IN_ALL
void           fetch_client_fetch_async  (FetchClient         *client,
                                          FetchRequest        *request,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
void           fetch_client_fetch_with_controller_async (FetchClient         *client,
                                                         FetchRequest        *request,
                                                         FetchController     *controller,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
void           fetch_client_fetch_url_async (FetchClient         *client,
                                             const char          *url,
                                             FetchRequestInit    *init,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
FetchResponse *fetch_client_fetch_finish (FetchClient         *client,
                                          GAsyncResult        *result,
                                          GError             **error);
FETCH_AVAILABLE_IN_ALL
FetchResponse *fetch_client_fetch_sync   (FetchClient         *client,
                                          FetchRequest        *request,
                                          GCancellable        *cancellable,
                                          GError             **error);
FETCH_AVAILABLE_IN_ALL
FetchResponse *fetch_client_fetch_url_sync (FetchClient       *client,
                                            const char        *url,
                                            FetchRequestInit  *init,
                                            GCancellable      *cancellable,
                                            GError           **error);

FETCH_AVAILABLE_IN_ALL
void           fetch_fetch_async         (const char          *url,
                                          FetchRequestInit    *init,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
FetchResponse *fetch_fetch_finish        (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
