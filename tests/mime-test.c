/* mime-test.c: MIME types (MIME Sniffing §4.4, §4.5) and Fetch §3.4
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "libfetch-glib/fetch.h"
#include "fetch-headers-private.h"
#include "fetch-mime-private.h"

/* input → serialization, or NULL for failure */
static const struct {
  const char *input;
  const char *serialized;
} parse_cases[] = {
  /* Basics: lowercase type and subtype, whitespace trimmed. */
  { "text/html", "text/html" },
  { "TEXT/HTML;CHARSET=GBK", "text/html;charset=GBK" },
  { "Text/Html; Charset=\"UTF-8\"", "text/html;charset=UTF-8" },
  { " \t\r\ntext/html\n\r\t ", "text/html" },
  { "text/html ;charset=gbk", "text/html;charset=gbk" },
  { "text/html \t;charset=gbk", "text/html;charset=gbk" },
  { "*/*", "*/*" },
  { "x-!#$%&'*+-.^_`|~0/x", "x-!#$%&'*+-.^_`|~0/x" },
  { "application/vnd.api+json", "application/vnd.api+json" },
  /* A quoted value ends at its closing quote; the rest up to ; is dropped. */
  { "text/html;charset=\"shift_jis\"iso-2022-jp", "text/html;charset=shift_jis" },
  { "text/html;charset=\"gbk\" ;a=b", "text/html;charset=gbk;a=b" },
  /* First occurrence wins, names compared after lowercasing. */
  { "text/html;charset=gbk;charset=windows-1255", "text/html;charset=gbk" },
  { "text/html;charset=gbk;CHARSET=utf-8", "text/html;charset=gbk" },
  { "text/html;a=1;b=2;a=3", "text/html;a=1;b=2" },
  /* Empty unquoted values are ignored, so a later one wins. */
  { "text/html;charset=", "text/html" },
  { "text/html;charset= ", "text/html" },
  { "text/html;charset=;charset=gbk", "text/html;charset=gbk" },
  /* An empty quoted value is kept, and serialized quoted. */
  { "text/html;charset=\"\"", "text/html;charset=\"\"" },
  { "text/html;charset=\"\";charset=gbk", "text/html;charset=\"\"" },
  /* A name without = is skipped; stray ; are fine. */
  { "text/html;charset", "text/html" },
  { "text/html;charset;charset=gbk", "text/html;charset=gbk" },
  { "text/html;;;charset=gbk", "text/html;charset=gbk" },
  { "text/html;", "text/html" },
  { "text/html;=gbk", "text/html" },
  /* Leading whitespace of a name is skipped, trailing is not. */
  { "text/html;  \tcharset=gbk", "text/html;charset=gbk" },
  { "text/html;charset =gbk", "text/html" },
  /* Value whitespace: leading kept (then quoted), trailing trimmed. */
  { "text/html;charset= gbk", "text/html;charset=\" gbk\"" },
  { "text/html;charset=gbk \t", "text/html;charset=gbk" },
  { "text/html;a=b c", "text/html;a=\"b c\"" },
  /* Quoted strings: escapes, ; inside, unterminated, trailing \. */
  { "text/html;a=\"b;c\"", "text/html;a=\"b;c\"" },
  { "text/html;a=\"b\\\"c\\\\d\"", "text/html;a=\"b\\\"c\\\\d\"" },
  { "text/html;a=\"\\x\"", "text/html;a=x" },
  { "text/html;a=\"unterminated", "text/html;a=unterminated" },
  { "text/html;a=\"trailing\\", "text/html;a=\"trailing\\\\\"" },
  { "text/html;a=\"x\";b=\"y\"", "text/html;a=x;b=y" },
  /* Serialization quotes values that are not all token code points. */
  { "text/html;a=b/c", "text/html;a=\"b/c\"" },
  { "text/html;a=(b)", "text/html;a=\"(b)\"" },
  { "text/html;a=b=c", "text/html;a=\"b=c\"" },
  /* Invalid parameter names and values are dropped. */
  { "text/html;\xc3\xa9=x;a=b", "text/html;a=b" },
  { "text/html;a b=x;c=d", "text/html;c=d" },
  { "text/html;(a)=x", "text/html" },
  { "text/html;a=\x7f", "text/html" },
  { "text/html;a=b\x01;c=d", "text/html;c=d" },
  { "text/html;a=\"\x01\";c=d", "text/html;c=d" },
  /* Bytes 0x80–0xFF are quoted-string token code points. */
  { "text/html;a=\xc3\xa9", "text/html;a=\"\xc3\xa9\"" },
  { "text/html;a=\"\xff\"", "text/html;a=\"\xff\"" },
  /* Failures. */
  { "", NULL },
  { " \t\r\n", NULL },
  { "text", NULL },
  { "text/", NULL },
  { "text/ ", NULL },
  { "text/;a=b", NULL },
  { "/html", NULL },
  { "/", NULL },
  { "text /html", NULL },
  { "te xt/html", NULL },
  { "text/ html", NULL },
  { "text/ht ml", NULL },
  { "text/html/x", NULL },
  { "text/html(", NULL },
  { "text/\"html\"", NULL },
  { "\"text\"/html", NULL },
  { "text/html\f", NULL },
  { "\ftext/html", NULL },
  { "text/h\xc3\xa9", NULL },
  { "t\xc3\xa9xt/html", NULL },
  { "text/html,text/plain", NULL },
};

