/* jsonl-parser.h: one JSON Lines line to one document, for read-jsonl. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

typedef struct _JsonlParser JsonlParser;

/* jsonl_parser_new: a parser applying @policy to invalid UTF-8, whose
 * documents never pass @max_bytes (see jsonl_parser_parse()). */
JsonlParser *jsonl_parser_new (GalleyUtf8Policy policy,
                               gsize max_bytes) G_GNUC_WARN_UNUSED_RESULT;
void jsonl_parser_free (JsonlParser *parser);

/* jsonl_parser_parse: the document that @line (@len bytes, NUL-terminated,
 * no newline) describes: an object with string members "id" and "text";
 * every other member becomes metadata (strings as strings, anything else
 * as its JSON text, verbatim). @where ("PATH:LINE") starts every error
 * message and becomes the document's origin. Invalid UTF-8 is repaired or
 * rejected as the policy says; the number of replaced bytes goes to the
 * document's repair count (galley_document_set_repaired). @line is not changed.
 * A line that replacing invalid bytes (one byte, three of U+FFFD) takes
 * past the parser's max_bytes is GALLEY_STAGE_ERROR_TOO_LARGE: everything
 * else the document holds is decoded from the line and no longer than it.
 * Returns: (transfer full) the document, or NULL with @error set
 * (GALLEY_STAGE_ERROR_INPUT). */
GalleyDocument *jsonl_parser_parse (JsonlParser *parser, const char *line, gsize len,
                                    const char *where, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* jsonl_parser_read_object: for the stream sources (read-redis-stream,
 * read-kafka): the document of one JSON object (@text, @len bytes,
 * NUL-terminated) in *@doc, export-jsonl's own lines unpacked as read-jsonl
 * unpacks them. A bad one is GALLEY_READ_SKIP with @error set (as
 * jsonl_parser_parse) and a stub in *@doc for the rejects file: its id
 * when it had one, @where as its origin. Returns: GALLEY_READ_OK or
 * GALLEY_READ_SKIP. */
GalleyReadStatus jsonl_parser_read_object (JsonlParser *parser, const char *text, gsize len,
                                           const char *where, GalleyDocument **doc,
                                           GError **error);

/* jsonl_parser_set_fast_path: whether lines of the flat shape go through
 * jsonl-flat.c before yajl (the default) or straight to yajl, which the
 * tests compare it with. */
void jsonl_parser_set_fast_path (JsonlParser *parser, gboolean enabled);

/* jsonl_parser_get_last_id: the "id" string of the line last parsed, if it
 * had one (even when the line was rejected for another reason), else NULL. */
const char *jsonl_parser_get_last_id (JsonlParser *parser);

/* jsonl_parser_had_object_meta: whether the line last parsed had a
 * metadata member whose value is an object, which export-jsonl's lines
 * have ("meta", "features", "layers") and news lines do not: the
 * readers look for export-jsonl's shape (export-shape.c) only then.
 * Looking in every document cost 1.8M instructions of read-jsonl's 79M on
 * 10,569 real news articles (callgrind). */
gboolean jsonl_parser_had_object_meta (JsonlParser *parser);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JsonlParser, jsonl_parser_free)

G_END_DECLS
