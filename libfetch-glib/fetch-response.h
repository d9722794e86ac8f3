/* fetch-response.h: the Response class (§5.5) and ResponseInit
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

G_BEGIN_DECLS

#define FETCH_TYPE_RESPONSE_INIT (fetch_response_init_get_type ())

/**
 * FetchResponseInit:
 *
 * The `ResponseInit` dictionary (§5.5): status (default 200), status
 * text (default "") and headers. Reference counted.
 *
 * Since: 0.1
 */
typedef struct _FetchResponseInit FetchResponseInit;

FETCH_AVAILABLE_IN_ALL
GType              fetch_response_init_get_type        (void) G_GNUC_CONST;
FETCH_AVAILABLE_IN_ALL
FetchResponseInit *fetch_response_init_new             (void);
FETCH_AVAILABLE_IN_ALL
FetchResponseInit *fetch_response_init_ref             (FetchResponseInit *init);
FETCH_AVAILABLE_IN_ALL
void               fetch_response_init_unref           (FetchResponseInit *init);
FETCH_AVAILABLE_IN_ALL
void               fetch_response_init_set_status      (FetchResponseInit *init,
                                                        guint              status);
FETCH_AVAILABLE_IN_ALL
void               fetch_response_init_set_status_text (FetchResponseInit *init,
                                                        const char        *status_text);
FETCH_AVAILABLE_IN_ALL
void               fetch_response_init_set_headers     (FetchResponseInit *init,
                                                        FetchHeaders      *headers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchResponseInit, fetch_response_init_unref)

#define FETCH_TYPE_RESPONSE (fetch_response_get_type ())
FETCH_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (FetchResponse, fetch_response, FETCH, RESPONSE, GObject)

FETCH_AVAILABLE_IN_ALL
FetchResponse    *fetch_response_new            (FetchBodyInit      *body,
                                                 FetchResponseInit  *init,
                                                 GError            **error);
FETCH_AVAILABLE_IN_ALL
FetchResponse    *fetch_response_error          (void);
FETCH_AVAILABLE_IN_ALL
FetchResponse    *fetch_response_redirect       (const char         *url,
                                                 guint               status,
                                                 GError            **error);
FETCH_AVAILABLE_IN_ALL
FetchResponse    *fetch_response_new_json       (JsonNode           *data,
                                                 FetchResponseInit  *init,
                                                 GError            **error);
FETCH_AVAILABLE_IN_ALL
FetchResponse    *fetch_response_clone          (FetchResponse      *response,
                                                 GError            **error);

FETCH_AVAILABLE_IN_ALL
FetchResponseType fetch_response_get_response_type (FetchResponse   *response);
FETCH_AVAILABLE_IN_ALL
char             *fetch_response_get_url        (FetchResponse      *response);
FETCH_AVAILABLE_IN_ALL
gboolean          fetch_response_get_redirected (FetchResponse      *response);
FETCH_AVAILABLE_IN_ALL
guint             fetch_response_get_status     (FetchResponse      *response);
FETCH_AVAILABLE_IN_ALL
gboolean          fetch_response_get_ok         (FetchResponse      *response);
FETCH_AVAILABLE_IN_ALL
const char       *fetch_response_get_status_text (FetchResponse     *response);
FETCH_AVAILABLE_IN_ALL
FetchHeaders     *fetch_response_get_headers    (FetchResponse      *response);

/* Body mixin (§5.3) */
FETCH_AVAILABLE_IN_ALL
GInputStream  *fetch_response_get_body          (FetchResponse       *response);
FETCH_AVAILABLE_IN_ALL
gboolean       fetch_response_get_body_used     (FetchResponse       *response);
FETCH_AVAILABLE_IN_ALL
void           fetch_response_bytes_async       (FetchResponse       *response,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
GBytes        *fetch_response_bytes_finish      (FetchResponse       *response,
                                                 GAsyncResult        *result,
                                                 GError             **error);
FETCH_AVAILABLE_IN_ALL
void           fetch_response_text_async        (FetchResponse       *response,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
char          *fetch_response_text_finish       (FetchResponse       *response,
                                                 GAsyncResult        *result,
                                                 GError             **error);
FETCH_AVAILABLE_IN_ALL
void           fetch_response_json_async        (FetchResponse       *response,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
JsonNode      *fetch_response_json_finish       (FetchResponse       *response,
                                                 GAsyncResult        *result,
                                                 GError             **error);
FETCH_AVAILABLE_IN_ALL
void           fetch_response_form_data_async   (FetchResponse       *response,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
FetchFormData *fetch_response_form_data_finish  (FetchResponse       *response,
                                                 GAsyncResult        *result,
                                                 GError             **error);
FETCH_AVAILABLE_IN_ALL
void           fetch_response_blob_async        (FetchResponse       *response,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FETCH_AVAILABLE_IN_ALL
GBytes        *fetch_response_blob_finish       (FetchResponse       *response,
                                                 GAsyncResult        *result,
                                                 char               **content_type,
                                                 GError             **error);

G_END_DECLS
