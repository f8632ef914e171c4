// Percent-encoding (RFC 3986) and application/x-www-form-urlencoded. Beast parses HTTP but
// leaves targets and form bodies encoded, and Boost.URL is not in Boost 1.74, so these few
// functions are written here; their edge cases are covered by tests/http/url_encoding_test.cpp.
#include <optional>

#include "domain/error.h"
#include "http/message.h"

namespace wangju::http {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Empty when an escape is malformed ("%", "%4", "%zz").
std::optional<std::string> strict_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+' && plus_is_space) {
            out += ' ';
        } else if (c != '%') {
            out += c;
        } else {
            if (i + 2 >= text.size()) return std::nullopt;
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        }
    }
    return out;
}

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
    auto decoded = strict_decode(text, plus_is_space);
    if (!decoded) throw Error(ErrorKind::invalid_input, "网址中含有无效的转义字符");
    return std::move(*decoded);
}

std::string percent_encode(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (is_unreserved(c)) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 0x0F];
        }
    }
    return out;
}

std::multimap<std::string, std::string> parse_urlencoded(std::string_view text) {
    std::multimap<std::string, std::string> out;
    while (!text.empty()) {
        auto end = text.find('&');
        auto pair = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (pair.empty()) continue;
        auto equals = pair.find('=');
        auto name = pair.substr(0, equals);
        auto value =
            equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
        out.emplace(percent_decode(name, true), percent_decode(value, true));
    }
    return out;
}

}  // namespace wangju::http
