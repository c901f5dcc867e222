#!/bin/sh
# train-entity-tagger.sh: `galley train entity-tagger` and `galley eval
# entity-tagger` from the build tree. The commands of the "Train on your
# own annotations" section of docs/plugins/entity-tagger.md run as
# written, on articles gen-annotated.awk generates (unknown companies the
# rules miss); then the figures they print, determinism, model= in a run,
# and the errors (newer model format, bad data, a stage with no trainer).
set -u

T=$(mktemp -d "${TMPDIR:-/tmp}/galley-train.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
SRC=${srcdir:-.}
DOC="$SRC/../../docs/plugins/entity-tagger.md"

fail ()
{
  echo "FAIL: $*" >&2
  exit 1
}

mkdir -p "$T/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$GALLEY" > "$T/bin/galley"
chmod +x "$T/bin/galley"
awk -v n=40 -v prefix=t -f "$SRC/gen-annotated.awk" > "$T/train.jsonl"
awk -v n=10 -v prefix=h -f "$SRC/gen-annotated.awk" > "$T/held-out.jsonl"

# the documented steps, as written
sed -n '/^## Train on your own annotations/,/^## /p' "$DOC" | sed -n 's/^       \$ //p' \
  > "$T/steps"
[ "$(wc -l < "$T/steps")" -eq 4 ] || fail "expected 4 commands in the doc section"
while IFS= read -r cmd; do
  (cd "$T" && PATH="$T/bin:$PATH" sh -c "$cmd") > "$T/out" 2> "$T/err" < /dev/null \
    || { cat "$T/err" >&2; fail "doc step failed: $cmd"; }
done < "$T/steps"
[ -s "$T/tagged.jsonl" ] || fail "the deploy step wrote nothing"

# training: progress, the dev split, early stopping, determinism
(cd "$T" && "$GALLEY" train entity-tagger --data train.jsonl --out a.model) 2> "$T/err" \
  || fail "train"
cat > "$T/expected" <<'OUT'
36 training documents, 4 dev documents (held out from --data); types: GPE ORG PERSON
epoch 1: dev P 1.000 R 1.000 F1 1.000 (best)
epoch 2: dev P 1.000 R 1.000 F1 1.000
epoch 3: dev P 1.000 R 1.000 F1 1.000
epoch 4: dev P 1.000 R 1.000 F1 1.000
epoch 5: dev P 1.000 R 1.000 F1 1.000
stopping: no better dev F1 in 4 epochs
wrote a.model
OUT
diff -u "$T/expected" "$T/err" || fail "training output"
(cd "$T" && "$GALLEY" train entity-tagger --data train.jsonl --out b.model) 2> /dev/null
cmp -s "$T/a.model" "$T/b.model" || fail "two trainings with one seed differ"

# --no-dev: all 40 documents learned from, exactly --epochs passes (the
# built-in model's recipe; its epoch count is chosen by cross-validation)
(cd "$T" && "$GALLEY" train entity-tagger --data train.jsonl --no-dev --epochs 3 --out n.model) \
  2> "$T/err" || { cat "$T/err" >&2; fail "train --no-dev"; }
cat > "$T/expected" <<'OUT'
40 training documents, 0 dev documents (--no-dev); types: GPE ORG PERSON
epoch 1: 7 of 160 regions mislabelled while learning
epoch 2: 0 of 160 regions mislabelled while learning
epoch 3: 0 of 160 regions mislabelled while learning
wrote n.model
OUT
diff -u "$T/expected" "$T/err" || fail "training output, --no-dev"
(cd "$T" && "$GALLEY" train entity-tagger --data train.jsonl --no-dev --epochs 3 --out n2.model) \
  2> /dev/null
cmp -s "$T/n.model" "$T/n2.model" || fail "two trainings with --no-dev differ"
cmp -s "$T/a.model" "$T/n.model" && fail "--no-dev learned the same as with a dev set"
(cd "$T" && "$GALLEY" eval entity-tagger --data held-out.jsonl --model n.model) > "$T/out" \
  || fail "eval --model, --no-dev"
[ "$(sed -n 7p "$T/out")" = "all            60      0      0   1.000  1.000  1.000" ] \
  || { cat "$T/out" >&2; fail "eval, --no-dev model"; }
"$GALLEY" train entity-tagger --data "$T/train.jsonl" --dev "$T/held-out.jsonl" --no-dev \
  --out "$T/x.model" 2> "$T/err"
[ $? -eq 2 ] || fail "--dev with --no-dev: exit status"
echo "galley train entity-tagger: error: --dev and --no-dev exclude each other" \
  | diff -u - "$T/err" || fail "--dev with --no-dev: message"

# --augment: each epoch also learns from copies, here every region with
# a name again with other names of the training data, and half the
# regions in capitals and in title case; deterministic, and it learns
# what the documents alone do not: the held-out articles in capitals
# (ASCII, so the offsets hold)
(cd "$T" && "$GALLEY" train entity-tagger --data train.jsonl --no-dev --epochs 3 \
   --augment replace=1,upper=0.5,title=0.5 --out aug.model) 2> "$T/err" \
  || { cat "$T/err" >&2; fail "train --augment"; }
cat > "$T/expected" <<'OUT'
40 training documents, 0 dev documents (--no-dev); types: GPE ORG PERSON
epoch 1: 17 of 355 regions mislabelled while learning
epoch 2: 2 of 345 regions mislabelled while learning
epoch 3: 0 of 363 regions mislabelled while learning
wrote aug.model
OUT
diff -u "$T/expected" "$T/err" || fail "training output, --augment"
(cd "$T" && "$GALLEY" train entity-tagger --data train.jsonl --no-dev --epochs 3 \
   --augment replace=1,upper=0.5,title=0.5 --out aug2.model) 2> /dev/null
cmp -s "$T/aug.model" "$T/aug2.model" || fail "two trainings with --augment differ"
awk '{ i = index ($0, "\"text\":\""); j = index ($0, "\",\"entities\"");
       print substr ($0, 1, i + 7) toupper (substr ($0, i + 8, j - i - 8)) substr ($0, j) }' \
  "$T/held-out.jsonl" > "$T/caps.jsonl"
