#!/bin/sh
# state-command.sh: `galley state FILE` shows what a state file holds:
# counts, the last runs (an unfinished one too) and the documents
# processed last, as text or --json; --id looks one document up; errors
# name the file.
. "$TEST_SRCDIR/lib.sh"

make_spool "$T/spool" 1 3
p="read-files path=$T/spool ! export-jsonl path=/dev/null"
expect_status 0 "$GALLEY" run --state "$T/state.db" -e "$p"
make_spool "$T/spool" 4 4
expect_status 0 "$GALLEY" run --state "$T/state.db" -e "$p"

# Text
expect_status 0 "$GALLEY" state "$T/state.db"
expect_empty "$T/err"
head -n 3 "$T/out" > "$T/got"
expect_file_eq "$T/got" "State file: $T/state.db (format 3, hash xxh64)
Documents:  4
Runs:       2"
ts='[0-9-]*T[0-9:]*Z'
expect_grep "^  RUN   STARTED               SECONDS    READ    DONE UNCHANGED REJECTED  STATUS           PIPELINE\$" "$T/out"
expect_grep "^  2     $ts *[0-9.]* *4 *1 *3 *0  0 ok             read-files path=$T/spool ! export-jsonl path=/dev/null\$" "$T/out"
expect_grep "^  1     $ts *[0-9.]* *3 *3 *0 *0  0 ok  " "$T/out"
expect_grep "^  2     $ts     1  [0-9a-f]\{16\}  n4.txt\$" "$T/out"
[ "$(grep -c "  n[0-9].txt\$" "$T/out")" -eq 4 ] || fail "not every document listed"

# --runs and --documents limit the lists
expect_status 0 "$GALLEY" state --runs 1 --documents 2 "$T/state.db"
[ "$(grep -c ' ok  ' "$T/out")" -eq 1 ] || fail "--runs 1"
[ "$(grep -c '  n[0-9].txt$' "$T/out")" -eq 2 ] || fail "--documents 2"

# A run with --full (nothing skipped as unchanged) says so in its status
cp "$T/state.db" "$T/full.db"
expect_status 0 "$GALLEY" run -q --full --state "$T/full.db" -e "$p"
expect_status 0 "$GALLEY" state --runs 1 "$T/full.db"
expect_grep "^  3     $ts *[0-9.]* *4 *4 *0 *0  0 ok, full       read-files path=$T/spool ! export-jsonl path=/dev/null\$" "$T/out"

# --id
expect_status 0 "$GALLEY" state --id n4.txt "$T/state.db"
expect_grep "^Document n4.txt: hash [0-9a-f]\{16\}, last processed by run 2 at $ts, first by run 2 at $ts, 1 time\$" "$T/out"
expect_status 0 "$GALLEY" state --id nothing "$T/state.db"
expect_grep "^Document nothing: not in the state (the next run processes it)\$" "$T/out"

# An unfinished run (killed): shown as such, with its pid and host
pid=$(sh -c 'echo $$')
sql "$T/state.db" "INSERT INTO runs (started, pipeline, pid, host) VALUES ('2030-01-01T00:00:00Z', 'killed one', $pid, 'somehost')" >/dev/null
expect_status 0 "$GALLEY" state "$T/state.db"
expect_grep "^Runs:       3 (1 unfinished: killed, or still running)\$" "$T/out"
expect_grep "^  3     2030-01-01T00:00:00Z        -       -       -         -        -  unfinished       killed one (pid $pid on somehost)\$" "$T/out"

# A run of a pipeline file is shown with the plugins it ran, which the
# text of an inline pipeline shows already
cat > "$T/p.pipeline" <<EOF
[pipeline]
stages=read;out
[read]
plugin=read-files
path=$T/spool
[out]
plugin=export-jsonl
path=/dev/null
EOF
cp "$T/state.db" "$T/file-run.db"
expect_status 0 "$GALLEY" run -q --state "$T/file-run.db" "$T/p.pipeline"
expect_status 0 "$GALLEY" state --runs 1 "$T/file-run.db"
expect_grep "^  4     $ts *[0-9.]* *4 *0 *4 *0  0 ok             $T/p.pipeline (read-files ! export-jsonl)\$" "$T/out"
# a file of format 2 (no stages) is read as it is
sql "$T/file-run.db" "ALTER TABLE runs DROP COLUMN stages" >/dev/null
sql "$T/file-run.db" "PRAGMA user_version = 2" >/dev/null
expect_status 0 "$GALLEY" state --runs 1 "$T/file-run.db"
expect_grep "^State file: $T/file-run.db (format 2, hash xxh64)\$" "$T/out"
expect_grep "^  4     $ts *[0-9.]* *4 *0 *4 *0  0 ok             $T/p.pipeline\$" "$T/out"
expect_status 0 "$GALLEY" state --json --runs 1 "$T/file-run.db"
expect_grep '"pipeline":"[^"]*p.pipeline","stages":null,' "$T/out"

