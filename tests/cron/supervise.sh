#!/bin/sh
# supervise.sh: with a state the pipeline runs in a supervised child. A
# stage that segfaults, aborts, calls exit(0) or hangs past
# --document-timeout on one document: one warning names the document and
# the stage, the document is rejected (the state holds it, with its
# hash), no temporary file is left, the run restarts after it and exits 1
# with every other document in the output exactly once. The next run
# skips it quietly and exits 0. Without a state, --supervise does the same;
# with standard input, there is no restart.
. "$TEST_SRCDIR/lib.sh"
# Here a stage that calls exit(0) ends the process while the other threads still run,
# on purpose; under --enable-tsan that is no thread leak to report (races
# still are).
TSAN_OPTIONS="${TSAN_OPTIONS-} report_thread_leaks=0"; export TSAN_OPTIONS

make_spool "$T/spool" 1 40
printf 'Article 17 BOOM\nThis one breaks the stage.\n' > "$T/spool/n17.txt"
ids_spool "$T/spool" | grep -vx n17.txt > "$T/want"

(sleep 120; kill -KILL $$) >/dev/null 2>&1 &
guard=$!

for how in segv abort exit hang; do
  case $how in
    segv) detail="crashed [cron-crash] (Segmentation fault)" ;;
    abort) detail="crashed [cron-crash] (Aborted)" ;;
    exit) detail="crashed [cron-crash] (exited with status 0)" ;;
    hang) detail="timed out [cron-crash] (still running after 1 s)" ;;
  esac
  rm -rf "$T/state.db" "$T/out.jsonl" "$T/out.csv"
  p="read-files path=$T/spool ! cron-crash marker=BOOM how=$how"
  p="$p ! export-jsonl path=$T/out.jsonl mode=replace ! export-csv path=$T/out.csv mode=replace"
  expect_status 1 "$GALLEY" run -P "$CRON_PLUGINS" -j 2 --document-timeout 1s \
    --state "$T/state.db" -e "$p"
  grep -v '^galley: [0-9]* read' "$T/err" > "$T/err.lines"
  expect_file_eq "$T/err.lines" "galley: warning: document 'n17.txt' $detail; rejected, run restarted after it"
  expect_grep "$(summary_re 40 39 1)\$" "$T/err"
  ids_jsonl "$T/out.jsonl" > "$T/got"
  expect_ids "$how: JSONL" "$T/got" "$T/want"
  ids_csv "$T/out.csv" > "$T/got"
  expect_ids "$how: CSV" "$T/got" "$T/want"
  [ -z "$(ls -A "$T" | grep '^\.out\.')" ] || fail "$how: temporary files left: $(ls -A "$T")"
  [ "$(sql "$T/state.db" "SELECT rejected, error FROM documents WHERE id = 'n17.txt'")" = "1|${detail%% \[*} ${detail#*\] }" ] \
    || fail "$how: the state does not hold n17.txt as rejected: $(sql "$T/state.db" "SELECT * FROM documents WHERE id = 'n17.txt'")"
  "$GALLEY" state --rejected "$T/state.db" > "$T/state.out" 2>&1
  expect_grep "n17.txt" "$T/state.out"

  # the next run skips it, quietly
  expect_status 0 "$GALLEY" run -P "$CRON_PLUGINS" -j 2 --document-timeout 1s \
    --state "$T/state.db" -e "$p"
  expect_grep "$(summary_re 40 0 0 40)\$" "$T/err"
  expect_no_grep "n17" "$T/err"
done

# Without a state: --supervise.
rm -f "$T/out.jsonl"
expect_status 1 "$GALLEY" run -P "$CRON_PLUGINS" -j 1 --supervise \
  -e "read-files path=$T/spool ! cron-crash marker=BOOM ! export-jsonl path=$T/out.jsonl mode=replace"
expect_grep "^galley: warning: document 'n17.txt' crashed \[cron-crash\] (Segmentation fault); rejected, run restarted after it\$" "$T/err"
ids_jsonl "$T/out.jsonl" > "$T/got"
expect_ids "--supervise: JSONL" "$T/got" "$T/want"

