/* fetch-response.c: the response concept and filtered responses (§2.2.6),
 * statuses (§2.2.3), the Response class (§5.5) and its Body mixin (§5.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <math.h>

#include "fetch-response-private.h"
#include "fetch-body-private.h"
#include "fetch-client-private.h"
#include "fetch-enum-types.h"
#include "fetch-error-private.h"
#include "fetch-headers-private.h"
#include "fetch-url-private.h"

/**
 * FetchResponse:
 *
 * A response (the `Response` class of §5.5): a status, a status message,
 * headers and a body.
 *
 * Responses come from [method@Fetch.Client.fetch_async], or are built
 * with [ctor@Fetch.Response.new], [ctor@Fetch.Response.error],
 * [ctor@Fetch.Response.redirect] and [ctor@Fetch.Response.new_json].
 * A fetched response is a filtered view (its
 * [property@Fetch.Response:response-type] says which) and its headers
 * cannot be changed.
 *
 * The body is read once, either as a stream
 * ([method@Fetch.Response.get_body]) or with one of the consumers
 * ([method@Fetch.Response.text_async] and friends); use
 * [method@Fetch.Response.clone] to read it twice.
 *
 * Since: 0.1
 */

/* ---------------------------------------------------------------- */
/* ResponseInit (§5.5)                                                */
/* ---------------------------------------------------------------- */

struct _FetchResponseInit {
  grefcount     ref_count;
  guint         status;         /* 200 unless set */
  char         *status_text;    /* "" unless set; never NULL */
  FetchHeaders *headers;        /* NULL: the member is absent */
};

G_DEFINE_BOXED_TYPE (FetchResponseInit, fetch_response_init,
                     fetch_response_init_ref, fetch_response_init_unref)

/**
 * fetch_response_init_new:
 *
 * Creates a `ResponseInit` with the defaults of §5.5: status 200, an
 * empty status text and no headers.
 *
 * Returns: (transfer full): a new #FetchResponseInit
 *
 * Since: 0.1
 */
FetchResponseInit *
fetch_response_init_new (void)
{
  FetchResponseInit *init = g_new0 (FetchResponseInit, 1);

  g_ref_count_init (&init->ref_count);
  init->status = 200;
  init->status_text = g_strdup ("");
  return init;
}

/**
 * fetch_response_init_ref:
 * @init: a #FetchResponseInit
 *
 * Takes a reference on @init.
 *
 * Returns: (transfer full): @init
 *
 * Since: 0.1
 */
FetchResponseInit *
fetch_response_init_ref (FetchResponseInit *init)
{
  g_return_val_if_fail (init != NULL, NULL);

  g_ref_count_inc (&init->ref_count);
  return init;
}

/**
 * fetch_response_init_unref:
 * @init: (transfer full): a #FetchResponseInit
 *
 * Drops a reference on @init, freeing it when the last one goes.
 *
 * Since: 0.1
 */
void
fetch_response_init_unref (FetchResponseInit *init)
{
  g_return_if_fail (init != NULL);

  if (!g_ref_count_dec (&init->ref_count))
    return;
  g_free (init->status_text);
  g_clear_object (&init->headers);
  g_free (init);
}

/**
 * fetch_response_init_set_status:
 * @init: a #FetchResponseInit
 * @status: the status (`status`); the constructors accept 200 to 599
 *
 * Sets the status of the response to build. It is checked when the
 * response is made, not here.
 *
 * Since: 0.1
 */
void
fetch_response_init_set_status (FetchResponseInit *init,
                                guint              status)
{
  g_return_if_fail (init != NULL);

  init->status = status;
}

/**
 * fetch_response_init_set_status_text:
 * @init: a #FetchResponseInit
 * @status_text: (nullable): the status text (`statusText`), or %NULL for
 *   the default ""
 *
 * Sets the status message of the response to build. It must match the
 * HTTP reason-phrase production (tabs, spaces, visible ASCII and
 * U+0080 to U+00FF); that is checked when the response is made.
 *
 * Since: 0.1
 */
void
fetch_response_init_set_status_text (FetchResponseInit *init,
                                     const char        *status_text)
{
  g_return_if_fail (init != NULL);

  g_free (init->status_text);
  init->status_text = g_strdup (status_text != NULL ? status_text : "");
}

/**
 * fetch_response_init_set_headers:
 * @init: a #FetchResponseInit
 * @headers: (nullable): the headers (`headers`), or %NULL to unset them
 *
 * Sets the headers of the response to build. They are copied when the
 * response is made, so later changes to @headers do not affect it;
 * names the response guard forbids (`Set-Cookie`, `Set-Cookie2`) are
 * dropped.
 *
 * Since: 0.1
 */
void
fetch_response_init_set_headers (FetchResponseInit *init,
                                 FetchHeaders      *headers)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (headers == NULL || FETCH_IS_HEADERS (headers));

  g_set_object (&init->headers, headers);
}

/* ---------------------------------------------------------------- */
/* Statuses (§2.2.3)                                                  */
/* ---------------------------------------------------------------- */

/* §2.2.3 null body status: 101, 103, 204, 205 or 304. */
gboolean
fetch_status_is_null_body (guint status)
{
  return status == 101 || status == 103 || status == 204 ||
         status == 205 || status == 304;
}

/* §2.2.3 ok status: 200 to 299, inclusive. */
gboolean
fetch_status_is_ok (guint status)
{
  return status >= 200 && status <= 299;
}

/* §2.2.3 redirect status: 301, 302, 303, 307 or 308. */
gboolean
fetch_status_is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 ||
         status == 307 || status == 308;
}

/* ---------------------------------------------------------------- */
/* The GObject                                                        */
/* ---------------------------------------------------------------- */

enum {
  PROP_0,
  PROP_RESPONSE_TYPE,
  PROP_URL,
  PROP_REDIRECTED,
  PROP_STATUS,
  PROP_OK,
  PROP_STATUS_TEXT,
  PROP_HEADERS,
  PROP_BODY,
  PROP_BODY_USED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FetchResponse, fetch_response, G_TYPE_OBJECT)

/* §2.2.6 a new response: every member has its "unless stated otherwise"
 * value. Done in init so that g_object_new() (and so bindings) also give
 * the response of `new Response()`. */
