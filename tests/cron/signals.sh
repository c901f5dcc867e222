#!/bin/sh
# signals.sh: SIGTERM, SIGINT and SIGHUP stop reading, finish what is in
# flight, commit, and exit 6 (interrupted). A second signal ends the run at once,
# even with a stage stuck on a worker thread: nothing is committed (the
# output stays as it was, no temporary file is left) and the status is 6.
. "$TEST_SRCDIR/lib.sh"
# Here a second signal ends the process while the other threads still run,
# on purpose; under --enable-tsan that is no thread leak to report (races
# still are).
TSAN_OPTIONS="${TSAN_OPTIONS-} report_thread_leaks=0"; export TSAN_OPTIONS
CRON_PLUGINS="$TOP_BUILDDIR/tests/cron/plugins"  # built before the tests of this directory run

# The SIGHUP cases need SIGHUP at its default action in galley: a test
# run under nohup (or by a CI runner that ignores SIGHUP) hands it on
# ignored, and galley rightly keeps it ignored, so such a run waited for
# ever. env --default-signal (coreutils 8.31) resets it.
if env --default-signal=HUP true 2>/dev/null; then
  HUP_DEFAULT="env --default-signal=HUP"
else
  HUP_DEFAULT=
fi

# A first signal, in one process and supervised (--supervise), where the
# parent passes it on to the child, which commits. SIGHUP (a terminal
# that went away) is one too, sent twice as a shell's hangup may: a
# second SIGHUP is no operator's second signal.
for how in "TERM" "INT" "HUP" "HUP HUP" "TERM --supervise" "INT --supervise" "HUP HUP --supervise"; do
  sig=${how%% *}
  supervise=${how#"$sig"}
  again=
  case $supervise in " HUP"*) again=HUP; supervise=${supervise#" HUP"} ;; esac
  rm -f "$T/fifo" "$T/o.jsonl"
  mkfifo "$T/fifo"
  $HUP_DEFAULT "$GALLEY" run -j 2 $supervise -e "read-jsonl path=$T/fifo ! export-jsonl path=$T/o.jsonl" 2>"$T/err" &
  pid=$!
  # a guard against a hang, not a time limit of the test
  (sleep 60; kill -KILL "$pid") >/dev/null 2>&1 &
  guard=$!
  exec 3>"$T/fifo"
  printf '{"id":"a","text":"First."}\n{"id":"b","text":"Second."}\n' >&3
  sleep 1
  kill -s "$sig" "$pid"
  if [ -n "$again" ]; then sleep 0.2; kill -s HUP "$pid"; fi
  wait "$pid"
  status=$?
  kill "$guard" 2>/dev/null
  exec 3>&-
  [ "$status" -eq 6 ] || fail "SIG$sig$supervise: exit $status, expected 6"
  expect_grep '"id":"a"' "$T/o.jsonl"
  expect_grep '"id":"b"' "$T/o.jsonl"
  expect_grep '^galley: 2 read, 2 done, 0 rejected in .*; interrupted$' "$T/err"
done

# A SIGHUP ignored when galley starts (nohup) stays ignored: the run goes
# on to the end of its input.
rm -f "$T/fifo" "$T/o.jsonl"
mkfifo "$T/fifo"
(trap '' HUP; exec "$GALLEY" run -j 2 -e "read-jsonl path=$T/fifo ! export-jsonl path=$T/o.jsonl" 2>"$T/err") &
pid=$!
exec 3>"$T/fifo"
printf '{"id":"a","text":"First."}\n' >&3
sleep 1
kill -s HUP "$pid"
sleep 0.5
printf '{"id":"b","text":"Second."}\n' >&3
exec 3>&-
wait "$pid"
status=$?
[ "$status" -eq 0 ] || fail "SIGHUP under nohup: exit $status, expected 0"
expect_grep '^galley: 2 read, 2 done, 0 rejected in [0-9.]* s ([0-9.]* MB/s)$' "$T/err"

# start_hung_run [--supervise]: a run whose stage hangs on its second
# document, over o.jsonl (which holds "old"; $hung_output instead where
# set), in the background (pid)
# with a guard against a hang (not a time limit of the test: guard);
# returns once the stage hangs.
start_hung_run () {
  rm -f "$T/stuck" "$T/o.jsonl".* "$T"/.o.jsonl.*
  printf 'old\n' > "$T/o.jsonl"
  printf '{"id":"a","text":"First."}\n{"id":"b","text":"HANG here."}\n' > "$T/in.jsonl"
  $HUP_DEFAULT "$GALLEY" run -P "$CRON_PLUGINS" -j 2 "$@" -e \
    "read-jsonl path=$T/in.jsonl ! cron-crash marker=HANG how=hang touch=$T/stuck ! export-jsonl path=${hung_output:-$T/o.jsonl}" \
    2>"$T/err" &
  pid=$!
  (sleep 60; kill -KILL "$pid") >/dev/null 2>&1 &
  guard=$!
  i=0
  while [ ! -e "$T/stuck" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
}

# A second signal, while a stage hangs on a worker thread; in one process,
# and supervised (--supervise), where the parent kills the child and
# removes the temporary files the child leaves.
for how in "TERM" "INT" "TERM --supervise" "INT --supervise"; do
  sig=${how%% *}
  supervise=${how#"$sig"}
  start_hung_run $supervise
  kill -s "$sig" "$pid"
  sleep 0.5
  kill -s "$sig" "$pid"
  wait "$pid"
  status=$?
  kill "$guard" 2>/dev/null
  [ "$status" -eq 6 ] || fail "second SIG$sig$supervise: exit $status, expected 6"
  expect_file_eq "$T/o.jsonl" "old"
  expect_file_eq "$T/err" "galley: error: stopped by a second signal: nothing committed"
  [ -z "$(ls -A "$T" | grep '^\.o\.jsonl\.')" ] || fail "second SIG$sig$supervise: a temporary file is left: $(ls -A "$T")"
done

# The same with an output path of strftime patterns (a file a day): the
# temporary file is found under the path they expand to, and removed (the
# supervisor holds the pattern, not the path). What another program
# writes next to the run's input, under a name like a temporary file of
# the input's, is no output of the run's, and stays.
for supervise in "" "--supervise"; do
  rm -f "$T"/.d-*
  printf 'being written\n' > "$T/.in.jsonl.Abc123"
  hung_output="$T/d-%Y.jsonl"
  start_hung_run $supervise
  unset hung_output
  ls -A "$T" | grep -q '^\.d-[0-9]\{4\}\.jsonl\.' || fail "dated path $supervise: no temporary file while the stage hangs: $(ls -A "$T")"
  kill -s TERM "$pid"
  sleep 0.5
  kill -s TERM "$pid"
  wait "$pid"
  status=$?
  kill "$guard" 2>/dev/null
  [ "$status" -eq 6 ] || fail "dated path, second SIGTERM $supervise: exit $status, expected 6"
  expect_file_eq "$T/err" "galley: error: stopped by a second signal: nothing committed"
  [ -z "$(ls -A "$T" | grep '^\.d-')" ] || fail "dated path $supervise: a temporary file is left: $(ls -A "$T")"
  ls "$T" | grep -q '^d-' && fail "dated path $supervise: the output was committed"
  expect_file_eq "$T/.in.jsonl.Abc123" "being written"
done

# SIGHUP never counts as the second signal: with a stage hanging, two
# SIGHUPs leave the run waiting for it; a SIGTERM after them is the second.
for supervise in "" "--supervise"; do
  start_hung_run $supervise
  kill -s HUP "$pid"
  sleep 0.3
  kill -s HUP "$pid"
  sleep 0.5
  kill -0 "$pid" 2>/dev/null || fail "two SIGHUPs $supervise ended the run at once"
  kill -s TERM "$pid"
  wait "$pid"
  status=$?
  kill "$guard" 2>/dev/null
  [ "$status" -eq 6 ] || fail "SIGHUP, SIGHUP, SIGTERM $supervise: exit $status, expected 6"
  expect_file_eq "$T/err" "galley: error: stopped by a second signal: nothing committed"
done

finish
