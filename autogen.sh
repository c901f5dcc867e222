#!/bin/sh
# Generates configure and the Makefile.in files from a fresh checkout.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --force --install --verbose
