/* fetch-header-predicates.c: which methods and headers are safelisted,
 * privileged or forbidden (§2.2.1, §2.2.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * These predicates look at a single method or (name, value) and never at
 * a header list; the header-list algorithms and the Headers class that
 * use them are in fetch-headers.c. Names and values are byte sequences
 * (see there).
 */
#include "config.h"

#include <string.h>

#include "fetch-headers-private.h"
#include "fetch-mime-private.h"

/* ------------------------------------------------------------------ */
/* §2.2.1 Methods                                                     */
/* ------------------------------------------------------------------ */

/* §2.2.1 A method is a byte sequence matching the method token production
 * (the same production as a header name's). */
gboolean
fetch_is_method (const char *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  return fetch_is_header_name (method);
}

/* §2.2.1 CORS-safelisted method: `GET`, `HEAD` or `POST`, case-sensitively
 * (methods are compared after normalization). */
gboolean
fetch_is_cors_safelisted_method (const char *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  return strcmp (method, "GET") == 0 ||
         strcmp (method, "HEAD") == 0 ||
         strcmp (method, "POST") == 0;
}

/* §2.2.1 forbidden method */
gboolean
fetch_is_forbidden_method (const char *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  return g_ascii_strcasecmp (method, "CONNECT") == 0 ||
         g_ascii_strcasecmp (method, "TRACE") == 0 ||
         g_ascii_strcasecmp (method, "TRACK") == 0;
}

/* §2.2.1 normalize a method */
char *
fetch_normalize_method (const char *method)
{
  static const char * const normalized[] = {
    "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT",
  };

  g_return_val_if_fail (method != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (normalized); i++)
    if (g_ascii_strcasecmp (method, normalized[i]) == 0)
      return g_strdup (normalized[i]);
  return g_strdup (method);
}

/* ------------------------------------------------------------------ */
/* §2.2.2 Header predicates                                           */
/* ------------------------------------------------------------------ */

static gboolean
name_is_one_of (const char         *name,
                const char * const *names,
                gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

#define NAME_IS_ONE_OF(name, array) name_is_one_of ((name), (array), G_N_ELEMENTS (array))

/* §2.2.2 CORS-unsafe request-header byte */
gboolean
fetch_is_cors_unsafe_request_header_byte (guchar byte)
{
  /* A byte less than 0x20 that is not 0x09 HT, or 0x7F DEL. */
  if ((byte < 0x20 && byte != 0x09) || byte == 0x7F)
    return TRUE;

  /* 0x22 ", 0x28 (, 0x29 ), 0x3A :, 0x3C <, 0x3E >, 0x3F ?, 0x40 @,
   * 0x5B [, 0x5C \, 0x5D ], 0x7B {, 0x7D } */
  switch (byte)
    {
    case 0x22: case 0x28: case 0x29: case 0x3A: case 0x3C: case 0x3E:
    case 0x3F: case 0x40: case 0x5B: case 0x5C: case 0x5D: case 0x7B:
    case 0x7D:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
contains_cors_unsafe_request_header_byte (const char *value)
{
  for (; *value != '\0'; value++)
    if (fetch_is_cors_unsafe_request_header_byte ((guchar) *value))
      return TRUE;
  return FALSE;
}

/* The bytes allowed in `Accept-Language` and `Content-Language`. */
static gboolean
is_language_byte (guchar c)
{
  return g_ascii_isalnum (c) || c == 0x20 || c == 0x2A || c == 0x2C ||
         c == 0x2D || c == 0x2E || c == 0x3B || c == 0x3D;
}

static gboolean
is_safelisted_content_type (const char *value)
{
  g_autoptr(FetchMimeType) mime_type = NULL;
  const char *type, *subtype;

  /* Step 2 `content-type` 1: no CORS-unsafe request-header byte. */
  if (contains_cors_unsafe_request_header_byte (value))
    return FALSE;

  /* Steps 2–3: parse it (not "extract a MIME type": see the spec). */
  mime_type = fetch_mime_type_parse (value);
  if (mime_type == NULL)
    return FALSE;

  /* Step 4: the essence must be one of three. */
  type = fetch_mime_type_get_media_type (mime_type);
  subtype = fetch_mime_type_get_subtype (mime_type);
  return (strcmp (type, "application") == 0 &&
          strcmp (subtype, "x-www-form-urlencoded") == 0) ||
         (strcmp (type, "multipart") == 0 && strcmp (subtype, "form-data") == 0) ||
         (strcmp (type, "text") == 0 && strcmp (subtype, "plain") == 0);
}

/* §2.2.2 CORS-safelisted request-header */
gboolean
fetch_is_cors_safelisted_request_header (const char *name,
                                         const char *value)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  /* Step 1 */
  if (strlen (value) > 128)
    return FALSE;

  /* Step 2: switch on the lowercased name. */
  if (g_ascii_strcasecmp (name, "accept") == 0)
    {
      if (contains_cors_unsafe_request_header_byte (value))
        return FALSE;
    }
  else if (g_ascii_strcasecmp (name, "accept-language") == 0 ||
           g_ascii_strcasecmp (name, "content-language") == 0)
    {
      for (const char *p = value; *p != '\0'; p++)
        if (!is_language_byte ((guchar) *p))
          return FALSE;
    }
  else if (g_ascii_strcasecmp (name, "content-type") == 0)
    {
      if (!is_safelisted_content_type (value))
        return FALSE;
    }
  else if (g_ascii_strcasecmp (name, "range") == 0)
    {
      FetchRange range;

      /* `range` 1–3: a single range without whitespace, with a start
       * (browsers never emitted `bytes=-500`). */
      if (!fetch_parse_single_range_header_value (value, FALSE, &range))
        return FALSE;
      if (!range.has_start)
        return FALSE;
    }
  else
    {
      /* Otherwise */
      return FALSE;
    }

  /* Step 3 */
  return TRUE;
}

/* §2.2.2 CORS non-wildcard request-header name */
gboolean
fetch_is_cors_non_wildcard_request_header_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return g_ascii_strcasecmp (name, "Authorization") == 0;
}

/* §2.2.2 privileged no-CORS request-header name */
gboolean
fetch_is_privileged_no_cors_request_header_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return g_ascii_strcasecmp (name, "Range") == 0;
}

