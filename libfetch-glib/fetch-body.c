/* fetch-body.c: bodies (§2.2.4), BodyInit extraction (§5.2), the Body
 * mixin's consumers (§5.3), and UTF-8 decoding (Encoding §4.1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "fetch-body-private.h"
#include "fetch-body-stream-private.h"
#include "fetch-error-private.h"
#include "fetch-form-data-private.h"
#include "fetch-mime-private.h"

/* BodyInit (§5.2) */

typedef enum {
  FETCH_BODY_INIT_BYTES,
  FETCH_BODY_INIT_STRING,
  FETCH_BODY_INIT_BLOB,
  FETCH_BODY_INIT_URLENCODED,
  FETCH_BODY_INIT_FORM_DATA,
  FETCH_BODY_INIT_STREAM,
} FetchBodyInitKind;

struct _FetchBodyInit {
  FetchBodyInitKind  kind;
  GBytes            *bytes;      /* bytes, blob; string and URL-encoded
                                  * pairs already encoded */
  char              *type;       /* blob: its type attribute */
  FetchFormData     *form_data;
  GInputStream      *stream;
  gint64             length;     /* stream: -1 for unknown */
  int                used;       /* stream: extracted once (atomic) */
};

static void
fetch_body_init_clear (gpointer data)
{
  FetchBodyInit *init = data;

  g_clear_pointer (&init->bytes, g_bytes_unref);
  g_clear_pointer (&init->type, g_free);
  g_clear_object (&init->form_data);
  g_clear_object (&init->stream);
}

static FetchBodyInit *
fetch_body_init_new (FetchBodyInitKind kind)
{
  FetchBodyInit *init = g_atomic_rc_box_new0 (FetchBodyInit);

  init->kind = kind;
  init->length = -1;
  return init;
}

/**
 * fetch_body_init_ref:
 * @init: a body init
 *
 * Takes a reference on @init.
 *
 * Returns: (transfer full): @init
 *
 * Since: 0.1
 */
FetchBodyInit *
fetch_body_init_ref (FetchBodyInit *init)
{
  g_return_val_if_fail (init != NULL, NULL);

  return g_atomic_rc_box_acquire (init);
}

/**
 * fetch_body_init_unref:
 * @init: (transfer full): a body init
 *
 * Drops a reference on @init, freeing it when it was the last.
 *
 * Since: 0.1
 */
void
fetch_body_init_unref (FetchBodyInit *init)
{
  g_return_if_fail (init != NULL);

  g_atomic_rc_box_release_full (init, fetch_body_init_clear);
}

G_DEFINE_BOXED_TYPE (FetchBodyInit, fetch_body_init,
                     fetch_body_init_ref, fetch_body_init_unref)

/**
 * fetch_body_init_new_bytes:
 * @bytes: the body's bytes
 *
 * A body init from bytes (a `BufferSource`): the body has no
 * `Content-Type`. The bytes are not copied.
 *
 * Returns: (transfer full): a new body init
 *
 * Since: 0.1
 */
FetchBodyInit *
fetch_body_init_new_bytes (GBytes *bytes)
{
  FetchBodyInit *init;

  g_return_val_if_fail (bytes != NULL, NULL);

  init = fetch_body_init_new (FETCH_BODY_INIT_BYTES);
  init->bytes = g_bytes_ref (bytes);
  return init;
}

/**
 * fetch_body_init_new_string:
 * @text: a UTF-8 string
 *
 * A body init from a string (a `USVString`): the body is @text in UTF-8,
 * with the type `text/plain;charset=UTF-8`. Invalid UTF-8 in @text is
 * replaced with U+FFFD. @text is copied.
 *
 * Returns: (transfer full): a new body init
 *
 * Since: 0.1
 */
FetchBodyInit *
fetch_body_init_new_string (const char *text)
{
  FetchBodyInit *init;
  char *usv;

  g_return_val_if_fail (text != NULL, NULL);

  init = fetch_body_init_new (FETCH_BODY_INIT_STRING);
  usv = fetch_utf8_decode_without_bom ((const guint8 *) text, strlen (text));
  init->bytes = g_bytes_new_take (usv, strlen (usv));
  return init;
}

