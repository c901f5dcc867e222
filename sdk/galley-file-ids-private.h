/* galley-file-ids-private.h: the PRAGMA application_id of each SQLite
 * file Galley makes, in one place, so that each can refuse the others
 * by name (a typo of one file's path for another's) and no two ever
 * share an id. Not installed: the core and the bundled plugins only. */
#pragma once

#define GALLEY_STATE_APPLICATION_ID 0x47414C53   /* "GALS": a run's state */
#define GALLEY_EXPORT_APPLICATION_ID 0x47414C59  /* "GALY": export-sqlite */
#define GALLEY_CACHE_APPLICATION_ID 0x47464348   /* "GFCH": read-feed's, read-html's cache */
