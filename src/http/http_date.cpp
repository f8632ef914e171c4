#include "http/http_date.h"

#include <ctime>

namespace wangju::http {

std::string format_http_date(std::chrono::system_clock::time_point time) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[40];
    auto length = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &parts);
    return std::string(text, length);
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
    if (text.size() != 29) return std::nullopt;
    std::string copy(text);
    std::tm parts{};
    const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &parts);
    if (end == nullptr || *end != '\0') return std::nullopt;
    return std::chrono::system_clock::from_time_t(timegm(&parts));
}

}  // namespace wangju::http
