/* jsonl-flat.h: read-jsonl's fast path, for lines that are one flat
 * object of string members (the shape of nearly every news article). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A member of the line last scanned: its key and string value, decoded
 * (escapes resolved), each @len bytes long and not NUL-terminated. They
 * point into the line when the string had no escape, else into the
 * scanner's own buffer; both stay valid until the next scan. */
typedef struct {
  const char *key;
  gsize key_len;
  const char *value;
  gsize value_len;
} JsonlFlatMember;

typedef struct _JsonlFlat JsonlFlat;

JsonlFlat *jsonl_flat_new (void) G_GNUC_WARN_UNUSED_RESULT;
void jsonl_flat_free (JsonlFlat *flat);

/* jsonl_flat_scan: whether @line (@len bytes) is a JSON object whose
 * members are all strings, written with nothing that the full parser
 * (yajl, in jsonl-parser.c) would treat in any way of its own: no other
 * value type, no control byte inside a string, no white space but space,
 * tab, CR and LF, no surrogate escape that is not a high one followed by
 * a low one. When it is, the members are decoded exactly as yajl decodes
 * them and jsonl_flat_get_members() gives them in line order. FALSE says
 * nothing about the line (it may be valid JSON of another shape, or
 * invalid): the caller then parses it fully, which also words any error. */
gboolean jsonl_flat_scan (JsonlFlat *flat, const char *line, gsize len);

/* jsonl_flat_get_members: the members of the line last scanned with
 * success, @n_members of them. Returns: (transfer none) the array. */
const JsonlFlatMember *jsonl_flat_get_members (JsonlFlat *flat, guint *n_members);

/* jsonl_flat_had_u_escapes: whether the line last scanned with success
 * had a \u escape (so a string may decode to a NUL). */
gboolean jsonl_flat_had_u_escapes (JsonlFlat *flat);

/* jsonl_flat_release: done with the members of the line last scanned;
 * frees the decoding buffer when a long line made it large. */
void jsonl_flat_release (JsonlFlat *flat);

/* jsonl_hex4: the value of the four hex digits at @p (those before @end
 * only; it stops at the first byte that is not one), or -1. */
int jsonl_hex4 (const guchar *p, const guchar *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JsonlFlat, jsonl_flat_free)

G_END_DECLS
