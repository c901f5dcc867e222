#!/bin/sh
# kafka-follow.sh: read-kafka follow=true waits for new messages until
# galley is told to stop, then commits what it read.
. "$TOP_SRCDIR/tests/cli/lib.sh"
. "$TEST_SRCDIR/kafka-lib.sh"

start_mock news
READ="read-kafka brokers=$BROKERS topic=news $K"

# send ID [TOPIC]: one message, through export-kafka
send () {
  printf '{"id":"%s","text":"Story %s."}\n' "$1" "$1" > "$T/one.jsonl"
  "$GALLEY" run --no-progress -e \
    "read-jsonl path=$T/one.jsonl ! export-kafka brokers=$BROKERS topic=${2:-news} text=true" 2>/dev/null \
    || fail "cannot send $1"
}

# The worker writes each document to SQLite in a transaction of its own
# (batch=1): a row is a message read.
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed"; exit 77; }
rows () {
  sqlite3 "$T/docs.db" 'SELECT group_concat(id) FROM documents' 2>/dev/null
}
"$GALLEY" run --no-progress -e "$READ follow=true ! export-sqlite path=$T/docs.db batch=1" \
  > /dev/null 2> "$T/follow.err" &
pid=$!
send f1
for i in $(seq 600); do [ "$(rows)" = f1 ] && break; sleep 0.1; done
[ "$(rows)" = f1 ] || fail "follow=true: the first message never came"
send f2
for i in $(seq 600); do [ "$(rows)" = f1,f2 ] && break; sleep 0.1; done
[ "$(rows)" = f1,f2 ] || fail "follow=true: the second message never came"
kill -TERM "$pid"
wait "$pid"
status=$?
[ "$status" -eq 0 ] || { fail "follow=true: exit $status after SIGTERM, expected 0"; cat "$T/follow.err" >&2; }
expect_grep '^galley: 2 read, 2 done, 0 rejected' "$T/follow.err"

# what it read was committed: the group has nothing more
expect_status 0 "$GALLEY" run --no-progress -e "$READ idle=10000 ! export-jsonl path=$T/left.jsonl"
expect_grep '^galley: 0 read, 0 done, 0 rejected' "$T/err"

# --- a following worker checkpoints while no message comes: the source
# reports itself idle every second, so that the runner commits the open
# batch (export-sqlite's default batch of 500 holds the database's write
# lock until then, keeping every other worker of a fleet from writing)
# and the offsets. Two messages come together: a checkpoint falls due
# with the first (the run started more than a second earlier), and only
# an idle source lets the next one commit the second.
QUIET="read-kafka brokers=$BROKERS topic=quiet $K"
"$GALLEY" run --no-progress --checkpoint=1s -e "$QUIET follow=true ! export-sqlite path=$T/quiet.db" \
  > /dev/null 2> "$T/quiet.err" &
pid=$!
sleep 2
printf '%s\n' '{"id":"q1","text":"One."}' '{"id":"q2","text":"Two."}' > "$T/two.jsonl"
"$GALLEY" run --no-progress -e "read-jsonl path=$T/two.jsonl ! export-kafka brokers=$BROKERS topic=quiet text=true" 2>/dev/null \
  || fail "cannot send q1 and q2"
quiet_rows () {
  sqlite3 "$T/quiet.db" 'SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)' 2>/dev/null
}
for i in $(seq 600); do [ "$(quiet_rows)" = q1,q2 ] && break; sleep 0.1; done
[ "$(quiet_rows)" = q1,q2 ] || fail "follow=true: the quiet topic's documents were not all committed: '$(quiet_rows)'"
# the offsets were committed after the sinks (acknowledge follows the
# state): wait a checkpoint more, then kill the worker outright
sleep 2
kill -KILL "$pid"
wait "$pid" 2>/dev/null
expect_status 0 "$GALLEY" run --no-progress -e "$QUIET idle=10000 ! export-jsonl path=$T/quiet-left.jsonl"
expect_grep '^galley: 0 read, 0 done, 0 rejected' "$T/err"

finish
