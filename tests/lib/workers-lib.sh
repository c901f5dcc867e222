# workers-lib.sh: the kill-one-worker scene both stream proofs play.
# Source it after lib.sh; define worker_pipeline W (the -e text of worker
# W, for the current $group and $sink), then:
#
#   start_stalled_w1  w1 starts alone and also writes its documents to a
#                     pipe nobody reads: once one line came out, it is
#                     mid-stream (it cannot put 3,000 documents in a pipe)
#                     and holds work it has not acknowledged, some of it
#                     already in $sink;
#   run_others_kill_w1  w2 and w3 start, w1 is SIGKILLed, w2 and w3 must
#                     then end with status 0.

start_stalled_w1 () {
  rm -f "$T/stall"; mkfifo "$T/stall"
  exec 3<>"$T/stall"
  "$GALLEY" run --no-progress -e "$(worker_pipeline w1) ! export-jsonl path=-" \
    > "$T/stall" 2> "$T/$group-w1.err" &
  pid_w1=$!
  timeout 60 head -n 1 "$T/stall" > /dev/null || fail "$group: w1 wrote nothing"
}

run_others_kill_w1 () {
  for w in w2 w3; do
    "$GALLEY" run --no-progress -e "$(worker_pipeline $w)" \
      > "$T/$group-$w.out" 2> "$T/$group-$w.err" &
    eval "pid_$w=\$!"
  done
  kill -KILL "$pid_w1"
  wait "$pid_w1" 2>/dev/null
  exec 3>&-
  for w in w2 w3; do
    eval "wait \$pid_$w"
    status=$?
    [ "$status" -eq 0 ] || { fail "$group: worker $w exited $status"; cat "$T/$group-$w.err" >&2; }
  done
}
