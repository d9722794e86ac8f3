/* bench-common.h: the command line and result line shared by fetch-bench
 * and soup-bench, so both tools implement the benchmark interface the same
 * way and differ only in the client they drive.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every body is read in chunks of this size. */
#define BENCH_CHUNK_SIZE (64 * 1024)

typedef struct {
  char    *url;
  guint    requests;
  guint    concurrency;
  gboolean post;
  gsize    body_size;
} BenchOptions;

static G_GNUC_NORETURN void
bench_usage_error (const char *prog,
                   const char *message)
{
  fprintf (stderr, "%s: %s\n"
           "Usage: %s --url URL --requests N --concurrency C"
           " [--method GET|POST] [--body-size BYTES]\n",
           prog, message, prog);
  exit (2);
}

static guint64
bench_parse_number (const char *prog,
                    const char *name,
                    const char *value,
                    guint64     min,
                    guint64     max)
{
  guint64 n = 0;
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (value, 10, min, max, &n, &error))
    {
      g_autofree char *message = g_strdup_printf ("invalid value for %s: %s",
                                                  name, error->message);
      bench_usage_error (prog, message);
    }
  return n;
}

/* Options are `--name value` pairs in any order; anything else is bad
 * usage (exit status 2). */
static void
bench_parse_args (int           argc,
                  char        **argv,
                  BenchOptions *opts)
{
  const char *slash = strrchr (argv[0], '/');
  const char *prog = slash ? slash + 1 : argv[0];
  gboolean have_requests = FALSE, have_concurrency = FALSE;

  *opts = (BenchOptions) { 0 };
  for (int i = 1; i < argc; i += 2)
    {
      const char *name = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;

      if (g_str_equal (name, "--help") || g_str_equal (name, "-h"))
        {
          printf ("Usage: %s --url URL --requests N --concurrency C"
                  " [--method GET|POST] [--body-size BYTES]\n", prog);
          exit (0);
        }
      if (value == NULL)
        {
          g_autofree char *message = g_strdup_printf ("missing value for %s", name);
          bench_usage_error (prog, message);
        }
      if (g_str_equal (name, "--url"))
        {
          g_free (opts->url);
          opts->url = g_strdup (value);
        }
      else if (g_str_equal (name, "--requests"))
        {
          opts->requests = bench_parse_number (prog, name, value, 1, G_MAXUINT);
          have_requests = TRUE;
        }
      else if (g_str_equal (name, "--concurrency"))
        {
          opts->concurrency = bench_parse_number (prog, name, value, 1, 65536);
          have_concurrency = TRUE;
        }
      else if (g_str_equal (name, "--method"))
        {
          if (g_str_equal (value, "POST"))
            opts->post = TRUE;
          else if (g_str_equal (value, "GET"))
            opts->post = FALSE;
          else
            bench_usage_error (prog, "--method must be GET or POST");
        }
      else if (g_str_equal (name, "--body-size"))
        opts->body_size = bench_parse_number (prog, name, value, 0, G_MAXSIZE / 2);
      else
        {
          g_autofree char *message = g_strdup_printf ("unknown option %s", name);
          bench_usage_error (prog, message);
        }
    }
  if (opts->url == NULL || !have_requests || !have_concurrency)
    bench_usage_error (prog, "--url, --requests and --concurrency are required");
  if (!g_uri_is_valid (opts->url, G_URI_FLAGS_NONE, NULL))
    bench_usage_error (prog, "--url must be an absolute URL");
}

/* The one line of the interface, in plain decimals. */
static void
bench_print_result (guint   requests,
                    gint64  usec,
                    guint64 bytes)
{
  double seconds = usec / 1e6;

  if (seconds <= 0)
    seconds = 1e-6;
  printf ("requests=%u seconds=%.6f rps=%.2f bytes=%" G_GUINT64_FORMAT
          " MBps=%.3f\n",
          requests, seconds, requests / seconds, bytes,
          bytes / seconds / 1e6);
  fflush (stdout);
}
