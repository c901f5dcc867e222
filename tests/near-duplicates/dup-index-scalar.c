/* dup-index-scalar.c: the index built without SSE2, so that the suite
 * of test-dup-index.c also runs the portable loops that compare a line
 * of the table slot by slot (built with SSE2 on every x86-64, they
 * would otherwise never be compiled here). */
#undef __SSE2__
#include "dup-index.c"
