/* post-json.c: POST a JSON document and print the answer.
 *
 *   post-json URL [NAME]
 *
 * Sends {"name": NAME, "tags": ["fetch", "glib"]} with the headers an
 * API expects, on a client of its own with its own User-Agent, and
 * prints the response status and body.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <libfetch-glib/fetch.h>

typedef struct {
  GMainLoop *loop;
  int        status;
} App;

static char *
build_document (const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "fetch");
  json_builder_add_string_value (builder, "glib");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The request: what fetch(url, {method, headers, body}) builds. */
static FetchRequest *
build_request (FetchClient  *client,
               const char   *url,
               const char   *name,
               GError      **error)
{
  const char * const header_pairs[] = {
    "Content-Type", "application/json",
    "Accept", "application/json, text/plain;q=0.9",
    NULL
  };
  g_autoptr(FetchHeaders) headers = NULL;
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchBodyInit) body = NULL;
  g_autofree char *document = build_document (name);

  /* Name/value pairs, as in `new Headers([[name, value], ...])`. */
  headers = fetch_headers_new_from_pairs (header_pairs, error);
  if (headers == NULL)
    return NULL;

  /* A string body is sent as UTF-8; its own Content-Type would be
   * text/plain, but the header set above takes precedence. */
  body = fetch_body_init_new_string (document);

  fetch_request_init_set_method (init, "POST");
  fetch_request_init_set_headers (init, headers);
  fetch_request_init_set_body (init, body);

  /* Resolved against the client's base URL if it is relative. */
  return fetch_request_new_for_client (client, url, init, error);
}

static void
on_text (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = fetch_response_text_finish (FETCH_RESPONSE (source), result, &error);
  if (text == NULL)
    {
      g_printerr ("post-json: %s\n", error->message);
      app->status = 1;
    }
  else
    g_print ("%s\n", text);
  g_main_loop_quit (app->loop);
}

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;

  response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &error);
  if (response == NULL)
    {
      g_printerr ("post-json: %s\n", error->message);
      app->status = 1;
      g_main_loop_quit (app->loop);
      return;
    }

  g_print ("%u %s\n", fetch_response_get_status (response),
           fetch_response_get_status_text (response));
  /* Like response.ok: false for a status outside 200-299. */
  if (!fetch_response_get_ok (response))
    app->status = 1;
  fetch_response_text_async (response, NULL, on_text, app);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchClient) client = NULL;
  g_autoptr(FetchRequest) request = NULL;
  App app = { NULL, 0 };

  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: %s URL [NAME]\n", argv[0]);
      return 2;
    }

  /* A client is the environment fetches run in: its own connections,
   * user agent, base URL and origin. */
  client = fetch_client_new ();
  fetch_client_set_user_agent (client, "post-json-example/1.0");

  request = build_request (client, argv[1], argc == 3 ? argv[2] : "libfetch-glib", &error);
  if (request == NULL)
    {
      /* A TypeError: a bad URL, header or method. */
      g_printerr ("post-json: %s\n", error->message);
      return 2;
    }

  app.loop = g_main_loop_new (NULL, FALSE);
  fetch_client_fetch_async (client, request, NULL, on_response, &app);
  g_main_loop_run (app.loop);
  g_main_loop_unref (app.loop);
  return app.status;
}
