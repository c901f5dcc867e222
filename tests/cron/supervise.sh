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

# Standard input cannot be read again: no restart, status 1.
printf '{"id":"a","text":"Fine."}\n{"id":"b","text":"BOOM"}\n' > "$T/in.jsonl"
expect_status 1 "$GALLEY" run -P "$CRON_PLUGINS" --supervise \
  -e "read-jsonl path=- ! cron-crash marker=BOOM ! export-jsonl path=$T/stdin.jsonl" < "$T/in.jsonl"
expect_file_eq "$T/err" "galley: warning: document 'b' crashed [cron-crash] (Segmentation fault); rejected, not restarted: standard input cannot be read again"

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
