/* gfetch-test.c: gfetch end to end
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the built gfetch (its path is the first non-option argument, or
 * $GFETCH, or ../tools/gfetch beside this test) with GSubprocess against
 * an in-process SoupServer on 127.0.0.1, and checks its exit status,
 * standard output and standard error.
 */
#define _GNU_SOURCE  /* posix_openpt(), ptsname() */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

static const char *gfetch_path;
static char *base;        /* http://127.0.0.1:PORT */
static char *tmp_dir;

#define HELLO "Hello, world\n"
#define BIG_SIZE (8 * 1024 * 1024 + 123)

/* ---- Running gfetch ----------------------------------------------------- */

typedef struct {
  int    status;
  char  *out;
  gsize  out_len;
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

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs gfetch with the NULL-terminated arguments, feeding @input (or
 * nothing) on its standard input, while the main context keeps serving. */
static Run *
run_gfetch_with_input (const char *input,
                       const char *first_arg,
                       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) in = NULL, out = NULL, err = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  va_list ap;

  g_ptr_array_add (args, (char *) gfetch_path);
  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_newv ((const char * const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE |
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  /* With a stdin pipe, communicate needs bytes: empty ones close it. */
  in = g_bytes_new_static (input ? input : "", input ? strlen (input) : 0);
  g_subprocess_communicate_async (proc, in, NULL, communicate_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_finish (proc, result, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  run->status = g_subprocess_get_exit_status (proc);
  /* As strings, even when empty (g_bytes_get_data() is then NULL). */
  run->out_len = g_bytes_get_size (out);
  run->out = g_malloc (run->out_len + 1);
  memcpy (run->out, g_bytes_get_data (out, NULL) ?: "", run->out_len);
  run->out[run->out_len] = '\0';
  run->err = g_strndup (g_bytes_get_data (err, NULL) ?: "", g_bytes_get_size (err));
  if (g_test_verbose ())
    g_test_message ("status %d, stderr: %s", run->status, run->err);
  return run;
}

#define run_gfetch(...) run_gfetch_with_input (NULL, __VA_ARGS__)

/* An error is exactly one line "gfetch: <message>". */
static void
assert_one_line_error (const Run *run)
{
  g_assert_true (g_str_has_prefix (run->err, "gfetch: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

static char *
url (const char *path)
{
  return g_strconcat (base, path, NULL);
}

/* ---- The server --------------------------------------------------------- */

static void
hello_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  soup_message_headers_append (soup_server_message_get_response_headers (msg),
                               "X-Test", "yes");
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                    HELLO, strlen (HELLO));
  soup_server_message_set_status (msg, 200, NULL);
}

static void
missing_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "nope", 4);
  soup_server_message_set_status (msg, 404, NULL);
}

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  soup_server_message_set_redirect (msg, 302, "/hello");
}

static GBytes *bytes;

static GBytes *
big_body (void)
{
  if (bytes == NULL)
    {
      guint8 *data = g_malloc (BIG_SIZE);

      for (gsize i = 0; i < BIG_SIZE; i++)
        data[i] = (guint8) (i * 7 + i / 251);
      bytes = g_bytes_new_take (data, BIG_SIZE);
    }
  return bytes;
}

static void
big_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), big_body ());
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/octet-stream", NULL);
  soup_server_message_set_status (msg, 200, NULL);
}

/* Never answers: the message stays paused until the server goes away. */
static void
slow_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  soup_server_message_pause (msg);
}

/* Describes the request: method, some headers, the body's length and
 * checksum, then the body itself. */
static void
echo_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  GString *s = g_string_new (NULL);
  const char *te = soup_message_headers_get_one (h, "Transfer-Encoding");
  const char *cl = soup_message_headers_get_one (h, "Content-Length");

  g_string_append_printf (s, "method=%s\n", soup_server_message_get_method (msg));
  g_string_append_printf (s, "x-a=%s\n", soup_message_headers_get_one (h, "X-A") ?: "");
  g_string_append_printf (s, "content-type=%s\n",
                          soup_message_headers_get_one (h, "Content-Type") ?: "");
  g_string_append_printf (s, "content-length=%s\n", cl ?: "");
  g_string_append_printf (s, "chunked=%s\n", te && strstr (te, "chunked") ? "yes" : "no");
  g_string_append_printf (s, "user-agent=%s\n",
                          soup_message_headers_get_one (h, "User-Agent") ?: "");
  g_string_append_printf (s, "length=%" G_GSIZE_FORMAT "\n", g_bytes_get_size (bytes));
  g_string_append_printf (s, "sha256=%s\n\n", sum);
  g_string_append_len (s, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_TAKE,
                                    s->str, s->len);
  g_string_free (s, FALSE);
  soup_server_message_set_status (msg, 200, NULL);
}

