/* fetch-form-data.c: FormData (XHR §4.3), the multipart/form-data
 * encoding (HTML §4.10.21.8) and parser, and the
 * application/x-www-form-urlencoded serializer and parser (URL §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#if defined(__has_include)
#if __has_include(<sys/random.h>)
#include <sys/random.h>
#define FETCH_HAVE_GETRANDOM 1
#endif
#endif

#include "fetch-form-data-private.h"
#include "fetch-body-private.h"
#include "fetch-error-private.h"
#include "fetch-mime-private.h"

/**
 * FetchFormData:
 *
 * The `FormData` interface of the XMLHttpRequest Standard: an ordered
 * list of entries, each a name and either a string or a file, that a
 * request or response body can be made of
 * ([ctor@Fetch.BodyInit.new_form_data]) or read as
 * ([method@Fetch.Response.form_data_async]).
 *
 * Names and values are `USVString`s: invalid UTF-8 given to any method
 * is replaced with U+FFFD.
 *
 * Names, string values and filenames are NUL-terminated strings, so they
 * cannot hold U+0000, which a `USVString` can: one given with a NUL, in C
 * or from a binding, ends at it, and so does one parsed from a body
 * ([method@Fetch.Response.form_data_async] reads `a=x%00y` as the value
 * `x`). A file entry's bytes are kept whole. Read a body that may hold
 * NUL in its names or string values with the bytes consumer
 * ([method@Fetch.Response.bytes_async]).
 *
 * Since: 0.1
 */
/* NOTE(spec): see above: XHR's entries hold USVStrings, which may contain
 * U+0000; C strings cannot, so every name and string value ends at its
 * first NUL (the parsers decode into C strings too). */

struct _FetchFormDataEntry {
  char   *name;
  char   *value;          /* string entries */
  GBytes *bytes;          /* file entries */
  char   *filename;
  char   *content_type;
};

struct _FetchFormData {
  GObject    parent_instance;

  GPtrArray *entries;     /* of FetchFormDataEntry, the entry list */
};

G_DEFINE_FINAL_TYPE (FetchFormData, fetch_form_data, G_TYPE_OBJECT)

/* FetchFormDataEntry */

static void
fetch_form_data_entry_clear (gpointer data)
{
  FetchFormDataEntry *entry = data;

  g_free (entry->name);
  g_free (entry->value);
  g_clear_pointer (&entry->bytes, g_bytes_unref);
  g_free (entry->filename);
  g_free (entry->content_type);
}

/**
 * fetch_form_data_entry_ref:
 * @entry: an entry
 *
 * Takes a reference on @entry.
 *
 * Returns: (transfer full): @entry
 *
 * Since: 0.1
 */
FetchFormDataEntry *
fetch_form_data_entry_ref (FetchFormDataEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return g_atomic_rc_box_acquire (entry);
}

/**
 * fetch_form_data_entry_unref:
 * @entry: (transfer full): an entry
 *
 * Drops a reference on @entry, freeing it when it was the last.
 *
 * Since: 0.1
 */
void
fetch_form_data_entry_unref (FetchFormDataEntry *entry)
{
  g_return_if_fail (entry != NULL);

  g_atomic_rc_box_release_full (entry, fetch_form_data_entry_clear);
}

G_DEFINE_BOXED_TYPE (FetchFormDataEntry, fetch_form_data_entry,
                     fetch_form_data_entry_ref, fetch_form_data_entry_unref)

/* Web IDL: a char * given as a USVString. */
static char *
fetch_usv_string (const char *string)
{
  return fetch_utf8_decode_without_bom ((const guint8 *) string, strlen (string));
}

/* File API: the type attribute a Blob or File gets from its constructor's
 * type option. */
char *
fetch_blob_type_normalize (const char *type)
{
  if (type == NULL)
    return g_strdup ("");
  for (const char *p = type; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || (guchar) *p > 0x7E)
        return g_strdup ("");
    }
  return g_ascii_strdown (type, -1);
}

/* XHR §4.3 create an entry, for a string value. */
static FetchFormDataEntry *
fetch_form_data_entry_new_string (const char *name,
                                  const char *value)
{
  FetchFormDataEntry *entry = g_atomic_rc_box_new0 (FetchFormDataEntry);

  /* Steps 1-2: name and value become scalar value strings. */
  entry->name = fetch_usv_string (name);
  entry->value = fetch_usv_string (value);
  return entry;
}

