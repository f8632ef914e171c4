// The proof-of-work challenges' HMAC key: derived from the server's secret key, so that every
// server of one site (and a benchmark that prepares solutions for it) makes and accepts the same
// challenges.
#pragma once

#include <string>
#include <string_view>

namespace wangju {

// 32 raw bytes: HMAC-SHA256 of a fixed label under `secret_key`; random bytes when `secret_key` is
// empty (such a server's challenges then die with it).
std::string altcha_key_of(std::string_view secret_key);

}  // namespace wangju