/* Lists the parts of a multipart/form-data request. */
static void
form_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  SoupMultipart *multipart =
    soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), bytes);
  GString *s = g_string_new (NULL);

  for (int i = 0; multipart && i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *ph;
      GBytes *pb;
      g_autoptr(GHashTable) params = NULL;
      g_autofree char *disposition = NULL;

      soup_multipart_get_part (multipart, i, &ph, &pb);
      soup_message_headers_get_content_disposition (ph, &disposition, &params);
      g_string_append_printf (s, "%s name=%s filename=%s type=%s length=%" G_GSIZE_FORMAT " value=%.*s\n",
                              disposition,
                              params ? (char *) g_hash_table_lookup (params, "name") : "",
                              params && g_hash_table_lookup (params, "filename")
                                ? (char *) g_hash_table_lookup (params, "filename") : "-",
                              soup_message_headers_get_content_type (ph, NULL) ?: "-",
                              g_bytes_get_size (pb),
                              (int) MIN (g_bytes_get_size (pb), 32),
                              (const char *) g_bytes_get_data (pb, NULL));
    }
  g_clear_pointer (&multipart, soup_multipart_free);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_TAKE, s->str, s->len);
  g_string_free (s, FALSE);
  soup_server_message_set_status (msg, 200, NULL);
}

static SoupServer *
start_server (void)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, "/hello", hello_handler, NULL, NULL);
  soup_server_add_handler (server, "/missing", missing_handler, NULL, NULL);
  soup_server_add_handler (server, "/redirect", redirect_handler, NULL, NULL);
  soup_server_add_handler (server, "/big", big_handler, NULL, NULL);
  soup_server_add_handler (server, "/slow", slow_handler, NULL, NULL);
  soup_server_add_handler (server, "/echo", echo_handler, NULL, NULL);
  soup_server_add_handler (server, "/form", form_handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static char *
write_tmp_file (const char *name,
                const void *data,
                gsize       len)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* ---- Usage -------------------------------------------------------------- */

static void
test_help (void)
{
  const char *options[] = {
    "--method", "--header", "--data", "--data-binary", "--form", "--mode",
    "--credentials", "--cache", "--redirect", "--referrer", "--referrer-policy",
    "--integrity", "--origin", "--include", "--output", "--json", "--timeout",
    "--fail", "--user-agent",
  };
  g_autoptr(Run) run = NULL;

  g_test_summary ("--help lists every option and exits with 0");
  run = run_gfetch ("--help", NULL);
  g_assert_cmpint (run->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *needle = g_strconcat (options[i], " ", NULL);
      g_autofree char *needle2 = g_strconcat (options[i], "=", NULL);

      if (strstr (run->out, needle) == NULL && strstr (run->out, needle2) == NULL)
        g_error ("--help does not list %s:\n%s", options[i], run->out);
    }
}

static void
test_usage_errors (void)
{
  const char *cases[][5] = {
    { NULL },                                   /* no URL */
    { "--nope", "data:,x", NULL },              /* unknown option */
    { "data:,x", "data:,y", NULL },             /* two URLs */
    { "--mode", "bogus", "data:,x", NULL },     /* not a RequestMode */
    { "--cache", "sometimes", "data:,x", NULL },
    { "--redirect", "maybe", "data:,x", NULL },
    { "--credentials", "all", "data:,x", NULL },
    { "--referrer-policy", "whatever", "data:,x", NULL },
    { "--timeout", "-1", "data:,x", NULL },
    { "--timeout", "soon", "data:,x", NULL },
    { "-H", "NoColon", "data:,x", NULL },       /* not "Name: value" */
    { "--form", "novalue", "data:,x", NULL },
    { "--data", "a", "--form", "b=c", "data:,x" }, /* two bodies */
  };

  g_test_summary ("Bad usage exits with 2 and one error line");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = run_gfetch_with_input (NULL, cases[i][0], cases[i][1],
                                                  cases[i][2], cases[i][3], cases[i][4],
                                                  NULL);
      g_test_message ("case %u: %s", i, run->err);
      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      assert_one_line_error (run);
    }
}

