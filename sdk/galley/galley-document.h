/* galley-document.h: the document model.
 *
 * A GalleyDocument holds one article: an id, ordered metadata, its text
 * (always valid UTF-8), annotation layers, and typed document features.
 *
 * A layer is a named, contiguous array of GalleySpan (16 bytes each: byte
 * offsets [start, end) into the text, an interned type, and 32 bits of
 * flags whose meaning the producing stage defines; see galley-layers.h).
 * Spans are kept sorted by start, then by longer span first. Optional
 * per-span features live in columns beside the array, so a layer of a
 * million tokens is one allocation, not a million.
 *
 * Threads: a document belongs to one thread at a time; the runner hands it
 * from stage to stage. Nothing here locks.
 */
#pragma once

#include <glib.h>
#include <galley/galley-value.h>

G_BEGIN_DECLS

typedef struct {
  guint32 start;  /* byte offset of the first byte */
  guint32 end;    /* byte offset one past the last byte */
  GQuark type;    /* interned type: "PERSON", "word", "sentence", ... */
  guint32 flags;  /* meaning fixed by the layer's producer */
} GalleySpan;

typedef struct _GalleyLayer GalleyLayer;
typedef struct _GalleyDocument GalleyDocument;

/* galley_document_new: a new document with a copy of @text (@len bytes, or
 * NUL-terminated when @len is -1) and a copy of @id (NULL: ""). @text must
 * be valid UTF-8 without NUL bytes (readers repair or reject it first:
 * galley_utf8_make_valid()); invalid text makes this return NULL with a
 * critical warning. Returns: (transfer full), free with
 * galley_document_free(). */
GalleyDocument *galley_document_new (const char *id, const char *text,
                                     gssize len) G_GNUC_WARN_UNUSED_RESULT;

/* galley_document_new_take: as galley_document_new(), but takes ownership
 * of @text (g_malloc'd, @len bytes, NUL-terminated) without copying; on
 * failure @text is freed too. */
GalleyDocument *galley_document_new_take (const char *id, char *text,
                                          gsize len) G_GNUC_WARN_UNUSED_RESULT;

/* galley_document_free: frees @doc and everything it owns (text, layers,
 * values). NULL is allowed. */
void galley_document_free (GalleyDocument *doc);

/* galley_document_get_id / set_id: the id, never NULL; owned by the
 * document and valid until the next set_id. set_id copies @id (NULL: ""). */
const char *galley_document_get_id (const GalleyDocument *doc);
void galley_document_set_id (GalleyDocument *doc, const char *id);

/* galley_document_get_text: the text, NUL-terminated; its length in bytes
 * goes to @len when not NULL. Owned by the document. */
const char *galley_document_get_text (const GalleyDocument *doc, gsize *len);

/* galley_document_get_origin / set_origin: where the document came from,
 * for messages ("feeds/world.xml item 3", "in.jsonl:12"). NULL until set;
 * set_origin copies @origin, and NULL clears it. */
const char *galley_document_get_origin (const GalleyDocument *doc);
void galley_document_set_origin (GalleyDocument *doc, const char *origin);

/* galley_document_drop: a filter's way to take @doc out of the run on
 * purpose, without an error: too short, in another language, a copy of
 * an earlier story. The filter returns TRUE after it; the runner then
 * runs no further stage on @doc, counts it as dropped (not rejected: it
 * is not written to the rejects file and does not make the run exit 1)
 * and records it as done in the state, so that it is skipped while it
 * does not change. @reason is one short phrase for the log ("shorter
 * than 200 bytes"); copied. Dropping twice keeps the first reason.
 * Since ABI 1.1. */
void galley_document_drop (GalleyDocument *doc, const char *reason);

/* galley_document_get_drop_reason: the reason given to
 * galley_document_drop(), or NULL while @doc is not dropped. Owned by
 * the document. Since ABI 1.1. */
const char *galley_document_get_drop_reason (const GalleyDocument *doc);

/* galley_document_set_repaired / get_repaired: how many invalid byte
 * sequences a source replaced with U+FFFD in making @doc's text and
 * metadata (0 until set). The run's summary counts the documents whose
 * count is above 0. It travels beside the document, not in its metadata,
 * so that no exporter writes it out. Since ABI 1.1. */
