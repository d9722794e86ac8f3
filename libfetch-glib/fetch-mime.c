/* fetch-mime.c: MIME types (MIME Sniffing §4) and `Content-Type` (§3.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * NOTE(spec): MIME Sniffing parses strings of code points; Fetch only ever
 * parses the isomorphic decoding of a header value (a byte sequence), so
 * this parser takes each byte of its input as one code point
 * (U+0000–U+00FF) and serializes each back to that byte. UTF-8 text passes
 * through unchanged: its non-ASCII bytes are all quoted-string token code
 * points.
 */
#include "config.h"

#include <string.h>

#include "fetch-mime-private.h"
#include "fetch-headers-private.h"

typedef struct {
  char *name;
  char *value;
} FetchMimeParameter;

struct _FetchMimeType {
  gatomicrefcount ref_count;
  char *type;
  char *subtype;
  GArray *parameters;  /* of FetchMimeParameter, in insertion order */
};

G_DEFINE_BOXED_TYPE (FetchMimeType, fetch_mime_type,
                     fetch_mime_type_ref, fetch_mime_type_unref)

static void
fetch_mime_parameter_clear (gpointer data)
{
  FetchMimeParameter *parameter = data;

  g_free (parameter->name);
  g_free (parameter->value);
}

static FetchMimeType *
fetch_mime_type_new_take (char *type,
                          char *subtype)
{
  FetchMimeType *mime_type = g_new0 (FetchMimeType, 1);

  g_atomic_ref_count_init (&mime_type->ref_count);
  mime_type->type = type;
  mime_type->subtype = subtype;
  mime_type->parameters = g_array_new (FALSE, FALSE, sizeof (FetchMimeParameter));
  g_array_set_clear_func (mime_type->parameters, fetch_mime_parameter_clear);
  return mime_type;
}

/**
 * fetch_mime_type_ref:
 * @mime_type: a MIME type
 *
 * Takes a reference on @mime_type.
 *
 * Returns: (transfer full): @mime_type
 *
 * Since: 0.1
 */
FetchMimeType *
fetch_mime_type_ref (FetchMimeType *mime_type)
{
  g_return_val_if_fail (mime_type != NULL, NULL);

  g_atomic_ref_count_inc (&mime_type->ref_count);
  return mime_type;
}

/**
 * fetch_mime_type_unref:
 * @mime_type: (transfer full): a MIME type
 *
 * Drops a reference on @mime_type, freeing it when it was the last.
 *
 * Since: 0.1
 */
void
fetch_mime_type_unref (FetchMimeType *mime_type)
{
  g_return_if_fail (mime_type != NULL);

  if (!g_atomic_ref_count_dec (&mime_type->ref_count))
    return;
  g_free (mime_type->type);
  g_free (mime_type->subtype);
  g_array_unref (mime_type->parameters);
  g_free (mime_type);
}

/* ------------------------------------------------------------------ */
/* Code points                                                        */
/* ------------------------------------------------------------------ */

/* MIME Sniffing §2 HTTP token code point: U+0021 (!), U+0023 (#), U+0024 ($), U+0025 (%),
 * U+0026 (&), U+0027 ('), U+002A (*), U+002B (+), U+002D (-), U+002E (.),
 * U+005E (^), U+005F (_), U+0060 (`), U+007C (|), U+007E (~), or an ASCII
 * alphanumeric (RFC 9110's tchar). */
gboolean
fetch_is_http_token_code_point (gunichar c)
{
  if (c >= 0x80)
    return FALSE;
  if (g_ascii_isalnum (c))
    return TRUE;
  switch (c)
    {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*':
    case '+': case '-': case '.': case '^': case '_': case '`': case '|':
    case '~':
      return TRUE;
    default:
      return FALSE;
    }
}

/* MIME Sniffing §2: U+0009 TAB, U+0020 SPACE to U+007E (~), or U+0080
 * to U+00FF. */
