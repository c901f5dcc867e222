/* abi-fixture.c: one filter stage, stamped with a chosen plugin ABI.
 *
 * Built twice by tests/template/Makefile.am, as if by other SDKs:
 *   old-minor.la   the same major, and a minor one older than this SDK's
 *                  (the same minor while that is 0): galley must load it;
 *   next-major.la  the next major: galley must refuse it with
 *                  "PATH: plugin ABI 2.0 is not compatible with this galley
 *                  (ABI 1.0)" (the numbers follow galley-version.h).
 * FIXTURE (old_minor or next_major) picks the stamp and the names.
 *
 * An "older minor" here means the descriptor's stamp. A minor release may
 * only append fields to public structs and add functions, so a module
 * built with the older headers has the same layout up to its own fields;
 * the core must not read past them for such a module.
 */
#include "config.h"

#include <galley/galley.h>

/* this SDK's version, before the stamps below replace the macros */
enum { SDK_MAJOR = GALLEY_ABI_MAJOR, SDK_MINOR = GALLEY_ABI_MINOR };

#undef GALLEY_ABI_MAJOR
#undef GALLEY_ABI_MINOR

#if FIXTURE == 1        /* old_minor */
#define GALLEY_ABI_MAJOR SDK_MAJOR
#define GALLEY_ABI_MINOR (SDK_MINOR > 0 ? SDK_MINOR - 1 : 0)
#define STAGE_NAME "abi-old-minor"
#define MODULE_NAME "old-minor"
#define MODULE_SYMBOL old_minor
#elif FIXTURE == 2      /* next_major */
#define GALLEY_ABI_MAJOR (SDK_MAJOR + 1)
#define GALLEY_ABI_MINOR 0
#define STAGE_NAME "abi-next-major"
#define MODULE_NAME "next-major"
#define MODULE_SYMBOL next_major
#else
#error "define FIXTURE as 1 (old minor) or 2 (next major)"
#endif

/* The parameter table in the layout of GalleyParamSpec at ABI 1.0,
 * frozen here as an older SDK's header would have compiled it. The core
 * steps through the array by its own sizeof (GalleyParamSpec): if a
 * later SDK grows the struct instead of taking a reserved slot, the
 * second entry below is misread and abi.sh fails. */
typedef struct {
  const char *name;
  GalleyParamType type;
  const char *default_value;
  double min;
  double max;
  const char *const *choices;
  const char *doc;
  guint flags;
  gpointer reserved[4];
} ParamSpecAbi1_0;

static const ParamSpecAbi1_0 fixture_params[] = {
  { "label", GALLEY_PARAM_STRING, STAGE_NAME, 0, 0, NULL, "the mark to set", 0 },
  { "times", GALLEY_PARAM_INT, "1", 1, 4, NULL, "how many times to repeat it", 0 },
  { NULL }
};

/* marks each document with the document feature "abi.fixture" = label=
 * (the stage's name by default) repeated times= times, so a test sees
 * that this module's code ran and its parameters were read */
static gpointer
fixture_create (const GalleyParams *params, GError **error)
{
  GString *mark = g_string_new (NULL);

  for (gint64 i = 0; i < galley_params_get_int (params, "times"); i++)
    g_string_append (mark, galley_params_get_string (params, "label"));
  return g_string_free (mark, FALSE);
}

static gboolean
fixture_process (gpointer self, GalleyDocument *doc, GError **error)
{
  galley_document_set_feature_string (doc, "abi.fixture", self);
  return TRUE;
}

static const GalleyStageClass fixture_stage = {
  .name = STAGE_NAME,
  .kind = GALLEY_STAGE_FILTER,
  .description = "Marks documents with the name of its ABI fixture",
  .params = (const GalleyParamSpec *) fixture_params,
  .flags = GALLEY_STAGE_THREAD_SAFE,
  .create = fixture_create,
  .process = fixture_process,
  .free = g_free,
};

static const GalleyStageClass *const stages[] = { &fixture_stage, NULL };

/* GALLEY_PLUGIN_DEFINE pastes its first argument: expand it first */
#define DEFINE_PLUGIN(symbol) \
  GALLEY_PLUGIN_DEFINE (symbol, MODULE_NAME, VERSION, "LGPL-2.1-or-later", \
                        "ABI fixture", stages, NULL)
DEFINE_PLUGIN (MODULE_SYMBOL);