/**
 * fetch_body_init_new_blob:
 * @bytes: the blob's bytes
 * @content_type: (nullable): the blob's MIME type, or %NULL
 *
 * A body init from a blob: bytes with a MIME type, which becomes the
 * body's `Content-Type` unless it is empty. As the `Blob` constructor
 * does, @content_type is ASCII-lowercased, and is taken as empty if it
 * has a character outside U+0020 to U+007E. The bytes are not copied.
 *
 * Returns: (transfer full): a new body init
 *
 * Since: 0.1
 */
FetchBodyInit *
fetch_body_init_new_blob (GBytes     *bytes,
                          const char *content_type)
{
  FetchBodyInit *init;

  g_return_val_if_fail (bytes != NULL, NULL);

  init = fetch_body_init_new (FETCH_BODY_INIT_BLOB);
  init->bytes = g_bytes_ref (bytes);
  init->type = fetch_blob_type_normalize (content_type);
  return init;
}

/**
 * fetch_body_init_new_urlencoded:
 * @pairs: (array zero-terminated=1): a flat name, value, name, value, ...
 *   vector, of even length
 *
 * A body init from name-value pairs (a `URLSearchParams`): the body is
 * the pairs serialized as `application/x-www-form-urlencoded`, with the
 * type `application/x-www-form-urlencoded;charset=UTF-8`. The pairs are
 * copied.
 *
 * Returns: (transfer full): a new body init
 *
 * Since: 0.1
 */
FetchBodyInit *
fetch_body_init_new_urlencoded (const char * const *pairs)
{
  FetchBodyInit *init;
  char *serialized;

  g_return_val_if_fail (pairs != NULL, NULL);
  g_return_val_if_fail (g_strv_length ((char **) pairs) % 2 == 0, NULL);

  init = fetch_body_init_new (FETCH_BODY_INIT_URLENCODED);
  /* §5.2 step 10 "URLSearchParams": the serialization is the source; doing
   * it now is also how the pairs are copied. */
  serialized = fetch_urlencoded_serialize (pairs);
  init->bytes = g_bytes_new_take (serialized, strlen (serialized));
  return init;
}

/**
 * fetch_body_init_new_form_data:
 * @form_data: a form data
 *
 * A body init from a [class@Fetch.FormData]: the body is its entries
 * encoded as `multipart/form-data` when the body is extracted, with the
 * type `multipart/form-data; boundary=…`.
 *
 * Returns: (transfer full): a new body init
 *
 * Since: 0.1
 */
FetchBodyInit *
fetch_body_init_new_form_data (FetchFormData *form_data)
{
  FetchBodyInit *init;

  g_return_val_if_fail (FETCH_IS_FORM_DATA (form_data), NULL);

  init = fetch_body_init_new (FETCH_BODY_INIT_FORM_DATA);
  init->form_data = g_object_ref (form_data);
  return init;
}

/**
 * fetch_body_init_new_stream:
 * @stream: the stream the body is read from
 * @length: the number of bytes @stream will give, or -1 if unknown
 *
 * A body init from a stream (a `ReadableStream`): the body has no type.
 * A stream body init makes one body only: using it again, or using a
 * stream that is closed or being read, fails with a `TypeError`.
 *
 * From this call on, @stream belongs to the body: do not read, skip,
 * seek or close it yourself. The body reads it from where it stands
 * when the body is read, and cannot tell that bytes went missing, so
 * reading @stream yourself is a programming error that gives a short
 * body (the body is not marked used, and `text()` gives what is left).
 *
 * Returns: (transfer full): a new body init
 *
 * Since: 0.1
 */
FetchBodyInit *
fetch_body_init_new_stream (GInputStream *stream,
                            gint64        length)
{
  FetchBodyInit *init;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  init = fetch_body_init_new (FETCH_BODY_INIT_STREAM);
  init->stream = g_object_ref (stream);
  init->length = length < 0 ? -1 : length;
  return init;
}

gboolean
fetch_body_init_is_stream (FetchBodyInit *init)
{
  g_return_val_if_fail (init != NULL, FALSE);

  return init->kind == FETCH_BODY_INIT_STREAM;
}

/* Bodies (§2.2.4) */

FetchBody *
fetch_body_new_from_stream (GInputStream *stream,
                            gint64        length)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  return fetch_body_new_for_body_stream (fetch_body_stream_new (stream), length);
}