static void
test_type_errors (void)
{
  g_autofree char *hello = url ("/hello");
  const char *cases[][4] = {
    { "-H", "Bad Name: x", hello, NULL },       /* not a header name */
    { "-H", "X-A: a\rb", hello, NULL },         /* CR in a value */
    { "-H", "X-A: a\nb", hello, NULL },         /* LF in a value */
    { "-X", "GE T", hello, NULL },              /* not a method */
    { "-X", "CONNECT", hello, NULL },           /* forbidden method */
    { "not a url", NULL },                      /* relative, no base URL */
    { "http://[::1", NULL },                    /* unparsable */
    { "-X", "GET", "--data", "x" },             /* GET with a body (URL below) */
  };

  g_test_summary ("A TypeError (bad header, method or URL) exits with 2 and "
                  "nothing reaches the server");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = NULL;

      if (i == G_N_ELEMENTS (cases) - 1)
        run = run_gfetch (cases[i][0], cases[i][1], cases[i][2], cases[i][3], hello, NULL);
      else
        run = run_gfetch (cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      g_test_message ("case %u: %s", i, run->err);
      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      assert_one_line_error (run);
    }
}

/* ---- Non-HTTP schemes --------------------------------------------------- */

static void
test_data_url (void)
{
  g_autoptr(Run) run = NULL, head = NULL;

  g_test_summary ("A data: URL's body goes to stdout; -i shows its status and headers");
  run = run_gfetch ("data:,Hello%2C%20World%21", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "Hello, World!");
  g_assert_cmpstr (run->err, ==, "");

  head = run_gfetch ("-i", "data:text/plain;base64,SGVsbG8=", NULL);
  g_assert_cmpint (head->status, ==, 0);
  g_assert_cmpstr (head->out, ==,
                   "HTTP 200 OK\n"
                   "content-type: text/plain\n"
                   "\n"
                   "Hello");
}

static void
test_file_url (void)
{
  g_autofree char *path = write_tmp_file ("file.txt", "file contents\n", 14);
  g_autofree char *file_url = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *missing = g_filename_to_uri ("/nonexistent/gfetch-test", NULL, NULL);
  g_autoptr(Run) run = NULL, gone = NULL;

  g_test_summary ("A file: URL is read; a missing file is a network error (exit 1)");
  run = run_gfetch (file_url, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "file contents\n");

  gone = run_gfetch (missing, NULL);
  g_assert_cmpint (gone->status, ==, 1);
  g_assert_cmpstr (gone->out, ==, "");
  assert_one_line_error (gone);
}

static void
test_about_blank (void)
{
  g_autoptr(Run) run = NULL;

  g_test_summary ("about:blank is an empty 200 response");
  run = run_gfetch ("-i", "about:blank", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "HTTP 200 OK\n"));
  g_assert_true (g_str_has_suffix (run->out, "\n\n"));
}

/* ---- HTTP --------------------------------------------------------------- */

static void
test_http_get (void)
{
  g_autofree char *hello = url ("/hello");
  g_autoptr(Run) run = NULL, head = NULL;

  g_test_summary ("An HTTP body goes to stdout; -i prints the status line and headers first");
  run = run_gfetch (hello, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, HELLO);
  g_assert_cmpstr (run->err, ==, "");

  head = run_gfetch ("--include", hello, NULL);
  g_assert_cmpint (head->status, ==, 0);
  g_assert_true (g_str_has_prefix (head->out, "HTTP 200 OK\n"));
  g_assert_nonnull (strstr (head->out, "\nx-test: yes\n"));
  g_assert_nonnull (strstr (head->out, "\ncontent-type: text/plain\n"));
  g_assert_true (g_str_has_suffix (head->out, "\n\n" HELLO));
}

static JsonObject *
parse_json (const Run *run)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
json_has_header (JsonObject *o,
                 const char *name,
                 const char *value)
{
  JsonArray *headers = json_object_get_array_member (o, "headers");

  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      g_assert_cmpuint (json_array_get_length (pair), ==, 2);
      if (g_str_equal (json_array_get_string_element (pair, 0), name) &&
          g_str_equal (json_array_get_string_element (pair, 1), value))
        return TRUE;
    }
  return FALSE;
}

