# plugin.mk: what every plugin's Makefile.am shares. Include it, then list
# the module (plugin_LTLIBRARIES) and its convenience library (the stage
# code, which the plugin's Check suite links directly).
plugindir = $(pkglibdir)/plugins
PLUGIN_CFLAGS = -I$(top_srcdir)/sdk $(GLIB_CFLAGS) $(WARN_CFLAGS)
PLUGIN_LIBS = $(top_builddir)/sdk/libgalley-sdk.la $(GLIB_LIBS)
PLUGIN_LDFLAGS = -module -avoid-version -shared -no-undefined \
	-export-symbols-regex '^galley_plugin_'
