#!/bin/sh
# notify.sh: under a service manager (NOTIFY_SOCKET), a following run
# says READY=1 once reading starts, WATCHDOG=1 at half of WATCHDOG_USEC
# while it waits for input (not while a worker hangs on a document), and
# STOPPING=1 on SIGTERM, from the
# supervised child too, to a socket named by its path or, with a leading
# '@', in the abstract namespace. Configured --without-systemd, these are
# no-ops: skipped.
. "$TEST_SRCDIR/lib.sh"

grep -q '^#define HAVE_SERVICE_NOTIFY 1' "$TOP_BUILDDIR/config.h" \
  || skip "configured --without-systemd"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || skip "no python3"

mkdir -p "$T/spool"
# the service manager's end: a datagram socket; each message on a line,
# until STOPPING=1 comes (or 60 s pass)
cat > "$T/listen.py" <<'EOP'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
# '@name': an abstract socket, as NOTIFY_SOCKET spells it
s.bind("\0" + sys.argv[1][1:] if sys.argv[1].startswith("@") else sys.argv[1])
s.settimeout(60)
with open(sys.argv[2], "w") as out:
    try:
        while True:
            m = s.recv(4096).decode()
            out.write(m + "\n"); out.flush()
            if m == "STOPPING=1":
                break
    except socket.timeout:
        pass
EOP
# listen SOCKET: the listener, bound once $T/messages exists
listen () {
  rm -f "$T/notify" "$T/messages"
  "$PY" "$T/listen.py" "$1" "$T/messages" &
  listener=$! BG="$BG $!"
  i=0
  while [ ! -f "$T/messages" ] && [ "$i" -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
}

for how in "--no-supervise $T/notify" "--supervise $T/notify" \
           "--no-supervise @galley-notify-test-$$"; do
  mode=${how%% *} socket=${how#* }
  listen "$socket"
  NOTIFY_SOCKET=$socket WATCHDOG_USEC=1000000 "$GALLEY" run --follow $mode \
    -e "read-files path=$T/spool ! export-jsonl path=/dev/null" >/dev/null 2>"$T/err" &
  pid=$! BG="$BG $!"
  i=0
  while ! grep -q WATCHDOG "$T/messages" && [ "$i" -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
  kill -TERM "$pid"; wait "$pid"; status=$?
  [ "$status" -eq 0 ] \
    || fail "$mode $socket: exit $status after $i waits; stderr: $(cat "$T/err"); messages: $(tr '\n' ' ' < "$T/messages")"
  # the listener may not have read the last datagram yet when galley has
  # ended: it stops after STOPPING=1 (or its own time limit)
  wait "$listener" 2>/dev/null
  # each message once, in this order (the watchdog may ping more than once)
  uniq "$T/messages" > "$T/got"
  expect_file_eq "$T/got" "READY=1
WATCHDOG=1
STOPPING=1"
done

# A worker that hangs on a document: the calling thread still ticks, but
# the pings stop once the document has been in the stage for half of
# WATCHDOG_USEC, so that systemd restarts the run, and the log says why.
# (One job needs no such care: the one thread that hangs sends nothing.)
mkdir -p "$T/hang"
printf 'Title\nA document with HANG in it.\n' > "$T/hang/a.txt"
listen "$T/notify"
NOTIFY_SOCKET=$T/notify WATCHDOG_USEC=1000000 "$GALLEY" run -P "$CRON_PLUGINS" -j 2 --no-supervise --follow \
  -e "read-files path=$T/hang ! cron-crash marker=HANG how=hang ! export-jsonl path=/dev/null" \
  >/dev/null 2>"$T/err" &
pid=$! BG="$BG $!"
i=0
while ! grep -q 'no more watchdog pings' "$T/err" && [ "$i" -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
expect_file_eq "$T/err" "galley: warning: -e: stage 2 (cron-crash) has been on one document for 1 s: no more watchdog pings, so that the service manager restarts the run"
pings=$(grep -c WATCHDOG "$T/messages")
sleep 2
[ "$(grep -c WATCHDOG "$T/messages")" -eq "$pings" ] \
  || fail "watchdog pings went on while a worker hung: $(tr '\n' ' ' < "$T/messages")"
kill -KILL "$pid" "$listener" 2>/dev/null
wait "$pid" "$listener" 2>/dev/null

finish
