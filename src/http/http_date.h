// HTTP dates ("Sun, 06 Nov 1994 08:49:37 GMT"), for Last-Modified and If-Modified-Since.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace wangju::http {

std::string format_http_date(std::chrono::system_clock::time_point time);
// Accepts the IMF-fixdate form only, which is what browsers send back; empty otherwise.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

}  // namespace wangju::http
