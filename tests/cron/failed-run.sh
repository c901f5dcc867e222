#!/bin/sh
# failed-run.sh: a run whose source fails before its end (a missing path,
# an unreadable input, a pattern that matched nothing) commits nothing:
# every replace-mode output stays exactly as it was, with on-error=skip or
# abort; the exit status is 4 and the error names the path; the state
# records nothing of the run.
. "$TEST_SRCDIR/lib.sh"

printf '{"id":"old","text":"Yesterday."}\n' > "$T/keep.jsonl.orig"
printf 'id,title\nold,Yesterday\n' > "$T/keep.csv.orig"
mkdir "$T/dir.jsonl"

# check_kept SOURCE ERROR [ON_ERROR]: the run over SOURCE exits 4 with ERROR
# and both outputs are as they were.
check_kept () {
  cp "$T/keep.jsonl.orig" "$T/keep.jsonl"
  cp "$T/keep.csv.orig" "$T/keep.csv"
  expect_status 4 "$GALLEY" run -P "$FIXTURES" ${3:+--on-error "$3"} --state "$T/state.db" \
    -e "$1 ! export-jsonl path=$T/keep.jsonl ! export-csv path=$T/keep.csv"
  expect_grep "^galley: error: $2\$" "$T/err"
  cmp -s "$T/keep.jsonl" "$T/keep.jsonl.orig" || fail "$1 ${3:-}: keep.jsonl changed"
  cmp -s "$T/keep.csv" "$T/keep.csv.orig" || fail "$1 ${3:-}: keep.csv changed"
  [ "$(ls "$T" | grep -c '\.tmp\|~')" -eq 0 ] || fail "$1 ${3:-}: temporary files left: $(ls "$T")"
  [ "$(sql "$T/state.db" 'SELECT count(*) FROM documents')" -eq 0 ] \
    || fail "$1 ${3:-}: the state recorded documents"
}

for policy in skip abort; do
  check_kept "read-jsonl path=$T/nonexistent" "$T/nonexistent: cannot open: No such file or directory" $policy
  check_kept "read-jsonl path=$T/dir.jsonl" "$T/dir.jsonl: .*" $policy
  check_kept "read-files path=$T/nothing/*.txt" "$T/nothing/\\*.txt: no such file or no matching files" $policy
  check_kept "read-html path=$T/nothing/*.html" "$T/nothing/\\*.html: no such file or no matching files" $policy
  check_kept "read-feed path=$T/nothing/*.xml" "$T/nothing/\\*.xml: no such file or no matching files" $policy
done

# A read error after some documents: those are not committed either.
for policy in skip abort; do
  check_kept "test-source count=5 fatal-at=3" "test-source: item 3: device on fire" $policy
done

finish
