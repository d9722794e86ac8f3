/* download.c: stream a large download to a file, with progress.
 *
 *   download URL FILE
 *
 * The body is spliced from the response stream to the file as it
 * arrives, so memory use stays flat whatever the size. Progress comes
 * from the FetchController's "download-progress" signal; Ctrl+C aborts
 * the fetch through the same controller. At the end, the fetch timing
 * info gives the transfer time.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <unistd.h>

#include <glib-unix.h>
#include <libfetch-glib/fetch.h>

typedef struct {
  GMainLoop       *loop;
  FetchController *controller;
  GFile           *file;
  FetchResponse   *response;
  gboolean         tty;           /* progress redrawn in place */
  int              last_step;     /* last tenth printed when not a tty */
  int              status;
} Download;

static void
finish (Download     *dl,
        const GError *error)
{
  if (error != NULL)
    {
      if (dl->tty)
        g_printerr ("\n");
      g_printerr ("download: %s\n", error->message);
      dl->status = 1;
    }
  g_main_loop_quit (dl->loop);
}

/* "download-progress": received bytes so far, and the Content-Length or
 * -1 when it is unknown (a chunked or content-encoded body). Emitted on
 * the main context that reads the body, so it is safe to update a user
 * interface from here. */
static void
on_download_progress (FetchController *controller,
                      guint64          received,
                      gint64           total,
                      gpointer         user_data)
{
  Download *dl = user_data;

  if (dl->tty)
    {
      if (total > 0)
        g_printerr ("\r%" G_GUINT64_FORMAT " of %" G_GINT64_FORMAT " bytes (%d%%)",
                    received, total, (int) (received * 100 / total));
      else
        g_printerr ("\r%" G_GUINT64_FORMAT " bytes", received);
    }
  else if (total > 0)
    {
      /* Not a terminal: one line per tenth. */
      int step = (int) (received * 10 / total);

      if (step > dl->last_step)
        {
          dl->last_step = step;
          g_printerr ("%d%%\n", step * 10);
        }
    }
}

static void
print_summary (Download *dl)
{
  g_autoptr(FetchTimingInfo) timing = fetch_controller_get_timing_info (dl->controller);
  double seconds;

  if (dl->tty)
    g_printerr ("\n");
  /* Available once the body has been read to the end. */
  if (timing == NULL)
    return;
  seconds = (timing->end_time - timing->start_time) / (double) G_USEC_PER_SEC;
  g_printerr ("%" G_GUINT64_FORMAT " bytes in %.2f s (%.1f MiB/s)\n",
              timing->decoded_body_size, seconds,
              seconds > 0 ? timing->decoded_body_size / seconds / (1024 * 1024) : 0.0);
}

static void
on_spliced (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Download *dl = user_data;
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    {
      /* The body stream failed: the connection broke, the body was
       * shorter than its Content-Length, or the fetch was aborted (the
       * error is then the abort reason). Don't leave half a file. */
      g_file_delete (dl->file, NULL, NULL);
      finish (dl, error);
      return;
    }
  print_summary (dl);
  finish (dl, NULL);
}

static void
on_file_replaced (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Download *dl = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) out = NULL;

  out = g_file_replace_finish (G_FILE (source), result, &error);
  if (out == NULL)
    {
      fetch_controller_abort (dl->controller, NULL);
      finish (dl, error);
      return;
    }

  /* The body is a GInputStream that reads from the network as it goes:
   * splice it into the file and close both at the end. */
  g_output_stream_splice_async (G_OUTPUT_STREAM (out),
                                fetch_response_get_body (dl->response),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_spliced, dl);
}

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Download *dl = user_data;
  g_autoptr(GError) error = NULL;

  dl->response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &error);
  if (dl->response == NULL)
    {
      finish (dl, error);
      return;
    }
  if (!fetch_response_get_ok (dl->response))
    {
      g_autoptr(GError) status_error =
        g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u %s",
                     fetch_response_get_status (dl->response),
                     fetch_response_get_status_text (dl->response));
      finish (dl, status_error);
      return;
    }
  /* A null body (a 204, say) is an empty file. */
  if (fetch_response_get_body (dl->response) == NULL)
    {
      if (!g_file_replace_contents (dl->file, "", 0, NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, NULL, &error))
        finish (dl, error);
      else
        finish (dl, NULL);
      return;
    }

  g_file_replace_async (dl->file, NULL, FALSE, G_FILE_CREATE_NONE,
                        G_PRIORITY_DEFAULT, NULL, on_file_replaced, dl);
}

static gboolean
on_sigint (gpointer user_data)
{
  Download *dl = user_data;

  /* Aborts wherever the fetch is: connecting, waiting for headers, or
   * reading the body (the splice then fails with the abort error). */
  fetch_controller_abort (dl->controller, NULL);
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchRequest) request = NULL;
  Download dl = { 0 };
  guint sigint_id;

  if (argc != 3)
    {
      g_printerr ("usage: %s URL FILE\n", argv[0]);
      return 2;
    }

  request = fetch_request_new (argv[1], NULL, &error);
  if (request == NULL)
    {
      g_printerr ("download: %s\n", error->message);
      return 2;
    }

  dl.loop = g_main_loop_new (NULL, FALSE);
  dl.file = g_file_new_for_commandline_arg (argv[2]);
  dl.tty = isatty (STDERR_FILENO);
  dl.controller = fetch_controller_new ();
  g_signal_connect (dl.controller, "download-progress",
                    G_CALLBACK (on_download_progress), &dl);
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &dl);

  /* A controller serves one fetch: it aborts it and reports on it. */
  fetch_client_fetch_with_controller_async (fetch_client_get_default (), request,
                                            dl.controller, NULL, on_response, &dl);
  g_main_loop_run (dl.loop);

  g_source_remove (sigint_id);
  g_clear_object (&dl.response);
  g_object_unref (dl.controller);
  g_object_unref (dl.file);
  g_main_loop_unref (dl.loop);
  return dl.status;
}