/* XHR §4.3 create an entry, for a Blob value. */
static FetchFormDataEntry *
fetch_form_data_entry_new_file (const char *name,
                                GBytes     *contents,
                                const char *filename,
                                const char *content_type)
{
  FetchFormDataEntry *entry = g_atomic_rc_box_new0 (FetchFormDataEntry);

  /* Step 1: name becomes a scalar value string. */
  entry->name = fetch_usv_string (name);
  /* Step 3: a Blob that is not a File becomes a File named "blob"; with
   * a filename, a File named filename. Either way it keeps its type. */
  entry->bytes = g_bytes_ref (contents);
  entry->filename = fetch_usv_string (filename != NULL ? filename : "blob");
  entry->content_type = fetch_blob_type_normalize (content_type);
  return entry;
}

/**
 * fetch_form_data_entry_get_name:
 * @entry: an entry
 *
 * Gets the entry's name.
 *
 * Returns: the name
 *
 * Since: 0.1
 */
const char *
fetch_form_data_entry_get_name (FetchFormDataEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->name;
}

/**
 * fetch_form_data_entry_is_file:
 * @entry: an entry
 *
 * Whether the entry's value is a file rather than a string.
 *
 * Returns: %TRUE for a file entry
 *
 * Since: 0.1
 */
gboolean
fetch_form_data_entry_is_file (FetchFormDataEntry *entry)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  return entry->bytes != NULL;
}

/**
 * fetch_form_data_entry_get_value:
 * @entry: an entry
 *
 * Gets the value of a string entry. The value ends at its first U+0000,
 * if it had one (see [class@Fetch.FormData]).
 *
 * Returns: (nullable): the value, or %NULL for a file entry
 *
 * Since: 0.1
 */
const char *
fetch_form_data_entry_get_value (FetchFormDataEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->value;
}

/**
 * fetch_form_data_entry_get_bytes:
 * @entry: an entry
 *
 * Gets the contents of a file entry.
 *
 * Returns: (nullable) (transfer none): the file's bytes, or %NULL for a
 *   string entry
 *
 * Since: 0.1
 */
GBytes *
fetch_form_data_entry_get_bytes (FetchFormDataEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->bytes;
}

/**
 * fetch_form_data_entry_get_filename:
 * @entry: an entry
 *
 * Gets the name of a file entry's file: the filename it was added with,
 * or `blob` if it was added without one.
 *
 * Returns: (nullable): the filename, or %NULL for a string entry
 *
 * Since: 0.1
 */
const char *
fetch_form_data_entry_get_filename (FetchFormDataEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->filename;
}

/**
 * fetch_form_data_entry_get_content_type:
 * @entry: an entry
 *
 * Gets the MIME type of a file entry's file (the `type` of a `File`):
 * lowercase, and empty if none was given or it was not printable ASCII.
 *
 * Returns: (nullable): the MIME type, possibly empty, or %NULL for a
 *   string entry
 *
 * Since: 0.1
 */
const char *
fetch_form_data_entry_get_content_type (FetchFormDataEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->content_type;
}

/* FetchFormData */

static void
fetch_form_data_finalize (GObject *object)
{
  FetchFormData *self = FETCH_FORM_DATA (object);

  g_ptr_array_unref (self->entries);

  G_OBJECT_CLASS (fetch_form_data_parent_class)->finalize (object);
}

static void
fetch_form_data_class_init (FetchFormDataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fetch_form_data_finalize;
}

static void
fetch_form_data_init (FetchFormData *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) fetch_form_data_entry_unref);
}

/**
 * fetch_form_data_new:
 *
 * Creates an empty form data (`new FormData()`).
 *
 * Returns: (transfer full): a new form data
 *
 * Since: 0.1
 */
FetchFormData *
fetch_form_data_new (void)
{
  return g_object_new (FETCH_TYPE_FORM_DATA, NULL);
}

/**
 * fetch_form_data_append:
 * @form_data: a form data
 * @name: the entry's name
 * @value: the entry's value
 *
 * Appends a string entry (`append(name, value)`).
 *
 * Since: 0.1
 */
void
fetch_form_data_append (FetchFormData *form_data,
                        const char    *name,
                        const char    *value)
{
  g_return_if_fail (FETCH_IS_FORM_DATA (form_data));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  g_ptr_array_add (form_data->entries, fetch_form_data_entry_new_string (name, value));
}

/**
 * fetch_form_data_append_file:
 * @form_data: a form data
 * @name: the entry's name
 * @contents: the file's contents
 * @filename: (nullable): the file's name, or %NULL for `blob`
 * @content_type: (nullable): the file's MIME type, or %NULL for none
 *
 * Appends a file entry (`append(name, blobValue, filename)`). As the
 * `File` constructor does, @content_type is ASCII-lowercased, and is
 * taken as empty if it has a character outside U+0020 to U+007E.
 *
 * Since: 0.1
 */
void
fetch_form_data_append_file (FetchFormData *form_data,
                             const char    *name,
                             GBytes        *contents,
                             const char    *filename,
                             const char    *content_type)
{
  g_return_if_fail (FETCH_IS_FORM_DATA (form_data));
  g_return_if_fail (name != NULL);
  g_return_if_fail (contents != NULL);

  g_ptr_array_add (form_data->entries,
                   fetch_form_data_entry_new_file (name, contents, filename, content_type));
}

