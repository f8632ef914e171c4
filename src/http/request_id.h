// The id that ties a request to its access-log line, its error log lines and the response.
#pragma once

#include <string>
#include <string_view>

namespace wangju::http {

// 16 random hexadecimal characters. Thread-safe.
std::string make_request_id();
// A client- or proxy-supplied id is reused when it is 8 to 64 of [A-Za-z0-9-].
bool is_valid_request_id(std::string_view id);

}  // namespace wangju::http
