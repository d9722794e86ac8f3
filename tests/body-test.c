/* body-test.c: bodies (§2.2.4), BodyInit extraction (§5.2), the Body
 * mixin's consumers (§5.3), the body stream and its tee
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "libfetch-glib/fetch.h"
#include "fetch-body-private.h"
#include "fetch-body-stream-private.h"
#include "fetch-form-data-private.h"
#include "fetch-headers-private.h"
#include "test-server.h"

/* TestStream: gives its chunks one per read (never more than one chunk
 * per read), then the end, or an error instead of the end. Async reads
 * complete from an idle, or, while held, when test_stream_release() is
 * called. Counts the calls it gets. */

#define TEST_TYPE_STREAM (test_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestStream, test_stream, TEST, STREAM, GInputStream)

struct _TestStream {
  GInputStream  parent_instance;

  GPtrArray    *chunks;        /* of GBytes */
  guint         next;
  gsize         offset;
  GError       *error;
  gboolean      hold;
  GTask        *held;
  guint         read_fn_calls;
  guint         read_async_calls;
  guint         close_calls;
};

G_DEFINE_FINAL_TYPE (TestStream, test_stream, G_TYPE_INPUT_STREAM)

typedef struct {
  void  *buffer;
  gsize  count;
} TestRead;

static gssize
test_stream_next (TestStream  *self,
                  void        *buffer,
                  gsize        count,
                  GError     **error)
{
  if (self->next < self->chunks->len)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (self->chunks, self->next), &size);
      gsize n = MIN (count, size - self->offset);

      memcpy (buffer, data + self->offset, n);
      self->offset += n;
      if (self->offset == size)
        {
          self->next++;
          self->offset = 0;
        }
      return n;
    }
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return -1;
    }
  return 0;
}

static gssize
test_stream_read_fn (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  TestStream *self = TEST_STREAM (stream);

  g_atomic_int_inc (&self->read_fn_calls);
  return test_stream_next (self, buffer, count, error);
}

static void
test_stream_complete (GTask *task)
{
  TestStream *self = g_task_get_source_object (task);
  TestRead *read = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n = test_stream_next (self, read->buffer, read->count, &error);

  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
  g_object_unref (task);
}

static gboolean
test_stream_complete_idle (gpointer task)
{
  test_stream_complete (task);
  return G_SOURCE_REMOVE;
}

static void
test_stream_read_async (GInputStream        *stream,
                        void                *buffer,
                        gsize                count,
                        int                  io_priority,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TestStream *self = TEST_STREAM (stream);
  GTask *task = g_task_new (stream, NULL, callback, user_data);
  TestRead *read = g_new0 (TestRead, 1);

  self->read_async_calls++;
  read->buffer = buffer;
  read->count = count;
  g_task_set_task_data (task, read, g_free);
  if (self->hold)
    {
      g_assert_null (self->held);
      self->held = task;
    }
  else
    g_idle_add (test_stream_complete_idle, task);
}

static gssize
test_stream_read_finish (GInputStream  *stream,
                         GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static gboolean
test_stream_close_fn (GInputStream  *stream,
                      GCancellable  *cancellable,
                      GError       **error)
{
  TEST_STREAM (stream)->close_calls++;
  return TRUE;
}

static void
test_stream_finalize (GObject *object)
{
  TestStream *self = TEST_STREAM (object);

  g_assert_null (self->held);
  g_ptr_array_unref (self->chunks);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (test_stream_parent_class)->finalize (object);
}

static void
test_stream_class_init (TestStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_stream_read_fn;
  G_INPUT_STREAM_CLASS (klass)->read_async = test_stream_read_async;
  G_INPUT_STREAM_CLASS (klass)->read_finish = test_stream_read_finish;
  G_INPUT_STREAM_CLASS (klass)->close_fn = test_stream_close_fn;
}

static void
test_stream_init (TestStream *self)
{
  self->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

/* chunks: NULL-terminated; error (may be NULL) is taken. */
static TestStream *
test_stream_new (const char * const *chunks,
                 GError             *error)
{
  TestStream *self = g_object_new (TEST_TYPE_STREAM, NULL);

  /* A read of 0 bytes is the end: there are no empty chunks. */
  for (gsize i = 0; chunks[i] != NULL; i++)
    if (chunks[i][0] != '\0')
      g_ptr_array_add (self->chunks, g_bytes_new (chunks[i], strlen (chunks[i])));
  self->error = error;
  return self;
}

static void
test_stream_release (TestStream *self)
{
  GTask *task = g_steal_pointer (&self->held);

  g_assert_nonnull (task);
  test_stream_complete (task);
}

static GError *
connection_reset (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "Connection reset by peer");
}

/* Async helpers */

static GBytes *
consume (FetchBody     *body,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fetch_body_consume_async (body, NULL, consume, cancellable, test_store_result, &result);
  test_wait_for_result (&result);
  g_assert_true (g_task_get_source_tag (G_TASK (result)) == consume);
  return fetch_body_consume_finish (result, error);
}

static gssize
read_async_once (GInputStream  *stream,
                 void          *buffer,
                 gsize          count,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_input_stream_read_async (stream, buffer, count, G_PRIORITY_DEFAULT, cancellable,
                             test_store_result, &result);
  test_wait_for_result (&result);
  return g_input_stream_read_finish (stream, result, error);
}

/* Reads a stream to its end in reads of chunk bytes; NULL on error. */
static GBytes *
read_all (GInputStream  *stream,
          gboolean       async,
          gsize          chunk,
          GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (chunk);

  for (;;)
    {
      gssize n = async ? read_async_once (stream, buffer, chunk, NULL, error)
                       : g_input_stream_read (stream, buffer, chunk, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        return g_byte_array_free_to_bytes (g_steal_pointer (&out));
      g_byte_array_append (out, buffer, n);
    }
}

#define assert_bytes(bytes, expected) G_STMT_START {                    \
    gsize _size;                                                        \
    const char *_data = g_bytes_get_data ((bytes), &_size);            \
    g_assert_cmpmem (_data, _size, (expected), strlen (expected));      \
  } G_STMT_END

/* Extraction (§5.2) */

static void
test_extract_types (void)
{
  static const char *const pairs[] = { "a b", "c&d", "\xc3\xa9", "", NULL };
  g_autoptr(GBytes) abc = g_bytes_new_static ("abc", 3);
  struct {
    FetchBodyInit *init;
    const char    *type;
    const char    *content;
  } cases[] = {
    { fetch_body_init_new_bytes (abc), NULL, "abc" },
    { fetch_body_init_new_string ("h\xc3\xa9llo"), "text/plain;charset=UTF-8", "h\xc3\xa9llo" },
    { fetch_body_init_new_string ("a\xff" "b"), "text/plain;charset=UTF-8", "a\xef\xbf\xbd" "b" },
    { fetch_body_init_new_string (""), "text/plain;charset=UTF-8", "" },
    { fetch_body_init_new_blob (abc, "Text/HTML;Charset=utf-8"), "text/html;charset=utf-8", "abc" },
    { fetch_body_init_new_blob (abc, ""), NULL, "abc" },
    { fetch_body_init_new_blob (abc, NULL), NULL, "abc" },
    { fetch_body_init_new_blob (abc, "text/plain\r\nX: y"), NULL, "abc" },
    { fetch_body_init_new_urlencoded (pairs), "application/x-www-form-urlencoded;charset=UTF-8",
      "a+b=c%26d&%C3%A9=" },
  };

  g_test_summary ("§5.2 extract a body with type: bytes have no type, strings are "
                  "UTF-8 text/plain, blobs keep a non-empty type, URLSearchParams are "
                  "serialized; the length is the source's byte length");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char *type = (char *) "unset";   /* must be overwritten */
      g_autofree char *owned_type = NULL;
      g_autoptr(FetchBody) body = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      body = fetch_body_extract (cases[i].init, FALSE, &type, &error);
      owned_type = type;
      g_assert_no_error (error);
      g_assert_cmpstr (type, ==, cases[i].type);
      g_assert_nonnull (body->source);
      g_assert_cmpint (body->length, ==, strlen (cases[i].content));
      g_assert_cmpint (body->length, ==, g_bytes_get_size (body->source));
      g_assert_false (fetch_body_is_disturbed (body));
      g_assert_false (fetch_body_init_is_stream (cases[i].init));

      /* keepalive is only a problem for streams. */
      g_clear_pointer (&body, fetch_body_free);
      body = fetch_body_extract (cases[i].init, TRUE, NULL, &error);
      g_assert_no_error (error);

      bytes = consume (body, NULL, &error);
      g_assert_no_error (error);
      assert_bytes (bytes, cases[i].content);
      fetch_body_init_unref (cases[i].init);
    }
}