grep -q '"text":"MARIA OKAFOR JOINED NORTHWIND IN LISBON' "$T/caps.jsonl" || fail "caps.jsonl"
(cd "$T" && "$GALLEY" eval entity-tagger --data caps.jsonl --model n.model) > "$T/out" \
  || fail "eval caps, no --augment"
[ "$(sed -n 7p "$T/out")" = "all            44      6     16   0.880  0.733  0.800" ] \
  || { cat "$T/out" >&2; fail "eval caps, model without --augment"; }
for data in caps held-out; do
  (cd "$T" && "$GALLEY" eval entity-tagger --data $data.jsonl --model aug.model) > "$T/out" \
    || fail "eval $data, --augment"
  [ "$(sed -n 7p "$T/out")" = "all            60      0      0   1.000  1.000  1.000" ] \
    || { cat "$T/out" >&2; fail "eval $data, model with --augment"; }
done
# the built-in model on the invented headlines that measured --augment
# (docs/plugins/entity-tagger.md, "Tried in issue 17's training-data
# round": 0.875 and 0.892 for PERSON, ORG and LOC then; the model
# retrained with the thirteenth round's rules: 0.818 and 0.879 for all;
# with the rule for the pronoun He: 0.866 and 0.831; with the rules for
# "analysts at", "said NAME at" and a full name's ORG elsewhere in the
# document: 0.912 and 0.879; retrained with the eighteenth to
# twenty-sixth rounds' rules: 0.882 and 0.866, "Florida Without Power"
# an ORG where "Florida" was a place, "FEDERAL RESERVE" and "POWELL"
# found where "TEXAS" and "FLORIDA" are lost; with the twenty-eighth
# round's: 0.866 and 0.862, "Powell" missed in mixed case, "LISBON"
# missed and "STRAINS" no longer a PERSON in capitals; with the
# thirty-first and thirty-second rounds': 0.882 and 0.879, "Powell" and
# "LISBON" found again; with every rule, the seventy-seventh round: 0.848
# and 0.848, "Wimbledon" and "Boeing" missed in mixed case, "FEDERAL
# RESERVE", "POWELL" and "BOEING" missed, "TEXAS" and "FLORIDA" found in
# capitals; the seventy-eighth: 0.831 and 0.831; the seventy-ninth: 0.896
# and 0.882, "Powell", "Florida", "Google", "BOEING", "FEDERAL RESERVE"
# and "UNITED NATIONS" found again, "Texas" lost in mixed case; the
# eightieth: 0.912 and 0.896)
for f in "headlines all            31      1      5   0.969  0.861  0.912" \
         "headlines-caps all            30      1      6   0.968  0.833  0.896"; do
  "$GALLEY" eval entity-tagger --data "$SRC/${f%% *}.txt" --model gum > "$T/out" \
    || fail "eval ${f%% *}"
  [ "$(sed -n 1p "$T/out")" = "$SRC/${f%% *}.txt: 20 documents; GPE and FAC scored as LOC" ] \
    && [ "$(grep -m 1 "^all" "$T/out")" = "${f#* }" ] \
    || { cat "$T/out" >&2; fail "eval ${f%% *}, the built-in model"; }
