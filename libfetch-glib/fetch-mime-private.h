/* fetch-mime-private.h: Content-Type (§3.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fetch-mime.h"
#include "fetch-headers.h"

G_BEGIN_DECLS

/* §3.4 extract a MIME type: NULL for failure. */
FetchMimeType *fetch_header_list_extract_mime_type (FetchHeaders *headers);
/* §3.4 legacy extract an encoding: returns the encoding label's canonical
 * name (e.g. "UTF-8") or fallback. */
const char    *fetch_legacy_extract_encoding (FetchHeaders *headers,
                                              const char   *fallback);
/* MIME Sniffing: HTTP token code point / HTTP quoted-string token code point */
gboolean       fetch_is_http_token_code_point (gunichar c);
gboolean       fetch_is_http_quoted_string_token_code_point (gunichar c);

G_END_DECLS
