#!/bin/sh
# metrics.sh: --metrics FILE (Prometheus text, written at each checkpoint,
# at least every checkpoint interval while a service waits, and at the
# end), --summary=json, and the progress line logged every
# --progress-interval when there is no terminal.
. "$TEST_SRCDIR/lib.sh"

make_spool "$T/spool" 1 9
printf '' > "$T/spool/n10.txt"   # empty: rejected

# timings differ from run to run: SECONDS stands for them
mask () { sed 's/\(_seconds[_a-z]*{[^}]*}\) [0-9.]*$/\1 SECONDS/; s/"seconds":[0-9.]*/"seconds":SECONDS/' "$1"; }

metrics_text () {  # READ DONE REJECTED CHECKPOINTS FINISHED [STATUS]
  cat <<EOM
# HELP galley_documents_read_total Documents the source produced.
# TYPE galley_documents_read_total counter
galley_documents_read_total{pipeline="-e"} $1
# HELP galley_documents_done_total Documents that went through every stage.
# TYPE galley_documents_done_total counter
galley_documents_done_total{pipeline="-e"} $2
# HELP galley_documents_rejected_total Documents or input items rejected.
# TYPE galley_documents_rejected_total counter
galley_documents_rejected_total{pipeline="-e"} $3
# HELP galley_documents_dropped_total Documents a filter dropped on purpose.
# TYPE galley_documents_dropped_total counter
galley_documents_dropped_total{pipeline="-e"} 0
# HELP galley_documents_unchanged_total Documents skipped because the state holds them unchanged.
# TYPE galley_documents_unchanged_total counter
galley_documents_unchanged_total{pipeline="-e"} 0
# HELP galley_bytes_read_total Bytes of text the source produced.
# TYPE galley_bytes_read_total counter
galley_bytes_read_total{pipeline="-e"} $6
# HELP galley_checkpoints_total Checkpoints committed.
# TYPE galley_checkpoints_total counter
galley_checkpoints_total{pipeline="-e"} $4
# HELP galley_run_seconds Time since the run started.
# TYPE galley_run_seconds gauge
galley_run_seconds{pipeline="-e"} SECONDS
# HELP galley_stage_seconds_total Time spent in each stage, summed over the threads (the source: its reads).
# TYPE galley_stage_seconds_total counter
galley_stage_seconds_total{pipeline="-e",stage="read-files",plugin="read-files"} SECONDS
galley_stage_seconds_total{pipeline="-e",stage="tokenizer",plugin="tokenizer"} SECONDS
galley_stage_seconds_total{pipeline="-e",stage="export-sqlite",plugin="export-sqlite"} SECONDS
EOM
  [ "${7:-}" = pause ] && echo 'galley_stage_seconds_total{pipeline="-e",stage="cron-pause",plugin="cron-pause"} SECONDS'
  echo '# HELP galley_run_finished 1 once the run has ended, else 0.'
  echo '# TYPE galley_run_finished gauge'
  echo "galley_run_finished{pipeline=\"-e\"} $5"
  if [ "$5" = 1 ]; then
    echo "# HELP galley_exit_status The run's exit status (galley(1))."
    echo '# TYPE galley_exit_status gauge'
    echo 'galley_exit_status{pipeline="-e"} 1'
  fi
}
# bytes of text: n1..n9 files
bytes=$(cat "$T"/spool/n[1-9].txt | wc -c)

# 1. At the end of a run, with -j 1 and -j 2
for jobs in 1 2; do
  rm -f "$T/out.db" "$T/m.prom"
  expect_status 1 "$GALLEY" run -j "$jobs" --checkpoint 4 --metrics "$T/m.prom" --summary=json \
    -e "read-files path=$T/spool ! tokenizer ! export-sqlite path=$T/out.db"
  mask "$T/m.prom" > "$T/got"
  metrics_text 10 9 1 2 1 "$bytes" > "$T/want"
  cmp -s "$T/want" "$T/got" || { fail "-j $jobs: metrics at the end"; diff -u "$T/want" "$T/got" >&2; }
  mask "$T/out" > "$T/got"
  expect_file_eq "$T/got" '{"status":1,"read":10,"done":9,"rejected":1,"dropped":0,"unchanged":0,"utf8_repaired":0,"bytes":'"$bytes"',"checkpoints":2,"seconds":SECONDS,"interrupted":false,"timed_out":false,"abandoned":false,"aborted":false,"failed":false,"committed":9}'
