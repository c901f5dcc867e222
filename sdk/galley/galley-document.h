/**
 * SECTION:galley-document
 * @title: GalleyDocument
 * @short_description: the document model
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

/**
 * GalleySpan:
 * @start: byte offset of the first byte
 * @end: byte offset one past the last byte
 * @type: interned type: "PERSON", "word", "sentence", ...
 * @flags: meaning fixed by the layer's producer
 *
 * One span of a layer (16 bytes).
 */
typedef struct {
  guint32 start;
  guint32 end;
  GQuark type;
  guint32 flags;
} GalleySpan;

/**
 * GalleyLayer:
 *
 * A named, sorted array of spans with optional per-span feature columns
 * (opaque); it belongs to its document.
 */
typedef struct _GalleyLayer GalleyLayer;
/**
 * GalleyDocument:
 *
 * One article (opaque): id, metadata, text, layers, features.
 */
typedef struct _GalleyDocument GalleyDocument;

/**
 * galley_document_new:
 * @id: (nullable): the id, copied (NULL: "")
 * @text: the text, copied
 * @len: its length in bytes, or -1 when NUL-terminated
 *
 * A new document. @text must be valid UTF-8 without NUL bytes (readers
 * repair or reject it first: galley_utf8_make_valid()); invalid text makes
 * this return NULL with a critical warning.
 *
 * Returns: (transfer full) (nullable): the document, free with
 *   galley_document_free().
 */
GalleyDocument *galley_document_new (const char *id, const char *text,
                                     gssize len) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_document_new_take:
 * @id: (nullable): the id, copied (NULL: "")
 * @text: (transfer full): the text, g_malloc'd, NUL-terminated
 * @len: its length in bytes
 *
 * As galley_document_new(), but takes ownership of @text without copying;
 * on failure @text is freed too.
 *
 * Returns: (transfer full) (nullable): the document, free with
 *   galley_document_free().
 */
GalleyDocument *galley_document_new_take (const char *id, char *text,
                                          gsize len) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_document_new_take_valid:
 * @id: (nullable): the id, copied (NULL: "")
 * @text: (transfer full): the text, g_malloc'd, NUL-terminated, valid
 *   UTF-8 without NUL bytes
 * @len: its length in bytes
 *
 * As galley_document_new_take(), for a reader that has already checked
 * @text while scanning it (read-jsonl checks each line once, and the
 * second check in galley_document_new_take() was 9.6 M instructions on
 * 11.4 MB of news): the text is not checked again.
 *
 * Every stage may rely on a document's text being valid UTF-8, so a
 * caller that breaks the precondition breaks every stage after it. Why a
 * precondition and not a token from the SDK's validator: a reader that
 * validates while it parses cannot hand the SDK proof without the second
 * pass this call saves. So that a wrong caller cannot go unnoticed, the
 * text is still checked, and an invalid one aborts the process with a
 * message naming the document, when the SDK is built with G_ENABLE_DEBUG
 * and in every process that has made a #GalleyHarness (a plugin's Check
 * tests).
 *
 * Returns: (transfer full): the document, free with galley_document_free().
 *
 * Since: 1.3
 */
GalleyDocument *galley_document_new_take_valid (const char *id, char *text,
                                                gsize len) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_document_free:
 * @doc: (nullable): a document
 *
 * Frees @doc and everything it owns (text, layers, values). NULL is
 * allowed.
 */
void galley_document_free (GalleyDocument *doc);

/**
 * galley_document_get_id:
 * @doc: a document
 *
 * The id.
 *
 * Returns: (transfer none): the id, never NULL; owned by the document and
 *   valid until the next galley_document_set_id().
 */
const char *galley_document_get_id (const GalleyDocument *doc);
/**
 * galley_document_set_id:
 * @doc: a document
 * @id: (nullable): the new id, copied (NULL: "")
 *
 * Sets the id.
 */
void galley_document_set_id (GalleyDocument *doc, const char *id);

/**
 * galley_document_get_text:
 * @doc: a document
 * @len: (out) (optional): its length in bytes
 *
 * The text.
 *
 * Returns: (transfer none): the text, NUL-terminated, owned by the document.
 */
const char *galley_document_get_text (const GalleyDocument *doc, gsize *len);

/**
 * galley_document_get_origin:
 * @doc: a document
 *
 * Where the document came from, for messages ("feeds/world.xml item 3",
 * "in.jsonl:12").
 *
 * Returns: (transfer none) (nullable): the origin; NULL until set.
 */
