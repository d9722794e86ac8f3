/* scheme-test.c: scheme fetch (§4.2), the data: URL processor (§6),
 * forgiving-base64 (Infra), ranges (§2.2.2) and the blob URL store
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "libfetch-glib/fetch.h"
#include "fetch-scheme-private.h"
#include "fetch-headers-private.h"  /* §2.2.2 ranges */
#include "fetch-headers-private.h"
#include "fetch-url-private.h"

#define BYTES(s) s, sizeof (s) - 1
#define FAILURE NULL, 0

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
assert_bytes_equal (GBytes     *bytes,
                    const char *expected,
                    gsize       expected_length)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpmem (data, size, expected, expected_length);
}

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gpointer *data = user_data;

  data[0] = g_object_ref (result);
  g_main_loop_quit (data[1]);
}

/* Runs fetch_scheme_fetch_async on a main loop; checks that the callback
 * is never called before the async call returns. */
static FetchResponse *
scheme_fetch (FetchRequest   *request,
              FetchBlobStore *blobs,
              GCancellable   *cancellable)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  gpointer data[2] = { NULL, loop };
  FetchResponse *response;

  fetch_scheme_fetch_async (request, blobs, cancellable, fetch_done_cb, data);
  g_assert_null (data[0]);
  g_main_loop_run (loop);
  result = data[0];

  response = fetch_scheme_fetch_finish (result);
  g_assert_true (FETCH_IS_RESPONSE (response));
  return response;
}

