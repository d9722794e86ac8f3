/* url-test.c: URL Standard parsing and serialization on top of GUri
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The vectors follow the style of web-platform-tests' urltestdata: an
 * input, an optional base, and the URL Standard's serialization (NULL for
 * failure). Each is a case where GUri alone gives something else, or a
 * behaviour that has to be kept.
 */
#include "config.h"

#include "libfetch-glib/fetch.h"
#include "fetch-url-private.h"

typedef struct {
  const char *input;
  const char *base;
  const char *expected; /* NULL: failure */
} UrlVector;

#define BASE "http://example.org/foo/bar?q#f"

static const UrlVector url_vectors[] = {
  /* Input preprocessing: C0 controls and spaces stripped at both ends,
   * tab and newlines removed anywhere. */
  { "  http://example.com/  ", NULL, "http://example.com/" },
  { "\x01\x1f http://example.com/\x1f ", NULL, "http://example.com/" },
  { "ht\ttp://exa\nmple.com/pa\rth", NULL, "http://example.com/path" },
  { "http://example.com/a\x7f", NULL, "http://example.com/a%7F" },
  /* Scheme lowercased; special schemes. */
  { "HTTP://EXAMPLE.COM/Path", NULL, "http://example.com/Path" },
  { "http://example.com", NULL, "http://example.com/" },
  { "http:\\\\example.com\\a\\b", NULL, "http://example.com/a/b" },
  { "http:/example.com/", NULL, "http://example.com/" },
  { "http:example.com/", NULL, "http://example.com/" },
  { "https:///\\//example.com/", NULL, "https://example.com/" },
  { "http://", NULL, NULL },
  { "http://user@/x", NULL, NULL },
  { "http://:80/", NULL, NULL },
  { "a1+-.B://x", NULL, "a1+-.b://x" },
  { "1http://x/", NULL, NULL },
  { ":foo", NULL, NULL },
  /* Ports. */
  { "http://example.com:80/", NULL, "http://example.com/" },
  { "https://example.com:443/", NULL, "https://example.com/" },
  { "ws://example.com:80/", NULL, "ws://example.com/" },
  { "wss://example.com:443/", NULL, "wss://example.com/" },
  { "ftp://example.com:21/", NULL, "ftp://example.com/" },
  { "http://example.com:443/", NULL, "http://example.com:443/" },
  { "http://example.com:0080/", NULL, "http://example.com/" },
  { "http://example.com:/", NULL, "http://example.com/" },
  { "http://example.com:65535/", NULL, "http://example.com:65535/" },
  { "http://example.com:65536/", NULL, NULL },
  { "http://example.com:99999999999999999999/", NULL, NULL },
  { "http://example.com:8a/", NULL, NULL },
  { "sc://x:80/", NULL, "sc://x:80/" },
  /* IPv4 hosts. */
  { "http://0x7f.1/", NULL, "http://127.0.0.1/" },
  { "http://0300.0250.0.1/", NULL, "http://192.168.0.1/" },
  { "http://3232235521/", NULL, "http://192.168.0.1/" },
  { "http://1.2.3.4./", NULL, "http://1.2.3.4/" },
  { "http://0x/", NULL, "http://0.0.0.0/" },
  { "http://256.0.0.1/", NULL, NULL },
  { "http://1.2.3.4.5/", NULL, NULL },
  { "http://0x100000000/", NULL, NULL },
  { "http://foo.09/", NULL, NULL },
  { "http://foo.1.2.3.4/", NULL, NULL },
  { "http://0..0x300/", NULL, NULL },
  { "http://01.2.3.4/", NULL, "http://1.2.3.4/" },
  { "http://4294967295/", NULL, "http://255.255.255.255/" },
  { "http://4294967296/", NULL, NULL },
  { "http://foo.0x4/", NULL, NULL },
  { "http://1.2.3.0x/", NULL, "http://1.2.3.0/" },
  { "http://foo.0xg/", NULL, "http://foo.0xg/" },
  { "sc://1.2.3/", NULL, "sc://1.2.3/" },
  /* IPv6 hosts. */
  { "http://[0:0:0:0:0:0:0:1]/", NULL, "http://[::1]/" },
  { "http://[2001:DB8::1]:8080/", NULL, "http://[2001:db8::1]:8080/" },
  { "http://[::ffff:192.168.0.1]/", NULL, "http://[::ffff:c0a8:1]/" },
  { "http://[1:0:0:2::3:0]/", NULL, "http://[1::2:0:0:3:0]/" },
  { "http://[0:0:1:0:0:0:0:0]/", NULL, "http://[0:0:1::]/" },
  { "http://[1:0:1:0:1:0:1:0]/", NULL, "http://[1:0:1:0:1:0:1:0]/" },
  { "http://[::127.0.0.1]/", NULL, "http://[::7f00:1]/" },
  { "http://[1:2:3:4:5:6:7::]/", NULL, "http://[1:2:3:4:5:6:7:0]/" },
  { "http://[::]/", NULL, "http://[::]/" },
  { "http://[1:2:3:4:5:6:7:1.2.3.4]/", NULL, NULL },
  { "http://[www.example.com]/", NULL, NULL },
  { "http://[::1::]/", NULL, NULL },
  { "http://[1:]/", NULL, NULL },
  { "http://[::1/", NULL, NULL },
  { "http://[1:2:3:4:5:6:7:8:9]/", NULL, NULL },
  { "http://[::1.2.3.04]/", NULL, NULL },
  { "http://[::1]x/", NULL, NULL },
  { "sc://[::1]/", NULL, "sc://[::1]/" },
  /* Domains: percent-decoded, IDNA, lowercased, forbidden code points. */
  { "http://b\xc3\xbc" "cher.de/", NULL, "http://xn--bcher-kva.de/" },
  { "http://EXAMPLE.%43OM/", NULL, "http://example.com/" },
  { "http://\xef\xbc\xa5\xef\xbc\xb8.com/", NULL, "http://ex.com/" },
  { "http://example.com./", NULL, "http://example.com./" },
  { "http://ex ample.com/", NULL, NULL },
  { "http://a<b/", NULL, NULL },
  { "http://a%25b/", NULL, NULL },
  { "http://exa%mple.com/", NULL, NULL },
  { "http://%00/", NULL, NULL },
  { "http://a^b/", NULL, NULL },
  { "http://\xe2\x80\x8b/", NULL, NULL },
  { "http://XN--BCHER-KVA.de/", NULL, "http://xn--bcher-kva.de/" },
  { "https://fa\xc3\x9f.ExAmPlE/", NULL, "https://xn--fa-hia.example/" },
  { "http://www.foo\xe3\x80\x82" "bar.com/", NULL, "http://www.foo.bar.com/" },
  { "http://a\xc2\xad" "b/", NULL, "http://ab/" },
  { "http://\xc2\xad/", NULL, NULL },
  { "http://a.b.c.xn--pokxncvks/", NULL, NULL },
  { "http://xn--/", NULL, NULL },
  { "http://%30%78%63%30%2e%30%32%35%30.01/", NULL, "http://192.168.0.1/" },
  { "sc://HoSt/", NULL, "sc://HoSt/" },
  { "sc://fa\xc3\x9f.ExAmPlE/", NULL, "sc://fa%C3%9F.ExAmPlE/" },
  { "sc://a@b\\c", NULL, NULL },
  { "sc://h%st\xc3\xa9/", NULL, "sc://h%st%C3%A9/" },
  { "sc://a b/", NULL, NULL },
  /* Userinfo. */
  { "http://us er:pa\"ss@example.com/", NULL, "http://us%20er:pa%22ss@example.com/" },
  { "http://a@b@example.com/", NULL, "http://a%40b@example.com/" },
  { "http://a:b:c@host/", NULL, "http://a:b%3Ac@host/" },
  { "http://:pass@example.com/", NULL, "http://:pass@example.com/" },
  { "http://user:@example.com/", NULL, "http://user@example.com/" },
  { "http://@example.com/", NULL, "http://example.com/" },
  { "http://&a:foo(b]c@d:2/", NULL, "http://&a:foo(b%5Dc@d:2/" },
  { "http://::@c@d:2", NULL, "http://:%3A%40c@d:2/" },
  { "http:a:@www.example.com", NULL, "http://a@www.example.com/" },
  { "ws://a@b\\c", NULL, "ws://a@b/c" },
  /* Paths: dot segments, percent-encoding. */
  { "http://example.com/a/./b/../c", NULL, "http://example.com/a/c" },
  { "http://example.com/a/%2e/b/%2E%2e/c", NULL, "http://example.com/a/c" },
  { "http://example.com/a/.%2E", NULL, "http://example.com/" },
  { "http://example.com/a/.", NULL, "http://example.com/a/" },
  { "http://example.com/../../x", NULL, "http://example.com/x" },
  { "http://example.com/foo/%2e%2", NULL, "http://example.com/foo/%2e%2" },
  { "http://example.com/..%2f", NULL, "http://example.com/..%2f" },
  { "http://example.com/a b\"<>`{}^", NULL, "http://example.com/a%20b%22%3C%3E%60%7B%7D%5E" },
  { "http://example.com/%zz%41%", NULL, "http://example.com/%zz%41%" },
  { "http://example.com/\xc3\xa9", NULL, "http://example.com/%C3%A9" },
  { "http://example.com/a|b~!$&'()*+,;=:@", NULL, "http://example.com/a|b~!$&'()*+,;=:@" },
  /* Query and fragment. */
  { "http://example.com/?a b'\"<>", NULL, "http://example.com/?a%20b%27%22%3C%3E" },
  { "sc://host/?a b'", NULL, "sc://host/?a%20b'" },
  { "http://example.com/?q=%zz&\xc3\xa9`{}", NULL, "http://example.com/?q=%zz&%C3%A9`{}" },
  { "http://example.com/?" "?/", NULL, "http://example.com/?" "?/" },
  { "http://example.com?", NULL, "http://example.com/?" },
  { "http://example.com/#a b`<>\"{", NULL, "http://example.com/#a%20b%60%3C%3E%22{" },
  { "http://example.com/#?#", NULL, "http://example.com/#?#" },
  { "http://example.com#", NULL, "http://example.com/#" },
  /* Relative references. */
  { "//host/x", BASE, "http://host/x" },
  { "?x", BASE, "http://example.org/foo/bar?x" },
  { "#y", BASE, "http://example.org/foo/bar?q#y" },
  { "../x", BASE, "http://example.org/x" },
  { "x", BASE, "http://example.org/foo/x" },
  { "", BASE, "http://example.org/foo/bar?q" },
  { "/x", BASE, "http://example.org/x" },
  { "\\x", BASE, "http://example.org/x" },
  { "\\\\host\\x", BASE, "http://host/x" },
  { "/\\host/x", BASE, "http://host/x" },
  { "http:x", BASE, "http://example.org/foo/x" },
  { "http:", BASE, "http://example.org/foo/bar?q" },
  { "http::@c:29", BASE, "http://example.org/foo/:@c:29" },
  { "https:x", BASE, "https://x/" },
  { "./", BASE, "http://example.org/foo/" },
  { "..", BASE, "http://example.org/" },
  { "../../../../x", BASE, "http://example.org/x" },
  { " \t/x?y ", BASE, "http://example.org/x?y" },
  { "a:b", BASE, "a:b" },
  { "/b", "http://u:p@example.org:8080/a", "http://u:p@example.org:8080/b" },
  { "//h2/b", "http://u:p@example.org:8080/a", "http://h2/b" },
  { "x", "sc://h/a/b", "sc://h/a/x" },
  { "//h2", "sc://h/a/b", "sc://h2" },
  { "\\x", "sc://h/a/b", "sc://h/a/\\x" },
  /* Opaque paths (data:, mailto:, about:, ...). */
  { "data:text/plain,hello%20world", NULL, "data:text/plain,hello%20world" },
  { "data:text/plain,hello world", NULL, "data:text/plain,hello world" },
  { "DATA:Text/Plain,x", NULL, "data:Text/Plain,x" },
  { "data:x\x01\xc3\xa9\"<>", NULL, "data:x%01%C3%A9\"<>" },
  { "mailto:User@Example.COM", NULL, "mailto:User@Example.COM" },
  { "about:blank", NULL, "about:blank" },
  { "javascript:alert(1)", NULL, "javascript:alert(1)" },
  { "blob:https://example.com/uuid", NULL, "blob:https://example.com/uuid" },
  { "sc:\\\\x\\y/../z", NULL, "sc:\\\\x\\y/../z" },
  { "sc:a b ?q", NULL, "sc:a b%20?q" },
  { "#frag", "data:text/plain,x", "data:text/plain,x#frag" },
  { "x", "data:text/plain,x", NULL },
  { "", "about:blank", NULL },
  { "x", NULL, NULL },
  /* Non-special hierarchical URLs. */
  { "sc://x:8080/a/../b", NULL, "sc://x:8080/b" },
  { "sc://", NULL, "sc://" },
  { "sc:/a/../b", NULL, "sc:/b" },
  { "sc:/", NULL, "sc:/" },
  { "web+demo:/.//not-a-host/", NULL, "web+demo:/.//not-a-host/" },
  { "web+demo:/..//not-a-host/", NULL, "web+demo:/.//not-a-host/" },
  /* file: URLs. */
  { "file:///C:/a/b", NULL, "file:///C:/a/b" },
  { "file:c:\\foo\\bar", NULL, "file:///c:/foo/bar" },
  { "file://localhost/x", NULL, "file:///x" },
  { "file://LOCALHOST/x", NULL, "file:///x" },
  { "file:///C|/x", NULL, "file:///C:/x" },
  { "file:/x", NULL, "file:///x" },
  { "file:", NULL, "file:///" },
  { "file://HOST/x", NULL, "file://host/x" },
  { "file://C:/x", NULL, "file:///C:/x" },
  { "file:///C:/../..", NULL, "file:///C:/" },
  { "file://[1::8]/C:/", NULL, "file://[1::8]/C:/" },
  { "file://a b/", NULL, NULL },
  { "file://example:1/", NULL, NULL },
  { "C|/foo/bar", "file:///tmp/mock/path", "file:///C:/foo/bar" },
  { "//C|/foo/bar", "file:///tmp/mock/path", "file:///C:/foo/bar" },
  { "file:..", "http://www.example.com/test", "file:///" },
  { "..", "file:///C:/a", "file:///C:/" },
  { "/x", "file:///C:/a/b", "file:///C:/x" },
  { "/x", "file://host/a/b", "file://host/x" },
  { "?q", "file:///a/b?x", "file:///a/b?q" },
  { "D|/x", "file:///C:/a/b", "file:///D:/x" },
  { "x", "file:///a/b", "file:///a/x" },
};

