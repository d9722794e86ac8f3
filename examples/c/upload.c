/* upload.c: upload a file, with progress.
 *
 *   upload [--method METHOD] URL FILE
 *   upload --form FIELD URL FILE
 *
 * Without --form the file is the request body, streamed from disk with
 * its size as Content-Length and its guessed type as Content-Type. With
 * --form it is sent as the file entry FIELD of a multipart/form-data
 * body, as an HTML form would send it. Upload progress comes from the
 * FetchController's "upload-progress" signal; the response is printed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <libfetch-glib/fetch.h>

typedef struct {
  GMainLoop *loop;
  int        last_step;
  int        status;
} Upload;

static char *
guess_mime_type (const char   *filename,
                 const guchar *data,
                 gsize         size)
{
  g_autofree char *type = g_content_type_guess (filename, data, size, NULL);
  char *mime = g_content_type_get_mime_type (type);

  return mime != NULL ? mime : g_strdup ("application/octet-stream");
}

/* The file as a stream body: read while it is sent, never whole. */
static FetchBodyInit *
stream_body (GFile        *file,
             FetchHeaders *headers,
             GError      **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *mime = NULL;

  in = g_file_read (file, NULL, error);
  if (in == NULL)
    return NULL;
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, error);
  if (info == NULL)
    return NULL;

  /* A stream body has no type of its own: say what it is. */
  mime = guess_mime_type (basename, NULL, 0);
  if (!fetch_headers_set (headers, "Content-Type", mime, error))
    return NULL;

  /* With its length it goes out with a Content-Length; with -1 it would
   * be sent chunked. */
  return fetch_body_init_new_stream (G_INPUT_STREAM (in), g_file_info_get_size (info));
}

/* The file as an entry of a multipart/form-data body. The body makes
 * its own Content-Type, with the boundary. */
static FetchBodyInit *
form_body (GFile       *file,
           const char  *field,
           GError     **error)
{
  g_autoptr(FetchFormData) form = fetch_form_data_new ();
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *mime = NULL;
  gsize size;
  const guchar *data;

  /* Form data entries hold their bytes in memory. */
  contents = g_file_load_bytes (file, NULL, NULL, error);
  if (contents == NULL)
    return NULL;
  data = g_bytes_get_data (contents, &size);
  mime = guess_mime_type (basename, data, size);

  fetch_form_data_append (form, "description", "uploaded by libfetch-glib");
  fetch_form_data_append_file (form, field, contents, basename, mime);
  return fetch_body_init_new_form_data (form);
}

static void
on_upload_progress (FetchController *controller,
                    guint64          sent,
                    gint64           total,
                    gpointer         user_data)
{
  Upload *up = user_data;
  int step;

  if (total <= 0)
    {
      g_printerr ("sent %" G_GUINT64_FORMAT " bytes\n", sent);
      return;
    }
  step = (int) (sent * 10 / total);
  if (step > up->last_step)
    {
      up->last_step = step;
      g_printerr ("sent %d%%\n", step * 10);
    }
}

static void
on_text (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Upload *up = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = fetch_response_text_finish (FETCH_RESPONSE (source), result, &error);
  if (text == NULL)
    {
      g_printerr ("upload: %s\n", error->message);
      up->status = 1;
    }
  else
    g_print ("%s", text);
  g_main_loop_quit (up->loop);
}

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Upload *up = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;

  response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &error);
  if (response == NULL)
    {
      g_printerr ("upload: %s\n", error->message);
      up->status = 1;
      g_main_loop_quit (up->loop);
      return;
    }
  g_printerr ("%u %s\n", fetch_response_get_status (response),
              fetch_response_get_status_text (response));
  if (!fetch_response_get_ok (response))
    up->status = 1;
  fetch_response_text_async (response, NULL, on_text, up);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *method = NULL;
  g_autofree char *field = NULL;
  const GOptionEntry entries[] = {
    { "method", 'X', 0, G_OPTION_ARG_STRING, &method, "Request method (default POST)", "METHOD" },
    { "form", 'F', 0, G_OPTION_ARG_STRING, &field, "Send FILE as the form field FIELD", "FIELD" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("URL FILE — upload a file");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchBodyInit) body = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchController) controller = NULL;
  g_autoptr(GFile) file = NULL;
  Upload up = { NULL, 0, 0 };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("upload: %s\n", error ? error->message : "expected URL and FILE");
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[2]);
  if (field != NULL)
    body = form_body (file, field, &error);
  else
    {
      body = stream_body (file, headers, &error);
      /* As in a browser, a stream body needs duplex "half": the response
       * comes after the whole request body is sent. */
      fetch_request_init_set_duplex (init, FETCH_REQUEST_DUPLEX_HALF);
    }
  if (body == NULL)
    {
      g_printerr ("upload: %s\n", error->message);
      return 1;
    }

  fetch_request_init_set_method (init, method ? method : "POST");
  fetch_request_init_set_headers (init, headers);
  fetch_request_init_set_body (init, body);
  request = fetch_request_new (argv[1], init, &error);
  if (request == NULL)
    {
      g_printerr ("upload: %s\n", error->message);
      return 2;
    }

  up.loop = g_main_loop_new (NULL, FALSE);
  controller = fetch_controller_new ();
  g_signal_connect (controller, "upload-progress", G_CALLBACK (on_upload_progress), &up);
  fetch_client_fetch_with_controller_async (fetch_client_get_default (), request, controller,
                                            NULL, on_response, &up);
  g_main_loop_run (up.loop);
  g_main_loop_unref (up.loop);
  return up.status;
}