static FetchRequest *
request_new (const char *url,
             const char *method)
{
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(GError) error = NULL;
  FetchRequest *request;

  if (method != NULL)
    fetch_request_init_set_method (init, method);
  request = fetch_request_new (url, init, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  return request;
}

static FetchResponse *
fetch_url (const char     *url,
           FetchBlobStore *blobs)
{
  g_autoptr(FetchRequest) request = request_new (url, NULL);

  return scheme_fetch (request, blobs, NULL);
}

static GBytes *
read_body (FetchResponse *response)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (response->body);
  g_output_stream_splice (out, response->body->stream,
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
assert_body (FetchResponse *response,
             const char    *expected,
             gsize          expected_length)
{
  g_autoptr(GBytes) body = read_body (response);

  assert_bytes_equal (body, expected, expected_length);
}

static void
assert_header (FetchResponse *response,
               const char    *name,
               const char    *expected)
{
  g_autofree char *value = fetch_header_list_get (response->header_list, name);

  g_assert_cmpstr (value, ==, expected);
}

/* A plain (non-network-error) response: type default, empty URL list
 * (main fetch step 16 fills it), given status and message. */
static void
assert_response (FetchResponse *response,
                 guint          status,
                 const char    *status_message,
                 guint          n_headers)
{
  g_assert_false (fetch_response_is_network_error (response));
  g_assert_cmpint (response->type, ==, FETCH_RESPONSE_TYPE_DEFAULT);
  g_assert_cmpuint (response->url_list->len, ==, 0);
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (response->status_message, ==, status_message);
  g_assert_cmpuint (fetch_header_list_get_length (response->header_list), ==, n_headers);
}

static void
assert_network_error (FetchResponse *response,
                      const char    *message_part)
{
  g_assert_true (fetch_response_is_network_error (response));
  g_assert_false (response->aborted);
  g_assert_cmpuint (response->status, ==, 0);
  g_assert_null (response->body);
  g_assert_error (response->error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  if (message_part != NULL && strstr (response->error->message, message_part) == NULL)
    g_error ("“%s” does not contain “%s”", response->error->message, message_part);
}

/* ------------------------------------------------------------------ */
/* Forgiving-base64 (Infra §4.5)                                       */

static void
test_forgiving_base64 (void)
{
  const struct {
    const char *input;
    gsize       input_length;
    const char *output;       /* NULL: failure */
    gsize       output_length;
  } cases[] = {
    { BYTES (""), BYTES ("") },
    { BYTES ("abcd"), BYTES ("\x69\xb7\x1d") },
    { BYTES (" abcd"), BYTES ("\x69\xb7\x1d") },
    { BYTES ("abcd "), BYTES ("\x69\xb7\x1d") },
    { BYTES (" abcd==="), FAILURE },
    { BYTES ("abcd=== "), FAILURE },
    { BYTES ("abcd ==="), FAILURE },
    { BYTES ("a"), FAILURE },
    { BYTES ("ab"), BYTES ("\x69") },
    { BYTES ("abc"), BYTES ("\x69\xb7") },
    { BYTES ("abcde"), FAILURE },
    { BYTES ("\xf0\x90\x80\x80"), FAILURE },
    { BYTES ("="), FAILURE },
    { BYTES ("=="), FAILURE },
    { BYTES ("==="), FAILURE },
    { BYTES ("===="), FAILURE },
    { BYTES ("====="), FAILURE },
    { BYTES ("a="), FAILURE },
    { BYTES ("a=="), FAILURE },
    { BYTES ("a==="), FAILURE },
    { BYTES ("a===="), FAILURE },
    { BYTES ("ab="), FAILURE },
    { BYTES ("ab=="), BYTES ("\x69") },
    { BYTES ("ab==="), FAILURE },
    { BYTES ("abc="), BYTES ("\x69\xb7") },
    { BYTES ("abc=="), FAILURE },
    { BYTES ("abcd="), FAILURE },
    { BYTES ("abcd=="), FAILURE },
    { BYTES ("abcde="), FAILURE },
    { BYTES ("abcde=="), FAILURE },
    { BYTES ("=a"), FAILURE },
    { BYTES ("=a="), FAILURE },
    { BYTES ("a=b"), FAILURE },
    { BYTES ("a=b="), FAILURE },
    { BYTES ("ab=c"), FAILURE },
    { BYTES ("ab=c="), FAILURE },
    { BYTES ("abc=d"), FAILURE },
    { BYTES ("abc=d="), FAILURE },
    /* Only TAB, LF, FF, CR and SPACE are ASCII whitespace. */
    { BYTES ("ab\vcd"), FAILURE },
    { BYTES ("ab\xe3\x80\x80" "cd"), FAILURE },
    { BYTES ("ab\xc2\xa0" "cd"), FAILURE },
    { BYTES ("ab\tcd"), BYTES ("\x69\xb7\x1d") },
    { BYTES ("ab\ncd"), BYTES ("\x69\xb7\x1d") },
    { BYTES ("ab\fcd"), BYTES ("\x69\xb7\x1d") },
    { BYTES ("ab\rcd"), BYTES ("\x69\xb7\x1d") },
    { BYTES ("ab cd"), BYTES ("\x69\xb7\x1d") },
    { BYTES ("ab\t\n\f\r cd"), BYTES ("\x69\xb7\x1d") },
    { BYTES (" \t\n\f\r ab\t\n\f\r cd\t\n\f\r "), BYTES ("\x69\xb7\x1d") },
    { BYTES ("ab\t\n\f\r =\t\n\f\r =\t\n\f\r "), BYTES ("\x69") },
    /* Bits: 12 leftover bits give one byte, 18 give two. */
    { BYTES ("A"), FAILURE },
    { BYTES ("/A"), BYTES ("\xfc") },
    { BYTES ("//A"), BYTES ("\xff\xf0") },
    { BYTES ("///A"), BYTES ("\xff\xff\xc0") },
    { BYTES ("////A"), FAILURE },
    { BYTES ("/"), FAILURE },
    { BYTES ("A/"), BYTES ("\x03") },
    { BYTES ("AA/"), BYTES ("\x00\x0f") },
    { BYTES ("AAAA/"), FAILURE },
    { BYTES ("AAA/"), BYTES ("\x00\x00\x3f") },
    { BYTES ("+/+/"), BYTES ("\xfb\xff\xbf") },
    /* Discarded bits need not be zero. */
    { BYTES ("YQ"), BYTES ("a") },
    { BYTES ("YR"), BYTES ("a") },
    /* NUL and other non-alphabet code points (base64url too). */
    { BYTES ("\0nonsense"), FAILURE },
    { BYTES ("abcd\0nonsense"), FAILURE },
    { BYTES ("~~"), FAILURE },
    { BYTES (".."), FAILURE },
    { BYTES ("--"), FAILURE },
    { BYTES ("__"), FAILURE },
    { BYTES ("SGVsbG8sIFdvcmxkIQ=="), BYTES ("Hello, World!") },
  };

  g_test_summary ("Infra forgiving-base64 decode: whitespace removal, the "
                  "length and padding rules, the alphabet, leftover bits");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) result = NULL;

      g_test_message ("case %zu", i);
      result = fetch_forgiving_base64_decode (cases[i].input, cases[i].input_length);
      if (cases[i].output == NULL)
        g_assert_null (result);
      else
        {
          g_assert_nonnull (result);
          assert_bytes_equal (result, cases[i].output, cases[i].output_length);
        }
    }
}

/* ------------------------------------------------------------------ */
/* The data: URL processor (§6)                                        */

static const struct {
  const char *url;
  const char *mime_type;   /* NULL: failure */
  const char *body;
  gsize       body_length;
} data_url_cases[] = {
  { "data://test/,X", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:,X", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:", FAILURE },
  { "data:text/html", FAILURE },
  { "data:text/html    ;charset=x   ", FAILURE },
  { "data:,", "text/plain;charset=US-ASCII", BYTES ("") },
  { "data:,X#X", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:,X?Y", "text/plain;charset=US-ASCII", BYTES ("X?Y") },
  { "data:,%FF", "text/plain;charset=US-ASCII", BYTES ("\xff") },
  { "data:,%", "text/plain;charset=US-ASCII", BYTES ("%") },
  { "data:,%4", "text/plain;charset=US-ASCII", BYTES ("%4") },
  { "data:,%4g%41", "text/plain;charset=US-ASCII", BYTES ("%4gA") },
  { "data:,%00", "text/plain;charset=US-ASCII", BYTES ("\0") },
  { "data:text/plain,X", "text/plain", BYTES ("X") },
  { "data:text/plain ,X", "text/plain", BYTES ("X") },
  { "data:text/plain%20,X", "text/plain%20", BYTES ("X") },
  { "data:text/plain\f,X", "text/plain%0c", BYTES ("X") },
  { "data:text/plain%0C,X", "text/plain%0c", BYTES ("X") },
  { "data:text/plain;,X", "text/plain", BYTES ("X") },
  { "data:;x=x;charset=x,X", "text/plain;x=x;charset=x", BYTES ("X") },
  { "data:;x=x,X", "text/plain;x=x", BYTES ("X") },
  { "data:text/plain;charset=windows-1252,%C2%B1", "text/plain;charset=windows-1252", BYTES ("\xc2\xb1") },
  { "data:text/plain;Charset=UTF-8,%C2%B1", "text/plain;charset=UTF-8", BYTES ("\xc2\xb1") },
  { "data:text/plain;charset=UTF-8,\xc3\xa1\xc3\xb1\xc3\xa7\xc9\x99\xf0\x9f\x92\xa9",
    "text/plain;charset=UTF-8", BYTES ("\xc3\xa1\xc3\xb1\xc3\xa7\xc9\x99\xf0\x9f\x92\xa9") },
  { "data:image/gif,%C2%B1", "image/gif", BYTES ("\xc2\xb1") },
  { "data:IMAGE/gif,%C2%B1", "image/gif", BYTES ("\xc2\xb1") },
  { "data:IMAGE/gif;hi=x,%C2%B1", "image/gif;hi=x", BYTES ("\xc2\xb1") },
  { "data:IMAGE/gif;CHARSET=x,%C2%B1", "image/gif;charset=x", BYTES ("\xc2\xb1") },
  { "data: ,%FF", "text/plain;charset=US-ASCII", BYTES ("\xff") },
  { "data:%20,%FF", "text/plain;charset=US-ASCII", BYTES ("\xff") },
  { "data:\f,%FF", "text/plain;charset=US-ASCII", BYTES ("\xff") },
  { "data:%1F,%FF", "text/plain;charset=US-ASCII", BYTES ("\xff") },
  { "data:%00,%FF", "text/plain;charset=US-ASCII", BYTES ("\xff") },
  { "data:text/html  ,X", "text/html", BYTES ("X") },
  { "data:text / html,X", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:\xe2\x80\xa0,X", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:\xe2\x80\xa0/\xe2\x80\xa0,X", "%e2%80%a0/%e2%80%a0", BYTES ("X") },
  { "data:X,X", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:image/png,X X", "image/png", BYTES ("X X") },
  { "data:unknown/unknown,X X", "unknown/unknown", BYTES ("X X") },
  { "data:text/plain;a=\",\",X", "text/plain;a=\"\"", BYTES ("\",X") },
  { "data:text/plain;a=%2C,X", "text/plain;a=%2C", BYTES ("X") },
  /* base64 (§6 step 11) */
  { "data:;base64;base64,WA", "text/plain", BYTES ("X") },
  { "data:x/x;base64;base64,WA", "x/x", BYTES ("X") },
  { "data:x/x;base64;charset=x,WA", "x/x;charset=x", BYTES ("WA") },
  { "data:x/x;base64;charset=x;base64,WA", "x/x;charset=x", BYTES ("X") },
  { "data:x/x;base64;base64x,WA", "x/x", BYTES ("WA") },
  { "data:;base64,W%20A", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:;base64,W%0CA", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:x;base64x,WA", "text/plain;charset=US-ASCII", BYTES ("WA") },
  { "data:x;base64;x,WA", "text/plain;charset=US-ASCII", BYTES ("WA") },
  { "data:x;base64=x,WA", "text/plain;charset=US-ASCII", BYTES ("WA") },
  { "data:; base64,WA", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:;  base64,WA", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:  ;charset=x   ;  base64,WA", "text/plain;charset=x", BYTES ("X") },
  { "data:;base64;,WA", "text/plain", BYTES ("WA") },
  { "data:;base64 ,WA", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:;base64   ,WA", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:;base 64,WA", "text/plain", BYTES ("WA") },
  { "data:;BASe64,WA", "text/plain;charset=US-ASCII", BYTES ("X") },
  { "data:;%62ase64,WA", "text/plain", BYTES ("WA") },
  { "data:%3Bbase64,WA", "text/plain;charset=US-ASCII", BYTES ("WA") },
  { "data:base64,WA", "text/plain;charset=US-ASCII", BYTES ("WA") },
  { "data:text/html;base64,PGI+aGk8L2I+", "text/html", BYTES ("<b>hi</b>") },
  { "data:;base64,", "text/plain;charset=US-ASCII", BYTES ("") },
  { "data:;base64,W", FAILURE },
  { "data:;base64,ab=c", FAILURE },
  { "data:;base64,%FF", FAILURE },
  { "data:;base64,WA%3D%3D", "text/plain;charset=US-ASCII", BYTES ("X") },
  /* parameters (MIME Sniffing parse a MIME type) */
  { "data:;charset=x,X", "text/plain;charset=x", BYTES ("X") },
  { "data:; charset=x,X", "text/plain;charset=x", BYTES ("X") },
  { "data:;charset =x,X", "text/plain", BYTES ("X") },
  { "data:;charset= x,X", "text/plain;charset=\" x\"", BYTES ("X") },
  { "data:;charset=,X", "text/plain", BYTES ("X") },
  { "data:;charset,X", "text/plain", BYTES ("X") },
  { "data:;charset=\"x\",X", "text/plain;charset=x", BYTES ("X") },
  { "data:;CHARSET=\"X\",X", "text/plain;charset=X", BYTES ("X") },
};

static void
test_data_url_processor (void)
{
  g_test_summary ("§6 data: URL processor over a table of URLs: MIME type "
                  "stripping and defaulting, percent-decoding, ;base64 "
                  "detection, parameters");

  for (gsize i = 0; i < G_N_ELEMENTS (data_url_cases); i++)
    {
      g_autoptr(GUri) url = NULL;
      g_autoptr(FetchMimeType) mime_type = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autofree char *serialized = NULL;
      gboolean ok;

      g_test_message ("case %zu: %s", i, data_url_cases[i].url);
      url = fetch_url_parse (data_url_cases[i].url, NULL);
      g_assert_nonnull (url);
      ok = fetch_data_url_process (url, &mime_type, &body);
      if (data_url_cases[i].mime_type == NULL)
        {
          g_assert_false (ok);
          continue;
        }
      g_assert_true (ok);
      serialized = fetch_mime_type_serialize (mime_type);
      g_assert_cmpstr (serialized, ==, data_url_cases[i].mime_type);
      assert_bytes_equal (body, data_url_cases[i].body, data_url_cases[i].body_length);
    }
}

static void
test_data_url_invalid_url (void)
{
  g_test_summary ("A data: URL with an invalid port never reaches the "
                  "processor: the URL parser rejects it");

  g_assert_null (fetch_url_parse ("data://test:test/,X", NULL));
}

/* ------------------------------------------------------------------ */
/* Ranges (§2.2.2)                                                     */

static void
test_range_parse (void)
{
  const struct {
    const char *value;
    gboolean    whitespace;
    gboolean    ok;
    gint64      start;     /* -1: null */
    gint64      end;       /* -1: null */
  } cases[] = {
    { "bytes=0-", FALSE, TRUE, 0, -1 },
    { "bytes=9-21", FALSE, TRUE, 9, 21 },
    { "bytes=-7", FALSE, TRUE, -1, 7 },
    { "bytes=5-5", FALSE, TRUE, 5, 5 },
    { "bytes=0-0", FALSE, TRUE, 0, 0 },
    { "bytes=-0", FALSE, TRUE, -1, 0 },
    { "bytes=007-08", FALSE, TRUE, 7, 8 },
    { "bytes= 9 - 21", TRUE, TRUE, 9, 21 },
    { "bytes= 9 - 21", FALSE, FALSE },
    { "bytes = 0 - 5", TRUE, TRUE, 0, 5 },
    { "bytes = 0 - 5", FALSE, FALSE },
    { "bytes=\t9\t-\t", TRUE, TRUE, 9, -1 },
    { "bytes=0-1 ", TRUE, FALSE },
    { " bytes=0-1", TRUE, FALSE },
    { "bytes=", TRUE, FALSE },
    { "bytes=-", TRUE, FALSE },
    { "bytes=--10", TRUE, FALSE },
    { "bytes=0--10", TRUE, FALSE },
    { "bytes=0-10-", TRUE, FALSE },
    { "bytes=-10-", TRUE, FALSE },
    { "bytes=10-0", TRUE, FALSE },
    { "bytes=a-", TRUE, FALSE },
    { "bytes=1-a", TRUE, FALSE },
    { "bytes=0-1,2-3", TRUE, FALSE },
    { "bytes=0-1, 2-3", TRUE, FALSE },
    { "byte=0-1", TRUE, FALSE },
    { "Bytes=0-1", TRUE, FALSE },
    { "bytes 0-1", TRUE, FALSE },
    { "bytes0-1", TRUE, FALSE },
    { "items=0-1", TRUE, FALSE },
    { "", TRUE, FALSE },
    { "bytes", TRUE, FALSE },
    { "bytes=1.5-2", TRUE, FALSE },
    { "bytes=+1-2", TRUE, FALSE },
  };

  g_test_summary ("§2.2.2 parse a single range header value, with and "
                  "without whitespace allowed");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FetchRange range = { TRUE, 42, TRUE, 42 };
      gboolean ok;

      g_test_message ("case %zu: “%s”", i, cases[i].value);
      ok = fetch_parse_single_range_header_value (cases[i].value, cases[i].whitespace, &range);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        {
          /* Failure leaves the output alone. */
          g_assert_cmpuint (range.start, ==, 42);
          continue;
        }
      g_assert_cmpint (range.has_start, ==, cases[i].start >= 0);
      if (range.has_start)
        g_assert_cmpuint (range.start, ==, cases[i].start);
      g_assert_cmpint (range.has_end, ==, cases[i].end >= 0);
      if (range.has_end)
        g_assert_cmpuint (range.end, ==, cases[i].end);
    }
}

static void
test_range_huge (void)
{
  FetchRange range;

  g_test_summary ("§2.2.2 range numbers past 64 bits saturate instead of "
                  "wrapping around");

  g_assert_true (fetch_parse_single_range_header_value ("bytes=99999999999999999999999-", TRUE, &range));
  g_assert_true (range.has_start);
  g_assert_cmpuint (range.start, ==, G_MAXUINT64);
  g_assert_true (fetch_parse_single_range_header_value ("bytes=1-18446744073709551616", TRUE, &range));
  g_assert_cmpuint (range.end, ==, G_MAXUINT64);
  g_assert_true (fetch_parse_single_range_header_value ("bytes=1-18446744073709551615", TRUE, &range));
  g_assert_cmpuint (range.end, ==, G_MAXUINT64);
  g_assert_true (fetch_parse_single_range_header_value ("bytes=1-18446744073709551614", TRUE, &range));
  g_assert_cmpuint (range.end, ==, G_MAXUINT64 - 1);
  /* Saturated start and end still compare: start > end fails. */
  g_assert_false (fetch_parse_single_range_header_value ("bytes=99999999999999999999999-5", TRUE, &range));
}

static void
test_content_range (void)
{
  g_autofree char *a = fetch_build_content_range (9, 21, 30);
  g_autofree char *b = fetch_build_content_range (0, 0, 1);
  g_autofree char *c = fetch_build_content_range (0, G_MAXUINT64 - 1, G_MAXUINT64);

  g_test_summary ("§2.2.2 build a content range");

  g_assert_cmpstr (a, ==, "bytes 9-21/30");
  g_assert_cmpstr (b, ==, "bytes 0-0/1");
  g_assert_cmpstr (c, ==, "bytes 0-18446744073709551614/18446744073709551615");
}

/* ------------------------------------------------------------------ */
/* The blob URL store                                                  */

static void
test_blob_store (void)
{
  FetchBlobStore *store = fetch_blob_store_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("blob!", 5);
  g_autoptr(FetchOrigin) origin = fetch_origin_new_tuple ("https", "example.com", 443);
  g_autofree char *serialized_origin = fetch_origin_serialize (origin);
  g_autofree char *prefix = g_strconcat ("blob:", serialized_origin, "/", NULL);
  g_autofree char *a = fetch_blob_store_add (store, NULL, bytes, "Text/HTML;Charset=UTF-8");
  g_autofree char *b = fetch_blob_store_add (store, origin, bytes, NULL);
  g_autofree char *c = fetch_blob_store_add (store, NULL, bytes, "t\xc3\xa9xt/plain");
  g_autofree char *a_fragment = g_strconcat (a, "#fragment", NULL);
  g_autoptr(GUri) a_url = fetch_url_parse (a, NULL);
  g_autoptr(GUri) a_fragment_url = fetch_url_parse (a_fragment, NULL);
  g_autoptr(GUri) b_url = fetch_url_parse (b, NULL);
  g_autoptr(GUri) c_url = fetch_url_parse (c, NULL);
  GBytes *found = NULL;
  const char *type = NULL;

  g_test_summary ("File API blob URL store: blob:<origin>/<uuid> URLs, "
                  "normalized types, fragments ignored, revocation");

  /* File API §8.3.1 generate a new blob URL */
  g_assert_true (g_str_has_prefix (a, "blob:null/"));
  g_assert_true (g_uuid_string_is_valid (a + strlen ("blob:null/")));
  g_assert_true (g_str_has_prefix (b, prefix));
  g_assert_true (g_uuid_string_is_valid (b + strlen (prefix)));
  g_assert_cmpstr (a, !=, c);

  /* Types are lowercased; a type outside U+0020..U+007E is "". */
  g_assert_true (fetch_blob_store_resolve (store, a_url, &found, &type));
  g_assert_true (found == bytes);
  g_assert_cmpstr (type, ==, "text/html;charset=utf-8");
  g_assert_true (fetch_blob_store_resolve (store, b_url, NULL, &type));
  g_assert_cmpstr (type, ==, "");
  g_assert_true (fetch_blob_store_resolve (store, c_url, NULL, &type));
  g_assert_cmpstr (type, ==, "");

  /* The fragment does not matter, for resolving nor for revoking. */
  g_assert_true (fetch_blob_store_resolve (store, a_fragment_url, NULL, NULL));
  fetch_blob_store_revoke (store, a_fragment);
  g_assert_false (fetch_blob_store_resolve (store, a_url, NULL, NULL));
  g_assert_true (fetch_blob_store_resolve (store, b_url, NULL, NULL));

  /* Revoking garbage or twice is harmless; a NULL store has nothing. */
  fetch_blob_store_revoke (store, "not a url");
  fetch_blob_store_revoke (store, a);
  fetch_blob_store_revoke (store, b);
  g_assert_false (fetch_blob_store_resolve (store, b_url, NULL, NULL));
  g_assert_false (fetch_blob_store_resolve (NULL, c_url, NULL, NULL));
  g_assert_true (fetch_blob_store_resolve (store, c_url, NULL, NULL));

  fetch_blob_store_free (store);
  fetch_blob_store_free (NULL);
}

/* ------------------------------------------------------------------ */
/* Scheme fetch: about:                                                */

static void
test_fetch_about_blank (void)
{
  const char *urls[] = { "about:blank", "about:blank#fragment", "about:blank?query" };

  g_test_summary ("§4.2 about:blank is `OK`, Content-Type "
                  "text/html;charset=utf-8 and an empty body");

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(FetchResponse) response = fetch_url (urls[i], NULL);

      g_test_message ("%s", urls[i]);
      assert_response (response, 200, "OK", 1);
      assert_header (response, "Content-Type", "text/html;charset=utf-8");
      assert_body (response, BYTES (""));
    }
}

static void
test_fetch_about_other (void)
{
  const char *urls[] = { "about:config", "about:srcdoc", "about:", "about:BLANK",
                         "about:blank/", "about:blankx" };

  g_test_summary ("§4.2 about: URLs other than about:blank are network errors");

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(FetchResponse) response = fetch_url (urls[i], NULL);

      g_test_message ("%s", urls[i]);
      assert_network_error (response, urls[i]);
    }
}

