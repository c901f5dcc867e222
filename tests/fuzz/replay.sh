#!/bin/sh
# replay.sh PROGRAM: the test driver of `make check` in tests/fuzz. Runs
# replay-TARGET over every file of corpus/TARGET and crashes/TARGET (the
# inputs that once broke TARGET and must not again). FUZZ_DIR is the
# source directory of tests/fuzz.
prog=$1
target=${prog##*/replay-}
target=${target%.exe}
dirs=
for d in "$FUZZ_DIR/corpus/$target" "$FUZZ_DIR/crashes/$target"; do
  [ -d "$d" ] && dirs="$dirs $d"
done
if [ -z "$dirs" ]; then
  echo "replay.sh: no corpus for $target in $FUZZ_DIR/corpus" >&2
  exit 1
fi
# shellcheck disable=SC2086 # $dirs is a list of directories without spaces
exec "$prog" $dirs