static void
test_extract_no_copy (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new ("payload", 7);
  g_autoptr(FetchBodyInit) init = fetch_body_init_new_bytes (bytes);
  g_autoptr(FetchBody) body = NULL;
  g_autoptr(GBytes) consumed = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.2: a bytes body shares the caller's GBytes as its source, and "
                  "consuming it hands back those very bytes");

  body = fetch_body_extract (init, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (body->source == bytes);
  consumed = consume (body, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (consumed == bytes);
  /* Consuming leaves the stream read to its end. */
  g_assert_cmpint (g_input_stream_read (fetch_body_stream_get_base_stream (FETCH_BODY_STREAM (body->stream)),
                                        (char[4]) { 0 }, 4, NULL, NULL), ==, 0);
}

static void
test_extract_form_data (void)
{
  g_autoptr(FetchFormData) fd = fetch_form_data_new ();
  g_autoptr(FetchBodyInit) init = NULL;
  g_autoptr(FetchBody) body = NULL;
  g_autoptr(FetchBody) body2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *type2 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(FetchFormData) parsed = NULL;
  g_autoptr(FetchFormDataEntry) a = NULL;
  g_autoptr(FetchFormDataEntry) f = NULL;
  g_autoptr(GBytes) file = g_bytes_new_static ("\0\1", 2);

  g_test_summary ("§5.2 FormData: a multipart/form-data body with a fresh boundary in "
                  "its type, and a length; §5.3 formData() reads it back");

  fetch_form_data_append (fd, "a", "1\n2");
  fetch_form_data_append_file (fd, "f", file, "x.bin", NULL);
  init = fetch_body_init_new_form_data (fd);
  body = fetch_body_extract (init, FALSE, &type, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (type, "multipart/form-data; boundary="));
  g_assert_nonnull (body->source);
  g_assert_cmpint (body->length, ==, g_bytes_get_size (body->source));

  /* Each extraction encodes afresh, with a new boundary. */
  body2 = fetch_body_extract (init, FALSE, &type2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (type, !=, type2);

  bytes = consume (body, NULL, &error);
  g_assert_no_error (error);
  fetch_header_list_append (fetch_headers_get_list (headers), "Content-Type", type);
  parsed = fetch_body_package_form_data (bytes, fetch_headers_get_list (headers), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_form_data_get_length (parsed), ==, 2);
  a = fetch_form_data_get (parsed, "a");
  g_assert_cmpstr (fetch_form_data_entry_get_value (a), ==, "1\r\n2");
  f = fetch_form_data_get (parsed, "f");
  g_assert_cmpstr (fetch_form_data_entry_get_filename (f), ==, "x.bin");
  g_assert_cmpstr (fetch_form_data_entry_get_content_type (f), ==, "application/octet-stream");
  g_assert_true (g_bytes_equal (fetch_form_data_entry_get_bytes (f), file));
}

static void
test_extract_stream (void)
{
  static const char *const chunks[] = { "ab", "cd", NULL };
  struct {
    gint64 length;
    gint64 expected;
  } cases[] = { { 4, 4 }, { -1, -1 }, { -7, -1 }, { 0, 0 } };

  g_test_summary ("§5.2 ReadableStream: no type, no source, the length the caller "
                  "gave (or null)");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
      g_autoptr(FetchBodyInit) init = fetch_body_init_new_stream (G_INPUT_STREAM (stream),
                                                                  cases[i].length);
      g_autoptr(FetchBody) body = NULL;
      g_autoptr(GError) error = NULL;
      char *type = (char *) "unset";   /* must be overwritten */
      g_autofree char *owned_type = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_assert_true (fetch_body_init_is_stream (init));
      body = fetch_body_extract (init, FALSE, &type, &error);
      owned_type = type;
      g_assert_no_error (error);
      g_assert_null (type);
      g_assert_null (body->source);
      g_assert_cmpint (body->length, ==, cases[i].expected);
      bytes = consume (body, NULL, &error);
      g_assert_no_error (error);
      assert_bytes (bytes, "abcd");
    }
}

static void
test_extract_stream_keepalive (void)
{
  static const char *const chunks[] = { "x", NULL };
  g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
  g_autoptr(FetchBodyInit) init = fetch_body_init_new_stream (G_INPUT_STREAM (stream), -1);
  g_autoptr(FetchBody) body = NULL;
  g_autoptr(GError) error = NULL;
  char *type = NULL;

  g_test_summary ("§5.2 step 10: a stream with keepalive is a TypeError, and leaves "
                  "the stream init usable");

  body = fetch_body_extract (init, TRUE, &type, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (body);
  g_assert_null (type);
  g_clear_error (&error);

  body = fetch_body_extract (init, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
}

static void
test_extract_stream_unusable (void)
{
  static const char *const chunks[] = { "xyz", NULL };
  g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
  g_autoptr(FetchBodyInit) init = fetch_body_init_new_stream (G_INPUT_STREAM (stream), -1);
  g_autoptr(FetchBody) body = NULL;
  g_autoptr(FetchBody) again = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.2 step 10: a stream init makes one body; a stream that is "
                  "disturbed, locked, closed or busy is a TypeError");

  body = fetch_body_extract (init, FALSE, NULL, &error);
  g_assert_no_error (error);
  again = fetch_body_extract (init, FALSE, NULL, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (again);
  g_clear_error (&error);

  /* Another body's stream (new Response(response.body)) once read from. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("abc", 3);
    g_autoptr(FetchBody) source = fetch_body_new_from_bytes (bytes);
    g_autoptr(FetchBodyInit) from_body = fetch_body_init_new_stream (source->stream, -1);
    g_autoptr(FetchBodyInit) from_body2 = fetch_body_init_new_stream (source->stream, -1);
    g_autoptr(FetchBody) ok = NULL;
    g_autoptr(FetchBody) fail = NULL;
    char c;

    ok = fetch_body_extract (from_body, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_input_stream_read (source->stream, &c, 1, NULL, &error), ==, 1);
    fail = fetch_body_extract (from_body2, FALSE, NULL, &error);
    g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
    g_assert_null (fail);
    g_clear_error (&error);
  }

  /* A closed stream, and one with an operation pending. */
  {
    g_autoptr(TestStream) closed = test_stream_new (chunks, NULL);
    g_autoptr(TestStream) busy = test_stream_new (chunks, NULL);
    g_autoptr(FetchBodyInit) closed_init = fetch_body_init_new_stream (G_INPUT_STREAM (closed), -1);
    g_autoptr(FetchBodyInit) busy_init = fetch_body_init_new_stream (G_INPUT_STREAM (busy), -1);
    g_autoptr(FetchBody) fail = NULL;
    g_autoptr(FetchBody) fail2 = NULL;

    g_assert_true (g_input_stream_close (G_INPUT_STREAM (closed), NULL, NULL));
    fail = fetch_body_extract (closed_init, FALSE, NULL, &error);
    g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
    g_assert_null (fail);
    g_clear_error (&error);

    g_assert_true (g_input_stream_set_pending (G_INPUT_STREAM (busy), NULL));
    fail2 = fetch_body_extract (busy_init, FALSE, NULL, &error);
    g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
    g_assert_null (fail2);
    g_clear_error (&error);
    g_input_stream_clear_pending (G_INPUT_STREAM (busy));
  }
}

/* Consuming (§5.3) */

static void
test_consume_twice (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("data", 4);
  g_autoptr(FetchBody) body = fetch_body_new_from_bytes (bytes);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.3 consume body step 1: consuming a disturbed body is a TypeError");

  g_assert_false (fetch_body_is_unusable (body));
  first = consume (body, NULL, &error);
  g_assert_no_error (error);
  assert_bytes (first, "data");
  g_assert_true (fetch_body_is_disturbed (body));
  g_assert_false (fetch_body_is_locked (body));
  g_assert_true (fetch_body_is_unusable (body));

  second = consume (body, NULL, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (second);
}

static void
test_consume_null (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.3 consume body step 5: a null body is the empty byte sequence");

  bytes = consume (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
}

static void
test_consume_stream (void)
{
  static const char *const chunks[] = { "ab", "", "cde", "f", NULL };
  struct {
    gint64 length;
  } cases[] = { { 6 }, { -1 }, { 1 }, { 1000 } };

  g_test_summary ("§5.3 consume body: reads the whole stream with async reads of the "
                  "stream itself (no thread), whatever length was announced");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
      g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream),
                                                              cases[i].length);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = consume (body, NULL, &error);
      g_assert_no_error (error);
      assert_bytes (bytes, "abcdef");
      g_assert_cmpuint (stream->read_fn_calls, ==, 0);
      g_assert_cmpuint (stream->read_async_calls, >=, 4);
      g_assert_true (fetch_body_is_disturbed (body));
    }
}

static void
test_consume_large (void)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GInputStream) memory = NULL;
  g_autoptr(FetchBody) body = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.3 consume body: a body larger than any read buffer, of unknown "
                  "length, arrives whole");

  for (guint i = 0; i < 300000; i++)
    g_byte_array_append (data, (guint8[]) { (guint8) (i * 7) }, 1);
  expected = g_bytes_new (data->data, data->len);
  memory = g_memory_input_stream_new_from_bytes (expected);
  body = fetch_body_new_from_stream (memory, -1);
  bytes = consume (body, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, expected));
}

