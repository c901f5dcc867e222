/* sink-harness.c: see sink-harness.h. */
#include "config.h"

#include <check.h>

#include "sink-harness.h"

GalleyHarness *
sink_build_va (const GalleyStageClass *klass, const char *path, GError **error, va_list ap)
{
  g_autoptr (GPtrArray) p = g_ptr_array_new_with_free_func (g_free);
  const char *kv;

  g_ptr_array_add (p, g_strdup_printf ("path=%s", path));
  while ((kv = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (p, g_strdup (kv));
  g_ptr_array_add (p, NULL);
  return galley_harness_new (klass, (const char *const *) p->pdata, error);
}

GalleyHarness *
sink_build (const GalleyStageClass *klass, const char *path, ...)
{
  g_autoptr (GError) error = NULL;
  GalleyHarness *h;
  va_list ap;

  va_start (ap, path);
  h = sink_build_va (klass, path, &error, ap);
  va_end (ap);
  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  return h;
}

char *
sink_build_error (const GalleyStageClass *klass, const char *path, ...)
{
  g_autoptr (GError) error = NULL;
  GalleyHarness *h;
  va_list ap;

  va_start (ap, path);
  h = sink_build_va (klass, path, &error, ap);
  va_end (ap);
  ck_assert_ptr_null (h);
  ck_assert_ptr_nonnull (error);
  return g_strdup (error->message);
}

void
sink_run (GalleyHarness *h, GalleyDocument *doc)
{
  g_autoptr (GError) error = NULL;

  ck_assert_msg (galley_harness_run (h, doc, &error), "%s", error ? error->message : "");
}

void
sink_commit (GalleyHarness *h)
{
  g_autoptr (GError) error = NULL;

  ck_assert_msg (galley_harness_commit (h, &error), "%s", error ? error->message : "");
}
