/* fetch-scheme.c: scheme fetch (§4.2) for about:, blob:, data: and
 * file:, the data: URL processor (§6), Infra's forgiving-base64 decode,
 * the blob URL store (File API §8.3), and range header parsing (§2.2.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The responses made here have an empty URL list: main fetch step 16
 * sets it to a clone of the request's URL list.
 */
#include "config.h"

#include <string.h>

#include "fetch-scheme-private.h"
#include "fetch-error-private.h"
#include "fetch-headers-private.h"
#include "fetch-url-private.h"

/* Infra: ASCII whitespace is TAB, LF, FF, CR or SPACE. */
static inline gboolean
is_ascii_whitespace (guchar c)
{
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

/* ------------------------------------------------------------------ */
/* The blob URL store (File API §8.3)                                  */

struct _FetchBlobStore {
  GHashTable *entries;   /* URL string → BlobEntry */
};

/* A blob URL entry whose object is a Blob: its bytes and type. */
typedef struct {
  GBytes *bytes;
  char   *type;
} BlobEntry;

static void
blob_entry_free (gpointer data)
{
  BlobEntry *entry = data;

  g_bytes_unref (entry->bytes);
  g_free (entry->type);
  g_free (entry);
}

FetchBlobStore *
fetch_blob_store_new (void)
{
  FetchBlobStore *store = g_new0 (FetchBlobStore, 1);

  store->entries = g_hash_table_new_full (g_str_hash, g_str_equal,
                                          g_free, blob_entry_free);
  return store;
}

void
fetch_blob_store_free (FetchBlobStore *store)
{
  if (store == NULL)
    return;
  g_hash_table_unref (store->entries);
  g_free (store);
}

/* File API §3.1 Blob constructor, step on type: a type with code points
 * outside U+0020..U+007E is the empty string; otherwise it is ASCII
 * lowercased. The store is where our blobs come from, so apply it here. */
static char *
blob_normalize_type (const char *type)
{
  if (type == NULL)
    return g_strdup ("");
  for (const char *p = type; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7E)
      return g_strdup ("");
  return g_ascii_strdown (type, -1);
}

/* File API §8.3 add an entry: generate a new blob URL and store the blob
 * under it. */
char *
fetch_blob_store_add (FetchBlobStore *store,
                      FetchOrigin    *origin,
                      GBytes         *bytes,
                      const char     *content_type)
{
  g_autofree char *serialized = NULL;
  g_autofree char *uuid = NULL;
  BlobEntry *entry;
  char *url;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  /* File API §8.3.1 generate a new blob URL: "blob:", the ASCII
   * serialization of the origin, "/", a UUID. NOTE(spec): an opaque or
   * missing origin serializes as "null"; the standard lets us pick any
   * value there and browsers keep "null". */
  serialized = origin != NULL ? fetch_origin_serialize (origin) : g_strdup ("null");
  uuid = g_uuid_string_random ();
  url = g_strconcat ("blob:", serialized, "/", uuid, NULL);

  entry = g_new0 (BlobEntry, 1);
  entry->bytes = g_bytes_ref (bytes);
  entry->type = blob_normalize_type (content_type);
  g_hash_table_replace (store->entries, g_strdup (url), entry);
  return url;
}

/* File API §8.3 remove an entry from the blob URL store */
void
fetch_blob_store_revoke (FetchBlobStore *store,
                         const char     *url)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (store != NULL);
  g_return_if_fail (url != NULL);

  /* revokeObjectURL parses the string first: a fragment or different
   * spelling of the same URL revokes it too; a non-URL revokes nothing. */
  parsed = fetch_url_parse (url, NULL);
  if (parsed == NULL)
    return;
  key = fetch_url_serialize (parsed, TRUE);
  g_hash_table_remove (store->entries, key);
}

