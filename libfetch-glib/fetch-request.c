/* fetch-request.c: requests (§2.2.5) and the Request class (§5.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A FetchRequest is both the spec's request and the Request object that
 * wraps it (see fetch-request-private.h): its "headers" is the Headers
 * object whose header list is the request's header list, and its
 * "signal" is the Request object's AbortSignal, a GCancellable.
 */
#include "config.h"

#include <string.h>

#include "fetch-request-private.h"

#include "fetch-body-private.h"
#include "fetch-body-stream-private.h"
#include "fetch-client-private.h"
#include "fetch-enum-types.h"
#include "fetch-error-private.h"
#include "fetch-headers-private.h"
#include "fetch-origin-private.h"
#include "fetch-url-private.h"

/* ------------------------------------------------------------------ */
/* The request (§2.2.5) and the Request object                        */
/* ------------------------------------------------------------------ */

/**
 * FetchRequest:
 *
 * A request (the `Request` class of §5.4): a method, a URL, headers, an
 * optional body and the modes that decide how it is fetched.
 *
 * A request is immutable once constructed, except for its headers (which
 * its guard restricts) and its body, which can be read once.
 *
 * Since: 0.1
 */
G_DEFINE_FINAL_TYPE (FetchRequest, fetch_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_URL,
  PROP_HEADERS,
  PROP_DESTINATION,
  PROP_REFERRER,
  PROP_REFERRER_POLICY,
  PROP_MODE,
  PROP_CREDENTIALS,
  PROP_CACHE,
  PROP_REDIRECT,
  PROP_INTEGRITY,
  PROP_KEEPALIVE,
  PROP_IS_RELOAD_NAVIGATION,
  PROP_IS_HISTORY_NAVIGATION,
  PROP_SIGNAL,
  PROP_DUPLEX,
  PROP_PRIORITY,
  PROP_BODY,
  PROP_BODY_USED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct _FetchSignalCell FetchSignalCell;
static FetchSignalCell *signal_cell_new (void);

/* §2.2.5: the defaults of a new request ("unless stated otherwise"). */
static void
fetch_request_init (FetchRequest *self)
{
  self->method = g_strdup ("GET");
  self->url_list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_uri_unref);
  self->header_list = fetch_header_list_new ();
  self->destination = FETCH_REQUEST_DESTINATION_NONE;
  self->priority = FETCH_REQUEST_PRIORITY_AUTO;
  self->referrer_kind = FETCH_REFERRER_CLIENT;
  self->referrer_policy = FETCH_REFERRER_POLICY_NONE;
  self->mode = FETCH_REQUEST_MODE_NO_CORS;
  self->credentials = FETCH_REQUEST_CREDENTIALS_SAME_ORIGIN;
  self->cache = FETCH_REQUEST_CACHE_DEFAULT;
  self->redirect = FETCH_REQUEST_REDIRECT_FOLLOW;
  self->integrity = g_strdup ("");
  self->duplex = FETCH_REQUEST_DUPLEX_HALF;
  self->response_tainting = FETCH_RESPONSE_TAINTING_BASIC;
  self->signal_cell = signal_cell_new ();
  /* The signal is made when first needed (request_ensure_signal()): a
   * request that follows no signal and whose signal nobody asked for
   * cannot be aborted through it, and the internal request of a fetch
   * has its input's (fetch_request_new_for_fetch()). */
}

/* Where a request's signal is: the signal once made, and the watches
 * waiting for it to be made (fetch_request_watch_signal()). Shared by a
 * request and the internal request of its fetch, and held by the watches
 * (not the request: an ongoing fetch must not keep the request, and so
 * its client, alive). */
struct _FetchSignalCell {
  gatomicrefcount   ref_count;
  GCancellable     *signal;      /* NULL until made */
  FetchSignalWatch *watches;
};

/* Guards the making of every signal and the watches waiting for it. */
static GMutex signal_lock;

static FetchSignalCell *
signal_cell_new (void)
{
  FetchSignalCell *cell = g_new0 (FetchSignalCell, 1);

  g_atomic_ref_count_init (&cell->ref_count);
  return cell;
}

static FetchSignalCell *
signal_cell_ref (FetchSignalCell *cell)
{
  g_atomic_ref_count_inc (&cell->ref_count);
  return cell;
}

static void
signal_cell_unref (FetchSignalCell *cell)
{
  if (!g_atomic_ref_count_dec (&cell->ref_count))
    return;
  /* (Watches hold a reference: none waits here any more.) */
  g_assert (cell->watches == NULL);
  g_clear_object (&cell->signal);
  g_free (cell);
}

/* The request's signal, made on first use; the watches waiting for it
 * are then connected. Thread-safe, as reading a signal that exists from
 * any thread was. */
static GCancellable *
request_ensure_signal (FetchRequest *self)
{
  FetchSignalCell *cell = self->signal_cell;
  GCancellable *signal = g_atomic_pointer_get (&cell->signal);

  if (G_LIKELY (signal != NULL))
    return signal;

  g_mutex_lock (&signal_lock);
  signal = cell->signal;
  if (signal == NULL)
    {
      signal = g_cancellable_new ();
      /* Nobody has the new signal yet, so it is not cancelled and no
       * handler runs from here, under the lock. */
      for (FetchSignalWatch *watch = cell->watches; watch != NULL; watch = watch->next)
        {
          watch->signal = g_object_ref (signal);
          watch->handler = g_cancellable_connect (signal, watch->callback, watch->data, NULL);
        }
      cell->watches = NULL;
      g_atomic_pointer_set (&cell->signal, signal);
    }
  g_mutex_unlock (&signal_lock);
  return signal;
}

void
fetch_request_watch_signal (FetchRequest     *request,
                            FetchSignalWatch *watch,
                            GCallback         callback,
                            gpointer          data)
{
  GCancellable *signal;

  FetchSignalCell *cell;

  g_return_if_fail (FETCH_IS_REQUEST (request));

  cell = signal_cell_ref (request->signal_cell);
  *watch = (FetchSignalWatch) { cell, callback, data, NULL, 0, NULL, NULL };

  g_mutex_lock (&signal_lock);
  signal = cell->signal;
  if (signal == NULL)
    {
      watch->next = cell->watches;
      if (watch->next != NULL)
        watch->next->prev = watch;
      cell->watches = watch;
    }
  g_mutex_unlock (&signal_lock);

  /* Runs callback at once if signal is already cancelled. */
  if (signal != NULL)
    {
      watch->signal = g_object_ref (signal);
      watch->handler = g_cancellable_connect (signal, callback, data, NULL);
    }
}

void
fetch_request_unwatch_signal (FetchSignalWatch *watch)
{
  FetchSignalCell *cell = watch->cell;

  if (cell == NULL)
    return;

  g_mutex_lock (&signal_lock);
  if (watch->signal == NULL)
    {
      /* Still waiting: the signal was never made. */
      if (watch->prev != NULL)
        watch->prev->next = watch->next;
      else
        cell->watches = watch->next;
      if (watch->next != NULL)
        watch->next->prev = watch->prev;
    }
  g_mutex_unlock (&signal_lock);

  if (watch->signal != NULL)
    {
      g_cancellable_disconnect (watch->signal, watch->handler);
      g_clear_object (&watch->signal);
    }
  watch->handler = 0;
  watch->prev = watch->next = NULL;
  watch->cell = NULL;
  signal_cell_unref (cell);
}

