#!/bin/sh
# follow.sh: galley run --follow. read-files reads the files there are,
# then each new one once complete (closed after writing, or renamed into
# the directory), checkpoints, disposes of the files acknowledged
# (after=move:DIR), and ends on SIGTERM with status 0. read-feed reads
# its feeds again every interval=. after= also works without --follow.
. "$TEST_SRCDIR/lib.sh"

# wait_until WHAT CMD...: until CMD succeeds (at most 30 s).
wait_until () {
  what=$1; shift
  i=0
  while ! "$@" 2>/dev/null; do
    if [ "$i" -ge 3000 ]; then fail "timed out waiting: $what"; return 1; fi
    sleep 0.01; i=$((i + 1))
  done
}
count_is () { [ "$(ls "$1" | wc -l)" -eq "$2" ]; }
lines_are () { [ -f "$1" ] && [ "$(wc -l < "$1")" -eq "$2" ]; }
recorded_in () { [ "$(sql "$1" 'SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)')" = "$2" ]; }

# 1. read-files: two files at the start, then one renamed in and one
# written in place; a writer's dot file and another suffix are not read.
d=$T/files
mkdir -p "$d/spool" "$d/done"
make_spool "$d/spool" 1 2
"$GALLEY" run --follow --checkpoint 1 --state "$d/state.db" \
  -e "read-files path=$d/spool after=move:$d/done ! export-jsonl path=$d/out.jsonl mode=append" \
  >/dev/null 2>"$d/err" &
pid=$! BG=$!
wait_until "the first two files moved" count_is "$d/done" 2
make_spool "$d/tmp" 3 3
mv "$d/tmp/n3.txt" "$d/spool/n3.txt"
printf 'Article 4\nWritten in place.\n' > "$d/spool/n4.txt"
printf 'half written' > "$d/spool/.n5.txt.part"
printf 'not text' > "$d/spool/n6.dat"
wait_until "n3 and n4 moved" count_is "$d/done" 4
kill -TERM "$pid"
wait "$pid"; status=$?
[ "$status" -eq 0 ] || fail "a follow run ended by SIGTERM exited $status, expected 0"
expect_grep "$(summary_re 4 4 0)"'; stopped (follow)$' "$d/err"
(cd "$d/done" && ls) > "$d/got"
expect_file_eq "$d/got" "n1.txt
n2.txt
n3.txt
n4.txt"
(cd "$d/spool" && ls -A) > "$d/got"
expect_file_eq "$d/got" ".n5.txt.part
n6.dat"
ids_jsonl "$d/out.jsonl" > "$d/got"
expect_file_eq "$d/got" "n1.txt
n2.txt
n3.txt
n4.txt"

# 2. after=delete in a run that ends: the files go once it committed; a
# run that commits nothing (on-error=abort) keeps them.
d=$T/delete
make_spool "$d/spool" 1 3
expect_status 0 "$GALLEY" run -e "read-files path=$d/spool after=delete ! export-jsonl path=$d/out.jsonl"
count_is "$d/spool" 0 || fail "after=delete left files"
lines_are "$d/out.jsonl" 3 || fail "after=delete: the output does not hold 3 lines"
make_spool "$d/spool" 1 3
printf '' > "$d/spool/n2.txt"
expect_status 1 "$GALLEY" run --on-error abort -e "read-files path=$d/spool after=delete ! export-jsonl path=$d/out2.jsonl"
count_is "$d/spool" 3 || fail "after=delete removed files of a run that aborted"
# a file the reader refuses (n2.txt, empty) stays: it is in no output, and
# its rejects line holds no text; refused=move:DIR moves it aside
expect_status 1 "$GALLEY" run -e "read-files path=$d/spool after=delete ! export-jsonl path=$d/out3.jsonl"
[ "$(ls "$d/spool")" = n2.txt ] || fail "after=delete: not only the refused file stayed: $(ls "$d/spool")"
mkdir "$d/refused"
expect_status 1 "$GALLEY" run -e "read-files path=$d/spool after=delete refused=move:$d/refused ! export-jsonl path=$d/out4.jsonl"
count_is "$d/spool" 0 || fail "refused=move: the refused file stayed"
[ "$(ls "$d/refused")" = n2.txt ] || fail "refused=move: n2.txt not moved: $(ls "$d/refused")"

