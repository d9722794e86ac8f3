/* fetch-integrity.c: Subresource Integrity (SRI §3.3) as main fetch
 * step 22 uses it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * NOTE(spec): SRI's metadata grammar only has base64 digests (RFC 4648
 * §4), and §3.3.5 compares the base64 of the actual digest with the
 * expected value as a case-sensitive string. We do exactly that: a
 * base64url digest ("-", "_") or one without its "=" padding does not
 * match. (A base64url value could not survive parsing anyway: §3.3.3
 * splits the expression on "-".)
 */
#include "config.h"

#include <string.h>

#include "fetch-integrity-private.h"

/* SRI §3.3.1: a metadata item, the parsed form of one hash-with-options
 * (options are parsed and ignored, as the standard says). */
typedef struct {
  GChecksumType algorithm;
  char         *value;   /* base64, not validated: only ever compared */
} IntegrityMetadata;

static void
integrity_metadata_free (gpointer data)
{
  IntegrityMetadata *item = data;

  g_free (item->value);
  g_free (item);
}

/* SRI §3.3.2 "valid SRI hash algorithm token": an ASCII case-insensitive
 * match for sha256, sha384 or sha512. Returns -1 for anything else. */
static int
integrity_algorithm_from_token (const char *token,
                                gsize       length)
{
  static const struct {
    const char   *name;
    GChecksumType type;
  } algorithms[] = {
    { "sha256", G_CHECKSUM_SHA256 },
    { "sha384", G_CHECKSUM_SHA384 },
    { "sha512", G_CHECKSUM_SHA512 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (algorithms); i++)
    if (length == strlen (algorithms[i].name) &&
        g_ascii_strncasecmp (token, algorithms[i].name, length) == 0)
      return algorithms[i].type;
  return -1;
}

/* SRI §3.3.4 "getPrioritizedHashFunction": the strength order
 * sha256 < sha384 < sha512. */
static int
integrity_algorithm_strength (GChecksumType algorithm)
{
  switch (algorithm)
    {
    case G_CHECKSUM_SHA256: return 1;
    case G_CHECKSUM_SHA384: return 2;
    case G_CHECKSUM_SHA512: return 3;
    default:                return 0;
    }
}

static gboolean
is_ascii_whitespace (char c)
{
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

/* SRI §3.3.3 parse metadata: a list (in order) of IntegrityMetadata. */
static GPtrArray *
integrity_parse_metadata (const char *metadata)
{
  /* Step 1: let result be the empty set. */
  GPtrArray *result = g_ptr_array_new_with_free_func (integrity_metadata_free);
  const char *p = metadata;

  /* Step 2: for each item returned by splitting metadata on ASCII
   * whitespace. */
  while (*p != '\0')
    {
      const char *item, *item_end, *expression_end, *dash;
      IntegrityMetadata *entry;
      int algorithm;

      while (is_ascii_whitespace (*p))
        p++;
      if (*p == '\0')
        break;
      item = p;
      while (*p != '\0' && !is_ascii_whitespace (*p))
        p++;
      item_end = p;

      /* Step 2.1-2.2: split item on "?"; the first part is the
       * algorithm-expression, the rest are options (ignored). */
      expression_end = memchr (item, '?', item_end - item);
      if (expression_end == NULL)
        expression_end = item_end;

      /* Step 2.3-2.6: split the expression on "-": the first part is the
       * algorithm, the second (if any) the base64 value; further parts
       * are dropped. */
      dash = memchr (item, '-', expression_end - item);

      /* Step 2.7: skip algorithms that are not valid SRI hash algorithm
       * tokens. */
      algorithm = integrity_algorithm_from_token (item, (dash != NULL ? dash : expression_end) - item);
      if (algorithm < 0)
        continue;

      entry = g_new0 (IntegrityMetadata, 1);
      entry->algorithm = (GChecksumType) algorithm;
      if (dash != NULL)
        {
          const char *value_end = memchr (dash + 1, '-', expression_end - (dash + 1));

          if (value_end == NULL)
            value_end = expression_end;
          entry->value = g_strndup (dash + 1, value_end - (dash + 1));
        }
      else
        entry->value = g_strdup ("");

      /* Step 2.8-2.9: append the metadata to result. */
      g_ptr_array_add (result, entry);
    }

  return result;
}

/* SRI §3.3.4 get the strongest metadata from set: the items whose
 * algorithm is the strongest present (borrowed pointers). */
static GPtrArray *
integrity_get_strongest_metadata (GPtrArray *set)
{
  GPtrArray *result = g_ptr_array_new ();
  int strongest = 0;

  for (guint i = 0; i < set->len; i++)
    {
      IntegrityMetadata *item = g_ptr_array_index (set, i);
      int strength = integrity_algorithm_strength (item->algorithm);

      /* A stronger algorithm replaces the whole result; an equal one
       * joins it; a weaker one is ignored. */
      if (strength > strongest)
        {
          g_ptr_array_set_size (result, 0);
          strongest = strength;
        }
      if (strength == strongest)
        g_ptr_array_add (result, item);
    }

  return result;
}

/* Apply algorithm to bytes, base64-encoded (SRI §3.1). */
static char *
integrity_apply_algorithm (GChecksumType  algorithm,
                           GBytes        *bytes)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (algorithm);
  guint8 digest[64];
  gsize digest_length = sizeof digest;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  if (size > 0)
    g_checksum_update (checksum, data, size);
  g_checksum_get_digest (checksum, digest, &digest_length);
  return g_base64_encode (digest, digest_length);
}

/* SRI §3.3.5 do bytes match metadataList */
gboolean
fetch_integrity_bytes_match (GBytes     *bytes,
                             const char *metadata)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) strongest = NULL;
  g_autoptr(GBytes) empty = NULL;
  GChecksumType last_algorithm = -1;
  g_autofree char *actual = NULL;

  if (metadata == NULL)
    return TRUE;
  if (bytes == NULL)
    bytes = empty = g_bytes_new_static ("", 0);

  /* Step 1: let parsedMetadata be the result of parsing metadataList. */
  parsed = integrity_parse_metadata (metadata);

  /* Step 2: if parsedMetadata is empty set, return true. */
  if (parsed->len == 0)
    return TRUE;

  /* Step 3: let metadata be the strongest metadata of parsedMetadata. */
  strongest = integrity_get_strongest_metadata (parsed);

  /* Step 4: for each item in metadata, if the base64 of algorithm
   * applied to bytes is a case-sensitive match for the item's value,
   * return true. Every item has the same algorithm, so hash once. */
  for (guint i = 0; i < strongest->len; i++)
    {
      IntegrityMetadata *item = g_ptr_array_index (strongest, i);

      if (actual == NULL || item->algorithm != last_algorithm)
        {
          g_free (actual);
          actual = integrity_apply_algorithm (item->algorithm, bytes);
          last_algorithm = item->algorithm;
        }
      if (strcmp (actual, item->value) == 0)
        return TRUE;
    }

  /* Step 5: return false. */
  return FALSE;
}