done
for spec in replace=2 upper=x title= shout=1 replace; do
  "$GALLEY" train entity-tagger --data "$T/train.jsonl" --augment "$spec" --out "$T/x.model" \
    2> "$T/err"
  [ $? -eq 2 ] || fail "--augment $spec: exit status"
  echo "galley train entity-tagger: error: --augment: '$spec': expected replace=, upper= or title= a share from 0 to 1" \
    | diff -u - "$T/err" || fail "--augment $spec: message"
done
[ -e "$T/x.model" ] && fail "a bad --augment wrote a model"

# evaluation: rules miss the unknown companies, the model finds them
(cd "$T" && "$GALLEY" eval entity-tagger --data held-out.jsonl) > "$T/out" || fail "eval"
cat > "$T/expected" <<'OUT'
held-out.jsonl: 10 documents
exact (same span, same type):
type           tp     fp     fn   P      R      F1   
PERSON         20     10      0   0.667  1.000  0.800
ORG             0      0     20   0.000  0.000  0.000
GPE            20      0      0   1.000  1.000  1.000
all            40     10     20   0.800  0.667  0.727
OUT
head -7 "$T/out" | diff -u "$T/expected" - || fail "eval, rules"
# --errors: the same errors, one TSV line each (ORG's 20 misses, some of
# them typed PERSON by the rules: those are "type" lines, not two)
(cd "$T" && "$GALLEY" eval entity-tagger --data held-out.jsonl --errors errors.tsv) > /dev/null \
  || fail "eval --errors"
cut -f 2-4 "$T/errors.tsv" | sort | uniq -c | sed 's/^ *//' > "$T/got"
printf '10 missed\tORG\t-\n10 type\tORG\tPERSON\n' > "$T/expected"
diff -u "$T/expected" "$T/got" || { cat "$T/errors.tsv" >&2; fail "eval --errors kinds"; }
awk -F '\t' 'NF != 5 || $1 == "" || $5 == "" { exit 1 }' "$T/errors.tsv" || fail "eval --errors fields"
"$GALLEY" eval entity-tagger --data "$T/held-out.jsonl" --errors /nonexistent/e.tsv > /dev/null 2> "$T/err"
[ $? -eq 2 ] || fail "--errors in a missing directory: exit status"
echo "galley eval entity-tagger: error: /nonexistent/e.tsv: No such file or directory" \
  | diff -u - "$T/err" || fail "--errors in a missing directory: message"
(cd "$T" && "$GALLEY" eval entity-tagger --data held-out.jsonl --model a.model) > "$T/out" \
  || fail "eval --model"
