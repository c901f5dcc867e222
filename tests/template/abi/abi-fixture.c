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

/* marks each document with the document feature "abi.fixture" = the
 * stage's name, so a test sees that this module's code ran */
static gpointer
fixture_create (const GalleyParams *params, GError **error)
{
  return g_strdup (STAGE_NAME);
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
