// The rules of a public vote: each limit at its edge, days that turn at midnight Asia/Shanghai,
// the period, when totals are public, and the settings' checks.
#include <gtest/gtest.h>

#include "domain/error.h"
#include "domain/public_vote.h"
#include "domain/vote_counters.h"

namespace wangju {
namespace {

Timestamp at(const char* utc) {
    return *parse_utc(utc);
}

PublicVote open_vote() {
    PublicVote v;
    v.id = PublicVoteId{1};
    v.name = "微视频网络投票";
    v.tracks = {"micro_videos"};
    v.starts_at = at("2023-10-01T00:00:00Z");
    v.ends_at = at("2023-10-11T00:00:00Z");
    v.rules.per_account_per_work_per_day = 1;
    v.rules.per_account_per_day = 3;
    v.rules.per_address_per_day = 5;
    return v;
}

TEST(VoteDays, TurnAtMidnightInShanghaiNotAtMidnightUtc) {
    // 2023-10-02 15:59:59Z is 23:59:59 in Beijing; a second later it is the next day there.
    EXPECT_EQ(vote_day(at("2023-10-02T15:59:59Z")) + 1, vote_day(at("2023-10-02T16:00:00Z")));
    EXPECT_EQ(vote_day(at("2023-10-02T00:00:00Z")), vote_day(at("2023-10-02T15:59:59Z")));
    EXPECT_EQ(next_vote_day(at("2023-10-02T10:00:00Z")), at("2023-10-02T16:00:00Z"));
    EXPECT_EQ(next_vote_day(at("2023-10-02T16:00:00Z")), at("2023-10-03T16:00:00Z"));
}

TEST(VoteRulesCheck, TheFirstVoteOnAWorkPassesTheSecondTheSameDayIsRefusedUntilMidnight) {
    const auto vote = open_vote();
    const auto now = at("2023-10-02T10:00:00Z");  // 18:00 in Beijing
    EXPECT_FALSE(check_vote(vote, {0, 0, 0}, now));
    const auto refusal = check_vote(vote, {1, 1, 1}, now);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->rule, VoteRule::account_per_work);
    EXPECT_EQ(refusal->message, "今日已为该作品投票,明天 00:00 后可再投");
    EXPECT_EQ(refusal->retry_at, at("2023-10-02T16:00:00Z"));
}

TEST(VoteRulesCheck, EachDailyLimitRefusesAtItsLimitAndNotBelow) {
    const auto vote = open_vote();
    const auto now = at("2023-10-02T10:00:00Z");
    EXPECT_FALSE(check_vote(vote, {0, 2, 4}, now));
    auto r = check_vote(vote, {0, 3, 0}, now);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rule, VoteRule::account_per_day);
    EXPECT_EQ(r->message, "今日已投满 3 票,明天 00:00 后可再投");
    r = check_vote(vote, {0, 0, 5}, now);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rule, VoteRule::address_per_day);
    EXPECT_NE(r->message.find("网络地址今日已投满 5 票"), std::string::npos);
}

TEST(VoteRulesCheck, OnTheLastDayThereIsNoTomorrow) {
    const auto vote = open_vote();
    // 01:00 on 11 October in Beijing; the vote ends at 08:00 that day.
    const auto r = check_vote(vote, {1, 1, 1}, at("2023-10-10T17:00:00Z"));
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->retry_at);
    EXPECT_EQ(r->message, "今日已为该作品投票,本次投票期内不能再投");
}

