#!/bin/sh
# validate.sh: what `galley validate` finds in a pipeline before a run,
# with every message and exit status written out.
. "$TEST_SRCDIR/lib.sh"

# --- input paths: one that names nothing is an error, after ${VAR} expansion
mkdir "$T/in"
echo '{"id":"1","text":"x"}' > "$T/in/a.jsonl"
cat > "$T/missing-input.pipeline" <<'EOT'
[pipeline]
stages=read;write

[read]
plugin=read-jsonl
path=${GALLEY_TEST_IN}/b.jsonl

[write]
plugin=export-jsonl
path=-
EOT
GALLEY_TEST_IN="$T/in" expect_status 2 "$GALLEY" validate "$T/missing-input.pipeline"
expect_file_eq "$T/err" "galley: error: $T/missing-input.pipeline:6: [read] path: '$T/in/b.jsonl' does not exist; did you mean '$T/in/a.jsonl'?"
[ -s "$T/out" ] && fail "an invalid pipeline was called valid: $(cat "$T/out")"

GALLEY_TEST_IN="$T/in" expect_status 0 "$GALLEY" validate -e "read-jsonl path=\${GALLEY_TEST_IN}/a.jsonl ! export-jsonl path=-"
expect_file_eq "$T/out" "-e: valid: read-jsonl ! export-jsonl"

# relative to the working directory, as a run reads it
(cd "$T/in" && "$GALLEY" validate -e 'read-files path=nothing.txt ! export-jsonl path=-') > "$T/out" 2> "$T/err"
[ $? -eq 2 ] || fail "a missing relative path did not exit 2"
expect_file_eq "$T/err" "galley: error: -e: stage 1 (read-files) path: 'nothing.txt' does not exist"

# a typo of a file beside it gets a did-you-mean
printf '{"id":"1","text":"x"}\n' > "$T/news.jsonl"
expect_status 2 "$GALLEY" validate -e "read-jsonl path=$T/nws.jsonl ! export-jsonl path=-"
expect_file_eq "$T/err" "galley: error: -e: stage 1 (read-jsonl) path: '$T/nws.jsonl' does not exist; did you mean '$T/news.jsonl'?"
# and a run says it too, after the reader's own error (exit 4, as a
# missing input always was), in one process and supervised
expect_status 4 "$GALLEY" run -q -e "read-jsonl path=$T/nws.jsonl ! export-jsonl path=$T/typo.jsonl"
expect_file_eq "$T/err" "galley: error: $T/nws.jsonl: cannot open: No such file or directory; did you mean '$T/news.jsonl'?"
expect_status 4 "$GALLEY" run -q --state "$T/typo.state" -e "read-jsonl path=$T/nws.jsonl ! export-jsonl path=$T/typo.jsonl mode=append"
expect_file_eq "$T/err" "galley: error: $T/nws.jsonl: cannot open: No such file or directory; did you mean '$T/news.jsonl'?"
# no hint where no name is close
expect_status 4 "$GALLEY" run -q -e "read-jsonl path=$T/zzzzzz.jsonl ! export-jsonl path=$T/typo.jsonl"
expect_file_eq "$T/err" "galley: error: $T/zzzzzz.jsonl: cannot open: No such file or directory"

# a glob that matches nothing yet is only a warning; - (stdin) is fine
expect_status 0 "$GALLEY" validate -e "read-files path=$T/in/*.txt ! export-jsonl path=-"
expect_file_eq "$T/err" "galley: warning: -e: stage 1 (read-files) path: no file matches '$T/in/*.txt' yet"
expect_file_eq "$T/out" "-e: valid: read-files ! export-jsonl"
expect_status 0 "$GALLEY" validate -e "read-jsonl path=- ! export-jsonl path=-"
[ -s "$T/err" ] && fail "stdin drew a message: $(cat "$T/err")"

# --- two sinks writing one output: an error of validate and of run alike
expect_status 2 "$GALLEY" validate -e 'read-jsonl path=- ! export-jsonl ! export-csv path=-'
expect_file_eq "$T/err" "galley: error: -e: stage 3 (export-csv) path: standard output is also written by stage 2 (export-jsonl); give each sink an output of its own"
echo '{"id":"1","text":"x"}' | expect_status 2 "$GALLEY" run -e "read-jsonl ! export-jsonl path=$T/o.jsonl ! export-csv path=$T/./o.jsonl"
expect_file_eq "$T/err" "galley: error: -e: stage 3 (export-csv) path: '$T/o.jsonl' is also written by stage 2 (export-jsonl); give each sink an output of its own"
[ -e "$T/o.jsonl" ] && fail "run wrote an output of a pipeline with two sinks on one file"