cat > "$T/expected" <<'OUT'
exact (same span, same type):
type           tp     fp     fn   P      R      F1   
PERSON         20      0      0   1.000  1.000  1.000
ORG            20      0      0   1.000  1.000  1.000
GPE            20      0      0   1.000  1.000  1.000
all            60      0      0   1.000  1.000  1.000
lenient (overlapping span, same type):
type           tp     fp     fn   P      R      F1   
PERSON         20      0      0   1.000  1.000  1.000
ORG            20      0      0   1.000  1.000  1.000
GPE            20      0      0   1.000  1.000  1.000
all            60      0      0   1.000  1.000  1.000
confusion (same span; gold in rows, predicted in columns; - none):
             PERSON      ORG      GPE     DATE        -
PERSON           20        0        0        0        0
ORG               0       20        0        0        0
GPE               0        0       20        0        0
-                 0        0        0       10         
OUT
tail -n +2 "$T/out" | diff -u "$T/expected" - || fail "eval, model"

# model= in a run: the companies are ORG, the date stays the rules'
printf '{"id":"x","text":"Lena Havel joined Kestrel in Quito on Monday. Havel said Kestrel would open an office in Perth."}\n' > "$T/one.jsonl"
"$GALLEY" run -q -e "read-jsonl path=$T/one.jsonl ! tokenizer ! entity-tagger model=$T/a.model ! export-jsonl path=-" \
  > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "run with model="; }
grep -o '"type":"[A-Z]*","text":"[^"]*"' "$T/out" | tr -d '"' > "$T/got"
printf 'type:PERSON,text:Lena Havel\ntype:ORG,text:Kestrel\ntype:GPE,text:Quito\ntype:DATE,text:Monday\ntype:PERSON,text:Havel\ntype:ORG,text:Kestrel\ntype:GPE,text:Perth\n' \
  > "$T/expected"
diff -u "$T/expected" "$T/got" || fail "entities with model="

# the built-in model (model=gum): GUM's conventions, so LOC for a city
# and no entity for a nationality adjective; its MISC label on a weekday
# leaves the rules' DATE in place
printf '{"id":"g","text":"Angela Merkel met French officials in Paris on Monday. The Americans at Google said so."}\n' > "$T/gum.jsonl"
"$GALLEY" run -q -e "read-jsonl path=$T/gum.jsonl ! tokenizer ! entity-tagger model=gum ! export-jsonl path=-" \
  > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "run with model=gum"; }
grep -o '"type":"[A-Z]*","text":"[^"]*"' "$T/out" | tr -d '"' > "$T/got"
printf 'type:PERSON,text:Angela Merkel\ntype:LOC,text:Paris\ntype:DATE,text:Monday\ntype:NORP,text:Americans\ntype:ORG,text:Google\n' \
  > "$T/expected"
diff -u "$T/expected" "$T/got" || fail "entities with model=gum"
# the model caches what a word's bytes give (model.c): after the same
# words in other cases, whose folded hashes are the same, and after
# itself, the document is tagged as it is alone
printf '{"id":"v","text":"ANGELA MERKEL met FRENCH officials in paris on monday. the americans at GOOGLE said so."}\n' > "$T/warm.jsonl"
cat "$T/gum.jsonl" "$T/gum.jsonl" >> "$T/warm.jsonl"
"$GALLEY" run -q -j 1 -e "read-jsonl path=$T/warm.jsonl ! tokenizer ! entity-tagger model=gum ! export-jsonl path=-" \
  > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "run with model=gum, cache warm"; }
sed -n 2p "$T/out" | grep -o '"type":"[A-Z]*","text":"[^"]*"' | tr -d '"' > "$T/got"
diff -u "$T/expected" "$T/got" || fail "entities with model=gum after other cases"
sed -n 3p "$T/out" | grep -o '"type":"[A-Z]*","text":"[^"]*"' | tr -d '"' > "$T/got"
diff -u "$T/expected" "$T/got" || fail "entities with model=gum, the same document again"
# a bare word that is neither a built-in model nor a file says both
(cd "$T" && "$GALLEY" run -q -e "read-jsonl path=gum.jsonl ! tokenizer ! entity-tagger model=gumm ! export-jsonl path=-") \
  > /dev/null 2> "$T/err"
[ $? -eq 4 ] || fail "model=gumm: exit status"
grep -F -q "parameter 'model': neither a built-in model (gum) nor a file: gumm: cannot open: No such file or directory" "$T/err" \
  || { cat "$T/err" >&2; fail "model=gumm message"; }