static void
fetch_response_init (FetchResponse *self)
{
  self->type = FETCH_RESPONSE_TYPE_DEFAULT;
  self->url_list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_uri_unref);
  self->status = 200;
  self->status_message = g_strdup ("");
  self->header_list = fetch_header_list_new ();
  /* §5.5 constructor step 2: the Headers object's guard is "response". */
  fetch_header_list_set_guard (self->header_list, FETCH_HEADERS_GUARD_RESPONSE);
  self->cache_state = FETCH_CACHE_STATE_NONE;
  self->cors_exposed_header_names = g_ptr_array_new_with_free_func (g_free);
  self->request_includes_credentials = TRUE;
}

static void
fetch_response_finalize (GObject *object)
{
  FetchResponse *self = FETCH_RESPONSE (object);

  g_clear_pointer (&self->url_list, g_ptr_array_unref);
  g_clear_pointer (&self->status_message, g_free);
  g_clear_object (&self->headers);
  g_clear_pointer (&self->header_list, fetch_header_list_unref);
  g_clear_pointer (&self->body, fetch_body_free);
  g_clear_pointer (&self->cors_exposed_header_names, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->internal_response);

  G_OBJECT_CLASS (fetch_response_parent_class)->finalize (object);
}

static void
fetch_response_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FetchResponse *self = FETCH_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_RESPONSE_TYPE:
      g_value_set_enum (value, fetch_response_get_response_type (self));
      break;
    case PROP_URL:
      g_value_take_string (value, fetch_response_get_url (self));
      break;
    case PROP_REDIRECTED:
      g_value_set_boolean (value, fetch_response_get_redirected (self));
      break;
    case PROP_STATUS:
      g_value_set_uint (value, fetch_response_get_status (self));
      break;
    case PROP_OK:
      g_value_set_boolean (value, fetch_response_get_ok (self));
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, fetch_response_get_status_text (self));
      break;
    case PROP_HEADERS:
      g_value_set_object (value, fetch_response_get_headers (self));
      break;
    case PROP_BODY:
      g_value_set_object (value, fetch_response_get_body (self));
      break;
    case PROP_BODY_USED:
      g_value_set_boolean (value, fetch_response_get_body_used (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fetch_response_class_init (FetchResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fetch_response_finalize;
  object_class->get_property = fetch_response_get_property;

  /**
   * FetchResponse:response-type:
   *
   * The response's type (`type`): [enum@Fetch.ResponseType.DEFAULT] for
   * a constructed response, [enum@Fetch.ResponseType.ERROR] for a network
   * error, else the filter a fetched response went through.
   *
   * Since: 0.1
   */
  properties[PROP_RESPONSE_TYPE] =
    g_param_spec_enum ("response-type", NULL, NULL,
                       FETCH_TYPE_RESPONSE_TYPE, FETCH_RESPONSE_TYPE_DEFAULT,
                       flags);

  /**
   * FetchResponse:url:
   *
   * The response's URL (`url`) without its fragment, or "" when it has
   * none (constructed responses, opaque responses).
   *
   * Since: 0.1
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, "", flags);

  /**
   * FetchResponse:redirected:
   *
   * Whether the response was obtained through one or more redirects
   * (`redirected`).
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECTED] =
    g_param_spec_boolean ("redirected", NULL, NULL, FALSE, flags);

  /**
   * FetchResponse:status:
   *
   * The HTTP status (`status`); 0 for network errors and opaque
   * responses.
   *
   * Since: 0.1
   */
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, 999, 200, flags);

  /**
   * FetchResponse:ok:
   *
   * Whether the status is in the range 200 to 299 (`ok`).
   *
   * Since: 0.1
   */
  properties[PROP_OK] =
    g_param_spec_boolean ("ok", NULL, NULL, TRUE, flags);

  /**
   * FetchResponse:status-text:
   *
   * The status message (`statusText`), "" when there is none (always so
   * over HTTP/2).
   *
   * Since: 0.1
   */
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, "", flags);

  /**
   * FetchResponse:headers:
   *
   * The response's headers (`headers`): always the same object.
   *
   * Since: 0.1
   */
  properties[PROP_HEADERS] =
    g_param_spec_object ("headers", NULL, NULL, FETCH_TYPE_HEADERS, flags);

  /**
   * FetchResponse:body:
   *
   * The body as a stream (`body`), or %NULL when the response has no
   * body.
   *
   * Since: 0.1
   */
  properties[PROP_BODY] =
    g_param_spec_object ("body", NULL, NULL, G_TYPE_INPUT_STREAM, flags);

  /**
   * FetchResponse:body-used:
   *
   * Whether the body has been read from (`bodyUsed`). Notified when a
   * consumer such as [method@Fetch.Response.text_async] starts reading;
   * reading [property@Fetch.Response:body] directly does not notify.
   *
   * Since: 0.1
   */
  properties[PROP_BODY_USED] =
    g_param_spec_boolean ("body-used", NULL, NULL, FALSE,
                          flags | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* ---------------------------------------------------------------- */
/* Responses, network errors and filtered responses (§2.2.6)         */
/* ---------------------------------------------------------------- */

FetchResponse *
fetch_response_new_internal (void)
{
  return g_object_new (FETCH_TYPE_RESPONSE, NULL);
}

/* §2.2.6 network error: type "error", status 0, empty status message,
 * empty header list, null body. Its Headers are "immutable" (§5.5
 * error() and §5.6 both create the Response object that way). */
FetchResponse *
fetch_response_new_network_error (GError *error)
{
  FetchResponse *response = fetch_response_new_internal ();

  response->type = FETCH_RESPONSE_TYPE_ERROR;
  response->status = 0;
  fetch_header_list_set_guard (response->header_list, FETCH_HEADERS_GUARD_IMMUTABLE);
  response->error = error;
  return response;
}

/* §2.2.6 aborted network error: a network error whose aborted flag is set. */
FetchResponse *
fetch_response_new_aborted_network_error (GError *error)
{
  FetchResponse *response = fetch_response_new_network_error (error);

  response->aborted = TRUE;
  return response;
}

gboolean
fetch_response_is_network_error (FetchResponse *response)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), FALSE);

  return response->type == FETCH_RESPONSE_TYPE_ERROR;
}

FetchResponse *
fetch_response_get_internal (FetchResponse *response)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);

  return response->internal_response != NULL ? response->internal_response
                                             : response;
}

/* The URL list of response. "Unless stated otherwise a filtered response's
 * associated concepts refer to [those] of its internal response": main
 * fetch (§4.1 step 16) still sets the internal response's URL list after
 * filtering, so only an opaque filtered response has a list of its own. */
