#include "domain/altcha.h"

#include <charconv>
#include <cstdint>

#include <simdjson.h>
#include <sodium.h>

#include "domain/base64.h"
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