FetchBody *
fetch_body_new_for_body_stream (GInputStream *body_stream,
                                gint64        length)
{
  FetchBody *body;

  g_return_val_if_fail (FETCH_IS_BODY_STREAM (body_stream), NULL);

  body = g_new0 (FetchBody, 1);
  body->stream = body_stream;
  body->length = length < 0 ? -1 : length;
  return body;
}

FetchBody *
fetch_body_new_from_bytes (GBytes *bytes)
{
  g_autoptr(GInputStream) memory = NULL;
  FetchBody *body;

  g_return_val_if_fail (bytes != NULL, NULL);

  /* The memory stream reads the GBytes in place: no copy. */
  memory = g_memory_input_stream_new_from_bytes (bytes);
  body = fetch_body_new_from_stream (memory, g_bytes_get_size (bytes));
  body->source = g_bytes_ref (bytes);
  return body;
}

void
fetch_body_free (FetchBody *body)
{
  if (body == NULL)
    return;

  g_clear_object (&body->stream);
  g_clear_pointer (&body->source, g_bytes_unref);
  g_free (body);
}

gboolean
fetch_body_is_disturbed (FetchBody *body)
{
  g_return_val_if_fail (body != NULL, FALSE);

  return fetch_body_stream_is_disturbed (FETCH_BODY_STREAM (body->stream));
}

gboolean
fetch_body_is_locked (FetchBody *body)
{
  g_return_val_if_fail (body != NULL, FALSE);

  return fetch_body_stream_is_locked (FETCH_BODY_STREAM (body->stream));
}

gboolean
fetch_body_is_unusable (FetchBody *body)
{
  return fetch_body_is_disturbed (body) || fetch_body_is_locked (body);
}

/* §2.2.4 clone a body */
FetchBody *
fetch_body_clone (FetchBody *body)
{
  FetchBodyStream *stream;
  g_autoptr(GInputStream) out1 = NULL;
  g_autoptr(GInputStream) out2 = NULL;
  FetchBody *clone;

  g_return_val_if_fail (body != NULL, NULL);
  stream = FETCH_BODY_STREAM (body->stream);
  g_return_val_if_fail (!fetch_body_stream_is_locked (stream), NULL);

  /* NOTE(spec): the standard tees every body. A body whose source is
   * bytes and whose stream nobody has read yet gives the same bytes
   * from a second stream over the same (immutable) GBytes: no tee, no
   * queue, no copy. */
  if (body->source != NULL && !fetch_body_stream_is_disturbed (stream))
    {
      clone = fetch_body_new_from_bytes (body->source);
      clone->length = body->length;
      return clone;
    }

  /* Step 1: let « out1, out2 » be the result of teeing body's stream. */
  fetch_body_stream_tee (stream, &out1, &out2);

  /* Step 2: set body's stream to out1. */
  g_object_unref (body->stream);
  body->stream = fetch_body_stream_new (out1);

  /* Step 3: return a body whose stream is out2 and other members are
   * copied from body. */
  clone = g_new0 (FetchBody, 1);
  clone->stream = fetch_body_stream_new (out2);
  clone->source = body->source != NULL ? g_bytes_ref (body->source) : NULL;
  clone->length = body->length;
  return clone;
}

FetchBody *
fetch_body_new_from_source (FetchBody *body)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (body->source != NULL, NULL);

  return fetch_body_new_from_bytes (body->source);
}

/* §5.2 extract a body with type, for a ReadableStream object. */
static FetchBody *
fetch_body_extract_stream (FetchBodyInit  *init,
                           gboolean        keepalive,
                           GError        **error)
{
  GInputStream *stream = init->stream;

  /* Step 10 "ReadableStream": if keepalive is true, throw a TypeError. */
  if (keepalive)
    {
      fetch_throw_type_error (error, _("A stream body cannot be sent with keepalive"));
      return NULL;
    }

  /* Step 10: if object is disturbed or locked, throw a TypeError.
   * NOTE(spec): a GInputStream that is closed or has an operation pending
   * is as good as disturbed or locked; and a stream init makes one body,
   * as two bodies reading one GInputStream would each get part of it. */
  if (g_input_stream_is_closed (stream) || g_input_stream_has_pending (stream) ||
      (FETCH_IS_BODY_STREAM (stream) &&
       (fetch_body_stream_is_disturbed (FETCH_BODY_STREAM (stream)) ||
        fetch_body_stream_is_locked (FETCH_BODY_STREAM (stream)))))
    {
      fetch_throw_type_error (error, _("The body stream has already been read or is being read"));
      return NULL;
    }
  if (!g_atomic_int_compare_and_exchange (&init->used, FALSE, TRUE))
    {
      fetch_throw_type_error (error, _("The body stream is already the body of another request or response"));
      return NULL;
    }

  /* Step 13: a body whose stream is stream, source null, length null
   * (unless the caller knows it). */
  return fetch_body_new_from_stream (stream, init->length);
}

