/* fetch-origin.c: origins (HTML §7.5 "Origin")
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An origin is a tuple (scheme, host, port) or an opaque origin. Each
 * opaque origin is unique: it is same origin only with itself, so its
 * identity is the FetchOrigin pointer (references share it, copies
 * would not, and there is no copy function).
 */
#include "config.h"

#include <string.h>
#include <libpsl.h>

#include "fetch-error-private.h"
#include "fetch-origin-private.h"
#include "fetch-url-private.h"

struct _FetchOrigin {
  /* Atomic: a client's origin is shared with fetches in other threads
   * (fetch_client_dup_origin()). */
  gatomicrefcount ref_count;
  gboolean  opaque;
  char     *scheme;  /* tuple only: ASCII lowercase */
  char     *host;    /* tuple only: the serialized host, IPv6 in brackets */
  int       port;    /* tuple only: -1 = null (the scheme's default) */
};

G_DEFINE_BOXED_TYPE (FetchOrigin, fetch_origin, fetch_origin_ref, fetch_origin_unref)

/**
 * fetch_origin_new_tuple:
 * @scheme: the scheme, such as "https"
 * @host: the host, serialized (an IPv6 address in brackets)
 * @port: the port, or -1 for none
 *
 * Creates a tuple origin. @scheme and @host are ASCII-lowercased, and a
 * @port equal to the scheme's default port is stored as -1, the way an
 * origin obtained from a URL has it, so that the two compare equal.
 *
 * Returns: (transfer full): a new origin
 *
 * Since: 0.1
 */
FetchOrigin *
fetch_origin_new_tuple (const char *scheme,
                        const char *host,
                        int         port)
{
  FetchOrigin *origin;

  g_return_val_if_fail (scheme != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (port >= -1 && port <= 65535, NULL);

  origin = g_new0 (FetchOrigin, 1);
  g_atomic_ref_count_init (&origin->ref_count);
  origin->scheme = g_ascii_strdown (scheme, -1);
  origin->host = g_ascii_strdown (host, -1);
  /* NOTE(spec): a URL's port is null when it is the default one (URL
   * §4.4 port state), so an explicit default port is made null here too. */
  origin->port = port == fetch_url_default_port (origin->scheme) ? -1 : port;
  return origin;
}

/**
 * fetch_origin_new_opaque:
 *
 * Creates a new opaque origin, same origin only with itself.
 *
 * Returns: (transfer full): a new opaque origin
 *
 * Since: 0.1
 */
FetchOrigin *
fetch_origin_new_opaque (void)
{
  FetchOrigin *origin = g_new0 (FetchOrigin, 1);

  g_atomic_ref_count_init (&origin->ref_count);
  origin->opaque = TRUE;
  origin->port = -1;
  return origin;
}

/**
 * fetch_origin_new_for_url:
 * @url: a URL string
 * @error: return location for a #GError, or %NULL
 *
 * Parses @url and returns its origin (URL Standard §4 "origin"): a tuple
 * for http, https, ws, wss and ftp URLs, the origin of the inner URL for
 * blob: URLs whose path is an http(s) URL, and a new opaque origin for
 * anything else (file: URLs included).
 *
 * Returns: (transfer full): the origin, or %NULL with @error set to
 *   %FETCH_ERROR_TYPE if @url is not a valid URL
 *
 * Since: 0.1
 */
FetchOrigin *
fetch_origin_new_for_url (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) parsed = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = fetch_url_parse (url, NULL);
  if (parsed == NULL)
    {
      fetch_throw_type_error (error, _("“%s” is not a valid URL."), url);
      return NULL;
    }
  return fetch_url_get_origin (parsed);
}

/**
 * fetch_origin_ref:
 * @origin: an origin
 *
 * Takes a reference to @origin.
 *
 * Returns: (transfer full): @origin
 *
 * Since: 0.1
 */
FetchOrigin *
fetch_origin_ref (FetchOrigin *origin)
{
  g_return_val_if_fail (origin != NULL, NULL);

  g_atomic_ref_count_inc (&origin->ref_count);
  return origin;
}

/**
 * fetch_origin_unref:
 * @origin: (transfer full): an origin
 *
 * Drops a reference to @origin, freeing it when it was the last.
 *
 * Since: 0.1
 */
void
fetch_origin_unref (FetchOrigin *origin)
{
  g_return_if_fail (origin != NULL);

  if (g_atomic_ref_count_dec (&origin->ref_count))
    {
      g_free (origin->scheme);
      g_free (origin->host);
      g_free (origin);
    }
}

/**
 * fetch_origin_is_opaque:
 * @origin: an origin
 *
 * Whether @origin is an opaque origin rather than a tuple.
 *
 * Returns: %TRUE for an opaque origin
 *
 * Since: 0.1
 */
gboolean
fetch_origin_is_opaque (FetchOrigin *origin)
{
  g_return_val_if_fail (origin != NULL, FALSE);

  return origin->opaque;
}

/**
 * fetch_origin_get_scheme:
 * @origin: an origin
 *
 * The scheme of a tuple origin.
 *
 * Returns: (nullable): the scheme, or %NULL for an opaque origin
 *
 * Since: 0.1
 */
const char *
fetch_origin_get_scheme (FetchOrigin *origin)
{
  g_return_val_if_fail (origin != NULL, NULL);

  return origin->scheme;
}

