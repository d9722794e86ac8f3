/* fetch.h: the libfetch-glib umbrella header
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define __FETCH_GLIB_INSIDE__

#include <libfetch-glib/fetch-version.h>
#include <libfetch-glib/fetch-enums.h>
#include <libfetch-glib/fetch-enum-types.h>
#include <libfetch-glib/fetch-error.h>
#include <libfetch-glib/fetch-mime.h>
#include <libfetch-glib/fetch-headers.h>
#include <libfetch-glib/fetch-form-data.h>
#include <libfetch-glib/fetch-body.h>
#include <libfetch-glib/fetch-origin.h>
#include <libfetch-glib/fetch-controller.h>
#include <libfetch-glib/fetch-client.h>
#include <libfetch-glib/fetch-request.h>
#include <libfetch-glib/fetch-response.h>

#undef __FETCH_GLIB_INSIDE__