static GPtrArray *
response_url_list (FetchResponse *response)
{
  if (response->internal_response != NULL &&
      response->type != FETCH_RESPONSE_TYPE_OPAQUE)
    return response->internal_response->url_list;
  return response->url_list;
}

GUri *
fetch_response_get_url_internal (FetchResponse *response)
{
  GPtrArray *url_list;

  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);

  /* §2.2.6: a response's URL is the last URL in its URL list, or null. */
  url_list = response_url_list (response);
  if (url_list->len == 0)
    return NULL;
  return g_ptr_array_index (url_list, url_list->len - 1);
}

FetchBody *
fetch_response_get_body_internal (FetchResponse *response)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);

  /* The body of a basic or CORS filtered response is its internal
   * response's: main fetch (§4.1 step 21) may null it after filtering.
   * Opaque and opaque-redirect filtered responses have a null body. */
  if (response->type == FETCH_RESPONSE_TYPE_BASIC ||
      response->type == FETCH_RESPONSE_TYPE_CORS)
    {
      if (response->internal_response != NULL)
        return response->internal_response->body;
    }
  return response->body;
}

/* The part every filtered response shares: it refers to internal for
 * everything the filter does not redefine. Its Headers are "immutable":
 * §5.6 creates the Response object of a fetched response that way. */
static FetchResponse *
filtered_response_new (FetchResponse     *internal,
                       FetchResponseType  type)
{
  FetchResponse *filtered = fetch_response_new_internal ();

  /* §2.2.6: the internal response is neither a network error nor a
   * filtered response. */
  g_return_val_if_fail (internal->internal_response == NULL, filtered);
  g_return_val_if_fail (internal->type != FETCH_RESPONSE_TYPE_ERROR, filtered);

  filtered->type = type;
  filtered->internal_response = g_object_ref (internal);
  filtered->status = internal->status;
  g_free (filtered->status_message);
  filtered->status_message = g_strdup (internal->status_message);
  g_ptr_array_unref (filtered->url_list);
  filtered->url_list = g_ptr_array_ref (internal->url_list);
  filtered->cache_state = internal->cache_state;
  filtered->range_requested = internal->range_requested;
  filtered->request_includes_credentials = internal->request_includes_credentials;
  filtered->timing_allow_passed = internal->timing_allow_passed;
  filtered->has_cross_origin_redirects = internal->has_cross_origin_redirects;
  return filtered;
}

/* A filtered response's header list: the headers of internal that keep()
 * keeps, in order. Usually it keeps them all (responses rarely carry
 * `Set-Cookie`), and then the list shares internal's entries rather
 * than copying them (fetch_header_list_assign()). */
static void
filtered_headers_copy (FetchHeaderList *filtered,
                       FetchHeaderList *internal,
                       gboolean     (  *keep) (const char *name,
                       gpointer         data),
                       gpointer         data)
{
  guint n = fetch_header_list_get_length (internal);
  guint i;

  for (i = 0; i < n; i++)
    {
      const char *name;

      fetch_header_list_nth (internal, i, &name, NULL);
      if (!keep (name, data))
        break;
    }
  if (i == n)
    {
      fetch_header_list_assign (filtered, internal);
      return;
    }

  for (i = 0; i < n; i++)
    {
      const char *name, *value;

      fetch_header_list_nth (internal, i, &name, &value);
      if (keep (name, data))
        fetch_header_list_append (filtered, name, value);
    }
}

static gboolean
basic_keeps_header (const char *name,
                    gpointer    data)
{
  return !fetch_is_forbidden_response_header_name (name);
}

static gboolean
cors_keeps_header (const char *name,
                   gpointer    data)
{
  return fetch_is_cors_safelisted_response_header_name (name, data);
}

/* §2.2.6 basic filtered response: type "basic"; the header list excludes
 * headers whose name is a forbidden response-header name. */
FetchResponse *
fetch_response_new_basic_filtered (FetchResponse *internal)
{
  FetchResponse *filtered;

  g_return_val_if_fail (FETCH_IS_RESPONSE (internal), NULL);

  filtered = filtered_response_new (internal, FETCH_RESPONSE_TYPE_BASIC);
  filtered_headers_copy (filtered->header_list, internal->header_list, basic_keeps_header, NULL);
  fetch_header_list_set_guard (filtered->header_list, FETCH_HEADERS_GUARD_IMMUTABLE);
  return filtered;
}

/* §2.2.6 basic filtered response, as main fetch makes it (§4.1 step 14).
 * NOTE(spec): when the filter keeps every header (no `Set-Cookie`, the
 * usual case), the basic filtered response differs from its internal
 * response in its type only, and main fetch never exposes the internal
 * response: internal itself, typed "basic", then stands for both (one
 * response object and one header list fewer per fetch). Its URL list,
 * body and flags, which main fetch sets on the internal response after
 * filtering, are then its own, as they would be through the filter. */
FetchResponse *
fetch_response_new_basic_filtered_for_fetch (FetchResponse *internal)
{
  guint n;

  g_return_val_if_fail (FETCH_IS_RESPONSE (internal), NULL);
  g_return_val_if_fail (internal->internal_response == NULL, NULL);
  g_return_val_if_fail (internal->type == FETCH_RESPONSE_TYPE_DEFAULT, NULL);

  n = fetch_header_list_get_length (internal->header_list);
  for (guint i = 0; i < n; i++)
    {
      const char *name;

      fetch_header_list_nth (internal->header_list, i, &name, NULL);
      if (!basic_keeps_header (name, NULL))
        return fetch_response_new_basic_filtered (internal);
    }
  internal->type = FETCH_RESPONSE_TYPE_BASIC;
  fetch_header_list_set_guard (internal->header_list, FETCH_HEADERS_GUARD_IMMUTABLE);
  return g_object_ref (internal);
}

/* §2.2.6 CORS filtered response: type "cors"; the header list excludes
 * headers whose name is not a CORS-safelisted response-header name, given
 * the internal response's CORS-exposed header-name list. */
