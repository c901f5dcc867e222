#!/bin/sh
# exit-status.sh: the exit statuses galley(1) documents, from real runs.
. "$TEST_SRCDIR/lib.sh"
P="--plugin-path $FIXTURES/good"

# 0: every document done
expect_status 0 "$GALLEY" run $P -e "test-source count=3 ! test-sink path=$T/o"
expect_file_eq "$T/o" "doc-1
doc-2
doc-3"
expect_grep '^galley: 3 read, 3 done, 0 rejected in ' "$T/err"

# 1: some rejected, the rest written, rejects recorded
expect_status 1 "$GALLEY" run $P --rejects "$T/rej.jsonl" -e "test-source count=3 ! test-filter fail-ids=doc-2 ! test-sink path=$T/o"
expect_file_eq "$T/o" "doc-1 marked
doc-3 marked"
expect_grep "^galley: warning: document 'doc-2' rejected by \[test-filter\]: test-filter refuses doc-2$" "$T/err"
expect_file_eq "$T/rej.jsonl" '{"id":"doc-2","text":"Text of doc-2.","origin":"doc-2","stage":"test-filter","error":"test-filter refuses doc-2"}'

# 1: an input line that is no document (binary, bad JSON) has no id to
# name: the warning names the file and line instead
printf '{"id":"a","text":"ok"}\n\001\002\003\n{"id":"b","text":"cut\n' > "$T/in.jsonl"
expect_status 1 "$GALLEY" run -q -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/out.jsonl"
expect_file_eq "$T/err" "galley: warning: input rejected by [read-jsonl]: $T/in.jsonl:2: binary data, not JSON
galley: warning: document 'b' rejected by [read-jsonl]: $T/in.jsonl:3: invalid JSON: premature EOF
$(sed -n '$p' "$T/err")"
expect_grep '^galley: 3 read, 1 done, 2 rejected in ' "$T/err"

# 1 with --on-error=abort: nothing committed
echo previous > "$T/o"
expect_status 1 "$GALLEY" run $P --on-error=abort -e "test-source count=3 ! test-filter fail-ids=doc-2 ! test-sink path=$T/o"
expect_file_eq "$T/o" "previous"
expect_grep 'aborted (on-error=abort): nothing committed' "$T/err"
# ... but the rejects file keeps the line that says why it stopped
rm -f "$T/rej.jsonl"
expect_status 1 "$GALLEY" run $P --on-error=abort --rejects "$T/rej.jsonl" -e "test-source count=3 ! test-filter fail-ids=doc-2 ! test-sink path=$T/o"
expect_file_eq "$T/rej.jsonl" '{"id":"doc-2","text":"Text of doc-2.","origin":"doc-2","stage":"test-filter","error":"test-filter refuses doc-2"}'

# 4: a rejects file that cannot be written stops the run as a sink that
# cannot write does (the state would skip a document with no line for it)
if [ -w /dev/full ]; then
  expect_status 4 "$GALLEY" run $P --rejects /dev/full -e "test-source count=3 ! test-filter fail-ids=doc-2 ! test-sink path=$T/o"
  expect_file_eq "$T/err" "galley: warning: document 'doc-2' rejected by [test-filter]: test-filter refuses doc-2
galley: error: rejects file /dev/full: write failed: No space left on device
galley: 3 read, 2 done, 1 rejected in $(sed -n '$s/.* rejected in //p' "$T/err")"
fi

# 4: a run that fails commits no rejects either: the next run rejects its
# documents again (here the sink breaks at doc-4, after doc-2's rejection)
echo '{"old":1}' > "$T/rej.jsonl"
expect_status 4 "$GALLEY" run $P -j 1 --rejects "$T/rej.jsonl" -e "test-source count=5 ! test-filter fail-ids=doc-2 ! test-sink path=$T/o fail-from=doc-4"
expect_file_eq "$T/rej.jsonl" '{"old":1}'
# ... and its summary says so: "done" counts documents written before the
# failure, which the next run does again
expect_grep '^galley: 4 read, 2 done, 1 rejected in .*; failed: nothing committed$' "$T/err"
# with checkpoints, what the last one committed (so for an abort)
expect_status 1 "$GALLEY" run $P -j 1 --checkpoint 2 --on-error abort -e "test-source count=6 ! test-filter fail-ids=doc-5 ! export-sqlite path=$T/ck.db"
expect_grep '^galley: 5 read, 4 done, 1 rejected in .*; aborted (on-error=abort): only the 4 done by the last checkpoint committed$' "$T/err"

# 2: a pipeline error
expect_status 2 "$GALLEY" run $P -e "test-source ! test-filter"
expect_file_eq "$T/err" "galley: error: -e: the pipeline has no sink: add an exporter such as export-jsonl"

# 1: a hundred rejections are logged one by one, the rest counted and
# said once; the rejects file keeps every one
yes "$(printf '\001\002\003')" | head -n 130 > "$T/bad.jsonl"
expect_status 1 "$GALLEY" run -q --rejects "$T/rej130.jsonl" -e "read-jsonl path=$T/bad.jsonl ! export-jsonl path=$T/out.jsonl"
[ "$(grep -c '^galley: warning: input rejected by \[read-jsonl\]: ' "$T/err")" = 100 ] \
  || fail "not 100 rejections logged: $(grep -c 'input rejected' "$T/err")"
