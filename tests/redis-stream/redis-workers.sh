#!/bin/sh
# redis-workers.sh: the scale-out proof. 3,000 articles in a stream, three
# workers of the default pipeline in one consumer group, one SIGKILLed
# mid-stream; a fresh worker claims what it left. Every article comes out,
# the group has nothing pending, and the only duplicates are entries the
# killed worker held; through export-sqlite (upsert by id) every article is
# there exactly once.
. "$TOP_SRCDIR/tests/cli/lib.sh"
. "$TEST_SRCDIR/redis-lib.sh"
. "$TOP_SRCDIR/tests/lib/workers-lib.sh"
skip_without_redis
start_redis

N=3000
add_articles in $N
[ "$(rcli XLEN in)" = $N ] || fail "the stream holds $(rcli XLEN in) entries, expected $N"

# held GROUP CONSUMER: entries delivered to CONSUMER and not acknowledged
held () {
  rcli --raw XPENDING in "$1" - + 100000 "$2" | grep -c '^[0-9]*-[0-9]*$'
}

worker_pipeline () {
  echo "read-redis-stream url=$REDIS_URL stream=in group=$group consumer=$1 count=20 ! tokenizer ! entity-tagger ! sentiment ! $sink"
}

# scale_run GROUP SINK: three workers, w1 killed mid-stream (see
# workers-lib.sh); then a fresh worker w4 claims what it held
# (min-idle=0: w1 is dead).
scale_run () {
  group=$1; sink=$2
  start_stalled_w1
  run_others_kill_w1
  inflight=$(held "$group" w1)
  [ "$inflight" != 0 ] || fail "$group: the killed worker held no entry: it was not killed mid-stream"
  expect_status 0 "$GALLEY" run --no-progress -e \
    "read-redis-stream url=$REDIS_URL stream=in group=$group consumer=w4 min-idle=0 ! tokenizer ! entity-tagger ! sentiment ! $sink"
  expect_grep "^galley: $inflight read, $inflight done, 0 rejected" "$T/err"
  [ "$(rcli XPENDING in "$group" | head -n 1)" = 0 ] || fail "$group: entries left pending"
}

# --- through export-redis-stream: at least once
scale_run streams "export-redis-stream url=$REDIS_URL stream=out"
rcli --raw XRANGE out - + | sed -n 's/^{"id":"\([^"]*\)".*/\1/p' > "$T/ids"
sort -u "$T/ids" > "$T/unique"
seq $N | sed 's/^/a/' | sort > "$T/expected-ids"
cmp -s "$T/unique" "$T/expected-ids" || fail "export-redis-stream: some articles are missing: $(comm -13 "$T/unique" "$T/expected-ids" | head -5 | tr '\n' ' ')"
duplicates=$(( $(wc -l < "$T/ids") - N ))
echo "export-redis-stream: the killed worker held $inflight entries; $duplicates duplicates"
[ "$duplicates" -le "$inflight" ] || fail "export-redis-stream: $duplicates duplicates, more than the $inflight entries the killed worker held"
rcli --raw XRANGE out - + COUNT 1 | grep -q '"type":"GPE","text":"Kenya"' || fail "the output lacks the pipeline's entities"

# --- through export-sqlite: exactly once
if command -v sqlite3 >/dev/null; then
  scale_run sqlite "export-sqlite path=$T/news.db"
  [ "$(sqlite3 "$T/news.db" 'SELECT count(*), count(DISTINCT id) FROM documents')" = "$N|$N" ] \
    || fail "export-sqlite: $(sqlite3 "$T/news.db" 'SELECT count(*), count(DISTINCT id) FROM documents') rows and ids, expected $N|$N"
fi

finish
