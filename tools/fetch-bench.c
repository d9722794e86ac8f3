/* fetch-bench.c: the project's benchmark tool (see the benchmark interface:
 * `--url URL --requests N --concurrency C [--method GET|POST]
 * [--body-size BYTES]`, one result line on stdout).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each request goes through the public Fetch API as an application's
 * would: `fetch(url, init)` (fetch_client_fetch_url_async()) on one
 * FetchClient with one RequestInit, a status outside 200-299 treated as
 * a failure, and the whole body read through the response's body stream
 * in 64 KiB chunks and discarded. soup-bench does the same
 * work on a bare SoupSession; the ratio of the two is the cost of the
 * Fetch layer.
 */
#include "config.h"

#include <libfetch-glib/fetch.h>

#include "bench-common.h"

typedef struct _Bench Bench;

/* One in-flight request; reused for the next request when its body has
 * been read to the end, so its buffer is allocated once. */
typedef struct {
  Bench         *bench;
  FetchResponse *response;
  GInputStream  *body;
  guint8        *buffer;
} Slot;

struct _Bench {
  BenchOptions      opts;
  FetchClient      *client;
  FetchRequestInit *init;
  GMainLoop        *loop;
  Slot             *slots;
  guint             started;
  guint             completed;
  guint64           bytes;
};

static void slot_start (Slot *slot);

static G_GNUC_NORETURN void
bench_fail (const char *what,
            const char *message)
{
  g_printerr ("fetch-bench: %s: %s\n", what, message);
  exit (1);
}

static void
slot_finish (Slot *slot)
{
  Bench *bench = slot->bench;

  g_clear_object (&slot->body);
  g_clear_object (&slot->response);
  bench->completed++;
  if (bench->started < bench->opts.requests)
    slot_start (slot);
  else if (bench->completed == bench->opts.requests)
    g_main_loop_quit (bench->loop);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Slot *slot = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    bench_fail ("reading the body", error->message);
  if (n == 0)
    {
      slot_finish (slot);
      return;
    }
  slot->bench->bytes += n;
  g_input_stream_read_async (slot->body, slot->buffer, BENCH_CHUNK_SIZE,
                             G_PRIORITY_DEFAULT, NULL, read_cb, slot);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Slot *slot = user_data;
  g_autoptr(GError) error = NULL;
  GInputStream *body;

  slot->response = fetch_client_fetch_finish (FETCH_CLIENT (source), result, &error);
  if (slot->response == NULL)
    bench_fail ("fetch failed", error->message);
  if (!fetch_response_get_ok (slot->response))
    {
      g_autofree char *message =
        g_strdup_printf ("%u %s", fetch_response_get_status (slot->response),
                         fetch_response_get_status_text (slot->response));
      bench_fail ("bad status", message);
    }

  /* The response's body stream: the library's ReadableStream reader. */
  body = fetch_response_get_body (slot->response);
  if (body == NULL)
    {
      slot_finish (slot);
      return;
    }
  slot->body = g_object_ref (body);
  g_input_stream_read_async (slot->body, slot->buffer, BENCH_CHUNK_SIZE,
                             G_PRIORITY_DEFAULT, NULL, read_cb, slot);
}

static void
slot_start (Slot *slot)
{
  Bench *bench = slot->bench;

  bench->started++;
  fetch_client_fetch_url_async (bench->client, bench->opts.url, bench->init,
                                NULL, fetch_cb, slot);
}

int
main (int    argc,
      char **argv)
{
  Bench bench = { 0 };
  guint in_flight;
  gint64 start, end;

  bench_parse_args (argc, argv, &bench.opts);

  /* The client's connection limits must admit C connections to the host
   * (construct-only: they size the client's session). */
  bench.client = g_object_new (FETCH_TYPE_CLIENT,
                               "max-connections", (int) MAX (bench.opts.concurrency, 10),
                               "max-connections-per-host", (int) bench.opts.concurrency,
                               NULL);
  bench.loop = g_main_loop_new (NULL, FALSE);

  /* One RequestInit for all requests, as a script reusing one init object:
   * for POST, a body of BYTES bytes from one shared GBytes (extracted
   * without copying, sent with its Content-Length). */
  bench.init = fetch_request_init_new ();
  if (bench.opts.post)
    {
      guint8 *data = g_malloc (bench.opts.body_size);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(FetchBodyInit) body = NULL;

      memset (data, 'x', bench.opts.body_size);
      bytes = g_bytes_new_take (data, bench.opts.body_size);
      body = fetch_body_init_new_bytes (bytes);
      fetch_request_init_set_method (bench.init, "POST");
      fetch_request_init_set_body (bench.init, body);
    }

  /* Reject a URL the Fetch layer refuses before anything is timed. */
  {
    g_autoptr(FetchRequest) probe = NULL;
    g_autoptr(GError) error = NULL;

    probe = fetch_request_new_for_client (bench.client, bench.opts.url,
                                          NULL, &error);
    if (probe == NULL)
      bench_usage_error ("fetch-bench", error->message);
  }

  in_flight = MIN (bench.opts.concurrency, bench.opts.requests);
  bench.slots = g_new0 (Slot, in_flight);
  for (guint i = 0; i < in_flight; i++)
    {
      bench.slots[i].bench = &bench;
      bench.slots[i].buffer = g_malloc (BENCH_CHUNK_SIZE);
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < in_flight; i++)
    slot_start (&bench.slots[i]);
  g_main_loop_run (bench.loop);
  end = g_get_monotonic_time ();

  bench_print_result (bench.completed, end - start, bench.bytes);

  for (guint i = 0; i < in_flight; i++)
    g_free (bench.slots[i].buffer);
  g_free (bench.slots);
  fetch_request_init_unref (bench.init);
  g_main_loop_unref (bench.loop);
  g_object_unref (bench.client);
  g_free (bench.opts.url);
  return 0;
}
