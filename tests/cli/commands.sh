#!/bin/sh
# commands.sh: galley's commands, their messages and exit statuses.
. "$TEST_SRCDIR/lib.sh"

expect_status 0 "$GALLEY" --version
expect_grep '^galley [0-9.]* (plugin ABI 1\.8)$' "$T/out"

expect_status 0 "$GALLEY" --help
expect_grep '^  run ' "$T/out"

expect_status 2 "$GALLEY"
expect_status 2 "$GALLEY" frobnicate
expect_grep "unknown command 'frobnicate'" "$T/err"
expect_grep '^Usage: galley COMMAND' "$T/err"
# a typo names the command meant, in one line
expect_status 2 "$GALLEY" valdiate
expect_file_eq "$T/err" "galley: unknown command 'valdiate'; did you mean 'validate'? (galley --help lists the commands)"
# so does another tool's word for it
expect_status 2 "$GALLEY" check pipelines/news.pipeline
expect_file_eq "$T/err" "galley: unknown command 'check'; did you mean 'validate'? (galley --help lists the commands)"
expect_status 2 "$GALLEY" List
expect_file_eq "$T/err" "galley: unknown command 'List'; did you mean 'plugins'? (galley --help lists the commands)"

# run needs exactly one of FILE and -e
expect_status 2 "$GALLEY" run
expect_file_eq "$T/err" "galley: error: galley run takes one pipeline FILE, or -e 'PIPELINE' (try 'galley run --help')"
expect_status 2 "$GALLEY" run --jobs=x -e 'x'
expect_file_eq "$T/err" "galley run: Cannot parse integer value “x” for --jobs
Try 'galley run --help'."

# a short option's value may be attached, as in make -j2: "-j2" was "-j"
# with the next argument as its value
printf '{"id":"a","text":"Hello."}\n' > "$T/in.jsonl"
expect_status 0 "$GALLEY" run -q -j2 -e"read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/out.jsonl"
expect_file_eq "$T/out.jsonl" '{"id":"a","meta":{},"features":{},"layers":{}}'
expect_status 2 "$GALLEY" run -j2x -e 'x'
expect_file_eq "$T/err" "galley run: Cannot parse integer value “2x” for -j
Try 'galley run --help'."
expect_status 0 "$GALLEY" run --help

# plugins lists the build tree's plugins; broken ones are listed with why (exit 3)
expect_status 0 "$GALLEY" plugins
expect_grep '^    tokenizer ' "$T/out"
expect_status 3 "$GALLEY" plugins --plugin-path "$FIXTURES/broken"
expect_grep "wrong-abi.la: plugin ABI 99.0 is not compatible with this galley (ABI 1.8)" "$T/out"
expect_status 0 "$GALLEY" plugins --json
expect_grep '"name":"read-jsonl"' "$T/out"
# plugins that crash as they load (an abort in init, in a constructor):
# plugins loads each in a child first, so it lists them and goes on...
expect_status 3 "$GALLEY" plugins --plugin-path "$FIXTURES/crashing"
expect_grep "^  $FIXTURES/crashing/crash-in-init.la: the plugin crashed while loading (Aborted); move it out of the plugin path\$" "$T/out"
expect_grep "^  $FIXTURES/crashing/crash-in-open.la: the plugin crashed while loading (Aborted); move it out of the plugin path\$" "$T/out"
expect_grep '^    tokenizer ' "$T/out"
# ... and a run that has to look at every plugin (a mistyped stage) dies
# of it, naming it; a run that needs none of them does not load them
echo '{"id":"1","text":"x"}' > "$T/one.jsonl"
expect_status 134 "$GALLEY" run --plugin-path "$FIXTURES/crashing" -e "read-jsonl path=$T/one.jsonl ! tokenzer ! export-jsonl path=/dev/null"
expect_file_eq "$T/err" "galley: error: $FIXTURES/crashing/crash-in-init.la: the plugin crashed while loading (Aborted); move it out of the plugin path"
expect_status 0 "$GALLEY" run -q --plugin-path "$FIXTURES/crashing" -e "read-jsonl path=$T/one.jsonl ! tokenizer ! export-jsonl path=/dev/null"
# nor one with a stage named after its plugin with a prefix (export-kafka
# in kafka), which used to look at every plugin
if [ -e "$TOP_BUILDDIR/plugins/kafka/kafka.la" ]; then
  expect_status 0 "$GALLEY" inspect --plugin-path "$FIXTURES/crashing" export-kafka
  expect_grep '^Stage: export-kafka$' "$T/out"
fi

