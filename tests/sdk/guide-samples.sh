#!/bin/sh
# placeholder until docs/plugin-guide.md lands
exit 77
