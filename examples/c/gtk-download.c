/* gtk-download.c: a GTK 4 window that downloads a file with a progress bar.
 *
 *   gtk-download [--quit-when-done] URL [FILE]
 *
 * The GtkProgressBar follows the FetchController's "download-progress"
 * signal, which is emitted on GTK's main context as the body is read;
 * the Cancel button aborts the fetch through the same controller.
 * FILE defaults to the URL's last path segment in the current folder.
 * With --quit-when-done the window closes by itself at the end (the
 * tests run it so), and the exit status says whether the download
 * succeeded.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gtk/gtk.h>
#include <libfetch-glib/fetch.h>

typedef struct {
  char            *url;
  GFile           *file;
  gboolean         quit_when_done;
  int              status;      /* the exit status */

  GtkWindow       *window;
  GtkProgressBar  *progress;
  GtkLabel        *label;
  GtkButton       *button;

  FetchController *controller;
  FetchResponse   *response;
  gint64           last_pulse;
} Download;

static void
show_end (Download     *dl,
          const GError *error)
{
  g_autofree char *path = g_file_get_path (dl->file);

  dl->status = error != NULL;
  g_clear_object (&dl->controller);   /* the button now closes */
  if (error != NULL)
    g_printerr ("gtk-download: %s\n", error->message);
  if (dl->window == NULL)
    return;                           /* closed meanwhile */

  if (error == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Saved to %s", path);

      gtk_progress_bar_set_fraction (dl->progress, 1.0);
      gtk_label_set_text (dl->label, text);
    }
  else
    gtk_label_set_text (dl->label, error->message);
  gtk_button_set_label (dl->button, "Close");
  if (dl->quit_when_done)
    gtk_window_destroy (dl->window);
}

static void
on_download_progress (FetchController *controller,
                      guint64          received,
                      gint64           total,
                      gpointer         user_data)
{
  Download *dl = user_data;
  g_autofree char *done = NULL;

  if (dl->window == NULL)
    return;
  done = g_format_size (received);
  if (total > 0)
    {
      g_autofree char *size = g_format_size (total);
      g_autofree char *text = g_strdup_printf ("%s of %s", done, size);

      gtk_progress_bar_set_fraction (dl->progress, (double) received / total);
      gtk_progress_bar_set_text (dl->progress, text);
    }
  else
    {
      gint64 now = g_get_monotonic_time ();

      /* Unknown length: pulse, a few times a second at most. */
      if (now - dl->last_pulse > G_USEC_PER_SEC / 10)
        {
          dl->last_pulse = now;
          gtk_progress_bar_pulse (dl->progress);
        }
      gtk_progress_bar_set_text (dl->progress, done);
    }
}

static void
on_spliced (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Download *dl = user_data;
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    g_file_delete (dl->file, NULL, NULL);
  show_end (dl, error);
  g_application_release (g_application_get_default ());
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
      show_end (dl, error);
      g_application_release (g_application_get_default ());
      return;
    }
  /* The body streams into the file; the controller reports progress
   * while the splice reads it. */
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
  if (dl->response != NULL && !fetch_response_get_ok (dl->response))
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u %s",
                         fetch_response_get_status (dl->response),
                         fetch_response_get_status_text (dl->response));
  else if (dl->response != NULL && fetch_response_get_body (dl->response) == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "The response has no body");
  else if (dl->response != NULL && dl->window == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The window was closed");
  if (error != NULL)
    {
      show_end (dl, error);
      g_application_release (g_application_get_default ());
      return;
    }

  gtk_label_set_text (dl->label, "Downloading…");
  g_file_replace_async (dl->file, NULL, FALSE, G_FILE_CREATE_NONE,
                        G_PRIORITY_DEFAULT, NULL, on_file_replaced, dl);
}

static void
on_button_clicked (GtkButton *button,
                   gpointer   user_data)
{
  Download *dl = user_data;

  /* While the download runs, the button cancels it: the fetch, or the
   * splice reading its body, fails with the abort error. */
  if (dl->controller != NULL)
    fetch_controller_abort (dl->controller, NULL);
  else
    gtk_window_destroy (dl->window);
}

static void
on_window_destroy (GtkWidget *window,
                   gpointer   user_data)
{
  Download *dl = user_data;

  /* Closing the window gives up on the download. */
  dl->window = NULL;
  if (dl->controller != NULL)
    fetch_controller_abort (dl->controller, NULL);
}

static void
start_download (Download *dl)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchRequest) request = fetch_request_new (dl->url, NULL, &error);

  if (request == NULL)
    {
      show_end (dl, error);
      return;
    }

  dl->controller = fetch_controller_new ();
  g_signal_connect (dl->controller, "download-progress",
                    G_CALLBACK (on_download_progress), dl);
  /* Keep the application running while the download does. */
  g_application_hold (g_application_get_default ());
  fetch_client_fetch_with_controller_async (fetch_client_get_default (), request,
                                            dl->controller, NULL, on_response, dl);
}

static void
on_activate (GtkApplication *app,
             gpointer        user_data)
{
  Download *dl = user_data;
  GtkWidget *box, *title;

  dl->window = GTK_WINDOW (gtk_application_window_new (app));
  gtk_window_set_title (dl->window, "Download");
  gtk_window_set_default_size (dl->window, 420, -1);
  g_signal_connect (dl->window, "destroy", G_CALLBACK (on_window_destroy), dl);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_window_set_child (dl->window, box);

  title = gtk_label_new (dl->url);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (box), title);

  dl->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (dl->progress, TRUE);
  gtk_progress_bar_set_text (dl->progress, "");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dl->progress));

  dl->label = GTK_LABEL (gtk_label_new ("Connecting…"));
  gtk_label_set_wrap (dl->label, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dl->label));

  dl->button = GTK_BUTTON (gtk_button_new_with_label ("Cancel"));
  gtk_widget_set_halign (GTK_WIDGET (dl->button), GTK_ALIGN_END);
  g_signal_connect (dl->button, "clicked", G_CALLBACK (on_button_clicked), dl);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dl->button));

  gtk_window_present (dl->window);
  start_download (dl);
}

static GFile *
default_file (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *name = NULL;

  if (uri != NULL)
    name = g_path_get_basename (g_uri_get_path (uri));
  if (name == NULL || g_str_equal (name, "/") || g_str_equal (name, "."))
    return g_file_new_for_path ("download");
  return g_file_new_for_path (name);
}

int
main (int    argc,
      char **argv)
{
  gboolean quit_when_done = FALSE;
  const GOptionEntry entries[] = {
    { "quit-when-done", 0, 0, G_OPTION_ARG_NONE, &quit_when_done, "Close the window when the download ends", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("URL [FILE] — download a file");
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkApplication) app = NULL;
  Download dl = { 0 };

  /* Arguments are ours: GApplication gets none. */
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc < 2 || argc > 3)
    {
      g_printerr ("gtk-download: %s\n", error ? error->message : "expected URL [FILE]");
      return 2;
    }
  dl.url = argv[1];
  dl.file = argc == 3 ? g_file_new_for_commandline_arg (argv[2]) : default_file (argv[1]);
  dl.quit_when_done = quit_when_done;
  dl.status = 1;

  app = gtk_application_new ("org.example.FetchDownload", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &dl);
  g_application_run (G_APPLICATION (app), 1, argv);

  g_clear_object (&dl.controller);
  g_clear_object (&dl.response);
  g_object_unref (dl.file);
  return dl.status;
}
