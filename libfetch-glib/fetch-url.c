/* fetch-url.c: URLs as the WHATWG URL Standard has them, returned as GUri
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GUri parses RFC 3986 URIs; the Fetch Standard works on URL records of
 * the URL Standard, and the two disagree visibly on real-world input.
 * Patching GUri's output case by case turned out longer than running the
 * URL Standard's own state machine (§4.4 basic URL parser), so this file
 * runs that state machine into a URL record, and then stores the record
 * in a GUri built with G_URI_FLAGS_ENCODED: every component is kept
 * exactly as the URL Standard serializes it, so g_uri_get_host(),
 * g_uri_get_path(), ... return the standard's values and g_uri_to_string()
 * returns the standard's serialization. GLib does the IDNA work
 * (g_hostname_to_ascii) and the UTF-8 validation.
 *
 * Handled (each differs from plain GUri and is tested in url-test.c):
 *  - leading/trailing C0 control or space stripped, ASCII tab/newline
 *    removed anywhere;
 *  - scheme lowercased; special schemes (ftp, file, http, https, ws, wss):
 *    "\" is "/", any number of slashes after "scheme:", a host is
 *    required (except file), "scheme:foo" is relative to a base of the
 *    same scheme;
 *  - hosts: percent-decoded, IDNA to ASCII, lowercased, forbidden domain
 *    code points rejected; IPv4 in every form the standard accepts
 *    (decimal, octal, hex, fewer than four parts) normalized to dotted
 *    decimal; IPv6 parsed and reserialized compressed, in brackets;
 *    opaque hosts of non-special URLs percent-encoded; "localhost" is ""
 *    in file URLs;
 *  - port: leading zeros allowed, > 65535 fails, the default port of the
 *    scheme is dropped;
 *  - path: "" of a special URL is "/", "." and ".." segments (also as
 *    %2e) resolved, Windows drive letters of file URLs kept ("C|" is
 *    "C:") and never popped;
 *  - percent-encoding with the standard's sets (C0 control, fragment,
 *    query, special-query, path, userinfo); an existing %XX is kept as is;
 *  - opaque paths (data:, mailto:, about:, blob:, javascript: ...) kept
 *    as they are, with C0 controls and non-ASCII percent-encoded;
 *  - relative references against a base: "//host", "?q", "#f", "../x",
 *    "/x", "" and "#f" against an opaque-path base;
 *  - serialization (§4.5) including the "/." prefix that keeps a path
 *    starting with "//" from being read back as a host.
 *
 * Not handled (documented deviations):
 *  - IDNA is GLib's g_hostname_to_ascii() (a nameprep-style mapping with
 *    NFKC that keeps "ß" as non-transitional processing does), not a
 *    full UTS #46 ToASCII with its own mapping table: CheckBidi
 *    and CheckJoiners are not applied, and an existing "xn--" label is
 *    valid when GLib decodes and re-encodes it to itself, so a few hosts
 *    that browsers reject are accepted;
 *  - the query is always encoded as UTF-8 (the standard lets a document's
 *    legacy encoding be used; Fetch always passes UTF-8);
 *  - no state override (the URL setters), and validation errors are not
 *    reported (they never change the result);
 *  - blob: URLs are not looked up in a blob URL store: their origin comes
 *    from the URL in their path (§4 origin, the store-less branch);
 *  - input that is not valid UTF-8 has its bad bytes replaced by U+FFFD,
 *    as a browser's string conversion would;
 *  - a path that starts with "//" in a URL without a host is stored in the
 *    GUri with its "/." prefix ("web+demo:/.//x" has path "/.//x"), so
 *    that the GUri serializes right; it names the same path.
 */
#include "config.h"

#include <string.h>

#include "fetch-url-private.h"
#include "fetch-origin.h"

/* ------------------------------------------------------------------ */
/* §1.3 percent-encoded bytes: the percent-encode sets                 */

typedef enum {
  SET_C0_CONTROL,
  SET_FRAGMENT,
  SET_QUERY,
  SET_SPECIAL_QUERY,
  SET_PATH,
  SET_USERINFO,
} PercentEncodeSet;

static gboolean
in_percent_encode_set (guchar           c,
                       PercentEncodeSet set)
{
  /* The C0 control percent-encode set: C0 controls and > U+007E; bytes of
   * a UTF-8 sequence are all >= 0x80, so each gets encoded. */
  if (c < 0x20 || c > 0x7E)
    return TRUE;

  switch (set)
    {
    case SET_C0_CONTROL:
      return FALSE;
    case SET_FRAGMENT:
      return strchr (" \"<>`", c) != NULL;
    case SET_QUERY:
      return strchr (" \"#<>", c) != NULL;
    case SET_SPECIAL_QUERY:
      return strchr (" \"#<>'", c) != NULL;
    case SET_PATH:
      /* NOTE(spec): U+005E (^) joined the path percent-encode set in 2024;
       * we follow the current standard. */
      return strchr (" \"#<>?^`{}", c) != NULL;
    case SET_USERINFO:
      return strchr (" \"#<>?^`{}/:;=@[\\]|", c) != NULL;
    default:
      g_assert_not_reached ();
    }
}

/* UTF-8 percent-encode one byte of a code point using set. */
static void
percent_encode_append (GString         *out,
                       guchar           c,
                       PercentEncodeSet set)
{
  if (in_percent_encode_set (c, set))
    g_string_append_printf (out, "%%%02X", c);
  else
    g_string_append_c (out, c);
}

/* ------------------------------------------------------------------ */
/* The URL record (§4.1)                                               */

typedef struct {
  char      *scheme;
  GString   *username;
  GString   *password;
  char      *host;         /* serialized host (IPv6 in brackets) or NULL */
  int        port;         /* -1 = null */
  GPtrArray *path;         /* list path: char* segments */
  GString   *opaque_path;  /* non-NULL iff the URL has an opaque path */
  GString   *query;        /* NULL = null */
  GString   *fragment;     /* NULL = null */
} UrlRecord;