FetchResponse *
fetch_response_new_cors_filtered (FetchResponse *internal)
{
  FetchResponse *filtered;
  GPtrArray *exposed_list = internal->cors_exposed_header_names;
  g_autofree const char **exposed = NULL;

  g_return_val_if_fail (FETCH_IS_RESPONSE (internal), NULL);

  /* fetch_is_cors_safelisted_response_header_name() takes a
   * NULL-terminated vector; the list is not one. */
  exposed = g_new (const char *, exposed_list->len + 1);
  for (guint i = 0; i < exposed_list->len; i++)
    exposed[i] = g_ptr_array_index (exposed_list, i);
  exposed[exposed_list->len] = NULL;

  filtered = filtered_response_new (internal, FETCH_RESPONSE_TYPE_CORS);
  filtered_headers_copy (filtered->header_list, internal->header_list, cors_keeps_header, exposed);
  fetch_header_list_set_guard (filtered->header_list, FETCH_HEADERS_GUARD_IMMUTABLE);
  return filtered;
}

/* §2.2.6 opaque filtered response: type "opaque", URL list « », status 0,
 * empty status message, header list « », null body. */
FetchResponse *
fetch_response_new_opaque_filtered (FetchResponse *internal)
{
  FetchResponse *filtered;

  g_return_val_if_fail (FETCH_IS_RESPONSE (internal), NULL);

  filtered = filtered_response_new (internal, FETCH_RESPONSE_TYPE_OPAQUE);
  g_ptr_array_unref (filtered->url_list);
  filtered->url_list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_uri_unref);
  filtered->status = 0;
  g_free (filtered->status_message);
  filtered->status_message = g_strdup ("");
  fetch_header_list_set_guard (filtered->header_list, FETCH_HEADERS_GUARD_IMMUTABLE);
  return filtered;
}

/* §2.2.6 opaque-redirect filtered response: type "opaqueredirect",
 * status 0, empty status message, header list « », null body; the URL
 * list is the internal response's ("exposing [it] is harmless since no
 * redirects are followed"). */
FetchResponse *
fetch_response_new_opaque_redirect_filtered (FetchResponse *internal)
{
  FetchResponse *filtered;

  g_return_val_if_fail (FETCH_IS_RESPONSE (internal), NULL);

  filtered = filtered_response_new (internal, FETCH_RESPONSE_TYPE_OPAQUEREDIRECT);
  filtered->status = 0;
  g_free (filtered->status_message);
  filtered->status_message = g_strdup ("");
  fetch_header_list_set_guard (filtered->header_list, FETCH_HEADERS_GUARD_IMMUTABLE);
  return filtered;
}

/* §2.2.2 extract header list values for `Location`, whose ABNF
 * (URI-reference, RFC 9110 §10.2.2) allows a single header. Returns the
 * value (borrowed), NULL for null; *failure for failure. */
static const char *
extract_location_value (FetchHeaderList *list,
                        gboolean        *failure)
{
  const char *location = NULL;
  guint n = fetch_header_list_get_length (list);

  for (guint i = 0; i < n; i++)
    {
      const char *name, *value;

      fetch_header_list_nth (list, i, &name, &value);
      if (g_ascii_strcasecmp (name, "Location") != 0)
        continue;
      /* Step 2: the ABNF allows a single header and the list contains
       * more than one: failure.
       * NOTE(spec): Chromium tolerates duplicates with identical values;
       * we follow the standard (and Firefox) and fail on any duplicate. */
      if (location != NULL)
        {
          *failure = TRUE;
          return NULL;
        }
      location = value;
    }
  /* Step 1: the list does not contain `Location`: null. Steps 3-5: the
   * one value, whole: a URI-reference may contain commas, so it is not
   * split; it is parsed as a URL by the caller. */
  return location;
}

/* §2.2.6 location URL of response given requestFragment. */
GUri *
fetch_response_get_location_url (FetchResponse *response,
                                 const char    *request_fragment,
                                 gboolean      *failure)
{
  gboolean dummy;
  const char *location;
  g_autoptr(GUri) url = NULL;

  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);

  if (failure == NULL)
    failure = &dummy;
  *failure = FALSE;

  /* Step 1: not a redirect status: null. */
  if (!fetch_status_is_redirect (response->status))
    return NULL;

  /* Step 2: extract header list values given `Location`. */
  location = extract_location_value (response->header_list, failure);
  if (location == NULL)
    return NULL;

  /* Step 3: parse location with response's URL (null for a constructed
   * response, so only an absolute URL parses then).
   * NOTE(spec): header values are bytes; like browsers we read a
   * non-ASCII Location as UTF-8 (the URL parser percent-encodes it). */
  url = fetch_url_parse (location, fetch_response_get_url_internal (response));
  if (url == NULL)
    {
      *failure = TRUE;
      return NULL;
    }

  /* Step 4: a location without fragment gets requestFragment. */
  if (g_uri_get_fragment (url) == NULL && request_fragment != NULL)
    {
      GUri *with_fragment = fetch_url_with_fragment (url, request_fragment);

      g_uri_unref (url);
      url = with_fragment;
    }

  /* Step 5 */
  return g_steal_pointer (&url);
}

/* ---------------------------------------------------------------- */
/* Cloning (§2.2.6, §5.5)                                             */
/* ---------------------------------------------------------------- */

static GPtrArray *
url_list_copy (GPtrArray *list)
{
  GPtrArray *copy = g_ptr_array_new_full (list->len, (GDestroyNotify) g_uri_unref);

  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (copy, g_uri_ref (g_ptr_array_index (list, i)));
  return copy;
}

/* §2.2.6 clone a response. The copy's Headers keep the original's guard,
 * which is §5.5 clone() step 3's "this's headers's guard". */