const char *galley_document_get_origin (const GalleyDocument *doc);
/**
 * galley_document_set_origin:
 * @doc: a document
 * @origin: (nullable): the origin, copied; NULL clears it
 *
 * Sets where the document came from (see galley_document_get_origin()).
 */
void galley_document_set_origin (GalleyDocument *doc, const char *origin);

/**
 * galley_document_drop:
 * @doc: a document
 * @reason: one short phrase for the log ("shorter than 200 bytes"); copied
 *
 * A filter's way to take @doc out of the run on purpose, without an
 * error: too short, in another language, a copy of an earlier story. The
 * filter returns TRUE after it; the runner then runs no further stage on
 * @doc, counts it as dropped (not rejected: it is not written to the
 * rejects file and does not make the run exit 1) and records it as done in
 * the state, so that it is skipped while it does not change. Dropping
 * twice keeps the first reason.
 *
 * Since: 1.1
 */
void galley_document_drop (GalleyDocument *doc, const char *reason);

/**
 * galley_document_get_drop_reason:
 * @doc: a document
 *
 * The reason given to galley_document_drop().
 *
 * Returns: (transfer none) (nullable): the reason, owned by the document, or
 *   NULL while @doc is not dropped.
 *
 * Since: 1.1
 */
const char *galley_document_get_drop_reason (const GalleyDocument *doc);

/**
 * galley_document_set_repaired:
 * @doc: a document
 * @n_replaced: how many invalid byte sequences were replaced
 *
 * Records how many invalid byte sequences a source replaced with U+FFFD
 * in making @doc's text and metadata. The run's summary counts the
 * documents whose count is above 0. It travels beside the document, not in
 * its metadata, so that no exporter writes it out.
 *
 * Since: 1.1
 */
void galley_document_set_repaired (GalleyDocument *doc, guint n_replaced);
/**
 * galley_document_get_repaired:
 * @doc: a document
 *
 * See galley_document_set_repaired().
 *
 * Returns: the count of replaced byte sequences (0 until set).
 *
 * Since: 1.1
 */
guint galley_document_get_repaired (const GalleyDocument *doc);

/**
 * galley_document_set_input_hash:
 * @doc: a stub document
 * @hash: the fingerprint
 *
 * Sets a fingerprint of the input item a source rejected, for runs with
 * a state (cron). A source that returns %GALLEY_READ_SKIP with a stub
 * document sets it on the stub: galley_hash64() of the item's bytes, or of
 * what tells its versions apart when it was refused unread (size and mtime
 * of a file over the size limit). The state then holds the item as
 * rejected, named by the stub's id (its origin when the id is empty), and
 * later runs skip it while the fingerprint stays the same, instead of
 * rejecting it, and warning about it, every time. A stub without one is
 * rejected by every run. Set it on such a stub only: a document that
 * carries one is taken for a stub.
 */
void galley_document_set_input_hash (GalleyDocument *doc, guint64 hash);
/**
 * galley_document_get_input_hash:
 * @doc: a document
 * @hash: (out) (optional): the fingerprint
 *
 * See galley_document_set_input_hash().
 *
 * Returns: TRUE, and the fingerprint in @hash, when one was set.
 */
gboolean galley_document_get_input_hash (const GalleyDocument *doc, guint64 *hash);

/**
 * galley_document_set_meta:
 * @doc: a document
 * @key: the key, copied
 * @value: (nullable): a string, copied; NULL stores a NONE value
 *
 * Metadata are string-keyed values kept in insertion order; setting a key
 * again replaces its value in place.
 * Sets @key to a string.
 */
void galley_document_set_meta (GalleyDocument *doc, const char *key,
                               const char *value);
/**
 * galley_document_set_meta_value:
 * @doc: a document
 * @key: the key, copied
 * @value: the value, copied
 *
 * Metadata are string-keyed values kept in insertion order; setting a key
 * again replaces its value in place.
 * Sets @key to a typed value.
 */
void galley_document_set_meta_value (GalleyDocument *doc, const char *key,
                                     const GalleyValue *value);
/**
 * galley_document_get_meta:
 * @doc: a document
 * @key: a key
 *
 * Returned keys and values are owned by the document and valid until that
 * entry is set again or the document is freed.
 *
 * Returns: (transfer none) (nullable): the value of @key if it is a string,
 *   else NULL.
 */
