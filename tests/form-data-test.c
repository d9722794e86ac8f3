/* form-data-test.c: FormData (XHR §4.3), the multipart/form-data encoding
 * (HTML §4.10.21.8) and parser, and application/x-www-form-urlencoded
 * (URL §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "libfetch-glib/fetch.h"
#include "fetch-form-data-private.h"

/* The entries as "name=value" (strings) or "name=<filename|type|bytes>"
 * (files) lines. */
static gboolean
describe_entry (FetchFormDataEntry *entry,
                gpointer            user_data)
{
  GString *out = user_data;

  if (fetch_form_data_entry_is_file (entry))
    {
      gsize size;
      const char *data = g_bytes_get_data (fetch_form_data_entry_get_bytes (entry), &size);

      g_assert_null (fetch_form_data_entry_get_value (entry));
      g_string_append_printf (out, "%s=<%s|%s|", fetch_form_data_entry_get_name (entry),
                              fetch_form_data_entry_get_filename (entry),
                              fetch_form_data_entry_get_content_type (entry));
      g_string_append_len (out, data, size);
      g_string_append (out, ">\n");
    }
  else
    {
      g_assert_null (fetch_form_data_entry_get_bytes (entry));
      g_assert_null (fetch_form_data_entry_get_filename (entry));
      g_assert_null (fetch_form_data_entry_get_content_type (entry));
      g_string_append_printf (out, "%s=%s\n", fetch_form_data_entry_get_name (entry),
                              fetch_form_data_entry_get_value (entry));
    }
  return TRUE;
}

static char *
describe (FetchFormData *form_data)
{
  GString *out = g_string_new (NULL);

  fetch_form_data_foreach (form_data, describe_entry, out);
  return g_string_free (out, FALSE);
}

#define assert_entries(form_data, expected) G_STMT_START {   \
    g_autofree char *_d = describe (form_data);             \
    g_assert_cmpstr (_d, ==, (expected));                   \
  } G_STMT_END

static GBytes *
bytes_from_string (const char *string)
{
  return g_bytes_new (string, strlen (string));
}

