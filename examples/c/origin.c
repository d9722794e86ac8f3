/* origin.c: fetch as a web page would.
 *
 *   origin [--mode MODE] [--credentials MODE] PAGE_URL URL
 *
 * Makes a client that stands for a page loaded from PAGE_URL: its
 * origin is PAGE_URL's origin and relative URLs resolve against
 * PAGE_URL, as in a browser tab. It then fetches URL with the given
 * request mode ("cors" by default, as fetch() does; "no-cors" or
 * "same-origin") and prints the response type, status and URL, or why
 * the fetch failed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <libfetch-glib/fetch.h>

typedef struct {
  GMainLoop *loop;
  int        status;
} App;

/* "no-cors" → FETCH_REQUEST_MODE_NO_CORS: every enum's value nicks are
 * the standard's strings. */
static gboolean
parse_enum (GType        type,
            const char  *nick,
            int         *value,
            GError     **error)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value_by_nick (enum_class, nick);

  if (enum_value == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "“%s” is not a valid %s", nick, g_type_name (type));
      return FALSE;
    }
  *value = enum_value->value;
  return TRUE;
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);

  /* The class stays alive: GLib never frees a static enum type's class. */
  return g_enum_get_value (enum_class, value)->value_nick;
}

/* A client for a page: the origin its fetches come from, and the base
 * URL its relative URLs resolve against. */
static FetchClient *
client_for_page (const char  *page_url,
                 GError     **error)
{
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(FetchOrigin) origin = fetch_origin_new_for_url (page_url, error);

  if (origin == NULL || !fetch_client_set_base_url (client, page_url, error))
    return NULL;
  fetch_client_set_origin (client, origin);
  return g_steal_pointer (&client);
}

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *url = NULL;

  response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &error);
  if (response == NULL)
    {
      /* A request blocked by the origin rules is a network error, as
       * fetch() rejects with a TypeError in a browser. */
      g_print ("error: %s\n", error->message);
      app->status = 1;
      g_main_loop_quit (app->loop);
      return;
    }

  /* "basic" for a same-origin response, "cors" for a cross-origin one
   * the server shared, "opaque" for a "no-cors" cross-origin one:
   * status 0, no headers, no URL, an empty body. */
  url = fetch_response_get_url (response);
  g_print ("%s %u %s\n",
           enum_nick (FETCH_TYPE_RESPONSE_TYPE, fetch_response_get_response_type (response)),
           fetch_response_get_status (response), url);
  g_main_loop_quit (app->loop);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *mode = NULL;
  g_autofree char *credentials = NULL;
  const GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode, "Request mode: cors, no-cors, same-origin", "MODE" },
    { "credentials", 0, 0, G_OPTION_ARG_STRING, &credentials, "Credentials mode: omit, same-origin, include", "MODE" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("PAGE_URL URL — fetch as a page of PAGE_URL");
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchClient) client = NULL;
  g_autoptr(FetchRequestInit) init = fetch_request_init_new ();
  g_autoptr(FetchRequest) request = NULL;
  g_autofree char *request_url = NULL;
  App app = { NULL, 0 };
  int value;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("origin: %s\n", error ? error->message : "expected PAGE_URL and URL");
      return 2;
    }

  /* RequestInit members left unset keep the standard's defaults. */
  if (mode != NULL)
    {
      if (!parse_enum (FETCH_TYPE_REQUEST_MODE, mode, &value, &error))
        goto type_error;
      fetch_request_init_set_mode (init, value);
    }
  if (credentials != NULL)
    {
      if (!parse_enum (FETCH_TYPE_REQUEST_CREDENTIALS, credentials, &value, &error))
        goto type_error;
      fetch_request_init_set_credentials (init, value);
    }

  client = client_for_page (argv[1], &error);
  if (client == NULL)
    goto type_error;
  /* The request belongs to the client: URL parsed against its base URL,
   * referrer and origin taken from it. */
  request = fetch_request_new_for_client (client, argv[2], init, &error);
  if (request == NULL)
    goto type_error;
  request_url = fetch_request_get_url (request);
  g_print ("request %s from %s\n", request_url, argv[1]);

  app.loop = g_main_loop_new (NULL, FALSE);
  fetch_client_fetch_async (client, request, NULL, on_response, &app);
  g_main_loop_run (app.loop);
  g_main_loop_unref (app.loop);
  return app.status;

type_error:
  g_printerr ("origin: %s\n", error->message);
  return 2;
}