/* §2.2.2 forbidden response-header name */
gboolean
fetch_is_forbidden_response_header_name (const char *name)
{
  static const char * const names[] = { "Set-Cookie", "Set-Cookie2" };

  g_return_val_if_fail (name != NULL, FALSE);

  return NAME_IS_ONE_OF (name, names);
}

/* §2.2.2 CORS-safelisted response-header name, given @exposed_names */
gboolean
fetch_is_cors_safelisted_response_header_name (const char         *name,
                                               const char * const *exposed_names)
{
  static const char * const names[] = {
    "Cache-Control", "Content-Language", "Content-Length", "Content-Type",
    "Expires", "Last-Modified", "Pragma",
  };

  g_return_val_if_fail (name != NULL, FALSE);

  if (NAME_IS_ONE_OF (name, names))
    return TRUE;

  /* Any item in list that is not a forbidden response-header name. */
  for (gsize i = 0; exposed_names != NULL && exposed_names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, exposed_names[i]) == 0 &&
        !fetch_is_forbidden_response_header_name (exposed_names[i]))
      return TRUE;
  return FALSE;
}

/* §2.2.2 no-CORS-safelisted request-header name */
gboolean
fetch_is_no_cors_safelisted_request_header_name (const char *name)
{
  static const char * const names[] = {
    "Accept", "Accept-Language", "Content-Language", "Content-Type",
  };

  g_return_val_if_fail (name != NULL, FALSE);

  return NAME_IS_ONE_OF (name, names);
}

/* §2.2.2 no-CORS-safelisted request-header */
gboolean
fetch_is_no_cors_safelisted_request_header (const char *name,
                                            const char *value)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  /* Step 1 */
  if (!fetch_is_no_cors_safelisted_request_header_name (name))
    return FALSE;

  /* Step 2 */
  return fetch_is_cors_safelisted_request_header (name, value);
}

