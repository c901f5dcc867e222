/* fuzz-annotated-src.c: plugins/entity-tagger/annotated.c, built into
 * the fuzz target of the same name (the training tool that owns it is a
 * program, so there is no library to link). */
#include "plugins/entity-tagger/annotated.c"