/* ------------------------------------------------------------------ */
/* Scheme fetch: data:                                                 */

static void
test_fetch_data (void)
{
  g_test_summary ("§4.2 data: responses: `OK`, Content-Type is the "
                  "processor's serialized MIME type, the body is its body; "
                  "processor failure is a network error");

  for (gsize i = 0; i < G_N_ELEMENTS (data_url_cases); i++)
    {
      g_autoptr(FetchResponse) response = fetch_url (data_url_cases[i].url, NULL);

      g_test_message ("case %zu: %s", i, data_url_cases[i].url);
      if (data_url_cases[i].mime_type == NULL)
        {
          assert_network_error (response, "data:");
          continue;
        }
      assert_response (response, 200, "OK", 1);
      assert_header (response, "Content-Type", data_url_cases[i].mime_type);
      assert_body (response, data_url_cases[i].body, data_url_cases[i].body_length);
    }
}

static void
test_fetch_data_post (void)
{
  g_autoptr(FetchRequest) request = request_new ("data:,posted", "POST");
  g_autoptr(FetchResponse) response = scheme_fetch (request, NULL, NULL);

  g_test_summary ("§4.2 data: URLs are fetched whatever the method");

  assert_response (response, 200, "OK", 1);
  assert_body (response, BYTES ("posted"));
}

