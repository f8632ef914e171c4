// utf8_prefix: a bounded piece of an untrusted text that stays well-formed UTF-8.
#include "domain/text.h"

#include <gtest/gtest.h>

namespace wangju {
namespace {

TEST(Utf8Prefix, KeepsTextThatFitsAsItIs) {
    EXPECT_EQ(utf8_prefix("Mozilla/5.0 微信", 300), "Mozilla/5.0 微信");
    EXPECT_EQ(utf8_prefix("", 10), "");
}

TEST(Utf8Prefix, EndsOnAWholeCharacter) {
    // 网 and 聚 take three bytes each: four bytes hold only the first.
    EXPECT_EQ(utf8_prefix("网聚", 4), "网");
    EXPECT_EQ(utf8_prefix("网聚", 6), "网聚");
    EXPECT_EQ(utf8_prefix("a网", 3), "a");
    EXPECT_EQ(utf8_prefix("网", 2), "");
    std::string name;
    for (int i = 0; i < 70; ++i) name += "职";
    const auto kept = utf8_prefix(name + ".png", 200);
    EXPECT_EQ(kept.size(), 198u);  // 66 characters; a byte cut at 200 would split the 67th
    EXPECT_TRUE(decode_utf8(kept).has_value());
}

TEST(Utf8Prefix, ReplacesBytesThatAreNotUtf8) {
    EXPECT_EQ(utf8_prefix("ab\xff"
                          "c",
                          10),
              "ab\uFFFD"
              "c");
    EXPECT_EQ(utf8_prefix("\xe7\xbd", 10), "\uFFFD\uFFFD");  // a character cut short
    EXPECT_EQ(utf8_prefix("\xc0\xaf", 10), "\uFFFD\uFFFD");  // an overlong '/'
    // The replacement takes three bytes, and is left out whole when they do not fit.
    EXPECT_EQ(utf8_prefix("ab\xff", 4), "ab");
}

}  // namespace
}  // namespace wangju