static void
test_append_get (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  g_autoptr(FetchFormDataEntry) first = NULL;
  g_autoptr(FetchFormDataEntry) missing = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_test_summary ("XHR §4.3: append() keeps order and duplicates; get() is the first "
                  "entry of a name, getAll() all of them, has() and the length");

  g_assert_cmpuint (fetch_form_data_get_length (fd), ==, 0);
  fetch_form_data_append (fd, "a", "1");
  fetch_form_data_append (fd, "b", "2");
  fetch_form_data_append (fd, "a", "3");
  g_assert_cmpuint (fetch_form_data_get_length (fd), ==, 3);
  assert_entries (fd, "a=1\nb=2\na=3\n");

  first = fetch_form_data_get (fd, "a");
  g_assert_nonnull (first);
  g_assert_cmpstr (fetch_form_data_entry_get_value (first), ==, "1");
  g_assert_false (fetch_form_data_entry_is_file (first));

  missing = fetch_form_data_get (fd, "A");
  g_assert_null (missing);
  g_assert_true (fetch_form_data_has (fd, "b"));
  g_assert_false (fetch_form_data_has (fd, "B"));
  g_assert_false (fetch_form_data_has (fd, ""));

  all = fetch_form_data_get_all (fd, "a");
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (fetch_form_data_entry_get_value (g_ptr_array_index (all, 0)), ==, "1");
  g_assert_cmpstr (fetch_form_data_entry_get_value (g_ptr_array_index (all, 1)), ==, "3");
  none = fetch_form_data_get_all (fd, "zzz");
  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_set_delete (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  g_autoptr(GBytes) bytes = bytes_from_string ("xyz");

  g_test_summary ("XHR §4.3: set() replaces the first entry of a name and removes the "
                  "others, or appends; delete() removes every entry of a name");

  fetch_form_data_append (fd, "a", "1");
  fetch_form_data_append (fd, "b", "2");
  fetch_form_data_append (fd, "a", "3");
  fetch_form_data_append (fd, "c", "4");
  fetch_form_data_append (fd, "a", "5");
  fetch_form_data_set (fd, "a", "new");
  assert_entries (fd, "a=new\nb=2\nc=4\n");

  fetch_form_data_set (fd, "d", "appended");
  assert_entries (fd, "a=new\nb=2\nc=4\nd=appended\n");

  fetch_form_data_set_file (fd, "b", bytes, "f.txt", "text/plain");
  assert_entries (fd, "a=new\nb=<f.txt|text/plain|xyz>\nc=4\nd=appended\n");

  fetch_form_data_append (fd, "c", "again");
  fetch_form_data_delete (fd, "c");
  assert_entries (fd, "a=new\nb=<f.txt|text/plain|xyz>\nd=appended\n");
  fetch_form_data_delete (fd, "nothing");
  g_assert_cmpuint (fetch_form_data_get_length (fd), ==, 3);
}

static void
test_file_entries (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  g_autoptr(GBytes) bytes = bytes_from_string ("data");
  g_autoptr(FetchFormDataEntry) entry = NULL;

  g_test_summary ("XHR §4.3 create an entry: a blob becomes a File named \"blob\" unless "
                  "a filename is given; its type is the File constructor's: lowercased, "
                  "empty if not printable ASCII");

  fetch_form_data_append_file (fd, "f", bytes, NULL, NULL);
  fetch_form_data_append_file (fd, "g", bytes, "name.bin", "Image/PNG");
  fetch_form_data_append_file (fd, "h", bytes, "", "text/plain\n");
  fetch_form_data_append_file (fd, "i", bytes, "x", "caf\xc3\xa9/x");
  assert_entries (fd,
                  "f=<blob||data>\n"
                  "g=<name.bin|image/png|data>\n"
                  "h=<||data>\n"
                  "i=<x||data>\n");

  entry = fetch_form_data_get (fd, "f");
  g_assert_true (fetch_form_data_entry_is_file (entry));
  /* The contents are shared, not copied. */
  g_assert_true (fetch_form_data_entry_get_bytes (entry) == bytes);
}

static void
test_usv_strings (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();

  g_test_summary ("Web IDL USVString: invalid UTF-8 in names, values and filenames "
                  "becomes U+FFFD, and lookups convert their name the same way");

  fetch_form_data_append (fd, "n\xff", "v\xc3");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  fetch_form_data_append_file (fd, "f", empty, "\xe2\x82.txt", NULL);
  assert_entries (fd,
                  "n\xef\xbf\xbd=v\xef\xbf\xbd\n"
                  "f=<\xef\xbf\xbd.txt||>\n");
  g_assert_true (fetch_form_data_has (fd, "n\xef\xbf\xbd"));
  g_assert_true (fetch_form_data_has (fd, "n\xfe"));
}

typedef struct {
  FetchFormData *fd;
  guint          calls;
} ForeachData;

static gboolean
foreach_stop_after_two (FetchFormDataEntry *entry,
                        gpointer            user_data)
{
  ForeachData *data = user_data;

  /* Changing the form data meanwhile is safe. */
  fetch_form_data_delete (data->fd, fetch_form_data_entry_get_name (entry));
  fetch_form_data_append (data->fd, "added", "x");
  return ++data->calls < 2;
}

static void
test_foreach (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  ForeachData data = { fd, 0 };

  g_test_summary ("foreach visits entries in order, stops when told, and tolerates "
                  "changes to the form data made by the callback");

  fetch_form_data_append (fd, "a", "1");
  fetch_form_data_append (fd, "b", "2");
  fetch_form_data_append (fd, "c", "3");
  fetch_form_data_foreach (fd, foreach_stop_after_two, &data);
  g_assert_cmpuint (data.calls, ==, 2);
  assert_entries (fd, "c=3\nadded=x\nadded=x\n");
}

/* The serialization with its random boundary replaced by "BOUNDARY". */
static char *
serialize_multipart (FetchFormData *fd)
{
  g_autofree char *boundary = NULL;
  g_autoptr(GBytes) bytes = fetch_form_data_serialize_multipart (fd, &boundary);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = g_strndup (data, size);
  g_auto(GStrv) parts = NULL;

  g_assert_cmpuint (strlen (text), ==, size);
  parts = g_strsplit (text, boundary, -1);
  return g_strjoinv ("BOUNDARY", parts);
}

static void
test_multipart_serialize (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  g_autoptr(FetchFormData) empty = fetch_form_data_new ();
  g_autoptr(GBytes) hello = bytes_from_string ("hello");
  g_autoptr(GBytes) raw = bytes_from_string ("raw");
  g_autofree char *text = NULL;
  g_autofree char *empty_text = NULL;

  g_test_summary ("HTML multipart/form-data encoding: one part per entry in order, "
                  "string parts without Content-Type, file parts with filename and "
                  "Content-Type (application/octet-stream when empty)");

  fetch_form_data_append (fd, "name", "value");
  fetch_form_data_append (fd, "name", "");
  fetch_form_data_append_file (fd, "upload", hello, "a.txt", "text/plain");
  fetch_form_data_append_file (fd, "raw", raw, NULL, NULL);
  text = serialize_multipart (fd);
  g_assert_cmpstr (text, ==,
                   "--BOUNDARY\r\n"
                   "Content-Disposition: form-data; name=\"name\"\r\n"
                   "\r\n"
                   "value\r\n"
                   "--BOUNDARY\r\n"
                   "Content-Disposition: form-data; name=\"name\"\r\n"
                   "\r\n"
                   "\r\n"
                   "--BOUNDARY\r\n"
                   "Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n"
                   "Content-Type: text/plain\r\n"
                   "\r\n"
                   "hello\r\n"
                   "--BOUNDARY\r\n"
                   "Content-Disposition: form-data; name=\"raw\"; filename=\"blob\"\r\n"
                   "Content-Type: application/octet-stream\r\n"
                   "\r\n"
                   "raw\r\n"
                   "--BOUNDARY--\r\n");

  empty_text = serialize_multipart (empty);
  g_assert_cmpstr (empty_text, ==, "--BOUNDARY--\r\n");
}

static void
test_multipart_serialize_binary (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  g_autoptr(GBytes) file = g_bytes_new ("\0\1\r\n", 4);
  g_autofree char *boundary = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expected = NULL;
  gsize size;
  const char *data;

  g_test_summary ("HTML multipart/form-data encoding: file bytes go in unchanged, "
                  "NUL and bare newlines included");

  fetch_form_data_append_file (fd, "raw", file, NULL, NULL);
  bytes = fetch_form_data_serialize_multipart (fd, &boundary);
  data = g_bytes_get_data (bytes, &size);
  expected = g_strdup_printf ("--%s\r\n"
                              "Content-Disposition: form-data; name=\"raw\"; filename=\"blob\"\r\n"
                              "Content-Type: application/octet-stream\r\n"
                              "\r\n", boundary);
  g_assert_cmpuint (size, ==, strlen (expected) + 4 + 2 + strlen (boundary) + 6);
  g_assert_cmpmem (data, strlen (expected), expected, strlen (expected));
  g_assert_cmpmem (data + strlen (expected), 4, "\0\1\r\n", 4);
}

static void
test_multipart_serialize_escapes (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  g_autofree char *text = NULL;

  g_test_summary ("HTML multipart/form-data encoding: newlines in names and string "
                  "values become CR LF; in names and filenames LF, CR and \" are "
                  "escaped as %0A, %0D, %22, and nothing else is");

  fetch_form_data_append (fd, "a\nb\"c", "x\ny\rz\r\nw\n\r");
  fetch_form_data_append (fd, "p\rq%20", "\n");
  g_autoptr(GBytes) contents = bytes_from_string ("a\nb");

  fetch_form_data_append_file (fd, "f", contents, "x\"y\r\nz\n.txt", "text/plain");
  text = serialize_multipart (fd);
  g_assert_cmpstr (text, ==,
                   "--BOUNDARY\r\n"
                   "Content-Disposition: form-data; name=\"a%0D%0Ab%22c\"\r\n"
                   "\r\n"
                   "x\r\ny\r\nz\r\nw\r\n\r\n\r\n"
                   "--BOUNDARY\r\n"
                   "Content-Disposition: form-data; name=\"p%0D%0Aq%20\"\r\n"
                   "\r\n"
                   "\r\n\r\n"
                   "--BOUNDARY\r\n"
                   "Content-Disposition: form-data; name=\"f\"; filename=\"x%22y%0D%0Az%0A.txt\"\r\n"
                   "Content-Type: text/plain\r\n"
                   "\r\n"
                   "a\nb\r\n"
                   "--BOUNDARY--\r\n");
}

static void
test_multipart_boundary (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_test_summary ("HTML multipart/form-data boundary: fresh for every encoding, "
                  "27 to 70 characters, of ASCII alphanumerics and '-' only");

  for (int i = 0; i < 64; i++)
    {
      char *boundary = NULL;
      g_autoptr(GBytes) bytes = fetch_form_data_serialize_multipart (fd, &boundary);

      g_assert_cmpuint (strlen (boundary), >=, 27);
      g_assert_cmpuint (strlen (boundary), <=, 70);
      for (const char *p = boundary; *p != '\0'; p++)
        g_assert_true (g_ascii_isalnum (*p) || *p == '-');
      g_assert_false (g_hash_table_contains (seen, boundary));
      g_hash_table_add (seen, boundary);
    }
}

static void
test_urlencoded_serialize (void)
{
  static const struct {
    const char *pairs[7];
    const char *expected;
  } cases[] = {
    { { NULL }, "" },
    { { "a", "b", NULL }, "a=b" },
    { { "a", "", NULL }, "a=" },
    { { "", "", NULL }, "=" },
    { { "a", "b", "c", "d", NULL }, "a=b&c=d" },
    { { "a b", "c+d", NULL }, "a+b=c%2Bd" },
    { { "*-._", "azAZ09", NULL }, "*-._=azAZ09" },
    { { "!'()~", "&=%#?/", NULL }, "%21%27%28%29%7E=%26%3D%25%23%3F%2F" },
    { { "\xc3\xa9", "\xe2\x82\xac", NULL }, "%C3%A9=%E2%82%AC" },
    { { "\n\t", "\x7f", NULL }, "%0A%09=%7F" },
    /* Invalid UTF-8 is a USVString's U+FFFD. */
    { { "\xff", "x", NULL }, "%EF%BF%BD=x" },
    { { "a", "1", "a", "2", "a", "3", NULL }, "a=1&a=2&a=3" },
  };

  g_test_summary ("URL §5.2 application/x-www-form-urlencoded serializer: UTF-8, the "
                  "application/x-www-form-urlencoded percent-encode set, space as '+'");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = fetch_urlencoded_serialize (cases[i].pairs);

      g_assert_cmpstr (out, ==, cases[i].expected);
    }
}