static void
request_unfollow_signal (FetchRequest *self)
{
  /* Not g_cancellable_disconnect(): it waits for a running "cancelled"
   * emission to end, which deadlocks when the last reference to this
   * request is dropped from a handler of that very emission (our signal
   * is cancelled from inside it). The closure keeps its data (a
   * reference on our signal) alive until any running invocation ends. */
  if (self->followed_handler != 0)
    g_signal_handler_disconnect (self->followed_signal, self->followed_handler);
  self->followed_handler = 0;
  g_clear_object (&self->followed_signal);
}

static void
fetch_request_finalize (GObject *object)
{
  FetchRequest *self = FETCH_REQUEST (object);

  request_unfollow_signal (self);
  g_free (self->method);
  g_ptr_array_unref (self->url_list);
  g_clear_object (&self->headers);
  g_clear_pointer (&self->header_list, fetch_header_list_unref);
  g_clear_pointer (&self->body, fetch_body_free);
  g_clear_object (&self->client);
  g_clear_pointer (&self->origin, fetch_origin_unref);
  g_clear_pointer (&self->referrer_url, g_uri_unref);
  g_free (self->integrity);
  g_clear_pointer (&self->signal_cell, signal_cell_unref);

  G_OBJECT_CLASS (fetch_request_parent_class)->finalize (object);
}

