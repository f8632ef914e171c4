#include "domain/announcement.h"

#include <gtest/gtest.h>

#include "domain/error.h"

namespace wangju {
namespace {

Date day(const char* text) { return *parse_date(text); }

// The 2023 calendar around the Dragon Boat Festival: 22 to 24 June off, Sunday 25 June worked.
WorkCalendar dragon_boat_2023() {
    WorkCalendar c;
    c.holidays = {day("2023-06-22"), day("2023-06-23"), day("2023-06-24")};
    c.working_weekends = {day("2023-06-25")};
    return c;
}

Announcement notice(const char* first, const char* last) {
    Announcement a;
    a.id = AnnouncementId{1};
    a.first_day = day(first);
    a.last_day = day(last);
    a.entries = {{WorkId{10}, 1, "作品甲", "滨海新区总工会", "微视频", "一等奖", EntryOutcome::listed},
                 {WorkId{11}, 2, "作品乙", "和平区总工会", "微视频", "二等奖",
                  EntryOutcome::withdrawn}};
    return a;
}

Timestamp beijing(const char* date, int hour) {
    return Timestamp{std::chrono::sys_days{day(date)}} + std::chrono::hours{hour - 8};
}

TEST(WorkCalendar, WeekendsAndHolidaysDoNotCountAndAWorkedSundayDoes) {
    const WorkCalendar none;
    EXPECT_TRUE(is_working_day(day("2023-06-16"), none));   // Friday
    EXPECT_FALSE(is_working_day(day("2023-06-17"), none));  // Saturday
    // Five working days from Friday 16 June 2023, with no holidays: 16, 19, 20, 21, 22.
    EXPECT_EQ(last_of_working_days(day("2023-06-16"), 5, none), day("2023-06-22"));
    // With the festival: 16, 19, 20, 21, then Sunday 25 (worked).
    const WorkCalendar c = dragon_boat_2023();
    EXPECT_FALSE(is_working_day(day("2023-06-22"), c));
    EXPECT_TRUE(is_working_day(day("2023-06-25"), c));
    EXPECT_EQ(last_of_working_days(day("2023-06-16"), 5, c), day("2023-06-25"));
    // A notice asked to start on a holiday starts on the next working day.
    EXPECT_EQ(first_working_day_from(day("2023-06-22"), c), day("2023-06-25"));
    EXPECT_EQ(working_days_between(day("2023-06-19"), day("2023-06-26"), c), 5);
    EXPECT_EQ(working_days_between(day("2023-06-26"), day("2023-06-19"), c), 0);
}

TEST(NoticePeriod, IsCheckedAndCountedInWorkingDays) {
    const auto period = check_notice_period(day("2023-06-17"), 5, "联系电话 022-12345678", "",
                                            day("2023-06-16"), dragon_boat_2023());
    EXPECT_EQ(period.first_day, day("2023-06-19"));  // Saturday moves to Monday
    EXPECT_EQ(period.last_day, day("2023-06-26"));   // 19, 20, 21, 25, 26
    try {
        check_notice_period(day("2023-06-15"), 0, "", "", day("2023-06-16"), {});
        FAIL() << "accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_TRUE(e.fields().count("starts"));
        EXPECT_TRUE(e.fields().count("working_days"));
        EXPECT_TRUE(e.fields().count("contact"));
    }
}

TEST(Notice, RunsFromTheFirstDaysMidnightToTheEndOfTheLastBeijingTime) {
    Announcement a = notice("2023-06-19", "2023-06-26");
    EXPECT_EQ(phase_at(a, beijing("2023-06-18", 23)), AnnouncementPhase::scheduled);
    EXPECT_EQ(phase_at(a, beijing("2023-06-19", 0)), AnnouncementPhase::running);
    EXPECT_EQ(phase_at(a, beijing("2023-06-26", 23)), AnnouncementPhase::running);
    EXPECT_EQ(phase_at(a, beijing("2023-06-27", 0)), AnnouncementPhase::ended);
    EXPECT_EQ(working_days_left(a, beijing("2023-06-21", 10), dragon_boat_2023()), 3);
    EXPECT_THROW(require_taking_objections(a, beijing("2023-06-27", 9)), Error);
    EXPECT_NO_THROW(require_taking_objections(a, beijing("2023-06-20", 9)));
    a.closed_at = beijing("2023-06-28", 9);
    EXPECT_EQ(phase_at(a, beijing("2023-06-28", 10)), AnnouncementPhase::closed);
}

TEST(Notice, CannotCloseBeforeItsLastDayEndsNorWithAnOpenObjection) {
    const Announcement a = notice("2023-06-19", "2023-06-26");
    Objection answered;
    answered.answer = ObjectionAnswer::dismissed;
    Objection open;
    EXPECT_THROW(require_closable(a, {}, beijing("2023-06-26", 12)), Error);
    try {
        require_closable(a, {answered, open}, beijing("2023-06-27", 9));
        FAIL() << "closed with an open objection";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
        EXPECT_NE(e.message().find("1 件异议未答复"), std::string::npos) << e.message();
    }
    EXPECT_NO_THROW(require_closable(a, {answered}, beijing("2023-06-27", 9)));
    EXPECT_EQ(final_list(a), std::vector<WorkId>{WorkId{10}});
}

TEST(Objection, NeedsAListedWorkAReasonARealNameAndAPhone) {
    const Announcement a = notice("2023-06-19", "2023-06-26");
    NewObjection good{10, "  作品涉嫌抄袭  ", " 李明 ", "138 1234 5678"};
    EXPECT_NO_THROW(check_new_objection(good, a));
    EXPECT_EQ(good.reason, "作品涉嫌抄袭");
    NewObjection bad{11, "", "", "12"};  // 11 was withdrawn
    try {
        check_new_objection(bad, a);
        FAIL() << "accepted";
    } catch (const Error& e) {
        for (const char* field : {"work_id", "reason", "name", "phone"}) {
            EXPECT_TRUE(e.fields().count(field)) << field;
        }
    }
    NewObjection long_reason{10, std::string(2001, 'x'), "李明", "13812345678"};
    EXPECT_THROW(check_new_objection(long_reason, a), Error);
    long_reason.reason = std::string(2000, 'x');
    EXPECT_NO_THROW(check_new_objection(long_reason, a));
}

TEST(Objection, AnAnswerIsGivenOnceWithAReasonAndAnUpheldOneSaysWhatBecomesOfTheWork) {
    const Announcement a = notice("2023-06-19", "2023-06-26");
    Objection o;
    EXPECT_THROW(check_answer(a, o, ObjectionAnswer::upheld, std::nullopt, "理由"), Error);
    EXPECT_THROW(check_answer(a, o, ObjectionAnswer::dismissed, std::nullopt, ""), Error);
    EXPECT_NO_THROW(check_answer(a, o, ObjectionAnswer::upheld, EntryOutcome::returned, "理由"));
    o.answer = ObjectionAnswer::dismissed;
    EXPECT_THROW(check_answer(a, o, ObjectionAnswer::dismissed, std::nullopt, "理由"), Error);
}

TEST(ObjectionCode, IsDatedAndReadable) {
    const std::string code = objection_code(day("2023-06-19"), "\x00\x01\x02\x03\x04\x05\x06\x07");
    EXPECT_EQ(code.substr(0, 8), "YY230619");
    EXPECT_EQ(code.size(), 16u);
    EXPECT_TRUE(looks_like_objection_code(code));
    EXPECT_FALSE(looks_like_objection_code("YY2306190O1IL000"));
    EXPECT_FALSE(looks_like_objection_code("XJ230619ABCD"));
}

}  // namespace
}  // namespace wangju