/* ------------------------------------------------------------------ */
/* Scheme fetch: blob:                                                 */

static void
test_fetch_blob (void)
{
  FetchBlobStore *store = fetch_blob_store_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (BYTES ("A simple Hello, World! example"));
  g_autofree char *url = fetch_blob_store_add (store, NULL, bytes, "text/plain");
  g_autofree char *with_fragment = g_strconcat (url, "#x", NULL);
  g_autofree char *empty_url = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  g_test_summary ("§4.2 blob: a GET of a stored blob is `OK` with "
                  "Content-Length, Content-Type (the blob's type) and the "
                  "bytes; the fragment is ignored");

  {
    g_autoptr(FetchResponse) response = fetch_url (url, store);

    assert_response (response, 200, "OK", 2);
    g_assert_false (response->range_requested);
    assert_header (response, "Content-Length", "30");
    assert_header (response, "Content-Type", "text/plain");
    assert_body (response, BYTES ("A simple Hello, World! example"));
  }
  {
    g_autoptr(FetchResponse) response = fetch_url (with_fragment, store);

    assert_response (response, 200, "OK", 2);
    assert_body (response, BYTES ("A simple Hello, World! example"));
  }

  /* An empty blob with no type: Content-Type is still there, empty. */
  empty_url = fetch_blob_store_add (store, NULL, empty, NULL);
  {
    g_autoptr(FetchResponse) response = fetch_url (empty_url, store);

    assert_response (response, 200, "OK", 2);
    assert_header (response, "Content-Length", "0");
    assert_header (response, "Content-Type", "");
    assert_body (response, BYTES (""));
  }

  fetch_blob_store_free (store);
}

