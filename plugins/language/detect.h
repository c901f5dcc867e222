/* detect.h: language identification of one text, a C face on CLD2.
 *
 * CLD2's interface is C++; detect-cld2.cc is the only C++ in the plugin
 * and keeps every C++ type behind these two functions.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The code written for text with nothing to judge (no letters, or none
 * CLD2 recognises): ISO 639-2 "undetermined". */
#define LANGUAGE_UNDETERMINED "und"

typedef struct {
  /* ISO 639-1 where one exists, else 639-3; LANGUAGE_UNDETERMINED when
   * nothing could be judged. Static storage. */
  const char *code;
  /* 0 .. 1: the share of the judged text in that language, halved when
   * CLD2 calls the guess unreliable (too little text, a close second). */
  double confidence;
} LanguageGuess;

/* language_detect: the language of @text (@len bytes of valid UTF-8).
 * Thread-safe: CLD2 keeps its tables in read-only static data and its
 * scratch space on the stack. */
void language_detect (const char *text, gsize len, LanguageGuess *guess);

/* language_detector_version: CLD2's version string, for the docs. */
const char *language_detector_version (void);

G_END_DECLS
