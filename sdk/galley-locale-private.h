/* galley-locale-private.h: the locale every Galley program starts in,
 * shared by the galley command and the stages' helper programs
 * (galley-entity-tagger), so that both read arguments and print messages
 * alike whatever cron or `env -i` gives them.
 *
 * PRIVATE, like galley-chain-private.h: not installed, not SDK API; the
 * leading underscore keeps it out of the public export list. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* _galley_setlocale: setlocale (LC_ALL, ""), with the plain C locale's
 * character type taken as C.UTF-8 (see galley-locale.c). */
void _galley_setlocale (void);

G_END_DECLS
