#include "domain/secret.h"

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <liboath/oath.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <sodium.h>

namespace wangju {

namespace {

constexpr unsigned totp_digits = 6;
constexpr unsigned totp_step_seconds = 30;
constexpr std::size_t totp_window_steps = 1;
constexpr std::size_t totp_secret_bytes = 20;

void init_oath() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (oath_init() != OATH_OK) throw std::runtime_error("liboath could not be initialised");
    });
}

std::string to_hex(const unsigned char* data, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), data, size);
    hex.pop_back();
    return hex;
}

// SHA-256 and HMAC-SHA-256 go through OpenSSL, which uses the processor's SHA instructions where
// it has them: a session token's digest takes a third of the time of libsodium's portable code,
// and a proof of work's signature a quarter. Every ballot takes both. The algorithms are fetched
// once (fetching them per call takes a lock) and each thread keeps its own contexts.
[[noreturn]] void digest_failed() {
    throw std::runtime_error("SHA-256 could not be computed");
}

// Kept for the life of the process: threads may still hash while it exits.
const EVP_MD* sha256_algorithm() {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (md == nullptr) digest_failed();
    return md;
}

EVP_MAC* hmac_algorithm() {
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr) digest_failed();
    return mac;
}

struct DigestContexts {
    EVP_MD_CTX* sha256 = nullptr;
    EVP_MAC_CTX* hmac = nullptr;
    std::string hmac_key;  // the key `hmac` holds, so that its padded key is made once per key
    DigestContexts(const DigestContexts&) = delete;
    DigestContexts& operator=(const DigestContexts&) = delete;
    DigestContexts() = default;
    ~DigestContexts() {
        EVP_MD_CTX_free(sha256);
        EVP_MAC_CTX_free(hmac);
        OPENSSL_cleanse(hmac_key.data(), hmac_key.size());
    }
};

DigestContexts& digest_contexts() {
    thread_local DigestContexts contexts;
    return contexts;
}

void sha256_into(std::string_view data, unsigned char (&digest)[32]) {
    auto& contexts = digest_contexts();
    if (contexts.sha256 == nullptr && (contexts.sha256 = EVP_MD_CTX_new()) == nullptr) {
        digest_failed();
    }
    unsigned int length = 0;
    if (EVP_DigestInit_ex2(contexts.sha256, sha256_algorithm(), nullptr) != 1 ||
        EVP_DigestUpdate(contexts.sha256, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(contexts.sha256, digest, &length) != 1 || length != sizeof digest) {
        digest_failed();
    }
}

void hmac_sha256_into(std::string_view key, std::string_view message, unsigned char (&mac)[32]) {
    auto& contexts = digest_contexts();
    if (contexts.hmac == nullptr &&
        (contexts.hmac = EVP_MAC_CTX_new(hmac_algorithm())) == nullptr) {
        digest_failed();
    }
    // A key of nullptr tells OpenSSL to start again with the key it holds.
    const bool same_key = !contexts.hmac_key.empty() && contexts.hmac_key == key;
    int started = 0;
    if (same_key) {
        started = EVP_MAC_init(contexts.hmac, nullptr, 0, nullptr);
    } else {
        static const unsigned char no_key = 0;
        char digest_name[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
            OSSL_PARAM_construct_end()};
        OPENSSL_cleanse(contexts.hmac_key.data(), contexts.hmac_key.size());
        contexts.hmac_key.clear();
        started =
            EVP_MAC_init(contexts.hmac,
                         key.empty() ? &no_key : reinterpret_cast<const unsigned char*>(key.data()),
                         key.size(), params);
        if (started == 1) contexts.hmac_key = key;
    }
    std::size_t length = 0;
    if (started != 1 ||
        EVP_MAC_update(contexts.hmac, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1 ||
        EVP_MAC_final(contexts.hmac, mac, &length, sizeof mac) != 1 || length != sizeof mac) {
        contexts.hmac_key.clear();
        digest_failed();
    }
}

struct FreeDeleter {
    void operator()(char* p) const { std::free(p); }
};
using OathBuffer = std::unique_ptr<char, FreeDeleter>;

std::optional<std::string> decode_base32(std::string_view text) {
    init_oath();
    char* out = nullptr;
    std::size_t out_size = 0;
    if (oath_base32_decode(text.data(), text.size(), &out, &out_size) != OATH_OK) {
        return std::nullopt;
    }
    const OathBuffer owned(out);
    return std::string(out, out_size);
}

std::string encode_base32(std::string_view bytes) {
    init_oath();
    char* out = nullptr;
    std::size_t out_size = 0;
    if (oath_base32_encode(bytes.data(), bytes.size(), &out, &out_size) != OATH_OK) {
        throw std::runtime_error("base32 encoding failed");
    }
    const OathBuffer owned(out);
    return std::string(out, out_size);
}

std::string decode_secret(std::string_view secret_base32) {
    auto key = decode_base32(secret_base32);
    if (!key || key->empty()) throw std::invalid_argument("the TOTP secret is not valid base32");
    return *key;
}

bool is_totp_code(std::string_view code) {
    if (code.size() != totp_digits) return false;
    for (const char c : code) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// RFC 3986 percent-encoding of everything but the unreserved characters, byte by byte, so that
// UTF-8 text such as "网聚" becomes "%E7%BD%91%E8%81%9A" as authenticator apps expect.
std::string percent_encode(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out += c;
        } else {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

time_t unix_seconds(Timestamp at) {
    return static_cast<time_t>(at.time_since_epoch().count());
}

}  // namespace

void init_crypto() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    });
}

