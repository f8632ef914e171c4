#include "domain/password.h"

#include <atomic>
#include <stdexcept>

#include <sodium.h>

#include "domain/common_passwords.h"
#include "domain/secret.h"
#include "domain/text.h"

namespace wangju {

namespace {

constexpr std::size_t min_length = 10;
constexpr int min_classes = 3;

std::atomic<bool> fast_hashing{false};

struct CharClasses {
    bool lower = false;
    bool upper = false;
    bool digit = false;
    bool other = false;

    int count() const { return int{lower} + int{upper} + int{digit} + int{other}; }
};

CharClasses classes_of(const std::u32string& chars) {
    CharClasses classes;
    for (const char32_t c : chars) {
        if (c >= 'a' && c <= 'z') {
            classes.lower = true;
        } else if (c >= 'A' && c <= 'Z') {
            classes.upper = true;
        } else if (c >= '0' && c <= '9') {
            classes.digit = true;
        } else {
            classes.other = true;  // symbols, spaces and every non-ASCII character
        }
    }
    return classes;
}

bool contains_username(std::string_view password, std::string_view username) {
    if (username.empty()) return false;
    return to_lower_ascii(password).find(to_lower_ascii(username)) != std::string::npos;
}

}  // namespace

std::string check_password_policy(std::string_view password, std::string_view username) {
    const auto chars = decode_utf8(password);
    if (!chars) return "密码含有无法识别的字符";
    if (chars->size() < min_length) return "密码至少需要10个字符";
    if (classes_of(*chars).count() < min_classes) {
        return "密码需包含大写字母、小写字母、数字、符号中的至少3类";
    }
    if (contains_username(password, username)) return "密码不能包含用户名";
    if (is_common_password(password)) return "该密码过于常见,请换一个";
    return {};
}

std::string hash_password(std::string_view password) {
    init_crypto();
    const bool fast = fast_hashing.load();
    const unsigned long long ops =
        fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const std::size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(), ops, mem) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return hash;
}

bool verify_password(std::string_view hash, std::string_view password) {
    // libsodium reads the hash as a NUL-terminated string of at most STRBYTES - 1 characters.
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    init_crypto();
    const std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void set_fast_password_hashing_for_tests(bool fast) {
    fast_hashing.store(fast);
}

}  // namespace wangju
