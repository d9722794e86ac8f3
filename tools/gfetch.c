/* gfetch.c: a curl-like command-line client with Fetch semantics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * gfetch builds a FetchRequest from its options exactly as a script would
 * build one from a RequestInit, fetches it on a FetchClient and streams the
 * response body to standard output or a file in 64 KiB chunks, never
 * holding the whole body in memory.
 *
 * Exit status: 0 when a response was received (whatever its status, as
 * curl without -f), 1 for a network error, an abort, a timeout, an I/O
 * error or (with --fail) a status outside 200-299, 2 for bad usage or a
 * TypeError (a bad header, method, URL or option value).
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>
#include <libfetch-glib/fetch.h>

#define CHUNK_SIZE (64 * 1024)

enum {
  EXIT_OK = 0,
  EXIT_FAILURE_NETWORK = 1,
  EXIT_FAILURE_USAGE = 2,
};

typedef struct {
  /* Options */
  char     *method;
  char    **headers;
  char     *data;
  char     *data_binary;
  char    **forms;
  char     *mode;
  char     *credentials;
  char     *cache;
  char     *redirect;
  char     *referrer;
  char     *referrer_policy;
  char     *integrity;
  char     *origin;
  char     *user_agent;
  char     *output;
  double    timeout;
  gboolean  include;
  gboolean  json;
  gboolean  fail;
  gboolean  version;
  char    **urls;

  /* State of the transfer */
  GMainLoop       *loop;
  GCancellable    *cancellable;
  FetchClient     *client;
  FetchController *controller;
  FetchResponse   *response;
  GInputStream    *body;
  GOutputStream   *out;
  guint8          *buffer;
  guint64          body_bytes;
  guint            timeout_id;
  gboolean         timed_out;
  int              exit_status;

  /* Progress bar (only on a terminal, and only when the body does not go
   * to that terminal) */
  gboolean         show_progress;
  gint64           progress_start;
  gint64           progress_last;
  gboolean         progress_drawn;
  const char      *progress_label;
} Gfetch;

static void
gfetch_clear (Gfetch *gf)
{
  g_free (gf->method);
  g_strfreev (gf->headers);
  g_free (gf->data);
  g_free (gf->data_binary);
  g_strfreev (gf->forms);
  g_free (gf->mode);
  g_free (gf->credentials);
  g_free (gf->cache);
  g_free (gf->redirect);
  g_free (gf->referrer);
  g_free (gf->referrer_policy);
  g_free (gf->integrity);
  g_free (gf->origin);
  g_free (gf->user_agent);
  g_free (gf->output);
  g_strfreev (gf->urls);
  g_clear_handle_id (&gf->timeout_id, g_source_remove);
  g_clear_pointer (&gf->loop, g_main_loop_unref);
  g_clear_object (&gf->body);
  g_clear_object (&gf->out);
  g_clear_object (&gf->response);
  g_clear_object (&gf->controller);
  g_clear_object (&gf->client);
  g_clear_object (&gf->cancellable);
  g_free (gf->buffer);
}

/* ---- Errors ------------------------------------------------------------ */

static int
exit_status_for_error (const GError *error)
{
  if (g_error_matches (error, FETCH_ERROR, FETCH_ERROR_TYPE) ||
      error->domain == G_OPTION_ERROR)
    return EXIT_FAILURE_USAGE;
  return EXIT_FAILURE_NETWORK;
}

/* Errors are reported on one line, whatever the message holds. */
static void
print_error (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("gfetch: %s\n", line);
}

static void progress_end (Gfetch *gf);

/* Ends the transfer with @error: a timeout is reported as such rather
 * than as the abort it causes. */
static void
gfetch_fail (Gfetch       *gf,
             const GError *error)
{
  progress_end (gf);
  if (gf->timed_out)
    {
      g_autofree char *message =
        g_strdup_printf (_("Timed out after %g seconds"), gf->timeout);
      print_error (message);
      gf->exit_status = EXIT_FAILURE_NETWORK;
    }
  else
    {
      print_error (error->message);
      gf->exit_status = exit_status_for_error (error);
    }
  g_main_loop_quit (gf->loop);
}

/* ---- Progress bar ------------------------------------------------------ */

