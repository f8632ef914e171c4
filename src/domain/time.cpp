#include "domain/time.h"

#include <fmt/format.h>

namespace wangju {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;

// Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for
// every date the campaign can hold and avoids depending on the host's time zone database.
constexpr hours shanghai_offset{8};

// Reads exactly `width` decimal digits at `pos`. libstdc++ 12 has no std::chrono::parse, and
// strptime would accept more than these fixed formats, so the few fields are read by hand.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool has_char(std::string_view text, std::size_t pos, char expected) {
    return pos < text.size() && text[pos] == expected;
}

// "YYYY-MM-DD" at the start of `text`.
std::optional<Date> read_date(std::string_view text) {
    const auto y = read_digits(text, 0, 4);
    const auto m = read_digits(text, 5, 2);
    const auto d = read_digits(text, 8, 2);
    if (!y || !m || !d || !has_char(text, 4, '-') || !has_char(text, 7, '-')) return std::nullopt;
    const Date date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                    std::chrono::day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

// "HH:MM:SS" at `pos`, as the time of day.
std::optional<seconds> read_time_of_day(std::string_view text, std::size_t pos) {
    const auto h = read_digits(text, pos, 2);
    const auto m = read_digits(text, pos + 3, 2);
    const auto s = read_digits(text, pos + 6, 2);
    if (!h || !m || !s || !has_char(text, pos + 2, ':') || !has_char(text, pos + 5, ':')) {
        return std::nullopt;
    }
    if (*h > 23 || *m > 59 || *s > 59) return std::nullopt;
    return hours{*h} + minutes{*m} + seconds{*s};
}

struct CivilTime {
    Date date;
    std::chrono::hh_mm_ss<seconds> time;
};

CivilTime civil_time(Timestamp t) {
    const auto day = std::chrono::floor<days>(t);
    return {Date{day}, std::chrono::hh_mm_ss<seconds>{t - day}};
}

}  // namespace

Timestamp now_utc() {
    return std::chrono::floor<seconds>(Clock::now());
}

std::string format_utc(Timestamp t) {
    const auto [date, time] = civil_time(t);
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(date), time.hours().count(),
                       time.minutes().count(), time.seconds().count());
}

std::optional<Timestamp> parse_utc(std::string_view text) {
    // "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD HH:MM:SS", both read as UTC.
    const bool iso = text.size() == 20 && text[10] == 'T' && text[19] == 'Z';
    const bool plain = text.size() == 19 && text[10] == ' ';
    if (!iso && !plain) return std::nullopt;
    const auto date = read_date(text);
    const auto time = read_time_of_day(text, 11);
    if (!date || !time) return std::nullopt;
    return Timestamp{sys_days{*date}} + *time;
}

std::string format_date(Date d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    return read_date(text);
}

Date shanghai_date(Timestamp t) {
    return civil_time(t + shanghai_offset).date;
}

std::string format_shanghai(Timestamp t) {
    const auto [date, time] = civil_time(t + shanghai_offset);
    return fmt::format("{} {:02}:{:02}", format_date(date), time.hours().count(),
                       time.minutes().count());
}

}  // namespace wangju
