/* fetch-client-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "fetch-client.h"
#include "fetch-controller.h"
#include "fetch-enums.h"

G_BEGIN_DECLS

/* A reference to the API base URL, or NULL for none (relative URLs are
 * then a TypeError); thread-safe. The public getters
 * (fetch_client_get_base_url(), fetch_client_get_origin()) return
 * borrowed values for the owning thread: use these dups internally. */
GUri        *fetch_client_dup_base_uri (FetchClient *client);

/* A reference to the client's origin, or NULL if unset (thread-safe). */
FetchOrigin *fetch_client_dup_origin   (FetchClient *client);

/* Forward declarations of other files' types. */
typedef struct _FetchBlobStore FetchBlobStore;

/* The client's SoupSession (created with the client; borrowed). */
SoupSession    *fetch_client_get_session           (FetchClient *client);
/* The client's blob URL store (borrowed). */
FetchBlobStore *fetch_client_get_blob_store        (FetchClient *client);
/* The GMainContext that was thread-default when the client was made
 * (borrowed, never NULL). */
GMainContext   *fetch_client_get_context           (FetchClient *client);
/* The environment's referrer policy (FETCH_REFERRER_POLICY_NONE: the
 * default, strict-origin-when-cross-origin). */
FetchReferrerPolicy fetch_client_get_referrer_policy_internal (FetchClient *client);
/* (fetch_client_dup_user_agent() and fetch_client_dup_accept_language()
 * are public: thread-safe copies.) */

/* §2.4 fetch group: a fetch records its controller with its client while
 * it is ongoing, so that terminating the group terminates it. Both are
 * thread-safe. A fetch in the group may borrow its client (the client
 * outlives the group's fetches, see fetch-client.c); removing the last
 * fetch of a disposed client may finalize it. */
void            fetch_client_add_fetch             (FetchClient     *client,
                                                    FetchController *controller);
void            fetch_client_remove_fetch          (FetchClient     *client,
                                                    FetchController *controller);

G_END_DECLS
