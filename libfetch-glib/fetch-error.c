/* fetch-error.c: the FETCH_ERROR domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>

#include "fetch-error-private.h"

/* Bind the gettext domain once, when the library is loaded, so that every
 * _() in the library looks in our catalogue. */
__attribute__((constructor)) static void
fetch_i18n_init (void)
{
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

/**
 * fetch_error_quark:
 *
 * The quark of the %FETCH_ERROR error domain.
 *
 * Returns: the error domain quark
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (fetch-error-quark, fetch_error)

static gboolean
fetch_throw_valist (GError    **error,
                    FetchError  code,
                    const char *format,
                    va_list     args)
{
  if (error != NULL)
    g_propagate_error (error, g_error_new_valist (FETCH_ERROR, code, format, args));
  return FALSE;
}

gboolean
fetch_throw_type_error (GError    **error,
                        const char *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  fetch_throw_valist (error, FETCH_ERROR_TYPE, format, args);
  va_end (args);
  return FALSE;
}

gboolean
fetch_throw_network_error (GError    **error,
                           const char *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  fetch_throw_valist (error, FETCH_ERROR_NETWORK, format, args);
  va_end (args);
  return FALSE;
}
