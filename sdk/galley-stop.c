/* galley-stop.c: whether the run is asked to stop; see galley-plugin.h. */
#include "config.h"

#include "galley-chain-private.h"

/* Atomic: set by the core's signal thread, read by any stage's thread. */
static gint stopping;

gboolean
galley_run_is_stopping (void)
{
  return g_atomic_int_get (&stopping);
}

void
_galley_run_set_stopping (gboolean stop)
{
  g_atomic_int_set (&stopping, stop ? 1 : 0);
}
