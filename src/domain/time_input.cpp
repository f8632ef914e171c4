#include "domain/time_input.h"

namespace wangju {

namespace {

// As in domain/time.cpp: Asia/Shanghai is UTC+8 without daylight saving.
constexpr std::chrono::hours shanghai_offset{8};

}  // namespace

std::string format_shanghai_input(Timestamp t) {
    // format_utc of the local time gives "YYYY-MM-DDTHH:MM:SSZ"; the input takes the minutes.
    return format_utc(t + shanghai_offset).substr(0, 16);
}

std::optional<Timestamp> parse_shanghai_input(std::string_view text) {
    if (text.size() != 16 || text[10] != 'T') return std::nullopt;
    auto local = parse_utc(std::string(text) + ":00Z");
    if (!local) return std::nullopt;
    return *local - shanghai_offset;
}

}  // namespace wangju
