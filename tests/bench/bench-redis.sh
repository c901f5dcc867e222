#!/bin/sh
# bench-redis.sh INPUT: `make bench`'s figures through Redis Streams, on a
# redis-server of its own (loopback, a free port): the per-document cost
# of export-redis-stream and read-redis-stream against read-jsonl and
# export-jsonl, then the default pipeline with 1 and 2 workers sharing
# one consumer group. The first BENCH_REDIS_DOCS documents of INPUT
# (default 20000) are used: the stream lives in the server's memory.
set -u
input=$1
: "${GALLEY:?}" "${BENCH_RUN:?}"
docs_max=${BENCH_REDIS_DOCS:-20000}
command -v redis-server >/dev/null || { echo "bench-redis: redis-server not installed: skipped"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/galley-bench-redis.XXXXXX") || exit 1
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$work" \
  --logfile "$work/redis.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for i in $(seq 100); do [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done
url=redis://127.0.0.1:$port

head -n "$docs_max" "$input" > "$work/in.jsonl"
bytes=$(stat -c %s "$work/in.jsonl"); docs=$(wc -l < "$work/in.jsonl")
echo "== Redis Streams, the first $docs documents ($bytes bytes) =="
"$BENCH_RUN" "read-jsonl ! export-jsonl (the baseline)" "$bytes" \
  "$GALLEY" run -q -e "read-jsonl path=$work/in.jsonl ! export-jsonl path=-" || exit 1
"$BENCH_RUN" -n "$docs" "read-jsonl ! export-redis-stream" "$bytes" \
  "$GALLEY" run -q -e "read-jsonl path=$work/in.jsonl ! export-redis-stream url=$url stream=bench text=true" || exit 1
"$BENCH_RUN" "read-redis-stream ! export-jsonl" "$bytes" \
  "$GALLEY" run -q -e "read-redis-stream url=$url stream=bench group=plain ! export-jsonl path=-" || exit 1
P="tokenizer ! entity-tagger ! sentiment ! export-jsonl path=/dev/null"
for w in 1 2; do
  cmd=
  i=0
  while [ "$i" -lt "$w" ]; do
    cmd="$cmd \"\$GALLEY\" run -q -j 1 -e \"read-redis-stream url=$url stream=bench group=workers$w ! $P\" &"
    i=$((i + 1))
  done
  GALLEY=$GALLEY "$BENCH_RUN" -n "$docs" "default pipeline, $w worker(s) of one job" "$bytes" \
    sh -c "$cmd wait" || exit 1
done
