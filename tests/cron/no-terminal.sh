#!/bin/sh
# no-terminal.sh: a run as cron starts it, under `env -i PATH=/usr/bin:/bin`
# with no terminal, no HOME and the C locale, behaves as docs/cron.md says:
#   - no journal: the one-line summary on stderr, nothing on stdout;
#     --quiet: nothing at all unless the run failed, then the warnings and
#     the summary;
#   - a journal (/run/systemd/journal/socket): messages go there with the
#     fields GALLEY_PIPELINE, GALLEY_STAGE, GALLEY_DOCUMENT and
#     SYSLOG_IDENTIFIER=galley (journalctl -t galley); warnings and a
#     failed run's summary also on stderr, so that cron mails them.
# The journal cases run in a private mount namespace with a stand-in
# journal (journal.py) when `unshare -m` is allowed (root); the case that
# matches this machine runs everywhere.
. "$TEST_SRCDIR/lib.sh"

CAFE=$(printf 'caf\303\251')
mkdir -p "$T/spool"
printf 'First title\nFirst text.\n' > "$T/spool/a.txt"
printf 'Second title\nSecond text.\n' > "$T/spool/b.txt"
printf 'Caf\303\251 title\nThird text.\n' > "$T/spool/$CAFE.txt"
ok_pipeline="read-files path=$T/spool ! test-filter ! export-jsonl path=$T/out.jsonl mode=replace"
bad_pipeline="read-files path=$T/spool ! test-filter fail-ids=$CAFE.txt ! export-jsonl path=$T/out.jsonl mode=replace"

