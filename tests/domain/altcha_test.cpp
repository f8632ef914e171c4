// The proof-of-work challenge: a solved challenge verifies; a forged, altered, expired or malformed
// one does not.
#include <gtest/gtest.h>

#include <sodium.h>

#include "domain/altcha.h"
#include "domain/error.h"
#include "domain/secret.h"

namespace wangju {
namespace {

AltchaSettings settings() {
    AltchaSettings s;
    s.key = std::string(32, 'k');
    s.maxnumber = 2000;
    return s;
}

std::string encode_text(const std::string& text) {
    std::string out(sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                      text.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

std::string encode(const nlohmann::json& json) {
    return encode_text(json.dump());
}

nlohmann::json decode(const std::string& payload) {
    std::string bytes(payload.size(), '\0');
    std::size_t size = 0;
    sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), payload.data(),
                      payload.size(), nullptr, &size, nullptr, sodium_base64_VARIANT_ORIGINAL);
    bytes.resize(size);
    return nlohmann::json::parse(bytes);
}

std::string message_of(const std::string& payload, Timestamp now) {
    try {
        verify_altcha(settings(), payload, now);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_EQ(e.fields().count("altcha"), 1u);
        return e.message();
    }
    return "";
}

TEST(Altcha, TheChallengeHasTheFieldsTheWidgetReads) {
    const auto now = now_utc();
    const auto c = make_altcha_challenge(settings(), now);
    EXPECT_EQ(c["algorithm"], "SHA-256");
    EXPECT_EQ(c["maxnumber"], 2000);
    EXPECT_EQ(c["challenge"].get<std::string>().size(), 64u);
    EXPECT_EQ(c["signature"].get<std::string>().size(), 64u);
    EXPECT_NE(c["salt"].get<std::string>().find("?expires="), std::string::npos);
}

TEST(Altcha, ASolvedChallengeVerifiesWithItsIssueTime) {
    const auto now = now_utc();
    const auto payload = solve_altcha(make_altcha_challenge(settings(), now));
    ASSERT_TRUE(payload);
    const auto solution = verify_altcha(settings(), *payload, now + std::chrono::seconds(5));
    EXPECT_EQ(solution.issued_at, now);
    EXPECT_EQ(solution.expires_at, now + settings().lifetime);
    EXPECT_EQ(solution.challenge, decode(*payload)["challenge"]);
}

// A solved challenge signed with settings()' key whose salt is `salt`, as the server would make it.
std::string solved_with_salt(const std::string& salt) {
    const std::string challenge = sha256_hex(salt + "7");
    const std::string key = settings().key;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(challenge.data()),
                                  challenge.size());
    crypto_auth_hmacsha256_final(&state, mac);
    std::string signature(sizeof mac * 2 + 1, '\0');
    sodium_bin2hex(signature.data(), signature.size(), mac, sizeof mac);
    signature.pop_back();
    return encode({{"algorithm", "SHA-256"},
                   {"challenge", challenge},
                   {"number", 7},
                   {"salt", salt},
                   {"signature", signature},
                   {"took", 0}});
}

TEST(Altcha, ChallengesMadeLaterAreSpentUnderKeysThatSortLater) {
    const AltchaClock start = altcha_now();
    std::vector<std::string> keys;
    for (auto offset : {0, 1, 2, 500, 999, 1000, 61'000}) {
        const AltchaClock made = start + std::chrono::milliseconds(offset);
        const auto payload = *solve_altcha(make_altcha_challenge(settings(), made));
        const Timestamp second = std::chrono::floor<std::chrono::seconds>(made);
        const auto solution = verify_altcha(settings(), payload, second + std::chrono::seconds(1));
        EXPECT_EQ(solution.issued_at, made);
        EXPECT_EQ(solution.expires_at,
                  std::chrono::floor<std::chrono::seconds>(made + settings().lifetime));
        EXPECT_TRUE(solution.spent_key.ends_with(":" + solution.challenge)) << solution.spent_key;
        // The same solution sent again is spent under the same key.
        EXPECT_EQ(verify_altcha(settings(), payload, second).spent_key, solution.spent_key);
        keys.push_back(solution.spent_key);
    }
    for (std::size_t i = 1; i < keys.size(); ++i) EXPECT_LT(keys[i - 1], keys[i]);
}

TEST(Altcha, AChallengeWhoseSaltNamesNoIssueTimeIsItsOwnKey) {
    // As challenges were made before their salts named the issue time.
    const auto now = now_utc();
    const auto expires = now + std::chrono::minutes(3);
    const std::string salt =
        "0123456789abcdef01234567?expires=" + std::to_string(expires.time_since_epoch().count());
    const auto solution = verify_altcha(settings(), solved_with_salt(salt), now);
    EXPECT_EQ(solution.spent_key, sha256_hex(salt + "7"));
    EXPECT_EQ(solution.expires_at, expires);
    EXPECT_EQ(solution.issued_at, expires - settings().lifetime);

    // A salt whose parameters are not whole numbers is not the server's.
    for (const std::string& bad :
         std::vector<std::string>{salt + "&issued=soon", salt + "&issued=-5",
                                  salt + "&issued=", "0123456789abcdef01234567?expires=later"}) {
        EXPECT_EQ(message_of(solved_with_salt(bad), now), "人机验证数据无效,请重新验证") << bad;
    }
    EXPECT_EQ(message_of(solved_with_salt("0123456789abcdef01234567"), now),
              "人机验证数据无效,请重新验证");
}

TEST(Altcha, AWrongNumberAnotherKeyAnAlteredExpiryOrAnExpiredChallengeFail) {
    const auto now = now_utc();
    const auto payload = *solve_altcha(make_altcha_challenge(settings(), now));
    auto wrong = decode(payload);
    wrong["number"] = wrong["number"].get<long>() + 1;
    EXPECT_EQ(message_of(encode(wrong), now), "人机验证未通过,请重新验证");

    auto other = settings();
    other.key = std::string(32, 'x');
    const auto forged = *solve_altcha(make_altcha_challenge(other, now));
    EXPECT_EQ(message_of(forged, now), "人机验证未通过,请重新验证");

    // A later expiry changes the salt, so the hash no longer matches.
    auto longer = decode(payload);
    longer["salt"] = longer["salt"].get<std::string>() + "0";
    EXPECT_EQ(message_of(encode(longer), now), "人机验证未通过,请重新验证");

    EXPECT_EQ(message_of(payload, now + settings().lifetime), "人机验证已过期,请重新验证");
}

TEST(Altcha, EmptyOrMalformedPayloadsAreRefusedWithAMessage) {
    const auto now = now_utc();
    EXPECT_EQ(message_of("", now), "请先完成人机验证");
    EXPECT_EQ(message_of("not base64!", now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of(encode({{"algorithm", "SHA-256"}}), now), "人机验证数据无效,请重新验证");
    auto c = make_altcha_challenge(settings(), now);
    const std::string solved = *solve_altcha(c);
    EXPECT_EQ(message_of(solved, now), "");
    // Base64 with white space, a group cut short or padding inside is not a payload.
    EXPECT_EQ(message_of(" " + solved, now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of(solved + "\n", now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of(solved.substr(0, solved.size() - 1), now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of("=" + solved.substr(1), now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of(solved + "====", now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of("====", now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of("A===", now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of(std::string(4, '\xe4'), now), "人机验证数据无效,请重新验证");
    // The same bytes written another way: bits set past the last byte, or the padding left out.
    // A payload whose text ends in padding is made by giving its JSON a salt of another length.
    for (int extra = 0; extra < 3; ++extra) {
        auto padded = decode(solved);
        padded["salt"] = padded["salt"].get<std::string>() + std::string(extra, 'x');
        const std::string text = encode(padded);
        if (!text.ends_with('=')) continue;
        const auto data_end = text.find('=');
        std::string loose = text;
        const std::string_view alphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        loose[data_end - 1] = alphabet[alphabet.find(loose[data_end - 1]) | 1];
        EXPECT_EQ(message_of(loose, now), "人机验证数据无效,请重新验证") << loose;
        EXPECT_EQ(message_of(text.substr(0, data_end), now), "人机验证数据无效,请重新验证");
    }
    auto p = decode(solved);
    p["algorithm"] = "SHA-1";
    EXPECT_EQ(message_of(encode(p), now), "人机验证算法不受支持,请重新验证");
    // The number a whole number, every field of its type; the payload JSON, and nothing after it.
    for (const nlohmann::json& number : {nlohmann::json(7.0), nlohmann::json("7"),
                                         nlohmann::json(nullptr), nlohmann::json::array({7})}) {
        auto typed = decode(solved);
        typed["number"] = number;
        EXPECT_EQ(message_of(encode(typed), now), "人机验证数据无效,请重新验证") << number;
    }
    auto salted = decode(solved);
    salted["salt"] = 12;
    EXPECT_EQ(message_of(encode(salted), now), "人机验证数据无效,请重新验证");
    const std::string json = decode(solved).dump();
    EXPECT_EQ(message_of(encode_text(json), now), "");
    EXPECT_EQ(message_of(encode_text(json + "}"), now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of(encode_text("[" + json + "]"), now), "人机验证数据无效,请重新验证");
    EXPECT_EQ(message_of(encode_text(json.substr(0, json.size() - 1)), now),
              "人机验证数据无效,请重新验证");
}

}  // namespace
}  // namespace wangju