static void
test_consume_locked (void)
{
  static const char *const chunks[] = { "abc", "def", NULL };
  g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
  g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), -1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[8];

  g_test_summary ("§5.3: while consumed, a body is locked: reading or closing its "
                  "stream fails with G_IO_ERROR_PENDING, a second consumer gets a "
                  "TypeError; the lock goes when the body is read");

  stream->hold = TRUE;
  fetch_body_consume_async (body, NULL, NULL, NULL, test_store_result, &result);
  g_assert_true (fetch_body_is_locked (body));
  g_assert_true (fetch_body_is_unusable (body));

  g_assert_cmpint (g_input_stream_read (body->stream, buffer, sizeof buffer, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  g_assert_cmpint (read_async_once (body->stream, buffer, sizeof buffer, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  g_assert_cmpint (g_input_stream_skip (body->stream, 1, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);

  other = consume (body, NULL, &error);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  g_assert_null (other);
  g_clear_error (&error);

  while (result == NULL)
    {
      if (stream->held != NULL)
        test_stream_release (stream);
      g_main_context_iteration (NULL, FALSE);
    }
  bytes = fetch_body_consume_finish (result, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, "abcdef");
  g_assert_false (fetch_body_is_locked (body));
  g_assert_true (fetch_body_is_disturbed (body));
  g_assert_cmpuint (stream->close_calls, ==, 0);
}

static void
test_consume_error (void)
{
  static const char *const chunks[] = { "partial", "body", NULL };
  g_autoptr(TestStream) stream = test_stream_new (chunks, connection_reset ());
  g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), 100);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§2.2.4 fully read: a stream error is the consumer's error, as it "
                  "is, never a short body");

  bytes = consume (body, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  g_assert_cmpstr (error->message, ==, "Connection reset by peer");
  g_assert_null (bytes);
  g_assert_false (fetch_body_is_locked (body));
  g_assert_true (fetch_body_is_disturbed (body));
}

static void
test_consume_cancel (void)
{
  g_autoptr(GBytes) data = g_bytes_new_static ("data", 4);
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(FetchBody) body = fetch_body_new_from_stream (memory, -1);
  g_autoptr(FetchBody) source_body = fetch_body_new_from_bytes (data);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes2 = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§5.3 consume body: cancelling fails with G_IO_ERROR_CANCELLED");

  g_cancellable_cancel (cancellable);
  bytes = consume (body, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
  g_clear_error (&error);

  bytes2 = consume (source_body, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes2);
}

/* The body stream */

typedef enum {
  OP_READ,
  OP_READ_ASYNC,
  OP_READ_BYTES,
  OP_SKIP,
  OP_SKIP_ASYNC,
  OP_CLOSE,
  OP_CLOSE_ASYNC,
} StreamOp;

static void
run_op (GInputStream *stream,
        StreamOp      op)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char buffer[2];

  switch (op)
    {
    case OP_READ:
      g_assert_cmpint (g_input_stream_read (stream, buffer, 2, NULL, &error), ==, 2);
      break;
    case OP_READ_ASYNC:
      g_assert_cmpint (read_async_once (stream, buffer, 2, NULL, &error), ==, 2);
      break;
    case OP_READ_BYTES:
      bytes = g_input_stream_read_bytes (stream, 2, NULL, &error);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, 2);
      break;
    case OP_SKIP:
      g_assert_cmpint (g_input_stream_skip (stream, 2, NULL, &error), ==, 2);
      break;
    case OP_SKIP_ASYNC:
      g_input_stream_skip_async (stream, 2, G_PRIORITY_DEFAULT, NULL, test_store_result, &result);
      test_wait_for_result (&result);
      g_assert_cmpint (g_input_stream_skip_finish (stream, result, &error), ==, 2);
      break;
    case OP_CLOSE:
      g_assert_true (g_input_stream_close (stream, NULL, &error));
      break;
    case OP_CLOSE_ASYNC:
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, test_store_result, &result);
      test_wait_for_result (&result);
      g_assert_true (g_input_stream_close_finish (stream, result, &error));
      break;
    }
  g_assert_no_error (error);
}