/* File API §8.3 resolve a blob URL */
gboolean
fetch_blob_store_resolve (FetchBlobStore *store,
                          GUri           *url,
                          GBytes        **bytes,
                          const char    **content_type)
{
  g_autofree char *key = NULL;
  BlobEntry *entry;

  if (store == NULL || url == NULL)
    return FALSE;

  /* Steps 1-3: the entry stored for url serialized without fragment. */
  key = fetch_url_serialize (url, TRUE);
  entry = g_hash_table_lookup (store->entries, key);
  if (entry == NULL)
    return FALSE;
  if (bytes != NULL)
    *bytes = entry->bytes;
  if (content_type != NULL)
    *content_type = entry->type;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* data: URLs (§6) and forgiving-base64 (Infra §4.5)                   */

/* Infra §4.5 forgiving-base64 decode */
GBytes *
fetch_forgiving_base64_decode (const char *data,
                               gsize       length)
{
  g_autofree char *clean = NULL;
  GByteArray *output;
  gsize n = 0;
  guint32 buffer = 0;
  guint bits = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* Step 1: remove all ASCII whitespace from data. */
  clean = g_malloc (length + 1);
  for (gsize i = 0; i < length; i++)
    if (!is_ascii_whitespace (data[i]))
      clean[n++] = data[i];

  /* Step 2: if the length divides by 4, remove one or two trailing "=". */
  if (n % 4 == 0)
    {
      if (n > 0 && clean[n - 1] == '=')
        n--;
      if (n > 0 && clean[n - 1] == '=')
        n--;
    }

  /* Step 3: if the length divides by 4 leaving 1, return failure. */
  if (n % 4 == 1)
    return NULL;

  /* Step 4: anything other than "+", "/" or ASCII alphanumeric fails
   * (this includes any "=" left over). */
  for (gsize i = 0; i < n; i++)
    if (clean[i] != '+' && clean[i] != '/' && !g_ascii_isalnum (clean[i]))
      return NULL;

  /* Steps 5-8: append each code point's six bits (RFC 4648 table 1) to
   * a buffer; every 24 bits make three bytes. */
  output = g_byte_array_sized_new (n / 4 * 3 + 2);
  for (gsize i = 0; i < n; i++)
    {
      char c = clean[i];
      guint32 sextet;

      if (c >= 'A' && c <= 'Z')
        sextet = c - 'A';
      else if (c >= 'a' && c <= 'z')
        sextet = c - 'a' + 26;
      else if (c >= '0' && c <= '9')
        sextet = c - '0' + 52;
      else if (c == '+')
        sextet = 62;
      else
        sextet = 63;

      buffer = (buffer << 6) | sextet;
      bits += 6;
      if (bits == 24)
        {
          guint8 bytes[3] = { buffer >> 16, (buffer >> 8) & 0xFF, buffer & 0xFF };

          g_byte_array_append (output, bytes, 3);
          buffer = 0;
          bits = 0;
        }
    }

  /* Step 9: 12 leftover bits give one byte (drop 4 bits), 18 give two
   * (drop 2). The dropped bits need not be zero. */
  if (bits == 12)
    {
      guint8 byte = buffer >> 4;

      g_byte_array_append (output, &byte, 1);
    }
  else if (bits == 18)
    {
      guint8 bytes[2] = { buffer >> 10, (buffer >> 2) & 0xFF };

      g_byte_array_append (output, bytes, 2);
    }

  /* Step 10: return output. */
  return g_byte_array_free_to_bytes (output);
}

/* URL §1.3 percent-decode a byte sequence: "%" followed by two ASCII
 * hex digits is that byte; any other "%" stays as it is. */
static GBytes *
percent_decode (const char *input,
                gsize       length)
{
  GByteArray *output = g_byte_array_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      guint8 byte = input[i];

      if (byte == '%' && i + 2 < length &&
          g_ascii_isxdigit (input[i + 1]) && g_ascii_isxdigit (input[i + 2]))
        {
          byte = g_ascii_xdigit_value (input[i + 1]) << 4 |
                 g_ascii_xdigit_value (input[i + 2]);
          i += 2;
        }
      g_byte_array_append (output, &byte, 1);
    }
  return g_byte_array_free_to_bytes (output);
}

/* §6 step 11: if mimeType ends with U+003B (;), followed by zero or
 * more U+0020 SPACE, followed by an ASCII case-insensitive match for
 * "base64", forgiving-base64 decode the body and cut that suffix off
 * mimeType. Returns FALSE for failure (step 11.3). */