# --- an output, or a file of the run itself, that a stage reads or writes:
# the input replaced by the output, the rejects appended to it, the lock
# written over it, the state inside export-sqlite's database
printf '{"id":"1","text":"One."}\n{bad\n' > "$T/in.jsonl"
cp "$T/in.jsonl" "$T/in.orig"
expect_status 2 "$GALLEY" run -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/in.jsonl"
expect_file_eq "$T/err" "galley: error: -e: stage 2 (export-jsonl) path: '$T/in.jsonl' is also the path= of stage 1 (read-jsonl), which reads it: the output would replace it; write it elsewhere"
expect_status 2 "$GALLEY" run --rejects "$T/in.jsonl" -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/o.jsonl"
expect_file_eq "$T/err" "galley: error: --rejects: '$T/in.jsonl' is also the path= of stage 1 (read-jsonl), which reads it; give it a file of its own"
expect_status 2 "$GALLEY" run --lock "$T/./in.jsonl" -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/o.jsonl"
expect_file_eq "$T/err" "galley: error: --lock: '$T/in.jsonl' is also the path= of stage 1 (read-jsonl), which reads it; give it a file of its own"
cmp -s "$T/in.jsonl" "$T/in.orig" || fail "a run refused for its files changed the input"
expect_status 2 "$GALLEY" run --state "$T/o.db" -e "read-jsonl path=$T/in.jsonl ! export-sqlite path=$T/o.db"
expect_file_eq "$T/err" "galley: error: --state: '$T/o.db' is also the path= of stage 2 (export-sqlite), which writes it; give it a file of its own"
# a file a stage keeps (read-feed's cache=, near-duplicates' index=)
expect_status 2 "$GALLEY" run --state "$T/c.db" -e "read-feed path=$T/in.jsonl cache=$T/c.db ! export-jsonl path=$T/o.jsonl mode=append"
expect_file_eq "$T/err" "galley: error: --state: '$T/c.db' is also the cache= of stage 1 (read-feed), which keeps it; give it a file of its own"
expect_status 2 "$GALLEY" run --state "$T/s.db" --lock "$T/s.db" -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/o.jsonl mode=append"
expect_file_eq "$T/err" "galley: error: --lock: '$T/s.db' is also the --state file; give it a file of its own"
[ -e "$T/o.jsonl" ] || [ -e "$T/o.db" ] || [ -e "$T/s.db" ] || [ -e "$T/c.db" ] && fail "a run refused for its files wrote something"
# standard input and output are not one file
echo '{"id":"1","text":"x"}' | expect_status 0 "$GALLEY" run -q -e "read-jsonl path=- ! export-jsonl path=-"
printf '[pipeline]\nstages=read;write\nrejects=%s\n\n[read]\nplugin=read-jsonl\npath=%s\n\n[write]\nplugin=export-jsonl\npath=-\n' \
  "$T/in.jsonl" "$T/in.jsonl" > "$T/rejects-input.pipeline"
expect_status 2 "$GALLEY" validate "$T/rejects-input.pipeline"
expect_file_eq "$T/err" "galley: error: rejects=: '$T/in.jsonl' is also the path= of [read] (line 7), which reads it; give it a file of its own"
# ... and so does one of the run's files that is another: the lock in the state
printf '[pipeline]\nstages=read;write\nstate=%s\nlock=%s\n\n[read]\nplugin=read-jsonl\npath=%s\n\n[write]\nplugin=export-jsonl\npath=-\nmode=replace\n' \
  "$T/s.db" "$T/s.db" "$T/in.jsonl" > "$T/lock-state.pipeline"
expect_status 2 "$GALLEY" validate "$T/lock-state.pipeline"
expect_file_eq "$T/err" "galley: error: lock=: '$T/s.db' is also the state= file; give it a file of its own"

