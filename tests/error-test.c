/* error-test.c: the FETCH_ERROR domain and translated messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <libintl.h>

#include "libfetch-glib/fetch.h"

static void
test_error_domain (void)
{
  g_test_summary ("FETCH_ERROR is a registered quark with a stable name");
  g_assert_cmpstr (g_quark_to_string (FETCH_ERROR), ==, "fetch-error-quark");
}

static char *
invalid_name_message (void)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (fetch_headers_append (headers, "bad name", "v", &error));
  g_assert_error (error, FETCH_ERROR, FETCH_ERROR_TYPE);
  return g_strdup (error->message);
}

static void
test_error_translated (void)
{
  g_autofree char *english = NULL;
  g_autofree char *german = NULL;
  const char *localedir = g_getenv ("FETCH_TEST_LOCALEDIR");
  g_autofree char *catalog = NULL;

  g_test_summary ("A TypeError's message is translated through the "
                  "libfetch-glib gettext domain (German catalogue)");

  if (localedir == NULL)
    localedir = LOCALEDIR_BUILD;
  catalog = g_build_filename (localedir, "de", "LC_MESSAGES",
                              GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (catalog, G_FILE_TEST_EXISTS));

  english = invalid_name_message ();
  g_assert_cmpstr (english, ==, "“bad name” is not a valid header name");

  /* LANGUAGE is honoured for any locale but "C"/"POSIX": C.UTF-8 is
   * always present on Debian, so no generated locale is needed. */
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  german = invalid_name_message ();
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");

  g_assert_cmpstr (german, ==, "„bad name“ ist kein gültiger Header-Name");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fetch/error/domain", test_error_domain);
  g_test_add_func ("/fetch/error/translated", test_error_translated);
  return g_test_run ();
}
