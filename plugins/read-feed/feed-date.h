/* feed-date.h: the dates feeds carry, normalised to ISO 8601 UTC. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* feed_date_to_iso8601: @text as "YYYY-MM-DDTHH:MM:SSZ" (UTC), or NULL when
 * it is not a date this parser knows. Accepted:
 *  - RFC 822 / RFC 2822 as RSS 2.0 uses them ("Tue, 10 Jun 2003 04:00:00
 *    GMT"): optional day name, 2- or 4-digit year, optional seconds, full
 *    or abbreviated month names, zones GMT/UT/UTC/Z, the US zones
 *    (EST, EDT, CST, CDT, MST, MDT, PST, PDT), +hhmm/-hhmm, or no zone
 *    (taken as UTC);
 *  - RFC 3339 / W3C-DTF as Atom and Dublin Core use them
 *    ("2003-12-13T18:30:02.25+01:00"), also with a space for 'T', without
 *    a zone (UTC), or a date alone ("2003-12-13", midnight UTC).
 * Fractions of a second are dropped. Returns: (transfer full). */
char *feed_date_to_iso8601 (const char *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