# --- every problem of a file, one a line, in the order of the lines; exit 2
cat > "$T/many.pipeline" <<'EOT'
[pipeline]
stages=read;write
[read]
plugin=read-jsonl
pth=-
[write
plugin=export-jsonl
path=-
path=-
EOT
expect_status 2 "$GALLEY" validate "$T/many.pipeline"
expect_file_eq "$T/err" "galley: error: $T/many.pipeline:6: group line '[write': no closing ']'
galley: error: $T/many.pipeline:9: [write] path: set twice (first on line 8); keep one
galley: error: $T/many.pipeline:5: [read] unknown parameter 'pth' of read-jsonl; did you mean 'path'? valid parameters: path, max-bytes, utf8, shard"
[ -s "$T/out" ] && fail "an invalid pipeline was called valid: $(cat "$T/out")"

# an inline pipeline saved as a file: said so, not GKeyFile's "Key file
# does not start with a group"
printf '# news\n\nread-jsonl path=in.jsonl ! tokenizer ! export-jsonl\n' > "$T/inline.pipeline"
expect_status 2 "$GALLEY" validate "$T/inline.pipeline"
expect_file_eq "$T/err" "galley: error: $T/inline.pipeline:3: a line before any [group]: a pipeline file starts with a [pipeline] group, then a group a stage (galley.pipeline(5)); the 'stage ! stage' form is for galley run -e
galley: error: $T/inline.pipeline: no [pipeline] group (it lists the stages: stages=read;tokenize;export)"
printf 'plugin=tokenizer\n[pipeline]\nstages=t\n' > "$T/nogroup.pipeline"
expect_status 2 "$GALLEY" run "$T/nogroup.pipeline"
expect_file_eq "$T/err" "galley: error: $T/nogroup.pipeline:1: a line before any [group]: a pipeline file starts with a [pipeline] group, then a group a stage (galley.pipeline(5))"

# a group that names its stage with another key than plugin=: the key
# that was meant, not only "no stage named 'read'"
printf '[pipeline]\nstages=read;write\n[read]\nstage=read-jsonl\npath=-\n[write]\ntype=export-jsonl\n' > "$T/stagekey.pipeline"
expect_status 2 "$GALLEY" validate "$T/stagekey.pipeline"
expect_file_eq "$T/err" "galley: error: $T/stagekey.pipeline:3: [read] no stage named 'read': a group without plugin= is the stage of its own name; write plugin=read-jsonl, not stage=read-jsonl
galley: error: $T/stagekey.pipeline:6: [write] no stage named 'write': a group without plugin= is the stage of its own name; write plugin=export-jsonl, not type=export-jsonl"

# inline: the same guesses, and every stage's problem
expect_status 2 "$GALLEY" validate -e 'read-jsnl ! tokenizer ! export-jsonl pth=-'
expect_file_eq "$T/err" "galley: error: -e: stage 1 (read-jsnl) no stage named 'read-jsnl'; did you mean 'read-jsonl'? (see \`galley plugins\`)
galley: error: -e: stage 3 (export-jsonl) unknown parameter 'pth' of export-jsonl; did you mean 'path'? valid parameters: path, mode, unique, layers, text, offsets"

# --- a stage that modifies a layer a later stage produces: sentiment adds
# each entity's sentiment to the entity layer, which entity-tagger would
# then replace. Refused by validate and run alike; the default order is valid.
expect_status 2 "$GALLEY" validate -e 'read-jsonl path=- ! tokenizer ! sentiment ! entity-tagger ! export-jsonl path=-'
expect_file_eq "$T/err" "galley: error: -e: stage 3 (sentiment) stage 'sentiment' modifies the 'entity' layer, which a later stage, stage 4 (entity-tagger), produces: 'entity-tagger' would replace what 'sentiment' adds to it; put 'entity-tagger' before 'sentiment'"
echo '{"id":"1","text":"Angela Merkel was happy."}' | expect_status 2 "$GALLEY" run -e 'read-jsonl path=- ! tokenizer ! sentiment ! entity-tagger ! export-jsonl path=-'
expect_file_eq "$T/err" "galley: error: -e: stage 3 (sentiment) stage 'sentiment' modifies the 'entity' layer, which a later stage, stage 4 (entity-tagger), produces: 'entity-tagger' would replace what 'sentiment' adds to it; put 'entity-tagger' before 'sentiment'"
[ -s "$T/out" ] && fail "a refused pipeline wrote: $(cat "$T/out")"
expect_status 0 "$GALLEY" validate -e 'read-jsonl path=- ! tokenizer ! entity-tagger ! sentiment ! export-jsonl path=-'
expect_file_eq "$T/out" "-e: valid: read-jsonl ! tokenizer ! entity-tagger ! sentiment ! export-jsonl"
# entity-tagger reads sentence starts from the tokens: the sentence layer
# is not a requirement of it
expect_status 0 "$GALLEY" inspect entity-tagger
expect_grep '^  Requires:     token$' "$T/out"


# --- the worst problem decides the status: a stage whose plugin failed to
# load (3) comes before a mistyped parameter (2), and validate exits 3
expect_status 3 "$GALLEY" validate --plugin-path "$FIXTURES/broken:$FIXTURES/good" -e 'broken-1 ! test-sink pth=x'
expect_grep "^galley: error: -e: stage 1 (broken-1) no stage named 'broken-1' (see \`galley plugins\`); these plugins failed to load:$" "$T/err"
expect_grep "^galley: error: -e: stage 2 (test-sink) unknown parameter 'pth' of test-sink; did you mean 'path'? valid parameters: path, fail-ids, fail-from, fail-commit$" "$T/err"
finish