const char *galley_document_get_meta (const GalleyDocument *doc,
                                      const char *key);
/**
 * galley_document_get_meta_value:
 * @doc: a document
 * @key: a key
 *
 * Returned keys and values are owned by the document and valid until that
 * entry is set again or the document is freed.
 *
 * Returns: (transfer none) (nullable): the value of @key, or NULL when unset.
 */
const GalleyValue *galley_document_get_meta_value (const GalleyDocument *doc,
                                                   const char *key);
/**
 * galley_document_get_n_meta:
 * @doc: a document
 *
 * The number of metadata entries.
 *
 * Returns: the count.
 */
guint galley_document_get_n_meta (const GalleyDocument *doc);
/**
 * galley_document_get_meta_nth:
 * @doc: a document
 * @i: an index below galley_document_get_n_meta()
 * @value: (out) (optional) (transfer none): the entry's value
 *
 * The @i'th entry, in insertion order. Returned keys and values are owned by the document and valid until that
 * entry is set again or the document is freed.
 *
 * Returns: (transfer none) (nullable): its key; NULL with a critical warning
 *   when @i is out of range.
 */
const char *galley_document_get_meta_nth (const GalleyDocument *doc, guint i,
                                          const GalleyValue **value);

/**
 * galley_document_set_feature:
 * @doc: a document
 * @key: a dotted key, copied
 * @value: the value, copied (a NULL string is stored as "")
 *
 * Document features are typed values under dotted keys
 * ("sentiment.compound"), kept in insertion order; setting a key again
 * replaces its value in place.
 */
void galley_document_set_feature (GalleyDocument *doc, const char *key,
                                  const GalleyValue *value);
/**
 * galley_document_set_feature_double:
 * @doc: a document
 * @key: a dotted key, copied
 * @value: the value
 *
 * Sets the feature @key to a double, as galley_document_set_feature().
 */
void galley_document_set_feature_double (GalleyDocument *doc,
                                         const char *key, double value);
/**
 * galley_document_set_feature_int:
 * @doc: a document
 * @key: a dotted key, copied
 * @value: the value
 *
 * Sets the feature @key to an int, as galley_document_set_feature().
 */
void galley_document_set_feature_int (GalleyDocument *doc, const char *key,
                                      gint64 value);
/**
 * galley_document_set_feature_string:
 * @doc: a document
 * @key: a dotted key, copied
 * @value: (nullable): the value, copied (NULL is stored as "")
 *
 * Sets the feature @key to a string, as galley_document_set_feature().
 */
void galley_document_set_feature_string (GalleyDocument *doc,
                                         const char *key, const char *value);
/**
 * galley_document_set_feature_boolean:
 * @doc: a document
 * @key: a dotted key, copied
 * @value: the value
 *
 * Sets the feature @key to a boolean, as galley_document_set_feature().
 */
void galley_document_set_feature_boolean (GalleyDocument *doc,
                                          const char *key, gboolean value);
/**
 * galley_document_get_feature:
 * @doc: a document
 * @key: a dotted key
 *
 * Returned values are owned by the document, valid until that entry is set
 * again or the document is freed.
 *
 * Returns: (transfer none) (nullable): the value, or NULL when @key is not
 *   set.
 */
const GalleyValue *galley_document_get_feature (const GalleyDocument *doc,
                                                const char *key);
/**
 * galley_document_get_n_features:
 * @doc: a document
 *
 * The number of document features.
 *
 * Returns: the count.
 */
guint galley_document_get_n_features (const GalleyDocument *doc);
/**
 * galley_document_get_feature_nth:
 * @doc: a document
 * @i: an index below galley_document_get_n_features()
 * @value: (out) (optional) (transfer none): the feature's value
 *
 * The @i'th feature, in insertion order. Returned values are owned by the document, valid until that entry is set
 * again or the document is freed.
 *
 * Returns: (transfer none) (nullable): its key; NULL with a critical warning
 *   when @i is out of range.
 */
const char *galley_document_get_feature_nth (const GalleyDocument *doc,
                                             guint i,
                                             const GalleyValue **value);

/**
 * galley_document_get_layer:
 * @doc: a document
 * @name: a layer name
 *
 * Layers belong to the document: a layer pointer stays valid until the
 * layer is replaced (galley_document_replace_layer()) or the document is
 * freed.
 *
 * Returns: (transfer none) (nullable): the layer, or NULL when the document
 *   has no such layer.
 */