static void
test_stream_disturbed (void)
{
  static const StreamOp ops[] = {
    OP_READ, OP_READ_ASYNC, OP_READ_BYTES, OP_SKIP, OP_SKIP_ASYNC, OP_CLOSE, OP_CLOSE_ASYNC,
  };

  g_test_summary ("Streams: any read, skip or close of the body stream marks the body "
                  "disturbed (bodyUsed), and consuming it is then a TypeError");

  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_static ("abcdef", 6);
      g_autoptr(FetchBody) body = fetch_body_new_from_bytes (data);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (fetch_body_is_disturbed (body));
      run_op (body->stream, ops[i]);
      g_assert_true (fetch_body_is_disturbed (body));
      bytes = consume (body, NULL, &error);
      g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
    }
}

static void
test_stream_pass_through (void)
{
  static const char *const chunks[] = { "abcd", "ef", NULL };
  g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
  g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), -1);
  g_autoptr(GError) error = NULL;
  char buffer[16];

  g_test_summary ("The body stream forwards each read to the real stream: sync to "
                  "sync, async to async (never GIO's thread fallback), and closes it");

  g_assert_cmpint (read_async_once (body->stream, buffer, sizeof buffer, NULL, &error), ==, 4);
  g_assert_cmpuint (stream->read_async_calls, ==, 1);
  g_assert_cmpuint (stream->read_fn_calls, ==, 0);
  g_assert_cmpint (g_input_stream_read (body->stream, buffer, 1, NULL, &error), ==, 1);
  g_assert_cmpuint (stream->read_fn_calls, ==, 1);
  g_assert_cmpuint (stream->read_async_calls, ==, 1);
  g_assert_cmpint (g_input_stream_skip (body->stream, 5, NULL, &error), ==, 1);
  g_assert_cmpint (read_async_once (body->stream, buffer, sizeof buffer, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (g_input_stream_close (body->stream, NULL, &error));
  g_assert_cmpuint (stream->close_calls, ==, 1);
}

static void
test_stream_error (void)
{
  static const char *const chunks[] = { "abc", NULL };
  gboolean async[] = { FALSE, TRUE };

  g_test_summary ("The body stream passes a stream error on unchanged, on every read "
                  "after it too: never an end of stream");

  for (gsize i = 0; i < G_N_ELEMENTS (async); i++)
    {
      g_autoptr(TestStream) stream = test_stream_new (chunks, connection_reset ());
      g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), 3);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      char c;

      bytes = read_all (body->stream, async[i], 2, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
      g_assert_null (bytes);
      g_clear_error (&error);
      g_assert_cmpint (g_input_stream_read (body->stream, &c, 1, NULL, &error), ==, -1);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
    }
}

/* Cloning (§2.2.4) */

static void
test_clone_source (void)
{
  g_autoptr(GBytes) data = g_bytes_new_static ("hello", 5);
  g_autoptr(FetchBody) body = fetch_body_new_from_bytes (data);
  g_autoptr(FetchBody) clone = NULL;
  GInputStream *stream = body->stream;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§2.2.4 clone a body with a byte source: a second stream over the "
                  "same bytes; no tee, no copy");

  clone = fetch_body_clone (body);
  g_assert_true (body->stream == stream);
  g_assert_true (clone->stream != stream);
  g_assert_true (clone->source == body->source);
  g_assert_cmpint (clone->length, ==, 5);
  g_assert_false (fetch_body_is_locked (body));

  a = read_all (body->stream, FALSE, 2, &error);
  g_assert_no_error (error);
  b = consume (clone, NULL, &error);
  g_assert_no_error (error);
  assert_bytes (a, "hello");
  assert_bytes (b, "hello");
  g_assert_true (b == data);
}

static void
test_clone_tee_sequential (void)
{
  static const char *const chunks[] = { "ab", "cde", "", "f", NULL };
  gboolean async[] = { FALSE, TRUE };

  g_test_summary ("§2.2.4 clone a body without a source tees its stream: one branch "
                  "read to the end first, then the other, both get every byte; the "
                  "source is read once; the old stream is locked");

  for (gsize i = 0; i < G_N_ELEMENTS (async); i++)
    {
      g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
      g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), 6);
      g_autoptr(GInputStream) old = g_object_ref (body->stream);
      g_autoptr(FetchBody) clone = NULL;
      g_autoptr(GBytes) a = NULL;
      g_autoptr(GBytes) b = NULL;
      g_autoptr(GError) error = NULL;
      char c;

      clone = fetch_body_clone (body);
      g_assert_true (body->stream != old);
      g_assert_null (clone->source);
      g_assert_cmpint (clone->length, ==, 6);
      g_assert_false (fetch_body_is_unusable (body));
      g_assert_false (fetch_body_is_unusable (clone));

      g_assert_cmpint (g_input_stream_read (old, &c, 1, NULL, &error), ==, -1);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
      g_clear_error (&error);

      a = read_all (clone->stream, async[i], 3, &error);
      g_assert_no_error (error);
      b = read_all (body->stream, async[i], 100, &error);
      g_assert_no_error (error);
      assert_bytes (a, "abcdef");
      assert_bytes (b, "abcdef");
      g_assert_cmpuint (stream->read_fn_calls + stream->read_async_calls, ==, 4);
      g_assert_true (fetch_body_is_disturbed (body));
      g_assert_true (fetch_body_is_disturbed (clone));
    }
}

