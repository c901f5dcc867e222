/**
 * SECTION:galley-error
 * @title: Errors
 * @short_description: the three error domains of Galley
 *
 * Error policy: a stage only reports. It sets a #GError with a short message
 * a person can act on (naming the file, line, document or parameter at
 * fault) and returns FALSE; it never prints and never exits. The runner
 * decides what follows (skip the document, abort the run).
 *
 * Which domain and code:
 *
 * - %GALLEY_PIPELINE_ERROR: what is wrong in the pipeline text itself, and
 *   can be judged without touching a file: a key, a value, a layer, the
 *   order of stages (exit 2);
 * - %GALLEY_STAGE_ERROR_IO: the system refused a file, a socket, a write
 *   (missing, unreadable, disk full) (exit 4); from a sink's write it
 *   stops the run, where any other code rejects only the document;
 * - %GALLEY_STAGE_ERROR_INPUT: content that is bad: a document, a line, a
 *   data file that is not what it should be (exit 2 when a stage cannot be
 *   built from it; a rejected document otherwise);
 * - %GALLEY_STAGE_ERROR_TOO_LARGE: an input over a configured limit.
 *
 * A data file named by a parameter is read with galley_read_param_file(),
 * which applies these rules.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GALLEY_PLUGIN_ERROR:
 *
 * The error domain of plugin loading; codes are #GalleyPluginError.
 */
#define GALLEY_PLUGIN_ERROR (galley_plugin_error_quark ())
/**
 * GALLEY_PIPELINE_ERROR:
 *
 * The error domain of pipeline parsing and checking; codes are
 * #GalleyPipelineError.
 */
#define GALLEY_PIPELINE_ERROR (galley_pipeline_error_quark ())
/**
 * GALLEY_STAGE_ERROR:
 *
 * The error domain of stage processing; codes are #GalleyStageError.
 */
#define GALLEY_STAGE_ERROR (galley_stage_error_quark ())

/**
 * GalleyPluginError:
 * @GALLEY_PLUGIN_ERROR_NOT_FOUND: no plugin or stage of that name
 * @GALLEY_PLUGIN_ERROR_OPEN: the file could not be opened as a module
 * @GALLEY_PLUGIN_ERROR_SYMBOL: the module lacks its descriptor symbol
 * @GALLEY_PLUGIN_ERROR_ABI: the descriptor's ABI version is not accepted
 * @GALLEY_PLUGIN_ERROR_NAME: the descriptor's name does not match the file
 * @GALLEY_PLUGIN_ERROR_INIT: the plugin's init function failed
 * @GALLEY_PLUGIN_ERROR_UNSAFE: someone other than root and the user running
 *   galley could change the module: its file, or a directory on the way
 *   to it, is theirs or writable by group or others
 * @GALLEY_PLUGIN_ERROR_INVALID: the descriptor is malformed
 * @GALLEY_PLUGIN_ERROR_DUPLICATE: a stage name is provided twice
 *
 * The codes of %GALLEY_PLUGIN_ERROR.
 */
typedef enum {
  GALLEY_PLUGIN_ERROR_NOT_FOUND,
  GALLEY_PLUGIN_ERROR_OPEN,
  GALLEY_PLUGIN_ERROR_SYMBOL,
  GALLEY_PLUGIN_ERROR_ABI,
  GALLEY_PLUGIN_ERROR_NAME,
  GALLEY_PLUGIN_ERROR_INIT,
  GALLEY_PLUGIN_ERROR_UNSAFE,
  GALLEY_PLUGIN_ERROR_INVALID,
  GALLEY_PLUGIN_ERROR_DUPLICATE,
} GalleyPluginError;

/**
 * GalleyPipelineError:
 * @GALLEY_PIPELINE_ERROR_SYNTAX: the file or inline text cannot be parsed
 * @GALLEY_PIPELINE_ERROR_MISSING: a required group or key is absent
 * @GALLEY_PIPELINE_ERROR_UNKNOWN_KEY: a parameter the stage does not have
 * @GALLEY_PIPELINE_ERROR_BAD_VALUE: a value of the wrong type or range
 * @GALLEY_PIPELINE_ERROR_LAYER: a required layer no earlier stage produces
 * @GALLEY_PIPELINE_ERROR_STRUCTURE: stages in an impossible order
 * @GALLEY_PIPELINE_ERROR_STAGE: a stage could not be built from its params
 *
 * The codes of %GALLEY_PIPELINE_ERROR.
 */
typedef enum {
  GALLEY_PIPELINE_ERROR_SYNTAX,
  GALLEY_PIPELINE_ERROR_MISSING,
  GALLEY_PIPELINE_ERROR_UNKNOWN_KEY,
  GALLEY_PIPELINE_ERROR_BAD_VALUE,
  GALLEY_PIPELINE_ERROR_LAYER,
  GALLEY_PIPELINE_ERROR_STRUCTURE,
  GALLEY_PIPELINE_ERROR_STAGE,
} GalleyPipelineError;

/**
 * GalleyStageError:
 * @GALLEY_STAGE_ERROR_FAILED: processing failed for another reason
 * @GALLEY_STAGE_ERROR_INPUT: the input (a document, a line, a file) is bad
 * @GALLEY_STAGE_ERROR_IO: reading or writing failed
 * @GALLEY_STAGE_ERROR_TOO_LARGE: the input passes a configured size limit
 *
 * The codes of %GALLEY_STAGE_ERROR.
 */
typedef enum {
  GALLEY_STAGE_ERROR_FAILED,
  GALLEY_STAGE_ERROR_INPUT,
  GALLEY_STAGE_ERROR_IO,
  GALLEY_STAGE_ERROR_TOO_LARGE,
} GalleyStageError;

/**
 * galley_plugin_error_quark:
 *
 * The error domain behind %GALLEY_PLUGIN_ERROR.
 *
 * Returns: the quark of %GALLEY_PLUGIN_ERROR.
 */
GQuark galley_plugin_error_quark (void);
/**
 * galley_pipeline_error_quark:
 *
 * The error domain behind %GALLEY_PIPELINE_ERROR.
 *
 * Returns: the quark of %GALLEY_PIPELINE_ERROR.
 */
GQuark galley_pipeline_error_quark (void);
/**
 * galley_stage_error_quark:
 *
 * The error domain behind %GALLEY_STAGE_ERROR.
 *
 * Returns: the quark of %GALLEY_STAGE_ERROR.
 */
GQuark galley_stage_error_quark (void);

G_END_DECLS