static void
test_url_vector (gconstpointer data)
{
  const UrlVector *v = data;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) url = NULL;
  g_autoptr(GUri) again = NULL;
  g_autofree char *serialized = NULL;
  g_autofree char *guri_string = NULL;
  g_autofree char *serialized_again = NULL;

  g_test_summary ("A URL Standard vector parses to the standard's "
                  "serialization, or fails where the standard fails");

  if (v->base != NULL)
    {
      base = fetch_url_parse (v->base, NULL);
      g_assert_nonnull (base);
    }
  url = fetch_url_parse (v->input, base);
  if (v->expected == NULL)
    {
      if (url != NULL)
        {
          g_autofree char *got = fetch_url_serialize (url, FALSE);
          g_test_message ("“%s” should fail, got “%s”", v->input, got);
        }
      g_assert_null (url);
      return;
    }
  g_assert_nonnull (url);
  serialized = fetch_url_serialize (url, FALSE);
  g_assert_cmpstr (serialized, ==, v->expected);
  /* The GUri itself serializes the same way. */
  guri_string = g_uri_to_string (url);
  g_assert_cmpstr (guri_string, ==, v->expected);
  /* Serializing then parsing gives back the same URL. */
  again = fetch_url_parse (serialized, NULL);
  g_assert_nonnull (again);
  serialized_again = fetch_url_serialize (again, FALSE);
  g_assert_cmpstr (serialized_again, ==, v->expected);
}

