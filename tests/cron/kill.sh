#!/bin/sh
# kill.sh: a run killed with SIGKILL at any point, then run again, leaves
# every article exactly once in each output (JSON Lines, CSV, SQLite), and
# the state agrees: it holds every article, and one more run finds them
# all unchanged.
#
# First at each point of the commit protocol, reached deterministically
# through the cron-pause test sink (tests/cron/plugins): during the writes,
# between two sinks' commits, after every sink's commit and before the
# state's. Then at random moments (CRON_KILL_TRIALS, default 20), half of
# them on a state that already holds part of the spool and some changed
# articles, some with a second kill before the final run.
#
# Half of it again with checkpoints on (--checkpoint 25): killed in a
# sink's checkpoint, between the sinks' checkpoint and the state's, and
# at random moments, the outputs and the state still hold every article
# exactly once after the final run.
#
# The files live in memory (/dev/shm) when it is there: SIGKILL does not
# lose the page cache, so fsync only costs time here.
if [ -z "${CRON_TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  CRON_TMPDIR=/dev/shm
fi
TMPDIR=${CRON_TMPDIR:-${TMPDIR:-/tmp}}
. "$TEST_SRCDIR/lib.sh"

N=300
TRIALS=${CRON_KILL_TRIALS:-20}
CK=  # --checkpoint N for the killed runs, or empty
make_spool "$T/spool" 1 "$N"
ids_spool "$T/spool" > "$T/want"

# export-jsonl and export-csv in mode=append keep one line per document id
# (unique=true, their default): an article whose run was killed between a
# sink's commit and the state's commit is written again, and replaces its
# earlier line.

# run_pipeline DIR PAUSE...: the pipeline over DIR/spool into DIR/out.*;
# PAUSE is "" or "NAME=cron-pause params" with NAME one of write, jsonl,
# csv, sqlite: where the pause stage goes.
pipeline () {
  d=$1 where=${2:-} pause=${3:-}
  p="read-files path=$d/spool ! tokenizer"
  p="$p ! export-jsonl path=$d/out.jsonl mode=append"
  [ "$where" = jsonl ] && p="$p ! $pause"
  p="$p ! export-csv path=$d/out.csv mode=append"
  [ "$where" = csv ] && p="$p ! $pause"
  p="$p ! export-sqlite path=$d/out.db batch=50"
  [ "$where" = sqlite ] && p="$p ! $pause"
  printf '%s' "$p"
}

galley_run () {
  d=$1; shift
  "$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" --lock "$d/lock" "$@"
}

# check_outputs DIR WHAT: every output and the state hold exactly the spool.
check_outputs () {
  d=$1 what=$2
  ids_spool "$d/spool" > "$d/want"
  ids_csv "$d/out.csv" > "$d/got.csv"
  expect_ids "$what: CSV" "$d/got.csv" "$d/want"
  ids_sqlite "$d/out.db" > "$d/got.db"
  expect_ids "$what: SQLite" "$d/got.db" "$d/want"
  ids_state "$d/state.db" > "$d/got.state"
  expect_ids "$what: state" "$d/got.state" "$d/want"
  ids_jsonl "$d/out.jsonl" > "$d/got.jsonl"
  expect_ids "$what: JSONL" "$d/got.jsonl" "$d/want"
  # the state agrees with the spool's content: nothing left to do
  n=$(wc -l < "$d/want")
  galley_run "$d" -e "$(pipeline "$d")" >/dev/null 2>"$d/err.check"
  grep -q "$(summary_re "$n" 0 0 "$n")" "$d/err.check" \
    || { fail "$what: the run after the final one did not find everything unchanged"; cat "$d/err.check" >&2; }
  # SQLite holds the current title of each article
  sql "$d/out.db" "SELECT id, title FROM documents" | LC_ALL=C sort > "$d/titles.db"
  for f in "$d"/spool/*; do
    printf '%s|%s\n' "${f##*/}" "$(head -n 1 "$f")"
  done | LC_ALL=C sort > "$d/titles.want"
  cmp -s "$d/titles.db" "$d/titles.want" || fail "$what: SQLite titles are not the current ones"
}

# wait_for FILE PID: until FILE exists (the run reached its pause point).
wait_for () {
  i=0
  while [ ! -e "$1" ]; do
    if ! kill -0 "$2" 2>/dev/null || [ "$i" -ge 3000 ]; then
      fail "the run never reached its pause point ($1)"
      return 1
    fi
    sleep 0.01
    i=$((i + 1))
  done
}

