#!/bin/sh
# Generates configure and the Makefile.in files from a fresh checkout.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
# gtk-doc (Debian gtk-doc-tools) is optional: without it, a stub
# gtk-doc.make lets automake run, and --enable-gtk-doc is unavailable.
if command -v gtkdocize >/dev/null; then
  gtkdocize --copy --flavour no-tmpl
else
  printf 'EXTRA_DIST =\nCLEANFILES =\n' > gtk-doc.make
fi
autoreconf --force --install --verbose
