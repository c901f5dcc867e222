#!/bin/sh
# lock.sh: --lock FILE and lock= keep runs from overlapping. Of two runs
# started at once on one lock, one runs and the other exits at once with
# status 5 and "galley: error: another run holds the lock FILE (pid N)",
# N the first one's pid; --wait-lock waits for it instead. A lock or
# rejects file that is a symlink, and a lock file that holds more than a
# pid, are refused (status 4) and left as they are.
#
# A run holds the lock as long as the test wants: the cron-pause test sink
# (tests/cron/plugins) stops it at its first document until SIGTERM, on
# which it finishes, commits and exits 0. With -j 1, so that the signal
# lands on the thread that sleeps.
. "$TEST_SRCDIR/lib.sh"

PLUGINS="$FIXTURES:$CRON_PLUGINS"
held="test-source count=3 ! cron-pause at=write nth=1 seconds=60 marker=$T/marker ! test-sink"

# wait_either A B: until one of the two processes has ended; prints it.
wait_either () {
  i=0
  while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do
    if [ "$i" -ge 6000 ]; then
      fail "neither run ended"
      echo 0
      return
    fi
    sleep 0.01
    i=$((i + 1))
  done
  if kill -0 "$1" 2>/dev/null; then echo "$2"; else echo "$1"; fi
}

# Two runs started at once, three times over: one holds the lock, the
# other exits 5 naming the first's pid and writes nothing.
for round in 1 2 3; do
  rm -f "$T/a.out" "$T/b.out"
  "$GALLEY" run -P "$PLUGINS" -j 1 --lock "$T/lock" -e "$held path=$T/a.out" >/dev/null 2>"$T/a.err" &
  a=$!
  "$GALLEY" run -P "$PLUGINS" -j 1 --lock "$T/lock" -e "$held path=$T/b.out" >/dev/null 2>"$T/b.err" &
  b=$!
  BG="$a $b"
  loser=$(wait_either "$a" "$b")
  if [ "$loser" = "$a" ]; then winner=$b; l=a; else winner=$a; l=b; fi
  wait "$loser"
  status=$?
  [ "$status" -eq 5 ] || { fail "round $round: the run that ended first exited $status, expected 5"; cat "$T/$l.err" >&2; }
  expect_file_eq "$T/$l.err" "galley: error: another run holds the lock $T/lock (pid $winner)"
  [ -e "$T/$l.out" ] && fail "round $round: the locked-out run wrote its output"
  kill -TERM "$winner"
  wait "$winner"
  status=$?
  [ "$status" -eq 6 ] || fail "round $round: the run holding the lock exited $status on SIGTERM, expected 6 (interrupted)"
done

# The lock file is left in place (removing it would let a third run lock
# another inode), empty once released.
[ -e "$T/lock" ] || fail "the lock file was removed"
expect_empty "$T/lock"

# start_holder: a run that holds $T/lock until SIGTERM or SIGKILL.
start_holder () {
  rm -f "$T/marker"
  "$GALLEY" run -P "$PLUGINS" -j 1 --lock "$T/lock" -e "$held path=$T/h.out" >/dev/null 2>"$T/h.err" &
  holder=$! BG=$!
  i=0
  while [ ! -e "$T/marker" ] && [ "$i" -lt 6000 ]; do
    sleep 0.01; i=$((i + 1))
  done
}

# While it runs, the file holds its pid.
start_holder
expect_file_eq "$T/lock" "$holder"

# --wait-lock: a second run waits for the first, then runs.
"$GALLEY" run -P "$PLUGINS" --lock "$T/lock" --wait-lock 1m \
  -e "test-source count=3 ! test-sink path=$T/w.out" >/dev/null 2>"$T/w.err" &
waiter=$!
BG="$holder $waiter"
sleep 0.3
kill -0 "$waiter" 2>/dev/null || fail "--wait-lock did not wait"
[ -e "$T/w.out" ] && fail "--wait-lock ran while the lock was held"
kill -TERM "$holder"
wait "$holder"
status=$?
[ "$status" -eq 6 ] || fail "the holder exited $status on SIGTERM, expected 6 (interrupted)"
wait "$waiter" || { fail "--wait-lock: exit $?"; cat "$T/w.err" >&2; }
expect_file_eq "$T/w.out" "$(printf 'doc-1\ndoc-2\ndoc-3')"

# --wait-lock shorter than the holder's run: status 5, the wait named.
start_holder
expect_status 5 "$GALLEY" run -P "$PLUGINS" --lock "$T/lock" --wait-lock 200ms \
  -e "test-source count=3 ! test-sink path=$T/w.out"
expect_file_eq "$T/err" "galley: error: another run holds the lock $T/lock (pid $holder); waited 0.2 s"

# A holder killed with SIGKILL leaves no stale lock: the next run takes it.
kill -KILL "$holder"
wait "$holder" 2>/dev/null
expect_status 0 "$GALLEY" run -P "$PLUGINS" --lock "$T/lock" -e "test-source count=1 ! test-sink path=$T/k.out"

# lock= in [pipeline], and --lock overriding it.
cat > "$T/p.pipeline" <<P
[pipeline]
stages=read;write
lock=$T/lock

[read]
plugin=test-source
count=2

[write]
plugin=test-sink
path=$T/p.out
P
start_holder
expect_status 5 "$GALLEY" run -P "$PLUGINS" "$T/p.pipeline"
expect_file_eq "$T/err" "galley: error: another run holds the lock $T/lock (pid $holder)"
expect_status 0 "$GALLEY" run -P "$PLUGINS" --lock "$T/other.lock" "$T/p.pipeline"
kill -KILL "$holder"
wait "$holder" 2>/dev/null

