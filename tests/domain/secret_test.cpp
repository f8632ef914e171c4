#include "domain/secret.h"

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace wangju {
namespace {

using namespace std::chrono_literals;

// RFC 6238, appendix B: the SHA-1 key "12345678901234567890".
constexpr const char* rfc_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

bool is_lower_hex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

TEST(Token, RandomTokenIsHexOfTheRequestedLengthAndUnique) {
    const std::string a = random_token();
    EXPECT_EQ(a.size(), 64u);
    EXPECT_TRUE(is_lower_hex(a));
    EXPECT_EQ(random_token(16).size(), 32u);
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) seen.insert(random_token());
    EXPECT_EQ(seen.size(), 100u);
}

TEST(Token, Sha256MatchesKnownDigests) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Token, HmacSha256MatchesTheRfc4231VectorsWhateverKeyCameBefore) {
    const std::string jefe_mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    // Test case 6: a key longer than SHA-256's block is hashed first.
    const std::string long_key(131, '\xaa');
    const std::string long_mac = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54";
    // Keys alternate, and one comes twice in a row: each MAC is the one of its own key.
    for (int round = 0; round < 2; ++round) {
        EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"), jefe_mac);
        EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"), jefe_mac);
        EXPECT_EQ(
            hmac_sha256_hex(long_key, "Test Using Larger Than Block-Size Key - Hash Key First"),
            long_mac);
        EXPECT_EQ(hmac_sha256_hex("", ""),
                  "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }
    const std::string raw = hmac_sha256("Jefe", "what do ya want for nothing?");
    ASSERT_EQ(raw.size(), 32u);
    EXPECT_EQ(static_cast<unsigned char>(raw[0]), 0x5bu);
    EXPECT_EQ(static_cast<unsigned char>(raw[31]), 0x43u);
}

TEST(Token, DigestsAreRightOnManyThreadsAtOnce) {
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&wrong, t] {
            const std::string key = "key " + std::to_string(t);
            const std::string first = hmac_sha256_hex(key, "ballot");
            for (int i = 0; i < 2000; ++i) {
                if (sha256_hex("abc") !=
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") {
                    ++wrong;
                }
                if (hmac_sha256_hex(key, "ballot") != first) ++wrong;
            }
            if (first == hmac_sha256_hex("key " + std::to_string(t + 1), "ballot")) ++wrong;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0);
}

TEST(Token, ConstantTimeEquality) {
    EXPECT_TRUE(equal_constant_time("abc123", "abc123"));
    EXPECT_TRUE(equal_constant_time("", ""));
    EXPECT_FALSE(equal_constant_time("abc123", "abc124"));
    EXPECT_FALSE(equal_constant_time("abc123", "abc12"));
    EXPECT_FALSE(equal_constant_time("", "a"));
}

TEST(Totp, MatchesTheRfc6238TestVectors) {
    EXPECT_EQ(totp_code(rfc_secret, Timestamp{59s}), "287082");
    EXPECT_EQ(totp_code(rfc_secret, Timestamp{1111111109s}), "081804");
    EXPECT_EQ(totp_code(rfc_secret, Timestamp{1234567890s}), "005924");
}

TEST(Totp, AcceptsOneStepOfDriftEitherSide) {
    const Timestamp now{1111111109s};
    EXPECT_TRUE(verify_totp(rfc_secret, totp_code(rfc_secret, now), now));
    EXPECT_TRUE(verify_totp(rfc_secret, totp_code(rfc_secret, now - 30s), now));
    EXPECT_TRUE(verify_totp(rfc_secret, totp_code(rfc_secret, now + 30s), now));
}

TEST(Totp, RefusesTwoStepsOfDrift) {
    const Timestamp now{1111111109s};
    EXPECT_FALSE(verify_totp(rfc_secret, totp_code(rfc_secret, now - 60s), now));
    EXPECT_FALSE(verify_totp(rfc_secret, totp_code(rfc_secret, now + 60s), now));
}

TEST(Totp, RefusesMalformedCodesAndSecrets) {
    const Timestamp now{1111111109s};
    EXPECT_FALSE(verify_totp(rfc_secret, "", now));
    EXPECT_FALSE(verify_totp(rfc_secret, "81804", now));
    EXPECT_FALSE(verify_totp(rfc_secret, "0818040", now));
    EXPECT_FALSE(verify_totp(rfc_secret, "08180a", now));
    EXPECT_FALSE(verify_totp("not base32!", "081804", now));
    EXPECT_THROW(totp_code("not base32!", now), std::invalid_argument);
}

TEST(Totp, NewSecretIs32Base32CharactersAndWorks) {
    const std::string secret = new_totp_secret();
    EXPECT_EQ(secret.size(), 32u);
    EXPECT_EQ(secret.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
    EXPECT_NE(secret, new_totp_secret());
    const Timestamp now{1700000000s};
    EXPECT_TRUE(verify_totp(secret, totp_code(secret, now), now));
}

TEST(Totp, UriNamesIssuerAndUserPercentEncoded) {
    EXPECT_EQ(totp_uri(rfc_secret, "zhang.wei"),
              "otpauth://totp/%E7%BD%91%E8%81%9A:zhang.wei?secret=" + std::string(rfc_secret) +
                  "&issuer=%E7%BD%91%E8%81%9A&algorithm=SHA1&digits=6&period=30");
    EXPECT_EQ(totp_uri("AB", "a b", "Tianjin Unions"),
              "otpauth://totp/Tianjin%20Unions:a%20b?secret=AB&issuer=Tianjin%20Unions"
              "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace wangju
