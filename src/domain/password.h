// Password policy and hashing. Hashing uses libsodium's argon2id (crypto_pwhash_str).
#pragma once

#include <string>
#include <string_view>

namespace wangju {

// Empty when `password` meets the policy, else a Chinese reason:
// at least 10 characters (Unicode code points), at least 3 of the 4 classes (lower case, upper
// case, digit, other), not on the bundled list of common passwords (compared case-insensitively),
// and not containing the username.
std::string check_password_policy(std::string_view password, std::string_view username = {});

// Uses interactive limits in production. `fast_for_tests` selects the minimum limits so that test
// suites creating many accounts stay quick; the hash format is the same.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);
void set_fast_password_hashing_for_tests(bool fast);

}  // namespace wangju