# 2b. after=move: and refused=move: into directories inside the spool
# (spool/done, spool/bad): the files moved there are not read again by
# the next run, which read spool recursively, and gave each article again
# under another id (done/n1.txt) at every run.
d=$T/inside
make_spool "$d/spool" 1 2
: > "$d/spool/e1.txt"
mkdir -p "$d/spool/done" "$d/spool/bad"
for run in 1 2; do
  expect_status $((2 - run)) "$GALLEY" run -e "read-files path=$d/spool after=move:$d/spool/done refused=move:$d/spool/bad ! export-jsonl path=$d/out.jsonl mode=append unique=false"
done
expect_grep "$(summary_re 0 0 0)"'$' "$T/err"
ids_jsonl "$d/out.jsonl" > "$d/got"
expect_file_eq "$d/got" "n1.txt
n2.txt"
(cd "$d/spool" && find . -type f | sort) > "$d/got"
expect_file_eq "$d/got" "./bad/e1.txt
./done/n1.txt
./done/n2.txt"

# 3. What cannot follow, and bad values
expect_status 2 "$GALLEY" run --follow -e "read-jsonl path=- ! export-jsonl path=/dev/null"
expect_file_eq "$T/err" "galley: error: --follow: the source [read-jsonl] (read-jsonl) cannot follow its input: it has no follow parameter (the sources that have one: read-files, read-feed, read-redis-stream, read-kafka)"
expect_status 2 "$GALLEY" run -e "read-files path=$d/spool after=archive ! export-jsonl path=/dev/null"
expect_file_eq "$T/err" "galley: error: -e: stage 1 (read-files) parameter 'after': 'archive' is not one of: keep, move:DIR, delete"
expect_status 2 "$GALLEY" run -e "read-files path=$d/spool after=move:$d/nowhere ! export-jsonl path=/dev/null"
expect_file_eq "$T/err" "galley: error: -e: stage 1 (read-files) parameter 'after': $d/nowhere is not a directory"
expect_status 2 "$GALLEY" run -e "read-feed path=$d/spool interval=often ! export-jsonl path=/dev/null"
expect_file_eq "$T/err" "galley: error: -e: stage 1 (read-feed) parameter 'interval': 'often' is not a duration (examples: 90s, 10m, 1h)"

# 4. read-feed reads its feeds again every interval=: an item added to a
# feed is read on the next pass, the one already done is not redone.
d=$T/feed
mkdir -p "$d"
feed () {
  printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n'
  for g in "$@"; do
    printf '<item><guid>%s</guid><title>Item %s</title><description>Text of item %s.</description></item>\n' "$g" "$g" "$g"
  done
  printf '</channel></rss>\n'
}
feed a > "$d/news.xml"
"$GALLEY" run --follow --checkpoint 1 --state "$d/state.db" \
  -e "read-feed path=$d/news.xml interval=1s ! export-jsonl path=$d/out.jsonl mode=append" \
  >/dev/null 2>"$d/err" &
pid=$! BG=$!
wait_until "the first item written" lines_are "$d/out.jsonl" 1
feed a b > "$d/news.xml.new" && mv "$d/news.xml.new" "$d/news.xml"
wait_until "the second item written" lines_are "$d/out.jsonl" 2
kill -TERM "$pid"
wait "$pid"; status=$?
[ "$status" -eq 0 ] || fail "a following read-feed exited $status, expected 0"
ids_jsonl "$d/out.jsonl" > "$d/got"
expect_file_eq "$d/got" "a
b"

# 5. --forget in a --follow run forgets at its checkpoints too (a tenth of
# the age apart, an hour at most), not only as it starts. A checkpoint
# comes after new documents: with 2s, item a's record goes at the
# checkpoint of item b, added 3 s later. (Passes that meet only a, which
# is unchanged, read nothing new, and make no checkpoint.)
d=$T/forget
mkdir -p "$d"
feed a > "$d/news.xml"
"$GALLEY" run --follow --checkpoint 1s --forget 2s --state "$d/state.db" \
  -e "read-feed path=$d/news.xml interval=0.5s ! export-jsonl path=$d/out.jsonl mode=append" \
  >/dev/null 2>"$d/err" &
pid=$! BG=$!
recorded () { [ "$(sql "$d/state.db" 'SELECT group_concat(id) FROM documents')" = "$1" ]; }
wait_until "a recorded" recorded a
sleep 3
feed a b > "$d/news.xml.new" && mv "$d/news.xml.new" "$d/news.xml"
wait_until "a forgotten, b recorded" recorded b
kill -TERM "$pid"
wait "$pid"; status=$?
[ "$status" -eq 0 ] || fail "a following run with --forget exited $status, expected 0"
ids_jsonl "$d/out.jsonl" > "$d/got"
expect_file_eq "$d/got" "a
b"