/**
 * fetch_origin_get_host:
 * @origin: an origin
 *
 * The host of a tuple origin, serialized: a domain in ASCII, an IPv4
 * address in dotted decimal or an IPv6 address in brackets.
 *
 * Returns: (nullable): the host, or %NULL for an opaque origin
 *
 * Since: 0.1
 */
const char *
fetch_origin_get_host (FetchOrigin *origin)
{
  g_return_val_if_fail (origin != NULL, NULL);

  return origin->host;
}

/**
 * fetch_origin_get_port:
 * @origin: an origin
 *
 * The port of a tuple origin.
 *
 * Returns: the port, or -1 if it is null (the scheme's default port) or
 *   @origin is opaque
 *
 * Since: 0.1
 */
int
fetch_origin_get_port (FetchOrigin *origin)
{
  g_return_val_if_fail (origin != NULL, -1);

  return origin->port;
}

/**
 * fetch_origin_serialize:
 * @origin: an origin
 *
 * HTML "serialization of an origin": "null" for an opaque origin,
 * otherwise scheme "://" host, then ":" port if the port is not null.
 * This is the value of an `Origin` header.
 *
 * Returns: (transfer full): the serialization
 *
 * Since: 0.1
 */
char *
fetch_origin_serialize (FetchOrigin *origin)
{
  g_return_val_if_fail (origin != NULL, NULL);

  /* Step 1: opaque origins serialize as "null". */
  if (origin->opaque)
    return g_strdup ("null");
  /* Steps 2-5: scheme "://" host [":" port]. */
  if (origin->port != -1)
    return g_strdup_printf ("%s://%s:%d", origin->scheme, origin->host, origin->port);
  return g_strconcat (origin->scheme, "://", origin->host, NULL);
}

/**
 * fetch_origin_is_same_origin:
 * @a: an origin
 * @b: another origin
 *
 * HTML "same origin": @a and @b are the same opaque origin, or both are
 * tuples with equal scheme, host and port.
 *
 * Returns: whether @a and @b are same origin
 *
 * Since: 0.1
 */
gboolean
fetch_origin_is_same_origin (FetchOrigin *a,
                             FetchOrigin *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  /* Step 1: the same opaque origin (an origin is itself). */
  if (a == b)
    return TRUE;
  /* Step 2: tuples with identical components. */
  if (!a->opaque && !b->opaque)
    return strcmp (a->scheme, b->scheme) == 0 && strcmp (a->host, b->host) == 0 &&
           a->port == b->port;
  /* Step 3. */
  return FALSE;
}

static gpointer
load_public_suffix_list (gpointer data)
{
  const psl_ctx_t *ctx = psl_builtin ();

  return (gpointer) (ctx != NULL ? ctx : psl_latest (NULL));
}

/* URL §3.2 registrable domain of a host: NULL for hosts that are not
 * domains (IP addresses) and for public suffixes themselves. */
static const char *
host_registrable_domain (const char *host)
{
  static GOnce psl_once = G_ONCE_INIT;
  const psl_ctx_t *psl;

  /* IPv6 hosts are bracketed; IPv4 hosts end in a number, which no
   * domain that survives the host parser does. */
  if (host[0] == '[' || host[0] == '\0' || g_hostname_is_ip_address (host))
    return NULL;
  /* NOTE(spec): the public suffix list is libpsl's built-in copy, or the
   * system's if libpsl was built without one: loaded once, never changed
   * (not mutable state). */
  psl = g_once (&psl_once, load_public_suffix_list, NULL);
  if (psl == NULL)
    return NULL;
  return psl_registrable_domain (psl, host);
}

/* HTML "schemelessly same site". */
static gboolean
origin_is_schemelessly_same_site (FetchOrigin *a,
                                  FetchOrigin *b)
{
  const char *domain_a, *domain_b;

  /* Step 1: the same opaque origin. */
  if (a->opaque || b->opaque)
    return a == b;
  /* Step 2.1-2.2: equal hosts without a registrable domain. */
  domain_a = host_registrable_domain (a->host);
  domain_b = host_registrable_domain (b->host);
  if (strcmp (a->host, b->host) == 0 && domain_a == NULL)
    return TRUE;
  /* Step 2.3: equal non-null registrable domains. */
  return domain_a != NULL && domain_b != NULL && strcmp (domain_a, domain_b) == 0;
}

/**
 * fetch_origin_is_same_site:
 * @a: an origin
 * @b: another origin
 *
 * HTML "same site": @a and @b are schemelessly same site (the same
 * opaque origin, equal hosts, or hosts with the same registrable domain
 * under the public suffix list) and are either both opaque or tuples
 * with the same scheme.
 *
 * Returns: whether @a and @b are same site
 *
 * Since: 0.1
 */
gboolean
fetch_origin_is_same_site (FetchOrigin *a,
                           FetchOrigin *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (!origin_is_schemelessly_same_site (a, b))
    return FALSE;
  if (a->opaque || b->opaque)
    return a->opaque && b->opaque;
  return strcmp (a->scheme, b->scheme) == 0;
}

/* Same origin, where NULL (no origin set on the client) matches anything. */
gboolean
fetch_origin_equal_or_unset (FetchOrigin *a,
                             FetchOrigin *b)
{
  if (a == NULL || b == NULL)
    return TRUE;
  return fetch_origin_is_same_origin (a, b);
}
