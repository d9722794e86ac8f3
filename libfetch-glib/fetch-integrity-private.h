/* fetch-integrity-private.h: Subresource Integrity (SRI §3.3) as main
 * fetch step 22 uses it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* SRI §3.3.5 "does bytes match metadataList": parse the metadata, keep
 * the strongest algorithm among sha256/sha384/sha512, compare base64
 * digests. Empty or all-unknown metadata matches. */
gboolean fetch_integrity_bytes_match (GBytes     *bytes,
                                      const char *metadata);

G_END_DECLS
