// Random tokens, token digests and TOTP (two-factor login).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.h"

namespace wangju {

// Calls sodium_init once; safe to call from any thread, any number of times.
void init_crypto();

// `bytes` random bytes as lowercase hex (so 32 bytes -> 64 characters).
std::string random_token(std::size_t bytes = 32);
// SHA-256 of `data` as lowercase hex. Session tokens are stored only as this digest.
std::string sha256_hex(std::string_view data);
// HMAC-SHA-256 of `message` under `key`: 32 bytes, and as lowercase hex.
std::string hmac_sha256(std::string_view key, std::string_view message);
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// Constant-time comparison of two strings of any length.
bool equal_constant_time(std::string_view a, std::string_view b);

// TOTP per RFC 6238 (30-second steps, 6 digits, SHA-1), through liboath.
std::string new_totp_secret();  // base32, 32 characters (160 bits)
// The otpauth:// URI that authenticator apps read.
std::string totp_uri(std::string_view secret_base32, std::string_view username,
                     std::string_view issuer = "网聚");
// Accepts the code of the current step and of one step either side (clock drift).
bool verify_totp(std::string_view secret_base32, std::string_view code, Timestamp at);
// The code at `at`, for tests and for showing a set-up check.
std::string totp_code(std::string_view secret_base32, Timestamp at);

}  // namespace wangju
