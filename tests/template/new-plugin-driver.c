/* new-plugin-driver.c: runs galley_cmd_new_plugin() as `galley new-plugin`
 * would, so that tests/template tests the command whether or not the
 * galley binary dispatches it: new-plugin-driver new-plugin NAME ...
 * The command's source and the template's bytes (core's generated
 * new-plugin-files.c) are compiled right here, not copied. */
#include "cmd-new-plugin.c"
#include "new-plugin-files.c"

int
main (int argc, char **argv)
{
  if (argc < 2)
    return 2;
  return galley_cmd_new_plugin (argc - 1, argv + 1);
}