static FetchResponse *
fetch_response_clone_response (FetchResponse *response)
{
  FetchResponse *clone;

  /* Step 1: a filtered response: a new identical filtered response over
   * a clone of the internal response. Re-filtering the clone yields the
   * same header list, as the internal headers are not exposed. */
  if (response->internal_response != NULL)
    {
      g_autoptr(FetchResponse) internal =
        fetch_response_clone_response (response->internal_response);

      switch (response->type)
        {
        case FETCH_RESPONSE_TYPE_BASIC:
          return fetch_response_new_basic_filtered (internal);
        case FETCH_RESPONSE_TYPE_CORS:
          return fetch_response_new_cors_filtered (internal);
        case FETCH_RESPONSE_TYPE_OPAQUE:
          return fetch_response_new_opaque_filtered (internal);
        case FETCH_RESPONSE_TYPE_OPAQUEREDIRECT:
          return fetch_response_new_opaque_redirect_filtered (internal);
        case FETCH_RESPONSE_TYPE_DEFAULT:
        case FETCH_RESPONSE_TYPE_ERROR:
        default:
          g_assert_not_reached ();
        }
    }

  /* Step 2: a copy of response, except for its body. */
  clone = fetch_response_new_internal ();
  clone->type = response->type;
  clone->aborted = response->aborted;
  g_ptr_array_unref (clone->url_list);
  clone->url_list = url_list_copy (response->url_list);
  clone->status = response->status;
  g_free (clone->status_message);
  clone->status_message = g_strdup (response->status_message);
  fetch_header_list_unref (clone->header_list);
  clone->header_list = fetch_header_list_copy (response->header_list);
  fetch_header_list_set_guard (clone->header_list,
                               fetch_header_list_get_guard (response->header_list));
  clone->cache_state = response->cache_state;
  for (guint i = 0; i < response->cors_exposed_header_names->len; i++)
    g_ptr_array_add (clone->cors_exposed_header_names,
                     g_strdup (g_ptr_array_index (response->cors_exposed_header_names, i)));
  clone->range_requested = response->range_requested;
  clone->request_includes_credentials = response->request_includes_credentials;
  clone->timing_allow_passed = response->timing_allow_passed;
  clone->has_cross_origin_redirects = response->has_cross_origin_redirects;
  if (response->error != NULL)
    clone->error = g_error_copy (response->error);

  /* Step 3: a non-null body is cloned (both read every byte). */
  if (response->body != NULL)
    clone->body = fetch_body_clone (response->body);

  /* Step 4 */
  return clone;
}

/**
 * fetch_response_clone:
 * @response: a #FetchResponse
 * @error: return location for a #GError
 *
 * Clones @response (`clone()`, §5.5): the clone has the same type,
 * status, headers and body, and each can read the whole body
 * independently. Fails with [error@Fetch.Error.TYPE] when the body has
 * already been read from or is being read.
 *
 * Returns: (transfer full): the clone, or %NULL on error
 *
 * Since: 0.1
 */
FetchResponse *
fetch_response_clone (FetchResponse  *response,
                      GError        **error)
{
  FetchBody *body;

  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Step 1: this is unusable: TypeError. */
  body = fetch_response_get_body_internal (response);
  if (body != NULL && fetch_body_is_unusable (body))
    {
      fetch_throw_type_error (error, _("Cannot clone a response whose body has already been used"));
      return NULL;
    }

  /* Steps 2-3: clone this's response; the Response object's guard is
   * this's headers's guard, which the clone carries. */
  return fetch_response_clone_response (response);
}

/* ---------------------------------------------------------------- */
/* The Response class (§5.5)                                          */
/* ---------------------------------------------------------------- */

/* RFC 9112 §4: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ), which
 * §5.5 also matches against the empty string (the default statusText).
 *
 * NOTE(spec): statusText is a ByteString: a JS string with a code point
 * above U+00FF is a TypeError, and each code point is one byte. Our API
 * speaks UTF-8, so the code points of the UTF-8 text are checked the way
 * a browser checks the JS string's; status_message keeps the UTF-8 form
 * (the isomorphic decoding of the byte sequence). */
static gboolean
is_reason_phrase (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t' || c == ' ' ||
          (c >= 0x21 && c <= 0x7E) ||    /* VCHAR */
          (c >= 0x80 && c <= 0xFF))      /* obs-text */
        continue;
      return FALSE;
    }
  return TRUE;
}

/* §5.5 initialize a response, steps 1-2 and 6.1: the checks, made before
 * anything changes so that a failure leaves the response and the body
 * init as they were.
 *
 * NOTE(spec): the standard extracts the body (constructor step 4) before
 * these checks; we check first so that a bad init does not use up a
 * one-shot stream. The error is a TypeError either way. */
static gboolean
check_response_init (FetchResponseInit  *init,
                     gboolean            has_body,
                     GError            **error)
{
  /* Step 1: status not in 200..599: RangeError.
   * NOTE(spec): GError has no RangeError; it is FETCH_ERROR_TYPE, as
   * every invalid-argument error of this API. */
  if (init->status < 200 || init->status > 599)
    return fetch_throw_type_error (error, _("Status %u is not in the range 200 to 599"),
                                   init->status);

  /* Step 2: statusText must match reason-phrase. */
  if (!is_reason_phrase (init->status_text))
    return fetch_throw_type_error (error, _("Status text “%s” is not a valid HTTP reason phrase"),
                                   init->status_text);

  /* Step 6.1: a body with a null body status. */
  if (has_body && fetch_status_is_null_body (init->status))
    return fetch_throw_type_error (error, _("A response with status %u cannot have a body"),
                                   init->status);
  return TRUE;
}

/* §5.5 initialize a response given response, init and body (may be
 * NULL) with type body_type (may be NULL). Takes body. The caller has
 * run check_response_init() (steps 1-2 and 6.1). */
static gboolean
initialize_response (FetchResponse      *response,
                     FetchResponseInit  *init,
                     FetchBody          *body,
                     const char         *body_type,
                     GError            **error)
{
  g_autoptr(FetchBody) owned_body = body;

  /* Step 5: fill response's headers with init["headers"]. */
  if (init->headers != NULL &&
      !fetch_headers_fill_from_headers (response->header_list, fetch_headers_get_list (init->headers), error))
    return FALSE;

  /* Steps 3-4 */
  response->status = init->status;
  g_free (response->status_message);
  response->status_message = g_strdup (init->status_text);

  /* Step 6 */
  if (body != NULL)
    {
      /* Step 6.2 */
      g_clear_pointer (&response->body, fetch_body_free);
      response->body = g_steal_pointer (&owned_body);
      /* Step 6.3: append Content-Type unless the list has one. */
      if (body_type != NULL &&
          !fetch_header_list_contains (response->header_list, "Content-Type"))
        fetch_header_list_append (response->header_list, "Content-Type", body_type);
    }
  return TRUE;
}

/**
 * fetch_response_new:
 * @body: (nullable): the body, or %NULL for none
 * @init: (nullable): the status, status text and headers, or %NULL for
 *   the defaults (200, "", no headers)
 * @error: return location for a #GError
 *
 * Creates a response (`new Response(body, init)`, §5.5). When @body
 * gives a MIME type (a string, form data, URL-encoded pairs, a blob) and
 * @init has no `Content-Type` header, one is added.
 *
 * Fails with [error@Fetch.Error.TYPE] when the status is not in the
 * range 200 to 599 (JavaScript throws a `RangeError` there), when the
 * status text is not a valid reason phrase, when a body is given with a
 * status that cannot have one (101, 103, 204, 205, 304) or when @body is
 * a stream that was already used.
 *
 * Returns: (transfer full): a new #FetchResponse, or %NULL on error
 *
 * Since: 0.1
 */
