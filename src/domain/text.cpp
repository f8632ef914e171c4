#include "domain/text.h"

#include <algorithm>

namespace wangju {

namespace {

// The length of a UTF-8 sequence from its lead byte; 0 for a byte that cannot lead one.
int sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

char32_t lead_bits(unsigned char lead, int length) {
    switch (length) {
        case 2:
            return lead & 0x1Fu;
        case 3:
            return lead & 0x0Fu;
        case 4:
            return lead & 0x07u;
        default:
            return lead;
    }
}

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0u) == 0x80u;
}

// The smallest code point that needs `length` bytes; anything below it is an overlong form.
char32_t minimum_for(int length) {
    switch (length) {
        case 2:
            return 0x80;
        case 3:
            return 0x800;
        case 4:
            return 0x10000;
        default:
            return 0;
    }
}

constexpr std::string_view ideographic_space = "\u3000";

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

// The standard library has no UTF-8 decoder any more (std::codecvt is deprecated) and the domain
// links no text library, so the few lines of RFC 3629 decoding live here.
std::optional<std::u32string> decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const int length = sequence_length(lead);
        if (length == 0 || i + length > text.size()) return std::nullopt;
        char32_t cp = lead_bits(lead, length);
        for (int k = 1; k < length; ++k) {
            const auto byte = static_cast<unsigned char>(text[i + k]);
            if (!is_continuation(byte)) return std::nullopt;
            cp = (cp << 6) | (byte & 0x3Fu);
        }
        const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        if (cp < minimum_for(length) || surrogate || cp > 0x10FFFF) return std::nullopt;
        out.push_back(cp);
        i += length;
    }
    return out;
}

std::string_view trim(std::string_view text) {
    while (true) {
        if (!text.empty() && is_ascii_space(text.front())) {
            text.remove_prefix(1);
        } else if (text.starts_with(ideographic_space)) {
            text.remove_prefix(ideographic_space.size());
        } else {
            break;
        }
    }
    while (true) {
        if (!text.empty() && is_ascii_space(text.back())) {
            text.remove_suffix(1);
        } else if (text.ends_with(ideographic_space)) {
            text.remove_suffix(ideographic_space.size());
        } else {
            break;
        }
    }
    return text;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
    static constexpr std::string_view replacement = "\uFFFD";
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto length =
            static_cast<std::size_t>(sequence_length(static_cast<unsigned char>(text[i])));
        const bool whole = length > 0 && i + length <= text.size() &&
                           decode_utf8(text.substr(i, length)).has_value();
        const std::string_view piece = whole ? text.substr(i, length) : replacement;
        if (out.size() + piece.size() > max_bytes) break;
        out += piece;
        i += whole ? length : 1;
    }
    return out;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) append_utf8(out, c);
    return out;
}

}  // namespace wangju
