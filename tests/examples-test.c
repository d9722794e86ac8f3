/* examples-test.c: the C examples of the guides really run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   examples-test [GTest options] EXAMPLES_DIR [GTK_DOWNLOAD [XVFB_RUN]]
 *
 * Runs each program of examples/c/ (built in EXAMPLES_DIR) with
 * GSubprocess against the in-process test server on 127.0.0.1, and
 * checks its exit status and output. The GTK 4 example runs under
 * xvfb-run when both paths are given (non-empty); it is skipped
 * otherwise.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "test-server.h"

static const char *examples_dir;
static const char *gtk_download;
static const char *xvfb_run;
static TestServer *server;
static char *tmp_dir;

typedef struct {
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* Runs argv (NULL-terminated) while the main context keeps the test
 * server serving. */
static Run *
run_argv (GSubprocessLauncher *launcher,
          const char * const  *argv)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) out = NULL, err = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_async (proc, NULL, NULL, test_store_result, &result);
  test_wait_for_result (&result);
  g_subprocess_communicate_finish (proc, result, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  run->status = g_subprocess_get_exit_status (proc);
  run->out = g_strndup (g_bytes_get_data (out, NULL) ?: "", g_bytes_get_size (out));
  run->err = g_strndup (g_bytes_get_data (err, NULL) ?: "", g_bytes_get_size (err));
  /* The start of the output is enough for a log. */
  g_test_message ("%s: status %d\nstdout: %.2000s\nstderr: %.2000s", argv[0], run->status,
                  run->out, run->err);
  return run;
}

/* Runs the example NAME with the NULL-terminated arguments. */
static Run *
run_example (const char *name,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  g_ptr_array_add (args, g_build_filename (examples_dir, name, NULL));
  va_start (ap, name);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_argv (launcher, (const char * const *) args->pdata);
}

static char *
url (const char *path)
{
  return test_server_url (server, path);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* The bytes the server's /bytes/N and /stream/N send. */
static void
assert_pattern_file (const char *path,
                     gsize       size)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, size);
  for (gsize i = 0; i < length; i += 4093)
    g_assert_cmpint (contents[i], ==, '0' + (i % (64 * 1024)) % 10);
}

/* ---- fetch-text (examples/, the README's) -------------------------------- */

static void
test_fetch_text_http (void)
{
  g_autofree char *big = url ("/bytes/1000000");
  g_autoptr(Run) run = run_example ("../fetch-text", big, NULL);

  g_test_summary ("fetch-text: the synchronous API over HTTP, the body read to the end");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "200 OK\n0123456789"));
  g_assert_cmpuint (strlen (run->out), ==, strlen ("200 OK\n") + 1000000 + 1);
}

/* ---- get ---------------------------------------------------------------- */

static void
test_get_json (void)
{
  g_autoptr(Run) run = run_example ("get", "data:application/json,{\"a\":[1,2]}", NULL);

  g_test_summary ("get prints the status, the headers and a JSON body pretty-printed");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "200 OK\n"));
  g_assert_nonnull (strstr (run->out, "content-type: application/json\n"));
  g_assert_nonnull (strstr (run->out, "\"a\" : [\n"));
}

static void
test_get_http (void)
{
  g_autofree char *echo = url ("/echo?x=1");
  g_autoptr(Run) run = run_example ("get", echo, NULL);

  g_test_summary ("get fetches over HTTP and prints a text body");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "200 OK\n"));
  g_assert_nonnull (strstr (run->out, "content-type: text/plain\n"));
  g_assert_nonnull (strstr (run->out, "\nGET /echo?x=1\n"));
}

static void
test_get_errors (void)
{
  g_autoptr(Run) bad_url = run_example ("get", "http://exa mple.com/", NULL);
  g_autoptr(Run) bad_scheme = run_example ("get", "gopher://example.com/", NULL);
  g_autoptr(Run) not_found = NULL;
  g_autofree char *missing = url ("/status/404");

  g_test_summary ("get fails with a message on a TypeError or a network error, "
                  "not on an HTTP error status");
  g_assert_cmpint (bad_url->status, ==, 1);
  g_assert_true (g_str_has_prefix (bad_url->err, "get: "));
  g_assert_cmpint (bad_scheme->status, ==, 1);
  g_assert_true (g_str_has_prefix (bad_scheme->err, "get: "));

  not_found = run_example ("get", missing, NULL);
  g_assert_cmpint (not_found->status, ==, 0);
  g_assert_true (g_str_has_prefix (not_found->out, "404 "));
}