# 6. A source that catches up checkpoints once 3 s have passed since the
# last checkpoint (a tenth of the interval; 3 s with checkpoints by count
# only): a file dropped into a quiet spool is out (export-jsonl buffers
# standard output until a checkpoint) and recorded within seconds, with
# checkpoints by count only (1000, which would never come), in one thread
# and with workers.
for jobs in 1 2; do
  d=$T/quiet$jobs
  make_spool "$d/spool" 1 1
  "$GALLEY" run -j "$jobs" --follow --checkpoint 1000 --state "$d/state.db" \
    -e "read-files path=$d/spool ! tokenizer ! export-jsonl path=- mode=append" \
    >"$d/out.jsonl" 2>"$d/err" &
  pid=$! BG=$!
  wait_until "-j $jobs: n1 out" lines_are "$d/out.jsonl" 1
  printf 'Article 2\nA quiet feed.\n' > "$d/spool/n2.txt"
  wait_until "-j $jobs: n2 out" lines_are "$d/out.jsonl" 2
  wait_until "-j $jobs: n2 recorded" recorded_in "$d/state.db" "n1.txt,n2.txt"
  kill -TERM "$pid"
  wait "$pid"; status=$?
  [ "$status" -eq 0 ] || fail "-j $jobs: a quiet follow run exited $status, expected 0"
  expect_grep "$(summary_re 2 2 0)"'; stopped (follow)$' "$d/err"
done

# 7. With workers, a document that comes to a quiet spool reaches the
# stages at once: not when 31 more come, nor at the next checkpoint (an
# hour away here; a tenth of it for a source that caught up).
d=$T/batch
mkdir -p "$d/spool"
"$GALLEY" run -P "$CRON_PLUGINS" -j 2 --follow --checkpoint 1h \
  -e "read-files path=$d/spool ! tokenizer ! cron-pause marker=$d/written at=write nth=1 seconds=0 ! export-jsonl path=/dev/null" \
  >/dev/null 2>"$d/err" &
pid=$! BG=$!
printf 'Article 1\nOne in a quiet spool.\n' > "$d/spool/n1.txt"
wait_until "the document written by -j 2" test -e "$d/written"
kill -TERM "$pid"
wait "$pid"; status=$?
[ "$status" -eq 0 ] || fail "-j 2, --checkpoint 1h: exit $status: $(cat "$d/err")"

