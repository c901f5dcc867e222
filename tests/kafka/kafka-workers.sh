#!/bin/sh
# kafka-workers.sh: read-kafka and export-kafka on librdkafka's mock
# cluster (kafka-mock): the round trip, offsets committed only after the
# sinks committed, and the scale-out proof: 3,000 articles in a topic of
# three partitions, three workers of the default pipeline in one group,
# one SIGKILLed mid-stream, a fresh worker finishing its partitions:
# every article out, nothing left uncommitted, exactly once through
# export-sqlite.
. "$TOP_SRCDIR/tests/cli/lib.sh"
. "$TOP_SRCDIR/tests/lib/workers-lib.sh"
. "$TEST_SRCDIR/kafka-lib.sh"

READ="read-kafka topic=news $K"
PIPE="tokenizer ! entity-tagger ! sentiment"

# --- librdkafka checks the properties passed through (exit 2)
expect_status 2 "$GALLEY" run -e "read-kafka topic=x kafka=no.such=1 ! export-jsonl path=-"
expect_file_eq "$T/err" 'galley: error: -e: stage 1 (read-kafka) read-kafka: parameter '"'kafka'"': no.such: No such configuration property: "no.such"'
# (blanks around the name and '=' are not part of it; a line is counted
# from 1)
printf '# secrets here\n  sasl.bogus = 2\n' > "$T/kafka.properties"
expect_status 2 "$GALLEY" run -e "read-jsonl path=- ! export-kafka topic=x kafka-file=$T/kafka.properties"
expect_grep "^galley: error: .*export-kafka: $T/kafka.properties:2: sasl.bogus: No such configuration property: \"sasl.bogus\"$" "$T/err"
expect_status 2 "$GALLEY" run -e "read-kafka topic=x kafka=novalue ! export-jsonl path=-"
expect_grep "read-kafka: parameter 'kafka': 'novalue' is not NAME=VALUE" "$T/err"
expect_status 2 "$GALLEY" run -e "read-kafka topic=x kafka==1 ! export-jsonl path=-"
expect_grep "read-kafka: parameter 'kafka': '=1' is not NAME=VALUE" "$T/err"
# a kafka-file that cannot be read is an error, never skipped (exit 4)
expect_status 4 "$GALLEY" run -e "read-jsonl path=- ! export-kafka topic=x kafka-file=$T/missing.properties"
expect_grep "^galley: error: .*export-kafka: parameter 'kafka-file': Failed to open file .*$T/missing.properties.*: No such file or directory" "$T/err"

# --- galley validate builds the stages without connecting anywhere
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
expect_status 0 "$GALLEY" validate -e "read-kafka brokers=127.0.0.1:$closed topic=x ! export-kafka brokers=127.0.0.1:$closed topic=y"
expect_file_eq "$T/out" "-e: valid: read-kafka ! export-kafka"
[ -s "$T/err" ] && { fail "validate connected to the brokers:"; cat "$T/err" >&2; }

# --- no broker answers: an error once idle= has passed, where the run
# read nothing and ended with success, as a member with no partition does
expect_status 4 "$GALLEY" run --no-progress -e \
  "read-kafka brokers=127.0.0.1:$closed topic=x idle=1500 ! export-jsonl path=-"
expect_grep "^galley: error: read-kafka: joined no consumer group within idle=1500 ms: no broker of brokers=127.0.0.1:$closed answered$" "$T/err"

# --- a commit waits for every delivery report and fails with the first
# failed delivery (exit 4), so that what a run committed is in Kafka: here
# no broker answers and each message times out after message.timeout.ms
printf '%s\n' '{"id":"d1","text":"One."}' '{"id":"d2","text":"Two."}' > "$T/d.jsonl"
head -n 1 "$T/d.jsonl" > "$T/d1.jsonl"
expect_status 4 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/d1.jsonl ! export-kafka brokers=127.0.0.1:$closed topic=x kafka=message.timeout.ms=1000"
expect_grep "commit failed: export-kafka: topic x: message of document 'd1' not delivered: Local: Message timed out$" "$T/err"
expect_status 4 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/d.jsonl ! export-kafka brokers=127.0.0.1:$closed topic=x kafka=message.timeout.ms=1000"
expect_grep "commit failed: export-kafka: topic x: 2 messages not delivered; the first, of document 'd[12]': Local: Message timed out$" "$T/err"
# and when delivery-timeout runs out first, it says how many are unconfirmed
expect_status 4 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/d.jsonl ! export-kafka brokers=127.0.0.1:$closed topic=x delivery-timeout=500"
expect_grep "commit failed: export-kafka: topic x: 2 messages still unconfirmed after delivery-timeout=500 ms$" "$T/err"

start_mock news
READ="$READ brokers=$BROKERS"
# the idle= of a worker that may have to wait for the group to settle
SETTLE=idle=30000