static void
test_urlencoded_parse (void)
{
  /* From the URL standard's examples and WPT urlencoded-parser.any.js. */
  static const struct {
    const char *input;
    const char *expected;
  } cases[] = {
    { "", "" },
    { "test", "test=\n" },
    { "\xef\xbb\xbftest=\xef\xbb\xbf", "\xef\xbb\xbftest=\xef\xbb\xbf\n" },
    { "%EF%BB%BFtest=%EF%BB%BF", "\xef\xbb\xbftest=\xef\xbb\xbf\n" },
    { "%EF%BF%BF=%EF%BF%BF", "\xef\xbf\xbf=\xef\xbf\xbf\n" },
    { "%FE%FF", "\xef\xbf\xbd\xef\xbf\xbd=\n" },
    { "%FF%FE", "\xef\xbf\xbd\xef\xbf\xbd=\n" },
    { "\xe2\x80\xa0&\xe2\x80\xa0=x", "\xe2\x80\xa0=\n\xe2\x80\xa0=x\n" },
    { "%C2", "\xef\xbf\xbd=\n" },
    { "%C2x", "\xef\xbf\xbdx=\n" },
    { "_charset_=windows-1252&test=%C2x", "_charset_=windows-1252\ntest=\xef\xbf\xbdx\n" },
    { "a", "a=\n" },
    { "a=b", "a=b\n" },
    { "a=", "a=\n" },
    { "=b", "=b\n" },
    { "&", "" },
    { "&a", "a=\n" },
    { "a&", "a=\n" },
    { "a&a", "a=\na=\n" },
    { "a&b&c", "a=\nb=\nc=\n" },
    { "a=b&c=d", "a=b\nc=d\n" },
    { "a=b&c=d&", "a=b\nc=d\n" },
    { "&&&a=b&&&&c=d&", "a=b\nc=d\n" },
    { "a=a&a=b&a=c", "a=a\na=b\na=c\n" },
    { "a==a", "a==a\n" },
    { "a=a+b+c+d", "a=a b c d\n" },
    { "%=a", "%=a\n" },
    { "%a=a", "%a=a\n" },
    { "%a_=a", "%a_=a\n" },
    { "%61=a", "a=a\n" },
    { "%61+%4d%4D=", "a MM=\n" },
    { "id=0&value=%", "id=0\nvalue=%\n" },
    { "b=%2sf%2a", "b=%2sf*\n" },
    { "b=%2%2af%2a", "b=%2*f*\n" },
    { "b=%%2a", "b=%*\n" },
    { "a=%2", "a=%2\n" },
    { "%2B=%2b", "+=+\n" },
  };

  g_test_summary ("URL §5.1 application/x-www-form-urlencoded parser: split on '&', "
                  "skip empty sequences, split on the first '=', '+' as space, "
                  "percent-decode, UTF-8 decode without BOM");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) input = bytes_from_string (cases[i].input);
      g_autoptr(FetchFormData) fd = fetch_urlencoded_parse (input);
      g_autofree char *escaped = g_strescape (cases[i].input, NULL);

      g_test_message ("input: %s", escaped);
      assert_entries (fd, cases[i].expected);
    }
}