GalleyLayer *galley_document_get_layer (GalleyDocument *doc,
                                        const char *name);
/**
 * galley_document_ensure_layer:
 * @doc: a document
 * @name: a layer name
 *
 * The layer @name, created empty if absent. Layers belong to the document: a layer pointer stays valid until the
 * layer is replaced (galley_document_replace_layer()) or the document is
 * freed.
 *
 * Returns: (transfer none): the layer.
 */
GalleyLayer *galley_document_ensure_layer (GalleyDocument *doc,
                                           const char *name);
/**
 * galley_document_replace_layer:
 * @doc: a document
 * @name: a layer name
 *
 * A new empty layer @name, dropping any layer of that name and taking its
 * position (a stage that runs twice starts afresh). Pointers to the dropped
 * layer become invalid.
 *
 * Returns: (transfer none): the new layer.
 */
GalleyLayer *galley_document_replace_layer (GalleyDocument *doc,
                                            const char *name);
/**
 * galley_document_get_n_layers:
 * @doc: a document
 *
 * The number of layers, which are kept in the order they were added.
 *
 * Returns: the count.
 */
guint galley_document_get_n_layers (const GalleyDocument *doc);
/**
 * galley_document_get_layer_nth:
 * @doc: a document
 * @i: an index below galley_document_get_n_layers()
 *
 * Layer @i, in the order layers were added.
 *
 * Returns: (transfer none) (nullable): the layer; NULL with a critical warning
 *   when @i is out of range.
 */
GalleyLayer *galley_document_get_layer_nth (GalleyDocument *doc, guint i);

/**
 * galley_layer_get_name:
 * @layer: a layer
 *
 * The layer's name.
 *
 * Returns: (transfer none): the name, owned by the layer.
 */
const char *galley_layer_get_name (const GalleyLayer *layer);

/**
 * galley_layer_append:
 * @layer: a layer
 * @start: the first byte, on a character boundary
 * @end: one past the last byte, on a character boundary
 * @type: the interned span type
 * @flags: the span's flags
 *
 * Adds the span [@start, @end). Appending in order of start (then longer
 * first) is O(1) and keeps indices stable; appending out of order is
 * allowed, and the layer is re-sorted (with its features; equal spans keep
 * their order) at the next read, which renumbers the spans.
 *
 * Returns: the span's index; @start > @end is refused with a critical
 *   warning (returns 0).
 */
guint galley_layer_append (GalleyLayer *layer, guint32 start, guint32 end,
                           GQuark type, guint32 flags);

/**
 * galley_layer_append_spans:
 * @layer: a layer
 * @spans: (array length=n_spans): spans, each as galley_layer_append()
 *   takes them
 * @n_spans: how many
 *
 * Adds @n_spans spans at once, as that many galley_layer_append() calls
 * would, for a stage that makes many spans (a tokenizer): the order is
 * checked and the array grown once for the batch, not once a span. A span
 * with start > end is refused with a critical warning and skipped.
 *
 * Returns: the index of the first span added (the span count before the
 *   call).
 *
 * Since: 1.2
 */
guint galley_layer_append_spans (GalleyLayer *layer, const GalleySpan *spans,
                                 guint n_spans);

/**
 * galley_layer_reserve:
 * @layer: a layer
 * @n: a number of spans
 *
 * Makes room for @n more spans.
 */
void galley_layer_reserve (GalleyLayer *layer, guint n);

/**
 * galley_layer_get_n_spans:
 * @layer: a layer
 *
 * The number of spans.
 *
 * Returns: the count.
 */
guint galley_layer_get_n_spans (GalleyLayer *layer);

/**
 * galley_layer_get_spans:
 * @layer: a layer
 * @n_spans: (out) (optional): the count
 *
 * The spans.
 *
 * Returns: (transfer none) (array length=n_spans): the contiguous, sorted
 *   array of spans, owned by the layer and valid until the next append.
 */
const GalleySpan *galley_layer_get_spans (GalleyLayer *layer,
                                          guint *n_spans);

/**
 * galley_layer_get_span:
 * @layer: a layer
 * @index: a span index
 *
 * Span @index, for changing its type or flags (never its offsets: the
 * order would break).
 *
 * Returns: (transfer none) (nullable): the span, valid until the next append;
 *   NULL with a critical warning when @index is out of range.
 */
