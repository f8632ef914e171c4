#include "domain/tracking_code.h"

#include <fmt/format.h>

namespace wangju {

namespace {
constexpr std::string_view code_alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr std::size_t date_chars = 6;
}  // namespace

std::string dated_code(std::string_view prefix, Date day, std::string_view random_bytes,
                       std::size_t random_chars) {
    std::string code = fmt::format("{}{:02}{:02}{:02}", prefix, static_cast<int>(day.year()) % 100,
                                   static_cast<unsigned>(day.month()),
                                   static_cast<unsigned>(day.day()));
    for (std::size_t i = 0; i < random_chars; ++i) {
        const auto byte = static_cast<unsigned char>(i < random_bytes.size() ? random_bytes[i] : 0);
        code += code_alphabet[byte % code_alphabet.size()];
    }
    return code;
}

bool looks_like_dated_code(std::string_view text, std::string_view prefix,
                           std::size_t random_chars) {
    if (text.size() != prefix.size() + date_chars + random_chars || !text.starts_with(prefix)) {
        return false;
    }
    const std::size_t digits_end = prefix.size() + date_chars;
    for (std::size_t i = prefix.size(); i < digits_end; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    for (std::size_t i = digits_end; i < text.size(); ++i) {
        if (code_alphabet.find(text[i]) == std::string_view::npos) return false;
    }
    return true;
}

}  // namespace wangju