static void
test_clone_tee_interleaved (void)
{
  static const char *const chunks[] = { "0123", "45678", "9", "abcdefghij", NULL };
  /* (branch, count, async) */
  static const struct { guint branch; gsize count; gboolean async; } steps[] = {
    { 0, 2, FALSE }, { 1, 1, TRUE }, { 1, 4, FALSE }, { 0, 10, TRUE }, { 0, 1, FALSE },
    { 1, 3, TRUE }, { 1, 7, FALSE }, { 0, 3, TRUE }, { 0, 100, FALSE }, { 1, 100, TRUE },
    { 0, 100, TRUE }, { 1, 100, FALSE }, { 0, 100, FALSE }, { 1, 100, TRUE },
  };
  g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
  g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), -1);
  g_autoptr(FetchBody) clone = fetch_body_clone (body);
  GString *got[2] = { g_string_new (NULL), g_string_new (NULL) };
  GInputStream *branches[2] = { body->stream, clone->stream };

  g_test_summary ("§2.2.4 tee: reads of the two branches interleaved, sync and async, "
                  "of any size, give each branch every byte in order");

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *buffer = g_malloc (steps[i].count);
      GInputStream *branch = branches[steps[i].branch];
      gssize n = steps[i].async
                 ? read_async_once (branch, buffer, steps[i].count, NULL, &error)
                 : g_input_stream_read (branch, buffer, steps[i].count, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >=, 0);
      g_string_append_len (got[steps[i].branch], buffer, n);
    }
  g_assert_cmpstr (got[0]->str, ==, "0123456789abcdefghij");
  g_assert_cmpstr (got[1]->str, ==, "0123456789abcdefghij");
  g_string_free (got[0], TRUE);
  g_string_free (got[1], TRUE);
}

static void
test_clone_tee_concurrent (void)
{
  static const char *const chunks[] = { "first", "second", NULL };
  g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
  g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), -1);
  g_autoptr(FetchBody) clone = fetch_body_clone (body);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  char b1[16], b2[16];
  char c;

  g_test_summary ("§2.2.4 tee: async reads of both branches at once share one read "
                  "of the source; a sync read meanwhile fails with "
                  "G_IO_ERROR_PENDING rather than block");

  stream->hold = TRUE;
  g_input_stream_read_async (body->stream, b1, sizeof b1, G_PRIORITY_DEFAULT, NULL, test_store_result, &r1);
  g_input_stream_read_async (clone->stream, b2, sizeof b2, G_PRIORITY_DEFAULT, NULL, test_store_result, &r2);
  g_assert_cmpuint (stream->read_async_calls, ==, 1);
  g_assert_nonnull (stream->held);

  test_stream_release (stream);
  test_wait_for_result (&r1);
  test_wait_for_result (&r2);
  g_assert_cmpint (g_input_stream_read_finish (body->stream, r1, &error), ==, 5);
  g_assert_cmpint (g_input_stream_read_finish (clone->stream, r2, &error), ==, 5);
  g_assert_cmpmem (b1, 5, "first", 5);
  g_assert_cmpmem (b2, 5, "first", 5);
  g_assert_cmpuint (stream->read_async_calls, ==, 1);

  /* clone's sync read while body's async read holds the source. */
  g_clear_object (&r1);
  g_input_stream_read_async (body->stream, b1, sizeof b1, G_PRIORITY_DEFAULT, NULL, test_store_result, &r1);
  g_assert_cmpint (g_input_stream_read (clone->stream, &c, 1, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  test_stream_release (stream);
  test_wait_for_result (&r1);
  g_assert_cmpint (g_input_stream_read_finish (body->stream, r1, &error), ==, 6);
  g_assert_cmpmem (b1, 6, "second", 6);
  g_assert_no_error (error);
  /* ... and then gets the bytes, queued for it. */
  g_assert_cmpint (g_input_stream_read (clone->stream, b2, sizeof b2, NULL, &error), ==, 6);
  g_assert_cmpmem (b2, 6, "second", 6);
}

static void
test_clone_tee_cancel_waiting (void)
{
  static const char *const chunks[] = { "data", NULL };
  g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
  g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), -1);
  g_autoptr(FetchBody) clone = fetch_body_clone (body);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  char b1[8], b2[8];

  g_test_summary ("§2.2.4 tee: a branch's read waiting for the other's is cancelled "
                  "at once; the bytes then wait in its queue");

  stream->hold = TRUE;
  g_input_stream_read_async (body->stream, b1, sizeof b1, G_PRIORITY_DEFAULT, NULL, test_store_result, &r1);
  g_input_stream_read_async (clone->stream, b2, sizeof b2, G_PRIORITY_DEFAULT, cancellable,
                             test_store_result, &r2);
  g_cancellable_cancel (cancellable);
  test_wait_for_result (&r2);
  g_assert_null (r1);
  g_assert_cmpint (g_input_stream_read_finish (clone->stream, r2, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  test_stream_release (stream);
  test_wait_for_result (&r1);
  g_assert_cmpint (g_input_stream_read_finish (body->stream, r1, &error), ==, 4);
  g_assert_no_error (error);
  stream->hold = FALSE;
  g_assert_cmpint (read_async_once (clone->stream, b2, sizeof b2, NULL, &error), ==, 4);
  g_assert_cmpmem (b2, 4, "data", 4);
}

static void
test_clone_tee_error (void)
{
  static const char *const chunks[] = { "abc", "def", NULL };
  gboolean async[] = { FALSE, TRUE };

  g_test_summary ("§2.2.4 tee: a source error errors both branches, whichever read "
                  "it, and never turns into an end of stream");

  for (gsize i = 0; i < G_N_ELEMENTS (async); i++)
    {
      g_autoptr(TestStream) stream = test_stream_new (chunks, connection_reset ());
      g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), 100);
      g_autoptr(FetchBody) clone = fetch_body_clone (body);
      g_autoptr(GBytes) a = NULL;
      g_autoptr(GBytes) b = NULL;
      g_autoptr(GBytes) c = NULL;
      g_autoptr(GError) error = NULL;
      char buffer[2];

      /* The clone gets some bytes, then the body meets the error. */
      g_assert_cmpint (g_input_stream_read (clone->stream, buffer, 2, NULL, &error), ==, 2);
      a = read_all (body->stream, async[i], 2, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
      g_assert_null (a);
      g_clear_error (&error);
      b = read_all (clone->stream, async[i], 2, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
      g_assert_null (b);
      g_clear_error (&error);
      /* And consuming the clone would fail the same way. */
      c = read_all (body->stream, !async[i], 2, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
    }
}

static void
test_clone_tee_close (void)
{
  static const char *const chunks[] = { "abc", "def", NULL };
  g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
  g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), -1);
  g_autoptr(FetchBody) clone = fetch_body_clone (body);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[2];

  g_test_summary ("§2.2.4 tee: closing one branch leaves the other reading every "
                  "byte; closing both closes the source");

  g_assert_cmpint (g_input_stream_read (body->stream, buffer, 2, NULL, &error), ==, 2);
  g_assert_true (g_input_stream_close (body->stream, NULL, &error));
  g_assert_cmpuint (stream->close_calls, ==, 0);

  rest = read_all (clone->stream, TRUE, 4, &error);
  g_assert_no_error (error);
  assert_bytes (rest, "abcdef");

  g_input_stream_close_async (clone->stream, G_PRIORITY_DEFAULT, NULL, test_store_result, &result);
  test_wait_for_result (&result);
  g_assert_true (g_input_stream_close_finish (clone->stream, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stream->close_calls, ==, 1);
}

static void
test_clone_tee_consume (void)
{
  static const char *const chunks[] = { "one ", "two ", "three", NULL };
  g_autoptr(TestStream) stream = test_stream_new (chunks, NULL);
  g_autoptr(FetchBody) body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), -1);
  g_autoptr(FetchBody) clone = fetch_body_clone (body);
  g_autoptr(FetchBody) clone2 = fetch_body_clone (clone);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§2.2.4 tee: a body and its clones consumed at the same time each "
                  "get the whole body (response.clone(); both .text())");

  fetch_body_consume_async (body, NULL, NULL, NULL, test_store_result, &r1);
  fetch_body_consume_async (clone, NULL, NULL, NULL, test_store_result, &r2);
  fetch_body_consume_async (clone2, NULL, NULL, NULL, test_store_result, &r3);
  test_wait_for_result (&r1);
  test_wait_for_result (&r2);
  test_wait_for_result (&r3);
  a = fetch_body_consume_finish (r1, &error);
  g_assert_no_error (error);
  b = fetch_body_consume_finish (r2, &error);
  g_assert_no_error (error);
  c = fetch_body_consume_finish (r3, &error);
  g_assert_no_error (error);
  assert_bytes (a, "one two three");
  assert_bytes (b, "one two three");
  assert_bytes (c, "one two three");
}