static int
terminal_columns (void)
{
  struct winsize ws;

  if (ioctl (STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return 80;
}

/* Draws "label  42% [#####     ] 1.2 MB / 3.0 MB  512 kB/s" on stderr,
 * at most ten times a second unless @force. */
static void
progress_draw (Gfetch     *gf,
               const char *label,
               guint64     done,
               gint64      total,
               gboolean    force)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *done_str = NULL, *total_str = NULL, *rate_str = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  double elapsed;
  int width;

  if (!gf->show_progress)
    return;
  /* The upload's bar stays on its line; the download's starts afresh. */
  if (gf->progress_label != label)
    {
      progress_end (gf);
      gf->progress_label = label;
      gf->progress_start = now;
      gf->progress_last = 0;
    }
  if (!force && now - gf->progress_last < G_USEC_PER_SEC / 10)
    return;
  gf->progress_last = now;
  elapsed = (now - gf->progress_start) / (double) G_USEC_PER_SEC;

  done_str = g_format_size (done);
  rate_str = g_format_size (elapsed > 0 ? (guint64) (done / elapsed) : 0);
  if (total >= 0)
    total_str = g_format_size (total);

  g_string_append_printf (line, "%s ", label);
  width = terminal_columns () - 60;
  width = CLAMP (width, 10, 50);
  if (total > 0)
    {
      int filled = (int) (MIN (done, (guint64) total) * width / total);

      g_string_append_printf (line, "%3d%% [", (int) (MIN (done, (guint64) total) * 100 / total));
      for (int i = 0; i < width; i++)
        g_string_append_c (line, i < filled ? '#' : ' ');
      g_string_append_printf (line, "] %s / %s", done_str, total_str);
    }
  else
    g_string_append_printf (line, "%s", done_str);
  if (elapsed >= 0.1)
    g_string_append_printf (line, "  %s/s", rate_str);

  /* \r and erase to the end of line: redraw in place. */
  fprintf (stderr, "\r%s\033[K", line->str);
  fflush (stderr);
  gf->progress_drawn = TRUE;
}

static void
progress_end (Gfetch *gf)
{
  if (gf->progress_drawn)
    fputc ('\n', stderr);
  gf->progress_drawn = FALSE;
}

static void
upload_progress_cb (FetchController *controller,
                    guint64          done,
                    gint64           total,
                    gpointer         user_data)
{
  Gfetch *gf = user_data;

  /* Arrows only where the terminal's charset has them. */
  progress_draw (gf, g_get_charset (NULL) ? "↑" : "up", done, total,
                 total >= 0 && done == (guint64) total);
}

static void
download_progress_cb (FetchController *controller,
                      guint64          done,
                      gint64           total,
                      gpointer         user_data)
{
  Gfetch *gf = user_data;

  progress_draw (gf, g_get_charset (NULL) ? "↓" : "down", done, total,
                 total >= 0 && done == (guint64) total);
}

/* ---- Building the request ---------------------------------------------- */

/* Maps an option value to the enum value whose nick is that string (the
 * enums' nicks are the WebIDL strings). */
static gboolean
parse_enum (GType        type,
            const char  *option,
            const char  *value,
            int         *out,
            GError     **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  const GEnumValue *v = g_enum_get_value_by_nick (klass, value);
  g_autoptr(GString) nicks = NULL;

  /* The empty string of the WebIDL enums has the nick "none". */
  if (v == NULL && *value == '\0')
    v = g_enum_get_value_by_nick (klass, "none");
  if (v != NULL)
    {
      *out = v->value;
      return TRUE;
    }

  nicks = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i ? ", " : "", klass->values[i].value_nick);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("Invalid value “%s” for %s (expected one of: %s)"),
               value, option, nicks->str);
  return FALSE;
}

/* -H "Name: value", as curl takes it. The Headers object then validates
 * the name and value (a TypeError for CR, LF, NUL or a bad name). */
static FetchHeaders *
build_headers (Gfetch  *gf,
               GError **error)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();

  for (char **h = gf->headers; h && *h; h++)
    {
      const char *colon = strchr (*h, ':');
      g_autofree char *name = NULL;

      if (colon == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Invalid header “%s” (expected “Name: value”)"), *h);
          return NULL;
        }
      name = g_strndup (*h, colon - *h);
      if (!fetch_headers_append (headers, name, colon + 1, error))
        return NULL;
    }
  return g_steal_pointer (&headers);
}

