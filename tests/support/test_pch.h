// The headers that the test files over the web layer include, compiled once for all of their
// programs (target_precompile_headers in tests/CMakeLists.txt): about a seventh of each such
// file's compile in the sanitizer build.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/web_fixture.h"
