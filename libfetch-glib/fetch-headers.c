/* fetch-headers.c: header lists (§2.2.2) and the Headers class (§5.1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Header names and values are byte sequences (WebIDL ByteString). A C
 * string is taken as its bytes, so "isomorphic decoding" and "isomorphic
 * encoding" are the identity here and every algorithm works on bytes.
 *
 * The method and header predicates (safelisted, forbidden, …) are in
 * fetch-header-predicates.c.
 *
 * NOTE(spec): a C string cannot hold 0x00, so the header-value rule "no
 * 0x00 byte" holds by construction; bindings pass UTF-8, whose bytes are
 * kept as they are (what a server would receive on the wire).
 * The flip side: where the standard throws a TypeError for a name or
 * value with 0x00, this API cannot see the NUL. GObject introspection
 * passes strings as char *, so a binding's "x\0y" (from GJS, Python…)
 * arrives here as "x" and is accepted, as is a URL cut the same way; a C
 * caller's buffer is taken up to its NUL likewise. The WHATWG-level
 * bindings check before calling: bindings/gjs/fetch.js throws a TypeError
 * for a NUL in a header name or value (Headers methods, HeadersInit),
 * method or status text, and turns one in a URL into %00, which the URL
 * parser treats as it would the NUL except in a non-special URL's host
 * (where a NUL fails and %00 does not); the Python overrides' Headers
 * (and a request's method) raise Fetch.TypeError.
 */
#include "config.h"

#include <string.h>

#include "fetch-headers-private.h"
#include "fetch-mime-private.h"
#include "fetch-enum-types.h"
#include "fetch-error-private.h"

/**
 * FetchHeaders:
 *
 * The `Headers` class of the Fetch Standard (§5.1): an ordered list of
 * (name, value) byte-string pairs, with duplicates, guarded against changes
 * that a script is not allowed to make.
 *
 * Names compare case-insensitively and keep the casing they were first
 * added with; iteration ([method@Fetch.Headers.foreach],
 * [method@Fetch.Headers.get_entries]) gives lowercase names sorted
 * byte-wise, with the values of a repeated name combined by `", "` —
 * except `Set-Cookie`, whose values stay separate.
 *
 * ```c
 * g_autoptr(GError) error = NULL;
 * g_autoptr(FetchHeaders) headers = fetch_headers_new ();
 *
 * fetch_headers_append (headers, "Accept", "text/html", &error);
 * fetch_headers_append (headers, "accept", "application/json", &error);
 * g_autofree char *accept = fetch_headers_get (headers, "ACCEPT", &error);
 * // accept is "text/html, application/json"
 * ```
 *
 * Since: 0.1
 */

typedef struct {
  char    *name;
  char    *value;
  /* value lives in name's allocation ("name\0value\0"): a header copied
   * in costs one allocation, not two (header_init_copy()). */
  gboolean value_inline;
  /* strlen (name): looking a name up compares lengths first. */
  guint    name_len;
} FetchHeader;

/* The spec's header list, with the guard of the Headers object that
 * would wrap it: a request or response owns one and makes its Headers
 * object only when asked for it (fetch_headers_new_for_list()), so a
 * fetch whose headers nobody looks at makes none. */
struct _FetchHeaderList {
  gatomicrefcount   ref_count;
  GArray           *entries;  /* of FetchHeader, in list order */
  /* entries may be shared with other lists (copy-on-write, see
   * fetch_header_list_copy()): they are copied before they change. */
  gboolean          shared;
  FetchHeadersGuard guard;
  FetchHeaders     *object;   /* its Headers object, if made (not a reference) */
};

struct _FetchHeaders {
  GObject parent_instance;

  FetchHeaderList *list;
};

enum {
  PROP_0,
  PROP_GUARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FetchHeaders, fetch_headers, G_TYPE_OBJECT)

static void
fetch_header_clear (gpointer data)
{
  FetchHeader *header = data;

  g_free (header->name);
  if (!header->value_inline)
    g_free (header->value);
}

/* Sets header to a copy of (name, value), in one allocation. */
static void
header_init_copy (FetchHeader *header,
                  const char  *name,
                  const char  *value)
{
  gsize name_len = strlen (name), value_len = strlen (value);

  header->name = g_malloc (name_len + value_len + 2);
  memcpy (header->name, name, name_len + 1);
  header->value = memcpy (header->name + name_len + 1, value, value_len + 1);
  header->value_inline = TRUE;
  header->name_len = name_len;
}

/* Replaces header's value with value (taken). */
static void
header_set_value (FetchHeader *header,
                  char        *value)
{
  if (!header->value_inline)
    g_free (header->value);
  header->value = value;
  header->value_inline = FALSE;
}

static GArray *header_array_new (guint reserved);

FetchHeaderList *
fetch_header_list_new (void)
{
  FetchHeaderList *list = g_new (FetchHeaderList, 1);

  g_atomic_ref_count_init (&list->ref_count);
  list->entries = header_array_new (0);
  list->shared = FALSE;
  list->guard = FETCH_HEADERS_GUARD_NONE;
  list->object = NULL;
  return list;
}

FetchHeaderList *
fetch_header_list_ref (FetchHeaderList *list)
{
  g_atomic_ref_count_inc (&list->ref_count);
  return list;
}

void
fetch_header_list_unref (FetchHeaderList *list)
{
  if (!g_atomic_ref_count_dec (&list->ref_count))
    return;
  g_array_unref (list->entries);
  g_free (list);
}

static void
fetch_headers_finalize (GObject *object)
{
  FetchHeaders *self = FETCH_HEADERS (object);

  if (self->list->object == self)
    self->list->object = NULL;
  fetch_header_list_unref (self->list);

  G_OBJECT_CLASS (fetch_headers_parent_class)->finalize (object);
}

static void
fetch_headers_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FetchHeaders *self = FETCH_HEADERS (object);

  switch (prop_id)
    {
    case PROP_GUARD:
      g_value_set_enum (value, self->list->guard);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}
