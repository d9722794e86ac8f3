/* fetch-request-init.c: the RequestInit dictionary (§5.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The members are read by the Request constructor (fetch-request.c);
 * every setter makes its member present, as when a script sets it.
 */
#include "config.h"

#include "fetch-request-private.h"

G_DEFINE_BOXED_TYPE (FetchRequestInit, fetch_request_init,
                     fetch_request_init_ref, fetch_request_init_unref)

/**
 * fetch_request_init_new:
 *
 * Creates an empty `RequestInit`: no member is present.
 *
 * Returns: (transfer full): a new [struct@Fetch.RequestInit]
 *
 * Since: 0.1
 */
FetchRequestInit *
fetch_request_init_new (void)
{
  FetchRequestInit *init = g_new0 (FetchRequestInit, 1);

  g_atomic_ref_count_init (&init->ref_count);
  return init;
}

/**
 * fetch_request_init_ref:
 * @init: a [struct@Fetch.RequestInit]
 *
 * Takes a reference on @init.
 *
 * Returns: (transfer full): @init
 *
 * Since: 0.1
 */
FetchRequestInit *
fetch_request_init_ref (FetchRequestInit *init)
{
  g_return_val_if_fail (init != NULL, NULL);

  g_atomic_ref_count_inc (&init->ref_count);
  return init;
}

/**
 * fetch_request_init_unref:
 * @init: (transfer full): a [struct@Fetch.RequestInit]
 *
 * Drops a reference on @init, freeing it when the last one goes.
 *
 * Since: 0.1
 */
void
fetch_request_init_unref (FetchRequestInit *init)
{
  g_return_if_fail (init != NULL);

  if (!g_atomic_ref_count_dec (&init->ref_count))
    return;

  g_free (init->method);
  g_clear_object (&init->headers);
  g_clear_pointer (&init->body, fetch_body_init_unref);
  g_free (init->referrer);
  g_free (init->integrity);
  g_clear_object (&init->signal);
  g_free (init);
}

/**
 * fetch_request_init_set_method:
 * @init: a [struct@Fetch.RequestInit]
 * @method: the request method, e.g. `"POST"`
 *
 * Sets the `method` member. The method is checked and normalized when a
 * [class@Fetch.Request] is constructed.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_method (FetchRequestInit *init,
                               const char       *method)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (method != NULL);

  g_free (init->method);
  init->method = g_strdup (method);
  init->present |= FETCH_REQUEST_INIT_METHOD;
}

/**
 * fetch_request_init_set_headers:
 * @init: a [struct@Fetch.RequestInit]
 * @headers: the headers (the `HeadersInit`)
 *
 * Sets the `headers` member. A pairs vector or a record becomes a
 * [class@Fetch.Headers] with [ctor@Fetch.Headers.new_from_pairs] or
 * [ctor@Fetch.Headers.new_from_record]. The request copies the entries of
 * @headers when it is constructed; later changes to @headers do not
 * affect it.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_headers (FetchRequestInit *init,
                                FetchHeaders     *headers)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (FETCH_IS_HEADERS (headers));

  g_set_object (&init->headers, headers);
  init->present |= FETCH_REQUEST_INIT_HEADERS;
}

/**
 * fetch_request_init_set_body:
 * @init: a [struct@Fetch.RequestInit]
 * @body: (nullable): the body, or %NULL for a null body
 *
 * Sets the `body` member. A `GET` or `HEAD` request cannot have a
 * non-null body. A stream body also needs
 * [method@Fetch.RequestInit.set_duplex].
 *
 * Since: 0.1
 */
void
fetch_request_init_set_body (FetchRequestInit *init,
                             FetchBodyInit    *body)
{
  g_return_if_fail (init != NULL);

  if (body != NULL)
    fetch_body_init_ref (body);
  g_clear_pointer (&init->body, fetch_body_init_unref);
  init->body = body;
  init->present |= FETCH_REQUEST_INIT_BODY;
}

