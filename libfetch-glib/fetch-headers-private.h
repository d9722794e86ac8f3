/* fetch-headers-private.h: header lists (§2.2.2) and header predicates
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A FetchHeaderList is the spec's header list, owned by its request or
 * response (reference-counted: a Headers object shares its owner's). The
 * Headers object (§5.1) wrapping it is made only when someone asks for
 * it (fetch_headers_new_for_list()): a fetch whose headers nobody looks
 * at makes none. The guard lives in the list, where the owner sets it.
 * The fetch_header_list_* functions are the spec's header-list
 * algorithms: they do not validate and ignore the guard. The public
 * fetch_headers_* methods are §5.1's.
 */
#pragma once

#include "fetch-headers.h"

G_BEGIN_DECLS

typedef struct _FetchHeaderList FetchHeaderList;

/* A new empty header list, guard "none"; thread-safe reference counts. */
FetchHeaderList *fetch_header_list_new   (void);
FetchHeaderList *fetch_header_list_ref   (FetchHeaderList *list);
void             fetch_header_list_unref (FetchHeaderList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchHeaderList, fetch_header_list_unref)

/* The Headers object of list (new; list must have none yet: its owner
 * keeps the one it made). */
FetchHeaders    *fetch_headers_new_for_list (FetchHeaderList *list);
/* The list of a Headers object (borrowed). */
FetchHeaderList *fetch_headers_get_list     (FetchHeaders    *headers);

/* Length of a header list, and its nth (name, value) in list order. */
guint       fetch_header_list_get_length (FetchHeaderList *list);
void        fetch_header_list_nth        (FetchHeaderList  *list,
                                          guint             index,
                                          const char      **name,
                                          const char      **value);
/* §2.2.2 contains / get / get, decode, and split / append / delete / set /
 * combine / sort and combine. get returns a new string or NULL. */
gboolean    fetch_header_list_contains   (FetchHeaderList *list,
                                          const char      *name);
char       *fetch_header_list_get        (FetchHeaderList *list,
                                          const char      *name);
char      **fetch_header_list_get_decode_split (FetchHeaderList *list,
                                                const char      *name);
char      **fetch_header_value_get_decode_split (const char  *value);
void        fetch_header_list_append     (FetchHeaderList *list,
                                          const char      *name,
                                          const char      *value);
/* append without step 1, for headers received from the network. */
void        fetch_header_list_append_received (FetchHeaderList *list,
                                               const char      *name,
                                               const char      *value);
void        fetch_header_list_delete     (FetchHeaderList *list,
                                          const char      *name);
void        fetch_header_list_set        (FetchHeaderList *list,
                                          const char      *name,
                                          const char      *value);
void        fetch_header_list_combine    (FetchHeaderList *list,
                                          const char      *name,
                                          const char      *value);
/* A new guard-"none" list with the same entries, in order.
 * Cheap: the entries are shared until either list changes. */
FetchHeaderList *fetch_header_list_copy (FetchHeaderList *list);
/* Room for n more headers in an empty list (a hint). */
void          fetch_header_list_reserve  (FetchHeaderList *list,
                                          guint            n);
/* list's entries become a copy of other's (shared the same way); the
 * guard of list is unchanged. */
void          fetch_header_list_assign   (FetchHeaderList *list,
                                          FetchHeaderList *other);
/* Returns a flat name, value, name, value, ... NULL-terminated vector. */
char      **fetch_header_list_sort_and_combine (FetchHeaderList *list);
void        fetch_header_list_clear      (FetchHeaderList *list);

/* §5.1: set the guard (the Request/Response constructors do this);
 * notifies the Headers object's FetchHeaders:guard if there is one. */
void        fetch_header_list_set_guard  (FetchHeaderList   *list,
                                          FetchHeadersGuard  guard);
FetchHeadersGuard fetch_header_list_get_guard (FetchHeaderList *list);
/* §5.1 append a header to a Headers object whose list is list: validated
 * through list's guard (TypeError, or silently dropped, as §5.1 says). */
gboolean    fetch_headers_append_to_list (FetchHeaderList  *list,
                                          const char       *name,
                                          const char       *value,
                                          GError          **error);
