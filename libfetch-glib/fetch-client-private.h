/* fetch-client-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fetch-client.h"

G_BEGIN_DECLS

/* The API base URL (NULL: none; relative URLs are then a TypeError) */
GUri        *fetch_client_get_base_uri (FetchClient *client);

G_END_DECLS
