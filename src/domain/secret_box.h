// Symmetric encryption of small values at rest (phone numbers and addresses of letters), with
// libsodium's secretbox (XSalsa20-Poly1305): each value gets a fresh random nonce, and a changed
// or foreign ciphertext is refused rather than decrypted to garbage.
#pragma once

#include <string>
#include <string_view>

namespace wangju {

inline constexpr std::size_t secret_box_key_bytes = 32;

// A new random key (32 raw bytes).
std::string new_secret_box_key();

class SecretBox {
  public:
    SecretBox() = default;  // without a key: seal and open throw Error(unavailable)
    // `key` is 32 raw bytes; throws std::invalid_argument otherwise.
    explicit SecretBox(std::string key);

    bool has_key() const { return !key_.empty(); }
    // Base64 of nonce followed by the ciphertext; a different text each call.
    std::string seal(std::string_view plain) const;
    // Throws Error(unavailable) when `sealed` was not made by seal() under this key.
    std::string open(std::string_view sealed) const;

  private:
    void require_key() const;
    std::string key_;
};

}  // namespace wangju
