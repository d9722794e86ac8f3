/* fetch-request.h: the Request class (§5.4) and RequestInit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libfetch-glib/fetch-version.h>
#include <libfetch-glib/fetch-enums.h>
#include <libfetch-glib/fetch-headers.h>
#include <libfetch-glib/fetch-body.h>
#include <libfetch-glib/fetch-form-data.h>
#include <libfetch-glib/fetch-client.h>

G_BEGIN_DECLS

#define FETCH_TYPE_REQUEST_INIT (fetch_request_init_get_type ())

/**
 * FetchRequestInit:
 *
 * The `RequestInit` dictionary (§5.4): each setter makes its member
 * present; members never set are absent, exactly as when a script leaves
 * them out. Reference counted.
 *
 * Since: 0.1
 */
typedef struct _FetchRequestInit FetchRequestInit;

FETCH_AVAILABLE_IN_ALL
GType             fetch_request_init_get_type (void) G_GNUC_CONST;
FETCH_AVAILABLE_IN_ALL
FetchRequestInit *fetch_request_init_new      (void);
FETCH_AVAILABLE_IN_ALL
FetchRequestInit *fetch_request_init_ref      (FetchRequestInit *init);
FETCH_AVAILABLE_IN_ALL
void              fetch_request_init_unref    (FetchRequestInit *init);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_method          (FetchRequestInit *init, const char *method);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_headers         (FetchRequestInit *init, FetchHeaders *headers);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_body            (FetchRequestInit *init, FetchBodyInit *body);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_referrer        (FetchRequestInit *init, const char *referrer);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_referrer_policy (FetchRequestInit *init, FetchReferrerPolicy policy);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_mode            (FetchRequestInit *init, FetchRequestMode mode);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_credentials     (FetchRequestInit *init, FetchRequestCredentials credentials);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_cache           (FetchRequestInit *init, FetchRequestCache cache);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_redirect        (FetchRequestInit *init, FetchRequestRedirect redirect);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_integrity       (FetchRequestInit *init, const char *integrity);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_keepalive       (FetchRequestInit *init, gboolean keepalive);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_signal          (FetchRequestInit *init, GCancellable *signal);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_duplex          (FetchRequestInit *init, FetchRequestDuplex duplex);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_priority        (FetchRequestInit *init, FetchRequestPriority priority);
FETCH_AVAILABLE_IN_ALL
void fetch_request_init_set_window_null     (FetchRequestInit *init);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchRequestInit, fetch_request_init_unref)

#define FETCH_TYPE_REQUEST (fetch_request_get_type ())
FETCH_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (FetchRequest, fetch_request, FETCH, REQUEST, GObject)

FETCH_AVAILABLE_IN_ALL
FetchRequest *fetch_request_new              (const char        *url,
                                              FetchRequestInit  *init,
                                              GError           **error);
FETCH_AVAILABLE_IN_ALL
FetchRequest *fetch_request_new_for_client   (FetchClient       *client,
                                              const char        *url,
                                              FetchRequestInit  *init,
                                              GError           **error);
FETCH_AVAILABLE_IN_ALL
FetchRequest *fetch_request_new_from_request (FetchRequest      *input,
                                              FetchRequestInit  *init,
                                              GError           **error);
FETCH_AVAILABLE_IN_ALL
FetchRequest *fetch_request_clone            (FetchRequest      *request,
                                              GError           **error);

FETCH_AVAILABLE_IN_ALL
const char             *fetch_request_get_method          (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
char                   *fetch_request_get_url             (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
FetchHeaders           *fetch_request_get_headers         (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
FetchRequestDestination fetch_request_get_destination     (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
char                   *fetch_request_get_referrer        (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
FetchReferrerPolicy     fetch_request_get_referrer_policy (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
FetchRequestMode        fetch_request_get_mode            (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
FetchRequestCredentials fetch_request_get_credentials     (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
FetchRequestCache       fetch_request_get_cache           (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
FetchRequestRedirect    fetch_request_get_redirect        (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
const char             *fetch_request_get_integrity       (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
gboolean                fetch_request_get_keepalive       (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
gboolean                fetch_request_get_is_reload_navigation  (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
gboolean                fetch_request_get_is_history_navigation (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
GCancellable           *fetch_request_get_signal          (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
FetchRequestDuplex      fetch_request_get_duplex          (FetchRequest *request);
FETCH_AVAILABLE_IN_ALL
FetchRequestPriority    fetch_request_get_priority        (FetchRequest *request);

/* Body mixin (§5.3) */
FETCH_AVAILABLE_IN_ALL
GInputStream  *fetch_request_get_body           (FetchRequest        *request);
FETCH_AVAILABLE_IN_ALL
gboolean       fetch_request_get_body_used      (FetchRequest        *request);
FETCH_AVAILABLE_IN_ALL
void           fetch_request_bytes_async        (FetchRequest        *request,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
GBytes        *fetch_request_bytes_finish       (FetchRequest        *request,
                                                 GAsyncResult        *result,
                                                 GError             **error);
FETCH_AVAILABLE_IN_ALL
void           fetch_request_text_async         (FetchRequest        *request,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
char          *fetch_request_text_finish        (FetchRequest        *request,
                                                 GAsyncResult        *result,
                                                 GError             **error);
FETCH_AVAILABLE_IN_ALL
void           fetch_request_json_async         (FetchRequest        *request,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
JsonNode      *fetch_request_json_finish        (FetchRequest        *request,
                                                 GAsyncResult        *result,
                                                 GError             **error);
FETCH_AVAILABLE_IN_ALL
void           fetch_request_form_data_async    (FetchRequest        *request,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
FetchFormData *fetch_request_form_data_finish   (FetchRequest        *request,
                                                 GAsyncResult        *result,
                                                 GError             **error);
FETCH_AVAILABLE_IN_ALL
void           fetch_request_blob_async         (FetchRequest        *request,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
GBytes        *fetch_request_blob_finish        (FetchRequest        *request,
                                                 GAsyncResult        *result,
                                                 char               **content_type,
                                                 GError             **error);

G_END_DECLS
