/* cmd-state.c: `galley state FILE` (the cron change fills this in). */
#include "config.h"

#include "commands.h"
#include "runner.h"

int
galley_cmd_state (int argc, char **argv)
{
  return galley_fail (GALLEY_EXIT_USAGE, "galley state is not available in this build");
}
