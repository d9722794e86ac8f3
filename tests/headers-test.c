/* headers-test.c: header lists (§2.2.1, §2.2.2, §3.3) and Headers (§5.1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "libfetch-glib/fetch.h"
#include "fetch-headers-private.h"
#include "fetch-mime-private.h"

/* A header list as on the network: "Name: value" lines. The value is
 * taken after the colon and its leading spaces, as an HTTP parser would,
 * and added without validation (fetch_header_list_append). */
/* A Headers object over a copy of headers' list (fetch_header_list_copy()). */
static FetchHeaders *
headers_copy (FetchHeaders *headers)
{
  g_autoptr(FetchHeaderList) list = fetch_header_list_copy (fetch_headers_get_list (headers));

  return fetch_headers_new_for_list (list);
}

static FetchHeaders *
headers_from_lines (const char *lines)
{
  FetchHeaders *headers = fetch_headers_new ();
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);

  for (gsize i = 0; split[i] != NULL; i++)
    {
      const char *colon = strchr (split[i], ':');
      g_autofree char *name = NULL;
      const char *value;

      if (split[i][0] == '\0')
        continue;
      g_assert_nonnull (colon);
      name = g_strndup (split[i], colon - split[i]);
      value = colon + 1;
      while (*value == ' ')
        value++;
      fetch_header_list_append (fetch_headers_get_list (headers), name, value);
    }
  return headers;
}

/* The list's entries as "Name: value\n" lines, in list order. */
static char *
lines_from_headers (FetchHeaders *headers)
{
  GString *lines = g_string_new (NULL);

  for (guint i = 0; i < fetch_header_list_get_length (fetch_headers_get_list (headers)); i++)
    {
      const char *name, *value;

      fetch_header_list_nth (fetch_headers_get_list (headers), i, &name, &value);
      g_string_append_printf (lines, "%s: %s\n", name, value);
    }
  return g_string_free (lines, FALSE);
}

#define assert_lines(headers, expected) G_STMT_START {          \
    g_autofree char *_lines = lines_from_headers (headers);     \
    g_assert_cmpstr (_lines, ==, (expected));                   \
  } G_STMT_END

/* ------------------------------------------------------------------ */
/* §2.2 quoted strings                                                */
/* ------------------------------------------------------------------ */

static void
test_collect_http_quoted_string (void)
{
  /* The table of §2.2 "collect an HTTP quoted string". */
  static const struct {
    const char *input;
    const char *output;
    const char *value;
    gsize position;
  } cases[] = {
    { "\"\\", "\"\\", "\\", 2 },
    { "\"Hello\" World", "\"Hello\"", "Hello", 7 },
    { "\"Hello \\\\ World\\\"\"", "\"Hello \\\\ World\\\"\"", "Hello \\ World\"", 18 },
    /* Unterminated: to the end. */
    { "\"abc", "\"abc", "abc", 4 },
    { "\"\"", "\"\"", "", 2 },
  };

  g_test_summary ("§2.2 collect an HTTP quoted string: the spec's table, "
                  "with and without extract-value");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) raw = g_string_new (NULL);
      g_autoptr(GString) value = g_string_new (NULL);
      gsize length = strlen (cases[i].input);
      gsize position = 0;

      fetch_collect_http_quoted_string (cases[i].input, length, &position, FALSE, raw);
      g_assert_cmpstr (raw->str, ==, cases[i].output);
      g_assert_cmpuint (position, ==, cases[i].position);

      position = 0;
      fetch_collect_http_quoted_string (cases[i].input, length, &position, TRUE, value);
      g_assert_cmpstr (value->str, ==, cases[i].value);
      g_assert_cmpuint (position, ==, cases[i].position);
    }
}

/* ------------------------------------------------------------------ */
/* §2.2.1 Methods                                                     */
/* ------------------------------------------------------------------ */

