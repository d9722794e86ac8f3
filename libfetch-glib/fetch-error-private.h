/* fetch-error-private.h: raising the standard's errors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "config.h"
#include <glib/gi18n-lib.h>
#include "fetch-error.h"

G_BEGIN_DECLS

/* Every user-visible message is translatable: callers pass _("...") as
 * the format. Each returns FALSE so that `return fetch_throw_type_error (...)`
 * works in gboolean functions. */
gboolean fetch_throw_type_error    (GError    **error,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (2, 3);
gboolean fetch_throw_network_error (GError    **error,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