static void
fetch_headers_class_init (FetchHeadersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fetch_headers_finalize;
  object_class->get_property = fetch_headers_get_property;

  /**
   * FetchHeaders:guard:
   *
   * The headers guard (§5.1): which changes the object accepts. Headers
   * made with a constructor have the guard "none"; those of a request or
   * response get theirs from it.
   *
   * Since: 0.1
   */
  properties[PROP_GUARD] =
    g_param_spec_enum ("guard", NULL, NULL,
                       FETCH_TYPE_HEADERS_GUARD,
                       FETCH_HEADERS_GUARD_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* (A list of its own, for g_object_new() callers such as bindings; the
 * owner of a list swaps it in, fetch_headers_new_for_list().) */
static void
fetch_headers_init (FetchHeaders *self)
{
  self->list = fetch_header_list_new ();
  self->list->object = self;
}

/* The Headers object of list: made the first time it is asked for. */
FetchHeaders *
fetch_headers_new_for_list (FetchHeaderList *list)
{
  FetchHeaders *headers;

  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (list->object == NULL, NULL);

  headers = g_object_new (FETCH_TYPE_HEADERS, NULL);
  fetch_header_list_unref (headers->list);
  headers->list = fetch_header_list_ref (list);
  list->object = headers;
  return headers;
}

FetchHeaderList *
fetch_headers_get_list (FetchHeaders *headers)
{
  g_return_val_if_fail (FETCH_IS_HEADERS (headers), NULL);

  return headers->list;
}

static inline FetchHeader *
header_at (FetchHeaderList *list,
           guint            index)
{
  return &g_array_index (list->entries, FetchHeader, index);
}

static GArray *
header_array_new (guint reserved)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (FetchHeader), reserved);

  g_array_set_clear_func (array, fetch_header_clear);
  return array;
}

/* Copy-on-write: a request is copied (§5.4 step 12, §5.6 step 2) and a
 * response filtered (§2.2.6) on every fetch, and most of those copies
 * are never changed; they share the entries of the list they copy, and
 * whichever list changes first gets its own copy here. (The other one
 * stays marked shared and may make one needless copy later: the flag
 * only ever errs on the safe side.) Every function that changes
 * list->entries calls this first. */
static void
header_list_make_writable (FetchHeaderList *list)
{
  GArray *copy;

  if (!list->shared)
    return;

  copy = header_array_new (list->entries->len);
  g_array_set_size (copy, list->entries->len);
  for (guint i = 0; i < list->entries->len; i++)
    header_init_copy (&g_array_index (copy, FetchHeader, i),
                      header_at (list, i)->name, header_at (list, i)->value);
  g_array_unref (list->entries);
  list->entries = copy;
  list->shared = FALSE;
}

/* ------------------------------------------------------------------ */
/* §2.2 HTTP: whitespace and quoted strings                           */
/* ------------------------------------------------------------------ */

/* The span of @value without leading and trailing HTTP whitespace bytes
 * (§2.2.2 "normalize"), without copying. */
static const char *
header_value_trim (const char *value,
                   gsize      *length)
{
  const char *start = value;
  const char *end = value + strlen (value);

  while (start < end && fetch_is_http_whitespace (*start))
    start++;
  while (end > start && fetch_is_http_whitespace (end[-1]))
    end--;
  *length = end - start;
  return start;
}

/* Whether normalizing @value gives a header value: after the trim it can
 * neither start nor end with a tab or space, so only an inner CR or LF can
 * make it invalid. */
static gboolean
header_value_is_valid_after_normalize (const char *value)
{
  gsize length;
  const char *start = header_value_trim (value, &length);

  return memchr (start, '\r', length) == NULL &&
         memchr (start, '\n', length) == NULL;
}

/* §2.2 collect an HTTP quoted string */
void
fetch_collect_http_quoted_string (const char *input,
                                  gsize       length,
                                  gsize      *position,
                                  gboolean    extract_value,
                                  GString    *out)
{
  /* Step 1: let positionStart be position. */
  gsize start = *position;
  gsize pos = start;

  /* Step 3: assert: the code point at position is U+0022 ("). */
  g_assert (pos < length && input[pos] == '"');
  /* Step 4: advance position by 1. */
  pos++;

  /* Step 5: while true: */
  while (TRUE)
    {
      gsize run_start = pos;
      char quote_or_backslash;

      /* Step 5.1: collect code points that are not " or \ into value. */
      while (pos < length && input[pos] != '"' && input[pos] != '\\')
        pos++;
      if (extract_value)
        g_string_append_len (out, input + run_start, pos - run_start);

      /* Step 5.2: if position is past the end of input, break. */
      if (pos >= length)
        break;

      /* Steps 5.3–5.4 */
      quote_or_backslash = input[pos];
      pos++;

      if (quote_or_backslash == '\\')
        {
          /* Step 5.5.1: a trailing backslash is kept literally. */
          if (pos >= length)
            {
              if (extract_value)
                g_string_append_c (out, '\\');
              break;
            }
          /* Steps 5.5.2–5.5.3: the escaped code point. */
          if (extract_value)
            g_string_append_c (out, input[pos]);
          pos++;
        }
      else
        {
          /* Step 5.6: the closing quote. */
          break;
        }
    }

  /* Step 7: the code points from positionStart up to position. */
  if (!extract_value)
    g_string_append_len (out, input + start, pos - start);
  *position = pos;
}

/* A token (RFC 9110 §5.6.2): one or more tchar. */
static gboolean
is_token (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!fetch_is_http_token_code_point ((guchar) *s))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* §2.2.2 Header names and values                                     */
/* ------------------------------------------------------------------ */

/* §2.2.2 A header name matches the field-name token production. */
gboolean
fetch_is_header_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return is_token (name);
}

/* §2.2.2 A header value has no leading or trailing HTTP tab or space
 * bytes and contains no 0x00 (NUL) or HTTP newline bytes. */
gboolean
fetch_is_header_value (const char *value)
{
  gsize length;

  g_return_val_if_fail (value != NULL, FALSE);

  length = strlen (value);
  if (length == 0)
    return TRUE;
  if (fetch_is_http_tab_or_space (value[0]) ||
      fetch_is_http_tab_or_space (value[length - 1]))
    return FALSE;
  return strpbrk (value, "\r\n") == NULL;
}