static void
fetch_request_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FetchRequest *self = FETCH_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, fetch_request_get_method (self));
      break;
    case PROP_URL:
      g_value_take_string (value, fetch_request_get_url (self));
      break;
    case PROP_HEADERS:
      g_value_set_object (value, fetch_request_get_headers (self));
      break;
    case PROP_DESTINATION:
      g_value_set_enum (value, fetch_request_get_destination (self));
      break;
    case PROP_REFERRER:
      g_value_take_string (value, fetch_request_get_referrer (self));
      break;
    case PROP_REFERRER_POLICY:
      g_value_set_enum (value, fetch_request_get_referrer_policy (self));
      break;
    case PROP_MODE:
      g_value_set_enum (value, fetch_request_get_mode (self));
      break;
    case PROP_CREDENTIALS:
      g_value_set_enum (value, fetch_request_get_credentials (self));
      break;
    case PROP_CACHE:
      g_value_set_enum (value, fetch_request_get_cache (self));
      break;
    case PROP_REDIRECT:
      g_value_set_enum (value, fetch_request_get_redirect (self));
      break;
    case PROP_INTEGRITY:
      g_value_set_string (value, fetch_request_get_integrity (self));
      break;
    case PROP_KEEPALIVE:
      g_value_set_boolean (value, fetch_request_get_keepalive (self));
      break;
    case PROP_IS_RELOAD_NAVIGATION:
      g_value_set_boolean (value, fetch_request_get_is_reload_navigation (self));
      break;
    case PROP_IS_HISTORY_NAVIGATION:
      g_value_set_boolean (value, fetch_request_get_is_history_navigation (self));
      break;
    case PROP_SIGNAL:
      g_value_set_object (value, fetch_request_get_signal (self));
      break;
    case PROP_DUPLEX:
      g_value_set_enum (value, fetch_request_get_duplex (self));
      break;
    case PROP_PRIORITY:
      g_value_set_enum (value, fetch_request_get_priority (self));
      break;
    case PROP_BODY:
      g_value_set_object (value, fetch_request_get_body (self));
      break;
    case PROP_BODY_USED:
      g_value_set_boolean (value, fetch_request_get_body_used (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fetch_request_class_init (FetchRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fetch_request_finalize;
  object_class->get_property = fetch_request_get_property;

  /**
   * FetchRequest:method:
   *
   * The request method, normalized (`"GET"` by default).
   *
   * Since: 0.1
   */
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, "GET", flags);

  /**
   * FetchRequest:url:
   *
   * The request URL, serialized.
   *
   * Since: 0.1
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, flags);

  /**
   * FetchRequest:headers:
   *
   * The request's headers; always the same object.
   *
   * Since: 0.1
   */
  properties[PROP_HEADERS] =
    g_param_spec_object ("headers", NULL, NULL, FETCH_TYPE_HEADERS, flags);

  /**
   * FetchRequest:destination:
   *
   * The kind of resource requested (always
   * %FETCH_REQUEST_DESTINATION_NONE for requests made with this API).
   *
   * Since: 0.1
   */
  properties[PROP_DESTINATION] =
    g_param_spec_enum ("destination", NULL, NULL,
                       FETCH_TYPE_REQUEST_DESTINATION,
                       FETCH_REQUEST_DESTINATION_NONE, flags);

  /**
   * FetchRequest:referrer:
   *
   * The referrer: `"about:client"` for the client's default, the empty
   * string for none, or a URL.
   *
   * Since: 0.1
   */
  properties[PROP_REFERRER] =
    g_param_spec_string ("referrer", NULL, NULL, "about:client", flags);

  /**
   * FetchRequest:referrer-policy:
   *
   * The referrer policy of the request.
   *
   * Since: 0.1
   */
  properties[PROP_REFERRER_POLICY] =
    g_param_spec_enum ("referrer-policy", NULL, NULL,
                       FETCH_TYPE_REFERRER_POLICY,
                       FETCH_REFERRER_POLICY_NONE, flags);

  /**
   * FetchRequest:mode:
   *
   * The request mode.
   *
   * Since: 0.1
   */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, FETCH_TYPE_REQUEST_MODE,
                       FETCH_REQUEST_MODE_CORS, flags);

  /**
   * FetchRequest:credentials:
   *
   * The credentials mode.
   *
   * Since: 0.1
   */
  properties[PROP_CREDENTIALS] =
    g_param_spec_enum ("credentials", NULL, NULL,
                       FETCH_TYPE_REQUEST_CREDENTIALS,
                       FETCH_REQUEST_CREDENTIALS_SAME_ORIGIN, flags);

  /**
   * FetchRequest:cache:
   *
   * The cache mode.
   *
   * Since: 0.1
   */
  properties[PROP_CACHE] =
    g_param_spec_enum ("cache", NULL, NULL, FETCH_TYPE_REQUEST_CACHE,
                       FETCH_REQUEST_CACHE_DEFAULT, flags);

  /**
   * FetchRequest:redirect:
   *
   * The redirect mode.
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECT] =
    g_param_spec_enum ("redirect", NULL, NULL, FETCH_TYPE_REQUEST_REDIRECT,
                       FETCH_REQUEST_REDIRECT_FOLLOW, flags);

  /**
   * FetchRequest:integrity:
   *
   * The subresource integrity metadata (empty by default).
   *
   * Since: 0.1
   */
  properties[PROP_INTEGRITY] =
    g_param_spec_string ("integrity", NULL, NULL, "", flags);

  /**
   * FetchRequest:keepalive:
   *
   * Whether the request may outlive its client.
   *
   * Since: 0.1
   */
  properties[PROP_KEEPALIVE] =
    g_param_spec_boolean ("keepalive", NULL, NULL, FALSE, flags);

  /**
   * FetchRequest:is-reload-navigation:
   *
   * Whether the request is for a reload navigation.
   *
   * Since: 0.1
   */
  properties[PROP_IS_RELOAD_NAVIGATION] =
    g_param_spec_boolean ("is-reload-navigation", NULL, NULL, FALSE, flags);

  /**
   * FetchRequest:is-history-navigation:
   *
   * Whether the request is for a history (back-forward) navigation.
   *
   * Since: 0.1
   */
  properties[PROP_IS_HISTORY_NAVIGATION] =
    g_param_spec_boolean ("is-history-navigation", NULL, NULL, FALSE, flags);

  /**
   * FetchRequest:signal:
   *
   * The request's abort signal: cancelled when the signal it follows is.
   *
   * Since: 0.1
   */
  properties[PROP_SIGNAL] =
    g_param_spec_object ("signal", NULL, NULL, G_TYPE_CANCELLABLE, flags);

  /**
   * FetchRequest:duplex:
   *
   * The duplex, always %FETCH_REQUEST_DUPLEX_HALF.
   *
   * Since: 0.1
   */
  properties[PROP_DUPLEX] =
    g_param_spec_enum ("duplex", NULL, NULL, FETCH_TYPE_REQUEST_DUPLEX,
                       FETCH_REQUEST_DUPLEX_HALF, flags);

  /**
   * FetchRequest:priority:
   *
   * The request priority.
   *
   * Since: 0.1
   */
  properties[PROP_PRIORITY] =
    g_param_spec_enum ("priority", NULL, NULL, FETCH_TYPE_REQUEST_PRIORITY,
                       FETCH_REQUEST_PRIORITY_AUTO, flags);

  /**
   * FetchRequest:body:
   *
   * The body as a stream, or %NULL for a null body. Reading it marks the
   * body used.
   *
   * Since: 0.1
   */
  properties[PROP_BODY] =
    g_param_spec_object ("body", NULL, NULL, G_TYPE_INPUT_STREAM, flags);

  /**
   * FetchRequest:body-used:
   *
   * Whether the body has been read from.
   *
   * Since: 0.1
   */
  properties[PROP_BODY_USED] =
    g_param_spec_boolean ("body-used", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* ------------------------------------------------------------------ */
/* Signals: "creating a dependent abort signal"                        */
/* ------------------------------------------------------------------ */

static void
followed_signal_cancelled_cb (GCancellable *followed,
                              gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* DOM "create a dependent abort signal" from « followed » (or « » when
 * followed is NULL): self's signal is a fresh, unaborted signal (made
 * here); it is aborted now if followed is, else when followed is. */
static void
request_follow_signal (FetchRequest *self,
                       GCancellable *followed)
{
  if (followed == NULL)
    return;

  self->followed_signal = g_object_ref (followed);
  /* g_cancellable_connect() runs the callback at once (and returns 0)
   * when followed is already cancelled. */
  self->followed_handler =
    g_cancellable_connect (followed, G_CALLBACK (followed_signal_cancelled_cb),
                           g_object_ref (request_ensure_signal (self)), g_object_unref);
}

/* ------------------------------------------------------------------ */
/* The new Request(input, init) constructor steps (§5.4)              */
/* ------------------------------------------------------------------ */

/* §5.4 step 12: the fields a new request takes from input's request. */
static void
request_copy_from_input (FetchRequest *self,
                         FetchRequest *input)
{
  /* URL list: a clone of request's URL list (GUri is immutable). */
  for (guint i = 0; i < input->url_list->len; i++)
    g_ptr_array_add (self->url_list, g_uri_ref (input->url_list->pdata[i]));
  /* (A new request's "GET" and "" are kept when input has the same.) */
  if (strcmp (self->method, input->method) != 0)
    {
      g_free (self->method);
      self->method = g_strdup (input->method);
    }
  /* header list: a copy of request's header list (its entries shared
   * until either changes: fetch-headers.c). */
  fetch_header_list_assign (self->header_list, input->header_list);
  self->priority = input->priority;
  self->origin = input->origin != NULL ? fetch_origin_ref (input->origin) : NULL;
  self->referrer_kind = input->referrer_kind;
  self->referrer_url = input->referrer_url != NULL ? g_uri_ref (input->referrer_url) : NULL;
  self->referrer_policy = input->referrer_policy;
  self->mode = input->mode;
  self->credentials = input->credentials;
  self->cache = input->cache;
  self->redirect = input->redirect;
  if (strcmp (self->integrity, input->integrity) != 0)
    {
      g_free (self->integrity);
      self->integrity = g_strdup (input->integrity);
    }
  self->keepalive = input->keepalive;
  self->reload_navigation = input->reload_navigation;
  self->history_navigation = input->history_navigation;
}

/* §5.4 step 13: an init that is not empty resets what would make the
 * request look like it came from its original source. */
static void
request_reset_for_init (FetchRequest *self)
{
  GUri *current_url;

  /* Step 13.1 */
  if (self->mode == FETCH_REQUEST_MODE_NAVIGATE)
    self->mode = FETCH_REQUEST_MODE_SAME_ORIGIN;
  /* Steps 13.2-13.3 */
  self->reload_navigation = FALSE;
  self->history_navigation = FALSE;
  /* Step 13.4: origin "client" */
  g_clear_pointer (&self->origin, fetch_origin_unref);
  /* Step 13.5 */
  self->referrer_kind = FETCH_REFERRER_CLIENT;
  g_clear_pointer (&self->referrer_url, g_uri_unref);
  /* Step 13.6 */
  self->referrer_policy = FETCH_REFERRER_POLICY_NONE;
  /* Steps 13.7-13.8: URL list « current URL ». */
  current_url = g_uri_ref (fetch_request_get_current_url (self));
  g_ptr_array_set_size (self->url_list, 0);
  g_ptr_array_add (self->url_list, current_url);
}

/* §5.4 step 14: init["referrer"] exists. */
static gboolean
request_apply_init_referrer (FetchRequest  *self,
                             const char    *referrer,
                             GUri          *base_url,
                             FetchOrigin   *origin,
                             GError       **error)
{
  g_autoptr(GUri) parsed_referrer = NULL;
  g_autoptr(FetchOrigin) referrer_origin = NULL;

  /* Step 14.2 */
  if (referrer[0] == '\0')
    {
      self->referrer_kind = FETCH_REFERRER_NO_REFERRER;
      return TRUE;
    }

  /* Steps 14.3.1-14.3.2 */
  parsed_referrer = fetch_url_parse (referrer, base_url);
  if (parsed_referrer == NULL)
    return fetch_throw_type_error (error, _("The referrer “%s” is not a valid URL"),
                                   referrer);

  /* Step 14.3.3: about:client, or a URL whose origin is not same origin
   * with origin, means "client". */
  referrer_origin = fetch_url_get_origin (parsed_referrer);
  if ((g_strcmp0 (g_uri_get_scheme (parsed_referrer), "about") == 0 &&
       g_strcmp0 (g_uri_get_path (parsed_referrer), "client") == 0) ||
      !fetch_origin_equal_or_unset (referrer_origin, origin))
    {
      self->referrer_kind = FETCH_REFERRER_CLIENT;
      return TRUE;
    }

  /* Step 14.3.4 */
  self->referrer_kind = FETCH_REFERRER_URL;
  self->referrer_url = g_steal_pointer (&parsed_referrer);
  return TRUE;
}

/* §5.4 steps 15-27: the init members that set request fields directly.
 * fallback_mode is -1 for null. */
static gboolean
request_apply_init_members (FetchRequest      *self,
                            FetchRequestInit  *init,
                            int                fallback_mode,
                            GError           **error)
{
  int mode;

  /* Step 15 */
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_REFERRER_POLICY))
    self->referrer_policy = init->referrer_policy;

  /* Step 16 */
  mode = FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_MODE) ? (int) init->mode : fallback_mode;
  /* Step 17. NOTE(spec): "websocket" is not a RequestMode, so WebIDL
   * would reject it before these steps; we reject it here. */
  if (mode == FETCH_REQUEST_MODE_NAVIGATE || mode == FETCH_REQUEST_MODE_WEBSOCKET)
    return fetch_throw_type_error (error,
                                   _("The request mode “%s” cannot be used to construct a request"),
                                   mode == FETCH_REQUEST_MODE_NAVIGATE ? "navigate" : "websocket");
  /* Step 18 */
  if (mode >= 0)
    self->mode = mode;

  /* Steps 19-20 */
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_CREDENTIALS))
    self->credentials = init->credentials;
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_CACHE))
    self->cache = init->cache;

  /* Step 21 */
  if (self->cache == FETCH_REQUEST_CACHE_ONLY_IF_CACHED &&
      self->mode != FETCH_REQUEST_MODE_SAME_ORIGIN)
    return fetch_throw_type_error (error,
                                   _("The cache mode “only-if-cached” requires the request mode “same-origin”"));

  /* Steps 22-24 */
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_REDIRECT))
    self->redirect = init->redirect;
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_INTEGRITY))
    {
      g_free (self->integrity);
      self->integrity = g_strdup (init->integrity);
    }
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_KEEPALIVE))
    self->keepalive = init->keepalive;

  /* Step 25 */
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_METHOD))
    {
      /* Step 25.2 */
      if (!fetch_is_method (init->method))
        return fetch_throw_type_error (error, _("“%s” is not a valid HTTP method"),
                                       init->method);
      if (fetch_is_forbidden_method (init->method))
        return fetch_throw_type_error (error, _("The HTTP method “%s” is forbidden"),
                                       init->method);
      /* Steps 25.3-25.4 */
      g_free (self->method);
      self->method = fetch_normalize_method (init->method);
    }

  /* Step 27: our requests never have an internal priority (27.1), so
   * 27.2 applies. (Step 26, the signal, is the caller's.) */
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_PRIORITY))
    self->priority = init->priority;

  return TRUE;
}

