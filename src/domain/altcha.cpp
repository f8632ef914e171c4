#include "domain/altcha.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <vector>

#include <openssl/evp.h>
#include <simdjson.h>
#include <sodium.h>

#include "domain/error.h"
#include "domain/secret.h"

namespace wangju {

namespace {

using Json = nlohmann::json;

std::string challenge_of(std::string_view salt, long number) {
    return sha256_hex(std::string(salt) + std::to_string(number));
}

// The positive whole number of the salt's parameter `name` ("…?expires=1700000000&issued=…"):
// 0 when the salt has no such parameter, -1 when its value is not such a number.
long long salt_parameter(std::string_view salt, std::string_view name) {
    const auto query = salt.find('?');
    if (query == std::string_view::npos) return 0;
    std::string_view rest = salt.substr(query + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        if (!pair.starts_with(name) || pair.size() <= name.size() || pair[name.size()] != '=') {
            continue;
        }
        const std::string_view digits = pair.substr(name.size() + 1);
        long long value = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec != std::errc() || end != digits.data() + digits.size() || value <= 0) return -1;
        return value;
    }
    return 0;
}

// The key under which a solution is spent: the challenge after the millisecond it was issued,
// written with 13 digits so that keys sort in the order the challenges were made (see
// AltchaSolution::spent_key).
std::string spent_key_of(long long issued_ms, const std::string& challenge) {
    if (issued_ms == 0) return challenge;
    std::string digits = std::to_string(issued_ms);
    if (digits.size() < 13) digits.insert(0, 13 - digits.size(), '0');
    return digits + ":" + challenge;
}

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
    throw_invalid(message, {{field, message}});
}

std::string base64_encode(std::string_view data) {
    std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                      data.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

// Standard base64 with its padding, and nothing else: no white space, no characters outside the
// alphabet, no padding inside, and no bits set past the last byte (one text per payload).
// libsodium validates the same way but decodes in constant time, which a payload that is no secret
// does not need: that took 2.6% of the server's CPU while a crowd voted. OpenSSL's decoder is fast
// but lax (it skips white space and reads any padding), so the text is checked here first.
std::optional<std::string> base64_decode(std::string_view text) {
    static constexpr auto values = [] {
        constexpr std::string_view alphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        std::array<std::int8_t, 256> table{};
        table.fill(-1);
        for (std::size_t i = 0; i < alphabet.size(); ++i) {
            table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
        }
        return table;
    }();
    auto value = [](char c) { return values[static_cast<unsigned char>(c)]; };
    if (text.size() % 4 != 0) return std::nullopt;
    std::size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
        ++padding;
    }
    const std::string_view data = text.substr(0, text.size() - padding);
    for (const char c : data) {
        if (value(c) < 0) return std::nullopt;
    }
    // The last character's bits past the last byte: 2 of its 6 with one '=', 4 with two.
    if (padding > 0 && (value(data.back()) & (padding == 1 ? 0x3 : 0xf)) != 0) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    const int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
    if (size < 0 || static_cast<std::size_t>(size) != out.size()) return std::nullopt;
    out.resize(out.size() - padding);
    return out;
}

}  // namespace

AltchaClock altcha_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

Json make_altcha_challenge(const AltchaSettings& settings, AltchaClock now) {
    init_crypto();
    const auto expires = std::chrono::floor<std::chrono::seconds>(now + settings.lifetime);
    const std::string salt = random_token(12) +
                             "?expires=" + std::to_string(expires.time_since_epoch().count()) +
                             "&issued=" + std::to_string(now.time_since_epoch().count());
    const long number =
        static_cast<long>(randombytes_uniform(static_cast<std::uint32_t>(settings.maxnumber) + 1));
    const std::string challenge = challenge_of(salt, number);
    return Json{{"algorithm", "SHA-256"},
                {"challenge", challenge},
                {"maxnumber", settings.maxnumber},
                {"salt", salt},
                {"signature", hmac_sha256_hex(settings.key, challenge)}};
}

AltchaSolution verify_altcha(const AltchaSettings& settings, std::string_view payload,
                             Timestamp now, const std::string& field) {
    if (payload.empty()) refuse(field, "请先完成人机验证");
    if (payload.size() > 4096) refuse(field, "人机验证数据无效,请重新验证");
    const auto text = base64_decode(payload);
    if (!text) refuse(field, "人机验证数据无效,请重新验证");
    // Every ballot brings one: read with simdjson, which parses it about ten times faster than
    // nlohmann-json builds a tree of it, and validates it as strictly.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::object json;
    std::string_view algorithm, challenge, salt, signature;
    std::int64_t number = 0;
    if (parser.parse(text->data(), text->size()).get(json) || json["algorithm"].get(algorithm) ||
        json["challenge"].get(challenge) || json["salt"].get(salt) ||
        json["signature"].get(signature) || json["number"].get(number)) {
        refuse(field, "人机验证数据无效,请重新验证");
    }
    if (algorithm != "SHA-256") refuse(field, "人机验证算法不受支持,请重新验证");
    AltchaSolution solution;
    solution.challenge = std::string(challenge);
    solution.number = static_cast<long>(number);
    if (!equal_constant_time(hmac_sha256_hex(settings.key, solution.challenge), signature)) {
        refuse(field, "人机验证未通过,请重新验证");
    }
    if (number < 0 || challenge_of(salt, solution.number) != solution.challenge) {
        refuse(field, "人机验证未通过,请重新验证");
    }
    const long long expires = salt_parameter(salt, "expires");
    const long long issued_ms = salt_parameter(salt, "issued");
    if (expires <= 0 || issued_ms < 0) refuse(field, "人机验证数据无效,请重新验证");
    solution.expires_at = Timestamp{std::chrono::seconds{expires}};
    if (solution.expires_at <= now) refuse(field, "人机验证已过期,请重新验证");
    // A challenge made before salts named their issue time was made a lifetime before it expires.
    solution.issued_at = issued_ms > 0 ? AltchaClock{std::chrono::milliseconds{issued_ms}}
                                       : AltchaClock{solution.expires_at - settings.lifetime};
    solution.spent_key = spent_key_of(issued_ms, solution.challenge);
    return solution;
}

std::optional<std::string> solve_altcha(const Json& challenge) {
    const auto salt = challenge.at("salt").get<std::string>();
    const auto target = challenge.at("challenge").get<std::string>();
    const long maxnumber = challenge.at("maxnumber").get<long>();
    for (long n = 0; n <= maxnumber; ++n) {
        if (challenge_of(salt, n) != target) continue;
        const Json payload{{"algorithm", "SHA-256"},
                           {"challenge", target},
                           {"number", n},
                           {"salt", salt},
                           {"signature", challenge.at("signature")},
                           {"took", 0}};
        return base64_encode(payload.dump());
    }
    return std::nullopt;
}

}  // namespace wangju
