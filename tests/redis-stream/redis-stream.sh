#!/bin/sh
# redis-stream.sh: read-redis-stream and export-redis-stream against a
# redis-server of the test's own.
. "$TOP_SRCDIR/tests/cli/lib.sh"
. "$TEST_SRCDIR/redis-lib.sh"
skip_without_redis
start_redis --unixsocket "$T/redis.sock" --unixsocketperm 700

# pending STREAM GROUP: how many entries the group has not acknowledged
pending () {
  rcli XPENDING "$1" "$2" | head -n 1
}

# --- a round trip: entries in, the same JSON lines export-jsonl writes out
add_articles in 3
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=in ! tokenizer ! export-redis-stream url=$REDIS_URL stream=out text=true"
expect_grep '^galley: 3 read, 3 done, 0 rejected' "$T/err"
# XRANGE --raw prints an entry as three lines (id, field, value): a value
# that kept the line's newline would shift them
rcli --raw XRANGE out - + | awk 'NR % 3 == 0' > "$T/lines"
expect_file_eq "$T/lines" '{"id":"a1","text":"Article 1: Floods hit Kenya on Friday.","meta":{},"features":{},"layers":{"sentence":[{"start":0,"end":38}]}}
{"id":"a2","text":"Article 2: Floods hit Kenya on Friday.","meta":{},"features":{},"layers":{"sentence":[{"start":0,"end":38}]}}
{"id":"a3","text":"Article 3: Floods hit Kenya on Friday.","meta":{},"features":{},"layers":{"sentence":[{"start":0,"end":38}]}}'
[ "$(pending in galley)" = 0 ] || fail "entries left pending after a committed run"

# --- the group has read everything: a second run reads nothing
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=in ! export-jsonl path=$T/again.jsonl"
expect_grep '^galley: 0 read, 0 done, 0 rejected' "$T/err"

# --- export-redis-stream's entries read back as read-jsonl reads the same
# lines from a file
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=out group=back ! export-jsonl path=$T/back.jsonl text=true"
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/lines ! export-jsonl path=$T/back-file.jsonl text=true"
expect_file_eq "$T/back.jsonl" "$(cat "$T/back-file.jsonl")"
expect_grep '^{"id":"a1","text":"Article 1: Floods hit Kenya on Friday."' "$T/back.jsonl"

# --- an entry that holds no document is rejected, naming the entry, and
# acknowledged with the rest (the rejects file keeps it)
bad_id=$(rcli XADD bad '*' json 'not json')
nojson_id=$(rcli XADD bad '*' title 'no json here')
rcli XADD bad '*' json '{"id":"b1","text":"Fine."}' >/dev/null
expect_status 1 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=bad ! export-jsonl path=$T/bad.jsonl"
expect_grep "rejected by \[read-redis-stream\]: stream bad entry $bad_id: invalid JSON" "$T/err"
expect_grep "rejected by \[read-redis-stream\]: stream bad entry $nojson_id: the entry has no field 'json'" "$T/err"
expect_file_eq "$T/bad.jsonl" '{"id":"b1","meta":{},"features":{},"layers":{}}'
[ "$(pending bad galley)" = 0 ] || fail "rejected entries left pending"

# --- nothing is acknowledged before the sinks commit: an aborted run
# leaves its entries pending, and the same consumer reads them again
add_articles abort 2
rcli XADD abort '*' json 'not json' >/dev/null
expect_status 1 "$GALLEY" run --no-progress --on-error=abort -e \
  "read-redis-stream url=$REDIS_URL stream=abort consumer=w1 ! export-jsonl path=$T/abort.jsonl"
[ "$(pending abort galley)" = 3 ] || fail "an aborted run acknowledged entries: $(pending abort galley) pending"
[ -e "$T/abort.jsonl" ] && fail "an aborted run wrote its output"
# (count=1: its own entries come one read at a time, each read starting
# after the last; a read that started from the first again would never end)
expect_status 1 timeout -s KILL 120 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=abort consumer=w1 count=1 ! export-jsonl path=$T/abort.jsonl"
expect_grep '^galley: 3 read, 2 done, 1 rejected' "$T/err"
[ "$(pending abort galley)" = 0 ] || fail "entries read again were not acknowledged"