/* §5.4 steps 31-33: this's headers. self->header_list already holds the
 * copy of step 12 (or is empty for a string input). */
static gboolean
request_setup_headers (FetchRequest      *self,
                       FetchRequestInit  *init,
                       GError           **error)
{
  g_autoptr(FetchHeaderList) copy = NULL;
  FetchHeaderList *headers;
  guint length;

  /* Step 31 */
  fetch_header_list_set_guard (self->header_list, FETCH_HEADERS_GUARD_REQUEST);

  /* Step 32 */
  if (self->mode == FETCH_REQUEST_MODE_NO_CORS)
    {
      /* Step 32.1 */
      if (!fetch_is_cors_safelisted_method (self->method))
        return fetch_throw_type_error (error,
                                       _("The method “%s” cannot be used with the request mode “no-cors”"),
                                       self->method);
      /* Step 32.2 */
      fetch_header_list_set_guard (self->header_list, FETCH_HEADERS_GUARD_REQUEST_NO_CORS);
    }

  /* Step 33 */
  if (init == NULL || init->present == 0)
    return TRUE;

  /* Steps 33.1-33.2: both are Headers objects here (a HeadersInit pairs
   * vector or record became one when the caller made it). */
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_HEADERS))
    headers = fetch_headers_get_list (init->headers);
  else
    headers = copy = fetch_header_list_copy (self->header_list);

  /* Steps 33.3-33.4: append each header of its header list, through the
   * guard, so that headers this mode does not allow are dropped. */
  fetch_header_list_clear (self->header_list);
  length = fetch_header_list_get_length (headers);
  for (guint i = 0; i < length; i++)
    {
      const char *name, *value;

      fetch_header_list_nth (headers, i, &name, &value);
      if (!fetch_headers_append_to_list (self->header_list, name, value, error))
        return FALSE;
    }

  return TRUE;
}

/* §5.4 step 41.2 "creating a proxy for inputBody".
 *
 * NOTE(spec): the proxy is a stream piped from inputBody's stream, which
 * the pipe locks and disturbs at once (browsers report input.bodyUsed
 * true right after the constructor). Without a pipe: the new body is a
 * fresh body stream over the same underlying stream, with inputBody's
 * source and length, so it reads exactly inputBody's bytes with no
 * extra copy or layer; inputBody's own stream becomes disturbed and
 * locked for good, so input is unusable and nobody reads through it
 * (and disposing it does not close the shared underlying stream). */
static FetchBody *
request_create_proxy (FetchBody *input_body)
{
  FetchBodyStream *stream = FETCH_BODY_STREAM (input_body->stream);
  FetchBody *body;

  body = fetch_body_new_from_stream (fetch_body_stream_get_base_stream (stream),
                                     input_body->length);
  if (input_body->source != NULL)
    body->source = g_bytes_ref (input_body->source);
  fetch_body_stream_set_disturbed (stream);
  fetch_body_stream_set_locked (stream, TRUE);
  return body;
}

/* §5.4 steps 34-42: the body. Every check that can throw runs before
 * anything is extracted or taken from input, so that a TypeError leaves
 * input and the init's body untouched. */
