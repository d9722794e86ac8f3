/* tls-test.c: HTTPS through glib-networking, certificate errors, and the
 * client's TLS database
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The server is a loopback HTTPS SoupServer whose certificate, for
 * 127.0.0.1 and localhost, is signed by a test certificate authority
 * (tests/certs/, see its README) that no system trusts.
 */
#include "config.h"

#include <string.h>

#include "libfetch-glib/fetch.h"
#include "test-server.h"

/* Under AddressSanitizer: GnuTLS, which glib-networking's module loads,
 * has dynamic thread-local storage, and GCC 12's LeakSanitizer crashes
 * reading the DTLS ranges it recorded with Debian 12's glibc when it
 * scans the threads at exit ("Tracer caught signal 11" after "DTLS ...
 * at ..."). Not intercepting __tls_get_addr avoids that; nothing of ours
 * lives only in dynamic TLS. (Unused without the sanitizer.) */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "intercept_tls_get_addr=0";
}

static SoupServer *https_server;
static char *https_origin;     /* "https://127.0.0.1:PORT" */

static void
https_callback (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  /* Each fetch gets a new connection, so each is verified anew. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "secret", 6);
}

static void
https_server_start (void)
{
  g_autofree char *cert_file = g_test_build_filename (G_TEST_DIST, "certs", "server.pem", NULL);
  g_autofree char *key_file = g_test_build_filename (G_TEST_DIST, "certs", "server-key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
  g_assert_no_error (error);
  https_server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (https_server, NULL, https_callback, NULL, NULL);
  soup_server_listen_local (https_server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY,
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (https_server);
  https_origin = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static GTlsDatabase *
test_ca_database (void)
{
  g_autofree char *ca_file = g_test_build_filename (G_TEST_DIST, "certs", "ca.pem", NULL);
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database;

  database = g_tls_file_database_new (ca_file, &error);
  g_assert_no_error (error);
  return database;
}

static void
assert_fetch_ok (FetchClient *client)
{
  g_autofree char *url = g_strconcat (https_origin, "/", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (fetch_response_get_status (response), ==, 200);
  text = test_response_text (response);
  g_assert_cmpstr (text, ==, "secret");
}

static void
assert_fetch_unknown_ca (FetchClient *client)
{
  g_autofree char *url = g_strconcat (https_origin, "/", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FetchResponse) response = test_fetch (client, url, NULL, &error);

  g_assert_null (response);
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_NETWORK);
  g_test_message ("%s", error->message);
  /* The message names the URL and the cause, not just "bad certificate". */
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, "certificate authority"));
}

static void
test_untrusted_certificate (void)
{
  g_autoptr(FetchClient) client = fetch_client_new ();

  g_test_summary ("A server certificate from an unknown authority is a network error whose "
                  "message names the URL and the cause");

  assert_fetch_unknown_ca (client);
}

static void
test_tls_database (void)
{
  g_autoptr(GTlsDatabase) database = test_ca_database ();
  g_autoptr(FetchClient) client = fetch_client_new ();
  g_autoptr(GTlsDatabase) got = NULL;

  g_test_summary ("FetchClient:tls-database: a private certificate authority is trusted; "
                  "it can change until the first fetch (unsetting it goes back to the "
                  "system's database), not after (a critical, nothing changes)");

  g_assert_null (fetch_client_dup_tls_database (client));
  fetch_client_set_tls_database (client, database);
  fetch_client_set_tls_database (client, NULL);
  g_assert_null (fetch_client_dup_tls_database (client));
  fetch_client_set_tls_database (client, database);
  got = fetch_client_dup_tls_database (client);
  g_assert_true (got == database);
  assert_fetch_ok (client);

  /* The session is in use (maybe from other threads): libsoup allows no
   * reconfiguring it, so the database stays. */
  g_test_expect_message ("Fetch", G_LOG_LEVEL_CRITICAL, "*TLS database*cannot change*");
  fetch_client_set_tls_database (client, NULL);
  g_test_assert_expected_messages ();
  g_clear_object (&got);
  got = fetch_client_dup_tls_database (client);
  g_assert_true (got == database);
  assert_fetch_ok (client);

  /* Setting the same database again is no change, and no error. */
  fetch_client_set_tls_database (client, database);
}

static void
test_tls_database_unset_before_fetch (void)
{
  g_autoptr(GTlsDatabase) database = test_ca_database ();
  g_autoptr(FetchClient) client = g_object_new (FETCH_TYPE_CLIENT, "tls-database", database, NULL);

  g_test_summary ("FetchClient:tls-database unset before the first fetch: the system's "
                  "database verifies the connection");

  fetch_client_set_tls_database (client, NULL);
  assert_fetch_unknown_ca (client);
}

static void
test_tls_database_construct (void)
{
  g_autoptr(GTlsDatabase) database = test_ca_database ();
  g_autoptr(FetchClient) client = g_object_new (FETCH_TYPE_CLIENT, "tls-database", database, NULL);
  g_autoptr(FetchClient) other = fetch_client_new ();

  g_test_summary ("FetchClient:tls-database set at construction is used; it is per client");

  assert_fetch_ok (client);
  assert_fetch_unknown_ca (other);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  https_server_start ();

  g_test_add_func ("/fetch/tls/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/fetch/tls/tls-database", test_tls_database);
  g_test_add_func ("/fetch/tls/tls-database-construct", test_tls_database_construct);
  g_test_add_func ("/fetch/tls/tls-database-unset-before-fetch", test_tls_database_unset_before_fetch);

  ret = g_test_run ();
  soup_server_disconnect (https_server);
  g_clear_object (&https_server);
  g_free (https_origin);
  return ret;
}
