/* galley-value.h: a small typed value, used for metadata and features. */
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
 *   JSON outputs verbatim (readers use it to keep arrays and objects)
 */
typedef enum {
  GALLEY_VALUE_NONE,
  GALLEY_VALUE_INT,
  GALLEY_VALUE_DOUBLE,
  GALLEY_VALUE_BOOLEAN,
  GALLEY_VALUE_STRING,
  GALLEY_VALUE_JSON,
} GalleyValueType;

typedef struct {
  GalleyValueType type;
  union {
    gint64 i;
    double d;
    gboolean b;
    char *s;  /* owned by the value for STRING and JSON */
  } v;
} GalleyValue;

#define GALLEY_VALUE_INIT { GALLEY_VALUE_NONE, { 0 } }

/* galley_value_clear: frees what @value owns and sets it to NONE; clearing
 * a cleared value is harmless. */
void galley_value_clear (GalleyValue *value);

/* galley_value_copy: deep-copies @src into @dest; @dest is cleared first
 * (copying a value onto itself does nothing). */
void galley_value_copy (const GalleyValue *src, GalleyValue *dest);

/* galley_value_to_string: a newly allocated text form (ints and doubles
 * in the C locale, "true"/"false", strings as they are). */
char *galley_value_to_string (const GalleyValue *value) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
