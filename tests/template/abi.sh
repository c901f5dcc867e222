#!/bin/sh
# abi.sh: the ABI policy of sdk/galley/galley-version.h, seen from galley:
# a module stamped with this major and an older (or equal) minor loads and
# runs; one stamped with the next major is refused with a message naming
# the file and both versions.
set -u
: "${GALLEY:?}" "${ABI_DIR:?}"

fail=0
work=$(mktemp -d "${TMPDIR:-/tmp}/galley-abi.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

# "galley 0.1.0 (plugin ABI 1.0)" -> 1 and 0
version=$("$GALLEY" --version) || { echo "FAIL: galley --version"; exit 1; }
abi=$(printf '%s\n' "$version" | sed -n 's/.*plugin ABI \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
set -- $abi
major=${1:?cannot read the ABI from: $version}
minor=${2:?}
next=$((major + 1))

"$GALLEY" plugins --plugin-path "$ABI_DIR" > "$work/out" 2>&1
expected="$ABI_DIR/next-major.la: plugin ABI $next.0 is not compatible with this galley (ABI $major.$minor)"
if grep -qF -- "$expected" "$work/out"; then
  echo "ok: next-major.la refused: $expected"
else
  echo "FAIL: expected the line: $expected"
  cat "$work/out"
  fail=1
fi
if grep -q '^ *abi-old-minor  *filter' "$work/out" \
   && ! grep -q 'old-minor.la:' "$work/out"; then
  echo "ok: old-minor.la loaded"
else
  echo "FAIL: old-minor.la was not loaded"
  cat "$work/out"
  fail=1
fi

# the older module's stage runs in a pipeline
printf '{"id": "a1", "text": "Talks resumed."}\n' > "$work/in.jsonl"
if "$GALLEY" run --plugin-path "$ABI_DIR" -q \
     -e 'read-jsonl path=- ! abi-old-minor ! export-jsonl path=-' \
     < "$work/in.jsonl" > "$work/run" 2> "$work/err"; then
  if grep -qF '"abi.fixture":"abi-old-minor"' "$work/run"; then
    echo "ok: abi-old-minor ran"
  else
    echo "FAIL: abi-old-minor did not mark the document:"
    cat "$work/run"
    fail=1
  fi
else
  echo "FAIL: the pipeline with abi-old-minor failed:"
  cat "$work/err"
  fail=1
fi

# its parameter table, in the ABI 1.0 layout, is read entry by entry:
# the second entry's range (1-4) holds
printf '{"id": "a1", "text": "Talks resumed."}\n' > "$work/in.jsonl"
if "$GALLEY" run --plugin-path "$ABI_DIR" -q \
     -e 'read-jsonl path=- ! abi-old-minor label=ab times=3 ! export-jsonl path=-' \
     < "$work/in.jsonl" > "$work/run" 2> "$work/err" \
   && grep -qF '"abi.fixture":"ababab"' "$work/run"; then
  echo "ok: abi-old-minor read label= and times= from its 1.0 table"
else
  echo "FAIL: abi-old-minor label=ab times=3:"
  cat "$work/run" "$work/err"
  fail=1
fi
"$GALLEY" run --plugin-path "$ABI_DIR" -q \
  -e 'read-jsonl path=- ! abi-old-minor times=5 ! export-jsonl path=-' \
  < "$work/in.jsonl" > "$work/run" 2> "$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -qF "times" "$work/err"; then
  echo "ok: times=5 is out of the 1.0 table's range"
else
  echo "FAIL: times=5 gave exit $status:"
  cat "$work/err"
  fail=1
fi

# a pipeline naming the refused module's stage fails as a plugin load
# error (exit status 3), and says why the module was refused
"$GALLEY" run --plugin-path "$ABI_DIR" -q \
  -e 'read-jsonl path=- ! abi-next-major ! export-jsonl path=-' \
  < "$work/in.jsonl" > "$work/run" 2> "$work/err"
status=$?
if [ $status -eq 3 ] && grep -qF -- "$expected" "$work/err"; then
  echo "ok: a pipeline naming abi-next-major fails (exit $status): $(cat "$work/err")"
else
  echo "FAIL: a pipeline naming abi-next-major exited $status"
  cat "$work/err"
  fail=1
fi
exit $fail