static gboolean
request_setup_body (FetchRequest      *self,
                    FetchRequest      *input,
                    FetchRequestInit  *init,
                    GError           **error)
{
  FetchBodyInit *init_body_init = NULL;
  g_autoptr(FetchBody) init_body = NULL;
  g_autofree char *type = NULL;
  FetchBody *input_body;
  gboolean source_is_null;

  /* Step 34 */
  input_body = input != NULL ? input->body : NULL;
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_BODY))
    init_body_init = init->body;

  /* Step 35 */
  if ((init_body_init != NULL || input_body != NULL) &&
      (strcmp (self->method, "GET") == 0 || strcmp (self->method, "HEAD") == 0))
    return fetch_throw_type_error (error, _("A request with the method “%s” cannot have a body"),
                                   self->method);

  /* Step 39's condition, decided before step 37 extracts the body: the
   * source of an extracted body is null exactly for a stream. */
  if (init_body_init != NULL)
    source_is_null = fetch_body_init_is_stream (init_body_init);
  else
    source_is_null = input_body != NULL && input_body->source == NULL;

  if (source_is_null)
    {
      /* Step 39.1 */
      if (init_body_init != NULL && !FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_DUPLEX))
        return fetch_throw_type_error (error,
                                       _("A request with a stream body requires the “duplex” member to be “half”"));
      /* Step 39.2 */
      if (self->mode != FETCH_REQUEST_MODE_SAME_ORIGIN &&
          self->mode != FETCH_REQUEST_MODE_CORS)
        return fetch_throw_type_error (error,
                                       _("A request with a stream body requires the request mode “same-origin” or “cors”"));
    }

  /* Step 41.1 */
  if (init_body_init == NULL && input_body != NULL &&
      fetch_body_is_unusable (input_body))
    return fetch_throw_type_error (error, _("The body of the input request has already been used"));

  /* Steps 36-37 */
  if (init_body_init != NULL)
    {
      /* Steps 37.1-37.3 */
      init_body = fetch_body_extract (init_body_init, self->keepalive, &type, error);
      if (init_body == NULL)
        return FALSE;
      /* Step 37.4 */
      if (type != NULL && !fetch_header_list_contains (self->header_list, "Content-Type") &&
          !fetch_headers_append_to_list (self->header_list, "Content-Type", type, error))
        return FALSE;
    }

  /* Step 39.3 */
  if (source_is_null)
    self->use_cors_preflight = TRUE;

  /* Steps 38, 40-42 */
  if (init_body != NULL)
    self->body = g_steal_pointer (&init_body);
  else if (input_body != NULL)
    self->body = request_create_proxy (input_body);

  return TRUE;
}

/* Steps 5.1-5.3: parse a string input into the request's URL. */
static GUri *
request_parse_input_url (const char  *input,
                         GUri        *base_url,
                         GError     **error)
{
  g_autoptr(GUri) parsed_url = fetch_url_parse (input, base_url);

  /* Step 5.2 */
  if (parsed_url == NULL)
    {
      if (base_url == NULL)
        fetch_throw_type_error (error,
                                _("“%s” is not a valid absolute URL, and there is no base URL to resolve it against"),
                                input);
      else
        fetch_throw_type_error (error, _("“%s” is not a valid URL"), input);
      return NULL;
    }

  /* Step 5.3 */
  if (fetch_url_includes_credentials (parsed_url))
    {
      fetch_throw_type_error (error, _("The URL “%s” includes credentials"), input);
      return NULL;
    }

  return g_steal_pointer (&parsed_url);
}

/* §5.4 new Request(input, init): exactly one of input_url and input.
 * share_signal: the new request's signal is input's own rather than one
 * that follows it (fetch_request_new_for_fetch()). */
static FetchRequest *
request_construct (FetchClient       *client,
                   const char        *input_url,
                   FetchRequest      *input,
                   FetchRequestInit  *init,
                   gboolean           share_signal,
                   GError           **error)
{
  g_autoptr(FetchRequest) self = NULL;
  int fallback_mode = -1;
  g_autoptr(GUri) base_url = NULL;
  GCancellable *signal = NULL;
  g_autoptr(FetchOrigin) origin = NULL;

  /* Steps 1-4 */
  base_url = fetch_client_dup_base_uri (client);
  self = g_object_new (FETCH_TYPE_REQUEST, NULL);

  if (input_url != NULL)
    {
      /* Steps 5.1-5.3 */
      GUri *parsed_url = request_parse_input_url (input_url, base_url, error);

      if (parsed_url == NULL)
        return NULL;
      /* Step 5.4 (and step 12 copies a new request's defaults) */
      g_ptr_array_add (self->url_list, parsed_url);
      /* Step 5.5 */
      fallback_mode = FETCH_REQUEST_MODE_CORS;
    }
  else
    {
      /* Steps 6.2-6.3 and step 12 */
      request_copy_from_input (self, input);
      /* (fetch_request_new_for_fetch(): input's signal, made or not, is
       * ours, see below.) */
      if (!share_signal)
        signal = request_ensure_signal (input);
    }

  /* Step 7 (NULL: the client has no origin, same origin with all) */
  origin = fetch_client_dup_origin (client);

  /* Steps 8-11: our requests' window is never an environment settings
   * object and init's window can only be null. */
  self->is_window_no_window = FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_WINDOW);

  /* Step 12: the fields that are not input's */
  self->unsafe_request = TRUE;
  self->client = g_object_ref (client);
  self->initiator_type_fetch = TRUE;

  /* Step 13 */
  if (init != NULL && init->present != 0)
    request_reset_for_init (self);

  /* Step 14 */
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_REFERRER) &&
      !request_apply_init_referrer (self, init->referrer, base_url, origin, error))
    return NULL;

  /* Steps 15-25, 27 */
  if (!request_apply_init_members (self, init, fallback_mode, error))
    return NULL;

  /* Step 26 */
  if (FETCH_REQUEST_INIT_HAS (init, FETCH_REQUEST_INIT_SIGNAL))
    signal = init->signal;

  /* Steps 31-33 */
  if (!request_setup_headers (self, init, error))
    return NULL;

  /* Steps 34-42 */
  if (!request_setup_body (self, input, init, error))
    return NULL;

  /* Steps 28-30, done last as nothing can fail any more: this's signal
   * follows signal. */
  if (share_signal)
    {
      signal_cell_unref (self->signal_cell);
      self->signal_cell = signal_cell_ref (input->signal_cell);
    }
  else
    request_follow_signal (self, signal);

  return g_steal_pointer (&self);
}

/**
 * fetch_request_new:
 * @url: the URL, absolute or relative to the default client's base URL
 * @init: (nullable): the `RequestInit`, or %NULL for an empty one
 * @error: return location for a #GError
 *
 * Constructs a request (`new Request(url, init)`) for the default client
 * ([func@Fetch.Client.get_default]).
 *
 * Fails with %FETCH_ERROR_TYPE when @url cannot be parsed or includes
 * credentials, or when @init is invalid (see
 * [ctor@Fetch.Request.new_for_client]).
 *
 * Returns: (transfer full): a new request, or %NULL with @error set
 *
 * Since: 0.1
 */
FetchRequest *
fetch_request_new (const char        *url,
                   FetchRequestInit  *init,
                   GError           **error)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return request_construct (fetch_client_get_default (), url, NULL, init, FALSE, error);
}

