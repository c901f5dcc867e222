# plugin.mk: what every plugin's Makefile.am shares. Include it, then list
# the module (plugin_LTLIBRARIES) and its convenience library (the stage
# code, which the plugin's Check suite links directly).
plugindir = $(pkglibdir)/plugins
PLUGIN_CFLAGS = -I$(top_srcdir)/sdk $(GLIB_CFLAGS) $(WARN_CFLAGS)
PLUGIN_LIBS = $(top_builddir)/sdk/libgalley-sdk.la $(GLIB_LIBS)
PLUGIN_MODULE_FLAGS = -module -avoid-version -shared -no-undefined \
	-export-symbols-regex '^galley_plugin_'

# Data compiled into the module (GResource), so a plugin never looks for
# data files: NAME.gresource.xml gives NAME-resources.c and .h, with C
# names NAME_* ('-' as '_'), internal to the module. A plugin lists them
# in BUILT_SOURCES and nodist_*_SOURCES, and sets RESOURCE_DIR (where the
# files are) and RESOURCE_FILES (them, for rebuilds).
GLIB_COMPILE_RESOURCES = $(shell $(PKG_CONFIG) --variable=glib_compile_resources gio-2.0)
%-resources.c: %.gresource.xml $(RESOURCE_FILES)
	$(AM_V_GEN)$(GLIB_COMPILE_RESOURCES) --target=$@ --sourcedir=$(RESOURCE_DIR) \
	  --generate-source --internal --c-name $(subst -,_,$*) $<
%-resources.h: %.gresource.xml
	$(AM_V_GEN)$(GLIB_COMPILE_RESOURCES) --target=$@ --sourcedir=$(RESOURCE_DIR) \
	  --generate-header --internal --c-name $(subst -,_,$*) $<