/* §5.2 extract a body with type */
FetchBody *
fetch_body_extract (FetchBodyInit  *init,
                    gboolean        keepalive,
                    char          **content_type,
                    GError        **error)
{
  g_autoptr(GBytes) source = NULL;
  g_autofree char *type = NULL;
  g_autofree char *boundary = NULL;
  FetchBody *body;

  g_return_val_if_fail (init != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Step 10: switch on object. */
  switch (init->kind)
    {
    case FETCH_BODY_INIT_BLOB:
      /* Set source to object; if its type is not empty, set type to it. */
      source = g_bytes_ref (init->bytes);
      if (init->type[0] != '\0')
        type = g_strdup (init->type);
      break;
    case FETCH_BODY_INIT_BYTES:
      /* NOTE(spec): "a copy of the bytes held by object": a GBytes is
       * immutable, so sharing it is as good as a copy. */
      source = g_bytes_ref (init->bytes);
      break;
    case FETCH_BODY_INIT_FORM_DATA:
      /* NOTE(spec): the multipart/form-data encoding runs now rather than
       * "in parallel": the entries are the ones at extraction time, as in
       * browsers, and the bytes become the source, so the body has a
       * length (sent as Content-Length, as browsers do) and can be
       * re-sent on redirects. */
      source = fetch_form_data_serialize_multipart (init->form_data, &boundary);
      type = g_strconcat ("multipart/form-data; boundary=", boundary, NULL);
      break;
    case FETCH_BODY_INIT_URLENCODED:
      source = g_bytes_ref (init->bytes);
      type = g_strdup ("application/x-www-form-urlencoded;charset=UTF-8");
      break;
    case FETCH_BODY_INIT_STRING:
      source = g_bytes_ref (init->bytes);
      type = g_strdup ("text/plain;charset=UTF-8");
      break;
    case FETCH_BODY_INIT_STREAM:
      body = fetch_body_extract_stream (init, keepalive, error);
      if (body == NULL)
        return NULL;
      if (content_type != NULL)
        *content_type = NULL;
      return body;
    default:
      g_assert_not_reached ();
    }

  /* Step 11: source is a byte sequence: length is its length. Steps
   * 12-13: the stream gives source. */
  body = fetch_body_new_from_bytes (source);
  /* Step 14: return (body, type). */
  if (content_type != NULL)
    *content_type = g_steal_pointer (&type);
  return body;
}

/* §5.3 consume body */

/* Buffer growth for bodies of unknown length, and the most we allocate
 * up front for a declared length (which a peer chose). */
#define FETCH_CONSUME_MIN_CHUNK   (16 * 1024)
#define FETCH_CONSUME_MAX_PREALLOC ((gsize) 16 * 1024 * 1024)

typedef struct {
  FetchBodyStream *stream;   /* locked while we read its source */
  guint8          *data;
  gsize            size;     /* allocated */
  gsize            used;
} FetchConsume;

static void
fetch_consume_free (gpointer data)
{
  FetchConsume *consume = data;

  g_object_unref (consume->stream);
  g_free (consume->data);
  g_free (consume);
}

static void fetch_consume_read_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data);

static void
fetch_consume_read_next (GTask *task)
{
  FetchConsume *consume = g_task_get_task_data (task);

  /* Always leave room to read: a read of 0 bytes would look like the end. */
  if (consume->used == consume->size)
    {
      consume->size += MAX (consume->size, FETCH_CONSUME_MIN_CHUNK);
      consume->data = g_realloc (consume->data, consume->size);
    }
  fetch_body_stream_source_read_async (consume->stream, consume->data + consume->used,
                                       MIN (consume->size - consume->used, G_MAXSSIZE),
                                       G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                       fetch_consume_read_cb, task);
}