/* ---- post-json ---------------------------------------------------------- */

static void
test_post_json (void)
{
  g_autofree char *echo = url ("/echo");
  g_autoptr(Run) run = run_example ("post-json", echo, "test", NULL);

  g_test_summary ("post-json sends a JSON document with its headers and user agent");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "200 OK\nPOST /echo\n"));
  g_assert_nonnull (strstr (run->out, "\nContent-Type: application/json\n"));
  g_assert_nonnull (strstr (run->out, "\nAccept: application/json, text/plain;q=0.9\n"));
  g_assert_nonnull (strstr (run->out, "\nUser-Agent: post-json-example/1.0\n"));
  g_assert_true (g_str_has_suffix (run->out, "\n\n{\"name\":\"test\",\"tags\":[\"fetch\",\"glib\"]}\n"));
}

static void
test_post_json_errors (void)
{
  g_autofree char *missing = url ("/status/404");
  g_autoptr(Run) not_found = run_example ("post-json", missing, NULL);
  g_autoptr(Run) bad_url = run_example ("post-json", "http://[::1/", NULL);

  g_test_summary ("post-json fails on a status that is not ok, and on a bad URL");
  g_assert_cmpint (not_found->status, ==, 1);
  g_assert_true (g_str_has_prefix (not_found->out, "404 "));
  g_assert_cmpint (bad_url->status, ==, 2);
  g_assert_true (g_str_has_prefix (bad_url->err, "post-json: "));
}

/* ---- download ----------------------------------------------------------- */

static void
test_download (void)
{
  g_autofree char *big = url ("/bytes/3000000");
  g_autofree char *file = tmp_path ("download.bin");
  g_autoptr(Run) run = run_example ("download", big, file, NULL);

  g_test_summary ("download streams a body of known length to a file with progress by tenths");
  g_assert_cmpint (run->status, ==, 0);
  assert_pattern_file (file, 3000000);
  g_assert_nonnull (strstr (run->err, "10%\n"));
  g_assert_nonnull (strstr (run->err, "\n100%\n3000000 bytes in "));
  g_assert_cmpint (g_unlink (file), ==, 0);
}

static void
test_download_chunked (void)
{
  g_autofree char *chunked = url ("/stream/1000000?chunked=1");
  g_autofree char *file = tmp_path ("chunked.bin");
  g_autoptr(Run) run = run_example ("download", chunked, file, NULL);

  g_test_summary ("download streams a body of unknown length (no percentages)");
  g_assert_cmpint (run->status, ==, 0);
  assert_pattern_file (file, 1000000);
  g_assert_null (strstr (run->err, "%"));
  g_assert_true (g_str_has_prefix (run->err, "1000000 bytes in "));
  g_assert_cmpint (g_unlink (file), ==, 0);
}

static void
test_download_errors (void)
{
  g_autofree char *missing = url ("/status/404");
  g_autofree char *truncated = url ("/short");
  g_autofree char *file = tmp_path ("error.bin");
  g_autoptr(Run) not_found = run_example ("download", missing, file, NULL);
  g_autoptr(Run) short_body = NULL;

  g_test_summary ("download fails on an HTTP error and on a truncated body, "
                  "leaving no file behind");
  g_assert_cmpint (not_found->status, ==, 1);
  g_assert_cmpstr (not_found->err, ==, "download: HTTP 404 Not Found\n");
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  short_body = run_example ("download", truncated, file, NULL);
  g_assert_cmpint (short_body->status, ==, 1);
  g_assert_nonnull (strstr (short_body->err, "download: "));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

/* ---- upload ------------------------------------------------------------- */

#define UPLOAD_SIZE 300000

static char *
make_upload_file (void)
{
  char *path = tmp_path ("notes.txt");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  while (text->len < UPLOAD_SIZE)
    g_string_append (text, "All work and no play makes Jack a dull boy.\n");
  g_string_truncate (text, UPLOAD_SIZE);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_upload_stream (void)
{
  g_autofree char *echo = url ("/echo");
  g_autofree char *file = make_upload_file ();
  g_autofree char *length = g_strdup_printf ("\nContent-Length: %d\n", UPLOAD_SIZE);
  g_autoptr(Run) run = run_example ("upload", echo, file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *body;

  g_test_summary ("upload streams a file as the request body with its length, "
                  "its type and upload progress");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "POST /echo\n"));
  g_assert_nonnull (strstr (run->out, "\nContent-Type: text/plain\n"));
  g_assert_nonnull (strstr (run->out, length));
  body = strstr (run->out, "\n\n");
  g_assert_nonnull (body);
  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (body + 2, ==, contents);
  g_assert_nonnull (strstr (run->err, "sent 100%\n"));
  g_assert_nonnull (strstr (run->err, "200 OK\n"));
  g_assert_cmpint (g_unlink (file), ==, 0);
}

static void
test_upload_put (void)
{
  g_autofree char *echo = url ("/echo");
  g_autofree char *file = make_upload_file ();
  g_autoptr(Run) run = run_example ("upload", "--method", "PUT", echo, file, NULL);

  g_test_summary ("upload --method sets the request method");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "PUT /echo\n"));
  g_assert_cmpint (g_unlink (file), ==, 0);
}

