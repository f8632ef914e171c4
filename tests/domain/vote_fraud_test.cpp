// The fraud flags of a public vote, each on a built example, with what it must not flag beside it.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/vote_fraud.h"

namespace wangju {
namespace {

Timestamp t0() {
    return *parse_utc("2023-10-02T02:00:00Z");
}

struct Votes {
    std::vector<VoteEvidence> list;
    void add(long long voter, long long work, std::string address, int seconds_after,
             int registered_hours_before = 24 * 30, int solve_ms = 2000) {
        VoteEvidence v;
        v.id = VoteId{static_cast<long long>(list.size()) + 1};
        v.voter = VoterId{voter};
        v.work = WorkId{work};
        v.address = std::move(address);
        v.cast_at = t0() + std::chrono::seconds(seconds_after);
        v.voter_registered_at = v.cast_at - std::chrono::hours(registered_hours_before);
        v.solve_ms = solve_ms;
        list.push_back(v);
    }
};

std::vector<VoteFlag> of_rule(const std::vector<VoteFlag>& flags, FlagRule rule) {
    std::vector<VoteFlag> out;
    std::copy_if(flags.begin(), flags.end(), std::back_inserter(out),
                 [rule](const VoteFlag& f) { return f.rule == rule; });
    return out;
}

TEST(VoteFlags, NetworksAreSlash24AndSlash64AndShownMasked) {
    EXPECT_EQ(network_of("203.0.113.77"), "203.0.113.0/24");
    EXPECT_EQ(network_of("::ffff:203.0.113.77"), "203.0.113.0/24");
    EXPECT_EQ(network_of("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
    EXPECT_EQ(masked_address("198.51.100.4"), "198.51.100.0/24");
}

TEST(VoteFlags, ABurstFromOneAddressIsFlaggedAndASteadyTrickleIsNot) {
    FraudSettings s;
    s.burst_votes = 5;
    s.burst_seconds = 60;
    s.network_burst_votes = 1000;
    Votes v;
    for (int i = 0; i < 8; ++i) v.add(100 + i, 1, "203.0.113.9", i * 5);     // 8 votes in 35 s
    for (int i = 0; i < 8; ++i) v.add(200 + i, 1, "198.51.100.4", i * 120);  // one every 2 min
    const auto flags = of_rule(find_flags(v.list, s), FlagRule::address_burst);
    ASSERT_EQ(flags.size(), 1u);
    EXPECT_EQ(flags[0].key, "203.0.113.0/24");
    EXPECT_EQ(flags[0].votes.size(), 8u);
    EXPECT_EQ(flags[0].votes.front(), VoteId{1});
    EXPECT_EQ(flags[0].first, t0());
    EXPECT_EQ(flags[0].last, t0() + std::chrono::seconds(35));
    // The id is stable, and does not show the address.
    EXPECT_EQ(flags[0].id, of_rule(find_flags(v.list, s), FlagRule::address_burst)[0].id);
    EXPECT_EQ(flags[0].id.find("203.0.113.9"), std::string::npos);
}

TEST(VoteFlags, ABurstSpreadOverOneNetworkIsFlaggedAsTheNetwork) {
    FraudSettings s;
    s.burst_votes = 100;
    s.network_burst_votes = 10;
    s.burst_seconds = 60;
    Votes v;
    for (int i = 0; i < 12; ++i) v.add(i + 1, 2, "203.0.113." + std::to_string(i + 1), i);
    for (int i = 0; i < 12; ++i) v.add(i + 50, 2, "10." + std::to_string(i) + ".0.1", i);
    const auto flags = of_rule(find_flags(v.list, s), FlagRule::network_burst);
    ASSERT_EQ(flags.size(), 1u);
    EXPECT_EQ(flags[0].key, "203.0.113.0/24");
    EXPECT_EQ(flags[0].votes.size(), 12u);
    EXPECT_EQ(flags[0].accounts, 12);
}

TEST(VoteFlags, NewAccountsVotingForTheSameWorkWithinMinutesAreFlagged) {
    FraudSettings s;
    s.alike_accounts = 4;
    s.alike_minutes = 10;
    s.new_account_hours = 24;
    Votes v;
    // Five accounts registered an hour before, all for work 9 within six minutes.
    for (int i = 0; i < 5; ++i) v.add(300 + i, 9, "198.51.100." + std::to_string(i), i * 90, 1);
    // Old accounts doing the same are not flagged; nor are new ones spread over the day.
    for (int i = 0; i < 5; ++i) v.add(400 + i, 9, "192.0.2." + std::to_string(i), i * 60);
    for (int i = 0; i < 5; ++i) v.add(500 + i, 8, "192.0.2." + std::to_string(i), i * 3600, 1);
    const auto flags = of_rule(find_flags(v.list, s), FlagRule::new_accounts_alike);
    ASSERT_EQ(flags.size(), 1u);
    EXPECT_EQ(flags[0].accounts, 5);
    EXPECT_EQ(flags[0].key, "作品 9");
    for (auto id : flags[0].votes) EXPECT_LE(id.value, 5);
}

TEST(VoteFlags, ManyAccountsFromOneAddressAreFlagged) {
    FraudSettings s;
    s.accounts_per_address = 3;
    Votes v;
    for (int i = 0; i < 4; ++i) v.add(600 + i, 1, "203.0.113.50", i * 4000);
    for (int i = 0; i < 3; ++i) v.add(700 + i, 1, "203.0.113.51", i * 4000);
    const auto flags = of_rule(find_flags(v.list, s), FlagRule::accounts_per_address);
    ASSERT_EQ(flags.size(), 1u);
    EXPECT_EQ(flags[0].accounts, 4);
    EXPECT_EQ(flags[0].key, "203.0.113.0/24");
}

TEST(VoteFlags, ChallengesSolvedFasterThanABrowserCanAreFlagged) {
    FraudSettings s;
    s.min_solve_ms = 400;
    Votes v;
    v.add(1, 1, "203.0.113.5", 0, 24 * 30, 15);
    v.add(2, 1, "203.0.113.6", 10, 24 * 30, 30);
    v.add(3, 1, "203.0.113.7", 20, 24 * 30, 400);
    const auto flags = of_rule(find_flags(v.list, s), FlagRule::fast_solution);
    ASSERT_EQ(flags.size(), 1u);
    EXPECT_EQ(flags[0].votes, (std::vector<VoteId>{VoteId{1}, VoteId{2}}));
}

TEST(VoteFlags, AVoidedFlagStaysAndSaysHowManyOfItsVotesAreVoided) {
    FraudSettings s;
    s.burst_votes = 2;
    s.burst_seconds = 60;
    Votes v;
    for (int i = 0; i < 4; ++i) v.add(i + 1, 1, "203.0.113.9", i);
    for (auto& e : v.list) e.voided = e.id.value <= 3;
    const auto flags = of_rule(find_flags(v.list, s), FlagRule::address_burst);
    ASSERT_EQ(flags.size(), 1u);
    EXPECT_EQ(flags[0].voided, 3);
}

}  // namespace
}  // namespace wangju
