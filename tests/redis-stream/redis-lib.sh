# redis-lib.sh: a redis-server of the test's own, on a free loopback port,
# stopped at exit. Source it after lib.sh; call start_redis, then use
# $REDIS_URL with galley and rcli (redis-cli on that server).
REDIS_PID=
trap 'stop_redis; rm -rf "$T"' EXIT

# skip_without_redis: exit 77 (skipped) when redis-server is not installed.
skip_without_redis () {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  echo "redis-server or redis-cli not installed (.ci/install-deps installs them)" >&2
  exit 77
}

free_port () {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_redis () {
  REDIS_ARGS="$*"
  for attempt in 1 2 3 4 5; do
    REDIS_PORT=$(free_port)
    run_redis "$@"
    if [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; then
      REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
      return 0
    fi
    kill "$REDIS_PID" 2>/dev/null; wait "$REDIS_PID" 2>/dev/null
  done
  echo "redis-server did not start" >&2
  cat "$T/redis.log" >&2
  exit 99
}

# restart_redis: the server saves its data (in $T), stops, and starts
# again on the same port with it, as a restart in production does.
restart_redis () {
  rcli SHUTDOWN SAVE >/dev/null 2>&1
  wait "$REDIS_PID" 2>/dev/null
  # shellcheck disable=SC2086 # the arguments start_redis was given
  run_redis $REDIS_ARGS
  [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] || { echo "redis-server did not restart" >&2; exit 99; }
}

# run_redis [ARG...]: a server on $REDIS_PORT, waited for.
run_redis () {
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
      --dir "$T" --logfile "$T/redis.log" "$@" &
    REDIS_PID=$!
    for i in $(seq 100); do
      [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break
      kill -0 "$REDIS_PID" 2>/dev/null || break
      sleep 0.1
    done
}

stop_redis () {
  [ -n "$REDIS_PID" ] || return 0
  kill "$REDIS_PID" 2>/dev/null
  wait "$REDIS_PID" 2>/dev/null
  REDIS_PID=
}

rcli () {
  redis-cli -p "$REDIS_PORT" "$@"
}

# add_articles STREAM N: N small articles a1..aN, their text naming the id.
add_articles () {
  i=1
  while [ "$i" -le "$2" ]; do
    printf 'XADD %s * json "{\\"id\\":\\"a%d\\",\\"text\\":\\"Article %d: Floods hit Kenya on Friday.\\"}"\n' "$1" "$i" "$i"
    i=$((i + 1))
  done | rcli >/dev/null
}
