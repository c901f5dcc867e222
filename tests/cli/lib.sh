# lib.sh: helpers for the shell tests. Source it; it sets up a temporary
# directory ($T) removed at exit, and `check` / `expect_status` helpers.
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/galley-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
FIXTURES="$TOP_BUILDDIR/tests/fixtures/plugins"
failures=0

fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# expect_status WANT CMD...: runs CMD, stdout to $T/out, stderr to $T/err.
expect_status () {
  want=$1; shift
  "$@" >"$T/out" 2>"$T/err"
  got=$?
  if [ "$got" -ne "$want" ]; then
    fail "exit $got, expected $want: $*"
    sed 's/^/  stderr: /' "$T/err" >&2
  fi
}

# expect_file_eq FILE TEXT: FILE holds exactly TEXT (plus a final newline).
expect_file_eq () {
  printf '%s\n' "$2" > "$T/expected"
  if ! cmp -s "$1" "$T/expected"; then
    fail "$1 differs from the expected text"
    diff -u "$T/expected" "$1" >&2 | head -40
  fi
}

# expect_grep PATTERN FILE
expect_grep () {
  grep -q -e "$1" "$2" || { fail "'$1' not found in $2"; sed 's/^/  /' "$2" | head -20 >&2; }
}

finish () {
  [ "$failures" -eq 0 ] && exit 0
  echo "$failures failure(s)" >&2
  exit 1
}