static void
test_url_components (void)
{
  g_autoptr(GUri) url = NULL;
  g_autoptr(GUri) ipv6 = NULL;
  g_autoptr(GUri) data = NULL;

  g_test_summary ("GUri getters return the URL Standard's components");

  url = fetch_url_parse ("HTTPS://us%20er:p%40ss@EXAMPLE.com:443/a%20b?c=d#e", NULL);
  g_assert_nonnull (url);
  g_assert_cmpstr (g_uri_get_scheme (url), ==, "https");
  g_assert_cmpstr (g_uri_get_user (url), ==, "us%20er");
  g_assert_cmpstr (g_uri_get_password (url), ==, "p%40ss");
  g_assert_cmpstr (g_uri_get_host (url), ==, "example.com");
  g_assert_cmpint (g_uri_get_port (url), ==, -1);
  g_assert_cmpstr (g_uri_get_path (url), ==, "/a%20b");
  g_assert_cmpstr (g_uri_get_query (url), ==, "c=d");
  g_assert_cmpstr (g_uri_get_fragment (url), ==, "e");

  ipv6 = fetch_url_parse ("http://[::1]:8080", NULL);
  g_assert_cmpstr (g_uri_get_host (ipv6), ==, "::1");
  g_assert_cmpint (g_uri_get_port (ipv6), ==, 8080);
  g_assert_cmpstr (g_uri_get_path (ipv6), ==, "/");
  g_assert_null (g_uri_get_query (ipv6));
  g_assert_null (g_uri_get_fragment (ipv6));

  data = fetch_url_parse ("data:,x?y", NULL);
  g_assert_null (g_uri_get_host (data));
  g_assert_cmpstr (g_uri_get_path (data), ==, ",x");
  g_assert_cmpstr (g_uri_get_query (data), ==, "y");
}