std::string random_token(std::size_t bytes) {
    init_crypto();
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), buffer.size());
    return to_hex(buffer.data(), buffer.size());
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[32];
    sha256_into(data, digest);
    return to_hex(digest, sizeof digest);
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
    unsigned char mac[32];
    hmac_sha256_into(key, message, mac);
    return std::string(reinterpret_cast<const char*>(mac), sizeof mac);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    unsigned char mac[32];
    hmac_sha256_into(key, message, mac);
    return to_hex(mac, sizeof mac);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    // Only the contents are compared in constant time; the length of a token is no secret.
    if (a.size() != b.size()) return false;
    init_crypto();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string new_totp_secret() {
    init_crypto();
    std::string key(totp_secret_bytes, '\0');
    randombytes_buf(key.data(), key.size());
    return encode_base32(key);
}

std::string totp_uri(std::string_view secret_base32, std::string_view username,
                     std::string_view issuer) {
    const std::string issuer_part = percent_encode(issuer);
    return fmt::format(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={}&period={}", issuer_part,
        percent_encode(username), percent_encode(secret_base32), issuer_part, totp_digits,
        totp_step_seconds);
}

bool verify_totp(std::string_view secret_base32, std::string_view code, Timestamp at) {
    if (!is_totp_code(code)) return false;
    const auto key = decode_base32(secret_base32);
    if (!key || key->empty()) return false;
    const std::string otp(code);  // liboath compares NUL-terminated strings
    const int result =
        oath_totp_validate(key->data(), key->size(), unix_seconds(at), totp_step_seconds,
                           OATH_TOTP_DEFAULT_START_TIME, totp_window_steps, otp.c_str());
    return result >= 0;
}

std::string totp_code(std::string_view secret_base32, Timestamp at) {
    const std::string key = decode_secret(secret_base32);
    char otp[totp_digits + 1] = {};
    if (oath_totp_generate(key.data(), key.size(), unix_seconds(at), totp_step_seconds,
                           OATH_TOTP_DEFAULT_START_TIME, totp_digits, otp) != OATH_OK) {
        throw std::runtime_error("TOTP generation failed");
    }
    return std::string(otp, totp_digits);
}

}  // namespace wangju
