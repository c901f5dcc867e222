# scratch-install.sh: sourced by template-build.sh and new-plugin.sh.
# Installs this build into $work/root with `make install DESTDIR=` and
# points pkg-config, the dynamic linker and galley at that install only.
#
# Not `make install prefix=`: libtool refuses to install a module linked
# with one -rpath into another directory. The installed galley-1.pc names
# the configured prefix, so pkg-config reads a copy of it with the DESTDIR
# put in front of its absolute directories; every other line is as
# installed.
#
# Needs: $work (an empty scratch directory), $TOP_BUILDDIR. Sets: root,
# galley (the installed binary), plugindir, libdir, includedir, and the
# functions step, die and run.
make=${MAKE:-make}
root=$work/root

step () { echo "== $*"; }
die () { echo "FAIL: $*"; exit 1; }
# run LOG CMD...: runs CMD with its output in $work/LOG.log, shown on failure
run () {
  log=$1; shift
  if ! "$@" > "$work/$log.log" 2>&1; then
    tail -n 60 "$work/$log.log"
    die "$* (log above)"
  fi
}

# Our own make's command-line variables (check-valgrind's LOG_COMPILER,
# TESTS=...) must not reach the makes below.
unset MAKEFLAGS MFLAGS MAKELEVEL

step "install into $root"
run install $make -C "$TOP_BUILDDIR" install DESTDIR="$root"
mkdir -p "$work/pkgconfig"
for name in galley-1 galley-check-1; do
  pc=$(find "$root" -path "*/pkgconfig/$name.pc" | head -n 1)
  [ -n "$pc" ] || die "make install wrote no $name.pc"
  sed -e "s#^\(prefix\|exec_prefix\|libdir\|includedir\)=/#\1=$root/#" "$pc" \
    > "$work/pkgconfig/$name.pc"
done
PKG_CONFIG_PATH=$work/pkgconfig
export PKG_CONFIG_PATH
pkg-config --exists galley-1 galley-check-1 || die "pkg-config cannot read the installed galley-1.pc and galley-check-1.pc"
libdir=$(pkg-config --variable=libdir galley-1)
includedir=$(pkg-config --variable=includedir galley-1)
plugindir=$(pkg-config --variable=plugindir galley-1)
case $plugindir in
  "$root"/*) ;;
  *) die "plugindir '$plugindir' is not inside the install" ;;
esac
galley=$(find "$root" -path '*/bin/galley' -type f | head -n 1)
[ -x "$galley" ] || die "make install wrote no galley binary"
# the installed binaries look for the library in the configured libdir
LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
# What is built below is built like this build: a sanitizer build's
# library and galley need modules and tests built with the same flags.
# configure, make -f Makefile.plain and distcheck's configure read these.
CFLAGS=${BUILD_CFLAGS:-}
LDFLAGS=${BUILD_LDFLAGS:-}
export CFLAGS LDFLAGS
# galley finds its installed plugins there, and nothing from the build tree
GALLEY_PLUGIN_SYSTEM_PATH=$plugindir
export GALLEY_PLUGIN_SYSTEM_PATH