static void
test_fetch_blob_errors (void)
{
  FetchBlobStore *store = fetch_blob_store_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autofree char *url = fetch_blob_store_add (store, NULL, bytes, "text/plain");
  const char *methods[] = { "POST", "HEAD", "PUT", "get" };

  g_test_summary ("§4.2 blob step 2: a method other than `GET`, or a URL "
                  "without a blob (unknown, revoked, no store) is a network "
                  "error");

  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(FetchRequest) request = request_new (url, methods[i]);
      g_autoptr(FetchResponse) response = NULL;

      g_test_message ("%s", methods[i]);
      if (strcmp (methods[i], "get") == 0)
        {
          /* "get" normalizes to `GET` in the Request constructor. */
          response = scheme_fetch (request, store, NULL);
          assert_response (response, 200, "OK", 2);
          continue;
        }
      response = scheme_fetch (request, store, NULL);
      assert_network_error (response, methods[i]);
    }

  {
    g_autoptr(FetchResponse) response = fetch_url (url, NULL);

    assert_network_error (response, url);
  }
  {
    g_autoptr(FetchResponse) response =
      fetch_url ("blob:null/00000000-0000-4000-8000-000000000000", store);

    assert_network_error (response, "blob:null/00000000-0000-4000-8000-000000000000");
  }
  {
    g_autoptr(FetchRequest) request = request_new (url, NULL);
    g_autoptr(FetchResponse) response = NULL;

    /* Revoked after the request was made but before the fetch: see the
     * NOTE(spec) in scheme_fetch_blob. */
    fetch_blob_store_revoke (store, url);
    response = scheme_fetch (request, store, NULL);
    assert_network_error (response, "revoked");
  }

  fetch_blob_store_free (store);
}