static void
test_url_foreign_base (void)
{
  g_autoptr(GUri) base = g_uri_parse ("HTTP://Example.COM:80/a/b?c", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) url = NULL;
  g_autofree char *s = NULL;

  g_test_summary ("A base GUri from g_uri_parse() is taken as the URL it names");

  g_assert_nonnull (base);
  url = fetch_url_parse ("../d e", base);
  g_assert_nonnull (url);
  s = fetch_url_serialize (url, FALSE);
  g_assert_cmpstr (s, ==, "http://example.com/d%20e");
}

static void
test_url_serialize_exclude_fragment (void)
{
  g_autoptr(GUri) url = fetch_url_parse ("http://example.com/a?b#c", NULL);
  g_autoptr(GUri) empty = fetch_url_parse ("http://example.com/a#", NULL);
  g_autofree char *with = NULL, *without = NULL, *empty_without = NULL;

  g_test_summary ("URL §4.5: exclude fragment drops the fragment and its \"#\"");

  with = fetch_url_serialize (url, FALSE);
  without = fetch_url_serialize (url, TRUE);
  empty_without = fetch_url_serialize (empty, TRUE);
  g_assert_cmpstr (with, ==, "http://example.com/a?b#c");
  g_assert_cmpstr (without, ==, "http://example.com/a?b");
  g_assert_cmpstr (empty_without, ==, "http://example.com/a");
}