static void
test_method_predicates (void)
{
  static const char * const methods[] = {
    "GET", "get", "PATCH", "CHICKEN", "Egg", "M-SEARCH", "!#$%&'*+-.^_`|~09azAZ",
  };
  static const char * const not_methods[] = {
    "", "GET ", " GET", "G(T", "G\"T", "G/T", "G:T", "G,T", "G\tT", "GÉT", "G\x7fT",
  };

  g_test_summary ("§2.2.1 a method is a token; CORS-safelisted methods are "
                  "GET, HEAD, POST exactly; forbidden methods are CONNECT, "
                  "TRACE, TRACK in any case");

  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    g_assert_true (fetch_is_method (methods[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (not_methods); i++)
    g_assert_false (fetch_is_method (not_methods[i]));

  g_assert_true (fetch_is_cors_safelisted_method ("GET"));
  g_assert_true (fetch_is_cors_safelisted_method ("HEAD"));
  g_assert_true (fetch_is_cors_safelisted_method ("POST"));
  g_assert_false (fetch_is_cors_safelisted_method ("get"));
  g_assert_false (fetch_is_cors_safelisted_method ("Post"));
  g_assert_false (fetch_is_cors_safelisted_method ("PUT"));
  g_assert_false (fetch_is_cors_safelisted_method ("OPTIONS"));

  g_assert_true (fetch_is_forbidden_method ("CONNECT"));
  g_assert_true (fetch_is_forbidden_method ("connect"));
  g_assert_true (fetch_is_forbidden_method ("TrAcE"));
  g_assert_true (fetch_is_forbidden_method ("track"));
  g_assert_false (fetch_is_forbidden_method ("TRACKS"));
  g_assert_false (fetch_is_forbidden_method ("GET"));
  g_assert_false (fetch_is_forbidden_method (""));
}

static void
test_method_normalize (void)
{
  static const struct {
    const char *input;
    const char *output;
  } cases[] = {
    { "delete", "DELETE" }, { "get", "GET" }, { "Head", "HEAD" },
    { "options", "OPTIONS" }, { "pOsT", "POST" }, { "put", "PUT" },
    { "patch", "patch" }, { "Egg", "Egg" }, { "eGg", "eGg" },
    { "GET", "GET" }, { "gets", "gets" }, { "connect", "connect" },
  };

  g_test_summary ("§2.2.1 normalize a method uppercases only DELETE, GET, "
                  "HEAD, OPTIONS, POST and PUT");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = fetch_normalize_method (cases[i].input);

      g_assert_cmpstr (normalized, ==, cases[i].output);
    }
}

/* ------------------------------------------------------------------ */
/* §2.2.2 Names and values                                            */
/* ------------------------------------------------------------------ */

static void
test_header_name (void)
{
  static const char * const names[] = {
    "a", "Content-Type", "X-Foo_Bar.baz", "!#$%&'*+-.^_`|~", "0",
  };
  static const char * const not_names[] = {
    "", " a", "a ", "a b", "a:b", "a\tb", "a\nb", "a\"b", "(a)", "a/b",
    "a@b", "a=b", "a,b", "a;b", "a[b]", "a{b}", "a\\b", "a?", "é", "a\x7f",
  };

  g_test_summary ("§2.2.2 a header name is a token");

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_true (fetch_is_header_name (names[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (not_names); i++)
    g_assert_false (fetch_is_header_name (not_names[i]));
}

static void
test_header_value (void)
{
  static const char * const values[] = {
    "", "a", "a b", "a\tb", "\"quoted\"", "é", "\x01\x7f\xff", "a, b;c=d",
  };
  static const char * const not_values[] = {
    " a", "a ", "\ta", "a\t", "a\nb", "a\rb", "\na", "a\r", "\r\n", " ",
  };

  g_test_summary ("§2.2.2 a header value has no leading or trailing tab or "
                  "space and no CR or LF");

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_true (fetch_is_header_value (values[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (not_values); i++)
    g_assert_false (fetch_is_header_value (not_values[i]));
}

static void
test_header_value_normalize (void)
{
  static const struct {
    const char *input;
    const char *output;
  } cases[] = {
    { "", "" }, { "a", "a" }, { "  a  ", "a" }, { "\t\r\n a b \n\r\t", "a b" },
    { "\r\n", "" }, { "\fa\f", "\fa\f" }, { "\x0b" "a", "\x0b" "a" },
    { " a\nb ", "a\nb" },
  };

  g_test_summary ("§2.2.2 normalize strips HTTP whitespace bytes (HT, LF, "
                  "CR, SP) at both ends only");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = fetch_normalize_header_value (cases[i].input);

      g_assert_cmpstr (normalized, ==, cases[i].output);
    }
}

/* ------------------------------------------------------------------ */
/* §2.2.2 Header list algorithms                                      */
/* ------------------------------------------------------------------ */

static void
test_list_contains_get (void)
{
  g_autoptr(FetchHeaders) headers =
    headers_from_lines ("A: 1\nb: 2\na: 3\nEmpty: \n");
  g_autofree char *a = fetch_header_list_get (fetch_headers_get_list (headers), "A");
  g_autofree char *b = fetch_header_list_get (fetch_headers_get_list (headers), "B");
  g_autofree char *empty = fetch_header_list_get (fetch_headers_get_list (headers), "empty");
  g_autofree char *missing = fetch_header_list_get (fetch_headers_get_list (headers), "c");

  g_test_summary ("§2.2.2 contains and get match names byte-case-"
                  "insensitively and join values with \", \" in order");

  g_assert_true (fetch_header_list_contains (fetch_headers_get_list (headers), "a"));
  g_assert_true (fetch_header_list_contains (fetch_headers_get_list (headers), "B"));
  g_assert_false (fetch_header_list_contains (fetch_headers_get_list (headers), "c"));
  g_assert_false (fetch_header_list_contains (fetch_headers_get_list (headers), "A "));
  g_assert_cmpstr (a, ==, "1, 3");
  g_assert_cmpstr (b, ==, "2");
  g_assert_cmpstr (empty, ==, "");
  g_assert_null (missing);
}

static void
test_list_get_decode_split (void)
{
  /* The table of §2.2.2 "get, decode, and split", with `A` as the name,
   * plus a few more. */
  static const struct {
    const char *lines;
    gboolean is_null;
    const char *expected[5];
  } cases[] = {
    { "A: nosniff,", FALSE, { "nosniff", "", NULL } },
    { "A: nosniff\nB: sniff\nA:", FALSE, { "nosniff", "", NULL } },
    { "A:\nB: sniff", FALSE, { "", NULL } },
    { "B: sniff", TRUE, { NULL } },
    { "A: text/html;\", x/x", FALSE, { "text/html;\", x/x", NULL } },
    { "A: text/html;\"\nA: x/x", FALSE, { "text/html;\", x/x", NULL } },
    { "A: x/x;test=\"hi\",y/y", FALSE, { "x/x;test=\"hi\"", "y/y", NULL } },
    { "A: x/x;test=\"hi\"\nC: **bingo**\nA: y/y", FALSE,
      { "x/x;test=\"hi\"", "y/y", NULL } },
    { "A: x / x,,,1", FALSE, { "x / x", "", "", "1", NULL } },
    { "A: x / x\nA: ,\nA: 1", FALSE, { "x / x", "", "", "1", NULL } },
    { "A: \"1,2\", 3", FALSE, { "\"1,2\"", "3", NULL } },
    { "A: \"1,2\"\nD: 4\nA: 3", FALSE, { "\"1,2\"", "3", NULL } },
    /* Tabs are trimmed too; escapes stay raw. */
    { "A: \t a \t,\tb", FALSE, { "a", "b", NULL } },
    { "A: \"a\\\",b\",c", FALSE, { "\"a\\\",b\"", "c", NULL } },
    { "a: x", FALSE, { "x", NULL } },
  };

  g_test_summary ("§2.2.2 get, decode, and split: the spec's table");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchHeaders) headers = headers_from_lines (cases[i].lines);
      g_auto(GStrv) values = fetch_header_list_get_decode_split (fetch_headers_get_list (headers), "A");

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].lines);
      if (cases[i].is_null)
        g_assert_null (values);
      else
        g_assert_cmpstrv (values, cases[i].expected);
    }
}

static void
test_list_append (void)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();

  g_test_summary ("§2.2.2 append reuses the casing of the first header "
                  "with the same name");

  fetch_header_list_append (fetch_headers_get_list (headers), "Accept", "a");
  fetch_header_list_append (fetch_headers_get_list (headers), "X", "1");
  fetch_header_list_append (fetch_headers_get_list (headers), "ACCEPT", "b");
  fetch_header_list_append (fetch_headers_get_list (headers), "accept", "c");
  assert_lines (headers, "Accept: a\nX: 1\nAccept: b\nAccept: c\n");
}

static void
test_list_delete (void)
{
  g_autoptr(FetchHeaders) headers =
    headers_from_lines ("A: 1\nB: 2\na: 3\nC: 4\nA: 5\n");

  g_test_summary ("§2.2.2 delete removes every header with the name, in "
                  "any case, keeping the others in order");

  fetch_header_list_delete (fetch_headers_get_list (headers), "a");
  assert_lines (headers, "B: 2\nC: 4\n");
  fetch_header_list_delete (fetch_headers_get_list (headers), "missing");
  assert_lines (headers, "B: 2\nC: 4\n");
  fetch_header_list_delete (fetch_headers_get_list (headers), "C");
  fetch_header_list_delete (fetch_headers_get_list (headers), "b");
  assert_lines (headers, "");
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (headers)), ==, 0);
}

static void
test_list_set (void)
{
  g_autoptr(FetchHeaders) headers =
    headers_from_lines ("B: 0\nA: 1\nC: 2\na: 3\nA: 4\n");

  g_test_summary ("§2.2.2 set replaces the first header's value (keeping "
                  "its name and place) and removes the others, or appends");

  fetch_header_list_set (fetch_headers_get_list (headers), "a", "x");
  assert_lines (headers, "B: 0\nA: x\nC: 2\n");
  fetch_header_list_set (fetch_headers_get_list (headers), "D", "y");
  assert_lines (headers, "B: 0\nA: x\nC: 2\nD: y\n");
}

static void
test_list_combine (void)
{
  g_autoptr(FetchHeaders) headers = headers_from_lines ("A: 1\nB: 2\nA: 3\n");

  g_test_summary ("§2.2.2 combine appends \", value\" to the first header "
                  "with the name, or appends a header");

  fetch_header_list_combine (fetch_headers_get_list (headers), "a", "x");
  assert_lines (headers, "A: 1, x\nB: 2\nA: 3\n");
  fetch_header_list_combine (fetch_headers_get_list (headers), "C", "y");
  assert_lines (headers, "A: 1, x\nB: 2\nA: 3\nC: y\n");
}

static void
test_list_sort_and_combine (void)
{
  static const struct {
    const char *lines;
    const char *expected[13];
  } cases[] = {
    { "", { NULL } },
    { "B: 1\nA: 2\nb: 3", { "a", "2", "b", "1, 3", NULL } },
    /* Byte order: uppercase letters sort as lowercase; '-' < '_' < 'a'. */
    { "a_b: 1\nA-B: 2\nAB: 3\n0: 4", { "0", "4", "a-b", "2", "a_b", "1", "ab", "3", NULL } },
    /* `Set-Cookie` values stay separate, in order. */
    { "Set-Cookie: a=1\nX: 1\nset-cookie: b=2\nSET-COOKIE: c=3\nX: 2",
      { "set-cookie", "a=1", "set-cookie", "b=2", "set-cookie", "c=3",
        "x", "1, 2", NULL } },
    /* Only exactly `set-cookie`. */
    { "Set-Cookie2: a\nSet-Cookie2: b", { "set-cookie2", "a, b", NULL } },
    { "A: \nA: ", { "a", ", ", NULL } },
  };

  g_test_summary ("§2.2.2 sort and combine: lowercase names sorted byte-"
                  "wise, values combined except set-cookie");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchHeaders) headers = headers_from_lines (cases[i].lines);
      g_auto(GStrv) entries = fetch_header_list_sort_and_combine (fetch_headers_get_list (headers));

      g_assert_cmpstrv (entries, cases[i].expected);
    }
}