static void
test_http_json (void)
{
  g_autofree char *hello = url ("/hello");
  g_autofree char *redirect = url ("/redirect");
  g_autoptr(Run) run = NULL, redirected = NULL, manual = NULL;
  g_autoptr(JsonObject) o = NULL, r = NULL, m = NULL;

  g_test_summary ("--json prints one object with type, url, redirected, status, "
                  "statusText, headers and timing, and no body");
  run = run_gfetch ("--json", hello, NULL);
  g_assert_cmpint (run->status, ==, 0);
  o = parse_json (run);
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "basic");
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, hello);
  g_assert_false (json_object_get_boolean_member (o, "redirected"));
  g_assert_cmpint (json_object_get_int_member (o, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (o, "statusText"), ==, "OK");
  g_assert_cmpint (json_object_get_int_member (o, "bodySize"), ==, strlen (HELLO));
  g_assert_true (json_has_header (o, "x-test", "yes"));
  g_assert_true (json_has_header (o, "content-type", "text/plain"));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "timing")));
  g_assert_null (strstr (run->out, HELLO));

  redirected = run_gfetch ("--json", redirect, NULL);
  g_assert_cmpint (redirected->status, ==, 0);
  r = parse_json (redirected);
  g_assert_true (json_object_get_boolean_member (r, "redirected"));
  g_assert_cmpstr (json_object_get_string_member (r, "url"), ==, hello);

  manual = run_gfetch ("--json", "--redirect", "manual", redirect, NULL);
  g_assert_cmpint (manual->status, ==, 0);
  m = parse_json (manual);
  g_assert_cmpstr (json_object_get_string_member (m, "type"), ==, "opaqueredirect");
  g_assert_cmpint (json_object_get_int_member (m, "status"), ==, 0);
}

static void
test_http_status (void)
{
  g_autofree char *missing = url ("/missing");
  g_autoptr(Run) run = NULL, fail = NULL;

  g_test_summary ("An HTTP error status is not a failure, unless --fail");
  run = run_gfetch (missing, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "nope");

  fail = run_gfetch ("--fail", missing, NULL);
  g_assert_cmpint (fail->status, ==, 1);
  g_assert_cmpstr (fail->out, ==, "");
  assert_one_line_error (fail);
  g_assert_nonnull (strstr (fail->err, "404"));
}

