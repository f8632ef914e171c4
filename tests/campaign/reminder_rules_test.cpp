// Who is reminded, when, and of what: reminders_due and reminder_text at a given `now`.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/campaign_reminder.h"

namespace wangju {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

Unit unit(long long id, const std::string& path, const std::string& name) {
    Unit u;
    u.id = UnitId{id};
    u.code = "u" + std::to_string(id);
    u.name = name;
    u.path = path;
    u.level = static_cast<int>(std::count(path.begin(), path.end(), '/')) - 2;
    return u;
}

class ReminderRules : public ::testing::Test {
  protected:
    void SetUp() override {
        facts.campaign = {CampaignId{7}, 2023, "网聚职工正能量 争做中国好网民", "", {}};
        facts.metrics = {{MetricId{1}, CampaignId{7}, "offline_activities", "开展线下活动", "场",
                          MetricSource::activity_count, 1},
                         {MetricId{2}, CampaignId{7}, "workers_reached", "覆盖职工", "人",
                          MetricSource::participants, 2}};
        // district 1 sets 5 August for its towns 2 and 3; town 3 sets 1 August for its unit 4.
        facts.units = {unit(2, "/1/2/", "新河街道"), unit(3, "/1/3/", "泰达开发区"),
                       unit(4, "/1/3/4/", "泰达社区")};
        facts.deadlines = {{1, CampaignId{7}, duty_activity_report, UnitId{1}, due},
                           {2, CampaignId{7}, duty_activity_report, UnitId{3}, early}};
        facts.figures = {{UnitId{2}, MetricId{1}, 3, 1},
                         {UnitId{2}, MetricId{2}, 100, 120},
                         {UnitId{3}, MetricId{1}, 2, 2},
                         {UnitId{4}, MetricId{2}, 50, 10}};
    }

    std::vector<Reminder> at(Timestamp now) { return reminders_due(facts, now, window); }

    const Date due = *parse_date("2023-08-05");
    const Date early = *parse_date("2023-08-01");
    const Timestamp end_of_due = end_of_shanghai_day(due);  // 2023-08-05T15:59:59Z
    const seconds window = hours(72);
    ReminderFacts facts;
};

TEST_F(ReminderRules, TheUnitBehindGetsItsMetricsBehindWhenTheDeadlineIsNear) {
    auto due_soon = at(end_of_due - hours(48));
    ASSERT_EQ(due_soon.size(), 1u);
    EXPECT_EQ(due_soon[0].unit, UnitId{2});
    EXPECT_EQ(due_soon[0].due_on, due);
    ASSERT_EQ(due_soon[0].behind.size(), 1u);  // 覆盖职工 120 of 100 is done
    EXPECT_EQ(due_soon[0].behind[0].name, "开展线下活动");
    EXPECT_EQ(due_soon[0].behind[0].approved, 1);
    EXPECT_EQ(due_soon[0].behind[0].quota, 3);
}

TEST_F(ReminderRules, TheWindowIsInclusiveAndAPassedDeadlineIsNotReminded) {
    EXPECT_EQ(at(end_of_due - window).size(), 1u);
    EXPECT_TRUE(at(end_of_due - window - seconds(1)).empty());
    EXPECT_EQ(at(end_of_due).size(), 1u);  // 23:59:59 on the day
    EXPECT_TRUE(at(end_of_due + seconds(1)).empty());
}

TEST_F(ReminderRules, TheNearestUnitAboveDecidesTheDeadline) {
    // Unit 4 must report by 1 August (set by town 3), not 5 August.
    auto before_early = at(end_of_shanghai_day(early) - hours(1));
    ASSERT_EQ(before_early.size(), 1u);
    EXPECT_EQ(before_early[0].unit, UnitId{4});
    EXPECT_EQ(before_early[0].due_on, early);
    EXPECT_EQ(before_early[0].behind[0].name, "覆盖职工");
}

TEST_F(ReminderRules, AnExtensionPastTheWindowHoldsTheReminderBackUntilItNears) {
    const Date later = *parse_date("2023-08-20");
    facts.extensions = {
        {1, CampaignId{7}, duty_activity_report, UnitId{2}, later, "防汛", UserId{1}, {}}};
    EXPECT_TRUE(at(end_of_due - hours(48)).empty());
    auto near_extension = at(end_of_shanghai_day(later) - hours(10));
    ASSERT_EQ(near_extension.size(), 1u);
    EXPECT_EQ(near_extension[0].due_on, later);
    // An extension to a date before the deadline changes nothing.
    facts.extensions[0].until = *parse_date("2023-08-03");
    EXPECT_EQ(at(end_of_due - hours(48)).size(), 1u);
}

TEST_F(ReminderRules, AReminderSentBeforeOrToAClosedUnitIsNotSentAgain) {
    auto first = at(end_of_due - hours(48));
    ASSERT_EQ(first.size(), 1u);
    facts.sent.insert(first[0].key());
    EXPECT_TRUE(at(end_of_due - hours(47)).empty());
    facts.sent.clear();
    facts.units[0].closes_on = *parse_date("2023-08-01");
    EXPECT_TRUE(at(end_of_due - hours(48)).empty());
}

TEST_F(ReminderRules, TheTextNamesCampaignDeadlineCountdownAndFigures) {
    const auto now = end_of_due - hours(48);
    auto r = at(now);
    ASSERT_EQ(r.size(), 1u);
    auto text = reminder_text(r[0], facts.campaign, "新河街道", now,
                              "https://wangju.example.cn/campaigns/7/dashboard?unit=u2");
    EXPECT_NE(text.title.find("网聚职工正能量 争做中国好网民"), std::string::npos);
    EXPECT_NE(text.title.find("2023-08-05"), std::string::npos);
    EXPECT_NE(text.body.find("2023-08-05 24:00"), std::string::npos);
    EXPECT_NE(text.body.find(countdown_text(due, now)), std::string::npos);
    EXPECT_NE(text.body.find("开展线下活动:已完成 1 场,任务 3 场,还差 2 场"), std::string::npos);
    EXPECT_EQ(text.body.find("覆盖职工"), std::string::npos);
    EXPECT_NE(text.body.find("https://wangju.example.cn/campaigns/7/dashboard?unit=u2"),
              std::string::npos);
}

TEST(EmailAddress, CommonAddressesPassAndMistakesAreNamed) {
    EXPECT_EQ(check_email("bhzghxcwlb2@tj.gov.cn"), "");
    EXPECT_EQ(check_email("yu.guofeng+campaign@bhxqgh.com"), "");
    for (const char* bad : {"", "tj.gov.cn", "a@b", "a@@b.cn", "a b@tj.gov.cn", "a@-tj.gov.cn",
                            "a@tj..cn", ".a@tj.gov.cn", "于国锋@tj.gov.cn"}) {
        EXPECT_NE(check_email(bad), "") << bad;
    }
    EXPECT_NE(check_email(std::string(250, 'a') + "@t.cn"), "");
}

}  // namespace
}  // namespace wangju