static void
test_list_copy_clear (void)
{
  g_autoptr(FetchHeaders) headers = headers_from_lines ("A: 1\nb: 2\nA: 3\n");
  g_autoptr(FetchHeaders) copy = NULL;
  const char *name = NULL, *value = NULL;

  g_test_summary ("A header list copy has the same entries in order and "
                  "the guard none; clear empties a list");

  fetch_header_list_set_guard (fetch_headers_get_list (headers), FETCH_HEADERS_GUARD_IMMUTABLE);
  copy = headers_copy (headers);
  g_assert_cmpint (fetch_headers_get_guard (copy), ==, FETCH_HEADERS_GUARD_NONE);
  assert_lines (copy, "A: 1\nb: 2\nA: 3\n");

  fetch_header_list_nth (fetch_headers_get_list (copy), 1, &name, &value);
  g_assert_cmpstr (name, ==, "b");
  g_assert_cmpstr (value, ==, "2");

  fetch_header_list_clear (fetch_headers_get_list (headers));
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (headers)), ==, 0);
  assert_lines (copy, "A: 1\nb: 2\nA: 3\n");
}

/* ------------------------------------------------------------------ */
/* §2.2.2 Predicates                                                  */
/* ------------------------------------------------------------------ */

static void
test_cors_unsafe_request_header_byte (void)
{
  static const guchar unsafe[] = {
    0x00, 0x01, 0x08, 0x0A, 0x0D, 0x1F, '"', '(', ')', ':', '<', '>', '?',
    '@', '[', '\\', ']', '{', '}', 0x7F,
  };
  static const guchar safe[] = {
    0x09, ' ', '!', '#', '*', ',', '/', ';', '=', 'a', 'Z', '0', '|', '~',
    0x80, 0xFF,
  };

  g_test_summary ("§2.2.2 CORS-unsafe request-header bytes: controls but "
                  "HT, DEL, and \"():<>?@[\\]{}");

  for (gsize i = 0; i < G_N_ELEMENTS (unsafe); i++)
    g_assert_true (fetch_is_cors_unsafe_request_header_byte (unsafe[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (safe); i++)
    g_assert_false (fetch_is_cors_unsafe_request_header_byte (safe[i]));
}

static void
test_cors_safelisted_request_header (void)
{
  static const struct {
    const char *name;
    const char *value;
    gboolean safelisted;
  } cases[] = {
    { "Accept", "text/html, */*;q=0.8", TRUE },
    { "ACCEPT", "", TRUE },
    { "accept", "é", TRUE },
    { "Accept", "a\"b", FALSE },
    { "Accept", "a(b", FALSE },
    { "Accept", "a@b", FALSE },
    { "Accept", "a{b}", FALSE },
    { "Accept", "a\x7f", FALSE },
    { "Accept", "a\x01", FALSE },
    { "Accept-Language", "en-US,fr;q=0.5, *", TRUE },
    { "Content-Language", "de-DE", TRUE },
    { "Accept-Language", "en_US", FALSE },
    { "Content-Language", "en/US", FALSE },
    { "Accept-Language", "é", FALSE },
    { "Content-Language", "a\tb", FALSE },
    { "Content-Type", "text/plain", TRUE },
    { "content-type", "Text/Plain;charset=UTF-8", TRUE },
    { "Content-Type", "application/x-www-form-urlencoded", TRUE },
    { "Content-Type", "multipart/form-data; boundary=x", TRUE },
    { "Content-Type", "application/json", FALSE },
    { "Content-Type", "text/html", FALSE },
    { "Content-Type", "text/plain; charset=\"utf-8\"", FALSE },  /* unsafe " */
    { "Content-Type", "text/plain;a=b:c", FALSE },               /* unsafe : */
    { "Content-Type", "text/plain, application/json", FALSE },   /* parse: subtype "plain, application/json" */
    { "Content-Type", "nonsense", FALSE },
    { "Range", "bytes=0-", TRUE },
    { "Range", "bytes=0-499", TRUE },
    { "range", "bytes=10-10", TRUE },
    { "Range", "bytes=-500", FALSE },
    { "Range", "bytes = 0-1", FALSE },
    { "Range", "bytes=0 -1", FALSE },
    { "Range", "bytes=5-1", FALSE },
    { "Range", "bytes=0-1,2-3", FALSE },
    { "Range", "Bytes=0-1", FALSE },
    { "Range", "items=0-1", FALSE },
    { "Range", "bytes=-", FALSE },
    { "Content-Length", "1", FALSE },
    { "X-Foo", "bar", FALSE },
    { "DPR", "2", FALSE },
  };
  g_autofree char *long_value = g_strnfill (128, 'a');
  g_autofree char *too_long_value = g_strnfill (129, 'a');

  g_test_summary ("§2.2.2 CORS-safelisted request-header: accept, accept-"
                  "language, content-language, content-type, range rules "
                  "and the 128-byte limit");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s: %s", cases[i].name, cases[i].value);
      g_assert_cmpint (fetch_is_cors_safelisted_request_header (cases[i].name,
                                                                cases[i].value),
                       ==, cases[i].safelisted);
    }

  g_assert_true (fetch_is_cors_safelisted_request_header ("Accept", long_value));
  g_assert_false (fetch_is_cors_safelisted_request_header ("Accept", too_long_value));
  g_assert_true (fetch_is_cors_safelisted_request_header ("Content-Language", long_value));
  g_assert_false (fetch_is_cors_safelisted_request_header ("Content-Language", too_long_value));
}

static void
test_cors_safelisted_language (void)
{
  static const char *const names[] = { "Accept-Language", "Content-Language" };
  /* §2.2.2: 0x30-0x39, 0x41-0x5A, 0x61-0x7A, 0x20, 0x2A, 0x2C, 0x2D,
   * 0x2E, 0x3B, 0x3D; written out, not computed as the library does. */
  static const char allowed[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz *,-.;=";
  static const struct {
    const char *value;
    gboolean    safelisted;
  } cases[] = {
    { "", TRUE },
    { "0123456789", TRUE },
    { "ABCDEFGHIJKLMNOPQRSTUVWXYZ", TRUE },
    { "abcdefghijklmnopqrstuvwxyz", TRUE },
    { "en-US, fr;q=0.5, *", TRUE },
    { " *,-.;=", TRUE },
    { "en:US", FALSE },
    { "fr;q=0:5", FALSE },
    { "en+US", FALSE },
    { "en\"US", FALSE },
    { "(en)", FALSE },
    { "en!", FALSE },
    { "en'", FALSE },
    { "en~", FALSE },
    { "en\x7f", FALSE },
    { "en\x80", FALSE },
    { "en\xff", FALSE },
  };

  g_test_summary ("§2.2.2 CORS-safelisted request-header: an Accept-Language or "
                  "Content-Language value may hold 0-9 A-Z a-z space * , - . ; = "
                  "and no other byte (':' included)");

  for (gsize n = 0; n < G_N_ELEMENTS (names); n++)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autofree char *shown = g_strescape (cases[i].value, NULL);

          g_test_message ("%s: %s", names[n], shown);
          g_assert_cmpint (fetch_is_cors_safelisted_request_header (names[n], cases[i].value),
                           ==, cases[i].safelisted);
        }
      /* Every byte, between allowed ones. */
      for (guint c = 1; c <= 0xFF; c++)
        {
          char value[] = { 'e', (char) c, 'n', '\0' };
          gboolean expected = strchr (allowed, (int) c) != NULL;

          g_test_message ("%s: byte 0x%02X", names[n], c);
          g_assert_cmpint (fetch_is_cors_safelisted_request_header (names[n], value),
                           ==, expected);
        }
    }
}

