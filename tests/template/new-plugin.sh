#!/bin/sh
# placeholder until core/cmd-new-plugin.c lands
exit 77