static void
test_fetch_blob_range (void)
{
  const struct {
    const char *data;
    const char *range;
    const char *content_length;   /* NULL: network error */
    const char *content_range;
    const char *body;
  } cases[] = {
    { "A simple Hello, World! example", "bytes=9-21", "13", "bytes 9-21/30", "Hello, World!" },
    { "A simple Hello, World! example", "bytes=9-", "21", "bytes 9-29/30", "Hello, World! example" },
    { "A simple Hello, World! example", "bytes=-7", "7", "bytes 23-29/30", "example" },
    { "A simple Hello, World! example", "bytes= 9 - 21", "13", "bytes 9-21/30", "Hello, World!" },
    { "A simple Hello, World! example", "bytes = 0 - 5", "6", "bytes 0-5/30", "A simp" },
    { "A simple Hello, World! example", "bytes=0-0", "1", "bytes 0-0/30", "A" },
    { "A simple Hello, World! example", "bytes=29-", "1", "bytes 29-29/30", "e" },
    { "A simple Hello, World! example", "bytes=-30", "30", "bytes 0-29/30", "A simple Hello, World! example" },
    { "A simple Hello, World! example", "bytes=-100", "30", "bytes 0-29/30", "A simple Hello, World! example" },
    { "Not much here", "bytes=4-100000000000", "9", "bytes 4-12/13", "much here" },
    { "Not much here", "bytes=4-13", "9", "bytes 4-12/13", "much here" },
    { "Not much here", "bytes=4-99999999999999999999999999", "9", "bytes 4-12/13", "much here" },
    /* Network errors: unparsable, start past the end, empty suffix. */
    { "A simple Hello, World! example", "bytes=30-", NULL },
    { "A simple Hello, World! example", "bytes=100-200", NULL },
    { "A simple Hello, World! example", "bytes=-0", NULL },
    { "", "bytes=-5", NULL },
    { "", "bytes=0-", NULL },
    { "A simple Hello, World! example", "bytes=", NULL },
    { "A simple Hello, World! example", "bytes=-", NULL },
    { "A simple Hello, World! example", "bytes=10-0", NULL },
    { "A simple Hello, World! example", "bytes=0-1,3-4", NULL },
    { "A simple Hello, World! example", "bytes=a-", NULL },
    { "A simple Hello, World! example", "items=0-1", NULL },
    { "A simple Hello, World! example", "", NULL },
  };

  g_test_summary ("§4.2 blob step 9: a Range header gives 206 `Partial "
                  "Content` with Content-Length, Content-Type and "
                  "Content-Range of the slice; a bad range is a network error");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FetchBlobStore *store = fetch_blob_store_new ();
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].data, strlen (cases[i].data));
      g_autofree char *url = fetch_blob_store_add (store, NULL, bytes, "Text/Plain");
      g_autoptr(FetchRequest) request = request_new (url, NULL);
      g_autoptr(FetchResponse) response = NULL;

      g_test_message ("case %zu: “%s” of “%s”", i, cases[i].range, cases[i].data);
      fetch_header_list_append (request->header_list, "Range", cases[i].range);
      response = scheme_fetch (request, store, NULL);

      if (cases[i].content_length == NULL)
        assert_network_error (response, "Range");
      else
        {
          assert_response (response, 206, "Partial Content", 3);
          g_assert_true (response->range_requested);
          assert_header (response, "Content-Length", cases[i].content_length);
          assert_header (response, "Content-Type", "text/plain");
          assert_header (response, "Content-Range", cases[i].content_range);
          assert_body (response, cases[i].body, strlen (cases[i].body));
        }
      fetch_blob_store_free (store);
    }
}

