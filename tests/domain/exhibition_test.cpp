// Certificate codes, the certificate layout's checks and the order of tiers.
#include <gtest/gtest.h>

#include <set>

#include "domain/error.h"
#include "domain/exhibition.h"

namespace wangju {
namespace {

TEST(CertificateCode, TenBytesMakeSixteenCharactersInGroupsOfFour) {
    EXPECT_EQ(certificate_code_of(std::string(10, '\0')), "0000-0000-0000-0000");
    EXPECT_EQ(certificate_code_of(std::string(10, '\xff')), "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    // 0x08 0x42 ... : the bits read five at a time.
    EXPECT_EQ(certificate_code_of(std::string("\x08\x42\x10\x84\x21\x08\x42\x10\x84\x21", 10)),
              "1111-1111-1111-1111");
}

TEST(CertificateCode, NewCodesDifferAndUseOnlyTheAlphabet) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const auto code = new_certificate_code();
        ASSERT_EQ(code.size(), 19u);
        for (char c : code) EXPECT_EQ(std::string_view("ILOU").find(c), std::string_view::npos);
        EXPECT_EQ(normalised_certificate_code(code), code);
        seen.insert(code);
    }
    EXPECT_EQ(seen.size(), 200u);
}

TEST(CertificateCode, TypedCodesAreReadAsWritten) {
    EXPECT_EQ(normalised_certificate_code("7k3m q9tx-2hbd w4np"), "7K3M-Q9TX-2HBD-W4NP");
    EXPECT_EQ(normalised_certificate_code("OOOO-IIII-LLLL-0000"), "0000-1111-1111-0000");
    EXPECT_FALSE(normalised_certificate_code("7K3M-Q9TX-2HBD"));        // too short
    EXPECT_FALSE(normalised_certificate_code("7K3M-Q9TX-2HBD-W4NPX"));  // too long
    EXPECT_FALSE(normalised_certificate_code("7K3M-Q9TX-2HBD-W4N/"));   // not in the alphabet
    EXPECT_FALSE(normalised_certificate_code("UUUU-UUUU-UUUU-UUUU"));   // U is never written
    EXPECT_FALSE(normalised_certificate_code(""));
}

TEST(CertificateLayout, ChecksTitleIssuerAndSeal) {
    CertificateLayout ok;
    ok.issuer = "中华全国总工会";
    EXPECT_NO_THROW(check_certificate_layout(ok));
    auto field_of = [](const CertificateLayout& l) {
        try {
            check_certificate_layout(l);
        } catch (const Error& e) {
            return e.fields().begin()->first;
        }
        return std::string();
    };
    CertificateLayout l = ok;
    l.title = " ";
    EXPECT_EQ(field_of(l), "title");
    l.title = "一二三四五六七八九十一二三";  // 13 characters
    EXPECT_EQ(field_of(l), "title");
    l = ok;
    l.issuer = std::string(41 * 3, 'a');
    EXPECT_EQ(field_of(l), "issuer");
    l = ok;
    l.seal_png = "GIF89a";
    EXPECT_EQ(field_of(l), "seal");
    l.seal_png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(kMaxSealBytes, 'x');
    EXPECT_EQ(field_of(l), "seal");
}

TEST(TierOrder, FollowsTheJudgingsTiersThenTheRest) {
    const std::vector<AwardTier> tiers = {{"一等奖", 1}, {"二等奖", 2}, {"三等奖", 3}};
    EXPECT_EQ(tier_order(tiers, "一等奖"), 0);
    EXPECT_EQ(tier_order(tiers, "三等奖"), 2);
    EXPECT_EQ(tier_order(tiers, "优秀奖"), 3);
}

}  // namespace
}  // namespace wangju