static void
test_cors_unsafe_request_header_names (void)
{
  g_autoptr(FetchHeaders) headers =
    headers_from_lines ("X-B: 1\nAccept: text/html\nx-a: 2\nContent-Type: "
                        "application/json\nX-B: 3\nRange: bytes=-5\n");
  g_autoptr(FetchHeaders) big = fetch_headers_new ();
  g_autoptr(FetchHeaders) at_limit = fetch_headers_new ();
  g_autofree char *value = g_strnfill (128, 'a');
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) big_names = NULL;
  g_auto(GStrv) limit_names = NULL;
  static const char * const expected[] = { "content-type", "range", "x-a", "x-b", NULL };
  static const char * const expected_big[] = { "accept", "accept-language", NULL };

  g_test_summary ("§2.2.2 CORS-unsafe request-header names: sorted, "
                  "lowercase, unique; all safelisted ones once their "
                  "values exceed 1024 bytes");

  names = fetch_get_cors_unsafe_request_header_names (fetch_headers_get_list (headers));
  g_assert_cmpstrv (names, expected);

  /* 8 × 128 = 1024 bytes: still safe. One more byte: all unsafe. */
  for (int i = 0; i < 8; i++)
    fetch_header_list_append (fetch_headers_get_list (at_limit), i % 2 ? "Accept" : "Accept-Language", value);
  limit_names = fetch_get_cors_unsafe_request_header_names (fetch_headers_get_list (at_limit));
  g_assert_cmpuint (g_strv_length (limit_names), ==, 0);

  for (int i = 0; i < 8; i++)
    fetch_header_list_append (fetch_headers_get_list (big), i % 2 ? "Accept" : "Accept-Language", value);
  fetch_header_list_append (fetch_headers_get_list (big), "Accept", "b");
  big_names = fetch_get_cors_unsafe_request_header_names (fetch_headers_get_list (big));
  g_assert_cmpstrv (big_names, expected_big);
}

static void
test_header_name_predicates (void)
{
  static const char * const exposed[] = { "X-Exposed", "Set-Cookie", "set-cookie2", NULL };

  g_test_summary ("§2.2.2 CORS non-wildcard, privileged no-CORS, CORS-"
                  "safelisted response, no-CORS-safelisted, forbidden "
                  "response and request-body header names");

  g_assert_true (fetch_is_cors_non_wildcard_request_header_name ("Authorization"));
  g_assert_true (fetch_is_cors_non_wildcard_request_header_name ("authorization"));
  g_assert_false (fetch_is_cors_non_wildcard_request_header_name ("Authorizations"));

  g_assert_true (fetch_is_privileged_no_cors_request_header_name ("Range"));
  g_assert_true (fetch_is_privileged_no_cors_request_header_name ("RANGE"));
  g_assert_false (fetch_is_privileged_no_cors_request_header_name ("Content-Range"));

  for (gsize i = 0; i < 7; i++)
    {
      static const char * const names[] = {
        "Cache-Control", "content-language", "Content-Length", "CONTENT-TYPE",
        "Expires", "Last-Modified", "Pragma",
      };
      g_assert_true (fetch_is_cors_safelisted_response_header_name (names[i], NULL));
    }
  g_assert_false (fetch_is_cors_safelisted_response_header_name ("X-Exposed", NULL));
  g_assert_true (fetch_is_cors_safelisted_response_header_name ("x-exposed", exposed));
  g_assert_false (fetch_is_cors_safelisted_response_header_name ("Set-Cookie", exposed));
  g_assert_false (fetch_is_cors_safelisted_response_header_name ("Set-Cookie2", exposed));
  g_assert_false (fetch_is_cors_safelisted_response_header_name ("Date", exposed));

  g_assert_true (fetch_is_no_cors_safelisted_request_header_name ("Accept"));
  g_assert_true (fetch_is_no_cors_safelisted_request_header_name ("accept-language"));
  g_assert_true (fetch_is_no_cors_safelisted_request_header_name ("Content-Language"));
  g_assert_true (fetch_is_no_cors_safelisted_request_header_name ("content-type"));
  g_assert_false (fetch_is_no_cors_safelisted_request_header_name ("Range"));
  g_assert_false (fetch_is_no_cors_safelisted_request_header_name ("X-Foo"));

  g_assert_true (fetch_is_no_cors_safelisted_request_header ("Content-Type", "text/plain"));
  g_assert_false (fetch_is_no_cors_safelisted_request_header ("Content-Type", "text/html"));
  g_assert_false (fetch_is_no_cors_safelisted_request_header ("Range", "bytes=0-"));

  g_assert_true (fetch_is_forbidden_response_header_name ("Set-Cookie"));
  g_assert_true (fetch_is_forbidden_response_header_name ("set-cookie2"));
  g_assert_false (fetch_is_forbidden_response_header_name ("Cookie"));

  g_assert_true (fetch_is_request_body_header_name ("Content-Encoding"));
  g_assert_true (fetch_is_request_body_header_name ("content-language"));
  g_assert_true (fetch_is_request_body_header_name ("Content-Location"));
  g_assert_true (fetch_is_request_body_header_name ("CONTENT-TYPE"));
  g_assert_false (fetch_is_request_body_header_name ("Content-Length"));
}

static void
test_forbidden_request_header (void)
{
  static const char * const forbidden_names[] = {
    "Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers",
    "Access-Control-Request-Method", "Connection", "Content-Length",
    "Cookie", "Cookie2", "Date", "DNT", "Expect", "Host", "Keep-Alive",
    "Origin", "Referer", "Set-Cookie", "TE", "Trailer",
    "Transfer-Encoding", "Upgrade", "Via",
    "accept-charset", "HOST", "set-cookie",
    "Proxy-", "Proxy-Authorization", "proxy-foo", "Sec-", "Sec-Fetch-Mode",
    "sec-ch-ua", "SEC-X",
  };
  static const char * const allowed_names[] = {
    "Accept", "Authorization", "X-Sec-Foo", "Secure", "Proxy", "Sec",
    "Cookies", "Set-Cookie2", "Hosts", "Content-Type", "Range",
  };
  static const struct {
    const char *name;
    const char *value;
    gboolean forbidden;
  } overrides[] = {
    { "X-HTTP-Method", "TRACE", TRUE },
    { "X-HTTP-Method-Override", "connect", TRUE },
    { "X-Method-Override", "Track", TRUE },
    { "x-http-method-override", "GET, TRACE", TRUE },
    { "X-HTTP-Method-Override", " get ,\ttrace\t", TRUE },
    { "X-HTTP-Method-Override", "GET", FALSE },
    { "X-HTTP-Method-Override", "", FALSE },
    { "X-HTTP-Method-Override", "TRACES", FALSE },
    { "X-HTTP-Method-Override", "\"TRACE\"", FALSE },
    { "X-HTTP-Method-Override", "PUT,,DELETE", FALSE },
    { "X-Other-Override", "TRACE", FALSE },
  };

  g_test_summary ("§2.2.2 forbidden request-header: the name list, Proxy- "
                  "and Sec- prefixes, and method overrides naming a "
                  "forbidden method");

  for (gsize i = 0; i < G_N_ELEMENTS (forbidden_names); i++)
    {
      g_test_message ("%s", forbidden_names[i]);
      g_assert_true (fetch_is_forbidden_request_header (forbidden_names[i], "x"));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (allowed_names); i++)
    {
      g_test_message ("%s", allowed_names[i]);
      g_assert_false (fetch_is_forbidden_request_header (allowed_names[i], "x"));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (overrides); i++)
    {
      g_test_message ("%s: %s", overrides[i].name, overrides[i].value);
      g_assert_cmpint (fetch_is_forbidden_request_header (overrides[i].name,
                                                          overrides[i].value),
                       ==, overrides[i].forbidden);
    }
}