/* ------------------------------------------------------------------ */
/* Scheme fetch: file:                                                 */

typedef struct {
  char *dir;
} FileFixture;

static void
file_fixture_set_up (FileFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("fetch-scheme-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
file_fixture_tear_down (FileFixture   *fixture,
                        gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_chmod (path, 0600);
      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
file_fixture_write (FileFixture *fixture,
                    const char  *name,
                    const char  *contents,
                    gsize        length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_filename_to_uri (path, NULL, &error);
}

/* What GIO says the MIME type of the file at uri is. */
static char *
gio_mime_type (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  g_assert_nonnull (info);
  return g_content_type_get_mime_type (g_file_info_get_content_type (info));
}

static void
test_fetch_file (FileFixture   *fixture,
                 gconstpointer  data)
{
  const struct {
    const char *name;
    const char *contents;
    const char *mime_type;
  } cases[] = {
    { "hello.txt", "Hello, file!\n", "text/plain" },
    { "page.html", "<!DOCTYPE html><p>hi</p>", "text/html" },
    { "h\xc3\xa9 llo%.txt", "escaped name", "text/plain" },
    { "empty.txt", "", "text/plain" },
  };

  g_test_summary ("§4.2 file: (implementation-defined, see fetch-scheme.c): "
                  "`OK`, Content-Length, Content-Type from GIO, the bytes");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = file_fixture_write (fixture, cases[i].name, cases[i].contents,
                                                 strlen (cases[i].contents));
      g_autofree char *length = g_strdup_printf ("%zu", strlen (cases[i].contents));
      g_autofree char *gio_type = gio_mime_type (uri);
      g_autoptr(FetchResponse) response = fetch_url (uri, NULL);

      g_test_message ("%s", uri);
      assert_response (response, 200, "OK", 2);
      assert_header (response, "Content-Length", length);
      assert_header (response, "Content-Type", gio_type);
      /* With shared-mime-info these are the types everyone expects. */
      if (g_file_test ("/usr/share/mime/mime.cache", G_FILE_TEST_EXISTS))
        assert_header (response, "Content-Type", cases[i].mime_type);
      g_assert_cmpint (response->body->length, ==, strlen (cases[i].contents));
      assert_body (response, cases[i].contents, strlen (cases[i].contents));
    }
}

static void
test_fetch_file_streams (FileFixture   *fixture,
                         gconstpointer  data)
{
  gsize size = 4 * 1024 * 1024 + 7;
  g_autofree char *contents = g_malloc (size);
  g_autofree char *uri = NULL;
  g_autofree char *length = g_strdup_printf ("%zu", size);
  g_autoptr(FetchResponse) response = NULL;

  g_test_summary ("§4.2 file: the body streams from the file (no source "
                  "bytes), every byte arrives, unknown binary data is "
                  "application/octet-stream");

  for (gsize i = 0; i < size; i++)
    contents[i] = (char) (i * 7 + (i >> 11));
  contents[0] = '\0';
  uri = file_fixture_write (fixture, "big.bin-unknown", contents, size);
  response = fetch_url (uri, NULL);

  assert_response (response, 200, "OK", 2);
  assert_header (response, "Content-Length", length);
  if (g_file_test ("/usr/share/mime/mime.cache", G_FILE_TEST_EXISTS))
    assert_header (response, "Content-Type", "application/octet-stream");
  g_assert_null (response->body->source);
  g_assert_cmpint (response->body->length, ==, size);
  assert_body (response, contents, size);
}

static void
test_fetch_file_errors (FileFixture   *fixture,
                        gconstpointer  data)
{
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *missing = g_filename_to_uri (missing_path, NULL, NULL);
  g_autofree char *directory = g_filename_to_uri (fixture->dir, NULL, NULL);
  g_autofree char *present = file_fixture_write (fixture, "present.txt", "x", 1);

  g_test_summary ("§4.2 file: missing files, directories, devices, "
                  "non-GET methods and hosts are network errors naming "
                  "the cause");

  {
    g_autoptr(FetchResponse) response = fetch_url (missing, NULL);

    assert_network_error (response, "missing.txt");
  }
  {
    g_autoptr(FetchResponse) response = fetch_url (directory, NULL);

    assert_network_error (response, "directory");
  }
  if (g_file_test ("/dev/null", G_FILE_TEST_EXISTS))
    {
      g_autoptr(FetchResponse) response = fetch_url ("file:///dev/null", NULL);

      assert_network_error (response, "not a regular file");
    }
  {
    g_autoptr(FetchRequest) request = request_new (present, "POST");
    g_autoptr(FetchResponse) response = scheme_fetch (request, NULL, NULL);

    assert_network_error (response, "POST");
  }
  {
    g_autoptr(FetchResponse) response = fetch_url ("file://example.com/etc/hostname", NULL);

    assert_network_error (response, "example.com");
  }
  {
    /* An encoded "/" cannot sneak into a path segment. */
    g_autofree char *encoded_slash = g_strconcat (directory, "%2Fpresent.txt", NULL);
    g_autoptr(FetchResponse) response = fetch_url (encoded_slash, NULL);

    assert_network_error (response, NULL);
  }
  if (geteuid () != 0)
    {
      g_autofree char *path = g_build_filename (fixture->dir, "present.txt", NULL);
      g_autoptr(FetchResponse) response = NULL;

      /* Unreadable: root reads everything, so only as another user. */
      g_assert_cmpint (g_chmod (path, 0), ==, 0);
      response = fetch_url (present, NULL);
      assert_network_error (response, "present.txt");
    }
}

/* ------------------------------------------------------------------ */
/* Scheme fetch: other schemes and cancellation                        */

static void
test_fetch_other_schemes (void)
{
  const struct {
    const char *url;
    const char *scheme;
  } cases[] = {
    { "https://example.com/", "https" },
    { "http://example.com/", "http" },
    { "ftp://example.com/file", "ftp" },
    { "javascript:alert(1)", "javascript" },
    { "foo:bar", "foo" },
    { "ws://example.com/", "ws" },
  };

  g_test_summary ("§4.2 step 4: every other scheme (HTTP(S) is HTTP "
                  "fetch's, not scheme fetch's) is a network error");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = fetch_request_new (cases[i].url, NULL, &error);
      g_autoptr(FetchResponse) response = NULL;

      g_test_message ("%s", cases[i].url);
      if (request == NULL)
        {
          /* The Request constructor may refuse it first (ws:). */
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          continue;
        }
      response = scheme_fetch (request, NULL, NULL);
      assert_network_error (response, cases[i].scheme);
    }
}

static void
assert_aborted (FetchResponse *response)
{
  g_assert_true (fetch_response_is_network_error (response));
  g_assert_true (response->aborted);
  g_assert_null (response->body);
}

static void
test_fetch_cancelled (FileFixture   *fixture,
                      gconstpointer  data)
{
  g_autofree char *file_uri = file_fixture_write (fixture, "c.txt", "c", 1);
  const char *urls[] = { "about:blank", "data:,x", file_uri, "foo:bar" };

  g_test_summary ("§4.2 step 1: a canceled fetch is an aborted network "
                  "error, also when cancelled while a file opens");

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(FetchRequest) request = request_new (urls[i], NULL);
      g_autoptr(FetchResponse) response = NULL;

      g_test_message ("%s", urls[i]);
      g_cancellable_cancel (cancellable);
      response = scheme_fetch (request, NULL, cancellable);
      assert_aborted (response);
    }

  /* Cancelled after the file fetch started, before it could finish. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(FetchRequest) request = request_new (file_uri, NULL);
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(FetchResponse) response = NULL;
    gpointer cb_data[2] = { NULL, loop };

    fetch_scheme_fetch_async (request, NULL, cancellable, fetch_done_cb, cb_data);
    g_cancellable_cancel (cancellable);
    g_main_loop_run (loop);
    result = cb_data[0];
    response = fetch_scheme_fetch_finish (result);
    assert_aborted (response);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/scheme/forgiving-base64", test_forgiving_base64);
  g_test_add_func ("/fetch/scheme/data-url/processor", test_data_url_processor);
  g_test_add_func ("/fetch/scheme/data-url/invalid-url", test_data_url_invalid_url);
  g_test_add_func ("/fetch/scheme/range/parse", test_range_parse);
  g_test_add_func ("/fetch/scheme/range/huge", test_range_huge);
  g_test_add_func ("/fetch/scheme/range/content-range", test_content_range);
  g_test_add_func ("/fetch/scheme/blob-store", test_blob_store);
  g_test_add_func ("/fetch/scheme/about/blank", test_fetch_about_blank);
  g_test_add_func ("/fetch/scheme/about/other", test_fetch_about_other);
  g_test_add_func ("/fetch/scheme/data/table", test_fetch_data);
  g_test_add_func ("/fetch/scheme/data/post", test_fetch_data_post);
  g_test_add_func ("/fetch/scheme/blob/get", test_fetch_blob);
  g_test_add_func ("/fetch/scheme/blob/errors", test_fetch_blob_errors);
  g_test_add_func ("/fetch/scheme/blob/range", test_fetch_blob_range);
  g_test_add ("/fetch/scheme/file/present", FileFixture, NULL,
              file_fixture_set_up, test_fetch_file, file_fixture_tear_down);
  g_test_add ("/fetch/scheme/file/streams", FileFixture, NULL,
              file_fixture_set_up, test_fetch_file_streams, file_fixture_tear_down);
  g_test_add ("/fetch/scheme/file/errors", FileFixture, NULL,
              file_fixture_set_up, test_fetch_file_errors, file_fixture_tear_down);
  g_test_add_func ("/fetch/scheme/other-schemes", test_fetch_other_schemes);
  g_test_add ("/fetch/scheme/cancelled", FileFixture, NULL,
              file_fixture_set_up, test_fetch_cancelled, file_fixture_tear_down);

  return g_test_run ();
}
