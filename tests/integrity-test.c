/* integrity-test.c: Subresource Integrity metadata matching (SRI §3.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Expected digests are computed here with GChecksum from known strings,
 * so every case states which algorithm and which bytes it names.
 */
#include "config.h"

#include <string.h>

#include "fetch-integrity-private.h"

static const char body_text[] = "alert('Hello, world.');";

/* "<alg>-<base64 of alg(text)>" */
static char *
metadata_for (GChecksumType  type,
              const char    *text)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (type);
  guint8 digest[64];
  gsize length = sizeof digest;
  g_autofree char *base64 = NULL;
  const char *name = type == G_CHECKSUM_SHA256 ? "sha256"
                   : type == G_CHECKSUM_SHA384 ? "sha384" : "sha512";

  g_checksum_update (checksum, (const guchar *) text, strlen (text));
  g_checksum_get_digest (checksum, digest, &length);
  base64 = g_base64_encode (digest, length);
  return g_strdup_printf ("%s-%s", name, base64);
}

static GBytes *
body_bytes (void)
{
  return g_bytes_new_static (body_text, strlen (body_text));
}

static gboolean
matches (const char *metadata)
{
  g_autoptr(GBytes) bytes = body_bytes ();

  return fetch_integrity_bytes_match (bytes, metadata);
}

static void
test_empty (void)
{
  g_test_summary ("SRI §3.3.5 step 2: empty metadata, or metadata with no "
                  "valid item, matches any bytes");

  g_assert_true (matches (""));
  g_assert_true (matches ("   \t\n\r\f "));
  g_assert_true (matches (NULL));
  /* Unknown algorithms are skipped (§3.3.3 step 2.7). */
  g_assert_true (matches ("md5-ZmFrZQ== sha1-ZmFrZQ== sha-256-ZmFrZQ=="));
  g_assert_true (matches ("not-metadata-at-all"));
  g_assert_true (matches ("-ZmFrZQ=="));
}

static void
test_single (void)
{
  GChecksumType types[] = { G_CHECKSUM_SHA256, G_CHECKSUM_SHA384, G_CHECKSUM_SHA512 };

  g_test_summary ("SRI §3.3.5: a single sha256/sha384/sha512 digest matches "
                  "exactly the bytes it was computed from");

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *right = metadata_for (types[i], body_text);
      g_autofree char *wrong = metadata_for (types[i], "alert('Hello, world!');");

      g_assert_true (matches (right));
      g_assert_false (matches (wrong));
    }
}

static void
test_strongest (void)
{
  g_autofree char *good256 = metadata_for (G_CHECKSUM_SHA256, body_text);
  g_autofree char *good384 = metadata_for (G_CHECKSUM_SHA384, body_text);
  g_autofree char *good512 = metadata_for (G_CHECKSUM_SHA512, body_text);
  g_autofree char *bad256 = metadata_for (G_CHECKSUM_SHA256, "other");
  g_autofree char *bad384 = metadata_for (G_CHECKSUM_SHA384, "other");
  g_autofree char *bad512 = metadata_for (G_CHECKSUM_SHA512, "other");
  const struct {
    const char *a, *b, *c;
    gboolean    match;
  } cases[] = {
    /* Only the strongest algorithm present counts (§3.3.4). */
    { good256, bad512, NULL, FALSE },
    { bad512, good256, NULL, FALSE },
    { bad256, good512, NULL, TRUE },
    { good384, bad512, NULL, FALSE },
    { bad384, good512, NULL, TRUE },
    { good256, bad384, NULL, FALSE },
    { bad256, good384, NULL, TRUE },
    { good256, good384, bad512, FALSE },
    /* Any match among the strongest (§3.3.5 step 4). */
    { bad512, good512, NULL, TRUE },
    { good512, bad512, NULL, TRUE },
    { bad512, bad512, good256, FALSE },
    /* Unknown algorithms do not take part. */
    { "md5-AAAA", good256, NULL, TRUE },
    { "sha1024-AAAA", bad256, NULL, FALSE },
  };

  g_test_summary ("SRI §3.3.4-5: the strongest algorithm (sha256 < sha384 < "
                  "sha512) is the only one checked, and any of its digests "
                  "may match");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *metadata = g_strjoin (" ", cases[i].a, cases[i].b, cases[i].c, NULL);

      g_test_message ("case %zu: %s", i, metadata);
      g_assert_cmpint (matches (metadata), ==, cases[i].match);
    }
}