static gpointer
read_all_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = read_all (data, FALSE, 1000, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
test_clone_tee_threads (void)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GInputStream) memory = NULL;
  g_autoptr(FetchBody) body = NULL;
  g_autoptr(FetchBody) clone = NULL;
  GThread *t1, *t2;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  g_test_summary ("§2.2.4 tee: the branches read with sync reads from two threads at "
                  "once both get every byte");

  for (guint i = 0; i < 200000; i++)
    g_byte_array_append (data, (guint8[]) { (guint8) (i % 251) }, 1);
  expected = g_bytes_new (data->data, data->len);
  memory = g_memory_input_stream_new_from_bytes (expected);
  body = fetch_body_new_from_stream (memory, -1);
  clone = fetch_body_clone (body);

  t1 = g_thread_new ("branch1", read_all_thread, body->stream);
  t2 = g_thread_new ("branch2", read_all_thread, clone->stream);
  a = g_thread_join (t1);
  b = g_thread_join (t2);
  g_assert_true (g_bytes_equal (a, expected));
  g_assert_true (g_bytes_equal (b, expected));
}

static void
test_new_from_source (void)
{
  g_autoptr(GBytes) data = g_bytes_new_static ("resend", 6);
  g_autoptr(FetchBody) body = fetch_body_new_from_bytes (data);
  g_autoptr(FetchBody) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("§4.4 step 14: a body is re-created from its source after being read");

  first = consume (body, NULL, &error);
  g_assert_no_error (error);
  again = fetch_body_new_from_source (body);
  g_assert_false (fetch_body_is_disturbed (again));
  g_assert_cmpint (again->length, ==, 6);
  second = consume (again, NULL, &error);
  g_assert_no_error (error);
  assert_bytes (second, "resend");
}

/* Packaging (§5.3) */

static void
test_utf8_decode (void)
{
  static const struct {
    const char *input;
    gsize       length;
    const char *expected;
    gsize       expected_length;
  } cases[] = {
#define CASE(in, out) { in, sizeof in - 1, out, sizeof out - 1 }
    CASE ("", ""),
    CASE ("abc", "abc"),
    CASE ("\xef\xbb\xbf" "abc", "abc"),
    CASE ("\xef\xbb\xbf\xef\xbb\xbf", "\xef\xbb\xbf"),
    CASE ("\xef\xbb", "\xef\xbf\xbd"),
    CASE ("a\xef\xbb\xbf", "a\xef\xbb\xbf"),
    CASE ("\x80", "\xef\xbf\xbd"),
    CASE ("\xc0\x80", "\xef\xbf\xbd\xef\xbf\xbd"),
    CASE ("\xc1\xbf", "\xef\xbf\xbd\xef\xbf\xbd"),
    CASE ("\xc2", "\xef\xbf\xbd"),
    CASE ("\xc2" "A", "\xef\xbf\xbd" "A"),
    CASE ("\xc2\xa9", "\xc2\xa9"),
    CASE ("\xe0\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"),
    CASE ("\xe0\xa0", "\xef\xbf\xbd"),
    CASE ("\xe2\x82" "A", "\xef\xbf\xbd" "A"),
    CASE ("\xe2\x82\xac", "\xe2\x82\xac"),
    CASE ("\xed\x9f\xbf", "\xed\x9f\xbf"),
    CASE ("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"),
    CASE ("\xf0\x8f\xbf\xbf", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"),
    CASE ("\xf0\x9f\x98", "\xef\xbf\xbd"),
    CASE ("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"),
    CASE ("\xf0\x9f\x98" "\xf0\x9f\x98\x80", "\xef\xbf\xbd\xf0\x9f\x98\x80"),
    CASE ("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"),
    CASE ("\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"),
    CASE ("\xf5", "\xef\xbf\xbd"),
    CASE ("\xfe\xff", "\xef\xbf\xbd\xef\xbf\xbd"),
    CASE ("\xff", "\xef\xbf\xbd"),
    CASE ("a\0b", "a\0b"),
    CASE ("\xc3\0", "\xef\xbf\xbd\0"),
    CASE ("ok\xe2\x82\xac\xff" "done\xc3\xa9", "ok\xe2\x82\xac\xef\xbf\xbd" "done\xc3\xa9"),
#undef CASE
  };

  g_test_summary ("Encoding §4.1 UTF-8 decode: the BOM is stripped once, each maximal "
                  "invalid subpart becomes one U+FFFD, U+0000 is kept");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = fetch_utf8_decode ((const guint8 *) cases[i].input, cases[i].length);
      g_autofree char *escaped = g_strescape (cases[i].input, NULL);

      g_test_message ("input: %s", escaped);
      g_assert_cmpmem (out, cases[i].expected_length, cases[i].expected, cases[i].expected_length);
      g_assert_cmpint (out[cases[i].expected_length], ==, '\0');
    }
}

static void
test_utf8_decode_without_bom (void)
{
  g_autofree char *a = fetch_utf8_decode_without_bom ((const guint8 *) "\xef\xbb\xbfx", 4);
  g_autofree char *b = fetch_utf8_decode_without_bom ((const guint8 *) "\xff", 1);
  g_autofree char *c = fetch_utf8_decode_without_bom (NULL, 0);

  g_test_summary ("Encoding: UTF-8 decode without BOM keeps a leading BOM");

  g_assert_cmpstr (a, ==, "\xef\xbb\xbfx");
  g_assert_cmpstr (b, ==, "\xef\xbf\xbd");
  g_assert_cmpstr (c, ==, "");
}

static void
test_package_text (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\xef\xbb\xbfh\xc3\xa9\xff", 7);
  g_autofree char *text = fetch_body_package_text (bytes);

  g_test_summary ("§5.3 text(): UTF-8 decode");

  g_assert_cmpstr (text, ==, "h\xc3\xa9\xef\xbf\xbd");
}

