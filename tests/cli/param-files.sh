#!/bin/sh
# param-files.sh: every stage that reads a data file named by a parameter
# reports a bad file the same way (galley_read_param_file): a file the
# system refuses is an I/O error (exit 4), content that is not text a
# usage error (exit 2), and the message names the stage, the parameter
# and the file.
. "$TOP_SRCDIR/tests/cli/lib.sh"

printf '{"id":"1","text":"Talks resumed."}\n' > "$T/in.jsonl"
printf 'good\t1\n\377\376\n' > "$T/binary.txt"

for case in "tokenizer abbreviations" "entity-tagger gazetteer" "sentiment lexicon"; do
  set -- $case
  stage=$1 key=$2
  case $stage in
    tokenizer) chain="$stage $key=FILE" ;;
    *) chain="tokenizer ! $stage $key=FILE" ;;
  esac

  pipeline="read-jsonl path=$T/in.jsonl ! $(echo "$chain" | sed "s|FILE|$T/missing.txt|") ! export-jsonl path=$T/out.jsonl"
  expect_status 4 "$GALLEY" run -q -e "$pipeline"
  expect_grep "($stage) parameter '$key': cannot read $T/missing.txt: No such file or directory$" "$T/err"
  [ ! -e "$T/out.jsonl" ] || fail "$stage: an output was written"

  pipeline="read-jsonl path=$T/in.jsonl ! $(echo "$chain" | sed "s|FILE|$T/binary.txt|") ! export-jsonl path=$T/out.jsonl"
  expect_status 2 "$GALLEY" run -q -e "$pipeline"
  expect_grep "($stage) parameter '$key': $T/binary.txt:2: invalid UTF-8" "$T/err"
  expect_status 2 "$GALLEY" validate -q -e "$pipeline"
  expect_grep "($stage) parameter '$key': $T/binary.txt:2: invalid UTF-8" "$T/err"
done
finish