/* §2.2.2 forbidden request-header */
gboolean
fetch_is_forbidden_request_header (const char *name,
                                   const char *value)
{
  static const char * const forbidden[] = {
    "Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers",
    "Access-Control-Request-Method", "Connection", "Content-Length",
    "Cookie", "Cookie2", "Date", "DNT", "Expect", "Host", "Keep-Alive",
    "Origin", "Referer", "Set-Cookie", "TE", "Trailer",
    "Transfer-Encoding", "Upgrade", "Via",
  };
  static const char * const method_overrides[] = {
    "X-HTTP-Method", "X-HTTP-Method-Override", "X-Method-Override",
  };

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  /* Step 1 */
  if (NAME_IS_ONE_OF (name, forbidden))
    return TRUE;

  /* Step 2 */
  if (g_ascii_strncasecmp (name, "proxy-", 6) == 0 ||
      g_ascii_strncasecmp (name, "sec-", 4) == 0)
    return TRUE;

  /* Step 3: a method override naming a forbidden method. */
  if (NAME_IS_ONE_OF (name, method_overrides))
    {
      g_auto(GStrv) parsed_values = fetch_header_value_get_decode_split (value);

      for (gsize i = 0; parsed_values[i] != NULL; i++)
        if (fetch_is_forbidden_method (parsed_values[i]))
          return TRUE;
    }

  /* Step 4 */
  return FALSE;
}

/* §2.2.2 request-body-header name */
gboolean
fetch_is_request_body_header_name (const char *name)
{
  static const char * const names[] = {
    "Content-Encoding", "Content-Language", "Content-Location", "Content-Type",
  };

  g_return_val_if_fail (name != NULL, FALSE);

  return NAME_IS_ONE_OF (name, names);
}

/* ------------------------------------------------------------------ */
/* Ranges (§2.2.2)                                                     */

/* Collect a sequence of ASCII digits as a number, saturating. Returns
 * FALSE if there were none. */
static gboolean
collect_decimal (const char **position,
                 guint64     *value)
{
  const char *p = *position;
  guint64 n = 0;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      guint digit = *p - '0';

      /* The standard's numbers are unbounded; anything past 64 bits is
       * past every blob's length, so saturating keeps every comparison
       * right. */
      if (n > (G_MAXUINT64 - digit) / 10)
        n = G_MAXUINT64;
      else
        n = n * 10 + digit;
    }
  *position = p;
  *value = n;
  return TRUE;
}

static void
skip_http_tab_or_space (const char **position)
{
  while (fetch_is_http_tab_or_space (**position))
    (*position)++;
}

/* §2.2.2 parse a single range header value. Header values are bytes;
 * the isomorphic decoding of step 1 maps each byte to one code point, so
 * working on the bytes directly is the same. */
gboolean
fetch_parse_single_range_header_value (const char *value,
                                       gboolean    allow_whitespace,
                                       FetchRange *range)
{
  const char *position;
  FetchRange result = { FALSE, 0, FALSE, 0 };

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  /* Step 2: if data does not start with "bytes", return failure. */
  if (strncmp (value, "bytes", 5) != 0)
    return FALSE;

  /* Step 3: position points at the 5th code point (after "bytes"). */
  position = value + 5;

  /* Steps 4-6: optional whitespace, then "=". */
  if (allow_whitespace)
    skip_http_tab_or_space (&position);
  if (*position != '=')
    return FALSE;
  position++;

  /* Steps 7-9: optional whitespace, then rangeStart (null if empty). */
  if (allow_whitespace)
    skip_http_tab_or_space (&position);
  result.has_start = collect_decimal (&position, &result.start);

  /* Steps 10-12: optional whitespace, then "-". */
  if (allow_whitespace)
    skip_http_tab_or_space (&position);
  if (*position != '-')
    return FALSE;
  position++;

  /* Steps 13-15: optional whitespace, then rangeEnd (null if empty). */
  if (allow_whitespace)
    skip_http_tab_or_space (&position);
  result.has_end = collect_decimal (&position, &result.end);

  /* Step 16: if position is not past the end of data, return failure. */
  if (*position != '\0')
    return FALSE;

  /* Step 17: if rangeEndValue and rangeStartValue are null, failure. */
  if (!result.has_start && !result.has_end)
    return FALSE;

  /* Step 18: if both are numbers and start > end, failure. */
  if (result.has_start && result.has_end && result.start > result.end)
    return FALSE;

  /* Step 19: return (rangeStartValue, rangeEndValue). */
  *range = result;
  return TRUE;
}

/* §2.2.2 build a content range */
char *
fetch_build_content_range (guint64 range_start,
                           guint64 range_end,
                           guint64 full_length)
{
  /* Steps 1-7: `bytes `, rangeStart, "-", rangeEnd, "/", fullLength. */
  return g_strdup_printf ("bytes %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT
                          "/%" G_GUINT64_FORMAT,
                          range_start, range_end, full_length);
}
