# kafka-lib.sh: a librdkafka mock cluster of the test's own (kafka-mock,
# on loopback ports), stopped at exit. Source it after lib.sh.
MOCK_PID=
trap '[ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null; rm -rf "$T"' EXIT

# start_mock TOPIC: a cluster with TOPIC (three partitions); sets $BROKERS
start_mock () {
  "$TOP_BUILDDIR/tests/kafka/kafka-mock" "$1" 3 > "$T/mock.out" 2> "$T/mock.err" &
  MOCK_PID=$!
  for i in $(seq 100); do [ -s "$T/mock.out" ] && break; sleep 0.1; done
  BROKERS=$(head -n 1 "$T/mock.out")
  [ -n "$BROKERS" ] || { echo "kafka-mock did not start" >&2; cat "$T/mock.err" >&2; exit 99; }
}

# The mock cluster evicts a member that left without a word (killed) only
# after its session timed out: keep that short. A new member also waits
# for the group to settle, hence an idle= well above it.
K="kafka=session.timeout.ms=6000;heartbeat.interval.ms=500;max.poll.interval.ms=7000"