/* --data-binary @FILE streams the file with its size as Content-Length;
 * @- streams standard input, chunked. */
static FetchBodyInit *
build_stream_body (const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  gint64 size = -1;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      return fetch_body_init_new_stream (in, -1);
    }

  file = g_file_new_for_commandline_arg (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                         G_FILE_ATTRIBUTE_STANDARD_TYPE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
    size = g_file_info_get_size (info);
  return fetch_body_init_new_stream (G_INPUT_STREAM (stream), size);
}

/* --form name=value or name=@file: a multipart/form-data body. */
static FetchBodyInit *
build_form_body (Gfetch  *gf,
                 GError **error)
{
  g_autoptr(FetchFormData) form = fetch_form_data_new ();

  for (char **f = gf->forms; *f; f++)
    {
      const char *eq = strchr (*f, '=');
      g_autofree char *name = NULL;

      if (eq == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Invalid form field “%s” (expected “name=value” or “name=@file”)"),
                       *f);
          return NULL;
        }
      name = g_strndup (*f, eq - *f);
      if (eq[1] == '@')
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (eq + 2);
          g_autoptr(GBytes) contents = g_file_load_bytes (file, NULL, NULL, error);
          g_autofree char *basename = NULL, *type = NULL, *mime = NULL;
          gsize size;
          const guchar *data;

          if (contents == NULL)
            return NULL;
          data = g_bytes_get_data (contents, &size);
          basename = g_file_get_basename (file);
          type = g_content_type_guess (basename, data, size, NULL);
          mime = g_content_type_get_mime_type (type);
          fetch_form_data_append_file (form, name, contents, basename,
                                       mime ? mime : "application/octet-stream");
        }
      else
        fetch_form_data_append (form, name, eq + 1);
    }
  return fetch_body_init_new_form_data (form);
}

static gboolean
set_body (Gfetch            *gf,
          FetchRequestInit  *init,
          GError           **error)
{
  g_autoptr(FetchBodyInit) body = NULL;
  int n_bodies = (gf->data != NULL) + (gf->data_binary != NULL) + (gf->forms != NULL);

  if (n_bodies == 0)
    return TRUE;
  if (n_bodies > 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Only one of --data, --data-binary and --form can be given"));
      return FALSE;
    }

  if (gf->data != NULL)
    /* NOTE: Fetch semantics, not curl's: a string body is text/plain. */
    body = fetch_body_init_new_string (gf->data);
  else if (gf->data_binary != NULL && gf->data_binary[0] == '@')
    {
      body = build_stream_body (gf->data_binary + 1, error);
      /* §5.4: a stream body needs duplex "half". */
      fetch_request_init_set_duplex (init, FETCH_REQUEST_DUPLEX_HALF);
    }
  else if (gf->data_binary != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (gf->data_binary, strlen (gf->data_binary));
      body = fetch_body_init_new_bytes (bytes);
    }
  else
    body = build_form_body (gf, error);
  if (body == NULL)
    return FALSE;

  fetch_request_init_set_body (init, body);
  /* As curl: a body without -X is a POST (a GET with a body is a
   * TypeError in Fetch). */
  if (gf->method == NULL)
    fetch_request_init_set_method (init, "POST");
  return TRUE;
}

static gboolean
set_enums (Gfetch            *gf,
           FetchRequestInit  *init,
           GError           **error)
{
  int v;

  if (gf->mode != NULL)
    {
      if (!parse_enum (FETCH_TYPE_REQUEST_MODE, "--mode", gf->mode, &v, error))
        return FALSE;
      fetch_request_init_set_mode (init, v);
    }
  if (gf->credentials != NULL)
    {
      if (!parse_enum (FETCH_TYPE_REQUEST_CREDENTIALS, "--credentials", gf->credentials, &v, error))
        return FALSE;
      fetch_request_init_set_credentials (init, v);
    }
  if (gf->cache != NULL)
    {
      if (!parse_enum (FETCH_TYPE_REQUEST_CACHE, "--cache", gf->cache, &v, error))
        return FALSE;
      fetch_request_init_set_cache (init, v);
    }
  if (gf->redirect != NULL)
    {
      if (!parse_enum (FETCH_TYPE_REQUEST_REDIRECT, "--redirect", gf->redirect, &v, error))
        return FALSE;
      fetch_request_init_set_redirect (init, v);
    }
  if (gf->referrer_policy != NULL)
    {
      if (!parse_enum (FETCH_TYPE_REFERRER_POLICY, "--referrer-policy", gf->referrer_policy, &v, error))
        return FALSE;
      fetch_request_init_set_referrer_policy (init, v);
    }
  return TRUE;
}