void galley_document_set_repaired (GalleyDocument *doc, guint n_replaced);
guint galley_document_get_repaired (const GalleyDocument *doc);

/* galley_document_set_input_hash / get_input_hash: a fingerprint of the
 * input item a source rejected, for runs with a state (cron). A source
 * that returns GALLEY_READ_SKIP with a stub document sets it on the stub:
 * galley_hash64() of the item's bytes, or of what tells its versions apart
 * when it was refused unread (size and mtime of a file over the size
 * limit). The state then holds the item as rejected, named by the stub's
 * id (its origin when the id is empty), and later runs skip it while the
 * fingerprint stays the same, instead of rejecting it, and warning about
 * it, every time. A stub without one is rejected by every run. Set it on
 * such a stub only: a document that carries one is taken for a stub.
 * get_input_hash: TRUE, and the fingerprint in @hash unless NULL, when
 * one was set. */
void galley_document_set_input_hash (GalleyDocument *doc, guint64 hash);
gboolean galley_document_get_input_hash (const GalleyDocument *doc, guint64 *hash);

/* Metadata: string-keyed values kept in insertion order; setting a key
 * again replaces its value in place. Keys and values are copied in;
 * set_meta with a NULL @value stores a NONE value. Returned keys and
 * values are owned by the document and valid until that entry is set
 * again or the document is freed. */
void galley_document_set_meta (GalleyDocument *doc, const char *key,
                               const char *value);
void galley_document_set_meta_value (GalleyDocument *doc, const char *key,
                                     const GalleyValue *value);
/* galley_document_get_meta: the value of @key if it is a string, else NULL. */
const char *galley_document_get_meta (const GalleyDocument *doc,
                                      const char *key);
const GalleyValue *galley_document_get_meta_value (const GalleyDocument *doc,
                                                   const char *key);
guint galley_document_get_n_meta (const GalleyDocument *doc);
/* galley_document_get_meta_nth: key of the @i'th entry (@i below
 * get_n_meta, else a critical warning and NULL); its value to @value
 * unless NULL. */
const char *galley_document_get_meta_nth (const GalleyDocument *doc, guint i,
                                          const GalleyValue **value);

/* Document features: typed values under dotted keys ("sentiment.compound"),
 * kept in insertion order; setting a key again replaces its value in
 * place. Values are copied in (a NULL string is stored as ""); returned
 * values are owned by the document, as for metadata. */
void galley_document_set_feature (GalleyDocument *doc, const char *key,
                                  const GalleyValue *value);
void galley_document_set_feature_double (GalleyDocument *doc,
                                         const char *key, double value);
void galley_document_set_feature_int (GalleyDocument *doc, const char *key,
                                      gint64 value);
void galley_document_set_feature_string (GalleyDocument *doc,
                                         const char *key, const char *value);
void galley_document_set_feature_boolean (GalleyDocument *doc,
                                          const char *key, gboolean value);
/* galley_document_get_feature: NULL when @key is not set. */
const GalleyValue *galley_document_get_feature (const GalleyDocument *doc,
                                                const char *key);
guint galley_document_get_n_features (const GalleyDocument *doc);
const char *galley_document_get_feature_nth (const GalleyDocument *doc,
                                             guint i,
                                             const GalleyValue **value);

/* Layers, in the order they were added. Layers belong to the document:
 * a layer pointer stays valid until the layer is replaced
 * (galley_document_replace_layer) or the document is freed. */
/* galley_document_get_layer: NULL when the document has no such layer. */
GalleyLayer *galley_document_get_layer (GalleyDocument *doc,
                                        const char *name);
/* galley_document_ensure_layer: the layer @name, created empty if absent. */
GalleyLayer *galley_document_ensure_layer (GalleyDocument *doc,
                                           const char *name);
/* galley_document_replace_layer: a new empty layer @name, dropping any
 * layer of that name and taking its position (a stage that runs twice
 * starts afresh). Pointers to the dropped layer become invalid. */
GalleyLayer *galley_document_replace_layer (GalleyDocument *doc,
                                            const char *name);
