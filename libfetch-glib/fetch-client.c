/* fetch-client.c: the environment a fetch runs for
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A FetchClient is what the standard calls a request's client (an
 * environment settings object) together with its fetch group (§2.4): the
 * origin and base URL scripts resolve against, the referrer policy, the
 * user agent's defaults, and the SoupSession every fetch of the client
 * goes through.
 *
 * An unset origin (the default) means "no origin": such a client behaves
 * like the server-side runtimes (Node, Deno). At every step that reads the
 * client's origin:
 *  - §4.1 main fetch step 12: every request URL counts as same-origin with
 *    the client, so no request takes a CORS branch and nothing is
 *    CORS-blocked; responses are basic.
 *  - §3.1 `Origin` header: none is sent (fetch-http.c), as Node and Deno.
 *  - Referrer (Referrer Policy §8.3): with no origin there is no client
 *    referrer, so "client" determines to no referrer (fetch-main.c); an
 *    explicit URL referrer still goes through the referrer policy.
 *  - §4.4 steps 9-10 and the redirect-tainted origin: same origin.
 *
 * The fetch group and who owns the client (§2.4): "when a fetch group is
 * terminated" -- its environment goes away -- its fetches that are not
 * keepalive are terminated. The application owns a client's references;
 * its ongoing fetches do not take any. Their params and request copy
 * borrow the client (fetch-main.c), and the GTask their callback gets
 * holds no reference on it until the response is handed over, so that
 * a GTask waiting for headers does not hold the client either. So the application's
 * last g_object_unref() disposes the client even while fetches run, and
 * dispose terminates the group. Fetches still in the group then
 * (terminated ones until their callback and finale have run, keepalive
 * ones until they end) need their client: dispose takes one reference
 * on the client for the group ("held"), dropped when the last fetch
 * leaves it, which finalizes the client. A terminated fetch's callback
 * thus still gets the (disposed) client as its source object and fails
 * with a network error, once. With bindings, "the last reference" is
 * the wrapper's, dropped by their garbage collector.
 */
#include "config.h"

#include "fetch-client-private.h"
#include "fetch-controller-private.h"
#include "fetch-enum-types.h"
#include "fetch-error-private.h"
#include "fetch-scheme-private.h"
#include "fetch-url-private.h"

/**
 * FetchClient:
 *
 * The environment fetches run for (the standard's environment settings
 * object and its fetch group): origin, API base URL, referrer policy, the
 * user agent's default headers, and one `SoupSession` whose connections
 * all its fetches share.
 *
 * A client belongs to the thread-default main context it was created on:
 * create one per thread that fetches asynchronously, or use
 * [method@Fetch.Client.fetch_sync] from any thread.
 *
 * Since: 0.1
 */

/* NOTE(spec): libsoup's defaults (10 total, 2 per host) queue a program's
 * concurrent fetches; browsers allow about 6 per host over HTTP/1.1 but
 * also multiplex over HTTP/2. A library that serves scripts and servers
 * must not quietly serialize them, so we default to 256 / 64. */
#define DEFAULT_MAX_CONNECTIONS          256
#define DEFAULT_MAX_CONNECTIONS_PER_HOST 64

struct _FetchClient {
  GObject parent_instance;

  GMainContext        *context;
  SoupSession         *session;

  GMutex               lock;              /* guards the fields below */
  char                *base_url;
  GUri                *base_uri;
  FetchOrigin         *origin;
  char                *user_agent;
  char                *accept_language;
  FetchReferrerPolicy  referrer_policy;
  GTlsDatabase        *tls_database;
  GPtrArray           *ongoing;           /* of FetchController* (no ref) */
  gboolean             fetched;           /* a fetch started: the session is in use */
  gboolean             held;              /* disposed with fetches ongoing: they hold a ref */
  FetchBlobStore      *blobs;