# 8. An output path with a date in it moves on to the next file while the
# run goes on: at a checkpoint, also one made while the feed is quiet
# (once an interval), so that the first article after the change goes to
# the new file. Seconds here stand for days. No empty file is made for a
# second with no article, and no article is lost or written twice: with
# one line per id (unique=true, by GalleyMerge) and without. Each
# second's file is in a directory of its own, made as it is needed (a
# roll once failed with "cannot create output" there); the rejects file
# moves on the same way.
for jobs in 1 2; do
  d=$T/roll$jobs
  unique=$([ "$jobs" -eq 1 ] && echo true || echo false)
  mkdir -p "$d/spool" "$d/out" "$d/rejects"
  make_spool "$d/spool" 1 1
  : > "$d/spool/e1.txt"  # empty: rejected
  "$GALLEY" run -v -j "$jobs" --follow --checkpoint 1s --state "$d/state.db" \
    --rejects "$d/rejects/%H/%M%S.jsonl" \
    -e "read-files path=$d/spool ! export-jsonl path=$d/out/%H%M%S/news.jsonl mode=append unique=$unique" \
    >/dev/null 2>"$d/err" &
  pid=$! BG=$!
  holder () { grep -l "\"id\":\"$1\"" "$d"/out/*/news.jsonl 2>/dev/null; }
  written () { holder "$1" >/dev/null; }
  wait_until "-j $jobs: n1 written" written n1.txt
  first=$(holder n1.txt)
  # quiet from here on: only the checkpoints of a quiet feed move it on
  sleep 1.2
  rolls=$(grep -c "goes on in path=$d/out/" "$d/err")
  moved_on () { [ "$(grep -c "goes on in path=$d/out/" "$d/err")" -gt "$rolls" ]; }
  wait_until "-j $jobs: the path moved on while the feed was quiet" moved_on
  printf 'Article 2\nAfter the change.\n' > "$d/spool/n2.txt"
  : > "$d/spool/e2.txt"
  wait_until "-j $jobs: n2 written" written n2.txt
  second=$(holder n2.txt)
  rejected () { grep -rl "$1" "$d/rejects" 2>/dev/null; }
  is_rejected () { rejected "$1" >/dev/null; }
  wait_until "-j $jobs: e2 rejected" is_rejected e2.txt
  [ "$(rejected e1.txt)" != "$(rejected e2.txt)" ] \
    || fail "-j $jobs: e1 and e2 both in the rejects file $(rejected e1.txt)"
  kill -TERM "$pid"
  wait "$pid"; status=$?
  # 1: documents were rejected
  [ "$status" -eq 1 ] || fail "-j $jobs: a rolling follow run exited $status: $(cat "$d/err")"
  [ "$first" != "$second" ] || fail "-j $jobs: n1 and n2 both in $first"
  expect_grep "$(summary_re 4 2 2)"'; stopped (follow)$' "$d/err"
  cat "$d"/out/*/news.jsonl > "$d/all.jsonl"
  ids_jsonl "$d/all.jsonl" > "$d/got"
  expect_file_eq "$d/got" "n1.txt
n2.txt"
  find "$d/out" "$d/rejects" -type f -size 0 > "$d/empty"
  expect_empty "$d/empty"
  recorded_in "$d/state.db" "e1.txt,e2.txt,n1.txt,n2.txt" || fail "-j $jobs: the state does not hold n1, n2, e1, e2"
done

# 9. follow=true in the pipeline is the same following run as --follow:
# a stop signal is its end (status 0, "stopped (follow)"; it was 6, as
# for an interrupted run). A file in mode=replace, written or the
# default, would be published only when the run is stopped, and no
# document would count as done until then: run and validate refuse it,
# with --follow or follow=true. Standard output is a stream, and runs.
d=$T/pipefollow
make_spool "$d/spool" 1 1
cat > "$d/follow.pipeline" <<EOF
[pipeline]
stages = read;out
[read]
plugin = read-files
path = $d/spool
follow = true
[out]
plugin = export-jsonl
path = $d/out.jsonl
mode = append
EOF
"$GALLEY" run --state "$d/state.db" "$d/follow.pipeline" >/dev/null 2>"$d/err" &
pid=$! BG=$!
wait_until "follow=true: n1 recorded" recorded_in "$d/state.db" "n1.txt"
kill -TERM "$pid"
wait "$pid"; status=$?
[ "$status" -eq 0 ] || fail "follow=true in the pipeline: SIGTERM gave exit $status, expected 0"
expect_grep "$(summary_re 1 1 0)"'; stopped (follow)$' "$d/err"
refused="a following run ends only when it is stopped, and mode=replace%s publishes the file only at the end: until then nothing would be written, and no document would count as done or leave its queue or spool; set mode=append, or write to standard output (path=-)"
# (timeout: a following run not refused would never end)
expect_status 2 timeout 60 "$GALLEY" run -e "read-files path=$d/spool follow=true ! export-jsonl path=$d/r.jsonl"
expect_file_eq "$T/err" "galley: error: -e: stage 2 (export-jsonl) path=$d/r.jsonl: $(printf "$refused" " (the default)")"
expect_status 2 timeout 60 "$GALLEY" run --follow -e "read-files path=$d/spool ! export-csv path=$d/r.csv mode=replace"
expect_file_eq "$T/err" "galley: error: -e: stage 2 (export-csv) path=$d/r.csv: $(printf "$refused" "")"
sed 's/^mode = append$/mode = replace/' "$d/follow.pipeline" > "$d/replace.pipeline"
expect_status 2 "$GALLEY" validate "$d/replace.pipeline"
expect_file_eq "$T/err" "galley: error: $d/replace.pipeline:10: [out] path=$d/out.jsonl: $(printf "$refused" "")"
[ ! -e "$d/r.jsonl" ] && [ ! -e "$d/r.csv" ] || fail "a refused following run made its file"
"$GALLEY" run --follow -e "read-files path=$d/spool ! export-jsonl path=- mode=replace" >"$d/stdout" 2>"$d/err" &
pid=$! BG=$!
wait_until "--follow to standard output: n1 out" lines_are "$d/stdout" 1
kill -TERM "$pid"
wait "$pid"; status=$?
[ "$status" -eq 0 ] || fail "--follow to standard output: exit $status: $(cat "$d/err")"

# 10. A burst of new files while the run is busy downstream overflows
# the kernel's event queue (fs.inotify.max_queued_events), and the
# events after that are lost: the spool is listed again, and each file
# is read once (those the events named too are not read twice). Before,
# the files past the overflow waited, unread and unsaid, for the next
# run. The sink holds the run at its first write while the files come.
d=$T/burst
mkdir -p "$d/spool"
queue=$(cat /proc/sys/fs/inotify/max_queued_events)
files=$((queue + 600))
"$GALLEY" run -v -P "$CRON_PLUGINS" --follow \
  -e "read-files path=$d/spool ! cron-pause marker=$d/held at=write nth=1 seconds=60 until=$d/written ! export-jsonl path=$d/out.jsonl mode=append unique=false" \
  >/dev/null 2>"$d/err" &
pid=$! BG=$!
printf 'Article 0\nThe first.\n' > "$d/spool/n0.txt"
wait_until "the run held at its first write" test -e "$d/held"
python3 - "$d/spool" "$files" <<'EOF'
import sys
for i in range(1, int(sys.argv[2]) + 1):
    with open("%s/n%d.txt" % (sys.argv[1], i), "w") as f:
        f.write("Article %d\nOne of a burst.\n" % i)
EOF
touch "$d/written"
wait_until "all $((files + 1)) burst files written" lines_are "$d/out.jsonl" $((files + 1))
kill -TERM "$pid"
wait "$pid"; status=$?
[ "$status" -eq 0 ] || fail "burst: exit $status: $(tail -n 3 "$d/err")"
expect_grep "$(summary_re $((files + 1)) $((files + 1)) 0)"'; stopped (follow)$' "$d/err"
expect_grep "more new files came at once than the kernel's event queue holds" "$d/err"
[ "$(ids_jsonl "$d/out.jsonl" | sort -u | wc -l)" -eq $((files + 1)) ] || fail "burst: a file read twice"

# 11. Following with after=keep, read-files keeps a stamp of each file it
# took; those of files something else removed go once the table doubles
# (past 1,024 files), or a service whose spool is cleaned up by another
# job would grow by them for its whole life.
d=$T/pruned
mkdir -p "$d/spool"
"$GALLEY" run -v --follow -e "read-files path=$d/spool ! export-jsonl path=$d/out.jsonl mode=append unique=false" \
  >/dev/null 2>"$d/err" &
pid=$! BG=$!
spool_files () {  # spool_files FROM TO
  python3 - "$d/spool" "$1" "$2" <<'EOF'
import sys
for i in range(int(sys.argv[2]), int(sys.argv[3]) + 1):
    with open("%s/n%d.txt" % (sys.argv[1], i), "w") as f:
        f.write("Article %d\nKept in the spool.\n" % i)
EOF
}
spool_files 1 1100
wait_until "1,100 files read" lines_are "$d/out.jsonl" 1100
rm "$d"/spool/*.txt
spool_files 1101 2100
wait_until "2,100 files read" lines_are "$d/out.jsonl" 2100
kill -TERM "$pid"
wait "$pid"; status=$?
[ "$status" -eq 0 ] || fail "pruned: exit $status: $(tail -n 3 "$d/err")"
expect_grep "read-files: $d/spool: forgot 1100 files no longer there, kept 949$" "$d/err"

# 12. A file of the first listing is stamped again when it is read, not
# only when listed: one written to in place between the two (the run
# busy downstream with the files before it) is read once, in its last
# form. Before, its event was taken for a new version and it was read a
# second time. (3,000 files: many more than a job reads ahead.)
d=$T/inplace
mkdir -p "$d/spool"
python3 - "$d/spool" <<'EOF'
import sys
for i in range(3000):
    with open("%s/n%04d.txt" % (sys.argv[1], i), "w") as f:
        f.write("Article %d\nListed at the start.\n" % i)
EOF
"$GALLEY" run -j 1 -P "$CRON_PLUGINS" --follow \
  -e "read-files path=$d/spool ! cron-pause marker=$d/held at=write nth=1 seconds=60 until=$d/written ! export-jsonl path=$d/out.jsonl mode=append unique=false text=true" \
  >/dev/null 2>"$d/err" &
pid=$! BG=$!
wait_until "the run held at its first write" test -e "$d/held"
printf 'Written to since.\n' >> "$d/spool/n2999.txt"
touch "$d/written"
wait_until "n2999.txt read in its last form" grep -q 'Written to since' "$d/out.jsonl"
sleep 1  # time for the event of n2999.txt to come in and be taken
[ "$(wc -l < "$d/out.jsonl")" -eq 3000 ] || fail "in place: $(wc -l < "$d/out.jsonl") lines, expected 3000"
kill -TERM "$pid"
wait "$pid"; status=$?
[ "$status" -eq 0 ] || fail "in place: exit $status: $(tail -n 3 "$d/err")"
expect_grep "$(summary_re 3000 3000 0)"'; stopped (follow)$' "$d/err"

finish
