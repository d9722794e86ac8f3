/* fetch-enums.h: the WebIDL enums of the Fetch Standard
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each GEnum value's nick is the spec's string, so
 * g_enum_get_value_by_nick() maps WebIDL strings to values. The empty
 * string ("" in RequestDestination and ReferrerPolicy) has the nick "none".
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * FetchHeadersGuard:
 * @FETCH_HEADERS_GUARD_NONE: no restrictions ("none")
 * @FETCH_HEADERS_GUARD_IMMUTABLE: the headers cannot be changed ("immutable")
 * @FETCH_HEADERS_GUARD_REQUEST: forbidden request-header names are ignored ("request")
 * @FETCH_HEADERS_GUARD_REQUEST_NO_CORS: only no-CORS-safelisted request-headers
 *   may be set ("request-no-cors")
 * @FETCH_HEADERS_GUARD_RESPONSE: forbidden response-header names are
 *   ignored ("response")
 *
 * The guard of a [class@Fetch.Headers] object (§5.1).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_HEADERS_GUARD_NONE,
  FETCH_HEADERS_GUARD_IMMUTABLE,
  FETCH_HEADERS_GUARD_REQUEST,
  FETCH_HEADERS_GUARD_REQUEST_NO_CORS, /*< nick=request-no-cors >*/
  FETCH_HEADERS_GUARD_RESPONSE,
} FetchHeadersGuard;

/**
 * FetchRequestDestination:
 * @FETCH_REQUEST_DESTINATION_NONE: the empty string ""
 * @FETCH_REQUEST_DESTINATION_AUDIO: "audio"
 * @FETCH_REQUEST_DESTINATION_AUDIOWORKLET: "audioworklet"
 * @FETCH_REQUEST_DESTINATION_DOCUMENT: "document"
 * @FETCH_REQUEST_DESTINATION_EMBED: "embed"
 * @FETCH_REQUEST_DESTINATION_FONT: "font"
 * @FETCH_REQUEST_DESTINATION_FRAME: "frame"
 * @FETCH_REQUEST_DESTINATION_IFRAME: "iframe"
 * @FETCH_REQUEST_DESTINATION_IMAGE: "image"
 * @FETCH_REQUEST_DESTINATION_JSON: "json"
 * @FETCH_REQUEST_DESTINATION_MANIFEST: "manifest"
 * @FETCH_REQUEST_DESTINATION_OBJECT: "object"
 * @FETCH_REQUEST_DESTINATION_PAINTWORKLET: "paintworklet"
 * @FETCH_REQUEST_DESTINATION_REPORT: "report"
 * @FETCH_REQUEST_DESTINATION_SCRIPT: "script"
 * @FETCH_REQUEST_DESTINATION_SERVICEWORKER: "serviceworker"
 * @FETCH_REQUEST_DESTINATION_SHAREDWORKER: "sharedworker"
 * @FETCH_REQUEST_DESTINATION_STYLE: "style"
 * @FETCH_REQUEST_DESTINATION_TRACK: "track"
 * @FETCH_REQUEST_DESTINATION_VIDEO: "video"
 * @FETCH_REQUEST_DESTINATION_WEBIDENTITY: "webidentity"
 * @FETCH_REQUEST_DESTINATION_WORKER: "worker"
 * @FETCH_REQUEST_DESTINATION_XSLT: "xslt"
 *
 * A request's destination (§2.2.5, `RequestDestination`).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_REQUEST_DESTINATION_NONE,
  FETCH_REQUEST_DESTINATION_AUDIO,
  FETCH_REQUEST_DESTINATION_AUDIOWORKLET,
  FETCH_REQUEST_DESTINATION_DOCUMENT,
  FETCH_REQUEST_DESTINATION_EMBED,
  FETCH_REQUEST_DESTINATION_FONT,
  FETCH_REQUEST_DESTINATION_FRAME,
  FETCH_REQUEST_DESTINATION_IFRAME,
  FETCH_REQUEST_DESTINATION_IMAGE,
  FETCH_REQUEST_DESTINATION_JSON,
  FETCH_REQUEST_DESTINATION_MANIFEST,
  FETCH_REQUEST_DESTINATION_OBJECT,
  FETCH_REQUEST_DESTINATION_PAINTWORKLET,
  FETCH_REQUEST_DESTINATION_REPORT,
  FETCH_REQUEST_DESTINATION_SCRIPT,
  FETCH_REQUEST_DESTINATION_SERVICEWORKER,
  FETCH_REQUEST_DESTINATION_SHAREDWORKER,
  FETCH_REQUEST_DESTINATION_STYLE,
  FETCH_REQUEST_DESTINATION_TRACK,
  FETCH_REQUEST_DESTINATION_VIDEO,
  FETCH_REQUEST_DESTINATION_WEBIDENTITY,
  FETCH_REQUEST_DESTINATION_WORKER,
  FETCH_REQUEST_DESTINATION_XSLT,
} FetchRequestDestination;

/**
 * FetchRequestMode:
 * @FETCH_REQUEST_MODE_SAME_ORIGIN: "same-origin"
 * @FETCH_REQUEST_MODE_CORS: "cors"
 * @FETCH_REQUEST_MODE_NO_CORS: "no-cors"
 * @FETCH_REQUEST_MODE_NAVIGATE: "navigate"
 * @FETCH_REQUEST_MODE_WEBSOCKET: "websocket"
 *
 * A request's mode (§2.2.5, `RequestMode`).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_REQUEST_MODE_SAME_ORIGIN,
  FETCH_REQUEST_MODE_CORS,
  FETCH_REQUEST_MODE_NO_CORS, /*< nick=no-cors >*/
  FETCH_REQUEST_MODE_NAVIGATE,
  FETCH_REQUEST_MODE_WEBSOCKET,
} FetchRequestMode;

