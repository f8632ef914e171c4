// Standard base64 (RFC 4648 section 4, with its padding): the one encoder and decoder of the
// code, for the proof of work's payload, sealed secrets, tus metadata, seal images and mail.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wangju {

std::string base64_encode(std::string_view bytes);
// The bytes `text` encodes, or nullopt unless it is standard base64 with its padding and nothing
// else: no white space, no characters outside the alphabet, no padding inside, and no bits set
// past the last byte (so each byte string has one text).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace wangju
