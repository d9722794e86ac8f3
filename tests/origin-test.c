/* origin-test.c: origins (HTML §7.5): tuples, opaque origins,
 * serialization, same origin and same site
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "libfetch-glib/fetch.h"
#include "fetch-origin-private.h"

static void
test_origin_tuple (void)
{
  g_autoptr(FetchOrigin) origin = fetch_origin_new_tuple ("HTTPS", "Example.COM", 8443);
  g_autoptr(FetchOrigin) default_port = fetch_origin_new_tuple ("https", "example.com", 443);
  g_autoptr(FetchOrigin) other_scheme_port = fetch_origin_new_tuple ("http", "example.com", 443);
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL;

  g_test_summary ("A tuple origin keeps scheme, host and port; the default port is null");

  g_assert_false (fetch_origin_is_opaque (origin));
  g_assert_cmpstr (fetch_origin_get_scheme (origin), ==, "https");
  g_assert_cmpstr (fetch_origin_get_host (origin), ==, "example.com");
  g_assert_cmpint (fetch_origin_get_port (origin), ==, 8443);
  s1 = fetch_origin_serialize (origin);
  g_assert_cmpstr (s1, ==, "https://example.com:8443");

  g_assert_cmpint (fetch_origin_get_port (default_port), ==, -1);
  s2 = fetch_origin_serialize (default_port);
  g_assert_cmpstr (s2, ==, "https://example.com");

  g_assert_cmpint (fetch_origin_get_port (other_scheme_port), ==, 443);
  s3 = fetch_origin_serialize (other_scheme_port);
  g_assert_cmpstr (s3, ==, "http://example.com:443");
}

static void
test_origin_opaque (void)
{
  g_autoptr(FetchOrigin) a = fetch_origin_new_opaque ();
  g_autoptr(FetchOrigin) b = fetch_origin_new_opaque ();
  g_autoptr(FetchOrigin) a_ref = fetch_origin_ref (a);
  g_autoptr(FetchOrigin) a_copy = g_boxed_copy (FETCH_TYPE_ORIGIN, a);
  g_autofree char *s = fetch_origin_serialize (a);

  g_test_summary ("Each opaque origin is unique: same origin only with itself; serializes as \"null\"");

  g_assert_true (fetch_origin_is_opaque (a));
  g_assert_null (fetch_origin_get_scheme (a));
  g_assert_null (fetch_origin_get_host (a));
  g_assert_cmpint (fetch_origin_get_port (a), ==, -1);
  g_assert_cmpstr (s, ==, "null");
  g_assert_true (fetch_origin_is_same_origin (a, a));
  g_assert_true (fetch_origin_is_same_origin (a, a_ref));
  g_assert_true (fetch_origin_is_same_origin (a, a_copy));
  g_assert_false (fetch_origin_is_same_origin (a, b));
  g_assert_true (fetch_origin_is_same_site (a, a_ref));
  g_assert_false (fetch_origin_is_same_site (a, b));
}

static void
test_origin_for_url (void)
{
  static const struct {
    const char *url;
    const char *serialized;
  } cases[] = {
    { "https://example.com/a?b#c", "https://example.com" },
    { "HTTP://EXAMPLE.com:80", "http://example.com" },
    { "http://example.com:8080/", "http://example.com:8080" },
    { "http://b\xc3\xbc" "cher.de/", "http://xn--bcher-kva.de" },
    { "http://[0::1]:81/", "http://[::1]:81" },
    { "http://0x7f.1/", "http://127.0.0.1" },
    { "ws://x/", "ws://x" },
    { "ftp://x:22/", "ftp://x:22" },
    { "blob:https://example.com/uuid", "https://example.com" },
    { "blob:ws://x/", "null" },
    { "file:///etc/passwd", "null" },
    { "data:,hello", "null" },
    { "about:blank", "null" },
    { "javascript:1", "null" },
  };

  g_test_summary ("fetch_origin_new_for_url parses the URL and takes its URL §4 origin");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchOrigin) origin = fetch_origin_new_for_url (cases[i].url, &error);
      g_autofree char *s = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (origin);
      s = fetch_origin_serialize (origin);
      g_assert_cmpstr (s, ==, cases[i].serialized);
    }
}

static void
test_origin_for_url_opaque_unique (void)
{
  g_autoptr(FetchOrigin) a = fetch_origin_new_for_url ("data:,x", NULL);
  g_autoptr(FetchOrigin) b = fetch_origin_new_for_url ("data:,x", NULL);

  g_test_summary ("Two parses of the same opaque-origin URL give two different origins");

  g_assert_false (fetch_origin_is_same_origin (a, b));
}

static void
test_origin_for_url_invalid (void)
{
  static const char *const invalid[] = {
    "not a url",
    "http://",
    "http://exa mple.com/",
    "http://example.com:65536/",
    "",
  };

  g_test_summary ("An invalid URL is a TypeError naming the URL");

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchOrigin) origin = fetch_origin_new_for_url (invalid[i], &error);

      g_assert_null (origin);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
      g_assert_nonnull (strstr (error->message, invalid[i]));
    }
  /* A NULL error is fine too. */
  g_assert_null (fetch_origin_new_for_url ("::", NULL));
}