/**
 * fetch_request_new_for_client:
 * @client: the client (environment) the request belongs to
 * @url: the URL, absolute or relative to @client's base URL
 * @init: (nullable): the `RequestInit`, or %NULL for an empty one
 * @error: return location for a #GError
 *
 * Constructs a request (`new Request(url, init)`) in @client's
 * environment: @url is resolved against @client's base URL and the
 * referrer is checked against @client's origin.
 *
 * The mode defaults to %FETCH_REQUEST_MODE_CORS. Fails with
 * %FETCH_ERROR_TYPE, creating nothing, when @url cannot be parsed or
 * includes credentials, when the referrer cannot be parsed, when the mode
 * is %FETCH_REQUEST_MODE_NAVIGATE, when the cache mode
 * %FETCH_REQUEST_CACHE_ONLY_IF_CACHED is used with another mode than
 * %FETCH_REQUEST_MODE_SAME_ORIGIN, when the method is invalid or
 * forbidden, when a `no-cors` request's method is not `GET`, `HEAD` or
 * `POST`, when a `GET` or `HEAD` request has a body, or when a stream body
 * lacks the duplex member.
 *
 * Returns: (transfer full): a new request, or %NULL with @error set
 *
 * Since: 0.1
 */
FetchRequest *
fetch_request_new_for_client (FetchClient       *client,
                              const char        *url,
                              FetchRequestInit  *init,
                              GError           **error)
{
  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return request_construct (client, url, NULL, init, FALSE, error);
}

/**
 * fetch_request_new_from_request: (constructor)
 * @input: the request to start from
 * @init: (nullable): the `RequestInit`, or %NULL for an empty one
 * @error: return location for a #GError
 *
 * Constructs a request from another (`new Request(input, init)`), in
 * @input's client: the new request has @input's URL, method, headers and
 * modes unless @init overrides them, and its signal follows @input's
 * signal (or @init's, when @init has one).
 *
 * Unless @init has a body, the new request takes @input's body over:
 * @input's body is then used. Fails with %FETCH_ERROR_TYPE when @input's
 * body is already used, and for the reasons listed at
 * [ctor@Fetch.Request.new_for_client]; @input is then unchanged.
 *
 * Returns: (transfer full): a new request, or %NULL with @error set
 *
 * Since: 0.1
 */
FetchRequest *
fetch_request_new_from_request (FetchRequest      *input,
                                FetchRequestInit  *init,
                                GError           **error)
{
  FetchClient *client;

  g_return_val_if_fail (FETCH_IS_REQUEST (input), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* NOTE(spec): "this's relevant settings object" is the realm the
   * constructor runs in; the closest thing we have is input's client. */
  client = input->client != NULL ? input->client : fetch_client_get_default ();
  return request_construct (client, NULL, input, init, FALSE, error);
}

/* §5.6 step 2: the Request constructor on input, for the fetch method.
 * The new request is the fetch's own and never seen by anyone else, so
 * its signal can be input's signal itself instead of a new one that
 * follows it: both are aborted exactly when input's is, and the fetch
 * (§5.6 step 11) watches input's signal directly -- without making it,
 * when nobody has asked for it (fetch_request_watch_signal()). */
FetchRequest *
fetch_request_new_for_fetch (FetchRequest  *input,
                             GError       **error)
{
  FetchClient *client;

  g_return_val_if_fail (FETCH_IS_REQUEST (input), NULL);

  client = input->client != NULL ? input->client : fetch_client_get_default ();
  return request_construct (client, NULL, input, NULL, TRUE, error);
}

/* ------------------------------------------------------------------ */
/* Cloning                                                             */
/* ------------------------------------------------------------------ */

/* §2.2.5 clone a request */
FetchRequest *
fetch_request_clone_internal (FetchRequest *request)
{
  FetchRequest *new_request;

  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  /* Step 1: a copy of request, except for its body. */
  new_request = g_object_new (FETCH_TYPE_REQUEST, NULL);
  for (guint i = 0; i < request->url_list->len; i++)
    g_ptr_array_add (new_request->url_list, g_uri_ref (request->url_list->pdata[i]));
  g_free (new_request->method);
  new_request->method = g_strdup (request->method);
  fetch_header_list_assign (new_request->header_list, request->header_list);
  fetch_header_list_set_guard (new_request->header_list, fetch_header_list_get_guard (request->header_list));
  new_request->client = request->client != NULL ? g_object_ref (request->client) : NULL;
  new_request->destination = request->destination;
  new_request->priority = request->priority;
  new_request->origin = request->origin != NULL ? fetch_origin_ref (request->origin) : NULL;
  new_request->keepalive = request->keepalive;
  new_request->referrer_kind = request->referrer_kind;
  if (request->referrer_url != NULL)
    new_request->referrer_url = g_uri_ref (request->referrer_url);
  new_request->referrer_policy = request->referrer_policy;
  new_request->mode = request->mode;
  new_request->use_cors_preflight = request->use_cors_preflight;
  new_request->credentials = request->credentials;
  new_request->use_url_credentials = request->use_url_credentials;
  new_request->cache = request->cache;
  new_request->redirect = request->redirect;
  g_free (new_request->integrity);
  new_request->integrity = g_strdup (request->integrity);
  new_request->unsafe_request = request->unsafe_request;
  new_request->initiator_type_fetch = request->initiator_type_fetch;
  new_request->reload_navigation = request->reload_navigation;
  new_request->history_navigation = request->history_navigation;
  new_request->user_activation = request->user_activation;
  new_request->render_blocking = request->render_blocking;
  new_request->is_window_no_window = request->is_window_no_window;
  new_request->duplex = request->duplex;
  new_request->done = request->done;
  new_request->timing_allow_failed = request->timing_allow_failed;
  new_request->redirect_count = request->redirect_count;
  new_request->response_tainting = request->response_tainting;
  new_request->prevent_no_cache_cache_control_header_modification =
    request->prevent_no_cache_cache_control_header_modification;

  /* Step 2 */
  if (request->body != NULL)
    new_request->body = fetch_body_clone (request->body);

  /* §5.4 clone() step 4: the clone's signal follows this one's. */
  request_follow_signal (new_request, request_ensure_signal (request));

  return new_request;
}

/**
 * fetch_request_clone:
 * @request: a request
 * @error: return location for a #GError
 *
 * Makes a copy of @request (`request.clone()`): both read the same body.
 * The copy's headers have the same guard, and its signal follows
 * @request's signal.
 *
 * Fails with %FETCH_ERROR_TYPE when @request's body is already used.
 *
 * Returns: (transfer full): the copy, or %NULL with @error set
 *
 * Since: 0.1
 */
FetchRequest *
fetch_request_clone (FetchRequest  *request,
                     GError       **error)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* §5.4 clone() step 1 */
  if (request->body != NULL && fetch_body_is_unusable (request->body))
    {
      fetch_throw_type_error (error,
                              _("A request whose body has already been used cannot be cloned"));
      return NULL;
    }

  /* Steps 2-6: the guard and the dependent signal are
   * fetch_request_clone_internal()'s. */
  return fetch_request_clone_internal (request);
}

/* ------------------------------------------------------------------ */
/* Getters                                                             */
/* ------------------------------------------------------------------ */

GUri *
fetch_request_get_current_url (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);
  g_return_val_if_fail (request->url_list->len > 0, NULL);

  return request->url_list->pdata[request->url_list->len - 1];
}