# Two runs on one state without a lock: the second is refused (status 5)
# before it reads anything, and the first's state is whole.
rm -f "$T/marker"
"$GALLEY" run -P "$PLUGINS" -j 1 --state "$T/s.db" -e "$held path=$T/s1.out" >/dev/null 2>"$T/s1.err" &
first=$! BG=$!
i=0
while [ ! -e "$T/marker" ] && [ "$i" -lt 6000 ]; do
  sleep 0.01; i=$((i + 1))
done
expect_status 5 "$GALLEY" run -P "$PLUGINS" --state "$T/s.db" \
  -e "test-source count=3 ! test-sink path=$T/s2.out"
expect_file_eq "$T/err" "galley: error: another run is using the state file $T/s.db (give both the same lock= or --lock so that they wait or skip cleanly)"
# and so is forgetting in it
expect_status 5 "$GALLEY" state --forget 1s "$T/s.db"
expect_file_eq "$T/err" "galley: error: a run is using the state file $T/s.db: nothing forgotten (try again after it)"
# and so is a reset (status 5, as for a run: try again later), which
# leaves the file where the run uses it
expect_status 5 "$GALLEY" state --reset "$T/s.db"
expect_file_eq "$T/err" "galley: error: another run is using the state file $T/s.db: not reset"
ls "$T" | grep -q '^s\.db\.reset-' && fail "a reset moved the state of a run"
kill -TERM "$first"
wait "$first"
status=$?
[ "$status" -eq 6 ] || fail "the first run on the state exited $status on SIGTERM, expected 6 (interrupted)"
# SIGTERM came during its first document: that one is done, nothing more
expect_file_eq "$T/s1.out" "doc-1"
[ "$(sql "$T/s.db" "SELECT id FROM documents")" = doc-1 ] || fail "the state of the first run is not whole"

# A lock file that cannot be made: an I/O error, status 4.
expect_status 4 "$GALLEY" run -P "$PLUGINS" --lock "$T/missing/dir/lock" \
  -e "test-source count=1 ! test-sink path=$T/x.out"
expect_file_eq "$T/err" "galley: error: cannot open the lock file $T/missing/dir/lock: No such file or directory"

# Never through a symlink: a lock file where others can write (/tmp,
# /run/lock) may be a link planted to a file of theirs, which the run
# would empty. Refused, status 4, the file it names byte for byte intact.
printf 'precious\nbytes, no newline' > "$T/victim"
cp "$T/victim" "$T/victim.orig"
ln -s "$T/victim" "$T/lk.lock"
expect_status 4 "$GALLEY" run -P "$PLUGINS" --lock "$T/lk.lock" \
  -e "test-source count=1 ! test-sink path=$T/x.out"
expect_file_eq "$T/err" "galley: error: cannot open the lock file $T/lk.lock: is a symbolic link; refusing to follow it"
cmp -s "$T/victim" "$T/victim.orig" || fail "the file the lock symlink names was changed"
[ -e "$T/x.out" ] && fail "the run refused its lock wrote its output"
# A dangling link: refused too, and the file it names is not created.
ln -s "$T/made-through-link" "$T/dangling.lock"
expect_status 4 "$GALLEY" run -P "$PLUGINS" --lock "$T/dangling.lock" \
  -e "test-source count=1 ! test-sink path=$T/x.out"
expect_file_eq "$T/err" "galley: error: cannot open the lock file $T/dangling.lock: is a symbolic link; refusing to follow it"
[ -e "$T/made-through-link" ] && fail "the lock was created through a dangling symlink"

# A file that holds more than a pid (--lock given the pipeline file by
# mistake) is not emptied; nor is a device written.
cp "$T/p.pipeline" "$T/p.pipeline.orig"
expect_status 4 "$GALLEY" run -P "$PLUGINS" --lock "$T/p.pipeline" "$T/p.pipeline"
expect_file_eq "$T/err" "galley: error: cannot use $T/p.pipeline as the lock file: it holds something other than a pid, which the run would overwrite (is it the right path?)"
cmp -s "$T/p.pipeline" "$T/p.pipeline.orig" || fail "a pipeline file given as the lock was changed"
expect_status 4 "$GALLEY" run -P "$PLUGINS" --lock /dev/null \
  -e "test-source count=1 ! test-sink path=$T/x.out"
expect_file_eq "$T/err" "galley: error: cannot use /dev/null as the lock file: it is not a regular file"

# The rejects file (appended to) is never written through a symlink either.
ln -s "$T/victim" "$T/rejects.jsonl"
expect_status 4 "$GALLEY" run -P "$PLUGINS" --rejects "$T/rejects.jsonl" \
  -e "test-source count=3 ! test-filter fail-ids=doc-2 ! test-sink path=$T/x.out"
expect_file_eq "$T/err" "galley: error: $T/rejects.jsonl: is a symbolic link; refusing to follow it"
cmp -s "$T/victim" "$T/victim.orig" || fail "the file the rejects symlink names was changed"

# Usage errors.
expect_status 2 "$GALLEY" run -P "$PLUGINS" --lock "$T/lock" --wait-lock soon \
  -e "test-source count=1 ! test-sink path=$T/x.out"
expect_file_eq "$T/err" "galley: error: --wait-lock: 'soon' is not a duration (examples: 90, 90s, 5m, 1h30m)"

finish