/* §2.2.2 normalize: remove leading and trailing HTTP whitespace bytes. */
char *
fetch_normalize_header_value (const char *value)
{
  const char *start;
  gsize length;

  g_return_val_if_fail (value != NULL, NULL);

  start = header_value_trim (value, &length);
  return g_strndup (start, length);
}

/* ------------------------------------------------------------------ */
/* §2.2.2 Header list algorithms                                      */
/* ------------------------------------------------------------------ */

guint
fetch_header_list_get_length (FetchHeaderList *list)
{
  g_return_val_if_fail (list != NULL, 0);

  return list->entries->len;
}

void
fetch_header_list_nth (FetchHeaderList  *list,
                       guint             index,
                       const char      **name,
                       const char      **value)
{
  FetchHeader *header;

  g_return_if_fail (list != NULL);
  g_return_if_fail (index < list->entries->len);

  header = header_at (list, index);
  if (name != NULL)
    *name = header->name;
  if (value != NULL)
    *value = header->value;
}

/* Index of the first header whose name byte-case-insensitively matches
 * @name, or -1. */
static int
header_list_find (FetchHeaderList *list,
                  const char      *name)
{
  gsize len = strlen (name);

  /* Every append looks for an earlier header of the same name: the
   * length rules out most names without comparing them. */
  for (guint i = 0; i < list->entries->len; i++)
    {
      const FetchHeader *header = header_at (list, i);

      if (header->name_len == len && g_ascii_strcasecmp (header->name, name) == 0)
        return (int) i;
    }
  return -1;
}

/* §2.2.2 contains */
gboolean
fetch_header_list_contains (FetchHeaderList *list,
                            const char      *name)
{
  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return header_list_find (list, name) >= 0;
}

/* §2.2.2 get */
char *
fetch_header_list_get (FetchHeaderList *list,
                       const char      *name)
{
  GString *value = NULL;

  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Step 2: the values of all matching headers, separated by 0x2C 0x20,
   * in order. */
  for (guint i = 0; i < list->entries->len; i++)
    {
      FetchHeader *header = header_at (list, i);

      if (g_ascii_strcasecmp (header->name, name) != 0)
        continue;
      if (value == NULL)
        value = g_string_new (header->value);
      else
        {
          g_string_append (value, ", ");
          g_string_append (value, header->value);
        }
    }

  /* Step 1: if list does not contain name, return null. */
  return value != NULL ? g_string_free (value, FALSE) : NULL;
}

/* §2.2.2 get, decode, and split a header value */
char **
fetch_header_value_get_decode_split (const char *value)
{
  GPtrArray *values;
  GString *temporary_value;
  gsize length, pos = 0;

  g_return_val_if_fail (value != NULL, NULL);

  /* Steps 1–4: isomorphic decoding is the identity on our bytes. */
  length = strlen (value);
  values = g_ptr_array_new ();
  temporary_value = g_string_new (NULL);

  /* Step 5: while true: */
  while (TRUE)
    {
      gsize run_start = pos;
      const char *start, *end;

      /* Step 5.1: collect code points that are not " or ,. */
      while (pos < length && value[pos] != '"' && value[pos] != ',')
        pos++;
      g_string_append_len (temporary_value, value + run_start, pos - run_start);

      /* Step 5.2: a quoted string, commas inside it included. */
      if (pos < length && value[pos] == '"')
        {
          fetch_collect_http_quoted_string (value, length, &pos, FALSE,
                                            temporary_value);
          if (pos < length)
            continue;
        }

      /* Step 5.3: remove HTTP tab or space from both ends. */
      start = temporary_value->str;
      end = start + temporary_value->len;
      while (start < end && fetch_is_http_tab_or_space (*start))
        start++;
      while (end > start && fetch_is_http_tab_or_space (end[-1]))
        end--;

      /* Steps 5.4–5.5 */
      g_ptr_array_add (values, g_strndup (start, end - start));
      g_string_truncate (temporary_value, 0);

      /* Step 5.6 */
      if (pos >= length)
        break;

      /* Steps 5.7–5.8: skip the comma. */
      g_assert (value[pos] == ',');
      pos++;
    }

  g_string_free (temporary_value, TRUE);
  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (values, FALSE);
}

/* §2.2.2 get, decode, and split a header name from a header list */
char **
fetch_header_list_get_decode_split (FetchHeaderList *list,
                                    const char      *name)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Steps 1–2 */
  value = fetch_header_list_get (list, name);
  if (value == NULL)
    return NULL;

  /* Step 3 */
  return fetch_header_value_get_decode_split (value);
}

/* Appends (name, value), taking ownership of @value. */
static void
header_list_append_take (FetchHeaderList *list,
                         const char      *name,
                         char            *value)
{
  FetchHeader header;
  int first = header_list_find (list, name);

  header_list_make_writable (list);
  /* §2.2.2 append step 1: reuse the casing of the first such header. */
  header.name = g_strdup (first >= 0 ? header_at (list, first)->name : name);
  header.value = value;
  header.value_inline = FALSE;
  header.name_len = strlen (header.name);

  /* Step 2 */
  g_array_append_val (list->entries, header);
}

/* Appends a copy of (name, value). */
static void
header_list_append_copy (FetchHeaderList *list,
                         const char      *name,
                         const char      *value)
{
  FetchHeader header;
  int first = header_list_find (list, name);

  header_list_make_writable (list);
  /* §2.2.2 append step 1: reuse the casing of the first such header. */
  header_init_copy (&header, first >= 0 ? header_at (list, first)->name : name, value);

  /* Step 2 */
  g_array_append_val (list->entries, header);
}

