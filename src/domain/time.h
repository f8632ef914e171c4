// Points in time are UTC seconds; calendar dates are civil dates. Campaign deadlines are read in
// Asia/Shanghai (UTC+8, no daylight saving since 1991), which `shanghai_*` helpers convert.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wangju {

using Clock = std::chrono::system_clock;
using Timestamp = std::chrono::sys_seconds;
using Date = std::chrono::year_month_day;

Timestamp now_utc();
// "2023-06-21T08:30:00Z"
std::string format_utc(Timestamp t);
std::optional<Timestamp> parse_utc(std::string_view text);
// "2023-06-21"
std::string format_date(Date d);
std::optional<Date> parse_date(std::string_view text);
// The civil date in Asia/Shanghai of a point in time.
Date shanghai_date(Timestamp t);
// "2023-06-21 16:30" in Asia/Shanghai, for pages.
std::string format_shanghai(Timestamp t);

}  // namespace wangju
