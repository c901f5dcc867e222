#!/bin/sh
# exports.sh: libgalley-sdk and libgalley-check export exactly their
# documented API, as listed in sdk/libgalley-*.symbols, and every listed
# symbol is declared in an installed header. A symbol that leaks (a
# private helper, the harness in the SDK) or disappears is an ABI change
# that must be made on purpose: update the list in the same commit.
set -u

sdk_src=${TOP_SRCDIR:?}/sdk
sdk_build=${TOP_BUILDDIR:?}/sdk
work=$(mktemp -d "${TMPDIR:-/tmp}/galley-exports.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

command -v nm >/dev/null || { echo "SKIP: no nm"; exit 77; }
fail=0
for lib in libgalley-sdk libgalley-check; do
  so=$sdk_build/.libs/$lib.so
  [ -f "$so" ] || { echo "FAIL: $so not built"; exit 1; }
  nm -D --defined-only "$so" | awk '$3 !~ /^_/ { print $3 }' | sort > "$work/$lib.actual"
  if ! diff -u "$sdk_src/$lib.symbols" "$work/$lib.actual" > "$work/diff"; then
    echo "FAIL: $lib exports differ from sdk/$lib.symbols (+ exported, - listed):"
    cat "$work/diff"
    fail=1
  else
    echo "ok: $lib exports the $(wc -l < "$work/$lib.actual") symbols of sdk/$lib.symbols"
  fi
  while read -r sym; do
    if ! grep -q "\\<$sym\\>" "$sdk_src"/galley/*.h; then
      echo "FAIL: $lib exports $sym, which no installed header declares"
      fail=1
    fi
  done < "$work/$lib.actual"
done
exit $fail