static void
fetch_consume_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  FetchConsume *consume = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;
  guint8 *data;

  n = fetch_body_stream_source_read_finish (consume->stream, result, &error);
  if (n > 0)
    {
      consume->used += n;
      fetch_consume_read_next (task);
      return;
    }

  /* The reader is done: release the lock before anyone hears of it. */
  fetch_body_stream_set_locked (consume->stream, FALSE);

  /* "read all bytes": an error is the body's error, never a short body. */
  if (n < 0)
    g_task_return_error (task, error);
  else
    {
      /* The end: give back the buffer, trimmed, without copying it. */
      data = g_realloc (g_steal_pointer (&consume->data), consume->used);
      g_task_return_pointer (task, g_bytes_new_take (data, consume->used),
                             (GDestroyNotify) g_bytes_unref);
    }
  g_object_unref (task);
}

void
fetch_body_consume_async (FetchBody           *body,
                          gpointer             source_object,
                          gpointer             source_tag,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchBodyStream *stream;
  GInputStream *base;
  FetchConsume *consume;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  /* Step 1: if object is unusable, return a promise rejected with a
   * TypeError. */
  if (body != NULL && fetch_body_is_unusable (body))
    {
      g_task_return_new_error (task, FETCH_ERROR, FETCH_ERROR_TYPE, "%s",
                               fetch_body_is_locked (body)
                               ? _("The body is locked: it is already being read")
                               : _("The body has already been read"));
      return;
    }

  /* Step 5: if object's body is null, run successSteps with an empty
   * byte sequence. */
  if (body == NULL)
    {
      g_task_return_pointer (task, g_bytes_new (NULL, 0), (GDestroyNotify) g_bytes_unref);
      return;
    }

  /* Step 6: fully read object's body: get a reader (lock the stream) and
   * read all bytes (disturbing it). */
  stream = FETCH_BODY_STREAM (body->stream);
  base = fetch_body_stream_get_base_stream (stream);
  fetch_body_stream_set_locked (stream, TRUE);
  fetch_body_stream_set_disturbed (stream);

  consume = g_new0 (FetchConsume, 1);
  consume->stream = g_object_ref (stream);
  g_task_set_task_data (task, consume, fetch_consume_free);

  /* A body still whole over its source bytes: those are the bytes. Move
   * the stream to its end, as reading it would. */
  if (body->source != NULL && G_IS_MEMORY_INPUT_STREAM (base) &&
      g_seekable_tell (G_SEEKABLE (base)) == 0 &&
      g_seekable_seek (G_SEEKABLE (base), 0, G_SEEK_END, NULL, NULL))
    {
      fetch_body_stream_set_locked (stream, FALSE);
      g_task_return_pointer (task, g_bytes_ref (body->source), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (body->length >= 0)
    consume->size = MIN ((guint64) body->length + 1, FETCH_CONSUME_MAX_PREALLOC);
  else
    consume->size = FETCH_CONSUME_MIN_CHUNK;
  consume->data = g_malloc (consume->size);
  fetch_consume_read_next (g_steal_pointer (&task));
}

GBytes *
fetch_body_consume_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* §5.3 package data */

/* text(): UTF-8 decode.
 * NOTE(spec): text() gives a USVString, which may hold U+0000; the C API
 * gives a NUL-terminated string with no length, so a body "a\0b" reads
 * as "a" through text_finish() and every binding. Bodies that may hold
 * NUL are read with the bytes consumer (bytes_finish() and UTF-8 decoding
 * of one's own). formData() values and names, and json() strings
 * ("\u0000"), are C strings too and end at the first NUL the same way. */
char *
fetch_body_package_text (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return fetch_utf8_decode (data, size);
}

/* ECMAScript JSON.parse's grammar (RFC 8259 JSON-text), checked before
 * json-glib parses the text: json-glib also takes comments, single
 * quotes and leading zeros, which JSON.parse rejects with a SyntaxError.
 * Iterative, so deep nesting cannot overflow the C stack. */
typedef enum {
  FETCH_JSON_VALUE,          /* a value must come */
  FETCH_JSON_VALUE_OR_END,   /* just after '[' */
  FETCH_JSON_KEY,            /* after ',' in an object */
  FETCH_JSON_KEY_OR_END,     /* just after '{' */
  FETCH_JSON_AFTER_VALUE,
} FetchJsonState;

static const char *
fetch_json_skip_ws (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

/* The code unit of the \uXXXX escape at p (just after the 'u'), or -1. */
static int
fetch_json_unicode_escape (const char *p)
{
  int unit = 0;

  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      unit = unit << 4 | g_ascii_xdigit_value (p[i]);
    }
  return unit;
}

/* p is at the opening '"'; returns the byte after the closing one.
 * NOTE(spec): JSON.parse accepts a lone surrogate escape ("\ud800") and
 * gives a string holding that code unit. UTF-8 has no such string, and
 * json-glib mangles one (rejecting it, or giving invalid UTF-8 and
 * dropping the next character), so it is rejected here like a syntax
 * error. A surrogate pair escape is fine. */
static const char *
fetch_json_skip_string (const char *p)
{
  for (p++; *p != '"'; p++)
    {
      int unit;

      if ((guchar) *p < 0x20)
        return NULL;
      if (*p != '\\')
        continue;
      p++;
      if (*p != 'u')
        {
          if (strchr ("\"\\/bfnrt", *p) == NULL || *p == '\0')
            return NULL;
          continue;
        }
      unit = fetch_json_unicode_escape (p + 1);
      if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
        return NULL;
      p += 4;
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          /* A high surrogate: a low one must follow. */
          if (p[1] != '\\' || p[2] != 'u')
            return NULL;
          unit = fetch_json_unicode_escape (p + 3);
          if (unit < 0xDC00 || unit > 0xDFFF)
            return NULL;
          p += 6;
        }
    }
  return p + 1;
}

static const char *
fetch_json_skip_digits (const char *p)
{
  if (!g_ascii_isdigit (*p))
    return NULL;
  while (g_ascii_isdigit (*p))
    p++;
  return p;
}

static const char *
fetch_json_skip_number (const char *p)
{
  if (*p == '-')
    p++;
  if (*p == '0')
    p++;
  else if ((p = fetch_json_skip_digits (p)) == NULL)
    return NULL;
  if (*p == '.' && (p = fetch_json_skip_digits (p + 1)) == NULL)
    return NULL;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      p = fetch_json_skip_digits (p);
    }
  return p;
}

