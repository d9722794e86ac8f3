/* fetch-error.h: the FETCH_ERROR domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <glib.h>
#include <libfetch-glib/fetch-version.h>

G_BEGIN_DECLS

/**
 * FETCH_ERROR:
 *
 * The error domain of libfetch-glib; errors in it use [error@Fetch.Error].
 * Its quark is [func@Fetch.error_quark].
 *
 * Since: 0.1
 */
#define FETCH_ERROR (fetch_error_quark ())

/**
 * FetchError:
 * @FETCH_ERROR_TYPE: the standard's `TypeError`: invalid input
 *   (a bad header, method or URL, a used body, ...)
 * @FETCH_ERROR_NETWORK: a network error: the fetch failed; the message
 *   names the cause
 * @FETCH_ERROR_ABORTED: the fetch was aborted (the standard's `AbortError`)
 *
 * Error codes in the %FETCH_ERROR domain.
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_ERROR_TYPE,
  FETCH_ERROR_NETWORK,
  FETCH_ERROR_ABORTED,
} FetchError;

FETCH_AVAILABLE_IN_ALL
GQuark fetch_error_quark (void);

G_END_DECLS