static void
url_record_init (UrlRecord *url)
{
  memset (url, 0, sizeof *url);
  url->username = g_string_new (NULL);
  url->password = g_string_new (NULL);
  url->port = -1;
  url->path = g_ptr_array_new_with_free_func (g_free);
}

/* Also clears a record that was never initialized (all zero). */
static void
url_record_clear (UrlRecord *url)
{
  g_free (url->scheme);
  if (url->username)
    g_string_free (url->username, TRUE);
  if (url->password)
    g_string_free (url->password, TRUE);
  g_free (url->host);
  if (url->path)
    g_ptr_array_unref (url->path);
  if (url->opaque_path)
    g_string_free (url->opaque_path, TRUE);
  if (url->query)
    g_string_free (url->query, TRUE);
  if (url->fragment)
    g_string_free (url->fragment, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UrlRecord, url_record_clear)

static void
set_gstring (GString   **field,
             const char *value)
{
  if (*field != NULL)
    g_string_free (*field, TRUE);
  *field = value ? g_string_new (value) : NULL;
}

static void
copy_path (UrlRecord       *url,
           const UrlRecord *base)
{
  g_ptr_array_set_size (url->path, 0);
  for (guint i = 0; i < base->path->len; i++)
    g_ptr_array_add (url->path, g_strdup (base->path->pdata[i]));
}

/* §4.1 special scheme and its default port. */
static const struct {
  const char *scheme;
  int         port;
} special_schemes[] = {
  { "ftp", 21 },
  { "file", -1 },
  { "http", 80 },
  { "https", 443 },
  { "ws", 80 },
  { "wss", 443 },
};

static gboolean
scheme_is_special (const char *scheme)
{
  for (gsize i = 0; i < G_N_ELEMENTS (special_schemes); i++)
    if (g_strcmp0 (scheme, special_schemes[i].scheme) == 0)
      return TRUE;
  return FALSE;
}

int
fetch_url_default_port (const char *scheme)
{
  for (gsize i = 0; i < G_N_ELEMENTS (special_schemes); i++)
    if (g_strcmp0 (scheme, special_schemes[i].scheme) == 0)
      return special_schemes[i].port;
  return -1;
}

/* §4.1 Windows drive letter: an ASCII alpha then ":" or "|"; normalized
 * when the second is ":". */
static gboolean
is_windows_drive_letter (const char *s,
                         gsize       len,
                         gboolean    normalized)
{
  return len == 2 && g_ascii_isalpha (s[0]) &&
         (s[1] == ':' || (!normalized && s[1] == '|'));
}

/* §4.1 starts with a Windows drive letter. */
static gboolean
starts_with_windows_drive_letter (const char *s,
                                  gsize       len)
{
  return len >= 2 && is_windows_drive_letter (s, 2, FALSE) &&
         (len == 2 || strchr ("/\\?#", s[2]) != NULL);
}

/* §4.1 shorten a URL's path. */
static void
shorten_path (UrlRecord *url)
{
  GPtrArray *path = url->path;

  /* Step 3: a file URL keeps its drive letter. */
  if (g_strcmp0 (url->scheme, "file") == 0 && path->len == 1 &&
      is_windows_drive_letter (path->pdata[0], strlen (path->pdata[0]), TRUE))
    return;
  /* Step 4: remove path's last item, if any. */
  if (path->len > 0)
    g_ptr_array_set_size (path, path->len - 1);
}

static gboolean
is_single_dot_segment (const char *s)
{
  return strcmp (s, ".") == 0 || g_ascii_strcasecmp (s, "%2e") == 0;
}

static gboolean
is_double_dot_segment (const char *s)
{
  return strcmp (s, "..") == 0 || g_ascii_strcasecmp (s, ".%2e") == 0 ||
         g_ascii_strcasecmp (s, "%2e.") == 0 ||
         g_ascii_strcasecmp (s, "%2e%2e") == 0;
}

/* ------------------------------------------------------------------ */
/* §4.4 basic URL parser: one function per state                       */

#define URL_EOF (-1)

typedef enum {
  STATE_SCHEME_START,
  STATE_SCHEME,
  STATE_NO_SCHEME,
  STATE_SPECIAL_RELATIVE_OR_AUTHORITY,
  STATE_PATH_OR_AUTHORITY,
  STATE_RELATIVE,
  STATE_RELATIVE_SLASH,
  STATE_SPECIAL_AUTHORITY_SLASHES,
  STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES,
  STATE_AUTHORITY,
  STATE_HOST,
  STATE_PORT,
  STATE_FILE,
  STATE_FILE_SLASH,
  STATE_FILE_HOST,
  STATE_PATH_START,
  STATE_PATH,
  STATE_OPAQUE_PATH,
  STATE_QUERY,
  STATE_FRAGMENT,
} UrlState;

/* The parser works on UTF-8 bytes: every code point the state machine
 * looks at is ASCII, and UTF-8 percent-encoding a code point is the same
 * as percent-encoding each of its bytes. */
typedef struct {
  const char      *input;
  gssize           len;
  gssize           pointer;
  UrlState         state;
  GString         *buffer;
  gboolean         at_sign_seen;
  gboolean         inside_brackets;
  gboolean         password_token_seen;
  UrlRecord       *url;
  const UrlRecord *base;
} UrlParser;

static gboolean
remaining_starts_with (UrlParser *p,
                       char       c)
{
  return p->pointer + 1 < p->len && p->input[p->pointer + 1] == c;
}

static gboolean
url_is_special (const UrlRecord *url)
{
  return scheme_is_special (url->scheme);
}

/* "c is EOF, /, ?, # or (url is special and c is \)": the end of an
 * authority, host or port. */
static gboolean
is_authority_end (UrlParser *p,
                  int        c)
{
  return c == URL_EOF || c == '/' || c == '?' || c == '#' ||
         (c == '\\' && url_is_special (p->url));
}

static gboolean
state_scheme_start (UrlParser *p,
                    int        c)
{
  /* Step 1: an ASCII alpha starts a scheme. */
  if (c != URL_EOF && g_ascii_isalpha (c))
    {
      g_string_append_c (p->buffer, g_ascii_tolower (c));
      p->state = STATE_SCHEME;
    }
  /* Step 2: otherwise there is no scheme. */
  else
    {
      p->state = STATE_NO_SCHEME;
      p->pointer--;
    }
  return TRUE;
}

static gboolean
state_scheme (UrlParser *p,
              int        c)
{
  UrlRecord *url = p->url;

  /* Step 1: scheme code points. */
  if (c != URL_EOF && (g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.'))
    {
      g_string_append_c (p->buffer, g_ascii_tolower (c));
      return TRUE;
    }
  /* Step 3: not a scheme after all: start over without one. */
  if (c != ':')
    {
      g_string_truncate (p->buffer, 0);
      p->state = STATE_NO_SCHEME;
      p->pointer = -1;
      return TRUE;
    }
  /* Step 2.2: set url's scheme to buffer. */
  g_free (url->scheme);
  url->scheme = g_strdup (p->buffer->str);
  g_string_truncate (p->buffer, 0);
  /* Steps 2.5-2.9. */
  if (strcmp (url->scheme, "file") == 0)
    p->state = STATE_FILE;
  else if (url_is_special (url) && p->base != NULL &&
           strcmp (p->base->scheme, url->scheme) == 0)
    p->state = STATE_SPECIAL_RELATIVE_OR_AUTHORITY;
  else if (url_is_special (url))
    p->state = STATE_SPECIAL_AUTHORITY_SLASHES;
  else if (remaining_starts_with (p, '/'))
    {
      p->state = STATE_PATH_OR_AUTHORITY;
      p->pointer++;
    }
  else
    {
      url->opaque_path = g_string_new (NULL);
      p->state = STATE_OPAQUE_PATH;
    }
  return TRUE;
}

static gboolean
state_no_scheme (UrlParser *p,
                 int        c)
{
  const UrlRecord *base = p->base;
  UrlRecord *url = p->url;

  /* Step 1: nothing to resolve against. */
  if (base == NULL || (base->opaque_path != NULL && c != '#'))
    return FALSE;
  /* Step 2: "#f" against a URL with an opaque path. */
  if (base->opaque_path != NULL)
    {
      url->scheme = g_strdup (base->scheme);
      url->opaque_path = g_string_new (base->opaque_path->str);
      set_gstring (&url->query, base->query ? base->query->str : NULL);
      set_gstring (&url->fragment, "");
      p->state = STATE_FRAGMENT;
    }
  /* Steps 3-4. */
  else
    {
      p->state = strcmp (base->scheme, "file") != 0 ? STATE_RELATIVE : STATE_FILE;
      p->pointer--;
    }
  return TRUE;
}

static gboolean
state_special_relative_or_authority (UrlParser *p,
                                     int        c)
{
  if (c == '/' && remaining_starts_with (p, '/'))
    {
      p->state = STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES;
      p->pointer++;
    }
  else
    {
      p->state = STATE_RELATIVE;
      p->pointer--;
    }
  return TRUE;
}

static gboolean
state_path_or_authority (UrlParser *p,
                         int        c)
{
  if (c == '/')
    p->state = STATE_AUTHORITY;
  else
    {
      p->state = STATE_PATH;
      p->pointer--;
    }
  return TRUE;
}

static gboolean
state_relative (UrlParser *p,
                int        c)
{
  const UrlRecord *base = p->base;
  UrlRecord *url = p->url;

  /* Step 2: url's scheme is base's scheme. */
  g_free (url->scheme);
  url->scheme = g_strdup (base->scheme);
  /* Steps 3-4. */
  if (c == '/' || (c == '\\' && url_is_special (url)))
    {
      p->state = STATE_RELATIVE_SLASH;
      return TRUE;
    }
  /* Step 5.1: everything but the fragment comes from base. */
  g_string_assign (url->username, base->username->str);
  g_string_assign (url->password, base->password->str);
  url->host = g_strdup (base->host);
  url->port = base->port;
  copy_path (url, base);
  set_gstring (&url->query, base->query ? base->query->str : NULL);
  /* Steps 5.2-5.4. */
  if (c == '?')
    {
      set_gstring (&url->query, "");
      p->state = STATE_QUERY;
    }
  else if (c == '#')
    {
      set_gstring (&url->fragment, "");
      p->state = STATE_FRAGMENT;
    }
  else if (c != URL_EOF)
    {
      set_gstring (&url->query, NULL);
      shorten_path (url);
      p->state = STATE_PATH;
      p->pointer--;
    }
  return TRUE;
}

static gboolean
state_relative_slash (UrlParser *p,
                      int        c)
{
  UrlRecord *url = p->url;

  /* Step 1: "//" (or "\\" for special URLs) starts an authority. */
  if (url_is_special (url) && (c == '/' || c == '\\'))
    p->state = STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES;
  else if (c == '/')
    p->state = STATE_AUTHORITY;
  /* Step 3: a path-absolute reference keeps base's authority. */
  else
    {
      g_string_assign (url->username, p->base->username->str);
      g_string_assign (url->password, p->base->password->str);
      url->host = g_strdup (p->base->host);
      url->port = p->base->port;
      p->state = STATE_PATH;
      p->pointer--;
    }
  return TRUE;
}

static gboolean
state_special_authority_slashes (UrlParser *p,
                                 int        c)
{
  p->state = STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES;
  if (c == '/' && remaining_starts_with (p, '/'))
    p->pointer++;
  else
    p->pointer--;
  return TRUE;
}

static gboolean
state_special_authority_ignore_slashes (UrlParser *p,
                                        int        c)
{
  /* Any number of slashes and backslashes is skipped. */
  if (c != '/' && c != '\\')
    {
      p->state = STATE_AUTHORITY;
      p->pointer--;
    }
  return TRUE;
}

static gboolean
state_authority (UrlParser *p,
                 int        c)
{
  UrlRecord *url = p->url;

  /* Step 1: "@" ends the userinfo; a later "@" belongs to it. */
  if (c == '@')
    {
      if (p->at_sign_seen)
        g_string_prepend (p->buffer, "%40");
      p->at_sign_seen = TRUE;
      for (gsize i = 0; i < p->buffer->len; i++)
        {
          guchar cp = p->buffer->str[i];

          if (cp == ':' && !p->password_token_seen)
            {
              p->password_token_seen = TRUE;
              continue;
            }
          percent_encode_append (p->password_token_seen ? url->password : url->username,
                                 cp, SET_USERINFO);
        }
      g_string_truncate (p->buffer, 0);
    }
  /* Step 2: the end of the authority: rewind and parse the host. */
  else if (is_authority_end (p, c))
    {
      if (p->at_sign_seen && p->buffer->len == 0)
        return FALSE; /* host-missing */
      p->pointer -= (gssize) p->buffer->len + 1;
      g_string_truncate (p->buffer, 0);
      p->state = STATE_HOST;
    }
  else
    g_string_append_c (p->buffer, c);
  return TRUE;
}

static gboolean
state_host (UrlParser *p,
            int        c)
{
  UrlRecord *url = p->url;
  gboolean at_end = is_authority_end (p, c);

  /* Step 4: collect, noting brackets so that IPv6 colons are kept. */
  if (!at_end && !(c == ':' && !p->inside_brackets))
    {
      if (c == '[')
        p->inside_brackets = TRUE;
      else if (c == ']')
        p->inside_brackets = FALSE;
      g_string_append_c (p->buffer, c);
      return TRUE;
    }
  /* Step 2: ":" ends a host that must not be empty. Step 3: the end of
   * the authority ends it too; special URLs need a host. */
  if (c == ':' && p->buffer->len == 0)
    return FALSE;
  if (at_end)
    {
      p->pointer--;
      if (url_is_special (url) && p->buffer->len == 0)
        return FALSE;
    }
  url->host = fetch_url_host_parse (p->buffer->str, p->buffer->len, !url_is_special (url));
  if (url->host == NULL)
    return FALSE;
  g_string_truncate (p->buffer, 0);
  p->state = at_end ? STATE_PATH_START : STATE_PORT;
  return TRUE;
}

static gboolean
state_port (UrlParser *p,
            int        c)
{
  UrlRecord *url = p->url;

  /* Step 1: collect digits. */
  if (c != URL_EOF && g_ascii_isdigit (c))
    {
      g_string_append_c (p->buffer, c);
      return TRUE;
    }
  /* Step 3: anything but the end of the authority is failure. */
  if (!is_authority_end (p, c))
    return FALSE;
  /* Step 2: a decimal port; leading zeros are allowed. */
  if (p->buffer->len > 0)
    {
      guint64 port = 0;

      for (gsize i = 0; i < p->buffer->len; i++)
        port = MIN (port * 10 + (p->buffer->str[i] - '0'), 100000);
      if (port > 65535)
        return FALSE;
      /* Step 2.3: the scheme's default port is null. */
      url->port = (int) port == fetch_url_default_port (url->scheme) ? -1 : (int) port;
      g_string_truncate (p->buffer, 0);
    }
  p->state = STATE_PATH_START;
  p->pointer--;
  return TRUE;
}

static gboolean
state_file (UrlParser *p,
            int        c)
{
  const UrlRecord *base = p->base;
  UrlRecord *url = p->url;

  /* Steps 1-2. */
  g_free (url->scheme);
  url->scheme = g_strdup ("file");
  g_free (url->host);
  url->host = g_strdup ("");
  /* Step 3. */
  if (c == '/' || c == '\\')
    p->state = STATE_FILE_SLASH;
  /* Step 4: relative to a file base. */
  else if (base != NULL && strcmp (base->scheme, "file") == 0)
    {
      g_free (url->host);
      url->host = g_strdup (base->host);
      copy_path (url, base);
      set_gstring (&url->query, base->query ? base->query->str : NULL);
      if (c == '?')
        {
          set_gstring (&url->query, "");
          p->state = STATE_QUERY;
        }
      else if (c == '#')
        {
          set_gstring (&url->fragment, "");
          p->state = STATE_FRAGMENT;
        }
      else if (c != URL_EOF)
        {
          set_gstring (&url->query, NULL);
          if (!starts_with_windows_drive_letter (p->input + p->pointer,
                                                 p->len - p->pointer))
            shorten_path (url);
          else
            g_ptr_array_set_size (url->path, 0);
          p->state = STATE_PATH;
          p->pointer--;
        }
    }
  /* Step 5. */
  else
    {
      p->state = STATE_PATH;
      p->pointer--;
    }
  return TRUE;
}

static gboolean
state_file_slash (UrlParser *p,
                  int        c)
{
  const UrlRecord *base = p->base;
  UrlRecord *url = p->url;

  if (c == '/' || c == '\\')
    {
      p->state = STATE_FILE_HOST;
      return TRUE;
    }
  /* Step 2.1: "/x" against a file base keeps its host and drive. */
  if (base != NULL && strcmp (base->scheme, "file") == 0)
    {
      g_free (url->host);
      url->host = g_strdup (base->host);
      if (!starts_with_windows_drive_letter (p->input + p->pointer, p->len - p->pointer) &&
          base->path->len > 0 &&
          is_windows_drive_letter (base->path->pdata[0], strlen (base->path->pdata[0]), TRUE))
        g_ptr_array_add (url->path, g_strdup (base->path->pdata[0]));
    }
  p->state = STATE_PATH;
  p->pointer--;
  return TRUE;
}

static gboolean
state_file_host (UrlParser *p,
                 int        c)
{
  UrlRecord *url = p->url;
  char *host;

  if (c != URL_EOF && strchr ("/\\?#", c) == NULL)
    {
      g_string_append_c (p->buffer, c);
      return TRUE;
    }
  p->pointer--;
  /* Step 1.2: "file://C:/" is a drive letter, not a host; buffer is kept
   * for the path state. */
  if (is_windows_drive_letter (p->buffer->str, p->buffer->len, FALSE))
    {
      p->state = STATE_PATH;
      return TRUE;
    }
  /* Steps 1.3-1.4: an empty host, or a parsed one where "localhost" is "". */
  if (p->buffer->len == 0)
    host = g_strdup ("");
  else
    {
      host = fetch_url_host_parse (p->buffer->str, p->buffer->len, FALSE);
      if (host == NULL)
        return FALSE;
      if (strcmp (host, "localhost") == 0)
        host[0] = '\0';
    }
  g_free (url->host);
  url->host = host;
  g_string_truncate (p->buffer, 0);
  p->state = STATE_PATH_START;
  return TRUE;
}

static gboolean
state_path_start (UrlParser *p,
                  int        c)
{
  UrlRecord *url = p->url;

  /* Step 1: special URLs always have a path, whatever comes next. */
  if (url_is_special (url))
    {
      p->state = STATE_PATH;
      if (c != '/' && c != '\\')
        p->pointer--;
    }
  else if (c == '?')
    {
      set_gstring (&url->query, "");
      p->state = STATE_QUERY;
    }
  else if (c == '#')
    {
      set_gstring (&url->fragment, "");
      p->state = STATE_FRAGMENT;
    }
  else if (c != URL_EOF)
    {
      p->state = STATE_PATH;
      if (c != '/')
        p->pointer--;
    }
  return TRUE;
}

static gboolean
state_path (UrlParser *p,
            int        c)
{
  UrlRecord *url = p->url;
  gboolean slash = c == '/' || (c == '\\' && url_is_special (url));
  char *segment = p->buffer->str;

  /* Step 2: percent-encode everything else into the segment. */
  if (c != URL_EOF && !slash && c != '?' && c != '#')
    {
      percent_encode_append (p->buffer, c, SET_PATH);
      return TRUE;
    }
  /* Step 1.2: ".." pops; at the end it leaves a trailing slash. */
  if (is_double_dot_segment (segment))
    {
      shorten_path (url);
      if (!slash)
        g_ptr_array_add (url->path, g_strdup (""));
    }
  /* Step 1.3: "." is dropped; at the end it leaves a trailing slash. */
  else if (is_single_dot_segment (segment))
    {
      if (!slash)
        g_ptr_array_add (url->path, g_strdup (""));
    }
  /* Step 1.4: a segment, with "C|" normalized to "C:" for file URLs. */
  else
    {
      if (strcmp (url->scheme, "file") == 0 && url->path->len == 0 &&
          is_windows_drive_letter (segment, p->buffer->len, FALSE))
        segment[1] = ':';
      g_ptr_array_add (url->path, g_strdup (segment));
    }
  g_string_truncate (p->buffer, 0);
  /* Steps 1.6-1.7. */
  if (c == '?')
    {
      set_gstring (&url->query, "");
      p->state = STATE_QUERY;
    }
  else if (c == '#')
    {
      set_gstring (&url->fragment, "");
      p->state = STATE_FRAGMENT;
    }
  return TRUE;
}

static gboolean
state_opaque_path (UrlParser *p,
                   int        c)
{
  UrlRecord *url = p->url;

  if (c == '?')
    {
      set_gstring (&url->query, "");
      p->state = STATE_QUERY;
    }
  else if (c == '#')
    {
      set_gstring (&url->fragment, "");
      p->state = STATE_FRAGMENT;
    }
  /* Step 3: a space right before the query or fragment is encoded, so
   * that it survives as the path's last code point.
   * NOTE(spec): this is the standard's 2024 rule (it used to be stripped). */
  else if (c == ' ')
    g_string_append (url->opaque_path,
                     remaining_starts_with (p, '?') || remaining_starts_with (p, '#') ?
                     "%20" : " ");
  else if (c != URL_EOF)
    percent_encode_append (url->opaque_path, c, SET_C0_CONTROL);
  return TRUE;
}

static gboolean
state_query (UrlParser *p,
             int        c)
{
  UrlRecord *url = p->url;

  /* The standard buffers the query to encode it in the document's
   * encoding; in UTF-8 encoding each byte as it comes is the same. */
  if (c == '#')
    {
      set_gstring (&url->fragment, "");
      p->state = STATE_FRAGMENT;
    }
  else if (c != URL_EOF)
    percent_encode_append (url->query, c,
                           url_is_special (url) ? SET_SPECIAL_QUERY : SET_QUERY);
  return TRUE;
}

static gboolean
state_fragment (UrlParser *p,
                int        c)
{
  if (c != URL_EOF)
    percent_encode_append (p->url->fragment, c, SET_FRAGMENT);
  return TRUE;
}

typedef gboolean (*UrlStateFunc) (UrlParser *p,
                                  int        c);

static const UrlStateFunc url_states[] = {
  [STATE_SCHEME_START] = state_scheme_start,
  [STATE_SCHEME] = state_scheme,
  [STATE_NO_SCHEME] = state_no_scheme,
  [STATE_SPECIAL_RELATIVE_OR_AUTHORITY] = state_special_relative_or_authority,
  [STATE_PATH_OR_AUTHORITY] = state_path_or_authority,
  [STATE_RELATIVE] = state_relative,
  [STATE_RELATIVE_SLASH] = state_relative_slash,
  [STATE_SPECIAL_AUTHORITY_SLASHES] = state_special_authority_slashes,
  [STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES] = state_special_authority_ignore_slashes,
  [STATE_AUTHORITY] = state_authority,
  [STATE_HOST] = state_host,
  [STATE_PORT] = state_port,
  [STATE_FILE] = state_file,
  [STATE_FILE_SLASH] = state_file_slash,
  [STATE_FILE_HOST] = state_file_host,
  [STATE_PATH_START] = state_path_start,
  [STATE_PATH] = state_path,
  [STATE_OPAQUE_PATH] = state_opaque_path,
  [STATE_QUERY] = state_query,
  [STATE_FRAGMENT] = state_fragment,
};

/* §4.4 basic URL parser (without url and state override), into an
 * initialized record; on failure the record is left for its owner to
 * clear. */
static gboolean
basic_url_parse (const char      *raw_input,
                 const UrlRecord *base,
                 UrlRecord       *url)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) input = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  const char *start = raw_input, *end;
  UrlParser p = { 0 };

  /* NOTE(spec): the standard takes a string of scalar values; bytes that
   * are not UTF-8 become U+FFFD as a browser's conversion would. */
  if (!g_utf8_validate (raw_input, -1, NULL))
    start = valid = g_utf8_make_valid (raw_input, -1);
  /* Step 1.2: strip leading and trailing C0 control or space. */
  end = start + strlen (start);
  while (start < end && (guchar) *start <= 0x20)
    start++;
  while (end > start && (guchar) end[-1] <= 0x20)
    end--;
  /* Step 3: remove all ASCII tab or newline. */
  input = g_string_sized_new (end - start);
  for (const char *s = start; s < end; s++)
    if (*s != '\t' && *s != '\n' && *s != '\r')
      g_string_append_c (input, *s);

  p.input = input->str;
  p.len = input->len;
  p.state = STATE_SCHEME_START;
  p.buffer = buffer;
  p.url = url;
  p.base = base;
  /* Step 10: run the state machine until after the EOF code point. */
  for (p.pointer = 0; ; p.pointer++)
    {
      int c = p.pointer < p.len ? (guchar) p.input[p.pointer] : URL_EOF;

      if (!url_states[p.state] (&p, c))
        return FALSE;
      if (p.pointer >= p.len)
        break;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* URL record <-> GUri                                                  */

/* §4.5 URL path serializer, plus the "/." of the URL serializer step 3
 * when the path would otherwise look like an authority. */
static char *
url_path_serialize (const UrlRecord *url)
{
  GString *out;

  if (url->opaque_path != NULL)
    return g_strdup (url->opaque_path->str);
  out = g_string_new (NULL);
  if (url->host == NULL && url->path->len > 1 &&
      ((char *) url->path->pdata[0])[0] == '\0')
    g_string_append (out, "/.");
  for (guint i = 0; i < url->path->len; i++)
    {
      g_string_append_c (out, '/');
      g_string_append (out, url->path->pdata[i]);
    }
  return g_string_free (out, FALSE);
}

static GUri *
url_record_to_guri (const UrlRecord *url)
{
  g_autofree char *path = url_path_serialize (url);
  g_autofree char *host = NULL;
  gboolean credentials = url->username->len > 0 || url->password->len > 0;

  /* GUri keeps IPv6 hosts without brackets and adds them back. */
  if (url->host != NULL && url->host[0] == '[')
    host = g_strndup (url->host + 1, strlen (url->host) - 2);
  else
    host = g_strdup (url->host);
  return g_uri_build_with_user (G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD,
                                url->scheme,
                                credentials ? url->username->str : NULL,
                                url->password->len > 0 ? url->password->str : NULL,
                                NULL, host, url->port, path,
                                url->query ? url->query->str : NULL,
                                url->fragment ? url->fragment->str : NULL);
}

/* ------------------------------------------------------------------ */
/* A fast path for plain HTTP(S) URLs                                  */

static gboolean
is_simple_path_byte (guchar c)
{
  /* Bytes that the path state appends as they are (outside the path
   * percent-encode set), less "%" (a "%2e" segment is a dot segment) and
   * "\\" (a slash in special URLs). */
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-._~!$&'()*+,;=:@/", c) != NULL);
}

/* A host the host parser (§3.5) returns as it is: lowercase ASCII
 * letters, digits, "-" and ".", in non-empty labels none of which starts
 * with "xn--" (domain to ASCII then only lowercases, §3.3 step 1), and
 * not ending in a number -- unless it is an IPv4 address already in the
 * serialized form, four dotted decimal numbers up to 255 without leading
 * zeros (which the IPv4 parser and serializer give back unchanged). */
static gboolean
is_simple_host (const char *host,
                gsize       len)
{
  const char *label = host, *end = host + len;
  guint labels = 0, numeric_labels = 0;

  while (label < end)
    {
      const char *p = label;
      gboolean numeric = TRUE;
      guint value = 0;

      for (; p < end && *p != '.'; p++)
        {
          if (g_ascii_isdigit (*p))
            value = MIN (value * 10 + (*p - '0'), 1000);
          else if ((*p >= 'a' && *p <= 'z') || *p == '-')
            numeric = FALSE;
          else
            return FALSE;
        }
      if (p == label || (p - label >= 4 && strncmp (label, "xn--", 4) == 0))
        return FALSE;
      if (numeric && (value > 255 || (label[0] == '0' && p - label > 1)))
        return FALSE;
      labels++;
      numeric_labels += numeric;
      if (p == end)
        break;
      label = p + 1;
      if (label == end)
        return FALSE;   /* a trailing "." */
    }

  /* The last label starts with a digit: it may be a number (decimal,
   * octal, "0x" hexadecimal), so the host must be a plain IPv4 address;
   * otherwise it is a domain. */
  if (g_ascii_isdigit (label[0]))
    return labels == 4 && numeric_labels == 4;
  return TRUE;
}

/* For "http(s)://host[:port][/path][?query][#fragment]" made only of
 * bytes the basic URL parser (§4.4) keeps as they are, its result is
 * known without running it: the input's own components, with the
 * scheme's default port dropped (§4.4 port state step 2.1.3) and an empty
 * path as "/" (path start state). Every request's URL is parsed, and
 * this is most of them; anything else -- other schemes, upper case,
 * credentials, percent-encoded, non-ASCII or control bytes, backslashes,
 * anything starting with "/." in the path (dot segments), IPv4 numbers
 * in other forms, a port with a leading zero -- returns NULL and goes
 * through the state machine. url-test.c checks that both agree. */
static GUri *
url_parse_simple (const char *input)
{
  const char *scheme, *p;
  const char *host, *path, *query = NULL, *fragment = NULL;
  gsize host_len, path_len, query_len = 0;
  int default_port, port = -1;
  g_autofree char *copy = NULL;
  char *host_str, *path_str, *query_str = NULL;

  if (strncmp (input, "http://", 7) == 0)
    scheme = "http", default_port = 80, p = input + 7;
  else if (strncmp (input, "https://", 8) == 0)
    scheme = "https", default_port = 443, p = input + 8;
  else
    return NULL;

  /* Authority: the host, then an optional port. */
  host = p;
  while (g_ascii_isalnum (*p) || *p == '-' || *p == '.')
    p++;
  host_len = p - host;
  if (host_len == 0 || !is_simple_host (host, host_len))
    return NULL;
  if (*p == ':')
    {
      const char *digits = ++p;
      guint value = 0;

      while (g_ascii_isdigit (*p) && p - digits < 5)
        value = value * 10 + (*p++ - '0');
      if (p == digits || digits[0] == '0' || value > 65535)
        return NULL;
      port = (int) value == default_port ? -1 : (int) value;
    }

  /* Path, query and fragment. */
  path = p;
  while (is_simple_path_byte (*p))
    {
      if (p[0] == '/' && p[1] == '.')
        return NULL;
      p++;
    }
  path_len = p - path;
  if (path_len > 0 && path[0] != '/')
    return NULL;
  if (*p == '?')
    {
      query = ++p;
      /* Outside the special-query percent-encode set. */
      while (*p > 0x20 && *p < 0x7f && strchr ("\"#<>'", *p) == NULL)
        p++;
      query_len = p - query;
    }
  if (*p == '#')
    {
      fragment = ++p;
      /* Outside the fragment percent-encode set. */
      while (*p > 0x20 && *p < 0x7f && strchr ("\"<>`", *p) == NULL)
        p++;
    }
  if (*p != '\0')
    return NULL;

  /* The components, NUL-terminated, side by side in one buffer. */
  copy = g_malloc (host_len + path_len + query_len + 3);
  host_str = memcpy (copy, host, host_len);
  host_str[host_len] = '\0';
  path_str = memcpy (host_str + host_len + 1, path, path_len);
  path_str[path_len] = '\0';
  if (query != NULL)
    {
      query_str = memcpy (path_str + path_len + 1, query, query_len);
      query_str[query_len] = '\0';
    }
  if (path_len == 0)
    path_str = (char *) "/";

  return g_uri_build_with_user (G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD,
                                scheme, NULL, NULL, NULL, host_str, port, path_str,
                                query_str, fragment);
}

/* fetch_url_parse_full:
 * @input: a URL string
 * @base: (nullable): the base URL @input is relative to
 *
 * URL §4.4 basic URL parser, with an optional base URL, always through
 * the state machine (fetch_url_parse() without its fast path).
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL for failure
 */
GUri *
fetch_url_parse_full (const char *input,
                      GUri       *base)
{
  g_auto(UrlRecord) url = { 0 };
  g_auto(UrlRecord) base_record = { 0 };

  g_return_val_if_fail (input != NULL, NULL);

  url_record_init (&url);
  /* The base goes through the parser again to get its record back; for a
   * GUri made here that is exact (serializing and parsing round-trip). */
  if (base != NULL)
    {
      g_autofree char *base_string = fetch_url_serialize (base, FALSE);

      url_record_init (&base_record);
      if (!basic_url_parse (base_string, NULL, &base_record))
        return NULL;
    }
  if (!basic_url_parse (input, base != NULL ? &base_record : NULL, &url))
    return NULL;
  return url_record_to_guri (&url);
}

/* fetch_url_parse:
 * @input: a URL string
 * @base: (nullable): the base URL @input is relative to
 *
 * URL §4.4 basic URL parser, with an optional base URL. (An input with
 * a special scheme followed by "//" does not depend on the base.)
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL for failure
 */
GUri *
fetch_url_parse (const char *input,
                 GUri       *base)
{
  GUri *url;

  g_return_val_if_fail (input != NULL, NULL);

  url = url_parse_simple (input);
  if (url != NULL)
    return url;
  return fetch_url_parse_full (input, base);
}

/* fetch_url_serialize:
 * @url: a URL
 * @exclude_fragment: whether to leave the fragment out
 *
 * URL §4.5 URL serializer, on the components of @url.
 *
 * Returns: (transfer full): the serialization
 */
char *
fetch_url_serialize (GUri    *url,
                     gboolean exclude_fragment)
{
  GString *out;
  const char *host, *path, *query, *fragment, *user, *password;

  g_return_val_if_fail (url != NULL, NULL);

  host = g_uri_get_host (url);
  path = g_uri_get_path (url);
  query = g_uri_get_query (url);
  fragment = g_uri_get_fragment (url);
  user = g_uri_get_user (url);
  password = g_uri_get_password (url);

  /* Step 1: scheme ":". */
  out = g_string_new (g_uri_get_scheme (url));
  g_string_append_c (out, ':');
  /* Step 2: "//", credentials, host and port. */
  if (host != NULL)
    {
      g_string_append (out, "//");
      if ((user != NULL && user[0] != '\0') || (password != NULL && password[0] != '\0'))
        {
          g_string_append (out, user ? user : "");
          if (password != NULL && password[0] != '\0')
            g_string_append_printf (out, ":%s", password);
          g_string_append_c (out, '@');
        }
      if (strchr (host, ':') != NULL && host[0] != '[')
        g_string_append_printf (out, "[%s]", host);
      else
        g_string_append (out, host);
      if (g_uri_get_port (url) != -1)
        g_string_append_printf (out, ":%d", g_uri_get_port (url));
    }
  /* Step 3: a path that would read as an authority gets "/." first (ours
   * already has it, see url_path_serialize()). */
  if (host == NULL && g_str_has_prefix (path, "//"))
    g_string_append (out, "/.");
  /* Step 4: the path. */
  g_string_append (out, path);
  /* Steps 5-6: query and fragment. */
  if (query != NULL)
    g_string_append_printf (out, "?%s", query);
  if (!exclude_fragment && fragment != NULL)
    g_string_append_printf (out, "#%s", fragment);
  return g_string_free (out, FALSE);
}

/* fetch_url_includes_credentials:
 * @url: a URL
 *
 * URL §4.2: a URL includes credentials if its username or password is
 * not the empty string.
 *
 * Returns: whether @url includes credentials
 */
gboolean
fetch_url_includes_credentials (GUri *url)
{
  const char *user, *password;

  g_return_val_if_fail (url != NULL, FALSE);

  user = g_uri_get_user (url);
  password = g_uri_get_password (url);
  return (user != NULL && user[0] != '\0') || (password != NULL && password[0] != '\0');
}

/* fetch_url_with_fragment:
 * @url: a URL
 * @fragment: (nullable): the new fragment, or %NULL for none
 *
 * A copy of @url with its fragment replaced; @fragment is
 * percent-encoded with the fragment percent-encode set (an existing %XX
 * is kept).
 *
 * Returns: (transfer full): the new URL
 */
GUri *
fetch_url_with_fragment (GUri       *url,
                         const char *fragment)
{
  g_autoptr(GString) encoded = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  if (fragment != NULL)
    {
      encoded = g_string_sized_new (strlen (fragment));
      for (const char *p = fragment; *p != '\0'; p++)
        percent_encode_append (encoded, *p, SET_FRAGMENT);
    }
  return g_uri_build_with_user (g_uri_get_flags (url) | G_URI_FLAGS_ENCODED,
                                g_uri_get_scheme (url), g_uri_get_user (url),
                                g_uri_get_password (url), g_uri_get_auth_params (url),
                                g_uri_get_host (url), g_uri_get_port (url),
                                g_uri_get_path (url), g_uri_get_query (url),
                                encoded ? encoded->str : NULL);
}

/* fetch_url_get_origin:
 * @url: a URL
 *
 * URL §4 origin: a tuple origin for http, https, ws, wss and ftp URLs;
 * for blob: URLs the origin of the URL in their path if that is http or
 * https; an opaque origin otherwise.
 *
 * Returns: (transfer full): the origin
 */
FetchOrigin *
fetch_url_get_origin (GUri *url)
{
  const char *scheme;

  g_return_val_if_fail (url != NULL, NULL);

  scheme = g_uri_get_scheme (url);
  /* "blob": the origin of the URL its path holds. */
  if (strcmp (scheme, "blob") == 0)
    {
      /* NOTE(spec): there is no blob URL store here, so the entry's
       * environment's origin (step 1.1) is never available. "file" inner
       * URLs would give their origin, which is opaque below anyway. */
      g_autoptr(GUri) path_url = fetch_url_parse (g_uri_get_path (url), NULL);

      if (path_url != NULL && fetch_url_is_http_scheme (path_url))
        return fetch_url_get_origin (path_url);
      return fetch_origin_new_opaque ();
    }
  /* "ftp", "http", "https", "ws", "wss": the tuple. */
  if (strcmp (scheme, "file") != 0 && scheme_is_special (scheme) &&
      g_uri_get_host (url) != NULL)
    {
      g_autofree char *host = NULL;
      const char *h = g_uri_get_host (url);

      /* GUri keeps IPv6 hosts without their brackets. */
      if (strchr (h, ':') != NULL && h[0] != '[')
        h = host = g_strdup_printf ("[%s]", h);
      return fetch_origin_new_tuple (scheme, h, g_uri_get_port (url));
    }
  /* NOTE(spec): "file" is "left as an exercise to the reader"; like
   * browsers that isolate local files, each file URL gets an opaque
   * origin. Every other scheme is opaque by the standard. */
  return fetch_origin_new_opaque ();
}

/* fetch_url_is_local:
 * @url: a URL
 *
 * Fetch §2.1: whether @url's scheme is a local scheme ("about", "blob" or
 * "data").
 *
 * Returns: whether @url is local
 */
gboolean
fetch_url_is_local (GUri *url)
{
  const char *scheme;

  g_return_val_if_fail (url != NULL, FALSE);

  scheme = g_uri_get_scheme (url);
  return strcmp (scheme, "about") == 0 || strcmp (scheme, "blob") == 0 ||
         strcmp (scheme, "data") == 0;
}

/* fetch_url_is_http_scheme:
 * @url: a URL
 *
 * Fetch §2.1: whether @url's scheme is an HTTP(S) scheme.
 *
 * Returns: whether the scheme is "http" or "https"
 */
gboolean
fetch_url_is_http_scheme (GUri *url)
{
  const char *scheme;

  g_return_val_if_fail (url != NULL, FALSE);

  scheme = g_uri_get_scheme (url);
  return strcmp (scheme, "http") == 0 || strcmp (scheme, "https") == 0;
}

/* fetch_url_get_effective_port:
 * @url: a URL
 *
 * The port of @url, or its scheme's default port.
 *
 * Returns: the port, or -1 if @url has neither
 */
int
fetch_url_get_effective_port (GUri *url)
{
  g_return_val_if_fail (url != NULL, -1);

  if (g_uri_get_port (url) != -1)
    return g_uri_get_port (url);
  return fetch_url_default_port (g_uri_get_scheme (url));
}