/* Whether the number start..end (valid JSON) must be read as a double
 * though json-glib would read it as a gint64: JSON.parse gives every
 * number as a double. json-glib reads an integer literal (no fraction,
 * no exponent) into a gint64, wrapping one outside its range
 * (9223372036854775808 becomes -9223372036854775808) and making -0 a 0. */
static gboolean
fetch_json_number_needs_double (const char *start,
                                const char *end)
{
  gboolean negative = *start == '-';
  const char *digits = start + (negative ? 1 : 0);
  gsize n = (gsize) (end - digits);

  for (const char *d = digits; d < end; d++)
    if (!g_ascii_isdigit (*d))
      return FALSE;
  if (negative && n == 1 && *digits == '0')
    return TRUE;
  /* No leading zero in JSON: more digits is larger. */
  return n > 19 ||
         (n == 19 && memcmp (digits, negative ? "9223372036854775808"
                                               : "9223372036854775807", 19) > 0);
}

/* A scalar value (string, number, literal) at p, or NULL. The end of a
 * number that must be read as a double is added to widen. */
static const char *
fetch_json_skip_scalar (const char *p,
                        GArray     *widen,
                        const char *text)
{
  if (*p == '"')
    return fetch_json_skip_string (p);
  if (*p == '-' || g_ascii_isdigit (*p))
    {
      const char *end = fetch_json_skip_number (p);

      if (end != NULL && fetch_json_number_needs_double (p, end))
        {
          gsize offset = (gsize) (end - text);

          g_array_append_val (widen, offset);
        }
      return end;
    }
  if (g_str_has_prefix (p, "true") || g_str_has_prefix (p, "null"))
    return p + 4;
  if (g_str_has_prefix (p, "false"))
    return p + 5;
  return NULL;
}

/* Checks text against the grammar; adds to widen (of gsize) the end of
 * each number json-glib must read as a double. */
