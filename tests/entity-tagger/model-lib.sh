# model-lib.sh: what wordnet-model.sh and dict-model.sh share. Both
# train a model on generated one-sentence articles whose made-up words
# differ only by what a small resource written by the test says of them,
# and check that the model learnt to read that resource. Source it after
# setting NAME; it makes $T (removed at exit) and defines:
#   fail MESSAGE...           print and exit 1
#   made_up_words A B         80 made-up words from one pool of syllables,
#                             taken in turn into files A and B, so that
#                             neither spelling nor affixes tell them apart
#   capitalise                stdin's lines with their first letter in
#                             upper case
#   article TYPE ID           one article a word read from stdin: "Word
#                             said the plan would work.", the word
#                             capitalised and annotated as TYPE (none
#                             when TYPE is empty)
#   interleave                the first half of stdin's lines alternated
#                             with the second, so that each epoch sees
#                             both kinds in turn
#   tags MODEL PARAMS         the held-out articles tagged by MODEL, as
#                             "COUNT type:TYPE,text:TEXT" lines
set -u

T=$(mktemp -d "${TMPDIR:-/tmp}/galley-$NAME.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

fail ()
{
  echo "FAIL: $*" >&2
  exit 1
}

# refused PARAMS MESSAGE WHAT: the tagger with PARAMS on the held-out
# articles exits 4 and its stderr holds MESSAGE; WHAT names the case
refused ()
{
  "$GALLEY" run -q -e "read-jsonl path=$T/held-out.jsonl ! tokenizer ! entity-tagger $1 ! export-jsonl path=-" \
    > /dev/null 2> "$T/err"
  [ $? -eq 4 ] || { cat "$T/err" >&2; fail "$3: exit status"; }
  grep -F -q "$2" "$T/err" || { cat "$T/err" >&2; fail "$3: message"; }
}

made_up_words ()
{
  awk 'BEGIN {
    split("ka lo vi ren dor mu sel", s, " ")
    for (i = 0; i < 80; i++) {
      w = s[i % 7 + 1] s[int(i / 7) % 7 + 1] s[int(i / 49) + 1]
      print w > (i % 2 == 0 ? "/dev/stdout" : "/dev/stderr")
    }
  }' > "$1" 2> "$2"
}

capitalise ()
{
  awk '{ print toupper(substr($0, 1, 1)) substr($0, 2) }'
}

article ()
{
  awk -v type="$1" -v id="$2" '{
    w = toupper(substr($0, 1, 1)) substr($0, 2)
    t = w " said the plan would work."
    e = type == "" ? "" : sprintf("{\"start\": 0, \"end\": %d, \"type\": \"%s\"}", length(w), type)
    printf "{\"id\": \"%s%d\", \"text\": \"%s\", \"entities\": [%s]}\n", id, NR, t, e
  }'
}

interleave ()
{
  awk '{ line[NR] = $0 } END { for (i = 1; i <= NR / 2; i++) print line[i] "\n" line[i + NR / 2] }'
}

tags ()
{
  "$GALLEY" run -q -e "read-jsonl path=$T/held-out.jsonl ! tokenizer ! entity-tagger model=$1 $2 ! export-jsonl path=-" \
    2> "$T/err" > "$T/out" || { cat "$T/err" >&2; fail "run with model=$1"; }
  grep -o '"type":"[A-Z]*","text":"[^"]*"' "$T/out" | tr -d '"' | sort | uniq -c | sed 's/^ *//'
}
