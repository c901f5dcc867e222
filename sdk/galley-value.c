/* galley-value.c: the typed value of metadata and features. */
#include "config.h"

#include <galley/galley-value.h>

void
galley_value_clear (GalleyValue *value)
{
  if (value->type == GALLEY_VALUE_STRING || value->type == GALLEY_VALUE_JSON)
    g_free (value->v.s);
  value->type = GALLEY_VALUE_NONE;
  value->v.i = 0;
}

void
galley_value_copy (const GalleyValue *src, GalleyValue *dest)
{
  if (src == dest)
    return;
  galley_value_clear (dest);
  *dest = *src;
  if (src->type == GALLEY_VALUE_STRING || src->type == GALLEY_VALUE_JSON)
    dest->v.s = g_strdup (src->v.s);
}

char *
galley_value_to_string (const GalleyValue *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (value->type)
    {
    case GALLEY_VALUE_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->v.i);
    case GALLEY_VALUE_DOUBLE:
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", value->v.d));
    case GALLEY_VALUE_BOOLEAN:
      return g_strdup (value->v.b ? "true" : "false");
    case GALLEY_VALUE_STRING:
    case GALLEY_VALUE_JSON:
      return g_strdup (value->v.s);
    case GALLEY_VALUE_NONE:
    default:
      return g_strdup ("");
    }
}
