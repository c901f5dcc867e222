#!/bin/sh
# stray-output.sh: standard output is the documents' (export-jsonl
# path=-, the default pipeline's). What a stage prints there itself (a
# plugin's debugging printf, a library's chatter) goes to standard error
# instead, where it is seen, and the documents stay whole. Before, the
# stage's lines came out among the documents, and a reader of the JSON
# Lines met lines that are not JSON. --summary=json still writes to
# standard output; a run whose sinks do not write path=- is left as it
# is (a sink writing path=/dev/stdout opens descriptor 1 itself).
. "$TEST_SRCDIR/lib.sh"

mkdir -p "$T/spool"
printf 'First\nPrint here.\n' > "$T/spool/a.txt"
printf 'Second\nNot here.\n' > "$T/spool/b.txt"
stray="cron-crash: printf on standard output
cron-crash: write to descriptor 1"

"$GALLEY" run -q -j 1 -P "$CRON_PLUGINS" --no-supervise \
  -e "read-files path=$T/spool ! cron-crash marker=Print how=print ! export-jsonl path=-" \
  > "$T/out" 2> "$T/err" < /dev/null
status=$?
[ "$status" -eq 0 ] || fail "exit $status: $(cat "$T/err")"
expect_file_eq "$T/err" "$stray"
[ "$(ids_jsonl "$T/out" | tr '\n' ' ')" = "a.txt b.txt " ] \
  || fail "standard output is not the two documents: $(cat "$T/out")"
grep -v '^{"id":' "$T/out" && fail "a line that is not a document on standard output"

# the same under supervision (the run's child writes the documents)
"$GALLEY" run -q -j 1 -P "$CRON_PLUGINS" --supervise --summary=json \
  -e "read-files path=$T/spool ! cron-crash marker=Print how=print ! export-jsonl path=-" \
  > "$T/out" 2> "$T/err" < /dev/null
status=$?
[ "$status" -eq 0 ] || fail "supervised: exit $status: $(cat "$T/err")"
expect_file_eq "$T/err" "$stray"
[ "$(wc -l < "$T/out")" -eq 3 ] || fail "supervised: not two documents and the summary: $(cat "$T/out")"
expect_grep '^{"status":0,"read":2,"done":2,' "$T/out"

finish
