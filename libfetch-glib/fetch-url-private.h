/* fetch-url-private.h: URLs the way the WHATWG URL Standard has them,
 * on top of GUri
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GUri is RFC 3986; the URL Standard differs visibly in places (scheme and
 * host lowercasing, default ports dropped, "" path of special URLs is "/",
 * dot segments, percent-encode sets, backslashes in special URLs, spaces
 * and tabs/newlines stripped). fetch_url_parse() applies those rules and
 * returns a GUri holding the URL Standard's serialization.
 */
#pragma once

#include <glib.h>
#include "fetch-origin.h"

G_BEGIN_DECLS

/* URL §4.4 basic URL parser with an optional base: NULL for failure. */
GUri        *fetch_url_parse               (const char *input,
                                            GUri       *base);
/* The same, never taking the fast path for plain HTTP(S) URLs (for
 * tests that check both agree). */
GUri        *fetch_url_parse_full          (const char *input,
                                            GUri       *base);
/* URL §4.5 URL serializer. */
char        *fetch_url_serialize           (GUri       *url,
                                            gboolean    exclude_fragment);
/* URL includes credentials: username or password non-empty. */
gboolean     fetch_url_includes_credentials (GUri      *url);
/* A copy of url with its fragment replaced (NULL removes it). */
GUri        *fetch_url_with_fragment       (GUri       *url,
                                            const char *fragment);
/* URL §4 origin of a URL (blob: URLs use their path's origin; other
 * non-special schemes are opaque). */
FetchOrigin *fetch_url_get_origin          (GUri       *url);
/* Fetch §2.1: local scheme (about, blob, data), HTTP(S) scheme, fetch scheme. */
gboolean     fetch_url_is_local            (GUri       *url);
gboolean     fetch_url_is_http_scheme      (GUri       *url);
/* URL §3.5 host parser (fetch-url-host.c): input is len bytes of UTF-8;
 * is_opaque for hosts of non-special URLs. Returns the serialized host
 * (§3.6: IPv6 in brackets) or NULL for failure. */
char        *fetch_url_host_parse          (const char *input,
                                            gsize       len,
                                            gboolean    is_opaque);
/* Default port for special schemes, -1 otherwise. */
int          fetch_url_default_port        (const char *scheme);
/* The port of url, or its scheme's default port (-1 if none). */
int          fetch_url_get_effective_port  (GUri       *url);

G_END_DECLS
