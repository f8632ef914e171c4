// The body of an API request that changes state: checked for its CSRF token, then parsed as a
// JSON object. Throws Error(csrf_failed) or Error(invalid_input).
#pragma once

#include <nlohmann/json.hpp>

#include "web/auth.h"

namespace wangju::web {

nlohmann::json checked_body(const http::Request& request, const CurrentUser& user);
nlohmann::json json_object_body(const http::Request& request);

}  // namespace wangju::web
