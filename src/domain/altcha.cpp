#include "domain/altcha.h"

#include <charconv>
#include <vector>

#include <sodium.h>

#include "domain/error.h"
#include "domain/secret.h"

namespace wangju {

namespace {

using Json = nlohmann::json;

std::string hex_of(const unsigned char* data, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), data, size);
    hex.pop_back();
    return hex;
}

std::string hmac_hex(std::string_view key, std::string_view message) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return hex_of(mac, sizeof mac);
}

std::string challenge_of(std::string_view salt, long number) {
    return sha256_hex(std::string(salt) + std::to_string(number));
}

// "…?expires=1700000000" (other parameters may follow after '&').
std::optional<Timestamp> expiry_of(std::string_view salt) {
    const auto at = salt.find("?expires=");
    if (at == std::string_view::npos) return std::nullopt;
    auto digits = salt.substr(at + 9);
    digits = digits.substr(0, digits.find('&'));
    long long seconds = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
    if (ec != std::errc() || end != digits.data() + digits.size() || seconds <= 0) {
        return std::nullopt;
    }
    return Timestamp{std::chrono::seconds{seconds}};
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

std::optional<std::string> base64_decode(std::string_view text) {
    std::vector<unsigned char> out(text.size());
    std::size_t size = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &size, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    return std::string(reinterpret_cast<const char*>(out.data()), size);
}

}  // namespace

Json make_altcha_challenge(const AltchaSettings& settings, Timestamp now) {
    init_crypto();
    const auto expires = now + settings.lifetime;
    const std::string salt =
        random_token(12) + "?expires=" + std::to_string(expires.time_since_epoch().count());
    const long number =
        static_cast<long>(randombytes_uniform(static_cast<std::uint32_t>(settings.maxnumber) + 1));
    const std::string challenge = challenge_of(salt, number);
    return Json{{"algorithm", "SHA-256"},
                {"challenge", challenge},
                {"maxnumber", settings.maxnumber},
                {"salt", salt},
                {"signature", hmac_hex(settings.key, challenge)}};
}

AltchaSolution verify_altcha(const AltchaSettings& settings, std::string_view payload,
                             Timestamp now, const std::string& field) {
    if (payload.empty()) refuse(field, "请先完成人机验证");
    if (payload.size() > 4096) refuse(field, "人机验证数据无效,请重新验证");
    const auto text = base64_decode(payload);
    if (!text) refuse(field, "人机验证数据无效,请重新验证");
    const Json json = Json::parse(*text, nullptr, false);
    if (!json.is_object() || !json.value("algorithm", Json()).is_string() ||
        !json.value("challenge", Json()).is_string() || !json.value("salt", Json()).is_string() ||
        !json.value("signature", Json()).is_string() ||
        !json.value("number", Json()).is_number_integer()) {
        refuse(field, "人机验证数据无效,请重新验证");
    }
    if (json["algorithm"].get<std::string>() != "SHA-256") {
        refuse(field, "人机验证算法不受支持,请重新验证");
    }
    AltchaSolution solution;
    solution.challenge = json["challenge"].get<std::string>();
    const auto salt = json["salt"].get<std::string>();
    const auto signature = json["signature"].get<std::string>();
    solution.number = json["number"].get<long>();
    if (!equal_constant_time(hmac_hex(settings.key, solution.challenge), signature)) {
        refuse(field, "人机验证未通过,请重新验证");
    }
    if (solution.number < 0 || challenge_of(salt, solution.number) != solution.challenge) {
        refuse(field, "人机验证未通过,请重新验证");
    }
    const auto expires = expiry_of(salt);
    if (!expires) refuse(field, "人机验证数据无效,请重新验证");
    if (*expires <= now) refuse(field, "人机验证已过期,请重新验证");
    solution.expires_at = *expires;
    solution.issued_at = *expires - settings.lifetime;
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
