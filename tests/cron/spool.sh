#!/bin/sh
# spool.sh: with state=, a spool that gains, changes and loses files
# between runs has only the right articles processed: the new and the
# changed ones (text or title), never the unchanged ones, whatever their
# mtime; --full takes them all once; the outputs in append mode hold each
# article once, in its latest version.
. "$TEST_SRCDIR/lib.sh"

S=$T/spool
make_spool "$S" 1 5

# Each run writes what it processed to its own file (run-N.jsonl), and
# keeps everything in a CSV and an SQLite database.
cat > "$T/p.pipeline" <<'P'
[pipeline]
stages=read;tokenize;processed;all-csv;all-db
state=${PIPELINE_DIR}/state.db
lock=${PIPELINE_DIR}/lock

[read]
plugin=read-files
path=${PIPELINE_DIR}/spool

[tokenize]
plugin=tokenizer

[processed]
plugin=export-jsonl
path=${PIPELINE_DIR}/run-${RUN}.jsonl

[all-csv]
plugin=export-csv
path=${PIPELINE_DIR}/all.csv
mode=append

[all-db]
plugin=export-sqlite
path=${PIPELINE_DIR}/all.db
P

# run N READ DONE UNCHANGED [ARGS]: run N, its summary, what it processed.
run () {
  n=$1 read=$2 done=$3 unchanged=$4; shift 4
  expect_status 0 env RUN="$n" "$GALLEY" run "$@" "$T/p.pipeline"
  expect_grep "$(summary_re "$read" "$done" 0 "$unchanged")" "$T/err"
}
processed () {  # processed N: ids run N wrote, one line
  ids_jsonl "$T/run-$1.jsonl" | tr '\n' ' ' | sed 's/ $//'
}

run 1 5 5 ""
[ "$(processed 1)" = "n1.txt n2.txt n3.txt n4.txt n5.txt" ] || fail "run 1 processed: $(processed 1)"

# Nothing changed, files touched: nothing processed.
touch "$S"/*
run 2 5 0 5
[ "$(processed 2)" = "" ] || fail "run 2 processed: $(processed 2)"

# Gains n6 and n7, n2's text changes, n3's title (its first line) changes,
# n4 is rewritten with the same content, n5 is removed.
make_spool "$S" 6 7
printf 'Article 2 headline\nA different text.\n' > "$S/n2.txt"
sed '1s/.*/Article 3 corrected headline/' "$S/n3.txt" > "$T/n3" && mv "$T/n3" "$S/n3.txt"
cp "$S/n4.txt" "$T/n4" && mv "$T/n4" "$S/n4.txt"
rm "$S/n5.txt"
run 3 6 4 2
[ "$(processed 3)" = "n2.txt n3.txt n6.txt n7.txt" ] || fail "run 3 processed: $(processed 3)"

# The outputs hold each article once; the removed one stays (they are a
# record of what was processed); n3 has its new title.
printf 'n1.txt\nn2.txt\nn3.txt\nn4.txt\nn5.txt\nn6.txt\nn7.txt\n' > "$T/want"
ids_csv "$T/all.csv" > "$T/got"
expect_ids "CSV" "$T/got" "$T/want"
ids_sqlite "$T/all.db" > "$T/got"
expect_ids "SQLite" "$T/got" "$T/want"
ids_state "$T/state.db" > "$T/got"
expect_ids "state" "$T/got" "$T/want"
[ "$(sql "$T/all.db" "SELECT title FROM documents WHERE id = 'n3.txt'")" = "Article 3 corrected headline" ] \
  || fail "SQLite: n3's title is not the new one"
grep -q '^n3.txt,Article 3 corrected headline,' "$T/all.csv" || fail "CSV: n3's title is not the new one"

# The state: n2 and n3 processed twice, by runs 1 and 3.
[ "$(sql "$T/state.db" "SELECT id, first_run, run, times FROM documents WHERE times > 1 ORDER BY id")" \
  = "$(printf 'n2.txt|1|3|2\nn3.txt|1|3|2')" ] || fail "state: the documents processed twice"

# The removed file comes back unchanged: skipped (done before). Changed: taken.
make_spool "$S" 5 5
run 4 7 0 7
printf 'Article 5 headline\nNew text for five.\n' > "$S/n5.txt"
run 5 7 1 6
[ "$(processed 5)" = "n5.txt" ] || fail "run 5 processed: $(processed 5)"

# A new article in a new subdirectory: taken, by its relative path.
mkdir -p "$S/late"
make_spool "$S/late" 8 8
run 6 8 1 7
[ "$(processed 6)" = "late/n8.txt" ] || fail "run 6 processed: $(processed 6)"

# --full: everything, once, and recorded; then nothing again.
run 7 8 8 "" --full
[ "$(processed 7)" = "late/n8.txt n1.txt n2.txt n3.txt n4.txt n5.txt n6.txt n7.txt" ] \
  || fail "run 7 (--full) processed: $(processed 7)"
run 8 8 0 8
[ "$(sql "$T/state.db" "SELECT count(*) FROM documents WHERE run = 7")" = 8 ] \
  || fail "state: --full did not record its documents"
[ "$(sql "$T/state.db" "SELECT full FROM runs WHERE id = 7")" = 1 ] || fail "state: run 7 not marked full"

