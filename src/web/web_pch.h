// Precompiled header for web/: the library headers that nearly every handler file reads through
// web_context.h (JSON, SOCI, fmt) and the standard containers. Project headers stay out, so that
// editing one does not rebuild the header.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <soci/soci.h>
#include <nlohmann/json.hpp>