static void
test_parse_serialize (void)
{
  g_test_summary ("MIME Sniffing §4.4 parse and §4.5 serialize: "
                  "whitespace, case, duplicates, empty values, quoting and "
                  "invalid code points");

  for (gsize i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autoptr(FetchMimeType) mime_type = fetch_mime_type_parse (parse_cases[i].input);

      g_autofree char *escaped = g_strescape (parse_cases[i].input, NULL);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, escaped);
      if (parse_cases[i].serialized == NULL)
        {
          g_assert_null (mime_type);
        }
      else
        {
          g_autofree char *serialized = NULL;
          g_autoptr(FetchMimeType) again = NULL;
          g_autofree char *reserialized = NULL;

          g_assert_nonnull (mime_type);
          serialized = fetch_mime_type_serialize (mime_type);
          g_assert_cmpstr (serialized, ==, parse_cases[i].serialized);

          /* A serialization parses back to itself. */
          again = fetch_mime_type_parse (serialized);
          g_assert_nonnull (again);
          reserialized = fetch_mime_type_serialize (again);
          g_assert_cmpstr (reserialized, ==, serialized);
        }
    }
}

static void
test_accessors (void)
{
  g_autoptr(FetchMimeType) mime_type =
    fetch_mime_type_parse ("Multipart/Form-Data; Boundary=\"AbC\"; charset=utf-8");
  g_autofree char *essence = NULL;
  g_autofree char *serialized = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) names_after = NULL;
  static const char * const expected_names[] = { "boundary", "charset", NULL };
  static const char * const expected_after[] = { "boundary", "charset", "x-new", NULL };

  g_test_summary ("A MIME type's type, subtype, essence and ordered, "
                  "case-insensitively looked-up parameters");

  g_assert_nonnull (mime_type);
  g_assert_cmpstr (fetch_mime_type_get_media_type (mime_type), ==, "multipart");
  g_assert_cmpstr (fetch_mime_type_get_subtype (mime_type), ==, "form-data");
  essence = fetch_mime_type_get_essence (mime_type);
  g_assert_cmpstr (essence, ==, "multipart/form-data");

  g_assert_cmpstr (fetch_mime_type_get_parameter (mime_type, "boundary"), ==, "AbC");
  g_assert_cmpstr (fetch_mime_type_get_parameter (mime_type, "BOUNDARY"), ==, "AbC");
  g_assert_null (fetch_mime_type_get_parameter (mime_type, "missing"));
  names = fetch_mime_type_get_parameter_names (mime_type);
  g_assert_cmpstrv (names, expected_names);

  /* set: in place when present, appended (lowercased) when not. */
  fetch_mime_type_set_parameter (mime_type, "CHARSET", "gbk");
  fetch_mime_type_set_parameter (mime_type, "X-New", "a b");
  names_after = fetch_mime_type_get_parameter_names (mime_type);
  g_assert_cmpstrv (names_after, expected_after);
  serialized = fetch_mime_type_serialize (mime_type);
  g_assert_cmpstr (serialized, ==, "multipart/form-data;boundary=AbC;charset=gbk;x-new=\"a b\"");
}