static gboolean
data_url_decode_base64 (char    *mime_type,
                        GBytes **body)
{
  gsize length = strlen (mime_type), semicolon, size;
  const char *data;
  GBytes *decoded;

  if (length < 7 || g_ascii_strcasecmp (mime_type + length - 6, "base64") != 0)
    return TRUE;
  semicolon = length - 6;
  while (semicolon > 0 && mime_type[semicolon - 1] == ' ')
    semicolon--;
  if (semicolon == 0 || mime_type[semicolon - 1] != ';')
    return TRUE;
  semicolon--;

  /* Steps 11.1-11.3: the isomorphic decode keeps each byte as one code
   * point, and a byte above 0x7F is outside the base64 alphabet either
   * way, so decode the bytes directly. */
  data = g_bytes_get_data (*body, &size);
  decoded = fetch_forgiving_base64_decode (data, size);
  if (decoded == NULL)
    return FALSE;
  g_bytes_unref (*body);
  *body = decoded;

  /* Steps 11.4-11.6: remove "base64", the spaces and the ";". */
  mime_type[semicolon] = '\0';
  return TRUE;
}

/* §6 the data: URL processor */
gboolean
fetch_data_url_process (GUri           *url,
                        FetchMimeType **mime_type,
                        GBytes        **body)
{
  g_autofree char *input = NULL;
  g_autofree char *mime_string = NULL;
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(FetchMimeType) record = NULL;
  const char *position, *comma, *start, *end;

  g_return_val_if_fail (url != NULL, FALSE);

  /* Step 1: assert: dataURL's scheme is "data". */
  g_return_val_if_fail (g_ascii_strcasecmp (g_uri_get_scheme (url), "data") == 0, FALSE);

  /* Step 2: input is the URL serialized without its fragment. */
  input = fetch_url_serialize (url, TRUE);

  /* Steps 3-4: remove the leading "data:"; position at its start. */
  if (!g_str_has_prefix (input, "data:"))
    return FALSE;
  position = input + strlen ("data:");

  /* Step 5: mimeType is everything up to the first ",". */
  comma = strchr (position, ',');
  end = comma != NULL ? comma : position + strlen (position);

  /* Step 6: strip leading and trailing ASCII whitespace from mimeType. */
  start = position;
  while (start < end && is_ascii_whitespace (*start))
    start++;
  while (end > start && is_ascii_whitespace (end[-1]))
    end--;
  mime_string = g_strndup (start, end - start);

  /* Step 7: if position is past the end of input, return failure. */
  if (comma == NULL)
    return FALSE;

  /* Steps 8-10: body is the percent-decoding of the rest. */
  decoded = percent_decode (comma + 1, strlen (comma + 1));

  /* Step 11: a ";base64" at the end means a base64 body. */
  if (!data_url_decode_base64 (mime_string, &decoded))
    return FALSE;

  /* Step 12: if mimeType starts with ";", prepend "text/plain". */
  if (mime_string[0] == ';')
    {
      char *prefixed = g_strconcat ("text/plain", mime_string, NULL);

      g_free (mime_string);
      mime_string = prefixed;
    }

  /* Steps 13-14: parse it; failure is text/plain;charset=US-ASCII. */
  record = fetch_mime_type_parse (mime_string);
  if (record == NULL)
    record = fetch_mime_type_parse ("text/plain;charset=US-ASCII");
  g_return_val_if_fail (record != NULL, FALSE);

  /* Step 15: return the struct. */
  if (mime_type != NULL)
    *mime_type = g_steal_pointer (&record);
  if (body != NULL)
    *body = g_steal_pointer (&decoded);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Scheme fetch (§4.2)                                                 */

/* A new response with the given status message (fetch_response_new_internal
 * gives status 200 and an empty header list). */
static FetchResponse *
scheme_response_new (const char *status_message)
{
  FetchResponse *response = fetch_response_new_internal ();

  g_free (response->status_message);
  response->status_message = g_strdup (status_message);
  return response;
}

static void
scheme_response_append_length (FetchResponse *response,
                               guint64        length)
{
  char serialized[G_ASCII_DTOSTR_BUF_SIZE];

  /* "serialized and isomorphic encoded": decimal ASCII digits */
  g_snprintf (serialized, sizeof serialized, "%" G_GUINT64_FORMAT, length);
  fetch_header_list_append (response->header_list, "Content-Length", serialized);
}

/* A network error naming its cause; format is translated by the caller. */
static FetchResponse *
scheme_network_error (const char *format,
                      ...) G_GNUC_PRINTF (1, 2);

static FetchResponse *
scheme_network_error (const char *format,
                      ...)
{
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (FETCH_ERROR, FETCH_ERROR_NETWORK, format, args);
  va_end (args);
  return fetch_response_new_network_error (error);
}

/* §4.2 "about" */
static FetchResponse *
scheme_fetch_about (FetchRequest *request,
                    GUri         *url)
{
  FetchResponse *response;
  g_autoptr(GBytes) empty = NULL;

  /* Only about:blank; "URLs such as about:config are handled during
   * navigation and result in a network error in the context of
   * fetching" (and so does everything else below). */
  if (g_strcmp0 (g_uri_get_path (url), "blank") != 0)
    {
      g_autofree char *serialized = fetch_url_serialize (url, FALSE);

      return scheme_network_error (_("“%s” cannot be fetched: about: URLs other than about:blank are a network error"),
                                   serialized);
    }

  /* A response whose status message is `OK`, header list is
   * « (`Content-Type`, `text/html;charset=utf-8`) », and body is the
   * empty byte sequence as a body. */
  response = scheme_response_new ("OK");
  fetch_header_list_append (response->header_list, "Content-Type", "text/html;charset=utf-8");
  empty = g_bytes_new_static ("", 0);
  response->body = fetch_body_new_from_bytes (empty);
  return response;
}

/* §4.2 "blob" step 9, the Range header case. full_length > 0 unless
 * this fails. */
static FetchResponse *
scheme_fetch_blob_range (FetchRequest *request,
                         GBytes       *blob,
                         const char   *type)
{
  g_autofree char *range_header = NULL;
  g_autofree char *content_range = NULL;
  g_autoptr(GBytes) sliced = NULL;
  FetchResponse *response;
  FetchRange range;
  guint64 full_length = g_bytes_get_size (blob);
  guint64 range_start, range_end;

  /* Steps 9.2-9.4: parse a single range header value with whitespace
   * allowed; failure is a network error. */
  range_header = fetch_header_list_get (request->header_list, "Range");
  if (range_header == NULL ||
      !fetch_parse_single_range_header_value (range_header, TRUE, &range))
    return scheme_network_error (_("The Range header “%s” is not a single byte range"),
                                 range_header != NULL ? range_header : "");

  /* Step 9.5-9.7: turn (rangeStart, rangeEnd) into an inclusive range. */
  if (!range.has_start)
    {
      /* Step 9.6: a suffix range: the last rangeEnd bytes.
       * NOTE(spec): the standard's arithmetic gives a negative start
       * when the suffix is longer than the blob (and slice blob then
       * clamps it to 0) and an empty, backwards range for `bytes=-0`.
       * We clamp the start to 0 so Content-Range stays valid, and treat
       * a zero-length suffix or an empty blob as unsatisfiable (a
       * network error), as RFC 9110 §14.1.3 has it. */
      if (range.end == 0 || full_length == 0)
        return scheme_network_error (_("The Range header “%s” selects no bytes of the blob"),
                                     range_header);
      range_start = range.end >= full_length ? 0 : full_length - range.end;
      range_end = full_length - 1;
    }
  else
    {
      /* Step 9.7.1: a start at or past the end is a network error. */
      if (range.start >= full_length)
        return scheme_network_error (_("The Range header “%s” starts past the end of the blob"),
                                     range_header);
      /* Step 9.7.2: a null or too large end is the last byte. */
      range_start = range.start;
      range_end = (!range.has_end || range.end >= full_length) ? full_length - 1 : range.end;
    }

  /* Steps 9.8-9.10: slice the blob (end exclusive); no copy. */
  sliced = g_bytes_new_from_bytes (blob, range_start, range_end + 1 - range_start);
  response = scheme_response_new ("Partial Content");
  response->range_requested = TRUE;   /* step 9.1 */
  response->body = fetch_body_new_from_bytes (sliced);

  /* Steps 9.11-9.15: 206 and the three headers. */
  content_range = fetch_build_content_range (range_start, range_end, full_length);
  response->status = 206;
  scheme_response_append_length (response, g_bytes_get_size (sliced));
  fetch_header_list_append (response->header_list, "Content-Type", type);
  fetch_header_list_append (response->header_list, "Content-Range", content_range);
  return response;
}

/* §4.2 "blob" */
static FetchResponse *
scheme_fetch_blob (FetchRequest   *request,
                   GUri           *url,
                   FetchBlobStore *blobs)
{
  FetchResponse *response;
  GBytes *blob = NULL;
  const char *type = NULL;

  /* Step 1: blobURLEntry is the current URL's blob URL entry.
   * NOTE(spec): the URL parser attaches the entry when the URL is
   * parsed, so a browser's fetch still succeeds if the URL is revoked
   * after the Request was made; we resolve it here, when the fetch
   * starts, so a revoke before then makes the fetch fail. */
  if (!fetch_blob_store_resolve (blobs, url, &blob, &type))
    {
      g_autofree char *serialized = fetch_url_serialize (url, FALSE);

      return scheme_network_error (_("The blob URL “%s” does not refer to a blob (it was never created or was revoked)"),
                                   serialized);
    }

  /* Step 2: a method other than `GET` is a network error. */
  if (strcmp (request->method, "GET") != 0)
    return scheme_network_error (_("Blob URLs can only be fetched with GET, not “%s”"),
                                 request->method);

  /* Steps 3-7: blob, fullLength and type. Step 9: with a Range header. */
  if (fetch_header_list_contains (request->header_list, "Range"))
    return scheme_fetch_blob_range (request, blob, type);

  /* Step 8: the whole blob, `OK`, Content-Length and Content-Type. */
  response = scheme_response_new ("OK");
  response->body = fetch_body_new_from_bytes (blob);
  scheme_response_append_length (response, g_bytes_get_size (blob));
  fetch_header_list_append (response->header_list, "Content-Type", type);
  return response;
}

/* §4.2 "data" */
static FetchResponse *
scheme_fetch_data (FetchRequest *request,
                   GUri         *url)
{
  g_autoptr(FetchMimeType) mime_type = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *serialized = NULL;
  FetchResponse *response;

  /* Steps 1-2: run the data: URL processor; failure is a network error. */
  if (!fetch_data_url_process (url, &mime_type, &body))
    {
      g_autofree char *url_string = fetch_url_serialize (url, FALSE);

      return scheme_network_error (_("The data: URL “%s” is malformed (no comma, or invalid base64)"),
                                   url_string);
    }

  /* Steps 3-4: `OK`, the serialized MIME type as Content-Type, the body. */
  serialized = fetch_mime_type_serialize (mime_type);
  response = scheme_response_new ("OK");
  fetch_header_list_append (response->header_list, "Content-Type", serialized);
  response->body = fetch_body_new_from_bytes (body);
  return response;
}

/* §4.2 "file": "For now, unfortunate as it is, file: URLs are left as an
 * exercise for the reader. When in doubt, return a network error."
 *
 * NOTE(spec): what we do, much as browsers do for a file: document
 * loading a file: subresource:
 * - only `GET` (as for blob:), and only URLs without a host (or
 *   "localhost"); the query is ignored;
 * - the path is percent-decoded; an encoded "/" or NUL is an error;
 * - only regular files (after symlinks): directories, FIFOs and devices
 *   are network errors, so a fetch can neither list a directory nor
 *   block on a pipe;
 * - the response is `OK` with Content-Length (the file's size) and
 *   Content-Type: the MIME type of GIO's content type
 *   (shared-mime-info: the file name, and the first bytes when the name
 *   is ambiguous), "application/octet-stream" if GIO has none;
 * - the body streams from the GFileInputStream, never read whole;
 * - I/O errors are network errors naming the path and GIO's reason.
 */
typedef struct {
  GFile        *file;
  char         *display_name;   /* UTF-8 path, for messages */
  GFileInfo    *info;
} FileFetch;

static void
file_fetch_free (gpointer data)
{
  FileFetch *fetch = data;

  g_clear_object (&fetch->file);
  g_clear_object (&fetch->info);
  g_free (fetch->display_name);
  g_free (fetch);
}

static void
scheme_return (GTask         *task,
               FetchResponse *response)
{
  g_task_return_pointer (task, response, g_object_unref);
}

/* Completes task with a network error for a GIO error (an aborted
 * network error for cancellation). Takes error. */
static void
file_fetch_fail (GTask  *task,
                 GError *error)
{
  FileFetch *fetch = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      scheme_return (task, fetch_response_new_aborted_network_error (error));
      return;
    }
  scheme_return (task, scheme_network_error (_("Could not read “%s”: %s"),
                                             fetch->display_name, error->message));
  g_error_free (error);
}