GalleySpan *galley_layer_get_span (GalleyLayer *layer, guint index);

/**
 * galley_layer_lower_bound:
 * @layer: a layer
 * @offset: a byte offset
 *
 * Finds the first span whose start is >= @offset. O(log n).
 *
 * Returns: its index, or the span count when there is none.
 */
guint galley_layer_lower_bound (GalleyLayer *layer, guint32 offset);

/**
 * galley_layer_get_contained:
 * @layer: a layer
 * @start: the range's first byte
 * @end: one past its last byte
 * @indices: (element-type guint): where the indices go (not cleared first)
 *
 * Appends to @indices the index of every span inside [@start, @end), in
 * order.
 *
 * Returns: how many were appended.
 */
guint galley_layer_get_contained (GalleyLayer *layer, guint32 start,
                                  guint32 end, GArray *indices);

/**
 * galley_layer_get_covering:
 * @layer: a layer
 * @start: the range's first byte
 * @end: one past its last byte
 * @indices: (element-type guint): where the indices go (not cleared first)
 *
 * Appends to @indices the index of every span that covers all of
 * [@start, @end), in order.
 *
 * Returns: how many were appended.
 */
guint galley_layer_get_covering (GalleyLayer *layer, guint32 start,
                                 guint32 end, GArray *indices);

/**
 * galley_layer_set_feature:
 * @layer: a layer
 * @index: a span index
 * @key: the feature key
 * @value: the value
 *
 * Sets feature @key of span @index. Per-span features are stored in one column per key. The value is copied
 * (a NULL string is stored as ""); an @index that is not a span is refused
 * with a critical warning.
 *
 * Keys, here and in every feature setter and getter, are matched by
 * their text: the layer keeps a copy of each, never the caller's pointer,
 * so @key may be a buffer the caller fills again with another key. A
 * string value is copied into the document's memory, as
 * galley_layer_set_feature_string() says.
 */
void galley_layer_set_feature (GalleyLayer *layer, guint index,
                               const char *key, const GalleyValue *value);
/**
 * galley_layer_set_feature_string:
 * @layer: a layer
 * @index: a span index
 * @key: the feature key
 * @value: (nullable): the string
 *
 * Sets feature @key of span @index to a string. Per-span features are stored in one column per key. The value is copied
 * (a NULL string is stored as ""); an @index that is not a span is refused
 * with a critical warning.
 *
 * The copy is made in the document's own memory, which is given back
 * only when the document is freed: setting the same span's string again
 * stores a new copy and keeps the old one until then. Set a span's string
 * once, when it is final, rather than in a loop that refines it.
 */
void galley_layer_set_feature_string (GalleyLayer *layer, guint index,
                                      const char *key, const char *value);
/**
 * galley_layer_set_feature_double:
 * @layer: a layer
 * @index: a span index
 * @key: the feature key
 * @value: the value
 *
 * Sets feature @key of span @index to a double. Per-span features are stored in one column per key. The value is copied
 * (a NULL string is stored as ""); an @index that is not a span is refused
 * with a critical warning.
 */
void galley_layer_set_feature_double (GalleyLayer *layer, guint index,
                                      const char *key, double value);
/**
 * galley_layer_set_feature_int:
 * @layer: a layer
 * @index: a span index
 * @key: the feature key
 * @value: the value
 *
 * Sets feature @key of span @index to an int. Per-span features are stored in one column per key. The value is copied
 * (a NULL string is stored as ""); an @index that is not a span is refused
 * with a critical warning.
 */
void galley_layer_set_feature_int (GalleyLayer *layer, guint index,
                                   const char *key, gint64 value);
/**
 * galley_layer_set_feature_double_column:
 * @layer: a layer
 * @key: the feature key
 * @values: (array length=n): one value a span
 * @n: how many: spans 0 to @n - 1 get them; at most the span count
 *
 * Sets feature @key of the first @n spans to @values, as @n calls of
 * galley_layer_set_feature_double() would, with one lookup of the column:
 * for a stage that computes a feature for every span of a layer. An @n
 * beyond the span count is refused with a critical warning.
 *
 * Since: 1.2
 */
void galley_layer_set_feature_double_column (GalleyLayer *layer, const char *key,
                                             const double *values, guint n);