FetchResponse *
fetch_response_new (FetchBodyInit      *body,
                    FetchResponseInit  *init,
                    GError            **error)
{
  g_autoptr(FetchResponseInit) default_init = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *body_type = NULL;
  FetchBody *body_with_type = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (init == NULL)
    init = default_init = fetch_response_init_new ();

  /* Steps 1-2: a new response, Headers with guard "response"
   * (fetch_response_init()). */
  response = fetch_response_new_internal ();

  if (!check_response_init (init, body != NULL, error))
    return NULL;

  /* Steps 3-4: extract body. */
  if (body != NULL)
    {
      body_with_type = fetch_body_extract (body, FALSE, &body_type, error);
      if (body_with_type == NULL)
        return NULL;
    }

  /* Step 5 */
  if (!initialize_response (response, init, body_with_type, body_type, error))
    return NULL;
  return g_steal_pointer (&response);
}

/**
 * fetch_response_error: (constructor)
 *
 * Creates a network error response (`Response.error()`, §5.5): its type
 * is [enum@Fetch.ResponseType.ERROR], its status 0, it has no body and
 * its headers are empty and cannot be changed.
 *
 * Returns: (transfer full): a new #FetchResponse
 *
 * Since: 0.1
 */
FetchResponse *
fetch_response_error (void)
{
  /* A new network error, "immutable" (fetch_response_new_network_error). */
  return fetch_response_new_network_error (NULL);
}

/**
 * fetch_response_redirect: (constructor)
 * @url: the URL to redirect to, resolved against the base URL of the
 *   default [class@Fetch.Client]
 * @status: a redirect status: 301, 302, 303, 307 or 308 (JavaScript's
 *   default is 302)
 * @error: return location for a #GError
 *
 * Creates a redirect response (`Response.redirect(url, status)`, §5.5)
 * whose `Location` header is @url, parsed and serialized. Its headers
 * cannot be changed.
 *
 * Fails with [error@Fetch.Error.TYPE] when @url does not parse (a
 * relative URL without a base URL, for instance) or when @status is not a
 * redirect status (JavaScript throws a `RangeError` there).
 *
 * Returns: (transfer full): a new #FetchResponse, or %NULL on error
 *
 * Since: 0.1
 */
FetchResponse *
fetch_response_redirect (const char  *url,
                         guint        status,
                         GError     **error)
{
  g_autoptr(GUri) parsed_url = NULL;
  g_autoptr(GUri) base_url = NULL;
  g_autofree char *value = NULL;
  FetchResponse *response;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Step 1: parse url with the current settings object's API base URL. */
  base_url = fetch_client_dup_base_uri (fetch_client_get_default ());
  parsed_url = fetch_url_parse (url, base_url);

  /* Step 2 */
  if (parsed_url == NULL)
    {
      fetch_throw_type_error (error, _("“%s” is not a valid URL"), url);
      return NULL;
    }

  /* Step 3: not a redirect status: RangeError (FETCH_ERROR_TYPE here). */
  if (!fetch_status_is_redirect (status))
    {
      fetch_throw_type_error (error, _("Status %u is not a redirect status"), status);
      return NULL;
    }

  /* Step 4: a new response, "immutable". */
  response = fetch_response_new_internal ();
  fetch_header_list_set_guard (response->header_list, FETCH_HEADERS_GUARD_IMMUTABLE);

  /* Step 5 */
  response->status = status;

  /* Steps 6-7: append (`Location`, parsedURL serialized) to the header
   * list, past the guard. The serialization is ASCII, so isomorphic
   * encoding changes nothing. */
  value = fetch_url_serialize (parsed_url, FALSE);
  fetch_header_list_append (response->header_list, "Location", value);

  /* Step 8 */
  return response;
}

/* JSON.stringify writes NaN and ±Infinity as null; json-glib writes
 * "nan.0", which is not JSON. */
static gboolean
json_node_has_non_finite (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          if (json_node_has_non_finite (member))
            return TRUE;
        return FALSE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (json_node_has_non_finite (json_array_get_element (array, i)))
            return TRUE;
        return FALSE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) == G_TYPE_DOUBLE &&
             !isfinite (json_node_get_double (node));
    case JSON_NODE_NULL:
    default:
      return FALSE;
    }
}

/* A deep copy of node with non-finite numbers replaced by null. */
static JsonNode *
json_node_copy_finite (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *copy = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (copy, name, json_node_copy_finite (member));
      JsonNode *result = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (result, copy);
      return result;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, json_node_copy_finite (json_array_get_element (array, i)));
      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      json_node_take_array (result, copy);
      return result;
    }
  if (json_node_has_non_finite (node))
    return json_node_init_null (json_node_alloc ());
  return json_node_copy (node);
}

/* Serialize a JavaScript value to JSON bytes (Infra §8.1), for a JsonNode.
 *
 * NOTE(spec): json-glib writes numbers its own way (1.0 as "1.0", 0.1 as
 * "0.10000000000000001"); the text is valid JSON and parses back to the
 * same values, but is not byte for byte what JSON.stringify writes. */
static GBytes *
serialize_json_to_bytes (JsonNode  *data,
                         GError   **error)
{
  g_autoptr(JsonNode) finite = NULL;
  char *text;

  /* A NULL node is JavaScript's undefined, which JSON.stringify cannot
   * serialize: TypeError. */
  if (data == NULL)
    {
      fetch_throw_type_error (error, _("There is no value to serialize as JSON"));
      return NULL;
    }

  if (json_node_has_non_finite (data))
    data = finite = json_node_copy_finite (data);

  text = json_to_string (data, FALSE);
  if (text == NULL)
    {
      fetch_throw_type_error (error, _("The value cannot be serialized as JSON"));
      return NULL;
    }
  return g_bytes_new_take (text, strlen (text));
}

/**
 * fetch_response_new_json:
 * @data: (nullable): the value to send as JSON; %NULL (JavaScript's
 *   `undefined`) is an error, use a null #JsonNode for JSON `null`
 * @init: (nullable): the status, status text and headers, or %NULL for
 *   the defaults
 * @error: return location for a #GError
 *
 * Creates a response whose body is @data serialized as JSON
 * (`Response.json(data, init)`, §5.5), with a `Content-Type` of
 * `application/json` unless @init sets one.
 *
 * Fails with [error@Fetch.Error.TYPE] when @data is %NULL or as
 * [ctor@Fetch.Response.new] does for a bad @init.
 *
 * Returns: (transfer full): a new #FetchResponse, or %NULL on error
 *
 * Since: 0.1
 */