static void
file_fetch_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FileFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *mime_type = NULL;
  FetchResponse *response;
  const char *content_type;
  GError *error = NULL;
  goffset size;

  stream = g_file_read_finish (G_FILE (source), result, &error);
  if (stream == NULL)
    {
      file_fetch_fail (task, error);
      return;
    }

  content_type = g_file_info_get_content_type (fetch->info);
  if (content_type != NULL)
    mime_type = g_content_type_get_mime_type (content_type);
  if (mime_type == NULL)
    mime_type = g_strdup ("application/octet-stream");
  size = g_file_info_get_size (fetch->info);

  response = scheme_response_new ("OK");
  scheme_response_append_length (response, size);
  fetch_header_list_append (response->header_list, "Content-Type", mime_type);
  response->body = fetch_body_new_from_stream (G_INPUT_STREAM (stream), size);
  scheme_return (task, response);
}

static void
file_fetch_query_info_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FileFetch *fetch = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  fetch->info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (fetch->info == NULL)
    {
      file_fetch_fail (task, error);
      return;
    }

  switch (g_file_info_get_file_type (fetch->info))
    {
    case G_FILE_TYPE_REGULAR:
      break;
    case G_FILE_TYPE_DIRECTORY:
      scheme_return (task, scheme_network_error (_("“%s” is a directory, not a file"),
                                                 fetch->display_name));
      return;
    default:
      scheme_return (task, scheme_network_error (_("“%s” is not a regular file"),
                                                 fetch->display_name));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  g_file_read_async (fetch->file, G_PRIORITY_DEFAULT, cancellable,
                     file_fetch_read_cb, g_steal_pointer (&task));
}

