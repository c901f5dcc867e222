#!/bin/sh
# autogen.sh: makes configure from configure.ac (needs autoconf, automake,
# libtool and pkg-config's pkg.m4).
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --force --install