# a missing training file is named as a missing input is everywhere
"$GALLEY" train entity-tagger --data "$T/nothere.jsonl" --out "$T/never.model" > /dev/null 2> "$T/err"
[ $? -eq 4 ] || fail "train --data missing: exit status"
echo "galley train entity-tagger: error: $T/nothere.jsonl: cannot open: No such file or directory" \
  | diff -u - "$T/err" || fail "train --data missing: message"
"$GALLEY" eval entity-tagger --data "$T/nothere.jsonl" > /dev/null 2> "$T/err"
[ $? -eq 4 ] || fail "eval --data missing: exit status"
echo "galley eval entity-tagger: error: $T/nothere.jsonl: cannot open: No such file or directory" \
  | diff -u - "$T/err" || fail "eval --data missing: message"

# a model of another format version is refused, naming the file and
# what to do: a newer one, and one from before WordNet's names (1)
refused_version ()
{
  cp "$T/a.model" "$T/v$1.model"
  printf "\\00$1" | dd of="$T/v$1.model" bs=1 seek=8 conv=notrunc 2> /dev/null
  "$GALLEY" run -q -e "read-jsonl path=$T/one.jsonl ! tokenizer ! entity-tagger model=$T/v$1.model ! export-jsonl path=-" \
    > /dev/null 2> "$T/err" && fail "a model of version $1 was accepted"
  grep -F -q "parameter 'model': $T/v$1.model: model format version $1, but this Galley reads version 2 only: $2" "$T/err" \
    || { cat "$T/err" >&2; fail "model of version $1: message"; }
}
refused_version 3 "upgrade Galley, or train the model again with this one"
refused_version 1 "train the model again with this Galley"
head -c 100 "$T/a.model" > "$T/short.model"
"$GALLEY" eval entity-tagger --data "$T/held-out.jsonl" --model "$T/short.model" 2> "$T/err" \
  > /dev/null && fail "a truncated model was accepted"
grep -F -q "short.model: truncated model file" "$T/err" || { cat "$T/err" >&2; fail "truncated"; }

# --clusters-from: word classes learned from unlabeled text (here the
# training and held-out texts, whose "entities" are not read), carried by
# the model file and flagged in it (bit 2 of the flags, byte 12)
(cd "$T" && "$GALLEY" train entity-tagger --data train.jsonl --no-dev --epochs 3 \
  --clusters-from held-out.jsonl --clusters 8 --clusters-min 2 --out c.model) 2> "$T/err" \
  || { cat "$T/err" >&2; fail "train --clusters-from"; }
grep -q '^word classes: [0-9][0-9]* distinct words of the [0-9][0-9]* of held-out.jsonl in 8 classes (' "$T/err" \
  || { cat "$T/err" >&2; fail "train --clusters-from: the classes line"; }
(cd "$T" && "$GALLEY" train entity-tagger --data train.jsonl --no-dev --epochs 3 \
  --clusters-from held-out.jsonl --clusters 8 --clusters-min 2 --out c2.model) 2> /dev/null
cmp -s "$T/c.model" "$T/c2.model" || fail "two trainings with clusters differ"
flags_of () { od -A n -t u1 -j 12 -N 1 "$1" | tr -d ' '; }
[ "$(flags_of "$T/c.model")" -eq $(( $(flags_of "$T/n.model") | 4 )) ] \
  || fail "the clusters flag: $(flags_of "$T/c.model") against $(flags_of "$T/n.model")"
"$GALLEY" eval entity-tagger --data "$T/held-out.jsonl" --model "$T/c.model" > "$T/out" 2> "$T/err" \
  || { cat "$T/err" >&2; fail "eval with a clusters model"; }
grep -q '^model  ' "$T/out" || grep -q 'ORG' "$T/out" || fail "eval with a clusters model: $(cat "$T/out")"
"$GALLEY" run -q -j 1 -e "read-jsonl path=$T/held-out.jsonl ! tokenizer ! entity-tagger model=$T/c.model ! export-jsonl path=-" \
  > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "run with a clusters model"; }
