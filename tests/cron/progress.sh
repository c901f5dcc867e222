#!/bin/sh
# progress.sh: the progress line shows on a terminal (a pseudo-terminal
# made by util-linux `script`), and never without one, with --quiet or
# with --no-progress.
. "$TEST_SRCDIR/lib.sh"

command -v script >/dev/null 2>&1 || skip "no script(1) to make a pseudo-terminal"
script -qec true /dev/null >/dev/null 2>&1 </dev/null || skip "script(1) cannot make a pseudo-terminal here"

# The line is redrawn at most twice a second: the input comes in two
# parts, the second 0.7 s after galley took its lock (just before the run
# starts), so that the run lasts long enough to draw it however slowly
# galley starts.
i=1
while [ "$i" -le 192 ]; do
  printf '{"id":"d%d","text":"Article number %d."}\n' "$i" "$i"
  i=$((i + 1))
done > "$T/all.jsonl"
head -n 64 "$T/all.jsonl" > "$T/part1"
tail -n +65 "$T/all.jsonl" > "$T/part2"
cat > "$T/feed.sh" <<FEED
cat "$T/part1"
i=0
while [ ! -s "$T/lock" ] && [ \$i -lt 3000 ]; do sleep 0.01; i=\$((i + 1)); done
sleep 0.7
cat "$T/part2"
FEED

# run_on_pty OUT ARGS: galley run over the slow input, stderr on a pty.
run_on_pty () {
  out=$1; shift
  rm -f "$T/lock"
  script -qec "sh '$T/feed.sh' | '$GALLEY' run -j 1 --lock '$T/lock' $* -e 'read-jsonl path=- ! export-jsonl path=$T/o.jsonl'" \
    /dev/null </dev/null > "$out"
}

esc=$(printf '\033')
run_on_pty "$T/pty.out"
tr '\r' '\n' < "$T/pty.out" > "$T/pty.lines"
# a redraw: carriage return, erase line, the counts
grep -q "^$esc\[K[0-9]* done, 0 rejected, [0-9.]* MB, [0-9.]* MB/s" "$T/pty.lines" \
  || { fail "no progress line on a terminal"; od -c "$T/pty.out" | head -20 >&2; }
grep -q "^$esc\[K192 done, 0 rejected" "$T/pty.lines" || fail "the last progress line does not say 192 done"
grep -q "$(summary_re 192 192 0)" "$T/pty.lines" || fail "no summary after the progress line"
[ "$(wc -l < "$T/o.jsonl")" -eq 192 ] || fail "not every document written"

# --quiet and --no-progress: no progress line on a terminal either
run_on_pty "$T/quiet.out" --quiet
[ -s "$T/quiet.out" ] && { fail "--quiet on a terminal printed something"; od -c "$T/quiet.out" | head >&2; }
run_on_pty "$T/np.out" --no-progress
grep -q "$esc" "$T/np.out" && fail "--no-progress drew a progress line"
tr -d '\r' < "$T/np.out" > "$T/np.lines"
grep -q "$(summary_re 192 192 0)" "$T/np.lines" || fail "--no-progress: no summary"

# Documents written to the terminal itself (path=-): no progress line
# redrawn over them.
rm -f "$T/lock"
script -qec "sh '$T/feed.sh' | '$GALLEY' run -j 1 --lock '$T/lock' -e 'read-jsonl path=- ! export-jsonl path=-'" \
  /dev/null </dev/null > "$T/stdout.out"
grep -q "$esc" "$T/stdout.out" && fail "a progress line over documents written to the terminal"
[ "$(grep -c '^{"id":' "$T/stdout.out")" -eq 192 ] || fail "path=- on a terminal: not every document shown"

# No terminal: none, only the summary.
rm -f "$T/lock"
sh "$T/feed.sh" | "$GALLEY" run -j 1 --lock "$T/lock" -e "read-jsonl path=- ! export-jsonl path=$T/o.jsonl" \
  >"$T/out" 2>"$T/err"
if tr '\r\033' '@@' < "$T/err" | grep -q @; then
  fail "a progress line without a terminal"
fi
expect_grep "$(summary_re 192 192 0)\$" "$T/err"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "without a terminal: more than the summary"

finish
