// Beast parses messages, not the values of Range headers, so the one form that matters (a
// single byte range) is parsed here.
#include "http/byte_range.h"

#include <limits>
#include <optional>

#include "domain/text.h"

namespace wangju::http {

namespace {

std::optional<std::uint64_t> parse_number(std::string_view digits) {
    if (digits.empty() || digits.size() > 19) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

RangeRequest partial(std::uint64_t first, std::uint64_t last) {
    return {RangeRequest::Kind::partial, ByteRange{first, last - first + 1}};
}

RangeRequest suffix(std::string_view digits, std::uint64_t size) {
    auto count = parse_number(digits);
    if (!count) return {};
    if (*count == 0 || size == 0) return {RangeRequest::Kind::unsatisfiable, {}};
    if (*count > size) count = size;
    return partial(size - *count, size - 1);
}

}  // namespace

RangeRequest parse_range(std::string_view header, std::uint64_t size) {
    header = trim(header);
    if (!header.starts_with("bytes=")) return {};
    auto spec = trim(header.substr(6));
    if (spec.find(',') != std::string_view::npos) return {};
    auto dash = spec.find('-');
    if (dash == std::string_view::npos) return {};
    auto first_text = trim(spec.substr(0, dash));
    auto last_text = trim(spec.substr(dash + 1));
    if (first_text.empty()) return suffix(last_text, size);
    auto first = parse_number(first_text);
    auto last = last_text.empty() ? std::optional(std::numeric_limits<std::uint64_t>::max())
                                  : parse_number(last_text);
    if (!first || !last || *last < *first) return {};
    if (*first >= size) return {RangeRequest::Kind::unsatisfiable, {}};
    return partial(*first, std::min(*last, size - 1));
}

}  // namespace wangju::http