static void
test_boxed_refcount (void)
{
  FetchMimeType *mime_type = fetch_mime_type_parse ("text/plain");
  FetchMimeType *copy;
  GValue value = G_VALUE_INIT;

  g_test_summary ("FetchMimeType is a reference-counted boxed type");

  g_assert_true (G_TYPE_IS_BOXED (FETCH_TYPE_MIME_TYPE));
  g_assert_cmpstr (g_type_name (FETCH_TYPE_MIME_TYPE), ==, "FetchMimeType");

  /* Boxed copy is a new reference to the same object. */
  copy = g_boxed_copy (FETCH_TYPE_MIME_TYPE, mime_type);
  g_assert_true (copy == mime_type);
  g_boxed_free (FETCH_TYPE_MIME_TYPE, copy);

  g_value_init (&value, FETCH_TYPE_MIME_TYPE);
  g_value_set_boxed (&value, mime_type);
  g_assert_true (g_value_get_boxed (&value) == mime_type);
  g_value_unset (&value);

  g_assert_true (fetch_mime_type_ref (mime_type) == mime_type);
  fetch_mime_type_unref (mime_type);
  g_assert_cmpstr (fetch_mime_type_get_subtype (mime_type), ==, "plain");
  fetch_mime_type_unref (mime_type);
}

static void
test_code_points (void)
{
  g_test_summary ("HTTP token and HTTP quoted-string token code points");

  for (gunichar c = 0; c < 0x200; c++)
    {
      gboolean token = (c < 0x80 && g_ascii_isalnum (c)) ||
                       (c != 0 && c < 0x80 && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
      gboolean quoted = c == 0x09 || (c >= 0x20 && c <= 0x7E) ||
                        (c >= 0x80 && c <= 0xFF);

      g_assert_cmpint (fetch_is_http_token_code_point (c), ==, token);
      g_assert_cmpint (fetch_is_http_quoted_string_token_code_point (c), ==, quoted);
    }
  g_assert_false (fetch_is_http_token_code_point ('('));
  g_assert_false (fetch_is_http_token_code_point (' '));
  g_assert_true (fetch_is_http_token_code_point ('~'));
  g_assert_false (fetch_is_http_quoted_string_token_code_point (0x7F));
  g_assert_false (fetch_is_http_quoted_string_token_code_point (0x0A));
  g_assert_false (fetch_is_http_quoted_string_token_code_point (0x100));
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

static void
test_extract_mime_type (void)
{
  /* The table of §3.4 "extract a MIME type", then more. */
  static const struct {
    const char *lines;
    const char *serialized;
  } cases[] = {
    { "Content-Type: text/plain;charset=gbk, text/html", "text/html" },
    { "Content-Type: text/html;charset=gbk;a=b, text/html;x=y",
      "text/html;x=y;charset=gbk" },
    { "Content-Type: text/html;charset=gbk;a=b\nContent-Type: text/html;x=y",
      "text/html;x=y;charset=gbk" },
    { "Content-Type: text/html;charset=gbk\nContent-Type: x/x\n"
      "Content-Type: text/html;x=y", "text/html;x=y" },
    { "Content-Type: text/html\nContent-Type: cannot-parse", "text/html" },
    { "Content-Type: text/html\nContent-Type: */*", "text/html" },
    { "Content-Type: text/html\nContent-Type:", "text/html" },
    /* A later charset of the same essence replaces the carried one. */
    { "Content-Type: text/html;charset=gbk, text/html;charset=utf-8",
      "text/html;charset=utf-8" },
    /* The carried charset survives a failure or an any-type in between. */
    { "Content-Type: text/html;charset=gbk, nonsense, */*, text/html",
      "text/html;charset=gbk" },
    /* Essence comparison is after lowercasing. */
    { "Content-Type: TEXT/HTML;charset=gbk, text/html", "text/html;charset=gbk" },
    /* A quoted comma does not split. */
    { "Content-Type: text/html;a=\"1,2\"", "text/html;a=\"1,2\"" },
    { "content-type: application/json", "application/json" },
    /* Failures. */
    { "", NULL },
    { "X: text/html", NULL },
    { "Content-Type: ", NULL },
    { "Content-Type: */*", NULL },
    { "Content-Type: nonsense, */*", NULL },
  };

  g_test_summary ("§3.4 extract a MIME type: the spec's table, charset "
                  "carry-over and failures");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchHeaders) headers = headers_from_lines (cases[i].lines);
      g_autoptr(FetchMimeType) mime_type = fetch_header_list_extract_mime_type (fetch_headers_get_list (headers));

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].lines);
      if (cases[i].serialized == NULL)
        {
          g_assert_null (mime_type);
        }
      else
        {
          g_autofree char *serialized = NULL;

          g_assert_nonnull (mime_type);
          serialized = fetch_mime_type_serialize (mime_type);
          g_assert_cmpstr (serialized, ==, cases[i].serialized);
        }
    }
}