# JSON
expect_status 0 "$GALLEY" state --json --runs 0 --documents 0 "$T/state.db"
expect_grep '^{"state":".*","format":3,"hash":"xxh64","documents":4,"rejected":0,"runs":3,"unfinished_runs":1,"last_runs":\[{"id":3,"started":"2030-01-01T00:00:00Z","finished":null,"pipeline":"killed one","stages":null,' "$T/out"
expect_grep '"status":null,"read":null,"done":null,"unchanged":null,"rejected":null,"seconds":null}' "$T/out"
expect_grep '{"id":2,"started":"[^"]*","finished":"[^"]*","pipeline":"read-files path=[^"]*","stages":"read-files ! export-jsonl","pid":[0-9]*,"host":"[^"]*","full":false,"committed":true,"status":0,"read":4,"done":1,"unchanged":3,"rejected":0,"seconds":[0-9.]*}' "$T/out"
expect_grep '"last_documents":\[{"id":"n4.txt","hash":"[0-9a-f]\{16\}","run":2,"first_run":2,"processed":"[^"]*","first_processed":"[^"]*","times":1,"rejected":false,"error":null,"stage":null},' "$T/out"
PY=${PYTHON3:-python3}
[ "$PY" = no ] && PY=python3
if command -v "$PY" >/dev/null 2>&1; then
  "$PY" -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d["documents"] == 4 and len(d["last_documents"]) == 4, d
assert [r["id"] for r in d["last_runs"]] == [3, 2, 1], d
' "$T/out" || fail "--json is not the JSON expected"
fi
expect_status 0 "$GALLEY" state --json --id n1.txt "$T/state.db"
expect_grep ',"document":{"id":"n1.txt","hash":"[0-9a-f]\{16\}","run":1,' "$T/out"
expect_status 0 "$GALLEY" state --json --id nothing "$T/state.db"
expect_grep ',"document":null}$' "$T/out"

# --forget AGE: the documents last processed longer ago go, and the runs
# that started before then and that no document refers to any more; a
# document forgotten is processed again when it comes back
sql "$T/state.db" "UPDATE documents SET processed = '2020-01-01T00:00:00Z' WHERE id <> 'n4.txt';
                   UPDATE runs SET started = '2020-01-01T00:00:00Z' WHERE id <> 3" >/dev/null
expect_status 0 "$GALLEY" state --forget 30d "$T/state.db"
expect_grep "^State file $T/state.db: forgot 3 documents last processed before $ts and 1 run; 1 document and 2 runs remain.\$" "$T/out"
expect_empty "$T/err"
[ "$(sql "$T/state.db" "SELECT group_concat(id) FROM runs")" = "2,3" ] || fail "--forget: runs left"
expect_status 0 "$GALLEY" state --id n1.txt "$T/state.db"
expect_grep "^Document n1.txt: not in the state (the next run processes it)\$" "$T/out"
expect_status 0 "$GALLEY" state --forget 30d "$T/state.db"
expect_grep "forgot 0 documents last processed before $ts and 0 runs; 1 document and 2 runs remain.\$" "$T/out"
expect_status 0 "$GALLEY" run --state "$T/state.db" -e "$p"
expect_grep "^galley: 4 read, 3 done, 0 rejected, 1 unchanged in " "$T/err"
expect_status 2 "$GALLEY" state --forget 30x "$T/state.db"
expect_file_eq "$T/err" "galley: error: --forget takes an age such as 90d or 12h, not '30x'"
expect_status 2 "$GALLEY" state --forget 0s "$T/state.db"
expect_file_eq "$T/err" "galley: error: --forget takes an age such as 90d or 12h, not '0s'"
expect_status 2 "$GALLEY" state --reset --forget 1d "$T/state.db"
expect_file_eq "$T/err" "galley: error: --reset and --forget do not go together: --reset moves the whole file aside"
echo 'not a database' > "$T/text.db"
expect_status 2 "$GALLEY" state --forget 1d "$T/text.db"
expect_file_eq "$T/err" "galley: error: $T/text.db is not a Galley state file (file is not a database)"
expect_status 4 "$GALLEY" state --forget 1d "$T/missing.db"
expect_file_eq "$T/err" "galley: error: cannot open the state file $T/missing.db: No such file or directory"