/**
 * FetchRequestCredentials:
 * @FETCH_REQUEST_CREDENTIALS_OMIT: "omit"
 * @FETCH_REQUEST_CREDENTIALS_SAME_ORIGIN: "same-origin"
 * @FETCH_REQUEST_CREDENTIALS_INCLUDE: "include"
 *
 * A request's credentials mode (§2.2.5, `RequestCredentials`).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_REQUEST_CREDENTIALS_OMIT,
  FETCH_REQUEST_CREDENTIALS_SAME_ORIGIN,
  FETCH_REQUEST_CREDENTIALS_INCLUDE,
} FetchRequestCredentials;

/**
 * FetchRequestCache:
 * @FETCH_REQUEST_CACHE_DEFAULT: "default"
 * @FETCH_REQUEST_CACHE_NO_STORE: "no-store"
 * @FETCH_REQUEST_CACHE_RELOAD: "reload"
 * @FETCH_REQUEST_CACHE_NO_CACHE: "no-cache"
 * @FETCH_REQUEST_CACHE_FORCE_CACHE: "force-cache"
 * @FETCH_REQUEST_CACHE_ONLY_IF_CACHED: "only-if-cached"
 *
 * A request's cache mode (§2.2.5, `RequestCache`).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_REQUEST_CACHE_DEFAULT,
  FETCH_REQUEST_CACHE_NO_STORE,
  FETCH_REQUEST_CACHE_RELOAD,
  FETCH_REQUEST_CACHE_NO_CACHE,
  FETCH_REQUEST_CACHE_FORCE_CACHE,
  FETCH_REQUEST_CACHE_ONLY_IF_CACHED,
} FetchRequestCache;

/**
 * FetchRequestRedirect:
 * @FETCH_REQUEST_REDIRECT_FOLLOW: "follow"
 * @FETCH_REQUEST_REDIRECT_ERROR: "error"
 * @FETCH_REQUEST_REDIRECT_MANUAL: "manual"
 *
 * A request's redirect mode (§2.2.5, `RequestRedirect`).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_REQUEST_REDIRECT_FOLLOW,
  FETCH_REQUEST_REDIRECT_ERROR,
  FETCH_REQUEST_REDIRECT_MANUAL,
} FetchRequestRedirect;

/**
 * FetchRequestPriority:
 * @FETCH_REQUEST_PRIORITY_AUTO: "auto"
 * @FETCH_REQUEST_PRIORITY_HIGH: "high"
 * @FETCH_REQUEST_PRIORITY_LOW: "low"
 *
 * A request's priority (§2.2.5, `RequestPriority`).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_REQUEST_PRIORITY_AUTO,
  FETCH_REQUEST_PRIORITY_HIGH,
  FETCH_REQUEST_PRIORITY_LOW,
} FetchRequestPriority;

/**
 * FetchRequestDuplex:
 * @FETCH_REQUEST_DUPLEX_HALF: "half", the only value
 *
 * A request's duplex (§5.4, `RequestDuplex`).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_REQUEST_DUPLEX_HALF,
} FetchRequestDuplex;

/**
 * FetchReferrerPolicy:
 * @FETCH_REFERRER_POLICY_NONE: the empty string "" (use the default)
 * @FETCH_REFERRER_POLICY_NO_REFERRER: "no-referrer"
 * @FETCH_REFERRER_POLICY_NO_REFERRER_WHEN_DOWNGRADE: "no-referrer-when-downgrade"
 * @FETCH_REFERRER_POLICY_SAME_ORIGIN: "same-origin"
 * @FETCH_REFERRER_POLICY_ORIGIN: "origin"
 * @FETCH_REFERRER_POLICY_STRICT_ORIGIN: "strict-origin"
 * @FETCH_REFERRER_POLICY_ORIGIN_WHEN_CROSS_ORIGIN: "origin-when-cross-origin"
 * @FETCH_REFERRER_POLICY_STRICT_ORIGIN_WHEN_CROSS_ORIGIN: "strict-origin-when-cross-origin"
 * @FETCH_REFERRER_POLICY_UNSAFE_URL: "unsafe-url"
 *
 * A referrer policy (Referrer Policy §3, `ReferrerPolicy`).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_REFERRER_POLICY_NONE,
  FETCH_REFERRER_POLICY_NO_REFERRER,
  FETCH_REFERRER_POLICY_NO_REFERRER_WHEN_DOWNGRADE,
  FETCH_REFERRER_POLICY_SAME_ORIGIN,
  FETCH_REFERRER_POLICY_ORIGIN,
  FETCH_REFERRER_POLICY_STRICT_ORIGIN,
  FETCH_REFERRER_POLICY_ORIGIN_WHEN_CROSS_ORIGIN,
  FETCH_REFERRER_POLICY_STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
  FETCH_REFERRER_POLICY_UNSAFE_URL,
} FetchReferrerPolicy;

/**
 * FetchResponseType:
 * @FETCH_RESPONSE_TYPE_BASIC: "basic"
 * @FETCH_RESPONSE_TYPE_CORS: "cors"
 * @FETCH_RESPONSE_TYPE_DEFAULT: "default"
 * @FETCH_RESPONSE_TYPE_ERROR: "error"
 * @FETCH_RESPONSE_TYPE_OPAQUE: "opaque"
 * @FETCH_RESPONSE_TYPE_OPAQUEREDIRECT: "opaqueredirect"
 *
 * A response's type (§2.2.6, `ResponseType`).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_RESPONSE_TYPE_BASIC,
  FETCH_RESPONSE_TYPE_CORS,
  FETCH_RESPONSE_TYPE_DEFAULT,
  FETCH_RESPONSE_TYPE_ERROR,
  FETCH_RESPONSE_TYPE_OPAQUE,
  FETCH_RESPONSE_TYPE_OPAQUEREDIRECT,
} FetchResponseType;

/**
 * FetchControllerState:
 * @FETCH_CONTROLLER_STATE_ONGOING: the fetch is running or has not started ("ongoing")
 * @FETCH_CONTROLLER_STATE_TERMINATED: the fetch was terminated ("terminated")
 * @FETCH_CONTROLLER_STATE_ABORTED: the fetch was aborted ("aborted")
 *
 * The state of a [class@Fetch.Controller] (§2, fetch controller).
 *
 * Since: 0.1
 */
typedef enum {
  FETCH_CONTROLLER_STATE_ONGOING,
  FETCH_CONTROLLER_STATE_TERMINATED,
  FETCH_CONTROLLER_STATE_ABORTED,
} FetchControllerState;

G_END_DECLS
