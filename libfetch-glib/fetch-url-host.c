/* fetch-url-host.c: hosts of URLs (URL Standard §3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The host parser (§3.5) with its IPv4, IPv6 and opaque-host parsers,
 * domain to ASCII (§3.3) and the host serializer (§3.6): a parsed host is
 * kept as its serialization (IPv4 in dotted decimal, IPv6 compressed in
 * brackets, domains in lowercase ASCII). See fetch-url.c for what differs
 * from the standard (IDNA is GLib's).
 */
#include "config.h"

#include <string.h>

#include "fetch-url-private.h"

static gboolean
is_forbidden_host_code_point (guchar c)
{
  /* strchr() would find the terminator for NUL: test it first. */
  return c == 0 || strchr ("\t\n\r #/:<>?@[\\]^|", c) != NULL;
}

static gboolean
is_forbidden_domain_code_point (guchar c)
{
  return is_forbidden_host_code_point (c) || c <= 0x1F || c == '%' || c == 0x7F;
}

/* §3.5 IPv4 number parser. Values are saturated well above 2^32 so that
 * the callers' range checks fail without overflow. */
static gboolean
ipv4_number_parse (const char *input,
                   gsize       len,
                   guint64    *out)
{
  guint radix = 10;
  guint64 value = 0;

  /* Step 1: empty input is failure. */
  if (len == 0)
    return FALSE;
  /* Steps 2-3: "0x" is hexadecimal, a leading "0" octal. */
  if (len >= 2 && input[0] == '0' && (input[1] == 'x' || input[1] == 'X'))
    {
      input += 2, len -= 2;
      radix = 16;
    }
  else if (len >= 2 && input[0] == '0')
    {
      input += 1, len -= 1;
      radix = 8;
    }
  /* Step 4: "0x" alone is 0. Steps 5-6: every code point a radix digit. */
  for (gsize i = 0; i < len; i++)
    {
      int digit = g_ascii_xdigit_value (input[i]);

      if (digit < 0 || (guint) digit >= radix)
        return FALSE;
      value = MIN (value * radix + digit, G_GUINT64_CONSTANT (1) << 40);
    }
  *out = value;
  return TRUE;
}

/* §3.5 ends in a number checker. The parts are scanned in place: every
 * URL with a host goes through here, and splitting it into a vector
 * cost more than the rest of host parsing. */
static gboolean
ends_in_a_number (const char *input)
{
  gsize len = strlen (input);
  const char *last;
  gsize last_len;
  guint64 ignored;

  /* Steps 1-2: the last part; a trailing "." is ignored, unless it is
   * all there is (a single empty part). */
  if (len > 0 && input[len - 1] == '.')
    {
      if (len == 1)
        return FALSE;
      len--;
    }
  last = input + len;
  while (last > input && last[-1] != '.')
    last--;
  last_len = input + len - last;
  /* Step 4: all ASCII digits. */
  if (last_len > 0 && strspn (last, "0123456789") >= last_len)
    return TRUE;
  /* Step 5: or a valid IPv4 number (hex, octal). */
  return ipv4_number_parse (last, last_len, &ignored);
}

/* Appends the decimal digits of value (< 256) at out; returns the end. */
static char *
append_decimal_byte (char  *out,
                     guint  value)
{
  if (value >= 100)
    *out++ = '0' + value / 100;
  if (value >= 10)
    *out++ = '0' + value / 10 % 10;
  *out++ = '0' + value % 10;
  return out;
}

/* §3.5 IPv4 parser; the result is serialized per §3.6. Parts are
 * scanned in place (see ends_in_a_number()). */
static char *
ipv4_parse (const char *input)
{
  gsize len = strlen (input);
  guint64 numbers[4];
  guint64 ipv4;
  char serialized[16], *out = serialized;
  const char *part = input, *end;
  guint n = 0;

  /* Steps 1-3: split on "."; drop one trailing empty part. */
  if (len > 1 && input[len - 1] == '.')
    len--;
  end = input + len;
  for (;;)
    {
      const char *dot = memchr (part, '.', end - part);
      const char *part_end = dot != NULL ? dot : end;

      /* Step 4: more than four parts is failure. Step 6: each part an
       * IPv4 number. */
      if (n == 4 || !ipv4_number_parse (part, part_end - part, &numbers[n]))
        return NULL;
      n++;
      if (dot == NULL)
        break;
      part = dot + 1;
    }
  /* Steps 8-9: all but the last fit in a byte, the last fills the rest. */
  for (guint i = 0; i + 1 < n; i++)
    if (numbers[i] > 255)
      return NULL;
  if (numbers[n - 1] >= (G_GUINT64_CONSTANT (1) << (8 * (5 - n))))
    return NULL;
  /* Steps 10-14. */
  ipv4 = numbers[n - 1];
  for (guint i = 0; i + 1 < n; i++)
    ipv4 += numbers[i] << (8 * (3 - i));

  /* §3.6 host serializer, IPv4 branch. */
  for (int shift = 24; shift >= 0; shift -= 8)
    {
      out = append_decimal_byte (out, (guint) (ipv4 >> shift) & 0xff);
      *out++ = shift > 0 ? '.' : '\0';
    }
  return g_strdup (serialized);
}