/**
 * fetch_request_get_method:
 * @request: a request
 *
 * Gets the request method (`request.method`), e.g. `"GET"`.
 *
 * Returns: (transfer none): the method
 *
 * Since: 0.1
 */
const char *
fetch_request_get_method (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  return request->method;
}

/**
 * fetch_request_get_url:
 * @request: a request
 *
 * Gets the request URL, serialized (`request.url`).
 *
 * Returns: (transfer full): the URL
 *
 * Since: 0.1
 */
char *
fetch_request_get_url (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);
  g_return_val_if_fail (request->url_list->len > 0, NULL);

  /* A request's URL is the first of its URL list (§2.2.5). */
  return fetch_url_serialize (request->url_list->pdata[0], FALSE);
}

/**
 * fetch_request_get_headers:
 * @request: a request
 *
 * Gets the request's headers (`request.headers`): the same object every
 * time. Its guard is %FETCH_HEADERS_GUARD_REQUEST (or
 * %FETCH_HEADERS_GUARD_REQUEST_NO_CORS in `no-cors` mode).
 *
 * Returns: (transfer none): the headers
 *
 * Since: 0.1
 */
FetchHeaders *
fetch_request_get_headers (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  if (request->headers == NULL)
    request->headers = fetch_headers_new_for_list (request->header_list);
  return request->headers;
}

/**
 * fetch_request_get_destination:
 * @request: a request
 *
 * Gets the request's destination (`request.destination`).
 *
 * Returns: the destination
 *
 * Since: 0.1
 */
FetchRequestDestination
fetch_request_get_destination (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FETCH_REQUEST_DESTINATION_NONE);

  return request->destination;
}

/**
 * fetch_request_get_referrer:
 * @request: a request
 *
 * Gets the referrer (`request.referrer`): the empty string for no
 * referrer, `"about:client"` for the client's default, or a URL.
 *
 * Returns: (transfer full): the referrer
 *
 * Since: 0.1
 */
char *
fetch_request_get_referrer (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  switch (request->referrer_kind)
    {
    case FETCH_REFERRER_NO_REFERRER:
      /* Step 1 */
      return g_strdup ("");
    case FETCH_REFERRER_CLIENT:
      /* Step 2 */
      return g_strdup ("about:client");
    case FETCH_REFERRER_URL:
    default:
      /* Step 3 */
      return fetch_url_serialize (request->referrer_url, FALSE);
    }
}

/**
 * fetch_request_get_referrer_policy:
 * @request: a request
 *
 * Gets the referrer policy (`request.referrerPolicy`).
 *
 * Returns: the referrer policy
 *
 * Since: 0.1
 */
FetchReferrerPolicy
fetch_request_get_referrer_policy (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FETCH_REFERRER_POLICY_NONE);

  return request->referrer_policy;
}

/**
 * fetch_request_get_mode:
 * @request: a request
 *
 * Gets the request mode (`request.mode`).
 *
 * Returns: the mode
 *
 * Since: 0.1
 */
FetchRequestMode
fetch_request_get_mode (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FETCH_REQUEST_MODE_CORS);

  return request->mode;
}

/**
 * fetch_request_get_credentials:
 * @request: a request
 *
 * Gets the credentials mode (`request.credentials`).
 *
 * Returns: the credentials mode
 *
 * Since: 0.1
 */
FetchRequestCredentials
fetch_request_get_credentials (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FETCH_REQUEST_CREDENTIALS_SAME_ORIGIN);

  return request->credentials;
}

/**
 * fetch_request_get_cache:
 * @request: a request
 *
 * Gets the cache mode (`request.cache`).
 *
 * Returns: the cache mode
 *
 * Since: 0.1
 */
FetchRequestCache
fetch_request_get_cache (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FETCH_REQUEST_CACHE_DEFAULT);

  return request->cache;
}

/**
 * fetch_request_get_redirect:
 * @request: a request
 *
 * Gets the redirect mode (`request.redirect`).
 *
 * Returns: the redirect mode
 *
 * Since: 0.1
 */
FetchRequestRedirect
fetch_request_get_redirect (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FETCH_REQUEST_REDIRECT_FOLLOW);

  return request->redirect;
}

/**
 * fetch_request_get_integrity:
 * @request: a request
 *
 * Gets the subresource integrity metadata (`request.integrity`).
 *
 * Returns: (transfer none): the integrity metadata, possibly empty
 *
 * Since: 0.1
 */
const char *
fetch_request_get_integrity (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  return request->integrity;
}

/**
 * fetch_request_get_keepalive:
 * @request: a request
 *
 * Gets whether the request may outlive its client (`request.keepalive`).
 *
 * Returns: the keepalive flag
 *
 * Since: 0.1
 */
gboolean
fetch_request_get_keepalive (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FALSE);

  return request->keepalive;
}

/**
 * fetch_request_get_is_reload_navigation:
 * @request: a request
 *
 * Gets whether the request is for a reload navigation
 * (`request.isReloadNavigation`).
 *
 * Returns: the reload-navigation flag
 *
 * Since: 0.1
 */
gboolean
fetch_request_get_is_reload_navigation (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FALSE);

  return request->reload_navigation;
}

/**
 * fetch_request_get_is_history_navigation:
 * @request: a request
 *
 * Gets whether the request is for a history navigation
 * (`request.isHistoryNavigation`).
 *
 * Returns: the history-navigation flag
 *
 * Since: 0.1
 */
gboolean
fetch_request_get_is_history_navigation (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FALSE);

  return request->history_navigation;
}

/**
 * fetch_request_get_signal:
 * @request: a request
 *
 * Gets the request's abort signal (`request.signal`): a cancellable of
 * its own, cancelled when the signal it follows is cancelled. Cancel it
 * to abort the fetch of this request.
 *
 * Returns: (transfer none): the signal
 *
 * Since: 0.1
 */
GCancellable *
fetch_request_get_signal (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  return request_ensure_signal (request);
}

/**
 * fetch_request_get_duplex:
 * @request: a request
 *
 * Gets the duplex (`request.duplex`): always %FETCH_REQUEST_DUPLEX_HALF.
 *
 * Returns: the duplex
 *
 * Since: 0.1
 */
FetchRequestDuplex
fetch_request_get_duplex (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FETCH_REQUEST_DUPLEX_HALF);

  /* §5.4: the duplex getter steps are to return "half". */
  return FETCH_REQUEST_DUPLEX_HALF;
}

/**
 * fetch_request_get_priority:
 * @request: a request
 *
 * Gets the request priority.
 *
 * Returns: the priority
 *
 * Since: 0.1
 */
FetchRequestPriority
fetch_request_get_priority (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FETCH_REQUEST_PRIORITY_AUTO);

  return request->priority;
}

/* ------------------------------------------------------------------ */
/* Body mixin (§5.3)                                                   */
/* ------------------------------------------------------------------ */

