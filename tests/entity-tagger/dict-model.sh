#!/bin/sh
# dict-model.sh: a model trained with a word list (--dict FILE) on
# generated articles whose made-up capitalised words differ only by how a
# small word list written here spells them: capitalised (a proper noun,
# here a person) or in lower case only (a common word, no name). The
# model tells held-out words apart by the list, and one trained with
# --no-dict cannot. Then the errors: a model trained with a list and none
# where it runs, train --dict with none, and a model whose flags this
# Galley does not know.
NAME=dict
. "${TEST_SRCDIR:-.}/model-lib.sh"

# made-up words taken in turn as a person's name and as a common word
made_up_words "$T/common" "$T/people"

# the list: people capitalised, common words in lower case, a
# possessive (not read: the tokenizer splits "'s" off)
{
  capitalise < "$T/people"
  cat "$T/common"
  echo "Kaloka's"
} | sort > "$T/words"

# one sentence an article, capitalised at its start: only the list tells
# a name (PERSON) from a common word (no entity); words 1-30 of each
# train, 31-40 are held out
{ head -n 30 "$T/people" | article PERSON p; head -n 30 "$T/common" | article "" c; } \
  | interleave > "$T/train.jsonl"
{ tail -n 10 "$T/people" | article PERSON hp; tail -n 10 "$T/common" | article "" hc; } > "$T/held-out.jsonl"

"$GALLEY" train entity-tagger --data "$T/train.jsonl" --no-wordnet --dict "$T/words" --out "$T/dict.model" \
  2> "$T/err" || { cat "$T/err" >&2; fail "train --dict"; }
"$GALLEY" train entity-tagger --data "$T/train.jsonl" --no-wordnet --no-dict --out "$T/plain.model" \
  2> "$T/err" || { cat "$T/err" >&2; fail "train --no-dict"; }

# with the list: the ten held-out people, and none of the common words
tags "$T/dict.model" "dict=$T/words" > "$T/got"
tail -n 10 "$T/people" | capitalise | sed 's/^/1 type:PERSON,text:/' | sort > "$T/expected"
diff -u "$T/expected" "$T/got" || fail "held-out words with the list"
# without: the model has nothing to go by and tags all twenty or none
tags "$T/plain.model" "dict=$T/words" | wc -l | tr -d ' ' > "$T/got"
grep -q -x -e 0 -e 20 "$T/got" || fail "held-out words without the list: $(cat "$T/got") tagged"

# the model needs its list where it runs: the message names the model,
# the file and the package
refused "model=$T/dict.model dict=$T/none" \
  "parameter 'model': $T/dict.model was trained with a word list: $T/none: No such file or directory (an English word list: install the Debian package wamerican, or name another list: dict=FILE on the stage, --dict FILE on galley train and galley eval)" \
  "no list"
# the rules read it too (a sentence's first word): a list named by dict=
# must be there, with a model trained without it as with none; the
# default list, when its package is missing, is quietly done without
for model in "model=$T/plain.model " ""; do
  "$GALLEY" run -q -e "read-jsonl path=$T/held-out.jsonl ! tokenizer ! entity-tagger ${model}dict=$T/none ! export-jsonl path=-" \
    > /dev/null 2> "$T/err"
  [ $? -eq 4 ] || { cat "$T/err" >&2; fail "rules, no list ($model): exit status"; }
  echo "galley: error: -e: stage 3 (entity-tagger) parameter 'dict': $T/none: No such file or directory (an English word list: install the Debian package wamerican, or name another list: dict=FILE on the stage, --dict FILE on galley train and galley eval)" \
    | diff -u - "$T/err" || fail "rules, no list ($model): message"
done
# a directory or a device is no list, and says what it is (mmap() said
# "No such device")
refused "dict=$T" "parameter 'dict': $T: Is a directory (an English word list:" \
  "a directory as the list"
refused "dict=/dev/null" "parameter 'dict': /dev/null: not a regular file (an English word list:" \
  "a device as the list"
# training with a list where there is none says so before any work
"$GALLEY" train entity-tagger --data "$T/train.jsonl" --no-wordnet --dict "$T/none" --out "$T/x.model" 2> "$T/err"
[ $? -eq 4 ] || { cat "$T/err" >&2; fail "train --dict missing: exit status"; }
echo "galley train entity-tagger: error: --dict: $T/none: No such file or directory (an English word list: install the Debian package wamerican, or name another list: dict=FILE on the stage, --dict FILE on galley train and galley eval)" \
  | diff -u - "$T/err" || fail "train --dict missing: message"
[ ! -e "$T/x.model" ] || fail "train --dict missing wrote a model"
# an empty list is no list
: > "$T/empty"
"$GALLEY" eval entity-tagger --data "$T/train.jsonl" --model "$T/dict.model" --dict "$T/empty" > /dev/null 2> "$T/err"
[ $? -eq 2 ] || { cat "$T/err" >&2; fail "empty list: exit status"; }
echo "galley eval entity-tagger: error: parameter 'model': $T/dict.model was trained with a word list: $T/empty: no words: not a word list (one word a line)" \
  | diff -u - "$T/err" || fail "empty list: message"

# a model with a flag of a newer Galley (0x8, after the list's 0x2 and
# the word classes' 0x4) is refused, naming the file and what to do
cp "$T/dict.model" "$T/newer.model"
printf '\012' | dd of="$T/newer.model" bs=1 seek=12 conv=notrunc 2> /dev/null
"$GALLEY" run -q -e "read-jsonl path=$T/held-out.jsonl ! tokenizer ! entity-tagger model=$T/newer.model ! export-jsonl path=-" \
  > /dev/null 2> "$T/err" && fail "a model with unknown flags was accepted"
grep -F -q "parameter 'model': $T/newer.model: unknown model flags 0xa: upgrade Galley, or train the model again with this one" "$T/err" \
  || { cat "$T/err" >&2; fail "unknown flags: message"; }
exit 0