[ "$(grep -c '"type":"ORG"' "$T/out")" -gt 0 ] || fail "a clusters model tagged no ORG"
# a Galley that knows no such flag refuses the model by it: bit 3 stands
# for a feature newer than this Galley
cp "$T/c.model" "$T/f.model"
printf "\\0$(printf '%o' $(( $(flags_of "$T/c.model") | 8 )))" \
  | dd of="$T/f.model" bs=1 seek=12 conv=notrunc 2> /dev/null
"$GALLEY" eval entity-tagger --data "$T/held-out.jsonl" --model "$T/f.model" > /dev/null 2> "$T/err" \
  && fail "a model of unknown flags was accepted"
grep -F -q "f.model: unknown model flags 0x$(printf '%x' $(( $(flags_of "$T/c.model") | 8 ))): upgrade Galley, or train the model again with this one" "$T/err" \
  || { cat "$T/err" >&2; fail "unknown flags message"; }
# the classes cut short
head -c $(( $(wc -c < "$T/c.model") - 3 )) "$T/c.model" > "$T/cs.model"
"$GALLEY" eval entity-tagger --data "$T/held-out.jsonl" --model "$T/cs.model" > /dev/null 2> "$T/err" \
  && fail "a model with its classes cut short was accepted"
grep -F -q "cs.model: bad or truncated word classes (at byte " "$T/err" \
  || { cat "$T/err" >&2; fail "classes cut short: message"; }
# bad unlabeled text names the file and the line
unlabeled_error ()
{
  "$GALLEY" train entity-tagger --data "$T/train.jsonl" --clusters-from "$T/u.jsonl" \
    --out "$T/x.model" 2> "$T/err"
  [ $? -eq 2 ] || fail "unlabeled $1: exit status"
  echo "galley train entity-tagger: error: --clusters-from: $T/u.jsonl$2" | diff -u - "$T/err" \
    || fail "unlabeled $1: message"
}
printf '{"text":"One."}\n\001\000\377\n' > "$T/u.jsonl"
unlabeled_error binary ":2: not UTF-8 text (binary data?)"
printf '{"text":"One."}\n\n{"text":"Two."\n' > "$T/u.jsonl"
unlabeled_error "bad JSON" ":3: not valid JSON: premature EOF"
printf '{"body":"One."}\n' > "$T/u.jsonl"
unlabeled_error "no text" ':1: no "text" string'
: > "$T/u.jsonl"
unlabeled_error empty ": no documents"
printf '{"text":"One two three."}\n' > "$T/u.jsonl"
unlabeled_error "rare words" ": no word is seen 3 times or more (--clusters-min)"
"$GALLEY" train entity-tagger --data "$T/train.jsonl" --clusters-from "$T/u.jsonl" --clusters 1 \
  --out "$T/x.model" 2> "$T/err"
[ $? -eq 2 ] || fail "--clusters 1: exit status"
echo "galley train entity-tagger: error: --clusters must be 2 to 65535" | diff -u - "$T/err" \
  || fail "--clusters 1: message"

# bad data names the file, line and entity
printf '{"id":"a","text":"Ann","entities":[]}\n{"id":"b","text":"Bob","entities":[{"start":0,"end":9,"type":"PERSON"}]}\n' \
  > "$T/bad.jsonl"
"$GALLEY" train entity-tagger --data "$T/bad.jsonl" --out "$T/x.model" 2> "$T/err"
[ $? -eq 2 ] || fail "bad data: exit status"
echo "galley train entity-tagger: error: $T/bad.jsonl:2: entity 1: start/end 0-9 is not a span inside the text (3 characters)" \
  | diff -u - "$T/err" || fail "bad data message"
"$GALLEY" train entity-tagger --out "$T/x.model" 2> "$T/err"
[ $? -eq 2 ] || fail "no --data: exit status"
echo "galley train entity-tagger: error: --data FILE is required" | diff -u - "$T/err" \
  || fail "no --data message"