/**
 * fetch_request_get_body:
 * @request: a request
 *
 * Gets the body as a stream (`request.body`). Reading from it marks the
 * body used, after which the consumers such as
 * [method@Fetch.Request.text_async] fail.
 *
 * Returns: (transfer none) (nullable): the body stream, or %NULL for a
 *   null body
 *
 * Since: 0.1
 */
GInputStream *
fetch_request_get_body (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  return request->body != NULL ? request->body->stream : NULL;
}

/**
 * fetch_request_get_body_used:
 * @request: a request
 *
 * Gets whether the body has been read from (`request.bodyUsed`).
 *
 * Returns: %TRUE if the body is non-null and disturbed
 *
 * Since: 0.1
 */
gboolean
fetch_request_get_body_used (FetchRequest *request)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), FALSE);

  return request->body != NULL && fetch_body_is_disturbed (request->body);
}

/* The consumers: §5.3 consume body with a conversion done in _finish. */
static void
request_consume (FetchRequest        *request,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  fetch_body_consume_async (request->body, request, source_tag,
                            cancellable, callback, user_data);
}

static GBytes *
request_consume_finish (FetchRequest  *request,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, request), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);

  return fetch_body_consume_finish (result, error);
}

/**
 * fetch_request_bytes_async:
 * @request: a request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body (`request.bytes()`). Fails with %FETCH_ERROR_TYPE
 * when the body is already used.
 *
 * Since: 0.1
 */
void
fetch_request_bytes_async (FetchRequest        *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_REQUEST (request));

  request_consume (request, fetch_request_bytes_async, cancellable, callback, user_data);
}

/**
 * fetch_request_bytes_finish:
 * @request: a request
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Request.bytes_async].
 *
 * Returns: (transfer full): the body's bytes (empty for a null body), or
 *   %NULL with @error set
 *
 * Since: 0.1
 */
GBytes *
fetch_request_bytes_finish (FetchRequest  *request,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  return request_consume_finish (request, result, fetch_request_bytes_async, error);
}

/**
 * fetch_request_text_async:
 * @request: a request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body as UTF-8 text (`request.text()`). Fails with
 * %FETCH_ERROR_TYPE when the body is already used.
 *
 * Since: 0.1
 */
void
fetch_request_text_async (FetchRequest        *request,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_REQUEST (request));

  request_consume (request, fetch_request_text_async, cancellable, callback, user_data);
}

/**
 * fetch_request_text_finish:
 * @request: a request
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Request.text_async]. Invalid UTF-8 sequences
 * become U+FFFD and a byte order mark is removed.
 *
 * The text is a NUL-terminated string with no length, so it ends at the
 * first U+0000 (a body `a\0b` reads as `a`), in C and in bindings alike.
 * Use the bytes consumer ([method@Fetch.Request.bytes_async]) for a body
 * that may contain NUL.
 *
 * Returns: (transfer full): the body's text, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
fetch_request_text_finish (FetchRequest  *request,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  bytes = request_consume_finish (request, result, fetch_request_text_async, error);
  if (bytes == NULL)
    return NULL;
  return fetch_body_package_text (bytes);
}

/**
 * fetch_request_json_async:
 * @request: a request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body and parses it as JSON (`request.json()`). Fails
 * with %FETCH_ERROR_TYPE when the body is already used.
 *
 * Since: 0.1
 */
void
fetch_request_json_async (FetchRequest        *request,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_REQUEST (request));

  request_consume (request, fetch_request_json_async, cancellable, callback, user_data);
}

/**
 * fetch_request_json_finish:
 * @request: a request
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Request.json_async].
 *
 * As `JSON.parse()` gives, every number is a double, except that an
 * integer in the #gint64 range is a #gint64 value (read it with
 * json_node_get_double() to get what `JSON.parse()` gives). Strings are
 * NUL-terminated: one with an escaped U+0000 (`"a\u0000b"`) ends there.
 * A lone surrogate escape (`"\ud800"`), which UTF-8 cannot hold, is an
 * error.
 *
 * Returns: (transfer full): the parsed JSON, or %NULL with @error set
 *   (also when the body is not JSON)
 *
 * Since: 0.1
 */
JsonNode *
fetch_request_json_finish (FetchRequest  *request,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  bytes = request_consume_finish (request, result, fetch_request_json_async, error);
  if (bytes == NULL)
    return NULL;
  return fetch_body_package_json (bytes, error);
}

/**
 * fetch_request_form_data_async:
 * @request: a request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body and parses it as form data
 * (`request.formData()`), according to its `Content-Type`
 * (`multipart/form-data` or `application/x-www-form-urlencoded`). Fails
 * with %FETCH_ERROR_TYPE when the body is already used.
 *
 * Since: 0.1
 */
void
fetch_request_form_data_async (FetchRequest        *request,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_REQUEST (request));

  request_consume (request, fetch_request_form_data_async, cancellable, callback, user_data);
}

/**
 * fetch_request_form_data_finish:
 * @request: a request
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Request.form_data_async].
 *
 * Names and string values are NUL-terminated, so one holding U+0000
 * (`a=x%00y`) ends there; file entries keep all their bytes. Use the
 * bytes consumer ([method@Fetch.Request.bytes_async]) for a body that
 * may contain NUL in its names or string values.
 *
 * Returns: (transfer full): the form data, or %NULL with @error set
 *   (also when the body cannot be parsed as its `Content-Type` says)
 *
 * Since: 0.1
 */
FetchFormData *
fetch_request_form_data_finish (FetchRequest  *request,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  bytes = request_consume_finish (request, result, fetch_request_form_data_async, error);
  if (bytes == NULL)
    return NULL;
  return fetch_body_package_form_data (bytes, request->header_list, error);
}

/**
 * fetch_request_blob_async:
 * @request: a request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body has been read
 * @user_data: data for @callback
 *
 * Reads the whole body as a blob (`request.blob()`): its bytes and MIME
 * type. Fails with %FETCH_ERROR_TYPE when the body is already used.
 *
 * Since: 0.1
 */
void
fetch_request_blob_async (FetchRequest        *request,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (FETCH_IS_REQUEST (request));

  request_consume (request, fetch_request_blob_async, cancellable, callback, user_data);
}

/**
 * fetch_request_blob_finish:
 * @request: a request
 * @result: the result passed to the callback
 * @content_type: (out) (optional) (transfer full): return location for
 *   the blob's type: the request's `Content-Type` MIME type, serialized,
 *   or the empty string
 * @error: return location for a #GError
 *
 * Finishes [method@Fetch.Request.blob_async].
 *
 * Returns: (transfer full): the body's bytes, or %NULL with @error set
 *
 * Since: 0.1
 */
GBytes *
fetch_request_blob_finish (FetchRequest  *request,
                           GAsyncResult  *result,
                           char         **content_type,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (FETCH_IS_REQUEST (request), NULL);

  bytes = request_consume_finish (request, result, fetch_request_blob_async, error);
  if (bytes == NULL)
    return NULL;
  if (content_type != NULL)
    *content_type = fetch_body_package_blob_type (request->header_list);
  return g_steal_pointer (&bytes);
}
