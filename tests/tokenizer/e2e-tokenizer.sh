#!/bin/sh
# e2e-tokenizer.sh: the tokenizer stage through the galley command, from
# the build tree: token and sentence layers in the JSONL output (code point
# offsets), its parameters inline and in a pipeline file, and
# `galley inspect tokenizer`.
set -u

T=$(mktemp -d "${TMPDIR:-/tmp}/galley-tokenizer-e2e.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

fail ()
{
  echo "FAIL: $*" >&2
  exit 1
}

expect_grep ()
{
  grep -F -q -- "$1" "$2" || { cat "$2" >&2; fail "'$1' not found in $2"; }
}

cat > "$T/in.jsonl" <<'JSON'
{"id":"n1","text":"Mr. Smith went to the U.S. He didn't stay."}
{"id":"n2","text":"WASHINGTON (AP) — Prices rose 4.5%.\n\nCafé owners said so."}
{"id":"n3","text":"one line\nand another"}
{"id":"n4","text":""}
JSON

"$GALLEY" run -q -e 'read-jsonl path=- ! tokenizer ! export-jsonl path=- layers=token,sentence' \
  < "$T/in.jsonl" > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "galley run failed"; }

test "$(wc -l < "$T/out")" -eq 4 || fail "expected 4 output lines"
grep '"id":"n1"' "$T/out" > "$T/n1"
expect_grep '{"start":0,"end":3,"type":"abbrev"}' "$T/n1"
expect_grep '{"start":22,"end":26,"type":"abbrev"}' "$T/n1"
expect_grep '{"start":30,"end":33,"type":"word"},{"start":33,"end":36,"type":"word"}' "$T/n1"
expect_grep '"sentence":[{"start":0,"end":26},{"start":27,"end":42}]' "$T/n1"
# the dateline is a sentence; offsets count code points (the em dash is one)
grep '"id":"n2"' "$T/out" > "$T/n2"
expect_grep '"sentence":[{"start":0,"end":17},{"start":18,"end":35},{"start":37,"end":57}]' "$T/n2"
expect_grep '{"start":30,"end":33,"type":"number"},{"start":33,"end":34,"type":"symbol"}' "$T/n2"
grep '"id":"n3"' "$T/out" > "$T/n3"
expect_grep '"sentence":[{"start":0,"end":20}]' "$T/n3"
grep '"id":"n4"' "$T/out" > "$T/n4"
expect_grep '"layers":{"token":[],"sentence":[]}' "$T/n4"

# newline-ends-sentence and an abbreviations file, from a pipeline file
printf '# house list\nXyz title\n' > "$T/abbrevs.txt"
cat > "$T/p.pipeline" <<EOF2
[pipeline]
stages=read;tokenize;export

[read]
plugin=read-jsonl
path=-

[tokenize]
plugin=tokenizer
abbreviations=$T/abbrevs.txt
newline-ends-sentence=true

[export]
plugin=export-jsonl
path=-
EOF2
printf '%s\n' '{"id":"p1","text":"one line\nand another. Xyz. Smith left."}' |
  "$GALLEY" run -q "$T/p.pipeline" > "$T/out2" 2> "$T/err" || { cat "$T/err" >&2; fail "pipeline file run failed"; }
expect_grep '"sentence":[{"start":0,"end":8},{"start":9,"end":21},{"start":22,"end":38}]' "$T/out2"

# an unknown parameter is a pipeline error (exit 2) that lists the valid ones
"$GALLEY" run -q -e 'read-jsonl path=- ! tokenizer colour=red ! export-jsonl path=-' \
  < /dev/null > /dev/null 2> "$T/err"
test $? -eq 2 || fail "unknown parameter: expected exit 2"
expect_grep "valid parameters: abbreviations, newline-ends-sentence" "$T/err"

# a bad abbreviations file stops the run before any document, naming the
# file and line; galley validate says the same
printf 'Univ\nFoo bogus\n' > "$T/bad.txt"
"$GALLEY" run -q -e "read-jsonl path=- ! tokenizer abbreviations=$T/bad.txt ! export-jsonl path=-" \
  < "$T/in.jsonl" > "$T/out3" 2> "$T/err"
test $? -eq 2 || fail "bad abbreviations file: expected exit 2"
test ! -s "$T/out3" || fail "bad abbreviations file: no document may be written"
expect_grep "parameter 'abbreviations': $T/bad.txt:2: unknown class 'bogus' (expected title, middle, end or numeric)" "$T/err"
sed "s|^abbreviations=.*|abbreviations=$T/bad.txt|" "$T/p.pipeline" > "$T/bad.pipeline"
"$GALLEY" validate "$T/bad.pipeline" > /dev/null 2> "$T/err"
test $? -eq 2 || fail "validate with a bad abbreviations file: expected exit 2"
expect_grep "parameter 'abbreviations': $T/bad.txt:2: unknown class 'bogus'" "$T/err"

"$GALLEY" inspect tokenizer > "$T/inspect" 2>&1 || fail "galley inspect tokenizer failed"
expect_grep 'Produces:     token, sentence' "$T/inspect"
expect_grep 'newline-ends-sentence' "$T/inspect"
expect_grep 'Thread-safe:  yes' "$T/inspect"
exit 0
