#!/bin/sh
# wordnet-model.sh: a model trained with WordNet's names (--wordnet DIR)
# on generated articles whose made-up names differ only by what a small
# data.noun written here says of them (a group or a person): the model
# types names it never saw in training by their WordNet class, and one
# trained with --no-wordnet cannot. Then the errors: a model trained with
# WordNet and no data.noun where it runs, and train --wordnet with none.
NAME=wordnet
. "${TEST_SRCDIR:-.}/model-lib.sh"

# the names capitalised, taken in turn as a group's and a person's
made_up_words "$T/g" "$T/p"
capitalise < "$T/g" > "$T/groups"
capitalise < "$T/p" > "$T/people"

# data.noun: the licence's indented line, then one synset per name,
# groups in noun.group (14), people in noun.person (18)
mkdir "$T/wn"
{
  echo "  1 made for this test  "
  awk '{ printf "%08d 14 n 01 %s 0 000 | an organisation  \n", NR, $0 }' "$T/groups"
  awk '{ printf "%08d 18 n 01 %s 0 000 | a person  \n", 100 + NR, $0 }' "$T/people"
} > "$T/wn/data.noun"

# articles of one sentence, the same for both, so nothing but WordNet
# tells an organisation from a person; names 1-30 of each train, 31-40
# are held out
{ head -n 30 "$T/groups" | article ORG g; head -n 30 "$T/people" | article PERSON p; } \
  | interleave > "$T/train.jsonl"
{ tail -n 10 "$T/groups" | article ORG hg; tail -n 10 "$T/people" | article PERSON hp; } > "$T/held-out.jsonl"

"$GALLEY" train entity-tagger --data "$T/train.jsonl" --wordnet "$T/wn" --out "$T/wn.model" 2> "$T/err" \
  || { cat "$T/err" >&2; fail "train --wordnet"; }
"$GALLEY" train entity-tagger --data "$T/train.jsonl" --no-wordnet --out "$T/plain.model" 2> "$T/err" \
  || { cat "$T/err" >&2; fail "train --no-wordnet"; }

# with WordNet: the ten held-out organisations and ten people
tags "$T/wn.model" "wordnet=$T/wn" > "$T/got"
tail -n 10 "$T/groups" | sed 's/^/1 type:ORG,text:/' > "$T/expected"
tail -n 10 "$T/people" | sed 's/^/1 type:PERSON,text:/' >> "$T/expected"
sort "$T/expected" -o "$T/expected"
diff -u "$T/expected" "$T/got" || fail "held-out names with WordNet"
# without: the model has nothing to go by, and gets 9 of the 20 right
tags "$T/plain.model" "wordnet=$T/wn" > "$T/plain"
comm -12 "$T/expected" "$T/plain" | wc -l | tr -d ' ' > "$T/got"
echo 9 | diff -u - "$T/got" || { cat "$T/plain" >&2; fail "held-out names without WordNet"; }

# the model needs WordNet where it runs: the message names the model,
# the file and the package
refused "model=$T/wn.model wordnet=$T/none" \
  "parameter 'model': $T/wn.model was trained with WordNet's names: $T/none/data.noun: No such file or directory (WordNet 3.0's nouns: install the Debian package wordnet-base, or name its directory: wordnet=DIR on the stage, --wordnet DIR on galley train and galley eval)" \
  "no data.noun"
# a model trained without it never reads it, nor do the rules
"$GALLEY" run -q -e "read-jsonl path=$T/held-out.jsonl ! tokenizer ! entity-tagger model=$T/plain.model wordnet=$T/none ! export-jsonl path=-" \
  > /dev/null 2> "$T/err" || { cat "$T/err" >&2; fail "--no-wordnet model read WordNet"; }
"$GALLEY" run -q -e "read-jsonl path=$T/held-out.jsonl ! tokenizer ! entity-tagger wordnet=$T/none ! export-jsonl path=-" \
  > /dev/null 2> "$T/err" || { cat "$T/err" >&2; fail "the rules read WordNet"; }
# training with WordNet where there is none says so before any work
"$GALLEY" train entity-tagger --data "$T/train.jsonl" --wordnet "$T/none" --out "$T/x.model" 2> "$T/err"
[ $? -eq 4 ] || { cat "$T/err" >&2; fail "train --wordnet missing: exit status"; }
echo "galley train entity-tagger: error: --wordnet: $T/none/data.noun: No such file or directory (WordNet 3.0's nouns: install the Debian package wordnet-base, or name its directory: wordnet=DIR on the stage, --wordnet DIR on galley train and galley eval)" \
  | diff -u - "$T/err" || fail "train --wordnet missing: message"
[ ! -e "$T/x.model" ] || fail "train --wordnet missing wrote a model"
# a damaged data.noun: its line
printf '00000001 14 n 01\n' >> "$T/wn/data.noun"
"$GALLEY" eval entity-tagger --data "$T/train.jsonl" --model "$T/wn.model" --wordnet "$T/wn" > /dev/null 2> "$T/err"
[ $? -eq 2 ] || { cat "$T/err" >&2; fail "damaged data.noun: exit status"; }
echo "galley eval entity-tagger: error: parameter 'model': $T/wn.model was trained with WordNet's names: $T/wn/data.noun:82: not a WordNet data.noun line: no word count" \
  | diff -u - "$T/err" || fail "damaged data.noun: message"
exit 0