static gboolean
fetch_json_validate (const char  *text,
                     GArray      *widen,
                     GError     **error)
{
  g_autoptr(GByteArray) stack = g_byte_array_new ();   /* '{' and '[' */
  FetchJsonState state = FETCH_JSON_VALUE;
  const char *p = text;

  for (p = fetch_json_skip_ws (p); *p != '\0' || state == FETCH_JSON_AFTER_VALUE; p = fetch_json_skip_ws (p))
    {
      char top = stack->len > 0 ? (char) stack->data[stack->len - 1] : '\0';

      if (state == FETCH_JSON_AFTER_VALUE)
        {
          if (top == '\0')
            break;
          if (*p == ',')
            state = top == '{' ? FETCH_JSON_KEY : FETCH_JSON_VALUE;
          else if (*p == (top == '{' ? '}' : ']'))
            g_byte_array_set_size (stack, stack->len - 1);
          else
            break;
          p++;
        }
      else if (state == FETCH_JSON_KEY || state == FETCH_JSON_KEY_OR_END)
        {
          if (*p == '}' && state == FETCH_JSON_KEY_OR_END)
            {
              g_byte_array_set_size (stack, stack->len - 1);
              state = FETCH_JSON_AFTER_VALUE;
              p++;
              continue;
            }
          if (*p != '"' || (p = fetch_json_skip_string (p)) == NULL)
            break;
          p = fetch_json_skip_ws (p);
          if (*p != ':')
            break;
          p++;
          state = FETCH_JSON_VALUE;
        }
      else if (*p == '{' || *p == '[')
        {
          g_byte_array_append (stack, (const guint8 *) p, 1);
          state = *p == '{' ? FETCH_JSON_KEY_OR_END : FETCH_JSON_VALUE_OR_END;
          p++;
        }
      else if (*p == ']' && state == FETCH_JSON_VALUE_OR_END)
        {
          g_byte_array_set_size (stack, stack->len - 1);
          state = FETCH_JSON_AFTER_VALUE;
          p++;
        }
      else if ((p = fetch_json_skip_scalar (p, widen, text)) != NULL)
        state = FETCH_JSON_AFTER_VALUE;
      else
        break;
    }

  if (p != NULL && *p == '\0' && state == FETCH_JSON_AFTER_VALUE && stack->len == 0)
    return TRUE;
  if (p == NULL || *p == '\0')
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                         _("The body is not valid JSON: it ends too soon or has a malformed value"));
  else
    g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                 _("The body is not valid JSON: unexpected character at byte %zu"),
                 (size_t) (p - text));
  return FALSE;
}

/* A copy of text with "e0" after each number ending at an offset in
 * widen (ascending): json-glib reads a number with an exponent as a
 * double, rounded to nearest as JSON.parse does (18446744073709551616e0
 * is 1.8446744073709552e19, -0e0 is -0.0). */
static char *
fetch_json_widen_numbers (const char *text,
                          GArray     *widen)
{
  gsize length = strlen (text);
  GString *out = g_string_sized_new (length + 2 * widen->len);
  gsize done = 0;

  for (guint i = 0; i < widen->len; i++)
    {
      gsize end = g_array_index (widen, gsize, i);

      g_string_append_len (out, text + done, end - done);
      g_string_append (out, "e0");
      done = end;
    }
  g_string_append_len (out, text + done, length - done);
  return g_string_free (out, FALSE);
}

/* json(): Infra "parse JSON from bytes": UTF-8 decode, then JSON.parse.
 * NOTE(spec): JSON.parse's SyntaxError is a JSON_PARSER_ERROR here (the
 * json-glib domain), JSON_PARSER_ERROR_INVALID_DATA for text that is not
 * JSON. JSON.parse's numbers are all doubles; an integer literal in the
 * gint64 range stays json-glib's gint64 (exact, and equal to JSON.parse's
 * double up to 2^53), the others are made doubles (see
 * fetch_json_number_needs_double()). */
JsonNode *
fetch_body_package_json (GBytes  *bytes,
                         GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GArray) widen = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *text = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  /* U+0000 is valid nowhere in JSON text, and would end the C string. */
  if (size > 0 && memchr (data, '\0', size) != NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The body is not valid JSON: it contains a NUL character"));
      return NULL;
    }
  text = fetch_body_package_text (bytes);
  if (!fetch_json_validate (text, widen, error))
    return NULL;
  if (widen->len > 0)
    {
      char *widened = fetch_json_widen_numbers (text, widen);

      g_free (text);
      text = widened;
    }
  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  return json_parser_steal_root (parser);
}