# --- an entry deleted (XDEL) while pending with this consumer comes back
# without its fields: it is acknowledged, neither read nor rejected
add_articles gone 2
rcli XGROUP CREATE gone galley 0 >/dev/null
rcli XREADGROUP GROUP galley w2 COUNT 2 STREAMS gone '>' >/dev/null
rcli XDEL gone "$(rcli --raw XRANGE gone - + COUNT 1 | head -n 1)" >/dev/null
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=gone consumer=w2 ! export-jsonl path=$T/gone.jsonl"
expect_grep '^galley: 1 read, 1 done, 0 rejected' "$T/err"
cut -c1-12 "$T/gone.jsonl" > "$T/gone.ids"
expect_file_eq "$T/gone.ids" '{"id":"a2","'
[ "$(pending gone galley)" = 0 ] || fail "the deleted entry was left pending"

# --- entries another consumer left pending are claimed once min-idle passed
add_articles claim 4
rcli XGROUP CREATE claim galley 0 >/dev/null
rcli XREADGROUP GROUP galley gone COUNT 2 STREAMS claim '>' >/dev/null
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=claim min-idle=3600000 ! export-jsonl path=$T/claim1.jsonl"
expect_grep '^galley: 2 read, 2 done' "$T/err"
[ "$(pending claim galley)" = 2 ] || fail "entries not yet idle for min-idle were claimed"
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=claim min-idle=0 ! export-jsonl path=$T/claim2.jsonl"
cut -c1-12 "$T/claim2.jsonl" > "$T/claim2.ids"
expect_file_eq "$T/claim2.ids" '{"id":"a1","
{"id":"a2","'
[ "$(pending claim galley)" = 0 ] || fail "claimed entries left pending"

# --- an entry delivered max-deliveries times goes to the dead-letter stream
add_articles poison 2
rcli XGROUP CREATE poison galley 0 >/dev/null
rcli XREADGROUP GROUP galley crashed COUNT 1 STREAMS poison '>' >/dev/null
first=$(rcli --raw XRANGE poison - + COUNT 1 | head -n 1)
rcli XCLAIM poison galley crashed 0 "$first" RETRYCOUNT 3 >/dev/null
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=poison min-idle=0 max-deliveries=3 ! export-jsonl path=$T/poison.jsonl"
expect_grep "read-redis-stream: stream poison entry $first: delivered 3 times (max-deliveries=3), last to consumer crashed, and never acknowledged; moved to poison:dead-letter" "$T/err"
cut -c1-12 "$T/poison.jsonl" > "$T/poison.ids"
expect_file_eq "$T/poison.ids" '{"id":"a2","'
rcli --raw XRANGE poison:dead-letter - + | tail -n +2 > "$T/dead"
expect_file_eq "$T/dead" "json
{\"id\":\"a1\",\"text\":\"Article 1: Floods hit Kenya on Friday.\"}
error
delivered 3 times (max-deliveries=3), last to consumer crashed, and never acknowledged
stream
poison
id
$first
deliveries
3"
[ "$(pending poison galley)" = 0 ] || fail "the dead letter is still pending"

# --- a dead letter deleted (XDEL) before it is moved: XCLAIM gives nothing
# (Redis 7 drops a deleted entry from the pending list), so there is
# nothing to move, and the rest is read
add_articles gone-poison 2
rcli XGROUP CREATE gone-poison galley 0 >/dev/null
rcli XREADGROUP GROUP galley crashed COUNT 1 STREAMS gone-poison '>' >/dev/null
first=$(rcli --raw XRANGE gone-poison - + COUNT 1 | head -n 1)
rcli XCLAIM gone-poison galley crashed 0 "$first" RETRYCOUNT 3 >/dev/null
rcli XDEL gone-poison "$first" >/dev/null
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=gone-poison min-idle=0 max-deliveries=3 ! export-jsonl path=$T/gone-poison.jsonl"
cut -c1-12 "$T/gone-poison.jsonl" > "$T/gone-poison.ids"
expect_file_eq "$T/gone-poison.ids" '{"id":"a2","'
[ "$(rcli XLEN gone-poison:dead-letter)" = 0 ] || fail "a deleted entry was moved to the dead-letter stream"
[ "$(pending gone-poison galley)" = 0 ] || fail "the deleted dead letter is still pending"

# --- follow=true waits for new entries until galley is told to stop
# (status 0, as with --follow), and commits and acknowledges them at the
# checkpoints it makes while it waits (the file is in mode=append: one in
# mode=replace, published only at the end, is refused to a following run;
# add_articles gives both entries the id a1, so unique=false keeps both)
lines_in () { [ -f "$1" ] && wc -l < "$1" || echo 0; }
add_articles follow 1
"$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=follow follow=true block=100 ! export-jsonl path=$T/follow.jsonl mode=append unique=false" \
  > "$T/out" 2> "$T/err" &
pid=$!
for i in $(seq 100); do [ "$(lines_in "$T/follow.jsonl")" -eq 1 ] && [ "$(pending follow galley)" = 0 ] && break; sleep 0.1; done
[ "$(pending follow galley)" = 0 ] || fail "follow=true: the first entry was not acknowledged at a checkpoint"
add_articles follow 1
for i in $(seq 100); do [ "$(lines_in "$T/follow.jsonl")" -eq 2 ] && break; sleep 0.1; done
kill -TERM "$pid"
wait "$pid"
status=$?
[ "$status" -eq 0 ] || { fail "follow=true: exit $status after SIGTERM, expected 0"; cat "$T/err" >&2; }
[ "$(wc -l < "$T/follow.jsonl")" -eq 2 ] || fail "follow=true: $(wc -l < "$T/follow.jsonl") documents written, expected 2"
[ "$(pending follow galley)" = 0 ] || fail "follow=true: entries left pending after SIGTERM"

# --- a following worker checkpoints while no entry comes: the source
# reports itself idle every block ms, so that the runner commits the
# open batch (export-sqlite's default batch of 500 holds the database's
# write lock until then, keeping every other worker from writing) and
# acknowledges the entries. Two entries come together: a checkpoint falls
# due with the first (the run started more than a second earlier), and
# only an idle source lets the next one commit the second.
if command -v sqlite3 >/dev/null; then
  "$GALLEY" run --no-progress --checkpoint=1s -e \
    "read-redis-stream url=$REDIS_URL stream=quiet follow=true block=100 ! export-sqlite path=$T/quiet.db" \
    > "$T/out" 2> "$T/quiet.err" &
  pid=$!
  sleep 2
  add_articles quiet 2
  quiet_rows () {
    sqlite3 "$T/quiet.db" 'SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)' 2>/dev/null
  }
  for i in $(seq 100); do [ "$(quiet_rows)" = a1,a2 ] && [ "$(pending quiet galley)" = 0 ] && break; sleep 0.1; done
  [ "$(quiet_rows)" = a1,a2 ] || fail "follow=true: the quiet stream's entries were not all committed: '$(quiet_rows)'"
  [ "$(pending quiet galley)" = 0 ] || fail "follow=true: $(pending quiet galley) entries left pending on a quiet stream"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
fi

# --- an error reply fails the commit, naming the stream (exit 4)
rcli SET notastream x >/dev/null
echo '{"id":"x1","text":"Hi."}' > "$T/one.jsonl"
expect_status 4 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/one.jsonl ! export-redis-stream url=$REDIS_URL stream=notastream"
expect_grep "export-redis-stream: XADD to stream notastream: WRONGTYPE Operation against a key holding the wrong kind of value" "$T/err"

# --- the same refusal of a full batch, sent by a write: the run stops
# there (exit 4), rejecting none. The batch's documents were counted as
# written before: with the 256th document the last, the commit found
# nothing left to send, and the run ended as if 255 had gone in.
i=1
while [ $i -le 256 ]; do
  printf '{"id":"w%d","text":"Entry %d."}\n' $i $i
  i=$((i + 1))
done > "$T/256.jsonl"
expect_status 4 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/256.jsonl ! export-redis-stream url=$REDIS_URL stream=notastream"
expect_grep "^galley: error: -e: stage 2 (export-redis-stream) write failed: export-redis-stream: XADD to stream notastream: WRONGTYPE Operation against a key holding the wrong kind of value$" "$T/err"
expect_grep "^galley: 256 read, 255 done, 0 rejected in " "$T/err"

# --- and a read: the group cannot be made on it, naming the command
# (exit 2: stream= names a key that is no stream)
expect_status 2 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=notastream ! export-jsonl path=-"
expect_grep "read-redis-stream: XGROUP: WRONGTYPE Operation against a key holding the wrong kind of value" "$T/err"

# --- maxlen= trims the stream as it grows (MAXLEN ~: Redis drops whole
# nodes of entries, so about maxlen stay, never fewer); without it every
# entry stays. 300 documents: a batch of 256 goes out in write, the rest
# at the commit.
i=1
while [ "$i" -le 300 ]; do
  printf '{"id":"m%d","text":"Entry %d."}\n' "$i" "$i"
  i=$((i + 1))
done > "$T/many.jsonl"
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/many.jsonl ! export-redis-stream url=$REDIS_URL stream=whole"
[ "$(rcli XLEN whole)" = 300 ] || fail "no maxlen: the stream holds $(rcli XLEN whole) entries of 300"
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/many.jsonl ! export-redis-stream url=$REDIS_URL stream=trimmed maxlen=10"
n=$(rcli XLEN trimmed)
{ [ "$n" -ge 10 ] && [ "$n" -lt 300 ]; } || fail "maxlen=10: the stream holds $n entries of 300"
rcli --raw XREVRANGE trimmed + - COUNT 1 | awk 'NR == 3' | cut -c1-13 > "$T/newest"
expect_file_eq "$T/newest" '{"id":"m300",'

# --- a Redis restart under a waiting worker: it reconnects, reads what
# comes next, and acknowledges both entries on the new server
add_articles restart 1
"$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=restart follow=true block=100 ! export-jsonl path=$T/restart.jsonl mode=append unique=false" \
  > "$T/out" 2> "$T/restart.err" &
pid=$!
for i in $(seq 100); do [ "$(pending restart galley)" = 1 ] && break; sleep 0.1; done
restart_redis
add_articles restart 1
for i in $(seq 100); do [ "$(lines_in "$T/restart.jsonl")" -eq 2 ] && break; sleep 0.1; done
kill -TERM "$pid"
wait "$pid"
status=$?
[ "$status" -eq 0 ] || { fail "restart: exit $status after SIGTERM, expected 0"; cat "$T/restart.err" >&2; }
[ "$(wc -l < "$T/restart.jsonl")" -eq 2 ] || fail "restart: $(wc -l < "$T/restart.jsonl") documents written, expected 2"
[ "$(pending restart galley)" = 0 ] || fail "restart: entries left pending"

# --- a Unix socket, and a database number
add_articles sock 2
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=unix://$T/redis.sock?db=3 stream=sock ! export-jsonl path=$T/sock.jsonl"
expect_grep '^galley: 0 read' "$T/err"
rcli -n 3 XADD sock '*' json '{"id":"s1","text":"In db 3."}' >/dev/null
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=unix://$T/redis.sock?db=3 stream=sock ! export-jsonl path=$T/sock.jsonl"
expect_file_eq "$T/sock.jsonl" '{"id":"s1","meta":{},"features":{},"layers":{}}'

# --- the password comes from the environment variable password-env names
rcli CONFIG SET requirepass 'sekr3t' >/dev/null
REDIS_PASSWORD=sekr3t expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=sock ! export-jsonl path=$T/auth.jsonl"
expect_grep '^galley: 2 read' "$T/err"
# refused at once, not retried for retry-for
NEWS_REDIS=wrong expect_status 4 timeout -s KILL 60 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=sock password-env=NEWS_REDIS retry-for=3600 ! export-jsonl path=-"
expect_grep "read-redis-stream: $REDIS_URL: login with the password of \$NEWS_REDIS refused: WRONGPASS" "$T/err"
grep -q wrong "$T/err" && fail "the password appears in a message"
rcli -a sekr3t --no-auth-warning CONFIG SET requirepass '' >/dev/null
# an empty variable is no password: no AUTH (which this server, with no
# password set, would refuse)
REDIS_PASSWORD= expect_status 0 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL stream=sock ! export-jsonl path=-"
expect_grep '^galley: 0 read' "$T/err"

# --- a database the server does not have: refused at once, naming it
expect_status 4 timeout -s KILL 60 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=$REDIS_URL/99 stream=x retry-for=3600 ! export-jsonl path=-"
expect_grep "read-redis-stream: $REDIS_URL/99: SELECT 99: ERR DB index is out of range" "$T/err"

# --- url= and the connection
expect_status 2 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=http://example.org stream=x ! export-jsonl path=-"
expect_grep "read-redis-stream: parameter 'url': 'http://example.org' is not a Redis url (redis://HOST\[:PORT\]\[/DB\] or unix:///PATH\[?db=DB\])" "$T/err"
expect_status 2 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=redis://user:secret@host stream=x ! export-jsonl path=-"
expect_grep "holds a password: give it in the environment variable that password-env names" "$T/err"
closed=$(free_port)
expect_status 4 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=redis://127.0.0.1:$closed stream=x retry-for=0 ! export-jsonl path=-"
expect_grep "read-redis-stream: redis://127.0.0.1:$closed: cannot connect: Connection refused" "$T/err"
grep -q "retrying" "$T/err" && fail "retry-for=0 warned of retries: $(cat "$T/err")"

# a server that is down is said at once, and a stop request (SIGINT)
# ends the retries: the run stopped only after retry-for before (an
# hour here; the margin is wide both ways)
# interrupt_retrying ARGS...: `galley run --no-progress ARGS` in the
# background, SIGINT once it says it is retrying, then up to 30 s for it
# to end; sets $rc. Its stderr is in $T/err, and as it stood when the
# signal went in $T/err.at-signal.
interrupt_retrying () {
  "$GALLEY" run --no-progress "$@" > "$T/out" 2> "$T/err" &
  pid=$!
  for i in $(seq 200); do
    grep -q "retrying" "$T/err" && break
    sleep 0.1
  done
  cp "$T/err" "$T/err.at-signal"
  kill -INT "$pid"
  for i in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && { kill -9 "$pid"; fail "SIGINT did not stop the retries within 30 s: $*"; }
  wait "$pid"
  rc=$?
}
interrupt_retrying -e \
  "read-redis-stream url=redis://127.0.0.1:$closed stream=x retry-for=3600 ! export-jsonl path=-"
expect_file_eq "$T/err.at-signal" "galley: warning: read-redis-stream: redis://127.0.0.1:$closed: cannot connect: Connection refused (retrying for up to 3600 s)"
[ "$rc" -eq 6 ] || fail "stopped while retrying: exit $rc, expected 6 ($(cat "$T/err"))"
expect_grep "interrupted$" "$T/err"

# the largest database number is a number like any other
expect_status 4 "$GALLEY" run --no-progress -e \
  "read-redis-stream url=redis://127.0.0.1:$closed/65535 stream=x retry-for=0 ! export-jsonl path=-"
expect_grep "read-redis-stream: redis://127.0.0.1:$closed/65535: cannot connect: Connection refused" "$T/err"

# bad_url URL WHY: URL is refused before anything connects (exit 2)
bad_url () {
  expect_status 2 "$GALLEY" run --no-progress -e "read-redis-stream url=$1 stream=x ! export-jsonl path=-"
  expect_grep "read-redis-stream: parameter 'url': '$1' $2 (redis://HOST" "$T/err"
}
bad_url "redis://127.0.0.1:0" "has a bad port"
bad_url "redis://127.0.0.1:-1" "has a bad port"
bad_url "redis://127.0.0.1:63x9" "has a bad port"
bad_url "redis://127.0.0.1:65536" "has a bad port"
bad_url "redis://:6379" "names no host"
bad_url "redis://127.0.0.1/x" "has a bad database number"
bad_url "unix://redis.sock" "names no absolute socket path"
bad_url "unix:///run/redis.sock?database=3" "has a bad query (only ?db=N)"

# --- a sink given nothing to add connects to nothing: its commit succeeds
# with the server away
: > "$T/empty.jsonl"
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/empty.jsonl ! export-redis-stream url=redis://127.0.0.1:$closed stream=x retry-for=0"

# --- a sink whose server stays away past retry-for fails the run at its
# first write (exit 4), rejecting no document: each write retried for
# retry-for in turn before, and a run of N documents took N times it
expect_status 4 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$TOP_SRCDIR/tests/fixtures/articles.jsonl ! export-redis-stream url=redis://127.0.0.1:$closed stream=x retry-for=0"
expect_grep "^galley: error: -e: stage 2 (export-redis-stream) write failed: export-redis-stream: redis://127.0.0.1:$closed: cannot connect: Connection refused$" "$T/err"
expect_grep "^galley: 1 read, 0 done, 0 rejected in " "$T/err"
[ "$(wc -l < "$T/err")" -eq 2 ] || fail "a failed sink said more than its error: $(cat "$T/err")"

# --- and a stop request (SIGINT) while it waits for the server ends the
# wait at once, as for the source: exit 6, interrupted, nothing committed
interrupt_retrying -j 1 -e \
  "read-jsonl path=$TOP_SRCDIR/tests/fixtures/articles.jsonl ! export-redis-stream url=redis://127.0.0.1:$closed stream=x retry-for=3600"
[ "$rc" -eq 6 ] || fail "sink stopped while retrying: exit $rc, expected 6 ($(cat "$T/err"))"
expect_grep "^galley: error: -e: stage 2 (export-redis-stream) write failed: export-redis-stream: redis://127.0.0.1:$closed: interrupted while reconnecting$" "$T/err"
expect_grep "^galley: 1 read, 0 done, 0 rejected in .*; interrupted$" "$T/err"
# with workers the sink waits on the calling thread, which the stop's
# signal does not reach: it sees galley_run_is_stopping() instead (it
# waited out retry-for before)
interrupt_retrying -j 2 -e \
  "read-jsonl path=$TOP_SRCDIR/tests/fixtures/articles.jsonl ! tokenizer ! export-redis-stream url=redis://127.0.0.1:$closed stream=x retry-for=3600"
[ "$rc" -eq 6 ] || fail "sink with workers stopped while retrying: exit $rc, expected 6 ($(cat "$T/err"))"
expect_grep "^galley: error: -e: stage 3 (export-redis-stream) write failed: export-redis-stream: redis://127.0.0.1:$closed: interrupted while reconnecting$" "$T/err"

finish
