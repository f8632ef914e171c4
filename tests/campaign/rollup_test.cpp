#include <gtest/gtest.h>

#include <random>

#include "domain/campaign_rollup.h"

namespace wangju {
namespace {

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// A random tree: unit i (1-based) has a parent among 1..i-1.
std::vector<Unit> random_tree(std::mt19937& rng, int n) {
    std::vector<Unit> units;
    for (int i = 1; i <= n; ++i) {
        Unit u;
        u.id = UnitId{i};
        if (i == 1) {
            u.path = "/1/";
        } else {
            std::uniform_int_distribution<int> pick(1, i - 1);
            const auto& parent = units[pick(rng) - 1];
            u.parent = parent.id;
            u.path = path_of_child(parent.path, u.id);
        }
        units.push_back(u);
    }
    return units;
}

TEST(Rollup, IncrementalTotalsEqualBruteForceSumsOverRandomTrees) {
    std::mt19937 rng(20230805);
    for (int round = 0; round < 50; ++round) {
        const auto units = random_tree(rng, 2 + round * 3);
        std::map<UnitId, long long> own, rolled;
        std::uniform_int_distribution<int> who(0, static_cast<int>(units.size()) - 1);
        std::uniform_int_distribution<int> value(-5, 40);  // negatives are unlocks
        for (int r = 0; r < 200; ++r) {
            const auto& u = units[who(rng)];
            const long long v = value(rng);
            own[u.id] += v;
            add_along_path(rolled, u.path, v);
        }
        for (const auto& a : units) {
            long long brute = 0;
            for (const auto& b : units)
                if (is_within(b.path, a.path)) brute += own[b.id];
            EXPECT_EQ(rolled[a.id], brute) << "unit " << a.id.value << " round " << round;
        }
    }
}

TEST(Completeness, NeverExceedsOneHundredPercent) {
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        std::vector<Unit> children;
        std::map<UnitId, ReportCounts> counts;
        const int n = static_cast<int>(rng() % 20);
        for (int i = 0; i < n; ++i) {
            Unit u;
            u.id = UnitId{i + 1};
            if (rng() % 4 == 0) u.opens_on = day(2023, 6, 1 + rng() % 28);
            if (rng() % 4 == 0) u.closes_on = day(2023, 7 + rng() % 3, 1 + rng() % 28);
            children.push_back(u);
            if (rng() % 2) counts[u.id] = {static_cast<long long>(rng() % 3), static_cast<long long>(rng() % 3)};
        }
        const auto c = completeness(children, counts, day(2023, 8, 5));
        EXPECT_LE(c.on_time + c.late, c.expected);
        EXPECT_GE(c.missing, 0);
        EXPECT_LE(c.percent(), 100.0);
        EXPECT_GE(c.percent(), 0.0);
    }
}

TEST(Completeness, UnitsOpenedOrClosedMidCampaignAreCountedByTheDeadlineDay) {
    const Date due = day(2023, 8, 5);
    Unit steady, opened_before, opened_after, closed_before, closed_after;
    steady.id = UnitId{1};
    opened_before.id = UnitId{2};
    opened_before.opens_on = day(2023, 7, 1);
    opened_after.id = UnitId{3};
    opened_after.opens_on = day(2023, 8, 6);
    closed_before.id = UnitId{4};
    closed_before.closes_on = day(2023, 7, 20);
    closed_after.id = UnitId{5};
    closed_after.closes_on = day(2023, 9, 1);
    std::map<UnitId, ReportCounts> counts{
        {UnitId{1}, {1, 0}},  // on time
        {UnitId{2}, {0, 2}},  // late only
        {UnitId{3}, {1, 0}},  // not expected: reported, yet not counted
        {UnitId{4}, {1, 0}},  // not expected: closed before the deadline
    };
    const auto c = completeness({steady, opened_before, opened_after, closed_before, closed_after},
                                counts, due);
    EXPECT_EQ(c.expected, 3);
    EXPECT_EQ(c.on_time, 1);
    EXPECT_EQ(c.late, 1);
    EXPECT_EQ(c.missing, 1);
    EXPECT_NEAR(c.percent(), 200.0 / 3, 1e-9);
    EXPECT_EQ(completeness({}, {}, due).percent(), 100.0);
}

TEST(QuotaSplit, ComparesChildrenWithOwnQuota) {
    EXPECT_EQ(quota_split(10, {3, 3, 3}).status, SplitStatus::under);
    EXPECT_EQ(quota_split(9, {3, 3, 3}).status, SplitStatus::exact);
    EXPECT_EQ(quota_split(8, {3, 3, 3}).status, SplitStatus::over);
    EXPECT_EQ(quota_split(8, {}).status, SplitStatus::none);
    EXPECT_EQ(quota_split(std::nullopt, {3, 4}).children_sum, 7);
    EXPECT_DOUBLE_EQ(progress_percent(3, 4), 75.0);
    EXPECT_DOUBLE_EQ(progress_percent(3, std::nullopt), 0.0);
}

}  // namespace
}  // namespace wangju