static void
test_url_credentials (void)
{
  static const struct {
    const char *url;
    gboolean    includes;
  } cases[] = {
    { "http://example.com/", FALSE },
    { "http://@example.com/", FALSE },
    { "http://:@example.com/", FALSE },
    { "http://u@example.com/", TRUE },
    { "http://:p@example.com/", TRUE },
    { "http://u:p@example.com/", TRUE },
  };

  g_test_summary ("URL: includes credentials when username or password is non-empty");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) url = fetch_url_parse (cases[i].url, NULL);

      g_assert_nonnull (url);
      g_assert_cmpint (fetch_url_includes_credentials (url), ==, cases[i].includes);
    }
}

static void
test_url_with_fragment (void)
{
  g_autoptr(GUri) url = fetch_url_parse ("http://example.com/a?b#old", NULL);
  g_autoptr(GUri) replaced = fetch_url_with_fragment (url, "new frag%41");
  g_autoptr(GUri) removed = fetch_url_with_fragment (url, NULL);
  g_autoptr(GUri) empty = fetch_url_with_fragment (url, "");
  g_autofree char *s1 = fetch_url_serialize (replaced, FALSE);
  g_autofree char *s2 = fetch_url_serialize (removed, FALSE);
  g_autofree char *s3 = fetch_url_serialize (empty, FALSE);
  g_autofree char *orig = fetch_url_serialize (url, FALSE);

  g_test_summary ("A URL with its fragment replaced, encoded with the fragment set");

  g_assert_cmpstr (s1, ==, "http://example.com/a?b#new%20frag%41");
  g_assert_cmpstr (s2, ==, "http://example.com/a?b");
  g_assert_cmpstr (s3, ==, "http://example.com/a?b#");
  g_assert_cmpstr (orig, ==, "http://example.com/a?b#old");
}