# bytes that are not UTF-8 are named by their line, in --data as in --clusters-from
printf '{"id":"a","text":"Ann","entities":[]}\n\n{"id":"b","text":"B\377b","entities":[]}\n' > "$T/bin.jsonl"
"$GALLEY" train entity-tagger --data "$T/bin.jsonl" --out "$T/x.model" 2> "$T/err"
[ $? -eq 2 ] || fail "binary data: exit status"
echo "galley train entity-tagger: error: $T/bin.jsonl:3: not UTF-8 text (binary data?)" \
  | diff -u - "$T/err" || fail "binary data message"

# a JSON error is named by its line and yajl's first line of message
printf '{"id": "a", "type\\ud800SON"}\n' > "$T/bad2.jsonl"
"$GALLEY" train entity-tagger --data "$T/bad2.jsonl" --out "$T/x.model" 2> "$T/err"
[ $? -eq 2 ] || fail "bad JSON: exit status"
echo "galley train entity-tagger: error: $T/bad2.jsonl:1: not valid JSON: object key and value must be separated by a colon (':')" \
  | diff -u - "$T/err" || fail "bad JSON message"

# a line that is only a comment holds no JSON value
printf '/* a comment */\n' > "$T/bad3.jsonl"
"$GALLEY" train entity-tagger --data "$T/bad3.jsonl" --out "$T/x.model" 2> "$T/err"
[ $? -eq 2 ] || fail "comment line: exit status"
echo "galley train entity-tagger: error: $T/bad3.jsonl:1: not valid JSON: premature EOF" \
  | diff -u - "$T/err" || fail "comment line message"

# an escaped lone surrogate in a text does not make it invalid UTF-8:
# the document loads
printf '{"id":"a","text":"Ann \\ud800 b","entities":[{"start":0,"end":3,"type":"PERSON"}]}\n' > "$T/odd4.jsonl"
"$GALLEY" eval entity-tagger --data "$T/odd4.jsonl" > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "surrogate text: eval"; }
expect_line="$T/odd4.jsonl: 1 documents"
[ "$(head -1 "$T/out")" = "$expect_line" ] || fail "surrogate text: $(head -1 "$T/out")"

# two objects on one line: the second is not silently taken or dropped
printf '{"id":"a","text":"A","entities":[]} {"id":"b"}\n' > "$T/bad5.jsonl"
"$GALLEY" train entity-tagger --data "$T/bad5.jsonl" --out "$T/x.model" 2> "$T/err"
[ $? -eq 2 ] || fail "two objects: exit status"
echo "galley train entity-tagger: error: $T/bad5.jsonl:1: text after the JSON object (one object a line)" \
  | diff -u - "$T/err" || fail "two objects message"

# annotated text: an unclosed mark is named by its document's first line
# and the text near it, cut as valid UTF-8 (30 bytes end inside "ü": U+FFFD)
printf 'Fine [Ann]{PERSON}.\n===\n[Zoë Brandt has left quiet Zürich office\n' > "$T/bad.txt"
"$GALLEY" train entity-tagger --data "$T/bad.txt" --out "$T/x.model" 2> "$T/err"
[ $? -eq 2 ] || fail "bad mark: exit status"
printf 'galley train entity-tagger: error: %s: document starting at line 3: unbalanced or empty mark near "[Zoë Brandt has left quiet Z\357\277\275"\n' "$T/bad.txt" \
  | diff -u - "$T/err" || fail "bad mark message"