done

# 2. At a checkpoint: a run paused at its 8th write has written the file
# of its second checkpoint (6 documents), not finished.
rm -f "$T/out.db" "$T/m.prom" "$T/marker"
"$GALLEY" run -P "$CRON_PLUGINS" -j 1 --checkpoint 3 --metrics "$T/m.prom" \
  -e "read-files path=$T/spool ! tokenizer ! export-sqlite path=$T/out.db ! cron-pause marker=$T/marker at=write nth=8" \
  >/dev/null 2>&1 &
pid=$! BG=$!
i=0
while [ ! -e "$T/marker" ] && [ "$i" -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
kill -KILL "$pid"; wait "$pid" 2>/dev/null
bytes6=$(cat "$T"/spool/n1.txt "$T"/spool/n10.txt "$T"/spool/n2.txt "$T"/spool/n3.txt "$T"/spool/n4.txt "$T"/spool/n5.txt | wc -c)
mask "$T/m.prom" > "$T/got"
metrics_text 6 5 1 2 0 "$bytes6" pause > "$T/want"
cmp -s "$T/want" "$T/got" || { fail "metrics at the second checkpoint"; diff -u "$T/want" "$T/got" >&2; }
ls -A "$T" | grep -q '^\.m\.prom\.' && fail "a temporary metrics file was left"

# 3. Bad values
expect_status 2 "$GALLEY" run --summary=xml -e "read-files path=$T/spool ! export-jsonl path=/dev/null"
expect_file_eq "$T/err" "galley: error: --summary: 'xml' is not one of: text, json"
# a metrics file that cannot be written is said before the run, which
# writes nothing
expect_status 4 "$GALLEY" run --metrics "$T/no/m.prom" -e "read-files path=$T/spool ! export-jsonl path=$T/never.jsonl"
expect_file_eq "$T/err" "galley: error: --metrics: $T/no/m.prom: cannot create output: No such file or directory"
[ -e "$T/never.jsonl" ] && fail "a run with a metrics file it cannot write wrote its output"

# 4. Without a terminal, a progress line every --progress-interval
mkdir -p "$T/follow"
"$GALLEY" run --follow --progress-interval 1s -e "read-files path=$T/follow ! export-jsonl path=/dev/null" \
  >/dev/null 2>"$T/err.follow" &
pid=$! BG=$!
i=0
while ! grep -q progress "$T/err.follow" && [ "$i" -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
kill -TERM "$pid"; wait "$pid"
expect_grep '^galley: progress: 0 read, 0 done, 0 rejected, 0.0 MB in [0-9]* s$' "$T/err.follow"

# 5. A service that waits for input, with nothing to checkpoint, still
# rewrites its metrics every checkpoint interval (30 s at most), so that
# the file's age says it is alive: run_seconds grows, no checkpoint.
for jobs in 1 2; do
  rm -f "$T/idle.prom"
  "$GALLEY" run -j "$jobs" --follow --checkpoint 1s --metrics "$T/idle.prom" \
    -e "read-files path=$T/follow ! export-jsonl path=/dev/null" >/dev/null 2>&1 &
  pid=$! BG=$!
  i=0
  until grep -q '^galley_run_seconds{pipeline="-e"} [2-9]' "$T/idle.prom" 2>/dev/null \
        || [ "$i" -ge 3000 ]; do
    sleep 0.01; i=$((i + 1))
  done
  grep -q '^galley_run_seconds{pipeline="-e"} [2-9]' "$T/idle.prom" 2>/dev/null \
    || fail "-j $jobs: an idle service's metrics were not rewritten: $(cat "$T/idle.prom" 2>&1)"
  expect_grep '^galley_checkpoints_total{pipeline="-e"} 0$' "$T/idle.prom"
  expect_grep '^galley_run_finished{pipeline="-e"} 0$' "$T/idle.prom"
  kill -TERM "$pid"; wait "$pid"
  expect_grep '^galley_run_finished{pipeline="-e"} 1$' "$T/idle.prom"
done

finish