/* XHR §4.3 set(): "If there are entries in this's entry list whose name
 * is name, then replace the first such entry with entry and remove the
 * others. Otherwise, append entry." Takes entry. */
static void
fetch_form_data_set_entry (FetchFormData      *form_data,
                           FetchFormDataEntry *entry)
{
  GPtrArray *entries = form_data->entries;
  gboolean replaced = FALSE;

  for (guint i = 0; i < entries->len;)
    {
      FetchFormDataEntry *old = g_ptr_array_index (entries, i);

      if (!g_str_equal (old->name, entry->name))
        i++;
      else if (!replaced)
        {
          fetch_form_data_entry_unref (old);
          g_ptr_array_index (entries, i) = entry;
          replaced = TRUE;
          i++;
        }
      else
        g_ptr_array_remove_index (entries, i);
    }
  if (!replaced)
    g_ptr_array_add (entries, entry);
}

/**
 * fetch_form_data_set:
 * @form_data: a form data
 * @name: the entry's name
 * @value: the entry's value
 *
 * Sets a string entry (`set(name, value)`): it replaces the first entry
 * named @name and the others named @name are removed; if there is none,
 * it is appended.
 *
 * Since: 0.1
 */
void
fetch_form_data_set (FetchFormData *form_data,
                     const char    *name,
                     const char    *value)
{
  g_return_if_fail (FETCH_IS_FORM_DATA (form_data));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  fetch_form_data_set_entry (form_data, fetch_form_data_entry_new_string (name, value));
}

/**
 * fetch_form_data_set_file:
 * @form_data: a form data
 * @name: the entry's name
 * @contents: the file's contents
 * @filename: (nullable): the file's name, or %NULL for `blob`
 * @content_type: (nullable): the file's MIME type, or %NULL for none
 *
 * Sets a file entry (`set(name, blobValue, filename)`), as
 * [method@Fetch.FormData.set] does a string entry.
 *
 * Since: 0.1
 */
void
fetch_form_data_set_file (FetchFormData *form_data,
                          const char    *name,
                          GBytes        *contents,
                          const char    *filename,
                          const char    *content_type)
{
  g_return_if_fail (FETCH_IS_FORM_DATA (form_data));
  g_return_if_fail (name != NULL);
  g_return_if_fail (contents != NULL);

  fetch_form_data_set_entry (form_data,
                             fetch_form_data_entry_new_file (name, contents, filename, content_type));
}

/**
 * fetch_form_data_delete:
 * @form_data: a form data
 * @name: a name
 *
 * Removes every entry named @name (`delete(name)`).
 *
 * Since: 0.1
 */
void
fetch_form_data_delete (FetchFormData *form_data,
                        const char    *name)
{
  g_autofree char *usv = NULL;

  g_return_if_fail (FETCH_IS_FORM_DATA (form_data));
  g_return_if_fail (name != NULL);

  /* The name given is a USVString too. */
  usv = fetch_usv_string (name);
  for (guint i = 0; i < form_data->entries->len;)
    {
      FetchFormDataEntry *entry = g_ptr_array_index (form_data->entries, i);

      if (g_str_equal (entry->name, usv))
        g_ptr_array_remove_index (form_data->entries, i);
      else
        i++;
    }
}

/**
 * fetch_form_data_get:
 * @form_data: a form data
 * @name: a name
 *
 * Gets the first entry named @name (`get(name)`).
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL if there is none
 *
 * Since: 0.1
 */
FetchFormDataEntry *
fetch_form_data_get (FetchFormData *form_data,
                     const char    *name)
{
  g_autofree char *usv = NULL;

  g_return_val_if_fail (FETCH_IS_FORM_DATA (form_data), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  usv = fetch_usv_string (name);
  for (guint i = 0; i < form_data->entries->len; i++)
    {
      FetchFormDataEntry *entry = g_ptr_array_index (form_data->entries, i);

      if (g_str_equal (entry->name, usv))
        return fetch_form_data_entry_ref (entry);
    }
  return NULL;
}

/**
 * fetch_form_data_get_all:
 * @form_data: a form data
 * @name: a name
 *
 * Gets every entry named @name, in order (`getAll(name)`).
 *
 * The array holds its own reference on each entry and drops them when
 * it is freed: g_ptr_array_unref() is all a caller has to do. (It is
 * annotated "transfer container" because bindings take their own
 * references on the entries; "transfer full" with a free function makes
 * PyGObject free them twice.)
 *
 * Returns: (transfer container) (element-type FetchFormDataEntry): the
 *   entries, possibly none
 *
 * Since: 0.1
 */
GPtrArray *
fetch_form_data_get_all (FetchFormData *form_data,
                         const char    *name)
{
  g_autofree char *usv = NULL;
  GPtrArray *result;

  g_return_val_if_fail (FETCH_IS_FORM_DATA (form_data), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  usv = fetch_usv_string (name);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) fetch_form_data_entry_unref);
  for (guint i = 0; i < form_data->entries->len; i++)
    {
      FetchFormDataEntry *entry = g_ptr_array_index (form_data->entries, i);

      if (g_str_equal (entry->name, usv))
        g_ptr_array_add (result, fetch_form_data_entry_ref (entry));
    }
  return result;
}

