/* abort.c: give up on a fetch after a timeout.
 *
 *   abort [--cancellable] MILLISECONDS URL
 *
 * Fetches URL and reads its body, but aborts the fetch if it is not
 * over after MILLISECONDS. By default it aborts through a
 * FetchController with a reason of its own (as AbortSignal.timeout()
 * does in a browser); with --cancellable it cancels a GCancellable
 * instead, which aborts with the standard's "AbortError"
 * (FETCH_ERROR_ABORTED). The abort reaches the fetch wherever it is:
 * connecting, waiting for the headers, or in the middle of the body.
 *
 * Exit status: 0 when the body was read whole, 3 when aborted, 1 on any
 * other error.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>

#include <libfetch-glib/fetch.h>

#define BUFFER_SIZE 16384

typedef struct {
  GMainLoop       *loop;
  FetchController *controller;
  GCancellable    *cancellable;   /* with --cancellable */
  guint            milliseconds;
  guint            timeout_id;
  FetchResponse   *response;
  GInputStream    *body;
  guint64          received;
  char             buffer[BUFFER_SIZE];
  int              status;
} Fetch;

static gboolean
on_timeout (gpointer user_data)
{
  Fetch *f = user_data;

  f->timeout_id = 0;
  if (f->cancellable != NULL)
    g_cancellable_cancel (f->cancellable);
  else
    {
      /* Any GError can be the reason: the fetch, or its body stream,
       * fails with a copy of it. */
      g_autoptr(GError) reason =
        g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                     "Timed out after %u ms", f->milliseconds);

      fetch_controller_abort (f->controller, reason);
    }
  return G_SOURCE_REMOVE;
}

static void
done (Fetch        *f,
      const char   *when,
      const GError *error)
{
  if (error == NULL)
    g_print ("done: %" G_GUINT64_FORMAT " bytes\n", f->received);
  else if (fetch_controller_get_state (f->controller) == FETCH_CONTROLLER_STATE_ABORTED)
    {
      /* The error is the reason given to fetch_controller_abort(), or
       * FETCH_ERROR_ABORTED when there was none (a GCancellable). */
      g_print ("aborted %s: %s\n", when, error->message);
      f->status = 3;
    }
  else
    {
      g_print ("failed %s: %s\n", when, error->message);
      f->status = 1;
    }
  g_main_loop_quit (f->loop);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fetch *f = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (f->body, result, &error);
  if (n < 0)
    {
      g_autofree char *when = g_strdup_printf ("after %" G_GUINT64_FORMAT " bytes of the body",
                                               f->received);
      done (f, when, error);
      return;
    }
  if (n == 0)
    {
      done (f, NULL, NULL);
      return;
    }
  f->received += n;
  g_input_stream_read_async (f->body, f->buffer, sizeof f->buffer, G_PRIORITY_DEFAULT,
                             NULL, on_read, f);
}

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fetch *f = user_data;
  g_autoptr(GError) error = NULL;

  f->response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &error);
  if (f->response == NULL)
    {
      done (f, "before the response", error);
      return;
    }
  g_print ("%u %s\n", fetch_response_get_status (f->response),
           fetch_response_get_status_text (f->response));
  f->body = fetch_response_get_body (f->response);
  if (f->body == NULL)
    {
      done (f, NULL, NULL);
      return;
    }
  /* The abort still applies while the body streams: no need to pass a
   * cancellable to each read. */
  g_input_stream_read_async (f->body, f->buffer, sizeof f->buffer, G_PRIORITY_DEFAULT,
                             NULL, on_read, f);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autofree Fetch *f = g_new0 (Fetch, 1);
  gboolean use_cancellable = FALSE;

  if (argc == 4 && g_str_equal (argv[1], "--cancellable"))
    {
      use_cancellable = TRUE;
      argv++;
      argc--;
    }
  if (argc != 3)
    {
      g_printerr ("usage: %s [--cancellable] MILLISECONDS URL\n", argv[0]);
      return 2;
    }

  request = fetch_request_new (argv[2], NULL, &error);
  if (request == NULL)
    {
      g_printerr ("abort: %s\n", error->message);
      return 2;
    }

  f->loop = g_main_loop_new (NULL, FALSE);
  f->milliseconds = strtoul (argv[1], NULL, 10);
  f->controller = fetch_controller_new ();
  if (use_cancellable)
    f->cancellable = g_cancellable_new ();
  f->timeout_id = g_timeout_add (f->milliseconds, on_timeout, f);

  fetch_client_fetch_with_controller_async (fetch_client_get_default (), request,
                                            f->controller, f->cancellable,
                                            on_response, f);
  g_main_loop_run (f->loop);

  /* Over in time: the timeout must not fire any more. */
  g_clear_handle_id (&f->timeout_id, g_source_remove);
  g_clear_object (&f->response);
  g_clear_object (&f->cancellable);
  g_object_unref (f->controller);
  g_main_loop_unref (f->loop);
  return f->status;
}
