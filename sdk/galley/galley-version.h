/**
 * SECTION:galley-version
 * @title: ABI version
 * @short_description: the plugin ABI version stamped into every plugin
 *
 * ABI policy: the core loads a plugin when the plugin's major equals the
 * core's and the plugin's minor is not newer than the core's. A minor
 * version may only add functions and add fields to public structs: at the
 * end of a struct the core reads through a pointer (the descriptor), or
 * in a reserved slot of a struct that plugins put in arrays
 * (#GalleyParamSpec, #GalleyStageClass), whose size never changes within a
 * major. The core reads a new field only from plugins whose minor is new
 * enough. Anything else bumps the major.
 *
 * What each minor added:
 *
 * - 1.1: #GalleyStageClass.modifies and .reads_optional (the layers a stage
 *   changes or reads without requiring them).
 * - 1.2: functions for stages that make many spans or features at once
 *   (galley_layer_append_spans(), galley_layer_set_feature_double_column(),
 *   galley_layer_set_feature_int_column()) and for writers of JSON
 *   (galley_json_write_string() and its kin).
 * - 1.3: galley_document_new_take_valid() (a document from text its reader
 *   has already checked) and galley_layer_get_feature_column() (a feature
 *   column's values as one array).
 * - 1.4: galley_layer_set_feature_string_column() (a string feature for
 *   the first n spans at once).
 * - 1.5: galley_suggest() and galley_edit_distance() (a "did you mean" for
 *   a stage's own checks of its values) and
 *   galley_language_filter_new_checked() (languages= entries that are no
 *   ISO 639 code refused).
 * - 1.6: galley_run_is_stopping() (a stage that waits in a loop of its
 *   own ends the wait when the run is asked to stop).
 * - 1.7: galley_merge_commit() (appends in place when the run replaces
 *   nothing); append-mode outputs commit in place, not by a copy.
 * - 1.8: %GALLEY_UTF8_WINDOWS_1252 (galley_utf8_make_valid() reads each
 *   invalid byte as windows-1252).
 */
#pragma once

/**
 * GALLEY_ABI_MAJOR:
 *
 * The ABI major version: a plugin loads only into a core of the same major.
 */
#define GALLEY_ABI_MAJOR 1
/**
 * GALLEY_ABI_MINOR:
 *
 * The ABI minor version: a plugin loads into a core whose minor is the
 * same or newer.
 */
#define GALLEY_ABI_MINOR 8