N=3000
i=1
while [ "$i" -le "$N" ]; do
  printf '{"id":"a%d","text":"Article %d: Floods hit Kenya on Friday."}\n' "$i" "$i"
  i=$((i + 1))
done > "$T/in.jsonl"

# --- export-kafka: every document, as export-jsonl's line, keyed by id
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/in.jsonl ! export-kafka brokers=$BROKERS topic=news text=true"
expect_grep "^galley: $N read, $N done, 0 rejected" "$T/err"

# --- offsets are committed only once the sinks committed: a run that
# aborts (on a message with no text) commits none, and the next run of
# the group reads the same messages again
printf '%s\n' '{"id":"b1","text":"One."}' '{"id":"b2","text":"Two."}' > "$T/b.jsonl"
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/b.jsonl ! export-kafka brokers=$BROKERS topic=bad"
READ_BAD="read-kafka topic=bad $K brokers=$BROKERS group=g"
expect_status 1 "$GALLEY" run --no-progress --on-error=abort -e "$READ_BAD $SETTLE ! export-jsonl path=$T/bad.jsonl"
expect_grep "rejected by \[read-kafka\]: topic bad partition [0-9] offset 0: missing \"text\"" "$T/err"
expect_status 1 "$GALLEY" run --no-progress -e "$READ_BAD $SETTLE ! export-jsonl path=$T/bad.jsonl"
expect_grep '^galley: 2 read, 0 done, 2 rejected' "$T/err"
expect_status 0 "$GALLEY" run --no-progress -e "$READ_BAD idle=10000 ! export-jsonl path=$T/bad.jsonl"
expect_grep '^galley: 0 read, 0 done, 0 rejected' "$T/err"

worker_pipeline () {
  echo "$READ group=$group $SETTLE ! $PIPE ! $sink"
}

# scale_run GROUP SINK: three workers, w1 killed mid-stream (see
# workers-lib.sh); a fresh worker w4 finishes what is left once w2 and w3
# end; then a last one must find nothing to read.
scale_run () {
  group=$1; sink=$2
  start_stalled_w1
  run_others_kill_w1
  expect_status 0 "$GALLEY" run --no-progress -e "$READ group=$group $SETTLE ! $PIPE ! $sink"
  cat "$T/err" > "$T/$group-w4.err"
  expect_status 0 "$GALLEY" run --no-progress -e "$READ group=$group idle=10000 ! export-jsonl path=$T/$group-left.jsonl"
  expect_grep '^galley: 0 read, 0 done, 0 rejected' "$T/err"
  read_total=0
  for w in w2 w3 w4; do
    n=$(sed -n 's/^galley: \([0-9]*\) read.*/\1/p' "$T/$group-$w.err")
    read_total=$((read_total + ${n:-0}))
  done
  echo "$group: w2, w3 and w4 read $read_total messages"
}

# --- through export-kafka: every article, duplicates only from w1
scale_run streams "export-kafka brokers=$BROKERS topic=out text=true"
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-kafka brokers=$BROKERS topic=out group=check idle=30000 $K ! export-jsonl path=$T/out.jsonl"
sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$T/out.jsonl" > "$T/ids"
sort -u "$T/ids" > "$T/unique"
seq $N | sed 's/^/a/' | sort > "$T/expected-ids"
cmp -s "$T/unique" "$T/expected-ids" || fail "export-kafka: some articles are missing: $(comm -13 "$T/unique" "$T/expected-ids" | head -5 | tr '\n' ' ')"
duplicates=$(( $(wc -l < "$T/ids") - N ))
echo "export-kafka: $duplicates duplicates"
# The killed worker committed nothing, so the others read every message
# (its partitions from the start): the duplicates are what it had sent
# before it died, and messages a rebalance gave to a second reader before
# the first committed them. (Unlike a Redis group, Kafka cannot say from
# outside how many messages the dead worker held.)
[ "$read_total" -ge $N ] \
  || fail "export-kafka: w2, w3 and w4 read $read_total messages: some were committed unprocessed"

# --- through export-sqlite: exactly once
if command -v sqlite3 >/dev/null; then
  # the workers share the file: one waiting in a rebalance (up to the
  # session timeout) with a batch open keeps the others waiting as long
  scale_run sqlite "export-sqlite path=$T/news.db busy-timeout=60000"
  [ "$read_total" -ge $N ] \
    || fail "export-sqlite: w2, w3 and w4 read $read_total messages: some were committed unprocessed"
  [ "$(sqlite3 "$T/news.db" 'SELECT count(*), count(DISTINCT id) FROM documents')" = "$N|$N" ] \
    || fail "export-sqlite: $(sqlite3 "$T/news.db" 'SELECT count(*), count(DISTINCT id) FROM documents') rows and ids, expected $N|$N"
fi

finish
