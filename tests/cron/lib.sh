# lib.sh: helpers for the cron shell tests. Source it; it sets up a
# temporary directory ($T) removed at exit, and the check helpers.
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/galley-cron.XXXXXX")
# BG: pids of runs started in the background, killed if the test ends early
BG=
trap 'for p in $BG; do kill -KILL "$p" 2>/dev/null; done; rm -rf "$T"' EXIT
FIXTURES="$TOP_BUILDDIR/tests/fixtures/plugins/good"
CRON_PLUGINS="$TOP_BUILDDIR/tests/cron/plugins"
failures=0

fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

skip () {
  echo "SKIP: $*" >&2
  exit 77
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

# expect_empty FILE
expect_empty () {
  [ ! -s "$1" ] || { fail "$1 is not empty"; sed 's/^/  /' "$1" | head -20 >&2; }
}

# expect_grep PATTERN FILE (basic regular expression)
expect_grep () {
  grep -q -e "$1" "$2" || { fail "'$1' not found in $2"; sed 's/^/  /' "$2" | head -20 >&2; }
}

expect_no_grep () {
  ! grep -q -e "$1" "$2" || { fail "'$1' found in $2"; grep -e "$1" "$2" | head -5 >&2; }
}

# SUMMARY: the regular expression of the one-line run summary, given
# "READ DONE REJECTED" and an optional ", N unchanged" part.
summary_re () {
  printf '^galley: %s read, %s done, %s rejected%s in [0-9.]* s ([0-9.]* MB/s)' \
    "$1" "$2" "$3" "${4:+, $4 unchanged}"
}

# make_spool DIR FIRST LAST [WORD]: one small article per file, nNNN.txt.
make_spool () {
  mkdir -p "$1"
  i=$2
  while [ "$i" -le "$3" ]; do
    printf 'Article %s %s\nMinister Jane Doe said on Monday that the council of Springfield approved %s new homes near the river.\n' \
      "$i" "${4:-headline}" "$i" > "$1/n$i.txt"
    i=$((i + 1))
  done
}

# sql DB QUERY: prints the rows of QUERY, one column per line.
sql () {
  if [ -n "${SQLITE3:-}" ] && [ "$SQLITE3" != no ]; then
    "$SQLITE3" -batch "$1" "$2"
  elif command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 -batch "$1" "$2"
  else
    "${PYTHON3:-python3}" -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' "$1" "$2"
  fi
}

# The ids each output holds, one per line, sorted, duplicates kept.
ids_jsonl () { sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$1" | LC_ALL=C sort; }
ids_csv () { tail -n +2 "$1" | cut -d, -f1 | LC_ALL=C sort; }
ids_sqlite () { sql "$1" 'SELECT id FROM documents' | LC_ALL=C sort; }
ids_state () { sql "$1" 'SELECT id FROM documents' | LC_ALL=C sort; }
ids_spool () { (cd "$1" && ls) | LC_ALL=C sort; }

# expect_ids WHAT GOT_FILE WANT_FILE: the same ids, each exactly once.
expect_ids () {
  if ! cmp -s "$2" "$3"; then
    fail "$1: ids differ from the expected ones (< expected, > got)"
    diff "$3" "$2" | head -10 >&2
  fi
}

finish () {
  [ "$failures" -eq 0 ] && exit 0
  echo "$failures failure(s)" >&2
  exit 1
}
