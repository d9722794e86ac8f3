/* fetch-version.h: export macros
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <glib.h>

/**
 * FETCH_MAJOR_VERSION:
 *
 * The major version of libfetch-glib this code was compiled against.
 *
 * Since: 0.1
 */
#define FETCH_MAJOR_VERSION 0
/**
 * FETCH_MINOR_VERSION:
 *
 * The minor version of libfetch-glib this code was compiled against.
 *
 * Since: 0.1
 */
#define FETCH_MINOR_VERSION 1

#if defined(FETCH_COMPILATION) && defined(__GNUC__)
#define _FETCH_EXPORT __attribute__((visibility("default"))) extern
#else
#define _FETCH_EXPORT extern
#endif

#define FETCH_AVAILABLE_IN_ALL _FETCH_EXPORT
