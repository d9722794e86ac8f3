/* fetch-policy-private.h: port blocking (§2.9) and the other "should ...
 * be blocked" checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fetch-request-private.h"

G_BEGIN_DECLS

/* §2.9 bad port */
gboolean fetch_is_bad_port (int port);
/* §2.9 should fetching request be blocked due to a bad port: TRUE = blocked */
gboolean fetch_request_should_block_bad_port (FetchRequest *request);

G_END_DECLS