# make cv (cross-validate.sh): the pooled table, then one for each genre's
# held-out documents, in the genres' order; every fold has three types, not
# the four rows the table was once cut at (the lenient table's title was
# read as a type)
awk 'NR % 2 == 0 { sub(/^\{/, "{\"genre\": \"news\", ") }
     NR % 4 == 1 { sub(/^\{/, "{\"genre\": \"bio\", ") } { print }' "$T/train.jsonl" \
  | head -n 12 > "$T/genres.jsonl"
sh "$SRC/cross-validate.sh" "$GALLEY" "$T/genres.jsonl" 3 > "$T/out" 2> "$T/err" \
  || { cat "$T/err" >&2; fail "cross-validate.sh"; }
cat > "$T/expected" <<OUT
3-fold cross-validation on $T/genres.jsonl, exact F1, pooled:
rules   PERSON 0.800  ORG 0.000  GPE 1.000  all 0.727  PERSON+ORG+LOC 0.571
model   PERSON 1.000  ORG 1.000  GPE 1.000  all 1.000  PERSON+ORG+LOC 1.000
the 3 held-out documents of genre bio:
rules   PERSON 0.800  ORG 0.000  GPE 1.000  all 0.727  PERSON+ORG+LOC 0.571
model   PERSON 1.000  ORG 1.000  GPE 1.000  all 1.000  PERSON+ORG+LOC 1.000
the 6 held-out documents of genre news:
rules   PERSON 0.800  ORG 0.000  GPE 1.000  all 0.727  PERSON+ORG+LOC 0.571
model   PERSON 1.000  ORG 1.000  GPE 1.000  all 1.000  PERSON+ORG+LOC 1.000
OUT
diff -u "$T/expected" "$T/out" || fail "cross-validate.sh output"
# GENRE=bio (the fourth argument): that genre's table only
sh "$SRC/cross-validate.sh" "$GALLEY" "$T/genres.jsonl" 3 bio > "$T/out" 2> "$T/err" \
  || { cat "$T/err" >&2; fail "cross-validate.sh bio"; }
sed '/genre news/,$d' "$T/expected" | diff -u - "$T/out" || fail "cross-validate.sh bio output"
# TRAIN_OPTS reach the train command (an unknown option: train's error)
TRAIN_OPTS="--epochs 0" sh "$SRC/cross-validate.sh" "$GALLEY" "$T/genres.jsonl" 3 \
  > /dev/null 2> "$T/err" && fail "cross-validate.sh: TRAIN_OPTS ignored"
echo "galley train entity-tagger: error: --epochs and --patience must be 1 or more" \
  | diff -u - "$T/err" || fail "cross-validate.sh: TRAIN_OPTS error"

# EPOCHS=N: each fold learns from all its other documents for N epochs
# (the train command then has --no-dev --epochs N: a bad N is its error)
EPOCHS=2 sh "$SRC/cross-validate.sh" "$GALLEY" "$T/genres.jsonl" 3 bio > "$T/out" 2> "$T/err" \
  || { cat "$T/err" >&2; fail "cross-validate.sh EPOCHS=2"; }
sed '/genre news/,$d' "$T/expected" | diff -u - "$T/out" || fail "cross-validate.sh EPOCHS=2 output"
EPOCHS=0 sh "$SRC/cross-validate.sh" "$GALLEY" "$T/genres.jsonl" 3 \
  > /dev/null 2> "$T/err" && fail "cross-validate.sh: EPOCHS ignored"
echo "galley train entity-tagger: error: --epochs and --patience must be 1 or more" \
  | diff -u - "$T/err" || fail "cross-validate.sh: EPOCHS error"

# a stage without a trainer, and a typo of one with it: the helper's
# path is not theirs to know
"$GALLEY" train sentiment 2> "$T/err"
[ $? -eq 2 ] || fail "train sentiment: exit status"
echo "galley: error: stage 'sentiment' cannot be trained (stages that can: entity-tagger)" \
  | diff -u - "$T/err" || fail "train sentiment message"
"$GALLEY" eval entity-taggr 2> "$T/err"
[ $? -eq 2 ] || fail "eval entity-taggr: exit status"
echo "galley: error: stage 'entity-taggr' cannot be scored; did you mean 'entity-tagger'?" \
  | diff -u - "$T/err" || fail "eval entity-taggr message"

# the helper starts in the locale the galley command does: under cron's
# C locale GLib's help keeps its UTF-8 ellipsis
env -i PATH="$PATH" LD_LIBRARY_PATH="${LD_LIBRARY_PATH-}" \
  GALLEY_PLUGIN_PATH="${GALLEY_PLUGIN_PATH-}" \
  "$GALLEY" train entity-tagger --help > "$T/out" 2>&1 || fail "train --help in env -i"
grep -F -q "galley train entity-tagger [OPTION…] - train an entity-tagger model" "$T/out" \
  || { cat "$T/out" >&2; fail "train --help in the C locale"; }
exit 0