static FetchRequest *
build_request (Gfetch  *gf,
               GError **error)
{
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchHeaders) headers = NULL;

  if (gf->method != NULL)
    fetch_request_init_set_method (init, gf->method);
  if (gf->headers != NULL)
    {
      headers = build_headers (gf, error);
      if (headers == NULL)
        return NULL;
      fetch_request_init_set_headers (init, headers);
    }
  if (!set_body (gf, init, error) || !set_enums (gf, init, error))
    return NULL;
  if (gf->referrer != NULL)
    fetch_request_init_set_referrer (init, gf->referrer);
  if (gf->integrity != NULL)
    fetch_request_init_set_integrity (init, gf->integrity);

  return fetch_request_new_for_client (gf->client, gf->urls[0], init, error);
}

/* --origin URL sets the client's origin to the URL's ("null": an opaque
 * origin); without it the client has no origin, as a server-side runtime. */
static gboolean
setup_client (Gfetch  *gf,
              GError **error)
{
  gf->client = fetch_client_new ();
  if (gf->origin != NULL)
    {
      g_autoptr(FetchOrigin) origin = NULL;

      if (g_str_equal (gf->origin, "null"))
        origin = fetch_origin_new_opaque ();
      else
        origin = fetch_origin_new_for_url (gf->origin, error);
      if (origin == NULL)
        return FALSE;
      fetch_client_set_origin (gf->client, origin);
    }
  if (gf->user_agent != NULL)
    fetch_client_set_user_agent (gf->client, gf->user_agent);
  return TRUE;
}

/* ---- Output ------------------------------------------------------------ */

static gboolean
add_header_to_json (const char *name,
                    const char *value,
                    gpointer    user_data)
{
  JsonBuilder *b = user_data;

  json_builder_begin_array (b);
  json_builder_add_string_value (b, name);
  json_builder_add_string_value (b, value);
  json_builder_end_array (b);
  return TRUE;
}

/* The headers as Headers iteration yields them (§5.1: sorted, combined,
 * set-cookie kept apart), as [name, value] pairs. */
static JsonNode *
headers_to_json (FetchHeaders *headers)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  fetch_headers_foreach (headers, add_header_to_json, b);
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* The timing info with PerformanceResourceTiming's names: times in whole
 * microseconds since the fetch started (exact, where milliseconds as
 * doubles would print as 10.183999999999999), 0 for what did not happen
 * (e.g. a DNS lookup on a reused connection); sizes in bytes. */
static JsonNode *
timing_to_json (Gfetch *gf)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(FetchTimingInfo) t = fetch_controller_get_timing_info (gf->controller);

  json_builder_begin_object (b);
  if (t != NULL)
    {
      struct { const char *name; gint64 value; } times[] = {
        { "redirectStart", t->redirect_start_time },
        { "redirectEnd", t->redirect_end_time },
        { "fetchStart", t->post_redirect_start_time },
        { "domainLookupStart", t->domain_lookup_start_time },
        { "domainLookupEnd", t->domain_lookup_end_time },
        { "connectStart", t->connection_start_time },
        { "secureConnectionStart", t->secure_connection_start_time },
        { "connectEnd", t->connection_end_time },
        { "requestStart", t->final_network_request_start_time },
        { "responseStart", t->final_network_response_start_time },
        { "responseEnd", t->end_time },
      };
      struct { const char *name; guint64 value; } sizes[] = {
        { "encodedBodySize", t->encoded_body_size },
        { "decodedBodySize", t->decoded_body_size },
        { "requestHeaderSize", t->request_header_size },
        { "requestBodySize", t->request_body_size },
        { "responseHeaderSize", t->response_header_size },
      };

      for (guint i = 0; i < G_N_ELEMENTS (times); i++)
        {
          json_builder_set_member_name (b, times[i].name);
          json_builder_add_int_value (b, times[i].value > 0 && t->start_time > 0
                                           ? times[i].value - t->start_time : 0);
        }
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          json_builder_set_member_name (b, sizes[i].name);
          json_builder_add_int_value (b, (gint64) sizes[i].value);
        }
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* --json: one object describing the response, printed after the body has
 * been read so the timing info is complete. */
