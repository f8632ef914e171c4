#include "export/xlsx_number_format.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "domain/time.h"

namespace wangju::tables {

namespace {

// Day 25569 of the 1900 date system is 1970-01-01. Excel counts a 29 February 1900 that never
// was (serial 60, shown here as 1900-02-28), so serials below it are one day later than the
// count from 1970 suggests.
constexpr long long unix_epoch_serial_1900 = 25569;
constexpr long long fake_leap_day_serial = 60;
// Day 0 of the 1904 date system (1904-01-01) is day 1462 of the 1900 system.
constexpr long long serial_1904_offset = 1462;
// 9999-12-31, the last day Excel can show.
constexpr double last_serial = 2958465;
constexpr long long seconds_per_day = 86400;

std::optional<double> parse_double(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::string shortest(double value, std::chars_format format) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, format);
    return std::string(buffer, result.ptr);
}

std::string format_general(double value) {
    // Excel keeps 15 significant digits, so a sum stored as 0.30000000000000004 shows as 0.3.
    const double shown = *parse_double(fmt::format("{:.15g}", value));
    if (shown == std::trunc(shown) && std::fabs(shown) < 1e15) {
        return fmt::format("{}", static_cast<long long>(shown));
    }
    const double magnitude = std::fabs(shown);
    if (magnitude >= 1e-9 && magnitude < 1e15) return shortest(shown, std::chars_format::fixed);
    return shortest(shown, std::chars_format::general);
}

std::string format_time_of_day(long long seconds) {
    return fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

std::string format_serial(double serial, NumberShape shape, bool date1904) {
    const long long total_seconds = std::llround(serial * seconds_per_day);
    long long day = total_seconds / seconds_per_day;
    const long long seconds = total_seconds % seconds_per_day;
    if (shape == NumberShape::time) return format_time_of_day(seconds);
    if (date1904) {
        day += serial_1904_offset;
    } else if (day < fake_leap_day_serial) {
        ++day;
    }
    const Date date{std::chrono::sys_days{std::chrono::days{day - unix_epoch_serial_1900}}};
    if (shape == NumberShape::date || seconds == 0) return format_date(date);
    return format_date(date) + " " + format_time_of_day(seconds);
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    }
    return true;
}

// The letters [h], [mm] and [ss] mean elapsed time; other brackets hold colours, conditions
// and locales.
bool is_elapsed_time(std::string_view bracketed) {
    if (bracketed.empty()) return false;
    for (const char c : bracketed) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower != 'h' && lower != 'm' && lower != 's') return false;
    }
    return true;
}

struct FormatLetters {
    bool date = false;  // y or d
    bool time = false;  // h or s
    bool month_or_minute = false;
};

FormatLetters letters_of(std::string_view code) {
    FormatLetters found;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {
            i = std::min(code.find('"', i + 1), code.size());
        } else if (c == '[') {
            const std::size_t close = std::min(code.find(']', i + 1), code.size());
            found.time = found.time || is_elapsed_time(code.substr(i + 1, close - i - 1));
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (starts_with_ignoring_case(code.substr(i), "am/pm")) {
            i += 4;
        } else if (starts_with_ignoring_case(code.substr(i), "a/p")) {
            i += 2;
        } else {
            const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            found.date = found.date || lower == 'y' || lower == 'd';
            found.time = found.time || lower == 'h' || lower == 's';
            found.month_or_minute = found.month_or_minute || lower == 'm';
        }
    }
    return found;
}

}  // namespace

NumberShape shape_of_builtin_format(int id) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || id == 50 || id == 51 ||
        id == 54 || id == 57 || id == 58) {
        return NumberShape::date;
    }
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 52 ||
        id == 53 || id == 55 || id == 56) {
        return NumberShape::time;
    }
    if (id == 22) return NumberShape::date_time;
    return NumberShape::number;
}

NumberShape shape_of_format_code(std::string_view code) {
    const FormatLetters found = letters_of(code);
    const bool date = found.date || (found.month_or_minute && !found.time);
    if (date && found.time) return NumberShape::date_time;
    if (date) return NumberShape::date;
    if (found.time) return NumberShape::time;
    return NumberShape::number;
}

std::string format_cell_number(std::string_view value, NumberShape shape, bool date1904) {
    const auto number = parse_double(value);
    if (!number) return std::string(value);
    const bool is_serial = *number >= 0 && *number < last_serial + 1;
    if (shape == NumberShape::number || !is_serial) return format_general(*number);
    return format_serial(*number, shape, date1904);
}

}  // namespace wangju::tables
