/* sink-harness.h: an exporter stage in the SDK harness, for the suites
 * of tests/export-csv and tests/export-sqlite: built with path=PATH and
 * further KEY=VALUE parameters, and run and committed with every failure
 * turned into the test's failure. */
#pragma once

#include <stdarg.h>

#include <galley/galley.h>
#include <galley/galley-harness.h>

G_BEGIN_DECLS

/* sink_build_va: @klass with path=@path and the parameters in @ap (a
 * NULL-terminated list of "KEY=VALUE"); NULL and @error when the stage
 * refuses them. */
GalleyHarness *sink_build_va (const GalleyStageClass *klass, const char *path,
                              GError **error, va_list ap);

/* sink_build: the same, failing the test when the stage refuses. */
GalleyHarness *sink_build (const GalleyStageClass *klass, const char *path, ...)
  G_GNUC_NULL_TERMINATED;

/* sink_build_error: the message the stage refuses the parameters with,
 * failing the test when it accepts them. */
char *sink_build_error (const GalleyStageClass *klass, const char *path, ...)
  G_GNUC_NULL_TERMINATED;

/* sink_run, sink_commit: one document, one commit; failing the test on
 * an error. */
void sink_run (GalleyHarness *h, GalleyDocument *doc);
void sink_commit (GalleyHarness *h);

G_END_DECLS