/* ------------------------------------------------------------------ */
/* §3.3 extract a length                                              */
/* ------------------------------------------------------------------ */

static void
test_extract_length (void)
{
  static const struct {
    const char *lines;
    FetchLengthResult result;
    guint64 length;
  } cases[] = {
    { "", FETCH_LENGTH_NULL, 0 },
    { "X: 1", FETCH_LENGTH_NULL, 0 },
    { "Content-Length: 42", FETCH_LENGTH_VALUE, 42 },
    { "content-length: 0", FETCH_LENGTH_VALUE, 0 },
    { "Content-Length: 042", FETCH_LENGTH_VALUE, 42 },
    { "Content-Length: 42, 42", FETCH_LENGTH_VALUE, 42 },
    { "Content-Length: 42\nContent-Length: 42", FETCH_LENGTH_VALUE, 42 },
    { "Content-Length: 1,1,1", FETCH_LENGTH_VALUE, 1 },
    { "Content-Length: \t42\t", FETCH_LENGTH_VALUE, 42 },
    { "Content-Length: 18446744073709551615", FETCH_LENGTH_VALUE, G_MAXUINT64 },
    { "Content-Length: 42, 43", FETCH_LENGTH_FAILURE, 0 },
    { "Content-Length: 42\nContent-Length: 43", FETCH_LENGTH_FAILURE, 0 },
    { "Content-Length: 42, 042", FETCH_LENGTH_FAILURE, 0 },
    { "Content-Length: 42,", FETCH_LENGTH_FAILURE, 0 },
    { "Content-Length: 18446744073709551616", FETCH_LENGTH_FAILURE, 0 },
    { "Content-Length: ", FETCH_LENGTH_NULL, 0 },
    { "Content-Length: 4a", FETCH_LENGTH_NULL, 0 },
    { "Content-Length: -1", FETCH_LENGTH_NULL, 0 },
    { "Content-Length: +1", FETCH_LENGTH_NULL, 0 },
    { "Content-Length: 1 2", FETCH_LENGTH_NULL, 0 },
    { "Content-Length: \"1\"", FETCH_LENGTH_NULL, 0 },
    { "Content-Length: 1x, 1x", FETCH_LENGTH_NULL, 0 },
  };

  g_test_summary ("§3.3 extract a length: equal values required (else "
                  "failure), digits only (else null)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchHeaders) headers = headers_from_lines (cases[i].lines);
      guint64 length = 12345;
      FetchLengthResult result;

      g_test_message ("%s", cases[i].lines);
      result = fetch_header_list_extract_length (fetch_headers_get_list (headers), &length);
      g_assert_cmpint (result, ==, cases[i].result);
      if (result == FETCH_LENGTH_VALUE)
        g_assert_cmpuint (length, ==, cases[i].length);
    }
}

/* ------------------------------------------------------------------ */
/* §5.1 Headers class                                                 */
/* ------------------------------------------------------------------ */

