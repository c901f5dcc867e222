#!/bin/sh
# cross-validate.sh GALLEY DATA.jsonl [FOLDS [GENRE]]: k-fold
# cross-validation of `galley train entity-tagger` on annotated JSON
# Lines: document i is held out in fold i % FOLDS; of the others, every
# tenth is the dev set. Prints exact F1 per type of the rules and of the
# model, counts pooled over the held-out folds (`make cv DATA=FILE` runs
# it; the figures of the built-in model in docs/plugins/entity-tagger.md
# come from it); then the same on the held-out documents of each "genre"
# the data names (GENRE=NAME: of that one only): the pooled figure mixes
# genres that a tagger finds easy (biographies) and hard (how-to guides),
# and the texts you will tag are of one or two of them. TRAIN_OPTS, if
# set, is added to the train command (--seed 2, say), and EVAL_OPTS to
# the model's eval commands (--dict FILE, for a model trained with
# TRAIN_OPTS='--dict FILE'). EPOCHS=N, if set,
# trains each fold on all of its other documents for exactly N epochs
# (--no-dev --epochs N): how the built-in model's epoch count is chosen.
set -u
GALLEY=$1 DATA=$2 FOLDS=${3:-5} GENRE=${4:-} EPOCHS=${EPOCHS:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/galley-cv.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

# The genres to break the figures down by, sorted; a name with anything but
# letters, digits, '-' and '_' is left out (it names files below).
if [ -n "$GENRE" ]; then
  genres=$GENRE
else
  genres=$(grep -o '"genre": *"[A-Za-z0-9_-]*"' "$DATA" | sed 's/.*"\([^"]*\)"$/\1/' | sort -u)
fi

k=0
while [ $k -lt "$FOLDS" ]; do
  awk -v k=$k -v n="$FOLDS" -v d="$T/$k" -v all="${EPOCHS:+1}" '
    (NR - 1) % n == k { print > (d ".test.jsonl"); next }
    { if (!all && m++ % 10 == 0) print > (d ".dev.jsonl"); else print > (d ".train.jsonl") }' "$DATA"
  if [ -n "$EPOCHS" ]; then
    set -- --no-dev --epochs "$EPOCHS"
  else
    set -- --dev "$T/$k.dev.jsonl"
  fi
  # shellcheck disable=SC2086 # several options in one variable
  "$GALLEY" train entity-tagger ${TRAIN_OPTS:-} "$@" --data "$T/$k.train.jsonl" --out "$T/$k.model" \
    > /dev/null 2> "$T/$k.log" || { cat "$T/$k.log" >&2; exit 1; }
  "$GALLEY" eval entity-tagger --data "$T/$k.test.jsonl" > "$T/$k.rules" || exit 1
  # shellcheck disable=SC2086 # several options in one variable
  "$GALLEY" eval entity-tagger --data "$T/$k.test.jsonl" --model "$T/$k.model" ${EVAL_OPTS:-} \
    > "$T/$k.model.txt" || exit 1
  for g in $genres; do
    grep "\"genre\": *\"$g\"" "$T/$k.test.jsonl" > "$T/$k.genre-$g.jsonl"
    if [ -s "$T/$k.genre-$g.jsonl" ]; then
      "$GALLEY" eval entity-tagger --data "$T/$k.genre-$g.jsonl" > "$T/$k.genre-$g.rules" || exit 1
      # shellcheck disable=SC2086 # several options in one variable
      "$GALLEY" eval entity-tagger --data "$T/$k.genre-$g.jsonl" --model "$T/$k.model" ${EVAL_OPTS:-} \
        > "$T/$k.genre-$g.model" || exit 1
    fi
  done
  k=$((k + 1))
done

# The exact table is the first one of each file: from line 3 to the
# lenient table (a type that a fold lacks has no row).
pooled () {
  for f in "$@"; do sed -n '3,/^lenient/p' "$f" | sed '/^lenient/d'; done | awk -v what="$WHAT" '
    $1 != "type" { tp[$1] += $2; fp[$1] += $3; fn[$1] += $4; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
    $1 == "PERSON" || $1 == "ORG" || $1 == "LOC" { t = "PERSON+ORG+LOC"; tp[t] += $2; fp[t] += $3; fn[t] += $4 }
    END {
      order[n++] = "PERSON+ORG+LOC"
      printf "%-6s", what
      for (i = 0; i < n; i++) {
        t = order[i]; p = tp[t] / (tp[t] + fp[t] + 1e-9); r = tp[t] / (tp[t] + fn[t] + 1e-9)
        printf "  %s %.3f", t, (p + r > 0 ? 2 * p * r / (p + r) : 0)
      }
      printf "\n"
    }'
}
echo "$FOLDS-fold cross-validation on $DATA, exact F1, pooled:"
WHAT=rules pooled "$T"/?.rules
WHAT=model pooled "$T"/?.model.txt
for g in $genres; do
  n=$(cat "$T"/*.genre-"$g".jsonl | grep -c .)
  echo "the $n held-out documents of genre $g:"
  if [ "$n" -gt 0 ]; then
    WHAT=rules pooled "$T"/*.genre-"$g".rules
    WHAT=model pooled "$T"/*.genre-"$g".model
  fi
done