static void
test_origin_same_origin (void)
{
  static const struct {
    const char *a;
    const char *b;
    gboolean    same;
  } cases[] = {
    { "https://example.com/a", "https://example.com/b?c", TRUE },
    { "https://example.com", "https://example.com:443", TRUE },
    { "https://u:p@example.com", "https://example.com", TRUE },
    { "https://EXAMPLE.com", "https://example.com", TRUE },
    { "blob:https://example.com/x", "https://example.com/", TRUE },
    { "https://example.com", "http://example.com", FALSE },
    { "https://example.com", "https://example.com:444", FALSE },
    { "https://a.example.com", "https://example.com", FALSE },
    { "http://127.0.0.1", "http://0x7f.0.0.1", TRUE },
    { "http://127.0.0.1", "http://localhost", FALSE },
  };

  g_test_summary ("HTML same origin: tuples with equal scheme, host and port");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchOrigin) a = fetch_origin_new_for_url (cases[i].a, NULL);
      g_autoptr(FetchOrigin) b = fetch_origin_new_for_url (cases[i].b, NULL);

      g_assert_cmpint (fetch_origin_is_same_origin (a, b), ==, cases[i].same);
      g_assert_cmpint (fetch_origin_is_same_origin (b, a), ==, cases[i].same);
    }
}

static void
test_origin_same_site (void)
{
  static const struct {
    const char *a;
    const char *b;
    gboolean    same;
  } cases[] = {
    { "https://example.com", "https://example.com:8443", TRUE },
    { "https://a.example.com", "https://b.example.com", TRUE },
    { "https://a.example.com", "https://example.com", TRUE },
    { "https://example.com", "http://example.com", FALSE },
    { "https://a.example.com", "https://a.example.org", FALSE },
    /* Public suffixes: the registrable domain is one label more. */
    { "https://x.a.co.uk", "https://y.a.co.uk", TRUE },
    { "https://a.co.uk", "https://b.co.uk", FALSE },
    { "https://co.uk", "https://co.uk:444", TRUE },
    { "https://co.uk", "https://a.co.uk", FALSE },
    { "https://a.github.io", "https://b.github.io", FALSE },
    /* Hosts without a registrable domain compare exactly. */
    { "https://localhost", "https://localhost:8443", TRUE },
    { "https://127.0.0.1", "https://127.0.0.1:8080", TRUE },
    { "https://127.0.0.1", "https://127.0.0.2", FALSE },
    { "http://[::1]", "http://[::1]:81", TRUE },
    { "http://[::1]", "http://[::2]", FALSE },
    /* The trailing dot is part of the registrable domain (URL §3.2). */
    { "https://example.com.", "https://example.com", FALSE },
    /* Opaque and tuple origins are never same site. */
    { "data:,x", "https://example.com", FALSE },
  };

  g_test_summary ("HTML same site: schemelessly same site (libpsl registrable domains) and same scheme");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchOrigin) a = fetch_origin_new_for_url (cases[i].a, NULL);
      g_autoptr(FetchOrigin) b = fetch_origin_new_for_url (cases[i].b, NULL);

      g_test_message ("%s vs %s", cases[i].a, cases[i].b);
      g_assert_cmpint (fetch_origin_is_same_site (a, b), ==, cases[i].same);
      g_assert_cmpint (fetch_origin_is_same_site (b, a), ==, cases[i].same);
    }
}

static void
test_origin_equal_or_unset (void)
{
  g_autoptr(FetchOrigin) a = fetch_origin_new_tuple ("https", "example.com", -1);
  g_autoptr(FetchOrigin) b = fetch_origin_new_tuple ("https", "example.org", -1);
  g_autoptr(FetchOrigin) a2 = fetch_origin_new_tuple ("https", "example.com", 443);

  g_test_summary ("An unset (NULL) origin matches anything; set origins compare same origin");

  g_assert_true (fetch_origin_equal_or_unset (NULL, NULL));
  g_assert_true (fetch_origin_equal_or_unset (a, NULL));
  g_assert_true (fetch_origin_equal_or_unset (NULL, b));
  g_assert_true (fetch_origin_equal_or_unset (a, a2));
  g_assert_false (fetch_origin_equal_or_unset (a, b));
}

static void
test_origin_boxed (void)
{
  g_autoptr(FetchOrigin) origin = fetch_origin_new_tuple ("https", "example.com", -1);
  g_auto(GValue) value = G_VALUE_INIT;

  g_test_summary ("FetchOrigin is a boxed type that GValue can hold");

  g_assert_true (G_TYPE_IS_BOXED (FETCH_TYPE_ORIGIN));
  g_value_init (&value, FETCH_TYPE_ORIGIN);
  g_value_set_boxed (&value, origin);
  g_assert_true (g_value_get_boxed (&value) == origin);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/origin/tuple", test_origin_tuple);
  g_test_add_func ("/fetch/origin/opaque", test_origin_opaque);
  g_test_add_func ("/fetch/origin/for-url", test_origin_for_url);
  g_test_add_func ("/fetch/origin/for-url/opaque-unique", test_origin_for_url_opaque_unique);
  g_test_add_func ("/fetch/origin/for-url/invalid", test_origin_for_url_invalid);
  g_test_add_func ("/fetch/origin/same-origin", test_origin_same_origin);
  g_test_add_func ("/fetch/origin/same-site", test_origin_same_site);
  g_test_add_func ("/fetch/origin/equal-or-unset", test_origin_equal_or_unset);
  g_test_add_func ("/fetch/origin/boxed", test_origin_boxed);

  return g_test_run ();
}