# inspect
expect_status 0 "$GALLEY" inspect --plugin-path "$FIXTURES/good" test-filter
expect_grep '^  Produces:     mark$' "$T/out"
expect_grep '^      one of: fast, slow$' "$T/out"
expect_status 0 "$GALLEY" inspect --json --plugin-path "$FIXTURES/good" test-filter
expect_grep '"name":"ratio","type":"double","default":"0.5","doc":"a bounded double","required":false,"min":0,"max":1' "$T/out"
expect_status 0 "$GALLEY" inspect sentiment
expect_grep '^  Requires:     token, sentence$' "$T/out"
expect_grep '^  Modifies:     entity$' "$T/out"
expect_grep '^  Reads if any: (none)$' "$T/out"
expect_status 0 "$GALLEY" inspect --json sentiment
expect_grep '"requires":\["token","sentence"\],"produces":\["sentiment"\],"modifies":\["entity"\],"reads_optional":\[\]' "$T/out"
expect_status 0 "$GALLEY" inspect --plugin-path "$FIXTURES/good" test-reads-mark
expect_grep '^  Reads if any: mark$' "$T/out"
expect_status 2 "$GALLEY" inspect no-such-stage
expect_file_eq "$T/err" "galley: error: no stage named 'no-such-stage' (see \`galley plugins\`)"
expect_status 2 "$GALLEY" inspect entity-taggr
expect_file_eq "$T/err" "galley: error: no stage named 'entity-taggr'; did you mean 'entity-tagger'? (see \`galley plugins\`)"
expect_status 3 "$GALLEY" inspect --plugin-path "$FIXTURES/broken" no-such-stage

# validate
cat > "$T/ok.pipeline" <<EOT
[pipeline]
stages=read;write
[read]
plugin=test-source
[write]
plugin=test-sink
path=$T/out.txt
EOT
expect_status 0 "$GALLEY" validate --plugin-path "$FIXTURES/good" "$T/ok.pipeline"
expect_file_eq "$T/out" "$T/ok.pipeline: valid: test-source ! test-sink"
[ -e "$T/out.txt" ] && fail "validate wrote output"

cat > "$T/bad.pipeline" <<EOT
[pipeline]
stages=read;write
[read]
plugin=test-source
count=ten
[write]
plugin=test-sink
path=$T/out.txt
EOT
expect_status 2 "$GALLEY" validate --plugin-path "$FIXTURES/good" "$T/bad.pipeline"
expect_file_eq "$T/err" "galley: error: $T/bad.pipeline:5: [read] parameter 'count': expected an integer, got 'ten'"

expect_status 4 "$GALLEY" validate "$T/missing.pipeline"
expect_file_eq "$T/err" "galley: error: $T/missing.pipeline: cannot read the pipeline file: No such file or directory"
# a name one slip away from a file beside it: the file meant
expect_status 4 "$GALLEY" validate "$T/bad.pipelin"
expect_file_eq "$T/err" "galley: error: $T/bad.pipelin: cannot read the pipeline file: No such file or directory; did you mean '$T/bad.pipeline'?"
# a directory, in the system's words too
expect_status 4 "$GALLEY" validate "$T"
expect_file_eq "$T/err" "galley: error: $T: cannot read the pipeline file: Is a directory"


# --jobs: 0 (the number of cores) to 1024; past either end, refused by name
printf '{"id":"a","text":"Hello."}\n' > "$T/in.jsonl"
expect_status 2 "$GALLEY" run -j 1025 -e 'x'
expect_file_eq "$T/err" "galley: error: --jobs must be between 1 and 1024, got 1025"
expect_status 2 "$GALLEY" run --jobs=-1 -e 'x'
expect_file_eq "$T/err" "galley: error: --jobs must be between 1 and 1024, got -1"
expect_status 0 "$GALLEY" run -q -j 1024 -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/out.jsonl"
expect_file_eq "$T/out.jsonl" '{"id":"a","meta":{},"features":{},"layers":{}}'

# --summary takes text (the default) or json; --supervise and
# --no-supervise exclude each other
expect_status 0 "$GALLEY" run -q --summary text -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/out.jsonl"
[ -s "$T/out" ] && fail "--summary text wrote to stdout: $(cat "$T/out")"
expect_status 2 "$GALLEY" run --supervise --no-supervise -e 'x'
expect_file_eq "$T/err" "galley: error: --supervise and --no-supervise exclude each other"
# both a FILE and -e: which one to run is not guessed
expect_status 2 "$GALLEY" run -e 'x' "$T/in.jsonl"
expect_file_eq "$T/err" "galley: error: galley run takes one pipeline FILE, or -e 'PIPELINE' (try 'galley run --help')"
finish
