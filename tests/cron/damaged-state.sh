#!/bin/sh
# damaged-state.sh: a state file damaged in its middle pages is refused
# before anything is read (PRAGMA quick_check): the run exits 4 with a
# message naming the file and the way out, the outputs and the state are
# left as they were; `galley state --reset` moves it aside and the next
# run starts a new state.
. "$TEST_SRCDIR/lib.sh"

# 3000 documents: a state of about 80 pages
i=0
while [ $i -lt 3000 ]; do
  printf '{"id": "doc-%04d", "text": "Minister Jane Doe spoke on Monday, article %d."}\n' $i $i
  i=$((i + 1))
done > "$T/in.jsonl"
p="read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/out.jsonl mode=replace"
expect_status 0 "$GALLEY" run --state "$T/state.db" -e "$p"
expect_grep "$(summary_re 3000 3000 0)" "$T/err"
expect_status 0 "$GALLEY" run --state "$T/state.db" -e "$p"
expect_grep "$(summary_re 3000 0 0 3000)" "$T/err"
[ "$(wc -l < "$T/out.jsonl")" -eq 0 ] || fail "the unchanged run wrote documents"
echo "the previous output" > "$T/out.jsonl"
cp "$T/out.jsonl" "$T/out.before"

# Damage 4 pages in the middle of the file (page size 4096).
pages=$(($(wc -c < "$T/state.db") / 4096))
[ "$pages" -gt 20 ] || fail "the state has only $pages pages"
dd if=/dev/zero of="$T/state.db" bs=4096 seek=$((pages / 2)) count=4 conv=notrunc 2>/dev/null
cp "$T/state.db" "$T/state.damaged"

expect_status 4 "$GALLEY" run --state "$T/state.db" -e "$p"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "more than the one error line"
expect_grep "^galley: error: state file $T/state.db is damaged (Page [0-9]*: .*); nothing was read or written. 'galley state --reset $T/state.db' moves it aside, and the next run starts a new state (and processes every document once more)\$" "$T/err"
cmp -s "$T/out.jsonl" "$T/out.before" || fail "the refused run changed the replace-mode output"
cmp -s "$T/state.db" "$T/state.damaged" || fail "the refused run wrote to the damaged state"
ls "$T" > "$T/files"
expect_no_grep 'out\.jsonl\..*tmp\|\.galley-tmp' "$T/files"

# The way out the message gives
expect_status 0 "$GALLEY" state --reset "$T/state.db"
moved=$(ls "$T" | grep '^state\.db\.reset-[0-9]\{8\}T[0-9]\{6\}Z$')
[ -n "$moved" ] || fail "no state.db.reset-TIME"
expect_file_eq "$T/out" "State file $T/state.db moved to $T/$moved; the next run starts a new state."
[ -e "$T/state.db" ] && fail "state.db is still there"
cmp -s "$T/$moved" "$T/state.damaged" || fail "the moved file is not the damaged one"
expect_status 0 "$GALLEY" run --state "$T/state.db" -e "$p"
expect_grep "$(summary_re 3000 3000 0)" "$T/err"
[ "$(wc -l < "$T/out.jsonl")" -eq 3000 ] || fail "the run after --reset did not write every document"

# A state cut short (a copy that stopped, a full disk): SQLite's
# "malformed" at the first read, with the same way out, not a format error
head -c 5000 "$T/$moved" > "$T/short.db"
expect_status 4 "$GALLEY" run --state "$T/short.db" -e "$p"
expect_file_eq "$T/err" "galley: error: state file $T/short.db is damaged (database disk image is malformed). 'galley state --reset $T/short.db' moves it aside, and the next run starts a new state (and processes every document once more)"
expect_status 4 "$GALLEY" state "$T/short.db"
expect_file_eq "$T/err" "galley: error: state file $T/short.db is damaged (database disk image is malformed). 'galley state --reset $T/short.db' moves it aside, and the next run starts a new state (and processes every document once more)"

# --reset of a file that is not there
expect_status 4 "$GALLEY" state --reset "$T/missing.db"
expect_file_eq "$T/err" "galley: error: cannot reset the state file $T/missing.db: No such file or directory"

# --reset of a directory (a wrong path given): refused, and left where it is
mkdir "$T/dir.db"
expect_status 4 "$GALLEY" state --reset "$T/dir.db"
expect_file_eq "$T/err" "galley: error: cannot reset the state file $T/dir.db: Is a directory"
[ -d "$T/dir.db" ] || fail "--reset moved a directory"
ls "$T" | grep -q '^dir\.db\.reset-' && fail "--reset made a dir.db.reset-TIME"

finish
