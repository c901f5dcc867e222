/* galley-shard.c: see galley/galley-shard.h. */
#include "config.h"

#include <string.h>

#include <galley/galley-error.h>
#include <galley/galley-hash.h>
#include <galley/galley-shard.h>

static gboolean
parse_u32 (const char *text, const char *end, guint32 *out)
{
  guint64 value = 0;

  if (text == end || end - text > 9)
    return FALSE;
  for (const char *p = text; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
    }
  *out = (guint32) value;
  return TRUE;
}

gboolean
galley_shard_parse (const char *text, GalleyShard *shard, GError **error)
{
  const char *slash;
  GalleyShard s = { 0, 0 };

  if (text == NULL || *text == '\0')
    {
      *shard = s;
      return TRUE;
    }
  slash = strchr (text, '/');
  if (slash == NULL || !parse_u32 (text, slash, &s.index)
      || !parse_u32 (slash + 1, slash + strlen (slash), &s.count)
      || s.count == 0 || s.index >= s.count)
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "parameter 'shard': '%s' is not K/N with 0 <= K < N "
                   "(0/4 to 3/4: four shards)",
                   text);
      return FALSE;
    }
  *shard = s;
  return TRUE;
}

gboolean
galley_shard_accepts (const GalleyShard *shard, const char *key)
{
  if (shard->count <= 1)
    return TRUE;
  if (key == NULL)
    key = "";
  return galley_hash64 (key, strlen (key), 0) % shard->count == shard->index;
}
