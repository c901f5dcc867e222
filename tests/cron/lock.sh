#!/bin/sh
# lock.sh: --lock FILE and lock= keep runs from overlapping. Of two runs
# started at once on one lock, one runs and the other exits at once with
# status 5 and "galley: error: another run holds the lock FILE (pid N)",
# N the first one's pid; --wait-lock waits for it instead.
. "$TEST_SRCDIR/lib.sh"

# a run of about a second: 200 documents of 5 ms each, on one thread
slow="test-source count=200 ! test-filter delay-us=10000 ! test-sink"

# Two runs started at once, many times over: always one 0 and one 5,
# and the 5 names the other's pid.
for round in 1 2 3; do
  "$GALLEY" run -P "$FIXTURES" -j 1 --lock "$T/lock" -e "$slow path=$T/a.out" \
    >/dev/null 2>"$T/a.err" &
  a=$!
  "$GALLEY" run -P "$FIXTURES" -j 1 --lock "$T/lock" -e "$slow path=$T/b.out" \
    >/dev/null 2>"$T/b.err" &
  b=$!
  BG="$a $b"
  wait "$a"; sa=$?
  wait "$b"; sb=$?
  if [ "$sa" -eq 0 ] && [ "$sb" -eq 5 ]; then
    expect_file_eq "$T/b.err" "galley: error: another run holds the lock $T/lock (pid $a)"
    [ -e "$T/b.out" ] && fail "round $round: the locked-out run wrote its output"
  elif [ "$sa" -eq 5 ] && [ "$sb" -eq 0 ]; then
    expect_file_eq "$T/a.err" "galley: error: another run holds the lock $T/lock (pid $b)"
    [ -e "$T/a.out" ] && fail "round $round: the locked-out run wrote its output"
  else
    fail "round $round: exit statuses $sa and $sb, expected 0 and 5"
    cat "$T/a.err" "$T/b.err" >&2
  fi
  rm -f "$T/a.out" "$T/b.out"
done

# The lock file is left in place (removing it would let a third run lock
# another inode), empty once released.
[ -e "$T/lock" ] || fail "the lock file was removed"
expect_empty "$T/lock"

# start_holder: a run that holds $T/lock until killed or done (about 2 s).
start_holder () {
  "$GALLEY" run -P "$FIXTURES" -j 1 --lock "$T/lock" \
    -e "test-source count=200 ! test-filter delay-us=20000 ! test-sink path=$T/h.out" \
    >/dev/null 2>"$T/h.err" &
  holder=$! BG=$!
  # it holds the lock once its pid is in the file
  i=0
  while [ "$(cat "$T/lock" 2>/dev/null)" != "$holder" ] && [ "$i" -lt 1000 ]; do
    sleep 0.01; i=$((i + 1))
  done
}

# While it runs, the file holds its pid.
start_holder
expect_file_eq "$T/lock" "$holder"

# --wait-lock: a second run waits for the first, then runs.
expect_status 0 "$GALLEY" run -P "$FIXTURES" --lock "$T/lock" --wait-lock 1m \
  -e "test-source count=3 ! test-sink path=$T/w.out"
expect_file_eq "$T/w.out" "$(printf 'doc-1\ndoc-2\ndoc-3')"
kill -0 "$holder" 2>/dev/null && fail "--wait-lock ran before the holder ended"
wait "$holder"

# --wait-lock shorter than the holder's run: status 5, the wait named.
start_holder
expect_status 5 "$GALLEY" run -P "$FIXTURES" --lock "$T/lock" --wait-lock 200ms \
  -e "test-source count=3 ! test-sink path=$T/w.out"
expect_file_eq "$T/err" "galley: error: another run holds the lock $T/lock (pid $holder); waited 0.2 s"

# A holder killed with SIGKILL leaves no stale lock: the next run takes it.
kill -KILL "$holder"
wait "$holder" 2>/dev/null
expect_status 0 "$GALLEY" run -P "$FIXTURES" --lock "$T/lock" -e "test-source count=1 ! test-sink path=$T/k.out"

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
expect_status 5 "$GALLEY" run -P "$FIXTURES" "$T/p.pipeline"
expect_file_eq "$T/err" "galley: error: another run holds the lock $T/lock (pid $holder)"
expect_status 0 "$GALLEY" run -P "$FIXTURES" --lock "$T/other.lock" "$T/p.pipeline"
kill -KILL "$holder"
wait "$holder" 2>/dev/null

# Two runs on one state without a lock: the second is refused (status 5)
# before it reads anything, and the first's state is whole.
"$GALLEY" run -P "$FIXTURES" -j 1 --state "$T/s.db" \
  -e "test-source count=100 ! test-filter delay-us=20000 ! test-sink path=$T/s1.out" \
  >/dev/null 2>"$T/s1.err" &
first=$! BG=$!
i=0
while [ "$(sql "$T/s.db" "SELECT count(*) FROM runs" 2>/dev/null)" != 1 ] && [ "$i" -lt 1000 ]; do
  sleep 0.01; i=$((i + 1))
done
expect_status 5 "$GALLEY" run -P "$FIXTURES" --state "$T/s.db" \
  -e "test-source count=3 ! test-sink path=$T/s2.out"
expect_file_eq "$T/err" "galley: error: another run is using the state file $T/s.db (give both the same lock= or --lock so that they wait or skip cleanly)"
wait "$first" || fail "the first run on the state failed"
[ "$(sql "$T/s.db" "SELECT count(*) FROM documents")" = 100 ] || fail "the state of the first run is not whole"

# A lock file that cannot be made: an I/O error, status 4.
expect_status 4 "$GALLEY" run -P "$FIXTURES" --lock "$T/missing/dir/lock" \
  -e "test-source count=1 ! test-sink path=$T/x.out"
expect_file_eq "$T/err" "galley: error: cannot open the lock file $T/missing/dir/lock: No such file or directory"

# Usage errors.
expect_status 2 "$GALLEY" run -P "$FIXTURES" --lock "$T/lock" --wait-lock soon \
  -e "test-source count=1 ! test-sink path=$T/x.out"
expect_file_eq "$T/err" "galley: error: --wait-lock: 'soon' is not a duration (examples: 90, 90s, 5m, 1h30m)"

finish