static void
print_json (Gfetch *gf)
{
  FetchResponse *r = gf->response;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GEnumClass) types = g_type_class_ref (FETCH_TYPE_RESPONSE_TYPE);
  GEnumValue *type = g_enum_get_value (types, fetch_response_get_response_type (r));
  g_autofree char *url = fetch_response_get_url (r);
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type ? type->value_nick : "");
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, url ? url : "");
  json_builder_set_member_name (b, "redirected");
  json_builder_add_boolean_value (b, fetch_response_get_redirected (r));
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, fetch_response_get_status (r));
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, fetch_response_get_ok (r));
  json_builder_set_member_name (b, "statusText");
  json_builder_add_string_value (b, fetch_response_get_status_text (r));
  json_builder_set_member_name (b, "headers");
  json_builder_add_value (b, headers_to_json (fetch_response_get_headers (r)));
  json_builder_set_member_name (b, "bodySize");
  json_builder_add_int_value (b, gf->body_bytes);
  json_builder_set_member_name (b, "timing");
  json_builder_add_value (b, timing_to_json (gf));
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, isatty (STDOUT_FILENO));
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static gboolean
add_header_line (const char *name,
                 const char *value,
                 gpointer    user_data)
{
  g_string_append_printf (user_data, "%s: %s\n", name, value);
  return TRUE;
}

/* -i: "HTTP <status> <statusText>", the headers, a blank line. */
static GBytes *
format_head (FetchResponse *response)
{
  GString *head = g_string_new (NULL);

  g_string_append_printf (head, "HTTP %u %s\n", fetch_response_get_status (response),
                          fetch_response_get_status_text (response));
  fetch_headers_foreach (fetch_response_get_headers (response), add_header_line, head);
  g_string_append_c (head, '\n');
  return g_string_free_to_bytes (head);
}

/* ---- The transfer ------------------------------------------------------ */

static void read_next (Gfetch *gf);

static void
transfer_done (Gfetch *gf)
{
  progress_end (gf);
  if (gf->json)
    print_json (gf);
  if (gf->fail && !fetch_response_get_ok (gf->response))
    gf->exit_status = EXIT_FAILURE_NETWORK;
  g_main_loop_quit (gf->loop);
}

static void
close_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Gfetch *gf = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error))
    gfetch_fail (gf, error);
  else
    transfer_done (gf);
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Gfetch *gf = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    gfetch_fail (gf, error);
  else
    read_next (gf);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Gfetch *gf = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      gfetch_fail (gf, error);
      return;
    }
  if (n == 0)
    {
      /* End of body: close the output (a file is only complete when
       * closed), then report. */
      if (gf->out != NULL)
        g_output_stream_close_async (gf->out, G_PRIORITY_DEFAULT, NULL, close_cb, gf);
      else
        transfer_done (gf);
      return;
    }
  gf->body_bytes += n;
  if (gf->out != NULL)
    g_output_stream_write_all_async (gf->out, gf->buffer, n, G_PRIORITY_DEFAULT,
                                     gf->cancellable, write_cb, gf);
  else
    read_next (gf);  /* --json without -o: the body is read, not shown */
}

static void
read_next (Gfetch *gf)
{
  g_input_stream_read_async (gf->body, gf->buffer, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                             gf->cancellable, read_cb, gf);
}

static void
start_body (Gfetch *gf)
{
  GInputStream *body = fetch_response_get_body (gf->response);

  gf->buffer = g_malloc (CHUNK_SIZE);
  if (body == NULL)
    {
      /* A null body (e.g. a 204): nothing to read. */
      if (gf->out != NULL)
        g_output_stream_close_async (gf->out, G_PRIORITY_DEFAULT, NULL, close_cb, gf);
      else
        transfer_done (gf);
      return;
    }
  gf->body = g_object_ref (body);
  read_next (gf);
}