  int                  max_connections;
  int                  max_connections_per_host;
};

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_ORIGIN,
  PROP_USER_AGENT,
  PROP_ACCEPT_LANGUAGE,
  PROP_REFERRER_POLICY,
  PROP_TLS_DATABASE,
  PROP_MAX_CONNECTIONS,
  PROP_MAX_CONNECTIONS_PER_HOST,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (FetchClient, fetch_client, G_TYPE_OBJECT)

static void
fetch_client_init (FetchClient *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  self->user_agent = g_strdup ("libfetch-glib/" PACKAGE_VERSION);
  self->accept_language = g_strdup ("*");
  self->ongoing = g_ptr_array_new ();
  self->blobs = fetch_blob_store_new ();
  self->max_connections = DEFAULT_MAX_CONNECTIONS;
  self->max_connections_per_host = DEFAULT_MAX_CONNECTIONS_PER_HOST;
}

/* A NULL database on a SoupSession would mean "verify nothing": ours
 * means the system's. */
static void
apply_tls_database (SoupSession  *session,
                    GTlsDatabase *database)
{
  g_autoptr(GTlsDatabase) system_database = NULL;

  if (database == NULL)
    database = system_database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  soup_session_set_tls_database (session, database);
}

static void
fetch_client_constructed (GObject *object)
{
  FetchClient *self = FETCH_CLIENT (object);

  G_OBJECT_CLASS (fetch_client_parent_class)->constructed (object);

  /* libsoup's automatic redirects are off per message
   * (SOUP_MESSAGE_NO_REDIRECT): HTTP-redirect fetch (§4.4) is ours. The
   * User-Agent and Accept-Language headers are ours too (§4.5). */
  self->session = soup_session_new_with_options ("max-conns", self->max_connections,
                                                 "max-conns-per-host", self->max_connections_per_host,
                                                 NULL);
  /* NOTE(spec): no authentication entries and nobody to prompt (§4.5
   * step 14 needs a window): a 401 is returned as is, and credentials in
   * a URL are never sent. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
  if (self->tls_database != NULL)
    apply_tls_database (self->session, self->tls_database);
}

static void
fetch_client_dispose (GObject *object)
{
  FetchClient *self = FETCH_CLIENT (object);
  gboolean hold;

  /* The fetches still in the group keep their (borrowed) client until
   * they leave it: fetch_client_remove_fetch() drops this reference. */
  g_mutex_lock (&self->lock);
  hold = self->ongoing->len > 0 && !self->held;
  if (hold)
    self->held = TRUE;
  g_mutex_unlock (&self->lock);
  if (hold)
    g_object_ref (self);

  /* §2.4: when a fetch group is terminated, terminate its fetches that
   * are not keepalive. */
  fetch_client_terminate (self);

  G_OBJECT_CLASS (fetch_client_parent_class)->dispose (object);
}

static void
fetch_client_finalize (GObject *object)
{
  FetchClient *self = FETCH_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->base_url);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->origin, fetch_origin_unref);
  g_free (self->user_agent);
  g_free (self->accept_language);
  g_clear_object (&self->tls_database);
  g_ptr_array_unref (self->ongoing);
  fetch_blob_store_free (self->blobs);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (fetch_client_parent_class)->finalize (object);
}