TEST(VoteRulesCheck, VotesBeforeTheStartAndFromTheEndOnAreRefused) {
    const auto vote = open_vote();
    auto r = check_vote(vote, {}, at("2023-09-30T23:59:59Z"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rule, VoteRule::outside_period);
    EXPECT_EQ(r->retry_at, vote.starts_at);
    EXPECT_FALSE(check_vote(vote, {}, at("2023-10-01T00:00:00Z")));
    EXPECT_FALSE(check_vote(vote, {}, at("2023-10-10T23:59:59Z")));
    r = check_vote(vote, {}, at("2023-10-11T00:00:00Z"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rule, VoteRule::outside_period);
    EXPECT_FALSE(r->retry_at);
}

TEST(VoteCountersTest, CountPerAccountWorkAndAddressAndForgetPastDays) {
    VoteCounters c;
    const PublicVoteId v{1};
    const auto day = vote_day(at("2023-10-02T10:00:00Z"));
    c.add(v, VoterId{7}, WorkId{3}, "203.0.113.9", day, 1);
    c.add(v, VoterId{7}, WorkId{4}, "203.0.113.9", day, 1);
    c.add(v, VoterId{8}, WorkId{3}, "203.0.113.9", day, 1);
    auto n = c.counts(v, VoterId{7}, WorkId{3}, "203.0.113.9", day);
    EXPECT_EQ(n.account_on_work, 1);
    EXPECT_EQ(n.account, 2);
    EXPECT_EQ(n.address, 3);
    // The next day in Shanghai starts from nothing.
    n = c.counts(v, VoterId{7}, WorkId{3}, "203.0.113.9", day + 1);
    EXPECT_EQ(n.account + n.address + n.account_on_work, 0);
    c.add(v, VoterId{7}, WorkId{3}, "203.0.113.9", day, -1);  // a vote given back
    EXPECT_EQ(c.counts(v, VoterId{7}, WorkId{3}, "203.0.113.9", day).account_on_work, 0);
    n = c.counts(v, VoterId{7}, WorkId{4}, "203.0.113.9", day);
    EXPECT_EQ(n.account_on_work, 1);
    EXPECT_EQ(n.account, 1);
    EXPECT_EQ(n.address, 2);
    // Another vote, another address: counted apart.
    n = c.counts(PublicVoteId{2}, VoterId{7}, WorkId{4}, "203.0.113.10", day);
    EXPECT_EQ(n.account + n.address + n.account_on_work, 0);
    c.add(v, VoterId{7}, WorkId{4}, "203.0.113.9", day, -1);
    c.add(v, VoterId{8}, WorkId{3}, "203.0.113.9", day, -1);
    EXPECT_EQ(c.size(), 0u);  // nothing left to count
    c.add(v, VoterId{9}, WorkId{3}, "203.0.113.9", day, 1);
    c.drop_days_before(day + 1);
    EXPECT_EQ(c.size(), 0u);
}

TEST(VoteTotals, ShownNeverLiveOrFromTheirTime) {
    VoteRules r;
    r.totals = TotalsShown::never;
    EXPECT_FALSE(totals_public(r, at("2030-01-01T00:00:00Z")));
    r.totals = TotalsShown::live;
    EXPECT_TRUE(totals_public(r, at("2023-10-02T00:00:00Z")));
    r.totals = TotalsShown::from;
    r.totals_from = at("2023-10-12T00:00:00Z");
    EXPECT_FALSE(totals_public(r, at("2023-10-11T23:59:59Z")));
    EXPECT_TRUE(totals_public(r, at("2023-10-12T00:00:00Z")));
}

std::string field_of(const PublicVote& v) {
    try {
        check_vote_settings(v);
    } catch (const Error& e) {
        return e.fields().empty() ? "?" : e.fields().begin()->first;
    }
    return "";
}

TEST(VoteSettings, NameTracksPeriodLimitsAndThresholdsAreChecked) {
    EXPECT_EQ(field_of(open_vote()), "");
    auto v = open_vote();
    v.name.clear();
    EXPECT_EQ(field_of(v), "name");
    v = open_vote();
    v.tracks.clear();
    EXPECT_EQ(field_of(v), "tracks");
    v = open_vote();
    v.ends_at = v.starts_at;
    EXPECT_EQ(field_of(v), "ends_at");
    v = open_vote();
    v.rules.per_account_per_day = 0;
    EXPECT_EQ(field_of(v), "per_account_per_day");
    v = open_vote();
    v.rules.per_account_per_work_per_day = 4;
    EXPECT_EQ(field_of(v), "per_account_per_work_per_day");
    v = open_vote();
    v.rules.totals = TotalsShown::from;
    EXPECT_EQ(field_of(v), "totals_from");
    v = open_vote();
    v.fraud.alike_accounts = 1;
    EXPECT_EQ(field_of(v), "alike_accounts");
}

TEST(VoteSettings, RulesReadFromJsonKeepWhatIsAbsentAndRefuseWrongTypes) {
    VoteRules r;
    FraudSettings f;
    apply_rules_json({{"per_account_per_day", 20}, {"fraud", {{"burst_votes", 7}}}}, r, f);
    EXPECT_EQ(r.per_account_per_day, 20);
    EXPECT_EQ(r.per_account_per_work_per_day, 1);
    EXPECT_EQ(f.burst_votes, 7);
    VoteRules r2;
    FraudSettings f2;
    apply_rules_json(rules_json(r, f), r2, f2);
    EXPECT_EQ(r2, r);
    EXPECT_EQ(f2, f);
    EXPECT_THROW(apply_rules_json({{"per_account_per_day", "20"}}, r, f), Error);
    EXPECT_THROW(apply_rules_json({{"totals", "sometimes"}}, r, f), Error);
    EXPECT_EQ(r.per_account_per_day, 20);
}

TEST(VoteSettings, RulesAreFixedOnceTheVoteOpens) {
    const auto vote = open_vote();
    EXPECT_NO_THROW(check_rules_editable(vote, at("2023-09-30T12:00:00Z")));
    EXPECT_THROW(check_rules_editable(vote, at("2023-10-01T00:00:00Z")), Error);
}

}  // namespace
}  // namespace wangju
