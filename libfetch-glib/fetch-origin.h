/* fetch-origin.h: origins (HTML §7.5)
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

#define FETCH_TYPE_ORIGIN (fetch_origin_get_type ())

/**
 * FetchOrigin:
 *
 * An origin: either a tuple (scheme, host, port) or an opaque origin.
 * Immutable and reference counted.
 *
 * Since: 0.1
 */
typedef struct _FetchOrigin FetchOrigin;

FETCH_AVAILABLE_IN_ALL
GType        fetch_origin_get_type      (void) G_GNUC_CONST;
FETCH_AVAILABLE_IN_ALL
FetchOrigin *fetch_origin_new_tuple     (const char  *scheme,
                                         const char  *host,
                                         int          port);
FETCH_AVAILABLE_IN_ALL
FetchOrigin *fetch_origin_new_opaque    (void);
FETCH_AVAILABLE_IN_ALL
FetchOrigin *fetch_origin_new_for_url   (const char  *url,
                                         GError     **error);
FETCH_AVAILABLE_IN_ALL
FetchOrigin *fetch_origin_ref           (FetchOrigin *origin);
FETCH_AVAILABLE_IN_ALL
void         fetch_origin_unref         (FetchOrigin *origin);
FETCH_AVAILABLE_IN_ALL
gboolean     fetch_origin_is_opaque     (FetchOrigin *origin);
FETCH_AVAILABLE_IN_ALL
const char  *fetch_origin_get_scheme    (FetchOrigin *origin);
FETCH_AVAILABLE_IN_ALL
const char  *fetch_origin_get_host      (FetchOrigin *origin);
FETCH_AVAILABLE_IN_ALL
int          fetch_origin_get_port      (FetchOrigin *origin);
FETCH_AVAILABLE_IN_ALL
char        *fetch_origin_serialize     (FetchOrigin *origin);
FETCH_AVAILABLE_IN_ALL
gboolean     fetch_origin_is_same_origin (FetchOrigin *a,
                                          FetchOrigin *b);
FETCH_AVAILABLE_IN_ALL
gboolean     fetch_origin_is_same_site  (FetchOrigin *a,
                                         FetchOrigin *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchOrigin, fetch_origin_unref)

G_END_DECLS