# Without a state and without --supervise nothing restarts, and the
# process still dies of the signal, but not silently: one line names the
# document and the stage first. (abort: the fixture's segv takes the
# default action back first, as ASan's handler would otherwise answer.)
expect_status 134 "$GALLEY" run -P "$CRON_PLUGINS" -j 2 \
  -e "read-files path=$T/spool ! cron-crash marker=BOOM how=abort ! export-jsonl path=$T/out.jsonl mode=replace"
expect_file_eq "$T/err" "galley: error: document 'n17.txt' crashed [cron-crash] (Aborted); the run stopped (galley run --supervise rejects such a document and goes on)"
# a crash with no document in a stage (here when the stage is freed)
expect_status 134 "$GALLEY" run -P "$CRON_PLUGINS" -j 1 \
  -e "read-files path=$T/spool ! cron-crash marker=BOOM how=abort-in-free ! export-jsonl path=$T/out.jsonl mode=replace"
expect_file_eq "$T/err" "galley: error: the run crashed (Aborted) with no document in a stage"
# galley validate makes and frees the stages: a crash there says so in
# one line, dies of its own signal, and is not taken for a plugin that
# crashed while loading (the loading's guard is gone once the plugins
# are loaded; left in place it answered with a segfault of its own)
mkdir "$T/validate"
: > "$T/validate/in.jsonl"
expect_status 134 "$GALLEY" validate -P "$CRON_PLUGINS" \
  -e "read-jsonl path=$T/validate/in.jsonl ! cron-crash marker=BOOM how=abort-in-free ! export-jsonl path=$T/validate/out.jsonl"
expect_file_eq "$T/err" "galley: error: galley validate crashed (Aborted) while making or freeing the stages"

# Standard input cannot be read again: no restart, status 1.
printf '{"id":"a","text":"Fine."}\n{"id":"b","text":"BOOM"}\n' > "$T/in.jsonl"
expect_status 1 "$GALLEY" run -P "$CRON_PLUGINS" --supervise \
  -e "read-jsonl path=- ! cron-crash marker=BOOM ! export-jsonl path=$T/stdin.jsonl" < "$T/in.jsonl"
expect_file_eq "$T/err" "galley: warning: document 'b' crashed [cron-crash] (Segmentation fault); rejected, not restarted: standard input cannot be read again"

# What a crash leaves is removed by the supervisor itself, which matters
# when no new child opens the outputs again (standard input: no
# restart): the crashed child's temporary file, and only names made the
# way galley-output makes them (.NAME. and six letters or digits) and
# modified since the child started: not a longer or another name, nor six
# characters that g_mkstemp never writes, and not the older temporary
# file of another run still writing the same output (which holds its
# flock, so that the next child's own clean-up keeps it too).
now=$(date +%s)
touch -d "@$((now + 3600))" "$T/.keep.jsonl.ABCDEFG" "$T/.keep.jsonl_ABCDEF" \
  "$T/.keep.jsonl.ABC-EF"
(exec 9>>"$T/.keep.jsonl.OLD123"; flock 9; exec sleep 60) &
holder=$! BG="$guard $holder"
i=0
while flock -n "$T/.keep.jsonl.OLD123" true 2>/dev/null && [ "$i" -lt 500 ]; do
  sleep 0.01; i=$((i + 1))
done
touch -d "@$((now - 3600))" "$T/.keep.jsonl.OLD123"
expect_status 1 "$GALLEY" run -P "$CRON_PLUGINS" -j 1 --supervise \
  -e "read-jsonl path=- ! cron-crash marker=BOOM ! export-jsonl path=$T/keep.jsonl" < "$T/in.jsonl"
expect_file_eq "$T/err" "galley: warning: document 'b' crashed [cron-crash] (Segmentation fault); rejected, not restarted: standard input cannot be read again"
ls -A "$T" | grep "^\.keep" | LC_ALL=C sort > "$T/left"
expect_file_eq "$T/left" "$(printf '.keep.jsonl.ABC-EF\n.keep.jsonl.ABCDEFG\n.keep.jsonl.OLD123\n.keep.jsonl_ABCDEF')"
kill "$holder"
wait "$holder" 2>/dev/null
BG=$guard