static void
test_package_json (void)
{
  static const char *const good[] = {
    "{\"a\":[1,2.5e3,-0.5E-2,true,false,null,\"\\u00e9\\n\\\"\"],\"b\":{}}",
    " \t\r\n1 ",
    "\"s\"",
    "null",
    "[]",
    "[[[[]]]]",
    "\xef\xbb\xbf{\"bom\":1}",
    "{\"caf\xc3\xa9\":\"\xe2\x82\xac\"}",
  };
  static const char *const bad[] = {
    "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "'a'", "/* c */ 1", "// c\n1",
    "01", "1 2", "NaN", "Infinity", "{\"a\" 1}", "{a:1}", "\"\t\"", "[1}", "{]", "-",
    "1.", "1e", ".5", "+1", "\"\\x\"", "\"\\u12\"", "\"open", "tru", "nul", "[1]x",
    "\xef\xbb\xbf\xef\xbb\xbf{}", "[1,,2]", "{\"a\":1 \"b\":2}",
    /* Lone surrogate escapes (see fetch_json_skip_string()). */
    "\"\\ud800\"", "\"\\uDBFF\"", "\"\\udc00\"", "\"x\\udc00\"", "\"a\\ud800b\"",
    "\"\\ud800 \"", "\"\\ud800\\u0041\"", "\"\\ud800\\ud800\"", "\"\\ud800\\n\"",
    "[\"\\ud800\",1]", "\"\\ud800\\", "\"\\ud800\\udc0",
  };
  g_autoptr(GBytes) nul = g_bytes_new_static ("1\0", 2);
  g_autoptr(JsonNode) nul_node = NULL;
  g_autoptr(GError) nul_error = NULL;

  g_test_summary ("§5.3 json(): UTF-8 decode then JSON.parse's grammar: what "
                  "JSON.parse rejects (comments, single quotes, leading zeros, "
                  "trailing commas, empty input) is a JSON_PARSER_ERROR");

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (good[i], strlen (good[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_test_message ("good: %s", good[i]);
      node = fetch_body_package_json (bytes, &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_test_message ("bad: %s", bad[i]);
      node = fetch_body_package_json (bytes, &error);
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
      g_assert_null (node);
    }

  nul_node = fetch_body_package_json (nul, &nul_error);
  g_assert_error (nul_error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_assert_null (nul_node);

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"k\":[1,\"v\"]}", 13);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = fetch_body_package_json (bytes, &error);
    JsonArray *array;

    g_assert_no_error (error);
    array = json_object_get_array_member (json_node_get_object (node), "k");
    g_assert_cmpint (json_array_get_int_element (array, 0), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "v");
  }
}

static JsonNode *
parse_json_ok (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = fetch_body_package_json (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_json_double (JsonNode *node,
                    double    expected)
{
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  g_assert_true (json_node_get_double (node) == expected);
  g_assert_cmpint (signbit (json_node_get_double (node)), ==, signbit (expected));
}

static void
assert_json_int (JsonNode *node,
                 gint64    expected)
{
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
test_package_json_numbers (void)
{
  /* What JSON.parse gives: the nearest double. */
  static const struct {
    const char *text;
    double      value;
  } doubles[] = {
    { "9223372036854775808", 9223372036854775808.0 },      /* 2^63 */
    { "9223372036854775809", 9223372036854775808.0 },
    { "9999999999999999999", 1e19 },                       /* 19 digits */
    { "18446744073709551615", 18446744073709551616.0 },
    { "18446744073709551616", 1.8446744073709552e19 },     /* 2^64 */
    { "100000000000000000000", 1e20 },
    { "123456789012345678901234567890", 1.2345678901234568e29 },
    { "-9223372036854775809", -9.223372036854776e18 },
    { "-18446744073709551616", -1.8446744073709552e19 },
    { "-100000000000000000000000", -1e23 },
    { "-0", -0.0 },
    { " -0 ", -0.0 },
    { "-0.0", -0.0 },
    { "1.5", 1.5 },
    { "1e2", 100.0 },
    { "1e400", INFINITY },
  };
  /* json-glib's gint64, exact where JSON.parse's double is too. */
  static const struct {
    const char *text;
    gint64      value;
  } ints[] = {
    { "0", 0 },
    { "-1", -1 },
    { "9223372036854775807", G_MAXINT64 },
    { "-9223372036854775808", G_MININT64 },
    { "922337203685477580", G_GINT64_CONSTANT (922337203685477580) },
    { "-922337203685477580", G_GINT64_CONSTANT (-922337203685477580) },
    { "1000000000000000000", G_GINT64_CONSTANT (1000000000000000000) },
  };
  g_autofree char *zeros = g_strnfill (400, '0');
  g_autofree char *huge = g_strconcat ("1", zeros, NULL);
  g_autofree char *minus_huge = g_strconcat ("-", huge, NULL);

  g_test_summary ("§5.3 json(): integers outside the gint64 range, and -0, "
                  "are the double JSON.parse gives, not wrapped; integers "
                  "in range stay gint64");

  for (gsize i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      g_autoptr(JsonNode) node = NULL;

      g_test_message ("double: %s", doubles[i].text);
      node = parse_json_ok (doubles[i].text);
      assert_json_double (node, doubles[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      g_autoptr(JsonNode) node = NULL;

      g_test_message ("int: %s", ints[i].text);
      node = parse_json_ok (ints[i].text);
      assert_json_int (node, ints[i].value);
    }

  {
    g_autoptr(JsonNode) node = parse_json_ok (huge);
    g_autoptr(JsonNode) minus = parse_json_ok (minus_huge);

    assert_json_double (node, INFINITY);
    assert_json_double (minus, -INFINITY);
  }

  /* Several in one text, at every kind of place, next to in-range ones
   * and strings that look like numbers. */
  {
    g_autoptr(JsonNode) root =
      parse_json_ok ("[9223372036854775808,{\"a\":-9223372036854775809,"
                     "\"18446744073709551616\":[1, -0 ,\"-0\"],\"c\":18446744073709551616},"
                     "9223372036854775807,\n-0]");
    JsonArray *array = json_node_get_array (root);
    JsonObject *object = json_array_get_object_element (array, 1);
    JsonArray *inner = json_object_get_array_member (object, "18446744073709551616");

    g_assert_cmpuint (json_array_get_length (array), ==, 4);
    assert_json_double (json_array_get_element (array, 0), 9223372036854775808.0);
    assert_json_double (json_object_get_member (object, "a"), -9223372036854775808.0);
    assert_json_int (json_array_get_element (inner, 0), 1);
    assert_json_double (json_array_get_element (inner, 1), -0.0);
    g_assert_cmpstr (json_array_get_string_element (inner, 2), ==, "-0");
    assert_json_double (json_object_get_member (object, "c"), 18446744073709551616.0);
    assert_json_int (json_array_get_element (array, 2), G_MAXINT64);
    assert_json_double (json_array_get_element (array, 3), -0.0);
  }
}

static void
test_package_json_surrogates (void)
{
  g_autoptr(JsonNode) pair = NULL;
  g_autoptr(JsonNode) last = NULL;

  g_test_summary ("§5.3 json(): surrogate pair escapes give their code point "
                  "(lone ones are rejected: see the bad list in "
                  "/fetch/body/package/json)");

  pair = parse_json_ok ("\"a\\ud83d\\ude00b\"");
  g_assert_cmpstr (json_node_get_string (pair), ==, "a\xf0\x9f\x98\x80" "b");
  last = parse_json_ok ("\"\\uDBFF\\uDFFF\"");
  g_assert_cmpstr (json_node_get_string (last), ==, "\xf4\x8f\xbf\xbf");
}

static gboolean
append_pair (FetchFormDataEntry *entry,
             gpointer            user_data)
{
  g_string_append_printf (user_data, "%s=%s;", fetch_form_data_entry_get_name (entry),
                          fetch_form_data_entry_get_value (entry));
  return TRUE;
}

static void
test_package_form_data (void)
{
  static const struct {
    const char *content_type;   /* NULL: no Content-Type */
    const char *body;
    const char *expected;       /* "name=value;..."; NULL: TypeError */
  } cases[] = {
    { "application/x-www-form-urlencoded", "a=1&b=x+y&c=%26", "a=1;b=x y;c=&;" },
    { "Application/X-WWW-Form-Urlencoded;charset=windows-1252", "e=%C3%A9", "e=\xc3\xa9;" },
    { "application/x-www-form-urlencoded", "", "" },
    { "multipart/form-data; boundary=XyZ",
      "--XyZ\r\nContent-Disposition: form-data; name=\"m\"\r\n\r\nv\r\n--XyZ--\r\n", "m=v;" },
    { "multipart/form-data; boundary=\"q u\"",
      "--q u\r\nContent-Disposition: form-data; name=\"m\"\r\n\r\nv\r\n--q u--\r\n", "m=v;" },
    { "multipart/form-data; boundary=XyZ", "--XyZ\r\nbroken", NULL },
    { "multipart/form-data; boundary=XyZ", "", NULL },
    { "multipart/form-data", "--XyZ--\r\n", NULL },
    { "multipart/form-data; boundary=", "----\r\n", NULL },
    { "text/plain", "a=1", NULL },
    { "application/json", "{}", NULL },
    { NULL, "a=1", NULL },
    { "not a mime type", "a=1", NULL },
  };

  g_test_summary ("§5.3 formData(): by the Content-Type's essence, multipart/form-data "
                  "(with its boundary) or application/x-www-form-urlencoded; anything "
                  "else, or a multipart body that does not parse, is a TypeError");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchHeaders) headers = fetch_headers_new ();
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchFormData) fd = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].content_type);
      if (cases[i].content_type != NULL)
        fetch_header_list_append (fetch_headers_get_list (headers), "Content-Type", cases[i].content_type);
      fd = fetch_body_package_form_data (bytes, fetch_headers_get_list (headers), &error);
      if (cases[i].expected == NULL)
        {
          g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
          g_assert_null (fd);
        }
      else
        {
          g_autoptr(GString) got = g_string_new (NULL);

          g_assert_no_error (error);
          fetch_form_data_foreach (fd, append_pair, got);
          g_assert_cmpstr (got->str, ==, cases[i].expected);
        }
    }
}

static void
test_package_blob_type (void)
{
  static const struct {
    const char *content_type;
    const char *expected;
  } cases[] = {
    { "Text/HTML; Charset=\"utf-8\"", "text/html;charset=utf-8" },
    { "image/png", "image/png" },
    { "nonsense", "" },
    { NULL, "" },
  };

  g_test_summary ("§5.3 blob(): the type is the serialized Content-Type MIME type, or "
                  "the empty string");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FetchHeaders) headers = fetch_headers_new ();
      g_autofree char *type = NULL;

      if (cases[i].content_type != NULL)
        fetch_header_list_append (fetch_headers_get_list (headers), "Content-Type", cases[i].content_type);
      type = fetch_body_package_blob_type (fetch_headers_get_list (headers));
      g_assert_cmpstr (type, ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/body/extract/types", test_extract_types);
  g_test_add_func ("/fetch/body/extract/no-copy", test_extract_no_copy);
  g_test_add_func ("/fetch/body/extract/form-data", test_extract_form_data);
  g_test_add_func ("/fetch/body/extract/stream", test_extract_stream);
  g_test_add_func ("/fetch/body/extract/stream-keepalive", test_extract_stream_keepalive);
  g_test_add_func ("/fetch/body/extract/stream-unusable", test_extract_stream_unusable);
  g_test_add_func ("/fetch/body/consume/twice", test_consume_twice);
  g_test_add_func ("/fetch/body/consume/null", test_consume_null);
  g_test_add_func ("/fetch/body/consume/stream", test_consume_stream);
  g_test_add_func ("/fetch/body/consume/large", test_consume_large);
  g_test_add_func ("/fetch/body/consume/locked", test_consume_locked);
  g_test_add_func ("/fetch/body/consume/error", test_consume_error);
  g_test_add_func ("/fetch/body/consume/cancel", test_consume_cancel);
  g_test_add_func ("/fetch/body/stream/disturbed", test_stream_disturbed);
  g_test_add_func ("/fetch/body/stream/pass-through", test_stream_pass_through);
  g_test_add_func ("/fetch/body/stream/error", test_stream_error);
  g_test_add_func ("/fetch/body/clone/source", test_clone_source);
  g_test_add_func ("/fetch/body/clone/tee-sequential", test_clone_tee_sequential);
  g_test_add_func ("/fetch/body/clone/tee-interleaved", test_clone_tee_interleaved);
  g_test_add_func ("/fetch/body/clone/tee-concurrent", test_clone_tee_concurrent);
  g_test_add_func ("/fetch/body/clone/tee-cancel-waiting", test_clone_tee_cancel_waiting);
  g_test_add_func ("/fetch/body/clone/tee-error", test_clone_tee_error);
  g_test_add_func ("/fetch/body/clone/tee-close", test_clone_tee_close);
  g_test_add_func ("/fetch/body/clone/tee-consume", test_clone_tee_consume);
  g_test_add_func ("/fetch/body/clone/tee-threads", test_clone_tee_threads);
  g_test_add_func ("/fetch/body/new-from-source", test_new_from_source);
  g_test_add_func ("/fetch/body/package/utf8-decode", test_utf8_decode);
  g_test_add_func ("/fetch/body/package/utf8-decode-without-bom", test_utf8_decode_without_bom);
  g_test_add_func ("/fetch/body/package/text", test_package_text);
  g_test_add_func ("/fetch/body/package/json", test_package_json);
  g_test_add_func ("/fetch/body/package/json-numbers", test_package_json_numbers);
  g_test_add_func ("/fetch/body/package/json-surrogates", test_package_json_surrogates);
  g_test_add_func ("/fetch/body/package/form-data", test_package_form_data);
  g_test_add_func ("/fetch/body/package/blob-type", test_package_blob_type);

  return g_test_run ();
}
