/* galley-names.c: text names of the SDK's enumerations. */
#include "config.h"

#include <galley/galley-layers.h>
#include <galley/galley-plugin.h>

const char *
galley_token_kind_to_string (GalleyTokenKind kind)
{
  static const char *const names[] = {
    [GALLEY_TOKEN_WORD] = "word", [GALLEY_TOKEN_NUMBER] = "number",
    [GALLEY_TOKEN_PUNCT] = "punct", [GALLEY_TOKEN_SYMBOL] = "symbol",
    [GALLEY_TOKEN_URL] = "url", [GALLEY_TOKEN_EMAIL] = "email",
    [GALLEY_TOKEN_HASHTAG] = "hashtag", [GALLEY_TOKEN_MENTION] = "mention",
    [GALLEY_TOKEN_EMOJI] = "emoji", [GALLEY_TOKEN_ABBREV] = "abbrev",
  };

  if ((guint) kind < G_N_ELEMENTS (names) && names[kind] != NULL)
    return names[kind];
  return "unknown";
}

const char *
galley_token_case_to_string (GalleyTokenCase token_case)
{
  static const char *const names[] = { "none", "lower", "title", "upper", "mixed" };

  if ((guint) token_case < G_N_ELEMENTS (names))
    return names[token_case];
  return "unknown";
}

const char *
galley_stage_kind_to_string (GalleyStageKind kind)
{
  switch (kind)
    {
    case GALLEY_STAGE_SOURCE: return "source";
    case GALLEY_STAGE_FILTER: return "filter";
    case GALLEY_STAGE_SINK: return "sink";
    default: return "unknown";
    }
}
