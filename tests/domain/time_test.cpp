#include "domain/time.h"
#include "domain/time_input.h"

#include <gtest/gtest.h>

namespace wangju {
namespace {

using namespace std::chrono_literals;

Timestamp at(std::string_view text) {
    const auto t = parse_utc(text);
    EXPECT_TRUE(t.has_value()) << text;
    return t.value_or(Timestamp{});
}

TEST(Time, FormatsUtcAsIso8601WithZ) {
    EXPECT_EQ(format_utc(Timestamp{0s}), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_utc(Timestamp{1687336200s}), "2023-06-21T08:30:00Z");
}

TEST(Time, ParseAndFormatRoundTrip) {
    for (const char* text :
         {"2023-06-21T08:30:00Z", "2024-02-29T23:59:59Z", "1999-12-31T00:00:01Z"}) {
        EXPECT_EQ(format_utc(at(text)), text);
    }
}

TEST(Time, ParsesTheSpaceSeparatedFormAsUtc) {
    EXPECT_EQ(parse_utc("2023-06-21 08:30:00"), parse_utc("2023-06-21T08:30:00Z"));
}

TEST(Time, RefusesMalformedTimestamps) {
    for (const char* text :
         {"", "2023-06-21", "2023-06-21T08:30:00", "2023-06-21T08:30Z", "2023-06-21T24:00:00Z",
          "2023-06-21T08:60:00Z", "2023-02-30T08:00:00Z", "2023-06-21T08:30:00+08:00",
          "2023-06-21T08:30:00.5Z", " 2023-06-21T08:30:00Z", "2023/06/21 08:30:00",
          "2023-06-21x08:30:00Z"}) {
        EXPECT_FALSE(parse_utc(text).has_value()) << text;
    }
}

TEST(Time, DateRoundTrip) {
    const auto d = parse_date("2023-06-21");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(*d, Date{std::chrono::year{2023} / 6 / 21});
    EXPECT_EQ(format_date(*d), "2023-06-21");
    EXPECT_EQ(format_date(Date{std::chrono::year{2024} / 1 / 5}), "2024-01-05");
}

TEST(Time, RefusesDatesNotOnTheCalendar) {
    EXPECT_TRUE(parse_date("2024-02-29").has_value());
    for (const char* text :
         {"2023-02-29", "2023-02-30", "2023-04-31", "2023-13-01", "2023-00-10", "2023-06-00",
          "2023-6-21", "2023-06-21 ", "20230621", "2023-06-2a", "", "2023-06-21T00:00:00Z"}) {
        EXPECT_FALSE(parse_date(text).has_value()) << text;
    }
}

TEST(Time, ShanghaiDateChangesAtSixteenUtc) {
    EXPECT_EQ(shanghai_date(at("2023-08-05T15:59:59Z")), Date{std::chrono::year{2023} / 8 / 5});
    EXPECT_EQ(shanghai_date(at("2023-08-05T16:00:00Z")), Date{std::chrono::year{2023} / 8 / 6});
}

TEST(Time, FormatsShanghaiLocalTime) {
    EXPECT_EQ(format_shanghai(at("2023-08-05T15:59:59Z")), "2023-08-05 23:59");
    EXPECT_EQ(format_shanghai(at("2023-12-31T16:30:00Z")), "2024-01-01 00:30");
}

TEST(Time, DatetimeLocalInputsAreBeijingTime) {
    EXPECT_EQ(format_shanghai_input(at("2023-12-31T16:30:00Z")), "2024-01-01T00:30");
    EXPECT_EQ(parse_shanghai_input("2024-01-01T00:30"), at("2023-12-31T16:30:00Z"));
    EXPECT_FALSE(parse_shanghai_input("2024-02-30T00:30"));
    EXPECT_FALSE(parse_shanghai_input("2024-01-01 00:30"));
    EXPECT_FALSE(parse_shanghai_input("2024-01-01T24:00"));
}

TEST(Time, NowFollowsTheSystemClock) {
    const auto before = std::chrono::floor<std::chrono::seconds>(Clock::now());
    const Timestamp now = now_utc();
    EXPECT_GE(now, before);
    EXPECT_LE(now, before + 5s);
}

}  // namespace
}  // namespace wangju
