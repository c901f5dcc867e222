/**
 * SECTION:galley-value
 * @title: GalleyValue
 * @short_description: a small typed value, used for metadata and features
 *
 * A #GalleyValue holds an int, a double, a boolean, a string or a JSON
 * text; metadata and features (of documents and of spans) are values.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GalleyValueType:
 * @GALLEY_VALUE_NONE: no value
 * @GALLEY_VALUE_INT: a 64-bit signed integer
 * @GALLEY_VALUE_DOUBLE: a double
 * @GALLEY_VALUE_BOOLEAN: a boolean
 * @GALLEY_VALUE_STRING: a UTF-8 string
 * @GALLEY_VALUE_JSON: a UTF-8 string holding one JSON value, written to
 *   JSON outputs verbatim but for line breaks between tokens, which become
 *   spaces (readers use it to keep arrays and objects)
 *
 * The type of a #GalleyValue.
 */
typedef enum {
  GALLEY_VALUE_NONE,
  GALLEY_VALUE_INT,
  GALLEY_VALUE_DOUBLE,
  GALLEY_VALUE_BOOLEAN,
  GALLEY_VALUE_STRING,
  GALLEY_VALUE_JSON,
} GalleyValueType;

/**
 * GalleyValue:
 * @type: which member of the union `v` holds the value
 *
 * A small typed value, used for metadata and features. The union `v`
 * holds `i` (INT), `d` (DOUBLE), `b` (BOOLEAN) or `s` (STRING and JSON:
 * owned by the value).
 */
typedef struct {
  GalleyValueType type;
  union {
    gint64 i;
    double d;
    gboolean b;
    char *s;  /* owned by the value for STRING and JSON */
  } v;
} GalleyValue;

/**
 * GALLEY_VALUE_INIT:
 *
 * An initialiser for a #GalleyValue of type %GALLEY_VALUE_NONE.
 */
#define GALLEY_VALUE_INIT { GALLEY_VALUE_NONE, { 0 } }

/**
 * galley_value_clear:
 * @value: a value
 *
 * Frees what @value owns and sets it to NONE; clearing a cleared value is
 * harmless.
 */
void galley_value_clear (GalleyValue *value);

/**
 * galley_value_copy:
 * @src: the value to copy
 * @dest: (out caller-allocates): where the copy goes
 *
 * Deep-copies @src into @dest; @dest is cleared first (copying a value
 * onto itself does nothing).
 */
void galley_value_copy (const GalleyValue *src, GalleyValue *dest);

/**
 * galley_value_to_string:
 * @value: a value
 *
 * The value in text form: ints and doubles in the C locale,
 * "true"/"false", strings as they are.
 *
 * Returns: (transfer full): a newly allocated string.
 */
char *galley_value_to_string (const GalleyValue *value) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
