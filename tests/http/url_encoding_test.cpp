#include <gtest/gtest.h>

#include "domain/error.h"
#include "http/message.h"

namespace wangju::http {
namespace {

TEST(PercentDecode, DecodesUtf8AndKeepsPlainText) {
    EXPECT_EQ(percent_decode("/units/%E6%BB%A8%E6%B5%B7", false), "/units/滨海");
    EXPECT_EQ(percent_decode("abc", false), "abc");
    EXPECT_EQ(percent_decode("", false), "");
    EXPECT_EQ(percent_decode("%2f%2F", false), "//");
}

TEST(PercentDecode, PlusIsSpaceOnlyInForms) {
    EXPECT_EQ(percent_decode("a+b", true), "a b");
    EXPECT_EQ(percent_decode("a+b", false), "a+b");
    EXPECT_EQ(percent_decode("a%2Bb", true), "a+b");
}

TEST(PercentDecode, RefusesMalformedEscapes) {
    for (const char* bad : {"%", "%4", "%zz", "abc%", "%g0", "%0g"}) {
        EXPECT_THROW(percent_decode(bad, false), Error) << bad;
    }
}

TEST(PercentDecode, DecodesNulSoCallersCanRefuseIt) {
    EXPECT_EQ(percent_decode("a%00b", false), std::string("a\0b", 3));
}

TEST(PercentEncode, RoundTrips) {
    std::string text = "工会 a/b?c=d&e+f~";
    EXPECT_EQ(percent_encode("a b"), "a%20b");
    EXPECT_EQ(percent_encode("a-b_c.d~"), "a-b_c.d~");
    EXPECT_EQ(percent_decode(percent_encode(text), false), text);
}

TEST(ParseUrlencoded, SplitsPairsAndDecodes) {
    auto values = parse_urlencoded("a=1&b=%E5%B7%A5&c=x+y&a=2&flag&&empty=");
    EXPECT_EQ(values.count("a"), 2u);
    EXPECT_EQ(values.find("b")->second, "工");
    EXPECT_EQ(values.find("c")->second, "x y");
    EXPECT_EQ(values.find("flag")->second, "");
    EXPECT_EQ(values.find("empty")->second, "");
    EXPECT_TRUE(parse_urlencoded("").empty());
}

TEST(ParseUrlencoded, RefusesBadEscapesAsInvalidInput) {
    try {
        parse_urlencoded("a=%E5%B7%");
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
    }
}

}  // namespace
}  // namespace wangju::http
