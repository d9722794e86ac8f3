/* fetch-form-data-private.h: form encodings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fetch-form-data.h"

G_BEGIN_DECLS

/* HTML §4.10.21.8 multipart/form-data encoding: the boundary is chosen
 * fresh for each call and returned in *boundary. */
GBytes        *fetch_form_data_serialize_multipart (FetchFormData *form_data,
                                                    char         **boundary);
/* URL §5.2 application/x-www-form-urlencoded serializer over a flat
 * name, value, ... vector. */
char          *fetch_urlencoded_serialize (const char * const *pairs);
/* URL §5.1 urlencoded parser: a new FormData of string entries. */
FetchFormData *fetch_urlencoded_parse     (GBytes *input);
/* Body mixin §5.3 "formData": parse multipart/form-data with the boundary
 * from the MIME type; NULL and a TypeError on failure. */
FetchFormData *fetch_multipart_form_data_parse (GBytes      *input,
                                                const char  *boundary,
                                                GError     **error);

/* File API: a Blob's (or File's) type attribute from the type given to
 * its constructor: "" if it has a code point outside U+0020-U+007E,
 * otherwise ASCII-lowercased. NULL gives "". */
char          *fetch_blob_type_normalize (const char *type);

G_END_DECLS
