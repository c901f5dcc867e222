#!/bin/sh
# new-plugin.sh: `galley new-plugin` writes a project of each kind that
# builds against an installed Galley (autotools and Makefile.plain),
# passes its own tests, and runs in a pipeline through GALLEY_PLUGIN_PATH;
# and it refuses bad names, kinds and directories with exit status 2.
#
# Runs the installed galley's new-plugin when it has the command, else
# new-plugin-driver, which compiles core/cmd-new-plugin.c on its own.
set -u
: "${TOP_SRCDIR:?}" "${TOP_BUILDDIR:?}" "${NEW_PLUGIN_DRIVER:?}"

for tool in autoreconf pkg-config; do
  command -v $tool > /dev/null 2>&1 || { echo "SKIP: $tool not installed"; exit 77; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/galley-new-plugin.XXXXXX") || exit 99
trap 'chmod -R u+w "$work" 2> /dev/null; rm -rf "$work"' EXIT
. "${TEST_SRCDIR:?}/scratch-install.sh"

if "$galley" new-plugin --help > /dev/null 2>&1; then
  new_plugin () { "$galley" new-plugin "$@"; }
  echo "using: $galley new-plugin"
else
  new_plugin () { "$NEW_PLUGIN_DRIVER" new-plugin "$@"; }
  echo "using: new-plugin-driver (galley has no new-plugin command yet)"
fi
fail=0

# expect_usage_error EXPECTED-FIRST-LINE ARGS...: exit status 2, and the
# message, then the hint
expect_usage_error () {
  expected=$1; shift
  new_plugin "$@" > "$work/out" 2> "$work/err"
  status=$?
  printf '%s\n%s\n' "$expected" "Try 'galley new-plugin --help'." > "$work/want"
  if [ $status -eq 2 ] && cmp -s "$work/want" "$work/err"; then
    echo "ok: new-plugin $*: $expected"
  else
    echo "FAIL: new-plugin $* exited $status; stderr:"
    cat "$work/err"
    echo "wanted:"
    cat "$work/want"
    fail=1
  fi
}

step "usage errors"
cd "$work" || exit 99
expect_usage_error "galley new-plugin: missing the plugin NAME"
expect_usage_error "galley new-plugin: 'My Plugin' is not a valid plugin name: use lower-case letters, digits and '-', starting with a letter" "My Plugin"
expect_usage_error "galley new-plugin: '2fast' is not a valid plugin name: use lower-case letters, digits and '-', starting with a letter" 2fast
expect_usage_error "galley new-plugin: 'tagger-' is not a valid plugin name: use lower-case letters, digits and '-', starting with a letter" tagger-
expect_usage_error "galley new-plugin: --kind must be filter, source or sink, not 'mapper'" x --kind mapper
expect_usage_error "galley new-plugin: unexpected argument 'extra'" x extra
expect_usage_error "galley new-plugin: Unknown option --frobnicate" x --frobnicate
mkdir -p "$work/full" && : > "$work/full/keep.txt"
expect_usage_error "galley new-plugin: $work/full already exists and is not empty" x --dir "$work/full"
: > "$work/plain-file"
expect_usage_error "galley new-plugin: $work/plain-file exists and is not a directory" x --dir "$work/plain-file"
new_plugin x --dir "$work/plain-file/sub" > /dev/null 2> "$work/err"
status=$?
if [ $status -eq 4 ] && grep -qF "cannot create $work/plain-file/sub: Not a directory" "$work/err"; then
  echo "ok: an impossible directory is an I/O error (exit 4)"
else
  echo "FAIL: --dir under a file exited $status:"; cat "$work/err"; fail=1
fi
[ -f "$work/full/keep.txt" ] || { echo "FAIL: new-plugin touched a non-empty directory"; fail=1; }
[ $fail -eq 0 ] || exit 1

printf '{"id": "a1", "text": "The election was called early. Election day is 4 July."}\n{"id": "a2", "text": "Markets were calm."}\n' > "$work/in.jsonl"

# build KIND NAME: a project in $work/KIND (default directory, ./NAME),
# built with autotools and installed into $work/plugins-KIND, then a
# second copy built with Makefile.plain into $work/plain-KIND (--dir)
build () {
  kind=$1 name=$2
  step "$kind project '$name'"
  mkdir -p "$work/$kind" && cd "$work/$kind" || exit 99
  new_plugin "$name" --kind "$kind" > "$work/new-$kind.out" 2>&1 \
    || { cat "$work/new-$kind.out"; die "new-plugin $name --kind $kind failed"; }
  head -n 1 "$work/new-$kind.out" | grep -qxF "Wrote a $kind plugin project for the stage '$name' in $name:" \
    || { cat "$work/new-$kind.out"; die "unexpected report from new-plugin"; }
  for f in configure.ac Makefile.am Makefile.plain autogen.sh README.md \
           "$name.c" "$name.h" "$name-plugin.c" "test-$name.c"; do
    [ -f "$name/$f" ] || die "new-plugin wrote no $f"
  done
  [ -x "$name/autogen.sh" ] || die "autogen.sh is not executable"
  if grep -l 'keyword.tagger\|line.reader\|count.writer' "$name"/* "$name"/.gitignore; then
    die "the example's names are left in the files above"
  fi
  cd "$name" || exit 99
  run "autogen-$kind" ./autogen.sh
  run "configure-$kind" ./configure --with-plugindir="$work/plugins-$kind"
  run "make-$kind" $make
  run "check-$kind" $make check
  run "install-$kind" $make install
  [ -f "$work/plugins-$kind/$name.so" ] || die "make install put no $name.so in the plugin directory"

  new_plugin "$name" --kind "$kind" --dir "$work/plain-$kind" > /dev/null 2>&1 \
    || die "new-plugin $name --dir $work/plain-$kind failed"
  cd "$work/plain-$kind" || exit 99
  run "plain-check-$kind" $make -f Makefile.plain check
  echo "ok: the $kind project builds and passes its tests"
}

# pipeline KIND EXPECTED-FILE PIPELINE: the installed galley runs it with
# the KIND module from GALLEY_PLUGIN_PATH; its stdout must be EXPECTED-FILE
pipeline () {
  kind=$1 expected=$2 text=$3
  GALLEY_PLUGIN_PATH=$work/plugins-$kind "$galley" run -q -e "$text" \
    < "$work/in.jsonl" > "$work/got-$kind" 2> "$work/err-$kind"
  status=$?
  [ $status -eq 0 ] || { cat "$work/err-$kind"; die "galley run exited $status: $text"; }
  if ! cmp -s "$expected" "$work/got-$kind"; then
    diff -u "$expected" "$work/got-$kind"
    die "unexpected output from: $text"
  fi
  echo "ok: $text"
}

build filter my-tagger
cat > "$work/want-filter" <<'JSONL'
{"id":"a1","meta":{},"features":{"keyword.count":2},"layers":{"keyword":[{"start":4,"end":12,"type":"KEYWORD","text":"election","norm":"election"},{"start":31,"end":39,"type":"KEYWORD","text":"Election","norm":"election"}]}}
{"id":"a2","meta":{},"features":{"keyword.count":0},"layers":{"keyword":[]}}
JSONL
pipeline filter "$work/want-filter" \
  'read-jsonl path=- ! tokenizer ! my-tagger keywords=election ! export-jsonl path=- layers=keyword'

build source my-reader
printf 'Storm hits coast\n\nMarkets calm\n' > "$work/lines.txt"
cat > "$work/want-source" <<'JSONL'
{"id":"lines.txt:1","text":"Storm hits coast","meta":{},"features":{},"layers":{}}
{"id":"lines.txt:3","text":"Markets calm","meta":{},"features":{},"layers":{}}
JSONL
pipeline source "$work/want-source" \
  "my-reader path=$work/lines.txt ! export-jsonl path=- text=true"

build sink my-writer
printf 'a1\t12\na2\t4\n' > "$work/want-sink"
pipeline sink "$work/want-sink" \
  'read-jsonl path=- ! tokenizer ! my-writer path=-'
exit 0
