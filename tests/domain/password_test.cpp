#include "domain/password.h"

#include <gtest/gtest.h>

namespace wangju {
namespace {

constexpr const char* too_short = "密码至少需要10个字符";
constexpr const char* too_few_classes = "密码需包含大写字母、小写字母、数字、符号中的至少3类";
constexpr const char* too_common = "该密码过于常见,请换一个";
constexpr const char* has_username = "密码不能包含用户名";

TEST(PasswordPolicy, AcceptsAStrongPassword) {
    EXPECT_EQ(check_password_policy("Haihe-Bridge-7", "zhangwei"), "");
    EXPECT_EQ(check_password_policy("tianjin.binhai.2023"), "");
}

TEST(PasswordPolicy, NeedsTenCharacters) {
    EXPECT_EQ(check_password_policy("Ab1!efghi"), too_short);
    EXPECT_EQ(check_password_policy("Ab1!efghij"), "");
}

TEST(PasswordPolicy, CountsChineseCharactersAsOneEachAndAsOther) {
    // Nine code points although 21 bytes: too short.
    EXPECT_EQ(check_password_policy("网聚职工正能ab1"), too_short);
    // Ten code points with lower case, digit and non-ASCII "other": three classes.
    EXPECT_EQ(check_password_policy("网聚职工正能量ab1"), "");
    // Chinese and digits only: two classes.
    EXPECT_EQ(check_password_policy("网聚职工正能量1234"), too_few_classes);
}

TEST(PasswordPolicy, NeedsThreeOfFourClasses) {
    EXPECT_EQ(check_password_policy("abcdefghijkl"), too_few_classes);
    EXPECT_EQ(check_password_policy("abcdefgh1234"), too_few_classes);
    EXPECT_EQ(check_password_policy("ABCDEFgh!!!!"), "");
    EXPECT_EQ(check_password_policy("abcdefgh12!!"), "");
    EXPECT_EQ(check_password_policy("ABCDEFGH12!!"), "");
    EXPECT_EQ(check_password_policy("abc def ghi 1"), "");
}

TEST(PasswordPolicy, RefusesCommonPasswordsWhateverTheirCase) {
    EXPECT_EQ(check_password_policy("P@ssw0rd123"), too_common);
    EXPECT_EQ(check_password_policy("p@SSW0RD123"), too_common);
    EXPECT_EQ(check_password_policy("Aa123456789"), too_common);
    EXPECT_EQ(check_password_policy("1qaz@WSX3edc"), too_common);
    EXPECT_EQ(check_password_policy("Woaini1314!"), too_common);
    EXPECT_EQ(check_password_policy("Qq123456789"), too_common);
}

TEST(PasswordPolicy, RefusesThePasswordContainingTheUsername) {
    EXPECT_EQ(check_password_policy("Zhangwei#2023", "zhangwei"), has_username);
    EXPECT_EQ(check_password_policy("my-ZHANGWEI-9", "zhangwei"), has_username);
    EXPECT_EQ(check_password_policy("Zhangwei#2023", "lijing"), "");
}

TEST(PasswordPolicy, RefusesBrokenUtf8) {
    EXPECT_NE(check_password_policy("Abcdefgh1!\xff"), "");
}

class PasswordHashing : public ::testing::Test {
  protected:
    void SetUp() override { set_fast_password_hashing_for_tests(true); }
    void TearDown() override { set_fast_password_hashing_for_tests(false); }
};

TEST_F(PasswordHashing, VerifiesTheRightPasswordOnly) {
    const std::string hash = hash_password("Haihe-Bridge-7");
    EXPECT_TRUE(hash.starts_with("$argon2id$"));
    EXPECT_TRUE(verify_password(hash, "Haihe-Bridge-7"));
    EXPECT_FALSE(verify_password(hash, "haihe-Bridge-7"));
    EXPECT_FALSE(verify_password(hash, ""));
}

TEST_F(PasswordHashing, SaltsEachHash) {
    EXPECT_NE(hash_password("网聚职工正能量ab1x"), hash_password("网聚职工正能量ab1x"));
}

TEST_F(PasswordHashing, MalformedHashNeverVerifies) {
    EXPECT_FALSE(verify_password("", ""));
    EXPECT_FALSE(verify_password("not a hash", "not a hash"));
    EXPECT_FALSE(verify_password(std::string(500, '$'), "x"));
}

TEST_F(PasswordHashing, FastModeOnlyLowersTheCost) {
    const std::string fast = hash_password("Haihe-Bridge-7");
    set_fast_password_hashing_for_tests(false);
    const std::string normal = hash_password("Haihe-Bridge-7");
    EXPECT_NE(fast.find("m=8,t=1,"), std::string::npos) << fast;
    EXPECT_NE(normal.find("m=65536,t=2,"), std::string::npos) << normal;
    EXPECT_TRUE(verify_password(normal, "Haihe-Bridge-7"));
}

}  // namespace
}  // namespace wangju
