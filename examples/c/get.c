/* get.c: fetch a URL asynchronously and print the response.
 *
 *   get URL
 *
 * Prints the status line and the headers, then the body: pretty-printed
 * when it is JSON, as text otherwise. Everything runs on a GMainLoop,
 * the way an application with a user interface would do it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <libfetch-glib/fetch.h>

typedef struct {
  GMainLoop *loop;
  int        status;   /* the exit status */
} App;

static void
fail (App          *app,
      const GError *error)
{
  g_printerr ("get: %s\n", error->message);
  app->status = 1;
  g_main_loop_quit (app->loop);
}

static gboolean
print_header (const char *name,
              const char *value,
              gpointer    user_data)
{
  g_print ("%s: %s\n", name, value);
  return TRUE;  /* go on */
}

static void
on_json (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  node = fetch_response_json_finish (FETCH_RESPONSE (source), result, &error);
  if (node == NULL)
    {
      fail (app, error);
      return;
    }
  text = json_to_string (node, TRUE);
  g_print ("%s\n", text);
  g_main_loop_quit (app->loop);
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
      fail (app, error);
      return;
    }
  g_print ("%s\n", text);
  g_main_loop_quit (app->loop);
}

/* Called as soon as the status and headers are in: the body has not
 * been read yet. */
static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = NULL;
  g_autofree char *content_type = NULL;
  FetchHeaders *headers;

  response = fetch_fetch_finish (result, &error);
  if (response == NULL)
    {
      /* A network error, an abort, or a TypeError (a bad URL...). An
       * HTTP error status is not an error: see fetch_response_get_ok(). */
      fail (app, error);
      return;
    }

  g_print ("%u %s\n", fetch_response_get_status (response),
           fetch_response_get_status_text (response));
  headers = fetch_response_get_headers (response);
  fetch_headers_foreach (headers, print_header, NULL);
  g_print ("\n");

  /* Header names are case-insensitive; the value is NULL when absent. */
  content_type = fetch_headers_get (headers, "Content-Type", NULL);
  if (content_type != NULL && g_str_has_prefix (content_type, "application/json"))
    fetch_response_json_async (response, NULL, on_json, app);
  else
    fetch_response_text_async (response, NULL, on_text, app);
  /* The body consumers keep the response alive until they finish. */
}

int
main (int    argc,
      char **argv)
{
  App app = { NULL, 0 };

  if (argc != 2)
    {
      g_printerr ("usage: %s URL\n", argv[0]);
      return 2;
    }

  app.loop = g_main_loop_new (NULL, FALSE);
  /* fetch(url) on the default client: no RequestInit. */
  fetch_fetch_async (argv[1], NULL, NULL, on_response, &app);
  g_main_loop_run (app.loop);
  g_main_loop_unref (app.loop);
  return app.status;
}