# An empty spool: nothing read, nothing lost from the state. (read-files
# takes a directory that holds no article for an I/O error today, status
# 4; see docs/cron.md. Either way the state keeps what it had.)
rm -rf "$S"; mkdir "$S"
env RUN=9 "$GALLEY" run "$T/p.pipeline" >/dev/null 2>"$T/err"
status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 4 ] || fail "an empty spool: exit $status"
[ "$(sql "$T/state.db" "SELECT count(*) FROM documents")" = 8 ] || fail "state: documents lost"
[ "$(sql "$T/state.db" "SELECT status FROM runs WHERE id = 9")" = "$status" ] \
  || fail "state: run 9's exit status not recorded"

# A document a filter rejects is rejected once: the next runs skip it
# (exit 0, so cron does not mail again) until it changes, or until
# --retry-rejected; a document no sink had is the only kind kept so.
R=$T/rspool
make_spool "$R" 1 3
rp="read-files path=$R ! test-filter fail-ids=n2.txt ! export-csv path=$T/r.csv mode=append"
expect_status 1 "$GALLEY" run -P "$FIXTURES" --state "$T/r.db" -e "$rp"
expect_grep "^galley: warning: document 'n2.txt' rejected by \[test-filter\]: test-filter refuses n2.txt\$" "$T/err"
expect_grep "$(summary_re 3 2 1)" "$T/err"
expect_status 0 "$GALLEY" run -P "$FIXTURES" --state "$T/r.db" -e "$rp"
expect_grep "$(summary_re 3 0 0 3)\$" "$T/err"
expect_status 0 "$GALLEY" state --rejected "$T/r.db"
expect_grep "^Documents:  3 (1 rejected: skipped while unchanged)\$" "$T/out"
expect_grep "  n2.txt  rejected by \[test-filter\]: test-filter refuses n2.txt\$" "$T/out"
[ "$(grep -c '  n[0-9].txt' "$T/out")" -eq 1 ] || fail "galley state --rejected lists more than the rejected"
# only the documents: the runs are not listed
expect_no_grep '^Runs, newest first:' "$T/out"
# a rejection whose stage is not known (a state of format 1, before the
# stages were recorded) is shown without one
cp "$T/r.db" "$T/r1.db"
sql "$T/r1.db" "UPDATE documents SET stage = NULL" >/dev/null
expect_status 0 "$GALLEY" state --rejected "$T/r1.db"
expect_grep "^  1     [0-9TZ:-]*     1  [0-9a-f]\{16\}  n2.txt  rejected: test-filter refuses n2.txt\$" "$T/out"
expect_status 0 "$GALLEY" state --id n2.txt "$T/r1.db"
expect_grep "^Document n2.txt: hash [0-9a-f]\{16\}, last processed by run 1 at [0-9TZ:-]*, first by run 1 at [0-9TZ:-]*, 1 time; rejected: test-filter refuses n2.txt\$" "$T/out"
expect_status 1 "$GALLEY" run -P "$FIXTURES" --state "$T/r.db" --retry-rejected -e "$rp"
expect_grep "$(summary_re 3 0 1 2)\$" "$T/err"
printf 'Article 2 headline\nRewritten.\n' > "$R/n2.txt"
expect_status 0 "$GALLEY" run -P "$FIXTURES" --state "$T/r.db" \
  -e "read-files path=$R ! test-filter ! export-csv path=$T/r.csv mode=append"
expect_grep "$(summary_re 3 1 0 2)\$" "$T/err"
[ "$(sql "$T/r.db" "SELECT rejected FROM documents WHERE id = 'n2.txt'")" = 0 ] \
  || fail "n2.txt still held as rejected after it was done"

# A document a filter drops on purpose is not an error: exit 0, no
# warning, counted as dropped, in no output, and recorded as done, so the
# next run skips it as unchanged.
D=$T/dspool
make_spool "$D" 1 3
dp="read-files path=$D ! test-filter drop-ids=n3.txt ! export-csv path=$T/d.csv mode=replace"
expect_status 0 "$GALLEY" run -P "$FIXTURES" --state "$T/d.db" -e "$dp"
expect_grep '^galley: 3 read, 2 done, 0 rejected, 1 dropped in ' "$T/err"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "drop: more than the summary on stderr: $(cat "$T/err")"
[ "$(ids_csv "$T/d.csv" | tr '\n' ' ')" = "n1.txt n2.txt " ] || fail "drop: $(ids_csv "$T/d.csv" | tr '\n' ' ')in the CSV"
[ "$(sql "$T/d.db" "SELECT rejected FROM documents WHERE id = 'n3.txt'")" = 0 ] \
  || fail "drop: n3.txt not recorded as done"
expect_status 0 "$GALLEY" run -P "$FIXTURES" --state "$T/d.db" -e "$dp"
expect_grep "$(summary_re 3 0 0 3)\$" "$T/err"

# --full and --retry-rejected without a state are usage errors.
expect_status 2 "$GALLEY" run --full -e "read-files path=$S ! export-jsonl path=/dev/null"
expect_file_eq "$T/err" "galley: error: --full needs a state: --state FILE, or state= in [pipeline]"
expect_status 2 "$GALLEY" run --retry-rejected -e "read-files path=$S ! export-jsonl path=/dev/null"
expect_file_eq "$T/err" "galley: error: --retry-rejected needs a state: --state FILE, or state= in [pipeline]"

finish