# $T/cron-env COMMAND...: COMMAND in the environment cron gives it (PATH
# alone), plus the sanitizers' options of a sanitized build's tests and
# GLib's G_SLICE (tests/check.mk), which cron does not set:
# without ASan's intercept_tls_get_addr=0, gcc 12's LeakSanitizer can
# crash as the process exits ("Tracer caught signal 11"), which turned
# this test's runs with --state red in a sanitized build.
cat > "$T/cron-env" <<'EOF'
exec env -i PATH=/usr/bin:/bin \
  ${ASAN_OPTIONS+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
  ${UBSAN_OPTIONS+"UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
  ${TSAN_OPTIONS+"TSAN_OPTIONS=$TSAN_OPTIONS"} \
  ${G_SLICE+"G_SLICE=$G_SLICE"} "$@"
EOF

# cron_run ARGS...: galley run as cron would start it.
cron_run () {
  sh "$T/cron-env" "$GALLEY" run -P "$FIXTURES" "$@" </dev/null
}

check_stderr_branch () {
  # a successful run: the summary only, on stderr
  expect_status 0 cron_run -e "$ok_pipeline"
  expect_empty "$T/out"
  [ "$(wc -l < "$T/err")" -eq 1 ] || fail "stderr: expected one line"
  expect_grep "$(summary_re 3 3 0)\$" "$T/err"
  [ "$(wc -l < "$T/out.jsonl")" -eq 3 ] || fail "not every document written"

  # --quiet and nothing failed: nothing at all
  expect_status 0 cron_run --quiet -e "$ok_pipeline"
  expect_empty "$T/out"
  expect_empty "$T/err"

  # --quiet and a document rejected: the warning, then the summary; the
  # UTF-8 id comes out as it is, in the C locale too
  expect_status 1 cron_run --quiet -e "$bad_pipeline"
  expect_empty "$T/out"
  printf "galley: warning: document '%s.txt' rejected by [test-filter]: test-filter refuses %s.txt\n" "$CAFE" "$CAFE" > "$T/want"
  head -n 1 "$T/err" > "$T/got"
  cmp -s "$T/got" "$T/want" || { fail "--quiet failure: first line"; cat "$T/err" >&2; }
  sed -n 2p "$T/err" > "$T/got"
  expect_grep "$(summary_re 3 2 1)\$" "$T/got"
  [ "$(wc -l < "$T/err")" -eq 2 ] || fail "--quiet failure: expected two lines"

  # no progress line without a terminal
  expect_status 0 cron_run -e "$ok_pipeline"
  if tr '\r\033' '@@' < "$T/err" | grep -q @; then
    fail "a carriage return or an escape sequence without a terminal"
  fi
}

# No HOME: a pipeline that needs it says so, and ${HOME:-default} works.
expect_status 2 cron_run -e 'read-files path=${HOME}/spool ! export-jsonl path=/dev/null'
expect_file_eq "$T/err" "galley: error: -e: stage 1 (read-files): path: environment variable 'HOME' is not set (write \${HOME:-default} for a default)"
expect_status 0 cron_run --quiet -e "read-files path=\${HOME:-$T}/spool ! export-jsonl path=/dev/null"

# The lock, the state and the exit status 5 in that environment.
expect_status 0 cron_run --quiet --lock "$T/lock" --state "$T/state.db" -e "$ok_pipeline"
expect_empty "$T/err"
exec 8>"$T/lock"
flock 8 2>/dev/null && {
  # a live pid: a holder whose pid has ended gets a second's grace
  echo $$ >&8
  expect_status 5 cron_run --quiet --lock "$T/lock" -e "$ok_pipeline"
  expect_file_eq "$T/err" "galley: error: another run holds the lock $T/lock (pid $$)"
}
exec 8>&-

if [ -S /run/systemd/journal/socket ] && [ -z "${GALLEY_NO_JOURNAL:-}" ]; then
  echo "NOTE: this machine has a journal: the stderr case runs in a namespace only" >&2
else
  check_stderr_branch
fi

# The journal, in a private mount namespace.
PY=${PYTHON3:-python3}
[ "$PY" = no ] && PY=python3
if command -v unshare >/dev/null 2>&1 && command -v "$PY" >/dev/null 2>&1 \
   && unshare -m --propagation private true 2>/dev/null; then
  cat > "$T/ns.sh" <<NS
set -u
mount -t tmpfs tmpfs /run || exit 99
mkdir -p /run/systemd/journal
listen () {
  rm -f /run/systemd/journal/socket /run/systemd/journal/socket.ready
  "$PY" "$TEST_SRCDIR/journal.py" /run/systemd/journal/socket "\$1" 3 &
  jpid=\$!
  while [ ! -e /run/systemd/journal/socket.ready ]; do sleep 0.01; done
}
stop () { kill \$jpid; wait \$jpid 2>/dev/null; }
listen "$T/j.ok"
sh "$T/cron-env" "$GALLEY" run -P "$FIXTURES" -e "$ok_pipeline" </dev/null >"$T/ns.out.ok" 2>"$T/ns.err.ok"
echo \$? > "$T/ns.status.ok"
stop
listen "$T/j.bad"
sh "$T/cron-env" "$GALLEY" run -P "$FIXTURES" -e "$bad_pipeline" </dev/null >"$T/ns.out.bad" 2>"$T/ns.err.bad"
echo \$? > "$T/ns.status.bad"
stop
listen "$T/j.quiet"
sh "$T/cron-env" "$GALLEY" run -P "$FIXTURES" --quiet -e "$ok_pipeline" </dev/null >"$T/ns.out.quiet" 2>"$T/ns.err.quiet"
echo \$? > "$T/ns.status.quiet"
stop
# the socket is gone: stderr
rm -f /run/systemd/journal/socket
sh "$T/cron-env" "$GALLEY" run -P "$FIXTURES" -e "$ok_pipeline" </dev/null >"$T/ns.out.none" 2>"$T/ns.err.none"
echo \$? > "$T/ns.status.none"
NS
  unshare -m --propagation private sh "$T/ns.sh" || fail "the namespace script failed"

  # success: the summary in the journal, nothing on stderr
  expect_file_eq "$T/ns.status.ok" 0
  expect_empty "$T/ns.err.ok"
  expect_empty "$T/ns.out.ok"
  [ "$(wc -l < "$T/j.ok")" -eq 1 ] || { fail "journal: expected one message"; cat "$T/j.ok" >&2; }
  expect_grep "^MESSAGE=3 read, 3 done, 0 rejected in [0-9.]* s ([0-9.]* MB/s) | PRIORITY=5 | GALLEY_PIPELINE=read-files path=.* | SYSLOG_IDENTIFIER=galley\$" "$T/j.ok"

  # a rejected document: structured in the journal, and on stderr with the
  # failed run's summary
  expect_file_eq "$T/ns.status.bad" 1
  printf "MESSAGE=document '%s.txt' rejected by [test-filter]: test-filter refuses %s.txt | PRIORITY=4 | GALLEY_STAGE=test-filter | GALLEY_DOCUMENT=%s.txt | GALLEY_PIPELINE=%s | SYSLOG_IDENTIFIER=galley\n" "$CAFE" "$CAFE" "$CAFE" "$bad_pipeline" > "$T/want"
  head -n 1 "$T/j.bad" > "$T/got"
  cmp -s "$T/got" "$T/want" || { fail "journal: the rejection's fields"; diff "$T/want" "$T/got" >&2; }
  expect_grep "^MESSAGE=3 read, 2 done, 1 rejected in .* | PRIORITY=5 | GALLEY_PIPELINE=" "$T/j.bad"
  expect_grep "^galley: warning: document '$CAFE.txt' rejected by \[test-filter\]" "$T/ns.err.bad"
  expect_grep "$(summary_re 3 2 1)\$" "$T/ns.err.bad"
  [ "$(wc -l < "$T/ns.err.bad")" -eq 2 ] || { fail "journal: stderr of a failed run"; cat "$T/ns.err.bad" >&2; }

  # --quiet and nothing failed: nothing anywhere
  expect_file_eq "$T/ns.status.quiet" 0
  expect_empty "$T/ns.err.quiet"
  expect_empty "$T/j.quiet"

  # no journal socket: stderr
  expect_file_eq "$T/ns.status.none" 0
  expect_grep "$(summary_re 3 3 0)\$" "$T/ns.err.none"

  if [ -S /run/systemd/journal/socket ] && [ -z "${GALLEY_NO_JOURNAL:-}" ]; then
    :  # the stderr branch was checked just above, in the namespace
  fi
else
  echo "NOTE: no private mount namespace (needs root and unshare): journal cases not run" >&2
fi

finish
