// The body of an API request that changes state: checked for its CSRF token, then parsed as a
// JSON object. Throws Error(csrf_failed) or Error(invalid_input).
#pragma once

#include <nlohmann/json.hpp>

#include "web/auth.h"

namespace wangju::web {

nlohmann::json checked_body(const http::Request& request, const CurrentUser& user);
nlohmann::json json_object_body(const http::Request& request);
// The body's value of `field`, null when the body has none: operator[] of a const object must not
// be asked for a key it lacks (nlohmann asserts, and without assertions reads past the end).
const nlohmann::json& field_of(const nlohmann::json& body, const char* field);

}  // namespace wangju::web
