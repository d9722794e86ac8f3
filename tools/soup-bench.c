/* soup-bench.c: the benchmark interface of fetch-bench, implemented directly
 * on a plain libsoup 3 SoupSession. It is the baseline fetch-bench is
 * compared with: the same requests, the same chunked body reads, the same
 * connection limits, without the Fetch layer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "bench-common.h"

typedef struct _Bench Bench;

/* One in-flight request; a slot is reused for the next request when its
 * body has been read to the end, so its buffer is allocated once. */
typedef struct {
  Bench        *bench;
  SoupMessage  *msg;
  GInputStream *stream;
  guint8       *buffer;
} Slot;

struct _Bench {
  BenchOptions  opts;
  SoupSession  *session;
  GBytes       *request_body;
  GMainLoop    *loop;
  Slot         *slots;
  guint         started;
  guint         completed;
  guint64       bytes;
};

static void slot_start (Slot *slot);

static G_GNUC_NORETURN void
bench_fail (const char *what,
            const char *message)
{
  g_printerr ("soup-bench: %s: %s\n", what, message);
  exit (1);
}

static void
slot_finish (Slot *slot)
{
  Bench *bench = slot->bench;

  g_clear_object (&slot->stream);
  g_clear_object (&slot->msg);
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
  g_input_stream_read_async (slot->stream, slot->buffer, BENCH_CHUNK_SIZE,
                             G_PRIORITY_DEFAULT, NULL, read_cb, slot);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Slot *slot = user_data;
  g_autoptr(GError) error = NULL;
  guint status;

  slot->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (slot->stream == NULL)
    bench_fail ("request failed", error->message);
  status = soup_message_get_status (slot->msg);
  if (status < 200 || status > 299)
    {
      g_autofree char *message = g_strdup_printf ("%u %s", status,
                                                  soup_message_get_reason_phrase (slot->msg));
      bench_fail ("bad status", message);
    }
  g_input_stream_read_async (slot->stream, slot->buffer, BENCH_CHUNK_SIZE,
                             G_PRIORITY_DEFAULT, NULL, read_cb, slot);
}

static void
slot_start (Slot *slot)
{
  Bench *bench = slot->bench;

  bench->started++;
  slot->msg = soup_message_new (bench->opts.post ? "POST" : "GET", bench->opts.url);
  if (bench->opts.post)
    /* Sets Content-Length from the bytes' size; the GBytes is shared, not
     * copied. */
    soup_message_set_request_body_from_bytes (slot->msg, NULL, bench->request_body);
  soup_session_send_async (bench->session, slot->msg, G_PRIORITY_DEFAULT,
                           NULL, send_cb, slot);
}

int
main (int    argc,
      char **argv)
{
  Bench bench = { 0 };
  guint in_flight;
  gint64 start, end;

  bench_parse_args (argc, argv, &bench.opts);
  {
    g_autoptr(GUri) uri = g_uri_parse (bench.opts.url, SOUP_HTTP_URI_FLAGS, NULL);
    const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

    if (scheme == NULL || g_uri_get_host (uri) == NULL ||
        (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
      bench_usage_error ("soup-bench", "--url must be an absolute http(s) URL");
  }

  /* libsoup's defaults (2 per host, 10 in all) would queue requests. */
  bench.session = soup_session_new_with_options (
      "max-conns", MAX (bench.opts.concurrency, 10),
      "max-conns-per-host", bench.opts.concurrency,
      NULL);
  bench.loop = g_main_loop_new (NULL, FALSE);
  if (bench.opts.post)
    {
      guint8 *data = g_malloc (bench.opts.body_size);
      memset (data, 'x', bench.opts.body_size);
      bench.request_body = g_bytes_new_take (data, bench.opts.body_size);
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
  g_clear_pointer (&bench.request_body, g_bytes_unref);
  g_main_loop_unref (bench.loop);
  g_object_unref (bench.session);
  g_free (bench.opts.url);
  return 0;
}