FetchResponse *
fetch_response_new_json (JsonNode           *data,
                         FetchResponseInit  *init,
                         GError            **error)
{
  g_autoptr(FetchResponseInit) default_init = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (init == NULL)
    init = default_init = fetch_response_init_new ();

  /* Step 1: serialize data to JSON bytes. */
  bytes = serialize_json_to_bytes (data, error);
  if (bytes == NULL)
    return NULL;
  if (!check_response_init (init, TRUE, error))
    return NULL;

  /* Step 3: a new response, Headers with guard "response". */
  response = fetch_response_new_internal ();

  /* Steps 2 and 4: extract bytes (a byte sequence as a body), initialize
   * with type "application/json". */
  if (!initialize_response (response, init, fetch_body_new_from_bytes (bytes),
                            "application/json", error))
    return NULL;

  /* Step 5 */
  return g_steal_pointer (&response);
}

/**
 * fetch_response_get_response_type:
 * @response: a #FetchResponse
 *
 * Gets the response's type (`type`): see
 * [property@Fetch.Response:response-type].
 *
 * Returns: the type
 *
 * Since: 0.1
 */
FetchResponseType
fetch_response_get_response_type (FetchResponse *response)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), FETCH_RESPONSE_TYPE_DEFAULT);

  return response->type;
}

/**
 * fetch_response_get_url:
 * @response: a #FetchResponse
 *
 * Gets the response's URL (`url`): the URL it was fetched from (after
 * redirects), without fragment, or "" when it has none.
 *
 * Returns: (transfer full): the URL, or ""
 *
 * Since: 0.1
 */
char *
fetch_response_get_url (FetchResponse *response)
{
  GUri *url;

  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);

  /* The empty string if the URL is null, else it serialized with
   * exclude fragment. */
  url = fetch_response_get_url_internal (response);
  if (url == NULL)
    return g_strdup ("");
  return fetch_url_serialize (url, TRUE);
}

/**
 * fetch_response_get_redirected:
 * @response: a #FetchResponse
 *
 * Gets whether the response was obtained through a redirect
 * (`redirected`).
 *
 * Returns: %TRUE if at least one redirect was followed
 *
 * Since: 0.1
 */
gboolean
fetch_response_get_redirected (FetchResponse *response)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), FALSE);

  /* The URL list's size is greater than 1. */
  return response_url_list (response)->len > 1;
}

/**
 * fetch_response_get_status:
 * @response: a #FetchResponse
 *
 * Gets the response's status (`status`).
 *
 * Returns: the status; 0 for network errors and opaque responses
 *
 * Since: 0.1
 */
guint
fetch_response_get_status (FetchResponse *response)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), 0);

  return response->status;
}

/**
 * fetch_response_get_ok:
 * @response: a #FetchResponse
 *
 * Gets whether the status is an ok status, 200 to 299 (`ok`).
 *
 * Returns: %TRUE for an ok status
 *
 * Since: 0.1
 */
gboolean
fetch_response_get_ok (FetchResponse *response)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), FALSE);

  return fetch_status_is_ok (response->status);
}

/**
 * fetch_response_get_status_text:
 * @response: a #FetchResponse
 *
 * Gets the response's status message (`statusText`).
 *
 * Returns: (transfer none): the status message, possibly ""
 *
 * Since: 0.1
 */
const char *
fetch_response_get_status_text (FetchResponse *response)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);

  return response->status_message;
}

/**
 * fetch_response_get_headers:
 * @response: a #FetchResponse
 *
 * Gets the response's headers (`headers`): the same object on every
 * call. The headers of a fetched, redirect or error response cannot be
 * changed; in the others, `Set-Cookie` and `Set-Cookie2` are ignored.
 *
 * Returns: (transfer none): the headers
 *
 * Since: 0.1
 */
FetchHeaders *
fetch_response_get_headers (FetchResponse *response)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);

  if (response->headers == NULL)
    response->headers = fetch_headers_new_for_list (response->header_list);
  return response->headers;
}

/* ---------------------------------------------------------------- */
/* Body mixin (§5.3)                                                  */
/* ---------------------------------------------------------------- */

/**
 * fetch_response_get_body:
 * @response: a #FetchResponse
 *
 * Gets the body as a stream (`body`). Reading from it uses the body up:
 * the consumers and [method@Fetch.Response.clone] then fail.
 *
 * Returns: (transfer none) (nullable): the body stream, or %NULL when the
 *   response has no body
 *
 * Since: 0.1
 */
GInputStream *
fetch_response_get_body (FetchResponse *response)
{
  FetchBody *body;

  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);

  /* Null if this's body is null, else its stream. */
  body = fetch_response_get_body_internal (response);
  return body != NULL ? body->stream : NULL;
}

/**
 * fetch_response_get_body_used:
 * @response: a #FetchResponse
 *
 * Gets whether the body has been read from (`bodyUsed`).
 *
 * Returns: %TRUE if the body has been read from
 *
 * Since: 0.1
 */
gboolean
fetch_response_get_body_used (FetchResponse *response)
{
  FetchBody *body;

  g_return_val_if_fail (FETCH_IS_RESPONSE (response), FALSE);

  /* True if the body is non-null and its stream is disturbed. */
  body = fetch_response_get_body_internal (response);
  return body != NULL && fetch_body_is_disturbed (body);
}

/* §5.3 consume body, the part all consumers share: the read; each
 * _finish converts the bytes. */
static void
consume_body (FetchResponse       *response,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  gboolean was_used = fetch_response_get_body_used (response);

  fetch_body_consume_async (fetch_response_get_body_internal (response),
                            response, source_tag,
                            cancellable, callback, user_data);
  if (!was_used && fetch_response_get_body_used (response))
    g_object_notify_by_pspec (G_OBJECT (response), properties[PROP_BODY_USED]);
}

static GBytes *
consume_body_finish (FetchResponse  *response,
                     GAsyncResult   *result,
                     gpointer        source_tag,
                     GError        **error)
{
  g_return_val_if_fail (FETCH_IS_RESPONSE (response), NULL);
  g_return_val_if_fail (g_task_is_valid (result, response), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return fetch_body_consume_finish (result, error);
}

/**
 * fetch_response_bytes_async:
 * @response: a #FetchResponse
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body (`bytes()` and `arrayBuffer()`, §5.3). Call
 * [method@Fetch.Response.bytes_finish] in @callback.
 *
 * Since: 0.1
 */
void
fetch_response_bytes_async (FetchResponse       *response,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_RESPONSE (response));

  consume_body (response, fetch_response_bytes_async, cancellable, callback, user_data);
}

