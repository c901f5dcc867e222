#!/bin/sh
# template-build.sh: sdk/template built the way an outside developer builds
# it: against an installed Galley and nothing from this source tree.
#
#  1. `make install DESTDIR=$work/root` of this build (scratch-install.sh
#     says how pkg-config and galley are pointed at it).
#  2. the template, copied out, built three ways against that install:
#     autotools (autogen, configure, make, make check, make install,
#     make distcheck), Makefile.plain, and one bare `cc -shared -fPIC`.
#  3. the installed galley runs read-jsonl ! tokenizer ! keyword-tagger !
#     export-jsonl with each built module found through GALLEY_PLUGIN_PATH.
#
# Everything happens under $TMPDIR: the source tree may be read-only
# (make distcheck). Skips (77) when autotools or pkg-config are missing.
set -u
: "${TOP_SRCDIR:?}" "${TOP_BUILDDIR:?}"
cc=${CC:-cc}

for tool in autoreconf pkg-config; do
  command -v $tool > /dev/null 2>&1 || { echo "SKIP: $tool not installed"; exit 77; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/galley-template.XXXXXX") || exit 99
trap 'chmod -R u+w "$work" 2> /dev/null; rm -rf "$work"' EXIT
. "${TEST_SRCDIR:?}/scratch-install.sh"

for h in galley galley-document galley-harness galley-plugin galley-version; do
  [ -f "$includedir/galley-1/galley/$h.h" ] || die "$h.h not installed under $includedir/galley-1/galley"
done
[ -e "$plugindir/tokenizer.so" ] || [ -e "$plugindir/tokenizer.la" ] \
  || die "no tokenizer module in $plugindir"

copy_template () {
  cp -R "$TOP_SRCDIR/sdk/template" "$1" || die "cannot copy the template"
  chmod -R u+w "$1"
}

step "autotools build"
copy_template "$work/at"
cd "$work/at" || exit 99
run autogen ./autogen.sh
run configure ./configure --with-plugindir="$work/plugins-at"
run make $make
run check $make check
run install-at $make install
[ -f "$work/plugins-at/keyword-tagger.so" ] || die "make install put no keyword-tagger.so in the plugin directory"
run distcheck $make distcheck

step "Makefile.plain build"
copy_template "$work/plain"
cd "$work/plain" || exit 99
run plain $make -f Makefile.plain
run plain-check $make -f Makefile.plain check
run plain-install $make -f Makefile.plain install PLUGINDIR="$work/plugins-plain"
[ -f "$work/plugins-plain/keyword-tagger.so" ] || die "Makefile.plain install put no keyword-tagger.so"

step "bare cc build"
copy_template "$work/cc"
cd "$work/cc" || exit 99
mkdir -p "$work/plugins-cc"
# shellcheck disable=SC2046
run cc $cc $CFLAGS $(pkg-config --cflags --libs galley-1) -shared -fPIC \
  -o "$work/plugins-cc/keyword-tagger.so" keyword-tagger.c keyword-tagger-plugin.c $LDFLAGS

cd "$work" || exit 99
cat > "$work/in.jsonl" <<'JSONL'
{"id": "a1", "text": "The election was called early. Election day is 4 July."}
{"id": "a2", "text": "Markets were calm."}
JSONL
cat > "$work/expected.jsonl" <<'JSONL'
{"id":"a1","meta":{},"features":{"keyword.count":2},"layers":{"keyword":[{"start":4,"end":12,"type":"KEYWORD","text":"election","norm":"election"},{"start":31,"end":39,"type":"KEYWORD","text":"Election","norm":"election"}]}}
{"id":"a2","meta":{},"features":{"keyword.count":0},"layers":{"keyword":[]}}
JSONL

for how in at plain cc; do
  step "pipeline with the $how build"
  GALLEY_PLUGIN_PATH=$work/plugins-$how "$galley" run -q -e \
    'read-jsonl path=- ! tokenizer ! keyword-tagger keywords=election ! export-jsonl path=- layers=keyword' \
    < "$work/in.jsonl" > "$work/out-$how.jsonl" 2> "$work/err-$how"
  status=$?
  [ $status -eq 0 ] || { cat "$work/err-$how"; die "galley run exited $status with the $how build"; }
  if ! cmp -s "$work/expected.jsonl" "$work/out-$how.jsonl"; then
    diff -u "$work/expected.jsonl" "$work/out-$how.jsonl"
    die "unexpected output with the $how build"
  fi
  GALLEY_PLUGIN_PATH=$work/plugins-$how "$galley" inspect keyword-tagger > "$work/inspect-$how" 2>&1 \
    || { cat "$work/inspect-$how"; die "galley inspect keyword-tagger failed with the $how build"; }
  grep -q "$work/plugins-$how/keyword-tagger" "$work/inspect-$how" \
    || { cat "$work/inspect-$how"; die "galley inspect does not name the $how module"; }
  echo "ok: $how build loads and tags"
done

step "the default news pipeline with the installed galley and plugins"
"$galley" run "$TOP_SRCDIR/pipelines/news.pipeline" > "$work/news.jsonl" 2> "$work/err-news" \
  || { cat "$work/err-news"; die "installed galley: pipelines/news.pipeline failed"; }
[ "$(wc -l < "$work/news.jsonl")" -eq 6 ] || die "installed galley: expected 6 articles from news.pipeline"
grep -q '"type":"PERSON","text":"Antony Blinken"' "$work/news.jsonl" \
  || die "installed galley: no entities in the news.pipeline output"
echo "ok: installed galley runs pipelines/news.pipeline"
exit 0
