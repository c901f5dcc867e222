#!/bin/sh
# run-fuzz.sh SECONDS TARGET...: `make fuzz`. Runs each libFuzzer target
# for SECONDS with the limits below, starting from its seeds in
# corpus/TARGET and the crashes kept in crashes/TARGET, and prints one line
# per target: its time, executions, edge coverage and corpus size. New
# corpus files go to fuzz-corpus/TARGET and anything found to
# fuzz-findings/TARGET (both in the build directory); a finding fails the
# run. Add it to crashes/TARGET with its fix.
#
# Limits per input: 512 MB of memory and 10 s (an input of -max_len bytes
# that needs more is a bug); -max_len is a little over the limit each
# target sets on its reader (max-bytes=65536), so the fuzzer tries both
# sides of it.
set -u
seconds=$1
shift
srcdir=${FUZZ_DIR:-$(dirname "$0")}
status=0

max_len () {
  case $1 in
    pipeline-*|text-chain) echo 16384 ;;
    export-*) echo 8192 ;;
    language-fast) echo 4096 ;;
    append-journal) echo 512 ;;  # a journal is read 159 bytes at most
    *) echo 70000 ;;
  esac
}

dict () {
  case $1 in
    read-feed) echo "-dict=$srcdir/dict/xml.dict" ;;
    read-html) echo "-dict=$srcdir/dict/html.dict" ;;
    jsonl-*|export-jsonl|annotated) echo "-dict=$srcdir/dict/json.dict" ;;
  esac
}

# Leaks: libFuzzer checks each input that mallocs more than it frees
# (-detect_leaks), which is what finds a leak an input causes. LSan's own
# check at exit is off: after a million inputs it reports the quark
# arrays GLib drops, on purpose, each time its table of interned strings
# grows (every entity type a fuzzer invents is interned), with no stack
# to tell them from a real leak (GLib has no frame pointers).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}leak_check_at_exit=0"
export ASAN_OPTIONS

for t in "$@"; do
  mkdir -p "fuzz-corpus/$t" "fuzz-findings/$t"
  log=fuzz-$t.log
  seeds=
  for d in "$srcdir/corpus/$t" "$srcdir/crashes/$t"; do
    [ -d "$d" ] && seeds="$seeds $d"
  done
  start=$(date +%s)
  # shellcheck disable=SC2046,SC2086 # word lists on purpose
  "./fuzz-$t" -max_total_time="$seconds" -rss_limit_mb=512 -timeout=10 \
    -max_len="$(max_len "$t")" $(dict "$t") -print_final_stats=1 \
    -artifact_prefix="fuzz-findings/$t/" "fuzz-corpus/$t" $seeds >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  edges=$(sed -n 's/.*cov: \([0-9]*\) ft:.*/\1/p' "$log" | tail -n 1)
  units=$(ls "fuzz-corpus/$t" | wc -l)
  if [ $rc -eq 0 ]; then result=ok; else result="FAILED (exit $rc, see tests/fuzz/$log)"; status=1; fi
  printf '%-16s %4ss  %9s execs  %6s edges  %5s corpus  %s\n' \
    "$t" "$secs" "${execs:-?}" "${edges:-?}" "$units" "$result"
done
exit $status