/**
 * fetch_form_data_has:
 * @form_data: a form data
 * @name: a name
 *
 * Whether there is an entry named @name (`has(name)`).
 *
 * Returns: %TRUE if there is one
 *
 * Since: 0.1
 */
gboolean
fetch_form_data_has (FetchFormData *form_data,
                     const char    *name)
{
  g_autoptr(FetchFormDataEntry) entry = NULL;

  g_return_val_if_fail (FETCH_IS_FORM_DATA (form_data), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  entry = fetch_form_data_get (form_data, name);
  return entry != NULL;
}

/**
 * fetch_form_data_get_length:
 * @form_data: a form data
 *
 * Gets the number of entries.
 *
 * Returns: the number of entries
 *
 * Since: 0.1
 */
guint
fetch_form_data_get_length (FetchFormData *form_data)
{
  g_return_val_if_fail (FETCH_IS_FORM_DATA (form_data), 0);

  return form_data->entries->len;
}

static gpointer
fetch_form_data_entry_copy (gconstpointer entry,
                            gpointer      user_data)
{
  return fetch_form_data_entry_ref ((FetchFormDataEntry *) entry);
}

/**
 * fetch_form_data_foreach:
 * @form_data: a form data
 * @func: (scope call) (closure user_data): called for each entry
 * @user_data: data passed to @func
 *
 * Calls @func for each entry, in order, until it returns %FALSE (the
 * iterable of `FormData`). @func may change @form_data: the entries
 * visited are the ones there were when the iteration began.
 *
 * Since: 0.1
 */
void
fetch_form_data_foreach (FetchFormData            *form_data,
                         FetchFormDataForeachFunc  func,
                         gpointer                  user_data)
{
  g_autoptr(GPtrArray) snapshot = NULL;

  g_return_if_fail (FETCH_IS_FORM_DATA (form_data));
  g_return_if_fail (func != NULL);

  snapshot = g_ptr_array_copy (form_data->entries, fetch_form_data_entry_copy, NULL);
  g_ptr_array_set_free_func (snapshot, (GDestroyNotify) fetch_form_data_entry_unref);
  for (guint i = 0; i < snapshot->len; i++)
    {
      if (!func (g_ptr_array_index (snapshot, i), user_data))
        break;
    }
}

/* HTML §4.10.21.8 multipart/form-data encoding algorithm */

/* HTML: "the multipart/form-data boundary string": unpredictable, so
 * that entry values cannot contain it. 16 random alphanumerics after a
 * fixed prefix, like the boundaries browsers send. */
static char *
fetch_multipart_boundary_new (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  guint8 random[16];
  GString *boundary = g_string_new ("----FetchFormBoundary");
  gboolean have_random = FALSE;

#ifdef FETCH_HAVE_GETRANDOM
  have_random = getrandom (random, sizeof random, 0) == sizeof random;
#endif
  for (guint i = 0; i < sizeof random; i++)
    {
      guint index = have_random ? random[i] % (sizeof alphabet - 1)
                                : (guint) g_random_int_range (0, sizeof alphabet - 1);

      g_string_append_c (boundary, alphabet[index]);
    }
  return g_string_free (boundary, FALSE);
}

/* HTML: replace every CR not followed by LF, and every LF not preceded by
 * CR, by CR LF. */
static void
fetch_append_normalized_newlines (GByteArray *out,
                                  const char *string)
{
  for (const char *p = string; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] != '\n')
        g_byte_array_append (out, (const guint8 *) "\r\n", 2);
      else if (*p == '\n' && (p == string || p[-1] != '\r'))
        g_byte_array_append (out, (const guint8 *) "\r\n", 2);
      else
        g_byte_array_append (out, (const guint8 *) p, 1);
    }
}

/* HTML: field names and filenames get LF as `%0A`, CR as `%0D` and `"` as
 * `%22`, and no other escapes. */
static void
fetch_append_escaped_name (GByteArray *out,
                           const char *string)
{
  for (const char *p = string; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_byte_array_append (out, (const guint8 *) "%0A", 3);
      else if (*p == '\r')
        g_byte_array_append (out, (const guint8 *) "%0D", 3);
      else if (*p == '"')
        g_byte_array_append (out, (const guint8 *) "%22", 3);
      else
        g_byte_array_append (out, (const guint8 *) p, 1);
    }
}

