/* galley.h: the whole Galley SDK. Plugins include this one header. */
#pragma once

#include <galley/galley-version.h>
#include <galley/galley-error.h>
#include <galley/galley-value.h>
#include <galley/galley-document.h>
#include <galley/galley-hash.h>
#include <galley/galley-shard.h>
#include <galley/galley-layers.h>
#include <galley/galley-language.h>
#include <galley/galley-params.h>
#include <galley/galley-plugin.h>
#include <galley/galley-input.h>
#include <galley/galley-charset.h>
#include <galley/galley-output.h>
#include <galley/galley-merge.h>
#include <galley/galley-json.h>
#include <galley/galley-harness.h>