/* §4.2 "file" (see the NOTE above). Completes task. */
static void
scheme_fetch_file (GTask        *task,
                   FetchRequest *request,
                   GUri         *url)
{
  const char *host = g_uri_get_host (url);
  g_autofree char *path = NULL;
  FileFetch *fetch;

  if (strcmp (request->method, "GET") != 0)
    {
      scheme_return (task, scheme_network_error (_("File URLs can only be fetched with GET, not “%s”"),
                                                 request->method));
      return;
    }
  if (host != NULL && host[0] != '\0' && g_ascii_strcasecmp (host, "localhost") != 0)
    {
      scheme_return (task, scheme_network_error (_("File URLs with a host (“%s”) cannot be fetched"),
                                                 host));
      return;
    }
  path = g_uri_unescape_string (g_uri_get_path (url), "/");
  if (path == NULL || path[0] != '/')
    {
      g_autofree char *serialized = fetch_url_serialize (url, FALSE);

      scheme_return (task, scheme_network_error (_("The file URL “%s” does not name a file path"),
                                                 serialized));
      return;
    }

  fetch = g_new0 (FileFetch, 1);
  fetch->file = g_file_new_for_path (path);
  fetch->display_name = g_filename_display_name (path);
  g_task_set_task_data (task, fetch, file_fetch_free);

  g_file_query_info_async (fetch->file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task),
                           file_fetch_query_info_cb, g_object_ref (task));
}

