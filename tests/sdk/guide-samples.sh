#!/bin/sh
# guide-samples.sh: every ```c block of docs/plugin-guide.md compiles, the
# walkthrough's plugin loads and runs, and the guide's reference section
# names every public SDK header (the per-function reference is gtk-doc's,
# generated from the headers; headers.sh checks every symbol has a block).
#
# How a block is compiled depends on its first line:
#   /* file: NAME */             starts the file NAME (a .c is compiled;
#                                a .h is there for the others to include)
#   /* file: NAME, continued */  appends the block to NAME
#   /* fragment */               statements: compiled as the body of
#                                  void f (GalleyDocument *doc,
#                                          const GalleyParams *params,
#                                          GError **error)
#                                after <galley/galley.h> and the guide's
#                                quote-finder.h
#   /* reference */              declarations: compiled after
#                                <galley/galley.h>, so a prototype that
#                                differs from the header's is an error
#   anything else                a complete translation unit
# All with -Wall -Wextra -Werror against the build tree's SDK.
set -u
: "${TOP_SRCDIR:?}" "${TOP_BUILDDIR:?}"
guide=$TOP_SRCDIR/docs/plugin-guide.md
sdk=$TOP_SRCDIR/sdk
cc=${CC:-cc}
[ -f "$guide" ] || { echo "FAIL: $guide is missing"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/galley-guide.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
fail=0

# 1. extract
awk -v dir="$work" '
  function flush() {
    if (out != "") close(out)
  }
  /^```c[ \t]*$/ && !inblock { inblock = 1; first = 1; n++; next }
  /^```[ \t]*$/ && inblock {
    inblock = 0
    if (mode == "fragment") print "}" >> out
    flush(); next
  }
  inblock && first {
    first = 0
    if (match($0, /^\/\* file: [^ ,]+, continued \*\/$/)) {
      name = $0; sub(/^\/\* file: /, "", name); sub(/, continued \*\/$/, "", name)
      mode = "file"; out = dir "/" name; next
    }
    if (match($0, /^\/\* file: [^ ,]+ \*\/$/)) {
      name = $0; sub(/^\/\* file: /, "", name); sub(/ \*\/$/, "", name)
      mode = "file"; out = dir "/" name
      printf "" > out; next
    }
    if ($0 == "/* fragment */") {
      mode = "fragment"; out = sprintf("%s/fragment-%02d.c", dir, n)
      print "#include <galley/galley.h>" > out
      print "#include \"quote-finder.h\"" >> out
      printf "void fragment_%02d (GalleyDocument *doc, const GalleyParams *params, GError **error);\n", n >> out
      printf "void fragment_%02d (GalleyDocument *doc, const GalleyParams *params, GError **error)\n{\n", n >> out
      next
    }
    if ($0 == "/* reference */") {
      mode = "reference"; out = sprintf("%s/reference-%02d.c", dir, n)
      print "#include <galley/galley.h>" > out
      next
    }
    mode = "sample"; out = sprintf("%s/sample-%02d.c", dir, n)
    printf "" > out
  }
  inblock { print >> out }
  END { if (inblock) { print "unterminated code block" > "/dev/stderr"; exit 1 } }
' "$guide" || { echo "FAIL: cannot extract the code blocks"; exit 1; }

count=$(ls "$work"/*.c 2> /dev/null | wc -l)
echo "extracted $count C files from $(grep -c '^```c' "$guide") blocks"
[ "$count" -ge 10 ] || { echo "FAIL: expected at least 10 samples"; fail=1; }

# 2. compile each
cflags="${SDK_CFLAGS:-} ${CHECK_CFLAGS:-} -I$sdk -I$work -std=gnu11 -Wall -Wextra -Werror \
  -Wno-unused-parameter -Wno-missing-field-initializers -Wmissing-prototypes \
  -Wstrict-prototypes -Wshadow=local -fPIC"
for c in "$work"/*.c; do
  if $cc $cflags -c "$c" -o "${c%.c}.o" 2> "$work/err"; then
    echo "ok: $(basename "$c")"
  else
    echo "FAIL: $(basename "$c") does not compile:"
    cat "$work/err"
    echo "--- the code:"
    cat -n "$c"
    fail=1
  fi
done
[ $fail -eq 0 ] || exit 1

# 3. the walkthrough: its test passes, and galley loads and runs its module
lib=$TOP_BUILDDIR/sdk/.libs
LD_LIBRARY_PATH=$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
if $cc ${SDK_CFLAGS:-} -o "$work/test-quote-finder" "$work/test-quote-finder.o" \
     "$work/quote-finder.o" -L"$lib" -lgalley-check -lgalley-sdk ${GLIB_LIBS:-} ${CHECK_LIBS:-} 2> "$work/err"; then
  if "$work/test-quote-finder" > "$work/out" 2>&1; then
    echo "ok: the guide's test-quote-finder passes"
  else
    echo "FAIL: the guide's test-quote-finder fails:"; cat "$work/out"; fail=1
  fi
else
  echo "FAIL: cannot link test-quote-finder:"; cat "$work/err"; fail=1
fi

mkdir -p "$work/plugins"
if $cc ${SDK_CFLAGS:-} -shared -fPIC -o "$work/plugins/quote-finder.so" \
     "$work/quote-finder.o" "$work/quote-finder-plugin.o" -L"$lib" -lgalley-sdk ${GLIB_LIBS:-} \
     2> "$work/err"; then
  if [ -x "${GALLEY:-}" ]; then
    printf '{"id": "q1", "text": "She said: \xe2\x80\x9cWe will not give up the fight.\xe2\x80\x9d"}\n' \
      > "$work/in.jsonl"
    want='"quote":[{"start":11,"end":41,"type":"QUOTE","text":"We will not give up the fight.","words":7}]'
    if "$GALLEY" run -q --plugin-path "$work/plugins" \
         -e 'read-jsonl path=- ! quote-finder ! export-jsonl path=-' \
         < "$work/in.jsonl" > "$work/out" 2> "$work/err" \
       && grep -qF "$want" "$work/out"; then
      echo "ok: galley loads the guide's quote-finder.so and runs it"
    else
      echo "FAIL: galley run with quote-finder.so; wanted $want in:"
      cat "$work/out" "$work/err"
      fail=1
    fi
  else
    echo "note: no galley binary at '${GALLEY:-}': the module was built, not loaded"
  fi
else
  echo "FAIL: cannot link quote-finder.so:"; cat "$work/err"; fail=1
fi

# 4. the reference section names every public header
missing=
for h in "$sdk"/galley/*.h; do
  name=$(basename "$h")
  [ "$name" = galley.h ] && continue
  grep -q "^| \`$name\` |" "$guide" || missing="$missing $name"
done
if [ -n "$missing" ]; then
  echo "FAIL: the guide's reference table lacks:$missing"
  fail=1
else
  echo "ok: the reference table names every public SDK header"
fi
exit $fail
