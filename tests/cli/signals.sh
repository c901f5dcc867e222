#!/bin/sh
# signals.sh: SIGTERM and SIGINT stop reading, finish what is in flight,
# commit, and exit 0.
. "$TEST_SRCDIR/lib.sh"

for sig in TERM INT; do
  rm -f "$T/fifo" "$T/o.jsonl"
  mkfifo "$T/fifo"
  "$GALLEY" run -j 2 -e "read-jsonl path=$T/fifo ! export-jsonl path=$T/o.jsonl" 2>"$T/err" &
  pid=$!
  exec 3>"$T/fifo"
  printf '{"id":"a","text":"First."}\n{"id":"b","text":"Second."}\n' >&3
  sleep 1
  kill -s "$sig" "$pid"
  wait "$pid"
  status=$?
  exec 3>&-
  [ "$status" -eq 0 ] || fail "SIG$sig: exit $status, expected 0"
  expect_grep '"id":"a"' "$T/o.jsonl"
  expect_grep '"id":"b"' "$T/o.jsonl"
  expect_grep 'interrupted' "$T/err"
done

finish