static void
test_http_output (void)
{
  g_autofree char *big = url ("/big");
  g_autofree char *path = g_build_filename (tmp_dir, "big.out", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(Run) run = NULL, dash = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("-o FILE writes the whole body to FILE, no progress bar when "
                  "stderr is not a terminal; -o - is stdout");
  run = run_gfetch ("-o", path, big, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (run->err, ==, "");
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, g_bytes_get_data (big_body (), NULL), BIG_SIZE);

  dash = run_gfetch ("-o", "-", big, NULL);
  g_assert_cmpint (dash->status, ==, 0);
  g_assert_cmpmem (dash->out, dash->out_len, g_bytes_get_data (big_body (), NULL), BIG_SIZE);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_http_output_progress (void)
{
  g_autofree char *big = url ("/big");
  g_autofree char *path = g_build_filename (tmp_dir, "big-tty.out", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) tty = g_string_new (NULL);
  char buf[4096];
  ssize_t n;
  int master, slave;

  g_test_summary ("-o FILE draws a progress bar when stderr is a terminal");
  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_take_stderr_fd (launcher, slave);
  proc = g_subprocess_launcher_spawn (launcher, &error, gfetch_path, "-o", path, big, NULL);
  g_assert_no_error (error);
  g_clear_object (&launcher);  /* closes our copy of the slave */
  g_subprocess_wait_async (proc, NULL, wait_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait_finish (proc, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);

  /* The child is gone: read what it drew, up to EIO or EAGAIN. */
  fcntl (master, F_SETFL, O_NONBLOCK);
  while ((n = read (master, buf, sizeof buf)) > 0)
    g_string_append_len (tty, buf, n);
  close (master);
  g_test_message ("%s", tty->str);
  g_assert_true (g_str_has_prefix (tty->str, "\r"));
  g_assert_nonnull (strstr (tty->str, "100% ["));
  g_assert_true (g_str_has_suffix (tty->str, "\n"));
}

static void
test_http_data (void)
{
  g_autofree char *echo = url ("/echo");
  g_autoptr(Run) put = NULL, post = NULL, ua = NULL;

  g_test_summary ("-X, -H and --data make the request; a body without -X is a POST");
  put = run_gfetch ("-X", "PUT", "-H", "X-A:  b ", "--data", "hello", echo, NULL);
  g_assert_cmpint (put->status, ==, 0);
  g_assert_nonnull (strstr (put->out, "method=PUT\n"));
  g_assert_nonnull (strstr (put->out, "x-a=b\n"));
  g_assert_nonnull (strstr (put->out, "content-type=text/plain;charset=UTF-8\n"));
  g_assert_nonnull (strstr (put->out, "content-length=5\n"));
  g_assert_true (g_str_has_suffix (put->out, "\n\nhello"));

  post = run_gfetch ("--data", "x=1", echo, NULL);
  g_assert_cmpint (post->status, ==, 0);
  g_assert_nonnull (strstr (post->out, "method=POST\n"));

  ua = run_gfetch ("--user-agent", "gfetch-test/1", echo, NULL);
  g_assert_cmpint (ua->status, ==, 0);
  g_assert_nonnull (strstr (ua->out, "method=GET\n"));
  g_assert_nonnull (strstr (ua->out, "user-agent=gfetch-test/1\n"));
}

static void
test_http_data_binary (void)
{
  g_autofree char *echo = url ("/echo");
  gsize size = 300 * 1024 + 7;
  g_autofree guint8 *data = g_malloc (size);
  g_autofree char *path = NULL, *sum = NULL, *expect_sum = NULL, *expect_len = NULL;
  g_autoptr(Run) run = NULL, in = NULL;

  g_test_summary ("--data-binary @FILE streams the file with its Content-Length; "
                  "@- streams stdin, chunked");
  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i ^ (i >> 9));
  path = write_tmp_file ("upload.bin", data, size);
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  expect_sum = g_strdup_printf ("sha256=%s\n", sum);
  expect_len = g_strdup_printf ("content-length=%" G_GSIZE_FORMAT "\n", size);

  {
    g_autofree char *arg = g_strconcat ("@", path, NULL);
    run = run_gfetch ("--data-binary", arg, echo, NULL);
  }
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "method=POST\n"));
  g_assert_nonnull (strstr (run->out, expect_len));
  g_assert_nonnull (strstr (run->out, "chunked=no\n"));
  g_assert_nonnull (strstr (run->out, expect_sum));

  in = run_gfetch_with_input ("from stdin", "--data-binary", "@-", echo, NULL);
  g_assert_cmpint (in->status, ==, 0);
  g_assert_nonnull (strstr (in->out, "chunked=yes\n"));
  g_assert_true (g_str_has_suffix (in->out, "\n\nfrom stdin"));
}

static void
test_http_form (void)
{
  g_autofree char *form = url ("/form");
  g_autofree char *path = write_tmp_file ("note.txt", "a note\n", 7);
  g_autofree char *arg = g_strconcat ("file=@", path, NULL);
  g_autoptr(Run) run = NULL;

  g_test_summary ("--form sends multipart/form-data with values and files");
  run = run_gfetch ("-F", "a=b", "--form", arg, form, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==,
                   "form-data name=a filename=- type=- length=1 value=b\n"
                   "form-data name=file filename=note.txt type=text/plain length=7 value=a note\n\n");
}