static void
test_url_schemes (void)
{
  static const struct {
    const char *url;
    gboolean    local;
    gboolean    http;
    int         effective_port;
  } cases[] = {
    { "about:blank", TRUE, FALSE, -1 },
    { "blob:https://example.com/x", TRUE, FALSE, -1 },
    { "data:,x", TRUE, FALSE, -1 },
    { "http://example.com/", FALSE, TRUE, 80 },
    { "https://example.com/", FALSE, TRUE, 443 },
    { "https://example.com:8443/", FALSE, TRUE, 8443 },
    { "ws://example.com/", FALSE, FALSE, 80 },
    { "wss://example.com/", FALSE, FALSE, 443 },
    { "ftp://example.com/", FALSE, FALSE, 21 },
    { "file:///x", FALSE, FALSE, -1 },
    { "sc://x:7/", FALSE, FALSE, 7 },
    { "sc://x/", FALSE, FALSE, -1 },
  };

  g_test_summary ("Fetch §2.1 local and HTTP(S) schemes; default and effective ports");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) url = fetch_url_parse (cases[i].url, NULL);

      g_assert_nonnull (url);
      g_assert_cmpint (fetch_url_is_local (url), ==, cases[i].local);
      g_assert_cmpint (fetch_url_is_http_scheme (url), ==, cases[i].http);
      g_assert_cmpint (fetch_url_get_effective_port (url), ==, cases[i].effective_port);
    }
  g_assert_cmpint (fetch_url_default_port ("http"), ==, 80);
  g_assert_cmpint (fetch_url_default_port ("https"), ==, 443);
  g_assert_cmpint (fetch_url_default_port ("ws"), ==, 80);
  g_assert_cmpint (fetch_url_default_port ("wss"), ==, 443);
  g_assert_cmpint (fetch_url_default_port ("ftp"), ==, 21);
  g_assert_cmpint (fetch_url_default_port ("file"), ==, -1);
  g_assert_cmpint (fetch_url_default_port ("gopher"), ==, -1);
}