static void
test_urlencoded_parse_nul (void)
{
  g_autoptr(GBytes) input = g_bytes_new ("a\0b=c&d", 7);
  g_autoptr(FetchFormData) fd = fetch_urlencoded_parse (input);
  g_autoptr(FetchFormDataEntry) entry = NULL;

  g_test_summary ("URL §5.1 application/x-www-form-urlencoded parser: the input is "
                  "bytes, so a NUL byte does not end it");

  g_assert_cmpuint (fetch_form_data_get_length (fd), ==, 2);
  entry = fetch_form_data_get (fd, "d");
  g_assert_nonnull (entry);
}

typedef struct {
  const char *input;
  const char *expected;   /* NULL: failure */
} MultipartCase;

static void
run_multipart_cases (const MultipartCase *cases,
                     gsize                n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GBytes) input = bytes_from_string (cases[i].input);
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchFormData) fd = NULL;
      g_autofree char *escaped = g_strescape (cases[i].input, NULL);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, escaped);
      fd = fetch_multipart_form_data_parse (input, "BOUNDARY", &error);
      if (cases[i].expected == NULL)
        {
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          g_assert_null (fd);
        }
      else
        {
          g_assert_no_error (error);
          assert_entries (fd, cases[i].expected);
        }
    }
}

static void
test_multipart_parse (void)
{
  static const MultipartCase cases[] = {
    { "--BOUNDARY--\r\n", "" },
    { "--BOUNDARY--", "" },
    { "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"a\"\r\n"
      "\r\n"
      "1\r\n"
      "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"b\"\r\n"
      "\r\n"
      "two\r\nlines\r\n"
      "--BOUNDARY--\r\n",
      "a=1\nb=two\r\nlines\n" },
    /* Files: type from Content-Type, else text/plain (RFC 7578 §4.4). */
    { "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\n"
      "Content-Type: image/png\r\n"
      "\r\n"
      "PNG\r\n"
      "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"g\"; filename=\"\"\r\n"
      "\r\n"
      "\r\n"
      "--BOUNDARY--\r\n",
      "f=<a.png|image/png|PNG>\ng=<|text/plain|>\n" },
    /* Header names are case-insensitive, others ignored, whitespace
     * around them and after the colon skipped; the Content-Type of a
     * string part and its charset are ignored. */
    { "--BOUNDARY\r\n"
      "X-Other: whatever\r\n"
      " content-TYPE\t: text/html; charset=windows-1252 \r\n"
      "CONTENT-DISPOSITION:   form-data; name=\"s\"\r\n"
      "\r\n"
      "caf\xc3\xa9\r\n"
      "--BOUNDARY--\r\n",
      "s=caf\xc3\xa9\n" },
    /* Names and filenames: %0A %0D %22 are unescaped, nothing else. */
    { "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"a%0D%0Ab%22c%20\"; filename=\"x%0Ay\"\r\n"
      "\r\n"
      "\r\n"
      "--BOUNDARY--\r\n",
      "a\r\nb\"c%20=<x\ny|text/plain|>\n" },
    /* The escapes are byte sequences: lowercase hex is not one. */
    { "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"%0a%0d%2\"\r\n"
      "\r\n"
      "\r\n"
      "--BOUNDARY--\r\n",
      "%0a%0d%2=\n" },
    /* The boundary inside a body not after CR LF is data; so is a bare
     * "--BOUNDARY" after LF alone. */
    { "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"v\"\r\n"
      "\r\n"
      "x--BOUNDARY\n--BOUNDARY\r\n"
      "--BOUNDARY--\r\n",
      "v=x--BOUNDARY\n--BOUNDARY\n" },
    /* String values: UTF-8 decode without BOM (the BOM stays), invalid
     * bytes replaced. */
    { "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"u\"\r\n"
      "\r\n"
      "\xef\xbb\xbf\xff\r\n"
      "--BOUNDARY--\r\n",
      "u=\xef\xbb\xbf\xef\xbf\xbd\n" },
    /* A later Content-Disposition replaces an earlier one. */
    { "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"first\"; filename=\"f\"\r\n"
      "Content-Disposition: form-data; name=\"second\"\r\n"
      "\r\n"
      "v\r\n"
      "--BOUNDARY--\r\n",
      "second=v\n" },
    /* A non-printable or non-ASCII Content-Type is the empty type. */
    { "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n"
      "Content-Type: text/\xc3\xa9\r\n"
      "\r\n"
      "v\r\n"
      "--BOUNDARY--\r\n",
      "f=<f||v>\n" },
    /* An epilogue after the close delimiter is ignored (RFC 2046). */
    { "--BOUNDARY\r\n"
      "Content-Disposition: form-data; name=\"a\"\r\n"
      "\r\n"
      "1\r\n"
      "--BOUNDARY--\r\nepilogue",
      "a=1\n" },
  };

  g_test_summary ("multipart/form-data parser: entries from Content-Disposition name "
                  "and filename and Content-Type; bodies up to CR LF -- boundary");

  run_multipart_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_multipart_parse_failures (void)
{
  static const MultipartCase cases[] = {
    { "", NULL },
    { "garbage", NULL },
    /* A preamble is not allowed. */
    { "preamble\r\n--BOUNDARY--\r\n", NULL },
    { "--OTHER--\r\n", NULL },
    /* No CR LF after the boundary. */
    { "--BOUNDARY Content-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--BOUNDARY--", NULL },
    /* No close delimiter: the body never ends. */
    { "--BOUNDARY\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv", NULL },
    { "--BOUNDARY\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n", NULL },
    /* The headers never end. */
    { "--BOUNDARY\r\nContent-Disposition: form-data; name=\"a\"", NULL },
    /* No Content-Disposition, so no name. */
    { "--BOUNDARY\r\nContent-Type: text/plain\r\n\r\nv\r\n--BOUNDARY--", NULL },
    { "--BOUNDARY\r\n\r\nv\r\n--BOUNDARY--", NULL },
    /* Content-Disposition not as `form-data; name="`. */
    { "--BOUNDARY\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--BOUNDARY--", NULL },
    { "--BOUNDARY\r\nContent-Disposition: form-data;name=\"a\"\r\n\r\nv\r\n--BOUNDARY--", NULL },
    { "--BOUNDARY\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--BOUNDARY--", NULL },
    /* Unterminated name and filename. */
    { "--BOUNDARY\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--BOUNDARY--", NULL },
    { "--BOUNDARY\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f\r\n\r\nv\r\n--BOUNDARY--", NULL },
    /* Something else after the name. */
    { "--BOUNDARY\r\nContent-Disposition: form-data; name=\"a\"; x=y\r\n\r\nv\r\n--BOUNDARY--", NULL },
    /* A header without a colon, or whose name is not a token. */
    { "--BOUNDARY\r\nContent-Disposition: form-data; name=\"a\"\r\nNoColon\r\n\r\nv\r\n--BOUNDARY--", NULL },
    { "--BOUNDARY\r\nContent Type: x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--BOUNDARY--", NULL },
    { "--BOUNDARY\r\n: x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--BOUNDARY--", NULL },
    /* Bare LF line ends. */
    { "--BOUNDARY\nContent-Disposition: form-data; name=\"a\"\n\nv\n--BOUNDARY--", NULL },
    /* Junk between the body's CR LF -- boundary and the next CR LF. */
    { "--BOUNDARY\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--BOUNDARYx\r\n", NULL },
  };

  g_test_summary ("multipart/form-data parser: malformed input fails with a TypeError");

  run_multipart_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_multipart_parse_binary (void)
{
  static const char input[] =
    "--b\r\n"
    "Content-Disposition: form-data; name=\"f\"; filename=\"bin\"\r\n"
    "Content-Type: application/octet-stream\r\n"
    "\r\n"
    "\0\r\n-\r\n--\r\n--c\n--b\0\r\n"
    "--b--\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new (input, sizeof input - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchFormData) fd = NULL;
  g_autoptr(FetchFormDataEntry) entry = NULL;
  g_autoptr(GError) empty_error = NULL;
  g_autoptr(FetchFormData) none = NULL;
  gsize size;
  const char *data;

  g_test_summary ("multipart/form-data parser: file bodies are bytes (NUL, CR LF and "
                  "near-boundaries included), shared with the input; an empty "
                  "boundary fails");

  fd = fetch_multipart_form_data_parse (bytes, "b", &error);
  g_assert_no_error (error);
  entry = fetch_form_data_get (fd, "f");
  data = g_bytes_get_data (fetch_form_data_entry_get_bytes (entry), &size);
  g_assert_cmpmem (data, size, "\0\r\n-\r\n--\r\n--c\n--b\0", 18);
  /* A slice of the input: no copy. */
  g_assert_true (data > (const char *) g_bytes_get_data (bytes, NULL));
  g_assert_true (data < (const char *) g_bytes_get_data (bytes, NULL) + sizeof input);

  none = fetch_multipart_form_data_parse (bytes, "", &empty_error);
  g_assert_error (empty_error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (none);
}

static void
test_multipart_round_trip (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  g_autoptr(FetchFormData) parsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *boundary = NULL;

  g_test_summary ("multipart/form-data: what the encoding makes, the parser reads "
                  "back (with newlines normalized and the escapes undone)");

  fetch_form_data_append (fd, "plain", "value");
  fetch_form_data_append (fd, "quote\"name", "multi\nline");
  fetch_form_data_append (fd, "empty", "");
  fetch_form_data_append (fd, "utf8 \xe2\x82\xac", "\xf0\x9f\x98\x80");
  g_autoptr(GBytes) file = g_bytes_new_static ("\r\n--x", 5);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  fetch_form_data_append_file (fd, "file", file, "f\"1.txt", "text/x-test");
  fetch_form_data_append_file (fd, "blob", empty, NULL, NULL);

  bytes = fetch_form_data_serialize_multipart (fd, &boundary);
  parsed = fetch_multipart_form_data_parse (bytes, boundary, &error);
  g_assert_no_error (error);
  assert_entries (parsed,
                  "plain=value\n"
                  "quote\"name=multi\r\nline\n"
                  "empty=\n"
                  "utf8 \xe2\x82\xac=\xf0\x9f\x98\x80\n"
                  "file=<f\"1.txt|text/x-test|\r\n--x>\n"
                  "blob=<blob|application/octet-stream|>\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/form-data/append-get", test_append_get);
  g_test_add_func ("/fetch/form-data/set-delete", test_set_delete);
  g_test_add_func ("/fetch/form-data/file-entries", test_file_entries);
  g_test_add_func ("/fetch/form-data/usv-strings", test_usv_strings);
  g_test_add_func ("/fetch/form-data/foreach", test_foreach);
  g_test_add_func ("/fetch/form-data/multipart/serialize", test_multipart_serialize);
  g_test_add_func ("/fetch/form-data/multipart/serialize-binary", test_multipart_serialize_binary);
  g_test_add_func ("/fetch/form-data/multipart/serialize-escapes", test_multipart_serialize_escapes);
  g_test_add_func ("/fetch/form-data/multipart/boundary", test_multipart_boundary);
  g_test_add_func ("/fetch/form-data/multipart/parse", test_multipart_parse);
  g_test_add_func ("/fetch/form-data/multipart/parse-failures", test_multipart_parse_failures);
  g_test_add_func ("/fetch/form-data/multipart/parse-binary", test_multipart_parse_binary);
  g_test_add_func ("/fetch/form-data/multipart/round-trip", test_multipart_round_trip);
  g_test_add_func ("/fetch/form-data/urlencoded/serialize", test_urlencoded_serialize);
  g_test_add_func ("/fetch/form-data/urlencoded/parse", test_urlencoded_parse);
  g_test_add_func ("/fetch/form-data/urlencoded/parse-nul", test_urlencoded_parse_nul);

  return g_test_run ();
}