guint galley_document_get_n_layers (const GalleyDocument *doc);
/* galley_document_get_layer_nth: layer @i (below get_n_layers, else a
 * critical warning and NULL). */
GalleyLayer *galley_document_get_layer_nth (GalleyDocument *doc, guint i);

const char *galley_layer_get_name (const GalleyLayer *layer);

/* galley_layer_append: adds the span [@start, @end) (byte offsets on
 * character boundaries) and returns its index. Appending in order of
 * start (then longer first) is O(1) and keeps indices stable; appending
 * out of order is allowed, and the layer is re-sorted (with its features;
 * equal spans keep their order) at the next read, which renumbers the
 * spans. @start > @end is refused with a critical warning (returns 0). */
guint galley_layer_append (GalleyLayer *layer, guint32 start, guint32 end,
                           GQuark type, guint32 flags);

/* galley_layer_reserve: makes room for @n more spans. */
void galley_layer_reserve (GalleyLayer *layer, guint n);

guint galley_layer_get_n_spans (GalleyLayer *layer);

/* galley_layer_get_spans: the contiguous, sorted array of spans, owned by
 * the layer and valid until the next append; the count goes to @n_spans. */
const GalleySpan *galley_layer_get_spans (GalleyLayer *layer,
                                          guint *n_spans);

/* galley_layer_get_span: span @index, for changing its type or flags
 * (never its offsets: the order would break). Valid until the next
 * append; NULL with a critical warning when @index is out of range. */
GalleySpan *galley_layer_get_span (GalleyLayer *layer, guint index);

/* galley_layer_lower_bound: the index of the first span whose start is
 * >= @offset (the span count when there is none). O(log n). */
guint galley_layer_lower_bound (GalleyLayer *layer, guint32 offset);

/* galley_layer_get_contained: appends to @indices (a GArray of guint; not
 * cleared first) the index of every span inside [start, end), in order;
 * returns how many. */
guint galley_layer_get_contained (GalleyLayer *layer, guint32 start,
                                  guint32 end, GArray *indices);

/* galley_layer_get_covering: appends to @indices the index of every span
 * that covers all of [start, end), in order; returns how many. */
guint galley_layer_get_covering (GalleyLayer *layer, guint32 start,
                                 guint32 end, GArray *indices);

/* Per-span features, stored in one column per key. Setters copy @value
 * (a NULL string is stored as "") and refuse an @index that is not a span
 * with a critical warning. Returned values are owned by the layer, valid
 * until that slot is set again or the layer is freed. */
void galley_layer_set_feature (GalleyLayer *layer, guint index,
                               const char *key, const GalleyValue *value);
void galley_layer_set_feature_string (GalleyLayer *layer, guint index,
                                      const char *key, const char *value);
void galley_layer_set_feature_double (GalleyLayer *layer, guint index,
                                      const char *key, double value);
void galley_layer_set_feature_int (GalleyLayer *layer, guint index,
                                   const char *key, gint64 value);
void galley_layer_set_feature_boolean (GalleyLayer *layer, guint index,
                                       const char *key, gboolean value);
/* galley_layer_get_feature: NULL when span @index has no @key. */
const GalleyValue *galley_layer_get_feature (GalleyLayer *layer, guint index,
                                             const char *key);
/* Feature columns, in the order their keys were first set; @key_index
 * below get_n_feature_keys, else a critical warning and NULL. */
guint galley_layer_get_n_feature_keys (const GalleyLayer *layer);
const char *galley_layer_get_feature_key (const GalleyLayer *layer,
                                          guint key_index);
/**
 * galley_layer_find_feature_key:
 * @layer: (nullable): a layer
 * @key: a feature key
 *
 * The column of @key, for galley_layer_get_feature_nth(): look it up once
 * per layer, not once per span.
 *
 * Returns: the key's index, or -1 when no span of @layer has @key (or
 *   @layer is NULL).
 */
int galley_layer_find_feature_key (const GalleyLayer *layer, const char *key);
/* galley_layer_get_feature_nth: the value of column @key_index for span
 * @index, or NULL when unset. */
const GalleyValue *galley_layer_get_feature_nth (GalleyLayer *layer,
                                                 guint index,
                                                 guint key_index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyDocument, galley_document_free)

G_END_DECLS
