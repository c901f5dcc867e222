/* fetch-urls.h: the URLs a reader is given (url= and urls=FILE). */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

/* fetch_urls_collect: the URLs of @list (url=, may be NULL), then those
 * of the file @file (urls=, may be NULL): one URL a line (blank lines and
 * lines starting with # left out), or an OPML subscription list (every
 * <outline xmlUrl="...">) when @opml is TRUE and the file starts with '<'.
 * Errors: GALLEY_STAGE_ERROR_IO "cannot read FILE: REASON";
 * GALLEY_STAGE_ERROR_INPUT "FILE:LINE: 'TEXT' is not an http:// or
 * https:// URL", "url=TEXT: ..." for the list, "FILE: not an OPML file
 * (...)". Returns: (transfer full) a NULL-terminated list, or NULL. */
char **fetch_urls_collect (const char *const *list, const char *file, gboolean opml,
                           GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