/**
 * fetch_request_init_set_referrer:
 * @init: a [struct@Fetch.RequestInit]
 * @referrer: a same-origin URL, `"about:client"` or the empty string
 *
 * Sets the `referrer` member. The empty string means no referrer; a URL
 * that is not same-origin with the client, or `"about:client"`, means the
 * client's default.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_referrer (FetchRequestInit *init,
                                 const char       *referrer)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (referrer != NULL);

  g_free (init->referrer);
  init->referrer = g_strdup (referrer);
  init->present |= FETCH_REQUEST_INIT_REFERRER;
}

/**
 * fetch_request_init_set_referrer_policy:
 * @init: a [struct@Fetch.RequestInit]
 * @policy: a referrer policy
 *
 * Sets the `referrerPolicy` member.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_referrer_policy (FetchRequestInit    *init,
                                        FetchReferrerPolicy  policy)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (policy <= FETCH_REFERRER_POLICY_UNSAFE_URL);

  init->referrer_policy = policy;
  init->present |= FETCH_REQUEST_INIT_REFERRER_POLICY;
}

/**
 * fetch_request_init_set_mode:
 * @init: a [struct@Fetch.RequestInit]
 * @mode: a request mode
 *
 * Sets the `mode` member. %FETCH_REQUEST_MODE_NAVIGATE and
 * %FETCH_REQUEST_MODE_WEBSOCKET are rejected with a %FETCH_ERROR_TYPE when
 * the request is constructed.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_mode (FetchRequestInit *init,
                             FetchRequestMode  mode)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (mode <= FETCH_REQUEST_MODE_WEBSOCKET);

  init->mode = mode;
  init->present |= FETCH_REQUEST_INIT_MODE;
}

/**
 * fetch_request_init_set_credentials:
 * @init: a [struct@Fetch.RequestInit]
 * @credentials: a credentials mode
 *
 * Sets the `credentials` member.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_credentials (FetchRequestInit        *init,
                                    FetchRequestCredentials  credentials)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (credentials <= FETCH_REQUEST_CREDENTIALS_INCLUDE);

  init->credentials = credentials;
  init->present |= FETCH_REQUEST_INIT_CREDENTIALS;
}

/**
 * fetch_request_init_set_cache:
 * @init: a [struct@Fetch.RequestInit]
 * @cache: a cache mode
 *
 * Sets the `cache` member. %FETCH_REQUEST_CACHE_ONLY_IF_CACHED needs the
 * mode %FETCH_REQUEST_MODE_SAME_ORIGIN.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_cache (FetchRequestInit  *init,
                              FetchRequestCache  cache)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (cache <= FETCH_REQUEST_CACHE_ONLY_IF_CACHED);

  init->cache = cache;
  init->present |= FETCH_REQUEST_INIT_CACHE;
}

/**
 * fetch_request_init_set_redirect:
 * @init: a [struct@Fetch.RequestInit]
 * @redirect: a redirect mode
 *
 * Sets the `redirect` member.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_redirect (FetchRequestInit     *init,
                                 FetchRequestRedirect  redirect)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (redirect <= FETCH_REQUEST_REDIRECT_MANUAL);

  init->redirect = redirect;
  init->present |= FETCH_REQUEST_INIT_REDIRECT;
}

/**
 * fetch_request_init_set_integrity:
 * @init: a [struct@Fetch.RequestInit]
 * @integrity: subresource integrity metadata, e.g. `"sha256-…"`
 *
 * Sets the `integrity` member.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_integrity (FetchRequestInit *init,
                                  const char       *integrity)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (integrity != NULL);

  g_free (init->integrity);
  init->integrity = g_strdup (integrity);
  init->present |= FETCH_REQUEST_INIT_INTEGRITY;
}

/**
 * fetch_request_init_set_keepalive:
 * @init: a [struct@Fetch.RequestInit]
 * @keepalive: whether the request may outlive its client
 *
 * Sets the `keepalive` member. A keepalive request cannot have a stream
 * body.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_keepalive (FetchRequestInit *init,
                                  gboolean          keepalive)
{
  g_return_if_fail (init != NULL);

  init->keepalive = !!keepalive;
  init->present |= FETCH_REQUEST_INIT_KEEPALIVE;
}

/**
 * fetch_request_init_set_signal:
 * @init: a [struct@Fetch.RequestInit]
 * @signal: (nullable): the abort signal to follow, or %NULL for none
 *
 * Sets the `signal` member. The request's own signal (see
 * [method@Fetch.Request.get_signal]) is cancelled when @signal is. A
 * %NULL @signal stops the request from following the signal of the
 * request it is made from.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_signal (FetchRequestInit *init,
                               GCancellable     *signal)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (signal == NULL || G_IS_CANCELLABLE (signal));

  g_set_object (&init->signal, signal);
  init->present |= FETCH_REQUEST_INIT_SIGNAL;
}

/**
 * fetch_request_init_set_duplex:
 * @init: a [struct@Fetch.RequestInit]
 * @duplex: the duplex, %FETCH_REQUEST_DUPLEX_HALF
 *
 * Sets the `duplex` member, which a stream body requires.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_duplex (FetchRequestInit   *init,
                               FetchRequestDuplex  duplex)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (duplex == FETCH_REQUEST_DUPLEX_HALF);

  init->duplex = duplex;
  init->present |= FETCH_REQUEST_INIT_DUPLEX;
}

/**
 * fetch_request_init_set_priority:
 * @init: a [struct@Fetch.RequestInit]
 * @priority: a request priority
 *
 * Sets the `priority` member.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_priority (FetchRequestInit     *init,
                                 FetchRequestPriority  priority)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (priority <= FETCH_REQUEST_PRIORITY_LOW);

  init->priority = priority;
  init->present |= FETCH_REQUEST_INIT_PRIORITY;
}

/**
 * fetch_request_init_set_window_null:
 * @init: a [struct@Fetch.RequestInit]
 *
 * Sets the `window` member to null (the only value it can have), which
 * disassociates the request from any window.
 *
 * Since: 0.1
 */
void
fetch_request_init_set_window_null (FetchRequestInit *init)
{
  g_return_if_fail (init != NULL);

  init->present |= FETCH_REQUEST_INIT_WINDOW;
}
