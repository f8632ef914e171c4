#include "domain/secret_box.h"

#include <stdexcept>
#include <vector>

#include <sodium.h>

#include "domain/base64.h"
#include "domain/error.h"
#include "domain/secret.h"

namespace wangju {

namespace {

std::string to_base64(const std::vector<unsigned char>& bytes) {
    return base64_encode({reinterpret_cast<const char*>(bytes.data()), bytes.size()});
}

std::vector<unsigned char> from_base64(std::string_view text) {
    const auto bytes = base64_decode(text);
    if (!bytes) return {};
    return {bytes->begin(), bytes->end()};
}

[[noreturn]] void unreadable() {
    throw Error(ErrorKind::unavailable, "加密数据无法解密:密钥与数据不符");
}

}  // namespace

std::string new_secret_box_key() {
    init_crypto();
    std::string key(crypto_secretbox_KEYBYTES, '\0');
    randombytes_buf(key.data(), key.size());
    return key;
}

SecretBox::SecretBox(std::string key) : key_(std::move(key)) {
    static_assert(crypto_secretbox_KEYBYTES == secret_box_key_bytes);
    if (key_.size() != crypto_secretbox_KEYBYTES) {
        throw std::invalid_argument("a secret box key is 32 bytes");
    }
    init_crypto();
}

void SecretBox::require_key() const {
    if (key_.empty()) throw Error(ErrorKind::unavailable, "主席信箱尚未配置加密密钥");
}

std::string SecretBox::seal(std::string_view plain) const {
    require_key();
    std::vector<unsigned char> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                   plain.size());
    randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                          out.data(), reinterpret_cast<const unsigned char*>(key_.data()));
    return to_base64(out);
}

std::string SecretBox::open(std::string_view sealed) const {
    require_key();
    const auto bytes = from_base64(sealed);
    if (bytes.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) unreadable();
    std::string plain(bytes.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   bytes.data() + crypto_secretbox_NONCEBYTES,
                                   bytes.size() - crypto_secretbox_NONCEBYTES, bytes.data(),
                                   reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
        unreadable();
    }
    return plain;
}

}  // namespace wangju