static void
test_get_an_encoding (void)
{
  static const struct {
    const char *label;
    const char *name;
  } cases[] = {
    { "utf-8", "UTF-8" }, { "UTF8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
    { " \t\n\f\rutf-8 \t\n\f\r", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
    { "latin1", "windows-1252" }, { "ISO-8859-1", "windows-1252" },
    { "us-ascii", "windows-1252" }, { "ascii", "windows-1252" },
    { "iso-8859-2", "ISO-8859-2" }, { "l2", "ISO-8859-2" },
    { "iso_8859-5:1988", "ISO-8859-5" }, { "iso-8859-8-i", "ISO-8859-8-I" },
    { "latin5", "windows-1254" }, { "iso-8859-9", "windows-1254" },
    { "iso-8859-11", "windows-874" }, { "iso-8859-15", "ISO-8859-15" },
    { "iso-8859-16", "ISO-8859-16" },
    { "cp1250", "windows-1250" }, { "windows-1251", "windows-1251" },
    { "windows-1258", "windows-1258" }, { "koi8-r", "KOI8-R" },
    { "koi8-u", "KOI8-U" }, { "mac", "macintosh" },
    { "x-mac-ukrainian", "x-mac-cyrillic" },
    { "gb2312", "GBK" }, { "gb18030", "gb18030" }, { "big5-hkscs", "Big5" },
    { "euc-jp", "EUC-JP" }, { "iso-2022-jp", "ISO-2022-JP" },
    { "sjis", "Shift_JIS" }, { "windows-31j", "Shift_JIS" },
    { "ks_c_5601-1987", "EUC-KR" }, { "iso-2022-kr", "replacement" },
    { "hz-gb-2312", "replacement" },
    { "utf-16", "UTF-16LE" }, { "utf-16le", "UTF-16LE" }, { "ucs-2", "UTF-16LE" },
    { "utf-16be", "UTF-16BE" }, { "x-user-defined", "x-user-defined" },
    /* Failures. */
    { "", NULL }, { "utf-7", NULL }, { "utf-32", NULL }, { "replacement", NULL },
    { "utf-8x", NULL }, { "utf 8", NULL }, { "\vutf-8", NULL },
    { "iso-8859-12", NULL }, { "latin", NULL },
  };

  g_test_summary ("Encoding Standard get an encoding: labels, case, ASCII "
                  "whitespace, failures");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].label);
      g_assert_cmpstr (fetch_get_an_encoding (cases[i].label), ==, cases[i].name);
    }
}

static void
test_legacy_extract_encoding (void)
{
  static const struct {
    const char *lines;
    const char *encoding;
  } cases[] = {
    { "", "fallback" },
    { "Content-Type: nonsense", "fallback" },
    { "Content-Type: text/html", "fallback" },
    { "Content-Type: text/html;charset=bogus", "fallback" },
    { "Content-Type: text/html;charset=", "fallback" },
    { "Content-Type: text/html;charset=latin1", "windows-1252" },
    { "Content-Type: text/html;charset=\" UTF8 \"", "UTF-8" },
    { "Content-Type: text/html;CHARSET=Shift_JIS", "Shift_JIS" },
    { "Content-Type: text/html;charset=utf-16", "UTF-16LE" },
    { "Content-Type: text/html;charset=gbk, text/html", "GBK" },
    { "Content-Type: text/html;charset=gbk, text/plain", "fallback" },
  };

  g_test_summary ("§3.4 legacy extract an encoding: the charset's encoding "
                  "or the fallback");

  g_assert_cmpstr (fetch_mime_type_legacy_extract_encoding (NULL, "fallback"), ==, "fallback");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchHeaders) headers = headers_from_lines (cases[i].lines);

      g_test_message ("%s", cases[i].lines);
      g_assert_cmpstr (fetch_legacy_extract_encoding (fetch_headers_get_list (headers), "fallback"), ==,
                       cases[i].encoding);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/mime/parse-serialize", test_parse_serialize);
  g_test_add_func ("/fetch/mime/accessors", test_accessors);
  g_test_add_func ("/fetch/mime/boxed-refcount", test_boxed_refcount);
  g_test_add_func ("/fetch/mime/code-points", test_code_points);
  g_test_add_func ("/fetch/mime/extract-mime-type", test_extract_mime_type);
  g_test_add_func ("/fetch/mime/get-an-encoding", test_get_an_encoding);
  g_test_add_func ("/fetch/mime/legacy-extract-encoding", test_legacy_extract_encoding);

  return g_test_run ();
}
