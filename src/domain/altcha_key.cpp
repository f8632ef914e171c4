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
    return hmac_sha256(secret_key, "wangju altcha challenge key");
}

}  // namespace wangju
