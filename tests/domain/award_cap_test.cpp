#include <gtest/gtest.h>

#include "domain/error.h"
#include "domain/judging_scores.h"

namespace wangju {
namespace {

TEST(AwardCap, AllowsUpToThePercentRoundedDownAndSaysByHowManyPast) {
    EXPECT_EQ(award_cap_limit(30, 100), 30);
    EXPECT_EQ(award_cap_limit(30, 9), 2);  // 2.7 rounds down
    EXPECT_NO_THROW(check_award_cap(30, 100, 30, "tiers"));
    try {
        check_award_cap(30, 100, 33, "tiers");
        FAIL() << "passed the cap";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        ASSERT_TRUE(e.fields().count("tiers"));
        EXPECT_NE(e.message().find("超出 3 件"), std::string::npos) << e.message();
    }
    EXPECT_NO_THROW(check_award_cap(std::nullopt, 100, 100, "tiers"));  // no cap
    EXPECT_NO_THROW(check_award_cap(30, 0, 10, "tiers"));  // no entries yet: nothing to count
    EXPECT_EQ(award_places({{"一等奖", 1}, {"二等奖", 3}, {"三等奖", 5}}), 9);
}

TEST(AwardCap, IsAPercentFromOneToAHundred) {
    EXPECT_THROW(check_award_cap_percent(0), Error);
    EXPECT_THROW(check_award_cap_percent(101), Error);
    EXPECT_NO_THROW(check_award_cap_percent(30));
}

}  // namespace
}  // namespace wangju
