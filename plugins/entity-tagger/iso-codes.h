/* iso-codes.h: reading iso-codes' JSON files (iso-codes.c, and its fast
 * reader iso-codes-scan.c). Internal to the entity tagger. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The members of an entry the lexicon uses. */
enum { ISO_FIELD_NAME, ISO_FIELD_COMMON, ISO_FIELD_OFFICIAL, ISO_N_FIELDS };

/* IsoEntry: one entry's string members, as bytes of the file (not
 * NUL-terminated); @has: (1 << ISO_FIELD_*) of those present. */
typedef struct {
  const char *text[ISO_N_FIELDS];
  guint32 len[ISO_N_FIELDS];
  guint has;
} IsoEntry;

/* iso_codes_scan_plain: appends to @entries (IsoEntry) the entries of the
 * array that the root member @member of @text (@len bytes) holds, and
 * returns TRUE, when @text has the plain shape iso-codes writes: objects,
 * arrays and strings without escapes, in valid UTF-8, @member once, its
 * entries objects of string members. Anything else (numbers, escapes,
 * errors) returns FALSE, with @entries as they were: the caller then reads
 * the file with the full JSON parser, which gives the same entries or the
 * error. */
gboolean iso_codes_scan_plain (const char *text, gsize len, const char *member,
                               GArray *entries);

G_END_DECLS
