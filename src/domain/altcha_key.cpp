#include "domain/altcha_key.h"

#include <sodium.h>

#include "domain/secret.h"

namespace wangju {

std::string altcha_key_of(std::string_view secret_key) {
    init_crypto();
    std::string key(crypto_auth_hmacsha256_BYTES, '\0');
    if (secret_key.empty()) {
        randombytes_buf(key.data(), key.size());
        return key;
    }
    const std::string_view label = "wangju altcha challenge key";
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret_key.data()),
                                secret_key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(label.data()),
                                  label.size());
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(key.data()));
    return key;
}

}  // namespace wangju
