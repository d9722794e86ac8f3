/* policy-test.c: port blocking (§2.9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "libfetch-glib/fetch.h"
#include "fetch-policy-private.h"

/* §2.9 the bad port table, first column, as printed in the standard. */
static const int bad_ports[] = {
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69,
  77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119,
  123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990,
  993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000,
  6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
};

static void
test_bad_port_table (void)
{
  guint count = 0;

  g_test_summary ("§2.9: every port in the bad port table is a bad port, "
                  "and no other port in 0..65535 is");

  for (gsize i = 0; i < G_N_ELEMENTS (bad_ports); i++)
    {
      g_test_message ("port %d", bad_ports[i]);
      g_assert_true (fetch_is_bad_port (bad_ports[i]));
    }

  /* Exactly the table: count the bad ports over the whole range. */
  for (int port = 0; port <= 65535; port++)
    if (fetch_is_bad_port (port))
      count++;
  g_assert_cmpuint (count, ==, G_N_ELEMENTS (bad_ports));
}

static void
test_good_ports (void)
{
  const int good[] = { -1, 0, 2, 24, 26, 80, 443, 3000, 5000, 6001, 6664,
                       6670, 6680, 8000, 8080, 8443, 10079, 10081, 65535,
                       65536, G_MAXINT, G_MININT };

  g_test_summary ("§2.9: common ports, neighbours of bad ports and "
                  "out-of-range values are not bad ports");

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("port %d", good[i]);
      g_assert_false (fetch_is_bad_port (good[i]));
    }
}

static void
test_request (void)
{
  const struct {
    const char *url;
    gboolean    blocked;
  } cases[] = {
    { "http://example.com:25/", TRUE },
    { "https://example.com:6667/", TRUE },
    { "http://127.0.0.1:1/", TRUE },
    { "http://[::1]:10080/", TRUE },
    { "HTTP://EXAMPLE.COM:22/", TRUE },
    { "http://example.com/", FALSE },
    { "https://example.com/", FALSE },
    { "http://example.com:8080/", FALSE },
    { "https://example.com:80/", FALSE },
    /* Only HTTP(S) schemes are blocked (§2.9 step 2). */
    { "foo://example.com:25/", FALSE },
    { "data:,x", FALSE },
    { "about:blank", FALSE },
  };

  g_test_summary ("§2.9 should fetching request be blocked due to a bad "
                  "port: HTTP(S) URLs whose port is bad are blocked");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FetchRequest) request = fetch_request_new (cases[i].url, NULL, &error);

      g_test_message ("%s", cases[i].url);
      g_assert_no_error (error);
      g_assert_nonnull (request);
      g_assert_cmpint (fetch_request_should_block_bad_port (request), ==, cases[i].blocked);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/policy/bad-port/table", test_bad_port_table);
  g_test_add_func ("/fetch/policy/bad-port/good-ports", test_good_ports);
  g_test_add_func ("/fetch/policy/bad-port/request", test_request);

  return g_test_run ();
}