/* §2.2.2 append */
void
fetch_header_list_append (FetchHeaderList *list,
                          const char      *name,
                          const char      *value)
{
  g_return_if_fail (list != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  header_list_append_copy (list, name, value);
}

/* Appends a copy of (name, value) as received from the network: §4.6
 * sets a response's header list to the headers of the HTTP response as
 * they are, so a repeated name keeps its own casing (invisible through
 * Headers objects, whose lookups ignore case and whose iteration
 * lowercases). Skips append's search for an earlier header of the name:
 * per response header, the cost of the rest of the append. */
void
fetch_header_list_append_received (FetchHeaderList *list,
                                   const char      *name,
                                   const char      *value)
{
  FetchHeader header;

  g_return_if_fail (list != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  header_list_make_writable (list);
  header_init_copy (&header, name, value);
  g_array_append_val (list->entries, header);
}

/* Removes every header matching @name at index @from or later. */
static void
header_list_remove_from (FetchHeaderList *list,
                         const char      *name,
                         guint            from)
{
  guint kept = from;

  header_list_make_writable (list);
  for (guint i = from; i < list->entries->len; i++)
    {
      FetchHeader *header = header_at (list, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        fetch_header_clear (header);
      else
        *header_at (list, kept++) = *header;
    }
  /* The tail slots hold moved or freed pointers: blank them so that
   * shrinking does not free them (again). */
  for (guint i = kept; i < list->entries->len; i++)
    *header_at (list, i) = (FetchHeader) { NULL, NULL, FALSE, 0 };
  g_array_set_size (list->entries, kept);
}

/* §2.2.2 delete */
void
fetch_header_list_delete (FetchHeaderList *list,
                          const char      *name)
{
  g_return_if_fail (list != NULL);
  g_return_if_fail (name != NULL);

  header_list_remove_from (list, name, 0);
}

/* §2.2.2 set, taking ownership of @value. */
static void
header_list_set_take (FetchHeaderList *list,
                      const char      *name,
                      char            *value)
{
  int first = header_list_find (list, name);

  /* Step 2: otherwise, append. */
  if (first < 0)
    {
      header_list_append_take (list, name, value);
      return;
    }

  /* Step 1: set the value of the first such header, remove the others. */
  header_list_make_writable (list);
  header_set_value (header_at (list, first), value);
  header_list_remove_from (list, name, first + 1);
}

void
fetch_header_list_set (FetchHeaderList *list,
                       const char      *name,
                       const char      *value)
{
  g_return_if_fail (list != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  header_list_set_take (list, name, g_strdup (value));
}

/* §2.2.2 combine */
void
fetch_header_list_combine (FetchHeaderList *list,
                           const char      *name,
                           const char      *value)
{
  int first;

  g_return_if_fail (list != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  first = header_list_find (list, name);
  if (first >= 0)
    {
      /* Step 1: value, 0x2C 0x20, value. */
      FetchHeader *header;
      char *combined;

      header_list_make_writable (list);
      header = header_at (list, first);
      combined = g_strconcat (header->value, ", ", value, NULL);

      header_set_value (header, combined);
    }
  else
    {
      /* Step 2 */
      header_list_append_copy (list, name, value);
    }
}

FetchHeaderList *
fetch_header_list_copy (FetchHeaderList *list)
{
  FetchHeaderList *copy;

  g_return_val_if_fail (list != NULL, NULL);

  copy = fetch_header_list_new ();
  fetch_header_list_assign (copy, list);
  return copy;
}

/* Makes room for n more headers, so that appending them one by one does
 * not grow the list step by step. */
void
fetch_header_list_reserve (FetchHeaderList *list,
                           guint            n)
{
  GArray *array;

  g_return_if_fail (list != NULL);

  if (list->shared || list->entries->len > 0)
    return;
  array = header_array_new (n);
  g_array_unref (list->entries);
  list->entries = array;
}

/* list's entries become those of other (shared until either changes). */
void
fetch_header_list_assign (FetchHeaderList *list,
                          FetchHeaderList *other)
{
  g_return_if_fail (list != NULL);
  g_return_if_fail (other != NULL);

  if (list->entries == other->entries)
    return;
  g_array_unref (list->entries);
  list->entries = g_array_ref (other->entries);
  list->shared = other->shared = TRUE;
}

void
fetch_header_list_clear (FetchHeaderList *list)
{
  g_return_if_fail (list != NULL);

  if (list->shared)
    {
      g_array_unref (list->entries);
      list->entries = header_array_new (0);
      list->shared = FALSE;
      return;
    }
  g_array_set_size (list->entries, 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  /* strcmp compares as unsigned char: "byte less than". */
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* §2.2.2 convert header names to a sorted-lowercase set. Takes ownership
 * of @names (a GPtrArray of strings with g_free as its free func). */
static char **
convert_header_names_to_sorted_lowercase_set (GPtrArray *names)
{
  GPtrArray *set = g_ptr_array_new_full (names->len + 1, g_free);

  /* Step 2: byte-lowercase each name. */
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (set, g_ascii_strdown (g_ptr_array_index (names, i), -1));
  g_ptr_array_unref (names);

  /* Step 3: sort with byte less than; an ordered set has no duplicates. */
  g_ptr_array_sort (set, compare_strings);
  for (guint i = 1; i < set->len;)
    {
      if (strcmp (g_ptr_array_index (set, i - 1), g_ptr_array_index (set, i)) == 0)
        g_ptr_array_remove_index (set, i);
      else
        i++;
    }

  g_ptr_array_set_free_func (set, NULL);
  g_ptr_array_add (set, NULL);
  return (char **) g_ptr_array_free (set, FALSE);
}

typedef struct {
  char *lower;  /* byte-lowercased name */
  guint index;  /* position in the list */
} SortEntry;

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  int cmp = strcmp (x->lower, y->lower);

  if (cmp != 0)
    return cmp;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* §2.2.2 sort and combine. Sorting the list's (lowercased name, position)
 * pairs once gives both the sorted-lowercase set (step 2) and, within each
 * name, the values in list order (steps 3.1.1 and 3.2.1) in O(n log n). */
char **
fetch_header_list_sort_and_combine (FetchHeaderList *list)
{
  GPtrArray *headers;
  SortEntry *entries;
  guint n, i = 0;

  g_return_val_if_fail (list != NULL, NULL);

  n = list->entries->len;
  entries = g_new (SortEntry, n);
  for (guint k = 0; k < n; k++)
    {
      entries[k].lower = g_ascii_strdown (header_at (list, k)->name, -1);
      entries[k].index = k;
    }
  if (n > 1)
    qsort (entries, n, sizeof (SortEntry), compare_sort_entries);

  /* Step 1 */
  headers = g_ptr_array_new_full (2 * n + 1, NULL);

  /* Step 3: for each name of names: */
  while (i < n)
    {
      const char *name = entries[i].lower;
      guint group_end = i + 1;

      while (group_end < n && strcmp (entries[group_end].lower, name) == 0)
        group_end++;

      if (strcmp (name, "set-cookie") == 0)
        {
          /* Step 3.1: each value on its own, in order. */
          for (guint k = i; k < group_end; k++)
            {
              g_ptr_array_add (headers, g_strdup (name));
              g_ptr_array_add (headers,
                               g_strdup (header_at (list, entries[k].index)->value));
            }
        }
      else
        {
          /* Step 3.2: the result of getting name (values joined by ", "). */
          GString *value = g_string_new (header_at (list, entries[i].index)->value);

          for (guint k = i + 1; k < group_end; k++)
            {
              g_string_append (value, ", ");
              g_string_append (value, header_at (list, entries[k].index)->value);
            }
          g_ptr_array_add (headers, g_strdup (name));
          g_ptr_array_add (headers, g_string_free (value, FALSE));
        }
      i = group_end;
    }

  for (guint k = 0; k < n; k++)
    g_free (entries[k].lower);
  g_free (entries);

  /* Step 4 */
  g_ptr_array_add (headers, NULL);
  return (char **) g_ptr_array_free (headers, FALSE);
}

/* §2.2.2 CORS-unsafe request-header names */
char **
fetch_get_cors_unsafe_request_header_names (FetchHeaderList *list)
{
  GPtrArray *unsafe_names;
  GPtrArray *potentially_unsafe_names;
  gsize safelist_value_size = 0;

  g_return_val_if_fail (list != NULL, NULL);

  /* Steps 1–3 */
  unsafe_names = g_ptr_array_new_with_free_func (g_free);
  potentially_unsafe_names = g_ptr_array_new ();

  /* Step 4: for each header of headers: */
  for (guint i = 0; i < list->entries->len; i++)
    {
      FetchHeader *header = header_at (list, i);

      if (!fetch_is_cors_safelisted_request_header (header->name, header->value))
        {
          g_ptr_array_add (unsafe_names, g_strdup (header->name));
        }
      else
        {
          g_ptr_array_add (potentially_unsafe_names, header->name);
          safelist_value_size += strlen (header->value);
        }
    }

  /* Step 5: too many safelisted bytes make them all unsafe. */
  if (safelist_value_size > 1024)
    for (guint i = 0; i < potentially_unsafe_names->len; i++)
      g_ptr_array_add (unsafe_names,
                       g_strdup (g_ptr_array_index (potentially_unsafe_names, i)));
  g_ptr_array_unref (potentially_unsafe_names);

  /* Step 6 */
  return convert_header_names_to_sorted_lowercase_set (unsafe_names);
}

/* ------------------------------------------------------------------ */
/* §3.3 `Content-Length`                                              */
/* ------------------------------------------------------------------ */

/* §3.3 extract a length */
FetchLengthResult
fetch_header_list_extract_length (FetchHeaderList *list,
                                  guint64         *length)
{
  g_auto(GStrv) values = NULL;
  const char *candidate_value = NULL;
  guint64 number = 0;

  g_return_val_if_fail (list != NULL, FETCH_LENGTH_FAILURE);

  /* Steps 1–2 */
  values = fetch_header_list_get_decode_split (list, "Content-Length");
  if (values == NULL)
    return FETCH_LENGTH_NULL;

  /* Steps 3–4: all values must be the same. */
  for (gsize i = 0; values[i] != NULL; i++)
    {
      if (candidate_value == NULL)
        candidate_value = values[i];
      else if (strcmp (values[i], candidate_value) != 0)
        return FETCH_LENGTH_FAILURE;
    }

  /* Step 5: only ASCII digits, at least one. */
  if (candidate_value == NULL || candidate_value[0] == '\0')
    return FETCH_LENGTH_NULL;
  for (const char *p = candidate_value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FETCH_LENGTH_NULL;

  /* Step 6 */
  for (const char *p = candidate_value; *p != '\0'; p++)
    {
      guint digit = *p - '0';

      /* NOTE(spec): the number is unbounded in the standard; a length
       * beyond 2^64 - 1 cannot be honoured, so it fails like a mismatch
       * (Chromium also rejects an unparsable Content-Length). */
      if (number > (G_MAXUINT64 - digit) / 10)
        return FETCH_LENGTH_FAILURE;
      number = number * 10 + digit;
    }

  if (length != NULL)
    *length = number;
  return FETCH_LENGTH_VALUE;
}

/* ------------------------------------------------------------------ */
/* §5.1 Headers class                                                 */
/* ------------------------------------------------------------------ */

typedef enum {
  VALIDATE_THROW,
  VALIDATE_IGNORE,
  VALIDATE_OK,
} ValidateResult;

/* §5.1 validate, steps 1–2: the TypeErrors. @value is already normalized
 * unless @normalize is TRUE, in which case it is checked as if it were. */
static gboolean
headers_validate_throws (FetchHeaderList  *list,
                         const char       *name,
                         const char       *value,
                         gboolean          normalize,
                         GError          **error)
{
  /* Step 1: name must be a header name and value a header value. */
  if (!fetch_is_header_name (name))
    {
      g_autofree char *escaped = g_strescape (name, NULL);

      return fetch_throw_type_error (error, _("“%s” is not a valid header name"),
                                     escaped);
    }
  if (normalize ? !header_value_is_valid_after_normalize (value)
                : !fetch_is_header_value (value))
    {
      return fetch_throw_type_error (error,
                                     _("The value of header “%s” contains a "
                                       "line break"), name);
    }

  /* Step 2 */
  if (list->guard == FETCH_HEADERS_GUARD_IMMUTABLE)
    return fetch_throw_type_error (error,
                                   _("Cannot change header “%s”: the headers "
                                     "are immutable"), name);
  return TRUE;
}

/* §5.1 validate a header (name, value) for headers */
static ValidateResult
headers_validate (FetchHeaderList  *list,
                  const char       *name,
                  const char       *value,
                  GError          **error)
{
  /* Steps 1–2 */
  if (!headers_validate_throws (list, name, value, FALSE, error))
    return VALIDATE_THROW;

  /* Step 3 */
  if (list->guard == FETCH_HEADERS_GUARD_REQUEST &&
      fetch_is_forbidden_request_header (name, value))
    return VALIDATE_IGNORE;

  /* Step 4 */
  if (list->guard == FETCH_HEADERS_GUARD_RESPONSE &&
      fetch_is_forbidden_response_header_name (name))
    return VALIDATE_IGNORE;

  /* Step 5 */
  return VALIDATE_OK;
}

/* §5.1 remove privileged no-CORS request-headers */
void
fetch_headers_remove_privileged_no_cors_request_headers (FetchHeaderList *list)
{
  g_return_if_fail (list != NULL);

  /* Step 1: for each privileged no-CORS request-header name (`Range`),
   * delete it from the header list. */
  fetch_header_list_delete (list, "Range");
}

/* §5.1 append a header (name, value) to a Headers object (whose list is
 * list, validated through list's guard) */
gboolean
fetch_headers_append_to_list (FetchHeaderList  *list,
                              const char       *name,
                              const char       *value,
                              GError          **error)
{
  g_autofree char *normalized = NULL;

  /* Step 1 */
  normalized = fetch_normalize_header_value (value);

  /* Step 2 */
  switch (headers_validate (list, name, normalized, error))
    {
    case VALIDATE_THROW:
      return FALSE;
    case VALIDATE_IGNORE:
      return TRUE;
    case VALIDATE_OK:
      break;
    }

  /* Step 3: in "request-no-cors", the combined value must stay safelisted. */
  if (list->guard == FETCH_HEADERS_GUARD_REQUEST_NO_CORS)
    {
      g_autofree char *temporary_value = fetch_header_list_get (list, name);
      gboolean safelisted;

      if (temporary_value == NULL)
        safelisted = fetch_is_no_cors_safelisted_request_header (name, normalized);
      else
        {
          g_autofree char *combined = g_strconcat (temporary_value, ", ",
                                                   normalized, NULL);

          safelisted = fetch_is_no_cors_safelisted_request_header (name, combined);
        }
      if (!safelisted)
        return TRUE;
    }

  /* Step 4 */
  header_list_append_take (list, name, g_steal_pointer (&normalized));

  /* Step 5 */
  if (list->guard == FETCH_HEADERS_GUARD_REQUEST_NO_CORS)
    fetch_headers_remove_privileged_no_cors_request_headers (list);
  return TRUE;
}

void
fetch_header_list_set_guard (FetchHeaderList   *list,
                             FetchHeadersGuard  guard)
{
  g_return_if_fail (list != NULL);

  if (list->guard == guard)
    return;
  list->guard = guard;
  if (list->object != NULL)
    g_object_notify_by_pspec (G_OBJECT (list->object), properties[PROP_GUARD]);
}

/* §5.1 fill, from a flat name, value, ... vector.
 *
 * NOTE(spec): the standard appends pair by pair, so a throw leaves the
 * earlier pairs in place (invisible to scripts: the constructor that
 * called fill throws). We promise an unchanged object, so every TypeError
 * that append could raise is checked before anything is appended. */
gboolean
fetch_headers_fill_from_pairs (FetchHeaderList     *list,
                               const char * const  *pairs,
                               GError             **error)
{
  guint n_items;

  g_return_val_if_fail (list != NULL, FALSE);

  if (pairs == NULL)
    return TRUE;

  /* Step 1.1: each header must have exactly two items. */
  n_items = g_strv_length ((char **) pairs);
  if (n_items % 2 != 0)
    {
      g_autofree char *escaped = g_strescape (pairs[n_items - 1], NULL);

      return fetch_throw_type_error (error,
                                     _("Header “%s” has no value: header pairs "
                                       "must have exactly two items"), escaped);
    }

  for (guint i = 0; i < n_items; i += 2)
    if (!headers_validate_throws (list, pairs[i], pairs[i + 1], TRUE, error))
      return FALSE;

  /* Step 1.2: append each; nothing can throw any more. */
  for (guint i = 0; i < n_items; i += 2)
    fetch_headers_append_to_list (list, pairs[i], pairs[i + 1], NULL);
  return TRUE;
}

/* §5.1 fill, step 2: from a record.
 *
 * NOTE(spec): a WebIDL record keeps its keys in insertion order; a
 * GHashTable has none, so the record is appended in the table's order.
 * Use pairs where order matters. */
gboolean
fetch_headers_fill_from_record (FetchHeaderList  *list,
                                GHashTable       *record,
                                GError          **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (list != NULL, FALSE);

  if (record == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, record);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (key == NULL || value == NULL)
        return fetch_throw_type_error (error,
                                       _("A header record must map names to "
                                         "values"));
      if (!headers_validate_throws (list, key, value, TRUE, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, record);
  while (g_hash_table_iter_next (&iter, &key, &value))
    fetch_headers_append_to_list (list, key, value, NULL);
  return TRUE;
}

/* §5.1 fill from another Headers object: it is a sequence of its
 * iteration pairs (sort and combine). */
gboolean
fetch_headers_fill_from_headers (FetchHeaderList  *list,
                                 FetchHeaderList  *other,
                                 GError          **error)
{
  g_auto(GStrv) pairs = NULL;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (other != NULL, FALSE);

  pairs = fetch_header_list_sort_and_combine (other);
  return fetch_headers_fill_from_pairs (list, (const char * const *) pairs,
                                        error);
}

/**
 * fetch_headers_new:
 *
 * Creates an empty headers object with the guard "none", like
 * `new Headers()`.
 *
 * Returns: (transfer full): a new [class@Fetch.Headers]
 *
 * Since: 0.1
 */
FetchHeaders *
fetch_headers_new (void)
{
  return g_object_new (FETCH_TYPE_HEADERS, NULL);
}

/**
 * fetch_headers_new_from_pairs:
 * @pairs: (nullable) (array zero-terminated=1): names and values,
 *   alternating: `name, value, name, value, …`
 * @error: return location for a #GError
 *
 * Creates a headers object filled from (name, value) pairs, like
 * `new Headers([[name, value], …])`. Each value is normalized (leading
 * and trailing HTTP whitespace removed).
 *
 * An odd number of items, an invalid name or an invalid value is a
 * %FETCH_ERROR_TYPE error.
 *
 * Returns: (transfer full) (nullable): a new [class@Fetch.Headers], or
 *   %NULL with @error set
 *
 * Since: 0.1
 */
FetchHeaders *
fetch_headers_new_from_pairs (const char * const  *pairs,
                              GError             **error)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();

  /* §5.1 constructor step 1: the guard is "none"; step 2: fill. */
  if (!fetch_headers_fill_from_pairs (headers->list, pairs, error))
    return NULL;
  return g_steal_pointer (&headers);
}

/**
 * fetch_headers_new_from_record:
 * @record: (nullable) (element-type utf8 utf8): a map from header names
 *   to values
 * @error: return location for a #GError
 *
 * Creates a headers object filled from a record, like
 * `new Headers({name: value, …})`. The entries are appended in the hash
 * table's order; use [ctor@Fetch.Headers.new_from_pairs] when the order
 * matters.
 *
 * An invalid name or value is a %FETCH_ERROR_TYPE error.
 *
 * Returns: (transfer full) (nullable): a new [class@Fetch.Headers], or
 *   %NULL with @error set
 *
 * Since: 0.1
 */
FetchHeaders *
fetch_headers_new_from_record (GHashTable  *record,
                               GError     **error)
{
  g_autoptr(FetchHeaders) headers = fetch_headers_new ();

  if (!fetch_headers_fill_from_record (headers->list, record, error))
    return NULL;
  return g_steal_pointer (&headers);
}

/**
 * fetch_headers_new_from_headers:
 * @other: a headers object
 *
 * Creates a headers object with the guard "none" filled from @other's
 * iteration, like `new Headers(other)`: names come out lowercase and
 * repeated headers combined, except `Set-Cookie`.
 *
 * Returns: (transfer full): a new [class@Fetch.Headers]
 *
 * Since: 0.1
 */
FetchHeaders *
fetch_headers_new_from_headers (FetchHeaders *other)
{
  FetchHeaders *headers;

  g_return_val_if_fail (FETCH_IS_HEADERS (other), NULL);

  headers = fetch_headers_new ();
  /* NOTE(spec): cannot throw: the guard is "none" and @other's entries
   * are header names and values. A list filled unchecked through the
   * header-list API with bad bytes yields an empty object. */
  fetch_headers_fill_from_headers (headers->list, other->list, NULL);
  return headers;
}

/**
 * fetch_headers_get_guard:
 * @headers: a headers object
 *
 * Gets the guard of @headers.
 *
 * Returns: the [property@Fetch.Headers:guard]
 *
 * Since: 0.1
 */
FetchHeadersGuard
fetch_header_list_get_guard (FetchHeaderList *list)
{
  g_return_val_if_fail (list != NULL, FETCH_HEADERS_GUARD_NONE);

  return list->guard;
}

FetchHeadersGuard
fetch_headers_get_guard (FetchHeaders *headers)
{
  g_return_val_if_fail (FETCH_IS_HEADERS (headers), FETCH_HEADERS_GUARD_NONE);

  return headers->list->guard;
}

/**
 * fetch_headers_append:
 * @headers: a headers object
 * @name: a header name
 * @value: a header value; leading and trailing HTTP whitespace is removed
 * @error: return location for a #GError
 *
 * Appends a header, like `headers.append(name, value)`. If @headers
 * already has a header named @name (in any case), the new one takes its
 * name's casing.
 *
 * An invalid name or value, or an immutable @headers, is a
 * %FETCH_ERROR_TYPE error. A header that the guard forbids is ignored
 * without error, as in the standard.
 *
 * Returns: %TRUE unless @error was set
 *
 * Since: 0.1
 */
gboolean
fetch_headers_append (FetchHeaders  *headers,
                      const char    *name,
                      const char    *value,
                      GError       **error)
{
  g_return_val_if_fail (FETCH_IS_HEADERS (headers), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return fetch_headers_append_to_list (headers->list, name, value, error);
}

/**
 * fetch_headers_delete:
 * @headers: a headers object
 * @name: a header name
 * @error: return location for a #GError
 *
 * Removes every header named @name (in any case), like
 * `headers.delete(name)`.
 *
 * An invalid name, or an immutable @headers, is a %FETCH_ERROR_TYPE
 * error. A header that the guard forbids is kept without error.
 *
 * Returns: %TRUE unless @error was set
 *
 * Since: 0.1
 */
gboolean
fetch_headers_delete (FetchHeaders  *headers,
                      const char    *name,
                      GError       **error)
{
  g_return_val_if_fail (FETCH_IS_HEADERS (headers), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Step 1: validate with a dummy empty value. */
  switch (headers_validate (headers->list, name, "", error))
    {
    case VALIDATE_THROW:
      return FALSE;
    case VALIDATE_IGNORE:
      return TRUE;
    case VALIDATE_OK:
      break;
    }

  /* Step 2 */
  if (headers->list->guard == FETCH_HEADERS_GUARD_REQUEST_NO_CORS &&
      !fetch_is_no_cors_safelisted_request_header_name (name) &&
      !fetch_is_privileged_no_cors_request_header_name (name))
    return TRUE;

  /* Step 3 */
  if (!fetch_header_list_contains (headers->list, name))
    return TRUE;

  /* Step 4 */
  fetch_header_list_delete (headers->list, name);

  /* Step 5 */
  if (headers->list->guard == FETCH_HEADERS_GUARD_REQUEST_NO_CORS)
    fetch_headers_remove_privileged_no_cors_request_headers (headers->list);
  return TRUE;
}

/**
 * fetch_headers_get:
 * @headers: a headers object
 * @name: a header name
 * @error: return location for a #GError
 *
 * Gets the values of all headers named @name (in any case), joined by
 * `", "`, like `headers.get(name)`. For `Set-Cookie`, use
 * [method@Fetch.Headers.get_set_cookie] instead.
 *
 * An invalid name is a %FETCH_ERROR_TYPE error.
 *
 * Returns: (transfer full) (nullable): the combined value, or %NULL if
 *   there is no such header or @error was set
 *
 * Since: 0.1
 */
char *
fetch_headers_get (FetchHeaders  *headers,
                   const char    *name,
                   GError       **error)
{
  g_return_val_if_fail (FETCH_IS_HEADERS (headers), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Step 1 */
  if (!fetch_is_header_name (name))
    {
      g_autofree char *escaped = g_strescape (name, NULL);

      fetch_throw_type_error (error, _("“%s” is not a valid header name"), escaped);
      return NULL;
    }

  /* Step 2 */
  return fetch_header_list_get (headers->list, name);
}

/**
 * fetch_headers_get_set_cookie:
 * @headers: a headers object
 *
 * Gets the value of each `Set-Cookie` header, in order, like
 * `headers.getSetCookie()`.
 *
 * Returns: (transfer full) (array zero-terminated=1): the values, possibly
 *   none
 *
 * Since: 0.1
 */
char **
fetch_headers_get_set_cookie (FetchHeaders *headers)
{
  GPtrArray *values;

  g_return_val_if_fail (FETCH_IS_HEADERS (headers), NULL);

  /* Steps 1–2: the values of all `Set-Cookie` headers, in order. */
  values = g_ptr_array_new ();
  for (guint i = 0; i < headers->list->entries->len; i++)
    {
      FetchHeader *header = header_at (headers->list, i);

      if (g_ascii_strcasecmp (header->name, "Set-Cookie") == 0)
        g_ptr_array_add (values, g_strdup (header->value));
    }
  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (values, FALSE);
}

/**
 * fetch_headers_has:
 * @headers: a headers object
 * @name: a header name
 * @error: return location for a #GError
 *
 * Checks for a header named @name (in any case), like
 * `headers.has(name)`.
 *
 * An invalid name is a %FETCH_ERROR_TYPE error.
 *
 * Returns: %TRUE if there is such a header; %FALSE if not or if @error
 *   was set
 *
 * Since: 0.1
 */
gboolean
fetch_headers_has (FetchHeaders  *headers,
                   const char    *name,
                   GError       **error)
{
  g_return_val_if_fail (FETCH_IS_HEADERS (headers), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Step 1 */
  if (!fetch_is_header_name (name))
    {
      g_autofree char *escaped = g_strescape (name, NULL);

      return fetch_throw_type_error (error, _("“%s” is not a valid header name"),
                                     escaped);
    }

  /* Step 2 */
  return fetch_header_list_contains (headers->list, name);
}

/**
 * fetch_headers_set:
 * @headers: a headers object
 * @name: a header name
 * @value: a header value; leading and trailing HTTP whitespace is removed
 * @error: return location for a #GError
 *
 * Replaces the value of the first header named @name (in any case) and
 * removes the others, or appends the header if there is none, like
 * `headers.set(name, value)`.
 *
 * An invalid name or value, or an immutable @headers, is a
 * %FETCH_ERROR_TYPE error. A header that the guard forbids is ignored
 * without error.
 *
 * Returns: %TRUE unless @error was set
 *
 * Since: 0.1
 */
gboolean
fetch_headers_set (FetchHeaders  *headers,
                   const char    *name,
                   const char    *value,
                   GError       **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (FETCH_IS_HEADERS (headers), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Step 1 */
  normalized = fetch_normalize_header_value (value);

  /* Step 2 */
  switch (headers_validate (headers->list, name, normalized, error))
    {
    case VALIDATE_THROW:
      return FALSE;
    case VALIDATE_IGNORE:
      return TRUE;
    case VALIDATE_OK:
      break;
    }

  /* Step 3 */
  if (headers->list->guard == FETCH_HEADERS_GUARD_REQUEST_NO_CORS &&
      !fetch_is_no_cors_safelisted_request_header (name, normalized))
    return TRUE;

  /* Step 4 */
  header_list_set_take (headers->list, name, g_steal_pointer (&normalized));

  /* Step 5 */
  if (headers->list->guard == FETCH_HEADERS_GUARD_REQUEST_NO_CORS)
    fetch_headers_remove_privileged_no_cors_request_headers (headers->list);
  return TRUE;
}

/**
 * fetch_headers_foreach:
 * @headers: a headers object
 * @func: (scope call) (closure user_data): called for each header
 * @user_data: data for @func
 *
 * Calls @func for each (name, value) pair that iterating over `headers`
 * gives: lowercase names sorted byte-wise, the values of a repeated
 * name combined by `", "`, each `Set-Cookie` value on its own. @func
 * may change @headers: the pairs are those of the call's start.
 *
 * Since: 0.1
 */
void
fetch_headers_foreach (FetchHeaders            *headers,
                       FetchHeadersForeachFunc  func,
                       gpointer                 user_data)
{
  g_auto(GStrv) pairs = NULL;

  g_return_if_fail (FETCH_IS_HEADERS (headers));
  g_return_if_fail (func != NULL);

  /* §5.1: the value pairs to iterate over are sort and combine's. */
  pairs = fetch_header_list_sort_and_combine (headers->list);
  for (gsize i = 0; pairs[i] != NULL; i += 2)
    if (!func (pairs[i], pairs[i + 1], user_data))
      break;
}

/**
 * fetch_headers_get_entries:
 * @headers: a headers object
 *
 * Gets the pairs that iterating over `headers` gives (see
 * [method@Fetch.Headers.foreach]) as a flat vector:
 * `name, value, name, value, …`.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names and values
 *
 * Since: 0.1
 */
char **
fetch_headers_get_entries (FetchHeaders *headers)
{
  g_return_val_if_fail (FETCH_IS_HEADERS (headers), NULL);

  return fetch_header_list_sort_and_combine (headers->list);
}
