/* main.c: the galley command (filled in by the core change). */
#include "config.h"

int
main (void)
{
  return 0;
}