/* §3.5 IPv6 parser, the IPv4-in-IPv6 part. */
static gboolean
ipv6_parse_ipv4_part (const char **pp,
                      const char  *end,
                      guint16     *address,
                      guint       *piece_index)
{
  const char *p = *pp;
  guint numbers_seen = 0;

  /* Step 6.5.3: pieceIndex > 6 is failure. */
  if (*piece_index > 6)
    return FALSE;
  while (p < end)
    {
      int ipv4_piece = -1;

      if (numbers_seen > 0)
        {
          if (*p == '.' && numbers_seen < 4)
            p++;
          else
            return FALSE;
        }
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        {
          int number = *p - '0';

          if (ipv4_piece == -1)
            ipv4_piece = number;
          else if (ipv4_piece == 0)
            return FALSE; /* leading zero */
          else
            ipv4_piece = ipv4_piece * 10 + number;
          if (ipv4_piece > 255)
            return FALSE;
          p++;
        }
      address[*piece_index] = address[*piece_index] * 0x100 + ipv4_piece;
      numbers_seen++;
      if (numbers_seen == 2 || numbers_seen == 4)
        (*piece_index)++;
    }
  *pp = p;
  return numbers_seen == 4;
}

/* §3.5 IPv6 parser. */
static gboolean
ipv6_parse (const char *p,
            const char *end,
            guint16     address[8])
{
  guint piece_index = 0;
  int compress = -1;

  memset (address, 0, 8 * sizeof (guint16));
  /* Step 5: a leading "::". */
  if (p < end && *p == ':')
    {
      if (p + 1 >= end || p[1] != ':')
        return FALSE;
      p += 2;
      compress = ++piece_index;
    }
  /* Step 6. */
  while (p < end)
    {
      guint value = 0, length = 0;

      if (piece_index == 8)
        return FALSE;
      if (*p == ':')
        {
          if (compress != -1)
            return FALSE;
          p++;
          compress = ++piece_index;
          continue;
        }
      while (length < 4 && p < end && g_ascii_isxdigit (*p))
        {
          value = value * 0x10 + g_ascii_xdigit_value (*p);
          p++, length++;
        }
      if (p < end && *p == '.')
        {
          if (length == 0)
            return FALSE;
          p -= length;
          if (!ipv6_parse_ipv4_part (&p, end, address, &piece_index))
            return FALSE;
          break;
        }
      else if (p < end && *p == ':')
        {
          p++;
          if (p >= end)
            return FALSE;
        }
      else if (p < end)
        return FALSE;
      address[piece_index++] = value;
    }
  /* Step 7: move the pieces after "::" to the end. */
  if (compress != -1)
    {
      int swaps = piece_index - compress;

      for (int i = 7; i != 0 && swaps > 0; i--, swaps--)
        {
          guint16 tmp = address[i];

          address[i] = address[compress + swaps - 1];
          address[compress + swaps - 1] = tmp;
        }
    }
  else if (piece_index != 8)
    return FALSE;
  return TRUE;
}

/* §3.6 host serializer, IPv6 branch: the first longest run of two or
 * more zero pieces is compressed; hex digits are lowercase. */