static void
test_headers_append (void)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_test_summary ("§5.1 append normalizes the value and keeps the first "
                  "name's casing");

  g_assert_true (fetch_headers_append (headers, "Accept", " \ttext/html\r\n", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_append (headers, "ACCEPT", "application/json", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_append (headers, "X-Empty", "  ", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Accept: text/html\nAccept: application/json\nX-Empty: \n");

  value = fetch_headers_get (headers, "accept", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "text/html, application/json");
}

static void
test_headers_invalid (void)
{
  static const struct {
    const char *name;
    const char *value;
  } cases[] = {
    { "", "x" }, { "bad name", "x" }, { "a:b", "x" }, { "é", "x" }, { "a\nb", "x" },
    { "X", "a\nb" }, { "X", "a\rb" }, { "X", "a\r\nInjected: yes" },
  };
  g_autoptr(FetchHeaders) headers = headers_from_lines ("A: 1\n");

  g_test_summary ("§5.1 an invalid name or value is a TypeError for append, "
                  "set (and invalid names for delete, get, has) and changes "
                  "nothing");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (fetch_headers_append (headers, cases[i].name, cases[i].value, &error));
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
      g_clear_error (&error);

      g_assert_false (fetch_headers_set (headers, cases[i].name, cases[i].value, &error));
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
      g_clear_error (&error);

      assert_lines (headers, "A: 1\n");

      if (!fetch_is_header_name (cases[i].name))
        {
          g_autofree char *value = NULL;

          g_assert_false (fetch_headers_delete (headers, cases[i].name, &error));
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          g_clear_error (&error);

          value = fetch_headers_get (headers, cases[i].name, &error);
          g_assert_null (value);
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          g_clear_error (&error);

          g_assert_false (fetch_headers_has (headers, cases[i].name, &error));
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          g_clear_error (&error);
        }
    }
  assert_lines (headers, "A: 1\n");
}

static void
test_headers_get_has (void)
{
  g_autoptr(FetchHeaders) headers = headers_from_lines ("A: 1\nB: \na: 2\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_test_summary ("§5.1 get returns the combined value or NULL; has tells "
                  "whether the name is present");

  a = fetch_headers_get (headers, "A", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "1, 2");
  b = fetch_headers_get (headers, "b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, "");
  c = fetch_headers_get (headers, "c", &error);
  g_assert_no_error (error);
  g_assert_null (c);

  g_assert_true (fetch_headers_has (headers, "a", &error));
  g_assert_no_error (error);
  g_assert_false (fetch_headers_has (headers, "c", &error));
  g_assert_no_error (error);
}

static void
test_headers_get_set_cookie (void)
{
  g_autoptr(FetchHeaders) headers =
    headers_from_lines ("Set-Cookie: a=1, b=2\nX: y\nset-cookie: c=3\nSet-Cookie2: d\n");
  g_autoptr(FetchHeaders) empty = fetch_headers_new ();
  g_auto(GStrv) cookies = fetch_headers_get_set_cookie (headers);
  g_auto(GStrv) none = fetch_headers_get_set_cookie (empty);
  static const char * const expected[] = { "a=1, b=2", "c=3", NULL };

  g_test_summary ("§5.1 getSetCookie returns each Set-Cookie value in "
                  "order, unsplit, or an empty list");

  g_assert_cmpstrv (cookies, expected);
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_headers_set_delete (void)
{
  g_autoptr(FetchHeaders) headers = headers_from_lines ("A: 1\nB: 2\na: 3\n");
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.1 set replaces the first header and removes the "
                  "rest; delete removes all; both succeed on absent names");

  g_assert_true (fetch_headers_set (headers, "a", " x ", &error));
  g_assert_no_error (error);
  assert_lines (headers, "A: x\nB: 2\n");
  g_assert_true (fetch_headers_set (headers, "C", "3", &error));
  g_assert_no_error (error);
  assert_lines (headers, "A: x\nB: 2\nC: 3\n");

  g_assert_true (fetch_headers_delete (headers, "b", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_delete (headers, "missing", &error));
  g_assert_no_error (error);
  assert_lines (headers, "A: x\nC: 3\n");
}

static void
test_guard_immutable (void)
{
  g_autoptr(FetchHeaders) headers = headers_from_lines ("A: 1\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *pairs[] = { "B", "2", NULL };

  g_test_summary ("§5.1 guard immutable: append, set, delete and fill are "
                  "TypeErrors; get and has work");

  fetch_header_list_set_guard (fetch_headers_get_list (headers), FETCH_HEADERS_GUARD_IMMUTABLE);

  g_assert_false (fetch_headers_append (headers, "B", "2", &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (fetch_headers_set (headers, "A", "2", &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (fetch_headers_delete (headers, "A", &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);
  /* Even for a name the list does not have. */
  g_assert_false (fetch_headers_delete (headers, "Z", &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (fetch_headers_fill_from_pairs (fetch_headers_get_list (headers), pairs, &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);
  assert_lines (headers, "A: 1\n");

  value = fetch_headers_get (headers, "a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "1");
  g_assert_true (fetch_headers_has (headers, "A", &error));
  g_assert_no_error (error);
}

static void
test_guard_request (void)
{
  static const struct {
    const char *name;
    const char *value;
  } ignored[] = {
    { "Cookie", "a=b" }, { "Host", "evil.example" }, { "Sec-Fetch-Site", "none" },
    { "Proxy-Authorization", "x" }, { "Set-Cookie", "a=b" },
    { "X-HTTP-Method-Override", "TRACE" }, { "X-HTTP-Method", "get, connect" },
    { "X-Method-Override", "track" },
  };
  g_autoptr(FetchHeaders) headers = headers_from_lines ("Cookie: kept\nRange: bytes=0-\n");
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.1 guard request: forbidden request-headers are "
                  "silently ignored by append, set and delete");

  fetch_header_list_set_guard (fetch_headers_get_list (headers), FETCH_HEADERS_GUARD_REQUEST);

  for (gsize i = 0; i < G_N_ELEMENTS (ignored); i++)
    {
      g_assert_true (fetch_headers_append (headers, ignored[i].name, ignored[i].value, &error));
      g_assert_no_error (error);
      g_assert_true (fetch_headers_set (headers, ignored[i].name, ignored[i].value, &error));
      g_assert_no_error (error);
    }
  assert_lines (headers, "Cookie: kept\nRange: bytes=0-\n");

  /* delete validates (name, ``): a forbidden name is kept... */
  g_assert_true (fetch_headers_delete (headers, "cookie", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Cookie: kept\nRange: bytes=0-\n");

  /* ...but a method override with an allowed method is fine, and so is
   * deleting it (its dummy value names no method). */
  g_assert_true (fetch_headers_append (headers, "X-HTTP-Method-Override", "PATCH", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_append (headers, "X-Custom", "1", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Cookie: kept\nRange: bytes=0-\n"
                         "X-HTTP-Method-Override: PATCH\nX-Custom: 1\n");
  g_assert_true (fetch_headers_delete (headers, "x-http-method-override", &error));
  g_assert_no_error (error);

  /* Nothing removes the privileged Range header in this guard. */
  assert_lines (headers, "Cookie: kept\nRange: bytes=0-\nX-Custom: 1\n");

  /* A forbidden response-header name is fine in a request guard, except
   * Set-Cookie which is a forbidden request-header too. */
  g_assert_true (fetch_headers_append (headers, "Set-Cookie2", "x", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_has (headers, "set-cookie2", &error));
}

static void
test_guard_request_no_cors (void)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a120 = g_strnfill (120, 'a');
  g_autofree char *a128 = g_strnfill (128, 'a');

  g_test_summary ("§5.1 guard request-no-cors: only no-CORS-safelisted "
                  "request-headers (combined value for append) are kept, "
                  "and changes remove the privileged Range header");

  fetch_header_list_set_guard (fetch_headers_get_list (headers), FETCH_HEADERS_GUARD_REQUEST_NO_CORS);

  /* Not no-CORS-safelisted: ignored without error. */
  g_assert_true (fetch_headers_append (headers, "X-Custom", "1", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_append (headers, "Content-Type", "application/json", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_append (headers, "Range", "bytes=0-", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_set (headers, "X-Custom", "1", &error));
  g_assert_no_error (error);
  assert_lines (headers, "");

  /* Safelisted ones are appended. */
  g_assert_true (fetch_headers_append (headers, "Content-Type", "text/plain", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_append (headers, "Accept", a120, &error));
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strdup_printf ("Content-Type: text/plain\nAccept: %s\n", a120);

    assert_lines (headers, expected);
  }

  /* temporaryValue: "a…a, b" is 123 bytes: fine; one more append makes
   * the combined value exceed 128 bytes: ignored. */
  g_assert_true (fetch_headers_append (headers, "accept", "b", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_append (headers, "accept", "cccc", &error));
  g_assert_no_error (error);
  {
    g_autofree char *accept = fetch_headers_get (headers, "Accept", &error);
    g_autofree char *expected = g_strdup_printf ("%s, b", a120);

    g_assert_cmpstr (accept, ==, expected);
  }
  /* Content-Type combined: "text/plain, text/plain" does not parse as a
   * safelisted type, so even a second safe value is ignored. */
  g_assert_true (fetch_headers_append (headers, "Content-Type", "text/plain", &error));
  g_assert_no_error (error);
  {
    g_autofree char *type = fetch_headers_get (headers, "Content-Type", &error);

    g_assert_cmpstr (type, ==, "text/plain");
  }

  /* set checks (name, value) alone. */
  g_assert_true (fetch_headers_set (headers, "Accept", a128, &error));
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strdup_printf ("Content-Type: text/plain\nAccept: %s\n", a128);

    assert_lines (headers, expected);
  }
  g_assert_true (fetch_headers_set (headers, "Accept", "x", &error));
  assert_lines (headers, "Content-Type: text/plain\nAccept: x\n");

  /* A privileged Range header (added by the UA) goes after append... */
  fetch_header_list_append (fetch_headers_get_list (headers), "Range", "bytes=0-");
  g_assert_true (fetch_headers_append (headers, "Accept-Language", "en", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Content-Type: text/plain\nAccept: x\nAccept-Language: en\n");

  /* ...after set... */
  fetch_header_list_append (fetch_headers_get_list (headers), "Range", "bytes=0-");
  g_assert_true (fetch_headers_set (headers, "Accept-Language", "fr", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Content-Type: text/plain\nAccept: x\nAccept-Language: fr\n");

  /* ...but not after an ignored change. */
  fetch_header_list_append (fetch_headers_get_list (headers), "Range", "bytes=0-");
  g_assert_true (fetch_headers_append (headers, "X-Custom", "1", &error));
  g_assert_true (fetch_headers_set (headers, "X-Custom", "1", &error));
  assert_lines (headers, "Content-Type: text/plain\nAccept: x\nAccept-Language: fr\n"
                         "Range: bytes=0-\n");

  /* delete: a name that is neither no-CORS-safelisted nor privileged is
   * kept; deleting an absent name changes nothing (Range stays)... */
  fetch_header_list_append (fetch_headers_get_list (headers), "X-Custom", "ua");
  g_assert_true (fetch_headers_delete (headers, "X-Custom", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_delete (headers, "Content-Language", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Content-Type: text/plain\nAccept: x\nAccept-Language: fr\n"
                         "Range: bytes=0-\nX-Custom: ua\n");

  /* ...deleting a present one removes Range too; Range itself can be
   * deleted. */
  g_assert_true (fetch_headers_delete (headers, "accept", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Content-Type: text/plain\nAccept-Language: fr\nX-Custom: ua\n");
  fetch_header_list_append (fetch_headers_get_list (headers), "Range", "bytes=0-");
  g_assert_true (fetch_headers_delete (headers, "range", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Content-Type: text/plain\nAccept-Language: fr\nX-Custom: ua\n");
}

static void
test_guard_response (void)
{
  g_autoptr(FetchHeaders) headers = headers_from_lines ("Set-Cookie: a=1\n");
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.1 guard response: forbidden response-header names "
                  "(Set-Cookie, Set-Cookie2) are silently ignored");

  fetch_header_list_set_guard (fetch_headers_get_list (headers), FETCH_HEADERS_GUARD_RESPONSE);

  g_assert_true (fetch_headers_append (headers, "Set-Cookie", "b=2", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_set (headers, "set-cookie2", "c", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_delete (headers, "SET-COOKIE", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Set-Cookie: a=1\n");

  /* Forbidden request-headers are fine in responses. */
  g_assert_true (fetch_headers_append (headers, "Cookie", "x", &error));
  g_assert_no_error (error);
  g_assert_true (fetch_headers_append (headers, "Sec-Foo", "y", &error));
  g_assert_no_error (error);
  assert_lines (headers, "Set-Cookie: a=1\nCookie: x\nSec-Foo: y\n");
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(int *) user_data)++;
}

static void
test_guard_property (void)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  FetchHeadersGuard guard = -1;
  GParamSpec *pspec;
  int notified = 0;

  g_test_summary ("The guard property is a read-only enum, \"none\" by "
                  "default, notified when the guard changes");

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (headers), "guard");
  g_assert_nonnull (pspec);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == FETCH_TYPE_HEADERS_GUARD);
  g_assert_false (pspec->flags & G_PARAM_WRITABLE);

  g_object_get (headers, "guard", &guard, NULL);
  g_assert_cmpint (guard, ==, FETCH_HEADERS_GUARD_NONE);

  g_signal_connect (headers, "notify::guard", G_CALLBACK (notify_count_cb), &notified);
  fetch_header_list_set_guard (fetch_headers_get_list (headers), FETCH_HEADERS_GUARD_RESPONSE);
  fetch_header_list_set_guard (fetch_headers_get_list (headers), FETCH_HEADERS_GUARD_RESPONSE);
  g_assert_cmpint (notified, ==, 1);
  g_object_get (headers, "guard", &guard, NULL);
  g_assert_cmpint (guard, ==, FETCH_HEADERS_GUARD_RESPONSE);
  g_assert_cmpint (fetch_headers_get_guard (headers), ==, FETCH_HEADERS_GUARD_RESPONSE);

  g_assert_cmpstr (g_enum_get_value (g_type_class_peek (FETCH_TYPE_HEADERS_GUARD),
                                     FETCH_HEADERS_GUARD_REQUEST_NO_CORS)->value_nick,
                   ==, "request-no-cors");
}

/* ------------------------------------------------------------------ */
/* §5.1 fill and the constructors                                     */
/* ------------------------------------------------------------------ */

static void
test_fill_pairs (void)
{
  const char *pairs[] = { "Content-Type", " text/xml ", "Breaking-Bad", "<3",
                          "content-type", "b", NULL };
  const char *odd[] = { "A", "1", "B", NULL };
  const char *bad_name[] = { "A", "1", "B C", "2", NULL };
  const char *bad_value[] = { "A", "1", "B", "2\n3", NULL };
  g_autoptr(FetchHeaders) headers = NULL;
  g_autoptr(FetchHeaders) empty = NULL;
  g_autoptr(FetchHeaders) failed = NULL;
  g_autoptr(FetchHeaders) target = headers_from_lines ("Z: 0\n");
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.1 fill from pairs: each pair appended in order; an "
                  "odd count or a bad pair is a TypeError and fills nothing");

  headers = fetch_headers_new_from_pairs (pairs, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fetch_headers_get_guard (headers), ==, FETCH_HEADERS_GUARD_NONE);
  assert_lines (headers, "Content-Type: text/xml\nBreaking-Bad: <3\nContent-Type: b\n");

  empty = fetch_headers_new_from_pairs (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (empty)), ==, 0);

  failed = fetch_headers_new_from_pairs (odd, &error);
  g_assert_null (failed);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);

  /* Atomic: a later bad pair leaves the earlier ones out. */
  g_assert_false (fetch_headers_fill_from_pairs (fetch_headers_get_list (target), odd, &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (fetch_headers_fill_from_pairs (fetch_headers_get_list (target), bad_name, &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (fetch_headers_fill_from_pairs (fetch_headers_get_list (target), bad_value, &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);
  assert_lines (target, "Z: 0\n");

  /* Fill goes through §5.1 append, guard included. */
  fetch_header_list_set_guard (fetch_headers_get_list (target), FETCH_HEADERS_GUARD_REQUEST);
  {
    const char *with_forbidden[] = { "Cookie", "a", "X", "1", NULL };

    g_assert_true (fetch_headers_fill_from_pairs (fetch_headers_get_list (target), with_forbidden, &error));
    g_assert_no_error (error);
  }
  assert_lines (target, "Z: 0\nX: 1\n");
}

static void
test_fill_record (void)
{
  g_autoptr(GHashTable) record = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) bad = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(FetchHeaders) headers = NULL;
  g_autoptr(FetchHeaders) failed = NULL;
  g_autoptr(FetchHeaders) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL, *bad_value = NULL;

  g_test_summary ("§5.1 fill from a record appends each entry; a bad one "
                  "is a TypeError");

  g_hash_table_insert (record, "Content-Type", "text/xml ");
  g_hash_table_insert (record, "Breaking-Bad", "<3");
  headers = fetch_headers_new_from_record (record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (headers)), ==, 2);
  type = fetch_headers_get (headers, "content-type", &error);
  g_assert_cmpstr (type, ==, "text/xml");
  bad_value = fetch_headers_get (headers, "breaking-bad", &error);
  g_assert_cmpstr (bad_value, ==, "<3");

  g_hash_table_insert (bad, "A", "1");
  g_hash_table_insert (bad, "B", "x\ry");
  failed = fetch_headers_new_from_record (bad, &error);
  g_assert_null (failed);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);

  g_assert_false (fetch_headers_fill_from_record (fetch_headers_get_list (headers), bad, &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (headers)), ==, 2);

  empty = fetch_headers_new_from_record (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_header_list_get_length (fetch_headers_get_list (empty)), ==, 0);
}

static void
test_fill_headers (void)
{
  g_autoptr(FetchHeaders) other =
    headers_from_lines ("X-B: 1\nSet-Cookie: a\nx-b: 2\nAccept: */*\nset-cookie: b\n");
  g_autoptr(FetchHeaders) copy = NULL;
  g_autoptr(FetchHeaders) target = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.1 fill from another Headers uses its iteration "
                  "(sort and combine)");

  fetch_header_list_set_guard (fetch_headers_get_list (other), FETCH_HEADERS_GUARD_IMMUTABLE);
  copy = fetch_headers_new_from_headers (other);
  g_assert_cmpint (fetch_headers_get_guard (copy), ==, FETCH_HEADERS_GUARD_NONE);
  assert_lines (copy, "accept: */*\nset-cookie: a\nset-cookie: b\nx-b: 1, 2\n");

  target = fetch_headers_new ();
  fetch_header_list_set_guard (fetch_headers_get_list (target), FETCH_HEADERS_GUARD_RESPONSE);
  g_assert_true (fetch_headers_fill_from_headers (fetch_headers_get_list (target), fetch_headers_get_list (other), &error));
  g_assert_no_error (error);
  assert_lines (target, "accept: */*\nx-b: 1, 2\n");

  fetch_header_list_set_guard (fetch_headers_get_list (target), FETCH_HEADERS_GUARD_IMMUTABLE);
  g_assert_false (fetch_headers_fill_from_headers (fetch_headers_get_list (target), fetch_headers_get_list (other), &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
}

/* ------------------------------------------------------------------ */
/* §5.1 iteration                                                     */
/* ------------------------------------------------------------------ */

static gboolean
collect_cb (const char *name,
            const char *value,
            gpointer    user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_strdup_printf ("%s=%s", name, value));
  return seen->len < 3;
}

static void
test_iterate (void)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) entries = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const expected[] = {
    "a", "1, 3", "b", "2", "set-cookie", "x", "set-cookie", "y", NULL,
  };

  g_test_summary ("§5.1 iteration is sort and combine; foreach stops when "
                  "the callback returns FALSE");

  fetch_headers_append (headers, "Set-Cookie", "x", &error);
  fetch_headers_append (headers, "B", "2", &error);
  fetch_headers_append (headers, "A", "1", &error);
  fetch_headers_append (headers, "set-cookie", "y", &error);
  fetch_headers_append (headers, "a", "3", &error);
  g_assert_no_error (error);

  entries = fetch_headers_get_entries (headers);
  g_assert_cmpstrv (entries, expected);

  fetch_headers_foreach (headers, collect_cb, seen);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "a=1, 3");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "b=2");
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "set-cookie=x");
}

static gboolean
mutate_cb (const char *name,
           const char *value,
           gpointer    user_data)
{
  FetchHeaders *headers = user_data;

  fetch_header_list_clear (fetch_headers_get_list (headers));
  fetch_header_list_append (fetch_headers_get_list (headers), "Z", "z");
  return TRUE;
}

static void
test_iterate_mutation (void)
{
  g_autoptr(FetchHeaders) headers = headers_from_lines ("A: 1\nB: 2\n");

  g_test_summary ("foreach survives a callback that changes the headers");

  fetch_headers_foreach (headers, mutate_cb, headers);
  assert_lines (headers, "Z: z\n");
}

/* The entries of a list and its copy are shared until either changes
 * (fetch-headers.c): every change must stay on its side. */
static void
assert_entries (FetchHeaders *list,
                const char   *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < fetch_header_list_get_length (fetch_headers_get_list (list)); i++)
    {
      const char *name, *value;

      fetch_header_list_nth (fetch_headers_get_list (list), i, &name, &value);
      g_string_append_printf (got, "%s%s=%s", i > 0 ? "," : "", name, value);
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_list_append_received (void)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(FetchHeaders) copy = NULL;
  g_autofree char *value = NULL;

  g_test_summary ("§4.6: headers received from the network are appended as they are: "
                  "a repeated name keeps its own casing (§2.2.2 append would give it the "
                  "first one's), duplicates stay apart, and a shared list is copied first");

  fetch_header_list_append_received (fetch_headers_get_list (headers), "X-One", "1");
  copy = headers_copy (headers);
  fetch_header_list_append_received (fetch_headers_get_list (headers), "x-one", "2");
  assert_entries (headers, "X-One=1,x-one=2");
  assert_entries (copy, "X-One=1");

  value = fetch_headers_get (headers, "X-ONE", NULL);
  g_assert_cmpstr (value, ==, "1, 2");
}

static void
test_list_copy_independent (void)
{
  g_autoptr(FetchHeaders) a = fetch_headers_new ();
  g_autoptr(FetchHeaders) b = NULL;
  g_autoptr(FetchHeaders) c = NULL;
  g_autoptr(FetchHeaders) d = fetch_headers_new ();

  g_test_summary ("§2.2.2: a copied header list is independent of its original: appending, "
                  "setting, combining, deleting or clearing either leaves the other as it was");

  fetch_header_list_append (fetch_headers_get_list (a), "Accept", "*/*");
  fetch_header_list_append (fetch_headers_get_list (a), "X-One", "1");

  b = headers_copy (a);
  fetch_header_list_append (fetch_headers_get_list (b), "x-one", "2");           /* keeps a's casing in b */
  assert_entries (a, "Accept=*/*,X-One=1");
  assert_entries (b, "Accept=*/*,X-One=1,X-One=2");

  c = headers_copy (b);
  fetch_header_list_set (fetch_headers_get_list (b), "Accept", "text/html");
  assert_entries (b, "Accept=text/html,X-One=1,X-One=2");
  assert_entries (c, "Accept=*/*,X-One=1,X-One=2");

  fetch_header_list_combine (fetch_headers_get_list (c), "Accept", "text/plain");
  fetch_header_list_delete (fetch_headers_get_list (b), "X-One");
  assert_entries (b, "Accept=text/html");
  assert_entries (c, "Accept=*/*, text/plain,X-One=1,X-One=2");

  fetch_header_list_assign (fetch_headers_get_list (d), fetch_headers_get_list (c));
  fetch_header_list_clear (fetch_headers_get_list (c));
  assert_entries (c, "");
  assert_entries (d, "Accept=*/*, text/plain,X-One=1,X-One=2");
  fetch_header_list_append (fetch_headers_get_list (c), "Y", "y");
  assert_entries (c, "Y=y");
  assert_entries (d, "Accept=*/*, text/plain,X-One=1,X-One=2");
  assert_entries (a, "Accept=*/*,X-One=1");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/headers/quoted-string", test_collect_http_quoted_string);
  g_test_add_func ("/fetch/headers/list/copy-independent", test_list_copy_independent);
  g_test_add_func ("/fetch/headers/list/append-received", test_list_append_received);
  g_test_add_func ("/fetch/headers/method/predicates", test_method_predicates);
  g_test_add_func ("/fetch/headers/method/normalize", test_method_normalize);
  g_test_add_func ("/fetch/headers/name/valid", test_header_name);
  g_test_add_func ("/fetch/headers/value/valid", test_header_value);
  g_test_add_func ("/fetch/headers/value/normalize", test_header_value_normalize);
  g_test_add_func ("/fetch/headers/list/contains-get", test_list_contains_get);
  g_test_add_func ("/fetch/headers/list/get-decode-split", test_list_get_decode_split);
  g_test_add_func ("/fetch/headers/list/append", test_list_append);
  g_test_add_func ("/fetch/headers/list/delete", test_list_delete);
  g_test_add_func ("/fetch/headers/list/set", test_list_set);
  g_test_add_func ("/fetch/headers/list/combine", test_list_combine);
  g_test_add_func ("/fetch/headers/list/sort-and-combine", test_list_sort_and_combine);
  g_test_add_func ("/fetch/headers/list/copy-clear", test_list_copy_clear);
  g_test_add_func ("/fetch/headers/cors/unsafe-byte", test_cors_unsafe_request_header_byte);
  g_test_add_func ("/fetch/headers/cors/safelisted-request-header", test_cors_safelisted_request_header);
  g_test_add_func ("/fetch/headers/cors/safelisted-language", test_cors_safelisted_language);
  g_test_add_func ("/fetch/headers/cors/unsafe-request-header-names", test_cors_unsafe_request_header_names);
  g_test_add_func ("/fetch/headers/name-predicates", test_header_name_predicates);
  g_test_add_func ("/fetch/headers/forbidden-request-header", test_forbidden_request_header);
  g_test_add_func ("/fetch/headers/extract-length", test_extract_length);
  g_test_add_func ("/fetch/headers/append", test_headers_append);
  g_test_add_func ("/fetch/headers/invalid", test_headers_invalid);
  g_test_add_func ("/fetch/headers/get-has", test_headers_get_has);
  g_test_add_func ("/fetch/headers/get-set-cookie", test_headers_get_set_cookie);
  g_test_add_func ("/fetch/headers/set-delete", test_headers_set_delete);
  g_test_add_func ("/fetch/headers/guard/immutable", test_guard_immutable);
  g_test_add_func ("/fetch/headers/guard/request", test_guard_request);
  g_test_add_func ("/fetch/headers/guard/request-no-cors", test_guard_request_no_cors);
  g_test_add_func ("/fetch/headers/guard/response", test_guard_response);
  g_test_add_func ("/fetch/headers/guard/property", test_guard_property);
  g_test_add_func ("/fetch/headers/fill/pairs", test_fill_pairs);
  g_test_add_func ("/fetch/headers/fill/record", test_fill_record);
  g_test_add_func ("/fetch/headers/fill/headers", test_fill_headers);
  g_test_add_func ("/fetch/headers/iterate", test_iterate);
  g_test_add_func ("/fetch/headers/iterate/mutation", test_iterate_mutation);

  return g_test_run ();
}
