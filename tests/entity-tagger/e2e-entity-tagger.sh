#!/bin/sh
# e2e-entity-tagger.sh: the entity-tagger stage through the galley command,
# from the build tree: entities with norm and cluster in the JSONL output,
# its parameters inline and in a pipeline file, a bad gazetteer refused
# before any document is read, and `galley inspect entity-tagger`.
set -u

T=$(mktemp -d "${TMPDIR:-/tmp}/galley-entity-e2e.XXXXXX") || exit 99
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
{"id":"n1","text":"Antony Blinken met officials in Beijing on Friday. Blinken said the U.S. would spend $95 billion."}
{"id":"n2","text":"Café owners in Zürich said Acme closed."}
{"id":"n3","text":""}
JSON

"$GALLEY" run -q -e 'read-jsonl path=- ! tokenizer ! entity-tagger iso-codes=false ! export-jsonl path=-' \
  < "$T/in.jsonl" > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "galley run failed"; }

test "$(wc -l < "$T/out")" -eq 3 || fail "expected 3 output lines"
grep '"id":"n1"' "$T/out" > "$T/n1"
expect_grep '{"start":0,"end":14,"type":"PERSON","text":"Antony Blinken","norm":"Antony Blinken","cluster":0}' "$T/n1"
expect_grep '{"start":32,"end":39,"type":"GPE","text":"Beijing","norm":"Beijing","cluster":1}' "$T/n1"
expect_grep '{"start":43,"end":49,"type":"DATE","text":"Friday","norm":"friday","cluster":2}' "$T/n1"
expect_grep '{"start":51,"end":58,"type":"PERSON","text":"Blinken","norm":"Antony Blinken","cluster":0}' "$T/n1"
expect_grep '{"start":68,"end":72,"type":"GPE","text":"U.S.","norm":"United States","cluster":3}' "$T/n1"
expect_grep '{"start":85,"end":96,"type":"MONEY","text":"$95 billion","norm":"USD 95000000000","cluster":4}' "$T/n1"
# code point offsets after a non-ASCII character
grep '"id":"n2"' "$T/out" > "$T/n2"
expect_grep '{"start":15,"end":21,"type":"GPE","text":"Zürich"' "$T/n2"
grep '"id":"n3"' "$T/out" > "$T/n3"
expect_grep '"entity":[]' "$T/n3"

# a user gazetteer and types=, from a pipeline file
printf '# our companies\nAcme\tORG\tAcme Corporation\n' > "$T/ours.tsv"
cat > "$T/p.pipeline" <<EOF2
[pipeline]
stages=read;tokenize;entities;export

[read]
plugin=read-jsonl
path=-

[tokenize]
plugin=tokenizer

[entities]
plugin=entity-tagger
iso-codes=false
gazetteer=$T/ours.tsv
types=ORG

[export]
plugin=export-jsonl
path=-
EOF2
"$GALLEY" run -q "$T/p.pipeline" < "$T/in.jsonl" > "$T/out2" 2> "$T/err" \
  || { cat "$T/err" >&2; fail "galley run with a pipeline file failed"; }
grep '"id":"n2"' "$T/out2" > "$T/m2"
expect_grep '"entity":[{"start":27,"end":31,"type":"ORG","text":"Acme","norm":"Acme Corporation","cluster":0}]' "$T/m2"
grep '"id":"n1"' "$T/out2" > "$T/m1"
expect_grep '"entity":[]' "$T/m1"

# a malformed gazetteer stops the run before it starts (exit 2)
printf 'Acme\tCOMPANY\n' > "$T/bad.tsv"
"$GALLEY" run -q -e "read-jsonl path=- ! tokenizer ! entity-tagger gazetteer=$T/bad.tsv ! export-jsonl path=-" \
  < "$T/in.jsonl" > "$T/out3" 2> "$T/err3"
status=$?
test "$status" -eq 2 || { cat "$T/err3" >&2; fail "expected exit 2 for a bad gazetteer, got $status"; }
expect_grep "bad.tsv:1: unknown type 'COMPANY'" "$T/err3"

"$GALLEY" inspect entity-tagger > "$T/inspect" 2>&1 || fail "galley inspect failed"
grep -qx '  Requires:     token' "$T/inspect" || fail "entity-tagger requires more than the token layer"
expect_grep 'Produces:     entity' "$T/inspect"
expect_grep 'gazetteer' "$T/inspect"
exit 0