static void
fetch_client_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FetchClient *self = FETCH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_mutex_lock (&self->lock);
      g_value_set_string (value, self->base_url);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_ORIGIN:
      g_mutex_lock (&self->lock);
      g_value_set_boxed (value, self->origin);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_USER_AGENT:
      g_value_take_string (value, fetch_client_dup_user_agent (self));
      break;
    case PROP_ACCEPT_LANGUAGE:
      g_value_take_string (value, fetch_client_dup_accept_language (self));
      break;
    case PROP_REFERRER_POLICY:
      g_value_set_enum (value, fetch_client_get_referrer_policy (self));
      break;
    case PROP_TLS_DATABASE:
      g_value_take_object (value, fetch_client_dup_tls_database (self));
      break;
    case PROP_MAX_CONNECTIONS:
      g_value_set_int (value, self->max_connections);
      break;
    case PROP_MAX_CONNECTIONS_PER_HOST:
      g_value_set_int (value, self->max_connections_per_host);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fetch_client_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FetchClient *self = FETCH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        g_autoptr(GError) error = NULL;

        if (!fetch_client_set_base_url (self, g_value_get_string (value), &error))
          g_warning ("%s", error->message);
      }
      break;
    case PROP_ORIGIN:
      fetch_client_set_origin (self, g_value_get_boxed (value));
      break;
    case PROP_USER_AGENT:
      fetch_client_set_user_agent (self, g_value_get_string (value));
      break;
    case PROP_ACCEPT_LANGUAGE:
      fetch_client_set_accept_language (self, g_value_get_string (value));
      break;
    case PROP_REFERRER_POLICY:
      fetch_client_set_referrer_policy (self, g_value_get_enum (value));
      break;
    case PROP_TLS_DATABASE:
      fetch_client_set_tls_database (self, g_value_get_object (value));
      break;
    case PROP_MAX_CONNECTIONS:
      self->max_connections = g_value_get_int (value);
      break;
    case PROP_MAX_CONNECTIONS_PER_HOST:
      self->max_connections_per_host = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fetch_client_class_init (FetchClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = fetch_client_constructed;
  object_class->dispose = fetch_client_dispose;
  object_class->finalize = fetch_client_finalize;
  object_class->get_property = fetch_client_get_property;
  object_class->set_property = fetch_client_set_property;

  /**
   * FetchClient:base-url:
   *
   * The API base URL: relative request URLs are parsed against it. %NULL
   * (the default) means none, and a relative URL is then a TypeError.
   * Setting an unparsable URL through g_object_set() logs a warning and
   * leaves the property unchanged; use [method@Fetch.Client.set_base_url]
   * to get the error.
   *
   * Since: 0.1
   */
  props[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FetchClient:origin:
   *
   * The client's origin. %NULL (the default) means unset: every URL then
   * counts as same-origin with the client, as in server-side runtimes, so
   * nothing is CORS-blocked. A web view or a script acting for a site
   * sets a tuple origin and gets the standard's full origin model.
   *
   * Since: 0.1
   */
  props[PROP_ORIGIN] =
    g_param_spec_boxed ("origin", NULL, NULL, FETCH_TYPE_ORIGIN,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FetchClient:user-agent:
   *
   * The `User-Agent` header value sent when a request has none
   * (§4.5); %NULL or empty sends none. Defaults to
   * "libfetch-glib/VERSION".
   *
   * Since: 0.1
   */
  props[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, "libfetch-glib/" PACKAGE_VERSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FetchClient:accept-language:
   *
   * The `Accept-Language` header value sent when a request has none
   * (§4.5); %NULL or empty sends none. Defaults to "*", as server-side
   * runtimes send.
   *
   * Since: 0.1
   */
  props[PROP_ACCEPT_LANGUAGE] =
    g_param_spec_string ("accept-language", NULL, NULL, "*",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FetchClient:referrer-policy:
   *
   * The client's referrer policy, used for requests whose own policy is
   * the empty string. [enum@Fetch.ReferrerPolicy.NONE] (the default)
   * means the standard's default, "strict-origin-when-cross-origin".
   *
   * Since: 0.1
   */
  props[PROP_REFERRER_POLICY] =
    g_param_spec_enum ("referrer-policy", NULL, NULL,
                       FETCH_TYPE_REFERRER_POLICY, FETCH_REFERRER_POLICY_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FetchClient:tls-database:
   *
   * The certificate authorities TLS connections are verified against:
   * set it to trust a private certificate authority. %NULL (the default)
   * uses the system's database. It can change only until the client's
   * first fetch (see [method@Fetch.Client.set_tls_database]).
   *
   * Since: 0.1
   */
  props[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FetchClient:max-connections:
   *
   * The most connections the client keeps open at once (default 256).
   * Fetches beyond it wait for a connection.
   *
   * Since: 0.1
   */
  props[PROP_MAX_CONNECTIONS] =
    g_param_spec_int ("max-connections", NULL, NULL, 1, G_MAXINT, DEFAULT_MAX_CONNECTIONS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FetchClient:max-connections-per-host:
   *
   * The most connections the client keeps open to one host (default 64).
   *
   * Since: 0.1
   */
  props[PROP_MAX_CONNECTIONS_PER_HOST] =
    g_param_spec_int ("max-connections-per-host", NULL, NULL, 1, G_MAXINT,
                      DEFAULT_MAX_CONNECTIONS_PER_HOST,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, props);
}

/**
 * fetch_client_new:
 *
 * Creates a client with no origin and no base URL. It belongs to the
 * thread-default main context of the caller: the callbacks of its
 * asynchronous fetches run there.
 *
 * Returns: (transfer full): a new client
 *
 * Since: 0.1
 */
FetchClient *
fetch_client_new (void)
{
  return g_object_new (FETCH_TYPE_CLIENT, NULL);
}

/**
 * fetch_client_get_default:
 *
 * Returns the process-wide client that [func@Fetch.fetch_async] and
 * requests made without a client use. It is created on first use,
 * thread-safely, with no origin and no base URL, and lives as long as
 * the process.
 *
 * Returns: (transfer none): the default client
 *
 * Since: 0.1
 */
FetchClient *
fetch_client_get_default (void)
{
  static gsize default_client = 0;

  /* NOTE: the default client is created with the global default main
   * context, whoever calls first: async fetches from another thread's
   * context run on that thread's context anyway (see fetch-main.c). */
  if (g_once_init_enter (&default_client))
    {
      FetchClient *client;

      g_main_context_push_thread_default (NULL);
      client = fetch_client_new ();
      g_main_context_pop_thread_default (NULL);
      g_once_init_leave (&default_client, (gsize) client);
    }
  return (FetchClient *) default_client;
}

/**
 * fetch_client_get_base_url:
 * @client: a client
 *
 * Gets the API base URL, serialized. Like any GObject getter, this is
 * for the thread that owns the client: the string returned is only valid
 * until the next [method@Fetch.Client.set_base_url].
 *
 * Returns: (nullable): the base URL, or %NULL for none
 *
 * Since: 0.1
 */
const char *
fetch_client_get_base_url (FetchClient *client)
{
  const char *base_url;

  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);

  /* NOTE: returned unlocked like any GObject getter: set it from the
   * client's own thread. */
  g_mutex_lock (&client->lock);
  base_url = client->base_url;
  g_mutex_unlock (&client->lock);
  return base_url;
}

/**
 * fetch_client_set_base_url:
 * @client: a client
 * @base_url: (nullable): an absolute URL, or %NULL for none
 * @error: return location for a [error@Fetch.Error.TYPE] error
 *
 * Sets the API base URL that relative request URLs are parsed against.
 *
 * Returns: %TRUE on success; %FALSE if @base_url is not an absolute URL,
 *   leaving the base URL unchanged
 *
 * Since: 0.1
 */
gboolean
fetch_client_set_base_url (FetchClient *client,
                           const char  *base_url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (FETCH_IS_CLIENT (client), FALSE);

  if (base_url != NULL)
    {
      uri = fetch_url_parse (base_url, NULL);
      if (uri == NULL)
        return fetch_throw_type_error (error, _("“%s” is not a valid absolute URL."), base_url);
    }

  g_mutex_lock (&client->lock);
  g_clear_pointer (&client->base_uri, g_uri_unref);
  g_free (client->base_url);
  client->base_uri = g_steal_pointer (&uri);
  client->base_url = client->base_uri ? g_uri_to_string (client->base_uri) : NULL;
  g_mutex_unlock (&client->lock);

  g_object_notify_by_pspec (G_OBJECT (client), props[PROP_BASE_URL]);
  return TRUE;
}

/**
 * fetch_client_get_origin:
 * @client: a client
 *
 * Gets the client's origin. Like any GObject getter, this is for the
 * thread that owns the client: the origin returned is only valid until
 * the next [method@Fetch.Client.set_origin].
 *
 * Returns: (nullable) (transfer none): the origin, or %NULL if unset
 *
 * Since: 0.1
 */
FetchOrigin *
fetch_client_get_origin (FetchClient *client)
{
  FetchOrigin *origin;

  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);

  g_mutex_lock (&client->lock);
  origin = client->origin;
  g_mutex_unlock (&client->lock);
  return origin;
}

/**
 * fetch_client_set_origin:
 * @client: a client
 * @origin: (nullable): an origin, or %NULL to unset it
 *
 * Sets the client's origin. See [property@Fetch.Client:origin] for what
 * an unset origin means.
 *
 * Since: 0.1
 */
void
fetch_client_set_origin (FetchClient *client,
                         FetchOrigin *origin)
{
  FetchOrigin *old;

  g_return_if_fail (FETCH_IS_CLIENT (client));

  g_mutex_lock (&client->lock);
  old = client->origin;
  client->origin = origin ? fetch_origin_ref (origin) : NULL;
  g_mutex_unlock (&client->lock);
  g_clear_pointer (&old, fetch_origin_unref);

  g_object_notify_by_pspec (G_OBJECT (client), props[PROP_ORIGIN]);
}

/* Returns a reference to the client's origin (thread-safe). */
FetchOrigin *
fetch_client_dup_origin (FetchClient *client)
{
  FetchOrigin *origin;

  g_mutex_lock (&client->lock);
  origin = client->origin ? fetch_origin_ref (client->origin) : NULL;
  g_mutex_unlock (&client->lock);
  return origin;
}

/* Returns a reference to the API base URL (thread-safe): a fetch or a
 * Request constructor in another thread may race a set_base_url(). */
GUri *
fetch_client_dup_base_uri (FetchClient *client)
{
  GUri *uri;

  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);

  g_mutex_lock (&client->lock);
  uri = client->base_uri ? g_uri_ref (client->base_uri) : NULL;
  g_mutex_unlock (&client->lock);
  return uri;
}

static void
set_string_locked (FetchClient *client,
                   char       **field,
                   const char  *value,
                   GParamSpec  *pspec)
{
  g_mutex_lock (&client->lock);
  if (g_strcmp0 (*field, value) == 0)
    {
      g_mutex_unlock (&client->lock);
      return;
    }
  g_free (*field);
  *field = g_strdup (value);
  g_mutex_unlock (&client->lock);
  g_object_notify_by_pspec (G_OBJECT (client), pspec);
}

static char *
dup_string_locked (FetchClient *client,
                   char       **field)
{
  char *value;

  g_mutex_lock (&client->lock);
  value = g_strdup (*field);
  g_mutex_unlock (&client->lock);
  return value;
}

/**
 * fetch_client_dup_user_agent:
 * @client: a client
 *
 * Gets the default `User-Agent` header value.
 *
 * Returns: (transfer full) (nullable): the user agent, or %NULL for none
 *
 * Since: 0.1
 */
char *
fetch_client_dup_user_agent (FetchClient *client)
{
  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);
  return dup_string_locked (client, &client->user_agent);
}

/**
 * fetch_client_set_user_agent:
 * @client: a client
 * @user_agent: (nullable): the `User-Agent` value, or %NULL for none
 *
 * Sets the `User-Agent` header value sent with requests that have none.
 * A value that is not a valid header value (CR, LF or NUL in it) makes
 * fetches fail with a TypeError.
 *
 * Since: 0.1
 */
void
fetch_client_set_user_agent (FetchClient *client,
                             const char  *user_agent)
{
  g_return_if_fail (FETCH_IS_CLIENT (client));
  set_string_locked (client, &client->user_agent,
                     user_agent && *user_agent ? user_agent : NULL,
                     props[PROP_USER_AGENT]);
}

/**
 * fetch_client_dup_accept_language:
 * @client: a client
 *
 * Gets the default `Accept-Language` header value.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL for none
 *
 * Since: 0.1
 */
char *
fetch_client_dup_accept_language (FetchClient *client)
{
  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);
  return dup_string_locked (client, &client->accept_language);
}

/**
 * fetch_client_set_accept_language:
 * @client: a client
 * @accept_language: (nullable): the `Accept-Language` value, or %NULL for none
 *
 * Sets the `Accept-Language` header value sent with requests that have
 * none.
 *
 * Since: 0.1
 */
void
fetch_client_set_accept_language (FetchClient *client,
                                  const char  *accept_language)
{
  g_return_if_fail (FETCH_IS_CLIENT (client));
  set_string_locked (client, &client->accept_language,
                     accept_language && *accept_language ? accept_language : NULL,
                     props[PROP_ACCEPT_LANGUAGE]);
}

/**
 * fetch_client_get_referrer_policy:
 * @client: a client
 *
 * Gets the client's referrer policy.
 *
 * Returns: the referrer policy
 *
 * Since: 0.1
 */
FetchReferrerPolicy
fetch_client_get_referrer_policy (FetchClient *client)
{
  g_return_val_if_fail (FETCH_IS_CLIENT (client), FETCH_REFERRER_POLICY_NONE);
  return (FetchReferrerPolicy) g_atomic_int_get ((int *) &client->referrer_policy);
}

FetchReferrerPolicy
fetch_client_get_referrer_policy_internal (FetchClient *client)
{
  return fetch_client_get_referrer_policy (client);
}

/**
 * fetch_client_set_referrer_policy:
 * @client: a client
 * @policy: a referrer policy
 *
 * Sets the client's referrer policy; see
 * [property@Fetch.Client:referrer-policy].
 *
 * Since: 0.1
 */
void
fetch_client_set_referrer_policy (FetchClient         *client,
                                  FetchReferrerPolicy  policy)
{
  g_return_if_fail (FETCH_IS_CLIENT (client));

  if ((FetchReferrerPolicy) g_atomic_int_exchange ((int *) &client->referrer_policy, policy) != policy)
    g_object_notify_by_pspec (G_OBJECT (client), props[PROP_REFERRER_POLICY]);
}

/**
 * fetch_client_dup_tls_database:
 * @client: a client
 *
 * Gets the TLS database set on the client.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL for the
 *   system's
 *
 * Since: 0.1
 */
GTlsDatabase *
fetch_client_dup_tls_database (FetchClient *client)
{
  GTlsDatabase *database;

  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);

  g_mutex_lock (&client->lock);
  database = client->tls_database ? g_object_ref (client->tls_database) : NULL;
  g_mutex_unlock (&client->lock);
  return database;
}

/**
 * fetch_client_set_tls_database:
 * @client: a client
 * @database: (nullable): a TLS database, or %NULL for the system's
 *
 * Sets the certificate authorities TLS connections are verified against.
 *
 * The database is part of the client's configuration: set it at
 * construction ([property@Fetch.Client:tls-database]) or with this
 * function from the thread that created the client, before its first
 * fetch. Once the client has started a fetch its connections may be
 * verified against the database in use, from any thread, so changing it
 * is a programmer error: it logs a critical and changes nothing. Make a
 * new client for another database.
 *
 * Since: 0.1
 */
void
fetch_client_set_tls_database (FetchClient  *client,
                               GTlsDatabase *database)
{
  g_return_if_fail (FETCH_IS_CLIENT (client));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  /* libsoup lets a session be configured only from the thread that made
   * it and before any request: the lock keeps a first fetch (which sets
   * fetched under it) from starting while the session is reconfigured. */
  g_mutex_lock (&client->lock);
  if (client->tls_database == database)
    {
      g_mutex_unlock (&client->lock);
      return;
    }
  if (client->fetched)
    {
      g_mutex_unlock (&client->lock);
      g_critical ("%s: the TLS database of a client cannot change once it has fetched; "
                  "make a new client instead", G_STRFUNC);
      return;
    }
  g_set_object (&client->tls_database, database);
  if (client->session != NULL)
    apply_tls_database (client->session, database);
  g_mutex_unlock (&client->lock);

  g_object_notify_by_pspec (G_OBJECT (client), props[PROP_TLS_DATABASE]);
}

SoupSession *
fetch_client_get_session (FetchClient *client)
{
  return client->session;
}

GMainContext *
fetch_client_get_context (FetchClient *client)
{
  return client->context;
}

FetchBlobStore *
fetch_client_get_blob_store (FetchClient *client)
{
  return client->blobs;
}

/**
 * fetch_client_terminate:
 * @client: a client
 *
 * Terminates the client's fetch group (§2.4): every ongoing fetch of the
 * client that is not keepalive ends with a network error (or, if its
 * response was already handed over, its body stream fails). Dropping
 * the last reference to the client does the same: ongoing fetches do
 * not keep their client alive, but their callbacks still run, once,
 * with the client as source object. The client stays usable for new
 * fetches.
 *
 * Since: 0.1
 */
void
fetch_client_terminate (FetchClient *client)
{
  g_autoptr(GPtrArray) victims = NULL;

  g_return_if_fail (FETCH_IS_CLIENT (client));

  /* Terminate outside the lock: cancellation handlers may remove their
   * fetch from the list. */
  victims = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_lock (&client->lock);
  for (guint i = 0; i < client->ongoing->len; i++)
    {
      FetchController *controller = client->ongoing->pdata[i];

      if (!fetch_controller_get_keepalive (controller))
        g_ptr_array_add (victims, g_object_ref (controller));
    }
  g_mutex_unlock (&client->lock);

  for (guint i = 0; i < victims->len; i++)
    fetch_controller_terminate (victims->pdata[i]);
}

void
fetch_client_add_fetch (FetchClient     *client,
                        FetchController *controller)
{
  g_mutex_lock (&client->lock);
  g_ptr_array_add (client->ongoing, controller);
  client->fetched = TRUE;
  g_mutex_unlock (&client->lock);
}

void
fetch_client_remove_fetch (FetchClient     *client,
                           FetchController *controller)
{
  gboolean release;

  g_mutex_lock (&client->lock);
  g_ptr_array_remove_fast (client->ongoing, controller);
  release = client->held && client->ongoing->len == 0;
  if (release)
    client->held = FALSE;
  g_mutex_unlock (&client->lock);

  /* The last fetch of a disposed client: this may finalize it. */
  if (release)
    g_object_unref (client);
}

/**
 * fetch_client_create_object_url:
 * @client: a client
 * @bytes: the blob's bytes
 * @content_type: (nullable): the blob's type, or %NULL for ""
 *
 * Creates a blob URL for @bytes (File API, `URL.createObjectURL()`):
 * fetching it with this client gives @bytes with @content_type as
 * `Content-Type`, until it is revoked.
 *
 * Returns: (transfer full): a new "blob:" URL whose origin is the
 *   client's
 *
 * Since: 0.1
 */
char *
fetch_client_create_object_url (FetchClient *client,
                                GBytes      *bytes,
                                const char  *content_type)
{
  g_autoptr(FetchOrigin) origin = NULL;

  g_return_val_if_fail (FETCH_IS_CLIENT (client), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  origin = fetch_client_dup_origin (client);
  return fetch_blob_store_add (client->blobs, origin, bytes, content_type);
}

/**
 * fetch_client_revoke_object_url:
 * @client: a client
 * @url: a URL from [method@Fetch.Client.create_object_url]
 *
 * Revokes a blob URL (`URL.revokeObjectURL()`): fetching it is then a
 * network error. Unknown URLs are ignored.
 *
 * Since: 0.1
 */
void
fetch_client_revoke_object_url (FetchClient *client,
                                const char  *url)
{
  g_return_if_fail (FETCH_IS_CLIENT (client));
  g_return_if_fail (url != NULL);

  fetch_blob_store_revoke (client->blobs, url);
}
