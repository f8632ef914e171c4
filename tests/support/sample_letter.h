// A valid letter to the chairman's mailbox, as a writer's browser or an API client sends it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace wangju::testing {

// The body of POST /api/v1/letters, addressed to `unit` ("" for the site's unit).
nlohmann::json sample_letter(const std::string& unit = "");

}  // namespace wangju::testing