static void
head_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Gfetch *gf = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    gfetch_fail (gf, error);
  else
    start_body (gf);
}

static void
output_ready (Gfetch *gf)
{
  if (gf->include && gf->out != NULL)
    {
      g_autoptr(GBytes) head = format_head (gf->response);
      gsize size;
      const void *data = g_bytes_get_data (head, &size);

      /* The GBytes is kept alive by the task's data until written. */
      g_object_set_data_full (G_OBJECT (gf->out), "gfetch-head",
                              g_bytes_ref (head), (GDestroyNotify) g_bytes_unref);
      g_output_stream_write_all_async (gf->out, data, size, G_PRIORITY_DEFAULT,
                                       gf->cancellable, head_written_cb, gf);
    }
  else
    start_body (gf);
}

static void
replace_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Gfetch *gf = user_data;
  g_autoptr(GError) error = NULL;

  gf->out = (GOutputStream *) g_file_replace_finish (G_FILE (source), result, &error);
  if (gf->out == NULL)
    gfetch_fail (gf, error);
  else
    output_ready (gf);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Gfetch *gf = user_data;
  g_autoptr(GError) error = NULL;

  gf->response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &error);
  if (gf->response == NULL)
    {
      gfetch_fail (gf, error);
      return;
    }

  if (gf->fail && !fetch_response_get_ok (gf->response))
    {
      g_autofree char *message =
        g_strdup_printf (_("The server answered %u %s"),
                         fetch_response_get_status (gf->response),
                         fetch_response_get_status_text (gf->response));
      progress_end (gf);
      print_error (message);
      gf->exit_status = EXIT_FAILURE_NETWORK;
      g_main_loop_quit (gf->loop);
      return;
    }

  if (gf->output != NULL && !g_str_equal (gf->output, "-"))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (gf->output);

      g_file_replace_async (file, NULL, FALSE, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                            gf->cancellable, replace_cb, gf);
      return;
    }
  if (!gf->json)
    gf->out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  output_ready (gf);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Gfetch *gf = user_data;

  gf->timeout_id = 0;
  gf->timed_out = TRUE;
  g_cancellable_cancel (gf->cancellable);
  return G_SOURCE_REMOVE;
}

/* ---- Command line ------------------------------------------------------ */

