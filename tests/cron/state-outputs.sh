#!/bin/sh
# state-outputs.sh: with a state a run writes only its new and changed
# documents, so a file sink left in its default mode=replace would lose
# the earlier runs' documents at every run. The run warns about each such
# sink, once, naming the stage and the file; an explicit mode=, standard
# output and a run without a state are not warned about. galley validate
# says it for a pipeline file with state=. A run that skips documents
# done by runs with fewer stages says so.
. "$TEST_SRCDIR/lib.sh"

mkdir -p "$T/spool"
printf 'Title\nText.\n' > "$T/spool/a.txt"
W="with a state, a run writes only its new and changed documents, and mode=replace (the default) replaces the file with them: set mode=append to keep the documents of earlier runs, or mode=replace if that is what you want"

warnings () {
  grep -v '^galley: [0-9]* read' "$T/err" > "$T/warnings"
}

expect_status 0 "$GALLEY" run --state "$T/s.db" -e \
  "read-files path=$T/spool ! export-jsonl path=$T/out.jsonl ! export-csv path=$T/out.csv mode=append ! export-jsonl path=-"
warnings
expect_file_eq "$T/warnings" "galley: warning: -e: stage 2 (export-jsonl) path=$T/out.jsonl: $W"
[ "$(wc -l < "$T/out.jsonl")" -eq 1 ] || fail "the first run did not write its document"

# what the warning is about: the next run finds nothing new, and the
# file it replaces holds nothing
expect_status 0 "$GALLEY" run --state "$T/s.db" -e "read-files path=$T/spool ! export-jsonl path=$T/out.jsonl"
[ -s "$T/out.jsonl" ] && fail "a run with nothing new left the earlier document in a replace-mode file"

# said explicitly, or without a state: no warning
expect_status 0 "$GALLEY" run --state "$T/s.db" -e "read-files path=$T/spool ! export-jsonl path=$T/out.jsonl mode=replace"
warnings
expect_empty "$T/warnings"
expect_status 0 "$GALLEY" run -e "read-files path=$T/spool ! export-jsonl path=$T/out.jsonl"
warnings
expect_empty "$T/warnings"

# galley validate, for a pipeline file that names its state
cat > "$T/p.pipeline" <<PIPE
[pipeline]
stages=read;out
state=$T/s.db

[read]
plugin=read-files
path=$T/spool

[out]
plugin=export-csv
path=$T/out.csv
PIPE
expect_status 0 "$GALLEY" validate "$T/p.pipeline"
expect_file_eq "$T/err" "galley: warning: $T/p.pipeline:9: [out] path=$T/out.csv: $W"

# A document skipped as done by a run whose stages lack one of this
# run's (another pipeline given the same state, or a sink added) may be
# in none of this run's outputs: the first is named, the rest counted.
# Fewer stages are not warned about, nor is a run after --full.
printf 'Title\nText.\n' > "$T/spool/b.txt"
S=$T/shared.db
expect_status 0 "$GALLEY" run -q --state "$S" -e "read-files path=$T/spool ! export-jsonl path=$T/a.jsonl mode=append"
expect_empty "$T/err"
expect_status 0 "$GALLEY" run -q --state "$S" -e "read-files path=$T/spool ! export-csv path=$T/b.csv mode=append"
expect_file_eq "$T/err" "galley: warning: state file $S: 'a.txt' is skipped as done, but run 1 did it with stages (read-files ! export-jsonl) that lack some of this run's (read-files ! export-csv): this run's outputs may not have it. Give each pipeline a state file of its own, or run this one once with --full to process every document again
galley: warning: state file $S: 2 documents were skipped as done by runs whose stages lack some of this run's"
[ -e "$T/b.csv" ] && fail "the second pipeline wrote a file"
expect_status 0 "$GALLEY" run -q --state "$S" --full -e "read-files path=$T/spool ! export-csv path=$T/b.csv mode=append ! export-jsonl path=$T/a.jsonl mode=append"
expect_empty "$T/err"
printf 'Title\nText changed.\n' > "$T/spool/b.txt"
expect_status 0 "$GALLEY" run --state "$S" -e "read-files path=$T/spool ! export-csv path=$T/b.csv mode=append"
expect_grep "$(summary_re 2 1 0 1)$" "$T/err"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "a changed document was warned about: $(cat "$T/err")"
[ "$(wc -l < "$T/b.csv")" -eq 3 ] || fail "after --full the second pipeline's file has not both documents"

# A single document so skipped is named, and not counted again after it
mkdir "$T/one"
printf 'Title\nText.\n' > "$T/one/c.txt"
S=$T/one.db
expect_status 0 "$GALLEY" run -q --state "$S" -e "read-files path=$T/one ! export-jsonl path=$T/c.jsonl mode=append"
expect_status 0 "$GALLEY" run -q --state "$S" -e "read-files path=$T/one ! export-csv path=$T/c.csv mode=append"
expect_file_eq "$T/err" "galley: warning: state file $S: 'c.txt' is skipped as done, but run 1 did it with stages (read-files ! export-jsonl) that lack some of this run's (read-files ! export-csv): this run's outputs may not have it. Give each pipeline a state file of its own, or run this one once with --full to process every document again"

finish