static void
test_http_timeout (void)
{
  g_autofree char *slow = url ("/slow");
  g_autoptr(Run) run = NULL;
  gint64 start = g_get_monotonic_time ();

  g_test_summary ("--timeout aborts a fetch waiting for headers: exit 1, one line");
  run = run_gfetch ("--timeout", "0.3", slow, NULL);
  g_assert_cmpint (run->status, ==, 1);
  assert_one_line_error (run);
  g_assert_nonnull (strstr (run->err, "Timed out"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_network_errors (void)
{
  g_autofree char *redirect = url ("/redirect");
  g_autofree char *hello = url ("/hello");
  g_autofree char *refused = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = NULL, bound = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  const char *other_origin = "http://other.example";

  g_test_summary ("Network errors exit with 1 and one error line: connection "
                  "refused, bad port, redirect mode error, integrity mismatch, "
                  "same-origin mode across origins");

  /* A port nothing listens on: bind one, then close it. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new (lo, 0);
  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  refused = g_strdup_printf ("http://127.0.0.1:%u/",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  {
    const char *cases[][6] = {
      { refused, NULL },
      { "http://127.0.0.1:25/", NULL },                   /* bad port */
      { "--redirect", "error", redirect, NULL },
      { "--integrity", "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", hello, NULL },
      { "--origin", other_origin, "--mode", "same-origin", hello, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(Run) run = run_gfetch (cases[i][0], cases[i][1], cases[i][2],
                                         cases[i][3], cases[i][4], NULL);
        g_test_message ("case %u: %s", i, run->err);
        g_assert_cmpint (run->status, ==, 1);
        g_assert_cmpstr (run->out, ==, "");
        assert_one_line_error (run);
      }
  }
}

/* A raw server that announces 100 bytes, sends 10 and closes. */
static gboolean
short_body_incoming (GSocketService    *service,
                     GSocketConnection *connection,
                     GObject           *source,
                     gpointer           user_data)
{
  static const char response[] =
    "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n0123456789";
  char request[4096];

  /* Read the request (one packet from loopback) so that closing does not
   * reset the connection before the response is read. */
  g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                       request, sizeof request, NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             response, strlen (response), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_short_body (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *short_url = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "short.out", NULL);
  guint16 port;
  g_autoptr(Run) run = NULL, out = NULL;

  g_test_summary ("A body shorter than its Content-Length is a network error "
                  "(exit 1), not a clean end");
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (service, "incoming", G_CALLBACK (short_body_incoming), NULL);
  g_socket_service_start (service);
  short_url = g_strdup_printf ("http://127.0.0.1:%u/short", port);

  run = run_gfetch (short_url, NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpuint (run->out_len, <=, 10);
  assert_one_line_error (run);

  out = run_gfetch ("-o", path, short_url, NULL);
  g_assert_cmpint (out->status, ==, 1);
  assert_one_line_error (out);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_integrity_match (void)
{
  g_autofree char *hello = url ("/hello");
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL, *metadata = NULL;
  g_autoptr(Run) run = NULL;

  g_test_summary ("--integrity with the body's digest succeeds");
  g_checksum_update (checksum, (const guchar *) HELLO, strlen (HELLO));
  g_checksum_get_digest (checksum, digest, &len);
  b64 = g_base64_encode (digest, len);
  metadata = g_strconcat ("sha256-", b64, NULL);
  run = run_gfetch ("--integrity", metadata, hello, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, HELLO);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *default_path = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (argc > 1)
    gfetch_path = argv[1];
  else if (g_getenv ("GFETCH") != NULL)
    gfetch_path = g_getenv ("GFETCH");
  else
    gfetch_path = default_path = g_test_build_filename (G_TEST_BUILT, "..", "tools", "gfetch", NULL);
  if (!g_file_test (gfetch_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip_printf ("gfetch not found at %s", gfetch_path);
      return 77;
    }

  tmp_dir = g_dir_make_tmp ("gfetch-test-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  server = start_server ();

  g_test_add_func ("/gfetch/usage/help", test_help);
  g_test_add_func ("/gfetch/usage/errors", test_usage_errors);
  g_test_add_func ("/gfetch/usage/type-errors", test_type_errors);
  g_test_add_func ("/gfetch/scheme/data", test_data_url);
  g_test_add_func ("/gfetch/scheme/file", test_file_url);
  g_test_add_func ("/gfetch/scheme/about-blank", test_about_blank);
  g_test_add_func ("/gfetch/http/get", test_http_get);
  g_test_add_func ("/gfetch/http/json", test_http_json);
  g_test_add_func ("/gfetch/http/status", test_http_status);
  g_test_add_func ("/gfetch/http/output", test_http_output);
  g_test_add_func ("/gfetch/http/output-progress", test_http_output_progress);
  g_test_add_func ("/gfetch/http/data", test_http_data);
  g_test_add_func ("/gfetch/http/data-binary", test_http_data_binary);
  g_test_add_func ("/gfetch/http/form", test_http_form);
  g_test_add_func ("/gfetch/http/timeout", test_http_timeout);
  g_test_add_func ("/gfetch/http/network-errors", test_network_errors);
  g_test_add_func ("/gfetch/http/integrity", test_integrity_match);
  g_test_add_func ("/gfetch/http/short-body", test_short_body);
  ret = g_test_run ();

  soup_server_disconnect (server);
  g_clear_object (&server);
  g_clear_pointer (&base, g_free);
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);
    g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                              G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                              NULL, NULL);
    GFileInfo *info;

    while (e && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmp_dir, g_file_info_get_name (info), NULL);
        g_unlink (p);
        g_object_unref (info);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  g_clear_pointer (&bytes, g_bytes_unref);
  return ret;
}