static void
test_parsing (void)
{
  g_autofree char *good = metadata_for (G_CHECKSUM_SHA256, body_text);
  g_autofree char *upper = g_strdup (good);
  g_autofree char *with_options = g_strconcat (good, "?foo=bar?baz", NULL);
  g_autofree char *extra_dash = g_strconcat (good, "-extra", NULL);
  g_autofree char *spaced = g_strconcat ("\t\n ", good, " \r\f", NULL);
  g_autofree char *unpadded = g_strdup (good);

  g_test_summary ("SRI §3.3.3: items split on ASCII whitespace, options "
                  "after \"?\" ignored, the value is the part after the "
                  "first \"-\", the algorithm token is case-insensitive");

  memcpy (upper, "SHA256", 6);
  g_assert_true (matches (upper));
  g_assert_true (matches (with_options));
  g_assert_true (matches (extra_dash));
  g_assert_true (matches (spaced));

  /* A valid algorithm without a value never matches (and the item is
   * not ignored: it makes the metadata non-empty). */
  g_assert_false (matches ("sha256"));
  g_assert_false (matches ("sha256-"));
  g_assert_false (matches ("sha256?x"));

  /* base64 is compared as a case-sensitive string: the padding is
   * required (a sha256 digest always ends in one "="). */
  g_assert_true (g_str_has_suffix (unpadded, "="));
  unpadded[strlen (unpadded) - 1] = '\0';
  g_assert_false (matches (unpadded));
}

static void
test_base64url (void)
{
  g_autofree char *text = NULL;
  g_autofree char *good = NULL;
  g_autofree char *url_form = NULL;

  g_test_summary ("SRI compares base64 only: the base64url spelling of a "
                  "right digest does not match");

  /* Find a text whose sha256 in base64 has a "+" or "/". */
  for (guint i = 0; good == NULL; i++)
    {
      g_autofree char *candidate = g_strdup_printf ("text %u", i);
      g_autofree char *metadata = metadata_for (G_CHECKSUM_SHA256, candidate);

      if (strpbrk (metadata + strlen ("sha256-"), "+/") != NULL)
        {
          text = g_steal_pointer (&candidate);
          good = g_steal_pointer (&metadata);
        }
    }

  url_form = g_strdup (good);
  g_strdelimit (url_form + strlen ("sha256-"), "+", '-');
  g_strdelimit (url_form + strlen ("sha256-"), "/", '_');

  {
    g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

    g_assert_true (fetch_integrity_bytes_match (bytes, good));
    g_assert_false (fetch_integrity_bytes_match (bytes, url_form));
  }
}

static void
test_empty_body (void)
{
  g_autofree char *good = metadata_for (G_CHECKSUM_SHA384, "");
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  g_test_summary ("SRI §3.3.5 on an empty body (a null body is the empty "
                  "byte sequence)");

  /* The digest of the empty string (as Python's hashlib gives it). */
  g_assert_cmpstr (good, ==, "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb");
  g_assert_true (fetch_integrity_bytes_match (empty, good));
  g_assert_true (fetch_integrity_bytes_match (NULL, good));
  g_assert_false (fetch_integrity_bytes_match (empty, "sha384-AAAA"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/integrity/empty-metadata", test_empty);
  g_test_add_func ("/fetch/integrity/single", test_single);
  g_test_add_func ("/fetch/integrity/strongest", test_strongest);
  g_test_add_func ("/fetch/integrity/parsing", test_parsing);
  g_test_add_func ("/fetch/integrity/base64url", test_base64url);
  g_test_add_func ("/fetch/integrity/empty-body", test_empty_body);

  return g_test_run ();
}
