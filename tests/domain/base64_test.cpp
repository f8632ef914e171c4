// Base64 as RFC 4648 gives it, checked against its test vectors and against libsodium's strict
// decoder, which accepts and refuses exactly the same texts.
#include <gtest/gtest.h>

#include <sodium.h>

#include <random>
#include <string>
#include <vector>

#include "domain/base64.h"

namespace wangju {
namespace {

// libsodium's answer: the bytes, or nullopt where it refuses the text.
std::optional<std::string> sodium_decode(const std::string& text) {
    std::string out(text.size(), '\0');
    std::size_t size = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &size, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    out.resize(size);
    return out;
}

TEST(Base64, EncodesAndDecodesTheVectorsOfRfc4648) {
    const std::vector<std::pair<std::string, std::string>> vectors = {{"", ""},
                                                                      {"f", "Zg=="},
                                                                      {"fo", "Zm8="},
                                                                      {"foo", "Zm9v"},
                                                                      {"foob", "Zm9vYg=="},
                                                                      {"fooba", "Zm9vYmE="},
                                                                      {"foobar", "Zm9vYmFy"}};
    for (const auto& [bytes, text] : vectors) {
        EXPECT_EQ(base64_encode(bytes), text);
        EXPECT_EQ(base64_decode(text), bytes) << text;
    }
    const std::string all_bytes = [] {
        std::string bytes;
        for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
        return bytes;
    }();
    EXPECT_EQ(base64_decode(base64_encode(all_bytes)), all_bytes);
    EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
}

TEST(Base64, RefusesWhatIsNotStrictlyBase64) {
    for (const std::string text : {"Zg", "Zg=", "Zg===", "Z===", "====", "Zm9v ", " Zm9v", "Zm 9v",
                                   "Zm9v\n", "Zg==Zm9v", "Zm=v", "Zh==", "Zm9=", "Zm-_", "Zm9v!"}) {
        EXPECT_EQ(base64_decode(text), std::nullopt) << '"' << text << '"';
        EXPECT_EQ(sodium_decode(text), std::nullopt) << '"' << text << '"';
    }
    // A byte past ASCII is no base64 either (libsodium 1.0.18 reads 0x80 as a character of its
    // alphabet: "F+I\x80/Q==" gives it four bytes).
    EXPECT_EQ(base64_decode("F+I\x80/Q=="), std::nullopt);
    EXPECT_EQ(base64_decode("Zm9\xff"), std::nullopt);
}

// Texts made by changing, adding or removing a character of valid ones: both decoders give the
// same answer for every one.
TEST(Base64, AnswersAsLibsodiumDoesForTextsNearlyRight) {
    std::mt19937 random(20231);
    const std::string characters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \n-_.";
    int refused = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string bytes(random() % 12, '\0');
        for (auto& b : bytes) b = static_cast<char>(random() % 256);
        std::string text = base64_encode(bytes);
        const char c = characters[random() % characters.size()];
        const std::size_t at = text.empty() ? 0 : random() % (text.size() + 1);
        switch (random() % 4) {
            case 0:
                if (at < text.size()) text[at] = c;
                break;
            case 1:
                text.insert(at, 1, c);
                break;
            case 2:
                if (at < text.size()) text.erase(at, 1);
                break;
            default:
                break;  // left valid
        }
        const auto ours = base64_decode(text);
        ASSERT_EQ(ours, sodium_decode(text)) << '"' << text << '"';
        if (!ours) ++refused;
    }
    EXPECT_GT(refused, 5000);  // the texts were not all valid
}

}  // namespace
}  // namespace wangju
