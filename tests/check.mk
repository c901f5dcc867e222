# check.mk: what every test directory shares. Include it from Makefile.am.
#
# C suites use Check and link the SDK; shell tests (*.sh) run the galley
# command from the build tree through $(GALLEY). `make check-valgrind`
# runs the C suites under memcheck with leaks as errors.

TEST_CFLAGS = -I$(top_srcdir)/sdk -I$(top_srcdir)/tests $(GLIB_CFLAGS) \
	$(CHECK_CFLAGS) $(WARN_CFLAGS) \
	-DTEST_SRCDIR=\"$(abs_srcdir)\" -DTEST_BUILDDIR=\"$(abs_builddir)\" \
	-DTOP_SRCDIR=\"$(abs_top_srcdir)\" -DTOP_BUILDDIR=\"$(abs_top_builddir)\"
TEST_LIBS = $(top_builddir)/sdk/libgalley-check.la \
	$(top_builddir)/sdk/libgalley-sdk.la $(GLIB_LIBS) $(CHECK_LIBS)

GALLEY = $(abs_top_builddir)/core/galley

TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	GALLEY='$(GALLEY)'; export GALLEY; \
	TOP_SRCDIR='$(abs_top_srcdir)'; export TOP_SRCDIR; \
	TOP_BUILDDIR='$(abs_top_builddir)'; export TOP_BUILDDIR; \
	TEST_SRCDIR='$(abs_srcdir)'; export TEST_SRCDIR; \
	GALLEY_PLUGIN_PATH=; export GALLEY_PLUGIN_PATH; \
	GALLEY_PLUGIN_SYSTEM_PATH=/nonexistent; export GALLEY_PLUGIN_SYSTEM_PATH; \
	LC_ALL=C.UTF-8; export LC_ALL; \
	ASAN_OPTIONS="intercept_tls_get_addr=0$${ASAN_OPTIONS:+:$$ASAN_OPTIONS}"; \
	export ASAN_OPTIONS;

# Under --enable-asan (the variable is ignored otherwise): gcc 12's
# LeakSanitizer misreads glibc 2.36's dynamic thread-local storage once a
# process has loaded enough modules that use it, and its tracer crashes as
# the process exits ("Tracer caught signal 11" after "DTLS 11 at 0xd1"),
# which turns a passing command's exit status into 1. Not intercepting
# __tls_get_addr keeps LeakSanitizer off that path.

# Under --enable-tsan: GSlice (GLib 2.74) hands a block freed by one thread
# to another under a futex lock ThreadSanitizer cannot see, which reads as
# a race on every reused block; plain malloc has no such reuse. tsan.supp
# holds the reports that are GLib's own, each with its reason. TSan's
# default atexit_sleep_ms=1000 adds a second to every exit, which made a
# stage's exit(0) look like a hang to --document-timeout 1s (supervise.sh)
# and every galley command of the shell tests a second slower.
if TSAN
AM_TESTS_ENVIRONMENT += \
	G_SLICE=always-malloc; export G_SLICE; \
	TSAN_OPTIONS="suppressions=$(abs_top_srcdir)/tests/tsan.supp atexit_sleep_ms=0 $${TSAN_OPTIONS-}"; \
	export TSAN_OPTIONS;
endif

# Under any sanitizer: a Check test's time limit (4 s unless its case
# sets one) is five times as long. Sanitized code runs 2-5 times slower,
# and on a loaded 2-core machine (load 9, other builds beside CI) two
# SDK cases that take 0.5 s plainly, the arena's reuse and every short
# UTF-8 sequence against GLib's verdict, ran past 4 s under ASan and
# UBSan. A limit is there to stop a hung test, not to time one; a caller's
# own CK_TIMEOUT_MULTIPLIER wins.
if SANITIZED
AM_TESTS_ENVIRONMENT += \
	CK_TIMEOUT_MULTIPLIER=$${CK_TIMEOUT_MULTIPLIER:-5}; export CK_TIMEOUT_MULTIPLIER;
endif

VALGRIND_FLAGS = --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--suppressions=$(abs_top_srcdir)/tests/valgrind.supp --quiet

check-valgrind:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(filter-out %.sh,$(TESTS))' \
	  LOG_COMPILER='$(LIBTOOL) --mode=execute $(VALGRIND) $(VALGRIND_FLAGS)' \
	  AM_TESTS_ENVIRONMENT='$(AM_TESTS_ENVIRONMENT) CK_FORK=no; export CK_FORK; G_SLICE=always-malloc; export G_SLICE;'

.PHONY: check-valgrind
