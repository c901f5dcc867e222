/* fuzz-language-fast-src.c: the language stage's first tier, built into
 * the fuzz target of that name (the stage's library also holds CLD2's C++
 * side, which the target does not need). */
#include "plugins/language/detect-fast.c"
#include "plugins/language/function-words.c"
