/* fetch-mime-private.h: Content-Type (§3.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fetch-mime.h"
#include "fetch-headers-private.h"

G_BEGIN_DECLS

/* §3.4 extract a MIME type: NULL for failure. */
FetchMimeType *fetch_header_list_extract_mime_type (FetchHeaderList *headers);
/* §3.4 legacy extract an encoding: returns the encoding label's canonical
 * name (e.g. "UTF-8") or fallback. */
const char    *fetch_legacy_extract_encoding (FetchHeaderList *headers,
                                              const char      *fallback);
/* §3.4 legacy extract an encoding, given a MIME type or NULL (failure). */
const char    *fetch_mime_type_legacy_extract_encoding (FetchMimeType *mime_type,
                                                        const char    *fallback);
/* Encoding Standard "get an encoding": the canonical name of the encoding
 * whose label @label is (after trimming ASCII whitespace, in any case),
 * e.g. "latin1" → "windows-1252", or NULL for failure. All labels of the
 * Encoding Standard are known. */
const char    *fetch_get_an_encoding (const char *label);
/* MIME Sniffing: HTTP token code point / HTTP quoted-string token code point */
gboolean       fetch_is_http_token_code_point (gunichar c);
gboolean       fetch_is_http_quoted_string_token_code_point (gunichar c);

G_END_DECLS
