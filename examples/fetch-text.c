/* fetch-text.c: fetch a URL and print its status and body.
 *
 *   fetch-text URL
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include <libfetch-glib/fetch.h>

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchRequest) request = NULL;
  g_autoptr(FetchResponse) response = NULL;
  GInputStream *body;

  if (argc != 2)
    {
      g_printerr ("usage: %s URL\n", argv[0]);
      return 2;
    }

  request = fetch_request_new (argv[1], NULL, &error);
  if (request != NULL)
    response = fetch_client_fetch_sync (fetch_client_get_default (), request,
                                        NULL, &error);
  if (response == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("%u %s\n", fetch_response_get_status (response),
           fetch_response_get_status_text (response));

  /* The body is a GInputStream: stream it to standard output. */
  body = fetch_response_get_body (response);
  while (body != NULL)
    {
      char buffer[16384];
      gssize n = g_input_stream_read (body, buffer, sizeof buffer, NULL, &error);

      if (n < 0)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (n == 0)
        break;
      fwrite (buffer, 1, n, stdout);
    }
  g_print ("\n");
  return 0;
}