# A run that a document was first processed by stays while the document
# does, even when a later run processed it last and the first run is old
make_spool "$T/fspool" 1 1
pf="read-files path=$T/fspool ! export-jsonl path=/dev/null"
expect_status 0 "$GALLEY" run -q --state "$T/first.db" -e "$pf"
make_spool "$T/fspool" 1 1 changed
expect_status 0 "$GALLEY" run -q --state "$T/first.db" -e "$pf"
sql "$T/first.db" "UPDATE runs SET started = '2020-01-01T00:00:00Z' WHERE id = 1" >/dev/null
expect_status 0 "$GALLEY" state --forget 30d "$T/first.db"
expect_grep "^State file $T/first.db: forgot 0 documents last processed before $ts and 0 runs; 1 document and 2 runs remain.\$" "$T/out"
expect_status 0 "$GALLEY" state --id n1.txt "$T/first.db"
expect_grep "^Document n1.txt: hash [0-9a-f]\{16\}, last processed by run 2 at $ts, first by run 1 at $ts, 2 times\$" "$T/out"

# galley run --forget AGE (or forget= in [pipeline]) forgets as the run
# starts, in the run's transaction: a document forgotten there is
# processed again by the same run, and a run that fails forgets nothing
sql "$T/state.db" "UPDATE documents SET processed = '2020-01-01T00:00:00Z' WHERE id = 'n2.txt'" >/dev/null
expect_status 4 "$GALLEY" run -P "$FIXTURES" --forget 30d --state "$T/state.db" \
  -e "test-source count=1 ! test-sink path=$T/x.out fail-commit=true"
expect_status 0 "$GALLEY" state --id n2.txt "$T/state.db"
expect_grep "^Document n2.txt: hash [0-9a-f]\{16\}, last processed by run [0-9]* at 2020-01-01T00:00:00Z," "$T/out"
expect_status 0 "$GALLEY" run --forget 30d --state "$T/state.db" -e "$p"
expect_grep "^galley: 4 read, 1 done, 0 rejected, 3 unchanged in " "$T/err"
expect_status 0 "$GALLEY" state --id n2.txt "$T/state.db"
grep -q "2020-01-01" "$T/out" && fail "run --forget did not forget n2.txt: $(cat "$T/out")"
printf '[pipeline]\nstages=read;write\nstate=%s\nforget=30d\n\n[read]\nplugin=read-files\npath=%s\n\n[write]\nplugin=export-jsonl\npath=/dev/null\n' \
  "$T/state.db" "$T/spool" > "$T/forget.pipeline"
sql "$T/state.db" "UPDATE documents SET processed = '2020-01-01T00:00:00Z' WHERE id IN ('n1.txt', 'n3.txt')" >/dev/null
expect_status 0 "$GALLEY" run "$T/forget.pipeline"
expect_grep "^galley: 4 read, 2 done, 0 rejected, 2 unchanged in " "$T/err"
expect_status 2 "$GALLEY" run --forget 30d -e "$p"
expect_file_eq "$T/err" "galley: error: --forget needs a state: --state FILE, or state= in [pipeline]"
expect_status 2 "$GALLEY" run --forget soon --state "$T/state.db" -e "$p"
expect_file_eq "$T/err" "galley: error: --forget takes an age such as 90d or 12h, not 'soon'"
sed 's/^forget=30d$/forget=0/' "$T/forget.pipeline" > "$T/forget0.pipeline"
expect_status 2 "$GALLEY" validate "$T/forget0.pipeline"
expect_grep "\[pipeline\] forget: '0' is not an age such as 90d or 12h" "$T/err"

# Errors
expect_status 2 "$GALLEY" state
expect_file_eq "$T/err" "galley: error: galley state takes one state FILE (try 'galley state --help')"
expect_status 4 "$GALLEY" state "$T/missing.db"
expect_file_eq "$T/err" "galley: error: cannot open the state file $T/missing.db: No such file or directory"
[ -e "$T/missing.db" ] && fail "galley state created the file"
echo 'not a database' > "$T/text.db"
expect_status 2 "$GALLEY" state "$T/text.db"
expect_file_eq "$T/err" "galley: error: $T/text.db is not a Galley state file (file is not a database)"
expect_status 2 "$GALLEY" state --runs -1 "$T/state.db"
expect_file_eq "$T/err" "galley: error: --runs and --documents take a count, 0 or more"
expect_status 2 "$GALLEY" state --documents -1 "$T/state.db"
expect_file_eq "$T/err" "galley: error: --runs and --documents take a count, 0 or more"
expect_empty "$T/out"
# a run refuses a file that is not a state too, before reading anything
expect_status 2 "$GALLEY" run --state "$T/text.db" -e "$p"
expect_file_eq "$T/err" "galley: error: $T/text.db is not a Galley state file (file is not a database)"
expect_status 4 "$GALLEY" run --state "$T/missing/dir/state.db" -e "$p"
expect_file_eq "$T/err" "galley: error: cannot create the state file $T/missing/dir/state.db: no directory $T/missing/dir"
expect_status 0 "$GALLEY" state --help
expect_grep "Usage:" "$T/out"

finish
