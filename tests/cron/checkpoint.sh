#!/bin/sh
# checkpoint.sh: checkpoint=N and --checkpoint commit the sinks, then the
# state, within a run. A run killed at a chosen write (the cron-pause sink)
# leaves the documents of its last checkpoint done, and the next run
# redoes only the rest; without checkpoints it redoes everything.
. "$TEST_SRCDIR/lib.sh"

make_spool "$T/spool" 1 10
# read in name order: n1 n10 n2 n3 n4 n5 n6 n7 n8 n9
ids_spool "$T/spool" | head -n 6 > "$T/first6"

# killed_run DIR JOBS CHECKPOINT SINKS: runs read-files -> tokenizer ->
# SINKS -> a pause at the 8th write, with --checkpoint CHECKPOINT (none
# if empty), and kills it there.
killed_run () {
  d=$1 jobs=$2 every=$3 k_sinks=$4
  rm -rf "$d"; mkdir -p "$d"
  "$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" -j "$jobs" \
    ${every:+--checkpoint "$every"} \
    -e "read-files path=$T/spool ! tokenizer ! $k_sinks ! cron-pause marker=$d/marker at=write nth=8" \
    >/dev/null 2>"$d/err" &
  pid=$! BG=$!
  i=0
  while [ ! -e "$d/marker" ] && [ "$i" -lt 3000 ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.01; i=$((i + 1))
  done
  [ -e "$d/marker" ] || fail "the run never reached its 8th write"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
}

# kill_at_marker DIR PID: kills PID once DIR/marker is there (30 s at most).
kill_at_marker () {
  i=0
  while [ ! -e "$1/marker" ] && [ "$i" -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
  kill -KILL "$2"; wait "$2" 2>/dev/null
}

# redo DIR SINKS: the run after the kill; its summary says what it redid.
redo () {
  "$GALLEY" run -P "$CRON_PLUGINS" --state "$1/state.db" -j 1 \
    -e "read-files path=$T/spool ! tokenizer ! $2" >/dev/null 2>"$1/err.redo"
}

for jobs in 1 2; do
  # 1. Every 3 documents: killed at the 8th, 6 are done (two checkpoints)
  d=$T/every3-j$jobs
  killed_run "$d" "$jobs" 3 "export-sqlite path=$d/out.db"
  ids_state "$d/state.db" > "$d/state.ids"
  expect_ids "-j $jobs, checkpoint 3: state after the kill" "$d/state.ids" "$T/first6"
  ids_sqlite "$d/out.db" > "$d/db.ids"
  expect_ids "-j $jobs, checkpoint 3: SQLite after the kill" "$d/db.ids" "$T/first6"
  redo "$d" "export-sqlite path=$d/out.db"
  expect_grep "$(summary_re 10 4 0 6)" "$d/err.redo"

  # 2. No checkpoint: nothing is done, everything is redone
  d=$T/none-j$jobs
  killed_run "$d" "$jobs" "" "export-sqlite path=$d/out.db"
  [ "$(sql "$d/state.db" 'SELECT count(*) FROM documents')" = 0 ] \
    || fail "-j $jobs, no checkpoint: the state holds documents after the kill"
  redo "$d" "export-sqlite path=$d/out.db"
  expect_grep "$(summary_re 10 10 0)" "$d/err.redo"
done

# 3. Append-mode files commit at checkpoints: after the kill each holds the
# first 6 documents once; after the next run, all 10 once.
d=$T/append
sinks="export-jsonl path=$d/out.jsonl mode=append ! export-csv path=$d/out.csv mode=append"
sinks_plain="export-jsonl path=$d/plain.jsonl mode=append unique=false"
killed_run "$d" 2 3 "$sinks ! $sinks_plain"
ids_jsonl "$d/out.jsonl" > "$d/got"; expect_ids "JSONL after the kill" "$d/got" "$T/first6"
ids_jsonl "$d/plain.jsonl" > "$d/got"; expect_ids "JSONL unique=false after the kill" "$d/got" "$T/first6"
ids_csv "$d/out.csv" > "$d/got"; expect_ids "CSV after the kill" "$d/got" "$T/first6"
redo "$d" "$sinks ! $sinks_plain"
ids_spool "$T/spool" > "$T/all"
ids_jsonl "$d/out.jsonl" > "$d/got"; expect_ids "JSONL after the next run" "$d/got" "$T/all"
ids_jsonl "$d/plain.jsonl" > "$d/got"; expect_ids "JSONL unique=false after the next run" "$d/got" "$T/all"
ids_csv "$d/out.csv" > "$d/got"; expect_ids "CSV after the next run" "$d/got" "$T/all"

# 4. Killed between the sinks' checkpoint and the state's (the pause in
# the second checkpoint, after SQLite): SQLite holds 6, the state 3, and
# the next run writes the 3 again (an upsert: still once each).
d=$T/between
rm -rf "$d"; mkdir -p "$d"
"$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" -j 1 --checkpoint 3 \
  -e "read-files path=$T/spool ! export-sqlite path=$d/out.db ! cron-pause marker=$d/marker at=checkpoint nth=2" \
  >/dev/null 2>"$d/err" &
BG=$!
kill_at_marker "$d" "$BG"
[ "$(sql "$d/state.db" 'SELECT count(*) FROM documents')" = 3 ] || fail "between: the state does not hold 3"
ids_sqlite "$d/out.db" > "$d/got"; expect_ids "between: SQLite" "$d/got" "$T/first6"
redo "$d" "export-sqlite path=$d/out.db"
expect_grep "$(summary_re 10 7 0 3)" "$d/err.redo"
ids_sqlite "$d/out.db" > "$d/got"; expect_ids "between: SQLite after the next run" "$d/got" "$T/all"

# 4b. The rejects file commits at checkpoints too, before the state: the
# state skips a rejected document while it does not change, so a line
# left in the killed run's temporary file would be lost for good. Two
# empty files (read second and fifth) are rejected by read-files; killed
# at the 8th write, after three checkpoints, the file holds both, as the
# state does, and the next run, which skips them, leaves them once each.
d=$T/rejects
rm -rf "$d"; mkdir -p "$d"; cp -R "$T/spool" "$d/spool"
: > "$d/spool/n10.txt"; : > "$d/spool/n4.txt"
printf 'n10.txt\nn4.txt\n' > "$d/rejected"
"$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" -j 1 --checkpoint 3 --rejects "$d/rejects.jsonl" \
  -e "read-files path=$d/spool ! export-sqlite path=$d/out.db ! cron-pause marker=$d/marker at=write nth=8" \
  >/dev/null 2>"$d/err" &
BG=$!
kill_at_marker "$d" "$BG"
sql "$d/state.db" 'SELECT id FROM documents WHERE rejected' | LC_ALL=C sort > "$d/got"
expect_ids "rejects: the state after the kill" "$d/got" "$d/rejected"
[ -e "$d/rejects.jsonl" ] && ids_jsonl "$d/rejects.jsonl" > "$d/got" || : > "$d/got"
expect_ids "rejects: the rejects file after the kill" "$d/got" "$d/rejected"
"$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" -j 1 --checkpoint 3 --rejects "$d/rejects.jsonl" \
  -e "read-files path=$d/spool ! export-sqlite path=$d/out.db" >/dev/null 2>"$d/err.redo"
expect_grep "$(summary_re 10 1 0 9)" "$d/err.redo"
ids_jsonl "$d/rejects.jsonl" > "$d/got"
expect_ids "rejects: the rejects file after the next run" "$d/got" "$d/rejected"

# 4c. The same kill, between the sinks' checkpoint and the state's, with
# a file appended to with unique=false and a rejects file, which have no
# ids to merge on: the appends of the checkpoint the state did not record
# are taken back by the next run, which writes those documents again, so
# that each is in its file once. (Before, the documents of the second
# checkpoint were in the file twice.)
d=$T/between-plain
rm -rf "$d"; mkdir -p "$d"; cp -R "$T/spool" "$d/spool"
: > "$d/spool/n10.txt"; : > "$d/spool/n5.txt"
printf 'n10.txt\nn5.txt\n' > "$d/rejected"
grep -v -x -e n10.txt -e n5.txt "$T/all" > "$d/written"
# plain_run MORE: the run, MORE added to its pipeline (exec'ed: a
# function in the background is a subshell, whose pid is not galley's)
plain_run () {
  exec "$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" -j 1 --checkpoint 3 \
    --rejects "$d/rejects.jsonl" \
    -e "read-files path=$d/spool ! export-jsonl path=$d/plain.jsonl mode=append unique=false$1"
}
plain_run " ! cron-pause marker=$d/marker at=checkpoint nth=2" >/dev/null 2>"$d/err" &
BG=$!
kill_at_marker "$d" "$BG"
[ "$(sql "$d/state.db" 'SELECT count(*) FROM documents')" = 3 ] || fail "between, unique=false: the state does not hold 3"
(plain_run "") >/dev/null 2>"$d/err.redo"
expect_grep "$(summary_re 10 6 1 3)" "$d/err.redo"
ids_jsonl "$d/plain.jsonl" > "$d/got"; expect_ids "between, unique=false: the file after the next run" "$d/got" "$d/written"
ids_jsonl "$d/rejects.jsonl" > "$d/got"; expect_ids "between, unique=false: the rejects file after the next run" "$d/got" "$d/rejected"
(cd "$d" && ls -A | grep -v -x -e spool -e state.db -e plain.jsonl -e rejects.jsonl \
  -e rejected -e written -e marker -e err -e err.redo -e got -e left) > "$d/left"
[ ! -s "$d/left" ] || fail "between, unique=false: left in the directory: $(cat "$d/left")"

# 4d. The same kill, and the next run writes to another directory (a
# dated one that moved on, or a path changed in the pipeline): the state
# lists the directories of its appends, so that run takes back the lines
# of the killed checkpoint in the old one too. The two files together
# hold each document once.
d=$T/between-moved
rm -rf "$d"; mkdir -p "$d/a" "$d/b"
"$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" -j 1 --checkpoint 3 \
  -e "read-files path=$T/spool ! export-jsonl path=$d/a/out.jsonl mode=append unique=false ! cron-pause marker=$d/marker at=checkpoint nth=2" \
  >/dev/null 2>"$d/err" &
BG=$!
kill_at_marker "$d" "$BG"
"$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" -j 1 --checkpoint 3 \
  -e "read-files path=$T/spool ! export-jsonl path=$d/b/out.jsonl mode=append unique=false" \
  >/dev/null 2>"$d/err.redo"
expect_grep "$(summary_re 10 7 0 3)" "$d/err.redo"
ids_spool "$T/spool" | head -n 3 > "$d/first3"
ids_jsonl "$d/a/out.jsonl" > "$d/got"; expect_ids "moved: the old file" "$d/got" "$d/first3"
cat "$d/a/out.jsonl" "$d/b/out.jsonl" > "$d/both"
ids_jsonl "$d/both" > "$d/got"; expect_ids "moved: the two files" "$d/got" "$T/all"
[ "$(ls -A "$d/a")" = out.jsonl ] || fail "moved: left in the old directory: $(ls -A "$d/a")"
[ ! -e "$d/state.db.append-dirs" ] || fail "moved: the list of directories is left"

# 5. A replace-mode file publishes at the end only: the run says so once,
# and the state records nothing before the end.
d=$T/replace
killed_run "$d" 1 3 "export-sqlite path=$d/out.db ! export-jsonl path=$d/out.jsonl mode=replace"
expect_file_eq "$d/err" "galley: -e: stage 4 (export-jsonl) publishes its output only at the end of the run (a file in mode=replace): checkpoints commit the other sinks, and the documents count as done at the end only"
[ "$(sql "$d/state.db" 'SELECT count(*) FROM documents')" = 0 ] || fail "replace: the state holds documents"
[ ! -e "$d/out.jsonl" ] || fail "replace: the JSON Lines file was published before the end"

# 6. Values
expect_status 2 "$GALLEY" run --checkpoint 30x -e "read-files path=$T/spool ! export-jsonl path=/dev/null"
expect_file_eq "$T/err" "galley: error: --checkpoint: '30x' is neither a number of documents nor a duration with its unit (examples: 1000, 30s, 5m; 0: none)"
cat > "$T/p.pipeline" <<EOP
[pipeline]
stages=read;write
checkpoint=1.5

[read]
plugin=read-files
path=$T/spool

[write]
plugin=export-jsonl
path=/dev/null
EOP
expect_status 2 "$GALLEY" run "$T/p.pipeline"
expect_file_eq "$T/err" "galley: error: $T/p.pipeline:3: [pipeline] checkpoint: '1.5' is neither a number of documents nor a duration with its unit (examples: 1000, 30s, 5m; 0: none)"
sed -i 's/^checkpoint=.*/checkpoint=2s/' "$T/p.pipeline"
expect_status 0 "$GALLEY" run "$T/p.pipeline"

finish