static void
fetch_append_string (GByteArray *out,
                     const char *string)
{
  g_byte_array_append (out, (const guint8 *) string, strlen (string));
}

static void
fetch_multipart_append_entry (GByteArray         *out,
                              const char         *boundary,
                              FetchFormDataEntry *entry)
{
  GByteArray *name = g_byte_array_new ();

  /* Step 1.1: newlines in the name become CR LF (then escaped below). */
  fetch_append_normalized_newlines (name, entry->name);
  g_byte_array_append (name, (const guint8 *) "", 1);

  fetch_append_string (out, "--");
  fetch_append_string (out, boundary);
  fetch_append_string (out, "\r\nContent-Disposition: form-data; name=\"");
  fetch_append_escaped_name (out, (const char *) name->data);
  fetch_append_string (out, "\"");
  g_byte_array_unref (name);

  if (entry->bytes != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (entry->bytes, &size);

      /* RFC 7578 §4.2 and §4.4 as HTML uses them: the filename, and the
       * file's type, application/octet-stream if it has none. */
      fetch_append_string (out, "; filename=\"");
      fetch_append_escaped_name (out, entry->filename);
      fetch_append_string (out, "\"\r\nContent-Type: ");
      fetch_append_string (out, entry->content_type[0] != '\0'
                                ? entry->content_type : "application/octet-stream");
      fetch_append_string (out, "\r\n\r\n");
      g_byte_array_append (out, data, size);
    }
  else
    {
      /* Step 1.2: newlines in a string value become CR LF. Non-file parts
       * have no Content-Type. */
      fetch_append_string (out, "\r\n\r\n");
      fetch_append_normalized_newlines (out, entry->value);
    }
  fetch_append_string (out, "\r\n");
}

GBytes *
fetch_form_data_serialize_multipart (FetchFormData  *form_data,
                                     char          **boundary)
{
  g_autofree char *delimiter = fetch_multipart_boundary_new ();
  gsize estimate = 64;
  GByteArray *out;

  g_return_val_if_fail (FETCH_IS_FORM_DATA (form_data), NULL);
  g_return_val_if_fail (boundary != NULL, NULL);

  for (guint i = 0; i < form_data->entries->len; i++)
    {
      FetchFormDataEntry *entry = g_ptr_array_index (form_data->entries, i);

      estimate += 128 + strlen (entry->name);
      estimate += entry->bytes != NULL
                  ? g_bytes_get_size (entry->bytes) + strlen (entry->filename)
                  : strlen (entry->value) + 16;
    }
  out = g_byte_array_sized_new (MIN (estimate, G_MAXUINT));

  /* Step 2: encode the entry list as RFC 7578 says: one part per entry,
   * in order, then the close delimiter. */
  for (guint i = 0; i < form_data->entries->len; i++)
    fetch_multipart_append_entry (out, delimiter, g_ptr_array_index (form_data->entries, i));
  fetch_append_string (out, "--");
  fetch_append_string (out, delimiter);
  fetch_append_string (out, "--\r\n");

  *boundary = g_steal_pointer (&delimiter);
  return g_byte_array_free_to_bytes (out);
}

/* URL §5.2 application/x-www-form-urlencoded serializer */

/* The application/x-www-form-urlencoded percent-encode set leaves out
 * only the ASCII alphanumerics and *-._ (URL §1.3). */
static gboolean
fetch_is_urlencoded_safe (guchar c)
{
  return g_ascii_isalnum (c) || c == '*' || c == '-' || c == '.' || c == '_';
}

/* URL §1.3 percent-encode after encoding, with UTF-8, the
 * application/x-www-form-urlencoded percent-encode set and
 * spaceAsPlus true. */
static void
fetch_urlencoded_append (GString    *out,
                         const char *string)
{
  static const char hex[] = "0123456789ABCDEF";
  g_autofree char *usv = fetch_usv_string (string);

  for (const guchar *p = (const guchar *) usv; *p != '\0'; p++)
    {
      if (*p == ' ')
        g_string_append_c (out, '+');
      else if (fetch_is_urlencoded_safe (*p))
        g_string_append_c (out, *p);
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xF]);
        }
    }
}