gboolean
fetch_is_http_quoted_string_token_code_point (gunichar c)
{
  return c == 0x09 || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
}

static gboolean
span_is_token (const char *s,
               gsize       length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!fetch_is_http_token_code_point ((guchar) s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
span_is_quoted_string_tokens (const char *s,
                              gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!fetch_is_http_quoted_string_token_code_point ((guchar) s[i]))
      return FALSE;
  return TRUE;
}

static int
find_parameter (FetchMimeType *mime_type,
                const char    *name)
{
  for (guint i = 0; i < mime_type->parameters->len; i++)
    {
      FetchMimeParameter *parameter =
        &g_array_index (mime_type->parameters, FetchMimeParameter, i);

      if (g_ascii_strcasecmp (parameter->name, name) == 0)
        return (int) i;
    }
  return -1;
}

static void
append_parameter_take (FetchMimeType *mime_type,
                       char          *name,
                       char          *value)
{
  FetchMimeParameter parameter = { name, value };

  g_array_append_val (mime_type->parameters, parameter);
}

/* ------------------------------------------------------------------ */
/* MIME Sniffing §4.4 parse, §4.5 serialize                           */
/* ------------------------------------------------------------------ */

/* MIME Sniffing §4.4 step 11: the parameters, from *@pos (at a `;`) to
 * @length. */
static void
parse_parameters (FetchMimeType *mime_type,
                  const char    *input,
                  gsize          length,
                  gsize          pos)
{
  GString *value = g_string_new (NULL);

  /* Step 11: while position is not past the end of input: */
  while (pos < length)
    {
      gsize name_start, name_end;

      /* Step 11.1: skip the `;`. Step 11.2: skip HTTP whitespace. */
      pos++;
      while (pos < length && fetch_is_http_whitespace (input[pos]))
        pos++;

      /* Step 11.3: the name runs up to `;` or `=`. */
      name_start = pos;
      while (pos < length && input[pos] != ';' && input[pos] != '=')
        pos++;
      name_end = pos;

      /* Step 11.5: a name without `=` is skipped; else skip the `=`. */
      if (pos < length)
        {
          if (input[pos] == ';')
            continue;
          pos++;
        }

      /* Step 11.6 */
      if (pos >= length)
        break;

      /* Step 11.7–11.9: the value. */
      g_string_truncate (value, 0);
      if (input[pos] == '"')
        {
          /* Step 11.8: a quoted string; anything after it up to `;` is
           * dropped. */
          fetch_collect_http_quoted_string (input, length, &pos, TRUE, value);
          while (pos < length && input[pos] != ';')
            pos++;
        }
      else
        {
          gsize value_start = pos;
          gsize value_end;

          /* Step 11.9: up to `;`, without trailing HTTP whitespace; an
           * empty value drops the parameter. */
          while (pos < length && input[pos] != ';')
            pos++;
          value_end = pos;
          while (value_end > value_start && fetch_is_http_whitespace (input[value_end - 1]))
            value_end--;
          if (value_end == value_start)
            continue;
          g_string_append_len (value, input + value_start, value_end - value_start);
        }

      /* Step 11.10: keep the first valid occurrence of a name. */
      if (span_is_token (input + name_start, name_end - name_start) &&
          span_is_quoted_string_tokens (value->str, value->len))
        {
          /* Step 11.4: the name is ASCII-lowercased. */
          char *name = g_ascii_strdown (input + name_start, name_end - name_start);

          if (find_parameter (mime_type, name) < 0)
            append_parameter_take (mime_type, name, g_strndup (value->str, value->len));
          else
            g_free (name);
        }
    }

  g_string_free (value, TRUE);
}

/**
 * fetch_mime_type_parse:
 * @input: a string, such as a `Content-Type` header value
 *
 * Parses a MIME type (MIME Sniffing §4.4 "parse a MIME type"). The type,
 * subtype and parameter names are lowercased; invalid parameters are
 * dropped and the first of repeated parameters wins.
 *
 * Returns: (transfer full) (nullable): the MIME type, or %NULL if @input
 *   is not one
 *
 * Since: 0.1
 */
FetchMimeType *
fetch_mime_type_parse (const char *input)
{
  const char *start, *end, *slash;
  gsize length, pos, subtype_start, subtype_end;
  FetchMimeType *mime_type;

  g_return_val_if_fail (input != NULL, NULL);

  /* Step 1: remove leading and trailing HTTP whitespace. */
  start = input;
  end = input + strlen (input);
  while (start < end && fetch_is_http_whitespace (*start))
    start++;
  while (end > start && fetch_is_http_whitespace (end[-1]))
    end--;
  length = end - start;

  /* Steps 2–3: the type runs up to `/`. */
  slash = memchr (start, '/', length);

  /* Step 4: a non-empty token. */
  if (!span_is_token (start, slash != NULL ? (gsize) (slash - start) : length))
    return NULL;

  /* Step 5: there must be a `/`. Step 6: skip it. */
  if (slash == NULL)
    return NULL;
  pos = slash - start + 1;

  /* Step 7: the subtype runs up to `;`. */
  subtype_start = pos;
  while (pos < length && start[pos] != ';')
    pos++;

  /* Step 8: remove trailing HTTP whitespace. */
  subtype_end = pos;
  while (subtype_end > subtype_start && fetch_is_http_whitespace (start[subtype_end - 1]))
    subtype_end--;

  /* Step 9: a non-empty token. */
  if (!span_is_token (start + subtype_start, subtype_end - subtype_start))
    return NULL;

  /* Step 10: type and subtype in ASCII lowercase. */
  mime_type = fetch_mime_type_new_take (g_ascii_strdown (start, slash - start),
                                        g_ascii_strdown (start + subtype_start,
                                                         subtype_end - subtype_start));

  /* Step 11 */
  parse_parameters (mime_type, start, length, pos);

  /* Step 12 */
  return mime_type;
}

/**
 * fetch_mime_type_serialize:
 * @mime_type: a MIME type
 *
 * Serializes @mime_type (MIME Sniffing §4.5): `type/subtype`, then
 * `;name=value` for each parameter, quoting values that are empty or not
 * made of HTTP token code points.
 *
 * Returns: (transfer full): the serialization
 *
 * Since: 0.1
 */
char *
fetch_mime_type_serialize (FetchMimeType *mime_type)
{
  GString *serialization;

  g_return_val_if_fail (mime_type != NULL, NULL);

  /* Steps 1–2: type, "/", subtype. */
  serialization = g_string_new (mime_type->type);
  g_string_append_c (serialization, '/');
  g_string_append (serialization, mime_type->subtype);

  /* Step 3: for each name → value of parameters: */
  for (guint i = 0; i < mime_type->parameters->len; i++)
    {
      FetchMimeParameter *parameter =
        &g_array_index (mime_type->parameters, FetchMimeParameter, i);
      const char *value = parameter->value;

      /* Steps 3.1–3.3: ";", name, "=". */
      g_string_append_c (serialization, ';');
      g_string_append (serialization, parameter->name);
      g_string_append_c (serialization, '=');

      /* Step 3.4: quote a value that is empty or not all token code
       * points, preceding each " and \ with a \. */
      if (!span_is_token (value, strlen (value)))
        {
          g_string_append_c (serialization, '"');
          for (const char *p = value; *p != '\0'; p++)
            {
              if (*p == '"' || *p == '\\')
                g_string_append_c (serialization, '\\');
              g_string_append_c (serialization, *p);
            }
          g_string_append_c (serialization, '"');
        }
      else
        {
          /* Step 3.5 */
          g_string_append (serialization, value);
        }
    }

  /* Step 4 */
  return g_string_free (serialization, FALSE);
}

/**
 * fetch_mime_type_get_media_type:
 * @mime_type: a MIME type
 *
 * Gets the type of @mime_type, such as `text` for `text/html`.
 *
 * Returns: the type, lowercase
 *
 * Since: 0.1
 */
const char *
fetch_mime_type_get_media_type (FetchMimeType *mime_type)
{
  g_return_val_if_fail (mime_type != NULL, NULL);

  return mime_type->type;
}

/**
 * fetch_mime_type_get_subtype:
 * @mime_type: a MIME type
 *
 * Gets the subtype of @mime_type, such as `html` for `text/html`.
 *
 * Returns: the subtype, lowercase
 *
 * Since: 0.1
 */
const char *
fetch_mime_type_get_subtype (FetchMimeType *mime_type)
{
  g_return_val_if_fail (mime_type != NULL, NULL);

  return mime_type->subtype;
}

/**
 * fetch_mime_type_get_essence:
 * @mime_type: a MIME type
 *
 * Gets the essence of @mime_type: its type, `/` and its subtype, without
 * parameters.
 *
 * Returns: (transfer full): the essence, such as `text/html`
 *
 * Since: 0.1
 */
char *
fetch_mime_type_get_essence (FetchMimeType *mime_type)
{
  g_return_val_if_fail (mime_type != NULL, NULL);

  return g_strconcat (mime_type->type, "/", mime_type->subtype, NULL);
}

/**
 * fetch_mime_type_get_parameter:
 * @mime_type: a MIME type
 * @name: a parameter name, in any case
 *
 * Gets the value of a parameter of @mime_type.
 *
 * Returns: (nullable): the value, or %NULL if there is no such parameter
 *
 * Since: 0.1
 */
const char *
fetch_mime_type_get_parameter (FetchMimeType *mime_type,
                               const char    *name)
{
  int index;

  g_return_val_if_fail (mime_type != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = find_parameter (mime_type, name);
  if (index < 0)
    return NULL;
  return g_array_index (mime_type->parameters, FetchMimeParameter, index).value;
}

/**
 * fetch_mime_type_set_parameter:
 * @mime_type: a MIME type
 * @name: a parameter name: HTTP token code points; it is lowercased
 * @value: the value: HTTP quoted-string token code points
 *
 * Sets a parameter of @mime_type, in place if it exists, else at the end.
 *
 * Since: 0.1
 */
void
fetch_mime_type_set_parameter (FetchMimeType *mime_type,
                               const char    *name,
                               const char    *value)
{
  int index;

  g_return_if_fail (mime_type != NULL);
  g_return_if_fail (name != NULL && span_is_token (name, strlen (name)));
  g_return_if_fail (value != NULL);

  index = find_parameter (mime_type, name);
  if (index >= 0)
    {
      FetchMimeParameter *parameter =
        &g_array_index (mime_type->parameters, FetchMimeParameter, index);

      g_free (parameter->value);
      parameter->value = g_strdup (value);
    }
  else
    {
      append_parameter_take (mime_type, g_ascii_strdown (name, -1), g_strdup (value));
    }
}

/**
 * fetch_mime_type_get_parameter_names:
 * @mime_type: a MIME type
 *
 * Gets the names of the parameters of @mime_type, in order.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, lowercase
 *
 * Since: 0.1
 */
char **
fetch_mime_type_get_parameter_names (FetchMimeType *mime_type)
{
  char **names;
  guint n;

  g_return_val_if_fail (mime_type != NULL, NULL);

  n = mime_type->parameters->len;
  names = g_new (char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (g_array_index (mime_type->parameters, FetchMimeParameter, i).name);
  names[n] = NULL;
  return names;
}

/* ------------------------------------------------------------------ */
/* §3.4 `Content-Type`                                                */
/* ------------------------------------------------------------------ */

/* §3.4 extract a MIME type */
FetchMimeType *
fetch_header_list_extract_mime_type (FetchHeaderList *headers)
{
  g_autofree char *charset = NULL;
  g_autofree char *essence = NULL;
  FetchMimeType *mime_type = NULL;
  g_auto(GStrv) values = NULL;

  g_return_val_if_fail (headers != NULL, NULL);

  /* Steps 1–4 */
  values = fetch_header_list_get_decode_split (headers, "Content-Type");

  /* Step 5 */
  if (values == NULL)
    return NULL;

  /* Step 6: for each value of values: */
  for (gsize i = 0; values[i] != NULL; i++)
    {
      FetchMimeType *temporary_mime_type = fetch_mime_type_parse (values[i]);
      g_autofree char *temporary_essence = NULL;
      const char *mime_charset;

      /* Step 6.2: skip failures and the essence "*" "/" "*". */
      if (temporary_mime_type == NULL)
        continue;
      temporary_essence = fetch_mime_type_get_essence (temporary_mime_type);
      if (strcmp (temporary_essence, "*/*") == 0)
        {
          fetch_mime_type_unref (temporary_mime_type);
          continue;
        }

      /* Step 6.3 */
      g_clear_pointer (&mime_type, fetch_mime_type_unref);
      mime_type = temporary_mime_type;
      mime_charset = fetch_mime_type_get_parameter (mime_type, "charset");

      if (essence == NULL || strcmp (temporary_essence, essence) != 0)
        {
          /* Step 6.4: a new essence resets the charset to its own. */
          g_free (charset);
          charset = g_strdup (mime_charset);
          g_free (essence);
          essence = g_steal_pointer (&temporary_essence);
        }
      else if (mime_charset == NULL && charset != NULL)
        {
          /* Step 6.5: the same essence inherits the earlier charset. */
          fetch_mime_type_set_parameter (mime_type, "charset", charset);
        }
    }

  /* Steps 7–8: NULL is failure. */
  return mime_type;
}

/* The Encoding Standard's labels (§4.2 "Names and labels"), lowercase,
 * with the canonical name of the encoding each one gets. */
static const struct {
  const char *label;
  const char *name;
} encoding_labels[] = {
  /* The Encoding */
  { "unicode-1-1-utf-8", "UTF-8" }, { "unicode11utf8", "UTF-8" },
  { "unicode20utf8", "UTF-8" }, { "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
  { "x-unicode20utf8", "UTF-8" },
  /* Legacy single-byte encodings */
  { "866", "IBM866" }, { "cp866", "IBM866" }, { "csibm866", "IBM866" },
  { "ibm866", "IBM866" },
  { "csisolatin2", "ISO-8859-2" }, { "iso-8859-2", "ISO-8859-2" },
  { "iso-ir-101", "ISO-8859-2" }, { "iso8859-2", "ISO-8859-2" },
  { "iso88592", "ISO-8859-2" }, { "iso_8859-2", "ISO-8859-2" },
  { "iso_8859-2:1987", "ISO-8859-2" }, { "l2", "ISO-8859-2" },
  { "latin2", "ISO-8859-2" },
  { "csisolatin3", "ISO-8859-3" }, { "iso-8859-3", "ISO-8859-3" },
  { "iso-ir-109", "ISO-8859-3" }, { "iso8859-3", "ISO-8859-3" },
  { "iso88593", "ISO-8859-3" }, { "iso_8859-3", "ISO-8859-3" },
  { "iso_8859-3:1988", "ISO-8859-3" }, { "l3", "ISO-8859-3" },
  { "latin3", "ISO-8859-3" },
  { "csisolatin4", "ISO-8859-4" }, { "iso-8859-4", "ISO-8859-4" },
  { "iso-ir-110", "ISO-8859-4" }, { "iso8859-4", "ISO-8859-4" },
  { "iso88594", "ISO-8859-4" }, { "iso_8859-4", "ISO-8859-4" },
  { "iso_8859-4:1988", "ISO-8859-4" }, { "l4", "ISO-8859-4" },
  { "latin4", "ISO-8859-4" },
  { "csisolatincyrillic", "ISO-8859-5" }, { "cyrillic", "ISO-8859-5" },
  { "iso-8859-5", "ISO-8859-5" }, { "iso-ir-144", "ISO-8859-5" },
  { "iso8859-5", "ISO-8859-5" }, { "iso88595", "ISO-8859-5" },
  { "iso_8859-5", "ISO-8859-5" }, { "iso_8859-5:1988", "ISO-8859-5" },
  { "arabic", "ISO-8859-6" }, { "asmo-708", "ISO-8859-6" },
  { "csiso88596e", "ISO-8859-6" }, { "csiso88596i", "ISO-8859-6" },
  { "csisolatinarabic", "ISO-8859-6" }, { "ecma-114", "ISO-8859-6" },
  { "iso-8859-6", "ISO-8859-6" }, { "iso-8859-6-e", "ISO-8859-6" },
  { "iso-8859-6-i", "ISO-8859-6" }, { "iso-ir-127", "ISO-8859-6" },
  { "iso8859-6", "ISO-8859-6" }, { "iso88596", "ISO-8859-6" },
  { "iso_8859-6", "ISO-8859-6" }, { "iso_8859-6:1987", "ISO-8859-6" },
  { "csisolatingreek", "ISO-8859-7" }, { "ecma-118", "ISO-8859-7" },
  { "elot_928", "ISO-8859-7" }, { "greek", "ISO-8859-7" },
  { "greek8", "ISO-8859-7" }, { "iso-8859-7", "ISO-8859-7" },
  { "iso-ir-126", "ISO-8859-7" }, { "iso8859-7", "ISO-8859-7" },
  { "iso88597", "ISO-8859-7" }, { "iso_8859-7", "ISO-8859-7" },
  { "iso_8859-7:1987", "ISO-8859-7" }, { "sun_eu_greek", "ISO-8859-7" },
  { "csiso88598e", "ISO-8859-8" }, { "csisolatinhebrew", "ISO-8859-8" },
  { "hebrew", "ISO-8859-8" }, { "iso-8859-8", "ISO-8859-8" },
  { "iso-8859-8-e", "ISO-8859-8" }, { "iso-ir-138", "ISO-8859-8" },
  { "iso8859-8", "ISO-8859-8" }, { "iso88598", "ISO-8859-8" },
  { "iso_8859-8", "ISO-8859-8" }, { "iso_8859-8:1988", "ISO-8859-8" },
  { "visual", "ISO-8859-8" },
  { "csiso88598i", "ISO-8859-8-I" }, { "iso-8859-8-i", "ISO-8859-8-I" },
  { "logical", "ISO-8859-8-I" },
  { "csisolatin6", "ISO-8859-10" }, { "iso-8859-10", "ISO-8859-10" },
  { "iso-ir-157", "ISO-8859-10" }, { "iso8859-10", "ISO-8859-10" },
  { "iso885910", "ISO-8859-10" }, { "l6", "ISO-8859-10" },
  { "latin6", "ISO-8859-10" },
  { "iso-8859-13", "ISO-8859-13" }, { "iso8859-13", "ISO-8859-13" },
  { "iso885913", "ISO-8859-13" },
  { "iso-8859-14", "ISO-8859-14" }, { "iso8859-14", "ISO-8859-14" },
  { "iso885914", "ISO-8859-14" },
  { "csisolatin9", "ISO-8859-15" }, { "iso-8859-15", "ISO-8859-15" },
  { "iso8859-15", "ISO-8859-15" }, { "iso885915", "ISO-8859-15" },
  { "iso_8859-15", "ISO-8859-15" }, { "l9", "ISO-8859-15" },
  { "iso-8859-16", "ISO-8859-16" },
  { "cskoi8r", "KOI8-R" }, { "koi", "KOI8-R" }, { "koi8", "KOI8-R" },
  { "koi8-r", "KOI8-R" }, { "koi8_r", "KOI8-R" },
  { "koi8-ru", "KOI8-U" }, { "koi8-u", "KOI8-U" },
  { "csmacintosh", "macintosh" }, { "mac", "macintosh" },
  { "macintosh", "macintosh" }, { "x-mac-roman", "macintosh" },
  { "dos-874", "windows-874" }, { "iso-8859-11", "windows-874" },
  { "iso8859-11", "windows-874" }, { "iso885911", "windows-874" },
  { "tis-620", "windows-874" }, { "windows-874", "windows-874" },
  { "cp1250", "windows-1250" }, { "windows-1250", "windows-1250" },
  { "x-cp1250", "windows-1250" },
  { "cp1251", "windows-1251" }, { "windows-1251", "windows-1251" },
  { "x-cp1251", "windows-1251" },
  { "ansi_x3.4-1968", "windows-1252" }, { "ascii", "windows-1252" },
  { "cp1252", "windows-1252" }, { "cp819", "windows-1252" },
  { "csisolatin1", "windows-1252" }, { "ibm819", "windows-1252" },
  { "iso-8859-1", "windows-1252" }, { "iso-ir-100", "windows-1252" },
  { "iso8859-1", "windows-1252" }, { "iso88591", "windows-1252" },
  { "iso_8859-1", "windows-1252" }, { "iso_8859-1:1987", "windows-1252" },
  { "l1", "windows-1252" }, { "latin1", "windows-1252" },
  { "us-ascii", "windows-1252" }, { "windows-1252", "windows-1252" },
  { "x-cp1252", "windows-1252" },
  { "cp1253", "windows-1253" }, { "windows-1253", "windows-1253" },
  { "x-cp1253", "windows-1253" },
  { "cp1254", "windows-1254" }, { "csisolatin5", "windows-1254" },
  { "iso-8859-9", "windows-1254" }, { "iso-ir-148", "windows-1254" },
  { "iso8859-9", "windows-1254" }, { "iso88599", "windows-1254" },
  { "iso_8859-9", "windows-1254" }, { "iso_8859-9:1989", "windows-1254" },
  { "l5", "windows-1254" }, { "latin5", "windows-1254" },
  { "windows-1254", "windows-1254" }, { "x-cp1254", "windows-1254" },
  { "cp1255", "windows-1255" }, { "windows-1255", "windows-1255" },
  { "x-cp1255", "windows-1255" },
  { "cp1256", "windows-1256" }, { "windows-1256", "windows-1256" },
  { "x-cp1256", "windows-1256" },
  { "cp1257", "windows-1257" }, { "windows-1257", "windows-1257" },
  { "x-cp1257", "windows-1257" },
  { "cp1258", "windows-1258" }, { "windows-1258", "windows-1258" },
  { "x-cp1258", "windows-1258" },
  { "x-mac-cyrillic", "x-mac-cyrillic" }, { "x-mac-ukrainian", "x-mac-cyrillic" },
  /* Legacy multi-byte Chinese (simplified) encodings */
  { "chinese", "GBK" }, { "csgb2312", "GBK" }, { "csiso58gb231280", "GBK" },
  { "gb2312", "GBK" }, { "gb_2312", "GBK" }, { "gb_2312-80", "GBK" },
  { "gbk", "GBK" }, { "iso-ir-58", "GBK" }, { "x-gbk", "GBK" },
  { "gb18030", "gb18030" },
  /* Legacy multi-byte Chinese (traditional) encodings */
  { "big5", "Big5" }, { "big5-hkscs", "Big5" }, { "cn-big5", "Big5" },
  { "csbig5", "Big5" }, { "x-x-big5", "Big5" },
  /* Legacy multi-byte Japanese encodings */
  { "cseucpkdfmtjapanese", "EUC-JP" }, { "euc-jp", "EUC-JP" },
  { "x-euc-jp", "EUC-JP" },
  { "csiso2022jp", "ISO-2022-JP" }, { "iso-2022-jp", "ISO-2022-JP" },
  { "csshiftjis", "Shift_JIS" }, { "ms932", "Shift_JIS" },
  { "ms_kanji", "Shift_JIS" }, { "shift-jis", "Shift_JIS" },
  { "shift_jis", "Shift_JIS" }, { "sjis", "Shift_JIS" },
  { "windows-31j", "Shift_JIS" }, { "x-sjis", "Shift_JIS" },
  /* Legacy multi-byte Korean encodings */
  { "cseuckr", "EUC-KR" }, { "csksc56011987", "EUC-KR" },
  { "euc-kr", "EUC-KR" }, { "iso-ir-149", "EUC-KR" }, { "korean", "EUC-KR" },
  { "ks_c_5601-1987", "EUC-KR" }, { "ks_c_5601-1989", "EUC-KR" },
  { "ksc5601", "EUC-KR" }, { "ksc_5601", "EUC-KR" },
  { "windows-949", "EUC-KR" },
  /* Legacy miscellaneous encodings */
  { "csiso2022kr", "replacement" }, { "hz-gb-2312", "replacement" },
  { "iso-2022-cn", "replacement" }, { "iso-2022-cn-ext", "replacement" },
  { "iso-2022-kr", "replacement" },
  { "unicodefffe", "UTF-16BE" }, { "utf-16be", "UTF-16BE" },
  { "csunicode", "UTF-16LE" }, { "iso-10646-ucs-2", "UTF-16LE" },
  { "ucs-2", "UTF-16LE" }, { "unicode", "UTF-16LE" },
  { "unicodefeff", "UTF-16LE" }, { "utf-16", "UTF-16LE" },
  { "utf-16le", "UTF-16LE" },
  { "x-user-defined", "x-user-defined" },
};

static inline gboolean
is_ascii_whitespace (char c)
{
  return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

/* Encoding Standard §4.2 get an encoding: the canonical name for @label,
 * or NULL for failure. */
const char *
fetch_get_an_encoding (const char *label)
{
  const char *start, *end;
  gsize length;

  g_return_val_if_fail (label != NULL, NULL);

  /* Step 1: remove leading and trailing ASCII whitespace. */
  start = label;
  end = label + strlen (label);
  while (start < end && is_ascii_whitespace (*start))
    start++;
  while (end > start && is_ascii_whitespace (end[-1]))
    end--;
  length = end - start;

  /* Step 2: an ASCII case-insensitive match for a label. About 230
   * labels, looked up once per response: a linear scan is enough. */
  for (gsize i = 0; i < G_N_ELEMENTS (encoding_labels); i++)
    if (strlen (encoding_labels[i].label) == length &&
        g_ascii_strncasecmp (encoding_labels[i].label, start, length) == 0)
      return encoding_labels[i].name;
  return NULL;
}

/* §3.4 legacy extract an encoding, given a MIME type or NULL (failure) */
const char *
fetch_mime_type_legacy_extract_encoding (FetchMimeType *mime_type,
                                         const char    *fallback)
{
  const char *charset, *tentative_encoding;

  /* Step 1 */
  if (mime_type == NULL)
    return fallback;

  /* Step 2 */
  charset = fetch_mime_type_get_parameter (mime_type, "charset");
  if (charset == NULL)
    return fallback;

  /* Steps 3–4 */
  tentative_encoding = fetch_get_an_encoding (charset);
  if (tentative_encoding == NULL)
    return fallback;

  /* Step 5 */
  return tentative_encoding;
}

/* §3.4 legacy extract an encoding from a header list's `Content-Type` */
const char *
fetch_legacy_extract_encoding (FetchHeaderList *headers,
                               const char      *fallback)
{
  g_autoptr(FetchMimeType) mime_type = NULL;

  g_return_val_if_fail (headers != NULL, fallback);

  mime_type = fetch_header_list_extract_mime_type (headers);
  return fetch_mime_type_legacy_extract_encoding (mime_type, fallback);
}
