// Small text helpers shared by the domain rules: UTF-8 decoding, trimming and ASCII case folding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wangju {

// The code points of `text`, or nothing when it is not well-formed UTF-8 (overlong forms,
// surrogates and values above U+10FFFF are refused).
std::optional<std::u32string> decode_utf8(std::string_view text);

// Appends the UTF-8 form of the code point `c` (which must be a valid scalar value).
void append_utf8(std::string& out, char32_t c);
// The UTF-8 form of `text`, each code point a valid scalar value.
std::string encode_utf8(std::u32string_view text);

// The longest start of `text` of at most `max_bytes` bytes that ends on a whole character, with
// each byte that is not part of well-formed UTF-8 first replaced by U+FFFD: for keeping a bounded
// piece of an untrusted text (a header, a file name) that the databases store as UTF-8.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

// `text` without leading and trailing ASCII white space and ideographic spaces (U+3000), which
// Chinese input methods often leave around a value.
std::string_view trim(std::string_view text);

// `text` with A-Z folded to a-z; other bytes, including non-ASCII ones, are kept.
std::string to_lower_ascii(std::string_view text);

}  // namespace wangju