# --document-timeout counts from when the document entered the first
# stage, not each stage: doc-1 spends 0.84 s in each test-filter (its
# delay, a hash of the id), 1.68 s in all, so it times out (in the second
# one, unless a loaded machine, a sanitizer's, makes the first take 0.36 s
# longer: the stage is not what this checks).
expect_status 1 "$GALLEY" run -P "$FIXTURES:$CRON_PLUGINS" -j 1 --supervise --document-timeout 1.2s \
  -e "test-source count=1 ! test-filter delay-us=1000000 ! test-filter delay-us=1000000 ! test-sink path=$T/slow.out"
grep -v '^galley: [0-9]* read' "$T/err" | sed 's/\[test-filter#2\]/[test-filter]/' > "$T/err.lines"
expect_file_eq "$T/err.lines" "galley: warning: document 'doc-1' timed out [test-filter] (still running after 1.2 s); rejected, run restarted after it"
expect_grep "$(summary_re 1 0 1)\$" "$T/err"

# At most GALLEY_SUPERVISOR_MAX_RESTARTS (10) restarts: the eleventh
# document that crashes is rejected with no restart, and the run exits 1.
rm -rf "$T/many"
make_spool "$T/many" 10 22 BOOM
expect_status 1 "$GALLEY" run -P "$CRON_PLUGINS" -j 1 --supervise \
  -e "read-files path=$T/many ! cron-crash marker=BOOM ! export-jsonl path=$T/many.jsonl"
i=10
while [ "$i" -le 19 ]; do
  echo "galley: warning: document 'n$i.txt' crashed [cron-crash] (Segmentation fault); rejected, run restarted after it"
  i=$((i + 1))
done > "$T/want.err"
echo "galley: warning: document 'n20.txt' crashed [cron-crash] (Segmentation fault); rejected, not restarted: too many restarts" >> "$T/want.err"
cmp -s "$T/want.err" "$T/err" || { fail "the eleventh crash: not the expected warnings"; diff "$T/want.err" "$T/err" >&2; }

# --document-timeout 0: no limit, however long a document takes (doc-1,
# 0.84 s: longer than the parent's 100 ms between two looks).
expect_status 0 "$GALLEY" run -P "$FIXTURES" -j 1 --supervise --document-timeout 0 \
  -e "test-source count=1 ! test-filter delay-us=1000000 ! test-sink path=$T/nolimit.out"
expect_file_eq "$T/nolimit.out" "doc-1 marked"

# Without supervision, the crash is the process's.
expect_status 139 sh -c "'$GALLEY' run -P '$CRON_PLUGINS' --no-supervise --state '$T/ns.db' -e 'read-files path=$T/spool ! cron-crash marker=BOOM ! export-jsonl path=$T/ns.jsonl' 2>/dev/null; exit \$?"

# document-timeout= in [pipeline]: the same as --document-timeout, which
# wins over it; a value that is not a duration is an error naming the line.
hang_pipeline ()
{
  cat > "$T/hang.pipeline" <<EOT
[pipeline]
stages=read;crash;export
$1

[read]
plugin=read-files
path=$T/spool

[crash]
plugin=cron-crash
marker=BOOM
how=hang

[export]
plugin=export-jsonl
path=$T/hang.jsonl
EOT
}
hang_pipeline "document-timeout=1s"
expect_status 1 "$GALLEY" run -P "$CRON_PLUGINS" -j 2 --supervise "$T/hang.pipeline"
expect_grep "^galley: warning: document 'n17.txt' timed out \[crash\] (still running after 1 s); rejected, run restarted after it\$" "$T/err"
hang_pipeline "document-timeout=1h"
expect_status 1 "$GALLEY" run -P "$CRON_PLUGINS" -j 2 --supervise --document-timeout 1.5s "$T/hang.pipeline"
expect_grep "^galley: warning: document 'n17.txt' timed out \[crash\] (still running after 1.5 s); rejected, run restarted after it\$" "$T/err"
hang_pipeline "document-timeout=soon"
for cmd in run validate; do
  expect_status 2 "$GALLEY" $cmd -P "$CRON_PLUGINS" "$T/hang.pipeline"
  expect_file_eq "$T/err" "galley: error: $T/hang.pipeline:3: [pipeline] document-timeout: 'soon' is not a duration (examples: 60, 90s, 5m, 1h30m; 0: none)"
done

kill "$guard"
finish