/* §4.2 scheme fetch */
void
fetch_scheme_fetch_async (FetchRequest        *request,
                          FetchBlobStore      *blobs,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  GUri *url;
  const char *scheme;

  g_return_if_fail (FETCH_IS_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (request, cancellable, callback, user_data);
  g_task_set_source_tag (task, fetch_scheme_fetch_async);
  /* Failures are responses, so a cancelled task still returns one. */
  g_task_set_check_cancellable (task, FALSE);

  /* Step 1: if fetchParams is canceled, return the appropriate network
   * error (a GCancellable cancels only by aborting). */
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      scheme_return (task, fetch_response_new_aborted_network_error (error));
      return;
    }

  /* Steps 2-3: switch on request's current URL's scheme. */
  url = fetch_request_get_current_url (request);
  scheme = g_uri_get_scheme (url);

  if (g_ascii_strcasecmp (scheme, "about") == 0)
    scheme_return (task, scheme_fetch_about (request, url));
  else if (g_ascii_strcasecmp (scheme, "blob") == 0)
    scheme_return (task, scheme_fetch_blob (request, url, blobs));
  else if (g_ascii_strcasecmp (scheme, "data") == 0)
    scheme_return (task, scheme_fetch_data (request, url));
  else if (g_ascii_strcasecmp (scheme, "file") == 0)
    scheme_fetch_file (task, request, url);
  else
    /* Step 4: return a network error. HTTP(S) is HTTP fetch's, which
     * main fetch calls itself. */
    scheme_return (task, scheme_network_error (_("URLs with the scheme “%s” cannot be fetched"),
                                               scheme));
}

FetchResponse *
fetch_scheme_fetch_finish (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fetch_scheme_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}