# kill_at DIR WHERE PAUSE: runs with the pause stage and kills it there.
kill_at () {
  d=$1
  rm -f "$d/marker"
  # not through galley_run: $! must be galley's pid, not a subshell's
  "$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" --lock "$d/lock" $CK \
    -e "$(pipeline "$d" "$2" "cron-pause marker=$d/marker $3")" \
    >/dev/null 2>"$d/err.killed" &
  pid=$! BG=$!
  wait_for "$d/marker" "$pid" && kill -KILL "$pid"
  wait "$pid" 2>/dev/null
}

# The killed run's supervised child dies with it (PR_SET_PDEATHSIG), but
# not in the same instant: it may hold the lock a moment longer.
final_run () {
  d=$1 what=$2
  galley_run "$d" --wait-lock 10s -e "$(pipeline "$d")" >/dev/null 2>"$d/err.final" \
    || { fail "$what: the final run failed"; cat "$d/err.final" >&2; }
}

new_dir () {
  rm -rf "$1"
  mkdir -p "$1"
  cp -R "$T/spool" "$1/spool"
}


# 1. At each point of the protocol.
for point in "sqlite at=write nth=1" "sqlite at=write nth=120" \
             "jsonl at=commit" "csv at=commit" "sqlite at=commit"; do
  d=$T/point
  new_dir "$d"
  where=${point%% *}
  kill_at "$d" "$where" "${point#* }"
  final_run "$d" "killed at [$point]"
  check_outputs "$d" "killed at [$point]"
done

# With checkpoints every 25 documents: killed in the second checkpoint of
# each sink (the ones before it checkpointed, the state not), and at a
# write after some checkpoints.
CK="--checkpoint 25"
for point in "jsonl at=checkpoint nth=2" "csv at=checkpoint nth=2" \
             "sqlite at=checkpoint nth=2" "sqlite at=write nth=140"; do
  d=$T/point
  new_dir "$d"
  where=${point%% *}
  kill_at "$d" "$where" "${point#* }"
  final_run "$d" "checkpoints, killed at [$point]"
  check_outputs "$d" "checkpoints, killed at [$point]"
done
CK=

# Killed twice at different points, then finished.
d=$T/twice
new_dir "$d"
kill_at "$d" sqlite "at=commit"
kill_at "$d" jsonl "at=commit"
final_run "$d" "killed twice"
check_outputs "$d" "killed twice"

# 2. At random moments. A full run's time sets the range of the delays.
d=$T/calibrate
new_dir "$d"
start=$(date +%s%N)
final_run "$d" calibration
end=$(date +%s%N)
range_ms=$(( (end - start) / 1000000 * 12 / 10 + 5 ))

random_ms () {
  r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
  echo $((r % $1))
}

kill_after () {
  d=$1 ms=$2
  "$GALLEY" run -P "$CRON_PLUGINS" --state "$d/state.db" --lock "$d/lock" $CK \
    -e "$(pipeline "$d")" >/dev/null 2>"$d/err.killed" &
  pid=$! BG=$!
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

trial=1
while [ "$trial" -le "$TRIALS" ]; do
  d=$T/trial
  rm -rf "$d"
  mkdir -p "$d/spool"
  if [ $((trial % 2)) -eq 0 ]; then
    # a state that holds part of the spool, then new and changed articles
    make_spool "$d/spool" 1 150
    final_run "$d" "trial $trial (first half)"
    cp "$T"/spool/* "$d/spool/"
    make_spool "$d/spool" 1 20 changed
  else
    cp "$T"/spool/* "$d/spool/"
  fi
  # trials 1, 2, 5, 6, ... with checkpoints
  if [ $((trial % 4)) -lt 2 ]; then CK="--checkpoint 25"; else CK=; fi
  ms=$(random_ms "$range_ms")
  kills="$ms ms${CK:+ ($CK)}"
  kill_after "$d" "$ms"
  if [ $((trial % 3)) -eq 0 ]; then
    ms=$(random_ms "$range_ms")
    kills="$kills, then $ms ms"
    kill_after "$d" "$ms"
  fi
  final_run "$d" "trial $trial (killed after $kills)"
  check_outputs "$d" "trial $trial (killed after $kills)"
  trial=$((trial + 1))
done

finish
