#include <gtest/gtest.h>

#include "domain/campaign_plan.h"
#include "domain/error.h"

namespace wangju {
namespace {

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

Timestamp utc(const char* text) { return *parse_utc(text); }

TEST(Deadline, LastSecondOfTheDayInShanghaiIsOnTimeAndTheNextIsLate) {
    // 5 August 2023 23:59:59 in Shanghai is 15:59:59 UTC.
    EXPECT_TRUE(is_on_time(utc("2023-08-05T15:59:59Z"), day(2023, 8, 5)));
    EXPECT_FALSE(is_on_time(utc("2023-08-05T16:00:00Z"), day(2023, 8, 5)));
    EXPECT_EQ(format_utc(end_of_shanghai_day(day(2023, 8, 5))), "2023-08-05T15:59:59Z");
    // Early morning in Shanghai is still the previous day in UTC.
    EXPECT_TRUE(is_on_time(utc("2023-08-04T17:00:00Z"), day(2023, 8, 5)));
}

// Units 1 (city) / 2 (district) / 3 (town) / 4 (grassroots).
std::vector<Deadline> plan() {
    return {{1, {}, "activity_report", UnitId{1}, day(2023, 8, 15)},
            {2, {}, "activity_report", UnitId{2}, day(2023, 8, 5)},
            {3, {}, "recommend_works", UnitId{1}, day(2023, 8, 1)}};
}

TEST(Deadline, NearestAncestorThatSetOneDecides) {
    EXPECT_EQ(deadline_for(plan(), "/1/2/3/", "activity_report")->due_on, day(2023, 8, 5));
    EXPECT_EQ(deadline_for(plan(), "/1/2/3/4/", "activity_report")->due_on, day(2023, 8, 5));
    // The district itself answers to the city, not to its own deadline.
    EXPECT_EQ(deadline_for(plan(), "/1/2/", "activity_report")->due_on, day(2023, 8, 15));
    EXPECT_FALSE(deadline_for(plan(), "/1/", "activity_report"));
    EXPECT_EQ(deadline_for(plan(), "/1/2/3/", "recommend_works")->due_on, day(2023, 8, 1));
    EXPECT_FALSE(deadline_for(plan(), "/1/2/3/", "other_duty"));
    EXPECT_EQ(deadline_below(plan(), "/1/2/", "activity_report")->due_on, day(2023, 8, 5));
}

TEST(Deadline, ExtensionKeepsFilingOpenButMarksItLate) {
    auto d = deadline_for(plan(), "/1/2/3/", "activity_report");
    const auto after = utc("2023-08-06T02:00:00Z");
    auto closed = duty_window(d, std::nullopt, after);
    EXPECT_FALSE(closed.open);
    try {
        require_open(closed, "activity_report");
        FAIL() << "filing after the deadline accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::deadline_passed);
        EXPECT_NE(e.message().find("2023-08-05"), std::string::npos);
    }
    Extension ext{1, {}, "activity_report", UnitId{3}, day(2023, 8, 10), "暴雨", UserId{1}, after};
    auto extended = duty_window(d, ext, after);
    EXPECT_TRUE(extended.open);
    EXPECT_TRUE(extended.late);
    EXPECT_NO_THROW(require_open(extended, "activity_report"));
    EXPECT_FALSE(duty_window(d, ext, utc("2023-08-10T16:00:00Z")).open);
    auto before = duty_window(d, std::nullopt, utc("2023-08-05T15:59:59Z"));
    EXPECT_TRUE(before.open);
    EXPECT_FALSE(before.late);
    EXPECT_TRUE(duty_window(std::nullopt, std::nullopt, after).open);
}

TEST(Deadline, CountdownSaysWhatIsLeft) {
    EXPECT_EQ(countdown_text(day(2023, 8, 5), utc("2023-08-03T16:00:00Z")), "还剩 2 天 0 小时");
    EXPECT_EQ(countdown_text(day(2023, 8, 5), utc("2023-08-05T10:30:00Z")), "今天截止,还剩 5 小时 30 分");
    EXPECT_EQ(countdown_text(day(2023, 8, 5), utc("2023-08-05T16:00:00Z")), "已截止");
}

TEST(Phase, EndBeforeStartIsRefused) {
    Phase p{0, {}, 1, "评选", day(2023, 9, 30), day(2023, 8, 1)};
    try {
        check_phase(p);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.fields().at("ends_on"), "结束日期不能早于开始日期");
    }
}

}  // namespace
}  // namespace wangju