static void
test_url_origin (void)
{
  static const struct {
    const char *url;
    const char *origin;
  } cases[] = {
    { "https://example.com/a?b#c", "https://example.com" },
    { "http://example.com:8080/", "http://example.com:8080" },
    { "http://example.com:80/", "http://example.com" },
    { "ws://x:81/", "ws://x:81" },
    { "wss://x/", "wss://x" },
    { "ftp://x/", "ftp://x" },
    { "http://[::1]:8000/", "http://[::1]:8000" },
    { "http://u:p@b/", "http://b" },
    { "blob:https://example.com:444/uuid", "https://example.com:444" },
    { "blob:http://example.com/uuid", "http://example.com" },
    { "blob:ftp://x/", "null" },
    { "blob:data:x", "null" },
    { "blob:file:///x", "null" },
    { "blob:not a url", "null" },
    { "file:///x", "null" },
    { "data:,x", "null" },
    { "about:blank", "null" },
    { "sc://x/", "null" },
  };

  g_test_summary ("URL §4 origin of a URL, blob: included");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) url = fetch_url_parse (cases[i].url, NULL);
      g_autoptr(FetchOrigin) origin = NULL;
      g_autofree char *serialized = NULL;

      g_assert_nonnull (url);
      origin = fetch_url_get_origin (url);
      serialized = fetch_origin_serialize (origin);
      g_assert_cmpstr (serialized, ==, cases[i].origin);
    }
}

static void
test_url_invalid_utf8 (void)
{
  g_autoptr(GUri) url = fetch_url_parse ("http://example.com/a\xff", NULL);
  g_autofree char *s = NULL;

  g_test_summary ("Bytes that are not UTF-8 become U+FFFD, never a crash");

  g_assert_nonnull (url);
  s = fetch_url_serialize (url, FALSE);
  g_assert_cmpstr (s, ==, "http://example.com/a%EF%BF%BD");
  g_assert_null (fetch_url_parse ("http://exa\xffmple.com/", NULL));
}

/* Inputs on both sides of the edge of fetch_url_parse()'s fast path for
 * plain HTTP(S) URLs: it must give exactly what the state machine gives
 * (or fail where it fails). */
static const char * const fast_path_inputs[] = {
  "http://example.com", "http://example.com/", "https://example.com/a/b/c",
  "http://example.com?q", "http://example.com#f", "http://example.com/?#",
  "http://example.com/p?q=1&r=a/b?c#frag#more", "https://a-b.c-d.example/x_y~z",
  "http://example.com:80/", "https://example.com:443/x", "http://example.com:443/",
  "https://example.com:80/", "http://example.com:8080/", "http://example.com:65535/",
  "http://example.com:65536/", "http://example.com:0/", "http://example.com:00/",
  "http://example.com:080/", "http://example.com:/", "http://example.com:123456/",
  "http://example.com:8a/", "http://example.com:8@x/",
  "http://127.0.0.1/", "http://127.0.0.1:35453/0.bin", "http://0.0.0.0/",
  "http://255.255.255.255/", "http://256.0.0.1/", "http://127.0.0.01/",
  "http://127.1/", "http://127.0.0.1.5/", "http://1.2.3.4.example/",
  "http://example.1/", "http://example.0x1/", "http://0x7f.0.0.1/", "http://1.2.3.4./",
  "http://3232235521/", "http://a.b.c.d/", "http://1a.example/", "http://01.example/",
  "http://example..com/", "http://.example.com/", "http://example.com./",
  "http://xn--nxasmq6b.com/", "http://a.xn--nxasmq6b/", "http://xn--a.com/",
  "http://EXAMPLE.com/", "HTTP://example.com/", "http://exa_mple.com/",
  "http://user@example.com/", "http://user:pass@example.com/",
  "http://example.com/a/./b", "http://example.com/a/../b", "http://example.com/.",
  "http://example.com/..", "http://example.com/.well-known/x", "http://example.com/a/.b",
  "http://example.com/%2e/x", "http://example.com/%2E%2e/x", "http://example.com/a%20b",
  "http://example.com/a b", "http://example.com/a\\b", "http://example.com/\"q\"",
  "http://example.com/<>", "http://example.com/a^b", "http://example.com/a`b",
  "http://example.com/{}", "http://example.com/a|b[c]", "http://example.com/caf\xc3\xa9",
  "http://example.com/?a b", "http://example.com/?a'b", "http://example.com/?a\"b",
  "http://example.com/?a<b>", "http://example.com/?a\\b%zz", "http://example.com/?a`{}^|",
  "http://example.com/#a b", "http://example.com/#a`b", "http://example.com/#a'b#c",
  "http://example.com/#a<b", "http://example.com/\x7f", "http://example.com/\t",
  " http://example.com/", "http://example.com/ ", "http://[::1]/", "http:example.com/",
  "http:/example.com/", "http:///example.com/", "https:example.com",
  "ws://example.com/", "file:///x", "http://", "https://", "http://:80/",
};

