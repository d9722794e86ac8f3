/* fetch-headers.h: the Headers class (§5.1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <glib-object.h>
#include <libfetch-glib/fetch-version.h>
#include <libfetch-glib/fetch-enums.h>

G_BEGIN_DECLS

#define FETCH_TYPE_HEADERS (fetch_headers_get_type ())
FETCH_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (FetchHeaders, fetch_headers, FETCH, HEADERS, GObject)

/**
 * FetchHeadersForeachFunc:
 * @name: the header name, lowercase
 * @value: the header value (combined, except for `set-cookie`)
 * @user_data: the data passed to [method@Fetch.Headers.foreach]
 *
 * Called for each header in the order of §5.1's iteration
 * ("sort and combine").
 *
 * Returns: %TRUE to go on, %FALSE to stop
 *
 * Since: 0.1
 */
typedef gboolean (*FetchHeadersForeachFunc) (const char *name,
                                             const char *value,
                                             gpointer    user_data);

FETCH_AVAILABLE_IN_ALL
FetchHeaders      *fetch_headers_new             (void);
FETCH_AVAILABLE_IN_ALL
FetchHeaders      *fetch_headers_new_from_pairs  (const char * const *pairs,
                                                  GError            **error);
FETCH_AVAILABLE_IN_ALL
FetchHeaders      *fetch_headers_new_from_record (GHashTable         *record,
                                                  GError            **error);
FETCH_AVAILABLE_IN_ALL
FetchHeaders      *fetch_headers_new_from_headers (FetchHeaders      *other);

FETCH_AVAILABLE_IN_ALL
FetchHeadersGuard  fetch_headers_get_guard       (FetchHeaders       *headers);

FETCH_AVAILABLE_IN_ALL
gboolean           fetch_headers_append          (FetchHeaders       *headers,
                                                  const char         *name,
                                                  const char         *value,
                                                  GError            **error);
FETCH_AVAILABLE_IN_ALL
gboolean           fetch_headers_delete          (FetchHeaders       *headers,
                                                  const char         *name,
                                                  GError            **error);
FETCH_AVAILABLE_IN_ALL
char              *fetch_headers_get             (FetchHeaders       *headers,
                                                  const char         *name,
                                                  GError            **error);
FETCH_AVAILABLE_IN_ALL
char             **fetch_headers_get_set_cookie  (FetchHeaders       *headers);
FETCH_AVAILABLE_IN_ALL
gboolean           fetch_headers_has             (FetchHeaders       *headers,
                                                  const char         *name,
                                                  GError            **error);
FETCH_AVAILABLE_IN_ALL
gboolean           fetch_headers_set             (FetchHeaders       *headers,
                                                  const char         *name,
                                                  const char         *value,
                                                  GError            **error);
FETCH_AVAILABLE_IN_ALL
void               fetch_headers_foreach         (FetchHeaders       *headers,
                                                  FetchHeadersForeachFunc func,
                                                  gpointer            user_data);
FETCH_AVAILABLE_IN_ALL
char             **fetch_headers_get_entries     (FetchHeaders       *headers);

G_END_DECLS
