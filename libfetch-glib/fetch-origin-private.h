/* fetch-origin-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fetch-origin.h"

G_BEGIN_DECLS

/* NULL-tolerant same-origin: an unset (NULL) origin is the "no origin"
 * of a FetchClient without one: same origin with everything (see
 * fetch-client.c). */
gboolean fetch_origin_equal_or_unset (FetchOrigin *a,
                                      FetchOrigin *b);

G_END_DECLS
