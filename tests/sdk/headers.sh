#!/bin/sh
# headers.sh: every public SDK header compiles on its own (it includes what
# it needs), warning-free, from C; and galley.h compiles from C++ (extern
# "C", no C-only constructs in inline code or macros used at file scope);
# and every public function has a gtk-doc block (" * NAME:") in its header,
# so the default build (without gtk-doc, whose gtkdoc-check sees types and
# macros too) still catches an undocumented function.
# C++ is skipped (not failed) when no C++ compiler is installed.
set -u

srcdir=${TEST_SRCDIR:?}
sdk=${TOP_SRCDIR:?}/sdk
cc=${CC:-cc}
cflags="${SDK_CFLAGS:-} -I$sdk -Wall -Wextra -Werror -Wno-unused-parameter"
work=$(mktemp -d "${TMPDIR:-/tmp}/galley-headers.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

fail=0
count=0
for h in "$sdk"/galley/*.h; do
  name=$(basename "$h")
  count=$((count + 1))
  # twice: the include guard must hold
  printf '#include <galley/%s>\n#include <galley/%s>\nint galley_header_test_%s;\n' \
    "$name" "$name" "$count" > "$work/alone.c"
  if ! $cc $cflags -std=c11 -c "$work/alone.c" -o "$work/alone.o" 2> "$work/err"; then
    echo "FAIL: <galley/$name> does not compile alone:"
    cat "$work/err"
    fail=1
  else
    echo "ok: <galley/$name> compiles alone"
  fi
done
[ "$count" -ge 12 ] || { echo "FAIL: expected at least 12 headers, found $count"; fail=1; }

undocumented=
for h in "$sdk"/galley/*.h; do
  for f in $(grep -oE '^[A-Za-z].*\bgalley_[a-z0-9_]+ \(' "$h" | grep -oE 'galley_[a-z0-9_]+ \($' | sed 's/ ($//'); do
    grep -q "^ \* $f:\$" "$h" || undocumented="$undocumented $(basename "$h"):$f"
  done
done
if [ -n "$undocumented" ]; then
  echo "FAIL: public functions without a /** */ block:$undocumented"
  fail=1
else
  echo "ok: every public function has a /** */ block"
fi

cxx=${CXX:-c++}
if command -v "$cxx" > /dev/null 2>&1; then
  cat > "$work/all.cc" <<'CXX'
#include <galley/galley.h>

// Each declaration must have C linkage, or this would not link against
// the C library; and the plugin macros must expand in C++.
static const GalleyParamSpec params[] = {
  { "keywords", GALLEY_PARAM_STRING_LIST, nullptr, 0, 0, nullptr, "words", 0 },
  { nullptr, GALLEY_PARAM_STRING, nullptr, 0, 0, nullptr, nullptr, 0 },
};

int
main ()
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("id", "Hello C++", -1);
  GalleyLayer *layer = galley_document_ensure_layer (doc, GALLEY_LAYER_TOKEN);
  galley_layer_append (layer, 0, 5, g_quark_from_static_string ("word"), GALLEY_TOKEN_WORD);
  g_autoptr (GalleyParams) p = galley_params_new (params);
  GString *out = g_string_new (nullptr);
  galley_json_append_string (out, galley_document_get_text (doc, nullptr), -1);
  int ok = galley_layer_get_n_spans (layer) == 1
           && GALLEY_TOKEN_KIND (galley_layer_get_spans (layer, nullptr)[0].flags) == GALLEY_TOKEN_WORD
           && g_strcmp0 (out->str, "\"Hello C++\"") == 0
           && galley_params_get_specs (p) == params;
  g_string_free (out, TRUE);
  return ok ? 0 : 1;
}
CXX
  if ! $cxx ${SDK_CFLAGS:-} -I"$sdk" -Wall -Werror -std=c++17 -c "$work/all.cc" -o "$work/all.o" 2> "$work/err"; then
    echo "FAIL: <galley/galley.h> does not compile as C++:"
    cat "$work/err"
    fail=1
  else
    echo "ok: <galley/galley.h> compiles as C++"
    # link and run it against the build tree's library
    lib=${TOP_BUILDDIR:?}/sdk/.libs
    if $cxx ${SDK_CFLAGS:-} "$work/all.o" -o "$work/all" -L"$lib" -lgalley-sdk ${GLIB_LIBS:-} 2> "$work/err"; then
      if LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$work/all"; then
        echo "ok: a C++ program links and runs against libgalley-sdk"
      else
        echo "FAIL: the C++ program failed"
        fail=1
      fi
    else
      echo "FAIL: the C++ program does not link:"
      cat "$work/err"
      fail=1
    fi
  fi
else
  echo "SKIP: no C++ compiler ($cxx)"
  [ $fail -eq 0 ] && exit 77
fi
exit $fail
