/* dup-index-scalar.c: the index built without SSE2, so that the suite
 * of test-dup-index.c also runs the portable loops that compare a line
 * of the table slot by slot (built with SSE2 on every x86-64, they
 * would otherwise never be compiled here); and with at most 100 frozen
 * entries, so that its larger frozen indexes go to the hash table
 * instead, as those of more than 33 million entries do. */
#undef __SSE2__
#define DUP_FROZEN_MAX_ENTRIES 100u
#include "dup-index.c"
