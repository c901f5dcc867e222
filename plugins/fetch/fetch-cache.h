/* fetch-cache.h: what a reader must remember between runs (validators
 * and the items already seen), in a small SQLite file of its own.
 *
 * Writes are staged and only reach the file in fetch_cache_commit(),
 * which the readers call from their acknowledge callback: once what they
 * produced is durable. A run killed before that fetches the same bodies
 * again (no 304) and produces the same items again, which the state then
 * recognises: nothing is lost, at worst a fetch is repeated. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FetchCache FetchCache;

/* fetch_cache_open: opens (creating) the cache at @path. Errors:
 * GALLEY_STAGE_ERROR_IO "cache PATH: REASON". Returns: (transfer full). */
FetchCache *fetch_cache_open (const char *path, GError **error) G_GNUC_WARN_UNUSED_RESULT;
void fetch_cache_free (FetchCache *cache);

/* fetch_cache_get_validators: the ETag and Last-Modified stored for @url
 * ((transfer full), NULL when none). */
void fetch_cache_get_validators (FetchCache *cache, const char *url,
                                 char **etag, char **last_modified);

/* fetch_cache_get_seen: the item keys stored for @feed, as a set.
 * Returns: (transfer full). */
GHashTable *fetch_cache_get_seen (FetchCache *cache, const char *feed) G_GNUC_WARN_UNUSED_RESULT;

/* Staged until fetch_cache_commit(): */
void fetch_cache_stage_validators (FetchCache *cache, const char *url,
                                   const char *etag, const char *last_modified);
void fetch_cache_stage_seen (FetchCache *cache, const char *feed, const char *key);
/* fetch_cache_stage_forget: drops every key of @feed staged or stored
 * before this call (a feed's set is replaced by what its last body held). */
void fetch_cache_stage_forget (FetchCache *cache, const char *feed);

/* fetch_cache_commit: writes what is staged, in one transaction. Errors:
 * GALLEY_STAGE_ERROR_IO "cache PATH: REASON". */
gboolean fetch_cache_commit (FetchCache *cache, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchCache, fetch_cache_free)

G_END_DECLS