char *
fetch_urlencoded_serialize (const char * const *pairs)
{
  GString *output;

  g_return_val_if_fail (pairs != NULL, NULL);

  /* Step 1: let output be the empty string. */
  output = g_string_new ("");
  /* Step 2: for each tuple of tuples. */
  for (gsize i = 0; pairs[i] != NULL; i += 2)
    {
      const char *value = pairs[i + 1] != NULL ? pairs[i + 1] : "";

      /* Step 2.4: if output is not the empty string, append "&". */
      if (i > 0)
        g_string_append_c (output, '&');
      /* Steps 2.2-2.3 and 2.5-2.7: name, "=", value, each encoded. */
      fetch_urlencoded_append (output, pairs[i]);
      g_string_append_c (output, '=');
      fetch_urlencoded_append (output, value);
      if (pairs[i + 1] == NULL)
        break;
    }
  return g_string_free (output, FALSE);
}

/* URL §5.1 application/x-www-form-urlencoded parser */

/* URL §1.3 percent-decode a byte sequence, with '+' already turned into
 * a space; then UTF-8 decode without BOM (URL §5.1 step 3.4). */
static char *
fetch_urlencoded_decode (const guint8 *data,
                         gsize         length)
{
  g_autofree guint8 *bytes = g_malloc (length + 1);
  gsize n = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '+')
        bytes[n++] = ' ';
      else if (data[i] == '%' && i + 2 < length &&
               g_ascii_isxdigit (data[i + 1]) && g_ascii_isxdigit (data[i + 2]))
        {
          bytes[n++] = g_ascii_xdigit_value (data[i + 1]) << 4 | g_ascii_xdigit_value (data[i + 2]);
          i += 2;
        }
      else
        bytes[n++] = data[i];
    }
  return fetch_utf8_decode_without_bom (bytes, n);
}

FetchFormData *
fetch_urlencoded_parse (GBytes *input)
{
  FetchFormData *output = fetch_form_data_new ();
  gsize length;
  const guint8 *data = g_bytes_get_data (input, &length);
  gsize start = 0;

  /* Step 1: let sequences be the result of splitting input on 0x26 (&).
   * Step 3: for each byte sequence bytes in sequences. */
  while (start <= length)
    {
      const guint8 *amp = length > start ? memchr (data + start, '&', length - start) : NULL;
      gsize end = amp != NULL ? (gsize) (amp - data) : length;
      const guint8 *bytes = data + start;
      gsize size = end - start;
      const guint8 *equals;
      gsize name_size;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      start = end + 1;
      /* Step 3.1: if bytes is the empty byte sequence, continue. */
      if (size == 0)
        continue;
      /* Step 3.2: split on the first '=' if there is one; else the value
       * is the empty byte sequence. */
      equals = memchr (bytes, '=', size);
      name_size = equals != NULL ? (gsize) (equals - bytes) : size;
      /* Steps 3.3-3.4: '+' to space, percent-decode, UTF-8 decode without
       * BOM. */
      name = fetch_urlencoded_decode (bytes, name_size);
      value = equals != NULL ? fetch_urlencoded_decode (equals + 1, size - name_size - 1)
                             : g_strdup ("");
      /* Step 3.5: append (nameString, valueString) to output. */
      g_ptr_array_add (output->entries, fetch_form_data_entry_new_string (name, value));
    }
  return output;
}

/* The multipart/form-data parser. The Fetch standard (§5.3 formData())
 * defers to RFC 7578 "roughly"; these steps are those of the proposed
 * "multipart/form-data parser" (Andreu Botella's draft, which undici and
 * the WPT tests follow), cited as "MFD". */

typedef struct {
  const guint8 *data;
  gsize         length;
  gsize         position;
} FetchMultipartInput;

static gboolean
fetch_multipart_starts_with (FetchMultipartInput *input,
                             const char          *prefix,
                             gsize                prefix_length)
{
  return input->length - input->position >= prefix_length &&
         memcmp (input->data + input->position, prefix, prefix_length) == 0;
}

static gboolean
fetch_multipart_at_crlf (FetchMultipartInput *input)
{
  return fetch_multipart_starts_with (input, "\r\n", 2);
}

/* Infra "collect a sequence of bytes" that are none of `stop`. */
static gsize
fetch_multipart_collect_until (FetchMultipartInput *input,
                               const char          *stop)
{
  gsize start = input->position;

  while (input->position < input->length &&
         (input->data[input->position] == '\0' ||
          strchr (stop, input->data[input->position]) == NULL))
    input->position++;
  return input->position - start;
}

