/* fetch-form-data.h: FormData (XHR §4.3) as the Fetch API uses it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__FETCH_GLIB_INSIDE__) && !defined(FETCH_COMPILATION)
#error "Only <libfetch-glib/fetch.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libfetch-glib/fetch-version.h>

G_BEGIN_DECLS

#define FETCH_TYPE_FORM_DATA_ENTRY (fetch_form_data_entry_get_type ())

/**
 * FetchFormDataEntry:
 *
 * One entry of a [class@Fetch.FormData]: a name and either a string value
 * or a file (bytes, a filename and a MIME type). Reference counted,
 * immutable.
 *
 * Since: 0.1
 */
typedef struct _FetchFormDataEntry FetchFormDataEntry;

FETCH_AVAILABLE_IN_ALL
GType               fetch_form_data_entry_get_type         (void) G_GNUC_CONST;
FETCH_AVAILABLE_IN_ALL
FetchFormDataEntry *fetch_form_data_entry_ref              (FetchFormDataEntry *entry);
FETCH_AVAILABLE_IN_ALL
void                fetch_form_data_entry_unref            (FetchFormDataEntry *entry);
FETCH_AVAILABLE_IN_ALL
const char         *fetch_form_data_entry_get_name         (FetchFormDataEntry *entry);
FETCH_AVAILABLE_IN_ALL
gboolean            fetch_form_data_entry_is_file          (FetchFormDataEntry *entry);
FETCH_AVAILABLE_IN_ALL
const char         *fetch_form_data_entry_get_value        (FetchFormDataEntry *entry);
FETCH_AVAILABLE_IN_ALL
GBytes             *fetch_form_data_entry_get_bytes        (FetchFormDataEntry *entry);
FETCH_AVAILABLE_IN_ALL
const char         *fetch_form_data_entry_get_filename     (FetchFormDataEntry *entry);
FETCH_AVAILABLE_IN_ALL
const char         *fetch_form_data_entry_get_content_type (FetchFormDataEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchFormDataEntry, fetch_form_data_entry_unref)

#define FETCH_TYPE_FORM_DATA (fetch_form_data_get_type ())
FETCH_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (FetchFormData, fetch_form_data, FETCH, FORM_DATA, GObject)

/**
 * FetchFormDataForeachFunc:
 * @entry: the entry
 * @user_data: the data passed to [method@Fetch.FormData.foreach]
 *
 * Called for each entry, in order.
 *
 * Returns: %TRUE to go on, %FALSE to stop
 *
 * Since: 0.1
 */
typedef gboolean (*FetchFormDataForeachFunc) (FetchFormDataEntry *entry,
                                              gpointer            user_data);

FETCH_AVAILABLE_IN_ALL
FetchFormData      *fetch_form_data_new          (void);
FETCH_AVAILABLE_IN_ALL
void                fetch_form_data_append       (FetchFormData *form_data,
                                                  const char    *name,
                                                  const char    *value);
FETCH_AVAILABLE_IN_ALL
void                fetch_form_data_append_file  (FetchFormData *form_data,
                                                  const char    *name,
                                                  GBytes        *contents,
                                                  const char    *filename,
                                                  const char    *content_type);
FETCH_AVAILABLE_IN_ALL
void                fetch_form_data_set          (FetchFormData *form_data,
                                                  const char    *name,
                                                  const char    *value);
FETCH_AVAILABLE_IN_ALL
void                fetch_form_data_set_file     (FetchFormData *form_data,
                                                  const char    *name,
                                                  GBytes        *contents,
                                                  const char    *filename,
                                                  const char    *content_type);
FETCH_AVAILABLE_IN_ALL
void                fetch_form_data_delete       (FetchFormData *form_data,
                                                  const char    *name);
FETCH_AVAILABLE_IN_ALL
FetchFormDataEntry *fetch_form_data_get          (FetchFormData *form_data,
                                                  const char    *name);
FETCH_AVAILABLE_IN_ALL
GPtrArray          *fetch_form_data_get_all      (FetchFormData *form_data,
                                                  const char    *name);
FETCH_AVAILABLE_IN_ALL
gboolean            fetch_form_data_has          (FetchFormData *form_data,
                                                  const char    *name);
FETCH_AVAILABLE_IN_ALL
guint               fetch_form_data_get_length   (FetchFormData *form_data);
FETCH_AVAILABLE_IN_ALL
void                fetch_form_data_foreach      (FetchFormData *form_data,
                                                  FetchFormDataForeachFunc func,
                                                  gpointer       user_data);

G_END_DECLS