static void
test_upload_form (void)
{
  g_autofree char *echo = url ("/echo");
  g_autofree char *file = make_upload_file ();
  g_autoptr(Run) run = run_example ("upload", "--form", "attachment", echo, file, NULL);

  g_test_summary ("upload --form sends the file as a multipart/form-data entry");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "POST /echo\n"));
  g_assert_nonnull (strstr (run->out, "\nContent-Type: multipart/form-data; boundary="));
  g_assert_nonnull (strstr (run->out, "Content-Disposition: form-data; name=\"description\"\r\n\r\n"
                                      "uploaded by libfetch-glib\r\n"));
  g_assert_nonnull (strstr (run->out, "Content-Disposition: form-data; name=\"attachment\"; "
                                      "filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                                      "All work and no play"));
  g_assert_nonnull (strstr (run->err, "sent 100%\n"));
  g_assert_cmpint (g_unlink (file), ==, 0);
}

static void
test_upload_errors (void)
{
  g_autofree char *echo = url ("/echo");
  g_autofree char *missing = tmp_path ("missing.txt");
  g_autoptr(Run) no_file = run_example ("upload", echo, missing, NULL);
  g_autoptr(Run) get = NULL;
  g_autofree char *file = make_upload_file ();

  g_test_summary ("upload fails on a missing file, and on a GET with a body (a TypeError)");
  g_assert_cmpint (no_file->status, ==, 1);
  g_assert_true (g_str_has_prefix (no_file->err, "upload: "));

  get = run_example ("upload", "-X", "GET", echo, file, NULL);
  g_assert_cmpint (get->status, ==, 2);
  g_assert_true (g_str_has_prefix (get->err, "upload: "));
  g_assert_cmpint (g_unlink (file), ==, 0);
}

/* ---- abort -------------------------------------------------------------- */

static void
test_abort_headers (void)
{
  g_autofree char *stall = url ("/stall-headers");
  g_autoptr(Run) run = run_example ("abort", "200", stall, NULL);

  g_test_summary ("abort: a controller aborts a fetch waiting for its headers, with its reason");
  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "aborted before the response: Timed out after 200 ms\n");
}

static void
test_abort_body (void)
{
  g_autofree char *stall = url ("/stall-body");
  g_autoptr(Run) run = run_example ("abort", "1000", stall, NULL);

  g_test_summary ("abort: a controller aborts a fetch in the middle of its body");
  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "200 OK\naborted after 10 bytes of the body: Timed out after 1000 ms\n");
}

static void
test_abort_cancellable (void)
{
  g_autofree char *stall = url ("/stall-headers");
  g_autoptr(Run) run = run_example ("abort", "--cancellable", "200", stall, NULL);

  g_test_summary ("abort: a GCancellable aborts a fetch with the AbortError");
  g_assert_cmpint (run->status, ==, 3);
  g_assert_true (g_str_has_prefix (run->out, "aborted before the response: "));
}

static void
test_abort_in_time (void)
{
  g_autofree char *bytes = url ("/bytes/100000");
  g_autoptr(Run) run = run_example ("abort", "20000", bytes, NULL);

  g_test_summary ("abort: a fetch over before its timeout is not aborted");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "200 OK\ndone: 100000 bytes\n");
}

/* ---- origin ------------------------------------------------------------- */

static void
test_origin_same (void)
{
  g_autofree char *page = url ("/app/index.html");
  g_autofree char *echo = url ("/echo");
  g_autofree char *expected = g_strdup_printf ("request %s from %s\nbasic 200 %s\n", echo, page, echo);
  g_autoptr(Run) run = run_example ("origin", page, "/echo", NULL);

  g_test_summary ("origin: a relative URL resolves against the page; same-origin is basic");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, expected);
}