/* MFD "parse a multipart/form-data name": position is just after a `"`. */
static char *
fetch_multipart_parse_name (FetchMultipartInput *input)
{
  const guint8 *name = input->data + input->position;
  g_autoptr(GByteArray) unescaped = NULL;
  gsize length;

  /* Step 2: collect bytes that are not LF, CR or `"`. */
  length = fetch_multipart_collect_until (input, "\n\r\"");
  /* Step 3: if the byte at position is not `"`, return failure. */
  if (input->position >= input->length || input->data[input->position] != '"')
    return NULL;
  input->position++;

  /* Step 4: replace `%0A` by LF, `%0D` by CR and `%22` by `"`. */
  unescaped = g_byte_array_sized_new (length);
  for (gsize i = 0; i < length; i++)
    {
      guint8 byte = name[i];

      if (name[i] == '%' && length - i >= 3)
        {
          if (name[i + 1] == '0' && name[i + 2] == 'A')
            byte = '\n';
          else if (name[i + 1] == '0' && name[i + 2] == 'D')
            byte = '\r';
          else if (name[i + 1] == '2' && name[i + 2] == '2')
            byte = '"';
          if (byte != '%')
            i += 2;
        }
      g_byte_array_append (unescaped, &byte, 1);
    }

  /* Step 5: return the UTF-8 decoding without BOM of name. */
  return fetch_utf8_decode_without_bom (unescaped->data, unescaped->len);
}

typedef struct {
  char *name;
  char *filename;
  char *content_type;
} FetchMultipartHeaders;

static void
fetch_multipart_headers_clear (FetchMultipartHeaders *headers)
{
  g_clear_pointer (&headers->name, g_free);
  g_clear_pointer (&headers->filename, g_free);
  g_clear_pointer (&headers->content_type, g_free);
}

/* MFD "parse multipart/form-data headers", the Content-Disposition case:
 * position is just after "Content-Disposition:" and its spaces. */
