/* cmd-new-plugin.h: `galley new-plugin`, which writes a plugin project. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* galley_cmd_new_plugin: `galley new-plugin NAME [--kind filter|source|sink]
 * [--dir DIR]`; @argv[0] is "new-plugin". Writes a ready plugin project
 * (sdk/template, compiled into galley) with its names
 * changed to NAME. Returns the exit status: 0 done, 2 usage error (bad
 * name or kind, DIR not empty), 4 a file could not be written; messages
 * go to stderr. */
int galley_cmd_new_plugin (int argc, char **argv);

G_END_DECLS