static void
test_origin_cross (void)
{
  g_autofree char *echo = url ("/echo");
  g_autoptr(Run) cors = run_example ("origin", "https://app.example/", echo, NULL);
  g_autoptr(Run) no_cors = run_example ("origin", "--mode", "no-cors", "https://app.example/", echo, NULL);
  g_autoptr(Run) same = run_example ("origin", "--mode", "same-origin", "https://app.example/", echo, NULL);

  g_test_summary ("origin: cross-origin, cors mode without the server's consent fails, "
                  "no-cors is opaque, same-origin mode fails");
  g_assert_cmpint (cors->status, ==, 1);
  g_assert_nonnull (strstr (cors->out, "\nerror: "));
  g_assert_cmpint (no_cors->status, ==, 0);
  g_assert_true (g_str_has_suffix (no_cors->out, "\nopaque 0 \n"));
  g_assert_cmpint (same->status, ==, 1);
  g_assert_nonnull (strstr (same->out, "\nerror: "));
}

static void
test_origin_errors (void)
{
  g_autoptr(Run) bad_mode = run_example ("origin", "--mode", "navigate-ish", "https://app.example/", "/", NULL);
  g_autoptr(Run) navigate = run_example ("origin", "--mode", "navigate", "https://app.example/", "/", NULL);

  g_test_summary ("origin: unknown mode, and mode navigate (a TypeError in the constructor)");
  g_assert_cmpint (bad_mode->status, ==, 2);
  g_assert_cmpint (navigate->status, ==, 2);
  g_assert_true (g_str_has_prefix (navigate->err, "origin: "));
}

/* ---- gtk-download ------------------------------------------------------- */

static void
test_gtk_download (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *big = url ("/bytes/2000000");
  g_autofree char *file = tmp_path ("gtk.bin");
  g_autoptr(Run) run = NULL;
  const char *argv[] = { xvfb_run, "-a", gtk_download, "--quit-when-done", big, file, NULL };

  g_test_summary ("gtk-download downloads a file in a window and quits (under xvfb-run)");
  if (gtk_download == NULL || xvfb_run == NULL)
    {
      g_test_skip ("gtk-download not built, or xvfb-run not found");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Software rendering, no accessibility bus: nothing but the X server. */
  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  run = run_argv (launcher, argv);
  g_assert_cmpint (run->status, ==, 0);
  assert_pattern_file (file, 2000000);
  g_assert_cmpint (g_unlink (file), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: %s EXAMPLES_DIR [GTK_DOWNLOAD [XVFB_RUN]]", argv[0]);
  examples_dir = argv[1];
  if (argc > 3 && argv[2][0] != '\0' && argv[3][0] != '\0')
    {
      gtk_download = argv[2];
      xvfb_run = argv[3];
    }

  tmp_dir = g_dir_make_tmp ("fetch-examples-XXXXXX", &error);
  g_assert_no_error (error);
  server = test_server_new ();

  g_test_add_func ("/examples/fetch-text/http", test_fetch_text_http);
  g_test_add_func ("/examples/get/json", test_get_json);
  g_test_add_func ("/examples/get/http", test_get_http);
  g_test_add_func ("/examples/get/errors", test_get_errors);
  g_test_add_func ("/examples/post-json/echo", test_post_json);
  g_test_add_func ("/examples/post-json/errors", test_post_json_errors);
  g_test_add_func ("/examples/download/content-length", test_download);
  g_test_add_func ("/examples/download/chunked", test_download_chunked);
  g_test_add_func ("/examples/download/errors", test_download_errors);
  g_test_add_func ("/examples/upload/stream", test_upload_stream);
  g_test_add_func ("/examples/upload/put", test_upload_put);
  g_test_add_func ("/examples/upload/form", test_upload_form);
  g_test_add_func ("/examples/upload/errors", test_upload_errors);
  g_test_add_func ("/examples/abort/headers", test_abort_headers);
  g_test_add_func ("/examples/abort/body", test_abort_body);
  g_test_add_func ("/examples/abort/cancellable", test_abort_cancellable);
  g_test_add_func ("/examples/abort/in-time", test_abort_in_time);
  g_test_add_func ("/examples/origin/same-origin", test_origin_same);
  g_test_add_func ("/examples/origin/cross-origin", test_origin_cross);
  g_test_add_func ("/examples/origin/errors", test_origin_errors);
  g_test_add_func ("/examples/gtk-download/xvfb", test_gtk_download);

  status = g_test_run ();

  test_server_free (server);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