/**
 * galley_layer_set_feature_int_column:
 * @layer: a layer
 * @key: the feature key
 * @values: (array length=n): one value a span
 * @n: how many: spans 0 to @n - 1 get them; at most the span count
 *
 * As galley_layer_set_feature_double_column(), for integers.
 *
 * Since: 1.2
 */
void galley_layer_set_feature_int_column (GalleyLayer *layer, const char *key,
                                          const gint64 *values, guint n);
/**
 * galley_layer_set_feature_string_column:
 * @layer: a layer
 * @key: the feature key
 * @values: (array length=n): one string a span (a NULL one is stored as "")
 * @n: how many: spans 0 to @n - 1 get them; at most the span count
 *
 * As galley_layer_set_feature_double_column(), for strings: sets feature
 * @key of the first @n spans to copies of @values, as @n calls of
 * galley_layer_set_feature_string() would, with one lookup of the column
 * and, in a document's layer, one block of the document's memory for all
 * the copies (given back when the document is freed, as for
 * galley_layer_set_feature_string()). An @n beyond the span count is
 * refused with a critical warning.
 *
 * Since: 1.4
 */
void galley_layer_set_feature_string_column (GalleyLayer *layer, const char *key,
                                             const char *const *values, guint n);
/**
 * galley_layer_set_feature_boolean:
 * @layer: a layer
 * @index: a span index
 * @key: the feature key
 * @value: the value
 *
 * Sets feature @key of span @index to a boolean. Per-span features are stored in one column per key. The value is copied
 * (a NULL string is stored as ""); an @index that is not a span is refused
 * with a critical warning.
 */
void galley_layer_set_feature_boolean (GalleyLayer *layer, guint index,
                                       const char *key, gboolean value);
/**
 * galley_layer_get_feature:
 * @layer: a layer
 * @index: a span index
 * @key: the feature key
 *
 * Returned values are owned by the layer, valid until that slot is set
 * again or the layer is freed.
 *
 * Returns: (transfer none) (nullable): the value, or NULL when span @index
 *   has no @key.
 */
const GalleyValue *galley_layer_get_feature (GalleyLayer *layer, guint index,
                                             const char *key);
/**
 * galley_layer_get_n_feature_keys:
 * @layer: a layer
 *
 * The number of feature columns, kept in the order their keys were first
 * set.
 *
 * Returns: the count.
 */
guint galley_layer_get_n_feature_keys (const GalleyLayer *layer);
/**
 * galley_layer_get_feature_column:
 * @layer: a layer
 * @key_index: a column below galley_layer_get_n_feature_keys()
 * @n_values: (out): how many values the array holds
 *
 * The values of feature column @key_index as one array, parallel to the
 * spans of galley_layer_get_spans(): element i is span i's value, as
 * galley_layer_get_feature_nth() would return it one call at a time (for
 * an exporter that writes every value of a layer: one call a value was
 * 26 M instructions of export-jsonl's on 11.4 MB of news).
 *
 * The array holds the first @n_values spans (at most the span count, and
 * fewer when the last spans have no value): spans from @n_values on have
 * no value. A span inside the array without a value has an element of
 * type %GALLEY_VALUE_NONE. The array belongs to the layer and stays valid
 * until the layer changes (a span added or removed, any feature of the
 * layer set) or is freed. An unsorted layer is sorted first, as every
 * read does. A @key_index out of range returns NULL with @n_values 0 and
 * a critical warning.
 *
 * Returns: (transfer none) (array length=n_values) (nullable): the values.
 *
 * Since: 1.3
 */
const GalleyValue *galley_layer_get_feature_column (GalleyLayer *layer,
                                                    guint key_index,
                                                    guint *n_values);
/**
 * galley_layer_get_feature_key:
 * @layer: a layer
 * @key_index: a column below galley_layer_get_n_feature_keys()
 *
 * The key of a feature column.
 *
 * Returns: (transfer none) (nullable): the key; NULL with a critical warning
 *   when @key_index is out of range.
 */
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
/**
 * galley_layer_get_feature_nth:
 * @layer: a layer
 * @index: a span index
 * @key_index: a column, from galley_layer_find_feature_key()
 *
 * The value of column @key_index for span @index.
 *
 * Returns: (transfer none) (nullable): the value, or NULL when unset.
 */
const GalleyValue *galley_layer_get_feature_nth (GalleyLayer *layer,
                                                 guint index,
                                                 guint key_index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyDocument, galley_document_free)

G_END_DECLS