/**
 * fetch_response_bytes_finish:
 * @response: a #FetchResponse
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Response.bytes_async]. Fails with
 * [error@Fetch.Error.TYPE] when the body was already used, or with the
 * error that stopped the read.
 *
 * Returns: (transfer full): the body, empty when there is none, or %NULL
 *   on error
 *
 * Since: 0.1
 */
GBytes *
fetch_response_bytes_finish (FetchResponse  *response,
                             GAsyncResult   *result,
                             GError        **error)
{
  return consume_body_finish (response, result, fetch_response_bytes_async, error);
}

/**
 * fetch_response_text_async:
 * @response: a #FetchResponse
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body as text (`text()`, §5.3). Call
 * [method@Fetch.Response.text_finish] in @callback.
 *
 * Since: 0.1
 */
void
fetch_response_text_async (FetchResponse       *response,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_RESPONSE (response));

  consume_body (response, fetch_response_text_async, cancellable, callback, user_data);
}

/**
 * fetch_response_text_finish:
 * @response: a #FetchResponse
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Response.text_async]. The body is decoded as
 * UTF-8 whatever its `Content-Type` says; a byte order mark is dropped
 * and invalid bytes become U+FFFD.
 *
 * The text is a NUL-terminated string with no length, so it ends at the
 * first U+0000 (a body `a\0b` reads as `a`), in C and in bindings alike.
 * Use the bytes consumer ([method@Fetch.Response.bytes_async]) for a body
 * that may contain NUL.
 *
 * Returns: (transfer full): the text, or %NULL on error
 *
 * Since: 0.1
 */
char *
fetch_response_text_finish (FetchResponse  *response,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_autoptr(GBytes) bytes =
    consume_body_finish (response, result, fetch_response_text_async, error);

  if (bytes == NULL)
    return NULL;
  /* UTF-8 decode. */
  return fetch_body_package_text (bytes);
}

/**
 * fetch_response_json_async:
 * @response: a #FetchResponse
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body and parses it as JSON (`json()`, §5.3). Call
 * [method@Fetch.Response.json_finish] in @callback.
 *
 * Since: 0.1
 */
void
fetch_response_json_async (FetchResponse       *response,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_RESPONSE (response));

  consume_body (response, fetch_response_json_async, cancellable, callback, user_data);
}

/**
 * fetch_response_json_finish:
 * @response: a #FetchResponse
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Response.json_async]. Fails when the body is
 * not JSON.
 *
 * As `JSON.parse()` gives, every number is a double, except that an
 * integer in the #gint64 range is a #gint64 value (read it with
 * json_node_get_double() to get what `JSON.parse()` gives). Strings are
 * NUL-terminated: one with an escaped U+0000 (`"a\u0000b"`) ends there.
 * A lone surrogate escape (`"\ud800"`), which UTF-8 cannot hold, is an
 * error.
 *
 * Returns: (transfer full): the parsed value, or %NULL on error
 *
 * Since: 0.1
 */
JsonNode *
fetch_response_json_finish (FetchResponse  *response,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_autoptr(GBytes) bytes =
    consume_body_finish (response, result, fetch_response_json_async, error);

  if (bytes == NULL)
    return NULL;
  /* Parse JSON from bytes. */
  return fetch_body_package_json (bytes, error);
}

/**
 * fetch_response_form_data_async:
 * @response: a #FetchResponse
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body and parses it as form data (`formData()`, §5.3),
 * according to its `Content-Type`: `multipart/form-data` or
 * `application/x-www-form-urlencoded`. Call
 * [method@Fetch.Response.form_data_finish] in @callback.
 *
 * Since: 0.1
 */
void
fetch_response_form_data_async (FetchResponse       *response,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_RESPONSE (response));

  consume_body (response, fetch_response_form_data_async, cancellable, callback, user_data);
}

/**
 * fetch_response_form_data_finish:
 * @response: a #FetchResponse
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Response.form_data_async]. Fails with
 * [error@Fetch.Error.TYPE] when the `Content-Type` is neither form type
 * or the body does not parse.
 *
 * Names and string values are NUL-terminated, so one holding U+0000
 * (`a=x%00y`) ends there; file entries keep all their bytes. Use the
 * bytes consumer ([method@Fetch.Response.bytes_async]) for a body that
 * may contain NUL in its names or string values.
 *
 * Returns: (transfer full): the form data, or %NULL on error
 *
 * Since: 0.1
 */
FetchFormData *
fetch_response_form_data_finish (FetchResponse  *response,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_autoptr(GBytes) bytes =
    consume_body_finish (response, result, fetch_response_form_data_async, error);

  if (bytes == NULL)
    return NULL;
  /* The MIME type comes from the Response object's header list (the
   * filtered one for a fetched response). */
  return fetch_body_package_form_data (bytes, response->header_list, error);
}

/**
 * fetch_response_blob_async:
 * @response: a #FetchResponse
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body as a blob (`blob()`, §5.3): its bytes and MIME
 * type. Call [method@Fetch.Response.blob_finish] in @callback.
 *
 * Since: 0.1
 */
void
fetch_response_blob_async (FetchResponse       *response,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_RESPONSE (response));

  consume_body (response, fetch_response_blob_async, cancellable, callback, user_data);
}

/**
 * fetch_response_blob_finish:
 * @response: a #FetchResponse
 * @result: the #GAsyncResult given to the callback
 * @content_type: (out) (optional) (transfer full): return location for
 *   the blob's type: the serialized MIME type of the `Content-Type`
 *   header, or "" when it has none or it does not parse
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Response.blob_async].
 *
 * Returns: (transfer full): the body, or %NULL on error
 *
 * Since: 0.1
 */
GBytes *
fetch_response_blob_finish (FetchResponse  *response,
                            GAsyncResult   *result,
                            char          **content_type,
                            GError        **error)
{
  GBytes *bytes =
    consume_body_finish (response, result, fetch_response_blob_async, error);

  if (bytes == NULL)
    return NULL;
  /* A Blob whose type is the result of get the MIME type. */
  if (content_type != NULL)
    *content_type = fetch_body_package_blob_type (response->header_list);
  return bytes;
}
