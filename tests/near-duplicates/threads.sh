#!/bin/sh
# threads.sh: near-duplicates with two jobs marks what one job marks.
#
# Workers look documents up in, and add them to, one index behind the
# stage's lock, while the calling thread commits new entries to the
# index file at each checkpoint; in a --enable-tsan build this is where
# a race would show (the lock is a pthread mutex so that ThreadSanitizer
# sees it). Over two runs, of which the second loads what the first
# committed, -j 2 must mark what -j 1 marks.
set -u

T=$(mktemp -d "${TMPDIR:-/tmp}/galley-dup-threads.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
failures=0

fail ()
{
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# stories N FIRST: N stories of 60 words each, numbered from FIRST, and
# after every story a copy of an earlier one with a new first sentence
# and its last ten words cut (a re-published wire story). Words are drawn
# from 400 made-up ones, so stories overlap by chance only.
stories ()
{
  awk -v n="$1" -v first="$2" 'BEGIN {
    srand (7 + first);
    for (w = 0; w < 400; w++) word[w] = sprintf ("w%dx%d", w, (w * 7919) % 1000);
    for (s = first; s < first + n; s++) {
      text = "";
      for (i = 0; i < 60; i++) text = text word[int (rand () * 400)] (i % 12 == 11 ? ". " : " ");
      body[s] = text;
      printf "{\"id\":\"s%d\",\"text\":\"%s\"}\n", s, text;
      c = first + int (rand () * (s - first + 1));
      split (body[c], part, " ");
      copy = "Updated at noon.";
      for (i = 1; i <= 50; i++) copy = copy " " part[i];
      printf "{\"id\":\"c%d-of-s%d\",\"text\":\"%s\"}\n", s, c, copy;
    }
  }'
}

stories 150 0 > "$T/day1.jsonl"
stories 150 1000 > "$T/day2.jsonl"
# day two also brings copies of day one's stories
sed -n 's/^{"id":"s\([0-9]*\)","text":"\(.*\)"}$/{"id":"again-s\1","text":"Corrected. \2"}/p' \
  "$T/day1.jsonl" | head -40 >> "$T/day2.jsonl"

for jobs in 1 2; do
  for day in 1 2; do
    "$GALLEY" run -q -j "$jobs" --checkpoint=16 --state "$T/state-$jobs.db" -e \
      "read-jsonl path=$T/day$day.jsonl ! near-duplicates index=$T/index-$jobs.db ! export-jsonl path=$T/out-$jobs-$day.jsonl" \
      2> "$T/err" || { fail "-j $jobs, day $day: exit $?"; cat "$T/err" >&2; }
  done
done

# marks FILE: for each document marked, the story of its id and the
# story of its dup.of (s7 for s7, c9-of-s7 and again-s7).
marks ()
{
  sed -n 's/^{"id":"\([^"]*\)".*"dup.of":"\([^"]*\)".*/\1 \2/p' "$1" \
    | sed -e 's/c[0-9]*-of-//g' -e 's/again-//g'
}

# Every copy is marked as a copy in its own story's group (with two jobs,
# of a story and its copy processed at once either may come first and
# be the one the other is marked against), and one job and two mark as
# many documents.
for day in 1 2; do
  for jobs in 1 2; do
    marks "$T/out-$jobs-$day.jsonl" > "$T/marks-$jobs-$day"
    wrong=$(awk '$1 != $2' "$T/marks-$jobs-$day" | head -3)
    [ -z "$wrong" ] || fail "-j $jobs, day $day: marked across stories: $wrong"
  done
  [ "$(wc -l < "$T/marks-1-$day")" -eq "$(wc -l < "$T/marks-2-$day")" ] \
    || fail "day $day: -j 1 marked $(wc -l < "$T/marks-1-$day"), -j 2 $(wc -l < "$T/marks-2-$day")"
  [ "$(wc -l < "$T/out-2-$day.jsonl")" -eq "$(wc -l < "$T/out-1-$day.jsonl")" ] \
    || fail "day $day: -j 2 wrote $(wc -l < "$T/out-2-$day.jsonl") lines, -j 1 $(wc -l < "$T/out-1-$day.jsonl")"
done
[ "$(wc -l < "$T/marks-1-1")" -ge 140 ] || fail "day 1: only $(wc -l < "$T/marks-1-1") of 150 copies marked"
[ "$(grep -c '"dup.of"' "$T/out-1-2.jsonl")" -ge 180 ] \
  || fail "day 2: only $(grep -c '"dup.of"' "$T/out-1-2.jsonl") of 190 copies marked"
[ "$(grep -c '"id":"again-s[0-9]*".*"dup.of"' "$T/out-1-2.jsonl")" -eq 40 ] \
  || fail "day 2: day one's stories again not all found in the index file"

[ "$failures" -eq 0 ] || exit 1
exit 0