expect_grep "^galley: warning: input rejected by \[read-jsonl\]: $T/bad.jsonl:100: binary data, not JSON$" "$T/err"
expect_grep "^galley: warning: 100 rejections logged: the others are only counted and written to $T/rej130.jsonl$" "$T/err"
expect_grep '^galley: 130 read, 0 done, 130 rejected in ' "$T/err"
[ "$(wc -l < "$T/rej130.jsonl")" = 130 ] || fail "the rejects file does not hold all 130"
expect_status 1 "$GALLEY" run -q -e "read-jsonl path=$T/bad.jsonl ! export-jsonl path=$T/out.jsonl"
expect_grep "^galley: warning: 100 rejections logged: the others are only counted (--rejects=FILE keeps every one)$" "$T/err"

# 3: a stage whose plugin failed to load
expect_status 3 "$GALLEY" run --plugin-path "$FIXTURES/broken" -e "broken-1 ! test-sink path=$T/o"

# 4: an output that cannot be written
expect_status 4 "$GALLEY" run $P -e "test-source ! test-sink path=$T/no/such/dir/o"
expect_grep "cannot create output" "$T/err"

# --quiet: nothing on success, the summary on failure
expect_status 0 "$GALLEY" run -q $P -e "test-source count=3 ! test-sink path=$T/o"
[ -s "$T/err" ] && fail "--quiet printed on success: $(cat "$T/err")"
expect_status 1 "$GALLEY" run -q $P -e "test-source count=3 ! test-filter fail-ids=doc-1 ! test-sink path=$T/o"
expect_grep "rejected by \[test-filter\]" "$T/err"
expect_grep '^galley: 3 read, 2 done, 1 rejected in ' "$T/err"


# 2: a stage nobody provides, when every plugin loaded, is a typo
expect_status 2 "$GALLEY" run -e "read-jsnl path=$T/in.jsonl ! export-jsonl path=$T/out.jsonl"
expect_file_eq "$T/err" "galley: error: -e: stage 1 (read-jsnl) no stage named 'read-jsnl'; did you mean 'read-jsonl'? (see \`galley plugins\`)"

# 4: a read error after some documents: the error, then the summary of
# what was read (a run that failed before reading anything has none)
expect_status 4 "$GALLEY" run $P -e "test-source count=5 fatal-at=3 ! test-sink path=$T/o"
expect_grep '^galley: error: test-source: item 3: device on fire$' "$T/err"
expect_grep '^galley: 2 read, 2 done, 0 rejected in ' "$T/err"
[ "$(wc -l < "$T/err")" = 2 ] || fail "not the error and the summary: $(cat "$T/err")"

# 4: the reader of the output went away (a pipe into head): an output
# error that stops the run, supervised (with a state) or not; SIGPIPE
# killed the process before, which supervision took for a crash of a
# stage, rejecting a document and restarting the run ten times
i=0
# (over the 1 MiB a pipe may hold: 10,000 documents of 40 tokens)
while [ $i -lt 10000 ]; do
  printf '{"id":"p%d","text":"Officials in Lisbon said on Monday that story %d was ready, and critics disagreed again. The council met on Tuesday in Porto; it voted, and the plan passed by nine votes to two."}\n' $i $i
  i=$((i + 1))
done > "$T/many.jsonl"
for state in "" "--state $T/pipe.state"; do
  { "$GALLEY" run $state -e "read-jsonl path=$T/many.jsonl ! tokenizer ! export-jsonl path=-" 2> "$T/err"
    echo $? > "$T/status"; } | head -c 10 > /dev/null
  [ "$(cat "$T/status")" = 4 ] || fail "output pipe closed ($state): exit $(cat "$T/status"): $(cat "$T/err")"
  expect_grep '^galley: error: -e: stage 3 (export-jsonl) write failed: <stdout>: write failed: Broken pipe$' "$T/err"
  grep -q "crashed" "$T/err" && fail "output pipe closed ($state): $(cat "$T/err")"
done
expect_status 0 "$GALLEY" state "$T/pipe.state"
expect_grep '^Documents:  0$' "$T/out"

# Started with a standard descriptor closed: no file the run opens takes
# its number, so neither the warnings (2>&-) nor the JSON summary (>&-)
# end up in the output; using the closed one still fails as it did.
# closed FD ARGS: galley itself, not libtool's wrapper script (whose shell
# holds the script open on the lowest free descriptor), with FD closed.
closed () {
  fd=$1; shift
  "$TOP_BUILDDIR/libtool" --mode=execute sh -c "exec \"\$0\" \"\$@\" $fd>&-" "$GALLEY" "$@"
}
printf '{"id":"1","text":"hello"}\n{bad\n{"id":"2","text":"world"}\n' > "$T/bad.jsonl"
good_lines='{"id":"1","meta":{},"features":{},"layers":{}}
{"id":"2","meta":{},"features":{},"layers":{}}'
closed 2 run -e "read-jsonl path=$T/bad.jsonl ! export-jsonl path=$T/closed2.jsonl"
[ $? -eq 1 ] || fail "stderr closed: exit status"
expect_file_eq "$T/closed2.jsonl" "$good_lines"
closed 1 run --summary=json -e "read-jsonl path=$T/bad.jsonl ! export-jsonl path=$T/closed1.jsonl" 2>/dev/null
[ $? -eq 1 ] || fail "stdout closed: exit status"
expect_file_eq "$T/closed1.jsonl" "$good_lines"
closed 1 run -e "read-jsonl path=$T/bad.jsonl ! export-jsonl path=-" 2>"$T/err"
[ $? -eq 4 ] || fail "stdout closed, output to it: exit status"
expect_grep '^galley: error: -e: stage 2 (export-jsonl) commit failed: <stdout>: write failed: Bad file descriptor$' "$T/err"
closed 0 run -e "read-jsonl path=- ! export-jsonl path=$T/closed0.jsonl" 2>"$T/err"
[ $? -eq 4 ] || fail "stdin closed: exit status"
expect_file_eq "$T/err" "galley: error: <stdin>: read error: Bad file descriptor"
finish