static void
test_url_fast_path (void)
{
  g_autoptr(GUri) base = fetch_url_parse ("http://base.example/dir/file?q#f", NULL);

  g_test_summary ("The fast path for plain HTTP(S) URLs gives what the basic URL "
                  "parser's state machine gives, with or without a base");

  for (gsize i = 0; i < G_N_ELEMENTS (fast_path_inputs); i++)
    for (guint with_base = 0; with_base < 2; with_base++)
      {
        const char *input = fast_path_inputs[i];
        GUri *b = with_base ? base : NULL;
        g_autoptr(GUri) fast = fetch_url_parse (input, b);
        g_autoptr(GUri) full = fetch_url_parse_full (input, b);
        g_autofree char *fast_string = fast ? g_uri_to_string (fast) : NULL;
        g_autofree char *full_string = full ? g_uri_to_string (full) : NULL;

        g_test_message ("“%s”%s: “%s”", input, with_base ? " with base" : "",
                        full_string ? full_string : "(failure)");
        g_assert_cmpstr (fast_string, ==, full_string);
        if (full == NULL)
          continue;
        /* Component by component, as GUri keeps them. */
        g_assert_cmpstr (g_uri_get_scheme (fast), ==, g_uri_get_scheme (full));
        g_assert_cmpstr (g_uri_get_userinfo (fast), ==, g_uri_get_userinfo (full));
        g_assert_cmpstr (g_uri_get_host (fast), ==, g_uri_get_host (full));
        g_assert_cmpint (g_uri_get_port (fast), ==, g_uri_get_port (full));
        g_assert_cmpstr (g_uri_get_path (fast), ==, g_uri_get_path (full));
        g_assert_cmpstr (g_uri_get_query (fast), ==, g_uri_get_query (full));
        g_assert_cmpstr (g_uri_get_fragment (fast), ==, g_uri_get_fragment (full));
        g_assert_cmpint (g_uri_get_flags (fast), ==, g_uri_get_flags (full));
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (url_vectors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fetch/url/parse/vector-%03" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &url_vectors[i], test_url_vector);
    }
  g_test_add_func ("/fetch/url/parse/components", test_url_components);
  g_test_add_func ("/fetch/url/parse/fast-path", test_url_fast_path);
  g_test_add_func ("/fetch/url/parse/invalid-utf8", test_url_invalid_utf8);
  g_test_add_func ("/fetch/url/parse/foreign-base", test_url_foreign_base);
  g_test_add_func ("/fetch/url/serialize/exclude-fragment", test_url_serialize_exclude_fragment);
  g_test_add_func ("/fetch/url/credentials", test_url_credentials);
  g_test_add_func ("/fetch/url/with-fragment", test_url_with_fragment);
  g_test_add_func ("/fetch/url/schemes", test_url_schemes);
  g_test_add_func ("/fetch/url/origin", test_url_origin);

  return g_test_run ();
}