/* §5.1 fill: fills headers from a pairs vector, a record, or another
 * Headers object's iteration; TypeError and the list unchanged on failure. */
gboolean    fetch_headers_fill_from_pairs   (FetchHeaderList     *list,
                                             const char * const  *pairs,
                                             GError             **error);
gboolean    fetch_headers_fill_from_record  (FetchHeaderList  *list,
                                             GHashTable       *record,
                                             GError          **error);
gboolean    fetch_headers_fill_from_headers (FetchHeaderList  *list,
                                             FetchHeaderList  *other,
                                             GError          **error);
/* §5.1 remove privileged no-CORS request-headers */
void        fetch_headers_remove_privileged_no_cors_request_headers (FetchHeaderList *list);

/* §2.2 collect an HTTP quoted string from input[0..length), starting at
 * *position (which must index a U+0022 ("); appends the raw string, or
 * with extract_value its unescaped value, to out and advances *position. */
void        fetch_collect_http_quoted_string (const char *input,
                                              gsize       length,
                                              gsize      *position,
                                              gboolean    extract_value,
                                              GString    *out);

/* §2.2 HTTP tab or space (0x09, 0x20) and HTTP whitespace (also 0x0A,
 * 0x0D), on bytes. */
static inline gboolean
fetch_is_http_tab_or_space (guchar c)
{
  return c == 0x09 || c == 0x20;
}

static inline gboolean
fetch_is_http_whitespace (guchar c)
{
  return c == 0x09 || c == 0x0A || c == 0x0D || c == 0x20;
}

/* §2.2.1 methods */
gboolean    fetch_is_method              (const char *method);
gboolean    fetch_is_cors_safelisted_method (const char *method);
gboolean    fetch_is_forbidden_method    (const char *method);
/* Returns a new string: the byte-uppercased method if it is one of
 * DELETE, GET, HEAD, OPTIONS, POST, PUT (case-insensitively), else a copy. */
char       *fetch_normalize_method       (const char *method);

/* §2.2.2 header names and values */
gboolean    fetch_is_header_name         (const char *name);
gboolean    fetch_is_header_value        (const char *value);
/* Returns a new string with leading and trailing HTTP whitespace removed. */
char       *fetch_normalize_header_value (const char *value);
gboolean    fetch_is_cors_safelisted_request_header (const char *name,
                                                     const char *value);
gboolean    fetch_is_cors_unsafe_request_header_byte (guchar byte);
/* Returns sorted lowercase names; NULL-terminated. */
char      **fetch_get_cors_unsafe_request_header_names (FetchHeaderList *list);
gboolean    fetch_is_cors_non_wildcard_request_header_name (const char *name);
gboolean    fetch_is_privileged_no_cors_request_header_name (const char *name);
gboolean    fetch_is_cors_safelisted_response_header_name (const char        *name,
                                                           const char * const *exposed_names);
gboolean    fetch_is_no_cors_safelisted_request_header_name (const char *name);
gboolean    fetch_is_no_cors_safelisted_request_header (const char *name,
                                                        const char *value);
gboolean    fetch_is_forbidden_request_header (const char *name,
                                               const char *value);
gboolean    fetch_is_forbidden_response_header_name (const char *name);
gboolean    fetch_is_request_body_header_name (const char *name);

/* §2.2.2 parse a single range header value: FALSE for failure. A null
 * rangeStart/rangeEnd has its has_ flag FALSE. Numbers too large for
 * 64 bits saturate at G_MAXUINT64. */
typedef struct {
  gboolean has_start;
  guint64  start;
  gboolean has_end;
  guint64  end;
} FetchRange;
gboolean        fetch_parse_single_range_header_value (const char *value,
                                                       gboolean    allow_whitespace,
                                                       FetchRange *range);
/* §2.2.2 build a content range */
char           *fetch_build_content_range (guint64 range_start,
                                           guint64 range_end,
                                           guint64 full_length);

/* §3.3 extract a length */
typedef enum {
  FETCH_LENGTH_NULL,
  FETCH_LENGTH_FAILURE,
  FETCH_LENGTH_VALUE,
} FetchLengthResult;
FetchLengthResult fetch_header_list_extract_length (FetchHeaderList *list,
                                                    guint64         *length);

G_END_DECLS
