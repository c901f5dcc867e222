/* jsonl-write.c: the tables jsonl-write.h's inline writers share. */
#include "config.h"

#include "jsonl-write.h"

/* E1 (O), E2 (T, O), E3 (H, T, O): the entry of a number of one, two or
 * three digits: its digits, NUL bytes to fill three, and the count */
#define E1(o) #o "\0\0\1"
#define E2(t, o) #t #o "\0\2"
#define E3(h, t, o) #h #t #o "\3"
#define TENS(e, ...) \
  e (__VA_ARGS__, 0) e (__VA_ARGS__, 1) e (__VA_ARGS__, 2) e (__VA_ARGS__, 3) \
  e (__VA_ARGS__, 4) e (__VA_ARGS__, 5) e (__VA_ARGS__, 6) e (__VA_ARGS__, 7) \
  e (__VA_ARGS__, 8) e (__VA_ARGS__, 9)
#define HUNDRED(h) \
  TENS (E3, h, 0) TENS (E3, h, 1) TENS (E3, h, 2) TENS (E3, h, 3) TENS (E3, h, 4) \
  TENS (E3, h, 5) TENS (E3, h, 6) TENS (E3, h, 7) TENS (E3, h, 8) TENS (E3, h, 9)

const char jsonl_digit_triples[4001] =
  E1 (0) E1 (1) E1 (2) E1 (3) E1 (4) E1 (5) E1 (6) E1 (7) E1 (8) E1 (9)
  TENS (E2, 1) TENS (E2, 2) TENS (E2, 3) TENS (E2, 4) TENS (E2, 5)
  TENS (E2, 6) TENS (E2, 7) TENS (E2, 8) TENS (E2, 9)
  HUNDRED (1) HUNDRED (2) HUNDRED (3) HUNDRED (4) HUNDRED (5)
  HUNDRED (6) HUNDRED (7) HUNDRED (8) HUNDRED (9);

const char jsonl_digit_pairs[201] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";
