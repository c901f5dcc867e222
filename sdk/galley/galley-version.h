/* galley-version.h: the plugin ABI version stamped into every plugin.
 *
 * ABI policy: the core loads a plugin when the plugin's major equals the
 * core's and the plugin's minor is not newer than the core's. A minor
 * version may only append fields at the end of public structs (the core
 * reads them only from plugins whose minor is new enough) and add new
 * functions; anything else bumps the major.
 */
#pragma once

#define GALLEY_ABI_MAJOR 1
#define GALLEY_ABI_MINOR 1