static char *
ipv6_serialize (const guint16 address[8])
{
  GString *out = g_string_new ("[");
  int compress = -1, best = 1;
  gboolean ignore0 = FALSE;

  for (int i = 0; i < 8; i++)
    {
      int run = 0;

      while (i + run < 8 && address[i + run] == 0)
        run++;
      if (run > best)
        best = run, compress = i;
    }
  for (int i = 0; i < 8; i++)
    {
      if (ignore0 && address[i] == 0)
        continue;
      ignore0 = FALSE;
      if (compress == i)
        {
          g_string_append (out, i == 0 ? "::" : ":");
          ignore0 = TRUE;
          continue;
        }
      g_string_append_printf (out, "%x", address[i]);
      if (i != 7)
        g_string_append_c (out, ':');
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* §3.5 opaque-host parser. */
static char *
opaque_host_parse (const char *input,
                   gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (is_forbidden_host_code_point (input[i]))
        return (g_string_free (out, TRUE), NULL);
      /* UTF-8 percent-encode with the C0 control percent-encode set. */
      if ((guchar) input[i] < 0x20 || (guchar) input[i] > 0x7E)
        g_string_append_printf (out, "%%%02X", (guchar) input[i]);
      else
        g_string_append_c (out, input[i]);
    }
  return g_string_free (out, FALSE);
}

/* UTS #46 §4 step 4.1: a label "xn--..." must decode as Punycode to a
 * non-empty label that is valid, that is, one mapping leaves unchanged:
 * here, one that GLib encodes back to the same "xn--" label. */
static gboolean
punycode_labels_are_valid (const char *domain)
{
  g_auto(GStrv) labels = g_strsplit (domain, ".", -1);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *unicode = NULL;
      g_autofree char *ascii = NULL;

      if (g_ascii_strncasecmp (labels[i], "xn--", 4) != 0)
        continue;
      unicode = g_hostname_to_unicode (labels[i]);
      if (unicode == NULL || unicode[0] == '\0')
        return FALSE;
      ascii = g_hostname_to_ascii (unicode);
      if (ascii == NULL || g_ascii_strcasecmp (ascii, labels[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

/* §3.3 domain to ASCII, with beStrict false. */
static char *
domain_to_ascii (const char *domain)
{
  g_autofree char *result = NULL;
  gboolean fast = TRUE;

  /* Step 1: an ASCII domain without "xn--" labels is only lowercased. */
  for (const char *p = domain; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 ||
        ((p == domain || p[-1] == '.') && g_ascii_strncasecmp (p, "xn--", 4) == 0))
      fast = FALSE;
  /* Step 2: UTS #46 ToASCII.
   * NOTE(spec): GLib's IDNA stands in for UTS #46 (see the top comment). */
  result = fast ? g_ascii_strdown (domain, -1) : g_hostname_to_ascii (domain);
  /* Steps 3-4: an error or an empty result is failure. */
  if (result == NULL || result[0] == '\0')
    return NULL;
  if (!fast && !punycode_labels_are_valid (result))
    return NULL;
  /* Step 5: forbidden domain code points are failure. */
  for (const char *p = result; *p != '\0'; p++)
    if (is_forbidden_domain_code_point (*p))
      return NULL;
  return g_steal_pointer (&result);
}

/* §3.5 host parser; returns the serialized host (§3.6) or NULL. */
char *
fetch_url_host_parse (const char *input,
                      gsize       len,
                      gboolean    is_opaque)
{
  g_autofree char *decoded = NULL;
  g_autofree char *ascii_domain = NULL;
  gsize decoded_len = 0;

  /* Step 1: "[...]" is an IPv6 address. */
  if (len > 0 && input[0] == '[')
    {
      guint16 address[8];

      if (input[len - 1] != ']' || len < 2 ||
          !ipv6_parse (input + 1, input + len - 1, address))
        return NULL;
      return ipv6_serialize (address);
    }
  /* Step 2: non-special URLs have opaque hosts. */
  if (is_opaque)
    return opaque_host_parse (input, len);
  /* Step 4: percent-decode, then UTF-8 decode without BOM. A NUL byte or
   * invalid UTF-8 could only end as a forbidden or disallowed code point
   * (U+0000, U+FFFD), so both are failure here already. */
  decoded = g_malloc (len + 1);
  for (gsize i = 0; i < len; i++)
    {
      if (input[i] == '%' && i + 2 < len &&
          g_ascii_isxdigit (input[i + 1]) && g_ascii_isxdigit (input[i + 2]))
        {
          decoded[decoded_len++] = g_ascii_xdigit_value (input[i + 1]) * 16 +
                                   g_ascii_xdigit_value (input[i + 2]);
          i += 2;
        }
      else
        decoded[decoded_len++] = input[i];
    }
  decoded[decoded_len] = '\0';
  if (memchr (decoded, '\0', decoded_len) != NULL ||
      !g_utf8_validate_len (decoded, decoded_len, NULL))
    return NULL;
  if (decoded_len >= 3 && memcmp (decoded, "\xEF\xBB\xBF", 3) == 0)
    memmove (decoded, decoded + 3, (decoded_len -= 3) + 1);
  if (decoded_len == 0)
    return NULL;
  /* Steps 5-6: domain to ASCII. */
  ascii_domain = domain_to_ascii (decoded);
  if (ascii_domain == NULL)
    return NULL;
  /* Step 7: a domain ending in a number is an IPv4 address. */
  if (ends_in_a_number (ascii_domain))
    return ipv4_parse (ascii_domain);
  return g_steal_pointer (&ascii_domain);
}
