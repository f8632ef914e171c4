#include "store/rows.h"

#include <stdexcept>

namespace wangju::store {

std::string stored(Timestamp t) {
    return format_utc(t);
}

Timestamp timestamp_from(const std::string& text) {
    const auto t = parse_utc(text);
    if (!t) throw std::runtime_error("invalid timestamp in database: " + text);
    return *t;
}

NullableText stored(const std::optional<Date>& day) {
    return NullableText(day ? std::optional<std::string>(format_date(*day)) : std::nullopt);
}

std::optional<Date> date_from(const NullableText& text) {
    const auto value = text.get();
    if (!value) return std::nullopt;
    const auto day = parse_date(*value);
    if (!day) throw std::runtime_error("invalid date in database: " + *value);
    return day;
}

NullableText stored(const std::optional<Timestamp>& t) {
    return NullableText(t ? std::optional<std::string>(format_utc(*t)) : std::nullopt);
}

std::optional<Timestamp> timestamp_from(const NullableText& text) {
    const auto value = text.get();
    if (!value) return std::nullopt;
    return timestamp_from(*value);
}

std::string subtree_end(std::string_view path) {
    std::string end(path);
    if (!end.empty()) end.back() = static_cast<char>(end.back() + 1);
    return end;
}

}  // namespace wangju::store