static gboolean
fetch_multipart_parse_content_disposition (FetchMultipartInput   *input,
                                           FetchMultipartHeaders *headers)
{
  static const char form_data_name[] = "form-data; name=\"";
  static const char filename[] = "; filename=\"";

  /* Step 1: set name and filename to null. */
  g_clear_pointer (&headers->name, g_free);
  g_clear_pointer (&headers->filename, g_free);
  /* Steps 2-3: `form-data; name="` must follow. */
  if (!fetch_multipart_starts_with (input, form_data_name, strlen (form_data_name)))
    return FALSE;
  input->position += strlen (form_data_name);
  /* Step 4: the name. */
  headers->name = fetch_multipart_parse_name (input);
  if (headers->name == NULL)
    return FALSE;
  /* Step 5: `; filename="` and the filename, if they follow. */
  if (fetch_multipart_starts_with (input, filename, strlen (filename)))
    {
      input->position += strlen (filename);
      headers->filename = fetch_multipart_parse_name (input);
      if (headers->filename == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
fetch_multipart_is_token (const guint8 *data,
                          gsize         length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!fetch_is_http_token_code_point (data[i]))
        return FALSE;
    }
  return TRUE;
}

/* MFD "parse multipart/form-data headers": on success, position is at
 * the CR LF of the empty line that ends them. */
static gboolean
fetch_multipart_parse_headers (FetchMultipartInput   *input,
                               FetchMultipartHeaders *headers)
{
  /* Step 2: while true. */
  for (;;)
    {
      gsize start, length;
      g_autofree char *header_name = NULL;

      /* Step 2.1: at CR LF: the end; failure if there was no name. */
      if (fetch_multipart_at_crlf (input))
        return headers->name != NULL;

      /* Steps 2.2-2.4: the header name, without surrounding tabs and
       * spaces, must be a token. */
      start = input->position;
      length = fetch_multipart_collect_until (input, "\n\r:");
      while (length > 0 && (input->data[start] == ' ' || input->data[start] == '\t'))
        start++, length--;
      while (length > 0 && (input->data[start + length - 1] == ' ' ||
                            input->data[start + length - 1] == '\t'))
        length--;
      if (!fetch_multipart_is_token (input->data + start, length))
        return FALSE;
      /* Steps 2.5-2.7: a colon, then tabs and spaces to skip. */
      if (input->position >= input->length || input->data[input->position] != ':')
        return FALSE;
      input->position++;
      while (input->position < input->length &&
             (input->data[input->position] == ' ' || input->data[input->position] == '\t'))
        input->position++;

      /* Step 2.8: byte-lowercase the header name and switch on it. */
      header_name = g_ascii_strdown ((const char *) input->data + start, length);
      if (g_str_equal (header_name, "content-disposition"))
        {
          if (!fetch_multipart_parse_content_disposition (input, headers))
            return FALSE;
        }
      else if (g_str_equal (header_name, "content-type"))
        {
          /* The value, without trailing tabs and spaces, isomorphic
           * decoded. A value that is not ASCII becomes "" (MFD step
           * 5.10.2), and so does one with a control (the File
           * constructor's type rule): only printable ASCII is kept. */
          gsize value_start = input->position;
          gsize value_length = fetch_multipart_collect_until (input, "\n\r");
          gboolean printable = TRUE;

          while (value_length > 0 &&
                 (input->data[value_start + value_length - 1] == ' ' ||
                  input->data[value_start + value_length - 1] == '\t'))
            value_length--;
          for (gsize i = 0; i < value_length; i++)
            printable &= input->data[value_start + i] >= 0x20 && input->data[value_start + i] <= 0x7E;
          g_free (headers->content_type);
          headers->content_type = printable
                                  ? g_strndup ((const char *) input->data + value_start, value_length)
                                  : g_strdup ("");
        }
      else
        fetch_multipart_collect_until (input, "\n\r");

      /* Step 2.9: CR LF must follow. */
      if (!fetch_multipart_at_crlf (input))
        return FALSE;
      input->position += 2;
    }
}

static gsize
fetch_multipart_find (FetchMultipartInput *input,
                      const char          *needle,
                      gsize                needle_length)
{
  const guint8 *data = input->data;

  for (gsize i = input->position; input->length - i >= needle_length; i++)
    {
      const guint8 *first = memchr (data + i, needle[0], input->length - i - needle_length + 1);

      if (first == NULL)
        break;
      i = first - data;
      if (memcmp (first, needle, needle_length) == 0)
        return i;
    }
  return G_MAXSIZE;
}

/* MFD "multipart/form-data parser"; returns FALSE on failure. */
static gboolean
fetch_multipart_parse_entries (FetchMultipartInput *input,
                               GBytes              *bytes,
                               const char          *boundary,
                               FetchFormData       *output)
{
  g_autofree char *delimiter = g_strconcat ("\r\n--", boundary, NULL);
  gsize delimiter_length = strlen (delimiter);

  /* Step 5: while true. */
  for (;;)
    {
      FetchMultipartHeaders headers = { NULL, };
      gsize body_start, body_end;

      /* Step 5.1: `--` and boundary, or failure. */
      if (!fetch_multipart_starts_with (input, delimiter + 2, delimiter_length - 2))
        return FALSE;
      input->position += delimiter_length - 2;

      /* Step 5.2: `--`: the close delimiter, the end of the entry list.
       * NOTE(spec): MFD wants CR LF and the end of input after it; as
       * RFC 2046 §5.1.1 allows, and browsers do, whatever follows the
       * close delimiter (an epilogue) is ignored. */
      if (fetch_multipart_starts_with (input, "--", 2))
        return TRUE;

      /* Steps 5.3-5.4: CR LF. */
      if (!fetch_multipart_at_crlf (input))
        return FALSE;
      input->position += 2;

      /* Step 5.5: name, filename and contentType from the headers. */
      if (!fetch_multipart_parse_headers (input, &headers))
        {
          fetch_multipart_headers_clear (&headers);
          return FALSE;
        }
      /* Step 5.6: skip the empty line. */
      input->position += 2;

      /* Steps 5.7-5.8: the body runs up to CR LF `--` boundary. */
      body_start = input->position;
      body_end = fetch_multipart_find (input, delimiter, delimiter_length);
      if (body_end == G_MAXSIZE)
        {
          fetch_multipart_headers_clear (&headers);
          return FALSE;
        }
      /* Step 5.9: past the CR LF. */
      input->position = body_end + 2;

      if (headers.filename != NULL)
        {
          /* Step 5.10: a File named filename, of type contentType or
           * "text/plain" (RFC 7578 §4.4's default), over the part's bytes
           * (shared with the body, not copied). */
          g_autoptr(GBytes) contents = g_bytes_new_from_bytes (bytes, body_start,
                                                               body_end - body_start);

          g_ptr_array_add (output->entries,
                           fetch_form_data_entry_new_file (headers.name, contents, headers.filename,
                                                           headers.content_type != NULL
                                                           ? headers.content_type : "text/plain"));
        }
      else
        {
          /* Step 5.11: the UTF-8 decoding without BOM of the body,
           * whatever Content-Type or charset the part says. */
          g_autofree char *value = fetch_utf8_decode_without_bom (input->data + body_start,
                                                                  body_end - body_start);

          g_ptr_array_add (output->entries,
                           fetch_form_data_entry_new_string (headers.name, value));
        }
      fetch_multipart_headers_clear (&headers);
    }
}

FetchFormData *
fetch_multipart_form_data_parse (GBytes      *input,
                                 const char  *boundary,
                                 GError     **error)
{
  g_autoptr(FetchFormData) output = NULL;
  FetchMultipartInput position = { NULL, 0, 0 };

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (boundary != NULL, NULL);

  position.data = g_bytes_get_data (input, &position.length);
  output = fetch_form_data_new ();
  /* §5.3 formData() step 2 "multipart/form-data" 2: if parsing fails,
   * throw a TypeError. */
  if (boundary[0] == '\0' ||
      !fetch_multipart_parse_entries (&position, input, boundary, output))
    {
      fetch_throw_type_error (error, _("The body is not valid multipart/form-data"));
      return NULL;
    }
  return g_steal_pointer (&output);
}