static gboolean
parse_args (Gfetch   *gf,
            int      *argc,
            char   ***argv,
            GError  **error)
{
  const GOptionEntry entries[] = {
    { "method", 'X', 0, G_OPTION_ARG_STRING, &gf->method,
      N_("Request method (default GET, or POST with a body)"), N_("METHOD") },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &gf->headers,
      N_("Add a request header (repeatable)"), N_("“NAME: VALUE”") },
    { "data", 'd', 0, G_OPTION_ARG_STRING, &gf->data,
      N_("Send STRING as the body (Content-Type text/plain;charset=UTF-8)"), N_("STRING") },
    { "data-binary", 0, 0, G_OPTION_ARG_STRING, &gf->data_binary,
      N_("Send STRING, or stream the file given as @FILE (@- for standard input)"), N_("@FILE") },
    { "form", 'F', 0, G_OPTION_ARG_STRING_ARRAY, &gf->forms,
      N_("Add a multipart/form-data field; @FILE attaches a file (repeatable)"),
      N_("NAME=VALUE|NAME=@FILE") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &gf->mode,
      N_("Request mode: cors, no-cors, same-origin"), N_("MODE") },
    { "credentials", 0, 0, G_OPTION_ARG_STRING, &gf->credentials,
      N_("Credentials mode: omit, same-origin, include"), N_("MODE") },
    { "cache", 0, 0, G_OPTION_ARG_STRING, &gf->cache,
      N_("Cache mode: default, no-store, reload, no-cache, force-cache, only-if-cached"),
      N_("MODE") },
    { "redirect", 0, 0, G_OPTION_ARG_STRING, &gf->redirect,
      N_("Redirect mode: follow, error, manual"), N_("MODE") },
    { "referrer", 'e', 0, G_OPTION_ARG_STRING, &gf->referrer,
      N_("Request referrer: a URL, “about:client” or “” for none"), N_("URL") },
    { "referrer-policy", 0, 0, G_OPTION_ARG_STRING, &gf->referrer_policy,
      N_("Referrer policy, e.g. no-referrer, strict-origin-when-cross-origin"), N_("POLICY") },
    { "integrity", 0, 0, G_OPTION_ARG_STRING, &gf->integrity,
      N_("Subresource integrity metadata, e.g. sha256-BASE64"), N_("METADATA") },
    { "origin", 0, 0, G_OPTION_ARG_STRING, &gf->origin,
      N_("Fetch as a page of this origin (“null”: opaque); default none, as a server"),
      N_("URL") },
    { "user-agent", 'A', 0, G_OPTION_ARG_STRING, &gf->user_agent,
      N_("User-Agent header value"), N_("STRING") },
    { "include", 'i', 0, G_OPTION_ARG_NONE, &gf->include,
      N_("Print “HTTP STATUS TEXT” and the response headers before the body"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &gf->output,
      N_("Write the body to FILE (a progress bar is shown on a terminal)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &gf->json,
      N_("Print the response (type, url, redirected, status, statusText, headers, timing "
         "in µs) as one JSON object; the body goes to -o FILE or is discarded"), NULL },
    { "timeout", 'm', 0, G_OPTION_ARG_DOUBLE, &gf->timeout,
      N_("Abort the whole transfer after SECONDS"), N_("SECONDS") },
    { "fail", 'f', 0, G_OPTION_ARG_NONE, &gf->fail,
      N_("Fail (exit status 1, no body) when the status is not 200-299"), NULL },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &gf->version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &gf->urls, NULL, N_("URL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— fetch a URL the way a browser’s fetch() does"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("URL schemes: http, https, data, file, about.\n"
      "HTTP error statuses are not failures unless --fail is given.\n"
      "\n"
      "Exit status: 0 success, 1 network error, abort, timeout or I/O error,\n"
      "2 usage error or TypeError (bad header, method, URL or option value)."));
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (gf->version)
    return TRUE;
  if (gf->urls == NULL || gf->urls[0] == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("No URL given (see --help)"));
      return FALSE;
    }
  if (gf->urls[1] != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Only one URL can be fetched; unexpected “%s”"), gf->urls[1]);
      return FALSE;
    }
  if (gf->timeout < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--timeout must not be negative"));
      return FALSE;
    }
  if (gf->json && gf->include)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--include and --json cannot be combined"));
      return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  Gfetch gf = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchRequest) request = NULL;
  gboolean body_on_terminal;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!parse_args (&gf, &argc, &argv, &error))
    {
      print_error (error->message);
      gfetch_clear (&gf);
      return EXIT_FAILURE_USAGE;
    }
  if (gf.version)
    {
      g_print ("gfetch %s\n", PACKAGE_VERSION);
      gfetch_clear (&gf);
      return EXIT_OK;
    }

  gf.loop = g_main_loop_new (NULL, FALSE);
  gf.cancellable = g_cancellable_new ();
  if (!setup_client (&gf, &error) ||
      (request = build_request (&gf, &error)) == NULL)
    {
      print_error (error->message);
      status = exit_status_for_error (error);
      gfetch_clear (&gf);
      return status;
    }

  /* A progress bar only where it cannot mix with the body. */
  body_on_terminal = !gf.json && (gf.output == NULL || g_str_equal (gf.output, "-"));
  gf.show_progress = !body_on_terminal && isatty (STDERR_FILENO);
  gf.controller = fetch_controller_new ();
  if (gf.show_progress)
    {
      g_signal_connect (gf.controller, "upload-progress", G_CALLBACK (upload_progress_cb), &gf);
      g_signal_connect (gf.controller, "download-progress", G_CALLBACK (download_progress_cb), &gf);
    }
  if (gf.timeout > 0)
    gf.timeout_id = g_timeout_add ((guint) MIN (gf.timeout * 1000, G_MAXUINT),
                                   timeout_cb, &gf);

  fetch_client_fetch_with_controller_async (gf.client, request, gf.controller,
                                            gf.cancellable, fetched_cb, &gf);
  g_main_loop_run (gf.loop);

  status = gf.exit_status;
  g_clear_object (&request);
  gfetch_clear (&gf);
  return status;
}