/* formData() */
FetchFormData *
fetch_body_package_form_data (GBytes        *bytes,
                              FetchHeaderList *headers,
                              GError       **error)
{
  g_autoptr(FetchMimeType) mime_type = NULL;
  g_autofree char *essence = NULL;
  const char *boundary;

  /* Step 1: let mimeType be the result of get the MIME type. */
  mime_type = fetch_header_list_extract_mime_type (headers);

  /* Step 2: if mimeType is non-null, switch on its essence. */
  if (mime_type != NULL)
    {
      essence = fetch_mime_type_get_essence (mime_type);
      if (g_str_equal (essence, "multipart/form-data"))
        {
          boundary = fetch_mime_type_get_parameter (mime_type, "boundary");
          if (boundary == NULL)
            {
              fetch_throw_type_error (error, _("The multipart/form-data body has no boundary parameter"));
              return NULL;
            }
          return fetch_multipart_form_data_parse (bytes, boundary, error);
        }
      if (g_str_equal (essence, "application/x-www-form-urlencoded"))
        {
          /* The URL standard's parser never fails. */
          return fetch_urlencoded_parse (bytes);
        }
    }

  /* Step 3: throw a TypeError. */
  if (mime_type == NULL)
    fetch_throw_type_error (error, _("The body has no Content-Type to read form data from"));
  else
    fetch_throw_type_error (error, _("The body’s type “%s” is not a form data type"), essence);
  return NULL;
}

/* blob(): the type is the result of "get the MIME type", serialized, or
 * the empty string. */
char *
fetch_body_package_blob_type (FetchHeaderList *headers)
{
  g_autoptr(FetchMimeType) mime_type = fetch_header_list_extract_mime_type (headers);

  if (mime_type == NULL)
    return g_strdup ("");
  return fetch_mime_type_serialize (mime_type);
}

/* Encoding §4.1 UTF-8 decoder, over a whole input. A sequence that
 * cannot be completed gives one U+FFFD, and the byte that broke it is
 * decoded afresh: one U+FFFD per maximal subpart (Encoding §8.1.1). */
static void
fetch_utf8_decode_slow (GString      *out,
                        const guint8 *data,
                        gsize         length)
{
  gsize i = 0;

  while (i < length)
    {
      guint8 byte = data[i];
      guint needed, seen = 0;
      guint8 lower = 0x80, upper = 0xBF;
      gsize j;

      if (byte <= 0x7F)
        {
          g_string_append_c (out, byte);
          i++;
          continue;
        }
      if (byte >= 0xC2 && byte <= 0xDF)
        needed = 1;
      else if (byte >= 0xE0 && byte <= 0xEF)
        {
          needed = 2;
          if (byte == 0xE0)
            lower = 0xA0;
          else if (byte == 0xED)
            upper = 0x9F;
        }
      else if (byte >= 0xF0 && byte <= 0xF4)
        {
          needed = 3;
          if (byte == 0xF0)
            lower = 0x90;
          else if (byte == 0xF4)
            upper = 0x8F;
        }
      else
        {
          g_string_append (out, "\xEF\xBF\xBD");
          i++;
          continue;
        }

      for (j = i + 1; seen < needed && j < length; j++, seen++)
        {
          if (data[j] < lower || data[j] > upper)
            break;
          lower = 0x80;
          upper = 0xBF;
        }
      if (seen == needed)
        g_string_append_len (out, (const char *) data + i, j - i);
      else
        g_string_append (out, "\xEF\xBF\xBD");
      i = j;
    }
}

char *
fetch_utf8_decode_without_bom (const guint8 *data,
                               gsize         length)
{
  const char *end;
  GString *out;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return g_strdup ("");
  /* Valid input (the usual case) is copied as it is. GLib rejects U+0000
   * here, which the slow path then decodes. */
  if (g_utf8_validate_len ((const char *) data, length, &end))
    return g_strndup ((const char *) data, length);

  out = g_string_sized_new (length + 3);
  g_string_append_len (out, (const char *) data, end - (const char *) data);
  fetch_utf8_decode_slow (out, (const guint8 *) end, length - (end - (const char *) data));
  return g_string_free (out, FALSE);
}

/* Encoding §4.1 UTF-8 decode */
char *
fetch_utf8_decode (const guint8 *data,
                   gsize         length)
{
  /* Steps 1-2: a leading BOM is dropped. */
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      data += 3;
      length -= 3;
    }
  /* Step 3: decode the rest. */
  return fetch_utf8_decode_without_bom (data, length);
}
